// The CRITERES functions (eci/calc/fonctions_criteres.hpp) on the selection rules: the examples of
// docs/selection.md, the spreadsheet conventions (NC, blanks, folded typologies) and the errors.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "eci/calc/fonctions_criteres.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::ErreurArgument;
using eci::calc::Optionnel;
using eci::calc::Plage;

Plage colonne(const std::vector<Cellule>& v) {
    Plage p(v.size(), 1);
    for (std::size_t i = 0; i < v.size(); ++i) p.at(i, 0) = v[i];
    return p;
}
Plage ligne(const std::vector<Cellule>& v) {
    Plage p(1, v.size());
    for (std::size_t i = 0; i < v.size(); ++i) p.at(0, i) = v[i];
    return p;
}
Optionnel opt(Cellule c) { return Plage(std::move(c)); }

// The examples of docs/selection.md.
TEST(CriteresDoc, ExamplesHold) {
    EXPECT_DOUBLE_EQ(eci::calc::criteresScore(ligne({4.0, std::string("NC"), 3.0, 5.0, 2.0, 4.0}),
                                              ligne({1.0, 1.0, 1.0, 1.0, 1.0, 1.0}), std::nullopt),
                     72.0);
    Plage h = colonne({80.0, 90.0, 80.0, 70.0}), b = colonne({3.0, 1.0, 4.0, 2.0});
    EXPECT_DOUBLE_EQ(eci::calc::criteresRang(80.0, h, std::nullopt, std::nullopt), 2);
    EXPECT_DOUBLE_EQ(eci::calc::criteresRang(80.0, h, opt(3.0), b), 3);
    Plage notes(3, 2);
    notes.at(0, 0) = 5.0; notes.at(0, 1) = 3.0;
    notes.at(1, 0) = 3.0; notes.at(1, 1) = 5.0;
    notes.at(2, 0) = 1.0; notes.at(2, 1) = std::string("NC");
    Plage r = eci::calc::criteresSensibilite(notes, ligne({1.0, 1.0}), opt(Cellule()), opt(1.0), std::nullopt,
                                             std::nullopt, std::nullopt, std::nullopt);
    std::vector<double> v;
    for (auto& c : r.cellules) v.push_back(std::get<double>(c));
    EXPECT_EQ(v, (std::vector<double>{1, 2, 1, 1, 2, 1, 3, 3, 0}));
}

// -------------------------------------------------- function layer: SCORE ---

