// libFuzzer targets uno_eci_fuzz, uno_aide_fuzz, uno_criteres_fuzz (one per family of functions,
// ECI_FUZZ_FAMILLE): the add-in's UNO methods (XFonctions), called on the real functions object
// (addin/src/fonctions_uno.cpp, exception guard included) with arguments shaped as Calc can pass
// them and a few it never does: sequence<sequence<any>> ranges of any shape (0 rows, empty rows,
// ragged rows, 1x1, up to 13x5, a tall mostly-empty column), `any` arguments holding void, a
// double, a text, a boolean, an integer, a byte sequence or a range, texts with lone UTF-16
// surrogates, NUL and control characters, and every double (NaN, infinities, denormals).
//
// What must hold for every call:
//  - the only exception leaving a method is IllegalArgumentException (Err:502 in the cell);
//    a RuntimeException (#VALUE!: an internal error caught by the guard) is a finding, except
//    « mémoire insuffisante »;
//  - a returned number is finite (Calc would show a meaningless #NUM!);
//  - a returned range is non-empty and rectangular, its cells void, double (finite) or text.
// A crash, leak, sanitizer report or hang is a finding too.
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <fr/ademe/eci/XFonctions.hpp>
#include <rtl/ustring.hxx>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "conversion.hpp"
#include "fonctions_table.hxx"
#include "fonctions_uno.hpp"

#ifndef ECI_FUZZ_FAMILLE
#define ECI_FUZZ_FAMILLE ""
#endif

#include "octets.hpp"

namespace {

namespace css = ::com::sun::star;
namespace uno = ::com::sun::star::uno;
using eci::addin::Matrix;
using ::rtl::OUString;

// Number of XFonctions methods called below; checked against the generated table so that a new
// function cannot be left out of the fuzzing silently.
constexpr int kMethodesAppelees = 32;

struct Lecteur : Octets {
    using Octets::Octets;

    OUString texte() {
        static const char* const mots[] = {
            "fait", "programmé", "pas fait", "non concerné", "détaillé", "non renseigné", "DONE", "Programme",
            "1", "1.1", "1.1.1", "1.1.1.1", "2.2", "5.3.1.2", "eci_1.1", "eci_5.3.1", "0", "-1", "1e308",
            "type", "EPCI", "commune", "soustype", "syndicat", "population", "drom", "dechets_1", "REOM",
            "OUI", "NON", "NC", "diagnostic", "accompagnement", "assiette", "prorata", "taux", "ttc", "ht",
            "identite(type, commune)", "si reponse(dechets_1, NON) alors VRAI", "max(0.5, 1)", "reduction_potentiel",
            "score", "fait", "potentiel", "identifiant", "niveau", "points", "parent", "N°", "Statut", ""};
        const uint8_t k = octet();
        if (k < 200) return OUString::fromUtf8(mots[k % (sizeof mots / sizeof *mots)]);
        // Raw UTF-16 units: lone surrogates, NUL, controls, anything.
        const size_t len = octet() % 40;
        std::vector<sal_Unicode> u;
        for (size_t j = 0; j < len && !fin(); ++j) u.push_back(static_cast<sal_Unicode>(octet() << 8 | octet()));
        if (k == 255) u.assign(70000, u'x');  // a very long text
        return OUString(u.data(), static_cast<sal_Int32>(u.size()));
    }

    double nombre() {
        switch (octet() % 12) {
            case 0: return 0;
            case 1: return 1;
            case 2: return -1;
            case 3: return 1e300;
            case 4: return octet() / 10.0;
            case 5: return octet() * 1000.0;
            case 6: return 0.7;
            case 7: return std::numeric_limits<double>::quiet_NaN();
            case 8: return (octet() & 1 ? 1 : -1) * std::numeric_limits<double>::infinity();
            case 9: return std::numeric_limits<double>::denorm_min();
            case 10: return -static_cast<double>(octet()) - 0.5;
            default: return bits64();
        }
    }

