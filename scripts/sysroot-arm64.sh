#!/usr/bin/env bash
# A sysroot of LibreOffice's arm64 UNO libraries, to cross-build the add-in for linux_aarch64
# (cmake/toolchains/aarch64-linux-gnu.cmake). The arm64 .deb of each library, of the same version
# as the host's LibreOffice, is fetched with `apt-get download` through a PRIVATE apt state (its own
# package lists, architecture arm64 only): the machine's dpkg architectures and apt lists are left
# alone. Each .deb is unpacked with `dpkg -x`. The SDK headers, unoidl-write and cppumaker are
# architecture-independent or run on the host: they come from the host's libreoffice-dev.
#
#   bash scripts/sysroot-arm64.sh DIR      # DIR/usr/lib/libreoffice/program/libuno_*.so.3 (arm64),
#                                          # DIR/usr/lib/aarch64-linux-gnu/libz.so.1
#
# Idempotent: nothing is fetched when DIR already holds the libraries of the host's version.
set -euo pipefail

DIR=${1:?usage: $0 SYSROOT_DIR}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
# The UNO runtime libraries a component links to, and the private ones they need (libreglo,
# libunoidllo, libxmlreaderlo: uno-libs-private).
PACKAGES=(libuno-sal3 libuno-cppu3 libuno-cppuhelpergcc3-3 libuno-salhelpergcc3-3 libuno-purpenvhelpergcc3-3
          uno-libs-private)
VERSION=$(dpkg-query -W -f='${Version}' libuno-cppu3)
# The one system library they need beyond the cross toolchain's libc and libstdc++ (libuno_sal: libz),
# only to load them under qemu (scripts/plateformes.sh).
SYSTEME=(zlib1g)
STAMP=$DIR/.version
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$VERSION" ]]; then
  echo "sysroot-arm64: $DIR already holds the arm64 UNO libraries $VERSION"
  exit 0
fi

APT=$DIR/.apt
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/debs"
: > "$APT/status"
OPTS=(-o "Dir::State::Lists=$APT/lists" -o "Dir::State::status=$APT/status" -o "Dir::Cache=$APT/cache"
      -o "APT::Architecture=arm64" -o "APT::Architectures::=arm64" -o "APT::Sandbox::User=root"
      -o "Debug::NoLocking=1" -q)
apt-get "${OPTS[@]}" update > "$APT/update.log" 2>&1 || { cat "$APT/update.log" >&2; exit 1; }
# The host's version of LibreOffice when the mirror still has it, else the mirror's (the UNO ABI is
# stable); zlib: the mirror's.
(cd "$APT/debs" && rm -f ./*.deb &&
 { apt-get "${OPTS[@]}" download "${PACKAGES[@]/%/:arm64=$VERSION}" > "$APT/download.log" 2>&1 ||
   { echo "sysroot-arm64: no arm64 packages of version $VERSION, taking the mirror's" &&
     apt-get "${OPTS[@]}" download "${PACKAGES[@]/%/:arm64}" >> "$APT/download.log" 2>&1; }; } &&
 apt-get "${OPTS[@]}" download "${SYSTEME[@]/%/:arm64}" >> "$APT/download.log" 2>&1) \
  || { cat "$APT/download.log" >&2; echo "sysroot-arm64: download of the arm64 packages failed" >&2; exit 1; }
for deb in "$APT/debs"/*.deb; do
  dpkg -x "$deb" "$DIR"
done
# The lists are ~40 MB and only needed for the download.
rm -rf "$APT/lists" "$APT/cache"
echo "$VERSION" > "$STAMP"
echo "sysroot-arm64: $(ls "$APT/debs" | wc -l) packages $VERSION unpacked into $DIR"
