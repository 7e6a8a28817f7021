// Soak harness (not a test): many random edits + recalculations of the example workbooks in a
// real headless LibreOffice Calc (the harness of tests/calc), with periodic checks:
//   - every 50 iterations: Synthèse D10 (total fait) / C10 (potentiel) of the example
//     autodiagnostic against eci::calc::score computed in-process on the inputs read out of the
//     document (Référentiel A7:A373, J7:J373, L7:N373, Collectivité B4:C16);
//   - every 200 iterations (--periode): the menu commands through DispatchHelper (FiltrerCandidatures
//     ?critere=selection / ?critere=aucun on the grid, NouvelAutodiagnostic with Cache=true,
//     the returned document closed);
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
//   --commandes LISTE       which commands, comma-separated (default filtre,autodiag):
//                             filtre     FiltrerCandidatures ?critere=selection then ?critere=aucun
//                             autodiag   NouvelAutodiagnostic (Cache=true), returned document closed
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
// Exit code 1 when soffice died or a mismatch happened, 2 on a bad command line.
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/frame/DispatchHelper.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/util/XCloseable.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "eci/fonctions.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

using namespace eci::test;
using ::rtl::OUString;

namespace {

const char* const kFeuilleRef = "Référentiel";
const char* const kFeuilleSynthese = "Synthèse";
const char* const kFeuilleCollectivite = "Collectivité";
const char* const kFeuilleCandidatures = "Candidatures";
constexpr int kPremiereLigneRef = 7;
constexpr int kDerniereLigneRef = 373;
const char* const kUrl = "fr.ademe.eci.commandes:";
// The six statuses, and blank.
const char* const kStatuts[] = {"fait", "programmé", "pas fait", "non concerné", "détaillé", "non renseigné", ""};
const char* const kColonnesNotes = "OPQRST";

// A document opened hidden as an untitled copy (never stored), closed by the destructor.
class Doc {
public:
    explicit Doc(const std::string& chemin) {
        const auto args = seq(Proprietes{pv("Hidden", uno::Any(true)), pv("AsTemplate", uno::Any(true))});
        comp_.set(Office::instance().desktop()->loadComponentFromURL(ou("file://" + chemin), "_blank", 0, args),
                  uno::UNO_QUERY);
        if (!comp_.is()) throw std::runtime_error("impossible d'ouvrir " + chemin);
        doc_.set(comp_, uno::UNO_QUERY_THROW);
    }
    ~Doc() { fermer(comp_); }
    Doc(const Doc&) = delete;
    Doc& operator=(const Doc&) = delete;

