// The personalisation rule language of the platform (docs/score.md §8).
//
// A rule is parsed once into an Expression, then evaluated against a Contexte
// (answers, identity, score ratios, référentiel context) with JavaScript
// semantics: values are null, undefined, booleans, doubles or strings.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace eci::regle {

// JavaScript `undefined` (e.g. `reponse(q)` for an unanswered question).
struct Indefini {
    bool operator==(const Indefini&) const { return true; }
};

// A rule value: null (monostate), undefined, boolean, number or string.
using Valeur = std::variant<std::monostate, Indefini, bool, double, std::string>;

bool estNul(const Valeur& v);     // null or undefined
bool estVrai(const Valeur& v);    // JavaScript truthiness
std::string versTexte(const Valeur& v);  // JavaScript String(v) (numbers as JS prints them)

// Identity of the collectivité as the rules see it (§8.3, §8.5).
struct Identite {
    std::string type;                      // "EPCI" or "commune"
    std::optional<std::string> soustype;   // epci_a_fiscalite_propre, syndicat, pole
    std::vector<std::string> populationTags;
    std::optional<bool> drom;
    std::optional<bool> dansAireUrbaine;
};

// Population tags of §8.3 for a population (moins_de_N / plus_de_N).
std::vector<std::string> tagsPopulation(double population);

struct ContexteReferentiel {
    std::string referentielId;             // e.g. "te", "cae", "eci"
    std::optional<std::string> version;    // semver "2.1.3"
};

struct Contexte {
    // Absent map: reponse() throws ("Reponse à la question X non trouvée").
    std::optional<std::map<std::string, Valeur>> reponses;
    // Absent identity: identite() throws.
    std::optional<Identite> identite;
    // Absent map: score(id) stays symbolic, the string "score(id)".
    std::optional<std::map<std::string, double>> scores;
    // Absent: referentiel(x) is false.
    std::optional<ContexteReferentiel> referentiel;
};

// Parse error (lexing or grammar): the text is not a valid rule.
struct ErreurSyntaxe : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// Evaluation error (missing answers map, unknown identity field, ...).
struct ErreurEvaluation : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace detail { struct Noeud; }

class Expression {
public:
    // Throws ErreurSyntaxe with a French message saying where the text breaks.
    static Expression analyser(std::string_view texte);
    // Throws ErreurEvaluation.
    Valeur evaluer(const Contexte& contexte) const;
    const std::string& texte() const { return texte_; }
    // The names read by score(…), in order of first appearance, each once
    // (the nodes a score rule depends on, docs/score.md §5.8).
    std::vector<std::string> scoresLus() const;

private:
    std::shared_ptr<const detail::Noeud> racine_;
    std::string texte_;
};

// Convenience: parse and evaluate.
Valeur evaluer(std::string_view texte, const Contexte& contexte);

}  // namespace eci::regle
