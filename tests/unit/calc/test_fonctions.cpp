// The spreadsheet-function layer (eci::calc) on plain values: the argument
// conventions of docs/fonctions-conventions.md, the full-référentiel vectors through
// ECI.EVALUER / ECI.SCORE, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <fstream>
#include <random>
#include <sstream>

#include "eci/calc/arguments.hpp"
#include "eci/calc/fonctions.hpp"
#include "vecteurs.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::ErreurArgument;
using eci::calc::Optionnel;
using eci::calc::Plage;
using nlohmann::json;

Plage colonne(const std::vector<Cellule>& v) {
    Plage p(v.size(), 1);
    for (std::size_t i = 0; i < v.size(); ++i) p.at(i, 0) = v[i];
    return p;
}

Plage contexte(const std::vector<std::pair<std::string, Cellule>>& kv) {
    Plage p(kv.size(), 2);
    for (std::size_t i = 0; i < kv.size(); ++i) {
        p.at(i, 0) = kv[i].first;
        p.at(i, 1) = kv[i].second;
    }
    return p;
}

// A population whose tags are exactly `tags`.
double populationPour(const std::vector<std::string>& tags) {
    for (double p : {1000.0, 4000.0, 8000.0, 15000.0, 30000.0, 70000.0, 200000.0, 500000.0, 1000000.0})
        if (eci::regle::tagsPopulation(p) == tags) return p;
    ADD_FAILURE() << "no population for these tags";
    return 0;
}

// The sheet a user would fill for a full-ECi vector: ids, statuts, context.
struct Feuille {
    Plage ids, statuts, details;
    Plage ctx;
};

Feuille feuillePour(const json& cas) {
    auto ref = eci::Referentiel::eci();
    Feuille f;
    std::size_t n = ref->taille();
    f.ids = Plage(n, 1);
    f.statuts = Plage(n, 1);
    f.details = Plage(n, 3);
    for (std::size_t i = 0; i < n; ++i) {
        // ids as a user types them: numbers where Calc would make numbers.
        const std::string& ident = ref->noeud((int)i).identifiant;
        if (ident.find('.') == std::string::npos && !ident.empty()) f.ids.at(i, 0) = std::stod(ident);
        else f.ids.at(i, 0) = ident.empty() ? Cellule(std::string("eci")) : Cellule(ident);
    }
    for (auto it = cas["inputs"]["statuts"].begin(); it != cas["inputs"]["statuts"].end(); ++it) {
        std::size_t i = (std::size_t)ref->index(it.key());
        std::string av = it.value()["avancement"].get<std::string>();
        bool concerne = it.value()["concerne"].get<bool>();
        std::string texte = !concerne ? "Non concerné"
                            : av == "fait" ? "Fait"
                            : av == "programme" ? "Programmé"
                            : av == "pas_fait" ? "pas fait"
                            : av == "detaille" ? "détaillé"
                                               : "non renseigné";
        f.statuts.at(i, 0) = texte;
        if (av == "detaille") {
            const json& d = it.value()["avancementDetaille"];
            for (std::size_t k = 0; k < 3; ++k) f.details.at(i, k) = d[k].get<double>();
        }
    }
    const json& perso = cas["inputs"]["personnalisation"];
    const json& id = perso["identite"];
    std::vector<std::pair<std::string, Cellule>> kv;
    kv.push_back({"Type", id["type"].get<std::string>()});
    kv.push_back({"Sous-type", id["soustype"].is_string() ? Cellule(id["soustype"].get<std::string>()) : Cellule()});
    kv.push_back({"Population", populationPour(id["populationTags"].get<std::vector<std::string>>())});
    kv.push_back({"DROM", id["drom"].get<bool>() ? "OUI" : "NON"});
    for (const char* q : {"dechets_1", "dechets_2", "dechets_3", "dev_eco_1", "formation", "REOM", "SPASER"}) {
        const json& r = perso["reponses"];
        kv.push_back({q, r.contains(q) ? Cellule(r[q].get<bool>() ? "OUI" : "NON") : Cellule()});
    }
    f.ctx = contexte(kv);
    return f;
}

std::vector<const json*> casEciComplets() {
    std::vector<const json*> out;
    for (const json* c : vecteurs::parType("scoring"))
        if ((*c)["name"].get<std::string>().rfind("eci_full_", 0) == 0) out.push_back(c);
    return out;
}

