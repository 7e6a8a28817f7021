// The spreadsheet functions of the labellisation path (docs/labellisation.md §12,
// docs/fonctions-conventions.md), on plain C++ values (eci/calc/plage.hpp): ECI.CRITERES,
// ECI.LABELLISATION, ECI.ETOILE_PLATEFORME and ECI.PREUVES. Implemented in
// src/fonctions_labellisation.cpp.
//
// The ids / statuts / details / contexte / referentiel arguments follow ECI.EVALUER exactly and use
// the same cached évaluation (src/cache.hpp): a sheet calling ECI.CRITERES for five stars and
// ECI.LABELLISATION on the same ranges scores the référentiel once. A row ECI.SCORE would refuse
// (unknown id, unreadable status...) is refused the same way. A référentiel passed as a range has
// no action criteria: only the score criterion applies.
//
// Errors: a bad argument throws ErreurArgument (Err:502 in the cell) with a French message.
#pragma once

#include <string>

#include "eci/calc/plage.hpp"
#include "eci/referentiel.hpp"

namespace eci::calc {

// ECI.CRITERES: the criteria of the target star `etoile` (an integer 1-5), one row each, 8 columns:
// critère ("score" or the node id), étoile of the applied row, formulation, exigence, % fait,
// % fait + programmé (0-100, both empty for « sans objet »), état (atteint / non atteint /
// sans objet), what is missing (empty when atteint or sans objet). Fixed height: 11 rows at star 1
// and 12 at stars 2-5 for the ECi référentiel, 1 row (score) for a référentiel passed as a range.
Plage criteres(const Plage& ids, const Plage& statuts, double etoile, const Optionnel& details,
               const Optionnel& contexte, const Optionnel& referentiel);

// ECI.LABELLISATION: the highest star (1-5) whose criteria are all atteint, 0 when even star 1 is not.
double labellisation(const Plage& ids, const Plage& statuts, const Optionnel& details, const Optionnel& contexte,
                     const Optionnel& referentiel);

// ECI.ETOILE_PLATEFORME: the star the platform would check (§3.1), from the latest star obtained
// (optional, 0-5; absent or 0: never labellisée) and the score.
double etoilePlateforme(const Plage& ids, const Plage& statuts, const Optionnel& etoileActuelle,
                        const Optionnel& details, const Optionnel& contexte, const Optionnel& referentiel);

// ECI.PREUVES: the expected evidence documents of a node of the ECi référentiel, one per line
// ('\n'); an empty text for a node without any. Unknown or blank id: ErreurArgument.
std::string preuves(const Cellule& id);
// The same text for node `noeud` of `ref` (ECI.CHEMIN_LISTE's documents column).
std::string preuves(const Referentiel& ref, int noeud);

}  // namespace eci::calc
