// The AIDE functions (docs/fonctions-conventions.md) on the aid rules (docs/aide.md); the rules' own types and
// properties are tested in tests/unit/domaine/test_aide.cpp.
//
// Every expected value below was computed by hand from docs/aide.md (the
// arithmetic is in the comments), not with the code under test. Results are
// euros with exact cents, i.e. the nearest double to a whole number of cents:
// they compare equal (==) to the literal written with 2 decimals.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "eci/aide.hpp"
#include "eci/calc/fonctions_aide.hpp"
#include "calc/message_erreur.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::ErreurArgument;
using eci::calc::Optionnel;
using eci::calc::Plage;
namespace aide = eci::aide;

const Optionnel rien = std::nullopt;
Optionnel val(double x) { return Plage(Cellule(x)); }
Optionnel val(const char* s) { return Plage(Cellule(std::string(s))); }
Cellule txt(const char* s) { return Cellule(std::string(s)); }

Plage ligne(const std::vector<Cellule>& v) {
    Plage p(1, v.size());
    for (std::size_t i = 0; i < v.size(); ++i) p.at(0, i) = v[i];
    return p;
}

constexpr double kNA = std::numeric_limits<double>::quiet_NaN();  // "argument omitted" in the tables
Optionnel opt(double x) { return std::isnan(x) ? rien : val(x); }

// ------------------------------------------------------------ AIDE.ASSIETTE ---

struct CasAssiette {
    double ht, tva, d;  // NaN: omitted (defaults 0.20 and 0)
    double htr;
    const char* calcul;
};

const CasAssiette kAssiette[] = {
    {10000, kNA, kNA, 12000.00, "10 000 + 20 % x 10 000 x (1 - 0): TTC"},
    {10000, 0.2, 1, 10000.00, "d = 1: all VAT recovered, HTR = HT"},
    {10000, 0.2, 0.5, 11000.00, "10 000 + 2 000 x 0.5"},
    {10000, 0.055, 0, 10550.00, "10 000 + 550"},
    {1234.56, 0.2, 0, 1481.47, "1 234.56 + 246.912 = 1 481.472 -> 1 481.47"},
    {0.01, kNA, kNA, 0.01, "0.01 + 0.002 = 0.012 -> 0.01"},
    {0.03, kNA, kNA, 0.04, "0.03 + 0.006 = 0.036 -> 0.04"},
    {0.05, 0.1, 0, 0.06, "0.05 + 0.005 = 0.055, half a cent -> up -> 0.06"},
    {0.025, kNA, kNA, 0.04, "HT 0.025 rounded to 0.03 first (half away from 0), then 0.036 -> 0.04"},
    {100, 0.2, 0.3, 114.00, "100 + 20 x 0.7 = 114"},
    {99.99, 0.2, 1.0 / 3, 113.32,
     "d kept to 6 decimals 0.333333; VAT 19.998 x 0.666667 = 13.332007; 99.99 + 13.332007 = 113.322007 -> 113.32"},
    {5000, 0, 0, 5000.00, "no VAT"},
    {0.1 + 0.2, 0.2, 1, 0.30, "0.1 + 0.2 (0.30000000000000004) is read as 0.30"},
    {41666.67, kNA, kNA, 50000.00, "41 666.67 + 8 333.334 = 50 000.004 -> 50 000.00"},
    {1000.004, 0.2, 1, 1000.00, "sub-cent HT rounded to the cent: 1 000.004 -> 1 000.00"},
    {1.005, 0.2, 1, 1.01, "1.005 as written in the cell -> 1.01 (half away from zero)"},
    {0, kNA, kNA, 0.00, "nothing spent"},
};

TEST(AideAssiette, ExemplesCalculesALaMain) {
    for (const auto& c : kAssiette) {
        SCOPED_TRACE(c.calcul);
        EXPECT_EQ(eci::calc::aideAssiette(c.ht, opt(c.tva), opt(c.d)), c.htr);
    }
}

// ------------------------------------------------------------- AIDE.MONTANT ---

struct CasMontant {
    double ht;
    const char* phase;
    double taux, tva, d;  // NaN: omitted (defaults 0.70, 0.20, 0)
    double surAide;       // plafond_sur = aide (also the default)
    double surAssiette;   // plafond_sur = assiette
    const char* calcul;
};

