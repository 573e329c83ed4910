// Subgraph reply reading and fetch error shapes (Apollo Router subgraph_service.rs
// http_response_to_graphql_response, error.rs FetchError::to_graphql_error).
#include "src/execution/subgraph_response.h"

#include <string>

namespace plexus::execution {

namespace {

using json::ArenaValue;

// A malformed body is quoted in the error; a huge one only in part.
constexpr size_t kMaxQuotedBody = 4096;

bool isSuccess(int status) { return status >= 200 && status < 300; }

// Accepts a parsed body as a GraphQL response: an object with `data` (object or null) and/or a
// list of `errors`. Returns the reason it is not one, or empty.
std::string acceptResponse(const ArenaValue& body, SubgraphResult& result) {
  if (!body.isObject()) return "graphql response must be a JSON object";
  const ArenaValue* data = body.find("data");
  const ArenaValue* errors = body.find("errors");
  if (data != nullptr && !data->isObject() && !data->isNull()) {
    return "graphql response `data` must be an object or null";
  }
  if (errors != nullptr && !errors->isArray() && !errors->isNull()) {
    return "graphql response `errors` must be a list";
  }
  bool has_errors = errors != nullptr && errors->isArray() && errors->size() > 0;
  if ((data == nullptr || data->isNull()) && !has_errors) {
    return "graphql response without data must contain at least one error";
  }
  if (data != nullptr) result.data = *data;
  if (errors != nullptr) {
    for (const ArenaValue& error : errors->items()) result.errors.push_back(error);
  }
  return {};
}

}  // namespace

std::string_view httpReasonPhrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 418: return "I'm a teapot";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
  }
}

graphql::GraphQLError httpFetchError(std::string_view service, std::string_view reason,
                                     int status) {
  graphql::GraphQLError error;
  error.message = "HTTP fetch failed from '" + std::string(service) + "': " + std::string(reason);
  json::Value& extensions = error.extensions;
  extensions = json::Value::object();
  extensions["service"] = service;
  extensions["reason"] = reason;
  extensions["code"] = "SUBREQUEST_HTTP_ERROR";
  if (status != 0) extensions["http"]["status"] = status;
  return error;
}

graphql::GraphQLError malformedResponseError(std::string_view service, std::string_view reason) {
  graphql::GraphQLError error;
  error.message =
      "service '" + std::string(service) + "' response was malformed: " + std::string(reason);
  error.extensions = json::Value::object();
  error.extensions["service"] = service;
  error.extensions["reason"] = reason;
  error.extensions["code"] = "SUBREQUEST_MALFORMED_RESPONSE";
  return error;
}

SubgraphResult readSubgraphReply(Arena& arena, std::string_view service,
                                 const SubgraphReply& reply) {
  SubgraphResult result;
  if (reply.error) {
    result.failures.push_back(httpFetchError(service, *reply.error));
    return result;
  }
  StatusOr<ArenaValue> body = json::parseInto(arena, reply.body);
  if (body.ok()) result.body = *body;
  std::string reason = body.ok() ? acceptResponse(*body, result) : body.status().message();
  if (isSuccess(reply.status) || reply.status_in_body) {
    if (!reason.empty()) result.failures.push_back(malformedResponseError(service, reason));
    return result;
  }
  // Not 2xx: the status is an error of its own; a GraphQL body still counts, anything else is
  // quoted as it came.
  std::string status_reason =
      std::to_string(reply.status) + ": " + std::string(httpReasonPhrase(reply.status));
  result.failures.push_back(httpFetchError(service, status_reason, reply.status));
  if (!reason.empty()) {
    std::string quoted = reply.body.empty() ? std::string("<empty response body>")
                                            : reply.body.substr(0, kMaxQuotedBody);
    result.failures.push_back(malformedResponseError(service, quoted));
  }
  return result;
}

json::Value subgraphResponseJson(std::string_view service, const SubgraphReply& reply) {
  Arena arena;
  SubgraphResult result = readSubgraphReply(arena, service, reply);
  json::Value out = json::Value::object();
  if (!result.data.isNull()) {
    out["data"] = json::toValue(result.data);
  } else if (result.body.find("data") && !result.errors.empty()) {
    out["data"] = json::Value();  // `"data": null` beside errors, as sent
  }
  if (!result.failures.empty() || !result.errors.empty()) {
    json::Value& errors = out["errors"] = json::Value::array();
    for (const graphql::GraphQLError& failure : result.failures) errors.push(failure.toJson());
    for (const json::ArenaValue& raw : result.errors) errors.push(json::toValue(raw));
  }
  if (const ArenaValue* extensions = result.body.find("extensions");
      extensions && extensions->isObject() && extensions->size() > 0) {
    out["extensions"] = json::toValue(*extensions);
  }
  return out;
}

graphql::GraphQLError subgraphError(const json::ArenaValue& raw, std::string_view service,
                                    bool keep_locations) {
  graphql::GraphQLError error;
  const ArenaValue* message = raw.find("message");
  if (message != nullptr && message->isString() && !message->asString().empty()) {
    error.message = std::string(message->asString());
  } else {
    error.message = "Error while fetching subquery from service \"" + std::string(service) + "\"";
  }
  const ArenaValue* extensions = raw.find("extensions");
  error.extensions = extensions != nullptr && extensions->isObject() ? json::toValue(*extensions)
                                                                     : json::Value::object();
  if (error.extensions.find("service") == nullptr) error.extensions["service"] = service;
  if (keep_locations) {
    if (const ArenaValue* locations = raw.find("locations")) {
      for (const ArenaValue& location : locations->items()) {
        const ArenaValue* line = location.find("line");
        const ArenaValue* column = location.find("column");
        if (line != nullptr && column != nullptr && line->isInt() && column->isInt()) {
          error.locations.push_back(
              {static_cast<uint32_t>(line->asInt()), static_cast<uint32_t>(column->asInt())});
        }
      }
    }
  }
  return error;
}

std::vector<graphql::PathElement> rawErrorPath(const json::ArenaValue& raw) {
  std::vector<graphql::PathElement> path;
  const ArenaValue* list = raw.find("path");
  if (list == nullptr) return path;
  for (const ArenaValue& element : list->items()) {
    if (element.isString()) {
      path.emplace_back(std::string(element.asString()));
    } else if (element.isInt()) {
      path.emplace_back(element.asInt());
    }
  }
  return path;
}

}  // namespace plexus::execution
