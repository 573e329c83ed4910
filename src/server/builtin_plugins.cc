#include "src/server/builtin_plugins.h"

#include <optional>
#include <utility>

#include "src/plugins/coprocessor/coprocessor_plugin.h"
#include "src/plugins/headers/headers_plugin.h"
#include "src/plugins/rhai/rhai_plugin.h"
#include "src/server/cors.h"
#include "src/server/csrf.h"
#include "src/server/graphql_http.h"
#include "src/server/health_check.h"
#include "src/server/landing/landing.h"
#include "src/server/router_service.h"

namespace plexus::server {

namespace {

// CORS, outermost as in Apollo Router (before anything can answer): preflights are answered
// here, every other answer gets the CORS headers of its origin.
class CorsPlugin final : public Plugin {
 public:
  explicit CorsPlugin(Cors cors) : cors_(std::move(cors)) {}
  router::Service routerService(router::Service next) override {
    return [cors = cors_, next = std::move(next)](router::Request request,
                                                  Reply<router::Response> reply) {
      if (std::optional<http::Response> preflight = cors.preflight(request.http)) {
        return reply(
            router::Response{.http = std::move(*preflight), .context = std::move(request.context)});
      }
      std::optional<std::string> origin;
      if (auto value = request.http.headers.get("origin")) origin = std::string(*value);
      next(std::move(request),
           [cors, origin = std::move(origin), reply = std::move(reply)](router::Response response) {
             cors.addHeaders(origin, response.http);
             reply(std::move(response));
           });
    };
  }

 private:
  Cors cors_;
};

class HealthCheckPlugin final : public Plugin {
 public:
  explicit HealthCheckPlugin(std::shared_ptr<HealthState> health) : health_(std::move(health)) {}
  router::Service routerService(router::Service next) override {
    return health_->rejectionCounter()(std::move(next));
  }

 private:
  std::shared_ptr<HealthState> health_;
};

// apollo-router plugins/csrf: on the GraphQL endpoint, GET and POST alike, before content
// negotiation. Browsers opening the endpoint for the landing page are let through.
class CsrfPlugin final : public Plugin {
 public:
  explicit CsrfPlugin(const config::RouterConfig& config)
      : csrf_(config.csrf),
        path_(config.supergraph.path),
        landing_(config.landing.homepage || config.landing.sandbox) {}
  router::Service routerService(router::Service next) override {
    return [this, next = std::move(next)](router::Request request, Reply<router::Response> reply) {
      const http::Request& http = request.http;
      bool graphql = (http.method == "GET" || http.method == "POST") &&
                     pathMatches(path_, http.path()) &&
                     !(landing_ && landing::isBrowserNavigation(http));
      if (graphql) {
        if (std::optional<RequestFailure> refused = checkCsrf(csrf_, http)) {
          return reply(router::Response{.http = errorResponse(*refused, ResponseFormat::kJson),
                                        .context = std::move(request.context)});
        }
      }
      next(std::move(request), std::move(reply));
    };
  }

 private:
  config::CsrfConfig csrf_;
  std::string path_;
  bool landing_;
};

}  // namespace

StatusOr<std::vector<BuiltinPlugin>> builtinPlugins(
    const config::RouterConfig& config, std::shared_ptr<HealthState> health,
    const std::shared_ptr<const federation::Supergraph>& supergraph) {
  StatusOr<Cors> cors = Cors::compile(config.cors);
  if (!cors.ok()) return cors.status();
  auto headers = plugins::headers::HeadersPlugin::create(config.headers);
  if (!headers.ok()) return headers.status();
  std::vector<BuiltinPlugin> builtins;
  builtins.push_back({"apollo.cors", std::make_shared<CorsPlugin>(std::move(*cors))});
  if (!config.headers.empty()) builtins.push_back({"apollo.headers", std::move(*headers)});
  builtins.push_back({"apollo.health_check", std::make_shared<HealthCheckPlugin>(health)});
  if (!config.csrf.unsafe_disabled) {
    builtins.push_back({"apollo.csrf", std::make_shared<CsrfPlugin>(config)});
  }
  if (config.rhai) {
    auto rhai = plugins::rhai::RhaiPlugin::load(*config.rhai, supergraph);
    if (!rhai.ok()) return rhai.status();
    builtins.push_back({"apollo.rhai", std::move(*rhai)});
  }
  if (config.coprocessor) {
    auto coprocessor =
        plugins::coprocessor::CoprocessorPlugin::load(*config.coprocessor, supergraph);
    if (!coprocessor.ok()) return coprocessor.status();
    builtins.push_back({"apollo.coprocessor", std::move(*coprocessor)});
  }
  return builtins;
}

}  // namespace plexus::server