const CasMontant kMontant[] = {
    {10000, "diagnostic", kNA, kNA, kNA, 8400.00, 8400.00, "HTR 12 000 below 50 000: 0.7 x 12 000 = 8 400 both ways"},
    {60000, "diagnostic", kNA, 0.2, 0, 50000.00, 35000.00,
     "HTR 72 000; aid: min(50 400, 50 000) = 50 000; base: 0.7 x min(72 000, 50 000) = 35 000"},
    {60000, "diagnostic", kNA, 0.2, 1, 42000.00, 35000.00,
     "HTR = HT = 60 000; aid: min(42 000, 50 000); base: 0.7 x 50 000"},
    {50000, "diagnostic", kNA, 0.2, 1, 35000.00, 35000.00, "HTR exactly at the diagnostic ceiling: 0.7 x 50 000"},
    {41666.67, "diagnostic", kNA, kNA, kNA, 35000.00, 35000.00, "TTC 50 000.00 (see AIDE.ASSIETTE) at the ceiling"},
    {71428.57, "diagnostic", kNA, 0.2, 1, 49999.99, 35000.00,
     "0.7 x 71 428.57 = 49 999.999 -> down 49 999.99 (under the ceiling); base: 0.7 x 50 000"},
    {71428.58, "diagnostic", kNA, 0.2, 1, 50000.00, 35000.00, "0.7 x 71 428.58 = 50 000.006 -> capped 50 000"},
    {50000, "diagnostic", kNA, 0.2, 0.5, 38500.00, 35000.00,
     "HTR 50 000 + 10 000 x 0.5 = 55 000; aid: min(38 500, 50 000); base: 0.7 x 50 000"},
    {100000, "accompagnement", kNA, kNA, kNA, 84000.00, 70000.00,
     "HTR 120 000; aid: min(84 000, 100 000); base: 0.7 x min(120 000, 100 000)"},
    {150000, "accompagnement", kNA, kNA, kNA, 100000.00, 70000.00,
     "HTR 180 000; aid: min(126 000, 100 000); base: 0.7 x 100 000"},
    {120000, "mise en œuvre", kNA, 0.2, 1, 84000.00, 70000.00, "HTR 120 000; aid: min(84 000, 100 000); base 70 000"},
    {100000, "Mise_en-Oeuvre", kNA, 0.2, 1, 70000.00, 70000.00, "HTR exactly at the accompagnement ceiling"},
    {142857.14, "accompagnement", kNA, 0.2, 1, 99999.99, 70000.00, "0.7 x 142 857.14 = 99 999.998 -> 99 999.99"},
    {142857.15, "ACCOMPAGNEMENT", kNA, 0.2, 1, 100000.00, 70000.00, "0.7 x 142 857.15 = 100 000.005 -> capped"},
    {1000000, "accompagnement", kNA, kNA, kNA, 100000.00, 70000.00, "HTR 1 200 000: far above"},
    {333.33, "diagnostic", kNA, 0.2, 1, 233.33, 233.33, "0.7 x 333.33 = 233.331 -> 233.33"},
    {0.01, "diagnostic", kNA, 0.2, 1, 0.00, 0.00, "0.7 x 0.01 = 0.007 -> 0.00"},
    {0.1 + 0.2, "diagnostic", kNA, 0.2, 1, 0.21, 0.21, "HT read as 0.30; 0.7 x 0.30 = 0.21"},
    {0.1 * 3, "Diagnostic ", 0.1 * 7, 0.2, 1, 0.21, 0.21, "0.1 x 7 (0.7000000000000001) is the rate 0.7"},
    {10000, "diagnostic", 0.5, kNA, kNA, 6000.00, 6000.00, "0.5 x 12 000"},
    {250, "diagnostic", 0.333333, kNA, kNA, 99.99, 99.99, "HTR 300; 0.333333 x 300 = 99.9999 -> 99.99"},
    {300, "diagnostic", 2.0 / 3, 0.2, 1, 199.99, 199.99,
     "rate kept to 6 decimals: 0.666666 x 300 = 199.9998 -> 199.99 (never rounded up)"},
    {1000, "diagnostic", kNA, 0.1, 0, 770.00, 770.00, "HTR 1 100; 0.7 x 1 100 = 770"},
    {1000.005, "diagnostic", kNA, 0.2, 1, 700.00, 700.00, "HT -> 1 000.01; 0.7 x 1 000.01 = 700.007 -> 700.00"},
    {0, "diagnostic", kNA, kNA, kNA, 0.00, 0.00, "nothing spent, no aid"},
    {80000, "diagnostic", 0.6, 0.2, 0.25, 50000.00, 30000.00,
     "HTR 80 000 + 16 000 x 0.75 = 92 000; aid: min(55 200, 50 000); base: 0.6 x 50 000"},
};

