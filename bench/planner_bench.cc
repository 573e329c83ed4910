// Planning time per audit case, cold (no plan cache): one Google Benchmark per (suite, case), so
// the output lines up with bench/planner/apollo-plan-times.mjs for the same cases.
//
//   bench/planner/extract-cases                 # writes build/planner-cases (from the audit)
//   build/release/bench/planner_bench --benchmark_format=json > plexus.json
//   bench/planner/compare plexus.json apollo.jsonl   # ratio table per suite
//
// PLEXUS_PLANNER_CASES overrides the cases directory. Operation parsing and validation are done
// once, outside the timed loop, as on the JavaScript side.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "src/federation/planner.h"
#include "src/graphql/parser.h"
#include "src/graphql/validation/validate.h"

namespace {

using plexus::federation::Planner;
using plexus::federation::Supergraph;

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Case {
  std::shared_ptr<Planner> planner;
  std::shared_ptr<plexus::graphql::ast::Document> document;
};

int registerCases(const std::filesystem::path& root) {
  int count = 0;
  std::vector<std::filesystem::path> suites;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.is_directory()) suites.push_back(entry.path());
  }
  std::sort(suites.begin(), suites.end());
  for (const auto& suite : suites) {
    auto supergraph = Supergraph::fromSdl(readFile(suite / "supergraph.graphql"));
    if (!supergraph.ok()) {
      std::cerr << suite << ": " << supergraph.status().message() << "\n";
      continue;
    }
    auto planner = std::make_shared<Planner>(*supergraph);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(suite)) {
      std::string name = entry.path().filename().string();
      if (entry.path().extension() == ".graphql" && name != "supergraph.graphql" &&
          name.find('.') == name.rfind('.')) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      auto parsed = plexus::graphql::parse(readFile(file));
      if (!parsed.ok()) continue;
      std::shared_ptr<plexus::graphql::ast::Document> document = parsed.takeDocument();
      if (!plexus::graphql::validate((*supergraph)->apiSchema(), *document).empty()) continue;
      if (!planner->plan(*document, "").ok()) continue;
      std::string name = "plan/" + suite.filename().string() + "/" + file.stem().string();
      Case c{planner, document};
      benchmark::RegisterBenchmark(name.c_str(), [c](benchmark::State& state) {
        for (auto _ : state) {
          auto plan = c.planner->plan(*c.document, "");
          benchmark::DoNotOptimize(plan);
        }
      })->Unit(benchmark::kMicrosecond);
      ++count;
    }
  }
  return count;
}

}  // namespace

int main(int argc, char** argv) {
  const char* dir = std::getenv("PLEXUS_PLANNER_CASES");
  std::filesystem::path root = dir != nullptr ? dir : "build/planner-cases";
  if (!std::filesystem::exists(root)) {
    std::cerr << "no planner cases at " << root << ": run bench/planner/extract-cases first\n";
    return 2;
  }
  if (registerCases(root) == 0) {
    std::cerr << "no plannable cases under " << root << "\n";
    return 2;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
