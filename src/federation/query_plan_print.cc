// Text and JSON forms of a QueryPlan (see query_plan.h). The text follows Apollo's
// apollo-federation/src/query_plan/display.rs line for line, and Hive Router's
// `PrettyDisplay for BatchFetchNode` (query_planner/planner/plan_nodes.rs) for BatchFetch; the
// JSON follows apollo-router's serde form (query_planner/plan.rs, fetch.rs, rewrites.rs).
#include <string>
#include <string_view>

#include "src/federation/query_plan.h"
#include "src/graphql/printer.h"

namespace plexus::federation {
namespace ast = graphql::ast;
namespace {

class TextWriter {
 public:
  void line(int depth, std::string_view text) {
    out_.append(static_cast<size_t>(depth) * 2, ' ');
    out_.append(text);
    out_ += '\n';
  }
  // Writes multi-line printed GraphQL, every line indented by `depth`.
  void block(int depth, std::string_view text) {
    while (!text.empty()) {
      size_t nl = text.find('\n');
      line(depth, text.substr(0, nl));
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    }
  }
  void blank() { out_ += '\n'; }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

void writeRequiresItems(TextWriter& w, int depth, const std::vector<RequiresSelection>& items) {
  for (const RequiresSelection& item : items) {
    std::string head;
    if (item.kind == RequiresSelection::Kind::kInlineFragment) {
      head = item.name.empty() ? "..." : "... on " + item.name;
    } else {
      head = item.alias.empty() ? item.name : item.alias + ": " + item.name;
    }
    if (item.selections.empty() && item.kind == RequiresSelection::Kind::kField) {
      w.line(depth, head);
      continue;
    }
    w.line(depth, head + " {");
    writeRequiresItems(w, depth + 1, item.selections);
    w.line(depth, "}");
  }
}

// The operation's root selections (unwrapping a lone `_entities` field, as Apollo does), then
// its fragments.
void writeOperation(TextWriter& w, int depth, const SubgraphOperation& op, bool unwrap_entities,
                    bool blank_before_fragments) {
  ast::List<const ast::Selection> selections = op.definition->selection_set->selections;
  if (unwrap_entities && !selections.empty()) {
    const auto* field = selections[0]->as<ast::Field>();
    if (field && field->name == "_entities" && field->selection_set)
      selections = field->selection_set->selections;
  }
  w.line(depth, "{");
  for (const ast::Selection* selection : selections) w.block(depth + 1, graphql::print(*selection));
  w.line(depth, "}");
  for (const ast::Definition* def : op.document->definitions) {
    if (!def->as<ast::FragmentDefinition>()) continue;
    if (blank_before_fragments) w.blank();
    w.block(depth, graphql::print(*def));
  }
}

void writeNode(TextWriter& w, int depth, const PlanNode& node);

void writeChildren(TextWriter& w, int depth, std::string_view head,
                   const std::vector<PlanNodePtr>& nodes) {
  if (nodes.empty()) {
    w.line(depth, std::string(head) + " {},");
    return;
  }
  w.line(depth, std::string(head) + " {");
  for (const PlanNodePtr& child : nodes) writeNode(w, depth + 1, *child);
  w.line(depth, "},");
}

std::string quoted(std::string_view text) {
  std::string out;
  json::appendQuoted(text, out);
  return out;
}

void writeFetch(TextWriter& w, int depth, const FetchNode& fetch) {
  std::string head = "Fetch(service: " + quoted(fetch.service);
  if (fetch.id) head += ", id: " + std::to_string(*fetch.id);
  w.line(depth, head + ") {");
  if (!fetch.requires_selection.empty()) {
    w.line(depth + 1, "{");
    writeRequiresItems(w, depth + 2, fetch.requires_selection);
    w.line(depth + 1, "} =>");
  }
  writeOperation(w, depth + 1, fetch.operation, /*unwrap_entities=*/true,
                 /*blank_before_fragments=*/true);
  w.line(depth, "},");
}

void writeBatchFetch(TextWriter& w, int depth, const BatchFetchNode& batch) {
  w.line(depth, "BatchFetch(service: " + quoted(batch.service) + ") {");
  w.line(depth + 1, "{");
  for (const EntityBatchAlias& alias : batch.aliases) {
    w.line(depth + 2, alias.alias + " {");
    w.line(depth + 3, "paths: [");
    for (const MergePath& path : alias.paths) w.line(depth + 4, quoted(mergePathToString(path)));
    w.line(depth + 3, "]");
    w.line(depth + 3, "{");
    writeRequiresItems(w, depth + 4, alias.requires_selection);
    w.line(depth + 3, "}");
    w.line(depth + 2, "}");
  }
  w.line(depth + 1, "}");
  writeOperation(w, depth + 1, batch.operation, /*unwrap_entities=*/false,
                 /*blank_before_fragments=*/false);
  w.line(depth, "},");
}

void writeCondition(TextWriter& w, int depth, const ConditionNode& n) {
  const std::string var = "(if: $" + n.variable + ") {";
  if (n.if_clause && n.else_clause) {
    w.line(depth, "Condition" + var);
    w.line(depth + 1, "Then {");
    writeNode(w, depth + 2, *n.if_clause);
    w.line(depth + 1, "} Else {");
    writeNode(w, depth + 2, *n.else_clause);
    w.line(depth + 1, "},");
    w.line(depth, "},");
  } else if (n.if_clause || n.else_clause) {
    w.line(depth, (n.if_clause ? "Include" : "Skip") + var);
    writeNode(w, depth + 1, n.if_clause ? *n.if_clause : *n.else_clause);
    w.line(depth, "},");
  } else {
    w.line(depth, "Condition {}");
  }
}

void writeNode(TextWriter& w, int depth, const PlanNode& node) {
  if (const auto* n = node.as<SequenceNode>()) return writeChildren(w, depth, "Sequence", n->nodes);
  if (const auto* n = node.as<ParallelNode>()) return writeChildren(w, depth, "Parallel", n->nodes);
  if (const auto* n = node.as<FetchNode>()) return writeFetch(w, depth, *n);
  if (const auto* n = node.as<BatchFetchNode>()) return writeBatchFetch(w, depth, *n);
  if (const auto* n = node.as<ConditionNode>()) return writeCondition(w, depth, *n);
  if (const auto* n = node.as<FlattenNode>()) {
    w.line(depth, "Flatten(path: \"" + mergePathToString(n->path) + "\") {");
    writeNode(w, depth + 1, *n->node);
    w.line(depth, "},");
    return;
  }
  if (const auto* n = node.as<SubscriptionNode>()) {
    w.line(depth, "Subscription {");
    w.line(depth + 1, "Primary: {");
    writeNode(w, depth + 2, *n->primary);
    w.line(depth + 1, "},");
    if (n->rest) {
      w.line(depth + 1, "Rest: {");
      writeNode(w, depth + 2, *n->rest);
      w.line(depth + 1, "},");
    }
    w.line(depth, "},");
  }
}

// --- JSON ----------------------------------------------------------------------------------------

json::Value stringArray(const std::vector<std::string>& items) {
  json::Value out = json::Value::array();
  for (const std::string& item : items) out.push(item);
  return out;
}

json::Value pathToJson(const MergePath& path) {
  json::Value out = json::Value::array();
  for (const MergePathSegment& segment : path) out.push(segment.toString());
  return out;
}

json::Value requiresToJson(const std::vector<RequiresSelection>& items) {
  json::Value out = json::Value::array();
  for (const RequiresSelection& item : items) {
    json::Value v = json::Value::object();
    if (item.kind == RequiresSelection::Kind::kInlineFragment) {
      v["kind"] = "InlineFragment";
      if (!item.name.empty()) v["typeCondition"] = item.name;
      v["selections"] = requiresToJson(item.selections);
    } else {
      v["kind"] = "Field";
      if (!item.alias.empty()) v["alias"] = item.alias;
      v["name"] = item.name;
      if (!item.selections.empty()) v["selections"] = requiresToJson(item.selections);
    }
    out.push(std::move(v));
  }
  return out;
}

json::Value rewritesToJson(const std::vector<DataRewrite>& rewrites) {
  json::Value out = json::Value::array();
  for (const DataRewrite& rewrite : rewrites) {
    json::Value v = json::Value::object();
    if (rewrite.kind == DataRewrite::Kind::kValueSetter) {
      v["kind"] = "ValueSetter";
      v["path"] = stringArray(rewrite.path);
      v["setValueTo"] = rewrite.set_value_to;
    } else {
      v["kind"] = "KeyRenamer";
      v["path"] = stringArray(rewrite.path);
      v["renameKeyTo"] = rewrite.rename_key_to;
    }
    out.push(std::move(v));
  }
  return out;
}

void addRewrites(json::Value& v, const std::vector<DataRewrite>& input,
                 const std::vector<DataRewrite>& output) {
  if (!input.empty()) v["inputRewrites"] = rewritesToJson(input);
  if (!output.empty()) v["outputRewrites"] = rewritesToJson(output);
}

json::Value nodesToJson(const std::vector<PlanNodePtr>& nodes) {
  json::Value out = json::Value::array();
  for (const PlanNodePtr& child : nodes) out.push(planNodeToJson(*child));
  return out;
}

json::Value fetchToJson(const FetchNode& fetch) {
  json::Value v = json::Value::object();
  v["kind"] = "Fetch";
  v["serviceName"] = fetch.service;
  if (!fetch.requires_selection.empty()) v["requires"] = requiresToJson(fetch.requires_selection);
  v["variableUsages"] = stringArray(fetch.variable_usages);
  v["operation"] = fetch.operation.text;
  if (!fetch.operation.name.empty()) v["operationName"] = fetch.operation.name;
  v["operationKind"] = ast::operationTypeName(fetch.operation.kind);
  if (fetch.id) v["id"] = std::to_string(*fetch.id);
  addRewrites(v, fetch.input_rewrites, fetch.output_rewrites);
  return v;
}

json::Value batchFetchToJson(const BatchFetchNode& batch) {
  json::Value v = json::Value::object();
  v["kind"] = "BatchFetch";
  v["serviceName"] = batch.service;
  v["variableUsages"] = stringArray(batch.variable_usages);
  v["operation"] = batch.operation.text;
  if (!batch.operation.name.empty()) v["operationName"] = batch.operation.name;
  v["operationKind"] = ast::operationTypeName(batch.operation.kind);
  if (batch.id) v["id"] = std::to_string(*batch.id);
  json::Value aliases = json::Value::array();
  for (const EntityBatchAlias& alias : batch.aliases) {
    json::Value a = json::Value::object();
    a["alias"] = alias.alias;
    a["representationsVariableName"] = alias.representations_variable;
    json::Value paths = json::Value::array();
    for (const MergePath& path : alias.paths) paths.push(pathToJson(path));
    a["paths"] = std::move(paths);
    a["requires"] = requiresToJson(alias.requires_selection);
    addRewrites(a, alias.input_rewrites, alias.output_rewrites);
    aliases.push(std::move(a));
  }
  v["entityBatch"]["aliases"] = std::move(aliases);
  return v;
}

}  // namespace

json::Value planNodeToJson(const PlanNode& node) {
  json::Value v = json::Value::object();
  if (const auto* n = node.as<SequenceNode>()) {
    v["kind"] = "Sequence";
    v["nodes"] = nodesToJson(n->nodes);
  } else if (const auto* n = node.as<ParallelNode>()) {
    v["kind"] = "Parallel";
    v["nodes"] = nodesToJson(n->nodes);
  } else if (const auto* n = node.as<FetchNode>()) {
    return fetchToJson(*n);
  } else if (const auto* n = node.as<BatchFetchNode>()) {
    return batchFetchToJson(*n);
  } else if (const auto* n = node.as<FlattenNode>()) {
    v["kind"] = "Flatten";
    v["path"] = pathToJson(n->path);
    v["node"] = planNodeToJson(*n->node);
  } else if (const auto* n = node.as<ConditionNode>()) {
    v["kind"] = "Condition";
    v["condition"] = n->variable;
    if (n->if_clause) v["ifClause"] = planNodeToJson(*n->if_clause);
    if (n->else_clause) v["elseClause"] = planNodeToJson(*n->else_clause);
  } else if (const auto* n = node.as<SubscriptionNode>()) {
    v["kind"] = "Subscription";
    v["primary"] = planNodeToJson(*n->primary);
    if (n->rest) v["rest"] = planNodeToJson(*n->rest);
  }
  return v;
}

std::string planNodeToText(const PlanNode& node) {
  TextWriter w;
  writeNode(w, 0, node);
  std::string out = std::move(w.out());
  if (!out.empty()) out.pop_back();  // no trailing newline
  return out;
}

std::string QueryPlan::toText() const {
  if (!root_) return "QueryPlan {}";
  TextWriter w;
  w.line(0, "QueryPlan {");
  writeNode(w, 1, *root_);
  w.out() += '}';
  return std::move(w.out());
}

json::Value QueryPlan::toJson() const {
  json::Value v = json::Value::object();
  v["kind"] = "QueryPlan";
  v["node"] = root_ ? planNodeToJson(*root_) : json::Value();
  return v;
}

}  // namespace plexus::federation
