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

}  // namespace

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

// --- Resolution rules ---------------------------------------------------------------------------

bool Walk::resolvable(const FieldInfo& info, SubgraphId graph) const {
  const JoinField* join = info.joinFor(graph);
  auto enabled = [&](std::string_view label) {
    return std::find(options_.enabled_override_labels.begin(),
                     options_.enabled_override_labels.end(),
                     label) != options_.enabled_override_labels.end();
  };
  if (join != nullptr && join->override_label) {
    // The overriding side (`override:` set) serves the field while the label is on; the
    // overridden side carries the same label and serves it while the label is off.
    bool on = enabled(*join->override_label);
    return !join->external && (join->override_from ? on : !on);
  }
  // A field progressively overridden *from* this subgraph stays here while the label is off.
  std::string_view name = supergraph_.subgraph(graph).name;
  for (const JoinField& other : info.joins) {
    if (other.override_from && other.override_label && *other.override_from == name) {
      if (enabled(*other.override_label)) return false;
      return join == nullptr || !join->external;
    }
  }
  return info.isResolvableIn(graph);
}

bool Walk::typeIn(const NamedType* type, SubgraphId graph) const {
  const TypeInfo* info = supergraph_.type(type->name);
  return info == nullptr || info->isInSubgraph(graph);
}

std::vector<const NamedType*> Walk::possibleTypesIn(const NamedType* abstract_type,
                                                    SubgraphId graph) const {
  std::vector<const NamedType*> out;
  const TypeInfo* abstract_info = supergraph_.type(abstract_type->name);
  for (const NamedType* object : schema_.possibleTypes(abstract_type)) {
    const TypeInfo* info = supergraph_.type(object->name);
    if (info == nullptr || !info->isInSubgraph(graph)) continue;
    bool related = false;
    bool any_relation = false;
    if (abstract_type->kind == graphql::TypeKind::kUnion && abstract_info != nullptr) {
      for (const JoinRelation& member : abstract_info->union_members) {
        any_relation = true;
        if (member.graph == graph && member.type_name == object->name) related = true;
      }
    } else {
      for (const JoinRelation& relation : info->implements) {
        any_relation = true;
        if (relation.graph == graph && relation.type_name == abstract_type->name) related = true;
      }
    }
    if (related || !any_relation) out.push_back(object);
  }
  return out;
}

const ast::Field* Walk::providedField(const Position& at, std::string_view name) const {
  if (at.provided == nullptr) return nullptr;
  const ast::Field* found = nullptr;
  std::function<void(const ast::SelectionSet&)> visit = [&](const ast::SelectionSet& set) {
    for (const ast::Selection* selection : set.selections) {
      if (const auto* field = selection->as<ast::Field>()) {
        if (field->name == name && found == nullptr) found = field;
      } else if (const auto* fragment = selection->as<ast::InlineFragment>()) {
        if (fragment->type_condition == nullptr ||
            fragment->type_condition->value == at.type->name) {
          visit(*fragment->selection_set);
        }
      }
    }
  };
  visit(*at.provided);
  return found;
}

bool Walk::resolvableAt(const Position& at, const FieldInfo& info) const {
  if (resolvable(info, at.graph)) return true;
  return info.isInSubgraph(at.graph) && providedField(at, info.name) != nullptr;
}

bool Walk::locallyResolvable(const NamedType* type, SubgraphId graph, const ast::SelectionSet& set,
                             const ast::SelectionSet* provided) const {
  Position at{.type = type, .graph = graph, .provided = provided};
  for (const ast::Selection* selection : set.selections) {
    if (const auto* field = selection->as<ast::Field>()) {
      if (field->name == "__typename") continue;
      const FieldInfo* info = supergraph_.field(type->name, field->name);
      if (info == nullptr || !resolvableAt(at, *info)) return false;
      if (field->selection_set != nullptr) {
        const ast::Field* provided_field = providedField(at, field->name);
        const NamedType* child = info->field->named_type;
        if (!locallyResolvable(child, graph, *field->selection_set,
                               provided_field ? provided_field->selection_set : nullptr)) {
          return false;
        }
      }
    } else if (const auto* fragment = selection->as<ast::InlineFragment>()) {
      const NamedType* condition =
          fragment->type_condition ? schema_.type(fragment->type_condition->value) : type;
      if (condition == nullptr) return false;
      if (!locallyResolvable(condition, graph, *fragment->selection_set, provided)) return false;
    }
  }
  return true;
}

