// The four stages every request crosses, as in Apollo Router: router (raw HTTP), supergraph (a
// GraphQL request), execution (a query plan) and subgraph (one fetch). Each stage has a request
// type, a response type and a service; plugins, scripts and coprocessors wrap a stage's service
// with their own (src/services/pipeline.h composes them).
//
//   supergraph::Service logged = [next](supergraph::Request request,
//                                       Reply<supergraph::Response> reply) {
//     log("operation " + request.operation_name);
//     next(std::move(request), [reply](supergraph::Response response) {
//       response.headers.set("x-served-by", "plexus");
//       reply(std::move(response));
//     });
//   };
//
// A service calls its reply exactly once, now or later, on the thread it was called on (the
// worker running the request; work done elsewhere must be posted back). It may answer without
// calling the next service (a short-circuit), e.g. with supergraph::Response::failure(…).
// Requests and responses are plain values, moved from stage to stage; the Context inside them is
// shared by every stage of one request (include/plexus/context.h).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "include/plexus/context.h"
#include "src/graphql/error.h"
#include "src/http/message.h"
#include "src/json/value.h"

namespace plexus {

namespace federation {
struct QueryPlan;
}
namespace server {
struct PreparedOperation;
}

template <typename Response>
using Reply = std::function<void(Response)>;
template <typename Request, typename Response>
using Service = std::function<void(Request, Reply<Response>)>;

// A GraphQL response body ({"data":…,"errors":[…],"extensions":…}). The executor produces it as
// text; a stage that reads or edits it gets a JSON value, parsed on first use, and the text is
// written again only if the value was handed out. Not thread-safe (one stage at a time).
class GraphQLBody {
 public:
  GraphQLBody() = default;
  explicit GraphQLBody(std::string text) : text_(std::move(text)) {}
  explicit GraphQLBody(json::Value value) : value_(std::move(value)), text_stale_(true) {}

  // The body as a JSON value, for reading or editing in place. Text that is not JSON reads as
  // {"errors":[{"message":"Invalid GraphQL response: …"}]}.
  json::Value& json();
  // The serialized body.
  const std::string& text();

 private:
  std::string text_;
  std::optional<json::Value> value_;
  bool text_stale_ = false;
};

namespace router {

struct Request {
  http::Request http;  // as received: method, target, headers, body
  Context context;
};

struct Response {
  http::Response http;
  Context context;
};

using Service = plexus::Service<Request, Response>;

}  // namespace router

namespace supergraph {

struct Request {
  std::string query;
  std::string operation_name;                      // empty: none given
  json::Value variables = json::Value::object();   // as sent (coerced in the execution stage)
  json::Value extensions = json::Value::object();  // e.g. persistedQuery
  http::Request http;  // the client's request: method, target and headers (no body)
  Context context;
};

struct Response {
  int status = 200;
  http::Headers headers;  // added to the HTTP response (content-type is the router stage's)
  GraphQLBody body;
  Context context;

  // {"errors":[…]} with `status`, for a request refused before execution.
  static Response failure(int status, std::vector<graphql::GraphQLError> errors, Context context);
};

using Service = plexus::Service<Request, Response>;

}  // namespace supergraph

namespace execution {

struct Request {
  // The client's request as the supergraph stage passed it on; read-only from here on.
  std::shared_ptr<const supergraph::Request> supergraph;
  std::shared_ptr<const federation::QueryPlan> plan;
  std::shared_ptr<const server::PreparedOperation> operation;  // parsed, validated, normalized
  json::Value variables = json::Value::object();               // coerced against the schema
  Context context;
};

struct Response {
  int status = 200;
  http::Headers headers;
  GraphQLBody body;
  Context context;
};

using Service = plexus::Service<Request, Response>;

}  // namespace execution

namespace subgraph {

struct Request {
  std::string subgraph_name;
  std::string uri;     // where the fetch goes (after override_subgraph_url)
  http::Request http;  // POST, with content-type, accept and the JSON body
  // The client's request (headers to propagate, the operation); null for a request not made by
  // a client.
  std::shared_ptr<const supergraph::Request> supergraph;
  Context context;
};

struct Response {
  // Set when no HTTP response came back (refused, timeout, reset, malformed HTTP); then the
  // status is 0.
  std::optional<std::string> error;
  int status = 0;
  http::Headers headers;
  std::string body;  // the subgraph's JSON, not yet parsed
  // Set when `body` is already this fetch's GraphQL response, whatever `status` says (a
  // coprocessor answered, or rewrote it with the status's errors in it): a non-2xx status then
  // adds no error of its own.
  bool status_in_body = false;
  Context context;
};

using Service = plexus::Service<Request, Response>;

}  // namespace subgraph

}  // namespace plexus
