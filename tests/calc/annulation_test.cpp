// « Commands never lose the user's work » (issue 13 item 6, docs/commandes.md): every command that
// changes a document is ONE undo step titled in French, one undo() gives the document back exactly and
// redo() the command's result; the import counts the statuses it would replace before doing it; the
// consolidation reports its progress « k / n classeurs » and stops between two workbooks, keeping the
// rows read so far, in one undo step. Headless, through the menu URLs (dispatch arguments: Remplacer,
// Progression = a status indicator of this test, ArreterApres = the cancellation after k workbooks).
//
// « Exactly »: every sheet's name, used area, formulas (getFormulaArray) and values/texts (getDataArray),
// the rows a filter hides (visible cells), the sheets' protection; for the financing plan also the
// backgrounds of its lines and the document properties the check writes.
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeFormula.hpp>
#include <com/sun/star/sheet/XCellRangesQuery.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableRows.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <com/sun/star/util/XProtectable.hpp>
#include <cppuhelper/implbase1.hxx>
#include <rtl/ref.hxx>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "classeur.hpp"
#include "eci/texte.hpp"
#include "fabrique_autodiagnostics.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

using namespace eci::test;
namespace fs = std::filesystem;

namespace {

namespace ref = dispo::autodiagnostic::referentiel;
namespace grille = dispo::candidatures::candidatures;
namespace plan = dispo::planFinancement::plan;

// ---- the document, exactly ------------------------------------------------------------------

struct EtatFeuille {
    std::string nom;
    css::table::CellRangeAddress zone;
    std::vector<std::string> formules;  // row by row, over the used area
    std::vector<std::string> valeurs;   // idem: "n:<number>" or "t:<text>"
    std::vector<std::string> visibles;  // visible cell ranges (a filter hides rows)
    bool protegee = false;
};

struct Etat {
    std::vector<EtatFeuille> feuilles;
    std::map<std::string, std::string> extra;  // backgrounds, document properties (per test)
};

std::string adresse(const css::table::CellRangeAddress& a) {
    return lettresColonne(a.StartColumn) + std::to_string(a.StartRow + 1) + ":" + lettresColonne(a.EndColumn) +
           std::to_string(a.EndRow + 1);
}

std::string enTexteAny(const uno::Any& a) {
    double d;
    ::rtl::OUString s;
    if (a >>= d) {
        std::ostringstream o;
        o.precision(17);
        o << d;
        return "n:" + o.str();
    }
    if (a >>= s) return "t:" + utf8(s);
    return "?";
}

Etat etat(const Classeur& c) {
    Etat e;
    uno::Reference<css::container::XIndexAccess> feuilles(c.document()->getSheets(), uno::UNO_QUERY_THROW);
    for (sal_Int32 i = 0; i < feuilles->getCount(); ++i) {
        uno::Reference<css::sheet::XSpreadsheet> f(feuilles->getByIndex(i), uno::UNO_QUERY_THROW);
        EtatFeuille ef;
        ef.nom = utf8(uno::Reference<css::container::XNamed>(f, uno::UNO_QUERY_THROW)->getName());
        uno::Reference<css::sheet::XSheetCellCursor> curseur = f->createCursor();
        uno::Reference<css::sheet::XUsedAreaCursor> zone(curseur, uno::UNO_QUERY_THROW);
        zone->gotoStartOfUsedArea(false);
        zone->gotoEndOfUsedArea(true);
        ef.zone = uno::Reference<css::sheet::XCellRangeAddressable>(curseur, uno::UNO_QUERY_THROW)->getRangeAddress();
        // From A1, so that a change of the used area's start shows too.
        uno::Reference<css::table::XCellRange> tout = f->getCellRangeByPosition(0, 0, ef.zone.EndColumn, ef.zone.EndRow);
        for (const auto& ligne : uno::Reference<css::sheet::XCellRangeFormula>(tout, uno::UNO_QUERY_THROW)->getFormulaArray())
            for (const ::rtl::OUString& s : ligne) ef.formules.push_back(utf8(s));
        for (const auto& ligne : uno::Reference<css::sheet::XCellRangeData>(tout, uno::UNO_QUERY_THROW)->getDataArray())
            for (const uno::Any& a : ligne) ef.valeurs.push_back(enTexteAny(a));
        for (const auto& a : uno::Reference<css::sheet::XCellRangesQuery>(tout, uno::UNO_QUERY_THROW)
                                 ->queryVisibleCells()
                                 ->getRangeAddresses())
            ef.visibles.push_back(adresse(a));
        ef.protegee = uno::Reference<css::util::XProtectable>(f, uno::UNO_QUERY_THROW)->isProtected();
        e.feuilles.push_back(std::move(ef));
    }
    return e;
}

// The differences between two states (empty: the same document), at most a few per sheet.
std::vector<std::string> differences(const Etat& a, const Etat& b) {
    std::vector<std::string> d;
    if (a.feuilles.size() != b.feuilles.size())
        d.push_back(std::to_string(a.feuilles.size()) + " sheets vs " + std::to_string(b.feuilles.size()));
    for (std::size_t i = 0; i < a.feuilles.size() && i < b.feuilles.size(); ++i) {
        const EtatFeuille &x = a.feuilles[i], &y = b.feuilles[i];
        if (x.nom != y.nom) d.push_back("sheet " + std::to_string(i) + ": « " + x.nom + " » vs « " + y.nom + " »");
        if (adresse(x.zone) != adresse(y.zone))
            d.push_back(x.nom + ": used area " + adresse(x.zone) + " vs " + adresse(y.zone));
        if (x.protegee != y.protegee) d.push_back(x.nom + ": protection");
        if (x.visibles != y.visibles) d.push_back(x.nom + ": visible cells (filter)");
        const std::size_t colonnes = static_cast<std::size_t>(x.zone.EndColumn) + 1;
        int montrees = 0;
        for (std::size_t k = 0; k < x.formules.size() && k < y.formules.size() && montrees < 5; ++k) {
            const bool f = x.formules[k] != y.formules[k], v = x.valeurs[k] != y.valeurs[k];
            if (!f && !v) continue;
            ++montrees;
            const std::string cel = x.nom + "." + lettresColonne(static_cast<int>(k % colonnes)) +
                                    std::to_string(k / colonnes + 1);
            d.push_back(cel + (f ? ": formula « " + x.formules[k] + " » vs « " + y.formules[k] + " »"
                                 : ": value " + x.valeurs[k] + " vs " + y.valeurs[k]));
        }
    }
    for (const auto& [k, v] : a.extra) {
        auto it = b.extra.find(k);
        if (it == b.extra.end() || it->second != v) d.push_back(k + ": " + v + " vs " + (it == b.extra.end() ? "<none>" : it->second));
    }
    for (const auto& [k, v] : b.extra)
        if (!a.extra.count(k)) d.push_back(k + ": <none> vs " + v);
    return d;
}

uno::Reference<css::document::XUndoManager> annulations(const Classeur& c) {
    return uno::Reference<css::document::XUndoManagerSupplier>(c.document(), uno::UNO_QUERY_THROW)->getUndoManager();
}

std::vector<std::string> titres(const Classeur& c) {
    std::vector<std::string> t;
    for (const ::rtl::OUString& s : annulations(c)->getAllUndoActionTitles()) t.push_back(utf8(s));
    return t;
}

// A workbook loaded as an untitled copy (after `preparer`), recalculated, with its state and undo titles
// before the command.
struct Depart {
    Classeur doc;
    Etat avant;
    std::vector<std::string> titresAvant;
};
Depart depart(const fs::path& classeur, const std::function<Etat(const Classeur&)>& lire = etat,
              const std::function<void(Classeur&)>& preparer = {}) {
    Classeur c = Classeur::copieSansTitre(classeur);
    if (preparer) preparer(c);
    c.recalculer();
    Etat avant = lire(c);
    std::vector<std::string> t = titres(c);
    return {std::move(c), std::move(avant), std::move(t)};
}

// The texts a status indicator receives from a consolidation of n workbooks stopped after k.
std::vector<std::string> textesConsolidation(int k, int n) {
    std::vector<std::string> t{"start:Consolider les candidatures"};
    for (int i = 0; i <= k; ++i) t.push_back(std::to_string(i) + " / " + std::to_string(n) + " classeurs");
    t.push_back("end");
    return t;
}

// After a command on d.doc: exactly one more undo step, titled `titre`; undo() gives d.avant back,
// redo() the state right after the command.
void verifierUneEtape(const Depart& d, const std::string& titre,
                      const std::function<Etat(const Classeur&)>& lireEtat = etat,
                      const std::string& inexactAuRetablissement = std::string()) {
    const Classeur& c = d.doc;
    const auto lire = [&] { return lireEtat(c); };
    const std::vector<std::string> t = titres(c);
    ASSERT_EQ(t.size(), d.titresAvant.size() + 1) << joindre(t);
    EXPECT_EQ(t.front(), titre) << "the newest undo step";
    EXPECT_EQ(utf8(annulations(c)->getCurrentUndoActionTitle()), titre);
    const Etat apres = lire();
    ASSERT_FALSE(differences(d.avant, apres).empty()) << "the command changed nothing: the test would prove nothing";
    annulations(c)->undo();
    EXPECT_EQ(titres(c), d.titresAvant);
    const std::vector<std::string> ecarts = differences(d.avant, lire());
    EXPECT_TRUE(ecarts.empty()) << "after undo: " << joindre(ecarts);
    annulations(c)->redo();
    Etat retabli = lire();
    // The entries named `inexactAuRetablissement…` are a known limitation (see the caller): not compared.
    for (auto& [cle, valeur] : retabli.extra)
        if (!inexactAuRetablissement.empty() && cle.rfind(inexactAuRetablissement, 0) == 0 && apres.extra.count(cle))
            valeur = apres.extra.at(cle);
    const std::vector<std::string> r = differences(apres, retabli);
    EXPECT_TRUE(r.empty()) << "after redo: " << joindre(r);
    EXPECT_EQ(titres(c).size(), d.titresAvant.size() + 1);
}

// A status indicator of the test: records the texts the command shows.
class IndicateurTest : public ::cppu::WeakImplHelper1<css::task::XStatusIndicator> {
public:
    void SAL_CALL start(const ::rtl::OUString& t, sal_Int32) override { ajouter("start:" + utf8(t)); }
    void SAL_CALL end() override { ajouter("end"); }
    void SAL_CALL setText(const ::rtl::OUString& t) override { ajouter(utf8(t)); }
    void SAL_CALL setValue(sal_Int32) override {}
    void SAL_CALL reset() override {}
    std::vector<std::string> textes() {
        std::lock_guard<std::mutex> l(m_);
        return textes_;
    }

private:
    void ajouter(const std::string& s) {
        std::lock_guard<std::mutex> l(m_);
        textes_.push_back(s);
    }
    std::mutex m_;
    std::vector<std::string> textes_;
};

class AnnulationTest : public CalcTest {};

// ---- import -----------------------------------------------------------------------------------

// A platform export (the platform's template) with a few statuses, one of them for `idVide` (a row
// whose status is empty in the autodiagnostic: its undo must empty it again), stored as .xlsx.
fs::path fabriquerExport(const fs::path& dossier, const std::string& idVide) {
    ExportModele modele(ECI_EXPORT_PLATEFORME);
    for (const auto& [id, statut] : std::map<std::string, std::string>{{"1.1.1.1", "Fait"},
                                                                        {"1.1.1.2", "Programmé"},
                                                                        {"1.1.1.3", "Pas fait"},
                                                                        {"2.1.1.2", "Non concerné"},
                                                                        {idVide, "Fait"}})
        EXPECT_GE(modele.ecrireStatut(id, statut), 0) << id;
    const fs::path xlsx = dossier / "export.xlsx";
    modele.classeur.exporter(xlsx, "Calc MS Excel 2007 XML");
    return xlsx;
}

TEST_F(AnnulationTest, ImporterUneEtapeEtQuestionAvantDeRemplacer) {
    DossierTemp dossier;
    Depart d = depart(ECI_AUTODIAG_EXEMPLE_ODS);
    Classeur& c = d.doc;
    const eci::calc::Plage statutsAvant = c.plage(kFeuilleRef, plageRef(ref::colonneStatut));
    // The last tâche (four-level N°) of the example without a status.
    const eci::calc::Plage ids = c.plage(kFeuilleRef, plageRef(ref::colonneId));
    std::string idVide;
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const std::string id = enTexte(ids.at(l, 0));
        if (std::count(id.begin(), id.end(), '.') == 3 && enTexte(statutsAvant.at(l, 0)).empty()) idVide = id;
    }
    ASSERT_FALSE(idVide.empty()) << "the example has a status for every tâche";
    const fs::path exportXlsx = fabriquerExport(dossier.chemin, idVide);
    const uno::Any fichier(ou(exportXlsx.string()));

