// Benchmark harness (not a test): ECI.CHEMIN's domain part (docs/progression.md) on the full ECi
// référentiel, for each star, without and with an effort column, as medians over many runs, with
// the ratio against the scoring time measured in the same run (machines here are noisy).
//
// usage: eci_bench_progression [runs]
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "eci/labellisation.hpp"
#include "eci/personnalisation.hpp"
#include "eci/progression.hpp"
#include "eci/score.hpp"

#include "feuille_eci.hpp"
#include "mesure.hpp"

using eci::bench::medianeMicro;

namespace {

volatile double puits;

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 50;
    auto ref = eci::Referentiel::eci();
    const auto& parcours = eci::labellisation::parcoursEci();
    eci::bench::FeuilleEci feuille = eci::bench::feuilleEciAleatoire(*ref, 7);
    eci::EntreesCalcul& e = feuille.entrees;
    // A criterion node (or a tâche under it) declared non concerné leaves no path (docs/labellisation.md §4): such rows
    // become « pas fait », so that every star has a path to time.
    for (const auto& c : parcours.criteres) {
        const int n = ref->index(c.actionId);
        for (int i = n; i < n + ref->noeud(n).taille; ++i) {
            auto& st = e.statuts[(std::size_t)i];
            if (st && !st->concerne) st = eci::ligneStatut(eci::StatutSaisi::pasFait);
        }
    }
    eci::consequences(*ref, feuille.contexte, e.consequences);
    std::vector<eci::ScoreNoeud> sortie;
    eci::ParametresCalcul p;
    p.niveauAction = ref->niveauAction();
    const eci::progression::Situation s{*ref, e, p};
    std::vector<double> efforts(ref->taille(), 1.0);
    for (std::size_t i = 0; i < efforts.size(); ++i) efforts[i] = 1 + (double)((i * 7) % 5);  // 1-5

    double scores = medianeMicro(runs * 20, [&] {
        eci::calculerScores(*ref, e, p, sortie);
        puits = sortie[0].pointFait;
    });
    std::printf("scoring (calculerScores)              %10.2f us\n", scores);
    double gains = medianeMicro(runs, [&] { puits = (double)eci::progression::gains(s).size(); });
    std::printf("ECI.GAIN (every row)                  %10.2f us  (x%.1f the scoring)\n", gains, gains / scores);
    for (int k = 1; k <= 5; ++k) {
        eci::progression::Chemin c;
        double sans = medianeMicro(runs, [&] {
            c = eci::progression::chemin(s, parcours, k);
            puits = c.gain;
        });
        const std::size_t n = c.lignes.size();
        double avec = medianeMicro(runs, [&] {
            c = eci::progression::chemin(s, parcours, k, &efforts);
            puits = c.gain;
        });
        std::printf("ECI.CHEMIN star %d, fewest rows (%3zu) %10.2f us  (x%.1f)   least effort (%3zu rows) %10.2f us  (x%.1f)\n",
                    k, n, sans, sans / scores, c.lignes.size(), avec, avec / scores);
    }
    return 0;
}
