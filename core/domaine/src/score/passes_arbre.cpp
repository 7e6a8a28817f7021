// The passes of the platform's computeScore that shape the tree's potentiel
// (docs/score.md §5.1-§5.5): records, potentiel and reduction factors,
// deactivation, non concerné, redistribution. The tree is stored in
// pre-order, so a recursive pass of the platform is a forward loop (work done
// before recursing: parents before children) and/or a backward loop (work
// done after recursing: children before parents); sums over children still
// run left to right, so floating point matches exactly.
#include "score/passes.hpp"

namespace eci::passes {

// §5.1: one record per node (§3); totalTachesCount is the build-time total, bottom-up.
void creerEnregistrements(Calcul& calc) {
    const auto& N = calc.noeuds;
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    s.assign(static_cast<std::size_t>(n), ScoreNoeud{});
    for (int i = n - 1; i >= 0; --i) {
        ScoreNoeud& r = s[(std::size_t)i];
        r.pointReferentiel = N[(std::size_t)i].points;
        if (N[(std::size_t)i].feuille()) {
            r.totalTachesCount = 1;
        } else {
            int t = 0;
            for (int c : N[(std::size_t)i].enfants) {
                int tc = s[(std::size_t)c].totalTachesCount;
                t += tc ? tc : 1;
            }
            r.totalTachesCount = t;
        }
    }
}

// §5.2: potentiel and reduction factors. Forward, each node's factor (its reduction rule times
// the inherited factor, quirk §11.5); then backward (step 5), the potentiel of nodes without one:
// leaves their points, parents the sum of their children.
void calculerPotentiels(Calcul& calc) {
    const auto& N = calc.noeuds;
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    std::vector<std::optional<double>> pot(static_cast<std::size_t>(n));
    std::vector<std::optional<double>> facteur(static_cast<std::size_t>(n));  // factor passed to the children
    // Forward part (steps 1-3): the factor of each node, inherited or set by its reduction rule.
    for (int i = 0; i < n; ++i) {
        ScoreNoeud& r = s[(std::size_t)i];
        std::optional<double> herite = i == 0 ? std::nullopt : facteur[(std::size_t)N[(std::size_t)i].parent];
        std::optional<double> f = herite;
        const Consequence* c = calc.consequence(i);
        if (c && c->potentielPerso) {
            double h = herite && vrai(*herite) ? *herite : 1.0;
            f = *c->potentielPerso * h;
            r.pointPotentielPerso = *f * ou0(r.pointReferentiel);
        }
        if (f && r.pointReferentiel && vrai(*r.pointReferentiel)) pot[(std::size_t)i] = *f * *r.pointReferentiel;
        facteur[(std::size_t)i] = f;
    }
    // §5.2 step 5, children before parents.
    for (int i = n - 1; i >= 0; --i) {
        if (pot[(std::size_t)i]) continue;
        const Noeud& nd = N[(std::size_t)i];
        if (nd.feuille()) {
            pot[(std::size_t)i] = ou0(s[(std::size_t)i].pointReferentiel);
        } else {
            double somme = 0;
            for (int c : nd.enfants)
                somme += pot[(std::size_t)c] ? *pot[(std::size_t)c] : ou0(s[(std::size_t)c].pointReferentiel);
            pot[(std::size_t)i] = somme;
        }
    }
    for (int i = 0; i < n; ++i) s[(std::size_t)i].pointPotentiel = *pot[(std::size_t)i];
}

// §5.3: deactivation, top-down; a deactivated node is non concerné, and so is its subtree.
void desactiver(Calcul& calc) {
    const auto& N = calc.noeuds;
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    std::vector<char> desPasse(static_cast<std::size_t>(n), 0);  // the parentDes passed to the children
    for (int i = 0; i < n; ++i) {
        bool parentDes = i == 0 ? false : desPasse[(std::size_t)N[(std::size_t)i].parent];
        const Consequence* c = calc.consequence(i);
        if (!parentDes && c && c->desactive && *c->desactive) parentDes = true;
        s[(std::size_t)i].desactive = parentDes;
        if (parentDes) s[(std::size_t)i].concerne = false;
        desPasse[(std::size_t)i] = parentDes;
    }
}

// §5.4: non concerné. Forward (steps 1-3): a « non concerné » row makes its subtree non concerné;
// backward (step 5): a node without a concerné row whose children are all non concerné is too.
void marquerNonConcernes(Calcul& calc) {
    const auto& N = calc.noeuds;
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    std::vector<char> pcPasse(static_cast<std::size_t>(n), 1);   // the parentConcerne passed to the children
    for (int i = 0; i < n; ++i) {
        ScoreNoeud& r = s[(std::size_t)i];
        const LigneStatut* st = calc.statut(i);
        bool pc = i == 0 ? true : pcPasse[(std::size_t)N[(std::size_t)i].parent];
        if (st) r.avancement = st->avancement;
        if (pc && st && !st->concerne) pc = false;
        if (!pc) r.concerne = false;
        pcPasse[(std::size_t)i] = pc;
    }
    for (int i = n - 1; i >= 0; --i) {
        const Noeud& nd = N[(std::size_t)i];
        const LigneStatut* st = calc.statut(i);
        if (st && st->concerne) continue;
        if (nd.feuille()) continue;
        bool tousNon = true;
        for (int c : nd.enfants)
            if (s[(std::size_t)c].concerne) { tousNon = false; break; }
        if (tousNon) s[(std::size_t)i].concerne = false;
    }
}

// §5.5, post-order: at and below the action level, the potentiel of non-concerné children is
// shared equally among the concerné siblings with a potentiel (each subtree scaled by
// (pot + part) / pot); then a parent's potentiel is the sum of its concerné children (quirk §11.4).
void redistribuer(Calcul& calc, const ParametresCalcul& params) {
    const auto& N = calc.noeuds;
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    for (int i = n - 1; i >= 0; --i) {
        ScoreNoeud& r = s[(std::size_t)i];
        const Noeud& nd = N[(std::size_t)i];
        if (!r.concerne) continue;
        if (!params.redistributionDesactivee && nd.niveau >= params.niveauAction) {
            int recepteurs = 0;
            double T = 0;
            for (int c : nd.enfants) {
                const ScoreNoeud& sc = s[(std::size_t)c];
                if (sc.concerne && vrai(sc.pointPotentiel)) ++recepteurs;
                if (!sc.concerne) T += ou0(sc.pointPotentiel);
            }
            if (recepteurs > 0) {
                double part = T / recepteurs;
                for (int c : nd.enfants) {
                    ScoreNoeud& sc = s[(std::size_t)c];
                    if (!(sc.concerne && vrai(sc.pointPotentiel))) continue;
                    double k = (sc.pointPotentiel + part) / sc.pointPotentiel;
                    const int fin = c + N[(std::size_t)c].taille;
                    for (int d = c; d < fin; ++d) s[(std::size_t)d].pointPotentiel *= k;
                }
            }
        }
        if (!nd.feuille()) {
            bool unConcerne = false;
            for (int c : nd.enfants)
                if (s[(std::size_t)c].concerne) { unConcerne = true; break; }
            if (r.avancement && r.concerne && !unConcerne) {
                // quirk: keep the potentiel
            } else {
                double somme = 0;
                for (int c : nd.enfants) {
                    const ScoreNoeud& sc = s[(std::size_t)c];
                    somme += sc.concerne ? ou0(sc.pointPotentiel) : 0.0;
                }
                r.pointPotentiel = somme;
            }
        }
    }
}

}  // namespace eci::passes
