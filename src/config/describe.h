// Configuration described once: from one description of a struct's keys come its YAML reader
// (errors naming path, line and column; unknown keys with "did you mean"; Apollo keys accepted but
// not implemented recorded as ignored) and its JSON Schema fragment (draft-07, as Apollo Router's
// `router config schema`). router.yaml's sections are described with it, and so is every plugin's
// configuration.
//
//   struct RetryConfig { bool enabled = true; uint32_t attempts = 3; std::chrono::milliseconds
//                        backoff{100}; std::vector<std::string> methods; };
//
//   describe::Type<RetryConfig> retryConfigType() {
//     using namespace describe;
//     return Object<RetryConfig>("Retries of failed subgraph requests")
//         .field("enabled", &RetryConfig::enabled, boolean(), "Retries at all")
//         .field("attempts", &RetryConfig::attempts, integer<uint32_t>(1, 10), "Tries in all")
//         .field("backoff", &RetryConfig::backoff, duration(), "Wait before a retry")
//         .field("methods", &RetryConfig::methods, listOf(enumeration({"GET", "POST"})), "…")
//         .ignored({"experimental_jitter"})     // Apollo's key, accepted and listed as ignored
//         .check([](const RetryConfig& c, Checker& checker) {
//           if (c.attempts > 1 && !c.enabled) checker.error("attempts", "needs `enabled: true`");
//         })
//         .type();
//   }
//   StatusOr<RetryConfig> config = describe::parse(retryConfigType(), yaml_text, "retry.yaml");
//   json::Value schema = describe::jsonSchema(retryConfigType());
//
// A Type<T> reads a YAML node into a T that already holds the default: absent keys keep it. Types
// compose: Object fields take any Type, listOf/mapOf/optional wrap one, and an Object's type() is
// a Type. Descriptions are immutable values, safe to share across threads once built; a
// ReadContext belongs to one read.
#pragma once

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/common/status.h"
#include "src/config/expansion.h"
#include "src/config/values.h"
#include "src/config/yaml_tree.h"
#include "src/json/value.h"

namespace plexus::config::describe {

// "a.b" from "a" and "b"; "b" from "" and "b". indexPath("a", 2) is "a[2]".
std::string joinPath(std::string_view path, std::string_view key);
std::string indexPath(std::string_view path, size_t index);

// Collects the errors and ignored keys of one read, and expands `${…}` in scalar values.
class ReadContext {
 public:
  ReadContext(std::string_view source_name, const ExpansionContext& expansion);

  // "router.yaml:4:3: supergraph.lisen: unknown key; …"
  void error(const YamlNode& at, std::string_view path, std::string_view message);
  // An Apollo key accepted but not acted on, as its YAML path.
  void ignore(std::string path) { ignored_.push_back(std::move(path)); }

  // A scalar's text after expansion; nullopt (and an error "expected <expected>, found …") for a
  // mapping, a sequence or null, or when the expansion fails. `literal` is set when the scalar was
  // quoted and nothing was expanded: a string for YAML, not a boolean or a number.
  std::optional<std::string> scalar(const YamlNode& node, std::string_view path,
                                    std::string_view expected, bool* literal = nullptr);

  size_t errorCount() const { return errors_.size(); }
  const std::string& sourceName() const { return source_name_; }
  const ExpansionContext& expansion() const { return expansion_; }
  const std::vector<std::string>& errors() const { return errors_; }
  std::vector<std::string>& ignored() { return ignored_; }

