// Crash-proofing sweep: no argument a user can type into any add-in function brings soffice down or
// corrupts the sheet.
//
// Driven by the generated function table (fonctions_table.hxx, eci_addin_meta): for EVERY function
// and EVERY argument position, formulas are entered in a real headless Calc where that argument is
// replaced by a hostile value (error cells, #N/A, text for numbers and numbers for text, empty cells,
// "", 1x1 / empty / 2-D / mismatched-height ranges, reference lists, inline arrays, whole columns
// and rows, a 200 000-row range, 32 000-character texts, emoji / RTL / control characters,
// +-1E308, 1E-308, denormals, NaN and +-Inf written through the API, overflows, booleans,
// negative / fractional / huge "integers", a missing argument, #REF!, #NULL!), the other arguments
// getting a plausible valid value (optional ones without a known value are left empty or omitted).
// Functions whose IDL return type is a sequence (read from the type description manager, not from
// a list) are entered as array formulas. A new function or argument is covered automatically; a
// new argument name only needs an entry in kValid below if its control formula must not be an
// error (the type-based fallback is used otherwise).
//
// One document per function, one recalculation for all its hostile formulas. Checked:
//   - soffice is the same process and still answers after each batch (a crash or hang of a batch
//     is isolated formula by formula and reported with a minimal reproducing formula);
//   - every formula cell holds a value, a text or one of the benign error codes (kBenignErrors);
//     parse errors (#NAME?, Err:501/508/509/...) would mean the sweep itself is wrong;
//   - control formulas (all arguments valid), entered before the hostile ones and again after
//     them, give exactly the value computed before the hostile formulas existed;
//   - the input cells, a sentinel area and the document's sheets are unchanged;
//   - the error-message-free contract: every non-VERIFIER function refuses some hostile input
//     with the bare Err:502, and a large share of the sweep ends in Err:502; the *.VERIFIER
//     functions answer hostile input in words (text) instead.
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XHierarchicalNameAccess.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/reflection/XInterfaceMethodTypeDescription.hpp>
#include <com/sun/star/reflection/XInterfaceTypeDescription2.hpp>
#include <com/sun/star/reflection/XMethodParameter.hpp>
#include <com/sun/star/sheet/XArrayFormulaRange.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeFormula.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/uno/TypeClass.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fonctions_table.hxx"
#include "office.hpp"

using namespace eci::test;
namespace meta = eci::addin::meta;
using ::rtl::OUString;

