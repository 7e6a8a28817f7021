// « Comparer avec un autodiagnostic précédent » (addin/src/commandes/comparaison.cpp) and its
// « Évolution » sheet, in a real headless Calc with the extension installed:
//   - a pair of made-up autodiagnostics (fabrique_autodiagnostics.hpp, fixed seeds): the Évolution
//     figures per axe and in total (% fait, points faits then / now, points gained, stars, star within
//     reach) equal the domain library's on the two sets of inputs written, never read back from the
//     workbook; the changed rows (N°, from, to, points gained, largest first) equal the list computed
//     here from the library's row evaluations;
//   - a second run with a platform export of the earlier year replaces the first comparison entirely;
//   - one undo restores every cell of every sheet (values and formulas);
//   - the sources keep their checksum; bad files (corrupt, not an autodiagnostic, text, password,
//     FIFO, a sheet declaring a billion cells), the open autodiagnostic itself and a bad target are
//     refused in French words and leave the document as it was;
//   - the Basic entry point EconomieCirculaire.Commandes.ComparerAutodiagnostic.
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/sheet/XCellRangeFormula.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "classeur.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/statuts.hpp"
#include "fabrique_autodiagnostics.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

using namespace eci::test;
namespace fs = std::filesystem;
using eci::calc::Cellule;
using eci::calc::Plage;

