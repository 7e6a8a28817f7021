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
    const std::string R = std::to_string(r);
    return {d.argument("Plan", "B" + R), d.argument("Plan", "D" + R), d.argument("Plan", "E" + R),
            d.argument("Plan", "F" + R), d.argument("Plan", "L" + R), d.argument("Plan", "O" + R)};
}

// Plan row r against the library (AIDE.ASSIETTE / MONTANT / REPARTITION / VERIFIER).
void verifierLignePlan(const Classeur& d, int r) {
    const std::string R = std::to_string(r);
    SCOPED_TRACE("Plan row " + R);
    const LignePlan l = lireLigne(d, r);
    const Optionnel tauxAide = opt(d.argument("Paramètres", "B5")), plafondSur = opt(d.argument("Paramètres", "B8"));
    const double partAdeme = d.valeur("Paramètres", "B10");
    const double assiette = eci::calc::aideAssiette(nombre(l.ht), opt(l.tva), opt(l.part));
    const double aide = eci::calc::aideMontant(nombre(l.ht), l.phase, tauxAide, opt(l.tva), opt(l.part), plafondSur);
    const Plage rep = eci::calc::aideRepartition(aide, partAdeme);
    EXPECT_GT(aide, 0);
    EXPECT_DOUBLE_EQ(d.valeur("Plan", "H" + R), assiette);
    EXPECT_DOUBLE_EQ(d.valeur("Plan", "I" + R), aide);
    EXPECT_DOUBLE_EQ(d.valeur("Plan", "J" + R), nombre(rep.at(0, 0)));
    EXPECT_DOUBLE_EQ(d.valeur("Plan", "K" + R), nombre(rep.at(0, 1)));
    EXPECT_EQ(d.texte("Plan", "P" + R),
              eci::calc::aideVerifier(nombre(l.ht), l.phase, aide, opt(l.tva), opt(l.part), opt(l.autres), opt(l.invest)));
}

TEST_F(CommandesTest, PlanModeleEtExempleEgalBibliotheque) {
    {
        Classeur c = Classeur::copieSansTitre(ECI_PLAN_ODS);
        c.recalculer();
        EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
        EXPECT_EQ(c.texte("Plan", "Q7"), "");
        EXPECT_EQ(c.texte("Plan", "Q8"), "");
    }
    Classeur c = Classeur::copieSansTitre(ECI_PLAN_EXEMPLE_ODS);
    c.recalculer();
    EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
    for (int r : {7, 8}) {
        EXPECT_EQ(c.texte("Plan", "Q" + std::to_string(r)), "OK");
        verifierLignePlan(c, r);
    }
}

