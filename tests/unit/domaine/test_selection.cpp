// Selection of candidates (eci/selection.hpp, docs/selection.md): hand-written cases for score /
// rank / tie-breaks / NC, the panel against brute force on thousands of random small instances,
// sensitivity against a fine grid. The CRITERES functions' conventions and errors are tested in
// tests/unit/calc/test_fonctions_criteres.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

#include "eci/selection.hpp"

namespace {

namespace sel = eci::selection;
using sel::Candidat;
using sel::kAucune;


std::vector<std::size_t> retenus(const sel::Panel& p) {
    std::vector<std::size_t> r;
    for (std::size_t i = 0; i < p.retenu.size(); ++i)
        if (p.retenu[i]) r.push_back(i);
    return r;
}

// ------------------------------------------------------------------ score ---

TEST(SelectionScore, WeightedOnHundred) {
    EXPECT_DOUBLE_EQ(sel::scorePondere({5.0, 5.0, 5.0}, {1, 1, 1}), 100.0);
    EXPECT_DOUBLE_EQ(sel::scorePondere({0.0, 0.0}, {1, 2}), 0.0);
    // (2*4 + 1*1) / (3 * 5) * 100 = 60
    EXPECT_DOUBLE_EQ(sel::scorePondere({4.0, 1.0}, {2, 1}), 60.0);
    // note_max 20
    EXPECT_DOUBLE_EQ(sel::scorePondere({10.0, 20.0}, {1, 1}, 20), 75.0);
    // a zero weight leaves its note out of the numerator but it stays valid
    EXPECT_DOUBLE_EQ(sel::scorePondere({5.0, 0.0}, {1, 0}), 100.0);
}

TEST(SelectionScore, NcLeavesCriterionOutOfBothSums) {
    EXPECT_DOUBLE_EQ(sel::scorePondere({4.0, std::nullopt, 2.0}, {1, 5, 1}), 60.0);
    EXPECT_DOUBLE_EQ(sel::scorePondere({std::nullopt, 5.0}, {3, 1}), 100.0);
}

TEST(SelectionScore, Errors) {
    EXPECT_THROW(sel::scorePondere({std::nullopt, std::nullopt}, {1, 1}), sel::ErreurSelection);  // all NC
    EXPECT_THROW(sel::scorePondere({6.0, 1.0}, {1, 1}), sel::ErreurSelection);                    // above note_max
    EXPECT_THROW(sel::scorePondere({-1.0, 1.0}, {1, 1}), sel::ErreurSelection);                   // negative note
    EXPECT_THROW(sel::scorePondere({1.0, 1.0}, {-1, 2}), sel::ErreurSelection);                   // negative weight
    EXPECT_THROW(sel::scorePondere({1.0, 1.0}, {0, 0}), sel::ErreurSelection);                    // all weights zero
    EXPECT_THROW(sel::scorePondere({1.0, std::nullopt}, {0, 1}), sel::ErreurSelection);           // noted ones weightless
    EXPECT_THROW(sel::scorePondere({1.0}, {1, 1}), sel::ErreurSelection);                         // sizes
    EXPECT_THROW(sel::scorePondere({1.0}, {1}, 0), sel::ErreurSelection);                         // note_max
    EXPECT_THROW(sel::scorePondere({NAN}, {1}), sel::ErreurSelection);
}

// ------------------------------------------------------------------- rank ---

TEST(SelectionRang, CompetitionRanking) {
    EXPECT_EQ(sel::rangs({80, 90, 80, 70}), (std::vector<int>{2, 1, 2, 4}));
    EXPECT_EQ(sel::rangs({}), std::vector<int>{});
    // floating-point noise does not break a tie
    EXPECT_EQ(sel::rangs({0.1 + 0.2, 0.3}), (std::vector<int>{1, 1}));
}

TEST(SelectionRang, TieBreakHigherFirstStillTiedStayTied) {
    std::vector<double> d = {3, 5, 3, 1, 5};
    EXPECT_EQ(sel::rangs({80, 80, 80, 90, 80}, &d), (std::vector<int>{4, 2, 4, 1, 2}));
    std::vector<double> d2 = {1};
    EXPECT_THROW(sel::rangs({1, 2}, &d2), sel::ErreurSelection);
    EXPECT_THROW(sel::rangs({-1}), sel::ErreurSelection);
}

// ------------------------------------------------------ panel, by hand ---

TEST(SelectionPanel, RepresentativenessBeatsPlainTopN) {
    // Territory 0 = urbain, 1 = rural; collectivité 0 = CA, 1 = CC.
    std::vector<Candidat> c = {{90, 0, 0}, {85, 0, 0}, {80, 0, 0}, {40, 1, 1}, {30, 1, 0}};
    sel::Panel p = sel::choisirPanel(c, {3, 0});
    EXPECT_EQ(retenus(p), (std::vector<std::size_t>{0, 1, 3}));
    EXPECT_EQ(p.typologiesACouvrir, 4u);
    EXPECT_EQ(p.typologiesCouvertes, 4u);
    EXPECT_DOUBLE_EQ(p.total(), 215.0);
    sel::CoutPanel cp = sel::coutRepresentativite(c, {3, 0});
    EXPECT_DOUBLE_EQ(cp.cout(), 40.0);  // 255 - 215
    ASSERT_EQ(cp.remplacements.size(), 1u);
    EXPECT_EQ(cp.remplacements[0].entrant, 3u);
    EXPECT_EQ(cp.remplacements[0].sortant, 2u);
}

TEST(SelectionPanel, NSmallerThanTypologiesCoverageFirst) {
    // 3 + 3 typologies, N = 1: the best double coverer, even with a low score.
    std::vector<Candidat> c = {{99, 0, kAucune}, {10, 1, 1}, {20, 2, 2}, {95, kAucune, 0}};
    EXPECT_EQ(retenus(sel::choisirPanel(c, {1, 0})), (std::vector<std::size_t>{2}));
    // N = 2: two double coverers (4 typologies), the best pair.
    EXPECT_EQ(retenus(sel::choisirPanel(c, {2, 0})), (std::vector<std::size_t>{1, 2}));
    // N = 3: 5 typologies at most with 3 (99 covers t0, 95 covers c0): {99 or 95} + {10, 20} -> 99
    EXPECT_EQ(retenus(sel::choisirPanel(c, {3, 0})), (std::vector<std::size_t>{0, 1, 2}));
    // N = 4: everyone.
    EXPECT_EQ(retenus(sel::choisirPanel(c, {4, 0})).size(), 4u);
}

TEST(SelectionPanel, EqualTotalsBrokenByRankThenRow) {
    // Two panels of total 100 covering all four typologies; {90, 10} holds the
    // best-ranked candidate, so it wins over {50, 50}.
    std::vector<Candidat> c = {{90, 0, 0}, {80, 0, 0}, {10, 1, 1}, {50, 1, 0}, {50, 0, 1}};
    EXPECT_EQ(retenus(sel::choisirPanel(c, {2, 0})), (std::vector<std::size_t>{0, 2}));
    // Duplicate scores, one typology: row order decides.
    std::vector<Candidat> d = {{70, 0, 0}, {80, 0, 0}, {70, 0, 0}, {70, 0, 0}};
    EXPECT_EQ(retenus(sel::choisirPanel(d, {2, 0})), (std::vector<std::size_t>{0, 1}));
    // Floating-point noise is not a difference (both 80 after rounding to 1e-6).
    std::vector<Candidat> e = {{80, 0, 0}, {80.00000000000001, 0, 0}};
    EXPECT_EQ(retenus(sel::choisirPanel(e, {1, 0})), (std::vector<std::size_t>{0}));
}

TEST(SelectionPanel, ScoreMinAndBlankTypologies) {
    // Typology 1 exists only below score_min: nothing to cover there.
    std::vector<Candidat> c = {{90, 0, 0}, {85, 0, 0}, {20, 1, 1}, {60, kAucune, kAucune}};
    sel::Panel p = sel::choisirPanel(c, {2, 50});
    EXPECT_EQ(retenus(p), (std::vector<std::size_t>{0, 1}));
    EXPECT_EQ(p.eligibles, 3u);
    EXPECT_EQ(p.typologiesACouvrir, 2u);
    // score_min is inclusive
    EXPECT_EQ(retenus(sel::choisirPanel(c, {5, 20})).size(), 4u);
    EXPECT_EQ(retenus(sel::choisirPanel(c, {5, 20.000001})).size(), 3u);
    // Nobody eligible, empty list, N = 0.
    EXPECT_TRUE(retenus(sel::choisirPanel(c, {3, 100})).empty());
    EXPECT_TRUE(retenus(sel::choisirPanel({}, {3, 0})).empty());
    EXPECT_TRUE(retenus(sel::choisirPanel(c, {0, 0})).empty());
    // Zero scores still fill the panel (tie-break prefers holding them).
    std::vector<Candidat> z = {{0, kAucune, kAucune}, {0, kAucune, kAucune}, {0, kAucune, kAucune}};
    EXPECT_EQ(retenus(sel::choisirPanel(z, {2, 0})), (std::vector<std::size_t>{0, 1}));
}

// ------------------------------------------------- panel vs brute force ---

struct Instance {
    std::vector<Candidat> cs;
    sel::ParametresPanel p;
};

// The oracle's own reading of the definition: points(s) = llround(s·1e6) of every candidate (into
// pts), and the eligible candidates (points >= the threshold) in rank order (points desc, row asc).
std::vector<std::size_t> eligiblesEnOrdre(const Instance& in, std::vector<std::int64_t>& pts) {
    const std::size_t n = in.cs.size();
    pts.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) pts[i] = std::llround(in.cs[i].score * 1e6);
    const std::int64_t seuil = in.p.scoreMin <= 0 ? 0 : std::llround(in.p.scoreMin * 1e6);
    std::vector<std::size_t> e;
    for (std::size_t i = 0; i < n; ++i)
        if (pts[i] >= seuil) e.push_back(i);
    std::stable_sort(e.begin(), e.end(), [&](std::size_t a, std::size_t b) { return pts[a] > pts[b]; });
    return e;
}

