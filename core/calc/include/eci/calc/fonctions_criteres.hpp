// The spreadsheet functions of the family CRITERES (docs/fonctions-conventions.md,
// "Selection of candidates"), on the cell types of fonctions.hpp. The domain
// (definitions of the panel, tie-breaks, sensitivity limits) is
// eci/selection.hpp; this layer applies the catalogue's argument conventions:
//  * optional arguments may be absent or an empty cell;
//  * numbers may be number cells or text written as a number ("12,5");
//  * typologies are text matched without regard to case, accents, spaces,
//    '_' and '-' (« Rural » = « rural »); a blank typology cell = no typology;
//  * a note `NC` (any case; « non concerné » too) leaves the criterion out;
//  * in the candidate columns (scores, typologies, notes), a row that is
//    entirely blank is not a candidate (trailing rows of a range): it gets 0
//    (SELECTION), nothing (REMPLACEMENTS, SENSIBILITE) and is not counted;
//  * a bad argument throws ErreurArgument with a French message saying what
//    to fix (mismatched heights, non-numeric score, empty range, more than
//    kMaxLignes rows, ...).
#pragma once

#include "eci/calc/fonctions.hpp"

namespace eci::calc {

// CRITERES.SCORE(notes; poids; [note_max]) -> weighted score 0–100.
// notes: one row or one column (number, NC); poids: as many numbers (row or
// column); note_max default 5.
double criteresScore(const Plage& notes, const Plage& poids, const Optionnel& noteMax);

// CRITERES.RANG(score; scores; [departage]; [departages]) -> competition rank
// of `score` among `scores` (blank cells of `scores` skipped), best = 1; equal
// scores are ordered by the tie-break value (higher first) when `departage`
// and `departages` (a column of the height of `scores`) are both given.
double criteresRang(const Cellule& score, const Plage& scores, const Optionnel& departage,
                    const Optionnel& departages);

// CRITERES.SELECTION(scores; typologies_territoire; typologies_collectivite;
// [nombre]; [score_min]) -> a column of 1 / 0 (the panel), height of scores.
// nombre default 10 (an integer >= 1), score_min default 0.
Plage criteresSelection(const Plage& scores, const Plage& typologiesTerritoire, const Plage& typologiesCollectivite,
                        const Optionnel& nombre, const Optionnel& scoreMin);

// CRITERES.COUT_PANEL(same arguments) -> total score of the plain top `nombre`
// (eligible candidates) minus the panel's total (>= 0).
double criteresCoutPanel(const Plage& scores, const Plage& typologiesTerritoire, const Plage& typologiesCollectivite,
                         const Optionnel& nombre, const Optionnel& scoreMin);

// CRITERES.REMPLACEMENTS(same arguments) -> a column, height of scores: on the
// row of each panel member that is not in the plain top `nombre`, the row
// number (1 = first row of the range) of the top-`nombre` candidate it
// replaced (entrants and left-out candidates paired in rank order); blank
// elsewhere.
Plage criteresRemplacements(const Plage& scores, const Plage& typologiesTerritoire,
                            const Plage& typologiesCollectivite, const Optionnel& nombre, const Optionnel& scoreMin);

// CRITERES.SENSIBILITE(notes; poids; [variation]; [nombre]; [score_min];
// [typologies_territoire]; [typologies_collectivite]; [note_max]) -> one row
// per notes row, 3 columns: best rank, worst rank (over the centre and the
// 2^k corners of the box where every weight moves within ±variation, default
// 0.2), and 1 when the selection in the panel flips at some corner, else 0.
// notes: one row per candidate, one column per merit criterion (k <= 6);
// poids: k numbers (row or column). Ranks and the panel are evaluated at the
// centre and the corners only (limits in eci/selection.hpp).
Plage criteresSensibilite(const Plage& notes, const Plage& poids, const Optionnel& variation,
                          const Optionnel& nombre, const Optionnel& scoreMin, const Optionnel& typologiesTerritoire,
                          const Optionnel& typologiesCollectivite, const Optionnel& noteMax);

}  // namespace eci::calc