namespace {

// ---- error codes (getError) ------------------------------------------------------------------
constexpr int kErr502 = 502;  // Err:502: invalid argument (the add-in's IllegalArgumentException, or Calc)
// Codes a hostile formula may legitimately end in. Anything else (and any exception while reading
// a cell) fails the test.
const std::map<int, const char*> kBenignErrors = {
    {502, "Err:502 invalid argument"},
    {503, "#NUM! invalid floating point operation"},
    {504, "Err:504 error in parameter list (e.g. an error cell inside a range)"},
    {511, "Err:511 missing variable (a missing argument)"},
    {519, "#VALUE! (text for a number, or a non-argument exception)"},
    {521, "#NULL! (empty intersection)"},
    {524, "#REF! (invalid reference)"},
    {532, "#DIV/0! (propagated from the input)"},
    {32767, "#N/A (propagated, or array cells beyond the result)"},
};

// ---- sheet layout ------------------------------------------------------------------------------
// A..H rows 1..14  valid input data (a référentiel extract, statuses, details, context, candidates)
// J, K             hostile cells; L1:L5 always empty
// N..U from row 51  formulas (one row per scalar formula, kArrayRows x kArrayCols per array formula)
// AA..AD rows 1..5 sentinel; a second sheet "Sentinelle" as well
constexpr sal_Int32 kFormulaCol = 13;  // N
constexpr sal_Int32 kFormulaRow = 50;  // row 51: below the inputs, so a whole-row reference ($3:$3) holds no formula
constexpr sal_Int32 kArrayCols = 8;
constexpr sal_Int32 kArrayRows = 4;
const char* const kInputArea = "A1:L20";
const char* const kSentinelArea = "AA1:AD5";

// IDL signature of a method, from the type description manager of the running office.
struct Signature {
    bool sequenceReturn = false;                // an array formula is needed
    std::vector<uno::TypeClass> parameters;     // DOUBLE, STRING, SEQUENCE, ANY
};

// Plausible valid values by IDL argument name ("FUNCTION/argument" overrides "argument").
const std::map<std::string, std::string> kValid = {
    {"ids", "$A$1:$A$4"},
    {"statuts", "$B$1:$B$4"},
    {"details", "$C$1:$E$4"},
    {"contexte", "$F$1:$G$3"},
    {"noeud", "\"1.1\""},
    {"mesure", "\"pourcentage\""},
    {"pourcentage", "52.4"},
    {"etoile", "4"},
    {"potentiel", "500"},
    {"fait", "300"},
    {"id", "\"1.1\""},
    {"formule", "\"reponse(dechets_1, OUI)\""},
    {"montantHt", "60000"},
    {"phase", "\"diagnostic\""},
    {"tauxAide", "0.7"},
    {"tauxTva", "0.2"},
    {"partTvaRecuperable", "0"},
    {"plafondSur", "\"assiette\""},
    {"aide", "1000.01"},
    {"partAdeme", "0.5"},
    {"aideAttribuee", "50000"},
    {"assiettePrevue", "72000"},
    {"depenseReelle", "60000"},
    {"dejaVerse", "15000"},
    {"regle", "\"taux\""},
    {"partMaitreOuvrage", "20000"},
    {"financementsPublics", "$G$10:$G$11"},
    {"aideDemandee", "8400"},
    {"autresAidesPubliques", "0"},
    {"investissement", "1"},
    {"notes", "$D$10:$F$10"},
    {"CRITERES.SENSIBILITE/notes", "$D$10:$F$14"},
    {"poids", "$D$9:$F$9"},
    {"noteMax", "5"},
    {"score", "$A$12"},
    {"scores", "$A$10:$A$14"},
    {"departage", "$H$12"},
    {"departages", "$H$10:$H$14"},
    {"typologiesTerritoire", "$B$10:$B$14"},
    {"typologiesCollectivite", "$C$10:$C$14"},
    {"nombre", "3"},
    {"scoreMin", "0"},
    {"variation", "0.2"},
};

// Fallback for an argument name not in kValid: by IDL type (optional ones are left out).
std::string fallbackValid(const meta::Argument& a, uno::TypeClass type) {
    if (a.optional) return "";
    switch (type) {
        case uno::TypeClass_DOUBLE: return "1";
        case uno::TypeClass_STRING: return "\"1\"";
        case uno::TypeClass_SEQUENCE: return "$A$10:$A$14";
        default: return "1";
    }
}

std::string validValue(const meta::Function& f, int i, const Signature& sig) {
    const meta::Argument& a = f.arguments[i];
    auto it = kValid.find(std::string(f.name) + "/" + a.idl);
    if (it == kValid.end()) it = kValid.find(a.idl);
    if (it != kValid.end()) return it->second;
    const std::size_t k = static_cast<std::size_t>(i);
    return fallbackValid(a, k < sig.parameters.size() ? sig.parameters[k] : uno::TypeClass_ANY);
}

struct Hostile {
    std::string label;
    std::string expr;  // "" = the argument slot left empty
    // A multi-cell range given to a scalar (double / string) parameter of an ARRAY formula makes
    // Calc call the function once per cell (1 to 1.6 million add-in calls, several seconds each):
    // the huge ones are kept for the other parameters and for scalar formulas only.
    bool hugeRange = false;
};

// The hostile values, whatever the argument's type (a text where a number is expected and a
// number where a text is expected are both in the list).
const std::vector<Hostile>& hostileValues() {
    static const std::vector<Hostile> v = {
        {"error cell (=1/0)", "$J$1"},
        {"#N/A cell (=NA())", "$J$2"},
        {"NA() inline", "NA()"},
        {"text", "\"abc\""},
        {"text cell", "$J$6"},
        {"numeric text", "\"60\""},
        {"number", "42"},
        {"zero", "0"},
        {"negative integer", "-1"},
        {"fraction", "2.5"},
        {"negative fraction", "-0.5"},
        {"almost an integer", "3.9999999999"},
        {"2^53+1", "9007199254740993"},
        {"-2^31-1", "-2147483649"},
        {"1E308", "1E308"},
        {"-1E308", "-1E308"},
        {"1E-308", "1E-308"},
        {"1E308 cell", "$J$11"},
        {"denormal cell (4.9E-324)", "$J$15"},
        {"overflow 1E308*10", "1E308*10"},
        {"overflow cell", "$J$16"},
        {"NaN cell (written through the API)", "$J$7"},
        {"+Inf cell (written through the API)", "$J$8"},
        {"-Inf cell (written through the API)", "$J$9"},
        {"SQRT(-1)", "SQRT(-1)"},
        {"TRUE()", "TRUE()"},
        {"FALSE()", "FALSE()"},
        {"TRUE cell", "$J$10"},
        {"empty cell", "$J$3"},
        {"empty string", "\"\""},
        {"empty-string formula cell", "$J$13"},
        {"blanks-only text cell", "$J$14"},
        {"missing argument", ""},
        {"1x1 range (text)", "$J$6:$J$6"},
        {"1x1 range (empty)", "$J$3:$J$3"},
        {"1x1 range (number)", "$A$10:$A$10"},
        {"empty range", "$L$1:$L$5"},
        {"2-D range", "$A$1:$D$4"},
        {"one-row range", "$A$10:$F$10"},
        {"mixed-types range", "$K$1:$K$5"},
        {"range with an error cell", "$J$1:$J$3"},
        {"range with NaN / +-Inf cells (API)", "$J$7:$J$9"},
        {"reference list (~)", "($A$1:$A$4~$B$1:$B$5)"},
        {"inline array {1;2;3}", "{1;2;3}"},
        {"inline array {1|2|3}", "{1|2|3}"},
        {"inline text array {\"a\";\"b\"}", "{\"a\";\"b\"}"},
        {"inline text array {\"a\"|\"b\"}", "{\"a\"|\"b\"}"},
        {"inline mixed 2-D array", "{1;\"x\"|0;-1E308}"},
        {"whole column", "$A:$A", true},
        {"whole row (1024 cells of data and blanks)", "$3:$3"},
        {"big range A1:H200000", "$A$1:$H$200000", true},
        {"32 000-character text cell", "$J$4"},
        {"32 000-character text inline", "REPT(\"\xC3\xA9\";32000)"},
        {"unicode text cell (emoji, RTL)", "$J$5"},
        {"emoji + RTL override inline", "UNICHAR(128512)&UNICHAR(8238)&\"1.1\""},
        {"control characters inline", "CHAR(1)&\"1.1\"&CHAR(127)"},
        {"control characters cell", "$J$12"},
        {"multi-line text cell", "$J$17"},
        {"#REF! (INDIRECT)", "INDIRECT(\"nope\")"},
        {"#NULL! (empty intersection)", "($A$1:$A$2!$C$3:$C$4)"},
    };
    return v;
}

// Hostile ranges derived from a valid range argument: same columns, another height (a ragged /
// mismatched pair with the other range arguments).
std::vector<Hostile> derivedHostiles(const std::string& valid) {
    static const std::regex range(R"(^\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$)");
    std::smatch m;
    std::vector<Hostile> out;
    if (!std::regex_match(valid, m, range)) return out;
    const int r1 = std::stoi(m[2]), r2 = std::stoi(m[4]);
    auto make = [&](int last) { return "$" + m[1].str() + "$" + std::to_string(r1) + ":$" + m[3].str() + "$" +
                                       std::to_string(last); };
    out.push_back({"taller range (mismatched height)", make(r2 + 3)});
    if (r2 > r1) out.push_back({"shorter range (mismatched height)", make(r2 - 1)});
    return out;
}

// ---- what the sweep enters ------------------------------------------------------------------------
struct Case {
    std::string function;
    std::string argument;  // "" for control formulas and function-level cases
    std::string label;
    std::string formula;
    bool control = false;
    uno::TypeClass parameterType = uno::TypeClass_VOID;  // of the hostile argument
    bool excused = false;  // the hostile value is itself an error, or an argument is missing / extra
    // filled after the recalculation
    sal_Int32 row = 0;
    int error = -1;
    bool isText = false;
    double value = 0;
    std::string text;
};

Case makeCase(std::string function, std::string argument, std::string label, std::string formula,
              bool control = false) {
    Case c;
    c.function = std::move(function);
    c.argument = std::move(argument);
    c.label = std::move(label);
    c.formula = std::move(formula);
    c.control = control;
    return c;
}

std::string call(const meta::Function& f, std::vector<std::string> args, std::size_t keep) {
    // Trailing empty arguments beyond `keep` are omitted; inner ones stay empty (f(a;;c)).
    while (args.size() > keep && args.back().empty()) args.pop_back();
    std::string s = "=" + std::string(f.name) + "(";
    for (std::size_t i = 0; i < args.size(); ++i) s += (i ? ";" : "") + args[i];
    return s + ")";
}

std::vector<std::string> validArgs(const meta::Function& f, const Signature& sig) {
    std::vector<std::string> args;
    for (int i = 0; i < f.argumentCount; ++i) args.push_back(validValue(f, i, sig));
    return args;
}

// `erroneous`: labels of the hostile values that are Calc errors on their own (see hostileBaseline).
std::vector<Case> casesFor(const meta::Function& f, const Signature& sig, const std::set<std::string>& erroneous) {
    std::vector<Case> out;
    const std::vector<std::string> valid = validArgs(f, sig);
    for (int k = 0; k < f.argumentCount; ++k) {
        const meta::Argument& a = f.arguments[k];
        const uno::TypeClass type = sig.parameters[static_cast<std::size_t>(k)];
        const bool scalarParameter = type == uno::TypeClass_DOUBLE || type == uno::TypeClass_STRING;
        std::vector<Hostile> hostiles = hostileValues();
        for (const Hostile& h : derivedHostiles(valid[static_cast<std::size_t>(k)])) hostiles.push_back(h);
        for (const Hostile& h : hostiles) {
            if (h.hugeRange && sig.sequenceReturn && scalarParameter) continue;
            std::vector<std::string> args = valid;
            args[static_cast<std::size_t>(k)] = h.expr;
            Case c = makeCase(f.name, a.idl, h.label, call(f, args, static_cast<std::size_t>(k) + 1));
            c.parameterType = type;
            c.excused = h.expr.empty() || erroneous.count(h.label) > 0;
            out.push_back(std::move(c));
        }
    }
    std::vector<std::string> tooMany = valid;
    tooMany.push_back("1");
    Case c = makeCase(f.name, "", "one argument too many", call(f, tooMany, tooMany.size()));
    c.excused = true;
    out.push_back(std::move(c));
    return out;
}

// ---- UNO helpers ---------------------------------------------------------------------------------
uno::Reference<css::table::XCell> cellAt(Sheet& s, sal_Int32 col, sal_Int32 row) {
    return s.spreadsheet()->getCellByPosition(col, row);
}

std::map<std::string, Signature> signatures(Office& office) {
    uno::Reference<css::container::XHierarchicalNameAccess> tdm(
        office.context()->getValueByName("/singletons/com.sun.star.reflection.theTypeDescriptionManager"),
        uno::UNO_QUERY_THROW);
    uno::Reference<css::reflection::XInterfaceTypeDescription2> itd(
        tdm->getByHierarchicalName(OUString::createFromAscii(meta::kInterface)), uno::UNO_QUERY_THROW);
    std::map<std::string, Signature> out;
    for (const auto& member : itd->getMembers()) {
        uno::Reference<css::reflection::XInterfaceMethodTypeDescription> m(member, uno::UNO_QUERY);
        if (!m.is()) continue;
        Signature sig;
        sig.sequenceReturn = m->getReturnType()->getTypeClass() == uno::TypeClass_SEQUENCE;
        for (const auto& p : m->getParameters()) sig.parameters.push_back(p->getType()->getTypeClass());
        out[utf8(m->getMemberName())] = sig;
    }
    return out;
}

// Kills soffice when a batch runs longer than `seconds` (a hang); the blocked UNO call then throws.
class HangGuard {
public:
    // `fired` (optional) is set when the guard killed soffice; it outlives the guard.
    HangGuard(Office& office, int seconds, std::atomic<bool>* fired = nullptr) : office_(office), flag_(fired) {
        thread_ = std::thread([this, seconds] {
            std::unique_lock<std::mutex> l(m_);
            if (!cv_.wait_for(l, std::chrono::seconds(seconds), [this] { return done_; })) {
                if (flag_) *flag_ = true;
                std::cerr << "[hostile] batch still running after " << seconds << " s: killing soffice\n";
                office_.kill();
            }
        });
    }
    ~HangGuard() {
        {
            std::lock_guard<std::mutex> l(m_);
            done_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
private:
    Office& office_;
    std::atomic<bool>* flag_;
    std::thread thread_;
    std::mutex m_;
    std::condition_variable cv_;
    bool done_ = false;
};

int envInt(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : fallback;
}

// Inputs: valid data, hostile cells, sentinel (also on a second sheet).
void writeInputs(Sheet& s) {
    s.setColumn("A1", {std::string("1.1.1.1"), std::string("1.1.1.2"), std::string("1.1.2.1"),
                       std::string("1.1.2.2")});
    s.setColumn("B1", {std::string("fait"), std::string("programm\xC3\xA9"), std::string("pas fait"),
                       std::string("d\xC3\xA9taill\xC3\xA9")});
    s.setValues("C1", {Row{0.5, 0.25, 0.25}, Row{0.5, 0.25, 0.25}, Row{0.5, 0.25, 0.25}, Row{0.5, 0.25, 0.25}});
    s.setValues("F1", {Row{std::string("type"), std::string("commune")}, Row{std::string("population"), 5000.0},
                       Row{std::string("dechets_1"), std::string("OUI")}});
    s.setValues("D9", {Row{1.0, 2.0, 1.0}});
    s.setValues("A10", {Row{90.0, std::string("Urbain"), std::string("CA"), 4.0, 3.0, 5.0, 50000.0, 3.0},
                        Row{85.0, std::string("Urbain"), std::string("CA"), 5.0, 5.0, 2.0, 30000.0, 1.0},
                        Row{80.0, std::string("Urbain"), std::string("CA"), 3.0, std::string("NC"), 4.0, Blank{}, 4.0},
                        Row{40.0, std::string("Rural"), std::string("CC"), 2.0, 1.0, 1.0, Blank{}, 2.0},
                        Row{30.0, std::string("Rural"), std::string("CA"), 1.0, 2.0, 3.0, Blank{}, 5.0}});

    s.setFormula("J1", "=1/0");
    s.setFormula("J2", "=NA()");
    std::string longText;  // 32 000 UTF-16 units, non-ASCII included
    while (longText.size() < 32000 * 2) longText += "x\xC3\xA9";  // "xé": 2 units per 3 bytes
    longText.resize(48000);                                      // 16 000 x "xé" = 32 000 characters
    s.setValue("J4", longText);
    s.setValue("J5", std::string("\xF0\x9F\x98\x80 \xD7\xA2\xD7\x91\xD7\xA8\xD7\x99\xD7\xAA \xD9\x85\xD8\xB1\xD8\xAD"
                                 "\xD8\xA8\xD8\xA7 \xE2\x80\xAE 1.1 \xE2\x88\x91 e\xCC\x81 \xEF\xBF\xBF"));
    s.setValue("J6", std::string("abc"));
    uno::Reference<css::sheet::XSpreadsheet> sh = s.spreadsheet();
    sh->getCellByPosition(9, 6)->setValue(std::numeric_limits<double>::quiet_NaN());   // J7
    sh->getCellByPosition(9, 7)->setValue(std::numeric_limits<double>::infinity());    // J8
    sh->getCellByPosition(9, 8)->setValue(-std::numeric_limits<double>::infinity());   // J9
    s.setFormula("J10", "=TRUE()");
    s.setValue("J11", 1e308);
    s.setFormula("J12", "=CHAR(1)&\"1.1\"&CHAR(127)");
    s.setFormula("J13", "=\"\"");
    s.setValue("J14", std::string("   "));
    sh->getCellByPosition(9, 14)->setValue(std::numeric_limits<double>::denorm_min());  // J15
    s.setFormula("J16", "=1E308*10");
    s.setValue("J17", std::string("1.1\n1.2"));
    s.setColumn("K1", {1.0, std::string("abc"), Blank{}, Blank{}, 1e308});
    s.setFormula("K4", "=TRUE()");

    s.setValues("AA1", {Row{1.0, std::string("sentinelle"), -2.5, std::string("\xF0\x9F\x98\x80")},
                        Row{1e300, Blank{}, std::string("1.1"), 0.0}});
    s.setFormula("AA3", "=SUM(AA1;AC1)");
    s.setFormula("AB3", "=A1&B1");
    s.setFormula("AC3", "=COUNTA(A1:H14)");
    s.setFormula("AD3", "=SUMPRODUCT(D10:D14;E10:E14)");
    s.setFormula("AA4", "=ROWS(A:A)");
    s.setFormula("AB5", "=LEN(J4)");

    uno::Reference<css::sheet::XSpreadsheets> sheets = s.document()->getSheets();
    sheets->insertNewByName("Sentinelle", 1);
    uno::Reference<css::container::XIndexAccess> idx(sheets, uno::UNO_QUERY_THROW);
    uno::Reference<css::sheet::XSpreadsheet> second(idx->getByIndex(1), uno::UNO_QUERY_THROW);
    second->getCellByPosition(0, 0)->setFormula("=Sheet1.A1&\"|\"&Sheet1.AA1");
    second->getCellByPosition(1, 0)->setValue(42);
}

struct Snapshot {
    uno::Sequence<uno::Sequence<OUString>> inputFormulas;
    uno::Sequence<uno::Sequence<uno::Any>> sentinelData;
    uno::Sequence<uno::Sequence<OUString>> sentinelFormulas;
    std::string secondSheet;
    sal_Int32 sheetCount = 0;
};

Snapshot snapshot(Sheet& s) {
    Snapshot sn;
    uno::Reference<css::sheet::XSpreadsheet> sh = s.spreadsheet();
    sn.inputFormulas = uno::Reference<css::sheet::XCellRangeFormula>(sh->getCellRangeByName(ou(kInputArea)),
                                                                     uno::UNO_QUERY_THROW)->getFormulaArray();
    auto sentinel = sh->getCellRangeByName(ou(kSentinelArea));
    sn.sentinelData = uno::Reference<css::sheet::XCellRangeData>(sentinel, uno::UNO_QUERY_THROW)->getDataArray();
    sn.sentinelFormulas = uno::Reference<css::sheet::XCellRangeFormula>(sentinel, uno::UNO_QUERY_THROW)->getFormulaArray();
    uno::Reference<css::container::XIndexAccess> idx(s.document()->getSheets(), uno::UNO_QUERY_THROW);
    sn.sheetCount = idx->getCount();
    if (sn.sheetCount > 1) {
        uno::Reference<css::sheet::XSpreadsheet> second(idx->getByIndex(1), uno::UNO_QUERY_THROW);
        auto a1 = second->getCellByPosition(0, 0);
        sn.secondSheet = utf8(uno::Reference<css::text::XTextRange>(a1, uno::UNO_QUERY_THROW)->getString()) + "/" +
                         std::to_string(second->getCellByPosition(1, 0)->getValue());
    }
    return sn;
}

bool sameSnapshot(const Snapshot& a, const Snapshot& b, std::string& why) {
    if (a.inputFormulas != b.inputFormulas) why += "input cells changed; ";
    if (a.sentinelFormulas != b.sentinelFormulas) why += "sentinel formulas changed; ";
    if (a.sentinelData != b.sentinelData) why += "sentinel values changed; ";
    if (a.secondSheet != b.secondSheet) why += "second sheet changed (" + a.secondSheet + " -> " + b.secondSheet + "); ";
    if (a.sheetCount != b.sheetCount) why += "sheet count changed; ";
    return why.empty();
}

// Places the formulas from row `row` on; returns the next free row.
sal_Int32 place(Sheet& s, std::vector<Case>& cases, sal_Int32 row, bool array) {
    uno::Reference<css::sheet::XSpreadsheet> sh = s.spreadsheet();
    for (Case& c : cases) {
        c.row = row;
        if (array) {
            uno::Reference<css::sheet::XArrayFormulaRange>(
                sh->getCellRangeByPosition(kFormulaCol, row, kFormulaCol + kArrayCols - 1, row + kArrayRows - 1),
                uno::UNO_QUERY_THROW)
                ->setArrayFormula(ou(c.formula));
            row += kArrayRows;
        } else {
            cellAt(s, kFormulaCol, row)->setFormula(ou(c.formula));
            row += 1;
        }
    }
    return row;
}

// Reads the anchor cell of every case (error code, else number or text); for array formulas the
// whole block must be readable too.
void readResults(Sheet& s, std::vector<Case>& cases, bool array, sal_Int32 lastRow) {
    uno::Reference<css::sheet::XSpreadsheet> sh = s.spreadsheet();
    auto data = uno::Reference<css::sheet::XCellRangeData>(
                    sh->getCellRangeByPosition(kFormulaCol, 0, kFormulaCol + (array ? kArrayCols : 1) - 1, lastRow),
                    uno::UNO_QUERY_THROW)
                    ->getDataArray();
    for (Case& c : cases) {
        c.error = cellAt(s, kFormulaCol, c.row)->getError();
        const uno::Any& a = data[c.row][0];
        OUString str;
        if (a >>= c.value) {
            c.isText = false;
        } else if (a >>= str) {
            c.isText = true;
            c.text = utf8(str);
        }
    }
}

bool sameResult(const Case& a, const Case& b) {
    if (a.error != b.error) return false;
    if (a.error) return true;
    if (a.isText != b.isText) return false;
    return a.isText ? a.text == b.text : a.value == b.value;
}

std::string describe(const Case& c) {
    std::ostringstream o;
    if (c.error) {
        o << "error " << c.error;
    } else if (c.isText) {
        std::string t = c.text.substr(0, 80);
        for (char& ch : t)
            if (ch == '\n') ch = '|';
        o << "text \"" << t << (c.text.size() > 80 ? "...\"" : "\"");
    } else {
        o << std::setprecision(17) << c.value;
    }
    return o.str();
}

bool isVerifier(const meta::Function& f) {
    const std::string m = f.method;
    return m.size() >= 8 && m.compare(m.size() - 8, 8, "Verifier") == 0;
}

// The hostile values that are Calc errors on their own (an error, or a range holding one), whatever
// function receives them: =SUMPRODUCT(ISERROR(value)) on the same inputs.
std::set<std::string> hostileBaseline(Office& office, bool dump) {
    Sheet s(office);
    uno::Reference<css::sheet::XCalculatable> calc(s.document(), uno::UNO_QUERY_THROW);
    calc->enableAutomaticCalculation(false);
    writeInputs(s);
    const std::vector<Hostile>& hs = hostileValues();
    for (std::size_t i = 0; i < hs.size(); ++i) {
        if (hs[i].expr.empty()) continue;
        const sal_Int32 row = kFormulaRow + static_cast<sal_Int32>(i);
        cellAt(s, kFormulaCol, row)->setFormula(ou("=SUMPRODUCT(ISERROR(" + hs[i].expr + "))"));
        cellAt(s, kFormulaCol + 1, row)->setFormula(ou("=" + hs[i].expr));
    }
    calc->calculateAll();
    std::set<std::string> out;
    for (std::size_t i = 0; i < hs.size(); ++i) {
        if (hs[i].expr.empty()) continue;
        auto count = cellAt(s, kFormulaCol, kFormulaRow + static_cast<sal_Int32>(i));
        auto alone = cellAt(s, kFormulaCol + 1, kFormulaRow + static_cast<sal_Int32>(i));
        const bool erroneous = count->getError() != 0 || count->getValue() > 0;
        if (erroneous) out.insert(hs[i].label);
        if (dump)
            std::cerr << "[hostile] baseline " << std::left << std::setw(40) << hs[i].label << std::right
                      << (erroneous ? " ERROR" : "      ") << "   =value alone: error " << alone->getError()
                      << ", value " << alone->getValue() << "\n";
    }
    return out;
}

struct Totals {
    std::size_t formulas = 0;
    std::size_t arguments = 0;
    std::map<int, std::size_t> codes;
    std::vector<std::string> crashes;
};

// A batch died: find the formulas that kill (or hang) soffice on their own.
void isolate(Office& office, const std::vector<Case>& cases, bool array, Totals& totals) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(envInt("ECI_HOSTILE_ISOLATE_S", 180));
    for (const Case& c : cases) {
        if (std::chrono::steady_clock::now() > deadline) {
            totals.crashes.push_back("(isolation budget exhausted before " + c.formula + ")");
            return;
        }
        office.ensureRunning();
        const pid_t pid = office.pid();
        bool died = false;
        std::atomic<bool> hung{false};
        try {
            Sheet s(office);
            writeInputs(s);
            std::vector<Case> one{c};
            place(s, one, kFormulaRow, array);
            {
                HangGuard guard(office, 20, &hung);
                uno::Reference<css::sheet::XCalculatable>(s.document(), uno::UNO_QUERY_THROW)->calculateAll();
            }
            cellAt(s, kFormulaCol, kFormulaRow)->getError();
        } catch (const uno::Exception&) {
            died = true;
        }
        if (died || !office.alive() || office.pid() != pid)
            totals.crashes.push_back(std::string(hung ? "HANG: " : "CRASH: ") + c.formula + "   [" + c.function +
                                     " / " + c.argument + " / " + c.label + "]");
    }
    office.ensureRunning();
}

}  // namespace

TEST_F(CalcTest, HostileArgumentsNeverCrashNorCorruptTheSheet) {
    const auto t0 = std::chrono::steady_clock::now();
    Office* office = &Office::instance();
    const std::map<std::string, Signature> sigs = signatures(*office);
    const int batchTimeout = envInt("ECI_HOSTILE_BATCH_TIMEOUT", 90);
    const bool dump = envInt("ECI_HOSTILE_DUMP", 0) != 0;
    const std::set<std::string> erroneous = hostileBaseline(*office, dump);
    // Sanity of the baseline itself: the error cell is an error, the plain text is not.
    EXPECT_TRUE(erroneous.count("error cell (=1/0)"));
    EXPECT_FALSE(erroneous.count("text"));

    Totals totals;
    std::size_t functions = 0;
    std::size_t arrayFunctions = 0;
    std::size_t controlsChecked = 0;
    const char* only = std::getenv("ECI_HOSTILE_FUNCTIONS");  // debugging: a substring of the names to sweep
    for (const meta::Function& f : meta::kFunctions) {
        if (only && *only && std::string(f.name).find(only) == std::string::npos) continue;
        SCOPED_TRACE(f.name);
        auto sigIt = sigs.find(f.method);
        ASSERT_NE(sigIt, sigs.end()) << f.method << " is not a method of " << meta::kInterface;
        const Signature& sig = sigIt->second;
        ASSERT_EQ(static_cast<int>(sig.parameters.size()), f.argumentCount);
        const bool array = sig.sequenceReturn;
        ++functions;
        arrayFunctions += array ? 1 : 0;
        totals.arguments += static_cast<std::size_t>(f.argumentCount);
        const auto tf = std::chrono::steady_clock::now();

        std::vector<Case> hostile = casesFor(f, sig, erroneous);
        totals.formulas += hostile.size();
        std::vector<Case> controls;
        const std::string validCall = call(f, validArgs(f, sig), 0);
        controls.push_back(makeCase(f.name, "", "control", validCall, true));

        office->ensureRunning();
        const pid_t pid = office->pid();
        bool batchDied = false;
        std::atomic<bool> batchHung{false};
        std::string failure;
        {
            Sheet s(*office);
            try {
                uno::Reference<css::sheet::XCalculatable> calc(s.document(), uno::UNO_QUERY_THROW);
                calc->enableAutomaticCalculation(false);
                writeInputs(s);
                sal_Int32 row = place(s, controls, kFormulaRow, array);
                calc->calculateAll();
                readResults(s, controls, array, row);
                const Case reference = controls[0];
                // Control formula with valid arguments: a real result (add a kValid entry for a new
                // argument name if this fails).
                EXPECT_EQ(reference.error, 0) << validCall << " gives " << describe(reference);
                const Snapshot before = snapshot(s);

                row = place(s, hostile, row, array);
                std::vector<Case> after = controls;  // the control again, below the hostile formulas
                row = place(s, after, row, array);
                {
                    HangGuard guard(*office, batchTimeout, &batchHung);
                    calc->calculateAll();
                }
                if (batchHung) batchDied = true;
                if (!batchDied) {
                    readResults(s, hostile, array, row);
                    std::vector<Case> controlsAgain = controls;
                    readResults(s, controlsAgain, array, row);
                    readResults(s, after, array, row);
                    for (const Case* c : {&controlsAgain[0], &after[0]}) {
                        ++controlsChecked;
                        EXPECT_TRUE(sameResult(*c, reference))
                            << validCall << " at row " << c->row + 1 << ": " << describe(*c) << ", before: "
                            << describe(reference);
                    }
                    std::string why;
                    EXPECT_TRUE(sameSnapshot(before, snapshot(s), why)) << why;
                }
            } catch (const uno::Exception& e) {
                batchDied = true;
                failure = utf8(e.Message);
            }
        }
        if (batchDied || !office->alive() || office->pid() != pid) {
            ADD_FAILURE() << "soffice " << (batchHung ? "hung (killed after the batch timeout)" : "died")
                          << " during the batch of " << f.name << " (" << failure << "); isolating the culprit(s)";
            isolate(*office, hostile, array, totals);
            office = &Office::instance();
            continue;
        }

        // Per-cell contract.
        std::map<int, std::size_t> codes;
        std::size_t words = 0;
        for (const Case& c : hostile) {
            ++codes[c.error];
            ++totals.codes[c.error];
            if (c.error == 0 && c.isText && c.text != "OK" && !c.text.empty()) ++words;
            if (c.error != 0) {
                EXPECT_TRUE(kBenignErrors.count(c.error))
                    << c.formula << " [" << c.argument << " / " << c.label << "] gives error " << c.error;
                // Calc gives #VALUE! on its own only for scalar (double / string) parameters; on a
                // range or `any` parameter it means the add-in threw something other than
                // IllegalArgumentException (its message-free refusal).
                if (c.parameterType == uno::TypeClass_SEQUENCE || c.parameterType == uno::TypeClass_ANY) {
                    EXPECT_NE(c.error, 519) << c.formula << " [" << c.argument << " / " << c.label << "]";
                }
                // The diagnostics functions answer a bad but error-free value in words, not Err:502.
                if (isVerifier(f) && !c.excused) {
                    EXPECT_NE(c.error, kErr502) << c.formula << " [" << c.argument << " / " << c.label << "]";
                }
            } else if (!c.isText) {
                EXPECT_TRUE(std::isfinite(c.value)) << c.formula << " gives " << c.value;
            }
        }
        if (isVerifier(f)) {
            // Diagnostics functions answer in words.
            EXPECT_GT(words, 0u) << f.name << " never explained a hostile input in words";
        } else {
            // Refusal is the bare Err:502 (no message), not #VALUE! from an unexpected exception.
            EXPECT_GT(codes[kErr502], 0u) << f.name << " never answered a hostile input with Err:502";
        }
        std::ostringstream line;
        line << "[hostile] " << std::left << std::setw(24) << f.name << std::right << std::setw(2) << f.argumentCount
             << " args " << std::setw(4) << hostile.size() << " formulas" << (array ? " (array)" : "        ")
             << std::setw(6)
             << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - tf).count()
             << " ms  codes:";
        for (const auto& [code, n] : codes) line << ' ' << code << 'x' << n;
        if (isVerifier(f)) line << "  texts in words: " << words;
        std::cerr << line.str() << "\n";
        if (dump)
            for (const Case& c : hostile)
                std::cerr << "    " << describe(c) << "   " << c.formula.substr(0, 160) << "   [" << c.argument
                          << " / " << c.label << "]\n";
    }

    for (const std::string& c : totals.crashes) ADD_FAILURE() << c;
    EXPECT_TRUE(totals.crashes.empty());
    EXPECT_TRUE(office->alive());

    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    if (!(only && *only)) {
        EXPECT_EQ(functions, static_cast<std::size_t>(meta::kFunctionCount));
    }
    std::cerr << "[hostile] " << functions << " functions (" << arrayFunctions << " array), "
              << totals.arguments << " arguments, " << hostileValues().size()
              << " hostile values per argument (+ derived ranges) = " << totals.formulas << " formulas, "
              << controlsChecked << " control checks, in " << ms << " ms; codes:";
    for (const auto& [code, n] : totals.codes) std::cerr << ' ' << code << 'x' << n;
    std::cerr << "\n";

    // Every argument got every hostile value (but the two huge ranges, skipped in one case).
    EXPECT_GE(totals.formulas, totals.arguments * (hostileValues().size() - 2));
    // A large share of the sweep reaches the add-in and is refused with the bare Err:502.
    EXPECT_GE(totals.codes[kErr502] * 5, totals.formulas * 2) << "fewer than 40 % of the hostile formulas gave Err:502";
}
