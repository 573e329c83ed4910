#include "src/server/graphql_http.h"

#include <cctype>
#include <charconv>

namespace plexus::server {

namespace {

constexpr std::string_view kInvalidRequest = "Invalid GraphQL request";

constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kGraphQLResponseType = "application/graphql-response+json";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

// The media type of a content-type or of one accept item, without its parameters.
std::string_view mediaType(std::string_view value) {
  return trim(value.substr(0, value.find(';')));
}

bool mediaTypeIs(std::string_view value, std::string_view type) {
  return http::equalsIgnoreCase(mediaType(value), type);
}

// Calls `visit(item)` for each comma-separated item of every `name` header, blank ones skipped.
template <typename Visit>
void forEachListItem(const http::Request& request, std::string_view name, Visit visit) {
  for (std::string_view value : request.headers.getAll(name)) {
    while (!value.empty()) {
      size_t comma = value.find(',');
      std::string_view item = trim(value.substr(0, comma));
      value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
      if (!item.empty()) visit(item);
    }
  }
}

// The weight of one accept item: its `q` parameter (RFC 9110 §12.4.2), 1 when absent or
// malformed.
double weightOf(std::string_view item) {
  size_t semicolon = item.find(';');
  while (semicolon != std::string_view::npos) {
    item.remove_prefix(semicolon + 1);
    semicolon = item.find(';');
    std::string_view parameter = trim(item.substr(0, semicolon));
    if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') ||
        parameter[1] != '=') {
      continue;
    }
    std::string_view number = trim(parameter.substr(2));
    double q = 1;
    auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), q);
    if (error != std::errc() || end != number.data() + number.size() || q < 0 || q > 1) return 1;
    return q;
  }
  return 1;
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

// One request object of a POST body (or of a batch).
DecodeResult decodeObject(json::Value body) {
  if (!body.isObject()) return invalidRequest("the request body must be a JSON object");
  GraphQLRequest out;
  for (json::Member& member : body.asObject()) {
    if (auto failure = readMember(member.first, std::move(member.second), out)) return *failure;
  }
  return out;
}

DecodeResult decodePost(const http::Request& request, const DecodeOptions& options) {
  std::optional<std::string_view> type = request.headers.get("content-type");
  if (!type || (!mediaTypeIs(*type, kJsonType) && !mediaTypeIs(*type, kGraphQLResponseType))) {
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
  if (!body->isArray()) return decodeObject(std::move(*body));
  // apollo-router services/router/service.rs translate_bytes_request.
  if (!options.batching) {
    return RequestFailure::of(400, std::string(kInvalidRequest), "BATCHING_NOT_ENABLED",
                              "batching not enabled");
  }
  json::Array& entries = body->asArray();
  if (entries.empty()) {
    return invalidRequest("failed to decode a valid GraphQL request from path: empty array ");
  }
  if (options.max_batch_size && entries.size() > *options.max_batch_size) {
    return RequestFailure::of(422, std::string(kInvalidRequest), "BATCH_LIMIT_EXCEEDED",
                              "Batch limits exceeded: you provided a batch with " +
                                  std::to_string(entries.size()) +
                                  " entries, but the configured maximum router batch size is " +
                                  std::to_string(*options.max_batch_size));
  }
  GraphQLBatch batch;
  batch.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    DecodeResult entry = decodeObject(std::move(entries[i]));
    if (auto* failure = std::get_if<RequestFailure>(&entry)) {
      json::Value& details = failure->errors[0].extensions["details"];
      details = "batch entry " + std::to_string(i) + ": " + details.asString();
      return std::move(*failure);
    }
    batch.push_back(std::get<GraphQLRequest>(std::move(entry)));
  }
  return batch;
}

DecodeResult decodeGet(const http::Request& request) {
  // Apollo Router: a GET may carry no content-type, or application/json (it has no body).
  for (std::string_view type : request.headers.getAll("content-type")) {
    if (!trim(type).empty() && !mediaTypeIs(type, kJsonType)) {
      return RequestFailure::of(
          415,
          "GET request 'content-type' header may only contain: \"" + std::string(kJsonType) + "\"",
          "INVALID_CONTENT_TYPE_HEADER");
    }
  }
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

DecodeResult decodeGraphQLRequest(const http::Request& request, const DecodeOptions& options) {
  return request.method == "GET" ? decodeGet(request) : decodePost(request, options);
}

RequestFailure missingQuery() {
  return RequestFailure::of(400, "Must provide query string.", "MISSING_QUERY_STRING");
}

std::optional<ResponseFormat> chooseResponseFormat(const http::Request& request) {
  bool listed = false;
  std::optional<ResponseFormat> best;
  double best_weight = 0;
  forEachListItem(request, "accept", [&](std::string_view item) {
    listed = true;
    std::optional<ResponseFormat> format;
    if (mediaTypeIs(item, kGraphQLResponseType)) {
      format = ResponseFormat::kGraphQLResponseJson;
    } else if (mediaTypeIs(item, kJsonType) || mediaTypeIs(item, "application/*") ||
               mediaTypeIs(item, "*/*")) {
      format = ResponseFormat::kJson;
    }
    double weight = format ? weightOf(item) : 0;
    if (weight > best_weight) {
      best = format;
      best_weight = weight;
    }
  });
  if (!listed) return ResponseFormat::kJson;  // RFC 9110: no accept accepts anything
  return best;
}

std::string_view contentType(ResponseFormat format) {
  return format == ResponseFormat::kJson ? kJsonType : kGraphQLResponseType;
}

RequestFailure notAcceptable() {
  return RequestFailure::of(406,
                            "'accept' header must be one of: \"*/*\", \"" + std::string(kJsonType) +
                                "\" or \"" + std::string(kGraphQLResponseType) + "\"",
                            "INVALID_ACCEPT_HEADER");
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
