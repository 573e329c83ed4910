// GraphQL over HTTP, the router's side: decoding a POST (JSON body) or GET (query string)
// request into a GraphQL request, choosing the response media type from `accept`, and writing
// GraphQL error responses, with the HTTP statuses and `extensions.code`s Apollo Router uses.
// Conformance: the graphql-http audit (test/integration/graphql-http-audit/README.md).
//
//   DecodeResult decoded = decodeGraphQLRequest(http_request);
//   if (auto* failure = std::get_if<RequestFailure>(&decoded))
//     return errorResponse(*failure, format);                 // 400 / 415 + {"errors":[…]}
//   std::optional<ResponseFormat> format = chooseResponseFormat(http_request);
//   if (!format) return errorResponse(notAcceptable(), ResponseFormat::kJson);    // 406
//   GraphQLRequest& request = std::get<GraphQLRequest>(decoded);
//   request.query; request.operation_name; request.variables;   // variables: null or an object
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "src/graphql/error.h"
#include "src/http/message.h"
#include "src/json/value.h"

namespace plexus::server {

struct GraphQLRequest {
  std::string query;
  std::string operation_name;  // empty: none given
  json::Value variables;       // null or an object
  json::Value extensions;      // null or an object
  bool is_get = false;
};

// A request that failed before GraphQL execution: the HTTP status and the errors to send.
struct RequestFailure {
  int status = 400;
  std::vector<graphql::GraphQLError> errors;

  // One error with `extensions.code` (and `extensions.details` when given).
  static RequestFailure of(int status, std::string message, std::string_view code,
                           std::optional<std::string> details = std::nullopt);
};

// The requests of a batch (a JSON array body), in order.
using GraphQLBatch = std::vector<GraphQLRequest>;
using DecodeResult = std::variant<GraphQLRequest, GraphQLBatch, RequestFailure>;

struct DecodeOptions {
  bool batching = false;                                  // batching.enabled
  std::optional<uint32_t> max_batch_size = std::nullopt;  // batching.maximum_size
};

// POST with a JSON object body (content-type application/json or
// application/graphql-response+json, any parameters such as charset=utf-8; otherwise 415), or
// GET with `query`, `operationName`, `variables` and `extensions` URL parameters (the latter two
// JSON) and no content-type but application/json (otherwise 415). Failures, as Apollo Router:
// 415 INVALID_CONTENT_TYPE_HEADER; 400 INVALID_GRAPHQL_REQUEST (body not JSON, not an object,
// `query` / `operationName` not a string, `variables` / `extensions` not an object);
// 400 BATCHING_NOT_ENABLED (a JSON array without `options.batching`). With batching, a JSON array
// of request objects is a GraphQLBatch (an empty array, or an entry that is not a valid request
// object, fails the whole batch with 400 INVALID_GRAPHQL_REQUEST; more entries than
// max_batch_size, 422 BATCH_LIMIT_EXCEEDED), as in Apollo Router. A missing `query` is left to
// the supergraph stage (missingQuery()). Other methods are the caller's business.
DecodeResult decodeGraphQLRequest(const http::Request& request, const DecodeOptions& options = {});
// 400 MISSING_QUERY_STRING: no or an empty `query`.
RequestFailure missingQuery();

// The response media type from `accept` (RFC 9110 §12.5.1): the acceptable range with the
// highest q wins, the first listed among equals. application/graphql-response+json gives
// kGraphQLResponseJson; application/json, application/* and */* give kJson, as does a missing or
// blank `accept`. nullopt when `accept` allows neither (e.g. text/html alone, or only
// multipart/mixed, which the router does not stream): answer notAcceptable().
enum class ResponseFormat { kJson, kGraphQLResponseJson };
std::optional<ResponseFormat> chooseResponseFormat(const http::Request& request);
std::string_view contentType(ResponseFormat format);
// 406 INVALID_ACCEPT_HEADER, Apollo Router's answer to an `accept` it cannot serve.
RequestFailure notAcceptable();

// {"errors":[…]} with the failure's status.
http::Response errorResponse(const RequestFailure& failure, ResponseFormat format);
// A complete GraphQL response body with status 200.
http::Response graphQLResponse(std::string body, ResponseFormat format, int status = 200);

// Decodes one application/x-www-form-urlencoded component ('+' is a space, %XX a byte); nullopt
// for a malformed escape.
std::optional<std::string> urlDecode(std::string_view text);

}  // namespace plexus::server
