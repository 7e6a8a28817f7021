// The representative panel (choisirPanel) and the price of representativeness
// (coutRepresentativite). The panel is defined in eci/selection.hpp (criteria
// 1-3); this file holds the algorithm that computes it exactly and, above each
// step, the part of the optimality argument that step relies on
// (docs/selection.md §7 gives the same argument in French).
//
// Overview: a min-cost flow on the small typology graph (building the network)
// gives the panels optimal for criteria 1-2 (successive shortest paths, with
// optimal potentials); criterion 3 is then settled by fixing the candidates in
// rank order along cycles of zero reduced cost. Cost: O(N E log V) for the flow
// plus at most one BFS of the typology graph per candidate.
#include "eci/selection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace eci::selection {

namespace {

// ------------------------------------------------------ eligible candidates ---

// Eligibility threshold in points (any score_min: below 0 everyone, above
// kScoreMax nobody).
std::int64_t seuilPoints(double scoreMin) {
    if (std::isnan(scoreMin)) throw ErreurSelection("Score minimal invalide : un nombre est attendu.");
    if (scoreMin <= 0) return 0;
    if (scoreMin > kScoreMax) return std::numeric_limits<std::int64_t>::max();
    return std::llround(scoreMin * kUnitesParPoint);
}

// Rank order of the eligible candidates: points desc, row asc.
std::vector<std::size_t> ordreRang(const std::vector<std::int64_t>& pts, const std::vector<std::size_t>& lignes) {
    std::vector<std::size_t> o = lignes;
    std::sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) {
        return pts[a] != pts[b] ? pts[a] > pts[b] : a < b;
    });
    return o;
}

// E of the header, in rank order (pos(i) = position in `ordre`).
struct Eligibles {
    std::vector<std::int64_t> pts;  // points(s_i), every candidate (row order)
    std::vector<std::size_t> ordre; // E sorted by (points desc, row asc)
};

// Validates every candidate (score, then typology ids, row by row) and keeps
// the eligible ones in rank order.
Eligibles eligibles(const std::vector<Candidat>& cs, const ParametresPanel& prm) {
    const std::size_t n = cs.size();
    Eligibles e;
    e.pts.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        e.pts[i] = points(cs[i].score);
        if (cs[i].territoire < kAucune || cs[i].collectivite < kAucune)
            throw ErreurSelection("Identifiant de typologie invalide (candidat " + std::to_string(i + 1) + ").");
    }
    const std::int64_t seuil = seuilPoints(prm.scoreMin);
    std::vector<std::size_t> elig;
    for (std::size_t i = 0; i < n; ++i)
        if (e.pts[i] >= seuil) elig.push_back(i);
    e.ordre = ordreRang(e.pts, elig);
    return e;
}

// ------------------------------------------------------------ typology ids ---

// Compact node numbers of one side (territory or collectivité): 1..nombreNoeuds
// in order of first appearance in rank order; a blank typology gets its own
// node (`blanc`, free arc only). `reelles` counts real typologies (|T| or |C|).
struct Cote {
    std::vector<int> noeud;  // per candidate (row order), -1 when not eligible
    int nombreNoeuds = 0;
    int blanc = -1;
    std::size_t reelles = 0;
};

Cote numeroter(const std::vector<Candidat>& cs, const std::vector<std::size_t>& ordre, int Candidat::*typologie) {
    Cote r;
    r.noeud.assign(cs.size(), -1);
    std::unordered_map<int, int> id;
    for (std::size_t i : ordre) {
        int t = cs[i].*typologie;
        if (t == kAucune) {
            if (r.blanc < 0) r.blanc = ++r.nombreNoeuds;
            r.noeud[i] = r.blanc;
        } else {
            auto it = id.find(t);
            if (it == id.end()) { it = id.emplace(t, ++r.nombreNoeuds).first; ++r.reelles; }
            r.noeud[i] = it->second;
        }
    }
    return r;
}

// ------------------------------------------------------------- the result ---

// Fills membres (rank order), totalPoints and the coverage counts from retenu.
void completerPanel(const std::vector<Candidat>& cs, const std::vector<std::int64_t>& pts,
                    const std::vector<std::size_t>& ordre, std::size_t nT, std::size_t nC, Panel& r) {
    std::vector<int> ts, cols;
    r.membres.clear();
    r.totalPoints = 0;
    for (std::size_t i : ordre) {
        if (!r.retenu[i]) continue;
        r.membres.push_back(i);
        r.totalPoints += pts[i];
        if (cs[i].territoire != kAucune) ts.push_back(cs[i].territoire);
        if (cs[i].collectivite != kAucune) cols.push_back(cs[i].collectivite);
    }
    auto distincts = [](std::vector<int>& v) {
        std::sort(v.begin(), v.end());
        return (std::size_t)(std::unique(v.begin(), v.end()) - v.begin());
    };
    r.typologiesCouvertes = distincts(ts) + distincts(cols);
    r.typologiesACouvrir = nT + nC;
}

