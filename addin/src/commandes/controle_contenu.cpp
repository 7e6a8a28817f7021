// The content pre-check (see controle_contenu.hpp).
#include "controle_contenu.hpp"

#include <com/sun/star/io/XInputStream.hpp>
#include <com/sun/star/packages/zip/ZipFileAccess.hpp>
#include <osl/file.hxx>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "documents.hpp"
#include "eci/calc/import.hpp"

namespace eci::addin::commandes {

namespace {

// Largest decompressed content the commands read before opening a workbook, and most filled cells
// it may declare (a platform export has about 4 000, an autodiagnostic about 10 000).
constexpr sal_Int64 kOctetsMaxContenu = 200 * 1024 * 1024;
constexpr std::uint64_t kCellulesMax = 2000000;

// Joins the blocks `suivant()` gives (an empty view at the end) into one text of at most `max` bytes;
// nullopt beyond. The one bounded reader of the zip entries and of the flat files below.
template <class Suivant>
std::optional<std::string> lireAuPlus(std::uint64_t max, Suivant&& suivant) {
    std::string texte;
    for (;;) {
        const std::string_view bloc = suivant();
        if (bloc.empty()) return texte;
        if (texte.size() + bloc.size() > max) return std::nullopt;
        texte.append(bloc);
    }
}

// A zip entry's bytes, at most `max` (more: nullopt).
std::optional<std::string> lireFlux(const uno::Reference<css::io::XInputStream>& flux, std::uint64_t max) {
    uno::Sequence<sal_Int8> bloc;
    return lireAuPlus(max, [&] {
        const sal_Int32 n = flux->readBytes(bloc, 1 << 20);
        return n > 0 ? std::string_view(reinterpret_cast<const char*>(bloc.getConstArray()), static_cast<std::size_t>(n))
                     : std::string_view();
    });
}

// A local file's bytes, at most `max` (more: `tropGrand`; unreadable: nullopt). Through osl::File,
// by URL: std::ifstream on a UTF-8 path would miss non-ASCII names on Windows (« Région.fods »),
// where a narrow path is read in the ANSI code page.
std::optional<std::string> lireFichier(const OUString& url, std::uint64_t max, bool& tropGrand) {
    tropGrand = false;
    osl::File f(url);
    if (f.open(osl_File_OpenFlag_Read) != osl::FileBase::E_None) return std::nullopt;
    std::vector<char> bloc(1 << 16);
    bool illisible = false;
    std::optional<std::string> texte = lireAuPlus(max, [&] {
        sal_uInt64 lus = 0;
        if (f.read(bloc.data(), bloc.size(), lus) != osl::FileBase::E_None) {
            illisible = true;
            return std::string_view();
        }
        return std::string_view(bloc.data(), static_cast<std::size_t>(lus));
    });
    if (illisible) return std::nullopt;
    tropGrand = !texte;
    return texte;
}

}  // namespace

std::string raisonDeNePasCharger(const uno::Reference<uno::XComponentContext>& ctx, const OUString& url,
                                 const std::string& nom) {
    std::optional<std::string> xml;  // a flat OpenDocument file
    std::uint64_t cellules = 0;      // filled cells declared by the sheets' XML
    if (aExtension(nom, ".fods")) {
        bool tropGrand = false;
        xml = lireFichier(url, static_cast<std::uint64_t>(kOctetsMaxContenu), tropGrand);
        if (tropGrand) return "fichier de plus de " + std::to_string(kOctetsMaxContenu / (1024 * 1024)) + " Mo";
        if (!xml) return std::string();  // unreadable: the loader decides
    } else {
        uno::Reference<css::packages::zip::XZipFileAccess2> zip;
        try {
            zip = css::packages::zip::ZipFileAccess::createWithURL(ctx, url);
        } catch (const uno::Exception&) {
            return std::string();  // not a zip: the loader decides
        }
        sal_Int64 total = 0;
        for (const OUString& entree : zip->getElementNames()) {
            // An entry that cannot be read (encrypted, corrupt) is left to the loader, which refuses it.
            std::optional<std::string> contenu;
            try {
                uno::Reference<css::io::XInputStream> flux;
                zip->getByName(entree) >>= flux;
                if (!flux.is()) continue;
                contenu = lireFlux(flux, static_cast<std::uint64_t>(kOctetsMaxContenu - total));
            } catch (const uno::Exception&) {
                continue;
            }
            if (!contenu)
                return "contenu décompressé de plus de " + std::to_string(kOctetsMaxContenu / (1024 * 1024)) +
                       " Mo (archive piégée ?)";
            total += static_cast<sal_Int64>(contenu->size());
            if (entree == "content.xml" || (entree.startsWith("xl/worksheets/") && entree.endsWith(".xml"))) {
                const std::uint64_t n = calc::import::cellulesDeclarees(*contenu);
                cellules = n > UINT64_MAX - cellules ? UINT64_MAX : cellules + n;
            }
        }
    }
    if (xml) cellules = calc::import::cellulesDeclarees(*xml);
    if (cellules > kCellulesMax)
        return "le fichier déclare " +
               (cellules == UINT64_MAX ? std::string("un nombre démesuré de") : std::to_string(cellules)) +
               " cellules remplies (au plus " + std::to_string(kCellulesMax) +
               ") : ce n'est ni un export de la plateforme ni un autodiagnostic";
    return std::string();
}

}  // namespace eci::addin::commandes
