// The header rules of Apollo Router v2's `headers` section, compiled once per configuration
// generation and applied to each subgraph request (apollo-router/src/plugins/headers/mod.rs,
// HeadersService::modify_subgraph_request and Operation::process_header_rules).
//
//   StatusOr<RuleList> rules = RuleList::compile(config.headers.all->request, "headers.all");
//   if (!rules.ok()) return rules.status();   // "headers.all.request[2].insert.path: invalid …"
//   apply(*rules, {.client = client_headers, .body = &body, .context = &context}, outgoing);
//
// Semantics, all Apollo's:
//   - Rules run in order; each sees the headers the previous ones left.
//   - propagate {named, rename?, default?}: appends every value the client sent for `named`
//     under `rename` (or `named`), or `default` when it sent none. A target header already
//     propagated by an earlier rule of the list is left alone (the first propagation wins).
//   - propagate {matching}: the same for each client header whose name the regex matches
//     anywhere (ECMAScript, unanchored), except the reserved ones below.
//   - insert {name, value | from_context | path}: replaces every value of `name`. from_context
//     needs a string in the context; path takes the first (or only) selected value, a string as
//     it is and anything else as JSON, else `default` when the path selects nothing or null.
//   - remove {named}: removes every value; remove {matching}: every header whose name matches,
//     except the reserved ones.
// Reserved (Apollo's RESERVED_HEADERS: RFC 2616 §13.5.1 hop-by-hop headers, plus headers a
// subgraph request sets itself): connection, proxy-authenticate, proxy-authorization, te,
// trailer, transfer-encoding, upgrade, content-length, content-type, content-encoding, host,
// accept, accept-encoding, keep-alive. `named` rules may still name them.
//
// A RuleList is immutable once compiled; apply() may run on any thread at once.
#pragma once

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "include/plexus/context.h"
#include "src/common/status.h"
#include "src/config/router_config.h"
#include "src/http/message.h"
#include "src/json/value.h"
#include "src/plugins/headers/json_path.h"

namespace plexus::plugins::headers {

// Apollo's RESERVED_HEADERS; `name` lower-case.
bool isReserved(std::string_view name);

struct CompiledRule {
  enum class Kind {
    kPropagateNamed,
    kPropagateMatching,
    kInsertValue,
    kInsertFromContext,
    kInsertFromBody,
    kRemoveNamed,
    kRemoveMatching,
  };
  Kind kind;
  std::string name;    // propagate/remove named: the header; insert: the target
  std::string target;  // propagate named: rename or name
  std::string value;   // insert value: the value; from_context: the key
  std::optional<std::string> default_value;  // propagate named, insert from body
  std::shared_ptr<const std::regex> matching;
  std::shared_ptr<const JsonPath> path;
};

class RuleList {
 public:
  // `config_path` names the list in errors ("headers.subgraphs.products").
  static StatusOr<RuleList> compile(const std::vector<config::HeaderRule>& rules,
                                    std::string_view config_path);
  // `first`'s rules, then `second`'s (Apollo: `all`, then the subgraph's own).
  static RuleList concat(const RuleList& first, const RuleList& second);

  bool empty() const { return rules_.empty(); }
  // Whether a rule reads the client's request body (then apply() needs `body`).
  bool readsBody() const { return reads_body_; }
  const std::vector<CompiledRule>& rules() const { return rules_; }

 private:
  std::vector<CompiledRule> rules_;
  bool reads_body_ = false;
};

// What the rules read besides the outgoing headers.
struct RuleInputs {
  const http::Headers& client;        // the client's request headers
  const json::Value* body = nullptr;  // the client's GraphQL request; null: none
  const Context* context = nullptr;   // null: an empty context
};

// Applies `rules` to `outgoing`, the subgraph request's headers.
void apply(const RuleList& rules, const RuleInputs& inputs, http::Headers& outgoing);

// The client's GraphQL request as Apollo serializes graphql::Request for `path` rules:
// {"query", "operationName", "variables", "extensions"}, absent and empty members left out.
json::Value requestBody(std::string_view query, std::string_view operation_name,
                        const json::Value& variables, const json::Value& extensions);

}  // namespace plexus::plugins::headers
