// The scoring engine (docs/score.md §2-§7, §10): statuses, personalisation
// consequences and the référentiel tree in, one score record per node out.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eci/referentiel.hpp"

namespace eci {

// Stored avancement of a status row (§2.1).
enum class Avancement { fait, programme, pasFait, nonRenseigne, detaille };

// Displayed status (§5.10), for sous-actions and tâches.
enum class Statut {
    aucun,  // null
    fait,
    programme,
    pasFait,
    nonRenseigne,
    detaille,
    nonConcerne,
    nonRenseignable,
    detailleALaTache
};

const char* nomAvancement(Avancement a);  // "fait", "programme", "pas_fait", ...
const char* nomStatut(Statut s);          // platform key, "" for aucun

using Fractions = std::array<double, 3>;  // fait, programmé, pas fait

// One status row (one per node at most).
struct LigneStatut {
    bool concerne = true;
    Avancement avancement = Avancement::nonRenseigne;
    std::optional<Fractions> detaille;  // used only when avancement == detaille
};

// Status sent by a user (UI / sheet) before the API's storage mapping (§2.1).
enum class StatutSaisi { fait, programme, pasFait, nonRenseigne, detaille, nonConcerne, detailleALaTache };
// The row the platform stores for a status sent by the UI.
LigneStatut ligneStatut(StatutSaisi s, const std::optional<Fractions>& detaille = std::nullopt);

// Personalisation consequences of one node (§2.2). A rule that yields a value
// of another type is mapped as the platform's JavaScript would use it.
struct Consequence {
    std::optional<bool> desactive;
    std::optional<double> potentielPerso;
    std::optional<std::string> scoreFormule;  // symbolic formula, e.g. "min(score(x), 0.5)"
};

struct ParametresCalcul {
    int niveauAction = 2;
    bool redistributionDesactivee = false;
    // false skips the final rounding (§6): the exact sums the path search of docs/progression.md §4
    // adds up. Every score shown is rounded.
    bool arrondi = true;
};

// The score record of a node (§3), after rounding (§6).
struct ScoreNoeud {
    std::optional<double> pointReferentiel;
    double pointPotentiel = 0;
    std::optional<double> pointPotentielPerso;
    double pointFait = 0, pointProgramme = 0, pointPasFait = 0, pointNonRenseigne = 0;
    bool concerne = true, desactive = false, renseigne = true;
    int totalTachesCount = 1;
    int completedTachesCount = 0;
    double faitTachesAvancement = 0, programmeTachesAvancement = 0, pasFaitTachesAvancement = 0,
           pasConcerneTachesAvancement = 0;
    std::optional<Avancement> avancement;
    std::optional<Fractions> avancementDetaille;
    bool aStatut = false;           // the `statut` key exists (sous-actions and tâches)
    Statut statut = Statut::aucun;
    std::optional<int> etoiles;     // root only
};

// Inputs indexed like Referentiel::noeuds().
struct EntreesCalcul {
    std::vector<std::optional<LigneStatut>> statuts;
    std::vector<std::optional<Consequence>> consequences;
};

// Runs every pass of §5 and returns the rounded records, indexed like the tree.
std::vector<ScoreNoeud> calculerScores(const Referentiel& ref, const EntreesCalcul& entrees,
                                       const ParametresCalcul& params);

// Same, reusing `sortie` (no allocation when its size already fits).
void calculerScores(const Referentiel& ref, const EntreesCalcul& entrees, const ParametresCalcul& params,
                    std::vector<ScoreNoeud>& sortie);

// §5.8: the node that score(nom) in a score rule names: its platform id (« cae_1.2.3 ») or its
// action_id; for a référentiel passed as a range without its own prefix (no action_id on the root
// row, so the default « eci »), also « <any prefix>_<identifiant> ». -1 when it names no node.
int noeudDeScore(const Referentiel& ref, std::string_view nom);

// §5.8, bad input: every score(…) of the référentiel's score rules names one of its nodes, and no
// rules read each other's score in a cycle (a rule reading its own node, as the CAE's 3.3.5 does,
// is fine). Throws regle::ErreurEvaluation with a French message naming the rule.
void verifierReglesScore(const Referentiel& ref);

// §6: JavaScript Math.round based rounding to 3 decimals.
double arrondi3(double x);

// §10: star thresholds (percent) and the score-derived stars.
constexpr std::array<double, 5> kSeuilsEtoiles = {0, 35, 50, 65, 75};
int etoilesPourcentage(double pourcentage);
int etoiles(double pointFait, double pointPotentiel);

// §7 getScoreRatios: ratio fait (0..1) and ratio programmé of a record.
double ratioFait(const ScoreNoeud& s);
double ratioProgramme(const ScoreNoeud& s);

}  // namespace eci