TEST(Evaluer, FullEciVectorsThroughTheSheetConventions) {
    auto ref = eci::Referentiel::eci();
    ASSERT_EQ(casEciComplets().size(), 3u);
    for (const json* cas : casEciComplets()) {
        SCOPED_TRACE((*cas)["name"].get<std::string>());
        Feuille f = feuillePour(*cas);
        Plage r = eci::calc::evaluer(f.ids, f.statuts, f.details, f.ctx, std::nullopt);
        ASSERT_EQ(r.lignes, ref->taille());
        ASSERT_EQ(r.colonnes, 8u);
        const json& att = (*cas)["expected"]["nodes"];
        int compares = 0;
        for (auto it = att.begin(); it != att.end(); ++it) {
            std::size_t l = (std::size_t)ref->index(it.key());
            const json& a = it.value();
            EXPECT_EQ(std::get<double>(r.at(l, 0)), a["pointReferentiel"].get<double>()) << it.key();
            EXPECT_EQ(std::get<double>(r.at(l, 1)), a["pointPotentiel"].get<double>()) << it.key();
            EXPECT_EQ(std::get<double>(r.at(l, 2)), a["pointFait"].get<double>()) << it.key();
            EXPECT_EQ(std::get<double>(r.at(l, 3)), a["pointProgramme"].get<double>()) << it.key();
            EXPECT_EQ(std::get<double>(r.at(l, 4)), a["pointPasFait"].get<double>()) << it.key();
            EXPECT_EQ(std::get<double>(r.at(l, 5)), a["pointNonRenseigne"].get<double>()) << it.key();
            double pot = a["pointPotentiel"].get<double>();
            double pct = pot ? a["pointFait"].get<double>() / pot * 100
                             : a["faitTachesAvancement"].get<double>() / a["totalTachesCount"].get<double>() * 100;
            EXPECT_NEAR(std::get<double>(r.at(l, 6)), pct, 1e-9) << it.key();
            ++compares;
        }
        EXPECT_EQ(compares, 368);
        // ECI.SCORE on the same ranges: the root and the stars.
        double fait = eci::calc::score(f.ids, f.statuts, std::nullopt, std::nullopt, f.details, f.ctx, std::nullopt);
        EXPECT_EQ(fait, att["eci"]["pointFait"].get<double>());
        double pot = eci::calc::score(f.ids, f.statuts, Plage(Cellule(std::string("eci"))), Plage(Cellule(std::string("Potentiel"))),
                                      f.details, f.ctx, std::nullopt);
        EXPECT_EQ(pot, att["eci"]["pointPotentiel"].get<double>());
        double pct = eci::calc::score(f.ids, f.statuts, std::nullopt, Plage(Cellule(std::string("pourcentage"))), f.details,
                                      f.ctx, std::nullopt);
        EXPECT_EQ(eci::calc::etoiles(pct), att["eci"]["etoiles"].get<double>());
        double taches = eci::calc::score(f.ids, f.statuts, std::nullopt, Plage(Cellule(std::string("taches"))), f.details,
                                         f.ctx, std::nullopt);
        EXPECT_EQ(taches, att["eci"]["totalTachesCount"].get<double>());
    }
}

// ECI.EVALUER_TOTAL: the root's line of the vectors in one row of 8 cells, on a sheet without the
// root row (as the autodiagnostic's Référentiel, whose ids start at axe 1).
TEST(Evaluer, TotalIsTheRootLineOfTheVectors) {
    for (const json* cas : casEciComplets()) {
        SCOPED_TRACE((*cas)["name"].get<std::string>());
        Feuille f = feuillePour(*cas);
        Plage sansRacine(f.ids.lignes, 1);
        for (std::size_t l = 0; l < f.ids.lignes; ++l)
            sansRacine.at(l, 0) = l == 0 ? Cellule() : f.ids.at(l, 0);  // row 0: the root
        const Plage t = eci::calc::evaluerTotal(sansRacine, f.statuts, f.details, f.ctx, std::nullopt);
        ASSERT_EQ(t.lignes, 1u);
        ASSERT_EQ(t.colonnes, 8u);
        const json& a = (*cas)["expected"]["nodes"]["eci"];
        EXPECT_EQ(std::get<double>(t.at(0, 0)), a["pointReferentiel"].get<double>());
        EXPECT_EQ(std::get<double>(t.at(0, 1)), a["pointPotentiel"].get<double>());
        EXPECT_EQ(std::get<double>(t.at(0, 2)), a["pointFait"].get<double>());
        EXPECT_EQ(std::get<double>(t.at(0, 3)), a["pointProgramme"].get<double>());
        EXPECT_EQ(std::get<double>(t.at(0, 4)), a["pointPasFait"].get<double>());
        EXPECT_EQ(std::get<double>(t.at(0, 5)), a["pointNonRenseigne"].get<double>());
        EXPECT_NEAR(std::get<double>(t.at(0, 6)), a["pointFait"].get<double>() / a["pointPotentiel"].get<double>() * 100,
                    1e-9);
        EXPECT_TRUE(std::holds_alternative<std::string>(t.at(0, 7)));
        // The same numbers as ECI.SCORE measure by measure.
        const char* mesures[] = {"referentiel", "potentiel", "fait", "programme", "pas_fait", "non_renseigne",
                                 "pourcentage"};
        for (std::size_t k = 0; k < 7; ++k)
            EXPECT_EQ(std::get<double>(t.at(0, k)),
                      eci::calc::score(sansRacine, f.statuts, std::nullopt, Plage(Cellule(std::string(mesures[k]))),
                                       f.details, f.ctx, std::nullopt))
                << mesures[k];
    }
    // A row ECI.SCORE refuses is refused (a total of a sheet not read entirely would be wrong).
    Plage ids = colonne({std::string("1.1.1.1"), std::string("9.9.9")});
    Plage st = colonne({std::string("fait"), std::string("fait")});
    EXPECT_THROW(eci::calc::evaluerTotal(ids, st, std::nullopt, std::nullopt, std::nullopt), ErreurArgument);
    EXPECT_THROW(eci::calc::evaluerTotal(Plage(), Plage(), std::nullopt, std::nullopt, std::nullopt), ErreurArgument);
}

