#!/usr/bin/env bash
# Sets up, builds certdiag (the release preset, binary only) and runs it on samples/; exits with
# certdiag's status. It shares build/release with scripts/test.sh, so either may run first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target certdiag >/dev/null
exec build/release/certdiag samples/