// -------------------------------------------------------------- flow costs ---

// Costs are pairs (typologies, points) compared lexicographically: an ordered
// abelian group, so shortest paths and potentials work as with numbers,
// without any big-M constant and so without overflow.
struct Cout {
    std::int64_t typo = 0;
    std::int64_t pts = 0;
    Cout operator+(const Cout& o) const { return {typo + o.typo, pts + o.pts}; }
    Cout operator-(const Cout& o) const { return {typo - o.typo, pts - o.pts}; }
    bool operator<(const Cout& o) const { return typo != o.typo ? typo < o.typo : pts < o.pts; }
    bool operator>(const Cout& o) const { return o < *this; }
    bool operator==(const Cout& o) const { return typo == o.typo && pts == o.pts; }
    bool operator!=(const Cout& o) const { return !(*this == o); }
    bool nul() const { return typo == 0 && pts == 0; }
};

const Cout kInfini{std::numeric_limits<std::int64_t>::max() / 4, 0};

struct Arc {
    int vers;
    std::int64_t cap;  // residual capacity
    Cout cout;
    bool fige = false;  // candidate arc already decided by the tie-break pass
};

// Residual graph; arc a and a^1 are a pair (forward / reverse). The arcs are
// allocated once (arcsMax, an upper bound) and written in place.
struct Reseau {
    std::vector<Arc> arcs;  // arcs[0, nbArcs) are in use
    int nbArcs = 0;
    std::vector<std::vector<int>> sortants;
    Reseau(int n, std::size_t arcsMax) : arcs(arcsMax), sortants((std::size_t)n) {}
    int ajouter(int de, int vers, std::int64_t cap, Cout c) {
        int id = nbArcs;
        nbArcs += 2;
        arcs[(std::size_t)id] = {vers, cap, c};
        arcs[(std::size_t)id + 1] = {de, 0, Cout{-c.typo, -c.pts}};
        sortants[(std::size_t)de].push_back(id);
        sortants[(std::size_t)vers].push_back(id + 1);
        return id;
    }
    int origine(int a) const { return arcs[(std::size_t)(a ^ 1)].vers; }
    void pousser(int a, std::int64_t q) {
        arcs[(std::size_t)a].cap -= q;
        arcs[(std::size_t)(a ^ 1)].cap += q;
    }
};

// Reduced cost of a residual arc under potentials pi.
Cout coutReduit(const Reseau& g, const std::vector<Cout>& pi, int a) {
    const Arc& arc = g.arcs[(std::size_t)a];
    return arc.cout + pi[(std::size_t)g.origine(a)] - pi[(std::size_t)arc.vers];
}

// -------------------------------------------------------------- the network ---
//
// The model. Nodes: source 0, T-nodes 1..nTn, C-nodes nTn+1..nTn+nCn, sink.
//   source -> T-node t: one arc of capacity 1 and cost (-1 typology, 0) (the
//     reward for covering t) and one free arc (capacity N, cost 0); a blank
//     territory typology is a T-node with the free arc only;
//   T-node t_i -> C-node c_i: one arc per eligible candidate i, capacity 1,
//     cost (0, -points(s_i));
//   C-node c -> sink: reward arc (capacity 1, cost (-1, 0)) and free arc;
//   source -> sink: "empty slot" arc (the bypass), capacity N, cost 0.
// Claim: min-cost flows of value N <=> panels optimal for criteria 1-2.
// A flow of value exactly N is a set S (the candidate arcs carrying flow) plus
// N-|S| empty slots; for a given S the cheapest such flow takes each reward arc
// once per typology present in S (a reward arc has capacity 1, costs less than
// the free arc beside it, and the free arc takes the rest), so its cost is
// exactly -(couverture(S), total(S)). Minimising the cost lexicographically is
// maximising criterion 1, then criterion 2.
struct Graphe {
    Reseau g;
    int source = 0;
    int puits = 0;
    int nbNoeuds = 0;
    int bypass = -1;
    std::int64_t capN = 0;
    std::vector<int> arcDe;  // candidate arc per candidate (row order), -1 when not eligible
    Graphe(int n, std::size_t arcsMax) : g(n, arcsMax) {}
};

