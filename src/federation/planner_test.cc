#include "src/federation/planner.h"

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "src/graphql/parser.h"

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

}  // namespace
}  // namespace plexus::federation
