// Internal to src/http: one HTTP/2 client connection (RFC 9113) on libnghttp2, multiplexing the
// concurrent requests of one origin as streams. Client (client.cc) keeps one per origin in its
// pool while it can take new streams; nothing here knows about pools.
//
//   auto session = std::make_shared<Http2Session>(io, limits, [](Http2Session*) { unpool(); });
//   // connecting: other calls for the origin may wait for it
//   co_await session->waitReady(connect_deadline);          // in those other calls
//   session->start(std::move(transport));                    // h2c prior knowledge, or ALPN "h2"
//   Http2Session::Result result = co_await session->exchange(request, destination, deadline,
//                                                            /*reused=*/false);
//
// Streams: a request's deadline resets only its stream (RST_STREAM CANCEL). A stream the server
// refused unprocessed (REFUSED_STREAM, or above a GOAWAY's last-stream-id, which nghttp2 closes
// as refused) comes back with `retry`. Losing the connection fails every open stream with
// kConnectionClosed (kTruncatedBody once part of its response arrived), with `retry` only for a
// stream that had no response byte and either was never sent or went out on a reused connection
// (the keep-alive race of HTTP/1.1). GOAWAY, loss or a protocol error make the session unusable:
// `on_unusable` runs once, and the connection closes when its last stream ends.
//
// I/O: a writer coroutine runs while nghttp2 has frames to send; a reader runs only while streams
// are open, so an idle pooled session holds no pending operation (an io_context with nothing
// else to do returns from run()); frames the server sent meanwhile (SETTINGS, PING, GOAWAY) are
// read when the next stream starts.
//
// Thread-safety: the thread that runs `io`, only. Each coroutine holds a shared_ptr to the session.
#pragma once

#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "src/http/client_transport.h"
#include "src/http/message.h"

typedef struct nghttp2_session nghttp2_session;

namespace plexus::http {

class Http2Session : public std::enable_shared_from_this<Http2Session> {
 public:
  using Clock = Watchdog::Clock;

  struct Limits {
    size_t max_response_bytes;
    size_t max_response_header_bytes;
  };

  enum class State {
    kConnecting,  // created, its connection not yet up
    kOpen,        // streams run (check usable() before adding one)
    kFellBack,    // ALPN chose HTTP/1.1: never used
    kFailed,      // the connect failed: connectFailure() says why
    kClosed,      // GOAWAY done, connection lost or closed
  };

  Http2Session(asio::io_context& io, Limits limits, std::function<void(Http2Session*)> on_unusable);
  ~Http2Session();
  Http2Session(const Http2Session&) = delete;
  Http2Session& operator=(const Http2Session&) = delete;

  // kConnecting → kOpen: sends the connection preface and SETTINGS; wakes waiters.
  void start(std::unique_ptr<Transport> transport);
  // kConnecting → kFailed (with the connect failure) or kFellBack (nullopt); wakes waiters.
  void abandon(std::optional<Failure> failure);
  // While kConnecting: waits until it is not, or `until` passes (then the state is unchanged).
  asio::awaitable<void> waitReady(Clock::time_point until);

  State state() const { return state_; }
  const Failure& connectFailure() const { return connect_failure_; }
  // Open, no GOAWAY either way, stream ids left, and the connection not closed by the peer.
  bool usable();
  size_t openStreams() const { return streams_.size(); }
  Clock::time_point idleSince() const { return idle_since_; }
  // Closes the connection now, failing any open stream (kConnectionClosed).
  void close();

  struct Result {
    std::optional<Response> response;  // status, lower-case headers, body (still encoded)
    Failure failure{ClientErrorCode::kConnectionClosed, ""};
    bool retry = false;  // the server did not process it: safe to send again elsewhere
  };
  // One request as one stream, answered by `deadline` (else kTimeout and RST_STREAM). `reused`:
  // the connection was opened by another call (see the retry rule above).
  asio::awaitable<Result> exchange(const Request& request, const Destination& destination,
                                   Clock::time_point deadline, bool reused);

  struct Stream;  // in client_h2.cc

 private:
  friend struct Http2Callbacks;

  void flush();
  void ensureReading();
  asio::awaitable<void> writeLoop(std::shared_ptr<Http2Session> self);
  asio::awaitable<void> readLoop(std::shared_ptr<Http2Session> self);
  // After I/O: closes a connection that has nothing left to do (GOAWAY and no streams), and
  // stops an idle reader.
  void afterIo();
  void markUnusable();
  void lose(ClientErrorCode code, const std::string& detail);
  void finish(Stream& stream);
  void wakeWaiters();

  asio::io_context& io_;
  const Limits limits_;
  std::function<void(Http2Session*)> on_unusable_;
  std::unique_ptr<Transport> transport_;
  nghttp2_session* session_ = nullptr;
  State state_ = State::kConnecting;
  Failure connect_failure_{ClientErrorCode::kConnectFailed, ""};
  std::unordered_map<int32_t, std::shared_ptr<Stream>> streams_;
  std::vector<asio::steady_timer*> waiters_;
  asio::cancellation_signal reader_cancel_;
  bool reading_ = false;
  bool reader_waiting_ = false;
  bool writing_ = false;
  bool unusable_ = false;
  Clock::time_point idle_since_ = Clock::now();
};

}  // namespace plexus::http
