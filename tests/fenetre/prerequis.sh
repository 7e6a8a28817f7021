#!/usr/bin/env bash
# Fixture eci_fenetre_setup: what the window tests need (LibreOffice with its GUI, Xvfb, xdotool,
# ImageMagick). Installed through scripts/setup.sh (time-bounded) under CI (CI=true, as .ci/run) or with
# ECI_FENETRE_INSTALLER=1; elsewhere only checked, because installing libreoffice-calc replaces
# libreoffice-calc-nogui under the feet of whoever else uses this LibreOffice.
#   usage: prerequis.sh PACKAGE...
set -euo pipefail
manquants=()
for p in "$@"; do
  [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" == "install ok installed" ]] || manquants+=("$p")
done
[[ ${#manquants[@]} -eq 0 ]] && { echo "prerequis: all ${#} packages installed"; exit 0; }
if [[ -n "${CI:-}" || "${ECI_FENETRE_INSTALLER:-}" == 1 ]]; then
  exec timeout 900 bash "$(dirname "${BASH_SOURCE[0]}")/../../scripts/setup.sh" "$@"
fi
echo "prerequis: missing ${manquants[*]}: run 'bash scripts/setup.sh' (or ECI_FENETRE_INSTALLER=1 ctest -L fenetre)" >&2
exit 1
