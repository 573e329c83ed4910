#include "src/http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "src/common/cpu.h"
#include "src/http/server_tls.h"
#include "src/http/server_worker.h"

namespace plexus::http {

namespace asio = boost::asio;
using asio::ip::tcp;
using local = asio::local::stream_protocol;

namespace {

// After the grace period, closing every socket normally ends the workers at once; this bounds
// the wait for that before the io_contexts are stopped outright.
constexpr std::chrono::milliseconds kForceStopWait{1000};

StatusOr<tcp::endpoint> resolveListenAddress(const ServerOptions& options) {
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(options.host, ec);
  if (!ec) return tcp::endpoint(address, options.port);
  asio::io_context io;
  tcp::resolver resolver(io);
  auto results =
      resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return Status::error("cannot resolve listen address '" + options.host + "': " + ec.message());
  }
  return results.begin()->endpoint();
}

// SO_REUSEPORT would let this server share a port with another process of the same user; a
// plain bind first makes a taken port an error, as it is without SO_REUSEPORT.
Status checkPortIsFree(const tcp::endpoint& endpoint) {
  if (endpoint.port() == 0) return Status();
  asio::io_context io;
  tcp::acceptor probe(io);
  boost::system::error_code ec;
  probe.open(endpoint.protocol(), ec);
  if (!ec) probe.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) probe.bind(endpoint, ec);
  if (ec) {
    return Status::error(endpoint.address().to_string() + ":" + std::to_string(endpoint.port()) +
                         ": cannot bind: " + ec.message());
  }
  return Status();
}

uint16_t portOf(const StreamProtocol::endpoint& endpoint) {
  if (endpoint.protocol().family() == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in*>(endpoint.data())->sin_port);
  }
  if (endpoint.protocol().family() == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(endpoint.data())->sin6_port);
  }
  return 0;
}

// A socket file left by a process that died without removing it refuses new binds; one that a
// live server still listens on must stay. Only a socket nobody answers on is removed.
Status removeStaleUnixSocket(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return Status();  // nothing there
  if (!S_ISSOCK(info.st_mode)) {
    return Status::error(path + ": cannot listen: the path exists and is not a socket");
  }
  asio::io_context io;
  local::socket probe(io);
  boost::system::error_code ec;
  probe.connect(local::endpoint(path), ec);
  if (!ec) return Status::error(path + ": cannot bind: another server listens on this socket");
  ::unlink(path.c_str());
  return Status();
}

}  // namespace

struct Server::Impl {
  ServerShared shared;
  std::vector<std::unique_ptr<ServerWorker>> workers;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  std::string unix_socket_path;  // removed at stop when set
  bool stopped = false;
  std::mutex mutex;
  std::condition_variable all_done;
  int running = 0;

  ~Impl() {
    for (std::thread& thread : threads) {
      if (thread.joinable()) thread.join();
    }
    removeUnixSocket();
  }

  void removeUnixSocket() {
    if (!unix_socket_path.empty()) ::unlink(unix_socket_path.c_str());
    unix_socket_path.clear();
  }

