// The dialogs of the menu commands (see dialogues.hpp).
#include "dialogues.hpp"

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxResults.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/FolderPicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>

#include "documents.hpp"

namespace eci::addin::commandes {

OUString choisirFichier(const uno::Reference<uno::XComponentContext>& ctx, const char* titre, const char* filtre) {
    uno::Reference<css::ui::dialogs::XFilePicker3> fp = css::ui::dialogs::FilePicker::createWithMode(
        ctx, css::ui::dialogs::TemplateDescription::FILEOPEN_SIMPLE);
    fp->setTitle(u(titre));
    fp->appendFilter(u(filtre), "*.xlsx;*.ods");
    fp->appendFilter(u("Tous les fichiers"), "*");
    if (fp->execute() != css::ui::dialogs::ExecutableDialogResults::OK) return OUString();
    uno::Sequence<OUString> f = fp->getSelectedFiles();
    return f.getLength() ? f[0] : OUString();
}

OUString choisirDossier(const uno::Reference<uno::XComponentContext>& ctx) {
    uno::Reference<css::ui::dialogs::XFolderPicker2> fp = css::ui::dialogs::FolderPicker::create(ctx);
    fp->setTitle(u("Dossier des autodiagnostics des candidats"));
    if (fp->execute() != css::ui::dialogs::ExecutableDialogResults::OK) return OUString();
    return fp->getDirectory();
}

namespace {

// Shows a message box over the frame's window: its result, or -1 without a window.
sal_Int16 boite(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<css::frame::XFrame>& cadre,
                css::awt::MessageBoxType type, sal_Int32 boutons, const std::string& texte) {
    if (!cadre.is()) return -1;
    uno::Reference<css::awt::XWindowPeer> parent(cadre->getContainerWindow(), uno::UNO_QUERY);
    if (!parent.is()) return -1;
    uno::Reference<css::awt::XToolkit2> tk = css::awt::Toolkit::create(ctx);
    uno::Reference<css::awt::XMessageBoxFactory> f(tk, uno::UNO_QUERY_THROW);
    return f->createMessageBox(parent, type, boutons, u("Économie circulaire"), u(texte))->execute();
}

}  // namespace

void message(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<css::frame::XFrame>& cadre,
             const std::string& texte) {
    try {
        boite(ctx, cadre, css::awt::MessageBoxType_INFOBOX, css::awt::MessageBoxButtons::BUTTONS_OK, texte);
    } catch (const uno::Exception&) {
    }
}

bool confirmer(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<css::frame::XFrame>& cadre,
               const std::string& question) {
    try {
        return boite(ctx, cadre, css::awt::MessageBoxType_QUERYBOX,
                     css::awt::MessageBoxButtons::BUTTONS_YES_NO | css::awt::MessageBoxButtons::DEFAULT_BUTTON_NO,
                     question) == css::awt::MessageBoxResults::YES;
    } catch (const uno::Exception&) {
        return false;
    }
}

}  // namespace eci::addin::commandes
