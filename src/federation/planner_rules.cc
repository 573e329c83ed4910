// The planner's resolution rules: where a field can be answered (joins, @external, @provides,
// @override and progressive labels, @interfaceObject), which types a subgraph returns for an
// abstract type, and which keys let one subgraph reach an entity in another.
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
  Position at;
  at.type = type;
  at.graph = graph;
  at.provided = provided;
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

bool Walk::couldComeFrom(const Position& at, SubgraphId graph) const {
  // Up the fields that led here, all of them resolvable in `graph`, to the root or to an entity
  // that `graph` can be asked for.
  for (const Position* p = &at; p->parent != nullptr && p->via != nullptr; p = p->parent) {
    const FieldInfo* field = supergraph_.field(p->parent->type->name, p->via->name);
    if (field == nullptr || !resolvable(*field, graph)) return false;
    const Position& ancestor = *p->parent;
    if (ancestor.parent == nullptr) return true;  // a root field `graph` also resolves
    const TypeInfo* info = supergraph_.type(ancestor.type->name);
    if (info == nullptr) return false;
    for (const JoinType& join : info->joins) {
      if (join.graph == graph && join.key && join.resolvable) return true;
    }
  }
  return false;
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

}  // namespace plexus::federation::planning
