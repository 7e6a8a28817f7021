// The progression functions (eci/calc/fonctions_progression.hpp) on the cached évaluation of the
// ECI functions (cache.hpp) and the domain's eci/progression.hpp.
#include "eci/calc/fonctions_progression.hpp"

#include <algorithm>
#include <cmath>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cache.hpp"
#include "eci/calc/arguments.hpp"
#include "eci/calc/fonctions_labellisation.hpp"
#include "eci/labellisation.hpp"
#include "eci/progression.hpp"
#include "evaluation.hpp"

namespace eci::calc {

namespace lab = eci::labellisation;
namespace prog = eci::progression;

namespace {

// The domain's errors (ErreurProgression, ErreurLabellisation: French messages) as argument errors.
template <class F>
auto domaine(F&& f) -> decltype(f()) {
    return depuisDomaine<std::runtime_error>(std::forward<F>(f));
}

// One column, one cell per ids row: `cellule(node)` for the rows that name a node, blank for the others.
template <class F>
Plage colonneParLigne(const Evaluation& ev, std::size_t lignes, F&& cellule) {
    Plage out;
    out.lignes = lignes;
    out.colonnes = 1;
    out.cellules.reserve(lignes);
    for (std::size_t l = 0; l < lignes; ++l) {
        const int i = ev.noeudLigne[l];
        out.cellules.push_back(i >= 0 ? cellule((std::size_t)i) : Cellule());
    }
    return out;
}

// The sous-action of node i: a tâche's parent, any other node itself.
int sousAction(const Referentiel& ref, int i) {
    const Noeud& n = ref.noeud(i);
    return n.type == "tache" && n.parent >= 0 ? n.parent : i;
}

// The first four cells of row k of a list (ECI.CHEMIN_LISTE, ECI.GAIN_LISTE) for node i: rank k + 1,
// N°, intitulé and sous-action (« N° intitulé »).
void ecrireDebutDeLigne(Cellule* ligne, std::size_t k, const Referentiel& ref, int i) {
    const Noeud& n = ref.noeud(i);
    const Noeud& sa = ref.noeud(sousAction(ref, i));
    ligne[0] = Cellule(static_cast<double>(k + 1));
    ligne[1] = Cellule(n.identifiant);
    ligne[2] = Cellule(n.nom);
    ligne[3] = Cellule(sa.identifiant + " " + sa.nom);
}

// The gains per node of an évaluation, computed once (ECI.GAIN, ECI.GAIN_LISTE and ECI.CHEMIN_LISTE on the
// same arguments share them). A domain error is thrown again on the next call (call_once retries).
const std::vector<std::optional<double>>& gainsDe(const Evaluation& ev) {
    std::call_once(ev.gainsCalcules, [&] {
        const prog::Situation s{*ev.ref, ev.entrees, ev.params};
        ev.gains = domaine([&] { return prog::gains(s); });
    });
    return ev.gains;
}

// The efforts per node from the `effort` column (blank = 1); nullopt when the argument is absent.
std::optional<std::vector<double>> efforts(const Evaluation& ev, const Plage& ids, const Optionnel& effort) {
    const Optionnel& o = normalise(effort);
    if (!o) return std::nullopt;
    if (o->colonnes != 1)
        throw ErreurArgument("« effort » doit être une seule colonne ; reçu " + std::to_string(o->colonnes) + ".");
    verifierHauteur(*o, "effort", ids.lignes, "ids");
    std::vector<double> parNoeud(ev.ref->taille(), 1.0);
    std::vector<char> lu(ev.ref->taille(), 0);
    for (std::size_t l = 0; l < o->lignes; ++l) {
        const Cellule& c = o->at(l, 0);
        if (estVide(c)) continue;
        double x;
        if (!nombreDe(c, x) || !(x > 0))
            throw ErreurArgument("« effort », " + ligneNo(l) + " : un nombre positif est attendu (ou une cellule vide "
                                 "pour 1) ; reçu « " + texteDe(c) + " ».");
        const int i = ev.noeudLigne[l];
        if (i >= 0 && !lu[(std::size_t)i]) {  // the first row of a node, as its statut
            parNoeud[(std::size_t)i] = x;
            lu[(std::size_t)i] = 1;
        }
    }
    return parNoeud;
}

// The last few paths, by évaluation (identity: the entry keeps it alive), star and efforts.
struct CheminEnCache {
    std::shared_ptr<Evaluation> ev;
    int etoile;
    std::optional<std::vector<double>> efforts;
    std::shared_ptr<const prog::Chemin> chemin;
};

std::shared_ptr<const prog::Chemin> cheminDe(const std::shared_ptr<Evaluation>& ev, int etoile,
                                             const std::optional<std::vector<double>>& eff) {
    static std::mutex verrou;
    static std::list<CheminEnCache> recents;
    {
        std::lock_guard<std::mutex> g(verrou);
        for (auto it = recents.begin(); it != recents.end(); ++it)
            if (it->ev == ev && it->etoile == etoile && it->efforts == eff) {
                recents.splice(recents.begin(), recents, it);
                return recents.front().chemin;
            }
    }
    const prog::Situation s{*ev->ref, ev->entrees, ev->params};
    auto c = std::make_shared<const prog::Chemin>(domaine([&] {
        return prog::chemin(s, lab::parcoursPour(*ev->ref), etoile, eff ? &*eff : nullptr);
    }));
    std::lock_guard<std::mutex> g(verrou);
    recents.push_front(CheminEnCache{ev, etoile, eff, c});
    if (recents.size() > 4) recents.pop_back();
    return c;
}

// What the path functions read from their arguments: the évaluation, the efforts per node (read once)
// and the path (cached).
struct CheminLu {
    std::shared_ptr<Evaluation> ev;
    std::optional<std::vector<double>> efforts;
    std::shared_ptr<const prog::Chemin> chemin;
};

CheminLu cheminArguments(const Plage& ids, const Plage& statuts, double etoileArg, const Optionnel& details,
                         const Optionnel& contexte, const Optionnel& referentiel, const Optionnel& effort) {
    const int etoile = entierEntre(etoileArg, lab::kEtoileMin, lab::kEtoileMax, "etoile");
    CheminLu lu;
    lu.ev = evaluationEntiere(ids, statuts, details, contexte, referentiel);
    lu.efforts = efforts(*lu.ev, ids, effort);
    lu.chemin = cheminDe(lu.ev, etoile, lu.efforts);
    return lu;
}

}  // namespace

Plage gain(const Plage& ids, const Plage& statuts, const Optionnel& details, const Optionnel& contexte,
           const Optionnel& referentiel) {
    auto ev = evaluationEntiere(ids, statuts, details, contexte, referentiel);
    const std::vector<std::optional<double>>& g = gainsDe(*ev);
    return colonneParLigne(*ev, ids.lignes, [&](std::size_t i) { return g[i] ? Cellule(*g[i]) : Cellule(); });
}

Plage gainListe(const Plage& ids, const Plage& statuts, const Optionnel& lignesArg, const Optionnel& details,
                const Optionnel& contexte, const Optionnel& referentiel) {
    std::size_t lignes = 10;
    if (auto v = nombreOptionnel(lignesArg, "lignes", TexteNombre::accepte)) {
        if (!(*v >= 1 && *v <= double(kMaxLignes)) || *v != std::floor(*v))
            throw ErreurArgument("L'argument « lignes » doit être un nombre entier de lignes, de 1 à " +
                                 std::to_string(kMaxLignes) + " (reçu " + nombreSaisi(*v) + ").");
        lignes = static_cast<std::size_t>(*v);
    }
    auto ev = evaluationEntiere(ids, statuts, details, contexte, referentiel);
    const Referentiel& ref = *ev->ref;
    const std::vector<std::optional<double>>& g = gainsDe(*ev);
    // The nodes with a gain > 0, each at its first row, in row order; then by decreasing gain.
    std::vector<int> ordre;
    std::vector<char> vu(ref.taille(), 0);
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const int i = ev->noeudLigne[l];
        if (i < 0 || vu[(std::size_t)i]) continue;
        vu[(std::size_t)i] = 1;
        if (g[(std::size_t)i].value_or(0.0) > 0) ordre.push_back(i);
    }
    std::stable_sort(ordre.begin(), ordre.end(), [&](int a, int b) { return *g[(std::size_t)a] > *g[(std::size_t)b]; });

