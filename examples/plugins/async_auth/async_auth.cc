// example.async_auth — an asynchronous gate (`checkpointAsync`) that asks an external service
// whether a request may go on, as Apollo's async-auth example. The client's credential header is
// forwarded to `url` with the worker's HTTP client (currentHttpClient()); a 2xx answer lets the
// request through with the service's answer in the context (example::async_auth::identity), any
// other status refuses it with a 403, a request without the header gets a 401 without a call,
// and an unreachable service a 503. The worker keeps serving other requests while it waits.
//
//   plugins:
//     example.async_auth:
//       url: http://127.0.0.1:4100/check
//       header: authorization   # default
//       timeout: 1s             # default
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"
#include "include/plexus/worker.h"

namespace plexus::examples {
namespace {

struct AsyncAuthConfig {
  std::string url;
  std::string header = "authorization";
  std::chrono::milliseconds timeout{1000};
};

using Continue = layers::Continuation<supergraph::Request, supergraph::Response>;

void refuse(const Continue& done, const Context& context, int status, std::string message,
            std::string code) {
  done.stop(supergraph::Response::failure(
      status, {layers::codedError(std::move(message), std::move(code))}, context));
}

class AsyncAuth : public Plugin {
 public:
  using Config = AsyncAuthConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Asks an external service whether each request may go on")
        .field("url", &Config::url, string(), "The auth service's URL (http://)")
        .required()
        .field("header", &Config::header, string(), "The client's header to forward")
        .field("timeout", &Config::timeout, duration(), "How long to wait for the service")
        .type();
  }
  explicit AsyncAuth(PluginInit<Config> init) : config_(std::move(init.config)) {}

  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::ServiceBuilder<supergraph::Request, supergraph::Response>()
        .checkpointAsync([config = config_](supergraph::Request request, Continue done) {
          std::optional<std::string_view> credential = request.http.headers.get(config.header);
          if (!credential) {
            return refuse(done, request.context, 401, "Missing '" + config.header + "' header",
                          "AUTH_ERROR");
          }
          http::ClientRequest call{.url = config.url, .timeout = config.timeout};
          call.request.method = "GET";
          call.request.headers.add(config.header, *credential);
          http::Client* client = currentHttpClient();  // the worker's pooled client
          if (client == nullptr) {
            return refuse(done, request.context, 500, "No HTTP client on this thread",
                          "INTERNAL_SERVER_ERROR");
          }
          // The callback runs later, on this worker's thread; `done` decides from there.
          client->send(std::move(call), [request = std::move(request),
                                         done](http::ClientResult result) mutable {
            if (!result.ok()) {
              return refuse(done, request.context, 503, "The auth service is unavailable",
                            "AUTH_SERVICE_UNAVAILABLE");
            }
            const http::Response& answer = result.response();
            if (answer.status < 200 || answer.status > 299) {
              return refuse(done, request.context, 403, "Not allowed", "UNAUTHORIZED");
            }
            request.context.insert("example::async_auth::identity", answer.body);
            done.proceed(std::move(request));
          });
        })
        .buffered()  // a no-op in Plexus, kept to mirror Apollo's checkpoint_async().buffered()
        .service(std::move(next));
  }

 private:
  Config config_;
};

PLEXUS_REGISTER_PLUGIN("example", "async_auth", AsyncAuth);

}  // namespace
}  // namespace plexus::examples
