#!/usr/bin/env bash
# The headless-Calc suite on the current LibreOffice release (25.2, Debian 13 « trixie »), next to
# the host's LibreOffice (7.4 on Debian 12) and without replacing it: LibreOffice 25.2 lives in a
# Debian 13 chroot made with debootstrap from Debian's own packages.
#
#   bash scripts/lo-recent.sh installer          # create (or bring up to date) the chroot
#   bash scripts/lo-recent.sh executer CMD...    # run CMD in the chroot, in the current directory
#   bash scripts/lo-recent.sh tester             # the tests/calc suite on LibreOffice 25.2 (below)
#   bash scripts/lo-recent.sh fenetre            # the window tests on LibreOffice 25.2 (below)
#
# installer: debootstrap (minbase) of trixie into $LO_RECENT_CHROOT (default /var/cache/eci/trixie),
#   then apt-get --no-install-recommends of PAQUETS. Reused when already set up: the stamp file
#   .eci-stamp holds CHROOT_VERSION and the package list; a changed list only installs what is new,
#   a changed CHROOT_VERSION (or a half-made chroot) starts again from scratch. Needs root and
#   network access to $LO_RECENT_MIRROR (default http://deb.debian.org/debian).
#
# executer: bind-mounts /proc, /dev, /dev/pts, /dev/shm, /sys, the repository and the build dir
#   (and the directories of $LO_RECENT_BIND, colon-separated) at the SAME paths inside the chroot,
#   in a private mount namespace (unshare -m) so nothing is left mounted on the host whatever
#   happens, and unmounts them on exit (trap). The environment is passed through (minus
#   LD_LIBRARY_PATH / LD_PRELOAD), so any script of the repository runs unchanged:
#     bash scripts/lo-recent.sh executer soffice --version
#     bash scripts/lo-recent.sh executer python3 tests/fenetre/....py   # python3-uno of 25.2
#     bash scripts/lo-recent.sh executer ctest --test-dir build/lo-recent -R eci_calc_tests
#
# tester: the host-built extension ($ECI_OXT, default $BUILD_DIR/eci-calc.oxt: the .oxt built once
#   against the 7.4 SDK) is tested on 25.2 by a UNO client of 25.2's own version (a client built
#   against 7.4 loses its URP bridge to 25.2 on the first loadComponentFromURL): tests/calc is
#   configured and built INSIDE the chroot against the chroot's SDK in $LO_RECENT_BUILD_DIR
#   (default $BUILD_DIR/lo-recent) with -DECI_OXT_EXTERNE=<that .oxt> (tests/calc/CMakeLists.txt:
#   the add-in itself is not built there), then every ctest test of tests/calc runs against the
#   chroot's soffice (the eci_calc_profile fixture installs the .oxt with the chroot's unopkg).
#   Extra ctest arguments: LO_RECENT_CTEST_ARGS (e.g. "-R eci_calc_tests").
#   Then (LO_RECENT_FENETRE=0 skips them) the window tests of tests/fenetre (fenetre below).
#
# fenetre: the window tests (tests/fenetre/test_fenetre.py, French then English UI) on 25.2's
#   soffice under Xvfb, with 25.2's python3-uno, on a fresh profile where the same .oxt is installed
#   ($LB/profil-fenetre, tests/calc/make_profile.sh); bounded by timeout (LO_RECENT_FENETRE_TIMEOUT s).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# (absolute paths: they are bind-mounted at the same place in the chroot)
BUILD_DIR=$(realpath -m "${BUILD_DIR:-$ROOT/build}")
CHROOT=$(realpath -m "${LO_RECENT_CHROOT:-/var/cache/eci/trixie}")
MIRROR=${LO_RECENT_MIRROR:-http://deb.debian.org/debian}
SUITE=trixie
LB=$(realpath -m "${LO_RECENT_BUILD_DIR:-$BUILD_DIR/lo-recent}")
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# Bump to rebuild every chroot from scratch (e.g. a change of debootstrap options).
CHROOT_VERSION=1
# What the tests need in the chroot. Adding a package here installs it on the next run (no rebuild).
PAQUETS=(
  # LibreOffice 25.2: Calc (with the X11 backend, for window tests under Xvfb), the SDK (unoidl-write,
  # cppumaker, headers) for a UNO client of its own version, python3-uno, the French UI, a font
  libreoffice-calc libreoffice-dev python3-uno libreoffice-l10n-fr fonts-dejavu-core
  # building tests/calc
  cmake g++ make python3 libgtest-dev nlohmann-json3-dev
  # window tests and scripts
  xvfb xauth zip unzip poppler-utils
  # tests/fenetre (ECI_FENETRE_PAQUETS)
  xdotool x11-utils imagemagick
)

die() { echo "lo-recent: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || die "run as root (debootstrap, chroot and mounts need it)"

stamp_attendu() { printf 'version %s\n%s\n' "$CHROOT_VERSION" "${PAQUETS[*]}"; }

# in_chroot_ns CMD...: CMD in the chroot, with the mounts (to be run inside `unshare -m`).
in_chroot_ns() {
  local -a points=()
  demonter() {
    local i
    for ((i = ${#points[@]} - 1; i >= 0; i--)); do umount -l "${points[i]}" 2>/dev/null || true; done
  }
  trap demonter EXIT
  mount --make-rprivate / 2>/dev/null || true
  lier() {  # lier SRC [OPTIONS]: bind-mount SRC at the same path inside the chroot
    local src=$1 dst=$CHROOT$1
    [[ -e "$src" ]] || return 0
    if [[ -d "$src" ]]; then mkdir -p "$dst"; else mkdir -p "$(dirname "$dst")"; touch "$dst"; fi
    mount --bind "$src" "$dst"
    points+=("$dst")
  }
  mount -t proc proc "$CHROOT/proc" && points+=("$CHROOT/proc")
  lier /sys
  lier /dev
  lier /dev/pts
  lier /dev/shm
  local d
  local -a dirs=("$ROOT")
  [[ "$LB" == "$ROOT"/* ]] || dirs+=("$LB")
  [[ "$BUILD_DIR" == "$ROOT"/* ]] || dirs+=("$BUILD_DIR")
  IFS=: read -r -a extra <<< "${LO_RECENT_BIND:-}"
  for d in "${dirs[@]}" "${extra[@]}"; do
    [[ -n "$d" ]] || continue
    mkdir -p "$d"
    lier "$d"
  done
  cp -f /etc/resolv.conf "$CHROOT/etc/resolv.conf" 2>/dev/null || true
  local cwd=$PWD
  [[ -d "$CHROOT$cwd" ]] || cwd=$ROOT
  # (no exec: the trap must unmount after CMD)
  chroot "$CHROOT" /usr/bin/env -u LD_LIBRARY_PATH -u LD_PRELOAD -u ECI_OXT HOME=/root \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c 'cd "$1" && shift && exec "$@"' lo-recent "$cwd" "$@"
}

# executer_brut CMD...: CMD in the chroot (installer: before the chroot is complete).
executer_brut() {
  export ROOT BUILD_DIR CHROOT LB
  unshare -m --propagation private bash -c "$(declare -f in_chroot_ns); in_chroot_ns \"\$@\"" lo-recent "$@"
}

executer() {
  [[ -f "$CHROOT/.eci-stamp" ]] || die "no chroot in $CHROOT: run 'bash scripts/lo-recent.sh installer' first"
  [[ $# -gt 0 ]] || die "usage: $0 executer CMD..."
  executer_brut "$@"
}

installer() {
  mkdir -p "$(dirname "$CHROOT")"
  exec 9> "$CHROOT.lock"
  flock 9
  if [[ -f "$CHROOT/.eci-stamp" ]] && cmp -s "$CHROOT/.eci-stamp" <(stamp_attendu); then
    echo "lo-recent: chroot $CHROOT up to date ($(stamp_attendu | head -1))"
    return 0
  fi
  local t0 t1 t2
  t0=$(date +%s)
  if [[ ! -f "$CHROOT/.eci-debootstrap" ]] || ! grep -qx "version $CHROOT_VERSION" "$CHROOT/.eci-debootstrap"; then
    if ! command -v debootstrap > /dev/null; then
      local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
      "${apt[@]}" install -y --no-install-recommends debootstrap < /dev/null \
        || { "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends debootstrap < /dev/null; }
    fi
    # (executer mounts only in private namespaces: refuse to wipe a chroot something is mounted in)
    if findmnt -rn -o TARGET | grep -q "^$CHROOT/"; then die "something is mounted under $CHROOT"; fi
    rm -rf --one-file-system "$CHROOT"
    echo "lo-recent: debootstrap $SUITE into $CHROOT ($MIRROR)"
    unshare -m --propagation private \
      debootstrap --variant=minbase "$SUITE" "$CHROOT" "$MIRROR" > "$CHROOT.debootstrap.log" 2>&1 \
      || { tail -30 "$CHROOT.debootstrap.log" >&2; die "debootstrap failed (log: $CHROOT.debootstrap.log)"; }
    # No daemon started by package scripts; no documentation (smaller, faster).
    printf '#!/bin/sh\nexit 101\n' > "$CHROOT/usr/sbin/policy-rc.d"
    chmod 755 "$CHROOT/usr/sbin/policy-rc.d"
    cat > "$CHROOT/etc/dpkg/dpkg.cfg.d/01-eci-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
EOF
    echo "version $CHROOT_VERSION" > "$CHROOT/.eci-debootstrap"
  fi
  t1=$(date +%s)
  echo "lo-recent: apt-get install in the chroot: ${PAQUETS[*]}"
  rm -f "$CHROOT/.eci-stamp"
  if ! executer_brut env DEBIAN_FRONTEND=noninteractive bash -c \
       'apt-get update -q && apt-get install -y -q --no-install-recommends "$@" < /dev/null && apt-get clean' \
       apt "${PAQUETS[@]}" > "$CHROOT.apt.log" 2>&1; then
    tail -30 "$CHROOT.apt.log" >&2
    die "apt-get in the chroot failed (log: $CHROOT.apt.log)"
  fi
  stamp_attendu > "$CHROOT/.eci-stamp"
  t2=$(date +%s)
  echo "lo-recent: chroot ready: debootstrap $((t1 - t0)) s, apt-get $((t2 - t1)) s;" \
       "$(executer soffice --version 2>/dev/null | head -1)" | tee "$CHROOT.setup-time"
}

tester() {
  installer
  local oxt=${ECI_OXT:-$BUILD_DIR/eci-calc.oxt}
  [[ -f "$oxt" ]] || die "no extension package $oxt (build it on the host first: cmake --build build --target eci_oxt, or set ECI_OXT)"
  mkdir -p "$LB"
  # A copy inside the build dir (the chroot sees it at the same path, whatever $ECI_OXT was).
  cp -f "$oxt" "$LB/eci-calc-teste.oxt"
  local t0 t1 t2 rc
  t0=$(date +%s)
  # The workbooks are not stored with their values in the chroot (ECI_FIGER_CLASSEURS=OFF: that needs
  # the add-in built there): the host's, as shipped, are copied over the generated ones below.
  executer cmake -S "$ROOT" -B "$LB" -DCMAKE_BUILD_TYPE=Release -DECI_OXT_EXTERNE="$LB/eci-calc-teste.oxt" \
    -DECI_FIGER_CLASSEURS=OFF > "$LB.configure.log" 2>&1 \
    || { cat "$LB.configure.log" >&2; die "cmake configure in the chroot failed"; }
  # Only tests/calc (its tests, their harness and what they link), not the add-in.
  executer make -C "$LB/tests/calc" -j "$JOBS" > "$LB.build.log" 2>&1 \
    || { tail -50 "$LB.build.log" >&2; die "build in the chroot failed (log: $LB.build.log)"; }
  # The workbooks as the host's build ships them (stored with their values by LibreOffice 7.4).
  local ods
  for ods in "$LB"/spreadsheets/*.ods; do
    [[ -f "$BUILD_DIR/spreadsheets/${ods##*/}" ]] || die "no $BUILD_DIR/spreadsheets/${ods##*/} (build the host first)"
    cp -p "$BUILD_DIR/spreadsheets/${ods##*/}" "$ods"
    touch "$ods"
  done
  t1=$(date +%s)
  echo "lo-recent: tests/calc configured + built in the chroot in $((t1 - t0)) s ($LB)"
  echo "lo-recent: $(executer soffice --version | head -1), extension $oxt"
  set +e
  # shellcheck disable=SC2086  # (LO_RECENT_CTEST_ARGS: several words)
  executer ctest --test-dir "$LB/tests/calc" --output-on-failure -j "$JOBS" ${LO_RECENT_CTEST_ARGS:-}
  rc=$?
  set -e
  t2=$(date +%s)
  echo "lo-recent: LibreOffice 25.2 tests in $((t2 - t1)) s, exit code $rc"
  if [[ "${LO_RECENT_FENETRE:-1}" != 0 ]]; then
    fenetre || rc=1
  fi
  return $rc
}

fenetre() {
  [[ -f "$CHROOT/.eci-stamp" ]] || die "no chroot in $CHROOT: run 'bash scripts/lo-recent.sh installer' first"
  local oxt=${ECI_OXT:-$BUILD_DIR/eci-calc.oxt}
  [[ -f "$oxt" ]] || die "no extension package $oxt (build it on the host first: cmake --build build --target eci_oxt, or set ECI_OXT)"
  [[ -d "$BUILD_DIR/spreadsheets" ]] || die "no $BUILD_DIR/spreadsheets (build the host's target classeurs first)"
  mkdir -p "$LB"
  cp -f "$oxt" "$LB/eci-calc-fenetre.oxt"
  local t0 t1 rc=0 limite=${LO_RECENT_FENETRE_TIMEOUT:-420}
  t0=$(date +%s)
  executer bash "$ROOT/tests/calc/make_profile.sh" "$LB/profil-fenetre" "$LB/eci-calc-fenetre.oxt" \
    || die "no profile with the extension for the window tests"
  local -a env=(ECI_PROFILE_TEMPLATE="$LB/profil-fenetre" SOFFICE=soffice ECI_FENETRE_TIMEOUT="$limite")
  local script=$ROOT/tests/fenetre/test_fenetre.py
  # (ECI_FENETRE_TIMEOUT: the script's own alarm, which closes soffice and Xvfb; timeout: a backstop)
  # A UI run can lose a click to timing: each run gets a second try (tests/fenetre/deux_essais.sh,
  # as in ctest), a first failure said in the log, never hidden.
  fenetre_essai() {
    timeout -k 15 $((2 * limite + 60)) env "${env[@]}" bash "$ROOT/tests/fenetre/deux_essais.sh" \
      bash "$ROOT/scripts/lo-recent.sh" executer python3 "$script" "$@"
  }
  fenetre_essai --langue fr --fonctions "$ROOT/addin/fonctions.json" \
    --export "$ROOT/tests/data/export-plateforme-eci.xlsx" --classeurs "$BUILD_DIR/spreadsheets" --sources "$ROOT" || rc=1
  fenetre_essai --langue en || rc=1
  t1=$(date +%s)
  echo "lo-recent: window tests on LibreOffice 25.2 in $((t1 - t0)) s, exit code $rc"
  return $rc
}

case "${1:-}" in
  installer) installer ;;
  executer) shift; executer "$@" ;;
  tester) tester ;;
  fenetre) fenetre ;;
  *) echo "usage: $0 installer | executer CMD... | tester | fenetre" >&2; exit 2 ;;
esac
