#include "src/config/describe.h"

#include <charconv>
#include <regex>

#include "src/graphql/validation/suggestions.h"

namespace plexus::config::describe {

std::string joinPath(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return std::string(path) + "." + std::string(key);
}

std::string indexPath(std::string_view path, size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

ReadContext::ReadContext(std::string_view source_name, const ExpansionContext& expansion)
    : source_name_(source_name), expansion_(expansion) {}

void ReadContext::error(const YamlNode& at, std::string_view path, std::string_view message) {
  std::string line = source_name_;
  if (at.line > 0) line += ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
  line += ": ";
  if (!path.empty()) line += std::string(path) + ": ";
  line += message;
  errors_.push_back(std::move(line));
}

std::optional<std::string> ReadContext::scalar(const YamlNode& node, std::string_view path,
                                               std::string_view expected, bool* literal) {
  if (!node.isScalar()) {
    error(node, path, "expected " + std::string(expected) + ", found " + node.describe());
    return std::nullopt;
  }
  bool expanded = false;
  StatusOr<std::string> text = expand(node.text, expansion_, &expanded);
  if (!text.ok()) {
    error(node, path, text.status().message());
    return std::nullopt;
  }
  if (literal) *literal = node.quoted && !expanded;
  return std::move(*text);
}

void Checker::error(std::string_view key_path, std::string_view message) {
  // Walk "a.b[2].c" as far as the file has it, to point at the closest node.
  const YamlNode* at = &node_;
  size_t i = 0;
  while (i < key_path.size() && at) {
    if (key_path[i] == '.') {
      ++i;
    } else if (key_path[i] == '[') {
      size_t close = key_path.find(']', i);
      size_t index = 0;
      std::from_chars(key_path.data() + i + 1, key_path.data() + close, index);
      const YamlNode* next =
          at->isSequence() && index < at->items.size() ? &at->items[index] : nullptr;
      if (!next) break;
      at = next;
      i = close == std::string_view::npos ? key_path.size() : close + 1;
    } else {
      size_t end = key_path.find_first_of(".[", i);
      if (end == std::string_view::npos) end = key_path.size();
      const YamlNode* next = at->find(key_path.substr(i, end - i));
      if (!next) break;
      at = next;
      i = end;
    }
  }
  context_.error(*at, joinPath(path_, key_path), message);
}

Type<bool> boolean() {
  json::Value schema = json::Value::object();
  schema["type"] = "boolean";
  return scalar<bool>(
      "a boolean", std::move(schema),
      [](const Scalar& s) -> StatusOr<bool> {
        if (!s.literal) {
          if (s.text == "true" || s.text == "True" || s.text == "TRUE") return true;
          if (s.text == "false" || s.text == "False" || s.text == "FALSE") return false;
        }
        return Status::error("expected a boolean (true or false), found " + s.found);
      },
      [](const bool& value) { return json::Value(value); });
}

Type<std::string> string() {
  json::Value schema = json::Value::object();
  schema["type"] = "string";
  return scalar<std::string>(
      "a string", std::move(schema),
      [](const Scalar& s) -> StatusOr<std::string> { return s.text; },
      [](const std::string& value) { return json::Value(value); });
}

Type<std::string> enumeration(std::vector<std::string> values) {
  std::string expected;
  json::Value schema = json::Value::object();
  schema["type"] = "string";
  json::Value& allowed = schema["enum"];
  allowed = json::Value::array();
  if (values.size() > 2) expected = "one of ";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) expected += values.size() == 2 ? " or " : ", ";
    expected += "\"" + values[i] + "\"";
    allowed.push(values[i]);
  }
  return scalar<std::string>(
      expected, std::move(schema),
      [values, expected](const Scalar& s) -> StatusOr<std::string> {
        for (const std::string& value : values) {
          if (s.text == value) return value;
        }
        return Status::error("expected " + expected + ", found \"" + s.text + "\"");
      },
      [](const std::string& value) { return json::Value(value); });
}

