// The ECI spreadsheet functions (eci/calc/fonctions.hpp): ECI.EVALUER and ECI.SCORE on the cached
// évaluation (cache.hpp, evaluation.hpp), the référentiel lookups, ECI.REGLE, ECI.DESACTIVE and
// ECI.VERIFIER. Arguments are read with eci/calc/arguments.hpp.
#include "eci/calc/fonctions.hpp"

#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "cache.hpp"
#include "contexte.hpp"
#include "eci/calc/arguments.hpp"
#include "eci/calc/mots.hpp"
#include "eci/personnalisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/score.hpp"
#include "eci/texte.hpp"
#include "evaluation.hpp"
#include "referentiel_plage.hpp"

namespace eci::calc {

namespace {

double pourcentageFait(const ScoreNoeud& s) { return ratioFait(s) * 100; }

// The 8 columns of ECI.EVALUER for one scored node.
void ajouterLigne(const ScoreNoeud& s, std::vector<Cellule>& out) {
    if (s.pointReferentiel) out.emplace_back(*s.pointReferentiel);
    else out.emplace_back();
    out.emplace_back(s.pointPotentiel);
    out.emplace_back(s.pointFait);
    out.emplace_back(s.pointProgramme);
    out.emplace_back(s.pointPasFait);
    out.emplace_back(s.pointNonRenseigne);
    out.emplace_back(pourcentageFait(s));
    out.emplace_back(std::in_place_type<std::string>, libelleStatut(s));
}

}  // namespace

// ------------------------------------------------------------- functions ---

Plage evaluer(const Plage& ids, const Plage& statuts, const Optionnel& details, const Optionnel& contexte,
              const Optionnel& referentiel) {
    auto ev = evaluationEnCache(Entrees{ids, statuts, normalise(details), normalise(contexte), normalise(referentiel)});
    Plage out;
    out.lignes = ids.lignes;
    out.colonnes = 8;
    out.cellules.reserve(ids.lignes * 8);
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const int i = ev->noeudLigne[l];
        if (i < 0) {  // a blank row, or why the row is not scored
            out.cellules.resize(out.cellules.size() + 7);
            if (i == -2) out.cellules.emplace_back(ev->raisonLigne[l]);
            else out.cellules.emplace_back();
            continue;
        }
        ajouterLigne(ev->scores[(std::size_t)i], out.cellules);
    }
    return out;
}

Plage evaluerTotal(const Plage& ids, const Plage& statuts, const Optionnel& details, const Optionnel& contexte,
                   const Optionnel& referentiel) {
    auto ev = evaluationEntiere(ids, statuts, details, contexte, referentiel);
    Plage out;
    out.lignes = 1;
    out.colonnes = 8;
    out.cellules.reserve(8);
    ajouterLigne(ev->scores[0], out.cellules);  // the root
    return out;
}

double score(const Plage& ids, const Plage& statuts, const Optionnel& noeudArg, const Optionnel& mesureArg,
             const Optionnel& details, const Optionnel& contexte, const Optionnel& referentiel) {
    auto ev = evaluationEntiere(ids, statuts, details, contexte, referentiel);
    int i = 0;
    if (const Cellule* noeud = celluleOptionnelle(noeudArg, "noeud")) {
        i = indexNoeud(*ev->ref, *noeud);
        if (i < 0) throw ErreurArgument("Nœud inconnu : « " + texteDe(*noeud) + " ».");
    }
    mots::Mesure m = mots::Mesure::fait;
    if (const Cellule* mesure = celluleOptionnelle(mesureArg, "mesure")) {
        const auto lue = chercherMot(mots::kMesure, *mesure);
        if (!lue)
            throw ErreurArgument("Mesure inconnue : « " + texteDe(*mesure) + " » (attendu : " + mots::kMesure.attendu +
                                 ").");
        m = *lue;
    }
    const ScoreNoeud& s = ev->scores[(std::size_t)i];
    switch (m) {
        case mots::Mesure::fait: return s.pointFait;
        case mots::Mesure::programme: return s.pointProgramme;
        case mots::Mesure::pasFait: return s.pointPasFait;
        case mots::Mesure::nonRenseigne: return s.pointNonRenseigne;
        case mots::Mesure::potentiel: return s.pointPotentiel;
        case mots::Mesure::referentiel: return s.pointReferentiel.value_or(0.0);
        case mots::Mesure::pourcentage: return pourcentageFait(s);
        case mots::Mesure::pourcentageProgramme: return ratioProgramme(s) * 100;
        case mots::Mesure::taches: return s.totalTachesCount;
        case mots::Mesure::tachesRenseignees: return s.completedTachesCount;
        case mots::Mesure::etoiles: return s.etoiles ? *s.etoiles : eci::etoiles(s.pointFait, s.pointPotentiel);
    }
    return s.pointFait;
}

