// The labellisation functions (ECI.CRITERES, ECI.LABELLISATION, ECI.ETOILE_PLATEFORME, ECI.PREUVES;
// docs/labellisation.md §12) through a real headless Calc: worked examples of the specification's §8
// with their hand-computed outcomes, a status change that flips a criterion, personnalisation answers
// that make criteria « sans objet », and random sheets (biased towards the criterion nodes) checked
// cell by cell against the domain library linked in-process.
//
// Sheet layout: A ids (the 368 nodes, text) | B statuts | G:H contexte (answers) |
//   J:Q ECI.CRITERES for star k at rows 13·(k−1)+1 … (11 or 12 rows) | S1 ECI.LABELLISATION |
//   S2 ECI.ETOILE_PLATEFORME without, S3 with the latest star in T3.
#include <array>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "eci/labellisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/regle.hpp"
#include "eci/score.hpp"
#include "office.hpp"
#include "../unit/scores_epci.hpp"  // the same in-process oracle as the unit tests

using namespace eci::test;

namespace {

namespace lab = eci::labellisation;

constexpr int kErrIllegalArgument = 502;
constexpr double kPopulation = eci::test::kPopulationEpci;

std::string texteDe(const Value& v) {
    if (const std::string* s = std::get_if<std::string>(&v)) return *s;
    return std::string();
}


int debut(int etoile) { return 13 * (etoile - 1) + 1; }
int hauteur(int etoile) { return etoile == 1 ? 11 : 12; }
std::string blocCriteres(int etoile) {
    return "J" + std::to_string(debut(etoile)) + ":Q" + std::to_string(debut(etoile) + hauteur(etoile) - 1);
}
// The add-in returns the empty cells of an array as empty text: the cell shows nothing (its value
// through getDataArray is 0). Whether cell (i, col) of the star-k block shows nothing.
bool videAffiche(Sheet& s, int etoile, std::size_t i, std::size_t col) {
    const std::string cellule = std::string(1, (char)('J' + col)) + std::to_string(debut(etoile) + (int)i);
    return s.text(cellule).empty();
}

// A collectivité's sheet: statuses by id (as typed) and answers (OUI / NON), written into a Sheet
// with the formulas, and what the domain library says of the same inputs.
struct Saisie {
    std::shared_ptr<const eci::Referentiel> ref = eci::Referentiel::eci();
    std::map<std::string, std::string> statuts;  // id -> typed status
    std::map<std::string, bool> reponses{{"dechets_1", true}, {"dechets_2", true}, {"dechets_3", true},
                                         {"SPASER", false}};

    std::size_t n() const { return ref->taille(); }
    std::string args() const {
        const std::string N = std::to_string(n());
        return "A1:A" + N + ";B1:B" + N;
    }
    std::string contexte() const { return "G1:H" + std::to_string(reponses.size() + 4); }

    void formules(Sheet& s) const {
        for (int k = 1; k <= 5; ++k)
            s.setArrayFormula(blocCriteres(k), "=ECI.CRITERES(" + args() + ";" + std::to_string(k) + ";;" + contexte() + ")");
        s.setFormula("S1", "=ECI.LABELLISATION(" + args() + ";;" + contexte() + ")");
        s.setFormula("S2", "=ECI.ETOILE_PLATEFORME(" + args() + ";;;" + contexte() + ")");
        s.setFormula("S3", "=ECI.ETOILE_PLATEFORME(" + args() + ";T3;;" + contexte() + ")");
    }
    void ecrire(Sheet& s) const {
        std::vector<Row> rows;
        for (std::size_t i = 0; i < n(); ++i) {
            const std::string& id = ref->noeud((int)i).identifiant;
            const std::string cle = id.empty() ? "eci" : id;
            auto it = statuts.find(cle);
            rows.push_back(Row{cle, it == statuts.end() ? Value(Blank{}) : Value(it->second)});
        }
        s.setValues("A1", rows);
        std::vector<Row> ctx{Row{std::string("type"), std::string("EPCI")},
                             Row{std::string("soustype"), std::string("epci_a_fiscalite_propre")},
                             Row{std::string("population"), kPopulation}, Row{std::string("drom"), std::string("NON")}};
        for (const auto& [k, v] : reponses) ctx.push_back(Row{k, std::string(v ? "OUI" : "NON")});
        s.setValues("G1", ctx);
    }

