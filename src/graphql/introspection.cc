// Introspection execution as graphql-js 16: execution/execute.js (executeFields, completeValue,
// null propagation, error location), execution/collectFields.js and the resolvers of
// type/introspection.js, over the introspection types of the schema's prelude.
#include "src/graphql/introspection.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>

#include "src/graphql/printer.h"
#include "src/graphql/scalars.h"

namespace plexus::graphql {

namespace {

// --- Runtime values -----------------------------------------------------------------------------

// A __Type: a named type, or a List / NonNull wrapper taken from a declared type.
struct TypeRef {
  const NamedType* named = nullptr;
  const ast::Type* wrapper = nullptr;  // kList or kNonNull when set
};
struct RootValue {};  // the operation's root object: it has no data of its own here

// The object a field is resolved on, one alternative per introspection type.
using Source = std::variant<RootValue, const Schema*, TypeRef, const FieldDef*, const InputValue*,
                            const EnumValue*, const DirectiveDef*>;

// What a resolver returns: null, a leaf to serialize, an object to select from, or a list.
struct Resolved {
  enum class Kind : uint8_t { kNull, kLeaf, kObject, kList };
  Kind kind = Kind::kNull;
  json::Value leaf;
  Source object;
  std::vector<Resolved> items;
  std::string error;  // a resolver failure (graphql-js throws); the rest is unused then

  static Resolved leafOf(json::Value value) {
    Resolved r;
    r.kind = value.isNull() ? Kind::kNull : Kind::kLeaf;
    r.leaf = std::move(value);
    return r;
  }
  static Resolved text(const std::optional<std::string_view>& s) {
    return s ? leafOf(json::Value(*s)) : Resolved{};
  }
  static Resolved objectOf(Source source) {
    Resolved r;
    r.kind = Kind::kObject;
    r.object = source;
    return r;
  }
  template <typename Range, typename Fn>
  static Resolved listOf(const Range& range, Fn&& make) {
    Resolved r;
    r.kind = Kind::kList;
    for (const auto& item : range) r.items.push_back(make(item));
    return r;
  }
  static Resolved emptyList() {
    Resolved r;
    r.kind = Kind::kList;
    return r;
  }
  static Resolved failure(std::string message) {
    Resolved r;
    r.error = std::move(message);
    return r;
  }
};

std::string_view typeKindName(const TypeRef& type) {
  if (type.wrapper != nullptr) return type.wrapper->isList() ? "LIST" : "NON_NULL";
  switch (type.named->kind) {
    case TypeKind::kScalar: return "SCALAR";
    case TypeKind::kObject: return "OBJECT";
    case TypeKind::kInterface: return "INTERFACE";
    case TypeKind::kUnion: return "UNION";
    case TypeKind::kEnum: return "ENUM";
    case TypeKind::kInputObject: return "INPUT_OBJECT";
  }
  return "SCALAR";
}

bool includeDeprecated(const json::Value& args) {
  const json::Value* value = args.find("includeDeprecated");
  return value != nullptr && value->isBool() && value->asBool();
}

// Response key -> the field nodes merged under it, in first-seen order (spec §6.3.2).
class FieldMap {
 public:
  void add(const ast::Field* field) {
    auto [it, inserted] = index_.emplace(field->responseKey(), entries_.size());
    if (inserted) entries_.emplace_back(field->responseKey(), std::vector<const ast::Field*>{});
    entries_[it->second].second.push_back(field);
  }
  const auto& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string_view, std::vector<const ast::Field*>>> entries_;
  std::unordered_map<std::string_view, size_t> index_;
};

// --- The executor -------------------------------------------------------------------------------

// Functions returning std::optional<json::Value> return nullopt when an error is propagating
// towards the nearest nullable field (graphql-js throws it); the error waits in pending_.
class Executor {
 public:
  Executor(const Schema& schema, const ast::Document& document, const json::Value& variables)
      : schema_(schema), variables_(variables) {
    for (const ast::Definition* definition : document.definitions) {
      if (const auto* fragment = definition->as<ast::FragmentDefinition>()) {
        fragments_[fragment->name] = fragment;  // graphql-js keeps the last of a name
      }
    }
  }

