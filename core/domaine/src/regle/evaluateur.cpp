// Evaluation of a compiled rule (docs/score.md §8.3); see evaluateur.hpp.
#include "regle/evaluateur.hpp"

#include <cmath>
#include <limits>

#include "regle/valeur.hpp"

namespace eci::regle::detail {

namespace {

class Evaluateur {
public:
    Evaluateur(const Noeud& p, const Contexte& c) : p_(p), ctx_(c) {}

    Valeur eval(std::int32_t i) const {
        const N& n = p_.noeuds[std::size_t(i)];
        switch (n.type) {
            case Nt::Constante: return p_.constantes[std::size_t(n.a)];
            case Nt::Si: {
                // The platform evaluates both branches before choosing.
                Valeur c = eval(n.a);
                Valeur alors = eval(n.b);
                Valeur sinon = n.c >= 0 ? eval(n.c) : Valeur{};
                return estVraiJs(c) ? alors : sinon;
            }
            case Nt::Ou: {
                Valeur r = eval(p_.enfants[n.debut]);
                for (std::uint32_t k = 1; k < n.nb; ++k) {
                    Valeur v = eval(p_.enfants[n.debut + k]);
                    if (!estVraiJs(r)) r = std::move(v);
                }
                return r;
            }
            case Nt::Et: {
                Valeur r = eval(p_.enfants[n.debut]);
                for (std::uint32_t k = 1; k < n.nb; ++k) {
                    Valeur v = eval(p_.enfants[n.debut + k]);
                    if (estVraiJs(r)) r = std::move(v);
                }
                return r;
            }
            case Nt::Comparaison: return comparer(n);
            case Nt::Somme:
            case Nt::Produit: return arithmetique(n);
            case Nt::Min:
            case Nt::Max:
                try {
                    return minMax(n);
                } catch (const ErreurEvaluation&) {
                    return Indefini{};
                }
            case Nt::Garde:
                try {
                    return eval(n.a);
                } catch (const ErreurEvaluation&) {
                    return Indefini{};
                }
            case Nt::Identite: return identite(n);
            case Nt::Reponse: return reponse(n);
            case Nt::Score: {
                const std::string& id = p_.chaines[std::size_t(n.s)];
                if (!ctx_.scores) return std::string("score(") + id + ")";
                auto it = ctx_.scores->find(id);
                if (it == ctx_.scores->end()) return Valeur{};
                return it->second;
            }
            case Nt::Referentiel: return referentiel(n);
        }
        return Valeur{};
    }

private:
    const Noeud& p_;
    const Contexte& ctx_;

    Valeur comparer(const N& n) const {
        Valeur a = eval(n.a);
        Valeur b = eval(n.b);
        if (estTexte(a) || estTexte(b)) {
            std::string s;
            ajouterTexte(s, a);
            s += " [object Object] ";  // the platform interpolates the token object
            ajouterTexte(s, b);
            return s;
        }
        if (estNulJs(a) || estNulJs(b)) return Valeur{};
        if (n.op == Jt::Egal) return egaliteStricte(a, b);
        const double x = enNombre(a), y = enNombre(b);
        switch (n.op) {
            case Jt::InfEgal: return x <= y;
            case Jt::SupEgal: return x >= y;
            case Jt::Inf: return x < y;
            default: return x > y;
        }
    }

    Valeur arithmetique(const N& n) const {
        Valeur r = eval(p_.enfants[n.debut]);
        for (std::uint32_t k = 1; k < n.nb; ++k) {
            Valeur d = eval(p_.enfants[n.debut + k]);
            const Jt op = p_.ops[std::size_t(n.c) + k - 1];
            if (estTexte(r) || estTexte(d)) {
                std::string s;
                if (estTexte(r)) s = std::move(std::get<std::string>(r));
                else ajouterTexte(s, r);
                // The platform writes " - " for both + and -.
                s += (op == Jt::Fois) ? " * " : (op == Jt::Divise) ? " / " : " - ";
                ajouterTexte(s, d);
                r = std::move(s);
            } else if (estNulJs(r) || estNulJs(d)) {
                r = Valeur{};
            } else {
                const double x = enNombre(r), y = enNombre(d);
                switch (op) {
                    case Jt::Plus: r = x + y; break;
                    case Jt::Moins: r = x - y; break;
                    case Jt::Fois: r = x * y; break;
                    default: r = x / y; break;
                }
            }
        }
        return r;
    }

