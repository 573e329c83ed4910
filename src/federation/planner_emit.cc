// From planned fetch steps to the plan tree: selection printing, operation texts, waves by
// dependency level, Condition wrappers and same-service batching (see planner_internal.h).
#include <algorithm>
#include <functional>
#include <map>

#include "src/federation/planner_internal.h"
#include "src/graphql/printer.h"

namespace plexus::federation::planning {

namespace ast = graphql::ast;

// --- OutSet --------------------------------------------------------------------------------------

OutSelection& OutSet::field(std::string_view key, std::string_view name, std::string_view arguments,
                            std::string_view directives, bool composite) {
  for (OutSelection& item : items) {
    if (item.kind == OutSelection::Kind::kField && item.key == key && item.name == name &&
        item.arguments == arguments && item.directives == directives) {
      if (composite && item.sub == nullptr) item.sub = std::make_unique<OutSet>();
      return item;
    }
  }
  OutSelection& item = items.emplace_back();
  item.kind = OutSelection::Kind::kField;
  item.key = key;
  item.name = name;
  item.arguments = arguments;
  item.directives = directives;
  if (composite) item.sub = std::make_unique<OutSet>();
  return item;
}

OutSelection& OutSet::fragment(std::string_view type_condition, std::string_view directives) {
  for (OutSelection& item : items) {
    if (item.kind == OutSelection::Kind::kFragment && item.key == type_condition &&
        item.directives == directives) {
      return item;
    }
  }
  OutSelection& item = items.emplace_back();
  item.kind = OutSelection::Kind::kFragment;
  item.key = type_condition;
  item.directives = directives;
  item.sub = std::make_unique<OutSet>();
  return item;
}

bool OutSet::printable() const {
  for (const OutSelection& item : items) {
    if (item.sub == nullptr || item.sub->printable()) return true;
  }
  return false;
}

void OutSet::print(std::string& out) const {
  out += '{';
  bool first = true;
  for (const OutSelection& item : items) {
    if (item.sub != nullptr && !item.sub->printable()) continue;
    if (!first) out += ' ';
    first = false;
    if (item.kind == OutSelection::Kind::kFragment) {
      out += "...";
      if (!item.key.empty()) {
        out += "on ";
        out += item.key;
      }
      out += item.directives;
    } else {
      if (item.key != item.name) {
        out += item.key;
        out += ':';
      }
      out += item.name;
      out += item.arguments;
      out += item.directives;
    }
    if (item.sub != nullptr) item.sub->print(out);
  }
  out += '}';
}

std::string OutSet::print() const {
  std::string out;
  print(out);
  return out;
}

std::vector<RequiresSelection> OutSet::toRequires() const {
  std::vector<RequiresSelection> out;
  for (const OutSelection& item : items) {
    RequiresSelection selection;
    if (item.kind == OutSelection::Kind::kFragment) {
      selection.kind = RequiresSelection::Kind::kInlineFragment;
      selection.name = item.key;
    } else {
      selection.kind = RequiresSelection::Kind::kField;
      selection.name = item.name;
      if (item.key != item.name) selection.alias = item.key;
    }
    if (item.sub != nullptr) selection.selections = item.sub->toRequires();
    out.push_back(std::move(selection));
  }
  return out;
}

void OutSet::collectVariables(std::set<std::string>& out) const {
  for (const OutSelection& item : items) {
    if (item.sub != nullptr && !item.sub->printable()) continue;
    out.insert(item.variables.begin(), item.variables.end());
    if (item.sub != nullptr) item.sub->collectVariables(out);
  }
}

namespace {

struct Placed {
  OutSelection* item;
  std::vector<std::string> conditions;  // "... on T" steps from the set down to the item
};

void collectPlaced(OutSet& set, std::vector<std::string>& conditions, std::vector<Placed>& out) {
  for (OutSelection& item : set.items) {
    if (item.kind == OutSelection::Kind::kFragment) {
      bool typed = !item.key.empty();
      if (typed) conditions.push_back("... on " + item.key);
      collectPlaced(*item.sub, conditions, out);
      if (typed) conditions.pop_back();
    } else {
      out.push_back({&item, conditions});
    }
  }
}

// Whether two selections under one response key could not be merged by the subgraph's
// validation (graphql-js OverlappingFieldsCanBeMerged, conservatively).
bool conflicts(OutSelection& a, OutSelection& b) {
  if (a.name != b.name || a.arguments != b.arguments || a.type != b.type) return true;
  if (a.sub == nullptr || b.sub == nullptr) return false;
  std::vector<std::string> conditions;
  std::vector<Placed> left;
  std::vector<Placed> right;
  collectPlaced(*a.sub, conditions, left);
  collectPlaced(*b.sub, conditions, right);
  for (Placed& l : left) {
    for (Placed& r : right) {
      if (l.item->key == r.item->key && conflicts(*l.item, *r.item)) return true;
    }
  }
  return false;
}

}  // namespace

void OutSet::aliasConflicts(std::vector<std::string>& path, std::vector<DataRewrite>& rewrites,
                            int& counter) {
  std::vector<std::string> conditions;
  std::vector<Placed> placed;
  collectPlaced(*this, conditions, placed);
  std::map<std::string, std::vector<OutSelection*>> kept;  // response key → unaliased items
  for (Placed& at : placed) {
    OutSelection& item = *at.item;
    std::string key = item.key;
    std::vector<OutSelection*>& same = kept[key];
    bool clash = false;
    for (OutSelection* other : same) clash = clash || conflicts(*other, item);
    if (clash && !at.conditions.empty()) {
      std::string alias = "_plexus_alias_" + std::to_string(counter++);
      DataRewrite rename;
      rename.kind = DataRewrite::Kind::kKeyRenamer;
      rename.path = path;
      rename.path.insert(rename.path.end(), at.conditions.begin(), at.conditions.end());
      rename.path.push_back(alias);
      rename.rename_key_to = key;
      rewrites.push_back(std::move(rename));
      item.key = alias;  // the field name stays; only the response key changes
    } else {
      same.push_back(&item);
    }
    if (item.sub != nullptr) {
      size_t depth = path.size();
      path.insert(path.end(), at.conditions.begin(), at.conditions.end());
      path.push_back(key);
      item.sub->aliasConflicts(path, rewrites, counter);
      path.resize(depth);
    }
  }
}

void copySelections(const ast::SelectionSet& set, OutSet& out) {
  for (const ast::Selection* selection : set.selections) {
    if (const auto* field = selection->as<ast::Field>()) {
      OutSelection& item =
          out.field(field->responseKey(), field->name, "", "", field->selection_set != nullptr);
      if (field->selection_set != nullptr) copySelections(*field->selection_set, *item.sub);
    } else if (const auto* fragment = selection->as<ast::InlineFragment>()) {
      std::string_view condition =
          fragment->type_condition ? fragment->type_condition->value : std::string_view();
      copySelections(*fragment->selection_set, *out.fragment(condition).sub);
    }
  }
}

// --- Plan emission -------------------------------------------------------------------------------

namespace {

struct Emitter {
  const Supergraph& supergraph;
  const ast::OperationDefinition& operation;
  int fetch_index = 0;

