"""Shared helpers to write an OpenDocument spreadsheet (.ods) directly (Python 3 standard library only).

Used by the workbook generators of spreadsheets/ (generer_autodiagnostic.py, generer_plan_financement.py, …).
The API below is meant to stay stable; add, don't change.

References and literals
    col_lettre(i)                         0-based column index -> "A", "B", …, "AA"
    ref_feuille(feuille)                  "$'Sheet name'" (quotes doubled)
    plage(feuille, c1, l1, c2=None, l2=None, absolu=True)
                                          ODF formula reference "[$'F'.$A$1:.$B$2]" (feuille None = same sheet)
    plage_graphique(feuille, c1, l1, c2, l2)
                                          "'F'.A1:'F'.B2" (print ranges, charts, named ranges)
    adresse_cellule(feuille, c, l)        "$'F'.$C$8" (table:cell-range-address of a named range)
    chaine(texte)                         a string literal inside a formula ("" doubled)
    fonction_addin("ECI.EVALUER")         the add-in function's name as stored in ODF
                                          ("FR.ADEME.ECI.FONCTIONS.ECIEVALUER"), from addin/fonctions.json

Styles
    Styles()                              automatic styles of content.xml, deduplicated:
        .cellule(fond, gras, italique, couleur, taille, retour, halign, valign, format, saisie, bordure,
                 retrait, police, conditions) -> "ceN"     (saisie=True = unprotected input cell; conditions =
                 ((text, named style, base cell), ...): conditional formatting on the cell's text)
    style_nomme_cellule(nom, fond, couleur, gras) -> a named style for styles_xml(..., styles_nommes)
        .colonne(largeur_cm) -> "coN" ; .ligne(hauteur_cm=None, optimale=True) -> "roN" ; .xml()
    FORMATS_NOMBRE                        data styles Npoints, Npct, Npct0, Nentier, Ndate
    FORMATS_EUROS                         data styles Neuro ("# ##0,00 €", negative in red), Npct2 (0,00 %),
                                          Ndec2 (0,00)
    colours VERT_FONCE, VERT_MOYEN, VERT_CLAIR, GRIS_ENTETE, JAUNE_SAISIE, GRIS_CALCUL, BORDURE

Cells and rows (return XML strings)
    c_vide(style, validation, repete) ; c_texte(texte, style, validation, fusion=(cols, rows))
    c_nombre(valeur, style, validation, type_valeur="float"|"percentage"|"currency")
    c_formule(formule_sans_egal, style, matrice=(cols, rows), fusion, validation)   stored as "of:=…"
    c_couverte(n) ; ligne(cellules, style_ligne)
    Validations(): .ajouter(condition, base, titre, aide, erreur, liste=True) ; .liste_valeurs(valeurs, base,
                   titre, aide, erreur) ; .xml()
    plages_nommees_xml([(nom, feuille, colonne, ligne) or (nom, feuille, c1, l1, c2, l2)])
    protection_feuille()                  the <loext:table-protection …/> element (put right after <table:table>)

Package
    NS, NS_CHART, FONTES
    mise_en_page(nom, paysage, echelle_x, echelle_y) ; page_maitre(nom, affichage, layout, entete_droite,
                 pied_gauche)
    styles_xml(mises_en_page_xml, pages_maitres_xml)
    style_table(nom, page_maitre, couleur_onglet) ; STYLE_GRAPHIQUE (graphic style "gr1" for charts)
    contenu_xml(styles_auto_xml, tables_xml, validations_xml="", plages_nommees="<table:named-expressions/>")
    reglages_xml(feuilles, active, items_par_feuille={name: items})   settings.xml, items from
        reglages_feuille_simple(curseur_x, curseur_y) or reglages_feuille_figee(gel_col, gel_lig, cx, cy)
    meta_xml(generateur, titre, sujet) ; CHART_STYLES_XML ; chart_meta_xml(generateur)
    manifest_xml(graphiques)
    ecrire_paquet(sortie, content, styles, meta, settings, graphiques={dir: chart content.xml}, generateur)
                                          deterministic zip (mimetype first and stored, fixed timestamps)
"""

