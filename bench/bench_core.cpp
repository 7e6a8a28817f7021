// Benchmark harness (not a test): time of one full évaluation of the ECi
// référentiel in the domain library, as medians over many runs, with ratios
// against a baseline measured in the same run (machines here are noisy).
//
// usage: eci_bench_core [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "eci/calc/fonctions.hpp"
#include "eci/personnalisation.hpp"
#include "eci/score.hpp"

#include "feuille_eci.hpp"
#include "mesure.hpp"

using eci::bench::mediane;
using eci::bench::medianeMicro;

namespace {

volatile double puits;

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 2000;
    auto ref = eci::Referentiel::eci();
    eci::bench::FeuilleEci aleatoire = eci::bench::feuilleEciAleatoire(*ref, 7);
    eci::EntreesCalcul& e = aleatoire.entrees;
    eci::regle::Contexte& ctx = aleatoire.contexte;
    std::vector<eci::ScoreNoeud> sortie;
    eci::ParametresCalcul p;

    // Baseline: one pass over the tree summing points (the cheapest possible traversal).
    double base = medianeMicro(runs, [&] {
        double s = 0;
        for (const auto& n : ref->noeuds()) s += n.points.value_or(0);
        puits = s;
    });
    double regles = medianeMicro(runs, [&] { eci::consequences(*ref, ctx, e.consequences); });
    double scores = medianeMicro(runs, [&] {
        eci::calculerScores(*ref, e, p, sortie);
        puits = sortie[0].pointFait;
    });
    double complet = medianeMicro(runs, [&] {
        eci::consequences(*ref, ctx, e.consequences);
        eci::calculerScores(*ref, e, p, sortie);
        puits = sortie[0].pointFait;
    });

    // The function layer (ECI.EVALUER) on a 368-row sheet, cache defeated by a changing status.
    std::size_t n = ref->taille();
    eci::calc::Plage ids(n, 1), st(n, 1), cx(3, 2);
    for (std::size_t i = 0; i < n; ++i) {
        ids.at(i, 0) = ref->noeud((int)i).id;
        if (e.statuts[i]) st.at(i, 0) = std::string(eci::nomAvancement(e.statuts[i]->avancement));
    }
    cx.at(0, 0) = std::string("type"); cx.at(0, 1) = std::string("EPCI");
    cx.at(1, 0) = std::string("dechets_1"); cx.at(1, 1) = std::string("OUI");
    cx.at(2, 0) = std::string("population"); cx.at(2, 1) = 80000.0;
    int k = 0;
    double feuille = medianeMicro(runs / 4 + 1, [&] {
        cx.at(2, 1) = 80000.0 + k++;  // a new key each time: no cache hit
        auto r = eci::calc::evaluer(ids, st, std::nullopt, cx, std::nullopt);
        puits = std::get<double>(r.at(0, 2));
    });
    double cache = medianeMicro(runs / 4 + 1, [&] {
        puits = eci::calc::score(ids, st, std::nullopt, std::nullopt, std::nullopt, cx, std::nullopt);
    });

    std::printf("Benchmark du noyau (médianes sur %d exécutions, référentiel ECi de %zu nœuds)\n", runs, n);
    std::printf("  %-52s %9.2f µs  (x1, référence)\n", "référence : un parcours de l'arbre", base);
    std::printf("  %-52s %9.2f µs  (x%.0f)\n", "règles de personnalisation (22)", regles, regles / base);
    std::printf("  %-52s %9.2f µs  (x%.0f)\n", "calcul des scores (§5)", scores, scores / base);
    std::printf("  %-52s %9.2f µs  (x%.0f)  objectif < 50 µs : %s\n", "évaluation complète (règles + scores)",
                complet, complet / base, complet < 50 ? "oui" : "NON");
    std::printf("  %-52s %9.2f µs  (x%.0f)\n", "ECI.EVALUER, couche fonctions, sans cache", feuille, feuille / base);
    std::printf("  %-52s %9.2f µs  (x%.0f)\n", "ECI.SCORE, mêmes plages (cache)", cache, cache / base);
    return 0;
}
