// One évaluation of the ECI functions (evaluation.hpp).
#include "evaluation.hpp"

#include <string_view>

#include "contexte.hpp"
#include "eci/calc/arguments.hpp"
#include "eci/personnalisation.hpp"
#include "eci/texte.hpp"
#include "referentiel_plage.hpp"

namespace eci::calc {

namespace {
// The statuses as the sheets write them: read without folding (lireStatutSaisi reads any spelling).
struct StatutEcrit {
    std::string_view texte;
    StatutSaisi statut;
};
constexpr StatutEcrit kStatutsEcrits[] = {
    {"fait", StatutSaisi::fait},           {"programmé", StatutSaisi::programme},
    {"pas fait", StatutSaisi::pasFait},    {"non concerné", StatutSaisi::nonConcerne},
    {"détaillé", StatutSaisi::detaille},   {"non renseigné", StatutSaisi::nonRenseigne},
};
}  // namespace

std::optional<StatutSaisi> lireStatut(const Cellule& c, bool& inconnu) {
    inconnu = false;
    const std::string* s = std::get_if<std::string>(&c);
    if (s)
        for (const StatutEcrit& e : kStatutsEcrits)
            if (*s == e.texte) return e.statut;
    if (estVide(c)) return std::nullopt;
    if (!s) { inconnu = true; return std::nullopt; }
    return lireStatutSaisi(*s, inconnu);
}

const char* libelleStatut(const ScoreNoeud& s) {
    if (!s.aStatut) return (!s.concerne || s.desactive) ? "non concerné" : "";
    switch (s.statut) {
        case Statut::aucun: return "non renseigné";
        case Statut::fait: return "fait";
        case Statut::programme: return "programmé";
        case Statut::pasFait: return "pas fait";
        case Statut::nonRenseigne: return "non renseigné";
        case Statut::detaille: return "détaillé";
        case Statut::nonConcerne: return "non concerné";
        case Statut::nonRenseignable: return "non renseignable";
        case Statut::detailleALaTache: return "détaillé à la tâche";
    }
    return "";
}

int FractionsLues::premiereIllisible() const {
    for (int k = 0; k < 3; ++k)
        if (etat[k] == illisible) return k;
    return -1;
}

FractionsLues lireFractions(const Plage& details, std::size_t l) {
    FractionsLues f;
    for (std::size_t k = 0; k < 3; ++k) {
        const Cellule& c = details.at(l, k);
        if (estVide(c)) continue;
        if (auto d = std::get_if<double>(&c)) {
            f.valeurs[k] = *d;
            f.etat[k] = FractionsLues::nombre;
        } else {
            f.etat[k] = texte::lireNombre(std::get<std::string>(c), f.valeurs[k]) ? FractionsLues::nombre
                                                                                  : FractionsLues::illisible;
        }
    }
    return f;
}

void verifierFormes(const Entrees& e) {
    verifierColonne(e.ids, "ids");
    verifierColonne(e.statuts, "statuts");
    if (e.statuts.lignes != e.ids.lignes)
        throw ErreurArgument("« statuts » (" + std::to_string(e.statuts.lignes) + " lignes) doit avoir la hauteur de « ids » (" +
                             std::to_string(e.ids.lignes) + " lignes).");
    if (e.details) {
        if (e.details->colonnes != 3)
            throw ErreurArgument("« details » doit avoir trois colonnes (fait, programmé, pas fait) ; reçu " +
                                 std::to_string(e.details->colonnes) + ".");
        if (e.details->lignes != e.ids.lignes)
            throw ErreurArgument("« details » (" + std::to_string(e.details->lignes) +
                                 " lignes) doit avoir la hauteur de « ids » (" + std::to_string(e.ids.lignes) +
                                 " lignes).");
    }
}

std::shared_ptr<Evaluation> calculer(const Entrees& e) {
    verifierFormes(e);
    auto ev = std::make_shared<Evaluation>();
    const std::shared_ptr<const ReferentielArgument> ra = referentielArgument(e.referentiel);
    ev->ref = ra->ref;
    const Referentiel& ref = *ev->ref;
    regle::Contexte ctx = contexteStrict(e.contexte, &ref);

    const std::size_t n = e.ids.lignes;
    ev->noeudLigne.assign(n, -1);
    ev->raisonLigne.assign(n, std::string());
    EntreesCalcul& entrees = ev->entrees;
    entrees.statuts.assign(ref.taille(), std::nullopt);
    std::size_t attendu = 0;  // the node expected on the next row
    for (std::size_t l = 0; l < n; ++l) {
        const Cellule& idc = e.ids.at(l, 0);
        if (estVide(idc)) continue;
        const int i = ra->index(idc, attendu);
        if (i < 0) {
            ev->noeudLigne[l] = -2;
            ev->raisonLigne[l] = "identifiant inconnu : « " + texteDe(idc) + " »";
            continue;
        }
        ev->noeudLigne[l] = i;
        attendu = (std::size_t)i + 1;
        bool inconnu;
        auto st = lireStatut(e.statuts.at(l, 0), inconnu);
        if (inconnu) {
            ev->noeudLigne[l] = -2;
            ev->raisonLigne[l] = "statut inconnu : « " + texteDe(e.statuts.at(l, 0)) +
                                 " » (attendu : fait, programmé, pas fait, non concerné, détaillé, non renseigné)";
            continue;
        }
        if (!st) continue;
        std::optional<Fractions> fr;
        if (*st == StatutSaisi::detaille && e.details) {
            const FractionsLues f = lireFractions(*e.details, l);
            if (f.premiereIllisible() >= 0) {
                ev->noeudLigne[l] = -2;
                ev->raisonLigne[l] = "fractions détaillées illisibles (nombres entre 0 et 1 attendus)";
                continue;
            }
            if (f.une()) fr = f.valeurs;
        }
        // The first row of a node wins (ECI.VERIFIER reports duplicates).
        if (!entrees.statuts[(std::size_t)i]) entrees.statuts[(std::size_t)i] = ligneStatut(*st, fr);
    }
    try {
        consequences(ref, ctx, entrees.consequences);
    } catch (const std::exception& ex) {
        throw ErreurArgument(std::string("Personnalisation : une règle n'a pas pu être évaluée : ") + ex.what());
    }
    ev->params.niveauAction = ref.niveauAction();
    calculerScores(ref, entrees, ev->params, ev->scores);
    return ev;
}

}  // namespace eci::calc
