#!/usr/bin/env bash
# Install what the project needs to build and test on Debian 12 (run as root, or with sudo).
# Idempotent and quick: apt is skipped entirely when every package is already installed.
#
#   bash scripts/setup.sh
#   bash scripts/setup.sh PACKAGE...   # those packages instead (scripts/windows.sh: cross compiler, Wine)
set -euo pipefail

PACKAGES=(
  # build
  cmake g++ make python3 libboost-dev libgtest-dev nlohmann-json3-dev
  # LibreOffice: Calc (with its user interface: tests/fenetre), the SDK (unoidl-write, cppumaker,
  # headers), python-uno, the French language pack (French UI tests), a font for PDF/rendering
  libreoffice-calc libreoffice-core libreoffice-dev python3-uno libreoffice-l10n-fr fonts-dejavu-core
  # Calc in a real window (tests/fenetre, scripts/captures.sh): X server, keyboard/mouse, screenshots
  xvfb xdotool x11-utils imagemagick
  # packaging and document checks
  zip unzip poppler-utils
  # the Debian 13 chroot with LibreOffice 25.2 (scripts/lo-recent.sh)
  debootstrap
  # fuzzing (libFuzzer)
  clang libclang-rt-14-dev
)
if [[ $# -gt 0 ]]; then
  PACKAGES=("$@")
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo > /dev/null || { echo "setup: run as root (or install sudo)" >&2; exit 1; }
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" < /dev/null
echo "setup: done"
