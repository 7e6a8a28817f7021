// The progression functions (eci/calc/fonctions_progression.hpp, docs/progression.md §6) on plain
// values: one cell per ids row, empty cells where the contract says so, the etoile and effort
// arguments (bad star, effort column of the wrong size, negative or text), no path as an error
// whose text ECI.CHEMIN_TEXTE gives, a référentiel passed as a range, one évaluation shared.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "cache.hpp"
#include "calc/message_erreur.hpp"
#include "eci/calc/fonctions.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/calc/fonctions_progression.hpp"
#include "eci/referentiel.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::ErreurArgument;
using eci::calc::Plage;
using eci::calc::test::message;

// A full ECi sheet (every node a row), empty statuses, a few set.
struct Feuille {
    std::shared_ptr<const eci::Referentiel> ref = eci::Referentiel::eci();
    Plage ids, statuts;
    Feuille() : ids(ref->taille(), 1), statuts(ref->taille(), 1) {
        for (std::size_t i = 0; i < ref->taille(); ++i) {
            const std::string& id = ref->noeud((int)i).identifiant;
            ids.at(i, 0) = id.empty() ? std::string("eci") : id;
            statuts.at(i, 0) = std::string();
        }
    }
    std::size_t ligne(const char* id) const { return (std::size_t)ref->index(id); }
    Feuille& statut(const char* id, const char* s) {
        statuts.at(ligne(id), 0) = std::string(s);
        return *this;
    }
    Plage gain() const { return eci::calc::gain(ids, statuts, std::nullopt, std::nullopt, std::nullopt); }
    Plage chemin(double etoile, const eci::calc::Optionnel& effort = std::nullopt) const {
        return eci::calc::chemin(ids, statuts, etoile, std::nullopt, std::nullopt, std::nullopt, effort);
    }
    Plage liste(double etoile, const eci::calc::Optionnel& effort = std::nullopt) const {
        return eci::calc::cheminListe(ids, statuts, etoile, std::nullopt, std::nullopt, std::nullopt, effort);
    }
    std::string texte(double etoile, const eci::calc::Optionnel& effort = std::nullopt) const {
        return eci::calc::cheminTexte(ids, statuts, etoile, std::nullopt, std::nullopt, std::nullopt, effort);
    }
};

bool vide(const Cellule& c) { return std::holds_alternative<std::monostate>(c); }
double nombre(const Cellule& c) { return std::get<double>(c); }

TEST(FonctionsProgression, GainUneValeurParLigne) {
    Feuille f;
    f.statut("1.1.1.1", "fait").statut("1.1.2", "pas fait").statut("1.1.3.1", "non concerné");
    const Plage g = f.gain();
    ASSERT_EQ(g.lignes, f.ids.lignes);
    ASSERT_EQ(g.colonnes, 1u);
    EXPECT_TRUE(vide(g.at(f.ligne(""), 0)));      // root
    EXPECT_TRUE(vide(g.at(f.ligne("1"), 0)));     // axe
    EXPECT_TRUE(vide(g.at(f.ligne("1.1"), 0)));   // action
    EXPECT_EQ(nombre(g.at(f.ligne("1.1.1.1"), 0)), 0);  // already fait
    EXPECT_EQ(nombre(g.at(f.ligne("1.1.3.1"), 0)), 0);  // non concerné
    EXPECT_EQ(nombre(g.at(f.ligne("1.1.2.1"), 0)), 0);  // masked by 1.1.2's own statut
    // 1.1.2 (6 pt, own statut pas fait) gains its 6 points; 1.1.1.2 (30 % of 6 pt) 1.8.
    EXPECT_NEAR(nombre(g.at(f.ligne("1.1.2"), 0)), 6, 1e-9);
    EXPECT_NEAR(nombre(g.at(f.ligne("1.1.1.2"), 0)), 1.8, 1e-9);
}

