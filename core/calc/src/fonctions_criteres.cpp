// The CRITERES spreadsheet functions: argument conventions and French
// messages around the selection domain (eci/selection.hpp).
#include "eci/calc/fonctions_criteres.hpp"

#include <cmath>
#include <unordered_map>

#include "eci/calc/arguments.hpp"
#include "eci/selection.hpp"
#include "eci/texte.hpp"

namespace eci::calc {

namespace {

namespace sel = eci::selection;

// A score's comparison key, with a located message when out of range.
std::int64_t pointsScore(double v, const std::string& ou) {
    if (!(v >= 0 && v <= sel::kScoreMax))
        throw ErreurArgument(ou + " : " + nombreSaisi(v) +
                             " est hors de l'échelle (un score positif est attendu, entre 0 et 100 en général, au plus 1 000 000).");
    return sel::points(v);
}

constexpr TexteNombre kTexte = TexteNombre::accepte;  // "12,5" is a number here

std::size_t lireNombreCandidats(const Optionnel& o) {
    auto v = nombreOptionnel(o, "nombre", kTexte);
    if (!v) return 10;
    if (*v < 1 || *v != std::floor(*v) || *v > double(kMaxLignes))
        throw ErreurArgument("L'argument « nombre » doit être un nombre entier de candidats, au moins 1 (reçu " +
                             nombreSaisi(*v) + ").");
    return (std::size_t)*v;
}

double lireScoreMin(const Optionnel& o) {
    auto v = nombreOptionnel(o, "score_min", kTexte);
    return v ? *v : 0.0;
}

double lireNoteMax(const Optionnel& o) {
    auto v = nombreOptionnel(o, "note_max", kTexte);
    if (!v) return 5.0;
    if (*v <= 0)
        throw ErreurArgument("L'argument « note_max » doit être strictement positif (reçu " + nombreSaisi(*v) + ").");
    return *v;
}

// Typology column -> ids (kAucune for blank); folded text, one namespace per column.
std::vector<int> lireTypologies(const Plage& p) {
    std::vector<int> ids(p.lignes, sel::kAucune);
    std::unordered_map<std::string, int> vus;
    for (std::size_t l = 0; l < p.lignes; ++l) {
        const Cellule& c = p.at(l, 0);
        if (estVide(c)) continue;
        std::string cle = texte::plier(texteDe(c));
        if (cle.empty()) continue;  // only spaces / '_' / '-'
        auto it = vus.emplace(cle, (int)vus.size()).first;
        ids[l] = it->second;
    }
    return ids;
}

// The candidates of SELECTION / COUT_PANEL / REMPLACEMENTS.
struct Candidats {
    std::vector<sel::Candidat> liste;  // the candidate rows only
    std::vector<std::size_t> ligne;    // their row in the range
    std::size_t hauteur = 0;
    sel::ParametresPanel prm;
};

Candidats lireCandidats(const Plage& scores, const Plage& tt, const Plage& tc, const Optionnel& nombre,
                        const Optionnel& scoreMin) {
    verifierColonne(scores, "scores");
    verifierColonne(tt, "typologies_territoire");
    verifierColonne(tc, "typologies_collectivite");
    verifierHauteur(tt, "typologies_territoire", scores.lignes, "scores");
    verifierHauteur(tc, "typologies_collectivite", scores.lignes, "scores");
    Candidats r;
    r.hauteur = scores.lignes;
    r.prm.nombre = lireNombreCandidats(nombre);
    r.prm.scoreMin = lireScoreMin(scoreMin);
    std::vector<int> idT = lireTypologies(tt), idC = lireTypologies(tc);
    for (std::size_t l = 0; l < scores.lignes; ++l) {
        const Cellule& c = scores.at(l, 0);
        if (estVide(c)) {
            if (idT[l] == sel::kAucune && idC[l] == sel::kAucune) continue;  // not a candidate
            throw ErreurArgument("Scores, " + ligneNo(l) +
                                 " : score vide pour un candidat qui a une typologie ; saisissez son score ou videz la ligne.");
        }
        double v;
        if (!nombreDe(c, v))
            throw ErreurArgument("Scores, " + ligneNo(l) + " : « " + texteDe(c) + " » n'est pas un nombre.");
        pointsScore(v, "Scores, " + ligneNo(l));
        r.liste.push_back({v, idT[l], idC[l]});
        r.ligne.push_back(l);
    }
    return r;
}

// Domain errors carry a French message: pass it on.
template <class F>
auto domaine(F&& f) -> decltype(f()) {
    return depuisDomaine<sel::ErreurSelection>(std::forward<F>(f));
}

// A note: number, or NC (nullopt); blank or other text is an error.
sel::Note lireNote(const Cellule& c, const std::string& ou) {
    if (estVide(c))
        throw ErreurArgument(ou + " : note vide ; saisissez une note ou NC (non concerné).");
    double v;
    if (nombreDe(c, v)) return v;
    std::string p = texte::plier(texteDe(c));
    if (p == "nc" || p == "nonconcerne") return std::nullopt;
    throw ErreurArgument(ou + " : « " + texteDe(c) + " » n'est ni une note ni NC.");
}

std::vector<double> lirePoids(const Plage& poids) {
    verifierVecteur(poids, "poids");
    std::vector<double> w;
    for (std::size_t j = 0; j < poids.cellules.size(); ++j) {
        const Cellule& c = poids.cellules[j];
        double v;
        if (estVide(c))
            throw ErreurArgument("Poids du critère " + std::to_string(j + 1) + " vide : saisissez un poids (0 pour l'ignorer).");
        if (!nombreDe(c, v))
            throw ErreurArgument("Poids du critère " + std::to_string(j + 1) + " : « " + texteDe(c) +
                                 " » n'est pas un nombre.");
        w.push_back(v);
    }
    return w;
}

}  // namespace

// ------------------------------------------------------------- SCORE ---

double criteresScore(const Plage& notes, const Plage& poids, const Optionnel& noteMax) {
    verifierVecteur(notes, "notes");
    std::vector<double> w = lirePoids(poids);
    if (notes.cellules.size() != w.size())
        throw ErreurArgument("Il y a " + std::to_string(notes.cellules.size()) + " notes et " + std::to_string(w.size()) +
                             " poids : donnez un poids par critère.");
    std::vector<sel::Note> n;
    for (std::size_t j = 0; j < notes.cellules.size(); ++j)
        n.push_back(lireNote(notes.cellules[j], "Critère " + std::to_string(j + 1)));
    double m = lireNoteMax(noteMax);
    return domaine([&] { return sel::scorePondere(n, w, m); });
}

// -------------------------------------------------------------- RANG ---

double criteresRang(const Cellule& score, const Plage& scores, const Optionnel& departage,
                    const Optionnel& departages) {
    verifierColonne(scores, "scores");
    double s;
    if (estVide(score)) throw ErreurArgument("L'argument « score » est vide : donnez le score du candidat.");
    if (!nombreDe(score, s))
        throw ErreurArgument("L'argument « score » doit être un nombre (reçu « " + texteDe(score) + " »).");
    std::optional<double> d = nombreOptionnel(departage, "departage", kTexte);
    bool avecDepartages = departages && !departages->vide();
    if (d && !avecDepartages)
        throw ErreurArgument("« departage » est donné sans « departages » : donnez aussi la colonne des valeurs de départage.");
    if (!d && avecDepartages)
        throw ErreurArgument("« departages » est donné sans « departage » : donnez aussi la valeur du candidat.");
    if (avecDepartages) {
        verifierColonne(*departages, "departages");
        verifierHauteur(*departages, "departages", scores.lignes, "scores");
    }
    return domaine([&] {
        std::int64_t ps = pointsScore(s, "L'argument « score »");
        std::int64_t pd = d ? sel::pointsDepartage(*d) : 0;
        int rang = 1;
        for (std::size_t l = 0; l < scores.lignes; ++l) {
            const Cellule& c = scores.at(l, 0);
            if (estVide(c)) continue;
            double v;
            if (!nombreDe(c, v))
                throw ErreurArgument("Scores, " + ligneNo(l) + " : « " + texteDe(c) + " » n'est pas un nombre.");
            std::int64_t pv = pointsScore(v, "Scores, " + ligneNo(l));
            if (pv > ps) { ++rang; continue; }
            if (pv < ps || !d) continue;
            const Cellule& dc = departages->at(l, 0);
            double dv;
            if (estVide(dc) || !nombreDe(dc, dv))
                throw ErreurArgument("Départages, " + ligneNo(l) + " : une valeur de départage numérique est attendue (reçu « " +
                                     texteDe(dc) + " »).");
            std::int64_t pdv = sel::pointsDepartage(dv);
            if (pdv > pd) ++rang;
        }
        return double(rang);
    });
}

// ---------------------------------------------------------- SELECTION ---

Plage criteresSelection(const Plage& scores, const Plage& tt, const Plage& tc, const Optionnel& nombre,
                        const Optionnel& scoreMin) {
    Candidats c = lireCandidats(scores, tt, tc, nombre, scoreMin);
    sel::Panel p = domaine([&] { return sel::choisirPanel(c.liste, c.prm); });
    Plage r(c.hauteur, 1);
    for (std::size_t l = 0; l < c.hauteur; ++l) r.at(l, 0) = 0.0;
    for (std::size_t i = 0; i < c.liste.size(); ++i) r.at(c.ligne[i], 0) = p.retenu[i] ? 1.0 : 0.0;
    return r;
}

double criteresCoutPanel(const Plage& scores, const Plage& tt, const Plage& tc, const Optionnel& nombre,
                         const Optionnel& scoreMin) {
    Candidats c = lireCandidats(scores, tt, tc, nombre, scoreMin);
    return domaine([&] { return sel::coutRepresentativite(c.liste, c.prm).cout(); });
}

Plage criteresRemplacements(const Plage& scores, const Plage& tt, const Plage& tc, const Optionnel& nombre,
                            const Optionnel& scoreMin) {
    Candidats c = lireCandidats(scores, tt, tc, nombre, scoreMin);
    sel::CoutPanel cp = domaine([&] { return sel::coutRepresentativite(c.liste, c.prm); });
    Plage r(c.hauteur, 1);
    for (const sel::Remplacement& x : cp.remplacements) r.at(c.ligne[x.entrant], 0) = double(c.ligne[x.sortant] + 1);
    return r;
}

// -------------------------------------------------------- SENSIBILITE ---

Plage criteresSensibilite(const Plage& notes, const Plage& poids, const Optionnel& variation, const Optionnel& nombre,
                          const Optionnel& scoreMin, const Optionnel& typologiesTerritoire,
                          const Optionnel& typologiesCollectivite, const Optionnel& noteMax) {
    verifierTaille(notes, "notes");
    std::vector<double> w = lirePoids(poids);
    if (notes.colonnes != w.size())
        throw ErreurArgument("Les notes ont " + std::to_string(notes.colonnes) + " colonnes et il y a " +
                             std::to_string(w.size()) + " poids : une colonne de notes par poids.");
    if (w.size() > sel::kMaxCriteresSensibilite)
        throw ErreurArgument("Trop de critères de mérite (" + std::to_string(w.size()) + ") : au plus " +
                             std::to_string(sel::kMaxCriteresSensibilite) + " pour l'analyse de sensibilité.");
    sel::ParametresSensibilite prm;
    if (auto v = nombreOptionnel(variation, "variation", kTexte)) prm.variation = *v;
    if (!(prm.variation >= 0 && prm.variation < 1))
        throw ErreurArgument("L'argument « variation » doit être une fraction entre 0 et 1 exclu (0,2 = ±20 %) ; reçu " +
                             nombreSaisi(prm.variation) + ".");
    prm.panel.nombre = lireNombreCandidats(nombre);
    prm.panel.scoreMin = lireScoreMin(scoreMin);
    prm.noteMax = lireNoteMax(noteMax);
    std::vector<int> idT(notes.lignes, sel::kAucune), idC(notes.lignes, sel::kAucune);
    auto typo = [&](const Optionnel& o, const char* nom, std::vector<int>& ids) {
        if (!o || o->vide()) return;
        verifierColonne(*o, nom);
        verifierHauteur(*o, nom, notes.lignes, "notes");
        ids = lireTypologies(*o);
    };
    typo(typologiesTerritoire, "typologies_territoire", idT);
    typo(typologiesCollectivite, "typologies_collectivite", idC);

    std::vector<sel::CandidatNotes> cs;
    std::vector<std::size_t> ligne;
    for (std::size_t l = 0; l < notes.lignes; ++l) {
        bool vide = true;
        for (std::size_t j = 0; j < notes.colonnes && vide; ++j) vide = estVide(notes.at(l, j));
        if (vide) {
            if (idT[l] == sel::kAucune && idC[l] == sel::kAucune) continue;  // not a candidate
            throw ErreurArgument("Notes, " + ligneNo(l) +
                                 " : aucune note pour un candidat qui a une typologie ; saisissez ses notes ou videz la ligne.");
        }
        sel::CandidatNotes c;
        for (std::size_t j = 0; j < notes.colonnes; ++j)
            c.notes.push_back(lireNote(notes.at(l, j), "Notes, " + ligneNo(l) + ", critère " + std::to_string(j + 1)));
        c.territoire = idT[l];
        c.collectivite = idC[l];
        cs.push_back(std::move(c));
        ligne.push_back(l);
    }
    std::vector<sel::Sensibilite> s;
    try {
        s = sel::sensibilite(cs, w, prm);
    } catch (const sel::ErreurSelection& e) {
        // Domain messages number candidates among the non-blank rows: give the row.
        std::string m = e.what();
        const std::string prefixe = "Candidat ";
        if (m.compare(0, prefixe.size(), prefixe) == 0) {
            std::size_t fin = m.find(' ', prefixe.size());
            std::size_t k = std::stoul(m.substr(prefixe.size(), fin - prefixe.size()));
            if (k >= 1 && k <= ligne.size()) m = "Notes, " + ligneNo(ligne[k - 1]) + m.substr(fin);
        }
        throw ErreurArgument(m);
    }
    Plage r(notes.lignes, 3);
    for (std::size_t i = 0; i < cs.size(); ++i) {
        r.at(ligne[i], 0) = double(s[i].meilleurRang);
        r.at(ligne[i], 1) = double(s[i].pireRang);
        r.at(ligne[i], 2) = s[i].bascule ? 1.0 : 0.0;
    }
    return r;
}

}  // namespace eci::calc
