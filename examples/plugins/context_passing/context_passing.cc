// example.context_passing — one request's Context carries data from stage to stage, as Apollo's
// context example:
//   router stage      writes the client's name (the `x-client-name` header) into the context;
//   supergraph stage  writes the operation name, and on the way out reads the subgraph-call
//                     count into an `x-subgraph-calls` response header;
//   subgraph stage    reads both into headers of each subgraph request, and counts its calls
//                     with `upsert` (subgraph calls of one request run concurrently: a get then
//                     insert could lose a count).
// Keys follow the `<plugin>::<name>` convention, so Rhai scripts, coprocessors and telemetry
// selectors see them too.
//
//   plugins:
//     example.context_passing: {}
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"

namespace plexus::examples {
namespace {

constexpr std::string_view kClientName = "example::context_passing::client_name";
constexpr std::string_view kOperationName = "example::context_passing::operation_name";
constexpr std::string_view kSubgraphCalls = "example::context_passing::subgraph_calls";

class ContextPassing : public Plugin {
 public:
  using Config = NoConfig;
  explicit ContextPassing(PluginInit<Config> /*init*/) {}

  router::Service routerService(router::Service next) override {
    return layers::mapRequest(std::move(next), [](router::Request& request) {
      std::optional<std::string_view> client = request.http.headers.get("x-client-name");
      request.context.insert(std::string(kClientName), json::Value(client.value_or("unknown")));
    });
  }

  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::ServiceBuilder<supergraph::Request, supergraph::Response>()
        .mapRequest([](supergraph::Request& request) {
          request.context.insert(std::string(kOperationName), json::Value(request.operation_name));
        })
        .mapResponse([](supergraph::Response& response) {
          std::optional<json::Value> calls = response.context.get(kSubgraphCalls);
          response.headers.set("x-subgraph-calls",
                               std::to_string(calls && calls->isInt() ? calls->asInt() : 0));
        })
        .service(std::move(next));
  }

  subgraph::Service subgraphService(std::string_view /*subgraph*/,
                                    subgraph::Service next) override {
    return layers::ServiceBuilder<subgraph::Request, subgraph::Response>()
        .mapRequest([](subgraph::Request& request) {
          if (std::optional<json::Value> client = request.context.get(kClientName)) {
            request.http.headers.set("x-client-name", client->asString());
          }
          if (std::optional<json::Value> operation = request.context.get(kOperationName)) {
            request.http.headers.set("x-operation-name", operation->asString());
          }
        })
        .mapResponse([](subgraph::Response& response) {
          response.context.upsert(kSubgraphCalls, [](json::Value& calls) {
            calls = json::Value(calls.isInt() ? calls.asInt() + 1 : int64_t{1});
          });
        })
        .service(std::move(next));
  }
};

PLEXUS_REGISTER_PLUGIN("example", "context_passing", ContextPassing);

}  // namespace
}  // namespace plexus::examples
