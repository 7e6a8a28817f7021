#!/usr/bin/env python3
"""What an officer waits for after typing a statut, in a real Calc window (benchmark harness, not a test).

LibreOffice Calc with its user interface on a private Xvfb display (the harness of tests/fenetre), the
example autodiagnostic opened as a new document, automatic calculation on (Calc's default: a change makes
its dependents dirty, and Calc computes them when they are shown or read). Two measures, medians of
`--saisies` repetitions, each against a baseline taken in the same run:

  1. Typing on « Référentiel » (the sheet shown): one statut changes (a new content each time: the
     add-in's cache does not answer), then the main loop runs until idle
     (XToolkitExperimental.processEventsToIdle: the window is repainted, so every cell on screen is
     computed). Baseline: the « Explications » cell of the same row changed instead (no formula depends
     on it: the UNO call and the repaint only).
  2. Going to another sheet after typing: one statut changes on « Référentiel », then the sheet is shown
     and the loop runs until idle (the sheet's cells, and its charts, are computed and drawn); then back
     to « Référentiel ». Baseline: the same switch with nothing changed.

Headless, the same idea is measure (f) of build/bench/eci_bench_calc. Needs Xvfb and LibreOffice with its
user interface (scripts/setup.sh), and a profile with the extension (the ctest fixture eci_calc_profile).

usage: ECI_PROFILE_TEMPLATE=build/tests/calc/profile /usr/bin/python3 bench/ecran_fenetre.py CLASSEUR.ods
                                                      [--saisies 21]
"""
import argparse
import os
import statistics
import sys
import time

RACINE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(RACINE, "tests", "fenetre"))
sys.path.insert(0, os.path.join(RACINE, "tools"))

import uno  # noqa: E402

from autodiagnostic_headless import AUTODIAG  # noqa: E402
from fenetre import Fenetre  # noqa: E402

STATUTS = ("fait", "programmé", "pas fait", "non concerné")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("classeur")
    p.add_argument("--saisies", type=int, default=21)
    a = p.parse_args()

    feuilles = AUTODIAG["feuilles"]
    ref = AUTODIAG["referentiel"]
    col_id = ord(ref["colonnes"]["id"]) - ord("A")
    col_statut = ord(ref["colonnes"]["statut"]) - ord("A")
    col_expl = ord(ref["colonnes"]["explications"]) - ord("A")
    premiere = ref["lignes"]["premiere"] - 1

    f = Fenetre("fr")
    try:
        doc, _cadre = f.ouvrir(uno.systemPathToFileUrl(os.path.abspath(a.classeur)), AsTemplate=True)
        f.attendre_repos(2)
        vue = doc.getCurrentController()
        r = doc.Sheets.getByName(feuilles["referentiel"])
        taches = [l for l in range(premiere, premiere + 400) if r.getCellByPosition(col_id, l).getString().count(".") == 3]
        print("Calc dans une fenêtre (Xvfb), calcul automatique ; médianes sur %d répétitions\n" % a.saisies)
        k = 0

        def changer_statut():
            nonlocal k
            l = taches[(k * 7) % len(taches)]
            r.getCellByPosition(col_statut, l).setString(STATUTS[(k // 5 + l) % 4])
            k += 1
            return l

        def chrono(action):
            debut = time.perf_counter()
            action()
            f.toolkit.processEventsToIdle()
            return (time.perf_counter() - debut) * 1000

        def ligne(libelle, avec, sans):
            print("  %-34s %6.2f ms   référence : %6.2f ms   recalcul : %5.2f ms (rapport %.1f)"
                  % (libelle, avec, sans, avec - sans, avec / sans), flush=True)
            return avec

        referentiel = doc.Sheets.getByName(feuilles["referentiel"])
        vue.setActiveSheet(referentiel)
        f.attendre_repos(1)
        statut, explication = [], []
        for _ in range(a.saisies):
            l = taches[(k * 7) % len(taches)]
            statut.append(chrono(changer_statut))
            explication.append(chrono(lambda: r.getCellByPosition(col_expl, l).setString("mesure %d" % k)))
            time.sleep(0.05)  # let the window settle between two edits
        print("1. Saisie d'un statut, « %s » affichée (référence : une explication saisie)" % feuilles["referentiel"])
        saisie = ligne("fenêtre à jour", statistics.median(statut), statistics.median(explication))

        print("\n2. Passage à une autre feuille après la saisie (référence : le même passage sans saisie)")
        passages = []
        for cle in ("synthese", "labellisation", "prochaines_etapes", "evolution"):
            autre = doc.Sheets.getByName(feuilles[cle])
            avec, sans = [], []
            for _ in range(a.saisies):
                changer_statut()
                avec.append(chrono(lambda: vue.setActiveSheet(autre)))
                chrono(lambda: vue.setActiveSheet(referentiel))
                time.sleep(0.05)
                sans.append(chrono(lambda: vue.setActiveSheet(autre)))
                chrono(lambda: vue.setActiveSheet(referentiel))
                time.sleep(0.05)
            passages.append(ligne(feuilles[cle] + " affichée", statistics.median(avec), statistics.median(sans)))
        print("\n  Objectif : fenêtre à jour en moins de 10 ms après la saisie d'un statut (UNO et affichage "
              "compris) : %s (%.2f ms)" % ("atteint" if saisie < 10 else "NON ATTEINT", saisie))
        print("  Pour mémoire : passage à une autre feuille après une saisie, au plus %.2f ms (une fois par "
              "passage, pas à chaque saisie)" % max(passages))
        doc.setModified(False)
    finally:
        f.fermer()


if __name__ == "__main__":
    main()
