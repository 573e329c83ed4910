// The shared state of one validate() call: the error sink (with graphql-js's error limit and
// fragment-work budget), the document services the rules share (fragments by name, fragment
// spreads, recursively referenced fragments, variable usages) and TypeInfo, the type state the
// walker keeps while it visits the document (graphql-js utilities/TypeInfo.ts).
//
//   ValidationContext context(schema, document, options);
//   walkDocument(context);                                 // walker.h: runs the rules
//   std::vector<ValidationError> errors = context.takeErrors();
//
// Internal to src/graphql/validation. One context per validation; borrows the schema and the
// document, which must outlive it. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/graphql/ast.h"
#include "src/graphql/schema.h"
#include "src/graphql/validation/validate.h"

namespace plexus::graphql::validation {

// A GraphQL type as TypeInfo tracks it: the declared wrappers (`[Int!]!`, an ast::Type of the
// schema's SDL or of the operation) and the innermost named type. `wrapped == nullptr` stands for
// the bare named type (root types and type conditions have no ast::Type of their own). A TypeRef
// whose `named` is null is graphql-js's `undefined`: no known type at this position.
struct TypeRef {
  const ast::Type* wrapped = nullptr;
  const NamedType* named = nullptr;

  explicit operator bool() const { return named != nullptr; }
  bool isNonNull() const {
    return wrapped != nullptr && wrapped->form == ast::Type::Form::kNonNull;
  }
  bool isList() const { return wrapped != nullptr && wrapped->form == ast::Type::Form::kList; }
  // graphql-js getNullableType.
  TypeRef nullable() const { return isNonNull() ? TypeRef{wrapped->of, named} : *this; }
  // The wrapped type of a list or non-null type.
  TypeRef ofType() const { return {wrapped->of, named}; }
};

// Appends graphql-js's String(type): `[Int!]!`.
void appendType(std::string& out, TypeRef type);
void appendType(std::string& out, const ast::Type& type);
// graphql-js isTypeSubTypeOf on TypeRefs (both known).
bool isTypeSubTypeOf(const Schema& schema, TypeRef sub, TypeRef super);
// graphql-js doTypesOverlap on composite types.
bool doTypesOverlap(const Schema& schema, const NamedType* a, const NamedType* b);

// graphql-js TypeInfo's state at the node being visited. The walker saves and restores the
// members around each node, which stands in for TypeInfo's stacks.
struct TypeInfo {
  TypeRef type;                             // getType(): the current output type
  const NamedType* parent_type = nullptr;   // getParentType(): enclosing composite type
  const FieldDef* field_def = nullptr;      // getFieldDef()
  const DirectiveDef* directive = nullptr;  // getDirective()
  const InputValue* argument = nullptr;     // getArgument()
  TypeRef input_type;                       // getInputType()
  TypeRef parent_input_type;                // getParentInputType()
  // The argument or input field at this position, whose default is getDefaultValue() (null in
  // list items and where the position is unknown); see ValidationContext::hasDefaultValue.
  const InputValue* default_source = nullptr;
};

// A directive's definition as the directive rules see it: graphql-js lets a directive definition
// inside the document override the schema's directive of that name.
struct DirectiveInfo {
  const DirectiveDef* schema_def = nullptr;
  const ast::DirectiveDefinition* document_def = nullptr;  // wins over schema_def

  bool known() const { return schema_def != nullptr || document_def != nullptr; }
};

// A `$variable` inside an operation or fragment, with the type expected where it sits (graphql-js
// ValidationContext.getVariableUsages).
struct VariableUsage {
  const ast::Value* node = nullptr;  // the kVariable value
  TypeRef type;                      // expected type; unknown when the position is unknown
  const InputValue* default_source = nullptr;  // the argument / input field there
  TypeRef parent_type;                         // the enclosing input type (for @oneOf checks)
};

// For the uniqueness rules on long lists (arguments, variables, input fields, directives): for
// each item, the index of the first item with its name (`first`) and of the next one (`next`,
// UINT32_MAX after the last), in one hashing pass. Short lists are cheaper to scan, so the rules
// only call this past kLongList items.
constexpr size_t kLongList = 16;

struct SameNameLinks {
  std::vector<uint32_t> first;
  std::vector<uint32_t> next;

