#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the repository's own files.

Usage: fuzz/make_seeds.py ROOT OUT    (scripts/fuzz.sh runs it; OUT is build/fuzz/corpus)

OUT/<target>/ gets one file per seed, named by its SHA-1 so that reruns add nothing twice. Seeds
are small pieces of samples/ (whole logs are larger than -max_len), each prefixed with the
control bytes its target reads first (see fuzz/checks.h), the .evtx files under samples/ and
tests/data/, and the rule packs under patterns/ and tests/data/bad_patterns/. Nothing here is
committed: the corpora grow in build/.
"""
import hashlib
import pathlib
import sys

LINES_PER_SEED = 40
# Control bytes: (chunk size and chopping, line limit). 0xFF as line limit is the default 1 MiB.
LINE_READER_CONTROLS = [b"\x05\xff", b"\x27\x1f", b"\x00\x03"]
# (format, line limit): 0xFF as format means "detect it as a run does".
TOKENIZER_CONTROLS = [b"\xff\xff", b"\xff\x40"]


def write(out: pathlib.Path, data: bytes) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def utf16_unit(data: bytes) -> bytes:
    """The line feed as the file encodes it: UTF-16 files hold it in two bytes."""
    if data.startswith(b"\xff\xfe") or (len(data) > 1 and data[1] == 0 and data[0] != 0):
        return b"\n\x00"
    if data.startswith(b"\xfe\xff") or (len(data) > 1 and data[0] == 0 and data[1] != 0):
        return b"\x00\n"
    return b"\n"


def pieces(data: bytes) -> list[bytes]:
    """The file cut into runs of LINES_PER_SEED lines, cut only at line feeds (UTF-16 aware)."""
    newline = utf16_unit(data)
    lines, start = [], 0
    while start < len(data):
        end = data.find(newline, start)
        # A UTF-16 line feed must start at an even offset.
        while end != -1 and len(newline) == 2 and end % 2 != 0:
            end = data.find(newline, end + 1)
        end = len(data) if end == -1 else end + len(newline)
        lines.append(data[start:end])
        start = end
    runs = [b"".join(lines[i : i + LINES_PER_SEED]) for i in range(0, len(lines), LINES_PER_SEED)]
    if newline != b"\n" and runs and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Later runs lose the BOM; give one of them back its BOM as well.
        runs.append(data[:2] + runs[-1])
    return runs


def main() -> int:
    root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    logs = [p for p in sorted((root / "samples").rglob("*")) if p.is_file() and p.suffix != ".md"]
    text_logs = [p for p in logs if p.suffix.lower() != ".evtx"]
    for path in text_logs:
        for i, run in enumerate(pieces(path.read_bytes())):
            write(out / "fuzz_line_reader", LINE_READER_CONTROLS[i % len(LINE_READER_CONTROLS)] + run)
            write(out / "fuzz_tokenizer", TOKENIZER_CONTROLS[i % len(TOKENIZER_CONTROLS)] + run)

    evtx = [p for p in logs if p.suffix.lower() == ".evtx"]
    evtx += sorted((root / "tests/data").rglob("*.evtx"))
    for path in evtx:
        data = path.read_bytes()
        write(out / "fuzz_evtx", data[: 4096 + 65536])  # the file header and the first chunk
        write(out / "fuzz_evtx", data)
    if not evtx:
        # No .evtx in the repository yet: the file header alone still reaches read_evtx's paths.
        write(out / "fuzz_evtx", b"ElfFile\x00" + bytes(4088))

    packs = sorted((root / "patterns").rglob("*.yaml"))
    packs += sorted((root / "tests/data/bad_patterns").rglob("*.yaml"))
    for path in packs:
        write(out / "fuzz_rules", path.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
