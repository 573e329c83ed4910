// Rhai evaluator (Rhai 1.23.6 src/eval/*.rs): runs a parsed script with a tree-walking
// interpreter and a core standard library. Knows nothing of HTTP or GraphQL.
//
//   rhai::Engine engine;
//   engine.setPrint([](std::string_view line) { std::cout << line << '\n'; });
//   rhai::EvalResult r = engine.eval("let x = 40; x + 2");
//   if (r.ok()) r.value().debug();  // "42"
//   else r.error().describe();      // "Variable not found: x (line 1, position 1)"
//
// Errors never escape as C++ exceptions. An Engine is not thread-safe; use one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "src/rhai/lexer.h"
#include "src/rhai/value.h"

namespace plexus::rhai {

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
};

class Engine {
 public:
  explicit Engine(EngineOptions options = {}) : options_(options) {}
  void setPrint(std::function<void(std::string_view)> fn) { print_ = std::move(fn); }
  void setDebug(std::function<void(std::string_view)> fn) { debug_ = std::move(fn); }
  const EngineOptions& options() const { return options_; }
  const std::function<void(std::string_view)>& print() const { return print_; }
  const std::function<void(std::string_view)>& debug() const { return debug_; }

  // Parses and runs `source`; a syntax error comes back as type "ErrorParsing".
  EvalResult eval(std::string_view source);

 private:
  EngineOptions options_;
  std::function<void(std::string_view)> print_;
  std::function<void(std::string_view)> debug_;
};

}  // namespace plexus::rhai
