#include "src/http/client.h"

#include <sys/socket.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <unordered_map>
#include <vector>

#include "src/http/client_async.h"
#include "src/http/codec.h"
#include "src/http/compression.h"
#include "src/http/coroutine_io.h"
#include "src/http/url.h"
#include "src/http/watchdog.h"

namespace plexus::http {

using asio::ip::tcp;
using Clock = Watchdog::Clock;

namespace {

struct PooledConnection {
  explicit PooledConnection(asio::io_context& io) : socket(io), buffer(kReadBufferBytes, '\0') {}
  tcp::socket socket;
  std::string buffer;
  Clock::time_point idle_since;
};

// A pooled connection is unusable when the server closed it (EOF), reset it, or sent bytes nobody
// asked for. One non-blocking peek, no wait.
bool isDead(tcp::socket& socket) {
  char byte;
  ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
  return true;  // 0: closed; > 0: unsolicited bytes
}

// "host:port", or just "host" for port 80 (RFC 9110 §7.2).
std::string hostHeader(const Url& url) {
  std::string origin = url.origin();
  if (url.port == 80) origin.resize(origin.rfind(':'));
  return origin;
}

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
  }
  return "unknown";
}

struct Client::Impl : std::enable_shared_from_this<Client::Impl> {
  Impl(asio::io_context& io_context, ClientOptions client_options)
      : io(io_context), options(std::move(client_options)) {}

  asio::io_context& io;
  const ClientOptions options;
  std::unordered_map<std::string, std::vector<std::unique_ptr<PooledConnection>>> idle;
  ClientStats stats;
  bool client_destroyed = false;

  std::unique_ptr<PooledConnection> takeIdle(const std::string& origin) {
    auto it = idle.find(origin);
    if (it == idle.end()) return nullptr;
    auto& pool = it->second;
    Clock::time_point now = Clock::now();
    while (!pool.empty()) {  // most recently used first: the likeliest to be alive
      std::unique_ptr<PooledConnection> connection = std::move(pool.back());
      pool.pop_back();
      if (now - connection->idle_since < options.pool_idle_timeout && !isDead(connection->socket)) {
        return connection;
      }
    }
    return nullptr;
  }

  void putIdle(const std::string& origin, std::unique_ptr<PooledConnection> connection) {
    if (client_destroyed || options.max_idle_per_origin == 0) return;
    auto& pool = idle[origin];
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
    for (const auto& [origin, pool] : idle) count += pool.size();
    return count;
  }

  static asio::awaitable<ClientResult> fetch(std::shared_ptr<Impl> self, ClientRequest call);
};

