#include "src/http/client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <optional>
#include <unordered_map>
#include <vector>

#include "src/http/client_async.h"
#include "src/http/client_h2.h"
#include "src/http/client_transport.h"
#include "src/http/codec.h"
#include "src/http/compression.h"
#include "src/http/coroutine_io.h"
#include "src/http/watchdog.h"

namespace plexus::http {

using Clock = Watchdog::Clock;

namespace {

struct PooledConnection {
  explicit PooledConnection(std::unique_ptr<Transport> connected)
      : transport(std::move(connected)), buffer(kReadBufferBytes, '\0') {}
  std::unique_ptr<Transport> transport;
  std::string buffer;
  Clock::time_point idle_since;
};

}  // namespace

std::string_view toString(ClientErrorCode code) {
  switch (code) {
    case ClientErrorCode::kInvalidUrl: return "invalid_url";
    case ClientErrorCode::kResolveFailed: return "resolve_failed";
    case ClientErrorCode::kConnectionRefused: return "connection_refused";
    case ClientErrorCode::kConnectFailed: return "connect_failed";
    case ClientErrorCode::kConnectTimeout: return "connect_timeout";
    case ClientErrorCode::kTimeout: return "timeout";
    case ClientErrorCode::kConnectionClosed: return "connection_closed";
    case ClientErrorCode::kMalformedResponse: return "malformed_response";
    case ClientErrorCode::kTruncatedBody: return "truncated_body";
    case ClientErrorCode::kResponseTooLarge: return "response_too_large";
    case ClientErrorCode::kDecodeFailed: return "decode_failed";
    case ClientErrorCode::kTlsFailed: return "tls_failed";
  }
  return "unknown";
}

struct Client::Impl : std::enable_shared_from_this<Client::Impl> {
  Impl(asio::io_context& io_context, ClientOptions client_options)
      : io(io_context), options(std::move(client_options)) {}

  asio::io_context& io;
  const ClientOptions options;
  std::unordered_map<std::string, std::vector<std::unique_ptr<PooledConnection>>> idle;
  // HTTP/2: one connection per pool key, kept while it takes new streams (a connecting one too,
  // so concurrent calls share it).
  std::unordered_map<std::string, std::shared_ptr<Http2Session>> h2;
  ClientStats stats;
  bool client_destroyed = false;
  // Built on the first https call, so a Client that never calls https never loads the CA store.
  std::optional<StatusOr<std::shared_ptr<asio::ssl::context>>> tls_context;

  const StatusOr<std::shared_ptr<asio::ssl::context>>& tlsContext() {
    if (!tls_context) tls_context.emplace(makeClientTlsContext(options));
    return *tls_context;
  }

  std::unique_ptr<PooledConnection> takeIdle(const std::string& key) {
    auto it = idle.find(key);
    if (it == idle.end()) return nullptr;
    auto& pool = it->second;
    Clock::time_point now = Clock::now();
    while (!pool.empty()) {  // most recently used first: the likeliest to be alive
      std::unique_ptr<PooledConnection> connection = std::move(pool.back());
      pool.pop_back();
      if (now - connection->idle_since < options.pool_idle_timeout &&
          !connection->transport->isDead()) {
        return connection;
      }
    }
    return nullptr;
  }

  void putIdle(const std::string& key, std::unique_ptr<PooledConnection> connection) {
    if (client_destroyed || options.max_idle_per_origin == 0) return;
    auto& pool = idle[key];
    Clock::time_point now = Clock::now();
    // Oldest first: drop those past the idle timeout, and any over the per-origin cap.
    size_t expired = 0;
    while (expired < pool.size() && (now - pool[expired]->idle_since >= options.pool_idle_timeout ||
                                     pool.size() - expired >= options.max_idle_per_origin)) {
      ++expired;
    }
    pool.erase(pool.begin(), pool.begin() + static_cast<ptrdiff_t>(expired));
    connection->idle_since = now;
    pool.push_back(std::move(connection));
  }

  size_t idleCount() const {
    size_t count = 0;
    for (const auto& [key, pool] : idle) count += pool.size();
    for (const auto& [key, session] : h2) {
      count += session->state() == Http2Session::State::kOpen && session->openStreams() == 0;
    }
    return count;
  }

  void closeIdle() {
    idle.clear();
    for (auto it = h2.begin(); it != h2.end();) {
      std::shared_ptr<Http2Session> session = it->second;
      if (session->state() == Http2Session::State::kConnecting || session->openStreams() > 0) {
        ++it;
        continue;
      }
      it = h2.erase(it);
      session->close();
    }
  }

