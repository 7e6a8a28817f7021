#include "eci/aide.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace eci::aide {

namespace {

using i128 = __int128;

// |x| as the cell shows it: mantissa × 10^exposant, mantissa < 10^15 (15
// significant digits, Calc's precision), trailing zeros stripped.
struct Decimal15 {
    bool negatif = false;
    std::uint64_t mantisse = 0;
    int exposant = 0;
};

Decimal15 decimal15(double x) {
    Decimal15 d;
    if (x == 0 || !std::isfinite(x)) return d;
    d.negatif = x < 0;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.14e", std::fabs(x));  // "D.DDDDDDDDDDDDDDe+XX"
    const char* p = buf;
    std::uint64_t m = 0;
    for (; *p && *p != 'e'; ++p)
        if (*p >= '0' && *p <= '9') m = m * 10 + static_cast<std::uint64_t>(*p - '0');
    int e = (*p == 'e') ? std::atoi(p + 1) : 0;
    d.mantisse = m;
    d.exposant = e - 14;
    while (d.mantisse != 0 && d.mantisse % 10 == 0) {
        d.mantisse /= 10;
        ++d.exposant;
    }
    return d;
}

// floor(|d| × 10^k), whether something non-zero was dropped, whether what was
// dropped is at least one half; `sature` when the value does not fit.
struct Echelle {
    std::uint64_t entier = 0;
    bool reste = false;
    bool demi = false;
    bool sature = false;
};

Echelle aEchelle(const Decimal15& d, int k) {
    Echelle r;
    if (d.mantisse == 0) return r;
    int s = d.exposant + k;
    if (s >= 0) {
        std::uint64_t v = d.mantisse;
        for (int i = 0; i < s; ++i) {
            if (v > std::numeric_limits<std::uint64_t>::max() / 10) {
                r.sature = true;
                return r;
            }
            v *= 10;
        }
        r.entier = v;
        return r;
    }
    int t = -s;
    if (t > 19) {  // mantissa < 10^15 < half of 10^t
        r.reste = true;
        return r;
    }
    std::uint64_t p = 1;
    for (int i = 0; i < t; ++i) p *= 10;
    r.entier = d.mantisse / p;
    std::uint64_t reste = d.mantisse % p;
    r.reste = reste != 0;
    r.demi = reste >= p - reste;
    return r;
}

std::int64_t plancherDiv(i128 n, i128 d) {  // d > 0
    i128 q = n / d;
    if (n % d != 0 && n < 0) --q;
    return static_cast<std::int64_t>(q);
}

void exigerPositif(Montant m, const char* quoi) {
    if (m.centimes < 0) throw ErreurAide(std::string(quoi) + " (" + enTexte(m) + ") doit être positif ou nul.");
}

void exigerFraction(Taux t, const char* quoi) {
    if (t.millioniemes < 0 || t.millioniemes > Taux::kUn)
        throw ErreurAide(std::string(quoi) + " (" + enPourcentage(t) + ") doit être compris entre 0 et 100 %.");
}

void exigerTauxAide(Taux t) {
    if (t.millioniemes <= 0)
        throw ErreurAide("Le taux d'aide (" + enPourcentage(t) + ") doit être strictement positif (au plus 70 %).");
    if (t.millioniemes > kTauxAppel.millioniemes)
        throw ErreurAide("Le taux d'aide (" + enPourcentage(t) + ") dépasse le maximum de l'appel (70 %).");
}

std::string grouper(std::uint64_t n) {
    std::string s = std::to_string(n);
    std::string out;
    int k = 0;
    for (auto it = s.rbegin(); it != s.rend(); ++it) {
        if (k > 0 && k % 3 == 0) out.insert(out.begin(), ' ');
        out.insert(out.begin(), *it);
        ++k;
    }
    return out;
}

// Percentage of a / b truncated to 2 decimals ("19,99 %"), b > 0.
std::string pourcentageTronque(std::int64_t a, std::int64_t b) {
    std::int64_t c = plancherDiv(static_cast<i128>(a) * 10000, b);  // hundredths of a percent
    bool neg = c < 0;
    std::uint64_t u = neg ? static_cast<std::uint64_t>(-c) : static_cast<std::uint64_t>(c);
    char dec[8];
    std::snprintf(dec, sizeof dec, "%02u", static_cast<unsigned>(u % 100));
    return (neg ? "-" : "") + grouper(u / 100) + "," + dec + " %";
}

}  // namespace