Graphe construireReseau(const std::vector<Candidat>& cs, const std::vector<std::int64_t>& pts,
                        const std::vector<std::size_t>& ordre, const Cote& t, const Cote& c, std::size_t N) {
    const int nTn = t.nombreNoeuds, nCn = c.nombreNoeuds;
    // Two arcs (forward, reverse) per reward arc, free arc, candidate and the bypass.
    Graphe r(nTn + nCn + 2, 2 * (2 * std::size_t(nTn + nCn) + ordre.size() + 1));
    Reseau& g = r.g;
    r.source = 0;
    r.puits = nTn + nCn + 1;
    r.nbNoeuds = r.puits + 1;
    r.capN = (std::int64_t)N;
    auto noeudDeC = [&](int k) { return nTn + k; };
    for (int k = 1; k <= nTn; ++k) {
        if (k != t.blanc) g.ajouter(r.source, k, 1, Cout{-1, 0});
        g.ajouter(r.source, k, r.capN, Cout{});
    }
    r.arcDe.assign(cs.size(), -1);
    for (std::size_t i : ordre) r.arcDe[i] = g.ajouter(t.noeud[i], noeudDeC(c.noeud[i]), 1, Cout{0, -pts[i]});
    for (int k = 1; k <= nCn; ++k) {
        if (k != c.blanc) g.ajouter(noeudDeC(k), r.puits, 1, Cout{-1, 0});
        g.ajouter(noeudDeC(k), r.puits, r.capN, Cout{});
    }
    r.bypass = g.ajouter(r.source, r.puits, r.capN, Cout{});
    return r;
}

// ------------------------------------------------ successive shortest paths ---
//
// A min-cost flow of value N, and with it optimal potentials pi (every residual
// arc of reduced cost >= 0), by successive shortest paths. The initial network
// has no cycle, so the first potentials are shortest distances in that DAG
// (valid: every arc of reduced cost >= 0). Each round runs Dijkstra on reduced
// costs and adds the distances to pi (unreached nodes get the largest distance
// reached), which keeps every residual arc at reduced cost >= 0 after pushing
// along the shortest path. When the shortest source -> sink path no longer has
// negative real cost, no augmentation can lower the cost: the bypass (cost 0,
// itself a shortest path then, so of reduced cost 0) takes the remaining slots
// and the potentials stay valid. At the end the flow has value N and pi
// certifies its optimality (no residual cycle of negative cost).

// Shortest distances in the initial DAG (node index order is topological:
// source, T-nodes, C-nodes, sink).
std::vector<Cout> potentielsInitiaux(const Graphe& r) {
    std::vector<Cout> pi((std::size_t)r.nbNoeuds, kInfini);
    pi[(std::size_t)r.source] = Cout{};
    for (int u = 0; u < r.nbNoeuds; ++u) {
        if (pi[(std::size_t)u] == kInfini) continue;
        for (int a : r.g.sortants[(std::size_t)u]) {
            const Arc& arc = r.g.arcs[(std::size_t)a];
            if (arc.cap <= 0) continue;
            Cout d = pi[(std::size_t)u] + arc.cout;
            if (d < pi[(std::size_t)arc.vers]) pi[(std::size_t)arc.vers] = d;
        }
    }
    return pi;
}

// Work arrays of one Dijkstra round, kept across rounds.
struct Dijkstra {
    std::vector<Cout> dist;
    std::vector<int> parent;  // residual arc entering each node on its shortest path
    std::vector<char> fait;   // settled (reached)
    explicit Dijkstra(int n) : dist((std::size_t)n), parent((std::size_t)n), fait((std::size_t)n) {}
};

// One round: shortest reduced-cost distances from the source over residual arcs.
void plusCourtsChemins(const Graphe& r, const std::vector<Cout>& pi, Dijkstra& d) {
    std::fill(d.dist.begin(), d.dist.end(), kInfini);
    std::fill(d.parent.begin(), d.parent.end(), -1);
    std::fill(d.fait.begin(), d.fait.end(), 0);
    using Entree = std::pair<Cout, int>;
    auto plusGrand = [](const Entree& a, const Entree& b) { return b.first < a.first; };
    std::priority_queue<Entree, std::vector<Entree>, decltype(plusGrand)> file(plusGrand);
    d.dist[(std::size_t)r.source] = Cout{};
    file.push({Cout{}, r.source});
    while (!file.empty()) {
        auto [du, u] = file.top();
        file.pop();
        if (d.fait[(std::size_t)u]) continue;
        d.fait[(std::size_t)u] = 1;
        for (int a : r.g.sortants[(std::size_t)u]) {
            const Arc& arc = r.g.arcs[(std::size_t)a];
            if (arc.cap <= 0) continue;
            Cout nd = du + coutReduit(r.g, pi, a);
            if (nd < d.dist[(std::size_t)arc.vers]) {
                d.dist[(std::size_t)arc.vers] = nd;
                d.parent[(std::size_t)arc.vers] = a;
                file.push({nd, arc.vers});
            }
        }
    }
}

