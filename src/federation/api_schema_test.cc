#include "src/federation/api_schema.h"

#include <gtest/gtest.h>

#include "src/federation/supergraph.h"
#include "src/federation/supergraph_test_support.h"
#include "src/graphql/schema_printer.h"

namespace plexus::federation {
namespace {

using test::positionOf;
using test::supergraph;

const std::string kCustomDirectives = R"(
"Custom, not linked."
directive @custom(why: String) on FIELD_DEFINITION
directive @defer(label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT
directive @upper on FIELD
)";

const std::string kTypes = R"(
"The root."
type Query @join__type(graph: A) @join__type(graph: B) {
  a(first: Int = 5): Int @custom(why: "because") @deprecated(reason: "old") @join__field(graph: A)
  b: B @join__field(graph: B)
}
type B @join__type(graph: B, key: "id") { id: ID! }
)";

TEST(ApiSchemaTest, DropsJoinAndLinkMachineryKeepsTheRest) {
  auto s = Supergraph::fromSdl(supergraph(kTypes, "", kCustomDirectives));
  ASSERT_TRUE(s.ok()) << s.status().message();
  auto sdl = apiSchemaSdl(**s);
  ASSERT_TRUE(sdl.ok()) << sdl.status().message();
  // The supergraph's own definitions, filtered, in document order; custom @defer is gone.
  EXPECT_EQ(*sdl, R"(schema {
  query: Query
}

"Custom, not linked."
directive @custom(why: String) on FIELD_DEFINITION

directive @upper on FIELD

"The root."
type Query {
  a(first: Int = 5): Int @custom(why: "because") @deprecated(reason: "old")
  b: B
}

type B {
  id: ID!
})");
  EXPECT_EQ(graphql::printSchema((*s)->apiSchema()), R"("""Custom, not linked."""
directive @custom(why: String) on FIELD_DEFINITION

directive @upper on FIELD

"""The root."""
type Query {
  a(first: Int = 5): Int @deprecated(reason: "old")
  b: B
}

type B {
  id: ID!
})");
}

TEST(ApiSchemaTest, AddsDeferAndStreamOnRequest) {
  LoadOptions options;
  options.api_include_defer = true;
  options.api_include_stream = true;
  auto s = Supergraph::fromSdl(supergraph(kTypes, "", kCustomDirectives), "s.graphql", options);
  ASSERT_TRUE(s.ok()) << s.status().message();
  const graphql::DirectiveDef* defer = (*s)->apiSchema().directive("defer");
  ASSERT_NE(defer, nullptr);
  EXPECT_EQ(graphql::printDirective((*s)->apiSchema(), *defer),
            "directive @defer(label: String, if: Boolean! = true) on FRAGMENT_SPREAD | "
            "INLINE_FRAGMENT");
  EXPECT_NE((*s)->apiSchema().directive("stream"), nullptr);
  // Without the option there is none: the supergraph's own @defer is not the API's.
  auto plain = Supergraph::fromSdl(supergraph(kTypes, "", kCustomDirectives));
  EXPECT_EQ((*plain)->apiSchema().directive("defer"), nullptr);
}

TEST(ApiSchemaTest, RemovesEveryLinkedFeaturesDefinitions) {
  const std::string links =
      "  @link(url: \"https://myspecs.dev/cache/v1.0\", import: [\"@cacheControl\", \"Scope\"])\n";
  const std::string definitions =
      "directive @cacheControl(scope: Scope) on FIELD_DEFINITION\nenum Scope { PUBLIC }\n"
      "directive @cache__hint on FIELD_DEFINITION\n";
  auto s = Supergraph::fromSdl(supergraph(
      "type Query @join__type(graph: A) { a: Int @cacheControl(scope: PUBLIC) @cache__hint }",
      links, definitions));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(graphql::printSchema((*s)->apiSchema()), "type Query {\n  a: Int\n}");
}

TEST(ApiSchemaTest, AKeptFieldMayNotUseAFeatureType) {
  std::string sdl = supergraph("type Query @join__type(graph: A) { a: Int graph: join__Graph }");
  auto s = Supergraph::fromSdl(sdl);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "supergraph.graphql:" + positionOf(sdl, "graph: join__Graph }") +
                ": Cannot remove elements of feature https://specs.apollo.dev/join/v0.5 as "
                "feature type join__Graph is referenced by elements: Query.graph");
}

}  // namespace
}  // namespace plexus::federation
