// Response shaping (gateway-js resultShaping.ts, graphql-js execute.ts collectFields and
// completeValue). The response is written straight into a string; a null that must bubble up
// truncates the string back to where the nullable ancestor began.
#include "src/execution/shaping.h"

#include <cmath>
#include <memory>
#include <optional>
#include <unordered_map>

#include "src/graphql/introspection.h"

namespace plexus::execution {

namespace {

using graphql::NamedType;
using graphql::ast::Field;
using json::ArenaValue;

constexpr std::string_view kTypename = "__typename";

class FieldGroups;

// The fields of one response key, in the order collectFields met them, with what completing
// them needs resolved once per request rather than once per object: the field definition of the
// parent type the group was collected for, and the merged sub-selections per runtime type.
struct FieldGroup {
  enum class Kind : uint8_t { kField, kTypename, kIntrospection, kUnknown };
  std::string_view key;
  std::vector<const Field*> fields;
  std::string quoted_key;  // `"key":`, as written before each value
  Kind kind = Kind::kUnknown;
  const graphql::FieldDef* def = nullptr;  // kField: the field on the parent type
  const NamedType* named = nullptr;        // kField: the field type's named type
  // Sub-selections by runtime type; a handful at most (one per possible type met).
  std::vector<std::pair<const NamedType*, std::unique_ptr<FieldGroups>>> subfields;
};

class FieldGroups {
 public:
  void add(const Field* field) {
    std::string_view key = field->responseKey();
    for (FieldGroup& group : groups_) {  // selection sets are small: a scan beats hashing
      if (group.key == key) {
        group.fields.push_back(field);
        return;
      }
    }
    FieldGroup& group = groups_.emplace_back();
    group.key = key;
    group.fields.push_back(field);
  }
  std::vector<FieldGroup>& groups() { return groups_; }

 private:
  std::vector<FieldGroup> groups_;
};

struct Completed {
  bool is_null = false;
  bool has_errors = false;  // an error was reported for this value or below it
  bool invalid = false;     // null at a non-null position: the parent must become null
};

struct PathEntry {
  std::string_view key;
  int64_t index = -1;
};

class Shaper {
 public:
  Shaper(const graphql::Schema& schema, const graphql::ast::Document& document,
         const graphql::ast::OperationDefinition& operation, const json::Value& variables,
         ShapedResponse& result)
      : schema_(schema),
        document_(document),
        operation_(operation),
        variables_(variables),
        result_(result) {
    for (const graphql::ast::Definition* definition : document.definitions) {
      if (const auto* fragment = definition->as<graphql::ast::FragmentDefinition>()) {
        fragments_.emplace(fragment->name, fragment);
      }
    }
  }

  void run(const ArenaValue& data) {
    const NamedType* root = schema_.rootType(operation_.operation);
    std::string& out = result_.data;
    size_t start = out.size();
    if (root == nullptr) {
      out += "null";
      return;
    }
    FieldGroups groups;
    collectFields(root, operation_.selection_set, groups);
    resolve(root, groups, /*is_root=*/true);
    Completed completed = completeSelection(root, groups, data, /*is_root=*/true);
    if (completed.is_null) {
      out.resize(start);
      out += "null";
    }
  }

 private:
  // --- CollectFields (spec §6.3.2) ---

  // @skip / @include (spec §3.13.2, §3.13.3). A variable that is absent or null counts as
  // false, as for the plan's Condition nodes (coerced variables of a validated operation always
  // hold a boolean there).
  bool included(graphql::ast::List<const graphql::ast::Directive> directives) const {
    for (const graphql::ast::Directive* directive : directives) {
      bool skip = directive->name == "skip";
      if (!skip && directive->name != "include") continue;
      bool condition = false;
      for (const graphql::ast::Argument* argument : directive->arguments) {
        if (argument->name != "if" || argument->value == nullptr) continue;
        const graphql::ast::Value* value = argument->value;
        if (value->form == graphql::ast::Value::Form::kBoolean) {
          condition = value->boolean;
        } else if (value->form == graphql::ast::Value::Form::kVariable) {
          const json::Value* bound = variables_.find(value->text);
          condition = bound != nullptr && bound->isBool() && bound->asBool();
        }
      }
      if (skip == condition) return false;
    }
    return true;
  }

