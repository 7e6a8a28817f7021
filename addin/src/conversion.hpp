// Conversions between the values Calc passes to / expects from a UNO add-in and the plain
// C++ values of eci::calc (core/calc/include/eci/calc/fonctions.hpp).
//
// What Calc 7.4 passes (observed with a probe build, see tests/calc/calc_test.cpp):
//  - `sequence<sequence<any>>` parameter: the range, row-major. An EMPTY cell arrives as an
//    empty OUString (not void: a blank cell and ="" look the same), a number (also a TRUE/FALSE
//    cell: 1/0) as a double, a text as an OUString. A single cell, a literal number or text
//    arrives as a 1x1 sequence; BUT a reference to a single empty cell (A1, not A1:A1) arrives
//    as a 1x1 sequence holding the double 0 (observed, tests/calc/aide_criteres_test.cpp). A range containing an error cell is not passed at all: Calc
//    shows Err:504 without calling the add-in.
//  - `any` parameter: void when omitted or left empty (`f(a;;c)`); a literal or single cell
//    as a scalar double / OUString, BUT an empty single cell as the double 0; a range (or an
//    inline array {1;2}) as sequence<sequence<any>> (empty cells as "").
//  - error values in scalar arguments propagate (#DIV/0! ...) without a call.
// What such a single empty cell means is decided per argument in addin/fonctions.json ("vide") and
// applied by toOptional / toCellule through eci::calc::optionnel / eci::calc::cellule
// (eci/calc/arguments.hpp); the generated XFonctions methods pass each argument's rule.
// Every function here throws eci::calc::ErreurArgument (French message) on a bad value.
#pragma once

#include <com/sun/star/uno/Any.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <rtl/ustring.hxx>

#include <string>

#include "eci/calc/arguments.hpp"

namespace eci::addin {

namespace uno = ::com::sun::star::uno;
using Matrix = uno::Sequence<uno::Sequence<uno::Any>>;

std::string toUtf8(const ::rtl::OUString& s);
::rtl::OUString toOUString(const std::string& s);

// One cell value. Booleans become 1/0 (as a TRUE/FALSE cell), integers doubles.
calc::Cellule toCell(const uno::Any& a);

// A range. More than calc::kMaxLignes rows is an error, except that rows beyond the limit
// that are all empty are dropped (so that whole-column references such as A:A work).
calc::Plage toRange(const Matrix& m);

// A value or range passed as `any`: a scalar becomes a 1x1 Plage, void an empty Plage.
calc::Plage toRange(const uno::Any& a);

// An optional argument: absent when omitted (void), empty text, or a single empty cell; the scalar 0
// of a reference to one empty cell is absent under Vide::defaut, the number 0 under Vide::zero.
calc::Optionnel toOptional(const uno::Any& a, calc::Vide regle);

// A single value passed as `any` (e.g. an id): a 1x1 range is unwrapped; a larger range is
// an error.
calc::Cellule toSingleCell(const uno::Any& a, const char* argument);
calc::Cellule toSingleCell(const Matrix& m, const char* argument);
// One required cell typed as a range (id, phase, score): toSingleCell, then the argument's blank
// rule (under Vide::defaut the 0 of an empty cell becomes a blank cell).
calc::Cellule toCellule(const Matrix& m, const char* argument, calc::Vide regle);

// Results.
uno::Any toAny(const calc::Cellule& c);       // monostate -> void Any
uno::Any toVisibleAny(const calc::Cellule& c);  // monostate -> "" (an empty-looking cell)
Matrix toMatrix(const calc::Plage& p);         // empty cells -> void Any (blank in Calc)

}  // namespace eci::addin
