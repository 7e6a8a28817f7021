#!/usr/bin/env bash
# Build a fresh, throwaway LibreOffice user profile with the ECi extension installed.
#
# usage: make_profile.sh PROFILE_DIR OXT        (ECI_OXT=other.oxt in the environment overrides OXT)
#
#  0. wipes PROFILE_DIR and initialises it with a first soffice run. This must come BEFORE
#     unopkg: the first start of a profile (no user/extensions/buildid yet) cleans the extension
#     registry cache, and an extension installed before that is left unregistered (#NAME?);
#  1. installs OXT with unopkg (as `nobody` when run as root: unopkg refuses per-user installs
#     as root);
#  2. warms the profile up with a real `soffice --convert-to` (NOT --terminate_after_init, which
#     leaves a profile where every add-in call gives Err:504);
#  3. checks that the add-in really computes: ECI.ETOILES(50), ECI.ETOILES(75) by their
#     programmatic names (as stored in files) give 3 and 5.
#
# The profile is a template: the C++ test harness (tests/calc/office.cpp) copies it into a
# private temporary directory for each test process, so tests never share a live profile.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 PROFILE_DIR OXT" >&2
  exit 2
fi
PROFILE=$1
# ECI_OXT (environment) installs another package instead, e.g. the multi-platform one
# (scripts/plateformes.sh, scripts/test.sh).
OXT=${ECI_OXT:-$2}
SOFFICE=${SOFFICE:-soffice}
UNOPKG=${UNOPKG:-unopkg}
TIMEOUT=${ECI_SOFFICE_TIMEOUT:-180}

[[ -f "$OXT" ]] || { echo "make_profile: no such package: $OXT" >&2; exit 1; }
case "$PROFILE" in /*) ;; *) PROFILE=$PWD/$PROFILE ;; esac
[[ "$PROFILE" != "/" ]] || exit 2
TARGET=$PROFILE

# Work in a staging directory under /tmp that `nobody` can reach (the build tree may be under
# /root, which nobody cannot traverse), then move the finished profile to TARGET: a profile
# is relocatable (the extension registry uses $UNO_USER_PACKAGES_CACHE-relative paths).
STAGE=$(mktemp -d /tmp/eci-profile-XXXXXX)
chmod 755 "$STAGE"
trap 'rm -rf "$STAGE"' EXIT
PROFILE=$STAGE/profile

t0=$(date +%s.%N)
mkdir -p "$PROFILE"
URL="file://$PROFILE"
CHECK="$PROFILE/check"
mkdir -p "$CHECK/out"

# run_soffice LOG ARGS...: headless soffice through the script (it restarts on exit code 81).
run_soffice() {
  local log=$1
  shift
  if ! env -u URE_BOOTSTRAP HOME="$PROFILE" timeout "$TIMEOUT" "$SOFFICE" --headless --invisible \
        --norestore --nologo --nolockcheck "-env:UserInstallation=$URL" "$@" > "$log" 2>&1; then
    echo "make_profile: soffice $* failed:" >&2
    cat "$log" >&2
    exit 1
  fi
}

# as_installer CMD...: run CMD as the user allowed to install into the profile (nobody if root).
# (from a directory nobody can enter: the unopkg script cds back to the current directory)
as_installer() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd "$STAGE" && runuser -u nobody -- env -u URE_BOOTSTRAP HOME="$PROFILE" "$@")
  else
    (cd "$STAGE" && env -u URE_BOOTSTRAP HOME="$PROFILE" "$@")
  fi
}

# ---- 0. initialise the profile -----------------------------------------------------------------
cat > "$CHECK/init.fods" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:body><office:spreadsheet><table:table table:name="init"><table:table-row>
  <table:table-cell/></table:table-row></table:table></office:spreadsheet></office:body>
</office:document>
EOF
run_soffice "$CHECK/init.log" --convert-to csv --outdir "$CHECK/out" "$CHECK/init.fods"
[[ -f "$PROFILE/user/extensions/buildid" ]] || { echo "make_profile: profile not initialised" >&2; exit 1; }
t1=$(date +%s.%N)

# ---- 1. install ------------------------------------------------------------------------------
cp "$OXT" "$PROFILE/eci-calc.oxt"
if [[ $(id -u) -eq 0 ]]; then
  chmod 755 "$PROFILE"
  chown -R nobody "$PROFILE"
  if ! runuser -u nobody -- test -w "$PROFILE"; then
    echo "make_profile: user nobody cannot write $PROFILE" >&2
    exit 1
  fi
fi
as_installer timeout "$TIMEOUT" "$UNOPKG" add -s "$PROFILE/eci-calc.oxt" "-env:UserInstallation=$URL"
if ! as_installer timeout "$TIMEOUT" "$UNOPKG" list "-env:UserInstallation=$URL" > "$CHECK/unopkg-list.txt" 2>&1 \
   || ! grep -q 'Identifier: fr.ademe.eci' "$CHECK/unopkg-list.txt"; then
  echo "make_profile: extension not listed after unopkg add:" >&2
  cat "$CHECK/unopkg-list.txt" >&2
  exit 1
fi
rm -f "$PROFILE/eci-calc.oxt"
# (the current user runs soffice on the profile from now on)
[[ $(id -u) -ne 0 ]] || chown -R root "$PROFILE"
t2=$(date +%s.%N)

# ---- 2. warm-up by a real conversion, 3. sanity check ------------------------------------------
cat > "$CHECK/check.fods" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:body><office:spreadsheet><table:table table:name="check"><table:table-row>
  <table:table-cell table:formula="of:=FR.ADEME.ECI.FONCTIONS.ECIETOILES(50)"/>
  <table:table-cell table:formula="of:=FR.ADEME.ECI.FONCTIONS.ECIETOILES(75)"/>
 </table:table-row></table:table></office:spreadsheet></office:body>
</office:document>
EOF
run_soffice "$CHECK/check.log" --convert-to csv --outdir "$CHECK/out" "$CHECK/check.fods"
RESULT=$(tr -d '\r\n' < "$CHECK/out/check.csv" 2>/dev/null || true)
if [[ "$RESULT" != "3,5" ]]; then
  echo "make_profile: sanity check failed: ECI.ETOILES(50),ECI.ETOILES(75) gave '$RESULT', expected '3,5'" >&2
  echo "(#NAME? or Err:504: the extension is not loaded in this profile)" >&2
  cat "$CHECK/check.log" >&2
  exit 1
fi
rm -rf "$CHECK" "$PROFILE/.cache" "$PROFILE/.config"
rm -f "$PROFILE/.lock"
rm -rf "$TARGET"
mkdir -p "$(dirname "$TARGET")"
mv "$PROFILE" "$TARGET"
t3=$(date +%s.%N)
awk -v p="$TARGET" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
  printf "make_profile: OK (%s): init %.1f s, unopkg %.1f s, warm-up + check %.1f s\n", p, b - a, c - b, d - c }'
