// The labellisation path (docs/labellisation.md): which criteria apply to a collectivité aiming at a
// star (§3), how each is judged on the scored tree (§4), the global score criterion (§5), complétude
// and the other aggregates (§6), what is still missing in words (§7), the star within reach and the
// star the platform would check (§3.1, §12), and the expected evidence documents per node (§7.1).
//
// Everything here works on the output of eci::calculerScores (the scored tree, after
// personnalisation): no cells, no ranges. The data (criteria per star, stars, other conditions,
// evidence documents) are a parameter, `Parcours`: the ECi set embedded from data/labellisation/,
// or a set without action criteria for a référentiel passed as a range (only the score criterion).
#pragma once

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "eci/referentiel.hpp"
#include "eci/score.hpp"

namespace eci::labellisation {

// Raised for data that cannot be read or do not fit the référentiel, or for a star outside 1-5.
// French message.
struct ErreurLabellisation : std::runtime_error {
    using std::runtime_error::runtime_error;
};

constexpr int kEtoileMin = 1;
constexpr int kEtoileMax = 5;

// One row of criteres-action-eci.csv (§3.2): a requirement on one node from a star on.
struct CritereAction {
    int etoile = 1;
    int prio = 0;
    std::string actionId;     // platform id, "eci_1.1.1.1"
    std::string identifiant;  // "1.1.1.1"
    std::string formulation;
    double minRealise = 100;                 // min_realise_percentage
    std::optional<double> minProgramme;      // min_programme_percentage (null: no programmé route)
    std::string exigence;                    // platform label (statut_ou_score), e.g. "Programmé ou fait"
};

// One row of etoiles-eci.csv (§3.1, §5).
struct Etoile {
    int etoile = 1;
    std::optional<int> prochaine;  // prochaine_etoile (none for 5)
    std::string libelleLong, libelleCourt;
    double minRealisePourcentage = 0;  // 0, 35, 50, 65, 75
    double minRealiseScore = 0;        // the same as a fraction
};

// One row of criteres-autres-eci.csv: a non-action condition (declared items, advisories...).
struct ConditionAutre {
    std::string code, type, etoilesConcernees, libelle, evaluationPlateforme, bloquantPour, calculableHorsLigne;
};

// One row of preuves-eci.csv (§7.1): an expected evidence document of a sous-action.
struct Preuve {
    std::string actionId, preuveId, nom, description;
};

// The data of the labellisation path.
struct Parcours {
    std::vector<CritereAction> criteres;  // file order
    std::array<Etoile, 5> etoiles;        // index = star - 1
    std::vector<ConditionAutre> autres;
    std::vector<Preuve> preuves;

    // Reads the four CSV files (format of data/labellisation/). Throws ErreurLabellisation.
    static Parcours depuisCsv(std::string_view criteres, std::string_view etoiles, std::string_view autres,
                              std::string_view preuves);
    const Etoile& etoile(int k) const;  // throws for k outside 1-5
};

// The ECi data embedded in the library (built once).
const Parcours& parcoursEci();
// The same stars and conditions, no action criterion and no evidence document: for a référentiel
// that carries none (passed as a range).
const Parcours& parcoursSansCritere();
// parcoursEci() for the embedded ECi référentiel (Referentiel::eci()), parcoursSansCritere()
// for any other tree (a référentiel passed as a range has no criteria columns).
const Parcours& parcoursPour(const Referentiel& ref);

// §3.2 The rows applied for target star k (1-5): rows with étoile ≤ k, the highest-star row per
// node, sorted by (étoile of the row, prio) (§3.3). Pointers into `parcours`.
std::vector<const CritereAction*> criteresAppliques(const Parcours& parcours, int etoile);

enum class Etat { atteint, nonAtteint, sansObjet };
// "atteint", "non atteint", "sans objet" (the words of ECI.CRITERES, column 7).
const char* nomEtat(Etat e);

// One row of ECI.CRITERES (§12), plus the details behind it.
struct LigneCritere {
    // --- the 8 columns of ECI.CRITERES
    std::string critere;      // 1: "score" for the global criterion, else the identifiant ("1.1.1.1")
    int etoile = 1;           // 2: étoile of the applied row (the target star for the score row)
    std::string formulation;  // 3
    std::string exigence;     // 4: "Fait", "Programmé ou fait", "20% fait minimum", "35 % fait minimum"
    std::optional<double> pourcentFait;            // 5: 100·Rf(E); empty when sans objet
    std::optional<double> pourcentFaitProgramme;   // 6: 100·(Rf(E) + Rp(E)); empty when sans objet
    Etat etat = Etat::nonAtteint;                  // 7
    std::string manque;       // 8: what is missing in French; empty when atteint or sans objet

