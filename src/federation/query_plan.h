// The query plan: the immutable tree of subgraph fetches the planner produces and the executor
// runs (docs/design/query-planning.md §8), with Apollo's text form (apollo-federation
// query_plan/display.rs) and JSON form (apollo-router query_planner/plan.rs, fetch.rs), plus
// Hive Router's BatchFetch node (one request per service per wave, §7.4).
//
//   auto op = parseSubgraphOperation("{ users { __typename id } }");   // StatusOr
//   FetchNode fetch{.service = "accounts", .operation = std::move(*op)};
//   QueryPlan plan(PlanNode::make(std::move(fetch)));
//   std::string text = plan.toText();     // QueryPlan {\n  Fetch(service: "accounts") {...
//   json::Value object = plan.toJson();   // {"kind":"QueryPlan","node":{"kind":"Fetch",...}}
//
// Nodes are built once (by the planner or by hand in tests) and never mutated afterwards; a
// QueryPlan is shared read-only across requests as std::shared_ptr<const QueryPlan> and is then
// thread-safe. Each node owns its children; each fetch owns its parsed operation document.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "src/common/status.h"
#include "src/graphql/ast.h"
#include "src/json/value.h"

namespace plexus::federation {

// One step of a merge path (Apollo FetchDataPathElement): a response key, `@` for every list
// element, each optionally restricted to objects whose __typename is one of `type_conditions`
// (printed `key|[A,B]`), or a bare type step `... on T`.
struct MergePathSegment {
  enum class Kind : uint8_t { kField, kList, kTypeCondition };
  Kind kind = Kind::kField;
  std::string name;                          // kField: response key; kTypeCondition: the type
  std::vector<std::string> type_conditions;  // kField / kList only; empty = no restriction

  static MergePathSegment field(std::string key, std::vector<std::string> types = {});
  static MergePathSegment list(std::vector<std::string> types = {});
  static MergePathSegment typeCondition(std::string type);
  std::string toString() const;  // "key", "@|[A,B]", "... on T"
};
using MergePath = std::vector<MergePathSegment>;

// "topProducts.@.reviews" → segments; `|[A,B]` suffixes and `... on T` steps are understood.
MergePath parseMergePath(std::string_view dotted);
std::string mergePathToString(const MergePath& path);  // segments joined by '.'

// The `requires` of an entity fetch (Apollo requires_selection): the representation's shape.
struct RequiresSelection {
  enum class Kind : uint8_t { kField, kInlineFragment };
  Kind kind = Kind::kField;
  std::string alias;  // kField; empty when none
  std::string name;   // kField: field name; kInlineFragment: type condition (may be empty)
  std::vector<RequiresSelection> selections;
};

// Converts a parsed selection set (fields and inline fragments only; spreads are ignored).
std::vector<RequiresSelection> requiresFromSelectionSet(const graphql::ast::SelectionSet& set);
// Parses `{ ... on T { __typename id } }` text into requires; an error for invalid GraphQL.
StatusOr<std::vector<RequiresSelection>> parseRequires(std::string_view selection_set_text);

// Apollo FetchDataRewrite: applied to representations (input) or to fetched entities (output).
struct DataRewrite {
  enum class Kind : uint8_t { kValueSetter, kKeyRenamer };
  Kind kind = Kind::kValueSetter;
  // Steps: a key, or "... on T" (TypenameEquals), exactly as Apollo serializes them.
  std::vector<std::string> path;
  json::Value set_value_to;   // kValueSetter
  std::string rename_key_to;  // kKeyRenamer
};

// A subgraph operation: its text (minified, as sent and as serialized), its parsed document,
// name and kind, and the client variables it uses.
struct SubgraphOperation {
  std::shared_ptr<const graphql::ast::Document> document;
  std::string text;  // minified: `{users{__typename id}}`
  std::string name;  // empty when anonymous
  graphql::ast::OperationType kind = graphql::ast::OperationType::kQuery;
  const graphql::ast::OperationDefinition* definition = nullptr;  // in `document`
};

// Parses one subgraph operation (fragments allowed) and minifies its text. Errors name the
// syntax error or "expected exactly one operation".
StatusOr<SubgraphOperation> parseSubgraphOperation(std::string_view text);
// Removes insignificant whitespace and commas from valid GraphQL text.
std::string minifyGraphql(std::string_view text);

struct PlanNode;
using PlanNodePtr = std::unique_ptr<const PlanNode>;

struct SequenceNode {
  std::vector<PlanNodePtr> nodes;
};
struct ParallelNode {
  std::vector<PlanNodePtr> nodes;
};

struct FetchNode {
  std::string service;
  uint32_t service_id = 0;     // SubgraphId, for the executor (not printed)
  std::optional<uint64_t> id;  // printed `, id: N`
  SubgraphOperation operation;
  std::vector<std::string> variable_usages;           // sorted client variable names
  std::vector<RequiresSelection> requires_selection;  // non-empty for entity fetches
  std::vector<DataRewrite> input_rewrites;
  std::vector<DataRewrite> output_rewrites;
};

struct FlattenNode {
  MergePath path;
  PlanNodePtr node;
};

// One `_eN: _entities(representations: $var)` group of a BatchFetch.
struct EntityBatchAlias {
  std::string alias;                     // "_e0"
  std::string representations_variable;  // "__batch_reps_0"
  std::vector<MergePath> paths;
  std::vector<RequiresSelection> requires_selection;
  std::vector<DataRewrite> input_rewrites;
  std::vector<DataRewrite> output_rewrites;
};

struct BatchFetchNode {
  std::string service;
  uint32_t service_id = 0;
  std::optional<uint64_t> id;
  SubgraphOperation operation;
  std::vector<std::string> variable_usages;
  std::vector<EntityBatchAlias> aliases;
};

// Include (if_clause only), Skip (else_clause only) or both.
struct ConditionNode {
  std::string variable;  // without `$`
  PlanNodePtr if_clause;
  PlanNodePtr else_clause;
};

struct SubscriptionNode {
  PlanNodePtr primary;  // a FetchNode
  PlanNodePtr rest;     // may be null
};

struct PlanNode {
  using Variant = std::variant<SequenceNode, ParallelNode, FetchNode, FlattenNode, BatchFetchNode,
                               ConditionNode, SubscriptionNode>;
  Variant value;

  template <typename T>
  const T* as() const {
    return std::get_if<T>(&value);
  }
  template <typename T>
  static PlanNodePtr make(T node) {
    return std::make_unique<const PlanNode>(PlanNode{Variant(std::move(node))});
  }
};

// Builders for tests and the planner.
PlanNodePtr sequence(std::vector<PlanNodePtr> nodes);
PlanNodePtr parallel(std::vector<PlanNodePtr> nodes);
PlanNodePtr flatten(std::string_view dotted_path, PlanNodePtr node);

class QueryPlan {
 public:
  explicit QueryPlan(PlanNodePtr root = nullptr);

  const PlanNode* root() const { return root_.get(); }
  // Subgraph requests the plan makes when every fetch runs (Fetch and BatchFetch nodes).
  uint32_t fetchCount() const { return fetch_count_; }

  // Apollo's display form: two-space indent, nodes closed by "},", the plan by "}".
  std::string toText() const;
  // {"kind":"QueryPlan","node":...} with Apollo Router's field names (node null when empty).
  json::Value toJson() const;

 private:
  PlanNodePtr root_;
  uint32_t fetch_count_ = 0;
};

// The text / JSON of one node, as embedded in the plan (text at indent level 0).
std::string planNodeToText(const PlanNode& node);
json::Value planNodeToJson(const PlanNode& node);

}  // namespace plexus::federation