  std::string variableDefinitions(const std::set<std::string>& used,
                                  std::vector<std::string>& usages) const {
    std::string out;
    for (const ast::VariableDefinition* definition : operation.variables) {
      if (used.count(std::string(definition->name)) == 0) continue;
      out += '$';
      out += definition->name;
      out += ':';
      out += graphql::print(*definition->type);
      if (definition->default_value != nullptr) {
        out += '=';
        out += graphql::print(*definition->default_value);
      }
      out += ' ';
      usages.emplace_back(definition->name);
    }
    std::sort(usages.begin(), usages.end());
    return out;
  }

  std::string header(std::string_view service, std::string_view kind_word,
                     std::string_view definitions) {
    std::string out(kind_word);
    if (!operation.name.empty()) {
      out += ' ';
      out += operation.name;
      out += "__";
      for (char c : service) out += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
      out += "__";
      out += std::to_string(fetch_index);
    }
    if (!definitions.empty()) {
      out += '(';
      out += definitions;
      out += ')';
    }
    ++fetch_index;
    return out;
  }

  static MergePath mergePath(const std::vector<std::string>& path) {
    MergePath out;
    for (const std::string& segment : path) {
      out.push_back(segment == "@" ? MergePathSegment::list() : MergePathSegment::field(segment));
    }
    return out;
  }

