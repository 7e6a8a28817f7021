// The personalisation rule language of the platform (docs/score.md §8).
//
// Lexer: chevrotain style, tokens tried in a fixed order, first match wins,
// keywords are case-insensitive prefixes. Parser: hand-written recursive
// descent (the grammar is LL(1)). The rule is compiled once into a flat node
// array; evaluation walks it with JavaScript semantics.
//
// Platform behaviours reproduced here beyond the plain grammar (checked in the
// platform's visitor, apps/backend/src/utils/expression-parser and
// personnalisations-expression.service.ts):
//  - `si c alors a sinon b` evaluates c, a AND b (eagerly), then picks one;
//  - a parenthesised value or a min()/max() in "call" position swallows any
//    evaluation error raised inside it and yields undefined (the platform's
//    `call` override wraps `super.call()` in a try/catch);
//  - `reponse(q)` without an answers map gives null (not an error);
//  - string results of operators use the platform's templates: "a - b" for
//    both + and -, "a * b", "a / b", "a [object Object] b" for comparisons
//    (the operator token object is interpolated), "min(a, b)", "max(a, b)".
#include "eci/regle.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <utility>

namespace eci::regle {

namespace {

constexpr std::size_t kLongueurMax = 100000;  // characters (bytes) of a rule
constexpr int kProfondeurMax = 200;           // nested si / parentheses / min / max

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

enum : std::size_t { kNul = 0, kIndefini = 1, kBool = 2, kNombre = 3, kTexte = 4 };

inline bool estTexte(const Valeur& v) { return v.index() == kTexte; }

// ToNumber for a boolean or a number (callers exclude strings and nil).
inline double enNombre(const Valeur& v) {
    if (v.index() == kBool) return std::get<bool>(v) ? 1.0 : 0.0;
    return std::get<double>(v);
}

// JavaScript `===` on primitive values.
bool egaliteStricte(const Valeur& a, const Valeur& b) {
    if (a.index() != b.index()) return false;
    switch (a.index()) {
        case kNul:
        case kIndefini: return true;
        case kBool: return std::get<bool>(a) == std::get<bool>(b);
        case kNombre: return std::get<double>(a) == std::get<double>(b);
        default: return std::get<std::string>(a) == std::get<std::string>(b);
    }
}

// String.prototype.toLowerCase restricted to ASCII (every identifier the
// language can produce is ASCII; other bytes are kept).
std::string minusculesAscii(std::string_view s) {
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return r;
}

bool egalSansCasse(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
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

// ---------------------------------------------------------------------------
// Lexer (§8.1)
// ---------------------------------------------------------------------------

enum class Jt : std::uint8_t {
    Identite, Reponse, Score, Referentiel,
    Vrai, Faux, Oui, Non, Sinon, Si, Alors, Min, Max, Ou, Et,
    Plus, Moins, Fois, Divise, Egal, InfEgal, SupEgal, Inf, Sup,
    ParG, ParD, Virgule, Nom, Nombre, Fin
};

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

bool estMotCle(Jt t) { return t <= Jt::Et; }

struct Jeton {
    Jt type;
    std::uint32_t debut;   // byte offset
    std::uint32_t taille;  // bytes
};

inline bool estLettre(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
inline bool estChiffre(char c) { return c >= '0' && c <= '9'; }
inline bool estSuiteNom(char c) { return estLettre(c) || estChiffre(c) || c == '.' || c == '-'; }
// JavaScript \s on ASCII (other whitespace is non-ASCII and skipped as unknown).
inline bool estEspaceAscii(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

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

// parseFloat of `\d+(\.\d+)?`.
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

// ---------------------------------------------------------------------------
// Semver (node-semver `valid` / `gte`, strict mode)
// ---------------------------------------------------------------------------

struct Semver {
    std::uint64_t majeur = 0, mineur = 0, correctif = 0;
    std::vector<std::string> prerelease;
};

bool lireNumerique(std::string_view s, std::size_t& i, std::uint64_t& v) {
    const std::size_t d = i;
    if (i >= s.size() || !estChiffre(s[i])) return false;
    if (s[i] == '0') {
        ++i;
    } else {
        while (i < s.size() && estChiffre(s[i])) ++i;
    }
    if (i - d > 16) return false;
    v = 0;
    for (std::size_t k = d; k < i; ++k) v = v * 10 + std::uint64_t(s[k] - '0');
    return v <= 9007199254740991ULL;  // Number.MAX_SAFE_INTEGER
}

bool identifiantPrerelease(std::string_view id) {
    if (id.empty()) return false;
    bool numerique = true;
    for (char c : id) {
        if (estChiffre(c)) continue;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') { numerique = false; continue; }
        return false;
    }
    if (numerique) return id.size() == 1 || id[0] != '0';
    return true;
}

bool identifiantBuild(std::string_view id) {
    if (id.empty()) return false;
    for (char c : id)
        if (!(estChiffre(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
    return true;
}

bool decouperPoints(std::string_view s, bool (*valide)(std::string_view), std::vector<std::string>* out) {
    std::size_t d = 0;
    while (true) {
        std::size_t f = s.find('.', d);
        std::string_view id = s.substr(d, f == std::string_view::npos ? std::string_view::npos : f - d);
        if (!valide(id)) return false;
        if (out) out->emplace_back(id);
        if (f == std::string_view::npos) return true;
        d = f + 1;
    }
}

std::optional<Semver> lireSemver(std::string_view s) {
    if (s.size() > 256) return std::nullopt;
    // String.prototype.trim (ASCII whitespace is enough: CNAMEs have none).
    while (!s.empty() && estEspaceAscii(s.front())) s.remove_prefix(1);
    while (!s.empty() && estEspaceAscii(s.back())) s.remove_suffix(1);
    std::size_t i = 0;
    if (i < s.size() && s[i] == 'v') ++i;
    Semver v;
    if (!lireNumerique(s, i, v.majeur) || i >= s.size() || s[i++] != '.') return std::nullopt;
    if (!lireNumerique(s, i, v.mineur) || i >= s.size() || s[i++] != '.') return std::nullopt;
    if (!lireNumerique(s, i, v.correctif)) return std::nullopt;
    std::string_view reste = s.substr(i);
    std::string_view build;
    const std::size_t plus = reste.find('+');
    if (plus != std::string_view::npos) {
        build = reste.substr(plus + 1);
        reste = reste.substr(0, plus);
        if (!decouperPoints(build, identifiantBuild, nullptr)) return std::nullopt;
    }
    if (!reste.empty()) {
        if (reste[0] != '-') return std::nullopt;
        if (!decouperPoints(reste.substr(1), identifiantPrerelease, &v.prerelease)) return std::nullopt;
    }
    return v;
}

int comparerSemver(const Semver& a, const Semver& b) {
    auto cmp = [](std::uint64_t x, std::uint64_t y) { return x < y ? -1 : (x > y ? 1 : 0); };
    if (int c = cmp(a.majeur, b.majeur)) return c;
    if (int c = cmp(a.mineur, b.mineur)) return c;
    if (int c = cmp(a.correctif, b.correctif)) return c;
    if (a.prerelease.empty() && b.prerelease.empty()) return 0;
    if (a.prerelease.empty()) return 1;
    if (b.prerelease.empty()) return -1;
    for (std::size_t i = 0;; ++i) {
        if (i >= a.prerelease.size() && i >= b.prerelease.size()) return 0;
        if (i >= b.prerelease.size()) return 1;
        if (i >= a.prerelease.size()) return -1;
        const std::string& x = a.prerelease[i];
        const std::string& y = b.prerelease[i];
        auto numerique = [](const std::string& t) {
            for (char c : t)
                if (!estChiffre(c)) return false;
            return true;
        };
        const bool nx = numerique(x), ny = numerique(y);
        int c = 0;
        if (nx && ny) {
            const double dx = std::strtod(x.c_str(), nullptr), dy = std::strtod(y.c_str(), nullptr);
            c = dx < dy ? -1 : (dx > dy ? 1 : 0);
        } else if (nx) {
            c = -1;
        } else if (ny) {
            c = 1;
        } else {
            c = x < y ? -1 : (x > y ? 1 : 0);
        }
        if (c) return c;
    }
}

}  // namespace

// ---------------------------------------------------------------------------
// Compiled form
// ---------------------------------------------------------------------------

namespace detail {

enum class Nt : std::uint8_t {
    Constante,    // a = index in constantes
    Si,           // a = condition, b = alors, c = sinon (-1: none)
    Ou, Et,       // [debut, debut+nb) in enfants
    Comparaison,  // a, b operands, op = token type of the first operator
    Somme,        // enfants: operands; ops: operators (Plus/Moins) for operands 1..
    Produit,      // same with Fois/Divise
    Min, Max,     // a, b; guarded
    Garde,        // a = statement in parentheses, in call position: errors → undefined
    Identite,     // s = field, a = argument
    Reponse,      // s = question, a = argument (-1: raw answer)
    Score,        // s = identifier
    Referentiel,  // s = argument, a = index in referentiels
};

struct N {
    Nt type;
    Jt op = Jt::Fin;
    std::int32_t a = -1, b = -1, c = -1;
    std::uint32_t debut = 0, nb = 0;
    std::int32_t s = -1;  // index in chaines
};

struct ArgReferentiel {
    std::string erreur;  // non-empty: evaluation throws this
    std::string id;
    std::optional<Semver> version;
};

struct Noeud {
    std::vector<N> noeuds;
    std::vector<std::int32_t> enfants;
    std::vector<Jt> ops;
    std::vector<Valeur> constantes;
    std::vector<std::string> chaines;
    std::vector<ArgReferentiel> referentiels;
    std::int32_t racine = -1;
};

}  // namespace detail

namespace {

using detail::N;
using detail::Noeud;
using detail::Nt;

constexpr const char* kReferentielsConnus[] = {"cae", "eci", "te", "te-test"};
constexpr const char* kListeReferentiels = "cae, eci, te, te-test";

detail::ArgReferentiel analyserArgReferentiel(const std::string& arg) {
    detail::ArgReferentiel r;
    auto connu = [](std::string_view id) {
        for (const char* k : kReferentielsConnus)
            if (id == k) return true;
        return false;
    };
    const std::size_t us = arg.find('_');
    if (us == std::string::npos) {
        if (!connu(arg))
            r.erreur = "Référentiel \"" + arg + "\" inconnu dans referentiel(" + arg +
                       "). Référentiels autorisés : " + kListeReferentiels + ".";
        else
            r.id = arg;
        return r;
    }
    const std::string id = arg.substr(0, us);
    const std::string version = arg.substr(us + 1);
    if (!connu(id)) {
        r.erreur = "Référentiel \"" + id + "\" inconnu dans referentiel(" + arg +
                   "). Référentiels autorisés : " + kListeReferentiels + ".";
        return r;
    }
    r.version = version.empty() ? std::nullopt : lireSemver(version);
    if (!r.version) {
        r.erreur = "Version \"" + version + "\" invalide dans referentiel(" + arg +
                   "). La version doit être un semver valide (ex: 2.1.3).";
        return r;
    }
    r.id = id;
    return r;
}

// ---------------------------------------------------------------------------
// Parser (§8.2)
// ---------------------------------------------------------------------------

const char* nomJeton(Jt t) {
    switch (t) {
        case Jt::Identite: return "identite";
        case Jt::Reponse: return "reponse";
        case Jt::Score: return "score";
        case Jt::Referentiel: return "referentiel";
        case Jt::Vrai: return "vrai";
        case Jt::Faux: return "faux";
        case Jt::Oui: return "oui";
        case Jt::Non: return "non";
        case Jt::Sinon: return "sinon";
        case Jt::Si: return "si";
        case Jt::Alors: return "alors";
        case Jt::Min: return "min";
        case Jt::Max: return "max";
        case Jt::Ou: return "ou";
        case Jt::Et: return "et";
        default: return "";
    }
}

class Analyseur {
public:
    explicit Analyseur(std::string_view texte) : texte_(texte), jetons_(decouper(texte)) {}

    std::shared_ptr<const Noeud> analyser() {
        prog_ = std::make_shared<Noeud>();
        prog_->noeuds.reserve(jetons_.size());
        prog_->racine = instruction();
        if (courant().type != Jt::Fin)
            erreur("« " + image(courant()) + " » inattendu : la règle est complète avant ce point", courant());
        return prog_;
    }

private:
    std::string_view texte_;
    std::vector<Jeton> jetons_;
    std::size_t pos_ = 0;
    int profondeur_ = 0;
    std::shared_ptr<Noeud> prog_;

    const Jeton& courant() const { return jetons_[pos_]; }
    Jt type() const { return jetons_[pos_].type; }

    std::string image(const Jeton& j) const { return std::string(texte_.substr(j.debut, j.taille)); }

    // "mais « x » trouvé" / "mais la règle s'arrête là".
    std::string trouve(const Jeton& j) const {
        if (j.type == Jt::Fin) return "mais la règle s'arrête là";
        return "mais « " + image(j) + " » trouvé";
    }

    // 1-based position in characters (UTF-8 code points).
    std::size_t position(const Jeton& j) const {
        std::size_t p = 1;
        for (std::size_t i = 0; i < j.debut && i < texte_.size(); ++i)
            if ((static_cast<unsigned char>(texte_[i]) & 0xC0) != 0x80) ++p;
        return p;
    }

    [[noreturn]] void erreur(const std::string& quoi, const Jeton& j) const {
        std::string m = "Règle illisible : " + quoi + ", position " + std::to_string(position(j));
        // Hint for the lexer quirk: a name glued to a keyword prefix (etat_x,
        // siren...), at or before the error.
        const std::size_t ij = std::size_t(&j - jetons_.data());
        for (std::size_t k = std::min(ij + 1, jetons_.size() - 1); k >= 1; --k) {
            const Jeton& nom = jetons_[k];
            const Jeton& mc = jetons_[k - 1];
            if (nom.type == Jt::Nom && estMotCle(mc.type) && mc.debut + mc.taille == nom.debut) {
                m += " (attention : « " + image(mc) + image(nom) + " » est lu comme le mot-clé « " + nomJeton(mc.type) +
                     " » suivi de « " + image(nom) + " » ; un nom ne peut pas commencer par un mot-clé)";
                break;
            }
        }
        throw ErreurSyntaxe(m);
    }

    void attendre(Jt t, const char* quoi, const char* contexte) {
        if (type() != t) erreur(std::string(quoi) + " attendu " + contexte + ", " + trouve(courant()), courant());
        ++pos_;
    }

    void entrer() {
        if (++profondeur_ > kProfondeurMax)
            throw ErreurSyntaxe("Règle trop imbriquée : plus de " + std::to_string(kProfondeurMax) +
                                " niveaux de « si », de parenthèses ou de min/max, position " +
                                std::to_string(position(courant())));
    }
    void sortir() { --profondeur_; }

    std::int32_t ajouter(const N& n) {
        prog_->noeuds.push_back(n);
        return std::int32_t(prog_->noeuds.size() - 1);
    }

    std::int32_t chaine(std::string s) {
        prog_->chaines.push_back(std::move(s));
        return std::int32_t(prog_->chaines.size() - 1);
    }

    std::int32_t constante(Valeur v) {
        prog_->constantes.push_back(std::move(v));
        N n{Nt::Constante};
        n.a = std::int32_t(prog_->constantes.size() - 1);
        return ajouter(n);
    }

    std::int32_t liste(Nt t, const std::vector<std::int32_t>& elems, const std::vector<Jt>* ops = nullptr) {
        N n{t};
        n.debut = std::uint32_t(prog_->enfants.size());
        n.nb = std::uint32_t(elems.size());
        prog_->enfants.insert(prog_->enfants.end(), elems.begin(), elems.end());
        if (ops) {
            n.c = std::int32_t(prog_->ops.size());
            prog_->ops.insert(prog_->ops.end(), ops->begin(), ops->end());
        }
        return ajouter(n);
    }

    // statement := if_stmt | expression
    std::int32_t instruction() {
        entrer();
        std::int32_t r;
        if (type() == Jt::Si) {
            ++pos_;
            N n{Nt::Si};
            n.a = expression();
            attendre(Jt::Alors, "« alors »", "après la condition du « si »");
            n.b = instruction();
            if (type() == Jt::Sinon) {  // dangling sinon: nearest si
                ++pos_;
                n.c = instruction();
            }
            r = ajouter(n);
        } else {
            r = expression();
        }
        sortir();
        return r;
    }

    std::int32_t expression() { return ou(); }

    std::int32_t ou() {
        std::int32_t premier = et();
        if (type() != Jt::Ou) return premier;
        std::vector<std::int32_t> elems{premier};
        while (type() == Jt::Ou) {
            ++pos_;
            elems.push_back(et());
        }
        return liste(Nt::Ou, elems);
    }

    std::int32_t et() {
        std::int32_t premier = comparaison();
        if (type() != Jt::Et) return premier;
        std::vector<std::int32_t> elems{premier};
        while (type() == Jt::Et) {
            ++pos_;
            elems.push_back(comparaison());
        }
        return liste(Nt::Et, elems);
    }

    static bool estComparateur(Jt t) {
        return t == Jt::Egal || t == Jt::InfEgal || t == Jt::SupEgal || t == Jt::Inf || t == Jt::Sup;
    }

    // compare := term (CMP term)*, only the first operator counts.
    std::int32_t comparaison() {
        std::int32_t premier = terme();
        if (!estComparateur(type())) return premier;
        N n{Nt::Comparaison};
        n.a = premier;
        n.op = type();
        ++pos_;
        n.b = terme();
        while (estComparateur(type())) {  // parsed, never evaluated
            ++pos_;
            terme();
        }
        return ajouter(n);
    }

    std::int32_t terme() {
        std::int32_t premier = facteur();
        if (type() != Jt::Plus && type() != Jt::Moins) return premier;
        std::vector<std::int32_t> elems{premier};
        std::vector<Jt> ops;
        while (type() == Jt::Plus || type() == Jt::Moins) {
            ops.push_back(type());
            ++pos_;
            elems.push_back(facteur());
        }
        return liste(Nt::Somme, elems, &ops);
    }

    std::int32_t facteur() {
        std::int32_t premier = appel();
        if (type() != Jt::Fois && type() != Jt::Divise) return premier;
        std::vector<std::int32_t> elems{premier};
        std::vector<Jt> ops;
        while (type() == Jt::Fois || type() == Jt::Divise) {
            ops.push_back(type());
            ++pos_;
            elems.push_back(appel());
        }
        return liste(Nt::Produit, elems, &ops);
    }

    std::string nomAttendu(const char* fonction, const char* role) {
        if (type() != Jt::Nom) {
            std::string quoi = std::string(role) + " attendu dans " + fonction + "(…)";
            erreur(quoi + ", " + trouve(courant()), courant());
        }
        return image(jetons_[pos_++]);
    }

    std::int32_t appel() {
        switch (type()) {
            case Jt::Identite: {
                ++pos_;
                attendre(Jt::ParG, "« ( »", "après « identite »");
                N n{Nt::Identite};
                n.s = chaine(nomAttendu("identite", "un nom de champ (type, soustype, population…)"));
                attendre(Jt::Virgule, "« , »", "après le champ de identite(…)");
                n.a = primaire(false);
                attendre(Jt::ParD, "« ) »", "pour fermer identite(…)");
                return ajouter(n);
            }
            case Jt::Reponse: {
                ++pos_;
                attendre(Jt::ParG, "« ( »", "après « reponse »");
                N n{Nt::Reponse};
                n.s = chaine(nomAttendu("reponse", "un identifiant de question"));
                if (type() == Jt::Virgule) {
                    ++pos_;
                    n.a = primaire(false);
                }
                attendre(Jt::ParD, "« ) »", "pour fermer reponse(…)");
                return ajouter(n);
            }
            case Jt::Score: {
                ++pos_;
                attendre(Jt::ParG, "« ( »", "après « score »");
                N n{Nt::Score};
                n.s = chaine(nomAttendu("score", "un identifiant d'action"));
                attendre(Jt::ParD, "« ) »", "pour fermer score(…)");
                return ajouter(n);
            }
            case Jt::Referentiel: {
                ++pos_;
                attendre(Jt::ParG, "« ( »", "après « referentiel »");
                N n{Nt::Referentiel};
                std::string arg = nomAttendu("referentiel", "un identifiant de référentiel");
                prog_->referentiels.push_back(analyserArgReferentiel(arg));
                n.a = std::int32_t(prog_->referentiels.size() - 1);
                n.s = chaine(std::move(arg));
                attendre(Jt::ParD, "« ) »", "pour fermer referentiel(…)");
                return ajouter(n);
            }
            case Jt::Min:
            case Jt::Max: {
                const bool estMin = type() == Jt::Min;
                entrer();
                ++pos_;
                attendre(Jt::ParG, "« ( »", estMin ? "après « min »" : "après « max »");
                N n{estMin ? Nt::Min : Nt::Max};
                n.a = terme();
                attendre(Jt::Virgule, "« , »", estMin ? "entre les deux valeurs de min(…)" : "entre les deux valeurs de max(…)");
                n.b = terme();
                attendre(Jt::ParD, "« ) »", estMin ? "pour fermer min(…)" : "pour fermer max(…)");
                sortir();
                return ajouter(n);
            }
            default:
                return primaire(true);
        }
    }

    // primary := '(' statement ')' | VRAI | FAUX | OUI | NON | CNAME | NUMBER
    std::int32_t primaire(bool garde) {
        const Jeton& j = courant();
        switch (j.type) {
            case Jt::ParG: {
                ++pos_;
                std::int32_t r = instruction();
                attendre(Jt::ParD, "« ) »", "pour fermer la parenthèse");
                if (!garde) return r;
                N n{Nt::Garde};
                n.a = r;
                return ajouter(n);
            }
            case Jt::Vrai:
            case Jt::Oui: ++pos_; return constante(true);
            case Jt::Faux:
            case Jt::Non: ++pos_; return constante(false);
            case Jt::Nom: ++pos_; return constante(image(j));
            case Jt::Nombre: ++pos_; return constante(lireNombre(texte_.substr(j.debut, j.taille)));
            default: break;
        }
        std::string quoi =
            "valeur attendue (nombre, nom, vrai, faux, oui, non, fonction ou parenthèse), " + trouve(j);
        if (j.type == Jt::Moins) quoi += " (il n'y a pas de nombre négatif ni de moins unaire : écrire 0 - x)";
        erreur(quoi, j);
    }
};

// ---------------------------------------------------------------------------
// Evaluation (§8.3)
// ---------------------------------------------------------------------------

class Evaluateur {
public:
    Evaluateur(const Noeud& p, const Contexte& c) : p_(p), ctx_(c) {}

    Valeur eval(std::int32_t i) const {
        const N& n = p_.noeuds[std::size_t(i)];
        switch (n.type) {
            case Nt::Constante: return p_.constantes[std::size_t(n.a)];
            case Nt::Si: {
                // The platform evaluates both branches before choosing.
                Valeur c = eval(n.a);
                Valeur alors = eval(n.b);
                Valeur sinon = n.c >= 0 ? eval(n.c) : Valeur{};
                return estVrai(c) ? alors : sinon;
            }
            case Nt::Ou: {
                Valeur r = eval(p_.enfants[n.debut]);
                for (std::uint32_t k = 1; k < n.nb; ++k) {
                    Valeur v = eval(p_.enfants[n.debut + k]);
                    if (!estVrai(r)) r = std::move(v);
                }
                return r;
            }
            case Nt::Et: {
                Valeur r = eval(p_.enfants[n.debut]);
                for (std::uint32_t k = 1; k < n.nb; ++k) {
                    Valeur v = eval(p_.enfants[n.debut + k]);
                    if (estVrai(r)) r = std::move(v);
                }
                return r;
            }
            case Nt::Comparaison: return comparer(n);
            case Nt::Somme:
            case Nt::Produit: return arithmetique(n);
            case Nt::Min:
            case Nt::Max:
                try {
                    return minMax(n);
                } catch (const ErreurEvaluation&) {
                    return Indefini{};
                }
            case Nt::Garde:
                try {
                    return eval(n.a);
                } catch (const ErreurEvaluation&) {
                    return Indefini{};
                }
            case Nt::Identite: return identite(n);
            case Nt::Reponse: return reponse(n);
            case Nt::Score: {
                const std::string& id = p_.chaines[std::size_t(n.s)];
                if (!ctx_.scores) return std::string("score(") + id + ")";
                auto it = ctx_.scores->find(id);
                if (it == ctx_.scores->end()) return Valeur{};
                return it->second;
            }
            case Nt::Referentiel: return referentiel(n);
        }
        return Valeur{};
    }

private:
    const Noeud& p_;
    const Contexte& ctx_;

    Valeur comparer(const N& n) const {
        Valeur a = eval(n.a);
        Valeur b = eval(n.b);
        if (estTexte(a) || estTexte(b)) {
            std::string s;
            ajouterTexte(s, a);
            s += " [object Object] ";  // the platform interpolates the token object
            ajouterTexte(s, b);
            return s;
        }
        if (estNul(a) || estNul(b)) return Valeur{};
        if (n.op == Jt::Egal) return egaliteStricte(a, b);
        const double x = enNombre(a), y = enNombre(b);
        switch (n.op) {
            case Jt::InfEgal: return x <= y;
            case Jt::SupEgal: return x >= y;
            case Jt::Inf: return x < y;
            default: return x > y;
        }
    }

    Valeur arithmetique(const N& n) const {
        Valeur r = eval(p_.enfants[n.debut]);
        for (std::uint32_t k = 1; k < n.nb; ++k) {
            Valeur d = eval(p_.enfants[n.debut + k]);
            const Jt op = p_.ops[std::size_t(n.c) + k - 1];
            if (estTexte(r) || estTexte(d)) {
                std::string s;
                if (estTexte(r)) s = std::move(std::get<std::string>(r));
                else ajouterTexte(s, r);
                // The platform writes " - " for both + and -.
                s += (op == Jt::Fois) ? " * " : (op == Jt::Divise) ? " / " : " - ";
                ajouterTexte(s, d);
                r = std::move(s);
            } else if (estNul(r) || estNul(d)) {
                r = Valeur{};
            } else {
                const double x = enNombre(r), y = enNombre(d);
                switch (op) {
                    case Jt::Plus: r = x + y; break;
                    case Jt::Moins: r = x - y; break;
                    case Jt::Fois: r = x * y; break;
                    default: r = x / y; break;
                }
            }
        }
        return r;
    }

    Valeur minMax(const N& n) const {
        Valeur a = eval(n.a);
        Valeur b = eval(n.b);
        const bool estMin = n.type == Nt::Min;
        if (estTexte(a) || estTexte(b)) {
            std::string s = estMin ? "min(" : "max(";
            ajouterTexte(s, a);
            s += ", ";
            ajouterTexte(s, b);
            s += ')';
            return s;
        }
        if (estNul(a) || estNul(b)) return Valeur{};
        const double x = enNombre(a), y = enNombre(b);
        if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
        if (x == 0 && y == 0) {  // Math.min(0, -0) is -0, Math.max(0, -0) is +0
            const bool negatif = estMin ? (std::signbit(x) || std::signbit(y)) : (std::signbit(x) && std::signbit(y));
            return negatif ? -0.0 : 0.0;
        }
        return estMin ? (x < y ? x : y) : (x > y ? x : y);
    }

    Valeur identite(const N& n) const {
        const std::string& champ = p_.chaines[std::size_t(n.s)];
        const Valeur arg = eval(n.a);
        if (!ctx_.identite)
            throw ErreurEvaluation("Information " + champ + " d'identité de la collectivité non trouvée");
        const Identite& id = *ctx_.identite;
        auto texteArg = [&]() {
            std::string s;
            ajouterTexte(s, arg);
            return s;
        };
        if (champ == "type") {
            const std::string v = texteArg();
            if (egalSansCasse(id.type, v)) return true;
            return egalSansCasse(v, "syndicat") && id.soustype && egalSansCasse(*id.soustype, "syndicat");
        }
        if (champ == "soustype") return id.soustype.has_value() && egalSansCasse(*id.soustype, texteArg());
        if (champ == "population") {
            if (!estTexte(arg)) return false;
            const std::string& v = std::get<std::string>(arg);
            for (const std::string& t : id.populationTags)
                if (t == v) return true;
            return false;
        }
        if (champ == "localisation") {
            const bool dom = estTexte(arg) && std::get<std::string>(arg) == "DOM";
            return id.drom.has_value() && *id.drom == dom;
        }
        if (champ == "dans_aire_urbaine") {
            const bool vrai = minusculesAscii(texteArg()) == "true";
            return id.dansAireUrbaine.has_value() && *id.dansAireUrbaine == vrai;
        }
        throw ErreurEvaluation("Champ d'identité \"" + champ + "\" non reconnu dans identite(" + champ + ", " +
                               texteArg() +
                               "). Champs autorisés : type, soustype, population, localisation, dans_aire_urbaine.");
    }

    Valeur reponse(const N& n) const {
        const std::string& q = p_.chaines[std::size_t(n.s)];
        if (n.a < 0) {
            if (!ctx_.reponses) return Valeur{};
            auto it = ctx_.reponses->find(q);
            if (it == ctx_.reponses->end()) return Indefini{};
            return it->second;
        }
        const Valeur attendu = eval(n.a);
        if (!ctx_.reponses) throw ErreurEvaluation("Reponse à la question " + q + " non trouvée");
        auto it = ctx_.reponses->find(q);
        if (it == ctx_.reponses->end()) return egaliteStricte(Valeur{Indefini{}}, attendu);
        return egaliteStricte(it->second, attendu);
    }

    Valeur referentiel(const N& n) const {
        const detail::ArgReferentiel& arg = p_.referentiels[std::size_t(n.a)];
        if (!arg.erreur.empty()) throw ErreurEvaluation(arg.erreur);
        if (!ctx_.referentiel) return false;
        const ContexteReferentiel& c = *ctx_.referentiel;
        const bool famille = c.referentielId == arg.id || (arg.id == "te" && c.referentielId == "te-test");
        if (!famille) return false;
        if (!arg.version) return true;
        if (!c.version || c.version->empty()) return false;
        const std::optional<Semver> courante = lireSemver(*c.version);
        if (!courante)
            throw ErreurEvaluation("Version « " + *c.version +
                                   " » du référentiel courant invalide : un semver est attendu (ex: 2.1.3)");
        return comparerSemver(*courante, *arg.version) >= 0;
    }
};

}  // namespace

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

bool estNul(const Valeur& v) { return v.index() == kNul || v.index() == kIndefini; }

bool estVrai(const Valeur& v) {
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

std::string versTexte(const Valeur& v) {
    std::string s;
    ajouterTexte(s, v);
    return s;
}

std::vector<std::string> tagsPopulation(double population) {
    static constexpr int kBornesSup[] = {3000, 5000, 10000, 20000, 50000, 100000};
    static constexpr int kBornesInf[] = {3000, 20000, 50000, 100000, 300000, 800000};
    std::vector<std::string> tags;
    for (int b : kBornesSup)
        if (population < b) tags.push_back("moins_de_" + std::to_string(b));
    for (int b : kBornesInf)
        if (population > b) tags.push_back("plus_de_" + std::to_string(b));
    return tags;
}

Expression Expression::analyser(std::string_view texte) {
    if (texte.size() > kLongueurMax)
        throw ErreurSyntaxe("Règle trop longue : " + std::to_string(texte.size()) + " octets (maximum " +
                            std::to_string(kLongueurMax) + ")");
    Expression e;
    e.racine_ = Analyseur(texte).analyser();
    e.texte_ = std::string(texte);
    return e;
}

Valeur Expression::evaluer(const Contexte& contexte) const {
    if (!racine_ || racine_->racine < 0) return Valeur{};
    return Evaluateur(*racine_, contexte).eval(racine_->racine);
}

std::vector<std::string> Expression::scoresLus() const {
    std::vector<std::string> noms;
    if (!racine_) return noms;
    for (const N& n : racine_->noeuds) {
        if (n.type != Nt::Score) continue;
        const std::string& id = racine_->chaines[std::size_t(n.s)];
        if (std::find(noms.begin(), noms.end(), id) == noms.end()) noms.push_back(id);
    }
    return noms;
}

Valeur evaluer(std::string_view texte, const Contexte& contexte) {
    return Expression::analyser(texte).evaluer(contexte);
}

}  // namespace eci::regle
