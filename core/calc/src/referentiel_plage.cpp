// The référentiel passed as a range (referentiel_plage.hpp).
#include "referentiel_plage.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cache.hpp"
#include "eci/calc/arguments.hpp"
#include "eci/texte.hpp"

namespace eci::calc {

namespace {

using texte::plier;

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
        double v;
        if (nombreDe(c, v)) return v;  // a finite number, or a text that reads as one
        // (a NaN or an infinity, which a program can pass though no cell holds one, gave NaN points)
        throw ErreurArgument("Référentiel, " + ligneNo(l) + " : « " + nom +
                             (std::holds_alternative<double>(c) ? " » doit être un nombre fini (« "
                                                                : " » n'est pas un nombre (« ") +
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

}  // namespace

ReferentielArgument::ReferentielArgument(std::shared_ptr<const Referentiel> r) : ref(std::move(r)) {
    idDirect.resize(ref->taille());
    for (std::size_t j = 0; j < ref->taille(); ++j) idDirect[j] = ref->index(ref->noeud((int)j).id) == (int)j;
}

int ReferentielArgument::index(const Cellule& c, std::size_t attendu) const {
    if (const std::string* s = std::get_if<std::string>(&c)) {
        const std::string_view t = texte::rogner(*s);
        if (attendu < idDirect.size() && idDirect[attendu] && t == ref->noeud((int)attendu).id) return (int)attendu;
        return ref->index(t);
    }
    return indexNoeud(*ref, c);
}

std::shared_ptr<const ReferentielArgument> referentielArgument(const Optionnel& o) {
    if (absent(o)) {
        static const auto eci = std::make_shared<const ReferentielArgument>(Referentiel::eci());
        return eci;
    }
    static std::mutex m;
    static std::uint64_t cle = 0;
    static Plage derniere;
    static std::shared_ptr<const ReferentielArgument> dernier;
    std::uint64_t h = empreinte(*o);
    std::lock_guard<std::mutex> verrou(m);
    if (dernier && h == cle && derniere.cellules == o->cellules && derniere.colonnes == o->colonnes) return dernier;
    auto ref = std::make_shared<const ReferentielArgument>(referentielDePlage(*o));
    cle = h;
    derniere = *o;
    dernier = ref;
    return ref;
}

int indexNoeud(const Referentiel& ref, const Cellule& c) { return ref.index(texteDe(c)); }

int noeudRequis(const Referentiel& ref, const Cellule& id) {
    if (estVide(id) || texte::rogner(texteDe(id)).empty())
        throw ErreurArgument("Identifiant vide : indiquez un nœud (1, 1.1, 1.1.1…) ou « " + ref.prefixe() +
                             " » pour le référentiel entier.");
    const int i = indexNoeud(ref, id);
    if (i < 0) throw ErreurArgument("Identifiant inconnu : « " + texteDe(id) + " ».");
    return i;
}

}  // namespace eci::calc
