// Soak harness (not a test): many random edits + recalculations of the example workbooks in a
// real headless LibreOffice Calc (the harness of tests/calc), with periodic checks:
//   - every 50 iterations: Synthèse D10 (total fait) / C10 (potentiel) of the example
//     autodiagnostic against eci::calc::score computed in-process on the inputs read out of the
//     document (Référentiel A7:A373, J7:J373, L7:N373, Collectivité B4:C16: cells from
//     spreadsheets/disposition.json through classeur.hpp);
//   - every 200 iterations (--periode): a round of every menu command through DispatchHelper
//     (menu URLs fr.ademe.eci.commandes:<Commande>), each result checked, every document a
//     command creates closed by the harness:
//       filtre         FiltrerCandidatures ?critere=selection then ?critere=aucun on the grid: the
//                      rows shown are the panel of CRITERES.SELECTION computed in-process (and X2:X201
//                      equals it), then every candidate;
//       autodiag       NouvelAutodiagnostic (Cache=true): a spreadsheet comes back;
//       import         NouvelAutodiagnostic, then ImporterExport (Fichier=) of a platform export
//                      (tests/data/export-plateforme-eci.xlsx with 6 statuses written in a temporary
//                      copy): « Import terminé », « 6 statuts importés », the same report every round,
//                      Synthèse D10 / C10 equal to the library's on the imported inputs;
//       plan           NouveauPlanFinancement (Cache=true), then VerifierPlanFinancement (Silencieux)
//                      four times: empty plan (« Aucune ligne saisie »), the example's inputs typed in
//                      (« 2 lignes saisies sont conformes », H / I equal to AIDE.ASSIETTE / MONTANT), an
//                      over-financed line 8 (« 1 ligne(s) à revoir » with AIDE.VERIFIER's text, line
//                      marked), fixed again (conformes, mark gone);
//       consolidation  NouvelleGrilleCandidatures (Cache=true), then ConsoliderCandidatures (Dossier=)
//                      twice on a temporary folder of 3 copies of the example autodiagnostic:
//                      « 3 autodiagnostic(s) lu(s) sur 3 fichier(s) », then « 3 ligne(s) mise(s) à
//                      jour », 3 rows whose F / G / H equal the library's figures of the example;
//     after each round: no document left open (desktop components back to the count before the
//     round) and the source files unchanged (FNV-1a checksums of the example workbooks, the
//     export template, the temporary export and folder; no stray file such as a .~lock);
//   - soffice's resident memory (VmRSS, and its anonymous / file-backed parts) at start, every 100
//     iterations (--rss), at each quarter of the run, at the end, and its peak; soffice alive
//     throughout. The RSS after the first quarter vs the end separates a plateau (warm-up, caches)
//     from a steady growth (leak).
// An edit is either a random status in Référentiel!J (fait, programmé, pas fait, non concerné,
// détaillé with random fractions in L:N, non renseigné, or blank; L:N cleared otherwise) or a
// random note (0–5 or NC) in Candidatures!O2:T31. Then XCalculatable::calculateAll().
//
// usage: eci_soak [options] [iterations]   (default 2000; no option = the behaviour above)
//   --sans-commandes        edits only, no menu command
//   --commandes-seulement   no edits: the commands only, every iteration (unless --periode)
//   --periode N             run the commands every N iterations (default 200)
//   --commandes LISTE       which commands, comma-separated (default: filtre,autodiag,import,plan,
//                           consolidation = toutes; see above), and the control:
//                             chargement control without our component: the same template
//                                        (extension's modeles/autodiagnostic.ods) opened with plain
//                                        XComponentLoader::loadComponentFromURL (AsTemplate, Hidden)
//                                        and closed the same way
//   --chargement-direct     same as --commandes chargement
//   --rss N                 RSS sample every N iterations (default 100, or iterations/20 with
//                           --commandes-seulement)
// The environment is passed on to soffice: MALLOC_ARENA_MAX=1 takes glibc's per-thread-arena
// fragmentation out of the RSS (the growth left is what LibreOffice really keeps).
// Needs the profile made by the ctest fixture eci_calc_profile (ECI_PROFILE_TEMPLATE, ECI_RDB).
// Exit code 1 when soffice died, a figure differed from the library's, a command failed or gave
// an unexpected report, a document was left open or a source file changed; 2 on a bad command line.
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_aide.hpp"
#include "eci/calc/fonctions_criteres.hpp"
#include "classeur.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

using namespace eci::test;
namespace fs = std::filesystem;
using ::rtl::OUString;

