// The UNO component of the ECi Calc add-in: thin glue between Calc and eci::calc.
//
// - XFonctions (generated from addin/fonctions.json): one method per spreadsheet function;
//   each converts the arguments (conversion.hpp), calls eci::calc and converts the result. The
//   AIDE and CRITERES families do that in fonctions_uno_aide.cpp / fonctions_uno_criteres.cpp
//   (fonctions_uno_familles.hpp); their methods here only add the exception guard.
// - XAddIn: display names (same in every language), descriptions and argumentInfo texts in fr/en,
//   all from the generated tables (fonctions_table.hxx). Because XAddIn is implemented, the
//   en-US display name is also the API/English name (cell.setFormula("=ECI.SCORE(...)")).
// - Nothing but UNO exceptions leaves a method: eci::calc::ErreurArgument becomes
//   IllegalArgumentException (Err:502 in the cell), anything else RuntimeException (#VALUE!).
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/lang/XServiceName.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <fr/ademe/eci/XFonctions.hpp>
#include <rtl/ustring.hxx>

#include <cstring>
#include <exception>
#include <mutex>
#include <new>
#include <string>

#include "conversion.hpp"
#include "eci/calc/fonctions.hpp"
#include "fonctions_table.hxx"
#include "fonctions_uno.hpp"
#include "fonctions_uno_familles.hpp"

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

