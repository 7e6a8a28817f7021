// One évaluation of the ECI functions (docs/score.md): the ids / statuts / details / contexte /
// referentiel arguments read into the engine's inputs, personalisation and scores computed, and
// per ids row the node scored or why the row is not (ECI.EVALUER's last column).
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "eci/calc/plage.hpp"
#include "eci/referentiel.hpp"
#include "eci/score.hpp"
#include "eci/statuts.hpp"

namespace eci::calc {

// The arguments of one évaluation (optional ones already normalised: absent = nullopt).
struct Entrees {
    const Plage& ids;
    const Plage& statuts;
    const Optionnel& details;
    const Optionnel& contexte;
    const Optionnel& referentiel;
};

struct Evaluation {
    std::shared_ptr<const Referentiel> ref;
    std::vector<ScoreNoeud> scores;
    std::vector<int> noeudLigne;           // per ids row: node index, -1 blank, -2 problem
    std::vector<std::string> raisonLigne;  // per ids row: why it is not scored
    EntreesCalcul entrees;                 // the engine's inputs (ECI.GAIN, ECI.CHEMIN re-evaluate them)
    ParametresCalcul params;
    // The gains per node (ECI.GAIN), computed on first use and kept with the évaluation:
    // fonctions_progression.cpp (gainsDe). Not copyable (once_flag): an Evaluation lives in a shared_ptr.
    mutable std::once_flag gainsCalcules;
    mutable std::vector<std::optional<double>> gains;
};

// The shapes: ids and statuts one column of the same height, details three columns of that height.
void verifierFormes(const Entrees& e);

// Checks the shapes, reads every row and computes the scores. ErreurArgument for a bad shape,
// référentiel or context; a bad row is reported in the Evaluation, not thrown.
std::shared_ptr<Evaluation> calculer(const Entrees& e);

// The status cell of a row: nullopt for a blank; `inconnu` when it is no status.
std::optional<StatutSaisi> lireStatut(const Cellule& c, bool& inconnu);

// The three « détaillé » fractions of a details row (fait, programmé, pas fait), read once for
// ECI.EVALUER and ECI.VERIFIER.
struct FractionsLues {
    enum Etat : unsigned char { vide, nombre, illisible };
    std::array<Etat, 3> etat{vide, vide, vide};
    Fractions valeurs{0, 0, 0};  // blank cells count 0
    bool une() const { return etat[0] != vide || etat[1] != vide || etat[2] != vide; }
    int premiereIllisible() const;  // the first unreadable cell, -1 when none
};
FractionsLues lireFractions(const Plage& details, std::size_t ligne);

// The status shown in ECI.EVALUER's last column.
const char* libelleStatut(const ScoreNoeud& s);

}  // namespace eci::calc
