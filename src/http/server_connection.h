// One accepted connection as the worker sees it (ServerConnection), and the HTTP/1.1 protocol
// handler (Http1Connection): a coroutine that reads, frames (RequestParser), calls the handler
// (awaiting an asynchronous one's response) and writes responses in request order, under the
// server's size and time limits. Internal to src/http (includes Asio).
//
//   Http1Connection<PlainStream>::start(worker, std::move(socket));  // worker thread; detached
//   Http1Connection<TlsStream>::start(worker, std::move(tls_stream)); // after the handshake
//
// Http1Connection is a template over the stream (server_stream.h) so the plain socket path calls
// the socket directly, with no virtual call or branch per read; it is instantiated for
// PlainStream and TlsStream in server_connection.cc. A future HTTP/2 handler would be a sibling
// ServerConnection subclass, chosen by ALPN in server_tls.cc.
//
// Ownership: the coroutine holds the connection (shared_ptr) until it ends; the worker keeps a
// raw pointer in its registry, removed by the destructor. Worker thread only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>

#include "src/http/server_stream.h"
#include "src/http/server_worker.h"
#include "src/http/watchdog.h"

namespace plexus::http {

class ResponseSlot;  // server_connection.cc

// What the worker's registry holds: anything it must be able to wind down at stop, whatever the
// stream or protocol (a TLS handshake in progress, an HTTP/1.1 connection). Registers itself.
class ServerConnection {
 public:
  explicit ServerConnection(ServerWorker& worker)
      : worker_(worker), registration_(worker.attach(this)) {}
  virtual ~ServerConnection() { worker_.detach(registration_); }
  ServerConnection(const ServerConnection&) = delete;
  ServerConnection& operator=(const ServerConnection&) = delete;

  // The server is stopping: answer the requests already received (bytes already in the socket
  // included), then close; close now if none. Must not destroy the connection synchronously.
  virtual void drain() = 0;
  // Close now, whatever the state; a request waiting for its Responder stops waiting.
  virtual void close() = 0;

 protected:
  ServerWorker& worker_;

 private:
  ServerWorker::Registration registration_;
};

template <typename Stream>
class Http1Connection final : public ServerConnection {
 public:
  // Once the worker is stopping, the connection starts draining: it answers what was already sent
  // and closes. After a forced stop it is closed at once.
  static void start(ServerWorker& worker, Stream stream);

  Http1Connection(ServerWorker& worker, Stream stream);

  void drain() override;
  void close() override;

 private:
  boost::asio::awaitable<void> run();
  // Answers one framed request into out_; returns whether the connection stays open.
  boost::asio::awaitable<bool> respond(Request request, bool keep_alive);
  Response callHandler(Request& request);
  // Calls the AsyncHandler and, unless it answered at once, flushes the responses already queued
  // and waits for its Responder.
  boost::asio::awaitable<Response> callAsyncHandler(Request& request);
  void respondError(int status, std::string_view reason);
  boost::asio::awaitable<bool> flush();
  boost::asio::awaitable<void> lingeringClose();
  // Whether the peer sent bytes not read yet.
  bool hasUnreadBytes();
  StreamProtocol::socket& socket() { return lowestLayer(stream_); }

  Stream stream_;
  Watchdog watchdog_;
  std::string out_;
  std::weak_ptr<ResponseSlot> awaiting_;  // the AsyncHandler answer being waited for
  bool waiting_for_request_ = false;      // blocked reading with no partial request buffered
  bool draining_ = false;
};

extern template class Http1Connection<PlainStream>;
extern template class Http1Connection<TlsStream>;

}  // namespace plexus::http
