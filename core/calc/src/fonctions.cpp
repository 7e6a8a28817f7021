// The spreadsheet functions on plain values: argument conventions of
// docs/fonctions-conventions.md, validation with French messages, and a small cache so
// that a sheet where many cells call ECI.SCORE on the same ranges computes
// the référentiel once.
#include "eci/calc/cellules.hpp"
#include "eci/calc/fonctions.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "eci/personnalisation.hpp"
#include "eci/referentiel.hpp"
#include "eci/score.hpp"
#include "eci/statuts.hpp"
#include "eci/texte.hpp"

namespace eci::calc {

namespace {

using texte::plier;

// ---------------------------------------------------------------- cells ---

// Text of a cell as written: numbers as the shortest decimal ("1", "1.1").
std::string ligneNo(std::size_t i) { return "ligne " + std::to_string(i + 1); }

// An optional argument left out. Calc passes a single empty cell given to an
// optional argument as the number 0 (not as "nothing"), so a 1x1 argument
// holding a blank or 0 counts as absent: no optional ECI argument takes 0.
const Optionnel kAbsent;
bool estAbsent(const Optionnel& o) {
    if (!o || o->vide()) return true;
    if (o->cellules.size() != 1) return false;
    const Cellule& c = o->cellules[0];
    if (estVide(c)) return true;
    auto d = std::get_if<double>(&c);
    return d && *d == 0;
}
const Optionnel& normal(const Optionnel& o) { return estAbsent(o) ? kAbsent : o; }

// A column argument: one column, at most kMaxLignes rows.
void verifierColonne(const Plage& p, const char* nom) {
    if (p.vide()) throw ErreurArgument(std::string("L'argument « ") + nom + " » est une plage vide.");
    if (p.colonnes != 1)
        throw ErreurArgument(std::string("L'argument « ") + nom + " » doit être une seule colonne (reçu " +
                             std::to_string(p.colonnes) + " colonnes).");
    if (p.lignes > kMaxLignes)
        throw ErreurArgument(std::string("L'argument « ") + nom + " » a " + std::to_string(p.lignes) +
                             " lignes : au plus " + std::to_string(kMaxLignes) + " sont acceptées.");
}

// ------------------------------------------------------------- hashing ---

std::uint64_t hacher(std::uint64_t h, const void* data, std::size_t n) {
    const unsigned char* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) { h ^= p[i]; h *= 1099511628211ull; }
    return h;
}

std::uint64_t hacher(std::uint64_t h, const Plage& p) {
    h = hacher(h, &p.lignes, sizeof p.lignes);
    h = hacher(h, &p.colonnes, sizeof p.colonnes);
    for (const Cellule& c : p.cellules) {
        unsigned char t = static_cast<unsigned char>(c.index());
        h = hacher(h, &t, 1);
        if (auto d = std::get_if<double>(&c)) h = hacher(h, d, sizeof *d);
        else if (auto s = std::get_if<std::string>(&c)) h = hacher(h, s->data(), s->size());
    }
    return h;
}

std::uint64_t hacher(std::uint64_t h, const Optionnel& o) {
    unsigned char present = o ? 1 : 0;
    h = hacher(h, &present, 1);
    return o ? hacher(h, *o) : h;
}

// ---------------------------------------------------------- référentiel ---

std::shared_ptr<const Referentiel> referentielDePlage(const Plage& p) {
    if (p.lignes < 2)
        throw ErreurArgument("Le référentiel passé en plage doit avoir une ligne d'en-tête et au moins une ligne.");
    std::map<std::string, std::size_t> col;
    for (std::size_t c = 0; c < p.colonnes; ++c) {
        std::string h = plier(texteDe(p.at(0, c)));
        if (!h.empty() && !col.count(h)) col[h] = c;
    }
    for (const char* requis : {"identifiant", "niveau", "points", "pourcentage"})
        if (!col.count(requis))
            throw ErreurArgument(std::string("Référentiel : colonne « ") + requis +
                                 " » absente de la première ligne (colonnes requises : identifiant, niveau, "
                                 "points, pourcentage).");
    auto champ = [&](std::size_t l, const char* nom) -> std::string {
        auto it = col.find(nom);
        return it == col.end() ? std::string() : texteDe(p.at(l, it->second));
    };
    auto nombre = [&](std::size_t l, const char* nom) -> std::optional<double> {
        auto it = col.find(nom);
        if (it == col.end()) return std::nullopt;
        const Cellule& c = p.at(l, it->second);
        if (estVide(c)) return std::nullopt;
        if (auto d = std::get_if<double>(&c)) return *d;
        double v;
        if (texte::lireNombre(std::get<std::string>(c), v)) return v;
        throw ErreurArgument("Référentiel, " + ligneNo(l) + " : « " + nom + " » n'est pas un nombre (« " +
                             texteDe(c) + " »).");
    };
    std::vector<LigneReferentiel> lignes;
    std::string prefixe = "eci";
    for (std::size_t l = 1; l < p.lignes; ++l) {
        bool vide = true;
        for (std::size_t c = 0; c < p.colonnes && vide; ++c) vide = estVide(p.at(l, c));
        if (vide) continue;
        LigneReferentiel lr;
        lr.identifiant = champ(l, "identifiant");
        lr.niveau = champ(l, "niveau");
        lr.nom = champ(l, "nom");
        lr.categorie = champ(l, "categorie");
        lr.points = nombre(l, "points");
        lr.pourcentage = nombre(l, "pourcentage");
        lr.desactivation = champ(l, "desactivation");
        lr.reduction = champ(l, "reduction");
        lr.score = champ(l, "score");
        lr.actionId = champ(l, "actionid");
        if (lr.identifiant.empty() && !lr.actionId.empty()) prefixe = lr.actionId;
        lignes.push_back(std::move(lr));
    }
    try {
        return Referentiel::construire(std::move(lignes), prefixe);
    } catch (const ErreurReferentiel& e) {
        throw ErreurArgument(e.what());
    }
}

std::shared_ptr<const Referentiel> referentielDe(const Optionnel& arg) {
    const Optionnel& o = normal(arg);
    if (!o) return Referentiel::eci();
    static std::mutex m;
    static std::uint64_t cle = 0;
    static Plage derniere;
    static std::shared_ptr<const Referentiel> dernier;
    std::uint64_t h = hacher(1469598103934665603ull, *o);
    std::lock_guard<std::mutex> verrou(m);
    if (dernier && h == cle && derniere.cellules == o->cellules && derniere.colonnes == o->colonnes) return dernier;
    auto ref = referentielDePlage(*o);
    cle = h;
    derniere = *o;
    dernier = ref;
    return ref;
}

int indexNoeud(const Referentiel& ref, const Cellule& c) { return ref.index(texteDe(c)); }

// The node named by a required id argument (ECI.POINTS, ECI.LIBELLE, ECI.DESACTIVE): a blank id is
// refused rather than read as the whole référentiel, which is named explicitly (« eci »).
int noeudRequis(const Referentiel& ref, const Cellule& id) {
    if (estVide(id) || texte::rogner(texteDe(id)).empty())
        throw ErreurArgument("Identifiant vide : indiquez un nœud (1, 1.1, 1.1.1…) ou « " + ref.prefixe() +
                             " » pour le référentiel entier.");
    const int i = indexNoeud(ref, id);
    if (i < 0) throw ErreurArgument("Identifiant inconnu : « " + texteDe(id) + " ».");
    return i;
}

// -------------------------------------------------------------- statuts ---

std::optional<StatutSaisi> lireStatut(const Cellule& c, bool& inconnu) {
    inconnu = false;
    if (estVide(c)) return std::nullopt;
    if (!std::holds_alternative<std::string>(c)) { inconnu = true; return std::nullopt; }
    return lireStatutSaisi(std::get<std::string>(c), inconnu);
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

// ------------------------------------------------------------- contexte ---

const std::set<std::string>& questionsBinairesEci() {
    static const std::set<std::string> q = {"SPASER", "dechets_1", "dechets_2", "dechets_3",
                                            "REOM", "dev_eco_1", "formation"};
    return q;
}

std::optional<bool> lireOuiNon(const Cellule& c, bool& invalide) {
    invalide = false;
    if (estVide(c)) return std::nullopt;
    if (auto d = std::get_if<double>(&c)) {
        if (*d == 1) return true;
        if (*d == 0) return false;
        invalide = true;
        return std::nullopt;
    }
    std::string p = plier(std::get<std::string>(c));
    if (p == "oui" || p == "vrai" || p == "true" || p == "yes" || p == "1") return true;
    if (p == "non" || p == "faux" || p == "false" || p == "no" || p == "0") return false;
    invalide = true;
    return std::nullopt;
}

struct ContexteLu {
    regle::Contexte ctx;
    std::vector<std::string> problemes;
};

// Reads the key / value range. `libre`: unknown keys are answers (ECI.REGLE).
ContexteLu lireContexte(const Optionnel& arg, const Referentiel* ref, bool libre) {
    const Optionnel& o = normal(arg);
    ContexteLu r;
    r.ctx.reponses.emplace();
    regle::Identite id;  // unknown identity: every identite() test is false
    if (!o) {
        r.ctx.identite = id;
        return r;
    }
    const Plage& p = *o;
    if (p.colonnes != 2) {
        r.problemes.push_back("Le contexte doit avoir deux colonnes (clé, valeur) ; reçu " +
                              std::to_string(p.colonnes) + " colonne(s).");
        r.ctx.identite = id;
        return r;
    }
    if (p.lignes > 1000) {
        r.problemes.push_back("Le contexte a " + std::to_string(p.lignes) + " lignes : au plus 1000.");
        r.ctx.identite = id;
        return r;
    }
    std::map<std::string, std::string> questions;  // folded -> canonical id
    for (const std::string& q : questionsBinairesEci()) questions[plier(q)] = q;
    if (ref)
        for (const std::string& q : ref->questions()) questions[plier(q)] = q;
    static const std::set<std::string> descriptifs = {"nom", "collectivite", "siren", "departement", "region",
                                                      "commune", "epci", "commentaire", "nomdelacollectivite"};
    bool typeDonne = false;
    std::set<std::string> vues;
    for (std::size_t l = 0; l < p.lignes; ++l) {
        const Cellule& k = p.at(l, 0);
        const Cellule& v = p.at(l, 1);
        if (estVide(k)) continue;
        std::string cleTexte = texteDe(k);
        std::string cle = plier(cleTexte);
        std::string ou = "Contexte, " + ligneNo(l) + " : ";
        if (!vues.insert(cle).second) {
            r.problemes.push_back(ou + "la clé « " + cleTexte + " » apparaît deux fois.");
            continue;
        }
        if (cle == "type") {
            if (estVide(v)) continue;
            std::string t = plier(texteDe(v));
            if (t == "commune") id.type = "commune";
            else if (t == "epci") id.type = "EPCI";
            else { r.problemes.push_back(ou + "type « " + texteDe(v) + " » inconnu (attendu : commune ou EPCI)."); continue; }
            typeDonne = true;
        } else if (cle == "soustype") {
            if (estVide(v)) continue;
            std::string t = plier(texteDe(v));
            if (t == "epciafiscalitepropre") id.soustype = "epci_a_fiscalite_propre";
            else if (t == "syndicat") id.soustype = "syndicat";
            else if (t == "pole") id.soustype = "pole";
            else r.problemes.push_back(ou + "sous-type « " + texteDe(v) +
                                       " » inconnu (attendu : epci_a_fiscalite_propre, syndicat ou pole).");
        } else if (cle == "population") {
            if (estVide(v)) continue;
            double n;
            bool ok = false;
            if (auto d = std::get_if<double>(&v)) { n = *d; ok = true; }
            else ok = texte::lireNombre(std::get<std::string>(v), n);
            if (!ok || n < 0 || !std::isfinite(n))
                r.problemes.push_back(ou + "population « " + texteDe(v) + " » : un nombre d'habitants positif est attendu.");
            else id.populationTags = regle::tagsPopulation(n);
        } else if (cle == "drom" || cle == "dom" || cle == "localisation") {
            bool invalide;
            auto b = lireOuiNon(v, invalide);
            if (!invalide && !b && !estVide(v)) invalide = true;
            if (cle == "localisation" && !estVide(v)) {
                std::string t = plier(texteDe(v));
                if (t == "dom" || t == "drom") { id.drom = true; continue; }
                if (t == "metropole") { id.drom = false; continue; }
            }
            if (invalide) r.problemes.push_back(ou + "DROM « " + texteDe(v) + " » : OUI ou NON attendu.");
            else id.drom = b;
        } else if (cle == "dansaireurbaine") {
            bool invalide;
            auto b = lireOuiNon(v, invalide);
            if (invalide) r.problemes.push_back(ou + "dans_aire_urbaine « " + texteDe(v) + " » : OUI ou NON attendu.");
            else id.dansAireUrbaine = b;
        } else if (descriptifs.count(cle)) {
            continue;
        } else {
            auto q = questions.find(cle);
            std::string qid;
            if (q != questions.end()) qid = q->second;
            else if (libre) qid = cleTexte;
            else {
                r.problemes.push_back(ou + "clé « " + cleTexte +
                                      " » inconnue (attendu : type, soustype, population, drom ou l'identifiant "
                                      "d'une question : dechets_1, dechets_2, dechets_3, dev_eco_1, formation, "
                                      "REOM, SPASER).");
                continue;
            }
            if (estVide(v)) continue;  // not answered
            bool binaire = questionsBinairesEci().count(qid) > 0;
            bool invalide;
            auto b = lireOuiNon(v, invalide);
            if (b) { (*r.ctx.reponses)[qid] = *b; continue; }
            if (binaire) {
                r.problemes.push_back(ou + "réponse « " + texteDe(v) + " » à la question " + qid +
                                      " : OUI ou NON attendu.");
                continue;
            }
            if (auto d = std::get_if<double>(&v)) (*r.ctx.reponses)[qid] = *d;
            else (*r.ctx.reponses)[qid] = std::string(texte::rogner(std::get<std::string>(v)));
        }
    }
    if (!typeDonne && id.soustype) id.type = "EPCI";
    r.ctx.identite = id;
    return r;
}

regle::Contexte contexteStrict(const Optionnel& o, const Referentiel* ref, bool libre = false) {
    ContexteLu c = lireContexte(o, ref, libre);
    if (!c.problemes.empty()) throw ErreurArgument(c.problemes.front());
    return c.ctx;
}

// ----------------------------------------------------------- évaluation ---

struct Evaluation {
    std::shared_ptr<const Referentiel> ref;
    std::vector<ScoreNoeud> scores;
    std::vector<int> noeudLigne;          // per ids row: node index, -1 blank, -2 problem
    std::vector<std::string> raisonLigne;  // per ids row: why it is not scored
};

struct Entrees {
    const Plage& ids;
    const Plage& statuts;
    const Optionnel& details;
    const Optionnel& contexte;
    const Optionnel& referentiel;
};

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
    ev->ref = referentielDe(e.referentiel);
    const Referentiel& ref = *ev->ref;
    regle::Contexte ctx = contexteStrict(e.contexte, &ref);

    const std::size_t n = e.ids.lignes;
    ev->noeudLigne.assign(n, -1);
    ev->raisonLigne.assign(n, std::string());
    EntreesCalcul entrees;
    entrees.statuts.assign(ref.taille(), std::nullopt);
    for (std::size_t l = 0; l < n; ++l) {
        const Cellule& idc = e.ids.at(l, 0);
        if (estVide(idc)) continue;
        int i = indexNoeud(ref, idc);
        if (i < 0) {
            ev->noeudLigne[l] = -2;
            ev->raisonLigne[l] = "identifiant inconnu : « " + texteDe(idc) + " »";
            continue;
        }
        ev->noeudLigne[l] = i;
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
            Fractions f{0, 0, 0};
            bool une = false, illisible = false;
            for (std::size_t k = 0; k < 3; ++k) {
                const Cellule& c = e.details->at(l, k);
                if (estVide(c)) continue;
                une = true;
                if (auto d = std::get_if<double>(&c)) f[k] = *d;
                else if (!texte::lireNombre(std::get<std::string>(c), f[k])) illisible = true;
            }
            if (illisible) {
                ev->noeudLigne[l] = -2;
                ev->raisonLigne[l] = "fractions détaillées illisibles (nombres entre 0 et 1 attendus)";
                continue;
            }
            if (une) fr = f;
        }
        // The first row of a node wins (ECI.VERIFIER reports duplicates).
        if (!entrees.statuts[(std::size_t)i]) entrees.statuts[(std::size_t)i] = ligneStatut(*st, fr);
    }
    try {
        consequences(ref, ctx, entrees.consequences);
    } catch (const std::exception& ex) {
        throw ErreurArgument(std::string("Personnalisation : une règle n'a pas pu être évaluée : ") + ex.what());
    }
    ParametresCalcul params;
    params.niveauAction = ref.niveauAction();
    calculerScores(ref, entrees, params, ev->scores);
    return ev;
}

