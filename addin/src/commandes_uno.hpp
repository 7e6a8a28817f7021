// The commands component (menu « Économie circulaire », service fr.ademe.eci.Commandes).
#pragma once

#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/uno/XInterface.hpp>
#include <rtl/ustring.hxx>

namespace eci::addin {

::rtl::OUString commandesImplementationName();
::com::sun::star::uno::Sequence<::rtl::OUString> commandesServiceNames();
::com::sun::star::uno::Reference<::com::sun::star::uno::XInterface> creerCommandes(
    const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx);

}  // namespace eci::addin
