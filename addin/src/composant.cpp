// The component's entry point: the factories of its two services, the spreadsheet functions
// (fonctions_uno.cpp) and the menu commands (commandes_uno.cpp).
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/factory.hxx>
#include <cppuhelper/implementationentry.hxx>

#include "commandes_uno.hpp"
#include "fonctions_uno.hpp"

namespace uno = ::com::sun::star::uno;
using ::rtl::OUString;

namespace eci::addin {
namespace {

uno::Reference<uno::XInterface> SAL_CALL fonctionsCreer(const uno::Reference<uno::XComponentContext>&) {
    return creerFonctions();
}
OUString SAL_CALL fonctionsNom() { return fonctionsImplementationName(); }
uno::Sequence<OUString> SAL_CALL fonctionsServices() { return fonctionsServiceNames(); }

uno::Reference<uno::XInterface> SAL_CALL commandesCreer(const uno::Reference<uno::XComponentContext>& ctx) {
    return creerCommandes(ctx);
}
OUString SAL_CALL commandesNom() { return commandesImplementationName(); }
uno::Sequence<OUString> SAL_CALL commandesServices() { return commandesServiceNames(); }

const cppu::ImplementationEntry kEntries[] = {
    {fonctionsCreer, fonctionsNom, fonctionsServices, cppu::createSingleComponentFactory, nullptr, 0},
    {commandesCreer, commandesNom, commandesServices, cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0}};

}  // namespace
}  // namespace eci::addin

extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* name, void* serviceManager,
                                                                    void* registryKey) {
    return cppu::component_getFactoryHelper(name, serviceManager, registryKey, eci::addin::kEntries);
}
