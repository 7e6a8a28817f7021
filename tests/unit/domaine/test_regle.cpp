// Tests of the rule language (docs/score.md §8): the 65 expression vectors,
// the lexer/grammar quirks of §8.1–8.2, the JavaScript semantics of §8.3 and
// the 22 ECi rules of §8.6.
#include "eci/regle.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#ifndef ECI_VECTORS_PATH
#error "ECI_VECTORS_PATH must be defined (path of tests/vectors/scoring-vectors.json)"
#endif

using namespace eci::regle;
using json = nlohmann::json;

namespace {

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

Valeur depuisJson(const json& j) {
    if (j.is_null()) return std::monostate{};
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_number()) return j.get<double>();
    if (j.is_string()) return j.get<std::string>();
    throw std::runtime_error("valeur JSON inattendue : " + j.dump());
}

Contexte contexteDepuisJson(const json& c) {
    Contexte ctx;
    if (c.is_null()) return ctx;
    if (c.contains("reponses") && !c["reponses"].is_null()) {
        std::map<std::string, Valeur> r;
        for (auto& [k, v] : c["reponses"].items()) r[k] = depuisJson(v);
        ctx.reponses = std::move(r);
    }
    if (c.contains("identiteCollectivite") && !c["identiteCollectivite"].is_null()) {
        const json& i = c["identiteCollectivite"];
        Identite id;
        id.type = i.at("type").get<std::string>();
        if (i.contains("soustype") && !i["soustype"].is_null()) id.soustype = i["soustype"].get<std::string>();
        if (i.contains("populationTags"))
            for (const json& t : i["populationTags"]) id.populationTags.push_back(t.get<std::string>());
        if (i.contains("drom") && !i["drom"].is_null()) id.drom = i["drom"].get<bool>();
        if (i.contains("dansAireUrbaine") && !i["dansAireUrbaine"].is_null())
            id.dansAireUrbaine = i["dansAireUrbaine"].get<bool>();
        ctx.identite = std::move(id);
    }
    if (c.contains("scores") && !c["scores"].is_null()) {
        std::map<std::string, double> s;
        for (auto& [k, v] : c["scores"].items()) s[k] = v.get<double>();
        ctx.scores = std::move(s);
    }
    if (c.contains("referentielContext") && !c["referentielContext"].is_null()) {
        const json& r = c["referentielContext"];
        ContexteReferentiel cr;
        cr.referentielId = r.at("referentielId").get<std::string>();
        if (r.contains("version") && !r["version"].is_null()) cr.version = r["version"].get<std::string>();
        ctx.referentiel = std::move(cr);
    }
    return ctx;
}