// Independent implementation of the definition (selection.hpp): maximise
// (couverture, total, membership vector in rank order) over all S ⊆ E, |S| <= N.
std::vector<bool> forceBrute(const Instance& in, std::int64_t* totalTop = nullptr) {
    std::vector<std::int64_t> pts;
    const std::vector<std::size_t> e = eligiblesEnOrdre(in, pts);
    const std::size_t n = in.cs.size();
    const std::size_t m = e.size();
    if (totalTop) {
        *totalTop = 0;
        for (std::size_t k = 0; k < std::min(m, in.p.nombre); ++k) *totalTop += pts[e[k]];
    }
    // bit b of a mask <-> position m-1-b: comparing masks as integers compares
    // membership vectors with position 0 most significant.
    std::uint64_t meilleur = 0;
    long meilleurCouv = -1;
    std::int64_t meilleurTotal = 0;
    const std::uint64_t fin = std::uint64_t(1) << m;
    std::vector<std::uint16_t> mt(fin), mc(fin);
    std::vector<std::int64_t> tot(fin);
    std::vector<std::uint8_t> pop(fin);
    for (std::uint64_t s = 1; s < fin; ++s) {
        std::uint64_t bas = s & (~s + 1);
        int b = __builtin_ctzll(bas);
        std::size_t i = e[m - 1 - (std::size_t)b];
        std::uint64_t r = s ^ bas;
        mt[s] = std::uint16_t(mt[r] | (in.cs[i].territoire >= 0 ? 1u << in.cs[i].territoire : 0u));
        mc[s] = std::uint16_t(mc[r] | (in.cs[i].collectivite >= 0 ? 1u << in.cs[i].collectivite : 0u));
        tot[s] = tot[r] + pts[i];
        pop[s] = std::uint8_t(pop[r] + 1);
    }
    for (std::uint64_t s = 0; s < fin; ++s) {
        if (pop[s] > in.p.nombre) continue;
        long couv = __builtin_popcount(mt[s]) + __builtin_popcount(mc[s]);
        if (couv > meilleurCouv || (couv == meilleurCouv && (tot[s] > meilleurTotal ||
                                                            (tot[s] == meilleurTotal && s > meilleur)))) {
            meilleurCouv = couv;
            meilleurTotal = tot[s];
            meilleur = s;
        }
    }
    std::vector<bool> r(n, false);
    for (std::size_t b = 0; b < m; ++b)
        if ((meilleur >> b) & 1) r[e[m - 1 - b]] = true;
    return r;
}

