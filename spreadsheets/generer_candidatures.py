#!/usr/bin/env python3
"""Generate the candidates workbook (« Candidatures », selection grid) as an .ods package.

Standard library only (the ODS helpers are in ods.py, shared with the other generators).

    generer_candidatures.py --sortie OUT.ods [--exemple]

Without --exemple the blank grid is written (parameters at their defaults, no candidate); with
--exemple it is filled with the 30 fictitious candidates of spreadsheets/exemple/candidatures-exemple.csv.
The output is deterministic (no dates, fixed zip timestamps).

Sheets (all user-visible text is French):
  « Mode d'emploi »  purpose, how to fill it, how score / rank / panel / price / sensitivity are computed.
  « Paramètres »     the eight criteria (six merit criteria with weights, two typologies), scale,
                     tie-break, panel size, minimum score, weight variation; named ranges.
  « Candidatures »   header row 1, one candidate per row from row 2; formulas over rows 2–201;
                     AutoFilter on the header.
  « Synthèse »       key figures, the panel sorted by rank, typology coverage, price of
                     representativeness, bar chart of the scores (selected highlighted).

The cells the commands, macros and tests read are in disposition.json (the map of every workbook,
README.md): the constants below come from it.
"""

import argparse
import csv
import os
import re
import sys

ICI = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, ICI)

from disposition import DISPOSITION  # noqa: E402  (the map of the cells, disposition.json)
from ods import (  # noqa: E402
    fonction_addin,
    escape, col_lettre, plage, plage_graphique, chaine, hauteur_texte, Styles, FORMATS_NOMBRE, VERT_FONCE,
    VERT_MOYEN, VERT_CLAIR, GRIS_ENTETE, JAUNE_SAISIE, GRIS_CALCUL, BORDURE, c_vide, c_texte, c_nombre,
    c_formule, c_couverte, ligne, Validations, plages_nommees_xml, protection_feuille, NS_CHART,
    mise_en_page, page_maitre, styles_xml, style_table, STYLE_GRAPHIQUE, contenu_xml, reglages_xml,
    reglages_feuille_simple, reglages_feuille_figee, meta_xml, ecrire_paquet)

EXEMPLE_CSV = os.path.join(ICI, "exemple", "candidatures-exemple.csv")
GENERATEUR = "generer_candidatures.py (extension Économie circulaire)"

# Programmatic names of the add-in functions as stored in ODF (from addin/fonctions.json).
C_SCORE = fonction_addin("CRITERES.SCORE")
C_RANG = fonction_addin("CRITERES.RANG")
C_SELECTION = fonction_addin("CRITERES.SELECTION")
C_COUT = fonction_addin("CRITERES.COUT_PANEL")
C_SENSIBILITE = fonction_addin("CRITERES.SENSIBILITE")
C_REMPLACEMENTS = fonction_addin("CRITERES.REMPLACEMENTS")

_D = DISPOSITION["candidatures"]
F_MODE = _D["feuilles"]["mode_emploi"]
F_PARAM = _D["feuilles"]["parametres"]
F_CAND = _D["feuilles"]["candidatures"]
F_SYN = _D["feuilles"]["synthese"]

TERRITOIRES = ["Urbain", "Périurbain", "Rural", "Touristique", "Littoral", "Montagne"]
COLLECTIVITES = ["Métropole", "Communauté urbaine", "Communauté d'agglomération", "Communauté de communes",
                 "Syndicat", "Commune"]

# The eight criteria of docs/selection.md: (n°, short name, what the reviewers assess).
CRITERES_MERITE = [
    (1, "Niveau d'engagement dans le dispositif",
     "Motivation, portage, disponibilité pour suivre tout le dispositif (diagnostic puis accompagnement)."),
    (4, "Démarches déjà engagées (prévention, économie circulaire)",
     "Programme local de prévention, tarification incitative, actions déjà menées ; le % fait de "
     "l'autodiagnostic (colonne F de « Candidatures ») peut éclairer cette note."),
    (5, "Ambitions ou initiatives envers les acteurs économiques",
     "Écologie industrielle et territoriale, accompagnement des entreprises, commande publique."),
    (6, "Engagement dans des outils de certification",
     "Cit'ergie / Territoire Engagé, normes ISO (14001, 50001…), labels."),
    (7, "Équipe projet mobilisée et volonté politique",
     "Chef de projet identifié, temps dédié, délibération ou engagement des élus."),
    (8, "Capacité à mobiliser les services et les acteurs du territoire",
     "Transversalité interne, partenaires (chambres consulaires, associations, syndicats de déchets)."),
]
CRITERES_TYPO = [
    (2, "Typologie du territoire", "Colonne C de « Candidatures » : " + ", ".join(TERRITOIRES).lower() + "."),
    (3, "Typologie de la collectivité", "Colonne D de « Candidatures » : " + ", ".join(COLLECTIVITES).lower()
     + "."),
]

# ----------------------------------------------------------------------------- cell map ---
# Candidatures
PREMIERE = _D["candidatures"]["lignes"]["premiere"]   # first candidate row (row 1 = header)
DERNIERE = _D["candidatures"]["lignes"]["derniere"]   # 201: last row of every formula range
NB_LIGNES = DERNIERE - PREMIERE + 1                    # rows reserved for candidates
assert _D["candidatures"]["lignes"]["entete"] == PREMIERE - 1
COLONNES = [  # (key, header, width cm), in the order of the map's columns
    ("collectivite", "Collectivité", 7.2),
    ("departement", "Département", 2.2),
    ("territoire", "Typologie du territoire", 2.6),
    ("typecoll", "Typologie de la collectivité", 4.3),
    ("fichier", "Fichier source (autodiagnostic)", 4.0),
    ("pct", "Autodiagnostic : % fait", 2.0),
    ("potentiel", "Potentiel (points)", 1.9),
    ("fait", "Points faits", 1.9),
    ("axe1", "% fait axe 1", 1.6),
    ("axe2", "% fait axe 2", 1.6),
    ("axe3", "% fait axe 3", 1.6),
    ("axe4", "% fait axe 4", 1.6),
    ("axe5", "% fait axe 5", 1.6),
    ("etoiles", "Étoiles", 1.4),
    ("c1", "Note 1 : engagement", 1.9),
    ("c4", "Note 4 : démarches engagées", 1.9),
    ("c5", "Note 5 : acteurs économiques", 1.9),
    ("c6", "Note 6 : certification", 1.9),
    ("c7", "Note 7 : équipe, volonté politique", 1.9),
    ("c8", "Note 8 : mobilisation", 1.9),
    ("score", "Score pondéré (0-100)", 1.9),
    ("departage", "Valeur de départage", 1.8),
    ("rang", "Rang", 1.5),
    ("selection", "Sélectionné (1/0)", 1.8),
    ("remplace_n", "Remplace le n°", 1.7),
    ("remplace", "Remplace (candidat du top N)", 5.5),
    ("rang_min", "Meilleur rang (poids ± variation)", 1.9),
    ("rang_max", "Pire rang (poids ± variation)", 1.9),
    ("bascule", "Sélection peut basculer (1/0)", 1.9),
    ("calc_territoire", "Territoire retenu pour le calcul", 2.4),
    ("calc_collectivite", "Collectivité retenue pour le calcul", 2.4),
    ("cle_panel", "Clé de tri du panel", 1.8),
    ("cle_classement", "Clé de tri du classement", 1.8),
    ("etoile_a_portee", "Étoile à portée (labellisation)", 2.0),   # added last: the columns above keep their place
]
COL = {k: col_lettre(i) for i, (k, _, _) in enumerate(COLONNES)}
assert COL == _D["candidatures"]["colonnes"], "disposition.json: colonnes de Candidatures"
NOTES = ["c1", "c4", "c5", "c6", "c7", "c8"]
COL_FILTRE_FIN = COL["bascule"]        # AutoFilter range A1:AC201
assert _D["candidatures"]["plages"]["filtre"] == f"A{PREMIERE - 1}:{COL_FILTRE_FIN}{DERNIERE}"
COL_SAISIE = ["collectivite", "departement", "territoire", "typecoll", "fichier", "pct", "potentiel", "fait",
              "axe1", "axe2", "axe3", "axe4", "axe5", "etoiles", "etoile_a_portee"] + NOTES