    Valeur minMax(const N& n) const {
        Valeur a = eval(n.a);
        Valeur b = eval(n.b);
        const bool estMin = n.type == Nt::Min;
        if (estTexte(a) || estTexte(b)) {
            std::string s = estMin ? "min(" : "max(";
            ajouterTexte(s, a);
            s += ", ";
            ajouterTexte(s, b);
            s += ')';
            return s;
        }
        if (estNulJs(a) || estNulJs(b)) return Valeur{};
        const double x = enNombre(a), y = enNombre(b);
        if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
        if (x == 0 && y == 0) {  // Math.min(0, -0) is -0, Math.max(0, -0) is +0
            const bool negatif = estMin ? (std::signbit(x) || std::signbit(y)) : (std::signbit(x) && std::signbit(y));
            return negatif ? -0.0 : 0.0;
        }
        return estMin ? (x < y ? x : y) : (x > y ? x : y);
    }

    Valeur identite(const N& n) const {
        const std::string& champ = p_.chaines[std::size_t(n.s)];
        const Valeur arg = eval(n.a);
        if (!ctx_.identite)
            throw ErreurEvaluation("Information " + champ + " d'identité de la collectivité non trouvée");
        const Identite& id = *ctx_.identite;
        auto texteArg = [&]() {
            std::string s;
            ajouterTexte(s, arg);
            return s;
        };
        if (champ == "type") {
            const std::string v = texteArg();
            if (egalSansCasse(id.type, v)) return true;
            return egalSansCasse(v, "syndicat") && id.soustype && egalSansCasse(*id.soustype, "syndicat");
        }
        if (champ == "soustype") return id.soustype.has_value() && egalSansCasse(*id.soustype, texteArg());
        if (champ == "population") {
            if (!estTexte(arg)) return false;
            const std::string& v = std::get<std::string>(arg);
            for (const std::string& t : id.populationTags)
                if (t == v) return true;
            return false;
        }
        if (champ == "localisation") {
            const bool dom = estTexte(arg) && std::get<std::string>(arg) == "DOM";
            return id.drom.has_value() && *id.drom == dom;
        }
        if (champ == "dans_aire_urbaine") {
            const bool vrai = minusculesAscii(texteArg()) == "true";
            return id.dansAireUrbaine.has_value() && *id.dansAireUrbaine == vrai;
        }
        throw ErreurEvaluation("Champ d'identité \"" + champ + "\" non reconnu dans identite(" + champ + ", " +
                               texteArg() +
                               "). Champs autorisés : type, soustype, population, localisation, dans_aire_urbaine.");
    }

    Valeur reponse(const N& n) const {
        const std::string& q = p_.chaines[std::size_t(n.s)];
        if (n.a < 0) {
            if (!ctx_.reponses) return Valeur{};
            auto it = ctx_.reponses->find(q);
            if (it == ctx_.reponses->end()) return Indefini{};
            return it->second;
        }
        const Valeur attendu = eval(n.a);
        if (!ctx_.reponses) throw ErreurEvaluation("Reponse à la question " + q + " non trouvée");
        auto it = ctx_.reponses->find(q);
        if (it == ctx_.reponses->end()) return egaliteStricte(Valeur{Indefini{}}, attendu);
        return egaliteStricte(it->second, attendu);
    }

    Valeur referentiel(const N& n) const {
        const ArgReferentiel& arg = p_.referentiels[std::size_t(n.a)];
        if (!arg.erreur.empty()) throw ErreurEvaluation(arg.erreur);
        if (!ctx_.referentiel) return false;
        const ContexteReferentiel& c = *ctx_.referentiel;
        const bool famille = c.referentielId == arg.id || (arg.id == "te" && c.referentielId == "te-test");
        if (!famille) return false;
        if (!arg.version) return true;
        if (!c.version || c.version->empty()) return false;
        const std::optional<Semver> courante = lireSemver(*c.version);
        if (!courante)
            throw ErreurEvaluation("Version « " + *c.version +
                                   " » du référentiel courant invalide : un semver est attendu (ex: 2.1.3)");
        return comparerSemver(*courante, *arg.version) >= 0;
    }
};

}  // namespace

Valeur evaluer(const Noeud& programme, const Contexte& contexte) {
    if (programme.racine < 0) return Valeur{};
    return Evaluateur(programme, contexte).eval(programme.racine);
}

}  // namespace eci::regle::detail