int Walk::missingFields(const NamedType* type, SubgraphId graph, const ast::SelectionSet* set,
                        int depth) const {
  if (set == nullptr || depth > 8 || type == nullptr) return 0;
  int missing = 0;
  for (const ast::Selection* selection : set->selections) {
    if (const auto* field = selection->as<ast::Field>()) {
      if (field->name.starts_with("__")) continue;
      if (type->isAbstract()) {
        const FieldInfo* info = supergraph_.field(type->name, field->name);
        if (info == nullptr || !resolvable(*info, graph)) ++missing;
        continue;
      }
      const FieldInfo* info = supergraph_.field(type->name, field->name);
      if (info == nullptr) continue;
      if (!resolvable(*info, graph)) {
        ++missing;
        continue;
      }
      missing += missingFields(info->field->named_type, graph, field->selection_set, depth + 1);
    } else if (const auto* fragment = selection->as<ast::InlineFragment>()) {
      const NamedType* condition =
          fragment->type_condition ? schema_.type(fragment->type_condition->value) : type;
      missing += missingFields(condition, graph, fragment->selection_set, depth + 1);
    } else if (const auto* spread = selection->as<ast::FragmentSpread>()) {
      auto it = fragments_.find(spread->name);
      if (it == fragments_.end()) continue;
      const NamedType* condition = schema_.type(it->second->type_condition->value);
      missing += missingFields(condition, graph, it->second->selection_set, depth + 1);
    }
  }
  return missing;
}

const JoinType* Walk::usableKey(const Position& at, const NamedType* type, SubgraphId to) const {
  const TypeInfo* info = supergraph_.type(type->name);
  if (info == nullptr) return nullptr;
  for (const JoinType& join : info->joins) {
    if (join.graph != to || !join.key || !join.resolvable) continue;
    if (join.key->selection_set == nullptr) continue;
    if (locallyResolvable(at.type, at.graph, *join.key->selection_set, at.provided) ||
        keyInRepresentation(at, *join.key->selection_set)) {
      return &join;
    }
  }
  return nullptr;
}

bool Walk::keyInRepresentation(const Position& at, const ast::SelectionSet& key) const {
  // At the top of an entity fetch, the entity's data already holds what its representation
  // was built from (fields external here included).
  if (at.step < 0 || !steps_[at.step]->entity || steps_[at.step]->path != at.path) return false;
  for (const OutSelection& item : steps_[at.step]->input.items) {
    if (item.kind != OutSelection::Kind::kFragment || item.key != at.type->name) continue;
    bool all = true;
    for (const ast::Selection* selection : key.selections) {
      const auto* field = selection->as<ast::Field>();
      bool found = false;
      for (const OutSelection& have : item.sub->items) {
        found = found || (field != nullptr && have.key == field->name && have.sub == nullptr &&
                          field->selection_set == nullptr);
      }
      all = all && found;
    }
    if (all) return true;
  }
  return false;
}

std::vector<SubgraphId> Walk::route(const Position& at, const NamedType* type,
                                    SubgraphId target) const {
  // Breadth-first over subgraphs: an edge A → B exists when B has a resolvable key of `type`
  // that A can resolve. Only the first hop may use @provides of the current position.
  size_t count = supergraph_.subgraphs().size();
  std::vector<int> previous(count, -2);
  std::deque<SubgraphId> queue;
  previous[at.graph] = -1;
  queue.push_back(at.graph);
  while (!queue.empty()) {
    SubgraphId from = queue.front();
    queue.pop_front();
    Position here = at;
    here.graph = from;
    if (from != at.graph) here.provided = nullptr;
    for (SubgraphId to = 0; to < count; ++to) {
      if (previous[to] != -2 || !typeIn(type, to)) continue;
      if (usableKey(here, type, to) == nullptr) continue;
      previous[to] = static_cast<int>(from);
      if (to == target) {
        std::vector<SubgraphId> chain;
        for (int g = static_cast<int>(to); g != static_cast<int>(at.graph) && g >= 0;
             g = previous[g]) {
          chain.push_back(static_cast<SubgraphId>(g));
        }
        std::reverse(chain.begin(), chain.end());
        return chain;
      }
      queue.push_back(to);
    }
  }
  return {};
}

