// The inbound HTTP/1.1 server: N worker threads, each with its own Boost.Asio io_context and its
// own SO_REUSEPORT listener (or one Unix domain socket listener handing connections out), one
// coroutine per connection. A request is framed, handled and answered on the thread that runs its
// connection. Asio-free header.
//
//   ServerOptions options;
//   options.host = "0.0.0.0";
//   options.port = 4000;                        // 0: any free port (tests)
//   options.limits.max_body_bytes = 2'000'000;  // limits.http_max_request_bytes
//   StatusOr<std::unique_ptr<Server>> server = Server::start(options, [](Request& request) {
//     return Response{.status = 200, .headers = {{"content-type", "text/plain"}}, .body = "hi"};
//   });
//   if (!server.ok()) return server.status();   // e.g. "127.0.0.1:4000: Address already in use"
//   (*server)->port();                          // the bound port
//   (*server)->stop(std::chrono::seconds(10));  // graceful: finish in-flight requests
//
//   options.unix_socket_path = "/tmp/router.sock";  // instead of host:port
//
//   // HTTPS (tls.supergraph): PEM text, not file names. A certificate or key that does not load
//   // is an error from start ("tls: key: ...", "tls: the key does not match the certificate").
//   options.tls = TlsOptions{.certificate_pem = leaf, .certificate_chain_pem = intermediates,
//                            .key_pem = key};
//   options.tls_handshake_timeout = std::chrono::seconds(10);
//
//   // Asynchronous: answer later (after subgraph calls), on the same worker thread.
//   Server::start(options, [](Request& request, Responder respond) {
//     fetchSomething(std::move(request.body), [respond](std::string body) {
//       respond(Response{.status = 200, .body = std::move(body)});
//     });
//   });
//
// Connection behaviour: keep-alive; pipelined requests are answered in order (one connection
// handles one request at a time); "Expect: 100-continue" is honoured; 413 for a body over
// limits.max_body_bytes, 431 for a head over limits.max_header_bytes or max_headers, 400 for
// malformed framing, each followed by closing the connection. Deadlines: the request head must
// arrive within header_read_timeout of its first byte (of accept, for a new connection), the body
// within body_read_timeout of the head, and a keep-alive connection idle for idle_timeout closes.
// A connection waiting for its next request holds no read buffer (about 3 KB in all).
//
// Handler contract (both forms): called on a worker thread, concurrently from different workers,
// so it must be thread-safe. The Request is the handler's to move from. An exception escaping it
// becomes a 500.
// - Handler (synchronous) returns the Response; it may block only briefly, since it blocks every
//   connection of its worker.
// - AsyncHandler gets a Responder to call exactly once with the Response, now or later. While a
//   request waits, the other connections of the worker keep running; the requests of one
//   connection stay sequential, so pipelined responses keep their order. Call the Responder on the
//   worker's thread (the io_context given to on_worker_start): callbacks of a Client bound to that
//   io_context are. Called from another thread it hands the response over by posting, at the cost
//   of a wake-up. Extra calls are ignored. A Responder dropped without being called leaves the
//   connection waiting until the server stops.
//
// TLS: with `options.tls` set, every connection (TCP or Unix socket) first completes a TLS
// handshake (TLS 1.2 or 1.3) within tls_handshake_timeout of accept, or is dropped; ALPN selects
// "http/1.1"; then it is served exactly as above over the encrypted stream, header_read_timeout
// counting from the end of the handshake. A client speaking plain HTTP to a TLS port gets a 400
// and is closed.
//
// Thread-safety: start/stop/stats may be called from any one control thread. The Server owns its
// threads; destroying it stops it (with no grace).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "src/common/status.h"
#include "src/http/codec.h"
#include "src/http/message.h"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plexus::http {

using Handler = std::function<Response(Request&)>;
using Responder = std::function<void(Response)>;
using AsyncHandler = std::function<void(Request&, Responder respond)>;

// The server's certificate and key (Apollo's tls.supergraph), as PEM text.
struct TlsOptions {
  // The leaf certificate, optionally followed by intermediates (a "fullchain" file).
  std::string certificate_pem{};  // tls.supergraph.certificate
  // Intermediate certificates sent after the leaf; may be empty.
  std::string certificate_chain_pem{};  // tls.supergraph.certificate_chain
  // The private key of the leaf (PKCS#8, PKCS#1 or SEC1 PEM; not encrypted).
  std::string key_pem{};  // tls.supergraph.key
};

struct ServerOptions {
  std::string host = "127.0.0.1";  // IP literal or a name resolved once at start
  uint16_t port = 0;
  // Non-empty: listen on this Unix domain socket instead of host:port. Linux does not balance
  // SO_REUSEPORT for Unix sockets, so one acceptor hands connections to the workers round-robin
  // (reuse_port is ignored). A socket file nobody listens on (left by a crash) is replaced; one a
  // live server answers on is an error. The file is removed when the server stops.
  std::string unix_socket_path;
  int workers = 0;         // 0: one per hardware thread
  bool reuse_port = true;  // false: one shared acceptor hands connections round-robin
  int backlog = 1024;
  RequestLimits limits;
  std::chrono::milliseconds header_read_timeout{10'000};  // server.http.header_read_timeout
  std::chrono::milliseconds body_read_timeout{30'000};
  std::chrono::milliseconds idle_timeout{75'000};  // keep-alive; also bounds one response write

  // Set: serve HTTPS only. Loaded (and checked) by start.
  std::optional<TlsOptions> tls;
  std::chrono::milliseconds tls_handshake_timeout{10'000};  // server.http.tls_handshake_timeout

  // Builds the response sent when framing fails (status 400, 413, 431 or 501; the reason is for
  // logs). Default: a short text/plain body. The connection closes afterwards regardless.
  std::function<Response(int status, std::string_view reason)> error_response;

  // Run on each worker thread before it serves / after it stopped: the place to create per-worker
  // state such as a Client bound to `io`.
  std::function<void(int worker, boost::asio::io_context& io)> on_worker_start;
  std::function<void(int worker)> on_worker_stop;
};

struct ServerStats {
  uint64_t connections_accepted = 0;
  uint64_t connections_open = 0;
  uint64_t requests = 0;  // requests handed to the handler
};

struct ServerShared;  // server_worker.h

class Server {
 public:
  // Binds every listener before returning, so a bad address or a taken port is reported here.
  static StatusOr<std::unique_ptr<Server>> start(ServerOptions options, Handler handler);
  static StatusOr<std::unique_ptr<Server>> start(ServerOptions options, AsyncHandler handler);

  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const;  // 0 for a Unix socket
  int workers() const;

  // Stops accepting, closes idle connections, lets requests in progress finish and be answered
  // (with "connection: close") for up to `grace`, then closes whatever is left and joins the
  // workers. Blocks until done; idempotent. A handler that never returns is not interrupted.
  // No request the server received is dropped while the grace lasts: bytes already in a socket
  // (on an idle keep-alive connection, or on a connection still queued in the listener's backlog,
  // which is accepted before the listener closes) count as received and are answered.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));

  ServerStats stats() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  static StatusOr<std::unique_ptr<Server>> startShared(ServerShared shared);
  std::unique_ptr<Impl> impl_;
};

}  // namespace plexus::http
