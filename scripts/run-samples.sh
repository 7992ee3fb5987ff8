#!/usr/bin/env bash
# Sets up, builds certdiag (Release) and runs it on samples/; exits with certdiag's status.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DCERTDIAG_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null
exec build/release/certdiag samples/
