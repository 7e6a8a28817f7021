// Benchmark harness (not a test): time of one full évaluation of the ECi
// référentiel in the domain library, as medians over many runs, with ratios
// against a baseline measured in the same run (machines here are noisy).
// Then the spreadsheet-function layer on VARIED sheets: ECI.EVALUER (eci::calc::evaluer, ranges
// in, array out) against the engine alone on the same cases, as a ratio in the same run.
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
#include "eci/statuts.hpp"

#include "feuille_eci.hpp"
#include "mesure.hpp"

using eci::bench::mediane;
using eci::bench::medianeMicro;

namespace {

volatile double puits;

// One varied sheet: what a user types (ranges for eci::calc) and the same inputs as the engine
// takes them.
struct Cas {
    eci::calc::Plage ids, statuts, details, contexte;
    eci::EntreesCalcul entrees;
    eci::regle::Contexte ctx;
};

// `n` sheets of the ECi référentiel, from a fixed seed: on two thirds of the leaves a random
// status (fait, programmé, pas fait, non concerné, détaillé with random fractions, non renseigné),
// and a random context (commune or EPCI, population, DROM, OUI / NON / no answer to each binary
// question).
std::vector<Cas> casVaries(const eci::Referentiel& ref, std::size_t n) {
    std::mt19937 rng(2026);
    const eci::StatutSaisi statuts[] = {eci::StatutSaisi::fait, eci::StatutSaisi::programme,
                                        eci::StatutSaisi::pasFait, eci::StatutSaisi::nonConcerne,
                                        eci::StatutSaisi::detaille, eci::StatutSaisi::nonRenseigne};
    const char* const mots[] = {"fait", "programmé", "pas fait", "non concerné", "détaillé", "non renseigné"};
    const char* const questions[] = {"SPASER", "dechets_1", "dechets_2", "dechets_3", "REOM", "dev_eco_1", "formation"};
    const std::size_t t = ref.taille();
    std::vector<Cas> v(n);
    for (Cas& c : v) {
        c.ids = eci::calc::Plage(t, 1);
        c.statuts = eci::calc::Plage(t, 1);
        c.details = eci::calc::Plage(t, 3);
        c.entrees.statuts.assign(t, std::nullopt);
        for (std::size_t i = 0; i < t; ++i) {
            c.ids.at(i, 0) = ref.noeud((int)i).id;
            if (!ref.noeud((int)i).feuille() || rng() % 3 == 0) continue;
            const std::size_t k = rng() % 6;
            c.statuts.at(i, 0) = std::string(mots[k]);
            std::optional<eci::Fractions> fr;
            if (statuts[k] == eci::StatutSaisi::detaille) {
                const double a = (rng() % 11) / 10.0, b = (rng() % 11) / 10.0 * (1 - a);
                fr = eci::Fractions{a, b, 1 - a - b};
                for (std::size_t j = 0; j < 3; ++j) c.details.at(i, j) = (*fr)[j];
            }
            c.entrees.statuts[i] = eci::ligneStatut(statuts[k], fr);
        }
        c.contexte = eci::calc::Plage(10, 2);
        c.ctx.reponses.emplace();
        c.ctx.identite.emplace();
        const bool epci = rng() % 2;
        const double population = 500.0 + rng() % 200000;
        const bool drom = rng() % 10 == 0;
        c.contexte.at(0, 0) = std::string("type");
        c.contexte.at(0, 1) = std::string(epci ? "EPCI" : "commune");
        c.ctx.identite->type = epci ? "EPCI" : "commune";
        c.contexte.at(1, 0) = std::string("population");
        c.contexte.at(1, 1) = population;
        c.ctx.identite->populationTags = eci::regle::tagsPopulation(population);
        c.contexte.at(2, 0) = std::string("drom");
        c.contexte.at(2, 1) = std::string(drom ? "OUI" : "NON");
        c.ctx.identite->drom = drom;
        for (std::size_t q = 0; q < 7; ++q) {
            c.contexte.at(3 + q, 0) = std::string(questions[q]);
            const unsigned r = rng() % 3;
            if (r == 2) continue;  // not answered
            c.contexte.at(3 + q, 1) = std::string(r ? "OUI" : "NON");
            (*c.ctx.reponses)[questions[q]] = r == 1;
        }
    }
    return v;
}

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

