// Rhai evaluator (Rhai 1.23.6 src/eval/*.rs): runs a parsed script with a tree-walking
// interpreter and a core standard library. Knows nothing of HTTP or GraphQL.
//
//   rhai::Engine engine;
//   engine.setPrint([](std::string_view line) { std::cout << line << '\n'; });
//   rhai::EvalResult r = engine.eval("let x = 40; x + 2");
//   if (r.ok()) r.value().debug();  // "42"
//   else r.error().describe();      // "Variable not found: x (line 1, position 1)"
//
// Embedding (Rhai's Engine / AST / Scope API): compile once, run or call many times, from any
// number of threads at once — a Program is immutable and an Engine is read-only once set up:
//
//   rhai::Engine engine;
//   engine.registerFn("greet", [](rhai::CallContext&, std::span<rhai::Value> a)
//       -> std::optional<rhai::Value> {
//     if (a.size() != 1 || !a[0].is(rhai::Value::Type::kString)) return std::nullopt;
//     return rhai::Value::string("hello " + a[0].asString());
//   });
//   auto program = engine.compile("fn hook(x) { greet(x) }", "main.rhai");   // or an EvalError
//   rhai::Scope scope;
//   scope.pushConstant("limit", rhai::Value::integer(10));
//   rhai::EvalResult r = engine.call(*std::get<0>(program), scope, "hook",
//   {rhai::Value::string("a")});
//
// Errors never escape as C++ exceptions. Registration (register*, set*) happens before use and
// is not synchronised; evaluation takes no lock except the first import of each module.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "src/rhai/lexer.h"
#include "src/rhai/value.h"

namespace plexus::rhai {

namespace ast {
struct Script;
struct FnDef;
}  // namespace ast
namespace detail {
class Interp;
struct ModuleCache;
}  // namespace detail

// EvalAltResult: `type` is the variant name ("ErrorRuntime", "ErrorVariableNotFound", ...).
struct EvalError {
  std::string type;
  std::string message;  // the Display text without position or call frames
  Value value;          // the thrown value (ErrorRuntime); () otherwise
  std::string field;    // variable / function name, for dump_fields
  int64_t length = 0;   // bounds errors
  int64_t index = 0;
  Position pos;
  std::shared_ptr<EvalError> inner;  // set for ErrorInFunctionCall (message: the function name)

  // Rhai's Display: "Runtime error: x (line 1, position 10)\nin call to function 'f' (line 2,
  // ...)".
  std::string describe() const;
  const EvalError& innermost() const { return inner ? inner->innermost() : *this; }
  bool catchable() const;
  bool name_is_closure() const;
};

class EvalResult {
 public:
  EvalResult(Value v) : value_(std::move(v)) {}      // NOLINT
  EvalResult(EvalError e) : value_(std::move(e)) {}  // NOLINT
  bool ok() const { return value_.index() == 0; }
  const Value& value() const { return std::get<0>(value_); }
  const EvalError& error() const { return std::get<1>(value_); }

 private:
  std::variant<Value, EvalError> value_;
};

struct EngineOptions {
  uint64_t max_operations = 0;    // 0: unlimited (Engine::set_max_operations)
  uint32_t max_call_levels = 64;  // Engine::set_max_call_levels
  std::string module_dir = ".";   // FileModuleResolver base: `import "a/b"` loads <dir>/a/b.rhai
  // Data size limits, 0: unlimited (Engine::set_max_string_size / _array_size / _map_size). Sizes
  // count nested contents, as Rhai's calc_data_sizes; exceeding one is ErrorDataTooLarge
  // ("Length of string too large", "Size of array/BLOB too large", "Size of object map too large").
  uint64_t max_string_size = 0;
  uint64_t max_array_size = 0;
  uint64_t max_map_size = 0;
  // Wall-clock budget of one run or call in milliseconds, 0: unlimited (Rhai's on_progress
  // termination): exceeding it is ErrorTerminated "Script terminated", not catchable.
  uint64_t max_wall_time_ms = 0;
};

// A compiled script (Rhai's AST): the source, its syntax tree and its function index. Immutable:
// share it between threads.
class Program {
 public:
  ~Program();
  const std::string& name() const { return name_; }
  const std::string& source() const { return *source_; }
  // True if the script defines a function `fn_name`, whatever its arity.
  bool hasFunction(std::string_view fn_name) const { return functions_.count(fn_name) != 0; }