    std::vector<eci::ScoreNoeud> scores() const {
        std::vector<std::string> saisis(n());
        for (const auto& [id, st] : statuts) saisis[(std::size_t)ref->index(id)] = st;
        return eci::test::scoresEpci(saisis, reponses);
    }
};

// The row of criterion `id` in the ECI.CRITERES block of star k (empty Row when absent).
Row ligne(Sheet& s, int etoile, const std::string& id) {
    for (const Row& r : s.values(blocCriteres(etoile)))
        if (texteDe(r[0]) == id) return r;
    ADD_FAILURE() << id << " is not a criterion of star " << etoile;
    return Row(8, Blank{});
}
std::string etat(Sheet& s, int etoile, const std::string& id) { return texteDe(ligne(s, etoile, id)[6]); }

// Every cell of the five blocks and the stars against the library.
void comparerALaBibliotheque(Sheet& s, const Saisie& saisie, std::map<std::string, int>* etatsVus = nullptr) {
    const auto scores = saisie.scores();
    const auto& p = lab::parcoursEci();
    for (int k = 1; k <= 5; ++k) {
        SCOPED_TRACE("star " + std::to_string(k));
        ASSERT_EQ(s.error("J" + std::to_string(debut(k))), 0);
        const auto c = lab::evaluerCriteres(*saisie.ref, scores, p, k);
        const auto r = s.values(blocCriteres(k));
        ASSERT_EQ(r.size(), c.lignes.size());
        for (std::size_t i = 0; i < r.size(); ++i) {
            const lab::LigneCritere& l = c.lignes[i];
            EXPECT_EQ(texteDe(r[i][0]), l.critere);
            EXPECT_EQ(std::get<double>(r[i][1]), l.etoile) << l.critere;
            EXPECT_EQ(texteDe(r[i][2]), l.formulation) << l.critere;
            EXPECT_EQ(texteDe(r[i][3]), l.exigence) << l.critere;
            for (std::size_t col : {4u, 5u}) {
                const auto& a = col == 4 ? l.pourcentFait : l.pourcentFaitProgramme;
                if (a) {
                    ASSERT_TRUE(std::holds_alternative<double>(r[i][col])) << l.critere << " col " << col;
                    EXPECT_EQ(std::get<double>(r[i][col]), *a) << l.critere << " col " << col;
                } else {
                    EXPECT_TRUE(videAffiche(s, k, i, col)) << l.critere << " col " << col;
                }
            }
            EXPECT_EQ(texteDe(r[i][6]), lab::nomEtat(l.etat)) << l.critere;
            if (etatsVus) ++(*etatsVus)[texteDe(r[i][6])];
            EXPECT_EQ(texteDe(r[i][7]), l.manque) << l.critere;
        }
    }
    EXPECT_EQ(s.value("S1"), lab::etoileAtteignable(*saisie.ref, scores, p));
    EXPECT_EQ(s.value("S2"), lab::etoileCible(std::nullopt, scores, p));
}

}  // namespace

// §8 E3, E4, E8: outcomes computed by hand in the specification.
TEST_F(CalcTest, LabellisationWorkedExamplesThroughTheFunctions) {
    Saisie e3;  // E3 (a): 1.1.2.1 fait, 1.1.2.2 programmé, others pas fait -> 20 % fait, atteint
    e3.statuts = {{"1.1.2.1", "fait"}, {"1.1.2.2", "programmé"}, {"1.1.2.3", "pas fait"},
                  {"1.1.2.4", "pas fait"}, {"1.1.2.5", "pas fait"}, {"2.1.0", "programmé"}, {"1.1.1", "fait"}};
    e3.ecrire(sheet);
    e3.formules(sheet);
    sheet.recalc();
    for (int k = 1; k <= 5; ++k) {
        EXPECT_EQ(sheet.error("J" + std::to_string(debut(k))), 0) << k;
        EXPECT_EQ(sheet.values(blocCriteres(k)).size(), (std::size_t)hauteur(k));
        EXPECT_EQ(texteDe(sheet.values(blocCriteres(k))[0][0]), "score");
    }
    Row r = ligne(sheet, 1, "1.1.2");
    EXPECT_NEAR(std::get<double>(r[4]), 20.0, 1e-9);
    EXPECT_EQ(texteDe(r[6]), "atteint");
    // E4: 2.1.0 programmé: atteint at stars 1-3, non atteint at 4-5 (Fait required).
    for (int k = 1; k <= 5; ++k) EXPECT_EQ(etat(sheet, k, "2.1.0"), k <= 3 ? "atteint" : "non atteint") << k;
    EXPECT_NE(texteDe(ligne(sheet, 4, "2.1.0")[7]), "");
    // E8: fait on the sous-action 1.1.1: its tâches' criteria atteint (stars 1 and 2).
    for (int k : {1, 2})
        for (const char* id : {"1.1.1.1", "1.1.1.3"}) EXPECT_EQ(etat(sheet, k, id), "atteint") << id << " " << k;
    EXPECT_EQ(etat(sheet, 2, "1.1.1.2"), "atteint");

    // E3 (b): 1.1.2.1 programmé instead of fait -> 0 % fait, non atteint, something missing.
    sheet.setValue("B" + std::to_string(e3.ref->index("1.1.2.1") + 1), std::string("programmé"));
    sheet.recalc();
    r = ligne(sheet, 1, "1.1.2");
    EXPECT_EQ(std::get<double>(r[4]), 0.0);
    EXPECT_EQ(texteDe(r[6]), "non atteint");
    EXPECT_NE(texteDe(r[7]), "");
    EXPECT_EQ(sheet.value("S1"), 0);  // star 1 has a criterion non atteint
}

