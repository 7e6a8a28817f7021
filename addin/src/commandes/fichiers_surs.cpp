// The safe-file checks (see fichiers_surs.hpp).
#include "fichiers_surs.hpp"

#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <osl/file.hxx>

#include "controle_contenu.hpp"
#include "documents.hpp"

namespace eci::addin::commandes {

namespace {
// Largest workbook the commands open (a platform export or an autodiagnostic is well under 1 MB).
constexpr sal_uInt64 kTailleMaxFichier = 100u * 1024 * 1024;
}  // namespace

std::string raisonDeNePasOuvrir(const OUString& url) {
    OUString cible = url;
    for (int sauts = 0; sauts < 8; ++sauts) {
        osl::DirectoryItem item;
        if (osl::DirectoryItem::get(cible, item) != osl::FileBase::E_None) return "fichier introuvable";
        osl::FileStatus st(osl_FileStatus_Mask_Type | osl_FileStatus_Mask_FileSize | osl_FileStatus_Mask_LinkTargetURL);
        if (item.getFileStatus(st) != osl::FileBase::E_None) return "fichier illisible";
        switch (st.getFileType()) {
            case osl::FileStatus::Regular:
                if (st.getFileSize() > kTailleMaxFichier)
                    return "fichier trop volumineux (" + std::to_string(st.getFileSize() / (1024 * 1024)) +
                           " Mo ; au plus " + std::to_string(kTailleMaxFichier / (1024 * 1024)) + " Mo)";
                return std::string();
            case osl::FileStatus::Link:
                cible = st.getLinkTargetURL();
                if (cible.isEmpty()) return "lien symbolique sans cible";
                continue;
            case osl::FileStatus::Directory: return "c'est un dossier, pas un fichier";
            default: return "ce n'est pas un fichier ordinaire (tube, périphérique ou socket)";
        }
    }
    return "trop de liens symboliques successifs";
}

uno::Sequence<css::beans::PropertyValue> proprietesSource() {
    const css::beans::PropertyValue p[] = {
        prop("Hidden", uno::Any(true)), prop("ReadOnly", uno::Any(true)),
        prop("MacroExecutionMode", uno::Any(css::document::MacroExecMode::NEVER_EXECUTE)),
        prop("UpdateDocMode", uno::Any(css::document::UpdateDocMode::NO_UPDATE))};
    return uno::Sequence<css::beans::PropertyValue>(p, 4);
}

std::string raisonDeRefuser(const uno::Reference<uno::XComponentContext>& ctx, const OUString& url,
                            const std::string& nom) {
    std::string raison = raisonDeNePasOuvrir(url);
    if (raison.empty()) raison = raisonDeNePasCharger(ctx, url, nom);
    return raison;
}

}  // namespace eci::addin::commandes
