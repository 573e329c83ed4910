// json::Value: a JSON document tree with insertion-ordered objects (GraphQL responses keep the
// order of the selection set), plus a parser and a serializer.
//
//   auto v = json::parse(R"({"a": [1, 2.5, "x"]})");     // StatusOr<Value>
//   (*v)["b"] = json::Value(true);
//   std::string text = json::serialize(*v);               // {"a":[1,2.5,"x"],"b":true}
//
// A Value is a plain value type: copyable, movable, not thread-safe for concurrent mutation.
// Integers that fit int64 are kept exact; other numbers are doubles.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "src/common/status.h"

namespace plexus::json {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;

class Value {
 public:
  enum class Type : uint8_t { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

  Value() = default;
  Value(std::nullptr_t) {}                              // NOLINT(google-explicit-constructor)
  Value(bool b) : data_(b) {}                           // NOLINT(google-explicit-constructor)
  Value(int i) : data_(int64_t{i}) {}                   // NOLINT(google-explicit-constructor)
  Value(int64_t i) : data_(i) {}                        // NOLINT(google-explicit-constructor)
  Value(double d) : data_(d) {}                         // NOLINT(google-explicit-constructor)
  Value(std::string s) : data_(std::move(s)) {}         // NOLINT(google-explicit-constructor)
  Value(std::string_view s) : data_(std::string(s)) {}  // NOLINT(google-explicit-constructor)
  Value(const char* s) : data_(std::string(s)) {}       // NOLINT(google-explicit-constructor)
  Value(Array a) : data_(std::move(a)) {}               // NOLINT(google-explicit-constructor)
  Value(Object o) : data_(std::move(o)) {}              // NOLINT(google-explicit-constructor)

  static Value array() { return Value(Array{}); }
  static Value object() { return Value(Object{}); }

  Type type() const { return static_cast<Type>(data_.index()); }
  bool isNull() const { return type() == Type::kNull; }
  bool isBool() const { return type() == Type::kBool; }
  bool isInt() const { return type() == Type::kInt; }
  bool isDouble() const { return type() == Type::kDouble; }
  bool isNumber() const { return isInt() || isDouble(); }
  bool isString() const { return type() == Type::kString; }
  bool isArray() const { return type() == Type::kArray; }
  bool isObject() const { return type() == Type::kObject; }

  bool asBool() const { return std::get<bool>(data_); }
  int64_t asInt() const { return std::get<int64_t>(data_); }
  double asDouble() const {
    return isInt() ? static_cast<double>(asInt()) : std::get<double>(data_);
  }
  const std::string& asString() const { return std::get<std::string>(data_); }
  const Array& asArray() const { return std::get<Array>(data_); }
  Array& asArray() { return std::get<Array>(data_); }
  const Object& asObject() const { return std::get<Object>(data_); }
  Object& asObject() { return std::get<Object>(data_); }

  // Object access. find() returns null when absent or not an object; operator[] turns a null
  // value into an object and inserts the key at the end when absent.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  Value& operator[](std::string_view key);
  // Array append; turns a null value into an array.
  Value& push(Value v);

  // Numbers compare by value (1 == 1.0); objects member by member, in order.
  friend bool operator==(const Value& a, const Value& b);

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> data_;
};

// Parses RFC 8259 JSON, accepting what JSON.parse accepts: a repeated key keeps its first
// position and its last value; numbers beyond int64 become doubles (beyond double range, ±inf,
// which serialize() writes as null); a lone UTF-16 surrogate escape is kept as WTF-8 and written
// back as the same escape. Invalid UTF-8 is rejected. Nesting is limited to 1024 levels.
// Errors name the byte offset: "JSON parse error at byte 4: expected ',' or ']', found end of
// input".
StatusOr<Value> parse(std::string_view text);

struct SerializeOptions {
  int indent = 0;  // 0: compact; otherwise spaces per level (JSON.stringify(v, null, indent))
};
std::string serialize(const Value& value, SerializeOptions options = {});
void serializeTo(const Value& value, std::string& out, SerializeOptions options = {});
// Appends `text` as a JSON string literal with the escapes JSON.stringify uses.
void appendQuoted(std::string_view text, std::string& out);
// Appends `d` as JavaScript's String(d) writes it: shortest round-trip digits, "1e+21",
// "1.5e-7", "0.000001", "NaN", "Infinity". serialize() uses it for finite doubles.
void appendNumber(double d, std::string& out);

}  // namespace plexus::json
