#!/usr/bin/env python3
"""What the message prefilter saves: `certdiag --jobs 1 --format json` on each 256 MiB corpus with
the prefilter (the default) and without it (CERTDIAG_PREFILTER=off), in interleaved pairs after one
untimed run; prints a Markdown row per corpus with the medians of wall and CPU time and of the
per-pair ratios (with/without: below 1 is faster).

    python3 bench/prefilter_ab.py --certdiag build/release/certdiag --pairs 3
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

FORMATS = ["cmtrace", "sms-trace", "dotnet", "event-xml", "event-xml-oneline", "iis"]


def run(certdiag, path, mode):
    """Wall and CPU (user + system) seconds of one analysis."""
    env = dict(os.environ, CERTDIAG_PREFILTER=mode)
    start = time.monotonic()
    child = subprocess.Popen([certdiag, "--jobs", "1", "--format", "json", str(path)],
                             stdout=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(child.pid, 0)
    return time.monotonic() - start, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--certdiag", default="build/release/certdiag")
    ap.add_argument("--corpus", default="bench/corpus")
    ap.add_argument("--size", default="256M")
    ap.add_argument("--pairs", type=int, default=3)
    args = ap.parse_args()
    print("| corpus | without s | with s | wall with/without (min–max) | without CPU s | with CPU s | CPU with/without |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for fmt in FORMATS:
        path = Path(args.corpus) / f"{fmt}-{args.size}.log"
        if not path.exists():
            print(f"prefilter_ab: {path} missing (bench/run.sh writes it)", file=sys.stderr)
            continue
        run(args.certdiag, path, "on")  # warms the page cache
        with_, without = [], []
        for i in range(args.pairs):
            for mode in (("on", "off") if i % 2 == 0 else ("off", "on")):
                (with_ if mode == "on" else without).append(run(args.certdiag, path, mode))
        wall = [w[0] / o[0] for w, o in zip(with_, without)]
        cpu = [w[1] / o[1] for w, o in zip(with_, without)]
        med = statistics.median
        print(f"| {path.name} | {med(o[0] for o in without):.2f} | {med(w[0] for w in with_):.2f} | "
              f"**{med(wall):.2f}** ({min(wall):.2f}–{max(wall):.2f}) | {med(o[1] for o in without):.2f} | "
              f"{med(w[1] for w in with_):.2f} | **{med(cpu):.2f}** |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
