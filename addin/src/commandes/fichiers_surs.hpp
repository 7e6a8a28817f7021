// The safe-file checks of the commands that open a user's file (import of an export, comparison,
// consolidation of autodiagnostics): a local regular file under a size limit (no FIFO, device,
// directory or dangling link), a content that would not freeze soffice (controle_contenu.hpp), the
// load properties of a file that is only read (hidden, read-only, no macro, no link update), and the
// file opened that way for the commands that read one (ClasseurSource).
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

#include <string>

namespace eci::addin::commandes {

// Why a local file may not be opened (empty when it may): it must exist and be a regular file
// (a symbolic link is followed), not a FIFO, device or directory, which would block or never end,
// and stay under the size limit (100 Mo). On Windows also: no device name (CON, NUL, COM1…, in any
// folder), no \\.\ path, no host's named pipe; a link or junction judged by its target.
std::string raisonDeNePasOuvrir(const ::rtl::OUString& url);

// How the commands load a workbook they only read (an export to import, an autodiagnostic to
// consolidate): hidden, read-only, never running its macros, never updating its links.
::com::sun::star::uno::Sequence<::com::sun::star::beans::PropertyValue> proprietesSource();

// Why a workbook named `nom` at `url` must not be opened: not a local regular file under the size
// limit, or a content that would freeze soffice. Empty when it may be opened.
std::string raisonDeRefuser(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
                            const ::rtl::OUString& url, const std::string& nom);

// A workbook the user chose, open for reading only, for the commands that read one file (import of an
// export, comparison): the safe-file checks first (raisonDeRefuser), then loaded hidden, read-only,
// without macros (proprietesSource); closed when the object goes, on every path. A refused or
// unreadable file, or not a spreadsheet: ErreurCommande, a French sentence naming the file.
// `ouvert`: the document the command works on; if LibreOffice hands it back (the user chose that very
// file), ErreurCommande with `siOuvert`, and that document is left open.
class ClasseurSource {
public:
    ClasseurSource(const ::com::sun::star::uno::Reference<::com::sun::star::uno::XComponentContext>& ctx,
                   const ::rtl::OUString& fichier,
                   const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& ouvert = {},
                   const std::string& siOuvert = {});
    ~ClasseurSource();
    ClasseurSource(const ClasseurSource&) = delete;
    ClasseurSource& operator=(const ClasseurSource&) = delete;

    const ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent>& document() const { return document_; }
    // The file as the user named it (for messages).
    const std::string& nom() const { return nom_; }

private:
    ::com::sun::star::uno::Reference<::com::sun::star::lang::XComponent> document_;
    std::string nom_;
};

}  // namespace eci::addin::commandes
