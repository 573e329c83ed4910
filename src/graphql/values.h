// Input values: coercing request variables and literal arguments to the types a schema declares
// (GraphQL spec §6.1.2 CoerceVariableValues, §6.4.1 CoerceArgumentValues, §3.5 and §3.10 input
// coercion), as graphql-js 16 does it, with its error messages word for word.
//
//   auto vars = graphql::coerceVariableValues(*schema, op->variables, request_variables);
//   if (!vars.ok()) return vars.errors;  // `Variable "$x" of required type "Int!" was not ...`
//   auto args = graphql::getArgumentValues(*schema, field_def->arguments, field->arguments,
//                                          *field, vars.values);
//   if (args.ok()) use(args.values);     // {"first": 10, "after": null}
//   std::optional<bool> include = graphql::shouldInclude(*schema, field->directives, vars.values);
//
// Values are json::Value in graphql-js's "internal" representation: enum values by name, custom
// scalars passed through unchanged, Int as an integer, Float as a number. "No value" (graphql-js
// `undefined`, an invalid input) is std::nullopt, distinct from an explicit JSON null.
// Every type is a declared `const ast::Type*` (from the SDL or the operation) whose named types
// are looked up with Schema::type().
//
// Pure functions of their arguments; thread-safe. Results own their data.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "src/common/arena.h"
#include "src/graphql/ast.h"
#include "src/graphql/error.h"
#include "src/graphql/scalars.h"
#include "src/graphql/schema.h"
#include "src/json/value.h"

namespace plexus::graphql {

// One problem found inside a JSON input value: where (empty at the top; keys and list indexes
// below), the offending part of the input, and graphql-js's message for it.
struct InputCoercionError {
  std::vector<PathElement> path;
  json::Value invalid_value;
  std::string message;  // "Int cannot represent non-integer value: \"abc\""
};
using InputErrorSink = std::function<void(const InputCoercionError&)>;

struct CoercionOptions {
  bool hide_suggestions = false;  // leave out " Did you mean ...?" (graphql-js hideSuggestions)
};

// graphql-js coerceInputValue: a JSON input (variables) to `type`. Reports every problem to
// `on_error` and returns nullopt when there was any.
std::optional<json::Value> coerceInputValue(const Schema& schema, const json::Value& input,
                                            const ast::Type* type, const InputErrorSink& on_error,
                                            const CoercionOptions& options = {});

struct VariableCoercionOptions {
  // graphql-js execute() passes maxCoercionErrors = 50; past it one more error says
  // "Too many errors processing variables, error limit reached. Execution aborted.".
  uint32_t max_errors = 50;
  bool hide_suggestions = false;
};

struct CoercedVariables {
  json::Value values = json::Value::object();  // variable name -> coerced value
  std::vector<GraphQLError> errors;            // located at the variable definitions
  bool ok() const { return errors.empty(); }
};

// graphql-js getVariableValues: coerces `inputs` (the request's "variables" object; null counts
// as {}) to an operation's variable definitions, applying their defaults.
CoercedVariables coerceVariableValues(const Schema& schema,
                                      ast::List<const ast::VariableDefinition> definitions,
                                      const json::Value& inputs,
                                      const VariableCoercionOptions& options = {});

// graphql-js valueFromAST: a literal (which may name variables) to `type`, or nullopt when it is
// invalid. `variables` are already-coerced values, or null for none at all.
std::optional<json::Value> valueFromAst(const Schema& schema, const ast::Value* node,
                                        const ast::Type* type, const json::Value* variables);

// The value an argument or input field falls back to (its default literal coerced, as
// graphql-js stores it), or nullopt when it has none (or an invalid one).
std::optional<json::Value> defaultValue(const Schema& schema, const InputValue& input);

struct ArgumentValues {
  json::Value values = json::Value::object();  // argument name -> coerced value
  std::optional<GraphQLError> error;           // the first failure; graphql-js throws it
  bool ok() const { return !error.has_value(); }
};

// graphql-js getArgumentValues: the arguments written on `node` (a field or a directive) for the
// definitions `definitions`, with their defaults. `variables` are the coerced variable values.
ArgumentValues getArgumentValues(const Schema& schema, const std::vector<InputValue>& definitions,
                                 ast::List<const ast::Argument> arguments, const ast::Node& node,
                                 const json::Value& variables);

// graphql-js shouldIncludeNode: false under @skip(if: true) or @include(if: false). nullopt when
// a directive argument cannot be coerced (a missing variable, say), with the reason in `error`.
std::optional<bool> shouldInclude(const Schema& schema, ast::List<const ast::Directive> directives,
                                  const json::Value& variables, GraphQLError* error = nullptr);

// graphql-js astFromValue: the literal for an internal value of `type`, built in `arena`, ready
// for print(). Returns null where graphql-js returns null (no value, or null where the type is
// non-null). A custom scalar holding an object or a list cannot be written; then the result is
// null and `error` gets graphql-js's "Cannot convert value to AST: { a: 1 }.".
const ast::Value* astFromValue(const Schema& schema, const json::Value& value,
                               const ast::Type* type, Arena& arena, std::string* error = nullptr);

}  // namespace plexus::graphql
