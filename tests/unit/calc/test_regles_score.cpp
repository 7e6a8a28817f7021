// Score rules of a référentiel passed as a range (issue 14, docs/score.md §5.7-§5.8):
// the CAE's rule min(score(cae_1.2.3), score(cae_3.3.5)) through eci::calc, with and
// without the root row's action_id (the prefix), and bad rules reported in French.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eci/calc/fonctions.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::Optionnel;
using eci::calc::Plage;

const char* const kMin = "min(score(cae_1.2.3), score(cae_3.3.5))";

// The référentiel in the layout of data/referentiel-eci.csv (the points on the actions):
//   1 > 1.2 > 1.2.3 (20) > 1.2.3.1, 1.2.3.2 (10 + 10); 3 > 3.3 > 3.3.5 (20) > 3.3.5.1, 3.3.5.2.
// `regle35`: the score rule of 3.3.5; `regle123`: that of 1.2.3; `prefixe`: the root's action_id.
Plage referentiel(const std::string& regle35, const std::string& regle123 = "", const std::string& prefixe = "cae") {
    const std::vector<std::vector<std::string>> lignes = {
        {"identifiant", "parent", "niveau", "nom", "points", "pourcentage", "categorie", "desactivation",
         "reduction", "score", "action_id"},
        {"", "", "referentiel", "Climat Air Énergie (extrait)", "", "", "", "", "", "", prefixe},
        {"1", "", "axe", "Axe 1", "", "", "", "", "", "", ""},
        {"1.2", "1", "sous-axe", "", "", "", "", "", "", "", ""},
        {"1.2.3", "1.2", "action", "Prévention des déchets", "20", "", "", "", "", regle123, ""},
        {"1.2.3.1", "1.2.3", "sous-action", "", "", "", "", "", "", "", ""},
        {"1.2.3.2", "1.2.3", "sous-action", "", "", "", "", "", "", "", ""},
        {"3", "", "axe", "Axe 3", "", "", "", "", "", "", ""},
        {"3.3", "3", "sous-axe", "", "", "", "", "", "", "", ""},
        {"3.3.5", "3.3", "action", "Valorisation des déchets", "20", "", "", "", "", regle35, ""},
        {"3.3.5.1", "3.3.5", "sous-action", "", "", "", "", "", "", "", ""},
        {"3.3.5.2", "3.3.5", "sous-action", "", "", "", "", "", "", "", ""},
    };
    Plage p(lignes.size(), lignes[0].size());
    for (std::size_t l = 0; l < lignes.size(); ++l)
        for (std::size_t c = 0; c < lignes[l].size(); ++c)
            if (!lignes[l][c].empty()) p.at(l, c) = lignes[l][c];
    return p;
}

// Without the action_id column at all.
Plage sansActionId(const Plage& r) {
    Plage p(r.lignes, r.colonnes - 1);
    for (std::size_t l = 0; l < r.lignes; ++l)
        for (std::size_t c = 0; c + 1 < r.colonnes; ++c) p.at(l, c) = r.at(l, c);
    return p;
}

struct Feuille {
    Plage ids{4, 1}, statuts{4, 1};
    Feuille() {
        // 1.2.3: fait + pas fait → ratio 10 / 20 = 0.5; 3.3.5: fait + fait → ratio 1.
        const char* id[] = {"1.2.3.1", "1.2.3.2", "3.3.5.1", "3.3.5.2"};
        const char* st[] = {"fait", "pas fait", "fait", "fait"};
        for (std::size_t i = 0; i < 4; ++i) {
            ids.at(i, 0) = std::string(id[i]);
            statuts.at(i, 0) = std::string(st[i]);
        }
    }
    double score(const Plage& ref, const char* noeud, const char* mesure = "fait") const {
        return eci::calc::score(ids, statuts, Plage(Cellule(std::string(noeud))), Plage(Cellule(std::string(mesure))),
                                std::nullopt, std::nullopt, ref);
    }
    std::string verifier(const Plage& ref) const {
        return eci::calc::verifier(ids, statuts, std::nullopt, std::nullopt, ref);
    }
};

TEST(ReglesScorePlage, TheCaeRuleCapsThePointsFaitOf335) {
    // v = min(0.5, 1) = 0.5, factor 0.5 / 1: 3.3.5 20 → 10, axe 3 → 10, root 30 → 20 (50 %).
    const Feuille f;
    for (const Plage& ref : {referentiel(kMin), sansActionId(referentiel(kMin)), referentiel(kMin, "", "")}) {
        EXPECT_EQ(f.score(ref, "3.3.5"), 10);
        EXPECT_EQ(f.score(ref, "3.3.5.1"), 5);
        EXPECT_EQ(f.score(ref, "3"), 10);
        EXPECT_EQ(f.score(ref, "1.2.3"), 10);
        EXPECT_EQ(f.score(ref, ""), 20);
        EXPECT_EQ(f.score(ref, "", "pourcentage"), 50);
        EXPECT_EQ(f.score(ref, "3.3.5", "pas_fait"), 0);
        EXPECT_EQ(f.score(ref, "3.3.5", "potentiel"), 20);
        EXPECT_EQ(f.verifier(ref), "OK");
    }
    // The same référentiel without the rule: 3.3.5 keeps 20, root 30.
    EXPECT_EQ(f.score(referentiel(""), "3.3.5"), 20);
    EXPECT_EQ(f.score(referentiel(""), ""), 30);
}

TEST(ReglesScorePlage, EvaluerGivesTheSameRow) {
    const Feuille f;
    Plage r = eci::calc::evaluer(f.ids, f.statuts, std::nullopt, std::nullopt, referentiel(kMin));
    // 3.3.5.1: référentiel 10, potentiel 10, fait 10 × 0.5 = 5, programmé 0, pas fait 0, non renseigné 0,
    // % fait 5 / 10 = 50, status fait.
    EXPECT_EQ(std::get<double>(r.at(2, 0)), 10);
    EXPECT_EQ(std::get<double>(r.at(2, 1)), 10);
    EXPECT_EQ(std::get<double>(r.at(2, 2)), 5);
    EXPECT_EQ(std::get<double>(r.at(2, 4)), 0);
    EXPECT_EQ(std::get<double>(r.at(2, 6)), 50);
    EXPECT_EQ(std::get<std::string>(r.at(2, 7)), "fait");
}

TEST(ReglesScorePlage, AnUnknownNodeIsAnErrorAndVerifierSaysWhichRule) {
    const Feuille f;
    const Plage ref = referentiel("min(score(cae_1.2.9), score(cae_3.3.5))");
    EXPECT_THROW(f.score(ref, "3.3.5"), eci::calc::ErreurArgument);
    EXPECT_THROW(eci::calc::evaluer(f.ids, f.statuts, std::nullopt, std::nullopt, ref), eci::calc::ErreurArgument);
    const std::string v = f.verifier(ref);
    EXPECT_NE(v.find("règle de score du nœud « 3.3.5 » : score(cae_1.2.9) ne nomme aucun nœud du référentiel"),
              std::string::npos)
        << v;
}

TEST(ReglesScorePlage, ACycleBetweenRulesIsAnErrorAndVerifierShowsIt) {
    const Feuille f;
    const Plage ref = referentiel(kMin, "min(score(cae_3.3.5), 1)");
    EXPECT_THROW(f.score(ref, ""), eci::calc::ErreurArgument);
    const std::string v = f.verifier(ref);
    EXPECT_NE(v.find("règles de score en cycle (1.2.3 → 3.3.5 → 1.2.3)"), std::string::npos) << v;
}

}  // namespace
