// Documents and « Économie circulaire » commands for the headless-Calc tests (shared by
// classeur_test.cpp, commandes_test.cpp, fichiers_hostiles_test.cpp, fabrique_autodiagnostics.hpp and
// bench/soak.cpp).
//
//   Classeur   a spreadsheet document loaded hidden in Office::instance() (closed, never stored, by
//              its destructor): Classeur::ouvrir(file, extra properties) loads the file itself,
//              Classeur::copieSansTitre(file) a new untitled copy of it (AsTemplate: no lock file, the
//              file is never written), Classeur::nouveau() a blank document. Cells are named by sheet
//              name and cell name ("Référentiel", "J7"); donneesBrutes() is the UNO data array,
//              plage() the same range as Calc passes it to the add-in (eci::calc::Plage).
//   layout     the workbooks' cells come from eci/disposition.hpp (generated from
//              spreadsheets/disposition.json; `dispo` below): cellule / plage build "J7" / "A7:A373"
//              names from its columns and rows; the autodiagnostic's sheet names and Synthèse totals;
//              and ExportModele: the platform's export template with its rows by N°, to write statuses into.
//   commands   executer(document, "ImporterExport", args) dispatches fr.ademe.eci.commandes:<command>
//              on the document's frame as the menu does (state, report, duration);
//              nouveauParMenu / nouveauParMacro run a « Nouveau … » command (menu URL / Basic);
//              appelerMacro / rapportMacro call EconomieCirculaire.Commandes.<name> (Basic).
// The tests drive the commands as users do: this client does not know the extension's UNO types.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/frame/DispatchHelper.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/script/provider/XScript.hpp>
#include <com/sun/star/script/provider/XScriptProvider.hpp>
#include <com/sun/star/script/provider/XScriptProviderFactory.hpp>
#include <com/sun/star/sheet/FormulaResult.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangesQuery.hpp>
#include <com/sun/star/sheet/XSheetCellRanges.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/util/XCloseable.hpp>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "eci/calc/fonctions.hpp"
#include "eci/disposition.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

