// « Comparer avec un autodiagnostic précédent » (see comparaison.hpp).
#include "comparaison.hpp"

#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <osl/time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "annulation.hpp"
#include "conversion.hpp"
#include "documents.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/import.hpp"
#include "eci/disposition.hpp"
#include "eci/referentiel.hpp"
#include "eci/statuts.hpp"
#include "eci/texte.hpp"
#include "fichiers_surs.hpp"

namespace eci::addin::commandes {

namespace {

// The cells read and written (spreadsheets/disposition.json): the Référentiel inputs (N°, J statut,
// L:N fractions) and Collectivité answers of both autodiagnostics, and the hidden sheet « Précédent »:
// A N°, B statut, C:E fractions, G:H contexte, S:W the changed rows, B2:B5 source, date, nature, count.
namespace autodiag = disposition::autodiagnostic;
namespace ref = disposition::autodiagnostic::referentiel;
namespace pre = disposition::autodiagnostic::precedent;
constexpr sal_Int32 kPremiereRef = ref::ligneUnoPremiere;
constexpr sal_Int32 kPremierePre = pre::ligneUnoPremiere;
static_assert(ref::colonneUnoPartPasFaite == ref::colonneUnoPartFaite + 2, "three fractions, L:N");
static_assert(pre::colonneUnoPartFaite == pre::colonneUnoStatut + 1 && pre::colonneUnoPartPasFaite == pre::colonneUnoStatut + 3,
              "the earlier inputs are written as one block B:E");
static_assert(pre::colonneUnoValeur == pre::colonneUnoCle + 1, "the earlier contexte is G:H");
static_assert(pre::colonneUnoChangementPoints == pre::colonneUnoChangementId + 4, "the changed rows are S:W");

constexpr const char* kTitreAnnulation = "Comparer avec un autodiagnostic précédent";

// One row's inputs: the statut as written, the three « détaillé » fractions (empty when absent).
struct Entree {
    calc::Cellule statut = std::string();
    calc::Cellule parts[3] = {std::string(), std::string(), std::string()};
};

// What was read from the earlier autodiagnostic.
struct Precedent {
    std::map<std::string, Entree> parNumero;
    calc::Plage contexte;                   // key / value rows (the earlier Collectivité; empty for an export)
    bool classeur = false;                  // our workbook (else a platform export)
    std::vector<std::string> remarques;     // rows not recognised and other remarks, in French
};

// The N° of a cell (a number-looking N° typed as a number too), "" when none.
std::string numero(const calc::Cellule& c) {
    if (auto s = std::get_if<std::string>(&c)) return *s;
    if (auto d = std::get_if<double>(&c)) {
        if (*d != std::floor(*d) || *d < 0 || *d > 1e6) return std::string();
        const std::string t = std::to_string(static_cast<long long>(*d));
        if (Referentiel::eci()->index(t) >= 0) return t;
    }
    return std::string();
}

// An earlier autodiagnostic workbook: its Référentiel rows by N°, its Collectivité answers.
Precedent lireClasseur(const uno::Reference<css::lang::XComponent>& doc, const std::string& nom) {
    Precedent p;
    p.classeur = true;
    uno::Reference<css::sheet::XSpreadsheet> feuilleRef = feuille(doc, autodiag::feuilleReferentiel, "un autodiagnostic");
    const calc::Plage zone = zoneUtilisee(feuilleRef);
    if (zone.lignes <= static_cast<std::size_t>(kPremiereRef) ||
        zone.colonnes <= static_cast<std::size_t>(ref::colonneUnoPartPasFaite))
        throw ErreurCommande("Le fichier « " + nom + "» n'a pas la forme d'un autodiagnostic (feuille « " +
                             autodiag::feuilleReferentiel + " » vide ou incomplète).");
    for (std::size_t l = kPremiereRef; l < zone.lignes; ++l) {
        const std::string id = numero(zone.at(l, ref::colonneUnoId));
        if (id.empty()) continue;
        if (Referentiel::eci()->index(id) < 0) {
            p.remarques.push_back("N° « " + id + " » (ligne " + std::to_string(l + 1) + ") inconnu du référentiel");
            continue;
        }
        Entree e;
        e.statut = zone.at(l, ref::colonneUnoStatut);
        for (std::size_t k = 0; k < 3; ++k) e.parts[k] = zone.at(l, ref::colonneUnoPartFaite + k);
        p.parNumero.emplace(id, e);
    }
    if (p.parNumero.empty())
        throw ErreurCommande("Le fichier « " + nom + " » n'a pas la forme d'un autodiagnostic (aucun N° du "
                             "référentiel dans la feuille « " + autodiag::feuilleReferentiel + " »).");
    uno::Reference<css::sheet::XSpreadsheet> coll = feuille(doc, autodiag::feuilleCollectivite, "un autodiagnostic");
    uno::Reference<css::sheet::XCellRangeData> cdata(coll->getCellRangeByName(u(autodiag::collectivite::plageContexteLu)),
                                                     uno::UNO_QUERY_THROW);
    p.contexte = toRange(cdata->getDataArray());
    return p;
}

// A platform export (its first sheet), through the import's reader.
Precedent lireExport(const uno::Reference<css::lang::XComponent>& doc, const std::string& nom) {
    uno::Reference<css::sheet::XSpreadsheetDocument> d(doc, uno::UNO_QUERY_THROW);
    uno::Reference<css::container::XIndexAccess> idx(d->getSheets(), uno::UNO_QUERY_THROW);
    if (idx->getCount() == 0) throw ErreurCommande("Le fichier « " + nom + " » n'a aucune feuille.");
    uno::Reference<css::sheet::XSpreadsheet> f0(idx->getByIndex(0), uno::UNO_QUERY_THROW);
    calc::import::ResultatImport r;
    try {
        r = calc::import::lireExport(zoneUtilisee(f0), *Referentiel::eci());
    } catch (const calc::import::ErreurImport& e) {
        throw ErreurCommande("Le fichier « " + nom + " » n'est ni un autodiagnostic (pas de feuille « " +
                             autodiag::feuilleReferentiel + " ») ni un export de la plateforme : " + e.what());
    }
    Precedent p;
    for (const calc::import::LigneExport& le : r.lignes) {
        Entree e;
        if (le.statut) e.statut = std::string(motStatut(*le.statut));
        if (le.fractions)
            for (std::size_t k = 0; k < 3; ++k) e.parts[k] = (*le.fractions)[k];
        p.parNumero.emplace(le.identifiant, e);
    }
    if (p.parNumero.empty())
        throw ErreurCommande("Le fichier « " + nom + " » ne contient aucune ligne du référentiel ECi.");
    p.remarques = r.nonReconnues;
    p.remarques.insert(p.remarques.end(), r.problemes.begin(), r.problemes.end());
    return p;
}

// Opens the source after the safe-file checks (hidden, read-only, no macro), reads it, closes it. The
// open autodiagnostic itself is refused (LibreOffice could hand back that very document, which must not
// be closed).
Precedent lireSource(const uno::Reference<uno::XComponentContext>& ctx, const OUString& fichier,
                     const uno::Reference<css::lang::XComponent>& actuel) {
    const std::string ouvert = "Le fichier « " + s8(fichier) + " » est l'autodiagnostic ouvert : choisissez celui de "
                               "l'année précédente.";
    const uno::Reference<css::frame::XModel> modele(actuel, uno::UNO_QUERY);
    if (modele.is() && !modele->getURL().isEmpty() && modele->getURL() == versUrl(fichier)) throw ErreurCommande(ouvert);
    const ClasseurSource source(ctx, fichier, actuel, ouvert);
    uno::Reference<css::sheet::XSpreadsheetDocument> d(source.document(), uno::UNO_QUERY_THROW);
    uno::Reference<css::container::XNameAccess> feuilles(d->getSheets(), uno::UNO_QUERY_THROW);
    return feuilles->hasByName(u(autodiag::feuilleReferentiel)) ? lireClasseur(source.document(), source.nom())
                                                                : lireExport(source.document(), source.nom());
}

// A statut as the comparison shows it: the user's word normalised (« Fait » -> « fait »), « non
// renseigné » for a blank, the text itself when it is not a statut.
std::string motAffiche(const calc::Cellule& c) {
    std::string t;
    if (auto s = std::get_if<std::string>(&c)) t = *s;
    else if (auto d = std::get_if<double>(&c)) t = std::to_string(*d);
    bool inconnu = false;
    const std::optional<StatutSaisi> s = lireStatutSaisi(t, inconnu);
    if (inconnu) return t;
    return s ? motStatut(*s) : "non renseigné";
}

double nombre(const calc::Cellule& c) {
    const double* d = std::get_if<double>(&c);
    return d ? *d : 0.0;
}

// One row whose statut changed.
struct Changement {
    std::size_t ligne;
    std::string id, intitule, avant, maintenant;
    double points;
};

using Tableau = uno::Sequence<uno::Sequence<uno::Any>>;

uno::Any texteOuNombre(const calc::Cellule& c) {
    if (auto d = std::get_if<double>(&c)) return uno::Any(*d);
    if (auto s = std::get_if<std::string>(&c)) return uno::Any(u(*s));
    return uno::Any(OUString());
}

}  // namespace

std::string comparerAutodiagnostic(const uno::Reference<uno::XComponentContext>& ctx,
                                   const uno::Reference<css::lang::XComponent>& autodiag, const OUString& fichier) {
    // The target: an autodiagnostic of this version (with « Précédent » and « Évolution »).
    uno::Reference<css::sheet::XSpreadsheet> feuilleRef = feuille(autodiag, autodiag::feuilleReferentiel, "un autodiagnostic");
    uno::Reference<css::sheet::XSpreadsheet> coll = feuille(autodiag, autodiag::feuilleCollectivite, "un autodiagnostic");
    uno::Reference<css::sheet::XSpreadsheetDocument> cible(autodiag, uno::UNO_QUERY_THROW);
    uno::Reference<css::container::XNameAccess> feuilles(cible->getSheets(), uno::UNO_QUERY_THROW);
    if (!feuilles->hasByName(u(autodiag::feuillePrecedent)) || !feuilles->hasByName(u(autodiag::feuilleEvolution)))
        throw ErreurCommande(std::string("Cet autodiagnostic n'a pas de feuille « ") + autodiag::feuilleEvolution +
                             " » (il a été créé par une version antérieure de l'extension) : créez un nouvel "
                             "autodiagnostic (menu Économie circulaire ▸ Nouvel autodiagnostic) et importez-y "
                             "vos statuts.");
    uno::Reference<css::sheet::XSpreadsheet> prec(feuilles->getByName(u(autodiag::feuillePrecedent)), uno::UNO_QUERY_THROW);
    if (fichier.isEmpty()) throw ErreurCommande("Aucun fichier à comparer.");

    // 1. Read the earlier autodiagnostic (the source is closed, never stored).
    Precedent p = lireSource(ctx, fichier, autodiag);

    // 2. The current inputs and the rows of « Précédent » (same N° in the same order as Référentiel).
    const sal_Int32 n = ref::ligneUnoDerniere - kPremiereRef + 1;
    auto lire = [](const uno::Reference<css::sheet::XSpreadsheet>& f, sal_Int32 c0, sal_Int32 l0, sal_Int32 c1,
                   sal_Int32 l1) {
        return toRange(uno::Reference<css::sheet::XCellRangeData>(f->getCellRangeByPosition(c0, l0, c1, l1),
                                                                  uno::UNO_QUERY_THROW)
                           ->getDataArray());
    };
    const calc::Plage ids = lire(feuilleRef, ref::colonneUnoId, kPremiereRef, ref::colonneUnoId, kPremiereRef + n - 1);
    const calc::Plage statuts =
        lire(feuilleRef, ref::colonneUnoStatut, kPremiereRef, ref::colonneUnoStatut, kPremiereRef + n - 1);
    const calc::Plage details =
        lire(feuilleRef, ref::colonneUnoPartFaite, kPremiereRef, ref::colonneUnoPartPasFaite, kPremiereRef + n - 1);
    uno::Reference<css::sheet::XCellRangeData> plageContexteActuel(
        coll->getCellRangeByName(u(autodiag::collectivite::plageContexteLu)), uno::UNO_QUERY_THROW);
    const calc::Plage contexteActuel = toRange(plageContexteActuel->getDataArray());
    const calc::Plage idsPrec = lire(prec, pre::colonneUnoId, kPremierePre, pre::colonneUnoId, kPremierePre + n - 1);
    for (std::size_t l = 0; l < ids.lignes; ++l)
        if (numero(ids.at(l, 0)) != numero(idsPrec.at(l, 0)))
            throw ErreurCommande(std::string("Les N° de la feuille « ") + autodiag::feuilleReferentiel +
                                 " » ont été modifiés (ligne " + std::to_string(kPremiereRef + l + 1) +
                                 ") : la comparaison est impossible.");

    // The earlier inputs in the current rows' order; an export has no Collectivité: the current one.
    calc::Plage statutsAvant(ids.lignes, 1), detailsAvant(ids.lignes, 3);
    std::size_t lues = 0;
    std::map<std::string, bool> utilise;
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        statutsAvant.at(l, 0) = std::string();
        for (std::size_t k = 0; k < 3; ++k) detailsAvant.at(l, k) = std::string();
        auto it = p.parNumero.find(numero(ids.at(l, 0)));
        if (it == p.parNumero.end()) continue;
        statutsAvant.at(l, 0) = it->second.statut;
        for (std::size_t k = 0; k < 3; ++k) detailsAvant.at(l, k) = it->second.parts[k];
        utilise[it->first] = true;
        ++lues;
    }
    for (const auto& [id, e] : p.parNumero)
        if (!utilise.count(id)) p.remarques.push_back("N° " + id + " absent de la feuille « " +
                                                      std::string(autodiag::feuilleReferentiel) + " »");
    const calc::Plage& contexteAvant = p.classeur ? p.contexte : contexteActuel;

