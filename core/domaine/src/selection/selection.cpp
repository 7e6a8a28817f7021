// Selection of candidates: score, rank, exact panel (min-cost flow with a
// lexicographic tie-break), price of representativeness, sensitivity.
// The definitions and the correctness argument are in eci/selection.hpp.
#include "eci/selection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>
#include <unordered_map>

namespace eci::selection {

namespace {

std::string nombreTexte(double x) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%g", x);
    std::string s = buf;
    for (char& c : s)
        if (c == '.') c = ',';
    return s;
}

// Weighted score without validation (the caller validated the notes).
// Returns NaN when no weight applies.
double scoreBrut(const std::vector<Note>& notes, const std::vector<double>& poids, double noteMax) {
    double num = 0, den = 0;
    for (std::size_t j = 0; j < notes.size(); ++j) {
        if (!notes[j]) continue;
        num += poids[j] * *notes[j];
        den += poids[j];
    }
    if (!(den > 0)) return std::numeric_limits<double>::quiet_NaN();
    return num / (den * noteMax) * 100.0;
}

// ------------------------------------------------------------ flow costs ---

// (typologies, points): lexicographic, an ordered abelian group.
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

struct Arc {
    int vers;
    std::int64_t cap;  // residual capacity
    Cout cout;
    bool fige = false;  // candidate arc already decided by the tie-break pass
};

// Residual graph; arc a and a^1 are a pair (forward / reverse).
struct Reseau {
    std::vector<Arc> arcs;
    std::vector<std::vector<int>> sortants;
    explicit Reseau(int n) : sortants((std::size_t)n) {}
    int ajouter(int de, int vers, std::int64_t cap, Cout c) {
        int id = (int)arcs.size();
        arcs.push_back({vers, cap, c});
        arcs.push_back({de, 0, Cout{-c.typo, -c.pts}});
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

// Rank order of the eligible candidates: points desc, row asc.
std::vector<std::size_t> ordreRang(const std::vector<std::int64_t>& pts, const std::vector<std::size_t>& lignes) {
    std::vector<std::size_t> o = lignes;
    std::sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) {
        return pts[a] != pts[b] ? pts[a] > pts[b] : a < b;
    });
    return o;
}

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

}  // namespace

// --------------------------------------------------------------- points ---

std::int64_t points(double score) {
    if (!std::isfinite(score) || score < 0 || score > kScoreMax)
        throw ErreurSelection("Score « " + nombreTexte(score) + " » invalide : un nombre entre 0 et 1 000 000 est attendu.");
    return std::llround(score * kUnitesParPoint);
}

std::int64_t pointsDepartage(double v) {
    if (!std::isfinite(v) || std::fabs(v) > kScoreMax)
        throw ErreurSelection("Valeur de départage « " + nombreTexte(v) +
                              " » invalide : un nombre entre -1 000 000 et 1 000 000 est attendu.");
    return std::llround(v * kUnitesParPoint);
}

namespace {
// Eligibility threshold in points (any score_min: below 0 everyone, above
// kScoreMax nobody).
std::int64_t seuilPoints(double scoreMin) {
    if (std::isnan(scoreMin)) throw ErreurSelection("Score minimal invalide : un nombre est attendu.");
    if (scoreMin <= 0) return 0;
    if (scoreMin > kScoreMax) return std::numeric_limits<std::int64_t>::max();
    return std::llround(scoreMin * kUnitesParPoint);
}
}  // namespace

// ---------------------------------------------------------------- score ---

