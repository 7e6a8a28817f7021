// Parser of the rule language (docs/score.md §8.2); see analyseur.hpp.
// referentiel(x) arguments are checked here once (known référentiel, valid
// semver); an invalid one is kept as an error raised when it is evaluated,
// as the platform does.
#include "regle/analyseur.hpp"

#include <algorithm>

#include "regle/lexeur.hpp"
#include "regle/semver.hpp"

namespace eci::regle::detail {

namespace {

constexpr int kProfondeurMax = 200;  // nested si / parentheses / min / max

constexpr const char* kReferentielsConnus[] = {"cae", "eci", "te", "te-test"};
constexpr const char* kListeReferentiels = "cae, eci, te, te-test";

ArgReferentiel analyserArgReferentiel(const std::string& arg) {
    ArgReferentiel r;
    auto connu = [](std::string_view id) {
        for (const char* k : kReferentielsConnus)
            if (id == k) return true;
        return false;
    };
    const std::size_t us = arg.find('_');
    if (us == std::string::npos) {
        if (!connu(arg))
            r.erreur = "Référentiel \"" + arg + "\" inconnu dans referentiel(" + arg +
                       "). Référentiels autorisés : " + kListeReferentiels + ".";
        else
            r.id = arg;
        return r;
    }
    const std::string id = arg.substr(0, us);
    const std::string version = arg.substr(us + 1);
    if (!connu(id)) {
        r.erreur = "Référentiel \"" + id + "\" inconnu dans referentiel(" + arg +
                   "). Référentiels autorisés : " + kListeReferentiels + ".";
        return r;
    }
    r.version = version.empty() ? std::nullopt : lireSemver(version);
    if (!r.version) {
        r.erreur = "Version \"" + version + "\" invalide dans referentiel(" + arg +
                   "). La version doit être un semver valide (ex: 2.1.3).";
        return r;
    }
    r.id = id;
    return r;
}

class Analyseur {
public:
    explicit Analyseur(std::string_view texte) : texte_(texte), jetons_(decouper(texte)) {}

    std::shared_ptr<const Noeud> analyser() {
        prog_ = std::make_shared<Noeud>();
        prog_->noeuds.reserve(jetons_.size());
        prog_->racine = instruction();
        if (courant().type != Jt::Fin)
            erreur("« " + image(courant()) + " » inattendu : la règle est complète avant ce point", courant());
        return prog_;
    }

private:
    std::string_view texte_;
    std::vector<Jeton> jetons_;
    std::size_t pos_ = 0;
    int profondeur_ = 0;
    std::shared_ptr<Noeud> prog_;

    const Jeton& courant() const { return jetons_[pos_]; }
    Jt type() const { return jetons_[pos_].type; }

    std::string image(const Jeton& j) const { return std::string(texte_.substr(j.debut, j.taille)); }

    // "mais « x » trouvé" / "mais la règle s'arrête là".
    std::string trouve(const Jeton& j) const {
        if (j.type == Jt::Fin) return "mais la règle s'arrête là";
        return "mais « " + image(j) + " » trouvé";
    }

    // 1-based position in characters (UTF-8 code points).
    std::size_t position(const Jeton& j) const {
        std::size_t p = 1;
        for (std::size_t i = 0; i < j.debut && i < texte_.size(); ++i)
            if ((static_cast<unsigned char>(texte_[i]) & 0xC0) != 0x80) ++p;
        return p;
    }

    [[noreturn]] void erreur(const std::string& quoi, const Jeton& j) const {
        std::string m = "Règle illisible : " + quoi + ", position " + std::to_string(position(j));
        // Hint for the lexer quirk: a name glued to a keyword prefix (etat_x,
        // siren...), at or before the error.
        const std::size_t ij = std::size_t(&j - jetons_.data());
        for (std::size_t k = std::min(ij + 1, jetons_.size() - 1); k >= 1; --k) {
            const Jeton& nom = jetons_[k];
            const Jeton& mc = jetons_[k - 1];
            if (nom.type == Jt::Nom && estMotCle(mc.type) && mc.debut + mc.taille == nom.debut) {
                m += " (attention : « " + image(mc) + image(nom) + " » est lu comme le mot-clé « " + nomJeton(mc.type) +
                     " » suivi de « " + image(nom) + " » ; un nom ne peut pas commencer par un mot-clé)";
                break;
            }
        }
        throw ErreurSyntaxe(m);
    }

