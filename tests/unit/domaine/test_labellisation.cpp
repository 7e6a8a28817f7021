// The labellisation path (eci/labellisation.hpp, docs/labellisation.md): the data, the criteria
// selected per star (§3), every worked example of the specification's §8 computed by hand (statuses
// and answers -> personnalisation -> scoring -> labellisation), the quirks of §9, fixed height and
// order, and properties on random sheets (fixed seed) against simple oracles.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "eci/labellisation.hpp"
#include "eci/personnalisation.hpp"
#include "eci/score.hpp"
#include "eci/texte.hpp"

namespace {

namespace lab = eci::labellisation;
using eci::Fractions;
using eci::Referentiel;
using eci::ScoreNoeud;
using eci::StatutSaisi;
using lab::Etat;

// A collectivité's sheet on the embedded ECi: statuses by id and answers; every answer makes all
// criteria apply by default (dechets_1/2/3 = OUI, SPASER = NON).
struct Feuille {
    const Referentiel& ref = *Referentiel::eci();
    std::map<std::string, eci::LigneStatut> statuts;
    std::map<std::string, eci::regle::Valeur> reponses{{"dechets_1", true}, {"dechets_2", true},
                                                       {"dechets_3", true}, {"SPASER", false},
                                                       {"REOM", false},     {"dev_eco_1", true},
                                                       {"formation", true}};