    // 1. Remplacer = false: the import says how many statuses entered would change and does nothing.
    const std::string refus = rapportMenu(c, "ImporterExport", {pv("Fichier", fichier), pv("Remplacer", uno::Any(false))});
    std::smatch m;
    ASSERT_TRUE(std::regex_search(refus, m, std::regex("Import non fait : ([0-9]+) statuts? déjà saisis? ser")))
        << refus;
    const std::size_t annonces = std::stoul(m[1].str());
    EXPECT_TRUE(differences(d.avant, etat(c)).empty()) << joindre(differences(d.avant, etat(c)));
    EXPECT_EQ(titres(c), d.titresAvant) << "no undo step when nothing was done";

    // 2. Cancelled before writing (the test hook after 2 of the 3 steps: read, match, write): nothing
    //    changed, no undo step; the progress texts went to the test's status indicator.
    rtl::Reference<IndicateurTest> indicateur(new IndicateurTest);
    const std::string arret = rapportMenu(
        c, "ImporterExport",
        {pv("Fichier", fichier), pv("ArreterApres", uno::Any(sal_Int32(2))),
         pv("Progression", uno::Any(uno::Reference<css::task::XStatusIndicator>(indicateur.get())))});
    EXPECT_NE(arret.find("Import arrêté"), std::string::npos) << arret;
    EXPECT_EQ(indicateur->textes(),
              (std::vector<std::string>{"start:Importer un export", "0 / 3 étapes", "Lecture de l'export…",
                                        "1 / 3 étapes", "Rapprochement des lignes…", "2 / 3 étapes", "end"}));
    EXPECT_TRUE(differences(d.avant, etat(c)).empty());
    EXPECT_EQ(titres(c), d.titresAvant);

