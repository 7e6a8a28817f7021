// « Filtrer les candidatures » (see candidatures.hpp).
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/sheet/FilterOperator2.hpp>
#include <com/sun/star/sheet/TableFilterField2.hpp>
#include <com/sun/star/sheet/XSheetFilterDescriptor2.hpp>
#include <com/sun/star/sheet/XSheetFilterable.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableRows.hpp>

#include <cppuhelper/weakref.hxx>

#include <vector>

#include "annulation.hpp"
#include "candidatures.hpp"
#include "documents.hpp"
#include "eci/disposition.hpp"
#include "eci/texte.hpp"

namespace eci::addin::commandes {

namespace {

// The grid's cells (spreadsheets/disposition.json; 0-based rows and columns).
namespace grille = disposition::candidatures::candidatures;

// The text as written in column `col` of the grid that matches `valeur` without case/accents
// (`valeur` itself when none does).
OUString valeurExacte(const uno::Reference<css::sheet::XSpreadsheet>& cand, sal_Int32 col, const std::string& valeur) {
    std::string cible = texte::plier(valeur);
    for (sal_Int32 l = grille::ligneUnoPremiere; l <= grille::ligneUnoDerniere; ++l) {
        std::string t = texteCellule(cand, col, l);
        if (!t.empty() && texte::plier(t) == cible) return u(t);
    }
    return u(valeur);
}

// The filter fields of a criterion (none: the filter is cleared) and what the report calls it.
std::vector<css::sheet::TableFilterField2> champsDuCritere(const uno::Reference<css::sheet::XSpreadsheet>& cand,
                                                            const std::string& critereTexte, const std::string& valeur,
                                                            std::string& quoi) {
    const std::string critere = texte::plier(critereTexte);
    std::vector<css::sheet::TableFilterField2> champs;
    css::sheet::TableFilterField2 f;
    f.Connection = css::sheet::FilterConnection_AND;
    if (critere == "aucun" || critere == "effacer" || critere == "tout" || critere.empty()) {
        quoi = "filtre effacé";
    } else if (critere == "selection" || critere == "selectionnes" || critere == "selectionne") {
        f.Field = grille::colonneUnoSelection;
        f.Operator = css::sheet::FilterOperator2::EQUAL;
        f.IsNumeric = true;
        f.NumericValue = 1;
        champs.push_back(f);
        quoi = "candidatures sélectionnées";
    } else if (critere == "territoire" || critere == "typologieduterritoire" || critere == "collectivite" ||
               critere == "typologiedelacollectivite" || critere == "departement") {
        if (texte::rogner(valeur).empty()) throw ErreurCommande("Indiquez la valeur à filtrer.");
        const sal_Int32 col = critere == "departement"                          ? grille::colonneUnoDepartement
                              : critere.rfind("territoire") != std::string::npos ? grille::colonneUnoTerritoire
                                                                                 : grille::colonneUnoTypecoll;
        f.Field = col;
        f.Operator = css::sheet::FilterOperator2::EQUAL;
        f.IsNumeric = false;
        f.StringValue = valeurExacte(cand, col, valeur);
        champs.push_back(f);
        quoi = (col == grille::colonneUnoDepartement  ? "département "
                : col == grille::colonneUnoTerritoire ? "typologie du territoire "
                                                      : "typologie de la collectivité ") +
               s8(f.StringValue);
    } else if (critere == "scoremin" || critere == "score") {
        double seuil;
        if (!texte::lireNombre(valeur, seuil)) throw ErreurCommande("Score minimal illisible : « " + valeur + " ».");
        f.Field = grille::colonneUnoScore;
        f.Operator = css::sheet::FilterOperator2::GREATER_EQUAL;
        f.IsNumeric = true;
        f.NumericValue = seuil;
        champs.push_back(f);
        quoi = "score ≥ " + texte::nombreFr(seuil);
    } else {
        throw ErreurCommande("Critère de filtre inconnu : « " + critereTexte +
                             " » (attendu : selection, territoire, collectivite, departement, score_min ou aucun).");
    }
    return champs;
}

// Applies `champs` as the standard filter of the grid's filter range (Candidatures A1:AC201: the header
// row and the candidates' rows); no field clears the filter.
void appliquerFiltre(const uno::Reference<css::lang::XComponent>& classeur,
                     const uno::Sequence<css::sheet::TableFilterField2>& champs) {
    uno::Reference<css::sheet::XSpreadsheet> cand =
        feuille(classeur, disposition::candidatures::feuilleCandidatures, "une grille de candidatures");
    uno::Reference<css::sheet::XSheetFilterable> filtrable(cand->getCellRangeByName(u(grille::plageFiltre)), uno::UNO_QUERY_THROW);
    uno::Reference<css::sheet::XSheetFilterDescriptor2> desc(filtrable->createFilterDescriptor(true), uno::UNO_QUERY_THROW);
    uno::Reference<css::beans::XPropertySet>(desc, uno::UNO_QUERY_THROW)->setPropertyValue("ContainsHeader", uno::Any(true));
    desc->setFilterFields2(champs);
    filtrable->filter(uno::Reference<css::sheet::XSheetFilterDescriptor>(desc, uno::UNO_QUERY_THROW));
}

// The standard filter of the grid's filter range now (no field: none).
uno::Sequence<css::sheet::TableFilterField2> filtreActuel(const uno::Reference<css::sheet::XSpreadsheet>& cand) {
    uno::Reference<css::sheet::XSheetFilterable> filtrable(cand->getCellRangeByName(u(grille::plageFiltre)), uno::UNO_QUERY_THROW);
    uno::Reference<css::sheet::XSheetFilterDescriptor2> desc(filtrable->createFilterDescriptor(false), uno::UNO_QUERY_THROW);
    return desc->getFilterFields2();
}

}  // namespace

std::string filtrerCandidatures(const uno::Reference<css::lang::XComponent>& classeur, const std::string& critereTexte,
                                const std::string& valeur) {
    uno::Reference<css::sheet::XSpreadsheet> cand =
        feuille(classeur, disposition::candidatures::feuilleCandidatures, "une grille de candidatures");
    EtapeAnnulation etape(classeur, "Filtrer les candidatures");
    etape.recalculer();
    std::string quoi;
    const std::vector<css::sheet::TableFilterField2> champs = champsDuCritere(cand, critereTexte, valeur, quoi);
    const uno::Sequence<css::sheet::TableFilterField2> avant = filtreActuel(cand);
    const uno::Sequence<css::sheet::TableFilterField2> apres(champs.data(), static_cast<sal_Int32>(champs.size()));
    // Calc's own undo of a filter (ScUndoQuery) aborts LibreOffice without an active view (headless)
    // and acts on whatever view is active otherwise: the filter is recorded as « apply the filter
    // before / after » instead (annulation.hpp). Weak: the document owns its undo actions.
    etape.sansEnregistrer([&] { appliquerFiltre(classeur, apres); });
    const uno::WeakReference<css::lang::XComponent> faible(classeur);
    etape.ajouter(actionAnnulation(
        "Filtrer les candidatures", [faible, avant] { appliquerFiltre(faible, avant); },
        [faible, apres] { appliquerFiltre(faible, apres); }));
    etape.terminer();
    // Count the candidates shown.
    uno::Reference<css::table::XColumnRowRange> crr(
        cand->getCellRangeByPosition(grille::colonneUnoCollectivite, grille::ligneUnoPremiere,
                                     grille::colonneUnoCollectivite, grille::ligneUnoDerniere),
        uno::UNO_QUERY_THROW);
    uno::Reference<css::table::XTableRows> rows = crr->getRows();
    int visibles = 0, total = 0;
    for (sal_Int32 l = 0; l < rows->getCount(); ++l) {
        if (texteCellule(cand, grille::colonneUnoCollectivite, l + grille::ligneUnoPremiere).empty()) continue;
        ++total;
        uno::Reference<css::beans::XPropertySet> r(rows->getByIndex(l), uno::UNO_QUERY_THROW);
        bool visible = true;
        r->getPropertyValue("IsVisible") >>= visible;
        if (visible) ++visibles;
    }
    return "Filtre (" + quoi + ") : " + std::to_string(visibles) + " candidature(s) affichée(s) sur " +
           std::to_string(total) + ".";
}

}  // namespace eci::addin::commandes