TEST(Evaluer, DisplayStatusTexts) {
    const json* cas = casEciComplets()[0];
    Feuille f = feuillePour(*cas);
    Plage r = eci::calc::evaluer(f.ids, f.statuts, f.details, f.ctx, std::nullopt);
    auto ref = eci::Referentiel::eci();
    const json& att = (*cas)["expected"]["nodes"];
    std::map<std::string, std::string> fr = {{"fait", "fait"}, {"programme", "programmé"}, {"pas_fait", "pas fait"},
                                             {"detaille", "détaillé"}, {"non_concerne", "non concerné"},
                                             {"non_renseignable", "non renseignable"},
                                             {"detaille_a_la_tache", "détaillé à la tâche"}};
    for (auto it = att.begin(); it != att.end(); ++it) {
        if (!it.value().contains("statut")) continue;
        std::size_t l = (std::size_t)ref->index(it.key());
        std::string attendu = it.value()["statut"].is_null() ? "non renseigné" : fr.at(it.value()["statut"].get<std::string>());
        EXPECT_EQ(std::get<std::string>(r.at(l, 7)), attendu) << it.key();
    }
}

TEST(Evaluer, UnknownIdAndStatusGoToTheLastColumn) {
    Plage ids = colonne({std::string("1.1.1.1"), std::string("9.9.9"), Cellule(), std::string("1.1.1.2")});
    Plage st = colonne({std::string("fait"), std::string("fait"), std::string("fait"), std::string("à moitié")});
    Plage r = eci::calc::evaluer(ids, st, std::nullopt, std::nullopt, std::nullopt);
    EXPECT_EQ(std::get<double>(r.at(0, 2)), 1.2);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.at(1, 2)));
    EXPECT_NE(std::get<std::string>(r.at(1, 7)).find("identifiant inconnu"), std::string::npos);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(r.at(2, 7)));  // blank id: blank row
    EXPECT_NE(std::get<std::string>(r.at(3, 7)).find("statut inconnu"), std::string::npos);
    // ECI.SCORE refuses the same input.
    EXPECT_THROW(eci::calc::score(ids, st, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt),
                 ErreurArgument);
}

TEST(Evaluer, StatusTextsMatchWithoutCaseAccentsSpaces) {
    auto pointsFait = [](const std::string& statut) {
        Plage ids = colonne({std::string("eci_1.1.1.1")});
        Plage st = colonne({statut});
        return eci::calc::score(ids, st, Plage(Cellule(std::string("1.1.1.1"))), Plage(Cellule(std::string("programme"))),
                                std::nullopt, std::nullopt, std::nullopt);
    };
    EXPECT_EQ(pointsFait("Programmé"), 1.2);
    EXPECT_EQ(pointsFait("PROGRAMME"), 1.2);
    EXPECT_EQ(pointsFait(" programme "), 1.2);
    EXPECT_EQ(pointsFait("planned"), 1.2);
    EXPECT_EQ(pointsFait("fait"), 0.0);
}

TEST(Evaluer, DetailleWithoutFractionsUsesThePlatformDefault) {
    Plage ids = colonne({std::string("1.1.1.2")});  // 1.8 points
    Plage st = colonne({std::string("détaillé")});
    auto mesure = [&](const char* m, const Optionnel& d) {
        return eci::calc::score(ids, st, Plage(Cellule(std::string("1.1.1.2"))), Plage(Cellule(std::string(m))), d,
                                std::nullopt, std::nullopt);
    };
    EXPECT_EQ(mesure("fait", std::nullopt), 0.9);
    EXPECT_EQ(mesure("programme", std::nullopt), 0.45);
    Plage d(1, 3);
    d.at(0, 0) = 0.2; d.at(0, 1) = 0.3; d.at(0, 2) = 0.5;
    EXPECT_EQ(mesure("fait", d), 0.36);
    EXPECT_EQ(mesure("pas_fait", d), 0.9);
}

