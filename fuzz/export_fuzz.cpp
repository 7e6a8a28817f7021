// libFuzzer target: the pre-check of a file's XML (eci::calc::import::cellulesDeclarees, on the raw input)
// and the platform-export reader (eci::calc::import::lireExport), on a sheet decoded from
// the fuzz input: a header row (N°, Statut, % réalisé, % programmé, Explications… in any order,
// anywhere in the first rows, or missing), then rows of ids, statuses and percentages written as
// numbers or texts ("45 %", "0,45", NaN, huge, negative).
//
// Besides not crashing, for every input:
//  - a sheet that is not an export is refused with ErreurImport only;
//  - every imported row names a node of the référentiel, at most once, with its source row;
//  - détaillé fractions are finite, within [0, 1] and sum to 1 (else the row is reported);
//  - imported + unmatched rows never exceed the data rows.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>

#include "eci/calc/import.hpp"
#include "eci/referentiel.hpp"

#include "octets.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::Plage;

struct Lecteur : Octets {
    using Octets::Octets;
    std::string brut() { return Octets::brut(16); }
    template <size_t N>
    Cellule choix(const char* const (&mots)[N]) {
        const uint8_t k = octet();
        if (k < 200) return std::string(mots[k % N]);
        if (k < 230) return brut();
        if (k < 245) return static_cast<double>(static_cast<int8_t>(octet())) / 4;
        return bits64();
    }
};

const char* const kEntetes[] = {"N°", "Statut", "% réalisé", "% programmé", "Explications", "Intitulé", "No",
                                "Statut de la mesure", "Numéro", "%programmes", "Précisions", "", "Points"};
const char* const kIds[] = {"1", "1.1", "1.1.1", "1.1.1.1", "2.2.1", "5.3", "1.0", "eci_1.1", "9.9", "Total",
                            "1.1.1.1.1", " 3.1 ", "", "0"};
const char* const kStatuts[] = {"Fait", "Programmé", "Pas fait", "Non concerné", "Détaillé", "Non renseigné",
                                "détaillé à la tâche", "non renseignable", "peut-être", ""};
const char* const kPourcents[] = {"45 %", "0,45", "45", "100 %", "150", "-3", "nan", "1e400", "%", ""};

[[noreturn]] void constat(const char* quoi) {
    std::fprintf(stderr, "export_fuzz: %s\n", quoi);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const auto ref = eci::Referentiel::eci();
    // The pre-check run on a file's XML before it is opened: any bytes, no crash, no hang.
    eci::calc::import::cellulesDeclarees(std::string_view(reinterpret_cast<const char*>(data), size));
    Lecteur r{data, size};
    const size_t colonnes = 1 + r.octet() % 7, lignes = 1 + r.octet() % 30, entete = r.octet() % 4;
    Plage f(lignes, colonnes);
    for (size_t l = 0; l < lignes && !r.fin(); ++l)
        for (size_t c = 0; c < colonnes; ++c) {
            if (l < entete) f.at(l, c) = r.octet() % 3 ? Cellule() : r.choix(kEntetes);
            else if (l == entete) f.at(l, c) = r.choix(kEntetes);
            else if (c == 0) f.at(l, c) = r.choix(kIds);
            else if (c == 1) f.at(l, c) = r.choix(kStatuts);
            else f.at(l, c) = r.choix(kPourcents);
        }
    try {
        const eci::calc::import::ResultatImport res = eci::calc::import::lireExport(f, *ref);
        std::set<std::string> vus;
        for (const eci::calc::import::LigneExport& le : res.lignes) {
            if (ref->index(le.identifiant) <= 0) constat("an imported row names no node of the référentiel");
            if (!vus.insert(le.identifiant).second) constat("a node imported twice");
            if (le.ligneSource < 1 || le.ligneSource > lignes) constat("source row out of the sheet");
            if (le.fractions) {
                double somme = 0;
                for (double x : *le.fractions) {
                    if (!std::isfinite(x) || x < 0 || x > 1) constat("a détaillé fraction outside [0, 1]");
                    somme += x;
                }
                if (std::fabs(somme - 1) > 1e-9) constat("détaillé fractions not summing to 1");
            }
        }
        if (res.lignes.size() + res.nonReconnues.size() > lignes) constat("more rows read than the sheet has");
    } catch (const eci::calc::import::ErreurImport&) {
        // not an export: refused in words
    } catch (const std::exception& e) {
        std::fprintf(stderr, "export_fuzz: non-import exception: %s\n", e.what());
        std::abort();
    }
    return 0;
}
