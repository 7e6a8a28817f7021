// Lexer of the rule language (docs/score.md §8.1): chevrotain's quirks kept,
// see lexeur.hpp.
#include "regle/lexeur.hpp"

#include <charconv>
#include <cstring>
#include <limits>

#include "regle/valeur.hpp"

namespace eci::regle::detail {

namespace {

struct MotCle {
    const char* texte;
    Jt type;
};
// In lexer order; whitespace (tried between REFERENTIEL and VRAI) can never
// match where a keyword does, so it is handled separately.
constexpr MotCle kMotsCles[] = {
    {"identite", Jt::Identite}, {"reponse", Jt::Reponse}, {"score", Jt::Score},
    {"referentiel", Jt::Referentiel}, {"vrai", Jt::Vrai}, {"faux", Jt::Faux},
    {"oui", Jt::Oui}, {"non", Jt::Non}, {"sinon", Jt::Sinon}, {"si", Jt::Si},
    {"alors", Jt::Alors}, {"min", Jt::Min}, {"max", Jt::Max}, {"ou", Jt::Ou},
    {"et", Jt::Et},
};

}  // namespace

std::vector<Jeton> decouper(std::string_view s) {
    std::vector<Jeton> jetons;
    jetons.reserve(s.size() / 3 + 2);
    std::size_t i = 0;
    const std::size_t n = s.size();
    auto ajouter = [&](Jt t, std::size_t taille) {
        jetons.push_back({t, std::uint32_t(i), std::uint32_t(taille)});
        i += taille;
    };
    while (i < n) {
        const char c = s[i];
        bool trouve = false;
        for (const MotCle& m : kMotsCles) {
            const std::size_t l = std::strlen(m.texte);
            if (i + l <= n && egalSansCasse(s.substr(i, l), m.texte)) {
                ajouter(m.type, l);
                trouve = true;
                break;
            }
        }
        if (trouve) continue;
        if (estEspaceAscii(c)) { ++i; continue; }
        switch (c) {
            case '+': ajouter(Jt::Plus, 1); continue;
            case '-': ajouter(Jt::Moins, 1); continue;
            case '*': ajouter(Jt::Fois, 1); continue;
            case '/': ajouter(Jt::Divise, 1); continue;
            case '=': ajouter(Jt::Egal, 1); continue;
            case '<':
                if (i + 1 < n && s[i + 1] == '=') ajouter(Jt::InfEgal, 2);
                else ajouter(Jt::Inf, 1);
                continue;
            case '>':
                if (i + 1 < n && s[i + 1] == '=') ajouter(Jt::SupEgal, 2);
                else ajouter(Jt::Sup, 1);
                continue;
            case '(': ajouter(Jt::ParG, 1); continue;
            case ')': ajouter(Jt::ParD, 1); continue;
            case ',': ajouter(Jt::Virgule, 1); continue;
            default: break;
        }
        if (estLettre(c)) {
            std::size_t j = i + 1;
            while (j < n && estSuiteNom(s[j])) ++j;
            ajouter(Jt::Nom, j - i);
            continue;
        }
        if (estChiffre(c)) {
            std::size_t j = i + 1;
            while (j < n && estChiffre(s[j])) ++j;
            if (j + 1 < n && s[j] == '.' && estChiffre(s[j + 1])) {
                j += 2;
                while (j < n && estChiffre(s[j])) ++j;
            }
            ajouter(Jt::Nombre, j - i);
            continue;
        }
        ++i;  // unknown character: skipped silently (chevrotain drops it)
    }
    jetons.push_back({Jt::Fin, std::uint32_t(n), 0});
    return jetons;
}

double lireNombre(std::string_view image) {
    double v = 0;
    auto r = std::from_chars(image.data(), image.data() + image.size(), v);
    if (r.ec == std::errc::result_out_of_range) {
        // Overflow → Infinity; total underflow cannot happen (no exponent).
        bool nonNul = false;
        for (char c : image) {
            if (c == '.') break;
            if (c != '0') nonNul = true;
        }
        v = nonNul ? std::numeric_limits<double>::infinity() : 0.0;
    }
    return v;
}

const char* nomJeton(Jt t) {
    for (const MotCle& m : kMotsCles)
        if (m.type == t) return m.texte;
    return "";
}

}  // namespace eci::regle::detail
