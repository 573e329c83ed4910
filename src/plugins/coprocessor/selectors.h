// Evaluation of a coprocessor stage's `condition:` (src/config/condition.h) against that stage's
// request or response, with Apollo Router's semantics (telemetry config_new/conditions.rs and the
// router, supergraph and subgraph selectors.rs).
//
//   SelectorInput input;
//   input.phase = SelectorInput::Phase::kRequest;
//   input.request_headers = &request.http.headers;
//   input.context = &request.context;
//   if (!evaluate(stage_config.condition, input)) return next(request);  // stage skipped
//
//   std::optional<json::Value> tenant = select(selector, input);   // nullopt: nothing selected
//
// The plugin fills what the stage has; a field left null or nullopt is not available at this stage,
// and the selectors that read it select nothing. Each selector is also tied to a phase as in
// Apollo: request selectors (request_header, request_context, query, query_variable,
// subgraph_request_header, …) select nothing at a response phase, and response selectors
// (response_header, response_status, response_context, response_data, on_graphql_error, …)
// nothing at a request phase; static, env and the operation name and kind selectors work at both.
//
// The two phases evaluate as Apollo does:
// - kRequest (evaluate_request): three-valued. `eq`, `gt`, `lt` are undetermined when an operand
//   selects nothing; `exists` is undetermined for a selector not available at this stage and
//   false for one that finds nothing; `not` keeps undetermined; `all` and `any` are undetermined
//   when any member is, an empty `all` or `any` holds. The stage runs only when the result is
//   determined true.
// - kResponse (evaluate_response): `eq` compares what both operands select, so two operands that
//   both select nothing are equal; `gt` and `lt` need both; an empty `any` is false.
// `eq` is JSON equality except that an integer never equals a double (1 vs 1.0), as Apollo's
// values compare. `gt` / `lt` compare numbers with numbers, strings with strings (byte order) and
// booleans with booleans (false < true); other pairs are false. At kRequest, two values that both
// read as numbers (a string "10" included) compare as numbers first, as Apollo does.
//
// Pure functions of their arguments (env reads the process environment); thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "include/plexus/context.h"
#include "src/common/status.h"
#include "src/config/condition.h"
#include "src/http/message.h"
#include "src/json/value.h"

namespace plexus::plugins::coprocessor {

// What one stage offers its condition. Pointers and views are borrowed for the call; null or
// nullopt means "not available at this stage".
struct SelectorInput {
  enum class Phase : uint8_t { kRequest, kResponse };
  Phase phase = Phase::kRequest;

  // The client's HTTP request: `request_header`, `request_method` (router), and at subgraph
  // stages `supergraph_request_header`.
  const http::Headers* request_headers = nullptr;
  std::optional<std::string_view> request_method;  // "GET", "POST", …
  // The router's or supergraph's HTTP response: `response_header`, `response_status`.
  const http::Headers* response_headers = nullptr;
  std::optional<int> response_status;
  // The request's context: `request_context` / `response_context`; its
  // "apollo::telemetry::contains_graphql_error" also sets `on_graphql_error`.
  const Context* context = nullptr;

  // The client's operation, once parsed: `operation_name`, `operation_kind` ("query", "mutation"
  // or "subscription"), `query` (the document text) and `query_variable` (an object); at subgraph
  // stages the `supergraph_*` selectors read them, and `subgraph_operation_kind` too (Apollo reads
  // the client operation's kind there). An anonymous operation has an empty name, which selects
  // nothing (the selector's `default` then), as an empty query text does.
  std::optional<std::string_view> operation_name;
  std::optional<std::string_view> operation_kind;
  std::optional<std::string_view> query;
  const json::Value* variables = nullptr;

  // Supergraph responses: whether this is the first response of the stream
  // (`is_primary_response`), and the GraphQL response ({data, errors}) for `response_data`,
  // `response_errors` and `on_graphql_error`.
  std::optional<bool> is_primary_response;
  const json::Value* response_body = nullptr;

  // Subgraph stages: the subgraph's name; the GraphQL request sent to it ({query, operationName,
  // variables}) for `subgraph_operation_name`, `subgraph_query`, `subgraph_query_variable`; its
  // HTTP request headers; and its response's headers, status and GraphQL body.
  std::optional<std::string_view> subgraph_name;
  const json::Value* subgraph_request_body = nullptr;
  const http::Headers* subgraph_request_headers = nullptr;
  const http::Headers* subgraph_response_headers = nullptr;
  std::optional<int> subgraph_response_status;
  const json::Value* subgraph_response_body = nullptr;
};

// The value `selector` picks out of `input`, converted as Apollo converts JSON for its selectors
// (null selects nothing; an object, or an array mixing types, becomes its JSON text; an array of
// objects an array of their JSON texts), or its `default` when it finds nothing while available.
// nullopt: nothing selected.
std::optional<json::Value> select(const config::Selector& selector, const SelectorInput& input);

// Whether the stage runs (see the phases above).
bool evaluate(const config::Condition& condition, const SelectorInput& input);

// Checks the JSONPaths of a condition's response_data / response_errors selectors (the reader
// keeps them as text): "`response_data`: invalid JSONPath \"$.a[\": expected ']' at 4". For
// the plugin to call once at startup; an invalid path selects nothing when evaluated.
Status checkPaths(const config::Condition& condition);

}  // namespace plexus::plugins::coprocessor
