// Versions in referentiel(id_version) (docs/score.md §8.3): node-semver's
// strict `valid` and `gte`, as the platform checks them. Private to src/regle/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eci::regle::detail {

struct Semver {
    std::uint64_t majeur = 0, mineur = 0, correctif = 0;
    std::vector<std::string> prerelease;
};

// node-semver `valid` (strict, an optional leading « v »); nullopt when invalid.
std::optional<Semver> lireSemver(std::string_view s);

// Precedence of two versions (-1, 0, 1), pre-releases included.
int comparerSemver(const Semver& a, const Semver& b);

}  // namespace eci::regle::detail
