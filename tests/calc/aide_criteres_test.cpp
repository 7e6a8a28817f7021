// The AIDE and CRITERES families through real Calc formulas (headless LibreOffice, office.hpp).
//
// AIDE: a subset of the hand-worked cases of tests/unit/test_aide.cpp (the arithmetic is in the
// comments there and here), written as cell formulas: the values must come back unchanged
// through UNO and Calc (euros with exact cents compare == to the 2-decimal literal).
// CRITERES: the examples of docs/selection.md, and selections on small sheets compared with
// eci::calc::criteresSelection / criteresCoutPanel / criteresRemplacements / criteresSensibilite
// called in-process on the same cells.
//
// Also: what an empty cell passed to an optional argument means (the add-in's decisions, see
// "vide" of each argument in addin/fonctions.json), bad inputs (Err:502), AIDE.VERIFIER's French text.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "eci/calc/fonctions_criteres.hpp"
#include "office.hpp"

using namespace eci::test;

namespace {

constexpr int kErr502 = 502;    // Err:502: IllegalArgumentException (eci::calc::ErreurArgument)
constexpr int kErrValue = 519;  // #VALUE!: text given for a number parameter, no call

std::vector<std::string> linesOf(const std::string& s) {
    std::vector<std::string> v;
    std::size_t from = 0;
    while (true) {
        std::size_t to = s.find('\n', from);
        v.push_back(s.substr(from, to - from));
        if (to == std::string::npos) break;
        from = to + 1;
    }
    return v;
}

bool startsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

// One formula per row of column `col` from row 1; returns the cell names.
std::vector<std::string> putFormulas(Sheet& sheet, const std::string& col, const std::vector<std::string>& formulas) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < formulas.size(); ++i) {
        cells.push_back(col + std::to_string(i + 1));
        sheet.setFormula(cells.back(), formulas[i]);
    }
    return cells;
}

struct Expected {
    std::string formula;
    double value;
};

void expectValues(Sheet& sheet, const std::string& col, const std::vector<Expected>& cases) {
    std::vector<std::string> f;
    for (const auto& c : cases) f.push_back(c.formula);
    auto cells = putFormulas(sheet, col, f);
    sheet.recalc();
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(cases[i].formula);
        EXPECT_EQ(sheet.error(cells[i]), 0);
        EXPECT_EQ(sheet.value(cells[i]), cases[i].value);
    }
}

// The Calc cell values of a range as eci::calc cells, as the add-in receives them (an empty
// cell is empty text).
eci::calc::Plage plageOf(const std::vector<Row>& rows) {
    eci::calc::Plage p(rows.size(), rows.empty() ? 0 : rows[0].size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < rows[i].size(); ++j) {
            const Value& v = rows[i][j];
            if (const double* d = std::get_if<double>(&v))
                p.at(i, j) = *d;
            else if (const std::string* s = std::get_if<std::string>(&v))
                p.at(i, j) = *s;
            else
                p.at(i, j) = std::string();
        }
    return p;
}

// What a cell of a numeric result shows: Blank when it looks empty (a void element of an array
// result: Sheet::values() would read it as 0 through getDataArray), else its number.
Value shown(Sheet& sheet, const std::string& cell) {
    if (sheet.text(cell).empty()) return Blank{};
    return sheet.value(cell);
}

std::vector<Value> shownColumn(Sheet& sheet, char col, int first, int last) {
    std::vector<Value> v;
    for (int r = first; r <= last; ++r) v.push_back(shown(sheet, std::string(1, col) + std::to_string(r)));
    return v;
}

Value valueOf(const eci::calc::Cellule& c) {
    if (const double* d = std::get_if<double>(&c)) return *d;
    if (const std::string* s = std::get_if<std::string>(&c)) return *s;
    return Blank{};
}

// A small deterministic generator (no <random> distributions: the same on every platform).
struct Lcg {
    std::uint64_t s;
    std::uint32_t next() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(s >> 33);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
};

// docs/selection.md: H2:H6 scores, C2:C6 territories, D2:D6 collectivités (here from row 1).
void putSelectionExample(Sheet& sheet) {
    sheet.setValues("A1", {
                              {90.0, std::string("Urbain"), std::string("Communauté d'agglomération")},
                              {85.0, std::string("urbain"), std::string("Communauté d'agglomération")},
                              {80.0, std::string("Urbain"), std::string("Communauté d'agglomération")},
                              {40.0, std::string("Rural"), std::string("Communauté de communes")},
                              {30.0, std::string("Rural"), std::string("Communauté d'agglomération")},
                          });
}

}  // namespace

// =============================================================================================
// AIDE

