// The AIDE spreadsheet functions (docs/fonctions-conventions.md, "Aid (family AIDE)"), on
// plain C++ values, for the UNO add-in. The rules are in eci/aide.hpp.
//
// Arguments as Calc passes them: required numbers as double, required texts as
// a Cellule, optional arguments as Optionnel (absent or an empty cell = the
// default; a scalar is a 1x1 Plage; a text where a number is expected is an
// error). Texts are matched without regard to case, accents, spaces, '_' and
// '-'. Amounts are in euros and are first rounded to the cent (see
// eci/aide.hpp); rates and shares are fractions (0,7 for 70 %), kept to 6
// decimals.
//
// Results are euros whose cents are exact (the nearest double to a whole
// number of cents: 12345.67). A parameter outside its domain throws
// ErreurArgument with a French message saying what to fix.
#pragma once

#include <string>

#include "eci/calc/fonctions.hpp"

namespace eci::calc {

// AIDE.ASSIETTE(montant_ht; [taux_tva]; [part_tva_recuperable]):
// HT + TVA × (1 − part), to the nearest cent. Defaults 0,2 and 0.
double aideAssiette(double montantHt, const Optionnel& tauxTva, const Optionnel& partTvaRecuperable);

// AIDE.MONTANT(montant_ht; phase; [taux_aide]; [taux_tva]; [part_tva_recuperable]; [plafond_sur]):
// the aid, rounded down to the cent. phase: diagnostic | accompagnement |
// mise en œuvre; taux_aide in ]0 ; 0,7] (default 0,7); plafond_sur: aide
// (default) | assiette.
double aideMontant(double montantHt, const Cellule& phase, const Optionnel& tauxAide, const Optionnel& tauxTva,
                   const Optionnel& partTvaRecuperable, const Optionnel& plafondSur);

// AIDE.PLAFOND(phase): 50 000 (diagnostic) or 100 000 (accompagnement).
double aidePlafond(const Cellule& phase);

// AIDE.REPARTITION(aide; part_ademe): 1 x 2 range of euros with exact cents,
// ADEME then Région, summing exactly to the aid (rounded to the cent); the cent
// left by rounding goes to the Région.
Plage aideRepartition(double aide, double partAdeme);

// AIDE.SOLDE(aide_attribuee; assiette_prevue; depense_reelle; [deja_verse]; [regle]):
// aid due on the actual spend minus already paid (negative: to pay back).
// regle: prorata (default) | taux. The `taux` rule uses the call's rate, 70 %
// (the catalogue passes no rate): min(aide, 70 % × min(reelle, prevue)).
double aideSolde(double aideAttribuee, double assiettePrevue, double depenseReelle, const Optionnel& dejaVerse,
                 const Optionnel& regle);

// AIDE.AUTOFINANCEMENT(part_maitre_ouvrage; financements_publics): own / (own +
// public), the public financing a number or a range (summed, blanks skipped).
double aideAutofinancement(double partMaitreOuvrage, const Plage& financementsPublics);

// AIDE.VERIFIER(montant_ht; phase; aide_demandee; [taux_tva]; [part_tva_recuperable];
//               [autres_aides_publiques]; [investissement]):
// "OK" or one French line per finding, separated by '\n' (see
// eci::aide::verifier). autres_aides_publiques: a number or a range (summed);
// investissement: VRAI / FAUX (1 / 0, oui / non), default FAUX.
std::string aideVerifier(double montantHt, const Cellule& phase, double aideDemandee, const Optionnel& tauxTva,
                         const Optionnel& partTvaRecuperable, const Optionnel& autresAidesPubliques,
                         const Optionnel& investissement);

}  // namespace eci::calc