import json
import math
import os
import zipfile
from xml.sax.saxutils import escape

__all__ = [
    "escape", "col_lettre", "ref_feuille", "plage", "plage_graphique", "adresse_cellule", "chaine",
    "Styles", "FORMATS_NOMBRE", "FORMATS_EUROS", "VERT_FONCE", "VERT_MOYEN", "VERT_CLAIR", "GRIS_ENTETE",
    "JAUNE_SAISIE", "GRIS_CALCUL", "BORDURE", "c_vide", "c_texte", "c_nombre", "c_formule", "c_couverte",
    "ligne", "Validations", "plages_nommees_xml", "protection_feuille", "hauteur_texte", "NS", "NS_CHART",
    "FONTES", "mise_en_page", "page_maitre", "styles_xml", "contenu_xml", "reglages_xml", "meta_xml",
    "CHART_STYLES_XML", "chart_meta_xml", "manifest_xml", "ecrire_paquet", "MIMETYPE_ODS", "style_table",
    "STYLE_GRAPHIQUE", "style_nomme_cellule", "reglages_feuille_simple", "reglages_feuille_figee",
]


# ------------------------------------------------------------------------------ references ---

# ---- add-in function names (from addin/fonctions.json, the single metadata source) -------------
_FONCTIONS_JSON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "addin", "fonctions.json")
_FONCTIONS_ADDIN = None


def fonction_addin(nom):
    """ODF name of an add-in function ("ECI.EVALUER" -> "FR.ADEME.ECI.FONCTIONS.ECIEVALUER"): the service name
    and the method, upper case. An unknown name fails here, at build time, instead of #NAME? in the workbook."""
    global _FONCTIONS_ADDIN
    if _FONCTIONS_ADDIN is None:
        with open(_FONCTIONS_JSON, encoding="utf-8") as f:
            meta = json.load(f)
        service = ".".join(meta["module"] + [meta["service"]]).upper()
        _FONCTIONS_ADDIN = {fn["name"]: service + "." + fn["method"].upper() for fn in meta["functions"]}
    if nom not in _FONCTIONS_ADDIN:
        raise KeyError(f"fonction inconnue de addin/fonctions.json : {nom}")
    return _FONCTIONS_ADDIN[nom]