// Augments until the flow has value N; returns the optimal potentials.
std::vector<Cout> flotDeCoutMinimal(Graphe& r) {
    Reseau& g = r.g;
    std::vector<Cout> pi = potentielsInitiaux(r);
    Dijkstra d(r.nbNoeuds);
    std::int64_t flot = 0;
    while (flot < r.capN) {
        plusCourtsChemins(r, pi, d);
        // The bypass keeps the sink reachable while flot < N.
        Cout dmax{};
        for (int v = 0; v < r.nbNoeuds; ++v)
            if (d.fait[(std::size_t)v] && dmax < d.dist[(std::size_t)v]) dmax = d.dist[(std::size_t)v];
        Cout coutReel = d.dist[(std::size_t)r.puits] + pi[(std::size_t)r.puits] - pi[(std::size_t)r.source];
        for (int v = 0; v < r.nbNoeuds; ++v)
            pi[(std::size_t)v] = pi[(std::size_t)v] + (d.fait[(std::size_t)v] ? d.dist[(std::size_t)v] : dmax);
        if (!(coutReel < Cout{})) {
            // No improving path: the bypass takes the remaining slots.
            g.pousser(r.bypass, r.capN - flot);
            break;
        }
        std::int64_t q = r.capN - flot;
        for (int v = r.puits; v != r.source; v = g.origine(d.parent[(std::size_t)v]))
            q = std::min(q, g.arcs[(std::size_t)d.parent[(std::size_t)v]].cap);
        for (int v = r.puits; v != r.source; v = g.origine(d.parent[(std::size_t)v]))
            g.pousser(d.parent[(std::size_t)v], q);
        flot += q;
    }
    return pi;
}

// ---------------------------------------- fixing candidates in rank order ---
//
// Criterion 3 among the flows optimal for criteria 1-2. pi is an optimal dual:
// every residual arc has reduced cost >= 0. By complementary slackness, an
// optimal flow uses no arc of positive reduced cost and saturates every arc of
// negative reduced cost, and pi stays optimal for every optimal flow; two
// optimal flows differ by cycles of zero reduced cost. So the candidates are
// visited in rank order and each is fixed in or out:
//   * a candidate already in the flow is fixed in;
//   * a candidate arc of positive reduced cost is in no optimal panel: fixed out;
//   * otherwise the candidate is brought in iff the residual graph restricted to
//     unfixed zero-reduced-cost arcs has a path from its C-node back to its
//     T-node (the cycle is then pushed: same cost, same potentials, and no
//     fixed candidate changes); else it is fixed out.
// At each step the flow is optimal and agrees with every decision so far, and a
// candidate is fixed out only when no optimal flow agreeing with the earlier
// decisions holds it. This greedy therefore yields the lexicographically
// largest membership vector among optimal panels: criterion 3.

// Fixing arcs only removes residual arcs, so "no zero path C -> T" stays true
// until the next cycle is pushed: failures are remembered per (T, C) pair for
// the current epoch (an epoch ends at each push). Many tied candidates of the
// same pair then cost one search.
struct Fixation {
    std::vector<int> vu;  // BFS marks (== marque: seen in the current search)
    int marque = 0;
    std::vector<int> file;
    std::vector<int> parent;  // residual arc entering each node on the BFS path
    int epoque = 0;
    std::unordered_map<std::uint64_t, int> echec;
    explicit Fixation(int n) : vu((std::size_t)n, 0), parent((std::size_t)n) { file.reserve((std::size_t)n); }
};