namespace eci::test {

// ---- values ----------------------------------------------------------------------------------

// A UNO cell value as Calc passes it to the add-in inside a range: numbers as doubles, text as
// text, anything else (an empty cell) as "".
inline eci::calc::Cellule versCellule(const uno::Any& a) {
    double d;
    ::rtl::OUString s;
    if (a >>= d) return d;
    if (a >>= s) return utf8(s);
    return std::string();
}

inline eci::calc::Plage versPlage(const uno::Sequence<uno::Sequence<uno::Any>>& data) {
    eci::calc::Plage p(static_cast<std::size_t>(data.getLength()),
                       data.getLength() ? static_cast<std::size_t>(data[0].getLength()) : 0);
    for (sal_Int32 l = 0; l < data.getLength(); ++l)
        for (sal_Int32 c = 0; c < data[l].getLength(); ++c)
            p.at(static_cast<std::size_t>(l), static_cast<std::size_t>(c)) = versCellule(data[l][c]);
    return p;
}

// A value as text: text as is, a number as an ostream writes it ("1", "0.5"), otherwise "".
inline std::string enTexte(const eci::calc::Cellule& c) {
    if (const std::string* s = std::get_if<std::string>(&c)) return *s;
    if (const double* d = std::get_if<double>(&c)) {
        std::ostringstream o;
        o << *d;
        return o.str();
    }
    return std::string();
}

// "a, b, c" (for failure messages).
inline std::string joindre(const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
}

// Enters a text into a cell (as text: "1.1" stays the text 1.1).
inline void ecrireTexte(const uno::Reference<css::table::XCell>& cellule, const std::string& t) {
    uno::Reference<css::text::XTextRange>(cellule, uno::UNO_QUERY_THROW)->setString(ou(t));
}

// ---- documents -------------------------------------------------------------------------------

// Closes a document without storing it (close(true), else dispose); errors are ignored.
inline void fermerDocument(const uno::Reference<css::lang::XComponent>& c) {
    try {
        uno::Reference<css::util::XCloseable> f(c, uno::UNO_QUERY);
        if (f.is()) f->close(true);
        else if (c.is()) c->dispose();
    } catch (const uno::Exception&) {
    }
}

// The frame of a loaded document (its current controller's).
inline uno::Reference<css::frame::XFrame> cadreDe(const uno::Reference<uno::XInterface>& document) {
    return uno::Reference<css::frame::XModel>(document, uno::UNO_QUERY_THROW)->getCurrentController()->getFrame();
}

// A spreadsheet document loaded by the test, closed (never stored) by the destructor.
class Classeur {
public:
    explicit Classeur(uno::Reference<css::lang::XComponent> c) : comp_(std::move(c)) {
        doc_.set(comp_, uno::UNO_QUERY_THROW);
    }
    // Loads a file hidden, in place; `extra` is appended to the load arguments (ReadOnly,
    // MacroExecutionMode, ...).
    static Classeur ouvrir(const std::filesystem::path& p, const Proprietes& extra = {}) {
        Proprietes args{pv("Hidden", uno::Any(true))};
        args.insert(args.end(), extra.begin(), extra.end());
        uno::Reference<css::lang::XComponent> c(
            Office::instance().desktop()->loadComponentFromURL(ou(urlDe(p)), "_blank", 0, seq(args)), uno::UNO_QUERY);
        if (!c.is()) throw std::runtime_error("could not open " + p.string());
        return Classeur(c);
    }
    // Loads a file hidden as a new untitled copy (AsTemplate): no lock file, the file is never written.
    static Classeur copieSansTitre(const std::filesystem::path& p) {
        return ouvrir(p, {pv("AsTemplate", uno::Any(true))});
    }
    // A new blank spreadsheet document, hidden.
    static Classeur nouveau() {
        Office::instance().ensureRunning();
        uno::Reference<css::lang::XComponent> c(
            Office::instance().desktop()->loadComponentFromURL("private:factory/scalc", "_blank", 0,
                                                               seq(Proprietes{pv("Hidden", uno::Any(true))})),
            uno::UNO_QUERY_THROW);
        return Classeur(c);
    }
    Classeur(Classeur&& o) noexcept : comp_(std::move(o.comp_)), doc_(std::move(o.doc_)) {
        o.comp_.clear();
        o.doc_.clear();
    }
    Classeur(const Classeur&) = delete;
    Classeur& operator=(const Classeur&) = delete;
    ~Classeur() { fermer(); }
    void fermer() {
        fermerDocument(comp_);
        comp_.clear();
        doc_.clear();
    }

    uno::Reference<css::lang::XComponent> composant() const { return comp_; }
    uno::Reference<css::sheet::XSpreadsheetDocument> document() const { return doc_; }
    uno::Reference<css::frame::XFrame> cadre() const { return cadreDe(doc_); }