double etoiles(double pourcentage) {
    // Up to 100 (a rounding error above is tolerated): beyond is a unit mistake, e.g. points
    // given instead of a percentage.
    if (!std::isfinite(pourcentage) || pourcentage < 0 || pourcentage > 100 + 1e-9)
        throw ErreurArgument("Le pourcentage doit être entre 0 et 100 (reçu " + nombreSaisi(pourcentage) + ").");
    return eci::etoilesPourcentage(pourcentage);
}

double ecart(double etoile, double potentiel, double fait) {
    if (!std::isfinite(etoile) || etoile != std::floor(etoile) || etoile < 1 || etoile > 5)
        throw ErreurArgument("L'étoile doit être un entier de 1 à 5.");
    if (!std::isfinite(potentiel) || potentiel < 0 || !std::isfinite(fait) || fait < 0)
        throw ErreurArgument("Le potentiel et les points faits doivent être des nombres positifs.");
    // A référentiel has at most thousands of points; beyond 1e9 a 0.001-point step is lost in
    // double precision (and the search below would never end).
    if (potentiel > 1e9 || fait > 1e9)
        throw ErreurArgument("Le potentiel et les points faits doivent rester sous 1 000 000 000 de points.");
    if (fait > potentiel * (1 + 1e-12))
        throw ErreurArgument("Les points faits (" + nombreSaisi(fait) + ") dépassent le potentiel (" +
                             nombreSaisi(potentiel) + ") : arguments inversés ?");
    const double seuil = kSeuilsEtoiles[(std::size_t)etoile - 1];
    auto atteinte = [&](double f) { return (potentiel ? (f * 100) / potentiel : 0) >= seuil; };
    if (atteinte(fait)) return 0;
    if (potentiel == 0) throw ErreurArgument("Potentiel nul : aucune étoile au-delà de la première n'est atteignable.");
    // Smallest multiple of 0.001 point that reaches the threshold (scores have 3 decimals).
    double manque = std::ceil((seuil * potentiel / 100 - fait) * 1000 - 1e-6) / 1000;
    if (manque < 0) manque = 0;
    for (int pas = 0; pas < 1000 && !atteinte(fait + manque); ++pas) manque = arrondi3(manque + 0.001);
    for (int pas = 0; pas < 1000 && manque >= 0.001 && atteinte(fait + arrondi3(manque - 0.001)); ++pas)
        manque = arrondi3(manque - 0.001);
    return arrondi3(manque);
}

double points(const Cellule& id, const Optionnel& referentiel) {
    auto ref = referentielDe(referentiel);
    const int i = noeudRequis(*ref, id);
    return arrondi3(ref->noeud(i).points.value_or(0.0));
}

std::string libelle(const Cellule& id, const Optionnel& referentiel) {
    auto ref = referentielDe(referentiel);
    const int i = noeudRequis(*ref, id);
    return ref->noeud(i).nom;
}

Cellule regle(const std::string& formule, const Optionnel& contexte) {
    if (formule.size() > 100000) throw ErreurArgument("Règle trop longue (plus de 100 000 caractères).");
    regle::Contexte ctx = contexteStrict(contexte, nullptr, true);
    regle::Valeur v;
    try {
        v = regle::evaluer(formule, ctx);
    } catch (const std::exception& e) {
        throw ErreurArgument(e.what());
    }
    if (auto b = std::get_if<bool>(&v)) return Cellule(*b ? 1.0 : 0.0);
    if (auto d = std::get_if<double>(&v)) {
        if (!std::isfinite(*d)) throw ErreurArgument("La règle donne une valeur non finie (division par zéro ?).");
        return Cellule(*d);
    }
    if (auto s = std::get_if<std::string>(&v)) return Cellule(*s);
    return Cellule();
}

bool desactive(const Cellule& id, const Optionnel& contexte, const Optionnel& referentiel) {
    auto ref = referentielDe(referentiel);
    const int i = noeudRequis(*ref, id);
    regle::Contexte ctx = contexteStrict(contexte, ref.get());
    std::vector<std::optional<Consequence>> cons;
    try {
        consequences(*ref, ctx, cons);
    } catch (const std::exception& e) {
        throw ErreurArgument(std::string("Personnalisation : ") + e.what());
    }
    return estDesactive(*ref, cons, i);
}

