// Reading the `contexte` argument (contexte.hpp).
#include "contexte.hpp"

#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "eci/calc/arguments.hpp"
#include "eci/texte.hpp"

namespace eci::calc {

namespace {

using texte::plier;

std::optional<bool> ouiNonValeur(OuiNon on) {
    if (on == OuiNon::oui) return true;
    if (on == OuiNon::non) return false;
    return std::nullopt;
}

const std::set<std::string>& questionsBinairesEci() {
    static const std::set<std::string> q = {"SPASER", "dechets_1", "dechets_2", "dechets_3",
                                            "REOM", "dev_eco_1", "formation"};
    return q;
}

// The known questions, folded key -> id: the ECi's binary questions and those of the référentiel.
struct Questions {
    std::vector<std::string> duReferentiel;
    std::map<std::string, std::string> parCle;
};

// Built once per set of questions (a sheet reads the same référentiel again and again).
std::shared_ptr<const Questions> questionsDe(const Referentiel* ref) {
    static const std::vector<std::string> aucune;
    const std::vector<std::string>& q = ref ? ref->questions() : aucune;
    static std::mutex m;
    static std::shared_ptr<const Questions> derniere;
    std::lock_guard<std::mutex> verrou(m);
    if (derniere && derniere->duReferentiel == q) return derniere;
    auto n = std::make_shared<Questions>();
    n->duReferentiel = q;
    for (const std::string& b : questionsBinairesEci()) n->parCle[plier(b)] = b;
    for (const std::string& b : q) n->parCle[plier(b)] = b;
    derniere = n;
    return n;
}

}  // namespace

ContexteLu lireContexte(const Optionnel& o, const Referentiel* ref, bool libre) {
    ContexteLu r;
    r.ctx.reponses.emplace();
    regle::Identite id;  // unknown identity: every identite() test is false
    if (absent(o)) {
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
    const std::shared_ptr<const Questions> questionsLues = questionsDe(ref);
    const std::map<std::string, std::string>& questions = questionsLues->parCle;
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
        auto ou = [&] { return "Contexte, " + ligneNo(l) + " : "; };  // only for a problem
        if (!vues.insert(cle).second) {
            r.problemes.push_back(ou() + "la clé « " + cleTexte + " » apparaît deux fois.");
            continue;
        }
        if (cle == "type") {
            if (estVide(v)) continue;
            std::string t = plier(texteDe(v));
            if (t == "commune") id.type = "commune";
            else if (t == "epci") id.type = "EPCI";
            else { r.problemes.push_back(ou() + "type « " + texteDe(v) + " » inconnu (attendu : commune ou EPCI)."); continue; }
            typeDonne = true;
        } else if (cle == "soustype") {
            if (estVide(v)) continue;
            std::string t = plier(texteDe(v));
            if (t == "epciafiscalitepropre") id.soustype = "epci_a_fiscalite_propre";
            else if (t == "syndicat") id.soustype = "syndicat";
            else if (t == "pole") id.soustype = "pole";
            else r.problemes.push_back(ou() + "sous-type « " + texteDe(v) +
                                       " » inconnu (attendu : epci_a_fiscalite_propre, syndicat ou pole).");
        } else if (cle == "population") {
            if (estVide(v)) continue;
            double n;
            if (!nombreDe(v, n) || n < 0)
                r.problemes.push_back(ou() + "population « " + texteDe(v) + " » : un nombre d'habitants positif est attendu.");
            else id.populationTags = regle::tagsPopulation(n);
        } else if (cle == "drom" || cle == "dom" || cle == "localisation") {
            const OuiNon on = lireOuiNon(v);
            const bool invalide = on == OuiNon::invalide;
            const std::optional<bool> b = ouiNonValeur(on);
            if (cle == "localisation" && !estVide(v)) {
                std::string t = plier(texteDe(v));
                if (t == "dom" || t == "drom") { id.drom = true; continue; }
                if (t == "metropole") { id.drom = false; continue; }
            }
            if (invalide) r.problemes.push_back(ou() + "DROM « " + texteDe(v) + " » : OUI ou NON attendu.");
            else id.drom = b;
        } else if (cle == "dansaireurbaine") {
            const OuiNon on = lireOuiNon(v);
            if (on == OuiNon::invalide) r.problemes.push_back(ou() + "dans_aire_urbaine « " + texteDe(v) + " » : OUI ou NON attendu.");
            else id.dansAireUrbaine = ouiNonValeur(on);
        } else if (descriptifs.count(cle)) {
            continue;
        } else {
            auto q = questions.find(cle);
            std::string qid;
            if (q != questions.end()) qid = q->second;
            else if (libre) qid = cleTexte;
            else {
                r.problemes.push_back(ou() + "clé « " + cleTexte +
                                      " » inconnue (attendu : type, soustype, population, drom ou l'identifiant "
                                      "d'une question : dechets_1, dechets_2, dechets_3, dev_eco_1, formation, "
                                      "REOM, SPASER).");
                continue;
            }
            if (estVide(v)) continue;  // not answered
            bool binaire = questionsBinairesEci().count(qid) > 0;
            const std::optional<bool> b = ouiNonValeur(lireOuiNon(v));
            if (b) { (*r.ctx.reponses)[qid] = *b; continue; }
            if (binaire) {
                r.problemes.push_back(ou() + "réponse « " + texteDe(v) + " » à la question " + qid +
                                      " : OUI ou NON attendu.");
                continue;
            }
            if (auto d = std::get_if<double>(&v)) {
                // (a NaN or an infinity, which a program can pass though no cell holds one, would make every
                // rule reading this answer false, or its points NaN, without a word)
                if (std::isfinite(*d)) (*r.ctx.reponses)[qid] = *d;
                else r.problemes.push_back(ou() + "réponse « " + texteDe(v) + " » à la question " + qid +
                                           " : un nombre fini est attendu.");
            } else (*r.ctx.reponses)[qid] = std::string(texte::rogner(std::get<std::string>(v)));
        }
    }
    if (!typeDonne && id.soustype) id.type = "EPCI";
    r.ctx.identite = id;
    return r;
}

regle::Contexte contexteStrict(const Optionnel& o, const Referentiel* ref, bool libre) {
    ContexteLu c = lireContexte(o, ref, libre);
    if (!c.problemes.empty()) throw ErreurArgument(c.problemes.front());
    return c.ctx;
}


}  // namespace eci::calc