    // A cell as Calc passes it inside a range ("" for empty), or something it never passes.
    uno::Any cellule() {
        switch (octet() % 9) {
            case 0: case 1: return uno::Any(OUString());
            case 2: case 3: return uno::Any(nombre());
            case 4: case 5: return uno::Any(texte());
            case 6: return uno::Any();
            case 7: return uno::Any(static_cast<bool>(octet() & 1));
            default: return octet() & 1 ? uno::Any(static_cast<sal_Int32>(octet()) - 128)
                                        : uno::Any(uno::Sequence<sal_Int8>(3));
        }
    }

    Matrix plage() {
        const uint8_t forme = octet();
        size_t lignes = forme % 14, colonnes = 1 + octet() % 5;
        if (forme == 254) lignes = 400;  // the référentiel's height, mostly blank
        const bool irreguliere = (octet() % 8) == 0;
        Matrix m(static_cast<sal_Int32>(lignes));
        for (size_t l = 0; l < lignes; ++l) {
            size_t c = irreguliere ? octet() % 6 : colonnes;
            uno::Sequence<uno::Any> ligne(static_cast<sal_Int32>(c));
            for (size_t k = 0; k < c; ++k) ligne.getArray()[k] = fin() ? uno::Any(OUString()) : cellule();
            m.getArray()[l] = ligne;
        }
        return m;
    }

    // An `any` argument: omitted, a single value or a range.
    uno::Any quelconque() {
        switch (octet() % 4) {
            case 0: return uno::Any();
            case 1: case 2: return cellule();
            default: return uno::Any(plage());
        }
    }
};

[[noreturn]] void constat(int fonction, const char* quoi, const OUString& detail = OUString()) {
    std::fprintf(stderr, "uno_fuzz: %s: %s %s\n", eci::addin::meta::kFunctions[fonction].name, quoi,
                 OUStringToOString(detail, RTL_TEXTENCODING_UTF8).getStr());
    std::abort();
}

void verifierNombre(int fonction, double x) {
    if (!std::isfinite(x)) constat(fonction, "non-finite result");
}

void verifierPlage(int fonction, const Matrix& m) {
    if (m.getLength() == 0) constat(fonction, "empty result range");
    const sal_Int32 largeur = m[0].getLength();
    if (largeur == 0) constat(fonction, "result range with an empty row");
    for (const auto& ligne : m) {
        if (ligne.getLength() != largeur) constat(fonction, "ragged result range");
        for (const uno::Any& a : ligne) {
            if (!a.hasValue() || a.getValueTypeClass() == uno::TypeClass_STRING) continue;
            double x;
            if (!(a >>= x)) constat(fonction, "result cell of type", a.getValueTypeName());
            verifierNombre(fonction, x);
        }
    }
}

}  // namespace

