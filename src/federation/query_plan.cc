#include "src/federation/query_plan.h"

#include <utility>

#include "src/common/arena.h"
#include "src/graphql/lexer.h"
#include "src/graphql/parser.h"
#include "src/graphql/printer.h"

namespace plexus::federation {
namespace ast = graphql::ast;

// --- Merge paths ---------------------------------------------------------------------------------

MergePathSegment MergePathSegment::field(std::string key, std::vector<std::string> types) {
  return {Kind::kField, std::move(key), std::move(types)};
}
MergePathSegment MergePathSegment::list(std::vector<std::string> types) {
  return {Kind::kList, "", std::move(types)};
}
MergePathSegment MergePathSegment::typeCondition(std::string type) {
  return {Kind::kTypeCondition, std::move(type), {}};
}

std::string MergePathSegment::toString() const {
  if (kind == Kind::kTypeCondition) return "... on " + name;
  std::string out = kind == Kind::kList ? "@" : name;
  if (!type_conditions.empty()) {
    out += "|[";
    for (size_t i = 0; i < type_conditions.size(); ++i) {
      if (i) out += ',';
      out += type_conditions[i];
    }
    out += ']';
  }
  return out;
}

namespace {

MergePathSegment parseSegment(std::string_view text) {
  constexpr std::string_view kOn = "... on ";
  if (text.starts_with(kOn)) return MergePathSegment::typeCondition(std::string(text.substr(7)));
  std::vector<std::string> types;
  if (size_t bar = text.find("|["); bar != std::string_view::npos && text.ends_with(']')) {
    std::string_view list = text.substr(bar + 2, text.size() - bar - 3);
    while (!list.empty()) {
      size_t comma = list.find(',');
      types.emplace_back(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
    text = text.substr(0, bar);
  }
  if (text == "@") return MergePathSegment::list(std::move(types));
  return MergePathSegment::field(std::string(text), std::move(types));
}

}  // namespace

MergePath parseMergePath(std::string_view dotted) {
  MergePath path;
  while (!dotted.empty()) {
    // A '.' inside `... on T` is not a separator.
    size_t start = dotted.starts_with("...") ? 3 : 0;
    size_t dot = dotted.find('.', start);
    path.push_back(parseSegment(dotted.substr(0, dot)));
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  return path;
}

std::string mergePathToString(const MergePath& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (i) out += '.';
    out += path[i].toString();
  }
  return out;
}

// --- Requires ------------------------------------------------------------------------------------

std::vector<RequiresSelection> requiresFromSelectionSet(const ast::SelectionSet& set) {
  std::vector<RequiresSelection> out;
  for (const ast::Selection* selection : set.selections) {
    RequiresSelection item;
    if (const auto* field = selection->as<ast::Field>()) {
      item.kind = RequiresSelection::Kind::kField;
      item.alias = field->alias;
      item.name = field->name;
      if (field->selection_set) item.selections = requiresFromSelectionSet(*field->selection_set);
    } else if (const auto* fragment = selection->as<ast::InlineFragment>()) {
      item.kind = RequiresSelection::Kind::kInlineFragment;
      if (fragment->type_condition) item.name = fragment->type_condition->value;
      item.selections = requiresFromSelectionSet(*fragment->selection_set);
    } else {
      continue;
    }
    out.push_back(std::move(item));
  }
  return out;
}

StatusOr<std::vector<RequiresSelection>> parseRequires(std::string_view selection_set_text) {
  graphql::ParseResult parsed = graphql::parse(std::string(selection_set_text));
  if (!parsed.ok()) return Status::error("requires: " + parsed.error().describe());
  const ast::Document& doc = parsed.document();
  const ast::OperationDefinition* op =
      doc.definitions.size() == 1 ? doc.definitions[0]->as<ast::OperationDefinition>() : nullptr;
  if (!op) return Status::error("requires: expected one selection set");
  return requiresFromSelectionSet(*op->selection_set);
}

// --- Subgraph operations -------------------------------------------------------------------------

std::string minifyGraphql(std::string_view text) {
  Arena arena(1024);
  graphql::Lexer lexer(text, arena);
  std::string out;
  out.reserve(text.size());
  bool previous_is_word = false;
  for (graphql::Token t = lexer.next(); t.kind != graphql::TokenKind::kEof; t = lexer.next()) {
    bool is_word = t.kind == graphql::TokenKind::kName || t.kind == graphql::TokenKind::kInt ||
                   t.kind == graphql::TokenKind::kFloat;
    if (is_word && previous_is_word) out += ' ';
    out.append(text.substr(t.start, t.end - t.start));
    previous_is_word = is_word;
  }
  return out;
}

StatusOr<SubgraphOperation> parseSubgraphOperation(std::string_view text) {
  graphql::ParseResult parsed = graphql::parse(std::string(text));
  if (!parsed.ok()) return Status::error("subgraph operation: " + parsed.error().describe());
  SubgraphOperation op;
  std::shared_ptr<const ast::Document> doc = parsed.takeDocument();
  for (const ast::Definition* def : doc->definitions) {
    if (const auto* operation = def->as<ast::OperationDefinition>()) {
      if (op.definition) break;
      op.definition = operation;
    }
  }
  size_t operations = 0;
  for (const ast::Definition* def : doc->definitions)
    if (def->as<ast::OperationDefinition>()) ++operations;
  if (operations != 1) return Status::error("subgraph operation: expected exactly one operation");
  op.name = op.definition->name;
  op.kind = op.definition->operation;
  op.text = minifyGraphql(doc->source);
  op.document = std::move(doc);
  return op;
}

// --- Builders and QueryPlan ----------------------------------------------------------------------

PlanNodePtr sequence(std::vector<PlanNodePtr> nodes) {
  return PlanNode::make(SequenceNode{std::move(nodes)});
}
PlanNodePtr parallel(std::vector<PlanNodePtr> nodes) {
  return PlanNode::make(ParallelNode{std::move(nodes)});
}
PlanNodePtr flatten(std::string_view dotted_path, PlanNodePtr node) {
  return PlanNode::make(FlattenNode{parseMergePath(dotted_path), std::move(node)});
}

namespace {

uint32_t countFetches(const PlanNode* node) {
  if (!node) return 0;
  struct Visitor {
    uint32_t operator()(const SequenceNode& n) const { return sum(n.nodes); }
    uint32_t operator()(const ParallelNode& n) const { return sum(n.nodes); }
    uint32_t operator()(const FetchNode&) const { return 1; }
    uint32_t operator()(const BatchFetchNode&) const { return 1; }
    uint32_t operator()(const FlattenNode& n) const { return countFetches(n.node.get()); }
    uint32_t operator()(const ConditionNode& n) const {
      return countFetches(n.if_clause.get()) + countFetches(n.else_clause.get());
    }
    uint32_t operator()(const SubscriptionNode& n) const {
      return countFetches(n.primary.get()) + countFetches(n.rest.get());
    }
    static uint32_t sum(const std::vector<PlanNodePtr>& nodes) {
      uint32_t total = 0;
      for (const PlanNodePtr& child : nodes) total += countFetches(child.get());
      return total;
    }
  };
  return std::visit(Visitor{}, node->value);
}

}  // namespace

QueryPlan::QueryPlan(PlanNodePtr root)
    : root_(std::move(root)), fetch_count_(countFetches(root_.get())) {}

}  // namespace plexus::federation