TEST_F(CalcTest, AideAssietteTtcVersusHtAndCentRounding) {
    sheet.setValue("Z1", 60000.0);
    expectValues(sheet, "B", {
        {"=AIDE.ASSIETTE(10000)", 12000.00},             // 10 000 + 20 % x 10 000: TTC
        {"=AIDE.ASSIETTE(10000;0.2;1)", 10000.00},       // all VAT recovered: HT
        {"=AIDE.ASSIETTE(10000;0.2;0.5)", 11000.00},     // 10 000 + 2 000 x 0.5
        {"=AIDE.ASSIETTE(10000;0.055;0)", 10550.00},
        {"=AIDE.ASSIETTE(1234.56;0.2;0)", 1481.47},      // 1 481.472 -> 1 481.47
        {"=AIDE.ASSIETTE(0.05;0.1;0)", 0.06},            // 0.055: half a cent, up
        {"=AIDE.ASSIETTE(41666.67)", 50000.00},          // 50 000.004 -> 50 000.00
        {"=AIDE.ASSIETTE(1.005;0.2;1)", 1.01},           // 1.005 as the cell shows it -> 1.01
        {"=AIDE.ASSIETTE(0.1+0.2;0.2;1)", 0.30},         // 0.30000000000000004 read as 0.30
        {"=AIDE.ASSIETTE(99.99;0.2;1/3)", 113.32},       // share kept to 6 decimals
        {"=AIDE.ASSIETTE(Z1)", 72000.00},                // docs/aide.md
        {"=AIDE.ASSIETTE(50000;0.2;0.5)", 55000.00},     // docs/aide.md
    });
}

TEST_F(CalcTest, AideMontantUnderBothReadingsOfTheCeiling) {
    struct Case {
        std::string args;
        double surAide, surAssiette;
    };
    const std::vector<Case> cases = {
        {"10000;\"diagnostic\"", 8400.00, 8400.00},                // HTR 12 000 below the ceiling
        {"60000;\"diagnostic\";;0.2;0", 50000.00, 35000.00},       // HTR 72 000: min(50 400; 50 000) / 0.7 x 50 000
        {"60000;\"diagnostic\";;0.2;1", 42000.00, 35000.00},       // HTR = HT = 60 000
        {"50000;\"diagnostic\";;0.2;0.5", 38500.00, 35000.00},     // HTR 55 000
        {"150000;\"accompagnement\"", 100000.00, 70000.00},        // HTR 180 000
        {"120000;\"mise en œuvre\";;0.2;1", 84000.00, 70000.00},
        {"100000;\"Mise_en-Oeuvre\";;0.2;1", 70000.00, 70000.00},  // exactly at the ceiling
        {"80000;\"diagnostic\";0.6;0.2;0.25", 50000.00, 30000.00}, // HTR 92 000; 0.6 x 50 000
        // cent edges: always rounded down, never above the rate or the ceiling
        {"71428.57;\"diagnostic\";;0.2;1", 49999.99, 35000.00},    // 49 999.999 -> 49 999.99
        {"71428.58;\"diagnostic\";;0.2;1", 50000.00, 35000.00},    // 50 000.006 -> capped
        {"142857.14;\"accompagnement\";;0.2;1", 99999.99, 70000.00},
        {"333.33;\"diagnostic\";;;1", 233.33, 233.33},             // 233.331 -> 233.33 (docs/aide.md)
        {"300;\"diagnostic\";2/3;0.2;1", 199.99, 199.99},          // rate 0.666666: 199.9998 -> 199.99
        {"0.01;\"diagnostic\";;0.2;1", 0.00, 0.00},                // 0.007 -> 0
    };
    std::vector<Expected> all;
    for (const auto& c : cases) {
        const int omitted = 5 - static_cast<int>(std::count(c.args.begin(), c.args.end(), ';'));
        const std::string pad(static_cast<std::size_t>(omitted), ';');
        all.push_back({"=AIDE.MONTANT(" + c.args + ")", c.surAide});
        all.push_back({"=AIDE.MONTANT(" + c.args + pad + "\"aide\")", c.surAide});
        all.push_back({"=AIDE.MONTANT(" + c.args + pad + "\"ASSIETTE\")", c.surAssiette});
    }
    expectValues(sheet, "B", all);
}

TEST_F(CalcTest, AidePlafondByPhase) {
    sheet.setValue("A1", std::string("Accompagnement"));
    expectValues(sheet, "B", {
        {"=AIDE.PLAFOND(\"diagnostic\")", 50000.0},
        {"=AIDE.PLAFOND(\"mise en œuvre\")", 100000.0},
        {"=AIDE.PLAFOND(\"MISE EN OEUVRE\")", 100000.0},
        {"=AIDE.PLAFOND(A1)", 100000.0},
    });
}