def col_lettre(i):
    """0-based column index -> letters."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def ref_feuille(feuille):
    return "$'" + feuille.replace("'", "''") + "'"


def plage(feuille, c1, l1, c2=None, l2=None, absolu=True):
    """ODF formula reference, e.g. [$'Référentiel'.$A$7:.$A$373]; feuille None = same sheet."""
    d = "$" if absolu else ""
    a = f"{d}{c1}{d}{l1}"
    debut = (ref_feuille(feuille) if feuille else "") + "." + a
    if c2 is None:
        return f"[{debut}]"
    return f"[{debut}:.{d}{c2}{d}{l2}]"


def plage_graphique(feuille, c1, l1, c2, l2):
    """Cell range address as written in chart XML and draw:notify-on-update-of-ranges."""
    f = "'" + feuille.replace("'", "''") + "'"
    return f"{f}.{c1}{l1}:{f}.{c2}{l2}"


def adresse_cellule(feuille, c, l, c2=None, l2=None):
    """Absolute cell (range) address for table:cell-range-address / base-cell-address: $'F'.$C$8."""
    a = f"{ref_feuille(feuille)}.${c}${l}"
    if c2 is not None:
        a += f":.${c2}${l2}"
    return a


def chaine(texte):
    """A string literal inside a formula."""
    return '"' + texte.replace('"', '""') + '"'


def hauteur_texte(texte, car_par_ligne, hauteur_ligne):
    """Row height (cm) for a wrapped text of len(texte) characters."""
    n = max(1, math.ceil(len(texte) / car_par_ligne))
    return round(n * hauteur_ligne + 0.15, 2)


# ---------------------------------------------------------------------------------- styles ---
class Styles:
    """Automatic styles of content.xml, deduplicated by their properties."""

    def __init__(self):
        self.cellules = {}
        self.colonnes = {}
        self.lignes = {}

    def cellule(self, fond=None, gras=False, italique=False, couleur=None, taille=None, retour=False,
                halign=None, valign="middle", format=None, saisie=False, bordure=None, retrait=None,
                police=None, conditions=None):
        """conditions: conditional formatting, ((text, named style, base cell), ...): a cell whose content
        equals the text takes the named style (see style_nomme_cellule, put in styles.xml)."""
        cle = (fond, gras, italique, couleur, taille, retour, halign, valign, format, saisie, bordure,
               retrait, police)
        if conditions:
            cle += (tuple(conditions),)
        if cle not in self.cellules:
            self.cellules[cle] = f"ce{len(self.cellules) + 1}"
        return self.cellules[cle]

    def colonne(self, largeur_cm):
        cle = round(largeur_cm, 3)
        if cle not in self.colonnes:
            self.colonnes[cle] = f"co{len(self.colonnes) + 1}"
        return self.colonnes[cle]

    def ligne(self, hauteur_cm=None, optimale=True):
        cle = (None if hauteur_cm is None else round(hauteur_cm, 3), optimale)
        if cle not in self.lignes:
            self.lignes[cle] = f"ro{len(self.lignes) + 1}"
        return self.lignes[cle]

    def xml(self):
        out = []
        for l, nom in self.colonnes.items():
            out.append(f'<style:style style:name="{nom}" style:family="table-column">'
                       f'<style:table-column-properties fo:break-before="auto" style:column-width="{l}cm"/>'
                       f'</style:style>')
        for (h, opt), nom in self.lignes.items():
            hh = f' style:row-height="{h}cm"' if h is not None else ""
            out.append(f'<style:style style:name="{nom}" style:family="table-row">'
                       f'<style:table-row-properties{hh} fo:break-before="auto" '
                       f'style:use-optimal-row-height="{"true" if opt else "false"}"/></style:style>')
        for cle, nom in self.cellules.items():
            (fond, gras, italique, couleur, taille, retour, halign, valign, format, saisie, bordure,
             retrait, police) = cle[:13]
            conditions = cle[13] if len(cle) > 13 else ()
            ds = f' style:data-style-name="{format}"' if format else ""
            tcp = []
            if fond:
                tcp.append(f'fo:background-color="{fond}"')
            if retour:
                tcp.append('fo:wrap-option="wrap"')
            if valign:
                tcp.append(f'style:vertical-align="{valign}"')
            if saisie:
                tcp.append('style:cell-protect="none" style:print-content="true"')
            if bordure:
                tcp.append(f'fo:border="{bordure}"')
            if halign:
                tcp.append('style:text-align-source="fix" style:repeat-content="false"')
            pp = []
            if halign:
                pp.append(f'fo:text-align="{halign}"')
            if retrait:
                pp.append(f'fo:margin-left="{retrait}cm"')
            tp = []
            if gras:
                tp.append('fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"')
            if italique:
                tp.append('fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"')
            if couleur:
                tp.append(f'fo:color="{couleur}"')
            if taille:
                tp.append(f'fo:font-size="{taille}pt" style:font-size-asian="{taille}pt" '
                          f'style:font-size-complex="{taille}pt"')
            if police:
                tp.append(f'style:font-name="{police}"')
            s = f'<style:style style:name="{nom}" style:family="table-cell" style:parent-style-name="Default"{ds}>'
            if tcp:
                s += f'<style:table-cell-properties {" ".join(tcp)}/>'
            if pp:
                s += f'<style:paragraph-properties {" ".join(pp)}/>'
            if tp:
                s += f'<style:text-properties {" ".join(tp)}/>'
            for texte, style, base in conditions:
                cond = escape(f"cell-content()={chaine(texte)}", {chr(34): "&quot;"})
                s += (f'<style:map style:condition="{cond}" style:apply-style-name="{style}" '
                      f'style:base-cell-address="{escape(base)}"/>')
            s += "</style:style>"
            out.append(s)
        return "".join(out)


FORMATS_NOMBRE = (
    # points: up to 3 decimals
    '<number:number-style style:name="Npoints" number:language="fr" number:country="FR">'
    '<number:number number:decimal-places="3" number:min-decimal-places="0" number:min-integer-digits="1" '
    'number:grouping="true"/></number:number-style>'
    # percentage with one decimal
    '<number:percentage-style style:name="Npct" number:language="fr" number:country="FR">'
    '<number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/>'
    '<number:text>\u00a0%</number:text></number:percentage-style>'
    # integer percentage (thresholds, fractions)
    '<number:percentage-style style:name="Npct0" number:language="fr" number:country="FR">'
    '<number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1"/>'
    '<number:text>\u00a0%</number:text></number:percentage-style>'
    # integer
    '<number:number-style style:name="Nentier" number:language="fr" number:country="FR">'
    '<number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1" '
    'number:grouping="true"/></number:number-style>'
    # date
    '<number:date-style style:name="Ndate" number:language="fr" number:country="FR" '
    'number:automatic-order="true"><number:day number:style="long"/><number:text>/</number:text>'
    '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>'
    '</number:date-style>'
)

FORMATS_EUROS = (
    # euros: # ##0,00 € (negative: red with minus sign)
    '<number:currency-style style:name="NeuroP0" style:volatile="true" number:language="fr" '
    'number:country="FR"><number:number number:decimal-places="2" number:min-decimal-places="2" '
    'number:min-integer-digits="1" number:grouping="true"/><number:text>\u00a0</number:text>'
    '<number:currency-symbol number:language="fr" number:country="FR">€</number:currency-symbol>'
    '</number:currency-style>'
    '<number:currency-style style:name="Neuro" number:language="fr" number:country="FR">'
    '<style:text-properties fo:color="#c9211e"/><number:text>-</number:text>'
    '<number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" '
    'number:grouping="true"/><number:text>\u00a0</number:text>'
    '<number:currency-symbol number:language="fr" number:country="FR">€</number:currency-symbol>'
    '<style:map style:condition="value()&gt;=0" style:apply-style-name="NeuroP0"/></number:currency-style>'
    # percentage with two decimals
    '<number:percentage-style style:name="Npct2" number:language="fr" number:country="FR">'
    '<number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/>'
    '<number:text>\u00a0%</number:text></number:percentage-style>'
    # decimal number with two decimals (rates typed as 0,70)
    '<number:number-style style:name="Ndec2" number:language="fr" number:country="FR">'
    '<number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" '
    'number:grouping="true"/></number:number-style>'
)

# Colours
VERT_FONCE = "#1e5631"
VERT_MOYEN = "#a4d4ae"
VERT_CLAIR = "#e3f2e6"
GRIS_ENTETE = "#d9d9d9"
JAUNE_SAISIE = "#fff9db"
GRIS_CALCUL = "#f2f2f2"
BORDURE = "0.5pt solid #bfbfbf"


# ----------------------------------------------------------------------------------- cells ---
def _attrs(style=None, validation=None, extra=""):
    a = ""
    if style:
        a += f' table:style-name="{style}"'
    if validation:
        a += f' table:content-validation-name="{validation}"'
    return a + extra


def c_vide(style=None, validation=None, repete=1):
    r = f' table:number-columns-repeated="{repete}"' if repete > 1 else ""
    return f"<table:table-cell{_attrs(style, validation)}{r}/>"


def _paragraphes(texte):
    return "".join(f"<text:p>{escape(p)}</text:p>" for p in texte.split("\n"))


def c_texte(texte, style=None, validation=None, fusion=None):
    if texte is None or texte == "":
        return c_vide(style, validation)
    f = ""
    if fusion:
        f = f' table:number-columns-spanned="{fusion[0]}" table:number-rows-spanned="{fusion[1]}"'
    return (f'<table:table-cell{_attrs(style, validation)}{f} office:value-type="string" '
            f'calcext:value-type="string">{_paragraphes(texte)}</table:table-cell>')


def c_nombre(valeur, style=None, validation=None, type_valeur="float"):
    v = repr(float(valeur)) if not float(valeur).is_integer() else str(int(float(valeur)))
    cur = ' office:currency="EUR"' if type_valeur == "currency" else ""
    return (f'<table:table-cell{_attrs(style, validation)} office:value-type="{type_valeur}"{cur} '
            f'office:value="{v}" calcext:value-type="{type_valeur}"><text:p>{v}</text:p></table:table-cell>')


def c_formule(formule, style=None, matrice=None, fusion=None, validation=None):
    """formula without the leading '=' ; matrice = (columns, rows) for an array formula."""
    m = ""
    if matrice:
        m = (f' table:number-matrix-columns-spanned="{matrice[0]}" '
             f'table:number-matrix-rows-spanned="{matrice[1]}"')
    if fusion:
        m += f' table:number-columns-spanned="{fusion[0]}" table:number-rows-spanned="{fusion[1]}"'
    return (f'<table:table-cell{_attrs(style, validation)}{m} '
            f'table:formula="{escape("of:=" + formule, {chr(34): "&quot;"})}"/>')


def c_couverte(n=1):
    r = f' table:number-columns-repeated="{n}"' if n > 1 else ""
    return f"<table:covered-table-cell{r}/>"


def ligne(cellules, style_ligne):
    return f'<table:table-row table:style-name="{style_ligne}">{"".join(cellules)}</table:table-row>'


def protection_feuille():
    """Put right after the <table:table table:protected="true"> start tag (no password)."""
    return ('<loext:table-protection loext:select-protected-cells="true" '
            'loext:select-unprotected-cells="true"/>')


# ----------------------------------------------------------------------------- validations ---
class Validations:
    def __init__(self):
        self.liste = []

    def ajouter(self, condition, base, titre_aide, aide, erreur, liste=True):
        nom = f"val{len(self.liste) + 1}"
        self.liste.append((nom, condition, base, titre_aide, aide, erreur, liste))
        return nom

    def liste_valeurs(self, valeurs, base, titre_aide, aide, erreur):
        cond = "of:cell-content-is-in-list(" + ";".join(chaine(v) for v in valeurs) + ")"
        return self.ajouter(cond, base, titre_aide, aide, erreur)

    def xml(self):
        if not self.liste:
            return ""
        out = ["<table:content-validations>"]
        for nom, cond, base, titre, aide, erreur, liste in self.liste:
            dl = ' table:display-list="unsorted"' if liste else ""
            out.append(
                f'<table:content-validation table:name="{nom}" table:condition="{escape(cond, {chr(34): "&quot;"})}" '
                f'table:allow-empty-cell="true"{dl} table:base-cell-address="{escape(base)}">'
                f'<table:help-message table:title="{escape(titre)}" table:display="true">{_paragraphes(aide)}'
                f'</table:help-message>'
                f'<table:error-message table:message-type="stop" table:display="true">{_paragraphes(erreur)}'
                f'</table:error-message></table:content-validation>')
        out.append("</table:content-validations>")
        return "".join(out)


def plages_nommees_xml(plages):
    """[(nom, feuille, col, ligne)] or [(nom, feuille, c1, l1, c2, l2)] -> <table:named-expressions>."""
    if not plages:
        return "<table:named-expressions/>"
    out = ["<table:named-expressions>"]
    for p in plages:
        nom, feuille = p[0], p[1]
        adr = adresse_cellule(feuille, *p[2:])
        base = adresse_cellule(feuille, p[2], p[3])
        out.append(f'<table:named-range table:name="{escape(nom)}" '
                   f'table:base-cell-address="{escape(base, {chr(39): "&apos;"})}" '
                   f'table:cell-range-address="{escape(adr, {chr(39): "&apos;"})}"/>')
    out.append("</table:named-expressions>")
    return "".join(out)


# --------------------------------------------------------------------------------- package ---
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" '
      'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
      'xmlns:tableooo="http://openoffice.org/2009/table" '
      'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
      'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"')

NS_CHART = NS + (' xmlns:chartooo="http://openoffice.org/2010/chart"')

FONTES = ('<office:font-face-decls>'
          '<style:font-face style:name="Liberation Sans" svg:font-family="&apos;Liberation Sans&apos;" '
          'style:font-family-generic="swiss" style:font-pitch="variable"/>'
          '<style:font-face style:name="DejaVu Sans" svg:font-family="&apos;DejaVu Sans&apos;" '
          'style:font-family-generic="swiss" style:font-pitch="variable"/>'
          '</office:font-face-decls>')

MIMETYPE_ODS = "application/vnd.oasis.opendocument.spreadsheet"


def mise_en_page(nom, paysage, echelle_x, echelle_y):
    """Page layout (A4, 1 cm margins); echelle_x/y = pages wide/tall to fit (0 = free)."""
    largeur, hauteur = ("29.7cm", "21cm") if paysage else ("21cm", "29.7cm")
    orient = "landscape" if paysage else "portrait"
    return (f'<style:page-layout style:name="{nom}"><style:page-layout-properties fo:page-width="{largeur}" '
            f'fo:page-height="{hauteur}" style:num-format="1" style:print-orientation="{orient}" '
            'fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1cm" fo:margin-right="1cm" '
            f'style:print-page-order="ttb" style:first-page-number="continue" '
            f'style:scale-to-X="{echelle_x}" style:scale-to-Y="{echelle_y}" '
            'style:print="objects charts drawings zero-values" style:writing-mode="lr-tb"/>'
            '<style:header-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-left="0cm" '
            'fo:margin-right="0cm" fo:margin-bottom="0.2cm"/></style:header-style>'
            '<style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-left="0cm" '
            'fo:margin-right="0cm" fo:margin-top="0.2cm"/></style:footer-style></style:page-layout>')


def page_maitre(nom, affichage, layout, entete_droite, pied_gauche):
    """Master page: header = sheet name | entete_droite ; footer = pied_gauche | Page n / N."""
    return (f'<style:master-page style:name="{nom}" style:display-name="{escape(affichage)}" '
            f'style:page-layout-name="{layout}">'
            '<style:header><style:region-left><text:p><text:sheet-name>???</text:sheet-name></text:p>'
            f'</style:region-left><style:region-right><text:p>{escape(entete_droite)}</text:p>'
            '</style:region-right></style:header>'
            f'<style:footer><style:region-left><text:p>{escape(pied_gauche)}'
            '</text:p></style:region-left><style:region-right><text:p>Page <text:page-number>1'
            '</text:page-number> / <text:page-count>1</text:page-count></text:p></style:region-right>'
            '</style:footer></style:master-page>')


def style_nomme_cellule(nom, fond, couleur=None, gras=False):
    """A named cell style for styles.xml (styles_xml(..., styles_nommes=...)), the target of a conditional
    format (Styles.cellule(conditions=...))."""
    tp = (f' fo:color="{couleur}"' if couleur else "") + (' fo:font-weight="bold"' if gras else "")
    return (f'<style:style style:name="{nom}" style:family="table-cell" style:parent-style-name="Default">'
            f'<style:table-cell-properties fo:background-color="{fond}"/>'
            + (f'<style:text-properties{tp}/>' if tp else "") + '</style:style>')


def styles_xml(mises_en_page_xml, pages_maitres_xml, styles_nommes=""):
    """styles.xml: default cell style (Liberation Sans 10, fr-FR) + the given layouts and master pages
    (one master page must be named "Default") + named cell styles (style_nomme_cellule)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-styles {NS} office:version="1.3">' + FONTES +
        '<office:styles>'
        '<style:default-style style:family="table-cell">'
        '<style:paragraph-properties style:tab-stop-distance="1.25cm"/>'
        '<style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt" fo:language="fr" '
        'fo:country="FR" style:font-name-asian="DejaVu Sans" style:font-name-complex="DejaVu Sans"/>'
        '</style:default-style>'
        '<style:default-style style:family="graphic"><style:graphic-properties svg:stroke-color="#3465a4" '
        'draw:fill-color="#729fcf"/><style:text-properties fo:language="fr" fo:country="FR"/></style:default-style>'
        '<number:number-style style:name="N0"><number:number number:min-integer-digits="1"/></number:number-style>'
        '<style:style style:name="Default" style:family="table-cell">'
        '<style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt"/></style:style>'
        + styles_nommes + '</office:styles>'
        '<office:automatic-styles>' + mises_en_page_xml
        + '</office:automatic-styles><office:master-styles>' + pages_maitres_xml
        + '</office:master-styles></office:document-styles>')


