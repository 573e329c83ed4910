// ValidationContext: graphql-js validation/ValidationContext.ts and the type comparators of
// utilities/typeComparators.ts.
#include "src/graphql/validation/context.h"

#include <algorithm>
#include <unordered_set>

#include "src/graphql/values.h"

namespace plexus::graphql::validation {
namespace {

constexpr size_t kLinearFragmentLookup = 8;

// UTF-16 code units in source[begin, end): JavaScript columns count those.
uint32_t utf16Units(std::string_view source, size_t begin, size_t end) {
  uint32_t units = 0;
  for (size_t i = begin; i < end; ++i) {
    const auto c = static_cast<unsigned char>(source[i]);
    if ((c & 0xC0) != 0x80) ++units;  // not a continuation byte
    if (c >= 0xF0) ++units;           // a surrogate pair
  }
  return units;
}

// An insertion-ordered set of names that stays a vector while small.
class OrderedNameSet {
 public:
  explicit OrderedNameSet(std::pmr::vector<std::string_view>& storage) : names_(storage) {
    names_.clear();
  }
  bool insert(std::string_view name) {
    if (names_.size() < 32) {
      if (std::find(names_.begin(), names_.end(), name) != names_.end()) return false;
      names_.push_back(name);
      if (names_.size() == 32) index_.insert(names_.begin(), names_.end());
      return true;
    }
    if (!index_.insert(name).second) return false;
    names_.push_back(name);
    return true;
  }
  const std::pmr::vector<std::string_view>& names() const { return names_; }

 private:
  std::pmr::vector<std::string_view>& names_;
  std::unordered_set<std::string_view> index_;
};

}  // namespace

void appendType(std::string& out, const ast::Type& type) {
  switch (type.form) {
    case ast::Type::Form::kNamed: out += type.name; return;
    case ast::Type::Form::kList:
      out += '[';
      appendType(out, *type.of);
      out += ']';
      return;
    case ast::Type::Form::kNonNull:
      appendType(out, *type.of);
      out += '!';
      return;
  }
}

void appendType(std::string& out, TypeRef type) {
  if (type.wrapped != nullptr) {
    appendType(out, *type.wrapped);
  } else if (type.named != nullptr) {
    out += type.named->name;
  }
}

bool isTypeSubTypeOf(const Schema& schema, TypeRef sub, TypeRef super) {
  if (super.isNonNull()) {
    return sub.isNonNull() && isTypeSubTypeOf(schema, sub.ofType(), super.ofType());
  }
  if (sub.isNonNull()) return isTypeSubTypeOf(schema, sub.ofType(), super);
  if (super.isList()) return sub.isList() && isTypeSubTypeOf(schema, sub.ofType(), super.ofType());
  if (sub.isList()) return false;
  if (sub.named == super.named) return true;
  return super.named->isAbstract() &&
         (sub.named->kind == TypeKind::kInterface || sub.named->kind == TypeKind::kObject) &&
         schema.isSubType(super.named, sub.named);
}

bool doTypesOverlap(const Schema& schema, const NamedType* a, const NamedType* b) {
  if (a == b) return true;
  if (a->isAbstract()) {
    if (b->isAbstract()) {
      for (const NamedType* possible : schema.possibleTypes(a)) {
        if (schema.isSubType(b, possible)) return true;
      }
      return false;
    }
    return schema.isSubType(a, b);
  }
  if (b->isAbstract()) return schema.isSubType(b, a);
  return false;
}

ValidationContext::ValidationContext(const Schema& schema, const ast::Document& document,
                                     const ValidationOptions& options)
    : schema_(schema), document_(document), options_(options) {
  const auto definitions = document.definitions;
  definitions_.resize(definitions.size());
  uint32_t fragment_count = 0;
  for (const ast::Definition* definition : definitions) {
    fragment_count += definition->kind == ast::Kind::kFragmentDefinition;
  }
  fragments_.reserve(fragment_count);
  for (uint32_t i = 0; i < definitions.size(); ++i) {
    const ast::Definition* definition = definitions[i];
    switch (definition->kind) {
      case ast::Kind::kOperationDefinition: ++operation_count_; break;
      case ast::Kind::kFragmentDefinition:
        fragments_.emplace_back(static_cast<const ast::FragmentDefinition*>(definition)->name, i);
        break;
      case ast::Kind::kDirectiveDefinition:
        document_directives_.push_back(static_cast<const ast::DirectiveDefinition*>(definition));
        break;
      case ast::Kind::kTypeDefinition: {
        const auto* type = static_cast<const ast::TypeDefinition*>(definition);
        if (!type->extension && type->name != nullptr) {
          document_type_names_.push_back(type->name->value);
        }
        break;
      }
      default: break;
    }
  }
  if (fragments_.size() > kLinearFragmentLookup) {
    fragment_index_.reserve(fragments_.size());
    for (const auto& [name, index] : fragments_) fragment_index_[name] = index;  // last wins
  }
}

// --- errors ------------------------------------------------------------------------------------

void ValidationContext::report(std::string_view rule, std::string message,
                               ast::SourceLocation location) {
  report(rule, std::move(message), std::vector<ast::SourceLocation>{location});
}

void ValidationContext::report(std::string_view rule, std::string message,
                               std::vector<ast::SourceLocation> locations) {
  if (aborted_) return;
  if (errors_.size() >= options_.max_errors) {
    errors_.push_back(
        {{}, "Too many validation errors, error limit reached. Validation aborted.", {}});
    aborted_ = true;
    return;
  }
  errors_.push_back({rule, std::move(message), std::move(locations)});
}

void ValidationContext::abortValidation(std::string_view rule) {
  if (aborted_) return;
  errors_.push_back({rule, "Validation aborted.", {}});
  aborted_ = true;
}

void ValidationContext::fail(std::string_view rule, std::string message,
                             std::vector<ast::SourceLocation> locations) {
  if (aborted_) return;
  errors_.clear();
  errors_.push_back({rule, std::move(message), std::move(locations)});
  aborted_ = true;
}

bool ValidationContext::spendFragmentWork(int64_t cost) {
  remaining_fragment_work_ -= cost;
  if (remaining_fragment_work_ < 0) {
    abortValidation({});
    return false;
  }
  return !aborted_;
}

ast::SourceLocation ValidationContext::nameLocation(const ast::Node& node,
                                                    std::string_view name) const {
  const std::string_view source = document_.source;
  if (name.data() < source.data() || name.data() > source.data() + source.size()) return node.loc;
  const auto target = static_cast<size_t>(name.data() - source.data());
  if (target < node.offset) return node.loc;
  uint32_t line = node.loc.line;
  size_t line_start = std::string_view::npos;
  for (size_t i = node.offset; i < target; ++i) {
    const char c = source[i];
    if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < target && source[i + 1] == '\n') ++i;
      ++line;
      line_start = i + 1;
    }
  }
  if (line_start == std::string_view::npos) {
    return {line, node.loc.column + utf16Units(source, node.offset, target)};
  }
  return {line, 1 + utf16Units(source, line_start, target)};
}