TEST(Evaluer, ShapesAreChecked) {
    Plage ids = colonne({std::string("1.1"), std::string("1.2")});
    Plage st = colonne({std::string("fait")});
    EXPECT_THROW(eci::calc::evaluer(ids, st, std::nullopt, std::nullopt, std::nullopt), ErreurArgument);
    Plage deux(2, 2);
    EXPECT_THROW(eci::calc::evaluer(deux, deux, std::nullopt, std::nullopt, std::nullopt), ErreurArgument);
    Plage vide;
    EXPECT_THROW(eci::calc::evaluer(vide, vide, std::nullopt, std::nullopt, std::nullopt), ErreurArgument);
    Plage enorme(eci::calc::kMaxLignes + 1, 1);
    EXPECT_THROW(eci::calc::evaluer(enorme, enorme, std::nullopt, std::nullopt, std::nullopt), ErreurArgument);
    Plage d(2, 2);
    Plage st2 = colonne({std::string("fait"), Cellule()});
    EXPECT_THROW(eci::calc::evaluer(ids, st2, d, std::nullopt, std::nullopt), ErreurArgument);
}

TEST(Evaluer, HundredThousandRowsAreAccepted) {
    Plage ids(eci::calc::kMaxLignes, 1), st(eci::calc::kMaxLignes, 1);
    ids.at(0, 0) = std::string("1.1.1.1");
    st.at(0, 0) = std::string("fait");
    ids.at(99999, 0) = std::string("5.1.1.1");
    Plage r = eci::calc::evaluer(ids, st, std::nullopt, std::nullopt, std::nullopt);
    EXPECT_EQ(r.lignes, eci::calc::kMaxLignes);
    EXPECT_EQ(std::get<double>(r.at(0, 2)), 1.2);
    EXPECT_TRUE(std::holds_alternative<double>(r.at(99999, 1)));
}

TEST(Contexte, UnknownKeysAndBadAnswersAreErrors) {
    Plage ids = colonne({std::string("1.1.1.1")});
    Plage st = colonne({std::string("fait")});
    auto evaluer = [&](const Plage& ctx) { return eci::calc::evaluer(ids, st, std::nullopt, ctx, std::nullopt); };
    EXPECT_THROW(evaluer(contexte({{"couleur", std::string("bleu")}})), ErreurArgument);
    EXPECT_THROW(evaluer(contexte({{"dechets_1", std::string("peut-être")}})), ErreurArgument);
    EXPECT_THROW(evaluer(contexte({{"type", std::string("département")}})), ErreurArgument);
    EXPECT_THROW(evaluer(contexte({{"population", std::string("beaucoup")}})), ErreurArgument);
    EXPECT_NO_THROW(evaluer(contexte({{"Déchets-1", std::string("oui")}, {"type", std::string("epci")}})));
    EXPECT_NO_THROW(evaluer(contexte({{"dechets_1", 1.0}})));  // a TRUE cell arrives as 1
}

TEST(Contexte, AnswersDriveDeactivation) {
    Cellule n22 = std::string("2.2");
    EXPECT_FALSE(eci::calc::desactive(n22, std::nullopt, std::nullopt));
    EXPECT_TRUE(eci::calc::desactive(n22, contexte({{"dechets_1", std::string("NON")}}), std::nullopt));
    EXPECT_TRUE(eci::calc::desactive(std::string("2.2.1.1"), contexte({{"dechets_1", std::string("NON")}}), std::nullopt));
    EXPECT_FALSE(eci::calc::desactive(n22, contexte({{"dechets_1", std::string("OUI")}}), std::nullopt));
    // 1.2.4 is off for every non-syndicat, on for a syndicat (§8.6).
    EXPECT_TRUE(eci::calc::desactive(std::string("1.2.4"), contexte({{"type", std::string("EPCI")}}), std::nullopt));
    EXPECT_FALSE(eci::calc::desactive(std::string("1.2.4"), contexte({{"soustype", std::string("Syndicat")}}), std::nullopt));
    EXPECT_THROW(eci::calc::desactive(std::string("7.7"), std::nullopt, std::nullopt), ErreurArgument);
}

