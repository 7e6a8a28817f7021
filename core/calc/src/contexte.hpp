// Reading the `contexte` argument (docs/fonctions-conventions.md §2, docs/score.md §8): the key /
// value range describing a local authority (type, soustype, population, drom, answers to the
// personalisation questions) into the rule engine's context, with a French line per problem.
#pragma once

#include <string>
#include <vector>

#include "eci/calc/plage.hpp"
#include "eci/referentiel.hpp"
#include "eci/regle.hpp"

namespace eci::calc {

struct ContexteLu {
    regle::Contexte ctx;
    std::vector<std::string> problemes;  // French, one per problem (ECI.VERIFIER lists them)
};

// Reads the key / value range (absent: an unknown identity, no answer). `ref`: its questions are
// known keys (besides the ECi's binary questions). `libre`: unknown keys are answers (ECI.REGLE).
ContexteLu lireContexte(const Optionnel& arg, const Referentiel* ref, bool libre);

// The same, the first problem thrown as ErreurArgument.
regle::Contexte contexteStrict(const Optionnel& arg, const Referentiel* ref, bool libre = false);

}  // namespace eci::calc