  // The pooled HTTP/2 session for `key` that can take a stream (or is still connecting).
  std::shared_ptr<Http2Session> findHttp2(const std::string& key) {
    auto it = h2.find(key);
    if (it == h2.end()) return nullptr;
    std::shared_ptr<Http2Session> session = it->second;
    if (session->state() == Http2Session::State::kConnecting) return session;
    const bool expired = session->openStreams() == 0 &&
                         Clock::now() - session->idleSince() >= options.pool_idle_timeout;
    if (!expired && session->usable()) return session;
    h2.erase(it);
    session->close();
    return nullptr;
  }

  std::shared_ptr<Http2Session> newHttp2(const std::string& key) {
    std::weak_ptr<Impl> weak = weak_from_this();
    auto unpool = [weak, key](Http2Session* session) {
      std::shared_ptr<Impl> impl = weak.lock();
      if (!impl) return;
      auto it = impl->h2.find(key);
      if (it != impl->h2.end() && it->second.get() == session) impl->h2.erase(it);
    };
    auto session = std::make_shared<Http2Session>(
        io, Http2Session::Limits{options.max_response_bytes, options.max_response_header_bytes},
        std::move(unpool));
    if (!client_destroyed) h2[key] = session;
    return session;
  }

  // One call: the response, or why there is none; `retry` when the server certainly did not
  // process the request (a pooled connection it had closed).
  struct Outcome {
    std::optional<Response> response;
    Failure failure{ClientErrorCode::kConnectionClosed, ""};
    bool retry = false;
  };

  Clock::time_point connectDeadline(Clock::time_point deadline) const {
    return std::min(deadline, Clock::now() + options.connect_timeout);
  }

  // Opens a connection to `destination` (counted in stats), or says why not.
  asio::awaitable<std::optional<Failure>> open(Transport& transport, const Destination& destination,
                                               AlpnOffer alpn, Clock::time_point deadline) {
    asio::ssl::context* tls = destination.tls ? tlsContext()->get() : nullptr;
    std::optional<Failure> failure = co_await connectTransport(
        transport, destination, tls, options.tls_verify, alpn, connectDeadline(deadline), deadline);
    if (!failure) ++stats.connections_opened;
    co_return failure;
  }

  // HTTP/1.1 on `connection` (a new one the caller opened), else on a pooled one (`may_reuse`),
  // else on one it opens.
  static asio::awaitable<Outcome> exchangeHttp1(std::shared_ptr<Impl> self,
                                                const Destination& destination,
                                                const std::string& wire, bool head_request,
                                                Clock::time_point deadline, bool may_reuse,
                                                std::unique_ptr<PooledConnection> connection);

  // HTTP/2 on the origin's session, joining or opening it; `wire` (HTTP/1.1) for when ALPN
  // (Http2::kEnable over TLS) picks HTTP/1.1.
  static asio::awaitable<Outcome> exchangeHttp2(std::shared_ptr<Impl> self,
                                                const Destination& destination,
                                                const Request& request, const std::string& wire,
                                                Clock::time_point deadline, Http2 mode);

