#include "office.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/bridge/UnoUrlResolver.hpp>
#include <com/sun/star/connection/NoConnectException.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XSet.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/lang/DisposedException.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/sheet/XArrayFormulaRange.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XFunctionAccess.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <cppuhelper/bootstrap.hxx>
#include <rtl/string.hxx>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef ECI_PROFILE_TEMPLATE_DEFAULT
#define ECI_PROFILE_TEMPLATE_DEFAULT ""
#endif
#ifndef ECI_RDB_DEFAULT
#define ECI_RDB_DEFAULT ""
#endif

namespace fs = std::filesystem;
using ::rtl::OUString;
using namespace std::chrono_literals;

extern char** environ;

namespace eci::test {

std::string utf8(const OUString& s) {
    ::rtl::OString o = ::rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8);
    return std::string(o.getStr(), static_cast<std::size_t>(o.getLength()));
}

OUString ou(const std::string& s) {
    return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}

namespace {

const char* kProgramDir = "/usr/lib/libreoffice/program";

std::string envOr(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

int testTimeoutSeconds() { return std::stoi(envOr("ECI_TEST_TIMEOUT", "240")); }

std::string randomSuffix() {
    std::random_device rd;
    std::ostringstream o;
    o << getpid() << '_' << std::hex << rd();
    return o.str();
}

// The local UNO context of this process (bootstrapped once; needs URE_BOOTSTRAP, otherwise
// the type manager lacks offapi.rdb and Desktop::create segfaults).
uno::Reference<uno::XComponentContext> localContext() {
    static uno::Reference<uno::XComponentContext> ctx = [] {
        std::string rc = std::string("vnd.sun.star.pathname:") + kProgramDir + "/fundamentalrc";
        setenv("URE_BOOTSTRAP", rc.c_str(), 1);
        uno::Reference<uno::XComponentContext> c = ::cppu::defaultBootstrap_InitialComponentContext();
        // Make the add-in's own types known locally, so that the client can hold a reference to
        // the add-in object (XAddIn tests); without them the bridge disposes itself.
        std::string rdb = envOr("ECI_RDB", ECI_RDB_DEFAULT);
        if (!rdb.empty() && fs::exists(rdb)) {
            uno::Reference<css::container::XSet> tdm(
                c->getValueByName("/singletons/com.sun.star.reflection.theTypeDescriptionManager"),
                uno::UNO_QUERY_THROW);
            tdm->insert(uno::Any(ou("file://" + fs::absolute(rdb).string())));
        }
        return c;
    }();
    return ctx;
}

// Copy of the environment for soffice: no URE_BOOTSTRAP (it would point soffice at the wrong
// rc), HOME in the private profile (nothing written to the real home).
std::vector<std::string> childEnvironment(const std::string& home) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string s(*e);
        if (s.rfind("URE_BOOTSTRAP=", 0) == 0 || s.rfind("HOME=", 0) == 0) continue;
        env.push_back(s);
    }
    env.push_back("HOME=" + home);
    return env;
}

// ---- watchdog: kills soffice when a test runs too long -------------------------------------
class Watchdog {
public:
    static Watchdog& get() {
        static Watchdog* w = new Watchdog;  // never destroyed (detached thread)
        return *w;
    }
    void arm(Office* office, int seconds) {
        std::lock_guard<std::mutex> l(m_);
        office_ = office;
        deadline_ = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        armed_ = true;
        cv_.notify_all();
    }
    void disarm() {
        std::lock_guard<std::mutex> l(m_);
        armed_ = false;
    }

private:
    Watchdog() {
        std::thread([this] { loop(); }).detach();
    }
    void loop() {
        std::unique_lock<std::mutex> l(m_);
        for (;;) {
            cv_.wait_for(l, 1s);
            if (armed_ && std::chrono::steady_clock::now() > deadline_ && office_) {
                std::cerr << "[eci harness] test timeout: killing soffice (pid " << office_->pid() << ")\n";
                office_->kill();
                armed_ = false;
            }
        }
    }
    std::mutex m_;
    std::condition_variable cv_;
    Office* office_ = nullptr;
    std::chrono::steady_clock::time_point deadline_;
    bool armed_ = false;
};

std::vector<Office*>& startedOffices() {
    static std::vector<Office*> v;
    return v;
}

void onSignal(int sig) {
    // Best effort: kill the offices, then die with the same signal.
    for (Office* o : startedOffices())
        if (o && o->pid() > 0) ::kill(o->pid(), SIGKILL);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

}  // namespace

// =============================================================================================
// Office

Office::Office(OfficeOptions options) : options_(std::move(options)) {}

