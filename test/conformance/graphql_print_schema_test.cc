// printSchema of each corpus schema must be byte-identical to graphql-js's
// printSchema(buildSchema(sdl)) (test/conformance/graphql/expected/print_schema/<schema>.graphql,
// recorded by record.mjs with a trailing newline).
#include <filesystem>

#include <gtest/gtest.h>

#include "src/graphql/schema.h"
#include "src/graphql/schema_printer.h"
#include "test/conformance/conformance_support.h"

namespace plexus::graphql {
namespace {

namespace fs = std::filesystem;
const fs::path& kRoot = conformance::kGraphqlRoot;
using conformance::readFile;

class PrintSchemaTest : public testing::TestWithParam<std::string> {};

TEST_P(PrintSchemaTest, MatchesGraphqlJsByteForByte) {
  const std::string name = GetParam();
  auto schema = Schema::fromSdl(readFile(kRoot / "schemas" / (name + ".graphql")));
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  const std::string want = readFile(kRoot / "expected" / "print_schema" / (name + ".graphql"));
  ASSERT_FALSE(want.empty());
  EXPECT_EQ(printSchema(**schema) + "\n", want);
}

INSTANTIATE_TEST_SUITE_P(Schemas, PrintSchemaTest,
                         testing::Values("bench_api", "rich", "starwars", "library"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace plexus::graphql