  // Does a fragment on `condition_name` apply to objects of `runtime` (resultShaping.ts
  // typeConditionApplies)?
  bool applies(std::string_view condition_name, const NamedType* runtime) const {
    const NamedType* condition = schema_.type(condition_name);
    if (condition == nullptr) return false;
    if (condition == runtime) return true;
    return condition->isAbstract() && schema_.isSubType(condition, runtime);
  }

  void collectFields(const NamedType* runtime, const graphql::ast::SelectionSet* set,
                     FieldGroups& out) {
    std::vector<std::string_view> visited;
    collectFields(runtime, set, out, visited);
  }

  void collectFields(const NamedType* runtime, const graphql::ast::SelectionSet* set,
                     FieldGroups& out, std::vector<std::string_view>& visited) {
    if (set == nullptr) return;
    for (const graphql::ast::Selection* selection : set->selections) {
      if (const auto* field = selection->as<Field>()) {
        if (included(field->directives)) out.add(field);
      } else if (const auto* inline_fragment = selection->as<graphql::ast::InlineFragment>()) {
        if (!included(inline_fragment->directives)) continue;
        if (inline_fragment->type_condition != nullptr &&
            !applies(inline_fragment->type_condition->value, runtime)) {
          continue;
        }
        collectFields(runtime, inline_fragment->selection_set, out, visited);
      } else if (const auto* spread = selection->as<graphql::ast::FragmentSpread>()) {
        if (!included(spread->directives)) continue;
        if (std::find(visited.begin(), visited.end(), spread->name) != visited.end()) continue;
        visited.push_back(spread->name);
        auto found = fragments_.find(spread->name);
        if (found == fragments_.end()) continue;
        const graphql::ast::FragmentDefinition* fragment = found->second;
        if (fragment->type_condition != nullptr &&
            !applies(fragment->type_condition->value, runtime)) {
          continue;
        }
        collectFields(runtime, fragment->selection_set, out, visited);
      }
    }
  }

  // What completeSelection needs per group, for objects of `runtime`.
  void resolve(const NamedType* runtime, FieldGroups& groups, bool is_root) const {
    for (FieldGroup& group : groups.groups()) {
      json::appendQuoted(group.key, group.quoted_key);
      group.quoted_key += ':';
      std::string_view name = group.fields.front()->name;
      if (name == kTypename) {
        group.kind = FieldGroup::Kind::kTypename;
      } else if (is_root && (name == "__schema" || name == "__type")) {
        group.kind = FieldGroup::Kind::kIntrospection;
      } else if (const graphql::FieldDef* def = schema_.fieldDef(runtime, name)) {
        group.kind = FieldGroup::Kind::kField;
        group.def = def;
        group.named = def->named_type;
        if (group.named == nullptr) {
          const graphql::ast::Type* type = def->type;
          while (type->of != nullptr) type = type->of;
          group.named = schema_.type(type->name);
        }
      }
    }
  }

  // --- Errors ---

  // resultShaping.ts pathLastElementDescription.
  std::string describe(const graphql::ast::Type* type, const NamedType* parent) const {
    const PathEntry& last = path_.back();
    if (last.index >= 0) {
      return "array element of type " + graphql::types::print(type) + " at index " +
             std::to_string(last.index);
    }
    return "field " + std::string(parent->name) + "." + std::string(last.key);
  }

  void addError(std::string message) {
    graphql::GraphQLError error;
    error.message = std::move(message);
    for (const PathEntry& entry : path_) {
      if (entry.index >= 0) {
        error.path.emplace_back(entry.index);
      } else {
        error.path.emplace_back(std::string(entry.key));
      }
    }
    error.extensions = json::Value::object();
    error.extensions["code"] = "INVALID_GRAPHQL";
    result_.completion_errors.push_back(std::move(error));
  }

  // --- CompleteValue (spec §6.4.3) ---

