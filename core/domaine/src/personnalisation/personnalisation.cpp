#include "eci/personnalisation.hpp"

#include <cmath>

namespace eci {

std::vector<std::optional<Consequence>> consequences(const Referentiel& ref, const regle::Contexte& ctx) {
    std::vector<std::optional<Consequence>> out;
    consequences(ref, ctx, out);
    return out;
}

void consequences(const Referentiel& ref, const regle::Contexte& ctx, std::vector<std::optional<Consequence>>& out) {
    const auto& N = ref.noeuds();
    out.assign(N.size(), std::nullopt);
    verifierReglesScore(ref);  // bad score rules are refused here, before any scoring (docs/score.md §5.8)
    // The platform evaluates rules without scores and without référentiel context.
    regle::Contexte c = ctx;
    c.scores.reset();
    c.referentiel.reset();
    for (std::size_t i = 0; i < N.size(); ++i) {
        if (N[i].regles < 0) continue;
        const ReglesNoeud& r = ref.regles()[static_cast<std::size_t>(N[i].regles)];
        Consequence q;
        if (r.exprDesactivation) {
            regle::Valeur v = r.exprDesactivation->evaluer(c);
            if (!regle::estNul(v)) q.desactive = regle::estVrai(v);
        }
        if (r.exprReduction) {
            regle::Valeur v = r.exprReduction->evaluer(c);
            if (auto d = std::get_if<double>(&v)) q.potentielPerso = *d;
            else if (auto b = std::get_if<bool>(&v)) q.potentielPerso = *b ? 1.0 : 0.0;
        }
        if (r.exprScore) {
            regle::Valeur v = r.exprScore->evaluer(c);
            if (!regle::estNul(v)) q.scoreFormule = regle::versTexte(v);
        }
        out[i] = q;
    }
}

bool estDesactive(const Referentiel& ref, const std::vector<std::optional<Consequence>>& cons, int index) {
    for (int i = index; i >= 0; i = ref.noeud(i).parent) {
        const auto& c = cons[static_cast<std::size_t>(i)];
        if (c && c->desactive && *c->desactive) return true;
    }
    return false;
}

}  // namespace eci