double scoreAleatoire(std::mt19937& rng, int mode) {
    switch (mode) {
        case 0: return 10.0 * double(rng() % 6);                       // many ties
        case 1: return double(rng() % 4) * 100.0 / 3.0;                // thirds, ties after rounding
        case 2: return std::round(std::uniform_real_distribution<double>(0, 100)(rng) * 2) / 2;
        default: return std::uniform_real_distribution<double>(0, 100)(rng);
    }
}

Instance instanceAleatoire(std::mt19937& rng, std::size_t nMax, int nbT, int nbC) {
    Instance in;
    std::size_t n = rng() % (nMax + 1);
    int t = 1 + int(rng() % (unsigned)nbT), c = 1 + int(rng() % (unsigned)nbC);
    int mode = int(rng() % 4);
    for (std::size_t i = 0; i < n; ++i) {
        Candidat x;
        x.score = scoreAleatoire(rng, mode);
        x.territoire = rng() % 10 == 0 ? kAucune : int(rng() % (unsigned)t);
        x.collectivite = rng() % 10 == 0 ? kAucune : int(rng() % (unsigned)c);
        in.cs.push_back(x);
    }
    // Mostly N well below n (the flow path), sometimes anything up to n + 1.
    in.p.nombre = rng() % 4 == 0 ? rng() % (n + 2) : 1 + rng() % std::max<std::size_t>(1, std::min<std::size_t>(n, 8));
    switch (rng() % 3) {
        case 0: in.p.scoreMin = 0; break;
        case 1: in.p.scoreMin = n ? in.cs[rng() % n].score : 0; break;
        default: in.p.scoreMin = scoreAleatoire(rng, mode) * 0.8; break;
    }
    return in;
}

