// Tests for entity collection, representation projection and rewrites.
#include "src/execution/entities.h"

#include <gtest/gtest.h>

#include "src/execution/execution_test_support.h"
#include "src/execution/rewrites.h"

namespace plexus::execution {
namespace {

const graphql::Schema& schema() { return test::testSupergraph()->schema(); }

json::ArenaValue tree(Arena& arena, std::string_view text) {
  auto parsed = json::parseInto(arena, text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? *parsed : json::ArenaValue();
}

std::string paths(const EntityList& entities) {
  std::string out;
  for (size_t i = 0; i < entities.size(); ++i) {
    graphql::GraphQLError e;
    e.path = toErrorPath(entities.path(i));
    e.message = "x";
    out += json::serialize(*e.toJson().find("path"));
  }
  return out;
}

TEST(EntitiesTest, CollectsThroughListsWithConcretePaths) {
  Arena arena;
  json::ArenaValue data =
      tree(arena, R"({"a":[{"b":[{"id":1},null,{"id":2}]},{"b":null},{"c":1}],"x":[[{"id":3}]]})");
  EntityList entities;
  federation::MergePath first = federation::parseMergePath("a.@.b.@");
  federation::MergePath second = federation::parseMergePath("x.@.@");
  collectEntities(schema(), data, first, entities);
  collectEntities(schema(), data, second, entities);
  EXPECT_EQ(paths(entities), R"(["a",0,"b",0]["a",0,"b",2]["x",0,0])");
  EXPECT_EQ(json::serialize(entities.value(1)), R"({"id":2})");
}

TEST(EntitiesTest, TypeConditionsFilterByTypename) {
  Arena arena;
  json::ArenaValue data = tree(
      arena,
      R"({"s":[{"__typename":"User"},{"__typename":"Product"},{}],"n":{"__typename":"User"}})");
  EntityList entities;
  federation::MergePath list = federation::parseMergePath("s.@|[Product]");
  federation::MergePath other = federation::parseMergePath("n|[Product]");
  federation::MergePath both = federation::parseMergePath("n|[User,Product]");
  collectEntities(schema(), data, list, entities);
  collectEntities(schema(), data, other, entities);
  collectEntities(schema(), data, both, entities);
  EXPECT_EQ(paths(entities), R"(["s",1]["n"])");
}

TEST(EntitiesTest, ResolvePathFollowsKeysAndIndexes) {
  Arena arena;
  json::ArenaValue data = tree(arena, R"({"a":[{"b":1},{"b":2}]})");
  std::vector<PathStep> path{{"a", -1}, {{}, 1}, {"b", -1}};
  ASSERT_NE(resolvePath(data, path), nullptr);
  EXPECT_EQ(resolvePath(data, path)->asInt(), 2);
  path[1].index = 5;
  EXPECT_EQ(resolvePath(data, path), nullptr);
}

TEST(EntitiesTest, ProjectionMatchesFragmentsByPossibleTypes) {
  Arena arena;
  auto requires_set = test::requires_("{ ... on Node { __typename id } ... on Product { title } }");
  json::ArenaValue product =
      tree(arena, R"({"__typename":"Product","title":"Lamp","price":3,"id":"p"})");
  EXPECT_EQ(json::serialize(projectRequires(arena, schema(), requires_set, product)),
            R"({"__typename":"Product","id":"p","title":"Lamp"})");
  json::ArenaValue review = tree(arena, R"({"__typename":"Review","id":"r"})");
  EXPECT_TRUE(projectRequires(arena, schema(), requires_set, review).isNull());
}

TEST(EntitiesTest, ProjectionFailsWithoutTypenameOrWithMissingOrNullKeys) {
  Arena arena;
  auto requires_set = test::requires_("{ ... on User { __typename id name } }");
  EXPECT_TRUE(
      projectRequires(arena, schema(), requires_set, tree(arena, R"({"id":"1","name":"A"})"))
          .isNull());
  EXPECT_TRUE(projectRequires(arena, schema(), requires_set,
                              tree(arena, R"({"__typename":"User","name":"A"})"))
                  .isNull());
  EXPECT_TRUE(projectRequires(arena, schema(), requires_set,
                              tree(arena, R"({"__typename":"User","id":null,"name":"A"})"))
                  .isNull());
  // `name` is nullable: a null is a value to send.
  EXPECT_EQ(json::serialize(
                projectRequires(arena, schema(), requires_set,
                                tree(arena, R"({"__typename":"User","id":"1","name":null})"))),
            R"({"__typename":"User","id":"1","name":null})");
}

TEST(EntitiesTest, ProjectionOfNestedListsKeepsOnlySelectedFields) {
  Arena arena;
  auto requires_set = test::requires_("{ ... on User { __typename id friends { id } } }");
  json::ArenaValue user =
      tree(arena, R"({"__typename":"User","id":"1","friends":[{"id":"2","name":"B"},{"id":"3"}]})");
  EXPECT_EQ(json::serialize(projectRequires(arena, schema(), requires_set, user)),
            R"({"__typename":"User","id":"1","friends":[{"id":"2"},{"id":"3"}]})");
}

TEST(EntitiesTest, RepresentationsAreDeduplicatedAfterInputRewrites) {
  Arena arena;
  json::ArenaValue data =
      tree(arena, R"({"l":[{"__typename":"User","id":"1"},{"__typename":"Product","id":"1"},)"
                  R"({"__typename":"User","id":"2"},{"__typename":"User","id":"1"}]})");
  EntityList entities;
  federation::MergePath path = federation::parseMergePath("l.@");
  collectEntities(schema(), data, path, entities);
  federation::DataRewrite setter;
  setter.path = {"... on Node", "__typename"};
  setter.set_value_to = "Node";
  Representations reps = buildRepresentations(
      arena, schema(), entities, test::requires_("{ ... on Node { __typename id } }"), {setter});
  EXPECT_EQ(reps.json, R"([{"__typename":"Node","id":"1"},{"__typename":"Node","id":"2"}])");
  EXPECT_EQ(reps.count, 2u);
  EXPECT_EQ(reps.entity_rep, (std::vector<int32_t>{0, 0, 1, 0}));
  // The data keeps its own type names.
  EXPECT_EQ(json::serialize(data),
            R"({"l":[{"__typename":"User","id":"1"},{"__typename":"Product","id":"1"},)"
            R"({"__typename":"User","id":"2"},{"__typename":"User","id":"1"}]})");
}

// Without input rewrites, buildRepresentations writes representations straight to JSON; it must
// send exactly what the tree projection (projectRequires, then serialize) gives.
TEST(EntitiesTest, DirectRepresentationsMatchTheTreeProjection) {
  struct Case {
    std::string_view requires_text;
    std::string_view entity;
  };
  const Case cases[] = {
      {"{ ... on User { __typename id } }", R"({"__typename":"User","id":"1","name":"A"})"},
      {"{ ... on Node { __typename id } ... on Product { title } }",
       R"({"__typename":"Product","title":"Lamp","price":3,"id":"p"})"},
      {"{ ... on Node { __typename id } ... on Product { title } }",
       R"({"__typename":"Review","id":"r"})"},
      // A key selected twice merges (fragments, or nested selections of one field).
      {"{ ... on Node { __typename id } ... on Product { __typename id title } }",
       R"({"__typename":"Product","title":"Lamp","id":"p"})"},
      {"{ ... on User { __typename id friends { id } friends { name } } }",
       R"({"__typename":"User","id":"1","friends":[{"id":"2","name":"B"},null]})"},
      {"{ ... on User { __typename id friends { id } } }",
       R"({"__typename":"User","id":"1","friends":[{"id":"2","name":"B"},null,{"id":"3"}]})"},
      {"{ ... on User { __typename id friends { id } } }",
       R"({"__typename":"User","id":"1","friends":[{"name":"B"}]})"},
      {"{ ... on User { __typename id name } }", R"({"__typename":"User","id":"1","name":null})"},
      {"{ ... on User { __typename id name } }", R"({"__typename":"User","id":null,"name":"A"})"},
      {"{ ... on User { __typename id name } }", R"({"__typename":"User","name":"A"})"},
      {"{ ... on User { __typename id } }", R"({"id":"1"})"},
      {"{ __typename id }", R"({"__typename":"","id":"1"})"},
      {"{ __typename id }", R"({"__typename":null,"id":"1"})"},
      {"{ id __typename }", R"({"__typename":"User","id":{"deep":["x\"y",1.5,true]}})"},
      {"{ __typename id }", R"("not an object")"},
  };
  for (const Case& c : cases) {
    Arena arena;
    auto requires_set = test::requires_(c.requires_text);
    json::ArenaValue entity = tree(arena, c.entity);
    json::ArenaValue projected = projectRequires(arena, schema(), requires_set, entity);
    std::string want = projected.isNull() ? "[]" : "[" + json::serialize(projected) + "]";
    EntityList entities;
    entities.add({}, entity);
    entities.add({}, entity);  // the same representation twice: sent once
    Representations reps = buildRepresentations(arena, schema(), entities, requires_set, {});
    EXPECT_EQ(reps.json, want) << c.requires_text << " " << c.entity;
    EXPECT_EQ(reps.count, projected.isNull() ? 0u : 1u);
    int32_t rep = projected.isNull() ? -1 : 0;
    EXPECT_EQ(reps.entity_rep, (std::vector<int32_t>{rep, rep}));
  }
}

