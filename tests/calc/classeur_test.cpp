// The autodiagnostic workbook (spreadsheets/) and the « Économie circulaire » commands, in a real
// headless Calc with the extension installed:
//   - the blank template (the generated .ods, and the copy shipped in the .oxt opened by the
//     command NouvelAutodiagnostic) and the example workbook recalculate without any error cell;
//   - the example's Synthèse equals the domain library's computation on the inputs read out of
//     the document (Collectivité B4:C16, Référentiel A/J/L:N: cells from spreadsheets/disposition.json);
//   - changing one status changes the synthesis by exactly that tâche's points;
//   - the import of a (made-up) platform export, by the menu URL (dispatch) and by the Basic
//     entry point, lands statuses in the right rows, reports unknown rows / statuses, never
//     modifies the source, and fails in French (without crashing) on a file that is no export;
//   - the PDF of the Synthèse sheet;
//   - the menu and toolbar in the configuration.
// The commands are driven as users drive them (menu URLs, Basic macros): this client does not
// know the extension's own UNO types.
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/util/CellProtection.hpp>
#include <com/sun/star/util/URL.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <com/sun/star/util/XProtectable.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "classeur.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/referentiel.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

using namespace eci::test;
namespace fs = std::filesystem;
using ::rtl::OUString;

namespace {

// Layout (spreadsheets/disposition.json, through classeur.hpp).
namespace dispoRef = dispo::autodiagnostic::referentiel;
namespace dispoColl = dispo::autodiagnostic::collectivite;
namespace dispoSyn = dispo::autodiagnostic::synthese;
const char* const kUrlNouvel = "fr.ademe.eci.commandes:NouvelAutodiagnostic";
const char* const kUrlImporter = "fr.ademe.eci.commandes:ImporterExport";

// ---------------------------------------------------------------------------------------------
// The library's figures on the inputs of an autodiagnostic (lireEntrees, classeur.hpp).

// Library figures of the whole référentiel (ECI.SCORE with the workbook's arguments).
double scoreTotal(const Entrees& e, const char* mesure) {
    return eci::calc::score(e.ids, e.statuts, eci::calc::Plage(eci::calc::Cellule(std::string())),
                            eci::calc::Plage(eci::calc::Cellule(std::string(mesure))), e.details, e.contexte,
                            std::nullopt);
}

// Row (0-based in the Référentiel range) of an id.
int ligneDe(const Entrees& e, const std::string& id) {
    for (std::size_t l = 0; l < e.ids.lignes; ++l)
        if (enTexte(e.ids.at(l, 0)) == id) return static_cast<int>(l);
    return -1;
}

// The Synthèse sheet against the library: per axe (rows 5-9) and total (row 10), stars, gap.
void verifierSynthese(const Classeur& c, const Entrees& e) {
    const eci::calc::Plage ev = eci::calc::evaluer(e.ids, e.statuts, e.details, e.contexte, std::nullopt);
    ASSERT_EQ(ev.colonnes, 8u);
    auto num = [](const eci::calc::Cellule& x) {
        const double* d = std::get_if<double>(&x);
        return d ? *d : std::nan("");
    };
    // potentiel, fait, programmé, pas fait, non renseigné = EVALUER cols 1..5
    const char* const cols[5] = {dispoSyn::colonnePotentiel, dispoSyn::colonneFait, dispoSyn::colonneProgramme, dispoSyn::colonnePasFait,
                                 dispoSyn::colonneNonRenseigne};
    for (int axe = 1; axe <= 5; ++axe) {
        const int ligne = dispoSyn::ligneFeuillePremierAxe + axe - 1;
        SCOPED_TRACE("Synthèse row " + std::to_string(ligne));
        EXPECT_EQ(c.texte(kFeuilleSynthese, cellule(dispoSyn::colonneAxe, ligne)), "Axe " + std::to_string(axe));
        const int l = ligneDe(e, std::to_string(axe));
        ASSERT_GE(l, 0) << "axe " << axe << " not in Référentiel!A";
        for (int k = 0; k < 5; ++k) {
            const std::string cel = cellule(cols[k], ligne);
            EXPECT_EQ(c.erreur(kFeuilleSynthese, cel), 0) << cel;
            EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, cel), num(ev.at(static_cast<std::size_t>(l), 1 + k))) << cel;
        }
        EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, cellule(dispoSyn::colonnePourcentageFait, ligne)),
                         num(ev.at(static_cast<std::size_t>(l), 6)) / 100);
    }
    const double potentiel = scoreTotal(e, "potentiel"), fait = scoreTotal(e, "fait"),
                 pourcentage = scoreTotal(e, "pourcentage");
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kPotentiel), potentiel);
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kFait), fait);
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kProgramme), scoreTotal(e, "programme"));
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kPasFait), scoreTotal(e, "pas_fait"));
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kNonRenseigne), scoreTotal(e, "non_renseigne"));
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kPourcentage), pourcentage / 100);
    const double etoiles = eci::calc::etoiles(pourcentage);
    EXPECT_EQ(c.valeur(kFeuilleSynthese, dispoSyn::celluleEtoiles), etoiles);
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, dispoSyn::cellulePointsManquants),
                     etoiles >= 5 ? 0.0 : eci::calc::ecart(etoiles + 1, potentiel, fait));
}