    void attendre(Jt t, const char* quoi, const char* contexte) {
        if (type() != t) erreur(std::string(quoi) + " attendu " + contexte + ", " + trouve(courant()), courant());
        ++pos_;
    }

    void entrer() {
        if (++profondeur_ > kProfondeurMax)
            throw ErreurSyntaxe("Règle trop imbriquée : plus de " + std::to_string(kProfondeurMax) +
                                " niveaux de « si », de parenthèses ou de min/max, position " +
                                std::to_string(position(courant())));
    }
    void sortir() { --profondeur_; }

    std::int32_t ajouter(const N& n) {
        prog_->noeuds.push_back(n);
        return std::int32_t(prog_->noeuds.size() - 1);
    }

    std::int32_t chaine(std::string s) {
        prog_->chaines.push_back(std::move(s));
        return std::int32_t(prog_->chaines.size() - 1);
    }

    std::int32_t constante(Valeur v) {
        prog_->constantes.push_back(std::move(v));
        N n{Nt::Constante};
        n.a = std::int32_t(prog_->constantes.size() - 1);
        return ajouter(n);
    }

    std::int32_t liste(Nt t, const std::vector<std::int32_t>& elems, const std::vector<Jt>* ops = nullptr) {
        N n{t};
        n.debut = std::uint32_t(prog_->enfants.size());
        n.nb = std::uint32_t(elems.size());
        prog_->enfants.insert(prog_->enfants.end(), elems.begin(), elems.end());
        if (ops) {
            n.c = std::int32_t(prog_->ops.size());
            prog_->ops.insert(prog_->ops.end(), ops->begin(), ops->end());
        }
        return ajouter(n);
    }

    // statement := if_stmt | expression
    std::int32_t instruction() {
        entrer();
        std::int32_t r;
        if (type() == Jt::Si) {
            ++pos_;
            N n{Nt::Si};
            n.a = expression();
            attendre(Jt::Alors, "« alors »", "après la condition du « si »");
            n.b = instruction();
            if (type() == Jt::Sinon) {  // dangling sinon: nearest si
                ++pos_;
                n.c = instruction();
            }
            r = ajouter(n);
        } else {
            r = expression();
        }
        sortir();
        return r;
    }

    std::int32_t expression() { return ou(); }

    std::int32_t ou() {
        std::int32_t premier = et();
        if (type() != Jt::Ou) return premier;
        std::vector<std::int32_t> elems{premier};
        while (type() == Jt::Ou) {
            ++pos_;
            elems.push_back(et());
        }
        return liste(Nt::Ou, elems);
    }

    std::int32_t et() {
        std::int32_t premier = comparaison();
        if (type() != Jt::Et) return premier;
        std::vector<std::int32_t> elems{premier};
        while (type() == Jt::Et) {
            ++pos_;
            elems.push_back(comparaison());
        }
        return liste(Nt::Et, elems);
    }

    static bool estComparateur(Jt t) {
        return t == Jt::Egal || t == Jt::InfEgal || t == Jt::SupEgal || t == Jt::Inf || t == Jt::Sup;
    }

    // compare := term (CMP term)*, only the first operator counts.
    std::int32_t comparaison() {
        std::int32_t premier = terme();
        if (!estComparateur(type())) return premier;
        N n{Nt::Comparaison};
        n.a = premier;
        n.op = type();
        ++pos_;
        n.b = terme();
        while (estComparateur(type())) {  // parsed, never evaluated
            ++pos_;
            terme();
        }
        return ajouter(n);
    }

    std::int32_t terme() {
        std::int32_t premier = facteur();
        if (type() != Jt::Plus && type() != Jt::Moins) return premier;
        std::vector<std::int32_t> elems{premier};
        std::vector<Jt> ops;
        while (type() == Jt::Plus || type() == Jt::Moins) {
            ops.push_back(type());
            ++pos_;
            elems.push_back(facteur());
        }
        return liste(Nt::Somme, elems, &ops);
    }

    std::int32_t facteur() {
        std::int32_t premier = appel();
        if (type() != Jt::Fois && type() != Jt::Divise) return premier;
        std::vector<std::int32_t> elems{premier};
        std::vector<Jt> ops;
        while (type() == Jt::Fois || type() == Jt::Divise) {
            ops.push_back(type());
            ++pos_;
            elems.push_back(appel());
        }
        return liste(Nt::Produit, elems, &ops);
    }

