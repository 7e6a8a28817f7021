// Reading cell values the way every spreadsheet function does.
#pragma once

#include <string>

#include "eci/calc/fonctions.hpp"

namespace eci::calc {

// Empty cell, or text of white space only.
bool estVide(const Cellule& c);
// Text of a cell as written (trimmed); numbers in their shortest decimal form ("1", "1.1").
std::string texteDe(const Cellule& c);
// A finite number cell, or text written as a number ("12,5"). False otherwise.
bool nombreDe(const Cellule& c, double& out);

}  // namespace eci::calc