double scorePondere(const std::vector<Note>& notes, const std::vector<double>& poids, double noteMax) {
    if (notes.size() != poids.size())
        throw ErreurSelection("Les notes (" + std::to_string(notes.size()) + ") et les poids (" +
                              std::to_string(poids.size()) + ") doivent être en même nombre.");
    if (notes.empty()) throw ErreurSelection("Aucun critère : donnez au moins une note et un poids.");
    if (!std::isfinite(noteMax) || noteMax <= 0)
        throw ErreurSelection("La note maximale doit être un nombre strictement positif (reçu " + nombreTexte(noteMax) + ").");
    bool unPoids = false, uneNote = false;
    for (std::size_t j = 0; j < poids.size(); ++j) {
        if (!std::isfinite(poids[j]) || poids[j] < 0)
            throw ErreurSelection("Poids du critère " + std::to_string(j + 1) + " invalide (" + nombreTexte(poids[j]) +
                                  ") : un poids positif ou nul est attendu.");
        if (poids[j] > 0) unPoids = true;
    }
    if (!unPoids) throw ErreurSelection("Tous les poids sont nuls : donnez un poids positif à au moins un critère.");
    for (std::size_t j = 0; j < notes.size(); ++j) {
        if (!notes[j]) continue;
        double n = *notes[j];
        if (!std::isfinite(n) || n < 0 || n > noteMax)
            throw ErreurSelection("Note du critère " + std::to_string(j + 1) + " hors de l'échelle (" + nombreTexte(n) +
                                  ") : une note entre 0 et " + nombreTexte(noteMax) + ", ou NC, est attendue.");
        uneNote = true;
    }
    if (!uneNote) throw ErreurSelection("Toutes les notes sont NC : le score ne peut pas être calculé.");
    double s = scoreBrut(notes, poids, noteMax);
    if (std::isnan(s))
        throw ErreurSelection("Les critères notés (non NC) ont tous un poids nul : le score ne peut pas être calculé.");
    return s;
}

// ----------------------------------------------------------------- rank ---

std::vector<int> rangs(const std::vector<double>& scores, const std::vector<double>* departages) {
    if (departages && departages->size() != scores.size())
        throw ErreurSelection("Les scores et les valeurs de départage doivent être en même nombre.");
    std::size_t n = scores.size();
    std::vector<std::int64_t> p(n), d(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        p[i] = points(scores[i]);
        if (departages) d[i] = pointsDepartage((*departages)[i]);
    }
    std::vector<std::size_t> o(n);
    std::iota(o.begin(), o.end(), 0);
    auto cle = [&](std::size_t i) { return std::make_pair(p[i], d[i]); };
    std::sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) { return cle(a) > cle(b); });
    std::vector<int> r(n);
    for (std::size_t k = 0; k < n; ++k)
        r[o[k]] = (k > 0 && cle(o[k]) == cle(o[k - 1])) ? r[o[k - 1]] : int(k + 1);
    return r;
}

// ---------------------------------------------------------------- panel ---

