// The scoring engine against every scoring case of the platform's vectors,
// field by field, exact to the third decimal (values are compared after the
// platform's rounding, so equal 3-decimal values are equal doubles).
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "vecteurs.hpp"

namespace {

using nlohmann::json;
using vecteurs::tous;

std::string statutDe(const eci::ScoreNoeud& s) { return eci::nomStatut(s.statut); }

// Compares every field present in `attendu` with the record; returns a report.
std::string comparer(const std::string& id, const json& attendu, const eci::ScoreNoeud& s) {
    std::ostringstream err;
    auto nombre = [&](const char* champ, double valeur) {
        if (!attendu.contains(champ)) return;
        const json& a = attendu[champ];
        if (!a.is_number() || std::fabs(a.get<double>() - valeur) > 1e-9)
            err << id << "." << champ << ": attendu " << a.dump() << ", obtenu " << valeur << "\n";
    };
    auto optNombre = [&](const char* champ, const std::optional<double>& valeur) {
        if (!attendu.contains(champ)) return;
        const json& a = attendu[champ];
        if (a.is_null() != !valeur || (valeur && std::fabs(a.get<double>() - *valeur) > 1e-9))
            err << id << "." << champ << ": attendu " << a.dump() << ", obtenu "
                << (valeur ? std::to_string(*valeur) : "null") << "\n";
    };
    auto booleen = [&](const char* champ, bool valeur) {
        if (!attendu.contains(champ)) return;
        if (attendu[champ].get<bool>() != valeur)
            err << id << "." << champ << ": attendu " << attendu[champ].dump() << ", obtenu " << valeur << "\n";
    };
    optNombre("pointReferentiel", s.pointReferentiel);
    nombre("pointPotentiel", s.pointPotentiel);
    optNombre("pointPotentielPerso", s.pointPotentielPerso);
    nombre("pointFait", s.pointFait);
    nombre("pointProgramme", s.pointProgramme);
    nombre("pointPasFait", s.pointPasFait);
    nombre("pointNonRenseigne", s.pointNonRenseigne);
    booleen("concerne", s.concerne);
    booleen("desactive", s.desactive);
    booleen("renseigne", s.renseigne);
    nombre("totalTachesCount", s.totalTachesCount);
    nombre("completedTachesCount", s.completedTachesCount);
    nombre("faitTachesAvancement", s.faitTachesAvancement);
    nombre("programmeTachesAvancement", s.programmeTachesAvancement);
    nombre("pasFaitTachesAvancement", s.pasFaitTachesAvancement);
    nombre("pasConcerneTachesAvancement", s.pasConcerneTachesAvancement);
    if (attendu.contains("etoiles")) optNombre("etoiles", s.etoiles ? std::optional<double>(*s.etoiles) : std::nullopt);
    if (attendu.contains("avancement")) {
        std::string a = attendu["avancement"].is_null() ? "" : attendu["avancement"].get<std::string>();
        std::string o = s.avancement ? eci::nomAvancement(*s.avancement) : "";
        if (a != o) err << id << ".avancement: attendu " << a << ", obtenu " << o << "\n";
    }
    if (attendu.contains("avancementDetaille")) {
        const json& a = attendu["avancementDetaille"];
        bool ok = a.is_null() ? !s.avancementDetaille
                              : (s.avancementDetaille && a[0].get<double>() == (*s.avancementDetaille)[0] &&
                                 a[1].get<double>() == (*s.avancementDetaille)[1] &&
                                 a[2].get<double>() == (*s.avancementDetaille)[2]);
        if (!ok) err << id << ".avancementDetaille: attendu " << a.dump() << "\n";
    }
    if (attendu.contains("statut")) {
        const json& a = attendu["statut"];
        std::string o = s.aStatut ? statutDe(s) : "<absent>";
        std::string e = a.is_null() ? "" : a.get<std::string>();
        if (!s.aStatut || o != e) err << id << ".statut: attendu " << a.dump() << ", obtenu " << o << "\n";
    } else if (s.aStatut && s.statut != eci::Statut::aucun && attendu.contains("pointFait") &&
               attendu.size() > 10) {
        // full records without a statut key must not have one
    }
    return err.str();
}

std::string verifierCas(const json& cas, const std::vector<eci::ScoreNoeud>& res, const eci::Referentiel& ref,
                        const char* bloc) {
    std::string rapport;
    if (!cas.contains(bloc)) return rapport;
    const json& noeuds = std::string(bloc) == "expected" ? cas[bloc]["nodes"] : cas[bloc];
    for (auto it = noeuds.begin(); it != noeuds.end(); ++it) {
        int i = ref.index(it.key());
        if (i < 0) { rapport += "nœud inconnu " + it.key() + "\n"; continue; }
        rapport += comparer(it.key(), it.value(), res[(std::size_t)i]);
    }
    return rapport;
}

class VecteurScore : public ::testing::TestWithParam<int> {};

TEST_P(VecteurScore, ExpectedAndFullOutputMatch) {
    const json& cas = tous()[(std::size_t)GetParam()];
    SCOPED_TRACE(cas["name"].get<std::string>());
    auto ref = vecteurs::arbre(cas);
    auto e = vecteurs::entrees(cas, *ref);
    auto res = eci::calculerScores(*ref, e, vecteurs::parametres(cas));
    std::string rapport = verifierCas(cas, res, *ref, "expected");
    rapport += verifierCas(cas, res, *ref, "engine_full_output");
    EXPECT_EQ(rapport, "");
}

std::vector<int> indicesScoring() {
    std::vector<int> out;
    for (std::size_t i = 0; i < tous().size(); ++i)
        if (!tous()[i].contains("kind")) out.push_back((int)i);
    return out;
}

INSTANTIATE_TEST_SUITE_P(Vecteurs, VecteurScore, ::testing::ValuesIn(indicesScoring()),
                         [](const ::testing::TestParamInfo<int>& info) {
                             std::string n = tous()[(std::size_t)info.param]["name"].get<std::string>();
                             std::string out;
                             for (char c : n) out += std::isalnum((unsigned char)c) ? c : '_';
                             return out + "_" + std::to_string(info.param);
                         });

TEST(VecteursScoring, AllCasesPresent) { EXPECT_EQ(indicesScoring().size(), 33u); }

// The three full-ECi cases, this time on the référentiel embedded in the
// library (derived from the CSV) and with the consequences computed from the
// identity and answers by our own rule engine (not the recorded ones).
class VecteurEciComplet : public ::testing::TestWithParam<int> {};

TEST_P(VecteurEciComplet, EmbeddedReferentielAndOwnRules) {
    const json& cas = tous()[(std::size_t)GetParam()];
    SCOPED_TRACE(cas["name"].get<std::string>());
    auto ref = eci::Referentiel::eci();
    json sansConsequences = cas;
    sansConsequences["inputs"]["consequences"] = json::object();
    auto e = vecteurs::entrees(sansConsequences, *ref);
    auto ctx = vecteurs::contexte(cas["inputs"]["personnalisation"]);
    e.consequences = eci::consequences(*ref, ctx);
    // The rules of the embedded CSV give the same consequences as the recorded ones.
    for (auto it = cas["inputs"]["consequences"].begin(); it != cas["inputs"]["consequences"].end(); ++it) {
        int i = ref->index(it.key());
        ASSERT_GE(i, 0) << it.key();
        const auto& c = e.consequences[(std::size_t)i];
        const json& d = it.value()["desactive"];
        bool attendu = d.is_boolean() && d.get<bool>();
        EXPECT_EQ(c && c->desactive && *c->desactive, attendu) << it.key();
        const json& p = it.value()["potentielPerso"];
        if (p.is_number()) {
            ASSERT_TRUE(c && c->potentielPerso) << it.key();
            EXPECT_EQ(*c->potentielPerso, p.get<double>()) << it.key();
        }
    }
    auto res = eci::calculerScores(*ref, e, vecteurs::parametres(cas));
    EXPECT_EQ(verifierCas(cas, res, *ref, "expected"), "");
}

std::vector<int> indicesEciComplet() {
    std::vector<int> out;
    for (std::size_t i = 0; i < tous().size(); ++i)
        if (!tous()[i].contains("kind") && tous()[i]["name"].get<std::string>().rfind("eci_full_", 0) == 0)
            out.push_back((int)i);
    return out;
}

INSTANTIATE_TEST_SUITE_P(Vecteurs, VecteurEciComplet, ::testing::ValuesIn(indicesEciComplet()));

TEST(VecteursScoring, ThreeFullEciCases) { EXPECT_EQ(indicesEciComplet().size(), 3u); }

// §6 rounding: JavaScript Math.round semantics with the epsilon nudge.
TEST(Arrondi, JavascriptSemantics) {
    EXPECT_EQ(eci::arrondi3(0.0005), 0.001);
    EXPECT_EQ(eci::arrondi3(-0.0005), 0.0);     // ties go to +infinity
    EXPECT_EQ(eci::arrondi3(-0.0015), -0.001);
    EXPECT_EQ(eci::arrondi3(1.0005), 1.001);    // 1000.4999999999999 + eps
    EXPECT_EQ(eci::arrondi3(92.857142857), 92.857);
    EXPECT_EQ(eci::arrondi3(6.666666666666668), 6.667);
    // the +2.22e-16 nudge lifts a value just under the tie over it
    EXPECT_EQ(eci::arrondi3(0.49999999999999994 / 1000), 0.001);
    EXPECT_EQ(eci::arrondi3(0.0004), 0.0);
}

TEST(Etoiles, VectorCasesAndBoundaries) {
    for (const json* c : vecteurs::parType("etoiles")) {
        const json& in = (*c)["inputs"];
        EXPECT_EQ(eci::etoiles(in["pointFait"].get<double>(), in["pointPotentiel"].get<double>()),
                  (*c)["expected"]["etoiles"].get<int>())
            << (*c)["name"];
    }
    EXPECT_EQ(eci::etoiles(175, 500), 2);
    EXPECT_EQ(eci::etoiles(174.999, 500), 1);
    EXPECT_EQ(eci::etoiles(250, 500), 3);
    EXPECT_EQ(eci::etoiles(325, 500), 4);
    EXPECT_EQ(eci::etoiles(375, 500), 5);
    EXPECT_EQ(eci::etoiles(0, 0), 1);
}

}  // namespace