TEST(Contexte, PopulationReduction) {
    // 3.7.1 goes 5 -> 15 points under 100 000 inhabitants.
    Plage ids = colonne({std::string("3.7.1")});
    Plage st = colonne({std::string("fait")});
    auto fait = [&](double pop) {
        return eci::calc::score(ids, st, Plage(Cellule(std::string("3.7.1"))), std::nullopt, std::nullopt,
                                contexte({{"population", pop}}), std::nullopt);
    };
    EXPECT_EQ(fait(50000), 15.0);
    EXPECT_EQ(fait(150000), 5.0);
}

TEST(Regle, ValuesAsCells) {
    Plage ctx = contexte({{"dechets_1", std::string("NON")}, {"type", std::string("commune")}, {"population", 5000.0}});
    EXPECT_EQ(std::get<double>(eci::calc::regle("reponse(dechets_1, NON)", ctx)), 1.0);
    EXPECT_EQ(std::get<double>(eci::calc::regle("reponse(dechets_1, OUI)", ctx)), 0.0);
    EXPECT_EQ(std::get<double>(eci::calc::regle("si identite(population, moins_de_100000) alors 1/3", ctx)), 1.0 / 3);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(eci::calc::regle("si identite(type, EPCI) alors 3", ctx)));
    EXPECT_THROW(eci::calc::regle("si alors", ctx), ErreurArgument);
    EXPECT_THROW(eci::calc::regle("1/0", ctx), ErreurArgument);
    // Any question id is accepted by ECI.REGLE (it may test other référentiels' rules).
    Plage autre = contexte({{"question_proportion", 0.7}});
    EXPECT_NEAR(std::get<double>(eci::calc::regle("reponse(question_proportion) - 0.2", autre)), 0.5, 1e-15);
    // A numeric answer that is no finite number (a program can pass one) is refused in words, not read as
    // an answer that makes every comparison false.
    for (double v : {std::nan(""), HUGE_VAL}) {
        try {
            eci::calc::regle("reponse(question_proportion) < 0.5", contexte({{"question_proportion", v}}));
            ADD_FAILURE() << "réponse non finie acceptée : " << v;
        } catch (const ErreurArgument& e) {
            EXPECT_NE(std::string(e.what()).find("question_proportion : un nombre fini est attendu"), std::string::npos)
                << e.what();
        }
    }
}

// A required id left blank is refused (not read as the whole référentiel, which is « eci »).
TEST(Fonctions, BlankRequiredIdIsRefused) {
    for (const Cellule& vide : {Cellule(), Cellule(std::string()), Cellule(std::string("  "))}) {
        EXPECT_THROW(eci::calc::points(vide, std::nullopt), ErreurArgument);
        EXPECT_THROW(eci::calc::libelle(vide, std::nullopt), ErreurArgument);
        EXPECT_THROW(eci::calc::desactive(vide, std::nullopt, std::nullopt), ErreurArgument);
    }
    EXPECT_EQ(eci::calc::points(std::string("eci"), std::nullopt), 500.0);
    EXPECT_EQ(eci::calc::libelle(std::string("eci"), std::nullopt), eci::Referentiel::eci()->noeud(0).nom);
}

TEST(Fonctions, PointsLibelleEtoilesEcart) {
    EXPECT_EQ(eci::calc::points(std::string("2.3.1"), std::nullopt), 6.667);
    EXPECT_EQ(eci::calc::points(1.0, std::nullopt), 90.0);
    EXPECT_EQ(eci::calc::points(std::string("eci_1.1.1.1"), std::nullopt), 1.2);
    EXPECT_EQ(eci::calc::libelle(std::string("1.1"), std::nullopt).rfind("Définir une stratégie globale", 0), 0u);
    EXPECT_THROW(eci::calc::points(std::string("1.9.9"), std::nullopt), ErreurArgument);
    EXPECT_EQ(eci::calc::etoiles(35), 2);
    EXPECT_EQ(eci::calc::etoiles(34.999), 1);
    EXPECT_THROW(eci::calc::etoiles(-1), ErreurArgument);
    EXPECT_EQ(eci::calc::etoiles(100), 5);
    EXPECT_THROW(eci::calc::etoiles(100.5), ErreurArgument);  // not a percentage: points?
    try {
        eci::calc::etoiles(1e308);
        ADD_FAILURE() << "1e308 % accepted";
    } catch (const ErreurArgument& e) {
        EXPECT_NE(std::string(e.what()).find("reçu 1e+308"), std::string::npos) << e.what();  // short, readable
    }
    EXPECT_EQ(eci::calc::ecart(3, 500, 500), 0.0);
    EXPECT_THROW(eci::calc::ecart(4, 2.5, 300), ErreurArgument);  // fait > potentiel: swapped arguments
    EXPECT_EQ(eci::calc::ecart(3, 500, 250), 0.0);
    EXPECT_EQ(eci::calc::ecart(3, 500, 240.5), 9.5);
    EXPECT_EQ(eci::calc::ecart(5, 440, 0), 330.0);
    EXPECT_EQ(eci::calc::ecart(2, 333.333, 100), 16.667);  // 116.667/333.333 = 35.0000..%
    EXPECT_GE((100 + eci::calc::ecart(2, 333.333, 100)) * 100 / 333.333, 35.0);
    EXPECT_LT((100 + eci::calc::ecart(2, 333.333, 100) - 0.001) * 100 / 333.333, 35.0);
    EXPECT_THROW(eci::calc::ecart(6, 500, 0), ErreurArgument);
    // found by fonctions_fuzz: a huge potentiel used to make the search loop forever
    EXPECT_THROW(eci::calc::ecart(2, 1e300, 0), ErreurArgument);
    EXPECT_THROW(eci::calc::ecart(5, 500, 1e300), ErreurArgument);
    EXPECT_THROW(eci::calc::ecart(2.5, 500, 0), ErreurArgument);
}