namespace {

// Sheet names, node rows and cells: classeur.hpp (spreadsheets/disposition.json).
namespace dispoRef = dispo::autodiagnostic::referentiel;
namespace dispoColl = dispo::autodiagnostic::collectivite;
namespace dispoPlan = dispo::planFinancement::plan;
namespace dispoParams = dispo::planFinancement::parametres;
namespace dispoGrille = dispo::candidatures::candidatures;
namespace dispoParamsGrille = dispo::candidatures::parametres;
// The six statuses, and blank.
const char* const kStatuts[] = {"fait", "programmé", "pas fait", "non concerné", "détaillé", "non renseigné", ""};
// The six notes of the grid (O..T).
const char* const kColonnesNotes[6] = {dispoGrille::colonneC1, dispoGrille::colonneC4, dispoGrille::colonneC5,
                                       dispoGrille::colonneC6, dispoGrille::colonneC7, dispoGrille::colonneC8};
constexpr sal_Int32 kRouge = 0xF4CCCC;  // the mark of « Vérifier le plan de financement »
constexpr int kCopiesConsolidation = 3;  // copies of the example autodiagnostic in the folder

// The commands a round can run (--commandes), in the order of a round; chargement is the control.
enum Commande { kFiltre, kAutodiag, kImport, kPlan, kConsolidation, kChargement, kNbCommandes };
const char* const kNomsCommandes[kNbCommandes] = {"filtre", "autodiag", "import", "plan", "consolidation", "chargement"};
// The menu URLs, for the per-command counts.
const char* const kCommandesMenu[] = {"FiltrerCandidatures",    "NouvelAutodiagnostic",       "ImporterExport",
                                      "NouveauPlanFinancement", "VerifierPlanFinancement",    "NouvelleGrilleCandidatures",
                                      "ConsoliderCandidatures"};

// Library figure (ECI.SCORE with the workbook's arguments) on the document's inputs.
double scoreBibliotheque(const Classeur& d, const char* mesure) {
    const eci::calc::Plage ids = d.plage(kFeuilleRef, plageRef(dispoRef::colonneId));
    const eci::calc::Plage statuts = d.plage(kFeuilleRef, plageRef(dispoRef::colonneStatut));
    const eci::calc::Plage details = d.plage(kFeuilleRef, plageRef(dispoRef::colonnePartFaite, dispoRef::colonnePartPasFaite));
    const eci::calc::Plage contexte = d.plage(kFeuilleCollectivite, dispoColl::plageContexte);
    return eci::calc::score(ids, statuts, eci::calc::Plage(eci::calc::Cellule(std::string())),
                            eci::calc::Plage(eci::calc::Cellule(std::string(mesure))), details, contexte,
                            std::nullopt);
}

bool egaux(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

bool contient(const std::string& texte, const std::string& morceau) { return texte.find(morceau) != std::string::npos; }

// An optional argument as Calc passes a single cell: absent when empty.
eci::calc::Optionnel optionnel(const eci::calc::Cellule& c) {
    if (const std::string* t = std::get_if<std::string>(&c); t && t->empty()) return std::nullopt;
    if (std::holds_alternative<std::monostate>(c)) return std::nullopt;
    return eci::calc::Plage(c);
}
double nombre(const eci::calc::Cellule& c) {
    const double* d = std::get_if<double>(&c);
    return d ? *d : std::nan("");
}

// The document a command gave back (null when its result is none).
uno::Reference<css::lang::XComponent> documentDe(const Resultat& r) {
    return uno::Reference<css::lang::XComponent>(r.valeur, uno::UNO_QUERY);
}

// The panel of CRITERES.SELECTION computed in-process on the grid's scores (U), typologies
// (AD / AE) and parameters (Paramètres D20 nombre, D21 score minimal), rows 2..201.
eci::calc::Plage panelBibliotheque(const Classeur& g) {
    const std::string valeur = dispoParamsGrille::colonneValeur;
    return eci::calc::criteresSelection(g.plage(kFeuilleCandidatures, colonneGrille(dispoGrille::colonneScore)),
                                        g.plage(kFeuilleCandidatures, colonneGrille(dispoGrille::colonneCalcTerritoire)),
                                        g.plage(kFeuilleCandidatures, colonneGrille(dispoGrille::colonneCalcCollectivite)),
                                        optionnel(g.argument(kFeuilleParametresGrille, cellule(valeur, dispoParamsGrille::ligneFeuilleNombre))),
                                        optionnel(g.argument(kFeuilleParametresGrille, cellule(valeur, dispoParamsGrille::ligneFeuilleScoreMin))));
}

// Line r of a financing plan against the library: "" when H (assiette) and I (aide) are
// AIDE.ASSIETTE / AIDE.MONTANT of the line's inputs, else what differs. *verifier: AIDE.VERIFIER.
std::string lignePlanContreBibliotheque(const Classeur& d, int r, std::string* verifier = nullptr) {
    const std::string R = std::to_string(r);
    const std::string H = dispoPlan::colonneHtr + R, I = dispoPlan::colonneAide + R;
    const eci::calc::Cellule phase = d.argument(kFeuillePlan, dispoPlan::colonnePhase + R), ht = d.argument(kFeuillePlan, dispoPlan::colonneHt + R);
    const eci::calc::Optionnel tva = optionnel(d.argument(kFeuillePlan, dispoPlan::colonneTva + R)),
                               part = optionnel(d.argument(kFeuillePlan, dispoPlan::colonnePartTva + R));
    const double assiette = eci::calc::aideAssiette(nombre(ht), tva, part);
    const double aide = eci::calc::aideMontant(nombre(ht), phase, optionnel(d.argument(kFeuilleParametresPlan, dispoParams::celluleTauxAide)),
                                               tva, part, optionnel(d.argument(kFeuilleParametresPlan, dispoParams::cellulePlafondSur)));
    if (verifier)
        *verifier = eci::calc::aideVerifier(nombre(ht), phase, aide, tva, part,
                                            optionnel(d.argument(kFeuillePlan, dispoPlan::colonneAutres + R)),
                                            optionnel(d.argument(kFeuillePlan, dispoPlan::colonneInvestissement + R)));
    std::string ecart;
    const double h = d.valeur(kFeuillePlan, H), i = d.valeur(kFeuillePlan, I);
    if (!egaux(h, assiette)) ecart += H + " " + std::to_string(h) + " (attendu " + std::to_string(assiette) + ") ";
    if (!egaux(i, aide)) ecart += I + " " + std::to_string(i) + " (attendu " + std::to_string(aide) + ") ";
    return ecart;
}

// Resident memory of a process, in MB (-1 when unreadable): total (VmRSS), anonymous (heap,
// stacks: where a leak shows) and file-backed (libraries, mapped files: grows once when a
// library is first used, then stays).
struct Rss {
    double total = -1, anon = -1, fichier = -1;
};

Rss lireRss(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string ligne;
    Rss r;
    auto champ = [&](const char* nom, double& v) {
        if (ligne.rfind(nom, 0) == 0) v = std::atof(ligne.c_str() + std::strlen(nom)) / 1024.0;
    };
    while (std::getline(f, ligne)) {
        champ("VmRSS:", r.total);
        champ("RssAnon:", r.anon);
        champ("RssFile:", r.fichier);
    }
    return r;
}

// Command line (see the usage at the top of the file).
struct Options {
    int iterations = 2000;
    bool modifications = true;  // random edits + recalculation at every iteration
    int periode = 200;          // the commands every `periode` iterations
    bool periodeDonnee = false;
    // Which commands a round runs (kNomsCommandes; all but the chargement control by default).
    bool commande[kNbCommandes] = {true, true, true, true, true, false};
    int periodeRss = 100;
    bool periodeRssDonnee = false;
    bool commandes() const { return std::find(commande, commande + kNbCommandes, true) != commande + kNbCommandes; }
    void aucune() { std::fill(commande, commande + kNbCommandes, false); }
};

void usage(const char* prog) {
    std::fprintf(stderr,
                 "usage : %s [options] [itérations=2000]\n"
                 "  --sans-commandes        modifications seulement, aucune commande de menu\n"
                 "  --commandes-seulement   aucune modification : les commandes à chaque itération\n"
                 "  --periode N             les commandes toutes les N itérations (200 par défaut)\n"
                 "  --commandes LISTE       filtre,autodiag,import,plan,consolidation,chargement\n"
                 "                          (défaut : toutes = les cinq premières) ;\n"
                 "                          chargement = témoin : le même modèle ouvert par\n"
                 "                          loadComponentFromURL, sans notre composant, puis fermé\n"
                 "  --chargement-direct     = --commandes chargement\n"
                 "  --rss N                 RSS relevé toutes les N itérations (100 par défaut)\n",
                 prog);
}

// Parses the command line; false on an error (message printed).
bool lireOptions(int argc, char** argv, Options& o) {
    bool iterationsDonnees = false;
    auto entier = [&](int& i, const std::string& nom, const std::string& arg, int& v) {
        std::string val;
        if (arg.size() > nom.size() && arg[nom.size()] == '=') val = arg.substr(nom.size() + 1);
        else if (i + 1 < argc) val = argv[++i];
        char* fin = nullptr;
        const long n = std::strtol(val.c_str(), &fin, 10);
        if (val.empty() || *fin || n < 1 || n > 100000000) {
            std::fprintf(stderr, "%s : entier ≥ 1 attendu, pas « %s »\n", nom.c_str(), val.c_str());
            return false;
        }
        v = static_cast<int>(n);
        return true;
    };
    auto prefixe = [](const std::string& a, const std::string& nom) {
        return a == nom || a.rfind(nom + "=", 0) == 0;
    };
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-h" || a == "--help" || a == "--aide") {
            usage(argv[0]);
            std::exit(0);
        } else if (a == "--sans-commandes") {
            o.aucune();
        } else if (a == "--commandes-seulement") {
            o.modifications = false;
        } else if (a == "--chargement-direct") {
            o.aucune();
            o.commande[kChargement] = true;
        } else if (prefixe(a, "--periode")) {
            if (!entier(i, "--periode", a, o.periode)) return false;
            o.periodeDonnee = true;
        } else if (prefixe(a, "--rss")) {
            if (!entier(i, "--rss", a, o.periodeRss)) return false;
            o.periodeRssDonnee = true;
        } else if (prefixe(a, "--commandes")) {
            std::string liste;
            if (a.size() > 11 && a[11] == '=') liste = a.substr(12);
            else if (i + 1 < argc) liste = argv[++i];
            o.aucune();
            std::size_t deb = 0;
            while (deb <= liste.size()) {
                std::size_t fin = liste.find(',', deb);
                if (fin == std::string::npos) fin = liste.size();
                const std::string c = liste.substr(deb, fin - deb);
                const auto k = std::find(kNomsCommandes, kNomsCommandes + kNbCommandes, c) - kNomsCommandes;
                if (c == "toutes") std::fill(o.commande, o.commande + kChargement, true);
                else if (k < kNbCommandes) o.commande[k] = true;
                else if (!c.empty()) {
                    std::fprintf(stderr,
                                 "--commandes : « %s » inconnue (filtre, autodiag, import, plan, consolidation, "
                                 "chargement, toutes)\n",
                                 c.c_str());
                    return false;
                }
                deb = fin + 1;
            }
        } else if (!a.empty() && a[0] != '-' && !iterationsDonnees) {
            char* fin = nullptr;
            const long n = std::strtol(a.c_str(), &fin, 10);
            if (*fin || n < 1) {
                std::fprintf(stderr, "nombre d'itérations illisible : « %s »\n", a.c_str());
                return false;
            }
            o.iterations = static_cast<int>(std::min<long>(n, 100000000));
            iterationsDonnees = true;
        } else {
            std::fprintf(stderr, "argument inconnu : « %s »\n", a.c_str());
            usage(argv[0]);
            return false;
        }
    }
    if (!o.modifications && !o.commandes()) {
        std::fprintf(stderr, "--commandes-seulement sans aucune commande : rien à faire\n");
        return false;
    }
    if (!o.modifications && !o.periodeDonnee) o.periode = 1;
    if (!o.modifications && !o.periodeRssDonnee) o.periodeRss = std::max(1, o.iterations / 20);
    return true;
}