  template <typename T, typename NameOf>
  SameNameLinks(std::span<T* const> items, NameOf name_of)
      : first(items.size()), next(items.size(), UINT32_MAX) {
    std::unordered_map<std::string_view, std::pair<uint32_t, uint32_t>> seen;  // first, last
    seen.reserve(items.size());
    for (uint32_t i = 0; i < items.size(); ++i) {
      auto [it, inserted] = seen.try_emplace(name_of(*items[i]), i, i);
      if (!inserted) {
        next[it->second.second] = i;
        it->second.second = i;
      }
      first[i] = it->second.first;
    }
  }
};

// The first node recorded under each name (the uniqueness rules' "known names"): a vector while
// small, hashed once it grows, so long documents stay linear.
template <typename Node>
class FirstByName {
 public:
  explicit FirstByName(std::pmr::memory_resource* memory) : nodes_(memory) {}

  // The node recorded first under `name`; null after recording `node` when there was none.
  const Node* findOrAdd(std::string_view name, const Node* node) {
    if (nodes_.size() < kLinearLimit) {
      for (const auto& [known, first] : nodes_) {
        if (known == name) return first;
      }
      nodes_.emplace_back(name, node);
      if (nodes_.size() == kLinearLimit) index_.insert(nodes_.begin(), nodes_.end());
      return nullptr;
    }
    auto [it, inserted] = index_.emplace(name, node);
    return inserted ? nullptr : it->second;
  }

 private:
  static constexpr size_t kLinearLimit = 16;
  std::pmr::vector<std::pair<std::string_view, const Node*>> nodes_;
  std::unordered_map<std::string_view, const Node*> index_;
};

class ValidationContext {
 public:
  ValidationContext(const Schema& schema, const ast::Document& document,
                    const ValidationOptions& options);

  const Schema& schema() const { return schema_; }
  const ast::Document& document() const { return document_; }
  const ValidationOptions& options() const { return options_; }
  // Scratch memory for the whole validation: the first few KiB live inside the context, so a
  // valid document of ordinary size is validated without touching the heap for bookkeeping.
  std::pmr::memory_resource* memory() { return &memory_; }

  // --- errors ------------------------------------------------------------------------------------

  // graphql-js context.reportError: past options.max_errors it appends "Too many validation
  // errors, error limit reached. Validation aborted." and aborts.
  void report(std::string_view rule, std::string message, ast::SourceLocation location);
  void report(std::string_view rule, std::string message,
              std::vector<ast::SourceLocation> locations);
  // Appends graphql-js's validationAbortedError ("Validation aborted.") and aborts.
  void abortValidation(std::string_view rule);
  // A rule that makes graphql-js's validate() throw: the thrown error becomes the only result.
  void fail(std::string_view rule, std::string message, std::vector<ast::SourceLocation> locations);
  bool aborted() const { return aborted_; }
  std::vector<ValidationError> takeErrors() { return std::move(errors_); }

  // graphql-js spendFragmentWork: a budget of 50,000 steps of fragment bookkeeping per document.
  // Returns false (and aborts) once it is spent.
  bool spendFragmentWork(int64_t cost);

  // The position of `name`, a view into the document's source inside `node` (an operation or
  // fragment name, a spread's fragment name, a variable definition's name after `$`).
  ast::SourceLocation nameLocation(const ast::Node& node, std::string_view name) const;

  // graphql-js `defaultValue !== undefined` for an argument or input field: it has a default
  // literal that coerces to its type (graphql-js drops one that does not, which makes a
  // non-null argument required again). Null `input`: false.
  bool hasDefaultValue(const InputValue* input) const;

  // --- document ------------------------------------------------------------------------------

  // graphql-js schema.getType(name), for names written in the document. Like Schema::type(),
  // except that a specified scalar the schema never references is unknown: buildASTSchema's type
  // map holds only the scalars its types use (and String and Boolean, which introspection uses).
  const NamedType* lookupType(std::string_view name) const;