// A small cache of recent evaluations keyed by the content of the arguments.
class Cache {
public:
    std::shared_ptr<Evaluation> obtenir(const Entrees& e) {
        std::uint64_t h = 1469598103934665603ull;
        h = hacher(h, e.ids);
        h = hacher(h, e.statuts);
        h = hacher(h, e.details);
        h = hacher(h, e.contexte);
        h = hacher(h, e.referentiel);
        {
            std::lock_guard<std::mutex> v(m_);
            for (auto it = entrees_.begin(); it != entrees_.end(); ++it) {
                if (it->h == h && egal(*it, e)) {
                    entrees_.splice(entrees_.begin(), entrees_, it);
                    return entrees_.front().ev;
                }
            }
        }
        auto ev = calculer(e);
        std::lock_guard<std::mutex> v(m_);
        entrees_.push_front(Entree{h, e.ids, e.statuts, e.details, e.contexte, e.referentiel, ev});
        while (entrees_.size() > 4) entrees_.pop_back();
        return ev;
    }

private:
    struct Entree {
        std::uint64_t h;
        Plage ids, statuts;
        Optionnel details, contexte, referentiel;
        std::shared_ptr<Evaluation> ev;
    };
    static bool egalP(const Plage& a, const Plage& b) {
        return a.lignes == b.lignes && a.colonnes == b.colonnes && a.cellules == b.cellules;
    }
    static bool egalO(const Optionnel& a, const Optionnel& b) {
        return a.has_value() == b.has_value() && (!a || egalP(*a, *b));
    }
    static bool egal(const Entree& x, const Entrees& e) {
        return egalP(x.ids, e.ids) && egalP(x.statuts, e.statuts) && egalO(x.details, e.details) &&
               egalO(x.contexte, e.contexte) && egalO(x.referentiel, e.referentiel);
    }
    std::mutex m_;
    std::list<Entree> entrees_;
};

