// The `referentiel` argument (docs/fonctions-conventions.md §2): a référentiel passed as a range
// whose first row holds the headers of referentiel-eci.csv, or, when absent, the ECi référentiel
// of the extension; and the node named by an id cell.
#pragma once

#include <memory>

#include "eci/calc/plage.hpp"
#include "eci/referentiel.hpp"

namespace eci::calc {

// The référentiel of the argument. The last range read is kept (a sheet passes the same range to
// many cells), keyed by its content.
std::shared_ptr<const Referentiel> referentielDe(const Optionnel& arg);

// The node of an id cell ("1.1", 1.1, "eci_1.1"), -1 when unknown or blank.
int indexNoeud(const Referentiel& ref, const Cellule& c);

// The node named by a required id argument (ECI.POINTS, ECI.LIBELLE, ECI.DESACTIVE): a blank id
// is refused rather than read as the whole référentiel, which is named explicitly (« eci »).
int noeudRequis(const Referentiel& ref, const Cellule& id);

}  // namespace eci::calc
