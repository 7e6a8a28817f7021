// libFuzzer target: the context parser (the key / value range of the contexte argument of
// ECI.EVALUER, ECI.SCORE, ECI.REGLE, ECI.DESACTIVE, ECI.VERIFIER) and the référentiel passed as a
// range (the referentiel argument), through eci::calc exactly as the glue calls them.
//
// Besides not crashing, for every input:
//  - bad text is refused with eci::calc::ErreurArgument only (Err:502 in Calc);
//  - ECI.VERIFIER never throws on a bad context or référentiel: it says what is wrong in words;
//  - no result is a NaN or an infinity (no cell can show one);
//  - the results do not depend on what was computed before (the function layer caches the last
//    context / référentiel by content hash): EVALUER(A), EVALUER(B), EVALUER(A) give the same
//    A results, cell for cell.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <variant>

#include "eci/calc/fonctions.hpp"
#include "eci/referentiel.hpp"

#include "octets.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::Optionnel;
using eci::calc::Plage;

struct Lecteur : Octets {
    using Octets::Octets;

    std::string brut() { return Octets::brut(20); }
    std::string mot(const char* const* mots, size_t nombre) {
        const uint8_t k = octet();
        return k < 220 ? mots[k % nombre] : brut();
    }
    Cellule cellule(const char* const* mots, size_t nombre) {
        switch (octet() % 6) {
            case 0: return Cellule();
            case 1: return Cellule(std::string());
            case 2: {
                const uint8_t k = octet();
                return Cellule(k < 200 ? static_cast<double>(k) - 20 : bits64());
            }
            default: return Cellule(mot(mots, nombre));
        }
    }
};

const char* const kCles[] = {"type", "soustype", "sous-type", "population", "drom", "dom", "localisation",
                             "dans_aire_urbaine", "dechets_1", "dechets_2", "dechets_3", "REOM", "SPASER",
                             "dev_eco_1", "formation", "nom", "collectivité", "SIREN", "Dechets 1", "TYPE",
                             "question_inconnue", ""};
const char* const kValeurs[] = {"commune", "EPCI", "epci", "syndicat", "pole", "epci_a_fiscalite_propre", "OUI",
                                "NON", "oui", "non", "VRAI", "FAUX", "true", "0", "1", "2", "12000", "-5",
                                "1e400", "nan", "DOM", "métropole", "peut-être", " ", ""};
const char* const kRegles[] = {"reponse(dechets_1, OUI)", "reponse(dechets_2, NON)", "identite(type, commune)",
                               "identite(type, syndicat)", "identite(population, moins_de_5000)",
                               "identite(localisation, DOM)", "si reponse(dev_eco_1, NON) alors VRAI",
                               "si identite(type, EPCI) ou reponse(REOM, OUI) alors 0.5 sinon 1",
                               "max(reponse(dechets_3), 0.2)", "reponse(x, y)", "score(eci_1.1)", "VRAI"};
const char* const kEnTetes[] = {"identifiant", "niveau", "points", "pourcentage", "nom", "parent", "categorie",
                                "desactivation", "reduction", "score", "Identifiant", "POINTS", "autre", ""};
const char* const kIds[] = {"", "1", "2", "1.1", "1.2", "1.1.1", "1.1.1.1", "1.1.1.2", "2.1", "2.1.1", "1.1.1.1.1",
                            "eci_1.1", "1.", ".1", "x", "1.1.2", "3"};
const char* const kNiveaux[] = {"axe", "sous-axe", "action", "sous-action", "tache", "tâche", "referentiel", "?"};
const char* const kStatuts[] = {"fait", "programmé", "pas fait", "non concerné", "détaillé", "non renseigné", "x"};

Optionnel contexte(Lecteur& r) {
    const uint8_t forme = r.octet();
    if (forme % 8 == 0) return std::nullopt;
    size_t lignes = 1 + r.octet() % 12, colonnes = forme % 8 == 1 ? 1 + r.octet() % 3 : 2;
    if (forme == 255) lignes = 1001;
    Plage p(lignes, colonnes);
    for (size_t l = 0; l < lignes && !r.fin(); ++l) {
        p.at(l, 0) = r.cellule(kCles, sizeof kCles / sizeof *kCles);
        for (size_t c = 1; c < colonnes; ++c) p.at(l, c) = r.cellule(kValeurs, sizeof kValeurs / sizeof *kValeurs);
    }
    return p;
}