TEST(AideMontant, ExemplesCalculesALaMain) {
    for (const auto& c : kMontant) {
        SCOPED_TRACE(c.calcul);
        Cellule ph = txt(c.phase);
        EXPECT_EQ(eci::calc::aideMontant(c.ht, ph, opt(c.taux), opt(c.tva), opt(c.d), rien), c.surAide);
        EXPECT_EQ(eci::calc::aideMontant(c.ht, ph, opt(c.taux), opt(c.tva), opt(c.d), val("aide")), c.surAide);
        EXPECT_EQ(eci::calc::aideMontant(c.ht, ph, opt(c.taux), opt(c.tva), opt(c.d), val("Assiette")),
                  c.surAssiette);
    }
}

TEST(AideMontant, ArgumentsVidesEgalentLesDefauts) {
    // an empty cell, a blank text: the defaults
    Optionnel vide = Plage(Cellule{});
    Optionnel blanc = val("  ");
    EXPECT_EQ(eci::calc::aideMontant(60000, txt("diagnostic"), vide, blanc, vide, vide), 50000.00);
    EXPECT_EQ(eci::calc::aideMontant(60000, txt("diagnostic"), Plage(), Plage(), Plage(), Plage()), 50000.00);
}

TEST(AidePlafond, ParPhase) {
    EXPECT_EQ(eci::calc::aidePlafond(txt("diagnostic")), 50000.0);
    EXPECT_EQ(eci::calc::aidePlafond(txt("Accompagnement")), 100000.0);
    EXPECT_EQ(eci::calc::aidePlafond(txt("mise en œuvre")), 100000.0);
    EXPECT_EQ(eci::calc::aidePlafond(txt("MISE EN ŒUVRE")), 100000.0);
    EXPECT_EQ(eci::calc::aidePlafond(txt("mise en oeuvre")), 100000.0);
    EXPECT_EQ(eci::calc::aidePlafond(txt("miseenoeuvre")), 100000.0);
    EXPECT_EQ(eci::calc::aidePlafond(txt("DIAGNOSTIC")), 50000.0);
}

// --------------------------------------------------------- AIDE.REPARTITION ---

struct CasRepartition {
    double aide, part, ademe, region;
    const char* calcul;
};

const CasRepartition kRepartition[] = {
    {1000.01, 0.5, 500.00, 500.01, "500.005 -> ADEME 500.00, the cent to the Région"},
    {100000, 0.5, 50000.00, 50000.00, "even"},
    {50000, 0.6, 30000.00, 20000.00, "0.6 x 50 000"},
    {0.01, 0.5, 0.00, 0.01, "0.005 -> 0.00, Région 0.01"},
    {233.33, 1.0 / 3, 77.77, 155.56, "share 0.333333: 233.33 x 0.333333 = 77.7766 -> 77.77; 233.33 - 77.77 = 155.56"},
    {8400, 0, 0.00, 8400.00, "all to the Région"},
    {8400, 1, 8400.00, 0.00, "all to ADEME"},
    {0.1 + 0.2, 0.5, 0.15, 0.15, "0.30 / 2"},
    {12345.67, 0.3, 3703.70, 8641.97, "0.3 x 12 345.67 = 3 703.701 -> 3 703.70; 12 345.67 - 3 703.70 = 8 641.97"},
    {99.99, 0.7, 69.99, 30.00, "0.7 x 99.99 = 69.993 -> 69.99; 99.99 - 69.99 = 30.00"},
};