TEST_F(CalcTest, AideRepartitionArrayGivesTheRemainderCentToTheRegion) {
    struct Case {
        std::string args;
        double ademe, region;
    };
    const std::vector<Case> cases = {
        {"1000.01;0.5", 500.00, 500.01},     // 500.005 -> 500.00, the cent to the Région
        {"233.33;1/3", 77.77, 155.56},       // share 0.333333: 77.7766 -> 77.77
        {"12345.67;0.3", 3703.70, 8641.97},  // 3 703.701 -> 3 703.70
        {"99.99;0.7", 69.99, 30.00},
        {"0.01;0.5", 0.00, 0.01},
        {"8400;0", 0.00, 8400.00},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string r = std::to_string(i + 1);
        sheet.setArrayFormula("B" + r + ":C" + r, "=AIDE.REPARTITION(" + cases[i].args + ")");
        sheet.setFormula("D" + r, "=B" + r + "+C" + r);
    }
    sheet.recalc();
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(cases[i].args);
        const std::string r = std::to_string(i + 1);
        EXPECT_EQ(sheet.error("B" + r), 0);
        EXPECT_EQ(sheet.value("B" + r), cases[i].ademe);
        EXPECT_EQ(sheet.value("C" + r), cases[i].region);
    }
    EXPECT_DOUBLE_EQ(sheet.value("D1"), 1000.01);
    EXPECT_DOUBLE_EQ(sheet.value("D3"), 12345.67);
    // A wider array area gets #N/A beyond the 2 columns: the result really is 1 x 2 (Calc
    // repeats a one-row result down the area).
    sheet.setArrayFormula("F1:H2", "=AIDE.REPARTITION(1000.01;0.5)");
    sheet.recalc();
    EXPECT_EQ(sheet.value("G1"), 500.01);
    EXPECT_EQ(sheet.error("H1"), 32767);
    EXPECT_EQ(sheet.value("F2"), 500.00);
}

TEST_F(CalcTest, AideSoldeUnderBothRules) {
    expectValues(sheet, "B", {
        // docs/aide.md: aid 50 000 (capped) on a planned 72 000, actual 60 000, 15 000 paid
        {"=AIDE.SOLDE(50000;72000;60000;15000)", 26666.66},          // 41 666.66 - 15 000
        {"=AIDE.SOLDE(50000;72000;60000;15000;\"taux\")", 27000.00}, // 42 000 - 15 000
        {"=AIDE.SOLDE(35000;50000;20000;17500)", -3500.00},          // to pay back
        {"=AIDE.SOLDE(35000;50000;40000;10000;\"prorata\")", 18000.00},
        {"=AIDE.SOLDE(35000;50000;60000;10000)", 25000.00},          // overspend: min(1; 60/50)
        {"=AIDE.SOLDE(8400;12000;9999.99)", 6999.99},                // 6 999.993 -> 6 999.99
        {"=AIDE.SOLDE(50000;72000;71500;0;\"taux\")", 50000.00},     // 50 050 -> never above the aid
        {"=AIDE.SOLDE(50000;72000;71500;0;\"prorata\")", 49652.77},  // 49 652.777 -> 49 652.77
        {"=AIDE.SOLDE(50000;72000;80000;0;\" TAUX \")", 50000.00},
        {"=AIDE.SOLDE(233.33;333.33;333.32;;\"taux\")", 233.32},     // 233.324 -> 233.32
        {"=AIDE.SOLDE(35000;50000;0;10500)", -10500.00},             // nothing spent
    });
}

TEST_F(CalcTest, AideAutofinancementOfANumberOrARange) {
    sheet.setColumn("A1", {50000.0, 30000.0});
    sheet.setColumn("C1", {50000.0, Blank{}, 25000.0});
    expectValues(sheet, "B", {
        {"=AIDE.AUTOFINANCEMENT(20000;A1:A2)", 0.2},   // docs/aide.md: 20 000 / 100 000
        {"=AIDE.AUTOFINANCEMENT(20000;80000)", 0.2},   // exactly at the CGCT minimum
        {"=AIDE.AUTOFINANCEMENT(25000;C1:C3)", 0.25},  // blanks skipped
        {"=AIDE.AUTOFINANCEMENT(10;0)", 1.0},
    });
    sheet.setFormula("E1", "=AIDE.AUTOFINANCEMENT(19999.99;80000)");  // 0.19999992: just under
    sheet.recalc();
    EXPECT_LT(sheet.value("E1"), 0.2);
    EXPECT_NEAR(sheet.value("E1"), 0.19999992, 1e-9);
}

