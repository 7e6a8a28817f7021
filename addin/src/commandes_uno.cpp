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
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilterManager.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <com/sun/star/util/URL.hpp>
#include <cppuhelper/implbase5.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <fr/ademe/eci/XCommandes.hpp>
#include <osl/file.hxx>
#include <rtl/ustring.hxx>

#include <cstring>
#include <map>
#include <string>

#include "conversion.hpp"
#include "eci/import.hpp"
#include "eci/statuts.hpp"

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

// A file URL from a URL or a system path.
OUString versUrl(const OUString& fichier) {
    if (fichier.startsWith("file:") || fichier.startsWith("vnd.sun.star")) return fichier;
    OUString url;
    if (osl::FileBase::getFileURLFromSystemPath(fichier, url) != osl::FileBase::E_None || url.isEmpty())
        throw ErreurCommande("Chemin de fichier illisible : « " + s8(fichier) + " ».");
    return url;
}

calc::Plage versPlage(const uno::Sequence<uno::Sequence<uno::Any>>& data) {
    calc::Plage p(static_cast<std::size_t>(data.getLength()),
                  data.getLength() ? static_cast<std::size_t>(data[0].getLength()) : 0);
    for (sal_Int32 l = 0; l < data.getLength(); ++l)
        for (sal_Int32 c = 0; c < data[l].getLength() && static_cast<std::size_t>(c) < p.colonnes; ++c) {
            const uno::Any& a = data[l][c];
            double d;
            OUString t;
            if (a >>= d) p.at((std::size_t)l, (std::size_t)c) = d;
            else if ((a >>= t) && !t.isEmpty()) p.at((std::size_t)l, (std::size_t)c) = s8(t);
        }
    return p;
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
    return versPlage(data->getDataArray());
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
        if (s == "NouvelAutodiagnostic" || s == "ImporterExport") return s;
        return std::string();
    }

    // Runs a menu command. Arguments (automation): Fichier (import source), Cache (hidden).
    // Without Fichier, the import asks for the file and shows its report in a message box.
    void executer(const css::util::URL& url, const uno::Sequence<css::beans::PropertyValue>& args,
                  const uno::Reference<css::frame::XDispatchResultListener>& ecouteur) {
        css::frame::DispatchResultEvent ev;
        ev.Source = static_cast<::cppu::OWeakObject*>(this);
        ev.State = css::frame::DispatchResultState::FAILURE;
        OUString fichier;
        bool cache = false, interactif = true;
        for (const css::beans::PropertyValue& p : args) {
            if (p.Name == "Fichier") { p.Value >>= fichier; interactif = false; }
            else if (p.Name == "Cache") p.Value >>= cache;
        }
        std::string rapport;
        try {
            std::string c = commande(url);
            if (c == "NouvelAutodiagnostic") {
                ev.Result <<= ouvrirModele("autodiagnostic.ods", cache);
                ev.State = css::frame::DispatchResultState::SUCCESS;
            } else if (c == "ImporterExport") {
                uno::Reference<css::lang::XComponent> doc = documentCourant();
                if (interactif) {
                    fichier = choisirFichier();
                    if (fichier.isEmpty()) {
                        ev.State = css::frame::DispatchResultState::DONTKNOW;
                        if (ecouteur.is()) ecouteur->dispatchFinished(ev);
                        return;
                    }
                }
                rapport = importer(doc, fichier);
                ev.Result <<= u(rapport);
                ev.State = css::frame::DispatchResultState::SUCCESS;
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

    uno::Reference<css::lang::XComponent> documentCourant() {
        if (frame_.is()) {
            uno::Reference<css::frame::XController> ctl = frame_->getController();
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
            if (!frame_.is()) return;
            uno::Reference<css::awt::XWindowPeer> parent(frame_->getContainerWindow(), uno::UNO_QUERY);
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
        p.getArray()[1] = prop("Hidden", uno::Any(cache));
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
        if (url.startsWith("file:")) {
            osl::DirectoryItem item;
            if (osl::DirectoryItem::get(url, item) != osl::FileBase::E_None)
                throw ErreurCommande("Fichier introuvable : « " + s8(fichier) + " ».");
        }
        uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx_);
        uno::Sequence<css::beans::PropertyValue> p(4);
        auto* pa = p.getArray();
        pa[0] = prop("Hidden", uno::Any(true));
        pa[1] = prop("ReadOnly", uno::Any(true));
        pa[2] = prop("MacroExecutionMode", uno::Any(css::document::MacroExecMode::NEVER_EXECUTE));
        pa[3] = prop("UpdateDocMode", uno::Any(css::document::UpdateDocMode::NO_UPDATE));
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
        import::ResultatImport r;
        try {
            r = import::lireExport(donnees, *Referentiel::eci());
        } catch (const import::ErreurImport& e) {
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
        for (const import::LigneExport& le : r.lignes) {
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
        if (nonReconnues.empty()) {
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
    uno::Reference<css::frame::XFrame> frame_;
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
