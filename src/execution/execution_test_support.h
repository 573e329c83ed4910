// Test support for src/execution: a small two-subgraph supergraph, a mock SubgraphFetcher whose
// answers are deferred until the test drains them, plan builders, and a one-call run().
//
//   MockFetcher fetcher;
//   fetcher.answer("a", "{users{__typename id}}", R"({"data":{"users":[]}})");
//   Harness h;
//   std::string body = h.run(rootFetch("a", "{ users { __typename id } }"), "{ users { id } }",
//                            fetcher);
//   EXPECT_EQ(body, R"({"data":{"users":[]}})");
//
// Header-only; tests only. Not thread-safe.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "src/execution/executor.h"
#include "src/federation/query_plan.h"
#include "src/federation/supergraph.h"
#include "src/federation/supergraph_test_support.h"
#include "src/graphql/parser.h"
#include "src/json/value.h"

namespace plexus::execution::test {

// Subgraph A ("a") owns users, the Node interface and the search union; B ("b") adds reviews and
// scores to users and owns products' prices.
inline constexpr std::string_view kTypes = R"(
type Query @join__type(graph: A) @join__type(graph: B) {
  users: [User!]! @join__field(graph: A)
  me: User @join__field(graph: A)
  requiredUser: User! @join__field(graph: A)
  node(id: ID!): Node @join__field(graph: A)
  search: [SearchResult] @join__field(graph: A)
  products: [Product] @join__field(graph: B)
  count: Int @join__field(graph: A)
  matrix: [[Int]] @join__field(graph: A)
}
interface Node @join__type(graph: A) {
  id: ID!
}
type User implements Node @join__implements(graph: A, interface: "Node")
    @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") {
  id: ID!
  name: String @join__field(graph: A)
  status: Status @join__field(graph: A)
  reviews: [Review!] @join__field(graph: B)
  score: Int! @join__field(graph: B)
  friends: [User!] @join__field(graph: A)
}
type Product implements Node @join__implements(graph: A, interface: "Node")
    @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") {
  id: ID!
  title: String @join__field(graph: A)
  price: Int @join__field(graph: B)
  data: JSON @join__field(graph: A)
}
type Review @join__type(graph: B) {
  body: String!
}
union SearchResult @join__type(graph: A) @join__unionMember(graph: A, member: "User")
    @join__unionMember(graph: A, member: "Product") = User | Product
enum Status @join__type(graph: A) {
  ACTIVE @join__enumValue(graph: A)
  INACTIVE @join__enumValue(graph: A)
}
scalar JSON @join__type(graph: A)
)";

inline std::shared_ptr<const federation::Supergraph> testSupergraph() {
  static std::shared_ptr<const federation::Supergraph> supergraph = [] {
    auto loaded = federation::Supergraph::fromSdl(federation::test::supergraph(kTypes));
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? *loaded : nullptr;
  }();
  return supergraph;
}

// Answers from a table keyed by service and operation text; replies wait in a queue until
// drain(), as a real event loop would deliver them later.
class MockFetcher : public SubgraphFetcher {
 public:
  struct Call {
    std::string service;
    std::string url;
    uint32_t subgraph = 0;
    std::string body;
    json::Value json;  // the parsed body
  };

  void answer(std::string service, std::string query, SubgraphReply reply) {
    answers_[{std::move(service), std::move(query)}].push_back(std::move(reply));
  }
  void answer(std::string service, std::string query, std::string body, int status = 200) {
    SubgraphReply reply;
    reply.status = status;
    reply.body = std::move(body);
    answer(std::move(service), std::move(query), std::move(reply));
  }
  void fail(std::string service, std::string query, std::string error) {
    SubgraphReply reply;
    reply.error = std::move(error);
    answer(std::move(service), std::move(query), std::move(reply));
  }