// A single empty cell reaches an `any` argument as the number 0 (Calc). Decisions (see
// "vide" in addin/fonctions.json): 0 is used where it is a valid value, means the default
// for the text options, and stays an error for taux_aide.
TEST_F(CalcTest, AideEmptyCellsGivenToOptionalArguments) {
    // E1:E9 are empty
    expectValues(sheet, "B", {
        {"=AIDE.MONTANT(60000;\"diagnostic\";;;;E1)", 50000.00},            // plafond_sur: default (aide)
        {"=AIDE.MONTANT(60000;\"diagnostic\";;;;0)", 50000.00},
        {"=AIDE.SOLDE(50000;72000;60000;15000;E1)", 26666.66},              // regle: default (prorata)
        {"=AIDE.SOLDE(50000;72000;60000;E1)", 41666.66},                    // deja_verse 0
        {"=AIDE.ASSIETTE(10000;;E1)", 12000.00},                            // part 0 = the default: TTC
        {"=AIDE.ASSIETTE(10000;E1)", 10000.00},                             // taux_tva 0: no VAT (documented)
        {"=AIDE.ASSIETTE(10000;;)", 12000.00},                              // left empty in the formula: defaults
        {"=AIDE.MONTANT(60000;\"diagnostic\";;;;)", 50000.00},
    });
    sheet.setFormula("C1", "=AIDE.MONTANT(60000;\"diagnostic\";E1)");  // taux_aide 0: an error, not 70 %
    sheet.recalc();
    EXPECT_EQ(sheet.error("C1"), kErr502);
}

TEST_F(CalcTest, AideBadInputsGiveErr502) {
    sheet.setColumn("A1", {std::string("diagnostic"), std::string("accompagnement")});
    const std::vector<std::string> bad = {
        "=AIDE.ASSIETTE(-1)",                                   // negative amount
        "=AIDE.ASSIETTE(100;20)",                               // 20 for 20 %
        "=AIDE.ASSIETTE(100;;1.5)",                             // share above 1
        "=AIDE.ASSIETTE(100;\"20 %\")",                         // text for a rate
        "=AIDE.MONTANT(100;\"diagnostic\";0.75)",               // rate above the call's 70 %
        "=AIDE.MONTANT(100;\"diagnostic\";70)",
        "=AIDE.MONTANT(100;\"diagnostic\";0)",
        "=AIDE.MONTANT(100;\"étude\")",                         // unknown phase
        "=AIDE.MONTANT(100;\"\")",                              // blank phase
        "=AIDE.MONTANT(100;\"diagnostic\";;;;\"base\")",        // unknown reading of the ceiling
        "=AIDE.MONTANT(100;\"diagnostic\";;;;1)",
        "=AIDE.PLAFOND(\"investissement\")",
        "=AIDE.PLAFOND(A1:A2)",                                 // a range for one phase
        "=AIDE.PLAFOND(E1)",                                    // an empty cell (arrives as 0)
        "=AIDE.REPARTITION(100;1.2)",
        "=AIDE.REPARTITION(-1;0.5)",
        "=AIDE.SOLDE(70;0;100)",                                // planned base 0
        "=AIDE.SOLDE(70;100;100;;\"autre\")",                   // unknown rule
        "=AIDE.SOLDE(70;100;100;-5)",
        "=AIDE.AUTOFINANCEMENT(0;0)",                           // no financing at all
        "=AIDE.AUTOFINANCEMENT(100;\"beaucoup\")",
    };
    auto cells = putFormulas(sheet, "B", bad);
    sheet.setFormula("C1", "=AIDE.ASSIETTE(\"abc\")");  // text for a number parameter: Calc, no call
    sheet.recalc();
    for (std::size_t i = 0; i < bad.size(); ++i) {
        SCOPED_TRACE(bad[i]);
        EXPECT_EQ(sheet.error(cells[i]), kErr502);
    }
    EXPECT_EQ(sheet.error("C1"), kErrValue);
    EXPECT_TRUE(Office::instance().alive());
}

