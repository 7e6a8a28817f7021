// Made-up autodiagnostic workbooks for the consolidation command (commandes_test.cpp and
// bench/bench_consolidation.cpp): each is the blank template (opened hidden as a template) with
// the Collectivité values, random statuses (tâches only) and some « détaillé » fractions written
// by this code (fixed seed), stored as .ods. The inputs are kept, so the expected figures come from
// the domain library on what was written, never from the workbook.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XTextRange.hpp>

#include <cstdio>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "classeur.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/referentiel.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

namespace eci::test::fabrique {

namespace fs = std::filesystem;

// Référentiel rows 7..373 (367 nodes), Collectivité B4:C16 (13 keys): spreadsheets/disposition.json.
namespace dispoRef = dispo::autodiagnostic::referentiel;
namespace dispoColl = dispo::autodiagnostic::collectivite;
constexpr int kPremiere = dispoRef::ligneFeuillePremiere, kDerniere = dispoRef::ligneFeuilleDerniere;
static_assert(dispoColl::ligneFeuilleDerniere - dispoColl::ligneFeuillePremiere + 1 == 13, "the 13 keys of kCles");
static_assert(dispoRef::colonneUnoPartPasFaite == dispoRef::colonneUnoStatut + 4, "the inputs J:N written as one block");
inline const char* const kCles[13] = {"nom",       "type",      "soustype",  "population", "drom",
                                      "departement", "dechets_1", "dechets_2", "dechets_3",  "dev_eco_1",
                                      "formation", "REOM",      "SPASER"};

struct Autodiag {
    fs::path fichier;
    std::string nom, departement;
    eci::calc::Plage contexte;  // 13 x 2, as written (B4:C16)
    eci::calc::Plage statuts;   // 367 x 1
    eci::calc::Plage details;   // 367 x 3
};

// Figures the consolidation must write (computed by the library on the inputs written).
struct Figures {
    double pourcentage = 0, potentiel = 0, fait = 0, etoiles = 1;
    double etoileAPortee = 0;  // ECI.LABELLISATION
    double axes[5] = {0, 0, 0, 0, 0};  // % fait 0..100
};

// The N° column of the Référentiel sheet in référentiel order (the workbook's rows, by construction).
inline eci::calc::Plage identifiants() {
    auto ref = eci::Referentiel::eci();
    eci::calc::Plage ids(static_cast<std::size_t>(kDerniere - kPremiere + 1), 1);
    std::size_t l = 0;
    for (std::size_t i = 0; i < ref->taille() && l < ids.lignes; ++i) {
        const eci::Noeud& n = ref->noeud(static_cast<int>(i));
        if (n.identifiant.empty() || n.type == "referentiel") continue;
        ids.at(l++, 0) = n.identifiant;
    }
    if (l != ids.lignes) throw std::runtime_error("référentiel: unexpected node count");
    return ids;
}

inline Figures figures(const eci::calc::Plage& ids, const Autodiag& a) {
    auto mesure = [&](const std::string& noeud, const char* m) {
        return eci::calc::score(ids, a.statuts, eci::calc::Plage(eci::calc::Cellule(noeud)),
                                eci::calc::Plage(eci::calc::Cellule(std::string(m))), a.details, a.contexte,
                                std::nullopt);
    };
    Figures f;
    f.pourcentage = mesure("", "pourcentage");
    f.potentiel = mesure("", "potentiel");
    f.fait = mesure("", "fait");
    f.etoiles = eci::calc::etoiles(f.pourcentage);
    f.etoileAPortee = eci::calc::labellisation(ids, a.statuts, a.details, a.contexte, std::nullopt);
    for (int k = 0; k < 5; ++k) f.axes[k] = mesure(std::to_string(k + 1), "pourcentage");
    return f;
}

// Writes `n` workbooks named autodiag-NNN.ods into `dossier` from the blank template.
inline std::vector<Autodiag> fabriquer(const fs::path& modele, const fs::path& dossier, int n, unsigned graine,
                                       int premier = 1) {
    static const char* const kStatuts[] = {"fait", "programmé", "pas fait", "non concerné", "détaillé", ""};
    static const char* const kReponses[] = {"OUI", "NON", ""};
    auto ref = eci::Referentiel::eci();
    const eci::calc::Plage ids = identifiants();
    std::vector<bool> tache(ids.lignes, false);
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const int i = ref->index(std::get<std::string>(ids.at(l, 0)));
        tache[l] = i >= 0 && ref->noeud(i).type == "tache";
    }
    std::mt19937 rng(graine);
    std::vector<Autodiag> out;
    for (int k = premier; k < premier + n; ++k) {
        Autodiag a;
        char nomFichier[64];
        std::snprintf(nomFichier, sizeof nomFichier, "autodiag-%03d.ods", k);
        a.fichier = dossier / nomFichier;
        a.nom = "Candidat " + std::to_string(k) + " (fictif)";
        static const char* const kDeps[] = {"09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"};
        a.departement = kDeps[rng() % 13];
        const bool epci = rng() % 3 != 0;
        a.contexte = eci::calc::Plage(13, 2);
        std::vector<uno::Any> valeursC(13);
        for (int c = 0; c < 13; ++c) a.contexte.at(c, 0) = std::string(kCles[c]);
        auto texte = [&](int c, const std::string& t) {
            a.contexte.at(c, 1) = t;  // blank text = empty cell, as Calc passes it
            valeursC[c] <<= ou(t);
        };
        texte(0, a.nom);
        texte(1, epci ? "EPCI" : "commune");
        texte(2, epci ? (rng() % 4 == 0 ? "syndicat" : "epci_a_fiscalite_propre") : "");
        const double population = 500.0 + static_cast<double>(rng() % 300000);
        a.contexte.at(3, 1) = population;
        valeursC[3] <<= population;
        texte(4, "NON");
        texte(5, a.departement);
        for (int c = 6; c < 13; ++c) texte(c, kReponses[rng() % 3]);

        a.statuts = eci::calc::Plage(ids.lignes, 1);
        a.details = eci::calc::Plage(ids.lignes, 3);
        uno::Sequence<uno::Sequence<uno::Any>> jn(static_cast<sal_Int32>(ids.lignes));
        const unsigned remplissage = 30 + rng() % 70;  // % of tâches with a status
        for (std::size_t l = 0; l < ids.lignes; ++l) {
            uno::Sequence<uno::Any> ligne(5);  // J K L M N
            auto* v = ligne.getArray();
            for (int c = 0; c < 5; ++c) v[c] <<= ::rtl::OUString();
            a.statuts.at(l, 0) = std::string();
            for (int c = 0; c < 3; ++c) a.details.at(l, c) = std::string();
            if (tache[l] && rng() % 100 < remplissage) {
                const std::string s = kStatuts[rng() % 6];
                a.statuts.at(l, 0) = s;
                v[0] <<= ou(s);
                if (s == "détaillé") {
                    const double f = (rng() % 11) / 10.0, p = (rng() % 11) / 10.0 * (1 - f);
                    const double fr[3] = {f, p, 1 - f - p};
                    for (int c = 0; c < 3; ++c) {
                        a.details.at(l, c) = fr[c];
                        v[2 + c] <<= fr[c];
                    }
                }
            }
            jn.getArray()[l] = ligne;
        }

        {
            Classeur doc = Classeur::copieSansTitre(modele);  // closed at the end of the block, even on error
            uno::Reference<css::sheet::XSpreadsheet> feuilleColl = doc.feuille(kFeuilleCollectivite);
            uno::Reference<css::sheet::XSpreadsheet> refs = doc.feuille(kFeuilleRef);
            for (int c = 0; c < 13; ++c) {
                uno::Reference<css::table::XCell> cel =
                    feuilleColl->getCellByPosition(dispoColl::colonneUnoValeur, dispoColl::ligneUnoPremiere + c);  // C4..C16
                double d;
                ::rtl::OUString t;
                if (valeursC[c] >>= d) cel->setValue(d);
                else if ((valeursC[c] >>= t) && !t.isEmpty())
                    uno::Reference<css::text::XTextRange>(cel, uno::UNO_QUERY_THROW)->setString(t);
                else
                    cel->setFormula(::rtl::OUString());
            }
            uno::Reference<css::sheet::XCellRangeData>(
                refs->getCellRangeByName(ou(plageRef(dispoRef::colonneStatut, dispoRef::colonnePartPasFaite))),
                uno::UNO_QUERY_THROW)
                ->setDataArray(jn);
            doc.enregistrer(a.fichier);
        }
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace eci::test::fabrique
