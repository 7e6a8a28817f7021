#include "eci/referentiel.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <set>

#include "eci/texte.hpp"

namespace eci {

namespace detail {
extern const std::string_view kReferentielEciCsv;
}

namespace {

// Limits on a référentiel given as a range (see construire).
constexpr std::size_t kLongueurIdentifiantMax = 100;
constexpr long kNiveauxMax = 12;

// Level names, folded ("sous-action" -> "sousaction", "tâche" -> "tache").
std::string typeCanonique(std::string_view niveau) {
    std::string p = texte::plier(niveau);
    if (p == "referentiel") return "referentiel";
    if (p == "axe") return "axe";
    if (p == "sousaxe") return "sous-axe";
    if (p == "action" || p == "mesure") return "action";
    if (p == "sousaction") return "sous-action";
    if (p == "tache") return "tache";
    if (p == "exemple") return "exemple";
    return std::string();
}

using texte::lireEnregistrement;

std::optional<double> nombreOptionnel(const std::string& s, const std::string& quoi, const std::string& id) {
    if (texte::rogner(s).empty()) return std::nullopt;
    double v;
    if (!texte::lireNombre(s, v))
        throw ErreurReferentiel("Référentiel : valeur de " + quoi + " illisible pour le nœud « " + id +
                                " » : « " + s + " »");
    return v;
}

// Collect question ids used by reponse(q...) in a rule text.
void questionsDe(const std::string& regle, std::set<std::string>& out) {
    std::string bas = regle;
    for (char& c : bas) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t p = 0;
    while ((p = bas.find("reponse", p)) != std::string::npos) {
        p += 7;
        std::size_t q = p;
        while (q < regle.size() && (regle[q] == ' ' || regle[q] == '\t' || regle[q] == '\n' || regle[q] == '\r')) ++q;
        if (q >= regle.size() || regle[q] != '(') continue;
        ++q;
        while (q < regle.size() && (regle[q] == ' ' || regle[q] == '\t')) ++q;
        std::size_t d = q;
        while (q < regle.size() && (std::isalnum(static_cast<unsigned char>(regle[q])) || regle[q] == '_' ||
                                    regle[q] == '.' || regle[q] == '-'))
            ++q;
        if (q > d) out.insert(regle.substr(d, q - d));
    }
}

}  // namespace

bool identifiantAvant(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        std::size_t fi = a.find('.', i), fj = b.find('.', j);
        if (fi == std::string_view::npos) fi = a.size();
        if (fj == std::string_view::npos) fj = b.size();
        std::string_view pa = a.substr(i, fi - i), pb = b.substr(j, fj - j);
        bool na = !pa.empty() && std::all_of(pa.begin(), pa.end(), [](char c) { return c >= '0' && c <= '9'; });
        bool nb = !pb.empty() && std::all_of(pb.begin(), pb.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (na && nb) {
            // numeric compare without overflow: strip leading zeros, then length, then lexicographic
            auto strip = [](std::string_view s) {
                std::size_t k = 0;
                while (k + 1 < s.size() && s[k] == '0') ++k;
                return s.substr(k);
            };
            std::string_view sa = strip(pa), sb = strip(pb);
            if (sa.size() != sb.size()) return sa.size() < sb.size();
            if (sa != sb) return sa < sb;
        } else if (pa != pb) {
            return pa < pb;
        }
        i = fi + 1;
        j = fj + 1;
        if (fi == a.size() || fj == b.size()) {
            return fi == a.size() && fj != b.size();
        }
    }
    return a.size() < b.size();
}

std::shared_ptr<const Referentiel> Referentiel::construire(std::vector<LigneReferentiel> lignes,
                                                           const std::string& prefixe) {
    auto ref = std::make_shared<Referentiel>();
    ref->prefixe_ = prefixe;
    if (lignes.empty()) throw ErreurReferentiel("Référentiel vide : aucune ligne.");

    // 1. Nodes and their ids. The root is the row with a blank identifiant.
    struct Brut {
        LigneReferentiel l;
        std::string id, type;
    };
    std::vector<Brut> bruts;
    bruts.reserve(lignes.size());
    int racines = 0;
    for (auto& l : lignes) {
        Brut b;
        b.l = std::move(l);
        b.l.identifiant = std::string(texte::rogner(b.l.identifiant));
        if (b.l.identifiant.rfind(prefixe + "_", 0) == 0) b.l.identifiant.erase(0, prefixe.size() + 1);
        // The tree is walked recursively and identifiants are compared component by component:
        // bound both (the ECi référentiel has 4 levels below its root, identifiants of 7 characters).
        if (b.l.identifiant.size() > kLongueurIdentifiantMax ||
            std::count(b.l.identifiant.begin(), b.l.identifiant.end(), '.') >= kNiveauxMax)
            throw ErreurReferentiel("Référentiel : identifiant « " + texte::abreger(b.l.identifiant, 40) + " » trop long (au plus " +
                                    std::to_string(kNiveauxMax) + " niveaux et " +
                                    std::to_string(kLongueurIdentifiantMax) + " caractères).");
        b.type = typeCanonique(b.l.niveau);
        if (b.l.identifiant.empty()) {
            ++racines;
            b.id = prefixe;
            if (b.type.empty()) b.type = "referentiel";
        } else {
            b.id = prefixe + "_" + b.l.identifiant;
        }
        if (b.type.empty())
            throw ErreurReferentiel("Référentiel : niveau inconnu « " + b.l.niveau + " » pour le nœud « " +
                                    b.l.identifiant + " » (attendu : référentiel, axe, sous-axe, action, "
                                    "sous-action, tâche).");
        if (b.type == "exemple") continue;  // excluded from scoring
        bruts.push_back(std::move(b));
    }
    if (racines == 0) {
        // A range without the root row: add it (its points are derived anyway).
        Brut b;
        b.id = prefixe;
        b.type = "referentiel";
        bruts.push_back(std::move(b));
    } else if (racines > 1) {
        throw ErreurReferentiel("Référentiel : plusieurs lignes sans identifiant (une seule racine attendue).");
    }

    // Sort: root first, then by identifiant (numeric components): this is a pre-order.
    std::stable_sort(bruts.begin(), bruts.end(), [](const Brut& a, const Brut& b) {
        if (a.l.identifiant.empty() != b.l.identifiant.empty()) return a.l.identifiant.empty();
        return identifiantAvant(a.l.identifiant, b.l.identifiant);
    });

    auto& noeuds = ref->noeuds_;
    noeuds.reserve(bruts.size());
    for (std::size_t i = 0; i < bruts.size(); ++i) {
        Brut& b = bruts[i];
        if (ref->parId_.count(b.id))
            throw ErreurReferentiel("Référentiel : identifiant en double « " + b.l.identifiant + " ».");
        Noeud n;
        n.id = b.id;
        n.identifiant = b.l.identifiant;
        n.type = b.type;
        n.nom = b.l.nom;
        n.categorie = b.l.categorie;
        // §1.2: source values kept only for actions, sous-actions and tâches.
        if (n.type == "action" || n.type == "sous-action" || n.type == "tache") {
            n.pointsSource = b.l.points;
            n.pourcentageSource = b.l.pourcentage;
        }
        ref->parId_[n.id] = static_cast<int>(i);
        if (!b.l.identifiant.empty()) ref->parId_[b.l.identifiant] = static_cast<int>(i);
        if (!b.l.actionId.empty()) ref->parId_[b.l.actionId] = static_cast<int>(i);
        noeuds.push_back(std::move(n));
    }
    // Parents: the identifiant without its last ".n" component; top-level nodes under the root.
    for (std::size_t i = 1; i < noeuds.size(); ++i) {
        const std::string& ident = noeuds[i].identifiant;
        std::size_t p = ident.rfind('.');
        int parent = 0;
        if (p != std::string::npos) {
            auto it = ref->parId_.find(prefixe + "_" + ident.substr(0, p));
            if (it == ref->parId_.end())
                throw ErreurReferentiel("Référentiel : le parent « " + ident.substr(0, p) + " » du nœud « " + ident +
                                        " » est absent.");
            parent = it->second;
        }
        noeuds[i].parent = parent;
        noeuds[static_cast<std::size_t>(parent)].enfants.push_back(static_cast<int>(i));
    }
    // Depth and subtree sizes (pre-order: a parent precedes its children).
    for (std::size_t i = 1; i < noeuds.size(); ++i)
        noeuds[i].niveau = noeuds[static_cast<std::size_t>(noeuds[i].parent)].niveau + 1;
    for (std::size_t i = noeuds.size(); i-- > 1;)
        noeuds[static_cast<std::size_t>(noeuds[i].parent)].taille += noeuds[i].taille;
    // Check the pre-order property (holds when identifiants are well formed).
    for (std::size_t i = 1; i < noeuds.size(); ++i) {
        int p = noeuds[i].parent;
        if (!(p < static_cast<int>(i) && static_cast<int>(i) < p + noeuds[static_cast<std::size_t>(p)].taille))
            throw ErreurReferentiel("Référentiel : identifiant mal formé « " + noeuds[i].identifiant + " ».");
    }

    // 2. Points derivation (§1.3), recursive from the root, exact order of operations.
    std::function<void(int)> attacher = [&](int pi) {
        Noeud& P = noeuds[static_cast<std::size_t>(pi)];
        const std::vector<int> C = P.enfants;
        if (C.empty()) return;
        for (int ci : C) {
            Noeud& c = noeuds[static_cast<std::size_t>(ci)];
            c.points = c.pointsSource;
            c.pourcentage = c.pourcentageSource;
        }
        bool partEgale = std::all_of(C.begin(), C.end(), [&](int ci) {
            const Noeud& c = noeuds[static_cast<std::size_t>(ci)];
            return (!c.pourcentage || *c.pourcentage == 0) && !c.points;
        });
        bool unPourcentage = std::any_of(C.begin(), C.end(), [&](int ci) {
            const Noeud& c = noeuds[static_cast<std::size_t>(ci)];
            return c.pourcentage && *c.pourcentage != 0;
        });
        if (partEgale) {
            int n = 0;
            for (int ci : C)
                if (!noeuds[static_cast<std::size_t>(ci)].pourcentage) ++n;
            for (int ci : C) {
                Noeud& c = noeuds[static_cast<std::size_t>(ci)];
                if (!c.pourcentage) c.pourcentage = 100.0 / n;
            }
        } else if (unPourcentage) {
            double total = 0;
            for (int ci : C) total += noeuds[static_cast<std::size_t>(ci)].pourcentage.value_or(0.0);
            if (total != 100.0)
                throw ErreurReferentiel("Référentiel : les pourcentages des enfants de « " +
                                        (P.identifiant.empty() ? std::string("la racine") : P.identifiant) +
                                        " » font " + texte::nombreFr(total) + " % au lieu de 100 %.");
        }
        for (int ci : C) {
            Noeud& c = noeuds[static_cast<std::size_t>(ci)];
            Noeud& Pp = noeuds[static_cast<std::size_t>(pi)];
            if (!c.points && c.pourcentage && Pp.points) c.points = (*Pp.points * *c.pourcentage) / 100.0;
            attacher(ci);
        }
        Noeud& P2 = noeuds[static_cast<std::size_t>(pi)];
        if (!P2.points) {
            double s = 0;
            for (int ci : C) s += noeuds[static_cast<std::size_t>(ci)].points.value_or(0.0);
            P2.points = s;
        }
        for (int ci : C) {
            Noeud& c = noeuds[static_cast<std::size_t>(ci)];
            if (c.points && *c.points != 0 && *P2.points != 0) c.pourcentage = *c.points / *P2.points * 100.0;
        }
    };
    noeuds[0].points = noeuds[0].pointsSource;
    attacher(0);

    // 3. Action level (§5.5): depth of the "action" nodes; without any, every level redistributes.
    ref->niveauAction_ = 0;
    for (const Noeud& n : noeuds)
        if (n.type == "action") { ref->niveauAction_ = n.niveau; break; }

    // 4. Rules, parsed once.
    std::set<std::string> questions;
    for (std::size_t i = 0; i < bruts.size(); ++i) {
        const LigneReferentiel& l = bruts[i].l;
        ReglesNoeud r;
        r.desactivation = std::string(texte::rogner(l.desactivation));
        r.reduction = std::string(texte::rogner(l.reduction));
        r.score = std::string(texte::rogner(l.score));
        if (r.vide()) continue;
        auto analyser = [&](const std::string& t, const char* quoi) -> std::optional<regle::Expression> {
            if (t.empty()) return std::nullopt;
            try {
                return regle::Expression::analyser(t);
            } catch (const regle::ErreurSyntaxe& e) {
                throw ErreurReferentiel("Référentiel : règle de " + std::string(quoi) + " du nœud « " +
                                        noeuds[i].identifiant + " » illisible : " + e.what());
            }
        };
        r.exprDesactivation = analyser(r.desactivation, "désactivation");
        r.exprReduction = analyser(r.reduction, "réduction");
        r.exprScore = analyser(r.score, "score");
        questionsDe(r.desactivation, questions);
        questionsDe(r.reduction, questions);
        questionsDe(r.score, questions);
        noeuds[i].regles = static_cast<int>(ref->regles_.size());
        ref->regles_.push_back(std::move(r));
    }
    ref->questions_.assign(questions.begin(), questions.end());
    return ref;
}

std::shared_ptr<const Referentiel> Referentiel::depuisCsv(std::string_view csv) {
    std::size_t pos = 0;
    if (csv.size() >= 3 && (unsigned char)csv[0] == 0xEF && (unsigned char)csv[1] == 0xBB &&
        (unsigned char)csv[2] == 0xBF)
        pos = 3;
    std::vector<std::string> entete = lireEnregistrement(csv, pos);
    auto colonne = [&](const char* nom) -> int {
        for (std::size_t i = 0; i < entete.size(); ++i)
            if (texte::plier(entete[i]) == texte::plier(nom)) return static_cast<int>(i);
        return -1;
    };
    int cId = colonne("identifiant"), cNiv = colonne("niveau"), cNom = colonne("nom"), cPts = colonne("points"),
        cPct = colonne("pourcentage"), cCat = colonne("categorie"), cDes = colonne("desactivation"),
        cRed = colonne("reduction"), cSco = colonne("score"), cAct = colonne("action_id");
    if (cId < 0 || cNiv < 0 || cPts < 0 || cPct < 0)
        throw ErreurReferentiel("Référentiel CSV : colonnes identifiant, niveau, points et pourcentage requises.");
    std::vector<LigneReferentiel> lignes;
    while (pos < csv.size()) {
        std::vector<std::string> f = lireEnregistrement(csv, pos);
        if (f.size() == 1 && texte::rogner(f[0]).empty()) continue;
        auto champ = [&](int c) -> std::string { return c >= 0 && c < (int)f.size() ? f[(std::size_t)c] : ""; };
        LigneReferentiel l;
        l.identifiant = champ(cId);
        l.niveau = champ(cNiv);
        l.nom = champ(cNom);
        l.categorie = champ(cCat);
        l.points = nombreOptionnel(champ(cPts), "points", l.identifiant);
        l.pourcentage = nombreOptionnel(champ(cPct), "pourcentage", l.identifiant);
        l.desactivation = champ(cDes);
        l.reduction = champ(cRed);
        l.score = champ(cSco);
        l.actionId = champ(cAct);
        lignes.push_back(std::move(l));
    }
    return construire(std::move(lignes), "eci");
}

std::shared_ptr<const Referentiel> Referentiel::eci() {
    static const std::shared_ptr<const Referentiel> ref = depuisCsv(detail::kReferentielEciCsv);
    return ref;
}

int Referentiel::index(std::string_view id) const {
    std::string_view t = texte::rogner(id);
    if (t.empty()) return 0;
    auto it = parId_.find(std::string(t));
    if (it != parId_.end()) return it->second;
    // Accept a trailing ".0"-free numeric written by a number cell, e.g. "1" or "1.1".
    return -1;
}

}  // namespace eci

