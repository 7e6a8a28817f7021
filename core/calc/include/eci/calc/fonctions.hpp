// The ECI spreadsheet functions (docs/fonctions-conventions.md, docs/score.md), on plain C++
// values (eci/calc/plage.hpp).
//
// This is the layer the UNO add-in calls: it takes cell values as Calc passes
// them (empty, number, text; ranges as row-major tables), applies the argument
// conventions of the catalogue (eci/calc/arguments.hpp: text matching without
// case/accents, optional arguments, ids with or without the `eci_` prefix) and
// calls the domain library. It knows nothing of UNO, so it is unit-tested and
// fuzzed directly. Implemented in src/fonctions_eci.cpp.
//
// Errors: a bad argument throws ErreurArgument (the add-in maps it to
// IllegalArgumentException, i.e. Err:502 in the cell); the message is French
// and is what ECI.VERIFIER would say.
#pragma once

#include <string>

#include "eci/calc/plage.hpp"

namespace eci::calc {

// ECI.EVALUER: one row per ids row, 8 columns (see docs/fonctions-conventions.md).
// Columns 0..6 are numbers (or empty), column 7 the displayed status text;
// for an unknown id, columns 0..6 are empty and column 7 says why.
Plage evaluer(const Plage& ids, const Plage& statuts, const Optionnel& details,
              const Optionnel& contexte, const Optionnel& referentiel);

// ECI.EVALUER_TOTAL: ECI.EVALUER's 8 columns for the whole référentiel (the root), one row: a sheet's
// total line in one call instead of one ECI.SCORE per measure. Rows refused as ECI.SCORE refuses
// them (a total of a sheet not read entirely would be wrong without a sign).
Plage evaluerTotal(const Plage& ids, const Plage& statuts, const Optionnel& details,
                   const Optionnel& contexte, const Optionnel& referentiel);

// ECI.SCORE: one number.
double score(const Plage& ids, const Plage& statuts, const Optionnel& noeud,
             const Optionnel& mesure, const Optionnel& details, const Optionnel& contexte,
             const Optionnel& referentiel);

// ECI.ETOILES: 1..5 from a % fait (0..100).
double etoiles(double pourcentage);

// ECI.ECART: points still needed to reach `etoile` (0 when reached).
double ecart(double etoile, double potentiel, double fait);

// ECI.POINTS, ECI.LIBELLE: référentiel lookups.
double points(const Cellule& id, const Optionnel& referentiel);
std::string libelle(const Cellule& id, const Optionnel& referentiel);

// ECI.REGLE: the value of a rule (bool, number, or empty when it yields
// nothing / a symbolic string as text).
Cellule regle(const std::string& formule, const Optionnel& contexte);

// ECI.DESACTIVE: true when personalisation deactivates the node (or an ancestor).
bool desactive(const Cellule& id, const Optionnel& contexte, const Optionnel& referentiel);

// ECI.VERIFIER: "OK" or one line per problem (French), separated by '\n'.
std::string verifier(const Plage& ids, const Plage& statuts, const Optionnel& details,
                     const Optionnel& contexte, const Optionnel& referentiel);

}  // namespace eci::calc