  Completed completeValue(const graphql::ast::Type* type, FieldGroup& group,
                          const ArenaValue* value, const NamedType* parent) {
    std::string& out = result_.data;
    if (type->isNonNull()) {
      Completed completed = completeValue(type->of, group, value, parent);
      if (!completed.is_null) return completed;
      if (!completed.has_errors) {
        addError("Cannot return null for non-nullable " + describe(type->of, parent) + ".");
      }
      return {.is_null = true, .has_errors = true, .invalid = true};
    }
    if (value == nullptr || value->isNull()) {
      out += "null";
      return {.is_null = true};
    }
    if (type->isList()) {
      if (!value->isArray()) return invalidValue(type, parent);
      size_t start = out.size();
      out += '[';
      Completed list;
      bool nullify = false;
      std::span<const ArenaValue> items = value->items();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ',';
        path_.push_back(PathEntry{{}, static_cast<int64_t>(i)});
        Completed item = completeValue(type->of, group, &items[i], parent);
        path_.pop_back();
        // Keep going after an invalid item, to report the other items' errors.
        nullify = nullify || item.invalid;
        list.has_errors = list.has_errors || item.has_errors;
      }
      out += ']';
      if (nullify) {
        out.resize(start);
        out += "null";
        list.is_null = true;
      }
      return list;
    }
    const NamedType* named = group.named;
    if (named == nullptr) return invalidValue(type, parent);
    if (named->isLeaf()) return completeLeaf(named, type, *value, parent);
    return completeObject(named, type, group, *value, parent);
  }

  Completed invalidValue(const graphql::ast::Type* type, const NamedType* parent) {
    addError("Invalid value found for " + describe(type, parent) + ".");
    result_.data += "null";
    return {.is_null = true, .has_errors = true};
  }

  // federation-internals isValidLeafValue.
  static bool isValidLeaf(const NamedType* type, const ArenaValue& value) {
    if (type->kind == graphql::TypeKind::kEnum) {
      return value.isString() && type->value(value.asString()) != nullptr;
    }
    std::string_view name = type->name;
    bool is_int = name == "Int", is_float = name == "Float", is_string = name == "String";
    bool is_boolean = name == "Boolean", is_id = name == "ID";
    if (!is_int && !is_float && !is_string && !is_boolean && !is_id) return true;  // custom
    if (value.isBool()) return is_boolean;
    if (value.isInt()) return is_int || is_id || is_float;
    if (value.isDouble()) {
      double d = value.asDouble();
      if (!std::isfinite(d)) return false;
      if (is_int || is_id) return d == std::floor(d) && std::fabs(d) < 1e21;
      return is_float;
    }
    if (value.isString()) return !is_boolean && !is_int && !is_float;
    return false;
  }

  Completed completeLeaf(const NamedType* named, const graphql::ast::Type* type,
                         const ArenaValue& value, const NamedType* parent) {
    if (!isValidLeaf(named, value)) return invalidValue(type, parent);
    json::serializeTo(value, result_.data);
    return {};
  }

  Completed completeObject(const NamedType* static_type, const graphql::ast::Type* type,
                           FieldGroup& group, const ArenaValue& value, const NamedType* parent) {
    if (!value.isObject()) return invalidValue(type, parent);
    const NamedType* runtime = static_type;
    const ArenaValue* typename_value = value.find(kTypename);
    if (typename_value != nullptr && typename_value->isString()) {
      std::string_view name = typename_value->asString();
      const NamedType* named = name == static_type->name ? static_type : schema_.type(name);
      bool possible = named != nullptr && named->isComposite() &&
                      !(static_type->isAbstract() && named->kind == graphql::TypeKind::kObject &&
                        !schema_.isSubType(static_type, named));
      if (!possible) {
        // The type name stays out of the message: it may be @inaccessible.
        addError("Invalid __typename found for object at " + describe(type, parent) + ".");
        result_.data += "null";
        return {.is_null = true, .has_errors = true};
      }
      runtime = named;
    }
    return completeSelection(runtime, subfields(runtime, group), value, /*is_root=*/false);
  }

  // The merged sub-selections of `group` for objects of `runtime`, collected once per runtime
  // type and reused: every element of a list asks for the same ones.
  FieldGroups& subfields(const NamedType* runtime, FieldGroup& group) {
    for (auto& [type, groups] : group.subfields) {
      if (type == runtime) return *groups;
    }
    auto groups = std::make_unique<FieldGroups>();
    for (const Field* field : group.fields) collectFields(runtime, field->selection_set, *groups);
    resolve(runtime, *groups, /*is_root=*/false);
    group.subfields.emplace_back(runtime, std::move(groups));
    return *group.subfields.back().second;
  }

