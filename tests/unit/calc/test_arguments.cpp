// The argument module (eci/calc/arguments.hpp, docs/fonctions-conventions.md §2–3): each kind of
// argument under each blank rule, the shapes, yes/no words and word lists.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

#include "eci/calc/arguments.hpp"
#include "eci/calc/mots.hpp"
#include "calc/message_erreur.hpp"

namespace {

using namespace eci::calc;

Plage texte(const char* s) { return Plage(Cellule(std::string(s))); }
Plage nombre(double x) { return Plage(Cellule(x)); }

using eci::calc::test::message;

TEST(Arguments, UneCellule) {
    EXPECT_TRUE(estVide(Cellule{}));
    EXPECT_TRUE(estVide(Cellule(std::string(" \t"))));
    EXPECT_FALSE(estVide(Cellule(0.0)));
    EXPECT_EQ(texteDe(Cellule(1.1)), "1.1");
    EXPECT_EQ(texteDe(Cellule(std::string("  fait "))), "fait");
    double x = 0;
    EXPECT_TRUE(nombreDe(Cellule(std::string("12,5")), x));
    EXPECT_EQ(x, 12.5);
    EXPECT_FALSE(nombreDe(Cellule(std::numeric_limits<double>::infinity()), x));
    EXPECT_FALSE(nombreDe(Cellule(std::string("douze")), x));
}

// The blank rule of an optional argument, for each way Calc can pass a blank.
TEST(Arguments, OptionnelSelonLaRegleDuVide) {
    for (Vide regle : {Vide::defaut, Vide::zero}) {
        SCOPED_TRACE(regle == Vide::defaut ? "defaut" : "zero");
        EXPECT_FALSE(optionnel(Plage(), true, regle));                  // omitted
        EXPECT_FALSE(optionnel(texte(""), true, regle));                // "" or f(a;;c)
        EXPECT_FALSE(optionnel(Plage(Cellule{}), false, regle));        // void in a 1x1 range
        EXPECT_TRUE(optionnel(nombre(0), false, regle));                // {0}: a range holding 0 is a value
        EXPECT_TRUE(optionnel(texte("0"), true, regle));                // the text "0" is kept
        EXPECT_TRUE(optionnel(nombre(3), true, regle));
        EXPECT_TRUE(optionnel(Plage(2, 1), false, regle));              // a blank range of 2 cells
    }
    // The scalar 0 of a reference to one empty cell: the default, or the number 0.
    EXPECT_FALSE(optionnel(nombre(0), true, Vide::defaut));
    auto z = optionnel(nombre(0), true, Vide::zero);
    ASSERT_TRUE(z);
    EXPECT_EQ(std::get<double>(z->cellules[0]), 0.0);
}

TEST(Arguments, CelluleRequiseSelonLaRegleDuVide) {
    EXPECT_TRUE(estVide(cellule(Cellule(0.0), Vide::defaut)));  // phase: "est vide"
    EXPECT_EQ(std::get<double>(cellule(Cellule(0.0), Vide::zero)), 0.0);  // score: 0
    EXPECT_EQ(std::get<double>(cellule(Cellule(2.0), Vide::defaut)), 2.0);
}

TEST(Arguments, Absent) {
    EXPECT_TRUE(absent(std::nullopt));
    EXPECT_TRUE(absent(Plage()));
    EXPECT_TRUE(absent(texte("   ")));
    EXPECT_FALSE(absent(nombre(0)));
    EXPECT_FALSE(normalise(texte(" ")).has_value());
    EXPECT_TRUE(normalise(texte("x")).has_value());
}

TEST(Arguments, NombresOptionnels) {
    EXPECT_FALSE(nombreOptionnel(std::nullopt, "n", TexteNombre::accepte));
    EXPECT_FALSE(nombreOptionnel(texte(" "), "n", TexteNombre::refuse));
    EXPECT_EQ(*nombreOptionnel(texte("0,5"), "n", TexteNombre::accepte), 0.5);
    EXPECT_EQ(message([] { nombreOptionnel(texte("0,5"), "taux", TexteNombre::refuse); }),
              "L'argument « taux » doit être un nombre, pas le texte « 0,5 ».");
    EXPECT_EQ(message([] { nombreOptionnel(texte("x"), "nombre", TexteNombre::accepte); }),
              "L'argument « nombre » doit être un nombre (reçu « x »).");
    EXPECT_EQ(message([] { nombreOptionnel(nombre(NAN), "n", TexteNombre::accepte); }),
              "L'argument « n » n'est pas un nombre fini (NaN).");
    EXPECT_EQ(message([] { nombreOptionnel(Plage(1, 2), "n", TexteNombre::accepte); }),
              "L'argument « n » doit être une seule cellule (reçu 1 × 2).");
}

TEST(Arguments, OuiNon) {
    EXPECT_EQ(lireOuiNon(Cellule{}), OuiNon::vide);
    for (const char* s : {"OUI", "vrai", "True", "yes", "1"}) EXPECT_EQ(lireOuiNon(Cellule(std::string(s))), OuiNon::oui) << s;
    for (const char* s : {"non", "FAUX", "false", "No", "0"}) EXPECT_EQ(lireOuiNon(Cellule(std::string(s))), OuiNon::non) << s;
    EXPECT_EQ(lireOuiNon(Cellule(1.0)), OuiNon::oui);
    EXPECT_EQ(lireOuiNon(Cellule(0.0)), OuiNon::non);
    EXPECT_EQ(lireOuiNon(Cellule(2.0)), OuiNon::invalide);
    EXPECT_EQ(lireOuiNon(Cellule(std::string("peut-être"))), OuiNon::invalide);
    EXPECT_FALSE(ouiNonOptionnel(std::nullopt, "investissement", false));
    EXPECT_TRUE(ouiNonOptionnel(texte("oui"), "investissement", false));
    EXPECT_NE(message([] { ouiNonOptionnel(texte("bof"), "investissement", false); }).find("VRAI ou FAUX"),
              std::string::npos);
}

TEST(Arguments, Formes) {
    Plage col(3, 1), large(2, 2), ligne(1, 4);
    EXPECT_NO_THROW(verifierColonne(col, "ids"));
    EXPECT_EQ(message([&] { verifierColonne(large, "ids"); }),
              "L'argument « ids » doit être une seule colonne (reçu 2 colonnes).");
    EXPECT_EQ(message([] { verifierColonne(Plage(), "ids"); }),
              "L'argument « ids » est une plage vide : sélectionnez au moins une cellule.");
    EXPECT_NE(message([] { verifierColonne(Plage(kMaxLignes + 1, 1), "ids"); }).find("au plus"), std::string::npos);
    EXPECT_NO_THROW(verifierVecteur(ligne, "poids"));
    EXPECT_NO_THROW(verifierVecteur(col, "poids"));
    EXPECT_THROW(verifierVecteur(large, "poids"), ErreurArgument);
    EXPECT_NO_THROW(verifierHauteur(col, "statuts", 3, "ids"));
    EXPECT_NE(message([&] { verifierHauteur(col, "statuts", 4, "ids"); }).find("même hauteur"), std::string::npos);
}

TEST(Arguments, Messages) {
    EXPECT_EQ(ligneNo(0), "ligne 1");
    EXPECT_EQ(nombreSaisi(0.75), "0,75");
    EXPECT_EQ(nombreSaisi(-0.0), "0");
    EXPECT_EQ(nombreSaisi(-INFINITY), "-infini");
    EXPECT_EQ(compte(100000), "100 000");
    EXPECT_EQ(compte(999), "999");
}

// Words are read folded; every word of a list is accepted and shown in `attendu`.
TEST(Arguments, MotsDUneListe) {
    using mots::Mesure;
    EXPECT_EQ(chercherMot(mots::kMesure, Cellule(std::string("Pas fait"))), Mesure::pasFait);
    EXPECT_EQ(chercherMot(mots::kMesure, Cellule(std::string("POURCENTAGE_programme"))), Mesure::pourcentageProgramme);
    EXPECT_EQ(chercherMot(mots::kMesure, Cellule(std::string("done"))), Mesure::fait);
    EXPECT_FALSE(chercherMot(mots::kMesure, Cellule(std::string("beaucoup"))));
    EXPECT_FALSE(chercherMot(mots::kMesure, Cellule(1.0)));
    EXPECT_EQ(chercherMot(mots::kPhase, Cellule(std::string("Mise en Œuvre"))), mots::Phase::accompagnement);
    const std::string attendu = mots::kMesure.attendu;
    for (const char* m : {"fait", "programme", "pas_fait", "non_renseigne", "potentiel", "referentiel",
                          "pourcentage", "pourcentage_programme", "taches", "taches_renseignees", "etoiles"}) {
        EXPECT_NE(attendu.find(m), std::string::npos) << m;
        EXPECT_TRUE(chercherMot(mots::kMesure, Cellule(std::string(m)))) << m;
    }
}

}  // namespace
