// How a command runs: window or not, progress, cancellation (see deroulement.hpp).
#include "deroulement.hpp"

#include <com/sun/star/awt/PushButtonType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XControlModel.hpp>
#include <com/sun/star/awt/XFixedText.hpp>
#include <com/sun/star/awt/XProgressBar.hpp>
#include <com/sun/star/awt/XReschedule.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/awt/XWindow2.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/task/XStatusIndicatorFactory.hpp>
#include <cppuhelper/implbase1.hxx>

#include "documents.hpp"

namespace eci::addin::commandes {

bool enFenetre(const uno::Reference<css::frame::XFrame>& cadre) {
    if (!cadre.is() || sansInterface()) return false;
    try {
        uno::Reference<css::awt::XWindow2> w2(cadre->getContainerWindow(), uno::UNO_QUERY);
        return w2.is() && w2->isVisible();
    } catch (const uno::Exception&) {
        return false;
    }
}

namespace {

// « Annuler » sets the shared flag (read between two steps).
class EcouteAnnuler : public ::cppu::WeakImplHelper1<css::awt::XActionListener> {
public:
    explicit EcouteAnnuler(std::shared_ptr<bool> annule) : annule_(std::move(annule)) {}
    void SAL_CALL actionPerformed(const css::awt::ActionEvent&) override { *annule_ = true; }
    void SAL_CALL disposing(const css::lang::EventObject&) override {}

private:
    std::shared_ptr<bool> annule_;
};

uno::Reference<css::beans::XPropertySet> controle(const uno::Reference<css::lang::XMultiServiceFactory>& fabrique,
                                                  const uno::Reference<css::container::XNameContainer>& dialogue,
                                                  const char* service, const char* nom, sal_Int32 x, sal_Int32 y,
                                                  sal_Int32 largeur, sal_Int32 hauteur) {
    uno::Reference<css::beans::XPropertySet> m(fabrique->createInstance(OUString::createFromAscii(service)),
                                               uno::UNO_QUERY_THROW);
    m->setPropertyValue("PositionX", uno::Any(x));
    m->setPropertyValue("PositionY", uno::Any(y));
    m->setPropertyValue("Width", uno::Any(largeur));
    m->setPropertyValue("Height", uno::Any(hauteur));
    dialogue->insertByName(OUString::createFromAscii(nom), uno::Any(m));
    return m;
}

}  // namespace

// The non-modal dialog « texte, progress bar, Annuler » over the document window, which it disables.
struct Progression::Fenetre {
    uno::Reference<css::awt::XToolkit2> toolkit;
    uno::Reference<css::awt::XControl> dialogue;
    uno::Reference<css::awt::XFixedText> texte;
    uno::Reference<css::awt::XProgressBar> barre;
    uno::Reference<css::awt::XWindow> document;
    std::shared_ptr<bool> annule = std::make_shared<bool>(false);

    Fenetre(const uno::Reference<uno::XComponentContext>& ctx, const uno::Reference<css::frame::XFrame>& cadre,
            const std::string& titre, int total) {
        toolkit = css::awt::Toolkit::create(ctx);
        uno::Reference<css::lang::XMultiComponentFactory> sm = ctx->getServiceManager();
        uno::Reference<css::awt::XControlModel> modele(
            sm->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx), uno::UNO_QUERY_THROW);
        uno::Reference<css::beans::XPropertySet> pm(modele, uno::UNO_QUERY_THROW);
        pm->setPropertyValue("Title", uno::Any(u("Économie circulaire — " + titre)));
        pm->setPropertyValue("PositionX", uno::Any(sal_Int32(60)));
        pm->setPropertyValue("PositionY", uno::Any(sal_Int32(60)));
        pm->setPropertyValue("Width", uno::Any(sal_Int32(200)));
        pm->setPropertyValue("Height", uno::Any(sal_Int32(62)));
        uno::Reference<css::lang::XMultiServiceFactory> fabrique(modele, uno::UNO_QUERY_THROW);
        uno::Reference<css::container::XNameContainer> conteneur(modele, uno::UNO_QUERY_THROW);
        controle(fabrique, conteneur, "com.sun.star.awt.UnoControlFixedTextModel", "texte", 6, 6, 188, 10)
            ->setPropertyValue("Label", uno::Any(u(titre)));
        uno::Reference<css::beans::XPropertySet> pb =
            controle(fabrique, conteneur, "com.sun.star.awt.UnoControlProgressBarModel", "barre", 6, 20, 188, 10);
        pb->setPropertyValue("ProgressValueMin", uno::Any(sal_Int32(0)));
        pb->setPropertyValue("ProgressValueMax", uno::Any(sal_Int32(total > 0 ? total : 1)));
        uno::Reference<css::beans::XPropertySet> bouton =
            controle(fabrique, conteneur, "com.sun.star.awt.UnoControlButtonModel", "annuler", 144, 40, 50, 14);
        bouton->setPropertyValue("Label", uno::Any(u("Annuler")));
        bouton->setPropertyValue("PushButtonType", uno::Any(sal_Int16(css::awt::PushButtonType_STANDARD)));