  Completed completeSelection(const NamedType* runtime, FieldGroups& groups,
                              const ArenaValue& value, bool is_root) {
    std::string& out = result_.data;
    size_t start = out.size();
    out += '{';
    Completed object;
    bool first = true;
    auto writeKey = [&](const FieldGroup& group) {
      if (!first) out += ',';
      first = false;
      out += group.quoted_key;
    };
    auto nullOut = [&]() {
      out.resize(start);
      out += "null";
      return Completed{.is_null = true, .has_errors = true};
    };
    for (FieldGroup& group : groups.groups()) {
      if (group.kind == FieldGroup::Kind::kTypename) {
        const NamedType* type = runtime;
        if (!is_root) {
          const ArenaValue* given = value.find(group.key);
          if (given == nullptr && group.key != kTypename) given = value.find(kTypename);
          if (given != nullptr && given->isString() && given->asString() != runtime->name) {
            if (const NamedType* named = schema_.type(given->asString())) type = named;
          }
        }
        // An interface name left by an @interfaceObject subgraph cannot be answered.
        if (type->kind != graphql::TypeKind::kObject) return nullOut();
        writeKey(group);
        json::appendQuoted(type->name, out);
        continue;
      }
      if (group.kind == FieldGroup::Kind::kIntrospection) {
        writeKey(group);
        writeIntrospection(group.key);
        continue;
      }
      // Not in the API schema: validation let nothing like it in.
      if (group.kind != FieldGroup::Kind::kField) continue;
      writeKey(group);
      path_.push_back(PathEntry{group.key, -1});
      Completed completed = completeValue(group.def->type, group, value.find(group.key), runtime);
      path_.pop_back();
      object.has_errors = object.has_errors || completed.has_errors;
      if (completed.invalid) return nullOut();
    }
    out += '}';
    return object;
  }

  void writeIntrospection(std::string_view key) {
    if (!introspection_) {
      introspection_ =
          graphql::executeIntrospectionOperation(schema_, document_, operation_, variables_);
      for (graphql::GraphQLError& error : introspection_->errors) {
        result_.errors.push_back(std::move(error));
      }
    }
    const json::Value* value =
        introspection_->data ? introspection_->data->find(key) : static_cast<json::Value*>(nullptr);
    if (value == nullptr) {
      result_.data += "null";
    } else {
      json::serializeTo(*value, result_.data);
    }
  }

  const graphql::Schema& schema_;
  const graphql::ast::Document& document_;
  const graphql::ast::OperationDefinition& operation_;
  const json::Value& variables_;
  ShapedResponse& result_;
  std::unordered_map<std::string_view, const graphql::ast::FragmentDefinition*> fragments_;
  std::vector<PathEntry> path_;
  std::optional<graphql::ExecutionResult> introspection_;
};

}  // namespace

StatusOr<const graphql::ast::OperationDefinition*> selectOperation(
    const graphql::ast::Document& document, std::string_view operation_name) {
  const graphql::ast::OperationDefinition* chosen = nullptr;
  for (const graphql::ast::Definition* definition : document.definitions) {
    const auto* operation = definition->as<graphql::ast::OperationDefinition>();
    if (operation == nullptr) continue;
    if (operation_name.empty()) {
      if (chosen != nullptr) {
        return Status::error("Must provide operation name if query contains multiple operations.");
      }
      chosen = operation;
    } else if (operation->name == operation_name) {
      return operation;
    }
  }
  if (chosen != nullptr) return chosen;
  if (!operation_name.empty()) {
    return Status::error("Unknown operation named \"" + std::string(operation_name) + "\".");
  }
  return Status::error("Must provide an operation.");
}

StatusOr<ShapedResponse> shapeResponse(const graphql::Schema& api_schema,
                                       const graphql::ast::Document& document,
                                       std::string_view operation_name,
                                       const json::Value& variables, const json::ArenaValue& data) {
  return shapeResponse(api_schema, document, operation_name, variables, data, std::string());
}

StatusOr<ShapedResponse> shapeResponse(const graphql::Schema& api_schema,
                                       const graphql::ast::Document& document,
                                       std::string_view operation_name,
                                       const json::Value& variables, const json::ArenaValue& data,
                                       std::string out) {
  StatusOr<const graphql::ast::OperationDefinition*> operation =
      selectOperation(document, operation_name);
  if (!operation.ok()) return operation.status();
  ShapedResponse result;
  result.data = std::move(out);
  Shaper(api_schema, document, **operation, variables, result).run(data);
  return result;
}

}  // namespace plexus::execution