def style_table(nom, page, couleur):
    """Automatic style of a sheet (master page + tab colour)."""
    return (f'<style:style style:name="{nom}" style:family="table" style:master-page-name="{page}">'
            f'<style:table-properties table:display="true" style:writing-mode="lr-tb" '
            f'tableooo:tab-color="{couleur}"/></style:style>')


STYLE_GRAPHIQUE = ('<style:style style:name="gr1" style:family="graphic"><style:graphic-properties '
                   'draw:stroke="none" draw:fill="none" style:protect="position size"/></style:style>')


def contenu_xml(styles_auto_xml, tables_xml, validations_xml="", plages_nommees="<table:named-expressions/>"):
    """content.xml. styles_auto_xml = data styles + table styles + cell styles (+ graphic styles)."""
    corps = ('<office:body><office:spreadsheet>'
             '<table:calculation-settings table:automatic-find-labels="false" '
             'table:use-regular-expressions="false" table:use-wildcards="true"/>'
             + validations_xml + tables_xml + plages_nommees + '</office:spreadsheet></office:body>')
    auto = '<office:automatic-styles>' + styles_auto_xml + '</office:automatic-styles>'
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<office:document-content {NS} office:version="1.3">'
            + FONTES + auto + corps + '</office:document-content>')


def reglages_feuille_simple(curseur_x=0, curseur_y=0):
    return [("CursorPositionX", "int", curseur_x), ("CursorPositionY", "int", curseur_y),
            ("HorizontalSplitMode", "short", 0), ("VerticalSplitMode", "short", 0),
            ("PositionLeft", "int", 0), ("PositionRight", "int", 0), ("PositionTop", "int", 0),
            ("PositionBottom", "int", 0)]


