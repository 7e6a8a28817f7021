// The commands of the « Économie circulaire » menu: one UNO component that is
//  - the service fr.ademe.eci.Commandes (XCommandes: Basic, Python, C++, headless), and
//  - the protocol handler of the menu / toolbar URLs `fr.ademe.eci.commandes:<Commande>`
//    (XDispatchProvider + XNotifyingDispatch: the result of a dispatch is the report).
// The logic of the import (matching, statuses) is in the domain library (eci/import.hpp);
// this file only reads and writes cells and opens documents.
#include "commandes_uno.hpp"

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/io/XInputStream.hpp>
#include <com/sun/star/packages/zip/ZipFileAccess.hpp>
#include <com/sun/star/ui/dialogs/FolderPicker.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/XPropertyContainer.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/sheet/FilterOperator2.hpp>
#include <com/sun/star/sheet/TableFilterField2.hpp>
#include <com/sun/star/sheet/XSheetFilterDescriptor2.hpp>
#include <com/sun/star/sheet/XSheetFilterable.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableRows.hpp>
#include <com/sun/star/util/XProtectable.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <com/sun/star/util/URL.hpp>
#include <cppuhelper/implbase5.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <fr/ademe/eci/XCommandes.hpp>
#include <cppuhelper/weakref.hxx>
#include <osl/file.hxx>
#include <rtl/process.h>
#include <rtl/ustring.hxx>

#include <cmath>
#include <cstdlib>
#include <cctype>
#include <cstring>
#include <cstdint>
#include <optional>
#include <iterator>
#include <fstream>
#include <map>
#include <osl/file.hxx>
#include <algorithm>
#include <string>
#include <vector>

#include "conversion.hpp"
#include "eci/calc/import.hpp"
#include "eci/statuts.hpp"
#include "eci/texte.hpp"

namespace css = ::com::sun::star;
namespace uno = ::com::sun::star::uno;
using ::rtl::OUString;

namespace eci::addin {
namespace {

constexpr const char* kProtocole = "fr.ademe.eci.commandes:";
constexpr const char* kExtension = "fr.ademe.eci";
// Where the Référentiel sheet of the autodiagnostic keeps its rows and inputs.
constexpr sal_Int32 kPremiereLigne = 6;   // row 7 (0-based 6): first node
constexpr sal_Int32 kColId = 0;            // A: N°
constexpr sal_Int32 kColStatut = 9;        // J: Statut, K: Explications, L:N fractions
constexpr std::size_t kMaxLignesSource = 20000;
constexpr std::size_t kMaxColonnesSource = 200;

OUString u(const std::string& s) { return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8); }
std::string s8(const OUString& s) { return std::string(::rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8).getStr()); }

css::beans::PropertyValue prop(const char* nom, const uno::Any& v) {
    css::beans::PropertyValue p;
    p.Name = OUString::createFromAscii(nom);
    p.Value = v;
    return p;
}

struct ErreurCommande : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A file URL from a file: URL or a system path. Other URL schemes (http:, webdav, vnd.sun.star.*)
// are refused: the commands only read local files, never the network.
OUString versUrl(const OUString& fichier) {
    if (fichier.startsWithIgnoreAsciiCase("file:")) return fichier;
    OUString url;
    if (fichier.indexOf("://") >= 0 || osl::FileBase::getFileURLFromSystemPath(fichier, url) != osl::FileBase::E_None ||
        url.isEmpty())
        throw ErreurCommande("Chemin de fichier illisible : « " + s8(fichier) +
                             " » (un chemin de fichier local est attendu, par exemple /home/moi/export.xlsx).");
    return url;
}

// True when LibreOffice runs without a user interface (soffice --headless, or the headless VCL
// plugin). There a visible Calc window aborts LibreOffice 7.4 (crash in vcl::Window::GetCursor from
// a scheduler task, observed): the commands then open every document hidden, whatever Cache says.
bool sansInterface() {
    static const bool r = [] {
        if (const char* plugin = std::getenv("SAL_USE_VCLPLUGIN"); plugin && std::strcmp(plugin, "svp") == 0)
            return true;
        const sal_uInt32 n = rtl_getAppCommandArgCount();
        for (sal_uInt32 i = 0; i < n; ++i) {
            OUString arg;
            rtl_getAppCommandArg(i, &arg.pData);
            if (arg == "--headless" || arg == "-headless" || arg.startsWith("--headless=")) return true;
        }
        return false;
    }();
    return r;
}

// Largest workbook the commands open (a platform export or an autodiagnostic is well under 1 MB).
constexpr sal_uInt64 kTailleMaxFichier = 100u * 1024 * 1024;

// Why a local file may not be opened (empty when it may): it must exist and be a regular file
// (a symbolic link is followed), not a FIFO, device or directory, which would block or never end,
// and stay under kTailleMaxFichier.
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

// True when a file name ends with the extension `ext` (".ods"), whatever its case or accents.
bool aExtension(const std::string& nom, const char* ext) {
    const std::string bas = texte::plier(nom);
    const std::size_t n = std::strlen(ext);
    return bas.size() > n && bas.compare(bas.size() - n, n, ext) == 0;
}

// Largest decompressed content the commands read before opening a workbook, and most filled cells
// it may declare (a platform export has about 4 000, an autodiagnostic about 10 000).
constexpr sal_Int64 kOctetsMaxContenu = 200 * 1024 * 1024;
constexpr std::uint64_t kCellulesMax = 2000000;

// Reads a stream to its end, at most `max` bytes (more: nullopt).
std::optional<std::string> lireFlux(const uno::Reference<css::io::XInputStream>& flux, sal_Int64 max) {
    std::string texte;
    uno::Sequence<sal_Int8> bloc;
    for (;;) {
        const sal_Int32 n = flux->readBytes(bloc, 1 << 20);
        if (n <= 0) break;
        if (static_cast<sal_Int64>(texte.size()) + n > max) return std::nullopt;
        texte.append(reinterpret_cast<const char*>(bloc.getConstArray()), static_cast<std::size_t>(n));
    }
    return texte;
}

