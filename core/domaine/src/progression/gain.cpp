// The fillable rows and the exact gain of each (docs/progression.md §1-§2).
#include <cmath>

#include "eci/progression.hpp"
#include "progression/interne.hpp"

namespace eci::progression {

namespace interne {

bool statutPropre(const EntreesCalcul& e, int i) {
    const auto k = (std::size_t)i;
    if (k >= e.statuts.size() || !e.statuts[k]) return false;
    const LigneStatut& l = *e.statuts[k];
    return !l.concerne || l.avancement != Avancement::nonRenseigne;
}

std::vector<char> masques(const Referentiel& ref, const EntreesCalcul& e) {
    std::vector<char> m(ref.taille(), 0);
    for (std::size_t i = 1; i < ref.taille(); ++i) {
        const int p = ref.noeud((int)i).parent;
        m[i] = m[(std::size_t)p] || statutPropre(e, p);
    }
    return m;
}

bool dejaFait(const EntreesCalcul& e, int i) {
    const auto k = (std::size_t)i;
    return k < e.statuts.size() && e.statuts[k] && e.statuts[k]->concerne &&
           e.statuts[k]->avancement == Avancement::fait;
}

Evaluateur::Evaluateur(const Situation& s) : s_(s), e_(s.entrees), exact_(s.params) {
    e_.statuts.resize(s.ref.taille());
    exact_.arrondi = false;
}

void Evaluateur::appliquer(const std::vector<int>& lignes) {
    sauve_.clear();
    const LigneStatut fait = ligneStatut(StatutSaisi::fait);
    for (int i : lignes) {
        sauve_.push_back(e_.statuts[(std::size_t)i]);
        e_.statuts[(std::size_t)i] = fait;
    }
}

void Evaluateur::retablir(const std::vector<int>& lignes) {
    for (std::size_t k = lignes.size(); k-- > 0;) e_.statuts[(std::size_t)lignes[k]] = sauve_[k];
}

double Evaluateur::faitExact(const std::vector<int>& lignes) {
    appliquer(lignes);
    calculerScores(s_.ref, e_, exact_, sortie_);
    retablir(lignes);
    return sortie_.front().pointFait;
}

const std::vector<ScoreNoeud>& Evaluateur::exacts() {
    if (exacts_.empty()) calculerScores(s_.ref, e_, exact_, exacts_);
    return exacts_;
}

bool aDesReglesScore(const Referentiel& ref) {
    for (const ReglesNoeud& r : ref.regles())
        if (!r.score.empty()) return true;
    return false;
}

const std::vector<ScoreNoeud>& Evaluateur::scores(const std::vector<int>& lignes) {
    appliquer(lignes);
    calculerScores(s_.ref, e_, s_.params, sortie_);
    retablir(lignes);
    return sortie_;
}

}  // namespace interne

using namespace interne;

std::vector<int> lignesRemplissables(const Situation& s) {
    const Referentiel& ref = s.ref;
    const std::vector<char> m = masques(ref, s.entrees);
    std::vector<int> r;
    for (int i = 0; i < (int)ref.taille(); ++i) {
        const Noeud& n = ref.noeud(i);
        if (m[(std::size_t)i]) continue;
        if (n.type == "tache" || (n.type == "sous-action" && (n.feuille() || statutPropre(s.entrees, i))))
            r.push_back(i);
    }
    return r;
}

std::vector<std::optional<double>> gains(const Situation& s) {
    const Referentiel& ref = s.ref;
    Evaluateur ev(s);
    const std::vector<ScoreNoeud> avant = ev.scores({});
    const double faitAvant = avant.front().pointFait;
    const std::vector<char> m = masques(ref, s.entrees);
    const bool additif = !aDesReglesScore(ref);
    const double faitExact0 = additif ? ev.exacts().front().pointFait : 0.0;
    std::vector<std::optional<double>> g(ref.taille());
    for (int i = 0; i < (int)ref.taille(); ++i) {
        if (!ref.noeud(i).estSousActionOuTache()) continue;
        const ScoreNoeud& sc = avant[(std::size_t)i];
        if (m[(std::size_t)i] || !sc.concerne || sc.desactive || dejaFait(s.entrees, i)) {
            g[(std::size_t)i] = 0.0;
            continue;
        }
        // §2: root pointFait after − before, both rounded as every score, the difference too. Without
        // score rules the exact points after are the points before plus the row's exact gain (§2.1);
        // a sum that lands within a millionth of a thousandth of a rounding tie is re-evaluated.
        double exact = 0;
        bool calcule = false;
        if (additif) {
            exact = faitExact0 + gainExact(ev.exacts(), i);
            const double x = exact * 1000, frac = x - std::floor(x);
            calcule = std::fabs(frac - 0.5) > 1e-6;
        }
        const double apres = arrondi3(calcule ? exact : ev.faitExact({i}));
        g[(std::size_t)i] = arrondi3(apres - faitAvant) + 0.0;
    }
    return g;
}

}  // namespace eci::progression
