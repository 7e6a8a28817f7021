// The dialogs of the menu commands run interactively: the file and folder pickers and the message box
// that shows a command's report.
#pragma once

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <string>

namespace eci::addin::commandes {

// The platform export to import, or the file another command asks for under `titre` / `filtre` (empty:
// the picker was closed without a choice).
::rtl::OUString choisirFichier(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
                               const char* titre = "Importer un export de la plateforme",
                               const char* filtre = "Export de la plateforme (*.xlsx, *.ods)");

// The folder of the candidates' autodiagnostics (empty: the picker was closed without a choice).
::rtl::OUString choisirDossier(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx);

// Shows `texte` in a message box over `cadre` (nothing without a frame; errors are ignored).
void message(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
             const ::com::sun::star::uno::Reference<::com::sun::star::frame::XFrame>& cadre, const std::string& texte);

// Asks `question` in a Oui / Non message box over `cadre` (default button: Non); true on Oui. Without a
// window (no frame, no container window) the answer is Non.
bool confirmer(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
               const ::com::sun::star::uno::Reference<::com::sun::star::frame::XFrame>& cadre, const std::string& question);

}  // namespace eci::addin::commandes
