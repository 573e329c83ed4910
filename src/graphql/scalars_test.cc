// Tests for leaf-type coercion and inspect(); expectations are graphql-js 16.15 outputs
// (GraphQLInt.serialize(true), Color.parseValue("BLU"), inspect({...}), ...).
#include "src/graphql/scalars.h"

#include <gtest/gtest.h>

namespace plexus::graphql {
namespace {

class ScalarsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto built = Schema::fromSdl(
        "enum Color { RED GREEN BLUE } type Query { c(f: Float, i: ID, n: Int): Color }");
    ASSERT_TRUE(built.ok()) << built.status().message();
    schema_ = *built;
  }
  const NamedType& type(std::string_view name) { return *schema_->type(name); }
  static std::string show(const LeafCoercion& r) {
    return r.value ? json::serialize(*r.value) : "error: " + r.error;
  }
  std::shared_ptr<const Schema> schema_;
};

TEST_F(ScalarsTest, ParseValueAcceptsAndRejectsAsGraphqlJs) {
  EXPECT_EQ(show(parseLeafValue(type("Color"), json::Value(5))),
            "error: Enum \"Color\" cannot represent non-string value: 5.");
  EXPECT_EQ(show(parseLeafValue(type("Color"), json::Value("BLU"))),
            "error: Value \"BLU\" does not exist in \"Color\" enum. Did you mean the enum value "
            "\"BLUE\"?");
  EXPECT_EQ(show(parseLeafValue(type("ID"), json::Value(1e21))), "\"1e+21\"");
  EXPECT_EQ(show(parseLeafValue(type("Int"), json::Value(int64_t{-2147483649}))),
            "error: Int cannot represent non 32-bit signed integer value: -2147483649");
  EXPECT_EQ(show(parseLeafValue(type("Int"), json::Value(3.0))), "3");
}

TEST_F(ScalarsTest, SerializeConvertsAsGraphqlJs) {
  EXPECT_EQ(show(serializeLeaf(type("Int"), json::Value(true))), "1");
  EXPECT_EQ(show(serializeLeaf(type("Int"), json::Value(2.5))),
            "error: Int cannot represent non-integer value: 2.5");
  EXPECT_EQ(show(serializeLeaf(type("ID"), json::Value(1e21))), "\"1e+21\"");
  EXPECT_EQ(show(serializeLeaf(type("String"), json::Value(1e-7))), "\"1e-7\"");
  EXPECT_EQ(show(serializeLeaf(type("Boolean"), json::Value(2))), "true");
  EXPECT_EQ(show(serializeLeaf(type("Float"), json::Value(false))), "0");
  EXPECT_EQ(show(serializeLeaf(type("Color"), json::Value("RED"))), "\"RED\"");
  EXPECT_EQ(show(serializeLeaf(type("Color"), json::Value("X"))),
            "error: Enum \"Color\" cannot represent value: \"X\"");
}

TEST(InspectTest, FormatsLikeGraphqlJsInspect) {
  auto v = json::parse(
      R"({"b": 1, "2": [1, {"c": {"d": 1}}], "a": "x\"y", "e": {}, "f": [], "g": 1.5})");
  ASSERT_TRUE(v.ok());
  // inspect({b: 1, 2: [1, {c: {d: 1}}], a: 'x"y', e: {}, f: [], g: 1.5}): array-index keys
  // first, nesting past two levels abbreviated.
  EXPECT_EQ(inspect(*v), R"({ 2: [1, [Object]], b: 1, a: "x\"y", e: {}, f: [], g: 1.5 })");
  EXPECT_EQ(inspect(json::Value(1e21)), "1e+21");
  EXPECT_EQ(inspect(json::Value()), "null");
  auto long_list = json::parse("[1,2,3,4,5,6,7,8,9,10,11]");
  EXPECT_EQ(inspect(*long_list), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 1 more item]");
}

}  // namespace
}  // namespace plexus::graphql
