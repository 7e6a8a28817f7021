#include "eci/calc/cellules.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "eci/texte.hpp"

namespace eci::calc {

bool estVide(const Cellule& c) {
    if (std::holds_alternative<std::monostate>(c)) return true;
    if (auto s = std::get_if<std::string>(&c)) return texte::rogner(*s).empty();
    return false;
}

std::string texteDe(const Cellule& c) {
    if (auto s = std::get_if<std::string>(&c)) return std::string(texte::rogner(*s));
    if (auto d = std::get_if<double>(&c)) {
        char buf[40];
        for (int p = 1; p <= 17; ++p) {
            std::snprintf(buf, sizeof buf, "%.*g", p, *d);
            if (std::strtod(buf, nullptr) == *d) break;
        }
        return texte::pointDecimal(buf);
    }
    return std::string();
}

bool nombreDe(const Cellule& c, double& out) {
    if (auto d = std::get_if<double>(&c)) {
        out = *d;
        return std::isfinite(*d);
    }
    if (auto s = std::get_if<std::string>(&c)) return texte::lireNombre(*s, out);
    return false;
}

}  // namespace eci::calc