def reglages_feuille_figee(gel_colonnes, gel_lignes, curseur_x, curseur_y):
    """View with the first gel_colonnes columns and gel_lignes rows frozen."""
    return [("HorizontalSplitMode", "short", 2), ("VerticalSplitMode", "short", 2),
            ("HorizontalSplitPosition", "int", gel_colonnes), ("VerticalSplitPosition", "int", gel_lignes),
            ("ActiveSplitRange", "short", 3), ("PositionLeft", "int", 0),
            ("PositionRight", "int", gel_colonnes), ("PositionTop", "int", 0),
            ("PositionBottom", "int", gel_lignes),
            ("CursorPositionX", "int", curseur_x), ("CursorPositionY", "int", curseur_y)]


def reglages_xml(feuilles, active, items_par_feuille=None):
    """settings.xml. feuilles = sheet names in order; items_par_feuille = {name: [(key, type, value)]}
    (default reglages_feuille_simple())."""
    items_par_feuille = items_par_feuille or {}
    tables = ""
    for nom in feuilles:
        items = items_par_feuille.get(nom) or reglages_feuille_simple()
        tables += f'<config:config-item-map-entry config:name="{escape(nom)}">' + "".join(
            f'<config:config-item config:name="{k}" config:type="{ty}">{v}</config:config-item>'
            for k, ty, v in items) + "</config:config-item-map-entry>"
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3">'
            '<office:settings><config:config-item-set config:name="ooo:view-settings">'
            '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
            '<config:config-item config:name="ViewId" config:type="string">view1</config:config-item>'
            f'<config:config-item-map-named config:name="Tables">{tables}</config:config-item-map-named>'
            f'<config:config-item config:name="ActiveTable" config:type="string">{escape(active)}'
            '</config:config-item>'
            '<config:config-item config:name="ShowGrid" config:type="boolean">true</config:config-item>'
            '<config:config-item config:name="HasColumnRowHeaders" config:type="boolean">true</config:config-item>'
            '<config:config-item config:name="HasSheetTabs" config:type="boolean">true</config:config-item>'
            '<config:config-item config:name="IsOutlineSymbolsSet" config:type="boolean">true'
            '</config:config-item>'
            '</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>'
            '<config:config-item-set config:name="ooo:configuration-settings">'
            '<config:config-item config:name="IsDocumentShared" config:type="boolean">false</config:config-item>'
            '</config:config-item-set>'
            '</office:settings></office:document-settings>')


