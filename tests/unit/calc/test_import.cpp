// Reading a platform export (layout of export-plateforme-eci.xlsx) into statuses.
#include <gtest/gtest.h>

#include <cmath>

#include "eci/calc/import.hpp"

namespace {

using eci::calc::Cellule;
using eci::calc::Plage;

// The export's layout: 4 header rows, the column titles on row 5, TOTAL on row 6, then nodes.
Plage exportType(const std::vector<std::vector<Cellule>>& noeuds) {
    Plage p(6 + noeuds.size(), 11);
    p.at(0, 0) = std::string("Nom de la collectivité");
    p.at(1, 2) = std::string("Date d'export");
    p.at(3, 4) = std::string("Evaluation dans la plateforme");
    const char* titres[] = {"N°", "Intitulé", "Phase", "Potentiel max", "Potentiel collectivité", "Points réalisés",
                            "% réalisé", "Points programmés", "% programmés", "Statut", "Champt texte Explications"};
    for (std::size_t c = 0; c < 11; ++c) p.at(4, c) = std::string(titres[c]);
    p.at(5, 0) = std::string("TOTAL");
    p.at(5, 3) = 500.0;
    for (std::size_t l = 0; l < noeuds.size(); ++l)
        for (std::size_t c = 0; c < noeuds[l].size(); ++c) p.at(6 + l, c) = noeuds[l][c];
    return p;
}

std::vector<Cellule> ligne(Cellule id, const std::string& statut, const std::string& expl = "",
                           Cellule realise = Cellule(), Cellule programme = Cellule()) {
    std::vector<Cellule> v(11);
    v[0] = std::move(id);
    v[6] = std::move(realise);
    v[8] = std::move(programme);
    if (!statut.empty()) v[9] = statut;
    if (!expl.empty()) v[10] = expl;
    return v;
}

TEST(Import, ReadsStatusesExplanationsAndFractions) {
    auto ref = eci::Referentiel::eci();
    Plage p = exportType({ligne(1.0, ""), ligne(1.1, ""), ligne(std::string("1.1.1.1"), "Fait", "Délibération 2024"),
                          ligne(std::string("1.1.1.2"), "Programmé"),
                          ligne(std::string("1.1.1.3"), "Détaillé", "", 0.45, std::string("35 %")),
                          ligne(std::string("1.1.1.4"), "Non concerné")});
    auto r = eci::calc::import::lireExport(p, *ref);
    ASSERT_EQ(r.lignes.size(), 6u);
    EXPECT_TRUE(r.nonReconnues.empty());
    EXPECT_TRUE(r.problemes.empty());
    EXPECT_EQ(r.lignes[0].identifiant, "1");
    EXPECT_FALSE(r.lignes[0].statut.has_value());
    EXPECT_EQ(r.lignes[2].identifiant, "1.1.1.1");
    EXPECT_EQ(r.lignes[2].statut, eci::StatutSaisi::fait);
    EXPECT_EQ(r.lignes[2].explications, "Délibération 2024");
    EXPECT_EQ(r.lignes[2].ligneSource, 9u);
    EXPECT_EQ(r.lignes[3].statut, eci::StatutSaisi::programme);
    ASSERT_TRUE(r.lignes[4].fractions.has_value());
    EXPECT_DOUBLE_EQ((*r.lignes[4].fractions)[0], 0.45);
    EXPECT_DOUBLE_EQ((*r.lignes[4].fractions)[1], 0.35);
    EXPECT_NEAR((*r.lignes[4].fractions)[2], 0.20, 1e-12);
    EXPECT_EQ(r.lignes[5].statut, eci::StatutSaisi::nonConcerne);
}

TEST(Import, ReportsRowsItCannotMatch) {
    auto ref = eci::Referentiel::eci();
    Plage p = exportType({ligne(std::string("1.1.1.1"), "fait"), ligne(std::string("9.9.9"), "fait"),
                          ligne(std::string("1.1.1.2"), "à moitié"), ligne(std::string("1.1.1.1"), "pas fait"),
                          ligne(std::string("1.0"), "")});
    auto r = eci::calc::import::lireExport(p, *ref);
    ASSERT_EQ(r.nonReconnues.size(), 1u);
    EXPECT_EQ(r.nonReconnues[0], "ligne 8 : N° « 9.9.9 » absent du référentiel");
    ASSERT_EQ(r.problemes.size(), 2u);
    EXPECT_NE(r.problemes[0].find("statut « à moitié » non reconnu"), std::string::npos);
    EXPECT_NE(r.problemes[1].find("déjà lu ligne 7"), std::string::npos);
    ASSERT_EQ(r.lignes.size(), 3u);
    EXPECT_EQ(r.lignes[2].identifiant, "1");  // « 1.0 » is the axe 1
}

TEST(Import, NotAnExport) {
    auto ref = eci::Referentiel::eci();
    Plage p(3, 3);
    p.at(0, 0) = std::string("Budget");
    EXPECT_THROW(eci::calc::import::lireExport(p, *ref), eci::calc::import::ErreurImport);
}

}  // namespace

