#!/usr/bin/env bash
# Builds certdiag (Release) and its micro-benchmarks, writes the benchmark corpora into
# bench/corpus/ when absent, and prints the Markdown tables of bench/README.md: certdiag against
# rg -c -i -f per format, peak RSS, --jobs 1 against --jobs 2, .evtx against evtxexport, and the
# micro-benchmarks. Installs nothing: it says what is missing (scripts/setup.sh --all installs the
# tools; /usr/bin/time is the Debian package `time`).
#
#   bench/run.sh            # full sizes: 256 MiB per format, 64 and 512 MiB CMTrace, 256 MiB bundle
#   bench/run.sh --quick    # small sizes, 3 pairs: a check that everything runs (~1 minute)
#   bench/run.sh --no-build --skip micro,evtx
# Results also go to build/bench/results.md and build/bench/results.json.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

quick=0 build=1 pairs="" skip=""
while (($#)); do
  case $1 in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --pairs) pairs=$2; shift ;;
    --skip) skip=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if ((quick)); then
  size=16M rss_sizes=16M,64M bundle_size=32M bundle_files=24 pairs=${pairs:-3} micro_time=0.05
else
  size=256M rss_sizes=64M,512M bundle_size=256M bundle_files=64 pairs=${pairs:-5} micro_time=0.5
fi

# Tools: say what is missing, install nothing.
missing=()
for tool in cmake c++ python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required (scripts/setup.sh)" >&2; exit 1; }
done
command -v rg >/dev/null || { missing+=("rg (ripgrep)"); skip+=",rg"; }
command -v evtxexport >/dev/null || { missing+=("evtxexport (libevtx-utils)"); skip+=",evtx"; }
[[ -x /usr/bin/time ]] || missing+=("/usr/bin/time (Debian package time; RSS falls back to wait4)")
command -v hyperfine >/dev/null || missing+=("hyperfine (optional, not needed by this script)")
if ((${#missing[@]})); then
  printf 'run.sh: missing: %s\n' "${missing[@]}" >&2
  echo "run.sh: scripts/setup.sh --all installs ripgrep hyperfine libevtx-utils; apt-get install time" >&2
fi

build_dir=build/bench
if ((build)); then
  mkdir -p "$build_dir"
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DCERTDIAG_BENCH=ON >"$build_dir/configure.log" 2>&1 ||
    { tail -20 "$build_dir/configure.log" >&2; exit 1; }
  cmake --build "$build_dir" -j2 --target certdiag certdiag_bench >"$build_dir/build.log" 2>&1 ||
    { grep -E 'error|Error' "$build_dir/build.log" | head -20 >&2; exit 1; }
fi
[[ -x $build_dir/certdiag ]] || { echo "run.sh: $build_dir/certdiag missing (drop --no-build)" >&2; exit 1; }

# Corpora: regenerated when the generator or the packs changed (the stamp holds their digest).
corpus=bench/corpus
mkdir -p "$corpus"
stamp=$(cat bench/make_corpus.py bench/packs.py $(find patterns -name '*.y*ml' | sort) | sha256sum | cut -c1-16)
if [[ $(cat "$corpus/.stamp" 2>/dev/null) != "$stamp" ]]; then
  echo "run.sh: generator or packs changed: corpora will be rewritten" >&2
  rm -rf "${corpus:?}"/*.log "$corpus"/*.meta.json "$corpus"/bundle-*
  echo "$stamp" >"$corpus/.stamp"
fi
python3 bench/extract_regexes.py >"$corpus/regexes.txt"
python3 bench/extract_regexes.py --unicode-boundaries >"$corpus/regexes-unicode-b.txt"
corpus_file() {  # corpus_file FORMAT SIZE
  [[ -f $corpus/$1-$2.log ]] || python3 bench/make_corpus.py --format "$1" --size "$2" --out "$corpus/$1-$2.log"
}
for format in cmtrace sms-trace dotnet event-xml event-xml-oneline iis; do corpus_file "$format" "$size"; done
for s in ${rss_sizes//,/ }; do corpus_file cmtrace "$s"; done
[[ -d $corpus/bundle-$bundle_size ]] ||
  python3 bench/make_corpus.py --bundle "$corpus/bundle-$bundle_size" --files "$bundle_files" --size "$bundle_size"

if pgrep -x cc1plus >/dev/null; then
  echo "run.sh: note: a compiler is running on this machine; timings may be noisy" >&2
fi
python3 bench/measure.py --certdiag "$build_dir/certdiag" --micro "$build_dir/bench/certdiag_bench" \
  --micro-min-time "$micro_time" --corpus "$corpus" --size "$size" --rss-sizes "$rss_sizes" \
  --bundle "bundle-$bundle_size" --pairs "$pairs" --skip "${skip#,}" \
  --out "$build_dir/results.md" --json "$build_dir/results.json"
