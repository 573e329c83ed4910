// The query planner: a validated client operation over the API schema becomes a QueryPlan of
// subgraph fetches (docs/design/query-planning.md).
//
//   Planner planner(supergraph);                       // once per supergraph; thread-safe
//   StatusOr<std::shared_ptr<const QueryPlan>> plan =
//       planner.plan(document, "TestQuery", PlanOptions{});
//   if (!plan.ok()) return plan.status();              // e.g. a field no subgraph can reach
//   (*plan)->toText();
//
// Contract with the executor (src/execution):
// - Root fetches select client fields under the client's response keys (aliases kept), plus
//   `__typename` and entity keys where later fetches need them.
// - Entity fetches are `Flatten(path) { Fetch }` with `requires` (the representation shape) and
//   an operation `query($representations:[_Any!]!, ...){_entities(representations:
//   $representations){...}}`; or BatchFetch aliases `_eN: _entities(representations: $var)`.
// - Every abstract-typed position of a subgraph selection selects `__typename`, so the shaper can
//   resolve runtime types.
// - `Condition` nodes carry whole fetches skipped or included by a boolean variable.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/common/status.h"
#include "src/federation/query_plan.h"
#include "src/federation/supergraph.h"
#include "src/graphql/ast.h"

namespace plexus::federation {

struct PlanOptions {
  // Progressive-override labels that are on for this request (`percent(N)` labels are decided
  // by the caller, which draws once per request and lists the ones that won).
  std::vector<std::string> enabled_override_labels;
  // Merge same-service entity fetches of one wave into one BatchFetch request.
  bool batch_entity_fetches = true;
};

class Planner {
 public:
  explicit Planner(std::shared_ptr<const Supergraph> supergraph);
  ~Planner();
  Planner(const Planner&) = delete;
  Planner& operator=(const Planner&) = delete;

  // `document` must have passed validation against supergraph->apiSchema(). An empty
  // `operation_name` selects the only operation. Introspection fields (`__schema`, `__type`)
  // and root `__typename` are not planned: the executor answers them locally.
  StatusOr<std::shared_ptr<const QueryPlan>> plan(const graphql::ast::Document& document,
                                                  std::string_view operation_name,
                                                  const PlanOptions& options = {}) const;

  const Supergraph& supergraph() const { return *supergraph_; }
  // Every progressive-override label of the supergraph (`percent(25)`, `my_flag`), sorted.
  const std::vector<std::string>& overrideLabels() const { return override_labels_; }

 private:
  std::shared_ptr<const Supergraph> supergraph_;
  std::vector<std::string> override_labels_;
};

}  // namespace plexus::federation