std::string verifier(const Plage& ids, const Plage& statuts, const Optionnel& detailsArg, const Optionnel& contexte,
                     const Optionnel& referentiel) {
    const Optionnel& details = normalise(detailsArg);
    std::vector<std::string> pb;
    Entrees e{ids, statuts, details, normalise(contexte), normalise(referentiel)};
    try {
        verifierFormes(e);
    } catch (const ErreurArgument& ex) {
        return ex.what();
    }
    std::shared_ptr<const Referentiel> ref;
    try {
        ref = referentielDe(e.referentiel);
    } catch (const ErreurArgument& ex) {
        return ex.what();
    }
    ContexteLu c = lireContexte(e.contexte, ref.get(), false);
    pb.insert(pb.end(), c.problemes.begin(), c.problemes.end());
    std::vector<std::optional<Consequence>> cons;
    try {
        consequences(*ref, c.ctx, cons);
    } catch (const std::exception& ex) {
        pb.push_back(std::string("Personnalisation : une règle n'a pas pu être évaluée : ") + ex.what());
        cons.assign(ref->taille(), std::nullopt);
    }
    std::unordered_map<int, std::size_t> premiere;
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        const Cellule& idc = ids.at(l, 0);
        const Cellule& stc = statuts.at(l, 0);
        std::string ou = "Ligne " + std::to_string(l + 1) + " : ";
        if (estVide(idc)) {
            if (!estVide(stc)) pb.push_back(ou + "statut « " + texteDe(stc) + " » sans identifiant.");
            continue;
        }
        int i = indexNoeud(*ref, idc);
        if (i < 0) {
            pb.push_back(ou + "identifiant inconnu « " + texteDe(idc) + " ».");
            continue;
        }
        auto [it, nouveau] = premiere.emplace(i, l);
        if (!nouveau)
            pb.push_back(ou + "identifiant « " + texteDe(idc) + " » en double (déjà ligne " +
                         std::to_string(it->second + 1) + ").");
        bool inconnu;
        auto st = lireStatut(stc, inconnu);
        if (inconnu) {
            pb.push_back(ou + "statut inconnu « " + texteDe(stc) +
                         " » (attendu : fait, programmé, pas fait, non concerné, détaillé, non renseigné).");
            continue;
        }
        if (!st) continue;
        const Noeud& nd = ref->noeud(i);
        if (estDesactive(*ref, cons, i) && *st != StatutSaisi::nonConcerne)
            pb.push_back(ou + "statut « " + texteDe(stc) + " » sur " + nd.identifiant +
                         ", désactivé par la personnalisation (le statut est ignoré par la plateforme).");
        if (!nd.estSousActionOuTache())
            pb.push_back(ou + "statut sur " + nd.identifiant + " (" + nd.type +
                         ") : la plateforme ne saisit les statuts que sur les sous-actions et les tâches.");
        if (*st == StatutSaisi::detaille && details) {
            const FractionsLues f = lireFractions(*details, l);
            double somme = 0;
            bool une = f.une();
            for (std::size_t k = 0; k < 3; ++k) {
                if (f.etat[k] == FractionsLues::vide) continue;
                if (f.etat[k] == FractionsLues::illisible) {
                    pb.push_back(ou + "fraction « " + texteDe(details->at(l, k)) +
                                 " » illisible (nombre entre 0 et 1 attendu).");
                    une = false;
                    break;
                }
                const double v = f.valeurs[k];
                if (v < 0 || v > 1)
                    pb.push_back(ou + "fraction " + nombreSaisi(v) + " hors de [0 ; 1].");
                somme += v;
            }
            if (une && std::fabs(somme - 1) > 1e-9)
                pb.push_back(ou + "les fractions détaillées font " + nombreSaisi(somme) + " au lieu de 1.");
        }
    }
    if (pb.empty()) return "OK";
    // A cell stays readable: the first kLignesVerifier problems, each at most 300 characters (a
    // quoted user text can be long), then how many more. (Calc also keeps every distinct text
    // result of a document until it is closed: a short answer costs less memory over a day.)
    constexpr std::size_t kLignesVerifier = 20;
    std::string out;
    for (std::size_t k = 0; k < pb.size() && k < kLignesVerifier; ++k) {
        if (!out.empty()) out += '\n';
        out += texte::abreger(pb[k], 300);
    }
    if (pb.size() > kLignesVerifier)
        out += "\n… et " + std::to_string(pb.size() - kLignesVerifier) + " autre(s) problème(s), " +
               std::to_string(pb.size()) + " en tout (la dernière colonne d'ECI.EVALUER donne la raison ligne par ligne).";
    return out;
}

}  // namespace eci::calc