Office::~Office() { stop(); }

Office& Office::instance() {
    static Office* o = [] {
        auto* p = new Office();
        startedOffices().push_back(p);
        return p;
    }();
    o->ensureRunning();
    return *o;
}

Office& Office::frenchInstance() {
    static Office* o = [] {
        auto* p = new Office(OfficeOptions{"fr-FR"});
        startedOffices().push_back(p);
        return p;
    }();
    o->ensureRunning();
    return *o;
}

void Office::shutdownAll() {
    for (Office* o : startedOffices()) o->stop();
}

void Office::start() {
    if (pid_ > 0) return;
    static bool handlers = [] {
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
        std::signal(SIGABRT, onSignal);
        return true;
    }();
    (void)handlers;

    const std::string tmpl = envOr("ECI_PROFILE_TEMPLATE", ECI_PROFILE_TEMPLATE_DEFAULT);
    if (tmpl.empty() || !fs::exists(fs::path(tmpl) / "user"))
        throw std::runtime_error("no profile template at '" + tmpl +
                                 "' (run tests/calc/make_profile.sh, or ctest which does it)");
    // A private copy: a fresh profile per process; parallel test binaries never share one.
    std::string pattern = (fs::temp_directory_path() / "eci-calc-XXXXXX").string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
    profileDir_ = buf.data();
    fs::copy(tmpl, profileDir_, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    fs::remove(fs::path(profileDir_) / ".lock");
    if (!options_.uiLocale.empty()) {
        // UI language: Office.Linguistic/General/UILocale (Setup/L10N alone is reset at start).
        fs::path xcu = fs::path(profileDir_) / "user" / "registrymodifications.xcu";
        std::ifstream in(xcu);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string s = ss.str();
        const std::string item =
            "<item oor:path=\"/org.openoffice.Office.Linguistic/General\"><prop oor:name=\"UILocale\" "
            "oor:op=\"fuse\"><value>" + options_.uiLocale + "</value></prop></item>\n"
            "<item oor:path=\"/org.openoffice.Setup/L10N\"><prop oor:name=\"ooLocale\" "
            "oor:op=\"fuse\"><value>" + options_.uiLocale + "</value></prop></item>\n"
            "<item oor:path=\"/org.openoffice.Setup/L10N\"><prop oor:name=\"ooSetupSystemLocale\" "
            "oor:op=\"fuse\"><value>" + options_.uiLocale + "</value></prop></item>\n";
        std::size_t end = s.rfind("</oor:items>");
        if (end == std::string::npos) throw std::runtime_error("unexpected registrymodifications.xcu");
        s.insert(end, item);
        std::ofstream(xcu) << s;
    }
    pipeName_ = "eci_calc_" + randomSuffix();
    logFile_ = profileDir_ + "/soffice.log";

    auto t0 = std::chrono::steady_clock::now();
    localCtx_ = localContext();
    launch();
    const auto startTimeout = std::chrono::seconds(std::stoi(envOr("ECI_SOFFICE_START_TIMEOUT", "120")));
    int restarts = 0;
    for (;;) {
        if (tryConnect()) break;
        int status = 0;
        pid_t r = waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
            pid_ = -1;
            if (WIFEXITED(status) && WEXITSTATUS(status) == 81 && restarts < 3) {
                ++restarts;  // "restart required" (first start, extension changes)
                launch();
                continue;
            }
            std::ifstream log(logFile_);
            std::stringstream ls;
            ls << log.rdbuf();
            cleanup();
            throw std::runtime_error("soffice exited before accepting connections (status " +
                                     std::to_string(status) + "): " + ls.str());
        }
        if (std::chrono::steady_clock::now() - t0 > startTimeout) {
            kill();
            cleanup();
            throw std::runtime_error("soffice did not accept a connection in time");
        }
        std::this_thread::sleep_for(100ms);
    }
    desktop_ = css::frame::Desktop::create(ctx_);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    std::cerr << "[eci harness] soffice pid " << pid_ << " ready in " << ms.count() << " ms"
              << (restarts ? " (after a restart)" : "")
              << (options_.uiLocale.empty() ? "" : ", UI " + options_.uiLocale) << "\n";
}

void Office::launch() {
    const std::string soffice = envOr("ECI_SOFFICE", std::string(kProgramDir) + "/soffice.bin");
    std::vector<std::string> args = {
        soffice,  // argv[0] must be the full path, or soffice.bin aborts (DeploymentException)
        "-env:UserInstallation=file://" + profileDir_,
        "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
        "--nofirststartwizard",
        "--accept=pipe,name=" + pipeName_ + ";urp;StarOffice.ComponentContext"};
    std::vector<std::string> env = childEnvironment(profileDir_);
    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test binary
        if (getppid() != parent) _exit(1);
        FILE* log = std::fopen(logFile_.c_str(), "a");
        if (log) {
            dup2(fileno(log), 1);
            dup2(fileno(log), 2);
        }
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    pid_ = pid;
}

