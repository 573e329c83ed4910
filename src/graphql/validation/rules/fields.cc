// graphql-js ScalarLeafsRule, FieldsOnCorrectTypeRule and MaxIntrospectionDepthRule.
#include "src/graphql/validation/rules/fields.h"

#include <algorithm>
#include <string>
#include <vector>

#include "src/graphql/validation/suggestions.h"

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kScalarLeafsRule = "ScalarLeafsRule";
constexpr std::string_view kFieldsOnCorrectTypeRule = "FieldsOnCorrectTypeRule";
constexpr std::string_view kMaxIntrospectionDepthRule = "MaxIntrospectionDepthRule";

constexpr int kMaxListsDepth = 3;  // graphql-js MAX_LISTS_DEPTH

// graphql-js getSuggestedTypeNames: the types (of an abstract parent) that define the field,
// most used first, super types before their subtypes, then by name.
std::vector<std::string_view> suggestedTypeNames(const Schema& schema, const NamedType* type,
                                                 std::string_view field_name) {
  std::vector<std::string_view> names;
  if (!type->isAbstract()) return names;
  std::vector<const NamedType*> suggested;
  std::vector<int> usage_count;  // parallel to `suggested`
  auto add = [&](const NamedType* t) -> int& {
    auto it = std::find(suggested.begin(), suggested.end(), t);
    if (it != suggested.end()) return usage_count[it - suggested.begin()];
    suggested.push_back(t);
    usage_count.push_back(0);
    return usage_count.back();
  };
  for (const NamedType* possible : schema.possibleTypes(type)) {
    if (possible->field(field_name) == nullptr) continue;
    add(possible) = 1;
    for (const NamedType* interface : possible->interfaces) {
      if (interface->field(field_name) == nullptr) continue;
      ++add(interface);
    }
  }
  auto count = [&](const NamedType* t) {
    return usage_count[std::find(suggested.begin(), suggested.end(), t) - suggested.begin()];
  };
  std::vector<const NamedType*> sorted = suggested;
  jsSort(sorted, [&](const NamedType* a, const NamedType* b) {
    const int usage_diff = count(b) - count(a);
    if (usage_diff != 0) return usage_diff;
    if (a->kind == TypeKind::kInterface && schema.isSubType(a, b)) return -1;
    if (b->kind == TypeKind::kInterface && schema.isSubType(b, a)) return 1;
    return naturalCompare(a->name, b->name);
  });
  names.reserve(sorted.size());
  for (const NamedType* t : sorted) names.push_back(t->name);
  return names;
}

// graphql-js getSuggestedFieldNames.
std::vector<std::string_view> suggestedFieldNames(const NamedType* type,
                                                  std::string_view field_name) {
  if (type->kind != TypeKind::kObject && type->kind != TypeKind::kInterface) return {};
  std::vector<std::string_view> options;
  options.reserve(type->fields.size());
  for (const FieldDef& field : type->fields) options.push_back(field.name);
  return suggestionList(field_name, options);
}

bool isIntrospectionList(std::string_view name) {
  return name == "fields" || name == "interfaces" || name == "possibleTypes" ||
         name == "inputFields";
}

}  // namespace

void checkScalarLeafs(ValidationContext& context, const TypeInfo& type_info,
                      const ast::Field& field) {
  const TypeRef type = type_info.type;
  if (!type) return;
  if (type.named->isLeaf()) {
    if (field.selection_set == nullptr) return;
    std::string message =
        "Field \"" + std::string(field.name) + "\" must not have a selection since type \"";
    appendType(message, type);
    message += "\" has no subfields.";
    context.report(kScalarLeafsRule, std::move(message), field.selection_set->loc);
    return;
  }
  if (field.selection_set != nullptr && !field.selection_set->selections.empty()) return;
  std::string message = "Field \"" + std::string(field.name) + "\" of type \"";
  appendType(message, type);
  if (field.selection_set == nullptr) {
    message += "\" must have a selection of subfields. Did you mean \"";
    message += field.name;
    message += " { ... }\"?";
  } else {
    message += "\" must have at least one field selected.";
  }
  context.report(kScalarLeafsRule, std::move(message), field.loc);
}

void checkFieldOnCorrectType(ValidationContext& context, const TypeInfo& type_info,
                             const ast::Field& field) {
  const NamedType* type = type_info.parent_type;
  if (type == nullptr || type_info.field_def != nullptr) return;
  std::string message = "Cannot query field \"" + std::string(field.name) + "\" on type \"" +
                        std::string(type->name) + "\".";
  // First types to spread on, else (perhaps a typo) similarly named fields.
  const auto types = suggestedTypeNames(context.schema(), type, field.name);
  if (!types.empty()) {
    appendDidYouMean(message, types, "to use an inline fragment on");
  } else {
    appendDidYouMean(message, suggestedFieldNames(type, field.name));
  }
  context.report(kFieldsOnCorrectTypeRule, std::move(message), field.loc);
}

void MaxIntrospectionDepth::enterField(ValidationContext& context, const ast::Field& field) {
  if (skipping_ != nullptr) return;
  if (field.name != "__schema" && field.name != "__type") return;
  visited_fragments_.clear();
  if (exceeds(context, field, 0)) {
    context.report(kMaxIntrospectionDepthRule, "Maximum introspection depth exceeded", field.loc);
    skipping_ = &field;
  }
}

bool MaxIntrospectionDepth::exceeds(ValidationContext& context,
                                    const ast::SelectionSet& selection_set, int depth) {
  for (const ast::Selection* child : selection_set.selections) {
    if (exceeds(context, *child, depth)) return true;
  }
  return false;
}

bool MaxIntrospectionDepth::exceeds(ValidationContext& context, const ast::Selection& selection,
                                    int depth) {
  if (const auto* spread = selection.as<ast::FragmentSpread>()) {
    const std::string_view name = spread->name;
    // A check that reached the limit from this entry depth or shallower reaches it again.
    if (auto it = exceeded_fragments_.find(name);
        it != exceeded_fragments_.end() && it->second <= depth) {
      return true;
    }
    // At equal or shallower entry depths, revisits are skipped (this breaks cycles).
    auto visited = visited_fragments_.find(name);
    auto checked = checked_fragments_.find(name);
    if ((visited != visited_fragments_.end() && visited->second >= depth) ||
        (checked != checked_fragments_.end() && checked->second >= depth)) {
      return false;
    }
    const ast::FragmentDefinition* fragment = context.fragment(name);
    if (fragment == nullptr) return false;
    visited_fragments_[name] = depth;
    if (fragment->selection_set != nullptr && exceeds(context, *fragment->selection_set, depth)) {
      exceeded_fragments_[name] = depth;
      return true;
    }
    checked_fragments_[name] = depth;
    return false;
  }
  const ast::SelectionSet* selection_set = nullptr;
  if (const auto* field = selection.as<ast::Field>()) {
    if (isIntrospectionList(field->name) && ++depth >= kMaxListsDepth) return true;
    selection_set = field->selection_set;
  } else if (const auto* inline_fragment = selection.as<ast::InlineFragment>()) {
    selection_set = inline_fragment->selection_set;
  }
  return selection_set != nullptr && exceeds(context, *selection_set, depth);
}

}  // namespace plexus::graphql::validation
