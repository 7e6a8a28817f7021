// The UNO component of the ECi Calc add-in: thin glue between Calc and eci::calc.
//
// - XFonctions: one method per spreadsheet function, GENERATED from addin/fonctions.json by
//   tools/gen_addin.py (fonctions_methodes.hxx, class MethodesXFonctions): each converts its
//   arguments by kind and blank rule (conversion.hpp), calls eci::calc and converts the result,
//   inside the exception guard below. Nothing per function is written here.
// - XAddIn: display names (same in every language), descriptions and argumentInfo texts in fr/en,
//   all from the generated tables (fonctions_table.hxx). Because XAddIn is implemented, the
//   en-US display name is also the API/English name (cell.setFormula("=ECI.SCORE(...)")).
// - XCompatibilityNames: the same name (« ECI.SCORE ») as the Excel name of every function, for
//   en-US and fr-FR. Without it, Calc stores an add-in call in an Excel 97-2003 file (.xls) as a
//   macro call that it cannot read back (#MACRO? in every cell); with it, the call is stored as
//   an add-in function of that name and found again on loading. The Office Open XML formats
//   (.xlsx) use the same name.
// - Nothing but UNO exceptions leaves a method: eci::calc::ErreurArgument becomes
//   IllegalArgumentException (Err:502 in the cell), anything else RuntimeException (#VALUE!).
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/lang/XServiceName.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>
#include <com/sun/star/sheet/XCompatibilityNames.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <cppuhelper/implbase5.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <fr/ademe/eci/XFonctions.hpp>
#include <rtl/ustring.hxx>

#include <cstring>
#include <exception>
#include <mutex>
#include <new>
#include <string>

#include "conversion.hpp"
#include "fonctions_methodes.hxx"
#include "fonctions_table.hxx"
#include "fonctions_uno.hpp"

namespace css = ::com::sun::star;
namespace uno = ::com::sun::star::uno;
using ::rtl::OUString;