namespace {

namespace evo = dispo::autodiagnostic::evolution;
namespace pre = dispo::autodiagnostic::precedent;
constexpr const char* kEvolution = dispo::autodiagnostic::feuilleEvolution;
constexpr const char* kPrecedent = dispo::autodiagnostic::feuillePrecedent;
constexpr const char* kCommande = "ComparerAutodiagnostic";

double nombre(const Cellule& c) {
    const double* d = std::get_if<double>(&c);
    return d ? *d : std::nan("");
}
double arrondi3(double v) { return std::round(v * 1000) / 1000; }

// One autodiagnostic's inputs, as the ECI functions take them.
struct Entrees3 {
    Plage statuts, details, contexte;
};

// The statut word a row shows in the changed list: the library's word, « non renseigné » when blank.
std::string mot(const Cellule& c) {
    bool inconnu = false;
    const auto s = eci::lireStatutSaisi(enTexte(c), inconnu);
    return s ? eci::motStatut(*s) : "non renseigné";
}

struct Changement {
    std::string id, avant, maintenant;
    double points;
};

// What the Évolution sheet must show for `avant` -> `maintenant` (library only).
void verifierEvolution(const Classeur& c, const Plage& ids, const Entrees3& avant, const Entrees3& maintenant,
                       const std::string& rapport) {
    SCOPED_TRACE("report: " + rapport);
    auto mesure = [&](const Entrees3& e, const std::string& noeud, const char* m) {
        return eci::calc::score(ids, e.statuts, Plage(Cellule(noeud)), Plage(Cellule(std::string(m))), e.details,
                                e.contexte, std::nullopt);
    };
    const std::string axes[6] = {"1", "2", "3", "4", "5", ""};
    for (int k = 0; k < 6; ++k) {
        const int l = k < 5 ? evo::ligneFeuillePremierAxe + k : evo::ligneFeuilleTotal;
        SCOPED_TRACE(k < 5 ? "axe " + axes[k] : std::string("total"));
        const double pa = mesure(avant, axes[k], "pourcentage"), pm = mesure(maintenant, axes[k], "pourcentage");
        const double fa = mesure(avant, axes[k], "fait"), fm = mesure(maintenant, axes[k], "fait");
        EXPECT_NEAR(c.valeur(kEvolution, cellule(evo::colonnePourcentageAvant, l)), pa / 100, 1e-12);
        EXPECT_NEAR(c.valeur(kEvolution, cellule(evo::colonnePourcentageMaintenant, l)), pm / 100, 1e-12);
        EXPECT_NEAR(c.valeur(kEvolution, cellule(evo::colonneFaitAvant, l)), fa, 1e-9);
        EXPECT_NEAR(c.valeur(kEvolution, cellule(evo::colonneFaitMaintenant, l)), fm, 1e-9);
        EXPECT_NEAR(c.valeur(kEvolution, cellule(evo::colonnePointsGagnes, l)), arrondi3(fm - fa), 1e-9);
    }
    auto etoileAPortee = [&](const Entrees3& e) {
        return eci::calc::labellisation(ids, e.statuts, e.details, e.contexte, std::nullopt);
    };
    EXPECT_EQ(c.valeur(kEvolution, cellule(evo::colonnePourcentageAvant, evo::ligneFeuilleEtoiles)),
              eci::calc::etoiles(mesure(avant, "", "pourcentage")));
    EXPECT_EQ(c.valeur(kEvolution, cellule(evo::colonnePourcentageMaintenant, evo::ligneFeuilleEtoiles)),
              eci::calc::etoiles(mesure(maintenant, "", "pourcentage")));
    EXPECT_EQ(c.valeur(kEvolution, cellule(evo::colonnePourcentageAvant, evo::ligneFeuilleEtoileAPortee)),
              etoileAPortee(avant));
    EXPECT_EQ(c.valeur(kEvolution, cellule(evo::colonnePourcentageMaintenant, evo::ligneFeuilleEtoileAPortee)),
              etoileAPortee(maintenant));

    // The changed rows: every row whose statut word differs, points = its points faits now - then.
    const Plage ea = eci::calc::evaluer(ids, avant.statuts, avant.details, avant.contexte, std::nullopt);
    const Plage em = eci::calc::evaluer(ids, maintenant.statuts, maintenant.details, maintenant.contexte, std::nullopt);
    std::vector<Changement> attendus;
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const std::string a = mot(avant.statuts.at(l, 0)), m = mot(maintenant.statuts.at(l, 0));
        if (a != m)
            attendus.push_back({enTexte(ids.at(l, 0)), a, m, arrondi3(nombre(em.at(l, 2)) - nombre(ea.at(l, 2)))});
    }
    std::stable_sort(attendus.begin(), attendus.end(),
                     [](const Changement& x, const Changement& y) { return x.points > y.points; });
    ASSERT_GT(attendus.size(), 5u) << "the pair is too alike to test the list";
    EXPECT_EQ(c.valeur(kEvolution, evo::celluleNombreChangements), static_cast<double>(attendus.size()));
    const int p = evo::ligneFeuillePremierChangement;
    const Plage liste = c.plage(kEvolution, plage(evo::colonneChangementId, p, evo::colonneChangementPoints,
                                                  p + static_cast<int>(ids.lignes) - 1));
    for (std::size_t k = 0; k < ids.lignes; ++k) {
        if (k >= attendus.size()) {
            EXPECT_EQ(enTexte(liste.at(k, 0)), "") << "row " << p + k << " after the list must be blank";
            continue;
        }
        SCOPED_TRACE("changed row " + std::to_string(k + 1) + ", N° " + attendus[k].id);
        EXPECT_EQ(enTexte(liste.at(k, 0)), attendus[k].id);
        EXPECT_EQ(enTexte(liste.at(k, 2)), attendus[k].avant);
        EXPECT_EQ(enTexte(liste.at(k, 3)), attendus[k].maintenant);
        EXPECT_NEAR(nombre(liste.at(k, 4)), attendus[k].points, 1e-9);
    }
    EXPECT_NE(rapport.find(std::to_string(attendus.size()) + " statut(s) changé(s)"), std::string::npos);
    EXPECT_NE(rapport.find("n'a pas été modifié"), std::string::npos);
    EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
}

