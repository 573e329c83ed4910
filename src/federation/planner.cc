// Planner facade: picks the operation, indexes its fragments, runs the walk and the emitter.
#include "src/federation/planner.h"

#include <unordered_map>

#include "src/federation/planner_internal.h"

namespace plexus::federation {

namespace ast = graphql::ast;

Planner::Planner(std::shared_ptr<const Supergraph> supergraph)
    : supergraph_(std::move(supergraph)) {
  for (const TypeInfo* type : supergraph_->types()) {
    for (const FieldInfo& field : type->fields) {
      for (const JoinField& join : field.joins) {
        if (!join.override_label) continue;
        std::string label(*join.override_label);
        if (std::find(override_labels_.begin(), override_labels_.end(), label) ==
            override_labels_.end()) {
          override_labels_.push_back(std::move(label));
        }
      }
    }
  }
  std::sort(override_labels_.begin(), override_labels_.end());
}

Planner::~Planner() = default;

StatusOr<std::shared_ptr<const QueryPlan>> Planner::plan(const ast::Document& document,
                                                         std::string_view operation_name,
                                                         const PlanOptions& options) const {
  const ast::OperationDefinition* operation = nullptr;
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments;
  int operations = 0;
  for (const ast::Definition* definition : document.definitions) {
    if (const auto* op = definition->as<ast::OperationDefinition>()) {
      ++operations;
      if (operation_name.empty() ? operation == nullptr : op->name == operation_name) {
        operation = op;
      }
    } else if (const auto* fragment = definition->as<ast::FragmentDefinition>()) {
      fragments.emplace(fragment->name, fragment);
    }
  }
  if (operation_name.empty() && operations > 1) {
    return Status::error("Must provide operation name if query contains multiple operations.");
  }
  if (operation == nullptr) {
    return Status::error(operation_name.empty()
                             ? std::string("Must provide an operation.")
                             : "Unknown operation named \"" + std::string(operation_name) + "\".");
  }
  const graphql::NamedType* root = supergraph_->schema().rootType(operation->operation);
  if (root == nullptr) {
    return Status::error("The schema has no " +
                         std::string(ast::operationTypeName(operation->operation)) + " type.");
  }
  planning::Walk walk(*supergraph_, options, fragments, *operation);
  if (Status status = walk.planRoot(*operation->selection_set, root); !status.ok()) {
    return status;
  }
  StatusOr<PlanNodePtr> node = planning::emitPlan(*supergraph_, *operation, walk.steps(), options);
  if (!node.ok()) return node.status();
  return std::make_shared<const QueryPlan>(std::move(*node));
}

}  // namespace plexus::federation
