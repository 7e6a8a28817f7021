// CRITERES.* glue (see fonctions_uno_familles.hpp): conversions around eci::calc::criteres*.
#include "eci/calc/fonctions_criteres.hpp"
#include "fonctions_uno_familles.hpp"

namespace eci::addin::familles {

double criteresScore(const Matrix& notes, const Matrix& poids, const uno::Any& noteMax) {
    return calc::criteresScore(toRange(notes), toRange(poids), toOptionalZeroIsBlank(noteMax));
}

double criteresRang(const Matrix& score, const Matrix& scores, const uno::Any& departage,
                    const uno::Any& departages) {
    return calc::criteresRang(toSingleCell(score, "score"), toRange(scores), toOptional(departage),
                              toOptional(departages));
}

Matrix criteresSelection(const Matrix& scores, const Matrix& typologiesTerritoire,
                         const Matrix& typologiesCollectivite, const uno::Any& nombre, const uno::Any& scoreMin) {
    return toMatrix(calc::criteresSelection(toRange(scores), toRange(typologiesTerritoire),
                                            toRange(typologiesCollectivite), toOptionalZeroIsBlank(nombre),
                                            toOptional(scoreMin)));
}

double criteresCoutPanel(const Matrix& scores, const Matrix& typologiesTerritoire,
                         const Matrix& typologiesCollectivite, const uno::Any& nombre, const uno::Any& scoreMin) {
    return calc::criteresCoutPanel(toRange(scores), toRange(typologiesTerritoire), toRange(typologiesCollectivite),
                                   toOptionalZeroIsBlank(nombre), toOptional(scoreMin));
}

Matrix criteresSensibilite(const Matrix& notes, const Matrix& poids, const uno::Any& variation,
                           const uno::Any& nombre, const uno::Any& scoreMin, const uno::Any& typologiesTerritoire,
                           const uno::Any& typologiesCollectivite, const uno::Any& noteMax) {
    return toMatrix(calc::criteresSensibilite(toRange(notes), toRange(poids), toOptional(variation),
                                              toOptionalZeroIsBlank(nombre), toOptional(scoreMin),
                                              toOptionalZeroIsBlank(typologiesTerritoire),
                                              toOptionalZeroIsBlank(typologiesCollectivite),
                                              toOptionalZeroIsBlank(noteMax)));
}

Matrix criteresRemplacements(const Matrix& scores, const Matrix& typologiesTerritoire,
                             const Matrix& typologiesCollectivite, const uno::Any& nombre,
                             const uno::Any& scoreMin) {
    return toMatrix(calc::criteresRemplacements(toRange(scores), toRange(typologiesTerritoire),
                                                toRange(typologiesCollectivite), toOptionalZeroIsBlank(nombre),
                                                toOptional(scoreMin)));
}

}  // namespace eci::addin::familles
