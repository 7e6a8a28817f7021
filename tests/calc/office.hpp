// A small harness to test the ECi add-in in a real headless LibreOffice, from GoogleTest.
//
//   Office   one soffice.bin process (headless, UNO over a pipe) on a private copy of the
//            profile template made by make_profile.sh (extension installed). Started once per
//            test binary (Office::instance()), restarted automatically if it died, killed at
//            exit (and by the kernel if the test binary dies: PR_SET_PDEATHSIG).
//   Sheet    a new, hidden spreadsheet document (closed by the destructor) with helpers to fill
//            ranges, set (array) formulas, recalculate and read values / error codes / text.
//   CalcTest a gtest fixture that gives each test a fresh Sheet `sheet`.
//
// Typical test (API grammar: English function names, ';' separators, '.' decimals):
//
//   TEST_F(CalcTest, Example) {
//       sheet.setColumn("A1", {"1.1", "1.2", Blank{}});       // text ids, then an empty cell
//       sheet.setColumn("B1", {"fait", "programmé", Blank{}});
//       sheet.setFormula("D1", "=ECI.SCORE(A1:A3;B1:B3)");
//       sheet.setArrayFormula("D3:K5", "=ECI.EVALUER(A1:A3;B1:B3)");
//       sheet.recalc();
//       EXPECT_EQ(sheet.error("D1"), 0);
//       EXPECT_DOUBLE_EQ(sheet.value("D1"), 12.5);
//       EXPECT_EQ(sheet.text("K3"), "fait");
//   }
//
// Error codes from getError(): 0 = none, 502 = Err:502 (the add-in raised
// IllegalArgumentException, i.e. eci::calc::ErreurArgument), 519 = #VALUE! (other exception,
// or text where a number is required), 504 = Err:504 (e.g. an error cell inside a range),
// 525 = #NAME? (unknown function), 32767 = #N/A. Use error(), never the localised text.
//
// Environment: ECI_PROFILE_TEMPLATE (profile made by make_profile.sh; set by ctest),
// ECI_SOFFICE (soffice.bin path), ECI_KEEP_PROFILE=1 (keep the temporary profile and log),
// ECI_TEST_TIMEOUT (seconds per test before soffice is killed, default 240).
#pragma once

#include <com/sun/star/frame/XDesktop2.hpp>
#include <com/sun/star/lang/XMultiComponentFactory.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/Any.hxx>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <gtest/gtest.h>
#include <rtl/ustring.hxx>
#include <sys/types.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace eci::test {

namespace css = ::com::sun::star;
namespace uno = ::com::sun::star::uno;

std::string utf8(const ::rtl::OUString& s);
::rtl::OUString ou(const std::string& utf8);

// A value to write into a cell: Blank{} leaves the cell empty; text is entered as text
// (so "1.1" stays the text 1.1, not a number).
struct Blank {};
using Value = std::variant<Blank, double, std::string>;
using Row = std::vector<Value>;

struct OfficeOptions {
    std::string uiLocale;  // e.g. "fr-FR": French UI (needs libreoffice-l10n-fr); "" = default (en-US)
};

class Office {
public:
    explicit Office(OfficeOptions options = {});
    ~Office();
    Office(const Office&) = delete;
    Office& operator=(const Office&) = delete;

    // The process-wide default office (en-US UI), started on first use.
    static Office& instance();
    // A process-wide office with a French UI, started on first use.
    static Office& frenchInstance();
    // Stops every office started through instance()/frenchInstance() (called at exit).
    static void shutdownAll();

    void start();           // no-op when running
    void stop();            // terminate (then SIGKILL after a timeout); removes the temp profile
    bool alive();           // process running and the bridge answers
    void ensureRunning();   // restart when it died (a crash in a previous test)
    void kill();            // SIGKILL (used by the watchdog)

    pid_t pid() const { return pid_; }
    uno::Reference<uno::XComponentContext> context() { return ctx_; }
    uno::Reference<css::lang::XMultiComponentFactory> serviceManager();
    uno::Reference<css::frame::XDesktop2> desktop() { return desktop_; }
    uno::Reference<uno::XInterface> createInstance(const std::string& service);

    // com.sun.star.sheet.FunctionAccess::callFunction (no document needed). Errors come back
    // as IllegalArgumentException without detail.
    uno::Any callFunction(const std::string& name, const uno::Sequence<uno::Any>& args);

private:
    void launch();
    bool tryConnect();
    void cleanup();

    OfficeOptions options_;
    std::string profileDir_;  // private copy of the template
    std::string pipeName_;
    std::string logFile_;
    pid_t pid_ = -1;
    uno::Reference<uno::XComponentContext> localCtx_;
    uno::Reference<uno::XComponentContext> ctx_;
    uno::Reference<css::frame::XDesktop2> desktop_;
};

class Sheet {
public:
    explicit Sheet(Office& office = Office::instance());
    ~Sheet();
    Sheet(const Sheet&) = delete;
    Sheet& operator=(const Sheet&) = delete;

    // Fill a rectangle whose top-left cell is `topLeft` (e.g. "A2"), row by row.
    void setValues(const std::string& topLeft, const std::vector<Row>& rows);
    void setColumn(const std::string& topLeft, const std::vector<Value>& column);
    void setValue(const std::string& cell, const Value& v);

    void setFormula(const std::string& cell, const std::string& formula);            // API grammar
    void setArrayFormula(const std::string& range, const std::string& formula);     // e.g. "D1:K368"
    void setFormulaLocal(const std::string& cell, const std::string& formula);      // UI grammar/locale
    void recalc();  // XCalculatable::calculateAll

    double value(const std::string& cell);
    int error(const std::string& cell);       // getError(): 0 when the cell is fine
    std::string text(const std::string& cell);  // displayed text (localised for errors)
    std::string formula(const std::string& cell);
    bool isEmpty(const std::string& cell);
    // Values of a range: Blank for empty cells, double, or text (formula cells: their result).
    std::vector<Row> values(const std::string& range);

    uno::Reference<css::sheet::XSpreadsheetDocument> document() { return doc_; }
    uno::Reference<css::sheet::XSpreadsheet> spreadsheet() { return sheet_; }

private:
    uno::Reference<css::sheet::XSpreadsheetDocument> doc_;
    uno::Reference<css::sheet::XSpreadsheet> sheet_;
};

// gtest fixture: `sheet` is a fresh document in the default office; the watchdog kills
// soffice if one test hangs longer than ECI_TEST_TIMEOUT.
class CalcTest : public ::testing::Test {
protected:
    CalcTest();
    ~CalcTest() override;
    std::unique_ptr<Sheet> sheetPtr_;
    Sheet& sheet;
};

// gtest main() helper: installs the environment that stops the offices at the end.
int runAllTests(int argc, char** argv);

}  // namespace eci::test

// Pretty-printing in gtest messages.
namespace eci::test {
inline std::ostream& operator<<(std::ostream& os, const Value& v) {
    if (std::holds_alternative<Blank>(v)) return os << "<blank>";
    if (const double* d = std::get_if<double>(&v)) return os << *d;
    return os << '"' << std::get<std::string>(v) << '"';
}
inline bool operator==(const Blank&, const Blank&) { return true; }
}  // namespace eci::test