  ExecutionResult run(const ast::OperationDefinition& operation) {
    ExecutionResult result;
    const NamedType* root = schema_.rootType(operation.operation);
    if (root == nullptr) {
      GraphQLError error;
      error.message = "Schema is not configured to execute " +
                      std::string(ast::operationTypeName(operation.operation)) + " operation.";
      error.locations.push_back(operation.loc);
      result.errors.push_back(std::move(error));
      result.data = json::Value();
      return result;
    }
    FieldMap fields;
    std::unordered_set<std::string_view> visited;
    std::optional<json::Value> data;
    if (collectFields(root, operation.selection_set, fields, visited)) {
      data = executeFields(root, Source(RootValue{}), fields, /*root=*/true);
    }
    if (!data) {
      // graphql-js adds the error that reached the root as it is (not re-located).
      errors_.push_back(std::move(*pending_));
      data = json::Value();
    }
    result.data = std::move(data);
    result.errors = std::move(errors_);
    return result;
  }

 private:
  // --- Field collection (spec §6.3.2 CollectFields; graphql-js collectFieldsImpl) -------------

  bool collectFields(const NamedType* runtime, const ast::SelectionSet* selection_set,
                     FieldMap& fields, std::unordered_set<std::string_view>& visited) {
    for (const ast::Selection* selection : selection_set->selections) {
      if (const auto* field = selection->as<ast::Field>()) {
        auto include = included(field->directives);
        if (!include) return false;
        if (*include) fields.add(field);
      } else if (const auto* inline_fragment = selection->as<ast::InlineFragment>()) {
        auto include = included(inline_fragment->directives);
        if (!include) return false;
        if (!*include || !conditionMatches(inline_fragment->type_condition, runtime)) continue;
        if (!collectFields(runtime, inline_fragment->selection_set, fields, visited)) return false;
      } else if (const auto* spread = selection->as<ast::FragmentSpread>()) {
        if (visited.count(spread->name) != 0) continue;
        auto include = included(spread->directives);
        if (!include) return false;
        if (!*include) continue;
        visited.insert(spread->name);
        auto it = fragments_.find(spread->name);
        if (it == fragments_.end() || !conditionMatches(it->second->type_condition, runtime)) {
          continue;
        }
        if (!collectFields(runtime, it->second->selection_set, fields, visited)) return false;
      }
    }
    return true;
  }

  std::optional<bool> included(ast::List<const ast::Directive> directives) {
    if (directives.empty()) return true;
    GraphQLError error;
    std::optional<bool> include = shouldInclude(schema_, directives, variables_, &error);
    if (!include) pending_ = std::move(error);
    return include;
  }

  // graphql-js doesFragmentConditionMatch.
  bool conditionMatches(const ast::Name* condition, const NamedType* runtime) const {
    if (condition == nullptr) return true;
    const NamedType* type = schema_.type(condition->value);
    if (type == nullptr) return false;
    if (type == runtime) return true;
    return type->isAbstract() && schema_.isSubType(type, runtime);
  }

  // --- Execution (spec §6.4 ExecuteSelectionSet, ExecuteField, CompleteValue) -------------------

  std::optional<json::Value> executeFields(const NamedType* parent, const Source& source,
                                           const FieldMap& fields, bool root = false) {
    json::Value result = json::Value::object();
    for (const auto& [key, nodes] : fields.entries()) {
      std::string_view name = nodes[0]->name;
      // The subgraphs answer the other root fields; this executor only knows the meta-fields.
      if (root && name != "__schema" && name != "__type" && name != "__typename") continue;
      const FieldDef* definition = schema_.fieldDef(parent, name);
      if (definition == nullptr) continue;  // graphql-js skips unknown fields
      path_.emplace_back(std::string(key));
      std::optional<json::Value> value = executeField(parent, source, nodes, *definition);
      path_.pop_back();
      if (!value) return std::nullopt;  // the siblings after it are not executed either
      result.asObject().emplace_back(std::string(key), std::move(*value));  // keys are unique
    }
    return result;
  }

  std::optional<json::Value> executeField(const NamedType* parent, const Source& source,
                                          const std::vector<const ast::Field*>& nodes,
                                          const FieldDef& definition) {
    const ast::Field& node = *nodes[0];
    ArgumentValues args =
        getArgumentValues(schema_, definition.arguments, node.arguments, node, variables_);
    if (!args.ok()) {
      GraphQLError error = std::move(*args.error);
      error.path = path_;
      return handleFieldError(std::move(error), definition.type);
    }
    Resolved resolved = resolve(parent, source, definition.name, args.values);
    if (!resolved.error.empty()) {
      return handleFieldError(locate(std::move(resolved.error), nodes), definition.type);
    }
    std::optional<json::Value> completed =
        completeValue(definition.type, nodes, parent, definition, resolved);
    if (!completed) return handleFieldError(std::move(*pending_), definition.type);
    return completed;
  }

