// Unit tests of the add-in glue (addin/src/conversion.*, the XFonctions methods generated from
// addin/fonctions.json), without LibreOffice running: the values below are shaped like what
// Calc 7.4 passes (see conversion.hpp).
#include <gtest/gtest.h>

#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>

#include "conversion.hpp"
#include "eci/calc/fonctions.hpp"
#include "fonctions_uno.hpp"

using namespace eci::addin;
namespace css = ::com::sun::star;
using eci::calc::Cellule;
using eci::calc::ErreurArgument;
using eci::calc::Plage;
using ::rtl::OUString;

namespace {

Matrix column(const std::vector<uno::Any>& values) {
    Matrix m(static_cast<sal_Int32>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i) m.getArray()[i] = uno::Sequence<uno::Any>(&values[i], 1);
    return m;
}

Matrix blankColumn(std::size_t rows) { return column(std::vector<uno::Any>(rows, uno::Any(OUString()))); }

}  // namespace

TEST(Glue, CellValues) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(toCell(uno::Any())));
    EXPECT_EQ(std::get<double>(toCell(uno::Any(2.5))), 2.5);
    EXPECT_EQ(std::get<double>(toCell(uno::Any(sal_Int32(7)))), 7.0);
    EXPECT_EQ(std::get<double>(toCell(uno::Any(true))), 1.0);
    EXPECT_EQ(std::get<std::string>(toCell(uno::Any(toOUString("Programmé")))), "Programmé");
    EXPECT_THROW(toCell(uno::Any(uno::Sequence<sal_Int8>())), ErreurArgument);
}

TEST(Glue, RangesAndScalars) {
    Plage p = toRange(column({uno::Any(1.0), uno::Any(OUString("1.1")), uno::Any(OUString())}));
    ASSERT_EQ(p.lignes, 3u);
    ASSERT_EQ(p.colonnes, 1u);
    EXPECT_EQ(std::get<double>(p.at(0, 0)), 1.0);
    EXPECT_EQ(std::get<std::string>(p.at(1, 0)), "1.1");
    EXPECT_EQ(std::get<std::string>(p.at(2, 0)), "");  // Calc's empty cell

    Plage s = toRange(uno::Any(OUString("fait")));  // scalar -> 1x1
    ASSERT_EQ(s.lignes, 1u);
    EXPECT_EQ(std::get<std::string>(s.at(0, 0)), "fait");
    EXPECT_TRUE(toRange(uno::Any()).vide());

    uno::Sequence<uno::Any> r(2);
    Matrix ragged(2);
    ragged.getArray()[0] = r;
    ragged.getArray()[1] = uno::Sequence<uno::Any>(1);
    EXPECT_THROW(toRange(ragged), ErreurArgument);
}

TEST(Glue, OptionalArguments) {
    for (eci::calc::Vide regle : {eci::calc::Vide::defaut, eci::calc::Vide::zero}) {
        EXPECT_FALSE(toOptional(uno::Any(), regle).has_value());              // omitted / f(a;;c)
        EXPECT_FALSE(toOptional(uno::Any(OUString()), regle).has_value());    // ""
        EXPECT_FALSE(toOptional(uno::Any(blankColumn(1)), regle).has_value());  // one empty cell (as a range)
        auto two = toOptional(uno::Any(blankColumn(2)), regle);
        ASSERT_TRUE(two.has_value());
        EXPECT_EQ(two->lignes, 2u);
    }
    EXPECT_TRUE(toOptional(uno::Any(0.0), eci::calc::Vide::zero).has_value());  // an empty single cell comes as 0: kept
}

