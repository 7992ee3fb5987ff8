#!/usr/bin/env bash
# Builds certdiag.exe for 64-bit Windows with MinGW-w64 and packs
# build/windows/certdiag-<version>-windows-x64.zip.
#
# Every library comes from its Debian 12 source package (deb-src is enabled for the suites the
# machine already uses), built once into a prefix outside the repository and reused from there:
#   CERTDIAG_WINDOWS_PREFIX   default ~/.cache/certdiag-mingw (one stamp per library in it)
# Options: --deps builds the libraries only; --test also runs the tests under Wine (Debian's):
# certdiag_tests.exe, the in-process suite, then the tests that run the certdiag binary
# (certdiag_binary_tests, built natively in build/release) against certdiag.exe.
set -euo pipefail
# Read whole before it runs (a brace group), so that editing the script cannot change a run.
{
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${CERTDIAG_WINDOWS_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/certdiag-mingw}
export CERTDIAG_WINDOWS_PREFIX=$prefix
build=$root/build/windows
toolchain=$root/cmake/mingw-w64-x86_64.cmake
jobs=$(nproc)
host=x86_64-w64-mingw32
deps_only=0
run_tests=0
for arg in "$@"; do
  case $arg in
    --deps) deps_only=1 ;;
    --test) run_tests=1 ;;
    *) echo "build-windows: unknown option $arg (want --deps or --test)" >&2; exit 2 ;;
  esac
done

# Each phase's time, printed when the next begins and at the end.
phase_name=
phase_started=$SECONDS
phase() {
  [[ -n $phase_name ]] &&
    echo "build-windows: $phase_name took $((SECONDS - phase_started)) s" >&2
  phase_name=$1
  phase_started=$SECONDS
}
phase "installing the build's packages"

sudo=()
((EUID == 0)) || sudo=(sudo)
"$root/scripts/setup.sh" --windows

