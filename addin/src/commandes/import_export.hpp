// « Importer un export de la plateforme » into an autodiagnostic: reads the export (safe-file checks,
// read-only, never stored), matches its rows with the domain library (eci/calc/import.hpp) and writes
// the statuses, explanations and fractions of the « Référentiel » sheet.
#pragma once

#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <string>

namespace eci::addin::commandes {

// Imports `fichier` (a path or file: URL) into the autodiagnostic `autodiag`; returns the report.
std::string importerExport(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
                           const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& autodiag,
                           const ::rtl::OUString& fichier);

}  // namespace eci::addin::commandes
