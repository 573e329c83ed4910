// Invalid type systems (test/conformance/graphql/schemas/invalid) must be rejected with exactly
// the errors graphql-js's buildSchema + validateSchema give (expected/schema_errors, recorded by
// record.mjs): same messages, same locations, same order.
#include <filesystem>

#include <gtest/gtest.h>

#include "src/graphql/schema.h"
#include "src/json/value.h"
#include "test/conformance/conformance_support.h"

namespace plexus::graphql {
namespace {

namespace fs = std::filesystem;
const fs::path& kRoot = conformance::kGraphqlRoot;
using conformance::readFile;

std::string describe(std::string_view message, const std::vector<ast::SourceLocation>& locations) {
  std::string out = "@";
  for (const auto& l : locations)
    out += " " + std::to_string(l.line) + ":" + std::to_string(l.column);
  return out + " " + std::string(message);
}

TEST(SchemaErrorsTest, RejectsEveryInvalidSchemaAsGraphqlJsDoes) {
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(kRoot / "schemas" / "invalid")) {
    if (entry.path().extension() != ".graphql") continue;
    fs::path expected_path = kRoot / "expected" / "schema_errors" / entry.path().filename();
    expected_path.replace_extension(".json");
    auto expected_json = json::parse(readFile(expected_path));
    ASSERT_TRUE(expected_json.ok()) << expected_path;
    std::vector<std::string> expected;
    for (const json::Value& e : expected_json->find("errors")->asArray()) {
      std::vector<ast::SourceLocation> locations;
      if (const json::Value* ls = e.find("locations")) {
        for (const json::Value& l : ls->asArray()) {
          locations.push_back({static_cast<uint32_t>(l.find("line")->asInt()),
                               static_cast<uint32_t>(l.find("column")->asInt())});
        }
      }
      expected.push_back(describe(e.find("message")->asString(), locations));
    }
    Schema::BuildResult result = Schema::build(readFile(entry.path()));
    ASSERT_EQ(result.index(), 1u) << entry.path() << " was accepted";
    std::vector<std::string> actual;
    for (const SchemaError& e : std::get<1>(result))
      actual.push_back(describe(e.message, e.locations));
    EXPECT_EQ(actual, expected) << entry.path();
    ++checked;
  }
  EXPECT_GE(checked, 19u);
}

}  // namespace
}  // namespace plexus::graphql
