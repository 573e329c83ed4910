// graphql-js agreement: every document of test/conformance/graphql/corpus is parsed and validated
// by Plexus and compared with what graphql-js 16 recorded for it (expected/, written by
// record.mjs): the same verdict, the same violated rules, the same messages and locations.
#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "src/graphql/parser.h"
#include "src/graphql/schema.h"
#include "src/graphql/validation/validate.h"
#include "src/json/value.h"
#include "test/conformance/conformance_support.h"

namespace plexus::graphql {
namespace {

namespace fs = std::filesystem;
const fs::path& kRoot = conformance::kGraphqlRoot;
using conformance::readFile;

// One line per error: "Rule @line:col,line:col message", comparable as text.
std::string describe(std::string_view rule, std::string_view message,
                     const std::vector<ast::SourceLocation>& locations) {
  std::string out(rule);
  out += " @";
  for (size_t i = 0; i < locations.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(locations[i].line) + ":" + std::to_string(locations[i].column);
  }
  out += ' ';
  out += message;
  return out;
}

std::vector<ast::SourceLocation> locationsOf(const json::Value& value) {
  std::vector<ast::SourceLocation> out;
  if (const json::Value* locations = value.find("locations")) {
    for (const json::Value& l : locations->asArray()) {
      out.push_back({static_cast<uint32_t>(l.find("line")->asInt()),
                     static_cast<uint32_t>(l.find("column")->asInt())});
    }
  }
  return out;
}

std::vector<std::string> expectedOutcome(const json::Value& expected) {
  std::vector<std::string> lines;
  const json::Value* syntax = expected.find("syntaxError");
  if (syntax != nullptr && !syntax->isNull()) {
    lines.push_back(
        describe("SyntaxError", syntax->find("message")->asString(), locationsOf(*syntax)));
    return lines;
  }
  for (const json::Value& e : expected.find("errors")->asArray()) {
    const json::Value* rule = e.find("rule");
    lines.push_back(describe(rule && rule->isString() ? rule->asString() : "?",
                             e.find("message")->asString(), locationsOf(e)));
  }
  return lines;
}

std::vector<std::string> actualOutcome(const Schema& schema, std::string source) {
  std::vector<std::string> lines;
  ParseResult parsed = parse(std::move(source));
  if (!parsed.ok()) {
    lines.push_back(describe("SyntaxError", parsed.error().message, {parsed.error().location}));
    return lines;
  }
  for (const ValidationError& e : validate(schema, parsed.document())) {
    lines.push_back(describe(e.rule, e.message, e.locations));
  }
  return lines;
}

class CorpusTest : public testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, AgreesWithGraphqlJs) {
  const std::string schema_name = GetParam();
  auto schema = Schema::fromSdl(readFile(kRoot / "schemas" / (schema_name + ".graphql")),
                                schema_name + ".graphql");
  ASSERT_TRUE(schema.ok()) << schema.status().message();

  size_t total = 0;
  size_t agreed = 0;
  size_t invalid = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kRoot / "corpus" / schema_name)) {
    if (entry.path().extension() == ".graphql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    fs::path expected_path = kRoot / "expected" / schema_name / file.filename();
    expected_path.replace_extension(".json");
    auto expected_json = json::parse(readFile(expected_path));
    ASSERT_TRUE(expected_json.ok()) << expected_path << ": " << expected_json.status().message();
    std::vector<std::string> expected = expectedOutcome(*expected_json);
    std::vector<std::string> actual = actualOutcome(**schema, readFile(file));
    ++total;
    if (!expected.empty()) ++invalid;
    if (expected == actual) {
      ++agreed;
      continue;
    }
    std::string diff;
    for (const auto& line : expected) diff += "\n  - " + line;
    for (const auto& line : actual) diff += "\n  + " + line;
    ADD_FAILURE() << file.string() << " differs from graphql-js (- graphql-js, + Plexus):" << diff;
  }
  EXPECT_GT(total, 0u);
  std::printf("graphql-js agreement on %s: %zu/%zu documents (%zu invalid)\n", schema_name.c_str(),
              agreed, total, invalid);
}

INSTANTIATE_TEST_SUITE_P(Schemas, CorpusTest,
                         testing::Values("bench_api", "rich", "starwars", "library"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace plexus::graphql
