// The `referentiel` argument (docs/fonctions-conventions.md §2): a référentiel passed as a range
// whose first row holds the headers of referentiel-eci.csv, or, when absent, the ECi référentiel
// of the extension; and the node named by an id cell.
#pragma once

#include <memory>
#include <vector>

#include "eci/calc/plage.hpp"
#include "eci/referentiel.hpp"

namespace eci::calc {

// A référentiel with what reading an ids column quickly needs.
struct ReferentielArgument {
    std::shared_ptr<const Referentiel> ref;
    // idDirect[j]: node j's own id finds node j (Referentiel::index), checked once per référentiel;
    // a cell holding exactly that text is then node j without a lookup.
    std::vector<bool> idDirect;

    explicit ReferentielArgument(std::shared_ptr<const Referentiel> r);
    // The node of a non-blank id cell, -1 when unknown; `attendu` is the node expected on this row
    // (the one after the previous row's: a sheet lists the ids in the référentiel's order).
    int index(const Cellule& c, std::size_t attendu) const;
};

// The référentiel of the argument. The last range read is kept (a sheet passes the same range to
// many cells), keyed by its content; the ECi référentiel of the extension is read once.
std::shared_ptr<const ReferentielArgument> referentielArgument(const Optionnel& arg);
inline std::shared_ptr<const Referentiel> referentielDe(const Optionnel& arg) { return referentielArgument(arg)->ref; }

// The node of an id cell ("1.1", 1.1, "eci_1.1"), -1 when unknown or blank.
int indexNoeud(const Referentiel& ref, const Cellule& c);

// The node named by a required id argument (ECI.POINTS, ECI.LIBELLE, ECI.DESACTIVE): a blank id
// is refused rather than read as the whole référentiel, which is named explicitly (« eci »).
int noeudRequis(const Referentiel& ref, const Cellule& id);

}  // namespace eci::calc