    std::string nomAttendu(const char* fonction, const char* role) {
        if (type() != Jt::Nom) {
            std::string quoi = std::string(role) + " attendu dans " + fonction + "(…)";
            erreur(quoi + ", " + trouve(courant()), courant());
        }
        return image(jetons_[pos_++]);
    }

    std::int32_t appel() {
        switch (type()) {
            case Jt::Identite: {
                ++pos_;
                attendre(Jt::ParG, "« ( »", "après « identite »");
                N n{Nt::Identite};
                n.s = chaine(nomAttendu("identite", "un nom de champ (type, soustype, population…)"));
                attendre(Jt::Virgule, "« , »", "après le champ de identite(…)");
                n.a = primaire(false);
                attendre(Jt::ParD, "« ) »", "pour fermer identite(…)");
                return ajouter(n);
            }
            case Jt::Reponse: {
                ++pos_;
                attendre(Jt::ParG, "« ( »", "après « reponse »");
                N n{Nt::Reponse};
                n.s = chaine(nomAttendu("reponse", "un identifiant de question"));
                if (type() == Jt::Virgule) {
                    ++pos_;
                    n.a = primaire(false);
                }
                attendre(Jt::ParD, "« ) »", "pour fermer reponse(…)");
                return ajouter(n);
            }
            case Jt::Score: {
                ++pos_;
                attendre(Jt::ParG, "« ( »", "après « score »");
                N n{Nt::Score};
                n.s = chaine(nomAttendu("score", "un identifiant d'action"));
                attendre(Jt::ParD, "« ) »", "pour fermer score(…)");
                return ajouter(n);
            }
            case Jt::Referentiel: {
                ++pos_;
                attendre(Jt::ParG, "« ( »", "après « referentiel »");
                N n{Nt::Referentiel};
                std::string arg = nomAttendu("referentiel", "un identifiant de référentiel");
                prog_->referentiels.push_back(analyserArgReferentiel(arg));
                n.a = std::int32_t(prog_->referentiels.size() - 1);
                n.s = chaine(std::move(arg));
                attendre(Jt::ParD, "« ) »", "pour fermer referentiel(…)");
                return ajouter(n);
            }
            case Jt::Min:
            case Jt::Max: {
                const bool estMin = type() == Jt::Min;
                entrer();
                ++pos_;
                attendre(Jt::ParG, "« ( »", estMin ? "après « min »" : "après « max »");
                N n{estMin ? Nt::Min : Nt::Max};
                n.a = terme();
                attendre(Jt::Virgule, "« , »", estMin ? "entre les deux valeurs de min(…)" : "entre les deux valeurs de max(…)");
                n.b = terme();
                attendre(Jt::ParD, "« ) »", estMin ? "pour fermer min(…)" : "pour fermer max(…)");
                sortir();
                return ajouter(n);
            }
            default:
                return primaire(true);
        }
    }

    // primary := '(' statement ')' | VRAI | FAUX | OUI | NON | CNAME | NUMBER
    std::int32_t primaire(bool garde) {
        const Jeton& j = courant();
        switch (j.type) {
            case Jt::ParG: {
                ++pos_;
                std::int32_t r = instruction();
                attendre(Jt::ParD, "« ) »", "pour fermer la parenthèse");
                if (!garde) return r;
                N n{Nt::Garde};
                n.a = r;
                return ajouter(n);
            }
            case Jt::Vrai:
            case Jt::Oui: ++pos_; return constante(true);
            case Jt::Faux:
            case Jt::Non: ++pos_; return constante(false);
            case Jt::Nom: ++pos_; return constante(image(j));
            case Jt::Nombre: ++pos_; return constante(lireNombre(texte_.substr(j.debut, j.taille)));
            default: break;
        }
        std::string quoi =
            "valeur attendue (nombre, nom, vrai, faux, oui, non, fonction ou parenthèse), " + trouve(j);
        if (j.type == Jt::Moins) quoi += " (il n'y a pas de nombre négatif ni de moins unaire : écrire 0 - x)";
        erreur(quoi, j);
    }
};

}  // namespace

std::shared_ptr<const Noeud> analyser(std::string_view texte) { return Analyseur(texte).analyser(); }

}  // namespace eci::regle::detail
