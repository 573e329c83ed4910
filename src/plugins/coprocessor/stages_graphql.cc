// SupergraphRequest/Response and ExecutionRequest/Response: GraphQL requests and responses as
// JSON objects. The execution stage's request body is the client's request (the plan is already
// made: a changed query does not re-plan, as in Apollo).
#include "src/federation/query_plan.h"
#include "src/plugins/coprocessor/bodies.h"
#include "src/plugins/coprocessor/stages.h"

namespace plexus::plugins::coprocessor {

namespace {

template <typename Response>
Response failure(Context context) {
  Response response;
  response.status = 500;
  response.body = GraphQLBody(internalServerErrorBody());
  response.context = std::move(context);
  return response;
}

template <typename Response>
Response breakResponse(const StageRuntime& runtime, Output& reply, Context context) {
  Response response;
  response.status = reply.control->status;
  if (reply.headers) response.headers = std::move(*reply.headers);
  response.body =
      GraphQLBody(breakResponseBody(BreakStage::kGraphQL, reply.body, runtime.response_validation));
  response.context = std::move(context);
  return response;
}

// A returned `uri` on a GraphQL request stage changes the request's target (Apollo applies it
// there too, undocumented): its path and query.
void applyUri(const std::optional<std::string>& uri, http::Request& http) {
  if (!uri || uri->empty()) return;
  size_t scheme = uri->find("://");
  if (scheme == std::string::npos) {
    http.target = *uri;
    return;
  }
  size_t path = uri->find('/', scheme + 3);
  http.target = path == std::string::npos ? "/" : uri->substr(path);
}

json::Value queryPlanJson(const federation::QueryPlan& plan) {
  json::Value out = json::Value::object();
  json::Value tree = plan.toJson();
  if (const json::Value* node = tree.find("node")) out["root"] = *node;
  out["formatted_query_plan"] = plan.toText();
  return out;
}

// The GraphQL request a stage shows (read) and changes (edit: the execution stage's is shared and
// read-only, so it is copied first).
const supergraph::Request& clientOf(const supergraph::Request& request) { return request; }
const supergraph::Request& clientOf(const execution::Request& request) {
  return *request.supergraph;
}
supergraph::Request& editableClient(supergraph::Request& request) { return request; }
supergraph::Request& editableClient(execution::Request& request) {
  auto copy = std::make_shared<supergraph::Request>(*request.supergraph);
  supergraph::Request& editable = *copy;
  request.supergraph = std::move(copy);
  return editable;
}

template <typename Request, typename Response>
void requestStage(const RuntimePtr& runtime, Request request,
                  const plexus::Service<Request, Response>& next, Reply<Response> reply) {
  const config::CoprocessorStageConfig& flags = runtime->config;
  const supergraph::Request& client = clientOf(request);
  json::Value envelope = envelopeFor(runtime->stage, request.context.id());
  if (flags.headers) envelope["headers"] = headersToJson(client.http.headers);
  if (flags.body.any()) envelope["body"] = requestBodyJson(client);
  std::vector<std::string> sent;
  addCommonFields(*runtime, request.context, envelope, &sent);
  if (flags.method) envelope["method"] = client.http.method;
  if constexpr (std::is_same_v<Request, execution::Request>) {
    if (flags.query_plan && request.plan) envelope["queryPlan"] = queryPlanJson(*request.plan);
  }
  callStage(runtime, std::move(envelope),
            [runtime, request = std::move(request), next, reply = std::move(reply),
             sent = std::move(sent)](StageCall call) mutable {
              Output& r = *call.reply;
              const bool breaks = r.control && r.control->is_break;
              std::optional<RequestBody> body;
              Status applied;
              if (r.body && !breaks) {
                StatusOr<RequestBody> parsed = parseRequestBody(*r.body);
                if (parsed.ok()) {
                  body = std::move(*parsed);
                } else {
                  applied = parsed.status();
                }
              }
              if (applied.ok()) applyContext(*runtime, r, request.context, sent);
              if (call.finish(applied)) return reply(failure<Response>(request.context));
              if (!applied.ok()) return next(std::move(request), std::move(reply));
              if (breaks) return reply(breakResponse<Response>(*runtime, r, request.context));
              if (r.headers || body || r.uri) {
                supergraph::Request& target = editableClient(request);
                if (body) std::move(*body).moveInto(target);
                if (r.headers) target.http.headers = std::move(*r.headers);
                applyUri(r.uri, target.http);
              }
              next(std::move(request), std::move(reply));
            });
}

template <typename Response>
void responseStage(const RuntimePtr& runtime, Response response, Reply<Response> reply) {
  const config::CoprocessorStageConfig& flags = runtime->config;
  json::Value envelope = envelopeFor(runtime->stage, response.context.id());
  if (flags.headers) envelope["headers"] = headersToJson(response.headers);
  if (flags.body.any()) envelope["body"] = selectResponseBody(response.body.json(), flags.body);
  std::vector<std::string> sent;
  addCommonFields(*runtime, response.context, envelope, &sent);
  if (flags.status_code) envelope["statusCode"] = static_cast<int64_t>(response.status);
  if (const json::Value* has_next = response.body.json().find("hasNext"))
    envelope["hasNext"] = *has_next;
  callStage(runtime, std::move(envelope),
            [runtime, response = std::move(response), reply = std::move(reply),
             sent = std::move(sent)](StageCall call) mutable {
              Output& r = *call.reply;
              Status applied;
              json::Value body;
              if (r.body) {
                body = response.body.json();
                applied = applyResponseBody(*r.body, runtime->config.body,
                                            runtime->response_validation, body);
              }
              if (applied.ok()) applyContext(*runtime, r, response.context, sent);
              if (call.finish(applied)) return reply(failure<Response>(response.context));
              if (!applied.ok()) return reply(std::move(response));
              if (r.body) response.body = GraphQLBody(std::move(body));
              if (r.headers) response.headers = std::move(*r.headers);
              if (r.control) response.status = r.control->is_break ? r.control->status : 200;
              reply(std::move(response));
            });
}

template <typename Request, typename Response>
plexus::Service<Request, Response> wrapResponse(RuntimePtr runtime,
                                                plexus::Service<Request, Response> next) {
  return [runtime, next = std::move(next)](Request request, Reply<Response> reply) {
    next(std::move(request), [runtime, reply = std::move(reply)](Response response) {
      if constexpr (std::is_same_v<Response, supergraph::Response>) {
        if (!shouldCall(*runtime, response)) return reply(std::move(response));
      }
      responseStage<Response>(runtime, std::move(response), std::move(reply));
    });
  };
}

}  // namespace

supergraph::Service wrapSupergraph(RuntimePtr request, RuntimePtr response,
                                   supergraph::Service next) {
  if (response) next = wrapResponse(std::move(response), std::move(next));
  if (!request) return next;
  return
      [request, next = std::move(next)](supergraph::Request r, Reply<supergraph::Response> reply) {
        if (!shouldCall(*request, r)) return next(std::move(r), std::move(reply));
        requestStage<supergraph::Request, supergraph::Response>(request, std::move(r), next,
                                                                std::move(reply));
      };
}

execution::Service wrapExecution(RuntimePtr request, RuntimePtr response, execution::Service next) {
  if (response) next = wrapResponse(std::move(response), std::move(next));
  if (!request) return next;
  return [request, next = std::move(next)](execution::Request r, Reply<execution::Response> reply) {
    if (!r.supergraph) return next(std::move(r), std::move(reply));
    requestStage<execution::Request, execution::Response>(request, std::move(r), next,
                                                          std::move(reply));
  };
}

}  // namespace plexus::plugins::coprocessor
