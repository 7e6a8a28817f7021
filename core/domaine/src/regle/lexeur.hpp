// Lexer of the rule language (docs/score.md §8.1), as the platform's
// chevrotain lexer behaves: tokens tried in a fixed order, first match wins
// (not longest match), keywords case-insensitive and matched as prefixes with
// no word boundary (so « siren » is SI + « ren »), whitespace skipped, unknown
// characters dropped silently, no negative literal (« - » is always MINUS).
// Private to src/regle/.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace eci::regle::detail {

// Token types, keywords first, in the lexer's order.
enum class Jt : std::uint8_t {
    Identite, Reponse, Score, Referentiel,
    Vrai, Faux, Oui, Non, Sinon, Si, Alors, Min, Max, Ou, Et,
    Plus, Moins, Fois, Divise, Egal, InfEgal, SupEgal, Inf, Sup,
    ParG, ParD, Virgule, Nom, Nombre, Fin
};

inline bool estMotCle(Jt t) { return t <= Jt::Et; }

struct Jeton {
    Jt type;
    std::uint32_t debut;   // byte offset
    std::uint32_t taille;  // bytes
};

// Character classes of CNAME /[a-zA-Z_][a-zA-Z_0-9.-]*/ and NUMBER /\d+(\.\d+)?/.
inline bool estLettre(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
inline bool estChiffre(char c) { return c >= '0' && c <= '9'; }
inline bool estSuiteNom(char c) { return estLettre(c) || estChiffre(c) || c == '.' || c == '-'; }
// JavaScript \s on ASCII (other whitespace is non-ASCII and skipped as unknown).
inline bool estEspaceAscii(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// The tokens of a rule, ending with a Fin token at its end.
std::vector<Jeton> decouper(std::string_view texte);

// parseFloat of `\d+(\.\d+)?` (overflow gives Infinity).
double lireNombre(std::string_view image);

// The keyword a token type stands for ("" for the other tokens), for messages.
const char* nomJeton(Jt t);

}  // namespace eci::regle::detail