  static asio::awaitable<ClientResult> fetch(std::shared_ptr<Impl> self, ClientRequest call);
};

asio::awaitable<Client::Impl::Outcome> Client::Impl::exchangeHttp1(
    std::shared_ptr<Impl> self, const Destination& destination, const std::string& wire,
    bool head_request, Clock::time_point deadline, bool may_reuse,
    std::unique_ptr<PooledConnection> connection) {
  const ClientOptions& options = self->options;
  auto failed = [](ClientErrorCode code, std::string detail) {
    return Outcome{std::nullopt, Failure{code, std::move(detail)}, false};
  };
  const bool reused =
      !connection && may_reuse && (connection = self->takeIdle(destination.pool_key)) != nullptr;
  if (reused) {
    ++self->stats.requests_reused;
  } else if (!connection) {
    auto transport = std::make_unique<Transport>(self->io);
    std::optional<Failure> failure =
        co_await self->open(*transport, destination, AlpnOffer::kHttp1, deadline);
    if (failure) co_return Outcome{std::nullopt, std::move(*failure), false};
    connection = std::make_unique<PooledConnection>(std::move(transport));
  }
  Transport& transport = *connection->transport;
  Watchdog watchdog(transport.socket().get_executor(), [&] { transport.close(); });
  watchdog.setDeadline(deadline);
  auto timedOut = [&] { return failed(ClientErrorCode::kTimeout, "timed out"); };
  auto retry = [] { return Outcome{std::nullopt, {}, true}; };
  boost::system::error_code ec;

  co_await transport.write(asio::buffer(wire), ec);
  if (watchdog.expired()) co_return timedOut();
  if (ec) {
    if (reused) co_return retry();
    co_return failed(ClientErrorCode::kConnectionClosed, "cannot send: " + ec.message());
  }

  ResponseParser parser(options.max_response_bytes, options.max_response_header_bytes);
  parser.setNoBody(head_request);
  bool leftover = false;
  for (;;) {
    size_t n = co_await transport.readSome(asio::buffer(connection->buffer), ec);
    if (watchdog.expired()) co_return timedOut();
    if (ec) {
      // A TLS peer that closes without close_notify reads as stream_truncated: for a body
      // delimited by the end of the connection that is the end (as curl and browsers take it).
      const bool end = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
      if (end && parser.finish().event == ParseEvent::kMessage) break;
      if (!parser.started()) {
        if (reused) co_return retry();
        co_return failed(ClientErrorCode::kConnectionClosed,
                         "connection closed before a response: " + ec.message());
      }
      if (parser.error() == ResponseParseError::kTooLarge) {
        co_return failed(ClientErrorCode::kResponseTooLarge, std::string(parser.errorReason()));
      }
      std::string reason(parser.errorReason());
      if (reason.empty()) reason = ec.message();  // a reset: the parser saw no end of stream
      co_return failed(ClientErrorCode::kTruncatedBody, "response cut short: " + reason);
    }
    ParseResult r = parser.parse(std::string_view(connection->buffer.data(), n));
    if (r.event == ParseEvent::kError) {
      co_return failed(parser.error() == ResponseParseError::kTooLarge
                           ? ClientErrorCode::kResponseTooLarge
                           : ClientErrorCode::kMalformedResponse,
                       std::string(parser.errorReason()));
    }
    if (r.event == ParseEvent::kMessage) {
      leftover = r.consumed < n || transport.hasBufferedInput();
      break;
    }
  }
  watchdog.disarm();
  Outcome outcome{parser.takeResponse(), {}, false};
  if (parser.keepAlive() && !leftover) self->putIdle(destination.pool_key, std::move(connection));
  co_return outcome;
}

asio::awaitable<Client::Impl::Outcome> Client::Impl::exchangeHttp2(
    std::shared_ptr<Impl> self, const Destination& destination, const Request& request,
    const std::string& wire, Clock::time_point deadline, Http2 mode) {
  const bool head_request = request.method == "HEAD";
  std::shared_ptr<Http2Session> session = self->findHttp2(destination.pool_key);
  bool reused = session != nullptr;
  if (session && session->state() == Http2Session::State::kConnecting) {
    const Clock::time_point connect_deadline = self->connectDeadline(deadline);
    co_await session->waitReady(connect_deadline);
    switch (session->state()) {
      case Http2Session::State::kConnecting:
        co_return Outcome{std::nullopt,
                          connect_deadline < deadline
                              ? Failure{ClientErrorCode::kConnectTimeout, "connect timed out"}
                              : Failure{ClientErrorCode::kTimeout, "timed out"},
                          false};
      case Http2Session::State::kFailed:
        co_return Outcome{std::nullopt, session->connectFailure(), false};
      case Http2Session::State::kFellBack:  // the server speaks HTTP/1.1 only: as the opener
        co_return co_await exchangeHttp1(self, destination, wire, head_request, deadline, true,
                                         nullptr);
      case Http2Session::State::kOpen:
      case Http2Session::State::kClosed:  // exchange reports it, as a retry
        break;
    }
  }
  if (!session && mode == Http2::kEnable) {
    // An HTTP/1.1 connection pooled after an earlier ALPN answer.
    if (std::unique_ptr<PooledConnection> idle = self->takeIdle(destination.pool_key)) {
      ++self->stats.requests_reused;
      co_return co_await exchangeHttp1(self, destination, wire, head_request, deadline, false,
                                       std::move(idle));
    }
  }
  if (!session) {
    session = self->newHttp2(destination.pool_key);
    auto transport = std::make_unique<Transport>(self->io);
    AlpnOffer alpn = mode == Http2::kOnly ? AlpnOffer::kH2 : AlpnOffer::kH2AndHttp1;
    std::optional<Failure> failure = co_await self->open(*transport, destination, alpn, deadline);
    if (failure) {
      session->abandon(*failure);
      co_return Outcome{std::nullopt, std::move(*failure), false};
    }
    if (destination.tls && !transport->negotiatedH2()) {
      session->abandon(std::nullopt);
      co_return co_await exchangeHttp1(self, destination, wire, head_request, deadline, false,
                                       std::make_unique<PooledConnection>(std::move(transport)));
    }
    session->start(std::move(transport));
  }
  if (reused) ++self->stats.requests_reused;
  Http2Session::Result result = co_await session->exchange(request, destination, deadline, reused);
  co_return Outcome{std::move(result.response), std::move(result.failure), result.retry};
}

asio::awaitable<ClientResult> Client::Impl::fetch(std::shared_ptr<Impl> self, ClientRequest call) {
  const ClientOptions& options = self->options;
  const Clock::time_point deadline = Clock::now() + call.timeout;
  StatusOr<Destination> destination = parseDestination(call);
  if (!destination.ok()) {
    co_return ClientError{ClientErrorCode::kInvalidUrl, destination.status().message()};
  }
  auto fail = [&](ClientErrorCode code, std::string_view detail) {
    return ClientError{code, call.request.method + " " + call.url + ": " + std::string(detail)};
  };
  if (destination->tls && !self->tlsContext().ok()) {
    co_return fail(ClientErrorCode::kTlsFailed, self->tlsContext().status().message());
  }

  Request& request = call.request;
  request.target = destination->url.target;
  if (options.decompress && !request.headers.contains("accept-encoding")) {
    request.headers.add("accept-encoding", "gzip, deflate");
  }
  // h2c needs prior knowledge: kEnable over cleartext speaks HTTP/1.1, as hyper does.
  const bool http2 =
      call.http2 == Http2::kOnly || (call.http2 == Http2::kEnable && destination->tls);
  std::string wire;
  if (call.http2 != Http2::kOnly) serializeRequest(request, destination->host_header, wire);
  const bool head_request = request.method == "HEAD";

  for (int attempt = 0;; ++attempt) {
    // An HTTP/1.1 retry always opens a new connection: if one pooled connection was dead, so may
    // be the rest. An HTTP/2 retry takes the origin's session, which by then is a new one.
    // (Not a conditional expression: GCC 12 destroys a co_await's result there twice.)
    Outcome outcome;
    if (http2) {
      outcome = co_await exchangeHttp2(self, *destination, request, wire, deadline, call.http2);
    } else {
      outcome = co_await exchangeHttp1(self, *destination, wire, head_request, deadline,
                                       attempt == 0, nullptr);
    }
    if (outcome.retry && attempt == 0) {
      ++self->stats.retries;
      continue;
    }
    if (!outcome.response) {
      if (outcome.retry && outcome.failure.detail.empty()) {
        outcome.failure.detail = "connection closed before a response";
      }
      co_return fail(outcome.failure.code, outcome.failure.detail);
    }
    Response& response = *outcome.response;
    if (options.decompress) {
      if (std::optional<std::string_view> coding = response.headers.get("content-encoding")) {
        StatusOr<std::string> body =
            decodeContent(*coding, response.body, options.max_response_bytes);
        if (!body.ok()) co_return fail(ClientErrorCode::kDecodeFailed, body.status().message());
        response.body = std::move(*body);
        response.headers.remove("content-encoding");
        response.headers.remove("content-length");
      }
    }
    co_return std::move(response);
  }
}

Client::Client(asio::io_context& io, ClientOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

Client::~Client() {
  impl_->client_destroyed = true;
  impl_->closeIdle();
  impl_->h2.clear();  // sessions with streams in flight close when their last stream ends
}

void Client::send(ClientRequest request, Callback done) {
  // Posted, so `done` never runs inside send() even when the call fails at once.
  asio::post(
      impl_->io, [impl = impl_, request = std::move(request), done = std::move(done)]() mutable {
        auto run = [](std::shared_ptr<Impl> impl, ClientRequest request,
                      Callback done) -> asio::awaitable<void> {
          ClientResult result = co_await Impl::fetch(std::move(impl), std::move(request));
          done(std::move(result));
        };
        asio::co_spawn(impl->io, run(impl, std::move(request), std::move(done)), asio::detached);
      });
}

ClientStats Client::stats() const { return impl_->stats; }

size_t Client::idleConnections() const { return impl_->idleCount(); }

void Client::closeIdleConnections() { impl_->closeIdle(); }

asio::awaitable<ClientResult> asyncSend(Client& client, ClientRequest request) {
  return Client::Impl::fetch(client.impl().shared_from_this(), std::move(request));
}

}  // namespace plexus::http
