// Versions in referentiel(id_version) (docs/score.md §8.3): node-semver's
// strict parsing and precedence.
#include "regle/semver.hpp"

#include <cstdlib>

#include "regle/lexeur.hpp"

namespace eci::regle::detail {

namespace {

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

}  // namespace

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

}  // namespace eci::regle::detail
