#!/usr/bin/env python3
"""Does an .oxt compute in a real LibreOffice? A smoke test that runs on Linux, Windows and macOS.

    python3 tools/verifier_oxt.py eci-calc.oxt [--office OFFICE_HOME]

In a fresh, throwaway user profile: starts headless soffice once (a profile's first start clears
the extension registry, so the package is installed after it), installs the package with
`unopkg add`, then converts to CSV a flat spreadsheet whose cells call the add-in by the
programmatic names stored in files, and compares them with the README's examples (ECI.ETOILES,
ECI.ECART, ECI.POINTS, AIDE.MONTANT, AIDE.PLAFOND, CRITERES.SCORE). #NAME? or Err:504 there means
that LibreOffice did not load the platform's library. The full headless-Calc suite (tests/calc)
drives soffice with fork(): Linux only; this is what the Windows and macOS jobs of
.github/workflows/oxt.yml run. Exit code 0 when every value is right, 1 otherwise
(ECI_GARDER=1 keeps the working folder, logs included).
"""

import argparse
import csv
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

PREFIXE = "FR.ADEME.ECI.FONCTIONS."
# (formula in OpenFormula syntax, expected value): the README's examples.
CAS = [
    ("ECIETOILES(50)", 3.0),
    ("ECIETOILES(75)", 5.0),
    ("ECIECART(4;500;300)", 25.0),
    ('ECIPOINTS("2.3.1")', 6.667),
    ('AIDEMONTANT(60000;"diagnostic";;;;"assiette")', 35000.0),
    ('AIDEPLAFOND("mise en œuvre")', 100000.0),
    ("CRITERESSCORE([.A2:.F2];[.A3:.F3])", 72.0),
]
# CRITERES.SCORE's README example: notes 4;NC;3;5;2;4, weights on the row below.
NOTES = ["4", "NC", "3", "5", "2", "4"]
POIDS = ["1", "1", "1", "1", "1", "1"]


def executables(office):
    """soffice and unopkg of an installation (console variants on Windows)."""
    systeme = platform.system()
    if systeme == "Windows":
        prog = pathlib.Path(office) / "program"
        return prog / "soffice.com", prog / "unopkg.com"
    if systeme == "Darwin":
        prog = pathlib.Path(office) / "Contents" / "MacOS"
        return prog / "soffice", prog / "unopkg"
    prog = pathlib.Path(office) / "program"
    return prog / "soffice", prog / "unopkg"


def cellule(texte=None, formule=None):
    if formule:
        return f'<table:table-cell table:formula="{escape("of:=" + formule, {chr(34): "&quot;"})}"/>'
    if texte is None:
        return "<table:table-cell/>"
    try:
        float(texte)
        return f'<table:table-cell office:value-type="float" office:value="{texte}"/>'
    except ValueError:
        return f'<table:table-cell office:value-type="string"><text:p>{escape(texte)}</text:p></table:table-cell>'


def document(lignes):
    rangs = "".join("<table:table-row>" + "".join(lignes_c) + "</table:table-row>" for lignes_c in lignes)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
            'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
            '<office:body><office:spreadsheet><table:table table:name="verification">'
            f"{rangs}</table:table></office:spreadsheet></office:body></office:document>\n")


def lancer(commande, journal, delai, env):
    with open(journal, "w", encoding="utf-8", errors="replace") as j:
        r = subprocess.run([str(c) for c in commande], stdout=j, stderr=subprocess.STDOUT, timeout=delai, env=env,
                           stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        print(pathlib.Path(journal).read_text(encoding="utf-8", errors="replace"), file=sys.stderr)
        raise RuntimeError(f"{commande[0]} exited with {r.returncode}")


def verifier(oxt, office, delai):
    if platform.system() == "Linux" and os.geteuid() == 0:
        raise RuntimeError("unopkg refuses per-user installs as root: run as a regular user "
                           "(e.g. runuser -u nobody -- python3 tools/verifier_oxt.py ..., the .oxt readable)")
    soffice, unopkg = executables(office)
    for e in (soffice, unopkg):
        if not e.exists():
            raise RuntimeError(f"{e} not found (--office)")
    travail = pathlib.Path(tempfile.mkdtemp(prefix="eci-verifier-"))
    try:
        profil = travail / "profil"
        url = profil.resolve().as_uri()
        env = dict(os.environ)
        env.pop("URE_BOOTSTRAP", None)
        if platform.system() == "Linux":
            env["HOME"] = str(travail)  # soffice writes under HOME too (dconf, fontconfig caches)
        options = ["--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck", f"-env:UserInstallation={url}"]
        sortie = travail / "sortie"
        (travail / "init.fods").write_text(document([[cellule("1")]]), encoding="utf-8")
        lancer([soffice, *options, "--convert-to", "csv", "--outdir", sortie, travail / "init.fods"],
               travail / "init.log", delai, env)
        lancer([unopkg, "add", "-s", pathlib.Path(oxt).resolve(), f"-env:UserInstallation={url}"],
               travail / "unopkg.log", delai, env)
        lignes = [[cellule(formule=PREFIXE + f) for f, _ in CAS],
                  [cellule(n) for n in NOTES], [cellule(p) for p in POIDS]]
        (travail / "verification.fods").write_text(document(lignes), encoding="utf-8")
        # CSV: comma-separated, UTF-8, values as stored (not as shown) with a decimal point.
        lancer([soffice, *options, "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,false,false',
                "--outdir", sortie, travail / "verification.fods"], travail / "verification.log", delai, env)
        with open(sortie / "verification.csv", encoding="utf-8-sig", newline="") as f:
            valeurs = next(csv.reader(f))
        erreurs = 0
        for (formule, attendu), obtenu in zip(CAS, valeurs + [""] * len(CAS)):
            try:
                ok = abs(float(obtenu) - attendu) <= 5e-4  # ECI.POINTS gives 3 decimals
            except ValueError:
                ok = False
            erreurs += not ok
            print(f"verifier_oxt: {'ok ' if ok else 'FAUX'} ={formule} -> {obtenu!r} (attendu {attendu:g})")
        return erreurs == 0
    finally:
        if not os.environ.get("ECI_GARDER"): shutil.rmtree(travail, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("oxt")
    defaut = {"Windows": r"C:\Program Files\LibreOffice", "Darwin": "/Applications/LibreOffice.app"}.get(
        platform.system(), "/usr/lib/libreoffice")
    ap.add_argument("--office", default=os.environ.get("OFFICE_HOME", defaut), help="LibreOffice installation")
    ap.add_argument("--delai", type=int, default=300, help="seconds allowed to each soffice / unopkg run")
    a = ap.parse_args()
    try:
        ok = verifier(a.oxt, a.office, a.delai)
    except (RuntimeError, OSError, subprocess.TimeoutExpired, IndexError) as e:
        print(f"verifier_oxt: {e}", file=sys.stderr)
        ok = False
    print("verifier_oxt: " + ("PASSED" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