TEST(SelectionPanel, AgreesWithBruteForceOnRandomSmallInstances) {
    std::mt19937 rng(20240611);
    const int instances = 20000;
    int nonTriviaux = 0, parLeFlot = 0;
    for (int k = 0; k < instances; ++k) {
        Instance in = instanceAleatoire(rng, 18, 4, 4);
        std::int64_t top = 0;
        std::vector<bool> attendu = forceBrute(in, &top);
        sel::CoutPanel cp = sel::coutRepresentativite(in.cs, in.p);
        const sel::Panel& p = cp.panel;
        ASSERT_EQ(p.retenu, attendu) << "instance " << k;
        ASSERT_EQ(cp.totalTopNPoints, top);
        ASSERT_GE(cp.coutPoints, 0);
        ASSERT_EQ(cp.remplacements.size() * 2,
                  [&] {  // symmetric difference panel / topN
                      std::size_t d = 0;
                      std::vector<bool> t(in.cs.size(), false);
                      for (std::size_t i : cp.topN) t[i] = true;
                      for (std::size_t i = 0; i < in.cs.size(); ++i) d += t[i] != p.retenu[i];
                      return d;
                  }());
        if (cp.coutPoints > 0) ++nonTriviaux;
        if (in.p.nombre > 0 && in.p.nombre < p.eligibles) ++parLeFlot;
    }
    RecordProperty("instances", instances);
    RecordProperty("withPositivePrice", nonTriviaux);
    RecordProperty("solvedByTheFlow", parLeFlot);
    std::printf("[ brute force ] %d instances, %d solved by the flow (N < eligible), %d with a positive price\n",
                instances, parLeFlot, nonTriviaux);
    EXPECT_GT(nonTriviaux, instances / 10);  // the constraint does bind often
}

