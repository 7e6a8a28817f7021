// The exact path to a star (docs/progression.md §3-§5; a bare §X below means a section of that
// page): the action criteria by their minimal sets of rows, then the score by a covering knapsack
// on the exact gains, every combination compared, the winner checked by re-evaluation.
#include <algorithm>
#include <bitset>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>

#include "eci/progression.hpp"
#include "eci/texte.hpp"
#include "progression/interne.hpp"

namespace eci::progression {

namespace lab = eci::labellisation;
using namespace interne;

namespace {

// §4.2 Sums of exact gains are compared with this tolerance (points): the engine adds the same
// numbers in another order. The model is relaxed by it, and the result re-evaluated.
constexpr double kTolerance = 1e-7;
// §4.3 Limits of the exhaustive searches (beyond them: ErreurProgression, never a guess).
constexpr int kLignesExhaustif = 16;      // candidate rows of a référentiel with score rules
constexpr int kLignesCritere = 12;        // rows that can change the criteria of one component (ECi: 5)
constexpr std::size_t kCombinaisons = 100000;
constexpr std::size_t kNoeudsRecherche = 300000;   // branch and bound (efforts finer than 0.001)

// A candidate set, compared by (cost, −gain, row order) (§3).
struct Solution {
    bool trouvee = false;
    double cout = 0;
    double gain = 0;           // exact, points
    std::vector<int> lignes;   // sorted node indices
};

bool meilleure(const Solution& a, const Solution& b) {  // a strictly better than b
    if (!b.trouvee) return a.trouvee;
    if (!a.trouvee) return false;
    const double ec = 1e-9 * std::max(1.0, std::max(std::fabs(a.cout), std::fabs(b.cout)));
    if (a.cout < b.cout - ec) return true;
    if (a.cout > b.cout + ec) return false;
    if (a.gain > b.gain + kTolerance) return true;
    if (a.gain < b.gain - kTolerance) return false;
    return a.lignes < b.lignes;
}

struct Article {
    int noeud;
    double gain;   // exact δ, > 0
    double cout;   // effort (1 without efforts)
};

// §4.2 Ties inside the dynamic programme: gains equal within this are equal (far below kTolerance
// even summed over every row).
constexpr double kEgalite = 1e-10;
// Largest table of the dynamic programme (bits: rows × cost units).
constexpr std::size_t kBitsProgramme = std::size_t(64) << 20;

// §4.2 With efforts that are whole multiples of 1, 0.1, 0.01 or 0.001: the exact dynamic programme
// over the total effort (in those units). F[c] = the largest exact gain of a subset of the rows
// i.. costing exactly c, rows taken in reverse row order; one bit per (row, c) says whether taking
// the row reaches F[c], so that the rebuild from the first row gives the earliest rows among the
// equal optima. Bounded by the cost of the greedy cover (an upper bound of the optimum). nullopt
// when the efforts have finer decimals or the table would be too large (the caller then searches by
// branch and bound).
std::optional<Solution> couvrirParProgrammation(std::vector<Article> articles, double besoin) {
    double echelle = 0;
    for (double e : {1.0, 10.0, 100.0, 1000.0}) {
        bool entiers = true;
        for (const Article& a : articles) {
            const double x = a.cout * e;
            if (std::fabs(x - std::round(x)) > 1e-9 * std::max(1.0, x) || x > 1e9) { entiers = false; break; }
        }
        if (entiers) { echelle = e; break; }
    }
    if (echelle == 0) return std::nullopt;
    // In units of the efforts' greatest common divisor (euros counted in hundreds...).
    long long pgcd = 0;
    for (const Article& a : articles) pgcd = std::gcd(pgcd, std::llround(a.cout * echelle));
    if (pgcd <= 0) return std::nullopt;
    auto unites = [&](double cout) { return std::llround(cout * echelle) / pgcd; };
    std::vector<long long> w(articles.size());
    for (std::size_t i = 0; i < articles.size(); ++i) w[i] = unites(articles[i].cout);
    // Upper bound: the greedy cover by cost per point.
    std::vector<std::size_t> ordre(articles.size());
    std::iota(ordre.begin(), ordre.end(), 0);
    std::sort(ordre.begin(), ordre.end(), [&](std::size_t a, std::size_t b) {
        return articles[a].cout / articles[a].gain < articles[b].cout / articles[b].gain;
    });
    long long borne = 0;
    double g = 0;
    for (std::size_t k : ordre) {
        if (g >= besoin - kTolerance) break;
        g += articles[k].gain;
        borne += w[k];
    }
    const std::size_t n = articles.size(), C = (std::size_t)borne + 1;
    if (n * C > kBitsProgramme) return std::nullopt;
    std::sort(articles.begin(), articles.end(), [](const Article& a, const Article& b) { return a.noeud < b.noeud; });
    for (std::size_t i = 0; i < n; ++i) w[i] = unites(articles[i].cout);
    const double moinsInfini = -std::numeric_limits<double>::infinity();
    std::vector<double> F(C, moinsInfini);
    F[0] = 0;
    std::vector<std::uint64_t> prendre((n * C + 63) / 64, 0);
    for (std::size_t i = n; i-- > 0;) {
        const std::size_t wi = (std::size_t)w[i];
        for (std::size_t c = C; c-- > wi;) {
            const double avec = F[c - wi];
            if (avec == moinsInfini) continue;
            const double v = avec + articles[i].gain;
            if (v >= F[c] - kEgalite) {
                const std::size_t bit = i * C + c;
                prendre[bit / 64] |= std::uint64_t(1) << (bit % 64);
            }
            if (v > F[c]) F[c] = v;
        }
    }
    std::size_t cible = C;
    for (std::size_t c = 0; c < C; ++c)
        if (F[c] >= besoin - kTolerance) { cible = c; break; }
    if (cible == C) return std::nullopt;  // cannot happen (the greedy cover costs at most C − 1)
    Solution s;
    s.trouvee = true;
    std::size_t r = cible;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t bit = i * C + r;
        if (r >= (std::size_t)w[i] && (prendre[bit / 64] >> (bit % 64) & 1)) {
            s.lignes.push_back(articles[i].noeud);
            s.gain += articles[i].gain;
            s.cout += articles[i].cout;
            r -= (std::size_t)w[i];
        }
    }
    return s;
}

// §4.2 Least cost subset of `articles` whose gains add up to `besoin` (points), ties by gain then
// row order. Fewest rows (every cost 1): the largest gains first. With efforts: depth-first branch
// and bound on the articles sorted by cost per point, bounded by the fractional (LP) relaxation.
Solution couvrir(std::vector<Article> articles, double besoin, bool efforts) {
    Solution vide;
    vide.trouvee = true;
    if (besoin <= kTolerance) return vide;
    double total = 0;
    for (const Article& a : articles) total += a.gain;
    if (total < besoin - kTolerance) return Solution{};
    if (!efforts) {
        // Gains equal within the tolerance count as ties: the earlier row first.
        std::stable_sort(articles.begin(), articles.end(), [](const Article& a, const Article& b) {
            if (std::fabs(a.gain - b.gain) <= kTolerance) return a.noeud < b.noeud;
            return a.gain > b.gain;
        });
        Solution s;
        s.trouvee = true;
        for (const Article& a : articles) {
            if (s.gain >= besoin - kTolerance) break;
            s.lignes.push_back(a.noeud);
            s.gain += a.gain;
            s.cout += 1;
        }
        std::sort(s.lignes.begin(), s.lignes.end());
        return s;
    }
    if (auto s = couvrirParProgrammation(articles, besoin)) return *s;
    // Cost per point ascending (the LP order), then row order.
    std::sort(articles.begin(), articles.end(), [](const Article& a, const Article& b) {
        const double ra = a.cout / a.gain, rb = b.cout / b.gain;
        return ra != rb ? ra < rb : a.noeud < b.noeud;
    });
    const std::size_t n = articles.size();
    Solution meilleur;
    std::vector<int> choisis;
    // LP bound: least fractional cost to cover `reste` with articles k.. (in ratio order).
    auto borne = [&](std::size_t k, double reste) {
        double c = 0;
        for (; k < n && reste > kTolerance; ++k) {
            if (articles[k].gain <= reste) {
                c += articles[k].cout;
                reste -= articles[k].gain;
            } else {
                c += articles[k].cout * reste / articles[k].gain;
                reste = 0;
            }
        }
        return reste > kTolerance ? std::numeric_limits<double>::infinity() : c;
    };
    // Max fractional gain with budget `budget` from articles k.. (for ties on the cost).
    auto gainMax = [&](std::size_t k, double budget) {
        double g = 0;
        for (; k < n && budget > 0; ++k) {
            if (articles[k].cout <= budget) {
                g += articles[k].gain;
                budget -= articles[k].cout;
            } else {
                g += articles[k].gain * budget / articles[k].cout;
                budget = 0;
            }
        }
        return g;
    };
    std::size_t noeuds = 0;
    std::function<void(std::size_t, double, double)> explorer = [&](std::size_t k, double cout, double gain) {
        if (++noeuds > kNoeudsRecherche)
            throw ErreurProgression("Chemin : efforts trop variés pour une recherche exacte ; donnez des efforts au "
                                    "millième près au plus (par exemple en jours ou en euros entiers).");
        const double reste = besoin - gain;
        if (reste <= kTolerance) {
            Solution s;
            s.trouvee = true;
            s.cout = cout;
            s.gain = gain;
            s.lignes = choisis;
            std::sort(s.lignes.begin(), s.lignes.end());
            if (meilleure(s, meilleur)) meilleur = std::move(s);
            return;
        }
        if (k >= n) return;
        const double lb = cout + borne(k, reste);
        if (meilleur.trouvee) {
            const double ec = 1e-9 * std::max(1.0, meilleur.cout);
            if (lb > meilleur.cout + ec) return;
            // Could only tie on the cost: can it still tie or beat on the gain?
            if (lb >= meilleur.cout - ec && gain + gainMax(k, meilleur.cout + ec - cout) < meilleur.gain - kTolerance)
                return;
        }
        choisis.push_back(articles[k].noeud);
        explorer(k + 1, cout + articles[k].cout, gain + articles[k].gain);
        choisis.pop_back();
        explorer(k + 1, cout, gain);
    };
    explorer(0, 0, 0);
    return meilleur;
}

std::string pourcent(double x) { return texte::nombreFr(arrondi3(x)) + " %"; }

std::string nomCritere(const lab::LigneCritere& l) { return "« " + l.critere + " " + l.formulation + " »"; }

// §5 Why a criterion cannot be met by switching rows to « fait »: a row under its node declared non
// concerné (it counts as not done, docs/labellisation.md §4 step 5), or nothing left to switch.
std::string critereHorsDePortee(const Referentiel& ref, const std::vector<ScoreNoeud>& scores,
                                const lab::LigneCritere& lc) {
    const int e = lc.noeudEvalue;
    for (int i = e + 1; i < e + ref.noeud(e).taille; ++i)
        if (!scores[(std::size_t)i].concerne)
            return "le critère " + nomCritere(lc) + " ne peut être atteint : la ligne " + ref.noeud(i).identifiant +
                   " est déclarée non concernée et compte comme non faite";
    return "le critère " + nomCritere(lc) + " resterait non atteint même avec toutes ses lignes à « fait » (" +
           lc.manque + ")";
}

}  // namespace

