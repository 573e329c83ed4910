// The router's request path for one supergraph and configuration (a generation): the core
// service of each stage (include/plexus/services.h), composed with the stage wrappers into one
// Pipeline per worker (src/services/pipeline.h).
//
//   RouterService service(supergraph, config);                        // shared by every worker
//   std::shared_ptr<const Pipeline> pipeline = service.pipeline(worker_fetcher);  // per worker
//   pipeline->router(router::Request{.http = std::move(request)}, reply);
//   service.handle(http_request, fetcher, respond);    // the same, for one request (tests)
//
// The stages (docs/design/query-planning.md; Apollo Router's router → supergraph → execution →
// subgraph):
//   router (router_stage.cc): `GET /health` → {"status":"UP"}; the configured supergraph.path
//      takes GET and POST (405 otherwise), anything else is 404; browsers get the landing page;
//      GraphQL over HTTP is decoded and negotiated (graphql_http.h) in Apollo Router's order: 415
//      INVALID_CONTENT_TYPE_HEADER, 406 INVALID_ACCEPT_HEADER, 400 INVALID_GRAPHQL_REQUEST /
//      BATCHING_NOT_ENABLED / MISSING_QUERY_STRING, 422 BATCH_LIMIT_EXCEEDED. A batch (a JSON
//      array, with `batching.enabled`) becomes one supergraph request per entry, run at once,
//      answered as an array in request order. Responses are written as application/json or
//      application/graphql-response+json, whichever `accept` prefers.
//   query analysis (router_stage.cc, before the supergraph stage's plugins, as in Apollo):
//      prepare, cached per (query text, operation name) in a bounded LRU shared by the workers —
//      parse (400 GRAPHQL_PARSE_FAILED), validate against the API schema (400
//      GRAPHQL_VALIDATION_FAILED), pick the operation, check limits.*, normalize; the operation's
//      name and kind go into the context.
//   supergraph (router_service.cc): prepare again (a cache hit unless a plugin changed the
//      query); refuse `__schema` / `__type` unless supergraph.introspection (400
//      INTROSPECTION_DISABLED), mutations with forbid_mutations (400) or over GET (405
//      MUTATION_FORBIDDEN, `allow: POST`), subscriptions (400); coerce variables (400
//      VALIDATION_INVALID_TYPE_VARIABLE); answer introspection-only operations itself; plan with
//      federation::Planner, cached per (normalized operation, progressive-override labels drawn
//      for this request) in a second LRU (400 QUERY_PLANNING_FAILED, not cached).
//   execution (execution_stage.cc): execution::execute over the subgraph services, with
//      include_subgraph_errors applied to the subgraphs' errors.
//   subgraph: the worker's fetcher (subgraph_fetcher.h), after override_subgraph_url.
// Request errors are 4xx whatever the response format, as in Apollo Router: the
// GraphQL-over-HTTP spec's SHOULD of 200 for application/json is not followed (see
// test/integration/graphql-http-audit/README.md).
//
// Thread-safety: pipelines of one service may run on every worker at once; a pipeline's replies
// run on the calling thread. The service must outlive its pipelines and their requests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "include/plexus/plugin.h"
#include "src/config/router_config.h"
#include "src/execution/executor.h"
#include "src/federation/planner.h"
#include "src/federation/supergraph.h"
#include "src/graphql/ast.h"
#include "src/http/server.h"
#include "src/server/graphql_http.h"
#include "src/server/lru_cache.h"
#include "src/server/subgraph_fetcher.h"
#include "src/services/pipeline.h"

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

class HealthState;

struct RouterServiceOptions {
  // Answers GET /health (and health_check.path when health_check.listen is the main listener);
  // null: always {"status":"UP"}.
  std::shared_ptr<const HealthState> health;
  // Routes served by plugins (Plugin::webEndpoints), before the GraphQL endpoint.
  std::vector<WebEndpoint> endpoints;
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
                config::RouterConfig config, RouterServiceOptions options = {},
                StageWrappers wrappers = {});
  ~RouterService();
  RouterService(const RouterService&) = delete;
  RouterService& operator=(const RouterService&) = delete;

  // This generation's pipeline over one worker's fetcher, which it keeps alive.
  std::shared_ptr<const Pipeline> pipeline(
      std::shared_ptr<execution::SubgraphFetcher> fetcher) const;
  // Runs a copy of one request through a pipeline over `fetcher` (which must outlive it).
  void handle(http::Request& request, execution::SubgraphFetcher& fetcher, http::Responder respond);

  const config::RouterConfig& config() const { return config_; }
  const federation::Supergraph& supergraph() const { return *supergraph_; }
  const std::shared_ptr<const federation::Supergraph>& supergraphPtr() const { return supergraph_; }
  size_t cachedOperations() { return operations_.size(); }
  size_t cachedPlans() { return plans_.size(); }

 private:
  // The core of each stage, given the next stage's (wrapped) services.
  router::Service routerCore(supergraph::Service next) const;  // router_stage.cc
  supergraph::Service supergraphCore(execution::Service next) const;
  execution::Service executionCore(
      std::shared_ptr<const SubgraphServices> subgraphs) const;  // execution_stage.cc

  // Apollo's query analysis, between the router and supergraph stages: a query that does not
  // parse, validate or pass the limits is answered (400) before any supergraph plugin, script
  // or coprocessor stage sees it, and the context gets the operation's name and kind. An empty
  // query goes on (the supergraph stage reports it).
  supergraph::Service analyzeThen(supergraph::Service next) const;
  // apollo::supergraph::operation_name (when named) and operation_kind in the context.
  void recordOperation(const graphql::ast::OperationDefinition& operation, Context& context) const;
  bool isHealthPath(std::string_view path) const;
  // The supergraph stage: a prepared, checked and planned request goes on to `next`.
  void runSupergraph(supergraph::Request request, Reply<supergraph::Response> reply,
                     const execution::Service& next) const;
  // Parses, validates and normalizes, or reuses a prepared operation.
  std::variant<std::shared_ptr<const PreparedOperation>, RequestFailure> prepare(
      const supergraph::Request& request) const;
  // limits.max_depth / max_height / max_root_fields / max_aliases (warn_only: a log line).
  std::optional<RequestFailure> checkOperationLimits(const PreparedOperation& operation) const;

  std::shared_ptr<const federation::Supergraph> supergraph_;
  config::RouterConfig config_;
  federation::Planner planner_;
  std::shared_ptr<const HealthState> health_;
  std::vector<WebEndpoint> endpoints_;
  StageWrappers wrappers_;
  // Caches are internally synchronized; const methods fill them.
  mutable LruCache<PreparedOperation> operations_;
  mutable LruCache<federation::QueryPlan> plans_;
};

// Whether `request_path` is served by the configured supergraph.path: equal, or under a path
// that ends in a `/{*rest}` (Apollo v2) or `/*` (v1) wildcard.
bool pathMatches(std::string_view configured, std::string_view request_path);

}  // namespace plexus::server
