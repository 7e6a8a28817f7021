// libFuzzer target: the status parser (eci::lireStatutSaisi), on raw bytes (any encoding, NUL,
// broken UTF-8). Besides not crashing, what a user is promised must hold for every input:
//  - case and surrounding spaces do not matter: the ASCII-uppercased text and the text with
//    spaces, '_' or '-' around it read the same;
//  - a recognised status's French word (motStatut) reads back as that status;
//  - a text is exactly one of: blank, a status, unknown (reported to the user).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "eci/statuts.hpp"

namespace {

struct Lecture {
    std::optional<eci::StatutSaisi> statut;
    bool inconnu;
    bool operator==(const Lecture& o) const { return statut == o.statut && inconnu == o.inconnu; }
};

Lecture lire(std::string_view s) {
    Lecture l{};
    l.statut = eci::lireStatutSaisi(s, l.inconnu);
    return l;
}

[[noreturn]] void constat(const char* quoi, const std::string& texte) {
    std::fprintf(stderr, "statut_fuzz: %s for \"%s\"\n", quoi, texte.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string texte(reinterpret_cast<const char*>(data), size);
    const Lecture l = lire(texte);
    if (l.statut && l.inconnu) constat("a status that is also unknown", texte);

    std::string majuscules = texte;
    for (char& c : majuscules)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!(lire(majuscules) == l)) constat("case changes the reading", texte);
    if (!(lire(" _" + texte + "- ") == l)) constat("spaces, _ or - around change the reading", texte);

    if (l.statut) {
        const Lecture retour = lire(eci::motStatut(*l.statut));
        if (!(retour == l)) constat("the status's own word does not read back", texte);
    }
    return 0;
}
