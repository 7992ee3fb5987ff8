#!/usr/bin/env python3
"""How much reading the chunks of one large .evtx file on several threads gains.

Writes bench/corpus/evtx-large.evtx: the file header of the first .evtx file found, then every
chunk (64 KiB, "ElfChnk" signature) of every .evtx file in the folders given, in name order,
repeated until the file reaches --mb. Then runs `certdiag --format json -o /dev/null --jobs N`
on it for each N of --jobs, interleaved (N1, N2, ..., N1, N2, ...) --pairs times so that load
from other processes falls on all alike, and prints one Markdown row per N: median wall time,
MB/s, CPU time, peak RSS, and the speed-up against the first N with its min–max over the
rounds (each round's ratio is taken within that round).

  python3 bench/evtx_jobs.py --bin build/release/certdiag --jobs 1 2 ../shared/data/evtx ...
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HEADER = 4096
CHUNK = 65536


def chunks_of(path):
    with open(path, "rb") as f:
        data = f.read()
    for at in range(HEADER, len(data) - CHUNK + 1, CHUNK):
        if data[at:at + 8] == b"ElfChnk\0":
            yield data[at:at + CHUNK]


def make_large(folders, target_mb, out):
    files = sorted(os.path.join(root, name) for folder in folders
                   for root, _, names in os.walk(folder) for name in names
                   if name.endswith(".evtx"))
    if not files:
        sys.exit("evtx_jobs: no .evtx files in " + " ".join(folders))
    with open(files[0], "rb") as f:
        header = f.read(HEADER)
    chunks = [chunk for path in files for chunk in chunks_of(path)]
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        f.write(header)
        written = 0
        while written < target_mb * 1e6:
            for chunk in chunks:
                f.write(chunk)
            written += len(chunks) * CHUNK
    return len(files), len(chunks)


def run(binary, path, jobs):
    """Wall seconds, CPU seconds and peak RSS (MiB) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen([binary, "--format", "json", "-o", os.devnull, "--jobs", str(jobs),
                                path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1, 3):  # 3: damaged records, reported
        sys.exit(f"evtx_jobs: certdiag --jobs {jobs} failed: {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default="build/release/certdiag")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "corpus",
                                                      "evtx-large.evtx"))
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    files, chunks = make_large(args.folders, args.mb, args.out)
    size = os.path.getsize(args.out)
    print(f"{args.out}: {size / 1e6:.0f} MB, the {chunks} chunks of {files} files repeated; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} before the runs")
    rounds = {jobs: [] for jobs in args.jobs}
    for _ in range(args.pairs):
        for jobs in args.jobs:
            rounds[jobs].append(run(args.bin, args.out, jobs))
    print(f"load average {os.getloadavg()[0]:.1f} after the runs\n")
    print("| --jobs | wall s (median) | MB/s | CPU s | peak RSS MiB | speed-up (min–max) |")
    print("|---:|---:|---:|---:|---:|---:|")
    base = rounds[args.jobs[0]]
    for jobs, runs in rounds.items():
        wall = statistics.median(r[0] for r in runs)
        ratios = [b[0] / r[0] for b, r in zip(base, runs)]
        print(f"| {jobs} | {wall:.2f} | {size / 1e6 / wall:.0f} | "
              f"{statistics.median(r[1] for r in runs):.2f} | "
              f"{max(r[2] for r in runs):.0f} | **{statistics.median(ratios):.2f}×** "
              f"({min(ratios):.2f}–{max(ratios):.2f}) |")


if __name__ == "__main__":
    main()
