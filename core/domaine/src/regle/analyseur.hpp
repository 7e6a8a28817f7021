// Parser of the rule language (docs/score.md §8.2): recursive descent over
// the lexer's tokens (the grammar is LL(1)) into the compiled form of
// programme.hpp. Errors are French and say where the text breaks (with a
// hint when a name is glued to a keyword prefix, the lexer quirk of §8.1).
// Private to src/regle/.
#pragma once

#include <memory>
#include <string_view>

#include "regle/programme.hpp"

namespace eci::regle::detail {

// Throws ErreurSyntaxe. Nesting is bounded (si / parentheses / min / max).
std::shared_ptr<const Noeud> analyser(std::string_view texte);

}  // namespace eci::regle::detail
