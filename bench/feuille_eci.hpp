// A random ECi sheet shared by the benchmark harnesses: statuses on about two leaves in three
// (fait, programmé, pas fait or non concerné) and the answers and identity of a mid-size EPCI.
#pragma once

#include <random>

#include "eci/referentiel.hpp"
#include "eci/regle.hpp"
#include "eci/score.hpp"

namespace eci::bench {

struct FeuilleEci {
    EntreesCalcul entrees;    // statuses set, consequences left to compute
    regle::Contexte contexte;
};

inline FeuilleEci feuilleEciAleatoire(const Referentiel& ref, unsigned graine) {
    FeuilleEci f;
    std::mt19937 rng(graine);
    f.entrees.statuts.resize(ref.taille());
    const StatutSaisi choix[] = {StatutSaisi::fait, StatutSaisi::programme, StatutSaisi::pasFait,
                                 StatutSaisi::nonConcerne};
    for (std::size_t i = 0; i < ref.taille(); ++i)
        if (ref.noeud((int)i).feuille() && rng() % 3) f.entrees.statuts[i] = ligneStatut(choix[rng() % 4]);
    f.contexte.reponses.emplace();
    (*f.contexte.reponses)["dechets_1"] = true;
    (*f.contexte.reponses)["dev_eco_1"] = false;
    f.contexte.identite.emplace();
    f.contexte.identite->type = "EPCI";
    f.contexte.identite->populationTags = regle::tagsPopulation(80000);
    return f;
}

}  // namespace eci::bench
