// The status vocabulary users write (docs/fonctions-conventions.md): French words, English
// aliases, matched without regard to case, accents, spaces, '_' and '-'.
#pragma once

#include <optional>
#include <string_view>

#include "eci/score.hpp"

namespace eci {

// The status a user wrote, or nullopt for a blank text. `inconnu` is set when
// the text is not a status. The display-only status « non renseignable »
// reads as no status; « détaillé à la tâche » is stored by the platform as a
// concerné row without progress (docs/score.md §2.1).
std::optional<StatutSaisi> lireStatutSaisi(std::string_view texte, bool& inconnu);

// The French word for a status as a user writes it ("programmé", "pas fait"...).
const char* motStatut(StatutSaisi s);

}  // namespace eci
