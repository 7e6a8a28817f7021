#include "eci/calc/import.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "eci/calc/arguments.hpp"
#include "eci/statuts.hpp"
#include "eci/texte.hpp"

namespace eci::calc::import {

namespace {

using calc::Cellule;
using calc::Plage;
using calc::texteDe;

// A percentage cell: 0.45, 45 (read as 45 %), "45 %", "0,45".
std::optional<double> fraction(const Cellule& c) {
    double v;
    if (auto d = std::get_if<double>(&c)) v = *d;
    else if (auto s = std::get_if<std::string>(&c)) {
        std::string t(texte::rogner(*s));
        bool pourcent = !t.empty() && t.back() == '%';
        if (pourcent) t = std::string(texte::rogner(t.substr(0, t.size() - 1)));
        if (t.empty() || !texte::lireNombre(t, v)) return std::nullopt;
        if (pourcent) v /= 100;
    } else {
        return std::nullopt;
    }
    if (v > 1) v /= 100;
    if (!std::isfinite(v) || v < 0 || v > 1) return std::nullopt;
    return v;
}

}  // namespace

ResultatImport lireExport(const Plage& f, const Referentiel& ref) {
    // 1. The header row: the one holding « N° » and « Statut ».
    std::size_t entete = f.lignes;
    std::size_t cNo = 0, cStatut = 0;
    std::optional<std::size_t> cExpl, cRealise, cProgramme;
    for (std::size_t l = 0; l < f.lignes && l < 40 && entete == f.lignes; ++l) {
        std::optional<std::size_t> no, statut;
        for (std::size_t c = 0; c < f.colonnes; ++c) {
            std::string h = texte::plier(texteDe(f.at(l, c)));
            if (!no && (h == "n°" || h == "no" || h == "numero" || h == "n")) no = c;
            else if (!statut && h.rfind("statut", 0) == 0) statut = c;
        }
        if (no && statut) {
            entete = l;
            cNo = *no;
            cStatut = *statut;
            for (std::size_t c = 0; c < f.colonnes; ++c) {
                std::string h = texte::plier(texteDe(f.at(l, c)));
                if (!cExpl && (h.find("explication") != std::string::npos || h.find("precision") != std::string::npos))
                    cExpl = c;
                if (!cRealise && h == "%realise") cRealise = c;
                if (!cProgramme && (h == "%programme" || h == "%programmes")) cProgramme = c;
            }
        }
    }
    if (entete == f.lignes)
        throw ErreurImport(
            "Ce fichier n'a pas la forme d'un export de la plateforme : aucune ligne d'en-tête avec les colonnes "
            "« N° » et « Statut » dans les 40 premières lignes de la première feuille.");

    ResultatImport r;
    std::unordered_map<int, std::size_t> vus;
    for (std::size_t l = entete + 1; l < f.lignes; ++l) {
        std::string id = texteDe(f.at(l, cNo));
        if (id.empty()) continue;
        std::string plie = texte::plier(id);
        if (plie == "total" || plie == "totalgeneral") continue;
        int i = ref.index(id);
        if (i < 0 && id.size() > 2 && id.compare(id.size() - 2, 2, ".0") == 0)
            i = ref.index(id.substr(0, id.size() - 2));  // « 1.0 » for the axe 1 in some exports
        if (i <= 0) {
            r.nonReconnues.push_back(ligneNo(l) + " : N° « " + id + " » absent du référentiel");
            continue;
        }
        auto [it, nouveau] = vus.emplace(i, l);
        if (!nouveau) {
            r.problemes.push_back(ligneNo(l) + " : N° « " + id + " » déjà lu " + ligneNo(it->second) +
                                  " ; cette ligne est ignorée");
            continue;
        }
        LigneExport le;
        le.identifiant = ref.noeud(i).identifiant;
        le.ligneSource = l + 1;
        const Cellule& st = f.at(l, cStatut);
        std::string stTexte = texteDe(st);
        bool inconnu = false;
        if (!stTexte.empty()) le.statut = lireStatutSaisi(stTexte, inconnu);
        if (inconnu) {
            r.problemes.push_back(ligneNo(l) + " : statut « " + stTexte + " » non reconnu pour le N° " + id +
                                  " ; laissé vide");
            le.statut.reset();
        }
        if (le.statut == StatutSaisi::detaille) {
            std::optional<double> fa = cRealise ? fraction(f.at(l, *cRealise)) : std::nullopt;
            std::optional<double> pr = cProgramme ? fraction(f.at(l, *cProgramme)) : std::nullopt;
            if (fa || pr) {
                double a = fa.value_or(0), b = pr.value_or(0);
                double reste = 1 - a - b;
                if (reste < -1e-9)
                    r.problemes.push_back(ligneNo(l) + " : % réalisé et % programmé font plus de 100 % pour le N° " +
                                          id + " ; répartition non importée");
                else
                    le.fractions = Fractions{a, b, reste > 1e-12 ? reste : 0.0};
            }
        }
        if (cExpl) le.explications = texteDe(f.at(l, *cExpl));
        r.lignes.push_back(std::move(le));
    }
    return r;
}

namespace {

// Saturating arithmetic on cell counts.
std::uint64_t multiplier(std::uint64_t a, std::uint64_t b) {
    if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
    return a * b;
}
std::uint64_t ajouter(std::uint64_t a, std::uint64_t b) { return b > UINT64_MAX - a ? UINT64_MAX : a + b; }

// The local part of a qualified XML name ("table:table-row" -> "table-row").
std::string_view local(std::string_view nom) {
    const std::size_t deux = nom.rfind(':');
    return deux == std::string_view::npos ? nom : nom.substr(deux + 1);
}

// A repetition count: the attribute's digits (saturating), 1 when absent or not a number.
std::uint64_t repetition(std::string_view valeur) {
    std::uint64_t n = 0;
    bool chiffre = false;
    for (char c : valeur) {
        if (c < '0' || c > '9') break;
        chiffre = true;
        n = ajouter(multiplier(n, 10), static_cast<std::uint64_t>(c - '0'));
    }
    return chiffre && n > 0 ? n : 1;
}

// The number of cells of an A1 area reference ("A1:AMJ1048576"; "$B$2:C3"); 1 when malformed.
std::uint64_t aireA1(std::string_view ref) {
    auto coin = [](std::string_view t, std::uint64_t& colonne, std::uint64_t& ligne) {
        std::size_t k = 0;
        colonne = 0;
        ligne = 0;
        if (k < t.size() && t[k] == '$') ++k;
        const std::size_t debutLettres = k;
        for (; k < t.size() && ((t[k] >= 'A' && t[k] <= 'Z') || (t[k] >= 'a' && t[k] <= 'z')); ++k)
            colonne = ajouter(multiplier(colonne, 26), static_cast<std::uint64_t>((t[k] | 0x20) - 'a' + 1));
        if (k == debutLettres) return false;
        if (k < t.size() && t[k] == '$') ++k;
        const std::size_t debutChiffres = k;
        for (; k < t.size() && t[k] >= '0' && t[k] <= '9'; ++k)
            ligne = ajouter(multiplier(ligne, 10), static_cast<std::uint64_t>(t[k] - '0'));
        return k == t.size() && k > debutChiffres;
    };
    const std::size_t deux = ref.find(':');
    if (deux == std::string_view::npos) return 1;
    std::uint64_t c1, l1, c2, l2;
    if (!coin(ref.substr(0, deux), c1, l1) || !coin(ref.substr(deux + 1), c2, l2)) return 1;
    const std::uint64_t colonnes = c2 >= c1 ? c2 - c1 + 1 : c1 - c2 + 1;
    const std::uint64_t lignes = l2 >= l1 ? l2 - l1 + 1 : l1 - l2 + 1;
    return multiplier(colonnes, lignes);
}

}  // namespace

namespace {

bool espace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Calls f(local name, value) for each name="value" or name='value' attribute of a tag's text
// (after its element name).
template <class F>
void attributs(std::string_view balise, F&& f) {
    std::size_t k = 0;
    while (k < balise.size()) {
        while (k < balise.size() && espace(balise[k])) ++k;
        const std::size_t debutNom = k;
        while (k < balise.size() && balise[k] != '=' && !espace(balise[k])) ++k;
        const std::string_view nom = local(balise.substr(debutNom, k - debutNom));
        if (k >= balise.size() || balise[k] != '=') { ++k; continue; }
        ++k;
        if (k >= balise.size() || (balise[k] != '"' && balise[k] != '\'')) continue;
        const char guillemet = balise[k++];
        const std::size_t fin = std::min(balise.find(guillemet, k), balise.size());
        f(nom, balise.substr(k, fin - k));
        k = fin + 1;
    }
}

}  // namespace

std::uint64_t cellulesDeclarees(std::string_view xml) {
    std::uint64_t total = 0, lignesRepetees = 1;
    std::size_t i = 0;
    while ((i = xml.find('<', i)) != std::string_view::npos) {
        // The end of the tag: the first '>' outside a quoted attribute value ('>' may appear in one).
        std::size_t fin = i + 1;
        for (char guillemet = 0; fin < xml.size(); ++fin) {
            const char c = xml[fin];
            if (guillemet) { if (c == guillemet) guillemet = 0; }
            else if (c == '"' || c == '\'') guillemet = c;
            else if (c == '>') break;
        }
        if (fin >= xml.size()) break;
        std::string_view balise = xml.substr(i + 1, fin - i - 1);
        i = fin + 1;
        if (balise.empty() || balise[0] == '?' || balise[0] == '!') continue;
        if (balise[0] == '/') {  // a closing tag: a row's repetition ends with it
            if (local(balise.substr(1)) == "table-row") lignesRepetees = 1;
            continue;
        }
        const bool vide = balise.back() == '/';  // <a/>: no content
        if (vide) balise.remove_suffix(1);
        std::size_t k = 0;
        while (k < balise.size() && !espace(balise[k])) ++k;
        const std::string_view nom = local(balise.substr(0, k));
        const std::string_view suite = balise.substr(k);

        if (nom == "table-row") {  // ODF: its cells count number-rows-repeated times
            lignesRepetees = 1;
            if (!vide)
                attributs(suite, [&](std::string_view a, std::string_view v) {
                    if (a == "number-rows-repeated") lignesRepetees = repetition(v);
                });
        } else if (nom == "table-cell" || nom == "covered-table-cell") {  // ODF cell
            std::uint64_t colonnes = 1, matriceLignes = 1, matriceColonnes = 1;
            bool remplie = !vide;  // with content (text:p...)
            attributs(suite, [&](std::string_view a, std::string_view v) {
                if (a == "number-columns-repeated") colonnes = repetition(v);
                else if (a == "number-matrix-rows-spanned") matriceLignes = repetition(v);
                else if (a == "number-matrix-columns-spanned") matriceColonnes = repetition(v);
                else if (a == "value-type" || a == "formula") remplie = true;
            });
            // An array formula fills its whole matrix area.
            if (remplie)
                total = ajouter(total, multiplier(multiplier(lignesRepetees, colonnes),
                                                  multiplier(matriceLignes, matriceColonnes)));
        } else if (nom == "c") {  // OOXML cell
            total = ajouter(total, 1);
        } else if (nom == "f") {  // OOXML formula: an array formula fills its ref
            bool tableau = false;
            std::uint64_t aire = 1;
            attributs(suite, [&](std::string_view a, std::string_view v) {
                if (a == "t" && v == "array") tableau = true;
                else if (a == "ref") aire = aireA1(v);
            });
            if (tableau && aire > 1) total = ajouter(total, aire - 1);
        }
    }
    return total;
}

}  // namespace eci::calc::import
