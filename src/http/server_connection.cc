#include "src/http/server_connection.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "src/http/codec.h"
#include "src/http/coroutine_io.h"

namespace plexus::http {

using asio::ip::tcp;
using Clock = Watchdog::Clock;

namespace {

// Pipelined responses are batched into one write up to this size.
constexpr size_t kMaxBatchedOutput = 64 * 1024;
// A connection keeps at most this much output capacity between requests.
constexpr size_t kKeptOutputCapacity = 64 * 1024;
// After an error response, unread request bytes are drained for a moment before closing, so the
// peer reads the response instead of a reset (RFC 9112 §9.6).
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr size_t kMaxLingerBytes = 4 * 1024 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

void ServerConnection::start(ServerWorker& worker, tcp::socket socket) {
  if (worker.stopping()) {
    boost::system::error_code ignored;
    socket.close(ignored);
    return;
  }
  auto connection = std::make_shared<ServerConnection>(worker, std::move(socket));
  // The coroutine frame owns the connection through its by-value parameter.
  auto body = [](std::shared_ptr<ServerConnection> self) -> asio::awaitable<void> {
    co_await self->run();
  };
  asio::co_spawn(worker.io(), body(std::move(connection)), asio::detached);
}

ServerConnection::ServerConnection(ServerWorker& worker, tcp::socket socket)
    : worker_(worker),
      socket_(std::move(socket)),
      watchdog_(socket_.get_executor(), [this] { close(); }),
      registration_(worker.attach(this)) {}

ServerConnection::~ServerConnection() { worker_.detach(registration_); }

void ServerConnection::drain() {
  draining_ = true;
  if (waiting_for_request_) close();
}

void ServerConnection::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

asio::awaitable<void> ServerConnection::run() {
  const ServerOptions& options = worker_.shared().options;
  RequestParser parser(options.limits);
  std::string in(kReadBufferBytes, '\0');
  size_t begin = 0;
  size_t end = 0;
  bool first_request = true;
  ParsePhase phase = ParsePhase::kIdle;
  Clock::time_point phase_started = Clock::now();
  boost::system::error_code ec;

  for (;;) {
    // Frame and answer everything buffered. Responses queue in out_ in request order.
    bool close_after = false;
    bool framing_error = false;
    while (begin < end && !close_after && out_.size() < kMaxBatchedOutput) {
      ParseResult r = parser.parse(std::string_view(in.data() + begin, end - begin));
      begin += r.consumed;
      if (r.event == ParseEvent::kMessage) {
        first_request = false;
        phase_started = Clock::now();  // idle time counts from the end of this request
        close_after = !respond(parser.takeRequest(), parser.keepAlive());
      } else if (r.event == ParseEvent::kExpectContinue) {
        out_.append(kContinue);
      } else if (r.event == ParseEvent::kError) {
        respondError(parser.errorStatus(), parser.errorReason());
        close_after = framing_error = true;
      } else {
        break;  // kNeedMore: everything was consumed
      }
    }
    if (parser.phase() != phase) {
      phase = parser.phase();
      phase_started = Clock::now();
    }
    if (begin == end) begin = end = 0;

    if (!out_.empty() && !co_await flush()) break;
    if (close_after) {
      if (framing_error) co_await lingeringClose();
      break;
    }
    if (begin < end) continue;  // more pipelined requests buffered than one batch
    if (draining_ && phase == ParsePhase::kIdle) break;

    switch (phase) {
      case ParsePhase::kIdle:
        watchdog_.setDeadline(phase_started +
                              (first_request ? options.header_read_timeout : options.idle_timeout));
        break;
      case ParsePhase::kHead:
        watchdog_.setDeadline(phase_started + options.header_read_timeout);
        break;
      case ParsePhase::kBody:
        watchdog_.setDeadline(phase_started + options.body_read_timeout);
        break;
    }
    waiting_for_request_ = phase == ParsePhase::kIdle;
    size_t n = co_await socket_.async_read_some(asio::buffer(in), noThrow(ec));
    waiting_for_request_ = false;
    if (ec) break;  // peer closed, deadline passed (the watchdog closed us) or server stopping
    end = n;
  }
  watchdog_.disarm();
  close();
}

bool ServerConnection::respond(Request request, bool keep_alive) {
  worker_.stats().requests.fetch_add(1, std::memory_order_relaxed);
  const bool head_request = request.method == "HEAD";
  const int version_minor = request.version_minor;
  Response response;
  try {
    response = worker_.shared().handler(request);
  } catch (...) {
    response = Response{.status = 500,
                        .headers = {{"content-type", "text/plain; charset=utf-8"}},
                        .body = "Internal Server Error"};
  }
  keep_alive = keep_alive && !draining_ && !worker_.stopping() &&
               !response.headers.hasToken("connection", "close");
  serializeResponse(response, keep_alive, version_minor, head_request, out_, worker_.date());
  return keep_alive;
}

void ServerConnection::respondError(int status, std::string_view reason) {
  const ServerOptions& options = worker_.shared().options;
  Response response;
  if (options.error_response) {
    response = options.error_response(status, reason);
  } else {
    response = Response{.status = status,
                        .headers = {{"content-type", "text/plain; charset=utf-8"}},
                        .body = std::string(reasonPhrase(status))};
  }
  serializeResponse(response, /*keep_alive=*/false, 1, /*head_request=*/false, out_,
                    worker_.date());
}

asio::awaitable<bool> ServerConnection::flush() {
  boost::system::error_code ec;
  watchdog_.setTimeout(worker_.shared().options.idle_timeout);  // a reader that never reads
  co_await asio::async_write(socket_, asio::buffer(out_), noThrow(ec));
  if (out_.capacity() > kKeptOutputCapacity) {
    std::string().swap(out_);
  } else {
    out_.clear();
  }
  co_return !ec;
}

asio::awaitable<void> ServerConnection::lingeringClose() {
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  watchdog_.setTimeout(
      std::min<Clock::duration>(kLingerTime, worker_.shared().options.header_read_timeout));
  char sink[4096];
  size_t drained = 0;
  while (drained < kMaxLingerBytes) {
    size_t n = co_await socket_.async_read_some(asio::buffer(sink), noThrow(ec));
    if (ec) break;
    drained += n;
  }
}

}  // namespace plexus::http
