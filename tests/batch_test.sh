#!/usr/bin/env bash
# Runs scripts/batch.sh on bundles made here, one of which cannot finish in its time limit, and
# checks that it is reported and retried, that the others are analysed, and that the merged
# report is the report of one certdiag run over the bundles that finished.
#
#   tests/batch_test.sh CERTDIAG_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
certdiag=$(realpath "${1:?usage: tests/batch_test.sh CERTDIAG_BINARY}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "batch_test: FAILED: $*" >&2; exit 1; }

# Bundles: the test bundle (scripts/make_bundle.py), zips of sample folders, a plain folder, and
# one whose 64 GiB log (sparse: it takes no disk) cannot be read in 3 s.
bundles=$work/bundles
mkdir -p "$bundles/SITE09" "$bundles/huge"
cp tests/data/bundle/case123.zip "$bundles/"
python3 - "$bundles" <<'EOF'
import os, sys, zipfile
for name, folder in [("ai-2018.zip", "samples/configmgr/ai-2018"),
                     ("healthy.zip", "samples/configmgr/ai-healthy"),
                     ("no-pki-cert.zip", "samples/configmgr/client/no-pki-cert")]:
    with zipfile.ZipFile(os.path.join(sys.argv[1], name), "w", zipfile.ZIP_DEFLATED) as z:
        for root, _, files in sorted(os.walk(folder)):
            for file in sorted(files):
                path = os.path.join(root, file)
                z.write(path, os.path.relpath(path, folder))
EOF
cp samples/configmgr/ai-2011/AIUpdateSvc.log "$bundles/SITE09/"
truncate -s 64G "$bundles/huge/ccmexec.log"
good=(SITE09 ai-2018.zip case123.zip healthy.zip no-pki-cert.zip)

out=$work/out
status=0
CERTDIAG=$certdiag scripts/batch.sh -j 2 --timeout 3 --memory 2048 --format json \
  "$bundles" "$out" -- --as-of 2026-01-01 2>"$work/stderr" || status=$?
cat "$work/stderr" >&2

# Status 1: the merged report holds diagnoses (it comes before 3, a failed bundle).
((status == 1)) || fail "exit status $status, expected 1"
[[ $(cat "$out/failed.txt") == "huge: killed after the time limit of 3 s (tried twice)" ]] ||
  fail "failed.txt: $(cat "$out/failed.txt")"
grep -qx "batch: FAILED huge: killed after the time limit of 3 s (tried twice)" "$work/stderr" ||
  fail "the failed bundle is not reported on stderr"
grep -qx "batch: 5 of 6 bundles analysed, 1 failed" "$work/stderr" || fail "no count on stderr"
[[ -e $out/huge.ndjson ]] && fail "the failed bundle's NDJSON was kept for the merge"
for bundle in "${good[@]}"; do
  head -n 1 "$out/$bundle.ndjson" | grep -q '"type":"header"' || fail "$bundle.ndjson has no header"
  tail -n 1 "$out/$bundle.ndjson" | grep -q '"type":"summary"' || fail "$bundle.ndjson has no summary"
done

# The merged report is the report of one run over the same bundles.
(cd "$bundles" && "$certdiag" --format json --as-of 2026-01-01 "${good[@]}" >"$work/one-run.json") || true
# The two fields that differ between runs on the same input: the time taken and when it was made.
without_run_times() {
  sed -E -e 's/"elapsed_s": [0-9.e+-]+/"elapsed_s": 0/' -e 's/"now": "[^"]*"/"now": "X"/' "$1"
}
diff <(without_run_times "$work/one-run.json") <(without_run_times "$out/report.json") >&2 ||
  fail "the merged report differs from one run over the bundles"
grep -q '"cm.ai.cert-expired"' "$out/report.json" || fail "no diagnosis in the merged report"
echo "batch_test: ok: ${#good[@]} bundles merged, 1 reported failed after two tries" >&2
