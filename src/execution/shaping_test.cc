// Tests for response shaping over merged data.
#include "src/execution/shaping.h"

#include <gtest/gtest.h>

#include "src/execution/execution_test_support.h"

namespace plexus::execution {
namespace {

struct Shaped {
  std::string data;
  std::string completion_errors;  // serialized list
  std::string errors;
};

std::string serializeErrors(const std::vector<graphql::GraphQLError>& errors) {
  json::Value list = json::Value::array();
  for (const graphql::GraphQLError& error : errors) list.push(error.toJson());
  return json::serialize(list);
}

Shaped shape(std::string_view query, std::string_view data, std::string_view variables = "{}",
             std::string_view operation_name = "") {
  auto document = graphql::parse(std::string(query));
  EXPECT_TRUE(document.ok()) << document.error().message;
  Arena arena;
  auto tree = json::parseInto(arena, data);
  EXPECT_TRUE(tree.ok()) << tree.status().message();
  auto shaped = shapeResponse(test::testSupergraph()->apiSchema(), document.document(),
                              operation_name, test::parseJson(variables), *tree);
  EXPECT_TRUE(shaped.ok()) << shaped.status().message();
  if (!shaped.ok()) return {};
  return {shaped->data, serializeErrors(shaped->completion_errors),
          serializeErrors(shaped->errors)};
}

TEST(ShapingTest, FollowsClientOrderAndAliasesAndLeavesOutUnselectedData) {
  Shaped s = shape("{ me { b: name id } count }",
                   R"({"count":1,"me":{"__typename":"User","id":"1","b":"Ann","extra":true}})");
  EXPECT_EQ(s.data, R"({"me":{"b":"Ann","id":"1"},"count":1})");
  EXPECT_EQ(s.completion_errors, "[]");
}

TEST(ShapingTest, MissingNullableFieldsAreNull) {
  EXPECT_EQ(shape("{ me { name status } count }", R"({"me":{}})").data,
            R"({"me":{"name":null,"status":null},"count":null})");
}

TEST(ShapingTest, TypenameAnswersTheRuntimeTypeAndTheRootName) {
  Shaped s = shape("{ __typename node(id: 1) { __typename t: __typename } me { __typename } }",
                   R"({"node":{"__typename":"Product"},"me":{}})");
  EXPECT_EQ(s.data, R"({"__typename":"Query","node":{"__typename":"Product","t":"Product"},)"
                    R"("me":{"__typename":"User"}})");
}

TEST(ShapingTest, FragmentsApplyByRuntimeTypeThroughInterfacesAndSpreads) {
  Shaped s = shape(R"(
      query { search { ...Named ... on Node { id } ... on Product { title } } }
      fragment Named on User { name })",
                   R"({"search":[{"__typename":"User","id":"u","name":"Ann","title":"no"},)"
                   R"({"__typename":"Product","id":"p","name":"no","title":"Lamp"}]})");
  EXPECT_EQ(s.data, R"({"search":[{"name":"Ann","id":"u"},{"id":"p","title":"Lamp"}]})");
}

TEST(ShapingTest, FieldsOfOneResponseKeyMergeTheirSelections) {
  Shaped s = shape("{ me { friends { id } } me { friends { name } } }",
                   R"({"me":{"friends":[{"id":"2","name":"Bob"}]}})");
  EXPECT_EQ(s.data, R"({"me":{"friends":[{"id":"2","name":"Bob"}]}})");
}

TEST(ShapingTest, SkipAndIncludeUseTheVariables) {
  const char* query =
      "query($yes: Boolean!, $no: Boolean!) { count @include(if: $no) me @skip(if: $no) { "
      "id @include(if: $yes) ... on User @skip(if: $yes) { name } } }";
  Shaped s =
      shape(query, R"({"count":1,"me":{"id":"1","name":"Ann"}})", R"({"yes":true,"no":false})");
  EXPECT_EQ(s.data, R"({"me":{"id":"1"}})");
}

TEST(ShapingTest, UnknownTypenameNullsTheObjectWithAnError) {
  Shaped s = shape("{ node(id: 1) { id } search { __typename } }",
                   R"({"node":{"__typename":"Secret","id":"1"},)"
                   R"("search":[{"__typename":"Review"}]})");
  EXPECT_EQ(s.data, R"({"node":null,"search":[null]})");
  EXPECT_EQ(s.completion_errors,
            R"([{"message":"Invalid __typename found for object at field Query.node.",)"
            R"("path":["node"],"extensions":{"code":"INVALID_GRAPHQL"}},)"
            R"({"message":"Invalid __typename found for object at array element of type )"
            R"(SearchResult at index 0.","path":["search",0],)"
            R"("extensions":{"code":"INVALID_GRAPHQL"}}])");
}

TEST(ShapingTest, EnumValuesMustExistInTheApiSchema) {
  Shaped s = shape("{ me { status } users { status } }",
                   R"({"me":{"status":"ACTIVE"},"users":[{"status":"HIDDEN"}]})");
  EXPECT_EQ(s.data, R"({"me":{"status":"ACTIVE"},"users":[{"status":null}]})");
  EXPECT_EQ(s.completion_errors,
            R"([{"message":"Invalid value found for field User.status.",)"
            R"("path":["users",0,"status"],"extensions":{"code":"INVALID_GRAPHQL"}}])");
}

