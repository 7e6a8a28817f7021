// « Importer un export de la plateforme » into an autodiagnostic: reads the export (safe-file checks,
// read-only, never stored), matches its rows with the domain library (eci/calc/import.hpp) and writes
// the statuses, explanations and fractions of the « Référentiel » sheet.
#pragma once

#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <string>

#include "deroulement.hpp"

namespace eci::addin::commandes {

// Imports `fichier` (a path or file: URL) into the autodiagnostic `autodiag` (one undo step
// « Importer un export »); returns the report, or "" when the user declined to replace the statuses
// already entered (options.remplacement == Demander: nothing was changed).
std::string importerExport(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
                           const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& autodiag,
                           const ::rtl::OUString& fichier, const OptionsCommande& options = OptionsCommande());

// How many statuses already entered the import would change: rows of `avant` (the J:N inputs of the
// Référentiel sheet) whose status is not empty and differs (case and accents aside) from `apres`'s.
std::size_t statutsRemplaces(const ::com::sun::star::uno::Sequence<::com::sun::star::uno::Sequence<::com::sun::star::uno::Any>>& avant,
                             const ::com::sun::star::uno::Sequence<::com::sun::star::uno::Sequence<::com::sun::star::uno::Any>>& apres);

}  // namespace eci::addin::commandes
