#!/usr/bin/env python3
"""Checks that certdiag's message prefilter hides no signal: writes a small corpus of every bench
format (make_corpus.py, with a failure line every few records, so every `samples: match:` text of
the packs is planted many times among benign lines and near misses) and analyses each with the
prefilter off and on from the first message (CERTDIAG_PREFILTER=off / at-once). Every signal
(`--format ndjson --emit signals`) and the whole report must be the same, apart from the run's
clock. Exits 1 on any difference.

    python3 bench/check_prefilter.py --certdiag build/release/certdiag --work build/prefilter
    python3 bench/check_prefilter.py --certdiag build/release/certdiag --corpus bench/corpus/*.log

`--corpus FILE...` compares existing corpora (e.g. the 256 MiB ones of bench/run.sh) instead.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # noqa: E402

CLOCK = {"now", "elapsed_s"}  # the run's own time, different in every run


def without_clock(value):
    if isinstance(value, dict):
        return {k: without_clock(v) for k, v in value.items() if k not in CLOCK}
    if isinstance(value, list):
        return [without_clock(v) for v in value]
    return value


def analyse(certdiag, path, prefilter):
    env = dict(os.environ, CERTDIAG_PREFILTER=prefilter)
    run = subprocess.run([certdiag, "--jobs", "1", "--format", "ndjson", "--emit", "signals", str(path)],
                         env=env, capture_output=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"check_prefilter: certdiag exited {run.returncode} on {path}: {run.stderr.decode()[:400]}")
    lines = [without_clock(json.loads(line)) for line in run.stdout.decode("utf-8").splitlines() if line]
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--certdiag", required=True)
    ap.add_argument("--work", default="build/prefilter", help="folder for the small corpora")
    ap.add_argument("--size", type=make_corpus.parse_size, default=make_corpus.parse_size("1M"))
    ap.add_argument("--corpus", nargs="*", help="compare these files instead of writing corpora")
    args = ap.parse_args()

    if args.corpus:
        corpora = [Path(p) for p in args.corpus]
    else:
        make_corpus.FAILURE_EVERY = 8  # a failure line every few records: every sample, many times
        texts = make_corpus.Texts(str(make_corpus.packs.PATTERNS))
        corpora = []
        for fmt in make_corpus.FORMATS:
            path = Path(args.work) / f"{fmt}.log"
            make_corpus.write(path, fmt, args.size, 1, texts)
            corpora.append(path)

    failed = 0
    for path in corpora:
        off = analyse(args.certdiag, path, "off")
        on = analyse(args.certdiag, path, "at-once")
        signals = sum(1 for line in off if line.get("type") == "signal")
        if off != on:
            failed += 1
            diff = next((i for i, (a, b) in enumerate(zip(off, on)) if a != b), min(len(off), len(on)))
            print(f"{path}: DIFFERENT at output line {diff + 1}: without {len(off)} lines, with {len(on)}")
        elif signals == 0:
            failed += 1
            print(f"{path}: no signal at all: the comparison proves nothing")
        else:
            print(f"{path}: same {signals} signals and report with and without the prefilter")
    print(f"{len(corpora) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
