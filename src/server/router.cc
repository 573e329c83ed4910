#include "src/server/router.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

#include "include/plexus/metrics.h"
#include "include/plexus/worker.h"
#include "src/common/cpu.h"
#include "src/http/client.h"
#include "src/http/server.h"
#include "src/plugins/instances.h"
#include "src/server/asio_scheduler.h"
#include "src/server/builtin_plugins.h"
#include "src/server/health_check.h"
#include "src/server/metrics_endpoint.h"
#include "src/server/router_service.h"
#include "src/telemetry/metrics_registry.h"

namespace plexus::server {

namespace {

// One configuration generation: immutable once built, shared by the requests that run on it.
struct Generation {
  uint64_t number = 0;
  // The configured native plugins; shut down when the generation's last request is done.
  std::shared_ptr<plugins::PluginSet> plugins;
  // The built-in plugins (apollo.cors, apollo.headers, …), before the native ones.
  std::vector<std::shared_ptr<Plugin>> builtins;
  std::unique_ptr<RouterService> service;  // thread-safe: handle() runs on every worker at once
  std::shared_ptr<const FetcherSettings> fetcher_settings;
};

// Builds a generation: everything is created and checked before it may serve, and nothing of the
// running generation changes. `previous` gives plugins their previous configuration.
StatusOr<std::shared_ptr<const Generation>> buildGeneration(
    uint64_t number, config::RouterConfig config,
    std::shared_ptr<const federation::Supergraph> supergraph,
    const std::shared_ptr<HealthState>& health, const Generation* previous) {
  StatusOr<std::vector<BuiltinPlugin>> builtins = builtinPlugins(config, health, supergraph);
  if (!builtins.ok()) return builtins.status();
  StatusOr<std::vector<plugins::ConfiguredPlugin>> configured =
      plugins::readPluginConfigs(config.plugins);
  if (!configured.ok()) return configured.status();
  StatusOr<std::shared_ptr<plugins::PluginSet>> plugin_set = plugins::createPlugins(
      *configured, supergraph->sdl(), previous ? previous->plugins.get() : nullptr);
  if (!plugin_set.ok()) return plugin_set.status();
  auto generation = std::make_shared<Generation>();
  generation->plugins = std::move(*plugin_set);
  generation->number = number;
  auto settings = std::make_shared<FetcherSettings>();
  settings->traffic_shaping = config.traffic_shaping;
  generation->fetcher_settings = std::move(settings);
  // The built-in plugins in Apollo Router's order (builtin_plugins.h), then the native plugins
  // in YAML order; the first is outermost.
  StageWrappers wrappers;
  for (BuiltinPlugin& builtin : *builtins) {
    plugins::addPlugin(builtin.plugin, wrappers);
    generation->builtins.push_back(std::move(builtin.plugin));
  }
  generation->plugins->addTo(wrappers);
  RouterServiceOptions options;
  options.health = health;
  options.endpoints = generation->plugins->webEndpoints();
  generation->service = std::make_unique<RouterService>(std::move(supergraph), std::move(config),
                                                        options, std::move(wrappers));
  return std::shared_ptr<const Generation>(std::move(generation));
}

// What one worker thread owns; created and destroyed on that thread. `generation` is the one its
// last request took, `pipeline` the generation's pipeline over the worker's fetcher for it
// (requests in flight hold theirs).
struct WorkerState {
  WorkerState(int worker_index, boost::asio::io_context& io)
      : index(worker_index),
        client(io),
        scheduler(io),
        installed_scheduler(scheduler),
        installed_client(client) {}
  int index;
  http::Client client;
  // For the requests' code: timers (the timeout layer) and the HTTP client (plugins' calls).
  AsioScheduler scheduler;
  ScopedScheduler installed_scheduler;
  ScopedHttpClient installed_client;
  std::shared_ptr<const Generation> generation;
  std::shared_ptr<const Pipeline> pipeline;  // the generation's, over this worker's fetcher
};

thread_local WorkerState* current_worker = nullptr;

}  // namespace

struct Router::Impl {
  RouterOptions options;  // as started: listen, limits and path of the HTTP server
  // The current generation; `generation_number` is its number, stored after it, so that workers
  // compare a counter on each request and load the shared_ptr only after a reload.
  std::atomic<std::shared_ptr<const Generation>> generation;
  std::atomic<uint64_t> generation_number{0};
  // One slot per worker, written by its thread at start and at stop.
  std::vector<std::unique_ptr<WorkerState>> workers;
  std::vector<std::atomic<uint64_t>> sent;
  std::vector<std::atomic<uint64_t>> deduplicated;
  std::shared_ptr<HealthState> health;  // one per process: survives reloads
  std::unique_ptr<AdminEndpoint> health_endpoint;
  std::unique_ptr<AdminEndpoint> metrics_endpoint;  // telemetry.exporters.metrics.prometheus
  // http.server.request.duration (seconds, by http.response.status_code), as Apollo Router's.
  metrics::Histogram request_duration;
  std::unique_ptr<http::Server> server;  // last: stopped and destroyed first