CHART_STYLES_XML = ('<?xml version="1.0" encoding="UTF-8"?>'
                    f'<office:document-styles {NS_CHART} office:version="1.3"><office:styles/>'
                    '</office:document-styles>')


def chart_meta_xml(generateur):
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3">'
            f'<office:meta><meta:generator>{escape(generateur)}</meta:generator></office:meta>'
            '</office:document-meta>')


def meta_xml(generateur, titre, sujet):
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta>'
            f'<meta:generator>{escape(generateur)}</meta:generator>'
            f'<dc:title>{escape(titre)}</dc:title>'
            f'<dc:subject>{escape(sujet)}</dc:subject>'
            '<dc:language>fr-FR</dc:language>'
            '</office:meta></office:document-meta>')


def manifest_xml(graphiques=()):
    e = ['<?xml version="1.0" encoding="UTF-8"?>'
         '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
         'manifest:version="1.3">'
         '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
         f'manifest:media-type="{MIMETYPE_ODS}"/>']
    for f in ("content.xml", "styles.xml", "meta.xml", "settings.xml"):
        e.append(f'<manifest:file-entry manifest:full-path="{f}" manifest:media-type="text/xml"/>')
    for nom in graphiques:
        for f in ("content.xml", "styles.xml", "meta.xml"):
            e.append(f'<manifest:file-entry manifest:full-path="{nom}/{f}" manifest:media-type="text/xml"/>')
        e.append(f'<manifest:file-entry manifest:full-path="{nom}/" '
                 'manifest:media-type="application/vnd.oasis.opendocument.chart"/>')
    e.append("</manifest:manifest>")
    return "".join(e)


