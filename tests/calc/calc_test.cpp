// Tests of the ECi add-in in a real headless LibreOffice Calc (see office.hpp for the harness).
//
// These tests check the add-in's plumbing: function names (API/English, programmatic, French
// UI), metadata (wizard texts), ECI.ETOILES values, error mapping, large ranges, and that
// soffice survives. The functional tests of the other functions (référentiel evaluation
// against vectors) belong in other test files of this directory (calc_*_test.cpp), added by
// the core owners; they use the same harness.
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/sheet/FunctionArgument.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>

#include <chrono>
#include <cmath>
#include <map>

#include "fonctions_table.hxx"
#include "office.hpp"

using namespace eci::test;
namespace meta = eci::addin::meta;
using ::rtl::OUString;

namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// A syntactically valid call of each function (the result does not matter here).
const std::map<std::string, std::string> kSampleCalls = {
    {"ECI.EVALUER", "(A1:A2;B1:B2)"},
    {"ECI.EVALUER_TOTAL", "(A1:A2;B1:B2)"},
    {"ECI.SCORE", "(A1:A2;B1:B2)"},
    {"ECI.ETOILES", "(50)"},
    {"ECI.ECART", "(3;500;100)"},
    {"ECI.POINTS", "(\"1\")"},
    {"ECI.LIBELLE", "(\"1\")"},
    {"ECI.REGLE", "(\"VRAI\")"},
    {"ECI.DESACTIVE", "(\"1\")"},
    {"ECI.VERIFIER", "(A1:A2;B1:B2)"},
    {"ECI.CRITERES", "(A1:A2;B1:B2;1)"},
    {"ECI.LABELLISATION", "(A1:A2;B1:B2)"},
    {"ECI.ETOILE_PLATEFORME", "(A1:A2;B1:B2)"},
    {"ECI.PREUVES", "(\"1.1.1\")"},
    {"ECI.GAIN", "(A1:A2;B1:B2)"},
    {"ECI.GAIN_LISTE", "(A1:A2;B1:B2;3)"},
    {"ECI.CHEMIN", "(A1:A2;B1:B2;1)"},
    {"ECI.CHEMIN_LISTE", "(A1:A2;B1:B2;1)"},
    {"ECI.CHEMIN_TEXTE", "(A1:A2;B1:B2;1)"},
    {"AIDE.ASSIETTE", "(60000)"},
    {"AIDE.MONTANT", "(60000;\"diagnostic\")"},
    {"AIDE.PLAFOND", "(\"diagnostic\")"},
    {"AIDE.REPARTITION", "(1000.01;0.5)"},
    {"AIDE.SOLDE", "(50000;72000;60000;15000)"},
    {"AIDE.AUTOFINANCEMENT", "(20000;80000)"},
    {"AIDE.VERIFIER", "(10000;\"diagnostic\";8400)"},
    {"CRITERES.SCORE", "(A1:A2;B1:B2)"},
    {"CRITERES.RANG", "(80;A1:A2)"},
    {"CRITERES.SELECTION", "(A1:A2;B1:B2;C1:C2)"},
    {"CRITERES.COUT_PANEL", "(A1:A2;B1:B2;C1:C2)"},
    {"CRITERES.SENSIBILITE", "(A1:B2;C1:D1)"},
    {"CRITERES.REMPLACEMENTS", "(A1:A2;B1:B2;C1:C2)"},
};

constexpr int kErrIllegalArgument = 502;  // Err:502
constexpr int kErrNoValue = 519;          // #VALUE!
constexpr int kErrNoRef = 504;            // Err:504
constexpr int kErrName = 525;             // #NAME?

struct FunctionInfo {
    std::string name;
    std::string description;
    int category = -1;
    std::vector<std::string> argNames;
    std::vector<std::string> argDescriptions;
    std::vector<bool> argOptional;
};

