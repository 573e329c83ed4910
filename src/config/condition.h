// Apollo Router's telemetry condition language, as coprocessor stages take it in `condition:`:
// `eq`, `gt`, `lt` over two operands (a literal or a selector), `exists` over one selector, `not`,
// `all`, `any`, and the literals `true` / `false`. This file is the parsed form and its reader
// from router.yaml; src/plugins/coprocessor/selectors.h evaluates it against one stage.
//
//   # router.yaml
//   coprocessor:
//     supergraph:
//       response:
//         condition:
//           all:
//             - eq: [true, {is_primary_response: true}]
//             - not: {exists: {request_header: x-skip}}
//
//   describe::Type<Condition> type = condition(ConditionLevel::kSupergraph);
//   StatusOr<Condition> parsed = describe::parse(type, "eq: [200, {response_status: code}]", "c");
//   parsed->kind;          // Condition::Kind::kEq, with operands[1] a Selector of kResponseStatus
//   isTrivial(*parsed);    // false: only `true` (the default) is
//
// Which selectors a condition may use depends on the stage that evaluates it (router, supergraph
// or subgraph selectors, as Apollo's RouterSelector, SupergraphSelector and SubgraphSelector);
// the reader rejects the others with the level they belong to. Values are plain data: copyable,
// immutable once read, safe to share across threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "src/config/describe.h"
#include "src/json/value.h"

namespace plexus::config {

// The stage family whose selectors a condition may use.
enum class ConditionLevel : uint8_t { kRouter, kSupergraph, kSubgraph };

// One value picked out of a stage's request or response: `{request_header: x-foo, default: a}`.
struct Selector {
  enum class Kind : uint8_t {
    // Any level.
    kStatic,           // static: <value>
    kEnv,              // env: NAME
    kRequestContext,   // request_context: key
    kResponseContext,  // response_context: key
    // Router and supergraph levels.
    kRequestHeader,      // request_header: name
    kResponseHeader,     // response_header: name
    kResponseStatus,     // response_status: code | reason
    kOperationName,      // operation_name: string | hash
    kResponseErrors,     // response_errors: <JSONPath over `errors`>
    kOnGraphqlError,     // on_graphql_error: true
    kRequestMethod,      // request_method: true (router)
    kOperationKind,      // operation_kind: string (supergraph)
    kQuery,              // query: string (supergraph)
    kQueryVariable,      // query_variable: name (supergraph)
    kIsPrimaryResponse,  // is_primary_response: true (supergraph)
    kResponseData,       // response_data: <JSONPath over `data`> (supergraph)
    // Subgraph level.
    kSubgraphName,             // subgraph_name: true
    kSubgraphOperationName,    // subgraph_operation_name: string | hash
    kSubgraphOperationKind,    // subgraph_operation_kind: string
    kSubgraphQuery,            // subgraph_query: string
    kSubgraphQueryVariable,    // subgraph_query_variable: name
    kSubgraphRequestHeader,    // subgraph_request_header: name
    kSubgraphResponseHeader,   // subgraph_response_header: name
    kSubgraphResponseStatus,   // subgraph_response_status: code | reason
    kSubgraphResponseData,     // subgraph_response_data: <JSONPath over `data`>
    kSubgraphResponseErrors,   // subgraph_response_errors: <JSONPath over `errors`>
    kSubgraphOnGraphqlError,   // subgraph_on_graphql_error: true
    kSupergraphOperationName,  // supergraph_operation_name: string | hash
    kSupergraphOperationKind,  // supergraph_operation_kind: string
    kSupergraphQuery,          // supergraph_query: string
    kSupergraphQueryVariable,  // supergraph_query_variable: name
    kSupergraphRequestHeader,  // supergraph_request_header: name
  };

  Kind kind = Kind::kStatic;
  // The key's value as text: a header, context key, variable or environment variable name; a
  // JSONPath ("$.user.id", checked when evaluated, see selectors.h); "code" / "reason" for the
  // status kinds; "string" / "hash" for the operation-name kinds; "string" for the operation-kind
  // and query kinds. Empty for kStatic and the flag kinds.
  std::string argument;
  // kStatic's value; the flag kinds (`subgraph_name: true`) hold the boolean: false selects
  // nothing, as in Apollo.
  json::Value value;
  // `default:`, yielded when the selector finds nothing (only the kinds Apollo gives one).
  std::optional<json::Value> default_value;

  friend bool operator==(const Selector&, const Selector&) = default;
};

// The YAML key of a selector kind: "request_header".
std::string_view selectorKey(Selector::Kind kind);

// An operand of eq / gt / lt: a literal (string, number, boolean or an array of them) or a
// selector.
using Operand = std::variant<json::Value, Selector>;

struct Condition {
  enum class Kind : uint8_t { kTrue, kFalse, kEq, kGt, kLt, kExists, kNot, kAll, kAny };

  Kind kind = Kind::kTrue;
  // kEq, kGt, kLt: two; kExists: one, a Selector.
  std::vector<Operand> operands = {};
  // kNot: one; kAll, kAny: any number (Apollo: an empty `all` holds; see selectors.h for `any`).
  std::vector<Condition> children = {};

  friend bool operator==(const Condition&, const Condition&) = default;
};

// The reader of a `condition:` value for a stage at `level`. Errors name the YAML path: "…
// condition.eq[1]: unknown selector `request_heder`; did you mean `request_header`?", "`eq` takes
// a list of two values", "`subgraph_name` is a subgraph selector; this condition is evaluated at
// the router stage". Null keeps the default (`true`). The JSON Schema is permissive (an object, a
// boolean or "true"/"false") with a description.
describe::Type<Condition> condition(ConditionLevel level);

// The condition as it is written in YAML, as JSON: `true`, {"eq": [200, {"response_status":
// "code"}]}.
json::Value toJson(const Condition& condition);

// True for the default, always-true condition (`true`); a stage with only a trivial condition is
// not activated by it (Apollo compares the stage's config with its default).
bool isTrivial(const Condition& condition);

}  // namespace plexus::config
