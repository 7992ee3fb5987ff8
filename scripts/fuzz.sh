#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build/fuzz and runs each for SECONDS,
# two at a time; stops at the first crash, prints its reproducer and exits 1.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 180   scripts/fuzz.sh 30 rules
#
# SECONDS defaults to 30. TARGETs: line_reader tokenizer evtx rules archive x509 (the fuzz_ prefix is
# optional); default all. Corpora grow in build/fuzz/corpus/<target> (seeded from samples/,
# tests/data/ and patterns/ by fuzz/make_seeds.py, kept between runs), logs go to
# build/fuzz/logs/, crash inputs to build/fuzz/crashes/<target>/. The inputs under
# fuzz/regressions/<target>/ are replayed before fuzzing. See fuzz/README.md.
#
# FUZZ_KEEP_GOING=1 fuzzes on past crashes (libFuzzer's fork mode) to collect every distinct one
# in the time given, and does not stop at a failing regression input; it still exits 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
[[ $# -gt 0 ]] && shift
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]  (SECONDS a positive number)" >&2
  exit 2
fi
all=(line_reader tokenizer evtx rules archive x509)
(($# > 0)) || set -- "${all[@]}"
targets=()
for target in "$@"; do
  target=${target#fuzz_}
  if [[ " ${all[*]} " != *" $target "* ]]; then
    echo "scripts/fuzz.sh: unknown target '$target' (expected: ${all[*]})" >&2
    exit 2
  fi
  targets+=("$target")
done

# The longest input each target is given: text targets see pieces of logs and packs; an .evtx
# file is at least a 4 KiB header and one 64 KiB chunk; an archive holds a few logs (the bundle
# tests/data/bundle/case123.zip is 23 KiB), with room for a bomb that reaches the 64 MiB limit.
declare -A max_len=([line_reader]=16384 [tokenizer]=16384 [evtx]=135168 [rules]=16384
                    [archive]=262144 [x509]=16384)
declare -A dict=([line_reader]=fuzz/tokenizer.dict [tokenizer]=fuzz/tokenizer.dict
                 [rules]=fuzz/rules.dict)

scripts/setup.sh --all
build=build/fuzz
CXX=clang++ cmake -S . -B "$build" -DCERTDIAG_FUZZ=ON -DCERTDIAG_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
python3 fuzz/make_seeds.py . "$build/corpus"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/fuzz/lsan.supp}

# Every input that once crashed a target must still pass.
replay_failed=0
for target in "${targets[@]}"; do
  regressions=(fuzz/regressions/fuzz_"$target"/*)
  [[ -e ${regressions[0]} ]] || continue
  echo "fuzz: replaying ${#regressions[@]} regression inputs of fuzz_$target" >&2
  for input in "${regressions[@]}"; do
    if ! "$build/fuzz/fuzz_$target" "$input" >"$build/replay_$target.log" 2>&1; then
      grep -m 3 -E 'ERROR|runtime error|invariant|what\(\)' "$build/replay_$target.log" >&2 || true
      echo "fuzz: FAILED: $input crashes fuzz_$target again (replay it: $build/fuzz/fuzz_$target $input)" >&2
      [[ ${FUZZ_KEEP_GOING:-} == 1 ]] || exit 1
      replay_failed=1
    fi
  done
done

mkdir -p "$build/logs"
touch "$build/logs/.started"
keep_going_failed=0
run_one() {
  local target=$1
  local corpus=$build/corpus/fuzz_$target crashes=$build/crashes/fuzz_$target
  mkdir -p "$corpus" "$crashes"
  local options=(-max_total_time="$seconds" -max_len="${max_len[$target]}" -timeout=20
                 -rss_limit_mb=3072 -print_final_stats=1 -artifact_prefix="$crashes/")
  [[ -n ${dict[$target]:-} ]] && options+=(-dict="${dict[$target]}")
  # A fixed seed (FUZZ_SEED, as CI sets it) makes a short run try the same inputs every time.
  [[ -n ${FUZZ_SEED:-} ]] && options+=(-seed="$FUZZ_SEED")
  if [[ ${FUZZ_KEEP_GOING:-} == 1 ]]; then
    options+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  exec "$build/fuzz/fuzz_$target" "${options[@]}" "$corpus" >"$build/logs/fuzz_$target.log" 2>&1
}

# Two at a time at most (the machines have two cores); the first failure stops the rest.
declare -A running=()  # pid → target
failed=""
report() {
  local target=$1 status=$2 log=$build/logs/fuzz_$1.log
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  local found
  found=$(find "$build/crashes/fuzz_$target" -type f -newer "$build/logs/.started" | sort)
  if [[ -n $failed ]]; then
    echo "fuzz: fuzz_$target: stopped after fuzz_$failed failed (log: $log)" >&2
    return 0
  elif [[ ${FUZZ_KEEP_GOING:-} == 1 ]]; then
    if [[ -z $found ]]; then
      echo "fuzz: fuzz_$target: ok, ${seconds} s, no crash (log: $log)" >&2
      return 0
    fi
    echo "fuzz: FAILED: fuzz_$target found $(wc -l <<<"$found") crash inputs (log: $log):" >&2
    sed 's/^/  /' <<<"$found" >&2
    keep_going_failed=1
    return 0
  elif ((status == 0)); then
    echo "fuzz: fuzz_$target: ok, ${runs:-?} runs in ${seconds} s" >&2
    return 0
  fi
  tail -n 60 "$log" >&2
  local input
  input=$(grep -o "Test unit written to [^ ]*" "$log" | tail -n 1 | cut -d' ' -f5 || true)
  echo "fuzz: FAILED: fuzz_$target (status $status, log: $log)" >&2
  if [[ -n $input ]]; then
    echo "fuzz: reproducer: $input" >&2
    echo "fuzz: replay it: $build/fuzz/fuzz_$target $input" >&2
    echo "fuzz: then keep it: cp $input fuzz/regressions/fuzz_$target/ (tests/bad_input_test.cpp replays it)" >&2
  fi
  failed=$target
}
wait_one() {
  local pid status=0
  wait -n -p pid "${!running[@]}" || status=$?
  local target=${running[$pid]}
  unset "running[$pid]"
  report "$target" "$status" || true
}
for target in "${targets[@]}"; do
  while ((${#running[@]} >= 2)); do wait_one; done
  [[ -n $failed ]] && break
  echo "fuzz: running fuzz_$target for ${seconds} s" >&2
  run_one "$target" &
  running[$!]=$target
done
while ((${#running[@]} > 0)); do
  if [[ -n $failed ]]; then
    for pid in "${!running[@]}"; do kill "$pid" 2>/dev/null || true; done
  fi
  wait_one
done
if [[ -n $failed ]] || ((keep_going_failed || replay_failed)); then exit 1; fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds} s each without a crash" >&2
