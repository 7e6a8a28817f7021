// Selection of candidates: score comparison keys, weighted score, rank and
// sensitivity (definitions in eci/selection.hpp). The panel and the price of
// representativeness, with the panel's algorithm and its proof, are in panel.cpp.
#include "eci/selection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

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
