// What to do next (docs/progression.md): the gains and the path to a star.
//
//  - on small random référentiels (built from rows, as one passed as a range; with and without a
//    score rule): every gain equals the difference of two full evaluations, and the path equals
//    the best subset found by enumerating every subset of the rows that can be switched (fewest
//    rows, or least effort; ties: higher gain, then row order);
//  - on the full ECi with random sheets (fixed seeds): applying the path puts the star within
//    reach (criteria and ECI.LABELLISATION), removing any of its rows loses it, the gains add up;
//  - the reasons when there is no path.
// The oracles below use only calculerScores and evaluerCriteres, never the code under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "eci/labellisation.hpp"
#include "eci/personnalisation.hpp"
#include "eci/progression.hpp"
#include "eci/referentiel.hpp"
#include "eci/regle.hpp"
#include "eci/score.hpp"

namespace {

namespace lab = eci::labellisation;
namespace prog = eci::progression;
using eci::StatutSaisi;

// --------------------------------------------------------------------------- small référentiels

// root > axes 1..2 > one or two actions each (points, multiples of 12) > 1-3 sous-actions > 0-2
// tâches. `regle`: a score rule on action 2.1 capping it by action 1.1.
std::shared_ptr<const eci::Referentiel> petitArbre(std::mt19937& rng, bool regle) {
    std::vector<eci::LigneReferentiel> v;
    auto ligne = [&](std::string id, const char* niveau, std::optional<double> pts = std::nullopt) {
        eci::LigneReferentiel l;
        l.identifiant = std::move(id);
        l.niveau = niveau;
        l.points = pts;
        v.push_back(l);
        return v.size() - 1;
    };
    ligne("", "referentiel");
    for (int a = 1; a <= 2; ++a) {
        ligne(std::to_string(a), "axe");
        const int actions = a == 2 && regle ? 1 : 1 + (int)(rng() % 2);
        for (int b = 1; b <= actions; ++b) {
            const std::string act = std::to_string(a) + "." + std::to_string(b);
            const std::size_t k = ligne(act, "action", 12.0 * (1 + rng() % 4));
            if (regle && act == "2.1") v[k].score = "min(score(eci_1.1), score(eci_2.1))";
            const int sa = 1 + (int)(rng() % 3);
            for (int c = 1; c <= sa; ++c) {
                const std::string s = act + "." + std::to_string(c);
                ligne(s, "sous-action");
                const int t = (int)(rng() % 3);
                for (int d = 1; d <= t; ++d) ligne(s + "." + std::to_string(d), "tache");
            }
        }
    }
    return eci::Referentiel::construire(v);
}

// Random statuses on sous-actions and tâches: none, fait, programmé, pas fait, non concerné,
// détaillé (with fractions), non renseigné.
eci::EntreesCalcul statutsAleatoires(const eci::Referentiel& ref, std::mt19937& rng) {
    eci::EntreesCalcul e;
    e.statuts.resize(ref.taille());
    e.consequences.resize(ref.taille());
    for (std::size_t i = 0; i < ref.taille(); ++i) {
        const eci::Noeud& n = ref.noeud((int)i);
        if (!n.estSousActionOuTache()) continue;
        const unsigned x = rng() % (n.feuille() ? 8 : 12);  // sous-actions with tâches: mostly none
        switch (x) {
            case 0: e.statuts[i] = eci::ligneStatut(StatutSaisi::fait); break;
            case 1: e.statuts[i] = eci::ligneStatut(StatutSaisi::programme); break;
            case 2: e.statuts[i] = eci::ligneStatut(StatutSaisi::pasFait); break;
            case 3: e.statuts[i] = eci::ligneStatut(StatutSaisi::nonConcerne); break;
            case 4: e.statuts[i] = eci::ligneStatut(StatutSaisi::detaille, eci::Fractions{0.25, 0.5, 0.25}); break;
            case 5: e.statuts[i] = eci::ligneStatut(StatutSaisi::nonRenseigne); break;
            default: break;
        }
    }
    return e;
}

eci::ParametresCalcul parametres(const eci::Referentiel& ref) {
    eci::ParametresCalcul p;
    p.niveauAction = ref.niveauAction();
    return p;
}

// The test's own reading of docs/progression.md §1: a statut of one's own covers the children.
bool propre(const eci::EntreesCalcul& e, int i) {
    const auto& s = e.statuts[(std::size_t)i];
    return s && (!s->concerne || s->avancement != eci::Avancement::nonRenseigne);
}

// Rows the path may switch: fillable (§1), concerned, not désactivé, not already fait.
std::vector<int> candidatsOracle(const eci::Referentiel& ref, const eci::EntreesCalcul& e,
                                 const std::vector<eci::ScoreNoeud>& s) {
    std::vector<int> r;
    for (int i = 1; i < (int)ref.taille(); ++i) {
        const eci::Noeud& n = ref.noeud(i);
        bool masque = false;
        for (int p = n.parent; p >= 0; p = ref.noeud(p).parent) masque = masque || propre(e, p);
        const bool remplissable =
            !masque && (n.type == "tache" || (n.type == "sous-action" && (n.feuille() || propre(e, i))));
        const bool fait = e.statuts[(std::size_t)i] && e.statuts[(std::size_t)i]->concerne &&
                          e.statuts[(std::size_t)i]->avancement == eci::Avancement::fait;
        if (remplissable && s[(std::size_t)i].concerne && !s[(std::size_t)i].desactive && !fait) r.push_back(i);
    }
    return r;
}

eci::EntreesCalcul appliquer(eci::EntreesCalcul e, const std::vector<int>& lignes) {
    for (int i : lignes) e.statuts[(std::size_t)i] = eci::ligneStatut(StatutSaisi::fait);
    return e;
}

bool etoileAtteinte(const eci::Referentiel& ref, const eci::EntreesCalcul& e, const lab::Parcours& p, int k) {
    const auto s = eci::calculerScores(ref, e, parametres(ref));
    return lab::evaluerCriteres(ref, s, p, k).atteinte();
}

struct Meilleur {
    bool trouve = false;
    double cout = 0, gain = 0;
    std::vector<int> lignes;
};

// Every subset of the candidates, judged by full evaluation: the least cost, then the higher
// rounded gain, then the lexicographically smallest list.
Meilleur forceBrute(const eci::Referentiel& ref, const eci::EntreesCalcul& e, const lab::Parcours& p, int k,
                    const std::vector<int>& cand, const std::vector<double>* efforts) {
    const double avant = eci::calculerScores(ref, e, parametres(ref)).front().pointFait;
    Meilleur m;
    for (unsigned masque = 0; masque < (1u << cand.size()); ++masque) {
        std::vector<int> l;
        double cout = 0;
        for (std::size_t b = 0; b < cand.size(); ++b)
            if (masque & (1u << b)) {
                l.push_back(cand[b]);
                cout += efforts ? (*efforts)[(std::size_t)cand[b]] : 1;
            }
        const auto s = eci::calculerScores(ref, appliquer(e, l), parametres(ref));
        if (!lab::evaluerCriteres(ref, s, p, k).atteinte()) continue;
        const double gain = eci::arrondi3(s.front().pointFait - avant);
        const bool mieux = !m.trouve || cout < m.cout - 1e-9 ||
                           (cout <= m.cout + 1e-9 && (gain > m.gain + 1e-9 || (gain >= m.gain - 1e-9 && l < m.lignes)));
        if (mieux) m = Meilleur{true, cout, gain, l};
    }
    return m;
}

void comparerAuxSousEnsembles(bool regle, unsigned graine) {
    std::mt19937 rng(graine);
    const lab::Parcours& p = lab::parcoursSansCritere();
    int cas = 0, possibles = 0;
    while (cas < 60) {
        auto ref = petitArbre(rng, regle);
        eci::EntreesCalcul e = statutsAleatoires(*ref, rng);
        const auto avant = eci::calculerScores(*ref, e, parametres(*ref));
        const std::vector<int> cand = candidatsOracle(*ref, e, avant);
        if (cand.size() > 11) continue;
        ++cas;
        const prog::Situation sit{*ref, e, parametres(*ref)};
        // Gains: the difference of two full evaluations, per sous-action and tâche.
        const auto g = prog::gains(sit);
        for (int i = 0; i < (int)ref->taille(); ++i) {
            if (!ref->noeud(i).estSousActionOuTache()) {
                EXPECT_FALSE(g[(std::size_t)i]) << ref->noeud(i).id;
                continue;
            }
            ASSERT_TRUE(g[(std::size_t)i]) << ref->noeud(i).id;
            const bool compte = std::find(cand.begin(), cand.end(), i) != cand.end() ||
                                (ref->noeud(i).type == "sous-action" && !ref->noeud(i).feuille() &&
                                 !propre(e, i) && avant[(std::size_t)i].concerne && !avant[(std::size_t)i].desactive);
            bool masque = false;
            for (int q = ref->noeud(i).parent; q >= 0; q = ref->noeud(q).parent) masque = masque || propre(e, q);
            const double attendu =
                compte && !masque
                    ? eci::arrondi3(eci::calculerScores(*ref, appliquer(e, {i}), parametres(*ref)).front().pointFait -
                                    avant.front().pointFait)
                    : 0.0;
            EXPECT_NEAR(*g[(std::size_t)i], attendu, 1e-9) << ref->noeud(i).id << " graine " << graine;
        }
        // Paths for stars 2-5: fewest rows, random whole efforts 1-3 (many ties; the dynamic
        // programme), efforts with four decimals (the branch and bound).
        std::vector<double> efforts(ref->taille(), 1.0), fins(ref->taille(), 1.0);
        for (double& x : efforts) x = 1 + (double)(rng() % 3);
        for (double& x : fins) x = 1 + (double)(rng() % 3) + 0.0001 * (double)(rng() % 4);
        for (int k = 2; k <= 5; ++k)
            for (const std::vector<double>* eff :
                 std::initializer_list<const std::vector<double>*>{nullptr, &efforts, &fins}) {
                const Meilleur m = forceBrute(*ref, e, p, k, cand, eff);
                const prog::Chemin c = prog::chemin(sit, p, k, eff);
                ASSERT_EQ(c.possible, m.trouve) << "étoile " << k << " : " << prog::texte(*ref, c);
                if (!m.trouve) {
                    EXPECT_FALSE(c.raisons.empty());
                    continue;
                }
                ++possibles;
                EXPECT_NEAR(c.effort, m.cout, 1e-9) << "étoile " << k;
                EXPECT_NEAR(c.gain, m.gain, 1e-9) << "étoile " << k;
                EXPECT_EQ(c.lignes, m.lignes) << "étoile " << k;
                EXPECT_TRUE(etoileAtteinte(*ref, appliquer(e, c.lignes), p, k));
            }
    }
    EXPECT_GT(possibles, 150);  // the comparison is not vacuous
}

TEST(Progression, PetitsReferentielsContreTousLesSousEnsembles) { comparerAuxSousEnsembles(false, 12); }

TEST(Progression, ReferentielAvecRegleDeScoreContreTousLesSousEnsembles) { comparerAuxSousEnsembles(true, 34); }

// ------------------------------------------------------------------------------------ full ECi

struct FeuilleEci {
    eci::EntreesCalcul entrees;
    eci::regle::Contexte contexte;
};

// About two leaves in three with a statut, mostly fait (stars 1-3 then often need few rows).
FeuilleEci feuilleEci(const eci::Referentiel& ref, std::mt19937& rng, bool beaucoupFait) {
    FeuilleEci f;
    f.entrees.statuts.resize(ref.taille());
    const StatutSaisi choix[] = {StatutSaisi::fait, StatutSaisi::programme, StatutSaisi::pasFait,
                                 StatutSaisi::nonConcerne};
    for (std::size_t i = 0; i < ref.taille(); ++i) {
        if (!ref.noeud((int)i).feuille() || rng() % 3 == 0) continue;
        const unsigned x = rng() % (beaucoupFait ? 12 : 4);
        f.entrees.statuts[i] = eci::ligneStatut(x >= 4 ? StatutSaisi::fait : choix[x]);
        if (x == 3 && rng() % 4) f.entrees.statuts[i] = eci::ligneStatut(StatutSaisi::pasFait);  // few non concerné
    }
    f.contexte.reponses.emplace();
    (*f.contexte.reponses)["dechets_1"] = rng() % 2 == 0;
    (*f.contexte.reponses)["dechets_2"] = true;
    f.contexte.identite.emplace();
    f.contexte.identite->type = "EPCI";
    f.contexte.identite->populationTags = eci::regle::tagsPopulation(80000);
    eci::consequences(ref, f.contexte, f.entrees.consequences);
    return f;
}

TEST(Progression, EciFeuillesAleatoires) {
    auto ref = eci::Referentiel::eci();
    const lab::Parcours& p = lab::parcoursEci();
    std::mt19937 rng(2026);
    int chemins = 0, nonVides = 0;
    for (int feuille = 0; feuille < 12; ++feuille) {
        FeuilleEci f = feuilleEci(*ref, rng, feuille % 2 == 0);
        const prog::Situation sit{*ref, f.entrees, parametres(*ref)};
        const auto avant = eci::calculerScores(*ref, f.entrees, parametres(*ref));
        const auto g = prog::gains(sit);
        std::vector<double> efforts(ref->taille(), 1.0);
        for (double& x : efforts) x = 1 + (double)(rng() % 5);
        for (int k = 1; k <= 5; ++k)
            for (const std::vector<double>* eff : std::initializer_list<const std::vector<double>*>{nullptr, &efforts}) {
                const prog::Chemin c = prog::chemin(sit, p, k, eff);
                if (!c.possible) {
                    EXPECT_FALSE(c.raisons.empty());
                    continue;
                }
                ++chemins;
                const auto apres = eci::calculerScores(*ref, appliquer(f.entrees, c.lignes), parametres(*ref));
                EXPECT_TRUE(lab::evaluerCriteres(*ref, apres, p, k).atteinte()) << "étoile " << k;
                EXPECT_GE(lab::etoileAtteignable(*ref, apres, p), k);
                // Gains add up (no score rule in ECi), up to one rounding per row.
                double somme = 0;
                for (int i : c.lignes) somme += *g[(std::size_t)i];
                EXPECT_NEAR(somme, apres.front().pointFait - avant.front().pointFait,
                            0.001 * (double)(c.lignes.size() + 1));
                EXPECT_NEAR(c.gain, eci::arrondi3(apres.front().pointFait - avant.front().pointFait), 1e-9);
                // The same efforts in euros (× 1000): the same path.
                if (eff) {
                    std::vector<double> euros = *eff;
                    for (double& x : euros) x *= 1000;
                    EXPECT_EQ(prog::chemin(sit, p, k, &euros).lignes, c.lignes) << "étoile " << k;
                }
                // Minimal: removing any row loses the star (efforts are positive).
                if (!c.lignes.empty()) ++nonVides;
                for (std::size_t r = 0; r < c.lignes.size(); ++r) {
                    std::vector<int> moins = c.lignes;
                    moins.erase(moins.begin() + (long)r);
                    EXPECT_FALSE(etoileAtteinte(*ref, appliquer(f.entrees, moins), p, k))
                        << "étoile " << k << " sans " << ref->noeud(c.lignes[r]).identifiant;
                }
            }
    }
    EXPECT_GT(nonVides, 20);
    EXPECT_GT(chemins, 40);
}

eci::regle::Contexte contexteEpci() {
    eci::regle::Contexte ctx;
    ctx.reponses.emplace();
    ctx.identite.emplace();
    ctx.identite->type = "EPCI";
    ctx.identite->populationTags = eci::regle::tagsPopulation(80000);
    return ctx;
}

// The full ECi with no statut entered, for an EPCI of 80 000 inhabitants (no question answered).
eci::EntreesCalcul feuilleVideEpci(const eci::Referentiel& ref) {
    eci::EntreesCalcul e;
    e.statuts.resize(ref.taille());
    eci::consequences(ref, contexteEpci(), e.consequences);
    return e;
}

// The full ECi with every sous-action carrying its own statut (its tâches masked): ten or eleven
// « pas fait » or « programmé » (the rows a path may switch), four in five of the others non
// concerné (the candidates then weigh enough for the score thresholds to bind), the rest fait; the path against every subset of those rows, with the real criteria.
TEST(Progression, EciPeuDeLignesContreTousLesSousEnsembles) {
    auto ref = eci::Referentiel::eci();
    const lab::Parcours& p = lab::parcoursEci();
    std::mt19937 rng(77);
    std::vector<int> sousActions;
    for (int i = 0; i < (int)ref->taille(); ++i)
        if (ref->noeud(i).type == "sous-action") sousActions.push_back(i);
    std::vector<int> noeudsCriteres;
    for (const auto& c : p.criteres) {
        int n = ref->index(c.actionId);
        if (ref->noeud(n).type == "tache") n = ref->noeud(n).parent;
        noeudsCriteres.push_back(n);
    }
    int possibles = 0, plusieurs = 0;
    for (int feuille = 0; feuille < 3; ++feuille) {
        eci::EntreesCalcul e;
        e.statuts.resize(ref->taille());
        std::vector<int> ordre = sousActions;
        std::shuffle(ordre.begin(), ordre.end(), rng);
        const std::size_t n = 10 + (std::size_t)feuille % 2;
        for (std::size_t k = 0; k < ordre.size(); ++k) {
            const int i = ordre[k];
            const bool critere = std::find(noeudsCriteres.begin(), noeudsCriteres.end(), i) != noeudsCriteres.end();
            StatutSaisi st = StatutSaisi::fait;
            if (k < n) st = rng() % 2 ? StatutSaisi::pasFait : StatutSaisi::programme;
            else if (!critere && rng() % 5 != 0) st = StatutSaisi::nonConcerne;
            e.statuts[(std::size_t)i] = eci::ligneStatut(st);
        }
        eci::consequences(*ref, contexteEpci(), e.consequences);
        const auto avant = eci::calculerScores(*ref, e, parametres(*ref));
        const std::vector<int> cand = candidatsOracle(*ref, e, avant);
        ASSERT_LE(cand.size(), 11u);
        std::vector<double> efforts(ref->taille(), 1.0);
        for (double& x : efforts) x = 1 + (double)(rng() % 4);
        const prog::Situation sit{*ref, e, parametres(*ref)};
        for (int k = 1; k <= 5; ++k)
            for (const std::vector<double>* eff : std::initializer_list<const std::vector<double>*>{nullptr, &efforts}) {
                const Meilleur m = forceBrute(*ref, e, p, k, cand, eff);
                const prog::Chemin c = prog::chemin(sit, p, k, eff);
                ASSERT_EQ(c.possible, m.trouve) << "étoile " << k << " : " << prog::texte(*ref, c);
                if (!m.trouve) continue;
                ++possibles;
                if (m.lignes.size() > 1) ++plusieurs;
                EXPECT_NEAR(c.effort, m.cout, 1e-9) << "étoile " << k;
                EXPECT_NEAR(c.gain, m.gain, 1e-9) << "étoile " << k;
                EXPECT_EQ(c.lignes, m.lignes) << "étoile " << k;
            }
    }
    EXPECT_GT(possibles, 10);
    EXPECT_GT(plusieurs, 5);  // not only empty or single-row paths
}

// Every gain on random full ECi sheets equals the difference of two full evaluations.
TEST(Progression, EciGainsContreDeuxEvaluations) {
    auto ref = eci::Referentiel::eci();
    std::mt19937 rng(5);
    for (int feuille = 0; feuille < 3; ++feuille) {
        FeuilleEci f = feuilleEci(*ref, rng, feuille == 0);
        // Some sous-actions with their own statut (détaillé too), masking their tâches.
        for (int i = 0; i < (int)ref->taille(); ++i)
            if (ref->noeud(i).type == "sous-action" && !ref->noeud(i).feuille() && rng() % 5 == 0)
                f.entrees.statuts[(std::size_t)i] =
                    rng() % 2 ? eci::ligneStatut(StatutSaisi::pasFait)
                              : eci::ligneStatut(StatutSaisi::detaille, eci::Fractions{0.3, 0.3, 0.4});
        const prog::Situation sit{*ref, f.entrees, parametres(*ref)};
        const auto g = prog::gains(sit);
        const auto avant = eci::calculerScores(*ref, f.entrees, parametres(*ref));
        int positifs = 0;
        for (int i = 0; i < (int)ref->taille(); ++i) {
            const eci::Noeud& n = ref->noeud(i);
            if (!n.estSousActionOuTache()) {
                EXPECT_FALSE(g[(std::size_t)i]);
                continue;
            }
            bool masque = false;
            for (int q = n.parent; q >= 0; q = ref->noeud(q).parent) masque = masque || propre(f.entrees, q);
            const auto& sc = avant[(std::size_t)i];
            const auto& st = f.entrees.statuts[(std::size_t)i];
            const bool fait = st && st->concerne && st->avancement == eci::Avancement::fait;
            double attendu = 0;
            if (!masque && sc.concerne && !sc.desactive && !fait)
                attendu = eci::arrondi3(
                    eci::calculerScores(*ref, appliquer(f.entrees, {i}), parametres(*ref)).front().pointFait -
                    avant.front().pointFait);
            ASSERT_TRUE(g[(std::size_t)i]);
            EXPECT_EQ(*g[(std::size_t)i], attendu) << n.identifiant;
            if (attendu > 0) ++positifs;
        }
        EXPECT_GT(positifs, 30);
    }
}

// A declared non-concerné criterion node: no path, and the reason says so.
TEST(Progression, CritereDeclareNonConcerne) {
    auto ref = eci::Referentiel::eci();
    eci::EntreesCalcul e = feuilleVideEpci(*ref);
    e.statuts[(std::size_t)ref->index("2.2.0")] = eci::ligneStatut(StatutSaisi::nonConcerne);
    const prog::Situation sit{*ref, e, parametres(*ref)};
    const prog::Chemin c = prog::chemin(sit, lab::parcoursEci(), 1);
    EXPECT_FALSE(c.possible);
    ASSERT_FALSE(c.raisons.empty());
    EXPECT_NE(c.raisons.front().find("2.2.0"), std::string::npos);
    EXPECT_NE(prog::texte(*ref, c).find("non concerné"), std::string::npos);
    // A tâche of 4.1.0 (judged on tâche counts, 100 % required) declared non concerné: the other
    // fait is not enough, and the reason names the tâche.
    e.statuts[(std::size_t)ref->index("2.2.0")].reset();
    e.statuts[(std::size_t)ref->index("4.1.0.1")] = eci::ligneStatut(StatutSaisi::nonConcerne);
    e.statuts[(std::size_t)ref->index("4.1.0.2")] = eci::ligneStatut(StatutSaisi::fait);
    const prog::Chemin d = prog::chemin(sit, lab::parcoursEci(), 1);
    EXPECT_FALSE(d.possible);
    ASSERT_EQ(d.raisons.size(), 1u);
    EXPECT_NE(d.raisons.front().find("4.1.0.1 est déclarée non concernée"), std::string::npos) << d.raisons.front();
    EXPECT_FALSE(etoileAtteinte(*ref, appliquer(e, candidatsOracle(*ref, e, eci::calculerScores(*ref, e, parametres(*ref)))),
                                lab::parcoursEci(), 1));  // indeed: every row fait does not reach it
}

// An empty sheet: star 1 needs every criterion row of star 1 (no score), the path says how many.
TEST(Progression, FeuilleVideEtoile1) {
    auto ref = eci::Referentiel::eci();
    const eci::EntreesCalcul e = feuilleVideEpci(*ref);
    const prog::Situation sit{*ref, e, parametres(*ref)};
    const prog::Chemin c = prog::chemin(sit, lab::parcoursEci(), 1);
    ASSERT_TRUE(c.possible) << prog::texte(*ref, c);
    // 1.1.1.1, 1.1.1.3, 1.1.3.1, one tâche of 1.1.2 (1.2 pt of 6: 20 %; all five weigh the same,
    // the first wins), 2.1.0-2.4.0, 3.2.0, 4.1.0.1 and 4.1.0.2 (judged on tâche counts).
    std::vector<int> attendu;
    for (const char* id : {"1.1.1.1", "1.1.1.3", "1.1.2.1", "1.1.3.1", "2.1.0", "2.2.0", "2.3.0", "2.4.0", "3.2.0",
                           "4.1.0.1", "4.1.0.2"})
        attendu.push_back(ref->index(id));
    EXPECT_EQ(c.lignes, attendu) << prog::texte(*ref, c);
    EXPECT_TRUE(etoileAtteinte(*ref, appliquer(e, c.lignes), lab::parcoursEci(), 1));
    EXPECT_NE(prog::texte(*ref, c).find("11 lignes"), std::string::npos) << prog::texte(*ref, c);
}

TEST(Progression, EffortInvalide) {
    auto ref = eci::Referentiel::eci();
    const eci::EntreesCalcul e = feuilleVideEpci(*ref);
    const prog::Situation sit{*ref, e, parametres(*ref)};
    std::vector<double> efforts(ref->taille(), 1.0);
    efforts[(std::size_t)ref->index("1.1.1.1")] = -2;
    EXPECT_THROW(prog::chemin(sit, lab::parcoursEci(), 1, &efforts), prog::ErreurProgression);
    EXPECT_THROW(prog::chemin(sit, lab::parcoursEci(), 6), lab::ErreurLabellisation);
}

}  // namespace