    // Varied sheets: the engine alone, then ECI.EVALUER on the same cases as ranges. The cache keeps
    // the last 4 évaluations and the cases come round every 150 calls: it never serves one.
    std::vector<Cas> cas = casVaries(*ref, 150);
    // Per case, the fastest of `tours` rounds (the machine is shared: a slower round measured
    // someone else), then medians and totals over the cases.
    const int tours = std::max(3, runs / 200);
    std::vector<double> tMoteur(cas.size(), 1e300), tFonction(cas.size(), 1e300);
    for (int t = 0; t < tours; ++t) {
        for (std::size_t k = 0; k < cas.size(); ++k) {
            Cas& c = cas[k];
            auto a = std::chrono::steady_clock::now();
            eci::consequences(*ref, c.ctx, c.entrees.consequences);
            eci::calculerScores(*ref, c.entrees, p, sortie);
            auto b = std::chrono::steady_clock::now();
            puits = sortie[0].pointFait;
            auto r = eci::calc::evaluer(c.ids, c.statuts, c.details, c.contexte, std::nullopt);
            auto d = std::chrono::steady_clock::now();
            puits = std::get<double>(r.at(0, 2));
            tMoteur[k] = std::min(tMoteur[k], std::chrono::duration<double, std::micro>(b - a).count());
            tFonction[k] = std::min(tFonction[k], std::chrono::duration<double, std::micro>(d - b).count());
        }
    }
    double sommeMoteur = 0, sommeFonction = 0;
    for (std::size_t k = 0; k < cas.size(); ++k) {
        sommeMoteur += tMoteur[k];
        sommeFonction += tFonction[k];
    }
    const double medMoteur = mediane(tMoteur), medFonction = mediane(tFonction);
    const double ratio = sommeFonction / sommeMoteur;

    std::printf("Benchmark du noyau (médianes sur %d exécutions, référentiel ECi de %zu nœuds)\n", runs, n);
    std::printf("  %-52s %9.2f µs  (x1, référence)\n", "référence : un parcours de l'arbre", base);
    std::printf("  %-52s %9.2f µs  (x%.0f)\n", "règles de personnalisation (22)", regles, regles / base);
    std::printf("  %-52s %9.2f µs  (x%.0f)\n", "calcul des scores (§5)", scores, scores / base);
    std::printf("  %-52s %9.2f µs  (x%.0f)  objectif < 50 µs : %s\n", "évaluation complète (règles + scores)",
                complet, complet / base, complet < 50 ? "oui" : "NON");
    std::printf("  %-52s %9.2f µs  (x%.0f)\n", "ECI.EVALUER, couche fonctions, sans cache", feuille, feuille / base);
    std::printf("  %-52s %9.2f µs  (x%.0f)\n", "ECI.SCORE, mêmes plages (cache)", cache, cache / base);
    std::printf("Feuilles variées (%zu cas, graine fixe, sans cache ; par cas le plus rapide de %d tours)\n",
                cas.size(), tours);
    std::printf("  %-52s %9.2f µs  (médiane ; moyenne %.2f µs)\n", "moteur seul (règles + scores)", medMoteur,
                sommeMoteur / cas.size());
    std::printf("  %-52s %9.2f µs  (médiane ; moyenne %.2f µs)\n", "ECI.EVALUER sur plages (couche fonctions)",
                medFonction, sommeFonction / cas.size());
    std::printf("  %-52s %9.2f    (médianes : %.2f)  objectif <= 2 : %s\n", "rapport ECI.EVALUER / moteur", ratio,
                medFonction / medMoteur, ratio <= 2 ? "oui" : "NON");
    return 0;
}
