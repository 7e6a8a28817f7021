// libFuzzer target: the spreadsheet-function layer (eci::calc), called exactly as the add-in
// glue calls it, with arguments decoded from the fuzz input: numbers, texts, empty cells,
// ranges of any shape (1x1, mismatched heights...), and the platform-export reader. Bad arguments must surface as
// eci::calc::ErreurArgument (Err:502 in Calc); anything else is a finding (the glue would turn
// it into #VALUE!, but the function layer is not supposed to throw it), and so is a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_aide.hpp"
#include "eci/calc/fonctions_criteres.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/calc/fonctions_progression.hpp"
#include "eci/calc/import.hpp"

#include "octets.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::Optionnel;
using eci::calc::Plage;

struct Lecteur : Octets {
    using Octets::Octets;
    std::string texte() {
        // A few meaningful words, or raw bytes.
        static const char* const mots[] = {"fait", "programmé", "pas fait", "non concerné", "détaillé", "non renseigné",
                                           "1.1.1.1", "2.2", "eci", "eci_1.1", "type", "EPCI", "commune", "syndicat",
                                           "population", "dechets_1", "OUI", "NON", "NC", "rural", "urbain",
                                           "diagnostic", "accompagnement", "aide", "assiette", "prorata", "taux",
                                           "pourcentage", "potentiel", "identifiant", "niveau", "points",
                                           "pourcentage", "si reponse(dechets_1, NON) alors VRAI", ""};
        uint8_t k = octet();
        if (k < 200) return mots[k % (sizeof mots / sizeof *mots)];
        return brut(24);
    }
    double nombre() {
        switch (octet() % 8) {
            case 0: return 0;
            case 1: return 1;
            case 2: return -1;
            case 3: return 1e300;
            case 4: return octet() / 10.0;
            case 5: return octet() * 1000.0;
            case 6: return 0.7;
            default: return bits64();
        }
    }
    Cellule cellule() {
        switch (octet() % 3) {
            case 0: return Cellule();
            case 1: return Cellule(nombre());
            default: return Cellule(texte());
        }
    }
    Plage plage() {
        size_t l = 1 + octet() % 12, c = 1 + octet() % 4;
        if (octet() == 255) l = 370;  // the référentiel's size, mostly blank
        Plage p(l, c);
        for (auto& x : p.cellules) x = fin() ? Cellule() : cellule();
        return p;
    }
    Optionnel optionnel() {
        switch (octet() % 3) {
            case 0: return std::nullopt;
            case 1: return Plage(cellule());
            default: return plage();
        }
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Lecteur r{data, size};
    const int fonction = r.octet() % 28;
    try {
        switch (fonction) {
            case 0: eci::calc::evaluer(r.plage(), r.plage(), r.optionnel(), r.optionnel(), r.optionnel()); break;
            case 1:
                eci::calc::score(r.plage(), r.plage(), r.optionnel(), r.optionnel(), r.optionnel(), r.optionnel(),
                                 r.optionnel());
                break;
            case 2: eci::calc::etoiles(r.nombre()); break;
            case 3: eci::calc::ecart(r.nombre(), r.nombre(), r.nombre()); break;
            case 4: eci::calc::points(r.cellule(), r.optionnel()); break;
            case 5: eci::calc::libelle(r.cellule(), r.optionnel()); break;
            case 6: eci::calc::regle(r.texte(), r.optionnel()); break;
            case 7: eci::calc::desactive(r.cellule(), r.optionnel(), r.optionnel()); break;
            case 8: eci::calc::verifier(r.plage(), r.plage(), r.optionnel(), r.optionnel(), r.optionnel()); break;
            case 9: eci::calc::aideAssiette(r.nombre(), r.optionnel(), r.optionnel()); break;
            case 10:
                eci::calc::aideMontant(r.nombre(), r.cellule(), r.optionnel(), r.optionnel(), r.optionnel(),
                                       r.optionnel());
                break;
            case 11: eci::calc::aideRepartition(r.nombre(), r.nombre()); break;
            case 12: eci::calc::aideSolde(r.nombre(), r.nombre(), r.nombre(), r.optionnel(), r.optionnel()); break;
            case 13: eci::calc::aideAutofinancement(r.nombre(), r.plage()); break;
            case 14:
                eci::calc::aideVerifier(r.nombre(), r.cellule(), r.nombre(), r.optionnel(), r.optionnel(), r.optionnel(),
                                        r.optionnel());
                break;
            case 15: eci::calc::criteresScore(r.plage(), r.plage(), r.optionnel()); break;
            case 16: {
                Plage s = r.plage();
                eci::calc::criteresSelection(s, r.plage(), r.plage(), r.optionnel(), r.optionnel());
                break;
            }
            case 17: eci::calc::criteresCoutPanel(r.plage(), r.plage(), r.plage(), r.optionnel(), r.optionnel()); break;
            case 18: eci::calc::aidePlafond(r.cellule()); break;
            case 19: {
                // The platform-export reader, on a sheet whose header row may or may not be there.
                Plage p = r.plage();
                if (r.octet() & 1 && p.colonnes >= 2) {
                    p.at(0, 0) = std::string("N°");
                    p.at(0, 1) = std::string("Statut");
                }
                try {
                    eci::calc::import::lireExport(p, *eci::Referentiel::eci());
                } catch (const eci::calc::import::ErreurImport&) {
                }
                break;
            }
            case 20: {
                Plage ids = r.plage(), st = r.plage();
                eci::calc::criteres(ids, st, r.nombre(), r.optionnel(), r.optionnel(), r.optionnel());
                break;
            }
            case 21: eci::calc::labellisation(r.plage(), r.plage(), r.optionnel(), r.optionnel(), r.optionnel()); break;
            case 22:
                eci::calc::etoilePlateforme(r.plage(), r.plage(), r.optionnel(), r.optionnel(), r.optionnel(),
                                            r.optionnel());
                break;
            case 23: eci::calc::preuves(r.cellule()); break;
            case 24: eci::calc::gain(r.plage(), r.plage(), r.optionnel(), r.optionnel(), r.optionnel()); break;
            case 25:
            case 26: {
                Plage ids = r.plage(), st = r.plage();
                const double etoile = r.nombre();
                Optionnel d = r.optionnel(), c = r.optionnel(), ref = r.optionnel();
                if (fonction == 25) eci::calc::chemin(ids, st, etoile, d, c, ref, r.optionnel());
                else eci::calc::cheminTexte(ids, st, etoile, d, c, ref, r.optionnel());
                break;
            }
            default: eci::calc::criteresRang(r.cellule(), r.plage(), r.optionnel(), r.optionnel()); break;
        }
    } catch (const eci::calc::ErreurArgument&) {
        // the expected way to refuse an argument
    } catch (const std::exception& e) {
        std::fprintf(stderr, "function %d threw a non-argument exception: %s\n", fonction, e.what());
        std::abort();
    }
    return 0;
}
