// « Importer un export de la plateforme » (see import_export.hpp).
#include "import_export.hpp"

#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>

#include <map>
#include <vector>

#include "annulation.hpp"
#include "dialogues.hpp"
#include "documents.hpp"
#include "eci/calc/import.hpp"
#include "eci/disposition.hpp"
#include "eci/statuts.hpp"
#include "eci/texte.hpp"
#include "fichiers_surs.hpp"

namespace eci::addin::commandes {

namespace {

// Where the Référentiel sheet of the autodiagnostic keeps its rows and inputs (spreadsheets/disposition.json):
// the first node row, N°, and the inputs J Statut, K Explications, L:N fractions (0-based).
namespace ref = disposition::autodiagnostic::referentiel;
constexpr const char* kFeuilleRef = disposition::autodiagnostic::feuilleReferentiel;
constexpr sal_Int32 kPremiereLigne = ref::ligneUnoPremiere;
static_assert(ref::colonneUnoExplications == ref::colonneUnoStatut + 1 &&
                  ref::colonneUnoPartFaite == ref::colonneUnoStatut + 2 &&
                  ref::colonneUnoPartPasFaite == ref::colonneUnoStatut + 4,
              "the import writes J:N (statut, explications, three fractions) as one block");

// 1. Reads the first sheet of the source: hidden, read-only, no macro, no link update; never stored.
calc::Plage lireSource(const uno::Reference<uno::XComponentContext>& ctx, const OUString& fichier) {
    const ClasseurSource source(ctx, fichier);
    uno::Reference<css::sheet::XSpreadsheetDocument> src(source.document(), uno::UNO_QUERY_THROW);
    uno::Reference<css::container::XIndexAccess> idx(src->getSheets(), uno::UNO_QUERY_THROW);
    if (idx->getCount() == 0) throw ErreurCommande("Le fichier « " + source.nom() + " » n'a aucune feuille.");
    uno::Reference<css::sheet::XSpreadsheet> f0(idx->getByIndex(0), uno::UNO_QUERY_THROW);
    return zoneUtilisee(f0);
}

// The 0-based row of each N° of the Référentiel sheet (a number-looking N° typed as a number too).
std::map<std::string, sal_Int32> lignesParNumero(const calc::Plage& zone, sal_Int32 fin) {
    std::map<std::string, sal_Int32> ligneDe;
    for (sal_Int32 l = kPremiereLigne; l <= fin; ++l) {
        const calc::Cellule& c = zone.at((std::size_t)l, ref::colonneUnoId);
        std::string id;
        if (auto s = std::get_if<std::string>(&c)) id = *s;
        else if (auto d = std::get_if<double>(&c)) {
            int i = Referentiel::eci()->index(std::to_string(static_cast<long long>(*d)));
            if (*d == static_cast<long long>(*d) && i > 0) id = Referentiel::eci()->noeud(i).identifiant;
        }
        if (!id.empty()) ligneDe.emplace(id, l);
    }
    return ligneDe;
}

// The import's report: counts, rows not recognised, remarks.
std::string rapportImport(const calc::import::ResultatImport& r, std::size_t importes, std::size_t statuts,
                          const std::vector<std::string>& absents) {
    std::string rapport = "Import terminé : " + std::to_string(importes) + " lignes reconnues, " +
                          std::to_string(statuts) + " statuts importés.";
    std::vector<std::string> nonReconnues = r.nonReconnues;
    nonReconnues.insert(nonReconnues.end(), absents.begin(), absents.end());
    if (importes == 0 && nonReconnues.empty()) {
        rapport += "\nAucune ligne de ce fichier ne correspond à un N° du référentiel.";
    } else if (nonReconnues.empty()) {
        rapport += "\nToutes les lignes ont été reconnues.";
    } else {
        rapport += "\nLignes non reconnues (" + std::to_string(nonReconnues.size()) + ") :";
        for (const std::string& s : nonReconnues) rapport += "\n- " + s;
    }
    if (!r.problemes.empty()) {
        rapport += "\nRemarques (" + std::to_string(r.problemes.size()) + ") :";
        for (const std::string& s : r.problemes) rapport += "\n- " + s;
    }
    return rapport;
}

// The status of a row of the J:N inputs, as text ("" when empty).
std::string statutDe(const uno::Sequence<uno::Any>& ligne) {
    OUString t;
    if (ligne.getLength() > 0 && (ligne[0] >>= t)) return std::string(texte::rogner(s8(t)));
    return std::string();
}

}  // namespace

std::size_t statutsRemplaces(const uno::Sequence<uno::Sequence<uno::Any>>& avant,
                             const uno::Sequence<uno::Sequence<uno::Any>>& apres) {
    std::size_t n = 0;
    for (sal_Int32 l = 0; l < avant.getLength() && l < apres.getLength(); ++l) {
        const std::string a = statutDe(avant[l]);
        if (!a.empty() && texte::plier(a) != texte::plier(statutDe(apres[l]))) ++n;
    }
    return n;
}

std::string importerExport(const uno::Reference<uno::XComponentContext>& ctx,
                           const uno::Reference<css::lang::XComponent>& autodiag, const OUString& fichier,
                           const OptionsCommande& options) {
    uno::Reference<css::sheet::XSpreadsheetDocument> cible(autodiag, uno::UNO_QUERY);
    if (!cible.is()) throw ErreurCommande("Le document cible n'est pas un classeur Calc.");
    uno::Reference<css::container::XNameAccess> feuilles(cible->getSheets(), uno::UNO_QUERY_THROW);
    if (!feuilles->hasByName(u(kFeuilleRef)))
        throw ErreurCommande(std::string("Le document cible n'est pas un autodiagnostic (pas de feuille « ") +
                             kFeuilleRef + " »).");
    if (fichier.isEmpty()) throw ErreurCommande("Aucun fichier à importer.");

    // Three steps, cancellable between two: read, match, write.
    Progression progression(ctx, options, "Importer un export", 3, "étapes");
    const std::string arret = "Import arrêté : le document n'a pas été modifié.";
    // 1. Read the source.
    if (!progression.continuer(0)) return arret;
    progression.afficher("Lecture de l'export…");
    const calc::Plage donnees = lireSource(ctx, fichier);

    // 2. Match the rows (domain library).
    if (!progression.continuer(1)) return arret;
    progression.afficher("Rapprochement des lignes…");
    calc::import::ResultatImport r;
    try {
        r = calc::import::lireExport(donnees, *Referentiel::eci());
    } catch (const calc::import::ErreurImport& e) {
        throw ErreurCommande(e.what());
    }

    // 3. Write the inputs of the Référentiel sheet (J statut, K explications, L:N fractions).
    uno::Reference<css::sheet::XSpreadsheet> feuilleRef(feuilles->getByName(u(kFeuilleRef)), uno::UNO_QUERY_THROW);
    calc::Plage zone = zoneUtilisee(feuilleRef);
    if (zone.lignes <= static_cast<std::size_t>(kPremiereLigne))
        throw ErreurCommande(std::string("La feuille « ") + kFeuilleRef + " » du document cible est vide.");
    const sal_Int32 fin = static_cast<sal_Int32>(zone.lignes) - 1;
    const std::map<std::string, sal_Int32> ligneDe = lignesParNumero(zone, fin);
    uno::Reference<css::sheet::XCellRangeData> plage(
        feuilleRef->getCellRangeByPosition(ref::colonneUnoStatut, kPremiereLigne, ref::colonneUnoPartPasFaite, fin),
        uno::UNO_QUERY_THROW);
    const uno::Sequence<uno::Sequence<uno::Any>> avant = plage->getDataArray();
    uno::Sequence<uno::Sequence<uno::Any>> valeurs = avant;
    auto* lignes = valeurs.getArray();
    std::size_t importes = 0, statuts = 0;
    std::vector<std::string> absents;
    for (const calc::import::LigneExport& le : r.lignes) {
        auto it = ligneDe.find(le.identifiant);
        if (it == ligneDe.end()) {
            absents.push_back("N° " + le.identifiant + " (ligne " + std::to_string(le.ligneSource) +
                              ") absent de la feuille « " + kFeuilleRef + " »");
            continue;
        }
        auto* v = lignes[it->second - kPremiereLigne].getArray();
        v[0] <<= u(le.statut ? motStatut(*le.statut) : "");
        v[1] <<= u(le.explications);
        for (int k = 0; k < 3; ++k) {
            if (le.fractions) v[2 + k] <<= (*le.fractions)[(std::size_t)k];
            else v[2 + k] <<= OUString();
        }
        ++importes;
        if (le.statut) ++statuts;
    }
    // Statuses already entered that the export changes: ask first (window), or keep them (Remplacer = false).
    if (const std::size_t remplaces = statutsRemplaces(avant, valeurs); remplaces > 0) {
        const std::string combien = remplaces == 1 ? "1 statut déjà saisi sera remplacé"
                                                   : std::to_string(remplaces) + " statuts déjà saisis seront remplacés";
        if (options.remplacement == Remplacement::Demander &&
            !confirmer(ctx, options.cadre, combien + " par ceux de l'export. Continuer ?"))
            return std::string();
        if (options.remplacement == Remplacement::Conserver)
            return "Import non fait : " + combien + " (Remplacer = faux). Le document n'a pas été modifié.";
    }

    // 3. Write: one undo step.
    if (!progression.continuer(2)) return arret;
    progression.afficher("Écriture des statuts…");
    EtapeAnnulation etape(autodiag, "Importer un export");
    ecrireDifferences(feuilleRef, ref::colonneUnoStatut, kPremiereLigne, avant, valeurs);
    etape.recalculer();
    etape.terminer();
    progression.continuer(3);
    return rapportImport(r, importes, statuts, absents);
}

}  // namespace eci::addin::commandes