Chemin chemin(const Situation& s, const lab::Parcours& parcours, int etoile, const std::vector<double>* efforts) {
    const Referentiel& ref = s.ref;
    const lab::Etoile& et = parcours.etoile(etoile);  // throws outside 1-5
    Evaluateur ev(s);
    const std::vector<ScoreNoeud> avant = ev.scores({});
    const lab::CriteresEtoile criteres = lab::evaluerCriteres(ref, avant, parcours, etoile);
    Chemin c;
    c.etoile = etoile;
    c.pourcentRequis = et.minRealisePourcentage;
    // The scores with a set applied when it reaches the star (§4.4), else null; they stay valid while
    // `ev` evaluates nothing else.
    const std::vector<ScoreNoeud>* apres = nullptr;
    auto verifier = [&](const Solution& sol) -> const std::vector<ScoreNoeud>* {
        const std::vector<ScoreNoeud>& sc = ev.scores(sol.lignes);
        return lab::evaluerCriteres(ref, sc, parcours, etoile).atteinte() ? &sc : nullptr;
    };
    c.pourcentAvant = c.pourcentApres = eci::ratioFait(avant.front()) * 100;

    // §3 Candidates: fillable rows that are concerned, not désactivé and not already fait.
    std::vector<int> candidats;
    for (int i : lignesRemplissables(s)) {
        const ScoreNoeud& sc = avant[(std::size_t)i];
        if (sc.concerne && !sc.desactive && !dejaFait(s.entrees, i)) candidats.push_back(i);
    }
    auto effort = [&](int i) { return efforts ? (*efforts)[(std::size_t)i] : 1.0; };
    if (efforts) {
        if (efforts->size() != ref.taille())
            throw ErreurProgression("Chemin : les efforts ne correspondent pas au référentiel.");
        for (int i : candidats)
            if (!std::isfinite(effort(i)) || effort(i) <= 0)
                throw ErreurProgression("Chemin : l'effort de la ligne " + ref.noeud(i).identifiant +
                                        " doit être un nombre positif (reçu " + texte::nombreFr(effort(i)) + ").");
    }
    if (criteres.atteinte()) {
        c.possible = true;
        return c;
    }

    Solution meilleur;
    if (aDesReglesScore(ref)) {
        // §4.3 Score rules: gains do not add up; every subset is judged by re-evaluation.
        if ((int)candidats.size() > kLignesExhaustif)
            throw ErreurProgression("Chemin : ce référentiel a des règles de score et " +
                                    std::to_string(candidats.size()) + " lignes à remplir ; le chemin exact n'est "
                                    "calculé que jusqu'à " + std::to_string(kLignesExhaustif) + " lignes.");
        const double faitAvant = avant.front().pointFait;
        const std::uint32_t n = (std::uint32_t)candidats.size();
        std::vector<int> lignes;
        for (std::uint32_t masque = 0; masque < (1u << n); ++masque) {
            lignes.clear();
            double cout = 0;
            for (std::uint32_t k = 0; k < n; ++k)
                if (masque & (1u << k)) {
                    lignes.push_back(candidats[k]);
                    cout += effort(candidats[k]);
                }
            Solution sol;
            sol.trouvee = true;
            sol.cout = cout;
            sol.lignes = lignes;
            sol.gain = 0;  // compared below, after feasibility
            if (meilleur.trouvee && sol.cout > meilleur.cout + 1e-9 * std::max(1.0, meilleur.cout)) continue;
            const std::vector<ScoreNoeud>& sc = ev.scores(lignes);
            if (!lab::evaluerCriteres(ref, sc, parcours, etoile).atteinte()) continue;
            sol.gain = arrondi3(sc.front().pointFait - faitAvant);
            if (meilleure(sol, meilleur)) meilleur = sol;
        }
        if (!meilleur.trouvee) {
            const std::vector<ScoreNoeud>& tout = ev.scores(candidats);
            c.raisons.push_back("même avec toutes les lignes à « fait », le score atteindrait " +
                                pourcent(eci::ratioFait(tout.front()) * 100) + " (" +
                                pourcent(et.minRealisePourcentage) + " requis) ou un critère resterait non atteint");
        } else {
            apres = verifier(meilleur);  // the best set's scores again (the loop went on past it)
        }
    } else {
        // §4.1 The action criteria: which candidates can change each, grouped in components.
        std::vector<std::size_t> lignesCritere;  // indices into criteres.lignes
        std::vector<std::vector<int>> pertinents;
        for (std::size_t l = 0; l < criteres.lignes.size(); ++l) {
            const lab::LigneCritere& lc = criteres.lignes[l];
            if (lc.score || lc.etat == lab::Etat::sansObjet) continue;
            const int e = lc.noeudEvalue;
            if (!avant[(std::size_t)e].concerne) {
                c.raisons.push_back("le critère " + nomCritere(lc) +
                                    " porte sur un nœud déclaré non concerné : il ne peut être atteint");
                continue;
            }
            std::vector<int> r;
            const Noeud& ne = ref.noeud(e);
            for (int i : candidats) {
                const bool dessous = i >= e && i < e + ne.taille;
                const bool dessus = e > i && e < i + ref.noeud(i).taille;
                if (dessous || dessus) r.push_back(i);
            }
            if (lc.etat == lab::Etat::nonAtteint && r.empty()) {
                c.raisons.push_back(critereHorsDePortee(ref, avant, lc));
                continue;
            }
            lignesCritere.push_back(l);
            pertinents.push_back(std::move(r));
        }
        // Components: criteria sharing a row.
        const std::size_t nc = lignesCritere.size();
        std::vector<std::size_t> comp(nc);
        std::iota(comp.begin(), comp.end(), 0);
        std::function<std::size_t(std::size_t)> racine = [&](std::size_t x) {
            return comp[x] == x ? x : comp[x] = racine(comp[x]);
        };
        for (std::size_t a = 0; a < nc; ++a)
            for (std::size_t b = a + 1; b < nc; ++b)
                for (int i : pertinents[a])
                    if (std::find(pertinents[b].begin(), pertinents[b].end(), i) != pertinents[b].end()) {
                        comp[racine(a)] = racine(b);
                        break;
                    }
        // Per component: its minimal sets of rows meeting all its criteria (§4.1).
        std::vector<std::vector<std::vector<int>>> minimaux;
        for (std::size_t a = 0; a < nc; ++a) {
            if (racine(a) != a) continue;
            std::vector<std::size_t> membres;
            std::vector<int> lignes;
            bool atteints = true;
            for (std::size_t b = 0; b < nc; ++b)
                if (racine(b) == a) {
                    membres.push_back(lignesCritere[b]);
                    lignes.insert(lignes.end(), pertinents[b].begin(), pertinents[b].end());
                    if (criteres.lignes[lignesCritere[b]].etat != lab::Etat::atteint) atteints = false;
                }
            if (atteints) continue;  // ∅ is minimal; supersets stay atteint (monotone, §4.1)
            std::sort(lignes.begin(), lignes.end());
            lignes.erase(std::unique(lignes.begin(), lignes.end()), lignes.end());
            if ((int)lignes.size() > kLignesCritere)
                throw ErreurProgression("Chemin : trop de lignes (" + std::to_string(lignes.size()) +
                                        ") agissent sur les mêmes critères pour une recherche exacte.");
            const std::uint32_t n = (std::uint32_t)lignes.size();
            std::vector<std::uint32_t> masques(1u << n);
            std::iota(masques.begin(), masques.end(), 0u);
            std::stable_sort(masques.begin(), masques.end(), [](std::uint32_t x, std::uint32_t y) {
                return std::bitset<32>(x).count() < std::bitset<32>(y).count();
            });
            std::vector<std::uint32_t> trouves;
            std::vector<std::vector<int>> ensembles;
            std::vector<int> sous;
            for (std::uint32_t m : masques) {
                bool surEnsemble = false;
                for (std::uint32_t t : trouves)
                    if ((m & t) == t) { surEnsemble = true; break; }
                if (surEnsemble) continue;
                sous.clear();
                for (std::uint32_t k = 0; k < n; ++k)
                    if (m & (1u << k)) sous.push_back(lignes[k]);
                const lab::CriteresEtoile ce = lab::evaluerCriteres(ref, ev.scores(sous), parcours, etoile);
                bool ok = true;
                for (std::size_t l : membres)
                    if (ce.lignes[l].etat == lab::Etat::nonAtteint) { ok = false; break; }
                if (!ok) continue;
                trouves.push_back(m);
                ensembles.push_back(sous);
            }
            if (ensembles.empty()) {
                for (std::size_t l : membres)
                    if (criteres.lignes[l].etat == lab::Etat::nonAtteint)
                        c.raisons.push_back(critereHorsDePortee(ref, avant, criteres.lignes[l]));
                continue;
            }
            minimaux.push_back(std::move(ensembles));
        }

        // §4.2 The score: exact gains of the candidates (additive without score rules).
        const double faitExact0 = ev.exacts().front().pointFait;
        std::vector<double> delta(ref.taille(), 0.0);
        double totalDelta = 0;
        for (int i : candidats) {
            delta[(std::size_t)i] = gainExact(ev.exacts(), i);
            totalDelta += delta[(std::size_t)i];
        }
        double besoin = -1;  // exact points still to gain; ≤ 0: the score criterion is met
        const double pot = avant.front().pointPotentiel;
        if (!criteres.global.atteint) {
            if (pot == 0) {
                c.raisons.push_back("aucun point potentiel : tout le référentiel est non concerné ou désactivé");
            } else {
                // The smallest rounded points fait (thousandths) meeting the threshold as ratioFait
                // computes it, then the exact sum that rounds to it (JavaScript rounding, §6 of score.md).
                const double seuil = et.minRealiseScore;
                double m = std::floor(seuil * pot * 1000) - 2;
                while ((m / 1000.0) / pot < seuil) m += 1;
                besoin = (m - 0.5) / 1000.0 - faitExact0;
                if (totalDelta < besoin - kTolerance)
                    c.raisons.push_back("pas assez de potentiel : même avec toutes les lignes à « fait », le score "
                                        "atteindrait " + pourcent(arrondi3(faitExact0 + totalDelta) / pot * 100) +
                                        " (" + pourcent(et.minRealisePourcentage) + " requis pour l'étoile " +
                                        std::to_string(etoile) + ")");
            }
        }
        // Every combination of one minimal set per component, completed by the knapsack on the rest
        // for the points still missing (`besoinModele`).
        auto chercher = [&](double besoinModele) {
            Solution meilleure_;
            std::vector<std::size_t> choix(minimaux.size(), 0);
            std::vector<char> fixe(ref.taille(), 0);
            for (;;) {
                Solution base;
                base.trouvee = true;
                std::fill(fixe.begin(), fixe.end(), 0);
                for (std::size_t k = 0; k < minimaux.size(); ++k)
                    for (int i : minimaux[k][choix[k]]) {
                        fixe[(std::size_t)i] = 1;
                        base.lignes.push_back(i);
                        base.cout += effort(i);
                        base.gain += delta[(std::size_t)i];
                    }
                std::vector<Article> articles;
                for (int i : candidats)
                    if (!fixe[(std::size_t)i] && delta[(std::size_t)i] > 0)
                        articles.push_back({i, delta[(std::size_t)i], effort(i)});
                Solution reste = couvrir(std::move(articles), besoinModele - base.gain, efforts != nullptr);
                if (reste.trouvee) {
                    Solution sol = base;
                    sol.cout += reste.cout;
                    sol.gain += reste.gain;
                    sol.lignes.insert(sol.lignes.end(), reste.lignes.begin(), reste.lignes.end());
                    std::sort(sol.lignes.begin(), sol.lignes.end());
                    if (meilleure(sol, meilleure_)) meilleure_ = std::move(sol);
                }
                std::size_t k = 0;
                while (k < choix.size() && ++choix[k] == minimaux[k].size()) choix[k++] = 0;
                if (k == choix.size()) break;
            }
            return meilleure_;
        };
        if (c.raisons.empty()) {
            std::size_t combinaisons = 1;
            for (const auto& e : minimaux) {
                combinaisons *= e.size();
                if (combinaisons > kCombinaisons)
                    throw ErreurProgression("Chemin : trop de façons d'atteindre les critères pour une recherche exacte.");
            }
            meilleur = chercher(besoin);
            // §4.4 The set found is applied and re-evaluated. The model is relaxed by kTolerance: a set
            // whose exact sum lands within it of the rounding boundary may fail; then the search is run
            // again with the boundary raised by twice the tolerance (every set it finds passes).
            if (meilleur.trouvee) apres = verifier(meilleur);
            if (meilleur.trouvee && !apres && besoin > 0) {
                meilleur = chercher(besoin + 2 * kTolerance);
                if (meilleur.trouvee) apres = verifier(meilleur);
            }
            if (!meilleur.trouvee)
                c.raisons.push_back("aucun ensemble de lignes n'atteint à la fois le score et les critères");
        }
    }
    if (!c.raisons.empty() || !meilleur.trouvee) return c;
    if (!apres)
        throw ErreurProgression("Chemin : la vérification par réévaluation a échoué pour l'étoile " +
                                std::to_string(etoile) + " (arrondi limite) ; merci de signaler ce cas.");
    c.possible = true;
    c.lignes = meilleur.lignes;
    c.effort = 0;
    for (int i : c.lignes) c.effort += effort(i);
    c.gain = arrondi3(apres->front().pointFait - avant.front().pointFait) + 0.0;
    c.pourcentApres = eci::ratioFait(apres->front()) * 100;
    return c;
}

