// The « Prochaines étapes » sheet of the autodiagnostic (spreadsheets/generer_autodiagnostic.py), in a
// real headless Calc with the extension installed, on the example workbook and on random sheets
// (fixed seeds): every value equals the library's (eci/calc/fonctions_progression.hpp and
// fonctions_labellisation.hpp) on the inputs read out of the sheet:
//   - the star aimed at by default (the one after ECI.LABELLISATION's), the explanation
//     (ECI.CHEMIN_TEXTE), the number of rows, the total gain, % fait now and after the path;
//   - the path list: exactly the rows ECI.CHEMIN marks, in row order, with their gain (ECI.GAIN),
//     their sous-action and its evidence documents (ECI.PREUVES);
//   - the ten rows with the largest gains (ECI.GAIN_LISTE), ties by row order, with their current
//     statut and whether the path takes them;
//   - with an « effort » column filled by the officer: the cheapest path, and its total effort.
#include <com/sun/star/sheet/XCellRangeData.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "classeur.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/calc/fonctions_progression.hpp"
#include "eci/referentiel.hpp"
#include "office.hpp"

using namespace eci::test;
using eci::calc::Cellule;
using eci::calc::Optionnel;
using eci::calc::Plage;

namespace {

namespace eta = dispo::autodiagnostic::prochainesEtapes;
constexpr const char* kEtapes = dispo::autodiagnostic::feuilleProchainesEtapes;

double nombre(const Cellule& c) {
    const double* d = std::get_if<double>(&c);
    return d ? *d : std::nan("");
}

// The sous-action of a row: a tâche's parent (1.1.1.1 -> 1.1.1), else the row itself.
std::string sousAction(const std::string& id) {
    auto ref = eci::Referentiel::eci();
    const int i = ref->index(id);
    if (i >= 0 && ref->noeud(i).type == "tache") return ref->noeud(ref->noeud(i).parent).identifiant;
    return id;
}

// Rank, N°, intitulé and sous-action of row k of a list the sheet shows (the path, the ten largest gains):
// k + 1, the row's N°, its libellé and « N° libellé » of its sous-action.
void verifierDebutDeLigne(const Plage& liste, std::size_t k, const std::string& id) {
    EXPECT_EQ(nombre(liste.at(k, 0)), static_cast<double>(k + 1));
    EXPECT_EQ(enTexte(liste.at(k, 1)), id);
    EXPECT_EQ(enTexte(liste.at(k, 2)), eci::calc::libelle(Cellule(id), std::nullopt));
    const std::string sa = sousAction(id);
    EXPECT_EQ(enTexte(liste.at(k, 3)), sa + " " + eci::calc::libelle(Cellule(sa), std::nullopt));
}

// Checks the whole sheet against the library on the inputs of `c` (efforts: the sheet's column, or none).
void verifierEtapes(const Classeur& c) {
    const Entrees e = lireEntrees(c);
    const std::size_t n = e.ids.lignes;
    const int t0 = eta::ligneFeuillePremiereLigne;
    const Plage efforts = c.plage(kEtapes, plage(eta::colonneEffort, t0, eta::colonneEffort, t0 + static_cast<int>(n) - 1));
    bool avecEffort = false;
    for (const Cellule& x : efforts.cellules) avecEffort = avecEffort || std::holds_alternative<double>(x);
    const Optionnel effort = avecEffort ? Optionnel(efforts) : std::nullopt;

    const double portee = eci::calc::labellisation(e.ids, e.statuts, e.details, e.contexte, std::nullopt);
    const double visee = std::min(5.0, portee + 1);
    EXPECT_EQ(c.valeur(kEtapes, eta::celluleEtoileAPortee), portee);
    EXPECT_EQ(c.valeur(kEtapes, eta::celluleEtoileVisee), visee);

    const Plage gains = eci::calc::gain(e.ids, e.statuts, e.details, e.contexte, std::nullopt);
    const std::string texte =
        eci::calc::cheminTexte(e.ids, e.statuts, visee, e.details, e.contexte, std::nullopt, effort);
    EXPECT_EQ(c.texte(kEtapes, eta::celluleExplication), texte);
    Plage chemin;
    bool possible = true;
    try {
        chemin = eci::calc::chemin(e.ids, e.statuts, visee, e.details, e.contexte, std::nullopt, effort);
    } catch (const eci::calc::ErreurArgument&) {
        possible = false;
    }

    // The path as the library marks it (row order), with its gain and effort totals.
    std::vector<std::size_t> lignesChemin;
    double gainTotal = 0, effortTotal = 0;
    if (possible) {
        for (std::size_t l = 0; l < n; ++l) {
            if (nombre(chemin.at(l, 0)) != 1) continue;
            lignesChemin.push_back(l);
            gainTotal += nombre(gains.at(l, 0));
            effortTotal += avecEffort && std::holds_alternative<double>(efforts.at(l, 0)) ? nombre(efforts.at(l, 0)) : 1;
        }
    }
    // The effort table lists every row of the référentiel, in its order.
    const Plage tab = c.plage(kEtapes, plage(eta::colonneTableauId, t0, eta::colonneTableauId, t0 + static_cast<int>(n) - 1));
    for (std::size_t l = 0; l < n; ++l) ASSERT_EQ(enTexte(tab.at(l, 0)), enTexte(e.ids.at(l, 0))) << "effort row " << l;
    if (possible) {
        EXPECT_EQ(c.valeur(kEtapes, eta::celluleNombreLignes), static_cast<double>(lignesChemin.size()));
        EXPECT_NEAR(c.valeur(kEtapes, eta::celluleGainTotal), std::round(gainTotal * 1000) / 1000, 1e-9);
        EXPECT_NEAR(c.valeur(kEtapes, eta::celluleEffortTotal), effortTotal, 1e-9);
        auto mesure = [&](const char* m) {
            return eci::calc::score(e.ids, e.statuts, Plage(Cellule(std::string())), Plage(Cellule(std::string(m))),
                                    e.details, e.contexte, std::nullopt);
        };
        EXPECT_NEAR(c.valeur(kEtapes, eta::cellulePourcentage), mesure("pourcentage") / 100, 1e-12);
        EXPECT_NEAR(c.valeur(kEtapes, eta::cellulePourcentageApres),
                    (mesure("fait") + c.valeur(kEtapes, eta::celluleGainTotal)) / mesure("potentiel"), 1e-12);
    } else {
        EXPECT_EQ(c.texte(kEtapes, eta::celluleNombreLignes), "—");
        EXPECT_EQ(c.texte(kEtapes, eta::celluleGainTotal), "—");
        EXPECT_EQ(c.texte(kEtapes, eta::celluleEffortTotal), "—");
    }

    // The path list: the marked rows in row order, then blanks.
    const int p0 = eta::ligneFeuillePremierChemin, p1 = eta::ligneFeuilleDernierChemin;
    const Plage liste = c.plage(kEtapes, plage(eta::colonneRang, p0, eta::colonneCheminOuPreuves, p1));
    for (std::size_t k = 0; k < liste.lignes; ++k) {
        if (k >= lignesChemin.size()) {
            ASSERT_EQ(enTexte(liste.at(k, 1)), "") << "path row " << p0 + k << " must be blank";
            continue;
        }
        const std::size_t l = lignesChemin[k];
        const std::string id = enTexte(e.ids.at(l, 0));
        SCOPED_TRACE("path row " + std::to_string(k + 1) + ": " + id);
        verifierDebutDeLigne(liste, k, id);
        EXPECT_EQ(nombre(liste.at(k, 4)), nombre(gains.at(l, 0)));
        EXPECT_EQ(nombre(liste.at(k, 5)),
                  avecEffort && std::holds_alternative<double>(efforts.at(l, 0)) ? nombre(efforts.at(l, 0)) : 1.0);
        EXPECT_EQ(enTexte(liste.at(k, 6)), eci::calc::preuves(Cellule(sousAction(id))));
    }

    // The ten largest gains (> 0), ties by row order, with their sous-action, current statut (as
    // « Référentiel » shows it) and whether the path takes them.
    std::vector<std::size_t> ordre;
    for (std::size_t l = 0; l < n; ++l)
        if (nombre(gains.at(l, 0)) > 0) ordre.push_back(l);
    std::stable_sort(ordre.begin(), ordre.end(),
                     [&](std::size_t a, std::size_t b) { return nombre(gains.at(a, 0)) > nombre(gains.at(b, 0)); });
    namespace r = dispo::autodiagnostic::referentiel;
    const Plage affiches = c.plage(kFeuilleRef, plageRef(r::colonneStatutAffiche));
    const int h0 = eta::ligneFeuillePremierTop;
    const Plage top = c.plage(kEtapes, plage(eta::colonneRang, h0, eta::colonneCheminOuPreuves, h0 + 9));
    for (std::size_t k = 0; k < 10; ++k) {
        if (k >= ordre.size()) {
            for (std::size_t j = 0; j < top.colonnes; ++j) EXPECT_EQ(enTexte(top.at(k, j)), "") << k << "," << j;
            continue;
        }
        const std::size_t l = ordre[k];
        const std::string id = enTexte(e.ids.at(l, 0));
        SCOPED_TRACE("top row " + std::to_string(k + 1) + ": " + id);
        verifierDebutDeLigne(top, k, id);
        EXPECT_EQ(nombre(top.at(k, 4)), nombre(gains.at(l, 0)));
        EXPECT_EQ(enTexte(top.at(k, 5)), enTexte(affiches.at(l, 0)));
        const bool dans = std::find(lignesChemin.begin(), lignesChemin.end(), l) != lignesChemin.end();
        EXPECT_EQ(enTexte(top.at(k, 6)), !possible ? "—" : dans ? "oui" : "non");
    }
    EXPECT_TRUE(c.cellulesEnErreur().empty() || !possible) << joindre(c.cellulesEnErreur());
}

// Random statuses on the tâches and sous-actions of a blank autodiagnostic (fixed seed).
void remplirAuHasard(const Classeur& c, unsigned graine) {
    static const char* const kStatuts[] = {"fait", "programmé", "pas fait", "non concerné", "", "", "fait"};
    std::mt19937 rng(graine);
    namespace r = dispo::autodiagnostic::referentiel;
    auto plageUno = c.feuille(kFeuilleRef)->getCellRangeByName(ou(plageRef(r::colonneStatut)));
    uno::Reference<css::sheet::XCellRangeData> donnees(plageUno, uno::UNO_QUERY_THROW);
    const Plage ids = c.plage(kFeuilleRef, plageRef(r::colonneId));
    auto ref = eci::Referentiel::eci();
    uno::Sequence<uno::Sequence<uno::Any>> v = donnees->getDataArray();
    for (sal_Int32 l = 0; l < v.getLength(); ++l) {
        const int i = ref->index(enTexte(ids.at(static_cast<std::size_t>(l), 0)));
        if (i < 0 || ref->noeud(i).type != "tache") continue;
        v.getArray()[l].getArray()[0] <<= ou(kStatuts[rng() % 7]);
    }
    donnees->setDataArray(v);
}

}  // namespace

TEST_F(CalcTest, ProchainesEtapesExempleEtFeuillesAuHasard) {
    {
        SCOPED_TRACE("example");
        Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
        c.recalculer();
        verifierEtapes(c);
        // The officer fills an effort column: the cheapest path.
        const int t0 = eta::ligneFeuillePremiereLigne;
        std::mt19937 rng(5);
        for (int k = 0; k <= kDerniereLigneRef - kPremiereLigneRef; k += 2)
            c.cellule(kEtapes, cellule(eta::colonneEffort, t0 + k))->setValue(1 + static_cast<double>(rng() % 9));
        c.recalculer();
        SCOPED_TRACE("example with efforts");
        verifierEtapes(c);
    }
    for (unsigned graine : {11u, 12u, 13u}) {
        SCOPED_TRACE("random sheet " + std::to_string(graine));
        Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_ODS);
        remplirAuHasard(c, graine);
        c.recalculer();
        verifierEtapes(c);
    }
}
