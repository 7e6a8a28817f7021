// The labellisation path judged on the scored tree (docs/labellisation.md; a bare §X below means
// a section of that page).
#include "eci/labellisation.hpp"

#include <algorithm>
#include <cmath>

#include "eci/texte.hpp"

namespace eci::labellisation {

namespace {

using texte::nombreFr;

// §4 The platform label of a requirement when the CSV gives none.
std::string libelleExigence(double minR, const std::optional<double>& minP) {
    if (!minP) return minR >= 100 ? std::string("Fait") : nombreFr(minR) + "% fait minimum";
    if (minR >= 100 && *minP >= 100) return "Programmé ou fait";
    return nombreFr(minR) + "% fait minimum ou " + nombreFr(*minP) + "% programmé minimum";
}

// §4 step 2 The parent by id: the platform id minus its last ".x" segment (quirk Q11), -1 if none.
int parentParId(const Referentiel& ref, const std::string& actionId) {
    auto point = actionId.rfind('.');
    if (point == std::string::npos) return -1;
    return ref.index(actionId.substr(0, point));
}

bool aStatutPropre(const ScoreNoeud& s) { return s.avancement && *s.avancement != Avancement::nonRenseigne; }

// "la tâche 1.1.1.1", "la sous-action 2.1.0", "l'action 1.1"...
std::string designation(const Noeud& n) {
    if (n.type == "tache") return "la tâche " + n.identifiant;
    if (n.type == "sous-action") return "la sous-action " + n.identifiant;
    if (n.type == "action") return "l'action " + n.identifiant;
    if (n.type == "sous-axe") return "le sous-axe " + n.identifiant;
    if (n.type == "axe") return "l'axe " + n.identifiant;
    return "le nœud " + n.identifiant;
}

std::string points(double x) { return nombreFr(arrondi3(x)) + " pt"; }

std::string taches(double x) {
    double a = arrondi3(x);
    return nombreFr(a) + (a > 1 ? " tâches" : " tâche");
}

// §7 The tâches under E still to move for the chosen route (concerned leaves not yet fait, or not
// yet fait or programmé), largest points first, at most five named.
std::string tachesAFaire(const Referentiel& ref, const std::vector<ScoreNoeud>& scores, int e, bool programme) {
    const Noeud& ne = ref.noeud(e);
    std::vector<int> candidats;
    for (int d = e + 1; d < e + ne.taille; ++d) {
        const ScoreNoeud& s = scores[(std::size_t)d];
        if (!ref.noeud(d).feuille() || !s.concerne) continue;
        double fait = ratioFait(s), total = fait + ratioProgramme(s);
        if ((programme ? total : fait) < 1) candidats.push_back(d);
    }
    if (candidats.empty()) return std::string();
    std::stable_sort(candidats.begin(), candidats.end(), [&](int a, int b) {
        return scores[(std::size_t)a].pointPotentiel > scores[(std::size_t)b].pointPotentiel;
    });
    std::string r = programme ? " ; à passer à Fait ou Programmé : " : " ; à passer à Fait : ";
    for (std::size_t i = 0; i < candidats.size() && i < 5; ++i) {
        if (i) r += ", ";
        const ScoreNoeud& s = scores[(std::size_t)candidats[i]];
        r += ref.noeud(candidats[i]).identifiant;
        if (s.pointPotentiel > 0) r += " (" + points(s.pointPotentiel) + ")";
    }
    if (candidats.size() > 5) r += ", …";
    return r;
}

// §7 « Manque » of a criterion that is not atteint, computed on E.
std::string manqueCritere(const Referentiel& ref, const std::vector<ScoreNoeud>& scores, const CritereAction& c, int n,
                          int e) {
    const ScoreNoeud& s = scores[(std::size_t)e];
    if (!s.concerne) return "déclaré non concerné : le critère ne peut être atteint sur la plateforme";
    const Noeud& ne = ref.noeud(e);
    // §10: the route needing less is shown. Points when E has a potentiel, tâche-equivalents otherwise (the unit of its ratio, §2).
    const bool enPoints = s.pointPotentiel != 0;
    const double base = enPoints ? s.pointPotentiel : static_cast<double>(s.totalTachesCount);
    const double fait = enPoints ? s.pointFait : s.faitTachesAvancement;
    const double prog = enPoints ? s.pointProgramme : s.programmeTachesAvancement;
    const double ecartFait = std::max(0.0, c.minRealise / 100 * base - fait);
    // The programmé route exists only with a min_programme_percentage; the smaller route wins (ties:
    // programmé, the more permissive wording).
    bool routeProgramme = false;
    double ecart = ecartFait, seuil = c.minRealise;
    if (c.minProgramme) {
        double ecartProg = std::max(0.0, *c.minProgramme / 100 * base - (fait + prog));
        if (ecartProg <= ecartFait) {
            routeProgramme = true;
            ecart = ecartProg;
            seuil = *c.minProgramme;
        }
    }
    const char* statutVise = routeProgramme ? "Fait ou Programmé" : "Fait";
    std::string surParent;
    if (e != n) surParent = " (son statut tient lieu de celui de " + designation(ref.noeud(n)) + ")";
    // Everything is required and E is judged as a whole (a leaf, or a node with its own statut).
    if (seuil >= 100 && (ne.feuille() || aStatutPropre(s))) return "passer " + designation(ne) + " à " + statutVise + surParent;
    std::string r = "encore ";
    if (enPoints)
        r += points(ecart) + (routeProgramme ? " fait ou programmé" : " fait") + " sur " + points(base);
    else
        r += taches(ecart) + " à " + statutVise + " sur " + taches(base);
    r += " (" + nombreFr(seuil) + " % minimum de " + designation(ne) + ")" + surParent;
    if (!ne.feuille() && !aStatutPropre(s)) r += tachesAFaire(ref, scores, e, routeProgramme);
    return r;
}

void verifierScores(const Referentiel& ref, const std::vector<ScoreNoeud>& scores) {
    if (scores.empty() || scores.size() != ref.taille())
        throw ErreurLabellisation("Labellisation : les scores ne correspondent pas au référentiel (" +
                                  std::to_string(scores.size()) + " nœuds notés pour " +
                                  std::to_string(ref.taille()) + ").");
}

// §5 The global score criterion and its row.
CritereGlobal critereGlobal(const std::vector<ScoreNoeud>& scores, const Etoile& etoile) {
    const ScoreNoeud& racine = scores.front();
    CritereGlobal g;
    g.etoile = etoile.etoile;
    g.seuilPourcentage = etoile.minRealisePourcentage;
    g.seuil = etoile.minRealiseScore;
    g.ratioFait = ratioFait(racine);
    g.ratioProgramme = ratioProgramme(racine);
    g.atteint = g.ratioFait >= g.seuil;
    g.pointsManquants = arrondi3(std::max(0.0, g.seuil * racine.pointPotentiel - racine.pointFait));
    g.sousMargeConseillee = g.atteint && g.seuil > 0 && g.ratioFait * 100 < g.seuilPourcentage + 3;
    return g;
}

LigneCritere ligneScore(const std::vector<ScoreNoeud>& scores, const CritereGlobal& g) {
    LigneCritere l;
    l.critere = "score";
    l.score = true;
    l.etoile = g.etoile;
    const std::string seuil = nombreFr(g.seuilPourcentage);
    l.formulation = "Atteindre un score réalisé (statut Fait) d'au moins " + seuil + " %";
    l.exigence = seuil + " % fait minimum";
    l.pourcentFait = g.ratioFait * 100;
    l.pourcentFaitProgramme = (g.ratioFait + g.ratioProgramme) * 100;
    l.etat = g.atteint ? Etat::atteint : Etat::nonAtteint;
    l.noeud = l.noeudEvalue = 0;
    if (!g.atteint) {
        const ScoreNoeud& racine = scores.front();
        if (racine.pointPotentiel == 0)
            l.manque = "aucun point potentiel : tout le référentiel est non concerné ou désactivé";
        else
            l.manque = "encore " + points(g.pointsManquants) + " fait pour atteindre " + seuil + " % (" +
                       points(g.seuil * racine.pointPotentiel) + " sur " + points(racine.pointPotentiel) + ")";
    }
    return l;
}

}  // namespace

const char* nomEtat(Etat e) {
    switch (e) {
        case Etat::atteint: return "atteint";
        case Etat::nonAtteint: return "non atteint";
        case Etat::sansObjet: return "sans objet";
    }
    return "";
}

std::vector<const CritereAction*> criteresAppliques(const Parcours& parcours, int etoile) {
    parcours.etoile(etoile);  // checks 1-5
    // §3.2: rows with étoile ≤ k; per node, the row of the highest étoile replaces the others (Q3).
    std::vector<const CritereAction*> r;
    for (const CritereAction& c : parcours.criteres) {
        if (c.etoile > etoile) continue;
        auto meme = std::find_if(r.begin(), r.end(), [&](const CritereAction* x) { return x->actionId == c.actionId; });
        if (meme == r.end()) r.push_back(&c);
        else if (c.etoile > (*meme)->etoile) *meme = &c;
    }
    // §3.3: (étoile of the applied row, prio); file order for ties.
    std::stable_sort(r.begin(), r.end(), [](const CritereAction* a, const CritereAction* b) {
        return a->etoile != b->etoile ? a->etoile < b->etoile : a->prio < b->prio;
    });
    return r;
}

bool CriteresEtoile::actionsAtteintes() const {
    for (const LigneCritere& l : lignes)
        if (!l.score && l.etat == Etat::nonAtteint) return false;
    return true;
}

bool CriteresEtoile::atteinte() const { return global.atteint && actionsAtteintes(); }

namespace {

// evaluerCriteres; `avecManque` false skips the texts of §7 (ECI.LABELLISATION needs only the états).
CriteresEtoile evaluer(const Referentiel& ref, const std::vector<ScoreNoeud>& scores, const Parcours& parcours,
                       int etoile, bool avecManque) {
    verifierScores(ref, scores);
    CriteresEtoile r;
    r.etoile = etoile;
    r.global = critereGlobal(scores, parcours.etoile(etoile));
    const auto appliques = criteresAppliques(parcours, etoile);
    r.lignes.reserve(appliques.size() + 1);
    r.lignes.push_back(ligneScore(scores, r.global));
    for (const CritereAction* c : appliques) {
        const int n = ref.index(c->actionId);
        if (n < 0)
            throw ErreurLabellisation("Labellisation : le critère « " + c->formulation + " » porte sur " + c->actionId +
                                      ", absent du référentiel.");
        LigneCritere l;
        l.ligne = c;
        l.critere = ref.noeud(n).identifiant;
        l.etoile = c->etoile;
        l.formulation = c->formulation;
        l.exigence = c->exigence.empty() ? libelleExigence(c->minRealise, c->minProgramme) : c->exigence;
        l.noeud = l.noeudEvalue = n;
        const ScoreNoeud& sn = scores[(std::size_t)n];
        // §4 step 1: only a deactivation by personnalisation makes a criterion sans objet. The row
        // stays (the platform drops it): fixed height, and the user sees why it does not count (§10).
        if (sn.desactive) {
            l.etat = Etat::sansObjet;
            r.lignes.push_back(std::move(l));
            continue;
        }
        // §4 step 2: the parent rule (a concerné parent by id with its own statut).
        const int p = parentParId(ref, c->actionId);
        if (p >= 0 && scores[(std::size_t)p].concerne && aStatutPropre(scores[(std::size_t)p])) l.noeudEvalue = p;
        const ScoreNoeud& se = scores[(std::size_t)l.noeudEvalue];
        // §4 steps 3-4: ratios of E, plain doubles, ×100 then compared inclusively.
        const double rf = ratioFait(se), rp = ratioProgramme(se);
        l.pourcentFait = rf * 100;
        l.pourcentFaitProgramme = (rf + rp) * 100;
        const bool atteint = rf * 100 >= c->minRealise || (c->minProgramme && (rf + rp) * 100 >= *c->minProgramme);
        l.etat = atteint ? Etat::atteint : Etat::nonAtteint;
        l.declareNonConcerne = !se.concerne;  // Q2: non atteint, not sans objet
        if (!atteint && avecManque) l.manque = manqueCritere(ref, scores, *c, n, l.noeudEvalue);
        r.lignes.push_back(std::move(l));
    }
    return r;
}

}  // namespace

CriteresEtoile evaluerCriteres(const Referentiel& ref, const std::vector<ScoreNoeud>& scores, const Parcours& parcours,
                               int etoile) {
    return evaluer(ref, scores, parcours, etoile, true);
}

int etoileAtteignable(const Referentiel& ref, const std::vector<ScoreNoeud>& scores, const Parcours& parcours) {
    // The highest star that passes, not the first failure: the definition of §12 does not rely on
    // the stars being nested (they are for ECi, which the tests check).
    for (int k = kEtoileMax; k >= kEtoileMin; --k)
        if (evaluer(ref, scores, parcours, k, false).atteinte()) return k;
    return 0;
}

int etoileScore(const std::vector<ScoreNoeud>& scores, const Parcours& parcours) {
    if (scores.empty()) throw ErreurLabellisation("Labellisation : aucun score.");
    const double rf = ratioFait(scores.front());
    int s = 1;
    for (const Etoile& e : parcours.etoiles)
        if (e.minRealiseScore <= rf) s = std::max(s, e.etoile);
    return s;
}

int etoileCible(std::optional<int> etoileActuelle, const std::vector<ScoreNoeud>& scores, const Parcours& parcours) {
    int l = 1, suivante = 1;
    if (etoileActuelle && *etoileActuelle != 0) {  // 0 stars: never labellisée
        l = parcours.etoile(*etoileActuelle).etoile;  // checks 1-5
        suivante = parcours.etoile(l).prochaine.value_or(1);
    }
    return std::max({l, suivante, etoileScore(scores, parcours), 1});
}

Completude completude(const std::vector<ScoreNoeud>& scores) {
    if (scores.empty()) throw ErreurLabellisation("Labellisation : aucun score.");
    const ScoreNoeud& r = scores.front();
    Completude c;
    c.totalTaches = r.totalTachesCount;
    c.tachesNonRenseignees = std::max(0, r.totalTachesCount - r.completedTachesCount);
    c.complete = r.completedTachesCount == r.totalTachesCount;
    return c;
}

Bilan bilan(const Referentiel& ref, const std::vector<ScoreNoeud>& scores, const Parcours& parcours,
            const Declarations& d, std::optional<int> etoileVisee) {
    Bilan b;
    b.etoileScore = etoileScore(scores, parcours);
    b.etoilePlateforme = etoileCible(d.etoileActuelle, scores, parcours);
    b.etoileVisee = etoileVisee ? parcours.etoile(*etoileVisee).etoile : b.etoilePlateforme;
    b.criteres = evaluerCriteres(ref, scores, parcours, b.etoileVisee);
    const CriteresEtoile plateforme = b.etoileVisee == b.etoilePlateforme
                                          ? b.criteres
                                          : evaluerCriteres(ref, scores, parcours, b.etoilePlateforme);
    b.etoileAtteignable = etoileAtteignable(ref, scores, parcours);
    b.completude = completude(scores);
    // §6 rempli: global ∧ action criteria ∧ (COT ? true : file) — Q9: COT exempts at every star.
    b.rempli = b.criteres.atteinte() && (d.cot || d.fichier);
    // §6 can a demande for star r be sent: complétude (Q7); r ≤ S; the action criteria of k_platform
    // (Q6; the global criterion's flag is not consulted); the file unless COT asking for star 1.
    for (int r = kEtoileMin; r <= kEtoileMax; ++r)
        b.demandePossible[(std::size_t)(r - 1)] = b.completude.complete && r <= b.etoileScore &&
                                                  plateforme.actionsAtteintes() && (d.fichier || (d.cot && r == 1));

    auto& av = b.avertissements;
    const std::string k = std::to_string(b.etoileVisee), kp = std::to_string(b.etoilePlateforme);
    if (b.etoileVisee != b.etoilePlateforme) {
        av.push_back("La plateforme vérifie les critères de l'étoile " + kp +
                     " (le maximum de l'étoile actuelle, de la suivante et de celle que permet le score), pas ceux de "
                     "l'étoile " + k + " visée : toute demande y est jugée sur l'étoile " + kp + ".");
        if (b.criteres.actionsAtteintes() && !plateforme.actionsAtteintes())
            av.push_back("Les critères de l'étoile " + k + " sont atteints, mais pas ceux de l'étoile " + kp +
                         " : la plateforme refuserait la demande.");
    }
    for (const LigneCritere& l : b.criteres.lignes)
        if (l.declareNonConcerne)
            av.push_back("Le critère " + l.critere +
                         " est déclaré non concerné : la plateforme le compte non atteint (seule la personnalisation "
                         "le rend sans objet).");
    // §10 A3: the rule is applied as the engine evaluates it, and flagged.
    for (const LigneCritere& l : b.criteres.lignes)
        if (l.etat == Etat::sansObjet && l.ligne && l.ligne->actionId == "eci_3.2.0")
            av.push_back("Le critère 3.2.0 (SPASER) est sans objet : la règle désactive 3.2.0 quand SPASER = OUI, "
                         "alors que la question a changé de sens sur la plateforme ; à vérifier.");
    if (!b.completude.complete)
        av.push_back("Référentiel incomplet (" + std::to_string(b.completude.tachesNonRenseignees) +
                     " tâches non renseignées) : aucune demande ne peut être envoyée, même critères remplis.");
    if (b.criteres.global.sousMargeConseillee)
        av.push_back("Score à moins de 3 points du seuil de l'étoile " + k +
                     " : une marge d'au moins 3 % est recommandée (l'audit peut baisser le score).");
    if (b.etoileVisee == 1)
        av.push_back("Étoile 1 : le seuil de score est 0 % ; le nouveau parcours de la plateforme affiche une ligne "
                     "« 35 % fait minimum » qui ne bloque rien.");
    if (d.cot && !d.fichier)
        av.push_back("Collectivité COT sans acte d'engagement déposé : « rempli » pour la plateforme, mais seule la "
                     "demande de 1re étoile est dispensée du fichier.");
    return b;
}

std::vector<const Preuve*> preuves(const Referentiel& ref, const Parcours& parcours, int noeud) {
    std::vector<const Preuve*> r;
    if (noeud < 0 || noeud >= static_cast<int>(ref.taille())) return r;
    auto propres = [&](int i) {
        std::vector<const Preuve*> v;
        for (const Preuve& p : parcours.preuves)
            if (p.actionId == ref.noeud(i).id) v.push_back(&p);
        return v;
    };
    r = propres(noeud);
    if (!r.empty()) return r;
    // A tâche: the documents of its sous-action (the nearest ancestor that has some).
    for (int a = ref.noeud(noeud).parent; a >= 0 && ref.noeud(a).estSousActionOuTache(); a = ref.noeud(a).parent) {
        r = propres(a);
        if (!r.empty()) return r;
    }
    // A higher node: those of every node beneath, each document once.
    const int fin = noeud + ref.noeud(noeud).taille;
    for (int d = noeud + 1; d < fin; ++d)
        for (const Preuve* p : propres(d))
            if (std::none_of(r.begin(), r.end(), [&](const Preuve* q) { return q->preuveId == p->preuveId; }))
                r.push_back(p);
    return r;
}

}  // namespace eci::labellisation
