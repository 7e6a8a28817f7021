// Values of the rule language (docs/score.md §8.3): String(v) as JavaScript
// writes it (numbers in their shortest round-trip form), and the public
// estNul / estVrai / versTexte of eci/regle.hpp.
#include "regle/valeur.hpp"

#include <charconv>
#include <cstdlib>

namespace eci::regle {

namespace detail {

std::string minusculesAscii(std::string_view s) {
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return r;
}

// JavaScript Number::toString(x) (ECMA-262 §6.1.6.1.20), with the shortest
// round-trip digits given by std::to_chars.
void ajouterNombre(std::string& out, double x) {
    if (std::isnan(x)) { out += "NaN"; return; }
    if (x == 0) { out += '0'; return; }  // +0 and -0
    if (x < 0) { out += '-'; x = -x; }
    if (std::isinf(x)) { out += "Infinity"; return; }
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
    // buf = d[.ddd]e(+|-)XX
    char chiffres[32];
    int k = 0;
    const char* p = buf;
    for (; p < res.ptr && *p != 'e'; ++p)
        if (*p != '.') chiffres[k++] = *p;
    int e = 0;
    std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), res.ptr, e);
    const int n = e + 1;  // x = 0.d1d2...dk × 10^n
    if (k <= n && n <= 21) {
        out.append(chiffres, std::size_t(k));
        out.append(std::size_t(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(chiffres, std::size_t(n));
        out += '.';
        out.append(chiffres + n, std::size_t(k - n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(std::size_t(-n), '0');
        out.append(chiffres, std::size_t(k));
    } else {
        out += chiffres[0];
        if (k > 1) {
            out += '.';
            out.append(chiffres + 1, std::size_t(k - 1));
        }
        out += 'e';
        out += (n - 1 >= 0) ? '+' : '-';
        out += std::to_string(std::abs(n - 1));
    }
}

void ajouterTexte(std::string& out, const Valeur& v) {
    switch (v.index()) {
        case kNul: out += "null"; break;
        case kIndefini: out += "undefined"; break;
        case kBool: out += std::get<bool>(v) ? "true" : "false"; break;
        case kNombre: ajouterNombre(out, std::get<double>(v)); break;
        default: out += std::get<std::string>(v); break;
    }
}

}  // namespace detail

bool estNul(const Valeur& v) { return detail::estNulJs(v); }

bool estVrai(const Valeur& v) { return detail::estVraiJs(v); }

std::string versTexte(const Valeur& v) {
    std::string s;
    detail::ajouterTexte(s, v);
    return s;
}

}  // namespace eci::regle
