// Hostile files given to the import (ImporterExport) and to the consolidation (ConsoliderCandidatures):
//   1. a password-protected .ods            -> refused in French, no password prompt, no hang;
//   2. a platform export with a document Basic macro bound to OnLoad
//                                            -> imported (its statuses land), the macro never runs;
//   3. a sheet with an external link and a WEBSERVICE() call
//                                            -> refused, no network access, the file is not modified;
//   4. a huge sheet (20 000 rows x 30 columns of text)
//                                            -> refused (or handled) quickly, with a French report.
// Every source keeps its checksum, no lock file remains, soffice stays alive.
// The files are made through the office API in a temporary directory (documents and commands:
// classeur.hpp).
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/XEmbeddedScripts.hpp>
#include <com/sun/star/document/XEventsSupplier.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/script/XStorageBasedLibraryContainer.hpp>
#include <com/sun/star/script/provider/XScript.hpp>
#include <com/sun/star/script/provider/XScriptProvider.hpp>
#include <com/sun/star/script/provider/XScriptProviderSupplier.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/XCell.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "classeur.hpp"
#include "office.hpp"
#include "outils_fichiers.hpp"

using namespace eci::test;
namespace fs = std::filesystem;
using ::rtl::OUString;

namespace {

// A TCP listener on 127.0.0.1 that accepts and immediately closes connections, counting them
// (so a WEBSERVICE() reaching it neither hangs nor goes unnoticed).
class Ecoute {
public:
    explicit Ecoute(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        int un = 1;
        ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &un, sizeof un);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(port));
        ok_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(fd_, 16) == 0;
        if (ok_) fil_ = std::thread([this] { boucle(); });
    }
    ~Ecoute() {
        fin_ = true;
        if (fil_.joinable()) fil_.join();
        ::close(fd_);
    }
    bool ok() const { return ok_; }
    int connexions() const { return n_; }
    // A free port (bound then released).
    static int portLibre() {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        socklen_t l = sizeof a;
        ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &l);
        ::close(fd);
        return ntohs(a.sin_port);
    }

private:
    void boucle() {
        while (!fin_) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 100) > 0) {
                int c = ::accept(fd_, nullptr, nullptr);
                if (c >= 0) {
                    ++n_;
                    ::close(c);
                }
            }
        }
    }
    int fd_ = -1;
    bool ok_ = false;
    std::atomic<bool> fin_{false};
    std::atomic<int> n_{0};
    std::thread fil_;
};

// 1. A password-protected .ods.
fs::path fabriquerProtege(const fs::path& dossier) {
    const fs::path p = dossier / "protege.ods";
    Classeur d = Classeur::nouveau();
    ecrireTexte(d.premiereFeuille()->getCellByPosition(0, 0), "N°");
    ecrireTexte(d.premiereFeuille()->getCellByPosition(0, 1), "1.1.1.1");
    d.enregistrer(p, {pv("Password", uno::Any(OUString("secret")))});
    return p;
}

// 2. A platform export (the template, a few statuses in J) with an OnLoad document macro.
struct Piege {
    fs::path ods, temoin;
    std::map<std::string, std::string> statutsAttendus;  // id -> word the import writes in J
};

