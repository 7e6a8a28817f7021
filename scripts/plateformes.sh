#!/usr/bin/env bash
# The multi-platform .oxt, proven with two real platforms (README « Construire pour Windows et macOS »):
#
#  1. the add-in glue compiled for Windows, syntax only (MinGW-w64 posing as MSVC against the SDK's
#     headers with Windows' type sizes): the Windows branches of the commands at least compile;
#  2. the add-in cross-built for linux_aarch64 (g++-aarch64-linux-gnu, cmake/toolchains/
#     aarch64-linux-gnu.cmake) against LibreOffice's arm64 UNO libraries (scripts/sysroot-arm64.sh),
#     its ELF header and NEEDED libraries checked with readelf;
#  3. under qemu-aarch64: the core's unit tests built for arm64, and the arm64 library loaded with
#     every symbol bound against the arm64 UNO libraries (tests/plateformes/charger_composant.c);
#  4. tools/assembler_oxt.py merges the x86-64 package of BUILD_DIR and the arm64 one into
#     BUILD_DIR/eci-calc-multi.oxt. scripts/test.sh then runs the whole headless-Calc suite on that
#     package (ECI_OXT): LibreOffice 7.4 on x86-64 must pick its own library.
#
#   bash scripts/plateformes.sh        # after the host build (BUILD_DIR, default build/)
#
# Installs its needs with apt-get. Build directory build-aarch64/ (AARCH64_BUILD_DIR=...).
# Prints « plateformes: PASSED » or « plateformes: FAILED » (exit code 1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
A64=${AARCH64_BUILD_DIR:-$ROOT/build-aarch64}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
TIMEOUT=${PLATEFORMES_TIMEOUT:-1800}  # each long step (cross build, tests under qemu)
echec() { echo "plateformes: FAILED ($*)" >&2; exit 1; }

[[ -f "$BUILD_DIR/eci-calc.oxt" ]] || echec "no $BUILD_DIR/eci-calc.oxt: build the host first"
t0=$(date +%s)
bash "$ROOT/scripts/setup.sh" g++-aarch64-linux-gnu qemu-user-static g++-mingw-w64-x86-64-posix libgtest-dev \
     nlohmann-json3-dev
t1=$(date +%s)

# ---- 1. the glue for Windows, syntax only --------------------------------------------------------
# The SDK's sal/typesizes.h is the build machine's (long: 8 bytes); Windows' long has 4.
WSAL=$A64/windows-sal/sal
mkdir -p "$WSAL"
sed 's/SAL_TYPES_SIZEOFLONG 8/SAL_TYPES_SIZEOFLONG 4/' /usr/lib/libreoffice/sdk/include/sal/typesizes.h > "$WSAL/typesizes.h"
n=0
for f in "$ROOT"/addin/src/*.cpp "$ROOT"/addin/src/commandes/*.cpp; do
  x86_64-w64-mingw32-g++-posix -std=c++17 -fsyntax-only -Wall -Wextra -Werror -D_MSC_VER=1930 -DWNT -DCPPU_ENV=msci \
    -isystem "$A64/windows-sal" -isystem "$BUILD_DIR/addin/inc" -isystem /usr/lib/libreoffice/sdk/include \
    -I "$ROOT/core/calc/include" -I "$ROOT/core/domaine/include" -I "$ROOT/addin/src" -I "$BUILD_DIR/addin/gen" \
    -I "$BUILD_DIR/spreadsheets/include" "$f" || echec "$(basename "$f") does not compile for Windows"
  n=$((n + 1))
done
echo "plateformes: $n sources of the glue compile for Windows (_WIN32 branches included, syntax only)"
t2=$(date +%s)

# ---- 2. linux_aarch64 ------------------------------------------------------------------------------
bash "$ROOT/scripts/sysroot-arm64.sh" "$A64/sysroot"
LOG=$A64/aarch64-build.log
cmake -S "$ROOT" -B "$A64" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/toolchains/aarch64-linux-gnu.cmake" -DECI_SYSROOT_UNO="$A64/sysroot" \
      > "$LOG" 2>&1 || { cat "$LOG" >&2; echec "aarch64 configure"; }
timeout "$TIMEOUT" cmake --build "$A64" -j "$JOBS" --target eci_oxt eci_domaine_tests eci_calc_unit_tests >> "$LOG" 2>&1 \
  || { tail -n 40 "$LOG" >&2; echec "aarch64 build (or more than $TIMEOUT s), log: $LOG"; }
t3=$(date +%s)

SO=$A64/addin/libeci.uno.so
[[ -f "$SO" ]] || echec "no $SO"
machine=$(aarch64-linux-gnu-readelf -h "$SO" | sed -n 's/^ *Machine: *//p')
[[ "$machine" == "AArch64" ]] || echec "$SO is for « $machine », not AArch64"
needed=$(aarch64-linux-gnu-readelf -d "$SO" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
echo "plateformes: libeci.uno.so (arm64): $machine, NEEDED $needed"
for lib in $needed; do
  case $lib in
    libuno_*) [[ -f "$A64/sysroot/usr/lib/libreoffice/program/$lib" ]] || echec "NEEDED $lib is not a LibreOffice library" ;;
    libstdc++.so.6|libm.so.6|libgcc_s.so.1|libc.so.6) ;;
    *) echec "unexpected NEEDED library $lib (LibreOffice does not ship it)" ;;
  esac
