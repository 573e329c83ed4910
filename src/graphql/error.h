// GraphQLError and ResponsePath: the error shape of GraphQL responses (spec §7.1.2).
//
//   GraphQLError e{"Cannot query field \"x\" on type \"Query\".", {{1, 3}}};
//   e.path = ResponsePath{}.key("user").index(0).key("name").elements();
//   e.extensions["code"] = "GRAPHQL_VALIDATION_FAILED";
//   json::Value v = e.toJson();   // {"message":..., "locations":[...], "path":[...],
//   "extensions":{...}}
//
// Plain values; not thread-safe for concurrent mutation.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "src/graphql/ast.h"
#include "src/json/value.h"

namespace plexus::graphql {

// One step of a response path: a field's response key, or a list index.
using PathElement = std::variant<std::string, int64_t>;

class ResponsePath {
 public:
  ResponsePath& key(std::string name) {
    elements_.emplace_back(std::move(name));
    return *this;
  }
  ResponsePath& index(int64_t i) {
    elements_.emplace_back(i);
    return *this;
  }
  void pop() { elements_.pop_back(); }
  const std::vector<PathElement>& elements() const { return elements_; }
  json::Value toJson() const;

 private:
  std::vector<PathElement> elements_;
};

struct GraphQLError {
  std::string message;
  std::vector<ast::SourceLocation> locations;
  std::vector<PathElement> path;
  json::Value extensions;  // null or an object

  // Keys in the order the spec shows: message, locations, path, extensions; empty ones omitted.
  json::Value toJson() const;
};

}  // namespace plexus::graphql