Piege fabriquerExportPiege(const fs::path& dossier) {
    Piege e;
    e.temoin = dossier / "piege.txt";
    ExportModele modele(ECI_EXPORT_PLATEFORME);
    const Classeur& c = modele.classeur;
    EXPECT_GT(modele.ligneDe.size(), 300u) << "the export template has no node rows";
    auto statut = [&](const std::string& id, const std::string& texte, const std::string& attendu) {
        if (modele.ecrireStatut(id, texte) < 0) ADD_FAILURE() << "N° " << id << " not in the export template";
        else e.statutsAttendus[id] = attendu;
    };
    statut("1.1.1.1", "Fait", "fait");
    statut("1.1.1.2", "Programmé", "programmé");
    statut("1.1.1.3", "Pas fait", "pas fait");

    // Document Basic: Standard.Module1.Piege writes the witness file.
    uno::Reference<css::document::XEmbeddedScripts> es(c.document(), uno::UNO_QUERY_THROW);
    uno::Reference<css::script::XStorageBasedLibraryContainer> libs = es->getBasicLibraries();
    uno::Reference<css::container::XNameContainer> standard;
    if (libs->hasByName("Standard")) libs->getByName("Standard") >>= standard;
    else standard = libs->createLibrary("Standard");
    EXPECT_TRUE(standard.is());
    const std::string source = "Sub Piege\n  Open \"" + e.temoin.string() +
                               "\" For Output As #1\n  Print #1, \"x\"\n  Close #1\nEnd Sub\n";
    if (standard->hasByName("Module1")) standard->replaceByName("Module1", uno::Any(ou(source)));
    else standard->insertByName("Module1", uno::Any(ou(source)));
    uno::Reference<css::document::XEventsSupplier> ev(c.document(), uno::UNO_QUERY_THROW);
    ev->getEvents()->replaceByName(
        "OnLoad",
        uno::Any(seq(Proprietes{
            pv("EventType", uno::Any(OUString("Script"))),
            pv("Script", uno::Any(OUString("vnd.sun.star.script:Standard.Module1.Piege?language=Basic&location=document")))})));
    e.ods = dossier / "export-macro.ods";
    c.enregistrer(e.ods);
    modele.classeur.fermer();
    return e;
}

// 3. External link + WEBSERVICE.
fs::path fabriquerLiens(const fs::path& dossier, int port, fs::path& autre) {
    autre = dossier / "autre.ods";
    {
        Classeur d = Classeur::nouveau();
        uno::Reference<css::container::XNamed>(d.premiereFeuille(), uno::UNO_QUERY_THROW)->setName("Feuille1");
        d.premiereFeuille()->getCellByPosition(0, 0)->setValue(42);
        d.enregistrer(autre);
    }
    const fs::path p = dossier / "liens.ods";
    Classeur d = Classeur::nouveau();
    uno::Reference<css::sheet::XSpreadsheet> f = d.premiereFeuille();
    ecrireTexte(f->getCellByPosition(0, 0), "Liens");
    f->getCellByPosition(0, 1)->setFormula(ou("='" + urlDe(autre) + "'#$Feuille1.A1"));
    f->getCellByPosition(1, 1)->setFormula(ou("=WEBSERVICE(\"http://127.0.0.1:" + std::to_string(port) + "/\")"));
    f->getCellByPosition(9, 1)->setFormula(ou("='" + urlDe(autre) + "'#$Feuille1.A1"));
    EXPECT_NE(utf8(f->getCellByPosition(0, 1)->getFormula()).find("autre.ods"), std::string::npos)
        << utf8(f->getCellByPosition(0, 1)->getFormula());
    d.enregistrer(p);
    return p;
}

// 4. 20 000 rows x 30 columns of text.
fs::path fabriquerEnorme(const fs::path& dossier) {
    const fs::path p = dossier / "enorme.ods";
    constexpr sal_Int32 kLignes = 20000, kColonnes = 30;
    Classeur d = Classeur::nouveau();
    uno::Sequence<uno::Sequence<uno::Any>> data(kLignes);
    auto* lignes = data.getArray();
    for (sal_Int32 l = 0; l < kLignes; ++l) {
        uno::Sequence<uno::Any> r(kColonnes);
        auto* v = r.getArray();
        for (sal_Int32 c = 0; c < kColonnes; ++c) v[c] <<= ou("texte " + std::to_string(l) + "-" + std::to_string(c));
        lignes[l] = r;
    }
    uno::Reference<css::sheet::XCellRangeData>(
        d.premiereFeuille()->getCellRangeByPosition(0, 0, kColonnes - 1, kLignes - 1), uno::UNO_QUERY_THROW)
        ->setDataArray(data);
    d.enregistrer(p);
    return p;
}

bool francais(const std::string& r) {
    return r.find("n'a pas pu être ouvert") != std::string::npos ||
           r.find("n'a pas la forme d'un export") != std::string::npos ||
           r.find("trop grande") != std::string::npos || r.find("n'est pas un classeur") != std::string::npos ||
           r.find("illisible") != std::string::npos || r.find("n'est pas un autodiagnostic") != std::string::npos;
}