 private:
  std::string source_name_;
  const ExpansionContext& expansion_;
  std::vector<std::string> errors_;
  std::vector<std::string> ignored_;
};

// How one kind of value is read from YAML and shown in the JSON Schema.
template <typename T>
struct Type {
  // Reads `node` at `path` into `value`, which holds the default beforehand; reports problems to
  // `context`. A scalar type leaves `value` unchanged on error.
  std::function<void(const YamlNode& node, const std::string& path, ReadContext& context, T& value)>
      read;
  // The schema fragment ("type", "enum", "properties", …) for a value whose default is
  // `*defaults` (null: the type's own defaults, as for a list item).
  std::function<json::Value(const T* defaults)> schema;
  // `value` as JSON, for "default" in the schema; null shows no default.
  std::function<json::Value(const T& value)> to_json;
  // The value a new list item, map entry or set optional starts from.
  std::function<T()> fresh = [] { return T{}; };
  // Whether a field of this type shows "default" (objects show their fields' defaults instead).
  bool shows_default = true;
};

// A scalar as a parse function sees it.
struct Scalar {
  std::string text;   // after `${…}` expansion
  bool literal;       // quoted and nothing expanded: a string, never a boolean or a number
  std::string found;  // the node as messages show it: "\"maybe\""
};

// A scalar type from a parse function. `expected` names it in "expected …, found …" for a
// non-scalar ("a duration"); `schema` is its schema fragment.
template <typename T>
Type<T> scalar(std::string expected, json::Value schema,
               std::function<StatusOr<T>(const Scalar&)> parse,
               std::function<json::Value(const T&)> to_json);

Type<bool> boolean();                                            // true / false, unquoted
Type<std::string> string();                                      // any scalar but null
Type<std::string> enumeration(std::vector<std::string> values);  // one of `values`
Type<std::string> regex();  // an ECMAScript regular expression, compiled at load to check it
Type<std::chrono::milliseconds> duration();  // humantime: "30s", "500ms", "1m 30s"
Type<ListenAddress> listenAddress();         // host:port, [ipv6]:port or a Unix socket path
Type<uint64_t> unsignedInteger(uint64_t min, uint64_t max);

// An unsigned integer within [min, max]; errors "expected a positive integer" (min 1),
// "must be at most 4294967295".
template <std::unsigned_integral U>
Type<U> integer(U min = 0, U max = std::numeric_limits<U>::max());

// `type` with a check of the value read: `problem` returns the error message, or nullopt.
template <typename T>
Type<T> validated(Type<T> type, std::function<std::optional<std::string>(const T&)> problem);

template <typename T>
Type<std::vector<T>> listOf(Type<T> item);  // a YAML sequence; null is an error

template <typename T>
Type<std::map<std::string, T, std::less<>>> mapOf(Type<T> value);  // keys are free; null: {}

template <typename T>
Type<std::optional<T>> optional(Type<T> type);  // absent or null: nullopt

// Reports errors of cross-key checks (Object::check) at a key of the object being checked.
class Checker {
 public:
  Checker(const YamlNode& node, std::string path, ReadContext& context)
      : node_(node), path_(std::move(path)), context_(context) {}
  // `key_path` is relative to the object ("enabled", "policies[0].origins"); the error is
  // positioned at that key's value when the file has it, else at the object.
  void error(std::string_view key_path, std::string_view message);

 private:
  const YamlNode& node_;
  std::string path_;
  ReadContext& context_;
};

// An accessor for a key whose sub-keys fill the same struct:
// Object<ServerConfig>(…).field("http", itself, httpKeys, …).
inline constexpr auto itself = [](auto& value) -> auto& { return value; };

// A YAML mapping read into a struct T, field by field. Unknown keys are errors; `ignored` keys
// are accepted and recorded. `prototype` is where a new T (a list item, a map value) starts.
template <typename T>
class Object {
 public:
  explicit Object(std::string doc, T prototype = T{}) {
    data_.doc = std::move(doc);
    data_.prototype = std::move(prototype);
  }

  // A key read into `access(T&)`: a member pointer (&T::member) or a callable returning M&.
  template <typename M, typename Access>
  Object& field(std::string name, Access access, Type<M> type, std::string doc);
  // The field declared last must be present.
  Object& required();
  // Apollo Router keys accepted and recorded in ignored_sections, not acted on yet.
  Object& ignored(std::vector<std::string> names);
  // Runs after the keys are read (even when some had errors).
  Object& check(std::function<void(const T&, Checker&)> check);

  Type<T> type() const;

