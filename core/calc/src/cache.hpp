// The évaluation cache of the ECI functions: a sheet where many cells call ECI.SCORE on the same
// ranges computes the référentiel once. Keyed by the arguments' content (a hash, then equality).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "evaluation.hpp"

namespace eci::calc {

// A 64-bit hash of a range's shape and content.
std::uint64_t empreinte(const Plage& p);

// The évaluation of `e`, computed (calculer) or one of the last few, when their arguments are equal.
std::shared_ptr<Evaluation> evaluationEnCache(const Entrees& e);

// The same, refusing the rows ECI.SCORE refuses (ErreurArgument naming the first): for the
// functions whose answer would be wrong without a sign on a sheet not read entirely (ECI.CRITERES,
// ECI.LABELLISATION, ECI.GAIN, ECI.CHEMIN...).
std::shared_ptr<Evaluation> evaluationEntiere(const Entrees& e);
// The same from a function's arguments (the optional ones normalised).
std::shared_ptr<Evaluation> evaluationEntiere(const Plage& ids, const Plage& statuts, const Optionnel& details,
                                              const Optionnel& contexte, const Optionnel& referentiel);

// How many évaluations the cache has computed since the start (tests: one per distinct input).
std::size_t evaluationsCalculees();

}  // namespace eci::calc