    Feuille& statut(const std::string& id, StatutSaisi s, std::optional<Fractions> f = std::nullopt) {
        statuts[id] = eci::ligneStatut(s, f);
        return *this;
    }
    std::vector<ScoreNoeud> scores() const {
        eci::EntreesCalcul e;
        e.statuts.assign(ref.taille(), std::nullopt);
        for (const auto& [id, l] : statuts) {
            int i = ref.index(id);
            EXPECT_GE(i, 0) << id;
            if (i >= 0) e.statuts[(std::size_t)i] = l;
        }
        eci::regle::Contexte ctx;
        ctx.reponses = reponses;
        eci::regle::Identite id;
        id.type = "EPCI";
        id.soustype = "epci_a_fiscalite_propre";
        id.populationTags = eci::regle::tagsPopulation(150000);
        id.drom = false;
        ctx.identite = id;
        eci::consequences(ref, ctx, e.consequences);
        eci::ParametresCalcul p;
        p.niveauAction = ref.niveauAction();
        return eci::calculerScores(ref, e, p);
    }
    lab::CriteresEtoile criteres(int k) const {
        return lab::evaluerCriteres(ref, scores(), lab::parcoursEci(), k);
    }
};

lab::LigneCritere ligne(const lab::CriteresEtoile& c, const std::string& id) {
    for (const auto& l : c.lignes)
        if (l.critere == id) return l;
    ADD_FAILURE() << "critère absent : " << id;
    return lab::LigneCritere{};
}

std::vector<std::string> ids(const lab::CriteresEtoile& c) {
    std::vector<std::string> r;
    for (const auto& l : c.lignes) r.push_back(l.critere);
    return r;
}

// The six regulatory 0-point sous-actions and the other criterion nodes (spec §3.2).
const std::vector<std::string> kReglementaires = {"2.1.0", "2.2.0", "2.3.0", "2.4.0", "3.2.0", "4.1.0"};

// Every criterion of every star met by "fait" statuses on the criterion nodes.
Feuille toutFait() {
    Feuille f;
    for (const char* id : {"1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.3.1", "1.1.2"}) f.statut(id, StatutSaisi::fait);
    for (const auto& id : kReglementaires) f.statut(id, StatutSaisi::fait);
    return f;
}

// Replace the root's points (the global criterion and S read only the root).
std::vector<ScoreNoeud> avecRacine(std::vector<ScoreNoeud> s, double fait, double potentiel) {
    s[0].pointFait = fait;
    s[0].pointPotentiel = potentiel;
    s[0].pointProgramme = 0;
    return s;
}

// ------------------------------------------------------------------ data ---

TEST(LabellisationDonnees, EmbeddedFiles) {
    const auto& p = lab::parcoursEci();
    ASSERT_EQ(p.criteres.size(), 17u);
    const double seuils[] = {0, 0.35, 0.50, 0.65, 0.75};
    for (int k = 1; k <= 5; ++k) {
        EXPECT_EQ(p.etoile(k).etoile, k);
        EXPECT_DOUBLE_EQ(p.etoile(k).minRealiseScore, seuils[k - 1]);
        EXPECT_DOUBLE_EQ(p.etoile(k).minRealisePourcentage, seuils[k - 1] * 100);
    }
    EXPECT_EQ(p.etoile(1).prochaine, 2);
    EXPECT_FALSE(p.etoile(5).prochaine.has_value());
    // 183 (action, document) links, 176 documents, 80 sous-actions (spec §7.1).
    EXPECT_EQ(p.preuves.size(), 183u);
    std::set<std::string> docs, noeuds;
    for (const auto& x : p.preuves) docs.insert(x.preuveId), noeuds.insert(x.actionId);
    EXPECT_EQ(docs.size(), 176u);
    EXPECT_EQ(noeuds.size(), 80u);
    EXPECT_FALSE(p.autres.empty());
    EXPECT_EQ(p.autres.front().code, "SCORE_GLOBAL");
    // Every criterion node exists in the embedded référentiel.
    for (const auto& c : p.criteres) EXPECT_GE(Referentiel::eci()->index(c.actionId), 0) << c.actionId;
}

// §4: the platform label derived from the thresholds equals the CSV's statut_ou_score.
TEST(LabellisationDonnees, RequirementLabelFromThresholds) {
    const auto& p = lab::parcoursEci();
    std::string csv = "etoile,prio,action_id,formulation,min_realise_percentage,min_programme_percentage\n";
    for (const auto& c : p.criteres)
        csv += std::to_string(c.etoile) + "," + std::to_string(c.prio) + "," + c.actionId + ",x," +
               eci::texte::nombreFr(c.minRealise) + "," +
               (c.minProgramme ? eci::texte::nombreFr(*c.minProgramme) : std::string()) + "\n";
    std::string etoiles = "etoile,min_realise_percentage,min_realise_score\n1,0,0\n2,35,0.35\n3,50,0.5\n4,65,0.65\n5,75,0.75\n";
    auto q = lab::Parcours::depuisCsv(csv, etoiles, "code,libelle\n", "action_id,preuve_id,nom\n");
    ASSERT_EQ(q.criteres.size(), p.criteres.size());
    Feuille f;
    auto s = f.scores();
    for (int k = 1; k <= 5; ++k) {
        auto a = lab::evaluerCriteres(f.ref, s, p, k), b = lab::evaluerCriteres(f.ref, s, q, k);
        ASSERT_EQ(a.lignes.size(), b.lignes.size());
        for (std::size_t i = 1; i < a.lignes.size(); ++i) EXPECT_EQ(a.lignes[i].exigence, b.lignes[i].exigence);
    }
}

TEST(LabellisationDonnees, BadDataGiveFrenchErrors) {
    EXPECT_THROW(lab::Parcours::depuisCsv("etoile,prio\n", "", "", ""), lab::ErreurLabellisation);
    try {
        lab::Parcours::depuisCsv("etoile,prio,action_id,formulation,min_realise_percentage,min_programme_percentage\n"
                                 "9,1,eci_1,x,100,\n",
                                 "", "", "");
        FAIL();
    } catch (const lab::ErreurLabellisation& e) {
        EXPECT_NE(std::string(e.what()).find("étoile 9"), std::string::npos) << e.what();
    }
    Feuille f;
    auto s = f.scores();
    EXPECT_THROW(lab::evaluerCriteres(f.ref, s, lab::parcoursEci(), 0), lab::ErreurLabellisation);
    EXPECT_THROW(lab::evaluerCriteres(f.ref, s, lab::parcoursEci(), 6), lab::ErreurLabellisation);
    s.pop_back();
    EXPECT_THROW(lab::evaluerCriteres(f.ref, s, lab::parcoursEci(), 1), lab::ErreurLabellisation);
    EXPECT_THROW(lab::etoileCible(7, f.scores(), lab::parcoursEci()), lab::ErreurLabellisation);
}

// ------------------------------------------------- §3.2 selection, order ---

TEST(LabellisationSelection, RowsPerStarAsInTheSpecTable) {
    Feuille f;
    const std::vector<std::string> k1 = {"score",  "1.1.1.1", "1.1.1.3", "1.1.3.1", "1.1.2", "2.1.0",
                                         "2.2.0",  "2.3.0",   "2.4.0",   "3.2.0",   "4.1.0"};
    std::vector<std::string> k2 = k1;
    k2.push_back("1.1.1.2");
    // star 4: the star-1 rows of the regulatory nodes are replaced by star-4 rows (sorted after 1.1.1.2).
    const std::vector<std::string> k4 = {"score",   "1.1.1.1", "1.1.1.3", "1.1.3.1", "1.1.2", "1.1.1.2",
                                         "2.1.0",   "2.2.0",   "2.3.0",   "2.4.0",   "3.2.0", "4.1.0"};
    EXPECT_EQ(ids(f.criteres(1)), k1);
    EXPECT_EQ(ids(f.criteres(2)), k2);
    EXPECT_EQ(ids(f.criteres(3)), k2);
    EXPECT_EQ(ids(f.criteres(4)), k4);
    EXPECT_EQ(ids(f.criteres(5)), k4);
    for (int k = 1; k <= 5; ++k) {
        auto c = f.criteres(k);
        EXPECT_EQ(c.lignes.size(), k == 1 ? 11u : 12u);
        EXPECT_EQ(c.lignes[0].etoile, k);
        for (std::size_t i = 2; i < c.lignes.size(); ++i) {
            // sorted by (étoile of the row, prio)
            const auto *a = c.lignes[i - 1].ligne, *b = c.lignes[i].ligne;
            EXPECT_TRUE(a->etoile < b->etoile || (a->etoile == b->etoile && a->prio < b->prio));
        }
        for (const auto& id : kReglementaires) {
            const auto& l = ligne(c, id);
            EXPECT_EQ(l.etoile, k >= 4 ? 4 : 1);
            EXPECT_EQ(l.exigence, k >= 4 ? "Fait" : "Programmé ou fait");  // Q3
        }
        EXPECT_EQ(ligne(c, "1.1.2").exigence, "20% fait minimum");
        EXPECT_EQ(c.lignes[0].exigence, std::to_string(std::vector<int>{0, 35, 50, 65, 75}[k - 1]) + " % fait minimum");
    }
}

TEST(LabellisationSelection, HeightDoesNotDependOnStatusesOrAnswers) {
    Feuille f;
    f.reponses["dechets_1"] = false;
    f.reponses["dechets_2"] = false;
    f.reponses["dechets_3"] = false;
    f.reponses["SPASER"] = true;
    f.statut("1.1", StatutSaisi::nonConcerne);
    for (int k = 1; k <= 5; ++k) EXPECT_EQ(f.criteres(k).lignes.size(), k == 1 ? 11u : 12u);
}

// ------------------------------------------------------ §8 worked examples ---

// E1: tâche, min_p null, programmé.
TEST(LabellisationExemples, E1TacheProgrammeeSansRouteProgramme) {
    Feuille f;
    f.statut("1.1.1.1", StatutSaisi::programme);
    const auto& l = ligne(f.criteres(1), "1.1.1.1");
    EXPECT_EQ(l.etat, Etat::nonAtteint);
    EXPECT_DOUBLE_EQ(*l.pourcentFait, 0);
    EXPECT_DOUBLE_EQ(*l.pourcentFaitProgramme, 100);
    EXPECT_EQ(l.manque, "passer la tâche 1.1.1.1 à Fait");
}

// E2: min_p = 100; programmé is enough; détaillé (0.5, 0.3, 0.2) is not.
TEST(LabellisationExemples, E2TacheRouteProgramme) {
    Feuille f;
    f.statut("1.1.3.1", StatutSaisi::programme);
    EXPECT_EQ(ligne(f.criteres(1), "1.1.3.1").etat, Etat::atteint);
    EXPECT_TRUE(ligne(f.criteres(1), "1.1.3.1").manque.empty());
    f.statut("1.1.3.1", StatutSaisi::detaille, Fractions{0.5, 0.3, 0.2});
    const auto c = f.criteres(1);
    const auto& l = ligne(c, "1.1.3.1");
    EXPECT_EQ(l.etat, Etat::nonAtteint);
    EXPECT_NEAR(*l.pourcentFait, 50, 1e-9);
    EXPECT_NEAR(*l.pourcentFaitProgramme, 80, 1e-9);
    EXPECT_EQ(l.manque, "passer la tâche 1.1.3.1 à Fait ou Programmé");
}

// E3: 1.1.2 needs 20 % fait.
TEST(LabellisationExemples, E3SousActionSeuil20) {
    {
        Feuille f;  // (a) exact 20 %: 1.2 / 6 = 0.19999999999999998, ×100 = 20.0
        f.statut("1.1.2.1", StatutSaisi::fait).statut("1.1.2.2", StatutSaisi::programme);
        for (const char* t : {"1.1.2.3", "1.1.2.4", "1.1.2.5"}) f.statut(t, StatutSaisi::pasFait);
        const auto& l = ligne(f.criteres(1), "1.1.2");
        EXPECT_EQ(l.etat, Etat::atteint);
        EXPECT_EQ(*l.pourcentFait, 1.2 / 6 * 100);
    }
    {
        Feuille f;  // (b) programmé does not count: no programmé route
        f.statut("1.1.2.1", StatutSaisi::programme).statut("1.1.2.2", StatutSaisi::programme);
        for (const char* t : {"1.1.2.3", "1.1.2.4", "1.1.2.5"}) f.statut(t, StatutSaisi::pasFait);
        const auto& l = ligne(f.criteres(1), "1.1.2");
        EXPECT_EQ(l.etat, Etat::nonAtteint);
        EXPECT_DOUBLE_EQ(*l.pourcentFait, 0);
        EXPECT_NEAR(*l.pourcentFaitProgramme, 40, 1e-9);
        EXPECT_EQ(l.manque.rfind("encore 1,2 pt fait sur 6 pt (20 % minimum", 0), 0u) << l.manque;
        // the tâches still to move, programmé ones included (only fait counts)
        EXPECT_NE(l.manque.find("1.1.2.1 (1,2 pt)"), std::string::npos) << l.manque;
    }
    {
        Feuille f;  // (c) non concerné tâche: its 1.2 pt go to the four others (1.5 each), Pot stays 6
        f.statut("1.1.2.5", StatutSaisi::nonConcerne).statut("1.1.2.1", StatutSaisi::fait);
        const auto& l = ligne(f.criteres(1), "1.1.2");
        EXPECT_EQ(l.etat, Etat::atteint);
        EXPECT_NEAR(*l.pourcentFait, 25, 1e-9);
    }
}

// E4: 0-point leaf sous-action, star 1 vs star 4 (Q1, Q3).
TEST(LabellisationExemples, E4SousActionZeroPointEtoile1Et4) {
    Feuille f;
    f.statut("2.1.0", StatutSaisi::programme);
    for (int k = 1; k <= 3; ++k) {
        const auto c = f.criteres(k);
        const auto& l = ligne(c, "2.1.0");
        EXPECT_EQ(l.etat, Etat::atteint) << k;
        EXPECT_DOUBLE_EQ(*l.pourcentFait, 0);
        EXPECT_DOUBLE_EQ(*l.pourcentFaitProgramme, 100);
    }
    for (int k = 4; k <= 5; ++k) {
        const auto c = f.criteres(k);
        EXPECT_EQ(ligne(c, "2.1.0").etat, Etat::nonAtteint) << k;
        EXPECT_EQ(ligne(c, "2.1.0").manque, "passer la sous-action 2.1.0 à Fait");
    }
}

// E5: 0-point sous-action with two tâches: counts, not the 60/40 weights.
TEST(LabellisationExemples, E5DeuxTachesComptees) {
    Feuille f;
    f.statut("4.1.0.1", StatutSaisi::fait).statut("4.1.0.2", StatutSaisi::programme);
    {
        const auto c = f.criteres(1);
        const auto& l = ligne(c, "4.1.0");
        EXPECT_EQ(l.etat, Etat::atteint);
        EXPECT_DOUBLE_EQ(*l.pourcentFait, 50);
        EXPECT_DOUBLE_EQ(*l.pourcentFaitProgramme, 100);
    }
    {
        const auto c = f.criteres(5);
        const auto& l = ligne(c, "4.1.0");
        EXPECT_EQ(l.etat, Etat::nonAtteint);
        EXPECT_EQ(l.manque, "encore 1 tâche à Fait sur 2 tâches (100 % minimum de la sous-action 4.1.0) ; à passer à "
                            "Fait : 4.1.0.2");
    }
    f.statut("4.1.0.2", StatutSaisi::pasFait);
    EXPECT_EQ(ligne(f.criteres(1), "4.1.0").etat, Etat::nonAtteint);
    Feuille g;  // statut fait on 4.1.0 itself
    g.statut("4.1.0", StatutSaisi::fait);
    for (int k = 1; k <= 5; ++k) EXPECT_EQ(ligne(g.criteres(k), "4.1.0").etat, Etat::atteint) << k;
}

// E6: personnalisation makes criteria sans objet (the only way).
TEST(LabellisationExemples, E6PersonnalisationSansObjet) {
    Feuille f = toutFait();
    f.reponses["dechets_1"] = false;
    f.reponses["dechets_2"] = false;
    f.reponses["dechets_3"] = true;
    f.reponses["SPASER"] = false;
    auto compter = [](const lab::CriteresEtoile& c, std::vector<std::string>& sansObjet) {
        int n = 0;
        for (std::size_t i = 1; i < c.lignes.size(); ++i) {
            if (c.lignes[i].etat == Etat::sansObjet) {
                sansObjet.push_back(c.lignes[i].critere);
                EXPECT_FALSE(c.lignes[i].pourcentFait.has_value());
                EXPECT_FALSE(c.lignes[i].pourcentFaitProgramme.has_value());
                EXPECT_TRUE(c.lignes[i].manque.empty());
            } else {
                ++n;
            }
        }
        return n;
    };
    std::vector<std::string> so1, so4;
    EXPECT_EQ(compter(f.criteres(1), so1), 6);
    EXPECT_EQ(compter(f.criteres(4), so4), 7);
    const std::vector<std::string> attendu = {"2.2.0", "2.3.0", "2.4.0", "4.1.0"};
    EXPECT_EQ(so1, attendu);
    EXPECT_EQ(so4, attendu);
    EXPECT_EQ(ligne(f.criteres(4), "2.1.0").exigence, "Fait");
    EXPECT_EQ(ligne(f.criteres(4), "3.2.0").exigence, "Fait");
    f.reponses["SPASER"] = true;
    EXPECT_EQ(ligne(f.criteres(1), "3.2.0").etat, Etat::sansObjet);
    // A3 flagged in the bilan.
    auto b = lab::bilan(f.ref, f.scores(), lab::parcoursEci(), {}, 1);
    EXPECT_TRUE(std::any_of(b.avertissements.begin(), b.avertissements.end(),
                            [](const std::string& a) { return a.find("SPASER") != std::string::npos; }));
}

// E7 / Q2: a declared non concerné criterion node fails at every star.
TEST(LabellisationExemples, E7NonConcerneDeclareEchoue) {
    Feuille f = toutFait();
    f.statut("2.1.0", StatutSaisi::nonConcerne);
    for (int k = 1; k <= 5; ++k) {
        const auto c = f.criteres(k);
        const auto& l = ligne(c, "2.1.0");
        EXPECT_EQ(l.etat, Etat::nonAtteint) << k;
        EXPECT_TRUE(l.declareNonConcerne);
        EXPECT_DOUBLE_EQ(*l.pourcentFait, 0);
        EXPECT_NE(l.manque.find("non concerné"), std::string::npos);
    }
    EXPECT_EQ(lab::etoileAtteignable(f.ref, f.scores(), lab::parcoursEci()), 0);
    // Q2: the same through the parent action declared non concerné.
    Feuille g = toutFait();
    g.statuts.erase("2.1.0");
    g.statut("2.1", StatutSaisi::nonConcerne);
    EXPECT_EQ(ligne(g.criteres(1), "2.1.0").etat, Etat::nonAtteint);
}

// E8 / Q11: statut on the sous-action (parent rule).
TEST(LabellisationExemples, E8StatutSurLaSousAction) {
    Feuille f;
    f.statut("1.1.1", StatutSaisi::fait);
    for (int k : {1, 2}) {
        const auto c = f.criteres(k);
        for (const char* id : {"1.1.1.1", "1.1.1.3"}) {
            EXPECT_EQ(ligne(c, id).etat, Etat::atteint) << id;
            EXPECT_EQ(ligne(c, id).noeudEvalue, f.ref.index("1.1.1"));
        }
        if (k == 2) EXPECT_EQ(ligne(c, "1.1.1.2").etat, Etat::atteint);
    }
    f.statut("1.1.1", StatutSaisi::detaille, Fractions{0.9, 0.1, 0});
    {
        const auto c = f.criteres(2);
        for (const char* id : {"1.1.1.1", "1.1.1.2", "1.1.1.3"}) {
            EXPECT_EQ(ligne(c, id).etat, Etat::nonAtteint) << id;
            EXPECT_NEAR(*ligne(c, id).pourcentFait, 90, 1e-9);
            EXPECT_EQ(ligne(c, id).manque,
                      std::string("passer la sous-action 1.1.1 à Fait (son statut tient lieu de celui de la tâche ") + id + ")");
        }
    }
    Feuille g;
    g.statut("1.1.3", StatutSaisi::programme);
    EXPECT_EQ(ligne(g.criteres(1), "1.1.3.1").etat, Etat::atteint);
    // A parent with statut « non renseigné » does not apply the rule.
    Feuille h;
    h.statut("1.1.1", StatutSaisi::nonRenseigne).statut("1.1.1.1", StatutSaisi::fait);
    EXPECT_EQ(ligne(h.criteres(1), "1.1.1.1").noeudEvalue, h.ref.index("1.1.1.1"));
    EXPECT_EQ(ligne(h.criteres(1), "1.1.1.1").etat, Etat::atteint);
}

// E9: étoile cible and the global criterion (root 180 / 480).
TEST(LabellisationExemples, E9EtoileCibleEtCritereGlobal) {
    Feuille f = toutFait();
    const auto s = avecRacine(f.scores(), 180, 480);
    const auto& p = lab::parcoursEci();
    EXPECT_EQ(lab::etoileScore(s, p), 2);
    EXPECT_EQ(lab::etoileCible(std::nullopt, s, p), 2);
    EXPECT_EQ(lab::etoileCible(0, s, p), 2);
    auto c2 = lab::evaluerCriteres(f.ref, s, p, 2);
    EXPECT_TRUE(c2.global.atteint);
    EXPECT_EQ(c2.lignes[0].etat, Etat::atteint);
    EXPECT_DOUBLE_EQ(*c2.lignes[0].pourcentFait, 37.5);
    EXPECT_EQ(c2.lignes.size(), 12u);
    // Q4: labellisée 2★ → k_platform 3, global criterion fails by 0.5·480 − 180 = 60 pt.
    EXPECT_EQ(lab::etoileCible(2, s, p), 3);
    auto c3 = lab::evaluerCriteres(f.ref, s, p, 3);
    EXPECT_FALSE(c3.global.atteint);
    EXPECT_DOUBLE_EQ(c3.global.pointsManquants, 60);
    EXPECT_EQ(c3.lignes[0].manque, "encore 60 pt fait pour atteindre 50 % (240 pt sur 480 pt)");
    EXPECT_EQ(ids(c3), ids(c2));
    // Q4: a 5★ collectivité is shown star 5 (no next star: max(5, 1, S, 1)).
    EXPECT_EQ(lab::etoileCible(5, s, p), 5);
}

// E10 / Q6: high score, lower ambition.
TEST(LabellisationExemples, E10AmbitionPlusBasseQueLaPlateforme) {
    Feuille f = toutFait();
    for (const auto& id : kReglementaires) f.statut(id, StatutSaisi::programme);
    const auto s = avecRacine(f.scores(), 400, 500);
    const auto& p = lab::parcoursEci();
    EXPECT_EQ(lab::etoileCible(std::nullopt, s, p), 5);
    auto c5 = lab::evaluerCriteres(f.ref, s, p, 5);
    int non = 0;
    for (const auto& l : c5.lignes) non += l.etat == Etat::nonAtteint;
    EXPECT_EQ(non, 6);
    EXPECT_TRUE(lab::evaluerCriteres(f.ref, s, p, 3).atteinte());
    EXPECT_EQ(lab::etoileAtteignable(f.ref, s, p), 3);
    lab::Declarations d;
    d.fichier = true;
    auto b = lab::bilan(f.ref, s, p, d, 3);
    EXPECT_EQ(b.etoilePlateforme, 5);
    EXPECT_TRUE(b.criteres.atteinte());
    EXPECT_FALSE(b.demandePossible[2]);  // checked against star 5's criteria
    EXPECT_TRUE(std::any_of(b.avertissements.begin(), b.avertissements.end(), [](const std::string& a) {
        return a.find("l'étoile 5") != std::string::npos && a.find("refuserait") != std::string::npos;
    }));
}

// E11: boundaries of S, inclusive.
TEST(LabellisationExemples, E11Bornes) {
    Feuille f;
    const auto& p = lab::parcoursEci();
    EXPECT_EQ(lab::etoileScore(avecRacine(f.scores(), 175, 500), p), 2);
    EXPECT_EQ(lab::etoileScore(avecRacine(f.scores(), 174.999, 500), p), 1);
    const auto zero = avecRacine(f.scores(), 0, 500);
    EXPECT_EQ(lab::etoileScore(zero, p), 1);
    EXPECT_EQ(lab::etoileCible(std::nullopt, zero, p), 1);
    EXPECT_TRUE(lab::evaluerCriteres(f.ref, zero, p, 1).global.atteint);
}

// E12 / Q7 / Q9: rempli vs demande.
TEST(LabellisationExemples, E12RempliEtDemande) {
    Feuille f = toutFait();
    f.statuts.erase("1.1.1.2");  // not a star-1 criterion; keeps the référentiel incomplete anyway
    const auto& p = lab::parcoursEci();
    auto s = avecRacine(f.scores(), 50, 500);  // 0.10
    ASSERT_FALSE(lab::completude(s).complete);
    lab::Declarations d;
    auto b = lab::bilan(f.ref, s, p, d);
    EXPECT_EQ(b.etoileVisee, 1);
    EXPECT_TRUE(b.criteres.atteinte());
    EXPECT_FALSE(b.rempli);  // no file
    d.fichier = true;
    b = lab::bilan(f.ref, s, p, d);
    EXPECT_TRUE(b.rempli);
    EXPECT_FALSE(b.demandePossible[0]);  // Q7: complétude
    // COT, no file, complete: rempli and the demande for star 1 accepted (Q9: COT exempts only star 1).
    d = lab::Declarations{};
    d.cot = true;
    for (auto& r : s) r.completedTachesCount = r.totalTachesCount;
    b = lab::bilan(f.ref, s, p, d, 1);
    EXPECT_TRUE(b.completude.complete);
    EXPECT_TRUE(b.rempli);
    EXPECT_TRUE(b.demandePossible[0]);
    EXPECT_FALSE(b.demandePossible[1]);  // 2 > S = 1
    // Root 0.40: S = 2, k_platform = 2, whose criteria add 1.1.1.2 (not fait): every demande refused (Q6),
    // until 1.1.1.2 is fait; then star 2 needs the file even for a COT (Q9), star 3 is above S.
    s = avecRacine(s, 200, 500);
    b = lab::bilan(f.ref, s, p, d, 1);
    EXPECT_TRUE(b.rempli);
    EXPECT_FALSE(b.demandePossible[0]);
    f.statut("1.1.1.2", StatutSaisi::fait);
    s = f.scores();
    for (auto& r : s) r.completedTachesCount = r.totalTachesCount;
    s = avecRacine(s, 200, 500);
    b = lab::bilan(f.ref, s, p, d, 1);
    EXPECT_TRUE(b.demandePossible[0]);
    EXPECT_FALSE(b.demandePossible[1]);
    d.fichier = true;
    b = lab::bilan(f.ref, s, p, d, 1);
    EXPECT_TRUE(b.demandePossible[1]);
    EXPECT_FALSE(b.demandePossible[2]);
}

// ------------------------------------------------------------- §9 quirks ---

TEST(LabellisationQuirks, Q5WarnedAtStarOne) {
    Feuille f = toutFait();
    auto b = lab::bilan(f.ref, f.scores(), lab::parcoursEci(), {}, 1);
    EXPECT_EQ(b.criteres.lignes[0].exigence, "0 % fait minimum");
    EXPECT_TRUE(std::any_of(b.avertissements.begin(), b.avertissements.end(),
                            [](const std::string& a) { return a.find("35 %") != std::string::npos; }));
}

TEST(LabellisationStatut, ChangeFlipsCriterion) {
    Feuille f = toutFait();
    f.statut("1.1.1.1", StatutSaisi::programme);
    EXPECT_EQ(ligne(f.criteres(1), "1.1.1.1").etat, Etat::nonAtteint);
    EXPECT_EQ(lab::etoileAtteignable(f.ref, f.scores(), lab::parcoursEci()), 0);
    f.statut("1.1.1.1", StatutSaisi::fait);
    EXPECT_EQ(ligne(f.criteres(1), "1.1.1.1").etat, Etat::atteint);
    EXPECT_EQ(lab::etoileAtteignable(f.ref, f.scores(), lab::parcoursEci()), 1);
}

// ------------------------------------------- référentiel without criteria ---

TEST(LabellisationSansCritere, ScoreRowOnly) {
    std::vector<Referentiel::NoeudDonne> n = {{"eci", "", "referentiel", 10}, {"eci_1", "eci", "axe", 10},
                                              {"eci_1.1", "eci_1", "action", 10}, {"eci_1.1.1", "eci_1.1", "sous-action", 10}};
    auto ref = Referentiel::depuisArbre(n);
    const auto& p = lab::parcoursPour(*ref);
    EXPECT_TRUE(p.criteres.empty());
    EXPECT_EQ(&lab::parcoursPour(*Referentiel::eci()), &lab::parcoursEci());
    eci::EntreesCalcul e;
    e.statuts.assign(ref->taille(), std::nullopt);
    e.statuts[3] = eci::ligneStatut(StatutSaisi::fait);
    auto s = eci::calculerScores(*ref, e, {});
    for (int k = 1; k <= 5; ++k) {
        auto c = lab::evaluerCriteres(*ref, s, p, k);
        ASSERT_EQ(c.lignes.size(), 1u);
        EXPECT_EQ(c.lignes[0].critere, "score");
        EXPECT_DOUBLE_EQ(*c.lignes[0].pourcentFait, 100);
    }
    EXPECT_EQ(lab::etoileAtteignable(*ref, s, p), 5);
    // The ECi data on a tree without their nodes: a clear error.
    EXPECT_THROW(lab::evaluerCriteres(*ref, s, lab::parcoursEci(), 1), lab::ErreurLabellisation);
}

// -------------------------------------------------------------- preuves ---

TEST(LabellisationPreuves, PerNode) {
    const auto& ref = *Referentiel::eci();
    const auto& p = lab::parcoursEci();
    auto n = [&](const char* id) { return lab::preuves(ref, p, ref.index(id)).size(); };
    // spec §7.1: tâche criteria read their sous-action's documents
    EXPECT_EQ(n("1.1.1"), 5u);
    EXPECT_EQ(n("1.1.1.1"), 5u);
    EXPECT_EQ(n("1.1.3.1"), 3u);
    EXPECT_EQ(n("1.1.2"), 6u);
    EXPECT_EQ(n("2.1.0"), 5u);
    EXPECT_EQ(n("2.2.0"), 7u);
    EXPECT_EQ(n("2.3.0"), 3u);
    EXPECT_EQ(n("2.4.0"), 7u);
    EXPECT_EQ(n("3.2.0"), 1u);
    EXPECT_EQ(n("4.1.0"), 2u);
    EXPECT_EQ(n(""), 176u);  // the root: every document once
    EXPECT_TRUE(lab::preuves(ref, p, -1).empty());
    EXPECT_EQ(lab::preuves(ref, p, ref.index("3.2.0")).front()->preuveId, "SPASER");
}

// ------------------------------------------------- random sheets (seeded) ---

// Random statuses biased towards the criterion nodes, random answers; checks the invariants of
// §4-§6 and §12 and, for criterion nodes whose status is set on the node alone, the état against
// the meaning of the status (spec §4, last paragraph).
TEST(LabellisationProprietes, RandomSheets) {
    std::mt19937 rng(20261206);
    const auto& ref = *Referentiel::eci();
    const auto& p = lab::parcoursEci();
    std::vector<std::string> criteres, autres;
    for (const auto& c : p.criteres) criteres.push_back(c.actionId);
    for (const auto& c : p.criteres) {
        int i = ref.index(c.actionId);
        criteres.push_back(ref.noeud(ref.noeud(i).parent).id);  // parents (parent rule, Q2)
        for (int e : ref.noeud(i).enfants) criteres.push_back(ref.noeud(e).id);
    }
    for (const auto& nd : ref.noeuds())
        if (nd.estSousActionOuTache()) autres.push_back(nd.id);
    const StatutSaisi statuts[] = {StatutSaisi::fait,        StatutSaisi::programme, StatutSaisi::pasFait,
                                   StatutSaisi::nonRenseigne, StatutSaisi::detaille, StatutSaisi::nonConcerne};
    int atteignables[6] = {0, 0, 0, 0, 0, 0};
    for (int cas = 0; cas < 300; ++cas) {
        Feuille f;
        auto tirer = [&](const std::vector<std::string>& v, int n, double pFait) {
            for (int j = 0; j < n; ++j) {
                const std::string& id = v[rng() % v.size()];
                if (std::uniform_real_distribution<>(0, 1)(rng) < pFait) {
                    f.statut(id, StatutSaisi::fait);
                    continue;
                }
                StatutSaisi s = statuts[rng() % 6];
                std::optional<Fractions> fr;
                if (s == StatutSaisi::detaille) {
                    double a = (rng() % 11) / 10.0, b = (rng() % 11) / 10.0 * (1 - a);
                    fr = Fractions{a, b, 1 - a - b};
                }
                f.statut(id, s, fr);
            }
        };
        tirer(autres, static_cast<int>(rng() % 200), 0.6);
        tirer(criteres, static_cast<int>(rng() % 25), 0.7);
        for (const char* q : {"dechets_1", "dechets_2", "dechets_3", "SPASER"}) f.reponses[q] = (rng() % 4) != 0;
        f.reponses["SPASER"] = (rng() % 4) == 0;
        const auto s = f.scores();
        const int a = lab::etoileAtteignable(ref, s, p);
        ++atteignables[a];
        bool precedente = true;
        for (int k = 1; k <= 5; ++k) {
            const auto c = lab::evaluerCriteres(ref, s, p, k);
            ASSERT_EQ(c.lignes.size(), k == 1 ? 11u : 12u);
            for (const auto& l : c.lignes) {
                EXPECT_EQ(l.etat == Etat::sansObjet, !l.score && s[(std::size_t)l.noeud].desactive);
                EXPECT_EQ(l.pourcentFait.has_value(), l.etat != Etat::sansObjet);
                EXPECT_EQ(l.manque.empty(), l.etat != Etat::nonAtteint) << l.critere << " " << l.manque;
                if (l.pourcentFait) {
                    EXPECT_GE(*l.pourcentFait, 0);
                    EXPECT_LE(*l.pourcentFaitProgramme, 100 + 1e-9);
                    EXPECT_GE(*l.pourcentFaitProgramme, *l.pourcentFait);
                }
                if (l.score || l.etat == Etat::sansObjet) continue;
                // Oracle: a status on the criterion node itself, none on its parent, node concerné.
                const auto& nd = ref.noeud(l.noeud);
                auto it = f.statuts.find(nd.id);
                auto parent = f.statuts.find(ref.noeud(nd.parent).id);
                const bool parentPose = parent != f.statuts.end() && parent->second.concerne &&
                                        parent->second.avancement != eci::Avancement::nonRenseigne;
                if (it == f.statuts.end() || parentPose || !s[(std::size_t)l.noeud].concerne || !nd.feuille()) continue;
                if (!it->second.concerne) continue;
                switch (it->second.avancement) {
                    case eci::Avancement::fait: EXPECT_EQ(l.etat, Etat::atteint) << l.critere; break;
                    case eci::Avancement::programme:
                        EXPECT_EQ(l.etat, l.ligne->minProgramme ? Etat::atteint : Etat::nonAtteint) << l.critere;
                        break;
                    case eci::Avancement::pasFait:
                    case eci::Avancement::nonRenseigne: EXPECT_EQ(l.etat, Etat::nonAtteint) << l.critere; break;
                    case eci::Avancement::detaille: break;
                }
            }
            // §12: the star within reach passes; the stars are nested for ECi.
            const bool passe = c.atteinte();
            EXPECT_EQ(passe, k <= a) << "cas " << cas << " étoile " << k;
            if (passe) EXPECT_TRUE(precedente);
            precedente = passe;
            if (k <= a)
                for (const auto& l : c.lignes) EXPECT_NE(l.etat, Etat::nonAtteint);
        }
        EXPECT_GE(lab::etoileCible(std::nullopt, s, p), lab::etoileScore(s, p));
    }
    // The generator reaches several stars (the properties above are not vacuous).
    EXPECT_GT(atteignables[0], 0);
    EXPECT_GT(atteignables[1] + atteignables[2] + atteignables[3] + atteignables[4] + atteignables[5], 0);
}

}  // namespace
