// The référentiel functions (ECI.*) through a real headless Calc: the full-référentiel
// vectors of tests/vectors/scoring-vectors.json typed as a user would, random sheets checked
// against the domain library linked in-process (eci_core), bad input, and names.
//
// Sheet layout of a "full" sheet (n rows):
//   A ids | B statuts | C:E fractions (détaillé rows) | G:H contexte (key / value, 11 rows)
//   J:Q  =ECI.EVALUER(A;B;C:E;G:H)  (one array formula, n x 8)
//   S1.. ECI.SCORE of the root and ECI.ETOILES
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "eci/calc/fonctions.hpp"
#include "eci/personnalisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/regle.hpp"
#include "eci/score.hpp"
#include "office.hpp"

using namespace eci::test;
using nlohmann::json;

namespace {

constexpr int kErrIllegalArgument = 502;
const char* const kQuestions[] = {"dechets_1", "dechets_2", "dechets_3", "dev_eco_1", "formation", "REOM", "SPASER"};
constexpr std::size_t kLignesContexte = 11;  // type, soustype, population, drom + 7 answers

const json& vecteurs() {
    static const json v = [] {
        std::ifstream f(ECI_VECTORS_PATH);
        return json::parse(f);
    }();
    return v;
}

std::vector<const json*> casEciComplets() {
    std::vector<const json*> out;
    for (const json& c : vecteurs()) {
        const std::string kind = c.contains("kind") ? c["kind"].get<std::string>() : "scoring";
        if (kind == "scoring" && c["name"].get<std::string>().rfind("eci_full_", 0) == 0) out.push_back(&c);
    }
    return out;
}

// A population whose tags are exactly `tags` (as in tests/unit/test_fonctions.cpp).
double populationPour(const std::vector<std::string>& tags) {
    for (double p : {1000.0, 4000.0, 8000.0, 15000.0, 30000.0, 70000.0, 200000.0, 500000.0, 1000000.0})
        if (eci::regle::tagsPopulation(p) == tags) return p;
    ADD_FAILURE() << "no population for these tags";
    return 0;
}

long long milliemes(double x) { return std::llround(x * 1000); }

double nombre(const Value& v, const std::string& ou) {
    if (const double* d = std::get_if<double>(&v)) return *d;
    ADD_FAILURE() << ou << ": a number was expected, got " << v;
    return std::nan("");
}

std::string texteDe(const Value& v) {
    if (const std::string* s = std::get_if<std::string>(&v)) return *s;
    return std::string();
}

std::string colonne(int c) {  // 0 -> A
    std::string s;
    for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
}

std::string plage(int c0, int l0, int c1, int l1) {
    return colonne(c0) + std::to_string(l0) + ":" + colonne(c1) + std::to_string(l1);
}

// Displayed status of a record, from the library's platform key.
std::string statutAffiche(const eci::ScoreNoeud& s) {
    static const std::map<std::string, std::string> fr = {
        {"fait", "fait"}, {"programme", "programmé"}, {"pas_fait", "pas fait"}, {"non_renseigne", "non renseigné"},
        {"detaille", "détaillé"}, {"non_concerne", "non concerné"}, {"non_renseignable", "non renseignable"},
        {"detaille_a_la_tache", "détaillé à la tâche"}};
    if (!s.aStatut) return (!s.concerne || s.desactive) ? "non concerné" : "";
    if (s.statut == eci::Statut::aucun) return "non renseigné";
    return fr.at(eci::nomStatut(s.statut));
}

// ---------------------------------------------------------------------------------------------
// A full sheet: rows A:E in référentiel order (then permuted), the context G:H.

struct Feuille {
    std::vector<Row> lignes;    // one per node (référentiel order): id, statut, fait, programmé, pas fait
    std::vector<Row> contexte;  // kLignesContexte rows of key / value
    std::vector<int> ordre;     // ordre[r] = node written on sheet row r (0-based)
};

// Writes the sheet from row 1 and sets the formulas. n = number of rows.
void ecrire(Sheet& s, const Feuille& f) {
    std::vector<Row> rows;
    for (int i : f.ordre) rows.push_back(f.lignes[static_cast<std::size_t>(i)]);
    s.setValues("A1", rows);
    s.setValues("G1", f.contexte);
}

std::string args(std::size_t n) {
    const std::string N = std::to_string(n);
    return "A1:A" + N + ";B1:B" + N;
}
std::string argsOptionnels(std::size_t n) {
    const std::string N = std::to_string(n), C = std::to_string(kLignesContexte);
    return "C1:E" + N + ";G1:H" + C;
}

void formules(Sheet& s, std::size_t n) {
    s.setArrayFormula(plage(9, 1, 16, static_cast<int>(n)),  // J1:Q<n>
                      "=ECI.EVALUER(" + args(n) + ";" + argsOptionnels(n) + ")");
    s.setFormula("S1", "=ECI.SCORE(" + args(n) + ";;\"fait\";" + argsOptionnels(n) + ")");
    s.setFormula("S2", "=ECI.SCORE(" + args(n) + ";\"eci\";\"potentiel\";" + argsOptionnels(n) + ")");
    s.setFormula("S3", "=ECI.SCORE(" + args(n) + ";;\"pourcentage\";" + argsOptionnels(n) + ")");
    s.setFormula("S4", "=ECI.SCORE(" + args(n) + ";;\"taches\";" + argsOptionnels(n) + ")");
    s.setFormula("S5", "=ECI.ETOILES(S3)");
    // The programmatic name, as stored in ODS files.
    s.setFormula("S6", "=FR.ADEME.ECI.FONCTIONS.ECISCORE(" + args(n) + ";;\"pourcentage\";" + argsOptionnels(n) + ")");
}

// Id cell of node i as a user types it. forme: 0 text "1.1.1", 1 platform "eci_1.1.1",
// 2 axes as numbers, the rest as text. The root is "eci".
Value idCellule(const eci::Noeud& n, int forme) {
    if (n.identifiant.empty()) return std::string("eci");
    if (forme == 1) return n.id;
    if (forme == 2 && n.identifiant.find('.') == std::string::npos) return std::stod(n.identifiant);
    return n.identifiant;
}

// The sheet for one full-référentiel vector.
Feuille feuilleVecteur(const json& cas, int formeIds, bool inverse) {
    auto ref = eci::Referentiel::eci();
    const std::size_t n = ref->taille();
    Feuille f;
    for (std::size_t i = 0; i < n; ++i)
        f.lignes.push_back(Row{idCellule(ref->noeud(static_cast<int>(i)), formeIds), Blank{}, Blank{}, Blank{}, Blank{}});
    for (auto it = cas["inputs"]["statuts"].begin(); it != cas["inputs"]["statuts"].end(); ++it) {
        const int i = ref->index(it.key());
        if (i < 0) {
            ADD_FAILURE() << "unknown id in the vector: " << it.key();
            continue;
        }
        const std::string av = it.value()["avancement"].get<std::string>();
        const bool concerne = it.value()["concerne"].get<bool>();
        const std::string texte = !concerne             ? "non concerné"
                                  : av == "fait"        ? "Fait"
                                  : av == "programme"   ? "programmé"
                                  : av == "pas_fait"    ? "pas fait"
                                  : av == "detaille"    ? "détaillé"
                                                        : "non renseigné";
        Row& r = f.lignes[static_cast<std::size_t>(i)];
        r[1] = texte;
        if (av == "detaille" && it.value()["avancementDetaille"].is_array())
            for (std::size_t k = 0; k < 3; ++k) r[2 + k] = it.value()["avancementDetaille"][k].get<double>();
    }
    const json& perso = cas["inputs"]["personnalisation"];
    const json& id = perso["identite"];
    f.contexte.push_back(Row{std::string("type"), id["type"].get<std::string>()});
    f.contexte.push_back(Row{std::string("soustype"),
                             id["soustype"].is_string() ? Value(id["soustype"].get<std::string>()) : Value(Blank{})});
    f.contexte.push_back(Row{std::string("population"),
                             populationPour(id["populationTags"].get<std::vector<std::string>>())});
    f.contexte.push_back(Row{std::string("drom"), std::string(id["drom"].get<bool>() ? "OUI" : "NON")});
    for (const char* q : kQuestions) {
        const json& r = perso["reponses"];
        f.contexte.push_back(
            Row{std::string(q), r.contains(q) ? Value(std::string(r[q].get<bool>() ? "OUI" : "NON")) : Value(Blank{})});
    }
    for (std::size_t i = 0; i < n; ++i) f.ordre.push_back(static_cast<int>(i));
    if (inverse) std::reverse(f.ordre.begin(), f.ordre.end());
    return f;
}

// ---------------------------------------------------------------------------------------------
// Random sheets (drawn like the vectors) and what the domain library says of them.

struct Tirage {
    Feuille feuille;
    eci::EntreesCalcul entrees;
    eci::regle::Contexte contexte;
};

template <class T, std::size_t N>
const T& unDe(std::mt19937& rng, const T (&v)[N]) {
    return v[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

Tirage tirer(std::mt19937& rng) {
    auto ref = eci::Referentiel::eci();
    const std::size_t n = ref->taille();
    Tirage t;
    t.entrees.statuts.resize(n);
    // Statuts as typed by users (case, accents and aliases vary).
    static const char* const fait[] = {"Fait", "fait", "FAIT", "done"};
    static const char* const programme[] = {"programmé", "Programmé", "programme", "planned"};
    static const char* const pasFait[] = {"pas fait", "Pas fait", "pas_fait"};
    static const char* const nonConcerne[] = {"non concerné", "Non concerné", "non concerne"};
    static const char* const detaille[] = {"détaillé", "Détaillé", "detaille"};
    static const char* const nonRenseigne[] = {"non renseigné"};
    const bool dense = rng() % 2;  // many statuses, or a few as in the early life of a sheet
    for (std::size_t i = 0; i < n; ++i) {
        const eci::Noeud& nd = ref->noeud(static_cast<int>(i));
        const int forme = std::uniform_int_distribution<int>(0, 2)(rng);
        Row r{idCellule(nd, forme), Blank{}, Blank{}, Blank{}, Blank{}};
        int k = std::uniform_int_distribution<int>(0, dense ? 8 : 20)(rng);
        if (!nd.estSousActionOuTache() || k > 5) k = -1;
        std::optional<eci::Fractions> fr;
        switch (k) {
            case 0: r[1] = std::string(unDe(rng, fait)); break;
            case 1: r[1] = std::string(unDe(rng, programme)); break;
            case 2: r[1] = std::string(unDe(rng, pasFait)); break;
            case 3: r[1] = std::string(unDe(rng, nonConcerne)); break;
            case 4: {
                r[1] = std::string(unDe(rng, detaille));
                if (rng() % 5) {  // else: no fractions, the platform default
                    const double a = std::uniform_int_distribution<int>(0, 10)(rng) / 10.0;
                    const double b = std::uniform_int_distribution<int>(0, 10)(rng) / 10.0 * (1 - a);
                    fr = eci::Fractions{a, b, 1 - a - b};
                    for (std::size_t c = 0; c < 3; ++c) r[2 + c] = (*fr)[c];
                }
                break;
            }
            case 5: r[1] = std::string(unDe(rng, nonRenseigne)); break;
            default: break;
        }
        static const eci::StatutSaisi saisis[] = {eci::StatutSaisi::fait, eci::StatutSaisi::programme,
                                                  eci::StatutSaisi::pasFait, eci::StatutSaisi::nonConcerne,
                                                  eci::StatutSaisi::detaille, eci::StatutSaisi::nonRenseigne};
        if (k >= 0) t.entrees.statuts[i] = eci::ligneStatut(saisis[k], fr);
        t.feuille.lignes.push_back(r);
    }
    // Identity and answers.
    eci::regle::Identite ident;
    const bool epci = rng() % 3 != 0;
    ident.type = epci ? "EPCI" : "commune";
    t.feuille.contexte.push_back(Row{std::string("type"), std::string(epci ? (rng() % 2 ? "EPCI" : "epci") : "Commune")});
    static const char* const soustypes[] = {"", "epci_a_fiscalite_propre", "syndicat", "pole"};
    const std::string st = epci ? unDe(rng, soustypes) : "";
    if (!st.empty()) ident.soustype = st;
    t.feuille.contexte.push_back(Row{std::string("soustype"), st.empty() ? Value(Blank{}) : Value(st)});
    if (rng() % 6) {
        const double pop = std::uniform_int_distribution<int>(300, 1500000)(rng);
        ident.populationTags = eci::regle::tagsPopulation(pop);
        t.feuille.contexte.push_back(Row{std::string("population"), pop});
    } else {
        t.feuille.contexte.push_back(Row{std::string("population"), Blank{}});
    }
    const int drom = std::uniform_int_distribution<int>(0, 2)(rng);
    if (drom < 2) ident.drom = drom == 0;
    t.feuille.contexte.push_back(
        Row{std::string("drom"), drom == 2 ? Value(Blank{}) : Value(std::string(drom == 0 ? "OUI" : "NON"))});
    t.contexte.reponses.emplace();
    for (const char* q : kQuestions) {
        const int rep = std::uniform_int_distribution<int>(0, 2)(rng);
        if (rep < 2) (*t.contexte.reponses)[q] = rep == 0;
        t.feuille.contexte.push_back(
            Row{std::string(q), rep == 2 ? Value(Blank{}) : Value(std::string(rep == 0 ? "OUI" : "NON"))});
    }
    t.contexte.identite = ident;
    t.entrees.consequences = eci::consequences(*ref, t.contexte);
    for (std::size_t i = 0; i < n; ++i) t.feuille.ordre.push_back(static_cast<int>(i));
    std::shuffle(t.feuille.ordre.begin(), t.feuille.ordre.end(), rng);
    return t;
}

std::vector<eci::ScoreNoeud> selonLaBibliotheque(const Tirage& t) {
    auto ref = eci::Referentiel::eci();
    eci::ParametresCalcul p;
    p.niveauAction = ref->niveauAction();
    return eci::calculerScores(*ref, t.entrees, p);
}

}  // namespace

// =============================================================================================
// The full-référentiel vectors, typed as a user would.

TEST_F(CalcTest, EciFullVectorsThroughOneEvaluerArrayFormula) {
    auto ref = eci::Referentiel::eci();
    const std::size_t n = ref->taille();
    ASSERT_EQ(n, 368u);
    const auto cas = casEciComplets();
    ASSERT_EQ(cas.size(), 3u);
    static const std::map<std::string, std::string> statutsFr = {
        {"fait", "fait"}, {"programme", "programmé"}, {"pas_fait", "pas fait"}, {"detaille", "détaillé"},
        {"non_concerne", "non concerné"}, {"non_renseignable", "non renseignable"},
        {"detaille_a_la_tache", "détaillé à la tâche"}};
    for (std::size_t k = 0; k < cas.size(); ++k) {
        const json& c = *cas[k];
        // Case 0: ids as text "1.1.1.1"; case 1: platform ids "eci_1.1"; case 2: axes typed as
        // numbers, rows in reverse order.
        SCOPED_TRACE(c["name"].get<std::string>() + " (ids form " + std::to_string(k) + ")");
        Sheet s;
        const Feuille f = feuilleVecteur(c, static_cast<int>(k), k == 2);
        ecrire(s, f);
        formules(s, n);
        s.recalc();
        ASSERT_EQ(s.error("J1"), 0);
        const auto r = s.values("J1:Q" + std::to_string(n));
        ASSERT_EQ(r.size(), n);
        std::vector<std::size_t> ligneDe(n);
        for (std::size_t l = 0; l < n; ++l) ligneDe[static_cast<std::size_t>(f.ordre[l])] = l;

        const json& att = c["expected"]["nodes"];
        static const char* const champs[] = {"pointReferentiel", "pointFait",  "pointPotentiel",
                                             "pointProgramme",   "pointPasFait", "pointNonRenseigne"};
        static const int colonnes[] = {0, 2, 1, 3, 4, 5};
        int compares = 0;
        for (auto it = att.begin(); it != att.end(); ++it) {
            const int i = ref->index(it.key());
            ASSERT_GE(i, 0) << it.key();
            const Row& row = r[ligneDe[static_cast<std::size_t>(i)]];
            const json& a = it.value();
            for (std::size_t ch = 0; ch < 6; ++ch) {
                const double v = nombre(row[static_cast<std::size_t>(colonnes[ch])], it.key());
                EXPECT_EQ(milliemes(v), milliemes(a[champs[ch]].get<double>())) << it.key() << " " << champs[ch];
            }
            const double pot = a["pointPotentiel"].get<double>();
            const double pct = pot ? a["pointFait"].get<double>() / pot * 100
                                   : a["faitTachesAvancement"].get<double>() / a["totalTachesCount"].get<double>() * 100;
            EXPECT_EQ(milliemes(nombre(row[6], it.key())), milliemes(pct)) << it.key() << " % fait";
            if (a.contains("statut")) {
                const std::string attendu =
                    a["statut"].is_null() ? "non renseigné" : statutsFr.at(a["statut"].get<std::string>());
                EXPECT_EQ(texteDe(row[7]), attendu) << it.key();
            }
            ++compares;
        }
        EXPECT_EQ(compares, 368);

        // ECI.SCORE of the root, the stars.
        const json& racine = att["eci"];
        for (const char* cell : {"S1", "S2", "S3", "S4", "S5", "S6"}) EXPECT_EQ(s.error(cell), 0) << cell;
        EXPECT_EQ(milliemes(s.value("S1")), milliemes(racine["pointFait"].get<double>()));
        EXPECT_EQ(milliemes(s.value("S2")), milliemes(racine["pointPotentiel"].get<double>()));
        EXPECT_EQ(milliemes(s.value("S3")),
                  milliemes(racine["pointFait"].get<double>() / racine["pointPotentiel"].get<double>() * 100));
        EXPECT_EQ(s.value("S4"), racine["totalTachesCount"].get<double>());
        EXPECT_EQ(s.value("S5"), racine["etoiles"].get<double>());
        EXPECT_EQ(s.value("S6"), s.value("S3"));
    }
}

// =============================================================================================
// Random sheets: Calc through the add-in gives exactly what the library gives.

TEST_F(CalcTest, EciRandomSheetsAgreeWithTheDomainLibrary) {
    auto ref = eci::Referentiel::eci();
    const std::size_t n = ref->taille();
    std::mt19937 rng(20240611);
    formules(sheet, n);
    const int essais = 20;
    int statutsVus = 0;
    for (int essai = 0; essai < essais; ++essai) {
        SCOPED_TRACE("random sheet " + std::to_string(essai));
        const Tirage t = tirer(rng);
        const auto attendu = selonLaBibliotheque(t);
        ecrire(sheet, t.feuille);
        sheet.recalc();
        ASSERT_EQ(sheet.error("J1"), 0);
        const auto r = sheet.values("J1:Q" + std::to_string(n));
        ASSERT_EQ(r.size(), n);
        for (std::size_t l = 0; l < n && !HasFailure(); ++l) {  // stop at the first wrong row
            const std::size_t i = static_cast<std::size_t>(t.feuille.ordre[l]);
            const eci::ScoreNoeud& a = attendu[i];
            const Row& row = r[l];
            const std::string& id = ref->noeud(static_cast<int>(i)).id;
            if (a.pointReferentiel) EXPECT_EQ(nombre(row[0], id), *a.pointReferentiel) << id;
            else EXPECT_TRUE(std::holds_alternative<Blank>(row[0])) << id;
            EXPECT_EQ(nombre(row[1], id), a.pointPotentiel) << id;
            EXPECT_EQ(nombre(row[2], id), a.pointFait) << id;
            EXPECT_EQ(nombre(row[3], id), a.pointProgramme) << id;
            EXPECT_EQ(nombre(row[4], id), a.pointPasFait) << id;
            EXPECT_EQ(nombre(row[5], id), a.pointNonRenseigne) << id;
            EXPECT_EQ(nombre(row[6], id), eci::ratioFait(a) * 100) << id;
            EXPECT_EQ(texteDe(row[7]), statutAffiche(a)) << id;
            if (a.aStatut && a.statut != eci::Statut::aucun) ++statutsVus;
        }
        const eci::ScoreNoeud& racine = attendu[0];
        EXPECT_EQ(sheet.error("S1"), 0);
        EXPECT_EQ(sheet.value("S1"), racine.pointFait);
        EXPECT_EQ(sheet.value("S2"), racine.pointPotentiel);
        EXPECT_EQ(sheet.value("S3"), eci::ratioFait(racine) * 100);
        EXPECT_EQ(sheet.value("S4"), static_cast<double>(racine.totalTachesCount));
        EXPECT_EQ(sheet.value("S5"), static_cast<double>(eci::etoiles(racine.pointFait, racine.pointPotentiel)));
        EXPECT_EQ(sheet.value("S6"), sheet.value("S3"));
    }
    EXPECT_GT(statutsVus, essais * 10);  // the draws did put statuses on the sheets
    EXPECT_TRUE(Office::instance().alive());
}

// The name stored in ODS files (service.method, upper-cased) computes like ECI.SCORE.
TEST_F(CalcTest, EciProgrammaticScoreNameComputesLikeEciScore) {
    std::mt19937 rng(77);
    Tirage t = tirer(rng);
    while (selonLaBibliotheque(t)[0].pointFait == 0) t = tirer(rng);
    const auto attendu = selonLaBibliotheque(t);
    const std::size_t n = t.feuille.lignes.size();
    ecrire(sheet, t.feuille);
    for (const char* mesure : {"fait", "potentiel", "pourcentage"}) {
        SCOPED_TRACE(mesure);
        const std::string suite = ";;\"" + std::string(mesure) + "\";" + argsOptionnels(n) + ")";
        sheet.setFormula("U1", "=FR.ADEME.ECI.FONCTIONS.ECISCORE(" + args(n) + suite);
        sheet.setFormula("U2", "=ECI.SCORE(" + args(n) + suite);
        sheet.setFormula("U3", "=fr.ademe.eci.Fonctions.eciScore(" + args(n) + suite);
        sheet.recalc();
        EXPECT_EQ(sheet.formula("U2").rfind("=FR.ADEME.ECI.FONCTIONS.ECISCORE(", 0), 0u) << sheet.formula("U2");
        for (const char* c : {"U1", "U2", "U3"}) ASSERT_EQ(sheet.error(c), 0) << c;
        EXPECT_EQ(sheet.value("U1"), sheet.value("U2"));
        EXPECT_EQ(sheet.value("U3"), sheet.value("U2"));
        const double lib = std::string(mesure) == "fait"        ? attendu[0].pointFait
                           : std::string(mesure) == "potentiel" ? attendu[0].pointPotentiel
                                                                : eci::ratioFait(attendu[0]) * 100;
        EXPECT_EQ(sheet.value("U1"), lib);
    }
}

// =============================================================================================
// Bad input

TEST_F(CalcTest, EciUnknownIdOrStatutIsReportedInItsRow) {
    sheet.setColumn("A1", {std::string("1.1.1.1"), std::string("9.9.9"), std::string("1.1.1.2"), std::string("1.1.1.3")});
    sheet.setColumn("B1", {std::string("fait"), std::string("fait"), std::string("à moitié"), std::string("Programmé")});
    sheet.setArrayFormula("F1:M4", "=ECI.EVALUER(A1:A4;B1:B4)");
    sheet.setFormula("O1", "=ECI.SCORE(A1:A4;B1:B4)");
    sheet.setFormula("O2", "=SUMPRODUCT(ISNUMBER(F2:L3))");
    sheet.setFormula("O3", "=SUMPRODUCT(ISNUMBER(F1:L1))");
    sheet.recalc();
    ASSERT_EQ(sheet.error("F1"), 0);
    const auto r = sheet.values("F1:M4");
    ASSERT_EQ(r.size(), 4u);
    const double pts1111 = eci::calc::points(std::string("1.1.1.1"), std::nullopt);
    const double pts1113 = eci::calc::points(std::string("1.1.1.3"), std::nullopt);
    EXPECT_EQ(nombre(r[0][2], "row 1"), pts1111);  // points faits
    EXPECT_EQ(texteDe(r[0][7]), "fait");
    EXPECT_EQ(nombre(r[3][3], "row 4"), pts1113);  // points programmés
    EXPECT_EQ(texteDe(r[3][7]), "programmé");
    // "Nothing in the others": Calc shows empty cells (void elements of the array result; note
    // that getDataArray and COUNT see such elements as 0, a Calc behaviour).
    for (int l : {2, 3}) {
        for (int c = 5; c < 12; ++c) {
            const std::string cell = colonne(c) + std::to_string(l);
            EXPECT_EQ(sheet.text(cell), "") << cell;
            EXPECT_EQ(sheet.error(cell), 0) << cell;
        }
    }
    EXPECT_EQ(sheet.value("O2"), 0.0);  // no number among the cells of rows 2-3
    EXPECT_EQ(sheet.value("O3"), 7.0);  // row 1 has its 7 numbers
    EXPECT_EQ(texteDe(r[1][7]).rfind("identifiant inconnu", 0), 0u) << r[1][7];
    EXPECT_NE(texteDe(r[1][7]).find("9.9.9"), std::string::npos) << r[1][7];
    EXPECT_EQ(texteDe(r[2][7]).rfind("statut inconnu", 0), 0u) << r[2][7];
    EXPECT_NE(texteDe(r[2][7]).find("à moitié"), std::string::npos) << r[2][7];
    // ECI.SCORE refuses such a sheet.
    EXPECT_EQ(sheet.error("O1"), kErrIllegalArgument);
    EXPECT_TRUE(Office::instance().alive());
}

TEST_F(CalcTest, EciRangesOfDifferentHeightsAreErr502) {
    sheet.setColumn("A1", {std::string("1.1.1.1"), std::string("1.1.1.2"), std::string("1.1.1.3")});
    sheet.setColumn("B1", {std::string("fait"), std::string("fait"), std::string("fait")});
    sheet.setArrayFormula("F1:M3", "=ECI.EVALUER(A1:A3;B1:B2)");
    sheet.setFormula("O1", "=ECI.SCORE(A1:A3;B1:B2)");
    sheet.setFormula("O2", "=ECI.SCORE(A1:A3;B1:B3;;;C1:E2)");  // details one row short
    sheet.setFormula("O3", "=ECI.SCORE(A1:A3;B1:B3)");           // the same sheet, well formed
    sheet.recalc();
    EXPECT_EQ(sheet.error("F1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("O1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("O2"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("O3"), 0);
    double troisTaches = 0;
    for (const char* t : {"1.1.1.1", "1.1.1.2", "1.1.1.3"}) troisTaches += eci::calc::points(std::string(t), std::nullopt);
    EXPECT_EQ(milliemes(sheet.value("O3")), milliemes(troisTaches));
}

TEST_F(CalcTest, EciEtoilesOfATextAndBrokenRulesAreErrors) {
    sheet.setValue("A1", std::string("beaucoup"));
    sheet.setFormula("B1", "=ECI.ETOILES(A1)");
    sheet.setFormula("B2", "=ECI.ETOILES(\"cinquante\")");
    sheet.setFormula("B3", "=ECI.ETOILES(-5)");
    sheet.setFormula("B4", "=ECI.ETOILES(80)");
    sheet.setValues("G1", {Row{std::string("dechets_1"), std::string("NON")}});
    sheet.setFormula("C1", "=ECI.REGLE(\"si alors\")");
    sheet.setFormula("C2", "=ECI.REGLE(\"reponse(dechets_1, NON\";G1:H1)");  // unbalanced parenthesis
    sheet.setFormula("C3", "=ECI.REGLE(\"1/0\")");
    sheet.setFormula("C4", "=ECI.REGLE(\"reponse(dechets_1, NON)\";G1:H1)");
    sheet.recalc();
    EXPECT_NE(sheet.error("B1"), 0);
    EXPECT_NE(sheet.error("B2"), 0);
    EXPECT_EQ(sheet.error("B3"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("B4"), 0);
    EXPECT_EQ(sheet.value("B4"), eci::calc::etoiles(80));
    EXPECT_EQ(sheet.error("C1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("C2"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("C3"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("C4"), 0);
    EXPECT_EQ(sheet.value("C4"), 1.0);  // VRAI comes back as 1
    EXPECT_TRUE(Office::instance().alive());
}

TEST_F(CalcTest, EciUnknownContextKeyIsErr502AndVerifierNamesIt) {
    sheet.setColumn("A1", {std::string("1.1.1.1"), std::string("2.2.1.1")});
    sheet.setColumn("B1", {std::string("fait"), std::string("fait")});
    sheet.setValues("G1", {Row{std::string("type"), std::string("EPCI")}, Row{std::string("couleur"), std::string("bleu")}});
    sheet.setValues("G4", {Row{std::string("type"), std::string("EPCI")}});
    sheet.setFormula("D1", "=ECI.SCORE(A1:A2;B1:B2;;;;G1:H2)");
    sheet.setArrayFormula("J1:Q2", "=ECI.EVALUER(A1:A2;B1:B2;;G1:H2)");
    sheet.setFormula("D2", "=ECI.VERIFIER(A1:A2;B1:B2;;G1:H2)");
    sheet.setFormula("D3", "=ECI.DESACTIVE(\"2.2\";G1:H2)");
    sheet.setFormula("D4", "=ECI.SCORE(A1:A2;B1:B2;;;;G4:H4)");  // without the bad key
    sheet.recalc();
    EXPECT_EQ(sheet.error("D1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("J1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("D3"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("D2"), 0);
    EXPECT_NE(sheet.text("D2").find("clé « couleur » inconnue"), std::string::npos) << sheet.text("D2");
    EXPECT_EQ(sheet.error("D4"), 0);
    eci::calc::Plage ids(2, 1), st(2, 1), ctx(1, 2);
    ids.at(0, 0) = std::string("1.1.1.1");
    ids.at(1, 0) = std::string("2.2.1.1");
    st.at(0, 0) = st.at(1, 0) = std::string("fait");
    ctx.at(0, 0) = std::string("type");
    ctx.at(0, 1) = std::string("EPCI");
    EXPECT_EQ(sheet.value("D4"), eci::calc::score(ids, st, std::nullopt, std::nullopt, std::nullopt, ctx, std::nullopt));
}

TEST_F(CalcTest, EciVerifierReportsDuplicatesAndBadFractionsInFrench) {
    sheet.setValues("A1", {
                              Row{std::string("1.1.1.1"), std::string("fait"), Blank{}, Blank{}, Blank{}},
                              Row{std::string("1.1.1.1"), std::string("programmé"), Blank{}, Blank{}, Blank{}},
                              Row{std::string("1.1.1.3"), std::string("détaillé"), 0.5, 0.6, 0.1},
                              Row{std::string("1.1.1.2"), std::string("détaillé"), 0.2, 0.3, 0.5},
                          });
    sheet.setFormula("G1", "=ECI.VERIFIER(A1:A4;B1:B4;C1:E4)");
    sheet.setFormula("G2", "=ECI.VERIFIER(A3:A4;B3:B4;C3:E4)");  // without the duplicate
    sheet.setFormula("G3", "=ECI.VERIFIER(A4:A4;B4:B4;C4:E4)");  // a clean row
    sheet.recalc();
    const std::string v = sheet.text("G1");
    EXPECT_EQ(sheet.error("G1"), 0);
    EXPECT_NE(v.find("Ligne 2 : identifiant « 1.1.1.1 » en double (déjà ligne 1)"), std::string::npos) << v;
    EXPECT_NE(v.find("Ligne 3 : les fractions détaillées font 1,2 au lieu de 1"), std::string::npos) << v;
    EXPECT_EQ(v.find("Ligne 4"), std::string::npos) << v;
    const std::string v2 = sheet.text("G2");
    EXPECT_EQ(v2.find("en double"), std::string::npos) << v2;
    EXPECT_NE(v2.find("Ligne 1 : les fractions détaillées font 1,2 au lieu de 1"), std::string::npos) << v2;
    EXPECT_EQ(sheet.text("G3"), "OK");
}

// 100 000 rows: the référentiel split between the top and the bottom of the range, blank rows
// between. ECI.SCORE over the whole range returns a number (the library's), ECI.EVALUER over a
// few rows of the same sheet works.
TEST_F(CalcTest, EciScoreOverHundredThousandRows) {
    const std::size_t n = 100000;
    std::mt19937 rng(5);
    Tirage t = tirer(rng);
    while (selonLaBibliotheque(t)[0].pointFait == 0) t = tirer(rng);
    const auto attendu = selonLaBibliotheque(t);
    const std::size_t m = t.feuille.lignes.size();
    std::vector<Row> rows(n, Row{Blank{}, Blank{}, Blank{}, Blank{}, Blank{}});
    for (std::size_t l = 0; l < m; ++l) {
        const std::size_t ligne = l < m / 2 ? l : n - m + l;  // half at the top, half at the bottom
        rows[ligne] = t.feuille.lignes[static_cast<std::size_t>(t.feuille.ordre[l])];
    }
    sheet.setValues("A1", rows);
    sheet.setValues("G1", t.feuille.contexte);
    const std::string N = std::to_string(n);
    sheet.setFormula("S1", "=ECI.SCORE(A1:A" + N + ";B1:B" + N + ";;;C1:E" + N + ";G1:H11)");
    sheet.setFormula("S2", "=ECI.SCORE(A1:A" + N + ";B1:B" + N + ";;\"pourcentage\";C1:E" + N + ";G1:H11)");
    sheet.setArrayFormula("J1:Q5", "=ECI.EVALUER(A1:A5;B1:B5;C1:E5;G1:H11)");
    sheet.recalc();
    ASSERT_TRUE(Office::instance().alive());
    ASSERT_EQ(sheet.error("S1"), 0);
    EXPECT_EQ(sheet.value("S1"), attendu[0].pointFait);
    EXPECT_GT(sheet.value("S1"), 0.0);
    EXPECT_EQ(sheet.value("S2"), eci::ratioFait(attendu[0]) * 100);
    // The first rows alone: the statuses of the other nodes are not seen, so compare with the
    // function layer on the same five rows.
    ASSERT_EQ(sheet.error("J1"), 0);
    eci::calc::Plage ids(5, 1), st(5, 1), det(5, 3), ctx(kLignesContexte, 2);
    auto cellule = [](const Value& v) -> eci::calc::Cellule {
        if (const double* d = std::get_if<double>(&v)) return *d;
        if (const std::string* s = std::get_if<std::string>(&v)) return *s;
        return std::string();  // an empty cell arrives as empty text
    };
    for (std::size_t l = 0; l < 5; ++l) {
        ids.at(l, 0) = cellule(rows[l][0]);
        st.at(l, 0) = cellule(rows[l][1]);
        for (std::size_t c = 0; c < 3; ++c) det.at(l, c) = cellule(rows[l][2 + c]);
    }
    for (std::size_t l = 0; l < kLignesContexte; ++l)
        for (std::size_t c = 0; c < 2; ++c) ctx.at(l, c) = cellule(t.feuille.contexte[l][c]);
    const eci::calc::Plage lib = eci::calc::evaluer(ids, st, det, ctx, std::nullopt);
    const auto r = sheet.values("J1:Q5");
    for (std::size_t l = 0; l < 5; ++l)
        for (std::size_t c = 0; c < 7; ++c) {
            const auto* d = std::get_if<double>(&lib.at(l, c));
            ASSERT_NE(d, nullptr);
            EXPECT_EQ(nombre(r[l][c], "J:Q"), *d) << l << "," << c;
        }
}

// Keep last in this file: nothing above killed or wedged soffice.
TEST_F(CalcTest, EciZzOfficeIsStillAlive) {
    EXPECT_TRUE(Office::instance().alive());
    sheet.setValue("A1", std::string("1.1.1.1"));
    sheet.setValue("B1", std::string("fait"));
    sheet.setFormula("C1", "=ECI.SCORE(A1;B1)");
    sheet.recalc();
    EXPECT_EQ(sheet.value("C1"), eci::calc::points(std::string("1.1.1.1"), std::nullopt));
}
