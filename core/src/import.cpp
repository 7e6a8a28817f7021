#include "eci/import.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "eci/cellules.hpp"
#include "eci/statuts.hpp"
#include "eci/texte.hpp"

namespace eci::import {

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

std::string ligneNo(std::size_t l) { return "ligne " + std::to_string(l + 1); }

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

}  // namespace eci::import