bool Office::tryConnect() {
    try {
        uno::Reference<css::bridge::XUnoUrlResolver> resolver = css::bridge::UnoUrlResolver::create(localCtx_);
        uno::Reference<uno::XInterface> remote =
            resolver->resolve(ou("uno:pipe,name=" + pipeName_ + ";urp;StarOffice.ComponentContext"));
        ctx_.set(remote, uno::UNO_QUERY_THROW);
        return true;
    } catch (const css::connection::NoConnectException&) {
        return false;
    }
}

bool Office::alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
    }
    try {
        return ctx_.is() && ctx_->getServiceManager().is();
    } catch (const uno::Exception&) {
        return false;
    }
}

void Office::ensureRunning() {
    if (alive()) return;
    if (pid_ > 0 || !profileDir_.empty()) {
        std::cerr << "[eci harness] soffice is gone; starting a new one\n";
        kill();
        cleanup();
    }
    start();
}

void Office::kill() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }
}

void Office::stop() {
    if (pid_ > 0) {
        try {
            if (desktop_.is()) desktop_->terminate();
        } catch (const uno::Exception&) {
            // DisposedException: the bridge went away with the process, as expected.
        }
        auto t0 = std::chrono::steady_clock::now();
        int status = 0;
        while (waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() - t0 > 20s) {
                std::cerr << "[eci harness] soffice did not terminate; killing it\n";
                ::kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(50ms);
        }
        pid_ = -1;
    }
    cleanup();
}

void Office::cleanup() {
    desktop_.clear();
    ctx_.clear();
    if (!profileDir_.empty()) {
        if (envOr("ECI_KEEP_PROFILE", "").empty()) {
            std::error_code ec;
            fs::remove_all(profileDir_, ec);
        } else {
            std::cerr << "[eci harness] kept profile and log in " << profileDir_ << "\n";
        }
        profileDir_.clear();
    }
}

uno::Reference<css::lang::XMultiComponentFactory> Office::serviceManager() { return ctx_->getServiceManager(); }

uno::Reference<uno::XInterface> Office::createInstance(const std::string& service) {
    return serviceManager()->createInstanceWithContext(ou(service), ctx_);
}

uno::Any Office::callFunction(const std::string& name, const uno::Sequence<uno::Any>& args) {
    uno::Reference<css::sheet::XFunctionAccess> fa(createInstance("com.sun.star.sheet.FunctionAccess"),
                                                   uno::UNO_QUERY_THROW);
    return fa->callFunction(ou(name), args);
}

// =============================================================================================
// Sheet

namespace {
uno::Reference<css::table::XCellRange> rangeOf(const uno::Reference<css::sheet::XSpreadsheet>& sheet,
                                               const std::string& name) {
    return sheet->getCellRangeByName(ou(name));
}
uno::Reference<css::table::XCell> cellOf(const uno::Reference<css::sheet::XSpreadsheet>& sheet,
                                         const std::string& name) {
    return rangeOf(sheet, name)->getCellByPosition(0, 0);
}
uno::Any toAny(const Value& v) {
    if (const double* d = std::get_if<double>(&v)) return uno::Any(*d);
    if (const std::string* s = std::get_if<std::string>(&v)) return uno::Any(ou(*s));
    return uno::Any(OUString());  // empty text = empty cell (a void Any would write #N/A)
}
}  // namespace

Sheet::Sheet(Office& office) {
    office.ensureRunning();
    css::beans::PropertyValue hidden;
    hidden.Name = "Hidden";
    hidden.Value <<= true;
    uno::Reference<uno::XInterface> comp = office.desktop()->loadComponentFromURL(
        "private:factory/scalc", "_blank", 0, uno::Sequence<css::beans::PropertyValue>(&hidden, 1));
    doc_.set(comp, uno::UNO_QUERY_THROW);
    uno::Reference<css::container::XIndexAccess> sheets(doc_->getSheets(), uno::UNO_QUERY_THROW);
    sheet_.set(sheets->getByIndex(0), uno::UNO_QUERY_THROW);
}

Sheet::~Sheet() {
    try {
        uno::Reference<css::util::XCloseable> c(doc_, uno::UNO_QUERY);
        if (c.is()) c->close(true);
    } catch (const uno::Exception&) {
        // soffice may be gone (a crash is reported by the test itself)
    }
}