TEST(Verifier, ReportsEveryProblemInFrench) {
    Plage ids = colonne({std::string("1.1.1.1"), std::string("1.1.1.1"), std::string("9.9"), std::string("1.1.1.2"),
                         std::string("2.2.1.1"), std::string("1.1.1.3")});
    Plage st = colonne({std::string("fait"), std::string("fait"), std::string("fait"), std::string("n'importe"),
                        std::string("fait"), std::string("détaillé")});
    Plage d(6, 3);
    d.at(5, 0) = 0.5; d.at(5, 1) = 0.6; d.at(5, 2) = 0.1;
    Plage ctx = contexte({{"dechets_1", std::string("NON")}, {"inconnue", std::string("OUI")}});
    std::string r = eci::calc::verifier(ids, st, d, ctx, std::nullopt);
    EXPECT_NE(r.find("Ligne 2 : identifiant « 1.1.1.1 » en double (déjà ligne 1)"), std::string::npos) << r;
    EXPECT_NE(r.find("Ligne 3 : identifiant inconnu « 9.9 »"), std::string::npos) << r;
    EXPECT_NE(r.find("Ligne 4 : statut inconnu « n'importe »"), std::string::npos) << r;
    EXPECT_NE(r.find("Ligne 5 : statut « fait » sur 2.2.1.1, désactivé"), std::string::npos) << r;
    EXPECT_NE(r.find("Ligne 6 : les fractions détaillées font 1,2 au lieu de 1"), std::string::npos) << r;
    EXPECT_NE(r.find("clé « inconnue » inconnue"), std::string::npos) << r;
    Plage ok = colonne({std::string("1.1.1.1")});
    EXPECT_EQ(eci::calc::verifier(ok, colonne({std::string("fait")}), std::nullopt, std::nullopt, std::nullopt), "OK");
}

// A cell stays readable: 20 problems at most, then how many more; a long quoted text is shortened.
TEST(Verifier, LongReportsAreCut) {
    std::vector<Cellule> v;
    for (int k = 0; k < 25; ++k) v.push_back(std::string("9.") + std::to_string(k));
    v.push_back(std::string(5000, 'x'));
    const std::string r = eci::calc::verifier(colonne(v), colonne(std::vector<Cellule>(v.size(), Cellule())),
                                              std::nullopt, std::nullopt, std::nullopt);
    EXPECT_EQ(std::count(r.begin(), r.end(), '\n'), 20) << r;  // 20 problems + the summary line
    EXPECT_NE(r.find("Ligne 20 : identifiant inconnu « 9.19 »"), std::string::npos) << r;
    EXPECT_EQ(r.find("9.20"), std::string::npos) << r;
    EXPECT_NE(r.find("… et 6 autre(s) problème(s), 26 en tout"), std::string::npos) << r;
    EXPECT_LT(r.size(), 3000u);
    const std::string seul = eci::calc::verifier(colonne({std::string(5000, 'x')}), colonne({Cellule()}),
                                                 std::nullopt, std::nullopt, std::nullopt);
    EXPECT_LE(seul.size(), 310u) << seul.size();
    EXPECT_NE(seul.find("…"), std::string::npos);
}