// ---------------------------------------------------------------- values ---

Montant Montant::depuisEuros(double x) {
    if (!std::isfinite(x)) throw ErreurAide("Montant non numérique ou infini.");
    if (!(std::fabs(x) < kMaxEuros))
        throw ErreurAide("Montant hors limites : au plus 10 000 milliards d'euros en valeur absolue.");
    Decimal15 d = decimal15(x);
    Echelle e = aEchelle(d, 2);
    std::int64_t c = static_cast<std::int64_t>(e.entier) + (e.demi ? 1 : 0);
    return Montant{d.negatif ? -c : c};
}

Taux Taux::depuisFraction(double x) {
    if (!std::isfinite(x)) throw ErreurAide("Taux non numérique ou infini.");
    if (x < 0) throw ErreurAide("Un taux ne peut pas être négatif.");
    if (x > 1000) throw ErreurAide("Taux hors limites (saisir une fraction : 0,7 pour 70 %).");
    Echelle e = aEchelle(decimal15(x), 6);
    return Taux{static_cast<std::int64_t>(e.entier)};
}

int comparerDecimal(double x, std::int64_t n, int decimales) {
    if (std::isnan(x)) return 1;
    if (std::isinf(x)) return x > 0 ? 1 : -1;
    Decimal15 d = decimal15(x);
    if (d.mantisse == 0) return n == 0 ? 0 : -1;
    if (d.negatif) return -1;
    Echelle e = aEchelle(d, decimales);
    if (e.sature) return 1;
    std::uint64_t un = static_cast<std::uint64_t>(n);
    if (e.entier != un) return e.entier > un ? 1 : -1;
    return e.reste ? 1 : 0;
}

Montant plafond(Phase phase) {
    return phase == Phase::diagnostic ? kPlafondDiagnostic : kPlafondAccompagnement;
}

const char* nom(Phase phase) { return phase == Phase::diagnostic ? "diagnostic" : "accompagnement"; }

// ------------------------------------------------------------------ rules ---

Montant assietteHtr(Montant ht, Taux tauxTva, Taux partRecuperable) {
    exigerPositif(ht, "Le montant HT");
    exigerFraction(tauxTva, "Le taux de TVA");
    exigerFraction(partRecuperable, "La part de TVA récupérable");
    // Non-recoverable VAT in cents × 10^12, exact.
    i128 n = static_cast<i128>(ht.centimes) * tauxTva.millioniemes * (Taux::kUn - partRecuperable.millioniemes);
    const i128 d = static_cast<i128>(Taux::kUn) * Taux::kUn;
    i128 q = n / d, r = n % d;
    if (2 * r >= d) ++q;  // nearest cent, halves up
    return Montant{ht.centimes + static_cast<std::int64_t>(q)};
}

Montant aide(Montant htr, Taux taux, Montant plafond, PlafondSur sur) {
    exigerPositif(htr, "L'assiette HTR");
    exigerPositif(plafond, "Le plafond");
    exigerTauxAide(taux);
    auto fois = [&](Montant base) {
        return Montant{plancherDiv(static_cast<i128>(base.centimes) * taux.millioniemes, Taux::kUn)};
    };
    if (sur == PlafondSur::aide) {
        Montant a = fois(htr);
        return a < plafond ? a : plafond;
    }
    return fois(htr < plafond ? htr : plafond);
}

