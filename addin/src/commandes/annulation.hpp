// One undo step per command (docs/commandes.md, « Annuler une commande »): every change a command makes
// to a document goes into one undo context of the document's XUndoManager, titled in French
// (« Annuler : Importer un export »), so that Édition ▸ Annuler takes the whole command back at once.
//
//   EtapeAnnulation  RAII: enterUndoContext(titre) in the constructor, leaveUndoContext in the
//                    destructor. A command that fails (an exception leaves the scope before
//                    terminer()) leaves the context and undoes it: the document is as it was.
//   ajouter()        records a change Calc's undo does not record (document properties) or records
//                    unsafely (a standard filter: its ScUndoQuery dereferences the active view and
//                    aborts LibreOffice when there is none, measured on 7.4 headless; sansEnregistrer()
//                    keeps it out) as an XUndoAction of the context.
//   ecrireDifferences  cell writes undone exactly (setDataArray's undo is not: see below).
// The changes the commands make through the API and whether Calc records them: see the table in
// docs/commandes.md.
#pragma once

#include <com/sun/star/document/XUndoAction.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <rtl/ustring.hxx>

#include <functional>
#include <string>

namespace eci::addin::commandes {

// An undo action of two functions (undo, redo), titled `titre`.
::com::sun::star::uno::Reference<::com::sun::star::document::XUndoAction> actionAnnulation(
    const std::string& titre, std::function<void()> annuler, std::function<void()> refaire);

// Writes into `feuille`, from (col, lig), the cells of `apres` that differ from `avant` (the range's
// current data array): a number as a number, a text as text (as setDataArray), an empty text or void
// as an empty cell; returns how many cells were written. Each cell goes through Calc's own recorded
// cell API: setDataArray's undo (ScUndoPaste) does not empty the cells that were empty before (measured
// on LibreOffice 7.4: the values written stay after an undo), a cell-by-cell write is undone exactly.
std::size_t ecrireDifferences(
    const ::com::sun::star::uno::Reference<::com::sun::star::sheet::XSpreadsheet>& feuille, sal_Int32 col, sal_Int32 lig,
    const ::com::sun::star::uno::Sequence<::com::sun::star::uno::Sequence<::com::sun::star::uno::Any>>& avant,
    const ::com::sun::star::uno::Sequence<::com::sun::star::uno::Sequence<::com::sun::star::uno::Any>>& apres);

// The same into a range: (0, 0) of `apres` is `plage`'s top-left cell, `avant` is read from `plage`.
std::size_t ecrireDifferences(
    const ::com::sun::star::uno::Reference<::com::sun::star::table::XCellRange>& plage,
    const ::com::sun::star::uno::Sequence<::com::sun::star::uno::Sequence<::com::sun::star::uno::Any>>& apres);

class EtapeAnnulation {
public:
    // Opens the undo context `titre` on `doc` (nothing when the document has no undo manager).
    EtapeAnnulation(const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& doc,
                    const std::string& titre);
    // Closes the context; when terminer() was not called (the command failed), undoes it.
    ~EtapeAnnulation();
    EtapeAnnulation(const EtapeAnnulation&) = delete;
    EtapeAnnulation& operator=(const EtapeAnnulation&) = delete;

    // The command succeeded: its changes stay (one undo step).
    void terminer() { reussie_ = true; }
    // Recalculates the document (calculateAll) now.
    void recalculer();
    // Runs `f` with Calc's recording off (XUndoManager::lock): for a change whose own undo action is
    // unsafe, which the command then records with ajouter().
    void sansEnregistrer(const std::function<void()>& f);
    // Records an action in the context (its undo runs when the step is undone, in reverse order).
    void ajouter(const ::com::sun::star::uno::Reference<::com::sun::star::document::XUndoAction>& action);

private:
    ::com::sun::star::uno::Reference<::com::sun::star::document::XUndoManager> gestionnaire_;
    ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent> document_;
    ::com::sun::star::uno::Sequence<::rtl::OUString> titresAvant_;
    bool reussie_ = false;
};

}  // namespace eci::addin::commandes