Cache& cache() {
    static Cache c;
    return c;
}

double pourcentageFait(const ScoreNoeud& s) { return ratioFait(s) * 100; }

}  // namespace

// ------------------------------------------------------------- functions ---

Plage evaluer(const Plage& ids, const Plage& statuts, const Optionnel& details, const Optionnel& contexte,
              const Optionnel& referentiel) {
    auto ev = cache().obtenir(Entrees{ids, statuts, normal(details), normal(contexte), normal(referentiel)});
    Plage out(ids.lignes, 8);
    for (std::size_t l = 0; l < ids.lignes; ++l) {
        int i = ev->noeudLigne[l];
        if (i == -2) { out.at(l, 7) = ev->raisonLigne[l]; continue; }
        if (i < 0) continue;
        const ScoreNoeud& s = ev->scores[(std::size_t)i];
        if (s.pointReferentiel) out.at(l, 0) = *s.pointReferentiel;
        out.at(l, 1) = s.pointPotentiel;
        out.at(l, 2) = s.pointFait;
        out.at(l, 3) = s.pointProgramme;
        out.at(l, 4) = s.pointPasFait;
        out.at(l, 5) = s.pointNonRenseigne;
        out.at(l, 6) = pourcentageFait(s);
        out.at(l, 7) = std::string(libelleStatut(s));
    }
    return out;
}

