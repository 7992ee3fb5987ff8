#!/usr/bin/env python3
"""Measures certdiag end to end and prints the Markdown tables of bench/README.md. Called by
bench/run.sh, which builds certdiag and writes the corpora first; it can be run alone:

    python3 bench/measure.py --certdiag build/bench/certdiag --corpus bench/corpus --sizes 256M

What it runs (every certdiag run is `certdiag --jobs N --format json PATH >/dev/null`):
- per corpus, interleaved pairs of `certdiag --jobs 1 --format json FILE >/dev/null` and
  `rg -c -i -f regexes.txt FILE | cat` (rg's output goes to a pipe: grep-like tools stop early
  into /dev/null), the order alternating per pair; medians and the median of the per-pair ratios;
- peak RSS (`/usr/bin/time -v`, "Maximum resident set size") on the small and the large CMTrace
  corpus;
- `--jobs 1` against `--jobs 2` on a bundle folder of many files, interleaved pairs;
- .evtx files: certdiag against `evtxexport -f xml FILE >/dev/null`, interleaved pairs.
One untimed run of each command first warms the page cache and gives the record counts.
Python standard library only.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["cmtrace", "sms-trace", "dotnet", "event-xml", "event-xml-oneline", "iis"]


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def timed(argv, stdout=subprocess.DEVNULL):
    """Runs argv; returns (wall seconds, exit code, peak RSS KiB of the child, stderr text); the
    child's CPU seconds (user + system) go to timed.cpu."""
    err = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=err, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    err.close()
    timed.cpu = usage.ru_utime + usage.ru_stime
    return wall, proc.returncode, usage.ru_maxrss, text


