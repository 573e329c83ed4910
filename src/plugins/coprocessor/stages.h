// The coprocessor's services around each stage (Apollo's plugins/coprocessor/{mod,supergraph,
// execution}.rs): build the envelope from the stage's flags, call, then apply the reply or answer
// the request (a break, or a failure). A null runtime means the stage is not installed.
//
//   router::Service service = wrapRouter(request_runtime, response_runtime, std::move(next));
#pragma once

#include <memory>

#include "include/plexus/services.h"
#include "src/plugins/coprocessor/call.h"

namespace plexus::plugins::coprocessor {

using RuntimePtr = std::shared_ptr<const StageRuntime>;

router::Service wrapRouter(RuntimePtr request, RuntimePtr response, router::Service next);
supergraph::Service wrapSupergraph(RuntimePtr request, RuntimePtr response,
                                   supergraph::Service next);
execution::Service wrapExecution(RuntimePtr request, RuntimePtr response, execution::Service next);
subgraph::Service wrapSubgraph(std::string subgraph, RuntimePtr request, RuntimePtr response,
                               subgraph::Service next);

// Whether the stage's `condition` holds (conditions.cc); true without one. Execution stages
// have no condition (as in Apollo).
bool shouldCall(const StageRuntime& runtime, const router::Request& request);
bool shouldCall(const StageRuntime& runtime, const router::Response& response);
bool shouldCall(const StageRuntime& runtime, const supergraph::Request& request);
bool shouldCall(const StageRuntime& runtime, supergraph::Response& response);  // parses the body
bool shouldCall(const StageRuntime& runtime, const subgraph::Request& request);
bool shouldCall(const StageRuntime& runtime, const subgraph::Response& response,
                std::string_view subgraph);

// What a failed stage answers (COPROCESSOR.md §8): HTTP 500 with
// {"errors":[{"message":"internal server error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}.
json::Value internalServerErrorBody();

}  // namespace plexus::plugins::coprocessor
