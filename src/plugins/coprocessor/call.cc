#include "src/plugins/coprocessor/call.h"

#include <mutex>
#include <utility>

#include "include/plexus/metrics.h"
#include "include/plexus/worker.h"
#include "src/plugins/coprocessor/selectors.h"
#include "src/telemetry/log.h"

namespace plexus::plugins::coprocessor {

namespace {

using Mode = config::CoprocessorContextConfig::Mode;

struct Instruments {
  metrics::Counter calls = metrics::meter("apollo.router.coprocessor")
                               .counter("apollo.router.operations.coprocessor",
                                        "Coprocessor calls, by stage and outcome");
  metrics::Histogram duration = metrics::meter("apollo.router.coprocessor")
                                    .histogram("apollo.router.operations.coprocessor.duration",
                                               "Coprocessor call duration, by stage", "s");
  metrics::Counter dropped =
      metrics::meter("plexus.coprocessor")
          .counter("plexus.coprocessor.detached.dropped",
                   "Detached coprocessor calls dropped because the worker's queue was full");
};

const Instruments& instruments() {
  static const Instruments kInstruments;
  return kInstruments;
}

// Detached calls in flight on this worker.
thread_local uint32_t detached_in_flight = 0;

ContextSelection selectionOf(const config::CoprocessorContextConfig& context) {
  ContextSelection selection;
  switch (context.mode) {
    case Mode::kNone: selection.mode = ContextSelection::Mode::kNone; break;
    case Mode::kAll: selection.mode = ContextSelection::Mode::kAll; break;
    case Mode::kDeprecated: selection.mode = ContextSelection::Mode::kDeprecated; break;
    case Mode::kSelective: selection.mode = ContextSelection::Mode::kSelective; break;
  }
  selection.keys = context.keys;
  return selection;
}

http::ClientRequest requestFor(const StageRuntime& runtime, json::Value&& envelope) {
  http::ClientRequest call;
  call.url = runtime.endpoint.url;
  call.unix_socket = runtime.endpoint.unix_socket;
  call.timeout = runtime.timeout;
  call.http2 = runtime.http2;
  call.request.method = "POST";
  call.request.headers.add("content-type", "application/json");
  call.request.headers.add("accept", "application/json");
  call.request.body = json::serialize(envelope);
  return call;
}

// The reply body, or why there is none usable. Apollo does not look at the HTTP status: a
// non-2xx reply whose body is a valid envelope is accepted (COPROCESSOR.md §8 ⚠).
Status transportStatus(const http::ClientResult& result) {
  if (!result.ok()) {
    if (result.error().code == http::ClientErrorCode::kTimeout)
      return Status::error("coprocessor call timed out");
    return Status::error(result.error().message);
  }
  return Status();
}

}  // namespace

StatusOr<Endpoint> parseEndpoint(std::string_view url) {
  if (url.substr(0, 7) != "unix://") return Endpoint{std::string(url), ""};
  std::string_view rest = url.substr(7);
  std::string_view path = "/";
  if (size_t query = rest.find('?'); query != std::string_view::npos) {
    std::string_view params = rest.substr(query + 1);
    rest = rest.substr(0, query);
    if (params.substr(0, 5) == "path=") {
      path = params.substr(5);
    } else {
      log::warn("coprocessor: unix socket URL has a query without `path=`: " + std::string(url));
    }
  }
  if (rest.empty() || rest.front() != '/')
    return Status::error("a unix:// URL needs an absolute socket path, found \"" +
                         std::string(url) + "\"");
  if (path.empty() || path.front() != '/') return Status::error("`path=` must start with '/'");
  return Endpoint{"http://localhost" + std::string(path), std::string(rest)};
}

StatusOr<std::shared_ptr<const StageRuntime>> StageRuntime::make(
    Stage stage, const config::CoprocessorStageConfig& config,
    const config::CoprocessorConfig& plugin, std::shared_ptr<const std::string> sdl) {
  if (!config.active()) return std::shared_ptr<const StageRuntime>();
  if (config.condition) {
    if (Status paths = checkPaths(*config.condition); !paths.ok())
      return Status::error("condition: " + paths.message());
  }
  auto endpoint = parseEndpoint(config.url ? *config.url : plugin.url);
  if (!endpoint.ok()) return endpoint.status();
  auto runtime = std::make_shared<StageRuntime>();
  runtime->stage = stage;
  runtime->config = config;
  runtime->context = selectionOf(config.context);
  runtime->endpoint = std::move(*endpoint);
  runtime->timeout = plugin.timeout;
  runtime->http2 = plugin.experimental_http2 == "http2only" ? http::Http2::kOnly
                   : plugin.experimental_http2 == "disable" ? http::Http2::kDisable
                                                            : http::Http2::kEnable;
  runtime->response_validation = plugin.response_validation;
  runtime->detached_queue = plugin.detached_queue;
  runtime->sdl = std::move(sdl);
  if (config.context.mode == config::CoprocessorContextConfig::Mode::kDeprecated) {
    static std::once_flag warned;
    std::call_once(warned, [] {
      log::warn("coprocessor: `context: true` and `context: deprecated` send v1 context key names");
    });
  }
  return std::shared_ptr<const StageRuntime>(std::move(runtime));
}

bool StageCall::finish(const Status& applied) {
  if (recorded_) return false;
  recorded_ = true;
  const StageRuntime& runtime = *runtime_;
  const Status& status = call_status_.ok() ? applied : call_status_;
  std::string stage(stageName(runtime.stage));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  instruments().calls.add(
      1, {{"coprocessor.stage", stage}, {"coprocessor.succeeded", status.ok() ? "true" : "false"}});
  instruments().duration.record(seconds, {{"coprocessor.stage", stage}});
  if (status.ok()) return false;
  error_ = status.message();
  bool fail = runtime.config.on_error == config::CoprocessorStageConfig::OnError::kFail;
  std::string line = "coprocessor: " + stage + " stage error: " + error_;
  if (fail) {
    log::error(line);
  } else {
    log::warn(line + " (on_error: continue; going on unchanged)");
  }
  return fail;
}

void callStage(const std::shared_ptr<const StageRuntime>& runtime, json::Value envelope,
               std::function<void(StageCall)> done) {
  http::Client* client = currentHttpClient();
  StageCall call;
  call.runtime_ = runtime;
  call.started_ = std::chrono::steady_clock::now();
  if (client == nullptr) {  // not on a worker thread: a misuse, reported as a failed call
    call.call_status_ = Status::error("no HTTP client on this thread");
    call.reply = Output{};
    return done(std::move(call));
  }
  Output empty;
  if (isRequestStage(runtime->stage)) empty.control = Control{};
  if (runtime->config.detached) {
    if (detached_in_flight >= runtime->detached_queue) {
      instruments().dropped.add(1, {{"coprocessor.stage", std::string(stageName(runtime->stage))}});
    } else {
      ++detached_in_flight;
      client->send(requestFor(*runtime, std::move(envelope)),
                   [call](http::ClientResult result) mutable {
                     --detached_in_flight;
                     call.call_status_ = transportStatus(result);
                     if (call.call_status_.ok()) {
                       auto reply = parseReply(result.response().body, call.runtime_->stage);
                       if (!reply.ok()) call.call_status_ = reply.status();
                     }
                     call.finish(Status());
                   });
    }
    call.recorded_ = true;  // the background call records its own outcome
    call.reply = std::move(empty);
    return done(std::move(call));
  }
  client->send(requestFor(*runtime, std::move(envelope)),
               [call = std::move(call), empty = std::move(empty),
                done = std::move(done)](http::ClientResult result) mutable {
                 call.call_status_ = transportStatus(result);
                 if (call.call_status_.ok()) {
                   auto reply = parseReply(result.response().body, call.runtime_->stage);
                   if (reply.ok()) {
                     call.reply = std::move(*reply);
                   } else {
                     call.call_status_ = reply.status();
                   }
                 }
                 // A failed call leaves nothing to apply: the stage goes on unchanged if it
                 // fails open.
                 if (!call.call_status_.ok()) call.reply = std::move(empty);
                 done(std::move(call));
               });
}

void addCommonFields(const StageRuntime& runtime, const Context& context, json::Value& envelope,
                     std::vector<std::string>* sent_keys) {
  if (runtime.context.mode != ContextSelection::Mode::kNone)
    envelope["context"] = contextToJson(context, runtime.context, sent_keys);
  if (runtime.config.sdl && runtime.sdl) envelope["sdl"] = *runtime.sdl;
}

void applyContext(const StageRuntime& runtime, const Output& reply, Context& context,
                  const std::vector<std::string>& sent_keys) {
  if (!reply.context_entries) return;
  mergeContext(context, *reply.context_entries, runtime.context, !isRequestStage(runtime.stage),
               sent_keys);
}

}  // namespace plexus::plugins::coprocessor