    // ---- sheets and cells
    bool aFeuille(const std::string& nom) const {
        return uno::Reference<css::container::XNameAccess>(doc_->getSheets(), uno::UNO_QUERY_THROW)->hasByName(ou(nom));
    }
    std::size_t nombreDeFeuilles() const {
        return static_cast<std::size_t>(
            uno::Reference<css::container::XIndexAccess>(doc_->getSheets(), uno::UNO_QUERY_THROW)->getCount());
    }
    uno::Reference<css::sheet::XSpreadsheet> feuille(const std::string& nom) const {
        uno::Reference<css::container::XNameAccess> f(doc_->getSheets(), uno::UNO_QUERY_THROW);
        return uno::Reference<css::sheet::XSpreadsheet>(f->getByName(ou(nom)), uno::UNO_QUERY_THROW);
    }
    uno::Reference<css::sheet::XSpreadsheet> premiereFeuille() const {
        uno::Reference<css::container::XIndexAccess> f(doc_->getSheets(), uno::UNO_QUERY_THROW);
        return uno::Reference<css::sheet::XSpreadsheet>(f->getByIndex(0), uno::UNO_QUERY_THROW);
    }
    uno::Reference<css::table::XCell> cellule(const std::string& f, const std::string& c) const {
        return feuille(f)->getCellRangeByName(ou(c))->getCellByPosition(0, 0);
    }
    double valeur(const std::string& f, const std::string& c) const { return cellule(f, c)->getValue(); }
    int erreur(const std::string& f, const std::string& c) const { return cellule(f, c)->getError(); }
    // The cell's displayed text.
    std::string texte(const std::string& f, const std::string& c) const {
        return utf8(uno::Reference<css::text::XTextRange>(cellule(f, c), uno::UNO_QUERY_THROW)->getString());
    }
    void ecrireTexte(const std::string& f, const std::string& c, const std::string& t) const {
        eci::test::ecrireTexte(cellule(f, c), t);
    }
    // Background colour (CellBackColor).
    sal_Int32 fond(const std::string& f, const std::string& c) const {
        sal_Int32 v = 0;
        uno::Reference<css::beans::XPropertySet>(cellule(f, c), uno::UNO_QUERY_THROW)->getPropertyValue("CellBackColor") >>= v;
        return v;
    }

    // ---- ranges
    // The UNO data array (double, text; empty cells as empty text).
    uno::Sequence<uno::Sequence<uno::Any>> donneesBrutes(const std::string& f, const std::string& plage) const {
        return uno::Reference<css::sheet::XCellRangeData>(feuille(f)->getCellRangeByName(ou(plage)),
                                                          uno::UNO_QUERY_THROW)
            ->getDataArray();
    }
    // The range as Calc passes it to the add-in (versPlage).
    eci::calc::Plage plage(const std::string& f, const std::string& plage) const {
        return versPlage(donneesBrutes(f, plage));
    }
    // A single cell as Calc passes it inside a range: number, text ("" for an empty cell).
    eci::calc::Cellule argument(const std::string& f, const std::string& c) const { return plage(f, c).at(0, 0); }
    // The range as rows of Value (Blank for empty cells and empty text).
    std::vector<Row> valeurs(const std::string& f, const std::string& plage) const {
        std::vector<Row> out;
        for (const auto& r : donneesBrutes(f, plage)) {
            Row row;
            for (const uno::Any& a : r) {
                double d;
                ::rtl::OUString s;
                if (a >>= d) row.emplace_back(d);
                else if ((a >>= s) && !s.isEmpty()) row.emplace_back(utf8(s));
                else row.emplace_back(Blank{});
            }
            out.push_back(std::move(row));
        }
        return out;
    }

