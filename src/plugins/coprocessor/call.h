// One coprocessor stage at run time: where its calls go, what it sends, and what happens around a
// call — the POST on the worker's pooled client (include/plexus/worker.h), the reply check
// (protocol.h), the metrics Apollo records, the error log, `on_error` and `detached`.
//
//   auto runtime = StageRuntime::make(Stage::kSubgraphRequest, stage_config, plugin_config, sdl);
//   if (!runtime.ok()) return runtime.status();     // "coprocessor.url: …"
//   callStage(**runtime, std::move(envelope), [](StageCall call) {
//     if (call.reply) apply(*call.reply) …;          // then call.finish(status_of_apply)
//   });
//
// Thread-safety: a StageRuntime is immutable and shared by every worker; callStage runs on the
// worker thread of the request and calls `done` there, once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "src/common/status.h"
#include "src/config/coprocessor_config.h"
#include "src/http/client.h"
#include "src/plugins/coprocessor/protocol.h"

namespace plexus::plugins::coprocessor {

// Where calls go: an http(s) URL as it is, or `unix:///abs.sock?path=/p` as the socket and
// "http://localhost/p" ("/" by default).
struct Endpoint {
  std::string url;
  std::string unix_socket;  // empty: TCP
};
StatusOr<Endpoint> parseEndpoint(std::string_view url);

struct StageRuntime {
  Stage stage;
  config::CoprocessorStageConfig config;
  ContextSelection context;
  Endpoint endpoint;
  std::chrono::milliseconds timeout{1000};
  http::Http2 http2 = http::Http2::kEnable;  // coprocessor.client.experimental_http2
  bool response_validation = true;
  uint32_t detached_queue = 1024;
  std::shared_ptr<const std::string> sdl;  // the supergraph SDL, for `sdl: true`

  // Null when the stage's config is all defaults (Apollo installs no stage then).
  static StatusOr<std::shared_ptr<const StageRuntime>> make(
      Stage stage, const config::CoprocessorStageConfig& config,
      const config::CoprocessorConfig& plugin, std::shared_ptr<const std::string> sdl);
};

// The outcome of one call, handed to the stage. `reply` is set when there is something to apply
// (for a detached or failed-open call it is an empty reply: nothing changes). The stage applies
// it, then calls finish() with the result of applying (ok, or why the reply was unusable), which
// records the metrics and logs. finish() returns true when the stage must fail the request
// (on_error: fail), false when it goes on (applied, or failed open).
class StageCall {
 public:
  std::optional<Output> reply;
  bool finish(const Status& applied);
  // The failure's text for the client-facing error (subgraph stages): set once finish() failed.
  const std::string& error() const { return error_; }

 private:
  friend void callStage(const std::shared_ptr<const StageRuntime>& runtime, json::Value envelope,
                        std::function<void(StageCall)> done);
  std::shared_ptr<const StageRuntime> runtime_;
  std::chrono::steady_clock::time_point started_;
  Status call_status_;  // the transport and reply checks
  std::string error_;
  bool recorded_ = false;
};

// Sends `envelope` (built by the stage with envelopeFor and the selected fields) and calls `done`
// with the outcome. Detached stages call `done` at once with an empty reply and send in the
// background, unless the worker already has `detached_queue` calls in flight (then the call is
// dropped and counted in plexus.coprocessor.detached.dropped).
void callStage(const std::shared_ptr<const StageRuntime>& runtime, json::Value envelope,
               std::function<void(StageCall)> done);

// Adds the flags every stage shares to `envelope`: context (when selected) and sdl.
void addCommonFields(const StageRuntime& runtime, const Context& context, json::Value& envelope,
                     std::vector<std::string>* sent_keys);

// Applies a reply's context entries (request stages upsert; response stages also delete).
void applyContext(const StageRuntime& runtime, const Output& reply, Context& context,
                  const std::vector<std::string>& sent_keys);

}  // namespace plexus::plugins::coprocessor
