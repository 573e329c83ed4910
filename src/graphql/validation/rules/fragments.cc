// graphql-js FragmentsOnCompositeTypesRule, UniqueFragmentNamesRule, KnownFragmentNamesRule,
// NoUnusedFragmentsRule, PossibleFragmentSpreadsRule and NoFragmentCyclesRule.
#include "src/graphql/validation/rules/fragments.h"

#include <algorithm>
#include <string>

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kFragmentsOnCompositeTypesRule = "FragmentsOnCompositeTypesRule";
constexpr std::string_view kUniqueFragmentNamesRule = "UniqueFragmentNamesRule";
constexpr std::string_view kKnownFragmentNamesRule = "KnownFragmentNamesRule";
constexpr std::string_view kNoUnusedFragmentsRule = "NoUnusedFragmentsRule";
constexpr std::string_view kPossibleFragmentSpreadsRule = "PossibleFragmentSpreadsRule";
constexpr std::string_view kNoFragmentCyclesRule = "NoFragmentCyclesRule";

std::string cannotBeSpread(std::string_view parent, std::string_view fragment) {
  std::string message = "cannot be spread here as objects of type \"";
  message += parent;
  message += "\" can never be of type \"";
  message += fragment;
  message += "\".";
  return message;
}

}  // namespace

void checkInlineFragmentCondition(ValidationContext& context,
                                  const ast::InlineFragment& inline_fragment,
                                  const NamedType* condition) {
  if (condition == nullptr || condition->isComposite()) return;
  context.report(kFragmentsOnCompositeTypesRule,
                 "Fragment cannot condition on non composite type \"" +
                     std::string(inline_fragment.type_condition->value) + "\".",
                 inline_fragment.type_condition->loc);
}

void checkFragmentCondition(ValidationContext& context, const ast::FragmentDefinition& fragment,
                            const NamedType* condition) {
  if (condition == nullptr || condition->isComposite()) return;
  context.report(kFragmentsOnCompositeTypesRule,
                 "Fragment \"" + std::string(fragment.name) +
                     "\" cannot condition on non composite type \"" +
                     std::string(fragment.type_condition->value) + "\".",
                 fragment.type_condition->loc);
}

void UniqueFragmentNames::enterFragment(ValidationContext& context,
                                        const ast::FragmentDefinition& fragment) {
  const ast::FragmentDefinition* first = known_.findOrAdd(fragment.name, &fragment);
  if (first == nullptr) return;
  context.report(
      kUniqueFragmentNamesRule,
      "There can be only one fragment named \"" + std::string(fragment.name) + "\".",
      {context.nameLocation(*first, first->name), context.nameLocation(fragment, fragment.name)});
}

int32_t checkKnownFragmentName(ValidationContext& context, const ast::FragmentSpread& spread) {
  const int32_t index = context.fragmentIndex(spread.name);
  if (index < 0) {
    context.report(kKnownFragmentNamesRule,
                   "Unknown fragment \"" + std::string(spread.name) + "\".",
                   context.nameLocation(spread, spread.name));
  }
  return index;
}

void checkNoUnusedFragments(ValidationContext& context) {
  const auto definitions = context.document().definitions;
  std::pmr::vector<uint32_t> operations(context.memory());
  bool any_fragment = false;
  for (uint32_t i = 0; i < definitions.size(); ++i) {
    if (definitions[i]->kind == ast::Kind::kOperationDefinition) operations.push_back(i);
    any_fragment = any_fragment || definitions[i]->kind == ast::Kind::kFragmentDefinition;
  }
  const auto used = context.referencedFragments(operations);
  if (context.aborted() || !any_fragment) return;
  for (const ast::Definition* definition : definitions) {
    const auto* fragment = definition->as<ast::FragmentDefinition>();
    if (fragment == nullptr) continue;
    const bool is_used = std::any_of(used.begin(), used.end(), [&](uint32_t index) {
      return static_cast<const ast::FragmentDefinition*>(definitions[index])->name ==
             fragment->name;
    });
    if (!is_used) {
      context.report(kNoUnusedFragmentsRule,
                     "Fragment \"" + std::string(fragment->name) + "\" is never used.",
                     fragment->loc);
    }
  }
}

