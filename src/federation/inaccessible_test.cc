// @inaccessible checks; each expected message is federation-internals' (checked with
// Supergraph.build(sdl).apiSchema() when written) behind our source position.
#include "src/federation/inaccessible.h"

#include <gtest/gtest.h>

#include "src/federation/supergraph.h"
#include "src/federation/supergraph_test_support.h"
#include "src/graphql/schema_printer.h"

namespace plexus::federation {
namespace {

using test::positionOf;

const std::string kLink =
    "  @link(url: \"https://specs.apollo.dev/inaccessible/v0.2\", for: SECURITY)\n";
const std::string kDefinition =
    "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | "
    "ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION\n";

std::string supergraph(std::string_view types) {
  return test::supergraph(types, kLink, kDefinition);
}

std::string at(const std::string& sdl, std::string_view needle) {
  return "supergraph.graphql:" + positionOf(sdl, needle) + ": ";
}

std::string loadError(const std::string& sdl) {
  auto s = Supergraph::fromSdl(sdl);
  EXPECT_FALSE(s.ok());
  return s.ok() ? "" : s.status().message();
}

TEST(InaccessibleTest, RemovesInaccessibleElementsEverywhere) {
  auto s = Supergraph::fromSdl(supergraph(R"(
type Query @join__type(graph: A) {
  a(x: Int @inaccessible, y: Int): Int
  hidden: Secret @inaccessible
  u: U
  n: Node
  f(i: I = {a: 1}): E
}
type Secret @join__type(graph: A) @inaccessible { a: Int }
union U @join__type(graph: A) = T | Secret
interface Node @join__type(graph: A) { id: ID! }
interface Private @join__type(graph: A) @inaccessible { id: ID! }
type T implements Node & Private @join__type(graph: A) { id: ID! }
input I @join__type(graph: A) { a: Int b: Int @inaccessible }
enum E @join__type(graph: A) { X Y @inaccessible }
)"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(graphql::printSchema((*s)->apiSchema()), R"(type Query {
  a(y: Int): Int
  u: U
  n: Node
  f(i: I = {a: 1}): E
}

union U = T

interface Node {
  id: ID!
}

type T implements Node {
  id: ID!
}

input I {
  a: Int
}

enum E {
  X
})");
}

TEST(InaccessibleTest, AnInaccessibleTypeMayNotBeReferencedFromTheApiSchema) {
  std::string sdl = supergraph(R"(
type Query @join__type(graph: A) { secret: Secret other: Int }
type Secret @join__type(graph: A) @inaccessible { a: Int }
)");
  EXPECT_EQ(loadError(sdl), at(sdl, "type Secret") +
                                "Type \"Secret\" is @inaccessible but is referenced by "
                                "\"Query.secret\", which is in the API schema.");
}

TEST(InaccessibleTest, TheQueryRootStays) {
  std::string sdl = supergraph("type Query @join__type(graph: A) @inaccessible { a: Int }");
  EXPECT_EQ(loadError(sdl), at(sdl, "type Query") +
                                "Type \"Query\" is @inaccessible but is the root query type, "
                                "which must be in the API schema.");
}

TEST(InaccessibleTest, ATypeInTheApiSchemaKeepsSomeChildren) {
  std::string sdl = supergraph(R"(
type Query @join__type(graph: A) { a: Int u: U e: E f(i: I): Int o: O }
type O @join__type(graph: A) { a: Int @inaccessible b: Int @inaccessible }
union U @join__type(graph: A) = O2
type O2 @join__type(graph: A) @inaccessible { x: Int }
enum E @join__type(graph: A) { X @inaccessible }
input I @join__type(graph: A) { x: Int @inaccessible }
)");
  EXPECT_EQ(loadError(sdl), at(sdl, "type O ") +
                                "Type \"O\" is in the API schema but all of its fields are "
                                "@inaccessible.\n" +
                                at(sdl, "union U") +
                                "Type \"U\" is in the API schema but all of its members "
                                "are @inaccessible.\n" +
                                at(sdl, "enum E") +
                                "Type \"E\" is in the API schema but all of its values are "
                                "@inaccessible.\n" +
                                at(sdl, "input I") +
                                "Type \"I\" is in the API schema but all of its input "
                                "fields are @inaccessible.");
}

TEST(InaccessibleTest, RequiredInputsInterfacesAndDefaultValues) {
  std::string sdl = supergraph(R"(
type Query @join__type(graph: A) { n: Node f(req: Int! @inaccessible, opt: Int @inaccessible): Int g(x: In = {a: 1, e: BAD}): Int }
interface Node @join__type(graph: A) { id: ID! name(x: Int @inaccessible): String }
type Thing implements Node @join__type(graph: A) { id: ID! @inaccessible name(x: Int): String }
input In @join__type(graph: A) { a: Int b: Int! @inaccessible e: En }
enum En @join__type(graph: A) { GOOD BAD @inaccessible }
)");
  EXPECT_EQ(loadError(sdl),
            at(sdl, "req:") +
                "Argument \"Query.f(req:)\" is @inaccessible but is a required "
                "argument of its field.\n" +
                at(sdl, "id: ID! @inaccessible") +
                "Field \"Thing.id\" is @inaccessible but implements the interface field "
                "\"Node.id\", which is in the API schema.\n" +
                at(sdl, "b: Int!") +
                "Input field \"In.b\" is @inaccessible but is a required "
                "input field of its type.\n" +
                at(sdl, "enum En") +
                "Enum value \"En.BAD\" is @inaccessible but is used in the "
                "default value of \"Query.g(x:)\", which is in the API "
                "schema.");
}

TEST(InaccessibleTest, DirectivesAndFeatureTypes) {
  std::string sdl = supergraph(R"(
type Query @join__type(graph: A) { a: Int }
directive @ts(x: Int @inaccessible) on FIELD_DEFINITION
directive @ex(x: Int! @inaccessible) on FIELD
enum join__Hidden @join__type(graph: A) { A @inaccessible }
)");
  EXPECT_EQ(loadError(sdl),
            at(sdl, "enum join__Hidden") +
                "Core feature type \"join__Hidden\" cannot use @inaccessible.\n" +
                at(sdl, "directive @ts") +
                "Directive \"@ts\" cannot use @inaccessible because it may be applied to these "
                "type-system locations: FIELD_DEFINITION.\n" +
                at(sdl, "x: Int! @inaccessible") +
                "Argument \"@ex(x:)\" is @inaccessible but is a required argument of its "
                "directive.");
}

TEST(InaccessibleTest, SpecVersionAndDefinitionAreChecked) {
  std::string newer = test::supergraph(
      "type Query @join__type(graph: A) { a: Int }",
      "  @link(url: \"https://specs.apollo.dev/inaccessible/v0.3\")\n", kDefinition);
  EXPECT_EQ(loadError(newer),
            at(newer, "@link(url: \"https://specs.apollo.dev/inaccessible") +
                "Cannot remove inaccessible elements: the schema uses unsupported inaccessible "
                "spec version v0.3 (supported versions: v0.1, v0.2)");
  std::string undefined = test::supergraph("type Query @join__type(graph: A) { a: Int }", kLink);
  EXPECT_EQ(loadError(undefined),
            at(undefined, "@link(url: \"https://specs.apollo.dev/inaccessible") +
                "Invalid schema: declares https://specs.apollo.dev/inaccessible/v0.2 spec but "
                "does not define a @inaccessible directive.");
  std::string v01 = test::supergraph(
      "type Query @join__type(graph: A) { a: Int }",
      "  @link(url: \"https://specs.apollo.dev/inaccessible/v0.1\")\n", kDefinition);
  EXPECT_NE(loadError(v01).find("Found invalid @inaccessible directive definition."),
            std::string::npos);
}

TEST(InaccessibleTest, NothingWithoutTheLink) {
  // Without the inaccessible spec linked, @inaccessible is an ordinary custom directive.
  std::string sdl = test::supergraph("type Query @join__type(graph: A) { a: Int @inaccessible }",
                                     "", "directive @inaccessible on FIELD_DEFINITION\n");
  auto s = Supergraph::fromSdl(sdl);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_TRUE(validateInaccessible(**s, "x").empty());
  EXPECT_EQ(graphql::printSchema((*s)->apiSchema()),
            "directive @inaccessible on FIELD_DEFINITION\n\ntype Query {\n  a: Int\n}");
}

}  // namespace
}  // namespace plexus::federation
