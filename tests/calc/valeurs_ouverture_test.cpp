// Right values on opening (issue 13 item 1): every formula cell of every shipped workbook — the six
// workbooks of build/spreadsheets/ and the three templates inside the .oxt — shows, right after loading
// with recalculation on load switched off (org.openoffice.Office.Calc/Formula/Load/ODFRecalcMode = 1,
// « never recalculate », LibreOffice's default), the value it has after calculateAll(): same error code,
// same displayed text, same number. Reading a cell computes it if LibreOffice left it to be computed
// (as displaying it does); a cell that loaded with a stale result keeps it, and fails here.
// The build stores the workbooks with their results (spreadsheets/figer_valeurs.py).
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "classeur.hpp"

namespace eci::test {
namespace {

// ODFRecalcMode for the office of this test binary, restored by the destructor.
class ModeRecalculODF {
public:
    explicit ModeRecalculODF(sal_Int32 mode) {
        uno::Reference<css::lang::XMultiServiceFactory> fournisseur(
            Office::instance().createInstance("com.sun.star.configuration.ConfigurationProvider"),
            uno::UNO_QUERY_THROW);
        css::beans::NamedValue chemin;
        chemin.Name = "nodepath";
        chemin.Value <<= ::rtl::OUString("/org.openoffice.Office.Calc/Formula/Load");
        uno::Sequence<uno::Any> arguments(1);
        arguments[0] <<= chemin;
        noeud_.set(fournisseur->createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                            arguments),
                   uno::UNO_QUERY_THROW);
        uno::Reference<css::container::XNameAccess>(noeud_, uno::UNO_QUERY_THROW)->getByName("ODFRecalcMode") >>=
            ancien_;
        ecrire(mode);
    }
    ~ModeRecalculODF() {
        try {
            ecrire(ancien_);
        } catch (...) {
        }
    }
    ModeRecalculODF(const ModeRecalculODF&) = delete;
    ModeRecalculODF& operator=(const ModeRecalculODF&) = delete;

private:
    void ecrire(sal_Int32 mode) {
        noeud_->replaceByName("ODFRecalcMode", uno::Any(mode));
        uno::Reference<css::util::XChangesBatch>(noeud_, uno::UNO_QUERY_THROW)->commitChanges();
    }
    uno::Reference<css::container::XNameReplace> noeud_;
    sal_Int32 ancien_ = 1;
};

constexpr sal_Int32 kJamaisRecalculer = 1;

struct Resultat {
    int erreur;
    std::string texte;
    double valeur;
};

// Every formula cell of the document ("Sheet!A1" -> its result as read now).
std::map<std::string, Resultat> resultatsDesFormules(const Classeur& c) {
    std::map<std::string, Resultat> out;
    uno::Reference<css::container::XIndexAccess> feuilles(c.document()->getSheets(), uno::UNO_QUERY_THROW);
    for (sal_Int32 i = 0; i < feuilles->getCount(); ++i) {
        uno::Reference<css::sheet::XSpreadsheet> feuille(feuilles->getByIndex(i), uno::UNO_QUERY_THROW);
        const std::string nom = utf8(uno::Reference<css::container::XNamed>(feuille, uno::UNO_QUERY_THROW)->getName());
        uno::Reference<css::sheet::XCellRangesQuery> q(feuille, uno::UNO_QUERY_THROW);
        for (const css::table::CellRangeAddress& a :
             q->queryContentCells(css::sheet::CellFlags::FORMULA)->getRangeAddresses())
            for (sal_Int32 l = a.StartRow; l <= a.EndRow; ++l)
                for (sal_Int32 col = a.StartColumn; col <= a.EndColumn; ++col) {
                    uno::Reference<css::table::XCell> cel = feuille->getCellByPosition(col, l);
                    out[nom + "!" + lettresColonne(col) + std::to_string(l + 1)] = {
                        cel->getError(),
                        utf8(uno::Reference<css::text::XTextRange>(cel, uno::UNO_QUERY_THROW)->getString()),
                        cel->getValue()};
                }
    }
    return out;
}

bool memeResultat(const Resultat& a, const Resultat& b) {
    const bool valeurs = a.valeur == b.valeur || (std::isnan(a.valeur) && std::isnan(b.valeur));
    return a.erreur == b.erreur && a.texte == b.texte && valeurs;
}

// Loads `fichier` without recalculation, reads every formula cell, recalculates everything and
// compares: the cells that differ, at most 20, as "Sheet!A1: « loaded » ≠ « calculated »".
std::vector<std::string> cellulesPerimees(const std::filesystem::path& fichier, std::size_t& nombreDeFormules) {
    Classeur c = Classeur::ouvrir(fichier, {pv("ReadOnly", uno::Any(true))});
    const std::map<std::string, Resultat> avant = resultatsDesFormules(c);
    c.recalculer();
    const std::map<std::string, Resultat> apres = resultatsDesFormules(c);
    nombreDeFormules = avant.size();
    std::vector<std::string> out;
    for (const auto& [cel, r] : avant) {
        auto it = apres.find(cel);
        if (it != apres.end() && memeResultat(r, it->second)) continue;
        if (out.size() < 20)
            out.push_back(cel + ": « " + r.texte + " » (erreur " + std::to_string(r.erreur) + ") ≠ « " +
                          (it == apres.end() ? std::string("?") : it->second.texte) + " »");
        else
            break;
    }
    return out;
}

class ValeursOuverture : public ::testing::TestWithParam<std::string> {};

void verifier(const std::filesystem::path& fichier) {
    ASSERT_TRUE(std::filesystem::is_regular_file(fichier)) << fichier;
    ModeRecalculODF jamais(kJamaisRecalculer);
    std::size_t n = 0;
    const std::vector<std::string> perimees = cellulesPerimees(fichier, n);
    EXPECT_GT(n, 50u) << fichier << ": too few formula cells, not a shipped workbook?";
    std::string liste;
    for (const std::string& p : perimees) liste += "  " + p + "\n";
    EXPECT_TRUE(perimees.empty()) << fichier << " (" << n << " formula cells), stale on opening:\n" << liste;
}

TEST_P(ValeursOuverture, ClasseurConstruit) { verifier(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Classeurs, ValeursOuverture,
                         ::testing::Values(ECI_AUTODIAG_ODS, ECI_AUTODIAG_EXEMPLE_ODS, ECI_PLAN_ODS,
                                           ECI_PLAN_EXEMPLE_ODS, ECI_CANDIDATURES_ODS, ECI_CANDIDATURES_EXEMPLE_ODS),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string nom = std::filesystem::path(info.param).stem().string();
                             for (char& ch : nom)
                                 if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                             return nom;
                         });

// The templates the extension carries (modeles/*.ods of the .oxt), extracted as they are shipped.
TEST(ValeursOuvertureOxt, ModelesDeLExtension) {
    DossierTemp dossier;
    const std::string commande = "python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
                                 "[z.extract(n, sys.argv[2]) for n in z.namelist() if n.startswith('modeles/')]\" " +
                                 std::string(ECI_OXT) + " " + dossier.chemin.string();
    ASSERT_EQ(std::system(commande.c_str()), 0) << commande;
    for (const char* modele : {ECI_AUTODIAG_ODS, ECI_PLAN_ODS, ECI_CANDIDATURES_ODS}) {
        const std::filesystem::path dans = dossier.chemin / "modeles" / std::filesystem::path(modele).filename();
        SCOPED_TRACE(dans.string());
        verifier(dans);
    }
}

}  // namespace
}  // namespace eci::test