# Paramètres
_P = _D["parametres"]["lignes"]
assert _D["parametres"]["colonnes"]["valeur"] == "D"
P_MERITE = _P["merite"]              # rows 5–10: the six merit criteria, weights in D
P_TYPO = _P["typo"]                  # rows 13–14: criteria 2 and 3
P_NOTEMAX = _P["note_max"]
P_CRIT_DEPARTAGE = _P["critere_departage"]
P_COL_DEPARTAGE = _P["col_departage"]
P_NOMBRE = _P["nombre"]
P_SCOREMIN = _P["score_min"]
P_VARIATION = _P["variation"]
P_LISTES = _P["listes"]              # header of the typology lists; values from row 26 (B territoire, D collectivité)

# Synthèse
S_PANEL_ENTETE = _D["synthese"]["lignes"]["panel_entete"]
S_PANEL_MAX = 15          # rows 18–32: the panel, up to 15 members (Nombre ≤ 15)
S_GRAPH_MAX = 40          # chart data: the first 40 of the ranking (example: its 30 candidates)


def ref_c(cle, l1=PREMIERE, l2=DERNIERE):
    """Absolute reference to a Candidatures column (rows 2–201 by default)."""
    return plage(F_CAND, COL[cle], l1, COL[cle], l2)


def rel(cle, l):
    """Same-sheet relative reference to one cell of a Candidatures column."""
    return f"[.{COL[cle]}{l}]"


def nb_cellules(xml_ligne):
    """Number of columns covered by the cells of a row (repeated cells counted)."""
    n = 0
    for m in re.finditer(r"<table:(?:covered-)?table-cell\b([^>]*)>", xml_ligne):
        r = re.search(r'table:number-columns-repeated="(\d+)"', m.group(1))
        n += int(r.group(1)) if r else 1
    return n