std::string requirementAlias(std::string_view name, std::string_view printed_arguments) {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a: stable across runs and machines
  for (char c : printed_arguments) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return "_plexus_req_" + std::string(name) + "_" + std::string(hex, 8);
}

void Walk::copyRequirement(const ast::SelectionSet& set, OutSet& out,
                           std::vector<std::string>& path, std::vector<DataRewrite>& rewrites) {
  for (const ast::Selection* selection : set.selections) {
    if (const auto* field = selection->as<ast::Field>()) {
      std::vector<std::string> variables;
      std::string arguments = printArguments(*field, variables);
      std::string key(field->responseKey());
      if (!arguments.empty()) {
        key = requirementAlias(field->name, arguments);
        DataRewrite rename;
        rename.kind = DataRewrite::Kind::kKeyRenamer;
        rename.path = path;
        rename.path.push_back(key);
        rename.rename_key_to = std::string(field->responseKey());
        rewrites.push_back(std::move(rename));
      }
      // The representation carries no arguments: only the key and the shape matter.
      OutSelection& item = out.field(key, field->name, "", "", field->selection_set != nullptr);
      if (field->selection_set != nullptr) {
        path.push_back(std::string(field->responseKey()));
        copyRequirement(*field->selection_set, *item.sub, path, rewrites);
        path.pop_back();
      }
    } else if (const auto* fragment = selection->as<ast::InlineFragment>()) {
      std::string_view condition =
          fragment->type_condition ? fragment->type_condition->value : std::string_view();
      if (!condition.empty()) path.push_back("... on " + std::string(condition));
      copyRequirement(*fragment->selection_set, *out.fragment(condition).sub, path, rewrites);
      if (!condition.empty()) path.pop_back();
    }
  }
}

// --- Steps ---------------------------------------------------------------------------------------

bool Walk::dependsOn(int step, int ancestor) const {
  if (step == ancestor) return true;
  for (int dep : steps_[step]->deps) {
    if (dependsOn(dep, ancestor)) return true;
  }
  return false;
}

int Walk::rootStep(SubgraphId graph, const Conditions& conditions) {
  for (const auto& step : steps_) {
    if (!step->entity && step->graph == graph && step->conditions == conditions &&
        step->group == group_) {
      return step->id;
    }
  }
  auto step = std::make_unique<Step>();
  step->id = static_cast<int>(steps_.size());
  step->graph = graph;
  step->conditions = conditions;
  step->group = group_;
  steps_.push_back(std::move(step));
  return steps_.back()->id;
}

