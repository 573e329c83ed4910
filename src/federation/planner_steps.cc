// The planner's fetch steps: creating and merging root and entity steps, entering an entity
// fetch (its representation, requirement aliases and interfaceObject rewrites).
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

}  // namespace plexus::federation::planning