    // 3. Headless default (the behaviour so far): replaces, in one undo step.
    const std::string rapport = rapportMenu(c, "ImporterExport", {pv("Fichier", fichier)});
    EXPECT_NE(rapport.find("Import terminé"), std::string::npos) << rapport;
    // The count announced is the number of statuses entered that the import did change.
    const eci::calc::Plage statutsApres = c.plage(kFeuilleRef, plageRef(ref::colonneStatut));
    std::size_t changes = 0;
    for (std::size_t l = 0; l < statutsAvant.lignes; ++l) {
        const std::string a(eci::texte::rogner(enTexte(statutsAvant.at(l, 0))));
        if (!a.empty() && eci::texte::plier(a) != eci::texte::plier(enTexte(statutsApres.at(l, 0)))) ++changes;
    }
    EXPECT_GT(changes, 0u) << "the example's statuses must be replaced for the question to matter";
    EXPECT_EQ(annonces, changes);
    verifierUneEtape(d, "Importer un export");
}

// ---- consolidation ------------------------------------------------------------------------------

TEST_F(AnnulationTest, ConsoliderUneEtapeProgressionEtArret) {
    DossierTemp dossier;
    const int n = 5, k = 2;
    const auto autodiags = fabrique::fabriquer(ECI_AUTODIAG_ODS, dossier.chemin, n, 20261206u);
    const uno::Any chemin(ou(dossier.chemin.string()));
    const std::string colonneFichiers = colonneGrille(grille::colonneFichier);
    auto fichiersDeLaGrille = [&](const Classeur& g) {
        std::set<std::string> s;
        for (const Row& r : g.valeurs(kFeuilleCandidatures, colonneFichiers))
            if (const std::string* t = std::get_if<std::string>(&r[0])) s.insert(*t);
        return s;
    };
    // The folder through the menu URL, the progress texts to `indicateur`.
    auto consolider = [&](const Classeur& g, IndicateurTest& indicateur, Proprietes args) {
        args.push_back(pv("Dossier", chemin));
        args.push_back(pv("Progression", uno::Any(uno::Reference<css::task::XStatusIndicator>(&indicateur))));
        return rapportMenu(g, "ConsoliderCandidatures", args);
    };
    {
        SCOPED_TRACE("whole folder, on the example grid");
        Depart d = depart(ECI_CANDIDATURES_EXEMPLE_ODS);
        rtl::Reference<IndicateurTest> indicateur(new IndicateurTest);
        const std::string rapport = consolider(d.doc, *indicateur, {});
        EXPECT_NE(rapport.find(std::to_string(n) + " autodiagnostic(s) lu(s)"), std::string::npos) << rapport;
        EXPECT_EQ(indicateur->textes(), textesConsolidation(n, n));
        verifierUneEtape(d, "Consolider les candidatures");
    }
    {
        SCOPED_TRACE("cancelled after k workbooks, on the template");
        Depart d = depart(ECI_CANDIDATURES_ODS);
        Classeur& g = d.doc;
        rtl::Reference<IndicateurTest> indicateur(new IndicateurTest);
        const std::string rapport = consolider(g, *indicateur, {pv("ArreterApres", uno::Any(sal_Int32(k)))});
        SCOPED_TRACE(rapport);
        EXPECT_NE(rapport.find("arrêtée à " + std::to_string(k) + " / " + std::to_string(n) + " classeurs"),
                  std::string::npos);
        // Exactly the first k workbooks (by name), each on one row with its library figures.
        std::set<std::string> attendus;
        for (int i = 0; i < k; ++i) attendus.insert(autodiags[static_cast<std::size_t>(i)].fichier.filename().string());
        EXPECT_EQ(fichiersDeLaGrille(g), attendus);
        const eci::calc::Plage ids = fabrique::identifiants();
        const eci::calc::Plage lignes = g.plage(kFeuilleCandidatures, colonneGrille(grille::colonneCollectivite, grille::colonneEtoiles));
        std::size_t remplies = 0;
        for (std::size_t l = 0; l < lignes.lignes; ++l) {
            const std::string fichier = enTexte(lignes.at(l, grille::colonneUnoFichier));
            if (fichier.empty()) continue;
            ++remplies;
            for (const auto& d : autodiags)
                if (d.fichier.filename().string() == fichier) {
                    EXPECT_EQ(enTexte(lignes.at(l, grille::colonneUnoCollectivite)), d.nom);
                    EXPECT_NEAR(std::get<double>(lignes.at(l, grille::colonneUnoFait)), fabrique::figures(ids, d).fait, 1e-9);
                }
        }
        EXPECT_EQ(remplies, static_cast<std::size_t>(k));
        EXPECT_EQ(indicateur->textes(), textesConsolidation(k, n));
        verifierUneEtape(d, "Consolider les candidatures");
    }
}