// Why a workbook's content may not be opened (empty when it may), judged before LibreOffice loads
// it: a zip (.ods, .xlsx) whose entries decompress to more than kOctetsMaxContenu, or sheets
// (.ods content.xml, .fods, .xlsx xl/worksheets/*.xml) declaring more than kCellulesMax filled
// cells through row / column repetitions or array-formula areas. Either would freeze soffice for
// minutes or exhaust its memory.
// A file this check cannot read (not a zip, corrupt) is left to the loader, which refuses it.
std::string raisonDeNePasCharger(const uno::Reference<uno::XComponentContext>& ctx, const OUString& url,
                                 const std::string& nom) {
    std::optional<std::string> xml;  // a flat OpenDocument file
    std::uint64_t cellules = 0;      // filled cells declared by the sheets' XML
    if (aExtension(nom, ".fods")) {
        OUString chemin;
        if (osl::FileBase::getSystemPathFromFileURL(url, chemin) != osl::FileBase::E_None) return std::string();
        std::ifstream f(s8(chemin), std::ios::binary);
        xml = std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    } else {
        uno::Reference<css::packages::zip::XZipFileAccess2> zip;
        try {
            zip = css::packages::zip::ZipFileAccess::createWithURL(ctx, url);
        } catch (const uno::Exception&) {
            return std::string();  // not a zip: the loader decides
        }
        sal_Int64 total = 0;
        for (const OUString& entree : zip->getElementNames()) {
            // An entry that cannot be read (encrypted, corrupt) is left to the loader, which refuses it.
            std::optional<std::string> contenu;
            try {
                uno::Reference<css::io::XInputStream> flux;
                zip->getByName(entree) >>= flux;
                if (!flux.is()) continue;
                contenu = lireFlux(flux, kOctetsMaxContenu - total);
            } catch (const uno::Exception&) {
                continue;
            }
            if (!contenu)
                return "contenu décompressé de plus de " + std::to_string(kOctetsMaxContenu / (1024 * 1024)) +
                       " Mo (archive piégée ?)";
            total += static_cast<sal_Int64>(contenu->size());
            if (entree == "content.xml" || (entree.startsWith("xl/worksheets/") && entree.endsWith(".xml"))) {
                const std::uint64_t n = calc::import::cellulesDeclarees(*contenu);
                cellules = n > UINT64_MAX - cellules ? UINT64_MAX : cellules + n;
            }
        }
    }
    if (xml) cellules = calc::import::cellulesDeclarees(*xml);
    if (cellules > kCellulesMax)
        return "le fichier déclare " +
               (cellules == UINT64_MAX ? std::string("un nombre démesuré de") : std::to_string(cellules)) +
               " cellules remplies (au plus " + std::to_string(kCellulesMax) +
               ") : ce n'est ni un export de la plateforme ni un autodiagnostic";
    return std::string();
}

// How the commands load a workbook they only read (an export to import, an autodiagnostic to
// consolidate): hidden, read-only, never running its macros, never updating its links.
uno::Sequence<css::beans::PropertyValue> proprietesSource() {
    const css::beans::PropertyValue p[] = {
        prop("Hidden", uno::Any(true)), prop("ReadOnly", uno::Any(true)),
        prop("MacroExecutionMode", uno::Any(css::document::MacroExecMode::NEVER_EXECUTE)),
        prop("UpdateDocMode", uno::Any(css::document::UpdateDocMode::NO_UPDATE))};
    return uno::Sequence<css::beans::PropertyValue>(p, 4);
}

// Why a workbook named `nom` at `url` must not be opened: not a local regular file under
// kTailleMaxFichier, or a content that would freeze soffice. Empty when it may be opened.
std::string raisonDeRefuser(const uno::Reference<uno::XComponentContext>& ctx, const OUString& url,
                            const std::string& nom) {
    std::string raison = raisonDeNePasOuvrir(url);
    if (raison.empty()) raison = raisonDeNePasCharger(ctx, url, nom);
    return raison;
}

// The used area of a sheet, as values (bounded).
calc::Plage zoneUtilisee(const uno::Reference<css::sheet::XSpreadsheet>& feuille) {
    uno::Reference<css::sheet::XSheetCellCursor> curseur = feuille->createCursor();
    uno::Reference<css::sheet::XUsedAreaCursor> zone(curseur, uno::UNO_QUERY_THROW);
    zone->gotoStartOfUsedArea(false);
    zone->gotoEndOfUsedArea(true);
    uno::Reference<css::sheet::XCellRangeAddressable> adr(curseur, uno::UNO_QUERY_THROW);
    css::table::CellRangeAddress a = adr->getRangeAddress();
    if (static_cast<std::size_t>(a.EndRow) + 1 > kMaxLignesSource ||
        static_cast<std::size_t>(a.EndColumn) + 1 > kMaxColonnesSource)
        throw ErreurCommande("La première feuille du fichier est trop grande (" + std::to_string(a.EndRow + 1) +
                             " lignes, " + std::to_string(a.EndColumn + 1) +
                             " colonnes) pour un export de la plateforme.");
    uno::Reference<css::sheet::XCellRangeData> data(
        feuille->getCellRangeByPosition(0, 0, a.EndColumn, a.EndRow), uno::UNO_QUERY_THROW);
    return toRange(data->getDataArray());
}

void fermer(const uno::Reference<css::lang::XComponent>& doc) {
    if (!doc.is()) return;
    try {
        uno::Reference<css::util::XCloseable> f(doc, uno::UNO_QUERY);
        if (f.is()) f->close(true);
        else doc->dispose();
    } catch (const uno::Exception&) {
    }
}