TEST(AideRepartition, ExemplesCalculesALaMain) {
    for (const auto& c : kRepartition) {
        SCOPED_TRACE(c.calcul);
        Plage p = eci::calc::aideRepartition(c.aide, c.part);
        ASSERT_EQ(p.lignes, 1u);
        ASSERT_EQ(p.colonnes, 2u);
        EXPECT_EQ(std::get<double>(p.at(0, 0)), c.ademe);
        EXPECT_EQ(std::get<double>(p.at(0, 1)), c.region);
    }
}

// ---------------------------------------------------------------- AIDE.SOLDE ---

struct CasSolde {
    double aide, prevue, reelle, verse;  // verse NaN: omitted (0)
    const char* regle;                   // nullptr: omitted (prorata)
    double solde;
    const char* calcul;
};

const CasSolde kSolde[] = {
    {35000, 50000, 40000, 10000, "prorata", 18000.00, "due 35 000 x 40/50 = 28 000; 28 000 - 10 000"},
    {35000, 50000, 60000, 10000, nullptr, 25000.00, "overspend: min(1, 60/50) = 1, due 35 000; - 10 000"},
    {35000, 50000, 20000, 17500, "prorata", -3500.00, "due 35 000 x 0.4 = 14 000; 14 000 - 17 500: pay back"},
    {8400, 12000, 9999.99, kNA, "prorata", 6999.99, "8 400 x 9 999.99 / 12 000 = 6 999.993 -> 6 999.99"},
    {8400, 12000, 9000, kNA, "taux", 6300.00, "0.7 x min(9 000, 12 000) = 6 300"},
    {8400, 12000, 9000, kNA, "prorata", 6300.00, "8 400 x 0.75 = 6 300 (same when the base was not capped)"},
    {50000, 72000, 60000, 0, "taux", 42000.00, "aid capped at 50 000: 0.7 x 60 000 = 42 000 < 50 000"},
    {50000, 72000, 60000, 0, "prorata", 41666.66, "50 000 x 60/72 = 41 666.666 -> 41 666.66"},
    {50000, 72000, 71500, 0, "taux", 50000.00, "0.7 x 71 500 = 50 050 -> never above the aid: 50 000"},
    {50000, 72000, 71500, 0, "prorata", 49652.77, "50 000 x 71 500 / 72 000 = 49 652.777 -> 49 652.77"},
    {50000, 72000, 80000, 0, " TAUX ", 50000.00, "0.7 x min(80 000, 72 000) = 50 400 -> 50 000"},
    {50000, 72000, 50000, 40000, "taux", -5000.00, "0.7 x 50 000 = 35 000; 35 000 - 40 000"},
    {35000, 50000, 0, 10500, "prorata", -10500.00, "nothing spent: due 0, the advance is paid back"},
    {233.33, 333.33, 333.32, kNA, "taux", 233.32, "0.7 x 333.32 = 233.324 -> 233.32"},
    {233.33, 333.33, 333.32, kNA, "prorata", 233.32, "233.33 x 333.32 / 333.33 = 233.32300... -> 233.32"},
    {35000, 50000, 50000, 35000, nullptr, 0.00, "spent as planned, all paid"},
};

TEST(AideSolde, ExemplesCalculesALaMain) {
    for (const auto& c : kSolde) {
        SCOPED_TRACE(c.calcul);
        Optionnel regle = c.regle ? val(c.regle) : rien;
        EXPECT_EQ(eci::calc::aideSolde(c.aide, c.prevue, c.reelle, opt(c.verse), regle), c.solde);
    }
}

// ------------------------------------------------------- AIDE.AUTOFINANCEMENT ---

