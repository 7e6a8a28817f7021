// The spreadsheet functions' UNO object (service fr.ademe.eci.Fonctions): XFonctions + XAddIn.
// Kept in the glue library (not only in the component) so that the glue tests and the UNO-level
// fuzz target (fuzz/uno_fuzz.cpp) call the very methods Calc calls, exception guard included.
#pragma once

#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <fr/ademe/eci/XFonctions.hpp>
#include <rtl/ustring.hxx>

namespace eci::addin {

// A new functions object (also an XAddIn, XServiceName, XServiceInfo).
::com::sun::star::uno::Reference<::fr::ademe::eci::XFonctions> creerFonctions();
::rtl::OUString fonctionsImplementationName();
::com::sun::star::uno::Sequence<::rtl::OUString> fonctionsServiceNames();

}  // namespace eci::addin