namespace eci::addin {
namespace {

OUString fromUtf8(const char* s) { return OUString(s, static_cast<sal_Int32>(std::strlen(s)), RTL_TEXTENCODING_UTF8); }

const meta::Function* findFunction(const OUString& method) {
    for (const meta::Function& f : meta::kFunctions)
        if (method.equalsAscii(f.method)) return &f;
    return nullptr;
}

// Everything but the XFonctions methods: XAddIn, XCompatibilityNames, XServiceName, XServiceInfo
// and the guard the generated methods run in.
class FonctionsBase
    : public ::cppu::WeakImplHelper5<fr::ademe::eci::XFonctions, css::sheet::XAddIn, css::sheet::XCompatibilityNames,
                                     css::lang::XServiceName, css::lang::XServiceInfo> {
public:
    // ---- XAddIn ----------------------------------------------------------------------------

    OUString SAL_CALL getProgrammaticFuntionName(const OUString& displayName) override {
        for (const meta::Function& f : meta::kFunctions)
            if (displayName.equalsIgnoreAsciiCaseAscii(f.name)) return OUString::createFromAscii(f.method);
        return OUString();
    }

    OUString SAL_CALL getDisplayFunctionName(const OUString& method) override {
        const meta::Function* f = findFunction(method);
        return f ? fromUtf8(f->name) : OUString();
    }

    OUString SAL_CALL getFunctionDescription(const OUString& method) override {
        const meta::Function* f = findFunction(method);
        return f ? fromUtf8(localized(f->description)) : OUString();
    }

    OUString SAL_CALL getDisplayArgumentName(const OUString& method, sal_Int32 n) override {
        const meta::Argument* a = argumentInfo(method, n);
        return a ? fromUtf8(localized(a->name)) : OUString();
    }

    OUString SAL_CALL getArgumentDescription(const OUString& method, sal_Int32 n) override {
        const meta::Argument* a = argumentInfo(method, n);
        return a ? fromUtf8(localized(a->description)) : OUString();
    }

    OUString SAL_CALL getProgrammaticCategoryName(const OUString& method) override {
        const meta::Function* f = findFunction(method);
        return OUString::createFromAscii(f ? f->category : "Add-In");
    }

    OUString SAL_CALL getDisplayCategoryName(const OUString& method) override {
        // Calc shows its own localised name for the standard programmatic categories.
        return getProgrammaticCategoryName(method);
    }

    // ---- XCompatibilityNames ----------------------------------------------------------------

    uno::Sequence<css::sheet::LocalizedName> SAL_CALL getCompatibilityNames(const OUString& method) override {
        const meta::Function* f = findFunction(method);
        if (!f) return {};
        const OUString nom = fromUtf8(f->name);
        const css::sheet::LocalizedName noms[] = {
            {css::lang::Locale("en", "US", OUString()), nom},
            {css::lang::Locale("fr", "FR", OUString()), nom},
        };
        return uno::Sequence<css::sheet::LocalizedName>(noms, 2);
    }

    // ---- XLocalizable ----------------------------------------------------------------------

    void SAL_CALL setLocale(const css::lang::Locale& locale) override {
        std::lock_guard<std::mutex> lock(mutex_);
        locale_ = locale;
    }

    css::lang::Locale SAL_CALL getLocale() override {
        std::lock_guard<std::mutex> lock(mutex_);
        return locale_;
    }

    // ---- XServiceName, XServiceInfo ------------------------------------------------------

    OUString SAL_CALL getServiceName() override { return OUString::createFromAscii(meta::kService); }

    OUString SAL_CALL getImplementationName() override { return implementationName(); }

    sal_Bool SAL_CALL supportsService(const OUString& name) override { return cppu::supportsService(this, name); }

    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override { return serviceNames(); }

    static OUString implementationName() { return OUString::createFromAscii(meta::kImplementation); }

    static uno::Sequence<OUString> serviceNames() {
        const OUString names[] = {OUString("com.sun.star.sheet.AddIn"), OUString::createFromAscii(meta::kService)};
        return uno::Sequence<OUString>(names, 2);
    }

protected:
    // The UNO boundary: nothing but IllegalArgumentException / RuntimeException leaves.
    template <class F>
    auto guard(const char* function, F&& body) -> decltype(body()) {
        try {
            return body();
        } catch (const calc::ErreurArgument& e) {
            throw css::lang::IllegalArgumentException(fromUtf8(function) + ": " + fromUtf8(e.what()),
                                                      static_cast<cppu::OWeakObject*>(this), 0);
        } catch (const css::lang::IllegalArgumentException&) {
            throw;
        } catch (const uno::RuntimeException&) {
            throw;
        } catch (const uno::Exception& e) {
            throw uno::RuntimeException(fromUtf8(function) + ": " + e.Message, static_cast<cppu::OWeakObject*>(this));
        } catch (const std::bad_alloc&) {
            throw uno::RuntimeException(fromUtf8(function) + ": mémoire insuffisante",
                                        static_cast<cppu::OWeakObject*>(this));
        } catch (const std::exception& e) {
            throw uno::RuntimeException(fromUtf8(function) + ": erreur interne : " + fromUtf8(e.what()),
                                        static_cast<cppu::OWeakObject*>(this));
        } catch (...) {
            throw uno::RuntimeException(fromUtf8(function) + ": erreur interne inconnue",
                                        static_cast<cppu::OWeakObject*>(this));
        }
    }

private:
    // French texts for a French locale, English otherwise.
    const char* localized(const meta::Text& t) {
        std::lock_guard<std::mutex> lock(mutex_);
        return locale_.Language == "fr" ? t.fr : t.en;
    }

    static const meta::Argument* argumentInfo(const OUString& method, sal_Int32 n) {
        const meta::Function* f = findFunction(method);
        if (!f || n < 0 || n >= f->argumentCount) return nullptr;
        return &f->arguments[n];
    }

    std::mutex mutex_;
    css::lang::Locale locale_{"en", "US", ""};
};

// The functions object: the generated XFonctions methods on the base above.
using FunctionsImpl = MethodesXFonctions<FonctionsBase>;

}  // namespace

uno::Reference<fr::ademe::eci::XFonctions> creerFonctions() { return new FunctionsImpl; }
OUString fonctionsImplementationName() { return FonctionsBase::implementationName(); }
uno::Sequence<OUString> fonctionsServiceNames() { return FonctionsBase::serviceNames(); }

}  // namespace eci::addin
