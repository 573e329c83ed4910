// GraphQLError and ResponsePath serialization (GraphQL spec §7.1.2 "Errors").
#include "src/graphql/error.h"

namespace plexus::graphql {

namespace {

json::Value pathToJson(const std::vector<PathElement>& elements) {
  json::Array path;
  path.reserve(elements.size());
  for (const PathElement& element : elements) {
    if (const auto* key = std::get_if<std::string>(&element)) {
      path.emplace_back(*key);
    } else {
      path.emplace_back(std::get<int64_t>(element));
    }
  }
  return json::Value(std::move(path));
}

}  // namespace

json::Value ResponsePath::toJson() const { return pathToJson(elements_); }

// The shape of graphql-js GraphQLError.toJSON(): message, then locations and path when known,
// then extensions when there are any.
json::Value GraphQLError::toJson() const {
  json::Value out = json::Value::object();
  out["message"] = message;
  if (!locations.empty()) {
    json::Value& list = out["locations"];
    list = json::Value::array();
    for (const ast::SourceLocation& location : locations) {
      json::Value entry = json::Value::object();
      entry["line"] = static_cast<int64_t>(location.line);
      entry["column"] = static_cast<int64_t>(location.column);
      list.push(std::move(entry));
    }
  }
  if (!path.empty()) out["path"] = pathToJson(path);
  if (extensions.isObject() && !extensions.asObject().empty()) out["extensions"] = extensions;
  return out;
}

}  // namespace plexus::graphql