TEST(FonctionsProgression, CheminUnZeroParLigneEtTexte) {
    Feuille f;
    const Plage c = f.chemin(1);
    ASSERT_EQ(c.lignes, f.ids.lignes);
    double uns = 0;
    for (const Cellule& x : c.cellules) uns += nombre(x);
    EXPECT_EQ(uns, 11);  // the eleven rows of the star-1 criteria on an empty sheet
    EXPECT_EQ(nombre(c.at(f.ligne("1.1.1.1"), 0)), 1);
    EXPECT_EQ(nombre(c.at(f.ligne("1.1"), 0)), 0);
    const std::string t = f.texte(1);
    EXPECT_NE(t.find("11 lignes"), std::string::npos) << t;
    EXPECT_NE(t.find("1.1.1.1"), std::string::npos) << t;
}

TEST(FonctionsProgression, SansCheminErreurEtTexte) {
    Feuille f;
    f.statut("2.1.0", "non concerné");
    const std::string m = message([&] { f.chemin(1); });
    EXPECT_NE(m.find("2.1.0"), std::string::npos) << m;
    const std::string t = f.texte(1);
    EXPECT_NE(t.find("non concerné"), std::string::npos) << t;
    EXPECT_EQ(t, m);
}

TEST(FonctionsProgression, EtoileInvalide) {
    Feuille f;
    for (double e : {0.0, 6.0, 2.5, -1.0, std::nan("")})
        EXPECT_NE(message([&] { f.chemin(e); }).find("etoile"), std::string::npos) << e;
    EXPECT_NE(message([&] { f.texte(7); }).find("etoile"), std::string::npos);
}

TEST(FonctionsProgression, Effort) {
    Feuille f;
    Plage effort(f.ids.lignes, 1);
    for (Cellule& c : effort.cellules) c = Cellule();
    // Blank efforts: the fewest rows.
    EXPECT_EQ(f.chemin(1, effort).cellules, f.chemin(1).cellules);
    // Wrong height, two columns, negative, zero, text.
    EXPECT_NE(message([&] { f.chemin(1, Plage(3, 1)); }).find("effort"), std::string::npos);
    EXPECT_NE(message([&] { f.chemin(1, Plage(f.ids.lignes, 2)); }).find("effort"), std::string::npos);
    for (Cellule bad : {Cellule(-1.0), Cellule(0.0), Cellule(std::string("beaucoup"))}) {
        Plage e = effort;
        e.at(f.ligne("1.1.2.3"), 0) = bad;
        const std::string m = message([&] { f.chemin(1, e); });
        EXPECT_NE(m.find("effort"), std::string::npos) << m;
        EXPECT_NE(m.find("ligne"), std::string::npos) << m;
        EXPECT_NE(message([&] { f.texte(1, e); }), "(pas d'erreur)");
    }
    // A number written as text is read as the number; a costly 1.1.2.1 moves the 20 % of 1.1.2 to
    // the next tâche of the same weight.
    Plage e = effort;
    e.at(f.ligne("1.1.2.1"), 0) = std::string("5");
    const Plage c = f.chemin(1, e);
    EXPECT_EQ(nombre(c.at(f.ligne("1.1.2.1"), 0)), 0);
    EXPECT_EQ(nombre(c.at(f.ligne("1.1.2.2"), 0)), 1);
}

TEST(FonctionsProgression, PlagesVidesEtLignesRefusees) {
    Feuille f;
    EXPECT_NE(message([&] { eci::calc::gain(Plage(), Plage(), std::nullopt, std::nullopt, std::nullopt); }),
              "(pas d'erreur)");
    EXPECT_NE(message([&] { eci::calc::chemin(Plage(), Plage(), 1, std::nullopt, std::nullopt, std::nullopt,
                                               std::nullopt); }),
              "(pas d'erreur)");
    Feuille g;
    g.statut("1.1.1.1", "presque");
    EXPECT_NE(message([&] { g.gain(); }).find("presque"), std::string::npos);
    EXPECT_NE(message([&] { g.chemin(1); }).find("presque"), std::string::npos);
    // A blank id row gives an empty cell.
    Feuille h;
    h.ids.at(h.ligne("1.1.1.5"), 0) = std::string();
    EXPECT_TRUE(vide(h.gain().at(h.ligne("1.1.1.5"), 0)));
    EXPECT_TRUE(vide(h.chemin(1).at(h.ligne("1.1.1.5"), 0)));
}