Montant aide(Montant htr, Taux taux, Phase phase, PlafondSur sur) { return aide(htr, taux, plafond(phase), sur); }

Repartition repartir(Montant aide, Taux partAdeme) {
    exigerPositif(aide, "L'aide");
    exigerFraction(partAdeme, "La part ADEME");
    Montant ademe{plancherDiv(static_cast<i128>(aide.centimes) * partAdeme.millioniemes, Taux::kUn)};
    return Repartition{ademe, aide - ademe};
}

Montant aideDue(Montant aideAttribuee, Montant assiettePrevue, Montant depenseReelle, RegleSolde regle, Taux taux) {
    exigerPositif(aideAttribuee, "L'aide attribuée");
    exigerPositif(assiettePrevue, "L'assiette prévue");
    exigerPositif(depenseReelle, "La dépense réelle");
    if (assiettePrevue.centimes == 0)
        throw ErreurAide("L'assiette prévue est nulle : impossible de proratiser l'aide.");
    if (regle == RegleSolde::prorata) {
        if (depenseReelle >= assiettePrevue) return aideAttribuee;
        return Montant{plancherDiv(static_cast<i128>(aideAttribuee.centimes) * depenseReelle.centimes,
                                   assiettePrevue.centimes)};
    }
    exigerTauxAide(taux);
    Montant base = depenseReelle < assiettePrevue ? depenseReelle : assiettePrevue;
    Montant due{plancherDiv(static_cast<i128>(base.centimes) * taux.millioniemes, Taux::kUn)};
    return due < aideAttribuee ? due : aideAttribuee;
}

Montant solde(Montant aideAttribuee, Montant assiettePrevue, Montant depenseReelle, Montant dejaVerse,
              RegleSolde regle, Taux taux) {
    exigerPositif(dejaVerse, "Le montant déjà versé");
    return aideDue(aideAttribuee, assiettePrevue, depenseReelle, regle, taux) - dejaVerse;
}

double partAutofinancement(Montant propre, Montant aidesPubliques) {
    exigerPositif(propre, "La part du maître d'ouvrage");
    exigerPositif(aidesPubliques, "Le total des financements publics");
    Montant total = propre + aidesPubliques;
    if (total.centimes == 0)
        throw ErreurAide("Aucun financement (part du maître d'ouvrage et financements publics nuls) : "
                         "la part d'autofinancement n'est pas définie.");
    return static_cast<double>(propre.centimes) / static_cast<double>(total.centimes);
}

bool autofinancementSuffisant(Montant propre, Montant aidesPubliques) {
    // own >= 0.2 × (own + aids)  <=>  4 × own >= aids
    return static_cast<i128>(propre.centimes) * 4 >= aidesPubliques.centimes;
}

bool surfinancement(Montant totalAides, Montant htr) { return totalAides > htr; }

// ----------------------------------------------------------------- checks ---

