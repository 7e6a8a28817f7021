// The commands of the « Économie circulaire » menu: one UNO component that is
//  - the service fr.ademe.eci.Commandes (XCommandes: Basic, Python, C++, headless), and
//  - the protocol handler of the menu / toolbar URLs `fr.ademe.eci.commandes:<Commande>`
//    (XDispatchProvider + XNotifyingDispatch: the result of a dispatch is the report).
// This file only dispatches; each command is in addin/src/commandes/:
//   documents        shared helpers (errors, URLs, templates, sheets and cells)
//   fichiers_surs    safe-file checks of a user's file; controle_contenu: its content pre-check
//   import_export    « Importer un export de la plateforme » (autodiagnostic)
//   plan_financement « Vérifier le plan de financement »
//   consolidation, filtre  « Consolider » / « Filtrer les candidatures » (candidatures.hpp)
//   comparaison      « Comparer avec un autodiagnostic précédent »
//   dialogues        file / folder pickers, the report's message box, the import's question
//   deroulement      window or not, progress « k / n classeurs » and « Annuler »
//   annulation       one undo step per command (EtapeAnnulation)
// The logic of the import (matching, statuses) is in eci/calc/import.hpp.
#include "commandes_uno.hpp"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <com/sun/star/util/URL.hpp>
#include <cppuhelper/implbase5.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <cppuhelper/weakref.hxx>
#include <fr/ademe/eci/XCommandes.hpp>
#include <rtl/ustring.hxx>

#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "commandes/candidatures.hpp"
#include "commandes/comparaison.hpp"
#include "commandes/deroulement.hpp"
#include "commandes/dialogues.hpp"
#include "commandes/documents.hpp"
#include "commandes/import_export.hpp"
#include "commandes/plan_financement.hpp"

