// Score rules (docs/score.md §5.7-§5.8; CAE uses them, ECi has none): the
// ratio map taken before any rule and before rounding; the formula a rule gave
// in §8.4 (a string, since score() stays symbolic there) parsed and evaluated
// again with the ratios; the factor v / ratio[node] applied to pointFait only
// and passed down to the children; pointFait re-summed on nodes without a
// status row. Also which node a score(…) names, and the check of a
// référentiel's score rules (unknown nodes, rules reading each other in a
// cycle), so that bad input gives a French message rather than a silent no-op.
#include <algorithm>

#include "score/passes.hpp"

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

namespace eci::passes {

bool aDesReglesScore(const Calcul& calc) {
    for (int i = 0; i < calc.n; ++i) {
        const Consequence* c = calc.consequence(i);
        if (c && c->scoreFormule) return true;
    }
    return false;
}

// §5.7: ratio[node] = pointPotentiel ? (pointFait || 0) / pointPotentiel : 0, before any rule and
// before rounding.
std::vector<double> ratiosAvantRegles(const Calcul& calc) {
    std::vector<double> ratio(static_cast<std::size_t>(calc.n));
    for (int i = 0; i < calc.n; ++i) {
        const ScoreNoeud& r = calc.s[(std::size_t)i];
        ratio[(std::size_t)i] = vrai(r.pointPotentiel) ? ou0(r.pointFait) / r.pointPotentiel : 0;
    }
    return ratio;
}

namespace {

// §5.8 step 1: the factor a node's own rule sets (nullopt: the inherited one is kept). The formula
// is evaluated again with score(x) reading the ratio of the node x names (an unknown x reads null,
// as on the platform; verifierReglesScore refuses such référentiels beforehand).
std::optional<double> facteurDeRegle(const Calcul& calc, const std::string& formuleTexte,
                                     const std::vector<double>& ratio, double ratioNoeud, regle::Contexte& ctx) {
    const regle::Expression formule = regle::Expression::analyser(formuleTexte);
    ctx.scores->clear();
    for (const std::string& nom : formule.scoresLus()) {
        const int j = noeudDeScore(calc.ref, nom);
        if (j >= 0) (*ctx.scores)[nom] = ratio[(std::size_t)j];
    }
    const regle::Valeur v = formule.evaluer(ctx);
    if (regle::estNul(v) || !(ratioNoeud > 0)) return std::nullopt;
    double num;
    if (auto d = std::get_if<double>(&v)) num = *d;
    else if (auto b = std::get_if<bool>(&v)) num = *b ? 1 : 0;
    else num = std::nan("");  // a text: JavaScript's text / number
    return num / ratioNoeud;
}

}  // namespace

// §5.8 steps 1-3, top-down: a node's factor is its rule's (when it has a rule and a potentiel) or
// its parent's; pointFait (only) is multiplied by it.
void appliquerReglesScore(Calcul& calc, const std::vector<double>& ratio) {
    const auto& N = calc.noeuds;
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    regle::Contexte ctx;
    ctx.reponses.emplace();
    ctx.scores.emplace();
    std::vector<std::optional<double>> fac(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        ScoreNoeud& r = s[(std::size_t)i];
        std::optional<double> f = i == 0 ? std::nullopt : fac[(std::size_t)N[(std::size_t)i].parent];
        const Consequence* c = calc.consequence(i);
        if (c && c->scoreFormule && vrai(r.pointPotentiel))
            if (auto propre = facteurDeRegle(calc, *c->scoreFormule, ratio, ratio[(std::size_t)i], ctx)) f = propre;
        if (f) r.pointFait = ou0(r.pointFait) * *f;
        fac[(std::size_t)i] = f;
    }
}

// §5.8 step 4, children before parents: pointFait re-summed on the parents without a status row
// (without any rule this gives back the §5.6 values).
void resommerPointsFaits(Calcul& calc) {
    const auto& N = calc.noeuds;
    std::vector<ScoreNoeud>& s = calc.s;
    for (int i = calc.n - 1; i >= 0; --i) {
        ScoreNoeud& r = s[(std::size_t)i];
        const Noeud& nd = N[(std::size_t)i];
        if (nd.feuille() || r.avancement) continue;
        double somme = 0;
        for (int c : nd.enfants) somme += ou0(s[(std::size_t)c].pointFait);
        r.pointFait = somme;
    }
}

}  // namespace eci::passes