TEST(Glue, SingleValueArguments) {
    EXPECT_EQ(std::get<double>(toSingleCell(uno::Any(1.0), "id")), 1.0);
    EXPECT_EQ(std::get<std::string>(toSingleCell(uno::Any(column({uno::Any(OUString("1.2"))})), "id")), "1.2");
    EXPECT_THROW(toSingleCell(uno::Any(blankColumn(2)), "id"), ErreurArgument);
    // `id` is typed as a range: Calc passes a 1x1 range (a blank cell as "")
    EXPECT_EQ(std::get<std::string>(toSingleCell(blankColumn(1), "id")), "");
    EXPECT_EQ(std::get<double>(toSingleCell(column({uno::Any(1.0)}), "id")), 1.0);
    EXPECT_THROW(toSingleCell(blankColumn(3), "id"), ErreurArgument);
}

TEST(Glue, RowLimit) {
    const std::size_t max = eci::calc::kMaxLignes;
    EXPECT_EQ(toRange(blankColumn(max)).lignes, max);
    // Beyond the limit, only empty rows are tolerated (whole-column references such as A:A).
    EXPECT_EQ(toRange(blankColumn(max + 5)).lignes, max);
    Matrix m = blankColumn(max + 1);
    m.getArray()[max] = uno::Sequence<uno::Any>(std::vector<uno::Any>{uno::Any(1.0)}.data(), 1);
    try {
        toRange(m);
        FAIL() << "no error";
    } catch (const ErreurArgument& e) {
        EXPECT_NE(std::string(e.what()).find("100 001"), std::string::npos) << e.what();
    }
}

TEST(Glue, Results) {
    Plage p(1, 3);
    p.at(0, 0) = 1.5;
    p.at(0, 2) = std::string("fait");
    Matrix m = toMatrix(p);
    ASSERT_EQ(m.getLength(), 1);
    ASSERT_EQ(m[0].getLength(), 3);
    EXPECT_EQ(m[0][0], uno::Any(1.5));
    EXPECT_FALSE(m[0][1].hasValue());  // blank in an array result
    EXPECT_EQ(m[0][2], uno::Any(OUString("fait")));
    EXPECT_EQ(toVisibleAny(Cellule{}), uno::Any(OUString()));  // REGLE's "blank"
    EXPECT_EQ(toAny(Cellule{2.0}), uno::Any(2.0));
}

TEST(Glue, OptionalArgumentsWhereZeroIsBlank) {
    const auto defaut = eci::calc::Vide::defaut;
    EXPECT_FALSE(toOptional(uno::Any(), defaut).has_value());
    EXPECT_FALSE(toOptional(uno::Any(0.0), defaut).has_value());     // a single empty cell
    EXPECT_FALSE(toOptional(uno::Any(false), defaut).has_value());
    EXPECT_FALSE(toOptional(uno::Any(OUString()), defaut).has_value());
    EXPECT_TRUE(toOptional(uno::Any(3.0), defaut).has_value());
    EXPECT_TRUE(toOptional(uno::Any(OUString("0")), defaut).has_value());  // the text "0" is kept
    EXPECT_TRUE(toOptional(uno::Any(column({uno::Any(0.0)})), defaut).has_value());  // {0}: a range
    // a required cell: the 0 of an empty cell is blank under "defaut" (phase), 0 under "zero" (score)
    EXPECT_EQ(std::get<std::string>(toCellule(column({uno::Any(0.0)}), "phase", defaut)), "");
    EXPECT_EQ(std::get<double>(toCellule(column({uno::Any(0.0)}), "score", eci::calc::Vide::zero)), 0.0);
}