// A small référentiel table: a header (possibly with missing, repeated or unknown columns) and rows.
Optionnel referentiel(Lecteur& r) {
    if (r.octet() % 2 == 0) return std::nullopt;
    const size_t colonnes = 1 + r.octet() % 8, lignes = 1 + r.octet() % 10;
    Plage p(lignes + 1, colonnes);
    const bool complet = r.octet() % 4 != 0;
    for (size_t c = 0; c < colonnes; ++c)
        p.at(0, c) = complet && c < 4 ? std::string(kEnTetes[c]) : r.mot(kEnTetes, sizeof kEnTetes / sizeof *kEnTetes);
    for (size_t l = 1; l <= lignes && !r.fin(); ++l)
        for (size_t c = 0; c < colonnes; ++c) {
            const std::string h = std::holds_alternative<std::string>(p.at(0, c)) ? std::get<std::string>(p.at(0, c)) : "";
            if (h == "identifiant") p.at(l, c) = r.mot(kIds, sizeof kIds / sizeof *kIds);
            else if (h == "niveau") p.at(l, c) = r.mot(kNiveaux, sizeof kNiveaux / sizeof *kNiveaux);
            else if (h == "desactivation" || h == "reduction" || h == "score")
                p.at(l, c) = r.cellule(kRegles, sizeof kRegles / sizeof *kRegles);
            else p.at(l, c) = r.cellule(kValeurs, sizeof kValeurs / sizeof *kValeurs);
        }
    return p;
}

struct Resultat {
    bool refuse = false;
    std::string message;
    Plage plage;
    bool operator==(const Resultat& o) const {
        return refuse == o.refuse && message == o.message && plage.lignes == o.plage.lignes &&
               plage.colonnes == o.plage.colonnes && plage.cellules == o.plage.cellules;
    }
};

Resultat evaluer(const Plage& ids, const Plage& statuts, const Optionnel& ctx, const Optionnel& ref) {
    Resultat res;
    try {
        res.plage = eci::calc::evaluer(ids, statuts, std::nullopt, ctx, ref);
    } catch (const eci::calc::ErreurArgument& e) {
        res.refuse = true;
        res.message = e.what();
    }
    return res;
}

[[noreturn]] void constat(const char* quoi) {
    std::fprintf(stderr, "contexte_fuzz: %s\n", quoi);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Lecteur r{data, size};
    const Optionnel ctxA = contexte(r), ctxB = contexte(r);
    const Optionnel ref = referentiel(r);

    // The whole ECi référentiel (or the ids of the table), with a few statuses.
    const auto& eci = *eci::Referentiel::eci();
    const size_t n = ref ? ref->lignes : eci.taille();
    Plage ids(n, 1), statuts(n, 1);
    for (size_t l = 0; l < n; ++l) {
        if (ref) {
            for (size_t c = 0; c < ref->colonnes; ++c)
                if (ref->at(0, c) == Cellule(std::string("identifiant"))) ids.at(l, 0) = ref->at(l, c);
        } else {
            ids.at(l, 0) = eci.noeud(static_cast<int>(l)).identifiant;
        }
        statuts.at(l, 0) = r.fin() ? Cellule() : Cellule(r.mot(kStatuts, sizeof kStatuts / sizeof *kStatuts));
    }

    try {
        const Resultat a1 = evaluer(ids, statuts, ctxA, ref);
        const Resultat b = evaluer(ids, statuts, ctxB, ref);
        const Resultat a2 = evaluer(ids, statuts, ctxA, ref);
        for (const Cellule& c : a1.plage.cellules)
            if (auto d = std::get_if<double>(&c); d && !std::isfinite(*d)) constat("EVALUER gave a NaN or an infinity");
        if (!(a1 == a2)) constat("EVALUER(A) differs after EVALUER(B): stale cache");
        (void)b;

        eci::calc::verifier(ids, statuts, std::nullopt, ctxA, ref);  // must not throw

        try {
            eci::calc::regle(r.mot(kRegles, sizeof kRegles / sizeof *kRegles), ctxA);
        } catch (const eci::calc::ErreurArgument&) {
        }
        try {
            const Cellule id = ids.lignes ? ids.at(r.octet() % ids.lignes, 0) : Cellule();
            eci::calc::desactive(id, ctxA, ref);
            eci::calc::points(id, ref);
        } catch (const eci::calc::ErreurArgument&) {
        }
    } catch (const eci::calc::ErreurArgument&) {
        constat("ECI.VERIFIER threw instead of saying what is wrong");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "contexte_fuzz: non-argument exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