// Found by export_fuzz: a NaN percentage came through as a NaN fraction, and % réalisé + % programmé
// above 100 % gave fractions summing to more than 1. Now: NaN is no percentage, and an impossible
// split is reported and not imported (the status still is).
TEST(Import, ImpossiblePercentagesAreNotImported) {
    auto ref = eci::Referentiel::eci();
    Plage p = exportType({ligne(std::string("1.1.1.1"), "Détaillé", "", std::nan(""), 0.25),
                          ligne(std::string("1.1.1.2"), "Détaillé", "", 0.8, std::string("50 %"))});
    auto r = eci::calc::import::lireExport(p, *ref);
    ASSERT_EQ(r.lignes.size(), 2u);
    ASSERT_TRUE(r.lignes[0].fractions.has_value());  // NaN read as missing: 0 / 0,25 / 0,75
    EXPECT_EQ((*r.lignes[0].fractions)[0], 0.0);
    EXPECT_EQ((*r.lignes[0].fractions)[1], 0.25);
    EXPECT_EQ((*r.lignes[0].fractions)[2], 0.75);
    EXPECT_EQ(r.lignes[1].statut, eci::StatutSaisi::detaille);
    EXPECT_FALSE(r.lignes[1].fractions.has_value());
    ASSERT_EQ(r.problemes.size(), 1u);
    EXPECT_NE(r.problemes[0].find("plus de 100 %"), std::string::npos) << r.problemes[0];
    EXPECT_NE(r.problemes[0].find("1.1.1.2"), std::string::npos) << r.problemes[0];
}

// The pre-check before opening a file: filled cells an OpenDocument XML declares.
TEST(Import, CellulesDeclareesCountsRepetitions) {
    using eci::calc::import::cellulesDeclarees;
    const std::string ligneVide =  // what LibreOffice writes after the last used row: empty, cheap
        R"(<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>)";
    const std::string deuxCellules =
        R"(<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell><text:p>x</text:p></table:table-cell><table:table-cell/></table:table-row>)";
    EXPECT_EQ(cellulesDeclarees(ligneVide), 0u);
    EXPECT_EQ(cellulesDeclarees(deuxCellules + ligneVide), 2u);
    // 657 bytes that declare 2^30 filled cells (LibreOffice 7.4 was still loading it after 5 minutes).
    const std::string bombe =
        R"(<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="1024" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>)";
    EXPECT_EQ(cellulesDeclarees(bombe), 1048576ull * 1024ull);
    // One array formula over 2^20 x 1024 cells (LibreOffice 7.4 was still loading it after 2 minutes).
    EXPECT_EQ(cellulesDeclarees(R"(<table:table-row><table:table-cell table:formula="of:=1" table:number-matrix-rows-spanned="1048576" table:number-matrix-columns-spanned="1024" office:value-type="float"><text:p>1</text:p></table:table-cell></table:table-row>)"),
              1048576ull * 1024ull);
    // OOXML: cells, and an array formula over A1:AMJ1048576 (1024 x 2^20; it also froze LibreOffice).
    EXPECT_EQ(cellulesDeclarees(R"(<sheetData><row r="1"><c r="A1"><f t="array" ref="A1:AMJ1048576">1</f><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData>)"),
              1048576ull * 1024ull + 1);
    EXPECT_EQ(cellulesDeclarees(R"(<x:c r="A1"><x:f t='array' ref='$B$2:C3'>1</x:f></x:c>)"), 4u);
    EXPECT_EQ(cellulesDeclarees(R"(<c><f t="shared" ref="A1:XFD1048576" si="0">1</f></c>)"), 1u);  // shared: explicit cells only
    // Other namespace prefixes, single quotes, '>' inside a value, saturation.
    EXPECT_EQ(cellulesDeclarees(R"(<t:table-row a='>' t:number-rows-repeated='10'><t:table-cell x:number-columns-repeated="3" v:value-type="float"/></t:table-row>)"),
              30u);
    EXPECT_EQ(cellulesDeclarees(R"(<table-row number-rows-repeated="99999999999999999999999"><table-cell number-columns-repeated="99999999999"><p/></table-cell></table-row>)"),
              UINT64_MAX);
    // Not XML, truncated, empty: no crash, no cells.
    EXPECT_EQ(cellulesDeclarees("<table:table-row table:number-rows-repeated=\"5"), 0u);
    EXPECT_EQ(cellulesDeclarees(""), 0u);
}
