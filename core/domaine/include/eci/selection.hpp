// Selection of candidates (docs/selection.md, family CRITERES of
// docs/fonctions-conventions.md): weighted score, competition rank, the representative
// panel (exact optimisation), the price of representativeness and the
// sensitivity of ranks and selection to the weights.
//
// Plain C++ values, no UNO and no cell types: the spreadsheet conventions
// (text folding, blank cells, ranges) live in fonctions_criteres.hpp.
// Bad input throws ErreurSelection with a French message (it may reach the user).
//
// ---------------------------------------------------------------------------
// Score comparisons. Scores are compared and summed after rounding to the
// millionth: points(s) = llround(s * 1e6) (an int64). Two scores that differ
// only by floating-point noise (80 and 80.00000000000001, the same weighted
// score reached by two computation paths) are therefore equal, ranks and
// panels do not depend on that noise, and the panel optimisation is exact
// integer arithmetic. Scores must lie in [0, 1e6] (kScoreMax).
//
// ---------------------------------------------------------------------------
// The panel (choisirPanel). Given candidates i = 0..n-1 (row order) with a
// score s_i, a territory typology t_i and a collectivité typology c_i (each
// an id >= 0, or kAucune = -1 for a blank typology), a maximum size N and a
// minimum score:
//   * E = eligible candidates: s_i >= score_min (compared in points);
//   * T = { t_i : i in E, t_i != kAucune }, C = { c_i : i in E, c_i != kAucune }
//     (territory and collectivité ids are separate namespaces);
//   * for S ⊆ E: couverture(S) = |{t_i : i in S} ∩ T| + |{c_i : i in S} ∩ C|,
//     total(S) = Σ_{i in S} points(s_i);
//   * rank order of E: candidates sorted by (points desc, row asc); pos(i) is
//     the 0-based position of i in that order;
//   * the panel is the unique S ⊆ E with |S| <= N maximising, lexicographically,
//       1. couverture(S),
//       2. total(S),
//       3. the membership vector (1[pos 0 in S], 1[pos 1 in S], ...), compared
//          lexicographically (1 > 0): at the first position where two panels
//          differ, the one holding the better-ranked candidate wins.
//     Criterion 3 is "ties broken by rank then row order". Equivalently: the
//     sorted list of positions of S is lexicographically smallest, a shorter
//     list being padded with +infinity (so, scores being >= 0, a panel never
//     stops short of min(N, |E|) members: an extra candidate never lowers 1 or
//     2, and criterion 3 prefers holding it).
//   When N >= the minimum number of candidates covering T ∪ C, the panel covers
//   every typology ("every typology present is represented, where N allows
//   it"); otherwise it covers as many as possible, then maximises the score.
//
// The algorithm (an exact min-cost flow on the typology graph, then a
// tie-break pass in rank order) and the proof that it returns this panel are
// in src/selection/panel.cpp, beside the code; docs/selection.md §7.
// ---------------------------------------------------------------------------
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace eci::selection {

struct ErreurSelection : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

constexpr int kAucune = -1;             // blank typology
constexpr double kScoreMax = 1e6;       // scores outside [0, kScoreMax] are rejected
constexpr double kUnitesParPoint = 1e6; // points(s) = llround(s * 1e6)

// The comparison key of a score (see above). Throws ErreurSelection outside
// [0, kScoreMax] or when not finite.
std::int64_t points(double score);

// The comparison key of a tie-break value: llround(v * 1e6); throws outside
// [-kScoreMax, kScoreMax] or when not finite.
std::int64_t pointsDepartage(double v);

// ------------------------------------------------------------------ score ---

// A note: a number, or nullopt for NC (non concerné).
using Note = std::optional<double>;

// Weighted score on 0–100: Σ wᵢ·nᵢ / (Σ wᵢ · note_max) × 100 over the criteria
// that are not NC. Errors (ErreurSelection): sizes differ, note_max <= 0 or not
// finite, a note outside [0, note_max], a negative or non-finite weight, all
// weights zero, every note NC, or the non-NC criteria all of weight zero.
double scorePondere(const std::vector<Note>& notes, const std::vector<double>& poids, double noteMax = 5);

// ------------------------------------------------------------------- rank ---

// Competition rank (1, 2, 2, 4) of every score, best = highest (compared in
// points). With `departages` (same size), equal scores are ordered by the
// tie-break value, higher first (also compared in points); still-equal stay
// tied. departages values must be finite (any sign, |v| <= kScoreMax).
std::vector<int> rangs(const std::vector<double>& scores, const std::vector<double>* departages = nullptr);

// ------------------------------------------------------------------ panel ---

struct Candidat {
    double score = 0;
    int territoire = kAucune;    // territory typology id, or kAucune
    int collectivite = kAucune;  // collectivité typology id, or kAucune
};

struct ParametresPanel {
    std::size_t nombre = 10;  // N: at most that many members
    double scoreMin = 0;      // eligibility: score >= scoreMin (in points)
};

struct Panel {
    std::vector<bool> retenu;             // per candidate (row order)
    std::vector<std::size_t> membres;     // selected rows, in rank order (points desc, row asc)
    std::size_t eligibles = 0;            // |E|
    std::size_t typologiesACouvrir = 0;   // |T| + |C|
    std::size_t typologiesCouvertes = 0;  // couverture(panel)
    std::int64_t totalPoints = 0;         // total(panel), in points
    double total() const { return double(totalPoints) / kUnitesParPoint; }
};

// The panel defined above. Throws ErreurSelection on a score outside
// [0, kScoreMax] (eligible or not) or a typology id < kAucune.
Panel choisirPanel(const std::vector<Candidat>& candidats, const ParametresPanel& p);

// ------------------------------------------------ price of representativeness ---

struct Remplacement {
    std::size_t entrant;  // panel member outside the plain top N
    std::size_t sortant;  // top-N candidate left out of the panel
};

struct CoutPanel {
    Panel panel;
    std::vector<std::size_t> topN;  // the min(N, |E|) first eligible in rank order
    std::int64_t totalTopNPoints = 0;
    std::int64_t coutPoints = 0;    // totalTopNPoints - panel.totalPoints (>= 0)
    // Entrants and sortants, each list in rank order, paired k-th with k-th
    // (both lists have the same length since |panel| = |topN|).
    std::vector<Remplacement> remplacements;
    double cout() const { return double(coutPoints) / kUnitesParPoint; }
};

CoutPanel coutRepresentativite(const std::vector<Candidat>& candidats, const ParametresPanel& p);

// ------------------------------------------------------------ sensitivity ---
//
// Every merit weight w_j moves independently within [w_j(1-v), w_j(1+v)]
// (v = variation in [0, 1)). Ranks (competition, by score only) and the panel
// are evaluated at the 2^k corners of that box and at its centre (the given
// weights); k <= kMaxCriteresSensibilite.
//
// Limits (stated honestly; see docs/selection.md):
//  * For two candidates with the same NC pattern, s_a(w) - s_b(w) has the sign
//    of a linear form in w, so "b can overtake a somewhere in the box" is
//    decided exactly by the corners. With different NC patterns the sign is
//    that of a quadratic form, and a pairwise overtaking can happen strictly
//    inside the box only.
//  * Even pairwise-exact, the rank extremes are the max/min of a SUM of such
//    indicators, which may be reached only inside the box (two rivals each
//    overtaking in a different corner and both in between). So meilleurRang /
//    pireRang are ranks actually reached (inner bounds of the true range):
//    the true best rank is <= meilleurRang, the true worst >= pireRang.
//    Likewise `bascule` is true only when a corner actually flips the
//    selection; a flip reachable only inside the box is missed.
constexpr std::size_t kMaxCriteresSensibilite = 6;

struct CandidatNotes {
    std::vector<Note> notes;  // one per merit criterion (nullopt = NC)
    int territoire = kAucune;
    int collectivite = kAucune;
};

struct ParametresSensibilite {
    double variation = 0.2;
    double noteMax = 5;
    ParametresPanel panel;
};

struct Sensibilite {
    double scoreCentre = 0;
    int rangCentre = 0;
    int meilleurRang = 0;  // smallest rank over centre and corners
    int pireRang = 0;      // largest rank over centre and corners
    bool retenuCentre = false;
    bool bascule = false;  // selected at some evaluated point and not at another
};

std::vector<Sensibilite> sensibilite(const std::vector<CandidatNotes>& candidats, const std::vector<double>& poids,
                                     const ParametresSensibilite& p);

}  // namespace eci::selection
