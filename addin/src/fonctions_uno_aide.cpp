// AIDE.* glue (see fonctions_uno_familles.hpp): conversions around eci::calc::aide*.
#include "eci/calc/fonctions_aide.hpp"
#include "fonctions_uno_familles.hpp"

namespace eci::addin::familles {

namespace {
// phase: a text in one cell. A reference to a single empty cell arrives as the number 0 (Calc
// 7.4, even for a range parameter; A1:A1 gives empty text): read it as blank, so that the
// message says the phase is missing rather than « 0 » unknown.
calc::Cellule phaseOf(const Matrix& m) {
    calc::Cellule c = toSingleCell(m, "phase");
    if (const double* d = std::get_if<double>(&c); d && *d == 0) return std::string();
    return c;
}
}  // namespace

double aideAssiette(double montantHt, const uno::Any& tauxTva, const uno::Any& partTvaRecuperable) {
    return calc::aideAssiette(montantHt, toOptional(tauxTva), toOptional(partTvaRecuperable));
}

double aideMontant(double montantHt, const Matrix& phase, const uno::Any& tauxAide, const uno::Any& tauxTva,
                   const uno::Any& partTvaRecuperable, const uno::Any& plafondSur) {
    return calc::aideMontant(montantHt, phaseOf(phase), toOptional(tauxAide), toOptional(tauxTva),
                             toOptional(partTvaRecuperable), toOptionalZeroIsBlank(plafondSur));
}

double aidePlafond(const Matrix& phase) { return calc::aidePlafond(phaseOf(phase)); }

Matrix aideRepartition(double aide, double partAdeme) { return toMatrix(calc::aideRepartition(aide, partAdeme)); }

double aideSolde(double aideAttribuee, double assiettePrevue, double depenseReelle, const uno::Any& dejaVerse,
                 const uno::Any& regle) {
    return calc::aideSolde(aideAttribuee, assiettePrevue, depenseReelle, toOptional(dejaVerse),
                           toOptionalZeroIsBlank(regle));
}

double aideAutofinancement(double partMaitreOuvrage, const Matrix& financementsPublics) {
    return calc::aideAutofinancement(partMaitreOuvrage, toRange(financementsPublics));
}

::rtl::OUString aideVerifier(double montantHt, const Matrix& phase, double aideDemandee, const uno::Any& tauxTva,
                             const uno::Any& partTvaRecuperable, const uno::Any& autresAidesPubliques,
                             const uno::Any& investissement) {
    try {
        return toOUString(calc::aideVerifier(montantHt, phaseOf(phase), aideDemandee,
                                             toOptional(tauxTva), toOptional(partTvaRecuperable),
                                             toOptional(autresAidesPubliques), toOptional(investissement)));
    } catch (const calc::ErreurArgument& e) {  // from the conversions (a range for phase, ...)
        return toOUString(e.what());
    }
}

}  // namespace eci::addin::familles
