#!/usr/bin/env python3
"""Generate the ECi autodiagnostic workbook (.ods) from the référentiel and the questions.

Standard library only: the OpenDocument package (a zip of XML parts) is written directly.

    generer_autodiagnostic.py --sortie OUT.ods [--exemple]

Without --exemple the blank template is written (no statuses, collectivité left blank except
defaults); with --exemple the workbook is filled with the fictitious collectivité and statuses of
spreadsheets/exemple/. The output is deterministic (no dates, fixed zip timestamps).

Sheets (all user-visible text is French):
  « Mode d'emploi »  how to fill the workbook, how scores are computed, sources.
  « Collectivité »   key / value table, the `contexte` range of the ECI functions (B4:C16).
  « Référentiel »    the platform export layout (A:K) + détaillé fractions (L:N) + « Statut affiché »
                     (O) + one ECI.EVALUER array formula (P7:W373) that scores every row at once.
  « Synthèse »       per-axe figures, total, étoiles, gap to the next star, ECI.VERIFIER, 2 charts.

The cells that the commands, tests and other tools read are in disposition.json (the map of every
workbook, README.md); this generator lays the sheets out there and checks that they land there.
"""

import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from disposition import DISPOSITION, colonne_index, ligne_colonne  # noqa: E402  (the map of the cells, disposition.json)
from ods import (  # noqa: E402  (shared ODS writer, spreadsheets/ods.py)
    fonction_addin,
    BORDURE, FORMATS_NOMBRE, GRIS_CALCUL, GRIS_ENTETE, JAUNE_SAISIE, NS_CHART, STYLE_GRAPHIQUE,
    VERT_CLAIR, VERT_FONCE, VERT_MOYEN, Styles, Validations, c_couverte, c_formule, c_nombre, c_texte,
    c_vide, chaine, col_lettre, contenu_xml, protection_feuille, ecrire_paquet, escape, hauteur_texte, ligne, meta_xml as
    _meta_xml, mise_en_page, page_maitre, plage, plage_graphique, reglages_feuille_figee,
    reglages_xml, style_nomme_cellule, style_table, styles_xml)

ICI = os.path.dirname(os.path.abspath(__file__))
RACINE = os.path.dirname(ICI)
REFERENTIEL_CSV = os.path.join(RACINE, "data", "referentiel-eci.csv")
QUESTIONS_CSV = os.path.join(RACINE, "data", "questions-eci.csv")
EXEMPLE_COLLECTIVITE = os.path.join(ICI, "exemple", "collectivite-exemple.csv")
EXEMPLE_STATUTS = os.path.join(ICI, "exemple", "statuts-exemple.csv")
# The platform's star table (étoile, min_realise_percentage, min_realise_score), also checked against
# the domain's thresholds (eci/score.hpp) by tests/unit/domaine/test_etoiles.cpp.
ETOILES_CSV = os.path.join(RACINE, "data", "labellisation", "etoiles-eci.csv")
AUTRES_CSV = os.path.join(RACINE, "data", "labellisation", "criteres-autres-eci.csv")
PREUVES_CSV = os.path.join(RACINE, "data", "labellisation", "preuves-eci.csv")

# Programmatic names of the add-in functions as stored in ODF (from addin/fonctions.json).
EVALUER = fonction_addin("ECI.EVALUER")
SCORE = fonction_addin("ECI.SCORE")
ETOILES = fonction_addin("ECI.ETOILES")
ECART = fonction_addin("ECI.ECART")
DESACTIVE = fonction_addin("ECI.DESACTIVE")
VERIFIER = fonction_addin("ECI.VERIFIER")
CRITERES = fonction_addin("ECI.CRITERES")
LABELLISATION = fonction_addin("ECI.LABELLISATION")
ETOILE_PLATEFORME = fonction_addin("ECI.ETOILE_PLATEFORME")
PREUVES = fonction_addin("ECI.PREUVES")
LIBELLE = fonction_addin("ECI.LIBELLE")
GAIN_LISTE = fonction_addin("ECI.GAIN_LISTE")
CHEMIN_TEXTE = fonction_addin("ECI.CHEMIN_TEXTE")
CHEMIN_LISTE = fonction_addin("ECI.CHEMIN_LISTE")
EVALUER_TOTAL = fonction_addin("ECI.EVALUER_TOTAL")

_D = DISPOSITION["autodiagnostic"]
F_COLLECTIVITE = _D["feuilles"]["collectivite"]
F_REFERENTIEL = _D["feuilles"]["referentiel"]
F_SYNTHESE = _D["feuilles"]["synthese"]
F_MODE = _D["feuilles"]["mode_emploi"]
F_LABEL = _D["feuilles"]["labellisation"]
LAB = _D["labellisation"]
F_ETAPES = _D["feuilles"]["prochaines_etapes"]
ETA = _D["prochaines_etapes"]
F_EVOLUTION = _D["feuilles"]["evolution"]
F_PRECEDENT = _D["feuilles"]["precedent"]
EVO = _D["evolution"]
PRE = _D["precedent"]

STATUTS = ["fait", "programmé", "pas fait", "non concerné", "détaillé", "non renseigné"]
PHASES = {"bases": "Base", "mise en œuvre": "mise en œuvre", "effets": "Effet"}
# Questions in the order of the example file (and of the brief).
ORDRE_QUESTIONS = ["dechets_1", "dechets_2", "dechets_3", "dev_eco_1", "formation", "REOM", "SPASER"]


def lire_seuils_etoiles():
    """{étoile: (seuil en %, texte du %)} from ETOILES_CSV: {1: (0.0, "0"), 2: (35.0, "35"), ...}."""
    with open(ETOILES_CSV, encoding="utf-8", newline="") as f:
        return {int(l["etoile"]): (float(l["min_realise_percentage"]), l["min_realise_percentage"])
                for l in csv.DictReader(f)}


_SEUILS = lire_seuils_etoiles()
SEUILS_ETOILES = {n: pct / 100 for n, (pct, _) in _SEUILS.items()}   # fractions, for the cells
_PCT = {n: texte for n, (_, texte) in _SEUILS.items()}               # as written in the texts
assert sorted(_SEUILS) == [1, 2, 3, 4, 5], _SEUILS

# --------------------------------------------------------------------------------------- layout ---
# disposition.json: « Référentiel » (row TOTAL, then one row per node), « Collectivité » (key / value rows).
REF_PREMIERE = _D["referentiel"]["lignes"]["premiere"]   # first node row of « Référentiel »
REF_TOTAL = _D["referentiel"]["lignes"]["total"]
REF_COL = _D["referentiel"]["colonnes"]
COL_PREMIERE = _D["collectivite"]["lignes"]["premiere"]  # first key/value row of « Collectivité »
COL_COL = _D["collectivite"]["colonnes"]
SYN = _D["synthese"]


# ---------------------------------------------------------------------------------------- data ---
def lire_referentiel():
    with open(REFERENTIEL_CSV, encoding="utf-8", newline="") as f:
        lignes = list(csv.DictReader(f))
    noeuds = [l for l in lignes if l["identifiant"]]

    def cle(i):
        return [int(x) for x in i.split(".")]

    ids = [n["identifiant"] for n in noeuds]
    if ids != sorted(ids, key=cle):
        noeuds.sort(key=lambda n: cle(n["identifiant"]))
    return noeuds


def lire_questions():
    with open(QUESTIONS_CSV, encoding="utf-8", newline="") as f:
        qs = {q["id"]: q for q in csv.DictReader(f)}
    ordre = [q for q in ORDRE_QUESTIONS if q in qs] + sorted(q for q in qs if q not in ORDRE_QUESTIONS)
    return [qs[q] for q in ordre]


def lire_exemple():
    with open(EXEMPLE_COLLECTIVITE, encoding="utf-8", newline="") as f:
        coll = {l["cle"]: l["valeur"] for l in csv.DictReader(f)}
    with open(EXEMPLE_STATUTS, encoding="utf-8", newline="") as f:
        statuts = {l["identifiant"]: l for l in csv.DictReader(f)}
    return coll, statuts


# Colours of the statuses
COULEUR_FAIT = "#2e9e44"
COULEUR_PROGRAMME = "#f0a030"
COULEUR_PAS_FAIT = "#d9453b"
COULEUR_NON_RENSEIGNE = "#b0b0b0"


