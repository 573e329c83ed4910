#include "src/plugins/coprocessor/bodies.h"

#include <array>
#include <string_view>

#include "src/plugins/coprocessor/protocol.h"

namespace plexus::plugins::coprocessor {

namespace {

constexpr std::string_view kDeserialize = "couldn't deserialize coprocessor output body: ";

Status bodyError(std::string_view detail) {
  return Status::error(std::string(kDeserialize) + std::string(detail));
}

bool stringOrNull(const json::Value* v) { return v == nullptr || v->isNull() || v->isString(); }
bool objectOrNull(const json::Value* v) { return v == nullptr || v->isNull() || v->isObject(); }

bool sends(const config::CoprocessorBodyConfig& body, std::string_view part) {
  if (part == "data") return body.data;
  if (part == "errors") return body.errors;
  return body.extensions;
}

constexpr std::array<std::string_view, 3> kParts = {"data", "errors", "extensions"};

}  // namespace

json::Value requestBodyJson(const supergraph::Request& request) {
  json::Value body = json::Value::object();
  body["query"] = request.query;
  if (!request.operation_name.empty()) body["operationName"] = request.operation_name;
  if (request.variables.isObject() && !request.variables.asObject().empty())
    body["variables"] = request.variables;
  if (request.extensions.isObject() && !request.extensions.asObject().empty())
    body["extensions"] = request.extensions;
  return body;
}

StatusOr<RequestBody> parseRequestBody(const json::Value& body) {
  if (!body.isObject()) return bodyError("expected a GraphQL request object");
  const json::Value* query = body.find("query");
  const json::Value* name = body.find("operationName");
  const json::Value* variables = body.find("variables");
  const json::Value* extensions = body.find("extensions");
  if (!stringOrNull(query)) return bodyError("`query` must be a string");
  if (!stringOrNull(name)) return bodyError("`operationName` must be a string");
  if (!objectOrNull(variables)) return bodyError("`variables` must be an object");
  if (!objectOrNull(extensions)) return bodyError("`extensions` must be an object");
  RequestBody out;
  out.query = query && query->isString() ? query->asString() : "";
  out.operation_name = name && name->isString() ? name->asString() : "";
  out.variables = variables && variables->isObject() ? *variables : json::Value::object();
  out.extensions = extensions && extensions->isObject() ? *extensions : json::Value::object();
  return out;
}

void RequestBody::moveInto(supergraph::Request& request) && {
  request.query = std::move(query);
  request.operation_name = std::move(operation_name);
  request.variables = std::move(variables);
  request.extensions = std::move(extensions);
}

json::Value selectResponseBody(const json::Value& response,
                               const config::CoprocessorBodyConfig& body) {
  if (!body.selective || !response.isObject()) return response;
  json::Value out = json::Value::object();
  for (std::string_view part : kParts) {
    if (!sends(body, part)) continue;
    if (const json::Value* value = response.find(part)) out[std::string(part)] = *value;
  }
  return out;
}

Status applyResponseBody(const json::Value& returned, const config::CoprocessorBodyConfig& body,
                         bool validation, json::Value& response) {
  const bool sent_valid = isValidGraphQLResponse(selectResponseBody(response, body));
  if (!returned.isObject()) {
    if (validation && sent_valid) return bodyError("expected a GraphQL response object");
    return Status();  // unusable and not checked: the original stays
  }
  json::Value merged = json::Value::object();
  for (std::string_view part : kParts) {
    std::string key(part);
    const json::Value* original = response.isObject() ? response.find(part) : nullptr;
    const json::Value* from_reply = returned.find(part);
    if (!sends(body, part)) {
      if (original) merged[key] = *original;  // not sent: the coprocessor cannot change it
    } else if (from_reply) {
      merged[key] = *from_reply;
    } else if (part == "data" && original && original->isNull()) {
      merged[key] = json::Value();  // Apollo keeps a null `data` (a subscription's end)
    }
  }
  // Other top-level keys of the reply are not part of a GraphQL response and are dropped.
  if (validation && sent_valid && !isValidGraphQLResponse(merged))
    return bodyError("the returned body is not a valid GraphQL response");
  response = std::move(merged);
  return Status();
}

json::Value breakResponseBody(const std::optional<json::Value>& body, bool validation) {
  if (!body) return json::Value::object();
  if (body->isObject() && (!validation || isValidGraphQLResponse(*body))) {
    return *body;
  }
  json::Value error = json::Value::object();
  error["message"] = std::string(kDeserialize) +
                     (body->isObject() ? "not a valid GraphQL response" : "expected an object");
  error["extensions"] = json::Value::object();
  error["extensions"]["code"] = "EXTERNAL_DESERIALIZATION_ERROR";
  json::Value out = json::Value::object();
  out["errors"] = json::Value::array();
  out["errors"].push(std::move(error));
  return out;
}

}  // namespace plexus::plugins::coprocessor
