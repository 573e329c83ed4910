// Host objects: values of types the embedding application defines — Rhai's custom types with
// registered getters, setters, indexers and methods (Engine::register_type, register_get, …).
//
//   class Counter : public rhai::HostObject {
//    public:
//     std::string_view typeName() const override { return "Counter"; }
//     std::optional<rhai::Value> get(std::string_view name) override {
//       if (name == "count") return rhai::Value::integer(count_);
//       return std::nullopt;                      // no getter: the indexer is tried next
//     }
//     bool set(std::string_view name, rhai::Value& v) override {
//       if (name != "count") return false;        // no setter: the write-back is dropped
//       if (!v.is(rhai::Value::Type::kInt)) throw rhai::HostError{"count is an integer"};
//       count_ = v.asInt();
//       return true;
//     }
//    private:
//     int64_t count_ = 0;
//   };
//   scope.push("counter", rhai::Value::host(std::make_shared<Counter>()));
//   // script: counter.count += 1;
//
// Chains follow Rhai's rules (src/eval/chaining.rs): `obj.prop[i] = v`, `obj.prop.x += 1` and
// `obj.prop.method()` call the getter, change the copy it returns, then write it back with the
// setter — or the string indexer when there is no setter — and drop the write silently when
// neither exists. A property with no getter reads through the indexer (`obj["prop"]`).
//
// Ownership: a host object that keeps script values must not keep closures (function pointers
// with captured variables): a closure capturing the variable that holds the object would form a
// reference cycle through the object, which the interpreter cannot see and so never breaks.
//
// Value or handle: an object whose clone() returns a copy has value semantics (copies made by
// `let b = a` are independent, copy-on-write); one whose clone() returns nullptr is a handle
// that every copy shares (Apollo's Context). Methods run on the thread evaluating the script;
// an object reachable from several threads must synchronise itself.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plexus::rhai {

class Value;
using Array = std::vector<Value>;

// A runtime error raised by host code (Rhai's `Err("message".into())`): the script sees
// ErrorRuntime, displayed as "Runtime error: message (line L, position P)" at the call site —
// or "Runtime error (…)" when the message is empty — and catchable by `try`.
struct HostError {
  std::string message;
};

struct FnPtr;

// What a host method or registered function may do with the script that called it.
class CallContext {
 public:
  virtual ~CallContext() = default;
  // Calls a script function pointer or closure (e.g. a callback argument) in the calling
  // script's environment; its errors propagate as the script's own.
  virtual Value callFn(const Value& fn_ptr, std::vector<Value> args) = 0;
};

class HostObject {
 public:
  virtual ~HostObject() = default;
  // type_of(), and the parameter type in "Function not found: f (Type)".
  virtual std::string_view typeName() const = 0;
  // An independent copy (value semantics), or nullptr for a shared handle.
  virtual std::shared_ptr<HostObject> clone() const { return nullptr; }

  // `obj.name`; nullopt when no getter is registered.
  virtual std::optional<Value> get(std::string_view name);
  // `obj.name = value`; false when no setter is registered (and `value` untouched). A setter may
  // move from `value`.
  virtual bool set(std::string_view name, Value& value);
  // `obj[key]`; nullopt when no indexer is registered.
  virtual std::optional<Value> index(const Value& key);
  // `obj[key] = value`; false when no indexer setter is registered.
  virtual bool setIndex(const Value& key, Value value);
  // `obj.name(args…)` or `name(obj, args…)`; args exclude the object. nullopt when no method of
  // that name accepts these arguments (then the standard library is searched).
  virtual std::optional<Value> call(std::string_view name, std::span<Value> args,
                                    CallContext& context);
  // `==` / `!=` against `other` (either side); nullopt when no operator is registered.
  virtual std::optional<bool> equals(const Value& other) const;
  // `for x in obj`; nullopt when the type is not iterable.
  virtual std::optional<Array> items();
  // Fast paths for chains of plain properties rooted at this object (`obj.a.b[key]`,
  // `obj.a.b[key] = v`, `obj.a.m(args)`): the same effect as the general chain — each property
  // read through its getter, the copy changed, written back through the setters — without the
  // intermediate objects. nullopt / false: not handled (the general chain runs; nothing may
  // have changed).
  virtual std::optional<Value> indexPath(std::span<const std::string_view> path, const Value& key);
  virtual bool setIndexPath(std::span<const std::string_view> path, const Value& key, Value& value);
  virtual std::optional<Value> callPath(std::span<const std::string_view> path,
                                        std::string_view name, std::span<Value> args);
  // A count of this object's changes, for a type that can tell (kUnversioned otherwise): when a
  // chain through a property changed nothing (`obj.prop.contains(x)`), the setter's write-back
  // is skipped. A handle whose changes go straight to what it refers to may return a constant.
  static constexpr uint64_t kUnversioned = UINT64_MAX;
  virtual uint64_t version() const { return kUnversioned; }
  // to_string(), print and string interpolation; debug() is {:?}.
  virtual std::string display() const { return std::string(typeName()); }
  virtual std::string debug() const { return display(); }
};

}  // namespace plexus::rhai
