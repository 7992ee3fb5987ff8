#!/usr/bin/env bash
# Sets up, builds with warnings as errors and runs the whole test suite (release preset, which
# builds the tests and fails when none ran).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
ctest --preset release -j"$(nproc)"
