// The argument conventions (eci/calc/arguments.hpp, docs/fonctions-conventions.md).
#include "eci/calc/arguments.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "eci/texte.hpp"

namespace eci::calc {

// ------------------------------------------------------------------ one cell ---

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
        return texte::pointDecimal(buf);  // the C locale may print a decimal comma (docs/fonctions-conventions.md)
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

// ------------------------------------------------------------------ messages ---

std::string guillemets(std::string_view s) { return "« " + std::string(s) + " »"; }

std::string ligneNo(std::size_t i) { return "ligne " + std::to_string(i + 1); }

std::string nombreSaisi(double x) {
    if (std::isnan(x)) return "NaN";
    if (std::isinf(x)) return x > 0 ? "+infini" : "-infini";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.15g", x);  // trailing zeros dropped
    std::string s(buf);
    for (char& c : s)
        if (c == '.') c = ',';
    if (s == "-0") s = "0";
    return s;
}

std::string compte(std::size_t n) {
    std::string s = std::to_string(n), r;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && (s.size() - i) % 3 == 0) r += ' ';
        r += s[i];
    }
    return r;
}

namespace {
std::string argument(const char* nom) { return "L'argument " + guillemets(nom); }
}  // namespace

// ------------------------------------------------------------------- shapes ---

void verifierLignes(const Plage& p, const char* nom) {
    if (p.lignes > kMaxLignes)
        throw ErreurArgument(argument(nom) + " a " + std::to_string(p.lignes) + " lignes : au plus " +
                             std::to_string(kMaxLignes) + " sont acceptées.");
}

void verifierTaille(const Plage& p, const char* nom) {
    if (p.vide() || p.lignes == 0 || p.colonnes == 0)
        throw ErreurArgument(argument(nom) + " est une plage vide : sélectionnez au moins une cellule.");
    verifierLignes(p, nom);
}

void verifierColonne(const Plage& p, const char* nom) {
    verifierTaille(p, nom);
    if (p.colonnes != 1)
        throw ErreurArgument(argument(nom) + " doit être une seule colonne (reçu " + std::to_string(p.colonnes) +
                             " colonnes).");
}

void verifierVecteur(const Plage& p, const char* nom) {
    verifierTaille(p, nom);
    if (p.lignes != 1 && p.colonnes != 1)
        throw ErreurArgument(argument(nom) + " doit être une seule ligne ou une seule colonne (reçu " +
                             std::to_string(p.lignes) + " × " + std::to_string(p.colonnes) + ").");
    if (p.cellules.size() > kMaxLignes)
        throw ErreurArgument(argument(nom) + " a trop de cellules (au plus " + std::to_string(kMaxLignes) + ").");
}

void verifierHauteur(const Plage& p, const char* nom, std::size_t hauteur, const char* nomRef) {
    if (p.lignes != hauteur)
        throw ErreurArgument(argument(nom) + " a " + std::to_string(p.lignes) + " lignes, " + guillemets(nomRef) +
                             " en a " + std::to_string(hauteur) + " : donnez des plages de même hauteur.");
}

// ------------------------------------------------------- optional arguments ---

namespace {
// What Calc passes for an empty cell: nothing, or an empty text.
bool celluleCalcVide(const Cellule& c) {
    if (std::holds_alternative<std::monostate>(c)) return true;
    const std::string* s = std::get_if<std::string>(&c);
    return s && s->empty();
}
bool zero(const Cellule& c) {
    const double* d = std::get_if<double>(&c);
    return d && *d == 0;
}
}  // namespace

Optionnel optionnel(Plage p, bool scalaire, Vide regle) {
    if (p.vide()) return std::nullopt;
    if (p.cellules.size() == 1) {
        const Cellule& c = p.cellules[0];
        if (celluleCalcVide(c)) return std::nullopt;
        if (scalaire && regle == Vide::defaut && zero(c)) return std::nullopt;
    }
    return Optionnel(std::move(p));
}

