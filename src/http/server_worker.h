// One server worker thread: its io_context, its listener, its accept loop and the registry of its
// open connections. Internal to src/http (includes Asio); src/http/server.h is the public face.
// Sockets are Asio's generic stream protocol, so one code path serves TCP and Unix sockets; with
// TLS configured, accepted sockets go through the handshake (server_tls.h) before HTTP.
//
//   ServerWorker worker(0, shared);
//   worker.listen(endpoint, "127.0.0.1:4000", /*reuse_port=*/true, 1024);   // before run()
//   worker.startAccepting({});
//   std::thread thread([&] { worker.run(); });             // returns once stopped and drained
//   boost::asio::post(worker.io(), [&] { worker.beginStop(); });
//
// Thread-safety: listen/startAccepting before the thread starts; afterwards everything runs on
// the worker thread (reach it with boost::asio::post(worker.io(), …)), except the stats counters,
// which any thread may read.
#pragma once

#include <atomic>
#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <ctime>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/common/status.h"
#include "src/http/server.h"

namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace plexus::http {

class ServerConnection;

// TCP or Unix domain stream sockets alike.
using StreamProtocol = boost::asio::generic::stream_protocol;
using StreamAcceptor = boost::asio::basic_socket_acceptor<StreamProtocol>;

// What every worker of one server reads; immutable once the server started.
// Exactly one of the handlers is set.
struct ServerShared {
  ServerOptions options;
  Handler handler;
  AsyncHandler async_handler;
  // Set when options.tls is: every connection starts with a TLS handshake (server_tls.h).
  std::shared_ptr<boost::asio::ssl::context> tls_context;
};

class ServerWorker {
 public:
  ServerWorker(int index, const ServerShared& shared);
  ~ServerWorker();
  ServerWorker(const ServerWorker&) = delete;
  ServerWorker& operator=(const ServerWorker&) = delete;

  int index() const { return index_; }
  const ServerShared& shared() const { return shared_; }
  boost::asio::io_context& io() { return io_; }

  // Opens, binds and listens (SO_REUSEPORT when asked); `name` ("127.0.0.1:4000", a socket path)
  // prefixes errors. Control thread, before run().
  Status listen(const StreamProtocol::endpoint& endpoint, std::string_view name, bool reuse_port,
                int backlog);
  StreamProtocol::endpoint localEndpoint() const;
  // Starts accepting on this worker's listener. With `targets`, accepted connections are handed
  // round-robin to those workers (the shared-acceptor mode); without, they stay here.
  void startAccepting(std::vector<ServerWorker*> targets);

  // The thread body: on_worker_start, serve until stopped and drained, on_worker_stop.
  void run();
  // Worker thread: accept the connections already queued on the listener (their requests may
  // already be sent), close it, close idle connections, let busy ones finish.
  void beginStop();
  // Worker thread: close every connection now.
  void forceStop();

  // For connections (worker thread only).
  using Registration = std::list<ServerConnection*>::iterator;
  Registration attach(ServerConnection* connection);
  void detach(Registration registration);
  bool stopping() const { return stopping_; }
  bool forcedStop() const { return forced_; }
  // The IMF-fixdate of the current second, for the date header.
  std::string_view date();

  struct alignas(64) Stats {
    std::atomic<uint64_t> accepted{0};
    std::atomic<uint64_t> open{0};
    std::atomic<uint64_t> requests{0};
  };
  Stats& stats() { return stats_; }
  const Stats& stats() const { return stats_; }

 private:
  void acceptNext(std::vector<ServerWorker*> targets, size_t next);
  void serve(ServerWorker& target, StreamProtocol::socket socket);
  // On `worker`'s thread: a TLS handshake first when configured, then HTTP/1.1.
  static void startConnection(ServerWorker& worker, StreamProtocol::socket socket);
  void acceptQueued();

  const int index_;
  const ServerShared& shared_;
  Stats stats_;
  bool stopping_ = false;
  bool forced_ = false;
  bool unix_socket_ = false;  // the listener is a Unix domain socket (no TCP_NODELAY)
  std::time_t date_second_ = 0;
  std::string date_;
  // Declared before io_: coroutine frames destroyed with io_ detach from this list.
  std::list<ServerConnection*> connections_;
  boost::asio::io_context io_{1};
  // Keeps run() going while a worker has nothing to do yet (shared-acceptor mode); released by
  // beginStop so run() returns once the last connection ends.
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::optional<StreamAcceptor> acceptor_;
};

}  // namespace plexus::http