namespace eci::addin {
namespace {

using namespace commandes;

constexpr const char* kProtocole = "fr.ademe.eci.commandes:";

// The arguments of a dispatch (automation): Fichier (import source), Dossier (consolidation), Critere
// and Valeur (filter), Cache (hidden), Silencieux; and the menu's fixed filter
// fr.ademe.eci.commandes:FiltrerCandidatures?critere=selection. Any of them but Valeur (and a false
// Silencieux) makes the command non-interactive: no picker, no report box. In a window (deroulement.hpp),
// unless Silencieux: the import asks before replacing statuses already entered, consolidation and import
// show a progress dialog with « Annuler ». Remplacer (import: true replaces without asking, false keeps
// the document unchanged when a status entered would change); test hooks: Progression (an
// XStatusIndicator that receives the progress texts), ArreterApres (cancel after k steps).
struct ArgumentsDispatch {
    OUString fichier, dossier, critere, valeur;
    bool cache = false, interactif = true, silencieux = false;
    std::optional<bool> remplacer;
    uno::Reference<css::task::XStatusIndicator> indicateur;
    sal_Int32 arreterApres = -1;
};

ArgumentsDispatch lireArguments(const css::util::URL& url, const uno::Sequence<css::beans::PropertyValue>& args) {
    ArgumentsDispatch a;
    for (const css::beans::PropertyValue& p : args) {
        if (p.Name == "Fichier") { p.Value >>= a.fichier; a.interactif = false; }
        else if (p.Name == "Dossier") { p.Value >>= a.dossier; a.interactif = false; }
        else if (p.Name == "Critere") { p.Value >>= a.critere; a.interactif = false; }
        else if (p.Name == "Valeur") p.Value >>= a.valeur;
        else if (p.Name == "Cache") { p.Value >>= a.cache; a.interactif = false; }
        else if (p.Name == "Silencieux") {
            bool b = false;
            p.Value >>= b;
            if (b) { a.interactif = false; a.silencieux = true; }
        }
        else if (p.Name == "Remplacer") { bool b = true; if (p.Value >>= b) a.remplacer = b; }
        else if (p.Name == "Progression") p.Value >>= a.indicateur;
        else if (p.Name == "ArreterApres") p.Value >>= a.arreterApres;
    }
    const sal_Int32 q = url.Complete.indexOf('?');
    if (q >= 0 && a.critere.isEmpty()) {
        OUString requete = url.Complete.copy(q + 1);
        if (requete.startsWith("critere=")) a.critere = requete.copy(8);
    }
    return a;
}

class Commandes : public ::cppu::WeakImplHelper5<fr::ademe::eci::XCommandes, css::frame::XDispatchProvider,
                                                 css::frame::XNotifyingDispatch, css::lang::XInitialization,
                                                 css::lang::XServiceInfo> {
public:
    explicit Commandes(const uno::Reference<uno::XComponentContext>& ctx) : ctx_(ctx) {}

    // ---- XCommandes ---------------------------------------------------------------------

    uno::Reference<css::lang::XComponent> SAL_CALL nouvelAutodiagnostic(sal_Bool cache) override {
        try {
            return ouvrirModele(ctx_, "autodiagnostic.ods", cache);
        } catch (const uno::RuntimeException&) {
            throw;
        } catch (const std::exception& e) {
            throw css::lang::IllegalArgumentException(u(e.what()), static_cast<::cppu::OWeakObject*>(this), 0);
        }
    }

    OUString SAL_CALL importerExport(const uno::Reference<css::lang::XComponent>& autodiag,
                                     const OUString& fichier) override {
        try {
            return u(commandes::importerExport(ctx_, autodiag, fichier));
        } catch (const std::exception& e) {
            throw css::lang::IllegalArgumentException(u(e.what()), static_cast<::cppu::OWeakObject*>(this), 1);
        } catch (const uno::RuntimeException&) {
            throw;
        }
    }

    uno::Reference<css::lang::XComponent> SAL_CALL nouveauPlanFinancement(sal_Bool cache) override {
        return garde<uno::Reference<css::lang::XComponent>>(0, [&] { return ouvrirModele(ctx_, "plan-financement.ods", cache); });
    }

    OUString SAL_CALL verifierPlanFinancement(const uno::Reference<css::lang::XComponent>& plan) override {
        return garde<OUString>(0, [&] { return u(verifierPlan(plan)); });
    }

    uno::Reference<css::lang::XComponent> SAL_CALL nouvelleGrilleCandidatures(sal_Bool cache) override {
        return garde<uno::Reference<css::lang::XComponent>>(0, [&] { return ouvrirModele(ctx_, "candidatures.ods", cache); });
    }

    OUString SAL_CALL consoliderCandidatures(const uno::Reference<css::lang::XComponent>& grille,
                                             const OUString& dossier) override {
        return garde<OUString>(1, [&] { return u(commandes::consoliderCandidatures(ctx_, grille, dossier)); });
    }

    OUString SAL_CALL filtrerCandidatures(const uno::Reference<css::lang::XComponent>& grille, const OUString& critere,
                                          const OUString& valeur) override {
        return garde<OUString>(1, [&] { return u(commandes::filtrerCandidatures(grille, s8(critere), s8(valeur))); });
    }

    OUString SAL_CALL comparerAutodiagnostic(const uno::Reference<css::lang::XComponent>& autodiag,
                                             const OUString& fichier) override {
        return garde<OUString>(1, [&] { return u(commandes::comparerAutodiagnostic(ctx_, autodiag, fichier)); });
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

    // Nothing escapes a dispatch: a menu entry calls it from LibreOffice's main loop, where an exception
    // would end soffice (the user's unsaved work with it). executer() reports its own errors; this is
    // the last guard (its message box, the result listener, the reading of the arguments), which says
    // what it caught on stderr (soffice.log in the window tests).
    void SAL_CALL dispatch(const css::util::URL& url, const uno::Sequence<css::beans::PropertyValue>& args) override {
        sansException([&] { executer(url, args, nullptr); });
    }

    void SAL_CALL dispatchWithNotification(
        const css::util::URL& url, const uno::Sequence<css::beans::PropertyValue>& args,
        const uno::Reference<css::frame::XDispatchResultListener>& ecouteur) override {
        sansException([&] { executer(url, args, ecouteur); });
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
                                                 "ConsoliderCandidatures", "FiltrerCandidatures",
                                                 "ComparerAutodiagnostic"};
        for (const char* c : kCommandes)
            if (s == c) return s;
        return std::string();
    }

    // Runs a menu command (arguments: lireArguments). Without Fichier, the import asks for the file
    // and shows its report in a message box.
    void executer(const css::util::URL& url, const uno::Sequence<css::beans::PropertyValue>& args,
                  const uno::Reference<css::frame::XDispatchResultListener>& ecouteur) {
        css::frame::DispatchResultEvent ev;
        ev.Source = static_cast<::cppu::OWeakObject*>(this);
        ev.State = css::frame::DispatchResultState::FAILURE;
        ArgumentsDispatch a = lireArguments(url, args);
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
        OptionsCommande options;
        options.cadre = uno::Reference<css::frame::XFrame>(frame_);
        options.silencieux = a.silencieux;
        options.indicateur = a.indicateur;
        options.arreterApres = a.arreterApres;
        if (a.remplacer) options.remplacement = *a.remplacer ? Remplacement::Remplacer : Remplacement::Conserver;
        else if (!a.silencieux && enFenetre(options.cadre)) options.remplacement = Remplacement::Demander;
        try {
            std::string c = commande(url);
            if (c == "NouvelAutodiagnostic") {
                reussi(uno::Any(ouvrirModele(ctx_, "autodiagnostic.ods", a.cache)));
            } else if (c == "ImporterExport") {
                uno::Reference<css::lang::XComponent> doc = documentCourant();
                if (a.interactif) a.fichier = choisirFichier(ctx_);
                if (a.interactif && a.fichier.isEmpty()) annule();
                else if (std::string r = commandes::importerExport(ctx_, doc, a.fichier, options); r.empty()) annule();
                else rapporte(std::move(r));
            } else if (c == "ComparerAutodiagnostic") {
                uno::Reference<css::lang::XComponent> doc = documentCourant();
                if (a.interactif) a.fichier = choisirFichier(ctx_, "Comparer avec un autodiagnostic précédent",
                                                          "Autodiagnostic ou export de la plateforme (*.ods, *.xlsx)");
                if (a.interactif && a.fichier.isEmpty()) annule();
                else rapporte(commandes::comparerAutodiagnostic(ctx_, doc, a.fichier));
            } else if (c == "NouveauPlanFinancement") {
                reussi(uno::Any(ouvrirModele(ctx_, "plan-financement.ods", a.cache)));
            } else if (c == "NouvelleGrilleCandidatures") {
                reussi(uno::Any(ouvrirModele(ctx_, "candidatures.ods", a.cache)));
            } else if (c == "VerifierPlanFinancement") {
                rapporte(verifierPlan(documentCourant()));
            } else if (c == "ConsoliderCandidatures") {
                uno::Reference<css::lang::XComponent> doc = documentCourant();
                if (a.dossier.isEmpty()) a.dossier = choisirDossier(ctx_);
                if (a.dossier.isEmpty()) annule();
                else rapporte(commandes::consoliderCandidatures(ctx_, doc, a.dossier, options));
            } else if (c == "FiltrerCandidatures") {
                rapporte(commandes::filtrerCandidatures(
                    documentCourant(), s8(a.critere.isEmpty() ? OUString("aucun") : a.critere), s8(a.valeur)));
                a.interactif = false;  // the sheet shows the result
            }
        } catch (const std::exception& e) {
            rapport = e.what();
            ev.Result <<= u(rapport);
        } catch (const uno::Exception& e) {
            rapport = "Erreur : " + s8(e.Message);
            ev.Result <<= u(rapport);
        }
        if (a.interactif && !rapport.empty()) message(ctx_, uno::Reference<css::frame::XFrame>(frame_), rapport);
        if (ecouteur.is()) ecouteur->dispatchFinished(ev);
    }

    template <class F>
    static void sansException(F&& f) noexcept {
        try {
            f();
        } catch (const uno::Exception& e) {
            std::fprintf(stderr, "eci: commande : exception UNO non rattrapée : %s\n", s8(e.Message).c_str());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "eci: commande : exception non rattrapée : %s\n", e.what());
        } catch (...) {
            std::fprintf(stderr, "eci: commande : exception inconnue non rattrapée\n");
        }
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
    uno::Reference<css::lang::XComponent> documentCourant() {
        if (const uno::Reference<css::frame::XFrame> cadre = frame_; cadre.is()) {
            uno::Reference<css::frame::XController> ctl = cadre->getController();
            if (ctl.is()) return uno::Reference<css::lang::XComponent>(ctl->getModel(), uno::UNO_QUERY);
        }
        uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx_);
        return desktop->getCurrentComponent();
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