    static void fermer(const uno::Reference<css::lang::XComponent>& c) {
        try {
            uno::Reference<css::util::XCloseable> cl(c, uno::UNO_QUERY);
            if (cl.is()) cl->close(true);
            else if (c.is()) c->dispose();
        } catch (const uno::Exception&) {
        }
    }
    uno::Reference<css::frame::XFrame> cadre() const {
        uno::Reference<css::frame::XModel> m(doc_, uno::UNO_QUERY_THROW);
        return m->getCurrentController()->getFrame();
    }
    uno::Reference<css::sheet::XSpreadsheet> feuille(const std::string& nom) const {
        uno::Reference<css::container::XNameAccess> f(doc_->getSheets(), uno::UNO_QUERY_THROW);
        return uno::Reference<css::sheet::XSpreadsheet>(f->getByName(ou(nom)), uno::UNO_QUERY_THROW);
    }
    uno::Reference<css::table::XCell> cellule(const std::string& f, const std::string& c) const {
        return feuille(f)->getCellRangeByName(ou(c))->getCellByPosition(0, 0);
    }
    double valeur(const std::string& f, const std::string& c) const { return cellule(f, c)->getValue(); }
    void texte(const std::string& f, const std::string& c, const std::string& t) const {
        uno::Reference<css::text::XTextRange>(cellule(f, c), uno::UNO_QUERY_THROW)->setString(ou(t));
    }
    void nombre(const std::string& f, const std::string& c, double v) const { cellule(f, c)->setValue(v); }
    void vider(const std::string& f, const std::string& c) const { cellule(f, c)->setFormula(OUString()); }
    uno::Sequence<uno::Sequence<uno::Any>> donnees(const std::string& f, const std::string& plage) const {
        return uno::Reference<css::sheet::XCellRangeData>(feuille(f)->getCellRangeByName(ou(plage)),
                                                          uno::UNO_QUERY_THROW)
            ->getDataArray();
    }
    void recalculer() const { uno::Reference<css::sheet::XCalculatable>(doc_, uno::UNO_QUERY_THROW)->calculateAll(); }

private:
    uno::Reference<css::lang::XComponent> comp_;
    uno::Reference<css::sheet::XSpreadsheetDocument> doc_;
};

// As Calc passes a range to the add-in: numbers as doubles, text as text, empty as "".
eci::calc::Plage versPlage(const uno::Sequence<uno::Sequence<uno::Any>>& data) {
    eci::calc::Plage p(static_cast<std::size_t>(data.getLength()),
                       data.getLength() ? static_cast<std::size_t>(data[0].getLength()) : 0);
    for (sal_Int32 l = 0; l < data.getLength(); ++l)
        for (sal_Int32 c = 0; c < data[l].getLength(); ++c) {
            const uno::Any& a = data[l][c];
            double d;
            OUString s;
            eci::calc::Cellule x = std::string();
            if (a >>= d) x = d;
            else if (a >>= s) x = utf8(s);
            p.at(static_cast<std::size_t>(l), static_cast<std::size_t>(c)) = x;
        }
    return p;
}

std::string plageRef(const char* c0, const char* c1) {
    return std::string(c0) + std::to_string(kPremiereLigneRef) + ":" + c1 + std::to_string(kDerniereLigneRef);
}

// Library figure (ECI.SCORE with the workbook's arguments) on the document's inputs.
double scoreBibliotheque(const Doc& d, const char* mesure) {
    const eci::calc::Plage ids = versPlage(d.donnees(kFeuilleRef, plageRef("A", "A")));
    const eci::calc::Plage statuts = versPlage(d.donnees(kFeuilleRef, plageRef("J", "J")));
    const eci::calc::Plage details = versPlage(d.donnees(kFeuilleRef, plageRef("L", "N")));
    const eci::calc::Plage contexte = versPlage(d.donnees(kFeuilleCollectivite, "B4:C16"));
    return eci::calc::score(ids, statuts, eci::calc::Plage(eci::calc::Cellule(std::string())),
                            eci::calc::Plage(eci::calc::Cellule(std::string(mesure))), details, contexte,
                            std::nullopt);
}

bool egaux(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

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
    bool filtre = true;      // FiltrerCandidatures selection / aucun
    bool autodiag = true;    // NouvelAutodiagnostic (Cache=true), closed
    bool chargement = false; // control: plain loadComponentFromURL of the same template, closed
    int periodeRss = 100;
    bool periodeRssDonnee = false;
    bool commandes() const { return filtre || autodiag || chargement; }
};

void usage(const char* prog) {
    std::fprintf(stderr,
                 "usage : %s [options] [itérations=2000]\n"
                 "  --sans-commandes        modifications seulement, aucune commande de menu\n"
                 "  --commandes-seulement   aucune modification : les commandes à chaque itération\n"
                 "  --periode N             les commandes toutes les N itérations (200 par défaut)\n"
                 "  --commandes LISTE       filtre,autodiag,chargement (défaut : filtre,autodiag) ;\n"
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
            o.filtre = o.autodiag = o.chargement = false;
        } else if (a == "--commandes-seulement") {
            o.modifications = false;
        } else if (a == "--chargement-direct") {
            o.filtre = o.autodiag = false;
            o.chargement = true;
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
            o.filtre = o.autodiag = o.chargement = false;
            std::size_t deb = 0;
            while (deb <= liste.size()) {
                std::size_t fin = liste.find(',', deb);
                if (fin == std::string::npos) fin = liste.size();
                const std::string c = liste.substr(deb, fin - deb);
                if (c == "filtre") o.filtre = true;
                else if (c == "autodiag") o.autodiag = true;
                else if (c == "chargement") o.chargement = true;
                else if (!c.empty()) {
                    std::fprintf(stderr, "--commandes : « %s » inconnue (filtre, autodiag, chargement)\n", c.c_str());
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

// Dispatches a menu URL on a frame; returns the result state (-1: no DispatchResultEvent).
sal_Int16 dispatcher(const uno::Reference<css::frame::XFrame>& cadre, const std::string& url,
                     const uno::Sequence<css::beans::PropertyValue>& args, uno::Any* resultat = nullptr) {
    uno::Reference<css::frame::XDispatchHelper> dh = css::frame::DispatchHelper::create(Office::instance().context());
    uno::Reference<css::frame::XDispatchProvider> dp(cadre, uno::UNO_QUERY_THROW);
    uno::Any r = dh->executeDispatch(dp, ou(url), "", 0, args);
    css::frame::DispatchResultEvent ev;
    if (!(r >>= ev)) return -1;
    if (resultat) *resultat = ev.Result;
    return ev.State;
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
    std::printf("Mode : %s ; commandes : %s%s%s%s", opt.modifications ? "modifications" : "commandes seulement",
                opt.filtre ? "filtre " : "", opt.autodiag ? "autodiag " : "", opt.chargement ? "chargement(témoin) " : "",
                opt.commandes() ? "" : "aucune ");
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

        Doc autodiag(ECI_AUTODIAG_EXEMPLE_ODS);
        Doc grille(ECI_CANDIDATURES_EXEMPLE_ODS);
        autodiag.recalculer();
        grille.recalculer();
        recalculs += 2;
        OUString urlModele;
        uno::Reference<css::frame::XComponentLoader> chargeur;
        if (opt.chargement) {
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
            const double fait = autodiag.valeur(kFeuilleSynthese, "D10");
            const double potentiel = autodiag.valeur(kFeuilleSynthese, "C10");
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

        // One round of the menu commands.
        auto commandes = [&](int i) {
            ++rounds;
            if (opt.filtre) {
                for (const char* critere : {"selection", "aucun"}) {
                    ++macros;
                    const sal_Int16 e = dispatcher(grille.cadre(),
                                                   std::string(kUrl) + "FiltrerCandidatures?critere=" + critere, seq(Proprietes{}));
                    if (e != css::frame::DispatchResultState::SUCCESS) {
                        ++macrosEchouees;
                        std::printf("  itération %d : FiltrerCandidatures?critere=%s état %d\n", i, critere, e);
                    }
                }
            }
            if (opt.autodiag) {
                ++macros;
                uno::Any r;
                const sal_Int16 e = dispatcher(autodiag.cadre(), std::string(kUrl) + "NouvelAutodiagnostic",
                                               seq(Proprietes{pv("Cache", uno::Any(true))}), &r);
                uno::Reference<css::lang::XComponent> nouveau(r, uno::UNO_QUERY);
                if (e != css::frame::DispatchResultState::SUCCESS || !nouveau.is()) {
                    ++macrosEchouees;
                    std::printf("  itération %d : NouvelAutodiagnostic état %d, document %s\n", i, e,
                                nouveau.is() ? "oui" : "non");
                }
                Doc::fermer(nouveau);
            }
            if (opt.chargement) {
                // The same load as NouvelAutodiagnostic does inside soffice (AsTemplate, Hidden,
                // "_blank"), but from here, without our component.
                ++chargements;
                const auto args = seq(Proprietes{pv("AsTemplate", uno::Any(true)), pv("Hidden", uno::Any(true))});
                uno::Reference<css::lang::XComponent> nouveau(
                    chargeur->loadComponentFromURL(urlModele, "_blank", 0, args), uno::UNO_QUERY);
                if (!nouveau.is()) {
                    ++macrosEchouees;
                    std::printf("  itération %d : le chargement direct du modèle a échoué\n", i);
                }
                Doc::fermer(nouveau);
            }
        };

        std::mt19937 rng(20261128);
        for (int i = 1; i <= iterations; ++i) {
            // One random edit.
            if (opt.modifications) {
                if (rng() % 2 == 0) {
                    const int ligne = kPremiereLigneRef + static_cast<int>(rng() % (kDerniereLigneRef - kPremiereLigneRef + 1));
                    const std::string l = std::to_string(ligne);
                    const int k = static_cast<int>(rng() % 7);
                    if (k == 6) autodiag.vider(kFeuilleRef, "J" + l);
                    else autodiag.texte(kFeuilleRef, "J" + l, kStatuts[k]);
                    if (k == 4) {  // détaillé: three fractions summing to 1
                        const double a = (rng() % 11) / 10.0;
                        const double b = (rng() % (11 - static_cast<int>(std::lround(a * 10)))) / 10.0;
                        autodiag.nombre(kFeuilleRef, "L" + l, a);
                        autodiag.nombre(kFeuilleRef, "M" + l, b);
                        autodiag.nombre(kFeuilleRef, "N" + l, std::max(0.0, 1.0 - a - b));
                    } else {
                        for (const char* c : {"L", "M", "N"}) autodiag.vider(kFeuilleRef, c + l);
                    }
                    autodiag.recalculer();
                } else {
                    const std::string cel = std::string(1, kColonnesNotes[rng() % 6]) + std::to_string(2 + rng() % 30);
                    const int n = static_cast<int>(rng() % 7);
                    if (n == 6) grille.texte(kFeuilleCandidatures, cel, "NC");
                    else grille.nombre(kFeuilleCandidatures, cel, n);
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
    if (mort || ecarts > 0) code = 1;
    Office::shutdownAll();
    return code;
}