// The sous-action of an id by its text: a tâche (four parts) is under the first three.
std::string sousAction(const std::string& id) {
    if (std::count(id.begin(), id.end(), '.') != 3) return id;
    return id.substr(0, id.rfind('.'));
}

// Rank, N°, intitulé and sous-action of row k of a list (ECI.CHEMIN_LISTE, ECI.GAIN_LISTE): k + 1, the
// row's N°, its ECI.LIBELLE and « N° libellé » of its sous-action.
void verifierDebutDeLigne(const Plage& l, std::size_t k, const std::string& id) {
    const std::string sa = sousAction(id);
    EXPECT_EQ(nombre(l.at(k, 0)), (double)(k + 1));
    EXPECT_EQ(l.at(k, 1), Cellule(id));
    EXPECT_EQ(l.at(k, 2), Cellule(eci::calc::libelle(Cellule(id), std::nullopt)));
    EXPECT_EQ(l.at(k, 3), Cellule(sa + " " + eci::calc::libelle(Cellule(sa), std::nullopt)));
}

// ECI.CHEMIN_LISTE row by row against ECI.CHEMIN, ECI.GAIN, ECI.LIBELLE and ECI.PREUVES.
void verifierListe(const Feuille& f, double etoile, const eci::calc::Optionnel& effort) {
    const Plage l = f.liste(etoile, effort);
    const Plage c = f.chemin(etoile, effort);
    const Plage g = f.gain();
    ASSERT_EQ(l.lignes, f.ids.lignes);
    ASSERT_EQ(l.colonnes, 7u);
    std::size_t k = 0;
    for (std::size_t r = 0; r < f.ids.lignes; ++r) {
        if (vide(c.at(r, 0)) || nombre(c.at(r, 0)) != 1) continue;
        const std::string id = std::get<std::string>(f.ids.at(r, 0));
        SCOPED_TRACE("path row " + std::to_string(k + 1) + " " + id);
        verifierDebutDeLigne(l, k, id);
        EXPECT_EQ(l.at(k, 4), g.at(r, 0));
        const double e = effort && !vide(effort->at(r, 0)) ? nombre(effort->at(r, 0)) : 1.0;
        EXPECT_EQ(nombre(l.at(k, 5)), e);
        EXPECT_EQ(l.at(k, 6), Cellule(eci::calc::preuves(Cellule(sousAction(id)))));
        ++k;
    }
    EXPECT_GT(k, 0u);
    for (std::size_t r = k; r < l.lignes; ++r)
        for (std::size_t j = 0; j < 7; ++j) ASSERT_EQ(l.at(r, j), Cellule(std::string())) << r << "," << j;
}

TEST(FonctionsProgression, CheminListeLigneParLigne) {
    Feuille f;
    f.statut("1.1.1.1", "programmé").statut("2.2.1", "pas fait").statut("3.1.1.1", "fait");
    for (double etoile : {1.0, 2.0, 3.0}) {
        SCOPED_TRACE(etoile);
        verifierListe(f, etoile, std::nullopt);
    }
    Plage effort(f.ids.lignes, 1);
    for (std::size_t r = 0; r < effort.lignes; ++r) effort.at(r, 0) = r % 3 ? Cellule(1.0 + (double)(r % 7)) : Cellule();
    verifierListe(f, 2, effort);
    // No path: the same error as ECI.CHEMIN.
    Feuille g;
    g.statut("2.1.0", "non concerné");
    EXPECT_EQ(message([&] { g.liste(1); }), message([&] { g.chemin(1); }));
    EXPECT_NE(message([&] { f.liste(9); }).find("etoile"), std::string::npos);
}

