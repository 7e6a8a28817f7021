// The file names the commands refuse or skip (eci/calc/fichiers.hpp). The expected answers are
// Windows' own naming rules (« Naming Files, Paths, and Namespaces »: reserved device names in any
// folder and with any extension, the \\.\ and \\?\ prefixes, \\host\pipe\ for named pipes) and the
// lock files' names of LibreOffice and Excel. Also run under Wine (scripts/windows.sh).
#include <gtest/gtest.h>

#include "eci/calc/fichiers.hpp"

namespace {

using eci::calc::fichiers::estFichierDeVerrou;
using eci::calc::fichiers::raisonCheminWindows;

TEST(CheminsWindows, OrdinaryFilesAndSharesAreAccepted) {
    for (const char* chemin : {"C:\\Users\\agent\\Documents\\export.xlsx", "D:\\Région Occitanie\\autodiag.ods",
                               "\\\\serveur\\partage\\candidatures\\commune.ods", "\\\\?\\C:\\très\\long\\chemin.ods",
                               "\\\\?\\UNC\\serveur\\partage\\a.ods", "C:\\dossier\\CONSOLIDATION.ods",
                               "C:\\dossier\\console.xlsx", "C:\\COM10\\a.ods", "C:\\dossier\\LPT.ods",
                               "C:\\NULLE\\a.ods", "/home/agent/export.xlsx"}) {
        EXPECT_EQ(raisonCheminWindows(chemin), "") << chemin;
    }
}

TEST(CheminsWindows, ReservedDeviceNamesAreRefusedInAnyFolderWithAnyExtension) {
    for (const char* chemin : {"C:\\dossier\\CON", "C:\\dossier\\con.xlsx", "C:\\dossier\\Nul.ods", "C:\\PRN",
                               "C:\\a\\AUX.tar.ods", "C:\\a\\COM1", "C:\\a\\com9.xlsx", "C:\\a\\LPT1.ods",
                               "C:\\a\\COM0", "C:\\a\\NUL .ods", "C:\\a\\CON:", "C:\\a\\CONIN$", "C:\\a\\conout$",
                               "C:\\a\\CLOCK$", "C:\\a\\COM\xC2\xB9.ods", "C:\\a\\LPT\xC2\xB3",
                               "C:\\NUL\\export.xlsx", "\\\\serveur\\partage\\CON.ods", "\\\\?\\C:\\a\\NUL"}) {
        const std::string raison = raisonCheminWindows(chemin);
        EXPECT_NE(raison.find("nom réservé de Windows"), std::string::npos) << chemin << ": " << raison;
    }
}

TEST(CheminsWindows, DeviceNamespacePipesAndMailslotsAreRefused) {
    for (const char* chemin : {"\\\\.\\COM1", "\\\\.\\PhysicalDrive0", "//./pipe/x", "\\\\?\\GLOBALROOT\\Device\\Null",
                               "\\\\?\\Volume{0000}\\a.ods", "\\??\\C:\\a.ods"}) {
        EXPECT_NE(raisonCheminWindows(chemin).find("périphérique Windows"), std::string::npos) << chemin;
    }
    for (const char* chemin : {"\\\\serveur\\pipe\\tube", "\\\\.\\pipe\\tube", "\\\\hote\\PIPE\\x.ods",
                               "\\\\hote\\mailslot\\boite", "\\\\?\\UNC\\hote\\pipe\\x"}) {
        EXPECT_NE(raisonCheminWindows(chemin), "") << chemin;
    }
    EXPECT_NE(raisonCheminWindows("\\\\hote\\pipe\\tube").find("tube nommé"), std::string::npos);
}

TEST(FichiersDeVerrou, LibreOfficeAndExcelLockFilesAreRecognised) {
    EXPECT_TRUE(estFichierDeVerrou(".~lock.commune.ods#"));
    EXPECT_TRUE(estFichierDeVerrou("~$commune.xlsx"));
    EXPECT_FALSE(estFichierDeVerrou("commune.ods"));
    EXPECT_FALSE(estFichierDeVerrou("commune~$.xlsx"));
    EXPECT_FALSE(estFichierDeVerrou("~commune.ods"));
    EXPECT_FALSE(estFichierDeVerrou(".commune.ods"));
}

}  // namespace