// ---- filter, financing plan, failure ---------------------------------------------------------------

TEST_F(AnnulationTest, FiltrerUneEtape) {
    Depart d = depart(ECI_CANDIDATURES_EXEMPLE_ODS);
    Classeur& g = d.doc;
    rapportMenu(g, "FiltrerCandidatures", {pv("Critere", uno::Any(ou("selection")))});
    verifierUneEtape(d, "Filtrer les candidatures");
}

// The plan's lines (backgrounds, row heights) and the check's document properties, besides the cells.
Etat etatPlan(const Classeur& c) {
    Etat e = etat(c);
    for (int r = plan::ligneFeuillePremiere; r <= plan::ligneFeuillePremiere + 3; ++r) {
        for (int col = plan::colonneUnoLigne; col <= plan::colonneUnoStatut; ++col) {
            const std::string cel = lettresColonne(col) + std::to_string(r);
            e.extra["fond " + cel] = std::to_string(c.fond(kFeuillePlan, cel));
        }
        uno::Reference<css::table::XColumnRowRange> ligne(
            c.feuille(kFeuillePlan)->getCellRangeByName(ou(cellule(plan::colonneLigne, r))), uno::UNO_QUERY_THROW);
        sal_Int32 hauteur = 0;
        bool optimale = false;
        uno::Reference<css::beans::XPropertySet> rangee(ligne->getRows()->getByIndex(0), uno::UNO_QUERY_THROW);
        rangee->getPropertyValue("Height") >>= hauteur;
        rangee->getPropertyValue("OptimalHeight") >>= optimale;
        e.extra["hauteur ligne " + std::to_string(r)] = std::to_string(hauteur) + (optimale ? " optimale" : "");
    }
    uno::Reference<css::beans::XPropertySet> ps(
        uno::Reference<css::document::XDocumentPropertiesSupplier>(c.document(), uno::UNO_QUERY_THROW)
            ->getDocumentProperties()
            ->getUserDefinedProperties(),
        uno::UNO_QUERY_THROW);
    for (const css::beans::Property& p : ps->getPropertySetInfo()->getProperties()) {
        ::rtl::OUString v;
        ps->getPropertyValue(p.Name) >>= v;
        e.extra["propriété " + utf8(p.Name)] = utf8(v);
    }
    return e;
}