namespace {

bool renamesClash(const std::vector<DataRewrite>& have, const std::vector<DataRewrite>& want) {
  for (const DataRewrite& a : have) {
    for (const DataRewrite& b : want) {
      if (a.kind != DataRewrite::Kind::kKeyRenamer || b.kind != DataRewrite::Kind::kKeyRenamer ||
          a.rename_key_to != b.rename_key_to || a.path.size() != b.path.size()) {
        continue;
      }
      if (std::equal(a.path.begin(), a.path.end() - 1, b.path.begin()) &&
          a.path.back() != b.path.back()) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

int Walk::entityStep(SubgraphId graph, const std::vector<std::string>& path,
                     const Conditions& conditions, const std::set<int>& deps,
                     const std::vector<DataRewrite>& renames) {
  for (const auto& step : steps_) {
    if (!step->entity || step->graph != graph || step->path != path ||
        step->conditions != conditions || step->group != group_) {
      continue;
    }
    bool cycle = false;
    for (int dep : deps) cycle = cycle || dependsOn(dep, step->id);
    if (cycle || renamesClash(step->input_rewrites, renames)) continue;
    step->deps.insert(deps.begin(), deps.end());
    return step->id;
  }
  auto step = std::make_unique<Step>();
  step->id = static_cast<int>(steps_.size());
  step->graph = graph;
  step->entity = true;
  step->path = path;
  step->conditions = conditions;
  step->deps = deps;
  step->group = group_;
  for (const std::string& segment : path) {
    if (!step->path_key.empty()) step->path_key += '.';
    step->path_key += segment;
  }
  steps_.push_back(std::move(step));
  return steps_.back()->id;
}

Position Walk::enterEntity(const Position& at, const NamedType* type, SubgraphId to,
                           const JoinType& key, const std::set<int>& extra_deps,
                           const ast::SelectionSet* requires_set, bool key_planned) {
  // The representation's fields must be in the data before the entity fetch runs.
  at.out->field("__typename", "__typename", "", "", false);
  if (!key_planned && locallyResolvable(at.type, at.graph, *key.key->selection_set, at.provided)) {
    copySelections(*key.key->selection_set, *at.out);
  }
  if (at.used != nullptr) at.used->insert(at.step);
  std::set<int> deps = extra_deps;
  deps.insert(at.step);
  std::vector<DataRewrite> renames;
  if (requires_set != nullptr) {
    OutSet probe;
    std::vector<std::string> path{"... on " + std::string(type->name)};
    copyRequirement(*requires_set, probe, path, renames);
  }
  int id = entityStep(to, at.path, at.conditions, deps, renames);
  Step& step = *steps_[id];
  OutSet& input = *step.input.fragment(type->name).sub;
  input.field("__typename", "__typename", "", "", false);
  copySelections(*key.key->selection_set, input);
  if (requires_set != nullptr) {
    std::vector<std::string> path{"... on " + std::string(type->name)};
    copyRequirement(*requires_set, input, path, step.input_rewrites);
  }
  const TypeInfo* info = supergraph_.type(type->name);
  if (info != nullptr && info->isInterfaceObjectIn(to) && type->isAbstract()) {
    // The subgraph sees the interface as an object type: representations carry its name.
    bool present = false;
    for (const DataRewrite& rewrite : step.input_rewrites) {
      present = present ||
                (!rewrite.path.empty() && rewrite.path[0] == "... on " + std::string(type->name));
    }
    if (!present) {
      DataRewrite rewrite;
      rewrite.kind = DataRewrite::Kind::kValueSetter;
      rewrite.path = {"... on " + std::string(type->name), "__typename"};
      rewrite.set_value_to = json::Value(std::string(type->name));
      step.input_rewrites.push_back(std::move(rewrite));
    }
  }
  Position inside = at;
  inside.type = type;
  inside.graph = to;
  inside.step = id;
  inside.out = step.output.fragment(type->name).sub.get();
  inside.provided = nullptr;
  return inside;
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
    Position at{.type = root_type,
                .graph = *best,
                .step = step,
                .out = &steps_[step]->output,
                .conditions = root.conditions};
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

Status Walk::jump(const Position& at, const ast::Field& field, const FieldInfo& info,
                  const Conditions& conditions, std::string_view directives) {
  // Candidates: (subgraph, entity type) — the type itself, or an interface of it that a subgraph
  // extends as an @interfaceObject. Cheapest first: fewest hops, then fewest fields left below.
  struct Candidate {
    SubgraphId graph;
    const NamedType* entity;
    const FieldInfo* info;
    std::vector<SubgraphId> chain;
    int cost;
  };
  std::optional<Candidate> best;
  auto consider = [&](SubgraphId graph, const NamedType* entity, const FieldInfo& field_info) {
    if (graph == at.graph || !resolvable(field_info, graph)) return;
    std::vector<SubgraphId> chain = route(at, entity, graph);
    if (chain.empty()) return;
    int cost = static_cast<int>(chain.size()) * 100 +
               missingFields(field_info.field->named_type, graph, field.selection_set, 0) * 4;
    bool existing = false;
    for (const auto& step : steps_) {
      existing = existing || (step->entity && step->graph == graph && step->path == at.path &&
                              step->group == group_);
    }
    if (!existing) cost += 2;
    if (!best || cost < best->cost) best = Candidate{graph, entity, &field_info, chain, cost};
  };
  for (SubgraphId graph = 0; graph < supergraph_.subgraphs().size(); ++graph) {
    consider(graph, at.type, info);
  }
  for (const NamedType* interface_type : at.type->interfaces) {
    const TypeInfo* interface_info = supergraph_.type(interface_type->name);
    const FieldInfo* on_interface = supergraph_.field(interface_type->name, field.name);
    if (interface_info == nullptr || on_interface == nullptr) continue;
    for (SubgraphId graph = 0; graph < supergraph_.subgraphs().size(); ++graph) {
      if (interface_info->isInterfaceObjectIn(graph)) {
        consider(graph, interface_type, *on_interface);
      }
    }
  }
  if (!best) {
    // A key of the type exists but no single subgraph here has all its fields: plan the key
    // like a requirement (it may take other entity fetches), then jump.
    for (SubgraphId graph = 0; graph < supergraph_.subgraphs().size() && !best; ++graph) {
      if (graph == at.graph || !resolvable(info, graph)) continue;
      const TypeInfo* type_info = supergraph_.type(at.type->name);
      if (type_info == nullptr) continue;
      for (const JoinType& join : type_info->joins) {
        if (join.graph != graph || !join.key || !join.resolvable) continue;
        auto guard = std::make_pair(at.type->name, graph);
        if (keys_in_progress_.count(guard) != 0) continue;
        keys_in_progress_.insert(guard);
        std::set<int> key_steps;
        Position key_position = at;
        key_position.used = &key_steps;
        Status planned = planSet(key_position, *join.key->selection_set);
        keys_in_progress_.erase(guard);
        if (!planned.ok()) continue;
        if (at.used != nullptr) at.used->insert(key_steps.begin(), key_steps.end());
        const JoinField* join_field = info.joinFor(graph);
        const ast::SelectionSet* requires_set = join_field != nullptr && join_field->requires_fields
                                                    ? join_field->requires_fields->selection_set
                                                    : nullptr;
        if (requires_set != nullptr) {
          Position requirement = at;
          requirement.used = &key_steps;
          requirement.requirement = true;
          if (Status status = planSet(requirement, *requires_set); !status.ok()) return status;
        }
        Position inside =
            enterEntity(at, at.type, graph, join, key_steps, requires_set, /*key_planned=*/true);
        return addField(inside, field, *info.field, &info, directives, conditions);
      }
    }
    return reenter(at, field, info, conditions, directives);
  }
  // @requires: fetch the required fields into the data first, from where we are.
  const JoinField* join = best->info->joinFor(best->graph);
  const ast::SelectionSet* requires_set =
      join != nullptr && join->requires_fields ? join->requires_fields->selection_set : nullptr;
  std::set<int> required_by;
  if (requires_set != nullptr) {
    Position requirement = at;
    requirement.used = &required_by;
    requirement.requirement = true;
    if (best->entity != at.type) {
      requirement.type = best->entity;  // requirements written against the interface
    }
    if (Status status = planSet(requirement, *requires_set); !status.ok()) return status;
    if (at.used != nullptr) at.used->insert(required_by.begin(), required_by.end());
  }
  Position position = at;
  for (size_t hop = 0; hop < best->chain.size(); ++hop) {
    SubgraphId to = best->chain[hop];
    bool last = hop + 1 == best->chain.size();
    const NamedType* entity = last ? best->entity : at.type;
    const JoinType* key = usableKey(position, entity, to);
    if (key == nullptr) {
      return Status::error("planner: lost the key of \"" + std::string(entity->name) + "\"");
    }
    position = enterEntity(position, entity, to, *key, last ? required_by : std::set<int>{},
                           last ? requires_set : nullptr);
    if (!last) position.type = at.type;
  }
  return addField(position, field, *best->info->field, best->info, directives, conditions);
}

Position Walk::descend(const Position& at, const ast::Field& field, const NamedType* type) {
  Conditions conditions = at.conditions;
  bool skipped = false;
  std::string directives = printConditionDirectives(field.directives, conditions, skipped);
  std::vector<std::string> variables;
  std::string arguments = printArguments(field, variables);
  const graphql::FieldDef* def = schema_.fieldDef(at.type, field.name);
  OutSelection& item = at.out->field(field.responseKey(), field.name, arguments, directives, true);
  directiveVariables(directives, variables);
  for (std::string& variable : variables) item.variables.push_back(std::move(variable));
  if (at.used != nullptr) at.used->insert(at.step);
  Position child = at;
  child.conditions = conditions;
  child.type = def != nullptr ? def->named_type : type;
  child.out = item.sub.get();
  child.path.emplace_back(field.responseKey());
  for (int i = def != nullptr ? listDepth(def->type) : 0; i > 0; --i) child.path.emplace_back("@");
  child.provided = nullptr;
  child.parent = &at;
  child.via = &field;
  if (child.type != type && type != nullptr) {
    if (child.type->isAbstract()) child.out->field("__typename", "__typename", "", "", false);
    child.out = child.out->fragment(type->name).sub.get();
    child.type = type;
  }
  return child;
}

Status Walk::reenter(const Position& at, const ast::Field& field, const FieldInfo& info,
                     const Conditions& conditions, std::string_view directives) {
  bool query = operation_.operation == ast::OperationType::kQuery;
  std::vector<const Position*> chain;  // from the ancestor's child down to `at`
  for (const Position* p = &at; p->parent != nullptr; p = p->parent) {
    chain.insert(chain.begin(), p);
    const Position& ancestor = *p->parent;
    bool at_root =
        ancestor.parent == nullptr && ancestor.type == schema_.rootType(operation_.operation);
    if (at_root && !query) break;  // never run a mutation's root field twice
    if (at_root && isEntity(at.type)) {
      // A shared root field is split across subgraphs only for value types: an entity must be
      // reached through its keys (Apollo refuses such operations too).
      break;
    }
    for (SubgraphId graph = 0; graph < supergraph_.subgraphs().size(); ++graph) {
      if (graph == ancestor.graph || !resolvable(info, graph)) continue;
      bool fits = true;
      for (const Position* link : chain) {
        const FieldInfo* link_info = supergraph_.field(link->parent->type->name, link->via->name);
        fits = fits && link_info != nullptr && resolvable(*link_info, graph);
      }
      if (!fits) continue;
      Position position = ancestor;
      position.used = at.used;  // what is planned for a requirement must be waited for
      position.requirement = at.requirement;
      if (at_root) {
        int step = rootStep(graph, ancestor.conditions);
        position.graph = graph;
        position.step = step;
        position.out = &steps_[step]->output;
      } else {
        std::vector<SubgraphId> hops = route(ancestor, ancestor.type, graph);
        if (hops.empty()) continue;
        for (SubgraphId to : hops) {
          const JoinType* key = usableKey(position, ancestor.type, to);
          if (key == nullptr) break;
          position = enterEntity(position, ancestor.type, to, *key, {}, nullptr);
        }
        if (position.graph != graph) continue;
      }
      // Walk the same fields down again in that subgraph. Positions must outlive their children.
      std::vector<std::unique_ptr<Position>> walked;
      walked.push_back(std::make_unique<Position>(position));
      for (const Position* link : chain) {
        walked.push_back(
            std::make_unique<Position>(descend(*walked.back(), *link->via, link->type)));
      }
      Position& end = *walked.back();
      end.conditions = conditions;
      return addField(end, field, *info.field, &info, directives, conditions);
    }
  }
  std::string path;
  for (const std::string& segment : at.path) path += segment + ".";
  return Status::error("Cannot plan field \"" + std::string(at.type->name) + "." +
                       std::string(field.name) + "\" at \"" + path +
                       "\": no subgraph reachable from \"" +
                       std::string(supergraph_.subgraph(at.graph).name) + "\" resolves it.");
}

bool Walk::isEntity(const NamedType* type) const {
  const TypeInfo* info = supergraph_.type(type->name);
  if (info == nullptr) return false;
  for (const JoinType& join : info->joins) {
    if (join.key) return true;
  }
  return false;
}

bool Walk::atInterfaceObject(const Position& at) const {
  if (at.type->kind != graphql::TypeKind::kInterface) return false;
  const TypeInfo* info = supergraph_.type(at.type->name);
  return info != nullptr && info->isInterfaceObjectIn(at.graph);
}

StatusOr<Position> Walk::realInterface(const Position& at) {
  for (SubgraphId graph = 0; graph < supergraph_.subgraphs().size(); ++graph) {
    if (graph == at.graph) continue;
    const TypeInfo* info = supergraph_.type(at.type->name);
    if (info == nullptr || !info->isInSubgraph(graph) || info->isInterfaceObjectIn(graph)) continue;
    const JoinType* key = usableKey(at, at.type, graph);
    if (key == nullptr) continue;
    Position real = enterEntity(at, at.type, graph, *key, {}, nullptr);
    real.out->field("__typename", "__typename", "", "", false);
    return real;
  }
  return Status::error("No subgraph resolves the concrete types of \"" +
                       std::string(at.type->name) + "\".");
}

}  // namespace plexus::federation::planning
