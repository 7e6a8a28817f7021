// Evaluation of a compiled rule (docs/score.md §8.3) against a Contexte, with
// JavaScript semantics, reproducing the platform's visitor
// (apps/backend/src/utils/expression-parser and
// personnalisations-expression.service.ts) beyond the plain grammar:
//  - `si c alors a sinon b` evaluates c, a AND b (eagerly), then picks one;
//  - a parenthesised value or a min()/max() in "call" position swallows any
//    evaluation error raised inside it and yields undefined (the platform's
//    `call` override wraps `super.call()` in a try/catch);
//  - `reponse(q)` without an answers map gives null (not an error);
//  - string results of operators use the platform's templates: "a - b" for
//    both + and -, "a * b", "a / b", "a [object Object] b" for comparisons
//    (the operator token object is interpolated), "min(a, b)", "max(a, b)";
//  - score(id) without a score map stays the text "score(id)" (§8.4, §5.8).
// Private to src/regle/.
#pragma once

#include "regle/programme.hpp"

namespace eci::regle::detail {

// Throws ErreurEvaluation (missing identity, unknown identity field, bad referentiel(…)).
Valeur evaluer(const Noeud& programme, const Contexte& contexte);

}  // namespace eci::regle::detail
