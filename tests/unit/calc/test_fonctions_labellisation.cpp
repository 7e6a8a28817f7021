// The labellisation functions (eci/calc/fonctions_labellisation.hpp, docs/labellisation.md §12) on
// plain values: shape and fixed height, empty cells for « sans objet », the star argument, bad
// input, a référentiel passed as a range (score row only), one évaluation shared through the cache,
// and the cells against the domain library computed in-process on random sheets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "cache.hpp"
#include "calc/message_erreur.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/labellisation.hpp"
#include "eci/score.hpp"
#include "scores_epci.hpp"

namespace {

namespace lab = eci::labellisation;
using eci::calc::Cellule;
using eci::calc::ErreurArgument;
using eci::calc::Plage;
using eci::calc::test::message;

constexpr double kPopulation = eci::test::kPopulationEpci;
const char* const kStatuts[] = {"fait", "programmé", "pas fait", "non concerné", "non renseigné", ""};

// A full ECi sheet (every node a row), the same statuses as the domain inputs, and answers both as
// a contexte range and as the domain's context.
struct Feuille {
    std::shared_ptr<const eci::Referentiel> ref = eci::Referentiel::eci();
    Plage ids, statuts, contexte;
    std::map<std::string, bool> reponses{{"dechets_1", true}, {"dechets_2", true}, {"dechets_3", true},
                                         {"SPASER", false}};
    Feuille() : ids(ref->taille(), 1), statuts(ref->taille(), 1) {
        for (std::size_t i = 0; i < ref->taille(); ++i) {
            const std::string& id = ref->noeud((int)i).identifiant;
            ids.at(i, 0) = id.empty() ? std::string("eci") : id;
            statuts.at(i, 0) = std::string();
        }
    }
    Feuille& statut(const std::string& id, const std::string& s) {
        statuts.at((std::size_t)ref->index(id), 0) = s;
        return *this;
    }
    const Plage& ctx() {
        contexte = Plage(reponses.size() + 4, 2);
        contexte.at(0, 0) = std::string("type"); contexte.at(0, 1) = std::string("EPCI");
        contexte.at(1, 0) = std::string("soustype"); contexte.at(1, 1) = std::string("epci_a_fiscalite_propre");
        contexte.at(2, 0) = std::string("population"); contexte.at(2, 1) = kPopulation;
        contexte.at(3, 0) = std::string("drom"); contexte.at(3, 1) = std::string("NON");
        std::size_t l = 4;
        for (const auto& [k, v] : reponses) {
            contexte.at(l, 0) = k;
            contexte.at(l++, 1) = std::string(v ? "OUI" : "NON");
        }
        return contexte;
    }
    // The domain's scores for the same statuses and answers.
    std::vector<eci::ScoreNoeud> scores() const {
        std::vector<std::string> saisis(ref->taille());
        for (std::size_t i = 0; i < ref->taille(); ++i) saisis[i] = std::get<std::string>(statuts.at(i, 0));
        return eci::test::scoresEpci(saisis, reponses);
    }
    Plage criteres(double etoile) { return eci::calc::criteres(ids, statuts, etoile, std::nullopt, ctx(), std::nullopt); }
    double labellisation() { return eci::calc::labellisation(ids, statuts, std::nullopt, ctx(), std::nullopt); }
};

std::string texte(const Cellule& c) { return std::get<std::string>(c); }

// Every cell of ECI.CRITERES against the domain's evaluerCriteres on the same inputs.
void comparer(const Plage& out, const lab::CriteresEtoile& c) {
    ASSERT_EQ(out.colonnes, 8u);
    ASSERT_EQ(out.lignes, c.lignes.size());
    for (std::size_t i = 0; i < c.lignes.size(); ++i) {
        const lab::LigneCritere& l = c.lignes[i];
        EXPECT_EQ(texte(out.at(i, 0)), l.critere);
        EXPECT_EQ(std::get<double>(out.at(i, 1)), l.etoile);
        EXPECT_EQ(texte(out.at(i, 2)), l.formulation);
        EXPECT_EQ(texte(out.at(i, 3)), l.exigence);
        for (std::size_t k : {4u, 5u}) {
            const auto& attendu = k == 4 ? l.pourcentFait : l.pourcentFaitProgramme;
            if (attendu) EXPECT_EQ(std::get<double>(out.at(i, k)), *attendu) << l.critere;
            else EXPECT_TRUE(std::holds_alternative<std::monostate>(out.at(i, k))) << l.critere;
        }
        EXPECT_EQ(texte(out.at(i, 6)), lab::nomEtat(l.etat));
        EXPECT_EQ(texte(out.at(i, 7)), l.manque);
    }
}

TEST(Criteres, FixedHeightEightColumnsScoreFirst) {
    Feuille f;
    for (int k = 1; k <= 5; ++k) {
        Plage p = f.criteres(k);
        EXPECT_EQ(p.lignes, k == 1 ? 11u : 12u) << k;
        EXPECT_EQ(p.colonnes, 8u);
        EXPECT_EQ(texte(p.at(0, 0)), "score");
        EXPECT_EQ(std::get<double>(p.at(0, 1)), k);
    }
    // Every leaf fait: every criterion atteint, nothing missing, star 5 within reach.
    Feuille g;
    for (std::size_t i = 0; i < g.ref->taille(); ++i)
        if (g.ref->noeud((int)i).feuille()) g.statuts.at(i, 0) = std::string("fait");
    Plage p = g.criteres(5);
    for (std::size_t i = 0; i < p.lignes; ++i) {
        EXPECT_EQ(texte(p.at(i, 6)), "atteint") << texte(p.at(i, 0));
        EXPECT_EQ(texte(p.at(i, 7)), "") << texte(p.at(i, 0));
        EXPECT_EQ(std::get<double>(p.at(i, 4)), 100.0);
    }
    EXPECT_EQ(g.labellisation(), 5);
}

TEST(Criteres, SansObjetRowsStayWithEmptyPercentages) {
    Feuille f;
    f.reponses["dechets_1"] = false;
    f.reponses["dechets_2"] = false;
    f.reponses["SPASER"] = true;
    const auto scores = f.scores();
    for (int k = 1; k <= 5; ++k) {
        Plage p = f.criteres(k);
        EXPECT_EQ(p.lignes, k == 1 ? 11u : 12u);
        const auto c = lab::evaluerCriteres(*f.ref, scores, lab::parcoursEci(), k);
        comparer(p, c);
    }
    // At least one row is sans objet with these answers, and its cells 5, 6 and 8 are empty.
    Plage p = f.criteres(5);
    int sansObjet = 0;
    for (std::size_t i = 0; i < p.lignes; ++i) {
        if (texte(p.at(i, 6)) != "sans objet") continue;
        ++sansObjet;
        EXPECT_TRUE(std::holds_alternative<std::monostate>(p.at(i, 4)));
        EXPECT_TRUE(std::holds_alternative<std::monostate>(p.at(i, 5)));
        EXPECT_EQ(texte(p.at(i, 7)), "");
    }
    EXPECT_GT(sansObjet, 0);
}

TEST(Criteres, StarMustBeAnIntegerFromOneToFive) {
    Feuille f;
    for (double k : {0.0, 6.0, -1.0, 2.5, (double)NAN, (double)INFINITY}) {
        const std::string m = message([&] { f.criteres(k); });
        EXPECT_NE(m.find("etoile doit être un entier de 1 à 5"), std::string::npos) << k << ": " << m;
    }
}

TEST(Criteres, BadInputIsRefusedInFrench) {
    Feuille f;
    f.ids.at(3, 0) = std::string("9.9.9");
    const std::string m = message([&] { f.criteres(1); });
    EXPECT_NE(m.find("ligne 4"), std::string::npos) << m;
    EXPECT_NE(message([&] { f.labellisation(); }).find("ligne 4"), std::string::npos);
    Feuille g;
    g.statut("1.1.1.1", "à moitié");
    EXPECT_NE(message([&] { g.criteres(2); }), "(pas d'erreur)");
    // Shapes: statuts of another height.
    Plage court(2, 1);
    EXPECT_NE(message([&] { eci::calc::criteres(g.ids, court, 1, std::nullopt, std::nullopt, std::nullopt); }),
              "(pas d'erreur)");
}

TEST(Criteres, ReferentielAsARangeGivesTheScoreRowOnly) {
    auto ref = eci::Referentiel::eci();
    Plage rp(4, 4);
    const char* entetes[] = {"identifiant", "niveau", "points", "pourcentage"};
    for (std::size_t c = 0; c < 4; ++c) rp.at(0, c) = std::string(entetes[c]);
    rp.at(1, 0) = std::string("1"); rp.at(1, 1) = std::string("axe");
    rp.at(2, 0) = std::string("1.1"); rp.at(2, 1) = std::string("action"); rp.at(2, 2) = 6.0;
    rp.at(3, 0) = std::string("1.2"); rp.at(3, 1) = std::string("action"); rp.at(3, 2) = 4.0;
    Plage ids(2, 1), st(2, 1);
    ids.at(0, 0) = std::string("1.1"); st.at(0, 0) = std::string("fait");
    ids.at(1, 0) = std::string("1.2"); st.at(1, 0) = std::string("pas fait");
    for (int k = 1; k <= 5; ++k) {
        Plage p = eci::calc::criteres(ids, st, k, std::nullopt, std::nullopt, rp);
        ASSERT_EQ(p.lignes, 1u);
        EXPECT_EQ(texte(p.at(0, 0)), "score");
        EXPECT_DOUBLE_EQ(std::get<double>(p.at(0, 4)), 60.0);
    }
    // 60 % fait: stars 1-3 reached by the score alone.
    EXPECT_EQ(eci::calc::labellisation(ids, st, std::nullopt, std::nullopt, rp), 3);
}

TEST(Criteres, OneEvaluationForEveryFunctionOnTheSameRanges) {
    Feuille f;
    f.statut("1.1.1.1", "programmé").statut("2.1", "fait");
    const std::size_t avant = eci::calc::evaluationsCalculees();
    for (int k = 1; k <= 5; ++k) f.criteres(k);
    f.labellisation();
    eci::calc::etoilePlateforme(f.ids, f.statuts, std::nullopt, std::nullopt, f.ctx(), std::nullopt);
    eci::calc::evaluer(f.ids, f.statuts, std::nullopt, f.ctx(), std::nullopt);
    EXPECT_EQ(eci::calc::evaluationsCalculees() - avant, 1u);
    f.statut("2.1", "pas fait");  // another input: one more évaluation
    f.labellisation();
    EXPECT_EQ(eci::calc::evaluationsCalculees() - avant, 2u);
}

TEST(Criteres, RandomSheetsAgreeWithTheDomainLibrary) {
    std::mt19937 rng(20261206);
    const auto& p = lab::parcoursEci();
    for (int essai = 0; essai < 40; ++essai) {
        Feuille f;
        for (const char* q : {"dechets_1", "dechets_2", "dechets_3"}) f.reponses[q] = rng() % 4 != 0;
        f.reponses["SPASER"] = rng() % 4 == 0;
        // Biased towards the criterion nodes and their parents.
        for (const lab::CritereAction& c : p.criteres) {
            f.statut(c.identifiant, kStatuts[rng() % 6]);
            const auto point = c.identifiant.rfind('.');
            if (rng() % 3 == 0 && point != std::string::npos) f.statut(c.identifiant.substr(0, point), kStatuts[rng() % 6]);
        }
        for (int n = 0; n < 60; ++n)
            f.statuts.at(rng() % f.ref->taille(), 0) = std::string(kStatuts[rng() % 6]);
        const auto scores = f.scores();
        for (int k = 1; k <= 5; ++k) comparer(f.criteres(k), lab::evaluerCriteres(*f.ref, scores, p, k));
        EXPECT_EQ(f.labellisation(), lab::etoileAtteignable(*f.ref, scores, p));
        for (int l = 0; l <= 5; ++l)
            EXPECT_EQ(eci::calc::etoilePlateforme(f.ids, f.statuts, Plage(Cellule((double)l)), std::nullopt, f.ctx(),
                                                  std::nullopt),
                      lab::etoileCible(l, scores, p));
    }
}

TEST(EtoilePlateforme, CurrentStarIsOptionalFromZeroToFive) {
    Feuille f;
    const auto scores = f.scores();
    EXPECT_EQ(eci::calc::etoilePlateforme(f.ids, f.statuts, std::nullopt, std::nullopt, f.ctx(), std::nullopt),
              lab::etoileCible(std::nullopt, scores, lab::parcoursEci()));
    EXPECT_EQ(eci::calc::etoilePlateforme(f.ids, f.statuts, Plage(Cellule(2.0)), std::nullopt, f.ctx(), std::nullopt), 3);
    for (double x : {-1.0, 6.0, 1.5}) {
        const std::string m = message(
            [&] { eci::calc::etoilePlateforme(f.ids, f.statuts, Plage(Cellule(x)), std::nullopt, f.ctx(), std::nullopt); });
        EXPECT_NE(m.find("etoile_actuelle doit être un entier de 0 à 5"), std::string::npos) << m;
    }
}

TEST(Preuves, DocumentsOfANodeOnePerLine) {
    auto ref = eci::Referentiel::eci();
    const auto& p = lab::parcoursEci();
    ASSERT_FALSE(p.preuves.empty());
    const std::string sousAction = "eci_" == p.preuves.front().actionId.substr(0, 4) ? p.preuves.front().actionId.substr(4)
                                                                                     : p.preuves.front().actionId;
    std::string attendu;
    for (const lab::Preuve* d : lab::preuves(*ref, p, ref->index(sousAction)))
        attendu += (attendu.empty() ? "" : "\n") + d->nom;
    EXPECT_FALSE(attendu.empty());
    EXPECT_EQ(eci::calc::preuves(Cellule(sousAction)), attendu);
    EXPECT_EQ(eci::calc::preuves(Cellule("eci_" + sousAction)), attendu);
    // The whole référentiel lists every document once.
    const std::string tout = eci::calc::preuves(Cellule(std::string("eci")));
    EXPECT_EQ((std::size_t)std::count(tout.begin(), tout.end(), '\n') + 1, lab::preuves(*ref, p, 0).size());
    EXPECT_NE(message([] { eci::calc::preuves(Cellule(std::string("9.9"))); }).find("Identifiant inconnu"),
              std::string::npos);
    EXPECT_NE(message([] { eci::calc::preuves(Cellule()); }).find("Identifiant vide"), std::string::npos);
}

}  // namespace