double score(const Plage& ids, const Plage& statuts, const Optionnel& noeudArg, const Optionnel& mesureArg,
             const Optionnel& details, const Optionnel& contexte, const Optionnel& referentiel) {
    const Optionnel& noeud = normal(noeudArg);
    const Optionnel& mesure = normal(mesureArg);
    auto ev = cache().obtenir(Entrees{ids, statuts, normal(details), normal(contexte), normal(referentiel)});
    for (std::size_t l = 0; l < ids.lignes; ++l)
        if (ev->noeudLigne[l] == -2)
            throw ErreurArgument("ids/statuts, " + ligneNo(l) + " : " + ev->raisonLigne[l] + ".");
    int i = 0;
    if (noeud && !(noeud->cellules.size() == 1 && estVide(noeud->cellules[0]))) {
        if (noeud->cellules.size() != 1) throw ErreurArgument("« noeud » doit être une seule cellule.");
        i = indexNoeud(*ev->ref, noeud->cellules[0]);
        if (i < 0) throw ErreurArgument("Nœud inconnu : « " + texteDe(noeud->cellules[0]) + " ».");
    }
    std::string m = "fait";
    if (mesure && !(mesure->cellules.size() == 1 && estVide(mesure->cellules[0]))) {
        if (mesure->cellules.size() != 1) throw ErreurArgument("« mesure » doit être une seule cellule.");
        m = plier(texteDe(mesure->cellules[0]));
    }
    const ScoreNoeud& s = ev->scores[(std::size_t)i];
    if (m == "fait" || m == "done") return s.pointFait;
    if (m == "programme" || m == "planned") return s.pointProgramme;
    if (m == "pasfait" || m == "notdone") return s.pointPasFait;
    if (m == "nonrenseigne" || m == "notfilled") return s.pointNonRenseigne;
    if (m == "potentiel") return s.pointPotentiel;
    if (m == "referentiel") return s.pointReferentiel.value_or(0.0);
    if (m == "pourcentage") return pourcentageFait(s);
    if (m == "pourcentageprogramme") return ratioProgramme(s) * 100;
    if (m == "taches") return s.totalTachesCount;
    if (m == "tachesrenseignees") return s.completedTachesCount;
    if (m == "etoiles") return s.etoiles ? *s.etoiles : eci::etoiles(s.pointFait, s.pointPotentiel);
    throw ErreurArgument("Mesure inconnue : « " + texteDe(mesure->cellules[0]) +
                         " » (attendu : fait, programme, pas_fait, non_renseigne, potentiel, referentiel, "
                         "pourcentage, pourcentage_programme, taches, taches_renseignees).");
}

