#include "src/federation/planner.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "src/federation/supergraph_test_support.h"
#include "src/graphql/parser.h"
#include "src/graphql/validation/validate.h"
#include "src/json/value.h"

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
  EXPECT_EQ(planned.plan->fetchCount(), 7u);
}

// Two subgraphs: A owns users, B extends User with a field that @requires A's `name`.
constexpr std::string_view kUsers = R"sdl(
type Query @join__type(graph: A) @join__type(graph: B) {
  users: [User] @join__field(graph: A)
  top: User @join__field(graph: B)
}
type Mutation @join__type(graph: A) @join__type(graph: B) {
  addA(name: String!): User @join__field(graph: A)
  addB: User @join__field(graph: B)
}
type User @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") {
  id: ID!
  name: String @join__field(graph: A) @join__field(graph: B, external: true)
  greeting: String @join__field(graph: B, requires: "name")
  rank: Int @join__field(graph: A, overrideLabel: "percent(10)", override: "b") @join__field(graph: B, overrideLabel: "percent(10)")
}
)sdl";

std::string usersSupergraph() {
  std::string sdl = test::supergraph(kUsers);
  size_t at = sdl.find("  query: Query\n");
  sdl.insert(at + 15, "  mutation: Mutation\n");
  return sdl;
}

TEST(PlannerTest, RequiresFetchedBeforeTheRequiringFetch) {
  Planned planned = planFor(usersSupergraph(), "{ users { greeting } }");
  ASSERT_TRUE(planned.plan) << planned.error;
  EXPECT_EQ(planned.plan->toText(), R"(QueryPlan {
  Sequence {
    Fetch(service: "a") {
      {
        users {
          name
          __typename
          id
        }
      }
    },
    Flatten(path: "users.@") {
      Fetch(service: "b") {
        {
          ... on User {
            __typename
            id
            name
          }
        } =>
        {
          ... on User {
            greeting
          }
        }
      },
    },
  },
})");
}

TEST(PlannerTest, MutationFieldsRunInOrderAcrossSubgraphs) {
  Planned planned = planFor(
      usersSupergraph(),
      R"(mutation { one: addA(name: "x") { id } two: addB { id } three: addA(name: "y") { id } })");
  ASSERT_TRUE(planned.plan) << planned.error;
  std::string text = planned.plan->toText();
  size_t one = text.find("one: addA");
  size_t two = text.find("two: addB");
  size_t three = text.find("three: addA");
  ASSERT_NE(one, std::string::npos) << text;
  EXPECT_LT(one, two);
  EXPECT_LT(two, three);
  EXPECT_EQ(planned.plan->fetchCount(), 3u);
  EXPECT_NE(text.find("Sequence"), std::string::npos);
  EXPECT_EQ(text.find("Parallel"), std::string::npos) << text;
}

TEST(PlannerTest, VariableConditionWrapsAnEntityFetch) {
  Planned planned =
      planFor(usersSupergraph(), "query($g: Boolean!) { users { id greeting @include(if: $g) } }");
  ASSERT_TRUE(planned.plan) << planned.error;
  std::string text = planned.plan->toText();
  EXPECT_NE(text.find("Include(if: $g)"), std::string::npos) << text;
  EXPECT_NE(text.find("greeting @include(if: $g)"), std::string::npos) << text;
}

TEST(PlannerTest, ProgressiveOverrideFollowsTheLabel) {
  Planned off = planFor(usersSupergraph(), "{ top { rank } }");
  ASSERT_TRUE(off.plan) << off.error;
  EXPECT_EQ(off.plan->fetchCount(), 1u) << off.plan->toText();  // B keeps rank while off
  PlanOptions options;
  options.enabled_override_labels = {"percent(10)"};
  Planned on = planFor(usersSupergraph(), "{ top { rank } }", options);
  ASSERT_TRUE(on.plan) << on.error;
  EXPECT_EQ(on.plan->fetchCount(), 2u) << on.plan->toText();  // rank moved to A
}

TEST(PlannerTest, UnknownOperationIsAnError) {
  Planned planned = planFor(usersSupergraph(), "query A { users { id } }");
  ASSERT_TRUE(planned.plan);
  auto supergraph = Supergraph::fromSdl(usersSupergraph());
  Planner planner(*supergraph);
  auto parsed = graphql::parse("query A { users { id } }");
  auto plan = planner.plan(parsed.document(), "B");
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().message(), "Unknown operation named \"B\".");
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
      // A case may expect the gateway to refuse the operation: `data` null with errors.
      bool refusal_expected = false;
      if (auto tests = json::parse(readFile((suite.path() / "tests.json").string()));
          tests.ok() && tests->isArray()) {
        size_t index = std::stoul(file.path().stem().string());
        if (index < tests->asArray().size()) {
          const json::Value* expected = tests->asArray()[index].find("expected");
          const json::Value* data = expected != nullptr ? expected->find("data") : nullptr;
          refusal_expected = expected != nullptr && expected->find("errors") != nullptr &&
                             (data == nullptr || data->isNull());
        }
      }
      if (refusal_expected) continue;
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