# deb-src for the same suites as the machine's deb entries (deb822 and one-line formats).
enable_sources() {
  [[ -n $(apt-cache showsrc zlib 2>/dev/null) ]] && return
  local list=/etc/apt/sources.list.d/certdiag-deb-src.sources
  echo "build-windows: enabling deb-src in $list" >&2
  {
    for file in /etc/apt/sources.list.d/*.sources; do
      [[ $file == "$list" ]] && continue
      [[ -e $file ]] && sed -n 's/^Types:.*\bdeb\b.*$/Types: deb-src/p; /^Types:/!p' "$file" && echo
    done
    if [[ -e /etc/apt/sources.list ]]; then
      sed -n 's/^deb \(.*\)$/\1/p' /etc/apt/sources.list | while read -r uri suite components; do
        printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n\n' "$uri" "$suite" "$components"
      done
    fi
  } | "${sudo[@]}" tee "$list" >/dev/null
  "${sudo[@]}" apt-get update -qq
}

# Unpacks the source package `$1` under $prefix/src and prints its folder: the newest version,
# else the release's own when a mirror lacks the newest (security updates' sources, for one).
fetch() {
  mkdir -p "$prefix/src/$1"
  (cd "$prefix/src/$1" && { ls -d */ >/dev/null 2>&1 || apt-get source -qq "$1" >&2 ||
    { rm -rf ./*; apt-get source -qq "$1/bookworm" >&2; }; })
  ls -d "$prefix/src/$1"/*/ | head -n1
}

cmake_install() {
  local source=$1
  shift
  cmake -S "$source" -B "$source/build-mingw" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" -DBUILD_SHARED_LIBS=OFF \
    -DCMAKE_POLICY_DEFAULT_CMP0074=NEW "$@"
  cmake --build "$source/build-mingw" -j"$jobs"
  cmake --install "$source/build-mingw"
}

build_zlib() {
  local source
  source=$(fetch zlib)
  # Debian's source drops upstream's Windows makefiles; the library is its top-level C files.
  (cd "$source" && mkdir -p build-mingw && cd build-mingw &&
    for file in ../*.c; do $host-gcc-posix -O2 -I.. -c "$file"; done && $host-ar rcs libz.a ./*.o)
  install -D -m644 "$source/build-mingw/libz.a" "$prefix/lib/libz.a"
  install -D -m644 -t "$prefix/include" "$source/zlib.h" "$source/zconf.h"
}

build_bzip2() {
  local source
  source=$(fetch bzip2)
  make -C "$source" -j"$jobs" CC=$host-gcc-posix AR=$host-ar RANLIB=$host-ranlib libbz2.a
  install -D -m644 "$source/libbz2.a" "$prefix/lib/libbz2.a"
  install -D -m644 "$source/bzlib.h" "$prefix/include/bzlib.h"
}

build_xz() {
  local source
  source=$(fetch xz-utils)
  # liblzma alone (xz's own tools are not needed).
  cmake -S "$source" -B "$source/build-mingw" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF
  cmake --build "$source/build-mingw" --target liblzma -j"$jobs"
  install -D -m644 "$source/build-mingw/liblzma.a" "$prefix/lib/liblzma.a"
  cp -r "$source/src/liblzma/api/lzma.h" "$source/src/liblzma/api/lzma" "$prefix/include/"
}

build_libarchive() {
  local source
  source=$(fetch libarchive)
  # Only the formats and filters certdiag reads logs from: zip, tar, cab, 7z with deflate, bzip2
  # and xz; no encryption library (Windows' own CNG serves zip decryption). Its one check that
  # runs a program asks whether zlib was built with ZLIB_WINAPI: it was not.
  cmake -S "$source" -B "$source/build-mingw" -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DCMAKE_BUILD_TYPE=Release -DENABLE_TAR=OFF -DENABLE_CPIO=OFF -DENABLE_CAT=OFF \
    -DENABLE_TEST=OFF -DENABLE_OPENSSL=OFF -DENABLE_MBEDTLS=OFF -DENABLE_NETTLE=OFF \
    -DENABLE_LIBB2=OFF -DENABLE_LZ4=OFF -DENABLE_LZO=OFF -DENABLE_ZSTD=OFF -DENABLE_LIBXML2=OFF \
    -DENABLE_EXPAT=OFF -DENABLE_PCREPOSIX=OFF -DENABLE_ICONV=OFF -DENABLE_ACL=OFF \
    -DENABLE_XATTR=OFF -DZLIB_WINAPI_EXITCODE=1 -DZLIB_WINAPI_EXITCODE__TRYRUN_OUTPUT=
  # The static library alone (its install would want the DLL too), under the plain name.
  cmake --build "$source/build-mingw" --target archive_static -j"$jobs"
  install -D -m644 "$source/build-mingw/libarchive/libarchive_static.a" "$prefix/lib/libarchive.a"
  install -m644 -t "$prefix/include" "$source/libarchive/archive.h" \
    "$source/libarchive/archive_entry.h"
}

build_boost() {
  # Boost.Program_options alone (with the header-only libraries it uses), through Boost's own
  # CMake build, which installs one CMake package per library.
  cmake_install "$(fetch boost1.81)" -DBOOST_INCLUDE_LIBRARIES=program_options -DBUILD_TESTING=OFF
}

build_re2() {
  local source
  source=$(fetch re2)
  # Debian's source leaves out the generated tables; they are made as Debian's own build does
  # (REBUILD_TABLES, from the unicode-data package).
  make -C "$source" REBUILD_TABLES=1 re2/perl_groups.cc re2/unicode_casefold.cc re2/unicode_groups.cc
  cmake_install "$source" -DRE2_BUILD_TESTING=OFF
  # This release's CMake install writes no pkg-config file; the project finds RE2 through one.
  if [[ ! -e $prefix/lib/pkgconfig/re2.pc ]]; then
    mkdir -p "$prefix/lib/pkgconfig"
    cat >"$prefix/lib/pkgconfig/re2.pc" <<EOF
prefix=$prefix
Name: re2
Description: RE2 is a fast, safe, thread-friendly regular expression engine.
Version: $(basename "$source" | sed 's/^re2-//; s/+.*//')
Cflags: -I\${prefix}/include -pthread
Libs: -L\${prefix}/lib -lre2 -pthread
EOF
  fi
}

build_xxhash() {
  local source
  source=$(fetch xxhash)
  cmake_install "$source/cmake_unofficial" -DXXHASH_BUILD_XXHSUM=OFF
}

build_date() {
  local source
  source=$(fetch howardhinnant-date)
  # The IANA database as text files beside certdiag.exe (see analyzer/io/platform.cpp), never
  # downloaded at run time. Parsing in the C locale, as Debian builds it: MinGW's locale facets
  # do not read AM/PM.
  rm -rf "$source/build-mingw"
  cmake_install "$source" -DBUILD_TZ_LIB=ON -DUSE_SYSTEM_TZ_DB=OFF -DMANUAL_TZ_DB=ON \
    -DENABLE_DATE_TESTING=OFF -DCOMPILE_WITH_C_LOCALE=ON
}

build_tzdata() {
  local source file
  source=$(fetch tzdata)
  mkdir -p "$prefix/share/tzdata"
  for file in africa antarctica asia australasia backward etcetera europe northamerica \
    southamerica leapseconds version; do
    # Without comment lines: date's parser prints the indented ones (#STDOFF) as unknown.
    [[ -e $source/$file ]] && sed -E '/^[[:space:]]*#/d' "$source/$file" >"$prefix/share/tzdata/$file"
  done
  # date on Windows also reads CLDR's windowsZones.xml (Windows' zone names): that one file, from
  # Debian's CLDR package (data, not code: the binary package holds it as the source does).
  mkdir -p "$prefix/src/unicode-cldr-core"
  (cd "$prefix/src/unicode-cldr-core" && { ls ./*.deb >/dev/null 2>&1 ||
    apt-get download unicode-cldr-core; } &&
    dpkg-deb --fsys-tarfile ./*.deb | tar -x --strip-components=7 \
      ./usr/share/unicode/cldr/common/supplemental/windowsZones.xml)
  install -m644 "$prefix/src/unicode-cldr-core/windowsZones.xml" "$prefix/share/tzdata/"
}

build_openssl() {
  local source
  source=$(fetch openssl)
  # libcrypto alone, static: certdiag reads certificate files with it and speaks no TLS. The
  # configuration folder stays OpenSSL's default for Windows (under Program Files, which only
  # administrators can write), never a path of this machine.
  (cd "$source" && ./Configure mingw64 --cross-compile-prefix=$host- CC=gcc-posix no-shared \
    no-tests no-dso no-engine no-module && make -j"$jobs" build_generated &&
    make -j"$jobs" libcrypto.a)
  install -D -m644 "$source/libcrypto.a" "$prefix/lib/libcrypto.a"
  mkdir -p "$prefix/include"
  cp -r "$source/include/openssl" "$prefix/include/"
}

build_googletest() {
  local source
  source=$(fetch googletest)
  cmake_install "$source" -DBUILD_GMOCK=OFF -DINSTALL_GTEST=ON -Dgtest_disable_pthreads=OFF
}

# fmt, yaml-cpp, pugixml and nlohmann-json: plain CMake projects.
build_fmt() { cmake_install "$(fetch fmtlib)" -DFMT_TEST=OFF -DFMT_DOC=OFF; }
build_yaml_cpp() {
  cmake_install "$(fetch yaml-cpp)" -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF \
    -DYAML_CPP_BUILD_CONTRIB=OFF -DYAML_BUILD_SHARED_LIBS=OFF
}
build_pugixml() { cmake_install "$(fetch pugixml)" -DPUGIXML_BUILD_TESTS=OFF; }
build_nlohmann_json() { cmake_install "$(fetch nlohmann-json3)" -DJSON_BuildTests=OFF; }

# Each library once; a stamp in the prefix marks it built.
dependencies=(zlib bzip2 xz libarchive boost re2 xxhash date tzdata googletest fmt yaml_cpp pugixml
              nlohmann_json openssl)
build_dependencies() {
  local name started status
  mkdir -p "$prefix"
  for name in "${dependencies[@]}"; do
    [[ -e $prefix/.built-$name ]] && continue
    enable_sources
    started=$SECONDS
    echo "build-windows: building $name into $prefix (log: $prefix/log/$name.log)" >&2
    mkdir -p "$prefix/log"
    # A subshell outside any condition, so that set -e stops it at the first failing command.
    set +e
    (set -e && "build_$name") >"$prefix/log/$name.log" 2>&1
    status=$?
    set -e
    if ((status != 0)); then
      tail -n 30 "$prefix/log/$name.log" >&2
      echo "build-windows: building $name failed (log: $prefix/log/$name.log)" >&2
      exit 1
    fi
    echo "build-windows: $name built in $((SECONDS - started)) s" >&2
    touch "$prefix/.built-$name"
  done
}

phase "building the libraries (those not in $prefix yet)"
build_dependencies
if ((deps_only)); then
  phase ""
  exit 0
fi

phase "starting Wine"
# Wine runs in a prefix of this build tree, made here once, so that no state left by another
# run (a server killed while saving the registry, say) reaches these runs. Wine's output goes to
# files, never to pipes: the services Wine starts beside a program keep its output open.
export WINEPREFIX=${WINEPREFIX:-$build/wine} WINEDEBUG=-all
mkdir -p "$build"
if [[ ! -f $WINEPREFIX/system.reg ]]; then
  # No Mono or Gecko: certdiag needs neither, and their installers would ask for a download.
  WINEDLLOVERRIDES="mscoree,mshtml=" wineboot --init </dev/null >/dev/null 2>&1 ||
    { echo "build-windows: Wine could not make its prefix $WINEPREFIX" >&2; exit 1; }
  timeout 60 wineserver -w || true  # the server that made it has ended
fi
# One Wine server serves the runs of a phase, gone a minute after the last; it is started, with
# its services, by a program whose output goes nowhere, so that the services hold no test's
# output open. It ends with this script.
start_wine_server() {
  wineserver -p60 </dev/null >/dev/null 2>&1 || true
  wine cmd /c exit </dev/null >/dev/null 2>&1 || true
}
trap 'timeout 30 wineserver -k >/dev/null 2>&1 || true' EXIT
start_wine_server

# certdiag.exe, and certdiag_tests.exe with --test (ccache speeds up rebuilds when it is there).
phase "building certdiag.exe and the zip"
version=$(sed -n 's/^project(certdiag VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
launcher=()
command -v ccache >/dev/null &&
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
# The build compiles the built-in rule packs with a program of its own, run under Wine.
cmake -S "$root" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CROSSCOMPILING_EMULATOR=wine -DCERTDIAG_WERROR=ON \
  -DCERTDIAG_TESTS=$( ((run_tests)) && echo ON || echo OFF) "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$jobs"

# The zip: certdiag.exe, the time-zone database beside it, and the documents as text with CRLF
# line ends (zip -l); the man page is rendered from certdiag.exe's own, run under Wine.
stage=$build/package/certdiag-$version-windows-x64
rm -rf "$build/package"
mkdir -p "$stage/tzdata"
cp "$build/certdiag.exe" "$stage/"
cp "$prefix"/share/tzdata/* "$stage/tzdata/"
cp "$root/README.md" "$root/CHANGELOG.md" "$root/LICENSE" "$stage/"
start_wine_server  # the build may have outlasted the last one
wine "$build/certdiag.exe" --print man </dev/null >"$build/certdiag.man"
tr -d '\r' <"$build/certdiag.man" |
  groff -man -Tutf8 -P-c -P-b -P-u -P-o 2>/dev/null >"$stage/certdiag.txt"
[[ -s $stage/certdiag.txt ]] || { echo "build-windows: the man page came out empty" >&2; exit 1; }
zip_file=$build/certdiag-$version-windows-x64.zip
rm -f "$zip_file"
(cd "$build/package" && zip -q -r -X "$zip_file" "certdiag-$version-windows-x64" \
  -x "*/README.md" "*/CHANGELOG.md" "*/LICENSE" "*/certdiag.txt" &&
  zip -q -X -l "$zip_file" "certdiag-$version-windows-x64"/{README.md,CHANGELOG.md,LICENSE,certdiag.txt})
echo "build-windows: $zip_file ($(du -k "$zip_file" | cut -f1) KiB)" >&2
((run_tests)) || { phase ""; exit 0; }

# The in-process suite under Wine; gtest's summary says how many ran, passed and were skipped.
phase "certdiag_tests.exe under Wine"
log=$build/tests/certdiag_tests.log
run_unit_tests() {
  status=0
  start_wine_server
  wine "$build/tests/certdiag_tests.exe" </dev/null >"$log.crlf" 2>&1 || status=$?
  tr -d '\r' <"$log.crlf" >"$log"
}
summary() { grep -E '^\[==========\] [0-9]+ tests? from .* ran\.' "$log"; }
# The log's last lines, without the control characters a test may print.
show_log_end() { tail -n 15 "$log" | tr -d '\000-\010\013-\037\177' >&2; }
run_unit_tests
if ! summary >/dev/null; then
  # Wine itself can fail to start a program; a run that ended before gtest's summary is shown,
  # then made once more in a new Wine server.
  echo "build-windows: certdiag_tests.exe ended (exit $status) before gtest's summary; its" \
    "log ends with:" >&2
  show_log_end
  echo "build-windows: running certdiag_tests.exe once more in a new Wine server" >&2
  timeout 30 wineserver -k >/dev/null 2>&1 || true
  run_unit_tests
fi
# What failed, and why tests were skipped (each reason once, with its count).
grep -E '^\[  FAILED  \] [A-Za-z]|Failure$' "$log" | awk '!seen[$0]++' >&2 || true
grep -A1 ': Skipped$' "$log" | grep -v -e ': Skipped$' -e '^--$' | sort | uniq -c >&2 || true
count() {
  local number
  number=$(sed -n "s/^\[  $1 *\] \([0-9]*\) tests\{0,1\}[.,].*/\1/p" "$log" | tail -n1)
  echo "${number:-0}"
}
ran=$( (summary || true) | sed -n 's/^\[==========\] \([0-9]*\) .*/\1/p')
passed=$(count PASSED)
echo "build-windows: certdiag_tests.exe: ${ran:-0} ran, $passed passed, $(count SKIPPED)" \
  "skipped, $(count FAILED) failed (log: $log)" >&2
if ((status != 0 || ${ran:-0} == 0 || passed == 0)); then
  echo "build-windows: certdiag_tests.exe failed under Wine (exit $status); its log ends with:" >&2
  show_log_end
  exit 1
fi

# The tests that run the binary, built natively (the release preset) and run against
# certdiag.exe through a script that starts it under Wine.
phase "certdiag_binary_tests against certdiag.exe"
native=$root/build/release
# Configured again: a build folder made before certdiag_binary_tests existed has no rule for it.
(cd "$root" && cmake --preset release >/dev/null)
cmake --build "$native" --target certdiag certdiag_binary_tests -j"$jobs"
wrapper=$build/certdiag-under-wine
printf '#!/usr/bin/env bash\nexec wine %q "$@"\n' "$build/certdiag.exe" >"$wrapper"
chmod +x "$wrapper"
# Left out, each for its reason (they run on Debian against the native certdiag):
not_on_windows=(
  # what only Linux has: /proc/self/mem, an address-space limit (Wine needs more), SIGINT
  # through script(1), /dev/stdout
  BadInput.ReadErrorMidStream BadInput.EvtxOfOneGiB Progress.CtrlCErasesTheProgressLine
  'Golden.*/fail_on_error_json_to_file'
)
left_out=$(IFS='|' && echo "${not_on_windows[*]}")
echo "build-windows: left out: ${not_on_windows[*]}" >&2
log=$build/tests/certdiag_binary_tests.log
status=0
start_wine_server  # the native build may have outlasted the last one
# Wine now and then fails to start a program (an empty output and exit 1 once in a few hundred
# runs), so a test that fails runs once more; each such test is named, with its first output in
# the log.
(cd "$native" && CERTDIAG_TEST_BINARY=$wrapper ctest -L binary -E "$left_out" -j"$jobs" \
  --repeat until-pass:2 --output-on-failure --no-tests=error) >"$log" 2>&1 || status=$?
grep -E 'tests passed|\(Failed\)|\(Skipped\)' "$log" >&2 || true
sed -n 's/^ *[0-9/]* *Test *#[0-9]*: \([^ ]*\).*\*\*\*Failed.*/\1/p' "$log" | sort -u |
  sed 's/^/build-windows: failed on a first run under Wine: /' >&2
if ((status != 0)); then
  echo "build-windows: tests of certdiag.exe failed under Wine (log: $log)" >&2
  exit 1
fi
phase ""
exit 0
}
