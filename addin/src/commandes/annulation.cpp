// One undo step per command (see annulation.hpp).
#include "annulation.hpp"

#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <cppuhelper/implbase1.hxx>

#include <utility>

#include "documents.hpp"

namespace eci::addin::commandes {

namespace {

class ActionAnnulation : public ::cppu::WeakImplHelper1<css::document::XUndoAction> {
public:
    ActionAnnulation(OUString titre, std::function<void()> annuler, std::function<void()> refaire)
        : titre_(std::move(titre)), annuler_(std::move(annuler)), refaire_(std::move(refaire)) {}
    OUString SAL_CALL getTitle() override { return titre_; }
    void SAL_CALL undo() override { executer(annuler_); }
    void SAL_CALL redo() override { executer(refaire_); }

private:
    // Never throws: the action runs inside Calc's SfxListUndoAction::Undo, which is not written for an
    // exception passing through. A change that cannot be taken back (the document is being closed, …)
    // is left as it is; the cells, restored by Calc, are what matters.
    void executer(const std::function<void()>& f) {
        try {
            if (f) f();
        } catch (...) {
        }
    }
    OUString titre_;
    std::function<void()> annuler_, refaire_;
};

}  // namespace

uno::Reference<css::document::XUndoAction> actionAnnulation(const std::string& titre, std::function<void()> annuler,
                                                            std::function<void()> refaire) {
    return new ActionAnnulation(u(titre), std::move(annuler), std::move(refaire));
}

namespace {
bool vide(const uno::Any& a) {
    OUString t;
    return !a.hasValue() || ((a >>= t) && t.isEmpty());
}
}  // namespace

namespace {
// The changed cells of `apres` (against `avant`), each written through `cellule(col, row)`.
template <class Cellule>
std::size_t ecrireChangees(const uno::Sequence<uno::Sequence<uno::Any>>& avant,
                           const uno::Sequence<uno::Sequence<uno::Any>>& apres, Cellule&& cellule) {
    std::size_t ecrites = 0;
    for (sal_Int32 l = 0; l < apres.getLength(); ++l)
        for (sal_Int32 c = 0; c < apres[l].getLength(); ++c) {
            const uno::Any& v = apres[l][c];
            const bool memeAvant = l < avant.getLength() && c < avant[l].getLength() &&
                                   (vide(v) ? vide(avant[l][c]) : v == avant[l][c]);
            if (memeAvant) continue;
            uno::Reference<css::table::XCell> x = cellule(c, l);
            double d;
            OUString t;
            if (v >>= d) x->setValue(d);
            else if ((v >>= t) && !t.isEmpty()) uno::Reference<css::text::XTextRange>(x, uno::UNO_QUERY_THROW)->setString(t);
            else x->setFormula(OUString());
            ++ecrites;
        }
    return ecrites;
}
}  // namespace

std::size_t ecrireDifferences(const uno::Reference<css::sheet::XSpreadsheet>& feuille, sal_Int32 col, sal_Int32 lig,
                              const uno::Sequence<uno::Sequence<uno::Any>>& avant,
                              const uno::Sequence<uno::Sequence<uno::Any>>& apres) {
    return ecrireChangees(avant, apres, [&](sal_Int32 c, sal_Int32 l) { return feuille->getCellByPosition(col + c, lig + l); });
}

std::size_t ecrireDifferences(const uno::Reference<css::table::XCellRange>& plage,
                              const uno::Sequence<uno::Sequence<uno::Any>>& apres) {
    const auto avant = uno::Reference<css::sheet::XCellRangeData>(plage, uno::UNO_QUERY_THROW)->getDataArray();
    return ecrireChangees(avant, apres, [&](sal_Int32 c, sal_Int32 l) { return plage->getCellByPosition(c, l); });
}

EtapeAnnulation::EtapeAnnulation(const uno::Reference<css::lang::XComponent>& doc, const std::string& titre)
    : document_(doc) {
    uno::Reference<css::document::XUndoManagerSupplier> fournisseur(doc, uno::UNO_QUERY);
    if (!fournisseur.is()) return;
    gestionnaire_ = fournisseur->getUndoManager();
    if (!gestionnaire_.is() || gestionnaire_->isLocked()) {
        gestionnaire_.clear();
        return;
    }
    titresAvant_ = gestionnaire_->getAllUndoActionTitles();
    gestionnaire_->enterUndoContext(u(titre));
}

void EtapeAnnulation::recalculer() {
    uno::Reference<css::sheet::XCalculatable> calcul(document_, uno::UNO_QUERY);
    if (calcul.is()) calcul->calculateAll();
}

void EtapeAnnulation::sansEnregistrer(const std::function<void()>& f) {
    if (!gestionnaire_.is()) return f();
    gestionnaire_->lock();
    try {
        f();
    } catch (...) {
        gestionnaire_->unlock();
        throw;
    }
    gestionnaire_->unlock();
}

void EtapeAnnulation::ajouter(const uno::Reference<css::document::XUndoAction>& action) {
    if (gestionnaire_.is()) gestionnaire_->addUndoAction(action);
}

EtapeAnnulation::~EtapeAnnulation() {
    if (!gestionnaire_.is()) return;
    try {
        gestionnaire_->leaveUndoContext();
        if (reussie_) return;
        // The command failed: take back what it did, if it did anything (an empty context leaves no
        // step; the titles also change when the oldest step was dropped to make room).
        if (gestionnaire_->getAllUndoActionTitles() != titresAvant_) {
            gestionnaire_->undo();
            gestionnaire_->clearRedo();
        }
    } catch (...) {
        // A destructor never throws; the command's own error is the one the user reads.
    }
}

}  // namespace eci::addin::commandes