std::vector<fs::path> verrous(const fs::path& d) {
    std::vector<fs::path> v;
    for (const auto& e : fs::recursive_directory_iterator(d))
        if (e.path().filename().string().rfind(".~lock", 0) == 0) v.push_back(e.path());
    return v;
}

}  // namespace

TEST_F(CalcTest, FichiersHostilesImportEtConsolidation) {
    DossierTemp dossier;
    const fs::path& D = dossier.chemin;
    const int port = Ecoute::portLibre();

    const fs::path protege = fabriquerProtege(D);
    const Piege piege = fabriquerExportPiege(D);
    fs::path autre;
    const fs::path liens = fabriquerLiens(D, port, autre);
    const fs::path enorme = fabriquerEnorme(D);
    for (const fs::path& p : {protege, piege.ods, liens, autre, enorme}) ASSERT_TRUE(fs::exists(p)) << p;

    // Control: the trap is real (the OnLoad macro runs when macros are allowed).
    {
        Classeur d = Classeur::ouvrir(piege.ods, {pv("ReadOnly", uno::Any(true)),
                                                  pv("MacroExecutionMode",
                                                     uno::Any(css::document::MacroExecMode::ALWAYS_EXECUTE_NO_WARN))});
        for (int i = 0; i < 30 && !fs::exists(piege.temoin); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        // Headless and hidden, OnLoad may not fire through the API (observed with LibreOffice 7.4):
        // then check that the macro itself is valid and runnable from the document.
        if (!fs::exists(piege.temoin)) {
            std::cout << "[ info ] control: OnLoad did not fire on a hidden ALWAYS_EXECUTE load; invoking the macro\n";
            uno::Reference<css::script::provider::XScriptProviderSupplier> sps(d.document(), uno::UNO_QUERY_THROW);
            uno::Sequence<sal_Int16> idx;
            uno::Sequence<uno::Any> sorties;
            sps->getScriptProvider()
                ->getScript("vnd.sun.star.script:Standard.Module1.Piege?language=Basic&location=document")
                ->invoke({}, idx, sorties);
        }
        d.fermer();
        EXPECT_TRUE(fs::exists(piege.temoin)) << "control: the document macro does not run even when allowed "
                                                 "(the « macro did not run » check below proves nothing)";
        std::error_code ec;
        fs::remove(piege.temoin, ec);
    }
    ASSERT_FALSE(fs::exists(piege.temoin));

    std::map<fs::path, std::uint64_t> avant;
    for (const fs::path& p : {protege, piege.ods, liens, autre, enorme}) avant[p] = *empreinte(p);

    Ecoute ecoute(port);  // from now on, a WEBSERVICE() reaching 127.0.0.1:port is counted
    ASSERT_TRUE(ecoute.ok());

    // ---- the import, each file into a new autodiagnostic --------------------------------------
    {
        SCOPED_TRACE("import, password-protected");
        Classeur c = nouveauParMenu("NouvelAutodiagnostic");
        Resultat r = executer(c, "ImporterExport", {pv("Fichier", uno::Any(ou(protege.string())))});
        ASSERT_TRUE(Office::instance().alive()) << "soffice died importing " << protege;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE) << r.rapport;
        EXPECT_NE(r.rapport.find("n'a pas pu être ouvert"), std::string::npos) << r.rapport;
        EXPECT_LT(r.secondes, 30) << r.rapport;
    }
    {
        SCOPED_TRACE("import, OnLoad macro");
        Classeur c = nouveauParMenu("NouvelAutodiagnostic");
        Resultat r = executer(c, "ImporterExport", {pv("Fichier", uno::Any(ou(piege.ods.string())))});
        ASSERT_TRUE(Office::instance().alive()) << "soffice died importing " << piege.ods;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::SUCCESS) << r.rapport;
        EXPECT_NE(r.rapport.find("Import terminé"), std::string::npos) << r.rapport;
        EXPECT_NE(r.rapport.find(std::to_string(piege.statutsAttendus.size()) + " statuts importés"), std::string::npos)
            << r.rapport;
        // The statuses landed in Référentiel!J.
        namespace ref = dispo::autodiagnostic::referentiel;
        const eci::calc::Plage a = c.plage(kFeuilleRef, plageRef(ref::colonneId, ref::colonneStatut));
        std::map<std::string, std::string> lu;
        for (std::size_t l = 0; l < a.lignes; ++l)
            lu[enTexte(a.at(l, ref::colonneUnoId))] = enTexte(a.at(l, ref::colonneUnoStatut));
        for (const auto& [id, attendu] : piege.statutsAttendus) EXPECT_EQ(lu[id], attendu) << "statut of " << id;
        EXPECT_FALSE(fs::exists(piege.temoin)) << "the OnLoad macro of the imported file RAN";
        EXPECT_LT(r.secondes, 30);
    }
    {
        SCOPED_TRACE("import, external link + WEBSERVICE");
        Classeur c = nouveauParMenu("NouvelAutodiagnostic");
        Resultat r = executer(c, "ImporterExport", {pv("Fichier", uno::Any(ou(liens.string())))});
        ASSERT_TRUE(Office::instance().alive()) << "soffice died importing " << liens;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE) << r.rapport;
        EXPECT_EQ(r.rapport.find("Import terminé"), std::string::npos) << r.rapport;
        EXPECT_TRUE(francais(r.rapport)) << r.rapport;
        EXPECT_LT(r.secondes, 30) << r.rapport;
        EXPECT_EQ(ecoute.connexions(), 0) << "the import reached the network (WEBSERVICE)";
    }
    {
        SCOPED_TRACE("import, 20 000 x 30");
        Classeur c = nouveauParMenu("NouvelAutodiagnostic");
        Resultat r = executer(c, "ImporterExport", {pv("Fichier", uno::Any(ou(enorme.string())))});
        ASSERT_TRUE(Office::instance().alive()) << "soffice died importing " << enorme;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE) << r.rapport;
        EXPECT_EQ(r.rapport.find("Import terminé"), std::string::npos) << r.rapport;
        EXPECT_TRUE(francais(r.rapport)) << r.rapport;
        EXPECT_LT(r.secondes, 30) << "import of the huge file took " << r.secondes << " s: " << r.rapport;
        std::cout << "[ info ] huge import: " << r.secondes << " s, report: " << r.rapport.substr(0, 300) << "\n";
    }

    // ---- the consolidation of a folder holding copies of them ----------------------------------
    const fs::path lot = D / "lot";
    fs::create_directory(lot);
    for (const fs::path& p : {protege, piege.ods, liens, enorme}) fs::copy_file(p, lot / p.filename());
    {
        SCOPED_TRACE("consolidation");
        Classeur g = nouveauParMenu("NouvelleGrilleCandidatures");
        Resultat r = executer(g, "ConsoliderCandidatures", {pv("Dossier", uno::Any(ou(lot.string())))});
        ASSERT_TRUE(Office::instance().alive()) << "soffice died consolidating " << lot;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::SUCCESS) << r.rapport;
        EXPECT_NE(r.rapport.find("0 autodiagnostic(s) lu(s) sur 4 fichier(s)"), std::string::npos) << r.rapport;
        EXPECT_NE(r.rapport.find("Fichiers non lus (4)"), std::string::npos) << r.rapport;
        for (const fs::path& p : {protege, piege.ods, liens, enorme})
            EXPECT_NE(r.rapport.find(p.filename().string() + " : "), std::string::npos) << p << "\n" << r.rapport;
        EXPECT_LT(r.secondes, 60) << r.rapport;
        EXPECT_FALSE(fs::exists(piege.temoin)) << "the OnLoad macro RAN during the consolidation";
        EXPECT_FALSE(fs::exists(lot / "piege.txt"));
        EXPECT_EQ(ecoute.connexions(), 0) << "the consolidation reached the network (WEBSERVICE)";
        std::cout << "[ info ] consolidation: " << r.secondes << " s, report:\n" << r.rapport << "\n";
    }

    for (const auto& [p, h] : avant) {
        EXPECT_EQ(empreinte(p), h) << p << " was modified";
        EXPECT_EQ(empreinte(lot / p.filename()).value_or(h), h) << lot / p.filename() << " was modified";
    }
    EXPECT_TRUE(verrous(D).empty()) << "lock file left: " << verrous(D).front();
    EXPECT_FALSE(fs::exists(piege.temoin));
    EXPECT_TRUE(Office::instance().alive());
}

