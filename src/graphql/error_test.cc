// Tests for the JSON shape of GraphQL errors (spec §7.1.2).
#include "src/graphql/error.h"

#include <gtest/gtest.h>

namespace plexus::graphql {
namespace {

TEST(GraphQLErrorTest, SerializesAllPartsInSpecOrder) {
  GraphQLError e;
  e.message = "Cannot query field \"x\" on type \"Query\".";
  e.locations = {{1, 3}, {2, 5}};
  e.path = ResponsePath{}.key("user").index(0).key("name").elements();
  e.extensions["code"] = "GRAPHQL_VALIDATION_FAILED";
  EXPECT_EQ(json::serialize(e.toJson()),
            R"({"message":"Cannot query field \"x\" on type \"Query\".",)"
            R"("locations":[{"line":1,"column":3},{"line":2,"column":5}],)"
            R"("path":["user",0,"name"],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}})");
}

TEST(GraphQLErrorTest, LeavesOutEmptyLocationsPathAndExtensions) {
  GraphQLError e;
  e.message = "Must provide an operation.";
  EXPECT_EQ(json::serialize(e.toJson()), R"({"message":"Must provide an operation."})");
  e.extensions = json::Value::object();  // graphql-js omits an empty extensions object too
  EXPECT_EQ(json::serialize(e.toJson()), R"({"message":"Must provide an operation."})");
}

TEST(ResponsePathTest, PopRemovesTheLastStep) {
  ResponsePath path;
  path.key("a").index(2).key("b");
  path.pop();
  EXPECT_EQ(json::serialize(path.toJson()), R"(["a",2])");
}

}  // namespace
}  // namespace plexus::graphql