// Function Wizard data as Calc sees it (com.sun.star.sheet.FunctionDescriptions), by name.
std::map<std::string, FunctionInfo> functionDescriptions(Office& office) {
    uno::Reference<css::container::XIndexAccess> fd(
        office.createInstance("com.sun.star.sheet.FunctionDescriptions"), uno::UNO_QUERY_THROW);
    std::map<std::string, FunctionInfo> out;
    for (sal_Int32 i = 0; i < fd->getCount(); ++i) {
        uno::Sequence<css::beans::PropertyValue> props;
        fd->getByIndex(i) >>= props;
        FunctionInfo f;
        for (const auto& p : props) {
            if (p.Name == "Name") {
                OUString s;
                p.Value >>= s;
                f.name = utf8(s);
            } else if (p.Name == "Description") {
                OUString s;
                p.Value >>= s;
                f.description = utf8(s);
            } else if (p.Name == "Category") {
                p.Value >>= f.category;
            } else if (p.Name == "Arguments") {
                uno::Sequence<css::sheet::FunctionArgument> args;
                p.Value >>= args;
                for (const auto& a : args) {
                    f.argNames.push_back(utf8(a.Name));
                    f.argDescriptions.push_back(utf8(a.Description));
                    f.argOptional.push_back(a.IsOptional);
                }
            }
        }
        out[f.name] = f;
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Names

TEST_F(CalcTest, EnglishApiNamesResolveForEveryFunction) {
    ASSERT_EQ(meta::kFunctionCount, static_cast<int>(kSampleCalls.size()));
    int row = 1;
    std::string etoiles;  // the cell of ECI.ETOILES, whose value is checked below
    for (const meta::Function& f : meta::kFunctions) {
        SCOPED_TRACE(f.name);
        auto call = kSampleCalls.find(f.name);
        ASSERT_NE(call, kSampleCalls.end());
        const std::string cell = "D" + std::to_string(row++);
        if (std::string(f.name) == "ECI.ETOILES") etoiles = cell;
        sheet.setFormula(cell, "=" + std::string(f.name) + call->second);
        // The API grammar shows the programmatic name: the name was recognised.
        EXPECT_EQ(sheet.formula(cell).rfind("=FR.ADEME.ECI.FONCTIONS." + upper(f.method) + "(", 0), 0u)
            << sheet.formula(cell);
    }
    sheet.recalc();
    for (int r = 1; r < row; ++r) EXPECT_NE(sheet.error("D" + std::to_string(r)), kErrName);
    ASSERT_FALSE(etoiles.empty());
    EXPECT_EQ(sheet.error(etoiles), 0);
    EXPECT_EQ(sheet.value(etoiles), 3.0);
}

TEST_F(CalcTest, ProgrammaticNamesAsStoredInFiles) {
    sheet.setFormula("A1", "=FR.ADEME.ECI.FONCTIONS.ECIETOILES(50)");
    sheet.setFormula("A2", "=fr.ademe.eci.Fonctions.eciEtoiles(65)");
    sheet.setFormula("A3", "=eci.etoiles(75)");  // case-insensitive display name
    sheet.recalc();
    EXPECT_EQ(sheet.error("A1"), 0);
    EXPECT_EQ(sheet.value("A1"), 3.0);
    EXPECT_EQ(sheet.value("A2"), 4.0);
    EXPECT_EQ(sheet.value("A3"), 5.0);
}

TEST_F(CalcTest, FunctionAccessAcceptsBothNames) {
    Office& office = Office::instance();
    uno::Any args[] = {uno::Any(50.0)};
    double v = 0;
    EXPECT_TRUE(office.callFunction("ECI.ETOILES", uno::Sequence<uno::Any>(args, 1)) >>= v);
    EXPECT_EQ(v, 3.0);
    EXPECT_TRUE(office.callFunction("fr.ademe.eci.Fonctions.eciEtoiles", uno::Sequence<uno::Any>(args, 1)) >>= v);
    EXPECT_EQ(v, 3.0);
}

TEST_F(CalcTest, FunctionWizardShowsEveryFunctionWithEnglishTexts) {
    auto fds = functionDescriptions(Office::instance());
    for (const meta::Function& f : meta::kFunctions) {
        SCOPED_TRACE(f.name);
        auto it = fds.find(f.name);
        ASSERT_NE(it, fds.end()) << "not in FunctionDescriptions";
        EXPECT_EQ(it->second.description, f.description.en);
        EXPECT_EQ(it->second.category, 11);  // Add-In
        ASSERT_EQ(static_cast<int>(it->second.argNames.size()), f.argumentCount);
        for (int i = 0; i < f.argumentCount; ++i) {
            // Calc marks exactly the `any` arguments optional: required ones must not be `any`.
            EXPECT_EQ(it->second.argOptional[static_cast<std::size_t>(i)], f.arguments[i].optional)
                << f.arguments[i].idl;
            EXPECT_EQ(it->second.argNames[static_cast<std::size_t>(i)], f.arguments[i].name.en);
            EXPECT_EQ(it->second.argDescriptions[static_cast<std::size_t>(i)], f.arguments[i].description.en);
        }
    }
}

TEST_F(CalcTest, XAddInGivesFrenchAndEnglishTexts) {
    Office& office = Office::instance();
    uno::Reference<css::sheet::XAddIn> addin(office.createInstance("fr.ademe.eci.Fonctions"), uno::UNO_QUERY);
    ASSERT_TRUE(addin.is());
    for (const char* lang : {"fr", "en"}) {
        SCOPED_TRACE(lang);
        const bool fr = std::string(lang) == "fr";
        addin->setLocale(css::lang::Locale(ou(lang), ou(fr ? "FR" : "US"), OUString()));
        for (const meta::Function& f : meta::kFunctions) {
            const OUString m = OUString::createFromAscii(f.method);
            EXPECT_EQ(utf8(addin->getDisplayFunctionName(m)), f.name);  // same name in every language
            EXPECT_EQ(utf8(addin->getFunctionDescription(m)), fr ? f.description.fr : f.description.en);
            EXPECT_EQ(utf8(addin->getProgrammaticCategoryName(m)), "Add-In");
            for (int i = 0; i < f.argumentCount; ++i) {
                const meta::Argument& a = f.arguments[i];
                EXPECT_EQ(utf8(addin->getDisplayArgumentName(m, i)), fr ? a.name.fr : a.name.en);
                EXPECT_EQ(utf8(addin->getArgumentDescription(m, i)), fr ? a.description.fr : a.description.en);
            }
            EXPECT_EQ(utf8(addin->getDisplayArgumentName(m, f.argumentCount)), "");
        }
    }
    EXPECT_EQ(utf8(addin->getProgrammaticFuntionName(ou("eci.score"))), "eciScore");
    EXPECT_EQ(utf8(addin->getProgrammaticFuntionName(ou("criteres.cout_panel"))), "criteresCoutPanel");
    EXPECT_EQ(utf8(addin->getProgrammaticFuntionName(ou("AIDE.AUTOFINANCEMENT"))), "aideAutofinancement");
    EXPECT_EQ(utf8(addin->getDisplayFunctionName(ou("nope"))), "");
}

// A second office with a French UI (language pack libreoffice-l10n-fr).
TEST(CalcFrenchUi, FrenchUiNamesAndDescriptions) {
    Office& fr = Office::frenchInstance();
    Sheet sheet(fr);
    sheet.setFormulaLocal("A1", "=SOMME(1;2)");          // proves the UI really is French
    sheet.setFormulaLocal("A2", "=ECI.ETOILES(52,4)");   // same function name, French decimal comma
    sheet.setFormulaLocal("A3", "=eci.etoiles(35)");
    sheet.recalc();
    EXPECT_EQ(sheet.error("A1"), 0);
    EXPECT_EQ(sheet.value("A1"), 3.0) << "French UI not active (libreoffice-l10n-fr missing?)";
    EXPECT_EQ(sheet.error("A2"), 0);
    EXPECT_EQ(sheet.value("A2"), 3.0);
    EXPECT_EQ(sheet.value("A3"), 2.0);
    EXPECT_EQ(sheet.formula("A2"), "=FR.ADEME.ECI.FONCTIONS.ECIETOILES(52.4)");

    auto fds = functionDescriptions(fr);
    for (const meta::Function& f : meta::kFunctions) {
        SCOPED_TRACE(f.name);
        auto it = fds.find(f.name);
        ASSERT_NE(it, fds.end());
        EXPECT_EQ(it->second.description, f.description.fr);
        ASSERT_EQ(static_cast<int>(it->second.argDescriptions.size()), f.argumentCount);
        for (int i = 0; i < f.argumentCount; ++i)
            EXPECT_EQ(it->second.argDescriptions[static_cast<std::size_t>(i)], f.arguments[i].description.fr);
    }
}

// ---------------------------------------------------------------------------------------------
// ECI.ETOILES

TEST_F(CalcTest, EtoilesThresholdsAreInclusive) {
    const std::vector<std::pair<double, double>> cases = {
        {0, 1}, {34.999, 1}, {35, 2}, {49.999, 2}, {50, 3}, {64.9, 3}, {65, 4}, {74.99, 4}, {75, 5}, {100, 5}};
    std::vector<Value> inputs;
    for (const auto& c : cases) inputs.emplace_back(c.first);
    sheet.setColumn("A1", inputs);
    for (std::size_t i = 0; i < cases.size(); ++i)
        sheet.setFormula("B" + std::to_string(i + 1), "=ECI.ETOILES(A" + std::to_string(i + 1) + ")");
    sheet.recalc();
    for (std::size_t i = 0; i < cases.size(); ++i) {
        SCOPED_TRACE(cases[i].first);
        const std::string b = "B" + std::to_string(i + 1);
        EXPECT_EQ(sheet.error(b), 0);
        EXPECT_EQ(sheet.value(b), cases[i].second);
    }
}

TEST_F(CalcTest, EtoilesArgumentConversionByCalc) {
    sheet.setValue("A1", std::string("abc"));
    sheet.setFormula("B1", "=ECI.ETOILES(\"abc\")");  // text for a number: Calc refuses, no call
    sheet.setFormula("B2", "=ECI.ETOILES(A1)");       // text cell: same
    sheet.setFormula("B3", "=ECI.ETOILES(A9)");       // empty cell = 0
    sheet.setFormula("B4", "=ECI.ETOILES(\"60\")");   // numeric text is converted
    sheet.setFormula("B5", "=ECI.ETOILES(1/0)");      // errors propagate
    sheet.setFormula("B6", "=IFERROR(ECI.ETOILES(\"abc\");-1)");
    sheet.recalc();
    EXPECT_EQ(sheet.error("B1"), kErrNoValue);
    EXPECT_EQ(sheet.error("B2"), kErrNoValue);
    EXPECT_EQ(sheet.error("B3"), 0);
    EXPECT_EQ(sheet.value("B3"), 1.0);
    EXPECT_EQ(sheet.value("B4"), 3.0);
    EXPECT_EQ(sheet.error("B5"), 532);  // #DIV/0!
    EXPECT_EQ(sheet.value("B6"), -1.0);
}

// ---------------------------------------------------------------------------------------------
// Error mapping and limits (results the real implementation must give too)

TEST_F(CalcTest, BadArgumentsGiveErr502) {
    sheet.setColumn("A1", {std::string("1"), std::string("1.1")});
    sheet.setFormula("B1", "=ECI.POINTS(\"99.99.99\")");  // unknown id
    sheet.setFormula("B2", "=ECI.LIBELLE(\"pas un id\")");
    sheet.setFormula("B3", "=ECI.POINTS(A1:A2)");          // a range where one id is expected
    sheet.setFormula("B4", "=ECI.LIBELLE(A1:A2)");
    sheet.setFormula("B5", "=ECI.DESACTIVE(A1:A2)");
    sheet.recalc();
    for (const char* c : {"B1", "B2", "B3", "B4", "B5"}) {
        SCOPED_TRACE(c);
        EXPECT_EQ(sheet.error(c), kErrIllegalArgument);
    }
    EXPECT_TRUE(Office::instance().alive());
}

TEST_F(CalcTest, ErrorCellInARangeIsErr504WithoutCallingTheAddIn) {
    sheet.setFormula("A1", "=1/0");
    sheet.setValue("B1", std::string("fait"));
    sheet.setFormula("C1", "=ECI.VERIFIER(A1:A2;B1:B2)");
    sheet.recalc();
    EXPECT_EQ(sheet.error("C1"), kErrNoRef);
}

TEST_F(CalcTest, HundredThousandRowsAreAcceptedAndOneMoreIsAnError) {
    const std::size_t n = 100000;  // eci::calc::kMaxLignes
    std::vector<Row> rows(n + 1, Row{std::string("1.1.1.1"), std::string("fait")});
    auto t0 = std::chrono::steady_clock::now();
    sheet.setValues("A1", rows);
    sheet.setFormula("D1", "=ECI.VERIFIER(A1:A100000;B1:B100000)");
    sheet.setFormula("D2", "=ECI.VERIFIER(A1:A100001;B1:B100001)");
    sheet.setFormula("D3", "=ECI.SCORE(A1:A100001;B1:B100001)");
    sheet.setFormula("D4", "=ECI.VERIFIER(A:A;B:B)");  // whole columns: rows beyond the limit are empty
    sheet.setFormula("D5", "=ECI.VERIFIER(A2:A100002;B2:B100002)");  // 100000 rows of data + 1 empty
    sheet.recalc();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    std::cerr << "[eci] 100 001-row ranges: fill + recalc in " << ms.count() << " ms\n";
    ASSERT_TRUE(Office::instance().alive());
    // VERIFIER is a diagnostics function: it answers in words, never with an error value.
    EXPECT_EQ(sheet.error("D1"), 0);
    EXPECT_FALSE(sheet.text("D1").empty());
    EXPECT_EQ(sheet.error("D2"), 0);
    EXPECT_NE(sheet.text("D2").find("100 001"), std::string::npos) << sheet.text("D2");
    EXPECT_EQ(sheet.error("D3"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("D4"), 0);
    EXPECT_NE(sheet.text("D4").find("1 048 576"), std::string::npos) << sheet.text("D4").substr(0, 200);
    EXPECT_EQ(sheet.error("D5"), 0);
}

TEST_F(CalcTest, EmptyCellsWrittenByTheHarnessAreEmpty) {
    sheet.setColumn("A1", {1.5, Blank{}, std::string("1.1"), std::string("")});
    EXPECT_EQ(sheet.value("A1"), 1.5);
    EXPECT_TRUE(sheet.isEmpty("A2"));
    EXPECT_EQ(sheet.text("A3"), "1.1");  // text stays text
    EXPECT_FALSE(sheet.isEmpty("A3"));
    EXPECT_TRUE(sheet.isEmpty("A4"));
    auto v = sheet.values("A1:A4");
    ASSERT_EQ(v.size(), 4u);
    EXPECT_EQ(std::get<double>(v[0][0]), 1.5);
    EXPECT_TRUE(std::holds_alternative<Blank>(v[1][0]));
    EXPECT_EQ(std::get<std::string>(v[2][0]), "1.1");
}

// Keep last: nothing above killed or wedged soffice.
TEST_F(CalcTest, ZzOfficeIsStillAlive) {
    EXPECT_TRUE(Office::instance().alive());
    sheet.setFormula("A1", "=ECI.ETOILES(100)");
    sheet.recalc();
    EXPECT_EQ(sheet.value("A1"), 5.0);
}
