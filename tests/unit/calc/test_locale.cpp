// Numbers are read and written the same whatever the C library's LC_NUMERIC. The host process may
// switch it to a locale with a decimal comma (LibreOffice on Windows with French regional
// settings), and snprintf / strtod follow it: "1.5" would then stop being read, 1.5 be written
// "1,5" where a point is meant. Runs wherever such a locale can be set: always under Wine
// (scripts/windows.sh: Windows knows every locale), on Linux when a French or German locale is
// installed; skipped otherwise.
#include <gtest/gtest.h>

#include <clocale>
#include <string>

#include "eci/calc/arguments.hpp"
#include "eci/texte.hpp"

namespace {

using eci::calc::Cellule;

class LocaleVirgule : public ::testing::Test {
protected:
    void SetUp() override {
        ancienne_ = std::setlocale(LC_NUMERIC, nullptr);
        for (const char* nom : {"fr_FR.UTF-8", "fr_FR.utf8", "de_DE.UTF-8", "French_France.1252", "French"})
            if (std::setlocale(LC_NUMERIC, nom)) break;
        if (std::string(std::localeconv()->decimal_point) != ",")
            GTEST_SKIP() << "no locale with a decimal comma on this system";
    }
    void TearDown() override { std::setlocale(LC_NUMERIC, ancienne_.c_str()); }

private:
    std::string ancienne_;
};

TEST_F(LocaleVirgule, TextNumbersAreReadWithAPointOrAComma) {
    double v = 0;
    ASSERT_TRUE(eci::texte::lireNombre("1.5", v));
    EXPECT_EQ(v, 1.5);
    ASSERT_TRUE(eci::texte::lireNombre("12,25", v));
    EXPECT_EQ(v, 12.25);
    ASSERT_TRUE(eci::texte::lireNombre("-2.5e3", v));
    EXPECT_EQ(v, -2500.0);
    EXPECT_FALSE(eci::texte::lireNombre("1.5.2", v));
    EXPECT_FALSE(eci::texte::lireNombre("1 5", v));
    ASSERT_TRUE(eci::calc::nombreDe(Cellule(std::string("0.75")), v));
    EXPECT_EQ(v, 0.75);
}

TEST_F(LocaleVirgule, NumberCellsBecomeTextWithAPoint) {
    EXPECT_EQ(eci::calc::texteDe(Cellule(1.5)), "1.5");
    EXPECT_EQ(eci::calc::texteDe(Cellule(0.1)), "0.1");
    EXPECT_EQ(eci::calc::texteDe(Cellule(-3.0)), "-3");
}

TEST_F(LocaleVirgule, FrenchDisplayKeepsOneCommaAndDropsTrailingZeros) {
    EXPECT_EQ(eci::texte::nombreFr(1.25), "1,25");
    EXPECT_EQ(eci::texte::nombreFr(2.5), "2,5");
    EXPECT_EQ(eci::texte::nombreFr(7.0), "7");
    EXPECT_EQ(eci::texte::nombreFr(1e20), "1e+20");
}

}  // namespace
