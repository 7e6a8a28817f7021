// The safe-file checks (see fichiers_surs.hpp).
#include "fichiers_surs.hpp"

#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <osl/file.hxx>

#include <cctype>

#include "controle_contenu.hpp"
#include "documents.hpp"
#include "eci/calc/fichiers.hpp"

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#endif

namespace eci::addin::commandes {

namespace {
// Largest workbook the commands open (a platform export or an autodiagnostic is well under 1 MB).
constexpr sal_uInt64 kTailleMaxFichier = 100u * 1024 * 1024;

std::string tropVolumineux(sal_uInt64 taille) {
    return "fichier trop volumineux (" + std::to_string(taille / (1024 * 1024)) + " Mo ; au plus " +
           std::to_string(kTailleMaxFichier / (1024 * 1024)) + " Mo)";
}

#ifdef _WIN32
// Windows only: compiled, syntax only, by scripts/plateformes.sh (MinGW-w64 posing as MSVC), never run
// on the Linux CI (README « Construire pour Windows et macOS »).
// osl's file status knows no device there, and reports a file's symbolic link or junction as a
// Regular file of the link's own size (sal/osl/w32: FindFirstFile's data). So the path is judged
// first by its name (device namespace, reserved names such as CON or NUL in any folder, a host's
// pipes: eci::calc::fichiers::raisonCheminWindows, unit-tested on every platform), then a reparse
// point by what it leads to, opened for its attributes only: a file on a disk, not a folder, under
// the size limit.
std::string raisonWindows(const OUString& url) {
    OUString chemin;
    if (osl::FileBase::getSystemPathFromFileURL(url, chemin) != osl::FileBase::E_None) return "fichier introuvable";
    if (std::string raison = calc::fichiers::raisonCheminWindows(s8(chemin)); !raison.empty()) return raison;
    const wchar_t* large = reinterpret_cast<const wchar_t*>(chemin.getStr());  // sal_Unicode: UTF-16
    const DWORD attributs = GetFileAttributesW(large);
    if (attributs == INVALID_FILE_ATTRIBUTES) return "fichier introuvable";
    if (!(attributs & FILE_ATTRIBUTE_REPARSE_POINT)) return std::string();  // osl's status is right
    HANDLE h = CreateFileW(large, FILE_READ_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           nullptr, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
    if (h == INVALID_HANDLE_VALUE) return "lien symbolique sans cible";
    BY_HANDLE_FILE_INFORMATION info{};
    const bool lu = GetFileInformationByHandle(h, &info) != 0;
    const DWORD type = GetFileType(h);
    CloseHandle(h);
    if (!lu) return "fichier illisible";
    if (type != FILE_TYPE_DISK) return "ce n'est pas un fichier ordinaire (tube, périphérique ou socket)";
    if (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) return "c'est un dossier, pas un fichier";
    const sal_uInt64 taille = (static_cast<sal_uInt64>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
    if (taille > kTailleMaxFichier) return tropVolumineux(taille);
    return std::string();
}
#endif
}  // namespace

std::string raisonDeNePasOuvrir(const OUString& url) {
#ifdef _WIN32
    if (std::string raison = raisonWindows(url); !raison.empty()) return raison;
#endif
    OUString cible = url;
    for (int sauts = 0; sauts < 8; ++sauts) {
        osl::DirectoryItem item;
        if (osl::DirectoryItem::get(cible, item) != osl::FileBase::E_None) return "fichier introuvable";
        osl::FileStatus st(osl_FileStatus_Mask_Type | osl_FileStatus_Mask_FileSize | osl_FileStatus_Mask_LinkTargetURL);
        if (item.getFileStatus(st) != osl::FileBase::E_None) return "fichier illisible";
        switch (st.getFileType()) {
            case osl::FileStatus::Regular:
                if (st.getFileSize() > kTailleMaxFichier) return tropVolumineux(st.getFileSize());
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

ClasseurSource::ClasseurSource(const uno::Reference<uno::XComponentContext>& ctx, const OUString& fichier,
                               const uno::Reference<css::lang::XComponent>& ouvert, const std::string& siOuvert)
    : nom_(s8(fichier)) {
    const OUString url = versUrl(fichier);
    if (std::string raison = raisonDeRefuser(ctx, url, nom_); !raison.empty()) {
        raison[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(raison[0])));
        throw ErreurCommande(raison + " : « " + nom_ + " ».");
    }
    uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx);
    try {
        document_ = desktop->loadComponentFromURL(url, "_blank", 0, proprietesSource());
    } catch (const uno::Exception& e) {
        throw ErreurCommande("Le fichier « " + nom_ + " » n'a pas pu être ouvert (" + s8(e.Message) + ").");
    }
    if (!document_.is())
        throw ErreurCommande("Le fichier « " + nom_ + " » n'a pas pu être ouvert (format inconnu, fichier abîmé ou "
                             "protégé par mot de passe ?).");
    if (ouvert.is() && document_ == ouvert) {
        document_.clear();  // the user's open document: never closed here
        throw ErreurCommande(siOuvert);
    }
    if (!uno::Reference<css::sheet::XSpreadsheetDocument>(document_, uno::UNO_QUERY).is()) {
        fermer(document_);
        throw ErreurCommande("Le fichier « " + nom_ + " » n'est pas un classeur.");
    }
}

ClasseurSource::~ClasseurSource() { fermer(document_); }

}  // namespace eci::addin::commandes
