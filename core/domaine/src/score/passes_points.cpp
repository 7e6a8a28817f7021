// The passes of the platform's computeScore that give the points and what is
// shown (docs/score.md §5.6, §5.9-§5.10, §6, §10): statuses to points, the
// one rounding, the root's stars, the displayed status. Pre-order storage as
// in passes_arbre.cpp.
#include "score/passes.hpp"

namespace eci::passes {

// §5.6, post-order: non-concerné nodes get 0 (with the Python-era tâche count, quirk §11.1); a
// status row splits the potentiel by its fractions and masks the children (quirk §11.3); leaves
// without one are non renseigné; other parents sum their children.
void statutsEnPoints(Calcul& calc) {
    const auto& N = calc.noeuds;
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    for (int i = n - 1; i >= 0; --i) {
        ScoreNoeud& r = s[(std::size_t)i];
        const Noeud& nd = N[(std::size_t)i];
        const LigneStatut* st = calc.statut(i);
        if (!r.concerne) {
            int k = 0;
            for (int c : nd.enfants)
                if (N[(std::size_t)c].feuille()) ++k;
            if (k == 0) k = 1;
            r.pointFait = r.pointPasFait = r.pointProgramme = r.pointNonRenseigne = r.pointPotentiel = 0;
            r.completedTachesCount = r.totalTachesCount = k;
            r.pasConcerneTachesAvancement = k;
            r.faitTachesAvancement = r.programmeTachesAvancement = r.pasFaitTachesAvancement = 0;
            r.renseigne = true;
        } else if (st && st->avancement != Avancement::nonRenseigne) {
            r.avancement = st->avancement;
            double p = ou0(r.pointPotentiel);
            Fractions f{0, 0, 0};
            switch (st->avancement) {
                case Avancement::detaille:
                    r.avancementDetaille = st->detaille;
                    f = st->detaille ? *st->detaille : Fractions{0.5, 0.25, 0.25};
                    break;
                case Avancement::fait: f = {1, 0, 0}; break;
                case Avancement::programme: f = {0, 1, 0}; break;
                case Avancement::pasFait: f = {0, 0, 1}; break;
                case Avancement::nonRenseigne: break;
            }
            r.pointFait = f[0] * p;
            r.pointProgramme = f[1] * p;
            r.pointPasFait = f[2] * p;
            r.pointNonRenseigne = 0;
            const double total = r.totalTachesCount;
            r.completedTachesCount = r.totalTachesCount;
            r.faitTachesAvancement = f[0] * total;
            r.programmeTachesAvancement = f[1] * total;
            r.pasFaitTachesAvancement = f[2] * total;
            r.pasConcerneTachesAvancement = 0;
            r.renseigne = true;
        } else if (nd.feuille()) {
            r.pointFait = r.pointProgramme = r.pointPasFait = 0;
            r.pointNonRenseigne = r.pointPotentiel;
            r.completedTachesCount = 0;
            r.faitTachesAvancement = r.programmeTachesAvancement = r.pasFaitTachesAvancement =
                r.pasConcerneTachesAvancement = 0;
            r.renseigne = false;
        } else {
            double f = 0, pr = 0, pf = 0, nr = 0, fa = 0, pa = 0, pfa = 0, pca = 0;
            int total = 0, complete = 0;
            for (int c : nd.enfants) {
                const ScoreNoeud& sc = s[(std::size_t)c];
                f += ou0(sc.pointFait);
                pr += ou0(sc.pointProgramme);
                pf += ou0(sc.pointPasFait);
                nr += ou0(sc.pointNonRenseigne);
                total += sc.totalTachesCount ? sc.totalTachesCount : 1;
                complete += sc.completedTachesCount;
                fa += ou0(sc.faitTachesAvancement);
                pa += ou0(sc.programmeTachesAvancement);
                pfa += ou0(sc.pasFaitTachesAvancement);
                pca += ou0(sc.pasConcerneTachesAvancement);
            }
            r.pointFait = f;
            r.pointProgramme = pr;
            r.pointPasFait = pf;
            r.pointNonRenseigne = nr;
            r.totalTachesCount = total;
            r.completedTachesCount = complete;
            r.faitTachesAvancement = fa;
            r.programmeTachesAvancement = pa;
            r.pasFaitTachesAvancement = pfa;
            r.pasConcerneTachesAvancement = pca;
            if (r.concerne && r.pointNonRenseigne > 0) r.renseigne = false;
        }
    }
}

// §5.9 / §6: every record rounded once, at the end (JavaScript Math.round, 3 decimals);
// pointPotentielPerso only when truthy, and null when it rounds to 0.
void arrondir(Calcul& calc) {
    std::vector<ScoreNoeud>& s = calc.s;
    for (ScoreNoeud& r : s) {
        if (r.pointReferentiel) r.pointReferentiel = arrondi3Js(*r.pointReferentiel);
        r.pointPotentiel = arrondi3Js(r.pointPotentiel);
        r.pointFait = arrondi3Js(r.pointFait);
        r.pointProgramme = arrondi3Js(r.pointProgramme);
        r.pointNonRenseigne = arrondi3Js(r.pointNonRenseigne);
        r.pointPasFait = arrondi3Js(r.pointPasFait);
        r.faitTachesAvancement = arrondi3Js(r.faitTachesAvancement);
        r.programmeTachesAvancement = arrondi3Js(r.programmeTachesAvancement);
        r.pasFaitTachesAvancement = arrondi3Js(r.pasFaitTachesAvancement);
        r.pasConcerneTachesAvancement = arrondi3Js(r.pasConcerneTachesAvancement);
        if (r.pointPotentielPerso && vrai(*r.pointPotentielPerso)) {
            double v = arrondi3Js(*r.pointPotentielPerso);
            if (v == 0) r.pointPotentielPerso.reset();
            else r.pointPotentielPerso = v;
        }
    }
}

// §10: the root's stars, from its rounded values.
void etoilesRacine(Calcul& calc) {
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    if (n > 0) s[0].etoiles = etoiles(s[0].pointFait, s[0].pointPotentiel);
}

// §5.10, post-order: the displayed status of sous-actions and tâches (détaillé à la tâche,
// non renseignable under a parent with a status, …).
void statutsAffiches(Calcul& calc) {
    const auto& N = calc.noeuds;
    const int n = calc.n;
    std::vector<ScoreNoeud>& s = calc.s;
    for (int i = n - 1; i >= 0; --i) {
        const Noeud& nd = N[(std::size_t)i];
        if (!nd.estSousActionOuTache()) continue;
        ScoreNoeud& r = s[(std::size_t)i];
        r.aStatut = true;
        Statut base;
        if (r.desactive || !r.concerne) base = Statut::nonConcerne;
        else if (!r.avancement) base = Statut::nonRenseigne;
        else {
            switch (*r.avancement) {
                case Avancement::fait: base = Statut::fait; break;
                case Avancement::programme: base = Statut::programme; break;
                case Avancement::pasFait: base = Statut::pasFait; break;
                case Avancement::detaille: base = Statut::detaille; break;
                default: base = Statut::nonRenseigne; break;
            }
        }
        bool enfantRenseigne = false;
        for (int c : nd.enfants) {
            const ScoreNoeud& sc = s[(std::size_t)c];
            if (sc.aStatut && sc.statut != Statut::aucun && sc.statut != Statut::nonRenseigne) {
                enfantRenseigne = true;
                break;
            }
        }
        const ScoreNoeud* parent = nd.parent >= 0 ? &s[(std::size_t)nd.parent] : nullptr;
        if (enfantRenseigne && base == Statut::nonRenseigne) r.statut = Statut::detailleALaTache;
        else if (parent && parent->avancement && *parent->avancement != Avancement::nonRenseigne)
            r.statut = Statut::nonRenseignable;
        else r.statut = base == Statut::nonRenseigne ? Statut::aucun : base;
    }
}

}  // namespace eci::passes
