// The progression functions (ECI.GAIN, ECI.CHEMIN, ECI.CHEMIN_TEXTE; docs/progression.md §6) in a
// real headless Calc, on the data of the example autodiagnostic (its ids, statuses, détaillé parts
// and answers, read out of the workbook and written into a fresh sheet):
//   - every cell of ECI.GAIN, ECI.CHEMIN (fewest rows and with an effort column) and the text of
//     ECI.CHEMIN_TEXTE equal the library's eci::calc functions on the same values, for every star;
//   - Err:502 for a bad star, a negative effort, an effort column of another height, and for
//     ECI.CHEMIN when no path exists (ECI.CHEMIN_TEXTE then says why, in a cell without error).
//
// The empty cells of an add-in array show nothing (their value through getDataArray is 0).
//
// Sheet layout: A ids | B statuts | C:E détaillé parts | G:H contexte | J ECI.GAIN | K ECI.CHEMIN |
//   L ECI.CHEMIN with the efforts of M | N1 ECI.CHEMIN_TEXTE.
#include <string>
#include <variant>
#include <vector>

#include "classeur.hpp"
#include "eci/calc/fonctions_progression.hpp"
#include "office.hpp"

using namespace eci::test;

namespace {

constexpr int kErrIllegalArgument = 502;

Value versValeur(const eci::calc::Cellule& c) {
    if (const double* d = std::get_if<double>(&c)) return *d;
    if (const std::string* s = std::get_if<std::string>(&c); s && !s->empty()) return *s;
    return Blank{};
}

std::vector<Row> versLignes(const eci::calc::Plage& p) {
    std::vector<Row> r(p.lignes, Row(p.colonnes, Blank{}));
    for (std::size_t l = 0; l < p.lignes; ++l)
        for (std::size_t c = 0; c < p.colonnes; ++c) r[l][c] = versValeur(p.at(l, c));
    return r;
}

class ProgressionTest : public CalcTest {
protected:
    Entrees e;
    std::size_t n = 0;
    eci::calc::Plage effort;

    void SetUp() override {
        {
            Classeur c = Classeur::copieSansTitre(ECI_AUTODIAG_EXEMPLE_ODS);
            c.recalculer();
            e = lireEntrees(c);
        }
        n = e.ids.lignes;
        effort = eci::calc::Plage(n, 1);
        for (std::size_t l = 0; l < n; ++l) effort.at(l, 0) = (double)(1 + (l * 7) % 4);
        sheet.setValues("A1", versLignes(e.ids));
        sheet.setValues("B1", versLignes(e.statuts));
        sheet.setValues("C1", versLignes(e.details));
        sheet.setValues("G1", versLignes(e.contexte));
        sheet.setValues("M1", versLignes(effort));
    }
    std::string N() const { return std::to_string(n); }
    std::string donnees() const {
        return "A1:A" + N() + ";B1:B" + N();
    }
    std::string options() const { return "C1:E" + N() + ";G1:H" + std::to_string(e.contexte.lignes); }
    // =ECI.GAIN(ids; statuts; details; contexte)
    std::string gain() const { return "=ECI.GAIN(" + donnees() + ";" + options() + ")"; }
    // =ECI.CHEMIN(ids; statuts; etoile; details; contexte; ; effort), CHEMIN_TEXTE alike
    std::string chemin(const std::string& etoile, const std::string& effort = "", bool texte = false) const {
        return std::string(texte ? "=ECI.CHEMIN_TEXTE(" : "=ECI.CHEMIN(") + donnees() + ";" + etoile + ";" + options() +
               (effort.empty() ? std::string() : ";;" + effort) + ")";
    }
    std::string colonne(const char* c) const { return std::string(c) + "1:" + c + N(); }
};

}  // namespace

