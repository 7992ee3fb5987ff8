#!/usr/bin/env bash
# Installs every Debian 12 package that building, testing and benchmarking certdiag needs.
# Idempotent: when everything is installed it only checks and returns. Uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git python3 tzdata clang-format
  libre2-dev libboost-program-options-dev libfmt-dev libhowardhinnant-date-dev libgtest-dev
  libyaml-cpp-dev nlohmann-json3-dev libarchive-dev libevtx-dev libbfio-dev libbenchmark-dev
  libpugixml-dev libxxhash-dev libssl-dev
  chromium  # the tests render the HTML report headless and check its layout
)
# The Windows build (scripts/build-windows.sh): MinGW-w64, Wine for its tests, dpkg-dev to unpack
# the libraries' source packages, zip, and the Unicode tables RE2's are generated from; installed
# by setup.sh --windows and setup.sh --all.
windows_packages=(g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix mingw-w64 wine wine64 dpkg-dev zip unzip
                  unicode-data)
if [[ ${1:-} == --windows ]]; then
  packages+=("${windows_packages[@]}")
fi
# Tools for benchmarks, fuzzing, fixtures, regenerating patterns/error-codes.tsv, the Debian
# package (file, lintian), batch runs (parallel) and CI's manifest check (python3-yaml),
# installed when asked for: setup.sh --all
if [[ ${1:-} == --all ]]; then
  packages+=("${windows_packages[@]}")
  packages+=(ripgrep hyperfine libevtx-utils gcab clang libclang-rt-14-dev time mingw-w64-common python3-impacket
             file lintian parallel python3-yaml)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

sudo=()
((EUID == 0)) || sudo=(sudo)
echo "setup: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
