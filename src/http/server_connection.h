// One accepted HTTP/1.1 connection: a coroutine that reads, frames (RequestParser), calls the
// handler (awaiting an asynchronous one's response) and writes responses in request order, under
// the server's size and time limits.
// Internal to src/http (includes Asio).
//
//   ServerConnection::start(worker, std::move(socket));   // on the worker thread; detached
//
// Ownership: the coroutine holds the connection (shared_ptr) until it ends; the worker keeps a
// raw pointer in its registry, removed by the destructor. Worker thread only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <string>

#include "src/http/server_worker.h"
#include "src/http/watchdog.h"

namespace plexus::http {

class ResponseSlot;  // server_connection.cc

class ServerConnection : public std::enable_shared_from_this<ServerConnection> {
 public:
  // Once the worker is stopping, the connection starts draining: it answers what was already sent
  // and closes. After a forced stop it is closed at once.
  static void start(ServerWorker& worker, StreamProtocol::socket socket);

  ServerConnection(ServerWorker& worker, StreamProtocol::socket socket);
  ~ServerConnection();
  ServerConnection(const ServerConnection&) = delete;
  ServerConnection& operator=(const ServerConnection&) = delete;

  // The server is stopping: answer the requests already received (bytes already in the socket
  // included), then close; close now if none.
  void drain();
  // Close now, whatever the state; a request waiting for its Responder stops waiting.
  void close();

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

  ServerWorker& worker_;
  StreamProtocol::socket socket_;
  Watchdog watchdog_;
  ServerWorker::Registration registration_;
  std::string out_;
  std::weak_ptr<ResponseSlot> awaiting_;  // the AsyncHandler answer being waited for
  bool waiting_for_request_ = false;      // blocked reading with no partial request buffered
  bool draining_ = false;
};

}  // namespace plexus::http
