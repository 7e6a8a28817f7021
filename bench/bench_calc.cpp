// Benchmark harness (not a test): recalculation time of a sheet holding the whole ECi
// référentiel in a real headless LibreOffice Calc (the harness of tests/calc), medians over
// repeated recalculations, with ratios against native formulas measured in the same run.
//
//   (a) one ECI.EVALUER array formula (368 × 8)
//   (b) 368 ECI.SCORE formulas, one per row, each with the full ranges (the add-in caches
//       evaluations by content: mostly the cost of passing the ranges 368 times)
//   (c) baseline: 368 native formulas (COUNTA + SUM) over the same ranges
//   (d) for reference: calculateAll of the same sheet without any formula (UNO round trip)
//   (e) with a workbook given: the whole autodiagnostic (all its sheets), one statut of Référentiel
//       changed between two recalculations, as in (a)-(d); then the same with calculate() (every
//       formula that depends on the change, on all the sheets)
//   (f) the same workbook as an officer uses it, automatic calculation ON (Calc's default): Calc then
//       computes a changed cell's dependents when they are needed, that is when they are shown (or
//       read). For each sheet, one screen of it (its first rows) is read after the change of statut;
//       the baseline, in the same run, is the same screen read again with nothing changed. The
//       difference is the recalculation the officer waits for before that sheet is up to date.
//       (bench/ecran_fenetre.py measures the same in a real Calc window under Xvfb.)
//
// Between two measures one status changes (a new content each time, so the add-in's cache
// does not answer), then XCalculatable::calculateAll() is timed (automatic calculation off).
//
// usage: eci_bench_calc [recalculs] [autodiagnostic.ods]   (default 31; (e) only with a workbook)
// Needs the profile made by the ctest fixture eci_calc_profile (or ECI_PROFILE_TEMPLATE).
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/util/XCloseable.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "eci/disposition.hpp"
#include "eci/referentiel.hpp"
#include "office.hpp"

using namespace eci::test;

#include "mesure.hpp"

using eci::bench::mediane;
using eci::bench::medianeMicro;

