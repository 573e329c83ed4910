#include "src/server/router.h"

#include <atomic>
#include <thread>
#include <vector>

#include "src/common/cpu.h"
#include "src/http/client.h"
#include "src/http/server.h"
#include "src/server/router_service.h"

namespace plexus::server {

namespace {

// What one worker thread owns; created and destroyed on that thread.
struct WorkerState {
  WorkerState(boost::asio::io_context& io, std::shared_ptr<const FetcherSettings> settings)
      : client(io), fetcher(client, std::move(settings)) {}
  http::Client client;
  HttpSubgraphFetcher fetcher;
};

thread_local WorkerState* current_worker = nullptr;

}  // namespace

struct Router::Impl {
  RouterOptions options;
  std::shared_ptr<const FetcherSettings> fetcher_settings;
  std::unique_ptr<RouterService> service;
  // One slot per worker, written by its thread at start and at stop.
  std::vector<std::unique_ptr<WorkerState>> workers;
  std::vector<std::atomic<uint64_t>> sent;
  std::vector<std::atomic<uint64_t>> deduplicated;
  std::unique_ptr<http::Server> server;  // last: stopped and destroyed first
};

Router::Router(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Router::~Router() {
  if (impl_->server) impl_->server->stop(std::chrono::milliseconds(0));
}

StatusOr<std::unique_ptr<Router>> Router::start(RouterOptions options) {
  if (!options.supergraph) return Status::error("router: no supergraph");
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  const config::RouterConfig& config = impl->options.config;

  auto settings = std::make_shared<FetcherSettings>();
  settings->traffic_shaping = config.traffic_shaping;
  settings->url_overrides = config.override_subgraph_url;
  impl->fetcher_settings = std::move(settings);
  impl->service = std::make_unique<RouterService>(impl->options.supergraph, config);

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
  Impl* raw = impl.get();
  server_options.on_worker_start = [raw](int worker, boost::asio::io_context& io) {
    raw->workers[worker] = std::make_unique<WorkerState>(io, raw->fetcher_settings);
    current_worker = raw->workers[worker].get();
  };
  server_options.on_worker_stop = [raw](int worker) {
    current_worker = nullptr;
    FetcherStats stats = raw->workers[worker]->fetcher.stats();
    raw->sent[worker] = stats.requests_sent;
    raw->deduplicated[worker] = stats.deduplicated;
    raw->workers[worker].reset();
  };
  RouterService* service = impl->service.get();
  auto server = http::Server::start(
      std::move(server_options), [service](http::Request& request, http::Responder respond) {
        service->handle(request, current_worker->fetcher, std::move(respond));
      });
  if (!server.ok()) return server.status();
  impl->server = std::move(*server);
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

void Router::stop(std::chrono::milliseconds grace) { impl_->server->stop(grace); }

}  // namespace plexus::server
