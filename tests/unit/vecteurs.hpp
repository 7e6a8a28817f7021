// Loading the platform's test vectors (tests/vectors/scoring-vectors.json)
// into the domain library's types. Shared by the unit tests.
#pragma once

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "eci/personnalisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/score.hpp"

namespace vecteurs {

using nlohmann::json;

inline const json& tous() {
    static const json v = [] {
        std::ifstream f(ECI_VECTORS_PATH);
        return json::parse(f);
    }();
    return v;
}

inline std::vector<const json*> parType(const std::string& kind) {
    std::vector<const json*> out;
    for (const json& c : tous()) {
        std::string k = c.contains("kind") ? c["kind"].get<std::string>() : "scoring";
        if (k == kind) out.push_back(&c);
    }
    return out;
}

// The tree of a scoring case (node list, or the compact CAE format).
inline std::shared_ptr<const eci::Referentiel> arbre(const json& cas) {
    static const char* hierarchieCae[] = {"referentiel", "axe", "sous-axe", "action", "sous-action", "tache"};
    std::vector<eci::Referentiel::NoeudDonne> noeuds;
    for (const json& n : cas["referentiel"]) {
        eci::Referentiel::NoeudDonne d;
        if (n.is_array()) {
            d.id = n[0].get<std::string>();
            if (!n[1].is_null()) d.points = n[1].get<double>();
            auto us = d.id.find('_');
            if (us == std::string::npos) {
                d.type = hierarchieCae[0];
            } else {
                std::string ident = d.id.substr(us + 1);
                auto dot = ident.rfind('.');
                d.parent = dot == std::string::npos ? d.id.substr(0, us) : d.id.substr(0, us + 1) + ident.substr(0, dot);
                int niveau = 1;
                for (char c : ident) niveau += c == '.';
                d.type = hierarchieCae[niveau];
            }
        } else {
            d.id = n["id"].get<std::string>();
            if (!n["parent"].is_null()) d.parent = n["parent"].get<std::string>();
            d.type = n["type"].get<std::string>();
            if (!n["points"].is_null()) d.points = n["points"].get<double>();
        }
        noeuds.push_back(d);
    }
    return eci::Referentiel::depuisArbre(noeuds);
}

inline eci::Avancement avancement(const std::string& s) {
    if (s == "fait") return eci::Avancement::fait;
    if (s == "programme") return eci::Avancement::programme;
    if (s == "pas_fait") return eci::Avancement::pasFait;
    if (s == "detaille") return eci::Avancement::detaille;
    return eci::Avancement::nonRenseigne;
}

inline eci::EntreesCalcul entrees(const json& cas, const eci::Referentiel& ref) {
    eci::EntreesCalcul e;
    e.statuts.resize(ref.taille());
    e.consequences.resize(ref.taille());
    const json& in = cas["inputs"];
    for (auto it = in["statuts"].begin(); it != in["statuts"].end(); ++it) {
        int i = ref.index(it.key());
        if (i < 0) throw std::runtime_error("unknown id in vector: " + it.key());
        eci::LigneStatut l;
        l.concerne = it.value()["concerne"].get<bool>();
        l.avancement = avancement(it.value()["avancement"].get<std::string>());
        const json& d = it.value()["avancementDetaille"];
        if (l.avancement == eci::Avancement::detaille && d.is_array())
            l.detaille = eci::Fractions{d[0].get<double>(), d[1].get<double>(), d[2].get<double>()};
        e.statuts[(std::size_t)i] = l;
    }
    for (auto it = in["consequences"].begin(); it != in["consequences"].end(); ++it) {
        int i = ref.index(it.key());
        if (i < 0) continue;
        eci::Consequence c;
        const json& v = it.value();
        if (v.contains("desactive") && v["desactive"].is_boolean()) c.desactive = v["desactive"].get<bool>();
        if (v.contains("potentielPerso") && v["potentielPerso"].is_number())
            c.potentielPerso = v["potentielPerso"].get<double>();
        if (v.contains("scoreFormule") && v["scoreFormule"].is_string())
            c.scoreFormule = v["scoreFormule"].get<std::string>();
        e.consequences[(std::size_t)i] = c;
    }
    return e;
}

inline eci::ParametresCalcul parametres(const json& cas) {
    eci::ParametresCalcul p;
    p.niveauAction = cas["inputs"]["actionLevel"].get<int>();
    p.redistributionDesactivee = cas["inputs"]["disablePotentielRedistribution"].get<bool>();
    return p;
}

// Identity and answers of a case's `personnalisation` block as a rule context.
inline eci::regle::Contexte contexte(const json& perso) {
    eci::regle::Contexte c;
    c.reponses.emplace();
    for (auto it = perso["reponses"].begin(); it != perso["reponses"].end(); ++it) {
        const json& v = it.value();
        if (v.is_boolean()) (*c.reponses)[it.key()] = v.get<bool>();
        else if (v.is_number()) (*c.reponses)[it.key()] = v.get<double>();
        else if (v.is_string()) (*c.reponses)[it.key()] = v.get<std::string>();
    }
    const json& id = perso["identite"];
    eci::regle::Identite ident;
    ident.type = id["type"].get<std::string>();
    if (id.contains("soustype") && id["soustype"].is_string()) ident.soustype = id["soustype"].get<std::string>();
    if (id.contains("populationTags"))
        for (const json& t : id["populationTags"]) ident.populationTags.push_back(t.get<std::string>());
    if (id.contains("drom") && id["drom"].is_boolean()) ident.drom = id["drom"].get<bool>();
    c.identite = ident;
    return c;
}

}  // namespace vecteurs