std::string texte(const Referentiel& ref, const Chemin& c) {
    const std::string etoile = "l'étoile " + std::to_string(c.etoile);
    if (!c.possible) {
        std::string r = "Pas de chemin vers " + etoile + " : ";
        for (std::size_t k = 0; k < c.raisons.size(); ++k) r += (k ? " ; " : "") + c.raisons[k];
        return r + ".";
    }
    const std::string score = pourcent(c.pourcentApres) + " fait (" + pourcent(c.pourcentRequis) + " requis)";
    if (c.lignes.empty())
        return "L'étoile " + std::to_string(c.etoile) + " est déjà à portée : aucune ligne à passer à « fait » ; " +
               score + ".";
    const std::size_t n = c.lignes.size();
    std::string r = std::to_string(n) + (n > 1 ? " lignes à passer" : " ligne à passer") + " à « fait » pour atteindre " +
                    etoile + " : ";
    for (std::size_t k = 0; k < n; ++k) r += (k ? ", " : "") + ref.noeud(c.lignes[k]).identifiant;
    r += " ; gain " + texte::nombreFr(c.gain) + " pt ; " + pourcent(c.pourcentAvant) + " → " + score;
    if (c.effort != (double)n) r += " ; effort total " + texte::nombreFr(c.effort);
    return r + ".";
}

}  // namespace eci::progression