TEST_F(CommandesTest, NouveauPlanParMenuEtParMacro) {
    for (int voie = 0; voie < 2; ++voie) {
        SCOPED_TRACE(voie == 0 ? "menu" : "Basic");
        Classeur d = voie == 0 ? nouveauParMenu("NouveauPlanFinancement") : nouveauParMacro("NouveauPlanFinancement");
        for (const char* f : {"Paramètres", "Plan", "Versements"}) EXPECT_TRUE(d.aFeuille(f)) << f;
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
        const std::vector<std::string> cols = {"A", "C", "D", "E", "F", "H", "I", "L", "O", "P", "Q"};
        std::map<std::string, sal_Int32> fondsAvant;
        for (int r : {7, 8})
            for (const std::string& col : cols) fondsAvant[col + std::to_string(r)] = c.fond("Plan", col + std::to_string(r));

        // 1. The example: conformes, nothing marked, formatting untouched.
        std::string rapport = verifier();
        EXPECT_NE(rapport.find("conformes"), std::string::npos) << rapport;
        EXPECT_EQ(rapport.find("à revoir"), std::string::npos) << rapport;
        for (const auto& [cel, f] : fondsAvant) EXPECT_EQ(c.fond("Plan", cel), f) << cel << " after a clean check";

        // 2. Over-financing of the accompagnement: other public aids above HTR − aid.
        const double h8 = c.valeur("Plan", "H8"), i8 = c.valeur("Plan", "I8"), l8 = c.valeur("Plan", "L8");
        c.cellule("Plan", "L8")->setValue(h8 - i8 + 1000);
        c.recalculer();
        const LignePlan l = lireLigne(c, 8);
        const std::string attendu = eci::calc::aideVerifier(nombre(l.ht), l.phase, i8, opt(l.tva), opt(l.part),
                                                            opt(l.autres), opt(l.invest));
        ASSERT_NE(attendu, "OK");
        rapport = verifier();
        SCOPED_TRACE("report: " + rapport);
        EXPECT_EQ(c.texte("Plan", "Q8"), "À revoir");
        EXPECT_NE(rapport.find("1 ligne(s) à revoir"), std::string::npos);
        EXPECT_NE(rapport.find("Accompagnement"), std::string::npos);
        EXPECT_NE(rapport.find(attendu), std::string::npos) << "expected check text: " << attendu;
        EXPECT_EQ(rapport.find("Diagnostic"), std::string::npos);
        for (const std::string& col : cols) {
            EXPECT_EQ(c.fond("Plan", col + "8"), kRouge) << col << "8";
            EXPECT_EQ(c.fond("Plan", col + "7"), fondsAvant[col + "7"]) << col << "7";
        }
        EXPECT_EQ(c.fond("Plan", "Q8"), kRouge);
        EXPECT_NE(c.fond("Plan", "R8"), kRouge);
        EXPECT_NE(c.fond("Plan", "A9"), kRouge);

        // 3. Fixed: the mark goes, the line's own formatting comes back.
        c.cellule("Plan", "L8")->setValue(l8);
        rapport = verifier();
        EXPECT_NE(rapport.find("conformes"), std::string::npos) << rapport;
        for (const std::string& col : cols) {
            EXPECT_NE(c.fond("Plan", col + "8"), kRouge) << col << "8";
            EXPECT_EQ(c.fond("Plan", col + "7"), fondsAvant[col + "7"]) << col << "7 after the fix";
            // Known defect (reported): the mark overwrites the line's own direct backgrounds and
            // unmarking cannot restore them; see VerifierPlanRestaureLesFonds.
        }
    }
}

