#include "conversion.hpp"

#include <rtl/string.hxx>
#include <rtl/textenc.h>

#include <stdexcept>
#include <type_traits>

namespace eci::addin {

using ::rtl::OUString;

std::string toUtf8(const OUString& s) {
    ::rtl::OString o = ::rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8);
    return std::string(o.getStr(), static_cast<std::size_t>(o.getLength()));
}

OUString toOUString(const std::string& s) {
    return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}

calc::Cellule toCell(const uno::Any& a) {
    switch (a.getValueTypeClass()) {
        case uno::TypeClass_VOID:
            return std::monostate{};
        case uno::TypeClass_BOOLEAN:
            return *static_cast<const sal_Bool*>(a.getValue()) ? 1.0 : 0.0;
        case uno::TypeClass_BYTE:
        case uno::TypeClass_SHORT:
        case uno::TypeClass_UNSIGNED_SHORT:
        case uno::TypeClass_LONG:
        case uno::TypeClass_UNSIGNED_LONG:
        case uno::TypeClass_HYPER:
        case uno::TypeClass_UNSIGNED_HYPER:
        case uno::TypeClass_FLOAT:
        case uno::TypeClass_DOUBLE: {
            double d = 0;
            a >>= d;  // widening conversions are done by the Any extraction
            if (a.getValueTypeClass() == uno::TypeClass_HYPER) {
                sal_Int64 h = 0;
                a >>= h;
                d = static_cast<double>(h);
            } else if (a.getValueTypeClass() == uno::TypeClass_UNSIGNED_HYPER) {
                sal_uInt64 h = 0;
                a >>= h;
                d = static_cast<double>(h);
            }
            return d;
        }
        case uno::TypeClass_STRING: {
            OUString s;
            a >>= s;
            return toUtf8(s);
        }
        case uno::TypeClass_CHAR: {
            sal_Unicode c = *static_cast<const sal_Unicode*>(a.getValue());
            return toUtf8(OUString(c));
        }
        default:
            throw calc::ErreurArgument("valeur d'un type non pris en charge (" +
                                       toUtf8(a.getValueTypeName()) + ")");
    }
}

namespace {

bool isBlankRow(const uno::Sequence<uno::Any>& row) {
    for (sal_Int32 j = 0; j < row.getLength(); ++j)
        if (row[j].hasValue()) {
            OUString s;
            if (!(row[j] >>= s) || !s.isEmpty()) return false;
        }
    return true;
}

template <class T>
calc::Cellule cellOf(const T& v) {
    return toCell(uno::Any(v));
}
template <>
calc::Cellule cellOf<uno::Any>(const uno::Any& v) {
    return toCell(v);
}

// Number of rows kept: the limit rule of toRange (rows beyond kMaxLignes must be empty).
template <class T>
std::size_t keptRows(const uno::Sequence<uno::Sequence<T>>& m) {
    const std::size_t n = static_cast<std::size_t>(m.getLength());
    if (n <= calc::kMaxLignes) return n;
    bool onlyBlankBeyond = false;
    if constexpr (std::is_same_v<T, uno::Any>) {
        onlyBlankBeyond = true;
        for (std::size_t i = calc::kMaxLignes; i < n && onlyBlankBeyond; ++i)
            onlyBlankBeyond = isBlankRow(m[static_cast<sal_Int32>(i)]);
    }
    if (onlyBlankBeyond) return calc::kMaxLignes;
    throw calc::ErreurArgument("plage trop grande : " + calc::compte(n) + " lignes (au plus " +
                               calc::compte(calc::kMaxLignes) + ")");
}

template <class T>
calc::Plage rangeOf(const uno::Sequence<uno::Sequence<T>>& m) {
    const std::size_t rows = keptRows(m);
    if (rows == 0) return calc::Plage();
    const std::size_t cols = static_cast<std::size_t>(m[0].getLength());
    if (cols == 0) return calc::Plage();
    if (cols > 16384) throw calc::ErreurArgument("plage trop large : " + calc::compte(cols) + " colonnes");
    calc::Plage p(rows, cols);
    for (std::size_t i = 0; i < rows; ++i) {
        const uno::Sequence<T>& row = m[static_cast<sal_Int32>(i)];
        if (static_cast<std::size_t>(row.getLength()) != cols)
            throw calc::ErreurArgument("plage non rectangulaire");
        const T* v = row.getConstArray();
        for (std::size_t j = 0; j < cols; ++j) p.at(i, j) = cellOf(v[j]);
    }
    return p;
}

}  // namespace