// ---------------------------------------------------------------------------------------------
// The import by its menu URL.

Resultat importerParMenu(const Classeur& c, const fs::path& fichier) {
    return executer(c, "ImporterExport", {pv("Fichier", uno::Any(ou(fichier.string())))});
}

// ---------------------------------------------------------------------------------------------
// A made-up platform export, from the platform's template (tests/data).

struct ExportFabrique {
    fs::path xlsx, ods;
    std::map<std::string, std::string> statutsAttendus;  // id -> text the import must write in J
    std::map<std::string, std::array<double, 3>> fractionsAttendues;
    std::string explication = "Élu référent désigné en conseil communautaire";
    std::string idExplication = "1.1.1.1";
    std::string statutInconnu = "Peut-être bientôt";
    std::string idStatutInconnu = "1.1.1.4";
    std::string idInconnu = "9.9.9";
};

ExportFabrique fabriquerExport(const fs::path& dossier) {
    ExportFabrique e;
    ExportModele modele(ECI_EXPORT_PLATEFORME);
    EXPECT_GT(modele.ligneDe.size(), 300u) << "the export template has no node rows";
    auto ecrire = [&](sal_Int32 col, sal_Int32 l, const uno::Any& v) {
        uno::Reference<css::table::XCell> cel = modele.feuille->getCellByPosition(col, l);
        OUString s;
        double d;
        if (v >>= s) uno::Reference<css::text::XTextRange>(cel, uno::UNO_QUERY_THROW)->setString(s);
        else if (v >>= d) cel->setValue(d);
    };
    auto statut = [&](const std::string& id, const std::string& texte, const std::string& attendu) {
        const sal_Int32 l = modele.ecrireStatut(id, texte);
        if (l < 0) ADD_FAILURE() << "N° " << id << " not in the export template";
        else if (!attendu.empty()) e.statutsAttendus[id] = attendu;
        return l;
    };
    // Platform spellings (capitals), translated by the import into the workbook's words.
    statut("1.1.1.1", "Fait", "fait");
    statut("1.1.1.2", "Programmé", "programmé");
    statut("1.1.1.3", "Pas fait", "pas fait");
    statut("1.1.2.1", "Fait", "fait");
    statut("2.1.1.2", "Non concerné", "non concerné");
    sal_Int32 ld = statut("2.1.1.1", "Détaillé", "détaillé");
    if (ld >= 0) {
        ecrire(6, ld, uno::Any(0.5));   // G: % réalisé
        ecrire(8, ld, uno::Any(0.25));  // I: % programmés
        e.fractionsAttendues["2.1.1.1"] = {0.5, 0.25, 0.25};
    }
    ecrire(10, modele.ligneDe[e.idExplication], uno::Any(ou(e.explication)));  // K: Explications
    statut(e.idStatutInconnu, e.statutInconnu, "");
    // A row whose N° the référentiel does not know.
    const sal_Int32 apres = modele.derniereLigne + 1;
    ecrire(0, apres, uno::Any(ou(e.idInconnu)));
    ecrire(1, apres, uno::Any(ou("Ligne inventée")));
    ecrire(ExportModele::kColonneStatut, apres, uno::Any(ou("Fait")));

    e.xlsx = dossier / "export.xlsx";
    e.ods = dossier / "export.ods";
    modele.classeur.exporter(e.xlsx, "Calc MS Excel 2007 XML");
    modele.classeur.enregistrer(e.ods);
    modele.classeur.fermer();
    EXPECT_TRUE(fs::exists(e.xlsx) && fs::exists(e.ods));
    return e;
}