TEST(Referentiel, RangeArgumentGivesTheSameScores) {
    // The CSV pasted in a sheet: header row then one row per node.
    auto ref = eci::Referentiel::eci();
    Plage rp(ref->taille() + 1, 5);
    rp.at(0, 0) = std::string("identifiant"); rp.at(0, 1) = std::string("niveau");
    rp.at(0, 2) = std::string("points"); rp.at(0, 3) = std::string("pourcentage");
    rp.at(0, 4) = std::string("desactivation");
    // Rebuild the source rows from the CSV (derived points are not a source).
    std::ifstream f(std::string(ECI_DATA_DIR) + "/referentiel-eci.csv");
    std::stringstream buf;
    buf << f.rdbuf();
    auto src = eci::Referentiel::depuisCsv(buf.str());
    std::size_t l = 1;
    for (const auto& n : src->noeuds()) {
        rp.at(l, 0) = n.identifiant;
        rp.at(l, 1) = n.type;
        if (n.pointsSource) rp.at(l, 2) = *n.pointsSource;
        if (n.pourcentageSource) rp.at(l, 3) = *n.pourcentageSource;
        if (n.regles >= 0) rp.at(l, 4) = src->regles()[(std::size_t)n.regles].desactivation;
        ++l;
    }
    // Axes keep their CSV points in the range: they are dropped like the platform does.
    rp.at((std::size_t)src->index("1") + 1, 2) = 90.0;
    Plage ids = colonne({std::string("1.2.1"), std::string("2.2.1.1")});
    Plage st = colonne({std::string("fait"), std::string("fait")});
    Plage ctx = contexte({{"type", std::string("EPCI")}});
    double a = eci::calc::score(ids, st, std::nullopt, std::nullopt, std::nullopt, ctx, std::nullopt);
    double b = eci::calc::score(ids, st, std::nullopt, std::nullopt, std::nullopt, ctx, rp);
    EXPECT_EQ(a, b);
    // 1.2.1 gets +4 (6 -> 10) from 1.2.4, off for an EPCI.
    EXPECT_EQ(a, 10 + eci::calc::points(std::string("2.2.1.1"), std::nullopt));
    // A broken range says why.
    Plage casse = rp;
    casse.at(0, 3) = std::string("pct");
    EXPECT_THROW(eci::calc::points(std::string("1"), casse), ErreurArgument);
    // Points that are no finite number (a NaN or an infinity, which a program can pass though no cell
    // holds one) are refused, the row named: they gave NaN points (found by fuzz/contexte_fuzz).
    const std::size_t ligne121 = static_cast<std::size_t>(src->index("1.2.1")) + 1;
    for (double v : {std::nan(""), HUGE_VAL, -HUGE_VAL}) {
        Plage infini = rp;
        infini.at(ligne121, 2) = v;
        try {
            eci::calc::points(std::string("1.2.1"), infini);
            ADD_FAILURE() << "points non finis acceptés : " << v;
        } catch (const ErreurArgument& e) {
            EXPECT_NE(std::string(e.what()).find("« points » doit être un nombre fini"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("ligne " + std::to_string(ligne121 + 1)), std::string::npos)
                << e.what();
        }
    }
    Plage texte = rp;  // a text too large for a double is not read as a number at all
    texte.at(ligne121, 2) = std::string("1e400");
    EXPECT_THROW(eci::calc::points(std::string("1.2.1"), texte), ErreurArgument);
}

// Random sheets: the function layer and the domain library agree on every node.
TEST(Evaluer, RandomSheetsAgreeWithTheDomainLibrary) {
    auto ref = eci::Referentiel::eci();
    std::mt19937 rng(12345);
    const char* statuts[] = {"fait", "programmé", "pas fait", "non concerné", "détaillé", "non renseigné", ""};
    const eci::StatutSaisi saisis[] = {eci::StatutSaisi::fait, eci::StatutSaisi::programme,
                                       eci::StatutSaisi::pasFait, eci::StatutSaisi::nonConcerne,
                                       eci::StatutSaisi::detaille, eci::StatutSaisi::nonRenseigne};
    for (int essai = 0; essai < 40; ++essai) {
        std::size_t n = ref->taille();
        Plage ids(n, 1), st(n, 1), d(n, 3);
        eci::EntreesCalcul e;
        e.statuts.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            ids.at(i, 0) = ref->noeud((int)i).id;
            int k = std::uniform_int_distribution<int>(0, 9)(rng);
            if (k > 6 || !ref->noeud((int)i).estSousActionOuTache()) k = 6;
            st.at(i, 0) = std::string(statuts[k]);
            if (k == 6) continue;
            std::optional<eci::Fractions> fr;
            if (k == 4) {
                double a = std::uniform_int_distribution<int>(0, 10)(rng) / 10.0;
                double b = std::uniform_int_distribution<int>(0, 10)(rng) / 10.0 * (1 - a);
                fr = eci::Fractions{a, b, 1 - a - b};
                for (std::size_t c = 0; c < 3; ++c) d.at(i, c) = (*fr)[c];
            }
            e.statuts[i] = eci::ligneStatut(saisis[k], fr);
        }
        bool d1 = rng() & 1, d2 = rng() & 1;
        Plage ctx = contexte({{"dechets_1", std::string(d1 ? "OUI" : "NON")}, {"dechets_2", std::string(d2 ? "OUI" : "NON")},
                              {"type", std::string("EPCI")}, {"population", 80000.0}});
        eci::regle::Contexte rc;
        rc.reponses.emplace();
        (*rc.reponses)["dechets_1"] = d1;
        (*rc.reponses)["dechets_2"] = d2;
        rc.identite.emplace();
        rc.identite->type = "EPCI";
        rc.identite->populationTags = eci::regle::tagsPopulation(80000);
        e.consequences = eci::consequences(*ref, rc);
        auto attendu = eci::calculerScores(*ref, e, eci::ParametresCalcul{});
        Plage r = eci::calc::evaluer(ids, st, d, ctx, std::nullopt);
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_EQ(std::get<double>(r.at(i, 1)), attendu[i].pointPotentiel) << i;
            ASSERT_EQ(std::get<double>(r.at(i, 2)), attendu[i].pointFait) << i;
            ASSERT_EQ(std::get<double>(r.at(i, 5)), attendu[i].pointNonRenseigne) << i;
        }
    }
}

}  // namespace

