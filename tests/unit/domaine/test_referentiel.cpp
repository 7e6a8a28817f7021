// Tree building and points derivation (docs/score.md §1) against the
// tree-building vectors, and the loading of the embedded ECi référentiel.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "eci/texte.hpp"
#include "vecteurs.hpp"

namespace {

using nlohmann::json;

TEST(Referentiel, EmbeddedEciHas368NodesAnd274Leaves) {
    auto ref = eci::Referentiel::eci();
    EXPECT_EQ(ref->taille(), 368u);
    int feuilles = 0, axes = 0, actions = 0;
    for (const auto& n : ref->noeuds()) {
        feuilles += n.feuille();
        axes += n.type == "axe";
        actions += n.type == "action";
    }
    EXPECT_EQ(feuilles, 274);
    EXPECT_EQ(axes, 5);
    EXPECT_EQ(actions, 21);
    EXPECT_EQ(ref->niveauAction(), 2);
    EXPECT_EQ(*ref->noeud(0).points, 500.0);
}

TEST(Referentiel, EveryDerivedPointOfTheCsvVector) {
    auto cas = vecteurs::parType("tree-building");
    const json* complet = nullptr;
    for (const json* c : cas)
        if ((*c)["name"] == "eci_full_tree_building_from_csv") complet = c;
    ASSERT_NE(complet, nullptr);
    auto ref = eci::Referentiel::eci();
    const json& pts = (*complet)["expected"]["points"];
    EXPECT_EQ(pts.size(), ref->taille());
    for (auto it = pts.begin(); it != pts.end(); ++it) {
        int i = ref->index(it.key());
        ASSERT_GE(i, 0) << it.key();
        ASSERT_TRUE(ref->noeud(i).points.has_value()) << it.key();
        EXPECT_EQ(*ref->noeud(i).points, it.value().get<double>()) << it.key();  // bit for bit
    }
}

TEST(Referentiel, DerivedPointsColumnOfTheCsv) {
    // The CSV's own points_derives column (unrounded doubles) agrees too.
    std::ifstream f(std::string(ECI_DATA_DIR) + "/referentiel-eci.csv");
    std::string ligne;
    std::getline(f, ligne);
    auto ref = eci::Referentiel::eci();
    int lues = 0;
    while (std::getline(f, ligne)) {
        if (!ligne.empty() && ligne.back() == '\r') ligne.pop_back();
        auto virgule = ligne.rfind(',');
        auto avant = ligne.rfind(',', virgule - 1);
        std::string actionId = ligne.substr(avant + 1, virgule - avant - 1);
        double attendu = std::stod(ligne.substr(virgule + 1));
        int i = ref->index(actionId);
        ASSERT_GE(i, 0) << actionId;
        EXPECT_EQ(*ref->noeud(i).points, attendu) << actionId;
        ++lues;
    }
    EXPECT_EQ(lues, 368);
}

TEST(Referentiel, SmallTreeVectorWithReglementaireTache) {
    const json* cas = nullptr;
    for (const json* c : vecteurs::parType("tree-building"))
        if ((*c)["name"] != "eci_full_tree_building_from_csv") cas = c;
    ASSERT_NE(cas, nullptr);
    std::vector<std::string> hier = (*cas)["inputs"]["hierarchie"].get<std::vector<std::string>>();
    std::vector<eci::LigneReferentiel> lignes;
    for (const json& n : (*cas)["referentiel"]) {
        eci::LigneReferentiel l;
        std::string id = n["actionId"].get<std::string>();
        l.identifiant = id == "eci" ? "" : id.substr(4);
        int niveau = id == "eci" ? 0 : 1;
        for (char c : l.identifiant) niveau += c == '.';
        l.niveau = hier[(std::size_t)niveau];
        if (n.contains("points") && !n["points"].is_null()) l.points = n["points"].get<double>();
        if (n.contains("pourcentage") && !n["pourcentage"].is_null()) l.pourcentage = n["pourcentage"].get<double>();
        lignes.push_back(l);
    }
    auto ref = eci::Referentiel::construire(lignes);
    const json& att = (*cas)["expected"]["nodes"];
    for (auto it = att.begin(); it != att.end(); ++it) {
        int i = ref->index(it.key());
        ASSERT_GE(i, 0) << it.key();
        const auto& nd = ref->noeud(i);
        EXPECT_EQ(*nd.points, it.value()["points"].get<double>()) << it.key();
        EXPECT_EQ(nd.niveau, it.value()["level"].get<int>()) << it.key();
        EXPECT_EQ(nd.type, it.value()["type"].get<std::string>()) << it.key();
        if (it.value()["pourcentage"].is_null()) EXPECT_FALSE(nd.pourcentage.has_value()) << it.key();
        else EXPECT_NEAR(*nd.pourcentage, it.value()["pourcentage"].get<double>(), 1e-12) << it.key();
    }
}

TEST(Referentiel, PercentagesNotAddingUpTo100FailWithAMessage) {
    std::vector<eci::LigneReferentiel> l(4);
    l[0].niveau = "referentiel";
    l[1].identifiant = "1"; l[1].niveau = "action"; l[1].points = 10;
    l[2].identifiant = "1.1"; l[2].niveau = "sous-action"; l[2].pourcentage = 60;
    l[3].identifiant = "1.2"; l[3].niveau = "sous-action"; l[3].pourcentage = 30;
    try {
        eci::Referentiel::construire(l);
        FAIL() << "expected ErreurReferentiel";
    } catch (const eci::ErreurReferentiel& e) {
        EXPECT_NE(std::string(e.what()).find("90 %"), std::string::npos) << e.what();
    }
}

TEST(Referentiel, AxePointsInTheSheetAreDropped) {
    // §1.2: the axe's own points are not kept; it is the sum of its actions.
    std::vector<eci::LigneReferentiel> l(4);
    l[0].niveau = "referentiel";
    l[1].identifiant = "1"; l[1].niveau = "axe"; l[1].points = 999;
    l[2].identifiant = "1.1"; l[2].niveau = "action"; l[2].points = 30;
    l[3].identifiant = "1.2"; l[3].niveau = "action"; l[3].points = 12.5;
    auto ref = eci::Referentiel::construire(l);
    EXPECT_EQ(*ref->noeud(ref->index("1")).points, 42.5);
    EXPECT_EQ(*ref->noeud(0).points, 42.5);
}

// A référentiel range can come from any sheet: a deep chain of identifiants ("1", "1.1", "1.1.1", ...)
// would make the tree walk recurse that deep and the sort compare long texts. Bounded, with a message.
TEST(Referentiel, DeepOrLongIdentifiantsAreRefusedWithAMessage) {
    auto chaine = [](int niveaux) {
        std::vector<eci::LigneReferentiel> l(1);
        l[0].niveau = "referentiel";
        std::string id;
        for (int k = 0; k < niveaux; ++k) {
            id += k ? ".1" : "1";
            eci::LigneReferentiel x;
            x.identifiant = id;
            x.niveau = k == 0 ? "axe" : k == 1 ? "action" : "sous-action";
            if (k == 1) x.points = 10;
            l.push_back(x);
        }
        return l;
    };
    EXPECT_NO_THROW(eci::Referentiel::construire(chaine(12)));
    try {
        eci::Referentiel::construire(chaine(13));
        FAIL() << "13 levels accepted";
    } catch (const eci::ErreurReferentiel& e) {
        EXPECT_NE(std::string(e.what()).find("au plus 12 niveaux"), std::string::npos) << e.what();
    }
    std::vector<eci::LigneReferentiel> l(2);
    l[0].niveau = "referentiel";
    l[1].identifiant = std::string(60, '7') + "é" + std::string(60, '7');
    l[1].niveau = "axe";
    try {
        eci::Referentiel::construire(l);
        FAIL() << "a 121-character identifiant accepted";
    } catch (const eci::ErreurReferentiel& e) {
        // quoted shortened, cut on a character boundary
        EXPECT_NE(std::string(e.what()).find("« " + std::string(40, '7') + "… »"), std::string::npos) << e.what();
    }
}

TEST(Texte, AbregerCutsOnCharacterBoundaries) {
    EXPECT_EQ(eci::texte::abreger("abc", 3), "abc");
    EXPECT_EQ(eci::texte::abreger("abcd", 3), "abc…");
    EXPECT_EQ(eci::texte::abreger("ééé", 2), "éé…");
    EXPECT_EQ(eci::texte::abreger("", 0), "");
}

TEST(Referentiel, NumericIdentifierOrder) {
    EXPECT_TRUE(eci::identifiantAvant("1.1.4.2", "1.1.4.10"));
    EXPECT_FALSE(eci::identifiantAvant("1.1.4.10", "1.1.4.2"));
    EXPECT_TRUE(eci::identifiantAvant("1.1", "1.1.1"));
    EXPECT_TRUE(eci::identifiantAvant("2", "10"));
    auto ref = eci::Referentiel::eci();
    const auto& enf = ref->noeud(ref->index("1.1.4")).enfants;
    ASSERT_GE(enf.size(), 10u);
    EXPECT_EQ(ref->noeud(enf[9]).identifiant, "1.1.4.10");
}

TEST(Referentiel, EciRulesAreParsedAndQuestionsFound) {
    auto ref = eci::Referentiel::eci();
    EXPECT_EQ(ref->regles().size(), 22u);
    std::vector<std::string> q = ref->questions();
    std::vector<std::string> attendu = {"REOM", "SPASER", "dechets_1", "dechets_2", "dechets_3", "dev_eco_1", "formation"};
    EXPECT_EQ(q, attendu);
}

}  // namespace