Type<std::string> regex() {
  json::Value schema = json::Value::object();
  schema["type"] = "string";
  schema["format"] = "regex";
  return scalar<std::string>(
      "a regular expression", std::move(schema),
      [](const Scalar& s) -> StatusOr<std::string> {
        try {
          std::regex compiled(s.text, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
          return Status::error("invalid regular expression \"" + s.text + "\": " + e.what());
        }
        return s.text;
      },
      [](const std::string& value) { return json::Value(value); });
}

Type<std::chrono::milliseconds> duration() {
  json::Value schema = json::Value::object();
  schema["type"] = "string";
  return scalar<std::chrono::milliseconds>(
      "a duration", std::move(schema), [](const Scalar& s) { return parseDuration(s.text); },
      [](const std::chrono::milliseconds& value) { return json::Value(formatDuration(value)); });
}

Type<ListenAddress> listenAddress() {
  json::Value schema = json::Value::object();
  schema["type"] = "string";
  return scalar<ListenAddress>(
      "a listen address", std::move(schema),
      [](const Scalar& s) { return parseListenAddress(s.text); },
      [](const ListenAddress& value) { return json::Value(formatListenAddress(value)); });
}

Type<uint64_t> unsignedInteger(uint64_t min, uint64_t max) {
  std::string expected = min == 0   ? "a non-negative integer"
                         : min == 1 ? "a positive integer"
                                    : "an integer of at least " + std::to_string(min);
  json::Value schema = json::Value::object();
  schema["type"] = "integer";
  schema["minimum"] = detail::unsignedJson(min);
  if (max != std::numeric_limits<uint64_t>::max()) schema["maximum"] = detail::unsignedJson(max);
  return scalar<uint64_t>(
      expected, std::move(schema),
      [expected, min, max](const Scalar& s) -> StatusOr<uint64_t> {
        uint64_t value = 0;
        const char* end = s.text.data() + s.text.size();
        auto [stop, ec] = std::from_chars(s.text.data(), end, value);
        if (s.literal || s.text.empty() || ec != std::errc() || stop != end ||
            (value < min && min <= 1)) {
          return Status::error("expected " + expected + ", found " + s.found);
        }
        if (value < min) return Status::error("must be at least " + std::to_string(min));
        if (value > max) return Status::error("must be at most " + std::to_string(max));
        return value;
      },
      [](const uint64_t& value) { return detail::unsignedJson(value); });
}

namespace detail {

bool readMapping(const YamlNode& node, const std::string& path, ReadContext& context,
                 const std::vector<std::string>& names, const std::vector<std::string>& ignored,
                 const std::function<void(size_t, const YamlNode&, const std::string&)>& visit) {
  return readEntries(
      node, path, context,
      [&](const YamlNode& key, const YamlNode& value, const std::string& entry_path) {
        for (size_t i = 0; i < names.size(); ++i) {
          if (names[i] == key.text) return visit(i, value, entry_path);
        }
        for (const std::string& name : ignored) {
          if (name == key.text) return context.ignore(entry_path);
        }
        std::vector<std::string_view> all(names.begin(), names.end());
        all.insert(all.end(), ignored.begin(), ignored.end());
        std::string message = "unknown key;";
        std::vector<std::string_view> close = graphql::validation::suggestionList(key.text, all);
        if (!close.empty()) message += " did you mean \"" + std::string(close[0]) + "\"?";
        message += " expected one of: ";
        for (size_t i = 0; i < all.size(); ++i) {
          message += (i > 0 ? ", " : "") + std::string(all[i]);
        }
        context.error(key, entry_path, message);
      });
}

bool readEntries(
    const YamlNode& node, const std::string& path, ReadContext& context,
    const std::function<void(const YamlNode&, const YamlNode&, const std::string&)>& visit) {
  if (node.isNull()) return true;
  if (!node.isMapping()) {
    context.error(node, path, "expected a mapping, found " + node.describe());
    return false;
  }
  for (const YamlNode::Entry& entry : node.entries) {
    if (!entry.key.isScalar()) {
      context.error(entry.key, path, "keys must be strings");
      continue;
    }
    visit(entry.key, entry.value, joinPath(path, entry.key.text));
  }
  return true;
}

json::Value objectSchema(const std::string& doc, json::Value properties,
                         const std::vector<std::string>& required) {
  json::Value schema = json::Value::object();
  if (!doc.empty()) schema["description"] = doc;
  schema["type"] = "object";
  schema["properties"] = std::move(properties);
  if (!required.empty()) {
    json::Value& names = schema["required"];
    names = json::Value::array();
    for (const std::string& name : required) names.push(name);
  }
  schema["additionalProperties"] = false;
  return schema;
}

json::Value ignoredKeySchema() {
  json::Value schema = json::Value::object();
  schema["description"] =
      "Apollo Router key: accepted and listed as ignored; not implemented by Plexus yet";
  return schema;
}

json::Value fieldSchema(const std::string& doc, json::Value type_schema,
                        json::Value default_value) {
  json::Value schema = json::Value::object();
  if (!doc.empty()) schema["description"] = doc;
  if (!default_value.isNull()) schema["default"] = std::move(default_value);
  if (type_schema.isObject()) {
    for (auto& [key, value] : type_schema.asObject()) {
      if (key == "description" && !doc.empty()) continue;
      schema[key] = std::move(value);
    }
  }
  return schema;
}

json::Value nullable(json::Value schema) {
  if (json::Value* type = schema.find("type"); type && type->isString()) {
    json::Value both = json::Value::array();
    both.push(*type);
    both.push("null");
    *type = std::move(both);
    if (json::Value* values = schema.find("enum"); values && values->isArray()) {
      values->push(nullptr);
    }
    return schema;
  }
  json::Value null_type = json::Value::object();
  null_type["type"] = "null";
  json::Value wrapped = json::Value::object();
  if (json::Value* doc = schema.find("description")) wrapped["description"] = *doc;
  json::Value& any_of = wrapped["anyOf"];
  any_of = json::Value::array();
  any_of.push(std::move(schema));
  any_of.push(std::move(null_type));
  return wrapped;
}

json::Value unsignedJson(uint64_t value) {
  if (value <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return json::Value(static_cast<int64_t>(value));
  }
  return json::Value(static_cast<double>(value));
}

json::Value schemaDocument(json::Value schema, std::string_view title) {
  json::Value document = json::Value::object();
  document["$schema"] = "http://json-schema.org/draft-07/schema#";
  if (!title.empty()) document["title"] = title;
  if (schema.isObject()) {
    for (auto& [key, value] : schema.asObject()) document[key] = std::move(value);
  }
  return document;
}

bool readScalar(const YamlNode& node, const std::string& path, ReadContext& context,
                const std::string& expected, Scalar& out) {
  bool literal = false;
  std::optional<std::string> text = context.scalar(node, path, expected, &literal);
  if (!text) return false;
  out = Scalar{std::move(*text), literal, node.describe()};
  return true;
}

}  // namespace detail

}  // namespace plexus::config::describe