// Medium instances (many typologies, up to 60 candidates) with N <= 3: brute
// force over subsets of size <= N by recursion.
TEST(SelectionPanel, AgreesWithBruteForceOnMediumInstancesSmallN) {
    std::mt19937 rng(777);
    for (int k = 0; k < 300; ++k) {
        Instance in = instanceAleatoire(rng, 60, 6, 8);
        in.p.nombre = 1 + rng() % 3;
        std::vector<std::int64_t> pts;
        const std::vector<std::size_t> e = eligiblesEnOrdre(in, pts);
        const std::size_t n = in.cs.size();
        // key: (coverage, total, positions padded with +inf, lexicographically smaller is better)
        std::tuple<long, std::int64_t, std::vector<std::int64_t>> meilleur{-1, 0, {}};
        std::vector<std::size_t> choix, meilleurChoix;
        std::function<void(std::size_t)> rec = [&](std::size_t debut) {
            std::vector<int> ts, cs2;
            std::int64_t tot = 0;
            std::vector<std::int64_t> pos;
            for (std::size_t q : choix) {
                std::size_t i = e[q];
                if (in.cs[i].territoire >= 0) ts.push_back(in.cs[i].territoire);
                if (in.cs[i].collectivite >= 0) cs2.push_back(in.cs[i].collectivite);
                tot += pts[i];
                pos.push_back(std::int64_t(q));
            }
            while (pos.size() < in.p.nombre) pos.push_back(std::int64_t{1} << 40);  // long is 32-bit on Windows
            std::sort(ts.begin(), ts.end());
            std::sort(cs2.begin(), cs2.end());
            long couv = long(std::unique(ts.begin(), ts.end()) - ts.begin()) +
                        long(std::unique(cs2.begin(), cs2.end()) - cs2.begin());
            auto& [mc, mt, mp] = meilleur;
            if (couv > mc || (couv == mc && (tot > mt || (tot == mt && pos < mp)))) {
                meilleur = {couv, tot, pos};
                meilleurChoix = choix;
            }
            if (choix.size() == in.p.nombre) return;
            for (std::size_t q = debut; q < e.size(); ++q) {
                choix.push_back(q);
                rec(q + 1);
                choix.pop_back();
            }
        };
        rec(0);
        std::vector<bool> attendu(n, false);
        for (std::size_t q : meilleurChoix) attendu[e[q]] = true;
        ASSERT_EQ(sel::choisirPanel(in.cs, in.p).retenu, attendu) << "instance " << k;
    }
}

TEST(SelectionPanel, LargeInstanceCoversEverythingAndIsConsistent) {
    std::mt19937 rng(5);
    std::vector<Candidat> c(500);
    for (auto& x : c) {
        x.score = std::uniform_real_distribution<double>(20, 100)(rng);
        x.territoire = int(rng() % 6);
        x.collectivite = int(rng() % 8);
    }
    sel::Panel p = sel::choisirPanel(c, {10, 0});
    EXPECT_EQ(p.membres.size(), 10u);
    EXPECT_EQ(p.typologiesCouvertes, 14u);
    // Exchange check: no single swap (in, out) keeps the coverage and raises the total.
    for (std::size_t a : p.membres)
        for (std::size_t b = 0; b < c.size(); ++b) {
            if (p.retenu[b]) continue;
            std::vector<Candidat> sousPanel;
            std::vector<int> ts, cs2;
            for (std::size_t m : p.membres) {
                const Candidat& x = m == a ? c[b] : c[m];
                ts.push_back(x.territoire);
                cs2.push_back(x.collectivite);
            }
            std::sort(ts.begin(), ts.end());
            std::sort(cs2.begin(), cs2.end());
            std::size_t couv = std::size_t(std::unique(ts.begin(), ts.end()) - ts.begin()) +
                               std::size_t(std::unique(cs2.begin(), cs2.end()) - cs2.begin());
            if (couv == 14) ASSERT_LE(sel::points(c[b].score), sel::points(c[a].score));
        }
}

// ------------------------------------------------------------ sensitivity ---

