// Score rules (docs/score.md §5.7-§5.8, §8.4) on a small CAE-like référentiel
// built in the domain: the ratio map taken before rounding, the formula kept
// symbolic by the rule pass and evaluated again with the ratios, the factor
// v / ratio[node] on pointFait only and passed down, the re-sum of pointFait
// on nodes without a status row only, one rounding at the end. Every expected
// value is worked by hand from the spec (arithmetic in the comments).
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "eci/personnalisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/score.hpp"

namespace {

using eci::StatutSaisi;

// The tree, prefix « cae » (levels as in the CAE: axe, sous-axe, action, sous-action, tâche):
//   1 > 1.2 > 1.2.3 (20 pts) > 1.2.3.1, 1.2.3.2            (equal shares: 10 + 10)
//   3 > 3.3 > 3.3.5 (20 pts) > 3.3.5.1 (10) > 3.3.5.1.1, 3.3.5.1.2 (5 + 5)
//                            > 3.3.5.2 (10)
// Root potentiel 40. The action level is 3 (depth of the actions).
struct Regles {
    std::map<std::string, std::string> score, desactivation;
};

std::shared_ptr<const eci::Referentiel> arbre(const Regles& r = {}) {
    struct L { const char* id; const char* niveau; std::optional<double> points; };
    const L lignes[] = {
        {"", "referentiel", {}},   {"1", "axe", {}},           {"1.2", "sous-axe", {}},
        {"1.2.3", "action", 20.0}, {"1.2.3.1", "sous-action", {}}, {"1.2.3.2", "sous-action", {}},
        {"3", "axe", {}},          {"3.3", "sous-axe", {}},    {"3.3.5", "action", 20.0},
        {"3.3.5.1", "sous-action", {}}, {"3.3.5.1.1", "tache", {}}, {"3.3.5.1.2", "tache", {}},
        {"3.3.5.2", "sous-action", {}},
    };
    std::vector<eci::LigneReferentiel> v;
    for (const L& l : lignes) {
        eci::LigneReferentiel x;
        x.identifiant = l.id;
        x.niveau = l.niveau;
        x.points = l.points;
        if (auto it = r.score.find(l.id); it != r.score.end()) x.score = it->second;
        if (auto it = r.desactivation.find(l.id); it != r.desactivation.end()) x.desactivation = it->second;
        v.push_back(x);
    }
    return eci::Referentiel::construire(v, "cae");
}

struct Resultat {
    std::shared_ptr<const eci::Referentiel> ref;
    std::vector<std::optional<eci::Consequence>> cons;
    std::vector<eci::ScoreNoeud> s;
    const eci::ScoreNoeud& operator[](const char* id) const {
        const int i = ref->index(id);
        EXPECT_GE(i, 0) << id;
        return s[static_cast<std::size_t>(i)];
    }
};

Resultat calculer(std::shared_ptr<const eci::Referentiel> ref,
                  const std::map<std::string, eci::LigneStatut>& statuts) {
    Resultat r;
    r.ref = ref;
    eci::regle::Contexte ctx;
    ctx.reponses.emplace();
    ctx.identite.emplace();
    r.cons = eci::consequences(*ref, ctx);
    eci::EntreesCalcul e;
    e.statuts.assign(ref->taille(), std::nullopt);
    for (const auto& [id, l] : statuts) e.statuts[static_cast<std::size_t>(ref->index(id))] = l;
    e.consequences = r.cons;
    eci::ParametresCalcul p;
    p.niveauAction = ref->niveauAction();
    r.s = eci::calculerScores(*ref, e, p);
    return r;
}

eci::LigneStatut st(StatutSaisi s) { return eci::ligneStatut(s); }

const char* const kMin = "min(score(cae_1.2.3), score(cae_3.3.5))";  // the CAE's rule on 3.3.5

// 1.2.3: fait + pas fait (ratio 10 / 20 = 0.5); 3.3.5: fait + fait (ratio 20 / 20 = 1).
std::map<std::string, eci::LigneStatut> casDeBase() {
    return {{"1.2.3.1", st(StatutSaisi::fait)}, {"1.2.3.2", st(StatutSaisi::pasFait)},
            {"3.3.5.1", st(StatutSaisi::fait)}, {"3.3.5.2", st(StatutSaisi::fait)}};
}

TEST(ReglesScore, TheRulePassKeepsTheFormulaSymbolic) {
    // §8.4: evaluated without a score map, score(x) stays the text "score(x)", and min of two
    // texts is the text "min(a, b)": the consequence is the formula itself.
    Resultat r = calculer(arbre({{{"3.3.5", kMin}}, {}}), {});
    const auto& c = r.cons[static_cast<std::size_t>(r.ref->index("3.3.5"))];
    ASSERT_TRUE(c && c->scoreFormule);
    EXPECT_EQ(*c->scoreFormule, kMin);
    EXPECT_EQ(r.ref->niveauAction(), 3);
}

TEST(ReglesScore, MinOfTwoScoresCapsTheRatioAndScalesPointFaitOnly) {
    Resultat r = calculer(arbre({{{"3.3.5", kMin}}, {}}),
                          casDeBase());
    // §5.6: 1.2.3 fait 10 / 20, 3.3.5 fait 10 + 10 = 20 / 20.
    // §5.7: ratio(1.2.3) = 10 / 20 = 0.5, ratio(3.3.5) = 20 / 20 = 1.
    // §5.8: v = min(0.5, 1) = 0.5, factor = 0.5 / 1 = 0.5 on 3.3.5 and below:
    //   3.3.5.1 10 × 0.5 = 5, its tâches 0 × 0.5 = 0, 3.3.5.2 10 × 0.5 = 5;
    //   re-sum (no status row): 3.3.5 = 5 + 5 = 10, 3.3 = 10, 3 = 10, root = 10 + 10 = 20.
    EXPECT_EQ(r["3.3.5"].pointFait, 10);
    EXPECT_EQ(r["3.3.5.1"].pointFait, 5);
    EXPECT_EQ(r["3.3.5.2"].pointFait, 5);
    EXPECT_EQ(r["3.3.5.1.1"].pointFait, 0);
    EXPECT_EQ(r["3.3"].pointFait, 10);
    EXPECT_EQ(r["3"].pointFait, 10);
    EXPECT_EQ(r["cae"].pointFait, 20);
    // Only pointFait changes: the potentiel and the other splits keep their §5.6 values.
    EXPECT_EQ(r["3.3.5"].pointPotentiel, 20);
    EXPECT_EQ(r["3.3.5"].pointPasFait, 0);
    EXPECT_EQ(r["3.3.5"].pointProgramme, 0);
    EXPECT_EQ(r["3.3.5"].pointNonRenseigne, 0);
    EXPECT_EQ(r["3.3.5.1"].faitTachesAvancement, 2);  // 2 tâches × fraction 1, not scaled
    EXPECT_EQ(r["1.2.3"].pointFait, 10);              // the node read by the rule is untouched
    EXPECT_EQ(r["cae"].pointPasFait, 10);
    // Stars from the rounded root: 100 × 20 / 40 = 50 % → 3 (without the rule: 30 / 40 = 75 % → 5).
    ASSERT_TRUE(r["cae"].etoiles);
    EXPECT_EQ(*r["cae"].etoiles, 3);
}

TEST(ReglesScore, TheRuleOnlyEverLowersToTheOtherRatio) {
    // ratio(1.2.3) = 1 (both fait) above ratio(3.3.5) = 10 / 20 = 0.5: v = min(1, 0.5) = 0.5,
    // factor 0.5 / 0.5 = 1: nothing changes, 3.3.5 keeps 10.
    Resultat r = calculer(arbre({{{"3.3.5", kMin}}, {}}),
                          {{"1.2.3.1", st(StatutSaisi::fait)}, {"1.2.3.2", st(StatutSaisi::fait)},
                           {"3.3.5.1", st(StatutSaisi::fait)}, {"3.3.5.2", st(StatutSaisi::pasFait)}});
    EXPECT_EQ(r["3.3.5"].pointFait, 10);
    EXPECT_EQ(r["cae"].pointFait, 30);
}

TEST(ReglesScore, RatiosAreTakenBeforeRoundingAndRoundedOnceAtTheEnd) {
    // 1.2.3.1 détaillé 2/3, 1/3, 0: fait 10 × 2/3 = 6.666…; 1.2.3.2 pas fait.
    // ratio(1.2.3) = 6.666… / 20 = 1/3 (unrounded); ratio(3.3.5) = 1; factor = 1/3.
    // 3.3.5.1 = 3.3.5.2 = 10 / 3 = 3.333…, 3.3.5 = 6.666… → rounded once: 6.667 (rounding the
    // children first would give 3.333 + 3.333 = 6.666). Root 6.666… + 6.666… = 13.333….
    Resultat r = calculer(arbre({{{"3.3.5", kMin}}, {}}),
                          {{"1.2.3.1", eci::ligneStatut(StatutSaisi::detaille, eci::Fractions{2.0 / 3, 1.0 / 3, 0})},
                           {"1.2.3.2", st(StatutSaisi::pasFait)},
                           {"3.3.5.1", st(StatutSaisi::fait)},
                           {"3.3.5.2", st(StatutSaisi::fait)}});
    EXPECT_EQ(r["1.2.3"].pointFait, 6.667);
    EXPECT_EQ(r["3.3.5.1"].pointFait, 3.333);
    EXPECT_EQ(r["3.3.5.2"].pointFait, 3.333);
    EXPECT_EQ(r["3.3.5"].pointFait, 6.667);
    EXPECT_EQ(r["cae"].pointFait, 13.333);
}

TEST(ReglesScore, ARuleOnANodeWithAStatusRowIsNotResummed) {
    // Rule on the sous-action 3.3.5.1, which carries a détaillé row 0.8 / 0.2 / 0 and masks its
    // two tâches, both fait (they keep their own scores: 5 each).
    // §5.6: 3.3.5.1 fait 10 × 0.8 = 8, programmé 2. ratio(3.3.5.1) = 8 / 10 = 0.8; ratio(1.2.3) = 0.5.
    // §5.8: v = min(0.5, 0.8) = 0.5, factor = 0.5 / 0.8 = 0.625:
    //   3.3.5.1 8 × 0.625 = 5, tâches 5 × 0.625 = 3.125 each;
    //   3.3.5.1 has a status row: no re-sum (the children's 6.25 is not taken), it stays 5;
    //   3.3.5 (no row) = 5 + 0 (3.3.5.2 pas fait) = 5; root = 10 + 5 = 15.
    Resultat r = calculer(arbre({{{"3.3.5.1", "min(score(cae_1.2.3), score(cae_3.3.5.1))"}}, {}}),
                          {{"1.2.3.1", st(StatutSaisi::fait)}, {"1.2.3.2", st(StatutSaisi::pasFait)},
                           {"3.3.5.1", eci::ligneStatut(StatutSaisi::detaille, eci::Fractions{0.8, 0.2, 0})},
                           {"3.3.5.1.1", st(StatutSaisi::fait)}, {"3.3.5.1.2", st(StatutSaisi::fait)},
                           {"3.3.5.2", st(StatutSaisi::pasFait)}});
    EXPECT_EQ(r["3.3.5.1"].pointFait, 5);
    EXPECT_EQ(r["3.3.5.1"].pointProgramme, 2);
    EXPECT_EQ(r["3.3.5.1.1"].pointFait, 3.125);
    EXPECT_EQ(r["3.3.5.1.2"].pointFait, 3.125);
    EXPECT_EQ(r["3.3.5"].pointFait, 5);
    EXPECT_EQ(r["cae"].pointFait, 15);
}

TEST(ReglesScore, ARuleWhoseRatioIsZeroSetsNoFactor) {
    // A pas fait row on the action 3.3.5 masks its sous-actions, both fait (10 each).
    // ratio(3.3.5) = 0 / 20 = 0: v = min(0.5, 0) = 0 is not null, but ratio ≤ 0 so no factor
    // (not 0 / 0): the sous-actions keep 10 each, 3.3.5 keeps its row's 0 fait / 20 pas fait,
    // 3.3 re-sums 3.3.5 = 0, root = 10 + 0 = 10.
    Resultat r = calculer(arbre({{{"3.3.5", kMin}}, {}}),
                          {{"1.2.3.1", st(StatutSaisi::fait)}, {"1.2.3.2", st(StatutSaisi::pasFait)},
                           {"3.3.5", st(StatutSaisi::pasFait)},
                           {"3.3.5.1", st(StatutSaisi::fait)}, {"3.3.5.2", st(StatutSaisi::fait)}});
    EXPECT_EQ(r["3.3.5.1"].pointFait, 10);
    EXPECT_EQ(r["3.3.5.2"].pointFait, 10);
    EXPECT_EQ(r["3.3.5"].pointFait, 0);
    EXPECT_EQ(r["3.3.5"].pointPasFait, 20);
    EXPECT_EQ(r["3.3"].pointFait, 0);
    EXPECT_EQ(r["cae"].pointFait, 10);
    for (const auto& s : r.s) EXPECT_FALSE(std::isnan(s.pointFait));
}

TEST(ReglesScore, ARuleUnderADeactivatedNodeIsSkipped) {
    // Axe 3 deactivated: 3.3.5 has potentiel 0, so its rule is not evaluated (pointPotentiel
    // falsy) and no factor is set; every pointFait of axe 3 is 0 (not NaN). Root = 1.2.3's 10.
    Resultat r = calculer(arbre({{{"3.3.5", kMin}}, {{"3", "VRAI"}}}),
                          casDeBase());
    EXPECT_TRUE(r["3.3.5"].desactive);
    EXPECT_EQ(r["3.3.5"].pointPotentiel, 0);
    EXPECT_EQ(r["3.3.5"].pointFait, 0);
    EXPECT_EQ(r["3.3.5.1"].pointFait, 0);
    EXPECT_EQ(r["3"].pointFait, 0);
    EXPECT_EQ(r["cae"].pointFait, 10);
    EXPECT_EQ(r["cae"].pointPotentiel, 20);
}

TEST(ReglesScore, ARuleReadingADeactivatedNodeReadsRatioZero) {
    // 1.2.3 deactivated: potentiel 0, so ratio(1.2.3) = 0. ratio(3.3.5) = 1, v = min(0, 1) = 0,
    // factor = 0 / 1 = 0: 3.3.5 and its sous-actions drop to 0 fait; the pas fait / programmé
    // splits and the potentiel 20 stay. Root fait 0 (without the rule: 20).
    Resultat r = calculer(arbre({{{"3.3.5", kMin}}, {{"1.2.3", "VRAI"}}}),
                          {{"3.3.5.1", st(StatutSaisi::fait)}, {"3.3.5.2", st(StatutSaisi::fait)}});
    EXPECT_EQ(r["1.2.3"].pointPotentiel, 0);
    EXPECT_EQ(r["3.3.5"].pointFait, 0);
    EXPECT_EQ(r["3.3.5.1"].pointFait, 0);
    EXPECT_EQ(r["3.3.5"].pointPotentiel, 20);
    EXPECT_EQ(r["cae"].pointFait, 0);
    EXPECT_EQ(r["cae"].pointPotentiel, 20);
}

TEST(ReglesScore, AFactorIsPassedDownAndAChildRuleReplacesIt) {
    // Rule on 3.3.5 (factor 0.5 as in the first case) and a rule on its sous-action 3.3.5.2 that
    // reads only its own node: v = ratio(3.3.5.2) = 1, factor = 1 / 1 = 1 replaces the inherited
    // 0.5 below 3.3.5.2. So 3.3.5.1 = 10 × 0.5 = 5, 3.3.5.2 = 10 × 1 = 10, 3.3.5 = 15, root 25.
    Resultat r = calculer(arbre({{{"3.3.5", kMin}, {"3.3.5.2", "score(cae_3.3.5.2)"}}, {}}),
                          casDeBase());
    EXPECT_EQ(r["3.3.5.1"].pointFait, 5);
    EXPECT_EQ(r["3.3.5.2"].pointFait, 10);
    EXPECT_EQ(r["3.3.5"].pointFait, 15);
    EXPECT_EQ(r["cae"].pointFait, 25);
}

TEST(ReglesScore, NamesAreTheNodesPlatformIdsWhateverThePrefixOfTheRange) {
    // A range pasted without the root row's action_id gets the default prefix « eci »: its rules
    // still name the platform's ids (cae_1.2.3). They name the same nodes, so the result is the
    // first case's (3.3.5 capped to 10).
    auto lignes = [] {
        std::vector<eci::LigneReferentiel> v;
        const auto source = arbre({{{"3.3.5", kMin}}, {}});
        for (const auto& n : source->noeuds()) {
            eci::LigneReferentiel x;
            x.identifiant = n.identifiant;
            x.niveau = n.type;
            x.points = n.pointsSource;
            if (n.identifiant == "3.3.5") x.score = kMin;
            v.push_back(x);
        }
        return v;
    }();
    auto ref = eci::Referentiel::construire(lignes);  // prefix « eci »
    EXPECT_EQ(eci::noeudDeScore(*ref, "cae_1.2.3"), ref->index("1.2.3"));
    EXPECT_EQ(eci::noeudDeScore(*ref, "eci_1.2.3"), ref->index("1.2.3"));
    EXPECT_EQ(eci::noeudDeScore(*ref, "cae_9.9"), -1);
    EXPECT_EQ(eci::noeudDeScore(*ref, "cae_"), -1);
    EXPECT_EQ(eci::noeudDeScore(*ref, "x"), -1);
    Resultat r = calculer(ref, casDeBase());
    EXPECT_EQ(r["3.3.5"].pointFait, 10);
    EXPECT_EQ(r["eci"].pointFait, 20);
}

// ------------------------------------------------------------- bad input ---

std::string erreur(const Regles& regles) {
    auto ref = arbre(regles);
    try {
        eci::verifierReglesScore(*ref);
    } catch (const eci::regle::ErreurEvaluation& e) {
        // consequences() refuses the same référentiel with the same message.
        eci::regle::Contexte ctx;
        ctx.reponses.emplace();
        try {
            eci::consequences(*ref, ctx);
            ADD_FAILURE() << "consequences() accepted it";
        } catch (const eci::regle::ErreurEvaluation& e2) {
            EXPECT_STREQ(e.what(), e2.what());
        }
        return e.what();
    }
    return "";
}

TEST(ReglesScore, AnUnknownNodeIsRefusedInFrench) {
    const std::string m = erreur({{{"3.3.5", "min(score(cae_1.2.9), score(cae_3.3.5))"}}, {}});
    EXPECT_NE(m.find("3.3.5"), std::string::npos) << m;
    EXPECT_NE(m.find("score(cae_1.2.9)"), std::string::npos) << m;
    EXPECT_NE(m.find("ne nomme aucun nœud"), std::string::npos) << m;
}

TEST(ReglesScore, ACycleBetweenRulesIsRefusedButARuleMayReadItsOwnNode) {
    EXPECT_EQ(erreur({{{"3.3.5", kMin}}, {}}), "");  // reads itself: the CAE rule
    const std::string m = erreur({{{"3.3.5", kMin}, {"1.2.3", "min(score(cae_3.3.5), 0.5)"}}, {}});
    EXPECT_NE(m.find("cycle"), std::string::npos) << m;
    EXPECT_NE(m.find("1.2.3 → 3.3.5 → 1.2.3"), std::string::npos) << m;
    // Three rules in a ring.
    const std::string m3 = erreur({{{"1.2.3.1", "score(cae_1.2.3.2)"},
                                    {"1.2.3.2", "score(cae_3.3.5)"},
                                    {"3.3.5", "score(cae_1.2.3.1)"}},
                                   {}});
    EXPECT_NE(m3.find("cycle"), std::string::npos) << m3;
    // A chain without a ring is fine.
    EXPECT_EQ(erreur({{{"1.2.3.1", "score(cae_1.2.3.2)"}, {"1.2.3.2", "score(cae_3.3.5)"}}, {}}), "");
}

TEST(ReglesScore, ALongChainOfRulesEndsWithoutOverflowingTheStack) {
    // 20 000 actions, each rule reading the next one's score, the last one the first: one ring.
    const int n = 20000;
    std::vector<eci::LigneReferentiel> v(2);
    v[0].niveau = "referentiel";
    v[1].identifiant = "1";
    v[1].niveau = "axe";
    for (int i = 1; i <= n; ++i) {
        eci::LigneReferentiel x;
        x.identifiant = "1." + std::to_string(i);
        x.niveau = "action";
        x.points = 1;
        x.score = "score(cae_1." + std::to_string(i % n + 1) + ")";
        v.push_back(x);
    }
    auto ref = eci::Referentiel::construire(v, "cae");
    EXPECT_THROW(eci::verifierReglesScore(*ref), eci::regle::ErreurEvaluation);
}

}  // namespace