// The family fuzzed by this binary (ECI_FUZZ_FAMILLE: "ECI.", "AIDE.", "CRITERES."; "" = all):
// the functions of the table whose name starts with it.
static const std::vector<int>& fonctionsFuzzees() {
    static const std::vector<int> indices = [] {
        std::vector<int> v;
        for (int k = 0; k < eci::addin::meta::kFunctionCount; ++k)
            if (std::strncmp(eci::addin::meta::kFunctions[k].name, ECI_FUZZ_FAMILLE, std::strlen(ECI_FUZZ_FAMILLE)) == 0)
                v.push_back(k);
        return v;
    }();
    return indices;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (eci::addin::meta::kFunctionCount != kMethodesAppelees) {
        std::fprintf(stderr, "uno_fuzz: the table has %d functions, the target calls %d: add the new ones\n",
                     eci::addin::meta::kFunctionCount, kMethodesAppelees);
        std::abort();
    }
    if (fonctionsFuzzees().empty()) {
        std::fprintf(stderr, "uno_fuzz: no function of the family \"%s\"\n", ECI_FUZZ_FAMILLE);
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const uno::Reference<fr::ademe::eci::XFonctions> f = eci::addin::creerFonctions();
    Lecteur r{data, size};
    const std::vector<int>& fonctions = fonctionsFuzzees();
    const int fonction = fonctions[r.octet() % fonctions.size()];
    // The method names in the table's order (checked below): one case per method.
    const char* const methode = eci::addin::meta::kFunctions[fonction].method;
    try {
        const std::string m = methode;
        if (m == "eciEvaluer") {
            Matrix ids = r.plage(), st = r.plage();
            verifierPlage(fonction, f->eciEvaluer(ids, st, r.quelconque(), r.quelconque(), r.quelconque()));
        } else if (m == "eciEvaluerTotal") {
            Matrix ids = r.plage(), st = r.plage();
            verifierPlage(fonction, f->eciEvaluerTotal(ids, st, r.quelconque(), r.quelconque(), r.quelconque()));
        } else if (m == "eciScore") {
            Matrix ids = r.plage(), st = r.plage();
            verifierNombre(fonction, f->eciScore(ids, st, r.quelconque(), r.quelconque(), r.quelconque(),
                                                 r.quelconque(), r.quelconque()));
        } else if (m == "eciEtoiles") {
            verifierNombre(fonction, f->eciEtoiles(r.nombre()));
        } else if (m == "eciEcart") {
            double a = r.nombre(), b = r.nombre();
            verifierNombre(fonction, f->eciEcart(a, b, r.nombre()));
        } else if (m == "eciPoints") {
            Matrix id = r.plage();
            verifierNombre(fonction, f->eciPoints(id, r.quelconque()));
        } else if (m == "eciLibelle") {
            Matrix id = r.plage();
            f->eciLibelle(id, r.quelconque());
        } else if (m == "eciRegle") {
            OUString formule = r.texte();
            uno::Any v = f->eciRegle(formule, r.quelconque());
            double x;
            if (v.hasValue() && v.getValueTypeClass() != uno::TypeClass_STRING && !(v >>= x))
                constat(fonction, "result of type", v.getValueTypeName());
            if (v >>= x) verifierNombre(fonction, x);
        } else if (m == "eciDesactive") {
            Matrix id = r.plage();
            uno::Any c = r.quelconque();
            const double x = f->eciDesactive(id, c, r.quelconque());
            if (x != 0 && x != 1) constat(fonction, "neither 0 nor 1");
        } else if (m == "eciVerifier") {
            Matrix ids = r.plage(), st = r.plage();
            f->eciVerifier(ids, st, r.quelconque(), r.quelconque(), r.quelconque());
        } else if (m == "eciCriteres") {
            Matrix ids = r.plage(), st = r.plage();
            double etoile = r.nombre();
            uno::Any d = r.quelconque(), c = r.quelconque();
            verifierPlage(fonction, f->eciCriteres(ids, st, etoile, d, c, r.quelconque()));
        } else if (m == "eciLabellisation") {
            Matrix ids = r.plage(), st = r.plage();
            verifierNombre(fonction, f->eciLabellisation(ids, st, r.quelconque(), r.quelconque(), r.quelconque()));
        } else if (m == "eciEtoilePlateforme") {
            Matrix ids = r.plage(), st = r.plage();
            uno::Any e = r.quelconque(), d = r.quelconque(), c = r.quelconque();
            verifierNombre(fonction, f->eciEtoilePlateforme(ids, st, e, d, c, r.quelconque()));
        } else if (m == "eciPreuves") {
            f->eciPreuves(r.plage());
        } else if (m == "eciGain") {
            Matrix ids = r.plage(), st = r.plage();
            uno::Any d = r.quelconque(), c = r.quelconque();
            verifierPlage(fonction, f->eciGain(ids, st, d, c, r.quelconque()));
        } else if (m == "eciGainListe") {
            Matrix ids = r.plage(), st = r.plage();
            uno::Any n = r.quelconque(), d = r.quelconque(), c = r.quelconque();
            verifierPlage(fonction, f->eciGainListe(ids, st, n, d, c, r.quelconque()));
        } else if (m == "eciChemin" || m == "eciCheminListe" || m == "eciCheminTexte") {
            Matrix ids = r.plage(), st = r.plage();
            double etoile = r.nombre();
            uno::Any d = r.quelconque(), c = r.quelconque(), ref = r.quelconque();
            if (m == "eciChemin") verifierPlage(fonction, f->eciChemin(ids, st, etoile, d, c, ref, r.quelconque()));
            else if (m == "eciCheminListe") verifierPlage(fonction, f->eciCheminListe(ids, st, etoile, d, c, ref, r.quelconque()));
            else f->eciCheminTexte(ids, st, etoile, d, c, ref, r.quelconque());
        } else if (m == "aideAssiette") {
            double montant = r.nombre();
            uno::Any tva = r.quelconque();
            verifierNombre(fonction, f->aideAssiette(montant, tva, r.quelconque()));
        } else if (m == "aideMontant") {
            double montant = r.nombre();
            Matrix phase = r.plage();
            uno::Any taux = r.quelconque(), tva = r.quelconque(), part = r.quelconque();
            verifierNombre(fonction, f->aideMontant(montant, phase, taux, tva, part, r.quelconque()));
        } else if (m == "aidePlafond") {
            verifierNombre(fonction, f->aidePlafond(r.plage()));
        } else if (m == "aideRepartition") {
            double aide = r.nombre();
            verifierPlage(fonction, f->aideRepartition(aide, r.nombre()));
        } else if (m == "aideSolde") {
            double a = r.nombre(), b = r.nombre(), c = r.nombre();
            uno::Any deja = r.quelconque();
            verifierNombre(fonction, f->aideSolde(a, b, c, deja, r.quelconque()));
        } else if (m == "aideAutofinancement") {
            double part = r.nombre();
            verifierNombre(fonction, f->aideAutofinancement(part, r.plage()));
        } else if (m == "aideVerifier") {
            double montant = r.nombre();
            Matrix phase = r.plage();
            double demandee = r.nombre();
            uno::Any tva = r.quelconque(), part = r.quelconque(), autres = r.quelconque();
            f->aideVerifier(montant, phase, demandee, tva, part, autres, r.quelconque());
        } else if (m == "criteresScore") {
            Matrix notes = r.plage(), poids = r.plage();
            verifierNombre(fonction, f->criteresScore(notes, poids, r.quelconque()));
        } else if (m == "criteresRang") {
            Matrix s = r.plage(), scores = r.plage();
            uno::Any dep = r.quelconque();
            verifierNombre(fonction, f->criteresRang(s, scores, dep, r.quelconque()));
        } else if (m == "criteresSelection") {
            Matrix s = r.plage(), t = r.plage(), c = r.plage();
            uno::Any nombre = r.quelconque();
            verifierPlage(fonction, f->criteresSelection(s, t, c, nombre, r.quelconque()));
        } else if (m == "criteresCoutPanel") {
            Matrix s = r.plage(), t = r.plage(), c = r.plage();
            uno::Any nombre = r.quelconque();
            verifierNombre(fonction, f->criteresCoutPanel(s, t, c, nombre, r.quelconque()));
        } else if (m == "criteresSensibilite") {
            Matrix notes = r.plage(), poids = r.plage();
            uno::Any v = r.quelconque(), n = r.quelconque(), smin = r.quelconque(), t = r.quelconque(),
                     c = r.quelconque();
            verifierPlage(fonction, f->criteresSensibilite(notes, poids, v, n, smin, t, c, r.quelconque()));
        } else if (m == "criteresRemplacements") {
            Matrix s = r.plage(), t = r.plage(), c = r.plage();
            uno::Any nombre = r.quelconque();
            verifierPlage(fonction, f->criteresRemplacements(s, t, c, nombre, r.quelconque()));
        } else {
            constat(fonction, "method not called by uno_fuzz (add a case)", OUString::createFromAscii(methode));
        }
    } catch (const css::lang::IllegalArgumentException&) {
        // the expected refusal of an argument (Err:502)
    } catch (const uno::RuntimeException& e) {
        if (e.Message.indexOf("insuffisante") < 0) constat(fonction, "RuntimeException", e.Message);
    }
    return 0;
}