        dialogue.set(sm->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx), uno::UNO_QUERY_THROW);
        dialogue->setModel(modele);
        document = cadre->getContainerWindow();
        uno::Reference<css::awt::XWindowPeer> parent(document, uno::UNO_QUERY);
        dialogue->createPeer(uno::Reference<css::awt::XToolkit>(toolkit, uno::UNO_QUERY_THROW), parent);
        uno::Reference<css::awt::XControlContainer> controles(dialogue, uno::UNO_QUERY_THROW);
        uno::Reference<css::awt::XButton>(controles->getControl("annuler"), uno::UNO_QUERY_THROW)
            ->addActionListener(new EcouteAnnuler(annule));
        texte.set(controles->getControl("texte"), uno::UNO_QUERY_THROW);
        barre.set(controles->getControl("barre"), uno::UNO_QUERY_THROW);
        uno::Reference<css::awt::XWindow>(dialogue, uno::UNO_QUERY_THROW)->setVisible(true);
        reprogrammer();
        // Last: nothing after it may throw (the destructor, which enables it again, would not run).
        if (document.is()) document->setEnable(false);
    }
    ~Fenetre() {
        try {
            if (document.is()) document->setEnable(true);
            uno::Reference<css::lang::XComponent>(dialogue, uno::UNO_QUERY_THROW)->dispose();
        } catch (...) {
        }
    }
    // Lets the window repaint and process the click on « Annuler » (XReschedule is marked deprecated
    // but is the API's one way to yield to the event loop once, in every version supported).
    void reprogrammer() {
        uno::Reference<css::awt::XReschedule> r(toolkit, uno::UNO_QUERY);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        if (r.is()) r->reschedule();
#pragma GCC diagnostic pop
    }
};

Progression::Progression(const uno::Reference<uno::XComponentContext>& ctx, const OptionsCommande& options,
                         const std::string& titre, int total, const std::string& unite)
    : total_(total), arreterApres_(options.arreterApres), unite_(unite) {
    try {
        indicateur_ = options.indicateur;
        const bool fenetre = enFenetre(options.cadre);
        if (!indicateur_.is() && fenetre) {
            uno::Reference<css::task::XStatusIndicatorFactory> f(options.cadre, uno::UNO_QUERY);
            if (f.is()) indicateur_ = f->createStatusIndicator();
        }
        if (indicateur_.is()) indicateur_->start(u(titre), total);
        if (fenetre && !options.silencieux) fenetre_ = std::make_unique<Fenetre>(ctx, options.cadre, titre, total);
    } catch (const uno::Exception&) {
        // Progress is a courtesy: the command runs without it.
        fenetre_.reset();
    }
}

Progression::~Progression() {
    try {
        if (indicateur_.is()) indicateur_->end();
    } catch (...) {
    }
}

void Progression::afficher(const std::string& texte) {
    try {
        if (indicateur_.is()) indicateur_->setText(u(texte));
        if (fenetre_) {
            fenetre_->texte->setText(u(texte));
            fenetre_->reprogrammer();
        }
    } catch (const uno::Exception&) {
    }
}

bool Progression::continuer(int faits) {
    afficher(std::to_string(faits) + " / " + std::to_string(total_) + " " + unite_);
    try {
        if (indicateur_.is()) indicateur_->setValue(faits);
        if (fenetre_) {
            fenetre_->barre->setValue(faits);
            fenetre_->reprogrammer();
        }
    } catch (const uno::Exception&) {
    }
    if (fenetre_ && *fenetre_->annule) return false;
    return arreterApres_ < 0 || faits < arreterApres_;
}

}  // namespace eci::addin::commandes
