// Each expected text below is what graphql-js 16.15 printSchema(buildSchema(sdl)) prints for the
// same SDL (checked with node when written); the corpus schemas are compared with recorded
// output in test/conformance/graphql_print_schema_test.cc.
#include "src/graphql/schema_printer.h"

#include <gtest/gtest.h>

namespace plexus::graphql {
namespace {

std::string printed(std::string sdl) {
  auto schema = Schema::fromSdl(std::move(sdl));
  EXPECT_TRUE(schema.ok()) << schema.status().message();
  if (!schema.ok()) return {};
  return printSchema(**schema);
}

TEST(SchemaPrinterTest, DefaultValuesAreCoercedThenWrittenBack) {
  EXPECT_EQ(printed(R"(
type Query {
  floats(a: Float = 1.0, b: Float = 1e3, c: Float = 0.1, d: Float = 1.5e-7, e: Float = 123456789012345678901234): Int
  ids(a: ID = "123", b: ID = "abc", c: ID = 7): Int
  lists(a: [Int] = 1, b: [[String!]] = "x", c: [Int] = null, d: [Int]! = [1, 2]): Int
  enums(a: Color = RED, b: [Color] = [GREEN, RED]): Int
  inputs(a: Point = {x: 1}, b: Point = {y: 2.5, x: 3}): Int
  strings(a: String = "line\nbreak \"quoted\" \u00e9", b: Boolean = false, c: Int = -0): Int
  invalid(a: Int = "nope", b: Int = 2147483648): Int
  custom(a: Json = "s", b: Json = 3, c: Json = ENUMY, d: Json = true): Int
}
enum Color { RED GREEN }
input Point { x: Float! y: Float = 0 z: String = "zz" }
scalar Json
)"),
            R"(type Query {
  floats(a: Float = 1, b: Float = 1000, c: Float = 0.1, d: Float = 1.5e-7, e: Float = 1.2345678901234569e+23): Int
  ids(a: ID = 123, b: ID = "abc", c: ID = 7): Int
  lists(a: [Int] = [1], b: [[String!]] = [["x"]], c: [Int] = null, d: [Int]! = [1, 2]): Int
  enums(a: Color = RED, b: [Color] = [GREEN, RED]): Int
  inputs(a: Point = {x: 1, y: 0, z: "zz"}, b: Point = {x: 3, y: 2.5, z: "zz"}): Int
  strings(a: String = "line\nbreak \"quoted\" é", b: Boolean = false, c: Int = 0): Int
  invalid(a: Int, b: Int): Int
  custom(a: Json = "s", b: Json = 3, c: Json = "ENUMY", d: Json = true): Int
}

enum Color {
  RED
  GREEN
}

input Point {
  x: Float!
  y: Float = 0
  z: String = "zz"
}

scalar Json)");
}

TEST(SchemaPrinterTest, DescriptionsDeprecationsAndDirectiveDefinitions) {
  EXPECT_EQ(printed(R"(
"""
The schema.
"""
schema { query: Query }

"A plain description"
type Query {
  "first"
  a: Int
  """
  second
  on two lines
  """
  b: Int
  "  leading spaces"
  c: Int
  "\nleading newline"
  d: Int
  "trailing newline\n"
  e: Int
  "  indented\n  both"
  f: Int
  "has \u0001 control"
  g: Int
  "carriage \r return"
  h: Int
  "quote at end\""
  i: Int
  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
  j: Int
  ""
  l(
    "arg doc"
    x: Int = 1
    "" y: String
    z: Int @deprecated
  ): Int
  m("" x: Int, y: Int): Int
  n(x: Int "second arg doc" y: Int): Int
}

"Enum doc"
enum E {
  "A doc" A
  "B doc" B @deprecated(reason: "use A")
  C @deprecated(reason: "No longer supported")
  D @deprecated
}

input I @oneOf {
  "x doc"
  x: Int @deprecated(reason: "gone")
  y: String
}

scalar Url @specifiedBy(url: "https://example.com/\"url\"")

interface Node { id: ID! }
interface Named implements Node { id: ID! name: String }
"union doc"
union U = Thing | Other
type Thing implements Named & Node { id: ID! name: String e: E i(x: I): Url u: U }
type Other { x: Int }

"custom directive"
directive @custom(
  "why" reason: String = "because"
  level: Int
) repeatable on FIELD_DEFINITION | OBJECT | QUERY
directive @exec(a: [Int] = [1]) on FIELD
)"),
            R"X("""The schema."""
schema {
  query: Query
}

"""custom directive"""
directive @custom(
  """why"""
  reason: String = "because"
  level: Int
) repeatable on FIELD_DEFINITION | OBJECT | QUERY

directive @exec(a: [Int] = [1]) on FIELD

"""A plain description"""
type Query {
  """first"""
  a: Int

  """
  second
  on two lines
  """
  b: Int

  """  leading spaces"""
  c: Int

  "\nleading newline"
  d: Int

  "trailing newline\n"
  e: Int

  "  indented\n  both"
  f: Int

  "has \u0001 control"
  g: Int

  "carriage \r return"
  h: Int

  """
  quote at end"
  """
  i: Int

  """
  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  """
  j: Int

  """"""
  l(
    """arg doc"""
    x: Int = 1

    """"""
    y: String
    z: Int @deprecated
  ): Int
  m(x: Int, y: Int): Int
  n(
    x: Int

    """second arg doc"""
    y: Int
  ): Int
}

"""Enum doc"""
enum E {
  """A doc"""
  A

  """B doc"""
  B @deprecated(reason: "use A")
  C @deprecated
  D @deprecated
}

input I @oneOf {
  """x doc"""
  x: Int @deprecated(reason: "gone")
  y: String
}

scalar Url @specifiedBy(url: "https://example.com/\"url\"")

interface Node {
  id: ID!
}

interface Named implements Node {
  id: ID!
  name: String
}

"""union doc"""
union U = Thing | Other

type Thing implements Named & Node {
  id: ID!
  name: String
  e: E
  i(x: I): Url
  u: U
}

type Other {
  x: Int
})X");
}

TEST(SchemaPrinterTest, SchemaDefinitionOnlyForNonDefaultRootNames) {
  EXPECT_EQ(printed(R"(
schema { query: Q mutation: M }
type Q { a: Int }
type M { b: Int }
type Subscription { c: Int }
)"),
            R"(schema {
  query: Q
  mutation: M
}

type Q {
  a: Int
}

type M {
  b: Int
}

type Subscription {
  c: Int
})");
}

TEST(SchemaPrinterTest, OmitsDefaultRootsAndRedefinedSpecifiedDirectives) {
  EXPECT_EQ(printed(R"(
schema { query: Query subscription: Subscription }
type Query { a: Int }
type Subscription { c: Int }
directive @deprecated(reason: String) on FIELD_DEFINITION
)"),
            R"(type Query {
  a: Int
}

type Subscription {
  c: Int
})");
}

TEST(SchemaPrinterTest, PrintTypePrintsOneType) {
  auto schema = Schema::fromSdl("type Query { a(x: Int = 1): [String!] @deprecated }");
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(printType(**schema, *(*schema)->type("Query")),
            "type Query {\n  a(x: Int = 1): [String!] @deprecated\n}");
}

TEST(SchemaPrinterTest, BlockStringPrintabilityFollowsGraphqlJs) {
  EXPECT_TRUE(isPrintableAsBlockString(""));
  EXPECT_TRUE(isPrintableAsBlockString("a\n  b"));
  EXPECT_FALSE(isPrintableAsBlockString("\na"));     // leading new line
  EXPECT_FALSE(isPrintableAsBlockString("a\n"));     // trailing empty line
  EXPECT_FALSE(isPrintableAsBlockString(" a\n b"));  // common indent
  EXPECT_FALSE(isPrintableAsBlockString("a\rb"));    // \r would become \n
  EXPECT_FALSE(isPrintableAsBlockString("a\x01"));   // control character
  EXPECT_TRUE(isPrintableAsBlockString("a\x10"));    // graphql-js lets 0x10..0x1F through
}

}  // namespace
}  // namespace plexus::graphql