    constexpr std::size_t kColonnes = 6;
    Plage out;
    out.lignes = lignes;
    out.colonnes = kColonnes;
    out.cellules.assign(lignes * kColonnes, Cellule(std::string()));
    for (std::size_t k = 0; k < lignes && k < ordre.size(); ++k) {
        Cellule* ligne = &out.cellules[k * kColonnes];
        ecrireDebutDeLigne(ligne, k, ref, ordre[k]);
        ligne[4] = Cellule(*g[(std::size_t)ordre[k]]);
        ligne[5] = Cellule(std::string(libelleStatut(ev->scores[(std::size_t)ordre[k]])));
    }
    return out;
}

Plage chemin(const Plage& ids, const Plage& statuts, double etoile, const Optionnel& details,
             const Optionnel& contexte, const Optionnel& referentiel, const Optionnel& effort) {
    const CheminLu lu = cheminArguments(ids, statuts, etoile, details, contexte, referentiel, effort);
    const auto& ev = lu.ev;
    const auto& c = lu.chemin;
    if (!c->possible) throw ErreurArgument(prog::texte(*ev->ref, *c));
    std::vector<char> dans(ev->ref->taille(), 0);
    for (int i : c->lignes) dans[(std::size_t)i] = 1;
    // The first row of a node (the one whose statut is read) carries its 1.
    return colonneParLigne(*ev, ids.lignes, [&](std::size_t i) {
        const double un = dans[i] ? 1.0 : 0.0;
        dans[i] = 0;
        return Cellule(un);
    });
}

