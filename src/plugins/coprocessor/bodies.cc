#include "src/plugins/coprocessor/bodies.h"

#include <array>
#include <string_view>

#include "src/plugins/coprocessor/graphql_response.h"

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
  // Every selected part is sent, empty when the response has none (Apollo's
  // filter_graphql_response_body): data null, errors [], extensions {}.
  json::Value out = json::Value::object();
  const json::Value* data = response.find("data");
  const json::Value* errors = response.find("errors");
  const json::Value* extensions = response.find("extensions");
  if (body.data) out["data"] = data ? *data : json::Value();
  if (body.errors) out["errors"] = errors && errors->isArray() ? *errors : json::Value::array();
  if (body.extensions) {
    out["extensions"] = extensions && extensions->isObject() ? *extensions : json::Value::object();
  }
  return out;
}

Status applyResponseBody(const json::Value& returned, const config::CoprocessorBodyConfig& body,
                         bool validation, json::Value& response) {
  // Validation applies when data or errors were sent and the response as it was (whole, not the
  // parts sent) was minimally valid (COPROCESSOR.md §6); it checks the returned body itself. An
  // extensions-only reply is not validated (Apollo's code would reject it for lacking data).
  const bool sends_data_or_errors = !body.selective || body.data || body.errors;
  const bool strict = validation && sends_data_or_errors && hasDataOrErrors(response);
  StatusOr<json::Value> read = readGraphQLResponse(returned, strict);
  if (!read.ok()) {
    if (strict) return bodyError(read.status().message());
    return Status();  // unusable and not checked: the original stays
  }
  json::Value updated = std::move(*read);
  if (body.selective) {  // the parts not sent are kept as they were
    json::Value merged = json::Value::object();
    for (std::string_view part : kParts) {
      const json::Value* original = response.isObject() ? response.find(part) : nullptr;
      const json::Value* from_reply = updated.find(part);
      const json::Value* kept = sends(body, part) ? from_reply : original;
      if (kept) merged[std::string(part)] = *kept;
    }
    for (auto& [key, value] : updated.asObject()) {  // label, path, hasNext
      if (!merged.find(key) && key != "data" && key != "errors" && key != "extensions")
        merged[key] = std::move(value);
    }
    updated = std::move(merged);
  }
  response = std::move(updated);
  return Status();
}

json::Value breakResponseBody(BreakStage stage, const std::optional<json::Value>& body,
                              bool validation) {
  json::Value value = body ? *body : json::Value();
  if (stage == BreakStage::kRouter) {
    // A string: JSON that is not null is read as a GraphQL response; anything else (or no body)
    // is the message of an ERROR.
    std::string text = value.isString() ? value.asString() : std::string();
    StatusOr<json::Value> parsed = json::parse(text);
    if (!parsed.ok() || parsed->isNull()) return errorResponse(std::move(text), "ERROR");
    value = std::move(*parsed);
  } else if (stage == BreakStage::kSubgraph && value.isString()) {
    return errorResponse(value.asString(), "ERROR");
  }
  StatusOr<json::Value> read = readGraphQLResponse(value, validation);
  if (read.ok()) return std::move(*read);
  return errorResponse(std::string(kDeserialize) + read.status().message(),
                       "EXTERNAL_DESERIALIZATION_ERROR");
}

}  // namespace plexus::plugins::coprocessor