// --- document ----------------------------------------------------------------------------------

bool ValidationContext::hasDefaultValue(const InputValue* input) const {
  return input != nullptr && input->default_value != nullptr &&
         defaultValue(schema_, *input).has_value();
}

const NamedType* ValidationContext::lookupType(std::string_view name) const {
  return schema_.type(name);
}

const ast::DirectiveDefinition* ValidationContext::documentDirective(std::string_view name) const {
  // Later definitions override earlier ones, as graphql-js's locationsMap assignments do.
  for (auto it = document_directives_.rbegin(); it != document_directives_.rend(); ++it) {
    if ((*it)->name != nullptr && (*it)->name->value == name) return *it;
  }
  return nullptr;
}

bool ValidationContext::documentDefinesType(std::string_view name) const {
  return std::find(document_type_names_.begin(), document_type_names_.end(), name) !=
         document_type_names_.end();
}

int32_t ValidationContext::fragmentIndex(std::string_view name) const {
  if (fragments_.size() > kLinearFragmentLookup) {
    auto it = fragment_index_.find(name);
    return it == fragment_index_.end() ? -1 : static_cast<int32_t>(it->second);
  }
  for (auto it = fragments_.rbegin(); it != fragments_.rend(); ++it) {
    if (it->first == name) return static_cast<int32_t>(it->second);
  }
  return -1;
}

const ast::FragmentDefinition* ValidationContext::fragment(std::string_view name) const {
  const int32_t index = fragmentIndex(name);
  return index < 0 ? nullptr
                   : static_cast<const ast::FragmentDefinition*>(document_.definitions[index]);
}

const NamedType* ValidationContext::fragmentType(uint32_t definition_index) {
  DefinitionState& state = definitions_[definition_index];
  if (!state.fragment_type_done) {
    const auto* fragment =
        static_cast<const ast::FragmentDefinition*>(document_.definitions[definition_index]);
    const NamedType* type =
        fragment->type_condition != nullptr ? lookupType(fragment->type_condition->value) : nullptr;
    state.fragment_type = type != nullptr && type->isComposite() ? type : nullptr;
    state.fragment_type_done = true;
  }
  return state.fragment_type;
}