  // Brings `worker` onto the current generation, with a fresh fetcher for its settings. The
  // retired fetcher adds its counts to the worker's when its last request lets go of it.
  void refresh(WorkerState& worker) {
    if (worker.generation && worker.generation->number == generation_number.load()) return;
    worker.generation = generation.load();
    auto fetcher = std::shared_ptr<HttpSubgraphFetcher>(
        new HttpSubgraphFetcher(worker.client, worker.generation->fetcher_settings),
        [this, index = worker.index](HttpSubgraphFetcher* fetcher) {
          FetcherStats stats = fetcher->stats();
          sent[index] += stats.requests_sent;
          deduplicated[index] += stats.deduplicated;
          delete fetcher;
        });
    worker.pipeline = worker.generation->service->pipeline(std::move(fetcher));
  }
};

Router::Router(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Router::~Router() {
  if (impl_->server) impl_->server->stop(std::chrono::milliseconds(0));
  if (impl_->health_endpoint) impl_->health_endpoint->stop();
  if (impl_->metrics_endpoint) impl_->metrics_endpoint->stop();
}

StatusOr<std::unique_ptr<Router>> Router::start(RouterOptions options) {
  if (!options.supergraph) return Status::error("router: no supergraph");
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  const config::RouterConfig& config = impl->options.config;
  impl->health = std::make_shared<HealthState>(config.health_check);
  // Before the plugins are created: histograms they make take common.buckets.
  metrics::setDefaultBuckets(config.metrics.buckets);
  impl->request_duration =
      metrics::meter("apollo/router")
          .histogram("http.server.request.duration", "Duration of HTTP server requests", "s");
  StatusOr<std::shared_ptr<const Generation>> first =
      buildGeneration(1, config, impl->options.supergraph, impl->health, nullptr);
  if (!first.ok()) return first.status();
  impl->generation = std::move(*first);
  impl->generation_number = 1;

  int workers = impl->options.workers;
  if (workers <= 0) workers = availableCpus();
  impl->workers.resize(workers);
  impl->sent = std::vector<std::atomic<uint64_t>>(workers);
  impl->deduplicated = std::vector<std::atomic<uint64_t>>(workers);

  http::ServerOptions server_options;
  server_options.host = config.supergraph.listen.host;
  server_options.port = config.supergraph.listen.port;
  server_options.unix_socket_path = config.supergraph.listen.unix_socket;
  server_options.workers = workers;
  server_options.limits.max_body_bytes = config.limits.http_max_request_bytes;
  server_options.limits.max_headers = config.limits.http1_max_request_headers;
  server_options.header_read_timeout = config.server.header_read_timeout;
  server_options.tls_handshake_timeout = config.server.tls_handshake_timeout;
  if (const std::optional<config::TlsServerConfig>& tls = config.tls.supergraph) {
    server_options.tls =
        http::TlsOptions{.certificate_pem = tls->certificate,
                         .certificate_chain_pem = tls->certificate_chain.value_or(""),
                         .key_pem = tls->key};
  }
  Impl* raw = impl.get();
  server_options.on_worker_start = [raw](int worker, boost::asio::io_context& io) {
    raw->workers[worker] = std::make_unique<WorkerState>(worker, io);
    current_worker = raw->workers[worker].get();
    raw->refresh(*current_worker);
  };
  server_options.on_worker_stop = [raw](int worker) {
    current_worker = nullptr;
    raw->workers[worker].reset();  // its fetcher counts as it goes (unless a request holds it)
  };
  auto server = http::Server::start(
      std::move(server_options), [raw](http::Request& request, http::Responder respond) {
        WorkerState& worker = *current_worker;
        raw->refresh(worker);
        router::Request router_request;
        router_request.http = std::move(request);
        const Pipeline& pipeline = *worker.pipeline;
        pipeline.router(
            std::move(router_request),
            [raw, started = std::chrono::steady_clock::now(), generation = worker.generation,
             pipeline = worker.pipeline, respond = std::move(respond)](router::Response response) {
              std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
              raw->request_duration.record(
                  elapsed.count(),
                  {{"http.response.status_code", std::to_string(response.http.status)}});
              respond(std::move(response.http));
            });
      });
  if (!server.ok()) {
    const std::string& message = server.status().message();
    return Status::error(message.starts_with("tls: ") ? "tls.supergraph." + message.substr(5)
                                                      : message);
  }
  impl->server = std::move(*server);
  if (config.health_check.enabled &&
      !config::sameListener(config.health_check.listen, config.supergraph.listen)) {
    auto endpoint = startHealthEndpoint(config.health_check, impl->health);
    if (!endpoint.ok()) return endpoint.status();
    impl->health_endpoint = std::move(*endpoint);
  }
  const config::PrometheusConfig& prometheus = config.metrics.prometheus;
  if (prometheus.enabled && !config::sameListener(prometheus.listen, config.supergraph.listen)) {
    auto endpoint = startMetricsEndpoint(prometheus);
    if (!endpoint.ok()) return endpoint.status();
    impl->metrics_endpoint = std::move(*endpoint);
  }
  impl->generation.load()->plugins->activate();
  impl->health->activate();
  return std::unique_ptr<Router>(new Router(std::move(impl)));
}

uint16_t Router::port() const { return impl_->server->port(); }

int Router::workers() const { return impl_->server->workers(); }

std::string Router::url() const {
  const config::SupergraphConfig& supergraph = impl_->options.config.supergraph;
  if (!supergraph.listen.unix_socket.empty()) {
    return "unix:" + supergraph.listen.unix_socket + ":" + supergraph.path;
  }
  std::string host = supergraph.listen.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(port()) + supergraph.path;
}

FetcherStats Router::fetcherStats() const {
  FetcherStats total;
  for (size_t i = 0; i < impl_->sent.size(); ++i) {
    total.requests_sent += impl_->sent[i].load();
    total.deduplicated += impl_->deduplicated[i].load();
  }
  return total;
}

StatusOr<std::vector<std::string>> Router::reload(
    config::RouterConfig config, std::shared_ptr<const federation::Supergraph> supergraph) {
  const config::RouterConfig& running = impl_->options.config;
  std::vector<std::string> needs_restart;
  if (!(config.supergraph.listen == running.supergraph.listen)) {
    needs_restart.push_back("supergraph.listen");
  }
  if (config.limits.http_max_request_bytes != running.limits.http_max_request_bytes) {
    needs_restart.push_back("limits.http_max_request_bytes");
  }
  if (config.limits.http1_max_request_headers != running.limits.http1_max_request_headers) {
    needs_restart.push_back("limits.http1_max_request_headers");
  }
  if (config.server.header_read_timeout != running.server.header_read_timeout) {
    needs_restart.push_back("server.http.header_read_timeout");
  }
  if (config.server.tls_handshake_timeout != running.server.tls_handshake_timeout) {
    needs_restart.push_back("server.http.tls_handshake_timeout");
  }
  if (config.tls.supergraph.has_value() != running.tls.supergraph.has_value() ||
      (config.tls.supergraph &&
       (config.tls.supergraph->certificate != running.tls.supergraph->certificate ||
        config.tls.supergraph->key != running.tls.supergraph->key ||
        config.tls.supergraph->certificate_chain != running.tls.supergraph->certificate_chain))) {
    needs_restart.push_back("tls.supergraph");
  }
  const config::HealthCheckConfig& health = config.health_check;
  const config::HealthCheckConfig& running_health = running.health_check;
  if (health.enabled != running_health.enabled || !(health.listen == running_health.listen) ||
      health.path != running_health.path ||
      health.readiness_allowed != running_health.readiness_allowed ||
      health.readiness_sampling != running_health.readiness_sampling ||
      health.readiness_unready != running_health.readiness_unready) {
    needs_restart.push_back("health_check");
  }
  // The main listener's metrics path follows the generation; an own listener keeps its settings.
  const config::PrometheusConfig& prometheus = config.metrics.prometheus;
  const config::PrometheusConfig& running_prometheus = running.metrics.prometheus;
  auto ownListener = [](const config::RouterConfig& c) {
    return c.metrics.prometheus.enabled &&
           !config::sameListener(c.metrics.prometheus.listen, c.supergraph.listen);
  };
  if (!(prometheus == running_prometheus) && (ownListener(config) || ownListener(running))) {
    needs_restart.push_back("telemetry.exporters.metrics.prometheus");
  }
  if (config.metrics.buckets != running.metrics.buckets) {
    needs_restart.push_back("telemetry.exporters.metrics.common.buckets");
  }
  uint64_t number = impl_->generation_number.load() + 1;
  StatusOr<std::shared_ptr<const Generation>> next =
      buildGeneration(number, std::move(config), std::move(supergraph), impl_->health,
                      impl_->generation.load().get());
  if (!next.ok()) return next.status();
  (*next)->plugins->activate();
  impl_->generation = std::move(*next);
  impl_->generation_number = number;
  return needs_restart;
}

config::RouterConfig Router::config() const { return impl_->generation.load()->service->config(); }

std::shared_ptr<const federation::Supergraph> Router::supergraph() const {
  return impl_->generation.load()->service->supergraphPtr();
}

uint64_t Router::generation() const { return impl_->generation_number.load(); }

void Router::stop(std::chrono::milliseconds grace) {
  impl_->health->deactivate();  // probes see DOWN while requests drain
  impl_->server->stop(grace);
  if (impl_->health_endpoint) impl_->health_endpoint->stop();
  if (impl_->metrics_endpoint) impl_->metrics_endpoint->stop();
}

uint16_t Router::healthPort() const {
  return impl_->health_endpoint ? impl_->health_endpoint->port() : 0;
}

uint16_t Router::metricsPort() const {
  return impl_->metrics_endpoint ? impl_->metrics_endpoint->port() : 0;
}

}  // namespace plexus::server
