// The stages' `condition`s: what each stage offers the selectors (selectors.h). Inputs are built
// only for a stage that has a condition; a stage without one always calls.
#include "src/plugins/coprocessor/selectors.h"
#include "src/plugins/coprocessor/stages.h"

namespace plexus::plugins::coprocessor {

namespace {

using Phase = SelectorInput::Phase;

std::optional<std::string_view> contextString(const Context& context, std::string_view key,
                                              std::string& holder) {
  std::optional<std::string> value = context.get<std::string>(key);
  if (!value) return std::nullopt;
  holder = std::move(*value);
  return holder;
}

// The client's operation as the selectors read it (supergraph stages, and `supergraph_*` at
// subgraph stages). The kind comes from the context when a stage before set it.
void addClient(const supergraph::Request& client, const Context& context, SelectorInput& input,
               std::string& kind_holder) {
  input.request_headers = &client.http.headers;
  input.request_method = client.http.method;
  input.operation_name = client.operation_name;
  input.query = client.query;
  input.variables = &client.variables;
  input.operation_kind = contextString(context, "apollo::supergraph::operation_kind", kind_holder);
}

std::optional<json::Value> parsed(std::string_view text) {
  auto value = json::parse(text);
  if (!value.ok()) return std::nullopt;
  return std::move(*value);
}

}  // namespace

bool shouldCall(const StageRuntime& runtime, const router::Request& request) {
  if (!runtime.config.condition) return true;
  SelectorInput input;
  input.phase = Phase::kRequest;
  input.request_headers = &request.http.headers;
  input.request_method = request.http.method;
  input.context = &request.context;
  return evaluate(*runtime.config.condition, input);
}

bool shouldCall(const StageRuntime& runtime, const router::Response& response) {
  if (!runtime.config.condition) return true;
  SelectorInput input;
  input.phase = Phase::kResponse;
  input.response_headers = &response.http.headers;
  input.response_status = response.http.status;
  input.context = &response.context;
  std::optional<json::Value> body = parsed(response.http.body);
  if (body) input.response_body = &*body;
  return evaluate(*runtime.config.condition, input);
}

bool shouldCall(const StageRuntime& runtime, const supergraph::Request& request) {
  if (!runtime.config.condition) return true;
  SelectorInput input;
  input.phase = Phase::kRequest;
  input.context = &request.context;
  std::string kind;
  addClient(request, request.context, input, kind);
  return evaluate(*runtime.config.condition, input);
}

bool shouldCall(const StageRuntime& runtime, supergraph::Response& response) {
  if (!runtime.config.condition) return true;
  SelectorInput input;
  input.phase = Phase::kResponse;
  input.response_headers = &response.headers;
  input.response_status = response.status;
  input.context = &response.context;
  input.is_primary_response = true;  // one response per request (no @defer stream yet)
  std::string name;
  std::string kind;
  input.operation_name =
      contextString(response.context, "apollo::supergraph::operation_name", name);
  input.operation_kind =
      contextString(response.context, "apollo::supergraph::operation_kind", kind);
  input.response_body = &response.body.json();  // parsed once; the stage reuses it
  return evaluate(*runtime.config.condition, input);
}

bool shouldCall(const StageRuntime& runtime, const subgraph::Request& request) {
  if (!runtime.config.condition) return true;
  SelectorInput input;
  input.phase = Phase::kRequest;
  input.context = &request.context;
  input.subgraph_name = request.subgraph_name;
  input.subgraph_request_headers = &request.http.headers;
  std::optional<json::Value> body = parsed(request.http.body);
  if (body) input.subgraph_request_body = &*body;
  std::string kind;
  if (request.supergraph) addClient(*request.supergraph, request.context, input, kind);
  return evaluate(*runtime.config.condition, input);
}

bool shouldCall(const StageRuntime& runtime, const subgraph::Response& response,
                std::string_view subgraph) {
  if (!runtime.config.condition) return true;
  SelectorInput input;
  input.phase = Phase::kResponse;
  input.context = &response.context;
  input.subgraph_name = subgraph;
  input.subgraph_response_headers = &response.headers;
  input.subgraph_response_status = response.status;
  std::optional<json::Value> body = parsed(response.body);
  if (body) input.subgraph_response_body = &*body;
  return evaluate(*runtime.config.condition, input);
}

}  // namespace plexus::plugins::coprocessor
