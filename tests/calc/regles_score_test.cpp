// Score rules of a référentiel passed as a range, in a real headless Calc (issue 14,
// docs/score.md §5.7-§5.8): the CAE's rule min(score(cae_1.2.3), score(cae_3.3.5)) on a small
// extract typed in the layout of data/referentiel-eci.csv, and bad rules (an unknown node, a
// cycle) giving Err:502 in the scores and a French line in ECI.VERIFIER.
//
// Sheet layout:
//   A1:K12  the référentiel (header row, root, 10 nodes); column J the score rules
//   M1:N4   ids | statuts
//   P1:W4   =ECI.EVALUER(M1:N… ; … ; ; ; A1:K12) (4 x 8)
//   Y1..    ECI.SCORE and ECI.VERIFIER
#include <string>
#include <vector>

#include "office.hpp"

using namespace eci::test;

namespace {

constexpr int kErrIllegalArgument = 502;

std::vector<Row> referentiel(const std::string& regle123, const std::string& regle335) {
    auto t = [](const char* s) -> Value { return *s ? Value(std::string(s)) : Value(Blank{}); };
    auto ligne = [&](const char* id, const char* parent, const char* niveau, const char* nom, Value points,
                     const std::string& score, const char* actionId) {
        return Row{t(id), t(parent), t(niveau), t(nom), points, Blank{}, Blank{}, Blank{}, Blank{},
                   score.empty() ? Value(Blank{}) : Value(score), t(actionId)};
    };
    return {
        Row{std::string("identifiant"), std::string("parent"), std::string("niveau"), std::string("nom"),
            std::string("points"), std::string("pourcentage"), std::string("categorie"),
            std::string("desactivation"), std::string("reduction"), std::string("score"), std::string("action_id")},
        ligne("", "", "referentiel", "Climat Air Énergie (extrait)", Blank{}, "", "cae"),
        ligne("1", "", "axe", "Axe 1", Blank{}, "", "cae_1"),
        ligne("1.2", "1", "sous-axe", "Sous-axe 1.2", Blank{}, "", "cae_1.2"),
        ligne("1.2.3", "1.2", "action", "Prévention des déchets", 20.0, regle123, "cae_1.2.3"),
        ligne("1.2.3.1", "1.2.3", "sous-action", "", Blank{}, "", "cae_1.2.3.1"),
        ligne("1.2.3.2", "1.2.3", "sous-action", "", Blank{}, "", "cae_1.2.3.2"),
        ligne("3", "", "axe", "Axe 3", Blank{}, "", "cae_3"),
        ligne("3.3", "3", "sous-axe", "Sous-axe 3.3", Blank{}, "", "cae_3.3"),
        ligne("3.3.5", "3.3", "action", "Valorisation des déchets", 20.0, regle335, "cae_3.3.5"),
        ligne("3.3.5.1", "3.3.5", "sous-action", "", Blank{}, "", "cae_3.3.5.1"),
        ligne("3.3.5.2", "3.3.5", "sous-action", "", Blank{}, "", "cae_3.3.5.2"),
    };
}

void statuts(Sheet& s) {
    // 1.2.3: fait + pas fait → ratio 10 / 20 = 0.5; 3.3.5: fait + fait → ratio 20 / 20 = 1.
    s.setValues("M1", {Row{std::string("1.2.3.1"), std::string("fait")},
                       Row{std::string("1.2.3.2"), std::string("pas fait")},
                       Row{std::string("3.3.5.1"), std::string("fait")},
                       Row{std::string("3.3.5.2"), std::string("fait")}});
}

const std::string kArgs = "M1:M4;N1:N4";

}  // namespace

