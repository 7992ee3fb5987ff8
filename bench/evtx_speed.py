#!/usr/bin/env python3
"""The .evtx reader against evtxexport (libevtx-utils) on the same real files.

Runs bench/evtx_throughput (certdiag's reader alone, one thread) and `evtxexport -f xml FILE`
over every .evtx file of the folders given, and prints one Markdown row per folder: record MB,
records read, CPU seconds, MB/s of records and records/s for each, and their ratio. CPU time (user +
system) is the figure per thread, whatever else the machine runs; evtxexport's is the best of
--rounds runs over all files, as the reader's is.

  python3 bench/evtx_speed.py --bin build/bench/bench/evtx_throughput ../shared/data/evtx ...
"""
import argparse
import os
import re
import resource
import struct
import subprocess
import sys


def record_bytes(path):
    total = 0
    with open(path, "rb") as f:
        data = f.read()
    for at in range(4096, len(data) - 65535, 65536):
        if data[at:at + 8] == b"ElfChnk\0":
            free = struct.unpack_from("<I", data, at + 48)[0]
            if 512 < free <= 65536:
                total += free - 512
    return total


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def evtxexport(files, rounds):
    best, events = None, 0
    for _ in range(rounds):
        start, events = children_cpu(), 0
        for path in files:
            out = subprocess.run(["evtxexport", "-f", "xml", path], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL).stdout
            events += out.count(b"<Event ")
        spent = children_cpu() - start
        best = spent if best is None else min(best, spent)
    return best, events


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default="build/bench/bench/evtx_throughput")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()
    print("| files | record MB | certdiag records | certdiag ms | MB/s | records/s | "
          "evtxexport records | evtxexport ms | MB/s | records/s | speed-up |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for folder in args.folders:
        files = sorted(os.path.join(root, name) for root, _, names in os.walk(folder)
                       for name in names if name.endswith(".evtx"))
        if not files:
            print(f"evtx_speed: no .evtx files in {folder}", file=sys.stderr)
            continue
        mb = sum(record_bytes(p) for p in files) / 1e6
        line = subprocess.run([args.bin, "--rounds", str(max(5, args.rounds)), folder],
                              stdout=subprocess.PIPE, text=True, check=True).stdout
        records, ms = re.search(r"(\d+) records: ([\d.]+) ms", line).groups()
        cd_s = float(ms) / 1000
        ev_s, ev_records = evtxexport(files, args.rounds)
        print(f"| {os.path.basename(os.path.normpath(folder))} ({len(files)}) | {mb:.1f} | "
              f"{int(records):,} | {cd_s * 1000:.0f} | {mb / cd_s:.0f} | {int(records) / cd_s:,.0f} | "
              f"{ev_records:,} | {ev_s * 1000:.0f} | {mb / ev_s:.1f} | {ev_records / ev_s:,.0f} | "
              f"**{ev_s / cd_s:.0f}×** |")


if __name__ == "__main__":
    main()
