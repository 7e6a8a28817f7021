// Reading a platform export (the layout of referentiel/export-plateforme-eci.xlsx)
// into statuses, independent of how the file was opened: the caller gives the
// used range of the export's sheet as cell values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eci/calc/fonctions.hpp"
#include "eci/referentiel.hpp"
#include "eci/score.hpp"

namespace eci::calc::import {

// One node read from the export.
struct LigneExport {
    std::string identifiant;          // as in the référentiel ("1.1.1.1")
    std::optional<StatutSaisi> statut;  // nullopt: no status in the export
    std::optional<Fractions> fractions; // for « détaillé »: from % réalisé / % programmé
    std::string explications;
    std::size_t ligneSource = 0;      // 1-based row in the export sheet
};

struct ResultatImport {
    std::vector<LigneExport> lignes;       // rows matched to a node of the référentiel
    std::vector<std::string> nonReconnues; // rows that could not be matched, in French
    std::vector<std::string> problemes;    // other remarks (unknown status text...), in French
};

// Thrown when the sheet is not a platform export (no « N° » / « Statut » header).
struct ErreurImport : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads the export's sheet (row-major cell values, row 0 = sheet row 1).
ResultatImport lireExport(const calc::Plage& feuille, const Referentiel& ref);

// Before a file is opened: the number of non-empty cells an OpenDocument spreadsheet's XML
// (content.xml, or a whole .fods) declares, counting row and column repetitions and array-formula
// areas. A few hundred bytes can declare a billion filled cells (table:number-rows-repeated ×
// number-columns-repeated, or one formula with number-matrix-rows/columns-spanned),
// which LibreOffice would try to build, freezing for minutes or running out of memory.
// Also reads an OOXML worksheet (.xlsx xl/worksheets/*.xml): one per <c>, plus the area of an
// array formula (<f t="array" ref="A1:AMJ1048576">).
// Namespace prefixes are ignored (only local names count); the count saturates at UINT64_MAX.
std::uint64_t cellulesDeclarees(std::string_view xml);

}  // namespace eci::calc::import