    // 3. The rows whose statut changed, with the points faits each row gained (library, both inputs).
    auto optionnel = [](const calc::Plage& c) { return c.lignes ? calc::Optionnel(c) : std::nullopt; };
    auto faits = [&](const calc::Plage& st, const calc::Plage& de, const calc::Plage& co) {
        return calc::score(ids, st, calc::Plage(calc::Cellule(std::string())),
                           calc::Plage(calc::Cellule(std::string("fait"))), de, optionnel(co), std::nullopt);
    };
    calc::Plage evalAvant, evalMaintenant;
    double faitsAvant = 0, faitsMaintenant = 0;
    try {
        evalAvant = calc::evaluer(ids, statutsAvant, detailsAvant, optionnel(contexteAvant), std::nullopt);
        evalMaintenant = calc::evaluer(ids, statuts, details, optionnel(contexteActuel), std::nullopt);
        // The report's totals now, before anything is written: calc::score refuses the rows evaluer
        // only blanks (an unknown statut), and the document must not be left changed by a failed report.
        faitsAvant = faits(statutsAvant, detailsAvant, contexteAvant);
        faitsMaintenant = faits(statuts, details, contexteActuel);
    } catch (const std::exception& e) {
        throw ErreurCommande(std::string("Les statuts n'ont pas pu être évalués : ") + e.what());
    }
    std::vector<Changement> changements;
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const std::string avant = motAffiche(statutsAvant.at(l, 0)), maintenant = motAffiche(statuts.at(l, 0));
        if (avant == maintenant) continue;
        const std::string id = numero(ids.at(l, 0));
        const int i = Referentiel::eci()->index(id);
        const double gain = std::round((nombre(evalMaintenant.at(l, 2)) - nombre(evalAvant.at(l, 2))) * 1000) / 1000;
        changements.push_back({l, id, i >= 0 ? Referentiel::eci()->noeud(i).nom : std::string(), avant, maintenant,
                               gain == 0 ? 0.0 : gain});
    }
    std::stable_sort(changements.begin(), changements.end(),
                     [](const Changement& a, const Changement& b) { return a.points > b.points; });

    // 4. Write « Précédent » (values only, the changed cells one by one: annulation.hpp) as one undo step,
    // undone if the command fails half-way, then recalculate.
    // The local date through osl (localtime_r is POSIX only, localtime is not thread-safe).
    char date[32] = "";
    TimeValue systeme{}, locale{};
    oslDateTime dt{};
    if (osl_getSystemTime(&systeme) && osl_getLocalTimeFromSystemTime(&systeme, &locale) &&
        osl_getDateTimeFromTimeValue(&locale, &dt))
        std::snprintf(date, sizeof date, "%02u/%02u/%04u %02u:%02u", unsigned(dt.Day), unsigned(dt.Month),
                      unsigned(dt.Year), unsigned(dt.Hours), unsigned(dt.Minutes));
    std::string nomCourt = s8(fichier);
    if (const std::size_t k = nomCourt.find_last_of("/\\"); k != std::string::npos) nomCourt = nomCourt.substr(k + 1);
    {
        EtapeAnnulation etape(autodiag, kTitreAnnulation);
        uno::Sequence<uno::Sequence<uno::Any>> be(n), gh(static_cast<sal_Int32>(contexteAvant.lignes)), sw(n);
        for (sal_Int32 l = 0; l < n; ++l) {
            uno::Sequence<uno::Any> r(4);
            r.getArray()[0] = texteOuNombre(statutsAvant.at(l, 0));
            for (sal_Int32 k = 0; k < 3; ++k) r.getArray()[1 + k] = texteOuNombre(detailsAvant.at(l, k));
            be.getArray()[l] = r;
            uno::Sequence<uno::Any> c(5);
            for (sal_Int32 k = 0; k < 5; ++k) c.getArray()[k] <<= OUString();
            if (static_cast<std::size_t>(l) < changements.size()) {
                const Changement& ch = changements[l];
                c.getArray()[0] <<= u(ch.id);
                c.getArray()[1] <<= u(ch.intitule);
                c.getArray()[2] <<= u(ch.avant);
                c.getArray()[3] <<= u(ch.maintenant);
                c.getArray()[4] <<= ch.points;
            }
            sw.getArray()[l] = c;
        }
        for (std::size_t l = 0; l < contexteAvant.lignes; ++l) {
            uno::Sequence<uno::Any> r(2);
            for (std::size_t k = 0; k < 2; ++k)
                r.getArray()[k] = texteOuNombre(k < contexteAvant.colonnes ? contexteAvant.at(l, k) : calc::Cellule());
            gh.getArray()[static_cast<sal_Int32>(l)] = r;
        }
        auto ecrire = [&](sal_Int32 c0, sal_Int32 l0, sal_Int32 c1, const Tableau& v) {
            if (v.getLength() == 0) return;
            ecrireDifferences(prec->getCellRangeByPosition(c0, l0, c1, l0 + v.getLength() - 1), v);
        };
        ecrire(pre::colonneUnoStatut, kPremierePre, pre::colonneUnoPartPasFaite, be);
        ecrire(pre::colonneUnoCle, kPremierePre, pre::colonneUnoValeur, gh);
        ecrire(pre::colonneUnoChangementId, kPremierePre, pre::colonneUnoChangementPoints, sw);
        const char* const nature = p.classeur ? "classeur d'autodiagnostic" : "export de la plateforme";
        const std::pair<const char*, uno::Any> entete[] = {
            {pre::celluleSource, uno::Any(u(nomCourt))},
            {pre::celluleDate, uno::Any(u(date))},
            {pre::celluleNature, uno::Any(u(nature))},
            {pre::celluleNombreChangements, uno::Any(static_cast<double>(changements.size()))}};
        for (const auto& [cellule, valeur] : entete) {
            const uno::Sequence<uno::Any> ligneUnique(&valeur, 1);
            ecrireDifferences(prec->getCellRangeByName(u(cellule)), Tableau(&ligneUnique, 1));
        }
        etape.recalculer();
        etape.terminer();
    }

    // 5. The report.
    double gain = 0;
    for (const Changement& c : changements) gain += c.points;
    std::string r = "Comparaison avec « " + nomCourt + " » (" +
                    (p.classeur ? "classeur d'autodiagnostic" : "export de la plateforme") + ") : " +
                    std::to_string(lues) + " lignes lues, " + std::to_string(changements.size()) +
                    " statut(s) changé(s).";
    r += "\nPoints faits : " + texte::nombreFr(faitsAvant) + " avant, " + texte::nombreFr(faitsMaintenant) +
         " maintenant (feuille « " + autodiag::feuilleEvolution + " »).";
    if (!changements.empty()) r += "\nPoints gagnés par les lignes changées : " + texte::nombreFr(gain) + ".";
    if (!p.classeur) r += "\nL'export ne contient pas les réponses de la collectivité : celles de cet autodiagnostic "
                          "ont été utilisées pour le calcul d'avant.";
    if (!p.remarques.empty()) {
        r += "\nRemarques (" + std::to_string(p.remarques.size()) + ") :";
        std::size_t k = 0;
        for (const std::string& s : p.remarques) {
            if (++k > 20) { r += "\n- …"; break; }
            r += "\n- " + s;
        }
    }
    r += "\nLe fichier source n'a pas été modifié.";
    return r;
}

}  // namespace eci::addin::commandes
