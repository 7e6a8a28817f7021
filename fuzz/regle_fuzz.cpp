// libFuzzer target for the rule language (core/domaine/src/regle/).
//
// Parses arbitrary bytes; when the parse succeeds, evaluates the rule against
// a few fixed contexts. Only ErreurSyntaxe / ErreurEvaluation may escape the
// library: anything else (other exception, crash, sanitizer report, hang)
// is a bug. Also checks two invariants of the value helpers.
#include "eci/regle.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

using namespace eci::regle;

namespace {

std::vector<Contexte> contextes() {
    std::vector<Contexte> cs;
    cs.emplace_back();  // nothing: reponse(q, v) and identite() throw, score() symbolic

    Contexte commune;  // production-like: answers {} and an identity
    commune.reponses = std::map<std::string, Valeur>{};
    commune.identite = Identite{"commune", std::nullopt, tagsPopulation(12000), false, std::nullopt};
    cs.push_back(commune);

    Contexte syndicat;  // answers of every type, scores, référentiel context
    syndicat.reponses = std::map<std::string, Valeur>{
        {"dechets_1", false},       {"dechets_2", true},   {"dev_eco_1", false}, {"REOM", true},
        {"question_proportion", 0.5}, {"choix", std::string("Choix_A")}, {"nul", std::monostate{}},
        {"SPASER", true}};
    syndicat.identite = Identite{"EPCI", std::string("syndicat"), {}, true, true};
    syndicat.scores = std::map<std::string, double>{{"eci_1", 1.0}, {"cae_1.2.3", 0.25}, {"a", 0.0}};
    syndicat.referentiel = ContexteReferentiel{"te", std::string("2.1.3")};
    cs.push_back(syndicat);

    Contexte epci;
    epci.reponses = std::map<std::string, Valeur>{{"dechets_1", true}};
    epci.identite = Identite{"EPCI", std::string("epci_a_fiscalite_propre"), tagsPopulation(150000), false, false};
    epci.scores = std::map<std::string, double>{};
    epci.referentiel = ContexteReferentiel{"eci", std::nullopt};
    cs.push_back(epci);
    return cs;
}

// String(x) must read back as x (shortest round-trip formatting).
void verifierNombre(double x) {
    const std::string s = versTexte(x);
    if (std::isnan(x)) {
        if (s != "NaN") std::abort();
        return;
    }
    const double y = std::strtod(s.c_str(), nullptr);
    if (!(y == x)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<Contexte> kContextes = contextes();

    if (size >= sizeof(double)) {
        double d;
        std::memcpy(&d, data, sizeof d);
        verifierNombre(d);
    }

    const std::string_view texte(reinterpret_cast<const char*>(data), size);
    Expression e;
    try {
        e = Expression::analyser(texte);
    } catch (const ErreurSyntaxe& err) {
        if (std::strlen(err.what()) == 0) std::abort();
        return 0;
    }
    if (e.texte() != texte) std::abort();
    for (const Contexte& c : kContextes) {
        try {
            const Valeur v = e.evaluer(c);
            const std::string s = versTexte(v);
            (void)estVrai(v);
            if (v.index() == 3) verifierNombre(std::get<double>(v));
            if (estNul(v) && s != "null" && s != "undefined") std::abort();
        } catch (const ErreurEvaluation& err) {
            if (std::strlen(err.what()) == 0) std::abort();
        }
    }
    return 0;
}