void checkPossibleInlineFragment(ValidationContext& context, const TypeInfo& type_info,
                                 const ast::InlineFragment& inline_fragment) {
  const NamedType* fragment_type = type_info.type.named;
  const NamedType* parent_type = type_info.parent_type;
  if (fragment_type == nullptr || !fragment_type->isComposite() || parent_type == nullptr ||
      doTypesOverlap(context.schema(), fragment_type, parent_type)) {
    return;
  }
  context.report(kPossibleFragmentSpreadsRule,
                 "Fragment " + cannotBeSpread(parent_type->name, fragment_type->name),
                 inline_fragment.loc);
}

void checkPossibleFragmentSpread(ValidationContext& context, const TypeInfo& type_info,
                                 const ast::FragmentSpread& spread, int32_t fragment_index) {
  if (fragment_index < 0) return;
  const NamedType* fragment_type = context.fragmentType(static_cast<uint32_t>(fragment_index));
  const NamedType* parent_type = type_info.parent_type;
  if (fragment_type == nullptr || parent_type == nullptr ||
      doTypesOverlap(context.schema(), fragment_type, parent_type)) {
    return;
  }
  context.report(kPossibleFragmentSpreadsRule,
                 "Fragment \"" + std::string(spread.name) + "\" " +
                     cannotBeSpread(parent_type->name, fragment_type->name),
                 spread.loc);
}

void NoFragmentCycles::enterFragment(ValidationContext& context, uint32_t definition_index) {
  if (visited_.empty()) visited_.resize(context.document().definitions.size());
  detectCycle(context, definition_index);
}

void NoFragmentCycles::detectCycle(ValidationContext& context, uint32_t definition_index) {
  const auto* fragment =
      static_cast<const ast::FragmentDefinition*>(context.document().definitions[definition_index]);
  // graphql-js marks fragments visited by name; the last definition of a name stands for it.
  const auto by_name = static_cast<uint32_t>(context.fragmentIndex(fragment->name));
  if (visited_[by_name]) return;
  visited_[by_name] = true;

  const size_t spread_count = context.fragmentSpreads(definition_index).size();
  if (spread_count == 0) return;
  path_index_by_name_.emplace_back(fragment->name, spread_path_.size());
  for (size_t s = 0; s < spread_count; ++s) {
    if (context.aborted()) return;
    // Re-fetched each time: the recursion below may grow the context's spread storage.
    const ast::FragmentSpread* spread = context.fragmentSpreads(definition_index)[s];
    auto cycle = std::find_if(path_index_by_name_.begin(), path_index_by_name_.end(),
                              [spread](const auto& entry) { return entry.first == spread->name; });
    spread_path_.push_back(spread);
    if (cycle == path_index_by_name_.end()) {
      const int32_t spread_fragment = context.fragmentIndex(spread->name);
      if (spread_fragment >= 0) detectCycle(context, static_cast<uint32_t>(spread_fragment));
    } else {
      const size_t cycle_index = cycle->second;
      std::string message =
          "Cannot spread fragment \"" + std::string(spread->name) + "\" within itself";
      std::vector<ast::SourceLocation> locations;
      for (size_t i = cycle_index; i < spread_path_.size(); ++i) {
        locations.push_back(spread_path_[i]->loc);
        if (i + 1 == spread_path_.size()) continue;
        message += i == cycle_index ? " via \"" : ", \"";
        message += spread_path_[i]->name;
        message += '"';
      }
      message += '.';
      context.report(kNoFragmentCyclesRule, std::move(message), std::move(locations));
    }
    spread_path_.pop_back();
  }
  // graphql-js sets spreadPathIndexByName[name] = undefined: the innermost entry goes away.
  for (auto it = path_index_by_name_.rbegin(); it != path_index_by_name_.rend(); ++it) {
    if (it->first == fragment->name) {
      path_index_by_name_.erase(std::next(it).base());
      break;
    }
  }
}

}  // namespace plexus::graphql::validation
