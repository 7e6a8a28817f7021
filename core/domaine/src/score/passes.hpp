// The passes of the scoring engine (docs/score.md §5), one function each, in
// the order calculerScores (score.cpp) runs them. Each pass reads and writes
// the records of a Calcul. Private to src/score/.
#pragma once

#include <cmath>
#include <vector>

#include "eci/score.hpp"

namespace eci::passes {

inline bool vrai(double x) { return x != 0 && !std::isnan(x); }          // JS truthiness
inline double ou0(double x) { return vrai(x) ? x : 0.0; }                  // x || 0
inline double ou0(const std::optional<double>& x) { return x ? ou0(*x) : 0.0; }

// §6: JS Math.round (nearest integer, ties towards +infinity), then 3 decimals.
inline double jsRound(double v) {
    double r = std::floor(v);
    if (v - r >= 0.5) r += 1;
    return r;
}
inline double arrondi3Js(double x) { return jsRound(x * 1000 + 2.220446049250313e-16) / 1000.0; }

// One computation: the tree, the inputs, and the records being computed (indexed like the tree).
struct Calcul {
    const Referentiel& ref;
    const std::vector<Noeud>& noeuds;
    const EntreesCalcul& entrees;
    std::vector<ScoreNoeud>& s;
    int n;

    Calcul(const Referentiel& r, const EntreesCalcul& e, std::vector<ScoreNoeud>& sortie)
        : ref(r), noeuds(r.noeuds()), entrees(e), s(sortie), n(static_cast<int>(r.noeuds().size())) {}

    const LigneStatut* statut(int i) const {
        const auto k = static_cast<std::size_t>(i);
        return k < entrees.statuts.size() && entrees.statuts[k] ? &*entrees.statuts[k] : nullptr;
    }
    const Consequence* consequence(int i) const {
        const auto k = static_cast<std::size_t>(i);
        return k < entrees.consequences.size() && entrees.consequences[k] ? &*entrees.consequences[k] : nullptr;
    }
};

// passes_arbre.cpp
void creerEnregistrements(Calcul& calc);                                 // §5.1
void calculerPotentiels(Calcul& calc);                                   // §5.2
void desactiver(Calcul& calc);                                           // §5.3
void marquerNonConcernes(Calcul& calc);                                  // §5.4
void redistribuer(Calcul& calc, const ParametresCalcul& params);         // §5.5
// passes_points.cpp
void statutsEnPoints(Calcul& calc);                                      // §5.6
void arrondir(Calcul& calc);                                             // §5.9, §6
void etoilesRacine(Calcul& calc);                                        // §10
void statutsAffiches(Calcul& calc);                                      // §5.10
// regles_score.cpp
bool aDesReglesScore(const Calcul& calc);                                // does §5.7-§5.8 apply?
std::vector<double> ratiosAvantRegles(const Calcul& calc);               // §5.7
void appliquerReglesScore(Calcul& calc, const std::vector<double>& ratio);  // §5.8 steps 1-3
void resommerPointsFaits(Calcul& calc);                                  // §5.8 step 4

}  // namespace eci::passes
