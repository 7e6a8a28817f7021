#!/usr/bin/env bash
# The main job: set up, build the extension and the workbooks, install the extension into a
# throwaway LibreOffice profile, open the example autodiagnostic headless, recalculate, print
# the per-axe table, the total, the stars and the points to the next star, and write the
# Synthèse as PDF and PNG.
#
#   bash scripts/demo.sh            # build dir: build/ (override with BUILD_DIR=...),
#                                   # output: out/ (override with OUT_DIR=...)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
OUT_DIR=${OUT_DIR:-$ROOT/out}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

bash "$ROOT/scripts/setup.sh"
echo "demo: building (extension and workbooks)..."
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$BUILD_DIR" --target eci_oxt classeurs -j "$JOBS" > "$BUILD_DIR/demo-build.log" 2>&1 \
  || { tail -50 "$BUILD_DIR/demo-build.log" >&2; exit 1; }
OXT="$BUILD_DIR/eci-calc.oxt"
EXEMPLE="$BUILD_DIR/spreadsheets/autodiagnostic-exemple.ods"
echo "demo: extension $OXT ($(stat -c %s "$OXT") octets), classeur $EXEMPLE"

WORK=$(mktemp -d /tmp/eci-demo-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
bash "$ROOT/tests/calc/make_profile.sh" "$WORK/profile" "$OXT"

mkdir -p "$OUT_DIR"
/usr/bin/python3 "$ROOT/tools/autodiagnostic_headless.py" --profil "$WORK/profile" \
  --classeur "$EXEMPLE" --pdf "$OUT_DIR/synthese-exemple.pdf" --precedent exemple
pdftoppm -png -r 110 -singlefile "$OUT_DIR/synthese-exemple.pdf" "$OUT_DIR/synthese-exemple"
echo "  Image de la synthèse : $OUT_DIR/synthese-exemple.png"
