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

#include "candidatures.hpp"
#include "conversion.hpp"
#include "documents.hpp"
#include "eci/texte.hpp"
#include "fichiers_surs.hpp"

namespace eci::addin::commandes {

namespace {

// Where the Référentiel sheet of the autodiagnostic keeps its rows and inputs.
constexpr sal_Int32 kPremiereLigne = 6;   // row 7 (0-based 6): first node
constexpr sal_Int32 kColId = 0;            // A: N°
constexpr sal_Int32 kColStatut = 9;        // J: Statut, K: Explications, L:N fractions

// The key figures of one autodiagnostic, computed from its inputs.
struct Candidat {
    std::string nom, departement;
    double pourcentage = 0, potentiel = 0, fait = 0, etoiles = 1;
    double axes[5] = {0, 0, 0, 0, 0};
};

Candidat lireAutodiagnostic(const uno::Reference<css::lang::XComponent>& doc) {
    uno::Reference<css::sheet::XSpreadsheet> coll = feuille(doc, "Collectivité", "un autodiagnostic");
    uno::Reference<css::sheet::XSpreadsheet> ref = feuille(doc, "Référentiel", "un autodiagnostic");
    calc::Plage zone = zoneUtilisee(ref);
    if (zone.lignes <= static_cast<std::size_t>(kPremiereLigne) || zone.colonnes < 14)
        throw ErreurCommande("la feuille « Référentiel » n'a pas la forme d'un autodiagnostic");
    const std::size_t n = zone.lignes - kPremiereLigne;
    calc::Plage ids(n, 1), statuts(n, 1), details(n, 3);
    for (std::size_t l = 0; l < n; ++l) {
        ids.at(l, 0) = zone.at(l + kPremiereLigne, kColId);
        statuts.at(l, 0) = zone.at(l + kPremiereLigne, kColStatut);
        for (std::size_t k = 0; k < 3; ++k) details.at(l, k) = zone.at(l + kPremiereLigne, kColStatut + 2 + k);
    }
    uno::Reference<css::sheet::XCellRangeData> cdata(coll->getCellRangeByName(u("B4:C40")), uno::UNO_QUERY_THROW);
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
    for (int a = 0; a < 5; ++a) c.axes[a] = mesure(std::to_string(a + 1), "pourcentage");
    return c;
}

// The workbooks of a folder (.ods, .xlsx, .fods; no lock file, no sub-folder), by name: (name, URL).
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
        if (nom.rfind(".~lock", 0) == 0 ||
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

// spreadsheets/README.md: Candidatures rows 2-201; A name, B département, E file, F % fait (fraction),
// G potentiel, H fait, I-M axes (fractions), N étoiles.
std::string consoliderCandidatures(const uno::Reference<uno::XComponentContext>& ctx,
                                   const uno::Reference<css::lang::XComponent>& grille, const OUString& dossier) {
    uno::Reference<css::sheet::XSpreadsheet> cand = feuille(grille, "Candidatures", "une grille de candidatures");
    if (dossier.isEmpty()) throw ErreurCommande("Aucun dossier indiqué.");
    const std::vector<std::pair<std::string, OUString>> fichiers = classeursDuDossier(dossier);

    // Existing rows, by source file (E) and the first free row.
    const sal_Int32 premiere = 1, derniere = 200;  // rows 2..201
    uno::Reference<css::sheet::XCellRangeData> plage(cand->getCellRangeByPosition(0, premiere, 13, derniere),
                                                      uno::UNO_QUERY_THROW);
    uno::Sequence<uno::Sequence<uno::Any>> valeurs = plage->getDataArray();
    std::map<std::string, sal_Int32> ligneDe;
    for (sal_Int32 l = 0; l < valeurs.getLength(); ++l) {
        OUString f;
        if ((valeurs[l][4] >>= f) && !f.isEmpty()) ligneDe.emplace(s8(f), l);
    }
    auto libre = [&]() -> sal_Int32 {
        for (sal_Int32 l = 0; l < valeurs.getLength(); ++l) {
            OUString a, e;
            valeurs[l][0] >>= a;
            valeurs[l][4] >>= e;
            double d;
            if (a.isEmpty() && e.isEmpty() && !(valeurs[l][0] >>= d)) return l;
        }
        return -1;
    };
    uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx);
    std::vector<std::string> illisibles;
    int ecrites = 0, misesAJour = 0;
    for (const auto& [nom, furl] : fichiers) {
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
            if (l < 0) { illisibles.push_back(nom + " : plus de place dans la feuille (200 candidatures)"); continue; }
            ligneDe.emplace(nom, l);
        }
        auto* v = valeurs.getArray()[l].getArray();
        v[0] <<= u(c.nom.empty() ? nom : c.nom);
        if (!c.departement.empty()) v[1] <<= u(c.departement);
        v[4] <<= u(nom);
        v[5] <<= c.pourcentage / 100;
        v[6] <<= c.potentiel;
        v[7] <<= c.fait;
        for (int a = 0; a < 5; ++a) v[8 + a] <<= c.axes[a] / 100;
        v[13] <<= c.etoiles;
        ++ecrites;
    }
    plage->setDataArray(valeurs);
    uno::Reference<css::sheet::XCalculatable> calcul(grille, uno::UNO_QUERY);
    if (calcul.is()) calcul->calculateAll();
    std::string r = "Consolidation : " + std::to_string(ecrites) + " autodiagnostic(s) lu(s) sur " +
                    std::to_string(fichiers.size()) + " fichier(s)";
    if (misesAJour) r += " (" + std::to_string(misesAJour) + " ligne(s) mise(s) à jour)";
    r += ". Les fichiers sources n'ont pas été modifiés.";
    if (illisibles.empty()) r += "\nTous les fichiers ont été lus.";
    else {
        r += "\nFichiers non lus (" + std::to_string(illisibles.size()) + ") :";
        for (const std::string& s : illisibles) r += "\n- " + s;
    }
    r += "\nÀ compléter à la main : typologies (colonnes C, D) et notes (colonnes O à T).";
    return r;
}

}  // namespace eci::addin::commandes