// Breadth-first search of a path de -> vers over unfixed residual arcs of zero
// reduced cost; on success f.parent holds it.
bool cheminNul(const Reseau& g, const std::vector<Cout>& pi, int de, int vers, Fixation& f) {
    ++f.marque;
    f.file.clear();
    f.file.push_back(de);
    f.vu[(std::size_t)de] = f.marque;
    for (std::size_t k = 0; k < f.file.size(); ++k) {
        int u = f.file[k];
        for (int b : g.sortants[(std::size_t)u]) {
            const Arc& ab = g.arcs[(std::size_t)b];
            if (ab.cap <= 0 || ab.fige || f.vu[(std::size_t)ab.vers] == f.marque || !coutReduit(g, pi, b).nul())
                continue;
            f.vu[(std::size_t)ab.vers] = f.marque;
            f.parent[(std::size_t)ab.vers] = b;
            if (ab.vers == vers) return true;
            f.file.push_back(ab.vers);
        }
    }
    return false;
}

void fixerDansLOrdre(Graphe& r, const std::vector<Cout>& pi, const std::vector<std::size_t>& ordre) {
    Reseau& g = r.g;
    Fixation f(r.nbNoeuds);
    for (std::size_t i : ordre) {
        int a = r.arcDe[i];
        Arc& arc = g.arcs[(std::size_t)a];
        arc.fige = true;
        g.arcs[(std::size_t)(a ^ 1)].fige = true;
        if (arc.cap == 0) continue;                 // in the flow: fixed in
        if (!coutReduit(g, pi, a).nul()) continue;  // positive reduced cost: in no optimal panel
        const int de = arc.vers, vers = g.origine(a);
        const std::uint64_t paire = (std::uint64_t(std::uint32_t(vers)) << 32) | std::uint32_t(de);
        auto e = f.echec.find(paire);
        if (e != f.echec.end() && e->second == f.epoque) continue;  // fixed out
        if (!cheminNul(g, pi, de, vers, f)) {                      // fixed out
            f.echec[paire] = f.epoque;
            continue;
        }
        for (int v = vers; v != de; v = g.origine(f.parent[(std::size_t)v])) g.pousser(f.parent[(std::size_t)v], 1);
        g.pousser(a, 1);
        ++f.epoque;
    }
}

// ---------------------------------------------------------------- the panel ---

Panel panelDesEligibles(const std::vector<Candidat>& cs, const Eligibles& e, std::size_t N) {
    const Cote t = numeroter(cs, e.ordre, &Candidat::territoire);
    const Cote c = numeroter(cs, e.ordre, &Candidat::collectivite);
    Panel r;
    r.retenu.assign(cs.size(), false);
    r.eligibles = e.ordre.size();
    // Scores are >= 0: with room for everyone, taking everyone is optimal for
    // the three criteria at once.
    if (N >= e.ordre.size()) {
        for (std::size_t i : e.ordre) r.retenu[i] = true;
    } else if (N > 0) {
        Graphe graphe = construireReseau(cs, e.pts, e.ordre, t, c, N);
        const std::vector<Cout> pi = flotDeCoutMinimal(graphe);
        fixerDansLOrdre(graphe, pi, e.ordre);
        for (std::size_t i : e.ordre) r.retenu[i] = graphe.g.arcs[(std::size_t)graphe.arcDe[i]].cap == 0;
    }
    completerPanel(cs, e.pts, e.ordre, t.reelles, c.reelles, r);
    return r;
}

}  // namespace

Panel choisirPanel(const std::vector<Candidat>& cs, const ParametresPanel& prm) {
    return panelDesEligibles(cs, eligibles(cs, prm), prm.nombre);
}

// ------------------------------------------- price of representativeness ---

CoutPanel coutRepresentativite(const std::vector<Candidat>& cs, const ParametresPanel& prm) {
    const Eligibles e = eligibles(cs, prm);
    CoutPanel r;
    r.panel = panelDesEligibles(cs, e, prm.nombre);
    std::size_t k = std::min(prm.nombre, e.ordre.size());
    r.topN.assign(e.ordre.begin(), e.ordre.begin() + (long)k);
    std::vector<bool> dansTop(cs.size(), false);
    for (std::size_t i : r.topN) {
        dansTop[i] = true;
        r.totalTopNPoints += e.pts[i];
    }
    r.coutPoints = r.totalTopNPoints - r.panel.totalPoints;
    std::vector<std::size_t> entrants, sortants;
    for (std::size_t i : r.panel.membres)
        if (!dansTop[i]) entrants.push_back(i);
    for (std::size_t i : r.topN)
        if (!r.panel.retenu[i]) sortants.push_back(i);
    for (std::size_t j = 0; j < std::min(entrants.size(), sortants.size()); ++j)
        r.remplacements.push_back({entrants[j], sortants[j]});
    return r;
}

}  // namespace eci::selection