// Every cell of every sheet (formulas and values), to prove an undo restores the document.
std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> instantane(const Classeur& c) {
    std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> out;
    const uno::Sequence<::rtl::OUString> noms =
        uno::Reference<css::container::XNameAccess>(c.document()->getSheets(), uno::UNO_QUERY_THROW)->getElementNames();
    for (const ::rtl::OUString& nom : noms) {
        auto plageUno = c.feuille(utf8(nom))->getCellRangeByName("A1:AH800");
        auto& [formules, valeurs] = out[utf8(nom)];
        for (const auto& r : uno::Reference<css::sheet::XCellRangeFormula>(plageUno, uno::UNO_QUERY_THROW)->getFormulaArray())
            for (const ::rtl::OUString& f : r) formules.push_back(utf8(f));
        for (const auto& r : versPlage(uno::Reference<css::sheet::XCellRangeData>(plageUno, uno::UNO_QUERY_THROW)->getDataArray())
                                 .cellules)
            valeurs.push_back(enTexte(r));
    }
    return out;
}

void verifierEgal(const decltype(instantane(std::declval<const Classeur&>()))& a,
                  const decltype(instantane(std::declval<const Classeur&>()))& b) {
    ASSERT_EQ(a.size(), b.size());
    for (const auto& [nom, contenu] : a) {
        const auto it = b.find(nom);
        ASSERT_NE(it, b.end()) << nom;
        std::size_t differences = 0;
        for (std::size_t k = 0; k < contenu.first.size(); ++k) {
            if (contenu.first[k] != it->second.first[k] || contenu.second[k] != it->second.second[k]) {
                if (++differences <= 5)
                    ADD_FAILURE() << nom << "!" << lettresColonne(static_cast<int>(k % 34)) << k / 34 + 1 << ": «"
                                  << contenu.first[k] << "» / «" << contenu.second[k] << "» became «"
                                  << it->second.first[k] << "» / «" << it->second.second[k] << "»";
            }
        }
        EXPECT_EQ(differences, 0u) << nom;
    }
}

// A platform export of the earlier year: the export template with random platform statuses on tâches.
fs::path fabriquerExport(const fs::path& dossier, const Plage& ids, Entrees3& lu, const Plage& contexteActuel) {
    static const char* const kTextes[] = {"Fait", "Programmé", "Pas fait", "Non concerné", ""};
    ExportModele modele(ECI_EXPORT_PLATEFORME);
    auto ref = eci::Referentiel::eci();
    std::mt19937 rng(20261206u);
    lu.statuts = Plage(ids.lignes, 1);
    lu.details = Plage(ids.lignes, 3);
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        lu.statuts.at(l, 0) = std::string();
        for (int k = 0; k < 3; ++k) lu.details.at(l, k) = std::string();
        const std::string id = enTexte(ids.at(l, 0));
        const int i = ref->index(id);
        if (i < 0 || ref->noeud(i).type != "tache" || rng() % 100 >= 60) continue;
        const std::string t = kTextes[rng() % 5];
        if (t.empty() || modele.ecrireStatut(id, t) < 0) continue;
        bool inconnu = false;
        lu.statuts.at(l, 0) = std::string(eci::motStatut(*eci::lireStatutSaisi(t, inconnu)));
    }
    lu.contexte = contexteActuel;  // an export has no Collectivité answers: the current ones are used
    const fs::path p = dossier / "export-annee-precedente.xlsx";
    modele.classeur.exporter(p, "Calc MS Excel 2007 XML");
    return p;
}

Entrees3 entreesDe(const fabrique::Autodiag& a) { return {a.statuts, a.details, a.contexte}; }

}  // namespace