  StatusOr<PlanNodePtr> fetch(Step& step) {
    std::set<std::string> used;
    std::vector<DataRewrite> output_rewrites = fixConflicts(step);
    step.output.collectVariables(used);
    FetchNode node;
    node.service = std::string(supergraph.subgraph(step.graph).name);
    node.service_id = step.graph;
    std::string definitions = variableDefinitions(used, node.variable_usages);
    std::string text;
    if (step.entity) {
      text = header(node.service, "query", "$representations:[_Any!]! " + definitions);
      text += "{_entities(representations:$representations)";
      step.output.print(text);
      text += '}';
      node.requires_selection = step.input.toRequires();
      node.input_rewrites = step.input_rewrites;
      node.output_rewrites = output_rewrites;
    } else {
      std::string_view kind = ast::operationTypeName(operation.operation);
      text = header(node.service, kind, definitions);
      step.output.print(text);
      node.output_rewrites = output_rewrites;
    }
    StatusOr<SubgraphOperation> parsed = parseSubgraphOperation(text);
    if (!parsed.ok()) {
      return Status::error("planner built an invalid operation for \"" + node.service +
                           "\": " + parsed.status().message() + "\n" + text);
    }
    node.operation = std::move(*parsed);
    PlanNodePtr out = PlanNode::make(std::move(node));
    if (step.entity) out = PlanNode::make(FlattenNode{mergePath(step.path), std::move(out)});
    return out;
  }

  static std::vector<DataRewrite> fixConflicts(Step& step) {
    std::vector<DataRewrite> rewrites;
    std::vector<std::string> path;
    int counter = 0;
    step.output.aliasConflicts(path, rewrites, counter);
    return rewrites;
  }

  StatusOr<PlanNodePtr> batch(const std::vector<Step*>& group) {
    BatchFetchNode node;
    node.service = std::string(supergraph.subgraph(group.front()->graph).name);
    node.service_id = group.front()->graph;
    std::set<std::string> used;
    std::vector<std::pair<std::string, std::string>> shapes;  // (input, output) per alias
    std::string body;
    for (Step* step : group) {
      std::vector<DataRewrite> output_rewrites = fixConflicts(*step);
      step->output.collectVariables(used);
      std::string input_key = step->input.print();
      for (const DataRewrite& rewrite : step->input_rewrites) {
        for (const std::string& segment : rewrite.path) input_key += "|" + segment;
      }
      std::pair<std::string, std::string> shape{input_key, step->output.print()};
      auto found = std::find(shapes.begin(), shapes.end(), shape);
      if (found != shapes.end()) {
        node.aliases[found - shapes.begin()].paths.push_back(mergePath(step->path));
        continue;
      }
      size_t index = shapes.size();
      shapes.push_back(shape);
      EntityBatchAlias alias;
      alias.alias = "_e" + std::to_string(index);
      alias.representations_variable = "__batch_reps_" + std::to_string(index);
      alias.paths.push_back(mergePath(step->path));
      alias.requires_selection = step->input.toRequires();
      alias.input_rewrites = step->input_rewrites;
      alias.output_rewrites = std::move(output_rewrites);
      body += alias.alias + ":_entities(representations:$" + alias.representations_variable + ")" +
              shape.second + " ";
      node.aliases.push_back(std::move(alias));
    }
    std::string definitions;
    for (const EntityBatchAlias& alias : node.aliases) {
      definitions += "$" + alias.representations_variable + ":[_Any!]! ";
    }
    definitions += variableDefinitions(used, node.variable_usages);
    std::string text = header(node.service, "query", definitions) + "{" + body + "}";
    StatusOr<SubgraphOperation> parsed = parseSubgraphOperation(text);
    if (!parsed.ok()) {
      return Status::error("planner built an invalid batch operation for \"" + node.service +
                           "\": " + parsed.status().message() + "\n" + text);
    }
    node.operation = std::move(*parsed);
    return PlanNode::make(std::move(node));
  }

