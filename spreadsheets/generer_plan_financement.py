#!/usr/bin/env python3
"""Generate the financing-plan workbook (« Plan de financement », aid ADEME / Région Occitanie) as .ods.

Standard library only (the OpenDocument package is written by spreadsheets/ods.py).

    generer_plan_financement.py --sortie OUT.ods [--exemple]

Without --exemple the blank template is written (parameters at their defaults, plan lines empty); with
--exemple the plan of a fictitious collectivité is filled in (all checks OK). The output is deterministic.

Sheets (all user-visible text is French):
  « Mode d'emploi »  what the workbook is for, how to fill it, the aid rules, the functions used.
  « Paramètres »     the parameters (named cells TauxAide, PlafondSur, TauxTVA, PartAdeme, RegleSolde, …), each
                     beside the open question of docs/aide.md it answers.
  « Plan »           one row per line (diagnostic, accompagnement): provider, HT, VAT, HTR base, aid, ADEME /
                     Région split, other public aids, self-financing, AIDE.VERIFIER check and a status; total row.
  « Versements »     aid due at the end and solde per line (AIDE.SOLDE) and per funder (advance, instalments).

The cells the commands, tests and other tools read are in disposition.json (the map of every workbook,
README.md): the constants below come from it.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from disposition import DISPOSITION, colonne_index, ligne_colonne  # noqa: E402  (disposition.json)
from ods import (  # noqa: E402  (shared ODS writer, spreadsheets/ods.py)
    fonction_addin,
    BORDURE, FORMATS_EUROS, FORMATS_NOMBRE, GRIS_CALCUL, GRIS_ENTETE, JAUNE_SAISIE, VERT_CLAIR, VERT_FONCE,
    VERT_MOYEN, Styles, Validations, c_couverte, c_formule, c_nombre, c_texte, c_vide, chaine, contenu_xml,
    ecrire_paquet, escape, hauteur_texte, ligne, meta_xml, mise_en_page, page_maitre, plage, plage_graphique,
    plages_nommees_xml, protection_feuille, reglages_feuille_simple, reglages_xml, style_table, styles_xml)

GENERATEUR = "generer_plan_financement.py"

# Programmatic names of the add-in functions as stored in ODF (from addin/fonctions.json).
ASSIETTE = fonction_addin("AIDE.ASSIETTE")
MONTANT = fonction_addin("AIDE.MONTANT")
PLAFOND = fonction_addin("AIDE.PLAFOND")
REPARTITION = fonction_addin("AIDE.REPARTITION")
SOLDE = fonction_addin("AIDE.SOLDE")
AUTOFINANCEMENT = fonction_addin("AIDE.AUTOFINANCEMENT")
VERIFIER = fonction_addin("AIDE.VERIFIER")

_D = DISPOSITION["plan_financement"]
F_MODE = _D["feuilles"]["mode_emploi"]
F_PARAM = _D["feuilles"]["parametres"]
F_PLAN = _D["feuilles"]["plan"]
F_VERS = _D["feuilles"]["versements"]

A_REVOIR = "À revoir"

# --------------------------------------------------------------------------------------- layout ---
# « Paramètres »: one row per parameter, value in column B (named cell), in the map's order.
PARAMETRES = list(_D["parametres"]["cellules"])
LIGNE_PARAM = {nom: ligne_colonne(c)[1] for nom, c in _D["parametres"]["cellules"].items()}
PARAM_PREMIERE = LIGNE_PARAM[PARAMETRES[0]]
assert all(ligne_colonne(c)[0] == "B" for c in _D["parametres"]["cellules"].values())
assert list(LIGNE_PARAM.values()) == list(range(PARAM_PREMIERE, PARAM_PREMIERE + len(PARAMETRES))), LIGNE_PARAM

# « Plan »: header row 6, one row per line, total row after.
PLAN_ENTETE = _D["plan"]["lignes"]["entete"]
LIGNES = [  # (key, label, phase argument)
    ("diagnostic", "Diagnostic", "diagnostic"),
    ("accompagnement", "Accompagnement (mise en œuvre)", "accompagnement"),
]
PLAN_PREMIERE = _D["plan"]["lignes"]["premiere"]
assert PLAN_PREMIERE == PLAN_ENTETE + 1
LIGNE_PLAN = {cle: PLAN_PREMIERE + i for i, (cle, _, _) in enumerate(LIGNES)}
PLAN_TOTAL = PLAN_PREMIERE + len(LIGNES)
# Plan columns (one per entry of the map, in its order; the total row must stay above the rows
# the verify command reads).
PLAN_COLONNES = "".join(_D["plan"]["colonnes"].values())
assert [colonne_index(c) for c in PLAN_COLONNES] == list(range(len(PLAN_COLONNES))), PLAN_COLONNES
P_LIGNE, P_PHASE, P_PRESTA, P_HT, P_TVA, P_PART, P_TTC, P_HTR, P_AIDE, P_ADEME, P_REGION, P_AUTRES, \
    P_AUTOF, P_PART_AUTOF, P_INVEST, P_CONTROLE, P_STATUT = PLAN_COLONNES
assert PLAN_TOTAL < _D["plan"]["lignes"]["fin_lue"]

# « Versements »: section 1 (per line) and section 2 (per funder).
V1_ENTETE = 7
V1_PREMIERE = V1_ENTETE + 1
LIGNE_V1 = {cle: V1_PREMIERE + i for i, (cle, _, _) in enumerate(LIGNES)}
V1_TOTAL = V1_PREMIERE + len(LIGNES)
V2_ENTETE = V1_TOTAL + 3
V2_PREMIERE = V2_ENTETE + 1
FINANCEURS = ["ADEME", "Région"]
LIGNE_V2 = {(cle, f): V2_PREMIERE + 2 * i + j for i, (cle, _, _) in enumerate(LIGNES) for j, f in enumerate(FINANCEURS)}
V2_TOTAL = V2_PREMIERE + 2 * len(LIGNES)

# ---------------------------------------------------------------------------------------- example ---
EXEMPLE = {
    "collectivite": "Communauté d'agglomération du Val d'Orbieu (fictive)",
    "lignes": {
        # HT, VAT rate (None = parameter), recoverable share, other public aids, provider
        "diagnostic": {"presta": "Bureau d'études Cèdre (fictif)", "ht": 38000, "part": 0, "autres": None},
        "accompagnement": {"presta": "Cabinet Aster (fictif)", "ht": 95000, "part": 1, "autres": 8000},
    },
    # actual HTR spend, advance and instalments per funder
    "reel": {"diagnostic": 44400, "accompagnement": 95000},
    "versements": {
        ("diagnostic", "ADEME"): (4788, None), ("diagnostic", "Région"): (4788, None),
        ("accompagnement", "ADEME"): (9975, 10000), ("accompagnement", "Région"): (9975, 10000),
    },
}

# Colours
ROUGE = "#c9211e"
ORANGE_ENTETE = "#ffe699"


def ref(feuille, c, l, c2=None, l2=None):
    """Absolute reference on another sheet (feuille) or the same sheet (None)."""
    return plage(feuille, c, l, c2, l2)


class Classeur:
    def __init__(self, exemple):
        self.exemple = exemple
        self.st = Styles()
        self.val = Validations()
        self.feuilles = []   # (name, xml)
        self.noms = []       # named ranges (name, sheet, col, row)
        st = self.st
        # Common cell styles
        self.s_titre = st.cellule(gras=True, taille=16, couleur=VERT_FONCE)
        self.s_intro = st.cellule(retour=True, italique=True, couleur="#404040", valign="top")
        self.s_entete = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, halign="center",
                                   bordure=BORDURE)
        self.s_entete_saisie = st.cellule(gras=True, fond=ORANGE_ENTETE, retour=True, halign="center",
                                          bordure=BORDURE)
        self.s_entete_calc = st.cellule(gras=True, fond=GRIS_ENTETE, retour=True, halign="center", bordure=BORDURE)
        self.s_section = st.cellule(gras=True, taille=12, couleur="#ffffff", fond=VERT_FONCE, retrait=0.1)
        self.s_lib = st.cellule(retour=True, bordure=BORDURE, gras=True)
        self.s_lib_n = st.cellule(retour=True, bordure=BORDURE)
        self.s_cle = st.cellule(couleur="#8c8c8c", taille=8, bordure=BORDURE)
        self.s_in_txt = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, retour=True, halign="start")
        self.s_in_eur = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, format="Neuro")
        self.s_in_pct = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, format="Npct")
        self.s_in_liste = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, halign="center")
        self.s_eur = st.cellule(fond=GRIS_CALCUL, bordure=BORDURE, format="Neuro")
        self.s_eur_gras = st.cellule(fond=VERT_CLAIR, bordure=BORDURE, format="Neuro", gras=True)
        self.s_pct = st.cellule(fond=GRIS_CALCUL, bordure=BORDURE, format="Npct", halign="end")
        self.s_txt_calc = st.cellule(fond=GRIS_CALCUL, bordure=BORDURE, retour=True, valign="top", taille=9)
        self.s_statut = st.cellule(fond=GRIS_CALCUL, bordure=BORDURE, gras=True, halign="center")
        self.s_total_lib = st.cellule(gras=True, fond=VERT_MOYEN, bordure=BORDURE)
        self.s_total_eur = st.cellule(gras=True, fond=VERT_MOYEN, bordure=BORDURE, format="Neuro")
        self.s_total_pct = st.cellule(gras=True, fond=VERT_MOYEN, bordure=BORDURE, format="Npct", halign="end")
        self.s_total_txt = st.cellule(gras=True, fond=VERT_MOYEN, bordure=BORDURE, retour=True, taille=9)
        self.s_total_statut = st.cellule(gras=True, fond=VERT_MOYEN, bordure=BORDURE, halign="center")
        self.s_note = st.cellule(retour=True, italique=True, couleur="#595959", taille=9, valign="top")

    # ------------------------------------------------------------------------------------------
    def construire(self):
        self.feuille_mode_emploi()
        self.feuille_parametres()
        self.feuille_plan()
        self.feuille_versements()

    @staticmethod
    def _table(nom, style, contenu, colonnes, impression, protegee=True):
        prot = ' table:protected="true"' if protegee else ""
        return (f'<table:table table:name="{escape(nom)}" table:style-name="{style}"{prot} '
                f'table:print-ranges="{escape(impression)}">'
                + (protection_feuille() if protegee else "") + colonnes + contenu + "</table:table>")

    def _colonnes(self, largeurs):
        return "".join(f'<table:table-column table:style-name="{self.st.colonne(w)}" '
                       f'table:default-cell-style-name="Default"/>' for w in largeurs)

    # Mode d'emploi ------------------------------------------------------------------------------
    def feuille_mode_emploi(self):
        st = self.st
        s_titre = st.cellule(gras=True, taille=16, couleur=VERT_FONCE, valign="middle")
        s_section = st.cellule(gras=True, taille=12, couleur="#ffffff", fond=VERT_FONCE, valign="middle",
                               retrait=0.1)
        s_texte = st.cellule(retour=True, valign="top")
        s_petit = st.cellule(retour=True, valign="top", italique=True, couleur="#595959", taille=9)
        d, a = LIGNE_PLAN["diagnostic"], LIGNE_PLAN["accompagnement"]
        blocs = [
            ("titre", "Plan de financement de l'aide ADEME / Région Occitanie — mode d'emploi"),
            ("petit", "Appel à engagement ADEME et Région Occitanie : programme de management et de labellisation "
                      "des politiques territoriales en faveur de l'économie circulaire. Les calculs sont faits par "
                      "les fonctions AIDE de l'extension « Économie circulaire » pour LibreOffice Calc : sans "
                      "l'extension, les cellules calculées affichent #NOM? (#NAME?)."),
            ("section", "À quoi sert ce classeur"),
            ("texte", "Il sert aux services financiers (ADEME, Région, collectivité) à calculer et à contrôler l'aide "
                      "accordée à un territoire retenu par l'appel : assiette HTR de chaque prestation, montant de "
                      "l'aide, répartition entre l'ADEME et la Région, autofinancement, puis, en fin d'opération, "
                      "l'aide due sur la dépense réelle et le solde à verser ou à reverser pour chaque financeur."),
            ("section", "Comment le remplir"),
            ("texte", f"1. Feuille « {F_PARAM} » : vérifiez les paramètres (taux d'aide, lecture du plafond, taux "
                      "de TVA, part de l'ADEME, règle du solde, FCTVA). Chacun est accompagné de la question "
                      "ouverte qu'il tranche et de sa valeur par défaut. Les cellules portent un nom (TauxAide, "
                      "PlafondSur, TauxTVA, PartAdeme, RegleSolde…) utilisé dans les formules."),
            ("texte", f"2. Feuille « {F_PLAN} » : saisissez le nom de la collectivité (B2) puis, pour la ligne "
                      f"Diagnostic (ligne {d}) et la ligne Accompagnement (ligne {a}) : le prestataire, le montant "
                      "HT, le taux de TVA (repris des paramètres, modifiable), la part de TVA que la collectivité "
                      "récupère (0 = aucune, l'assiette est le TTC ; 1 = toute, l'assiette est le HT), les autres "
                      "aides publiques sur la même prestation et, s'il s'agit d'une opération d'investissement, "
                      "OUI dans la colonne Investissement. Une ligne sans montant HT est ignorée."),
            ("texte", "3. Lisez le contrôle (colonne P) : « OK » ou, en toutes lettres, chaque constat (taux "
                      "dépassé, plafond dépassé, surfinancement, autofinancement insuffisant, lectures du plafond "
                      "divergentes). Le statut (colonne Q) vaut « OK » quand le contrôle est OK ou ne contient "
                      "qu'une information, « À revoir » sinon. Le menu Économie circulaire ▸ Vérifier le plan de "
                      "financement surligne les lignes à revoir et en donne la liste."),
            ("texte", f"4. Feuille « {F_VERS} » : en fin d'opération, saisissez la dépense HTR réellement "
                      "justifiée de chaque ligne, puis pour chaque financeur l'avance et les acomptes déjà versés. "
                      "Le classeur calcule l'aide due et le solde (négatif = somme à reverser)."),
            ("texte", "Seules les cellules de saisie (fond jaune pâle) sont modifiables ; les autres sont protégées "
                      "contre les erreurs de manipulation (Outils ▸ Protéger la feuille, sans mot de passe, pour "
                      "lever la protection)."),
            ("section", "Règles de calcul"),
            ("texte", "Assiette HTR (hors taxes récupérables) = HT + TVA × (1 − part de TVA récupérable). Une "
                      "collectivité qui ne récupère pas la TVA d'une étude paie le TTC : part 0, assiette = TTC. Un "
                      "budget assujetti à la TVA la récupère : part 1, assiette = HT. Le FCTVA est une compensation "
                      "forfaitaire, pas une récupération de TVA (paramètre FCTVA, NON par défaut)."),
            ("texte", "Aide = 70 % de l'assiette HTR (taux cumulé ADEME + Région), dans la limite de 50 000 € pour "
                      "le diagnostic et de 100 000 € pour l'accompagnement (mise en œuvre). Par défaut le plafond "
                      "porte sur l'aide : min(70 % × assiette ; plafond) ; avec « assiette », 70 % × min(assiette ; "
                      "plafond). L'aide est arrondie au centime inférieur : l'arrondi ne fait jamais dépasser le "
                      "taux ni le plafond."),
            ("texte", "Répartition : l'aide est partagée entre l'ADEME (part ADEME des paramètres) et la Région. La "
                      "part ADEME est arrondie au centime inférieur, le centime restant va à la Région : les deux "
                      "parts font exactement l'aide."),
            ("texte", "Solde : l'aide attribuée est un maximum. En fin d'opération l'aide due est recalculée sur la "
                      "dépense HTR réelle, sans jamais dépasser l'aide attribuée : règle « prorata » (par défaut) "
                      "aide × min(1 ; réelle / prévue), ou règle « taux » 70 % × min(réelle ; prévue). Solde = aide "
                      "due − avance − acomptes ; un solde négatif est une somme à reverser. L'aide due de chaque "
                      "ligne est répartie entre l'ADEME et la Région comme l'aide attribuée."),
            ("texte", "Autofinancement (CGCT, art. L1111-10 III) : le maître d'ouvrage d'une opération "
                      "d'investissement en assure au moins 20 % du financement public total : part propre ≥ 20 % × "
                      "(part propre + aides publiques), soit des aides publiques au plus égales à 4 fois la part "
                      "propre. Les études sont en général des dépenses de fonctionnement : le contrôle donne alors "
                      "un avertissement, et une erreur seulement si la ligne est une opération d'investissement."),
            ("texte", "Surfinancement : le total des aides publiques (ADEME, Région et autres) ne peut pas dépasser le "
                      "coût HTR de la prestation."),
            ("section", "Fonctions utilisées"),
            ("texte", "AIDE.ASSIETTE(montant_ht; taux_tva; part_tva_recuperable) : assiette HTR. "
                      "AIDE.MONTANT(montant_ht; phase; taux_aide; taux_tva; part_tva_recuperable; plafond_sur) : "
                      "aide en euros. AIDE.PLAFOND(phase) : plafond de la phase. AIDE.REPARTITION(aide; part_ademe) : "
                      "part ADEME et part Région (formule matricielle sur deux cellules)."),
            ("texte", "AIDE.SOLDE(aide_attribuee; assiette_prevue; depense_reelle; deja_verse; regle) : solde en fin "
                      "d'opération (aide due quand deja_verse est vide). AIDE.AUTOFINANCEMENT(part_maitre_ouvrage; "
                      "financements_publics) : part d'autofinancement. AIDE.VERIFIER(montant_ht; phase; "
                      "aide_demandee; taux_tva; part_tva_recuperable; autres_aides_publiques; investissement) : « OK » "
                      "ou la liste des constats."),
            ("section", "Questions ouvertes"),
            ("texte", "L'appel laisse quatre points à trancher ; le classeur applique un choix par défaut, modifiable "
                      f"dans la feuille « {F_PARAM} » : 1. le plafond porte-t-il sur l'aide ou sur l'assiette ? "
                      "(aide) ; 2. les 70 % sont-ils le taux cumulé ADEME + Région, et comment se répartissent-ils ? "
                      "(cumulé, répartition en paramètre) ; 3. le FCTVA compte-t-il comme TVA récupérable ? (non) ; "
                      "4. quelle règle de solde quand l'assiette a été plafonnée ? (prorata)."),
            ("petit", "Ce classeur n'est pas un document officiel : en cas d'écart, la convention d'aide et les "
                      "décisions des financeurs font foi."),
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
        self.feuilles.append((F_MODE, self._table(
            F_MODE, "taMode", "".join(lignes), self._colonnes([18.5]),
            plage_graphique(F_MODE, "A", 1, "A", len(lignes)), protegee=False)))

    # Paramètres ---------------------------------------------------------------------------------
    def feuille_parametres(self):
        st, val = self.st, self.val
        s_val_pct = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, format="Npct", halign="end")
        s_val_eur = st.cellule(fond=GRIS_CALCUL, bordure=BORDURE, format="Neuro")
        s_val_txt = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, halign="center")
        s_nom = st.cellule(couleur="#404040", taille=9, bordure=BORDURE, police="Liberation Mono")
        s_defaut = st.cellule(retour=True, bordure=BORDURE)
        s_question = st.cellule(retour=True, bordure=BORDURE, valign="top", taille=9)
        base = lambda l: f"{F_PARAM}.B{l}"  # noqa: E731

        def taux(l, maxi, titre, aide):
            return val.ajouter(f"of:cell-content-is-decimal-number() and cell-content-is-between(0;{maxi})",
                               base(l), titre, aide, f"Saisir une fraction entre 0 et {maxi} (ex. 0,5 pour 50 %).",
                               liste=False)

        # name: (label, value cell, default text, question / origin, row height)
        L = LIGNE_PARAM
        definitions = {
            "TauxAide": (
                "Taux d'aide (ADEME + Région)",
                c_nombre(0.7, s_val_pct, taux(L["TauxAide"], 0.7, "Taux d'aide",
                                              "Taux cumulé ADEME + Région, au plus 70 % (0,70)."),
                         "percentage"),
                "0,70 (70 %)",
                "Question ouverte n° 2 : les 70 % sont-ils le taux cumulé ADEME + Région ? Par défaut oui : le taux "
                "s'applique à l'aide totale, partagée ensuite selon la part ADEME (plus bas). L'appel finance au "
                "plus 70 % : un taux supérieur est refusé par AIDE.MONTANT."),
            "PlafondDiagnostic": (
                "Plafond de l'aide — diagnostic",
                c_formule(f'{PLAFOND}("diagnostic")', s_val_eur),
                "50 000 €",
                "Fixé par l'appel (« dans la limite de 50 000 € ») et appliqué par AIDE.MONTANT ; valeur donnée par "
                "AIDE.PLAFOND, non modifiable ici."),
            "PlafondAccompagnement": (
                "Plafond de l'aide — accompagnement (mise en œuvre)",
                c_formule(f'{PLAFOND}("accompagnement")', s_val_eur),
                "100 000 €",
                "Fixé par l'appel (« dans la limite de 100 000 € ») et appliqué par AIDE.MONTANT ; valeur donnée par "
                "AIDE.PLAFOND, non modifiable ici."),
            "PlafondSur": (
                "Le plafond porte sur",
                c_texte("aide", s_val_txt, val.liste_valeurs(
                    ["aide", "assiette"], base(L["PlafondSur"]), "Lecture du plafond",
                    "aide : min(taux × assiette HTR ; plafond). assiette : taux × min(assiette HTR ; plafond).",
                    "Valeur attendue : aide ou assiette.")),
                "aide",
                "Question ouverte n° 1 : le plafond porte-t-il sur l'aide ou sur l'assiette ? L'appel dit « 70 % du "
                "montant HTR dans la limite de 50 000 € / 100 000 € » (plafond sur l'aide, défaut) ; la règle "
                "générique de l'ADEME pour ces études plafonne l'assiette. Les deux lectures divergent dès que "
                "70 % de l'assiette dépasse le plafond (HTR 72 000 € en diagnostic : 50 000 € ou 35 000 €) ; "
                "AIDE.VERIFIER le signale par une ligne « Information »."),
            "TauxTVA": (
                "Taux de TVA (valeur proposée pour chaque ligne du plan)",
                c_nombre(0.2, s_val_pct, taux(L["TauxTVA"], 1, "Taux de TVA",
                                              "Taux de TVA en fraction : 0,2 pour 20 %."), "percentage"),
                "0,20 (20 %)",
                "Taux normal. Chaque ligne du plan peut avoir son propre taux (colonne E de la feuille Plan)."),
            "PartAdeme": (
                "Part de l'ADEME dans l'aide",
                c_nombre(0.5, s_val_pct, taux(L["PartAdeme"], 1, "Part ADEME",
                                              "Part de l'aide payée par l'ADEME, de 0 à 1 ; le reste va à la "
                                              "Région."), "percentage"),
                "0,50 (50 %)",
                "Question ouverte n° 2 : comment les 70 % se répartissent-ils entre l'ADEME et la Région ? Paramètre "
                "à fixer par les financeurs (par défaut à parts égales). La part ADEME est arrondie au centime "
                "inférieur, le centime restant va à la Région."),
            "RegleSolde": (
                "Règle du solde",
                c_texte("prorata", s_val_txt, val.liste_valeurs(
                    ["prorata", "taux"], base(L["RegleSolde"]), "Règle du solde",
                    "prorata : aide × min(1 ; réelle / prévue). taux : 70 % × min(réelle ; prévue), dans la limite "
                    "de l'aide attribuée.", "Valeur attendue : prorata ou taux.")),
                "prorata",
                "Question ouverte n° 4 : quelle règle de solde quand l'assiette a été plafonnée ? « prorata » réduit "
                "l'aide en proportion de la dépense réelle (défaut) ; « taux » recalcule 70 % de la dépense "
                "réelle dans la limite de l'aide attribuée (plus favorable quand l'aide a été plafonnée)."),
            "FctvaRecuperable": (
                "FCTVA traité comme TVA récupérable",
                c_texte("NON", s_val_txt, val.liste_valeurs(
                    ["OUI", "NON"], base(L["FctvaRecuperable"]), "FCTVA",
                    "NON : le FCTVA n'entre pas dans la part de TVA récupérable (défaut). OUI : inclure le FCTVA "
                    "perçu dans la part de TVA récupérable saisie pour chaque ligne.", "Valeur attendue : OUI ou NON.")),
                "NON",
                "Question ouverte n° 3 : le FCTVA compte-t-il comme TVA récupérable ? Le FCTVA est une compensation "
                "forfaitaire, pas une récupération de TVA, et les études imputées en fonctionnement n'y ouvrent en "
                "général pas droit : par défaut NON, la part de TVA récupérable de chaque ligne ne le compte pas "
                "(assiette = TTC sans récupération). Avec OUI, l'inclure dans la part saisie (feuille Plan, "
                "colonne F)."),
        }
        lignes = [
            ligne([c_texte("Paramètres du calcul de l'aide", self.s_titre)], st.ligne(1.0, False)),
            ligne([c_texte("Les cellules jaunes de la colonne B sont les paramètres utilisés par les formules des "
                           "feuilles Plan et Versements (sous le nom de la colonne C). Chacun répond à une question "
                           "que l'appel laisse ouverte : la valeur par défaut est la lecture retenue par le projet, "
                           "à confirmer par le comité des financeurs.", self.s_intro, fusion=(5, 1)),
                   c_couverte(4)], st.ligne(1.2, False)),
            ligne([c_vide()], st.ligne(0.3, False)),
            ligne([c_texte(t, self.s_entete) for t in ("Paramètre", "Valeur", "Nom de la cellule",
                                                       "Valeur par défaut", "Question ouverte / origine")],
                  st.ligne(0.8, False)),
        ]
        for nom in PARAMETRES:
            libelle, cellule, defaut, question = definitions[nom]
            self.noms.append((nom, F_PARAM, "B", LIGNE_PARAM[nom]))
            h = max(1.0, hauteur_texte(question, 80, 0.42), hauteur_texte(libelle, 24, 0.45))
            lignes.append(ligne([c_texte(libelle, self.s_lib), cellule, c_texte(nom, s_nom),
                                 c_texte(defaut, s_defaut), c_texte(question, s_question)], st.ligne(h, False)))
        fin = LIGNE_PARAM[PARAMETRES[-1]]
        lignes.append(ligne([c_vide()], st.ligne(0.3, False)))
        lignes.append(ligne([c_texte(
            "Les plafonds sont ceux de l'appel, appliqués par les fonctions AIDE (AIDE.PLAFOND) ; le taux d'aide ne "
            "peut pas dépasser 70 %. Pour revenir aux valeurs par défaut, ressaisir la colonne D.",
            self.s_note, fusion=(5, 1)), c_couverte(4)], st.ligne(0.8, False)))
        self.feuilles.append((F_PARAM, self._table(
            F_PARAM, "taParam", "".join(lignes), self._colonnes([6.0, 3.0, 4.4, 3.0, 14.0]),
            plage_graphique(F_PARAM, "A", 1, "E", fin + 2))))

    # Plan ---------------------------------------------------------------------------------------
    def feuille_plan(self):
        st, val = self.st, self.val
        ex = EXEMPLE if self.exemple else None
        base = lambda c, l: f"{F_PLAN}.{c}{l}"  # noqa: E731
        s_coll = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, gras=True, taille=12, halign="start")
        s_coll_lib = st.cellule(gras=True, taille=12, halign="end")

        entetes = [
            (P_LIGNE, "Ligne", "calc"), (P_PHASE, "Phase (argument)", "calc"),
            (P_PRESTA, "Prestataire", "saisie"), (P_HT, "Montant HT", "saisie"),
            (P_TVA, "Taux de TVA", "saisie"), (P_PART, "Part de TVA récupérable (0 à 1)", "saisie"),
            (P_TTC, "Montant TTC", "calc"), (P_HTR, "Assiette HTR\nAIDE.ASSIETTE", "calc"),
            (P_AIDE, "Aide ADEME + Région\nAIDE.MONTANT", "calc"),
            (P_ADEME, "Part ADEME\nAIDE.REPARTITION", "calc"), (P_REGION, "Part Région", "calc"),
            (P_AUTRES, "Autres aides publiques", "saisie"),
            (P_AUTOF, "Autofinancement (montant)", "calc"),
            (P_PART_AUTOF, "Part d'autofinancement\nAIDE.AUTOFINANCEMENT", "calc"),
            (P_INVEST, "Investissement ? (OUI / NON)", "saisie"),
            (P_CONTROLE, "Contrôle\nAIDE.VERIFIER", "calc"), (P_STATUT, "Statut", "calc"),
        ]
        lignes = [
            ligne([c_texte("Plan de financement — aide ADEME / Région Occitanie", self.s_titre, fusion=(8, 1)),
                   c_couverte(7)], st.ligne(1.0, False)),
            ligne([c_texte("Collectivité :", s_coll_lib),
                   c_texte(ex["collectivite"] if ex else "", s_coll, fusion=(6, 1)), c_couverte(5)],
                  st.ligne(0.75, False)),
            ligne([c_texte("Une ligne par prestation aidée. Saisir les cellules jaunes ; les autres sont calculées "
                           "par les fonctions AIDE avec les paramètres de la feuille Paramètres (taux d'aide, "
                           "plafond sur l'aide ou l'assiette, taux de TVA, part ADEME). Montants en euros ; taux et "
                           "parts en fractions (0,2 = 20 %). Une ligne sans montant HT est ignorée.",
                           self.s_intro, fusion=(17, 1)), c_couverte(16)], st.ligne(0.9, False)),
            ligne([c_vide()], st.ligne(0.3, False)),
            ligne([c_vide(), c_vide(),
                   c_texte("Prestation", self.s_entete, fusion=(4, 1)), c_couverte(3),
                   c_texte("Assiette et aide", self.s_entete, fusion=(5, 1)), c_couverte(4),
                   c_texte("Plan de financement", self.s_entete, fusion=(4, 1)), c_couverte(3),
                   c_texte("Contrôles", self.s_entete, fusion=(2, 1)), c_couverte(1)], st.ligne(0.6, False)),
        ]
        cel = []
        for _, titre, genre in entetes:
            cel.append(c_texte(titre, self.s_entete_saisie if genre == "saisie" else self.s_entete_calc))
        lignes.append(ligne(cel, st.ligne(2.2, False)))
        assert len(lignes) == PLAN_ENTETE

        v_ht = lambda l: val.ajouter(  # noqa: E731
            "of:cell-content-is-decimal-number() and cell-content()>=0", base(P_HT, l), "Montant HT",
            "Montant hors taxes de la prestation, en euros.", "Saisir un montant positif en euros.", liste=False)
        v_frac = lambda c, l, titre, aide: val.ajouter(  # noqa: E731
            "of:cell-content-is-decimal-number() and cell-content-is-between(0;1)", base(c, l), titre, aide,
            "Saisir une fraction entre 0 et 1 (ex. 0,2 pour 20 %).", liste=False)
        v_autres = lambda l: val.ajouter(  # noqa: E731
            "of:cell-content-is-decimal-number() and cell-content()>=0", base(P_AUTRES, l), "Autres aides publiques",
            "Total des autres aides publiques sur la même prestation (État, Département, Europe…), en euros.",
            "Saisir un montant positif en euros.", liste=False)
        v_invest = lambda l: val.liste_valeurs(  # noqa: E731
            ["OUI", "NON"], base(P_INVEST, l), "Investissement",
            "OUI pour une opération d'investissement : l'autofinancement de 20 % (CGCT L1111-10) est alors "
            "obligatoire. NON (défaut) : simple avertissement.", "Valeur attendue : OUI ou NON.")

        for cle, libelle, phase in LIGNES:
            r = LIGNE_PLAN[cle]
            e = ex["lignes"][cle] if ex else None
            c = lambda col: plage(None, col, r)  # noqa: E731
            vide = f'{c(P_HT)}=""'
            cel = [c_texte(libelle, self.s_lib), c_texte(phase, self.s_cle),
                   c_texte(e["presta"] if e else "", self.s_in_txt),
                   c_nombre(e["ht"], self.s_in_eur, v_ht(r), "currency") if e else c_vide(self.s_in_eur, v_ht(r)),
                   c_formule("TauxTVA", self.s_in_pct, validation=v_frac(
                       P_TVA, r, "Taux de TVA", "Taux de TVA de la prestation (par défaut celui des paramètres).")),
                   c_nombre(e["part"] if e else 0, self.s_in_pct, v_frac(
                       P_PART, r, "Part de TVA récupérable",
                       "0 : la collectivité ne récupère pas la TVA (assiette = TTC). 1 : elle la récupère en "
                       "totalité (assiette = HT). Le FCTVA n'est pas une récupération (paramètre FCTVA)."),
                       "percentage"),
                   c_formule(f'IF({vide};"";ROUND({c(P_HT)}*(1+{c(P_TVA)});2))', self.s_eur),
                   c_formule(f'IF({vide};"";{ASSIETTE}({c(P_HT)};{c(P_TVA)};{c(P_PART)}))', self.s_eur),
                   c_formule(f'IF({vide};"";{MONTANT}({c(P_HT)};{c(P_PHASE)};TauxAide;{c(P_TVA)};{c(P_PART)};'
                             f'PlafondSur))', self.s_eur_gras),
                   c_formule(f'IF({vide};"";{REPARTITION}({c(P_AIDE)};PartAdeme))', self.s_eur, matrice=(2, 1)),
                   c_vide(self.s_eur),
                   (c_nombre(e["autres"], self.s_in_eur, v_autres(r), "currency") if e and e["autres"] is not None
                    else c_vide(self.s_in_eur, v_autres(r))),
                   c_formule(f'IF({vide};"";{c(P_HTR)}-{c(P_AIDE)}-N({c(P_AUTRES)}))', self.s_eur),
                   c_formule(f'IF({vide};"";IF({c(P_AUTOF)}<0;"surfinancé";'
                             f'{AUTOFINANCEMENT}({c(P_AUTOF)};{plage(None, P_ADEME, r, P_AUTRES, r)})))', self.s_pct),
                   c_texte("NON", self.s_in_liste, v_invest(r)),
                   c_formule(f'IF({vide};"";{VERIFIER}({c(P_HT)};{c(P_PHASE)};{c(P_AIDE)};{c(P_TVA)};{c(P_PART)};'
                             f'{c(P_AUTRES)};{c(P_INVEST)}))', self.s_txt_calc),
                   c_formule(f'IF({vide};"";IFERROR(IF(OR({c(P_CONTROLE)}="OK";LEFT({c(P_CONTROLE)};11)='
                             f'"Information");"OK";{chaine(A_REVOIR)});{chaine(A_REVOIR)}))', self.s_statut)]
            lignes.append(ligne(cel, st.ligne(1.6, False)))

        t = PLAN_TOTAL
        p1, p2 = PLAN_PREMIERE, PLAN_TOTAL - 1
        somme = lambda col: c_formule(f"SUM({plage(None, col, p1, col, p2)})", self.s_total_eur)  # noqa: E731
        statuts = plage(None, P_STATUT, p1, P_STATUT, p2)
        cel = [c_texte("Total", self.s_total_lib), c_vide(self.s_total_lib), c_vide(self.s_total_lib),
               somme(P_HT), c_vide(self.s_total_lib), c_vide(self.s_total_lib)]
        cel += [somme(col) for col in (P_TTC, P_HTR, P_AIDE, P_ADEME, P_REGION, P_AUTRES, P_AUTOF)]
        cel += [c_formule(f'IF(COUNT({plage(None, P_HT, p1, P_HT, p2)})=0;"";IFERROR({AUTOFINANCEMENT}('
                          f'{plage(None, P_AUTOF, t)};{plage(None, P_ADEME, t, P_AUTRES, t)});"surfinancé"))',
                          self.s_total_pct),
                c_vide(self.s_total_lib),
                c_formule(f'IF(COUNTIF({statuts};{chaine(A_REVOIR)})>0;COUNTIF({statuts};{chaine(A_REVOIR)})&'
                          f'" ligne(s) à revoir";IF(COUNTIF({statuts};"OK")>0;"Toutes les lignes saisies sont '
                          f'conformes.";"Aucune ligne saisie."))', self.s_total_txt),
                c_formule(f'IF(COUNTIF({statuts};{chaine(A_REVOIR)})>0;{chaine(A_REVOIR)};'
                          f'IF(COUNTIF({statuts};"OK")>0;"OK";""))', self.s_total_statut)]
        lignes.append(ligne(cel, st.ligne(0.8, False)))

        notes = [
            "Fond jaune : cellules de saisie. Le taux de TVA de chaque ligne reprend par défaut celui des "
            "paramètres (formule =TauxTVA, que l'on peut remplacer par un autre taux).",
            "Part de TVA récupérable : 0 si la collectivité ne récupère pas la TVA (l'assiette est le TTC), 1 si elle "
            "la récupère entièrement (budget assujetti : l'assiette est le HT). Le FCTVA n'en fait pas partie, sauf "
            "choix contraire dans les paramètres (question ouverte n° 3).",
            "Part d'autofinancement = part propre / (part propre + aides publiques) ; au moins 20 % pour une "
            "opération d'investissement (CGCT, art. L1111-10 III). Statut « OK » : contrôle OK ou simple "
            "information ; « À revoir » : au moins un constat (taux, plafond, surfinancement, autofinancement).",
        ]
        lignes.append(ligne([c_vide()], st.ligne(0.3, False)))
        for n in notes:
            lignes.append(ligne([c_texte(n, self.s_note, fusion=(17, 1)), c_couverte(16)], st.ligne(0.75, False)))
        largeurs = [4.0, 2.9, 4.2, 2.7, 1.8, 2.2, 2.7, 2.7, 3.0, 3.0, 2.7, 2.7, 2.7, 3.2, 2.3, 8.5, 2.0]
        self.noms.append(("Collectivite", F_PLAN, "B", 2))
        self.feuilles.append((F_PLAN, self._table(
            F_PLAN, "taPlan", "".join(lignes), self._colonnes(largeurs),
            plage_graphique(F_PLAN, "A", 1, P_STATUT, PLAN_TOTAL + 1 + len(notes)))))

    # Versements ---------------------------------------------------------------------------------
    def feuille_versements(self):
        st, val = self.st, self.val
        ex = EXEMPLE if self.exemple else None
        base = lambda c, l: f"{F_VERS}.{c}{l}"  # noqa: E731
        s_coll = st.cellule(gras=True, taille=12)
        s_coll_lib = st.cellule(gras=True, taille=12, halign="end")
        s_sens = st.cellule(fond=GRIS_CALCUL, bordure=BORDURE, retour=True, halign="center")
        v_eur = lambda c, l, titre, aide: val.ajouter(  # noqa: E731
            "of:cell-content-is-decimal-number() and cell-content()>=0", base(c, l), titre, aide,
            "Saisir un montant positif en euros.", liste=False)

        def sens(cellule, garde=None):
            """Text of a solde: to pay, to pay back, settled ("" when garde / the cell is empty)."""
            garde = garde or f'{cellule}=""'
            return (f'IF({garde};"";IF({cellule}>0;"à verser";IF({cellule}<0;'
                    f'"à reverser";"soldé")))')

        lignes = [
            ligne([c_texte("Versements et solde de l'aide", self.s_titre, fusion=(6, 1)), c_couverte(5)],
                  st.ligne(1.0, False)),
            ligne([c_texte("Collectivité :", s_coll_lib),
                   c_formule(f'IF({plage(F_PLAN, "B", 2)}="";"";{plage(F_PLAN, "B", 2)})', s_coll, fusion=(5, 1)),
                   c_couverte(4)], st.ligne(0.75, False)),
            ligne([c_texte("En fin d'opération, saisir la dépense HTR réellement justifiée de chaque ligne "
                           "(section 1) et, pour chaque financeur, l'avance et les acomptes déjà versés (section 2). "
                           "L'aide due est recalculée sur la dépense réelle (AIDE.SOLDE, sans dépasser l'aide "
                           "attribuée) puis répartie entre l'ADEME et la Région (AIDE.REPARTITION). Un solde négatif "
                           "est une somme à reverser.", self.s_intro, fusion=(10, 1)), c_couverte(9)],
                  st.ligne(1.0, False)),
            ligne([c_texte("Règle du solde :", s_coll_lib), c_formule("RegleSolde", s_coll),
                   c_formule('IF(RegleSolde="taux";"70 % × min(dépense réelle ; assiette prévue), dans la limite de '
                             'l\'aide attribuée";"aide attribuée × min(1 ; dépense réelle / assiette prévue)")&'
                             '" (paramètre RegleSolde, question ouverte n° 4)"', self.s_intro, fusion=(8, 1)),
                   c_couverte(7)], st.ligne(0.6, False)),
            ligne([c_vide()], st.ligne(0.3, False)),
            ligne([c_texte("1. Aide due en fin d'opération, par ligne", self.s_section, fusion=(10, 1)),
                   c_couverte(9)], st.ligne(0.65, False)),
        ]
        titres1 = [("Ligne", "calc"), ("Aide attribuée (ADEME + Région)", "calc"), ("Assiette HTR prévue", "calc"),
                   ("Dépense HTR réelle (justifiée)", "saisie"), ("Aide due en fin d'opération\nAIDE.SOLDE", "calc"),
                   ("dont ADEME\nAIDE.REPARTITION", "calc"), ("dont Région", "calc"),
                   ("Déjà versé (avances et acomptes)", "calc"), ("Solde de la ligne\nAIDE.SOLDE", "calc"),
                   ("Sens", "calc")]
        lignes.append(ligne([c_texte(t, self.s_entete_saisie if g == "saisie" else self.s_entete_calc)
                             for t, g in titres1], st.ligne(1.3, False)))
        assert len(lignes) == V1_ENTETE
        for cle, libelle, _ in LIGNES:
            r, p = LIGNE_V1[cle], LIGNE_PLAN[cle]
            c = lambda col: plage(None, col, r)  # noqa: E731
            absent = f'{plage(F_PLAN, P_HT, p)}=""'
            sans_reel = f'OR({absent};{c("D")}="")'
            ra, rr = LIGNE_V2[(cle, "ADEME")], LIGNE_V2[(cle, "Région")]
            reel = ex["reel"][cle] if ex else None
            v = v_eur("D", r, "Dépense HTR réelle", "Dépense réellement justifiée, hors taxes récupérables "
                                                    "(même base que l'assiette du plan), en euros.")
            cel = [c_texte(libelle, self.s_lib),
                   c_formule(f'IF({absent};"";{plage(F_PLAN, P_AIDE, p)})', self.s_eur),
                   c_formule(f'IF({absent};"";{plage(F_PLAN, P_HTR, p)})', self.s_eur),
                   c_nombre(reel, self.s_in_eur, v, "currency") if reel is not None else c_vide(self.s_in_eur, v),
                   c_formule(f'IF({sans_reel};"";{SOLDE}({c("B")};{c("C")};{c("D")};;RegleSolde))', self.s_eur_gras),
                   c_formule(f'IF({c("E")}="";"";{REPARTITION}({c("E")};PartAdeme))', self.s_eur, matrice=(2, 1)),
                   c_vide(self.s_eur),
                   c_formule(f'IF({absent};"";{plage(None, "F", ra)}+{plage(None, "F", rr)})', self.s_eur),
                   c_formule(f'IF({sans_reel};"";{SOLDE}({c("B")};{c("C")};{c("D")};{c("H")};RegleSolde))',
                             self.s_eur_gras),
                   c_formule(sens(c("I")), s_sens)]
            lignes.append(ligne(cel, st.ligne(0.8, False)))
        p1, p2 = V1_PREMIERE, V1_TOTAL - 1
        somme = lambda col, a, b: c_formule(f"SUM({plage(None, col, a, col, b)})", self.s_total_eur)  # noqa: E731
        lignes.append(ligne([c_texte("Total", self.s_total_lib)] + [somme(col, p1, p2) for col in "BCDEFGHI"]
                            + [c_formule(sens(plage(None, "I", V1_TOTAL),
                                              f'COUNT({plage(None, "I", p1, "I", p2)})=0'),
                                         self.s_total_statut)], st.ligne(0.7, False)))
        lignes.append(ligne([c_vide()], st.ligne(0.3, False)))
        lignes.append(ligne([c_texte("2. Versements par financeur", self.s_section, fusion=(10, 1)), c_couverte(9)],
                            st.ligne(0.65, False)))
        titres2 = [("Ligne", "calc"), ("Financeur", "calc"), ("Aide attribuée", "calc"), ("Avance versée", "saisie"),
                   ("Acomptes versés", "saisie"), ("Total versé", "calc"), ("Aide due en fin d'opération", "calc"),
                   ("Solde (négatif = à reverser)", "calc"), ("Sens", "calc")]
        lignes.append(ligne([c_texte(t, self.s_entete_saisie if g == "saisie" else self.s_entete_calc)
                             for t, g in titres2], st.ligne(1.1, False)))
        assert len(lignes) == V2_ENTETE
        for cle, libelle, _ in LIGNES:
            p, r1 = LIGNE_PLAN[cle], LIGNE_V1[cle]
            absent = f'{plage(F_PLAN, P_HT, p)}=""'
            for j, fin in enumerate(FINANCEURS):
                r = LIGNE_V2[(cle, fin)]
                c = lambda col: plage(None, col, r)  # noqa: E731
                col_plan = P_ADEME if fin == "ADEME" else P_REGION
                col_due = "F" if fin == "ADEME" else "G"
                avance, acomptes = ex["versements"][(cle, fin)] if ex else (None, None)
                va = v_eur("D", r, "Avance versée", "Avance versée par ce financeur, en euros.")
                vc = v_eur("E", r, "Acomptes versés", "Total des acomptes déjà versés par ce financeur, en euros.")
                cel = [c_texte(libelle if j == 0 else "", self.s_lib), c_texte(fin, self.s_lib_n),
                       c_formule(f'IF({absent};"";{plage(F_PLAN, col_plan, p)})', self.s_eur),
                       c_nombre(avance, self.s_in_eur, va, "currency") if avance is not None
                       else c_vide(self.s_in_eur, va),
                       c_nombre(acomptes, self.s_in_eur, vc, "currency") if acomptes is not None
                       else c_vide(self.s_in_eur, vc),
                       c_formule(f'IF({absent};"";SUM({plage(None, "D", r, "E", r)}))', self.s_eur),
                       c_formule(f'IF({plage(None, col_due, r1)}="";"";{plage(None, col_due, r1)})', self.s_eur),
                       c_formule(f'IF({c("G")}="";"";{c("G")}-{c("F")})', self.s_eur_gras),
                       c_formule(sens(c("H")), s_sens)]
                lignes.append(ligne(cel, st.ligne(0.6, False)))
        a, b = V2_PREMIERE, V2_TOTAL - 1
        lignes.append(ligne([c_texte("Total", self.s_total_lib), c_vide(self.s_total_lib)]
                            + [somme(col, a, b) for col in "CDEFGH"]
                            + [c_formule(sens(plage(None, "H", V2_TOTAL), f'COUNT({plage(None, "H", a, "H", b)})=0'),
                                         self.s_total_statut)], st.ligne(0.7, False)))
        lignes.append(ligne([c_vide()], st.ligne(0.3, False)))
        lignes.append(ligne([c_texte(
            "Le solde de chaque ligne (section 1, AIDE.SOLDE avec le total déjà versé) est égal à la somme des soldes "
            "de ses deux financeurs (section 2) : l'aide due est répartie au centime près, le centime restant allant "
            "à la Région.", self.s_note, fusion=(10, 1)), c_couverte(9)], st.ligne(0.75, False)))
        self.feuilles.append((F_VERS, self._table(
            F_VERS, "taVers", "".join(lignes),
            self._colonnes([4.6, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 2.6]),
            plage_graphique(F_VERS, "A", 1, "J", V2_TOTAL + 2))))

    # Package ------------------------------------------------------------------------------------
    def content_xml(self):
        auto = (FORMATS_NOMBRE + FORMATS_EUROS
                + style_table("taMode", "Default", "#7f7f7f") + style_table("taParam", "Paysage", "#ffc000")
                + style_table("taPlan", "Paysage", VERT_FONCE) + style_table("taVers", "Paysage", VERT_MOYEN)
                + self.st.xml())
        return contenu_xml(auto, "".join(x for _, x in self.feuilles), self.val.xml(),
                           plages_nommees_xml(self.noms))

    def settings_xml(self):
        return reglages_xml([nom for nom, _ in self.feuilles], F_PLAN if self.exemple else F_MODE,
                            {F_PLAN: reglages_feuille_simple(2, 1)})

    def ecrire(self, sortie):
        self.construire()
        titre = "Plan de financement — aide ADEME / Région Occitanie" + (" — exemple" if self.exemple else "")
        meta = meta_xml(GENERATEUR + " (extension Économie circulaire)", titre,
                        "Appel à engagement économie circulaire ADEME / Région Occitanie")
        ecrire_paquet(sortie, self.content_xml(), STYLES_XML, meta, self.settings_xml(), None, GENERATEUR)


_ENTETE = "Plan de financement — aide ADEME / Région Occitanie"
_PIED = "Appel à engagement économie circulaire ADEME / Région Occitanie"
STYLES_XML = styles_xml(
    mise_en_page("pmDefaut", False, 1, 0) + mise_en_page("pmPaysage", True, 1, 1),
    page_maitre("Default", "Par défaut", "pmDefaut", _ENTETE, _PIED)
    + page_maitre("Paysage", "Paysage", "pmPaysage", _ENTETE, _PIED))


def main(argv=None):
    p = argparse.ArgumentParser(description="Génère le classeur « Plan de financement » (aide ADEME / Région, .ods).")
    p.add_argument("--sortie", required=True, help="fichier .ods à écrire")
    p.add_argument("--exemple", action="store_true", help="remplir avec une collectivité fictive (exemple)")
    a = p.parse_args(argv)
    Classeur(a.exemple).ecrire(a.sortie)
    return 0


if __name__ == "__main__":
    sys.exit(main())