  void fetch(SubgraphCall call, std::function<void(SubgraphReply)> done) override {
    Call recorded{std::string(call.service), std::string(call.url), call.subgraph, call.body, {}};
    auto parsed = json::parse(call.body);
    EXPECT_TRUE(parsed.ok()) << "request body is not JSON: " << call.body;
    if (parsed.ok()) recorded.json = std::move(*parsed);
    std::string query;
    if (const json::Value* q = recorded.json.find("query"); q != nullptr && q->isString()) {
      query = q->asString();
    }
    calls.push_back(std::move(recorded));
    SubgraphReply reply;
    auto found = answers_.find({std::string(call.service), query});
    if (found == answers_.end() || found->second.empty()) {
      reply.error = "no mock answer for " + std::string(call.service) + " " + query;
    } else {
      reply = found->second.front();
      if (found->second.size() > 1) found->second.pop_front();
    }
    pending_.push_back([done = std::move(done), reply = std::move(reply)] { done(reply); });
  }

  // Delivers every pending reply (and those they cause), oldest first or newest first.
  void drain(bool newest_first = false) {
    while (!pending_.empty()) {
      std::function<void()> next;
      if (newest_first) {
        next = std::move(pending_.back());
        pending_.pop_back();
      } else {
        next = std::move(pending_.front());
        pending_.pop_front();
      }
      next();
    }
  }
  size_t pendingCount() const { return pending_.size(); }

  std::vector<Call> calls;

 private:
  std::map<std::pair<std::string, std::string>, std::deque<SubgraphReply>> answers_;
  std::deque<std::function<void()>> pending_;
};

inline federation::SubgraphOperation op(std::string_view text) {
  auto parsed = federation::parseSubgraphOperation(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return std::move(*parsed);
}

inline std::vector<federation::RequiresSelection> requires_(std::string_view text) {
  auto parsed = federation::parseRequires(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return std::move(*parsed);
}

inline federation::PlanNodePtr rootFetch(std::string service, std::string_view operation,
                                         std::vector<std::string> variable_usages = {}) {
  federation::FetchNode fetch;
  fetch.service = std::move(service);
  fetch.operation = op(operation);
  fetch.variable_usages = std::move(variable_usages);
  return federation::PlanNode::make(std::move(fetch));
}

// `query($representations:[_Any!]!){_entities(representations:$representations){<selection>}}`
inline std::string entitiesOperation(std::string_view selection) {
  return "query($representations: [_Any!]!) { _entities(representations: $representations) { " +
         std::string(selection) + " } }";
}

inline federation::PlanNodePtr entityFetch(std::string service, std::string_view requires_text,
                                           std::string_view selection) {
  federation::FetchNode fetch;
  fetch.service = std::move(service);
  fetch.operation = op(entitiesOperation(selection));
  fetch.requires_selection = requires_(requires_text);
  return federation::PlanNode::make(std::move(fetch));
}

inline std::vector<federation::PlanNodePtr> nodes(federation::PlanNodePtr a,
                                                  federation::PlanNodePtr b = nullptr,
                                                  federation::PlanNodePtr c = nullptr) {
  std::vector<federation::PlanNodePtr> out;
  for (federation::PlanNodePtr* p : {&a, &b, &c}) {
    if (*p) out.push_back(std::move(*p));
  }
  return out;
}

// The minified form of `text`, as the mock's answer table keys it.
inline std::string minified(std::string_view text) { return op(text).text; }

// Runs `plan` for the client `query` and returns the response body ("" if `done` never ran).
inline std::string run(federation::PlanNodePtr root, std::string_view query, MockFetcher& fetcher,
                       json::Value variables = json::Value::object(),
                       std::string operation_name = "") {
  federation::QueryPlan plan(std::move(root));
  auto parsed = graphql::parse(std::string(query));
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  if (!parsed.ok()) return "";
  std::shared_ptr<const federation::Supergraph> supergraph = testSupergraph();
  std::string body;
  int done_calls = 0;
  ExecutionRequest request{.supergraph = supergraph.get(),
                           .plan = &plan,
                           .document = &parsed.document(),
                           .operation_name = std::move(operation_name),
                           .variables = std::move(variables)};
  execute(std::move(request), fetcher, [&](ExecutionResponse response) {
    ++done_calls;
    body = std::move(response.body);
  });
  fetcher.drain();
  EXPECT_EQ(done_calls, 1);
  return body;
}

inline json::Value parseJson(std::string_view text) {
  auto parsed = json::parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message() << " in " << text;
  return parsed.ok() ? std::move(*parsed) : json::Value();
}

}  // namespace plexus::execution::test
