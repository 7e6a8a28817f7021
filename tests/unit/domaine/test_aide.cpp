// The aid rules of the domain (eci/aide.hpp, docs/aide.md): exact cents, rates in millionths, and
// properties that hold for any amount (the aid never exceeds the rate nor the ceiling, the final
// payment never exceeds the aid). The hand-worked tables go through the AIDE functions in
// tests/unit/calc/test_fonctions_aide.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>

#include "eci/aide.hpp"

namespace {

namespace aide = eci::aide;

// --------------------------------------------------------------- the types ---

TEST(AideMontantCentimes, ConversionExacte) {
    using aide::Montant;
    EXPECT_EQ(Montant::depuisEuros(0.1 + 0.2).centimes, 30);
    EXPECT_EQ(Montant::depuisEuros(1.005).centimes, 101);    // as written: half away from zero
    EXPECT_EQ(Montant::depuisEuros(1.0049).centimes, 100);
    EXPECT_EQ(Montant::depuisEuros(-1.005).centimes, -101);
    EXPECT_EQ(Montant::depuisEuros(0.004).centimes, 0);
    EXPECT_EQ(Montant::depuisEuros(0.005).centimes, 1);
    EXPECT_EQ(Montant::depuisEuros(9999999999999.99).centimes, 999999999999999);
    EXPECT_EQ(Montant::depuisEuros(1e-300).centimes, 0);
    EXPECT_THROW(Montant::depuisEuros(1e13), aide::ErreurAide);
    EXPECT_EQ(aide::enTexte(Montant{-350000}), "-3 500,00 €");
    EXPECT_EQ(aide::enTexte(Montant{7}), "0,07 €");
    EXPECT_EQ(aide::enTexte(Montant{123456789}), "1 234 567,89 €");
    EXPECT_EQ(aide::Taux::depuisFraction(0.7).millioniemes, 700000);
    EXPECT_EQ(aide::Taux::depuisFraction(0.1 * 7).millioniemes, 700000);
    EXPECT_EQ(aide::Taux::depuisFraction(0.055).millioniemes, 55000);
    EXPECT_EQ(aide::Taux::depuisFraction(2.0 / 3).millioniemes, 666666);
    EXPECT_EQ(aide::enPourcentage(aide::Taux{55000}), "5,5 %");
    EXPECT_EQ(aide::comparerDecimal(0.1 * 7, 7, 1), 0);
    EXPECT_EQ(aide::comparerDecimal(0.7000001, 7, 1), 1);
    EXPECT_EQ(aide::comparerDecimal(0.6999999, 7, 1), -1);
}

// ------------------------------------------------------------- properties ---

TEST(AidePropriete, ConversionDesCentimesAllerRetour) {
    std::mt19937_64 g(20240611);
    std::uniform_int_distribution<std::int64_t> centimes(0, 999999999999999);  // < 1e13 €
    for (int i = 0; i < 200000; ++i) {
        std::int64_t c = i < 1000 ? i : centimes(g);
        double euros = static_cast<double>(c) / 100.0;  // what a cell holds for c/100 typed
        ASSERT_EQ(aide::Montant::depuisEuros(euros).centimes, c) << euros;
        ASSERT_EQ(aide::Montant::depuisEuros(-euros).centimes, -c) << euros;
        ASSERT_EQ(aide::Montant{c}.euros(), euros);
    }
}

TEST(AidePropriete, AideJamaisAuDessusDuTauxNiDuPlafond) {
    std::mt19937_64 g(7);
    std::uniform_int_distribution<std::int64_t> montant(0, 50000000);  // up to 500 000 €
    std::uniform_int_distribution<std::int64_t> taux(1, 700000);
    std::uniform_int_distribution<std::int64_t> part(0, 1000000);
    const std::int64_t tvas[] = {0, 21000, 55000, 100000, 200000};
    for (int i = 0; i < 100000; ++i) {
        aide::Montant ht{montant(g)};
        aide::Taux tva{tvas[i % 5]};
        aide::Taux d{part(g)};
        aide::Taux r{taux(g)};
        aide::Phase ph = (i % 2) ? aide::Phase::diagnostic : aide::Phase::accompagnement;
        aide::Montant htr = aide::assietteHtr(ht, tva, d);
        // HT <= HTR <= TTC (to the cent)
        ASSERT_GE(htr, ht);
        ASSERT_LE((__int128)(htr.centimes - ht.centimes) * 1000000 * 1000000,
                  (__int128)ht.centimes * tva.millioniemes * 1000000 + 500000000000LL);
        std::int64_t plafond = aide::plafond(ph).centimes;
        for (auto sur : {aide::PlafondSur::aide, aide::PlafondSur::assiette}) {
            aide::Montant a = aide::aide(htr, r, ph, sur);
            // never above rate x HTR (exactly), nor the ceiling; less than a cent under the bound
            ASSERT_GE(a.centimes, 0);
            ASSERT_LE((__int128)a.centimes * 1000000, (__int128)r.millioniemes * htr.centimes);
            ASSERT_LE(a.centimes, plafond);
            std::int64_t base = (sur == aide::PlafondSur::assiette) ? std::min(htr.centimes, plafond) : htr.centimes;
            __int128 borne = (__int128)r.millioniemes * base;  // the bound x 1e6
            if (sur == aide::PlafondSur::aide) borne = std::min<__int128>(borne, (__int128)plafond * 1000000);
            ASSERT_GT((__int128)(a.centimes + 1) * 1000000, borne);
            // the split sums exactly, the Région gets the rounding cent
            aide::Repartition s = aide::repartir(a, d);
            ASSERT_EQ(s.ademe.centimes + s.region.centimes, a.centimes);
            ASSERT_LE((__int128)s.ademe.centimes * 1000000, (__int128)a.centimes * d.millioniemes);
            ASSERT_GE(s.ademe.centimes, 0);
            ASSERT_GE(s.region.centimes, 0);
        }
        // the base reading never gives more than the aid reading
        ASSERT_LE(aide::aide(htr, r, ph, aide::PlafondSur::assiette), aide::aide(htr, r, ph, aide::PlafondSur::aide));
    }
}

TEST(AidePropriete, SoldeJamaisAuDessusDeLAide) {
    std::mt19937_64 g(11);
    std::uniform_int_distribution<std::int64_t> montant(1, 20000000);
    for (int i = 0; i < 50000; ++i) {
        aide::Montant prevue{montant(g)}, reelle{montant(g) - 1};
        aide::Montant attribuee = aide::aide(prevue, aide::kTauxAppel, aide::Phase::diagnostic);
        for (auto r : {aide::RegleSolde::prorata, aide::RegleSolde::taux}) {
            aide::Montant due = aide::aideDue(attribuee, prevue, reelle, r);
            ASSERT_GE(due.centimes, 0);
            ASSERT_LE(due, attribuee);
            if (reelle >= prevue) ASSERT_EQ(due, attribuee);
        }
        // taux never gives less than prorata when the aid was computed at 70 %
        ASSERT_GE(aide::aideDue(attribuee, prevue, reelle, aide::RegleSolde::taux),
                  aide::aideDue(attribuee, prevue, reelle, aide::RegleSolde::prorata));
    }
}

}  // namespace
