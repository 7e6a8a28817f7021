// The domain library's scores of the embedded ECi for a test sheet of the labellisation functions
// (tests/unit/calc/test_fonctions_labellisation.cpp, tests/calc/labellisation_test.cpp): statuses
// typed by name, yes/no answers, and the identity both sheets write in their contexte range
// (type EPCI, soustype epci_a_fiscalite_propre, population kPopulationEpci, drom NON).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "eci/personnalisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/regle.hpp"
#include "eci/score.hpp"

namespace eci::test {

constexpr double kPopulationEpci = 150000;

// The status typed in a sheet ("fait", "programmé", "pas fait", "non concerné", "non renseigné").
inline StatutSaisi statutSaisi(const std::string& s) {
    static const std::map<std::string, StatutSaisi> saisis = {
        {"fait", StatutSaisi::fait},          {"programmé", StatutSaisi::programme},
        {"pas fait", StatutSaisi::pasFait},   {"non concerné", StatutSaisi::nonConcerne},
        {"non renseigné", StatutSaisi::nonRenseigne}};
    return saisis.at(s);
}

// `statuts`: typed status per node index (empty: none).
inline std::vector<ScoreNoeud> scoresEpci(const std::vector<std::string>& statuts,
                                          const std::map<std::string, bool>& reponses) {
    const Referentiel& ref = *Referentiel::eci();
    EntreesCalcul e;
    e.statuts.assign(ref.taille(), std::nullopt);
    for (std::size_t i = 0; i < statuts.size(); ++i)
        if (!statuts[i].empty()) e.statuts[i] = ligneStatut(statutSaisi(statuts[i]), std::nullopt);
    regle::Contexte c;
    c.reponses.emplace();
    for (const auto& [k, v] : reponses) (*c.reponses)[k] = v;
    regle::Identite id;
    id.type = "EPCI";
    id.soustype = "epci_a_fiscalite_propre";
    id.populationTags = regle::tagsPopulation(kPopulationEpci);
    id.drom = false;
    c.identite = id;
    consequences(ref, c, e.consequences);
    ParametresCalcul p;
    p.niveauAction = ref.niveauAction();
    return calculerScores(ref, e, p);
}

}  // namespace eci::test