asio::awaitable<ClientResult> Client::Impl::fetch(std::shared_ptr<Impl> self, ClientRequest call) {
  const ClientOptions& options = self->options;
  const Clock::time_point deadline = Clock::now() + call.timeout;
  StatusOr<Url> url = parseUrl(call.url);
  if (!url.ok()) co_return ClientError{ClientErrorCode::kInvalidUrl, url.status().message()};
  auto fail = [&](ClientErrorCode code, std::string_view detail) {
    return ClientError{code, call.request.method + " " + call.url + ": " + std::string(detail)};
  };

  Request& request = call.request;
  request.target = url->target;
  if (options.decompress && !request.headers.contains("accept-encoding")) {
    request.headers.add("accept-encoding", "gzip, deflate");
  }
  std::string wire;
  serializeRequest(request, hostHeader(*url), wire);
  const std::string origin = url->origin();
  const bool head_request = request.method == "HEAD";
  boost::system::error_code ec;

  for (int attempt = 0;; ++attempt) {
    // A retry always opens a new connection: if one pooled connection was dead, so may be the rest.
    std::unique_ptr<PooledConnection> connection = attempt == 0 ? self->takeIdle(origin) : nullptr;
    const bool reused = connection != nullptr;
    if (!reused) connection = std::make_unique<PooledConnection>(self->io);
    tcp::socket& socket = connection->socket;
    tcp::resolver resolver(self->io);
    Watchdog watchdog(socket.get_executor(), [&] {
      resolver.cancel();
      boost::system::error_code ignored;
      socket.close(ignored);
    });
    auto timedOut = [&] { return fail(ClientErrorCode::kTimeout, "timed out"); };

    if (reused) {
      ++self->stats.requests_reused;
      watchdog.setDeadline(deadline);
    } else {
      const Clock::time_point connect_deadline =
          std::min(deadline, Clock::now() + options.connect_timeout);
      watchdog.setDeadline(connect_deadline);
      auto connectTimedOut = [&] {
        return connect_deadline < deadline
                   ? fail(ClientErrorCode::kConnectTimeout, "connect timed out")
                   : timedOut();
      };
      std::vector<tcp::endpoint> endpoints;
      asio::ip::address address = asio::ip::make_address(url->host, ec);
      if (!ec) {
        endpoints.emplace_back(address, url->port);
      } else {
        auto results =
            co_await resolver.async_resolve(url->host, std::to_string(url->port), noThrow(ec));
        if (watchdog.expired()) co_return connectTimedOut();
        if (ec) co_return fail(ClientErrorCode::kResolveFailed, "cannot resolve: " + ec.message());
        for (const auto& entry : results) endpoints.push_back(entry.endpoint());
      }
      co_await asio::async_connect(socket, endpoints, noThrow(ec));
      if (watchdog.expired()) co_return connectTimedOut();
      if (ec == asio::error::connection_refused) {
        co_return fail(ClientErrorCode::kConnectionRefused, "connection refused");
      }
      if (ec) co_return fail(ClientErrorCode::kConnectFailed, "cannot connect: " + ec.message());
      socket.set_option(tcp::no_delay(true), ec);
      ++self->stats.connections_opened;
      watchdog.setDeadline(deadline);
    }

    co_await asio::async_write(socket, asio::buffer(wire), noThrow(ec));
    if (watchdog.expired()) co_return timedOut();
    if (ec) {
      if (reused && attempt == 0) {
        ++self->stats.retries;
        continue;
      }
      co_return fail(ClientErrorCode::kConnectionClosed, "cannot send: " + ec.message());
    }

    ResponseParser parser(options.max_response_bytes, options.max_response_header_bytes);
    parser.setNoBody(head_request);
    bool leftover = false;
    bool retry = false;
    for (;;) {
      size_t n = co_await socket.async_read_some(asio::buffer(connection->buffer), noThrow(ec));
      if (watchdog.expired()) co_return timedOut();
      if (ec) {
        if (ec == asio::error::eof && parser.finish().event == ParseEvent::kMessage) break;
        if (!parser.started()) {
          if (reused && attempt == 0) {
            retry = true;
            break;
          }
          co_return fail(ClientErrorCode::kConnectionClosed,
                         "connection closed before a response: " + ec.message());
        }
        if (parser.error() == ResponseParseError::kTooLarge) {
          co_return fail(ClientErrorCode::kResponseTooLarge, parser.errorReason());
        }
        std::string reason(parser.errorReason());
        if (reason.empty()) reason = ec.message();  // a reset: the parser saw no end of stream
        co_return fail(ClientErrorCode::kTruncatedBody, "response cut short: " + reason);
      }
      ParseResult r = parser.parse(std::string_view(connection->buffer.data(), n));
      if (r.event == ParseEvent::kError) {
        co_return fail(parser.error() == ResponseParseError::kTooLarge
                           ? ClientErrorCode::kResponseTooLarge
                           : ClientErrorCode::kMalformedResponse,
                       parser.errorReason());
      }
      if (r.event == ParseEvent::kMessage) {
        leftover = r.consumed < n;
        break;
      }
    }
    if (retry) {
      ++self->stats.retries;
      continue;
    }
    watchdog.disarm();

    Response response = parser.takeResponse();
    if (parser.keepAlive() && !leftover) self->putIdle(origin, std::move(connection));

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
    co_return response;
  }
}

Client::Client(asio::io_context& io, ClientOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

Client::~Client() {
  impl_->client_destroyed = true;
  impl_->idle.clear();
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

void Client::closeIdleConnections() { impl_->idle.clear(); }

asio::awaitable<ClientResult> asyncSend(Client& client, ClientRequest request) {
  return Client::Impl::fetch(client.impl().shared_from_this(), std::move(request));
}

}  // namespace plexus::http
