// What to do next (docs/progression.md): the rows a user fills (§1), the exact points each row
// would bring if switched to « fait » (§2, ECI.GAIN), and the exact smallest (or cheapest) set of
// rows to switch to « fait » so that a labellisation star is within reach as ECI.LABELLISATION
// defines it: the global score criterion and every action criterion of that star (§3-§5,
// ECI.CHEMIN, ECI.CHEMIN_TEXTE).
//
// Works on the engine's inputs (statuses and personalisation consequences, indexed like the tree):
// no cells, no ranges. Every answer is checked by re-evaluation with eci::calculerScores and
// eci::labellisation::evaluerCriteres before it is returned.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "eci/labellisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/score.hpp"

namespace eci::progression {

// Raised when a path cannot be computed exactly (a référentiel with score rules too large for the
// exhaustive search of §4.3) or when the re-evaluation contradicts the result. French message.
struct ErreurProgression : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One situation: the référentiel, the inputs of calculerScores and its parameters.
struct Situation {
    const Referentiel& ref;
    const EntreesCalcul& entrees;
    ParametresCalcul params;
};

// §1 The fillable rows (node indices, tree order): tâches whose ancestors carry no statut of their
// own; sous-actions with a statut of their own (it covers their tâches); sous-actions without
// tâches (and without an ancestor carrying a statut).
std::vector<int> lignesRemplissables(const Situation& s);

// §2 ECI.GAIN: per node (indexed like the tree), the root's points fait gained if that row were
// switched to « fait » (root pointFait after − before, rounded to 3 decimals); nullopt for nodes
// that are neither sous-action nor tâche; 0 for rows already fait, non concerné, désactivé or
// masked by a statut on an ancestor. For a sous-action with tâches and no statut of its own: the
// gain of giving it the statut « fait ».
std::vector<std::optional<double>> gains(const Situation& s);

// §3 The path to a star.
struct Chemin {
    int etoile = 1;
    bool possible = false;
    std::vector<int> lignes;          // nodes to switch to « fait », tree order (empty when already within reach)
    double effort = 0;                // total effort of `lignes` (their number without efforts)
    double gain = 0;                  // root pointFait after − before (re-evaluated, 3 decimals)
    double pourcentAvant = 0;         // 100 · Rf(root) before
    double pourcentApres = 0;         // 100 · Rf(root) after switching `lignes` (before when impossible)
    double pourcentRequis = 0;        // the star's score threshold (percent)
    std::vector<std::string> raisons; // why no path exists (French sentences); empty when possible
};

// §3-§4 The exact path to star `etoile` (1-5): a set of fillable rows to switch to « fait » with the
// fewest rows, or, when `efforts` is given (indexed like the tree, a positive number per node;
// only the fillable rows' values are read), the least total effort; ties broken by the higher gain,
// then by row order (the lexicographically smallest list of nodes). Throws
// labellisation::ErreurLabellisation for a star outside 1-5, ErreurProgression as above and for an
// effort that is not a positive finite number.
Chemin chemin(const Situation& s, const labellisation::Parcours& parcours, int etoile,
              const std::vector<double>* efforts = nullptr);

// §5 ECI.CHEMIN_TEXTE: the path in French (« 3 lignes à passer à « fait » : 1.1.2.1, … ; gain
// 4,8 pt ; 36,2 % fait (35 % requis) ») or why there is none.
std::string texte(const Referentiel& ref, const Chemin& c);

}  // namespace eci::progression