namespace {

// Calc passes a single empty cell given to an optional argument as the number 0.
TEST(Optionnels, ABlankSingleCellIsAnOmittedArgument) {
    Plage ids = colonne({std::string("1.1.1.1"), std::string("1.1.1.2")});
    Plage st = colonne({std::string("fait"), std::string("programmé")});
    // Calc passes a reference to one empty cell as the scalar 0; every optional ECI argument is
    // "vide": "defaut" in addin/fonctions.json, so the add-in reads that 0 as absent.
    const Optionnel zero = eci::calc::optionnel(Plage(Cellule(0.0)), true, eci::calc::Vide::defaut);
    const Optionnel blanc(Plage(Cellule(std::string("  "))));
    double attendu = eci::calc::score(ids, st, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
    EXPECT_EQ(attendu, 1.2);
    EXPECT_EQ(eci::calc::score(ids, st, zero, zero, zero, zero, zero), attendu);
    EXPECT_EQ(eci::calc::score(ids, st, blanc, blanc, blanc, blanc, blanc), attendu);
    EXPECT_EQ(eci::calc::score(ids, st, Plage(Cellule(std::string(""))), std::nullopt, std::nullopt, std::nullopt,
                               std::nullopt),
              attendu);
    Plage r = eci::calc::evaluer(ids, st, zero, zero, zero);
    EXPECT_EQ(std::get<double>(r.at(1, 3)), 1.8);
    EXPECT_EQ(eci::calc::verifier(ids, st, zero, zero, blanc), "OK");
    EXPECT_FALSE(eci::calc::desactive(std::string("2.2"), zero, blanc));
}

}  // namespace

namespace {

// The ids column is read fastest in the référentiel's order; any order and any accepted spelling
// (number cell, eci_ prefix, spaces) must give the same rows, and a changed status a new évaluation.
TEST(Evaluer, IdsEnToutOrdreEtToutesGraphies) {
    const Plage dansLOrdre = colonne({std::string("1.1.1.1"), std::string("1.1.1.2"), std::string("1.1.1.3")});
    const Plage desordre = colonne({std::string(" eci_1.1.1.3"), 1.1, std::string("1.1.1.1 ")});
    const Plage st = colonne({std::string("fait"), std::string("programmé"), std::string("pas fait")});
    const Plage stDesordre = colonne({std::string("pas fait"), std::string(""), std::string("fait")});
    const Plage a = eci::calc::evaluer(dansLOrdre, st, std::nullopt, std::nullopt, std::nullopt);
    const Plage b = eci::calc::evaluer(desordre, stDesordre, std::nullopt, std::nullopt, std::nullopt);
    for (std::size_t c = 0; c < 8; ++c) {
        EXPECT_EQ(b.at(0, c), a.at(2, c)) << c;  // 1.1.1.3, pas fait
        EXPECT_EQ(b.at(2, c), a.at(0, c)) << c;  // 1.1.1.1, fait
    }
    EXPECT_EQ(std::get<std::string>(b.at(1, 7)), "");  // the sous-axe 1.1: no status of its own
    const Plage tousFaits = colonne({std::string("fait"), std::string("fait"), std::string("fait")});
    const Plage c = eci::calc::evaluer(dansLOrdre, tousFaits, std::nullopt, std::nullopt, std::nullopt);
    EXPECT_GT(std::get<double>(c.at(1, 2)), std::get<double>(a.at(1, 2)));  // 1.1.1.2 now fait
}

}  // namespace