TEST_F(CalcTest, AideVerifierAnswersInFrench) {
    sheet.setColumn("A1", {std::string("diagnostic"), std::string("accompagnement")});
    sheet.setColumn("E1", {2000.0, Blank{}, 1000.0});
    const std::vector<std::string> f = {
        "=AIDE.VERIFIER(10000;\"diagnostic\";8400)",                        // B1 conforming
        "=AIDE.VERIFIER(60000;\"diagnostic\";50000)",                       // B2 readings differ
        "=AIDE.VERIFIER(60000;\"diagnostic\";50001;;1)",                    // B3 four findings
        "=AIDE.VERIFIER(10000;\"diagnostic\";7000;;1;4000)",                // B4 over-financing
        "=AIDE.VERIFIER(10000;\"diagnostic\";7000;;1;E1:E3)",               // B5 other aids summed
        "=AIDE.VERIFIER(10000;\"diagnostic\";7000;;1;1000.01;TRUE())",      // B6 investment: error
        "=AIDE.VERIFIER(10000;\"diagnostic\";7000;;1;1000.01)",             // B7 warning only
        "=AIDE.VERIFIER(10000;\"étude\";8400)",                             // B8 bad phase
        "=AIDE.VERIFIER(10000;\"diagnostic\";8400;20)",                     // B9 bad VAT rate
        "=AIDE.VERIFIER(-5;\"diagnostic\";8400;;;;\"peut-être\")",          // B10 two bad parameters
        "=AIDE.VERIFIER(10000;A1:A2;8400)",                                 // B11 a range for the phase
        "=AIDE.VERIFIER(10000;\"diagnostic\";8400;;;;E2)",                  // B12 empty cell: FAUX
    };
    auto cells = putFormulas(sheet, "B", f);
    sheet.recalc();
    for (const auto& c : cells) EXPECT_EQ(sheet.error(c), 0) << c;  // never an error value

    EXPECT_EQ(sheet.text("B1"), "OK");
    EXPECT_EQ(sheet.text("B12"), "OK");

    auto l = linesOf(sheet.text("B2"));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(startsWith(l[0], "Information")) << l[0];
    EXPECT_NE(l[0].find("35 000,00 €"), std::string::npos) << l[0];

    l = linesOf(sheet.text("B3"));
    ASSERT_EQ(l.size(), 4u) << sheet.text("B3");
    EXPECT_TRUE(startsWith(l[0], "Taux d'aide dépassé")) << l[0];
    EXPECT_TRUE(startsWith(l[1], "Plafond dépassé")) << l[1];
    EXPECT_NE(l[1].find("50 001,00 €"), std::string::npos) << l[1];
    EXPECT_TRUE(startsWith(l[2], "Avertissement : ")) << l[2];
    EXPECT_NE(l[2].find("16,66 %"), std::string::npos) << l[2];
    EXPECT_TRUE(startsWith(l[3], "Information")) << l[3];

    l = linesOf(sheet.text("B4"));
    ASSERT_EQ(l.size(), 2u);
    EXPECT_TRUE(startsWith(l[0], "Surfinancement")) << l[0];
    EXPECT_NE(l[0].find("11 000,00 €"), std::string::npos) << l[0];

    l = linesOf(sheet.text("B5"));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(startsWith(l[0], "Avertissement")) << l[0];

    l = linesOf(sheet.text("B6"));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(startsWith(l[0], "Autofinancement insuffisant")) << l[0];
    EXPECT_NE(l[0].find("8 000,00 €"), std::string::npos) << l[0];
    l = linesOf(sheet.text("B7"));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(startsWith(l[0], "Avertissement : ")) << l[0];

    EXPECT_NE(sheet.text("B8").find("Phase inconnue « étude »"), std::string::npos) << sheet.text("B8");
    EXPECT_NE(sheet.text("B9").find("taux de TVA 20"), std::string::npos) << sheet.text("B9");
    l = linesOf(sheet.text("B10"));
    ASSERT_EQ(l.size(), 2u) << sheet.text("B10");
    EXPECT_NE(l[0].find("montant_ht"), std::string::npos) << l[0];
    EXPECT_NE(l[1].find("investissement"), std::string::npos) << l[1];
    EXPECT_NE(sheet.text("B11").find("« phase » doit être une seule valeur"), std::string::npos)
        << sheet.text("B11");
    sheet.setFormula("C1", "=AIDE.VERIFIER(10000;Z1;8400)");  // an empty phase cell (arrives as 0)
    sheet.recalc();
    EXPECT_EQ(sheet.text("C1"),
              "L'argument « phase » est vide : attendu diagnostic, accompagnement ou mise en œuvre.");
}

// =============================================================================================
// CRITERES

TEST_F(CalcTest, CriteresScoreWithNc) {
    // docs/selection.md: marks 4; NC; 3; 5; 2; 4, weights all 1 -> 18 / 25 x 100 = 72
    sheet.setValues("B1", {{1.0, 1.0, 1.0, 1.0, 1.0, 1.0},
                           {4.0, std::string("NC"), 3.0, 5.0, 2.0, 4.0},
                           {4.0, std::string("non concerné"), 3.0, 5.0, 2.0, 4.0},
                           {8.0, std::string("nc"), 6.0, Blank{}, 1.0, 1.0}});
    sheet.setColumn("J1", {1.0, 1.0, 2.0});   // weights as a column
    sheet.setColumn("K1", {8.0, std::string("NC"), 6.0});
    expectValues(sheet, "A", {
        {"=CRITERES.SCORE(B2:G2;B$1:G$1)", 72.0},
        {"=CRITERES.SCORE(B3:G3;B$1:G$1)", 72.0},
        {"=CRITERES.SCORE(B2:G2;B$1:G$1;Z1)", 72.0},   // note_max: an empty cell = 5
        {"=CRITERES.SCORE(B2:G2;B$1:G$1;10)", 36.0},    // 18 / 50
    });
    sheet.setFormula("A5", "=CRITERES.SCORE(K1:K3;J1:J3;10)");  // (8 x 1 + 6 x 2) / (3 x 10)
    sheet.recalc();
    EXPECT_NEAR(sheet.value("A5"), 200.0 / 3, 1e-12);
    sheet.setFormula("M1", "=CRITERES.SCORE(B4:G4;B$1:G$1;10)");  // a blank mark
    sheet.setFormula("M2", "=CRITERES.SCORE(B2:F2;B$1:G$1)");     // 5 marks, 6 weights
    sheet.setFormula("M3", "=CRITERES.SCORE(B2:G2;B$1:G$1;-1)");
    sheet.setFormula("M4", "=CRITERES.SCORE({\"NC\";\"NC\"};{1;1})");
    sheet.setFormula("M5", "=CRITERES.SCORE(B2:G2;B$1:G$1;2)");   // a mark above note_max
    sheet.recalc();
    for (const char* c : {"M1", "M2", "M3", "M4", "M5"}) EXPECT_EQ(sheet.error(c), kErr502) << c;
}

