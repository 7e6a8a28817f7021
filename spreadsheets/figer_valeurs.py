#!/usr/bin/python3
"""Store the generated workbooks with the values of their formulas (build step, target `classeurs`).

The generators write formulas without results. LibreOffice does not recalculate an ODF file on loading
by default (Outils ▸ Options ▸ Calc ▸ Formule, « Recalcul au chargement du fichier » : « Ne jamais
recalculer »): a formula cell without a stored result is computed when it is first needed, but a cell that
the import itself has evaluated too early keeps what it got (the title of « Référentiel » showed 0 until
Ctrl+Maj+F9, issue 13). Whatever the user's setting, a workbook is right on opening only if it carries the
results. This step opens each workbook in headless LibreOffice with the extension installed,
recalculates everything (calculateAll) and stores it back in place (ODF, LibreOffice's own writer: every
cell, array formulas included, with its result), then puts the stored templates into the .oxt
(modeles/<name>.ods), which was packaged with the generator's output.

Runs with Debian's /usr/bin/python3 (python3-uno); the profile is made by tests/calc/make_profile.sh.

usage: figer_valeurs.py --oxt eci-calc.oxt --profil DIR [--timeout S] CLASSEUR.ods...

Fails (non-zero exit) if the extension is not loaded (a #NAME? cell) or LibreOffice does not answer.
See spreadsheets/README.md (« Valeurs à l'ouverture »).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import uno

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from autodiagnostic_headless import arreter, demarrer_office, prop  # noqa: E402  (the demo's soffice launcher)

RACINE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ERREUR_NOM = 525  # #NAME?: unknown function, i.e. the add-in is not loaded
FORMULE = 16      # com.sun.star.sheet.CellFlags.FORMULA
RESULTAT_ERREUR = 4  # com.sun.star.sheet.FormulaResult.ERROR


def remplacer(tmp, chemin):
    """Move tmp over chemin, keeping chemin's permissions (mkstemp creates 0600 files)."""
    os.chmod(tmp, os.stat(chemin).st_mode & 0o7777)
    os.replace(tmp, chemin)


def cellules_nom_inconnu(doc):
    """Number of formula cells whose result is #NAME?."""
    n = 0
    for feuille in doc.Sheets:
        for adr in feuille.queryFormulaCells(RESULTAT_ERREUR).getRangeAddresses():
            for ligne in range(adr.StartRow, adr.EndRow + 1):
                for col in range(adr.StartColumn, adr.EndColumn + 1):
                    n += feuille.getCellByPosition(col, ligne).getError() == ERREUR_NOM
    return n


def figer(desktop, chemin):
    """Load, recalculate, store in place (through a temporary file in the same directory)."""
    url = uno.systemPathToFileUrl(os.path.abspath(chemin))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise SystemExit("figer_valeurs: impossible d'ouvrir %s" % chemin)
    try:
        doc.calculateAll()
        inconnues = cellules_nom_inconnu(doc)
        if inconnues:
            raise SystemExit("figer_valeurs: %s : %d cellule(s) #NOM? (extension non chargée)" % (chemin, inconnues))
        fd, tmp = tempfile.mkstemp(suffix=".ods", dir=os.path.dirname(os.path.abspath(chemin)))
        os.close(fd)
        doc.storeToURL(uno.systemPathToFileUrl(tmp), (prop("FilterName", "calc8"),))
        remplacer(tmp, chemin)
    finally:
        doc.close(True)


def remplacer_modeles(oxt, classeurs):
    """Rewrite the .oxt with modeles/<name>.ods taken from `classeurs` (other entries unchanged)."""
    par_nom = {"modeles/" + os.path.basename(c): c for c in classeurs}
    fd, tmp = tempfile.mkstemp(suffix=".oxt", dir=os.path.dirname(os.path.abspath(oxt)))
    os.close(fd)
    with zipfile.ZipFile(oxt) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for info in zin.infolist():
            if info.filename in par_nom:
                with open(par_nom[info.filename], "rb") as f:
                    zout.writestr(info, f.read(), compress_type=zipfile.ZIP_DEFLATED)
            else:
                zout.writestr(info, zin.read(info.filename))
    remplacer(tmp, oxt)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oxt", required=True)
    ap.add_argument("--profil", required=True)
    ap.add_argument("--timeout", type=int, default=180)
    ap.add_argument("classeurs", nargs="+")
    args = ap.parse_args()

    profil = os.path.abspath(args.profil)
    env = dict(os.environ, ECI_SOFFICE_TIMEOUT=str(args.timeout))
    subprocess.run(["bash", os.path.join(RACINE, "tests", "calc", "make_profile.sh"), profil, args.oxt],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    proc, _ctx, desktop = demarrer_office(profil)
    try:
        for c in args.classeurs:
            figer(desktop, c)
    finally:
        arreter(proc, desktop)
    with zipfile.ZipFile(args.oxt) as z:
        dans_oxt = set(z.namelist())
    remplacer_modeles(args.oxt, [c for c in args.classeurs if "modeles/" + os.path.basename(c) in dans_oxt])
    shutil.rmtree(profil, ignore_errors=True)
    print("figer_valeurs: %d classeur(s) enregistré(s) avec leurs valeurs calculées" % len(args.classeurs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