def ecrire_paquet(sortie, content, styles, meta, settings, graphiques=None, generateur=""):
    """Write the .ods zip deterministically (mimetype stored first, fixed timestamps, atomic replace).
    graphiques = {object dir: chart content.xml}."""
    graphiques = graphiques or {}
    parties = [
        ("mimetype", MIMETYPE_ODS, zipfile.ZIP_STORED),
        ("content.xml", content, zipfile.ZIP_DEFLATED),
        ("styles.xml", styles, zipfile.ZIP_DEFLATED),
        ("meta.xml", meta, zipfile.ZIP_DEFLATED),
        ("settings.xml", settings, zipfile.ZIP_DEFLATED),
    ]
    for nom, contenu in graphiques.items():
        parties.append((f"{nom}/content.xml", contenu, zipfile.ZIP_DEFLATED))
        parties.append((f"{nom}/styles.xml", CHART_STYLES_XML, zipfile.ZIP_DEFLATED))
        parties.append((f"{nom}/meta.xml", chart_meta_xml(generateur), zipfile.ZIP_DEFLATED))
    parties.append(("META-INF/manifest.xml", manifest_xml(graphiques), zipfile.ZIP_DEFLATED))
    os.makedirs(os.path.dirname(os.path.abspath(sortie)), exist_ok=True)
    tmp = sortie + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        for nom, contenu, methode in parties:
            info = zipfile.ZipInfo(nom, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = methode
            info.external_attr = 0o644 << 16
            z.writestr(info, contenu.encode("utf-8"))
    os.replace(tmp, sortie)