TEST_F(CalcTest, CriteresRangWithTies) {
    // docs/selection.md: H2:H5 = 80; 90; 80; 70 and B2:B5 (engagement) = 3; 1; 4; 2 (here from row 1)
    sheet.setColumn("H1", {80.0, 90.0, 80.0, 70.0, Blank{}});
    sheet.setColumn("B1", {3.0, 1.0, 4.0, 2.0});
    sheet.setColumn("C1", {3.0, 1.0, 3.0, 2.0});  // tie-break values equal too
    expectValues(sheet, "D", {
        {"=CRITERES.RANG(H1;H$1:H$5)", 2.0},  // competition ranks 2, 1, 2, 4 (blank skipped)
        {"=CRITERES.RANG(H2;H$1:H$5)", 1.0},
        {"=CRITERES.RANG(H3;H$1:H$5)", 2.0},
        {"=CRITERES.RANG(H4;H$1:H$5)", 4.0},
        {"=CRITERES.RANG(H1;H$1:H$4;B1;B$1:B$4)", 3.0},  // the 80 with engagement 4 goes first
        {"=CRITERES.RANG(H3;H$1:H$4;B3;B$1:B$4)", 2.0},
        {"=CRITERES.RANG(H1;H$1:H$4;C1;C$1:C$4)", 2.0},  // still tied: same rank
        {"=CRITERES.RANG(H3;H$1:H$4;C3;C$1:C$4)", 2.0},
        {"=CRITERES.RANG(85;H$1:H$4)", 2.0},             // a score not in the list
        {"=CRITERES.RANG(\"80\";H$1:H$4)", 2.0},         // a number written as text
        {"=CRITERES.RANG(Z1;H$1:H$4)", 5.0},             // an empty cell: Calc passes 0 (documented)
    });
    sheet.setFormula("F1", "=CRITERES.RANG(H1;H$1:H$4;B1)");           // departage without departages
    sheet.setFormula("F2", "=CRITERES.RANG(H1;H$1:H$4;B1;B$1:B$3)");   // heights differ
    sheet.setFormula("F3", "=CRITERES.RANG(Z1:Z1;H$1:H$4)");           // an empty score (as a range)
    sheet.setFormula("F4", "=CRITERES.RANG(H1:H2;H$1:H$4)");           // a range for one score
    sheet.recalc();
    for (const char* c : {"F1", "F2", "F3", "F4"}) EXPECT_EQ(sheet.error(c), kErr502) << c;
}

TEST_F(CalcTest, CriteresSelectionCoutPanelRemplacementsOfTheDocExample) {
    putSelectionExample(sheet);
    sheet.setArrayFormula("E1:E5", "=CRITERES.SELECTION(A1:A5;B1:B5;C1:C5;3)");
    sheet.setArrayFormula("F1:F5", "=CRITERES.REMPLACEMENTS(A1:A5;B1:B5;C1:C5;3)");
    sheet.setFormula("G1", "=CRITERES.COUT_PANEL(A1:A5;B1:B5;C1:C5;3)");
    sheet.setFormula("G2", "=CRITERES.COUT_PANEL(A1:A5;B1:B5;C1:C5)");        // nombre 10: everyone
    sheet.setFormula("G3", "=CRITERES.COUT_PANEL(A1:A5;B1:B5;C1:C5;3;50)");  // only 3 eligible
    sheet.recalc();
    EXPECT_EQ(shownColumn(sheet, 'E', 1, 5), (std::vector<Value>{1.0, 1.0, 0.0, 1.0, 0.0}));
    // the 40 replaces row 3 (the 80); blank elsewhere
    EXPECT_EQ(shownColumn(sheet, 'F', 1, 5), (std::vector<Value>{Blank{}, Blank{}, Blank{}, 3.0, Blank{}}));
    EXPECT_EQ(sheet.error("G1"), 0);
    EXPECT_EQ(sheet.value("G1"), 40.0);  // 255 - 215
    EXPECT_EQ(sheet.value("G2"), 0.0);
    EXPECT_EQ(sheet.value("G3"), 0.0);
}

