// The AIDE and CRITERES families of the add-in, as plain functions on the values Calc passes
// (types of the generated XFonctions methods): argument conversion (conversion.hpp), the call to
// eci::calc (eci/fonctions_aide.hpp, eci/fonctions_criteres.hpp) and result conversion.
//
// They throw eci::calc::ErreurArgument on a bad argument, like eci::calc; the XFonctions methods
// of fonctions_uno.cpp call them inside the add-in's single exception guard. Kept out of the
// component so that the glue unit tests (tests/calc/glue_unit.cpp) can call them without soffice.
//
// Empty cells and optional arguments: Calc passes a single empty cell given to an `any`
// argument as the number 0.
//  - Where 0 is a valid value, it is used as such (taux_tva, part_tva_recuperable, deja_verse,
//    autres_aides_publiques, investissement = FAUX, score_min, departage, variation): the
//    wizard texts say so when it differs from the default (taux_tva, variation).
//  - Where 0 is not a valid value and the argument is an option with a safe default, 0 means
//    "default" (toOptionalZeroIsBlank): plafond_sur, regle, note_max, nombre and the optional
//    typology columns of CRITERES.SENSIBILITE.
//  - taux_aide = 0 stays an error (Err:502): defaulting a missing rate to the 70 % maximum
//    would silently overstate an aid.
#pragma once

#include "conversion.hpp"

namespace eci::addin::familles {

// ---- AIDE ----------------------------------------------------------------------------------
double aideAssiette(double montantHt, const uno::Any& tauxTva, const uno::Any& partTvaRecuperable);
double aideMontant(double montantHt, const Matrix& phase, const uno::Any& tauxAide, const uno::Any& tauxTva,
                   const uno::Any& partTvaRecuperable, const uno::Any& plafondSur);
double aidePlafond(const Matrix& phase);
Matrix aideRepartition(double aide, double partAdeme);
double aideSolde(double aideAttribuee, double assiettePrevue, double depenseReelle, const uno::Any& dejaVerse,
                 const uno::Any& regle);
double aideAutofinancement(double partMaitreOuvrage, const Matrix& financementsPublics);
// A diagnostics function: a bad argument is reported as text, never thrown.
::rtl::OUString aideVerifier(double montantHt, const Matrix& phase, double aideDemandee, const uno::Any& tauxTva,
                             const uno::Any& partTvaRecuperable, const uno::Any& autresAidesPubliques,
                             const uno::Any& investissement);

// ---- CRITERES ------------------------------------------------------------------------------
double criteresScore(const Matrix& notes, const Matrix& poids, const uno::Any& noteMax);
double criteresRang(const Matrix& score, const Matrix& scores, const uno::Any& departage,
                    const uno::Any& departages);
Matrix criteresSelection(const Matrix& scores, const Matrix& typologiesTerritoire,
                         const Matrix& typologiesCollectivite, const uno::Any& nombre, const uno::Any& scoreMin);
double criteresCoutPanel(const Matrix& scores, const Matrix& typologiesTerritoire,
                         const Matrix& typologiesCollectivite, const uno::Any& nombre, const uno::Any& scoreMin);
Matrix criteresSensibilite(const Matrix& notes, const Matrix& poids, const uno::Any& variation,
                           const uno::Any& nombre, const uno::Any& scoreMin, const uno::Any& typologiesTerritoire,
                           const uno::Any& typologiesCollectivite, const uno::Any& noteMax);
Matrix criteresRemplacements(const Matrix& scores, const Matrix& typologiesTerritoire,
                             const Matrix& typologiesCollectivite, const uno::Any& nombre,
                             const uno::Any& scoreMin);

}  // namespace eci::addin::familles
