// Rules on fragments (GraphQL spec §5.5): graphql-js FragmentsOnCompositeTypesRule,
// UniqueFragmentNamesRule, KnownFragmentNamesRule, NoUnusedFragmentsRule,
// PossibleFragmentSpreadsRule and NoFragmentCyclesRule.
//
//   checkKnownFragmentName(context, spread);           // on entering a FragmentSpread
//   no_fragment_cycles.enterFragment(context, index);  // on entering a FragmentDefinition
//
// The walker (walker.cc) calls these at the graphql-js visitor events named on each; a rule
// object lives for one validation. Not thread-safe.
#pragma once

#include <memory_resource>
#include <string_view>
#include <utility>
#include <vector>

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// FragmentsOnCompositeTypesRule, InlineFragment enter; `condition` is the resolved type
// condition (null when absent or unknown).
void checkInlineFragmentCondition(ValidationContext& context,
                                  const ast::InlineFragment& inline_fragment,
                                  const NamedType* condition);
// FragmentsOnCompositeTypesRule, FragmentDefinition enter.
void checkFragmentCondition(ValidationContext& context, const ast::FragmentDefinition& fragment,
                            const NamedType* condition);

// UniqueFragmentNamesRule, FragmentDefinition enter.
class UniqueFragmentNames {
 public:
  explicit UniqueFragmentNames(std::pmr::memory_resource* memory) : known_(memory) {}
  void enterFragment(ValidationContext& context, const ast::FragmentDefinition& fragment);

 private:
  FirstByName<ast::FragmentDefinition> known_;
};

// KnownFragmentNamesRule, FragmentSpread enter. Returns the fragment's definition index, or -1.
int32_t checkKnownFragmentName(ValidationContext& context, const ast::FragmentSpread& spread);

// NoUnusedFragmentsRule, Document leave.
void checkNoUnusedFragments(ValidationContext& context);

// PossibleFragmentSpreadsRule, InlineFragment enter (TypeInfo already entered the fragment).
void checkPossibleInlineFragment(ValidationContext& context, const TypeInfo& type_info,
                                 const ast::InlineFragment& inline_fragment);
// PossibleFragmentSpreadsRule, FragmentSpread enter; `fragment_index` as returned above.
void checkPossibleFragmentSpread(ValidationContext& context, const TypeInfo& type_info,
                                 const ast::FragmentSpread& spread, int32_t fragment_index);

// NoFragmentCyclesRule, FragmentDefinition enter: a depth-first search from each fragment
// reports each cycle once (spec §5.5.2.2).
class NoFragmentCycles {
 public:
  explicit NoFragmentCycles(std::pmr::memory_resource* memory)
      : visited_(memory), spread_path_(memory), path_index_by_name_(memory) {}
  void enterFragment(ValidationContext& context, uint32_t definition_index);

 private:
  void detectCycle(ValidationContext& context, uint32_t definition_index);

  std::pmr::vector<bool> visited_;  // by the index of the last definition of each name
  std::pmr::vector<const ast::FragmentSpread*> spread_path_;
  std::pmr::vector<std::pair<std::string_view, size_t>> path_index_by_name_;
};

}  // namespace plexus::graphql::validation