// Random small sheets: the Calc array formulas give what the domain library gives in-process.
TEST_F(CalcTest, CriteresSelectionAgreesWithTheDomainLibrary) {
    const char* territoires[] = {"Urbain", "Rural", "Périurbain", "Littoral"};
    const char* collectivites[] = {"Commune", "Communauté de communes", "Communauté d'agglomération",
                                   "Métropole", "Syndicat"};
    Lcg rng{20240611};
    const int n = 14;
    const int sheets = 6;
    int replacements = 0;  // the representativeness constraint must bite somewhere
    for (int k = 0; k < sheets; ++k) {
        SCOPED_TRACE("sheet " + std::to_string(k));
        Sheet s;
        std::vector<Row> rows;
        for (int i = 0; i < n; ++i) {
            Row r;
            if (k > 0 && i == n - 1) {  // a trailing blank row (not a candidate)
                rows.push_back({Blank{}, Blank{}, Blank{}});
                continue;
            }
            r.emplace_back(static_cast<double>(rng.below(41)) * 2.5);  // 0..100, many ties
            const int t = rng.below(5), c = rng.below(6);
            r.emplace_back(t < 4 ? Value(std::string(territoires[t])) : Value(Blank{}));
            r.emplace_back(c < 5 ? Value(std::string(collectivites[c])) : Value(Blank{}));
            rows.push_back(r);
        }
        s.setValues("A1", rows);
        const std::string N = std::to_string(n);
        struct Params {
            std::string formulaArgs;
            eci::calc::Optionnel nombre, scoreMin;
        };
        auto opt = [](double v) { return eci::calc::Optionnel(eci::calc::Plage(eci::calc::Cellule(v))); };
        const std::vector<Params> params = {
            {"", std::nullopt, std::nullopt},
            {";1", opt(1), std::nullopt},
            {";3", opt(3), std::nullopt},
            {";4;30", opt(4), opt(30)},
            {";6;50", opt(6), opt(50)},
        };
        const auto data = s.values("A1:C" + N);
        auto column = [&](std::size_t j) {
            std::vector<Row> c;
            for (const auto& r : data) c.push_back({r[j]});
            return plageOf(c);
        };
        const auto scores = column(0), tt = column(1), tc = column(2);
        int colNo = 0;
        for (const auto& p : params) {
            SCOPED_TRACE("params" + p.formulaArgs);
            const std::string selCol(1, static_cast<char>('E' + colNo));
            const std::string repCol(1, static_cast<char>('E' + colNo + 1));
            const std::string costCell = "Z" + std::to_string(colNo + 1);
            colNo += 2;
            const std::string args = "(A1:A" + N + ";B1:B" + N + ";C1:C" + N + p.formulaArgs + ")";
            s.setArrayFormula(selCol + "1:" + selCol + N, "=CRITERES.SELECTION" + args);
            s.setArrayFormula(repCol + "1:" + repCol + N, "=CRITERES.REMPLACEMENTS" + args);
            s.setFormula(costCell, "=CRITERES.COUT_PANEL" + args);
            s.recalc();
            const auto sel = eci::calc::criteresSelection(scores, tt, tc, p.nombre, p.scoreMin);
            const auto rep = eci::calc::criteresRemplacements(scores, tt, tc, p.nombre, p.scoreMin);
            const double cost = eci::calc::criteresCoutPanel(scores, tt, tc, p.nombre, p.scoreMin);
            const auto gotSel = shownColumn(s, selCol[0], 1, n);
            const auto gotRep = shownColumn(s, repCol[0], 1, n);
            ASSERT_EQ(sel.lignes, static_cast<std::size_t>(n));
            int selected = 0;
            for (std::size_t i = 0; i < sel.lignes; ++i) {
                EXPECT_EQ(gotSel[i], valueOf(sel.at(i, 0))) << "row " << i + 1;
                EXPECT_EQ(gotRep[i], valueOf(rep.at(i, 0))) << "row " << i + 1;
                selected += gotSel[i] == Value(1.0);
                replacements += !(gotRep[i] == Value(Blank{}));
            }
            EXPECT_GT(selected, 0);
            EXPECT_EQ(s.error(costCell), 0);
            EXPECT_EQ(s.value(costCell), cost);
        }
    }
    EXPECT_GT(replacements, 0);
}

