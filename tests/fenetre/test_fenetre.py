"""Calc in a real window (Xvfb), used as an officer would: the « Économie circulaire » menu and
toolbar, the commands run from the menu, the Function Wizard (issue 13, item 3).

  python3 test_fenetre.py --langue fr|en [--fonctions addin/fonctions.json] [--export FICHIER.xlsx]

Run with the python3-uno of the LibreOffice under test (SOFFICE, ECI_PROFILE_TEMPLATE: see fenetre.py).
The French run checks the menu, the toolbar, every command and the Function Wizard; the English
run checks the menu and the toolbar in the English UI.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fenetre as F  # noqa: E402
from fenetre import elements_liste, enfants, normalise, trouver  # noqa: E402

P = F.PROTOCOLE
# What the officer must find, by command: (French title, English title). The toolbar shows the
# menu's titles without the « … » of the entries that open a picker.
COMMANDES = {
    P + "NouvelAutodiagnostic": ("Nouvel autodiagnostic", "New self-assessment"),
    P + "ImporterExport": ("Importer un export de la plateforme…", "Import a platform export…"),
    P + "NouveauPlanFinancement": ("Nouveau plan de financement", "New financing plan"),
    P + "VerifierPlanFinancement": ("Vérifier le plan de financement", "Check the financing plan"),
    P + "NouvelleGrilleCandidatures": ("Nouvelle grille de candidatures", "New candidates grid"),
    P + "ConsoliderCandidatures": ("Consolider des candidatures…", "Consolidate applications…"),
    P + "FiltrerCandidatures?critere=selection": ("Filtrer les candidatures : sélectionnées",
                                                  "Filter applications: selected"),
    P + "FiltrerCandidatures?critere=aucun": ("Filtrer les candidatures : tout afficher",
                                              "Filter applications: show all"),
}
# On the toolbar too: the comparison with a previous self-assessment (issue 12; its menu entry
# comes with the command).
COMPARER = (P + "ComparerAutodiagnostic",
            ("Comparer avec un autodiagnostic précédent", "Compare with an earlier self-assessment"))
NOM_BARRE = ("Économie circulaire", "Circular economy")
# The icons are drawn in these greens (addin/pkg/icones/*.svg); LibreOffice draws none of them.
VERTS = ((0x2E, 0x7D, 0x32), (0x1B, 0x5E, 0x20))

ARGS = None


def lot(dossier, n):
    """n copies of the example autodiagnostic (distinct files: distinct rows of the grid)."""
    modele = os.path.join(ARGS.classeurs, "autodiagnostic-exemple.ods")
    for k in range(n):
        shutil.copyfile(modele, os.path.join(dossier, "autodiagnostic-%03d.ods" % (k + 1)))


def sans_points(titre):
    return titre.rstrip("…").rstrip(".").strip()


def textes_labels(racine):
    out = []
    for _, r, n, _, ctx in F.Fenetre.arbre(racine, maxi=16):
        if r == "LABEL":
            out.append(normalise(ctx.getText() if hasattr(ctx, "getText") else n))
    return out


class FenetreCalc(unittest.TestCase):
    langue = "fr"

    @classmethod
    def setUpClass(cls):
        cls.i = 0 if cls.langue == "fr" else 1
        cls.f = F.Fenetre(cls.langue)
        try:
            cls.doc, cls.cadre = cls.f.ouvrir()
            cls.f.attendre_repos(1)
        except BaseException:
            cls.f.fermer()  # (tearDownClass is not called when setUpClass fails)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.f.fermer()

    # ---- the menu as shown ------------------------------------------------------------------------
    def menu(self, cadre=None):
        """{title: accessible menu item} of the « Économie circulaire » menu of a window."""
        fenetre = (cadre or self.cadre).getContainerWindow()
        barre = trouver(fenetre, "MENU_BAR", maxi=2)
        self.assertIsNotNone(barre, "pas de barre de menus")
        titres = [c.getAccessibleName() for c in enfants(barre)]
        self.assertIn(NOM_BARRE[self.i], titres, "menu « %s » absent de la barre de menus" % NOM_BARRE[self.i])
        menu = [c for c in enfants(barre) if c.getAccessibleName() == NOM_BARRE[self.i]][0]
        return {c.getAccessibleName(): c for c in enfants(menu) if c.getAccessibleName()}

    def test_menu(self):
        entrees = self.menu()
        attendus = [t[self.i] for t in COMMANDES.values()]
        for titre in attendus:
            self.assertIn(titre, entrees, "entrée de menu absente")
        # Nothing in another language, nothing unexpected.
        connus = set(attendus) | {COMPARER[1][self.i], COMPARER[1][self.i] + "…"}
        self.assertLessEqual(set(entrees), connus)

    def test_menu_configure(self):
        # The menu's own URLs (configuration of the running office) cover every command.
        prov = self.f.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.f.ctx)
        acces = prov.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess",
            (F.prop("nodepath", "/org.openoffice.Office.Addons/AddonUI/OfficeMenuBar/fr.ademe.eci.menu/Submenu"),))
        urls = {acces.getByName(n).URL for n in acces.getElementNames()} - {"private:separator"}
        self.assertLessEqual(set(COMMANDES), urls)

    # ---- the toolbar --------------------------------------------------------------------------------
    def test_barre_d_outils(self):
        lm = self.cadre.LayoutManager
        el = lm.getElement(F.BARRE)
        self.assertIsNotNone(el, "barre d'outils %s absente" % F.BARRE)
        self.assertTrue(lm.isElementVisible(F.BARRE), "barre d'outils cachée")
        self.assertTrue(lm.isElementDocked(F.BARRE), "barre d'outils flottante")
        self.assertFalse(lm.isElementFloating(F.BARRE))
        barre = el.getRealInterface().getAccessibleContext()
        self.assertEqual(barre.getAccessibleName(), NOM_BARRE[self.i])
        # Docked at the top: above the sheet, below the menu bar, within the window's width.
        xb, yb, wb, hb = F.Fenetre.rectangle(barre)
        feuille = self.cadre.getComponentWindow().getAccessibleContext()
        xf, yf, wf, hf = F.Fenetre.rectangle(feuille)
        self.assertLessEqual(yb + hb, yf, "la barre n'est pas au-dessus de la feuille")
        self.assertGreater(yb, 0)
        boutons = {c.getAccessibleName(): c for c in enfants(barre) if c.getAccessibleName()}
        # Every entry of the menu is on the toolbar, and the comparison.
        for titre in list(self.menu()) + [COMPARER[1][self.i]]:
            self.assertIn(sans_points(titre), sorted(boutons), "commande du menu absente de la barre d'outils")
        self.assertEqual(len(boutons), len(COMMANDES) + 1, sorted(boutons))
        # Each command of the menu is enabled on the toolbar (it has a dispatcher in this frame).
        for titre in self.menu():
            self.assertTrue(F.actif(boutons[sans_points(titre)]), "bouton « %s » désactivé" % titre)
        # Each button shows its icon, not its title: an icon-sized button, our greens in it (a
        # disabled button is drawn in grey: only its size is checked).
        with tempfile.TemporaryDirectory() as d:
            ecran = os.path.join(d, "ecran.png")
            self.f.capture(ecran)
            for titre, bouton in boutons.items():
                x, y, w, h = F.Fenetre.rectangle(bouton)
                self.assertGreater(w * h, 0, titre)
                self.assertLessEqual(w, 2 * h, "bouton « %s » sans icône (texte seul)" % titre)
                if not F.actif(bouton):
                    continue
                pixels = subprocess.run(
                    ["convert", ecran, "-crop", "%dx%d+%d+%d" % (w, h, x, y), "+repage", "-depth", "8", "rgb:-"],
                    capture_output=True, check=True, timeout=30).stdout
                verts = sum(1 for k in range(0, len(pixels) - 2, 3)
                            if any(all(abs(pixels[k + c] - v[c]) <= 24 for c in range(3)) for v in VERTS))
                self.assertGreaterEqual(verts, 6, "pas d'icône sur le bouton « %s »" % titre)


class CommandesFenetre(FenetreCalc):
    """Each command run from the menu of a window (the accessible menu item's action = a click)."""

    def cliquer_menu(self, titre, cadre):
        entrees = self.menu(cadre)
        self.assertIn(titre, entrees)
        entrees[titre].doAccessibleAction(0)

    def nouveau_document(self, titre, feuille):
        avant = [c.getController().getModel() for c in self.f.cadres()]
        self.cliquer_menu(titre, self.cadre)

        def nouveaux():
            return [c for c in self.f.cadres() if c.getController() is not None
                    and not any(c.getController().getModel() == m for m in avant)]

        nouveau = F.attendre(nouveaux, 60, "nouveau classeur")[0]
        doc = nouveau.getController().getModel()
        self.assertTrue(nouveau.getContainerWindow().isVisible(), "classeur ouvert dans une fenêtre cachée")
        self.assertTrue(doc.getSheets().hasByName(feuille), "feuille « %s » absente" % feuille)
        self.f.plein_ecran(nouveau)
        return doc, nouveau

    def boite_message(self, delai=60):
        """Waits for the extension's message box; returns its texts, closes it with Escape."""
        titre, w = self.f.attendre_fenetre(lambda t: t == "Économie circulaire", delai, "boîte de message")
        textes = [t for t in self.f.textes(w) if t not in ("Économie circulaire", "OK")]
        sys.stderr.write("  boîte de message : %s\n" % " | ".join(textes)[:300])
        self.f.touches("Escape", fenetre=titre)
        self.f.attendre_disparition(lambda t: t == "Économie circulaire", 15, "fermeture de la boîte de message")
        return " ".join(textes)

    def selecteur(self, titre_menu, cadre, titre_dialogue):
        self.cliquer_menu(titre_menu, cadre)
        titre, _ = self.f.attendre_fenetre(lambda t: t == titre_dialogue, 30, "sélecteur « %s »" % titre_dialogue)
        return titre

    def choisir_dossier(self, cadre, dossier):
        """Consolidation from the menu, the folder typed in the picker's path field."""
        t = self.selecteur("Consolider des candidatures…", cadre, "Dossier des autodiagnostics des candidats")
        self.f.touches("ctrl+a", fenetre=t)
        self.f.taper(dossier)
        self.f.touches("Return")

    def test_commandes_depuis_le_menu(self):
        menu = set(self.menu())
        faites = set()
        # New workbooks, each in a visible window.
        autodiag, cadre_a = self.nouveau_document("Nouvel autodiagnostic", "Référentiel")
        plan, cadre_p = self.nouveau_document("Nouveau plan de financement", "Plan")
        grille, cadre_g = self.nouveau_document("Nouvelle grille de candidatures", "Candidatures")
        faites |= {"Nouvel autodiagnostic", "Nouveau plan de financement", "Nouvelle grille de candidatures"}

        # Import: the file picker opens; Escape closes it and nothing is reported.
        t = self.selecteur("Importer un export de la plateforme…", cadre_a, "Importer un export de la plateforme")
        self.f.touches("Escape", fenetre=t)
        self.f.attendre_disparition(lambda x: x == t, 15, "fermeture du sélecteur de fichier")
        time.sleep(1)
        self.assertNotIn("Économie circulaire", [x for x, _ in self.f.fenetres()])
        # The same with a file typed in the picker: the report appears in a message box.
        if ARGS.export:
            t = self.selecteur("Importer un export de la plateforme…", cadre_a, "Importer un export de la plateforme")
            self.f.taper(ARGS.export, fenetre=t)
            self.f.touches("Return")
            rapport = self.boite_message()
            self.assertRegex(rapport, r"\d", "rapport d'import sans chiffres : %r" % rapport)
        faites.add("Importer un export de la plateforme…")

        # Consolidation: the folder picker opens and closes with Escape.
        t = self.selecteur("Consolider des candidatures…", cadre_g, "Dossier des autodiagnostics des candidats")
        self.f.touches("Escape", fenetre=t)
        self.f.attendre_disparition(lambda x: x == t, 15, "fermeture du sélecteur de dossier")
        # The same with a folder typed in the picker: its report, in a message box.
        if ARGS.classeurs:
            with tempfile.TemporaryDirectory() as dossier:
                lot(dossier, 3)
                self.choisir_dossier(cadre_g, dossier)
                rapport = self.boite_message()
                self.assertIn("3 autodiagnostic(s) lu(s) sur 3", rapport)
        faites.add("Consolider des candidatures…")

        # The check of the financing plan reports in a message box.
        self.cliquer_menu("Vérifier le plan de financement", cadre_p)
        self.assertTrue(self.boite_message())
        faites.add("Vérifier le plan de financement")

        # The filters: on a workbook that is no candidates grid, a French error in a message box.
        for titre in ("Filtrer les candidatures : sélectionnées", "Filtrer les candidatures : tout afficher"):
            self.cliquer_menu(titre, self.cadre)
            erreur = self.boite_message()
            self.assertRegex(erreur, r"[Cc]andidatures", erreur)
            faites.add(titre)

        # The comparison (when its menu entry is there): it opens a dialog, closed with Escape.
        for titre in menu - faites:
            self.assertIn(sans_points(titre), COMPARER[1][0], "commande non testée : %s" % titre)
            fenetres = {x for x, _ in self.f.fenetres()}
            self.cliquer_menu(titre, cadre_a)
            t, _ = self.f.attendre_fenetre(lambda x: x not in fenetres, 30, "dialogue de « %s »" % titre)
            self.f.touches("Escape", fenetre=t)
            self.f.attendre_disparition(lambda x: x == t, 15, "fermeture du dialogue de « %s »" % titre)
            faites.add(titre)
        self.assertEqual(menu, faites)
        for d in (autodiag, plan, grille):
            d.close(True)


class ProgressionFenetre(CommandesFenetre):
    """A long consolidation from the menu shows « k / n classeurs » and stops on « Annuler », keeping the
    rows of the workbooks read so far (issue 13, item 3; the progress comes with the commands'
    EtapeAnnulation/Progression, addin/src/commandes/deroulement.*)."""

    # Enough workbooks (≈ 25 s of work) for the click on « Annuler » to land before the end even on a
    # loaded machine (with 60, one run in a dozen finished first); cancelled, only k of them are read.
    N = 150

    def test_consolidation_progression_et_annulation(self):
        if not ARGS.classeurs:
            self.skipTest("--classeurs non donné")
        if ARGS.sources and not os.path.exists(os.path.join(ARGS.sources, "addin/src/commandes/deroulement.hpp")):
            self.skipTest("pas encore de progression dans les commandes (deroulement.hpp)")
        grille, cadre_g = self.nouveau_document("Nouvelle grille de candidatures", "Candidatures")
        with tempfile.TemporaryDirectory() as dossier:
            lot(dossier, self.N)
            self.choisir_dossier(cadre_g, dossier)
            titre, w = self.f.attendre_fenetre(lambda t: t.startswith("Économie circulaire — Consolider"), 60,
                                               "fenêtre de progression")
            motif = re.compile(r"(\d+) / %d classeurs" % self.N)

            def avance():
                for t in textes_labels(w):
                    m = motif.search(t)
                    if m and int(m.group(1)) >= 1:
                        return int(m.group(1))
                return None

            vu = F.attendre(avance, 60, "« k / %d classeurs » dans la fenêtre de progression" % self.N, pas=0.05)
            # The status bar says the same.
            barre = cadre_g.LayoutManager.getElement("private:resource/statusbar/statusbar")
            etat = " ".join(self.f.textes(barre.getRealInterface())) if barre else ""
            sys.stderr.write("  progression : %d / %d ; barre d'état : %r\n" % (vu, self.N, etat[:200]))
            # « Annuler », as a user: a click the busy window did not take (seen once in CI on 7.4:
            # the run went on to the end) is clicked again, up to three times, and said in the log.
            def rapport_arrive():
                return any(t == "Économie circulaire" for t, _ in self.f.fenetres())

            for clic in range(1, 4):
                bouton = trouver(w, "PUSH_BUTTON", "Annuler")
                if bouton is None or rapport_arrive():
                    break
                self.f.cliquer(bouton)
                try:
                    F.attendre(rapport_arrive, 10, "rapport après « Annuler »", pas=0.1)
                    break
                except TimeoutError:
                    sys.stderr.write("  clic n° %d sur « Annuler » sans effet après 10 s ; nouveau clic\n" % clic)
            rapport = self.boite_message()
        m = re.search(r"Consolidation arrêtée à (\d+) / %d classeurs" % self.N, rapport)
        if m is None:
            grille.close(True)
        self.assertIsNotNone(m, "« Annuler » n'a pas arrêté la consolidation : " + rapport)
        k = int(m.group(1))
        self.assertTrue(vu <= k < self.N, (vu, k))
        # What was done so far is kept, and consistent: one row per workbook read, the same figures
        # for every copy, none for the others.
        feuille = grille.getSheets().getByName("Candidatures")
        lignes = feuille.getCellRangeByName("A2:N201").getDataArray()
        remplies = [l for l in lignes if l[0] != ""]
        self.assertEqual(len(remplies), k)
        self.assertEqual(sorted(l[4] for l in remplies), ["autodiagnostic-%03d.ods" % (i + 1) for i in range(k)])
        self.assertEqual(len({l[5:14] for l in remplies}), 1, "des lignes différentes pour des copies")
        self.assertTrue(cadre_g.getContainerWindow().isEnabled(), "fenêtre du classeur restée désactivée")
        grille.close(True)


class AssistantFonctions(FenetreCalc):
    """The Function Wizard lists the ECI, AIDE and CRITERES functions with their French help."""

    def cliquer_entree(self, liste, nom, fois=1):
        """Clicks an entry of the function list, first brought into view with the mouse wheel over
        the list, as a user would (a family is longer than the list shown, in 25.2's tree)."""
        lx, ly, lw, lh = F.Fenetre.rectangle(liste)
        for _ in range(40):
            entree = elements_liste(liste).get(nom)
            self.assertIsNotNone(entree, "%s absente de l'Assistant Fonction" % nom)
            x, y, w, h = F.Fenetre.rectangle(entree)
            if h > 0 and ly <= y and y + h <= ly + lh:
                break
            molette = "5" if y + h > ly + lh else "4"  # (5: down, 4: up)
            subprocess.run(["xdotool", "mousemove", "--sync", str(lx + lw // 2), str(ly + lh // 2), "click", molette],
                           env=self.f.env, check=True, timeout=20)
            self.f.attendre_repos(0.2)
        else:
            self.fail("%s hors de la vue de la liste des fonctions" % nom)
        self.f.cliquer(entree, fois)

    def test_assistant_fonctions(self):
        with open(ARGS.fonctions, encoding="utf-8") as fj:
            meta = json.load(fj)
        fonctions = {f["name"]: f for f in meta["functions"]}
        familles = sorted({n.split(".")[0] for n in fonctions})
        self.assertEqual(familles, ["AIDE", "CRITERES", "ECI"])
        for famille in familles:
            # A fresh wizard for each family (as after a formula was entered).
            self.f.lancer(self.cadre, ".uno:FunctionDialog")
            titre, w = self.f.attendre_fenetre(lambda t: t == "Assistant Fonction", 30, "Assistant Fonction")
            recherche = F.attendre(lambda: trouver(w, "TEXT", "Rechercher"), 10, "champ Rechercher")
            liste = trouver(w, ("LIST", "TREE"), "Fonction")
            self.assertIsNotNone(liste, "liste « Fonction » absente de l'Assistant Fonction")
            self.f.cliquer(recherche)
            self.f.taper(famille + ".", fenetre=titre)
            attendues = sorted(n for n in fonctions if n.startswith(famille + "."))
            # (the list follows the typing; a missing function fails below, after this wait)
            try:
                F.attendre(lambda: set(attendues) <= set(elements_liste(liste)), 10, "liste filtrée")
            except TimeoutError:
                pass
            montrees = elements_liste(liste)
            for nom in attendues:
                self.assertIn(nom, sorted(montrees), "%s absente de l'Assistant Fonction" % nom)
                # Its French description, shown when it is selected.
                self.cliquer_entree(liste, nom)
                description = normalise(fonctions[nom]["description"]["fr"])
                F.attendre(lambda: description in textes_labels(w), 10, "description de %s" % nom)
            # The arguments' help of the family's first function: names and French descriptions.
            nom = attendues[0]
            self.cliquer_entree(liste, nom, 2)
            for arg in fonctions[nom]["args"][:4]:
                a = meta["arguments"][arg]
                champ = F.attendre(lambda: trouver(w, "TEXT", a["name"]["fr"]), 10, "argument %s" % arg)
                self.f.cliquer(champ)
                aide = normalise(a["description"]["fr"])
                F.attendre(lambda: aide in textes_labels(w), 10, "aide de l'argument %s de %s" % (arg, nom))
            self.f.touches("Escape", fenetre=titre)
            self.f.attendre_disparition(lambda t: t == "Assistant Fonction", 15, "fermeture de l'Assistant Fonction")


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--langue", choices=("fr", "en"), default="fr")
    ap.add_argument("--fonctions", help="addin/fonctions.json (the wizard's expected texts)")
    ap.add_argument("--export", help="a platform export to import through the file picker")
    ap.add_argument("--classeurs", help="the built workbooks (BUILD/spreadsheets): folders to consolidate")
    ap.add_argument("--sources", help="the source tree (the progress test needs the commands' progress)")
    ap.add_argument("unittest_args", nargs="*", help="run only the tests whose name contains one of these")
    ARGS = ap.parse_args()
    F.limiter()
    if ARGS.langue == "en":
        FenetreCalc.langue = "en"
        classes = [FenetreCalc]
    else:
        classes = [FenetreCalc, CommandesFenetre, ProgressionFenetre, AssistantFonctions]
    suite = unittest.TestSuite()
    for c in classes:
        # Each class starts its own LibreOffice; a subclass runs only its own tests.
        noms = [n for n in unittest.TestLoader().getTestCaseNames(c) if c is FenetreCalc or n in c.__dict__]
        noms = [n for n in noms if not ARGS.unittest_args or any(a in n for a in ARGS.unittest_args)]
        if not noms:
            continue
        suite.addTests(c(n) for n in noms)
    r = unittest.TextTestRunner(verbosity=2).run(suite)
    sys.exit(0 if r.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
