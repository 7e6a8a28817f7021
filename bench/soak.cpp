// Soak harness (not a test): many random edits + recalculations of the example workbooks in a
// real headless LibreOffice Calc (the harness of tests/calc), with periodic checks:
//   - every 50 iterations: Synthèse D10 (total fait) / C10 (potentiel) of the example
//     autodiagnostic against eci::calc::score computed in-process on the inputs read out of the
//     document (Référentiel A7:A373, J7:J373, L7:N373, Collectivité B4:C16);
//   - every 200 iterations: the menu commands through DispatchHelper (FiltrerCandidatures
//     ?critere=selection / ?critere=aucun on the grid, NouvelAutodiagnostic with Cache=true,
//     the returned document closed);
//   - soffice's resident memory (VmRSS) at start, every 100 iterations, at the end, and its peak;
//     soffice alive throughout.
// An edit is either a random status in Référentiel!J (fait, programmé, pas fait, non concerné,
// détaillé with random fractions in L:N, non renseigné, or blank; L:N cleared otherwise) or a
// random note (0–5 or NC) in Candidatures!O2:T31. Then XCalculatable::calculateAll().
//
// usage: eci_soak [iterations]   (default 2000)
// Needs the profile made by the ctest fixture eci_calc_profile (ECI_PROFILE_TEMPLATE, ECI_RDB).
// Exit code 1 when soffice died or a mismatch happened.
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/frame/DispatchHelper.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
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

// VmRSS of a process, in MB (-1 when unreadable).
double rssMo(pid_t pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string ligne;
    while (std::getline(f, ligne))
        if (ligne.rfind("VmRSS:", 0) == 0) return std::atof(ligne.c_str() + 6) / 1024.0;
    return -1;
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

}  // namespace

int main(int argc, char** argv) {
    const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 2000;
    int code = 0;
    long modifications = 0, recalculs = 0, macros = 0, macrosEchouees = 0, controles = 0, ecarts = 0;
    double rssDebut = -1, rssFin = -1, rssPic = -1, dernierFait = std::nan(""), dernierPotentiel = std::nan("");
    bool mort = false;
    int iterationsFaites = 0;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        std::printf("Démarrage de LibreOffice (headless)…\n");
        std::fflush(stdout);
        Office& office = Office::instance();
        const pid_t pid = office.pid();
        auto mesurerRss = [&]() {
            const double r = rssMo(pid);
            if (r > rssPic) rssPic = r;
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
        rssDebut = mesurerRss();
        std::printf("soffice pid %d, RSS au départ : %.1f Mo\n", static_cast<int>(pid), rssDebut);
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

        std::mt19937 rng(20261128);
        for (int i = 1; i <= iterations; ++i) {
            // One random edit.
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
            if (i % 200 == 0) {
                for (const char* critere : {"selection", "aucun"}) {
                    ++macros;
                    const sal_Int16 e = dispatcher(grille.cadre(),
                                                   std::string(kUrl) + "FiltrerCandidatures?critere=" + critere, seq(Proprietes{}));
                    if (e != css::frame::DispatchResultState::SUCCESS) {
                        ++macrosEchouees;
                        std::printf("  itération %d : FiltrerCandidatures?critere=%s état %d\n", i, critere, e);
                    }
                }
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
            if (i % 100 == 0) {
                const double r = mesurerRss();
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                std::printf("  itération %5d : RSS %.1f Mo, %ld écart(s), %.0f s\n", i, r, ecarts, s);
                std::fflush(stdout);
            }
            iterationsFaites = i;
            if (!vivant()) {
                std::printf("  soffice n'est plus vivant à l'itération %d\n", i);
                break;
            }
        }
        if (!mort && iterationsFaites % 50 != 0) controler(iterationsFaites);
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
    std::printf("  commandes (macros)   : %ld (%ld en échec)\n", macros, macrosEchouees);
    std::printf("  contrôles Synthèse   : %ld, écarts : %ld\n", controles, ecarts);
    std::printf("  dernière Synthèse    : fait %.6g / potentiel %.6g\n", dernierFait, dernierPotentiel);
    std::printf("  soffice              : %s\n", mort ? "MORT" : "vivant");
    std::printf("  RSS début / fin / pic: %.1f / %.1f / %.1f Mo\n", rssDebut, rssFin, rssPic);
    if (rssDebut > 0 && rssFin > 0 && iterationsFaites > 0)
        std::printf("  croissance (fin − début) : %.1f Mo, soit %.2f Mo pour 1000 itérations\n", rssFin - rssDebut,
                    (rssFin - rssDebut) * 1000.0 / iterationsFaites);
    std::printf("  durée totale         : %.1f s\n", duree);
    if (mort || ecarts > 0) code = 1;
    Office::shutdownAll();
    return code;
}