TEST_F(CalcTest, CriteresSensibiliteShapeAndValues) {
    // docs/selection.md: B2:C4 = 5; 3 / 3; 5 / 1; NC and weights B1:C1 = 1; 1, one seat
    sheet.setValues("B1", {{1.0, 1.0}, {5.0, 3.0}, {3.0, 5.0}, {1.0, std::string("NC")}, {Blank{}, Blank{}}});
    sheet.setArrayFormula("E2:G5", "=CRITERES.SENSIBILITE(B2:C5;B1:C1;;1)");
    sheet.recalc();
    auto grid = [&](int first, int last) {
        std::vector<Row> rows;
        for (int r = first; r <= last; ++r) {
            Row row;
            for (char c : {'E', 'F', 'G'}) row.push_back(shown(sheet, std::string(1, c) + std::to_string(r)));
            rows.push_back(row);
        }
        return rows;
    };
    const std::vector<Row> expected = {{1.0, 2.0, 1.0}, {1.0, 2.0, 1.0}, {3.0, 3.0, 0.0}, {Blank{}, Blank{}, Blank{}}};
    EXPECT_EQ(grid(2, 5), expected);

    // The same through the domain library, with typologies and every option given.
    sheet.setValues("I1", {{std::string("Urbain"), std::string("CA")},
                           {std::string("Rural"), std::string("CC")},
                           {std::string("Rural"), std::string("CA")}});
    sheet.setArrayFormula("E7:G9", "=CRITERES.SENSIBILITE(B2:C4;B1:C1;0.1;2;10;I1:I3;J1:J3;5)");
    sheet.recalc();
    auto p = [](const std::vector<Row>& r) { return plageOf(r); };
    auto opt = [](const std::vector<Row>& r) { return eci::calc::Optionnel(plageOf(r)); };
    auto num = [](double v) { return eci::calc::Optionnel(eci::calc::Plage(eci::calc::Cellule(v))); };
    const auto ref = eci::calc::criteresSensibilite(p(sheet.values("B2:C4")), p(sheet.values("B1:C1")), num(0.1),
                                                    num(2), num(10), opt(sheet.values("I1:I3")),
                                                    opt(sheet.values("J1:J3")), num(5));
    auto got = grid(7, 9);
    ASSERT_EQ(ref.lignes, 3u);
    ASSERT_EQ(ref.colonnes, 3u);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j) EXPECT_EQ(got[i][j], valueOf(ref.at(i, j))) << i << "," << j;

    // variation: left empty in the formula = 0.2; a referenced empty cell = 0 (no variation)
    sheet.setArrayFormula("E11:G13", "=CRITERES.SENSIBILITE(B2:C4;B1:C1;Z1;1)");
    sheet.recalc();
    EXPECT_EQ(grid(11, 13), (std::vector<Row>{{1.0, 1.0, 0.0}, {1.0, 1.0, 0.0}, {3.0, 3.0, 0.0}}));
}

TEST_F(CalcTest, CriteresEmptyCellsAndBadInputs) {
    putSelectionExample(sheet);
    // nombre: an empty cell (or 0) = the default 10, like an omitted argument
    sheet.setFormula("G1", "=CRITERES.COUT_PANEL(A1:A5;B1:B5;C1:C5;Z1)");
    sheet.setArrayFormula("E1:E5", "=CRITERES.SELECTION(A1:A5;B1:B5;C1:C5;Z1)");
    const std::vector<std::string> bad = {
        "=CRITERES.COUT_PANEL(A1:A5;B1:B4;C1:C5;3)",     // heights differ
        "=CRITERES.COUT_PANEL(A1:A5;B1:B5;C1:C5;1.5)",   // not an integer
        "=CRITERES.COUT_PANEL(A1:A5;B1:B5;C1:C5;-2)",
        "=CRITERES.COUT_PANEL(B1:B5;B1:B5;C1:C5;3)",     // text scores
        "=CRITERES.COUT_PANEL(A1:B5;B1:B5;C1:C5;3)",     // two columns of scores
        "=CRITERES.SENSIBILITE(A1:A5;{1;1})",            // 1 column of marks, 2 weights
        "=CRITERES.SENSIBILITE({5;3};{1;1};1.5)",        // variation >= 1
    };
    auto cells = putFormulas(sheet, "H", bad);
    sheet.recalc();
    EXPECT_EQ(sheet.error("G1"), 0);
    EXPECT_EQ(sheet.value("G1"), 0.0);
    for (int i = 1; i <= 5; ++i) EXPECT_EQ(sheet.value("E" + std::to_string(i)), 1.0);
    for (std::size_t i = 0; i < bad.size(); ++i) EXPECT_EQ(sheet.error(cells[i]), kErr502) << bad[i];
    EXPECT_TRUE(Office::instance().alive());
}
