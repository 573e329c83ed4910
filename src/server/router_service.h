// The router's request path for one supergraph: GraphQL over HTTP in, a GraphQL response out.
//
//   RouterService service(supergraph, config);           // shared by every worker
//   service.handle(http_request, worker_fetcher, respond);  // on a worker thread
//
// Steps (docs/design/query-planning.md; Apollo Router's router → supergraph → execution stages):
//   1. route: `GET /health` → {"status":"UP"}; the configured supergraph.path takes GET and POST
//      (405 for other methods); anything else is 404;
//   2. decode and negotiate (graphql_http.h), in Apollo Router's order: 415
//      INVALID_CONTENT_TYPE_HEADER (POST not application/json or application/graphql-response+json,
//      GET with a content-type other than application/json); 406 INVALID_ACCEPT_HEADER (`accept`
//      allows neither application/json nor application/graphql-response+json); 400
//      INVALID_GRAPHQL_REQUEST (body not a JSON object, a member of the wrong type, `variables` /
//      `extensions` not an object), BATCHING_NOT_ENABLED, MISSING_QUERY_STRING. The 415 and 406
//      are written as application/json, the rest in the negotiated format;
//   3. prepare, cached per (query text, operation name) in a bounded LRU shared by the workers:
//      parse (400 GRAPHQL_PARSE_FAILED), validate against the API schema (400
//      GRAPHQL_VALIDATION_FAILED), pick the operation, normalize it;
//   3b. plan with federation::Planner, cached per (normalized operation, progressive-override
//      labels drawn for this request) in a second bounded LRU (400 QUERY_PLANNING_FAILED;
//      failures are not cached);
//   4. per request: refuse `__schema` / `__type` unless supergraph.introspection (400
//      INTROSPECTION_DISABLED), mutations over GET (405 MUTATION_FORBIDDEN, `allow: POST`),
//      subscriptions (400); coerce variables (400 VALIDATION_INVALID_TYPE_VARIABLE);
//   5. answer operations that select only `__typename`, `__schema` and `__type` at the root with
//      graphql::executeIntrospectionOperation; execute the others with execution::execute over
//      the worker's fetcher; respond 200 with application/json, or
//      application/graphql-response+json when `accept` prefers it.
// Request errors (steps 2 to 4) are 4xx whatever the response format, as in Apollo Router: the
// GraphQL-over-HTTP spec's SHOULD of 200 for application/json is not followed (see
// test/integration/graphql-http-audit/README.md).
//
// Thread-safety: handle() may run on every worker at once; `respond` runs on the calling thread
// (possibly inside handle()), once. The service must outlive the requests it handles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "src/config/router_config.h"
#include "src/execution/executor.h"
#include "src/federation/planner.h"
#include "src/federation/supergraph.h"
#include "src/graphql/ast.h"
#include "src/http/server.h"
#include "src/server/graphql_http.h"
#include "src/server/lru_cache.h"

namespace plexus::server {

// A parsed, validated and planned operation: immutable, shared by the requests that send it.
struct PreparedOperation {
  std::unique_ptr<graphql::ast::Document> document;
  const graphql::ast::OperationDefinition* operation = nullptr;
  // Every root field is __typename, __schema or __type: answered without the planner.
  bool introspection_only = false;
  // The first root `__schema` / `__type` field, for the introspection-disabled error.
  const graphql::ast::Field* schema_introspection = nullptr;
  // The plan cache key: the operation printed in normal form (whitespace, commas and comments
  // gone) with the operation name, so differently formatted copies share one plan.
  std::string normalized;
};

struct RouterServiceOptions {
  size_t operation_cache_entries = 2048;
  size_t plan_cache_entries = 512;  // supergraph.query_planning.cache.in_memory.limit
};

// The progressive-override labels on for one request: each `percent(N)` label is drawn with
// probability N% (Apollo Router's rule), `enabled` lists labels switched on by name.
std::vector<std::string> drawOverrideLabels(const std::vector<std::string>& labels,
                                            const std::vector<std::string>& enabled);

class RouterService {
 public:
  RouterService(std::shared_ptr<const federation::Supergraph> supergraph,
                config::RouterConfig config, RouterServiceOptions options = {});
  ~RouterService();
  RouterService(const RouterService&) = delete;
  RouterService& operator=(const RouterService&) = delete;

  void handle(http::Request& request, execution::SubgraphFetcher& fetcher, http::Responder respond);

  const config::RouterConfig& config() const { return config_; }
  const federation::Supergraph& supergraph() const { return *supergraph_; }
  const std::shared_ptr<const federation::Supergraph>& supergraphPtr() const { return supergraph_; }
  size_t cachedOperations() { return operations_.size(); }
  size_t cachedPlans() { return plans_.size(); }

 private:
  struct Prepared;
  // limits.max_depth / max_height / max_root_fields / max_aliases (warn_only: a log line).
  std::optional<RequestFailure> checkOperationLimits(const PreparedOperation& operation) const;
  void handleGraphQL(http::Request& request, execution::SubgraphFetcher& fetcher,
                     http::Responder respond);

  std::shared_ptr<const federation::Supergraph> supergraph_;
  config::RouterConfig config_;
  federation::Planner planner_;
  LruCache<PreparedOperation> operations_;
  LruCache<federation::QueryPlan> plans_;
};

// Whether `request_path` is served by the configured supergraph.path: equal, or under a path
// that ends in a `/{*rest}` (Apollo v2) or `/*` (v1) wildcard.
bool pathMatches(std::string_view configured, std::string_view request_path);

}  // namespace plexus::server
