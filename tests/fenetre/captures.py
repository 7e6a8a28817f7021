"""Screenshots of Calc's window for the README (scripts/captures.sh; issue 13, item 4).

  python3 captures.py --classeurs BUILD/spreadsheets --sortie docs/

Same harness as the window tests (fenetre.py: Xvfb, soffice with its UI, French profile). Writes:
  fenetre-menu.png          the « Économie circulaire » menu open, and the toolbar
  fenetre-referentiel.png   the example autodiagnostic's Référentiel sheet, a status list open
  fenetre-synthese.png      its Synthèse sheet
  fenetre-plan.png          the example financing plan
  fenetre-candidatures.png  the example candidates grid
  fenetre-assistant.png     the Function Wizard on ECI.EVALUER
Each is the window (1280 × 860), or its top-left part when that is what the picture is about,
reduced to a 256-colour palette.
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fenetre as F  # noqa: E402
from fenetre import elements_liste, trouver  # noqa: E402

TITRE_MENU = "Économie circulaire"


def url_fichier(chemin):
    import uno

    return uno.systemPathToFileUrl(os.path.abspath(chemin))


class Captures:
    def __init__(self, f, sortie):
        self.f = f
        self.sortie = sortie

    def enregistrer(self, nom, rect=None):
        brut = os.path.join(self.f.dossier, nom)
        self.f.capture(brut, rect)
        final = os.path.join(self.sortie, nom)
        subprocess.run(["convert", brut, "-strip", "-colors", "256", "PNG8:" + final], check=True, timeout=60)
        print("captures: %s" % final)

    def ouvrir(self, chemin, feuille, zoom=100):
        doc, cadre = self.f.ouvrir(url_fichier(chemin))
        feuilles = doc.getSheets()
        if not feuilles.hasByName(feuille):
            raise SystemExit("captures: feuille « %s » absente de %s" % (feuille, chemin))
        vue = doc.getCurrentController()
        vue.setActiveSheet(feuilles.getByName(feuille))
        vue.ZoomType = 3  # com.sun.star.view.DocumentZoomType.BY_VALUE
        vue.ZoomValue = zoom
        self.f.attendre_repos(1.5)
        return doc, cadre

    def titre_fenetre(self, cadre):
        return cadre.getContainerWindow().getAccessibleContext().getAccessibleName()

    def menu(self, cadre):
        barre = trouver(cadre.getContainerWindow(), "MENU_BAR", maxi=2)
        menu = trouver(barre, "MENU", TITRE_MENU, maxi=1)
        self.f.focaliser(self.titre_fenetre(cadre))
        menu.doAccessibleAction(0)  # opens the menu, as a click on its title
        self.f.attendre_repos(1.5)
        self.enregistrer("fenetre-menu.png", (0, 0, 900, 420))
        self.f.touches("Escape")

    def liste_statuts(self, doc, cadre):
        feuille = doc.getSheets().getByName("Référentiel")
        from com.sun.star.sheet.ValidationType import LIST

        for ligne in range(7, 400):
            cellule = feuille.getCellRangeByName("J%d" % ligne)
            # a measure the officer has already assessed
            if cellule.Validation.Type == LIST and cellule.getString() == "programmé":
                break
        else:
            raise SystemExit("captures: aucune liste de statuts dans la colonne J du Référentiel")
        vue = doc.getCurrentController()
        vue.select(cellule)
        vue.ZoomValue = 80
        vue.setFirstVisibleColumn(0)
        self.f.attendre_repos(1)
        self.f.touches("alt+Down", fenetre=self.titre_fenetre(cadre))
        self.f.attendre_repos(1)
        self.enregistrer("fenetre-referentiel.png")
        self.f.touches("Escape")

    def assistant(self, cadre):
        self.f.lancer(cadre, ".uno:FunctionDialog")
        titre, w = self.f.attendre_fenetre(lambda t: t == "Assistant Fonction", 30, "Assistant Fonction")
        recherche = F.attendre(lambda: trouver(w, "TEXT", "Rechercher"), 10, "champ Rechercher")
        self.f.cliquer(recherche)
        self.f.taper("ECI.EVALUER", fenetre=titre)
        liste = trouver(w, ("LIST", "TREE"), "Fonction")
        item = F.attendre(lambda: elements_liste(liste).get("ECI.EVALUER"), 10, "ECI.EVALUER dans la liste")
        self.f.cliquer(item, 2)
        champ = F.attendre(lambda: trouver(w, "TEXT", "ids"), 10, "argument ids")
        self.f.cliquer(champ)
        self.f.attendre_repos(1)
        x, y, largeur, hauteur = F.Fenetre.rectangle(w.getAccessibleContext())
        marge = 12
        self.enregistrer("fenetre-assistant.png", (max(0, x - marge), max(0, y - marge),
                                                   largeur + 2 * marge, hauteur + 2 * marge))
        self.f.touches("Escape", fenetre=titre)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--classeurs", required=True, help="folder of the built workbooks (BUILD/spreadsheets)")
    ap.add_argument("--sortie", required=True, help="where the PNGs go (docs/)")
    args = ap.parse_args()
    F.limiter()
    os.makedirs(args.sortie, exist_ok=True)
    f = F.Fenetre("fr")
    try:
        c = Captures(f, args.sortie)
        classeur = lambda nom: os.path.join(args.classeurs, nom)  # noqa: E731
        doc, cadre = c.ouvrir(classeur("autodiagnostic-exemple.ods"), "Synthèse")
        c.enregistrer("fenetre-synthese.png")
        c.menu(cadre)
        doc.getCurrentController().setActiveSheet(doc.getSheets().getByName("Référentiel"))
        c.liste_statuts(doc, cadre)
        c.assistant(cadre)
        doc.close(True)
        doc, cadre = c.ouvrir(classeur("plan-financement-exemple.ods"), "Plan")
        c.enregistrer("fenetre-plan.png", (0, 0, 1280, 560))  # the plan's rows and notes
        doc.close(True)
        doc, cadre = c.ouvrir(classeur("candidatures-exemple.ods"), "Candidatures", 80)
        # The names and the selection side by side, as an officer would: column A frozen, scrolled
        # to the notes, score, rank and selection (columns O to AC).
        vue = doc.getCurrentController()
        vue.freezeAtPosition(1, 1)
        for i in range(vue.getCount()):  # the panes right of the frozen column
            volet = vue.getByIndex(i)
            if volet.getFirstVisibleColumn() > 0:
                volet.setFirstVisibleColumn(14)
        f.attendre_repos(1)
        c.enregistrer("fenetre-candidatures.png")
        doc.close(True)
    finally:
        f.fermer()


if __name__ == "__main__":
    main()
