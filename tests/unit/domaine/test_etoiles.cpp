// The star thresholds of the domain (eci/score.hpp: kSeuilsEtoiles, etoilesPourcentage, etoiles;
// docs/score.md §10) against the platform's table data/labellisation/etoiles-eci.csv, which the
// workbook generator also reads (spreadsheets/generer_autodiagnostic.py): the two cannot drift.
// At each threshold the star is reached, just below it the previous one holds.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "eci/score.hpp"

namespace {

struct LigneEtoile {
    int etoile = 0;
    std::string prochaine;     // empty for the last star
    double pourcentage = 0;    // min_realise_percentage
    double score = 0;          // min_realise_score (fraction)
};

// The CSV's fields (no quoted field in this table); a trailing '\r' (CRLF file) is dropped.
std::vector<std::string> champs(std::string ligne) {
    if (!ligne.empty() && ligne.back() == '\r') ligne.pop_back();
    std::vector<std::string> out;
    std::stringstream ss(ligne);
    std::string champ;
    while (std::getline(ss, champ, ',')) out.push_back(champ);
    if (!ligne.empty() && ligne.back() == ',') out.emplace_back();
    return out;
}

std::vector<LigneEtoile> lireTable() {
    std::ifstream f(std::string(ECI_DATA_DIR) + "/labellisation/etoiles-eci.csv");
    EXPECT_TRUE(f.good()) << "data/labellisation/etoiles-eci.csv missing";
    std::string ligne;
    std::getline(f, ligne);
    const std::vector<std::string> entete = champs(ligne);
    auto colonne = [&](const char* nom) {
        for (std::size_t i = 0; i < entete.size(); ++i)
            if (entete[i] == nom) return i;
        ADD_FAILURE() << "no column " << nom;
        return entete.size();
    };
    const std::size_t cEtoile = colonne("etoile"), cProchaine = colonne("prochaine_etoile"),
                      cPct = colonne("min_realise_percentage"), cScore = colonne("min_realise_score");
    std::vector<LigneEtoile> table;
    while (std::getline(f, ligne)) {
        const std::vector<std::string> c = champs(ligne);
        if (c.empty() || (c.size() == 1 && c[0].empty())) continue;
        if (c.size() != entete.size()) {
            ADD_FAILURE() << "bad row: " << ligne;
            continue;
        }
        table.push_back({std::stoi(c[cEtoile]), c[cProchaine], std::stod(c[cPct]), std::stod(c[cScore])});
    }
    return table;
}

TEST(Etoiles, SeuilsDuDomaineEgauxALaTable) {
    const std::vector<LigneEtoile> table = lireTable();
    ASSERT_EQ(table.size(), eci::kSeuilsEtoiles.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        const LigneEtoile& l = table[i];
        SCOPED_TRACE("étoile " + std::to_string(l.etoile));
        EXPECT_EQ(l.etoile, static_cast<int>(i) + 1);
        EXPECT_EQ(l.prochaine, i + 1 < table.size() ? std::to_string(l.etoile + 1) : std::string());
        EXPECT_DOUBLE_EQ(eci::kSeuilsEtoiles[i], l.pourcentage);
        EXPECT_NEAR(l.score * 100, l.pourcentage, 1e-9) << "min_realise_score is the percentage as a fraction";
    }
}

TEST(Etoiles, EtoilesAuSeuilEtJusteEnDessous) {
    const std::vector<LigneEtoile> table = lireTable();
    ASSERT_FALSE(table.empty());
    for (std::size_t i = 0; i < table.size(); ++i) {
        const LigneEtoile& l = table[i];
        SCOPED_TRACE("étoile " + std::to_string(l.etoile));
        EXPECT_EQ(eci::etoilesPourcentage(l.pourcentage), l.etoile);
        EXPECT_EQ(eci::etoiles(l.pourcentage, 100), l.etoile) << "fait / potentiel at the threshold";
        const double avant = i + 1 < table.size() ? table[i + 1].pourcentage : 100;
        EXPECT_EQ(eci::etoilesPourcentage(std::nextafter(avant, 0.0)), l.etoile) << "just below the next threshold";
        EXPECT_EQ(eci::etoilesPourcentage((l.pourcentage + avant) / 2), l.etoile);
        if (i > 0) {
            EXPECT_EQ(eci::etoilesPourcentage(std::nextafter(l.pourcentage, 0.0)), l.etoile - 1);
            EXPECT_EQ(eci::etoiles(l.pourcentage - 0.001, 100), l.etoile - 1);
        }
    }
    EXPECT_EQ(eci::etoilesPourcentage(100), table.back().etoile);
    EXPECT_EQ(eci::etoilesPourcentage(-1), table.front().etoile) << "below 0 %: the first star";
}

}  // namespace
