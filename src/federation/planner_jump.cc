// The planner's moves when a field is not resolvable where the walk is: entity jumps (with
// @requires planned first), keys planned across subgraphs, re-entry from an ancestor, and the
// hop from an @interfaceObject position to a subgraph that knows the concrete types.
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
