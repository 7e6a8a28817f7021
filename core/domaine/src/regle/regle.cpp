// The personalisation rule language of the platform (docs/score.md §8): the
// public API of eci/regle.hpp over the stages of src/regle/, one per file:
//   valeur      the JavaScript values a rule handles (§8.3)
//   lexeur      tokens, with chevrotain's first-match quirks (§8.1)
//   semver      versions in referentiel(id_version) (§8.3)
//   analyseur   recursive-descent parser into the compiled form (§8.2)
//   programme   the compiled form (a flat node array)
//   evaluateur  evaluation with JavaScript semantics (§8.3)
// A rule is parsed once into an Expression, then evaluated many times.
#include "eci/regle.hpp"

#include <algorithm>

#include "regle/analyseur.hpp"
#include "regle/evaluateur.hpp"

namespace eci::regle {

namespace {

constexpr std::size_t kLongueurMax = 100000;  // characters (bytes) of a rule

}  // namespace

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
    e.racine_ = detail::analyser(texte);
    e.texte_ = std::string(texte);
    return e;
}

Valeur Expression::evaluer(const Contexte& contexte) const {
    if (!racine_) return Valeur{};
    return detail::evaluer(*racine_, contexte);
}

std::vector<std::string> Expression::scoresLus() const {
    std::vector<std::string> noms;
    if (!racine_) return noms;
    for (const detail::N& n : racine_->noeuds) {
        if (n.type != detail::Nt::Score) continue;
        const std::string& id = racine_->chaines[std::size_t(n.s)];
        if (std::find(noms.begin(), noms.end(), id) == noms.end()) noms.push_back(id);
    }
    return noms;
}

Valeur evaluer(std::string_view texte, const Contexte& contexte) {
    return Expression::analyser(texte).evaluer(contexte);
}

}  // namespace eci::regle
