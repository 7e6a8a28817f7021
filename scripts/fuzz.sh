#!/usr/bin/env bash
# Build the libFuzzer targets with clang (ASan + UBSan) and run each for a bounded time on a
# scratch copy of its corpus (the corpus in the repo is not modified).
#
#   bash scripts/fuzz.sh            # per target: FUZZ_RUNS executions (default 150000; contexte_fuzz 20000, uno_eci_fuzz 60000) with the fixed
#                                   # FUZZ_SEED (default 1), at most FUZZ_SECONDS (default 120);
#                                   # build dir build-fuzz/
#   FUZZ_RUNS=-1 FUZZ_SEED=0 FUZZ_SECONDS=600 bash scripts/fuzz.sh   # a longer, random exploration
#   FUZZ_TARGETS=uno_eci_fuzz bash scripts/fuzz.sh                          # one target only
# With the default fixed seed and run count, the run is reproducible (the same in CI as here).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-120}
RUNS=${FUZZ_RUNS:-150000}
SEED=${FUZZ_SEED:-1}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

mkdir -p "$BUILD_DIR"
LOG=$BUILD_DIR/fuzz-build.log
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DECI_FUZZ=ON -DECI_BUILD_ADDIN=ON -DECI_BUILD_TESTS=OFF > "$LOG" 2>&1 \
  || { cat "$LOG" >&2; exit 1; }

TARGETS=(${FUZZ_TARGETS:-regle_fuzz statut_fuzz contexte_fuzz fonctions_fuzz export_fuzz uno_eci_fuzz uno_aide_fuzz uno_criteres_fuzz})
cmake --build "$BUILD_DIR" --target "${TARGETS[@]}" -j "$JOBS" >> "$LOG" 2>&1 \
  || { tail -40 "$LOG" >&2; exit 1; }

# The UNO type singletons of the SDK headers live until exit by design (see the file).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/scripts/lsan-uno.supp:print_suppressions=0}

rc=0
for target in "${TARGETS[@]}"; do
  corpus=${target%_fuzz}
  # The slower targets get fewer executions so that a test run stays within a few minutes:
  # contexte_fuzz evaluates the whole référentiel three times per input, uno_eci_fuzz once.
  runs_target=$RUNS
  case $target in
    contexte_fuzz) [[ $RUNS -gt 20000 ]] && runs_target=20000 ;;
    uno_eci_fuzz) [[ $RUNS -gt 60000 ]] && runs_target=60000 ;;
  esac
  scratch=$(mktemp -d /tmp/eci-fuzz-XXXXXX)
  cp -r "$ROOT/fuzz/corpus/$corpus/." "$scratch/"
  set +e
  "$BUILD_DIR/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -runs="$runs_target" -seed="$SEED" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$BUILD_DIR/$target-" "$scratch" > "$BUILD_DIR/$target.log" 2>&1
  status=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$BUILD_DIR/$target.log" | grep -o '[0-9]*$' || echo '?')
  rm -rf "$scratch"
  if [[ $status -ne 0 ]]; then
    echo "fuzz: $target FAILED after $runs executions (see $BUILD_DIR/$target.log):" >&2
    tail -30 "$BUILD_DIR/$target.log" >&2
    rc=1
  else
    echo "fuzz: $target: $runs executions (seed $SEED), no crash"
  fi
done
exit $rc
