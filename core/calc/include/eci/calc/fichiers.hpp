// The names of the files the menu commands open (an export to import, the autodiagnostics of a
// folder to consolidate), judged from the name alone: the checks that depend on Windows' path
// rules, pure functions so that they are unit-tested on every platform (tests/unit/calc/
// test_fichiers.cpp, also under Wine). The add-in calls them (addin/src/commandes/fichiers_surs.cpp,
// consolidation.cpp); the file system checks themselves are there. README « Construire pour Windows
// et macOS ».
#pragma once

#include <string>
#include <string_view>

namespace eci::calc::fichiers {

// Why a Windows system path (UTF-8, as osl::FileBase::getSystemPathFromFileURL gives it) names
// something other than a file on a disk or a share, in French (empty when it does not): a path of
// the device namespace (\\.\COM1, \\?\GLOBALROOT\...; \\?\C:\... and \\?\UNC\... are long paths,
// judged on the rest), a component that Windows maps to a device whatever its folder or
// extension (CON, PRN, AUX, NUL, COM0-9, LPT0-9, COM¹²³, LPT¹²³, CONIN$, CONOUT$, CLOCK$; case,
// trailing spaces and dots do not matter), a named pipe or mailslot of a host (\\hote\pipe\...).
// Opening any of them would block or talk to a device.
std::string raisonCheminWindows(std::string_view chemin);

// True for the lock files that office suites leave next to an open workbook, never workbooks
// themselves: LibreOffice's « .~lock.<nom># » (any name starting with « .~lock ») and Excel's owner files « ~$<nom> ».
bool estFichierDeVerrou(std::string_view nom);

}  // namespace eci::calc::fichiers
