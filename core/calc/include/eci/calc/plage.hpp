// Cell values and ranges as the spreadsheet functions receive them (docs/fonctions-conventions.md §2):
// the plain C++ types between the add-in (which converts Calc's UNO values into them) and every
// function of eci::calc. No notion of UNO here, so the layer is unit-tested and fuzzed directly.
#pragma once

#include <cstddef>
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

// An optional argument: absent (omitted or blank) or a value / range.
using Optionnel = std::optional<Plage>;

// A bad argument. The message is French and says what to fix; the add-in turns it into
// IllegalArgumentException (Err:502 in the cell).
struct ErreurArgument : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// Largest range the functions accept (rows); beyond, ErreurArgument.
constexpr std::size_t kMaxLignes = 100000;

}  // namespace eci::calc