// URL of the template NouvelAutodiagnostic opens (the installed extension's copy), for the
// control run that opens it without our component.
OUString urlModeleAutodiag() {
    uno::Reference<css::deployment::XPackageInformationProvider> pip =
        css::deployment::PackageInformationProvider::get(Office::instance().context());
    const OUString racine = pip->getPackageLocation("fr.ademe.eci");
    if (racine.isEmpty()) throw std::runtime_error("extension fr.ademe.eci introuvable dans le profil");
    return racine + "/modeles/autodiagnostic.ods";
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    if (!lireOptions(argc, argv, opt)) return 2;
    const int iterations = opt.iterations;
    int code = 0;
    long modifications = 0, recalculs = 0, macros = 0, macrosEchouees = 0, controles = 0, ecarts = 0;
    long rounds = 0, chargements = 0;
    // Per menu command: dispatched, failed (state, report, result checks), time spent.
    struct Compte {
        long lancees = 0, echecs = 0;
        double secondes = 0;
    };
    std::map<std::string, Compte> parCommande;
    long documentsLaisses = 0, fichiersModifies = 0, exceptions = 0;
    double dernierFait = std::nan(""), dernierPotentiel = std::nan("");
    Rss rssDebut, rssFin;
    double rssPic = -1;
    // RSS at the end of each quarter of the run (iterations n/4, n/2, 3n/4), with the number
    // of command rounds done by then.
    Rss rssQuart[3];
    long roundsQuart[3] = {0, 0, 0};
    bool mort = false;
    int iterationsFaites = 0;
    const auto t0 = std::chrono::steady_clock::now();
    std::printf("Mode : %s ; commandes : ", opt.modifications ? "modifications" : "commandes seulement");
    for (int k = 0; k < kNbCommandes; ++k)
        if (opt.commande[k]) std::printf("%s%s ", kNomsCommandes[k], k == kChargement ? "(témoin)" : "");
    if (!opt.commandes()) std::printf("aucune ");
    if (opt.commandes()) std::printf("toutes les %d itération(s)", opt.periode);
    std::printf(" ; RSS toutes les %d itération(s)\n", opt.periodeRss);
    try {
        std::printf("Démarrage de LibreOffice (headless)…\n");
        std::fflush(stdout);
        Office& office = Office::instance();
        const pid_t pid = office.pid();
        auto mesurerRss = [&]() {
            const Rss r = lireRss(pid);
            if (r.total > rssPic) rssPic = r.total;
            return r;
        };
        auto vivant = [&]() {
            if (office.pid() != pid || !office.alive()) {
                mort = true;
                return false;
            }
            return true;
        };

        Classeur autodiag = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
        Classeur grille = Classeur::copieSansTitre(ECI_CANDIDATURES_EXEMPLE_ODS);
        autodiag.recalculer();
        grille.recalculer();
        recalculs += 2;
        // The library's figures of the untouched example, for the consolidation of its copies.
        const double exempleFait = scoreBibliotheque(autodiag, "fait");
        const double exemplePotentiel = scoreBibliotheque(autodiag, "potentiel");
        const double exemplePourcentage = scoreBibliotheque(autodiag, "pourcentage");

        // Material of the commands, in a temporary folder: a platform export with 6 statuses
        // (import), copies of the example autodiagnostic (consolidation); the example plan's
        // inputs (plan). The checksums of every source file, checked after each round.
        DossierTemp temp;
        const fs::path exportXlsx = temp.chemin / "export.xlsx";
        const fs::path candidats = temp.chemin / "candidats";
        constexpr int kStatutsExport = 6;
        if (opt.commande[kImport]) {
            ExportModele modele(ECI_EXPORT_PLATEFORME);
            auto statut = [&](const char* id, const char* texte) {
                const sal_Int32 l = modele.ecrireStatut(id, texte);
                if (l < 0) throw std::runtime_error(std::string("N° ") + id + " absent du modèle d'export");
                return l;
            };
            statut("1.1.1.1", "Fait");
            statut("1.1.1.2", "Programmé");
            statut("1.1.1.3", "Pas fait");
            statut("1.1.2.1", "Fait");
            statut("2.1.1.2", "Non concerné");
            const sal_Int32 ld = statut("2.1.1.1", "Détaillé");
            modele.feuille->getCellByPosition(6, ld)->setValue(0.5);   // G: % réalisé
            modele.feuille->getCellByPosition(8, ld)->setValue(0.25);  // I: % programmés
            modele.classeur.exporter(exportXlsx, "Calc MS Excel 2007 XML");
        }
        if (opt.commande[kConsolidation]) {
            fs::create_directory(candidats);
            for (int k = 1; k <= kCopiesConsolidation; ++k)
                fs::copy_file(ECI_AUTODIAG_EXEMPLE_ODS, candidats / ("candidat-" + std::to_string(k) + ".ods"));
        }
        // The example plan's inputs of lines 7 and 8 (C prestataire, D HT, E TVA, F part
        // récupérable, L autres aides, O investissement), as formulas to type into a new plan.
        std::vector<std::pair<std::string, std::string>> saisiesPlan;
        if (opt.commande[kPlan]) {
            const Classeur exemple = Classeur::copieSansTitre(ECI_PLAN_EXEMPLE_ODS);
            for (int r : {kDiagnostic, kAccompagnement})
                for (const char* c : {dispoPlan::colonnePrestataire, dispoPlan::colonneHt, dispoPlan::colonneTva,
                                      dispoPlan::colonnePartTva, dispoPlan::colonneAutres, dispoPlan::colonneInvestissement})
                    saisiesPlan.emplace_back(cellule(c, r), utf8(exemple.cellule(kFeuillePlan, cellule(c, r))->getFormula()));
        }
        std::map<fs::path, std::uint64_t> empreintes;
        for (const fs::path& p : {fs::path(ECI_AUTODIAG_EXEMPLE_ODS), fs::path(ECI_CANDIDATURES_EXEMPLE_ODS),
                                  fs::path(ECI_PLAN_EXEMPLE_ODS), fs::path(ECI_EXPORT_PLATEFORME)})
            empreintes[p] = empreinte(p).value_or(0);
        for (const fs::path& p : fs::recursive_directory_iterator(temp.chemin))
            if (fs::is_regular_file(p)) empreintes[p] = empreinte(p).value_or(0);
        const std::size_t fichiersTemp = static_cast<std::size_t>(
            std::distance(fs::recursive_directory_iterator(temp.chemin), fs::recursive_directory_iterator()));

        // Documents open in soffice (desktop components): what each round must leave.
        auto documentsOuverts = [&]() {
            uno::Reference<css::container::XEnumeration> e = office.desktop()->getComponents()->createEnumeration();
            long n = 0;
            for (; e->hasMoreElements(); e->nextElement()) ++n;
            return n;
        };
        const long documentsBase = documentsOuverts();
        std::printf("documents ouverts : %ld ; fichiers suivis : %zu (dossier temporaire %s)\n", documentsBase,
                    empreintes.size(), temp.chemin.c_str());

        OUString urlModele;
        uno::Reference<css::frame::XComponentLoader> chargeur;
        if (opt.commande[kChargement]) {
            urlModele = urlModeleAutodiag();
            chargeur.set(office.desktop(), uno::UNO_QUERY_THROW);
            std::printf("témoin : %s\n", utf8(urlModele).c_str());
        }
        rssDebut = mesurerRss();
        std::printf("soffice pid %d, RSS au départ : %.1f Mo (anonyme %.1f, fichiers %.1f)\n", static_cast<int>(pid),
                    rssDebut.total, rssDebut.anon, rssDebut.fichier);
        std::fflush(stdout);

        auto controler = [&](int i) {
            ++controles;
            const double fait = autodiag.valeur(kFeuilleSynthese, synthese::kFait);
            const double potentiel = autodiag.valeur(kFeuilleSynthese, synthese::kPotentiel);
            dernierFait = fait;
            dernierPotentiel = potentiel;
            double attenduFait = std::nan(""), attenduPotentiel = std::nan("");
            try {
                attenduFait = scoreBibliotheque(autodiag, "fait");
                attenduPotentiel = scoreBibliotheque(autodiag, "potentiel");
            } catch (const std::exception& e) {
                std::printf("  itération %d : la bibliothèque refuse les entrées : %s\n", i, e.what());
            }
            if (!egaux(fait, attenduFait) || !egaux(potentiel, attenduPotentiel)) {
                ++ecarts;
                std::printf("  ÉCART itération %d : fait %.10g (attendu %.10g), potentiel %.10g (attendu %.10g)\n", i,
                            fait, attenduFait, potentiel, attenduPotentiel);
            }
        };
        controler(0);

        // One dispatched menu command (executer: its state, its result, its report when the
        // result is a text), counted and timed under its name.
        std::string derniere;  // the command an exception is blamed on
        auto lancer = [&](const Classeur& d, const std::string& url, const Proprietes& args) {
            derniere = url.substr(0, url.find('?'));
            Compte& c = parCommande[derniere];
            ++c.lancees;
            ++macros;
            const Resultat res = executer(d, url, args);
            c.secondes += res.secondes;
            return res;
        };
        // A failed check of the last command (printed with the start of the report, if any).
        auto echec = [&](int i, const std::string& quoi, const std::string& rapport = std::string()) {
            ++parCommande[derniere].echecs;
            ++macrosEchouees;
            std::string r = rapport.substr(0, 300);
            for (char& ch : r)
                if (ch == '\n') ch = '|';
            std::printf("  itération %d : %s : %s%s%s\n", i, derniere.c_str(), quoi.c_str(), r.empty() ? "" : " — ",
                        r.c_str());
        };
        auto succes = [](const Resultat& r) { return r.etat == css::frame::DispatchResultState::SUCCESS; };
        // A « Nouveau … » command (Cache=true): the new document, or null after counting a failure.
        auto nouveau = [&](int i, const Classeur& sur, const char* commande) -> std::unique_ptr<Classeur> {
            const Resultat r = lancer(sur, commande, {pv("Cache", uno::Any(true))});
            const uno::Reference<css::lang::XComponent> doc = documentDe(r);
            if (!succes(r) || !doc.is()) {
                echec(i, "état " + std::to_string(r.etat) + ", document " + (doc.is() ? "oui" : "non"), r.rapport);
                fermerDocument(doc);
                return nullptr;
            }
            if (!uno::Reference<css::sheet::XSpreadsheetDocument>(doc, uno::UNO_QUERY).is()) {
                fermerDocument(doc);
                echec(i, "le document rendu n'est pas un classeur");
                return nullptr;
            }
            return std::make_unique<Classeur>(doc);
        };

        auto filtre = [&](int i) {
            for (const char* critere : {"selection", "aucun"}) {
                const Resultat r = lancer(grille, std::string("FiltrerCandidatures?critere=") + critere, {});
                if (!succes(r) || !contient(r.rapport, " candidature(s) affichée(s) sur ")) {
                    echec(i, std::string("?critere=") + critere + " état " + std::to_string(r.etat), r.rapport);
                    continue;
                }
                if (std::string(critere) != "selection") continue;
                // The rows shown are the library's panel, and column X is that panel.
                const eci::calc::Plage panel = panelBibliotheque(grille);
                const eci::calc::Plage x = grille.plage(kFeuilleCandidatures, colonneGrille(dispoGrille::colonneSelection));
                long membres = 0, differences = 0;
                for (std::size_t l = 0; l < panel.lignes; ++l) {
                    membres += nombre(panel.at(l, 0)) == 1;
                    differences += !(x.at(l, 0) == panel.at(l, 0));
                }
                if (differences) {
                    ++ecarts;
                    std::printf("  ÉCART itération %d : %s diffère de CRITERES.SELECTION sur %ld ligne(s)\n", i,
                                colonneGrille(dispoGrille::colonneSelection).c_str(), differences);
                }
                if (!contient(r.rapport, ": " + std::to_string(membres) + " candidature(s) affichée(s) sur "))
                    echec(i, "?critere=selection : " + std::to_string(membres) + " membres attendus", r.rapport);
            }
        };

        std::string premierImport;
        double premierImportFait = std::nan("");
        auto importer = [&](int i) {
            std::unique_ptr<Classeur> cible = nouveau(i, autodiag, "NouvelAutodiagnostic");
            if (!cible) return;
            const Resultat r = lancer(*cible, "ImporterExport", {pv("Fichier", uno::Any(ou(exportXlsx.string())))});
            fermerDocument(documentDe(r));  // none expected
            if (!succes(r) || !contient(r.rapport, "Import terminé") ||
                !contient(r.rapport, std::to_string(kStatutsExport) + " statuts importés")) {
                echec(i, "état " + std::to_string(r.etat) + ", « " + std::to_string(kStatutsExport) +
                             " statuts importés » attendu",
                      r.rapport);
                return;
            }
            if (premierImport.empty()) {
                premierImport = r.rapport;
                std::printf("  import : %s\n", r.rapport.substr(0, r.rapport.find('\n')).c_str());
            } else if (r.rapport != premierImport) {
                echec(i, "rapport différent du premier", r.rapport);
            }
            const double fait = cible->valeur(kFeuilleSynthese, synthese::kFait), potentiel = cible->valeur(kFeuilleSynthese, synthese::kPotentiel);
            const double attenduFait = scoreBibliotheque(*cible, "fait");
            const double attenduPotentiel = scoreBibliotheque(*cible, "potentiel");
            if (!egaux(fait, attenduFait) || !egaux(potentiel, attenduPotentiel) || !(fait > 0) ||
                (!std::isnan(premierImportFait) && !egaux(fait, premierImportFait))) {
                ++ecarts;
                std::printf("  ÉCART itération %d : autodiagnostic importé, fait %.10g (bibliothèque %.10g, 1er import "
                            "%.10g), potentiel %.10g (bibliothèque %.10g)\n",
                            i, fait, attenduFait, premierImportFait, potentiel, attenduPotentiel);
            }
            if (std::isnan(premierImportFait)) premierImportFait = fait;
        };

        auto plan = [&](int i) {
            std::unique_ptr<Classeur> p = nouveau(i, autodiag, "NouveauPlanFinancement");
            if (!p) return;
            auto verifier = [&](const char* etape, const std::string& attendu, const std::string& aussi = std::string()) {
                const Resultat r = lancer(*p, "VerifierPlanFinancement", {pv("Silencieux", uno::Any(true))});
                fermerDocument(documentDe(r));  // none expected
                if (!succes(r) || !contient(r.rapport, attendu) || (!aussi.empty() && !contient(r.rapport, aussi))) {
                    echec(i, std::string(etape) + " : « " + attendu + " » attendu", r.rapport);
                    return false;
                }
                return true;
            };
            // 1. The new, empty plan.
            verifier("plan vide", "Aucune ligne saisie");
            // 2. The example's inputs: both lines conform, H / I are the library's.
            for (const auto& [cel, f] : saisiesPlan) p->cellule(kFeuillePlan, cel)->setFormula(ou(f));
            p->recalculer();
            for (int r : {kDiagnostic, kAccompagnement})
                if (const std::string e = lignePlanContreBibliotheque(*p, r); !e.empty()) {
                    ++ecarts;
                    std::printf("  ÉCART itération %d : plan ligne %d : %s\n", i, r, e.c_str());
                }
            verifier("plan saisi", "2 lignes saisies sont conformes");
            // 3. Line 8 over-financed (other public aids above HTR − aid): marked, with the library's text.
            const std::string A = std::to_string(kAccompagnement), L8 = dispoPlan::colonneAutres + A;
            const std::string A7 = cellule(dispoPlan::colonneLigne, kDiagnostic), A8 = dispoPlan::colonneLigne + A;
            const OUString l8 = p->cellule(kFeuillePlan, L8)->getFormula();
            p->cellule(kFeuillePlan, L8)->setValue(p->valeur(kFeuillePlan, dispoPlan::colonneHtr + A) - p->valeur(kFeuillePlan, dispoPlan::colonneAide + A) + 1000);
            p->recalculer();
            std::string attendu;
            lignePlanContreBibliotheque(*p, kAccompagnement, &attendu);
            if (attendu == "OK") echec(i, "AIDE.VERIFIER accepte la ligne 8 surfinancée");
            else if (verifier("ligne 8 surfinancée", "1 ligne(s) à revoir", attendu) &&
                     (p->fond(kFeuillePlan, A8) != kRouge || p->fond(kFeuillePlan, A7) == kRouge))
                echec(i, "ligne 8 surfinancée : seule la ligne 8 doit être marquée");
            // 4. Fixed again: conform, mark gone.
            p->cellule(kFeuillePlan, L8)->setFormula(l8);
            if (verifier("ligne 8 corrigée", "2 lignes saisies sont conformes") && p->fond(kFeuillePlan, A8) == kRouge)
                echec(i, "ligne 8 corrigée : la marque est restée");
        };

        auto consolider = [&](int i) {
            std::unique_ptr<Classeur> g = nouveau(i, grille, "NouvelleGrilleCandidatures");
            if (!g) return;
            const std::string n = std::to_string(kCopiesConsolidation);
            for (int passe = 0; passe < 2; ++passe) {
                const Resultat r = lancer(*g, "ConsoliderCandidatures", {pv("Dossier", uno::Any(ou(candidats.string())))});
                fermerDocument(documentDe(r));  // none expected
                const bool misesAJour = contient(r.rapport, "(" + n + " ligne(s) mise(s) à jour)");
                if (!succes(r) || !contient(r.rapport, n + " autodiagnostic(s) lu(s) sur " + n + " fichier(s)") ||
                    !contient(r.rapport, "Tous les fichiers ont été lus") || misesAJour != (passe == 1)) {
                    echec(i, "passe " + std::to_string(passe + 1) + " : « " + n + " autodiagnostic(s) lu(s) sur " + n +
                                 " fichier(s) »" + (passe ? " et « mise(s) à jour »" : "") + " attendus",
                          r.rapport);
                    continue;
                }
                // Rows 2..: one per copy, with the library's figures of the example (F % fait as a
                // fraction, G potentiel, H fait).
                const eci::calc::Plage a =
                    g->plage(kFeuilleCandidatures, colonneGrille(dispoGrille::colonneCollectivite, dispoGrille::colonneEtoiles));
                const std::size_t pct = dispoGrille::colonneUnoPct, pot = dispoGrille::colonneUnoPotentiel,
                                  fait = dispoGrille::colonneUnoFait;
                int lignes = 0;
                for (std::size_t l = 0; l < a.lignes; ++l) {
                    if (a.at(l, dispoGrille::colonneUnoCollectivite) == eci::calc::Cellule(std::string())) continue;
                    ++lignes;
                    if (!egaux(nombre(a.at(l, pct)), exemplePourcentage / 100) || !egaux(nombre(a.at(l, pot)), exemplePotentiel) ||
                        !egaux(nombre(a.at(l, fait)), exempleFait)) {
                        ++ecarts;
                        std::printf("  ÉCART itération %d : consolidation ligne %zu : %% %.10g, potentiel %.10g, fait %.10g "
                                    "(bibliothèque %.10g, %.10g, %.10g)\n",
                                    i, l + dispoGrille::ligneFeuillePremiere, nombre(a.at(l, pct)) * 100,
                                    nombre(a.at(l, pot)), nombre(a.at(l, fait)),
                                    exemplePourcentage, exemplePotentiel, exempleFait);
                    }
                }
                if (lignes != kCopiesConsolidation) echec(i, std::to_string(lignes) + " ligne(s) écrite(s), " + n + " attendues");
            }
        };

        // Runs one command of a round; an exception is a failure of the command that raised it.
        auto essayer = [&](int i, const std::function<void(int)>& f) {
            if (mort) return;
            derniere = "(hors commande)";
            try {
                f(i);
            } catch (const uno::Exception& e) {
                ++exceptions;
                echec(i, "exception UNO : " + utf8(e.Message));
            } catch (const std::exception& e) {
                ++exceptions;
                echec(i, std::string("exception : ") + e.what());
            }
        };

        // After a round: every document a command created is closed, the source files are intact.
        auto apresRound = [&](int i) {
            if (const long n = documentsOuverts(); n != documentsBase) {
                documentsLaisses += std::max(0L, n - documentsBase);
                std::printf("  itération %d : %ld document(s) ouvert(s) au lieu de %ld\n", i, n, documentsBase);
            }
            for (const auto& [p, h] : empreintes)
                if (empreinte(p).value_or(1) != h) {
                    ++fichiersModifies;
                    std::printf("  itération %d : fichier modifié : %s\n", i, p.c_str());
                }
            const std::size_t n = static_cast<std::size_t>(
                std::distance(fs::recursive_directory_iterator(temp.chemin), fs::recursive_directory_iterator()));
            if (n != fichiersTemp) {
                ++fichiersModifies;
                std::printf("  itération %d : %zu fichier(s) dans %s au lieu de %zu (fichier verrou ?)\n", i, n,
                            temp.chemin.c_str(), fichiersTemp);
            }
        };

        // One round of the menu commands.
        auto commandes = [&](int i) {
            ++rounds;
            if (opt.commande[kFiltre]) essayer(i, filtre);
            if (opt.commande[kAutodiag]) essayer(i, [&](int j) { nouveau(j, autodiag, "NouvelAutodiagnostic"); });
            if (opt.commande[kImport]) essayer(i, importer);
            if (opt.commande[kPlan]) essayer(i, plan);
            if (opt.commande[kConsolidation]) essayer(i, consolider);
            if (opt.commande[kChargement]) {
                // The same load as NouvelAutodiagnostic does inside soffice (AsTemplate, Hidden,
                // "_blank"), but from here, without our component.
                ++chargements;
                const auto args = seq(Proprietes{pv("AsTemplate", uno::Any(true)), pv("Hidden", uno::Any(true))});
                uno::Reference<css::lang::XComponent> doc(
                    chargeur->loadComponentFromURL(urlModele, "_blank", 0, args), uno::UNO_QUERY);
                if (!doc.is()) {
                    ++macrosEchouees;
                    std::printf("  itération %d : le chargement direct du modèle a échoué\n", i);
                }
                fermerDocument(doc);
            }
            if (!mort) apresRound(i);
        };

        std::mt19937 rng(20261128);
        for (int i = 1; i <= iterations; ++i) {
            // One random edit.
            if (opt.modifications) {
                if (rng() % 2 == 0) {
                    const int ligne = kPremiereLigneRef + static_cast<int>(rng() % (kDerniereLigneRef - kPremiereLigneRef + 1));
                    const std::string l = std::to_string(ligne);
                    const int k = static_cast<int>(rng() % 7);
                    const std::string statut = dispoRef::colonneStatut + l;
                    if (k == 6) autodiag.cellule(kFeuilleRef, statut)->setFormula(OUString());
                    else autodiag.ecrireTexte(kFeuilleRef, statut, kStatuts[k]);
                    const char* const parts[3] = {dispoRef::colonnePartFaite, dispoRef::colonnePartProgrammee,
                                                  dispoRef::colonnePartPasFaite};
                    if (k == 4) {  // détaillé: three fractions summing to 1
                        const double a = (rng() % 11) / 10.0;
                        const double b = (rng() % (11 - static_cast<int>(std::lround(a * 10)))) / 10.0;
                        autodiag.cellule(kFeuilleRef, parts[0] + l)->setValue(a);
                        autodiag.cellule(kFeuilleRef, parts[1] + l)->setValue(b);
                        autodiag.cellule(kFeuilleRef, parts[2] + l)->setValue(std::max(0.0, 1.0 - a - b));
                    } else {
                        for (const char* c : parts) autodiag.cellule(kFeuilleRef, c + l)->setFormula(OUString());
                    }
                    autodiag.recalculer();
                } else {
                    const std::string cel = std::string(kColonnesNotes[rng() % 6]) +
                                            std::to_string(dispoGrille::ligneFeuillePremiere + rng() % 30);
                    const int n = static_cast<int>(rng() % 7);
                    if (n == 6) grille.ecrireTexte(kFeuilleCandidatures, cel, "NC");
                    else grille.cellule(kFeuilleCandidatures, cel)->setValue(n);
                    grille.recalculer();
                }
                ++modifications;
                ++recalculs;
                if (i % 50 == 0) controler(i);
            }

            if (opt.commandes() && i % opt.periode == 0) commandes(i);
            for (int q = 0; q < 3; ++q)
                if (iterations >= 4 && i == iterations * (q + 1) / 4) {
                    rssQuart[q] = mesurerRss();
                    roundsQuart[q] = rounds;
                }
            if (i % opt.periodeRss == 0) {
                const Rss r = mesurerRss();
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                std::printf("  itération %5d : RSS %.1f Mo (anonyme %.1f), %ld round(s) de commandes, %ld écart(s), %.0f s\n",
                            i, r.total, r.anon, rounds, ecarts, s);
                std::fflush(stdout);
            }
            iterationsFaites = i;
            if (!vivant()) {
                std::printf("  soffice n'est plus vivant à l'itération %d\n", i);
                break;
            }
        }
        if (!mort && (!opt.modifications || iterationsFaites % 50 != 0)) controler(iterationsFaites);
        if (!mort) rssFin = mesurerRss();
    } catch (const uno::Exception& e) {
        std::fprintf(stderr, "erreur UNO : %s\n", utf8(e.Message).c_str());
        if (!Office::instance().alive()) mort = true;
        code = 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "erreur : %s\n(le profil LibreOffice est-il prêt ? lancer d'abord "
                             "ctest -R eci_calc_profile, ou définir ECI_PROFILE_TEMPLATE)\n", e.what());
        code = 1;
    }
    const double duree = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("\nBilan de l'endurance (soak) dans Calc headless\n");
    std::printf("  itérations           : %d / %d\n", iterationsFaites, iterations);
    std::printf("  modifications        : %ld\n", modifications);
    std::printf("  recalculs            : %ld\n", recalculs);
    std::printf("  commandes (macros)   : %ld (%ld en échec), %ld round(s)", macros, macrosEchouees, rounds);
    if (chargements) std::printf(", %ld chargement(s) direct(s) (témoin)", chargements);
    std::printf("\n");
    for (const char* c : kCommandesMenu) {
        auto it = parCommande.find(c);
        if (it == parCommande.end()) continue;
        const Compte& k = it->second;
        std::printf("    %-27s: %6ld lancée(s), %ld en échec, %.0f ms en moyenne\n", c, k.lancees, k.echecs,
                    k.lancees ? k.secondes * 1000 / k.lancees : 0.0);
    }
    if (exceptions) std::printf("  exceptions           : %ld (comptées en échec)\n", exceptions);
    if (rounds > 0) {
        std::printf("  documents laissés ouverts : %ld\n", documentsLaisses);
        std::printf("  fichiers sources modifiés : %ld\n", fichiersModifies);
    }
    std::printf("  contrôles Synthèse   : %ld, écarts : %ld\n", controles, ecarts);
    std::printf("  dernière Synthèse    : fait %.6g / potentiel %.6g\n", dernierFait, dernierPotentiel);
    std::printf("  soffice              : %s\n", mort ? "MORT" : "vivant");
    std::printf("  RSS début / fin / pic: %.1f / %.1f / %.1f Mo\n", rssDebut.total, rssFin.total, rssPic);
    if (rssDebut.total > 0 && rssFin.total > 0) {
        std::printf("  dont anonyme         : %.1f / %.1f Mo ; fichiers : %.1f / %.1f Mo\n", rssDebut.anon, rssFin.anon,
                    rssDebut.fichier, rssFin.fichier);
        if (iterationsFaites > 0)
            std::printf("  croissance (fin − début) : %.1f Mo, soit %.2f Mo pour 1000 itérations\n",
                        rssFin.total - rssDebut.total, (rssFin.total - rssDebut.total) * 1000.0 / iterationsFaites);
        if (rounds > 0)
            std::printf("  par round de commandes   : %.3f Mo (%.1f Mo / %ld)\n", (rssFin.total - rssDebut.total) / rounds,
                        rssFin.total - rssDebut.total, rounds);
    }
    // Trend: a plateau shows most of the growth in the first quarter and little after;
    // a leak grows at the same rate in every quarter.
    if (iterations >= 4 && iterationsFaites == iterations && rssQuart[0].total > 0 && rssFin.total > 0) {
        std::printf("  RSS par quart        : début %.1f | 25 %% %.1f | 50 %% %.1f | 75 %% %.1f | fin %.1f Mo\n",
                    rssDebut.total, rssQuart[0].total, rssQuart[1].total, rssQuart[2].total, rssFin.total);
        std::printf("  anonyme par quart    : début %.1f | 25 %% %.1f | 50 %% %.1f | 75 %% %.1f | fin %.1f Mo\n",
                    rssDebut.anon, rssQuart[0].anon, rssQuart[1].anon, rssQuart[2].anon, rssFin.anon);
        const double n1 = iterations / 4, n2 = iterations - n1;
        const double g1 = rssQuart[0].total - rssDebut.total, g2 = rssFin.total - rssQuart[0].total;
        std::printf("  tendance             : 1er quart %+.1f Mo (%.2f Mo / 1000 it.), 3 derniers quarts %+.1f Mo "
                    "(%.2f Mo / 1000 it.)\n",
                    g1, n1 > 0 ? g1 * 1000.0 / n1 : 0.0, g2, g2 * 1000.0 / n2);
        const long r1 = roundsQuart[0], r2 = rounds - roundsQuart[0];
        if (r1 > 0 && r2 > 0)
            std::printf("  par round            : 1er quart %.3f Mo (%ld rounds), 3 derniers quarts %.3f Mo (%ld rounds)\n",
                        g1 / r1, r1, g2 / r2, r2);
        // Verdict on the second half (fin − 50 %) against the first quarter, per iteration.
        const double n3 = iterations - iterations / 2, g3 = rssFin.total - rssQuart[1].total;
        const double rythme1 = n1 > 0 ? g1 / n1 : 0.0, rythme3 = g3 / n3;
        std::printf("  verdict (indicatif)  : 2e moitié %+.1f Mo ; %s\n", g3,
                    g3 <= 1.0 || rythme3 <= 0.1 * rythme1 ? "palier (plus de croissance notable après la 1re moitié)"
                    : rythme3 >= 0.5 * rythme1          ? "croissance régulière (fuite probable)"
                                                        : "croissance qui ralentit, pas encore de palier");
    }
    std::printf("  durée totale         : %.1f s\n", duree);
    if (mort || ecarts > 0 || macrosEchouees > 0 || documentsLaisses > 0 || fichiersModifies > 0) code = 1;
    std::printf("  résultat             : %s\n", code ? "ÉCHEC" : "succès");
    Office::shutdownAll();
    return code;
}
