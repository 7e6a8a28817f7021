// The argument conventions of the spreadsheet functions (docs/fonctions-conventions.md): the ONE
// module that reads cell values and ranges for every function of eci::calc (ECI, AIDE, CRITERES)
// and words their errors. Nothing else in the layer checks a shape, reads an optional argument,
// a yes/no, a word of a list, or formats a number for a message.
//
//  * one cell: blank test, text as written, number (also written as text "12,5");
//  * shapes: column, one row or column, same height, row limit (kMaxLignes);
//  * optional arguments: absent when omitted, empty, or one blank cell; the « single empty cell
//    arrives as the number 0 » rule of Calc is applied once, by the add-in's conversion, per
//    argument as addin/fonctions.json says ("vide": "defaut" | "zero"), through `optionnel` below;
//  * yes / no words; words of a list (eci/calc/mots.hpp, generated from addin/fonctions.json, so
//    the words the Function Wizard shows are the words accepted and listed in the errors);
//  * messages: « argument », « ligne N », numbers as typed (decimal comma), counts (100 000).
//
// Adding a function: describe it in addin/fonctions.json (its arguments' kinds and blank rules,
// the eci::calc function it calls), write that function in eci::calc on plain values
// (Plage, Cellule, Optionnel, double, std::string) reading its arguments with this module, and
// rebuild: tools/gen_addin.py writes the UNO method (see its docstring).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "eci/calc/plage.hpp"

namespace eci::calc {

// ------------------------------------------------------------------ one cell ---

// Empty cell, or text of white space only.
bool estVide(const Cellule& c);
// Text of a cell as written (trimmed); numbers in their shortest decimal form ("1", "1.1").
std::string texteDe(const Cellule& c);
// A finite number cell, or text written as a number ("12,5"). False otherwise.
bool nombreDe(const Cellule& c, double& out);

// ------------------------------------------------------------------ messages ---

// « nom »
std::string guillemets(std::string_view s);
// "ligne 3" for the row index 2 of a range.
std::string ligneNo(std::size_t i);
// A number as the user typed it: shortest form up to 15 significant digits, decimal comma;
// "NaN", "+infini", "-infini".
std::string nombreSaisi(double x);
// A count with the French thousands separator: 100000 -> "100 000".
std::string compte(std::size_t n);

// ------------------------------------------------------------------- shapes ---

// At most kMaxLignes rows.
void verifierLignes(const Plage& p, const char* nom);
// Not empty, at most kMaxLignes rows.
void verifierTaille(const Plage& p, const char* nom);
// One column, not empty, at most kMaxLignes rows.
void verifierColonne(const Plage& p, const char* nom);
// One row or one column (read as a list, row-major), not empty, at most kMaxLignes cells.
void verifierVecteur(const Plage& p, const char* nom);
// `p` has `hauteur` rows, the height of the argument `nomRef`.
void verifierHauteur(const Plage& p, const char* nom, std::size_t hauteur, const char* nomRef);

// ------------------------------------------------------- optional arguments ---

// What a single empty cell means for an argument (addin/fonctions.json, "vide"). Calc does not
// pass "nothing" for a reference to one empty cell but the number 0 (a scalar for an `any`
// argument):
//  - defaut: 0 is not a meaningful value: that 0 means the argument is absent (its default);
//  - zero: 0 is a value and is kept (taux_tva 0 = no VAT; taux_aide 0 is then refused).
enum class Vide { defaut, zero };

// The optional argument `p` as the add-in received it (`scalaire`: a single value, not a range):
// absent when empty or one blank cell, or when the scalar 0 stands for an empty cell (Vide::defaut).
Optionnel optionnel(Plage p, bool scalaire, Vide regle);
// One required cell received as a scalar: the scalar 0 of an empty cell becomes a blank cell
// under Vide::defaut (the function then says the argument is empty).
Cellule cellule(Cellule c, Vide regle);

// Omitted, empty, or a single blank cell.
bool absent(const Optionnel& o);
// `o`, or nullopt when absent(o): two arguments meaning the same compare equal.
const Optionnel& normalise(const Optionnel& o);

// Runs a domain computation; its errors of type Erreur (French messages) become ErreurArgument with
// the same message.
template <class Erreur, class F>
auto depuisDomaine(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const Erreur& e) {
        throw ErreurArgument(e.what());
    }
}
// The single cell of an optional scalar argument; nullptr when absent. A range is an error.
const Cellule* celluleOptionnelle(const Optionnel& o, const char* nom);

// Whether a number argument accepts a number written as text ("12,5").
enum class TexteNombre { accepte, refuse };
// A required number: finite, else ErreurArgument.
double nombreFini(double x, const char* nom);
// The number of a cell (blank cells are the caller's business).
double nombreDeCellule(const Cellule& c, const char* nom, TexteNombre texte);
// A required integer from `min` to `max` (a star...), else ErreurArgument.
int entierEntre(double x, int min, int max, const char* nom);
// An optional number: nullopt when absent.
std::optional<double> nombreOptionnel(const Optionnel& o, const char* nom, TexteNombre texte);

// ------------------------------------------------------------------- yes / no ---

// VRAI / FAUX, oui / non, true / false, yes / no, 1 / 0 (text or number; a TRUE cell is 1).
enum class OuiNon { vide, oui, non, invalide };
OuiNon lireOuiNon(const Cellule& c);
// An optional yes/no argument: `defaut` when absent, ErreurArgument when not a yes/no.
bool ouiNonOptionnel(const Optionnel& o, const char* nom, bool defaut);

// ------------------------------------------------------------- words of a list ---

// One accepted word, folded (texte::plier), and the value it stands for.
template <class E>
struct Mot {
    const char* plie;
    E valeur;
};

// The accepted words of one argument (eci/calc/mots.hpp): `attendu` lists them for messages,
// as the Function Wizard shows them.
template <class E>
struct ListeMots {
    const char* argument;
    const Mot<E>* mots;
    std::size_t nombre;
    const char* attendu;
};

// The folded form of a cell's text ("" for a number or a blank).
std::string motPlie(const Cellule& c);

// The value of the word in `c`, nullopt when it is not one of the list.
template <class E>
std::optional<E> chercherMot(const ListeMots<E>& liste, const Cellule& c) {
    const std::string p = motPlie(c);
    for (std::size_t i = 0; i < liste.nombre; ++i)
        if (p == liste.mots[i].plie) return liste.mots[i].valeur;
    return std::nullopt;
}

}  // namespace eci::calc