class Commandes : public ::cppu::WeakImplHelper5<fr::ademe::eci::XCommandes, css::frame::XDispatchProvider,
                                                 css::frame::XNotifyingDispatch, css::lang::XInitialization,
                                                 css::lang::XServiceInfo> {
public:
    explicit Commandes(const uno::Reference<uno::XComponentContext>& ctx) : ctx_(ctx) {}

    // ---- XCommandes ---------------------------------------------------------------------

    uno::Reference<css::lang::XComponent> SAL_CALL nouvelAutodiagnostic(sal_Bool cache) override {
        try {
            return ouvrirModele("autodiagnostic.ods", cache);
        } catch (const uno::RuntimeException&) {
            throw;
        } catch (const std::exception& e) {
            throw css::lang::IllegalArgumentException(u(e.what()), static_cast<::cppu::OWeakObject*>(this), 0);
        }
    }

    OUString SAL_CALL importerExport(const uno::Reference<css::lang::XComponent>& autodiag,
                                     const OUString& fichier) override {
        try {
            return u(importer(autodiag, fichier));
        } catch (const std::exception& e) {
            throw css::lang::IllegalArgumentException(u(e.what()), static_cast<::cppu::OWeakObject*>(this), 1);
        } catch (const uno::RuntimeException&) {
            throw;
        }
    }

    uno::Reference<css::lang::XComponent> SAL_CALL nouveauPlanFinancement(sal_Bool cache) override {
        return garde<uno::Reference<css::lang::XComponent>>(0, [&] { return ouvrirModele("plan-financement.ods", cache); });
    }

    OUString SAL_CALL verifierPlanFinancement(const uno::Reference<css::lang::XComponent>& plan) override {
        return garde<OUString>(0, [&] { return u(verifierPlan(plan)); });
    }

    uno::Reference<css::lang::XComponent> SAL_CALL nouvelleGrilleCandidatures(sal_Bool cache) override {
        return garde<uno::Reference<css::lang::XComponent>>(0, [&] { return ouvrirModele("candidatures.ods", cache); });
    }

    OUString SAL_CALL consoliderCandidatures(const uno::Reference<css::lang::XComponent>& grille,
                                             const OUString& dossier) override {
        return garde<OUString>(1, [&] { return u(consolider(grille, dossier)); });
    }

    OUString SAL_CALL filtrerCandidatures(const uno::Reference<css::lang::XComponent>& grille, const OUString& critere,
                                          const OUString& valeur) override {
        return garde<OUString>(1, [&] { return u(filtrer(grille, s8(critere), s8(valeur))); });
    }

    // ---- XInitialization (protocol handler: the frame) -------------------------------------

    void SAL_CALL initialize(const uno::Sequence<uno::Any>& args) override {
        for (const uno::Any& a : args) {
            uno::Reference<css::frame::XFrame> f;
            if (a >>= f) frame_ = f;
        }
    }

    // ---- XDispatchProvider ----------------------------------------------------------------

    uno::Reference<css::frame::XDispatch> SAL_CALL queryDispatch(const css::util::URL& url, const OUString&,
                                                                sal_Int32) override {
        if (url.Complete.startsWithIgnoreAsciiCase(OUString::createFromAscii(kProtocole)) && !commande(url).empty())
            return this;
        return nullptr;
    }

    uno::Sequence<uno::Reference<css::frame::XDispatch>> SAL_CALL queryDispatches(
        const uno::Sequence<css::frame::DispatchDescriptor>& d) override {
        uno::Sequence<uno::Reference<css::frame::XDispatch>> r(d.getLength());
        for (sal_Int32 i = 0; i < d.getLength(); ++i)
            r.getArray()[i] = queryDispatch(d[i].FeatureURL, d[i].FrameName, d[i].SearchFlags);
        return r;
    }

    // ---- XDispatch / XNotifyingDispatch ---------------------------------------------------

    void SAL_CALL dispatch(const css::util::URL& url, const uno::Sequence<css::beans::PropertyValue>& args) override {
        executer(url, args, nullptr);
    }

    void SAL_CALL dispatchWithNotification(
        const css::util::URL& url, const uno::Sequence<css::beans::PropertyValue>& args,
        const uno::Reference<css::frame::XDispatchResultListener>& ecouteur) override {
        executer(url, args, ecouteur);
    }

    void SAL_CALL addStatusListener(const uno::Reference<css::frame::XStatusListener>&,
                                    const css::util::URL&) override {}
    void SAL_CALL removeStatusListener(const uno::Reference<css::frame::XStatusListener>&,
                                       const css::util::URL&) override {}

    // ---- XServiceInfo ----------------------------------------------------------------------

    OUString SAL_CALL getImplementationName() override { return commandesImplementationName(); }
    sal_Bool SAL_CALL supportsService(const OUString& n) override { return cppu::supportsService(this, n); }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override { return commandesServiceNames(); }

private:
    static std::string commande(const css::util::URL& url) {
        OUString c = url.Complete.copy(static_cast<sal_Int32>(std::strlen(kProtocole)));
        sal_Int32 q = c.indexOf('?');
        if (q >= 0) c = c.copy(0, q);
        std::string s = s8(c);
        static const char* const kCommandes[] = {"NouvelAutodiagnostic", "ImporterExport", "NouveauPlanFinancement",
                                                 "VerifierPlanFinancement", "NouvelleGrilleCandidatures",
                                                 "ConsoliderCandidatures", "FiltrerCandidatures"};
        for (const char* c : kCommandes)
            if (s == c) return s;
        return std::string();
    }

    // Runs a menu command. Arguments (automation): Fichier (import source), Cache (hidden).
    // Without Fichier, the import asks for the file and shows its report in a message box.
    void executer(const css::util::URL& url, const uno::Sequence<css::beans::PropertyValue>& args,
                  const uno::Reference<css::frame::XDispatchResultListener>& ecouteur) {
        css::frame::DispatchResultEvent ev;
        ev.Source = static_cast<::cppu::OWeakObject*>(this);
        ev.State = css::frame::DispatchResultState::FAILURE;
        OUString fichier, dossier, critere, valeur;
        bool cache = false, interactif = true;
        for (const css::beans::PropertyValue& p : args) {
            if (p.Name == "Fichier") { p.Value >>= fichier; interactif = false; }
            else if (p.Name == "Dossier") { p.Value >>= dossier; interactif = false; }
            else if (p.Name == "Critere") { p.Value >>= critere; interactif = false; }
            else if (p.Name == "Valeur") p.Value >>= valeur;
            else if (p.Name == "Cache") { p.Value >>= cache; interactif = false; }
            else if (p.Name == "Silencieux") { bool b = false; p.Value >>= b; if (b) interactif = false; }
        }
        // Menu entries with a fixed filter: fr.ademe.eci.commandes:FiltrerCandidatures?critere=selection
        {
            sal_Int32 q = url.Complete.indexOf('?');
            if (q >= 0 && critere.isEmpty()) {
                OUString requete = url.Complete.copy(q + 1);
                if (requete.startsWith("critere=")) critere = requete.copy(8);
            }
        }
        std::string rapport;
        const auto reussi = [&](const uno::Any& resultat) {
            ev.Result = resultat;
            ev.State = css::frame::DispatchResultState::SUCCESS;
        };
        const auto rapporte = [&](std::string texte) {
            rapport = std::move(texte);
            reussi(uno::Any(u(rapport)));
        };
        // A file or folder picker closed without a choice: nothing done, nothing to report.
        const auto annule = [&] { ev.State = css::frame::DispatchResultState::DONTKNOW; };
        try {
            std::string c = commande(url);
            if (c == "NouvelAutodiagnostic") {
                reussi(uno::Any(ouvrirModele("autodiagnostic.ods", cache)));
            } else if (c == "ImporterExport") {
                uno::Reference<css::lang::XComponent> doc = documentCourant();
                if (interactif) fichier = choisirFichier();
                if (interactif && fichier.isEmpty()) annule();
                else rapporte(importer(doc, fichier));
            } else if (c == "NouveauPlanFinancement") {
                reussi(uno::Any(ouvrirModele("plan-financement.ods", cache)));
            } else if (c == "NouvelleGrilleCandidatures") {
                reussi(uno::Any(ouvrirModele("candidatures.ods", cache)));
            } else if (c == "VerifierPlanFinancement") {
                rapporte(verifierPlan(documentCourant()));
            } else if (c == "ConsoliderCandidatures") {
                uno::Reference<css::lang::XComponent> doc = documentCourant();
                if (dossier.isEmpty()) dossier = choisirDossier();
                if (dossier.isEmpty()) annule();
                else rapporte(consolider(doc, dossier));
            } else if (c == "FiltrerCandidatures") {
                rapporte(filtrer(documentCourant(), s8(critere.isEmpty() ? OUString("aucun") : critere), s8(valeur)));
                interactif = false;  // the sheet shows the result
            }
        } catch (const std::exception& e) {
            rapport = e.what();
            ev.Result <<= u(rapport);
        } catch (const uno::Exception& e) {
            rapport = "Erreur : " + s8(e.Message);
            ev.Result <<= u(rapport);
        }
        if (interactif && !rapport.empty()) message(rapport);
        if (ecouteur.is()) ecouteur->dispatchFinished(ev);
    }

    template <class T, class F>
    T garde(sal_Int16 argument, F&& f) {
        try {
            return f();
        } catch (const uno::RuntimeException&) {
            throw;
        } catch (const uno::Exception& e) {
            throw css::lang::IllegalArgumentException(e.Message, static_cast<::cppu::OWeakObject*>(this), argument);
        } catch (const std::exception& e) {
            throw css::lang::IllegalArgumentException(u(e.what()), static_cast<::cppu::OWeakObject*>(this), argument);
        } catch (...) {
            throw uno::RuntimeException(u("Erreur inattendue dans la commande."), static_cast<::cppu::OWeakObject*>(this));
        }
    }

    OUString choisirDossier() {
        uno::Reference<css::ui::dialogs::XFolderPicker2> fp = css::ui::dialogs::FolderPicker::create(ctx_);
        fp->setTitle(u("Dossier des autodiagnostics des candidats"));
        if (fp->execute() != css::ui::dialogs::ExecutableDialogResults::OK) return OUString();
        return fp->getDirectory();
    }

    static uno::Reference<css::sheet::XSpreadsheet> feuille(const uno::Reference<css::lang::XComponent>& doc,
                                                             const char* nom, const char* quoi) {
        uno::Reference<css::sheet::XSpreadsheetDocument> d(doc, uno::UNO_QUERY);
        if (!d.is()) throw ErreurCommande("Le document n'est pas un classeur Calc.");
        uno::Reference<css::container::XNameAccess> f(d->getSheets(), uno::UNO_QUERY_THROW);
        if (!f->hasByName(u(nom)))
            throw ErreurCommande(std::string("Le document n'est pas ") + quoi + " (pas de feuille « " + nom + " »).");
        return uno::Reference<css::sheet::XSpreadsheet>(f->getByName(u(nom)), uno::UNO_QUERY_THROW);
    }

    static std::string texteCellule(const uno::Reference<css::sheet::XSpreadsheet>& f, sal_Int32 col, sal_Int32 lig) {
        uno::Reference<css::text::XTextRange> t(f->getCellByPosition(col, lig), uno::UNO_QUERY_THROW);
        return s8(t->getString());
    }

    static constexpr sal_Int32 kMarque = 0xF4CCCC;

    static bool estMarquee(const uno::Reference<css::sheet::XSpreadsheet>& plan, sal_Int32 l) {
        uno::Reference<css::beans::XPropertySet> cel(plan->getCellByPosition(0, l), uno::UNO_QUERY_THROW);
        sal_Int32 fond = -1;
        cel->getPropertyValue("CellBackColor") >>= fond;
        return fond == kMarque;
    }

    // The backgrounds of a marked line are kept in a user-defined document property (saved
    // with the document), one per line: « ECI plan ligne N ».
    static OUString nomMemoire(sal_Int32 l) { return u("ECI plan ligne " + std::to_string(l + 1)); }

    static uno::Reference<css::beans::XPropertyContainer> proprietes(const uno::Reference<css::lang::XComponent>& doc) {
        uno::Reference<css::document::XDocumentPropertiesSupplier> dps(doc, uno::UNO_QUERY);
        if (!dps.is()) return nullptr;
        return dps->getDocumentProperties()->getUserDefinedProperties();
    }

    static void ecrireMemoire(const uno::Reference<css::lang::XComponent>& doc, sal_Int32 l, const std::string& v) {
        uno::Reference<css::beans::XPropertyContainer> pc = proprietes(doc);
        if (!pc.is()) return;
        uno::Reference<css::beans::XPropertySet> ps(pc, uno::UNO_QUERY_THROW);
        const OUString nom = nomMemoire(l);
        const bool existe = ps->getPropertySetInfo()->hasPropertyByName(nom);
        if (v.empty()) {
            if (existe) pc->removeProperty(nom);
        } else if (existe) {
            ps->setPropertyValue(nom, uno::Any(u(v)));
        } else {
            pc->addProperty(nom, css::beans::PropertyAttribute::REMOVABLE, uno::Any(u(v)));
        }
    }

    static std::string lireMemoire(const uno::Reference<css::lang::XComponent>& doc, sal_Int32 l) {
        uno::Reference<css::beans::XPropertyContainer> pc = proprietes(doc);
        if (!pc.is()) return std::string();
        uno::Reference<css::beans::XPropertySet> ps(pc, uno::UNO_QUERY_THROW);
        if (!ps->getPropertySetInfo()->hasPropertyByName(nomMemoire(l))) return std::string();
        OUString v;
        ps->getPropertyValue(nomMemoire(l)) >>= v;
        return s8(v);
    }

    // « Vérifier le plan de financement » (spreadsheets/README.md: Plan rows 7.. , P check, Q status).
    std::string verifierPlan(const uno::Reference<css::lang::XComponent>& doc) {
        uno::Reference<css::sheet::XSpreadsheet> plan = feuille(doc, "Plan", "un plan de financement");
        uno::Reference<css::sheet::XCalculatable> calcul(doc, uno::UNO_QUERY);
        if (calcul.is()) calcul->calculateAll();
        uno::Reference<css::util::XProtectable> protection(plan, uno::UNO_QUERY);
        const bool protegee = protection.is() && protection->isProtected();
        if (protegee) protection->unprotect(OUString());
        std::vector<std::string> lignes;
        int verifiees = 0;
        for (sal_Int32 l = 6; l < 40; ++l) {
            std::string libelle = texteCellule(plan, 0, l);
            if (libelle.empty() || texte::plier(libelle) == "total") break;
            std::string statut = texteCellule(plan, 16, l);
            uno::Reference<css::beans::XPropertySet> ligne(plan->getCellRangeByPosition(0, l, 16, l), uno::UNO_QUERY_THROW);
            if (texte::plier(statut) == "arevoir") {
                // Remember the line's own backgrounds (direct formatting) before marking it.
                if (!estMarquee(plan, l)) {
                    std::string couleurs;
                    for (sal_Int32 c = 0; c <= 16; ++c) {
                        uno::Reference<css::beans::XPropertySet> cel(plan->getCellByPosition(c, l), uno::UNO_QUERY_THROW);
                        sal_Int32 fond = -1;
                        cel->getPropertyValue("CellBackColor") >>= fond;
                        couleurs += (c ? "," : "") + std::to_string(fond);
                    }
                    ecrireMemoire(doc, l, couleurs);
                }
                ligne->setPropertyValue("CellBackColor", uno::Any(sal_Int32(kMarque)));
                lignes.push_back("« " + libelle + " » (ligne " + std::to_string(l + 1) + ") : " + texteCellule(plan, 15, l));
                uno::Reference<css::table::XColumnRowRange> crr(plan->getCellRangeByPosition(0, l, 16, l), uno::UNO_QUERY);
                if (crr.is()) {
                    uno::Reference<css::beans::XPropertySet> rows(crr->getRows(), uno::UNO_QUERY);
                    if (rows.is()) rows->setPropertyValue("OptimalHeight", uno::Any(true));
                }
            } else {
                // Unmark: give the line back the backgrounds it had before it was marked.
                if (estMarquee(plan, l)) {
                    std::string couleurs = lireMemoire(doc, l);
                    std::vector<sal_Int32> fonds;
                    std::size_t a = 0;
                    while (!couleurs.empty() && a <= couleurs.size()) {
                        std::size_t b = couleurs.find(',', a);
                        if (b == std::string::npos) b = couleurs.size();
                        fonds.push_back(static_cast<sal_Int32>(std::strtol(couleurs.substr(a, b - a).c_str(), nullptr, 10)));
                        a = b + 1;
                    }
                    for (sal_Int32 c = 0; c <= 16; ++c) {
                        uno::Reference<css::beans::XPropertySet> cel(plan->getCellByPosition(c, l), uno::UNO_QUERY_THROW);
                        sal_Int32 fond = -1;
                        cel->getPropertyValue("CellBackColor") >>= fond;
                        if (fond == kMarque)
                            cel->setPropertyValue("CellBackColor",
                                                  uno::Any(static_cast<std::size_t>(c) < fonds.size() ? fonds[(std::size_t)c] : sal_Int32(-1)));
                    }
                    ecrireMemoire(doc, l, std::string());
                }
            }
            if (!statut.empty()) ++verifiees;
        }
        if (protegee) protection->protect(OUString());
        if (verifiees == 0) return "Aucune ligne saisie dans le plan de financement.";
        if (lignes.empty())
            return "Plan de financement vérifié : les " + std::to_string(verifiees) + " lignes saisies sont conformes.";
        std::string r = "Plan de financement : " + std::to_string(lignes.size()) + " ligne(s) à revoir (marquées en rouge) :";
        for (const std::string& l : lignes) r += "\n- " + l;
        return r;
    }

    // The key figures of one autodiagnostic, computed from its inputs.
    struct Candidat {
        std::string nom, departement;
        double pourcentage = 0, potentiel = 0, fait = 0, etoiles = 1;
        double axes[5] = {0, 0, 0, 0, 0};
    };

    static Candidat lireAutodiagnostic(const uno::Reference<css::lang::XComponent>& doc) {
        uno::Reference<css::sheet::XSpreadsheet> coll = feuille(doc, "Collectivité", "un autodiagnostic");
        uno::Reference<css::sheet::XSpreadsheet> ref = feuille(doc, "Référentiel", "un autodiagnostic");
        calc::Plage zone = zoneUtilisee(ref);
        if (zone.lignes <= static_cast<std::size_t>(kPremiereLigne) || zone.colonnes < 14)
            throw ErreurCommande("la feuille « Référentiel » n'a pas la forme d'un autodiagnostic");
        const std::size_t n = zone.lignes - kPremiereLigne;
        calc::Plage ids(n, 1), statuts(n, 1), details(n, 3);
        for (std::size_t l = 0; l < n; ++l) {
            ids.at(l, 0) = zone.at(l + kPremiereLigne, kColId);
            statuts.at(l, 0) = zone.at(l + kPremiereLigne, kColStatut);
            for (std::size_t k = 0; k < 3; ++k) details.at(l, k) = zone.at(l + kPremiereLigne, kColStatut + 2 + k);
        }
        uno::Reference<css::sheet::XCellRangeData> cdata(coll->getCellRangeByName(u("B4:C40")), uno::UNO_QUERY_THROW);
        calc::Plage brut = toRange(cdata->getDataArray());
        calc::Plage contexte(0, 2);
        Candidat c;
        for (std::size_t l = 0; l < brut.lignes; ++l) {
            auto cle = std::get_if<std::string>(&brut.at(l, 0));
            if (!cle || cle->empty()) continue;
            std::string k = texte::plier(*cle);
            std::string v;
            if (auto t = std::get_if<std::string>(&brut.at(l, 1))) v = *t;
            else if (auto d = std::get_if<double>(&brut.at(l, 1))) v = std::to_string(static_cast<long long>(*d));
            if (k == "nom") c.nom = v;
            if (k == "departement") c.departement = v;
            contexte.lignes += 1;
            contexte.cellules.push_back(brut.at(l, 0));
            contexte.cellules.push_back(brut.at(l, 1));
        }
        calc::Optionnel ctx = contexte.lignes ? calc::Optionnel(contexte) : std::nullopt;
        auto mesure = [&](const std::string& noeud, const char* m) {
            return calc::score(ids, statuts, calc::Plage(calc::Cellule(noeud)), calc::Plage(calc::Cellule(std::string(m))),
                               details, ctx, std::nullopt);
        };
        c.pourcentage = mesure("", "pourcentage");
        c.potentiel = mesure("", "potentiel");
        c.fait = mesure("", "fait");
        c.etoiles = calc::etoiles(c.pourcentage);
        for (int a = 0; a < 5; ++a) c.axes[a] = mesure(std::to_string(a + 1), "pourcentage");
        return c;
    }

    // « Consolider des candidatures » (spreadsheets/README.md: Candidatures rows 2-201; A name, B département,
    // E file, F % fait (fraction), G potentiel, H fait, I-M axes (fractions), N étoiles).
    std::string consolider(const uno::Reference<css::lang::XComponent>& grille, const OUString& dossier) {
        uno::Reference<css::sheet::XSpreadsheet> cand = feuille(grille, "Candidatures", "une grille de candidatures");
        if (dossier.isEmpty()) throw ErreurCommande("Aucun dossier indiqué.");
        OUString url = versUrl(dossier);
        osl::Directory rep(url);
        if (rep.open() != osl::FileBase::E_None) throw ErreurCommande("Dossier introuvable : « " + s8(dossier) + " ».");
        std::vector<std::pair<std::string, OUString>> fichiers;  // name, URL
        osl::DirectoryItem item;
        while (rep.getNextItem(item) == osl::FileBase::E_None) {
            osl::FileStatus st(osl_FileStatus_Mask_FileName | osl_FileStatus_Mask_FileURL | osl_FileStatus_Mask_Type);
            if (item.getFileStatus(st) != osl::FileBase::E_None) continue;
            if (st.getFileType() == osl::FileStatus::Directory) continue;
            std::string nom = s8(st.getFileName());
            if (nom.rfind(".~lock", 0) == 0 ||
                !(aExtension(nom, ".ods") || aExtension(nom, ".xlsx") || aExtension(nom, ".fods")))
                continue;
            fichiers.emplace_back(nom, st.getFileURL());
        }
        rep.close();
        std::sort(fichiers.begin(), fichiers.end());
        if (fichiers.size() > 1000) throw ErreurCommande("Plus de 1000 classeurs dans le dossier : consolidez-les par lots.");

        // Existing rows, by source file (E) and the first free row.
        const sal_Int32 premiere = 1, derniere = 200;  // rows 2..201
        uno::Reference<css::sheet::XCellRangeData> plage(cand->getCellRangeByPosition(0, premiere, 13, derniere),
                                                          uno::UNO_QUERY_THROW);
        uno::Sequence<uno::Sequence<uno::Any>> valeurs = plage->getDataArray();
        std::map<std::string, sal_Int32> ligneDe;
        for (sal_Int32 l = 0; l < valeurs.getLength(); ++l) {
            OUString f;
            if ((valeurs[l][4] >>= f) && !f.isEmpty()) ligneDe.emplace(s8(f), l);
        }
        auto libre = [&]() -> sal_Int32 {
            for (sal_Int32 l = 0; l < valeurs.getLength(); ++l) {
                OUString a, e;
                valeurs[l][0] >>= a;
                valeurs[l][4] >>= e;
                double d;
                if (a.isEmpty() && e.isEmpty() && !(valeurs[l][0] >>= d)) return l;
            }
            return -1;
        };
        uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx_);
        std::vector<std::string> illisibles;
        int ecrites = 0, misesAJour = 0;
        for (const auto& [nom, furl] : fichiers) {
            const uno::Sequence<css::beans::PropertyValue> p = proprietesSource();
            uno::Reference<css::lang::XComponent> doc;
            Candidat c;
            try {
                // A workbook-named FIFO, device or huge file is listed as not read, never opened.
                if (std::string raison = raisonDeRefuser(ctx_, furl, nom); !raison.empty()) throw ErreurCommande(raison);
                doc = desktop->loadComponentFromURL(furl, "_blank", 0, p);
                if (!doc.is()) throw ErreurCommande("fichier illisible (abîmé, protégé par mot de passe ou format inconnu)");
                c = lireAutodiagnostic(doc);
            } catch (const std::exception& e) {
                illisibles.push_back(nom + " : " + e.what());
                fermer(doc);
                continue;
            } catch (const uno::Exception& e) {
                illisibles.push_back(nom + " : fichier illisible (" + s8(e.Message) + ")");
                fermer(doc);
                continue;
            }
            fermer(doc);
            sal_Int32 l;
            auto it = ligneDe.find(nom);
            if (it != ligneDe.end()) { l = it->second; ++misesAJour; }
            else {
                l = libre();
                if (l < 0) { illisibles.push_back(nom + " : plus de place dans la feuille (200 candidatures)"); continue; }
                ligneDe.emplace(nom, l);
            }
            auto* v = valeurs.getArray()[l].getArray();
            v[0] <<= u(c.nom.empty() ? nom : c.nom);
            if (!c.departement.empty()) v[1] <<= u(c.departement);
            v[4] <<= u(nom);
            v[5] <<= c.pourcentage / 100;
            v[6] <<= c.potentiel;
            v[7] <<= c.fait;
            for (int a = 0; a < 5; ++a) v[8 + a] <<= c.axes[a] / 100;
            v[13] <<= c.etoiles;
            ++ecrites;
        }
        plage->setDataArray(valeurs);
        uno::Reference<css::sheet::XCalculatable> calcul(grille, uno::UNO_QUERY);
        if (calcul.is()) calcul->calculateAll();
        std::string r = "Consolidation : " + std::to_string(ecrites) + " autodiagnostic(s) lu(s) sur " +
                        std::to_string(fichiers.size()) + " fichier(s)";
        if (misesAJour) r += " (" + std::to_string(misesAJour) + " ligne(s) mise(s) à jour)";
        r += ". Les fichiers sources n'ont pas été modifiés.";
        if (illisibles.empty()) r += "\nTous les fichiers ont été lus.";
        else {
            r += "\nFichiers non lus (" + std::to_string(illisibles.size()) + ") :";
            for (const std::string& s : illisibles) r += "\n- " + s;
        }
        r += "\nÀ compléter à la main : typologies (colonnes C, D) et notes (colonnes O à T).";
        return r;
    }

    // « Filtrer les candidatures » on Candidatures A1:AC201.
    std::string filtrer(const uno::Reference<css::lang::XComponent>& grille, const std::string& critereTexte,
                        const std::string& valeur) {
        uno::Reference<css::sheet::XSpreadsheet> cand = feuille(grille, "Candidatures", "une grille de candidatures");
        uno::Reference<css::sheet::XCalculatable> calcul(grille, uno::UNO_QUERY);
        if (calcul.is()) calcul->calculateAll();
        const std::string critere = texte::plier(critereTexte);
        uno::Reference<css::sheet::XSheetFilterable> filtrable(cand->getCellRangeByName(u("A1:AC201")), uno::UNO_QUERY_THROW);
        uno::Reference<css::sheet::XSheetFilterDescriptor2> desc(filtrable->createFilterDescriptor(true), uno::UNO_QUERY_THROW);
        uno::Reference<css::beans::XPropertySet> props(desc, uno::UNO_QUERY_THROW);
        props->setPropertyValue("ContainsHeader", uno::Any(true));
        std::vector<css::sheet::TableFilterField2> champs;
        css::sheet::TableFilterField2 f;
        f.Connection = css::sheet::FilterConnection_AND;
        std::string quoi;
        auto valeurExacte = [&](sal_Int32 col) -> OUString {
            // The text as written in the sheet that matches `valeur` without case/accents.
            std::string cible = texte::plier(valeur);
            for (sal_Int32 l = 1; l <= 200; ++l) {
                std::string t = texteCellule(cand, col, l);
                if (!t.empty() && texte::plier(t) == cible) return u(t);
            }
            return u(valeur);
        };
        if (critere == "aucun" || critere == "effacer" || critere == "tout" || critere.empty()) {
            quoi = "filtre effacé";
        } else if (critere == "selection" || critere == "selectionnes" || critere == "selectionne") {
            f.Field = 23;  // X
            f.Operator = css::sheet::FilterOperator2::EQUAL;
            f.IsNumeric = true;
            f.NumericValue = 1;
            champs.push_back(f);
            quoi = "candidatures sélectionnées";
        } else if (critere == "territoire" || critere == "typologieduterritoire" || critere == "collectivite" ||
                   critere == "typologiedelacollectivite" || critere == "departement") {
            if (texte::rogner(valeur).empty()) throw ErreurCommande("Indiquez la valeur à filtrer.");
            sal_Int32 col = critere == "departement" ? 1 : (critere.rfind("territoire") != std::string::npos ? 2 : 3);
            f.Field = col;
            f.Operator = css::sheet::FilterOperator2::EQUAL;
            f.IsNumeric = false;
            f.StringValue = valeurExacte(col);
            champs.push_back(f);
            quoi = (col == 1 ? "département " : col == 2 ? "typologie du territoire " : "typologie de la collectivité ") + s8(f.StringValue);
        } else if (critere == "scoremin" || critere == "score") {
            double seuil;
            if (!texte::lireNombre(valeur, seuil)) throw ErreurCommande("Score minimal illisible : « " + valeur + " ».");
            f.Field = 20;  // U
            f.Operator = css::sheet::FilterOperator2::GREATER_EQUAL;
            f.IsNumeric = true;
            f.NumericValue = seuil;
            champs.push_back(f);
            quoi = "score ≥ " + texte::nombreFr(seuil);
        } else {
            throw ErreurCommande("Critère de filtre inconnu : « " + critereTexte +
                                 " » (attendu : selection, territoire, collectivite, departement, score_min ou aucun).");
        }
        uno::Sequence<css::sheet::TableFilterField2> seqChamps(static_cast<sal_Int32>(champs.size()));
        for (std::size_t i = 0; i < champs.size(); ++i) seqChamps.getArray()[i] = champs[i];
        desc->setFilterFields2(seqChamps);
        filtrable->filter(uno::Reference<css::sheet::XSheetFilterDescriptor>(desc, uno::UNO_QUERY_THROW));
        // Count the candidates shown.
        uno::Reference<css::table::XColumnRowRange> crr(cand->getCellRangeByName(u("A2:A201")), uno::UNO_QUERY_THROW);
        uno::Reference<css::table::XTableRows> rows = crr->getRows();
        int visibles = 0, total = 0;
        for (sal_Int32 l = 0; l < rows->getCount(); ++l) {
            if (texteCellule(cand, 0, l + 1).empty()) continue;
            ++total;
            uno::Reference<css::beans::XPropertySet> r(rows->getByIndex(l), uno::UNO_QUERY_THROW);
            bool visible = true;
            r->getPropertyValue("IsVisible") >>= visible;
            if (visible) ++visibles;
        }
        return "Filtre (" + quoi + ") : " + std::to_string(visibles) + " candidature(s) affichée(s) sur " +
               std::to_string(total) + ".";
    }

    uno::Reference<css::lang::XComponent> documentCourant() {
        if (const uno::Reference<css::frame::XFrame> cadre = frame_; cadre.is()) {
            uno::Reference<css::frame::XController> ctl = cadre->getController();
            if (ctl.is()) return uno::Reference<css::lang::XComponent>(ctl->getModel(), uno::UNO_QUERY);
        }
        uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx_);
        return desktop->getCurrentComponent();
    }

    OUString choisirFichier() {
        uno::Reference<css::ui::dialogs::XFilePicker3> fp = css::ui::dialogs::FilePicker::createWithMode(
            ctx_, css::ui::dialogs::TemplateDescription::FILEOPEN_SIMPLE);
        fp->setTitle(u("Importer un export de la plateforme"));
        fp->appendFilter(u("Export de la plateforme (*.xlsx, *.ods)"), "*.xlsx;*.ods");
        fp->appendFilter(u("Tous les fichiers"), "*");
        if (fp->execute() != css::ui::dialogs::ExecutableDialogResults::OK) return OUString();
        uno::Sequence<OUString> f = fp->getSelectedFiles();
        return f.getLength() ? f[0] : OUString();
    }

    void message(const std::string& texte) {
        try {
            const uno::Reference<css::frame::XFrame> cadre = frame_;
            if (!cadre.is()) return;
            uno::Reference<css::awt::XWindowPeer> parent(cadre->getContainerWindow(), uno::UNO_QUERY);
            if (!parent.is()) return;
            uno::Reference<css::awt::XToolkit2> tk = css::awt::Toolkit::create(ctx_);
            uno::Reference<css::awt::XMessageBoxFactory> f(tk, uno::UNO_QUERY_THROW);
            f->createMessageBox(parent, css::awt::MessageBoxType_INFOBOX, css::awt::MessageBoxButtons::BUTTONS_OK,
                                u("Économie circulaire"), u(texte))
                ->execute();
        } catch (const uno::Exception&) {
        }
    }

    uno::Reference<css::lang::XComponent> ouvrirModele(const char* nom, bool cache) {
        uno::Reference<css::deployment::XPackageInformationProvider> pip =
            css::deployment::PackageInformationProvider::get(ctx_);
        OUString racine = pip->getPackageLocation(OUString::createFromAscii(kExtension));
        if (racine.isEmpty()) throw ErreurCommande("Extension Économie circulaire introuvable.");
        OUString url = racine + "/modeles/" + OUString::createFromAscii(nom);
        uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx_);
        uno::Sequence<css::beans::PropertyValue> p(2);
        p.getArray()[0] = prop("AsTemplate", uno::Any(true));
        p.getArray()[1] = prop("Hidden", uno::Any(cache || sansInterface()));
        uno::Reference<css::lang::XComponent> doc = desktop->loadComponentFromURL(url, "_blank", 0, p);
        if (!doc.is()) throw ErreurCommande("Le modèle " + std::string(nom) + " n'a pas pu être ouvert.");
        return doc;
    }

    std::string importer(const uno::Reference<css::lang::XComponent>& autodiag, const OUString& fichier) {
        uno::Reference<css::sheet::XSpreadsheetDocument> cible(autodiag, uno::UNO_QUERY);
        if (!cible.is()) throw ErreurCommande("Le document cible n'est pas un classeur Calc.");
        uno::Reference<css::container::XNameAccess> feuilles(cible->getSheets(), uno::UNO_QUERY_THROW);
        if (!feuilles->hasByName(u("Référentiel")))
            throw ErreurCommande("Le document cible n'est pas un autodiagnostic (pas de feuille « Référentiel »).");
        if (fichier.isEmpty()) throw ErreurCommande("Aucun fichier à importer.");

        // 1. Read the source: hidden, read-only, no macro, no link update; never stored.
        OUString url = versUrl(fichier);
        if (std::string raison = raisonDeRefuser(ctx_, url, s8(fichier)); !raison.empty()) {
            raison[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(raison[0])));
            throw ErreurCommande(raison + " : « " + s8(fichier) + " ».");
        }
        uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx_);
        const uno::Sequence<css::beans::PropertyValue> p = proprietesSource();
        uno::Reference<css::lang::XComponent> source;
        try {
            source = desktop->loadComponentFromURL(url, "_blank", 0, p);
        } catch (const uno::Exception& e) {
            throw ErreurCommande("Le fichier « " + s8(fichier) + " » n'a pas pu être ouvert (" + s8(e.Message) +
                                 ").");
        }
        if (!source.is())
            throw ErreurCommande("Le fichier « " + s8(fichier) +
                                 " » n'a pas pu être ouvert (format inconnu, fichier abîmé ou protégé par mot "
                                 "de passe ?).");
        calc::Plage donnees;
        try {
            uno::Reference<css::sheet::XSpreadsheetDocument> src(source, uno::UNO_QUERY);
            if (!src.is()) throw ErreurCommande("Le fichier « " + s8(fichier) + " » n'est pas un classeur.");
            uno::Reference<css::container::XIndexAccess> idx(src->getSheets(), uno::UNO_QUERY_THROW);
            if (idx->getCount() == 0) throw ErreurCommande("Le fichier « " + s8(fichier) + " » n'a aucune feuille.");
            uno::Reference<css::sheet::XSpreadsheet> f0(idx->getByIndex(0), uno::UNO_QUERY_THROW);
            donnees = zoneUtilisee(f0);
        } catch (...) {
            fermer(source);
            throw;
        }
        fermer(source);

        // 2. Match the rows (domain library).
        calc::import::ResultatImport r;
        try {
            r = calc::import::lireExport(donnees, *Referentiel::eci());
        } catch (const calc::import::ErreurImport& e) {
            throw ErreurCommande(e.what());
        }

        // 3. Write the inputs of the Référentiel sheet (J statut, K explications, L:N fractions).
        uno::Reference<css::sheet::XSpreadsheet> ref(feuilles->getByName(u("Référentiel")), uno::UNO_QUERY_THROW);
        calc::Plage zone = zoneUtilisee(ref);
        if (zone.lignes <= static_cast<std::size_t>(kPremiereLigne))
            throw ErreurCommande("La feuille « Référentiel » du document cible est vide.");
        const sal_Int32 fin = static_cast<sal_Int32>(zone.lignes) - 1;
        std::map<std::string, sal_Int32> ligneDe;
        for (sal_Int32 l = kPremiereLigne; l <= fin; ++l) {
            const calc::Cellule& c = zone.at((std::size_t)l, kColId);
            std::string id;
            if (auto s = std::get_if<std::string>(&c)) id = *s;
            else if (auto d = std::get_if<double>(&c)) {
                int i = Referentiel::eci()->index(std::to_string(static_cast<long long>(*d)));
                if (*d == static_cast<long long>(*d) && i > 0) id = Referentiel::eci()->noeud(i).identifiant;
            }
            if (!id.empty()) ligneDe.emplace(id, l);
        }
        uno::Reference<css::sheet::XCellRangeData> plage(
            ref->getCellRangeByPosition(kColStatut, kPremiereLigne, kColStatut + 4, fin), uno::UNO_QUERY_THROW);
        uno::Sequence<uno::Sequence<uno::Any>> valeurs = plage->getDataArray();
        auto* lignes = valeurs.getArray();
        std::size_t importes = 0, statuts = 0;
        std::vector<std::string> absents;
        for (const calc::import::LigneExport& le : r.lignes) {
            auto it = ligneDe.find(le.identifiant);
            if (it == ligneDe.end()) {
                absents.push_back("N° " + le.identifiant + " (ligne " + std::to_string(le.ligneSource) +
                                  ") absent de la feuille « Référentiel »");
                continue;
            }
            auto* v = lignes[it->second - kPremiereLigne].getArray();
            v[0] <<= u(le.statut ? motStatut(*le.statut) : "");
            v[1] <<= u(le.explications);
            for (int k = 0; k < 3; ++k) {
                if (le.fractions) v[2 + k] <<= (*le.fractions)[(std::size_t)k];
                else v[2 + k] <<= OUString();
            }
            ++importes;
            if (le.statut) ++statuts;
        }
        plage->setDataArray(valeurs);
        uno::Reference<css::sheet::XCalculatable> calcul(autodiag, uno::UNO_QUERY);
        if (calcul.is()) calcul->calculateAll();

        std::string rapport = "Import terminé : " + std::to_string(importes) + " lignes reconnues, " +
                              std::to_string(statuts) + " statuts importés.";
        std::vector<std::string> nonReconnues = r.nonReconnues;
        nonReconnues.insert(nonReconnues.end(), absents.begin(), absents.end());
        if (importes == 0 && nonReconnues.empty()) {
            rapport += "\nAucune ligne de ce fichier ne correspond à un N° du référentiel.";
        } else if (nonReconnues.empty()) {
            rapport += "\nToutes les lignes ont été reconnues.";
        } else {
            rapport += "\nLignes non reconnues (" + std::to_string(nonReconnues.size()) + ") :";
            for (const std::string& s : nonReconnues) rapport += "\n- " + s;
        }
        if (!r.problemes.empty()) {
            rapport += "\nRemarques (" + std::to_string(r.problemes.size()) + ") :";
            for (const std::string& s : r.problemes) rapport += "\n- " + s;
        }
        return rapport;
    }

    uno::Reference<uno::XComponentContext> ctx_;
    // Weak, as LibreOffice's own protocol handlers: the frame may keep its handler alive, the handler
    // must not keep a closed frame alive.
    uno::WeakReference<css::frame::XFrame> frame_;
};

}  // namespace

OUString commandesImplementationName() { return OUString::createFromAscii("fr.ademe.eci.CommandesImpl"); }

uno::Sequence<OUString> commandesServiceNames() {
    uno::Sequence<OUString> s(2);
    s.getArray()[0] = OUString::createFromAscii("fr.ademe.eci.Commandes");
    s.getArray()[1] = OUString::createFromAscii("com.sun.star.frame.ProtocolHandler");
    return s;
}

uno::Reference<uno::XInterface> creerCommandes(const uno::Reference<uno::XComponentContext>& ctx) {
    return static_cast<::cppu::OWeakObject*>(new Commandes(ctx));
}

}  // namespace eci::addin
