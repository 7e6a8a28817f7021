// The « Labellisation » sheet of the autodiagnostic workbook (spreadsheets/generer_autodiagnostic.py,
// docs/labellisation.md §12), in a real headless Calc with the extension installed:
//   - the example's criteria table (one ECI.CRITERES array formula) equals the library's
//     eci::calc::criteres on the inputs read out of the document, for every star 1-5 typed in the
//     « étoile visée » cell; the star within reach, the star the platform would check and the
//     Synthèse's copy of the star within reach equal eci::calc::labellisation / etoilePlateforme;
//   - a status changed in Référentiel flips a criterion; an answer in Collectivité makes criteria
//     « sans objet »; a tâche given a status lowers the complétude count by one;
//   - no error cell in the template or the example (also with every star typed in).
// Cells from spreadsheets/disposition.json (eci/disposition.hpp through classeur.hpp).
#include <com/sun/star/table/XCell.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <variant>

#include "classeur.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/referentiel.hpp"
#include "office.hpp"

using namespace eci::test;

namespace {

namespace dispoRef = dispo::autodiagnostic::referentiel;
namespace dispoColl = dispo::autodiagnostic::collectivite;
namespace dispoLab = dispo::autodiagnostic::labellisation;
namespace dispoSyn = dispo::autodiagnostic::synthese;
constexpr const char* kFeuilleLab = dispo::autodiagnostic::feuilleLabellisation;
constexpr int kLignesCriteres = dispoLab::ligneFeuilleDernierCritere - dispoLab::ligneFeuillePremierCritere + 1;
const char* const kColonnes[8] = {dispoLab::colonneCritere,          dispoLab::colonneEtoile,
                                  dispoLab::colonneFormulation,      dispoLab::colonneExigence,
                                  dispoLab::colonnePourcentageFait,  dispoLab::colonnePourcentageFaitProgramme,
                                  dispoLab::colonneEtat,             dispoLab::colonneManque};

eci::calc::Plage criteres(const Entrees& e, int etoile) {
    return eci::calc::criteres(e.ids, e.statuts, etoile, e.details, e.contexte, std::nullopt);
}

// The criteria table of the sheet (its fixed rows) against the library's for the star in « étoile visée ».
void verifierTableau(const Classeur& c, const Entrees& e, int etoile) {
    SCOPED_TRACE("étoile visée " + std::to_string(etoile));
    ASSERT_EQ(c.valeur(kFeuilleLab, dispoLab::celluleEtoileVisee), etoile);
    const eci::calc::Plage attendu = criteres(e, etoile);
    ASSERT_EQ(attendu.colonnes, 8u);
    ASSERT_LE(attendu.lignes, static_cast<std::size_t>(kLignesCriteres));
    for (int i = 0; i < kLignesCriteres; ++i) {
        const int ligne = dispoLab::ligneFeuillePremierCritere + i;
        for (int k = 0; k < 8; ++k) {
            const std::string cel = cellule(kColonnes[k], ligne);
            SCOPED_TRACE(cel);
            ASSERT_EQ(c.erreur(kFeuilleLab, cel), 0);
            if (static_cast<std::size_t>(i) >= attendu.lignes) {  // below the criteria: blank
                EXPECT_EQ(c.texte(kFeuilleLab, cel), "");
                continue;
            }
            const eci::calc::Cellule& x = attendu.at(static_cast<std::size_t>(i), static_cast<std::size_t>(k));
            if (const double* d = std::get_if<double>(&x))
                EXPECT_NEAR(c.valeur(kFeuilleLab, cel), *d, 1e-9);
            else
                EXPECT_EQ(c.texte(kFeuilleLab, cel), enTexte(x));
        }
    }
}

void ecrireNombre(const Classeur& c, const std::string& f, const std::string& cel, double v) {
    c.cellule(f, cel)->setValue(v);
}

// The état (sheet text) of the criterion of a node in the table, "" when it is not there.
std::string etatDe(const Classeur& c, const std::string& critere) {
    for (int l = dispoLab::ligneFeuillePremierCritere; l <= dispoLab::ligneFeuilleDernierCritere; ++l)
        if (c.texte(kFeuilleLab, cellule(dispoLab::colonneCritere, l)) == critere)
            return c.texte(kFeuilleLab, cellule(dispoLab::colonneEtat, l));
    return "";
}

int ligneRef(const Entrees& e, const std::string& id) {
    for (std::size_t l = 0; l < e.ids.lignes; ++l)
        if (enTexte(e.ids.at(l, 0)) == id) return kPremiereLigneRef + static_cast<int>(l);
    return -1;
}

class FeuilleLabellisationTest : public CalcTest {};

}  // namespace