// Known defect of verifierPlanFinancement: after mark + fix, the line's own backgrounds (yellow
// inputs, grey results) are not restored (transparent). Enable once the command saves them.
TEST_F(CommandesTest, VerifierPlanRestaureLesFonds) {
    Classeur c = Classeur::copieSansTitre(ECI_PLAN_EXEMPLE_ODS);
    std::map<std::string, sal_Int32> avant;
    for (const char* col : {"A", "C", "D", "H", "I", "L", "P", "Q"}) avant[col] = c.fond("Plan", std::string(col) + "8");
    const double l8 = c.valeur("Plan", "L8");
    c.cellule("Plan", "L8")->setValue(c.valeur("Plan", "H8"));
    rapportMenu(c, "VerifierPlanFinancement", {pv("Silencieux", uno::Any(true))});
    c.cellule("Plan", "L8")->setValue(l8);
    rapportMenu(c, "VerifierPlanFinancement", {pv("Silencieux", uno::Any(true))});
    for (const auto& [col, f] : avant) EXPECT_EQ(c.fond("Plan", col + "8"), f) << col << "8";
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
    const Plage u = c.plage("Candidatures", "U2:U201");
    const Plage ad = c.plage("Candidatures", "AD2:AD201"), ae = c.plage("Candidatures", "AE2:AE201");
    const Plage cc = c.plage("Candidatures", "C2:D201");
    // AD / AE are C / D where U is a number, else blank.
    std::size_t notes = 0;
    for (std::size_t l = 0; l < 200; ++l) {
        const bool numerique = std::holds_alternative<double>(u.at(l, 0));
        notes += numerique;
        EXPECT_EQ(ad.at(l, 0), numerique ? cc.at(l, 0) : Cellule(std::string())) << "AD" << l + 2;
        EXPECT_EQ(ae.at(l, 0), numerique ? cc.at(l, 1) : Cellule(std::string())) << "AE" << l + 2;
    }
    EXPECT_GE(notes, 20u);
    const Optionnel n = opt(c.argument("Paramètres", "D20")), smin = opt(c.argument("Paramètres", "D21"));
    const Plage sel = eci::calc::criteresSelection(u, ad, ae, n, smin);
    const Plage x = c.plage("Candidatures", "X2:X201");
    ASSERT_EQ(sel.lignes, 200u);
    double membres = 0;
    for (std::size_t l = 0; l < 200; ++l) {
        EXPECT_EQ(x.at(l, 0), sel.at(l, 0)) << "X" << l + 2;
        membres += nombre(sel.at(l, 0));
    }
    EXPECT_EQ(membres, c.valeur("Paramètres", "D20"));
    const double cout = eci::calc::criteresCoutPanel(u, ad, ae, n, smin);
    EXPECT_GT(cout, 0);
    EXPECT_DOUBLE_EQ(c.valeur("Synthèse", "F10"), cout);
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
    const Plage a = g.plage("Candidatures", "A2:N201");
    std::map<std::string, std::size_t> ligneDe;
    std::size_t remplies = 0;
    for (std::size_t l = 0; l < a.lignes; ++l) {
        if (a.at(l, 0) == Cellule(std::string())) continue;
        ++remplies;
        if (const std::string* e = std::get_if<std::string>(&a.at(l, 4))) {
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
        EXPECT_EQ(a.at(l, 0), Cellule(d.nom));
        EXPECT_EQ(a.at(l, 1), Cellule(d.departement));
        EXPECT_NEAR(nombre(a.at(l, 5)), f.pourcentage / 100, 1e-12);
        EXPECT_NEAR(nombre(a.at(l, 6)), f.potentiel, 1e-9);
        EXPECT_NEAR(nombre(a.at(l, 7)), f.fait, 1e-9);
        for (int k = 0; k < 5; ++k) EXPECT_NEAR(nombre(a.at(l, 8 + k)), f.axes[k] / 100, 1e-12) << "axe " << k + 1;
        EXPECT_EQ(nombre(a.at(l, 13)), f.etoiles);
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
        const Plage a = m.plage("Référentiel", "A7:A373");
        ASSERT_EQ(a.lignes, ids.lignes);
        for (std::size_t l = 0; l < a.lignes; ++l) ASSERT_EQ(a.at(l, 0), ids.at(l, 0)) << "A" << l + 7;
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
    uno::Reference<css::table::XColumnRowRange> crr(g.feuille("Candidatures")->getCellRangeByName("A2:A201"),
                                                    uno::UNO_QUERY_THROW);
    uno::Reference<css::table::XTableRows> rows = crr->getRows();
    const Plage a = g.plage("Candidatures", "A2:A201");
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
    const Plage t = g.plage("Candidatures", "A2:X201");
    std::set<std::size_t> tous, selection, rural, dep, score60;
    const std::string departement = std::get<std::string>(t.at(0, 1));
    for (std::size_t l = 0; l < t.lignes; ++l) {
        if (t.at(l, 0) == Cellule(std::string())) continue;
        tous.insert(l);
        if (nombre(t.at(l, 23)) == 1) selection.insert(l);
        if (eci::texte::plier(std::get<std::string>(t.at(l, 2))) == "rural") rural.insert(l);
        if (t.at(l, 1) == Cellule(departement)) dep.insert(l);
        if (const double* s = std::get_if<double>(&t.at(l, 20)); s && *s >= 60) score60.insert(l);
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
