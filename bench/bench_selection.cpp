// Benchmark harness (not a test): the exact panel (CRITERES.SELECTION) on 500
// candidates, 6 territory and 8 collectivité typologies, N = 10, as medians
// over many runs, with ratios against a baseline measured in the same run
// (sorting the 500 scores), since machines here are noisy.
//
// usage: eci_bench_selection [runs]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "eci/calc/fonctions_criteres.hpp"
#include "eci/selection.hpp"

#include "mesure.hpp"

using eci::bench::mediane;
using eci::bench::medianeMicro;

namespace {

volatile double puits;

}  // namespace

int main(int argc, char** argv) {
    namespace sel = eci::selection;
    int runs = argc > 1 ? std::atoi(argv[1]) : 500;
    if (runs < 1) runs = 1;
    const std::size_t n = 500;
    std::mt19937 rng(11);

    // Two score profiles: continuous scores, and scores from 6 notes 0–5 with
    // equal weights (multiples of 100/30: many ties, the tie-break pass works hardest).
    std::vector<sel::Candidat> continu(n), notes(n);
    std::vector<sel::CandidatNotes> avecNotes(n);
    for (std::size_t i = 0; i < n; ++i) {
        int t = int(rng() % 6), c = int(rng() % 8);
        continu[i] = {std::uniform_real_distribution<double>(0, 100)(rng), t, c};
        avecNotes[i].territoire = t;
        avecNotes[i].collectivite = c;
        for (int j = 0; j < 6; ++j) avecNotes[i].notes.push_back(double(rng() % 6));
        notes[i] = {sel::scorePondere(avecNotes[i].notes, std::vector<double>(6, 1.0)), t, c};
    }
    sel::ParametresPanel p{10, 0};

    std::vector<double> scores(n);
    for (std::size_t i = 0; i < n; ++i) scores[i] = continu[i].score;
    double base = medianeMicro(runs, [&] {
        std::vector<double> s = scores;
        std::sort(s.begin(), s.end());
        puits = s[0];
    });
    double panelContinu = medianeMicro(runs, [&] { puits = sel::choisirPanel(continu, p).total(); });
    double panelNotes = medianeMicro(runs, [&] { puits = sel::choisirPanel(notes, p).total(); });
    double cout = medianeMicro(runs, [&] { puits = sel::coutRepresentativite(notes, p).cout(); });
    sel::ParametresSensibilite ps;
    ps.panel = p;
    double sensib = medianeMicro(std::max(1, runs / 20), [&] {
        puits = sel::sensibilite(avecNotes, std::vector<double>(6, 1.0), ps)[0].pireRang;
    });

    // The function layer on cells (text typologies, folded).
    const char* terr[] = {"Urbain", "Rural", "Touristique", "Littoral", "Montagne", "Périurbain"};
    const char* coll[] = {"Métropole", "Communauté d'agglomération", "Communauté de communes", "Communauté urbaine",
                          "Syndicat", "Commune", "Département", "PETR"};
    eci::calc::Plage sc(n, 1), tt(n, 1), tc(n, 1);
    for (std::size_t i = 0; i < n; ++i) {
        sc.at(i, 0) = notes[i].score;
        tt.at(i, 0) = std::string(terr[notes[i].territoire]);
        tc.at(i, 0) = std::string(coll[notes[i].collectivite]);
    }
    double cellules = medianeMicro(runs, [&] {
        auto r = eci::calc::criteresSelection(sc, tt, tc, std::nullopt, std::nullopt);
        puits = std::get<double>(r.at(0, 0));
    });

    sel::Panel verif = sel::choisirPanel(notes, p);
    std::printf("Benchmark de la sélection (médianes sur %d exécutions ; %zu candidats, 6 + 8 typologies, N = 10)\n",
                runs, n);
    std::printf("  %-56s %9.2f µs  (x1, référence)\n", "référence : trier les 500 scores", base);
    std::printf("  %-56s %9.2f µs  (x%.1f)  objectif < 10 ms : %s\n", "panel exact, scores continus", panelContinu,
                panelContinu / base, panelContinu < 10000 ? "oui" : "NON");
    std::printf("  %-56s %9.2f µs  (x%.1f)  objectif < 10 ms : %s\n", "panel exact, scores issus de notes (ex aequo)",
                panelNotes, panelNotes / base, panelNotes < 10000 ? "oui" : "NON");
    std::printf("  %-56s %9.2f µs  (x%.1f)\n", "prix de la représentativité (panel + top N)", cout, cout / base);
    std::printf("  %-56s %9.2f µs  (x%.1f)\n", "CRITERES.SELECTION, couche fonctions (cellules)", cellules,
                cellules / base);
    std::printf("  %-56s %9.2f µs  (x%.1f)\n", "sensibilité, 6 critères (65 points, 65 panels)", sensib, sensib / base);
    std::printf("  (contrôle : panel de %zu membres, %zu / %zu typologies couvertes)\n", verif.membres.size(),
                verif.typologiesCouvertes, verif.typologiesACouvrir);
    return 0;
}