    // --- details
    bool score = false;                 // the global score criterion (row 1)
    const CritereAction* ligne = nullptr;  // the applied row (action criteria)
    int noeud = -1;                     // N (index in the tree); root for the score row
    int noeudEvalue = -1;               // E (§4 step 2): N, or its parent under the parent rule
    bool declareNonConcerne = false;    // conc(E) false without deactivation (quirk Q2)
};

// §5 The global score criterion for star k.
struct CritereGlobal {
    int etoile = 1;
    double seuilPourcentage = 0;  // min_realise_percentage(k)
    double seuil = 0;             // min_realise_score(k)
    double ratioFait = 0;         // Rf(root)
    double ratioProgramme = 0;    // Rp(root)
    bool atteint = true;          // Rf(root) ≥ min_realise_score(k)
    double pointsManquants = 0;   // max(0, min_realise_score(k)·Pot(root) − F(root)), rounded to 3 decimals
    bool sousMargeConseillee = false;  // atteint but by less than 3 points of % (advisory, §5)
};

// §6 Complétude: every tâche renseignée (C(root) = T(root)).
struct Completude {
    bool complete = false;
    int tachesNonRenseignees = 0;  // T(root) − C(root)
    int totalTaches = 0;
};

// The criteria of one target star: row 0 is the global criterion, then the applied action criteria
// in §3.3 order. The height does not depend on the statuses or the answers (sans objet rows stay):
// 11 rows at star 1 and 12 at stars 2-5 for ECi, 1 row without action criteria.
struct CriteresEtoile {
    int etoile = 1;
    CritereGlobal global;
    std::vector<LigneCritere> lignes;

    // Every action criterion that is not sans objet is atteint (an empty list counts as atteint).
    bool actionsAtteintes() const;
    // The global criterion and actionsAtteintes() (the ECI.LABELLISATION test for this star).
    bool atteinte() const;
};

// §4-§5, §7 The criteria of star k (1-5) judged on `scores` (calculerScores of `ref`, indexed like
// the tree). Throws ErreurLabellisation for k outside 1-5, a score vector of another size, or a
// criterion whose node is not in `ref`.
CriteresEtoile evaluerCriteres(const Referentiel& ref, const std::vector<ScoreNoeud>& scores,
                               const Parcours& parcours, int etoile);

// §12 ECI.LABELLISATION: the highest star k (1-5) whose global criterion and every action
// criterion that is not sans objet are atteint; 0 when even star 1 is not.
int etoileAtteignable(const Referentiel& ref, const std::vector<ScoreNoeud>& scores, const Parcours& parcours);

// §3.1 S: the highest star whose min_realise_score ≤ Rf(root) (1 at least): the highest star a
// demande may be sent for.
int etoileScore(const std::vector<ScoreNoeud>& scores, const Parcours& parcours);
// §3.1 k_platform = max(L, next(L), S, 1), L = the latest star obtained (none or 0: L and next(L)
// count 1). Throws ErreurLabellisation for a star outside 0-5.
int etoileCible(std::optional<int> etoileActuelle, const std::vector<ScoreNoeud>& scores, const Parcours& parcours);

// §6 Complétude of the scored tree (root counts).
Completude completude(const std::vector<ScoreNoeud>& scores);

// The items a collectivité declares (not computable offline, §6).
struct Declarations {
    std::optional<int> etoileActuelle;  // latest star obtained (L), none (or 0) if never labellisée
    bool cot = false;                   // under a Contrat d'Objectif Territorial
    bool fichier = false;               // acte d'engagement (and candidature documents) attached
};

// §6-§7 The whole view for a target star: header, criteria, footer.
struct Bilan {
    int etoileVisee = 1;       // k
    int etoilePlateforme = 1;  // k_platform (§3.1)
    int etoileScore = 1;       // S
    int etoileAtteignable = 0; // ECI.LABELLISATION
    CriteresEtoile criteres;   // of k
    Completude completude;
    bool rempli = false;       // as the platform, for k: global ∧ actions ∧ (COT ∨ fichier)
    std::array<bool, 5> demandePossible{};  // can a demande for star r (index r-1) be sent (§6)
    std::vector<std::string> avertissements;  // quirks where they bite (§9), French
};

// The bilan for target star `etoileVisee` (nullopt: k_platform).
Bilan bilan(const Referentiel& ref, const std::vector<ScoreNoeud>& scores, const Parcours& parcours,
            const Declarations& declarations, std::optional<int> etoileVisee = std::nullopt);

// §7.1 ECI.PREUVES: the expected evidence documents of a node (index in `ref`). A sous-action: its
// own; a tâche: those of its sous-action; a higher node: those of every sous-action beneath, in tree
// order, each document once. Pointers into `parcours`.
std::vector<const Preuve*> preuves(const Referentiel& ref, const Parcours& parcours, int noeud);

}  // namespace eci::labellisation