  // graphql-js handleFieldError: a nullable position absorbs the error as null.
  std::optional<json::Value> handleFieldError(GraphQLError error, const ast::Type* type) {
    if (type->isNonNull()) {
      pending_ = std::move(error);
      return std::nullopt;
    }
    errors_.push_back(std::move(error));
    return json::Value();
  }

  std::optional<json::Value> completeValue(const ast::Type* type,
                                           const std::vector<const ast::Field*>& nodes,
                                           const NamedType* parent, const FieldDef& definition,
                                           const Resolved& resolved) {
    if (type->isNonNull()) {
      std::optional<json::Value> inner =
          completeValue(type->of, nodes, parent, definition, resolved);
      if (inner && inner->isNull()) {
        pending_ = locate("Cannot return null for non-nullable field " + std::string(parent->name) +
                              "." + std::string(definition.name) + ".",
                          nodes);
        return std::nullopt;
      }
      return inner;
    }
    if (resolved.kind == Resolved::Kind::kNull) return json::Value();
    if (type->isList()) {
      if (resolved.kind != Resolved::Kind::kList) {
        pending_ =
            locate("Expected Iterable, but did not find one for field \"" +
                       std::string(parent->name) + "." + std::string(definition.name) + "\".",
                   nodes);
        return std::nullopt;
      }
      json::Value list = json::Value::array();
      for (size_t i = 0; i < resolved.items.size(); ++i) {
        path_.emplace_back(static_cast<int64_t>(i));
        std::optional<json::Value> item =
            completeValue(type->of, nodes, parent, definition, resolved.items[i]);
        if (!item) item = handleFieldError(std::move(*pending_), type->of);
        path_.pop_back();
        if (!item) return std::nullopt;
        list.push(std::move(*item));
      }
      return list;
    }
    const NamedType* named = schema_.type(type->name);
    if (named != nullptr && named->isLeaf()) {
      LeafCoercion serialized = serializeLeaf(*named, resolved.leaf);
      if (!serialized.value) {
        pending_ = locate(std::move(serialized.error), nodes);
        return std::nullopt;
      }
      return std::move(serialized.value);
    }
    // Introspection types are object types, so the runtime type is the source's own.
    const NamedType* runtime = runtimeType(resolved.object);
    FieldMap fields;
    std::unordered_set<std::string_view> visited;
    for (const ast::Field* node : nodes) {
      if (node->selection_set == nullptr) continue;
      if (!collectFields(runtime, node->selection_set, fields, visited)) {
        pending_->path = path_;  // graphql-js locates it at this field
        return std::nullopt;
      }
    }
    return executeFields(runtime, resolved.object, fields);
  }

  const NamedType* runtimeType(const Source& source) const {
    static constexpr std::string_view kNames[] = {
        "", "__Schema", "__Type", "__Field", "__InputValue", "__EnumValue", "__Directive"};
    return schema_.type(kNames[source.index()]);
  }

  // An error at the current path, located at every node of the field (graphql-js
  // locatedError for errors that carry no nodes of their own).
  GraphQLError locate(std::string message, const std::vector<const ast::Field*>& nodes) const {
    GraphQLError error;
    error.message = std::move(message);
    for (const ast::Field* node : nodes) error.locations.push_back(node->loc);
    error.path = path_;
    return error;
  }

  // --- Resolvers (graphql-js type/introspection.js) -------------------------------------------

  Resolved typeRef(const ast::Type* type) const {
    if (type->form == ast::Type::Form::kNamed) {
      const NamedType* named = schema_.type(type->name);
      return named != nullptr ? Resolved::objectOf(TypeRef{named, nullptr}) : Resolved{};
    }
    return Resolved::objectOf(TypeRef{nullptr, type});
  }
  static Resolved namedRef(const NamedType* type) {
    return type != nullptr ? Resolved::objectOf(TypeRef{type, nullptr}) : Resolved{};
  }