std::span<const ast::FragmentSpread* const> ValidationContext::fragmentSpreads(
    uint32_t definition_index) {
  DefinitionState& state = definitions_[definition_index];
  if (!state.spreads_done) {
    const ast::Definition* definition = document_.definitions[definition_index];
    const ast::SelectionSet* root =
        definition->kind == ast::Kind::kOperationDefinition
            ? static_cast<const ast::OperationDefinition*>(definition)->selection_set
            : static_cast<const ast::FragmentDefinition*>(definition)->selection_set;
    state.spreads_begin = static_cast<uint32_t>(spreads_.size());
    // graphql-js walks a stack: direct spreads first, then nested sets last-pushed first.
    spread_stack_.clear();
    if (root != nullptr) spread_stack_.push_back(root);
    while (!spread_stack_.empty()) {
      const ast::SelectionSet* set = spread_stack_.back();
      spread_stack_.pop_back();
      for (const ast::Selection* selection : set->selections) {
        if (const auto* spread = selection->as<ast::FragmentSpread>()) {
          spreads_.push_back(spread);
        } else if (const auto* field = selection->as<ast::Field>()) {
          if (field->selection_set != nullptr) spread_stack_.push_back(field->selection_set);
        } else if (const auto* inline_fragment = selection->as<ast::InlineFragment>()) {
          if (inline_fragment->selection_set != nullptr) {
            spread_stack_.push_back(inline_fragment->selection_set);
          }
        }
      }
    }
    state.spreads_end = static_cast<uint32_t>(spreads_.size());
    state.spreads_done = true;
  }
  return {spreads_.data() + state.spreads_begin, spreads_.data() + state.spreads_end};
}

int32_t ValidationContext::referencedFragmentsEntry(std::span<const uint32_t> operation_indexes) {
  OrderedNameSet initial(names_scratch_);
  for (uint32_t operation : operation_indexes) {
    for (const ast::FragmentSpread* spread : fragmentSpreads(operation))
      initial.insert(spread->name);
  }
  std::pmr::vector<std::string_view> key(initial.names(), &memory_);
  std::sort(key.begin(), key.end());
  // graphql-js SetMap: one computation per distinct set of names.
  for (size_t i = 0; i < fragment_sets_.size(); ++i) {
    if (fragment_sets_[i].key == key) return static_cast<int32_t>(i);
  }
  if (!spendFragmentWork(static_cast<int64_t>(key.size()))) return -1;
  FragmentSetEntry entry{std::move(key), std::pmr::vector<uint32_t>(&memory_)};
  OrderedNameSet collected(collected_scratch_);
  for (std::string_view name : initial.names()) collected.insert(name);
  // The set grows while it is iterated, as graphql-js's `for (const fragName of collectedNames)`.
  for (size_t i = 0; i < collected.names().size(); ++i) {
    const int32_t index = fragmentIndex(collected.names()[i]);
    if (index < 0) continue;
    entry.fragments.push_back(static_cast<uint32_t>(index));
    const auto spreads = fragmentSpreads(static_cast<uint32_t>(index));
    if (!spendFragmentWork(static_cast<int64_t>(spreads.size()))) return -1;
    for (const ast::FragmentSpread* spread : spreads) collected.insert(spread->name);
  }
  fragment_sets_.push_back(std::move(entry));
  return static_cast<int32_t>(fragment_sets_.size() - 1);
}

std::span<const uint32_t> ValidationContext::referencedFragments(
    std::span<const uint32_t> operation_indexes) {
  const int32_t entry = referencedFragmentsEntry(operation_indexes);
  if (entry < 0) return {};
  return fragment_sets_[entry].fragments;
}

void ValidationContext::setUsages(uint32_t definition_index, uint32_t begin, uint32_t end) {
  DefinitionState& state = definitions_[definition_index];
  state.usages_begin = begin;
  state.usages_end = end;
  state.usages_done = true;
}

std::span<const VariableUsage> ValidationContext::recursiveVariableUsages(
    uint32_t operation_index) {
  DefinitionState& operation = definitions_[operation_index];
  if (operation.fragments_entry < 0) {
    const uint32_t operations[] = {operation_index};
    operation.fragments_entry = referencedFragmentsEntry(operations);
    if (operation.fragments_entry < 0) return {};
  }
  FragmentSetEntry& entry = fragment_sets_[operation.fragments_entry];
  if (!entry.usages_spent) {
    if (!spendFragmentWork(static_cast<int64_t>(entry.fragments.size()))) return {};
    for (uint32_t fragment : entry.fragments) {
      if (!definitions_[fragment].usages_done) collectFragmentUsages(fragment);
      const DefinitionState& state = definitions_[fragment];
      if (!spendFragmentWork(state.usages_end - state.usages_begin)) return {};
    }
    entry.usages_spent = true;
  }
  int64_t fragment_usages = 0;
  for (uint32_t fragment : entry.fragments) {
    fragment_usages += definitions_[fragment].usages_end - definitions_[fragment].usages_begin;
  }
  if (!spendFragmentWork(fragment_usages)) return {};

  recursive_usages_.clear();
  recursive_usages_.insert(recursive_usages_.end(), usages_.begin() + operation.usages_begin,
                           usages_.begin() + operation.usages_end);
  for (uint32_t fragment : entry.fragments) {
    const DefinitionState& state = definitions_[fragment];
    recursive_usages_.insert(recursive_usages_.end(), usages_.begin() + state.usages_begin,
                             usages_.begin() + state.usages_end);
  }
  return recursive_usages_;
}

}  // namespace plexus::graphql::validation
