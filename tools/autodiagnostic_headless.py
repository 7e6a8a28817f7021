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

usage: autodiagnostic_headless.py --profil DIR --classeur FILE [--pdf OUT.pdf] [--precedent FILE|exemple]
       autodiagnostic_headless.py --verifier --classeur FILE   (the checks only, no LibreOffice)

FILE is an autodiagnostic workbook (.ods, .xlsx), shown as it is (opened read-only), or a platform export
(.xlsx, .ods): a new autodiagnostic is made from the extension's template (command « Nouvel
autodiagnostic ») and the export imported into it by the extension's command « Importer un export ».
A file that is neither (missing, a directory, a FIFO, not a spreadsheet, corrupt, another spreadsheet)
gets a French message on stderr and exit code 2, never a traceback (lire_classeur and the functions
before it). Exit code 1: error cells in the workbook; 3: LibreOffice failed.

The cells read come from spreadsheets/disposition.json (the map of the workbooks).
"""
import argparse
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
import zipfile

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


def demarrer_office(profil):
    """soffice headless on `profil`: (process, remote component context, desktop)."""
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
    return proc, ctx, desktop


def arreter(proc, desktop):
    """Terminates the office started by demarrer / demarrer_office (killed after 30 s)."""
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=30)
    except Exception:
        proc.kill()


# ---- the file to show: checks, autodiagnostic or platform export ------------------------------------

class ClasseurRefuse(Exception):
    """A file the demo cannot show; str() is the French message for the user."""


EXTENSIONS = (".ods", ".xlsx")
COMMANDES = "fr.ademe.eci.commandes:"
# The sheets this driver reads: a workbook holding them all is shown as an autodiagnostic.
FEUILLES_LUES = ("collectivite", "referentiel", "synthese", "labellisation")


def verifier_fichier(chemin):
    """Refuses, before LibreOffice starts, what cannot be a workbook."""
    if not os.path.lexists(chemin):
        raise ClasseurRefuse("Fichier introuvable : « %s »." % chemin)
    if os.path.isdir(chemin):
        raise ClasseurRefuse("« %s » est un dossier, pas un classeur : donnez le chemin d'un autodiagnostic "
                             "(.ods, .xlsx) ou d'un export de la plateforme (.xlsx)." % chemin)
    try:
        mode = os.stat(chemin).st_mode
    except OSError as e:
        raise ClasseurRefuse("« %s » est illisible (%s)." % (chemin, e.strerror))
    if not stat.S_ISREG(mode):
        raise ClasseurRefuse("« %s » n'est pas un fichier ordinaire (tube, périphérique ou socket) : "
                             "ce n'est pas un classeur." % chemin)
    extension = os.path.splitext(chemin)[1].lower()
    if extension not in EXTENSIONS:
        raise ClasseurRefuse("« %s » n'est pas un classeur : extension « %s », attendu .ods ou .xlsx."
                             % (chemin, extension or "(aucune)"))
    try:
        with open(chemin, "rb"):
            pass
        zip_valide = zipfile.is_zipfile(chemin)
    except OSError as e:
        raise ClasseurRefuse("« %s » est illisible (%s)." % (chemin, e.strerror))
    if not zip_valide:
        raise ClasseurRefuse("« %s » n'est pas un classeur %s valide : fichier abîmé, vide ou d'un autre "
                             "format." % (chemin, extension))


def charger(desktop, chemin, modifiable=False):
    """The file opened hidden, read-only (or as an untitled copy when `modifiable`), without macros nor
    link updates; a spreadsheet or refused."""
    proprietes = (prop("Hidden", True), prop("AsTemplate" if modifiable else "ReadOnly", True),
                  prop("MacroExecutionMode", 0), prop("UpdateDocMode", 0))
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(chemin)), "_blank", 0,
                                           proprietes)
    except Exception as e:
        raise ClasseurRefuse("« %s » n'a pas pu être ouvert : fichier abîmé ou protégé par mot de passe ? (%s)"
                             % (chemin, getattr(e, "Message", "") or type(e).__name__))
    if doc is None:
        raise ClasseurRefuse("« %s » n'a pas pu être ouvert : fichier abîmé ou protégé par mot de passe ?"
                             % chemin)
    if not doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
        doc.close(True)
        raise ClasseurRefuse("« %s » n'est pas un classeur (document d'un autre type)." % chemin)
    return doc


def est_autodiagnostic(doc):
    return all(doc.Sheets.hasByName(AUTODIAG["feuilles"][f]) for f in FEUILLES_LUES)


def commande(ctx, document, nom, arguments):
    """Dispatches the extension's command on the document's frame as the menu does: (succeeded, result)."""
    aide = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    ev = aide.executeDispatch(document.getCurrentController().getFrame(), COMMANDES + nom, "", 0, arguments)
    reussi = ev is not None and ev.State == uno.getConstantByName("com.sun.star.frame.DispatchResultState.SUCCESS")
    return reussi, (ev.Result if ev is not None else None)


def importer_export(ctx, desktop, chemin):
    """A new autodiagnostic (the extension's template) with the platform export `chemin` imported."""
    vierge = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
    try:
        reussi, doc = commande(ctx, vierge, "NouvelAutodiagnostic", (prop("Cache", True),))
    finally:
        vierge.close(True)
    if not reussi or doc is None:
        raise ClasseurRefuse("Impossible de créer un autodiagnostic : l'extension est-elle installée dans le profil ?")
    reussi, rapport = commande(ctx, doc, "ImporterExport", (prop("Fichier", os.path.abspath(chemin)),))
    if not reussi:
        doc.close(True)
        raise ClasseurRefuse("« %s » n'est ni un autodiagnostic ni un export de la plateforme : %s"
                             % (chemin, rapport or "import impossible."))
    print("  Export de la plateforme importé dans un nouvel autodiagnostic : %s" % str(rapport).splitlines()[0])
    return doc


def lire_arguments():
    ap = argparse.ArgumentParser()
    ap.add_argument("--profil", help="profile with the extension (tests/calc/make_profile.sh)")
    ap.add_argument("--classeur", required=True)
    ap.add_argument("--pdf")
    ap.add_argument("--precedent", help="autodiagnostic ou export de l'année précédente, ou « exemple »")
    ap.add_argument("--verifier", action="store_true",
                    help="only the checks done before LibreOffice starts (scripts/demo.sh, before building)")
    args = ap.parse_args()
    if not args.verifier and not args.profil:
        ap.error("--profil is required")
    return args


def lire_classeur(ctx, desktop, chemin, modifiable=False):
    """The autodiagnostic to show for `chemin`: the file itself, or a new one holding the imported export."""
    doc = charger(desktop, chemin, modifiable)
    if est_autodiagnostic(doc):
        return doc
    doc.close(True)
    return importer_export(ctx, desktop, chemin)


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
    args = lire_arguments()
    verifier_fichier(args.classeur)
    if args.verifier:
        return 0
    proc, ctx, desktop = demarrer_office(os.path.abspath(args.profil))
    code = 0
    try:
        t0 = time.time()
        # A comparison writes into the document (never stored): an untitled copy then.
        doc = lire_classeur(ctx, desktop, args.classeur, modifiable=bool(args.precedent))
        doc.calculateAll()
        t1 = time.time()
        if args.precedent:
            precedent = args.precedent
            if precedent == "exemple":
                precedent = os.path.join(tempfile.mkdtemp(prefix="eci-precedent-"), "annee-precedente.ods")
                annee_precedente(desktop, args.classeur, precedent)
            _, resultat = commande(ctx, doc, "ComparerAutodiagnostic", (prop("Fichier", precedent),))
            rapport = resultat if isinstance(resultat, str) else "(pas de compte rendu)"
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
        print("Autodiagnostic économie circulaire — %s" % (nom or os.path.basename(args.classeur)))
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
            # « Labellisation »: only its summary (the checklist and the evidence documents stay in the workbook)
            fin_resume = int(re.sub(r"^.*[A-Z]", "", lab["plages"]["resume"]))
            cacher(labellisation, fin_resume + 1, fin_resume + 1000)
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
        arreter(proc, desktop)
    return code


def principal():
    """main() with the messages a user reads instead of tracebacks."""
    try:
        return main()
    except ClasseurRefuse as e:
        print("Erreur : %s" % e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # a UNO or system error: a message, never a traceback
        print("Erreur inattendue (%s) : %s" % (type(e).__name__, getattr(e, "Message", "") or e), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(principal())
