// The example autodiagnostic stored in the Excel formats officers exchange (.xls, Excel 97-2003,
// and .xlsx), opened again in Calc with the extension: every add-in formula must come back and
// compute the same values. Before the add-in gave Calc the Excel name of its functions
// (XCompatibilityNames), the .xls stored each call as a macro call that Calc could not read
// back: #MACRO? in every add-in cell and 0 points.
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/XCell.hpp>

#include <string>
#include <vector>

#include "classeur.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

using namespace eci::test;
namespace fs = std::filesystem;

namespace {

namespace dispoRef = dispo::autodiagnostic::referentiel;
namespace dispoSyn = dispo::autodiagnostic::synthese;

// What the add-in computes in the workbook: the whole ECI.EVALUER array of Référentiel and the
// figures of the Synthèse that come from ECI.SCORE / ECI.ETOILES / ECI.ECART / ECI.VERIFIER.
struct Figures {
    std::vector<Row> evaluation;
    double fait = 0, potentiel = 0, pourcentage = 0, etoiles = 0;
    std::string verification;
};

Figures lireFigures(const Classeur& c) {
    Figures f;
    f.evaluation = c.valeurs(kFeuilleRef, plageRef(dispoRef::colonneCalculReferentiel, dispoRef::colonneCalculStatut));
    f.fait = c.valeur(kFeuilleSynthese, synthese::kFait);
    f.potentiel = c.valeur(kFeuilleSynthese, synthese::kPotentiel);
    f.pourcentage = c.valeur(kFeuilleSynthese, synthese::kPourcentage);
    f.etoiles = c.valeur(kFeuilleSynthese, dispoSyn::celluleEtoiles);
    f.verification = c.texte(kFeuilleSynthese, dispoSyn::celluleVerification);
    return f;
}

class FormatsExcelTest : public CalcTest {};

void allerRetour(const char* filtre, const char* extension) {
    DossierTemp dossier;
    const fs::path fichier = dossier.chemin / (std::string("autodiagnostic-exemple") + extension);
    Figures avant;
    {
        Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
        c.recalculer();
        avant = lireFigures(c);
        c.exporter(fichier, filtre);
    }
    ASSERT_GT(avant.fait, 0) << "the example has no points fait";
    ASSERT_EQ(avant.evaluation.size(), static_cast<std::size_t>(kDerniereLigneRef - kPremiereLigneRef + 1));

    Classeur c = Classeur::ouvrir(fichier);
    c.recalculer();
    const std::vector<std::string> erreurs = c.cellulesEnErreur();
    EXPECT_TRUE(erreurs.empty()) << extension << ": error cells after reopening: " << joindre(erreurs);
    const Figures apres = lireFigures(c);
    EXPECT_EQ(apres.fait, avant.fait) << extension;
    EXPECT_EQ(apres.potentiel, avant.potentiel) << extension;
    EXPECT_EQ(apres.pourcentage, avant.pourcentage) << extension;
    EXPECT_EQ(apres.etoiles, avant.etoiles) << extension;
    EXPECT_EQ(apres.verification, avant.verification) << extension;
    ASSERT_EQ(apres.evaluation.size(), avant.evaluation.size());
    int differences = 0;
    for (std::size_t l = 0; l < avant.evaluation.size(); ++l)
        if (apres.evaluation[l] != avant.evaluation[l] && ++differences <= 5)
            ADD_FAILURE() << extension << ": ECI.EVALUER row " << (l + kPremiereLigneRef) << " differs after reopening";
    EXPECT_EQ(differences, 0) << extension;
}

}  // namespace

TEST_F(FormatsExcelTest, Excel97GardeLesFormulesDuComplement) { allerRetour("MS Excel 97", ".xls"); }

TEST_F(FormatsExcelTest, OfficeOpenXmlGardeLesFormulesDuComplement) {
    allerRetour("Calc MS Excel 2007 XML", ".xlsx");
}