TEST_F(CalcTest, ReglesScoreTheCaeRuleCapsAnActionInARangeReferentiel) {
    sheet.setValues("A1", referentiel("", "min(score(cae_1.2.3), score(cae_3.3.5))"));
    statuts(sheet);
    sheet.setArrayFormula("P1:W4", "=ECI.EVALUER(" + kArgs + ";;;A1:K12)");
    sheet.setFormula("Y1", "=ECI.SCORE(" + kArgs + ";\"3.3.5\";\"fait\";;;A1:K12)");
    sheet.setFormula("Y2", "=ECI.SCORE(" + kArgs + ";\"3\";\"fait\";;;A1:K12)");
    sheet.setFormula("Y3", "=ECI.SCORE(" + kArgs + ";;\"fait\";;;A1:K12)");
    sheet.setFormula("Y4", "=ECI.SCORE(" + kArgs + ";;\"pourcentage\";;;A1:K12)");
    sheet.setFormula("Y5", "=ECI.SCORE(" + kArgs + ";\"3.3.5\";\"pas_fait\";;;A1:K12)");
    sheet.setFormula("Y6", "=ECI.VERIFIER(" + kArgs + ";;;A1:K12)");
    sheet.recalc();
    // §5.8: v = min(0.5, 1) = 0.5, factor 0.5 / 1 = 0.5 on pointFait of 3.3.5 and below:
    // 3.3.5.1 and 3.3.5.2 10 → 5, 3.3.5 = 10, axe 3 = 10, root = 10 + 10 = 20 of 40 (50 %).
    EXPECT_EQ(sheet.value("Y1"), 10);
    EXPECT_EQ(sheet.value("Y2"), 10);
    EXPECT_EQ(sheet.value("Y3"), 20);
    EXPECT_EQ(sheet.value("Y4"), 50);
    EXPECT_EQ(sheet.value("Y5"), 0);  // pas fait unchanged
    EXPECT_EQ(sheet.text("Y6"), "OK");
    // EVALUER row of 3.3.5.1: référentiel 10, potentiel 10, fait 5, programmé 0, pas fait 0,
    // non renseigné 0, % fait 50, fait. The rows of 1.2.3 are untouched (fait 10, pas fait 0 / 10).
    const std::vector<Row> r = sheet.values("P1:W4");
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[2], (Row{10.0, 10.0, 5.0, 0.0, 0.0, 0.0, 50.0, std::string("fait")}));
    EXPECT_EQ(r[3], (Row{10.0, 10.0, 5.0, 0.0, 0.0, 0.0, 50.0, std::string("fait")}));
    EXPECT_EQ(r[0], (Row{10.0, 10.0, 10.0, 0.0, 0.0, 0.0, 100.0, std::string("fait")}));
    EXPECT_EQ(r[1], (Row{10.0, 10.0, 0.0, 0.0, 10.0, 0.0, 0.0, std::string("pas fait")}));
}

TEST_F(CalcTest, ReglesScoreUnknownNodeOrCycleIsErr502AndVerifierSaysWhy) {
    sheet.setValues("A1", referentiel("", "min(score(cae_1.2.9), score(cae_3.3.5))"));
    sheet.setValues("A21", referentiel("min(score(cae_3.3.5), 1)", "min(score(cae_1.2.3), score(cae_3.3.5))"));
    statuts(sheet);
    sheet.setFormula("Y1", "=ECI.SCORE(" + kArgs + ";;\"fait\";;;A1:K12)");
    sheet.setFormula("Y2", "=ECI.VERIFIER(" + kArgs + ";;;A1:K12)");
    sheet.setFormula("Y3", "=ECI.SCORE(" + kArgs + ";;\"fait\";;;A21:K32)");
    sheet.setFormula("Y4", "=ECI.VERIFIER(" + kArgs + ";;;A21:K32)");
    sheet.setArrayFormula("P1:W4", "=ECI.EVALUER(" + kArgs + ";;;A21:K32)");
    sheet.recalc();
    EXPECT_EQ(sheet.error("Y1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("Y3"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("P1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("Y2"), 0);
    EXPECT_NE(sheet.text("Y2").find("score(cae_1.2.9) ne nomme aucun nœud du référentiel"), std::string::npos)
        << sheet.text("Y2");
    EXPECT_NE(sheet.text("Y4").find("règles de score en cycle (1.2.3 → 3.3.5 → 1.2.3)"), std::string::npos)
        << sheet.text("Y4");
    EXPECT_TRUE(Office::instance().alive());
}
