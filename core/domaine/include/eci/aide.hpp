// Aid rules of the ADEME / Région Occitanie call (docs/aide.md): HTR base, aid
// under both readings of the ceiling, ADEME / Région split, final payment,
// self-financing (CGCT L1111-10) and over-financing, and the checks of
// AIDE.VERIFIER.
//
// Money is an integer number of cents (Montant) and rates are integer
// millionths (Taux); every computation is exact integer arithmetic (128-bit
// intermediates), so 0.1 + 0.2 € problems never reach a cell and "rounded down
// to the cent" really is a floor of the exact product.
//
// Conversions from the doubles Calc passes:
// - an amount in euros is read as the cell shows it (15 significant digits,
//   Calc's precision) and rounded to the nearest cent, halves away from zero.
//   Any amount written with at most 2 decimals (|x| < 1e13 €) is therefore
//   converted exactly (0.1 + 0.2 -> 30 cents); amounts with sub-cent digits
//   are first rounded to the cent (1.005 -> 1.01, 1.004 -> 1.00);
// - a rate or a share is read the same way and keeps 6 decimals (0.0001 %);
//   further decimals are dropped (truncated), so a rate is never rounded up.
//
// Errors: ErreurAide (std::invalid_argument) with a French message.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace eci::aide {

struct ErreurAide : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// An amount of money in cents (may be negative: a solde to pay back).
struct Montant {
    std::int64_t centimes = 0;

    // Largest accepted amount, exclusive: 1e13 € (1e15 cents).
    static constexpr double kMaxEuros = 1e13;

    static constexpr Montant depuisCentimes(std::int64_t c) { return Montant{c}; }
    // Nearest cent of the amount as the cell shows it (see above). Throws
    // ErreurAide when x is not finite or |x| >= kMaxEuros.
    static Montant depuisEuros(double euros);
    // The euro value whose cents are exact (the nearest double to c / 100).
    double euros() const { return static_cast<double>(centimes) / 100.0; }

    friend constexpr bool operator==(Montant a, Montant b) { return a.centimes == b.centimes; }
    friend constexpr bool operator!=(Montant a, Montant b) { return a.centimes != b.centimes; }
    friend constexpr bool operator<(Montant a, Montant b) { return a.centimes < b.centimes; }
    friend constexpr bool operator<=(Montant a, Montant b) { return a.centimes <= b.centimes; }
    friend constexpr bool operator>(Montant a, Montant b) { return a.centimes > b.centimes; }
    friend constexpr bool operator>=(Montant a, Montant b) { return a.centimes >= b.centimes; }
    friend constexpr Montant operator+(Montant a, Montant b) { return Montant{a.centimes + b.centimes}; }
    friend constexpr Montant operator-(Montant a, Montant b) { return Montant{a.centimes - b.centimes}; }
};

// A rate or a share in millionths: 700000 = 70 %.
struct Taux {
    std::int64_t millioniemes = 0;

    static constexpr std::int64_t kUn = 1000000;
    static constexpr Taux depuisMillioniemes(std::int64_t m) { return Taux{m}; }
    // The fraction as the cell shows it, truncated to 6 decimals. Throws
    // ErreurAide when x is not finite, negative or above 1000.
    static Taux depuisFraction(double x);
    double fraction() const { return static_cast<double>(millioniemes) / kUn; }

    friend constexpr bool operator==(Taux a, Taux b) { return a.millioniemes == b.millioniemes; }
    friend constexpr bool operator!=(Taux a, Taux b) { return a.millioniemes != b.millioniemes; }
};

// Compares x, as the cell shows it (15 significant digits), with the exact
// decimal n × 10^-decimales (n >= 0, 0 <= decimales <= 15): -1, 0 or 1.
// 0.1 * 7 (0.7000000000000001) compares equal to 0.7; 0.7000001 is above.
int comparerDecimal(double x, std::int64_t n, int decimales);

enum class Phase { diagnostic, accompagnement };
enum class PlafondSur { aide, assiette };
enum class RegleSolde { prorata, taux };

// The call's parameters (docs/aide.md).
inline constexpr Taux kTauxAppel{700000};           // 70 %: combined ADEME + Région rate, a maximum
inline constexpr Taux kTauxTvaDefaut{200000};       // 20 %
inline constexpr Montant kPlafondDiagnostic{5000000};       // 50 000 €
inline constexpr Montant kPlafondAccompagnement{10000000};  // 100 000 €
inline constexpr Taux kAutofinancementMinimal{200000};      // 20 % (CGCT L1111-10 III)

