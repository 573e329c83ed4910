// The full introspection query (graphql-js getIntrospectionQuery with every option on), executed
// against each corpus schema, must give exactly the response graphql-js gives
// (test/conformance/graphql/expected/introspection/<schema>.json, recorded by record.mjs).
#include <filesystem>

#include <gtest/gtest.h>

#include "src/graphql/introspection.h"
#include "src/graphql/parser.h"
#include "src/graphql/schema.h"
#include "src/json/value.h"
#include "test/conformance/conformance_support.h"

namespace plexus::graphql {
namespace {

namespace fs = std::filesystem;
const fs::path& kRoot = conformance::kGraphqlRoot;
using conformance::readFile;

class IntrospectionTest : public testing::TestWithParam<std::string> {};

TEST_P(IntrospectionTest, MatchesGraphqlJsByteForByte) {
  const std::string name = GetParam();
  auto schema = Schema::fromSdl(readFile(kRoot / "schemas" / (name + ".graphql")));
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  auto recorded = json::parse(readFile(kRoot / "expected" / "introspection" / (name + ".json")));
  ASSERT_TRUE(recorded.ok()) << recorded.status().message();
  const json::Value* expected = recorded->find("result");
  ASSERT_NE(expected, nullptr);

  ParseResult query = parse(readFile(kRoot / "expected" / "introspection" / "query.graphql"));
  ASSERT_TRUE(query.ok()) << query.error().message;
  ExecutionResult result =
      executeIntrospection(**schema, query.document(), "", json::Value::object());
  json::Value actual = result.toJson();
  // Compare as text so that key order counts too, and a failure shows where they part.
  std::string want = json::serialize(*expected, {.indent = 2});
  std::string got = json::serialize(actual, {.indent = 2});
  if (want != got) {
    size_t at = 0;
    while (at < want.size() && at < got.size() && want[at] == got[at]) ++at;
    size_t from = at > 300 ? at - 300 : 0;
    FAIL() << "first difference at byte " << at << "\n--- graphql-js:\n"
           << want.substr(from, 600) << "\n--- Plexus:\n"
           << got.substr(from, 600);
  }
}

INSTANTIATE_TEST_SUITE_P(Schemas, IntrospectionTest,
                         testing::Values("bench_api", "rich", "starwars", "library"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace plexus::graphql
