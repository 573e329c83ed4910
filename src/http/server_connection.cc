#include "src/http/server_connection.h"

#include <algorithm>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <functional>
#include <optional>
#include <utility>

#include "src/http/codec.h"
#include "src/http/coroutine_io.h"

namespace plexus::http {

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

Response internalError() {
  return Response{.status = 500,
                  .headers = {{"content-type", "text/plain; charset=utf-8"}},
                  .body = "Internal Server Error"};
}

}  // namespace

// Where an AsyncHandler's answer lands. The Responder's copies own the slot; the slot owns the
// suspended connection coroutine (through `wake`) but the coroutine does not own the slot, so a
// Responder dropped unanswered destroys the coroutine, closing the connection, instead of leaking
// it.
class ResponseSlot {
 public:
  explicit ResponseSlot(std::shared_ptr<std::optional<Response>> outcome)
      : outcome_(std::move(outcome)) {}

  bool answered() const { return outcome_->has_value(); }

  // Worker thread. Later calls are ignored (the contract is "exactly once").
  void deliver(Response response) {
    if (answered()) return;
    *outcome_ = std::move(response);
    if (wake) std::exchange(wake, nullptr)();
  }

  std::function<void()> wake;  // resumes the waiting coroutine; set only while it waits

 private:
  std::shared_ptr<std::optional<Response>> outcome_;
};

template <typename Stream>
void Http1Connection<Stream>::start(ServerWorker& worker, Stream stream) {
  if (worker.forcedStop()) {
    boost::system::error_code ignored;
    lowestLayer(stream).close(ignored);
    return;
  }
  auto connection = std::make_shared<Http1Connection>(worker, std::move(stream));
  if (worker.stopping()) connection->drain();
  // The coroutine frame owns the connection through its by-value parameter.
  auto body = [](std::shared_ptr<Http1Connection> self) -> asio::awaitable<void> {
    co_await self->run();
  };
  asio::co_spawn(worker.io(), body(std::move(connection)), asio::detached);
}

template <typename Stream>
Http1Connection<Stream>::Http1Connection(ServerWorker& worker, Stream stream)
    : ServerConnection(worker),
      stream_(std::move(stream)),
      watchdog_(stream_.get_executor(), [this] { close(); }) {}

template <typename Stream>
void Http1Connection<Stream>::drain() {
  draining_ = true;
  // Not close(): a request may sit unread in the socket (sent just before the stop) or even be
  // read already, its completion queued behind this call. The woken coroutine looks and decides.
  if (waiting_for_request_) {
    boost::system::error_code ignored;
    socket().cancel(ignored);
  }
}

template <typename Stream>
void Http1Connection<Stream>::close() {
  boost::system::error_code ignored;
  socket().close(ignored);
  // Nobody will read the answer: resume the coroutine now rather than when (or if) it comes.
  if (auto slot = awaiting_.lock()) slot->deliver(internalError());
}

template <typename Stream>
asio::awaitable<void> Http1Connection<Stream>::run() {
  const ServerOptions& options = worker_.shared().options;
  RequestParser parser(options.limits);
  // Allocated when bytes arrive and released while waiting for a next request, so an idle
  // connection holds no read buffer.
  std::string in;
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
        close_after = !co_await respond(parser.takeRequest(), parser.keepAlive());
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
    if (draining_ && phase == ParsePhase::kIdle && !hasUnreadBytes()) break;

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
    ec.clear();
    waiting_for_request_ = phase == ParsePhase::kIdle;
    if (waiting_for_request_) {
      std::string().swap(in);
      // TLS: bytes already taken off the socket (a pipelined request in a record read earlier)
      // would never make it readable again.
      if (!hasBufferedInput(stream_)) {
        co_await socket().async_wait(asio::socket_base::wait_read, noThrow(ec));
      }
    }
    if (!ec) {
      if (in.empty()) in.resize(kReadBufferBytes);
      end = co_await stream_.async_read_some(asio::buffer(in), noThrow(ec));
    }
    waiting_for_request_ = false;
    // drain() cancelled the wait: loop to look for bytes sent before the stop.
    if (ec == asio::error::operation_aborted && draining_ && socket().is_open()) continue;
    if (ec) break;  // peer closed, deadline passed (the watchdog closed us) or server stopping
  }
  watchdog_.disarm();
  close();
}

