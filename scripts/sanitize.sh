#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer build of the domain library and the add-in glue,
# running the whole unit-test suite and the glue tests (soffice cannot load a sanitized add-in,
# so the headless Calc tests are not part of this build).
#
#   bash scripts/sanitize.sh        # build dir build-asan/
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ASAN_BUILD_DIR:-$ROOT/build-asan}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
mkdir -p "$BUILD_DIR"
LOG=$BUILD_DIR/sanitize-build.log

cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DECI_SANITIZE=ON > "$LOG" 2>&1 \
  || { cat "$LOG" >&2; exit 1; }
cmake --build "$BUILD_DIR" --target eci_domaine_tests eci_calc_unit_tests eci_addin_glue_tests -j "$JOBS" >> "$LOG" 2>&1 \
  || { tail -n 40 "$LOG" >&2; exit 1; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# The UNO type singletons of the SDK headers live until exit by design (see the file).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/scripts/lsan-uno.supp:print_suppressions=0}
set +e
"$BUILD_DIR/tests/unit/eci_domaine_tests" --gtest_brief=1 > "$BUILD_DIR/unit.log" 2>&1
u=$?
"$BUILD_DIR/tests/unit/eci_calc_unit_tests" --gtest_brief=1 >> "$BUILD_DIR/unit.log" 2>&1
u=$(( u | $? ))
"$BUILD_DIR/tests/calc/eci_addin_glue_tests" --gtest_brief=1 > "$BUILD_DIR/glue.log" 2>&1
g=$?
set -e
summary() { grep -E '^\[==========\].*ran|PASSED|FAILED' "$1" | tr '\n' ' '; }
echo "sanitize: unit tests (ASan+UBSan): $(summary "$BUILD_DIR/unit.log")"
echo "sanitize: glue tests (ASan+UBSan): $(summary "$BUILD_DIR/glue.log")"
if [[ $u -ne 0 || $g -ne 0 ]]; then
  echo "sanitize: FAILED" >&2
  tail -n 40 "$BUILD_DIR/unit.log" "$BUILD_DIR/glue.log" >&2
  exit 1
fi