std::vector<std::string> verifier(const Demande& d) {
    exigerPositif(d.montantHt, "Le montant HT");
    exigerPositif(d.aideDemandee, "L'aide demandée");
    exigerPositif(d.autresAidesPubliques, "Le montant des autres aides publiques");
    std::vector<std::string> lignes;
    Montant htr = assietteHtr(d.montantHt, d.tauxTva, d.partRecuperable);

    // Rate: aid <= ceil(70 % × HTR) (a cent of tolerance for rounding).
    i128 n = static_cast<i128>(htr.centimes) * kTauxAppel.millioniemes;
    Montant maxTaux{static_cast<std::int64_t>((n + Taux::kUn - 1) / Taux::kUn)};
    if (d.aideDemandee > maxTaux) {
        std::string l = "Taux d'aide dépassé : l'aide demandée (" + enTexte(d.aideDemandee) + ") ";
        if (htr.centimes > 0)
            l += "représente " + pourcentageTronque(d.aideDemandee.centimes, htr.centimes) + " de l'assiette HTR (" +
                 enTexte(htr) + ") ; l'appel finance au plus 70 %, soit " + enTexte(maxTaux) + ".";
        else
            l += "porte sur une assiette HTR nulle ; l'appel finance au plus 70 % de l'assiette.";
        lignes.push_back(l);
    }

    Montant p = plafond(d.phase);
    if (d.aideDemandee > p)
        lignes.push_back("Plafond dépassé : l'aide demandée (" + enTexte(d.aideDemandee) +
                         ") dépasse le plafond de la phase " + nom(d.phase) + " (" + enTexte(p) + ").");

    Montant aides = d.aideDemandee + d.autresAidesPubliques;
    if (surfinancement(aides, htr))
        lignes.push_back("Surfinancement : l'aide demandée (" + enTexte(d.aideDemandee) +
                         ") et les autres aides publiques (" + enTexte(d.autresAidesPubliques) + ") totalisent " +
                         enTexte(aides) + ", plus que le coût HTR de l'opération (" + enTexte(htr) + ").");

    Montant propre = htr - aides;
    if (htr.centimes > 0 && !autofinancementSuffisant(propre, aides)) {
        std::string constat = pourcentageTronque(propre.centimes, htr.centimes) + " (part du maître d'ouvrage " +
                              enTexte(propre) + " sur un coût HTR de " + enTexte(htr) +
                              "), sous le minimum de 20 % du financement public total fixé par l'article "
                              "L1111-10 III du CGCT";
        if (d.investissement)
            lignes.push_back("Autofinancement insuffisant : " + constat +
                             " pour une opération d'investissement ; le total des aides publiques doit rester à " +
                             enTexte(Montant{plancherDiv(static_cast<i128>(htr.centimes) * 8, 10)}) + " au plus.");
        else
            lignes.push_back("Avertissement : autofinancement de " + constat +
                             " pour les opérations d'investissement ; une étude en fonctionnement n'y est en "
                             "principe pas soumise.");
    }

    Montant surAide = aide(htr, kTauxAppel, p, PlafondSur::aide);
    Montant surAssiette = aide(htr, kTauxAppel, p, PlafondSur::assiette);
    if (surAide != surAssiette)
        lignes.push_back("Information : pour cette assiette HTR (" + enTexte(htr) +
                         "), les deux lectures du plafond diffèrent : plafond sur l'aide " + enTexte(surAide) +
                         ", plafond sur l'assiette " + enTexte(surAssiette) +
                         " (question ouverte n° 1, à trancher par le comité ; par défaut, plafond sur l'aide).");
    return lignes;
}

// ---------------------------------------------------------------- display ---

std::string enTexte(Montant m) {
    bool neg = m.centimes < 0;
    std::uint64_t u = neg ? static_cast<std::uint64_t>(-static_cast<i128>(m.centimes))
                          : static_cast<std::uint64_t>(m.centimes);
    char dec[8];
    std::snprintf(dec, sizeof dec, "%02u", static_cast<unsigned>(u % 100));
    return (neg ? "-" : "") + grouper(u / 100) + "," + dec + " €";
}

std::string enPourcentage(Taux t) {
    // millionths -> percent with 4 decimals
    bool neg = t.millioniemes < 0;
    std::uint64_t u = neg ? static_cast<std::uint64_t>(-t.millioniemes) : static_cast<std::uint64_t>(t.millioniemes);
    std::string s = grouper(u / 10000);
    std::uint64_t f = u % 10000;
    if (f != 0) {
        char dec[8];
        std::snprintf(dec, sizeof dec, "%04u", static_cast<unsigned>(f));
        std::string ds(dec);
        while (!ds.empty() && ds.back() == '0') ds.pop_back();
        s += "," + ds;
    }
    return (neg ? "-" : "") + s + " %";
}

}  // namespace eci::aide