  uint32_t operationCount() const { return operation_count_; }
  // Directive definitions inside the executable document (graphql-js honours them).
  std::span<const ast::DirectiveDefinition* const> documentDirectives() const {
    return document_directives_;
  }
  const ast::DirectiveDefinition* documentDirective(std::string_view name) const;
  // Type definitions inside the executable document (KnownTypeNamesRule's definedTypes).
  bool documentDefinesType(std::string_view name) const;
  std::span<const std::string_view> documentTypeNames() const { return document_type_names_; }

  // The last fragment definition named `name` (graphql-js getFragment), or null; and its index
  // in document.definitions.
  const ast::FragmentDefinition* fragment(std::string_view name) const;
  int32_t fragmentIndex(std::string_view name) const;
  // The composite type a fragment definition conditions on, or null (cached).
  const NamedType* fragmentType(uint32_t definition_index);

  // graphql-js getFragmentSpreads of a definition's top selection set (its exact order). Valid
  // until the next call for a definition not asked about before.
  std::span<const ast::FragmentSpread* const> fragmentSpreads(uint32_t definition_index);

  // graphql-js getRecursivelyReferencedFragments(ForOperations): definition indexes. Empty and
  // aborted() when the fragment budget runs out. Valid until the next call.
  std::span<const uint32_t> referencedFragments(std::span<const uint32_t> operation_indexes);

  // graphql-js getRecursiveVariableUsages(operation): the operation's usages then those of each
  // recursively referenced fragment. Valid until the next call; empty when aborted().
  std::span<const VariableUsage> recursiveVariableUsages(uint32_t operation_index);

  // --- variable usages, filled by the walker --------------------------------------------------

  std::pmr::vector<VariableUsage>& usageBuffer() { return usages_; }
  bool usagesCollected(uint32_t definition_index) const {
    return definitions_[definition_index].usages_done;
  }
  void setUsages(uint32_t definition_index, uint32_t begin, uint32_t end);

 private:
  struct DefinitionState {
    uint32_t spreads_begin = 0, spreads_end = 0;
    uint32_t usages_begin = 0, usages_end = 0;
    int32_t fragments_entry = -1;  // operations: their referenced-fragments cache entry
    const NamedType* fragment_type = nullptr;
    bool spreads_done = false;
    bool usages_done = false;
    bool fragment_type_done = false;
  };
  // One graphql-js SetMap entry: the fragments recursively referenced from a set of names.
  struct FragmentSetEntry {
    std::pmr::vector<std::string_view> key;  // sorted, unique
    std::pmr::vector<uint32_t> fragments;
    bool usages_spent = false;  // graphql-js cached the fragments' usages
  };

  int32_t referencedFragmentsEntry(std::span<const uint32_t> operation_indexes);
  // Computes a fragment's own usages with a walk of its own (walker.cc).
  void collectFragmentUsages(uint32_t definition_index);

  const Schema& schema_;
  const ast::Document& document_;
  const ValidationOptions& options_;
  alignas(std::max_align_t) std::byte inline_memory_[4096];
  std::pmr::monotonic_buffer_resource memory_{inline_memory_, sizeof(inline_memory_)};

  std::vector<ValidationError> errors_;
  bool aborted_ = false;
  int64_t remaining_fragment_work_ = 50000;

  uint32_t operation_count_ = 0;
  std::pmr::vector<const ast::DirectiveDefinition*> document_directives_{&memory_};
  std::pmr::vector<std::string_view> document_type_names_{&memory_};
  // Fragment definitions: name and definition index, in document order.
  std::pmr::vector<std::pair<std::string_view, uint32_t>> fragments_{&memory_};
  std::unordered_map<std::string_view, uint32_t> fragment_index_;  // only for many fragments

  std::pmr::vector<DefinitionState> definitions_{&memory_};
  std::pmr::vector<const ast::FragmentSpread*> spreads_{&memory_};
  std::pmr::vector<const ast::SelectionSet*> spread_stack_{&memory_};
  std::pmr::vector<VariableUsage> usages_{&memory_};
  std::pmr::vector<VariableUsage> recursive_usages_{&memory_};
  std::pmr::vector<FragmentSetEntry> fragment_sets_{&memory_};
  std::pmr::vector<std::string_view> names_scratch_{&memory_};
  std::pmr::vector<std::string_view> collected_scratch_{&memory_};
};

}  // namespace plexus::graphql::validation