namespace {

const char* const kStatuts[] = {"fait", "programmé", "pas fait", "non concerné"};

struct Donnees {
    std::vector<Row> lignes;   // A:E
    std::vector<Row> contexte; // G:H
    std::vector<int> feuilles; // rows (0-based) whose statut the benchmark changes
};

Donnees donnees() {
    auto ref = eci::Referentiel::eci();
    std::mt19937 rng(42);
    Donnees d;
    for (std::size_t i = 0; i < ref->taille(); ++i) {
        const eci::Noeud& n = ref->noeud(static_cast<int>(i));
        Row r{n.identifiant.empty() ? std::string("eci") : n.identifiant, Blank{}, Blank{}, Blank{}, Blank{}};
        if (n.estSousActionOuTache()) {
            d.feuilles.push_back(static_cast<int>(i));
            const int k = static_cast<int>(rng() % 7);
            if (k < 4) r[1] = std::string(kStatuts[k]);
            if (k == 4) {
                r[1] = std::string("détaillé");
                r[2] = 0.5;
                r[3] = 0.3;
                r[4] = 0.2;
            }
        }
        d.lignes.push_back(r);
    }
    d.contexte = {Row{std::string("type"), std::string("EPCI")},
                  Row{std::string("soustype"), std::string("epci_a_fiscalite_propre")},
                  Row{std::string("population"), 80000.0},
                  Row{std::string("drom"), std::string("NON")},
                  Row{std::string("dechets_1"), std::string("OUI")},
                  Row{std::string("dechets_2"), std::string("OUI")},
                  Row{std::string("dechets_3"), std::string("NON")},
                  Row{std::string("dev_eco_1"), std::string("OUI")},
                  Row{std::string("formation"), Blank{}},
                  Row{std::string("REOM"), std::string("NON")},
                  Row{std::string("SPASER"), Blank{}}};
    return d;
}

struct Mesure {
    double medianeMs = 0;
    double minMs = 0;
};

// Fills a new document, adds the formulas, then times `recalculs` calculateAll after edits.
Mesure mesurer(const Donnees& d, const std::function<void(Sheet&)>& formules, int recalculs, Sheet** garder = nullptr,
               std::unique_ptr<Sheet>* proprietaire = nullptr) {
    auto s = std::make_unique<Sheet>(Office::instance());
    s->setValues("A1", d.lignes);
    s->setValues("G1", d.contexte);
    formules(*s);
    uno::Reference<css::sheet::XCalculatable> calc(s->document(), uno::UNO_QUERY_THROW);
    calc->enableAutomaticCalculation(false);
    calc->calculateAll();  // warm-up
    std::vector<double> t;
    for (int k = 0; k < recalculs; ++k) {
        // One status changes on a new row each time: every state is new (no cache hit).
        const int ligne = d.feuilles[static_cast<std::size_t>(k) % d.feuilles.size()];
        s->setValue("B" + std::to_string(ligne + 1), std::string(kStatuts[(k / 7 + ligne) % 4]));
        auto a = std::chrono::steady_clock::now();
        calc->calculateAll();
        auto b = std::chrono::steady_clock::now();
        t.push_back(std::chrono::duration<double, std::milli>(b - a).count());
    }
    Mesure m{mediane(t), *std::min_element(t.begin(), t.end())};
    if (garder && proprietaire) {
        *garder = s.get();
        *proprietaire = std::move(s);
    }
    return m;
}

// (f) One screen of a sheet: medians of its reading after a change of statut and of a second reading.
struct Ecran {
    std::string feuille, plage;
    double apresMs = 0, reluMs = 0;
    double calculMs() const { return apresMs - reluMs; }
};

// (e) The autodiagnostic workbook `fichier` (an untitled copy, hidden, never stored): a tâche's statut
// changes in Référentiel before each timed calculateAll (returned), then before each calculate (`sale`).
Mesure mesurerClasseur(const std::string& fichier, int recalculs, Mesure* sale, std::vector<Ecran>* ecrans) {
    namespace ref = eci::disposition::autodiagnostic::referentiel;
    Office::instance().ensureRunning();
    uno::Sequence<css::beans::PropertyValue> p(2);
    p.getArray()[0].Name = "Hidden";
    p.getArray()[0].Value <<= true;
    p.getArray()[1].Name = "AsTemplate";
    p.getArray()[1].Value <<= true;
    uno::Reference<css::lang::XComponent> doc(
        Office::instance().desktop()->loadComponentFromURL(ou("file://" + fichier), "_blank", 0, p), uno::UNO_QUERY_THROW);
    uno::Reference<css::sheet::XSpreadsheetDocument> d(doc, uno::UNO_QUERY_THROW);
    uno::Reference<css::sheet::XSpreadsheet> f(d->getSheets()->getByName(ou(eci::disposition::autodiagnostic::feuilleReferentiel)),
                                               uno::UNO_QUERY_THROW);
    uno::Reference<css::sheet::XCalculatable> calc(doc, uno::UNO_QUERY_THROW);
    calc->enableAutomaticCalculation(false);
    calc->calculateAll();  // warm-up
    auto ids = eci::Referentiel::eci();
    std::vector<sal_Int32> taches;
    for (sal_Int32 l = ref::ligneUnoPremiere; l <= ref::ligneUnoDerniere; ++l) {
        uno::Reference<css::text::XTextRange> t(f->getCellByPosition(ref::colonneUnoId, l), uno::UNO_QUERY_THROW);
        const int i = ids->index(utf8(t->getString()));
        if (i >= 0 && ids->noeud(i).type == "tache") taches.push_back(l);
    }
    // tout: calculateAll (every formula); else calculate (every formula that depends on the change, on all
    // the sheets: more than an officer waits for, see (f)).
    auto serie = [&](bool tout, int decalage) {
        std::vector<double> t;
        for (int k = 0; k < recalculs; ++k) {
            const sal_Int32 l = taches[static_cast<std::size_t>(k * 7 + decalage) % taches.size()];
            uno::Reference<css::text::XTextRange>(f->getCellByPosition(ref::colonneUnoStatut, l), uno::UNO_QUERY_THROW)
                ->setString(ou(kStatuts[(k / 5 + l) % 4]));
            auto a = std::chrono::steady_clock::now();
            if (tout) calc->calculateAll();
            else calc->calculate();
            auto b = std::chrono::steady_clock::now();
            t.push_back(std::chrono::duration<double, std::milli>(b - a).count());
        }
        return Mesure{mediane(t), *std::min_element(t.begin(), t.end())};
    };
    const Mesure tout = serie(true, 0);
    if (sale) *sale = serie(false, 3);
    if (ecrans) {
        // (f) Automatic calculation on: after the change, one screen of a sheet is read (Calc computes
        // what it needs for it), then read again (the baseline: the same UNO round trip, nothing to compute).
        calc->calculateAll();
        calc->enableAutomaticCalculation(true);
        namespace dispo = eci::disposition::autodiagnostic;
        // A screen: what a 1280 × 860 window shows of the sheet (its first 45 rows, its used columns), or the
        // sheet's printed summary when it has one.
        const std::pair<const char*, const char*> vues[] = {
            {dispo::feuilleReferentiel, "A1:O45"}, {dispo::feuilleSynthese, dispo::synthese::plageImpression},
            {dispo::feuilleLabellisation, dispo::labellisation::plageResume},
            {dispo::feuilleProchainesEtapes, "A1:G45"}, {dispo::feuilleEvolution, "A1:G45"}};
        int k = 0;
        for (const auto& [nom, plage] : vues) {
            uno::Reference<css::sheet::XSpreadsheet> feuille(d->getSheets()->getByName(ou(nom)), uno::UNO_QUERY_THROW);
            uno::Reference<css::sheet::XCellRangeData> ecran(feuille->getCellRangeByName(ou(plage)), uno::UNO_QUERY_THROW);
            std::vector<double> apres, relu;
            for (int i = 0; i < recalculs; ++i, ++k) {
                const sal_Int32 l = taches[static_cast<std::size_t>(k * 7 + 5) % taches.size()];
                uno::Reference<css::text::XTextRange>(f->getCellByPosition(ref::colonneUnoStatut, l), uno::UNO_QUERY_THROW)
                    ->setString(ou(kStatuts[(k / 5 + l) % 4]));
                auto a = std::chrono::steady_clock::now();
                ecran->getDataArray();
                auto b = std::chrono::steady_clock::now();
                ecran->getDataArray();
                auto c = std::chrono::steady_clock::now();
                apres.push_back(std::chrono::duration<double, std::milli>(b - a).count());
                relu.push_back(std::chrono::duration<double, std::milli>(c - b).count());
            }
            ecrans->push_back(Ecran{nom, plage, mediane(apres), mediane(relu)});
        }
    }
    uno::Reference<css::util::XCloseable>(doc, uno::UNO_QUERY_THROW)->close(true);
    return tout;
}

}  // namespace

