// « Vérifier le plan de financement »: marks in red the lines of the « Plan » sheet whose status is
// « À revoir » and gives the others back their own backgrounds (spreadsheets/README.md).
#pragma once

#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/Reference.hxx>

#include <string>

namespace eci::addin::commandes {

// Checks the financing plan `doc`; returns the report.
std::string verifierPlan(const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& doc);

}  // namespace eci::addin::commandes
