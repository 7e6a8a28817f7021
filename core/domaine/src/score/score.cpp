// The platform's computeScore, pass by pass (docs/score.md §5). The tree is
// stored in pre-order, so every recursive pass of the platform is written as a
// forward loop (work done before recursing: parents before children) and/or a
// backward loop (work done after recursing: children before parents). Sums
// over children still run left to right, so floating point matches exactly.
#include "eci/score.hpp"

#include <cmath>

namespace eci {

namespace {

inline bool vrai(double x) { return x != 0 && !std::isnan(x); }          // JS truthiness
inline double ou0(double x) { return vrai(x) ? x : 0.0; }                  // x || 0
inline double ou0(const std::optional<double>& x) { return x ? ou0(*x) : 0.0; }

// JS Math.round: nearest integer, ties towards +infinity.
inline double jsRound(double v) {
    double r = std::floor(v);
    if (v - r >= 0.5) r += 1;
    return r;
}

struct Travail {
    std::optional<double> pointPotentiel;  // null until §5.2 sets it
};

}  // namespace

const char* nomAvancement(Avancement a) {
    switch (a) {
        case Avancement::fait: return "fait";
        case Avancement::programme: return "programme";
        case Avancement::pasFait: return "pas_fait";
        case Avancement::nonRenseigne: return "non_renseigne";
        case Avancement::detaille: return "detaille";
    }
    return "";
}

const char* nomStatut(Statut s) {
    switch (s) {
        case Statut::aucun: return "";
        case Statut::fait: return "fait";
        case Statut::programme: return "programme";
        case Statut::pasFait: return "pas_fait";
        case Statut::nonRenseigne: return "non_renseigne";
        case Statut::detaille: return "detaille";
        case Statut::nonConcerne: return "non_concerne";
        case Statut::nonRenseignable: return "non_renseignable";
        case Statut::detailleALaTache: return "detaille_a_la_tache";
    }
    return "";
}

LigneStatut ligneStatut(StatutSaisi s, const std::optional<Fractions>& d) {
    LigneStatut l;
    switch (s) {
        case StatutSaisi::fait: l.avancement = Avancement::fait; break;
        case StatutSaisi::programme: l.avancement = Avancement::programme; break;
        case StatutSaisi::pasFait: l.avancement = Avancement::pasFait; break;
        case StatutSaisi::nonRenseigne: l.avancement = Avancement::nonRenseigne; break;
        case StatutSaisi::nonConcerne: l.concerne = false; l.avancement = Avancement::nonRenseigne; break;
        case StatutSaisi::detailleALaTache: l.avancement = Avancement::nonRenseigne; break;
        case StatutSaisi::detaille:
            // The catalogue's convention (docs/fonctions-conventions.md): a détaillé row without
            // fractions keeps the engine default 0.5 / 0.25 / 0.25 (§5.6).
            if (!d) { l.avancement = Avancement::detaille; break; }
            if ((*d)[0] == 1) l.avancement = Avancement::fait;
            else if ((*d)[1] == 1) l.avancement = Avancement::programme;
            else if ((*d)[2] == 1) l.avancement = Avancement::pasFait;
            else { l.avancement = Avancement::detaille; l.detaille = d; }
            break;
    }
    return l;
}

double arrondi3(double x) { return jsRound(x * 1000 + 2.220446049250313e-16) / 1000.0; }

int etoilesPourcentage(double pct) {
    for (int e = 5; e >= 1; --e)
        if (pct >= kSeuilsEtoiles[static_cast<std::size_t>(e - 1)]) return e;
    return 1;
}

int etoiles(double pointFait, double pointPotentiel) {
    double pct = vrai(pointPotentiel) ? (pointFait * 100) / pointPotentiel : 0;
    return etoilesPourcentage(pct);
}

double ratioFait(const ScoreNoeud& s) {
    if (s.pointPotentiel == 0) {
        if (s.totalTachesCount == 0) return 0;
        double r = s.faitTachesAvancement / s.totalTachesCount;
        return std::isfinite(r) ? r : 0;
    }
    double r = s.pointFait / s.pointPotentiel;
    return std::isfinite(r) ? r : 0;
}

double ratioProgramme(const ScoreNoeud& s) {
    if (s.pointPotentiel == 0) {
        if (s.totalTachesCount == 0) return 0;
        double r = s.programmeTachesAvancement / s.totalTachesCount;
        return std::isfinite(r) ? r : 0;
    }
    double r = s.pointProgramme / s.pointPotentiel;
    return std::isfinite(r) ? r : 0;
}

std::vector<ScoreNoeud> calculerScores(const Referentiel& ref, const EntreesCalcul& e, const ParametresCalcul& p) {
    std::vector<ScoreNoeud> s;
    calculerScores(ref, e, p, s);
    return s;
}

void calculerScores(const Referentiel& ref, const EntreesCalcul& e, const ParametresCalcul& params,
                    std::vector<ScoreNoeud>& s) {
    const auto& N = ref.noeuds();
    const int n = static_cast<int>(N.size());
    auto statut = [&](int i) -> const LigneStatut* {
        return static_cast<std::size_t>(i) < e.statuts.size() && e.statuts[(std::size_t)i] ? &*e.statuts[(std::size_t)i]
                                                                                           : nullptr;
    };
    auto consequence = [&](int i) -> const Consequence* {
        return static_cast<std::size_t>(i) < e.consequences.size() && e.consequences[(std::size_t)i]
                   ? &*e.consequences[(std::size_t)i]
                   : nullptr;
    };

    // §5.1 Records (§3).
    s.assign(static_cast<std::size_t>(n), ScoreNoeud{});
    std::vector<std::optional<double>> pot(static_cast<std::size_t>(n));
    std::vector<std::optional<double>> facteur(static_cast<std::size_t>(n));  // factor passed to the children
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

    // §5.2 Potentiel and reduction factors: forward part (steps 1-3).
    for (int i = 0; i < n; ++i) {
        ScoreNoeud& r = s[(std::size_t)i];
        std::optional<double> herite = i == 0 ? std::nullopt : facteur[(std::size_t)N[(std::size_t)i].parent];
        std::optional<double> f = herite;
        const Consequence* c = consequence(i);
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

    // §5.3 Deactivation, top-down. `des[i]` is the parentDes passed to the children.
    {
        std::vector<char> desPasse(static_cast<std::size_t>(n), 0);
        for (int i = 0; i < n; ++i) {
            bool parentDes = i == 0 ? false : desPasse[(std::size_t)N[(std::size_t)i].parent];
            const Consequence* c = consequence(i);
            if (!parentDes && c && c->desactive && *c->desactive) parentDes = true;
            s[(std::size_t)i].desactive = parentDes;
            if (parentDes) s[(std::size_t)i].concerne = false;
            desPasse[(std::size_t)i] = parentDes;
        }
    }

    // §5.4 Non concerné: forward (steps 1-3), then backward (step 5).
    {
        std::vector<char> pcPasse(static_cast<std::size_t>(n), 1);
        for (int i = 0; i < n; ++i) {
            ScoreNoeud& r = s[(std::size_t)i];
            const LigneStatut* st = statut(i);
            bool pc = i == 0 ? true : pcPasse[(std::size_t)N[(std::size_t)i].parent];
            if (st) r.avancement = st->avancement;
            if (pc && st && !st->concerne) pc = false;
            if (!pc) r.concerne = false;
            pcPasse[(std::size_t)i] = pc;
        }
        for (int i = n - 1; i >= 0; --i) {
            const Noeud& nd = N[(std::size_t)i];
            const LigneStatut* st = statut(i);
            if (st && st->concerne) continue;
            if (nd.feuille()) continue;
            bool tousNon = true;
            for (int c : nd.enfants)
                if (s[(std::size_t)c].concerne) { tousNon = false; break; }
            if (tousNon) s[(std::size_t)i].concerne = false;
        }
    }

    // §5.5 Redistribution and parent potentiel (post-order).
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

    // §5.6 Statuses to points (post-order).
    for (int i = n - 1; i >= 0; --i) {
        ScoreNoeud& r = s[(std::size_t)i];
        const Noeud& nd = N[(std::size_t)i];
        const LigneStatut* st = statut(i);
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

    // §5.7 + §5.8 Score rules (only when some node carries one).
    bool regleScore = false;
    for (int i = 0; i < n && !regleScore; ++i) {
        const Consequence* c = consequence(i);
        if (c && c->scoreFormule) regleScore = true;
    }
    if (regleScore) {
        // §5.7: the ratio of every node, before any rule and before rounding.
        std::vector<double> ratio(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            const ScoreNoeud& r = s[(std::size_t)i];
            ratio[(std::size_t)i] = vrai(r.pointPotentiel) ? ou0(r.pointFait) / r.pointPotentiel : 0;
        }
        // §5.8 top-down: the formula (the string the rule gave in §8.4) evaluated again, score(x) now
        // reading the ratio of the node x names.
        regle::Contexte ctx;
        ctx.reponses.emplace();
        ctx.scores.emplace();
        std::vector<std::optional<double>> fac(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            ScoreNoeud& r = s[(std::size_t)i];
            std::optional<double> f = i == 0 ? std::nullopt : fac[(std::size_t)N[(std::size_t)i].parent];
            const Consequence* c = consequence(i);
            if (c && c->scoreFormule && vrai(r.pointPotentiel)) {
                const regle::Expression formule = regle::Expression::analyser(*c->scoreFormule);
                ctx.scores->clear();
                for (const std::string& nom : formule.scoresLus()) {
                    const int j = noeudDeScore(ref, nom);
                    if (j >= 0) (*ctx.scores)[nom] = ratio[(std::size_t)j];  // unknown: null, as on the platform
                }
                regle::Valeur v = formule.evaluer(ctx);
                if (!regle::estNul(v) && ratio[(std::size_t)i] > 0) {
                    double num;
                    if (auto d = std::get_if<double>(&v)) num = *d;
                    else if (auto b = std::get_if<bool>(&v)) num = *b ? 1 : 0;
                    else num = std::nan("");
                    f = num / ratio[(std::size_t)i];
                }
            }
            if (f) r.pointFait = ou0(r.pointFait) * *f;
            fac[(std::size_t)i] = f;
        }
        // §5.8 step 4, children before parents: pointFait re-summed on nodes without a status row.
        for (int i = n - 1; i >= 0; --i) {
            ScoreNoeud& r = s[(std::size_t)i];
            const Noeud& nd = N[(std::size_t)i];
            if (nd.feuille() || r.avancement) continue;
            double somme = 0;
            for (int c : nd.enfants) somme += ou0(s[(std::size_t)c].pointFait);
            r.pointFait = somme;
        }
    }

    // §6 Rounding.
    for (ScoreNoeud& r : s) {
        if (r.pointReferentiel) r.pointReferentiel = arrondi3(*r.pointReferentiel);
        r.pointPotentiel = arrondi3(r.pointPotentiel);
        r.pointFait = arrondi3(r.pointFait);
        r.pointProgramme = arrondi3(r.pointProgramme);
        r.pointNonRenseigne = arrondi3(r.pointNonRenseigne);
        r.pointPasFait = arrondi3(r.pointPasFait);
        r.faitTachesAvancement = arrondi3(r.faitTachesAvancement);
        r.programmeTachesAvancement = arrondi3(r.programmeTachesAvancement);
        r.pasFaitTachesAvancement = arrondi3(r.pasFaitTachesAvancement);
        r.pasConcerneTachesAvancement = arrondi3(r.pasConcerneTachesAvancement);
        if (r.pointPotentielPerso && vrai(*r.pointPotentielPerso)) {
            double v = arrondi3(*r.pointPotentielPerso);
            if (v == 0) r.pointPotentielPerso.reset();
            else r.pointPotentielPerso = v;
        }
    }
    // §10 Stars on the root, from the rounded values.
    if (n > 0) s[0].etoiles = etoiles(s[0].pointFait, s[0].pointPotentiel);

    // §5.10 Display status (post-order), sous-actions and tâches only.
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

}  // namespace eci
