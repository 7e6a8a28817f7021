// The scoring engine (docs/score.md §5): the platform's computeScore as the
// sequence of its passes, one function each (score/passes.hpp; the tree
// passes in passes_arbre.cpp, the points and display in passes_points.cpp,
// the score rules in regles_score.cpp), plus the small public helpers of
// eci/score.hpp (names, status rows, rounding, stars, ratios).
#include "eci/score.hpp"

#include <cmath>

#include "score/passes.hpp"

namespace eci {

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

double arrondi3(double x) { return passes::arrondi3Js(x); }

int etoilesPourcentage(double pct) {
    for (int e = 5; e >= 1; --e)
        if (pct >= kSeuilsEtoiles[static_cast<std::size_t>(e - 1)]) return e;
    return 1;
}

int etoiles(double pointFait, double pointPotentiel) {
    double pct = passes::vrai(pointPotentiel) ? (pointFait * 100) / pointPotentiel : 0;
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
    passes::Calcul calc(ref, e, s);
    passes::creerEnregistrements(calc);        // §5.1 one record per node
    passes::calculerPotentiels(calc);          // §5.2 potentiel and reduction factors
    passes::desactiver(calc);                  // §5.3 deactivation
    passes::marquerNonConcernes(calc);         // §5.4 non concerné
    passes::redistribuer(calc, params);        // §5.5 redistribution, parent potentiel
    passes::statutsEnPoints(calc);             // §5.6 statuses to points
    if (passes::aDesReglesScore(calc)) {       // §5.7-§5.8 score rules (none in ECi)
        const std::vector<double> ratio = passes::ratiosAvantRegles(calc);
        passes::appliquerReglesScore(calc, ratio);
        passes::resommerPointsFaits(calc);
    }
    if (params.arrondi) passes::arrondir(calc);  // §5.9 / §6 one rounding, at the end
    passes::etoilesRacine(calc);               // §10 the root's stars, from rounded values
    passes::statutsAffiches(calc);             // §5.10 displayed status
}

}  // namespace eci
