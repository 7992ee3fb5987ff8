"""What the sample generators share: where samples go, time helpers, a sample file of lines with
marks on some of them, events merged in time order, and writing or checking the generated files.

Python standard library only; nothing here reads the clock, the locale or the environment.
"""

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def T(*args):
    return dt.datetime(*args)


def iso_ms(t):
    if t.microsecond:
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def bias_text(bias):
    return f"{bias:+04d}"


def busy(t, windows):
    return any(a <= t <= b for a, b in windows)


def fail(label):
    return {"kind": "failure", "label": label}


def trap(label):
    return {"kind": "trap", "label": label}


# --------------------------------------------------------------------------------------------------
# A sample file: physical lines, marks on some of them, and how it is encoded.


class Sample:
    def __init__(self, rel, fmt, scenario, expect, encoding="ascii", newline="\r\n", note=""):
        self.rel = rel
        self.fmt = fmt
        self.scenario = scenario
        self.expect = expect
        self.encoding = encoding  # ascii | utf-8 | utf-8-bom | utf-16le-bom | cp1252
        self.newline = newline
        self.note = note
        self.bias = None
        self.lines = []
        self.marks = []  # dicts: line, kind (failure|trap|context), label, written, utc, text
        self.records = 0
        self.first_utc = None
        self.last_utc = None

    def record_time(self, utc):
        self.records += 1
        self.first_utc = utc if self.first_utc is None else min(self.first_utc, utc)
        self.last_utc = utc if self.last_utc is None else max(self.last_utc, utc)

    def add(self, text, mark=None):
        first = len(self.lines) + 1
        self.lines.extend(text.split("\n"))
        if mark:
            mark = dict(mark)
            mark["line"] = first
            self.marks.append(mark)
        return first

    def text(self):
        return self.newline.join(self.lines) + self.newline

    def render(self):
        text = self.text()
        if self.encoding == "ascii":
            return text.encode("ascii")
        if self.encoding == "utf-8":
            return text.encode("utf-8")
        if self.encoding == "utf-8-bom":
            return b"\xef\xbb\xbf" + text.encode("utf-8")
        if self.encoding == "utf-16le-bom":
            return b"\xff\xfe" + text.encode("utf-16-le")
        if self.encoding == "cp1252":
            return text.encode("cp1252")
        raise ValueError(self.encoding)

    def failures(self):
        return [m for m in self.marks if m["kind"] == "failure"]

    def traps(self):
        return [m for m in self.marks if m["kind"] == "trap"]


class Events:
    """Records from several generators, written in time order (ties keep insertion order)."""

    def __init__(self):
        self.items = []

    def add(self, t, rec, mark=None):
        self.items.append((t, len(self.items), rec, mark))

    def ordered(self):
        return sorted(self.items, key=lambda e: (e[0], e[1]))


# --------------------------------------------------------------------------------------------------
# The command line every generator has: write the files, or --check them against the disk.


def check_requested(doc):
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0].replace("\n", " "))
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    return ap.parse_args().check


def write_or_check(files, check):
    """Writes `files` (path under samples/ -> bytes) where they differ, or with `check` only says
    which differ. Returns the exit status: 1 when `check` found a difference."""
    bad = 0
    for rel, data in sorted(files.items()):
        path = SAMPLES / rel
        if path.is_file() and path.read_bytes() == data:
            continue
        if check:
            print(f"samples/{rel}: differs from the generator's output", file=sys.stderr)
            bad += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote samples/{rel}")
    return 1 if bad else 0


def run(doc, build):
    """The generator's main: `build()` gives (samples, files); writes or checks the files and
    lists the samples written with their failure lines."""
    check = check_requested(doc)
    samples, files = build()
    status = write_or_check(files, check)
    if not check:
        for s in samples:
            fl = ", ".join(str(m["line"]) for m in s.failures()[:6]) or "-"
            print(f"samples/{s.rel}: {len(s.lines)} lines, {len(files[s.rel])} bytes, failure lines: {fl}")
    return status