// E1 -> fait: a status change flips a criterion, and the star within reach follows.
TEST_F(CalcTest, LabellisationStatusChangeFlipsACriterion) {
    Saisie s;
    s.statuts = {{"1.1.1.1", "programmé"}};
    s.ecrire(sheet);
    s.formules(sheet);
    sheet.recalc();
    EXPECT_EQ(etat(sheet, 1, "1.1.1.1"), "non atteint");
    EXPECT_NE(texteDe(ligne(sheet, 1, "1.1.1.1")[7]), "");
    comparerALaBibliotheque(sheet, s);
    sheet.setValue("B" + std::to_string(s.ref->index("1.1.1.1") + 1), std::string("fait"));
    s.statuts["1.1.1.1"] = "fait";
    sheet.recalc();
    EXPECT_EQ(etat(sheet, 1, "1.1.1.1"), "atteint");
    EXPECT_EQ(texteDe(ligne(sheet, 1, "1.1.1.1")[7]), "");
    comparerALaBibliotheque(sheet, s);
}

// E6: the answers deactivate 2.2, 2.3, 2.4 and 4.1: their criteria stay, « sans objet », with empty
// percentages; SPASER = OUI adds 3.2.0. E7: a declared non concerné fails at every star.
TEST_F(CalcTest, LabellisationAnswersMakeCriteriaSansObjet) {
    Saisie s;
    s.reponses = {{"dechets_1", false}, {"dechets_2", false}, {"dechets_3", true}, {"SPASER", false}};
    s.ecrire(sheet);
    s.formules(sheet);
    sheet.recalc();
    for (int k = 1; k <= 5; ++k) {
        std::vector<std::string> sansObjet;
        const auto rows = sheet.values(blocCriteres(k));
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Row& r = rows[i];
            if (texteDe(r[6]) == "sans objet") {
                sansObjet.push_back(texteDe(r[0]));
                EXPECT_TRUE(videAffiche(sheet, k, i, 4));
                EXPECT_TRUE(videAffiche(sheet, k, i, 5));
                EXPECT_EQ(texteDe(r[7]), "");
            }
        }
        EXPECT_EQ(sansObjet, (std::vector<std::string>{"2.2.0", "2.3.0", "2.4.0", "4.1.0"})) << k;
    }
    comparerALaBibliotheque(sheet, s);
    int spaser = 0;
    const auto cles = sheet.values("G1:G8");
    for (std::size_t l = 0; l < cles.size(); ++l)
        if (texteDe(cles[l][0]) == "SPASER") spaser = (int)l + 1;
    ASSERT_GT(spaser, 0);
    sheet.setValue("H" + std::to_string(spaser), std::string("OUI"));
    sheet.recalc();
    EXPECT_EQ(etat(sheet, 1, "3.2.0"), "sans objet");
    // E7
    sheet.setValue("B" + std::to_string(s.ref->index("2.1.0") + 1), std::string("non concerné"));
    sheet.recalc();
    for (int k = 1; k <= 5; ++k) EXPECT_EQ(etat(sheet, k, "2.1.0"), "non atteint") << k;
    EXPECT_EQ(sheet.value("S1"), 0);
}

