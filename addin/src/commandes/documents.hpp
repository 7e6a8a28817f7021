// What every menu command shares (commandes_uno.cpp and addin/src/commandes/*): the command error,
// UTF-8 <-> OUString, local file URLs, the documents the commands open (templates, sources) and the
// sheets and cells they read.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/uno/Any.hxx>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <stdexcept>
#include <string>

#include "eci/calc/fonctions.hpp"

namespace eci::addin::commandes {

namespace css = ::com::sun::star;
namespace uno = ::com::sun::star::uno;
using ::rtl::OUString;

// A command's failure: its French message is the report the user reads.
struct ErreurCommande : std::runtime_error {
    using std::runtime_error::runtime_error;
};

OUString u(const std::string& s);
std::string s8(const OUString& s);
css::beans::PropertyValue prop(const char* nom, const uno::Any& v);

// A file URL from a file: URL or a system path. Other URL schemes (http:, webdav, vnd.sun.star.*)
// are refused: the commands only read local files, never the network.
OUString versUrl(const OUString& fichier);

// True when LibreOffice runs without a user interface (the commands then open every document hidden).
bool sansInterface();

// True when a file name ends with the extension `ext` (".ods"), whatever its case or accents.
bool aExtension(const std::string& nom, const char* ext);

// The used area of a sheet, as values (bounded: an export or an autodiagnostic, never more).
calc::Plage zoneUtilisee(const uno::Reference<css::sheet::XSpreadsheet>& feuille);

// Closes a document the command opened, without storing it; errors are ignored.
void fermer(const uno::Reference<css::lang::XComponent>& doc);

// The sheet `nom` of a document, or an ErreurCommande « Le document n'est pas <quoi> ».
uno::Reference<css::sheet::XSpreadsheet> feuille(const uno::Reference<css::lang::XComponent>& doc, const char* nom,
                                                 const char* quoi);

// The text of a cell (0-based column and row, as the UNO API counts).
std::string texteCellule(const uno::Reference<css::sheet::XSpreadsheet>& f, sal_Int32 col, sal_Int32 lig);

// A new untitled document from one of the extension's templates (modeles/<nom>).
uno::Reference<css::lang::XComponent> ouvrirModele(const uno::Reference<uno::XComponentContext>& ctx,
                                                   const char* nom, bool cache);

}  // namespace eci::addin::commandes
