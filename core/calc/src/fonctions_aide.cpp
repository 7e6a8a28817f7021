// The AIDE spreadsheet functions: their arguments read with eci/calc/arguments.hpp (words from
// eci/calc/mots.hpp), French messages; the rules themselves are in core/domaine (eci/aide.hpp).
#include "eci/calc/fonctions_aide.hpp"

#include <cmath>

#include "eci/aide.hpp"
#include "eci/calc/arguments.hpp"
#include "eci/calc/mots.hpp"
#include "eci/texte.hpp"

namespace eci::calc {

namespace {

using aide::Montant;
using aide::Taux;

const TexteNombre kSansTexte = TexteNombre::refuse;  // a number written as text is refused

// ------------------------------------------------------------ amounts ---

Montant montant(double x, const char* nom) {
    nombreFini(x, nom);
    if (x < 0)
        throw ErreurArgument(std::string("L'argument ") + guillemets(nom) + " vaut " + nombreSaisi(x) +
                             " : saisir un montant en euros positif ou nul.");
    if (!(x < Montant::kMaxEuros))
        throw ErreurArgument(std::string("L'argument ") + guillemets(nom) + " vaut " + nombreSaisi(x) +
                             " : montant hors limites (au plus 10 000 milliards d'euros).");
    return Montant::depuisEuros(x);
}

// A number or a range of amounts, summed (blanks skipped, text an error).
Montant sommeMontants(const Plage& p, const char* nom) {
    verifierLignes(p, nom);
    Montant total;
    for (const Cellule& c : p.cellules) {
        if (estVide(c)) continue;
        total = total + montant(nombreDeCellule(c, nom, kSansTexte), nom);
        if (total.centimes >= static_cast<std::int64_t>(Montant::kMaxEuros * 100))
            throw ErreurArgument(std::string("La somme de ") + guillemets(nom) +
                                 " est hors limites (au plus 10 000 milliards d'euros).");
    }
    return total;
}

// ------------------------------------------------------ rates, shares ---

// A fraction in [0, 1] (compared as the cell shows it), kept to 6 decimals.
Taux fraction(double x, const std::string& libelle, const char* aide) {
    if (!std::isfinite(x) || aide::comparerDecimal(x, 0, 0) < 0 || aide::comparerDecimal(x, 1, 0) > 0)
        throw ErreurArgument(libelle + " " + nombreSaisi(x) + " doit être compris" + aide);
    return Taux::depuisFraction(x);
}

Taux tauxTva(const Optionnel& o) {
    auto x = nombreOptionnel(o, "taux_tva", kSansTexte);
    if (!x) return aide::kTauxTvaDefaut;
    return fraction(*x, "Le taux de TVA", " entre 0 et 1 (0,2 pour 20 %).");
}

Taux partRecuperable(const Optionnel& o) {
    auto x = nombreOptionnel(o, "part_tva_recuperable", kSansTexte);
    if (!x) return Taux{0};
    if (!std::isfinite(*x) || aide::comparerDecimal(*x, 0, 0) < 0 || aide::comparerDecimal(*x, 1, 0) > 0)
        throw ErreurArgument("La part de TVA récupérable " + nombreSaisi(*x) +
                             " doit être comprise entre 0 et 1 (0 : TVA non récupérée, l'assiette est le TTC ; "
                             "1 : TVA entièrement récupérée, l'assiette est le HT).");
    return Taux::depuisFraction(*x);
}

Taux tauxAide(const Optionnel& o) {
    auto x = nombreOptionnel(o, "taux_aide", kSansTexte);
    if (!x) return aide::kTauxAppel;
    if (aide::comparerDecimal(*x, 0, 0) <= 0)
        throw ErreurArgument("Le taux d'aide " + nombreSaisi(*x) + " doit être strictement positif (au plus 0,7, soit 70 %).");
    if (aide::comparerDecimal(*x, 7, 1) > 0)
        throw ErreurArgument("Le taux d'aide " + nombreSaisi(*x) + " dépasse le maximum de l'appel (70 %)." +
                             (*x > 1 ? " Saisir une fraction : 0,7 pour 70 %." : ""));
    Taux t = Taux::depuisFraction(*x);
    if (t.millioniemes == 0)
        throw ErreurArgument("Le taux d'aide " + nombreSaisi(*x) + " est trop petit (au moins 0,000001).");
    return t;
}

// ------------------------------------------------------------- words ---

aide::Phase phase(const Cellule& c) {
    if (auto p = chercherMot(mots::kPhase, c))
        return *p == mots::Phase::diagnostic ? aide::Phase::diagnostic : aide::Phase::accompagnement;
    if (estVide(c)) throw ErreurArgument(std::string("L'argument « phase » est vide : attendu ") + mots::kPhase.attendu + ".");
    throw ErreurArgument("Phase inconnue " + guillemets(texteDe(c)) + " : attendu " + mots::kPhase.attendu + ".");
}

aide::PlafondSur plafondSur(const Optionnel& o) {
    const Cellule* c = celluleOptionnelle(o, "plafond_sur");
    if (!c) return aide::PlafondSur::aide;
    if (auto p = chercherMot(mots::kPlafondSur, *c))
        return *p == mots::PlafondSur::aide ? aide::PlafondSur::aide : aide::PlafondSur::assiette;
    throw ErreurArgument("plafond_sur inconnu " + guillemets(texteDe(*c)) + " : attendu " + mots::kPlafondSur.attendu +
                         ".");
}

aide::RegleSolde regleSolde(const Optionnel& o) {
    const Cellule* c = celluleOptionnelle(o, "regle");
    if (!c) return aide::RegleSolde::prorata;
    if (auto p = chercherMot(mots::kRegleSolde, *c))
        return *p == mots::RegleSolde::prorata ? aide::RegleSolde::prorata : aide::RegleSolde::taux;
    throw ErreurArgument("Règle de solde inconnue " + guillemets(texteDe(*c)) + " : attendu " +
                         mots::kRegleSolde.attendu + ".");
}

// Runs a domain computation, turning its errors into argument errors.
template <class F>
auto domaine(F&& f) -> decltype(f()) {
    return depuisDomaine<aide::ErreurAide>(std::forward<F>(f));
}

}  // namespace

double aideAssiette(double montantHt, const Optionnel& tva, const Optionnel& part) {
    Montant ht = montant(montantHt, "montant_ht");
    Taux t = tauxTva(tva);
    Taux d = partRecuperable(part);
    return domaine([&] { return aide::assietteHtr(ht, t, d).euros(); });
}

double aideMontant(double montantHt, const Cellule& ph, const Optionnel& taux, const Optionnel& tva,
                   const Optionnel& part, const Optionnel& sur) {
    Montant ht = montant(montantHt, "montant_ht");
    aide::Phase p = phase(ph);
    Taux r = tauxAide(taux);
    Taux t = tauxTva(tva);
    Taux d = partRecuperable(part);
    aide::PlafondSur s = plafondSur(sur);
    return domaine([&] { return aide::aide(aide::assietteHtr(ht, t, d), r, p, s).euros(); });
}

double aidePlafond(const Cellule& ph) { return aide::plafond(phase(ph)).euros(); }

Plage aideRepartition(double montantAide, double partAdeme) {
    Montant a = montant(montantAide, "aide");
    nombreFini(partAdeme, "part_ademe");
    if (aide::comparerDecimal(partAdeme, 0, 0) < 0 || aide::comparerDecimal(partAdeme, 1, 0) > 0)
        throw ErreurArgument("La part ADEME " + nombreSaisi(partAdeme) +
                             " doit être comprise entre 0 et 1 (0,5 pour moitié ; le reste va à la Région).");
    Taux part = Taux::depuisFraction(partAdeme);
    aide::Repartition r = domaine([&] { return aide::repartir(a, part); });
    Plage p(1, 2);
    p.at(0, 0) = r.ademe.euros();
    p.at(0, 1) = r.region.euros();
    return p;
}

double aideSolde(double aideAttribuee, double assiettePrevue, double depenseReelle, const Optionnel& dejaVerse,
                 const Optionnel& regle) {
    Montant a = montant(aideAttribuee, "aide_attribuee");
    Montant prevue = montant(assiettePrevue, "assiette_prevue");
    Montant reelle = montant(depenseReelle, "depense_reelle");
    auto v = nombreOptionnel(dejaVerse, "deja_verse", kSansTexte);
    Montant verse = v ? montant(*v, "deja_verse") : Montant{};
    aide::RegleSolde r = regleSolde(regle);
    if (prevue.centimes == 0)
        throw ErreurArgument("L'argument « assiette_prevue » est nul : saisir l'assiette HTR prévue lors de "
                             "l'attribution (strictement positive).");
    return domaine([&] { return aide::solde(a, prevue, reelle, verse, r).euros(); });
}

double aideAutofinancement(double partMaitreOuvrage, const Plage& financementsPublics) {
    Montant propre = montant(partMaitreOuvrage, "part_maitre_ouvrage");
    Montant publics = sommeMontants(financementsPublics, "financements_publics");
    if (propre.centimes == 0 && publics.centimes == 0)
        throw ErreurArgument("Aucun financement : la part du maître d'ouvrage et les financements publics sont "
                             "nuls, la part d'autofinancement n'est pas définie.");
    return domaine([&] { return aide::partAutofinancement(propre, publics); });
}

std::string aideVerifier(double montantHt, const Cellule& ph, double aideDemandee, const Optionnel& tva,
                         const Optionnel& part, const Optionnel& autres, const Optionnel& investissement) {
    // AIDE.VERIFIER says in words what is wrong, parameters included: every
    // parameter error becomes a line instead of an error value.
    std::vector<std::string> lignes;
    auto lire = [&](auto&& f) {
        try {
            f();
        } catch (const ErreurArgument& e) {
            lignes.emplace_back(e.what());
        }
    };
    aide::Demande d;
    lire([&] { d.montantHt = montant(montantHt, "montant_ht"); });
    lire([&] { d.phase = phase(ph); });
    lire([&] { d.aideDemandee = montant(aideDemandee, "aide_demandee"); });
    lire([&] { d.tauxTva = tauxTva(tva); });
    lire([&] { d.partRecuperable = partRecuperable(part); });
    lire([&] {
        if (autres && !autres->vide()) d.autresAidesPubliques = sommeMontants(*autres, "autres_aides_publiques");
    });
    lire([&] { d.investissement = ouiNonOptionnel(investissement, "investissement", false); });
    if (lignes.empty()) lire([&] { lignes = domaine([&] { return aide::verifier(d); }); });
    if (lignes.empty()) return "OK";
    std::string s;
    for (std::size_t i = 0; i < lignes.size(); ++i) {
        if (i) s += '\n';
        s += lignes[i];
    }
    return s;
}

}  // namespace eci::calc