std::vector<int> rangsAuxPoids(const std::vector<sel::CandidatNotes>& cs, const std::vector<double>& w) {
    std::vector<double> s;
    for (const auto& c : cs) s.push_back(sel::scorePondere(c.notes, w));
    return sel::rangs(s);
}

TEST(SelectionSensibilite, SingleCriterionIsStable) {
    std::vector<sel::CandidatNotes> cs = {{{4.0}}, {{3.0}}, {{3.0}}};
    auto s = sel::sensibilite(cs, {1}, {});
    EXPECT_EQ(s[0].meilleurRang, 1);
    EXPECT_EQ(s[0].pireRang, 1);
    EXPECT_EQ(s[1].meilleurRang, 2);
    EXPECT_EQ(s[2].pireRang, 2);
    EXPECT_FALSE(s[1].bascule);
}

TEST(SelectionSensibilite, WeightsChangeRanksAndFlipSelection) {
    // A strong on criterion 1, B on criterion 2; equal weights tie them at the
    // centre; any tilt decides. N = 1.
    std::vector<sel::CandidatNotes> cs = {{{5.0, 3.0}}, {{3.0, 5.0}}, {{1.0, 1.0}}};
    sel::ParametresSensibilite p;
    p.panel.nombre = 1;
    auto s = sel::sensibilite(cs, {1, 1}, p);
    EXPECT_EQ(s[0].rangCentre, 1);
    EXPECT_EQ(s[1].rangCentre, 1);
    EXPECT_EQ(s[0].pireRang, 2);
    EXPECT_EQ(s[1].pireRang, 2);
    EXPECT_TRUE(s[0].retenuCentre);  // tie: row order
    EXPECT_TRUE(s[0].bascule);
    EXPECT_TRUE(s[1].bascule);
    EXPECT_FALSE(s[2].bascule);
    EXPECT_EQ(s[2].meilleurRang, 3);
    // variation 0: nothing moves
    p.variation = 0;
    auto z = sel::sensibilite(cs, {1, 1}, p);
    EXPECT_FALSE(z[0].bascule);
    EXPECT_EQ(z[0].pireRang, 1);
    // errors
    p.variation = 1;
    EXPECT_THROW(sel::sensibilite(cs, {1, 1}, p), sel::ErreurSelection);
    EXPECT_THROW(sel::sensibilite(cs, {1, 1, 1, 1, 1, 1, 1}, {}), sel::ErreurSelection);
    EXPECT_THROW(sel::sensibilite({{{std::nullopt, std::nullopt}}}, {1, 1}, {}), sel::ErreurSelection);
}

// The documented limit: the worst rank can be reached strictly inside the box.
// With w = (1, 1) ± 20 %, the score depends on ρ = w1/w2 ∈ [2/3, 3/2]; the
// corners give ρ ∈ {2/3, 1, 3/2}. Rival 1 beats X iff ρ > 1.1, rival 2 iff
// ρ < 1.3: both beat X for ρ ∈ (1.1, 1.3), at no corner.
TEST(SelectionSensibilite, CornersCanMissAnInteriorExtreme) {
    std::vector<sel::CandidatNotes> cs = {{{2.5, 2.5}}, {{3.5, 1.4}}, {{1.5, 3.8}}};
    auto s = sel::sensibilite(cs, {1, 1}, {});
    EXPECT_EQ(s[0].pireRang, 2);  // what the corners see
    EXPECT_EQ(rangsAuxPoids(cs, {1.2, 1.0})[0], 3);  // what the box holds
}

