// The data of the labellisation path (docs/labellisation.md §2): the four CSV files of
// data/labellisation/, embedded at build time, read by column name.
#include <map>

#include "eci/labellisation.hpp"
#include "eci/texte.hpp"

namespace eci {
namespace detail {
extern const std::string_view kLabellisation_criteres_action;
extern const std::string_view kLabellisation_etoiles;
extern const std::string_view kLabellisation_criteres_autres;
extern const std::string_view kLabellisation_preuves;
}  // namespace detail

namespace labellisation {

namespace {

// A CSV file as a header and records; champ() reads a column by name (empty when absent).
class Table {
public:
    Table(std::string_view csv, const char* fichier) : fichier_(fichier) {
        std::size_t pos = 0;
        if (csv.size() >= 3 && (unsigned char)csv[0] == 0xEF && (unsigned char)csv[1] == 0xBB &&
            (unsigned char)csv[2] == 0xBF)
            pos = 3;
        auto entete = texte::lireEnregistrement(csv, pos);
        for (std::size_t i = 0; i < entete.size(); ++i) colonnes_[std::string(texte::rogner(entete[i]))] = i;
        while (pos < csv.size()) {
            auto f = texte::lireEnregistrement(csv, pos);
            if (f.size() == 1 && texte::rogner(f[0]).empty()) continue;
            lignes_.push_back(std::move(f));
        }
    }
    const std::vector<std::vector<std::string>>& lignes() const { return lignes_; }
    void exiger(std::initializer_list<const char*> noms) const {
        for (const char* n : noms)
            if (!colonnes_.count(n))
                throw ErreurLabellisation(std::string("Labellisation : colonne « ") + n + " » absente de " + fichier_ +
                                          ".");
    }
    std::string champ(const std::vector<std::string>& l, const char* nom) const {
        auto it = colonnes_.find(nom);
        if (it == colonnes_.end() || it->second >= l.size()) return std::string();
        return std::string(texte::rogner(l[it->second]));
    }
    std::optional<double> nombre(const std::vector<std::string>& l, const char* nom) const {
        std::string s = champ(l, nom);
        if (s.empty()) return std::nullopt;
        double v;
        if (!texte::lireNombre(s, v))
            throw ErreurLabellisation(std::string("Labellisation : « ") + s + " » n'est pas un nombre (colonne " + nom +
                                      " de " + fichier_ + ").");
        return v;
    }
    int entier(const std::vector<std::string>& l, const char* nom) const {
        auto v = nombre(l, nom);
        if (!v || *v != static_cast<int>(*v))
            throw ErreurLabellisation(std::string("Labellisation : entier attendu dans la colonne ") + nom + " de " +
                                      fichier_ + ".");
        return static_cast<int>(*v);
    }

private:
    const char* fichier_;
    std::map<std::string, std::size_t> colonnes_;
    std::vector<std::vector<std::string>> lignes_;
};

void verifierEtoile(int k, const char* fichier) {
    if (k < kEtoileMin || k > kEtoileMax)
        throw ErreurLabellisation(std::string("Labellisation : étoile ") + std::to_string(k) + " hors de 1 à 5 dans " +
                                  fichier + ".");
}

}  // namespace

Parcours Parcours::depuisCsv(std::string_view criteres, std::string_view etoiles, std::string_view autres,
                             std::string_view preuves) {
    Parcours p;
    {
        Table t(criteres, "criteres-action-eci.csv");
        t.exiger({"etoile", "prio", "action_id", "formulation", "min_realise_percentage", "min_programme_percentage"});
        for (const auto& l : t.lignes()) {
            CritereAction c;
            c.etoile = t.entier(l, "etoile");
            verifierEtoile(c.etoile, "criteres-action-eci.csv");
            c.prio = t.entier(l, "prio");
            c.actionId = t.champ(l, "action_id");
            c.identifiant = t.champ(l, "identifiant");
            if (c.identifiant.empty()) {
                auto u = c.actionId.find('_');
                c.identifiant = u == std::string::npos ? c.actionId : c.actionId.substr(u + 1);
            }
            c.formulation = t.champ(l, "formulation");
            auto r = t.nombre(l, "min_realise_percentage");
            if (!r)
                throw ErreurLabellisation("Labellisation : min_realise_percentage manquant pour " + c.actionId + ".");
            c.minRealise = *r;
            c.minProgramme = t.nombre(l, "min_programme_percentage");
            c.exigence = t.champ(l, "statut_ou_score");
            p.criteres.push_back(std::move(c));
        }
    }
    {
        Table t(etoiles, "etoiles-eci.csv");
        t.exiger({"etoile", "min_realise_percentage", "min_realise_score"});
        std::array<bool, 5> vu{};
        for (const auto& l : t.lignes()) {
            Etoile e;
            e.etoile = t.entier(l, "etoile");
            verifierEtoile(e.etoile, "etoiles-eci.csv");
            if (t.nombre(l, "prochaine_etoile")) e.prochaine = t.entier(l, "prochaine_etoile");
            e.libelleLong = t.champ(l, "long_label");
            e.libelleCourt = t.champ(l, "short_label");
            e.minRealisePourcentage = t.nombre(l, "min_realise_percentage").value_or(0);
            e.minRealiseScore = t.nombre(l, "min_realise_score").value_or(0);
            p.etoiles[(std::size_t)(e.etoile - 1)] = e;
            vu[(std::size_t)(e.etoile - 1)] = true;
        }
        for (int k = kEtoileMin; k <= kEtoileMax; ++k)
            if (!vu[(std::size_t)(k - 1)])
                throw ErreurLabellisation("Labellisation : l'étoile " + std::to_string(k) +
                                          " manque dans etoiles-eci.csv.");
    }
    {
        Table t(autres, "criteres-autres-eci.csv");
        t.exiger({"code", "libelle"});
        for (const auto& l : t.lignes())
            p.autres.push_back(ConditionAutre{t.champ(l, "code"), t.champ(l, "type"), t.champ(l, "etoiles_concernees"),
                                              t.champ(l, "libelle"), t.champ(l, "evaluation_plateforme"),
                                              t.champ(l, "bloquant_pour"), t.champ(l, "calculable_hors_ligne")});
    }
    {
        Table t(preuves, "preuves-eci.csv");
        t.exiger({"action_id", "preuve_id", "nom"});
        for (const auto& l : t.lignes())
            p.preuves.push_back(
                Preuve{t.champ(l, "action_id"), t.champ(l, "preuve_id"), t.champ(l, "nom"), t.champ(l, "description")});
    }
    return p;
}

const Etoile& Parcours::etoile(int k) const {
    if (k < kEtoileMin || k > kEtoileMax)
        throw ErreurLabellisation("L'étoile doit être un entier de 1 à 5 ; reçu " + std::to_string(k) + ".");
    return etoiles[(std::size_t)(k - 1)];
}

const Parcours& parcoursEci() {
    static const Parcours p =
        Parcours::depuisCsv(detail::kLabellisation_criteres_action, detail::kLabellisation_etoiles,
                            detail::kLabellisation_criteres_autres, detail::kLabellisation_preuves);
    return p;
}

const Parcours& parcoursSansCritere() {
    static const Parcours p = [] {
        Parcours q = parcoursEci();
        q.criteres.clear();
        q.preuves.clear();
        return q;
    }();
    return p;
}

const Parcours& parcoursPour(const Referentiel& ref) {
    return &ref == Referentiel::eci().get() ? parcoursEci() : parcoursSansCritere();
}

}  // namespace labellisation
}  // namespace eci
