// What a script error becomes (Apollo Router's process_error, RHAI_API.md §7): a thrown
// `#{status, message}` or `#{status, body}` is the client's answer verbatim; anything else is
// 500 with "rhai execution error: '<Rhai's error text>'".
//
//   ErrorDetails d = errorDetails(result.error());
//   // throw #{status: 403, message: "denied"}  →  {403, "denied", no body}
//   // throw "boom" (line 3, position 5)        →  {500, "rhai execution error: 'Runtime error:
//   //                                               boom (line 3, position 5)'", no body}
#pragma once

#include <optional>
#include <string>

#include "src/json/value.h"
#include "src/rhai/eval.h"

namespace plexus::plugins::rhai {

struct ErrorDetails {
  int status = 500;
  std::string message;
  std::optional<json::Value> body;  // a GraphQL response: errors, data, extensions, label, path

  // The response body: `body`, or {"errors":[{"message": message}]}.
  json::Value responseBody() const;
};

ErrorDetails errorDetails(const plexus::rhai::EvalError& error);

// A thrown map's `body` as a GraphQL response (objects_graphql.cc); throws HostError.
json::Value graphqlResponseFrom(const plexus::rhai::Value& value);

}  // namespace plexus::plugins::rhai