    // ---- document
    void recalculer() const { uno::Reference<css::sheet::XCalculatable>(doc_, uno::UNO_QUERY_THROW)->calculateAll(); }
    // Every formula range whose result is an error, as "Sheet!C<col>R<row>:C<col>R<row>" (columns
    // 0-based, rows 1-based).
    std::vector<std::string> cellulesEnErreur() const {
        std::vector<std::string> out;
        uno::Reference<css::container::XIndexAccess> feuilles(doc_->getSheets(), uno::UNO_QUERY_THROW);
        const uno::Sequence<::rtl::OUString> noms =
            uno::Reference<css::container::XNameAccess>(doc_->getSheets(), uno::UNO_QUERY_THROW)->getElementNames();
        for (sal_Int32 i = 0; i < feuilles->getCount(); ++i) {
            uno::Reference<css::sheet::XCellRangesQuery> q(feuilles->getByIndex(i), uno::UNO_QUERY_THROW);
            for (const css::table::CellRangeAddress& a :
                 q->queryFormulaCells(css::sheet::FormulaResult::ERROR)->getRangeAddresses())
                out.push_back(utf8(noms[i]) + "!C" + std::to_string(a.StartColumn) + "R" +
                              std::to_string(a.StartRow + 1) + ":C" + std::to_string(a.EndColumn) + "R" +
                              std::to_string(a.EndRow + 1));
        }
        return out;
    }
    // storeToURL with a filter (the document keeps its own location).
    void exporter(const std::filesystem::path& p, const std::string& filtre, const Proprietes& extra = {}) const {
        Proprietes args{pv("FilterName", uno::Any(ou(filtre)))};
        args.insert(args.end(), extra.begin(), extra.end());
        uno::Reference<css::frame::XStorable>(doc_, uno::UNO_QUERY_THROW)->storeToURL(ou(urlDe(p)), seq(args));
    }
    // A copy as .ods (calc8).
    void enregistrer(const std::filesystem::path& p, const Proprietes& extra = {}) const { exporter(p, "calc8", extra); }

private:
    uno::Reference<css::lang::XComponent> comp_;
    uno::Reference<css::sheet::XSpreadsheetDocument> doc_;
};

// ---- the workbooks' layout (spreadsheets/disposition.json) and the platform's export -----------

namespace dispo = eci::disposition;

// The letters of a 0-based column index: 0 -> "A", 28 -> "AC".
inline std::string lettresColonne(int index) {
    std::string s;
    for (int n = index + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
}
// A cell name from a column's letters and a sheet row (1-based): cellule("J", 7) = "J7".
inline std::string cellule(const std::string& colonne, int ligneFeuille) {
    return colonne + std::to_string(ligneFeuille);
}
// A range name: plage("A", 7, "A", 373) = "A7:A373".
inline std::string plage(const std::string& c0, int l0, const std::string& c1, int l1) {
    return cellule(c0, l0) + ":" + cellule(c1, l1);
}

inline constexpr const char* kFeuilleRef = dispo::autodiagnostic::feuilleReferentiel;
inline constexpr const char* kFeuilleSynthese = dispo::autodiagnostic::feuilleSynthese;
inline constexpr const char* kFeuilleCollectivite = dispo::autodiagnostic::feuilleCollectivite;
inline constexpr const char* kFeuilleCandidatures = dispo::candidatures::feuilleCandidatures;
// The node rows of Référentiel (1-based; the last one depends on the référentiel).
inline constexpr int kPremiereLigneRef = dispo::autodiagnostic::referentiel::ligneFeuillePremiere;
inline constexpr int kDerniereLigneRef = dispo::autodiagnostic::referentiel::ligneFeuilleDerniere;
// A column of the Référentiel node rows: plageRef("J") = "J7:J373", plageRef("L", "N") = "L7:N373".
inline std::string plageRef(const std::string& c0, const std::string& c1 = std::string()) {
    return plage(c0, kPremiereLigneRef, c1.empty() ? c0 : c1, kDerniereLigneRef);
}
// The inputs of an autodiagnostic read out of the document: the ECI.EVALUER arguments.
struct Entrees {
    eci::calc::Plage ids, statuts, details, contexte;
};
inline Entrees lireEntrees(const Classeur& c) {
    namespace r = dispo::autodiagnostic::referentiel;
    return {c.plage(kFeuilleRef, plageRef(r::colonneId)), c.plage(kFeuilleRef, plageRef(r::colonneStatut)),
            c.plage(kFeuilleRef, plageRef(r::colonnePartFaite, r::colonnePartPasFaite)),
            c.plage(kFeuilleCollectivite, dispo::autodiagnostic::collectivite::plageContexte)};
}
// The autodiagnostic's totals on Synthèse (row TOTAL): potentiel, points faits, ...
namespace synthese {
namespace s = dispo::autodiagnostic::synthese;
inline const std::string kPotentiel = cellule(s::colonnePotentiel, s::ligneFeuilleTotal);
inline const std::string kFait = cellule(s::colonneFait, s::ligneFeuilleTotal);
inline const std::string kProgramme = cellule(s::colonneProgramme, s::ligneFeuilleTotal);
inline const std::string kPasFait = cellule(s::colonnePasFait, s::ligneFeuilleTotal);
inline const std::string kNonRenseigne = cellule(s::colonneNonRenseigne, s::ligneFeuilleTotal);
inline const std::string kPourcentage = cellule(s::colonnePourcentageFait, s::ligneFeuilleTotal);
}  // namespace synthese

// The financing plan: its sheets and its two lines (diagnostic, accompagnement; the Total row follows).
inline constexpr const char* kFeuillePlan = dispo::planFinancement::feuillePlan;
inline constexpr const char* kFeuilleParametresPlan = dispo::planFinancement::feuilleParametres;
inline constexpr int kDiagnostic = dispo::planFinancement::plan::ligneFeuillePremiere;
inline constexpr int kAccompagnement = kDiagnostic + 1;
// The candidates grid: its Paramètres sheet, and a column of its candidates' rows (2..201):
// colonneGrille("U") = "U2:U201", colonneGrille("A", "N") = "A2:N201".
inline constexpr const char* kFeuilleParametresGrille = dispo::candidatures::feuilleParametres;
inline std::string colonneGrille(const std::string& c0, const std::string& c1 = std::string()) {
    namespace g = dispo::candidatures::candidatures;
    return plage(c0, g::ligneFeuillePremiere, c1.empty() ? c0 : c1, g::ligneFeuilleDerniere);
}
inline constexpr std::size_t kLignesGrille =
    dispo::candidatures::candidatures::ligneFeuilleDerniere - dispo::candidatures::candidatures::ligneFeuillePremiere + 1;

// The platform's export template (tests/data/export-plateforme-eci.xlsx) loaded as an untitled
// copy (the template is never written), its node rows found by N°, to write statuses into and
// store elsewhere (Classeur::exporter / enregistrer).
struct ExportModele {
    static constexpr sal_Int32 kPremiereLigne = 6;  // 0-based row of the first node
    static constexpr sal_Int32 kColonneStatut = 9;  // J

    Classeur classeur;
    uno::Reference<css::sheet::XSpreadsheet> feuille;
    std::map<std::string, sal_Int32> ligneDe;  // N° -> 0-based row
    sal_Int32 derniereLigne = 0;               // of the last node

    explicit ExportModele(const std::filesystem::path& modele)
        : classeur(Classeur::copieSansTitre(modele)), feuille(classeur.premiereFeuille()) {
        const auto a = uno::Reference<css::sheet::XCellRangeData>(feuille->getCellRangeByPosition(0, 0, 0, 499),
                                                                  uno::UNO_QUERY_THROW)
                           ->getDataArray();
        for (sal_Int32 l = kPremiereLigne; l < a.getLength(); ++l) {
            const std::string id = enTexte(versCellule(a[l][0]));
            if (id.empty()) continue;
            ligneDe.emplace(id, l);
            derniereLigne = l;
        }
    }

    // Writes a status (the platform's spelling) in column J of the node's row: that row, or -1 when
    // the template has no such N°.
    sal_Int32 ecrireStatut(const std::string& id, const std::string& texte) const {
        const auto it = ligneDe.find(id);
        if (it == ligneDe.end()) return -1;
        ecrireTexte(feuille->getCellByPosition(kColonneStatut, it->second), texte);
        return it->second;
    }
};

// ---- commands --------------------------------------------------------------------------------

inline constexpr const char* kProtocoleCommandes = "fr.ademe.eci.commandes:";

// What a dispatched command gave back.
struct Resultat {
    sal_Int16 etat = -1;  // DispatchResultState (-1: no DispatchResultEvent)
    uno::Any valeur;      // DispatchResultEvent::Result (a document, a report, ...)
    std::string rapport;  // the result when it is a text
    double secondes = 0;  // duration of the (synchronous) dispatch
};

// Dispatches fr.ademe.eci.commandes:<commande> (e.g. "ImporterExport", "FiltrerCandidatures?critere=aucun")
// on a frame through DispatchHelper, as the menu does.
inline Resultat executer(const uno::Reference<css::frame::XFrame>& cadre, const std::string& commande,
                         const Proprietes& args) {
    Resultat r;
    const auto t0 = std::chrono::steady_clock::now();
    uno::Reference<css::frame::XDispatchHelper> dh = css::frame::DispatchHelper::create(Office::instance().context());
    uno::Reference<css::frame::XDispatchProvider> dp(cadre, uno::UNO_QUERY_THROW);
    const uno::Any a = dh->executeDispatch(dp, ou(kProtocoleCommandes + commande), "", 0, seq(args));
    css::frame::DispatchResultEvent ev;
    if (a >>= ev) {
        r.etat = ev.State;
        r.valeur = ev.Result;
        ::rtl::OUString s;
        if (r.valeur >>= s) r.rapport = utf8(s);
    } else {
        ADD_FAILURE() << "dispatch of " << commande << " returned no DispatchResultEvent";
    }
    r.secondes = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

inline Resultat executer(const Classeur& c, const std::string& commande, const Proprietes& args) {
    return executer(c.cadre(), commande, args);
}

// The report of a command that must succeed.
inline std::string rapportMenu(const Classeur& c, const std::string& commande, const Proprietes& args) {
    const Resultat r = executer(c, commande, args);
    EXPECT_EQ(r.etat, css::frame::DispatchResultState::SUCCESS) << commande << ": " << r.rapport;
    return r.rapport;
}

// « Nouveau … » (NouvelAutodiagnostic, NouveauPlanFinancement, ...) by the menu URL, hidden
// (Cache = true), dispatched on the frame of a blank hidden document.
inline Classeur nouveauParMenu(const std::string& commande) {
    Sheet vierge;
    const Resultat r = executer(cadreDe(vierge.document()), commande, {pv("Cache", uno::Any(true))});
    EXPECT_EQ(r.etat, css::frame::DispatchResultState::SUCCESS);
    uno::Reference<css::lang::XComponent> doc(r.valeur, uno::UNO_QUERY);
    if (!doc.is()) throw std::runtime_error(commande + " (menu URL) returned no document");
    return Classeur(doc);
}

// The Basic macro EconomieCirculaire.Commandes.<nom> (application library of the extension).
inline uno::Reference<css::script::provider::XScript> macro(const std::string& nom) {
    uno::Reference<css::script::provider::XScriptProviderFactory> f(
        Office::instance().createInstance("com.sun.star.script.provider.MasterScriptProviderFactory"),
        uno::UNO_QUERY_THROW);
    uno::Reference<css::script::provider::XScriptProvider> p(f->createScriptProvider(uno::Any(::rtl::OUString())),
                                                             uno::UNO_QUERY_THROW);
    return p->getScript(
        ou("vnd.sun.star.script:EconomieCirculaire.Commandes." + nom + "?language=Basic&location=application"));
}

inline uno::Any appelerMacro(const std::string& nom, const std::vector<uno::Any>& args) {
    uno::Sequence<sal_Int16> idx;
    uno::Sequence<uno::Any> sorties;
    return macro(nom)->invoke(seq(args), idx, sorties);
}

// « Nouveau … » by its Basic entry point, hidden (argument True).
inline Classeur nouveauParMacro(const std::string& nom) {
    uno::Reference<css::lang::XComponent> doc(appelerMacro(nom, {uno::Any(true)}), uno::UNO_QUERY);
    if (!doc.is()) throw std::runtime_error("Basic " + nom + "(True) returned no document");
    return Classeur(doc);
}

// The report (text) a Basic entry point returns.
inline std::string rapportMacro(const std::string& nom, const std::vector<uno::Any>& args) {
    ::rtl::OUString s;
    EXPECT_TRUE(appelerMacro(nom, args) >>= s) << nom;
    return utf8(s);
}

}  // namespace eci::test
