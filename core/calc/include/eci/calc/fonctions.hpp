// The spreadsheet functions (docs/fonctions-conventions.md), on plain C++ values.
//
// This is the layer the UNO add-in calls: it takes cell values as Calc passes
// them (empty, number, text; ranges as row-major tables), applies the argument
// conventions of the catalogue (text matching without case/accents, optional
// arguments, ids with or without the `eci_` prefix) and calls the domain
// library. It knows nothing of UNO, so it is unit-tested and fuzzed directly.
//
// Errors: a bad argument throws ErreurArgument (the add-in maps it to
// IllegalArgumentException, i.e. Err:502 in the cell); the message is French
// and is what ECI.VERIFIER would say.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace eci::calc {

// One cell value: empty, number, or text.
using Cellule = std::variant<std::monostate, double, std::string>;

// A rectangular range, row-major. A scalar argument is a 1x1 Plage.
struct Plage {
    std::size_t lignes = 0;
    std::size_t colonnes = 0;
    std::vector<Cellule> cellules;  // lignes * colonnes

    Plage() = default;
    Plage(std::size_t l, std::size_t c) : lignes(l), colonnes(c), cellules(l * c) {}
    explicit Plage(Cellule scalaire) : lignes(1), colonnes(1), cellules{std::move(scalaire)} {}
    const Cellule& at(std::size_t l, std::size_t c) const { return cellules[l * colonnes + c]; }
    Cellule& at(std::size_t l, std::size_t c) { return cellules[l * colonnes + c]; }
    bool vide() const { return cellules.empty(); }
};

// An optional argument: absent (omitted or empty) or a value / range.
using Optionnel = std::optional<Plage>;

struct ErreurArgument : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// Largest range the functions accept (rows); beyond, ErreurArgument.
constexpr std::size_t kMaxLignes = 100000;

// ECI.EVALUER: one row per ids row, 8 columns (see docs/fonctions-conventions.md).
// Columns 0..6 are numbers (or empty), column 7 the displayed status text;
// for an unknown id, columns 0..6 are empty and column 7 says why.
Plage evaluer(const Plage& ids, const Plage& statuts, const Optionnel& details,
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
