// The API schema of each supergraph in test/conformance/federation/supergraphs/, printed with
// printSchema, must be byte-identical to what @apollo/federation-internals derives
// (Supergraph.build(sdl).apiSchema() printed by graphql-js printSchema), recorded by
// test/conformance/federation/record.mjs in expected/<name>.api.graphql (and, with @defer and
// @stream included, expected/<name>.api_defer.graphql).
//
// PLEXUS_FEDERATION_EXTRA_FIXTURES=<dir> adds the supergraphs of another folder laid out the
// same way (record.mjs writes one with FEDERATION_FIXTURES=<dir>), e.g. every suite of the
// federation gateway audit.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "src/federation/supergraph.h"
#include "src/graphql/schema_printer.h"

namespace plexus::federation {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Fixture {
  fs::path root;
  std::string name;
};

std::vector<Fixture> fixtures() {
  std::vector<fs::path> roots = {"test/conformance/federation"};
  if (const char* extra = std::getenv("PLEXUS_FEDERATION_EXTRA_FIXTURES"))
    roots.emplace_back(extra);
  std::vector<Fixture> out;
  for (const fs::path& root : roots) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(root / "supergraphs")) {
      if (entry.path().extension() == ".graphql") names.push_back(entry.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    for (std::string& name : names) out.push_back({root, std::move(name)});
  }
  return out;
}

class ApiSchemaConformanceTest : public testing::TestWithParam<Fixture> {};

void expectSameText(const std::string& want, const std::string& got) {
  if (want == got) return;
  size_t at = 0;
  while (at < want.size() && at < got.size() && want[at] == got[at]) ++at;
  size_t from = at > 300 ? at - 300 : 0;
  ADD_FAILURE() << "first difference at byte " << at << "\n--- federation-internals:\n"
                << want.substr(from, 600) << "\n--- Plexus:\n"
                << got.substr(from, 600);
}

TEST_P(ApiSchemaConformanceTest, MatchesFederationInternalsByteForByte) {
  const Fixture& f = GetParam();
  const std::string sdl = readFile(f.root / "supergraphs" / (f.name + ".graphql"));
  const fs::path expected = f.root / "expected" / (f.name + ".api.graphql");
  ASSERT_TRUE(fs::exists(expected)) << expected;
  auto supergraph = Supergraph::fromSdl(sdl, f.name + ".graphql");
  ASSERT_TRUE(supergraph.ok()) << supergraph.status().message();
  expectSameText(readFile(expected), graphql::printSchema((*supergraph)->apiSchema()) + "\n");

  const fs::path with_defer = f.root / "expected" / (f.name + ".api_defer.graphql");
  if (fs::exists(with_defer)) {
    LoadOptions options;
    options.api_include_defer = true;
    options.api_include_stream = true;
    auto deferring = Supergraph::fromSdl(sdl, f.name + ".graphql", options);
    ASSERT_TRUE(deferring.ok()) << deferring.status().message();
    expectSameText(readFile(with_defer), graphql::printSchema((*deferring)->apiSchema()) + "\n");
  }
}

INSTANTIATE_TEST_SUITE_P(Supergraphs, ApiSchemaConformanceTest, testing::ValuesIn(fixtures()),
                         [](const auto& info) {
                           std::string name =
                               info.param.root.filename().string() + "_" + info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace plexus::federation