  static PlanNodePtr wrap(PlanNodePtr node, const Conditions& conditions) {
    for (auto it = conditions.rbegin(); it != conditions.rend(); ++it) {
      ConditionNode condition;
      condition.variable = it->variable;
      if (it->include) {
        condition.if_clause = std::move(node);
      } else {
        condition.else_clause = std::move(node);
      }
      node = PlanNode::make(std::move(condition));
    }
    return node;
  }
};

PlanNodePtr combine(std::vector<PlanNodePtr> nodes, bool parallel_nodes) {
  if (nodes.empty()) return nullptr;
  if (nodes.size() == 1) return std::move(nodes.front());
  return parallel_nodes ? parallel(std::move(nodes)) : sequence(std::move(nodes));
}

}  // namespace

StatusOr<PlanNodePtr> emitPlan(const Supergraph& supergraph,
                               const ast::OperationDefinition& operation,
                               std::vector<std::unique_ptr<Step>>& steps,
                               const PlanOptions& options) {
  // Levels: a step runs one wave after its deepest dependency; mutation groups run in order.
  std::vector<int> level(steps.size(), -1);
  std::function<int(int)> depth = [&](int id) {
    if (level[id] >= 0) return level[id];
    int mine = 0;
    for (int dep : steps[id]->deps) mine = std::max(mine, depth(dep) + 1);
    return level[id] = mine;
  };
  std::map<int, int> group_depth;  // group → deepest level inside it
  for (const auto& step : steps) {
    int& deepest = group_depth[step->group];
    deepest = std::max(deepest, depth(step->id));
  }
  std::map<int, int> group_base;
  int base = 0;
  for (const auto& [group, deepest] : group_depth) {
    group_base[group] = base;
    base += deepest + 1;
  }
  for (const auto& step : steps) level[step->id] += group_base[step->group];
  int levels = steps.empty() ? 0 : *std::max_element(level.begin(), level.end()) + 1;
  Emitter emitter{supergraph, operation};
  std::vector<PlanNodePtr> waves;
  for (int wave = 0; wave < levels; ++wave) {
    std::vector<Step*> members;
    for (const auto& step : steps) {
      if (level[step->id] == wave && step->output.printable()) members.push_back(step.get());
    }
    std::vector<PlanNodePtr> nodes;
    std::vector<bool> done(members.size(), false);
    for (size_t i = 0; i < members.size(); ++i) {
      if (done[i]) continue;
      Step& step = *members[i];
      std::vector<Step*> group{&step};
      done[i] = true;
      if (step.entity && options.batch_entity_fetches) {
        for (size_t j = i + 1; j < members.size(); ++j) {
          if (!done[j] && members[j]->entity && members[j]->graph == step.graph &&
              members[j]->conditions == step.conditions) {
            group.push_back(members[j]);
            done[j] = true;
          }
        }
      }
      StatusOr<PlanNodePtr> node = group.size() == 1 ? emitter.fetch(step) : emitter.batch(group);
      if (!node.ok()) return node.status();
      nodes.push_back(Emitter::wrap(std::move(*node), step.conditions));
    }
    if (PlanNodePtr node = combine(std::move(nodes), true)) waves.push_back(std::move(node));
  }
  return combine(std::move(waves), false);
}

}  // namespace plexus::federation::planning