# ------------------------------------------------------------------------------------ workbook ---
class Classeur:
    def __init__(self, exemple):
        self.exemple = exemple
        self.noeuds = lire_referentiel()
        self.questions = lire_questions()
        self.collectivite, self.statuts = lire_exemple() if exemple else ({}, {})
        self.st = Styles()
        self.val = Validations()
        self.feuilles = []      # (name, xml)
        self.reglages = {}      # sheet name -> dict of view settings
        self.graphiques = {}    # object dir -> content.xml

        # Row numbers
        self.ref_derniere = REF_PREMIERE + len(self.noeuds) - 1
        self.ligne_noeud = {n["identifiant"]: REF_PREMIERE + i for i, n in enumerate(self.noeuds)}
        self.axes = [n for n in self.noeuds if n["niveau"] == "axe"]
        # Collectivité rows: key -> row
        self.cles_collectivite = ["nom", "type", "soustype", "population", "drom", "departement"] + \
            [q["id"] for q in self.questions]
        self.ligne_cle = {k: COL_PREMIERE + i for i, k in enumerate(self.cles_collectivite)}
        self.col_derniere = COL_PREMIERE + len(self.cles_collectivite) - 1

    # Common formula arguments ------------------------------------------------------------------
    def arg_ids(self):
        return plage(F_REFERENTIEL, REF_COL["id"], REF_PREMIERE, REF_COL["id"], self.ref_derniere)

    def arg_statuts(self):
        return plage(F_REFERENTIEL, REF_COL["statut"], REF_PREMIERE, REF_COL["statut"], self.ref_derniere)

    def arg_details(self):
        return plage(F_REFERENTIEL, REF_COL["part_faite"], REF_PREMIERE, REF_COL["part_pas_faite"], self.ref_derniere)

    def arg_contexte(self):
        return plage(F_COLLECTIVITE, COL_COL["cle"], COL_PREMIERE, COL_COL["valeur"], self.col_derniere)

    def args_precedent(self):
        """The earlier autodiagnostic's inputs on « Précédent »: (ids;statuts, details;contexte)."""
        C, P, D = PRE["colonnes"], PRE["lignes"]["premiere"], self.ref_derniere
        (c0, l0), (c1, l1) = (ligne_colonne(x) for x in PRE["plages"]["contexte"].split(":"))
        return (f'{plage(F_PRECEDENT, C["id"], P, C["id"], D)};{plage(F_PRECEDENT, C["statut"], P, C["statut"], D)}',
                f'{plage(F_PRECEDENT, C["part_faite"], P, C["part_pas_faite"], D)};'
                f'{plage(F_PRECEDENT, c0, l0, c1, l1)}')

    def ref_nom(self):
        return plage(F_COLLECTIVITE, COL_COL["valeur"], self.ligne_cle["nom"])

    # ------------------------------------------------------------------------------------------
    def construire(self):
        self.feuille_mode_emploi()
        self.feuille_collectivite()
        self.feuille_referentiel()
        self.feuille_synthese()
        self.feuille_labellisation()
        self.feuille_prochaines_etapes()
        self.feuille_evolution()
        self.feuille_precedent()

    # Mode d'emploi ------------------------------------------------------------------------------
    def feuille_mode_emploi(self):
        st = self.st
        s_titre = st.cellule(gras=True, taille=16, couleur=VERT_FONCE, valign="middle")
        s_section = st.cellule(gras=True, taille=12, couleur="#ffffff", fond=VERT_FONCE, valign="middle",
                               retrait=0.1)
        s_texte = st.cellule(retour=True, valign="top")
        s_petit = st.cellule(retour=True, valign="top", italique=True, couleur="#595959", taille=9)
        n = len(self.noeuds)
        derniere = self.ref_derniere
        blocs = [
            ("titre", "Autodiagnostic économie circulaire — mode d'emploi"),
            ("petit", "Classeur généré à partir du référentiel Économie circulaire (ECi) de la plateforme "
                      "Territoire Engagé Transition Écologique. Les calculs sont faits par les fonctions ECI de "
                      "l'extension « Économie circulaire » pour LibreOffice Calc : sans l'extension, les cellules "
                      "calculées affichent #NOM? (#NAME?)."),
            ("section", "À quoi sert ce classeur"),
            ("texte", "Il permet à une collectivité de réaliser son autodiagnostic sur le référentiel Économie "
                      "circulaire hors de la plateforme : pour chaque tâche (ou sous-action) du référentiel, "
                      "on indique ce qui est fait, programmé ou pas fait. Le classeur calcule alors, exactement "
                      "comme la plateforme, le potentiel de la collectivité, les points réalisés et programmés, "
                      "le pourcentage réalisé par axe et pour l'ensemble, et le niveau de labellisation "
                      "(nombre d'étoiles) correspondant."),
            ("section", "Comment le remplir"),
            ("texte", f"1. Feuille « {F_COLLECTIVITE} » : renseignez la colonne C (Valeur) : nom, type "
                      "(commune ou EPCI), sous-type, population, DROM, puis les réponses OUI / NON aux "
                      "questions de personnalisation. Ces réponses désactivent ou réduisent certaines "
                      "actions : la colonne E indique les nœuds désactivés avec vos réponses. La colonne B "
                      "(Clé) est lue par les fonctions : ne la modifiez pas."),
            ("texte", f"2. Feuille « {F_REFERENTIEL} » : pour chaque tâche, choisissez un statut dans la "
                      "colonne J (liste déroulante) et, si vous le souhaitez, une explication en colonne K. "
                      "Vous pouvez aussi donner un statut à une sous-action entière : il remplace alors celui "
                      "de ses tâches. Les lignes sont regroupées par axe, action et sous-action : les boutons "
                      "[+] / [−] et les niveaux 1 à 4 à gauche des numéros de ligne permettent de replier "
                      "le tableau (niveau 2 = axes et actions)."),
            ("texte", "3. Statut « détaillé » : indiquez dans les colonnes L, M et N la part faite, programmée "
                      "et pas faite (fractions entre 0 et 1, ou pourcentages, dont la somme vaut 100 %). Sans "
                      "ces parts, la plateforme compte 50 % fait, 25 % programmé, 25 % pas fait."),
            ("texte", "4. Statut « non concerné » : la tâche ou la sous-action ne s'applique pas au territoire. "
                      "Ses points sont redistribués aux autres éléments de la même action (voir plus bas)."),
            ("texte", f"5. Feuille « {F_SYNTHESE} » : scores par axe, score total, étoiles, points manquants "
                      "pour l'étoile suivante, contrôle de la saisie et graphiques. Elle s'imprime sur une "
                      "page A4 paysage."),
            ("texte", "Seules les cellules de saisie (fond jaune pâle) sont modifiables ; les autres sont "
                      "protégées contre les erreurs de manipulation (Outils ▸ Protéger la feuille, sans mot de "
                      "passe, pour lever la protection). Vous pouvez coller dans la colonne Statut la colonne "
                      "Statut d'un export de la plateforme : les lignes sont dans le même ordre (N°)."),
            ("section", "Signification des statuts"),
            ("texte", "fait : l'action est réalisée ; tous ses points sont acquis."),
            ("texte", "programmé : l'action est prévue (budget, délibération, calendrier) ; ses points sont "
                      "comptés comme programmés, pas comme réalisés."),
            ("texte", "pas fait : l'action n'est ni réalisée ni prévue."),
            ("texte", "non concerné : l'action ne s'applique pas à la collectivité ; elle sort du potentiel."),
            ("texte", "détaillé : l'action est en partie faite, programmée et pas faite, selon les parts des "
                      "colonnes L à N."),
            ("texte", "non renseigné : la collectivité est concernée mais n'a pas encore évalué l'action. Une "
                      "cellule vide a le même effet dans les scores (aucun statut)."),
            ("texte", "La colonne O (Statut affiché) reprend le statut tel que la plateforme l'afficherait : "
                      "« détaillé à la tâche » pour une sous-action évaluée par ses tâches, « non "
                      "renseignable » pour une tâche dont la sous-action a déjà un statut, « non concerné » "
                      "pour un élément désactivé par la personnalisation."),
            ("section", "Comment les scores sont calculés"),
            ("texte", "Les règles sont celles de la plateforme Territoire Engagé Transition Écologique (programme "
                      "Économie circulaire de l'ADEME). Le référentiel compte 500 points répartis entre 5 axes, "
                      "puis entre actions, sous-actions et tâches (colonne D, Potentiel max)."),
            ("texte", "Personnalisation : les réponses de la feuille Collectivité (type, compétences déchets, "
                      "développement économique, REOM, SPASER…) peuvent désactiver une action ou réduire son "
                      "potentiel. Le potentiel de la collectivité (colonne E) en tient compte."),
            ("texte", "Non concerné : les points d'une tâche ou d'une sous-action non concernée (ou désactivée) "
                      "sont partagés à parts égales entre les tâches ou sous-actions concernées de la même "
                      "action. Si c'est une action entière, ses points sortent du potentiel de l'axe et du "
                      "total."),
            ("texte", "Points : fait = 100 % du potentiel de l'élément, programmé et pas fait de même, détaillé "
                      "= les parts indiquées. Un statut donné à une sous-action remplace ceux de ses tâches. "
                      "Chaque niveau additionne ses éléments ; les résultats sont arrondis à 3 décimales comme "
                      "sur la plateforme."),
            ("texte", "% réalisé = points réalisés / potentiel de la collectivité. Étoiles (niveau de "
                      f"labellisation visé par le score) : 1 étoile dès {_PCT[1]} %, 2 étoiles à partir de {_PCT[2]} %, 3 "
                      f"étoiles à {_PCT[3]} %, 4 étoiles à {_PCT[4]} %, 5 étoiles à {_PCT[5]} % du potentiel réalisé. La labellisation "
                      f"demande aussi des critères par action (feuille « {F_LABEL} ») et un audit."),
            ("section", "Labellisation"),
            ("texte", f"Feuille « {F_LABEL} » : l'étoile visée (par défaut celle que la plateforme vérifierait, "
                      "d'après l'étoile actuelle saisie et le score), le tableau des critères de cette étoile "
                      "(ECI.CRITERES : critère de score puis critères par action, état atteint / non atteint / "
                      "sans objet en couleur, ce qui manque), l'étoile à portée (ECI.LABELLISATION), la "
                      "complétude (tâches encore non renseignées), les éléments déclaratifs à cocher (acte "
                      "d'engagement, COT, référents…) et les documents preuves attendus par sous-action avec une "
                      "colonne « Disponible ». Une réponse OUI / NON de la feuille « " + F_COLLECTIVITE + " » "
                      "peut rendre un critère « sans objet »."),
            ("section", "Prochaines étapes et évolution"),
            ("texte", f"Feuille « {F_ETAPES} » : l'étoile visée (par défaut celle qui suit l'étoile à portée), le "
                      "plus petit ensemble de lignes à passer à « fait » pour qu'elle soit à portée (critère de "
                      "score et critères par action ; ECI.CHEMIN, expliqué par ECI.CHEMIN_TEXTE) avec les points, "
                      "la sous-action et les documents preuves de chaque ligne (ECI.CHEMIN_LISTE), le gain total et le % fait "
                      "atteint, les dix lignes qui rapportent le plus (ECI.GAIN_LISTE). Remplissez la colonne « Effort » "
                      "du tableau du bas (jours, k€…) pour obtenir le chemin du moindre effort."),
            ("texte", f"Feuille « {F_EVOLUTION} » : menu Économie circulaire ▸ Comparer avec un autodiagnostic "
                      "précédent (classeur de l'an dernier ou export de la plateforme). Le fichier est lu sans être "
                      "modifié ; la feuille montre, par axe et au total, le % fait et les points avant et "
                      "maintenant, les étoiles et l'étoile à portée, un graphique et les lignes dont le statut a "
                      "changé. Une nouvelle comparaison remplace la précédente ; Édition ▸ Annuler la défait."),
            ("section", "Fonctions utilisées"),
            ("texte", f"ECI.EVALUER (feuille {F_REFERENTIEL}, cellules P{REF_PREMIERE}:W{derniere}, une seule "
                      f"formule matricielle pour les {n} lignes) : points du référentiel, potentiel, points "
                      "faits, programmés, pas faits, non renseignés, % fait et statut affiché de chaque ligne."),
            ("texte", "ECI.EVALUER_TOTAL : les mêmes colonnes pour le référentiel entier (ligne TOTAL), en un "
                      "seul appel. ECI.SCORE : un chiffre pour un nœud ou pour tout le référentiel. "
                      "ECI.ETOILES : nombre d'étoiles pour un % réalisé. ECI.ECART : points encore nécessaires "
                      "pour une étoile. ECI.DESACTIVE : un nœud est-il désactivé par la personnalisation ? "
                      "ECI.VERIFIER : contrôle de la saisie (identifiants, statuts, parts détaillées, "
                      "réponses), « OK » ou la liste des problèmes. ECI.CRITERES et ECI.LABELLISATION : "
                      f"critères et étoile à portée de la labellisation (feuille « {F_LABEL} »)."),
            ("section", "Sources et licence"),
            ("texte", "Référentiel Économie circulaire, questions de personnalisation et règles de calcul : "
                      "dépôt public de la plateforme, incubateur-ademe/territoires-en-transitions (licence MIT, "
                      "© Territoires en Transitions). Ce classeur n'est pas un document officiel : en cas "
                      "d'écart, le score de la plateforme fait foi."),
        ]
        lignes = []
        for genre, texte in blocs:
            if genre == "titre":
                lignes.append(ligne([c_texte(texte, s_titre)], st.ligne(1.0, False)))
            elif genre == "section":
                lignes.append(ligne([c_vide()], st.ligne(0.3, False)))
                lignes.append(ligne([c_texte(texte, s_section)], st.ligne(0.65, False)))
            elif genre == "petit":
                lignes.append(ligne([c_texte(texte, s_petit)], st.ligne(self._hauteur(texte, 110, 0.4), False)))
            else:
                lignes.append(ligne([c_texte(texte, s_texte)], st.ligne(self._hauteur(texte, 100, 0.45), False)))
        cols = f'<table:table-column table:style-name="{st.colonne(18.5)}" table:default-cell-style-name="Default"/>'
        xml = (f'<table:table table:name="{escape(F_MODE)}" table:style-name="taMode" '
               f'table:print-ranges="{escape(plage_graphique(F_MODE, "A", 1, "A", len(lignes)))}">'
               + cols + "".join(lignes) + "</table:table>")
        self.feuilles.append((F_MODE, xml))

    @staticmethod
    def _hauteur(texte, car_par_ligne, hauteur_ligne):
        return hauteur_texte(texte, car_par_ligne, hauteur_ligne)

    # Collectivité -------------------------------------------------------------------------------
    def feuille_collectivite(self):
        st, val = self.st, self.val
        s_titre = st.cellule(gras=True, taille=16, couleur=VERT_FONCE)
        s_intro = st.cellule(retour=True, italique=True, couleur="#404040", valign="top")
        s_entete = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, bordure=BORDURE)
        s_lib = st.cellule(retour=True, bordure=BORDURE)
        s_cle = st.cellule(couleur="#8c8c8c", taille=8, bordure=BORDURE)
        s_val = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, halign="start")
        s_val_nb = st.cellule(fond=JAUNE_SAISIE, saisie=True, bordure=BORDURE, format="Nentier")
        s_noeuds = st.cellule(retour=True, taille=9, bordure=BORDURE)
        s_des = st.cellule(retour=True, taille=9, bordure=BORDURE, fond=GRIS_CALCUL)

        base = lambda c, l: f"{F_COLLECTIVITE}.{c}{l}"
        oui_non = ("Réponse", "OUI ou NON. Laisser vide si la question n'a pas encore de réponse.",
                   "Valeur attendue : OUI ou NON.")
        definitions = {
            "nom": ("Nom de la collectivité", None, None),
            "type": ("Type", ["commune", "EPCI"],
                     ("Type", "commune ou EPCI.", "Valeur attendue : commune ou EPCI.")),
            "soustype": ("Sous-type (pour un EPCI)", ["epci_a_fiscalite_propre", "syndicat", "pole"],
                         ("Sous-type", "epci_a_fiscalite_propre (communauté de communes, d'agglomération, "
                                       "urbaine, métropole), syndicat ou pole (PETR, pôle métropolitain).",
                          "Valeur attendue : epci_a_fiscalite_propre, syndicat ou pole.")),
            "population": ("Population (habitants)", "entier",
                           ("Population", "Nombre d'habitants (population municipale).",
                            "Saisir un nombre entier positif.")),
            "drom": ("Collectivité d'un département ou d'une région d'outre-mer (DROM)", ["OUI", "NON"],
                     ("DROM", "OUI si la collectivité est dans un DROM, sinon NON.",
                      "Valeur attendue : OUI ou NON.")),
            "departement": ("Département (numéro, information)", None, None),
        }
        defauts = {"type": "EPCI", "soustype": "epci_a_fiscalite_propre", "drom": "NON"}

        lignes = [
            ligne([c_texte("Collectivité évaluée", s_titre)], st.ligne(1.0, False)),
            ligne([c_texte("Renseignez la colonne C (fond jaune). Ces informations personnalisent le "
                           "référentiel comme sur la plateforme ; la colonne B contient la clé technique lue "
                           "par les fonctions ECI (ne pas la modifier). Une réponse vide = question sans "
                           "réponse.", s_intro, fusion=(5, 1)), c_couverte(4)], st.ligne(1.1, False)),
            ligne([c_texte("Information", s_entete), c_texte("Clé", s_entete), c_texte("Valeur", s_entete),
                   c_texte("Nœuds du référentiel concernés", s_entete),
                   c_texte("Nœuds désactivés avec ces réponses", s_entete)], st.ligne(1.2, False)),
        ]
        contexte = self.arg_contexte()
        for cle in self.cles_collectivite:
            l = self.ligne_cle[cle]
            if cle in definitions:
                libelle, choix, aide = definitions[cle]
                noeuds_txt = ""
                noeuds = []
            else:
                q = next(q for q in self.questions if q["id"] == cle)
                libelle, choix, aide = q["libelle"], ["OUI", "NON"], oui_non
                noeuds = [a[4:] if a.startswith("eci_") else a for a in q["eci_actions"].split()]
                noeuds_txt = ", ".join(noeuds)
            validation = None
            if choix == "entier":
                validation = val.ajouter("of:cell-content-is-whole-number() and cell-content()>=0",
                                         base("C", l), *aide, liste=False)
            elif choix:
                validation = val.liste_valeurs(choix, base("C", l), *aide)
            valeur = self.collectivite.get(cle, "") if self.exemple else defauts.get(cle, "")
            if cle == "population" and valeur:
                c_valeur = c_nombre(valeur, s_val_nb, validation)
            else:
                c_valeur = c_texte(valeur, s_val_nb if cle == "population" else s_val, validation)
            if noeuds:
                parts = "&".join(
                    f"IF({DESACTIVE}({chaine(n)};{contexte});{chaine(n + ' ')};\"\")" for n in noeuds)
                formule = f'IFERROR(IF(TRIM({parts})="";"aucun";TRIM({parts}));"?")'
                c_des = c_formule(formule, s_des)
            else:
                c_des = c_vide(s_des)
            hauteur = self._hauteur(libelle, 44, 0.45)
            lignes.append(ligne([c_texte(libelle, s_lib), c_texte(cle, s_cle), c_valeur,
                                 c_texte(noeuds_txt, s_noeuds), c_des], st.ligne(max(0.55, hauteur), False)))
        lignes.append(ligne([c_vide()], st.ligne(0.45, False)))
        lignes.append(ligne([c_texte(
            f"Plage « contexte » des fonctions ECI : {F_COLLECTIVITE}.B{COL_PREMIERE}:C{self.col_derniere} "
            "(clé, valeur). Les clés nom et departement sont ignorées par le calcul.", s_intro, fusion=(5, 1)),
            c_couverte(4)], st.ligne(0.9, False)))
        cols = "".join(f'<table:table-column table:style-name="{st.colonne(w)}" '
                       f'table:default-cell-style-name="Default"/>' for w in (9.0, 3.2, 4.8, 4.2, 4.2))
        xml = (f'<table:table table:name="{escape(F_COLLECTIVITE)}" table:style-name="taColl" '
               f'table:protected="true" table:print-ranges="'
               f'{escape(plage_graphique(F_COLLECTIVITE, "A", 1, "E", self.col_derniere + 2))}">'
               '<loext:table-protection loext:select-protected-cells="true" '
               'loext:select-unprotected-cells="true"/>' + cols + "".join(lignes) + "</table:table>")
        self.feuilles.append((F_COLLECTIVITE, xml))

    # Référentiel --------------------------------------------------------------------------------
    def feuille_referentiel(self):
        st, val = self.st, self.val
        P = REF_PREMIERE
        D = self.ref_derniere
        N = len(self.noeuds)
        bord = BORDURE

        # level styles: (background, bold, font colour, indent)
        niveaux = {
            "axe": (VERT_FONCE, True, "#ffffff", 0),
            "action": (VERT_MOYEN, True, None, 0.2),
            "sous-action": (VERT_CLAIR, False, None, 0.4),
            "tache": ("#ffffff", False, None, 0.6),
        }

        def s(niv, **kw):
            fond, gras, coul, _ = niveaux[niv]
            return st.cellule(fond=fond, gras=gras, couleur=coul, bordure=bord, **kw)

        s_titre = st.cellule(gras=True, taille=14, couleur=VERT_FONCE)
        s_info = st.cellule(italique=True, couleur="#595959", taille=9)
        s_date = st.cellule(format="Ndate", halign="start")
        s_bandeau = st.cellule(gras=True, fond=GRIS_ENTETE, halign="center", bordure=bord)
        s_entete = st.cellule(gras=True, fond=GRIS_ENTETE, retour=True, halign="center", bordure=bord)
        s_entete_saisie = st.cellule(gras=True, fond="#ffe699", retour=True, halign="center", bordure=bord)
        s_entete_calc = st.cellule(gras=True, fond=GRIS_CALCUL, retour=True, halign="center", bordure=bord,
                                   italique=True, couleur="#595959", taille=8)
        s_total = st.cellule(gras=True, fond="#0f2f1a", couleur="#ffffff", bordure=bord)
        s_total_pts = st.cellule(gras=True, fond="#0f2f1a", couleur="#ffffff", bordure=bord, format="Npoints")
        s_total_pct = st.cellule(gras=True, fond="#0f2f1a", couleur="#ffffff", bordure=bord, format="Npct")
        s_calc = st.cellule(fond=GRIS_CALCUL, couleur="#595959", taille=8, format="Npoints", bordure=bord)
        s_calc_txt = st.cellule(fond=GRIS_CALCUL, couleur="#595959", taille=8, bordure=bord)

        v_statut = val.liste_valeurs(
            STATUTS, f"{F_REFERENTIEL}.J{P}", "Statut",
            "fait, programmé, pas fait, non concerné, détaillé (parts en L:N) ou non renseigné. "
            "Vide = pas encore de statut.",
            "Statut inconnu. Valeurs possibles : fait, programmé, pas fait, non concerné, détaillé, "
            "non renseigné.")
        v_part = val.ajouter("of:cell-content-is-decimal-number() and cell-content-is-between(0;1)",
                             f"{F_REFERENTIEL}.L{P}", "Part (statut détaillé)",
                             "Part entre 0 et 100 % (ou 0 et 1). Utilisée seulement si le statut est "
                             "« détaillé » ; fait + programmé + pas fait = 100 %.",
                             "Saisir une part entre 0 % et 100 %.", liste=False)

        lignes = []
        # Rows 1-4: header like the platform export
        nom = self.ref_nom()
        lignes.append(ligne([c_formule(f'IF({nom}="";"Nom de la collectivité";{nom})', s_titre)],
                            st.ligne(0.75, False)))
        lignes.append(ligne([c_vide(), c_vide(), c_texte("Date d'édition", s_info), c_formule("TODAY()", s_date, fusion=(2, 1)), c_couverte()],
                            st.ligne(0.5, False)))
        lignes.append(ligne([c_texte("Référentiel Économie circulaire — calcul identique à la plateforme "
                                     "Territoire Engagé Transition Écologique (données : Territoires en "
                                     "Transitions, licence MIT)", s_info)], st.ligne(0.5, False)))
        lignes.append(ligne([c_vide(), c_vide(), c_vide(), c_vide(),
                             c_texte("Évaluation dans le classeur", s_bandeau, fusion=(6, 1)), c_couverte(5),
                             c_vide(), c_texte("Statut détaillé : parts", s_bandeau, fusion=(3, 1)), c_couverte(2),
                             c_vide(),
                             c_texte("Calcul : ECI.EVALUER (une formule matricielle, ne pas modifier)",
                                     s_entete_calc, fusion=(8, 1)), c_couverte(7)],
                            st.ligne(0.5, False)))
        titres = ["N°", "Intitulé", "Phase", "Potentiel max", "Potentiel collectivité", "Points réalisés",
                  "% réalisé", "Points programmés", "% programmés", "Statut", "Champt texte Explications",
                  "Part faite", "Part programmée", "Part pas faite", "Statut affiché",
                  "Points du référentiel", "Potentiel", "Points faits", "Points programmés", "Points pas faits",
                  "Points non renseignés", "% fait (0-100)", "Statut calculé"]
        # One column per entry of the map, in its order (A = N°, J = Statut, ...).
        assert [colonne_index(c) for c in REF_COL.values()] == list(range(len(titres))), REF_COL
        cel = []
        for i, t in enumerate(titres):
            if 9 <= i <= 13 and i != 14:
                cel.append(c_texte(t, s_entete_saisie))
            elif i >= 15:
                cel.append(c_texte(t, s_entete_calc))
            else:
                cel.append(c_texte(t, s_entete))
        entete = f'<table:table-header-rows>{ligne(cel, st.ligne(1.3, False))}</table:table-header-rows>'

        # Row 6: TOTAL, one ECI.EVALUER_TOTAL array (the root's line, as ECI.EVALUER gives the rows below;
        # the add-in caches the évaluation)
        args = f"{self.arg_ids()};{self.arg_statuts()}"
        apres = f"{self.arg_details()};{self.arg_contexte()}"

        T = REF_TOTAL
        total = [c_texte("TOTAL", s_total), c_texte("Économie circulaire (référentiel entier)", s_total),
                 c_vide(s_total),
                 c_formule(f"[.P{T}]", s_total_pts), c_formule(f"[.Q{T}]", s_total_pts),
                 c_formule(f"[.R{T}]", s_total_pts), c_formule(f"[.V{T}]/100", s_total_pct),
                 c_formule(f"[.S{T}]", s_total_pts),
                 c_formule(f"IF(N([.Q{T}])=0;0;[.S{T}]/[.Q{T}])", s_total_pct),
                 c_vide(s_total), c_vide(s_total), c_vide(s_total), c_vide(s_total), c_vide(s_total),
                 c_vide(s_total)]
        total.append(c_formule(f"{EVALUER_TOTAL}({args};{apres})", s_calc, matrice=(8, 1)))
        total += [c_vide(s_calc)] * 6 + [c_vide(s_calc_txt)]
        lignes_total = ligne(total, st.ligne(0.6, False))

        # Node rows
        corps = []
        profondeur = {"axe": 0, "action": 1, "sous-action": 2, "tache": 3}
        pile = []   # open group depths
        for i, n in enumerate(self.noeuds):
            l = P + i
            niv = n["niveau"]
            d = profondeur[niv]
            while pile and pile[-1] > d:
                corps.append("</table:table-row-group>")
                pile.pop()
            # open groups down to this depth (children of the previous node)
            if i > 0:
                prec = profondeur[self.noeuds[i - 1]["niveau"]]
                if d > prec:
                    for g in range(prec + 1, d + 1):
                        corps.append("<table:table-row-group>")
                        pile.append(g)
            ident = n["identifiant"]
            stx = self.statuts.get(ident, {}) if self.exemple else {}
            fond, gras, coul, retrait = niveaux[niv]
            s_id = s(niv)
            s_nom = st.cellule(fond=fond, gras=gras, couleur=coul, bordure=bord, retour=True, retrait=retrait)
            s_pts = s(niv, format="Npoints")
            s_pct = s(niv, format="Npct")
            s_phase = s(niv, halign="center", retour=True, taille=9)
            s_in = st.cellule(fond=(JAUNE_SAISIE if niv in ("sous-action", "tache") else fond), gras=gras,
                              couleur=(None if niv in ("sous-action", "tache") else coul), bordure=bord,
                              saisie=True)
            s_in_txt = st.cellule(fond=(JAUNE_SAISIE if niv in ("sous-action", "tache") else fond),
                                  couleur=(None if niv in ("sous-action", "tache") else coul), bordure=bord,
                                  saisie=True, retour=True, taille=9)
            s_in_pct = st.cellule(fond=(JAUNE_SAISIE if niv in ("sous-action", "tache") else fond),
                                  couleur=(None if niv in ("sous-action", "tache") else coul), bordure=bord,
                                  saisie=True, format="Npct0")
            s_aff = s(niv, italique=True, taille=9)
            # D:I and O show the ECI.EVALUER columns: one array formula per column (row P), so that a
            # change of statut recalculates 7 formulas here, not 7 per row.
            def vue(formule, style):
                return c_formule(formule, style, matrice=(1, N)) if i == 0 else c_vide(style)

            def col(c):
                return plage(None, c, P, c, D)
            cel = [c_texte(ident, s_id), c_texte(n["nom"], s_nom),
                   c_texte(PHASES.get(n["categorie"], n["categorie"]), s_phase),
                   vue(col("P"), s_pts), vue(col("Q"), s_pts), vue(col("R"), s_pts),
                   vue(f"{col('V')}/100", s_pct), vue(col("S"), s_pts),
                   vue(f"IF({col('Q')}=0;0;{col('S')}/{col('Q')})", s_pct),
                   c_texte(stx.get("statut", ""), s_in, v_statut),
                   c_texte(stx.get("explications", ""), s_in_txt)]
            for champ in ("fait", "programme", "pas_fait"):
                v = stx.get(champ, "")
                cel.append(c_nombre(v, s_in_pct, v_part, "percentage") if v != "" else c_vide(s_in_pct, v_part))
            cel.append(vue(f'{col("W")}&""', s_aff))
            if i == 0:
                formule = f"{EVALUER}({self.arg_ids()};{self.arg_statuts()};{self.arg_details()};{self.arg_contexte()})"
                cel.append(c_formule(formule, s_calc, matrice=(8, N)))
            else:
                cel.append(c_vide(s_calc))
            cel.append(c_vide(s_calc, repete=6))
            cel.append(c_vide(s_calc_txt))
            lignes_car = {"axe": 52, "action": 55}.get(niv, 70)
            h = self._hauteur(n["nom"], lignes_car, 0.44)
            h_expl = self._hauteur(stx.get("explications", ""), 45, 0.4)
            corps.append(ligne(cel, st.ligne(max(0.5, h, h_expl), True)))
        while pile:
            corps.append("</table:table-row-group>")
            pile.pop()

        largeurs = [1.6, 10.5, 2.3, 2.1, 2.3, 2.1, 1.9, 2.3, 2.1, 2.9, 6.5, 1.9, 2.1, 1.9, 3.3] + [2.0] * 7 + [3.0]
        cols = "".join(f'<table:table-column table:style-name="{st.colonne(w)}" '
                       f'table:default-cell-style-name="Default"/>' for w in largeurs)
        xml = (f'<table:table table:name="{escape(F_REFERENTIEL)}" table:style-name="taRef" table:protected="true" '
               f'table:print-ranges="{escape(plage_graphique(F_REFERENTIEL, "A", 1, "K", D))}">'
               '<loext:table-protection loext:select-protected-cells="true" loext:select-unprotected-cells="true"/>'
               + cols + "".join(lignes) + entete + lignes_total + "".join(corps) + "</table:table>")
        self.feuilles.append((F_REFERENTIEL, xml))
        self.reglages[F_REFERENTIEL] = {"gel_colonnes": 2, "gel_lignes": REF_TOTAL}

    # Synthèse -----------------------------------------------------------------------------------
    def feuille_synthese(self):
        st = self.st
        bord = BORDURE
        s_titre = st.cellule(gras=True, taille=15, couleur=VERT_FONCE, retour=True)
        s_sous = st.cellule(italique=True, couleur="#595959", taille=9)
        s_entete = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, halign="center",
                              bordure=bord, taille=9)
        s_axe = st.cellule(gras=True, fond=VERT_CLAIR, bordure=bord, halign="center")
        s_lib = st.cellule(retour=True, bordure=bord, taille=9)
        s_pts = st.cellule(format="Npoints", bordure=bord)
        s_pct = st.cellule(format="Npct", bordure=bord, gras=True)
        s_tot = st.cellule(gras=True, fond=VERT_MOYEN, bordure=bord)
        s_tot_pts = st.cellule(gras=True, fond=VERT_MOYEN, bordure=bord, format="Npoints")
        s_tot_pct = st.cellule(gras=True, fond=VERT_MOYEN, bordure=bord, format="Npct")
        s_lbl = st.cellule(gras=True, bordure=bord, retour=True)
        s_nb = st.cellule(gras=True, taille=12, bordure=bord, halign="center", format="Nentier")
        s_etoiles = st.cellule(taille=20, couleur="#e0a800", bordure=bord, halign="center")
        s_seuil = st.cellule(format="Npct0", bordure=bord, halign="center")
        s_txt = st.cellule(bordure=bord, halign="center")
        s_verif = st.cellule(retour=True, valign="top", bordure=bord, taille=7, fond=GRIS_CALCUL)
        s_lbl_verif = st.cellule(gras=True, bordure=bord, retour=True, valign="top")
        s_note = st.cellule(italique=True, couleur="#595959", taille=8, retour=True, valign="top")

        R, T = F_REFERENTIEL, REF_TOTAL
        nom = self.ref_nom()
        L = {}
        lignes = []
        hauteurs = []

        def ajout(cellules, h):
            lignes.append(ligne(cellules, st.ligne(h, False)))
            hauteurs.append(h)
            return len(lignes)

        ajout([c_formule(f'"Autodiagnostic économie circulaire — "&IF({nom}="";"(collectivité à renseigner)";{nom})',
                         s_titre, fusion=(9, 1)), c_couverte(8)], 1.45)
        ajout([c_texte("Référentiel Économie circulaire (ECi), 500 points ; scores calculés par les fonctions ECI "
                       "avec les règles de la plateforme Territoire Engagé Transition Écologique.", s_sous,
                       fusion=(9, 1)), c_couverte(8)], 0.5)
        ajout([c_vide()], 0.3)
        titres = ["Axe", "Intitulé", "Potentiel", "Points faits", "Points programmés", "Points pas faits",
                  "Points non renseignés", "% fait", "% programmé"]
        L["entete"] = ajout([c_texte(t, s_entete) for t in titres], 1.1)
        L["axes"] = []
        for a in self.axes:
            r = self.ligne_noeud[a["identifiant"]]
            l = len(lignes) + 1
            cel = [c_texte(f"Axe {a['identifiant']}", s_axe), c_texte(a["nom"], s_lib)]
            for c in "QRSTU":
                cel.append(c_formule(plage(R, c, r), s_pts))
            cel.append(c_formule(f"{plage(R, 'V', r)}/100", s_pct))
            cel.append(c_formule(f"IF(N([.C{l}])=0;0;[.E{l}]/[.C{l}])", s_pct))
            L["axes"].append(ajout(cel, 1.05))
        l = len(lignes) + 1
        cel = [c_texte("Total", s_tot), c_texte("Référentiel entier", s_tot)]
        for c in "QRSTU":
            cel.append(c_formule(plage(R, c, T), s_tot_pts))
        cel.append(c_formule(f"{plage(R, 'V', T)}/100", s_tot_pct))
        cel.append(c_formule(f"IF(N([.C{l}])=0;0;[.E{l}]/[.C{l}])", s_tot_pct))
        L["total"] = ajout(cel, 0.6)
        tl = L["total"]
        ajout([c_vide()], 0.3)

        # Stars
        l = len(lignes) + 1
        L["etoiles"] = ajout([c_texte("Étoiles atteintes (score)", s_lbl, fusion=(2, 1)), c_couverte(),
                              c_formule(f"{ETOILES}({plage(R, 'V', T)})", s_nb),
                              c_formule(f'REPT("★";[.C{l}])&REPT("☆";5-[.C{l}])', s_etoiles, fusion=(3, 1)),
                              c_couverte(2),
                              c_texte(f"Seuils : 1 ★ dès {_PCT[1]} %, 2 ★ à {_PCT[2]} %, 3 ★ à {_PCT[3]} %, "
                                      f"4 ★ à {_PCT[4]} %, 5 ★ à {_PCT[5]} % du potentiel réalisé", s_note,
                                      fusion=(3, 1)), c_couverte(2)], 1.0)
        e = L["etoiles"]
        L["prochaine"] = ajout([c_texte("Prochaine étoile", s_lbl, fusion=(2, 1)), c_couverte(),
                                c_formule(f'IF([.C{e}]>=5;"—";[.C{e}]+1)', s_nb),
                                c_texte("Points manquants", s_lbl, fusion=(2, 1)), c_couverte(),
                                c_formule(f"IF([.C{e}]>=5;0;{ECART}([.C{e}]+1;[.C{tl}];[.D{tl}]))", s_pts),
                                c_texte("Étoile à portée", s_lbl, fusion=(2, 1)), c_couverte(),
                                c_formule(plage(F_LABEL, *ligne_colonne(LAB["cellules"]["etoile_a_portee"])),
                                          s_nb)],
                               0.6)
        ajout([c_vide()], 0.3)
        L["table_etoiles"] = ajout([c_texte("Étoile", s_entete, fusion=(2, 1)), c_couverte()]
                                   + [c_texte(t, s_entete) for t in
                                      ("Seuil (% réalisé)", "Points requis", "Points manquants",
                                       "Atteinte")], 1.1)
        L["etoile"] = {}
        for n in (2, 3, 4, 5):
            l = len(lignes) + 1
            L["etoile"][n] = ajout([
                c_texte("★" * n + f"  ({n} étoiles)", s_txt, fusion=(2, 1)), c_couverte(),
                c_nombre(SEUILS_ETOILES[n], s_seuil, type_valeur="percentage"),
                c_formule(f"ROUND([.C{l}]*[.C{tl}];3)", s_pts),
                c_formule(f"{ECART}({n};[.C{tl}];[.D{tl}])", s_pts),
                c_formule(f'IF([.E{l}]<=0;"oui";"non")', s_txt)], 0.5)
        ajout([c_vide()], 0.3)
        verif = (f"{VERIFIER}({self.arg_ids()};{self.arg_statuts()};{self.arg_details()};"
                 f"{self.arg_contexte()})")
        # "Ligne n" in the messages = n-th row of the ids range, i.e. sheet row n + REF_PREMIERE - 1.
        # One ECI.VERIFIER call (its text in C); the label counts its lines.
        l_v = len(lignes) + 1
        v = f"[.C{l_v}]"
        nb = f'(LEN({v})-LEN(SUBSTITUTE({v};CHAR(10);""))+1)'
        etiquette = (f'"Contrôle de la saisie (ECI.VERIFIER) : "&IF({v}="OK";"aucune anomalie";{nb}&" remarque(s)")'
                     f'&CHAR(10)&"« Ligne n » = n-ième nœud, ligne n + {REF_PREMIERE - 1} de la feuille '
                     f'{F_REFERENTIEL}"')
        L["verif"] = ajout([c_formule(etiquette, s_lbl_verif, fusion=(2, 1)), c_couverte(),
                            c_formule(verif, s_verif, fusion=(7, 1)), c_couverte(6)], 3.2)
        assert L["verif"] == l_v
        ajout([c_vide()], 0.3)
        L["graphiques"] = len(lignes) + 1
        y_graph = sum(hauteurs)
        h_graph = 8.6
        ajout([c_vide()], h_graph + 0.2)
        L["fin"] = len(lignes)

        # Charts (frames anchored to the sheet, absolute positions: all row heights are fixed)
        a1, a5 = L["axes"][0], L["axes"][-1]
        he = L["entete"]
        cat = plage_graphique(F_SYNTHESE, "A", a1, "A", a5)
        radar = self.graphique_radar(cat, plage_graphique(F_SYNTHESE, "H", a1, "H", a5),
                                     plage_graphique(F_SYNTHESE, "H", he, "H", he))
        series = [(plage_graphique(F_SYNTHESE, c, a1, c, a5), plage_graphique(F_SYNTHESE, c, he, c, he), coul)
                  for c, coul in (("D", COULEUR_FAIT), ("E", COULEUR_PROGRAMME), ("F", COULEUR_PAS_FAIT),
                                  ("G", COULEUR_NON_RENSEIGNE))]
        barres = self.graphique_barres(cat, series)
        self.graphiques["Radar"] = radar
        self.graphiques["Barres"] = barres
        largeurs = [1.8, 8.4, 2.3, 2.3, 2.5, 2.3, 2.5, 2.0, 2.3]
        largeur_totale = sum(largeurs)
        w1 = 11.0
        w2 = largeur_totale - w1 - 0.3
        plages_radar = " ".join([cat, plage_graphique(F_SYNTHESE, "H", he, "H", a5)])
        plages_barres = " ".join([cat, plage_graphique(F_SYNTHESE, "D", he, "G", a5)])
        formes = ("<table:shapes>"
                  + self.cadre("Radar", 0, 0.0, y_graph, w1, h_graph, plages_radar)
                  + self.cadre("Barres", 1, w1 + 0.3, y_graph, w2, h_graph, plages_barres)
                  + "</table:shapes>")
        cols = "".join(f'<table:table-column table:style-name="{st.colonne(w)}" '
                       f'table:default-cell-style-name="Default"/>' for w in largeurs)
        xml = (f'<table:table table:name="{escape(F_SYNTHESE)}" table:style-name="taSyn" table:protected="true" '
               f'table:print-ranges="{escape(plage_graphique(F_SYNTHESE, "A", 1, "I", L["fin"]))}">'
               '<loext:table-protection loext:select-protected-cells="true" loext:select-unprotected-cells="true"/>'
               + formes + cols + "".join(lignes) + "</table:table>")
        self.feuilles.append((F_SYNTHESE, xml))
        self.lignes_synthese = L
        self._verifier_synthese(L)

    @staticmethod
    def _verifier_synthese(L):
        """The Synthèse rows land where disposition.json says (the commands and tests read them there)."""
        trouve = {"entete": L["entete"], "premier_axe": L["axes"][0], "total": L["total"],
                  "etoiles": L["etoiles"], "prochaine": L["prochaine"], "verification": L["verif"]}
        assert trouve == SYN["lignes"], (trouve, SYN["lignes"])
        cellules = {"etoiles": f"C{L['etoiles']}", "prochaine_etoile": f"C{L['prochaine']}",
                    "points_manquants": f"F{L['prochaine']}", "verification": f"C{L['verif']}",
                    "etoile_a_portee": f"I{L['prochaine']}"}
        assert cellules == SYN["cellules"], (cellules, SYN["cellules"])
        assert SYN["plages"]["impression"] == f"A1:I{L['fin']}", L["fin"]

    # Labellisation ------------------------------------------------------------------------------
    def feuille_labellisation(self):
        """The labellisation path (docs/labellisation.md, spec labellisation.md §7 and §12): star aimed at,
        criteria of that star (ECI.CRITERES), star within reach (ECI.LABELLISATION), complétude, the
        declarative items to tick and the evidence documents per sous-action."""
        st, val = self.st, self.val
        bord = BORDURE
        s_titre, s_sous, s_lbl, s_nb, s_nb_saisie, s_pts = self.styles_tableau_de_bord()
        s_note = st.cellule(italique=True, couleur="#595959", taille=8, retour=True, valign="middle", bordure=bord)
        s_alerte = st.cellule(gras=True, couleur="#c9211e", taille=9, retour=True, valign="middle")
        s_entete = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, halign="center",
                              bordure=bord, taille=9)
        s_section = st.cellule(gras=True, taille=11, couleur="#ffffff", fond=VERT_FONCE, retrait=0.1)
        s_c = st.cellule(bordure=bord, taille=9, retour=True, valign="middle")
        s_c_centre = st.cellule(bordure=bord, taille=9, halign="center", valign="middle")
        s_c_pct = st.cellule(bordure=bord, taille=9, halign="center", valign="middle", format="Npoints")
        etats = tuple((texte, nom, f"{F_LABEL}.G{LAB['lignes']['premier_critere']}")
                      for texte, nom in (("atteint", "EtatAtteint"), ("non atteint", "EtatNonAtteint"),
                                         ("sans objet", "EtatSansObjet")))
        s_etat = st.cellule(bordure=bord, taille=9, halign="center", valign="middle", gras=True, conditions=etats)
        s_doc = st.cellule(bordure=bord, taille=9, retour=True, valign="top")
        s_doc_id = st.cellule(bordure=bord, taille=9, valign="top", gras=True)
        s_oui_non = st.cellule(bordure=bord, fond=JAUNE_SAISIE, saisie=True, halign="center", valign="middle")

        C = LAB["cellules"]
        R, T = F_REFERENTIEL, REF_TOTAL
        pct_fait = plage(R, REF_COL["calcul_pourcentage"], T)
        largeurs = [1.8, 1.2, 9.0, 3.0, 1.7, 2.0, 2.2, 6.8]   # 27.7 cm: A4 landscape inside the margins
        lignes = []

        def ajout(cellules, h):
            lignes.append(ligne(cellules, st.ligne(h, False)))
            return len(lignes)

        def libelle(texte, valeur, note, h=0.6, note_formule=None):
            """A labelled value: label in A:C, value in D, note (text, or formula) in E:H."""
            cel_note = (c_formule(note_formule, s_note, fusion=(4, 1)) if note_formule
                        else c_texte(note, s_note, fusion=(4, 1)))
            return ajout([c_texte(texte, s_lbl, fusion=(3, 1)), c_couverte(2), valeur, cel_note, c_couverte(3)], h)

        nom = self.ref_nom()
        ajout([c_formule(f'"Labellisation économie circulaire — "&IF({nom}="";"(collectivité à renseigner)";{nom})',
                         s_titre, fusion=(8, 1)), c_couverte(7)], 0.8)
        ajout([c_texte("Critères de la labellisation tels que la plateforme Territoire Engagé Transition "
                       "Écologique les vérifie, calculés à partir des statuts de la feuille « "
                       f"{F_REFERENTIEL} » et des réponses de la feuille « {F_COLLECTIVITE} ». La labellisation "
                       "demande aussi un audit : ce tableau prépare la demande, il ne la remplace pas.", s_sous,
                       fusion=(8, 1)), c_couverte(7)], 0.7)
        ajout([c_vide()], 0.3)
        v_etoile = val.ajouter("of:cell-content-is-whole-number() and cell-content-is-between(1;5)",
                               f"{F_LABEL}.{C['etoile_actuelle']}", "Étoile",
                               "Un nombre d'étoiles de 1 à 5. Laisser vide si la collectivité n'a jamais été "
                               "labellisée.", "Saisir un nombre entier de 1 à 5.", liste=False)
        l_act = libelle("Étoile actuelle (dernière labellisation obtenue)", c_vide(s_nb_saisie, v_etoile),
                        "À saisir ; vide si la collectivité n'a jamais été labellisée.")
        act = f"[.{C['etoile_actuelle']}]"
        etoiles_score = f"{ETOILES}({pct_fait})"
        args = f"{self.arg_ids()};{self.arg_statuts()}"
        apres = f"{self.arg_details()};{self.arg_contexte()}"
        l_plat = libelle("Étoile que la plateforme vérifierait",
                         c_formule(f"{ETOILE_PLATEFORME}({args};{act};{apres})", s_nb),
                         "ECI.ETOILE_PLATEFORME : la plus haute de l'étoile suivant la dernière obtenue et de "
                         "l'étoile permise par le score.")
        plat = f"[.{C['etoile_plateforme']}]"
        v_visee = val.ajouter("of:cell-content-is-whole-number() and cell-content-is-between(1;5)",
                              f"{F_LABEL}.{C['etoile_visee']}", "Étoile visée",
                              "Étoile dont on veut vérifier les critères, de 1 à 5. Par défaut : l'étoile que la "
                              "plateforme vérifierait.", "Saisir un nombre entier de 1 à 5.", liste=False)
        l_visee = libelle("Étoile visée (critères du tableau)", c_formule(plat, s_nb_saisie, validation=v_visee),
                          "À saisir (1 à 5) ; par défaut l'étoile que la plateforme vérifierait.")
        visee = f"[.{C['etoile_visee']}]"
        q4 = (f'IF(AND(N({act})>0;{plat}>{etoiles_score});"Q4 : la plateforme montre les critères de l\'étoile '
              f'"&{plat}&" (celle qui suit la dernière obtenue), même si le score ne la permet pas encore. ";"")')
        q6 = (f'IF({visee}<{plat};"Q6 : une demande pour l\'étoile "&{visee}&" est vérifiée par la plateforme '
              f'avec les critères de l\'étoile "&{plat}&", pas avec ceux de ce tableau.";"")')
        l_q = ajout([c_formule(f"{q4}&{q6}", s_alerte, fusion=(8, 1)), c_couverte(7)], 0.6)
        l_portee = libelle("Étoile à portée (critères et score atteints)",
                           c_formule(f"{LABELLISATION}({args};{apres})", s_nb),
                           "ECI.LABELLISATION : plus haute étoile dont le critère de score et tous les critères "
                           "par action (hors sans objet) sont atteints ; 0 si aucune.")
        ids, statut_calc = self.arg_ids(), plage(R, REF_COL["statut_affiche"], REF_PREMIERE,
                                                 REF_COL["statut_affiche"], self.ref_derniere)
        # tâches = identifiers with three dots (1.1.1.1); « non renseigné » as ECI.EVALUER shows it (column O,
        # the text copy of W: Calc compares W's array results with a text constant as unequal)
        compl = (f'SUMPRODUCT((LEN({ids})-LEN(SUBSTITUTE({ids};".";""))=3)*({statut_calc}="non renseigné"))')
        c_compl = f"[.{C['taches_non_renseignees']}]"
        l_compl = libelle("Complétude : tâches encore « non renseigné »", c_formule(compl, s_nb), None,
                          note_formule=f'IF({c_compl}=0;"Complet : tous les statuts sont renseignés.";'
                                       f'"Incomplet : toute demande de labellisation est bloquée tant qu\'il reste '
                                       f'des tâches non renseignées (Q7).")')
        tl = SYN["lignes"]["total"]
        total_pot = plage(F_SYNTHESE, SYN["colonnes"]["potentiel"], tl)
        total_fait = plage(F_SYNTHESE, SYN["colonnes"]["fait"], tl)
        l_manque = libelle("Critère de score : points faits manquants pour l'étoile visée",
                           c_formule(f"{ECART}({visee};{total_pot};{total_fait})", s_pts),
                           "ECI.ECART ; la plateforme recommande une marge de 3 % au-dessus du seuil.")
        ajout([c_vide()], 0.3)
        titres = ["Critère", "Étoile", "Formulation", "Exigence", "% fait", "% fait + programmé", "État",
                  "Manque"]
        l_entete = ajout([c_texte(t, s_entete) for t in titres], 1.0)
        n = LAB["lignes"]["dernier_critere"] - LAB["lignes"]["premier_critere"] + 1
        premier = len(lignes) + 1
        hauteur_max = 11   # rows of star 1 (score + 10 action criteria); 12 for stars 2–5
        # One array formula, fixed height n: the 12th row is blank at star 1 instead of #N/A.
        formule = (f'IF(ROW([.A{premier}:.A{premier + n - 1}])-ROW([.A{premier}])<IF({visee}=1;{hauteur_max};{n});'
                   f'{CRITERES}({args};{visee};{apres});"")')
        styles_col = [s_c_centre, s_c_centre, s_c, s_c, s_c_pct, s_c_pct, s_etat, s_c]
        for i in range(n):
            cel = []
            for j, sty in enumerate(styles_col):
                cel.append(c_formule(formule, sty, matrice=(8, n)) if i == 0 and j == 0 else c_vide(sty))
            ajout(cel, 0.95)
        l_dernier = len(lignes)
        ajout([c_vide()], 0.3)

        # Declarative items (criteres-autres-eci.csv): what the platform checks from files or roles
        with open(AUTRES_CSV, encoding="utf-8", newline="") as f:
            # the computed ones are above (score, complétude, criteria, 3 % margin); the calendar is obsolete
            autres = [r for r in csv.DictReader(f) if r["code"] not in
                      ("SCORE_GLOBAL", "COMPLETUDE", "CRITERES_ACTION", "MARGE_3_POURCENT", "CALENDRIER")]
        l_decl = ajout([c_texte("À vérifier par la collectivité (éléments déclaratifs de la demande)", s_section,
                                fusion=(8, 1)), c_couverte(7)], 0.6)
        v_oui_non = val.liste_valeurs(["oui", "non"], f"{F_LABEL}.G{l_decl + 1}", "Fait ?",
                                      "oui ou non.", "Valeur attendue : oui ou non.")
        for r in autres:
            texte = r["libelle"]
            ajout([c_texte(r["type"], s_doc_id, fusion=(2, 1)), c_couverte(),
                   c_texte(texte, s_doc, fusion=(4, 1)), c_couverte(3),
                   c_vide(s_oui_non, v_oui_non), c_texte(f"Étoiles : {r['etoiles_concernees']}", s_note)],
                  hauteur_texte(texte, 80, 0.4))
        ajout([c_vide()], 0.3)

        # Evidence documents per sous-action (preuves-eci.csv)
        with open(PREUVES_CSV, encoding="utf-8", newline="") as f:
            preuves = list(csv.DictReader(f))
        noms = {n["identifiant"]: n["nom"] for n in self.noeuds}
        l_preuves = ajout([c_texte("Documents preuves attendus par sous-action (référentiel ECi)", s_section,
                                   fusion=(8, 1)), c_couverte(7)], 0.6)
        noeud = f"[.{C['preuves_noeud']}]"
        l_cherche = ajout([c_texte("Documents d'un nœud (ECI.PREUVES) :", s_lbl, fusion=(2, 1)), c_couverte(),
                           c_texte("1.1.1.1", s_oui_non),
                           c_formule(f'IF({noeud}="";"";{PREUVES}({noeud}))', s_doc, fusion=(5, 1)), c_couverte(4)],
                          2.2)
        ajout([c_texte("Sous-action", s_entete), c_texte("Document", s_entete, fusion=(5, 1)), c_couverte(4),
               c_texte("Disponible", s_entete), c_texte("Sous-action (intitulé)", s_entete)], 0.6)
        v_dispo = val.liste_valeurs(["oui", "non"], f"{F_LABEL}.G{l_preuves + 3}", "Disponible ?",
                                    "oui si le document est prêt à déposer, sinon non.",
                                    "Valeur attendue : oui ou non.")
        precedent = None
        for p in preuves:
            ident = p["action_id"].removeprefix("eci_")
            intitule = noms.get(ident, "") if ident != precedent else ""
            precedent = ident
            ajout([c_texte(ident, s_doc_id), c_texte(p["nom"], s_doc, fusion=(5, 1)), c_couverte(4),
                   c_vide(s_oui_non, v_dispo), c_texte(intitule, s_doc)],
                  max(hauteur_texte(p["nom"], 95, 0.4), hauteur_texte(intitule, 40, 0.4)))
        fin = len(lignes)

        trouve = {"entete_criteres": l_entete, "premier_critere": premier, "dernier_critere": l_dernier,
                  "declaratifs": l_decl, "preuves": l_preuves}
        assert trouve == LAB["lignes"], (trouve, LAB["lignes"])
        cellules = {"etoile_actuelle": f"D{l_act}", "etoile_plateforme": f"D{l_plat}", "etoile_visee": f"D{l_visee}",
                    "avertissements": f"A{l_q}", "etoile_a_portee": f"D{l_portee}",
                    "taches_non_renseignees": f"D{l_compl}", "points_manquants": f"D{l_manque}",
                    "preuves_noeud": f"C{l_cherche}", "preuves_documents": f"D{l_cherche}"}
        assert cellules == C, (cellules, C)
        assert LAB["plages"]["resume"] == f"A1:H{l_dernier}", l_dernier   # the PDF synthesis adds it
        self.ajouter_feuille(F_LABEL, "taLab", largeurs, lignes, plage_graphique(F_LABEL, "A", 1, "H", fin))

    def styles_tableau_de_bord(self):
        """The styles « Labellisation » and « Prochaines étapes » share: title, subtitle, label, number,
        number to type in, points."""
        st, bord = self.st, BORDURE
        return (st.cellule(gras=True, taille=15, couleur=VERT_FONCE, retour=True),
                st.cellule(italique=True, couleur="#595959", taille=9, retour=True, valign="top"),
                st.cellule(gras=True, bordure=bord, retour=True),
                st.cellule(gras=True, taille=12, bordure=bord, halign="center", format="Nentier"),
                st.cellule(gras=True, taille=12, bordure=bord, halign="center", format="Nentier",
                           fond=JAUNE_SAISIE, saisie=True),
                st.cellule(gras=True, bordure=bord, halign="center", format="Npoints"))

    def ajouter_feuille(self, nom, style, largeurs, lignes, impression=None, formes=""):
        """Appends a protected sheet (input cells stay editable): its columns' widths (cm), rows, optional
        print range (chart-style address) and shapes."""
        cols = "".join(f'<table:table-column table:style-name="{self.st.colonne(w)}" '
                       f'table:default-cell-style-name="Default"/>' for w in largeurs)
        imp = f' table:print-ranges="{escape(impression)}"' if impression else ""
        self.feuilles.append((nom, f'<table:table table:name="{escape(nom)}" table:style-name="{style}" '
                                   f'table:protected="true"{imp}>' + protection_feuille() + formes + cols
                                   + "".join(lignes) + "</table:table>"))

    # Prochaines étapes ---------------------------------------------------------------------------
    def feuille_prochaines_etapes(self):
        """What to do next (spec progression.md): the star aimed at (default: the one after the star within
        reach), the exact path to it (ECI.CHEMIN, explained by ECI.CHEMIN_TEXTE) with each row's points,
        sous-action and evidence documents (ECI.PREUVES), the total gain and the resulting % fait, the ten
        rows with the largest gains (ECI.GAIN_LISTE, ties by row order), and at the bottom every row with
        the optional « effort » the officer fills to get the cheapest path. Each list is one array formula
        (ECI.CHEMIN_LISTE, ECI.GAIN_LISTE) and the figures are read from the path list: a change of statut
        recalculates three calls of the add-in and a few formulas, not one per row (each cell of an array
        costs about 1 µs in Calc, each call with the whole référentiel about 0.6 ms: bench/profil_feuilles.py)."""
        st, val = self.st, self.val
        bord = BORDURE
        C, K, LG = ETA["colonnes"], ETA["cellules"], ETA["lignes"]
        s_titre, s_sous, s_lbl, s_nb, s_nb_saisie, s_pts = self.styles_tableau_de_bord()
        s_pct = st.cellule(gras=True, bordure=bord, halign="center", format="Npct")
        s_expl = st.cellule(bordure=bord, retour=True, valign="top", fond=GRIS_CALCUL)
        s_note = st.cellule(italique=True, couleur="#595959", taille=8, retour=True, valign="middle")
        s_entete = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, halign="center",
                              bordure=bord, taille=9)
        s_section = st.cellule(gras=True, taille=11, couleur="#ffffff", fond=VERT_FONCE, retrait=0.1)
        s_c = st.cellule(bordure=bord, taille=9, retour=True, valign="top")
        s_c_id = st.cellule(bordure=bord, taille=9, valign="top", gras=True)
        s_c_pts = st.cellule(bordure=bord, taille=9, valign="top", format="Npoints")
        s_c_nb = st.cellule(bordure=bord, taille=9, valign="top", halign="center", format="Nentier")
        s_doc = st.cellule(bordure=bord, taille=8, retour=True, valign="top")
        s_effort = st.cellule(bordure=bord, taille=9, fond=JAUNE_SAISIE, saisie=True, format="Npoints")
        largeurs = [1.1, 1.8, 8.0, 5.5, 2.0, 2.4, 7.4]
        lignes = []

        def ajout(cellules, h):
            lignes.append(ligne(cellules, st.ligne(h, False)))
            return len(lignes)

        nom = self.ref_nom()
        n = len(self.noeuds)
        args = f"{self.arg_ids()};{self.arg_statuts()}"
        apres = f"{self.arg_details()};{self.arg_contexte()}"
        # Rows known before the formulas above: the path list (it can hold every row) and the bottom table.
        l_ch0, l_ch1 = LG["premier_chemin"], LG["dernier_chemin"]
        assert l_ch1 - l_ch0 + 1 == n, (l_ch0, l_ch1, n)
        l_tab = LG["tableau"]            # its section title; header, then the first row
        t0, t1 = l_tab + 2, l_tab + 1 + n
        col_effort = C["effort"]
        efforts = plage(None, col_effort, t0, col_effort, t1)
        # The columns of the path list the figures are read from.
        def colonne_chemin(cle):
            return plage(None, C[cle], l_ch0, C[cle], l_ch1)
        rangs_ch, ids_ch = colonne_chemin("rang"), colonne_chemin("id")
        points_ch, efforts_ch = colonne_chemin("points"), colonne_chemin("statut_ou_effort")

        ajout([c_formule(f'"Prochaines étapes — "&IF({nom}="";"(collectivité à renseigner)";{nom})', s_titre,
                         fusion=(7, 1)), c_couverte(6)], 0.9)
        ajout([c_texte("Le moins d'actions possible pour que l'étoile visée soit à portée (critère de score et "
                       "critères par action de cette étoile, comme la feuille « " + F_LABEL + " »), calculé "
                       "exactement par ECI.CHEMIN ; avec une colonne « Effort » remplie (tableau du bas), le "
                       "chemin du moindre effort total. Les points sont ceux que chaque ligne ferait gagner en "
                       "passant à « fait » (ECI.GAIN).", s_sous, fusion=(7, 1)), c_couverte(6)], 1.2)
        ajout([c_vide()], 0.3)
        portee = plage(F_LABEL, *ligne_colonne(LAB["cellules"]["etoile_a_portee"]))
        v_etoile = val.ajouter("of:cell-content-is-whole-number() and cell-content-is-between(1;5)",
                               f"{F_ETAPES}.{K['etoile_visee']}", "Étoile visée",
                               "L'étoile dont on cherche le chemin, de 1 à 5. Par défaut : l'étoile qui suit "
                               "l'étoile à portée.", "Saisir un nombre entier de 1 à 5.", liste=False)

        def libelle(texte, valeur, note, h=0.6):
            return ajout([c_texte(texte, s_lbl, fusion=(3, 1)), c_couverte(2), valeur,
                          c_texte(note, s_note, fusion=(3, 1)), c_couverte(2)], h)

        l_visee = libelle("Étoile visée", c_formule(f"MIN(5;{portee}+1)", s_nb_saisie, validation=v_etoile),
                          "À saisir (1 à 5) ; par défaut l'étoile qui suit l'étoile à portée.")
        visee = f"[.{K['etoile_visee']}]"
        l_portee = libelle("Étoile à portée aujourd'hui", c_formule(portee, s_nb),
                           "ECI.LABELLISATION (feuille « " + F_LABEL + " »).")
        texte = f"{CHEMIN_TEXTE}({args};{visee};{apres};;{efforts})"
        l_expl = ajout([c_texte("Le chemin", s_lbl, fusion=(3, 1)), c_couverte(2),
                        c_formule(f'IFERROR({texte};"Chemin impossible à calculer : voir la feuille « '
                                  f'{F_REFERENTIEL} » et le contrôle de la saisie (Synthèse).")', s_expl,
                                  fusion=(4, 1)), c_couverte(3)], 1.6)
        # A path exists when the list has rows, or when the star is already within reach (no row to add).
        l_nb = libelle("Lignes à passer à « fait »",
                       c_formule(f'IF(OR(COUNT({rangs_ch})>0;{visee}<=[.{K["etoile_a_portee"]}]);'
                                 f'COUNT({rangs_ch});"—")', s_nb),
                       "Le plus petit nombre de lignes (ou le moindre effort) : ECI.CHEMIN.")
        possible = f"ISNUMBER([.{K['nombre_lignes']}])"
        l_gain = libelle("Points faits gagnés par le chemin",
                         c_formule(f'IF({possible};ROUND(SUM({points_ch});3);"—")', s_pts),
                         "Somme des gains des lignes du chemin (ils s'additionnent pour le référentiel ECi).")
        tl = SYN["lignes"]["total"]
        pot = plage(F_SYNTHESE, SYN["colonnes"]["potentiel"], tl)
        fait = plage(F_SYNTHESE, SYN["colonnes"]["fait"], tl)
        pct = plage(F_SYNTHESE, SYN["colonnes"]["pourcentage_fait"], tl)
        l_pct = libelle("% fait aujourd'hui", c_formule(pct, s_pct), "Feuille « " + F_SYNTHESE + " ».")
        l_pct_apres = libelle("% fait après le chemin",
                              c_formule(f"IF(AND({possible};N({pot})>0);({fait}+[.{K['gain_total']}])/{pot};{pct})",
                                        s_pct), "Si toutes les lignes du chemin passent à « fait ».")
        l_eff = libelle("Effort total du chemin", c_formule(f'IF({possible};SUM({efforts_ch});"—")', s_pts),
                        "Colonne « Effort » du tableau du bas (vide = 1).")
        ajout([c_vide()], 0.3)

        # The ten rows with the largest gains: one ECI.GAIN_LISTE array (rank, N°, intitulé, sous-action,
        # points, statut), then whether the path takes the row: an exact comparison with the path list's N°
        # (SUMPRODUCT), not MATCH, which on LibreOffice 7.4 answered #N/A on this sheet for N° present in
        # the range searched (the same MATCH found them from another sheet).
        l_top = ajout([c_texte("Les dix lignes qui rapportent le plus de points (ECI.GAIN_LISTE)", s_section,
                               fusion=(7, 1)), c_couverte(6)], 0.6)
        titres = ["Rang", "N°", "Intitulé", "Sous-action", "Points", "Statut actuel", "Dans le chemin"]
        l_top_ent = ajout([c_texte(t, s_entete) for t in titres], 0.8)
        l_top0 = len(lignes) + 1
        classement = c_formule(f'IFERROR({GAIN_LISTE}({args};10;{apres});"")', s_c_nb, matrice=(6, 10))
        for k in range(10):
            l = len(lignes) + 1
            idc = f"[.{C['id']}{l}]"
            ajout([classement if k == 0 else c_vide(s_c_nb), c_vide(s_c_id), c_vide(s_c), c_vide(s_doc),
                   c_vide(s_c_pts), c_vide(s_c),
                   c_formule(f'IF({idc}="";"";IF({possible};IF(SUMPRODUCT({ids_ch}={idc})>0;"oui";"non");"—"))',
                             s_c_nb)], 0.5)
        ajout([c_vide()], 0.3)

        # The path
        l_ch = ajout([c_texte("Le chemin : lignes à passer à « fait » (ECI.CHEMIN_LISTE)", s_section,
                              fusion=(7, 1)), c_couverte(6)], 0.6)
        titres = ["Rang", "N°", "Intitulé", "Sous-action", "Points", "Effort", "Documents preuves (ECI.PREUVES)"]
        l_ch_ent = ajout([c_texte(t, s_entete) for t in titres], 0.8)
        assert len(lignes) + 1 == l_ch0, (len(lignes) + 1, l_ch0)
        # One array formula for the whole list (rank, N°, intitulé, sous-action, points, effort, documents);
        # no path: blank (the explanation above says why).
        liste = c_formule(f'IFERROR({CHEMIN_LISTE}({args};{visee};{apres};;{efforts});"")', s_c_nb,
                          matrice=(7, n))
        for k in range(n):
            ajout([liste if k == 0 else c_vide(s_c_nb), c_vide(s_c_id), c_vide(s_c), c_vide(s_c), c_vide(s_c_pts),
                   c_vide(s_c_pts), c_vide(s_doc)], 1.2)
        assert len(lignes) == l_ch1, (len(lignes), l_ch1)
        ajout([c_vide()], 0.3)

        # Every row with its effort (input)
        assert len(lignes) + 1 == l_tab, (len(lignes) + 1, l_tab)
        ajout([c_texte("Effort de chaque ligne (facultatif, à saisir) : avec des efforts, le chemin est celui du "
                       "moindre effort total", s_section, fusion=(7, 1)), c_couverte(6)], 0.6)
        assert [C[k] for k in ("tableau_id", "tableau_intitule", "effort")] == list("BCD"), C
        ajout([c_vide(), c_texte("N°", s_entete), c_texte("Intitulé", s_entete),
               c_texte("Effort (vide = 1)", s_entete)], 0.8)
        v_effort = val.ajouter("of:cell-content-is-decimal-number() and cell-content-is-between(0.000001;1000000)",
                               f"{F_ETAPES}.{col_effort}{t0}", "Effort",
                               "Un nombre positif (jours, k€, ou toute autre unité commune) ; vide = 1.",
                               "Saisir un nombre positif.", liste=False)
        for noeud in self.noeuds:
            ajout([c_vide(), c_texte(noeud["identifiant"], s_c_id), c_texte(noeud["nom"], s_c),
                   c_vide(s_effort, v_effort)], 0.45)
        fin = len(lignes)
        assert fin == t1, (fin, t1)

        trouve = {"resume_fin": l_eff, "top": l_top, "entete_top": l_top_ent, "premier_top": l_top0,
                  "chemin": l_ch, "entete_chemin": l_ch_ent, "premier_chemin": l_ch0, "dernier_chemin": l_ch1,
                  "tableau": l_tab, "premiere_ligne": t0}
        cellules = {"etoile_visee": f"D{l_visee}", "etoile_a_portee": f"D{l_portee}", "explication": f"D{l_expl}",
                    "nombre_lignes": f"D{l_nb}", "gain_total": f"D{l_gain}", "pourcentage": f"D{l_pct}",
                    "pourcentage_apres": f"D{l_pct_apres}", "effort_total": f"D{l_eff}"}
        assert trouve == LG and cellules == K, (trouve, cellules)
        self.ajouter_feuille(F_ETAPES, "taEta", largeurs, lignes, plage_graphique(F_ETAPES, "A", 1, "G", l_top0 + 9))

    # Évolution and Précédent ------------------------------------------------------------------------
    def feuille_precedent(self):
        """The hidden sheet the command « Comparer avec un autodiagnostic précédent » fills (values only):
        the earlier inputs by N° (A:E, rows aligned with « Référentiel »), its contexte (G:H), one
        ECI.EVALUER array on them (J:Q, blank while no comparison was made) and the list of rows whose
        statut changed (S:W, sorted by the command). Nothing here is typed by hand."""
        st = self.st
        C, K = PRE["colonnes"], PRE["cellules"]
        P, T, D = PRE["lignes"]["premiere"], PRE["lignes"]["total"], self.ref_derniere
        assert P == REF_PREMIERE   # row i of the earlier inputs is row i of « Référentiel »
        s_titre = st.cellule(gras=True, taille=12, couleur=VERT_FONCE)
        s_lbl = st.cellule(gras=True)
        s_ent = st.cellule(gras=True, fond=GRIS_ENTETE, retour=True)
        s_in = st.cellule(saisie=True)
        s_calc = st.cellule(fond=GRIS_CALCUL)
        l1 = ligne_colonne(PRE["plages"]["contexte"].split(":")[1])[1]
        source = plage(F_PRECEDENT, *ligne_colonne(K["source"]))
        largeur = colonne_index(C["changement_points"]) + 1
        lignes = []

        def rangee(cellules_par_colonne, h=0.45):
            cel = [c_vide()] * largeur
            for col, c in cellules_par_colonne.items():
                cel[colonne_index(col)] = c
            lignes.append(ligne(cel, st.ligne(h, False)))

        rangee({"A": c_texte("Autodiagnostic précédent : entrées lues par la commande « Comparer avec un "
                             "autodiagnostic précédent » (valeurs seulement, ne pas modifier)", s_titre)}, 0.6)
        for cle, texte in (("source", "Fichier"), ("date", "Comparé le"), ("nature", "Nature"),
                           ("nombre_changements", "Statuts changés")):
            col, l = ligne_colonne(K[cle])
            assert l == len(lignes) + 1 and col == "B", (cle, K[cle])
            rangee({"A": c_texte(texte, s_lbl), "B": c_vide(s_in)})
        assert len(lignes) == T - 1
        total = {"A": c_texte("N°", s_ent), "B": c_texte("Statut", s_ent), "C": c_texte("Part faite", s_ent),
                 "D": c_texte("Part programmée", s_ent), "E": c_texte("Part pas faite", s_ent),
                 "G": c_texte("Clé", s_ent), "H": c_texte("Valeur", s_ent),
                 "S": c_texte("N°", s_ent), "T": c_texte("Intitulé", s_ent), "U": c_texte("Statut avant", s_ent),
                 "V": c_texte("Statut maintenant", s_ent), "W": c_texte("Points gagnés", s_ent)}
        a, m = self.args_precedent()
        # The earlier total line: one ECI.EVALUER_TOTAL array (J:Q), blank while no comparison was made
        assert colonne_index(C["calcul_statut"]) - colonne_index(C["calcul_referentiel"]) == 7, C
        total[C["calcul_referentiel"]] = c_formule(f'IF({source}="";"";{EVALUER_TOTAL}({a};{m}))', s_calc,
                                                   matrice=(8, 1))
        for k in range(1, 8):
            total[col_lettre(colonne_index(C["calcul_referentiel"]) + k)] = c_vide(s_calc)
        rangee(total)
        n = D - P + 1
        for i, noeud in enumerate(self.noeuds):
            cel = {"A": c_texte(noeud["identifiant"]), "B": c_vide(s_in), "C": c_vide(s_in), "D": c_vide(s_in),
                   "E": c_vide(s_in)}
            if P + i <= l1:
                cel["G"], cel["H"] = c_vide(s_in), c_vide(s_in)
            for col in "STUVW":
                cel[col] = c_vide(s_in)
            if i == 0:
                cel[C["calcul_referentiel"]] = c_formule(f'IF({source}="";"";{EVALUER}({a};{m}))', s_calc,
                                                         matrice=(8, n))
            rangee(cel)
        assert len(lignes) == D
        self.ajouter_feuille(F_PRECEDENT, "taPrec", [1.8] * largeur, lignes)

    def feuille_evolution(self):
        """What changed since an earlier autodiagnostic (spec progression.md, « Year on year »): % fait and
        points faits per axe and in total then and now, stars and star within reach then and now (formulas
        on the hidden sheet « Précédent », so they follow the current statuts), a chart per axe, and the
        rows whose statut changed as the command listed them (largest gain first)."""
        st = self.st
        bord = BORDURE
        C, K, LG = EVO["colonnes"], EVO["cellules"], EVO["lignes"]
        PC, PK = PRE["colonnes"], PRE["cellules"]
        s_titre = st.cellule(gras=True, taille=15, couleur=VERT_FONCE, retour=True)
        s_sous = st.cellule(italique=True, couleur="#595959", taille=9, retour=True, valign="top")
        s_lbl = st.cellule(gras=True, bordure=bord, retour=True)
        s_val = st.cellule(bordure=bord, retour=True)
        s_entete = st.cellule(gras=True, fond=VERT_FONCE, couleur="#ffffff", retour=True, halign="center",
                              bordure=bord, taille=9)
        s_section = st.cellule(gras=True, taille=11, couleur="#ffffff", fond=VERT_FONCE, retrait=0.1)
        s_axe = st.cellule(gras=True, fond=VERT_CLAIR, bordure=bord, halign="center")
        s_lib = st.cellule(retour=True, bordure=bord, taille=9)
        s_pct = st.cellule(format="Npct", bordure=bord)
        s_pts = st.cellule(format="Npoints", bordure=bord)
        s_gain = st.cellule(format="Npoints", bordure=bord, gras=True)
        s_tot = st.cellule(gras=True, fond=VERT_MOYEN, bordure=bord)
        s_tot_pct = st.cellule(gras=True, fond=VERT_MOYEN, bordure=bord, format="Npct")
        s_tot_pts = st.cellule(gras=True, fond=VERT_MOYEN, bordure=bord, format="Npoints")
        s_nb = st.cellule(gras=True, taille=12, bordure=bord, halign="center", format="Nentier")
        s_c = st.cellule(taille=9, valign="middle")
        s_c_pts = st.cellule(taille=9, valign="middle", format="Npoints")
        s_note = st.cellule(italique=True, couleur="#595959", taille=8, retour=True, valign="middle")
        largeurs = [1.8, 8.6, 2.6, 2.6, 2.6, 2.6, 2.6]
        lignes, hauteurs = [], []

        def ajout(cellules, h):
            lignes.append(ligne(cellules, st.ligne(h, False)))
            hauteurs.append(h)
            return len(lignes)

        source = plage(F_PRECEDENT, *ligne_colonne(PK["source"]))
        vide = f'{source}=""'
        nom = self.ref_nom()
        ajout([c_formule(f'"Évolution depuis l\'autodiagnostic précédent — "&IF({nom}="";'
                         f'"(collectivité à renseigner)";{nom})', s_titre, fusion=(7, 1)), c_couverte(6)], 1.0)
        ajout([c_texte("Remplie par le menu Économie circulaire ▸ Comparer avec un autodiagnostic précédent "
                       "(un classeur d'autodiagnostic ou un export de la plateforme). Les chiffres « avant » sont "
                       "calculés par les fonctions ECI sur les statuts lus ; les chiffres « maintenant » suivent "
                       "les statuts de la feuille « " + F_REFERENTIEL + " ». Relancer la commande avec un autre "
                       "fichier remplace la comparaison.", s_sous, fusion=(7, 1)), c_couverte(6)], 1.0)
        ajout([c_vide()], 0.3)
        l_src = ajout([c_texte("Autodiagnostic précédent", s_lbl, fusion=(2, 1)), c_couverte(),
                       c_formule(f'IF({vide};"(aucune comparaison : utiliser le menu)";{source})', s_val,
                                 fusion=(5, 1)), c_couverte(4)], 0.6)
        date = plage(F_PRECEDENT, *ligne_colonne(PK["date"]))
        nature = plage(F_PRECEDENT, *ligne_colonne(PK["nature"]))
        l_date = ajout([c_texte("Comparaison faite le", s_lbl, fusion=(2, 1)), c_couverte(),
                        c_formule(f'IF({vide};"";{date}&" ("&{nature}&")")', s_val, fusion=(5, 1)),
                        c_couverte(4)], 0.6)
        ajout([c_vide()], 0.3)
        titres = ["Axe", "Intitulé", "% fait avant", "% fait maintenant", "Points faits avant",
                  "Points faits maintenant", "Points gagnés"]
        l_ent = ajout([c_texte(t, s_entete) for t in titres], 1.0)
        syn = SYN["colonnes"]
        pc_pct, pc_fait = PC["calcul_pourcentage"], PC["calcul_fait"]
        l_axes = []
        for a in self.axes + [None]:
            r = PRE["lignes"]["total"] if a is None else self.ligne_noeud[a["identifiant"]]
            l = len(lignes) + 1
            ls = SYN["lignes"]["total"] if a is None else SYN["lignes"]["premier_axe"] + len(l_axes)
            sp, sn, sg = (s_tot_pct, s_tot_pts, s_tot_pts) if a is None else (s_pct, s_pts, s_gain)
            cel = ([c_texte("Total", s_tot), c_texte("Référentiel entier", s_tot)] if a is None else
                   [c_texte(f"Axe {a['identifiant']}", s_axe), c_texte(a["nom"], s_lib)])
            cel += [c_formule(f'IF({vide};"";{plage(F_PRECEDENT, pc_pct, r)}/100)', sp),
                    c_formule(plage(F_SYNTHESE, syn["pourcentage_fait"], ls), sp),
                    c_formule(f'IF({vide};"";{plage(F_PRECEDENT, pc_fait, r)})', sn),
                    c_formule(plage(F_SYNTHESE, syn["fait"], ls), sn),
                    c_formule(f'IF({vide};"";ROUND([.F{l}]-[.E{l}];3))', sg)]
            if a is None:
                l_total = ajout(cel, 0.6)
            else:
                l_axes.append(ajout(cel, 0.9))
        ajout([c_vide()], 0.3)
        pct_avant = plage(F_PRECEDENT, pc_pct, PRE["lignes"]["total"])
        a, m = self.args_precedent()
        l_et = ajout([c_texte("Étoiles (score)", s_lbl, fusion=(2, 1)), c_couverte(),
                      c_formule(f'IF({vide};"";{ETOILES}({pct_avant}))', s_nb),
                      c_formule(plage(F_SYNTHESE, *ligne_colonne(SYN["cellules"]["etoiles"])), s_nb),
                      c_texte("avant / maintenant (ECI.ETOILES)", s_note, fusion=(3, 1)), c_couverte(2)], 0.6)
        l_portee = ajout([c_texte("Étoile à portée (critères et score)", s_lbl, fusion=(2, 1)), c_couverte(),
                          c_formule(f'IF({vide};"";{LABELLISATION}({a};{m}))', s_nb),
                          c_formule(plage(F_LABEL, *ligne_colonne(LAB["cellules"]["etoile_a_portee"])), s_nb),
                          c_texte("avant / maintenant (ECI.LABELLISATION)", s_note, fusion=(3, 1)),
                          c_couverte(2)], 0.6)
        ajout([c_vide()], 0.3)
        y_graph = sum(hauteurs)
        h_graph = 8.0
        l_graph = ajout([c_vide()], h_graph + 0.2)
        ajout([c_vide()], 0.3)
        nb = plage(F_PRECEDENT, *ligne_colonne(PK["nombre_changements"]))
        l_chg = ajout([c_texte("Lignes dont le statut a changé (plus grand gain d'abord)", s_section,
                               fusion=(4, 1)), c_couverte(3),
                       c_formule(f'IF({vide};"";{nb})', st.cellule(gras=True, couleur="#ffffff", fond=VERT_FONCE,
                                                                    format="Nentier", halign="center")),
                       c_texte("ligne(s)", st.cellule(couleur="#ffffff", fond=VERT_FONCE), fusion=(2, 1)),
                       c_couverte()], 0.6)
        l_ent_chg = ajout([c_texte(t, s_entete) for t in ("N°", "Intitulé", "Statut avant", "Statut maintenant",
                                                          "Points gagnés")], 0.8)
        premier = len(lignes) + 1
        P = PRE["lignes"]["premiere"]
        n = len(self.noeuds)
        # The list the command wrote on « Précédent » (S:W), blanks shown blank: one array formula.
        assert [PC[k] for k in ("changement_id", "changement_intitule", "statut_avant", "statut_maintenant",
                                "changement_points")] == list("STUVW"), PC
        liste = plage(F_PRECEDENT, "S", P, "W", P + n - 1)
        for i in range(n):
            cel = [c_vide(sty) for sty in (s_c, s_c, s_c, s_c, s_c_pts)]
            if i == 0:
                cel[0] = c_formule(f'IF({liste}="";"";{liste})', s_c, matrice=(5, n))
            ajout(cel, 0.45)
        fin = len(lignes)

        trouve = {"entete": l_ent, "premier_axe": l_axes[0], "total": l_total, "etoiles": l_et,
                  "etoile_a_portee": l_portee, "graphique": l_graph, "changements": l_chg,
                  "entete_changements": l_ent_chg, "premier_changement": premier}
        assert trouve == LG, (trouve, LG)
        cellules = {"source": f"C{l_src}", "date": f"C{l_date}", "nombre_changements": f"E{l_chg}"}
        assert cellules == K, (cellules, K)
        assert [C[k] for k in ("axe", "intitule", "pourcentage_avant", "pourcentage_maintenant", "fait_avant",
                               "fait_maintenant", "points_gagnes")] == list("ABCDEFG")
        assert [C[k] for k in ("changement_id", "changement_intitule", "statut_avant", "statut_maintenant",
                               "changement_points")] == list("ABCDE")

        a1, a5 = l_axes[0], l_axes[-1]
        cat = plage_graphique(F_EVOLUTION, "A", a1, "A", a5)
        series = [(plage_graphique(F_EVOLUTION, c, a1, c, a5), plage_graphique(F_EVOLUTION, c, l_ent, c, l_ent), coul)
                  for c, coul in (("C", COULEUR_NON_RENSEIGNE), ("D", COULEUR_FAIT))]
        self.graphiques["Evolution"] = self.graphique_barres(
            cat, series, titre="% fait par axe : avant et maintenant", libelles=["% fait avant", "% fait maintenant"],
            empile=False, pourcentage=True)
        largeur_totale = sum(largeurs)
        formes = ("<table:shapes>"
                  + self.cadre("Evolution", 0, 0.0, y_graph, largeur_totale, h_graph,
                               " ".join([cat, plage_graphique(F_EVOLUTION, "C", l_ent, "D", a5)]))
                  + "</table:shapes>")
        self.ajouter_feuille(F_EVOLUTION, "taEvo", largeurs, lignes, plage_graphique(F_EVOLUTION, "A", 1, "G", fin),
                             formes)

    @staticmethod
    def cadre(nom, z, x, y, w, h, plages):
        return (f'<draw:frame draw:z-index="{z}" draw:name="{nom}" draw:style-name="gr1" svg:width="{w:.3f}cm" '
                f'svg:height="{h:.3f}cm" svg:x="{x:.3f}cm" svg:y="{y:.3f}cm">'
                f'<draw:object draw:notify-on-update-of-ranges="{escape(plages)}" xlink:href="./{nom}" '
                'xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"><loext:p/></draw:object>'
                '</draw:frame>')

    # Charts -------------------------------------------------------------------------------------
    @staticmethod
    def _chart_doc(styles, corps):
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                f'<office:document-content {NS_CHART} office:version="1.3">'
                '<office:automatic-styles>'
                '<number:number-style style:name="N0"><number:number number:min-integer-digits="1"/>'
                '</number:number-style>'
                '<number:percentage-style style:name="Npct0" number:language="fr" number:country="FR">'
                '<number:number number:decimal-places="0" number:min-decimal-places="0" '
                'number:min-integer-digits="1"/><number:text>\u00a0%</number:text></number:percentage-style>'
                + styles + '</office:automatic-styles><office:body><office:chart>' + corps
                + '</office:chart></office:body></office:document-content>')

    @staticmethod
    def _table_locale(titres, n):
        """A small local data cache (LibreOffice reads the cells of the sheet anyway)."""
        t = ('<table:table table:name="local-table"><table:table-header-columns><table:table-column/>'
             '</table:table-header-columns><table:table-columns>'
             f'<table:table-column table:number-columns-repeated="{len(titres)}"/></table:table-columns>'
             '<table:table-header-rows><table:table-row><table:table-cell><text:p/></table:table-cell>')
        for ti in titres:
            t += f'<table:table-cell office:value-type="string"><text:p>{escape(ti)}</text:p></table:table-cell>'
        t += '</table:table-row></table:table-header-rows><table:table-rows>'
        for i in range(n):
            t += (f'<table:table-row><table:table-cell office:value-type="string"><text:p>Axe {i + 1}</text:p>'
                  '</table:table-cell>')
            t += '<table:table-cell office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell>' * len(titres)
            t += '</table:table-row>'
        return t + '</table:table-rows></table:table>'

    def graphique_radar(self, categories, valeurs, libelle):
        styles = (
            '<style:style style:name="ch1" style:family="chart"><style:graphic-properties draw:stroke="none"/>'
            '</style:style>'
            '<style:style style:name="chT" style:family="chart"><style:chart-properties chart:auto-position="true"/>'
            '<style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>'
            '<style:style style:name="ch2" style:family="chart"><style:chart-properties chart:auto-position="true" '
            'chart:auto-size="true" chart:treat-empty-cells="leave-gap"/></style:style>'
            '<style:style style:name="chX" style:family="chart" style:data-style-name="N0">'
            '<style:chart-properties chart:display-label="true" chart:logarithmic="false" '
            'chart:reverse-direction="false" text:line-break="false" chart:link-data-style-to-source="true" '
            'chart:axis-position="0"/><style:graphic-properties svg:stroke-color="#b3b3b3"/>'
            '<style:text-properties fo:font-size="9pt"/></style:style>'
            '<style:style style:name="chY" style:family="chart" style:data-style-name="Npct0">'
            '<style:chart-properties chart:display-label="true" chart:logarithmic="false" chart:minimum="0" '
            'chart:maximum="1" chart:interval-major="0.25" chart:interval-minor-divisor="1" '
            'chart:reverse-direction="false" text:line-break="false" chart:link-data-style-to-source="false" '
            'chart:axis-position="0"/><style:graphic-properties svg:stroke-color="#b3b3b3"/>'
            '<style:text-properties fo:font-size="8pt"/></style:style>'
            '<style:style style:name="chG" style:family="chart"><style:graphic-properties '
            'svg:stroke-color="#d0d0d0"/></style:style>'
            f'<style:style style:name="chS" style:family="chart" style:data-style-name="Npct0">'
            '<style:chart-properties chart:symbol-type="automatic" chart:link-data-style-to-source="false" '
            'chart:data-label-number="value" chart:label-position="outside"/>'
            f'<style:graphic-properties svg:stroke-width="0.08cm" svg:stroke-color="{COULEUR_FAIT}" '
            f'draw:fill-color="{COULEUR_FAIT}" draw:opacity="35%"/>'
            '<style:text-properties fo:font-size="8pt"/></style:style>'
            '<style:style style:name="chW" style:family="chart"><style:graphic-properties draw:stroke="none" '
            'draw:fill="none"/></style:style>'
        )
        corps = (
            '<chart:chart svg:width="11cm" svg:height="8.6cm" xlink:href=".." xlink:type="simple" '
            'chart:class="chart:filled-radar" chart:style-name="ch1">'
            '<chart:title chart:style-name="chT"><text:p>% réalisé par axe</text:p></chart:title>'
            f'<chart:plot-area chart:style-name="ch2" table:cell-range-address="{escape(categories)} '
            f'{escape(valeurs)}" chart:data-source-has-labels="both">'
            '<chart:axis chart:dimension="x" chart:name="primary-x" chart:style-name="chX">'
            f'<chart:categories table:cell-range-address="{escape(categories)}"/></chart:axis>'
            '<chart:axis chart:dimension="y" chart:name="primary-y" chart:style-name="chY">'
            '<chart:grid chart:style-name="chG" chart:class="major"/></chart:axis>'
            f'<chart:series chart:style-name="chS" chart:values-cell-range-address="{escape(valeurs)}" '
            f'chart:label-cell-address="{escape(libelle)}" chart:class="chart:filled-radar">'
            f'<chart:data-point chart:repeated="{len(self.axes)}"/></chart:series>'
            '<chart:wall chart:style-name="chW"/></chart:plot-area>'
            + self._table_locale(["% fait"], len(self.axes)) + '</chart:chart>')
        return self._chart_doc(styles, corps)

    def graphique_barres(self, categories, series, titre="Points par axe", libelles=None, empile=True,
                         pourcentage=False):
        """Bars per axe, one series per (values, label cell, colour): stacked points (Synthèse) or side by
        side percentages (Évolution)."""
        libelles = libelles or ["Points faits", "Points programmés", "Points pas faits", "Points non renseignés"]
        format_y = "Npct0" if pourcentage else "N0"
        empilement = 'chart:stacked="true" chart:overlap="100"' if empile else 'chart:overlap="-10"'
        maximum = 'chart:maximum="1" ' if pourcentage else ""
        styles = (
            '<style:style style:name="ch1" style:family="chart"><style:graphic-properties draw:stroke="none"/>'
            '</style:style>'
            '<style:style style:name="chT" style:family="chart"><style:chart-properties chart:auto-position="true"/>'
            '<style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>'
            '<style:style style:name="chL" style:family="chart"><style:chart-properties chart:auto-position="true"/>'
            '<style:text-properties fo:font-size="8pt"/></style:style>'
            f'<style:style style:name="ch2" style:family="chart"><style:chart-properties {empilement} '
            'chart:auto-position="true" chart:auto-size="true" chart:treat-empty-cells="leave-gap" '
            'chart:gap-width="60"/></style:style>'
            '<style:style style:name="chX" style:family="chart" style:data-style-name="N0">'
            '<style:chart-properties chart:display-label="true" chart:logarithmic="false" '
            'chart:reverse-direction="false" text:line-break="false" chart:link-data-style-to-source="true" '
            'chart:axis-position="0"/><style:graphic-properties svg:stroke-color="#b3b3b3"/>'
            '<style:text-properties fo:font-size="9pt"/></style:style>'
            f'<style:style style:name="chY" style:family="chart" style:data-style-name="{format_y}">'
            f'<style:chart-properties chart:display-label="true" chart:logarithmic="false" chart:minimum="0" {maximum}'
            'chart:reverse-direction="false" text:line-break="false" chart:link-data-style-to-source="false" '
            'chart:axis-position="0"/><style:graphic-properties svg:stroke-color="#b3b3b3"/>'
            '<style:text-properties fo:font-size="8pt"/></style:style>'
            '<style:style style:name="chG" style:family="chart"><style:graphic-properties '
            'svg:stroke-color="#d0d0d0"/></style:style>'
            '<style:style style:name="chW" style:family="chart"><style:graphic-properties draw:stroke="none" '
            'draw:fill="none"/></style:style>'
        )
        for i, (_, _, coul) in enumerate(series):
            styles += (f'<style:style style:name="chS{i}" style:family="chart" style:data-style-name="{format_y}">'
                       '<style:chart-properties chart:link-data-style-to-source="true"/>'
                       f'<style:graphic-properties draw:stroke="none" draw:fill="solid" draw:fill-color="{coul}"/>'
                       '</style:style>')
        tout = " ".join([categories] + [v for v, _, _ in series])
        corps = (
            '<chart:chart svg:width="13cm" svg:height="8.6cm" xlink:href=".." xlink:type="simple" '
            'chart:class="chart:bar" chart:style-name="ch1">'
            f'<chart:title chart:style-name="chT"><text:p>{escape(titre)}</text:p></chart:title>'
            '<chart:legend chart:legend-position="bottom" style:legend-expansion="wide" chart:style-name="chL"/>'
            f'<chart:plot-area chart:style-name="ch2" table:cell-range-address="{escape(tout)}" '
            'chart:data-source-has-labels="both">'
            '<chart:axis chart:dimension="x" chart:name="primary-x" chart:style-name="chX">'
            f'<chart:categories table:cell-range-address="{escape(categories)}"/></chart:axis>'
            '<chart:axis chart:dimension="y" chart:name="primary-y" chart:style-name="chY">'
            '<chart:grid chart:style-name="chG" chart:class="major"/></chart:axis>')
        for i, (valeurs, libelle, _) in enumerate(series):
            corps += (f'<chart:series chart:style-name="chS{i}" chart:values-cell-range-address="{escape(valeurs)}" '
                      f'chart:label-cell-address="{escape(libelle)}" chart:class="chart:bar">'
                      f'<chart:data-point chart:repeated="{len(self.axes)}"/></chart:series>')
        corps += ('<chart:wall chart:style-name="chW"/></chart:plot-area>'
                  + self._table_locale(libelles, len(self.axes)) + '</chart:chart>')
        return self._chart_doc(styles, corps)

    # Package ------------------------------------------------------------------------------------
    def content_xml(self):
        auto = (FORMATS_NOMBRE + self._styles_tables() + self.st.xml() + STYLE_GRAPHIQUE)
        return contenu_xml(auto, "".join(x for _, x in self.feuilles), self.val.xml())

    @staticmethod
    def _styles_tables():
        return (style_table("taMode", "Default", "#7f7f7f") + style_table("taColl", "Default", "#ffc000")
                + style_table("taRef", "Referentiel", VERT_MOYEN) + style_table("taSyn", "Synthese", VERT_FONCE)
                + style_table("taLab", "Labellisation", "#e0a800") + style_table("taEvo", "Labellisation", "#4a86c5")
                + style_table("taEta", "Labellisation", "#2e9e44")
                + style_table("taPrec", "Default", "#7f7f7f").replace('table:display="true"', 'table:display="false"'))

    def settings_xml(self):
        items = {nom: reglages_feuille_figee(r["gel_colonnes"], r["gel_lignes"], 9, REF_PREMIERE - 1)
                 for nom, r in self.reglages.items()}
        active = F_SYNTHESE if self.exemple else F_MODE
        return reglages_xml([nom for nom, _ in self.feuilles], active, items)

    def ecrire(self, sortie):
        self.construire()
        ecrire_paquet(sortie, self.content_xml(), STYLES_XML, meta_xml(self.exemple), self.settings_xml(),
                      self.graphiques, GENERATEUR)


