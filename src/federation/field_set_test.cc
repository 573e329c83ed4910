// FieldSet strings (keys, requires, provides) and `@join__field(type:)` strings.
#include <gtest/gtest.h>

#include "src/federation/supergraph.h"
#include "src/federation/supergraph_test_support.h"

namespace plexus::federation {
namespace {

using test::positionOf;
using test::supergraph;

// The load error for `key` used as the key of User.
std::string keyError(const std::string& key) {
  std::string sdl = supergraph(R"(
type Query @join__type(graph: A) { u: User }
type User @join__type(graph: A, key: )" +
                               key + R"() { id: ID! org: Org }
type Org @join__type(graph: A) { id: ID! }
)");
  auto s = Supergraph::fromSdl(sdl);
  EXPECT_FALSE(s.ok());
  if (s.ok()) return {};
  return s.status().message();
}

std::string at(const std::string& sdl, std::string_view needle) {
  return "supergraph.graphql:" + positionOf(sdl, needle) + ": ";
}

TEST(FieldSetTest, KeyMustParseAsASelectionSet) {
  std::string sdl = supergraph(R"(
type Query @join__type(graph: A) { u: User }
type User @join__type(graph: A, key: "id {") { id: ID! }
)");
  auto s = Supergraph::fromSdl(sdl);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            at(sdl, "\"id {\"") +
                "Invalid field set \"id {\" in @join__type(key:) on \"User\": Syntax Error: "
                "Expected Name, found \"}\".");
}

TEST(FieldSetTest, KeyFieldsMustExistAndBeSelectedProperly) {
  EXPECT_NE(
      keyError("\"nope\"")
          .find("Invalid field set \"nope\" in @join__type(key:) on \"User\": Cannot query field "
                "\"nope\" on type \"User\"."),
      std::string::npos);
  EXPECT_NE(keyError("\"org\"").find("Field \"org\" of type \"Org\" must have a selection of "
                                     "subfields."),
            std::string::npos);
  EXPECT_NE(keyError("\"id { x }\"")
                .find("Field \"id\" must not have a selection since type "
                      "\"ID!\" has no subfields."),
            std::string::npos);
  EXPECT_NE(keyError("\"...F\"").find("Field sets cannot use named fragments."), std::string::npos);
  EXPECT_NE(keyError("\"id } { id\"").find("must be a selection set."), std::string::npos);
  EXPECT_NE(keyError("5").find("Invalid field set in @join__type(key:) on \"User\": must be a "
                               "string."),
            std::string::npos);
}

TEST(FieldSetTest, RequiresIsCheckedAgainstTheParentAndProvidesAgainstTheFieldType) {
  std::string sdl = supergraph(R"(
type Query @join__type(graph: A) { u: User @join__field(graph: A, provides: "org { name }") }
type User @join__type(graph: A) {
  id: ID!
  org: Org
  x: Int @join__field(graph: A, requires: "org { ... on Org { id } }")
}
type Org @join__type(graph: A) { id: ID! }
)");
  auto s = Supergraph::fromSdl(sdl);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            at(sdl, "\"org { name }\"") +
                "Invalid field set \"org { name }\" in @join__field on \"Query.u\" (provides): "
                "Cannot query field \"name\" on type \"Org\".");
}

TEST(FieldSetTest, SubgraphTypesMustBeWellFormedAndKnown) {
  auto typeError = [](std::string_view type) {
    std::string sdl = supergraph(
        "type Query @join__type(graph: A) { a: [Int] @join__field(graph: "
        "A, type: " +
        std::string(type) + ") }");
    auto s = Supergraph::fromSdl(sdl);
    return s.ok() ? std::string("ok") : s.status().message();
  };
  EXPECT_EQ(typeError("\"[Int!]!\""), "ok");
  EXPECT_NE(typeError("\"[Int\"").find(": Invalid type \"[Int\" in @join__field on \"Query.a\"."),
            std::string::npos);
  EXPECT_NE(typeError("\"Int!!\"").find("Invalid type \"Int!!\""), std::string::npos);
  EXPECT_NE(typeError("\"Nope\"").find(": Unknown type \"Nope\" in @join__field on \"Query.a\"."),
            std::string::npos);
}

}  // namespace
}  // namespace plexus::federation