TEST(ShapingTest, BuiltInScalarsAreCheckedAndCustomScalarsPassThrough) {
  Shaped s = shape("{ count products { id data } }",
                   R"({"count":"seven","products":[{"id":12,"data":{"any":[1,"x"]}}]})");
  EXPECT_EQ(s.data, R"({"count":null,"products":[{"id":12,"data":{"any":[1,"x"]}}]})");
  EXPECT_EQ(s.completion_errors,
            R"([{"message":"Invalid value found for field Query.count.","path":["count"],)"
            R"("extensions":{"code":"INVALID_GRAPHQL"}}])");
}

TEST(ShapingTest, NullAtNonNullBubblesToTheNearestNullableAncestor) {
  // users: [User!]!, score: Int! — a user without score nulls the list, which nulls data.
  Shaped s = shape("{ count users { id score } }",
                   R"({"count":1,"users":[{"id":"1","score":1},{"id":"2"}]})");
  EXPECT_EQ(s.data, "null");
  EXPECT_EQ(s.completion_errors,
            R"([{"message":"Cannot return null for non-nullable field User.score.",)"
            R"("path":["users",1,"score"],"extensions":{"code":"INVALID_GRAPHQL"}}])");
}

TEST(ShapingTest, NullNonNullListItemNullsOnlyANullableList) {
  // friends: [User!] — nullable list of non-null users.
  Shaped s = shape("{ me { name friends { id } } }",
                   R"({"me":{"name":"Ann","friends":[{"id":"2"},null]}})");
  EXPECT_EQ(s.data, R"({"me":{"name":"Ann","friends":null}})");
  EXPECT_EQ(s.completion_errors,
            R"([{"message":"Cannot return null for non-nullable array element of type User )"
            R"(at index 1.","path":["me","friends",1],"extensions":{"code":"INVALID_GRAPHQL"}}])");
}

TEST(ShapingTest, NestedListsKeepTheirNulls) {
  EXPECT_EQ(shape("{ matrix }", R"({"matrix":[[1,null],null,[]]})").data,
            R"({"matrix":[[1,null],null,[]]})");
}

TEST(ShapingTest, IntrospectionFieldsArePlacedInOrder) {
  Shaped s = shape(R"({ count __type(name: "Status") { name enumValues { name } } me { id } })",
                   R"({"count":1,"me":{"id":"1"}})");
  EXPECT_EQ(s.data, R"({"count":1,"__type":{"name":"Status","enumValues":[{"name":"ACTIVE"},)"
                    R"({"name":"INACTIVE"}]},"me":{"id":"1"}})");
  EXPECT_EQ(s.errors, "[]");
}

TEST(ShapingTest, SchemaIntrospectionUsesTheApiSchema) {
  Shaped s = shape("{ __schema { queryType { name } } }", "{}");
  EXPECT_EQ(s.data, R"({"__schema":{"queryType":{"name":"Query"}}})");
}

TEST(ShapingTest, SelectsTheNamedOperation) {
  EXPECT_EQ(
      shape("query A { count } query B { me { id } }", R"({"count":1,"me":null})", "{}", "B").data,
      R"({"me":null})");
}

TEST(ShapingTest, WritesAfterWhatTheBufferHolds) {
  auto document = graphql::parse("{ me { id } count }");
  ASSERT_TRUE(document.ok());
  Arena arena;
  auto data = json::parseInto(arena, R"({"me":{"id":"1"},"count":2})");
  ASSERT_TRUE(data.ok());
  auto shaped = shapeResponse(test::testSupergraph()->apiSchema(), document.document(), "",
                              json::Value::object(), *data, R"({"data":)");
  ASSERT_TRUE(shaped.ok());
  EXPECT_EQ(shaped->data, R"({"data":{"me":{"id":"1"},"count":2})");
  // A null that bubbles to the root replaces only what the shaper wrote.
  auto nulled = json::parseInto(arena, R"({"me":null,"count":"x"})");
  ASSERT_TRUE(nulled.ok());
  auto required = graphql::parse("{ requiredUser { id } }");
  ASSERT_TRUE(required.ok());
  shaped = shapeResponse(test::testSupergraph()->apiSchema(), required.document(), "",
                         json::Value::object(), *nulled, R"({"data":)");
  ASSERT_TRUE(shaped.ok());
  EXPECT_EQ(shaped->data, R"({"data":null)");
}

TEST(ShapingTest, OperationSelectionErrors) {
  auto document = graphql::parse("query A { count } query B { count }");
  ASSERT_TRUE(document.ok());
  EXPECT_EQ(selectOperation(document.document(), "").status().message(),
            "Must provide operation name if query contains multiple operations.");
  EXPECT_EQ(selectOperation(document.document(), "C").status().message(),
            "Unknown operation named \"C\".");
}

}  // namespace
}  // namespace plexus::execution
