#!/usr/bin/env python3
"""Where a workbook's recalculation time goes, sheet by sheet (benchmark harness, not a test).

In a headless LibreOffice with the extension (the profile of the ctest fixture eci_calc_profile), the
workbook is loaded as an untitled copy with automatic calculation off. The reference is the median
time of `calculateAll()` and of `calculate()` (every formula that depends on the change, on all sheets)
after one statut of « Référentiel » changed (a new content each time: the add-in's cache does not
answer). Then, for each sheet (or each range given with --plage), a fresh copy has that part's
formulas replaced by their values ("frozen") and the same medians are taken: the difference is what
that part costs. Every figure is measured in the same run; differences below ~1 ms are noise.

usage: /usr/bin/python3 bench/profil_feuilles.py CLASSEUR.ods [--recalculs 21] [--profil DIR]
                                                 [--plage "Feuille!A1:G40" ...]
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

RACINE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(RACINE, "tools"))

import uno  # noqa: E402
from com.sun.star.sheet.CellFlags import FORMULA  # noqa: E402

from autodiagnostic_headless import AUTODIAG, arreter, demarrer_office, prop  # noqa: E402

STATUTS = ("fait", "programmé", "pas fait", "non concerné")


def charger(desktop, classeur):
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(classeur), "_blank", 0,
                                       (prop("Hidden", True), prop("AsTemplate", True)))
    doc.enableAutomaticCalculation(False)
    doc.calculateAll()
    return doc


def figer(doc, feuille, plage=None):
    """Replaces the formulas of `plage` (the whole sheet when None) by their values; returns the number of
    formula cells (array cells included)."""
    f = doc.Sheets.getByName(feuille)
    if f.isProtected():
        f.unprotect("")
    zone = f.getCellRangeByName(plage) if plage else f
    n = 0
    for a in zone.queryContentCells(FORMULA).getRangeAddresses():
        r = f.getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn, a.EndRow)
        valeurs = r.getDataArray()
        r.clearContents(FORMULA)
        for i, rangee in enumerate(valeurs):
            for j, v in enumerate(rangee):
                c = r.getCellByPosition(j, i)
                if isinstance(v, str):
                    c.setString(v)
                elif isinstance(v, (int, float)):
                    c.setValue(v)
        n += len(valeurs) * (len(valeurs[0]) if valeurs else 0)
    return n


def mesurer(doc, recalculs):
    """Medians (ms) of calculateAll() and calculate() after a change of statut on a tâche."""
    ref = AUTODIAG["referentiel"]
    f = doc.Sheets.getByName(AUTODIAG["feuilles"]["referentiel"])
    col_id = ord(ref["colonnes"]["id"]) - ord("A")
    col_statut = ord(ref["colonnes"]["statut"]) - ord("A")
    premiere = ref["lignes"]["premiere"] - 1
    taches = [l for l in range(premiere, premiere + 400) if f.getCellByPosition(col_id, l).getString().count(".") == 3]
    resultats = []
    for tout in (True, False):
        t = []
        for k in range(recalculs):
            l = taches[(k * 7) % len(taches)]
            f.getCellByPosition(col_statut, l).setString(STATUTS[(k // 5 + l + tout) % 4])
            debut = time.perf_counter()
            if tout:
                doc.calculateAll()
            else:
                doc.calculate()
            t.append((time.perf_counter() - debut) * 1000)
        resultats.append(statistics.median(t))
    return resultats


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("classeur")
    ap.add_argument("--recalculs", type=int, default=21)
    ap.add_argument("--profil", default=os.path.join(RACINE, "build", "tests", "calc", "profile"))
    ap.add_argument("--plage", action="append", default=[], help='"Feuille!A1:G40" (repeatable)')
    args = ap.parse_args()
    if not os.path.isdir(args.profil):
        sys.exit("Profil introuvable : %s (lancer d'abord ctest -R eci_calc_profile)" % args.profil)
    profil = tempfile.mkdtemp(prefix="eci-profil-")
    shutil.copytree(args.profil, profil, dirs_exist_ok=True)
    proc, _ctx, desktop = demarrer_office(profil)
    try:
        doc = charger(desktop, os.path.abspath(args.classeur))
        parties = [(nom, None) for nom in doc.Sheets.ElementNames]
        parties += [tuple(p.split("!", 1)) for p in args.plage]
        tout, sale = mesurer(doc, args.recalculs)
        doc.close(True)
        print("Classeur entier : calculateAll %.2f ms, calculate %.2f ms (médianes sur %d)"
              % (tout, sale, args.recalculs))
        print("%-36s %9s %22s %22s" % ("partie figée", "cellules", "calculateAll (gain)", "calculate (gain)"))
        for feuille, plage in parties:
            doc = charger(desktop, os.path.abspath(args.classeur))
            n = figer(doc, feuille, plage)
            a, b = mesurer(doc, args.recalculs)
            doc.close(True)
            nom = feuille + ("!" + plage if plage else "")
            print("%-36s %9d %11.2f (%+6.2f) %11.2f (%+6.2f)" % (nom, n, a, tout - a, b, sale - b))
    finally:
        arreter(proc, desktop)
        shutil.rmtree(profil, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
