#!/usr/bin/env bash
# Demo: set up, build the extension, install it into a throwaway LibreOffice profile and
# evaluate an example in headless Calc, printing the key figures.
# (Placeholder example: the labellisation stars for a few "% fait"; to be replaced by a real
# référentiel evaluation once the core functions land.)
#
#   bash scripts/demo.sh            # build dir: build/ (override with BUILD_DIR=...)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

bash "$ROOT/scripts/setup.sh"
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$BUILD_DIR" --target eci_oxt -j "$JOBS" > /dev/null
OXT="$BUILD_DIR/eci-calc.oxt"
echo "demo: extension $OXT ($(stat -c %s "$OXT") bytes)"

WORK=$(mktemp -d /tmp/eci-demo-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
bash "$ROOT/tests/calc/make_profile.sh" "$WORK/profile" "$OXT"

# The example workbook. Formulas use the programmatic names, as files store them.
PCTS=(0 20 35 49.999 50 56.2 65 75 100)
{
  cat <<'HEAD'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:body><office:spreadsheet><table:table table:name="demo">
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>% fait</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>ECI.ETOILES</text:p></table:table-cell>
  </table:table-row>
HEAD
  for p in "${PCTS[@]}"; do
    cat <<ROW
  <table:table-row>
   <table:table-cell office:value-type="float" office:value="$p"/>
   <table:table-cell table:formula="of:=FR.ADEME.ECI.FONCTIONS.ECIETOILES([.A0])"/>
  </table:table-row>
ROW
  done
  echo ' </table:table></office:spreadsheet></office:body>'
  echo '</office:document>'
} > "$WORK/demo.fods"
# [.A0] -> the row's own A cell
awk 'BEGIN{r=0} /<table:table-row>/{r++} {gsub(/\[\.A0\]/, "[.A" r "]"); print}' "$WORK/demo.fods" \
  > "$WORK/demo2.fods" && mv "$WORK/demo2.fods" "$WORK/demo.fods"

t0=$(date +%s.%N)
env -u URE_BOOTSTRAP HOME="$WORK/profile" timeout 180 soffice --headless --invisible --norestore --nologo \
  --nolockcheck "-env:UserInstallation=file://$WORK/profile" \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$WORK/out" "$WORK/demo.fods" \
  > "$WORK/soffice.log" 2>&1 || { cat "$WORK/soffice.log" >&2; exit 1; }
t1=$(date +%s.%N)

echo
echo "Étoiles de labellisation selon le % fait (ECI.ETOILES, calculé dans LibreOffice Calc headless) :"
awk -F, '{ printf "  %-10s %s\n", $1, $2 }' "$WORK/out/demo.csv"
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "\n(soffice start + load + recalc + export: %.1f s)\n", b - a }'
if grep -q 'Err\|#' "$WORK/out/demo.csv"; then
  echo "demo: some cells are errors" >&2
  exit 1
fi