Panel choisirPanel(const std::vector<Candidat>& cs, const ParametresPanel& prm) {
    const std::size_t n = cs.size();
    std::vector<std::int64_t> pts(n);
    for (std::size_t i = 0; i < n; ++i) {
        pts[i] = points(cs[i].score);
        if (cs[i].territoire < kAucune || cs[i].collectivite < kAucune)
            throw ErreurSelection("Identifiant de typologie invalide (candidat " + std::to_string(i + 1) + ").");
    }
    const std::int64_t seuil = seuilPoints(prm.scoreMin);

    std::vector<std::size_t> elig;
    for (std::size_t i = 0; i < n; ++i)
        if (pts[i] >= seuil) elig.push_back(i);
    const std::vector<std::size_t> ordre = ordreRang(pts, elig);

    // Compact typology nodes: T-nodes 1..nTn, C-nodes after; a blank typology
    // gets its own node (free arc only). nT / nC count real typologies.
    std::unordered_map<int, int> idT, idC;
    int blancT = -1, blancC = -1;
    std::size_t nT = 0, nC = 0;
    std::vector<int> noeudT(n, -1), noeudC(n, -1);
    int nTn = 0;
    for (std::size_t i : ordre) {
        int t = cs[i].territoire;
        if (t == kAucune) {
            if (blancT < 0) blancT = ++nTn;
            noeudT[i] = blancT;
        } else {
            auto it = idT.find(t);
            if (it == idT.end()) { it = idT.emplace(t, ++nTn).first; ++nT; }
            noeudT[i] = it->second;
        }
    }
    int nCn = 0;
    for (std::size_t i : ordre) {
        int c = cs[i].collectivite;
        if (c == kAucune) {
            if (blancC < 0) blancC = ++nCn;
            noeudC[i] = blancC;
        } else {
            auto it = idC.find(c);
            if (it == idC.end()) { it = idC.emplace(c, ++nCn).first; ++nC; }
            noeudC[i] = it->second;
        }
    }

    Panel r;
    r.retenu.assign(n, false);
    r.eligibles = elig.size();
    const std::size_t N = prm.nombre;

    // Scores are >= 0: with room for everyone, taking everyone is optimal for
    // the three criteria at once.
    if (N >= elig.size()) {
        for (std::size_t i : elig) r.retenu[i] = true;
        completerPanel(cs, pts, ordre, nT, nC, r);
        return r;
    }
    if (N == 0) {
        completerPanel(cs, pts, ordre, nT, nC, r);
        return r;
    }

    // ----------------------------------------------------- the network ---
    const int source = 0;
    const int puits = nTn + nCn + 1;
    const int nbNoeuds = puits + 1;
    auto noeudDeC = [&](int c) { return nTn + c; };
    const std::int64_t capN = (std::int64_t)N;
    Reseau g(nbNoeuds);
    g.arcs.reserve(2 * (2 * std::size_t(nTn + nCn) + ordre.size() + 1));
    for (int t = 1; t <= nTn; ++t) {
        if (t != blancT) g.ajouter(source, t, 1, Cout{-1, 0});
        g.ajouter(source, t, capN, Cout{});
    }
    std::vector<int> arcDe(n, -1);
    for (std::size_t i : ordre) arcDe[i] = g.ajouter(noeudT[i], noeudDeC(noeudC[i]), 1, Cout{0, -pts[i]});
    for (int c = 1; c <= nCn; ++c) {
        if (c != blancC) g.ajouter(noeudDeC(c), puits, 1, Cout{-1, 0});
        g.ajouter(noeudDeC(c), puits, capN, Cout{});
    }
    const int bypass = g.ajouter(source, puits, capN, Cout{});

    // Potentials: shortest distances in the initial DAG (node index order is
    // topological: source, T-nodes, C-nodes, sink).
    const Cout infini{std::numeric_limits<std::int64_t>::max() / 4, 0};
    std::vector<Cout> pi((std::size_t)nbNoeuds, infini);
    pi[source] = Cout{};
    for (int u = 0; u < nbNoeuds; ++u) {
        if (pi[(std::size_t)u] == infini) continue;
        for (int a : g.sortants[(std::size_t)u]) {
            const Arc& arc = g.arcs[(std::size_t)a];
            if (arc.cap <= 0) continue;
            Cout d = pi[(std::size_t)u] + arc.cout;
            if (d < pi[(std::size_t)arc.vers]) pi[(std::size_t)arc.vers] = d;
        }
    }
    auto reduit = [&](int a) {
        const Arc& arc = g.arcs[(std::size_t)a];
        return arc.cout + pi[(std::size_t)g.origine(a)] - pi[(std::size_t)arc.vers];
    };

    // ------------------------------------- successive shortest paths ---
    std::int64_t flot = 0;
    std::vector<Cout> dist((std::size_t)nbNoeuds);
    std::vector<int> parent((std::size_t)nbNoeuds);
    std::vector<char> fait((std::size_t)nbNoeuds);
    using Entree = std::pair<Cout, int>;
    auto plusGrand = [](const Entree& a, const Entree& b) { return b.first < a.first; };
    while (flot < capN) {
        std::fill(dist.begin(), dist.end(), infini);
        std::fill(parent.begin(), parent.end(), -1);
        std::fill(fait.begin(), fait.end(), 0);
        std::priority_queue<Entree, std::vector<Entree>, decltype(plusGrand)> file(plusGrand);
        dist[source] = Cout{};
        file.push({Cout{}, source});
        while (!file.empty()) {
            auto [d, u] = file.top();
            file.pop();
            if (fait[(std::size_t)u]) continue;
            fait[(std::size_t)u] = 1;
            for (int a : g.sortants[(std::size_t)u]) {
                const Arc& arc = g.arcs[(std::size_t)a];
                if (arc.cap <= 0) continue;
                Cout nd = d + reduit(a);
                if (nd < dist[(std::size_t)arc.vers]) {
                    dist[(std::size_t)arc.vers] = nd;
                    parent[(std::size_t)arc.vers] = a;
                    file.push({nd, arc.vers});
                }
            }
        }
        // The bypass keeps the sink reachable while flot < N.
        Cout dmax{};
        for (int v = 0; v < nbNoeuds; ++v)
            if (fait[(std::size_t)v] && dmax < dist[(std::size_t)v]) dmax = dist[(std::size_t)v];
        Cout coutReel = dist[puits] + pi[puits] - pi[source];
        for (int v = 0; v < nbNoeuds; ++v) pi[(std::size_t)v] = pi[(std::size_t)v] + (fait[(std::size_t)v] ? dist[(std::size_t)v] : dmax);
        if (!(coutReel < Cout{})) {
            // No improving path: the bypass (cost 0, a shortest path now, so of
            // reduced cost 0) takes the remaining slots; potentials stay valid.
            g.pousser(bypass, capN - flot);
            flot = capN;
            break;
        }
        std::int64_t q = capN - flot;
        for (int v = puits; v != source; v = g.origine(parent[(std::size_t)v]))
            q = std::min(q, g.arcs[(std::size_t)parent[(std::size_t)v]].cap);
        for (int v = puits; v != source; v = g.origine(parent[(std::size_t)v])) g.pousser(parent[(std::size_t)v], q);
        flot += q;
    }

    // ----------------------------------- lexicographic tie-break pass ---
    // pi is an optimal dual: every residual arc has reduced cost >= 0.
    std::vector<int> vu((std::size_t)nbNoeuds, 0);
    int marque = 0;
    std::vector<int> file;
    file.reserve((std::size_t)nbNoeuds);
    // Fixing arcs only removes residual arcs, so "no zero path C -> T" stays
    // true until the next augmentation: remember failures per (T, C) pair for
    // the current epoch (an epoch ends at each augmentation). Many tied
    // candidates of the same pair then cost one search.
    int epoque = 0;
    std::unordered_map<std::uint64_t, int> echec;
    for (std::size_t i : ordre) {
        int a = arcDe[i];
        Arc& arc = g.arcs[(std::size_t)a];
        arc.fige = true;
        g.arcs[(std::size_t)(a ^ 1)].fige = true;
        if (arc.cap == 0) continue;       // in the flow: fixed in
        if (!reduit(a).nul()) continue;  // positive reduced cost: in no optimal panel
        // Search a zero-reduced-cost residual path C-node -> T-node avoiding fixed arcs.
        const int de = arc.vers, vers = g.origine(a);
        const std::uint64_t paire = (std::uint64_t(std::uint32_t(vers)) << 32) | std::uint32_t(de);
        auto e = echec.find(paire);
        if (e != echec.end() && e->second == epoque) continue;  // fixed out
        ++marque;
        file.clear();
        file.push_back(de);
        vu[(std::size_t)de] = marque;
        bool trouve = false;
        for (std::size_t k = 0; k < file.size() && !trouve; ++k) {
            int u = file[k];
            for (int b : g.sortants[(std::size_t)u]) {
                const Arc& ab = g.arcs[(std::size_t)b];
                if (ab.cap <= 0 || ab.fige || vu[(std::size_t)ab.vers] == marque || !reduit(b).nul()) continue;
                vu[(std::size_t)ab.vers] = marque;
                parent[(std::size_t)ab.vers] = b;
                if (ab.vers == vers) { trouve = true; break; }
                file.push_back(ab.vers);
            }
        }
        if (!trouve) {  // fixed out
            echec[paire] = epoque;
            continue;
        }
        for (int v = vers; v != de; v = g.origine(parent[(std::size_t)v])) g.pousser(parent[(std::size_t)v], 1);
        g.pousser(a, 1);
        ++epoque;
    }

    for (std::size_t i : ordre) r.retenu[i] = g.arcs[(std::size_t)arcDe[i]].cap == 0;
    completerPanel(cs, pts, ordre, nT, nC, r);
    return r;
}