TEST(AideAutofinancement, ExemplesCalculesALaMain) {
    using eci::calc::aideAutofinancement;
    // 20 000 / (20 000 + 80 000) = 0.2 exactly: at the CGCT minimum
    EXPECT_EQ(aideAutofinancement(20000, Plage(Cellule(80000.0))), 0.2);
    // 19 999.99 / 99 999.99 = 0.2 x (1 - 5e-7) / (1 - 1e-7) = 0.19999992...: just under
    double sous = aideAutofinancement(19999.99, Plage(Cellule(80000.0)));
    EXPECT_LT(sous, 0.2);
    EXPECT_NEAR(sous, 0.19999992, 1e-9);
    // 20 000.01 / 100 000.01 = 0.2 x (1 + 5e-7) / (1 + 1e-7) = 0.20000008...: just above
    double dessus = aideAutofinancement(20000.01, Plage(Cellule(80000.0)));
    EXPECT_GT(dessus, 0.2);
    EXPECT_NEAR(dessus, 0.200000080, 1e-9);
    // a range, blanks skipped: 25 000 / (25 000 + 50 000 + 25 000) = 0.25
    EXPECT_EQ(aideAutofinancement(25000, ligne({50000.0, Cellule{}, 25000.0, std::string(" ")})), 0.25);
    // 0.30 / (0.30 + 0.60 + 0.60) = 30 / 150 cents = 0.2 exactly
    EXPECT_EQ(aideAutofinancement(0.1 + 0.2, ligne({0.6, 0.6})), 0.2);
    EXPECT_EQ(aideAutofinancement(0, Plage(Cellule(10.0))), 0.0);
    EXPECT_EQ(aideAutofinancement(10, Plage(Cellule(0.0))), 1.0);
    EXPECT_EQ(aideAutofinancement(10, Plage(Cellule{})), 1.0);
}

TEST(AideAutofinancement, SeuilExact) {
    using aide::Montant;
    // own >= 0.2 x (own + aids)  <=>  aids <= 4 x own
    EXPECT_TRUE(aide::autofinancementSuffisant(Montant{2000000}, Montant{8000000}));   // 20 000 / 80 000
    EXPECT_FALSE(aide::autofinancementSuffisant(Montant{1999999}, Montant{8000000}));  // 19 999.99
    EXPECT_TRUE(aide::autofinancementSuffisant(Montant{2000001}, Montant{8000000}));
    EXPECT_FALSE(aide::autofinancementSuffisant(Montant{-1}, Montant{0}));
    EXPECT_TRUE(aide::surfinancement(Montant{1000001}, Montant{1000000}));
    EXPECT_FALSE(aide::surfinancement(Montant{1000000}, Montant{1000000}));
}

// ------------------------------------------------------------- AIDE.VERIFIER ---

std::vector<std::string> lignesDe(const std::string& s) {
    std::vector<std::string> v;
    std::size_t debut = 0;
    while (true) {
        std::size_t fin = s.find('\n', debut);
        v.push_back(s.substr(debut, fin - debut));
        if (fin == std::string::npos) break;
        debut = fin + 1;
    }
    return v;
}

