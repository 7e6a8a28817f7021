// « Consolider des candidatures » (see candidatures.hpp).
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <osl/file.hxx>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "annulation.hpp"
#include "candidatures.hpp"
#include "conversion.hpp"
#include "documents.hpp"
#include "eci/calc/fichiers.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/disposition.hpp"
#include "eci/texte.hpp"
#include "fichiers_surs.hpp"

namespace eci::addin::commandes {

namespace {

// The cells read and written (spreadsheets/disposition.json): an autodiagnostic's Référentiel
// (first node row, N°, J Statut, L:N fractions) and Collectivité (the contexte keys and values), and
// the grid's Candidatures sheet (0-based rows and columns).
namespace autodiag = disposition::autodiagnostic;
namespace ref = disposition::autodiagnostic::referentiel;
namespace grille = disposition::candidatures::candidatures;
constexpr std::size_t kPremiereLigne = ref::ligneUnoPremiere;
static_assert(ref::colonneUnoPartPasFaite == ref::colonneUnoPartFaite + 2, "three fractions, L:N");
static_assert(grille::colonneUnoAxe5 == grille::colonneUnoAxe1 + 4, "five axes, I:M");
static_assert(grille::colonneUnoCollectivite == 0, "the rows read start at column A");

// The key figures of one autodiagnostic, computed from its inputs.
struct Candidat {
    std::string nom, departement;
    double pourcentage = 0, potentiel = 0, fait = 0, etoiles = 1;
    double etoileAPortee = 0;  // ECI.LABELLISATION (docs/labellisation.md §12)
    double axes[5] = {0, 0, 0, 0, 0};
};

Candidat lireAutodiagnostic(const uno::Reference<css::lang::XComponent>& doc) {
    uno::Reference<css::sheet::XSpreadsheet> coll = feuille(doc, autodiag::feuilleCollectivite, "un autodiagnostic");
    uno::Reference<css::sheet::XSpreadsheet> feuilleRef = feuille(doc, autodiag::feuilleReferentiel, "un autodiagnostic");
    calc::Plage zone = zoneUtilisee(feuilleRef);
    if (zone.lignes <= kPremiereLigne || zone.colonnes < static_cast<std::size_t>(ref::colonneUnoPartPasFaite) + 1)
        throw ErreurCommande(std::string("la feuille « ") + autodiag::feuilleReferentiel +
                             " » n'a pas la forme d'un autodiagnostic");
    const std::size_t n = zone.lignes - kPremiereLigne;
    calc::Plage ids(n, 1), statuts(n, 1), details(n, 3);
    for (std::size_t l = 0; l < n; ++l) {
        ids.at(l, 0) = zone.at(l + kPremiereLigne, ref::colonneUnoId);
        statuts.at(l, 0) = zone.at(l + kPremiereLigne, ref::colonneUnoStatut);
        for (std::size_t k = 0; k < 3; ++k) details.at(l, k) = zone.at(l + kPremiereLigne, ref::colonneUnoPartFaite + k);
    }
    uno::Reference<css::sheet::XCellRangeData> cdata(coll->getCellRangeByName(u(autodiag::collectivite::plageContexteLu)), uno::UNO_QUERY_THROW);
    calc::Plage brut = toRange(cdata->getDataArray());
    calc::Plage contexte(0, 2);
    Candidat c;
    for (std::size_t l = 0; l < brut.lignes; ++l) {
        auto cle = std::get_if<std::string>(&brut.at(l, 0));
        if (!cle || cle->empty()) continue;
        std::string k = texte::plier(*cle);
        std::string v;
        if (auto t = std::get_if<std::string>(&brut.at(l, 1))) v = *t;
        else if (auto d = std::get_if<double>(&brut.at(l, 1))) v = std::to_string(static_cast<long long>(*d));
        if (k == "nom") c.nom = v;
        if (k == "departement") c.departement = v;
        contexte.lignes += 1;
        contexte.cellules.push_back(brut.at(l, 0));
        contexte.cellules.push_back(brut.at(l, 1));
    }
    calc::Optionnel ctx = contexte.lignes ? calc::Optionnel(contexte) : std::nullopt;
    auto mesure = [&](const std::string& noeud, const char* m) {
        return calc::score(ids, statuts, calc::Plage(calc::Cellule(noeud)), calc::Plage(calc::Cellule(std::string(m))),
                           details, ctx, std::nullopt);
    };
    c.pourcentage = mesure("", "pourcentage");
    c.potentiel = mesure("", "potentiel");
    c.fait = mesure("", "fait");
    c.etoiles = calc::etoiles(c.pourcentage);
    c.etoileAPortee = calc::labellisation(ids, statuts, details, ctx, std::nullopt);
    for (int a = 0; a < 5; ++a) c.axes[a] = mesure(std::to_string(a + 1), "pourcentage");
    return c;
}

// The workbooks of a folder (.ods, .xlsx, .fods; no lock file of LibreOffice or Excel, no sub-folder),
// by name: (name, URL).
std::vector<std::pair<std::string, OUString>> classeursDuDossier(const OUString& dossier) {
    OUString url = versUrl(dossier);
    osl::Directory rep(url);
    if (rep.open() != osl::FileBase::E_None) throw ErreurCommande("Dossier introuvable : « " + s8(dossier) + " ».");
    std::vector<std::pair<std::string, OUString>> fichiers;  // name, URL
    osl::DirectoryItem item;
    while (rep.getNextItem(item) == osl::FileBase::E_None) {
        osl::FileStatus st(osl_FileStatus_Mask_FileName | osl_FileStatus_Mask_FileURL | osl_FileStatus_Mask_Type);
        if (item.getFileStatus(st) != osl::FileBase::E_None) continue;
        if (st.getFileType() == osl::FileStatus::Directory) continue;
        std::string nom = s8(st.getFileName());
        if (calc::fichiers::estFichierDeVerrou(nom) ||
            !(aExtension(nom, ".ods") || aExtension(nom, ".xlsx") || aExtension(nom, ".fods")))
            continue;
        fichiers.emplace_back(nom, st.getFileURL());
    }
    rep.close();
    std::sort(fichiers.begin(), fichiers.end());
    if (fichiers.size() > 1000) throw ErreurCommande("Plus de 1000 classeurs dans le dossier : consolidez-les par lots.");
    return fichiers;
}

// Opens one autodiagnostic (after the safe-file checks), reads its figures and closes it.
Candidat lireFichier(const uno::Reference<uno::XComponentContext>& ctx,
                     const uno::Reference<css::frame::XDesktop2>& desktop, const std::string& nom, const OUString& furl) {
    const uno::Sequence<css::beans::PropertyValue> p = proprietesSource();
    uno::Reference<css::lang::XComponent> doc;
    Candidat c;
    try {
        // A workbook-named FIFO, device or huge file is listed as not read, never opened.
        if (std::string raison = raisonDeRefuser(ctx, furl, nom); !raison.empty()) throw ErreurCommande(raison);
        doc = desktop->loadComponentFromURL(furl, "_blank", 0, p);
        if (!doc.is()) throw ErreurCommande("fichier illisible (abîmé, protégé par mot de passe ou format inconnu)");
        c = lireAutodiagnostic(doc);
    } catch (...) {
        fermer(doc);
        throw;
    }
    fermer(doc);
    return c;
}

}  // namespace

// spreadsheets/disposition.json: Candidatures rows 2-201; A name, B département, E file, F % fait
// (fraction), G potentiel, H fait, I-M axes (fractions), N étoiles; AH the star within reach.
std::string consoliderCandidatures(const uno::Reference<uno::XComponentContext>& ctx,
                                   const uno::Reference<css::lang::XComponent>& classeur, const OUString& dossier,
                                   const OptionsCommande& options) {
    uno::Reference<css::sheet::XSpreadsheet> cand =
        feuille(classeur, disposition::candidatures::feuilleCandidatures, "une grille de candidatures");
    if (dossier.isEmpty()) throw ErreurCommande("Aucun dossier indiqué.");
    const std::vector<std::pair<std::string, OUString>> fichiers = classeursDuDossier(dossier);

    // Existing rows, by source file (E) and the first free row.
    // The columns A (collectivité) .. N (étoiles) of the candidates' rows; v[k] is column k.
    constexpr sal_Int32 kLignes = grille::ligneUnoDerniere - grille::ligneUnoPremiere + 1;
    uno::Reference<css::sheet::XCellRangeData> plage(
        cand->getCellRangeByPosition(grille::colonneUnoCollectivite, grille::ligneUnoPremiere, grille::colonneUnoEtoiles, grille::ligneUnoDerniere),
        uno::UNO_QUERY_THROW);
    const uno::Sequence<uno::Sequence<uno::Any>> valeursAvant = plage->getDataArray();
    uno::Sequence<uno::Sequence<uno::Any>> valeurs = valeursAvant;
    // The star within reach, in the last column of the grid (added after the others).
    uno::Reference<css::sheet::XCellRangeData> plagePortee(
        cand->getCellRangeByPosition(grille::colonneUnoEtoileAPortee, grille::ligneUnoPremiere,
                                     grille::colonneUnoEtoileAPortee, grille::ligneUnoDerniere),
        uno::UNO_QUERY_THROW);
    const uno::Sequence<uno::Sequence<uno::Any>> porteesAvant = plagePortee->getDataArray();
    uno::Sequence<uno::Sequence<uno::Any>> portees = porteesAvant;
    std::map<std::string, sal_Int32> ligneDe;
    for (sal_Int32 l = 0; l < valeurs.getLength(); ++l) {
        OUString f;
        if ((valeurs[l][grille::colonneUnoFichier] >>= f) && !f.isEmpty()) ligneDe.emplace(s8(f), l);
    }
    auto libre = [&]() -> sal_Int32 {
        for (sal_Int32 l = 0; l < valeurs.getLength(); ++l) {
            OUString a, e;
            valeurs[l][grille::colonneUnoCollectivite] >>= a;
            valeurs[l][grille::colonneUnoFichier] >>= e;
            double d;
            if (a.isEmpty() && e.isEmpty() && !(valeurs[l][grille::colonneUnoCollectivite] >>= d)) return l;
        }
        return -1;
    };
    uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx);
    std::vector<std::string> illisibles;
    int ecrites = 0, misesAJour = 0;
    // Between two workbooks: « k / n classeurs », and the user may stop there (the rows read so far are
    // written below, as a whole consolidation of those files).
    Progression progression(ctx, options, "Consolider les candidatures", static_cast<int>(fichiers.size()), "classeurs");
    std::size_t lus = 0;
    for (const auto& [nom, furl] : fichiers) {
        if (!progression.continuer(static_cast<int>(lus))) break;
        ++lus;
        Candidat c;
        try {
            c = lireFichier(ctx, desktop, nom, furl);
        } catch (const std::exception& e) {
            illisibles.push_back(nom + " : " + e.what());
            continue;
        } catch (const uno::Exception& e) {
            illisibles.push_back(nom + " : fichier illisible (" + s8(e.Message) + ")");
            continue;
        }
        sal_Int32 l;
        auto it = ligneDe.find(nom);
        if (it != ligneDe.end()) { l = it->second; ++misesAJour; }
        else {
            l = libre();
            if (l < 0) { illisibles.push_back(nom + " : plus de place dans la feuille (" + std::to_string(kLignes) + " candidatures)"); continue; }
            ligneDe.emplace(nom, l);
        }
        auto* v = valeurs.getArray()[l].getArray();
        v[grille::colonneUnoCollectivite] <<= u(c.nom.empty() ? nom : c.nom);
        if (!c.departement.empty()) v[grille::colonneUnoDepartement] <<= u(c.departement);
        v[grille::colonneUnoFichier] <<= u(nom);
        v[grille::colonneUnoPct] <<= c.pourcentage / 100;
        v[grille::colonneUnoPotentiel] <<= c.potentiel;
        v[grille::colonneUnoFait] <<= c.fait;
        for (int a = 0; a < 5; ++a) v[grille::colonneUnoAxe1 + a] <<= c.axes[a] / 100;
        v[grille::colonneUnoEtoiles] <<= c.etoiles;
        portees.getArray()[l].getArray()[0] <<= c.etoileAPortee;
        ++ecrites;
    }
    if (lus == fichiers.size()) progression.continuer(static_cast<int>(lus));
    {
        EtapeAnnulation etape(classeur, "Consolider les candidatures");
        ecrireDifferences(cand, grille::colonneUnoCollectivite, grille::ligneUnoPremiere, valeursAvant, valeurs);
        ecrireDifferences(cand, grille::colonneUnoEtoileAPortee, grille::ligneUnoPremiere, porteesAvant, portees);
        etape.recalculer();
        etape.terminer();
    }
    std::string r;
    if (lus < fichiers.size())
        r = "Consolidation arrêtée à " + std::to_string(lus) + " / " + std::to_string(fichiers.size()) +
            " classeurs : les lignes des classeurs lus sont écrites, les autres fichiers n'ont pas été lus.\n";
    r += "Consolidation : " + std::to_string(ecrites) + " autodiagnostic(s) lu(s) sur " +
                    std::to_string(fichiers.size()) + " fichier(s)";
    if (misesAJour) r += " (" + std::to_string(misesAJour) + " ligne(s) mise(s) à jour)";
    r += ". Les fichiers sources n'ont pas été modifiés.";
    if (illisibles.empty()) r += "\nTous les fichiers ont été lus.";
    else {
        r += "\nFichiers non lus (" + std::to_string(illisibles.size()) + ") :";
        for (const std::string& s : illisibles) r += "\n- " + s;
    }
    r += std::string("\nÀ compléter à la main : typologies (colonnes ") + grille::colonneTerritoire + ", " +
         grille::colonneTypecoll + ") et notes (colonnes " + grille::colonneC1 + " à " + grille::colonneC8 + ").";
    return r;
}

}  // namespace eci::addin::commandes
