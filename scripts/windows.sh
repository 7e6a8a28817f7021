#!/usr/bin/env bash
# The core for Windows x86-64: cross-compiled with MinGW-w64 (cmake/toolchains/mingw-w64-x86_64.cmake),
# both layers (eci_domaine, eci_calc) and their unit tests as static .exe, run under Wine, headless.
# Installs what it needs with apt-get when missing (as root, or with sudo). The UNO add-in is not
# built (it needs MSVC and the Windows LibreOffice SDK: README « Construire pour Windows et macOS »).
#
#   bash scripts/windows.sh          # build dir build-windows/ (override with WINDOWS_BUILD_DIR=...)
#
# Prints GoogleTest's summary of each executable and « windows: PASSED » or « windows: FAILED »
# (exit code 1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${WINDOWS_BUILD_DIR:-$ROOT/build-windows}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
TESTS=(eci_domaine_tests eci_calc_unit_tests)

t0=$(date +%s)
# The cross compiler, Wine (64-bit only: the tests are 64-bit), GoogleTest's sources, nlohmann-json.
PACKAGES=(cmake make python3 g++-mingw-w64-x86-64-posix wine wine64 libgtest-dev nlohmann-json3-dev)
bash "$ROOT/scripts/setup.sh" "${PACKAGES[@]}"
t1=$(date +%s)

mkdir -p "$BUILD_DIR"
LOG=$BUILD_DIR/windows-build.log
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/toolchains/mingw-w64-x86_64.cmake" -DECI_BUILD_ADDIN=OFF > "$LOG" 2>&1 \
  || { cat "$LOG" >&2; echo "windows: FAILED (configure)" >&2; exit 1; }
cmake --build "$BUILD_DIR" --target "${TESTS[@]}" -j "$JOBS" >> "$LOG" 2>&1 \
  || { grep -E 'error|Error' "$LOG" | head -n 40 >&2; echo "windows: FAILED (build, log: $LOG)" >&2; exit 1; }
t2=$(date +%s)

# What the executables import: Windows system DLLs only (libgcc, libstdc++, winpthread are linked in).
dlls=$(x86_64-w64-mingw32-objdump -p "$BUILD_DIR/tests/unit/eci_domaine_tests.exe" \
       | sed -n 's/^[[:space:]]*DLL Name: //p' | sort -u | tr '\n' ' ')
echo "windows: eci_domaine_tests.exe imports $dlls"

# Headless Wine in a throwaway prefix: no X display, no debug channels, no Mono / Gecko install.
export WINEPREFIX=$BUILD_DIR/wine-prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="
unset DISPLAY WAYLAND_DISPLAY
# The prefix is made first, and waited for: a test started while Wine still writes it fails with
# « could not load kernel32.dll » (seen once in CI); the noise of wineboot goes to its own log.
prefixe() {
  rm -rf "$WINEPREFIX" && mkdir -p "$WINEPREFIX"
  wine wineboot --init > "$BUILD_DIR/wineboot.log" 2>&1 || true
  wineserver -w || true
}
prefixe
rc=0
for t in "${TESTS[@]}"; do
  set +e
  wine "$BUILD_DIR/tests/unit/$t.exe" --gtest_brief=1 > "$BUILD_DIR/$t.log" 2>&1
  r=$?
  if grep -q "could not load kernel32.dll" "$BUILD_DIR/$t.log"; then
    # Wine itself did not start (not the tests): a new prefix, one more try, said here.
    echo "windows: Wine did not start for $t.exe ($(head -c 200 "$BUILD_DIR/$t.log")); new prefix, second try"
    wineserver -k 2> /dev/null
    prefixe
    wine "$BUILD_DIR/tests/unit/$t.exe" --gtest_brief=1 > "$BUILD_DIR/$t.log" 2>&1
    r=$?
  fi
  set -e
  summary=$(grep -E '^\[==========\].*ran|^\[  (PASSED|FAILED|SKIPPED) ' "$BUILD_DIR/$t.log" | tr '\n' ' ' || true)
  echo "windows: $t.exe under Wine: ${summary:-no GoogleTest summary} (exit code $r)"
  if [[ $r -ne 0 || -z "$summary" ]]; then
    rc=1
    tail -n 40 "$BUILD_DIR/$t.log" >&2
  fi
done
wineserver -k 2> /dev/null || true
t3=$(date +%s)

echo "windows: apt $((t1 - t0)) s, cross build $((t2 - t1)) s, tests under Wine $((t3 - t2)) s"
if [[ $rc -ne 0 ]]; then
  echo "windows: FAILED" >&2
  exit 1
fi
echo "windows: PASSED"
