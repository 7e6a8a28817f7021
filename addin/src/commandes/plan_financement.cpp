// « Vérifier le plan de financement » (see plan_financement.hpp).
#include "plan_financement.hpp"

#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/XPropertyContainer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableRows.hpp>
#include <com/sun/star/util/XProtectable.hpp>

#include <cppuhelper/weakref.hxx>

#include <cstdlib>
#include <map>
#include <vector>

#include "annulation.hpp"
#include "documents.hpp"
#include "eci/disposition.hpp"
#include "eci/texte.hpp"

namespace eci::addin::commandes {

namespace {

// The « Plan » sheet (spreadsheets/disposition.json; 0-based rows and columns): lines from row 7 (A
// label), P check (AIDE.VERIFIER), Q status; a line is A..Q.
namespace plan = disposition::planFinancement::plan;
constexpr sal_Int32 kPremiereColonne = plan::colonneUnoLigne, kDerniereColonne = plan::colonneUnoStatut;

constexpr sal_Int32 kMarque = 0xF4CCCC;

bool estMarquee(const uno::Reference<css::sheet::XSpreadsheet>& feuillePlan, sal_Int32 l) {
    uno::Reference<css::beans::XPropertySet> cel(feuillePlan->getCellByPosition(kPremiereColonne, l), uno::UNO_QUERY_THROW);
    sal_Int32 fond = -1;
    cel->getPropertyValue("CellBackColor") >>= fond;
    return fond == kMarque;
}

// The backgrounds of a marked line are kept in a user-defined document property (saved
// with the document), one per line: « ECI plan ligne N ».
constexpr const char* kPrefixeMemoire = "ECI plan ligne ";
OUString nomMemoire(sal_Int32 l) { return u(kPrefixeMemoire + std::to_string(l + 1)); }

uno::Reference<css::beans::XPropertyContainer> proprietes(const uno::Reference<css::lang::XComponent>& doc) {
    uno::Reference<css::document::XDocumentPropertiesSupplier> dps(doc, uno::UNO_QUERY);
    if (!dps.is()) return nullptr;
    return dps->getDocumentProperties()->getUserDefinedProperties();
}

void ecrireMemoire(const uno::Reference<css::lang::XComponent>& doc, const OUString& nom, const std::string& v) {
    uno::Reference<css::beans::XPropertyContainer> pc = proprietes(doc);
    if (!pc.is()) return;
    uno::Reference<css::beans::XPropertySet> ps(pc, uno::UNO_QUERY_THROW);
    const bool existe = ps->getPropertySetInfo()->hasPropertyByName(nom);
    if (v.empty()) {
        if (existe) pc->removeProperty(nom);
    } else if (existe) {
        ps->setPropertyValue(nom, uno::Any(u(v)));
    } else {
        pc->addProperty(nom, css::beans::PropertyAttribute::REMOVABLE, uno::Any(u(v)));
    }
}

void ecrireMemoire(const uno::Reference<css::lang::XComponent>& doc, sal_Int32 l, const std::string& v) {
    ecrireMemoire(doc, nomMemoire(l), v);
}

// Every « ECI plan ligne N » property: name -> value. Calc's undo does not record document properties:
// the command records them itself (etatMemoires before and after, retablirMemoires on undo / redo).
using Memoires = std::map<OUString, std::string>;
Memoires etatMemoires(const uno::Reference<css::lang::XComponent>& doc) {
    Memoires m;
    uno::Reference<css::beans::XPropertySet> ps(proprietes(doc), uno::UNO_QUERY);
    if (!ps.is()) return m;
    for (const css::beans::Property& p : ps->getPropertySetInfo()->getProperties()) {
        if (!p.Name.startsWith(u(kPrefixeMemoire))) continue;
        OUString v;
        ps->getPropertyValue(p.Name) >>= v;
        m.emplace(p.Name, s8(v));
    }
    return m;
}
void retablirMemoires(const uno::Reference<css::lang::XComponent>& doc, const Memoires& voulu) {
    for (const auto& [nom, valeur] : etatMemoires(doc))
        if (!voulu.count(nom)) ecrireMemoire(doc, nom, std::string());
    for (const auto& [nom, valeur] : voulu) ecrireMemoire(doc, nom, valeur);
}

std::string lireMemoire(const uno::Reference<css::lang::XComponent>& doc, sal_Int32 l) {
    uno::Reference<css::beans::XPropertyContainer> pc = proprietes(doc);
    if (!pc.is()) return std::string();
    uno::Reference<css::beans::XPropertySet> ps(pc, uno::UNO_QUERY_THROW);
    if (!ps->getPropertySetInfo()->hasPropertyByName(nomMemoire(l))) return std::string();
    OUString v;
    ps->getPropertyValue(nomMemoire(l)) >>= v;
    return s8(v);
}

// Marks line `l` in red, after remembering its own backgrounds (direct formatting).
void marquer(const uno::Reference<css::lang::XComponent>& doc, const uno::Reference<css::sheet::XSpreadsheet>& feuillePlan,
             sal_Int32 l) {
    if (!estMarquee(feuillePlan, l)) {
        std::string couleurs;
        for (sal_Int32 c = kPremiereColonne; c <= kDerniereColonne; ++c) {
            uno::Reference<css::beans::XPropertySet> cel(feuillePlan->getCellByPosition(c, l), uno::UNO_QUERY_THROW);
            sal_Int32 fond = -1;
            cel->getPropertyValue("CellBackColor") >>= fond;
            couleurs += (c > kPremiereColonne ? "," : "") + std::to_string(fond);
        }
        ecrireMemoire(doc, l, couleurs);
    }
    uno::Reference<css::beans::XPropertySet> ligne(feuillePlan->getCellRangeByPosition(kPremiereColonne, l, kDerniereColonne, l), uno::UNO_QUERY_THROW);
    ligne->setPropertyValue("CellBackColor", uno::Any(sal_Int32(kMarque)));
    uno::Reference<css::table::XColumnRowRange> crr(feuillePlan->getCellRangeByPosition(kPremiereColonne, l, kDerniereColonne, l), uno::UNO_QUERY);
    if (crr.is()) {
        uno::Reference<css::beans::XPropertySet> rows(crr->getRows(), uno::UNO_QUERY);
        if (rows.is()) rows->setPropertyValue("OptimalHeight", uno::Any(true));
    }
}

// Unmarks line `l`: gives it back the backgrounds it had before it was marked.
void demarquer(const uno::Reference<css::lang::XComponent>& doc, const uno::Reference<css::sheet::XSpreadsheet>& feuillePlan,
               sal_Int32 l) {
    if (!estMarquee(feuillePlan, l)) return;
    std::string couleurs = lireMemoire(doc, l);
    std::vector<sal_Int32> fonds;
    std::size_t a = 0;
    while (!couleurs.empty() && a <= couleurs.size()) {
        std::size_t b = couleurs.find(',', a);
        if (b == std::string::npos) b = couleurs.size();
        fonds.push_back(static_cast<sal_Int32>(std::strtol(couleurs.substr(a, b - a).c_str(), nullptr, 10)));
        a = b + 1;
    }
    for (sal_Int32 c = kPremiereColonne; c <= kDerniereColonne; ++c) {
        uno::Reference<css::beans::XPropertySet> cel(feuillePlan->getCellByPosition(c, l), uno::UNO_QUERY_THROW);
        sal_Int32 fond = -1;
        cel->getPropertyValue("CellBackColor") >>= fond;
        if (fond == kMarque)
            cel->setPropertyValue("CellBackColor",
                                  uno::Any(static_cast<std::size_t>(c - kPremiereColonne) < fonds.size()
                                               ? fonds[static_cast<std::size_t>(c - kPremiereColonne)]
                                               : sal_Int32(-1)));
    }
    ecrireMemoire(doc, l, std::string());
}

}  // namespace

// spreadsheets/disposition.json: Plan rows 7..40 (up to the Total row), P check, Q status.
std::string verifierPlan(const uno::Reference<css::lang::XComponent>& doc) {
    uno::Reference<css::sheet::XSpreadsheet> feuillePlan =
        feuille(doc, disposition::planFinancement::feuillePlan, "un plan de financement");
    EtapeAnnulation etape(doc, "Vérifier le plan de financement");
    const Memoires avant = etatMemoires(doc);
    etape.recalculer();
    uno::Reference<css::util::XProtectable> protection(feuillePlan, uno::UNO_QUERY);
    const bool protegee = protection.is() && protection->isProtected();
    if (protegee) protection->unprotect(OUString());
    std::vector<std::string> lignes;
    int verifiees = 0;
    for (sal_Int32 l = plan::ligneUnoPremiere; l <= plan::ligneUnoFinLue; ++l) {
        std::string libelle = texteCellule(feuillePlan, plan::colonneUnoLigne, l);
        if (libelle.empty() || texte::plier(libelle) == "total") break;
        std::string statut = texteCellule(feuillePlan, plan::colonneUnoStatut, l);
        if (texte::plier(statut) == "arevoir") {
            marquer(doc, feuillePlan, l);
            lignes.push_back("« " + libelle + " » (ligne " + std::to_string(l + 1) + ") : " + texteCellule(feuillePlan, plan::colonneUnoControle, l));
        } else {
            demarquer(doc, feuillePlan, l);
        }
        if (!statut.empty()) ++verifiees;
    }
    if (protegee) protection->protect(OUString());
    if (const Memoires apres = etatMemoires(doc); apres != avant) {
        // Weak: the document owns its undo actions.
        const uno::WeakReference<css::lang::XComponent> faible(doc);
        etape.ajouter(actionAnnulation(
            "Vérifier le plan de financement", [faible, avant] { retablirMemoires(faible, avant); },
            [faible, apres] { retablirMemoires(faible, apres); }));
    }
    etape.terminer();
    if (verifiees == 0) return "Aucune ligne saisie dans le plan de financement.";
    if (lignes.empty())
        return "Plan de financement vérifié : les " + std::to_string(verifiees) + " lignes saisies sont conformes.";
    std::string r = "Plan de financement : " + std::to_string(lignes.size()) + " ligne(s) à revoir (marquées en rouge) :";
    for (const std::string& l : lignes) r += "\n- " + l;
    return r;
}

}  // namespace eci::addin::commandes
