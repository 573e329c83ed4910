#include "src/federation/supergraph.h"

#include <gtest/gtest.h>

#include "src/federation/supergraph_test_support.h"
#include "src/graphql/printer.h"

namespace plexus::federation {
namespace {

using test::positionOf;
using test::supergraph;

std::shared_ptr<const Supergraph> load(const std::string& sdl, const LoadOptions& options = {}) {
  auto s = Supergraph::fromSdl(sdl, "supergraph.graphql", options);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : nullptr;
}

std::string loadError(const std::string& sdl, const LoadOptions& options = {}) {
  auto s = Supergraph::fromSdl(sdl, "supergraph.graphql", options);
  EXPECT_FALSE(s.ok());
  return s.ok() ? "" : s.status().message();
}

const std::string kProducts = R"(
type Query @join__type(graph: A) @join__type(graph: B) {
  products: [Product] @join__field(graph: A)
}
type Product @join__type(graph: A, key: "upc") @join__type(graph: B, key: "upc") {
  upc: String!
  name: String @join__field(graph: A)
  price: Int @join__field(graph: A) @join__field(graph: B, external: true)
  tax: Int @join__field(graph: B, requires: "price")
}
)";

TEST(SupergraphTest, ListsSubgraphsInJoinGraphOrder) {
  auto s = load(supergraph(kProducts));
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->subgraphs().size(), 2u);
  EXPECT_EQ(s->subgraph(0).name, "a");
  EXPECT_EQ(s->subgraph(0).url, "http://a");
  EXPECT_EQ(s->subgraph(1).enum_value, "B");
  EXPECT_EQ(s->subgraphNamed("b")->id, 1u);
  EXPECT_EQ(s->subgraphForEnumValue("A")->name, "a");
  EXPECT_EQ(s->subgraphNamed("c"), nullptr);
  EXPECT_EQ(s->joinVersion(), (FeatureVersion{0, 5}));
}

TEST(SupergraphTest, IndexesOnlyTheSupergraphsOwnTypes) {
  auto s = load(supergraph(kProducts));
  ASSERT_NE(s, nullptr);
  std::vector<std::string_view> names;
  for (const TypeInfo* t : s->types()) names.push_back(t->name());
  EXPECT_EQ(names, (std::vector<std::string_view>{"Query", "Product"}));
  EXPECT_EQ(s->type("join__Graph"), nullptr);
  EXPECT_EQ(s->type("String"), nullptr);
  ASSERT_NE(s->schema().type("join__Graph"), nullptr);  // still in the supergraph schema
  EXPECT_EQ(s->apiSchema().type("join__Graph"), nullptr);
}

TEST(SupergraphTest, TellsWhereFieldsResolve) {
  auto s = load(supergraph(kProducts));
  ASSERT_NE(s, nullptr);
  const FieldInfo* upc = s->field("Product", "upc");
  const FieldInfo* price = s->field("Product", "price");
  const FieldInfo* tax = s->field("Product", "tax");
  ASSERT_TRUE(upc && price && tax);
  // No @join__field: in every subgraph that defines the type, and so shareable.
  EXPECT_EQ(upc->subgraphs, (std::vector<SubgraphId>{0, 1}));
  EXPECT_TRUE(upc->isShareable());
  // External in B: part of B's schema, resolved only by A.
  EXPECT_TRUE(price->isInSubgraph(1));
  EXPECT_TRUE(price->isResolvableIn(0));
  EXPECT_FALSE(price->isResolvableIn(1));
  EXPECT_FALSE(price->isShareable());
  EXPECT_EQ(graphql::print(*tax->joinFor(1)->requires_fields->selection_set), "{\n  price\n}");
  EXPECT_FALSE(tax->isInSubgraph(0));
  EXPECT_EQ(s->field("Product", "nope"), nullptr);
}

TEST(SupergraphTest, ReportsSyntaxErrorsWithTheirPosition) {
  EXPECT_EQ(loadError("schema @link(url: \"https://specs.apollo.dev/link/v1.0\") {\n  query Q\n}"),
            "supergraph.graphql:2:9: Syntax Error: Expected \":\", found Name \"Q\".");
}