void Sheet::setValues(const std::string& topLeft, const std::vector<Row>& rows) {
    if (rows.empty()) return;
    const std::size_t cols = rows[0].size();
    if (cols == 0) return;
    uno::Reference<css::sheet::XCellRangeAddressable> start(rangeOf(sheet_, topLeft), uno::UNO_QUERY_THROW);
    css::table::CellRangeAddress a = start->getRangeAddress();
    uno::Reference<css::table::XCellRange> target = sheet_->getCellRangeByPosition(
        a.StartColumn, a.StartRow, a.StartColumn + static_cast<sal_Int32>(cols) - 1,
        a.StartRow + static_cast<sal_Int32>(rows.size()) - 1);
    uno::Sequence<uno::Sequence<uno::Any>> data(static_cast<sal_Int32>(rows.size()));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].size() != cols) throw std::invalid_argument("setValues: ragged rows");
        uno::Sequence<uno::Any> row(static_cast<sal_Int32>(cols));
        for (std::size_t j = 0; j < cols; ++j) row.getArray()[j] = toAny(rows[i][j]);
        data.getArray()[i] = row;
    }
    uno::Reference<css::sheet::XCellRangeData>(target, uno::UNO_QUERY_THROW)->setDataArray(data);
}

void Sheet::setColumn(const std::string& topLeft, const std::vector<Value>& column) {
    std::vector<Row> rows;
    rows.reserve(column.size());
    for (const Value& v : column) rows.push_back(Row{v});
    setValues(topLeft, rows);
}

void Sheet::setValue(const std::string& cell, const Value& v) { setValues(cell, {Row{v}}); }

void Sheet::setFormula(const std::string& cell, const std::string& f) { cellOf(sheet_, cell)->setFormula(ou(f)); }

void Sheet::setArrayFormula(const std::string& range, const std::string& f) {
    uno::Reference<css::sheet::XArrayFormulaRange>(rangeOf(sheet_, range), uno::UNO_QUERY_THROW)
        ->setArrayFormula(ou(f));
}

void Sheet::setFormulaLocal(const std::string& cell, const std::string& f) {
    uno::Reference<css::beans::XPropertySet>(cellOf(sheet_, cell), uno::UNO_QUERY_THROW)
        ->setPropertyValue("FormulaLocal", uno::Any(ou(f)));
}

void Sheet::recalc() { uno::Reference<css::sheet::XCalculatable>(doc_, uno::UNO_QUERY_THROW)->calculateAll(); }

double Sheet::value(const std::string& cell) { return cellOf(sheet_, cell)->getValue(); }

int Sheet::error(const std::string& cell) { return cellOf(sheet_, cell)->getError(); }

std::string Sheet::text(const std::string& cell) {
    return utf8(uno::Reference<css::text::XTextRange>(cellOf(sheet_, cell), uno::UNO_QUERY_THROW)->getString());
}

std::string Sheet::formula(const std::string& cell) { return utf8(cellOf(sheet_, cell)->getFormula()); }

bool Sheet::isEmpty(const std::string& cell) {
    return cellOf(sheet_, cell)->getType() == css::table::CellContentType_EMPTY;
}

std::vector<Row> Sheet::values(const std::string& range) {
    uno::Sequence<uno::Sequence<uno::Any>> data =
        uno::Reference<css::sheet::XCellRangeData>(rangeOf(sheet_, range), uno::UNO_QUERY_THROW)->getDataArray();
    std::vector<Row> out;
    out.reserve(static_cast<std::size_t>(data.getLength()));
    for (const auto& r : data) {
        Row row;
        for (const uno::Any& a : r) {
            double d;
            OUString s;
            if (a >>= d) row.emplace_back(d);
            else if ((a >>= s) && !s.isEmpty()) row.emplace_back(utf8(s));
            else row.emplace_back(Blank{});
        }
        out.push_back(std::move(row));
    }
    return out;
}

// =============================================================================================
// Fixture and main

CalcTest::CalcTest()
    : sheetPtr_(std::make_unique<Sheet>(Office::instance())), sheet(*sheetPtr_) {
    Watchdog::get().arm(&Office::instance(), testTimeoutSeconds());
}

CalcTest::~CalcTest() {
    Watchdog::get().disarm();
    sheetPtr_.reset();
}

namespace {
class OfficeEnvironment : public ::testing::Environment {
public:
    void TearDown() override { Office::shutdownAll(); }
};
}  // namespace

int runAllTests(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new OfficeEnvironment);
    int rc = RUN_ALL_TESTS();
    Office::shutdownAll();
    return rc;
}

}  // namespace eci::test