// ------------------------------------------- price of representativeness ---

CoutPanel coutRepresentativite(const std::vector<Candidat>& cs, const ParametresPanel& prm) {
    CoutPanel r;
    r.panel = choisirPanel(cs, prm);
    std::vector<std::int64_t> pts(cs.size());
    std::vector<std::size_t> elig;
    const std::int64_t seuil = seuilPoints(prm.scoreMin);
    for (std::size_t i = 0; i < cs.size(); ++i) {
        pts[i] = points(cs[i].score);
        if (pts[i] >= seuil) elig.push_back(i);
    }
    std::vector<std::size_t> ordre = ordreRang(pts, elig);
    std::size_t k = std::min(prm.nombre, ordre.size());
    r.topN.assign(ordre.begin(), ordre.begin() + (long)k);
    std::vector<bool> dansTop(cs.size(), false);
    for (std::size_t i : r.topN) {
        dansTop[i] = true;
        r.totalTopNPoints += pts[i];
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

// ---------------------------------------------------------- sensitivity ---

std::vector<Sensibilite> sensibilite(const std::vector<CandidatNotes>& cs, const std::vector<double>& poids,
                                     const ParametresSensibilite& p) {
    const std::size_t k = poids.size();
    if (k == 0) throw ErreurSelection("Aucun critère de mérite : donnez au moins un poids.");
    if (k > kMaxCriteresSensibilite)
        throw ErreurSelection("Trop de critères de mérite (" + std::to_string(k) + ") : au plus " +
                              std::to_string(kMaxCriteresSensibilite) + " pour l'analyse de sensibilité.");
    if (!std::isfinite(p.variation) || p.variation < 0 || p.variation >= 1)
        throw ErreurSelection("La variation des poids doit être une fraction entre 0 et 1 exclu (0,2 = ±20 %) ; reçu " +
                              nombreTexte(p.variation) + ".");
    const std::size_t n = cs.size();
    std::vector<Sensibilite> r(n);
    std::vector<Candidat> cand(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (cs[i].notes.size() != k)
            throw ErreurSelection("Candidat " + std::to_string(i + 1) + " : " + std::to_string(cs[i].notes.size()) +
                                  " notes pour " + std::to_string(k) + " poids.");
        try {
            r[i].scoreCentre = scorePondere(cs[i].notes, poids, p.noteMax);
        } catch (const ErreurSelection& e) {
            throw ErreurSelection("Candidat " + std::to_string(i + 1) + " : " + e.what());
        }
        cand[i].territoire = cs[i].territoire;
        cand[i].collectivite = cs[i].collectivite;
    }

    // Point 0 is the centre, then the 2^k corners.
    std::vector<double> w(k);
    std::vector<std::int64_t> pts(n), tri(n);
    const std::size_t nbPoints = 1 + (std::size_t(1) << k);
    for (std::size_t m = 0; m < nbPoints; ++m) {
        for (std::size_t j = 0; j < k; ++j) {
            if (m == 0) w[j] = poids[j];
            else w[j] = poids[j] * ((((m - 1) >> j) & 1) ? 1 + p.variation : 1 - p.variation);
        }
        for (std::size_t i = 0; i < n; ++i) {
            cand[i].score = m == 0 ? r[i].scoreCentre : scoreBrut(cs[i].notes, w, p.noteMax);
            pts[i] = points(cand[i].score);
        }
        tri = pts;
        std::sort(tri.begin(), tri.end(), std::greater<>());
        Panel panel = choisirPanel(cand, p.panel);
        for (std::size_t i = 0; i < n; ++i) {
            // 1 + number of strictly greater scores (tri is descending).
            int rang = 1 + int(std::lower_bound(tri.begin(), tri.end(), pts[i], std::greater<>()) - tri.begin());
            bool sel = panel.retenu[i];
            Sensibilite& s = r[i];
            if (m == 0) {
                s.rangCentre = s.meilleurRang = s.pireRang = rang;
                s.retenuCentre = sel;
            } else {
                s.meilleurRang = std::min(s.meilleurRang, rang);
                s.pireRang = std::max(s.pireRang, rang);
                if (sel != s.retenuCentre) s.bascule = true;
            }
        }
    }
    return r;
}

}  // namespace eci::selection
