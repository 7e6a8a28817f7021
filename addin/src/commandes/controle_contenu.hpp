// The content pre-check of a workbook, before LibreOffice loads it: the inflated size of its zip
// entries and the filled cells its sheets declare (the XML cell counter itself,
// eci::calc::import::cellulesDeclarees, is in core/calc/src/import.cpp).
#pragma once

#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <string>

namespace eci::addin::commandes {

// Why a workbook's content may not be opened (empty when it may), judged before LibreOffice loads
// it: a zip (.ods, .xlsx) whose entries decompress to more than 200 Mo, or sheets (.ods
// content.xml, .fods, .xlsx xl/worksheets/*.xml) declaring more than 2 000 000 filled cells through
// row / column repetitions or array-formula areas. Either would freeze soffice for minutes or
// exhaust its memory. A file this check cannot read (not a zip, corrupt) is left to the loader,
// which refuses it.
std::string raisonDeNePasCharger(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
                                 const ::rtl::OUString& url, const std::string& nom);

}  // namespace eci::addin::commandes
