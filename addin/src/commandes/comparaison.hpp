// « Comparer avec un autodiagnostic précédent » (docs/progression.md, spec progression.md « Year on
// year »): reads the inputs of an earlier autodiagnostic — one of our workbooks (Référentiel statuts and
// fractions, Collectivité answers) or a platform export (eci/calc/import.hpp) — into the hidden sheet
// « Précédent » of the current autodiagnostic, values only, with the list of rows whose statut changed
// (from → to, points gained, largest first). The « Évolution » sheet's figures are formulas on that
// sheet (ECI.EVALUER, ECI.SCORE, ECI.ETOILES, ECI.LABELLISATION), so they stay live. The source passes the
// safe-file checks (fichiers_surs.hpp), is opened hidden and read-only and never stored. The whole change
// is one undo step; running it again replaces the earlier comparison.
#pragma once

#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <string>

namespace eci::addin::commandes {

// Compares the autodiagnostic `autodiag` with the earlier one in `fichier` (a path or file: URL);
// returns the report in French. Throws ErreurCommande (French) for a bad target or source.
std::string comparerAutodiagnostic(
    const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
    const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& autodiag,
    const ::rtl::OUString& fichier);

}  // namespace eci::addin::commandes
