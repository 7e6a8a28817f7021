// Unit tests of the add-in glue (addin/src/conversion.*), without LibreOffice running:
// the values below are shaped like what Calc 7.4 passes (see conversion.hpp).
#include <gtest/gtest.h>

#include "conversion.hpp"

using namespace eci::addin;
using eci::calc::Cellule;
using eci::calc::ErreurArgument;
using eci::calc::Plage;
using ::rtl::OUString;

namespace {

Matrix column(const std::vector<uno::Any>& values) {
    Matrix m(static_cast<sal_Int32>(values.size()));
    for (std::size_t i = 0; i < values.size(); ++i) m.getArray()[i] = uno::Sequence<uno::Any>(&values[i], 1);
    return m;
}

Matrix blankColumn(std::size_t rows) { return column(std::vector<uno::Any>(rows, uno::Any(OUString()))); }

}  // namespace

TEST(Glue, CellValues) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(toCell(uno::Any())));
    EXPECT_EQ(std::get<double>(toCell(uno::Any(2.5))), 2.5);
    EXPECT_EQ(std::get<double>(toCell(uno::Any(sal_Int32(7)))), 7.0);
    EXPECT_EQ(std::get<double>(toCell(uno::Any(true))), 1.0);
    EXPECT_EQ(std::get<std::string>(toCell(uno::Any(toOUString("Programmé")))), "Programmé");
    EXPECT_THROW(toCell(uno::Any(uno::Sequence<sal_Int8>())), ErreurArgument);
}

TEST(Glue, RangesAndScalars) {
    Plage p = toRange(column({uno::Any(1.0), uno::Any(OUString("1.1")), uno::Any(OUString())}));
    ASSERT_EQ(p.lignes, 3u);
    ASSERT_EQ(p.colonnes, 1u);
    EXPECT_EQ(std::get<double>(p.at(0, 0)), 1.0);
    EXPECT_EQ(std::get<std::string>(p.at(1, 0)), "1.1");
    EXPECT_EQ(std::get<std::string>(p.at(2, 0)), "");  // Calc's empty cell

    Plage s = toRange(uno::Any(OUString("fait")));  // scalar -> 1x1
    ASSERT_EQ(s.lignes, 1u);
    EXPECT_EQ(std::get<std::string>(s.at(0, 0)), "fait");
    EXPECT_TRUE(toRange(uno::Any()).vide());

    uno::Sequence<uno::Any> r(2);
    Matrix ragged(2);
    ragged.getArray()[0] = r;
    ragged.getArray()[1] = uno::Sequence<uno::Any>(1);
    EXPECT_THROW(toRange(ragged), ErreurArgument);
}

TEST(Glue, OptionalArguments) {
    EXPECT_FALSE(toOptional(uno::Any()).has_value());              // omitted / f(a;;c)
    EXPECT_FALSE(toOptional(uno::Any(OUString())).has_value());    // ""
    EXPECT_FALSE(toOptional(uno::Any(blankColumn(1))).has_value());  // one empty cell (as a range)
    EXPECT_TRUE(toOptional(uno::Any(0.0)).has_value());            // an empty single cell comes as 0: kept
    auto two = toOptional(uno::Any(blankColumn(2)));
    ASSERT_TRUE(two.has_value());
    EXPECT_EQ(two->lignes, 2u);
}

TEST(Glue, SingleValueArguments) {
    EXPECT_EQ(std::get<double>(toSingleCell(uno::Any(1.0), "id")), 1.0);
    EXPECT_EQ(std::get<std::string>(toSingleCell(uno::Any(column({uno::Any(OUString("1.2"))})), "id")), "1.2");
    EXPECT_THROW(toSingleCell(uno::Any(blankColumn(2)), "id"), ErreurArgument);
    // `id` is typed as a range: Calc passes a 1x1 range (a blank cell as "")
    EXPECT_EQ(std::get<std::string>(toSingleCell(blankColumn(1), "id")), "");
    EXPECT_EQ(std::get<double>(toSingleCell(column({uno::Any(1.0)}), "id")), 1.0);
    EXPECT_THROW(toSingleCell(blankColumn(3), "id"), ErreurArgument);
}

TEST(Glue, RowLimit) {
    const std::size_t max = eci::calc::kMaxLignes;
    EXPECT_EQ(toRange(blankColumn(max)).lignes, max);
    // Beyond the limit, only empty rows are tolerated (whole-column references such as A:A).
    EXPECT_EQ(toRange(blankColumn(max + 5)).lignes, max);
    Matrix m = blankColumn(max + 1);
    m.getArray()[max] = uno::Sequence<uno::Any>(std::vector<uno::Any>{uno::Any(1.0)}.data(), 1);
    try {
        toRange(m);
        FAIL() << "no error";
    } catch (const ErreurArgument& e) {
        EXPECT_NE(std::string(e.what()).find("100 001"), std::string::npos) << e.what();
    }
}

TEST(Glue, Results) {
    Plage p(1, 3);
    p.at(0, 0) = 1.5;
    p.at(0, 2) = std::string("fait");
    Matrix m = toMatrix(p);
    ASSERT_EQ(m.getLength(), 1);
    ASSERT_EQ(m[0].getLength(), 3);
    EXPECT_EQ(m[0][0], uno::Any(1.5));
    EXPECT_FALSE(m[0][1].hasValue());  // blank in an array result
    EXPECT_EQ(m[0][2], uno::Any(OUString("fait")));
    EXPECT_EQ(toVisibleAny(Cellule{}), uno::Any(OUString()));  // REGLE's "blank"
    EXPECT_EQ(toAny(Cellule{2.0}), uno::Any(2.0));
}