// What the import must have produced in an autodiagnostic (a new one: every other status blank).
void verifierImport(const Classeur& c, const ExportFabrique& e, const std::string& rapport) {
    SCOPED_TRACE("report: " + rapport);
    Entrees lu = lireEntrees(c);
    for (const auto& [id, attendu] : e.statutsAttendus) {
        const int l = ligneDe(lu, id);
        ASSERT_GE(l, 0) << id;
        EXPECT_EQ(enTexte(lu.statuts.at(static_cast<std::size_t>(l), 0)), attendu) << "statut of " << id;
    }
    {
        const int l = ligneDe(lu, e.idStatutInconnu);
        ASSERT_GE(l, 0);
        EXPECT_EQ(enTexte(lu.statuts.at(static_cast<std::size_t>(l), 0)), "") << "unknown statut must stay blank";
    }
    for (const auto& [id, fr] : e.fractionsAttendues) {
        const int l = ligneDe(lu, id);
        ASSERT_GE(l, 0) << id;
        for (std::size_t k = 0; k < 3; ++k) {
            const double* d = std::get_if<double>(&lu.details.at(static_cast<std::size_t>(l), k));
            ASSERT_TRUE(d) << "fraction " << k << " of " << id;
            EXPECT_NEAR(*d, fr[k], 1e-12) << "fraction " << k << " of " << id;
        }
    }
    EXPECT_EQ(c.texte(kFeuilleRef, cellule(dispoRef::colonneExplications, kPremiereLigneRef + ligneDe(lu, e.idExplication))),
              e.explication);
    // No other row got a status.
    std::size_t renseignes = 0;
    for (std::size_t l = 0; l < lu.statuts.lignes; ++l)
        if (!enTexte(lu.statuts.at(l, 0)).empty()) ++renseignes;
    EXPECT_EQ(renseignes, e.statutsAttendus.size());

    // The report (French): counts, the unknown row, the unknown statut.
    EXPECT_NE(rapport.find("Import terminé"), std::string::npos);
    EXPECT_NE(rapport.find(std::to_string(e.statutsAttendus.size()) + " statuts importés"), std::string::npos);
    EXPECT_NE(rapport.find("« " + e.idInconnu + " »"), std::string::npos);
    EXPECT_NE(rapport.find("« " + e.statutInconnu + " »"), std::string::npos);

    // The synthesis: the library's figures on the statuses of the export (built independently of
    // what the import wrote), with the workbook's contexte.
    Entrees attendu = lu;
    for (std::size_t l = 0; l < attendu.ids.lignes; ++l) {
        const std::string id = enTexte(attendu.ids.at(l, 0));
        auto it = e.statutsAttendus.find(id);
        attendu.statuts.at(l, 0) = std::string(it == e.statutsAttendus.end() ? "" : it->second);
        auto fr = e.fractionsAttendues.find(id);
        for (std::size_t k = 0; k < 3; ++k)
            attendu.details.at(l, k) = fr == e.fractionsAttendues.end() ? eci::calc::Cellule(std::string())
                                                                        : eci::calc::Cellule(fr->second[k]);
    }
    const double fait = scoreTotal(attendu, "fait");
    EXPECT_GT(fait, 0);
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kFait), fait);
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kProgramme), scoreTotal(attendu, "programme"));
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kPasFait), scoreTotal(attendu, "pas_fait"));
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kPotentiel), scoreTotal(attendu, "potentiel"));
    EXPECT_TRUE(c.cellulesEnErreur().empty());
}