// Files that are not regular workbooks: a FIFO (opening it would block soffice forever), a
// symbolic link to /dev/zero (an endless read), a directory and a broken link named like
// workbooks, an empty and a truncated file, a remote URL, and « bombs » (a few hundred bytes
// declaring a billion filled cells, the same as one array formula in an .xlsx, a zip inflating
// to 250 MB) that would freeze soffice. The import refuses each in words,
// quickly; the consolidation lists each as not read and still reads a valid autodiagnostic
// reached through a symbolic link.
TEST_F(CalcTest, FichiersSpeciauxJamaisOuverts) {
    DossierTemp dossier;
    const fs::path lot = dossier.chemin / "lot";
    fs::create_directory(lot);
    const fs::path fifo = lot / "tube.xlsx";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    fs::create_symlink("/dev/zero", lot / "zero.ods");
    fs::create_directory(lot / "dossier.ods");
    fs::create_symlink(lot / "absent.ods", lot / "casse.ods");
    std::ofstream(lot / "vide.xlsx").close();
    {
        std::ifstream src(ECI_AUTODIAG_EXEMPLE_ODS, std::ios::binary);
        std::string octets((std::istreambuf_iterator<char>(src)), std::istreambuf_iterator<char>());
        ASSERT_GT(octets.size(), 4000u);
        std::ofstream(lot / "tronque.ods", std::ios::binary).write(octets.data(), 3000);
    }
    fs::create_symlink(ECI_AUTODIAG_EXEMPLE_ODS, lot / "lien-valide.ods");
    // « Bombs »: 700 bytes of XML declaring 2^30 filled cells (LibreOffice 7.4 was still loading it
    // after 5 minutes), the same inside an .ods, and an .ods whose content.xml inflates to 250 MB.
    {
        const std::string xml =
            R"(<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
            R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
            R"(office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>)"
            R"(<table:table table:name="Feuille1"><table:table-row table:number-rows-repeated="1048576"><table:table-cell )"
            R"(table:number-columns-repeated="1024" office:value-type="string"><text:p>N°</text:p></table:table-cell>)"
            R"(</table:table-row></table:table></office:spreadsheet></office:body></office:document>)";
        std::ofstream(lot / "bombe.fods") << xml;
        const std::string py =
            "import sys, zipfile\n"
            "z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n"
            "z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')\n"
            "z.writestr('content.xml', open(sys.argv[3]).read())\n"
            "z.close()\n"
            "z = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)\n"
            "z.writestr('mimetype', 'application/vnd.oasis.opendocument.spreadsheet')\n"
            "z.writestr('content.xml', ' ' * (250 * 1024 * 1024))\n"
            "z.close()\n"
            // An .xlsx with one array formula over A1:AMJ1048576.
            "z = zipfile.ZipFile(sys.argv[4], 'w', zipfile.ZIP_DEFLATED)\n"
            "R = 'http://schemas.openxmlformats.org/'\n"
            "z.writestr('[Content_Types].xml', '<Types xmlns=\"' + R + 'package/2006/content-types\">"
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>')\n"
            "z.writestr('_rels/.rels', '<Relationships xmlns=\"' + R + 'package/2006/relationships\"><Relationship Id=\"rId1\" "
            "Type=\"' + R + 'officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>')\n"
            "z.writestr('xl/workbook.xml', '<workbook xmlns=\"' + R + 'spreadsheetml/2006/main\" xmlns:r=\"' + R + "
            "'officeDocument/2006/relationships\"><sheets><sheet name=\"Feuille1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>')\n"
            "z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns=\"' + R + 'package/2006/relationships\"><Relationship Id=\"rId1\" "
            "Type=\"' + R + 'officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>')\n"
            "z.writestr('xl/worksheets/sheet1.xml', '<worksheet xmlns=\"' + R + 'spreadsheetml/2006/main\"><sheetData><row r=\"1\">"
            "<c r=\"A1\"><f t=\"array\" ref=\"A1:AMJ1048576\">1</f><v>1</v></c></row></sheetData></worksheet>')\n"
            "z.close()\n";
        std::ofstream(dossier.chemin / "zip.py") << py;
        const std::string commande = "python3 " + (dossier.chemin / "zip.py").string() + " " +
                                     (lot / "bombe.ods").string() + " " + (lot / "gonfle.ods").string() + " " +
                                     (lot / "bombe.fods").string() + " " + (lot / "matrice.xlsx").string();
        ASSERT_EQ(std::system(commande.c_str()), 0) << commande;
        ASSERT_LT(fs::file_size(lot / "gonfle.ods"), 2u * 1024 * 1024);
    }

    struct Cas {
        std::string chemin, attendu;
    };
    const std::vector<Cas> imports = {
        {fifo.string(), "pas un fichier ordinaire"},
        {(lot / "zero.ods").string(), "pas un fichier ordinaire"},
        {(lot / "dossier.ods").string(), "dossier"},
        {(lot / "casse.ods").string(), "introuvable"},
        {"http://127.0.0.1:9/export.xlsx", "chemin de fichier local"},
        {"vnd.sun.star.webdav://127.0.0.1:9/export.xlsx", "chemin de fichier local"},
        {(lot / "bombe.fods").string(), "1073741824 cellules remplies"},
        {(lot / "bombe.ods").string(), "1073741824 cellules remplies"},
        {(lot / "gonfle.ods").string(), "décompressé de plus de 200 Mo"},
        {(lot / "matrice.xlsx").string(), "1073741824 cellules remplies"},
        {(lot / "vide.xlsx").string(), ""},  // opened or refused, in words
        {(lot / "tronque.ods").string(), ""},
    };
    for (const Cas& cas : imports) {
        SCOPED_TRACE("import of " + cas.chemin);
        Classeur c = nouveauParMenu("NouvelAutodiagnostic");
        Resultat r = executer(c, "ImporterExport", {pv("Fichier", uno::Any(ou(cas.chemin)))});
        ASSERT_TRUE(Office::instance().alive()) << "soffice died importing " << cas.chemin;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::FAILURE) << r.rapport;
        EXPECT_EQ(r.rapport.find("Import terminé"), std::string::npos) << r.rapport;
        if (!cas.attendu.empty()) EXPECT_NE(r.rapport.find(cas.attendu), std::string::npos) << r.rapport;
        else EXPECT_TRUE(francais(r.rapport)) << r.rapport;
        EXPECT_LT(r.secondes, 30) << r.rapport;
    }
    {
        SCOPED_TRACE("consolidation");
        Classeur g = nouveauParMenu("NouvelleGrilleCandidatures");
        Resultat r = executer(g, "ConsoliderCandidatures", {pv("Dossier", uno::Any(ou(lot.string())))});
        ASSERT_TRUE(Office::instance().alive()) << "soffice died consolidating " << lot;
        EXPECT_EQ(r.etat, css::frame::DispatchResultState::SUCCESS) << r.rapport;
        // 10 files named like workbooks (the directory is not listed); only the linked example is read.
        EXPECT_NE(r.rapport.find("1 autodiagnostic(s) lu(s) sur 10 fichier(s)"), std::string::npos) << r.rapport;
        EXPECT_NE(r.rapport.find("Fichiers non lus (9)"), std::string::npos) << r.rapport;
        for (const char* nom : {"tube.xlsx : ce n'est pas un fichier ordinaire", "zero.ods : ce n'est pas un fichier ordinaire",
                                "casse.ods : fichier introuvable", "vide.xlsx : ", "tronque.ods : ",
                                "bombe.fods : le fichier déclare 1073741824 cellules remplies",
                                "bombe.ods : le fichier déclare 1073741824 cellules remplies",
                                "gonfle.ods : contenu décompressé de plus de 200 Mo",
                                "matrice.xlsx : le fichier déclare 1073741824 cellules remplies"})
            EXPECT_NE(r.rapport.find(nom), std::string::npos) << nom << "\n" << r.rapport;
        EXPECT_EQ(r.rapport.find("lien-valide.ods : "), std::string::npos) << r.rapport;
        EXPECT_LT(r.secondes, 60) << r.rapport;
    }
    EXPECT_TRUE(verrous(dossier.chemin).empty());
    EXPECT_TRUE(Office::instance().alive());
}
