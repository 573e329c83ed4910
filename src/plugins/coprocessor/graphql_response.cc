#include "src/plugins/coprocessor/graphql_response.h"

#include <string>
#include <string_view>

namespace plexus::plugins::coprocessor {

namespace {

// A key's value, or null when absent or JSON null (Apollo's extract_key_value_from_object).
const json::Value* present(const json::Value& object, std::string_view key) {
  const json::Value* value = object.find(key);
  return value && !value->isNull() ? value : nullptr;
}

Status invalidKey(std::string_view key) {
  return Status::error("invalid type for key: " + std::string(key));
}

// One entry of `errors`: message, locations, path and extensions; other keys are dropped.
StatusOr<json::Value> readError(const json::Value& raw, bool strict) {
  if (!raw.isObject())
    return Status::error("invalid error within `errors`: invalid type, expected an object");
  json::Value error = json::Value::object();
  const json::Value* message = present(raw, "message");
  if (message && !message->isString())
    return Status::error("invalid `message` within error: invalid type for key: message");
  if (!message && strict) return Status::error("missing required `message` property within error");
  error["message"] = message ? message->asString() : std::string();
  if (const json::Value* locations = present(raw, "locations")) {
    if (!locations->isArray())
      return Status::error("invalid `locations` within error: expected an array");
    json::Value kept = json::Value::array();
    for (const json::Value& location : locations->asArray()) {
      const json::Value* line = location.find("line");
      const json::Value* column = location.find("column");
      if (line && column && line->isInt() && column->isInt()) {  // others skipped, as Apollo does
        json::Value entry = json::Value::object();
        entry["line"] = *line;
        entry["column"] = *column;
        kept.push(std::move(entry));
      }
    }
    if (!kept.asArray().empty()) error["locations"] = std::move(kept);
  }
  if (const json::Value* path = present(raw, "path")) {
    if (!path->isArray()) return Status::error("invalid `path` within error: expected an array");
    error["path"] = *path;
  }
  if (const json::Value* extensions = present(raw, "extensions")) {
    if (!extensions->isObject())
      return Status::error("invalid `extensions` within error: invalid type for key: extensions");
    if (!extensions->asObject().empty()) error["extensions"] = *extensions;
  }
  return error;
}

}  // namespace

StatusOr<json::Value> readGraphQLResponse(const json::Value& value, bool strict) {
  if (!value.isObject()) return Status::error("invalid type, expected an object");
  json::Value out = json::Value::object();
  if (const json::Value* label = present(value, "label")) {
    if (!label->isString()) return invalidKey("label");
    out["label"] = *label;
  }
  const json::Value* data = strict ? value.find("data") : present(value, "data");
  // Apollo's from_value takes any `data`; a GraphQL response's is an object or null (the spec,
  // and COPROCESSOR.md's "valid GraphQL response object"), so strict reading insists.
  if (strict && data && !data->isNull() && !data->isObject()) return invalidKey("data");
  if (data) out["data"] = *data;
  if (const json::Value* path = present(value, "path")) {
    if (!path->isArray()) return invalidKey("path");
    out["path"] = *path;
  }
  json::Value errors = json::Value::array();
  if (const json::Value* raw = present(value, "errors")) {
    if (!raw->isArray()) return invalidKey("errors");
    for (const json::Value& entry : raw->asArray()) {
      StatusOr<json::Value> error = readError(entry, strict);
      if (!error.ok()) return error.status();
      errors.push(std::move(*error));
    }
  }
  if (strict && !data && errors.asArray().empty())
    return Status::error("graphql response without data must contain at least one error");
  if (!errors.asArray().empty()) out["errors"] = std::move(errors);
  if (const json::Value* extensions = present(value, "extensions")) {
    if (!extensions->isObject()) return invalidKey("extensions");
    if (!extensions->asObject().empty()) out["extensions"] = *extensions;
  }
  if (const json::Value* has_next = present(value, "hasNext")) {
    if (!has_next->isBool()) return invalidKey("hasNext");
    out["hasNext"] = *has_next;
  }
  return out;
}

bool hasDataOrErrors(const json::Value& response) {
  if (!response.isObject()) return false;
  if (response.find("data")) return true;
  const json::Value* errors = response.find("errors");
  return errors && errors->isArray() && !errors->asArray().empty();
}

json::Value errorResponse(std::string message, std::string_view code) {
  json::Value error = json::Value::object();
  error["message"] = std::move(message);
  error["extensions"]["code"] = code;
  json::Value out = json::Value::object();
  out["errors"].push(std::move(error));
  return out;
}

}  // namespace plexus::plugins::coprocessor
