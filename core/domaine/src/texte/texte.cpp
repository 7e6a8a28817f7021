#include "eci/texte.hpp"

#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace eci::texte {

namespace {

// ASCII fold of a Unicode code point of Latin-1 Supplement / Latin Extended-A.
// Returns nullptr when the code point has no fold (it is then dropped if it is
// a space-like character, kept as UTF-8 otherwise).
const char* plierCodePoint(unsigned cp) {
    if (cp >= 0xC0 && cp <= 0xC5) return "a";
    if (cp >= 0xE0 && cp <= 0xE5) return "a";
    if (cp == 0xC6 || cp == 0xE6) return "ae";
    if (cp == 0xC7 || cp == 0xE7) return "c";
    if ((cp >= 0xC8 && cp <= 0xCB) || (cp >= 0xE8 && cp <= 0xEB)) return "e";
    if ((cp >= 0xCC && cp <= 0xCF) || (cp >= 0xEC && cp <= 0xEF)) return "i";
    if (cp == 0xD1 || cp == 0xF1) return "n";
    if ((cp >= 0xD2 && cp <= 0xD6) || (cp >= 0xF2 && cp <= 0xF6) || cp == 0xD8 || cp == 0xF8) return "o";
    if ((cp >= 0xD9 && cp <= 0xDC) || (cp >= 0xF9 && cp <= 0xFC)) return "u";
    if (cp == 0xDD || cp == 0xFD || cp == 0xFF || cp == 0x178) return "y";
    if (cp == 0x152 || cp == 0x153) return "oe";
    return nullptr;
}

bool estEspace(unsigned cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F ||
           cp == 0x2009 || cp == '_' || cp == '-' || cp == 0x2011 || cp == 0x2013;
}

// Decode one UTF-8 sequence at s[i]; on malformed input returns the byte.
unsigned decoder(std::string_view s, std::size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    auto suite = [&](std::size_t k) -> int {
        if (i + k >= s.size()) return -1;
        unsigned char d = static_cast<unsigned char>(s[i + k]);
        return (d & 0xC0) == 0x80 ? (d & 0x3F) : -1;
    };
    if (c < 0x80) { ++i; return c; }
    if ((c & 0xE0) == 0xC0) {
        int a = suite(1);
        if (a >= 0) { i += 2; return ((c & 0x1Fu) << 6) | unsigned(a); }
    } else if ((c & 0xF0) == 0xE0) {
        int a = suite(1), b = suite(2);
        if (a >= 0 && b >= 0) { i += 3; return ((c & 0x0Fu) << 12) | (unsigned(a) << 6) | unsigned(b); }
    } else if ((c & 0xF8) == 0xF0) {
        int a = suite(1), b = suite(2), d = suite(3);
        if (a >= 0 && b >= 0 && d >= 0) {
            i += 4;
            return ((c & 0x07u) << 18) | (unsigned(a) << 12) | (unsigned(b) << 6) | unsigned(d);
        }
    }
    ++i;
    return 0xFFFD;
}

void encoder(unsigned cp, std::string& out) {
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
    }
}

// The decimal separator of the C library's current LC_NUMERIC ("." in the "C" locale).
std::string_view separateurLocal() {
    const char* p = std::localeconv()->decimal_point;
    return (p && *p) ? p : ".";
}

std::string remplacer(std::string s, std::string_view de, std::string_view par) {
    if (de == par) return s;
    for (std::size_t p = 0; (p = s.find(de, p)) != std::string::npos; p += par.size()) s.replace(p, de.size(), par);
    return s;
}

}  // namespace

std::string plier(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        unsigned cp = decoder(s, i);
        if (estEspace(cp)) continue;
        if (cp < 0x80) {
            out += (cp >= 'A' && cp <= 'Z') ? char(cp - 'A' + 'a') : char(cp);
        } else if (const char* f = plierCodePoint(cp)) {
            out += f;
        } else {
            encoder(cp, out);
        }
    }
    return out;
}

std::string_view rogner(std::string_view s) {
    auto espaceAu = [&](std::size_t pos, bool fin) -> std::size_t {
        // Length of a white-space sequence at the start (or end) of s, 0 if none.
        if (!fin) {
            if (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) return 1;
            if (pos + 1 < s.size() && (unsigned char)s[pos] == 0xC2 && (unsigned char)s[pos + 1] == 0xA0) return 2;
            return 0;
        }
        if (pos >= 1 && (s[pos - 1] == ' ' || s[pos - 1] == '\t' || s[pos - 1] == '\n' || s[pos - 1] == '\r')) return 1;
        if (pos >= 2 && (unsigned char)s[pos - 2] == 0xC2 && (unsigned char)s[pos - 1] == 0xA0) return 2;
        return 0;
    };
    std::size_t a = 0, b = s.size();
    while (a < b) { std::size_t n = espaceAu(a, false); if (!n) break; a += n; }
    while (b > a) { std::size_t n = espaceAu(b, true); if (!n) break; b -= n; }
    return s.substr(a, b - a);
}

bool lireNombre(std::string_view s, double& out) {
    s = rogner(s);
    if (s.empty() || s.size() > 64) return false;
    std::string t(s);
    for (char& c : t) if (c == ',') c = '.';
    // Only digits, one point, an optional leading sign, an optional exponent.
    for (char c : t)
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
    // strtod reads the decimal separator of the current LC_NUMERIC.
    t = remplacer(std::move(t), ".", separateurLocal());
    char* fin = nullptr;
    double v = std::strtod(t.c_str(), &fin);
    if (fin != t.c_str() + t.size()) return false;
    if (!std::isfinite(v)) return false;
    out = v;
    return true;
}

std::string nombreFr(double x) {
    char buf[64];
    // Beyond 1e15 (or not finite) a plain %.3f would print hundreds of digits: scientific form.
    if (!std::isfinite(x) || std::fabs(x) >= 1e15) std::snprintf(buf, sizeof buf, "%.6g", x);
    else std::snprintf(buf, sizeof buf, "%.3f", x);
    std::string s = pointDecimal(buf);
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    for (char& c : s) if (c == '.') c = ',';
    if (s == "-0") s = "0";
    return s;
}

std::string pointDecimal(std::string imprime) { return remplacer(std::move(imprime), separateurLocal(), "."); }

std::string abreger(std::string_view s, std::size_t n) {
    std::size_t i = 0, caracteres = 0;
    while (i < s.size() && caracteres < n) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;  // continuation bytes
        ++caracteres;
    }
    if (i >= s.size()) return std::string(s);
    return std::string(s.substr(0, i)) + "…";
}

// Split one CSV record (RFC 4180 quoting) starting at pos; advances pos.
std::vector<std::string> lireEnregistrement(std::string_view csv, std::size_t& pos) {
    std::vector<std::string> champs;
    std::string courant;
    bool guillemets = false;
    while (pos < csv.size()) {
        char c = csv[pos++];
        if (guillemets) {
            if (c == '"') {
                if (pos < csv.size() && csv[pos] == '"') { courant += '"'; ++pos; }
                else guillemets = false;
            } else {
                courant += c;
            }
        } else if (c == '"') {
            guillemets = true;
        } else if (c == ',') {
            champs.push_back(std::move(courant));
            courant.clear();
        } else if (c == '\r') {
            // ignored (CRLF)
        } else if (c == '\n') {
            break;
        } else {
            courant += c;
        }
    }
    champs.push_back(std::move(courant));
    return champs;
}

}  // namespace eci::texte
