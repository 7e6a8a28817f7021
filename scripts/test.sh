#!/usr/bin/env bash
# Set up, build (Release) and run every test (unit tests + headless LibreOffice tests).
# Exits non-zero on any failure.
#
#   bash scripts/test.sh            # build dir: build/ (override with BUILD_DIR=...)
#   FUZZ_SECONDS=0 SANITIZE=0 bash scripts/test.sh   # skip the fuzz run and the sanitizer build
#   WINDOWS=0 bash scripts/test.sh                    # skip the Windows cross build (MinGW-w64 + Wine)
#   PLATEFORMES=0 bash scripts/test.sh                # skip the arm64 cross build and the multi-platform .oxt
#   LO_RECENT=0 bash scripts/test.sh                  # skip the suite on LibreOffice 25.2 (Debian 13 chroot)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

bash "$ROOT/scripts/setup.sh"

# LibreOffice 25.2's Debian 13 chroot (scripts/lo-recent.sh) is set up in the background, mostly
# downloads, while the host builds; reused as is when already there.
if [[ "${LO_RECENT:-1}" != 0 ]]; then
  mkdir -p "$BUILD_DIR"
  bash "$ROOT/scripts/lo-recent.sh" installer > "$BUILD_DIR/lo-recent-installer.log" 2>&1 &
  pid_recent=$!
fi

t0=$(date +%s)
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release
cmake --build "$BUILD_DIR" -j "$JOBS"
t1=$(date +%s)
echo "test.sh: configure + build in $((t1 - t0)) s"

# A bounded run of the fuzzers (libFuzzer + ASan/UBSan) on the rule-language parser; before
# ctest so that ctest's summary stays the last line.
if [[ "${FUZZ_SECONDS:-120}" != 0 ]]; then
  bash "$ROOT/scripts/fuzz.sh"
fi

# The domain library and the add-in glue under AddressSanitizer + UndefinedBehaviorSanitizer.
if [[ "${SANITIZE:-1}" != 0 ]]; then
  bash "$ROOT/scripts/sanitize.sh"
fi

# The core cross-compiled for Windows (MinGW-w64) and its unit tests under Wine; installs the cross
# compiler and Wine on first use.
if [[ "${WINDOWS:-1}" != 0 ]]; then
  bash "$ROOT/scripts/windows.sh"
fi

# The add-in for linux_aarch64 (cross build, qemu) merged with this build's into one .oxt: the
# headless-Calc tests below then install that multi-platform package (ECI_OXT).
if [[ "${PLATEFORMES:-1}" != 0 ]]; then
  BUILD_DIR=$BUILD_DIR bash "$ROOT/scripts/plateformes.sh"
  export ECI_OXT=$BUILD_DIR/eci-calc-multi.oxt
fi

# The headless-Calc suite again, on LibreOffice 25.2 in a Debian 13 chroot, with the .oxt just built (ECI_OXT:
# the multi-platform package when PLATEFORMES is on)
# (scripts/lo-recent.sh; creates the chroot on first use). Before the host's ctest, whose summary
# stays at the end; a failure here is reported after it.
rc_recent=0
if [[ "${LO_RECENT:-1}" != 0 ]]; then
  wait "$pid_recent" || rc_recent=$?
  cat "$BUILD_DIR/lo-recent-installer.log"
  if [[ $rc_recent -eq 0 ]]; then
    BUILD_DIR=$BUILD_DIR JOBS=$JOBS bash "$ROOT/scripts/lo-recent.sh" tester || rc_recent=$?
  fi
fi

# ctest prints its summary line ("100% tests passed, 0 tests failed out of N") at the end.
set +e
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS"
rc=$?
set -e
t2=$(date +%s)
echo "test.sh: tests in $((t2 - t1)) s, exit code $rc"
if [[ $rc_recent -ne 0 ]]; then
  echo "test.sh: the suite on LibreOffice 25.2 FAILED (exit code $rc_recent, scripts/lo-recent.sh above)"
  rc=1
fi
exit $rc