def disposition_calculee():
    """What the map cannot hold because it depends on the data (for the C++ header, disposition.py):
    the last node row of « Référentiel » and the last key row of « Collectivité »."""
    c = Classeur(False)
    contexte = f"{COL_COL['cle']}{COL_PREMIERE}:{COL_COL['valeur']}{c.col_derniere}"
    return {"referentiel": {"lignes": {"derniere": c.ref_derniere}},
            "collectivite": {"lignes": {"derniere": c.col_derniere}, "plages": {"contexte": contexte}}}


# ----------------------------------------------------------------------------------- constants ---
GENERATEUR = "generer_autodiagnostic.py"
_ENTETE = "Autodiagnostic économie circulaire"
_PIED = "Référentiel ECi — données Territoires en Transitions (MIT)"

STYLES_XML = styles_xml(
    mise_en_page("pmDefaut", False, 1, 0) + mise_en_page("pmRef", True, 1, 0) + mise_en_page("pmSyn", True, 1, 1)
    + mise_en_page("pmLab", True, 1, 0),
    page_maitre("Default", "Par défaut", "pmDefaut", _ENTETE, _PIED)
    + page_maitre("Referentiel", "Référentiel", "pmRef", _ENTETE, _PIED)
    + page_maitre("Synthese", "Synthèse", "pmSyn", _ENTETE, _PIED)
    + page_maitre("Labellisation", "Labellisation", "pmLab", _ENTETE, _PIED),
    style_nomme_cellule("EtatAtteint", "#c6efce", "#006100", True)
    + style_nomme_cellule("EtatNonAtteint", "#ffc7ce", "#9c0006", True)
    + style_nomme_cellule("EtatSansObjet", "#e7e6e6", "#595959"))


def meta_xml(exemple):
    titre = "Autodiagnostic économie circulaire" + (" — exemple" if exemple else "")
    return _meta_xml("generer_autodiagnostic.py (extension Économie circulaire)", titre,
                     "Référentiel Économie circulaire (ECi)")



def main(argv=None):
    p = argparse.ArgumentParser(description="Génère le classeur d'autodiagnostic économie circulaire (.ods).")
    p.add_argument("--sortie", required=True, help="fichier .ods à écrire")
    p.add_argument("--exemple", action="store_true",
                   help="remplir avec la collectivité et les statuts d'exemple (spreadsheets/exemple/)")
    a = p.parse_args(argv)
    Classeur(a.exemple).ecrire(a.sortie)
    return 0


if __name__ == "__main__":
    sys.exit(main())
