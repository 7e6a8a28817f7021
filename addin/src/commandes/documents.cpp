// Shared helpers of the menu commands (see documents.hpp).
#include "documents.hpp"

#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <osl/file.hxx>
#include <rtl/process.h>

#include <cstdlib>
#include <cstring>

#include "conversion.hpp"
#include "eci/texte.hpp"

namespace eci::addin::commandes {

namespace {
constexpr const char* kExtension = "fr.ademe.eci";
constexpr std::size_t kMaxLignesSource = 20000;
constexpr std::size_t kMaxColonnesSource = 200;
// A local path as the user's system writes it, for the error messages.
#ifdef _WIN32
constexpr const char* kExempleChemin = "C:\\Users\\moi\\Documents\\export.xlsx";
#else
constexpr const char* kExempleChemin = "/home/moi/export.xlsx";
#endif
}  // namespace

OUString u(const std::string& s) { return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8); }
std::string s8(const OUString& s) { return std::string(::rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8).getStr()); }

css::beans::PropertyValue prop(const char* nom, const uno::Any& v) {
    css::beans::PropertyValue p;
    p.Name = OUString::createFromAscii(nom);
    p.Value = v;
    return p;
}

OUString versUrl(const OUString& fichier) {
    if (fichier.startsWithIgnoreAsciiCase("file:")) return fichier;
    OUString url;
    if (fichier.indexOf("://") >= 0 || osl::FileBase::getFileURLFromSystemPath(fichier, url) != osl::FileBase::E_None ||
        url.isEmpty())
        throw ErreurCommande("Chemin de fichier illisible : « " + s8(fichier) +
                             " » (un chemin de fichier local est attendu, par exemple " + kExempleChemin + ").");
    return url;
}

// soffice --headless, or the headless VCL plugin. There a visible Calc window aborts LibreOffice 7.4
// (crash in vcl::Window::GetCursor from a scheduler task, observed): the commands then open every
// document hidden, whatever Cache says.
bool sansInterface() {
    static const bool r = [] {
        if (const char* plugin = std::getenv("SAL_USE_VCLPLUGIN"); plugin && std::strcmp(plugin, "svp") == 0)
            return true;
        const sal_uInt32 n = rtl_getAppCommandArgCount();
        for (sal_uInt32 i = 0; i < n; ++i) {
            OUString arg;
            rtl_getAppCommandArg(i, &arg.pData);
            if (arg == "--headless" || arg == "-headless" || arg.startsWith("--headless=")) return true;
        }
        return false;
    }();
    return r;
}

bool aExtension(const std::string& nom, const char* ext) {
    const std::string bas = texte::plier(nom);
    const std::size_t n = std::strlen(ext);
    return bas.size() > n && bas.compare(bas.size() - n, n, ext) == 0;
}

calc::Plage zoneUtilisee(const uno::Reference<css::sheet::XSpreadsheet>& feuille) {
    uno::Reference<css::sheet::XSheetCellCursor> curseur = feuille->createCursor();
    uno::Reference<css::sheet::XUsedAreaCursor> zone(curseur, uno::UNO_QUERY_THROW);
    zone->gotoStartOfUsedArea(false);
    zone->gotoEndOfUsedArea(true);
    uno::Reference<css::sheet::XCellRangeAddressable> adr(curseur, uno::UNO_QUERY_THROW);
    css::table::CellRangeAddress a = adr->getRangeAddress();
    if (static_cast<std::size_t>(a.EndRow) + 1 > kMaxLignesSource ||
        static_cast<std::size_t>(a.EndColumn) + 1 > kMaxColonnesSource)
        throw ErreurCommande("La première feuille du fichier est trop grande (" + std::to_string(a.EndRow + 1) +
                             " lignes, " + std::to_string(a.EndColumn + 1) +
                             " colonnes) pour un export de la plateforme.");
    uno::Reference<css::sheet::XCellRangeData> data(
        feuille->getCellRangeByPosition(0, 0, a.EndColumn, a.EndRow), uno::UNO_QUERY_THROW);
    return toRange(data->getDataArray());
}

void fermer(const uno::Reference<css::lang::XComponent>& doc) {
    if (!doc.is()) return;
    try {
        uno::Reference<css::util::XCloseable> f(doc, uno::UNO_QUERY);
        if (f.is()) f->close(true);
        else doc->dispose();
    } catch (const uno::Exception&) {
    }
}

uno::Reference<css::sheet::XSpreadsheet> feuille(const uno::Reference<css::lang::XComponent>& doc, const char* nom,
                                                 const char* quoi) {
    uno::Reference<css::sheet::XSpreadsheetDocument> d(doc, uno::UNO_QUERY);
    if (!d.is()) throw ErreurCommande("Le document n'est pas un classeur Calc.");
    uno::Reference<css::container::XNameAccess> f(d->getSheets(), uno::UNO_QUERY_THROW);
    if (!f->hasByName(u(nom)))
        throw ErreurCommande(std::string("Le document n'est pas ") + quoi + " (pas de feuille « " + nom + " »).");
    return uno::Reference<css::sheet::XSpreadsheet>(f->getByName(u(nom)), uno::UNO_QUERY_THROW);
}

std::string texteCellule(const uno::Reference<css::sheet::XSpreadsheet>& f, sal_Int32 col, sal_Int32 lig) {
    uno::Reference<css::text::XTextRange> t(f->getCellByPosition(col, lig), uno::UNO_QUERY_THROW);
    return s8(t->getString());
}

uno::Reference<css::lang::XComponent> ouvrirModele(const uno::Reference<uno::XComponentContext>& ctx,
                                                   const char* nom, bool cache) {
    uno::Reference<css::deployment::XPackageInformationProvider> pip =
        css::deployment::PackageInformationProvider::get(ctx);
    OUString racine = pip->getPackageLocation(OUString::createFromAscii(kExtension));
    if (racine.isEmpty()) throw ErreurCommande("Extension Économie circulaire introuvable.");
    OUString url = racine + "/modeles/" + OUString::createFromAscii(nom);
    uno::Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(ctx);
    uno::Sequence<css::beans::PropertyValue> p(2);
    p.getArray()[0] = prop("AsTemplate", uno::Any(true));
    p.getArray()[1] = prop("Hidden", uno::Any(cache || sansInterface()));
    uno::Reference<css::lang::XComponent> doc = desktop->loadComponentFromURL(url, "_blank", 0, p);
    if (!doc.is()) throw ErreurCommande("Le modèle " + std::string(nom) + " n'a pas pu être ouvert.");
    return doc;
}

}  // namespace eci::addin::commandes
