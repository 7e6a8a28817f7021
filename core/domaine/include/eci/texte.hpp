// Text helpers shared by the parsers: matching user text "without regard to
// case, accents, spaces, `_` and `-`" (docs/fonctions-conventions.md), number formatting.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eci::texte {

// Folded form for matching: lower case ASCII, accents removed (UTF-8 Latin-1
// and Latin Extended-A letters, œ → oe), spaces, non-breaking spaces, '_' and
// '-' dropped. "Non concerné" -> "nonconcerne", "PAS_FAIT" -> "pasfait".
std::string plier(std::string_view s);

// Trim ASCII white space (and non-breaking spaces) at both ends.
std::string_view rogner(std::string_view s);

// A number written with a decimal point or comma ("12,5"), nothing else.
// Returns false when the text is not exactly a number.
bool lireNombre(std::string_view s, double& out);

// At most `n` characters (UTF-8 code points) of s, followed by "…" when cut: for quoting user text
// in a message.
std::string abreger(std::string_view s, std::size_t n);

// French display of a number for messages (up to 3 decimals, comma).
std::string nombreFr(double x);

// Split one CSV record (RFC 4180 quoting, CRLF tolerated) starting at pos; advances pos past
// its end of line. Used by the embedded data files (référentiel, labellisation).
std::vector<std::string> lireEnregistrement(std::string_view csv, std::size_t& pos);

// A number printed by snprintf with a decimal point whatever the C library's LC_NUMERIC: the host
// process may set a locale with a decimal comma (LibreOffice on Windows with French regional
// settings; tests/unit/calc/test_locale.cpp under Wine), and snprintf / strtod follow it.
std::string pointDecimal(std::string imprime);

}  // namespace eci::texte