TEST_F(ProgressionTest, ExempleEgalBibliotheque) {
    const eci::calc::Optionnel details = e.details, contexte = e.contexte;
    sheet.setArrayFormula(colonne("J"), gain());
    const eci::calc::Plage gains = eci::calc::gain(e.ids, e.statuts, details, contexte, std::nullopt);
    int chemins = 0;
    for (int k = 1; k <= 5; ++k) {
        SCOPED_TRACE("étoile " + std::to_string(k));
        const std::string etoile = std::to_string(k);
        sheet.setArrayFormula(colonne("K"), chemin(etoile));
        sheet.setArrayFormula(colonne("L"), chemin(etoile, colonne("M")));
        sheet.setFormula("N1", chemin(etoile, "", true));
        sheet.recalc();
        const std::string texte =
            eci::calc::cheminTexte(e.ids, e.statuts, k, details, contexte, std::nullopt, std::nullopt);
        EXPECT_EQ(sheet.error("N1"), 0);
        EXPECT_EQ(sheet.text("N1"), texte);
        bool possible = true;
        try {
            eci::calc::chemin(e.ids, e.statuts, k, details, contexte, std::nullopt, std::nullopt);
        } catch (const eci::calc::ErreurArgument&) {
            possible = false;
        }
        if (!possible) {
            EXPECT_EQ(sheet.error("K1"), kErrIllegalArgument);
            continue;
        }
        ++chemins;
        for (const auto& [col, eff] : {std::pair<const char*, eci::calc::Optionnel>{"K", std::nullopt},
                                       std::pair<const char*, eci::calc::Optionnel>{"L", effort}}) {
            const eci::calc::Plage attendu = eci::calc::chemin(e.ids, e.statuts, k, details, contexte, std::nullopt, eff);
            const std::vector<Row> vu = sheet.values(colonne(col));
            ASSERT_EQ(vu.size(), n);
            for (std::size_t l = 0; l < n; ++l) {
                const eci::calc::Cellule& a = attendu.at(l, 0);
                if (const double* d = std::get_if<double>(&a)) {
                    ASSERT_TRUE(std::holds_alternative<double>(vu[l][0])) << col << l + 1;
                    EXPECT_EQ(std::get<double>(vu[l][0]), *d) << col << l + 1;
                } else {
                    EXPECT_EQ(sheet.text(col + std::to_string(l + 1)), "") << col << l + 1;
                }
            }
        }
    }
    EXPECT_GE(chemins, 1);
    // The gains (the same for every star).
    const std::vector<Row> vu = sheet.values(colonne("J"));
    ASSERT_EQ(vu.size(), n);
    int positifs = 0;
    for (std::size_t l = 0; l < n; ++l) {
        const eci::calc::Cellule& a = gains.at(l, 0);
        if (const double* d = std::get_if<double>(&a)) {
            ASSERT_TRUE(std::holds_alternative<double>(vu[l][0])) << "J" << l + 1;
            EXPECT_EQ(std::get<double>(vu[l][0]), *d) << "J" << l + 1;
            EXPECT_NE(sheet.text("J" + std::to_string(l + 1)), "") << "J" << l + 1;
            if (*d > 0) ++positifs;
        } else {
            EXPECT_EQ(sheet.text("J" + std::to_string(l + 1)), "") << "J" << l + 1;
        }
    }
    EXPECT_GT(positifs, 10);
}

TEST_F(ProgressionTest, MauvaisArgumentsErr502) {
    // A star outside 1-5.
    sheet.setArrayFormula(colonne("K"), chemin("9"));
    sheet.setFormula("N1", chemin("0", "", true));
    sheet.recalc();
    EXPECT_EQ(sheet.error("K1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("N1"), kErrIllegalArgument);
    // A negative effort, an effort column of another height.
    sheet.setValue("M5", -3.0);
    sheet.setArrayFormula(colonne("L"), chemin("1", colonne("M")));
    sheet.setFormula("N2", chemin("1", "M1:M10", true));
    sheet.recalc();
    EXPECT_EQ(sheet.error("L1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("N2"), kErrIllegalArgument);
    // No path: a criterion node declared non concerné (2.1.0); the text says why.
    std::size_t ligne = 0;
    for (std::size_t l = 0; l < n; ++l)
        if (std::get_if<std::string>(&e.ids.at(l, 0)) && std::get<std::string>(e.ids.at(l, 0)) == "2.1.0") ligne = l + 1;
    ASSERT_GT(ligne, 0u);
    sheet.setValue("B" + std::to_string(ligne), std::string("non concerné"));
    sheet.setArrayFormula(colonne("K"), chemin("1"));
    sheet.setFormula("N1", chemin("1", "", true));
    sheet.recalc();
    EXPECT_EQ(sheet.error("K1"), kErrIllegalArgument);
    EXPECT_EQ(sheet.error("N1"), 0);
    EXPECT_NE(sheet.text("N1").find("2.1.0"), std::string::npos) << sheet.text("N1");
    // An unknown statut: Err:502 in ECI.GAIN too.
    sheet.setValue("B" + std::to_string(ligne), std::string("presque"));
    sheet.setArrayFormula(colonne("J"), gain());
    sheet.recalc();
    EXPECT_EQ(sheet.error("J1"), kErrIllegalArgument);
}
