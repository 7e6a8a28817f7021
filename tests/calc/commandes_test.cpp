// The financing plan and the candidates grid (spreadsheets/) and their « Économie circulaire »
// commands, in a real headless Calc with the extension installed:
//   - plan: template and example without error cell, the example's aid figures equal the domain
//     library's (AIDE.*) on the line inputs read out of the sheet; « Nouveau plan de financement »
//     (menu, Basic); « Vérifier le plan de financement » marks exactly the line that breaks a
//     check and unmarks it once fixed (menu, Basic);
//   - candidates: template and example without error cell, the panel (X) and its price equal
//     CRITERES.SELECTION / COUT_PANEL computed in-process; « Consolider des candidatures » on a
//     folder of made-up autodiagnostics (+ a corrupt file, a non-autodiagnostic, a .txt): rows
//     equal the library's figures on the inputs written, files untouched, idempotent; « Filtrer
//     les candidatures » shows exactly the expected rows.
// Commands are driven as users drive them (menu URLs through DispatchHelper, Basic macros).
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableRows.hpp>

#include <cmath>
#include <cstdint>
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
#include "eci/calc/fonctions_aide.hpp"
#include "eci/calc/fonctions_criteres.hpp"
#include "eci/texte.hpp"
#include "fabrique_autodiagnostics.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

using namespace eci::test;
namespace fs = std::filesystem;
using eci::calc::Cellule;
using eci::calc::Optionnel;
using eci::calc::Plage;