class ClasseurTest : public CalcTest {};

}  // namespace

// ---- 1. the blank template -------------------------------------------------------------------

TEST_F(ClasseurTest, ModeleVideSansErreur) {
    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_ODS);
    c.recalculer();
    EXPECT_EQ(c.nombreDeFeuilles(), 5u);  // Mode d'emploi, Collectivité, Référentiel, Synthèse, Labellisation
    const std::vector<std::string> err = c.cellulesEnErreur();
    EXPECT_TRUE(err.empty()) << "error cells: " << joindre(err);
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kPotentiel), 500);  // the ECi référentiel: 500 points
    EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kPotentiel), scoreTotal(lireEntrees(c), "potentiel"));
    EXPECT_EQ(c.valeur(kFeuilleSynthese, synthese::kFait), 0);
    EXPECT_EQ(c.valeur(kFeuilleSynthese, dispoSyn::celluleEtoiles), 1);
    verifierSynthese(c, lireEntrees(c));
}

TEST_F(ClasseurTest, NouvelAutodiagnosticParMenuEtParMacro) {
    {
        Classeur c = nouveauParMenu("NouvelAutodiagnostic");
        c.recalculer();
        const std::vector<std::string> err = c.cellulesEnErreur();
        EXPECT_TRUE(err.empty()) << "error cells: " << joindre(err);
        EXPECT_DOUBLE_EQ(c.valeur(kFeuilleSynthese, synthese::kPotentiel), 500);
        EXPECT_EQ(c.valeur(kFeuilleSynthese, synthese::kFait), 0);
        EXPECT_EQ(c.valeur(kFeuilleSynthese, dispoSyn::celluleEtoiles), 1);
        // A new untitled document (opened as a template), not the extension's file.
        EXPECT_TRUE(uno::Reference<css::frame::XModel>(c.document(), uno::UNO_QUERY_THROW)->getURL().isEmpty());
    }
    // The Basic entry point, hidden (Cache = True): a visible load cannot work headless.
    {
        uno::Any r = appelerMacro("NouvelAutodiagnostic", {uno::Any(true)});
        uno::Reference<css::sheet::XSpreadsheetDocument> doc(r, uno::UNO_QUERY);
        ASSERT_TRUE(doc.is()) << "the Basic NouvelAutodiagnostic(True) returned no spreadsheet";
        uno::Reference<css::container::XNameAccess> feuilles(doc->getSheets(), uno::UNO_QUERY_THROW);
        EXPECT_TRUE(feuilles->hasByName(ou(kFeuilleRef)));
        EXPECT_TRUE(feuilles->hasByName(ou(kFeuilleSynthese)));
        uno::Reference<css::util::XCloseable>(doc, uno::UNO_QUERY_THROW)->close(true);
    }
}

// ---- 2. the example against the library --------------------------------------------------------

TEST_F(ClasseurTest, ExempleEgalBibliotheque) {
    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
    c.recalculer();
    const std::vector<std::string> err = c.cellulesEnErreur();
    EXPECT_TRUE(err.empty()) << "error cells: " << joindre(err);
    const Entrees e = lireEntrees(c);
    ASSERT_EQ(e.ids.lignes, 367u);
    ASSERT_EQ(e.contexte.colonnes, 2u);
    EXPECT_EQ(enTexte(e.contexte.at(0, 0)), "nom");
    EXPECT_GT(scoreTotal(e, "fait"), 0) << "the example has no fait points";
    verifierSynthese(c, e);
    EXPECT_EQ(c.texte(kFeuilleSynthese, dispoSyn::celluleVerification).rfind("OK", 0), 0u) << c.texte(kFeuilleSynthese, dispoSyn::celluleVerification);
}

