#include "src/server/graphql_http.h"

#include <cctype>

namespace plexus::server {

namespace {

constexpr std::string_view kInvalidRequest = "Invalid GraphQL request";

bool mediaTypeIs(std::string_view value, std::string_view type) {
  std::string_view media = value.substr(0, value.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
  return http::equalsIgnoreCase(media, type);
}

RequestFailure invalidRequest(std::string details) {
  return RequestFailure::of(400, std::string(kInvalidRequest), "INVALID_GRAPHQL_REQUEST",
                            std::move(details));
}

// Reads the four members from a decoded JSON object (POST) or from decoded URL parameters (GET).
std::optional<RequestFailure> readMember(std::string_view name, json::Value value,
                                         GraphQLRequest& out) {
  if (name == "query") {
    if (value.isNull()) return std::nullopt;
    if (!value.isString()) return invalidRequest("\"query\" must be a string");
    out.query = value.asString();
  } else if (name == "operationName") {
    if (value.isNull()) return std::nullopt;
    if (!value.isString()) return invalidRequest("\"operationName\" must be a string");
    out.operation_name = value.asString();
  } else if (name == "variables" || name == "extensions") {
    if (!value.isNull() && !value.isObject()) {
      return invalidRequest("\"" + std::string(name) + "\" must be an object");
    }
    (name == "variables" ? out.variables : out.extensions) = std::move(value);
  }
  return std::nullopt;
}

DecodeResult decodePost(const http::Request& request) {
  std::optional<std::string_view> type = request.headers.get("content-type");
  if (!type || (!mediaTypeIs(*type, "application/json") &&
                !mediaTypeIs(*type, "application/graphql-response+json"))) {
    return RequestFailure::of(415,
                              "'content-type' header must be one of: \"application/json\" or "
                              "\"application/graphql-response+json\"",
                              "INVALID_CONTENT_TYPE_HEADER");
  }
  StatusOr<json::Value> body = json::parse(request.body);
  if (!body.ok()) {
    return invalidRequest("failed to deserialize the request body into JSON: " +
                          body.status().message());
  }
  if (body->isArray()) {
    return RequestFailure::of(400, std::string(kInvalidRequest), "BATCHING_NOT_ENABLED",
                              "batching not enabled");
  }
  if (!body->isObject()) return invalidRequest("the request body must be a JSON object");
  GraphQLRequest out;
  for (json::Member& member : body->asObject()) {
    if (auto failure = readMember(member.first, std::move(member.second), out)) return *failure;
  }
  return out;
}

DecodeResult decodeGet(const http::Request& request) {
  GraphQLRequest out;
  out.is_get = true;
  std::string_view query = request.query();
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    size_t eq = pair.find('=');
    std::optional<std::string> name = urlDecode(pair.substr(0, eq));
    std::optional<std::string> value =
        urlDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!name || !value) return invalidRequest("malformed percent-encoding in the query string");
    json::Value member;
    if (*name == "variables" || *name == "extensions") {
      StatusOr<json::Value> parsed = json::parse(*value);
      if (!parsed.ok()) {
        return invalidRequest("failed to decode \"" + *name +
                              "\" as JSON: " + parsed.status().message());
      }
      member = std::move(*parsed);
    } else {
      member = std::move(*value);
    }
    if (auto failure = readMember(*name, std::move(member), out)) return *failure;
  }
  return out;
}

}  // namespace

RequestFailure RequestFailure::of(int status, std::string message, std::string_view code,
                                  std::optional<std::string> details) {
  graphql::GraphQLError error;
  error.message = std::move(message);
  if (details) error.extensions["details"] = std::move(*details);
  error.extensions["code"] = code;
  return RequestFailure{.status = status, .errors = {std::move(error)}};
}

DecodeResult decodeGraphQLRequest(const http::Request& request) {
  DecodeResult result = request.method == "GET" ? decodeGet(request) : decodePost(request);
  if (auto* decoded = std::get_if<GraphQLRequest>(&result); decoded && decoded->query.empty()) {
    return RequestFailure::of(400, "Must provide query string.", "MISSING_QUERY_STRING");
  }
  return result;
}

ResponseFormat chooseResponseFormat(const http::Request& request) {
  for (std::string_view accept : request.headers.getAll("accept")) {
    while (!accept.empty()) {
      size_t comma = accept.find(',');
      std::string_view item = accept.substr(0, comma);
      accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
      if (mediaTypeIs(item, "application/json") || mediaTypeIs(item, "*/*") ||
          mediaTypeIs(item, "application/*")) {
        return ResponseFormat::kJson;
      }
      if (mediaTypeIs(item, "application/graphql-response+json")) {
        return ResponseFormat::kGraphQLResponseJson;
      }
    }
  }
  return ResponseFormat::kJson;
}

std::string_view contentType(ResponseFormat format) {
  return format == ResponseFormat::kJson ? "application/json" : "application/graphql-response+json";
}

http::Response errorResponse(const RequestFailure& failure, ResponseFormat format) {
  json::Value errors = json::Value::array();
  for (const graphql::GraphQLError& error : failure.errors) errors.push(error.toJson());
  json::Value body = json::Value::object();
  body["errors"] = std::move(errors);
  return graphQLResponse(json::serialize(body), format, failure.status);
}

http::Response graphQLResponse(std::string body, ResponseFormat format, int status) {
  http::Response response{.status = status, .headers = {}, .body = std::move(body)};
  response.headers.add("content-type", contentType(format));
  return response;
}

std::optional<std::string> urlDecode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int high = hex(text[i + 1]);
      int low = hex(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace plexus::server
