// From the collectivité's identity and answers to the consequences of the
// référentiel's rules (docs/score.md §8.4-§8.6).
#pragma once

#include <optional>
#include <vector>

#include "eci/referentiel.hpp"
#include "eci/regle.hpp"
#include "eci/score.hpp"

namespace eci {

// Evaluates every rule of the référentiel with {answers, identity} (no scores,
// no référentiel context), one optional Consequence per node (indexed like the
// tree). Throws regle::ErreurEvaluation like the platform (an exception in
// any rule aborts the computation), and also when the score rules name an
// unknown node or read each other in a cycle (verifierReglesScore).
std::vector<std::optional<Consequence>> consequences(const Referentiel& ref, const regle::Contexte& contexte);

// Same, writing into `sortie` (reused buffer).
void consequences(const Referentiel& ref, const regle::Contexte& contexte,
                  std::vector<std::optional<Consequence>>& sortie);

// True when the node or one of its ancestors is deactivated by the consequences.
bool estDesactive(const Referentiel& ref, const std::vector<std::optional<Consequence>>& cons, int index);

}  // namespace eci