  // For the evaluator.
  uint64_t id() const { return id_; }  // unique per compile (caches key on it, not the address)
  uint64_t functionNameBits() const { return function_name_bits_; }
  const ast::Script& script() const { return *script_; }
  const std::unordered_multimap<std::string_view, const ast::FnDef*>& functions() const {
    return functions_;
  }

 private:
  friend class Engine;
  Program() = default;
  std::string name_;
  std::unique_ptr<std::string> source_;  // the syntax tree points into it
  std::unique_ptr<ast::Script> script_;
  std::unordered_multimap<std::string_view, const ast::FnDef*> functions_;
  uint64_t id_ = 0;
  uint64_t function_name_bits_ = 0;
};

// Variables a run or call starts with (Rhai's Scope), in order; later names shadow earlier ones.
class Scope {
 public:
  struct Entry {
    std::string name;
    Value value;
    bool is_const = false;
  };
  void push(std::string name, Value value) { entries_.push_back({std::move(name), value, false}); }
  void pushConstant(std::string name, Value value) {
    entries_.push_back({std::move(name), value, true});
  }
  const Value* get(std::string_view name) const;
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& entries() { return entries_; }

 private:
  std::vector<Entry> entries_;
};

// A function registered by the application: it gets the arguments (which it may change: the
// first is written back for method calls) and returns nullopt when they are not its types, so
// that overloads and the standard library are tried next. Throw HostError for a runtime error.
using NativeFn = std::function<std::optional<Value>(CallContext&, std::span<Value>)>;
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Resolves a variable the scope does not hold (Rhai's on_var, consulted after the scope).
using VariableResolver = std::function<std::optional<Value>(std::string_view name)>;

class Engine {
 public:
  explicit Engine(EngineOptions options = {});
  ~Engine();
  void setPrint(std::function<void(std::string_view)> fn) { print_ = std::move(fn); }
  void setDebug(std::function<void(std::string_view)> fn) { debug_ = std::move(fn); }
  const EngineOptions& options() const { return options_; }
  const std::function<void(std::string_view)>& print() const { return print_; }
  const std::function<void(std::string_view)>& debug() const { return debug_; }

  // `name` may be qualified ("base64::encode"): scripts call it as `base64::encode(x)` with no
  // import (a static module). Several functions may share a name (overloads, tried in order).
  void registerFn(const std::string& name, NativeFn fn);
  // A qualified constant ("base64::STANDARD").
  void registerConstant(const std::string& name, Value value);
  void setVariableResolver(VariableResolver resolver) { resolver_ = std::move(resolver); }

  // Parses and runs `source`; a syntax error comes back as type "ErrorParsing".
  EvalResult eval(std::string_view source);

  // Parses `source` once; `name` (a file name) is only for the caller's messages.
  std::variant<std::shared_ptr<const Program>, EvalError> compile(std::string source,
                                                                  std::string name = {}) const;
  // Runs the top-level statements; the variables they declare are added to `scope`.
  EvalResult run(const Program& program, Scope& scope) const;
  // Calls script function `fn_name` with `args` (Rhai's call_fn): first, when `eval_ast`, the
  // top-level statements run again; the function sees `scope` and the top-level variables (a
  // function called from script code does not). An error inside reads as if raised at top level
  // (no "in call to function" frame for the entry point).
  EvalResult call(const Program& program, const Scope& scope, std::string_view fn_name,
                  std::vector<Value> args, bool eval_ast = true) const;
  // Calls a function pointer or closure with a fresh state and no scope (Rhai's FnPtr::call).
  EvalResult callFnPtr(const Program& program, const FnPtr& fn, std::vector<Value> args) const;

  // For the evaluator.
  const std::vector<NativeFn>* registered(std::string_view name) const;
  const Value* constant(std::string_view name) const;
  const VariableResolver& resolver() const { return resolver_; }
  detail::ModuleCache& modules() const { return *modules_; }

 private:
  EngineOptions options_;
  std::function<void(std::string_view)> print_;
  std::function<void(std::string_view)> debug_;
  std::unordered_map<std::string, std::vector<NativeFn>, StringHash, std::equal_to<>> fns_;
  std::unordered_map<std::string, Value, StringHash, std::equal_to<>> constants_;
  VariableResolver resolver_;
  std::unique_ptr<detail::ModuleCache> modules_;
};

}  // namespace plexus::rhai