TEST(CriteresScore, ConventionsAndErrors) {
    using eci::calc::criteresScore;
    EXPECT_DOUBLE_EQ(criteresScore(ligne({4.0, std::string("nc"), 2.0}), ligne({1.0, 5.0, 1.0}), std::nullopt), 60.0);
    EXPECT_DOUBLE_EQ(criteresScore(colonne({4.0, std::string(" NC "), 2.0}), ligne({1.0, 5.0, 1.0}), std::nullopt), 60.0);
    EXPECT_DOUBLE_EQ(criteresScore(ligne({std::string("10"), 20.0}), ligne({1.0, 1.0}), opt(20.0)), 75.0);
    EXPECT_DOUBLE_EQ(criteresScore(ligne({std::string("Non concerné"), 5.0}), ligne({1.0, 1.0}), opt(Cellule())), 100.0);
    EXPECT_THROW(criteresScore(ligne({Cellule(), 3.0}), ligne({1.0, 1.0}), std::nullopt), ErreurArgument);  // blank
    EXPECT_THROW(criteresScore(ligne({std::string("x"), 3.0}), ligne({1.0, 1.0}), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresScore(ligne({3.0, 3.0}), ligne({1.0}), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresScore(ligne({std::string("NC")}), ligne({1.0}), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresScore(ligne({6.0}), ligne({1.0}), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresScore(ligne({3.0}), ligne({-1.0}), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresScore(ligne({3.0}), ligne({0.0}), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresScore(Plage(), ligne({1.0}), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresScore(Plage(2, 2), ligne({1.0}), std::nullopt), ErreurArgument);
    try {
        criteresScore(ligne({Cellule(), 3.0}), ligne({1.0, 1.0}), std::nullopt);
    } catch (const ErreurArgument& e) {
        EXPECT_NE(std::string(e.what()).find("NC"), std::string::npos) << e.what();
    }
}

// --------------------------------------------------- function layer: RANG ---

TEST(CriteresRang, CompetitionAndTieBreak) {
    using eci::calc::criteresRang;
    Plage s = colonne({80.0, 90.0, 80.0, Cellule(), 70.0});
    EXPECT_DOUBLE_EQ(criteresRang(80.0, s, std::nullopt, std::nullopt), 2);
    EXPECT_DOUBLE_EQ(criteresRang(70.0, s, std::nullopt, std::nullopt), 4);
    EXPECT_DOUBLE_EQ(criteresRang(95.0, s, std::nullopt, std::nullopt), 1);
    Plage d = colonne({3.0, 1.0, 4.0, Cellule(), Cellule()});
    EXPECT_DOUBLE_EQ(criteresRang(80.0, s, opt(3.0), d), 3);
    EXPECT_DOUBLE_EQ(criteresRang(80.0, s, opt(4.0), d), 2);
    EXPECT_THROW(criteresRang(80.0, s, opt(3.0), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresRang(80.0, s, std::nullopt, d), ErreurArgument);
    EXPECT_THROW(criteresRang(80.0, s, opt(3.0), colonne({1.0})), ErreurArgument);  // heights
    EXPECT_THROW(criteresRang(std::string("abc"), s, std::nullopt, std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresRang(Cellule(), s, std::nullopt, std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresRang(80.0, colonne({std::string("bof")}), std::nullopt, std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresRang(80.0, Plage(), std::nullopt, std::nullopt), ErreurArgument);
}

// ---------------------------------------- function layer: SELECTION & co ---

TEST(CriteresSelection, TypologiesFoldedAndBlankRowsSkipped) {
    using eci::calc::criteresSelection;
    Plage scores = colonne({90.0, 85.0, 80.0, 40.0, Cellule(), 30.0});
    Plage tt = colonne({std::string("Urbain"), std::string("urbain "), std::string("URBAIN"), std::string("Rural"),
                        Cellule(), std::string("rural")});
    Plage tc = colonne({std::string("Communauté d'agglomération"), std::string("communaute d'agglomeration"),
                        std::string("COMMUNAUTÉ-D'AGGLOMÉRATION"), std::string("Communauté de communes"), Cellule(),
                        std::string("communauté d'agglomération")});
    Plage r = criteresSelection(scores, tt, tc, opt(3.0), std::nullopt);
    ASSERT_EQ(r.lignes, 6u);
    ASSERT_EQ(r.colonnes, 1u);
    std::vector<double> v;
    for (auto& c : r.cellules) v.push_back(std::get<double>(c));
    EXPECT_EQ(v, (std::vector<double>{1, 1, 0, 1, 0, 0}));
    EXPECT_DOUBLE_EQ(eci::calc::criteresCoutPanel(scores, tt, tc, opt(3.0), std::nullopt), 40.0);
    Plage rp = eci::calc::criteresRemplacements(scores, tt, tc, opt(3.0), std::nullopt);
    EXPECT_EQ(rp.at(3, 0), Cellule(3.0));  // row 4 (40) replaced row 3 (80)
    EXPECT_EQ(rp.at(0, 0), Cellule());
    // Default nombre 10: everyone.
    Plage tous = criteresSelection(scores, tt, tc, std::nullopt, opt(Cellule()));
    EXPECT_EQ(tous.at(4, 0), Cellule(0.0));
    EXPECT_EQ(tous.at(5, 0), Cellule(1.0));
    // score_min
    Plage haut = criteresSelection(scores, tt, tc, std::nullopt, opt(std::string("80")));
    EXPECT_EQ(haut.at(2, 0), Cellule(1.0));
    EXPECT_EQ(haut.at(3, 0), Cellule(0.0));
}

TEST(CriteresSelection, Errors) {
    using eci::calc::criteresSelection;
    Plage s = colonne({90.0, 80.0});
    Plage t = colonne({std::string("a"), std::string("b")});
    EXPECT_THROW(criteresSelection(s, colonne({std::string("a")}), t, std::nullopt, std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresSelection(colonne({90.0, std::string("beaucoup")}), t, t, std::nullopt, std::nullopt),
                 ErreurArgument);
    EXPECT_THROW(criteresSelection(colonne({90.0, Cellule()}), t, t, std::nullopt, std::nullopt),
                 ErreurArgument);  // blank score on a row with typologies
    EXPECT_THROW(criteresSelection(colonne({90.0, -5.0}), t, t, std::nullopt, std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresSelection(Plage(), Plage(), Plage(), std::nullopt, std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresSelection(s, t, t, opt(0.0), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresSelection(s, t, t, opt(2.5), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresSelection(s, t, t, opt(std::string("dix")), std::nullopt), ErreurArgument);
    EXPECT_THROW(criteresSelection(s, t, t, std::nullopt, opt(std::string("x"))), ErreurArgument);
    Plage deux(2, 2);
    EXPECT_THROW(criteresSelection(deux, t, t, std::nullopt, std::nullopt), ErreurArgument);
    Plage grand(eci::calc::kMaxLignes + 1, 1);
    EXPECT_THROW(criteresSelection(grand, grand, grand, std::nullopt, std::nullopt), ErreurArgument);
    try {
        criteresSelection(s, colonne({std::string("a")}), t, std::nullopt, std::nullopt);
    } catch (const ErreurArgument& e) {
        EXPECT_NE(std::string(e.what()).find("même hauteur"), std::string::npos) << e.what();
    }
    EXPECT_THROW(eci::calc::criteresCoutPanel(s, t, colonne({1.0}), std::nullopt, std::nullopt), ErreurArgument);
}

TEST(CriteresSensibilite, ShapeAndErrors) {
    using eci::calc::criteresSensibilite;
    Plage notes(4, 2);
    notes.at(0, 0) = 5.0; notes.at(0, 1) = 3.0;
    notes.at(1, 0) = 3.0; notes.at(1, 1) = 5.0;
    notes.at(2, 0) = 1.0; notes.at(2, 1) = std::string("nc");
    // row 3 blank: not a candidate
    Plage w = ligne({1.0, 1.0});
    Plage r = criteresSensibilite(notes, w, std::nullopt, opt(1.0), std::nullopt, std::nullopt, std::nullopt,
                                  std::nullopt);
    ASSERT_EQ(r.lignes, 4u);
    ASSERT_EQ(r.colonnes, 3u);
    EXPECT_EQ(r.at(0, 0), Cellule(1.0));
    EXPECT_EQ(r.at(0, 1), Cellule(2.0));
    EXPECT_EQ(r.at(0, 2), Cellule(1.0));
    EXPECT_EQ(r.at(2, 0), Cellule(3.0));
    EXPECT_EQ(r.at(2, 2), Cellule(0.0));
    EXPECT_EQ(r.at(3, 0), Cellule());
    // variation 0: no flip
    Plage z = criteresSensibilite(notes, colonne({1.0, 1.0}), opt(0.0), opt(1.0), std::nullopt, std::nullopt,
                                  std::nullopt, std::nullopt);
    EXPECT_EQ(z.at(0, 2), Cellule(0.0));
    // with typologies
    Plage tt = colonne({std::string("urbain"), std::string("Urbain"), std::string("rural"), Cellule()});
    Plage rt = criteresSensibilite(notes, w, opt(0.2), opt(2.0), std::nullopt, tt, std::nullopt, std::nullopt);
    EXPECT_EQ(rt.at(2, 2), Cellule(0.0));  // the only rural candidate stays in
    EXPECT_THROW(criteresSensibilite(notes, ligne({1.0}), std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                     std::nullopt, std::nullopt),
                 ErreurArgument);  // columns vs weights
    EXPECT_THROW(criteresSensibilite(notes, w, opt(1.5), std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                     std::nullopt),
                 ErreurArgument);
    EXPECT_THROW(criteresSensibilite(notes, w, std::nullopt, std::nullopt, std::nullopt, colonne({std::string("a")}),
                                     std::nullopt, std::nullopt),
                 ErreurArgument);
    Plage mauvais = notes;
    mauvais.at(1, 1) = Cellule();
    try {
        criteresSensibilite(mauvais, w, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                            std::nullopt);
        ADD_FAILURE() << "blank note accepted";
    } catch (const ErreurArgument& e) {
        EXPECT_NE(std::string(e.what()).find("ligne 2"), std::string::npos) << e.what();
    }
    Plage toutNc(1, 2);
    toutNc.at(0, 0) = std::string("NC");
    toutNc.at(0, 1) = std::string("nc");
    EXPECT_THROW(criteresSensibilite(toutNc, w, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                     std::nullopt),
                 ErreurArgument);
    Plage sept(1, 7);
    for (auto& c : sept.cellules) c = 1.0;
    EXPECT_THROW(criteresSensibilite(sept, Plage(sept), std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                     std::nullopt, std::nullopt),
                 ErreurArgument);
}

}  // namespace