def timed_rg(argv):
    """rg with its output read through a pipe (as `| cat`); returns (wall, exit code, output)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # rg exits 1 when nothing matched
        raise RuntimeError(f"{' '.join(map(str, argv))}: exit {proc.returncode}: {proc.stderr.decode()[:300]}")
    return wall, proc.returncode, proc.stdout.decode("utf-8", "replace")


def busy_others():
    """Processes of others running right now (state R, not this one): compilers, tests, fuzzers
    that share the two cores with the runs being timed. Returns their names."""
    names = []
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.find("(") + 1:stat.rfind(")")]
        state = stat[stat.rfind(")") + 2:stat.rfind(")") + 3]
        if state == "R" and not name.startswith("kworker"):
            names.append(name)
    return names


class Bench:
    def __init__(self, args):
        self.args = args
        self.certdiag = str(Path(args.certdiag).resolve())
        self.notes = []
        self.results = {"runs": {}}
        self.busy = []

    def certdiag_argv(self, paths, jobs=1):
        return [self.certdiag, "--jobs", str(jobs), "--format", "json", *map(str, paths)]

    def summary_of(self, paths, jobs=1):
        """One untimed run that keeps the JSON report: records, bytes, signals, diagnoses."""
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            wall, code, rss, err = timed(self.certdiag_argv(paths, jobs), stdout=out)
            out.seek(0)
            try:
                doc = json.load(out)
            except json.JSONDecodeError as e:
                raise RuntimeError(f"certdiag exit {code}, no JSON report: {err.strip()[:400]}") from e
        s = doc["summary"]
        return {"records": s.get("records", 0), "bytes": s.get("bytes", 0), "signals": s.get("signals", 0),
                "diagnoses": len(doc.get("diagnoses", [])), "exit": code, "rss_kib": rss,
                "formats": sorted({i.get("format", "?") for i in s.get("inputs", [])}),
                "unreadable": s.get("unreadable", 0), "records_skipped": sum(i.get("records_skipped", 0) for i in s.get("inputs", []))}

    def pairs(self, first, second, n):
        """Interleaved runs of two callables returning seconds; the order alternates per pair."""
        a, b, ratios = [], [], []
        for i in range(n):
            self.busy.append(busy_others())
            if i % 2 == 0:
                ta = first()
                tb = second()
            else:
                tb = second()
                ta = first()
            a.append(ta)
            b.append(tb)
            ratios.append(ta / tb)
        return a, b, ratios

    # ----------------------------------------------------------------------------------------------

    def vs_rg(self, corpora, regexes):
        rows = []
        for path in corpora:
            size = path.stat().st_size
            info = self.summary_of([path])
            rg_argv = ["rg", "-c", "-i", "-f", str(regexes), str(path)]
            _, _, out = timed_rg(rg_argv)  # warm
            rg_count = int(out.strip() or 0)
            cd = lambda: self._check(timed(self.certdiag_argv([path])))  # noqa: E731
            rg = lambda: timed_rg(rg_argv)[0]  # noqa: E731
            t_cd, t_rg, ratios = self.pairs(cd, rg, self.args.pairs)
            meta = Path(str(path) + ".meta.json")
            planted = json.loads(meta.read_text())["failure_records"] if meta.exists() else None
            row = {"corpus": path.name, "bytes": size, "records": info["records"], "signals": info["signals"],
                   "planted": planted,
                   "rg_lines": rg_count, "format": ",".join(info["formats"]), "certdiag_s": t_cd, "rg_s": t_rg,
                   "ratios": ratios, "rss_kib": info["rss_kib"]}
            rows.append(row)
            print(f"  {path.name}: certdiag {statistics.median(t_cd):.3f} s, rg {statistics.median(t_rg):.3f} s, "
                  f"ratio {statistics.median(ratios):.2f}", file=sys.stderr)
        self.results["runs"]["vs_rg"] = rows
        return rows

    def startup(self):
        """certdiag on an empty file: rule loading and compilation, report, exit."""
        with tempfile.NamedTemporaryFile(suffix=".log") as empty:
            times = [self._check(timed(self.certdiag_argv([empty.name]))) for _ in range(9)]
        self.results["runs"]["startup_s"] = times
        return statistics.median(times)

    def rg_unicode(self, path, regexes):
        """rg with the regexes' \\b left Unicode (as rg reads RE2's text unconverted)."""
        argv = ["rg", "-c", "-i", "-f", str(regexes), str(path)]
        timed_rg(argv)
        times = [timed_rg(argv)[0] for _ in range(3)]
        self.results["runs"]["rg_unicode_b_s"] = times
        return statistics.median(times)

    def _check(self, result):
        wall, code, _, err = result
        if code not in (0, 1):
            raise RuntimeError(f"certdiag exit {code}: {err.strip()[:400]}")
        return wall

    def rss(self, small, large):
        rows = []
        for path in (small, large):
            argv = self.certdiag_argv([path])
            if Path("/usr/bin/time").exists():
                best = []
                for _ in range(self.args.rss_runs):
                    _, code, _, err = timed(["/usr/bin/time", "-v", *argv])
                    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
                    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", err)
                    if not m:
                        raise RuntimeError(f"/usr/bin/time -v gave no RSS: {err[-400:]}")
                    secs = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else 0
                    best.append((int(m.group(1)), secs))
                how = "/usr/bin/time -v"
            else:
                best = []
                for _ in range(self.args.rss_runs):
                    wall, _, kib, _ = timed(argv)
                    best.append((kib, wall))
                how = "wait4 ru_maxrss (/usr/bin/time missing)"
            kib = max(k for k, _ in best)
            rows.append({"corpus": path.name, "bytes": path.stat().st_size, "rss_kib": kib,
                         "rss_runs": [k for k, _ in best], "wall_s": statistics.median(s for _, s in best), "how": how})
            print(f"  {path.name}: peak RSS {kib / 1024:.1f} MiB", file=sys.stderr)
        self.results["runs"]["rss"] = rows
        return rows

    def jobs(self, bundle):
        files = [p for p in bundle.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        info = self.summary_of([bundle], jobs=2)
        cpu = {1: [], 2: []}

        def run(jobs):
            wall = self._check(timed(self.certdiag_argv([bundle], jobs)))
            cpu[jobs].append(timed.cpu)
            return wall
        t1, t2, ratios = self.pairs(lambda: run(1), lambda: run(2), self.args.pairs)
        row = {"bundle": bundle.name, "files": len(files), "bytes": size, "records": info["records"],
               "jobs1_s": t1, "jobs2_s": t2, "speedups": ratios, "formats": info["formats"],
               "jobs1_cpu_s": cpu[1], "jobs2_cpu_s": cpu[2]}
        print(f"  {bundle.name}: jobs 1 {statistics.median(t1):.3f} s, jobs 2 {statistics.median(t2):.3f} s", file=sys.stderr)
        self.results["runs"]["jobs"] = row
        return row

    def evtx(self, files):
        rows = []
        for path in files:
            info = self.summary_of([path])
            with tempfile.TemporaryFile() as out:
                _, code, _, err = timed(["evtxexport", "-f", "xml", str(path)], stdout=out)
                out.seek(0)
                exported = sum(1 for line in out if line.startswith(b"<Event "))
            ev_ok = code == 0
            cd = lambda: self._check(timed(self.certdiag_argv([path])))  # noqa: E731
            ev = lambda: timed(["evtxexport", "-f", "xml", str(path)])[0]  # noqa: E731
            t_cd, t_ev, ratios = self.pairs(cd, ev, self.args.evtx_pairs)
            rows.append({"file": path.name, "bytes": path.stat().st_size, "records": info["records"],
                         "records_skipped": info["records_skipped"], "evtxexport_records": exported,
                         "evtxexport_exit": code, "evtxexport_complete": ev_ok,
                         "certdiag_s": t_cd, "evtxexport_s": t_ev, "ratios": ratios})
            print(f"  {path.name}: certdiag {statistics.median(t_cd) * 1000:.1f} ms ({info['records']} records), "
                  f"evtxexport {statistics.median(t_ev) * 1000:.1f} ms ({exported} records, exit {code})", file=sys.stderr)
        # All files in one certdiag run, against evtxexport over each in turn.
        all_cd = lambda: self._check(timed(self.certdiag_argv(files)))  # noqa: E731

        def all_ev():
            return sum(timed(["evtxexport", "-f", "xml", str(p)])[0] for p in files)
        t_cd, t_ev, ratios = self.pairs(all_cd, all_ev, self.args.evtx_pairs)
        info = self.summary_of(files)
        total = {"file": f"all {len(files)} files", "bytes": sum(p.stat().st_size for p in files),
                 "records": info["records"], "records_skipped": info["records_skipped"],
                 "evtxexport_records": sum(r["evtxexport_records"] for r in rows),
                 "evtxexport_complete": all(r["evtxexport_complete"] for r in rows),
                 "certdiag_s": t_cd, "evtxexport_s": t_ev, "ratios": ratios}
        rows.append(total)
        self.results["runs"]["evtx"] = rows
        return rows

    def micro(self):
        binary = Path(self.args.micro)
        if not binary.exists():
            self.notes.append(f"micro-benchmarks not run: {binary} missing")
            return []
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            proc = subprocess.run([str(binary), f"--benchmark_min_time={self.args.micro_min_time}",
                                   f"--benchmark_out={out.name}", "--benchmark_out_format=json"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if proc.returncode != 0:
                self.notes.append(f"micro-benchmarks failed (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
                return []
            doc = json.load(open(out.name))
        rows = [b for b in doc.get("benchmarks", []) if b.get("run_type", "iteration") == "iteration"]
        self.results["runs"]["micro"] = rows
        return rows


# --------------------------------------------------------------------------------------------------
# Rendering


def med(values):
    return statistics.median(values)


def mbps(size, secs):
    return size / 1e6 / secs if secs else float("nan")


def rate(count, secs):
    v = count / secs if secs else float("nan")
    return f"{v / 1e6:.2f} M" if v >= 1e6 else f"{v / 1e3:.0f} k" if v >= 1e3 else f"{v:.0f}"


def machine():
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-").strip()
    mem = sh("grep MemTotal /proc/meminfo")
    mem_gib = int(re.findall(r"\d+", mem)[0]) / 1024 / 1024 if mem else 0
    commit = sh(f"git -C {ROOT} rev-parse --short HEAD") or "?"
    dirty = sh(f"git -C {ROOT} status --porcelain --untracked-files=no -- analyzer patterns CMakeLists.txt")
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + (" + uncommitted changes in analyzer/ or patterns/" if dirty else ""),
        "nproc": sh("nproc"), "cpu": cpu, "ram_gib": round(mem_gib, 1),
        "kernel": platform.release(), "compiler": sh("c++ --version | head -1"),
        "rg": sh("rg --version | head -1"), "evtxexport": sh("evtxexport -V 2>&1 | head -1"),
    }


def render(bench, m, rows_rg, rss_rows, jobs_row, evtx_rows, micro_rows, args):
    out = []
    w = out.append
    w(f"Measured {m['date']} on commit {m['commit']}: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, "
      f"Linux {m['kernel']}, {m['compiler']}, {m['rg']}, {m['evtxexport']}. "
      f"Release build; page cache warm; medians of {args.pairs} interleaved pairs. "
      "MB = 10^6 bytes; corpus sizes are MiB.")
    noisy = [b for b in bench.busy if b]
    if noisy:
        seen = sorted({n for b in noisy for n in b})
        w(f"\n**Noisy:** other processes were running before {len(noisy)} of {len(bench.busy)} timed pairs "
          f"({', '.join(seen[:8])}); the machine has 2 cores.")
    else:
        w("\nQuiet: no other process was running before any timed pair.")
    verdicts = []

    if rows_rg:
        w("\n### certdiag --jobs 1 against rg -c -i -f (the packs' message regexes)\n")
        w("| corpus | format | MB | records | signal lines planted | signals | rg lines | certdiag s | certdiag MB/s | certdiag records/s "
          "| rg s | rg MB/s | rg records/s | certdiag/rg (min–max) |")
        w("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for r in rows_rg:
            tc, tr = med(r["certdiag_s"]), med(r["rg_s"])
            w(f"| {r['corpus']} | {r['format']} | {r['bytes'] / 1e6:.0f} | {r['records']:,} | {r.get('planted', '?')} | {r['signals']} | "
              f"{r['rg_lines']} | {tc:.3f} | {mbps(r['bytes'], tc):.0f} | {rate(r['records'], tc)} | {tr:.3f} | "
              f"{mbps(r['bytes'], tr):.0f} | {rate(r['records'], tr)} | **{med(r['ratios']):.2f}** "
              f"({min(r['ratios']):.2f}–{max(r['ratios']):.2f}) |")
        w("\nrg records/s is certdiag's record count over rg's time (rg counts lines, not records). Signal lines "
          "planted: the records make_corpus.py wrote from the packs' `samples: match:`; signals: what certdiag "
          "found; rg lines: lines any message regex hits (rg knows no provider, event id or W3C column).")
        main = next((r for r in rows_rg if r["corpus"].startswith("cmtrace")), None)
        if main:
            ratio = med(main["ratios"])
            verdicts.append(("wall time ≤ rg -c -i -f on the CMTrace corpus (ratio ≤ 1.0; aim ≤ 0.5)",
                             f"{ratio:.2f} on {main['corpus']}",
                             "met" + (" (and the 0.5 aim)" if ratio <= 0.5 else ", not the 0.5 aim") if ratio <= 1.0 else "NOT met"))

    if rss_rows:
        w("\n### Peak memory, certdiag --jobs 1 --format json\n")
        w("| corpus | MB | peak RSS MiB | runs (KiB) | wall s |")
        w("|---|--:|--:|---|--:|")
        for r in rss_rows:
            w(f"| {r['corpus']} | {r['bytes'] / 1e6:.0f} | {r['rss_kib'] / 1024:.1f} | "
              f"{', '.join(map(str, r['rss_runs']))} | {r['wall_s']:.2f} |")
        w(f"\nMeasured with {rss_rows[0]['how']} (the largest of the runs).")
        small, large = rss_rows[0], rss_rows[-1]
        growth = large["rss_kib"] / small["rss_kib"] - 1
        flat = growth <= 0.10
        under = large["rss_kib"] < 64 * 1024
        verdicts.append((f"peak RSS flat: {large['corpus']} within 10 % of {small['corpus']}",
                         f"{small['rss_kib'] / 1024:.1f} → {large['rss_kib'] / 1024:.1f} MiB ({growth:+.1%})",
                         "met" if flat else "NOT met"))
        verdicts.append(("peak RSS under 64 MiB", f"{large['rss_kib'] / 1024:.1f} MiB", "met" if under else "NOT met"))

    if jobs_row:
        r = jobs_row
        t1, t2 = med(r["jobs1_s"]), med(r["jobs2_s"])
        sp = med(r["speedups"])
        w("\n### --jobs 1 against --jobs 2 on a bundle\n")
        c1, c2 = med(r["jobs1_cpu_s"]), med(r["jobs2_cpu_s"])
        w("| bundle | files | MB | records | --jobs 1 s | MB/s | CPU s | --jobs 2 s | MB/s | CPU s | speed-up (min–max) |")
        w("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        w(f"| {r['bundle']} ({', '.join(r['formats'])}) | {r['files']} | {r['bytes'] / 1e6:.0f} | {r['records']:,} | "
          f"{t1:.3f} | {mbps(r['bytes'], t1):.0f} | {c1:.2f} | {t2:.3f} | {mbps(r['bytes'], t2):.0f} | {c2:.2f} | "
          f"**{sp:.2f}×** ({min(r['speedups']):.2f}–{max(r['speedups']):.2f}) |")
        w(f"\nCPU s: user + system time of the process. Cores busy on average: {c1 / t1:.2f} with `--jobs 1` "
          f"(work on other threads than the one reading, such as a background compile, runs beside it), "
          f"{c2 / t2:.2f} with `--jobs 2`. When other processes hold a core, `--jobs 2` cannot reach 2.")
        verdicts.append(("--jobs 2 ≥ 1.8× --jobs 1 on a bundle", f"{sp:.2f}×", "met" if sp >= 1.8 else "NOT met"))

    if getattr(bench, "startup_s", None) is not None:
        w(f"\nStart-up (certdiag on an empty file: read the compiled packs, report; the regexes are compiled "
          f"by the first message): "
          f"{bench.startup_s * 1000:.0f} ms, median of 9.")

    if evtx_rows:
        w("\n### .evtx: certdiag against evtxexport -f xml\n")
        w("| file | MB | certdiag records | certdiag ms | MB/s | records/s | evtxexport records | evtxexport ms | "
          "MB/s | records/s | certdiag/evtxexport |")
        w("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
        for r in evtx_rows:
            tc, te = med(r["certdiag_s"]), med(r["evtxexport_s"])
            note = "" if r["evtxexport_complete"] else " (evtxexport aborts)"
            w(f"| {r['file']}{note} | {r['bytes'] / 1e6:.2f} | {r['records']:,} | {tc * 1000:.1f} | {mbps(r['bytes'], tc):.1f} | "
              f"{rate(r['records'], tc)} | {r['evtxexport_records']:,} | {te * 1000:.1f} | {mbps(r['bytes'], te):.1f} | "
              f"{rate(r['evtxexport_records'], te)} | **{med(r['ratios']):.2f}** |")
        w("\nevtxexport records: `<Event` elements it printed; it stops at the first bad record of a file "
          "(exit 1), so on those files it does less work than certdiag, which skips the bad record and goes on. "
          "certdiag times include its start-up (rule compilation), which dominates on files this small.")
        complete = [r for r in evtx_rows[:-1] if r["evtxexport_complete"]]
        if complete:
            rc = sum(r["records"] / med(r["certdiag_s"]) for r in complete) / len(complete)
            re_ = sum(r["evtxexport_records"] / med(r["evtxexport_s"]) for r in complete) / len(complete)
            worst = max(med(r["ratios"]) for r in complete)
            verdicts.append(("`.evtx` at least as fast as evtxexport (files evtxexport reads whole)",
                             f"time ratio up to {worst:.2f}; mean {rc:,.0f} vs {re_:,.0f} records/s",
                             "met" if worst <= 1.0 else "NOT met"))

    if micro_rows:
        w("\n### Micro-benchmarks (Google Benchmark, bench/micro/)\n")
        w("| benchmark | time per iteration | bytes/s | items/s | counters |")
        w("|---|--:|--:|--:|---|")
        skip = {"name", "run_name", "run_type", "repetitions", "repetition_index", "threads", "iterations",
                "real_time", "cpu_time", "time_unit", "bytes_per_second", "items_per_second", "family_index",
                "per_family_instance_index", "aggregate_name", "aggregate_unit", "label", "error_occurred",
                "error_message"}
        for b in micro_rows:
            if b.get("error_occurred"):
                w(f"| {b['name']} | error: {b.get('error_message', '')} | | | |")
                continue
            bps = b.get("bytes_per_second")
            ips = b.get("items_per_second")
            counters = ", ".join(f"{k}={v:,.0f}" for k, v in b.items() if k not in skip and isinstance(v, (int, float)))
            w(f"| {b['name']} | {b['real_time']:.3f} {b['time_unit']} | {f'{bps / 1e6:,.0f} MB/s' if bps else ''} | "
              f"{rate(ips, 1) + '/s' if ips else ''} | {counters} |")

    if verdicts:
        w("\n### Targets\n")
        if args.size != "256M" or args.rss_sizes != "64M,512M":
            w("Sizes differ from the targets' (256 MiB; 64 and 512 MiB): the verdicts are indicative only.\n")
        w("| target | measured | |")
        w("|---|---|---|")
        for what, figure, state in verdicts:
            w(f"| {what} | {figure} | **{state}** |")
    for note in bench.notes:
        w(f"\nNote: {note}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--certdiag", default=str(ROOT / "build/bench/certdiag"))
    ap.add_argument("--micro", default=str(ROOT / "build/bench/bench/certdiag_bench"))
    ap.add_argument("--micro-min-time", default="0.5")
    ap.add_argument("--corpus", default=str(ROOT / "bench/corpus"))
    ap.add_argument("--size", default="256M", help="size tag of the per-format corpora")
    ap.add_argument("--rss-sizes", default="64M,512M")
    ap.add_argument("--bundle", default="bundle-256M")
    ap.add_argument("--evtx", nargs="*", default=None, help=".evtx files (default: the real samples)")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--evtx-pairs", type=int, default=9)
    ap.add_argument("--rss-runs", type=int, default=2)
    ap.add_argument("--skip", default="", help="comma list of parts to skip: rg,rss,jobs,evtx,micro")
    ap.add_argument("--json", help="also write the raw timings here")
    ap.add_argument("--out", help="also write the Markdown here")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    corpus = Path(args.corpus)
    bench = Bench(args)

    rows_rg = rss_rows = jobs_row = evtx_rows = micro_rows = None
    if "rg" not in skip:
        if not shutil.which("rg"):
            bench.notes.append("rg missing (apt-get install ripgrep, or scripts/setup.sh --all): no rg comparison")
        else:
            regexes = corpus / "regexes.txt"
            print("certdiag vs rg:", file=sys.stderr)
            rows_rg = bench.vs_rg([corpus / f"{f}-{args.size}.log" for f in FORMATS], regexes)
            unicode_regexes = corpus / "regexes-unicode-b.txt"
            if unicode_regexes.exists():
                main = corpus / f"cmtrace-{args.size}.log"
                secs = bench.rg_unicode(main, unicode_regexes)
                bench.notes.append(
                    f"`rg -c -i -f` with the regexes' `\\b` left Unicode (`extract_regexes.py --unicode-boundaries`) "
                    f"takes {secs:.2f} s on {main.name} ({mbps(main.stat().st_size, secs):.0f} MB/s): rg's Unicode "
                    "word boundary pushes it off its DFA. The table uses `(?-u:\\b)`, which is what RE2's `\\b` means.")
    if "rss" not in skip:
        small, large = args.rss_sizes.split(",")
        print("peak RSS:", file=sys.stderr)
        rss_rows = bench.rss(corpus / f"cmtrace-{small}.log", corpus / f"cmtrace-{large}.log")
    if "jobs" not in skip:
        print("jobs:", file=sys.stderr)
        jobs_row = bench.jobs(corpus / args.bundle)
    if "evtx" not in skip:
        files = [Path(p) for p in args.evtx] if args.evtx is not None else sorted(
            next((d for d in (ROOT / "tests/data/evtx", ROOT.parent / "shared/data/evtx") if d.is_dir()),
                 Path("/nonexistent")).glob("*.evtx"))
        if not shutil.which("evtxexport"):
            bench.notes.append("evtxexport missing (apt-get install libevtx-utils): no .evtx comparison")
        elif not files:
            bench.notes.append("no .evtx files found (tests/data/evtx or ../shared/data/evtx)")
        else:
            print("evtx:", file=sys.stderr)
            evtx_rows = bench.evtx(files)
    if "micro" not in skip:
        print("micro-benchmarks...", file=sys.stderr)
        micro_rows = bench.micro()

    bench.startup_s = bench.startup()
    m = machine()
    text = render(bench, m, rows_rg, rss_rows, jobs_row, evtx_rows, micro_rows, args)
    sys.stdout.write(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    if args.json:
        bench.results["machine"] = m
        Path(args.json).write_text(json.dumps(bench.results, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print(f"measure: {e}", file=sys.stderr)
        sys.exit(1)
