// Values of the rule language (docs/score.md §8.3): the JavaScript primitives
// a rule handles (null, undefined, boolean, number, string), their truthiness,
// strict equality and String(v). Private to src/regle/; the public part is in
// eci/regle.hpp (Valeur, estNul, estVrai, versTexte).
#pragma once

#include <cmath>
#include <string>
#include <string_view>

#include "eci/regle.hpp"

namespace eci::regle::detail {

// Indices of the alternatives of Valeur.
enum : std::size_t { kNul = 0, kIndefini = 1, kBool = 2, kNombre = 3, kTexte = 4 };

inline bool estTexte(const Valeur& v) { return v.index() == kTexte; }

// ToNumber for a boolean or a number (callers exclude strings and nil).
inline double enNombre(const Valeur& v) {
    if (v.index() == kBool) return std::get<bool>(v) ? 1.0 : 0.0;
    return std::get<double>(v);
}

// null or undefined (the public estNul).
inline bool estNulJs(const Valeur& v) { return v.index() == kNul || v.index() == kIndefini; }

// JavaScript truthiness (the public estVrai).
inline bool estVraiJs(const Valeur& v) {
    switch (v.index()) {
        case kNul:
        case kIndefini: return false;
        case kBool: return std::get<bool>(v);
        case kNombre: {
            const double d = std::get<double>(v);
            return d != 0 && !std::isnan(d);
        }
        default: return !std::get<std::string>(v).empty();
    }
}

// JavaScript `===` on primitive values.
inline bool egaliteStricte(const Valeur& a, const Valeur& b) {
    if (a.index() != b.index()) return false;
    switch (a.index()) {
        case kNul:
        case kIndefini: return true;
        case kBool: return std::get<bool>(a) == std::get<bool>(b);
        case kNombre: return std::get<double>(a) == std::get<double>(b);
        default: return std::get<std::string>(a) == std::get<std::string>(b);
    }
}

// ASCII case-insensitive equality (keywords, identity values).
inline bool egalSansCasse(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

// String.prototype.toLowerCase restricted to ASCII (every identifier the
// language can produce is ASCII; other bytes are kept).
std::string minusculesAscii(std::string_view s);

// JavaScript Number::toString(x) appended to `out`.
void ajouterNombre(std::string& out, double x);
// JavaScript String(v) appended to `out`.
void ajouterTexte(std::string& out, const Valeur& v);

}  // namespace eci::regle::detail