namespace eci {

std::shared_ptr<const Referentiel> Referentiel::depuisArbre(const std::vector<NoeudDonne>& donnes) {
    auto ref = std::make_shared<Referentiel>();
    std::unordered_map<std::string, std::vector<std::size_t>> enfantsDe;
    std::size_t racine = donnes.size();
    for (std::size_t i = 0; i < donnes.size(); ++i) {
        if (donnes[i].parent.empty()) {
            if (racine != donnes.size()) throw ErreurReferentiel("Arbre : plusieurs racines.");
            racine = i;
        } else {
            enfantsDe[donnes[i].parent].push_back(i);
        }
    }
    if (racine == donnes.size()) throw ErreurReferentiel("Arbre : pas de racine.");
    ref->prefixe_ = donnes[racine].id;
    // Depth-first, children in the given order: pre-order indices.
    struct Cadre { std::size_t donne; int parent; };
    std::vector<Cadre> pile{{racine, -1}};
    while (!pile.empty()) {
        Cadre c = pile.back();
        pile.pop_back();
        const NoeudDonne& d = donnes[c.donne];
        Noeud n;
        n.id = d.id;
        n.identifiant = d.id.rfind(ref->prefixe_ + "_", 0) == 0 ? d.id.substr(ref->prefixe_.size() + 1)
                                                                  : (c.parent < 0 ? "" : d.id);
        n.type = d.type;
        n.points = d.points;
        n.parent = c.parent;
        int idx = static_cast<int>(ref->noeuds_.size());
        if (c.parent >= 0) {
            n.niveau = ref->noeuds_[static_cast<std::size_t>(c.parent)].niveau + 1;
            ref->noeuds_[static_cast<std::size_t>(c.parent)].enfants.push_back(idx);
        }
        ref->parId_[n.id] = idx;
        if (!n.identifiant.empty()) ref->parId_[n.identifiant] = idx;
        ref->noeuds_.push_back(std::move(n));
        auto it = enfantsDe.find(d.id);
        if (it != enfantsDe.end())
            for (auto k = it->second.rbegin(); k != it->second.rend(); ++k) pile.push_back({*k, idx});
    }
    if (ref->noeuds_.size() != donnes.size()) throw ErreurReferentiel("Arbre : nœuds orphelins.");
    for (std::size_t i = ref->noeuds_.size(); i-- > 1;)
        ref->noeuds_[static_cast<std::size_t>(ref->noeuds_[i].parent)].taille += ref->noeuds_[i].taille;
    for (const Noeud& n : ref->noeuds_)
        if (n.type == "action") { ref->niveauAction_ = n.niveau; break; }
    return ref;
}

}  // namespace eci