TEST_F(FeuilleLabellisationTest, ModeleVide) {
    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_ODS);
    c.recalculer();
    ASSERT_TRUE(c.aFeuille(kFeuilleLab));
    EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
    const Entrees e = lireEntrees(c);
    // Nothing renseigné: the complétude counts every tâche the library shows « non renseigné » (those
    // switched off by the blank answers are non concerné, hence complete); no star is within reach.
    auto ref = eci::Referentiel::eci();
    const eci::calc::Plage ev = eci::calc::evaluer(e.ids, e.statuts, e.details, e.contexte, std::nullopt);
    int taches = 0, nonRenseignees = 0;
    for (std::size_t l = 0; l < e.ids.lignes; ++l) {
        const int i = ref->index(enTexte(e.ids.at(l, 0)));
        if (i < 0 || ref->noeud(i).type != "tache") continue;
        ++taches;
        if (enTexte(ev.at(l, 7)) == "non renseigné") ++nonRenseignees;
    }
    EXPECT_GT(nonRenseignees, taches / 2);
    EXPECT_EQ(c.valeur(kFeuilleLab, dispoLab::celluleTachesNonRenseignees), nonRenseignees);
    EXPECT_EQ(c.valeur(kFeuilleLab, dispoLab::celluleEtoileAPortee),
              eci::calc::labellisation(e.ids, e.statuts, e.details, e.contexte, std::nullopt));
    EXPECT_EQ(c.valeur(kFeuilleSynthese, dispoSyn::celluleEtoileAPortee), 0);
    verifierTableau(c, e, static_cast<int>(c.valeur(kFeuilleLab, dispoLab::celluleEtoileVisee)));
    // A status on a sous-action renseigne all its tâches (spec §2: completedTachesCount).
    const int sousAction = ref->index("1.1.1");
    ASSERT_GE(sousAction, 0);
    int tachesSousAction = 0;
    for (int enfant : ref->noeud(sousAction).enfants)
        if (ref->noeud(enfant).type == "tache") ++tachesSousAction;
    ASSERT_GT(tachesSousAction, 0);
    c.ecrireTexte(kFeuilleRef, cellule(dispoRef::colonneStatut, ligneRef(e, "1.1.1")), "fait");
    c.recalculer();
    EXPECT_EQ(c.valeur(kFeuilleLab, dispoLab::celluleTachesNonRenseignees), nonRenseignees - tachesSousAction);
}

TEST_F(FeuilleLabellisationTest, ExempleEgalBibliotheque) {
    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
    c.recalculer();
    EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
    const Entrees e = lireEntrees(c);
    const double portee = eci::calc::labellisation(e.ids, e.statuts, e.details, e.contexte, std::nullopt);
    EXPECT_EQ(c.valeur(kFeuilleLab, dispoLab::celluleEtoileAPortee), portee);
    EXPECT_EQ(c.valeur(kFeuilleSynthese, dispoSyn::celluleEtoileAPortee), portee);
    // never labellisée: the étoile actuelle input is blank (argument absent)
    const double plateforme =
        eci::calc::etoilePlateforme(e.ids, e.statuts, std::nullopt, e.details, e.contexte, std::nullopt);
    EXPECT_EQ(c.valeur(kFeuilleLab, dispoLab::celluleEtoilePlateforme), plateforme);
    // Default star aimed at = the platform's.
    verifierTableau(c, e, static_cast<int>(plateforme));
    // The latest star obtained moves the platform's star (at least the next one).
    ecrireNombre(c, kFeuilleLab, dispoLab::celluleEtoileActuelle, 3);
    c.recalculer();
    EXPECT_EQ(c.valeur(kFeuilleLab, dispoLab::celluleEtoilePlateforme),
              eci::calc::etoilePlateforme(e.ids, e.statuts, eci::calc::Plage(eci::calc::Cellule(3.0)), e.details,
                                          e.contexte, std::nullopt));
    EXPECT_GE(c.valeur(kFeuilleLab, dispoLab::celluleEtoilePlateforme), 4);
    // Every star typed in the « étoile visée » input.
    for (int k = 1; k <= 5; ++k) {
        ecrireNombre(c, kFeuilleLab, dispoLab::celluleEtoileVisee, k);
        c.recalculer();
        verifierTableau(c, e, k);
        EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
        EXPECT_NEAR(c.valeur(kFeuilleLab, dispoLab::cellulePointsManquants),
                    eci::calc::ecart(k, c.valeur(kFeuilleSynthese, synthese::kPotentiel),
                                     c.valeur(kFeuilleSynthese, synthese::kFait)),
                    1e-9);
    }
    // A star aimed at below the platform's states quirk Q6.
    ecrireNombre(c, kFeuilleLab, dispoLab::celluleEtoileVisee, 1);
    c.recalculer();
    EXPECT_NE(c.texte(kFeuilleLab, dispoLab::celluleAvertissements).find("Q6"), std::string::npos)
        << c.texte(kFeuilleLab, dispoLab::celluleAvertissements);
}