namespace {

constexpr sal_Int32 kRouge = 0xF4CCCC;

// The workbooks' cells (spreadsheets/disposition.json; sheet rows 1-based, columns as letters).
namespace plan = dispo::planFinancement::plan;
namespace params = dispo::planFinancement::parametres;
namespace grille = dispo::candidatures::candidatures;
namespace parametresGrille = dispo::candidatures::parametres;
// Sheet names, the plan's two lines (kDiagnostic, kAccompagnement), colonneGrille: classeur.hpp.

// An optional argument as Calc passes a single cell: absent when empty.
Optionnel opt(const Cellule& c) {
    if (const std::string* s = std::get_if<std::string>(&c); s && s->empty()) return std::nullopt;
    if (std::holds_alternative<std::monostate>(c)) return std::nullopt;
    return Plage(c);
}
double nombre(const Cellule& c) {
    const double* d = std::get_if<double>(&c);
    return d ? *d : std::nan("");
}

class CommandesTest : public CalcTest {};

// ---- plan de financement ------------------------------------------------------------------------

struct LignePlan {
    Cellule phase, ht, tva, part, autres, invest;
};
LignePlan lireLigne(const Classeur& d, int r) {
    return {d.argument(kFeuillePlan, cellule(plan::colonnePhase, r)), d.argument(kFeuillePlan, cellule(plan::colonneHt, r)),
            d.argument(kFeuillePlan, cellule(plan::colonneTva, r)), d.argument(kFeuillePlan, cellule(plan::colonnePartTva, r)),
            d.argument(kFeuillePlan, cellule(plan::colonneAutres, r)), d.argument(kFeuillePlan, cellule(plan::colonneInvestissement, r))};
}

// Plan row r against the library (AIDE.ASSIETTE / MONTANT / REPARTITION / VERIFIER).
void verifierLignePlan(const Classeur& d, int r) {
    const std::string R = std::to_string(r);
    SCOPED_TRACE("Plan row " + R);
    const LignePlan l = lireLigne(d, r);
    const Optionnel tauxAide = opt(d.argument(kFeuilleParametresPlan, params::celluleTauxAide)),
                    plafondSur = opt(d.argument(kFeuilleParametresPlan, params::cellulePlafondSur));
    const double partAdeme = d.valeur(kFeuilleParametresPlan, params::cellulePartAdeme);
    const double assiette = eci::calc::aideAssiette(nombre(l.ht), opt(l.tva), opt(l.part));
    const double aide = eci::calc::aideMontant(nombre(l.ht), l.phase, tauxAide, opt(l.tva), opt(l.part), plafondSur);
    const Plage rep = eci::calc::aideRepartition(aide, partAdeme);
    EXPECT_GT(aide, 0);
    EXPECT_DOUBLE_EQ(d.valeur(kFeuillePlan, cellule(plan::colonneHtr, r)), assiette);
    EXPECT_DOUBLE_EQ(d.valeur(kFeuillePlan, cellule(plan::colonneAide, r)), aide);
    EXPECT_DOUBLE_EQ(d.valeur(kFeuillePlan, cellule(plan::colonneAdeme, r)), nombre(rep.at(0, 0)));
    EXPECT_DOUBLE_EQ(d.valeur(kFeuillePlan, cellule(plan::colonneRegion, r)), nombre(rep.at(0, 1)));
    EXPECT_EQ(d.texte(kFeuillePlan, cellule(plan::colonneControle, r)),
              eci::calc::aideVerifier(nombre(l.ht), l.phase, aide, opt(l.tva), opt(l.part), opt(l.autres), opt(l.invest)));
}

TEST_F(CommandesTest, PlanModeleEtExempleEgalBibliotheque) {
    {
        Classeur c = Classeur::copieSansTitre(ECI_PLAN_ODS);
        c.recalculer();
        EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
        EXPECT_EQ(c.texte(kFeuillePlan, cellule(plan::colonneStatut, kDiagnostic)), "");
        EXPECT_EQ(c.texte(kFeuillePlan, cellule(plan::colonneStatut, kAccompagnement)), "");
    }
    Classeur c = Classeur::copieSansTitre(ECI_PLAN_EXEMPLE_ODS);
    c.recalculer();
    EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
    for (int r : {kDiagnostic, kAccompagnement}) {
        EXPECT_EQ(c.texte(kFeuillePlan, cellule(plan::colonneStatut, r)), "OK");
        verifierLignePlan(c, r);
    }
}

TEST_F(CommandesTest, NouveauPlanParMenuEtParMacro) {
    for (int voie = 0; voie < 2; ++voie) {
        SCOPED_TRACE(voie == 0 ? "menu" : "Basic");
        Classeur d = voie == 0 ? nouveauParMenu("NouveauPlanFinancement") : nouveauParMacro("NouveauPlanFinancement");
        for (const char* f : {kFeuilleParametresPlan, kFeuillePlan, dispo::planFinancement::feuilleVersements})
            EXPECT_TRUE(d.aFeuille(f)) << f;
        EXPECT_TRUE(uno::Reference<css::frame::XModel>(d.composant(), uno::UNO_QUERY_THROW)->getURL().isEmpty());
        d.recalculer();
        EXPECT_TRUE(d.cellulesEnErreur().empty()) << joindre(d.cellulesEnErreur());
    }
}

TEST_F(CommandesTest, VerifierPlanParMenuEtParMacro) {
    for (int voie = 0; voie < 2; ++voie) {
        SCOPED_TRACE(voie == 0 ? "menu" : "Basic");
        Classeur c = Classeur::copieSansTitre(ECI_PLAN_EXEMPLE_ODS);
        auto verifier = [&] {
            return voie == 0 ? rapportMenu(c, "VerifierPlanFinancement", {pv("Silencieux", uno::Any(true))})
                             : rapportMacro("VerifierPlanFinancement", {uno::Any(c.composant())});
        };
        const std::vector<std::string> cols = {plan::colonneLigne, plan::colonnePrestataire, plan::colonneHt,
                                               plan::colonneTva,   plan::colonnePartTva,     plan::colonneHtr,
                                               plan::colonneAide,  plan::colonneAutres,      plan::colonneInvestissement,
                                               plan::colonneControle, plan::colonneStatut};
        const std::string D = std::to_string(kDiagnostic), A = std::to_string(kAccompagnement);
        std::map<std::string, sal_Int32> fondsAvant;
        for (int r : {kDiagnostic, kAccompagnement})
            for (const std::string& col : cols) fondsAvant[cellule(col, r)] = c.fond(kFeuillePlan, cellule(col, r));

        // 1. The example: conformes, nothing marked, formatting untouched.
        std::string rapport = verifier();
        EXPECT_NE(rapport.find("conformes"), std::string::npos) << rapport;
        EXPECT_EQ(rapport.find("à revoir"), std::string::npos) << rapport;
        for (const auto& [cel, f] : fondsAvant) EXPECT_EQ(c.fond(kFeuillePlan, cel), f) << cel << " after a clean check";

        // 2. Over-financing of the accompagnement: other public aids above HTR − aid.
        const std::string H8 = plan::colonneHtr + A, I8 = plan::colonneAide + A, L8 = plan::colonneAutres + A;
        const double h8 = c.valeur(kFeuillePlan, H8), i8 = c.valeur(kFeuillePlan, I8), l8 = c.valeur(kFeuillePlan, L8);
        c.cellule(kFeuillePlan, L8)->setValue(h8 - i8 + 1000);
        c.recalculer();
        const LignePlan l = lireLigne(c, kAccompagnement);
        const std::string attendu = eci::calc::aideVerifier(nombre(l.ht), l.phase, i8, opt(l.tva), opt(l.part),
                                                            opt(l.autres), opt(l.invest));
        ASSERT_NE(attendu, "OK");
        rapport = verifier();
        SCOPED_TRACE("report: " + rapport);
        EXPECT_EQ(c.texte(kFeuillePlan, plan::colonneStatut + A), "À revoir");
        EXPECT_NE(rapport.find("1 ligne(s) à revoir"), std::string::npos);
        EXPECT_NE(rapport.find("Accompagnement"), std::string::npos);
        EXPECT_NE(rapport.find(attendu), std::string::npos) << "expected check text: " << attendu;
        EXPECT_EQ(rapport.find("Diagnostic"), std::string::npos);
        for (const std::string& col : cols) {
            EXPECT_EQ(c.fond(kFeuillePlan, col + A), kRouge) << col << A;
            EXPECT_EQ(c.fond(kFeuillePlan, col + D), fondsAvant[col + D]) << col << D;
        }
        EXPECT_EQ(c.fond(kFeuillePlan, plan::colonneStatut + A), kRouge);
        // Not beyond the line (the column after Statut) nor below it (the Total row).
        EXPECT_NE(c.fond(kFeuillePlan, lettresColonne(plan::colonneUnoStatut + 1) + A), kRouge);
        EXPECT_NE(c.fond(kFeuillePlan, cellule(plan::colonneLigne, kAccompagnement + 1)), kRouge);

        // 3. Fixed: the mark goes, the line's own formatting comes back.
        c.cellule(kFeuillePlan, L8)->setValue(l8);
        rapport = verifier();
        EXPECT_NE(rapport.find("conformes"), std::string::npos) << rapport;
        for (const std::string& col : cols) {
            EXPECT_NE(c.fond(kFeuillePlan, col + A), kRouge) << col << A;
            EXPECT_EQ(c.fond(kFeuillePlan, col + D), fondsAvant[col + D]) << col << D << " after the fix";
            // Known defect (reported): the mark overwrites the line's own direct backgrounds and
            // unmarking cannot restore them; see VerifierPlanRestaureLesFonds.
        }
    }
}

// Known defect of verifierPlanFinancement: after mark + fix, the line's own backgrounds (yellow
// inputs, grey results) are not restored (transparent). Enable once the command saves them.
TEST_F(CommandesTest, VerifierPlanRestaureLesFonds) {
    Classeur c = Classeur::copieSansTitre(ECI_PLAN_EXEMPLE_ODS);
    const std::string A = std::to_string(kAccompagnement), L8 = plan::colonneAutres + A;
    std::map<std::string, sal_Int32> avant;
    for (const char* col : {plan::colonneLigne, plan::colonnePrestataire, plan::colonneHt, plan::colonneHtr,
                            plan::colonneAide, plan::colonneAutres, plan::colonneControle, plan::colonneStatut})
        avant[col] = c.fond(kFeuillePlan, col + A);
    const double l8 = c.valeur(kFeuillePlan, L8);
    c.cellule(kFeuillePlan, L8)->setValue(c.valeur(kFeuillePlan, plan::colonneHtr + A));
    rapportMenu(c, "VerifierPlanFinancement", {pv("Silencieux", uno::Any(true))});
    c.cellule(kFeuillePlan, L8)->setValue(l8);
    rapportMenu(c, "VerifierPlanFinancement", {pv("Silencieux", uno::Any(true))});
    for (const auto& [col, f] : avant) EXPECT_EQ(c.fond(kFeuillePlan, col + A), f) << col << A;
}

// ---- candidatures ---------------------------------------------------------------------------------

TEST_F(CommandesTest, CandidaturesModeleEtExempleEgalBibliotheque) {
    {
        Classeur c = Classeur::copieSansTitre(ECI_CANDIDATURES_ODS);
        c.recalculer();
        EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
    }
    Classeur c = Classeur::copieSansTitre(ECI_CANDIDATURES_EXEMPLE_ODS);
    c.recalculer();
    EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
    const Plage u = c.plage(kFeuilleCandidatures, colonneGrille(grille::colonneScore));
    const Plage ad = c.plage(kFeuilleCandidatures, colonneGrille(grille::colonneCalcTerritoire)),
                ae = c.plage(kFeuilleCandidatures, colonneGrille(grille::colonneCalcCollectivite));
    const Plage cc = c.plage(kFeuilleCandidatures, colonneGrille(grille::colonneTerritoire, grille::colonneTypecoll));
    // AD / AE are C / D where U is a number, else blank.
    std::size_t notes = 0;
    for (std::size_t l = 0; l < kLignesGrille; ++l) {
        const bool numerique = std::holds_alternative<double>(u.at(l, 0));
        notes += numerique;
        EXPECT_EQ(ad.at(l, 0), numerique ? cc.at(l, 0) : Cellule(std::string()))
            << grille::colonneCalcTerritoire << l + grille::ligneFeuillePremiere;
        EXPECT_EQ(ae.at(l, 0), numerique ? cc.at(l, 1) : Cellule(std::string()))
            << grille::colonneCalcCollectivite << l + grille::ligneFeuillePremiere;
    }
    EXPECT_GE(notes, 20u);
    const std::string nombrePlaces = cellule(parametresGrille::colonneValeur, parametresGrille::ligneFeuilleNombre);
    const Optionnel n = opt(c.argument(kFeuilleParametresGrille, nombrePlaces)),
                    smin = opt(c.argument(kFeuilleParametresGrille,
                                          cellule(parametresGrille::colonneValeur, parametresGrille::ligneFeuilleScoreMin)));
    const Plage sel = eci::calc::criteresSelection(u, ad, ae, n, smin);
    const Plage x = c.plage(kFeuilleCandidatures, colonneGrille(grille::colonneSelection));
    ASSERT_EQ(sel.lignes, kLignesGrille);
    double membres = 0;
    for (std::size_t l = 0; l < kLignesGrille; ++l) {
        EXPECT_EQ(x.at(l, 0), sel.at(l, 0)) << grille::colonneSelection << l + grille::ligneFeuillePremiere;
        membres += nombre(sel.at(l, 0));
    }
    EXPECT_EQ(membres, c.valeur(kFeuilleParametresGrille, nombrePlaces));
    const double cout = eci::calc::criteresCoutPanel(u, ad, ae, n, smin);
    EXPECT_GT(cout, 0);
    EXPECT_DOUBLE_EQ(c.valeur(dispo::candidatures::feuilleSynthese,
                              cellule(dispo::candidatures::synthese::colonneValeur,
                                      dispo::candidatures::synthese::ligneFeuillePrix)),
                     cout);
}

// Made-up autodiagnostics (fixed seed) + a corrupt copy, a spreadsheet that is no autodiagnostic
// and a text file.
struct Lot {
    DossierTemp dossier;
    std::vector<fabrique::Autodiag> autodiags;
    fs::path abime, plan, txt;
    std::map<fs::path, std::uint64_t> empreintes;
};

void fabriquerLot(Lot& lot, int n) {
    lot.autodiags = fabrique::fabriquer(ECI_AUTODIAG_ODS, lot.dossier.chemin, n, 20261128u);
    lot.abime = lot.dossier.chemin / "abime.ods";
    {
        std::ifstream in(lot.autodiags.front().fichier, std::ios::binary);
        std::string octets((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream out(lot.abime, std::ios::binary);
        out.write(octets.data(), static_cast<std::streamsize>(octets.size() / 2));
    }
    lot.plan = lot.dossier.chemin / "plan-financement-copie.ods";
    fs::copy_file(ECI_PLAN_ODS, lot.plan);
    lot.txt = lot.dossier.chemin / "notes.txt";
    std::ofstream(lot.txt) << "Ce dossier contient les autodiagnostics des candidats.\n";
    for (const fs::path& p : fs::directory_iterator(lot.dossier.chemin)) lot.empreintes[p] = *empreinte(p);
}

// The grid after a consolidation of the lot: exactly its autodiagnostics, with the library's figures.
void verifierGrille(const Classeur& g, const Lot& lot, const std::string& rapport, const Plage& ids) {
    SCOPED_TRACE("report: " + rapport);
    const std::size_t n = lot.autodiags.size();
    const Plage a = g.plage(kFeuilleCandidatures, colonneGrille(grille::colonneCollectivite, grille::colonneEtoiles));
    const Plage portees = g.plage(kFeuilleCandidatures, colonneGrille(grille::colonneEtoileAPortee));
    std::map<std::string, std::size_t> ligneDe;
    std::size_t remplies = 0;
    for (std::size_t l = 0; l < a.lignes; ++l) {
        if (a.at(l, grille::colonneUnoCollectivite) == Cellule(std::string())) continue;
        ++remplies;
        if (const std::string* e = std::get_if<std::string>(&a.at(l, grille::colonneUnoFichier))) {
            EXPECT_TRUE(ligneDe.emplace(*e, l).second) << "file " << *e << " on two rows";
        }
    }
    EXPECT_EQ(remplies, n) << "rows written";
    for (const fabrique::Autodiag& d : lot.autodiags) {
        const std::string nom = d.fichier.filename().string();
        SCOPED_TRACE(nom);
        auto it = ligneDe.find(nom);
        ASSERT_NE(it, ligneDe.end()) << "no row for " << nom;
        const std::size_t l = it->second;
        const fabrique::Figures f = fabrique::figures(ids, d);
        EXPECT_EQ(a.at(l, grille::colonneUnoCollectivite), Cellule(d.nom));
        EXPECT_EQ(a.at(l, grille::colonneUnoDepartement), Cellule(d.departement));
        EXPECT_NEAR(nombre(a.at(l, grille::colonneUnoPct)), f.pourcentage / 100, 1e-12);
        EXPECT_NEAR(nombre(a.at(l, grille::colonneUnoPotentiel)), f.potentiel, 1e-9);
        EXPECT_NEAR(nombre(a.at(l, grille::colonneUnoFait)), f.fait, 1e-9);
        for (int k = 0; k < 5; ++k)
            EXPECT_NEAR(nombre(a.at(l, grille::colonneUnoAxe1 + static_cast<std::size_t>(k))), f.axes[k] / 100, 1e-12)
                << "axe " << k + 1;
        EXPECT_EQ(nombre(a.at(l, grille::colonneUnoEtoiles)), f.etoiles);
        EXPECT_EQ(nombre(portees.at(l, 0)), f.etoileAPortee) << grille::colonneEtoileAPortee;
    }
    EXPECT_NE(rapport.find(std::to_string(n) + " autodiagnostic(s) lu(s)"), std::string::npos);
    EXPECT_NE(rapport.find(lot.abime.filename().string()), std::string::npos);
    EXPECT_NE(rapport.find(lot.plan.filename().string()), std::string::npos);
    EXPECT_NE(rapport.find("Fichiers non lus (2)"), std::string::npos);
    EXPECT_EQ(rapport.find(lot.txt.filename().string()), std::string::npos);
}

TEST_F(CommandesTest, ConsoliderParMenuEtParMacro) {
    const Plage ids = fabrique::identifiants();
    {  // the generator's row order is the template's
        Classeur m = Classeur::copieSansTitre(ECI_AUTODIAG_ODS);
        const Plage a = m.plage(kFeuilleRef, plageRef(dispo::autodiagnostic::referentiel::colonneId));
        ASSERT_EQ(a.lignes, ids.lignes);
        for (std::size_t l = 0; l < a.lignes; ++l)
            ASSERT_EQ(a.at(l, 0), ids.at(l, 0)) << dispo::autodiagnostic::referentiel::colonneId << l + kPremiereLigneRef;
    }
    Lot lot;
    fabriquerLot(lot, 30);
    ASSERT_EQ(lot.autodiags.size(), 30u);
    {  // the figures vary between candidates (the test would not see a swap otherwise)
        std::set<double> faits;
        for (const auto& d : lot.autodiags) faits.insert(fabrique::figures(ids, d).fait);
        EXPECT_GT(faits.size(), 25u);
    }
    const std::string dossier = lot.dossier.chemin.string();
    {
        SCOPED_TRACE("menu");
        Classeur g = nouveauParMenu("NouvelleGrilleCandidatures");
        verifierGrille(g, lot, rapportMenu(g, "ConsoliderCandidatures", {pv("Dossier", uno::Any(ou(dossier)))}), ids);
        // Twice: the rows are updated, not duplicated.
        const std::string deux = rapportMenu(g, "ConsoliderCandidatures", {pv("Dossier", uno::Any(ou(dossier)))});
        SCOPED_TRACE("second consolidation");
        verifierGrille(g, lot, deux, ids);
        EXPECT_NE(deux.find("30 ligne(s) mise(s) à jour"), std::string::npos) << deux;
    }
    {
        SCOPED_TRACE("Basic");
        Classeur g = nouveauParMacro("NouvelleGrilleCandidatures");
        verifierGrille(g, lot,
                       rapportMacro("ConsoliderCandidatures",
                                    {uno::Any(ou(urlDe(lot.dossier.chemin))), uno::Any(g.composant())}),
                       ids);
    }
    for (const auto& [p, h] : lot.empreintes) EXPECT_EQ(empreinte(p), h) << p << " was modified";
    std::size_t fichiers = 0;
    for (const fs::path& p : fs::directory_iterator(lot.dossier.chemin)) {
        ++fichiers;
        EXPECT_EQ(p.filename().string().rfind(".~lock", 0), std::string::npos) << "lock file left: " << p;
    }
    EXPECT_EQ(fichiers, lot.empreintes.size());
    EXPECT_TRUE(Office::instance().alive());
}

// Rows 2..201 of Candidatures: visible candidate rows (A filled), by 0-based index.
std::set<std::size_t> visibles(const Classeur& g) {
    const std::string colonneA = colonneGrille(grille::colonneCollectivite);
    uno::Reference<css::table::XColumnRowRange> crr(g.feuille(kFeuilleCandidatures)->getCellRangeByName(ou(colonneA)),
                                                    uno::UNO_QUERY_THROW);
    uno::Reference<css::table::XTableRows> rows = crr->getRows();
    const Plage a = g.plage(kFeuilleCandidatures, colonneA);
    std::set<std::size_t> out;
    for (sal_Int32 l = 0; l < rows->getCount(); ++l) {
        if (a.at(static_cast<std::size_t>(l), 0) == Cellule(std::string())) continue;
        bool v = true;
        uno::Reference<css::beans::XPropertySet>(rows->getByIndex(l), uno::UNO_QUERY_THROW)->getPropertyValue("IsVisible") >>= v;
        if (v) out.insert(static_cast<std::size_t>(l));
    }
    return out;
}

TEST_F(CommandesTest, FiltrerLesCandidatures) {
    Classeur g = Classeur::copieSansTitre(ECI_CANDIDATURES_EXEMPLE_ODS);
    g.recalculer();
    const Plage t = g.plage(kFeuilleCandidatures, colonneGrille(grille::colonneCollectivite, grille::colonneSelection));
    std::set<std::size_t> tous, selection, rural, dep, score60;
    const std::string departement = std::get<std::string>(t.at(0, grille::colonneUnoDepartement));
    for (std::size_t l = 0; l < t.lignes; ++l) {
        if (t.at(l, grille::colonneUnoCollectivite) == Cellule(std::string())) continue;
        tous.insert(l);
        if (nombre(t.at(l, grille::colonneUnoSelection)) == 1) selection.insert(l);
        if (eci::texte::plier(std::get<std::string>(t.at(l, grille::colonneUnoTerritoire))) == "rural") rural.insert(l);
        if (t.at(l, grille::colonneUnoDepartement) == Cellule(departement)) dep.insert(l);
        if (const double* s = std::get_if<double>(&t.at(l, grille::colonneUnoScore)); s && *s >= 60) score60.insert(l);
    }
    ASSERT_GE(tous.size(), 20u);
    for (const auto* s : {&selection, &rural, &dep, &score60}) {
        EXPECT_FALSE(s->empty());
        EXPECT_LT(s->size(), tous.size());
    }
    auto compte = [&](const std::string& rapport, std::size_t n) {
        EXPECT_NE(rapport.find(": " + std::to_string(n) + " candidature(s) affichée(s) sur " +
                               std::to_string(tous.size())),
                  std::string::npos)
            << rapport;
    };
    auto menu = [&](const char* critere, const std::string& valeur) {
        return rapportMenu(g, "FiltrerCandidatures", {pv("Critere", uno::Any(ou(critere))), pv("Valeur", uno::Any(ou(valeur)))});
    };
    {
        SCOPED_TRACE("selection (menu)");
        compte(menu("selection", ""), selection.size());
        EXPECT_EQ(visibles(g), selection);
    }
    {
        SCOPED_TRACE("aucun");
        compte(menu("aucun", ""), tous.size());
        EXPECT_EQ(visibles(g), tous);
    }
    {
        SCOPED_TRACE("selection (URL ?critere=)");
        compte(rapportMenu(g, "FiltrerCandidatures?critere=selection", {}), selection.size());
        EXPECT_EQ(visibles(g), selection);
    }
    {
        SCOPED_TRACE("territoire RÙRAL");
        compte(menu("territoire", "RÙRAL"), rural.size());
        EXPECT_EQ(visibles(g), rural);
    }
    {
        SCOPED_TRACE("departement (Basic)");
        compte(rapportMacro("FiltrerCandidatures", {uno::Any(ou("departement")), uno::Any(ou(departement)),
                                                    uno::Any(g.composant())}),
               dep.size());
        EXPECT_EQ(visibles(g), dep);
    }
    {
        SCOPED_TRACE("score_min 60");
        compte(menu("score_min", "60"), score60.size());
        EXPECT_EQ(visibles(g), score60);
    }
    {
        SCOPED_TRACE("aucun (Basic)");
        compte(rapportMacro("FiltrerCandidatures", {uno::Any(ou("aucun")), uno::Any(ou("")), uno::Any(g.composant())}),
               tous.size());
        EXPECT_EQ(visibles(g), tous);
    }
}

}  // namespace