  Resolved resolve(const NamedType* parent, const Source& source, std::string_view field,
                   const json::Value& args) const {
    if (field == "__typename") return Resolved::leafOf(json::Value(parent->name));
    switch (source.index()) {
      case 0: return resolveRoot(field, args);
      case 1: return resolveSchema(field);
      case 2: return resolveType(std::get<TypeRef>(source), field, args);
      case 3: return resolveField(*std::get<const FieldDef*>(source), field, args);
      case 4: return resolveInputValue(*std::get<const InputValue*>(source), field);
      case 5: return resolveEnumValue(*std::get<const EnumValue*>(source), field);
      case 6: return resolveDirective(*std::get<const DirectiveDef*>(source), field, args);
    }
    return {};
  }

  Resolved resolveRoot(std::string_view field, const json::Value& args) const {
    if (field == "__schema") return Resolved::objectOf(&schema_);
    if (field == "__type") {
      const json::Value* name = args.find("name");
      if (name == nullptr || !name->isString()) return {};
      return namedRef(schema_.type(name->asString()));
    }
    return {};
  }

  Resolved resolveSchema(std::string_view field) const {
    if (field == "description") return Resolved::text(schema_.description());
    if (field == "types") return Resolved::listOf(schema_.types(), namedRef);
    if (field == "queryType") return namedRef(schema_.queryType());
    if (field == "mutationType") return namedRef(schema_.mutationType());
    if (field == "subscriptionType") return namedRef(schema_.subscriptionType());
    if (field == "directives") {
      // SDL cannot deprecate a directive (graphql-js 16 parses @deprecated there only behind
      // an experimental flag), so includeDeprecated changes nothing.
      return Resolved::listOf(schema_.directives(),
                              [](const DirectiveDef* d) { return Resolved::objectOf(d); });
    }
    return {};
  }

  Resolved resolveType(const TypeRef& type, std::string_view field, const json::Value& args) const {
    if (field == "kind") return Resolved::leafOf(json::Value(typeKindName(type)));
    if (field == "ofType") return type.wrapper != nullptr ? typeRef(type.wrapper->of) : Resolved{};
    const NamedType* named = type.named;
    if (named == nullptr) return {};  // wrappers have no name, description, fields, ...
    bool deprecated = includeDeprecated(args);
    if (field == "name") return Resolved::leafOf(json::Value(named->name));
    if (field == "description") return Resolved::text(named->description);
    if (field == "specifiedByURL") {
      return named->kind == TypeKind::kScalar ? Resolved::text(named->specified_by_url)
                                              : Resolved{};
    }
    bool has_fields = named->kind == TypeKind::kObject || named->kind == TypeKind::kInterface;
    if (field == "fields") {
      if (!has_fields) return {};
      Resolved list = Resolved::emptyList();
      for (const FieldDef& f : named->fields) {
        if (deprecated || !f.deprecation_reason) list.items.push_back(Resolved::objectOf(&f));
      }
      return list;
    }
    if (field == "interfaces") {
      if (!has_fields) return {};
      return Resolved::listOf(named->interfaces, namedRef);
    }
    if (field == "possibleTypes") {
      if (!named->isAbstract()) return {};
      return Resolved::listOf(schema_.possibleTypes(named), namedRef);
    }
    if (field == "enumValues") {
      if (named->kind != TypeKind::kEnum) return {};
      Resolved list = Resolved::emptyList();
      for (const EnumValue& v : named->values) {
        if (deprecated || !v.deprecation_reason) list.items.push_back(Resolved::objectOf(&v));
      }
      return list;
    }
    if (field == "inputFields") {
      if (named->kind != TypeKind::kInputObject) return {};
      return inputValues(named->input_fields, deprecated);
    }
    if (field == "isOneOf") {
      if (named->kind != TypeKind::kInputObject) return {};
      return Resolved::leafOf(json::Value(named->one_of));
    }
    return {};
  }

  static Resolved inputValues(const std::vector<InputValue>& values, bool deprecated) {
    Resolved list = Resolved::emptyList();
    for (const InputValue& v : values) {
      if (deprecated || !v.deprecation_reason) list.items.push_back(Resolved::objectOf(&v));
    }
    return list;
  }

  Resolved resolveField(const FieldDef& def, std::string_view field,
                        const json::Value& args) const {
    if (field == "name") return Resolved::leafOf(json::Value(def.name));
    if (field == "description") return Resolved::text(def.description);
    if (field == "args") return inputValues(def.arguments, includeDeprecated(args));
    if (field == "type") return typeRef(def.type);
    if (field == "isDeprecated")
      return Resolved::leafOf(json::Value(def.deprecation_reason.has_value()));
    if (field == "deprecationReason") return Resolved::text(def.deprecation_reason);
    return {};
  }