  void waitForWorkers(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex);
    all_done.wait_until(lock, deadline, [&] { return running == 0; });
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { stop(std::chrono::milliseconds(0)); }

StatusOr<std::unique_ptr<Server>> Server::start(ServerOptions options, Handler handler) {
  if (!handler) return Status::error("server: no handler");
  ServerShared shared;
  shared.options = std::move(options);
  shared.handler = std::move(handler);
  return startShared(std::move(shared));
}

StatusOr<std::unique_ptr<Server>> Server::start(ServerOptions options, AsyncHandler handler) {
  if (!handler) return Status::error("server: no handler");
  ServerShared shared;
  shared.options = std::move(options);
  shared.async_handler = std::move(handler);
  return startShared(std::move(shared));
}

StatusOr<std::unique_ptr<Server>> Server::startShared(ServerShared shared) {
  ServerOptions& options = shared.options;
  if (options.workers <= 0) {
    options.workers = availableCpus();
  }
  if (options.tls) {
    StatusOr<std::shared_ptr<asio::ssl::context>> context = makeServerTlsContext(*options.tls);
    if (!context.ok()) return context.status();
    shared.tls_context = std::move(*context);
  }
  StreamProtocol::endpoint endpoint;
  std::string name;
  if (!options.unix_socket_path.empty()) {
    if (options.unix_socket_path.size() >= sizeof(sockaddr_un::sun_path)) {
      return Status::error(options.unix_socket_path + ": Unix socket path longer than " +
                           std::to_string(sizeof(sockaddr_un::sun_path) - 1) + " bytes");
    }
    // Linux balances SO_REUSEPORT groups for TCP only: one acceptor hands connections out.
    options.reuse_port = false;
    if (Status stale = removeStaleUnixSocket(options.unix_socket_path); !stale.ok()) return stale;
    endpoint = local::endpoint(options.unix_socket_path);
    name = options.unix_socket_path;
  } else {
    StatusOr<tcp::endpoint> address = resolveListenAddress(options);
    if (!address.ok()) return address.status();
    if (options.reuse_port) {
      if (Status free = checkPortIsFree(*address); !free.ok()) return free;
    }
    endpoint = *address;
    name = address->address().to_string() + ":" + std::to_string(address->port());
  }

  auto impl = std::make_unique<Impl>();
  impl->shared = std::move(shared);
  const ServerOptions& opts = impl->shared.options;
  for (int i = 0; i < opts.workers; ++i) {
    impl->workers.push_back(std::make_unique<ServerWorker>(i, impl->shared));
  }

  // The first listener fixes the port (port 0 picks one); the others join it.
  StreamProtocol::endpoint bound = endpoint;
  int listeners = opts.reuse_port ? opts.workers : 1;
  for (int i = 0; i < listeners; ++i) {
    Status status = impl->workers[i]->listen(bound, name, opts.reuse_port, opts.backlog);
    if (!status.ok()) return status;
    if (i == 0) {
      bound = impl->workers[0]->localEndpoint();
      impl->unix_socket_path = opts.unix_socket_path;  // ours now: removed when done
    }
  }
  impl->port = portOf(bound);

  if (opts.reuse_port) {
    for (auto& worker : impl->workers) worker->startAccepting({});
  } else {
    std::vector<ServerWorker*> targets;
    for (auto& worker : impl->workers) targets.push_back(worker.get());
    impl->workers[0]->startAccepting(std::move(targets));
  }

  impl->running = opts.workers;
  Impl* raw = impl.get();
  for (auto& worker : impl->workers) {
    ServerWorker* w = worker.get();
    impl->threads.emplace_back([raw, w] {
      w->run();
      std::lock_guard lock(raw->mutex);
      if (--raw->running == 0) raw->all_done.notify_all();
    });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const { return impl_->port; }

int Server::workers() const { return static_cast<int>(impl_->workers.size()); }

void Server::stop(std::chrono::milliseconds grace) {
  if (impl_->stopped) return;
  impl_->stopped = true;
  auto deadline = std::chrono::steady_clock::now() + grace;
  for (auto& worker : impl_->workers) {
    ServerWorker* w = worker.get();
    asio::post(w->io(), [w] { w->beginStop(); });
  }
  impl_->waitForWorkers(deadline);
  for (auto& worker : impl_->workers) {
    ServerWorker* w = worker.get();
    asio::post(w->io(), [w] { w->forceStop(); });
  }
  impl_->waitForWorkers(std::chrono::steady_clock::now() + kForceStopWait);
  for (auto& worker : impl_->workers) worker->io().stop();
  for (std::thread& thread : impl_->threads) thread.join();
  impl_->threads.clear();
  impl_->removeUnixSocket();
}

ServerStats Server::stats() const {
  ServerStats total;
  for (const auto& worker : impl_->workers) {
    const ServerWorker::Stats& s = worker->stats();
    total.connections_accepted += s.accepted.load(std::memory_order_relaxed);
    total.connections_open += s.open.load(std::memory_order_relaxed);
    total.requests += s.requests.load(std::memory_order_relaxed);
  }
  return total;
}

}  // namespace plexus::http
