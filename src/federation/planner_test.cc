#include "src/federation/planner.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "src/graphql/parser.h"
#include "src/graphql/validation/validate.h"

namespace plexus::federation {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Planned {
  std::shared_ptr<const QueryPlan> plan;
  std::string error;
};

Planned planFor(const std::string& sdl, const std::string& query, PlanOptions options = {}) {
  auto supergraph = Supergraph::fromSdl(sdl);
  EXPECT_TRUE(supergraph.ok()) << supergraph.status().message();
  if (!supergraph.ok()) return {};
  Planner planner(*supergraph);
  auto parsed = graphql::parse(query);
  EXPECT_TRUE(parsed.ok());
  auto plan = planner.plan(parsed.document(), "", options);
  if (!plan.ok()) return {nullptr, plan.status().message()};
  return {*plan, ""};
}

TEST(PlannerTest, BenchmarkQueryNeedsSevenRequests) {
  Planned planned = planFor(readFile("examples/supergraph/supergraph.graphql"),
                            readFile("examples/supergraph/query.graphql"));
  ASSERT_TRUE(planned.plan) << planned.error;
  std::cout << planned.plan->toText() << "\n";
  EXPECT_EQ(planned.plan->fetchCount(), 7u);
}

// Plans every extracted audit case (bench/planner/extract-cases writes them); skipped when absent.
TEST(PlannerTest, PlansEveryAuditCase) {
  const char* dir = std::getenv("PLEXUS_PLANNER_CASES");
  std::filesystem::path root = dir != nullptr ? dir : "build/planner-cases";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no cases at " << root;
  int planned = 0;
  for (const auto& suite : std::filesystem::directory_iterator(root)) {
    if (!suite.is_directory()) continue;
    std::string sdl = readFile((suite.path() / "supergraph.graphql").string());
    auto supergraph = Supergraph::fromSdl(sdl);
    ASSERT_TRUE(supergraph.ok()) << suite.path() << ": " << supergraph.status().message();
    Planner planner(*supergraph);
    for (const auto& file : std::filesystem::directory_iterator(suite.path())) {
      std::string name = file.path().filename().string();
      if (name == "supergraph.graphql" || file.path().extension() != ".graphql") continue;
      auto parsed = graphql::parse(readFile(file.path().string()));
      ASSERT_TRUE(parsed.ok()) << file.path();
      if (!graphql::validate((*supergraph)->apiSchema(), parsed.document()).empty()) continue;
      auto plan = planner.plan(parsed.document(), "");
      EXPECT_TRUE(plan.ok()) << file.path() << ": " << plan.status().message();
      if (plan.ok()) ++planned;
      if (plan.ok() && std::getenv("PLEXUS_PRINT_PLANS") != nullptr) {
        std::cout << "== " << file.path().string() << "\n" << (*plan)->toText() << "\n";
      }
    }
  }
  std::cout << planned << " audit cases planned\n";
}

}  // namespace
}  // namespace plexus::federation