int main(int argc, char** argv) {
    const int recalculs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 31;
    int code = 0;
    try {
        const Donnees d = donnees();
        const std::size_t n = d.lignes.size();
        const std::string N = std::to_string(n);
        const std::string plages = "$A$1:$A$" + N + ";$B$1:$B$" + N;
        const std::string optionnels = "$C$1:$E$" + N + ";$G$1:$H$11";

        std::printf("Démarrage de LibreOffice (headless)…\n");
        std::fflush(stdout);
        Office::instance();

        std::unique_ptr<Sheet> docA, docB;
        Sheet* a = nullptr;
        Sheet* b = nullptr;
        const Mesure ma = mesurer(
            d, [&](Sheet& s) { s.setArrayFormula("J1:Q" + N, "=ECI.EVALUER(" + plages + ";" + optionnels + ")"); },
            recalculs, &a, &docA);
        const Mesure mb = mesurer(
            d,
            [&](Sheet& s) {
                for (std::size_t r = 1; r <= n; ++r)
                    s.setFormula("J" + std::to_string(r),
                                 "=ECI.SCORE(" + plages + ";A" + std::to_string(r) + ";\"fait\";" + optionnels + ")");
            },
            recalculs, &b, &docB);
        const Mesure mc = mesurer(
            d,
            [&](Sheet& s) {
                for (std::size_t r = 1; r <= n; ++r)
                    s.setFormula("J" + std::to_string(r),
                                 "=COUNTA($A$1:$B$" + N + ")+SUM($C$1:$E$" + N + ")+COUNTA($G$1:$H$11)");
            },
            recalculs);
        const Mesure md = mesurer(d, [](Sheet&) {}, recalculs);

        // Sanity: after the same edits, (a) and (b) give the same points faits on every row.
        int differences = 0;
        const auto va = a->values("L1:L" + N);  // column 3 of EVALUER: points faits
        const auto vb = b->values("J1:J" + N);
        for (std::size_t r = 0; r < n; ++r)
            if (!(va[r][0] == vb[r][0])) ++differences;

        std::printf("\nRecalcul d'une feuille du référentiel ECi complet (%zu lignes) dans Calc headless\n", n);
        std::printf("médianes sur %d recalculs (calculateAll après modification d'un statut)\n\n", recalculs);
        auto ligne = [](const char* libelle, const Mesure& m) {
            std::printf("  %-62s %8.2f ms  (min %.2f ms)\n", libelle, m.medianeMs, m.minMs);
        };
        ligne("(a) une formule matricielle ECI.EVALUER (368 × 8)", ma);
        ligne("(b) 368 formules ECI.SCORE (une par ligne, plages complètes)", mb);
        ligne("(c) référence : 368 formules natives (NBVAL + SOMME)", mc);
        ligne("(d) pour mémoire : feuille sans formule (aller-retour UNO)", md);
        std::printf("\n  rapport (b)/(a) : %.1f   (368 appels contre un seul)\n", mb.medianeMs / ma.medianeMs);
        std::printf("  rapport (a)/(c) : %.2f   (une évaluation complète contre des formules natives)\n",
                    ma.medianeMs / mc.medianeMs);
        std::printf("\n  Objectif : la feuille à un seul appel se recalcule en moins de 5 ms : %s (%.2f ms)\n",
                    ma.medianeMs < 5 ? "atteint" : "NON ATTEINT", ma.medianeMs);
        std::printf("  Contrôle : (a) et (b) donnent les mêmes points faits sur les %zu lignes : %s\n", n,
                    differences == 0 ? "oui" : "NON");
        if (differences) code = 2;
        if (argc > 2) {
            Mesure sale{};
            std::vector<Ecran> ecrans;
            const Mesure me = mesurerClasseur(argv[2], recalculs, &sale, &ecrans);
            std::printf("\n  (e) classeur d'autodiagnostic entier (%s), toutes les formules de toutes les feuilles :\n",
                        argv[2]);
            std::printf("      calculateAll : %.2f ms  (min %.2f ms)\n", me.medianeMs, me.minMs);
            std::printf("      calculate (celles qui dépendent du statut changé, sur toutes les feuilles) : %.2f ms  "
                        "(min %.2f ms)\n", sale.medianeMs, sale.minMs);
            std::printf("      objectif moins de 10 ms pour tout recalculer d'un coup : %s\n",
                        sale.medianeMs < 10 ? "atteint" : "NON ATTEINT");
            std::printf("\n  (f) calcul automatique (le réglage de Calc) : un statut changé, puis un écran d'une feuille lu\n"
                        "      (Calc calcule ce qu'il affiche) ; référence : le même écran relu, rien de changé\n");
            double pire = 0;
            for (const Ecran& e : ecrans) {
                std::string nom = e.feuille;  // padded to 18 characters (printf pads bytes, not accented letters)
                for (std::size_t n = static_cast<std::size_t>(std::count_if(nom.begin(), nom.end(), [](char c) {
                         return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
                     }));
                     n < 18; ++n)
                    nom += ' ';
                std::printf("      %s %-7s lu après la saisie %6.2f ms, relu %5.2f ms : calcul %5.2f ms (rapport %.1f)\n",
                            nom.c_str(), e.plage.c_str(), e.apresMs, e.reluMs, e.calculMs(),
                            e.apresMs / e.reluMs);
                pire = std::max(pire, e.calculMs());
            }
            std::printf("      objectif moins de 10 ms pour l'écran le plus long : %s (%.2f ms)\n",
                        pire < 10 ? "atteint" : "NON ATTEINT", pire);
        }
    } catch (const uno::Exception& e) {
        std::fprintf(stderr, "erreur UNO : %s\n", utf8(e.Message).c_str());
        code = 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "erreur : %s\n(le profil LibreOffice est-il prêt ? lancer d'abord "
                             "ctest -R eci_calc_profile, ou définir ECI_PROFILE_TEMPLATE)\n", e.what());
        code = 1;
    }
    Office::shutdownAll();
    return code;
}
