// Rhai fuzzer: any bytes must parse or fail with a syntax error; whatever parses is evaluated
// under tight limits (operations, call depth, data sizes; imports resolve nowhere) and must come
// back as a value or an EvalError, without crash, hang, leak or sanitizer report. The scope holds
// host objects (`obj`: a handle; `obj.child`: a value type; a registered function) so that
// property chains written back through setters, indexers, host methods calling script closures
// and host errors are fuzzed too.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "src/rhai/eval.h"
#include "src/rhai/parser.h"

namespace {

using namespace plexus::rhai;

// Whether `v` holds a function pointer (in nested arrays and maps).
bool holdsFnPtr(const Value& v) {
  if (v.is(Value::Type::kFnPtr)) return true;
  if (v.is(Value::Type::kArray)) {
    for (const Value& x : v.asArray()) {
      if (holdsFnPtr(x)) return true;
    }
  }
  if (v.is(Value::Type::kMap)) {
    for (const auto& [k, x] : v.asMap()) {
      if (holdsFnPtr(x)) return true;
    }
  }
  return false;
}

// Fields by name: read-write when the name starts with 'w', read-only otherwise; `child` is a
// nested object of the same kind (a copy), indexers on string keys (a missing key throws). Like
// the router's objects, it stores data, never closures: a closure kept by a host object that
// captured the variable holding it would be a cycle the interpreter cannot see (host.h).
class FuzzObject final : public HostObject {
 public:
  explicit FuzzObject(int depth, bool handle) : depth_(depth), handle_(handle) {
    fields_["w"] = Value::integer(1);
    fields_["r"] = Value::string("read-only");
    fields_["list"] = Value::array({Value::integer(1)});
  }
  std::string_view typeName() const override { return "FuzzObject"; }
  std::shared_ptr<HostObject> clone() const override {
    return handle_ ? nullptr : std::make_shared<FuzzObject>(*this);
  }
  std::optional<Value> get(std::string_view name) override {
    if (name == "child" && depth_ < 3) {
      if (!child_) child_ = std::make_shared<FuzzObject>(depth_ + 1, false);
      return Value::host(child_->clone());
    }
    auto it = fields_.find(name);
    if (it == fields_.end()) return std::nullopt;
    return it->second;
  }
  bool set(std::string_view name, Value& v) override {
    if (name == "child" && depth_ < 3 && v.is(Value::Type::kHost)) {
      auto* other = dynamic_cast<FuzzObject*>(&v.asHost());
      if (other == nullptr) throw HostError{"child must be a FuzzObject"};
      child_ = std::make_shared<FuzzObject>(*other);
      return true;
    }
    if (name.empty() || name[0] != 'w') return false;
    if (holdsFnPtr(v)) throw HostError{"a field cannot hold a function"};
    fields_[std::string(name)] = std::move(v);
    return true;
  }
  std::optional<Value> index(const Value& key) override {
    if (!key.is(Value::Type::kString)) return std::nullopt;
    auto it = fields_.find(key.asString());
    if (it == fields_.end()) throw HostError{};
    return it->second;
  }
  bool setIndex(const Value& key, Value v) override {
    if (!key.is(Value::Type::kString) || fields_.size() > 64) return false;
    if (holdsFnPtr(v)) throw HostError{"a field cannot hold a function"};
    fields_[key.asString()] = std::move(v);
    return true;
  }
  std::optional<Value> call(std::string_view name, std::span<Value> args,
                            CallContext& context) override {
    if (name == "apply" && args.size() == 2 && args[0].is(Value::Type::kString)) {
      Value& slot = fields_[args[0].asString()];
      Value result = context.callFn(args[1], {slot});
      if (holdsFnPtr(result)) throw HostError{"a field cannot hold a function"};
      slot = std::move(result);
      return Value();
    }
    if (name == "contains" && args.size() == 1)
      return Value::boolean(fields_.count(args[0].display()) != 0);
    return std::nullopt;
  }
  std::optional<bool> equals(const Value& other) const override {
    if (!other.is(Value::Type::kString)) return std::nullopt;
    return other.asString() == "obj";
  }
  std::optional<Array> items() override {
    Array out;
    for (const auto& [k, v] : fields_) out.push_back(Value::string(k));
    return out;
  }

 private:
  int depth_;
  bool handle_;
  std::map<std::string, Value, std::less<>> fields_;
  std::shared_ptr<FuzzObject> child_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexus::rhai;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ParseResult parsed = parse(text);
  if (!parsed.ok()) {
    (void)parsed.error().describe();
    return 0;
  }
  Engine engine(EngineOptions{.max_operations = 10'000,
                              .max_call_levels = 16,
                              .module_dir = "/nonexistent/plexus-rhai-fuzz",
                              .max_string_size = 4096,
                              .max_array_size = 1024,
                              .max_map_size = 1024});
  engine.setPrint([](std::string_view) {});
  engine.setDebug([](std::string_view) {});
  engine.registerFn("host::twice", [](CallContext& c, std::span<Value> a) -> std::optional<Value> {
    if (a.size() != 1) return std::nullopt;
    if (a[0].is(Value::Type::kFnPtr)) return c.callFn(a[0], {});
    if (a[0].isUnit()) throw HostError{"no unit"};
    return Value::array({a[0], a[0]});
  });
  auto compiled = engine.compile(std::string(text));
  if (compiled.index() != 0) {
    std::fprintf(stderr, "parse() accepted what compile() rejects\n");
    std::abort();
  }
  Scope scope;
  scope.push("obj", Value::host(std::make_shared<FuzzObject>(0, true)));
  EvalResult result = engine.run(*std::get<0>(compiled), scope);
  if (result.ok()) {
    (void)result.value().debug();
  } else {
    const EvalError& e = result.error();
    if (e.type.empty()) {
      std::fprintf(stderr, "error without a type: %s\n", e.describe().c_str());
      std::abort();
    }
    // ErrorParsing may come from the run itself (parse_json of bad text), never from compile:
    // that compile accepts what parse() accepts is checked above.
    (void)e.describe();
  }
  return 0;
}