TEST_F(CalcTest, ComparerDeuxAutodiagnosticsPuisUnExport) {
    DossierTemp dossier;
    const Plage ids = fabrique::identifiants();
    const auto avant = fabrique::fabriquer(ECI_AUTODIAG_ODS, dossier.chemin, 1, 20261206u, 1);
    const auto maintenant = fabrique::fabriquer(ECI_AUTODIAG_ODS, dossier.chemin, 1, 612u, 2);
    const fs::path source = avant[0].fichier;
    const auto empreinteSource = empreinte(source);

    Classeur c = Classeur::copieSansTitre(maintenant[0].fichier);
    ASSERT_TRUE(c.aFeuille(kEvolution) && c.aFeuille(kPrecedent));
    c.recalculer();
    EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
    EXPECT_EQ(c.texte(kEvolution, evo::celluleNombreChangements), "") << "no comparison yet";
    const auto initial = instantane(c);

    // 1. By the menu URL: our workbook of the earlier year.
    const std::string r1 = rapportMenu(c, kCommande, {pv("Fichier", uno::Any(ou(source.string())))});
    {
        SCOPED_TRACE("workbook");
        verifierEvolution(c, ids, entreesDe(avant[0]), entreesDe(maintenant[0]), r1);
        EXPECT_EQ(c.texte(kEvolution, evo::celluleSource).find(source.filename().string()), 0u);
    }
    EXPECT_EQ(empreinte(source), empreinteSource) << "the source was modified";

    // 2. One undo restores every cell.
    {
        uno::Reference<css::document::XUndoManager> um =
            uno::Reference<css::document::XUndoManagerSupplier>(c.document(), uno::UNO_QUERY_THROW)->getUndoManager();
        ASSERT_TRUE(um->isUndoPossible());
        EXPECT_EQ(utf8(um->getCurrentUndoActionTitle()), "Comparer avec un autodiagnostic précédent");
        um->undo();
        c.recalculer();
        SCOPED_TRACE("after one undo");
        verifierEgal(initial, instantane(c));
        um->redo();
        c.recalculer();
        verifierEvolution(c, ids, entreesDe(avant[0]), entreesDe(maintenant[0]), r1);
    }

    // 3. Again with a platform export of the earlier year: the comparison is replaced.
    Entrees3 export3;
    const Entrees3 actuel = entreesDe(maintenant[0]);
    const fs::path xlsx = fabriquerExport(dossier.chemin, ids, export3, actuel.contexte);
    const auto empreinteExport = empreinte(xlsx);
    const std::string r2 = rapportMenu(c, kCommande, {pv("Fichier", uno::Any(ou(xlsx.string())))});
    {
        SCOPED_TRACE("platform export");
        verifierEvolution(c, ids, export3, actuel, r2);
        EXPECT_NE(r2.find("export de la plateforme"), std::string::npos) << r2;
        // Nothing of the first comparison is left on « Précédent » (inputs read from the sheet itself).
        const Plage statutsLus = c.plage(kPrecedent, plage(pre::colonneStatut, pre::ligneFeuillePremiere,
                                                           pre::colonneStatut, kDerniereLigneRef));
        for (std::size_t l = 0; l < ids.lignes; ++l)
            EXPECT_EQ(enTexte(statutsLus.at(l, 0)), enTexte(export3.statuts.at(l, 0))) << "row " << l + kPremiereLigneRef;
    }
    EXPECT_EQ(empreinte(xlsx), empreinteExport) << "the export was modified";

    // 4. The Basic entry point, on a fresh copy.
    {
        Classeur d = Classeur::copieSansTitre(maintenant[0].fichier);
        const std::string r = rapportMacro(kCommande, {uno::Any(ou(urlDe(source))), uno::Any(d.composant())});
        SCOPED_TRACE("Basic");
        verifierEvolution(d, ids, entreesDe(avant[0]), entreesDe(maintenant[0]), r);
    }
    EXPECT_EQ(empreinte(source), empreinteSource);
    for (const fs::path& p : fs::directory_iterator(dossier.chemin))
        EXPECT_EQ(p.filename().string().rfind(".~lock", 0), std::string::npos) << "lock file left: " << p;
}

