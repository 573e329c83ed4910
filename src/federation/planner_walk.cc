// The planner's walk over the client operation: which subgraph resolves each field, where entity
// fetches are needed, and what each fetch step selects (see planner_internal.h).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <deque>
#include <functional>

#include "src/federation/planner_internal.h"
#include "src/graphql/printer.h"

namespace plexus::federation::planning {

namespace ast = graphql::ast;
using graphql::NamedType;

namespace {

void collectValueVariables(const ast::Value* value, std::vector<std::string>& out) {
  if (value == nullptr) return;
  switch (value->form) {
    case ast::Value::Form::kVariable:
      if (std::find(out.begin(), out.end(), value->text) == out.end()) {
        out.emplace_back(value->text);
      }
      break;
    case ast::Value::Form::kList:
      for (const ast::Value* item : value->list) collectValueVariables(item, out);
      break;
    case ast::Value::Form::kObject:
      for (const ast::ObjectField* field : value->fields) collectValueVariables(field->value, out);
      break;
    default: break;
  }
}

}  // namespace

int listDepth(const ast::Type* type) {
  int depth = 0;
  for (; type != nullptr && type->form != ast::Type::Form::kNamed; type = type->of) {
    if (type->form == ast::Type::Form::kList) ++depth;
  }
  return depth;
}

// Variables named in printed directives (` @include(if:$v)`).
void directiveVariables(std::string_view directives, std::vector<std::string>& out) {
  for (size_t at = directives.find('$'); at != std::string_view::npos;
       at = directives.find('$', at + 1)) {
    size_t end = at + 1;
    while (end < directives.size() &&
           (std::isalnum(static_cast<unsigned char>(directives[end])) || directives[end] == '_')) {
      ++end;
    }
    std::string name(directives.substr(at + 1, end - at - 1));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
}

std::string Walk::printArguments(const ast::Field& field, std::vector<std::string>& variables) {
  if (field.arguments.empty()) return {};
  std::string out = "(";
  for (const ast::Argument* argument : field.arguments) {
    if (out.size() > 1) out += ',';
    out += argument->name;
    out += ':';
    out += graphql::print(*argument->value);
    collectValueVariables(argument->value, variables);
  }
  out += ')';
  return out;
}

std::string Walk::printConditionDirectives(ast::List<const ast::Directive> directives,
                                           Conditions& conditions, bool& skipped) {
  std::string out;
  for (const ast::Directive* directive : directives) {
    bool include = directive->name == "include";
    if (!include && directive->name != "skip") continue;
    for (const ast::Argument* argument : directive->arguments) {
      if (argument->name != "if" || argument->value == nullptr) continue;
      const ast::Value& value = *argument->value;
      if (value.form == ast::Value::Form::kBoolean) {
        if (value.boolean != include) skipped = true;
      } else if (value.form == ast::Value::Form::kVariable) {
        Condition condition{std::string(value.text), include};
        if (std::find(conditions.begin(), conditions.end(), condition) == conditions.end()) {
          conditions.push_back(condition);
          std::sort(conditions.begin(), conditions.end());
        }
        out += include ? " @include(if:$" : " @skip(if:$";
        out += value.text;
        out += ')';
      }
    }
  }
  return out;
}

// --- The walk ------------------------------------------------------------------------------------

void Walk::collectRootFields(const ast::SelectionSet& set, const Conditions& conditions,
                             std::vector<RootField>& out) const {
  for (const ast::Selection* selection : set.selections) {
    Conditions here = conditions;
    bool skipped = false;
    if (const auto* field = selection->as<ast::Field>()) {
      printConditionDirectives(field->directives, here, skipped);
      if (!skipped) out.push_back({field, here});
    } else if (const auto* fragment = selection->as<ast::InlineFragment>()) {
      printConditionDirectives(fragment->directives, here, skipped);
      if (!skipped) collectRootFields(*fragment->selection_set, here, out);
    } else if (const auto* spread = selection->as<ast::FragmentSpread>()) {
      printConditionDirectives(spread->directives, here, skipped);
      auto it = fragments_.find(spread->name);
      if (!skipped && it != fragments_.end()) {
        collectRootFields(*it->second->selection_set, here, out);
      }
    }
  }
}

Status Walk::planRoot(const ast::SelectionSet& set, const NamedType* root_type) {
  std::vector<RootField> fields;
  collectRootFields(set, {}, fields);
  bool mutation = operation_.operation == ast::OperationType::kMutation;
  std::optional<SubgraphId> previous_graph;
  for (const RootField& root : fields) {
    const ast::Field& field = *root.field;
    if (field.name.starts_with("__")) continue;  // answered by the executor
    const FieldInfo* info = supergraph_.field(root_type->name, field.name);
    if (info == nullptr) {
      return Status::error("Cannot query field \"" + std::string(field.name) + "\" on type \"" +
                           std::string(root_type->name) + "\".");
    }
    // The subgraph: one already queried at the root, else the one needing fewest jumps.
    std::optional<SubgraphId> best;
    int best_cost = 0;
    for (SubgraphId graph = 0; graph < supergraph_.subgraphs().size(); ++graph) {
      if (!resolvable(*info, graph)) continue;
      int cost = missingFields(info->field->named_type, graph, field.selection_set, 0) * 4;
      bool queried = false;
      for (const auto& step : steps_) {
        queried = queried || (!step->entity && step->graph == graph && step->group == group_);
      }
      if (!queried) cost += 2;
      if (mutation && previous_graph && *previous_graph == graph) cost -= 3;
      if (!best || cost < best_cost) {
        best = graph;
        best_cost = cost;
      }
    }
    if (!best) {
      return Status::error("No subgraph can resolve field \"" + std::string(root_type->name) + "." +
                           std::string(field.name) + "\".");
    }
    if (mutation && previous_graph != best) ++group_;
    previous_graph = best;
    int step = rootStep(*best, root.conditions);
    Position at;
    at.type = root_type;
    at.graph = *best;
    at.step = step;
    at.out = &steps_[step]->output;
    at.conditions = root.conditions;
    Conditions none;
    bool skipped = false;
    std::string directives = printConditionDirectives(field.directives, none, skipped);
    if (Status status = addField(at, field, *info->field, info, directives, {}); !status.ok()) {
      return status;
    }
  }
  return Status();
}

Status Walk::planSet(const Position& at, const ast::SelectionSet& set) {
  if (atInterfaceObject(at)) {
    // The subgraph knows the interface as an object: it answers the interface's own fields;
    // __typename, type conditions and other fields come from a subgraph that knows the types.
    std::optional<Position> real;
    for (const ast::Selection* selection : set.selections) {
      const auto* field = selection->as<ast::Field>();
      const FieldInfo* info = field != nullptr && field->name != "__typename"
                                  ? supergraph_.field(at.type->name, field->name)
                                  : nullptr;
      if (info != nullptr && resolvableAt(at, *info)) {
        if (Status status = planSelection(at, *selection); !status.ok()) return status;
        continue;
      }
      if (!real) {
        StatusOr<Position> found = realInterface(at);
        if (!found.ok()) return found.status();
        real = *found;
      }
      if (Status status = planSelection(*real, *selection); !status.ok()) return status;
    }
    return Status();
  }
  if (at.type->isAbstract()) at.out->field("__typename", "__typename", "", "", false);
  // Subgraphs this object's other fields will be fetched from anyway: a shareable field whose
  // subtree they resolve better can ride along in that fetch (see planField).
  std::vector<SubgraphId> affinity;
  if (!at.type->isAbstract()) {
    for (const ast::Selection* selection : set.selections) {
      const auto* field = selection->as<ast::Field>();
      const FieldInfo* info =
          field != nullptr ? supergraph_.field(at.type->name, field->name) : nullptr;
      if (info == nullptr || resolvableAt(at, *info)) continue;
      for (SubgraphId graph = 0; graph < supergraph_.subgraphs().size(); ++graph) {
        if (resolvable(*info, graph) &&
            std::find(affinity.begin(), affinity.end(), graph) == affinity.end()) {
          affinity.push_back(graph);
        }
      }
    }
  }
  Position here = at;
  here.affinity = affinity.empty() ? nullptr : &affinity;
  for (const ast::Selection* selection : set.selections) {
    if (Status status = planSelection(here, *selection); !status.ok()) return status;
  }
  return Status();
}

Status Walk::planSelection(const Position& at, const ast::Selection& selection) {
  Conditions conditions = at.conditions;
  bool skipped = false;
  if (const auto* field = selection.as<ast::Field>()) {
    std::string directives = printConditionDirectives(field->directives, conditions, skipped);
    if (skipped) return Status();
    return planField(at, *field, conditions, directives);
  }
  if (const auto* fragment = selection.as<ast::InlineFragment>()) {
    std::string directives = printConditionDirectives(fragment->directives, conditions, skipped);
    if (skipped) return Status();
    std::string_view condition =
        fragment->type_condition ? fragment->type_condition->value : at.type->name;
    return planFragment(at, condition, *fragment->selection_set, conditions, directives);
  }
  if (const auto* spread = selection.as<ast::FragmentSpread>()) {
    std::string directives = printConditionDirectives(spread->directives, conditions, skipped);
    if (skipped) return Status();
    auto it = fragments_.find(spread->name);
    if (it == fragments_.end()) {
      return Status::error("Unknown fragment \"" + std::string(spread->name) + "\".");
    }
    return planFragment(at, it->second->type_condition->value, *it->second->selection_set,
                        conditions, directives);
  }
  return Status();
}

Status Walk::planFragment(const Position& at, std::string_view type_condition,
                          const ast::SelectionSet& set, const Conditions& conditions,
                          std::string_view directives) {
  const NamedType* condition = schema_.type(type_condition);
  if (condition == nullptr) {
    return Status::error("Unknown type \"" + std::string(type_condition) + "\".");
  }
  Position inner = at;
  inner.conditions = conditions;
  if (!directives.empty()) {
    OutSelection& wrapper = at.out->fragment("", directives);
    directiveVariables(directives, wrapper.variables);
    inner.out = wrapper.sub.get();
  }
  if (condition == at.type || !at.type->isAbstract()) {
    // Same type, or an abstract condition around an object position: the fields apply as is
    // (validation guarantees the object is one of the condition's possible types).
    if (!at.type->isAbstract() && condition != at.type && !condition->isAbstract()) {
      return Status();  // `... on Other` inside an object of a different type: never matches
    }
    return planSet(inner, set);
  }
  // An abstract position: narrow to the object types this subgraph can return.
  std::vector<const NamedType*> here = possibleTypesIn(at.type, at.graph);
  // Shareable fields must answer alike in every subgraph that resolves them, so where this value
  // could as well have come from another subgraph, only the types all of them can return are
  // asked for (Apollo's and Hive's rule; audit partial-union, partial-union-complex).
  for (SubgraphId graph = 0; graph < supergraph_.subgraphs().size(); ++graph) {
    const TypeInfo* info = supergraph_.type(at.type->name);
    if (graph == at.graph || info == nullptr || !info->isInSubgraph(graph) ||
        info->isInterfaceObjectIn(graph) || !couldComeFrom(at, graph)) {
      continue;  // an @interfaceObject knows no implementations: it does not narrow them
    }
    std::vector<const NamedType*> there = possibleTypesIn(at.type, graph);
    std::erase_if(here, [&](const NamedType* type) {
      return std::find(there.begin(), there.end(), type) == there.end();
    });
  }
  for (const NamedType* object : here) {
    bool matches =
        condition == object || (condition->isAbstract() && schema_.isSubType(condition, object));
    if (!matches) continue;
    Position typed = inner;
    typed.type = object;
    typed.out = inner.out->fragment(object->name).sub.get();
    if (Status status = planSet(typed, set); !status.ok()) return status;
  }
  return Status();
}

Status Walk::planField(const Position& at, const ast::Field& field, const Conditions& conditions,
                       std::string_view directives) {
  if (field.name == "__typename") {
    std::string_view key = field.responseKey();
    at.out->field(key, "__typename", "", directives, false);
    if (at.used != nullptr) at.used->insert(at.step);
    return Status();
  }
  Position here = at;
  here.conditions = conditions;
  const FieldInfo* info = supergraph_.field(at.type->name, field.name);
  const graphql::FieldDef* def = schema_.fieldDef(at.type, field.name);
  if (def == nullptr) {
    return Status::error("Cannot query field \"" + std::string(field.name) + "\" on type \"" +
                         std::string(at.type->name) + "\".");
  }
  bool here_ok = info == nullptr || resolvableAt(here, *info);
  if (here_ok && info != nullptr && at.type->isAbstract() && !atInterfaceObject(at)) {
    // An interface field is answered here only if every implementation here answers it (one
    // may have moved away with @override).
    for (const NamedType* object : possibleTypesIn(at.type, at.graph)) {
      const FieldInfo* own = supergraph_.field(object->name, field.name);
      if (own != nullptr && !resolvable(*own, at.graph)) here_ok = false;
    }
  }
  if (here_ok && info != nullptr && at.affinity != nullptr && field.selection_set != nullptr) {
    int missing_here = missingFields(def->named_type, at.graph, field.selection_set, 0);
    for (SubgraphId graph : *at.affinity) {
      const JoinField* there = info->joinFor(graph);
      if (graph == at.graph || !resolvable(*info, graph) ||
          (there != nullptr && there->requires_fields)) {
        continue;
      }
      if (missingFields(def->named_type, graph, field.selection_set, 0) >= missing_here) continue;
      const JoinType* key = usableKey(here, at.type, graph);
      if (key == nullptr) continue;
      Position inside = enterEntity(here, at.type, graph, *key, {}, nullptr);
      inside.affinity = nullptr;
      return addField(inside, field, *def, info, directives, conditions);
    }
  }
  if (here_ok) {
    const JoinField* join = info != nullptr ? info->joinFor(at.graph) : nullptr;
    if (join != nullptr && join->requires_fields && join->requires_fields->selection_set) {
      // Resolvable here, but only with its requirements: fetch them first, then ask this
      // subgraph again through an entity call that carries them.
      const ast::SelectionSet& requires_set = *join->requires_fields->selection_set;
      const JoinType* key = usableKey(here, at.type, at.graph);
      if (key != nullptr) {
        std::set<int> required_by;
        Position requirement = here;
        requirement.used = &required_by;
        requirement.requirement = true;
        if (Status status = planSet(requirement, requires_set); !status.ok()) return status;
        if (at.used != nullptr) at.used->insert(required_by.begin(), required_by.end());
        Position inside = enterEntity(here, at.type, at.graph, *key, required_by, &requires_set);
        return addField(inside, field, *def, info, directives, conditions);
      }
    }
    return addField(here, field, *def, info, directives, conditions);
  }
  if (at.type->isAbstract()) {
    // Not resolvable on the interface here: ask each implementation this subgraph returns.
    std::vector<const NamedType*> objects = possibleTypesIn(at.type, at.graph);
    if (objects.empty()) return jump(here, field, *info, conditions, directives);
    for (const NamedType* object : objects) {
      Position typed = here;
      typed.type = object;
      typed.out = at.out->fragment(object->name).sub.get();
      if (Status status = planField(typed, field, conditions, directives); !status.ok()) {
        return status;
      }
    }
    return Status();
  }
  return jump(here, field, *info, conditions, directives);
}

Status Walk::addField(const Position& at, const ast::Field& field, const graphql::FieldDef& def,
                      const FieldInfo* info, std::string_view directives,
                      const Conditions& conditions) {
  std::vector<std::string> variables;
  std::string arguments = printArguments(field, variables);
  directiveVariables(directives, variables);
  bool composite = field.selection_set != nullptr;
  std::string key(field.responseKey());
  if (at.requirement && !arguments.empty()) key = requirementAlias(field.name, arguments);
  OutSelection& item = at.out->field(key, field.name, arguments, directives, composite);
  for (std::string& variable : variables) {
    if (std::find(item.variables.begin(), item.variables.end(), variable) == item.variables.end()) {
      item.variables.push_back(std::move(variable));
    }
  }
  if (item.type.empty()) {
    const JoinField* join = info != nullptr ? info->joinFor(at.graph) : nullptr;
    item.type = join != nullptr && join->type != nullptr ? graphql::print(*join->type)
                                                         : graphql::print(*def.type);
  }
  if (at.used != nullptr) at.used->insert(at.step);
  if (!composite) return Status();
  Position child = at;
  child.type = def.named_type;
  if (const JoinField* join = info != nullptr ? info->joinFor(at.graph) : nullptr;
      join != nullptr && join->type != nullptr) {
    // The subgraph's own type for the field (narrower than the supergraph's, e.g. an object
    // where the supergraph has a union): its selections must fit it.
    if (const NamedType* own = schema_.type(join->type->namedType())) child.type = own;
  }
  child.out = item.sub.get();
  child.path.emplace_back(key);
  for (int i = listDepth(def.type); i > 0; --i) child.path.emplace_back("@");
  child.provided = nullptr;
  child.parent = &at;
  child.via = &field;
  if (info != nullptr) {
    if (const ast::Field* provided = providedField(at, field.name)) {
      child.provided = provided->selection_set;
    } else if (const JoinField* join = info->joinFor(at.graph);
               join != nullptr && join->provides_fields) {
      child.provided = join->provides_fields->selection_set;
    }
  }
  // `item` may move while the children are planned (a re-entry can add selections to this
  // set); the sub-selection it owns does not.
  OutSet* sub = child.out;
  Status status = planSet(child, *field.selection_set);
  // Every child skipped (`@include(if: false)`): a composite field still needs a selection.
  if (status.ok() && !sub->printable()) sub->field("__typename", "__typename", "", "", false);
  return status;
}

}  // namespace plexus::federation::planning