// Exact comparison: same type, same value (numbers bit-for-bit up to ±0).
::testing::AssertionResult memeValeur(const Valeur& attendu, const Valeur& obtenu) {
    auto decrire = [](const Valeur& v) {
        static const char* types[] = {"null", "undefined", "bool", "number", "string"};
        std::ostringstream o;
        o << types[v.index()] << " " << versTexte(v);
        if (v.index() == 3) o << " (" << std::hexfloat << std::get<double>(v) << ")";
        return o.str();
    };
    bool ok = attendu.index() == obtenu.index();
    if (ok && attendu.index() == 3) {
        const double a = std::get<double>(attendu), b = std::get<double>(obtenu);
        ok = (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
    } else if (ok) {
        ok = attendu == obtenu;
    }
    if (ok) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "attendu " << decrire(attendu) << ", obtenu " << decrire(obtenu);
}

Valeur ev(const std::string& texte, const Contexte& c = {}) { return evaluer(texte, c); }

std::string messageSyntaxe(const std::string& texte) {
    try {
        Expression::analyser(texte);
    } catch (const ErreurSyntaxe& e) {
        return e.what();
    }
    return "";
}

std::string messageEvaluation(const std::string& texte, const Contexte& c = {}) {
    try {
        evaluer(texte, c);
    } catch (const ErreurEvaluation& e) {
        return e.what();
    }
    return "";
}

Contexte avecReponses(std::map<std::string, Valeur> r) {
    Contexte c;
    c.reponses = std::move(r);
    return c;
}

Identite commune(double population = 12000) {
    Identite i;
    i.type = "commune";
    i.populationTags = tagsPopulation(population);
    i.drom = false;
    return i;
}
Identite epciFp(double population = 150000) {
    Identite i;
    i.type = "EPCI";
    i.soustype = "epci_a_fiscalite_propre";
    i.populationTags = tagsPopulation(population);
    i.drom = false;
    return i;
}
Identite syndicat() {
    Identite i;
    i.type = "EPCI";
    i.soustype = "syndicat";
    i.drom = false;
    return i;
}

Contexte ctx(Identite id, std::map<std::string, Valeur> r = {}) {
    Contexte c;
    c.identite = std::move(id);
    c.reponses = std::move(r);
    return c;
}

const Valeur kNul{std::monostate{}};
const Valeur kIndef{Indefini{}};
const Valeur V(true);
const Valeur F(false);
Valeur num(double d) { return d; }
Valeur txt(const char* s) { return std::string(s); }

// ---------------------------------------------------------------------------
// §13: the 65 expression vectors
// ---------------------------------------------------------------------------

TEST(RegleVecteurs, ToutesLesExpressions) {
    std::ifstream f(ECI_VECTORS_PATH);
    ASSERT_TRUE(f) << "vecteurs introuvables : " << ECI_VECTORS_PATH;
    const json cas = json::parse(f);
    int n = 0;
    for (const json& c : cas) {
        if (c.value("kind", "") != "expression") continue;
        ++n;
        const std::string expr = c["inputs"]["expression"].get<std::string>();
        SCOPED_TRACE(c["name"].get<std::string>() + " | " + expr);
        const Contexte contexte = contexteDepuisJson(c["inputs"]["context"]);
        const json& attendu = c["expected"];
        if (attendu.contains("error")) {
            const std::string msg = attendu["error"].get<std::string>();
            try {
                Valeur v = evaluer(expr, contexte);
                ADD_FAILURE() << "erreur attendue « " << msg << " », obtenu " << versTexte(v);
            } catch (const ErreurEvaluation& e) {
                EXPECT_EQ(std::string(e.what()), msg);
            }
        } else {
            ASSERT_TRUE(attendu.contains("value"));
            Valeur v;
            ASSERT_NO_THROW(v = evaluer(expr, contexte));
            EXPECT_TRUE(memeValeur(depuisJson(attendu["value"]), v));
        }
    }
    EXPECT_EQ(n, 65);
}

// ---------------------------------------------------------------------------
// Value helpers: String(number) like JavaScript, truthiness
// ---------------------------------------------------------------------------

TEST(RegleValeurs, NombresCommeJavaScript) {
    EXPECT_EQ(versTexte(num(1.0)), "1");
    EXPECT_EQ(versTexte(num(100)), "100");
    EXPECT_EQ(versTexte(num(0.1)), "0.1");
    EXPECT_EQ(versTexte(num(2.0 / 12)), "0.16666666666666666");
    EXPECT_EQ(versTexte(num(10.0 / 12)), "0.8333333333333334");
    EXPECT_EQ(versTexte(num(1.0 / 3)), "0.3333333333333333");
    EXPECT_EQ(versTexte(num(0.1 + 0.2)), "0.30000000000000004");
    EXPECT_EQ(versTexte(num(-2.5)), "-2.5");
    EXPECT_EQ(versTexte(num(-0.0)), "0");
    EXPECT_EQ(versTexte(num(1e20)), "100000000000000000000");
    EXPECT_EQ(versTexte(num(1e21)), "1e+21");
    EXPECT_EQ(versTexte(num(123456789012345680000.0)), "123456789012345680000");
    EXPECT_EQ(versTexte(num(1.5e21)), "1.5e+21");
    EXPECT_EQ(versTexte(num(0.000001)), "0.000001");
    EXPECT_EQ(versTexte(num(0.0000015)), "0.0000015");
    EXPECT_EQ(versTexte(num(1e-7)), "1e-7");
    EXPECT_EQ(versTexte(num(1.23e-18)), "1.23e-18");
    EXPECT_EQ(versTexte(num(5e-324)), "5e-324");
    EXPECT_EQ(versTexte(num(1.7976931348623157e308)), "1.7976931348623157e+308");
    EXPECT_EQ(versTexte(num(std::numeric_limits<double>::infinity())), "Infinity");
    EXPECT_EQ(versTexte(num(-std::numeric_limits<double>::infinity())), "-Infinity");
    EXPECT_EQ(versTexte(num(std::nan(""))), "NaN");
    EXPECT_EQ(versTexte(num(9007199254740993.0)), "9007199254740992");
}

TEST(RegleValeurs, TexteVeriteNullite) {
    EXPECT_EQ(versTexte(kNul), "null");
    EXPECT_EQ(versTexte(kIndef), "undefined");
    EXPECT_EQ(versTexte(V), "true");
    EXPECT_EQ(versTexte(F), "false");
    EXPECT_EQ(versTexte(txt("abc")), "abc");
    EXPECT_TRUE(estNul(kNul));
    EXPECT_TRUE(estNul(kIndef));
    EXPECT_FALSE(estNul(F));
    EXPECT_FALSE(estNul(num(0)));
    EXPECT_FALSE(estVrai(kNul));
    EXPECT_FALSE(estVrai(kIndef));
    EXPECT_FALSE(estVrai(num(0)));
    EXPECT_FALSE(estVrai(num(-0.0)));
    EXPECT_FALSE(estVrai(num(std::nan(""))));
    EXPECT_FALSE(estVrai(txt("")));
    EXPECT_TRUE(estVrai(num(0.5)));
    EXPECT_TRUE(estVrai(txt("0")));
    EXPECT_TRUE(estVrai(txt("false")));
    EXPECT_TRUE(estVrai(V));
}

TEST(RegleValeurs, TagsPopulation) {
    EXPECT_EQ(tagsPopulation(12000),
              (std::vector<std::string>{"moins_de_20000", "moins_de_50000", "moins_de_100000", "plus_de_3000"}));
    // Strict bounds: exactly 50 000 is neither moins_de_50000 nor plus_de_50000.
    EXPECT_EQ(tagsPopulation(50000),
              (std::vector<std::string>{"moins_de_100000", "plus_de_3000", "plus_de_20000"}));
    EXPECT_EQ(tagsPopulation(1000000),
              (std::vector<std::string>{"plus_de_3000", "plus_de_20000", "plus_de_50000", "plus_de_100000",
                                        "plus_de_300000", "plus_de_800000"}));
    EXPECT_EQ(tagsPopulation(2000).size(), 6u);
    EXPECT_TRUE(tagsPopulation(std::nan("")).empty());
}

// ---------------------------------------------------------------------------
// §8.1 lexer quirks
// ---------------------------------------------------------------------------

TEST(RegleLexeur, MotsClesPrefixesCassentLesNoms) {
    // etat_x lexes as ET + CNAME "at_x", siren as SI + "ren", etc.
    for (const char* t : {"etat_x", "nonx", "siren", "min_x", "ouvert", "maximum", "alorsx", "vraiment",
                          "reponse(etat_x, OUI)", "identite(type, sinonx)", "reponses_x", "scores"})
        EXPECT_THROW(Expression::analyser(t), ErreurSyntaxe) << t;
    // ... but a keyword inside or at the end of a name is fine.
    EXPECT_TRUE(memeValeur(txt("x_et"), ev("x_et")));
    EXPECT_TRUE(memeValeur(txt("pour"), ev("pour")));
    EXPECT_TRUE(memeValeur(txt("cae_1.2.3"), ev("cae_1.2.3")));
    EXPECT_TRUE(memeValeur(txt("moins_de_100000"), ev("moins_de_100000")));
    EXPECT_TRUE(memeValeur(txt("a-b.c"), ev("a-b.c")));  // '-' and '.' continue a CNAME
    EXPECT_TRUE(memeValeur(V, ev("reponse(x_et, OUI)", avecReponses({{"x_et", true}}))));
}

TEST(RegleLexeur, MotsClesInsensiblesALaCasse) {
    EXPECT_TRUE(memeValeur(num(1), ev("SI Vrai ALORS 1 SiNoN 2")));
    EXPECT_TRUE(memeValeur(V, ev("Oui")));
    EXPECT_TRUE(memeValeur(F, ev("nOn")));
    EXPECT_TRUE(memeValeur(num(3), ev("MAX(1, 3)")));
    EXPECT_TRUE(memeValeur(V, ev("REPONSE(q, oui)", avecReponses({{"q", true}}))));
    // CNAME values keep their case.
    EXPECT_TRUE(memeValeur(txt("EPCI"), ev("EPCI")));
}

TEST(RegleLexeur, CaracteresInconnusIgnores) {
    // `reponse(habitat_2, 10%)` parses as `reponse(habitat_2, 10)`.
    EXPECT_TRUE(memeValeur(V, ev("reponse(habitat_2, 10%)", avecReponses({{"habitat_2", 10.0}}))));
    EXPECT_TRUE(memeValeur(num(3), ev("1 @+ 2 §")));
    EXPECT_TRUE(memeValeur(num(3), ev("1 é+ 2")));
    EXPECT_TRUE(memeValeur(V, ev("#VRAI;")));
    EXPECT_TRUE(memeValeur(num(1), ev("1.")));  // "1" then an ignored '.'
    EXPECT_TRUE(memeValeur(num(5), ev(".5")));  // '.' ignored, then 5
    // Skipped characters still break the parse if the rest does not fit.
    EXPECT_THROW(Expression::analyser("1.2.3"), ErreurSyntaxe);  // 1.2 then 3
    EXPECT_THROW(Expression::analyser("VRAI ! FAUX"), ErreurSyntaxe);
    EXPECT_THROW(Expression::analyser("  ?? "), ErreurSyntaxe);  // nothing left
}

TEST(RegleLexeur, PasDeMoinsUnaire) {
    for (const char* t : {"-1", "2 - -1", "reponse(q, -1)", "min(-1, 2)", "si VRAI alors -1"})
        EXPECT_THROW(Expression::analyser(t), ErreurSyntaxe) << t;
    EXPECT_TRUE(memeValeur(num(2), ev("3-1")));  // MINUS then NUMBER, never a negative literal
    EXPECT_TRUE(memeValeur(num(-1), ev("0 - 1")));
    const std::string m = messageSyntaxe("-1");
    EXPECT_NE(m.find("moins unaire"), std::string::npos) << m;
}

// ---------------------------------------------------------------------------
// §8.2 grammar quirks
// ---------------------------------------------------------------------------

TEST(RegleGrammaire, SeuleLaPremiereComparaisonCompte) {
    EXPECT_TRUE(memeValeur(V, ev("1 < 2 < 0")));   // JS would give (true < 0) = false
    EXPECT_TRUE(memeValeur(V, ev("1 = 1 = 5")));
    EXPECT_TRUE(memeValeur(F, ev("3 <= 2 >= 0")));
    // The extra operands are parsed but never evaluated (no error here).
    EXPECT_TRUE(memeValeur(V, ev("1 = 1 = reponse(x, OUI)")));
    // ... but they must still parse.
    EXPECT_THROW(Expression::analyser("1 = 1 = "), ErreurSyntaxe);
}

TEST(RegleGrammaire, SinonPendantSeRattacheAuSiLePlusProche) {
    EXPECT_TRUE(memeValeur(kNul, ev("si FAUX alors si VRAI alors 1 sinon 2")));
    EXPECT_TRUE(memeValeur(num(2), ev("si VRAI alors si FAUX alors 1 sinon 2")));
    EXPECT_TRUE(memeValeur(num(3), ev("si FAUX alors 1 sinon si FAUX alors 2 sinon 3")));
    EXPECT_TRUE(memeValeur(kNul, ev("si FAUX alors 1")));
    EXPECT_TRUE(memeValeur(kNul, ev("si VRAI alors (si FAUX alors 1) sinon 2")));
    // Parentheses close the inner si: the sinon belongs to the outer one.
    EXPECT_TRUE(memeValeur(num(2), ev("si FAUX alors (si VRAI alors 1) sinon 2")));
}

TEST(RegleGrammaire, PrioritesEtAssociativite) {
    EXPECT_TRUE(memeValeur(num(7), ev("1 + 2 * 3")));
    EXPECT_TRUE(memeValeur(num(9), ev("(1 + 2) * 3")));
    EXPECT_TRUE(memeValeur(num(3), ev("10 - 4 - 3")));
    EXPECT_TRUE(memeValeur(num(5), ev("10 / 4 * 2")));
    EXPECT_TRUE(memeValeur(V, ev("1 + 1 = 2")));
    EXPECT_TRUE(memeValeur(V, ev("FAUX ou 1 < 2 et VRAI")));
    EXPECT_TRUE(memeValeur(num(std::numeric_limits<double>::infinity()), ev("1/0")));
    EXPECT_TRUE(memeValeur(num(std::nan("")), ev("0/0")));
    EXPECT_TRUE(memeValeur(num(0.16666666666666666), ev("2/12")));
    EXPECT_TRUE(memeValeur(num(1.5), ev("1.5")));
}

TEST(RegleGrammaire, ToutLeTexteDoitEtreConsomme) {
    for (const char* t : {"", "   ", "1 2", "VRAI FAUX", "(1", "1)", "si VRAI", "si VRAI alors", "si alors 1",
                          "reponse(q, OUI", "reponse(1)", "identite(type)", "identite(type, 1 + 1)",
                          "score()", "min(1)", "max(1, 2, 3)", "1 +", "* 2", "sinon 1", "alors", "1 , 2",
                          "reponse(q,)", "si 1 alors 2 sinon", "min(si VRAI alors 1, 2)"})
        EXPECT_THROW(Expression::analyser(t), ErreurSyntaxe) << "«" << t << "»";
    EXPECT_NO_THROW(Expression::analyser("min((si VRAI alors 1), 2)"));
    EXPECT_NO_THROW(Expression::analyser("identite(type, (1 + 1))"));
}

TEST(RegleGrammaire, MessagesDErreurEnFrancais) {
    std::string m = messageSyntaxe("si reponse(a, OUI) VRAI");
    EXPECT_NE(m.find("Règle illisible"), std::string::npos) << m;
    EXPECT_NE(m.find("« alors » attendu"), std::string::npos) << m;
    EXPECT_NE(m.find("position 20"), std::string::npos) << m;
    EXPECT_NE(m.find("« VRAI »"), std::string::npos) << m;
    // Positions count characters, not bytes.
    m = messageSyntaxe("é 1 2");
    EXPECT_NE(m.find("position 5"), std::string::npos) << m;
    m = messageSyntaxe("1 2");
    EXPECT_NE(m.find("« 2 » inattendu"), std::string::npos) << m;
    m = messageSyntaxe("reponse(etat_x, OUI)");
    EXPECT_NE(m.find("mot-clé « et »"), std::string::npos) << m;
    m = messageSyntaxe("si VRAI alors");
    EXPECT_NE(m.find("la règle s'arrête là"), std::string::npos) << m;
    m = messageSyntaxe("siren");
    EXPECT_NE(m.find("« siren » est lu comme le mot-clé « si »"), std::string::npos) << m;
}

TEST(RegleGrammaire, LimitesDeTailleEtDImbrication) {
    std::string profond = std::string(150, '(') + "1" + std::string(150, ')');
    EXPECT_TRUE(memeValeur(num(1), ev(profond)));
    std::string tropProfond = std::string(5000, '(') + "1" + std::string(5000, ')');
    EXPECT_THROW(Expression::analyser(tropProfond), ErreurSyntaxe);
    EXPECT_NE(messageSyntaxe(tropProfond).find("trop imbriquée"), std::string::npos);
    std::string minProfond;
    for (int i = 0; i < 300; ++i) minProfond += "min(1, ";
    minProfond += "1" + std::string(300, ')');
    EXPECT_THROW(Expression::analyser(minProfond), ErreurSyntaxe);
    std::string siProfond;
    for (int i = 0; i < 300; ++i) siProfond += "si VRAI alors ";
    EXPECT_THROW(Expression::analyser(siProfond + "1"), ErreurSyntaxe);
    // Long flat chains are fine (iterative) up to the length limit.
    std::string somme = "1";
    for (int i = 0; i < 30000; ++i) somme += "+1";
    EXPECT_TRUE(memeValeur(num(30001), ev(somme)));
    std::string chaine = "score(a)";
    for (int i = 0; i < 5000; ++i) chaine += "*2";
    Valeur s = ev(chaine);
    ASSERT_EQ(s.index(), 4u);
    EXPECT_EQ(std::get<std::string>(s).size(), 8u + 5000u * 4u);
    EXPECT_THROW(Expression::analyser(std::string(100001, ' ') + "1"), ErreurSyntaxe);
    EXPECT_NO_THROW(Expression::analyser(std::string(99999, ' ') + "1"));
}

// ---------------------------------------------------------------------------
// §8.3 evaluation: JavaScript semantics
// ---------------------------------------------------------------------------

TEST(RegleEvaluation, OuEtCommeJavaScript) {
    EXPECT_TRUE(memeValeur(num(7), ev("0 ou 7")));
    EXPECT_TRUE(memeValeur(num(0), ev("FAUX ou 0")));   // last operand when none is truthy
    EXPECT_TRUE(memeValeur(num(3), ev("3 ou 4")));      // first truthy
    EXPECT_TRUE(memeValeur(num(5), ev("reponse(a,OUI) et 5", avecReponses({{"a", true}}))));
    EXPECT_TRUE(memeValeur(F, ev("reponse(a,OUI) et 5", avecReponses({}))));
    EXPECT_TRUE(memeValeur(num(0), ev("VRAI et 0 et 5")));  // first falsy
    EXPECT_TRUE(memeValeur(txt("b"), ev("a et b")));
    EXPECT_TRUE(memeValeur(kIndef, ev("reponse(q) ou reponse(r)", avecReponses({}))));
    // All operands are evaluated: no short-circuit, so errors surface.
    EXPECT_THROW(ev("3 ou reponse(x, OUI)"), ErreurEvaluation);
    EXPECT_THROW(ev("FAUX et reponse(x, OUI)"), ErreurEvaluation);
}

TEST(RegleEvaluation, ComparaisonsEtArithmetique) {
    EXPECT_TRUE(memeValeur(F, ev("VRAI = 1")));  // strict equality
    EXPECT_TRUE(memeValeur(V, ev("VRAI = OUI")));
    EXPECT_TRUE(memeValeur(V, ev("VRAI > 0")));  // relational operators coerce booleans
    EXPECT_TRUE(memeValeur(num(2), ev("VRAI + VRAI")));
    EXPECT_TRUE(memeValeur(num(1), ev("min(VRAI, 5)")));
    EXPECT_TRUE(memeValeur(F, ev("0/0 = 0/0")));  // NaN !== NaN
    EXPECT_TRUE(memeValeur(V, ev("2/4 = 0.5")));
    EXPECT_TRUE(memeValeur(num(2), ev("max(2, 1)")));
    EXPECT_TRUE(memeValeur(num(std::nan("")), ev("max(0/0, 1)")));
    EXPECT_TRUE(memeValeur(num(-0.0), ev("min(0, 0 * (0 - 1))")));
    EXPECT_TRUE(memeValeur(num(0.0), ev("max(0 * (0 - 1), 0)")));
}

TEST(RegleEvaluation, ChainesSymboliques) {
    // With a string operand, operators build strings (platform templates).
    EXPECT_TRUE(memeValeur(txt("score(a) - 1"), ev("score(a) + 1")));  // " - " even for +
    EXPECT_TRUE(memeValeur(txt("score(a) - 1"), ev("score(a) - 1")));
    EXPECT_TRUE(memeValeur(txt("score(a) * 2"), ev("score(a) * 2")));
    EXPECT_TRUE(memeValeur(txt("2 / score(a)"), ev("2 / score(a)")));
    EXPECT_TRUE(memeValeur(txt("score(a) * 2 / 4 - 1"), ev("score(a) * 2 / 4 + 1")));
    EXPECT_TRUE(memeValeur(txt("max(score(a), 0.3333333333333333)"), ev("max(score(a), 1/3)")));
    EXPECT_TRUE(memeValeur(txt("min(true, score(a))"), ev("min(VRAI, score(a))")));
    EXPECT_TRUE(memeValeur(txt("score(a) [object Object] 0.5"), ev("score(a) >= 0.5")));
    EXPECT_TRUE(memeValeur(txt("abc [object Object] abc"), ev("abc = abc")));
    EXPECT_TRUE(memeValeur(txt("undefined - score(b)"), ev("reponse(q) + score(b)", avecReponses({}))));
    EXPECT_TRUE(memeValeur(txt("null - score(b)"), ev("reponse(q) + score(b)")));
    EXPECT_TRUE(memeValeur(txt("a - Infinity"), ev("a - 1/0")));
    EXPECT_TRUE(memeValeur(txt("min(score(cae_1.2.3), 1)"), ev("min(score(cae_1.2.3), 1.0)")));
}

TEST(RegleEvaluation, PropagationDuNul) {
    const Contexte vide = avecReponses({});
    EXPECT_TRUE(memeValeur(kNul, ev("reponse(q) + 1", vide)));
    EXPECT_TRUE(memeValeur(kNul, ev("1 * reponse(q)", vide)));
    EXPECT_TRUE(memeValeur(kNul, ev("reponse(q) < 1", vide)));
    EXPECT_TRUE(memeValeur(kNul, ev("reponse(q) = reponse(q)", vide)));
    EXPECT_TRUE(memeValeur(kNul, ev("min(reponse(q), 1)", vide)));
    EXPECT_TRUE(memeValeur(kNul, ev("max(1, reponse(q))", vide)));
    EXPECT_TRUE(memeValeur(kNul, ev("(si FAUX alors 1) + 1")));
    Contexte scores;
    scores.scores = std::map<std::string, double>{{"a", 0.5}};
    EXPECT_TRUE(memeValeur(num(0.5), ev("score(a)", scores)));
    EXPECT_TRUE(memeValeur(kNul, ev("score(b)", scores)));
    EXPECT_TRUE(memeValeur(kNul, ev("score(b) + 1", scores)));
    EXPECT_TRUE(memeValeur(txt("score(b)"), ev("score(b)")));
}

TEST(RegleEvaluation, ReponseStricte) {
    EXPECT_TRUE(memeValeur(F, ev("reponse(q, 1)", avecReponses({{"q", true}}))));
    EXPECT_TRUE(memeValeur(F, ev("reponse(q, VRAI)", avecReponses({{"q", 1.0}}))));
    EXPECT_TRUE(memeValeur(V, ev("reponse(q, 1)", avecReponses({{"q", 1.0}}))));
    EXPECT_TRUE(memeValeur(V, ev("reponse(q, 0.5)", avecReponses({{"q", 0.5}}))));
    EXPECT_TRUE(memeValeur(V, ev("reponse(c, Choix_A)", avecReponses({{"c", txt("Choix_A")}}))));
    EXPECT_TRUE(memeValeur(F, ev("reponse(c, choix_a)", avecReponses({{"c", txt("Choix_A")}}))));
    // Missing answer and null answer never match NON / OUI.
    EXPECT_TRUE(memeValeur(F, ev("reponse(dechets_1, NON)", avecReponses({}))));
    EXPECT_TRUE(memeValeur(F, ev("reponse(dechets_1, OUI)", avecReponses({}))));
    EXPECT_TRUE(memeValeur(F, ev("reponse(q, NON)", avecReponses({{"q", kNul}}))));
    // Raw answer.
    EXPECT_TRUE(memeValeur(num(0.7), ev("reponse(q)", avecReponses({{"q", 0.7}}))));
    EXPECT_TRUE(memeValeur(kIndef, ev("reponse(q)", avecReponses({}))));
    EXPECT_TRUE(memeValeur(kNul, ev("reponse(q)")));  // no map at all: null, no error
    // Answers map absent: exact platform message.
    EXPECT_EQ(messageEvaluation("reponse(dechets_1, NON)"), "Reponse à la question dechets_1 non trouvée");
}

TEST(RegleEvaluation, SiEvalueLesDeuxBranches) {
    // The platform visits condition, alors and sinon before choosing.
    EXPECT_EQ(messageEvaluation("si VRAI alors 1 sinon reponse(x, OUI)"), "Reponse à la question x non trouvée");
    EXPECT_EQ(messageEvaluation("si FAUX alors identite(type, EPCI) sinon 2"),
              "Information type d'identité de la collectivité non trouvée");
}

TEST(RegleEvaluation, ErreursAvaleesDansParenthesesEtMinMax) {
    // The platform's `call` catches errors of a parenthesised value or of
    // min/max and yields undefined.
    EXPECT_TRUE(memeValeur(kIndef, ev("(reponse(x, OUI))")));
    EXPECT_TRUE(memeValeur(kIndef, ev("min(reponse(x, OUI), 1)")));
    EXPECT_TRUE(memeValeur(kNul, ev("(identite(type, EPCI)) + 1")));
    EXPECT_TRUE(memeValeur(num(2), ev("si (referentiel(xyz)) alors 1 sinon 2")));
    // Not when the parentheses are the argument of identite/reponse.
    EXPECT_EQ(messageEvaluation("reponse(q, (reponse(x, OUI)))", avecReponses({})), "");
    EXPECT_EQ(messageEvaluation("identite(type, (reponse(x, OUI)))", ctx(commune()) /*answers {}*/), "");
    Contexte sansReponses;
    sansReponses.identite = commune();
    EXPECT_EQ(messageEvaluation("identite(type, (reponse(x, OUI)))", sansReponses),
              "Reponse à la question x non trouvée");
    // undefined === undefined: a missing answer equals a missing answer.
    EXPECT_TRUE(memeValeur(V, ev("reponse(q, (reponse(r)))", avecReponses({}))));
}

TEST(RegleEvaluation, Identite) {
    EXPECT_EQ(messageEvaluation("identite(population, moins_de_3000)"),
              "Information population d'identité de la collectivité non trouvée");
    EXPECT_EQ(messageEvaluation("identite(inconnu, 3)", ctx(commune())),
              "Champ d'identité \"inconnu\" non reconnu dans identite(inconnu, 3). Champs autorisés : type, "
              "soustype, population, localisation, dans_aire_urbaine.");
    EXPECT_TRUE(memeValeur(V, ev("identite(type, COMMUNE)", ctx(commune()))));
    EXPECT_TRUE(memeValeur(F, ev("identite(type, EPCI)", ctx(commune()))));
    EXPECT_TRUE(memeValeur(V, ev("identite(type, SYNDICAT)", ctx(syndicat()))));  // legacy value
    EXPECT_TRUE(memeValeur(F, ev("identite(type, pole)", ctx(syndicat()))));
    EXPECT_TRUE(memeValeur(F, ev("identite(soustype, syndicat)", ctx(commune()))));
    EXPECT_TRUE(memeValeur(V, ev("identite(population, moins_de_20000)", ctx(commune(12000)))));
    EXPECT_TRUE(memeValeur(F, ev("identite(population, MOINS_DE_20000)", ctx(commune(12000)))));
    EXPECT_TRUE(memeValeur(F, ev("identite(population, plus_de_20000)", ctx(commune(12000)))));
    EXPECT_TRUE(memeValeur(F, ev("identite(population, moins_de_20000)", ctx(syndicat()))));  // no tags
    Identite dom = commune();
    dom.drom = true;
    EXPECT_TRUE(memeValeur(V, ev("identite(localisation, DOM)", ctx(dom))));
    EXPECT_TRUE(memeValeur(F, ev("identite(localisation, dom)", ctx(dom))));  // case-sensitive
    EXPECT_TRUE(memeValeur(V, ev("identite(localisation, metropole)", ctx(commune()))));
    Identite sansDrom = commune();
    sansDrom.drom.reset();
    EXPECT_TRUE(memeValeur(F, ev("identite(localisation, metropole)", ctx(sansDrom))));  // null !== false
    Identite urbain = commune();
    urbain.dansAireUrbaine = true;
    EXPECT_TRUE(memeValeur(V, ev("identite(dans_aire_urbaine, OUI)", ctx(urbain))));
    EXPECT_TRUE(memeValeur(V, ev("identite(dans_aire_urbaine, True)", ctx(urbain))));
    EXPECT_TRUE(memeValeur(F, ev("identite(dans_aire_urbaine, NON)", ctx(urbain))));
}

TEST(RegleEvaluation, Referentiel) {
    Contexte eci;
    eci.referentiel = ContexteReferentiel{"eci", std::nullopt};
    Contexte teTest;
    teTest.referentiel = ContexteReferentiel{"te-test", std::string("1.0.0")};
    Contexte te;
    te.referentiel = ContexteReferentiel{"te", std::string("2.1.3-beta.1")};
    EXPECT_TRUE(memeValeur(F, ev("referentiel(eci)")));  // no context: false
    EXPECT_TRUE(memeValeur(V, ev("referentiel(eci)", eci)));
    EXPECT_TRUE(memeValeur(F, ev("referentiel(cae)", eci)));
    EXPECT_TRUE(memeValeur(V, ev("referentiel(te)", teTest)));
    EXPECT_TRUE(memeValeur(F, ev("referentiel(te-test)", te)));
    EXPECT_TRUE(memeValeur(F, ev("referentiel(eci_1.0.0)", eci)));  // no current version
    EXPECT_TRUE(memeValeur(F, ev("referentiel(te_2.1.3)", te)));    // 2.1.3-beta.1 < 2.1.3
    EXPECT_TRUE(memeValeur(V, ev("referentiel(te_2.1.3-alpha)", te)));
    EXPECT_TRUE(memeValeur(V, ev("referentiel(te_2.1.3-beta)", te)));
    EXPECT_TRUE(memeValeur(F, ev("referentiel(te_2.1.3-beta.2)", te)));
    EXPECT_TRUE(memeValeur(V, ev("referentiel(te_v2.1.2)", te)));
    // The argument is checked first, even without context.
    EXPECT_EQ(messageEvaluation("referentiel(xyz)"),
              "Référentiel \"xyz\" inconnu dans referentiel(xyz). Référentiels autorisés : cae, eci, te, te-test.");
    EXPECT_EQ(messageEvaluation("referentiel(TE)"),
              "Référentiel \"TE\" inconnu dans referentiel(TE). Référentiels autorisés : cae, eci, te, te-test.");
    EXPECT_EQ(messageEvaluation("referentiel(foo_1.0.0)"),
              "Référentiel \"foo\" inconnu dans referentiel(foo_1.0.0). Référentiels autorisés : cae, eci, te, "
              "te-test.");
    for (const char* v : {"te_2.1", "te_", "te_01.0.0", "te_1.0.0_x", "te_1.0.0-01", "te_abc"})
        EXPECT_NE(messageEvaluation(std::string("referentiel(") + v + ")").find("invalide dans referentiel("),
                  std::string::npos)
            << v;
    EXPECT_EQ(messageEvaluation("referentiel(te_2.1)"),
              "Version \"2.1\" invalide dans referentiel(te_2.1). La version doit être un semver valide (ex: 2.1.3).");
}

// ---------------------------------------------------------------------------
// §8.6 the 22 ECi rules
// ---------------------------------------------------------------------------

struct RegleEci {
    const char* noeud;
    const char* type;
    const char* formule;
};

const RegleEci kReglesEci[] = {
    {"1.2.2", "desactivation", "si identite(type, syndicat) alors VRAI sinon si reponse(dev_eco_1, NON) alors VRAI"},
    {"1.2.3", "desactivation", "si identite(type, syndicat) alors VRAI sinon si reponse(dev_eco_1, NON) alors VRAI"},
    {"1.2.4", "desactivation", "si identite(type, syndicat) alors FAUX sinon VRAI"},
    {"2.1", "desactivation", "reponse(dechets_3, NON)"},
    {"2.2", "desactivation", "reponse(dechets_1, NON)"},
    {"2.3", "desactivation", "reponse(dechets_2, NON)"},
    {"2.4", "desactivation", "reponse(dechets_1, NON) et reponse(dechets_2, NON)"},
    {"2.4.2", "desactivation", "reponse(dechets_1, NON)"},
    {"2.4.3", "desactivation", "reponse(dechets_1, NON)"},
    {"2.4.4", "desactivation", "reponse(dechets_2, NON)"},
    {"3.2.0", "desactivation", "reponse(SPASER, OUI)"},
    {"3.4", "desactivation", "reponse(dev_eco_1, NON)"},
    {"3.4.2", "desactivation", "reponse(formation, NON)"},
    {"3.7.1", "reduction", "si identite(population, moins_de_100000) alors 3"},
    {"3.7.2", "reduction", "si identite(population, moins_de_100000) alors 1/3"},
    {"4.1", "desactivation", "reponse(dechets_1, NON) et reponse(dechets_2, NON)"},
    {"4.2.1", "desactivation", "reponse(dechets_1, NON) ou reponse(REOM, OUI)"},
    {"4.2.2", "desactivation", "reponse(dechets_1, NON)"},
    {"4.2.3", "desactivation", "reponse(dechets_1, NON) ou reponse(REOM, OUI)"},
    {"4.2.4", "desactivation", "reponse(dechets_1, NON)"},
    {"4.2.5", "desactivation", "si identite(type, syndicat) et reponse(dechets_2, OUI) alors FAUX sinon VRAI"},
    {"4.3", "desactivation", "reponse(dev_eco_1, NON)"},
};

const char* formule(const char* noeud) {
    for (const RegleEci& r : kReglesEci)
        if (std::string(r.noeud) == noeud) return r.formule;
    return nullptr;
}

bool desactive(const char* noeud, const Contexte& c) { return estVrai(evaluer(formule(noeud), c)); }

// Minimal CSV reader (RFC 4180 quotes) for data/referentiel-eci.csv.
std::vector<std::vector<std::string>> lireCsv(std::istream& in) {
    std::vector<std::vector<std::string>> lignes(1, std::vector<std::string>(1));
    bool guillemets = false;
    char c;
    while (in.get(c)) {
        if (guillemets) {
            if (c == '"') {
                if (in.peek() == '"') {
                    in.get(c);
                    lignes.back().back() += '"';
                } else {
                    guillemets = false;
                }
            } else {
                lignes.back().back() += c;
            }
        } else if (c == '"') {
            guillemets = true;
        } else if (c == ',') {
            lignes.back().emplace_back();
        } else if (c == '\n') {
            lignes.emplace_back(1);
        } else if (c != '\r') {
            lignes.back().back() += c;
        }
    }
    while (!lignes.empty() && lignes.back().size() == 1 && lignes.back()[0].empty()) lignes.pop_back();
    return lignes;
}

TEST(RegleEci, LesVingtDeuxReglesDuCsv) {
    std::string chemin = ECI_VECTORS_PATH;  // <racine>/tests/vectors/scoring-vectors.json
    for (int i = 0; i < 3; ++i) chemin = chemin.substr(0, chemin.find_last_of('/'));
    std::ifstream f(chemin + "/data/referentiel-eci.csv");
    ASSERT_TRUE(f) << "CSV introuvable sous " << chemin;
    auto lignes = lireCsv(f);
    ASSERT_FALSE(lignes.empty());
    const auto& entete = lignes[0];
    auto colonne = [&](const std::string& nom) {
        for (std::size_t i = 0; i < entete.size(); ++i)
            if (entete[i] == nom) return i;
        return std::size_t(-1);
    };
    const std::size_t cId = colonne("identifiant");
    ASSERT_NE(cId, std::size_t(-1));
    int n = 0;
    for (std::size_t l = 1; l < lignes.size(); ++l) {
        for (const char* type : {"desactivation", "reduction", "score"}) {
            const std::size_t c = colonne(type);
            ASSERT_NE(c, std::size_t(-1));
            if (c >= lignes[l].size() || lignes[l][c].empty()) continue;
            ++n;
            const std::string& texte = lignes[l][c];
            SCOPED_TRACE(lignes[l][cId] + " " + type + " : " + texte);
            EXPECT_NO_THROW(Expression::analyser(texte));
            const char* attendue = formule(lignes[l][cId].c_str());
            ASSERT_NE(attendue, nullptr);
            EXPECT_EQ(texte, attendue);
        }
    }
    EXPECT_EQ(n, 22);
    EXPECT_EQ(sizeof kReglesEci / sizeof kReglesEci[0], 22u);
}

TEST(RegleEci, ComportementEffectif) {
    const Contexte c0 = ctx(commune(12000));
    const Contexte e0 = ctx(epciFp());
    const Contexte s0 = ctx(syndicat());
    // 1.2.2 / 1.2.3: off for syndicats, or when dev_eco_1 = NON.
    EXPECT_TRUE(desactive("1.2.2", s0));
    EXPECT_FALSE(desactive("1.2.2", c0));
    EXPECT_TRUE(memeValeur(kNul, evaluer(formule("1.2.3"), e0)));  // si without sinon → null
    EXPECT_TRUE(desactive("1.2.3", ctx(epciFp(), {{"dev_eco_1", false}})));
    EXPECT_FALSE(desactive("1.2.3", ctx(epciFp(), {{"dev_eco_1", true}})));
    // 1.2.4: off for every non-syndicat (applied literally).
    EXPECT_FALSE(desactive("1.2.4", s0));
    EXPECT_TRUE(desactive("1.2.4", c0));
    EXPECT_TRUE(desactive("1.2.4", e0));
    // 4.2.5: on only for a syndicat with dechets_2 = OUI.
    EXPECT_FALSE(desactive("4.2.5", ctx(syndicat(), {{"dechets_2", true}})));
    EXPECT_TRUE(desactive("4.2.5", s0));
    EXPECT_TRUE(desactive("4.2.5", ctx(epciFp(), {{"dechets_2", true}})));
    // Simple answer rules; unanswered questions never trigger.
    EXPECT_TRUE(desactive("2.1", ctx(commune(), {{"dechets_3", false}})));
    EXPECT_FALSE(desactive("2.1", c0));
    EXPECT_TRUE(desactive("2.2", ctx(commune(), {{"dechets_1", false}})));
    EXPECT_FALSE(desactive("2.2", ctx(commune(), {{"dechets_1", true}})));
    EXPECT_TRUE(desactive("3.2.0", ctx(commune(), {{"SPASER", true}})));
    EXPECT_FALSE(desactive("3.2.0", ctx(commune(), {{"spaser", true}})));
    EXPECT_TRUE(desactive("3.4.2", ctx(commune(), {{"formation", false}})));
    // 2.4 / 4.1: both dechets_1 and dechets_2 = NON.
    EXPECT_TRUE(desactive("2.4", ctx(commune(), {{"dechets_1", false}, {"dechets_2", false}})));
    EXPECT_FALSE(desactive("4.1", ctx(commune(), {{"dechets_1", false}})));
    // 4.2.1 / 4.2.3: dechets_1 = NON or REOM = OUI.
    EXPECT_TRUE(desactive("4.2.1", ctx(commune(), {{"REOM", true}})));
    EXPECT_TRUE(desactive("4.2.3", ctx(commune(), {{"dechets_1", false}, {"REOM", false}})));
    EXPECT_FALSE(desactive("4.2.3", ctx(commune(), {{"dechets_1", true}, {"REOM", false}})));
    // 3.7.1 / 3.7.2: reductions under 100 000 inhabitants.
    EXPECT_TRUE(memeValeur(num(3), evaluer(formule("3.7.1"), c0)));
    EXPECT_TRUE(memeValeur(num(0.3333333333333333), evaluer(formule("3.7.2"), c0)));
    EXPECT_TRUE(memeValeur(kNul, evaluer(formule("3.7.1"), e0)));
    EXPECT_TRUE(memeValeur(kNul, evaluer(formule("3.7.2"), ctx(commune(100000)))));
    EXPECT_TRUE(memeValeur(num(3), evaluer(formule("3.7.1"), ctx(commune(99999)))));
}

TEST(RegleEci, EvaluationRapide) {
    std::vector<Expression> regles;
    for (const RegleEci& r : kReglesEci) regles.push_back(Expression::analyser(r.formule));
    const Contexte c = ctx(commune(12000), {{"dechets_1", false}, {"dechets_2", true}, {"dev_eco_1", true}});
    const int tours = 2000;
    int vrais = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < tours; ++i)
        for (const Expression& e : regles) vrais += estVrai(e.evaluer(c));
    const double us =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count() / tours;
    EXPECT_EQ(vrais, tours * 11);
    RecordProperty("microsecondes_par_passe", std::to_string(us));
    std::printf("[ info     ] 22 règles ECi évaluées en %.2f µs\n", us);
    EXPECT_LT(us, 500.0);  // a few µs in release; loose bound for sanitizer builds
}

}  // namespace