Plage cheminListe(const Plage& ids, const Plage& statuts, double etoile, const Optionnel& details,
                  const Optionnel& contexte, const Optionnel& referentiel, const Optionnel& effort) {
    const CheminLu lu = cheminArguments(ids, statuts, etoile, details, contexte, referentiel, effort);
    const auto& ev = lu.ev;
    const auto& c = lu.chemin;
    if (!c->possible) throw ErreurArgument(prog::texte(*ev->ref, *c));
    const Referentiel& ref = *ev->ref;
    const auto& eff = lu.efforts;
    const std::vector<std::optional<double>>& g = gainsDe(*ev);
    std::vector<char> dans(ref.taille(), 0);
    for (int i : c->lignes) dans[(std::size_t)i] = 1;

    constexpr std::size_t kColonnes = 7;
    Plage out;
    out.lignes = ids.lignes;
    out.colonnes = kColonnes;
    out.cellules.assign(ids.lignes * kColonnes, Cellule(std::string()));
    std::size_t k = 0;
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const int i = ev->noeudLigne[l];
        if (i < 0 || !dans[(std::size_t)i]) continue;
        dans[(std::size_t)i] = 0;  // the first row of a node, as ECI.CHEMIN marks it
        Cellule* ligne = &out.cellules[k * kColonnes];
        ecrireDebutDeLigne(ligne, k, ref, i);
        ligne[4] = Cellule(g[(std::size_t)i].value_or(0.0));
        ligne[5] = Cellule(eff ? (*eff)[(std::size_t)i] : 1.0);
        ligne[6] = Cellule(preuves(ref, sousAction(ref, i)));
        ++k;
    }
    return out;
}

std::string cheminTexte(const Plage& ids, const Plage& statuts, double etoile, const Optionnel& details,
                        const Optionnel& contexte, const Optionnel& referentiel, const Optionnel& effort) {
    const CheminLu lu = cheminArguments(ids, statuts, etoile, details, contexte, referentiel, effort);
    return prog::texte(*lu.ev->ref, *lu.chemin);
}

}  // namespace eci::calc