Cellule cellule(Cellule c, Vide regle) {
    if (regle == Vide::defaut && zero(c)) return std::string();
    return c;
}

bool absent(const Optionnel& o) { return !o || o->vide() || (o->cellules.size() == 1 && estVide(o->cellules[0])); }

const Optionnel& normalise(const Optionnel& o) {
    static const Optionnel kAbsent;
    return absent(o) ? kAbsent : o;
}

const Cellule* celluleOptionnelle(const Optionnel& o, const char* nom) {
    if (!o || o->vide()) return nullptr;
    if (o->cellules.size() != 1)
        throw ErreurArgument(argument(nom) + " doit être une seule cellule (reçu " + std::to_string(o->lignes) +
                             " × " + std::to_string(o->colonnes) + ").");
    const Cellule& c = o->cellules[0];
    return estVide(c) ? nullptr : &c;
}

double nombreFini(double x, const char* nom) {
    if (!std::isfinite(x))
        throw ErreurArgument(argument(nom) + " n'est pas un nombre fini (" + nombreSaisi(x) + ").");
    return x;
}

double nombreDeCellule(const Cellule& c, const char* nom, TexteNombre texte) {
    if (auto s = std::get_if<std::string>(&c)) {
        double v;
        if (texte == TexteNombre::accepte && texte::lireNombre(*s, v)) return v;
        if (texte == TexteNombre::refuse)
            throw ErreurArgument(argument(nom) + " doit être un nombre, pas le texte " +
                                 guillemets(texte::rogner(*s)) + ".");
        throw ErreurArgument(argument(nom) + " doit être un nombre (reçu " + guillemets(texteDe(c)) + ").");
    }
    if (auto d = std::get_if<double>(&c)) return nombreFini(*d, nom);
    throw ErreurArgument(argument(nom) + " est vide : un nombre est attendu.");
}

int entierEntre(double x, int min, int max, const char* nom) {
    if (!std::isfinite(x) || x != std::floor(x) || x < min || x > max)
        throw ErreurArgument(std::string("L'argument ") + nom + " doit être un entier de " + std::to_string(min) +
                             " à " + std::to_string(max) + " (reçu " + nombreSaisi(x) + ").");
    return (int)x;
}

std::optional<double> nombreOptionnel(const Optionnel& o, const char* nom, TexteNombre texte) {
    const Cellule* c = celluleOptionnelle(o, nom);
    if (!c) return std::nullopt;
    return nombreDeCellule(*c, nom, texte);
}

// ------------------------------------------------------------------- yes / no ---

OuiNon lireOuiNon(const Cellule& c) {
    if (estVide(c)) return OuiNon::vide;
    if (auto d = std::get_if<double>(&c)) {
        if (*d == 1) return OuiNon::oui;
        if (*d == 0) return OuiNon::non;
        return OuiNon::invalide;
    }
    const std::string p = texte::plier(std::get<std::string>(c));
    if (p == "oui" || p == "vrai" || p == "true" || p == "yes" || p == "1") return OuiNon::oui;
    if (p == "non" || p == "faux" || p == "false" || p == "no" || p == "0") return OuiNon::non;
    return OuiNon::invalide;
}

bool ouiNonOptionnel(const Optionnel& o, const char* nom, bool defaut) {
    const Cellule* c = celluleOptionnelle(o, nom);
    if (!c) return defaut;
    switch (lireOuiNon(*c)) {
        case OuiNon::oui: return true;
        case OuiNon::non: return false;
        default:
            throw ErreurArgument(argument(nom) + " vaut " + guillemets(texteDe(*c)) +
                                 " : attendu VRAI ou FAUX (oui / non, 1 / 0).");
    }
}

// ------------------------------------------------------------- words of a list ---

std::string motPlie(const Cellule& c) {
    if (auto s = std::get_if<std::string>(&c)) return texte::plier(*s);
    return std::string();
}

}  // namespace eci::calc
