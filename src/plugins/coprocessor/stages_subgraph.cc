// SubgraphRequest and SubgraphResponse, once per fetch. A failure fails only this fetch: the
// executor reports it as "HTTP fetch failed from '<subgraph>': <reason>" (SUBREQUEST_HTTP_ERROR)
// and the rest of the plan runs.
#include "src/common/uuid.h"
#include "src/execution/subgraph_response.h"
#include "src/http/url.h"
#include "src/plugins/coprocessor/bodies.h"
#include "src/plugins/coprocessor/stages.h"

namespace plexus::plugins::coprocessor {

namespace {

subgraph::Response failure(const std::string& reason, Context context) {
  subgraph::Response response;
  response.error = reason;
  response.context = std::move(context);
  return response;
}

// The subgraph's answer on a break: a string is a message, an object a GraphQL response.
subgraph::Response breakResponse(const StageRuntime& runtime, Output& reply, Context context) {
  subgraph::Response response;
  response.status = reply.control->status;
  if (reply.headers) response.headers = std::move(*reply.headers);
  response.body = json::serialize(
      breakResponseBody(BreakStage::kSubgraph, reply.body, runtime.response_validation));
  response.status_in_body = true;  // the answer, whatever its status
  response.context = std::move(context);
  return response;
}

json::Value graphqlResponseOf(const std::string& subgraph, const subgraph::Response& response) {
  if (response.status_in_body) {  // already one (a break further in)
    StatusOr<json::Value> body = json::parse(response.body);
    if (body.ok()) return std::move(*body);
  }
  execution::SubgraphReply reply;
  reply.status = response.status;
  reply.body = response.body;
  reply.status_in_body = response.status_in_body;
  return execution::subgraphResponseJson(subgraph, reply);
}

void requestStage(const RuntimePtr& runtime, const std::string& subgraph,
                  std::shared_ptr<const std::string> fetch_id, subgraph::Request request,
                  const subgraph::Service& next, Reply<subgraph::Response> reply) {
  const config::CoprocessorStageConfig& flags = runtime->config;
  json::Value envelope = envelopeFor(runtime->stage, request.context.id());
  if (flags.headers) envelope["headers"] = headersToJson(request.http.headers);
  if (flags.body.any()) {
    StatusOr<json::Value> body = json::parse(request.http.body);
    envelope["body"] = body.ok() ? std::move(*body) : json::Value(request.http.body);
  }
  std::vector<std::string> sent;
  addCommonFields(*runtime, request.context, envelope, &sent);
  envelope["method"] = request.http.method;  // Apollo always sends it here
  if (flags.uri) envelope["uri"] = request.uri;
  if (flags.service_name) envelope["serviceName"] = subgraph;
  if (flags.subgraph_request_id) envelope["subgraphRequestId"] = *fetch_id;
  callStage(runtime, std::move(envelope),
            [runtime, request = std::move(request), next, reply = std::move(reply),
             sent = std::move(sent)](StageCall call) mutable {
              Output& r = *call.reply;
              const bool breaks = r.control && r.control->is_break;
              Status applied;
              // A returned body must be a GraphQL request; it is re-serialized as the fetch's body.
              if (!breaks && r.body) applied = parseRequestBody(*r.body).status();
              if (applied.ok() && !breaks && r.uri && !http::parseUrl(*r.uri).ok())
                applied = Status::error("invalid `uri` in coprocessor output: " + *r.uri);
              if (applied.ok()) applyContext(*runtime, r, request.context, sent);
              if (call.finish(applied)) return reply(failure(call.error(), request.context));
              if (!applied.ok()) return next(std::move(request), std::move(reply));
              if (breaks) return reply(breakResponse(*runtime, r, request.context));
              if (r.headers) request.http.headers = std::move(*r.headers);
              if (r.body) request.http.body = json::serialize(*r.body);
              if (r.uri) request.uri = std::move(*r.uri);
              next(std::move(request), std::move(reply));
            });
}

void responseStage(const RuntimePtr& runtime, const std::string& subgraph,
                   std::shared_ptr<const std::string> fetch_id, subgraph::Response response,
                   Reply<subgraph::Response> reply) {
  const config::CoprocessorStageConfig& flags = runtime->config;
  json::Value envelope = envelopeFor(runtime->stage, response.context.id());
  if (flags.headers) envelope["headers"] = headersToJson(response.headers);
  // The body is the GraphQL response the router reads from the reply (a non-2xx status and a
  // malformed body already turned into errors), as in Apollo.
  std::optional<json::Value> graphql;
  if (flags.body.any()) {
    graphql = graphqlResponseOf(subgraph, response);
    envelope["body"] = selectResponseBody(*graphql, flags.body);
  }
  std::vector<std::string> sent;
  addCommonFields(*runtime, response.context, envelope, &sent);
  if (flags.service_name) envelope["serviceName"] = subgraph;
  if (flags.status_code) envelope["statusCode"] = static_cast<int64_t>(response.status);
  if (flags.subgraph_request_id) envelope["subgraphRequestId"] = *fetch_id;
  callStage(runtime, std::move(envelope),
            [runtime, subgraph, response = std::move(response), reply = std::move(reply),
             graphql = std::move(graphql), sent = std::move(sent)](StageCall call) mutable {
              Output& r = *call.reply;
              Status applied;
              json::Value body = graphql ? std::move(*graphql) : json::Value();
              if (r.body) {
                if (!graphql) body = graphqlResponseOf(subgraph, response);
                applied = applyResponseBody(*r.body, runtime->config.body,
                                            runtime->response_validation, body);
              }
              if (applied.ok()) applyContext(*runtime, r, response.context, sent);
              if (call.finish(applied)) return reply(failure(call.error(), response.context));
              if (!applied.ok()) return reply(std::move(response));
              int status = response.status;
              if (r.control) status = r.control->is_break ? r.control->status : 200;
              // A new body, or a status that no longer says what the old one did: the body now
              // carries the status's errors itself. Otherwise the reply's body stays as it came.
              if (r.body || status != response.status) {
                if (body.isNull()) body = graphqlResponseOf(subgraph, response);
                response.body = json::serialize(body);
                response.status_in_body = true;
              }
              if (r.headers) response.headers = std::move(*r.headers);
              response.status = status;
              reply(std::move(response));
            });
}

}  // namespace

subgraph::Service wrapSubgraph(std::string subgraph, RuntimePtr request, RuntimePtr response,
                               subgraph::Service next) {
  if (!request && !response) return next;
  const bool needs_id = (request && request->config.subgraph_request_id) ||
                        (response && response->config.subgraph_request_id);
  return [subgraph = std::move(subgraph), request, response, needs_id, next = std::move(next)](
             subgraph::Request r, Reply<subgraph::Response> reply) {
    auto fetch_id = std::make_shared<const std::string>(needs_id ? uuidV4() : std::string());
    subgraph::Service inner = next;
    if (response) {
      // The response stage runs only on a response (a transport error passes by, as in Apollo),
      // and not after a break at the request stage.
      inner = [response, subgraph, fetch_id, next](subgraph::Request r,
                                                   Reply<subgraph::Response> reply) {
        next(std::move(r),
             [response, subgraph, fetch_id, reply = std::move(reply)](subgraph::Response out) {
               if (out.error || !shouldCall(*response, out, subgraph)) return reply(std::move(out));
               responseStage(response, subgraph, fetch_id, std::move(out), std::move(reply));
             });
      };
    }
    if (request && shouldCall(*request, r)) {
      return requestStage(request, subgraph, fetch_id, std::move(r), inner, std::move(reply));
    }
    inner(std::move(r), std::move(reply));
  };
}

}  // namespace plexus::plugins::coprocessor