template <typename Stream>
asio::awaitable<bool> Http1Connection<Stream>::respond(Request request, bool keep_alive) {
  worker_.stats().requests.fetch_add(1, std::memory_order_relaxed);
  const bool head_request = request.method == "HEAD";
  const int version_minor = request.version_minor;
  // (Not a conditional expression: GCC 12 miscompiles co_await inside one.)
  Response response;
  if (worker_.shared().handler) {
    response = callHandler(request);
  } else {
    response = co_await callAsyncHandler(request);
  }
  keep_alive = keep_alive && !draining_ && !worker_.stopping() &&
               !response.headers.hasToken("connection", "close");
  serializeResponse(response, keep_alive, version_minor, head_request, out_, worker_.date());
  co_return keep_alive;
}

template <typename Stream>
Response Http1Connection<Stream>::callHandler(Request& request) {
  try {
    return worker_.shared().handler(request);
  } catch (...) {
    return internalError();
  }
}

template <typename Stream>
asio::awaitable<Response> Http1Connection<Stream>::callAsyncHandler(Request& request) {
  auto outcome = std::make_shared<std::optional<Response>>();
  auto slot = std::make_shared<ResponseSlot>(outcome);
  std::weak_ptr<ResponseSlot> waiting = slot;
  auto io = worker_.io().get_executor();
  Responder respond = [slot = std::move(slot), io](Response response) {
    if (io.running_in_this_thread()) {
      slot->deliver(std::move(response));
    } else {
      asio::post(io, [slot, response = std::move(response)]() mutable {
        slot->deliver(std::move(response));
      });
    }
  };
  try {
    worker_.shared().async_handler(request, std::move(respond));
  } catch (...) {
    if (auto s = waiting.lock()) s->deliver(internalError());
  }
  if (outcome->has_value()) co_return std::move(**outcome);
  if (waiting.expired()) co_return internalError();  // dropped without an answer

  // Earlier pipelined responses need not wait for this one.
  if (!out_.empty()) co_await flush();
  // Read deadlines do not run while the application works on the request.
  watchdog_.disarm();
  auto work = asio::make_work_guard(worker_.io());
  awaiting_ = waiting;
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(
      [&waiting](auto handler) {
        auto resume = std::make_shared<decltype(handler)>(std::move(handler));
        std::function<void()> wake = [resume] {
          auto executor = asio::get_associated_executor(*resume);
          asio::post(executor, std::move(*resume));
        };
        if (auto s = waiting.lock(); s && !s->answered()) {
          s->wake = std::move(wake);
        } else {
          wake();
        }
      },
      asio::use_awaitable);
  awaiting_.reset();
  if (outcome->has_value()) co_return std::move(**outcome);
  co_return internalError();
}

template <typename Stream>
void Http1Connection<Stream>::respondError(int status, std::string_view reason) {
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

template <typename Stream>
asio::awaitable<bool> Http1Connection<Stream>::flush() {
  boost::system::error_code ec;
  watchdog_.setTimeout(worker_.shared().options.idle_timeout);  // a reader that never reads
  co_await asio::async_write(stream_, asio::buffer(out_), noThrow(ec));
  if (out_.capacity() > kKeptOutputCapacity) {
    std::string().swap(out_);
  } else {
    out_.clear();
  }
  co_return !ec;
}

template <typename Stream>
bool Http1Connection<Stream>::hasUnreadBytes() {
  if (hasBufferedInput(stream_)) return true;
  boost::system::error_code ec;
  size_t unread = socket().available(ec);
  return !ec && unread > 0;
}

template <typename Stream>
asio::awaitable<void> Http1Connection<Stream>::lingeringClose() {
  boost::system::error_code ec;
  watchdog_.setTimeout(
      std::min<Clock::duration>(kLingerTime, worker_.shared().options.header_read_timeout));
  if constexpr (kIsTls<Stream>) {
    // close_notify, so the client knows the response was not truncated. This waits for the
    // peer's close_notify (or fails on more request data); the linger deadline bounds it, and the
    // raw drain below takes over either way.
    co_await stream_.async_shutdown(noThrow(ec));
  }
  socket().shutdown(asio::socket_base::shutdown_send, ec);
  if (ec) co_return;
  // Raw bytes, even on TLS: they are thrown away.
  char sink[4096];
  size_t drained = 0;
  while (drained < kMaxLingerBytes) {
    size_t n = co_await socket().async_read_some(asio::buffer(sink), noThrow(ec));
    if (ec) break;
    drained += n;
  }
}

template class Http1Connection<PlainStream>;
template class Http1Connection<TlsStream>;

}  // namespace plexus::http