// Against a fine grid (9 points per axis, corners and centre included).
TEST(SelectionSensibilite, CornersAgainstFineGrid) {
    std::mt19937 rng(99);
    int instances = 0, rangsDifferents = 0, basculesDifferentes = 0;
    for (int k = 0; k < 300; ++k) {
        std::size_t n = 2 + rng() % 5, kc = 1 + rng() % 3;
        std::vector<sel::CandidatNotes> cs(n);
        bool avecNc = rng() % 2;
        for (auto& c : cs) {
            for (std::size_t j = 0; j < kc; ++j)
                c.notes.push_back(avecNc && rng() % 5 == 0 ? sel::Note() : sel::Note(double(rng() % 6)));
            if (std::none_of(c.notes.begin(), c.notes.end(), [](const sel::Note& x) { return bool(x); }))
                c.notes[0] = 2.0;
            c.territoire = int(rng() % 2);
            c.collectivite = int(rng() % 2);
        }
        std::vector<double> w(kc);
        for (auto& x : w) x = 1 + rng() % 3;
        sel::ParametresSensibilite p;
        p.variation = 0.3;
        p.panel.nombre = 1 + rng() % 3;
        auto s = sel::sensibilite(cs, w, p);
        ++instances;
        // grid
        std::vector<int> meilleur(n, 1 << 20), pire(n, 0);
        std::vector<bool> bascule(n, false);
        std::vector<std::vector<int>> auDessus(n, std::vector<int>(n, 0));  // grid: j strictly above i somewhere
        const int pas = 9;
        std::size_t total = 1;
        for (std::size_t j = 0; j < kc; ++j) total *= pas;
        for (std::size_t g = 0; g < total; ++g) {
            std::vector<double> wg(kc);
            std::size_t r = g;
            for (std::size_t j = 0; j < kc; ++j) {
                wg[j] = w[j] * (1 - p.variation + 2 * p.variation * double(r % pas) / (pas - 1));
                r /= pas;
            }
            std::vector<Candidat> cand(n);
            for (std::size_t i = 0; i < n; ++i)
                cand[i] = {sel::scorePondere(cs[i].notes, wg), cs[i].territoire, cs[i].collectivite};
            std::vector<double> sc;
            for (auto& c : cand) sc.push_back(c.score);
            auto rg = sel::rangs(sc);
            auto pan = sel::choisirPanel(cand, p.panel);
            for (std::size_t i = 0; i < n; ++i) {
                meilleur[i] = std::min(meilleur[i], rg[i]);
                pire[i] = std::max(pire[i], rg[i]);
                if (pan.retenu[i] != s[i].retenuCentre) bascule[i] = true;
                for (std::size_t j = 0; j < n; ++j)
                    if (sel::points(sc[j]) > sel::points(sc[i])) auDessus[i][j] = 1;
            }
        }
        // corners are grid points: the grid range contains the corner range
        bool diff = false, diffB = false;
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_LE(meilleur[i], s[i].meilleurRang);
            ASSERT_GE(pire[i], s[i].pireRang);
            if (meilleur[i] != s[i].meilleurRang || pire[i] != s[i].pireRang) diff = true;
            if (s[i].bascule) ASSERT_TRUE(bascule[i]);
            if (bascule[i] != s[i].bascule) diffB = true;
        }
        rangsDifferents += diff;
        basculesDifferentes += diffB;
        // Pairwise, same NC pattern: "j above i somewhere on the grid" => at some corner.
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                bool memeMotif = true;
                for (std::size_t c = 0; c < kc; ++c) memeMotif &= bool(cs[i].notes[c]) == bool(cs[j].notes[c]);
                if (!memeMotif || !auDessus[i][j]) continue;
                bool coin = false;
                for (std::size_t m = 0; m < (std::size_t(1) << kc) && !coin; ++m) {
                    std::vector<double> wc(kc);
                    for (std::size_t c = 0; c < kc; ++c) wc[c] = w[c] * (((m >> c) & 1) ? 1 + p.variation : 1 - p.variation);
                    coin = sel::points(sel::scorePondere(cs[j].notes, wc)) > sel::points(sel::scorePondere(cs[i].notes, wc));
                }
                ASSERT_TRUE(coin) << "instance " << k;
            }
    }
    RecordProperty("instances", instances);
    RecordProperty("rankRangeNarrowerThanGrid", rangsDifferents);
    RecordProperty("flipMissedByCorners", basculesDifferentes);
    std::printf("[ sensitivity ] %d instances: corners narrower than the grid in %d (ranks), %d (flips)\n", instances,
                rangsDifferents, basculesDifferentes);
}

}  // namespace