 private:
  struct Field {
    std::string name;
    bool required = false;
    std::function<void(const YamlNode&, const std::string&, ReadContext&, T&)> read;
    std::function<json::Value(const T&)> schema;  // with "description" and "default"
    std::function<json::Value(const T&)> to_json;
  };
  struct Data {
    std::string doc;
    T prototype;
    std::vector<Field> fields;
    std::vector<std::string> ignored;
    std::vector<std::function<void(const T&, Checker&)>> checks;
  };
  Data data_;
};

// Whole reads: a YAML text, or a node of a larger document (a plugin's section of router.yaml).
template <typename T>
StatusOr<T> parse(const Type<T>& type, std::string_view yaml, std::string_view source_name,
                  const ExpansionContext& expansion = ExpansionContext::fromProcess(),
                  std::vector<std::string>* ignored = nullptr);

// A standalone draft-07 schema document for `type`.
template <typename T>
json::Value jsonSchema(const Type<T>& type, std::string_view title = "");

// ---- Building blocks of the templates below (describe.cc) ----

namespace detail {
// Visits the entries of a mapping (null: none): visit(index into `names`, value, path) for known
// keys; `ignored` keys are recorded; other keys are errors with "did you mean". False (and an
// error) when `node` is not a mapping.
bool readMapping(const YamlNode& node, const std::string& path, ReadContext& context,
                 const std::vector<std::string>& names, const std::vector<std::string>& ignored,
                 const std::function<void(size_t, const YamlNode&, const std::string&)>& visit);
// visit(key, value, path) for each entry of a mapping; null has none; false (and an error) when
// `node` is not a mapping. Keys that are not scalars are errors.
bool readEntries(
    const YamlNode& node, const std::string& path, ReadContext& context,
    const std::function<void(const YamlNode&, const YamlNode&, const std::string&)>& visit);
json::Value objectSchema(const std::string& doc, json::Value properties,
                         const std::vector<std::string>& required);
json::Value ignoredKeySchema();
json::Value fieldSchema(const std::string& doc, json::Value type_schema, json::Value default_value);
json::Value nullable(json::Value schema);
json::Value unsignedJson(uint64_t value);
json::Value schemaDocument(json::Value schema, std::string_view title);
// Fills `out` from a scalar node; false after an error.
bool readScalar(const YamlNode& node, const std::string& path, ReadContext& context,
                const std::string& expected, Scalar& out);
}  // namespace detail

template <typename T>
Type<T> scalar(std::string expected, json::Value schema,
               std::function<StatusOr<T>(const Scalar&)> parse,
               std::function<json::Value(const T&)> to_json) {
  Type<T> type;
  type.read = [expected, parse](const YamlNode& node, const std::string& path, ReadContext& context,
                                T& value) {
    Scalar text;
    if (!detail::readScalar(node, path, context, expected, text)) return;
    StatusOr<T> parsed = parse(text);
    if (parsed.ok()) {
      value = std::move(*parsed);
    } else {
      context.error(node, path, parsed.status().message());
    }
  };
  type.schema = [schema](const T*) { return schema; };
  type.to_json = std::move(to_json);
  return type;
}

template <std::unsigned_integral U>
Type<U> integer(U min, U max) {
  Type<uint64_t> wide = unsignedInteger(min, max);
  Type<U> type;
  type.read = [wide](const YamlNode& node, const std::string& path, ReadContext& context,
                     U& value) {
    uint64_t read = value;
    wide.read(node, path, context, read);
    value = static_cast<U>(read);  // within [min, max] or unchanged
  };
  type.schema = [wide](const U*) { return wide.schema(nullptr); };
  type.to_json = [](const U& value) { return detail::unsignedJson(value); };
  return type;
}

template <typename T>
Type<T> validated(Type<T> type, std::function<std::optional<std::string>(const T&)> problem) {
  Type<T> out = type;
  out.read = [type, problem](const YamlNode& node, const std::string& path, ReadContext& context,
                             T& value) {
    T candidate = value;
    size_t errors = context.errorCount();
    type.read(node, path, context, candidate);
    if (context.errorCount() != errors) return;
    if (std::optional<std::string> message = problem(candidate)) {
      context.error(node, path, *message);
      return;
    }
    value = std::move(candidate);
  };
  return out;
}

template <typename T>
Type<std::vector<T>> listOf(Type<T> item) {
  Type<std::vector<T>> type;
  type.read = [item](const YamlNode& node, const std::string& path, ReadContext& context,
                     std::vector<T>& value) {
    if (!node.isSequence()) {
      context.error(node, path, "expected a sequence, found " + node.describe());
      return;
    }
    value.clear();
    for (size_t i = 0; i < node.items.size(); ++i) {
      T element = item.fresh();
      item.read(node.items[i], indexPath(path, i), context, element);
      value.push_back(std::move(element));
    }
  };
  type.schema = [item](const std::vector<T>*) {
    json::Value schema = json::Value::object();
    schema["type"] = "array";
    schema["items"] = item.schema(nullptr);
    return schema;
  };
  type.to_json = [item](const std::vector<T>& value) {
    json::Value array = json::Value::array();
    for (const T& element : value) array.push(item.to_json(element));
    return array;
  };
  return type;
}

template <typename T>
Type<std::map<std::string, T, std::less<>>> mapOf(Type<T> value_type) {
  using Map = std::map<std::string, T, std::less<>>;
  Type<Map> type;
  type.read = [value_type](const YamlNode& node, const std::string& path, ReadContext& context,
                           Map& value) {
    detail::readEntries(
        node, path, context,
        [&](const YamlNode& key, const YamlNode& entry, const std::string& entry_path) {
          T element = value_type.fresh();
          value_type.read(entry, entry_path, context, element);
          value.insert_or_assign(key.text, std::move(element));
        });
  };
  type.schema = [value_type](const Map*) {
    json::Value schema = json::Value::object();
    schema["type"] = "object";
    schema["additionalProperties"] = value_type.schema(nullptr);
    return schema;
  };
  type.to_json = [value_type](const Map& value) {
    json::Value object = json::Value::object();
    for (const auto& [key, element] : value) object[key] = value_type.to_json(element);
    return object;
  };
  return type;
}

template <typename T>
Type<std::optional<T>> optional(Type<T> inner) {
  Type<std::optional<T>> type;
  type.read = [inner](const YamlNode& node, const std::string& path, ReadContext& context,
                      std::optional<T>& value) {
    if (node.isNull()) {
      value.reset();
      return;
    }
    T element = value ? *value : inner.fresh();
    size_t errors = context.errorCount();
    inner.read(node, path, context, element);
    if (context.errorCount() == errors) value = std::move(element);
  };
  type.schema = [inner](const std::optional<T>* defaults) {
    return detail::nullable(inner.schema(defaults && *defaults ? &**defaults : nullptr));
  };
  type.to_json = [inner](const std::optional<T>& value) {
    return value ? inner.to_json(*value) : json::Value();
  };
  type.shows_default = inner.shows_default;
  return type;
}

template <typename T>
template <typename M, typename Access>
Object<T>& Object<T>::field(std::string name, Access access, Type<M> type, std::string doc) {
  Field field;
  field.name = name;
  field.read = [access, type](const YamlNode& node, const std::string& path, ReadContext& context,
                              T& value) {
    type.read(node, path, context, std::invoke(access, value));
  };
  field.schema = [access, type, doc](const T& defaults) {
    T copy = defaults;
    const M& value = std::invoke(access, copy);
    return detail::fieldSchema(doc, type.schema(&value),
                               type.shows_default ? type.to_json(value) : json::Value());
  };
  field.to_json = [access, type](const T& value) {
    T copy = value;
    return type.to_json(std::invoke(access, copy));
  };
  data_.fields.push_back(std::move(field));
  return *this;
}

template <typename T>
Object<T>& Object<T>::required() {
  data_.fields.back().required = true;
  return *this;
}

template <typename T>
Object<T>& Object<T>::ignored(std::vector<std::string> names) {
  for (std::string& name : names) data_.ignored.push_back(std::move(name));
  return *this;
}

template <typename T>
Object<T>& Object<T>::check(std::function<void(const T&, Checker&)> check) {
  data_.checks.push_back(std::move(check));
  return *this;
}

template <typename T>
Type<T> Object<T>::type() const {
  auto data = std::make_shared<const Data>(data_);
  auto names = std::make_shared<std::vector<std::string>>();
  for (const Field& field : data->fields) names->push_back(field.name);
  Type<T> type;
  type.read = [data, names](const YamlNode& node, const std::string& path, ReadContext& context,
                            T& value) {
    std::vector<bool> seen(data->fields.size());
    bool mapping = detail::readMapping(
        node, path, context, *names, data->ignored,
        [&](size_t index, const YamlNode& entry, const std::string& entry_path) {
          seen[index] = true;
          data->fields[index].read(entry, entry_path, context, value);
        });
    if (!mapping) return;
    for (size_t i = 0; i < data->fields.size(); ++i) {
      if (data->fields[i].required && !seen[i]) {
        context.error(node, path, "missing required key \"" + data->fields[i].name + "\"");
      }
    }
    Checker checker(node, path, context);
    for (const auto& check : data->checks) check(value, checker);
  };
  type.schema = [data](const T* defaults) {
    const T& base = defaults ? *defaults : data->prototype;
    json::Value properties = json::Value::object();
    std::vector<std::string> required;
    for (const Field& field : data->fields) {
      properties[field.name] = field.schema(base);
      if (field.required) {
        required.push_back(field.name);
        std::erase_if(properties[field.name].asObject(),
                      [](const json::Member& member) { return member.first == "default"; });
      }
    }
    for (const std::string& name : data->ignored) properties[name] = detail::ignoredKeySchema();
    return detail::objectSchema(data->doc, std::move(properties), required);
  };
  type.to_json = [data](const T& value) {
    json::Value object = json::Value::object();
    for (const Field& field : data->fields) object[field.name] = field.to_json(value);
    return object;
  };
  type.fresh = [data] { return data->prototype; };
  type.shows_default = false;
  return type;
}

template <typename T>
StatusOr<T> parse(const Type<T>& type, std::string_view yaml, std::string_view source_name,
                  const ExpansionContext& expansion, std::vector<std::string>* ignored) {
  StatusOr<YamlNode> root = parseYaml(yaml, source_name);
  if (!root.ok()) return root.status();
  ReadContext context(source_name, expansion);
  T value = type.fresh();
  type.read(*root, "", context, value);
  if (context.errorCount() > 0) return joinErrors(context.errors());
  if (ignored) *ignored = std::move(context.ignored());
  return value;
}

template <typename T>
json::Value jsonSchema(const Type<T>& type, std::string_view title) {
  return detail::schemaDocument(type.schema(nullptr), title);
}

}  // namespace plexus::config::describe
