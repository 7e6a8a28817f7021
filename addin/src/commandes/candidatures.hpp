// The commands of the candidates grid (« Candidatures » sheet, spreadsheets/README.md):
//  - consolidation.cpp: « Consolider des candidatures » reads every autodiagnostic of a folder
//    (safe-file checks, read-only) and writes its key figures into one row per file;
//  - filtre.cpp: « Filtrer les candidatures » applies a standard filter (selection, typology,
//    département, minimum score) to the grid.
#pragma once

#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <string>

#include "deroulement.hpp"

namespace eci::addin::commandes {

// Consolidates the autodiagnostics of `dossier` into the grid (one undo step « Consolider les
// candidatures »; progress « k / n classeurs », cancellable between two workbooks: the rows read so far
// are written); returns the report.
std::string consoliderCandidatures(
    const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
    const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& grille, const ::rtl::OUString& dossier,
    const OptionsCommande& options = OptionsCommande());

// Filters the grid on `critere` (selection, territoire, collectivite, departement, score_min or
// aucun) and `valeur` (one undo step « Filtrer les candidatures »); returns the report.
std::string filtrerCandidatures(const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& grille,
                                const std::string& critere, const std::string& valeur);

}  // namespace eci::addin::commandes
