#include "eci/statuts.hpp"

#include <string>
#include <unordered_map>

#include "eci/texte.hpp"

namespace eci {

std::optional<StatutSaisi> lireStatutSaisi(std::string_view texte, bool& inconnu) {
    inconnu = false;
    std::string p = texte::plier(texte);
    if (p.empty()) return std::nullopt;
    static const std::unordered_map<std::string, std::optional<StatutSaisi>> mots = {
        {"fait", StatutSaisi::fait},
        {"done", StatutSaisi::fait},
        {"programme", StatutSaisi::programme},
        {"planned", StatutSaisi::programme},
        {"pasfait", StatutSaisi::pasFait},
        {"notdone", StatutSaisi::pasFait},
        {"nonconcerne", StatutSaisi::nonConcerne},
        {"notapplicable", StatutSaisi::nonConcerne},
        {"detaille", StatutSaisi::detaille},
        {"detailed", StatutSaisi::detaille},
        {"nonrenseigne", StatutSaisi::nonRenseigne},
        {"notfilled", StatutSaisi::nonRenseigne},
        {"detaillealatache", StatutSaisi::detailleALaTache},  // stored as a concerné row (§2.1)
        {"nonrenseignable", std::nullopt},
    };
    auto it = mots.find(p);
    if (it == mots.end()) {
        inconnu = true;
        return std::nullopt;
    }
    return it->second;
}

const char* motStatut(StatutSaisi s) {
    switch (s) {
        case StatutSaisi::fait: return "fait";
        case StatutSaisi::programme: return "programmé";
        case StatutSaisi::pasFait: return "pas fait";
        case StatutSaisi::nonRenseigne: return "non renseigné";
        case StatutSaisi::detaille: return "détaillé";
        case StatutSaisi::nonConcerne: return "non concerné";
        case StatutSaisi::detailleALaTache: return "détaillé à la tâche";
    }
    return "";
}

}  // namespace eci