// Random sheets, biased towards the criterion nodes and their sous-actions: every état, every
// percentage, every star equal to the library's.
TEST_F(CalcTest, LabellisationRandomSheetsAgreeWithTheDomainLibrary) {
    static const char* const statuts[] = {"fait", "programmé", "pas fait", "non concerné", "non renseigné"};
    std::mt19937 rng(20261206);
    const auto& p = lab::parcoursEci();
    Saisie base;
    base.formules(sheet);
    std::map<std::string, int> etatsVus;
    std::map<int, int> etoilesVues;
    for (int essai = 0; essai < 40; ++essai) {
        SCOPED_TRACE("random sheet " + std::to_string(essai));
        Saisie s;
        for (auto& [q, v] : s.reponses) v = rng() % 4 != 0;
        s.reponses["SPASER"] = rng() % 4 == 0;
        // A third of the sheets nearly empty, a third well advanced, a third nearly all fait: every star.
        const double avance = std::array<double, 3>{0, 0.75, 0.97}[(std::size_t)essai % 3];
        std::uniform_real_distribution<double> u(0, 1);
        for (std::size_t i = 0; i < s.n(); ++i)
            if (s.ref->noeud((int)i).feuille() && u(rng) < avance) s.statuts[s.ref->noeud((int)i).identifiant] = "fait";
        for (const lab::CritereAction& c : p.criteres) {
            if (u(rng) < avance) s.statuts[c.identifiant] = "fait";
            else if (rng() % 5) s.statuts[c.identifiant] = statuts[rng() % 5];
            const auto point = c.identifiant.rfind('.');
            if (rng() % 4 == 0 && u(rng) >= avance) s.statuts[c.identifiant.substr(0, point)] = statuts[rng() % 5];
        }
        for (int k = 0; k < (avance > 0.9 ? 3 : 80); ++k) {
            const eci::Noeud& nd = s.ref->noeud((int)(rng() % s.n()));
            if (nd.estSousActionOuTache()) s.statuts[nd.identifiant] = statuts[rng() % 5];
        }
        s.ecrire(sheet);
        const int actuelle = (int)(rng() % 6);
        sheet.setValue("T3", (double)actuelle);
        sheet.recalc();
        comparerALaBibliotheque(sheet, s, &etatsVus);
        ++etoilesVues[(int)sheet.value("S1")];
        EXPECT_EQ(sheet.value("S3"), lab::etoileCible(actuelle, s.scores(), p));
        if (HasFailure()) break;
    }
    // The draws reached every état, and more than one star within reach.
    for (const char* e : {"atteint", "non atteint", "sans objet"}) EXPECT_GT(etatsVus[e], 20) << e;
    EXPECT_GE(etoilesVues.size(), 3u);
    EXPECT_TRUE(Office::instance().alive());
}

TEST_F(CalcTest, LabellisationBadStarIsErr502AndPreuvesListsDocuments) {
    sheet.setColumn("A1", {std::string("1.1.1.1")});
    sheet.setColumn("B1", {std::string("fait")});
    for (const char* etoile : {"0", "6", "2.5", "-1"}) {
        sheet.setArrayFormula("J1:Q11", std::string("=ECI.CRITERES(A1:A1;B1:B1;") + etoile + ")");
        sheet.recalc();
        EXPECT_EQ(sheet.error("J1"), kErrIllegalArgument) << etoile;
    }
    sheet.setArrayFormula("J1:Q11", "=ECI.CRITERES(A1:A1;B1:B1;\"x\")");  // Calc refuses the text itself
    sheet.recalc();
    EXPECT_NE(sheet.error("J1"), 0);
    sheet.setArrayFormula("J1:Q11", "=ECI.CRITERES(A1:A1;B1:B1;1)");
    sheet.recalc();
    EXPECT_EQ(sheet.error("J1"), 0);
    sheet.setFormula("S1", "=ECI.PREUVES(\"1.1.1\")");
    sheet.setFormula("S2", "=ECI.PREUVES(\"9.9.9\")");
    sheet.recalc();
    std::string attendu;
    auto ref = eci::Referentiel::eci();
    for (const lab::Preuve* d : lab::preuves(*ref, lab::parcoursEci(), ref->index("1.1.1")))
        attendu += (attendu.empty() ? "" : "\n") + d->nom;
    EXPECT_FALSE(attendu.empty());
    EXPECT_EQ(sheet.text("S1"), attendu);
    EXPECT_EQ(sheet.error("S2"), kErrIllegalArgument);
}