  Resolved resolveInputValue(const InputValue& def, std::string_view field) const {
    if (field == "name") return Resolved::leafOf(json::Value(def.name));
    if (field == "description") return Resolved::text(def.description);
    if (field == "type") return typeRef(def.type);
    if (field == "defaultValue") {
      // print(astFromValue(defaultValue, type)), defaultValue being the coerced literal.
      std::optional<json::Value> value = defaultValue(schema_, def);
      if (!value) return {};
      Arena arena;
      std::string error;
      const ast::Value* literal = astFromValue(schema_, *value, def.type, arena, &error);
      if (!error.empty()) return Resolved::failure(std::move(error));
      return literal != nullptr ? Resolved::leafOf(json::Value(print(*literal))) : Resolved{};
    }
    if (field == "isDeprecated")
      return Resolved::leafOf(json::Value(def.deprecation_reason.has_value()));
    if (field == "deprecationReason") return Resolved::text(def.deprecation_reason);
    return {};
  }

  static Resolved resolveEnumValue(const EnumValue& def, std::string_view field) {
    if (field == "name") return Resolved::leafOf(json::Value(def.name));
    if (field == "description") return Resolved::text(def.description);
    if (field == "isDeprecated")
      return Resolved::leafOf(json::Value(def.deprecation_reason.has_value()));
    if (field == "deprecationReason") return Resolved::text(def.deprecation_reason);
    return {};
  }

  static Resolved resolveDirective(const DirectiveDef& def, std::string_view field,
                                   const json::Value& args) {
    if (field == "name") return Resolved::leafOf(json::Value(def.name));
    if (field == "description") return Resolved::text(def.description);
    if (field == "isRepeatable") return Resolved::leafOf(json::Value(def.repeatable));
    if (field == "locations") {
      return Resolved::listOf(def.locations, [](DirectiveLocation location) {
        return Resolved::leafOf(json::Value(directiveLocationName(location)));
      });
    }
    if (field == "args") return inputValues(def.arguments, includeDeprecated(args));
    if (field == "isDeprecated") return Resolved::leafOf(json::Value(false));
    return {};  // deprecationReason: see resolveSchema
  }

  const Schema& schema_;
  const json::Value& variables_;
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
  std::vector<PathElement> path_;
  std::optional<GraphQLError> pending_;
  std::vector<GraphQLError> errors_;
};

ExecutionResult requestError(std::string message) {
  ExecutionResult result;
  GraphQLError error;
  error.message = std::move(message);
  result.errors.push_back(std::move(error));
  return result;
}

}  // namespace

json::Value ExecutionResult::toJson() const {
  json::Value out = json::Value::object();
  if (!errors.empty()) {
    json::Value& list = out["errors"] = json::Value::array();
    for (const GraphQLError& error : errors) list.push(error.toJson());
  }
  if (data) out["data"] = *data;
  return out;
}

ExecutionResult executeIntrospectionOperation(const Schema& schema, const ast::Document& document,
                                              const ast::OperationDefinition& operation,
                                              const json::Value& coerced_variables) {
  return Executor(schema, document, coerced_variables).run(operation);
}

ExecutionResult executeIntrospection(const Schema& schema, const ast::Document& document,
                                     std::string_view operation_name, const json::Value& variables,
                                     const VariableCoercionOptions& options) {
  // graphql-js buildExecutionContext: choose the operation (spec §6.1 GetOperation).
  const ast::OperationDefinition* operation = nullptr;
  for (const ast::Definition* definition : document.definitions) {
    const auto* candidate = definition->as<ast::OperationDefinition>();
    if (candidate == nullptr) continue;
    if (operation_name.empty()) {
      if (operation != nullptr) {
        return requestError("Must provide operation name if query contains multiple operations.");
      }
      operation = candidate;
    } else if (candidate->name == operation_name) {
      operation = candidate;
    }
  }
  if (operation == nullptr) {
    if (!operation_name.empty()) {
      return requestError("Unknown operation named \"" + std::string(operation_name) + "\".");
    }
    return requestError("Must provide an operation.");
  }
  CoercedVariables coerced = coerceVariableValues(schema, operation->variables, variables, options);
  if (!coerced.ok()) {
    ExecutionResult result;
    result.errors = std::move(coerced.errors);
    return result;
  }
  return executeIntrospectionOperation(schema, document, *operation, coerced.values);
}

}  // namespace plexus::graphql