calc::Plage toRange(const Matrix& m) { return rangeOf(m); }

calc::Plage toRange(const uno::Any& a) {
    if (a.getValueTypeClass() == uno::TypeClass_SEQUENCE) {
        Matrix anyRows;
        if (a >>= anyRows) return rangeOf(anyRows);
        uno::Sequence<uno::Sequence<double>> doubleRows;
        if (a >>= doubleRows) return rangeOf(doubleRows);
        uno::Sequence<uno::Sequence<OUString>> stringRows;
        if (a >>= stringRows) return rangeOf(stringRows);
        uno::Sequence<uno::Sequence<sal_Int32>> longRows;
        if (a >>= longRows) return rangeOf(longRows);
        uno::Sequence<uno::Any> row;  // a one-dimensional sequence: one row
        if (a >>= row) return rangeOf(Matrix(&row, 1));
        throw calc::ErreurArgument("plage d'un type non pris en charge (" +
                                   toUtf8(a.getValueTypeName()) + ")");
    }
    if (!a.hasValue()) return calc::Plage();
    return calc::Plage(toCell(a));
}

calc::Optionnel toOptional(const uno::Any& a, calc::Vide regle) {
    if (!a.hasValue()) return std::nullopt;
    return calc::optionnel(toRange(a), a.getValueTypeClass() != uno::TypeClass_SEQUENCE, regle);
}

namespace {
calc::Cellule toSingleCell(const calc::Plage& p, const char* argument) {
    if (p.vide()) return std::monostate{};
    if (p.lignes != 1 || p.colonnes != 1)
        throw calc::ErreurArgument(std::string("« ") + argument +
                                   " » doit être une seule valeur, pas une plage de " +
                                   calc::compte(p.lignes) + " × " + calc::compte(p.colonnes) + " cellules");
    return p.cellules[0];
}
}  // namespace

calc::Cellule toSingleCell(const uno::Any& a, const char* argument) {
    if (a.getValueTypeClass() != uno::TypeClass_SEQUENCE) return toCell(a);
    return toSingleCell(toRange(a), argument);
}

calc::Cellule toSingleCell(const Matrix& m, const char* argument) { return toSingleCell(toRange(m), argument); }

calc::Cellule toCellule(const Matrix& m, const char* argument, calc::Vide regle) {
    return calc::cellule(toSingleCell(m, argument), regle);
}

uno::Any toAny(const calc::Cellule& c) {
    if (const double* d = std::get_if<double>(&c)) return uno::Any(*d);
    if (const std::string* s = std::get_if<std::string>(&c)) return uno::Any(toOUString(*s));
    return uno::Any();
}

uno::Any toVisibleAny(const calc::Cellule& c) {
    if (std::holds_alternative<std::monostate>(c)) return uno::Any(OUString());
    return toAny(c);
}

Matrix toMatrix(const calc::Plage& p) {
    if (p.cellules.size() != p.lignes * p.colonnes)
        throw std::logic_error("Plage incohérente");
    Matrix m(static_cast<sal_Int32>(p.lignes));
    uno::Sequence<uno::Any>* rows = m.getArray();
    for (std::size_t i = 0; i < p.lignes; ++i) {
        uno::Sequence<uno::Any> row(static_cast<sal_Int32>(p.colonnes));
        uno::Any* v = row.getArray();
        for (std::size_t j = 0; j < p.colonnes; ++j) v[j] = toAny(p.at(i, j));
        rows[i] = row;
    }
    return m;
}

}  // namespace eci::addin
