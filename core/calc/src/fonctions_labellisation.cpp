// The labellisation functions (eci/calc/fonctions_labellisation.hpp) on the cached évaluation of
// the ECI functions (cache.hpp) and the domain's labellisation path (eci/labellisation.hpp).
#include "eci/calc/fonctions_labellisation.hpp"

#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "cache.hpp"
#include "eci/calc/arguments.hpp"
#include "eci/labellisation.hpp"
#include "eci/referentiel.hpp"
#include "evaluation.hpp"
#include "referentiel_plage.hpp"

namespace eci::calc {

namespace lab = eci::labellisation;

namespace {

// An integer star from `min` to 5, else ErreurArgument.
int etoileEntiere(double x, int min, const char* nom) { return entierEntre(x, min, lab::kEtoileMax, nom); }

// The domain's data errors (score vector of another size, criterion node missing) as argument errors;
// their messages already say « Labellisation : ».
template <class F>
auto domaine(F&& f) -> decltype(f()) {
    return depuisDomaine<lab::ErreurLabellisation>(std::forward<F>(f));
}

Cellule pourcentage(const std::optional<double>& p) { return p ? Cellule(*p) : Cellule(); }

}  // namespace

Plage criteres(const Plage& ids, const Plage& statuts, double etoileArg, const Optionnel& details,
               const Optionnel& contexte, const Optionnel& referentiel) {
    const int etoile = etoileEntiere(etoileArg, lab::kEtoileMin, "etoile");
    auto ev = evaluationEntiere(ids, statuts, details, contexte, referentiel);
    const lab::Parcours& p = lab::parcoursPour(*ev->ref);
    const lab::CriteresEtoile c = domaine([&] { return lab::evaluerCriteres(*ev->ref, ev->scores, p, etoile); });
    Plage out;
    out.lignes = c.lignes.size();
    out.colonnes = 8;
    out.cellules.reserve(out.lignes * 8);
    for (const lab::LigneCritere& l : c.lignes) {
        out.cellules.emplace_back(l.critere);
        out.cellules.emplace_back((double)l.etoile);
        out.cellules.emplace_back(l.formulation);
        out.cellules.emplace_back(l.exigence);
        out.cellules.push_back(pourcentage(l.pourcentFait));
        out.cellules.push_back(pourcentage(l.pourcentFaitProgramme));
        out.cellules.emplace_back(std::string(lab::nomEtat(l.etat)));
        out.cellules.emplace_back(l.manque);
    }
    return out;
}

double labellisation(const Plage& ids, const Plage& statuts, const Optionnel& details, const Optionnel& contexte,
                     const Optionnel& referentiel) {
    auto ev = evaluationEntiere(ids, statuts, details, contexte, referentiel);
    const lab::Parcours& p = lab::parcoursPour(*ev->ref);
    return domaine([&] { return lab::etoileAtteignable(*ev->ref, ev->scores, p); });
}

double etoilePlateforme(const Plage& ids, const Plage& statuts, const Optionnel& etoileActuelle,
                        const Optionnel& details, const Optionnel& contexte, const Optionnel& referentiel) {
    std::optional<int> actuelle;
    if (auto x = nombreOptionnel(etoileActuelle, "etoile_actuelle", TexteNombre::accepte))
        actuelle = etoileEntiere(*x, 0, "etoile_actuelle");
    auto ev = evaluationEntiere(ids, statuts, details, contexte, referentiel);
    const lab::Parcours& p = lab::parcoursPour(*ev->ref);
    return domaine([&] { return lab::etoileCible(actuelle, ev->scores, p); });
}

std::string preuves(const Cellule& id) {
    auto ref = Referentiel::eci();
    return preuves(*ref, noeudRequis(*ref, id));
}

std::string preuves(const Referentiel& ref, int noeud) {
    std::string out;
    for (const lab::Preuve* d : lab::preuves(ref, lab::parcoursPour(ref), noeud)) {
        if (!out.empty()) out += '\n';
        out += d->nom;
    }
    return out;
}

}  // namespace eci::calc
