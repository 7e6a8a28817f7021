#!/usr/bin/env bash
# The main job: set up, build the extension and the workbooks, install the extension into a
# throwaway LibreOffice profile, open an autodiagnostic headless, recalculate, print the per-axe
# table, the total, the stars, the points to the next star, the star within reach and the tâches
# not filled in, and write the Synthèse as PDF and PNG.
#
#   bash scripts/demo.sh                          # the example autodiagnostic -> out/synthese-exemple.pdf|png
#   bash scripts/demo.sh mon-autodiagnostic.ods   # your autodiagnostic (.ods, .xlsx)
#   bash scripts/demo.sh export-plateforme.xlsx   # a platform export, imported into a new autodiagnostic
#                                                 # -> out/synthese-<file name>.pdf|png
#   build dir: build/ (override with BUILD_DIR=...), output: out/ (override with OUT_DIR=...)
# A file that is neither an autodiagnostic nor an export gets a French message and exit code 2
# (tools/autodiagnostic_headless.py checks it).
set -euo pipefail

if [[ $# -gt 1 ]]; then
  echo "usage : bash scripts/demo.sh [autodiagnostic.ods|.xlsx | export-plateforme.xlsx]" >&2
  exit 2
fi
CLASSEUR=${1:-}
# The user's path, made absolute before anything changes directory.
if [[ -n "$CLASSEUR" && "$CLASSEUR" != /* ]]; then CLASSEUR=$PWD/$CLASSEUR; fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
OUT_DIR=${OUT_DIR:-$ROOT/out}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

bash "$ROOT/scripts/setup.sh"
# A missing file, a directory, a FIFO or a non-spreadsheet is refused before the build.
[[ -z "$CLASSEUR" ]] || /usr/bin/python3 "$ROOT/tools/autodiagnostic_headless.py" --verifier --classeur "$CLASSEUR"
echo "demo: building (extension and workbooks)..."
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$BUILD_DIR" --target eci_oxt classeurs -j "$JOBS" > "$BUILD_DIR/demo-build.log" 2>&1 \
  || { tail -50 "$BUILD_DIR/demo-build.log" >&2; exit 1; }
OXT="$BUILD_DIR/eci-calc.oxt"
if [[ -n "$CLASSEUR" ]]; then
  NOM=$(basename -- "$CLASSEUR")
  NOM=${NOM%.*}
else
  CLASSEUR="$BUILD_DIR/spreadsheets/autodiagnostic-exemple.ods"
  NOM=exemple
fi
echo "demo: extension $OXT ($(stat -c %s "$OXT") octets), classeur $CLASSEUR"

WORK=$(mktemp -d /tmp/eci-demo-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
bash "$ROOT/tests/calc/make_profile.sh" "$WORK/profile" "$OXT"

mkdir -p "$OUT_DIR"
/usr/bin/python3 "$ROOT/tools/autodiagnostic_headless.py" --profil "$WORK/profile" \
  --classeur "$CLASSEUR" --pdf "$OUT_DIR/synthese-$NOM.pdf"
pdftoppm -png -r 110 -singlefile "$OUT_DIR/synthese-$NOM.pdf" "$OUT_DIR/synthese-$NOM"
echo "  Image de la synthèse : $OUT_DIR/synthese-$NOM.png"
