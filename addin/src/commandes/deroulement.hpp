// How a command runs (docs/commandes.md): in a window or not, its progress and its cancellation.
//
//   OptionsCommande  what the dispatcher knows of the run: the frame (a window, or none: Basic, API,
//                    headless), silent or not, the import's choice about statuses already entered, and
//                    two test hooks (a status indicator to receive the progress texts, a cancellation
//                    after k steps: dispatch arguments Progression and ArreterApres).
//   enFenetre        the frame has a visible window and LibreOffice has a user interface: the command
//                    may ask and show its progress.
//   Progression      « 12 / 200 classeurs » in the status bar (the frame's XStatusIndicatorFactory, or the
//                    test's indicator) and, in a window, a small non-modal dialog with a progress bar and
//                    « Annuler » (Calc's status bar has no cancel button); the document window is disabled
//                    meanwhile so that nothing but the command changes it. continuer() is called between
//                    two steps: it updates the texts, lets the window process the click, and says
//                    whether to go on.
#pragma once

#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <memory>
#include <string>

namespace eci::addin::commandes {

// How the import treats statuses already entered that the export would change.
enum class Remplacement {
    Remplacer,   // replace them (the API, Basic and headless default: the behaviour so far)
    Demander,    // ask first (in a window, from the menu)
    Conserver,   // replace nothing if one would change: the import is not done (dispatch Remplacer = false)
};

struct OptionsCommande {
    ::com::sun::star::uno::Reference<::com::sun::star::frame::XFrame> cadre;  // none: Basic, API
    bool silencieux = true;  // no question, no dialog (Silencieux, API, Basic)
    Remplacement remplacement = Remplacement::Remplacer;
    // Test hooks: receives the progress texts instead of the status bar; cancels after k steps (-1: never).
    ::com::sun::star::uno::Reference<::com::sun::star::task::XStatusIndicator> indicateur;
    int arreterApres = -1;
};

// The frame has a visible container window and LibreOffice runs with a user interface.
bool enFenetre(const ::com::sun::star::uno::Reference<::com::sun::star::frame::XFrame>& cadre);

class Progression {
public:
    // `titre`: the dialog's and the status bar's label; `total` steps; `unite`: what a step is
    // (« classeurs »), in the texts « k / total unite ».
    Progression(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
                const OptionsCommande& options, const std::string& titre, int total, const std::string& unite);
    ~Progression();
    Progression(const Progression&) = delete;
    Progression& operator=(const Progression&) = delete;

    // `faits` steps are done: shows « faits / total unite »; false when the user (or the test hook)
    // cancelled: the command stops there.
    bool continuer(int faits);
    // A text of its own in the status bar and the dialog (e.g. « Lecture de l'export… »).
    void afficher(const std::string& texte);

private:
    struct Fenetre;
    ::com::sun::star::uno::Reference<::com::sun::star::task::XStatusIndicator> indicateur_;
    std::unique_ptr<Fenetre> fenetre_;
    int total_, arreterApres_;
    std::string unite_;
};

}  // namespace eci::addin::commandes
