#!/usr/bin/env bash
# Screenshots of Calc's real window for the README (issue 13, item 4): the « Économie circulaire »
# menu, the example autodiagnostic's Référentiel (status list open) and Synthèse, the financing plan,
# the candidates grid, the Function Wizard on ECI.EVALUER -> docs/fenetre-*.png.
#
#   bash scripts/captures.sh [BUILD_DIR]      (default: build; the .oxt and workbooks must be built)
#
# LibreOffice with its UI under Xvfb, in French, on a fresh profile with the .oxt installed
# (tests/calc/make_profile.sh); the harness is tests/fenetre/fenetre.py. Needs scripts/setup.sh's
# packages (libreoffice-calc, xvfb, xdotool, imagemagick). About 30 s.
#   SOFFICE=...  ECI_PYTHON=... (a python3 with the python3-uno of that LibreOffice)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=${1:-build}
OXT=$BUILD/eci-calc.oxt
PYTHON=${ECI_PYTHON:-/usr/bin/python3}
for f in "$OXT" "$BUILD/spreadsheets/autodiagnostic-exemple.ods" "$BUILD/spreadsheets/plan-financement-exemple.ods" \
         "$BUILD/spreadsheets/candidatures-exemple.ods"; do
  [[ -f $f ]] || { echo "captures: $f manquant (cmake --build $BUILD --target eci_oxt)" >&2; exit 1; }
done
for p in Xvfb xdotool import convert; do
  command -v "$p" > /dev/null || { echo "captures: $p manquant (bash scripts/setup.sh)" >&2; exit 1; }
done
PROFIL=$(mktemp -d /tmp/eci-captures-XXXXXX)
trap 'rm -rf "$PROFIL"' EXIT
bash tests/calc/make_profile.sh "$PROFIL/profil" "$OXT"
ECI_PROFILE_TEMPLATE=$PROFIL/profil ECI_FENETRE_TIMEOUT=${ECI_FENETRE_TIMEOUT:-300} \
  timeout 400 "$PYTHON" tests/fenetre/captures.py --classeurs "$BUILD/spreadsheets" --sortie docs
