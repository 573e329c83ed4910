// Rules on fields (GraphQL spec §5.3): graphql-js ScalarLeafsRule, FieldsOnCorrectTypeRule and
// the recommended MaxIntrospectionDepthRule.
//
//   checkScalarLeafs(context, type_info, field);        // on entering a Field
//   checkFieldOnCorrectType(context, type_info, field);
//
// The walker (walker.cc) calls these at the graphql-js visitor events named on each, after
// TypeInfo entered the field; a rule object lives for one validation. Not thread-safe.
#pragma once

#include <string_view>
#include <unordered_map>

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// ScalarLeafsRule, Field enter: leaves have no selection set, composites have one (§5.3.3).
void checkScalarLeafs(ValidationContext& context, const TypeInfo& type_info,
                      const ast::Field& field);

// FieldsOnCorrectTypeRule, Field enter: the field exists on its parent type (§5.3.1), with
// graphql-js's suggestions of types to spread on, or of similarly named fields.
void checkFieldOnCorrectType(ValidationContext& context, const TypeInfo& type_info,
                             const ast::Field& field);

// MaxIntrospectionDepthRule, Field enter/leave: `__schema` / `__type` selections may nest the
// introspection lists (fields, interfaces, possibleTypes, inputFields) less than 3 deep.
class MaxIntrospectionDepth {
 public:
  void enterField(ValidationContext& context, const ast::Field& field);
  void leaveField(const ast::Field& field) {
    if (skipping_ == &field) skipping_ = nullptr;
  }

 private:
  bool exceeds(ValidationContext& context, const ast::SelectionSet& selection_set, int depth);
  bool exceeds(ValidationContext& context, const ast::Selection& selection, int depth);

  const ast::Field* skipping_ = nullptr;  // graphql-js `return false`: its subtree is skipped
  std::unordered_map<std::string_view, int> checked_fragments_;
  std::unordered_map<std::string_view, int> exceeded_fragments_;
  std::unordered_map<std::string_view, int> visited_fragments_;  // per top-level check
};

}  // namespace plexus::graphql::validation