class FunctionsImpl : public ::cppu::WeakImplHelper4<fr::ademe::eci::XFonctions, css::sheet::XAddIn,
                                                     css::lang::XServiceName, css::lang::XServiceInfo> {
public:
    FunctionsImpl() = default;

    // ---- XFonctions (signatures must match the generated IDL) -----------------------------

    Matrix SAL_CALL eciEvaluer(const Matrix& ids, const Matrix& statuts, const uno::Any& details,
                               const uno::Any& contexte, const uno::Any& referentiel) override {
        return guard("ECI.EVALUER", [&] {
            return toMatrix(calc::evaluer(toRange(ids), toRange(statuts), toOptional(details),
                                          toOptional(contexte), toOptional(referentiel)));
        });
    }

    double SAL_CALL eciScore(const Matrix& ids, const Matrix& statuts, const uno::Any& noeud,
                             const uno::Any& mesure, const uno::Any& details, const uno::Any& contexte,
                             const uno::Any& referentiel) override {
        return guard("ECI.SCORE", [&] {
            return calc::score(toRange(ids), toRange(statuts), toOptional(noeud), toOptional(mesure),
                               toOptional(details), toOptional(contexte), toOptional(referentiel));
        });
    }

    double SAL_CALL eciEtoiles(double pourcentage) override {
        return guard("ECI.ETOILES", [&] { return calc::etoiles(pourcentage); });
    }

    double SAL_CALL eciEcart(double etoile, double potentiel, double fait) override {
        return guard("ECI.ECART", [&] { return calc::ecart(etoile, potentiel, fait); });
    }

    double SAL_CALL eciPoints(const Matrix& id, const uno::Any& referentiel) override {
        return guard("ECI.POINTS", [&] {
            return calc::points(toSingleCell(id, "id"), toOptional(referentiel));
        });
    }

    OUString SAL_CALL eciLibelle(const Matrix& id, const uno::Any& referentiel) override {
        return guard("ECI.LIBELLE", [&] {
            return toOUString(calc::libelle(toSingleCell(id, "id"), toOptional(referentiel)));
        });
    }

    uno::Any SAL_CALL eciRegle(const OUString& formule, const uno::Any& contexte) override {
        return guard("ECI.REGLE", [&] {
            // "blank" is returned as an empty string: a void Any would show #N/A.
            return toVisibleAny(calc::regle(toUtf8(formule), toOptional(contexte)));
        });
    }

    // A truth value as 1/0: Calc 7.4 shows a boolean add-in result as 0 whatever its value.
    double SAL_CALL eciDesactive(const Matrix& id, const uno::Any& contexte,
                                 const uno::Any& referentiel) override {
        return guard("ECI.DESACTIVE", [&] {
            return calc::desactive(toSingleCell(id, "id"), toOptional(contexte),
                                   toOptional(referentiel)) ? 1.0 : 0.0;
        });
    }

    OUString SAL_CALL eciVerifier(const Matrix& ids, const Matrix& statuts, const uno::Any& details,
                                  const uno::Any& contexte, const uno::Any& referentiel) override {
        // A diagnostics function says what is wrong in words rather than as an error value.
        return guard("ECI.VERIFIER", [&] {
            try {
                return toOUString(calc::verifier(toRange(ids), toRange(statuts), toOptional(details),
                                                   toOptional(contexte), toOptional(referentiel)));
            } catch (const calc::ErreurArgument& e) {
                return fromUtf8(e.what());
            }
        });
    }

    // ---- AIDE (fonctions_uno_aide.cpp) ------------------------------------------------------

    double SAL_CALL aideAssiette(double montant_ht, const uno::Any& taux_tva,
                                 const uno::Any& part_tva_recuperable) override {
        return guard("AIDE.ASSIETTE", [&] { return familles::aideAssiette(montant_ht, taux_tva, part_tva_recuperable); });
    }

    double SAL_CALL aideMontant(double montant_ht, const Matrix& phase, const uno::Any& taux_aide,
                                const uno::Any& taux_tva, const uno::Any& part_tva_recuperable,
                                const uno::Any& plafond_sur) override {
        return guard("AIDE.MONTANT", [&] {
            return familles::aideMontant(montant_ht, phase, taux_aide, taux_tva, part_tva_recuperable, plafond_sur);
        });
    }

    double SAL_CALL aidePlafond(const Matrix& phase) override {
        return guard("AIDE.PLAFOND", [&] { return familles::aidePlafond(phase); });
    }

    Matrix SAL_CALL aideRepartition(double aide, double part_ademe) override {
        return guard("AIDE.REPARTITION", [&] { return familles::aideRepartition(aide, part_ademe); });
    }

    double SAL_CALL aideSolde(double aide_attribuee, double assiette_prevue, double depense_reelle,
                              const uno::Any& deja_verse, const uno::Any& regle) override {
        return guard("AIDE.SOLDE", [&] {
            return familles::aideSolde(aide_attribuee, assiette_prevue, depense_reelle, deja_verse, regle);
        });
    }

    double SAL_CALL aideAutofinancement(double part_maitre_ouvrage, const Matrix& financements_publics) override {
        return guard("AIDE.AUTOFINANCEMENT", [&] {
            return familles::aideAutofinancement(part_maitre_ouvrage, financements_publics);
        });
    }

    OUString SAL_CALL aideVerifier(double montant_ht, const Matrix& phase, double aide_demandee,
                                   const uno::Any& taux_tva, const uno::Any& part_tva_recuperable,
                                   const uno::Any& autres_aides_publiques, const uno::Any& investissement) override {
        // A diagnostics function: parameter errors come back as text (see familles::aideVerifier).
        return guard("AIDE.VERIFIER", [&] {
            return familles::aideVerifier(montant_ht, phase, aide_demandee, taux_tva, part_tva_recuperable,
                                          autres_aides_publiques, investissement);
        });
    }

    // ---- CRITERES (fonctions_uno_criteres.cpp) ----------------------------------------------

    double SAL_CALL criteresScore(const Matrix& notes, const Matrix& poids, const uno::Any& note_max) override {
        return guard("CRITERES.SCORE", [&] { return familles::criteresScore(notes, poids, note_max); });
    }

    double SAL_CALL criteresRang(const Matrix& score, const Matrix& scores, const uno::Any& departage,
                                 const uno::Any& departages) override {
        return guard("CRITERES.RANG", [&] { return familles::criteresRang(score, scores, departage, departages); });
    }

    Matrix SAL_CALL criteresSelection(const Matrix& scores, const Matrix& typologies_territoire,
                                      const Matrix& typologies_collectivite, const uno::Any& nombre,
                                      const uno::Any& score_min) override {
        return guard("CRITERES.SELECTION", [&] {
            return familles::criteresSelection(scores, typologies_territoire, typologies_collectivite, nombre,
                                               score_min);
        });
    }

    double SAL_CALL criteresCoutPanel(const Matrix& scores, const Matrix& typologies_territoire,
                                      const Matrix& typologies_collectivite, const uno::Any& nombre,
                                      const uno::Any& score_min) override {
        return guard("CRITERES.COUT_PANEL", [&] {
            return familles::criteresCoutPanel(scores, typologies_territoire, typologies_collectivite, nombre,
                                               score_min);
        });
    }

    Matrix SAL_CALL criteresSensibilite(const Matrix& notes, const Matrix& poids, const uno::Any& variation,
                                        const uno::Any& nombre, const uno::Any& score_min,
                                        const uno::Any& typologies_territoire,
                                        const uno::Any& typologies_collectivite,
                                        const uno::Any& note_max) override {
        return guard("CRITERES.SENSIBILITE", [&] {
            return familles::criteresSensibilite(notes, poids, variation, nombre, score_min, typologies_territoire,
                                                 typologies_collectivite, note_max);
        });
    }

    Matrix SAL_CALL criteresRemplacements(const Matrix& scores, const Matrix& typologies_territoire,
                                          const Matrix& typologies_collectivite, const uno::Any& nombre,
                                          const uno::Any& score_min) override {
        return guard("CRITERES.REMPLACEMENTS", [&] {
            return familles::criteresRemplacements(scores, typologies_territoire, typologies_collectivite, nombre,
                                                   score_min);
        });
    }

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

    std::mutex mutex_;
    css::lang::Locale locale_{"en", "US", ""};
};

}  // namespace

uno::Reference<fr::ademe::eci::XFonctions> creerFonctions() { return new FunctionsImpl; }
OUString fonctionsImplementationName() { return FunctionsImpl::implementationName(); }
uno::Sequence<OUString> fonctionsServiceNames() { return FunctionsImpl::serviceNames(); }

}  // namespace eci::addin