// ---- 3. one status changes the synthesis --------------------------------------------------------

TEST_F(ClasseurTest, UnStatutChangeLaSynthese) {
    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
    c.recalculer();
    const Entrees e = lireEntrees(c);
    auto ref = eci::Referentiel::eci();
    // A tâche « fait » worth points (Référentiel R = points faits, T = points pas faits, J = statut).
    const std::string R = dispoRef::colonneCalculFait, T = dispoRef::colonneCalculPasFait, J = dispoRef::colonneStatut;
    int ligne = -1;
    for (std::size_t l = 0; l < e.ids.lignes && ligne < 0; ++l) {
        const std::string id = enTexte(e.ids.at(l, 0));
        const int i = ref->index(id);
        if (i < 0 || ref->noeud(i).type != "tache" || enTexte(e.statuts.at(l, 0)) != "fait") continue;
        if (c.valeur(kFeuilleRef, cellule(R, kPremiereLigneRef + static_cast<int>(l))) > 0)
            ligne = kPremiereLigneRef + (int)l;
    }
    ASSERT_GT(ligne, 0) << "no tâche « fait » with points in the example";
    const std::string L = std::to_string(ligne);
    const double d10 = c.valeur(kFeuilleSynthese, synthese::kFait), f10 = c.valeur(kFeuilleSynthese, synthese::kPasFait);
    const double r = c.valeur(kFeuilleRef, R + L), t = c.valeur(kFeuilleRef, T + L);

    c.ecrireTexte(kFeuilleRef, J + L, "pas fait");  // J is an input column of the protected sheet
    EXPECT_EQ(c.texte(kFeuilleRef, J + L), "pas fait") << J << L << " could not be written";
    c.recalculer();
    const double r2 = c.valeur(kFeuilleRef, R + L), t2 = c.valeur(kFeuilleRef, T + L);
    EXPECT_EQ(r2, 0);
    EXPECT_NEAR(t2 - t, r, 1e-9) << "the tâche's points move from fait to pas fait";
    EXPECT_NEAR(d10 - c.valeur(kFeuilleSynthese, synthese::kFait), r - r2, 1e-9);
    EXPECT_NEAR(c.valeur(kFeuilleSynthese, synthese::kPasFait) - f10, t2 - t, 1e-9);
    EXPECT_TRUE(c.cellulesEnErreur().empty());
    verifierSynthese(c, lireEntrees(c));

    // The sheet is protected; only the inputs J:N are unlocked.
    EXPECT_TRUE(uno::Reference<css::util::XProtectable>(c.feuille(kFeuilleRef), uno::UNO_QUERY_THROW)->isProtected());
    auto verrouillee = [&](const std::string& cel) {
        css::util::CellProtection p;
        uno::Reference<css::beans::XPropertySet>(c.cellule(kFeuilleRef, cel), uno::UNO_QUERY_THROW)
            ->getPropertyValue("CellProtection") >>= p;
        return static_cast<bool>(p.IsLocked);
    };
    for (const char* col : {dispoRef::colonneStatut, dispoRef::colonneExplications, dispoRef::colonnePartFaite,
                            dispoRef::colonnePartProgrammee, dispoRef::colonnePartPasFaite})
        EXPECT_FALSE(verrouillee(col + L)) << col << L;
    for (const char* col : {dispoRef::colonneId, dispoRef::colonnePotentielMax, dispoRef::colonneStatutAffiche,
                            dispoRef::colonneCalculReferentiel, dispoRef::colonneCalculFait})
        EXPECT_TRUE(verrouillee(col + L)) << col << L;
}

// ---- 4. the import ---------------------------------------------------------------------------------