done
exports=$(aarch64-linux-gnu-readelf --dyn-syms -W "$SO" | awk '$5 == "GLOBAL" && $7 != "UND" {print $8}' | sort -u | tr '\n' ' ')
[[ "$exports" == "component_getFactory " ]] || echec "exported symbols: « $exports », expected component_getFactory alone"

# ---- 3. under qemu-aarch64 -------------------------------------------------------------------------
QEMU=(qemu-aarch64-static -L /usr/aarch64-linux-gnu)
for t in eci_domaine_tests eci_calc_unit_tests; do
  set +e
  (cd "$A64/tests/unit" && timeout "$TIMEOUT" "${QEMU[@]}" "./$t" --gtest_brief=1 > "$A64/$t.log" 2>&1)
  r=$?
  set -e
  summary=$({ grep -E '^\[==========\].*ran|^\[  (PASSED|FAILED) ' "$A64/$t.log" || true; } | tr '\n' ' ')
  echo "plateformes: $t (arm64) under qemu: ${summary:-no GoogleTest summary} (exit code $r)"
  [[ $r -eq 0 && -n "$summary" ]] || { tail -n 30 "$A64/$t.log" >&2; echec "$t under qemu"; }
done
aarch64-linux-gnu-gcc -O2 -o "$A64/charger_composant" "$ROOT/tests/plateformes/charger_composant.c" -ldl
"${QEMU[@]}" -E LD_LIBRARY_PATH="$A64/sysroot/usr/lib/libreoffice/program:$A64/sysroot/usr/lib/aarch64-linux-gnu:$A64/sysroot/lib/aarch64-linux-gnu" \
  "$A64/charger_composant" "$SO" \
  || echec "the arm64 library does not load against LibreOffice's arm64 UNO libraries"
t4=$(date +%s)

# ---- 4. one .oxt for both --------------------------------------------------------------------------
MULTI=$BUILD_DIR/eci-calc-multi.oxt
python3 "$ROOT/tools/assembler_oxt.py" -o "$MULTI" "$BUILD_DIR/eci-calc.oxt" "$A64/eci-calc.oxt" \
  || echec "assembler_oxt"
unzip -p "$MULTI" META-INF/manifest.xml | grep -c 'uno-components;platform=' | grep -qx 2 || echec "manifest of $MULTI"
# And it refuses what would break a platform: one platform twice, a library of another processor.
FAUX=$A64/faux-aarch64.oxt
python3 - "$A64/eci-calc.oxt" "$BUILD_DIR/addin/libeci.uno.so" "$FAUX" <<'PY'
import sys, zipfile
source, x86, faux = sys.argv[1:]
with zipfile.ZipFile(source) as z, zipfile.ZipFile(faux, "w") as f:
    for n in z.namelist():
        f.writestr(n, open(x86, "rb").read() if n == "linux_aarch64/libeci.uno.so" else z.read(n))
PY
for paire in "$BUILD_DIR/eci-calc.oxt $BUILD_DIR/eci-calc.oxt" "$BUILD_DIR/eci-calc.oxt $FAUX"; do
  # shellcheck disable=SC2086
  if python3 "$ROOT/tools/assembler_oxt.py" -o "$A64/refuse.oxt" $paire 2> "$A64/refuse.log"; then
    echec "assembler_oxt accepted $paire"
  fi
  echo "plateformes: refused as expected: $(cat "$A64/refuse.log")"
done
t5=$(date +%s)

echo "plateformes: apt $((t1 - t0)) s, Windows syntax check $((t2 - t1)) s, arm64 sysroot + cross build $((t3 - t2)) s," \
     "qemu $((t4 - t3)) s, assembly $((t5 - t4)) s"
echo "plateformes: PASSED ($MULTI)"
