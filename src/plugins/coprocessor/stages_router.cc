// RouterRequest and RouterResponse: the raw HTTP request and response, bodies sent as strings.
#include "src/plugins/coprocessor/bodies.h"
#include "src/plugins/coprocessor/stages.h"

namespace plexus::plugins::coprocessor {

namespace {

router::Response failure(Context context) {
  router::Response response;
  response.http.status = 500;
  response.http.headers.set("content-type", "application/json");
  response.http.body = json::serialize(internalServerErrorBody());
  response.context = std::move(context);
  return response;
}

Status stringBody(const Output& reply) {
  if (reply.body && !reply.body->isString())
    return Status::error("couldn't deserialize coprocessor output body: expected a string");
  return Status();
}

// A break at RouterRequest: status N, the body string as a GraphQL response (or an ERROR
// message), the returned headers (content-type JSON when none came back).
router::Response breakResponse(const StageRuntime& runtime, const Output& reply, Context context) {
  router::Response response;
  response.http.status = reply.control->status;
  if (reply.headers) response.http.headers = *reply.headers;
  if (!response.http.headers.contains("content-type"))
    response.http.headers.set("content-type", "application/json");
  response.http.body = json::serialize(
      breakResponseBody(BreakStage::kRouter, reply.body, runtime.response_validation));
  response.context = std::move(context);
  return response;
}

void requestStage(const RuntimePtr& runtime, router::Request request, const router::Service& next,
                  Reply<router::Response> reply) {
  const config::CoprocessorStageConfig& flags = runtime->config;
  json::Value envelope = envelopeFor(runtime->stage, request.context.id());
  if (flags.headers) envelope["headers"] = headersToJson(request.http.headers);
  if (flags.body.any()) envelope["body"] = request.http.body;
  std::vector<std::string> sent;
  addCommonFields(*runtime, request.context, envelope, &sent);
  if (flags.path) envelope["path"] = request.http.target;
  envelope["method"] = request.http.method;  // Apollo always sends it here
  callStage(runtime, std::move(envelope),
            [runtime, request = std::move(request), next, reply = std::move(reply),
             sent = std::move(sent)](StageCall call) mutable {
              Output& r = *call.reply;
              Status applied = stringBody(r);
              if (applied.ok()) applyContext(*runtime, r, request.context, sent);
              if (call.finish(applied)) return reply(failure(request.context));
              if (!applied.ok()) return next(std::move(request), std::move(reply));
              if (r.control && r.control->is_break)
                return reply(breakResponse(*runtime, r, request.context));
              if (r.headers) request.http.headers = std::move(*r.headers);
              if (r.body) request.http.body = r.body->asString();
              next(std::move(request), std::move(reply));
            });
}

void responseStage(const RuntimePtr& runtime, router::Response response,
                   Reply<router::Response> reply) {
  const config::CoprocessorStageConfig& flags = runtime->config;
  json::Value envelope = envelopeFor(runtime->stage, response.context.id());
  if (flags.headers) envelope["headers"] = headersToJson(response.http.headers);
  if (flags.body.any()) envelope["body"] = response.http.body;
  std::vector<std::string> sent;
  addCommonFields(*runtime, response.context, envelope, &sent);
  if (flags.status_code) envelope["statusCode"] = static_cast<int64_t>(response.http.status);
  callStage(runtime, std::move(envelope),
            [runtime, response = std::move(response), reply = std::move(reply),
             sent = std::move(sent)](StageCall call) mutable {
              Output& r = *call.reply;
              Status applied = stringBody(r);
              if (applied.ok()) applyContext(*runtime, r, response.context, sent);
              if (call.finish(applied)) return reply(failure(response.context));
              if (!applied.ok()) return reply(std::move(response));
              if (r.headers) response.http.headers = std::move(*r.headers);
              if (r.body) response.http.body = r.body->asString();
              if (r.control) response.http.status = r.control->is_break ? r.control->status : 200;
              reply(std::move(response));
            });
}

}  // namespace

json::Value internalServerErrorBody() {
  return *json::parse(R"({"errors":[{"message":"internal server error",)"
                      R"("extensions":{"code":"INTERNAL_SERVER_ERROR"}}]})");
}

router::Service wrapRouter(RuntimePtr request, RuntimePtr response, router::Service next) {
  if (response) {
    next = [response, next = std::move(next)](router::Request r, Reply<router::Response> reply) {
      next(std::move(r), [response, reply = std::move(reply)](router::Response out) {
        if (!shouldCall(*response, out)) return reply(std::move(out));
        responseStage(response, std::move(out), std::move(reply));
      });
    };
  }
  if (request) {
    next = [request, next = std::move(next)](router::Request r, Reply<router::Response> reply) {
      if (!shouldCall(*request, r)) return next(std::move(r), std::move(reply));
      requestStage(request, std::move(r), next, std::move(reply));
    };
  }
  return next;
}

}  // namespace plexus::plugins::coprocessor