TEST_F(ClasseurTest, ImportParMenuEtParMacro) {
    DossierTemp dossier;
    const ExportFabrique ex = fabriquerExport(dossier.chemin);
    const auto avantXlsx = empreinte(ex.xlsx), avantOds = empreinte(ex.ods);
    ASSERT_TRUE(avantXlsx && avantOds);

    {  // menu URL, .xlsx
        SCOPED_TRACE("dispatch, xlsx");
        Classeur c = nouveauParMenu("NouvelAutodiagnostic");
        const double d10 = c.valeur(kFeuilleSynthese, synthese::kFait);
        const Resultat r = importerParMenu(c, ex.xlsx);
        const std::string& rapport = r.rapport;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::SUCCESS);
        EXPECT_NE(c.valeur(kFeuilleSynthese, synthese::kFait), d10);
        verifierImport(c, ex, rapport);
    }
    {  // Basic entry point, .ods
        SCOPED_TRACE("Basic, ods");
        Classeur c = nouveauParMenu("NouvelAutodiagnostic");
        uno::Any r = appelerMacro("ImporterExport", {uno::Any(ou(ex.ods.string())), uno::Any(c.composant())});
        OUString rapport;
        ASSERT_TRUE(r >>= rapport);
        verifierImport(c, ex, utf8(rapport));
    }
    EXPECT_EQ(empreinte(ex.xlsx), avantXlsx) << "the import modified the source .xlsx";
    EXPECT_EQ(empreinte(ex.ods), avantOds) << "the import modified the source .ods";
    for (const fs::path& p : fs::directory_iterator(dossier.chemin))
        EXPECT_EQ(p.filename().string().rfind(".~lock", 0), std::string::npos) << "lock file left: " << p;
    EXPECT_TRUE(Office::instance().alive());
}

TEST_F(ClasseurTest, ImportDeFichiersQuiNeSontPasDesExports) {
    DossierTemp dossier;
    const fs::path exemple = dossier.chemin / "autodiagnostic-exemple.ods";
    fs::copy_file(ECI_AUTODIAG_EXEMPLE_ODS, exemple);
    const fs::path texte = dossier.chemin / "pas-un-export.xlsx";
    {
        std::ofstream f(texte);
        f << "Ceci n'est pas un classeur.\nN°;Statut\n";
    }
    const fs::path absent = dossier.chemin / "absent.xlsx";
    const auto avantExemple = empreinte(exemple), avantTexte = empreinte(texte);

    Classeur c = nouveauParMenu("NouvelAutodiagnostic");
    const double d10 = c.valeur(kFeuilleSynthese, synthese::kFait);
    for (const fs::path& p : {exemple, texte, absent}) {
        SCOPED_TRACE(p.filename().string());
        const Resultat r = importerParMenu(c, p);
        const std::string& rapport = r.rapport;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE) << rapport;
        EXPECT_FALSE(rapport.empty());
        EXPECT_EQ(rapport.find("Import terminé"), std::string::npos) << rapport;
        // French: the messages of the command / the import library.
        EXPECT_TRUE(rapport.find("n'a pas la forme d'un export") != std::string::npos ||
                    rapport.find("n'a pas pu être ouvert") != std::string::npos ||
                    rapport.find("Fichier introuvable") != std::string::npos ||
                    rapport.find("n'est pas un classeur") != std::string::npos)
            << rapport;
        ASSERT_TRUE(Office::instance().alive()) << "soffice died importing " << p;
    }
    // The Basic entry point catches the service's error and returns it as « Erreur : … ».
    for (const fs::path& p : {exemple, texte}) {
        SCOPED_TRACE("Basic, " + p.filename().string());
        OUString rapport;
        try {
            appelerMacro("ImporterExport", {uno::Any(ou(p.string())), uno::Any(c.composant())}) >>= rapport;
        } catch (const uno::Exception& e) {
            rapport = e.Message;  // acceptable too: the error surfaces as an exception
        }
        EXPECT_EQ(utf8(rapport).find("Import terminé"), std::string::npos) << utf8(rapport);
        EXPECT_EQ(utf8(rapport).rfind("Erreur : ", 0), 0u) << utf8(rapport);
        ASSERT_TRUE(Office::instance().alive()) << "soffice died importing " << p << " through Basic";
    }
    EXPECT_EQ(c.valeur(kFeuilleSynthese, synthese::kFait), d10);
    EXPECT_EQ(empreinte(exemple), avantExemple);
    EXPECT_EQ(empreinte(texte), avantTexte);
    EXPECT_FALSE(fs::exists(absent));

    // A target that is not an autodiagnostic: the blank document of the fixture.
    {
        const Resultat r =
            executer(cadreDe(sheet.document()), "ImporterExport", {pv("Fichier", uno::Any(ou(exemple.string())))});
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE);
        EXPECT_NE(r.rapport.find("n'est pas un autodiagnostic"), std::string::npos) << r.rapport;
    }
    EXPECT_TRUE(Office::instance().alive());
}