// The AIDE / CRITERES methods, fed as Calc feeds them (blank rules: "vide" in addin/fonctions.json).
TEST(Glue, AideFamily) {
    const uno::Reference<fr::ademe::eci::XFonctions> f = creerFonctions();
    const Matrix diag = column({uno::Any(OUString("diagnostic"))});
    const uno::Any none, zero(0.0);
    EXPECT_EQ(f->aideAssiette(60000, none, none), 72000.0);
    EXPECT_EQ(f->aideAssiette(60000, zero, none), 60000.0);  // taux_tva 0 is a rate
    EXPECT_EQ(f->aideMontant(60000, diag, none, none, none, none), 50000.0);
    EXPECT_EQ(f->aideMontant(60000, diag, none, none, none, zero), 50000.0);  // plafond_sur: empty cell
    EXPECT_EQ(f->aideMontant(60000, diag, none, none, none, uno::Any(OUString("assiette"))), 35000.0);
    EXPECT_THROW(f->aideMontant(60000, diag, zero, none, none, none), css::lang::IllegalArgumentException);  // taux_aide 0
    EXPECT_THROW(f->aidePlafond(blankColumn(2)), css::lang::IllegalArgumentException);
    Matrix r = f->aideRepartition(1000.01, 0.5);
    ASSERT_EQ(r.getLength(), 1);
    ASSERT_EQ(r[0].getLength(), 2);
    EXPECT_EQ(r[0][0], uno::Any(500.0));
    EXPECT_EQ(r[0][1], uno::Any(500.01));
    EXPECT_EQ(f->aideSolde(50000, 72000, 60000, uno::Any(15000.0), zero), 26666.66);  // regle: empty cell
    EXPECT_EQ(f->aideSolde(50000, 72000, 60000, uno::Any(15000.0), uno::Any(OUString("taux"))), 27000.0);
    EXPECT_EQ(f->aideAutofinancement(20000, column({uno::Any(50000.0), uno::Any(OUString()), uno::Any(30000.0)})),
              0.2);
    EXPECT_EQ(f->aideVerifier(10000, diag, 8400, none, none, none, zero), OUString("OK"));
    // a diagnostics function: conversion errors come back as text too
    EXPECT_EQ(toUtf8(f->aideVerifier(10000, blankColumn(2), 8400, none, none, none, none)).find("phase"),
              std::string("« ").size());
    // phase: a single empty cell (0) is a missing phase, not the unknown phase « 0 »
    try {
        f->aidePlafond(column({zero}));
        ADD_FAILURE() << "an empty phase was accepted";
    } catch (const css::lang::IllegalArgumentException& e) {
        EXPECT_NE(e.Message.indexOf("est vide"), -1) << toUtf8(e.Message);
    }
}

TEST(Glue, CriteresFamily) {
    const uno::Reference<fr::ademe::eci::XFonctions> f = creerFonctions();
    const uno::Any none, zero(0.0);
    const Matrix scores = column({uno::Any(90.0), uno::Any(85.0), uno::Any(80.0), uno::Any(40.0), uno::Any(30.0)});
    auto text = [](std::vector<const char*> v) {
        std::vector<uno::Any> a;
        for (const char* s : v) a.emplace_back(toOUString(s));
        return column(a);
    };
    const Matrix tt = text({"Urbain", "urbain", "Urbain", "Rural", "Rural"});
    const Matrix tc = text({"CA", "CA", "CA", "CC", "CA"});
    Matrix sel = f->criteresSelection(scores, tt, tc, uno::Any(3.0), none);
    const double expected[] = {1, 1, 0, 1, 0};
    ASSERT_EQ(sel.getLength(), 5);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(sel[i][0], uno::Any(expected[i])) << i;
    EXPECT_EQ(f->criteresCoutPanel(scores, tt, tc, uno::Any(3.0), none), 40.0);
    EXPECT_EQ(f->criteresCoutPanel(scores, tt, tc, zero, none), 0.0);  // nombre: empty cell = 10
    Matrix rep = f->criteresRemplacements(scores, tt, tc, uno::Any(3.0), none);
    EXPECT_EQ(rep[3][0], uno::Any(3.0));
    EXPECT_FALSE(rep[0][0].hasValue());
    EXPECT_EQ(f->criteresRang(column({uno::Any(80.0)}), scores, none, none), 3.0);
    Matrix notes(1);
    notes.getArray()[0] = uno::Sequence<uno::Any>(std::vector<uno::Any>{uno::Any(4.0), uno::Any(OUString("NC")),
                                                                       uno::Any(3.0)}.data(), 3);
    Matrix poids(1);
    poids.getArray()[0] = uno::Sequence<uno::Any>(std::vector<uno::Any>{uno::Any(1.0), uno::Any(1.0),
                                                                       uno::Any(1.0)}.data(), 3);
    EXPECT_EQ(f->criteresScore(notes, poids, zero), 70.0);  // note_max: empty cell = 5; 7 / 10
    EXPECT_THROW(f->criteresScore(notes, poids, uno::Any(-1.0)), css::lang::IllegalArgumentException);
    Matrix s = f->criteresSensibilite(notes, poids, none, none, none, zero, zero, none);
    ASSERT_EQ(s.getLength(), 1);
    ASSERT_EQ(s[0].getLength(), 3);
    EXPECT_EQ(s[0][0], uno::Any(1.0));
}

