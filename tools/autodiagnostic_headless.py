#!/usr/bin/python3
"""Open an autodiagnostic workbook in headless LibreOffice, recalculate it, print
the key figures of its Synthèse sheet and the path to the next star (« Prochaines étapes »), and
export as PDF the Synthèse, the top of the « Labellisation » sheet (star aimed at, criteria table:
disposition.json's plage « resume »), the « Prochaines étapes » summary, top ten and path, and, after a
comparison, the « Évolution » sheet with its changed rows.

--precedent FILE compares the workbook with an earlier autodiagnostic or platform export first (the
command « Comparer avec un autodiagnostic précédent »); --precedent exemple makes the earlier year from
the workbook itself (one « fait » tâche in three was « programmé », one « programmé » in two « pas
fait »), stored in a temporary file. The workbook itself is never stored.

Runs with Debian's /usr/bin/python3 (python3-uno). The profile must have the
extension installed (tests/calc/make_profile.sh).

usage: autodiagnostic_headless.py --profil DIR --classeur FILE.ods [--pdf OUT.pdf] [--precedent FILE|exemple]

The cells read come from spreadsheets/disposition.json (the map of the workbooks).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


_DISPOSITION = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "spreadsheets",
                            "disposition.json")
with open(_DISPOSITION, encoding="utf-8") as _f:
    AUTODIAG = json.load(_f)["autodiagnostic"]


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def demarrer(profil):
    pipe = "eci_demo_%d" % os.getpid()
    env = dict(os.environ)
    env.pop("URE_BOOTSTRAP", None)
    env["HOME"] = profil
    log = open(os.path.join(tempfile.gettempdir(), pipe + ".log"), "w")
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck",
         "-env:UserInstallation=file://" + profil,
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    fin = time.time() + 120
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if time.time() > fin or proc.poll() not in (None, 81):
                raise SystemExit("LibreOffice n'a pas démarré (voir %s)" % log.name)
            time.sleep(0.3)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop, ctx


def nombre(cellule):
    return cellule.getValue()


def annee_precedente(desktop, classeur, sortie):
    """An earlier year made from the workbook: some statuses of Référentiel set back, stored as `sortie`."""
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(classeur)), "_blank", 0,
                                       (prop("Hidden", True), prop("AsTemplate", True)))
    ref = AUTODIAG["referentiel"]
    feuille = doc.Sheets.getByName(AUTODIAG["feuilles"]["referentiel"])
    col = ref["colonnes"]["statut"]
    premiere = ref["lignes"]["premiere"]
    ids = feuille.getCellRangeByName("A%d:A%d" % (premiere, premiere + 999)).getDataArray()
    derniere = premiere + sum(1 for r in ids if r[0] != "") - 1   # the node rows
    plage = feuille.getCellRangeByName("%s%d:%s%d" % (col, premiere, col, derniere))
    donnees = [list(r) for r in plage.getDataArray()]
    faits = programmes = 0
    for r in donnees:
        if r[0] == "fait":
            faits += 1
            if faits % 3 == 0:
                r[0] = "programmé"
        elif r[0] == "programmé":
            programmes += 1
            if programmes % 2 == 0:
                r[0] = "pas fait"
    plage.setDataArray(tuple(tuple(r) for r in donnees))
    doc.storeToURL(uno.systemPathToFileUrl(sortie), (prop("FilterName", "calc8"),))
    doc.close(True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--profil", required=True)
    ap.add_argument("--classeur", required=True)
    ap.add_argument("--pdf")
    ap.add_argument("--precedent", help="autodiagnostic ou export de l'année précédente, ou « exemple »")
    args = ap.parse_args()

    proc, desktop, ctx = demarrer(os.path.abspath(args.profil))
    code = 0
    try:
        url = uno.systemPathToFileUrl(os.path.abspath(args.classeur))
        t0 = time.time()
        # A comparison writes into the document (never stored): an untitled copy then.
        ouverture = (prop("Hidden", True), prop("AsTemplate", True)) if args.precedent else \
            (prop("Hidden", True), prop("ReadOnly", True))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, ouverture)
        if doc is None:
            raise SystemExit("Impossible d'ouvrir %s" % args.classeur)
        doc.calculateAll()
        t1 = time.time()
        if args.precedent:
            precedent = args.precedent
            if precedent == "exemple":
                precedent = os.path.join(tempfile.mkdtemp(prefix="eci-precedent-"), "annee-precedente.ods")
                annee_precedente(desktop, args.classeur, precedent)
            # the menu command, dispatched on the document's frame as the menu does
            aide = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
            resultat = aide.executeDispatch(doc.getCurrentController().getFrame(),
                                            "fr.ademe.eci.commandes:ComparerAutodiagnostic", "", 0,
                                            (prop("Fichier", precedent),))
            rapport = resultat.Result if isinstance(resultat.Result, str) else "(pas de compte rendu)"
            print()
            print("Comparaison avec l'année précédente :")
            for ligne in rapport.splitlines():
                print("  " + ligne)
        feuilles, syn, coll = AUTODIAG["feuilles"], AUTODIAG["synthese"], AUTODIAG["collectivite"]
        synthese = doc.Sheets.getByName(feuilles["synthese"])
        collectivite = doc.Sheets.getByName(feuilles["collectivite"])
        c = synthese.getCellRangeByName
        col = syn["colonnes"]
        erreurs = 0
        for feuille in doc.Sheets:
            # FormulaResult.ERROR = 4: every formula cell whose result is an error
            trouvees = feuille.queryFormulaCells(4)
            for adr in trouvees.getRangeAddresses():
                erreurs += (adr.EndRow - adr.StartRow + 1) * (adr.EndColumn - adr.StartColumn + 1)
        nom = collectivite.getCellRangeByName(
            "%s%d" % (coll["colonnes"]["valeur"], coll["lignes"]["premiere"])).getString()  # the key « nom »
        print()
        print("Autodiagnostic économie circulaire — %s" % nom)
        print("(calculé dans LibreOffice Calc headless par l'extension, en %.2f s)" % (t1 - t0))
        print()
        print("  %-6s %-44s %10s %10s %11s %8s" % ("Axe", "Intitulé", "Potentiel", "Fait", "Programmé", "% fait"))
        for ligne in range(syn["lignes"]["premier_axe"], syn["lignes"]["total"] + 1):
            axe = c("%s%d" % (col["axe"], ligne)).getString()
            titre = c("%s%d" % (col["intitule"], ligne)).getString()
            if len(titre) > 44:
                titre = titre[:43] + "…"
            print("  %-6s %-44s %10.3f %10.3f %11.3f %7.1f %%" % (
                axe, titre, nombre(c("%s%d" % (col["potentiel"], ligne))), nombre(c("%s%d" % (col["fait"], ligne))),
                nombre(c("%s%d" % (col["programme"], ligne))), 100 * nombre(c("%s%d" % (col["pourcentage_fait"], ligne)))))
        cellules = syn["cellules"]
        etoiles = int(nombre(c(cellules["etoiles"])))
        print()
        print("  Étoiles : %d  %s" % (etoiles, "★" * etoiles + "☆" * (5 - etoiles)))
        if etoiles < 5:
            print("  Prochaine étoile : %s, il manque %.3f points faits" % (
                c(cellules["prochaine_etoile"]).getString(), nombre(c(cellules["points_manquants"]))))
        else:
            print("  Cinquième étoile atteinte.")
        verif = c(cellules["verification"]).getString()
        print("  Contrôle de la saisie : %s" % verif.splitlines()[0] if verif else "")
        print("  Cellules en erreur dans le classeur : %d" % erreurs)
        if erreurs:
            code = 1
        lab = AUTODIAG["labellisation"]
        labellisation = doc.Sheets.getByName(feuilles["labellisation"])
        print("  Étoile à portée (critères de labellisation) : %d" % int(nombre(c(cellules["etoile_a_portee"]))))
        print("  Tâches encore non renseignées : %d" % int(nombre(
            labellisation.getCellRangeByName(lab["cellules"]["taches_non_renseignees"]))))
        eta = AUTODIAG["prochaines_etapes"]
        etapes = doc.Sheets.getByName(feuilles["prochaines_etapes"])
        e = etapes.getCellRangeByName
        ke, le, ce = eta["cellules"], eta["lignes"], eta["colonnes"]
        nb_chemin = int(e(ke["nombre_lignes"]).getValue())   # "—" (0) when there is no path
        print()
        print("  Prochaines étapes vers l'étoile %d :" % int(nombre(e(ke["etoile_visee"]))))
        for ligne in e(ke["explication"]).getString().splitlines():
            print("    " + ligne)
        if nb_chemin:
            print("    %d ligne(s) à passer à « fait », %s points faits gagnés, %.1f %% fait après (%.1f %% aujourd'hui)" % (
                nb_chemin, e(ke["gain_total"]).getString(), 100 * nombre(e(ke["pourcentage_apres"])),
                100 * nombre(e(ke["pourcentage"]))))
            for k in range(min(int(nb_chemin), 10)):
                l = le["premier_chemin"] + k
                print("    %-9s %6.3f pt  %s" % (e("%s%d" % (ce["id"], l)).getString(), nombre(e("%s%d" % (ce["points"], l))),
                                                 e("%s%d" % (ce["intitule"], l)).getString()[:70]))
            if nb_chemin > 10:
                print("    … et %d autre(s) ligne(s)" % (nb_chemin - 10))
        evo = AUTODIAG["evolution"]
        evolution = doc.Sheets.getByName(feuilles["evolution"])
        nb_changes = evolution.getCellRangeByName(evo["cellules"]["nombre_changements"])
        compare = nb_changes.getString() != ""
        if args.pdf:
            # the Synthèse print range, then the top of « Labellisation » (star aimed at, criteria table),
            # « Prochaines étapes » (summary, top ten, the path's rows) and « Évolution » after a comparison
            plages = doc.createInstance("com.sun.star.sheet.SheetCellRanges")
            plages.addRangeAddress(synthese.getCellRangeByName(syn["plages"]["impression"]).getRangeAddress(), False)
            plages.addRangeAddress(labellisation.getCellRangeByName(lab["plages"]["resume"]).getRangeAddress(), False)
            # the PDF export prints whole pages of the selected sheets: the unused rows of the two lists
            # (and the table of every row) are hidden first (the document is never stored)
            def cacher(feuille, premiere, derniere):
                if derniere >= premiere:
                    feuille.getCellRangeByName("A%d:A%d" % (premiere, derniere)).getRows().IsVisible = False
            fin = le["premier_chemin"] + int(nb_chemin) - 1 if nb_chemin else le["chemin"] - 2
            cacher(etapes, fin + 1, le["premiere_ligne"] + 1000)
            plages.addRangeAddress(etapes.getCellRangeByName("A1:G%d" % fin).getRangeAddress(), False)
            if compare:
                fin = max(evo["lignes"]["premier_changement"] + int(nb_changes.getValue()) - 1,
                          evo["lignes"]["entete_changements"])
                cacher(evolution, fin + 1, fin + 1000)
                plages.addRangeAddress(evolution.getCellRangeByName("A1:G%d" % fin).getRangeAddress(), False)
            filtre = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("Selection", plages),))
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(args.pdf)),
                           (prop("FilterName", "calc_pdf_Export"), prop("FilterData", filtre)))
            print("  PDF de la synthèse, des critères de labellisation, des prochaines étapes%s : %s" % (
                " et de l'évolution" if compare else "", args.pdf))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except Exception:
            proc.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
