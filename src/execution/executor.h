// The plan executor: runs a QueryPlan's fetches through a SubgraphFetcher, merges the subgraph
// answers into one per-request arena tree, then shapes the client's response (aliases,
// __typename, abstract types, @skip/@include, null propagation, errors with paths).
// docs/design/query-planning.md §10.
//
//   ExecutionRequest request{.supergraph = &supergraph, .plan = plan.get(),
//                            .document = &document, .operation_name = "TestQuery",
//                            .variables = coerced_variables};
//   execute(std::move(request), fetcher, [](ExecutionResponse response) {
//     send(200, response.body);            // {"data":{...},"errors":[...]}
//   });
//
// Threading: everything runs on the calling thread's event loop; `done` runs exactly once, on
// that thread, possibly inside execute() when the plan needs no fetch. The fetcher's callbacks
// must come back on the same thread. The request's pointers must stay valid until `done` runs.
// Failures of a fetch (transport, HTTP status, malformed JSON) become errors in the response,
// with the data that other fetches produced: never an exception.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "src/execution/subgraph_error_policy.h"
#include "src/federation/query_plan.h"
#include "src/federation/supergraph.h"
#include "src/graphql/ast.h"
#include "src/http/message.h"
#include "src/json/value.h"

namespace plexus::execution {

// One HTTP call to a subgraph: the JSON body `{"query":…,"operationName":…,"variables":…}`.
struct SubgraphCall {
  federation::SubgraphId subgraph = 0;
  std::string_view service;  // subgraph name
  std::string_view url;      // from join__Graph
  std::string body;
  // The HTTP request's headers; empty: content-type and accept for a GraphQL POST.
  http::Headers headers = {};
};

// What came back: a transport failure (`error` set: refused, timeout, truncated, …) or an HTTP
// response (status + body, body not yet parsed). A status outside 2xx (0 included) is reported as
// "HTTP fetch failed from '<service>': <status>: <reason phrase>"; a transport failure as
// "HTTP fetch failed from '<service>': <error>".
struct SubgraphReply {
  std::optional<std::string> error;
  int status = 0;
  http::Headers headers;
  std::string body;
  bool status_in_body = false;  // the body already accounts for the status: no error for it
};

class SubgraphFetcher {
 public:
  virtual ~SubgraphFetcher() = default;
  // `done` runs exactly once, on the caller's thread, never inside fetch() itself.
  virtual void fetch(SubgraphCall call, std::function<void(SubgraphReply)> done) = 0;
};

struct ExecutionRequest {
  const federation::Supergraph* supergraph = nullptr;
  const federation::QueryPlan* plan = nullptr;
  const graphql::ast::Document* document = nullptr;  // validated against the API schema
  std::string operation_name;                        // empty: the only operation
  json::Value variables = json::Value::object();     // coerced variable values
  // include_subgraph_errors: applied to every error a subgraph sent or a fetch of it produced
  // (redacted, or included with its extensions filtered). Unset: all included as they are.
  std::shared_ptr<const SubgraphErrorPolicy> subgraph_errors = nullptr;
};

struct ExecutionResponse {
  std::string body;  // the serialized GraphQL response
};

void execute(ExecutionRequest request, SubgraphFetcher& fetcher,
             std::function<void(ExecutionResponse)> done);

}  // namespace plexus::execution