TEST_F(FeuilleLabellisationTest, UnStatutBasculeUnCritere) {
    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
    ecrireNombre(c, kFeuilleLab, dispoLab::celluleEtoileVisee, 1);
    c.recalculer();
    const Entrees e = lireEntrees(c);
    // 1.1.1.1 (« Fait » required at star 1): fait -> atteint, pas fait -> non atteint.
    const int l = ligneRef(e, "1.1.1.1");
    ASSERT_GT(l, 0);
    const std::string J = cellule(dispoRef::colonneStatut, l);
    for (const char* statut : {"fait", "pas fait", "fait"}) {
        c.ecrireTexte(kFeuilleRef, J, statut);
        c.recalculer();
        const std::string attendu = std::string(statut) == "fait" ? "atteint" : "non atteint";
        EXPECT_EQ(etatDe(c, "1.1.1.1"), attendu) << statut;
        verifierTableau(c, lireEntrees(c), 1);
    }
    // A tâche still non renseignée given a status: one fewer in the complétude.
    const Entrees e2 = lireEntrees(c);
    auto ref = eci::Referentiel::eci();
    int cible = -1;
    for (std::size_t i = 0; i < e2.ids.lignes && cible < 0; ++i) {
        const int n = ref->index(enTexte(e2.ids.at(i, 0)));
        const std::string statutAffiche =
            c.texte(kFeuilleRef, cellule(dispoRef::colonneCalculStatut, kPremiereLigneRef + static_cast<int>(i)));
        if (n >= 0 && ref->noeud(n).type == "tache" && statutAffiche == "non renseigné")
            cible = kPremiereLigneRef + static_cast<int>(i);
    }
    ASSERT_GT(cible, 0) << "the example has no tâche non renseignée";
    const double avant = c.valeur(kFeuilleLab, dispoLab::celluleTachesNonRenseignees);
    c.ecrireTexte(kFeuilleRef, cellule(dispoRef::colonneStatut, cible), "programmé");
    c.recalculer();
    EXPECT_EQ(c.valeur(kFeuilleLab, dispoLab::celluleTachesNonRenseignees), avant - 1);
}

TEST_F(FeuilleLabellisationTest, UneReponseRendSansObjet) {
    Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
    c.recalculer();
    // The row of dechets_3 in Collectivité (key column).
    int ligne = -1;
    for (int l = dispoColl::ligneFeuillePremiere; l <= dispoColl::ligneFeuilleDerniere; ++l)
        if (c.texte(kFeuilleCollectivite, cellule(dispoColl::colonneCle, l)) == "dechets_3") ligne = l;
    ASSERT_GT(ligne, 0);
    const std::string cel = cellule(dispoColl::colonneValeur, ligne);
    c.ecrireTexte(kFeuilleCollectivite, cel, "OUI");
    c.recalculer();
    EXPECT_NE(etatDe(c, "2.1.0"), "sans objet");
    EXPECT_NE(etatDe(c, "2.1.0"), "");
    c.ecrireTexte(kFeuilleCollectivite, cel, "NON");  // eci_2.1 off: 2.1.0 sans objet (spec §3.2)
    c.recalculer();
    EXPECT_EQ(etatDe(c, "2.1.0"), "sans objet");
    EXPECT_TRUE(c.cellulesEnErreur().empty()) << joindre(c.cellulesEnErreur());
    const Entrees e = lireEntrees(c);
    verifierTableau(c, e, static_cast<int>(c.valeur(kFeuilleLab, dispoLab::celluleEtoileVisee)));
    for (int l = dispoLab::ligneFeuillePremierCritere; l <= dispoLab::ligneFeuilleDernierCritere; ++l)
        if (c.texte(kFeuilleLab, cellule(dispoLab::colonneEtat, l)) == "sans objet") {
            EXPECT_EQ(c.texte(kFeuilleLab, cellule(dispoLab::colonnePourcentageFait, l)), "");
            EXPECT_EQ(c.texte(kFeuilleLab, cellule(dispoLab::colonneManque, l)), "");
        }
}
