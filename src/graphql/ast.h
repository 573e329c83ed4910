// The GraphQL abstract syntax tree (GraphQL spec §2 executable documents, §3 type system).
//
// Every node lives in the arena of the Document that owns it; names and raw literals are views
// into the document's own copy of the source text (or into its arena for decoded strings).
// Lists are spans of pointers, built once by the parser and never resized.
//
//   auto doc = graphql::parse(source);            // StatusOr<std::unique_ptr<const Document>>
//   for (const ast::Definition* def : (*doc)->definitions)
//     if (auto* op = def->as<ast::OperationDefinition>()) ...
//
// A Document is immutable after parsing and may be shared across threads (read-only).
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "src/common/arena.h"

namespace plexus::graphql::ast {

template <typename T>
using List = std::span<T* const>;

// A 1-based position in the source, as graphql-js reports it.
struct SourceLocation {
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

enum class Kind : uint8_t {
  // Executable definitions and their parts.
  kOperationDefinition,
  kFragmentDefinition,
  kVariableDefinition,
  kSelectionSet,
  kField,
  kFragmentSpread,
  kInlineFragment,
  kArgument,
  kDirective,
  kValue,
  kObjectField,
  kType,
  kName,
  // Type-system definitions and extensions.
  kSchemaDefinition,
  kOperationTypeDefinition,
  kTypeDefinition,  // scalar, object, interface, union, enum, input object (and their extensions)
  kFieldDefinition,
  kInputValueDefinition,
  kEnumValueDefinition,
  kDirectiveDefinition,
};

struct Node {
  Kind kind;
  uint32_t offset = 0;  // byte offset of the node's first token
  SourceLocation loc;

  template <typename T>
  const T* as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
};

// A name with its own position (type conditions, named types, interface lists, union members).
struct Name : Node {
  static constexpr Kind kKind = Kind::kName;
  std::string_view value;
};

// Type : NamedType | ListType | NonNullType
struct Type : Node {
  static constexpr Kind kKind = Kind::kType;
  enum class Form : uint8_t { kNamed, kList, kNonNull } form = Form::kNamed;
  std::string_view name;     // kNamed only
  const Type* of = nullptr;  // kList and kNonNull: the wrapped type

  bool isNonNull() const { return form == Form::kNonNull; }
  bool isList() const { return form == Form::kList; }
  // The innermost named type's name.
  std::string_view namedType() const {
    const Type* t = this;
    while (t->form != Form::kNamed) t = t->of;
    return t->name;
  }
};

struct Description {
  std::string_view text;  // decoded
  bool block = false;
  bool present = false;
};

struct ObjectField;

// Value[Const] (§2.9). For kString, `text` is the decoded string; for kInt, kFloat and kEnum it
// is the literal as written; for kVariable it is the variable name without `$`.
struct Value : Node {
  static constexpr Kind kKind = Kind::kValue;
  enum class Form : uint8_t {
    kVariable,
    kInt,
    kFloat,
    kString,
    kBoolean,
    kNull,
    kEnum,
    kList,
    kObject
  } form = Form::kNull;
  bool boolean = false;            // kBoolean
  bool block = false;              // kString written as a block string
  std::string_view text;           // see above
  List<const Value> list;          // kList
  List<const ObjectField> fields;  // kObject
};

struct ObjectField : Node {
  static constexpr Kind kKind = Kind::kObjectField;
  std::string_view name;
  const Value* value = nullptr;
};

struct Argument : Node {
  static constexpr Kind kKind = Kind::kArgument;
  std::string_view name;
  const Value* value = nullptr;
};

struct Directive : Node {
  static constexpr Kind kKind = Kind::kDirective;
  std::string_view name;
  List<const Argument> arguments;
};

struct SelectionSet;

// Selection : Field | FragmentSpread | InlineFragment
struct Selection : Node {};

struct Field : Selection {
  static constexpr Kind kKind = Kind::kField;
  std::string_view alias;  // empty when none
  std::string_view name;
  List<const Argument> arguments;
  List<const Directive> directives;
  const SelectionSet* selection_set = nullptr;  // null for leaf fields

