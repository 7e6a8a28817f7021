// Score rules (docs/score.md §5.8): which node a score(…) names, and the check
// of a référentiel's score rules (unknown nodes, rules reading each other in a
// cycle), so that bad input gives a French message rather than a silent no-op.
#include <algorithm>

#include "eci/score.hpp"

namespace eci {

int noeudDeScore(const Referentiel& ref, std::string_view nom) {
    if (nom.empty()) return -1;
    const int i = ref.index(nom);
    if (i >= 0) return i;
    // « cae_1.2.3 » in a range whose root row gave no prefix (its ids are « eci_1.2.3 »): the
    // platform's action ids are always <référentiel>_<identifiant>.
    const std::size_t us = nom.find('_');
    if (us == std::string_view::npos || us == 0 || us + 1 >= nom.size()) return -1;
    const std::string_view identifiant = nom.substr(us + 1);
    if (identifiant.front() < '0' || identifiant.front() > '9') return -1;
    return ref.index(identifiant);
}

namespace {

std::string nomNoeud(const Noeud& n) { return n.identifiant.empty() ? n.id : n.identifiant; }

}  // namespace

void verifierReglesScore(const Referentiel& ref) {
    if (std::none_of(ref.regles().begin(), ref.regles().end(),
                     [](const ReglesNoeud& r) { return r.exprScore.has_value(); }))
        return;  // the ECi: no score rule
    const auto& N = ref.noeuds();
    const int n = static_cast<int>(N.size());
    // Edges: rule of i reads the score of j, j another node carrying a score rule.
    std::vector<std::vector<int>> lit(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        if (N[(std::size_t)i].regles < 0) continue;
        const ReglesNoeud& r = ref.regles()[(std::size_t)N[(std::size_t)i].regles];
        if (!r.exprScore) continue;
        for (const std::string& nom : r.exprScore->scoresLus()) {
            const int j = noeudDeScore(ref, nom);
            if (j < 0)
                throw regle::ErreurEvaluation("règle de score du nœud « " + nomNoeud(N[(std::size_t)i]) +
                                              " » : score(" + nom + ") ne nomme aucun nœud du référentiel.");
            lit[(std::size_t)i].push_back(j);
        }
    }
    auto aRegle = [&](int j) {
        const int k = N[(std::size_t)j].regles;
        return k >= 0 && ref.regles()[(std::size_t)k].exprScore.has_value();
    };
    // Iterative depth-first search (a range may chain thousands of rules): 0 unseen, 1 on the path, 2 done.
    std::vector<char> etat(static_cast<std::size_t>(n), 0);
    std::vector<std::pair<int, std::size_t>> pile;
    for (int depart = 0; depart < n; ++depart) {
        if (etat[(std::size_t)depart] || !aRegle(depart)) continue;
        pile.push_back({depart, 0});
        etat[(std::size_t)depart] = 1;
        while (!pile.empty()) {
            auto& [i, k] = pile.back();
            if (k == lit[(std::size_t)i].size()) {
                etat[(std::size_t)i] = 2;
                pile.pop_back();
                continue;
            }
            const int j = lit[(std::size_t)i][k++];
            if (j == i || !aRegle(j) || etat[(std::size_t)j] == 2) continue;
            if (etat[(std::size_t)j] == 1) {
                std::string cycle;
                auto debut = std::find_if(pile.begin(), pile.end(), [&](const auto& c) { return c.first == j; });
                for (auto it = debut; it != pile.end(); ++it) cycle += nomNoeud(N[(std::size_t)it->first]) + " → ";
                cycle += nomNoeud(N[(std::size_t)j]);
                throw regle::ErreurEvaluation("règles de score en cycle (" + cycle +
                                              ") : chaque règle de score ne peut lire que son propre nœud ou "
                                              "des nœuds sans règle de score.");
            }
            etat[(std::size_t)j] = 1;
            pile.push_back({j, 0});
        }
    }
}

}  // namespace eci
