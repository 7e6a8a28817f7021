// Benchmark harness (not a test): time of the labellisation path (docs/labellisation.md) for the
// five stars on the full ECi after scoring, as medians over many runs, with its ratio against the
// scoring time measured in the same run (machines here are noisy).
//
// usage: eci_bench_labellisation [runs]
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "eci/labellisation.hpp"
#include "eci/personnalisation.hpp"
#include "eci/score.hpp"

#include "feuille_eci.hpp"
#include "mesure.hpp"

using eci::bench::medianeMicro;

namespace {

volatile double puits;

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::atoi(argv[1]) : 2000;
    auto ref = eci::Referentiel::eci();
    const auto& parcours = eci::labellisation::parcoursEci();
    eci::bench::FeuilleEci feuille = eci::bench::feuilleEciAleatoire(*ref, 7);
    eci::EntreesCalcul& e = feuille.entrees;
    eci::consequences(*ref, feuille.contexte, e.consequences);
    std::vector<eci::ScoreNoeud> sortie;
    eci::ParametresCalcul p;
    p.niveauAction = ref->niveauAction();

    double scores = medianeMicro(runs, [&] {
        eci::calculerScores(*ref, e, p, sortie);
        puits = sortie[0].pointFait;
    });
    double criteres = medianeMicro(runs, [&] {
        double s = 0;
        for (int k = 1; k <= 5; ++k)
            s += eci::labellisation::evaluerCriteres(*ref, sortie, parcours, k).lignes.size();
        puits = s;
    });
    double atteignable = medianeMicro(runs, [&] {
        puits = eci::labellisation::etoileAtteignable(*ref, sortie, parcours);
    });
    std::printf("scoring (calculerScores)            %8.2f us\n", scores);
    std::printf("ECI.CRITERES for stars 1-5          %8.2f us  (x%.2f the scoring)\n", criteres, criteres / scores);
    std::printf("ECI.LABELLISATION (star in reach)   %8.2f us  (x%.2f the scoring)\n", atteignable,
                atteignable / scores);
    return 0;
}