double etoiles(double pourcentage) {
    // Up to 100 (a rounding error above is tolerated): beyond is a unit mistake, e.g. points
    // given instead of a percentage.
    if (!std::isfinite(pourcentage) || pourcentage < 0 || pourcentage > 100 + 1e-9)
        throw ErreurArgument("Le pourcentage doit être entre 0 et 100 (reçu " + texte::nombreFr(pourcentage) + ").");
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
        throw ErreurArgument("Les points faits (" + texte::nombreFr(fait) + ") dépassent le potentiel (" +
                             texte::nombreFr(potentiel) + ") : arguments inversés ?");
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
    const Optionnel& details = normal(detailsArg);
    std::vector<std::string> pb;
    Entrees e{ids, statuts, details, contexte, referentiel};
    try {
        verifierFormes(e);
    } catch (const ErreurArgument& ex) {
        return ex.what();
    }
    std::shared_ptr<const Referentiel> ref;
    try {
        ref = referentielDe(referentiel);
    } catch (const ErreurArgument& ex) {
        return ex.what();
    }
    ContexteLu c = lireContexte(contexte, ref.get(), false);
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
            double somme = 0;
            bool une = false;
            for (std::size_t k = 0; k < 3; ++k) {
                const Cellule& fc = details->at(l, k);
                if (estVide(fc)) continue;
                une = true;
                double v;
                if (auto d = std::get_if<double>(&fc)) v = *d;
                else if (!texte::lireNombre(std::get<std::string>(fc), v)) {
                    pb.push_back(ou + "fraction « " + texteDe(fc) + " » illisible (nombre entre 0 et 1 attendu).");
                    une = false;
                    break;
                }
                if (v < 0 || v > 1)
                    pb.push_back(ou + "fraction " + texte::nombreFr(v) + " hors de [0 ; 1].");
                somme += v;
            }
            if (une && std::fabs(somme - 1) > 1e-9)
                pb.push_back(ou + "les fractions détaillées font " + texte::nombreFr(somme) + " au lieu de 1.");
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