// ---- 5. the PDF of the synthesis ---------------------------------------------------------------------

TEST_F(ClasseurTest, PdfDeLaSynthese) {
    DossierTemp dossier;
    const fs::path pdf = dossier.chemin / "synthese.pdf";
    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
    c.recalculer();
    const std::string nom = c.texte(kFeuilleCollectivite, cellule(dispoColl::colonneValeur, dispoColl::ligneFeuillePremiere));
    ASSERT_FALSE(nom.empty());
    uno::Reference<css::table::XCellRange> zone = c.feuille(kFeuilleSynthese)->getCellRangeByName(ou(dispoSyn::plageImpression));
    const auto filtre = seq(Proprietes{pv("Selection", uno::Any(zone))});
    c.exporter(pdf, "calc_pdf_Export", {pv("FilterData", uno::Any(filtre))});
    ASSERT_TRUE(fs::exists(pdf));
    EXPECT_GT(fs::file_size(pdf), 20000u);
    {
        std::ifstream f(pdf, std::ios::binary);
        char tete[5] = {};
        f.read(tete, 4);
        EXPECT_EQ(std::string(tete), "%PDF");
    }
    const fs::path txt = dossier.chemin / "synthese.txt";
    const std::string cmd = "pdftotext -layout '" + pdf.string() + "' '" + txt.string() + "'";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::ifstream f(txt);
    const std::string t((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    EXPECT_NE(t.find("Axe 1"), std::string::npos) << t;
    EXPECT_NE(t.find("Axe 5"), std::string::npos) << t;
    EXPECT_TRUE(t.find("Synthèse") != std::string::npos || t.find(nom) != std::string::npos) << t;
    EXPECT_NE(t.find("Autodiagnostic économie circulaire"), std::string::npos) << t;
    for (const char* mauvais : {"Err:", "Err :", "#NAME", "#NOM", "#VALUE", "#VALEUR", "#N/A", "#REF", "#DIV"})
        EXPECT_EQ(t.find(mauvais), std::string::npos) << mauvais << " in the PDF:\n" << t;
    // Only the Synthèse range: one page.
    EXPECT_EQ(std::count(t.begin(), t.end(), '\f'), 1) << "pages in the PDF";
}

// ---- 6. the menu and the toolbar ----------------------------------------------------------------------

namespace {
uno::Reference<css::container::XNameAccess> configuration(const std::string& chemin, const std::string& langue) {
    uno::Reference<css::lang::XMultiServiceFactory> cp(
        Office::instance().createInstance("com.sun.star.configuration.ConfigurationProvider"), uno::UNO_QUERY_THROW);
    const auto args = seq(std::vector<uno::Any>{uno::Any(css::beans::NamedValue("nodepath", uno::Any(ou(chemin)))),
                                                 uno::Any(css::beans::NamedValue("Locale", uno::Any(ou(langue))))});
    return uno::Reference<css::container::XNameAccess>(
        cp->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args), uno::UNO_QUERY_THROW);
}

std::string prop(const uno::Reference<css::container::XNameAccess>& n, const char* nom) {
    OUString s;
    n->getByName(OUString::createFromAscii(nom)) >>= s;
    return utf8(s);
}

std::set<std::string> urls(const uno::Reference<css::container::XNameAccess>& entrees) {
    std::set<std::string> out;
    for (const OUString& e : entrees->getElementNames()) {
        uno::Reference<css::container::XNameAccess> n(entrees->getByName(e), uno::UNO_QUERY_THROW);
        out.insert(prop(n, "URL"));
        if (prop(n, "URL") == "private:separator") continue;
        EXPECT_FALSE(prop(n, "Title").empty()) << utf8(e);
        EXPECT_EQ(prop(n, "Context"), "com.sun.star.sheet.SpreadsheetDocument") << utf8(e);
    }
    return out;
}
}  // namespace

TEST_F(ClasseurTest, MenuEtBarreDOutils) {
    const std::set<std::string> attendues = {kUrlNouvel, kUrlImporter};
    {
        auto menus = configuration("/org.openoffice.Office.Addons/AddonUI/OfficeMenuBar", "fr");
        ASSERT_TRUE(menus->hasByName("fr.ademe.eci.menu"));
        uno::Reference<css::container::XNameAccess> menu(menus->getByName("fr.ademe.eci.menu"), uno::UNO_QUERY_THROW);
        EXPECT_EQ(prop(menu, "Title"), "Économie circulaire");
        EXPECT_EQ(prop(menu, "Context"), "com.sun.star.sheet.SpreadsheetDocument");
        uno::Reference<css::container::XNameAccess> sous(menu->getByName("Submenu"), uno::UNO_QUERY_THROW);
        const std::string p = "fr.ademe.eci.commandes:";
        const std::set<std::string> menuAttendu = {kUrlNouvel, kUrlImporter, p + "NouveauPlanFinancement",
                                                   p + "VerifierPlanFinancement", p + "NouvelleGrilleCandidatures",
                                                   p + "ConsoliderCandidatures", p + "FiltrerCandidatures?critere=selection",
                                                   p + "FiltrerCandidatures?critere=aucun", "private:separator"};
        EXPECT_EQ(urls(sous), menuAttendu);
    }
    {
        auto barres = configuration("/org.openoffice.Office.Addons/AddonUI/OfficeToolBar", "fr");
        ASSERT_TRUE(barres->hasByName("fr.ademe.eci.barre"));
        uno::Reference<css::container::XNameAccess> barre(barres->getByName("fr.ademe.eci.barre"),
                                                          uno::UNO_QUERY_THROW);
        // Every command of the menu, and the comparison with a previous self-assessment (issue 12).
        const std::string p = "fr.ademe.eci.commandes:";
        const std::set<std::string> barreAttendue = {
            kUrlNouvel, kUrlImporter, p + "ComparerAutodiagnostic", p + "NouveauPlanFinancement",
            p + "VerifierPlanFinancement", p + "NouvelleGrilleCandidatures", p + "ConsoliderCandidatures",
            p + "FiltrerCandidatures?critere=selection", p + "FiltrerCandidatures?critere=aucun", "private:separator"};
        EXPECT_EQ(urls(barre), barreAttendue);
    }
    // Every URL of the menu has a dispatcher in a Calc frame (the protocol handler is registered).
    uno::Reference<css::frame::XDispatchProvider> dp(cadreDe(sheet.document()), uno::UNO_QUERY_THROW);
    for (const std::string& u : attendues) {
        css::util::URL url;
        url.Complete = ou(u);
        url.Main = url.Complete;
        url.Protocol = "fr.ademe.eci.commandes:";
        url.Path = ou(u.substr(u.find(':') + 1));
        EXPECT_TRUE(dp->queryDispatch(url, "", 0).is()) << u;
    }
    css::util::URL inconnue;
    inconnue.Complete = "fr.ademe.eci.commandes:Inconnue";
    inconnue.Main = inconnue.Complete;
    inconnue.Protocol = "fr.ademe.eci.commandes:";
    inconnue.Path = "Inconnue";
    EXPECT_FALSE(dp->queryDispatch(inconnue, "", 0).is());
}
