// The « Nouveau … » commands called the way a script does in a LibreOffice without user interface
// (soffice --headless, as in these tests): without Cache, i.e. asking for a visible window. A
// visible Calc window aborts a headless LibreOffice 7.4, so the commands must open the new workbook
// hidden there: soffice stays the same process, and the workbook is usable.
#include <com/sun/star/awt/XWindow2.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/lang/XComponent.hpp>

#include <string>

#include "classeur.hpp"

using namespace eci::test;

namespace {

// The new workbook is a Calc document with its sheets, and its window exists but is not shown.
void verifierCache(const uno::Reference<css::lang::XComponent>& doc, const std::string& quoi) {
    ASSERT_TRUE(doc.is()) << quoi << " returned no document";
    Classeur c(doc);
    EXPECT_GE(c.nombreDeFeuilles(), 2u) << quoi;
    uno::Reference<css::awt::XWindow2> fenetre(c.cadre()->getContainerWindow(), uno::UNO_QUERY);
    ASSERT_TRUE(fenetre.is()) << quoi;
    EXPECT_FALSE(fenetre->isVisible()) << quoi << ": a visible window in a headless LibreOffice";
}

const char* const kNouveaux[] = {"NouvelAutodiagnostic", "NouveauPlanFinancement", "NouvelleGrilleCandidatures"};

}  // namespace

TEST_F(CalcTest, NouveauxClasseursSansInterfaceRestentCaches) {
    Office& office = Office::instance();
    office.ensureRunning();
    const pid_t pid = office.pid();

    // Basic, without the optional Cache argument (as a user's script would call it).
    for (const char* nom : kNouveaux) {
        SCOPED_TRACE(nom);
        uno::Any r;
        try {
            r = appelerMacro(nom, {});
        } catch (const uno::Exception& e) {
            ADD_FAILURE() << nom << ": " << utf8(e.Message);
        }
        ASSERT_TRUE(office.alive()) << "soffice died on " << nom << "() in headless mode";
        EXPECT_EQ(office.pid(), pid);
        verifierCache(uno::Reference<css::lang::XComponent>(r, uno::UNO_QUERY), nom);
    }

    // The menu URL, without Cache, dispatched on a hidden blank workbook's frame.
    for (const char* nom : kNouveaux) {
        SCOPED_TRACE(nom);
        Sheet vierge;
        Resultat r;
        try {
            r = executer(cadreDe(vierge.document()), nom, {});
        } catch (const uno::Exception& e) {
            ADD_FAILURE() << nom << ": " << utf8(e.Message);
        }
        ASSERT_TRUE(office.alive()) << "soffice died on the menu command " << nom << " in headless mode";
        EXPECT_EQ(office.pid(), pid);
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::SUCCESS) << nom;
        verifierCache(uno::Reference<css::lang::XComponent>(r.valeur, uno::UNO_QUERY), nom);
    }
}