  std::string_view responseKey() const { return alias.empty() ? name : alias; }
};

struct FragmentSpread : Selection {
  static constexpr Kind kKind = Kind::kFragmentSpread;
  std::string_view name;
  List<const Directive> directives;
};

struct InlineFragment : Selection {
  static constexpr Kind kKind = Kind::kInlineFragment;
  const Name* type_condition = nullptr;  // null when absent
  List<const Directive> directives;
  const SelectionSet* selection_set = nullptr;
};

struct SelectionSet : Node {
  static constexpr Kind kKind = Kind::kSelectionSet;
  List<const Selection> selections;
};

enum class OperationType : uint8_t { kQuery, kMutation, kSubscription };
std::string_view operationTypeName(OperationType type);

// The spec's DirectiveLocation names (§3.13), in the order of graphql-js's DirectiveLocation.
std::span<const std::string_view> directiveLocationNames();

struct VariableDefinition : Node {
  static constexpr Kind kKind = Kind::kVariableDefinition;
  Description description;  // graphql-js 16.12+: descriptions on executable definitions
  std::string_view name;    // without `$`
  const Type* type = nullptr;
  const Value* default_value = nullptr;  // null when absent
  List<const Directive> directives;
};

// Definition : ExecutableDefinition | TypeSystemDefinitionOrExtension
struct Definition : Node {
  bool isExecutable() const {
    return kind == Kind::kOperationDefinition || kind == Kind::kFragmentDefinition;
  }
};

struct OperationDefinition : Definition {
  static constexpr Kind kKind = Kind::kOperationDefinition;
  OperationType operation = OperationType::kQuery;
  bool shorthand = false;  // `{ ... }` with no keyword
  Description description;
  std::string_view name;  // empty when anonymous
  List<const VariableDefinition> variables;
  List<const Directive> directives;
  const SelectionSet* selection_set = nullptr;
};

struct FragmentDefinition : Definition {
  static constexpr Kind kKind = Kind::kFragmentDefinition;
  Description description;
  std::string_view name;
  const Name* type_condition = nullptr;
  List<const Directive> directives;
  const SelectionSet* selection_set = nullptr;
};

// --- Type system (§3) ---------------------------------------------------------------------------

struct OperationTypeDefinition : Node {
  static constexpr Kind kKind = Kind::kOperationTypeDefinition;
  OperationType operation = OperationType::kQuery;
  const Name* type = nullptr;
};

// SchemaDefinition and SchemaExtension.
struct SchemaDefinition : Definition {
  static constexpr Kind kKind = Kind::kSchemaDefinition;
  bool extension = false;
  Description description;
  List<const Directive> directives;
  List<const OperationTypeDefinition> operation_types;
};

struct InputValueDefinition : Node {
  static constexpr Kind kKind = Kind::kInputValueDefinition;
  Description description;
  std::string_view name;
  const Type* type = nullptr;
  const Value* default_value = nullptr;
  List<const Directive> directives;
};

struct FieldDefinition : Node {
  static constexpr Kind kKind = Kind::kFieldDefinition;
  Description description;
  std::string_view name;
  List<const InputValueDefinition> arguments;
  const Type* type = nullptr;
  List<const Directive> directives;
};

struct EnumValueDefinition : Node {
  static constexpr Kind kKind = Kind::kEnumValueDefinition;
  Description description;
  std::string_view name;
  List<const Directive> directives;
};

enum class TypeKind : uint8_t { kScalar, kObject, kInterface, kUnion, kEnum, kInputObject };
// "scalar", "type", "interface", "union", "enum", "input": the SDL keyword.
std::string_view typeKeyword(TypeKind kind);

// A named type definition or extension (`extension == true`). Only the lists that the kind can
// have are ever non-empty.
struct TypeDefinition : Definition {
  static constexpr Kind kKind = Kind::kTypeDefinition;
  TypeKind type_kind = TypeKind::kScalar;
  bool extension = false;
  Description description;
  const Name* name = nullptr;
  List<const Name> interfaces;  // object, interface
  List<const Directive> directives;
  List<const FieldDefinition> fields;             // object, interface
  List<const InputValueDefinition> input_fields;  // input object
  List<const Name> members;                       // union
  List<const EnumValueDefinition> values;         // enum
};

struct DirectiveDefinition : Definition {
  static constexpr Kind kKind = Kind::kDirectiveDefinition;
  Description description;
  const Name* name = nullptr;
  List<const InputValueDefinition> arguments;
  bool repeatable = false;
  List<const Name> locations;
};

// A parsed document: owns its arena and its copy of the source text.
struct Document {
  // The arena's first block is sized from the source (an AST takes about 8 bytes per source
  // byte), so a typical operation parses with one or two allocations.
  explicit Document(std::string source_text)
      : source(std::move(source_text)),
        arena(std::clamp<std::size_t>(source.size() * 8, 1024, 64 * 1024)) {}
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  std::string source;
  Arena arena;
  List<const Definition> definitions;
  uint32_t token_count = 0;
};

}  // namespace plexus::graphql::ast
