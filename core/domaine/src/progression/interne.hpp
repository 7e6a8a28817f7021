// Helpers shared by the progression sources (gain.cpp, chemin.cpp; docs/progression.md). Private
// to src/progression/.
#pragma once

#include <vector>

#include "eci/progression.hpp"

namespace eci::progression::interne {

// A statut of the node's own that covers its children (docs/score.md §5.6): a row declared non
// concerné, or an avancement other than « non renseigné ».
bool statutPropre(const EntreesCalcul& e, int i);

// Per node: some strict ancestor carries a statut of its own (the node is masked by it).
std::vector<char> masques(const Referentiel& ref, const EntreesCalcul& e);

// The row already has the statut « fait ».
bool dejaFait(const EntreesCalcul& e, int i);

// Re-evaluations of one situation with some rows switched to « fait », on one working copy of
// the inputs (no allocation per evaluation).
class Evaluateur {
public:
    explicit Evaluateur(const Situation& s);
    // The root's exact (unrounded) points fait with `lignes` switched to « fait ».
    double faitExact(const std::vector<int>& lignes);
    // The unrounded scores of the situation itself (computed once).
    const std::vector<ScoreNoeud>& exacts();
    // The rounded scores with `lignes` switched to « fait » (valid until the next call).
    const std::vector<ScoreNoeud>& scores(const std::vector<int>& lignes);

private:
    void appliquer(const std::vector<int>& lignes);
    void retablir(const std::vector<int>& lignes);
    const Situation& s_;
    EntreesCalcul e_;
    std::vector<std::optional<LigneStatut>> sauve_;
    ParametresCalcul exact_;
    std::vector<ScoreNoeud> sortie_;
    std::vector<ScoreNoeud> exacts_;
};

// §2.1 The exact gain of switching node i to « fait » when gains add up (no score rule): its
// potentiel minus its points fait, unrounded (`exacts`: Evaluateur::exacts()).
inline double gainExact(const std::vector<ScoreNoeud>& exacts, int i) {
    const ScoreNoeud& s = exacts[(std::size_t)i];
    const double pot = s.pointPotentiel == s.pointPotentiel ? s.pointPotentiel : 0.0;  // NaN counts 0
    const double fait = s.pointFait == s.pointFait ? s.pointFait : 0.0;
    return pot - fait > 0 ? pot - fait : 0.0;
}

// Whether the référentiel has score rules (§2.2: gains do not add up).
bool aDesReglesScore(const Referentiel& ref);

}  // namespace eci::progression::interne
