// The référentiel tree and the derivation of its points (docs/score.md §1).
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eci/regle.hpp"

namespace eci {

// Raised when a référentiel cannot be loaded (percentages not adding up to
// 100, missing columns, orphan nodes...). French message.
struct ErreurReferentiel : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The rules a node carries (texts as in the CSV, parsed once at load).
struct ReglesNoeud {
    std::string desactivation, reduction, score;
    std::optional<regle::Expression> exprDesactivation, exprReduction, exprScore;
    bool vide() const { return desactivation.empty() && reduction.empty() && score.empty(); }
};

struct Noeud {
    std::string id;            // platform id: "eci", "eci_1", "eci_1.1.1"
    std::string identifiant;   // as written in the référentiel: "", "1", "1.1.1"
    std::string type;          // level name: referentiel, axe, sous-axe, action, sous-action, tache
    std::string nom;
    std::string categorie;
    int parent = -1;           // index, -1 for the root
    int niveau = 0;            // depth, root = 0
    int taille = 1;            // size of the subtree (pre-order: descendants are [i+1, i+taille))
    std::vector<int> enfants;  // indices, in identifiant order
    std::optional<double> pointsSource;      // `points` column as kept by the import (§1.2)
    std::optional<double> pourcentageSource; // `pourcentage` column as kept by the import
    std::optional<double> points;            // derived points (§1.3), unrounded
    std::optional<double> pourcentage;       // percentage after derivation (display, §1.3 step 6)
    int regles = -1;           // index into Referentiel::regles(), -1 when none

    bool feuille() const { return enfants.empty(); }
    bool estSousActionOuTache() const { return type == "sous-action" || type == "tache"; }
};

// One row of a référentiel source (CSV or sheet range), before derivation.
struct LigneReferentiel {
    std::string identifiant;   // "" for the root
    std::string niveau;        // level name (accents/case free)
    std::string nom;
    std::string categorie;
    std::optional<double> points;
    std::optional<double> pourcentage;
    std::string desactivation, reduction, score;
    std::string actionId;      // optional platform id ("eci_1.1"); derived when empty
};

class Referentiel {
public:
    // Build from rows (any order); derives the tree, the points and parses the
    // rules. `prefixe` is the platform id prefix ("eci") used when rows carry
    // no action id.
    static std::shared_ptr<const Referentiel> construire(std::vector<LigneReferentiel> lignes,
                                                         const std::string& prefixe = "eci");
    // Parse the CSV format of data/referentiel-eci.csv.
    static std::shared_ptr<const Referentiel> depuisCsv(std::string_view csv);
    // A tree whose points are already derived (test vectors, other tools):
    // nodes with their parent id, in children order; no derivation, no rules.
    struct NoeudDonne {
        std::string id;       // platform id ("eci_1.1"); the root has no parent
        std::string parent;   // "" for the root
        std::string type;     // level name
        std::optional<double> points;
    };
    static std::shared_ptr<const Referentiel> depuisArbre(const std::vector<NoeudDonne>& noeuds);
    // The ECi référentiel embedded in the library (built once).
    static std::shared_ptr<const Referentiel> eci();

    const std::vector<Noeud>& noeuds() const { return noeuds_; }
    const Noeud& noeud(int i) const { return noeuds_[static_cast<std::size_t>(i)]; }
    std::size_t taille() const { return noeuds_.size(); }
    const std::vector<ReglesNoeud>& regles() const { return regles_; }

    // Index of a node from "1.1", "eci_1.1" or "" / "eci" (root); -1 if unknown.
    int index(std::string_view id) const;

    // Level of "action" nodes (docs/score.md §5.5 actionLevel): 2 for ECi.
    int niveauAction() const { return niveauAction_; }
    const std::string& prefixe() const { return prefixe_; }
    // Question ids that the rules read with reponse(...).
    const std::vector<std::string>& questions() const { return questions_; }

private:
    std::vector<Noeud> noeuds_;  // pre-order, root first
    std::vector<ReglesNoeud> regles_;
    std::unordered_map<std::string, int> parId_;
    std::string prefixe_;
    int niveauAction_ = 0;
    std::vector<std::string> questions_;
};

// Compare two identifiants component-wise numerically ("1.1.4.2" < "1.1.4.10").
bool identifiantAvant(std::string_view a, std::string_view b);

}  // namespace eci
