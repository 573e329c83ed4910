// Rhai parser (Rhai 1.23.6 src/parser.rs): script text to an ast::Script, or the first syntax
// error with Rhai's message and position.
//
//   auto result = rhai::parse(source);
//   if (!result.ok()) log(result.error().describe());
//   // "Syntax error: Expecting ';' to terminate this statement (line 3, position 5)"
//
// The engine configuration matches Apollo Router's `Engine::new()`: no strict variables, no
// expression-depth limit, closures, loops and statement-expressions enabled. Stateless and
// thread-safe: each call owns its script.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "src/rhai/ast.h"

namespace plexus::rhai {

struct ParseError {
  std::string message;  // ParseErrorType's Display: "Expecting ';' to terminate this statement"
  Position position;
  // EvalAltResult::ErrorParsing's Display: "Syntax error: <message> (line L, position P)".
  std::string describe() const;
};

class ParseResult {
 public:
  ParseResult(std::unique_ptr<ast::Script> script) : value_(std::move(script)) {}  // NOLINT
  ParseResult(ParseError error) : value_(std::move(error)) {}                      // NOLINT
  bool ok() const { return value_.index() == 0; }
  const ast::Script& script() const { return *std::get<0>(value_); }
  std::unique_ptr<ast::Script> takeScript() { return std::move(std::get<0>(value_)); }
  const ParseError& error() const { return std::get<1>(value_); }

 private:
  std::variant<std::unique_ptr<ast::Script>, ParseError> value_;
};

// `source` must outlive the returned script: identifiers are views into it.
ParseResult parse(std::string_view source);

}  // namespace plexus::rhai