// ECI.GAIN_LISTE against ECI.GAIN: the positive gains, largest first, equal gains in row order.
void verifierClassement(const Feuille& f, const Plage& l, std::size_t lignes) {
    const Plage g = f.gain();
    std::vector<std::size_t> ordre;
    for (std::size_t r = 0; r < g.lignes; ++r)
        if (!vide(g.at(r, 0)) && nombre(g.at(r, 0)) > 0) ordre.push_back(r);
    std::stable_sort(ordre.begin(), ordre.end(),
                     [&](std::size_t a, std::size_t b) { return nombre(g.at(a, 0)) > nombre(g.at(b, 0)); });
    ASSERT_EQ(l.lignes, lignes);
    ASSERT_EQ(l.colonnes, 6u);
    const Plage ev = eci::calc::evaluer(f.ids, f.statuts, std::nullopt, std::nullopt, std::nullopt);
    for (std::size_t k = 0; k < lignes; ++k) {
        if (k >= ordre.size()) {
            for (std::size_t j = 0; j < 6; ++j) ASSERT_EQ(l.at(k, j), Cellule(std::string())) << k << "," << j;
            continue;
        }
        const std::string id = std::get<std::string>(f.ids.at(ordre[k], 0));
        SCOPED_TRACE("rank " + std::to_string(k + 1) + " " + id);
        verifierDebutDeLigne(l, k, id);
        EXPECT_EQ(l.at(k, 4), g.at(ordre[k], 0));
        EXPECT_EQ(l.at(k, 5), ev.at(ordre[k], 7));
    }
}

TEST(FonctionsProgression, GainListeClasseLesGains) {
    Feuille f;
    f.statut("1.1.1.1", "programmé").statut("2.2.1", "pas fait").statut("3.1.1.1", "fait").statut("4.1", "fait");
    const auto liste = [&](const eci::calc::Optionnel& n) {
        return eci::calc::gainListe(f.ids, f.statuts, n, std::nullopt, std::nullopt, std::nullopt);
    };
    verifierClassement(f, liste(std::nullopt), 10);  // 10 by default
    verifierClassement(f, liste(Plage(Cellule(std::string()))), 10);  // a blank cell: 10
    verifierClassement(f, liste(Plage(Cellule(3.0))), 3);
    verifierClassement(f, liste(Plage(Cellule(f.ids.lignes + 5.0))), f.ids.lignes + 5);  // every gain, then blanks
    // Equal gains keep the row order: two tâches of the same points, the earlier one first.
    const Plage tout = liste(Plage(Cellule(400.0)));
    for (std::size_t k = 1; k < tout.lignes && std::holds_alternative<double>(tout.at(k, 4)); ++k)
        if (nombre(tout.at(k, 4)) == nombre(tout.at(k - 1, 4)))
            EXPECT_LT(f.ligne(std::get<std::string>(tout.at(k - 1, 1)).c_str()),
                      f.ligne(std::get<std::string>(tout.at(k, 1)).c_str()));
    // Bad counts are refused in words.
    for (double n : {0.0, -1.0, 2.5, 1e9})
        EXPECT_NE(message([&] { liste(Plage(Cellule(n))); }).find("« lignes »"), std::string::npos) << n;
    EXPECT_NE(message([&] { liste(Plage(Cellule(std::string("dix")))); }).find("lignes"), std::string::npos);
}

TEST(FonctionsProgression, UneEvaluationPartagee) {
    Feuille f;
    f.statut("1.1.1.1", "programmé");
    const std::size_t avant = eci::calc::evaluationsCalculees();
    f.gain();
    f.chemin(2);
    f.texte(2);
    f.chemin(3);
    EXPECT_EQ(eci::calc::evaluationsCalculees(), avant + 1);
}

}  // namespace