def lire_exemple():
    with open(EXEMPLE_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


FORMATS_EXTRA = (
    '<number:number-style style:name="Ndec1" number:language="fr" number:country="FR">'
    '<number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/>'
    '</number:number-style>'
)

VERT_PANEL = "#2e9e44"
GRIS_HORS = "#b0b0b0"
ROUGE = "#c00000"


class Classeur:
    def __init__(self, exemple):
        self.exemple = exemple
        self.candidats = lire_exemple() if exemple else []
        if len(self.candidats) > NB_LIGNES:
            raise SystemExit(f"au plus {NB_LIGNES} candidats")
        self.st = Styles()
        self.val = Validations()
        self.feuilles = []
        self.reglages = {}
        self.graphiques = {}
        self.formes = {}
        self.n_graph = len(self.candidats) if exemple else S_GRAPH_MAX
        self.styles_saut = {}   # row height -> row style with a page break before

    def construire(self):
        self.feuille_mode_emploi()
        self.feuille_parametres()
        self.feuille_candidatures()
        self.feuille_synthese()

    # ------------------------------------------------------------------------ Mode d'emploi ---
    def feuille_mode_emploi(self):
        st = self.st
        s_titre = st.cellule(gras=True, taille=16, couleur=VERT_FONCE)
        s_section = st.cellule(gras=True, taille=12, couleur="#ffffff", fond=VERT_FONCE, retrait=0.1)
        s_texte = st.cellule(retour=True, valign="top")
        s_petit = st.cellule(retour=True, valign="top", italique=True, couleur="#595959", taille=9)
        L = f"{PREMIERE}–{DERNIERE}"
        blocs = [
            ("titre", "Grille de sélection des candidatures — mode d'emploi"),
            ("petit", "Classeur de l'extension « Économie circulaire » pour LibreOffice Calc. Les scores, rangs, "
                      "le panel et la sensibilité sont calculés par les fonctions CRITERES de l'extension : sans "
                      "elle, les cellules calculées affichent #NOM? (#NAME?). Les données de l'exemple sont "
                      "fictives."),
            ("section", "À quoi sert ce classeur"),
            ("texte", "Les évaluateurs de l'appel à candidatures y rassemblent les autodiagnostics économie "
                      "circulaire des collectivités candidates, notent chaque candidature sur les critères de "
                      "l'appel, les classent, puis choisissent un panel d'au plus 10 territoires représentatif "
                      "de la région : chaque typologie de territoire (urbain, rural, littoral…) et chaque "
                      "typologie de collectivité (métropole, communauté de communes, syndicat…) présente parmi "
                      "les candidatures doit y figurer. Le classeur montre aussi ce que coûte cette "
                      "représentativité et la solidité du classement quand les poids des critères varient."),
            ("section", "Comment le remplir"),
            ("texte", f"1. Feuille « {F_PARAM} » : vérifiez (avant d'ouvrir les dossiers) les poids des six "
                      "critères de mérite, l'échelle des notes, le critère de départage des ex aequo, le nombre "
                      "de places du panel et le score minimal. Les cellules à fond jaune sont modifiables."),
            ("texte", f"2. Feuille « {F_CAND} » : une ligne par candidature à partir de la ligne {PREMIERE} "
                      f"(jusqu'à {NB_LIGNES} candidatures, lignes {L}). Colonnes A à E : collectivité, "
                      "département, typologie du territoire et de la collectivité (listes déroulantes), fichier "
                      "d'autodiagnostic. Colonnes F à N : chiffres de l'autodiagnostic (% fait, potentiel, "
                      "points faits, % fait par axe, étoiles). La macro « Consolider des candidatures » "
                      "(menu Économie circulaire) remplit ces colonnes à partir d'un dossier de classeurs "
                      "d'autodiagnostic, une ligne par fichier, sans modifier les fichiers."),
            ("texte", "3. Colonnes O à T : les six notes des évaluateurs, de 0 à la note maximale (5 par défaut), "
                      "ou NC (non concerné) pour retirer un critère du score de ce candidat. Une candidature "
                      "n'est classée que lorsque ses six notes sont saisies ; en attendant, son rang affiche "
                      "« à noter » et elle n'entre pas dans le panel."),
            ("texte", "4. Les colonnes U à AC sont calculées : ne les modifiez pas. Les colonnes AD à AG sont "
                      "des colonnes de calcul intermédiaires. Une ligne entièrement vide n'est pas une "
                      "candidature."),
            ("texte", "5. Filtrer : les boutons de filtre de la ligne d'en-tête (filtre automatique) permettent "
                      "de n'afficher que les sélectionnés, une typologie, un département, un score minimal… "
                      "La macro « Filtrer les candidatures » applique ces filtres usuels et peut les retirer."),
            ("texte", f"6. Feuille « {F_SYN} » : chiffres clés, panel classé par rang avec les remplacements, "
                      "couverture des typologies, prix de la représentativité et graphique des scores (les "
                      "candidats retenus en vert)."),
            ("section", "Score pondéré (CRITERES.SCORE)"),
            ("texte", "Score sur 100 = Σ poids × note / (Σ poids × note maximale) × 100, sur les critères notés "
                      "(une note NC retire le critère des deux sommes). Avec des poids égaux et six notes sur 5, "
                      "chaque point de note vaut 100 / 30 ≈ 3,33 points de score."),
            ("section", "Rang et départage (CRITERES.RANG)"),
            ("texte", "Rang « olympique » : le meilleur score a le rang 1, des ex aequo ont le même rang et le "
                      "suivant saute (1, 2, 2, 4). Les ex aequo sont départagés par le critère de départage "
                      "déclaré dans les paramètres (par défaut le critère 1, niveau d'engagement) : la note la "
                      "plus haute passe devant (une note NC compte pour 0). Ceux qui restent à égalité gardent "
                      "le même rang. Les scores sont comparés au millionième près."),
            ("section", "Le panel (CRITERES.SELECTION) : un calcul exact"),
            ("texte", "Parmi les candidatures notées dont le score atteint le score minimal (les éligibles), le "
                      "panel compte au plus N membres (10 par défaut) et est choisi ainsi, dans cet ordre :"),
            ("texte", "1. couvrir le plus grand nombre possible de typologies présentes parmi les éligibles "
                      "(typologies de territoire et typologies de collectivité comptées séparément ; un candidat "
                      "qui apporte deux typologies manquantes compte pour deux). Quand N le permet, toutes les "
                      "typologies présentes sont couvertes ;"),
            ("texte", "2. parmi ces panels, maximiser le total des scores ;"),
            ("texte", "3. s'il reste des égalités, préférer le panel qui contient le candidat le mieux classé "
                      "(par le score, puis l'ordre des lignes), puis le suivant, etc."),
            ("texte", "Ce n'est pas une sélection « pas à pas » (prendre le meilleur, puis compléter les "
                      "typologies manquantes) : l'extension calcule l'optimum exact (flot de coût minimal sur "
                      "le graphe des typologies, vérifié contre l'énumération de tous les panels possibles). Une "
                      "typologie portée seulement par des candidats sous le score minimal n'est pas à couvrir. "
                      "Le départage du panel n'utilise que le score et l'ordre des lignes (pas le critère de "
                      "départage du rang)."),
            ("section", "Le prix de la représentativité (CRITERES.COUT_PANEL, CRITERES.REMPLACEMENTS)"),
            ("texte", "Le prix est le total des scores des N meilleurs éligibles (le simple « top N ») moins le "
                      "total des scores du panel : ce que coûte, en points de score, l'obligation de couvrir "
                      "toutes les typologies. Il vaut 0 quand le top N est déjà représentatif. La colonne "
                      "« Remplace » indique, pour chaque membre du panel qui n'est pas dans le top N, le "
                      "candidat du top N dont il prend la place (le mieux classé des entrants remplace le mieux "
                      "classé des sortants, etc.) : c'est la justification à présenter au comité."),
            ("section", "Sensibilité aux poids (CRITERES.SENSIBILITE)"),
            ("texte", "Chaque poids varie de ± la variation des paramètres (20 % par défaut), indépendamment des "
                      "autres. Les rangs (par le seul score, sans départage) et le panel sont recalculés aux "
                      "poids donnés et à chaque « coin » de ces variations (au plus 64 combinaisons). Meilleur "
                      "et pire rang sont les extrêmes observés ; « peut basculer » vaut 1 si le candidat est "
                      "retenu pour certains poids et pas pour d'autres. Ce sont des rangs réellement atteints : "
                      "dans de rares cas, un rang encore meilleur ou pire n'existe qu'entre deux coins."),
            ("texte", "Une ligne notée seulement en partie fait afficher Err:502 aux colonnes de sensibilité "
                      "jusqu'à ce que ses six notes soient saisies (NC si non concerné)."),
            ("section", "Macros (menu « Économie circulaire », Outils ▸ Macros)"),
            ("texte", "« Nouvelle grille de candidatures » : un nouveau classeur vierge comme celui-ci."),
            ("texte", f"« Consolider des candidatures » : lit tous les classeurs d'autodiagnostic d'un dossier et "
                      f"écrit une ligne par fichier dans « {F_CAND} » (collectivité, département, fichier, % "
                      "fait, potentiel, points faits, % fait par axe, étoiles), sans modifier les fichiers "
                      "sources ; les fichiers illisibles sont signalés. Les typologies et les notes restent à "
                      "saisir par les évaluateurs."),
            ("texte", "« Filtrer les candidatures » : n'afficher que les sélectionnés, une typologie, un "
                      "département ou les scores au-dessus d'un seuil ; ou retirer le filtre."),
            ("section", "Fonctions utilisées"),
            ("texte", "CRITERES.SCORE (score pondéré), CRITERES.RANG (rang avec départage), CRITERES.SELECTION "
                      "(panel, une formule matricielle pour toutes les lignes), CRITERES.REMPLACEMENTS (qui "
                      "remplace qui), CRITERES.COUT_PANEL (prix de la représentativité), CRITERES.SENSIBILITE "
                      "(meilleur rang, pire rang, bascule ; une formule matricielle sur 3 colonnes). L'aide de "
                      "chaque fonction est dans l'assistant fonctions de Calc (catégorie Add-in)."),
        ]
        lignes = []
        for genre, texte in blocs:
            if genre == "titre":
                lignes.append(ligne([c_texte(texte, s_titre)], st.ligne(1.0, False)))
            elif genre == "section":
                lignes.append(ligne([c_vide()], st.ligne(0.3, False)))
                lignes.append(ligne([c_texte(texte, s_section)], st.ligne(0.65, False)))
            elif genre == "petit":
                lignes.append(ligne([c_texte(texte, s_petit)], st.ligne(hauteur_texte(texte, 110, 0.4), False)))
            else:
                lignes.append(ligne([c_texte(texte, s_texte)], st.ligne(hauteur_texte(texte, 100, 0.45), False)))
        cols = f'<table:table-column table:style-name="{st.colonne(18.5)}" table:default-cell-style-name="Default"/>'
        xml = (f'<table:table table:name="{escape(F_MODE)}" table:style-name="taMode" '
               f'table:print-ranges="{escape(plage_graphique(F_MODE, "A", 1, "A", len(lignes)))}">'
               + cols + "".join(lignes) + "</table:table>")
        self.feuilles.append((F_MODE, xml))

    # --------------------------------------------------------------------------- Paramètres ---
    def feuille_parametres(self):
        st, val = self.st, self.val
        b = BORDURE
        s_titre = st.cellule(gras=True, taille=16, couleur=VERT_FONCE)
        s_intro = st.cellule(retour=True, italique=True, couleur="#404040", valign="top")
        s_entete = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, bordure=b, halign="center")
        s_num = st.cellule(gras=True, bordure=b, halign="center", fond=VERT_CLAIR)
        s_lib = st.cellule(retour=True, bordure=b, gras=True)
        s_txt = st.cellule(retour=True, bordure=b, taille=9)
        s_nat = st.cellule(bordure=b, halign="center", taille=9)
        s_in = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=b, halign="center", format="Ndec1")
        s_in_ent = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=b, halign="center", format="Nentier")
        s_in_pct = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=b, halign="center", format="Npct0")
        s_calc = st.cellule(fond=GRIS_CALCUL, bordure=b, halign="center", format="Nentier")
        s_calc_txt = st.cellule(fond=GRIS_CALCUL, bordure=b, retour=True, taille=9)
        s_tiret = st.cellule(bordure=b, halign="center", couleur="#8c8c8c")
        s_liste = st.cellule(bordure=b, taille=9)
        s_nom = st.cellule(couleur="#8c8c8c", taille=8, bordure=b)

        base = lambda c, l: f"{F_PARAM}.{c}{l}"
        lignes = {}

        def r(n, cellules, h):
            lignes[n] = ligne(cellules, st.ligne(h, False))

        r(1, [c_texte("Paramètres de la sélection", s_titre)], 0.9)
        r(2, [c_texte("Ces règles sont fixées avant l'ouverture des dossiers (spec de l'appel) : poids des critères "
                      "de mérite, échelle des notes, départage, taille du panel, score minimal. Les cellules à fond "
                      "jaune sont modifiables ; la colonne G donne le nom des plages nommées utilisées par les "
                      "formules.", s_intro, fusion=(7, 1)), c_couverte(6)], 1.0)
        r(4, [c_texte(t, s_entete) for t in ("N°", "Critère de mérite", "Nature", "Poids",
                                             "Ce que les évaluateurs notent", "Colonne (Candidatures)", "Nom")], 0.9)
        v_poids = val.ajouter("of:cell-content-is-decimal-number() and cell-content()>=0", base("D", P_MERITE),
                              "Poids", "Poids du critère (nombre positif ou nul ; 0 = critère ignoré). Par défaut 1 : "
                              "tous les critères comptent autant.", "Saisir un nombre positif ou nul.", liste=False)
        for i, (n, nom, aide) in enumerate(CRITERES_MERITE):
            l = P_MERITE + i
            r(l, [c_nombre(n, s_num), c_texte(nom, s_lib), c_texte("mérite (note 0 à note max ou NC)", s_nat),
                  c_nombre(1, s_in, v_poids), c_texte(aide, s_txt), c_texte(COL[NOTES[i]], s_nat),
                  c_texte("Poids" if i == 0 else "", s_nom)], 1.0)
        r(P_TYPO - 1, [c_texte(t, s_entete) for t in ("N°", "Critère de typologie", "Nature", "Poids",
                                                      "Rôle", "Colonne (Candidatures)")], 0.9)
        for i, (n, nom, aide) in enumerate(CRITERES_TYPO):
            l = P_TYPO + i
            role = ("Pas de note : sert à la représentativité du panel. Chaque typologie présente parmi les "
                    "candidatures éligibles doit avoir au moins un membre du panel. " + aide)
            r(l, [c_nombre(n, s_num), c_texte(nom, s_lib), c_texte("typologie (étiquette)", s_nat),
                  c_texte("—", s_tiret), c_texte(role, s_txt), c_texte(COL["territoire" if n == 2 else "typecoll"],
                                                                       s_nat)], 1.3)
        r(P_NOTEMAX - 1, [c_texte(t, s_entete) for t in ("", "Réglage", "", "Valeur", "Explication", "", "Nom")],
          0.6)

        def reglage(l, libelle, cellule, explication, nom, h=0.9):
            r(l, [c_vide(s_num), c_texte(libelle, s_lib), c_vide(s_nat), cellule,
                  c_texte(explication, s_txt, fusion=(2, 1)), c_couverte(), c_texte(nom, s_nom)], h)

        v_nmax = val.ajouter("of:cell-content-is-decimal-number() and cell-content()>0", base("D", P_NOTEMAX),
                             "Note maximale", "Note maximale de l'échelle (5 par défaut).",
                             "Saisir un nombre strictement positif.", liste=False)
        reglage(P_NOTEMAX, "Note maximale (échelle des notes)", c_nombre(5, s_in_ent, v_nmax),
                "Les notes vont de 0 à cette valeur (ou NC). 5 par défaut.", "NoteMax")
        v_dep = val.ajouter("of:cell-content-is-whole-number() and cell-content-is-between(1;8)",
                            base("D", P_CRIT_DEPARTAGE), "Critère de départage",
                            "N° du critère de mérite qui départage les ex aequo : 1, 4, 5, 6, 7 ou 8 (1 = niveau "
                            "d'engagement, par défaut).", "Saisir 1, 4, 5, 6, 7 ou 8.", liste=False)
        d = P_CRIT_DEPARTAGE
        crit = plage(None, "A", P_MERITE, "A", P_MERITE + 5)
        noms = plage(None, "B", P_MERITE, "B", P_MERITE + 5)
        lignes[d] = ligne([c_vide(s_num), c_texte("Critère de départage des ex aequo (n°)", s_lib), c_vide(s_nat),
                           c_nombre(1, s_in_ent, v_dep),
                           c_formule(f'IF(ISNA(MATCH([.D{d}];{crit};0));"À corriger : choisir un critère de mérite '
                                     f'(1, 4, 5, 6, 7 ou 8)";"Ex aequo départagés par : "&'
                                     f'INDEX({noms};MATCH([.D{d}];{crit};0))&" (la note la plus haute passe devant).")',
                                     s_calc_txt, fusion=(2, 1)),
                           c_couverte(), c_texte("CritereDepartage", s_nom)], st.ligne(0.9, False))
        reglage(P_COL_DEPARTAGE, "Position du critère de départage parmi les notes (calcul)",
                c_formule(f"IFERROR(MATCH([.D{d}];{crit};0);1)", s_calc),
                f"1 à 6 : rang de la colonne de note ({COL['c1']} à {COL['c8']}) lue pour départager.",
                "ColDepartage")
        v_nb = val.ajouter("of:cell-content-is-whole-number() and cell-content-is-between(1;15)",
                           base("D", P_NOMBRE), "Places du panel",
                           "Nombre maximal de territoires du panel (10 dans l'appel ; 1 à 15).",
                           "Saisir un nombre entier de 1 à 15.", liste=False)
        reglage(P_NOMBRE, "Nombre de places du panel (N)", c_nombre(10, s_in_ent, v_nb),
                "Au plus N candidats retenus (10 dans l'appel). La synthèse liste jusqu'à 15 membres.", "Nombre")
        v_min = val.ajouter("of:cell-content-is-decimal-number() and cell-content-is-between(0;100)",
                            base("D", P_SCOREMIN), "Score minimal",
                            "Score pondéré (0 à 100) en dessous duquel une candidature n'est pas éligible au "
                            "panel. 0 = toutes.", "Saisir un score de 0 à 100.", liste=False)
        reglage(P_SCOREMIN, "Score minimal pour être éligible", c_nombre(0, s_in, v_min),
                "Les candidatures sous ce score ne peuvent pas entrer dans le panel, et leurs typologies ne "
                "sont pas à couvrir. 0 par défaut.", "ScoreMin")
        v_var = val.ajouter("of:cell-content-is-decimal-number() and cell-content-is-between(0;0.99)",
                            base("D", P_VARIATION), "Variation des poids",
                            "Variation relative de chaque poids pour l'analyse de sensibilité : 20 % par défaut.",
                            "Saisir un pourcentage de 0 % à 99 %.", liste=False)
        reglage(P_VARIATION, "Variation des poids (sensibilité)", c_nombre(0.2, s_in_pct, v_var, "percentage"),
                "Chaque poids varie de ± cette part (20 % : un poids 1 varie de 0,8 à 1,2) pour l'analyse de "
                "sensibilité.", "Variation")
        r(P_LISTES, [c_vide(), c_texte("Typologies du territoire (liste)", s_entete), c_vide(),
                     c_texte("Typologies de la collectivité (liste)", s_entete, fusion=(2, 1)), c_couverte()], 0.6)
        for i in range(max(len(TERRITOIRES), len(COLLECTIVITES))):
            t = TERRITOIRES[i] if i < len(TERRITOIRES) else ""
            c = COLLECTIVITES[i] if i < len(COLLECTIVITES) else ""
            r(P_LISTES + 1 + i, [c_vide(), c_texte(t, s_liste), c_vide(), c_texte(c, s_liste, fusion=(2, 1)),
                                 c_couverte()], 0.5)
        fin = max(lignes)
        corps = "".join(lignes.get(n, ligne([c_vide()], st.ligne(0.3, False))) for n in range(1, fin + 1))
        cols = "".join(f'<table:table-column table:style-name="{st.colonne(w)}" '
                       f'table:default-cell-style-name="Default"/>' for w in (1.1, 6.5, 3.2, 1.8, 8.5, 2.6, 3.0))
        xml = (f'<table:table table:name="{escape(F_PARAM)}" table:style-name="taParam" table:protected="true" '
               f'table:print-ranges="{escape(plage_graphique(F_PARAM, "A", 1, "G", fin))}">'
               + protection_feuille() + cols + corps + "</table:table>")
        self.feuilles.append((F_PARAM, xml))
        self.nommes = [
            ("Poids", F_PARAM, "D", P_MERITE, "D", P_MERITE + 5),
            ("NoteMax", F_PARAM, "D", P_NOTEMAX),
            ("CritereDepartage", F_PARAM, "D", P_CRIT_DEPARTAGE),
            ("ColDepartage", F_PARAM, "D", P_COL_DEPARTAGE),
            ("Nombre", F_PARAM, "D", P_NOMBRE),
            ("ScoreMin", F_PARAM, "D", P_SCOREMIN),
            ("Variation", F_PARAM, "D", P_VARIATION),
            ("TableCandidatures", F_CAND, "A", PREMIERE, COL_FILTRE_FIN, DERNIERE),
        ]

    # ------------------------------------------------------------------------- Candidatures ---
    def feuille_candidatures(self):
        st, val = self.st, self.val
        b = BORDURE
        s_ent_saisie = st.cellule(gras=True, fond="#ffe699", retour=True, halign="center", bordure=b, taille=9)
        s_ent_note = st.cellule(gras=True, fond="#ffd966", retour=True, halign="center", bordure=b, taille=9)
        s_ent_calc = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, halign="center",
                                bordure=b, taille=9)
        s_ent_aux = st.cellule(italique=True, fond=GRIS_ENTETE, couleur="#595959", retour=True, halign="center",
                               bordure=b, taille=8)
        s_txt = st.cellule(saisie=True, bordure=b, taille=9)
        s_txt_c = st.cellule(saisie=True, bordure=b, taille=9, halign="center")
        s_pct = st.cellule(saisie=True, bordure=b, taille=9, format="Npct")
        s_pts = st.cellule(saisie=True, bordure=b, taille=9, format="Ndec1")
        s_ent = st.cellule(saisie=True, bordure=b, taille=9, format="Nentier", halign="center")
        s_note = st.cellule(saisie=True, bordure=b, fond=JAUNE_SAISIE, halign="center")
        s_score = st.cellule(bordure=b, fond=VERT_CLAIR, gras=True, format="Ndec1")
        s_calc = st.cellule(bordure=b, fond=GRIS_CALCUL, halign="center", format="Nentier")
        s_calc_dec = st.cellule(bordure=b, fond=GRIS_CALCUL, halign="center", format="Ndec1")
        s_sel = st.cellule(bordure=b, fond=GRIS_CALCUL, halign="center", gras=True, format="Nentier")
        s_calc_txt = st.cellule(bordure=b, fond=GRIS_CALCUL, taille=9)
        s_aux = st.cellule(couleur="#8c8c8c", taille=8)

        base = lambda c: f"{F_CAND}.{c}{PREMIERE}"
        v_terr = val.liste_valeurs(TERRITOIRES, base(COL["territoire"]), "Typologie du territoire",
                                   "Critère 2 : " + ", ".join(TERRITOIRES) + ".",
                                   "Choisir une typologie de la liste (voir Paramètres).")
        v_coll = val.liste_valeurs(COLLECTIVITES, base(COL["typecoll"]), "Typologie de la collectivité",
                                   "Critère 3 : " + ", ".join(COLLECTIVITES) + ".",
                                   "Choisir une typologie de la liste (voir Paramètres).")

        aux = ("calc_territoire", "calc_collectivite", "cle_panel", "cle_classement")
        entete = []
        for k, t, _ in COLONNES:
            if k in NOTES:
                entete.append(c_texte(t, s_ent_note))
            elif k in COL_SAISIE:
                entete.append(c_texte(t, s_ent_saisie))
            elif k in aux:
                entete.append(c_texte(t, s_ent_aux))
            else:
                entete.append(c_texte(t, s_ent_calc))
        lignes = [f'<table:table-header-rows>{ligne(entete, st.ligne(1.55, False))}</table:table-header-rows>']

        U = lambda k: ref_c(k)
        notes_tout = plage(None, COL["c1"], PREMIERE, COL["c8"], DERNIERE)
        args_panel = (f"{plage(None, COL['score'], PREMIERE, COL['score'], DERNIERE)};"
                      f"{plage(None, COL['calc_territoire'], PREMIERE, COL['calc_territoire'], DERNIERE)};"
                      f"{plage(None, COL['calc_collectivite'], PREMIERE, COL['calc_collectivite'], DERNIERE)};"
                      "Nombre;ScoreMin")
        self.args_panel_ext = (f"{U('score')};{U('calc_territoire')};{U('calc_collectivite')};Nombre;ScoreMin")
        for i in range(NB_LIGNES):
            l = PREMIERE + i
            d = self.candidats[i] if i < len(self.candidats) else None
            cel = []

            def saisie(cle, style, validation=None, nombre=False, pourcentage=False):
                v = d.get(cle, "") if d else ""
                if v != "" and nombre:
                    try:
                        cel.append(c_nombre(float(v), style, validation, "percentage" if pourcentage else "float"))
                        return
                    except ValueError:
                        pass
                cel.append(c_texte(v, style, validation))

            saisie("collectivite", s_txt)
            saisie("departement", s_txt_c)
            saisie("typologie_territoire", s_txt, v_terr)
            saisie("typologie_collectivite", s_txt, v_coll)
            saisie("fichier", s_txt)
            saisie("pct_fait", s_pct, nombre=True, pourcentage=True)
            saisie("potentiel", s_pts, nombre=True)
            saisie("points_faits", s_pts, nombre=True)
            for a in range(1, 6):
                saisie(f"axe{a}", s_pct, nombre=True, pourcentage=True)
            saisie("etoiles", s_ent, nombre=True)
            for k in NOTES:
                saisie(k, s_note, nombre=True)
            notes = f"[.{COL['c1']}{l}:.{COL['c8']}{l}]"
            sc, dp, rg = rel("score", l), rel("departage", l), rel("rang", l)
            cel.append(c_formule(f'IF(COUNT({notes})+COUNTIF({notes};"NC")<6;"";'
                                 f'{C_SCORE}({notes};Poids;NoteMax))', s_score))
            cel.append(c_formule(f'IF({sc}="";"";N(INDEX({notes};1;ColDepartage)))', s_calc))
            cel.append(c_formule(
                f'IF({sc}="";IF({rel("collectivite", l)}="";"";"à noter");'
                f'{C_RANG}({sc};{plage(None, COL["score"], PREMIERE, COL["score"], DERNIERE)};{dp};'
                f'{plage(None, COL["departage"], PREMIERE, COL["departage"], DERNIERE)}))', s_calc))
            if i == 0:
                cel.append(c_formule(f"{C_SELECTION}({args_panel})", s_sel, matrice=(1, NB_LIGNES)))
                cel.append(c_formule(f"{C_REMPLACEMENTS}({args_panel})", s_calc, matrice=(1, NB_LIGNES)))
            else:
                cel.append(c_vide(s_sel))
                cel.append(c_vide(s_calc))
            yn = rel("remplace_n", l)
            cel.append(c_formule(f'IF(ISNUMBER({yn});INDEX({plage(None, COL["collectivite"], PREMIERE, COL["collectivite"], DERNIERE)};{yn});"")',
                                 s_calc_txt))
            if i == 0:
                cel.append(c_formule(
                    f"{C_SENSIBILITE}({notes_tout};Poids;Variation;Nombre;ScoreMin;"
                    f"{plage(None, COL['calc_territoire'], PREMIERE, COL['calc_territoire'], DERNIERE)};"
                    f"{plage(None, COL['calc_collectivite'], PREMIERE, COL['calc_collectivite'], DERNIERE)};"
                    "NoteMax)", s_calc, matrice=(3, NB_LIGNES)))
                cel.append(c_vide(s_calc, repete=2))
            else:
                cel.append(c_vide(s_calc, repete=3))
            cel.append(c_formule(f'IF(ISNUMBER({sc});{rel("territoire", l)};"")', s_aux))
            cel.append(c_formule(f'IF(ISNUMBER({sc});{rel("typecoll", l)};"")', s_aux))
            cel.append(c_formule(f'IF(N({rel("selection", l)})=1;N({rg})+ROW()/100000;"")', s_aux))
            cel.append(c_formule(f'IF(ISNUMBER({rg});{rg}+ROW()/100000;"")', s_aux))
            saisie("etoile_a_portee", s_ent, nombre=True)
            lignes.append(ligne(cel, st.ligne(0.5, False)))
        cols = "".join(f'<table:table-column table:style-name="{st.colonne(w)}" '
                       f'table:default-cell-style-name="Default"/>' for _, _, w in COLONNES)
        xml = (f'<table:table table:name="{escape(F_CAND)}" table:style-name="taCand" '
               f'table:print-ranges="{escape(plage_graphique(F_CAND, "A", 1, COL_FILTRE_FIN, DERNIERE))}">'
               + cols + "".join(lignes) + "</table:table>")
        self.feuilles.append((F_CAND, xml))
        self.reglages[F_CAND] = reglages_feuille_figee(1, 1, COLONNES.index(next(c for c in COLONNES if c[0] == "c1")), 1)

    # ----------------------------------------------------------------------------- Synthèse ---
    def feuille_synthese(self):
        st = self.st
        b = BORDURE
        s_titre = st.cellule(gras=True, taille=15, couleur=VERT_FONCE)
        s_sous = st.cellule(italique=True, couleur="#595959", taille=9, retour=True, valign="top")
        s_section = st.cellule(gras=True, taille=11, couleur="#ffffff", fond=VERT_FONCE, retrait=0.1)
        s_lbl = st.cellule(bordure=b, retour=True)
        s_val = st.cellule(bordure=b, gras=True, halign="center", format="Nentier")
        s_val_dec = st.cellule(bordure=b, gras=True, halign="center", format="Ndec1")
        s_val_pct = st.cellule(bordure=b, gras=True, halign="center", format="Npct")
        s_val_txt = st.cellule(bordure=b, gras=True, halign="center")
        s_prix = st.cellule(bordure=b, gras=True, halign="center", format="Ndec1", fond="#fde9d9", couleur=ROUGE)
        s_note = st.cellule(italique=True, couleur="#595959", taille=8, retour=True, bordure=b)
        s_ent = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, halign="center", bordure=b,
                           taille=9)
        s_ent_aux = st.cellule(italique=True, fond=GRIS_ENTETE, couleur="#595959", retour=True, halign="center",
                               bordure=b, taille=8)
        s_k = st.cellule(bordure=b, halign="center", fond=VERT_CLAIR, gras=True)
        s_c = st.cellule(bordure=b, taille=9)
        s_c8 = st.cellule(bordure=b, taille=8)
        s_cc = st.cellule(bordure=b, taille=9, halign="center")
        s_cs = st.cellule(bordure=b, taille=9, halign="center", format="Ndec1", gras=True)
        s_cr = st.cellule(bordure=b, taille=8, couleur="#7f3f00")
        s_aux = st.cellule(couleur="#8c8c8c", taille=8)
        s_aux_dec = st.cellule(couleur="#8c8c8c", taille=8, format="Ndec1")
        s_cov = st.cellule(bordure=b, taille=9, halign="center", gras=True)

        C = ref_c
        lignes = []
        hauteurs = []

        def ajout(cellules, h, saut=False):
            lignes.append(ligne(cellules, self.ligne_saut(h) if saut else st.ligne(h, False)))
            hauteurs.append(h)
            return len(lignes)

        ajout([c_texte("Sélection des candidatures — synthèse", s_titre, fusion=(10, 1)), c_couverte(9)], 1.0)
        ajout([c_texte("Panel d'au plus N territoires représentatif de la région (toutes les typologies présentes "
                       "couvertes quand N le permet), au meilleur total de scores ; calcul exact par les fonctions "
                       "CRITERES de l'extension. Paramètres : feuille Paramètres.", s_sous, fusion=(10, 1)),
               c_couverte(9)], 0.8)
        ajout([c_vide()], 0.3)
        ajout([c_texte("Chiffres clés", s_section, fusion=(10, 1)), c_couverte(9)], 0.6)
        self.L = L = {}

        def chiffre(cle, libelle, formule, style, note=""):
            l = len(lignes) + 1
            L[cle] = l
            ajout([c_vide(), c_texte(libelle, s_lbl, fusion=(4, 1)), c_couverte(3),
                   c_formule(formule(l) if callable(formule) else formule, style, fusion=(2, 1)), c_couverte(),
                   c_texte(note, s_note, fusion=(3, 1)), c_couverte(2)], 0.62)

        chiffre("notees", "Candidatures notées (six notes saisies)", f"COUNT({C('score')})", s_val,
                "Lignes sans notes complètes : « à noter » dans la colonne Rang.")
        chiffre("eligibles", "Candidatures éligibles (score ≥ score minimal)",
                f'COUNTIF({C("score")};">="&ScoreMin)', s_val, "Score minimal : feuille Paramètres (ScoreMin).")
        chiffre("places", "Places du panel (N)", "Nombre", s_val, "Paramètre Nombre.")
        chiffre("membres", "Membres du panel", f"SUM({C('selection')})", s_val,
                "min(N ; éligibles) — CRITERES.SELECTION, colonne " + COL["selection"] + " de Candidatures.")
        chiffre("total_panel", "Total des scores du panel", f"SUMIF({C('selection')};1;{C('score')})", s_val_dec,
                "Somme des scores pondérés des membres du panel.")
        chiffre("prix", "Prix de la représentativité (points de score)",
                f"{C_COUT}({self.args_panel_ext})", s_prix,
                "CRITERES.COUT_PANEL : total du top N moins total du panel.")
        p = L["prix"]
        assert p == _D["synthese"]["lignes"]["prix"] and _D["synthese"]["colonnes"]["valeur"] == "F", p
        chiffre("total_top", "Total des scores du simple top N (sans contrainte)",
                f"[.F{L['total_panel']}]+[.F{p}]", s_val_dec, "Les N meilleurs scores éligibles, sans se soucier "
                                                               "des typologies.")
        chiffre("part", "Prix en part du total du top N",
                f"IF(N([.F{L['total_top']}])=0;0;[.F{p}]/[.F{L['total_top']}])", s_val_pct, "")
        # coverage cells are filled below; forward references are fine in a spreadsheet
        L["couv"] = len(lignes) + 1
        chiffre("couv", "Typologies couvertes / présentes parmi les éligibles", "0", s_val_txt,
                "Voir « Couverture des typologies » ci-dessous.")
        chiffre("bascule", f"Candidats dont la sélection peut basculer (poids ± variation)",
                f'IFERROR(SUM({C("bascule")});"notes incomplètes")', s_val,
                "CRITERES.SENSIBILITE, colonne " + COL["bascule"] + " de Candidatures (six notes par ligne notée).")
        ajout([c_vide()], 0.3)
        ajout([c_texte("Le panel, classé par rang", s_section, fusion=(10, 1)), c_couverte(9)], 0.6)
        assert len(lignes) + 1 == S_PANEL_ENTETE, len(lignes)
        titres = ["N°", "Collectivité", "Dép.", "Territoire", "Type de collectivité", "Score", "Rang",
                  "Rang min – max", "Peut basculer", "Remplace (candidat du top N et son score)"]
        ajout([c_texte(t, s_ent) for t in titres] + [c_vide(), c_texte("n° dans la liste (calcul)", s_ent_aux)],
              0.9)
        idx = lambda cle, k: f"INDEX({C(cle)};[.L{k}])"
        n_cle = f"COUNT({C('cle_panel')})"
        for j in range(1, S_PANEL_MAX + 1):
            l = len(lignes) + 1
            vide = f'IF([.L{l}]="";"";'
            cel = [c_formule(f'{vide}{j})', s_k),
                   c_formule(f'{vide}{idx("collectivite", l)})', s_c8),
                   c_formule(f'{vide}{idx("departement", l)}&"")', s_cc),
                   c_formule(f'{vide}{idx("territoire", l)})', s_cc),
                   c_formule(f'{vide}{idx("typecoll", l)})', s_c8),
                   c_formule(f'{vide}{idx("score", l)})', s_cs),
                   c_formule(f'{vide}{idx("rang", l)})', s_cc),
                   c_formule(f'{vide}IFERROR({idx("rang_min", l)}&" – "&{idx("rang_max", l)};"?"))', s_cc),
                   c_formule(f'{vide}IFERROR(IF({idx("bascule", l)}=1;"oui";"non");"?"))', s_cc),
                   c_formule(f'{vide}IF(ISNUMBER({idx("remplace_n", l)});{idx("remplace", l)}&" ("&'
                             f'FIXED(INDEX({C("score")};{idx("remplace_n", l)});1)&")";""))', s_cr),
                   c_vide(),
                   c_formule(f'IF({j}>{n_cle};"";MATCH(SMALL({C("cle_panel")};{j});{C("cle_panel")};0))', s_aux)]
            ajout(cel, 0.5)
        ajout([c_vide()], 0.3)
        ajout([c_texte("Couverture des typologies", s_section, fusion=(10, 1)), c_couverte(9)], 0.6, saut=True)
        couvertes = []

        def table_couv(titre, valeurs, cle_col):
            ajout([c_vide(), c_texte(titre, s_ent), c_texte("Éligibles", s_ent), c_texte("Retenus", s_ent),
                   c_texte("Couverte", s_ent)], 0.7)
            premiere = len(lignes) + 1
            col = C(cle_col)
            for v in valeurs:
                l = len(lignes) + 1
                ajout([c_vide(), c_texte(v, s_c),
                       c_formule(f'COUNTIFS({col};{chaine(v)};{C("score")};">="&ScoreMin)', s_cc),
                       c_formule(f'COUNTIFS({col};{chaine(v)};{C("selection")};1)', s_cc),
                       c_formule(f'IF([.C{l}]=0;"—";IF([.D{l}]>0;"oui";"NON"))', s_cov)], 0.5)
            derniere = len(lignes)
            l = len(lignes) + 1
            ajout([c_vide(), c_texte("Autres (hors liste)", s_c),
                   c_formule(f'COUNTIFS({col};"<>";{C("score")};">="&ScoreMin)-SUM([.C{premiere}:.C{derniere}])',
                             s_cc),
                   c_formule(f'COUNTIFS({col};"<>";{C("selection")};1)-SUM([.D{premiere}:.D{derniere}])', s_cc),
                   c_formule(f'IF([.C{l}]=0;"—";IF([.D{l}]>0;"oui (à vérifier)";"NON"))', s_cov)], 0.5)
            couvertes.append((premiere, l))

        table_couv("Typologie du territoire", TERRITOIRES, "territoire")
        ajout([c_vide()], 0.2)
        table_couv("Typologie de la collectivité", COLLECTIVITES, "typecoll")
        oui = "+".join(f'COUNTIF([.E{a}:.E{z}];"oui*")' for a, z in couvertes)
        non = "+".join(f'COUNTIF([.E{a}:.E{z}];"NON")' for a, z in couvertes)
        # rewrite the coverage key figure now that the tables exist
        cl = L["couv"]
        lignes[cl - 1] = ligne([c_vide(), c_texte("Typologies couvertes / présentes parmi les éligibles", s_lbl,
                                                  fusion=(4, 1)), c_couverte(3),
                                c_formule(f'({oui})&" / "&({oui}+{non})', s_val_txt, fusion=(2, 1)), c_couverte(),
                                c_texte("Voir « Couverture des typologies » ci-dessous (« Autres » : typologies "
                                        "saisies hors des listes).", s_note, fusion=(3, 1)), c_couverte(2)],
                               st.ligne(0.62, False))
        ajout([c_vide()], 0.3)
        ajout([c_texte("Scores pondérés par candidat, classés par rang (en vert : retenus dans le panel)", s_section,
                       fusion=(10, 1)), c_couverte(9)], 0.6, saut=True)
        y_graph = sum(hauteurs)
        h_graph = round(2.2 + 0.42 * max(self.n_graph, 20), 2)
        ajout([c_vide()], h_graph + 0.2)
        fin = len(lignes)

        # Chart data: the ranking (columns N:R, rows S_PANEL_ENTETE..), outside the print range.
        # Inserted into the rows already written (columns M.. after the panel's L).
        donnees_entete = [c_texte(t, s_ent_aux) for t in ("Classement (données du graphique)", "Retenu",
                                                           "Non retenu", "n° dans la liste (calcul)")]
        n_cl = f"COUNT({C('cle_classement')})"
        self.graph_lignes = (S_PANEL_ENTETE + 1, S_PANEL_ENTETE + self.n_graph)
        while len(lignes) < self.graph_lignes[1]:
            lignes.append(ligne([c_vide()], st.ligne(0.45, False)))
        nouvelles = []
        for idx_l, xml_l in enumerate(lignes):
            l = idx_l + 1
            ajout_cel = ""
            if l == S_PANEL_ENTETE:
                ajout_cel = c_vide() + "".join(donnees_entete)
            elif S_PANEL_ENTETE < l <= self.graph_lignes[1]:
                k = l - S_PANEL_ENTETE
                q = f"[.Q{l}]"
                vide = f'IF({q}="";"";'
                ajout_cel = "".join([
                    c_vide(),
                    c_formule(f'{vide}INDEX({C("rang")};{q})&". "&INDEX({C("collectivite")};{q}))', s_aux),
                    c_formule(f'{vide}IF(INDEX({C("selection")};{q})=1;INDEX({C("score")};{q});""))', s_aux_dec),
                    c_formule(f'{vide}IF(INDEX({C("selection")};{q})=1;"";INDEX({C("score")};{q})))', s_aux_dec),
                    c_formule(f'IF({k}>{n_cl};"";MATCH(SMALL({C("cle_classement")};{k});{C("cle_classement")};0))',
                              s_aux)])
            if ajout_cel:
                # pad the row to column M (12 cells) then append
                fin_tag = "</table:table-row>"
                corps = xml_l[:-len(fin_tag)]
                pad = 12 - nb_cellules(corps)
                corps += c_vide() * max(0, pad) + ajout_cel + fin_tag
                xml_l = corps
            nouvelles.append(xml_l)
        lignes = nouvelles

        a, z = self.graph_lignes
        cat = plage_graphique(F_SYN, "N", a, "N", z)
        s1 = plage_graphique(F_SYN, "O", a, "O", z)
        s2 = plage_graphique(F_SYN, "P", a, "P", z)
        e1 = plage_graphique(F_SYN, "O", S_PANEL_ENTETE, "O", S_PANEL_ENTETE)
        e2 = plage_graphique(F_SYN, "P", S_PANEL_ENTETE, "P", S_PANEL_ENTETE)
        self.graphiques["Scores"] = self.graphique_scores(cat, [(s1, e1, VERT_PANEL, "Retenu"),
                                                                (s2, e2, GRIS_HORS, "Non retenu")], h_graph,
                                                               self.n_graph)
        largeurs = [1.0, 8.6, 1.7, 2.3, 4.4, 1.5, 1.3, 2.1, 1.7, 8.4, 0.4, 1.8, 0.4, 7.0, 1.6, 1.6, 1.8]
        w = sum(largeurs[:10])
        plages_g = " ".join([cat, plage_graphique(F_SYN, "O", S_PANEL_ENTETE, "P", z)])
        formes = ('<table:shapes>'
                  f'<draw:frame draw:z-index="0" draw:name="Scores" draw:style-name="gr1" svg:width="{w:.3f}cm" '
                  f'svg:height="{h_graph:.3f}cm" svg:x="0.000cm" svg:y="{y_graph:.3f}cm">'
                  f'<draw:object draw:notify-on-update-of-ranges="{escape(plages_g)}" xlink:href="./Scores" '
                  'xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"><loext:p/></draw:object>'
                  '</draw:frame></table:shapes>')
        cols = "".join(f'<table:table-column table:style-name="{st.colonne(x)}" '
                       f'table:default-cell-style-name="Default"/>' for x in largeurs)
        xml = (f'<table:table table:name="{escape(F_SYN)}" table:style-name="taSyn" table:protected="true" '
               f'table:print-ranges="{escape(plage_graphique(F_SYN, "A", 1, "J", fin))}">'
               + protection_feuille() + formes + cols + "".join(lignes) + "</table:table>")
        self.feuilles.append((F_SYN, xml))
        self.fin_synthese = fin

    def ligne_saut(self, h):
        """Row style of fixed height h with a page break before it (printing)."""
        if h not in self.styles_saut:
            self.styles_saut[h] = f"roSaut{len(self.styles_saut) + 1}"
        return self.styles_saut[h]

    def styles_saut_xml(self):
        return "".join(f'<style:style style:name="{nom}" style:family="table-row"><style:table-row-properties '
                       f'style:row-height="{h}cm" fo:break-before="page" style:use-optimal-row-height="false"/>'
                       '</style:style>' for h, nom in self.styles_saut.items())

    # ------------------------------------------------------------------------------- chart ---
    @staticmethod
    def graphique_scores(categories, series, hauteur, n):
        styles = (
            '<number:number-style style:name="N1"><number:number number:decimal-places="1" '
            'number:min-decimal-places="1" number:min-integer-digits="1"/></number:number-style>'
            '<number:number-style style:name="N0"><number:number number:min-integer-digits="1"/>'
            '</number:number-style>'
            '<style:style style:name="ch1" style:family="chart"><style:graphic-properties draw:stroke="none"/>'
            '</style:style>'
            '<style:style style:name="chT" style:family="chart"><style:chart-properties chart:auto-position="true"/>'
            '<style:text-properties fo:font-size="11pt" fo:font-weight="bold"/></style:style>'
            '<style:style style:name="chL" style:family="chart"><style:chart-properties chart:auto-position="true"/>'
            '<style:text-properties fo:font-size="9pt"/></style:style>'
            '<style:style style:name="ch2" style:family="chart"><style:chart-properties chart:vertical="true" '
            'chart:stacked="true" chart:auto-position="true" chart:auto-size="true" '
            'chart:treat-empty-cells="leave-gap" chart:overlap="100" chart:gap-width="40"/></style:style>'
            '<style:style style:name="chX" style:family="chart" style:data-style-name="N0">'
            '<style:chart-properties chart:display-label="true" chart:logarithmic="false" '
            'chart:reverse-direction="true" text:line-break="false" chart:link-data-style-to-source="true" '
            'chart:axis-position="0"/><style:graphic-properties svg:stroke-color="#b3b3b3"/>'
            '<style:text-properties fo:font-size="7pt"/></style:style>'
            '<style:style style:name="chY" style:family="chart" style:data-style-name="N0">'
            '<style:chart-properties chart:display-label="true" chart:logarithmic="false" chart:minimum="0" '
            'chart:maximum="100" chart:interval-major="10" chart:interval-minor-divisor="1" '
            'chart:reverse-direction="false" text:line-break="false" chart:link-data-style-to-source="false" '
            'chart:axis-position="0"/><style:graphic-properties svg:stroke-color="#b3b3b3"/>'
            '<style:text-properties fo:font-size="8pt"/></style:style>'
            '<style:style style:name="chG" style:family="chart"><style:graphic-properties '
            'svg:stroke-color="#d0d0d0"/></style:style>'
            '<style:style style:name="chW" style:family="chart"><style:graphic-properties draw:stroke="none" '
            'draw:fill="none"/></style:style>'
        )
        for i, (_, _, coul, _) in enumerate(series):
            styles += (f'<style:style style:name="chS{i}" style:family="chart" style:data-style-name="N1">'
                       '<style:chart-properties chart:link-data-style-to-source="false" '
                       'chart:data-label-number="value" chart:label-position="inside"/>'
                       f'<style:graphic-properties draw:stroke="none" draw:fill="solid" draw:fill-color="{coul}"/>'
                       '<style:text-properties fo:font-size="7pt" fo:color="#ffffff" fo:font-weight="bold"/>'
                       '</style:style>')
        tout = " ".join([categories] + [v for v, _, _, _ in series])
        corps = (
            f'<chart:chart svg:width="28cm" svg:height="{hauteur}cm" xlink:href=".." xlink:type="simple" '
            'chart:class="chart:bar" chart:style-name="ch1">'
            '<chart:title chart:style-name="chT"><text:p>Score pondéré (0-100) par candidat, par rang</text:p>'
            '</chart:title>'
            '<chart:legend chart:legend-position="top" style:legend-expansion="wide" chart:style-name="chL"/>'
            f'<chart:plot-area chart:style-name="ch2" table:cell-range-address="{escape(tout)}" '
            'chart:data-source-has-labels="both">'
            '<chart:axis chart:dimension="x" chart:name="primary-x" chart:style-name="chX">'
            f'<chart:categories table:cell-range-address="{escape(categories)}"/></chart:axis>'
            '<chart:axis chart:dimension="y" chart:name="primary-y" chart:style-name="chY">'
            '<chart:grid chart:style-name="chG" chart:class="major"/></chart:axis>')
        for i, (valeurs, libelle, _, _) in enumerate(series):
            corps += (f'<chart:series chart:style-name="chS{i}" chart:values-cell-range-address="{escape(valeurs)}" '
                      f'chart:label-cell-address="{escape(libelle)}" chart:class="chart:bar">'
                      f'<chart:data-point chart:repeated="{n}"/></chart:series>')
        # small local cache (LibreOffice reads the sheet anyway)
        t = ('<table:table table:name="local-table"><table:table-header-columns><table:table-column/>'
             '</table:table-header-columns><table:table-columns>'
             f'<table:table-column table:number-columns-repeated="{len(series)}"/></table:table-columns>'
             '<table:table-header-rows><table:table-row><table:table-cell><text:p/></table:table-cell>')
        for _, _, _, nom in series:
            t += f'<table:table-cell office:value-type="string"><text:p>{escape(nom)}</text:p></table:table-cell>'
        t += '</table:table-row></table:table-header-rows><table:table-rows>'
        for i in range(n):
            t += f'<table:table-row><table:table-cell office:value-type="string"><text:p>{i + 1}</text:p></table:table-cell>'
            t += ('<table:table-cell office:value-type="float" office:value="0"><text:p>0</text:p>'
                  '</table:table-cell>') * len(series)
            t += '</table:table-row>'
        t += '</table:table-rows></table:table>'
        corps += '<chart:wall chart:style-name="chW"/></chart:plot-area>' + t + '</chart:chart>'
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<office:document-content {NS_CHART} office:version="1.3">'
                '<office:automatic-styles>' + styles + '</office:automatic-styles>'
                '<office:body><office:chart>' + corps + '</office:chart></office:body></office:document-content>')

    # ----------------------------------------------------------------------------- package ---
    def ecrire(self, sortie):
        self.construire()
        tables = "".join(x for _, x in self.feuilles)
        auto = (FORMATS_NOMBRE + FORMATS_EXTRA
                + style_table("taMode", "Default", "#7f7f7f") + style_table("taParam", "Default", "#ffc000")
                + style_table("taCand", "Candidatures", VERT_MOYEN) + style_table("taSyn", "Synthese", VERT_FONCE)
                + self.st.xml() + self.styles_saut_xml() + STYLE_GRAPHIQUE)
        index_cand = [n for n, _ in self.feuilles].index(F_CAND)
        base_db = (f'<table:database-ranges><table:database-range table:name="__Anonymous_Sheet_DB__{index_cand}" '
                   f'table:target-range-address="{escape(F_CAND)}.A1:{escape(F_CAND)}.{COL_FILTRE_FIN}{DERNIERE}" '
                   'table:display-filter-buttons="true"/></table:database-ranges>')
        content = contenu_xml(auto, tables, self.val.xml(), plages_nommees_xml(self.nommes) + base_db)
        pied = "Grille de sélection des candidatures — données fictives" if self.exemple else \
            "Grille de sélection des candidatures"
        styles = styles_xml(
            mise_en_page("pmDefaut", False, 1, 0) + mise_en_page("pmCand", True, 1, 0)
            + mise_en_page("pmSyn", True, 1, 0),
            page_maitre("Default", "Par défaut", "pmDefaut", "Économie circulaire — candidatures", pied)
            + page_maitre("Candidatures", "Candidatures", "pmCand", "Économie circulaire — candidatures", pied)
            + page_maitre("Synthese", "Synthèse", "pmSyn", "Économie circulaire — candidatures", pied))
        active = F_SYN if self.exemple else F_MODE
        items = dict(self.reglages)
        settings = reglages_xml([n for n, _ in self.feuilles], active, items)
        titre = "Grille de sélection des candidatures" + (" — exemple (fictif)" if self.exemple else "")
        meta = meta_xml(GENERATEUR, titre, "Appel à candidatures économie circulaire : critères, rang, panel")
        ecrire_paquet(sortie, content, styles, meta, settings, self.graphiques, GENERATEUR)


def main(argv=None):
    p = argparse.ArgumentParser(description="Génère la grille de sélection des candidatures (.ods).")
    p.add_argument("--sortie", required=True, help="fichier .ods à écrire")
    p.add_argument("--exemple", action="store_true",
                   help="remplir avec les 30 candidatures fictives de spreadsheets/exemple/candidatures-exemple.csv")
    a = p.parse_args(argv)
    Classeur(a.exemple).ecrire(a.sortie)
    return 0


if __name__ == "__main__":
    sys.exit(main())
