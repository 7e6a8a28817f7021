// Benchmark harness (not a test): throughput of « Consolider des candidatures » in a real headless
// LibreOffice (the harness of tests/calc). Generates 200 made-up autodiagnostics once (fixed
// seed), then times the dispatch of fr.ademe.eci.commandes:ConsoliderCandidatures into a new grid
// for a folder of 30 and a folder of 200 workbooks (median of 3 runs each, a fresh grid per run),
// and prints workbooks per second and the ratio.
//
// usage: eci_bench_consolidation [runs]   (default 3)
// Needs the profile made by the ctest fixture eci_calc_profile (or ECI_PROFILE_TEMPLATE).
#include <com/sun/star/frame/DispatchHelper.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XModel.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "fabrique_autodiagnostics.hpp"
#include "classeur.hpp"
#include "office.hpp"

using namespace eci::test;
namespace fs = std::filesystem;

#include "mesure.hpp"

using eci::bench::mediane;
using eci::bench::medianeMicro;

namespace {

// One timed consolidation of `dossier` into a new grid (the menu commands, as in the tests);
// returns seconds.
double consolider(const fs::path& dossier, std::size_t attendus) {
    Sheet vierge;
    const Resultat nouvelle = executer(cadreDe(vierge.document()), "NouvelleGrilleCandidatures",
                                       {pv("Cache", uno::Any(true))});
    const Classeur grille(uno::Reference<css::lang::XComponent>(nouvelle.valeur, uno::UNO_QUERY_THROW));
    const Resultat r = executer(grille, "ConsoliderCandidatures", {pv("Dossier", uno::Any(ou(dossier.string())))});
    if (r.etat != css::frame::DispatchResultState::SUCCESS ||
        r.rapport.find(std::to_string(attendus) + " autodiagnostic(s) lu(s)") == std::string::npos)
        throw std::runtime_error("consolidation inattendue : " + r.rapport);
    return r.secondes;
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    char modele[] = "/tmp/eci-bench-consolidation-XXXXXX";
    if (!mkdtemp(modele)) return 1;
    const fs::path racine = modele;
    int code = 0;
    try {
        const fs::path d30 = racine / "30", d200 = racine / "200";
        fs::create_directories(d30);
        fs::create_directories(d200);
        std::printf("Génération de 200 autodiagnostics fictifs…\n");
        std::fflush(stdout);
        const auto t0 = std::chrono::steady_clock::now();
        const auto lot = fabrique::fabriquer(ECI_AUTODIAG_ODS, d200, 200, 42u);
        for (int k = 0; k < 30; ++k) fs::copy_file(lot[k].fichier, d30 / lot[k].fichier.filename());
        std::printf("  fait en %.1f s\n\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());

        struct Mesure { std::size_t n; double mediane; };
        std::vector<Mesure> mesures;
        for (const auto& [dossier, n] : {std::pair{d30, std::size_t(30)}, std::pair{d200, std::size_t(200)}}) {
            std::vector<double> t;
            for (int i = 0; i < runs; ++i) t.push_back(consolider(dossier, n));
            const double m = mediane(t);
            mesures.push_back({n, m});
            std::printf("Consolidation de %3zu classeurs : médiane %.2f s sur %d essai(s) → %.1f classeurs/s\n", n, m,
                        runs, n / m);
        }
        const double d30s = mesures[0].n / mesures[0].mediane, d200s = mesures[1].n / mesures[1].mediane;
        std::printf("\nRapport de débit (200 / 30) : %.2f  (1 = débit constant ; < 1 = ralentit avec la taille du dossier)\n",
                    d200s / d30s);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "Erreur : %s\n", e.what());
        code = 1;
    } catch (const uno::Exception& e) {
        std::fprintf(stderr, "Erreur UNO : %s\n", utf8(e.Message).c_str());
        code = 1;
    }
    std::error_code ec;
    fs::remove_all(racine, ec);
    Office::shutdownAll();
    return code;
}