TEST(EntitiesTest, MergeFollowsPathsAgainAfterTheTreeMoved) {
  Arena arena;
  json::ArenaValue data = tree(arena, R"({"u":[{"__typename":"User","id":"1"}]})");
  EntityList entities;
  federation::MergePath path = federation::parseMergePath("u.@");
  collectEntities(schema(), data, path, entities);
  // Another fetch adds root keys meanwhile: the root's storage moves.
  for (int i = 0; i < 20; ++i) {
    data.set(arena, "k" + std::to_string(i), json::ArenaValue::integer(i));
  }
  json::ArenaValue answers = tree(arena, R"([{"score":5}])");
  mergeEntities(arena, schema(), data, entities, {0}, answers, {});
  EXPECT_EQ(json::serialize(*data.find("u")), R"([{"__typename":"User","id":"1","score":5}])");
}

TEST(EntitiesTest, KeyRenamerRenamesAndValueSetterSets) {
  Arena arena;
  json::ArenaValue value =
      tree(arena, R"({"__typename":"User","a__alias":1,"list":[{"x":1},{"x":2}],"b":2})");
  federation::DataRewrite rename;
  rename.kind = federation::DataRewrite::Kind::kKeyRenamer;
  rename.path = {"... on User", "a__alias"};
  rename.rename_key_to = "a";
  federation::DataRewrite replace = rename;
  replace.path = {"b"};
  replace.rename_key_to = "a";  // `a` exists now: the value moves over it
  federation::DataRewrite set;
  set.path = {"list", "x"};
  set.set_value_to = "s";
  federation::DataRewrite skipped = set;
  skipped.path = {"... on Product", "zz"};
  applyRewrites(arena, schema(), {rename, replace, set, skipped}, value);
  EXPECT_EQ(json::serialize(value), R"({"__typename":"User","a":2,"list":[{"x":"s"},{"x":"s"}]})");
}

TEST(EntitiesTest, MergePathPrefixStopsAtTheFirstList) {
  auto prefix = mergePathPrefix(federation::parseMergePath("a.b|[T].@.c"));
  ASSERT_EQ(prefix.size(), 2u);
  EXPECT_EQ(std::get<std::string>(prefix[0]), "a");
  EXPECT_EQ(std::get<std::string>(prefix[1]), "b");
}

}  // namespace
}  // namespace plexus::execution
