#include "src/plugins/headers/json_path.h"

#include <gtest/gtest.h>

namespace plexus::plugins::headers {
namespace {

json::Value parsed(std::string_view text) {
  StatusOr<json::Value> value = json::parse(text);
  EXPECT_TRUE(value.ok()) << text;
  return value.ok() ? std::move(*value) : json::Value();
}

// The selection of `path` in `json`, as compact JSON ("null" when nothing is selected).
std::string find(std::string_view json, std::string_view path) {
  StatusOr<JsonPath> compiled = JsonPath::parse(path);
  EXPECT_TRUE(compiled.ok()) << compiled.status().message();
  if (!compiled.ok()) return "<invalid>";
  return json::serialize(compiled->find(parsed(json)));
}

constexpr std::string_view kStore = R"({"store": {"book": [
    {"category": "reference", "author": "Nigel Rees", "price": 8.95},
    {"category": "fiction", "author": "Evelyn Waugh", "price": 12.99},
    {"category": "fiction", "author": "Herman Melville", "isbn": "0-553-21311-3", "price": 8.99}],
  "bicycle": {"color": "red", "price": 19.95}},
  "array": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]})";

TEST(JsonPathTest, SelectsAFieldOfTheRequestWithOrWithoutTheLeadingDollar) {
  constexpr std::string_view kRequest =
      R"({"query":"{ me }","operationName":"Me","extensions":{"metadata":[{"app_name":"web"}]}})";
  EXPECT_EQ(find(kRequest, "$.operationName"), R"("Me")");
  EXPECT_EQ(find(kRequest, ".operationName"), R"("Me")");  // Apollo v1's notation still reads
  EXPECT_EQ(find(kRequest, "$.extensions.metadata[0].app_name"), R"("web")");
  EXPECT_EQ(find(kRequest, "$['extensions']['metadata'][0]"), R"({"app_name":"web"})");
  EXPECT_EQ(find(kRequest, "$.variables"), "null");
  EXPECT_EQ(find(kRequest, "$.extensions.metadata[3]"), "null");
}

TEST(JsonPathTest, TheRootIsTheWholeDocument) { EXPECT_EQ(find("[1,2,3]", "$"), "[1,2,3]"); }

TEST(JsonPathTest, SeveralSelectedValuesComeBackAsAnArray) {
  EXPECT_EQ(find(kStore, "$.store.book[*].author"),
            R"(["Nigel Rees","Evelyn Waugh","Herman Melville"])");
  EXPECT_EQ(find(kStore, "$.store.book.[*].category"), R"(["reference","fiction","fiction"])");
  EXPECT_EQ(find(kStore, "$.store.bicycle.*"), R"(["red",19.95])");
  EXPECT_EQ(find(kStore, "$.store.bicycle['color','price']"), R"(["red",19.95])");
  EXPECT_EQ(find(kStore, "$.array[1,3]"), "[1,3]");
}

TEST(JsonPathTest, RecursiveDescentVisitsTheDocumentInOrder) {
  EXPECT_EQ(find(kStore, "$..author"), R"(["Nigel Rees","Evelyn Waugh","Herman Melville"])");
  EXPECT_EQ(find(kStore, "$.store..price"), "[8.95,12.99,8.99,19.95]");
  EXPECT_EQ(find(kStore, "$..isbn"), R"("0-553-21311-3")");
  EXPECT_EQ(find(R"({"a":{"b":1},"c":[2]})", "$..*"), R"([{"b":1},[2],1,2])");
}

TEST(JsonPathTest, SlicesFollowSerdeJsonBytes) {
  EXPECT_EQ(find(kStore, "$.array[1:4]"), "[1,2,3]");
  EXPECT_EQ(find(kStore, "$.array[:3]"), "[0,1,2]");
  EXPECT_EQ(find(kStore, "$.array[7:]"), "[7,8,9]");
  EXPECT_EQ(find(kStore, "$.array[-2:]"), "[8,9]");
  EXPECT_EQ(find(kStore, "$.array[0:10:4]"), "[0,4,8]");
  EXPECT_EQ(find(kStore, "$.array[2:-6]"), "[2,3]");
}

TEST(JsonPathTest, LengthCountsAnArray) {
  EXPECT_EQ(find(kStore, "$.array.length()"), "10");
  EXPECT_EQ(find(kStore, "$.store.length()"), "null");
}

TEST(JsonPathTest, RejectsMalformedPathsAndFilters) {
  for (std::string_view bad :
       {"", "$.", "$[", "$.a[1", "$['a", "$a", "$.a..", "$.array[1:2:0]", "$.a[-1]"}) {
    StatusOr<JsonPath> path = JsonPath::parse(bad);
    EXPECT_FALSE(path.ok()) << bad;
  }
  StatusOr<JsonPath> filter = JsonPath::parse("$.store.book[?(@.isbn)]");
  ASSERT_FALSE(filter.ok());
  EXPECT_EQ(filter.status().message(),
            "invalid JSONPath \"$.store.book[?(@.isbn)]\": filter expressions are not supported "
            "at 13");
}

}  // namespace
}  // namespace plexus::plugins::headers
