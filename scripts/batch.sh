#!/usr/bin/env bash
# Analyses a folder of bundles with GNU parallel (Debian package `parallel`): one certdiag per
# bundle, each under a time and a memory limit and retried once when it fails, one NDJSON per
# bundle, then one merged report. A bundle that fails twice is listed and left out of the merge;
# the others are analysed and merged all the same.
#
#   scripts/batch.sh [OPTIONS] BUNDLES_DIR OUT_DIR [-- CERTDIAG_OPTIONS...]
#
#   -j N            bundles analysed at once (default: the number of cores)
#   --timeout S     seconds one bundle may take (default 1800)
#   --memory MIB    address space one certdiag may use, in MiB (default 4096)
#   --format F      format of the merged report: html (default), text, json, markdown
#   -S HOSTS        also run on these SSH hosts (parallel's --sshlogin, e.g. 4/host1,4/host2,:);
#                   each needs certdiag installed; bundles are sent and removed after
#
# Every file or folder directly in BUNDLES_DIR is one bundle. OUT_DIR gets <bundle>.ndjson for
# each bundle analysed (stderr beside it in <bundle>.ndjson.err), failed/ with what a failed
# bundle printed, failed.txt (one line per failed bundle), joblog (parallel's) and report.<ext>,
# the merged report. CERTDIAG_OPTIONS (e.g. --as-of 2026-01-01 --redact) go to every certdiag.
# Exit status, the first that applies: 2 usage error; 1 the merged report holds a diagnosis at
# --fail-on or above; 3 some bundle failed or was read only in part; 0 otherwise.
set -euo pipefail

# What each bundle's run writes: signals for certdiag merge; one thread, as parallel runs many.
# contrib/kubernetes/certdiag-job.yaml passes the same flags (CI checks it).
CERTDIAG_FLAGS=(--format ndjson --emit signals --jobs 1)

usage() {
  sed -n '7,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

jobs=$(nproc)
timeout=1800
memory=4096
format=html
hosts=""
while (($# > 0)); do
  case $1 in
    -j) jobs=${2:?}; shift 2 ;;
    --timeout) timeout=${2:?}; shift 2 ;;
    --memory) memory=${2:?}; shift 2 ;;
    --format) format=${2:?}; shift 2 ;;
    -S) hosts=${2:?}; shift 2 ;;
    -h | --help) usage ;;
    --) break ;;
    -*) echo "batch: unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done
(($# >= 2)) || usage
bundles_dir=$1 out_dir=$2
shift 2
[[ ${1:-} == -- ]] && shift
extra=("$@")
for number in "$jobs" "$timeout" "$memory"; do
  [[ $number =~ ^[0-9]+$ ]] || { echo "batch: '$number' is not a number" >&2; exit 2; }
done
case $format in
  html) extension=html ;; text) extension=txt ;; json) extension=json ;; markdown) extension=md ;;
  *) echo "batch: --format: expected html, text, json or markdown" >&2; exit 2 ;;
esac
[[ -d $bundles_dir ]] || { echo "batch: $bundles_dir: not a folder" >&2; exit 2; }
command -v parallel >/dev/null || { echo "batch: needs GNU parallel (apt-get install parallel)" >&2; exit 2; }
certdiag=${CERTDIAG:-certdiag}
mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
rm -rf "$out_dir/failed" "$out_dir"/*.ndjson "$out_dir"/*.ndjson.err "$out_dir/failed.txt"

# The bundles, by name relative to BUNDLES_DIR, so that parallel sends them to SSH hosts as is.
cd "$bundles_dir"
mapfile -t bundles < <(find . -mindepth 1 -maxdepth 1 ! -name '.*' -printf '%f\n' | LC_ALL=C sort)
((${#bundles[@]} > 0)) || { echo "batch: $bundles_dir holds no bundle" >&2; exit 2; }
printf '%s\n' "${bundles[@]}" >"$out_dir/bundles"

# One job: the memory limit, then certdiag. Its statuses 1 (a diagnosis) and 3 (read in part)
# are results, not failures, so they are not retried; the NDJSON summary keeps what was unread.
quoted_flags=$(printf ' %q' "${CERTDIAG_FLAGS[@]}" "${extra[@]}")
job="ulimit -v $((memory * 1024)); $certdiag$quoted_flags -- {}; s=\$?; [ \$s = 1 ] || [ \$s = 3 ] && exit 0; exit \$s"
remote=()
if [[ -n $hosts ]]; then
  remote=(--sshlogin "$hosts" --transferfile {} --cleanup)
fi
echo "batch: ${#bundles[@]} bundles, $jobs at once, at most ${timeout} s and ${memory} MiB each" >&2
parallel --will-cite --jobs "$jobs" --timeout "$timeout" --retries 2 "${remote[@]}" \
  --joblog "$out_dir/joblog" --results "$out_dir/{}.ndjson" "$job" :::: "$out_dir/bundles" || true

# The joblog holds each bundle's last try, by its number in the list.
declare -A status=() signal=()
while IFS=$'\t' read -r seq _host _start _runtime _send _receive exitval sig _command; do
  [[ $seq =~ ^[0-9]+$ ]] || continue
  status[$seq]=$exitval
  signal[$seq]=$sig
done <"$out_dir/joblog"
failed=()
for i in "${!bundles[@]}"; do
  bundle=${bundles[$i]} seq=$((i + 1))
  rm -f "$out_dir/$bundle.ndjson.seq"
  if [[ ${status[$seq]:-} == 0 ]]; then continue; fi
  if [[ -z ${status[$seq]:-} ]]; then
    reason="not run"
  elif [[ ${status[$seq]} == -1 ]]; then
    reason="killed after the time limit of ${timeout} s"
  elif [[ ${signal[$seq]} != 0 ]]; then
    reason="killed by signal ${signal[$seq]}"
  else
    reason="certdiag exited ${status[$seq]}"
  fi
  last_error=$(tail -n 1 "$out_dir/$bundle.ndjson.err" 2>/dev/null || true)
  [[ -n $last_error ]] && reason+=": $last_error"
  mkdir -p "$out_dir/failed"
  mv -f "$out_dir/$bundle.ndjson" "$out_dir/$bundle.ndjson.err" "$out_dir/failed/" 2>/dev/null || true
  echo "$bundle: $reason (tried twice)" >>"$out_dir/failed.txt"
  failed+=("$bundle")
done
rm -f "$out_dir/bundles"

analysed=$((${#bundles[@]} - ${#failed[@]}))
echo "batch: $analysed of ${#bundles[@]} bundles analysed, ${#failed[@]} failed" >&2
((${#failed[@]} == 0)) || sed 's/^/batch: FAILED /' "$out_dir/failed.txt" >&2
merged=0
if ((analysed > 0)); then
  "$certdiag" merge "${extra[@]}" --format "$format" -o "$out_dir/report.$extension" \
    "$out_dir"/*.ndjson || merged=$?
  echo "batch: merged report: $out_dir/report.$extension" >&2
fi
if ((merged == 1 || merged == 2)); then exit "$merged"; fi
if ((${#failed[@]} > 0 || merged == 3 || analysed == 0)); then exit 3; fi
exit 0