Montant plafond(Phase phase);
// "diagnostic", "accompagnement", "mise en œuvre".
const char* nom(Phase phase);

// HTR base = HT + TVA × (1 − d), TVA = HT × tauxTva, computed exactly and
// rounded to the nearest cent (halves up). d = 0: TTC; d = 1: HT.
// Throws when ht < 0 or a rate is outside [0, 1].
Montant assietteHtr(Montant ht, Taux tauxTva = kTauxTvaDefaut, Taux partRecuperable = Taux{0});

// The aid, rounded DOWN to the cent:
//   PlafondSur::aide      min(floor(taux × htr), plafond)
//   PlafondSur::assiette  floor(taux × min(htr, plafond))
// so it never exceeds taux × htr nor the ceiling. Throws when htr < 0,
// plafond < 0, taux <= 0 or taux > 70 %.
Montant aide(Montant htr, Taux taux, Montant plafond, PlafondSur sur = PlafondSur::aide);
Montant aide(Montant htr, Taux taux, Phase phase, PlafondSur sur = PlafondSur::aide);

// ADEME / Région split: ADEME = floor(aide × partAdeme) (to the cent), Région
// = aide − ADEME, so the parts sum exactly to the aid and the cent left by
// rounding goes to the Région. Throws when aide < 0 or partAdeme > 1.
struct Repartition {
    Montant ademe;
    Montant region;
};
Repartition repartir(Montant aide, Taux partAdeme);

// Aid due at the end, on the actual HTR spend, never above the aid awarded:
//   prorata  floor(aide × min(1, reelle / prevue))
//   taux     min(aide, floor(taux × min(reelle, prevue)))
// `prevue` is the planned base (the HTR base, or the capped base when the
// ceiling is on the base: both give the same result under `taux`). Throws when
// an amount is negative or prevue is 0.
Montant aideDue(Montant aideAttribuee, Montant assiettePrevue, Montant depenseReelle,
                RegleSolde regle = RegleSolde::prorata, Taux taux = kTauxAppel);
// aideDue − dejaVerse; negative: an amount to pay back.
Montant solde(Montant aideAttribuee, Montant assiettePrevue, Montant depenseReelle, Montant dejaVerse,
              RegleSolde regle = RegleSolde::prorata, Taux taux = kTauxAppel);

// Self-financing share own / (own + public aids). Throws when an amount is
// negative or both are 0.
double partAutofinancement(Montant propre, Montant aidesPubliques);
// own >= 20 % × (own + public aids), exactly (i.e. aids <= 4 × own). Own may
// be negative (over-financed operation): then false.
bool autofinancementSuffisant(Montant propre, Montant aidesPubliques);
// The sum of all aids exceeds the HTR cost.
bool surfinancement(Montant totalAides, Montant htr);

// An aid request, as checked by AIDE.VERIFIER.
struct Demande {
    Montant montantHt;
    Phase phase = Phase::diagnostic;
    Montant aideDemandee;
    Taux tauxTva = kTauxTvaDefaut;
    Taux partRecuperable{0};
    Montant autresAidesPubliques;  // all other public aids on the same expense
    bool investissement = false;   // the line is an investment operation
};

// One French line per breach, in this order (empty: nothing to report):
// - rate above 70 % of the HTR base (the aid may exceed 70 % × HTR by less than
//   a cent: 70 % × HTR rounded up to the cent is accepted);
// - ceiling of the phase exceeded (ceiling on the aid);
// - over-financing: aid + other public aids > HTR;
// - self-financing under 20 % (own share = HTR − all aids): a line starting
//   with "Avertissement : " unless the request is an investment;
// - information: the two readings of the ceiling give different aids at 70 %
//   for this HTR base (open question 1, for the committee).
std::vector<std::string> verifier(const Demande& d);

// French display: "72 000,00 €", "-3 500,00 €".
std::string enTexte(Montant m);
// French display of a rate as a percentage, up to 4 decimals: "70 %", "5,5 %".
std::string enPourcentage(Taux t);

}  // namespace eci::aide
