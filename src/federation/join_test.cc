// What the join spec's directives say, as read into TypeInfo / FieldInfo.
#include <gtest/gtest.h>

#include "src/federation/supergraph.h"
#include "src/federation/supergraph_test_support.h"
#include "src/graphql/printer.h"

namespace plexus::federation {
namespace {

using test::positionOf;
using test::supergraph;

std::shared_ptr<const Supergraph> load(const std::string& sdl) {
  auto s = Supergraph::fromSdl(sdl);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? *s : nullptr;
}

std::string printed(const std::optional<FieldSet>& set) {
  return set ? graphql::print(*set->selection_set) : "<none>";
}

TEST(JoinTest, KeysPerSubgraphWithResolvableAndExtension) {
  auto s = load(supergraph(R"(
type Query @join__type(graph: A) { u: User @join__field(graph: A) }
type User
  @join__type(graph: A, key: "id")
  @join__type(graph: A, key: "org { id } login")
  @join__type(graph: B, key: "id", resolvable: false, extension: true) {
  id: ID!
  login: String @join__field(graph: A)
  org: Org @join__field(graph: A)
}
type Org @join__type(graph: A) { id: ID! }
)"));
  ASSERT_NE(s, nullptr);
  const TypeInfo* user = s->type("User");
  ASSERT_EQ(user->joins.size(), 3u);
  EXPECT_EQ(user->subgraphs, (std::vector<SubgraphId>{0, 1}));
  std::vector<const JoinType*> in_a = user->keysIn(0);
  ASSERT_EQ(in_a.size(), 2u);
  EXPECT_EQ(in_a[0]->key->text, "id");
  EXPECT_EQ(printed(in_a[1]->key), "{\n  org {\n    id\n  }\n  login\n}");
  const JoinType* in_b = user->keysIn(1).at(0);
  EXPECT_FALSE(in_b->resolvable);
  EXPECT_TRUE(in_b->extension);
  EXPECT_TRUE(in_a[0]->resolvable);
  EXPECT_FALSE(user->isInSubgraph(2));
}

TEST(JoinTest, FieldDirectivesRequiresProvidesOverrideAndType) {
  auto s = load(supergraph(R"S(
type Query @join__type(graph: A) @join__type(graph: B) {
  top: [Product] @join__field(graph: B, provides: "name")
}
type Product @join__type(graph: A, key: "upc") @join__type(graph: B, key: "upc") {
  upc: String!
  name: String @join__field(graph: A) @join__field(graph: B, external: true)
  weight(unit: String): Int @join__field(graph: A)
  ship: Int @join__field(graph: B, requires: "weight(unit: \"kg\")", type: "Int!")
  price: Int @join__field(graph: A, override: "b", overrideLabel: "percent(5)")
             @join__field(graph: B, overrideLabel: "percent(5)")
  stock: Int @join__field(graph: A, override: "b") @join__field(graph: B, usedOverridden: true)
  ghost: Int @join__field
}
)S"));
  ASSERT_NE(s, nullptr);
  const FieldInfo* top = s->field("Query", "top");
  EXPECT_EQ(printed(top->joinFor(1)->provides_fields), "{\n  name\n}");

  const FieldInfo* ship = s->field("Product", "ship");
  EXPECT_EQ(printed(ship->joinFor(1)->requires_fields), "{\n  weight(unit: \"kg\")\n}");
  EXPECT_EQ(graphql::types::print(ship->joinFor(1)->type), "Int!");
  EXPECT_EQ(s->field("Product", "name")->joinFor(0)->type, nullptr);

  const FieldInfo* price = s->field("Product", "price");
  EXPECT_EQ(price->joinFor(0)->override_from, "b");
  EXPECT_EQ(price->joinFor(0)->override_label, "percent(5)");
  EXPECT_EQ(price->joinFor(1)->override_label, "percent(5)");
  EXPECT_TRUE(s->field("Product", "stock")->joinFor(1)->used_overridden);
  // Progressive override (composition labels both entries): either may serve it, the label
  // decides per request; a plain override leaves the old subgraph only a used leftover.
  EXPECT_TRUE(price->isResolvableIn(1));
  EXPECT_FALSE(s->field("Product", "stock")->isResolvableIn(1));
  EXPECT_TRUE(s->field("Product", "stock")->isResolvableIn(0));

  // @join__field without a graph: in no subgraph through it.
  const FieldInfo* ghost = s->field("Product", "ghost");
  ASSERT_EQ(ghost->joins.size(), 1u);
  EXPECT_FALSE(ghost->joins[0].graph.has_value());
  EXPECT_TRUE(ghost->subgraphs.empty());
}

TEST(JoinTest, InterfaceObjectsImplementsUnionMembersAndEnumValues) {
  auto s = load(supergraph(R"(
type Query @join__type(graph: A) { m: Media s: Search e: Kind }
interface Media @join__type(graph: A, key: "id") @join__type(graph: B, key: "id", isInterfaceObject: true) {
  id: ID!
  rating: Int @join__field(graph: B)
}
type Book implements Media @join__implements(graph: A, interface: "Media") @join__type(graph: A, key: "id") {
  id: ID!
  rating: Int @join__field
}
union Search @join__type(graph: A) @join__unionMember(graph: A, member: "Book") = Book
enum Kind @join__type(graph: A) @join__type(graph: B) {
  PAPER @join__enumValue(graph: A) @join__enumValue(graph: B)
  EBOOK @join__enumValue(graph: A)
}
)"));
  ASSERT_NE(s, nullptr);
  const TypeInfo* media = s->type("Media");
  EXPECT_TRUE(media->isInterfaceObjectIn(1));
  EXPECT_FALSE(media->isInterfaceObjectIn(0));
  const TypeInfo* book = s->type("Book");
  ASSERT_EQ(book->implements.size(), 1u);
  EXPECT_EQ(book->implements[0].type_name, "Media");
  EXPECT_EQ(s->type("Search")->union_members.at(0).type_name, "Book");
  const TypeInfo* kind = s->type("Kind");
  EXPECT_EQ(kind->value("PAPER")->subgraphs, (std::vector<SubgraphId>{0, 1}));
  EXPECT_EQ(kind->value("EBOOK")->subgraphs, (std::vector<SubgraphId>{0}));
}

TEST(JoinTest, ContextArgumentsAndJoinDirectives) {
  auto s = load(supergraph(R"(
type Query @join__type(graph: A) @join__directive(graphs: [A, B], name: "cache", args: {maxAge: 5}) {
  u: U @join__field(graph: A, contextArguments: [{name: "n", type: "String", context: "A__ctx", selection: "{ name }"}])
}
type U @join__type(graph: A) { name: String }
)"));
  ASSERT_NE(s, nullptr);
  const JoinField* join = s->field("Query", "u")->joinFor(0);
  ASSERT_EQ(join->context_arguments.size(), 1u);
  EXPECT_EQ(join->context_arguments[0].context, "A__ctx");
  EXPECT_EQ(join->context_arguments[0].selection, "{ name }");
  const JoinDirective& cache = s->type("Query")->directives.at(0);
  EXPECT_EQ(cache.name, "cache");
  EXPECT_EQ(cache.graphs, (std::vector<SubgraphId>{0, 1}));
  EXPECT_EQ(graphql::print(*cache.args), "{maxAge: 5}");
}

TEST(JoinTest, TagsAndInaccessibleUnderTheirLinkedNames) {
  const std::string links =
      "  @link(url: \"https://specs.apollo.dev/tag/v0.3\", as: \"label\")\n"
      "  @link(url: \"https://specs.apollo.dev/inaccessible/v0.2\", import: "
      "[{name: \"@inaccessible\", as: \"@hidden\"}], for: SECURITY)\n";
  const std::string definitions =
      "directive @label(name: String!) repeatable on FIELD_DEFINITION | OBJECT | ENUM_VALUE\n"
      "directive @hidden on FIELD_DEFINITION | OBJECT | ENUM_VALUE\n";
  auto s = load(supergraph(R"(
type Query @join__type(graph: A) @label(name: "public") @label(name: "v2") {
  a: Int @hidden
  b: E @label(name: "beta")
}
enum E @join__type(graph: A) { X Y @hidden }
)",
                           links, definitions));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->tagDirectiveName(), "label");
  EXPECT_EQ(s->inaccessibleDirectiveName(), "hidden");
  EXPECT_EQ(s->type("Query")->tags, (std::vector<std::string_view>{"public", "v2"}));
  EXPECT_EQ(s->field("Query", "b")->tags, (std::vector<std::string_view>{"beta"}));
  EXPECT_TRUE(s->field("Query", "a")->inaccessible);
  EXPECT_FALSE(s->field("Query", "b")->inaccessible);
  EXPECT_TRUE(s->type("E")->value("Y")->inaccessible);
}

TEST(JoinTest, JoinV01TypesWithoutJoinTypeAreEverywhere) {
  auto s = load(supergraph(R"(
type Query { me: User @join__field(graph: A) }
type User @join__owner(graph: A) @join__type(graph: A, key: "id") { id: ID! }
enum Color { RED }
)",
                           "", "", "https://specs.apollo.dev/join/v0.1"));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type("Color")->subgraphs, (std::vector<SubgraphId>{0, 1}));
  EXPECT_EQ(s->type("User")->owner, 0u);
}

TEST(JoinTest, LaterJoinVersionsNeedJoinTypeOnEveryType) {
  std::string sdl = supergraph("type Query @join__type(graph: A) { c: Color }\nenum Color { RED }");
  auto s = Supergraph::fromSdl(sdl);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "supergraph.graphql:" + positionOf(sdl, "enum Color") +
                ": Missing @join__type on type \"Color\": every type of a supergraph names its "
                "subgraphs.");
}

TEST(JoinTest, FieldOfASubgraphThatLacksTheType) {
  std::string sdl =
      supergraph("type Query @join__type(graph: A) { a: Int @join__field(graph: B) }");
  auto s = Supergraph::fromSdl(sdl);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "supergraph.graphql:" + positionOf(sdl, "B) }") +
                ": Invalid @join__field on \"Query.a\": subgraph \"b\" does not define type "
                "\"Query\" (no @join__type for it).");
}

}  // namespace
}  // namespace plexus::federation
