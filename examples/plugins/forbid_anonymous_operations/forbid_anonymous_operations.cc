// example.forbid_anonymous_operations — a synchronous gate (`checkpoint`) on the supergraph
// stage, as Apollo's forbid-anonymous-operations example: a request without an `operationName`
// is answered 400 {"errors":[{"message":"Anonymous operations are not allowed",
// "extensions":{"code":"ANONYMOUS_OPERATION"}}]} and goes no further. No configuration.
//
//   plugins:
//     example.forbid_anonymous_operations: {}
#include <optional>
#include <utility>

#include "include/plexus/layers.h"
#include "include/plexus/plugin.h"
#include "src/telemetry/log.h"

namespace plexus::examples {
namespace {

class ForbidAnonymousOperations : public Plugin {
 public:
  using Config = NoConfig;
  explicit ForbidAnonymousOperations(PluginInit<Config> /*init*/) {}

  // The supergraph stage is the first to see the GraphQL request (query, operationName,
  // variables), so refusing here costs no parsing or planning.
  supergraph::Service supergraphService(supergraph::Service next) override {
    return layers::ServiceBuilder<supergraph::Request, supergraph::Response>()
        .checkpoint([](supergraph::Request& request) -> std::optional<supergraph::Response> {
          // As Apollo's example: what counts is the request's operationName, not a name in the
          // document.
          if (!request.operation_name.empty()) return std::nullopt;  // go on
          log::error("Operation is not allowed!");
          return supergraph::Response::failure(
              400,
              {layers::codedError("Anonymous operations are not allowed", "ANONYMOUS_OPERATION")},
              request.context);
        })
        .service(std::move(next));
  }
};

PLEXUS_REGISTER_PLUGIN("example", "forbid_anonymous_operations", ForbidAnonymousOperations);

}  // namespace
}  // namespace plexus::examples