TEST(SupergraphTest, RequiresTheJoinSpec) {
  std::string sdl =
      "schema\n  @link(url: \"https://specs.apollo.dev/link/v1.0\")\n{ query: Query }"
      "\ntype Query { a: Int }";
  EXPECT_EQ(loadError(sdl),
            "supergraph.graphql:2:3: Invalid supergraph: must use the join spec "
            "(https://specs.apollo.dev/join/v0.1 to v0.5)");
}

TEST(SupergraphTest, NamesTheUnsupportedJoinVersionAndTheSupportedOnes) {
  std::string sdl = supergraph(kProducts, "", "", "https://specs.apollo.dev/join/v0.6");
  EXPECT_EQ(loadError(sdl),
            "supergraph.graphql:" + positionOf(sdl, "@link(url: \"https://specs.apollo.dev/join") +
                ": Invalid supergraph: uses unsupported join spec version v0.6 "
                "(supported versions: v0.1, v0.2, v0.3, v0.4, v0.5)");
}

TEST(SupergraphTest, RefusesUnsupportedFeaturesForExecutionOrSecurity) {
  const std::string link =
      "  @link(url: \"https://specs.apollo.dev/connect/v0.1\", for: EXECUTION)\n";
  std::string sdl = supergraph(kProducts, link);
  EXPECT_EQ(loadError(sdl), "supergraph.graphql:" +
                                positionOf(sdl, "@link(url: \"https://specs.apollo.dev/connect") +
                                ": feature https://specs.apollo.dev/connect/v0.1 is for: "
                                "EXECUTION but is unsupported");
  // The same feature without a purpose is only metadata: accepted.
  EXPECT_NE(
      load(supergraph(kProducts, "  @link(url: \"https://specs.apollo.dev/connect/v0.1\")\n")),
      nullptr);
  // A caller may accept it.
  LoadOptions options;
  options.supported_features = {"https://specs.apollo.dev/join/v0.5",
                                "https://specs.apollo.dev/connect/v0.1"};
  EXPECT_NE(load(sdl, options), nullptr);
}

TEST(SupergraphTest, ReportsInvalidSchemasAsGraphqlJsDoes) {
  std::string sdl = supergraph("type Query @join__type(graph: A) { a: Missing }");
  EXPECT_EQ(loadError(sdl),
            "supergraph.graphql:" + positionOf(sdl, "Missing") + ": Unknown type \"Missing\".");
}

TEST(SupergraphTest, ReportsJoinErrorsTogether) {
  std::string sdl = supergraph(R"(
type Query @join__type(graph: A) @join__type(graph: C) {
  a: Int @join__field(graph: D)
}
)");
  EXPECT_EQ(loadError(sdl), "supergraph.graphql:" + positionOf(sdl, "C)") +
                                ": Unknown graph C in @join__type (join__Graph has A, B).\n"
                                "supergraph.graphql:" +
                                positionOf(sdl, "D)") +
                                ": Unknown graph D in @join__field (join__Graph has A, B).");
}

TEST(SupergraphTest, EveryGraphValueNeedsJoinGraph) {
  std::string sdl = supergraph("type Query @join__type(graph: A) { a: Int }");
  const std::string anchor = "}\nscalar link__Import";
  sdl.replace(sdl.find(anchor), anchor.size(), "  C\n" + anchor);
  EXPECT_EQ(loadError(sdl), "supergraph.graphql:" + positionOf(sdl, "C\n}") +
                                ": Value join__Graph.C has no @join__graph directive.");
}

TEST(SupergraphTest, IsSharedAsAnImmutableValue) {
  auto s = load(supergraph(kProducts));
  ASSERT_NE(s, nullptr);
  std::shared_ptr<const graphql::Schema> api = s->apiSchemaPtr();
  s.reset();
  // The API schema outlives the supergraph it came from.
  ASSERT_NE(api->type("Product"), nullptr);
  EXPECT_NE(api->type("Product")->field("tax"), nullptr);
}

}  // namespace
}  // namespace plexus::federation
