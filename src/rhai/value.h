// Rhai's Dynamic (Rhai 1.23.6 src/types/dynamic.rs): the value type of the evaluator.
// Strings, arrays, maps and function pointers are shared and copy-on-write, so copying a Value
// is cheap and assignment has value semantics, as in Rhai.
//
//   Value v = Value::string("abc");
//   v.typeName();  // "string"
//   v.debug();     // "\"abc\""   ({:?})
//   v.display();   // "abc"       (to_string / print)
//
// Not thread-safe for writing: copies share storage until one of them is mutated.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "src/common/utf8.h"
#include "src/rhai/host.h"

namespace plexus::rhai {

class Value;
using Array = std::vector<Value>;
using Map = std::map<std::string, Value, std::less<>>;

// A function pointer: a function name, curried arguments and, for closures, captured variables
// shared with the scope that created them.
struct FnPtr {
  std::string name;
  std::vector<Value> curry;
  std::vector<std::pair<std::string, std::shared_ptr<Value>>> captures;
};

struct RangeValue {
  int64_t start = 0;
  int64_t end = 0;
  bool inclusive = false;
};

struct TimestampValue {
  std::chrono::steady_clock::time_point at;
};

class Value {
 public:
  enum class Type : uint8_t {
    kUnit,
    kBool,
    kInt,
    kFloat,
    kChar,
    kString,
    kArray,
    kMap,
    kFnPtr,
    kRange,
    kTimestamp,
    kHost  // a HostObject (src/rhai/host.h)
  };

  Value() = default;
  static Value boolean(bool b) { return Value(b); }
  static Value integer(int64_t i) { return Value(i); }
  static Value real(double d) { return Value(d); }
  static Value character(char32_t c) { return Value(c); }
  static Value string(std::string s) { return Value(std::make_shared<std::string>(std::move(s))); }
  static Value array(Array a) { return Value(std::make_shared<Array>(std::move(a))); }
  static Value map(Map m) { return Value(std::make_shared<Map>(std::move(m))); }
  static Value fnPtr(FnPtr f) { return Value(std::make_shared<FnPtr>(std::move(f))); }
  static Value range(int64_t start, int64_t end, bool inclusive) {
    return Value(RangeValue{start, end, inclusive});
  }
  static Value timestamp(
      std::chrono::steady_clock::time_point at = std::chrono::steady_clock::now()) {
    return Value(TimestampValue{at});
  }

  static Value host(std::shared_ptr<HostObject> object) { return Value(std::move(object)); }

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is(Type t) const { return type() == t; }
  bool isUnit() const { return is(Type::kUnit); }

  bool asBool() const { return std::get<bool>(v_); }
  int64_t asInt() const { return std::get<int64_t>(v_); }
  double asFloat() const { return std::get<double>(v_); }
  char32_t asChar() const { return std::get<char32_t>(v_); }
  const std::string& asString() const { return *std::get<std::shared_ptr<std::string>>(v_); }
  const Array& asArray() const { return *std::get<std::shared_ptr<Array>>(v_); }
  const Map& asMap() const { return *std::get<std::shared_ptr<Map>>(v_); }
  const FnPtr& asFnPtr() const { return *std::get<std::shared_ptr<FnPtr>>(v_); }
  const RangeValue& asRange() const { return std::get<RangeValue>(v_); }
  const TimestampValue& asTimestamp() const { return std::get<TimestampValue>(v_); }
  HostObject& asHost() const { return *std::get<std::shared_ptr<HostObject>>(v_); }
  // True when this value is the only reference to its host object (a setter may then move out
  // of it instead of copying).
  bool hostIsUnique() const { return std::get<std::shared_ptr<HostObject>>(v_).use_count() == 1; }
  // The host object, for a call that may change it: a shared value-type object is cloned first.
  HostObject& mutHost();
  // Mutable access; unshares the storage first (copy-on-write).
  std::string& mutString() { return unshare<std::string>(); }
  Array& mutArray() { return unshare<Array>(); }
  Map& mutMap() { return unshare<Map>(); }
  FnPtr& mutFnPtr() { return unshare<FnPtr>(); }

  // Rhai's type_of: "i64", "f64", "string", "char", "bool", "()", "array", "map", "Fn", ...
  std::string_view typeName() const;
  // The parameter type name used in `Function not found: f (i64, ...)`.
  std::string_view paramTypeName() const;
  std::string debug() const;    // {:?}
  std::string display() const;  // to_string

 private:
  template <typename T>
  explicit Value(T v) : v_(std::move(v)) {}
  template <typename T>
  T& unshare() {
    auto& p = std::get<std::shared_ptr<T>>(v_);
    if (p.use_count() > 1) p = std::make_shared<T>(*p);
    return *p;
  }

  std::variant<std::monostate, bool, int64_t, double, char32_t, std::shared_ptr<std::string>,
               std::shared_ptr<Array>, std::shared_ptr<Map>, std::shared_ptr<FnPtr>, RangeValue,
               TimestampValue, std::shared_ptr<HostObject>>
      v_;
};

// Rust's `{:?}` of an f64 ("1.0", "3.5", "1e20").
std::string formatFloat(double d);
// Rust's `{:?}` of a str (quoted, escaped).
std::string debugString(std::string_view s);
std::u32string decodeUtf8(std::string_view s);

}  // namespace plexus::rhai
