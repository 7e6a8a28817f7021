// Small helpers shared by the headless-Calc tests that open, store and check files:
// dispatch/load arguments, file URLs, file checksums, temporary directories.
#pragma once

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/uno/Any.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace eci::test {

inline ::com::sun::star::beans::PropertyValue pv(const char* nom, const ::com::sun::star::uno::Any& v) {
    ::com::sun::star::beans::PropertyValue p;
    p.Name = ::rtl::OUString::createFromAscii(nom);
    p.Value = v;
    return p;
}

using Proprietes = std::vector<::com::sun::star::beans::PropertyValue>;

template <class E>
::com::sun::star::uno::Sequence<E> seq(const std::vector<E>& v) {
    return ::com::sun::star::uno::Sequence<E>(v.data(), static_cast<sal_Int32>(v.size()));
}

inline std::string urlDe(const std::filesystem::path& p) { return "file://" + std::filesystem::absolute(p).string(); }

// FNV-1a 64 of a file's bytes (empty optional when unreadable): proves a file was not modified.
inline std::optional<std::uint64_t> empreinte(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) return std::nullopt;
    std::uint64_t h = 1469598103934665603ull;
    std::istreambuf_iterator<char> it(f), fin;
    for (; it != fin; ++it) {
        h ^= static_cast<unsigned char>(*it);
        h *= 1099511628211ull;
    }
    return h;
}

// A temporary directory removed at the end of the test.
struct DossierTemp {
    std::filesystem::path chemin;
    DossierTemp() {
        std::string modele = (std::filesystem::temp_directory_path() / "eci-test-XXXXXX").string();
        std::vector<char> buf(modele.begin(), modele.end());
        buf.push_back('\0');
        if (!mkdtemp(buf.data())) throw std::runtime_error("mkdtemp");
        chemin = buf.data();
    }
    ~DossierTemp() {
        std::error_code ec;
        std::filesystem::remove_all(chemin, ec);
    }
    DossierTemp(const DossierTemp&) = delete;
    DossierTemp& operator=(const DossierTemp&) = delete;
};

}  // namespace eci::test