// The ECI methods: every optional argument reads a single empty cell (0) as omitted.
TEST(Glue, EciEmptyCellsAreOmittedArguments) {
    const uno::Reference<fr::ademe::eci::XFonctions> f = creerFonctions();
    const Matrix ids = column({uno::Any(OUString("1.1.1.1")), uno::Any(OUString("1.1.1.2"))});
    const Matrix st = column({uno::Any(OUString("fait")), uno::Any(toOUString("programmé"))});
    const uno::Any none, zero(0.0);
    const double omis = f->eciScore(ids, st, none, none, none, none, none);
    EXPECT_EQ(f->eciScore(ids, st, zero, zero, zero, zero, zero), omis);
    EXPECT_EQ(f->eciVerifier(ids, st, zero, zero, zero), OUString("OK"));
    EXPECT_EQ(f->eciEvaluer(ids, st, zero, zero, zero), f->eciEvaluer(ids, st, none, none, none));
    EXPECT_EQ(f->eciDesactive(column({uno::Any(OUString("2.2"))}), zero, zero), 0.0);
    // mesure: the words of the list (etoiles too), and an unknown one names them
    EXPECT_GE(f->eciScore(ids, st, none, uno::Any(toOUString("étoiles")), none, none, none), 1.0);
    try {
        f->eciScore(ids, st, none, uno::Any(OUString("beaucoup")), none, none, none);
        ADD_FAILURE() << "an unknown measure was accepted";
    } catch (const css::lang::IllegalArgumentException& e) {
        EXPECT_NE(e.Message.indexOf("taches_renseignees"), -1) << toUtf8(e.Message);
    }
}

// The functions object itself (what Calc calls), without soffice: the exception guard and XAddIn.
TEST(Glue, UnoBoundary) {
    const uno::Reference<fr::ademe::eci::XFonctions> f = creerFonctions();
    ASSERT_TRUE(f.is());
    const Matrix id = column({uno::Any(OUString("1.1"))});
    EXPECT_DOUBLE_EQ(f->eciPoints(id, uno::Any()), eci::calc::points(std::string("1.1"), std::nullopt));
    try {
        f->eciPoints(column({uno::Any(OUString("9.9.9"))}), uno::Any());
        ADD_FAILURE() << "an unknown id was accepted";
    } catch (const css::lang::IllegalArgumentException& e) {
        // The message names the function and says what is wrong, in French.
        EXPECT_TRUE(e.Message.startsWith("ECI.POINTS: ")) << toUtf8(e.Message);
        EXPECT_NE(e.Message.indexOf("9.9.9"), -1) << toUtf8(e.Message);
    }
    // A diagnostics function answers in words instead of throwing.
    EXPECT_NE(f->eciVerifier(column({uno::Any(OUString("9.9.9"))}), blankColumn(2), uno::Any(), uno::Any(),
                             uno::Any()).indexOf("hauteur"), -1);

    const uno::Reference<css::sheet::XAddIn> addin(f, uno::UNO_QUERY);
    ASSERT_TRUE(addin.is());
    EXPECT_EQ(addin->getDisplayFunctionName("eciScore"), "ECI.SCORE");
    EXPECT_EQ(addin->getProgrammaticFuntionName("ECI.SCORE"), "eciScore");
    EXPECT_EQ(addin->getDisplayFunctionName("pasUneFonction"), "");
}
