// The router stage's core: routing, GraphQL over HTTP in (single requests and batches), the
// supergraph stage's answers written back as HTTP. See router_service.h.

#include <memory>
#include <utility>
#include <variant>
#include <vector>

#include "src/server/graphql_http.h"
#include "src/server/health_check.h"
#include "src/server/landing/landing.h"
#include "src/server/metrics_endpoint.h"
#include "src/server/router_service.h"

namespace plexus::server {

namespace {

constexpr std::string_view kHealthPath = "/health";

http::Response healthResponse() {
  http::Response response{.status = 200, .headers = {}, .body = R"({"status":"UP"})"};
  response.headers.add("content-type", "application/json");
  return response;
}

router::Response answer(http::Response http, Context context) {
  return router::Response{.http = std::move(http), .context = std::move(context)};
}

// The client's request line and headers, for the supergraph stage: its body is already decoded.
http::Request withoutBody(http::Request http) {
  http.body = std::string();
  return http;
}

// The supergraph request of one decoded GraphQL request, with the client's request (no body).
supergraph::Request toSupergraphRequest(GraphQLRequest graphql, http::Request client,
                                        Context context) {
  supergraph::Request request;
  request.query = std::move(graphql.query);
  request.operation_name = std::move(graphql.operation_name);
  if (!graphql.variables.isNull()) request.variables = std::move(graphql.variables);
  if (!graphql.extensions.isNull()) request.extensions = std::move(graphql.extensions);
  request.http = std::move(client);
  request.context = std::move(context);
  return request;
}

http::Response toHttp(supergraph::Response& response, ResponseFormat format) {
  http::Response http = graphQLResponse(std::string(response.body.text()), format, response.status);
  for (const auto& [name, value] : response.headers) http.headers.add(name, value);
  return http;
}

// Runs every request of a batch through the supergraph stage at once and answers, once all are
// back, with their bodies as one JSON array in request order; the status and headers are the
// first response's (apollo-router services/router/service.rs call_inner).
void runBatch(GraphQLBatch batch, http::Request http, Context context, ResponseFormat format,
              const supergraph::Service& next, Reply<router::Response> reply) {
  const http::Request head = withoutBody(std::move(http));  // copied into each entry
  struct Collected {
    std::vector<std::optional<supergraph::Response>> responses;
    size_t remaining = 0;
    Context context;
    Reply<router::Response> reply;
  };
  auto collected = std::make_shared<Collected>();
  collected->responses.resize(batch.size());
  collected->remaining = batch.size();
  collected->context = context;
  collected->reply = std::move(reply);
  for (size_t i = 0; i < batch.size(); ++i) {
    // Each entry gets a context of its own, starting from the router stage's entries.
    Context entry_context;
    for (auto& [key, value] : context.entries()) entry_context.insert(key, std::move(value));
    next(toSupergraphRequest(std::move(batch[i]), head, std::move(entry_context)),
         [collected, i, format](supergraph::Response response) {
           collected->responses[i] = std::move(response);
           if (--collected->remaining > 0) return;
           http::Response out = toHttp(*collected->responses[0], format);
           out.body = "[" + out.body;
           for (size_t j = 1; j < collected->responses.size(); ++j) {
             out.body.append(", ").append(collected->responses[j]->body.text());
           }
           out.body.push_back(']');
           collected->reply(answer(std::move(out), collected->context));
         });
  }
}

}  // namespace

bool RouterService::isHealthPath(std::string_view path) const {
  const config::HealthCheckConfig& health = config_.health_check;
  return path == kHealthPath ||
         (health.enabled && config::sameListener(health.listen, config_.supergraph.listen) &&
          path == health.path);
}

supergraph::Service RouterService::analyzeThen(supergraph::Service next) const {
  return [this, next = std::move(next)](supergraph::Request request,
                                        Reply<supergraph::Response> reply) {
    if (request.query.empty()) return next(std::move(request), std::move(reply));
    auto prepared = prepare(request);
    if (auto* failure = std::get_if<RequestFailure>(&prepared)) {
      return reply(supergraph::Response::failure(failure->status, std::move(failure->errors),
                                                 std::move(request.context)));
    }
    recordOperation(*std::get<std::shared_ptr<const PreparedOperation>>(prepared)->operation,
                    request.context);
    next(std::move(request), std::move(reply));
  };
}

router::Service RouterService::routerCore(supergraph::Service next) const {
  return [this, next = analyzeThen(std::move(next))](router::Request request,
                                                     Reply<router::Response> reply) {
    http::Request& http = request.http;
    std::string_view path = http.path();
    if (pathMatches(config_.supergraph.path, path)) {
      if (landing::isBrowserNavigation(http) &&
          (config_.landing.sandbox || config_.landing.homepage)) {
        return reply(answer(landing::page(config_.landing.sandbox ? landing::Page::kSandbox
                                                                  : landing::Page::kHomepage),
                            std::move(request.context)));
      }
      if (http.method != "GET" && http.method != "POST") {
        http::Response response{.status = 405, .headers = {}, .body = {}};
        response.headers.add("allow", "GET, POST");
        return reply(answer(std::move(response), std::move(request.context)));
      }
    } else if ((http.method == "GET" || http.method == "HEAD") && isHealthPath(path)) {
      return reply(answer(health_ ? health_->answer(http.query()) : healthResponse(),
                          std::move(request.context)));
    } else if ((http.method == "GET" || http.method == "HEAD") &&
               servesMetricsOnMainListener(config_, path)) {
      return reply(answer(metricsResponse(), std::move(request.context)));
    } else {
      return reply(answer(http::Response{.status = 404, .headers = {}, .body = {}},
                          std::move(request.context)));
    }

    // Apollo Router v2's order: CSRF (400, the apollo.csrf built-in, before this stage's core),
    // content-type (415), accept (406), the body (400). These refusals are written as
    // application/json: the client may not read anything else.
    DecodeResult decoded =
        decodeGraphQLRequest(http, DecodeOptions{.batching = config_.batching.enabled,
                                                 .max_batch_size = config_.batching.maximum_size});
    auto* failure = std::get_if<RequestFailure>(&decoded);
    if (failure != nullptr && failure->status == 415) {
      return reply(
          answer(errorResponse(*failure, ResponseFormat::kJson), std::move(request.context)));
    }
    std::optional<ResponseFormat> accepted = chooseResponseFormat(http);
    if (!accepted) {
      return reply(answer(errorResponse(notAcceptable(), ResponseFormat::kJson),
                          std::move(request.context)));
    }
    const ResponseFormat format = *accepted;
    if (failure != nullptr) {
      return reply(answer(errorResponse(*failure, format), std::move(request.context)));
    }
    if (auto* batch = std::get_if<GraphQLBatch>(&decoded)) {
      return runBatch(std::move(*batch), std::move(http), std::move(request.context), format, next,
                      std::move(reply));
    }
    next(toSupergraphRequest(std::get<GraphQLRequest>(std::move(decoded)),
                             withoutBody(std::move(http)), std::move(request.context)),
         [format, reply = std::move(reply)](supergraph::Response response) {
           http::Response out = toHttp(response, format);
           reply(answer(std::move(out), std::move(response.context)));
         });
  };
}

bool pathMatches(std::string_view configured, std::string_view request_path) {
  if (configured == request_path) return true;
  size_t wildcard = configured.rfind("/{*");
  if (wildcard == std::string_view::npos && configured.ends_with("/*")) {
    wildcard = configured.size() - 2;
  }
  if (wildcard == std::string_view::npos) return false;
  std::string_view prefix = configured.substr(0, wildcard + 1);  // keeps the '/'
  return request_path.starts_with(prefix) || request_path == configured.substr(0, wildcard);
}

}  // namespace plexus::server