TEST_F(AnnulationTest, VerifierLePlanUneEtape) {
    // Over-financing of the accompagnement line: the check marks it.
    Depart d = depart(ECI_PLAN_EXEMPLE_ODS, etatPlan, [](Classeur& p) {
        const std::string A = std::to_string(kAccompagnement);
        p.cellule(kFeuillePlan, plan::colonneAutres + A)->setValue(p.valeur(kFeuillePlan, plan::colonneHtr + A) + 1000);
    });
    Classeur& c = d.doc;
    const std::string rapport = rapportMenu(c, "VerifierPlanFinancement", {pv("Silencieux", uno::Any(true))});
    EXPECT_NE(rapport.find("1 ligne(s) à revoir"), std::string::npos) << rapport;
    // Known limitation (docs/commandes.md §1): Calc redoes an optimal row height through the active view,
    // none headless: after redo the marked line keeps its previous height. Undo is exact.
    verifierUneEtape(d, "Vérifier le plan de financement", etatPlan, "hauteur ");
}

TEST_F(AnnulationTest, CommandeEnEchecNeLaissePasDEtape) {
    Depart d = depart(ECI_CANDIDATURES_EXEMPLE_ODS);
    Classeur& g = d.doc;
    const Resultat r = executer(g, "FiltrerCandidatures", {pv("Critere", uno::Any(ou("couleur")))});
    EXPECT_NE(r.etat, css::frame::DispatchResultState::SUCCESS);
    EXPECT_NE(r.rapport.find("Critère de filtre inconnu"), std::string::npos) << r.rapport;
    EXPECT_EQ(titres(g), d.titresAvant);
    EXPECT_TRUE(differences(d.avant, etat(g)).empty());
}

}  // namespace
