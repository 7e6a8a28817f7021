// The compiled form of a rule (docs/score.md §8.2): a flat array of nodes the
// parser (analyseur) fills once and the evaluator (evaluateur) walks, with
// the constants, names and referentiel(…) arguments it refers to by index.
// Private to src/regle/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "eci/regle.hpp"
#include "regle/lexeur.hpp"
#include "regle/semver.hpp"

namespace eci::regle::detail {

enum class Nt : std::uint8_t {
    Constante,    // a = index in constantes
    Si,           // a = condition, b = alors, c = sinon (-1: none)
    Ou, Et,       // [debut, debut+nb) in enfants
    Comparaison,  // a, b operands, op = token type of the first operator
    Somme,        // enfants: operands; ops: operators (Plus/Moins) for operands 1..
    Produit,      // same with Fois/Divise
    Min, Max,     // a, b; guarded
    Garde,        // a = statement in parentheses, in call position: errors → undefined
    Identite,     // s = field, a = argument
    Reponse,      // s = question, a = argument (-1: raw answer)
    Score,        // s = identifier
    Referentiel,  // s = argument, a = index in referentiels
};

struct N {
    Nt type;
    Jt op = Jt::Fin;
    std::int32_t a = -1, b = -1, c = -1;
    std::uint32_t debut = 0, nb = 0;
    std::int32_t s = -1;  // index in chaines
};

struct ArgReferentiel {
    std::string erreur;  // non-empty: evaluation throws this
    std::string id;
    std::optional<Semver> version;
};

struct Noeud {
    std::vector<N> noeuds;
    std::vector<std::int32_t> enfants;
    std::vector<Jt> ops;
    std::vector<Valeur> constantes;
    std::vector<std::string> chaines;
    std::vector<ArgReferentiel> referentiels;
    std::int32_t racine = -1;
};

}  // namespace eci::regle::detail