TEST_F(CalcTest, ComparerRefuseLesMauvaisFichiers) {
    DossierTemp dossier;
    const fs::path& D = dossier.chemin;
    const auto avant = fabrique::fabriquer(ECI_AUTODIAG_ODS, D, 1, 77u, 1);
    std::vector<std::pair<fs::path, std::string>> mauvais;  // file, words the report must contain
    {
        const fs::path p = D / "abime.ods";
        std::ifstream in(avant[0].fichier, std::ios::binary);
        std::string octets((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(p, std::ios::binary).write(octets.data(), static_cast<std::streamsize>(octets.size() / 2));
        mauvais.emplace_back(p, "n'a pas pu être ouvert");
    }
    {
        const fs::path p = D / "plan.ods";
        fs::copy_file(ECI_PLAN_ODS, p);
        mauvais.emplace_back(p, "ni un autodiagnostic");
    }
    {
        const fs::path p = D / "notes.xlsx";
        std::ofstream(p) << "Ceci n'est pas un classeur.\n";
        mauvais.emplace_back(p, "Le fichier");
    }
    {
        const fs::path p = D / "protege.ods";
        Classeur d = Classeur::nouveau();
        ecrireTexte(d.premiereFeuille()->getCellByPosition(0, 0), "N°");
        d.enregistrer(p, {pv("Password", uno::Any(::rtl::OUString("secret")))});
        mauvais.emplace_back(p, "n'a pas pu être ouvert");
    }
    {
        const fs::path p = D / "tube.ods";
        ASSERT_EQ(mkfifo(p.c_str(), 0600), 0);
        mauvais.emplace_back(p, "");
    }
    {  // a flat ODS declaring a billion filled cells in a few hundred bytes
        const fs::path p = D / "bombe.fods";
        std::ofstream(p) << "<?xml version=\"1.0\"?><office:document xmlns:office=\"urn:oasis:names:tc:opendocument:"
                            "xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                            "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:mimetype="
                            "\"application/vnd.oasis.opendocument.spreadsheet\"><office:body><office:spreadsheet>"
                            "<table:table table:name=\"A\"><table:table-row table:number-rows-repeated=\"1000000\">"
                            "<table:table-cell table:number-columns-repeated=\"1000\" office:value-type=\"float\" "
                            "office:value=\"1\"><text:p>1</text:p></table:table-cell></table:table-row></table:table>"
                            "</office:spreadsheet></office:body></office:document>";
        mauvais.emplace_back(p, "");
    }
    std::map<fs::path, std::uint64_t> empreintes;
    for (const auto& [p, _] : mauvais)
        if (!fs::is_fifo(p)) empreintes[p] = *empreinte(p);

    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_ODS);
    const auto initial = instantane(c);
    for (const auto& [p, mots] : mauvais) {
        SCOPED_TRACE(p.filename().string());
        const Resultat r = executer(c, kCommande, {pv("Fichier", uno::Any(ou(p.string())))});
        ASSERT_TRUE(Office::instance().alive()) << "soffice died on " << p;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE) << r.rapport;
        EXPECT_NE(r.rapport.find(p.filename().string()), std::string::npos) << r.rapport;
        EXPECT_NE(r.rapport.find(mots), std::string::npos) << r.rapport;
        EXPECT_EQ(r.rapport.find("Exception"), std::string::npos) << r.rapport;
    }
    verifierEgal(initial, instantane(c));
    for (const auto& [p, h] : empreintes) EXPECT_EQ(empreinte(p), h) << p << " was modified";

    // The open autodiagnostic itself: refused, and the document stays open and usable.
    {
        Classeur meme = Classeur::ouvrir(avant[0].fichier);
        const Resultat r = executer(meme, kCommande, {pv("Fichier", uno::Any(ou(avant[0].fichier.string())))});
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE) << r.rapport;
        EXPECT_NE(r.rapport.find("est l'autodiagnostic ouvert"), std::string::npos) << r.rapport;
        EXPECT_TRUE(meme.aFeuille(kEvolution));
    }
    // A target that is no autodiagnostic.
    {
        Classeur vierge = Classeur::nouveau();
        const Resultat r = executer(vierge, kCommande, {pv("Fichier", uno::Any(ou(avant[0].fichier.string())))});
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE) << r.rapport;
        EXPECT_NE(r.rapport.find("n'est pas un autodiagnostic"), std::string::npos) << r.rapport;
    }
    EXPECT_TRUE(Office::instance().alive());
}
