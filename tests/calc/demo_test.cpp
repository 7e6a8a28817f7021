// The main job on the user's own file (issue 13 item 7): scripts/demo.sh's driver,
// tools/autodiagnostic_headless.py, run as a separate process (its own soffice, on a copy of the
// profile made by make_profile.sh) on
//   - an autodiagnostic made up by fabrique_autodiagnostics.hpp, as .ods and as .xlsx,
//   - a platform export made up from the platform's template (tests/data), statuses written here,
// whose printed figures (total potentiel / fait / programmé / % fait, stars, points to the next star,
// star within reach, tâches not filled in) must be the domain library's on the inputs written; and on
// bad files (missing, directory, FIFO, text, corrupt, another spreadsheet), which must give a French
// message on stderr and exit code 2, never a Python traceback.
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

#include "classeur.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "fabrique_autodiagnostics.hpp"

namespace eci::test {
namespace {

namespace fs = std::filesystem;

std::string lire(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

// A private copy of the profile template (the driver's soffice writes into its profile).
fs::path copieDuProfil(const fs::path& dossier) {
    const char* modele = std::getenv("ECI_PROFILE_TEMPLATE");
    if (!modele || !*modele) throw std::runtime_error("ECI_PROFILE_TEMPLATE is not set (run through ctest)");
    const fs::path copie = dossier / "profil";
    fs::copy(modele, copie, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    return copie;
}

struct Sortie {
    int code = -1;
    std::string sortie, erreurs;
};

// Runs the driver on `classeur` (PDF into `dossier`).
Sortie lancerPilote(const fs::path& dossier, const fs::path& profil, const fs::path& classeur) {
    const fs::path out = dossier / "stdout.txt", err = dossier / "stderr.txt";
    const std::string commande = "timeout 300 /usr/bin/python3 '" + std::string(ECI_DEMO_DRIVER) + "' --profil '" +
                                 profil.string() + "' --classeur '" + classeur.string() + "' --pdf '" +
                                 (dossier / "synthese.pdf").string() + "' > '" + out.string() + "' 2> '" +
                                 err.string() + "'";
    const int s = std::system(commande.c_str());
    Sortie r;
    r.code = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
    r.sortie = lire(out);
    r.erreurs = lire(err);
    return r;
}

// What the driver must print, from the library.
struct Attendu {
    double potentiel, fait, programme, pourcentage, etoiles, etoileAPortee, tachesNonRenseignees;
};

Attendu attenduDe(const eci::calc::Plage& ids, const eci::calc::Plage& statuts, const eci::calc::Plage& details,
                  const eci::calc::Plage& contexte) {
    auto total = [&](const char* mesure) {
        return eci::calc::score(ids, statuts, eci::calc::Plage(eci::calc::Cellule(std::string())),
                                eci::calc::Plage(eci::calc::Cellule(std::string(mesure))), details, contexte,
                                std::nullopt);
    };
    Attendu a{};
    a.potentiel = total("potentiel");
    a.fait = total("fait");
    a.programme = total("programme");
    a.pourcentage = total("pourcentage");
    a.etoiles = eci::calc::etoiles(a.pourcentage);
    a.etoileAPortee = eci::calc::labellisation(ids, statuts, details, contexte, std::nullopt);
    // tâches (N° with three dots) whose displayed status (ECI.EVALUER's last column) is « non renseigné »
    const eci::calc::Plage ev = eci::calc::evaluer(ids, statuts, details, contexte, std::nullopt);
    a.tachesNonRenseignees = 0;
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const std::string id = enTexte(ids.at(l, 0));
        if (std::count(id.begin(), id.end(), '.') == 3 && enTexte(ev.at(l, 7)) == "non renseigné")
            ++a.tachesNonRenseignees;
    }
    return a;
}

std::string fixe3(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

// The first capture of `motif` in `texte` ("" when absent).
std::string capture(const std::string& texte, const std::string& motif) {
    std::smatch m;
    return std::regex_search(texte, m, std::regex(motif)) ? m[1].str() : std::string();
}

void verifierFigures(const Sortie& s, const Attendu& a, const fs::path& pdf) {
    SCOPED_TRACE("stdout:\n" + s.sortie + "\nstderr:\n" + s.erreurs);
    EXPECT_EQ(s.code, 0);
    EXPECT_EQ(s.erreurs.find("Traceback"), std::string::npos);
    // « Total  Référentiel entier   potentiel   fait   programmé   % fait % »
    const std::string total = capture(s.sortie, "\n  Total +[^\n]*?([0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+) %");
    std::istringstream nombres(total);
    std::string pot, fait, prog, pct;
    nombres >> pot >> fait >> prog >> pct;
    EXPECT_EQ(pot, fixe3(a.potentiel));
    EXPECT_EQ(fait, fixe3(a.fait));
    EXPECT_EQ(prog, fixe3(a.programme));
    char p[32];
    std::snprintf(p, sizeof p, "%.1f", a.pourcentage);
    EXPECT_EQ(pct, p);
    EXPECT_EQ(capture(s.sortie, "Étoiles : ([0-9])"), std::to_string(static_cast<int>(a.etoiles)));
    if (a.etoiles < 5) {
        EXPECT_EQ(capture(s.sortie, "il manque ([0-9.]+) points faits"),
                  fixe3(eci::calc::ecart(a.etoiles + 1, a.potentiel, a.fait)));
    }
    EXPECT_EQ(capture(s.sortie, "Étoile à portée \\(critères de labellisation\\) : ([0-9]+)"),
              std::to_string(static_cast<int>(a.etoileAPortee)));
    EXPECT_EQ(capture(s.sortie, "Tâches encore non renseignées : ([0-9]+)"),
              std::to_string(static_cast<int>(a.tachesNonRenseignees)));
    EXPECT_GT(fs::exists(pdf) ? fs::file_size(pdf) : 0u, 1000u) << pdf;
}

// A bad file: exit code 2, the French message (with the file's name) on stderr, no traceback.
void verifierRefus(const Sortie& s, const fs::path& fichier, const std::string& motif) {
    SCOPED_TRACE(fichier.string() + "\nstdout:\n" + s.sortie + "\nstderr:\n" + s.erreurs);
    EXPECT_EQ(s.code, 2);
    EXPECT_EQ(s.erreurs.find("Traceback"), std::string::npos);
    EXPECT_NE(s.erreurs.find("Erreur : "), std::string::npos);
    EXPECT_NE(s.erreurs.find(fichier.filename().string()), std::string::npos);
    EXPECT_NE(s.erreurs.find(motif), std::string::npos) << "expected « " << motif << " »";
}

class PiloteDemo : public ::testing::Test {
protected:
    DossierTemp dossier;
    fs::path profil = copieDuProfil(dossier.chemin);
    fs::path pdf() const { return dossier.chemin / "synthese.pdf"; }
};

TEST_F(PiloteDemo, AutodiagnosticOdsEtXlsx) {
    const fabrique::Autodiag a =
        fabrique::fabriquer(ECI_AUTODIAG_ODS, dossier.chemin, 1, 20261206).at(0);
    const Attendu attendu = attenduDe(fabrique::identifiants(), a.statuts, a.details, a.contexte);
    {
        SCOPED_TRACE("ods");
        verifierFigures(lancerPilote(dossier.chemin, profil, a.fichier), attendu, pdf());
    }
    const fs::path xlsx = dossier.chemin / "mon-autodiagnostic.xlsx";
    {
        Classeur c = Classeur::ouvrir(a.fichier);
        c.exporter(xlsx, "Calc MS Excel 2007 XML");
    }
    fs::remove(pdf());
    SCOPED_TRACE("xlsx");
    verifierFigures(lancerPilote(dossier.chemin, profil, xlsx), attendu, pdf());
}

TEST_F(PiloteDemo, ExportDeLaPlateforme) {
    // Statuses in the platform's spelling on random tâches; the library reads them as they are.
    static const char* const kStatuts[] = {"Fait", "Programmé", "Pas fait", "Non concerné"};
    Classeur modele = Classeur::copieSansTitre(ECI_AUTODIAG_ODS);  // a new autodiagnostic's inputs
    Entrees e = lireEntrees(modele);
    modele.fermer();
    std::mt19937 rng(13);
    {
        ExportModele exp(ECI_EXPORT_PLATEFORME);
        for (std::size_t l = 0; l < e.ids.lignes; ++l) {
            const std::string id = enTexte(e.ids.at(l, 0));
            if (std::count(id.begin(), id.end(), '.') != 3 || rng() % 2) continue;
            const std::string s = kStatuts[rng() % 4];
            ASSERT_GE(exp.ecrireStatut(id, s), 0) << id;
            e.statuts.at(l, 0) = s;
        }
        exp.classeur.exporter(dossier.chemin / "export-plateforme.xlsx", "Calc MS Excel 2007 XML");
    }
    const Sortie s = lancerPilote(dossier.chemin, profil, dossier.chemin / "export-plateforme.xlsx");
    EXPECT_NE(s.sortie.find("Export de la plateforme importé"), std::string::npos) << s.sortie;
    verifierFigures(s, attenduDe(e.ids, e.statuts, e.details, e.contexte), pdf());
}

TEST_F(PiloteDemo, MauvaisFichiers) {
    const fs::path d = dossier.chemin;
    auto ecrire = [](const fs::path& p, const std::string& contenu) { std::ofstream(p, std::ios::binary) << contenu; };
    // checks before LibreOffice starts
    verifierRefus(lancerPilote(d, profil, d / "absent.ods"), d / "absent.ods", "introuvable");
    fs::create_directory(d / "dossier.ods");
    verifierRefus(lancerPilote(d, profil, d / "dossier.ods"), d / "dossier.ods", "est un dossier");
    ASSERT_EQ(mkfifo((d / "tube.xlsx").c_str(), 0600), 0);
    verifierRefus(lancerPilote(d, profil, d / "tube.xlsx"), d / "tube.xlsx", "n'est pas un fichier ordinaire");
    ecrire(d / "notes.txt", "N°;Statut\n1.1.1.1;Fait\n");
    verifierRefus(lancerPilote(d, profil, d / "notes.txt"), d / "notes.txt", "n'est pas un classeur");
    ecrire(d / "texte.ods", "ceci n'est pas un classeur\n");
    verifierRefus(lancerPilote(d, profil, d / "texte.ods"), d / "texte.ods", "n'est pas un classeur .ods valide");
    const std::string ods = lire(ECI_AUTODIAG_ODS);
    ecrire(d / "tronque.ods", ods.substr(0, ods.size() / 2));
    verifierRefus(lancerPilote(d, profil, d / "tronque.ods"), d / "tronque.ods", "n'est pas un classeur .ods valide");
    // refused by LibreOffice: a zip whose content is not XML
    ASSERT_EQ(std::system(("python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w'); "
                           "z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'); "
                           "z.writestr('content.xml', '<pas du xml'); z.close()\" '" +
                           (d / "abime.ods").string() + "'")
                              .c_str()),
              0);
    verifierRefus(lancerPilote(d, profil, d / "abime.ods"), d / "abime.ods", "n'a pas pu être ouvert");
    // a spreadsheet that is neither an autodiagnostic nor an export
    {
        Classeur autre = Classeur::nouveau();
        ecrireTexte(autre.premiereFeuille()->getCellByPosition(0, 0), "Budget 2026");
        autre.enregistrer(d / "budget.ods");
    }
    verifierRefus(lancerPilote(d, profil, d / "budget.ods"), d / "budget.ods",
                  "n'est ni un autodiagnostic ni un export de la plateforme");
}

}  // namespace
}  // namespace eci::test
