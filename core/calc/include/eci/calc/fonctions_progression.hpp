// The spreadsheet functions of « what to do next » (docs/progression.md §6,
// docs/fonctions-conventions.md), on plain C++ values (eci/calc/plage.hpp): ECI.GAIN, ECI.CHEMIN,
// ECI.CHEMIN_LISTE and ECI.CHEMIN_TEXTE. Implemented in src/fonctions_progression.cpp on the domain's eci/progression.hpp.
//
// The ids / statuts / details / contexte / referentiel arguments follow ECI.EVALUER exactly and use
// the same cached évaluation (src/cache.hpp); a row ECI.SCORE would refuse is refused the same way
// (a gain or a path computed on a sheet not read entirely would be wrong without a sign). The gains
// and the last few paths are kept too: ECI.CHEMIN and ECI.CHEMIN_TEXTE on the same arguments
// compute the path once.
//
// Errors: a bad argument throws ErreurArgument (Err:502 in the cell) with a French message.
#pragma once

#include <string>

#include "eci/calc/plage.hpp"

namespace eci::calc {

// ECI.GAIN: one column, one row per row of `ids`: the points fait the whole référentiel gains if
// that row were switched to « fait » (3 decimals); an empty cell for a blank id and for the root,
// axes, sous-axes and actions; 0 for rows already fait, non concerné, désactivé or masked by their
// sous-action's statut.
Plage gain(const Plage& ids, const Plage& statuts, const Optionnel& details, const Optionnel& contexte,
           const Optionnel& referentiel);

// ECI.GAIN_LISTE: the rows with the largest gains as a table for a sheet (one array formula instead
// of a sort built over a column of gains): `lignes` rows (10 when absent, an integer from 1 to
// kMaxLignes), 6 columns: rank, N°, intitulé, sous-action (« N° intitulé », as ECI.CHEMIN_LISTE), gain
// (as ECI.GAIN) and the statut shown (as ECI.EVALUER's last column), by decreasing gain, equal gains in row order; only gains > 0; the rows after
// them hold empty texts.
Plage gainListe(const Plage& ids, const Plage& statuts, const Optionnel& lignes, const Optionnel& details,
                const Optionnel& contexte, const Optionnel& referentiel);

// ECI.CHEMIN: one column, one row per row of `ids`: 1 on the rows to switch to « fait » so that
// star `etoile` (an integer 1-5) is within reach, 0 on the others, empty for a blank id. The fewest
// rows, or the least total effort when `effort` is given (one column of the height of ids, a
// positive number per row, blank = 1); ties: the higher gain, then the earlier rows. No path:
// ErreurArgument with the reason (ECI.CHEMIN_TEXTE says it in a cell).
Plage chemin(const Plage& ids, const Plage& statuts, double etoile, const Optionnel& details,
             const Optionnel& contexte, const Optionnel& referentiel, const Optionnel& effort);

// ECI.CHEMIN_LISTE: the same path as a table for a sheet (one array formula instead of a list built
// row by row): as many rows as `ids`, 7 columns; the k-th path row, in the order ECI.CHEMIN marks
// them, fills row k with its rank k, N°, intitulé, sous-action (« N° intitulé »: a tâche's parent,
// a sous-action itself), gain (as ECI.GAIN), effort (1 without `effort`) and the sous-action's
// evidence documents (as ECI.PREUVES, one per line); the rows after the path hold empty texts.
// No path: ErreurArgument with the reason, as ECI.CHEMIN.
Plage cheminListe(const Plage& ids, const Plage& statuts, double etoile, const Optionnel& details,
                  const Optionnel& contexte, const Optionnel& referentiel, const Optionnel& effort);

// ECI.CHEMIN_TEXTE: the same path in French (rows, gain, % fait reached) or why there is none.
std::string cheminTexte(const Plage& ids, const Plage& statuts, double etoile, const Optionnel& details,
                        const Optionnel& contexte, const Optionnel& referentiel, const Optionnel& effort);

}  // namespace eci::calc