bool commencePar(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

TEST(AideVerifier, Conforme) {
    // HT 10 000 TTC -> HTR 12 000; 8 400 = 70 %; own 3 600 / 12 000 = 30 %
    EXPECT_EQ(eci::calc::aideVerifier(10000, txt("diagnostic"), 8400, rien, rien, rien, rien), "OK");
    // HTR 100 000 (d = 1) at the accompagnement ceiling, aid 70 000: both readings agree
    EXPECT_EQ(eci::calc::aideVerifier(100000, txt("accompagnement"), 70000, rien, val(1.0), rien, rien), "OK");
}

TEST(AideVerifier, TauxAvecToleranceDuCentime) {
    // 70 % x 12 000 = 8 400.00 exactly: 8 400.01 is above
    auto l = lignesDe(eci::calc::aideVerifier(10000, txt("diagnostic"), 8400.01, rien, rien, rien, rien));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(commencePar(l[0], "Taux d'aide dépassé")) << l[0];
    EXPECT_NE(l[0].find("8 400,00 €"), std::string::npos) << l[0];
    // HTR 333.33: 70 % = 233.331; 233.34 (rounded up) tolerated, 233.35 not
    EXPECT_EQ(eci::calc::aideVerifier(333.33, txt("diagnostic"), 233.34, rien, val(1.0), rien, rien), "OK");
    EXPECT_EQ(eci::calc::aideVerifier(333.33, txt("diagnostic"), 233.33, rien, val(1.0), rien, rien), "OK");
    l = lignesDe(eci::calc::aideVerifier(333.33, txt("diagnostic"), 233.35, rien, val(1.0), rien, rien));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(commencePar(l[0], "Taux d'aide dépassé")) << l[0];
}

TEST(AideVerifier, LecturesDuPlafondDifferentes) {
    // HT 60 000 TTC -> HTR 72 000: 50 000 <= 50 400 and <= ceiling; own 22 000 / 72 000 = 30.5 %;
    // the readings differ (50 000 vs 35 000): one information line, so not "OK"
    auto l = lignesDe(eci::calc::aideVerifier(60000, txt("diagnostic"), 50000, rien, rien, rien, rien));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(commencePar(l[0], "Information")) << l[0];
    EXPECT_NE(l[0].find("50 000,00 €"), std::string::npos) << l[0];
    EXPECT_NE(l[0].find("35 000,00 €"), std::string::npos) << l[0];
}

TEST(AideVerifier, PlusieursManquements) {
    // HTR 60 000 (d = 1); aid 50 001: rate (> 42 000), ceiling (> 50 000), own 9 999 / 60 000 = 16.665 %
    // (< 20 %: warning, truncated display 16,66 %), readings (42 000 vs 35 000)
    auto l = lignesDe(eci::calc::aideVerifier(60000, txt("diagnostic"), 50001, rien, val(1.0), rien, rien));
    ASSERT_EQ(l.size(), 4u);
    EXPECT_TRUE(commencePar(l[0], "Taux d'aide dépassé")) << l[0];
    EXPECT_TRUE(commencePar(l[1], "Plafond dépassé")) << l[1];
    EXPECT_NE(l[1].find("50 001,00 €"), std::string::npos) << l[1];
    EXPECT_TRUE(commencePar(l[2], "Avertissement : ")) << l[2];
    EXPECT_NE(l[2].find("16,66 %"), std::string::npos) << l[2];
    EXPECT_TRUE(commencePar(l[3], "Information")) << l[3];
    EXPECT_NE(l[3].find("42 000,00 €"), std::string::npos) << l[3];
}

TEST(AideVerifier, Surfinancement) {
    // HTR 10 000 (d = 1); 7 000 + 4 000 = 11 000 > 10 000; own -1 000: self-financing too
    auto l = lignesDe(eci::calc::aideVerifier(10000, txt("diagnostic"), 7000, rien, val(1.0), val(4000.0), rien));
    ASSERT_EQ(l.size(), 2u);
    EXPECT_TRUE(commencePar(l[0], "Surfinancement")) << l[0];
    EXPECT_NE(l[0].find("11 000,00 €"), std::string::npos) << l[0];
    EXPECT_TRUE(commencePar(l[1], "Avertissement")) << l[1];
    // the other aids as a range, summed: 2 000 + 1 000 -> 10 000 in all, no over-financing, own 0 %
    l = lignesDe(eci::calc::aideVerifier(10000, txt("diagnostic"), 7000, rien, val(1.0),
                                         ligne({2000.0, Cellule{}, 1000.0}), rien));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(commencePar(l[0], "Avertissement")) << l[0];
}

TEST(AideVerifier, Autofinancement) {
    // HTR 10 000; aids 7 000 + 1 000.01 -> own 1 999.99 = 19.9999 %: under 20 %
    auto l = lignesDe(eci::calc::aideVerifier(10000, txt("diagnostic"), 7000, rien, val(1.0), val(1000.01), rien));
    ASSERT_EQ(l.size(), 1u);
    EXPECT_TRUE(commencePar(l[0], "Avertissement : ")) << l[0];
    EXPECT_NE(l[0].find("19,99 %"), std::string::npos) << l[0];
    // at 20 % exactly: OK
    EXPECT_EQ(eci::calc::aideVerifier(10000, txt("diagnostic"), 7000, rien, val(1.0), val(1000.0), rien), "OK");
    // above: OK
    EXPECT_EQ(eci::calc::aideVerifier(10000, txt("diagnostic"), 7000, rien, val(1.0), val(999.99), val("FAUX")), "OK");
    // investment: an error line, not a warning; aids at most 0.8 x 10 000 = 8 000
    for (const Optionnel& inv : {val(1.0), val("VRAI"), val("oui"), val("true")}) {
        l = lignesDe(eci::calc::aideVerifier(10000, txt("diagnostic"), 7000, rien, val(1.0), val(1000.01), inv));
        ASSERT_EQ(l.size(), 1u);
        EXPECT_TRUE(commencePar(l[0], "Autofinancement insuffisant")) << l[0];
        EXPECT_NE(l[0].find("8 000,00 €"), std::string::npos) << l[0];
    }
    for (const Optionnel& inv : {val(0.0), val("faux"), val("Non"), Optionnel(Plage(Cellule{}))}) {
        l = lignesDe(eci::calc::aideVerifier(10000, txt("diagnostic"), 7000, rien, val(1.0), val(1000.01), inv));
        ASSERT_EQ(l.size(), 1u);
        EXPECT_TRUE(commencePar(l[0], "Avertissement : ")) << l[0];
    }
}

// ------------------------------------------------------------------ errors ---

TEST(AideErreurs, ParametresHorsDomaine) {
    using namespace eci::calc;
    const Cellule diag = txt("diagnostic");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    // amounts
    EXPECT_THROW(aideAssiette(-1, rien, rien), ErreurArgument);
    EXPECT_THROW(aideAssiette(nan, rien, rien), ErreurArgument);
    EXPECT_THROW(aideAssiette(inf, rien, rien), ErreurArgument);
    EXPECT_THROW(aideAssiette(1e13, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(-0.01, diag, rien, rien, rien, rien), ErreurArgument);
    // VAT rate and recoverable share outside [0, 1]
    EXPECT_THROW(aideAssiette(100, val(20.0), rien), ErreurArgument);
    EXPECT_THROW(aideAssiette(100, val(-0.2), rien), ErreurArgument);
    EXPECT_THROW(aideAssiette(100, val(nan), rien), ErreurArgument);
    EXPECT_THROW(aideAssiette(100, rien, val(1.5)), ErreurArgument);
    EXPECT_THROW(aideAssiette(100, rien, val(-0.1)), ErreurArgument);
    EXPECT_THROW(aideAssiette(100, rien, val(1.0000001)), ErreurArgument);
    // text where a number is expected; a range where a cell is expected
    EXPECT_THROW(aideAssiette(100, val("20 %"), rien), ErreurArgument);
    EXPECT_THROW(aideAssiette(100, rien, val("beaucoup")), ErreurArgument);
    EXPECT_THROW(aideAssiette(100, ligne({0.2, 0.1}), rien), ErreurArgument);
    // aid rate: <= 0, above 70 %, NaN
    EXPECT_THROW(aideMontant(100, diag, val(0.0), rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, diag, val(-0.5), rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, diag, val(0.75), rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, diag, val(0.7000001), rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, diag, val(70.0), rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, diag, val(nan), rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, diag, val("70 %"), rien, rien, rien), ErreurArgument);
    // unknown words, numbers where a word is expected
    EXPECT_THROW(aideMontant(100, txt("étude"), rien, rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, Cellule(1.0), rien, rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, Cellule{}, rien, rien, rien, rien), ErreurArgument);
    EXPECT_THROW(aideMontant(100, diag, rien, rien, rien, val("base")), ErreurArgument);
    EXPECT_THROW(aideMontant(100, diag, rien, rien, rien, val(1.0)), ErreurArgument);
    EXPECT_THROW(aidePlafond(txt("investissement")), ErreurArgument);
    // split
    EXPECT_THROW(aideRepartition(-1, 0.5), ErreurArgument);
    EXPECT_THROW(aideRepartition(100, 1.2), ErreurArgument);
    EXPECT_THROW(aideRepartition(100, -0.1), ErreurArgument);
    EXPECT_THROW(aideRepartition(100, nan), ErreurArgument);
    // solde
    EXPECT_THROW(aideSolde(-1, 100, 100, rien, rien), ErreurArgument);
    EXPECT_THROW(aideSolde(70, 0, 100, rien, rien), ErreurArgument);
    EXPECT_THROW(aideSolde(70, 100, -5, rien, rien), ErreurArgument);
    EXPECT_THROW(aideSolde(70, 100, 100, val(-1.0), rien), ErreurArgument);
    EXPECT_THROW(aideSolde(70, 100, 100, val("10"), rien), ErreurArgument);
    EXPECT_THROW(aideSolde(70, 100, 100, rien, val("forfait")), ErreurArgument);
    // self-financing
    EXPECT_THROW(aideAutofinancement(0, Plage(Cellule(0.0))), ErreurArgument);
    EXPECT_THROW(aideAutofinancement(-1, Plage(Cellule(10.0))), ErreurArgument);
    EXPECT_THROW(aideAutofinancement(10, ligne({10.0, std::string("ADEME")})), ErreurArgument);
    EXPECT_THROW(aideAutofinancement(10, ligne({10.0, -5.0})), ErreurArgument);
    EXPECT_THROW(aideAutofinancement(10, Plage(eci::calc::kMaxLignes + 1, 1)), ErreurArgument);
    // verifier
    EXPECT_NE(aideVerifier(100, txt("?"), 70, rien, rien, rien, rien).find("hase"), std::string::npos);
    EXPECT_NE(aideVerifier(100, diag, -70, rien, rien, rien, rien).find("aide_demandee"), std::string::npos);
    EXPECT_NE(aideVerifier(100, diag, 70, rien, rien, val("x"), rien), "OK");
    EXPECT_NE(aideVerifier(100, diag, 70, rien, rien, rien, val("peut-être")).find("investissement"), std::string::npos);
    EXPECT_NE(aideVerifier(100, diag, 70, rien, rien, rien, val(2.0)).find("investissement"), std::string::npos);
}

using eci::calc::test::message;

TEST(AideErreurs, MessagesEnFrancais) {
    using namespace eci::calc;
    EXPECT_EQ(message([] { aideMontant(100, txt("diagnostic"), val(0.75), rien, rien, rien); }),
              "Le taux d'aide 0,75 dépasse le maximum de l'appel (70 %).");
    EXPECT_EQ(message([] { aideMontant(100, txt("diagnostic"), val(70.0), rien, rien, rien); }),
              "Le taux d'aide 70 dépasse le maximum de l'appel (70 %). Saisir une fraction : 0,7 pour 70 %.");
    EXPECT_EQ(message([] { aideAssiette(100, val(20.0), rien); }),
              "Le taux de TVA 20 doit être compris entre 0 et 1 (0,2 pour 20 %).");
    EXPECT_EQ(message([] { aideMontant(100, txt("étude"), rien, rien, rien, rien); }),
              "Phase inconnue « étude » : attendu diagnostic, accompagnement ou mise en œuvre.");
    EXPECT_EQ(message([] { aideAssiette(-5, rien, rien); }),
              "L'argument « montant_ht » vaut -5 : saisir un montant en euros positif ou nul.");
    EXPECT_EQ(message([] { aideRepartition(100, 1.2); }),
              "La part ADEME 1,2 doit être comprise entre 0 et 1 (0,5 pour moitié ; le reste va à la Région).");
    EXPECT_EQ(message([] { aideAssiette(100, val("20 %"), rien); }),
              "L'argument « taux_tva » doit être un nombre, pas le texte « 20 % ».");
}

TEST(AidePropriete, FonctionsEnEurosCoherentesAvecLeDomaine) {
    // the cell layer returns euros whose cents are the domain's, and the split sums to the aid
    std::mt19937_64 g(3);
    std::uniform_int_distribution<std::int64_t> montant(0, 30000000);
    for (int i = 0; i < 20000; ++i) {
        std::int64_t c = montant(g);
        double ht = c / 100.0;
        double a = eci::calc::aideMontant(ht, txt(i % 2 ? "diagnostic" : "accompagnement"), rien, rien, rien, rien);
        aide::Montant am = aide::Montant::depuisEuros(a);
        ASSERT_EQ(am.euros(), a);
        Plage p = eci::calc::aideRepartition(a, 0.37);
        aide::Montant s = aide::Montant::depuisEuros(std::get<double>(p.at(0, 0))) +
                          aide::Montant::depuisEuros(std::get<double>(p.at(0, 1)));
        ASSERT_EQ(s, am);
    }
}

}  // namespace
