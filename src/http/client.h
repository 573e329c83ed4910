// The outbound HTTP client for subgraph and coprocessor calls: HTTP/1.1 and HTTP/2, over TCP, Unix
// domain sockets and TLS; keep-alive connection pools per origin (one multiplexed connection per
// origin for HTTP/2), connect and total timeouts, gzip/deflate response decoding, and failures
// reported as values (ClientError), never as exceptions. Asio-free header; the coroutine entry
// point is in src/http/client_async.h.
//
//   // On a worker thread, once (e.g. in ServerOptions::on_worker_start):
//   Client client(io, ClientOptions{.connect_timeout = std::chrono::seconds(5)});
//
//   ClientRequest call{.url = "http://products:4001/graphql", .timeout = std::chrono::seconds(30)};
//   call.request.method = "POST";
//   call.request.headers.add("content-type", "application/json");
//   call.request.headers.add("accept", "application/graphql-response+json, application/json");
//   call.request.body = R"({"query":"{ topProducts { upc } }"})";
//   client.send(std::move(call), [](ClientResult result) {
//     if (!result.ok()) return fail(result.error().code, result.error().message);
//     use(result.response().status, result.response().body);
//   });
//   // or, inside an Asio coroutine on the same thread:
//   ClientResult result = co_await asyncSend(client, std::move(call));
//
//   // A coprocessor on a Unix socket ("unix:///run/coproc.sock?path=/hook" in router.yaml): the
//   // URL gives the request target and Host header, the socket where to connect.
//   ClientRequest hook{.url = "http://localhost/hook", .unix_socket = "/run/coproc.sock"};
//   // HTTPS, verified against the system CAs (plus ClientOptions::tls_ca_file), and HTTP/2:
//   ClientRequest h2{.url = "https://coproc.internal/hook", .http2 = Http2::kEnable};
//
// Thread-safety and ownership: a Client belongs to the thread that runs its io_context (one per
// worker, like everything on the hot path); call it only there. Pooled connections are owned by
// the Client. In-flight calls keep its internals alive, so destroying a Client with calls in
// flight is safe: they complete normally and their connections are then dropped.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "src/http/message.h"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plexus::http {

enum class ClientErrorCode {
  kInvalidUrl,         // not an http:// or https:// URL we can call
  kResolveFailed,      // DNS lookup failed
  kConnectionRefused,  // nothing listens there
  kConnectFailed,      // any other connect failure (unreachable, reset during connect, …)
  kConnectTimeout,     // ClientOptions::connect_timeout passed while connecting
  kTimeout,            // ClientRequest::timeout passed (connect, send and receive together)
  kConnectionClosed,   // the peer closed or reset the connection before any response byte
  kMalformedResponse,  // bytes that are not HTTP/1.1
  kTruncatedBody,      // the connection ended inside the response
  kResponseTooLarge,   // over ClientOptions::max_response_bytes as received
  kDecodeFailed,       // corrupt gzip/deflate body, an unsupported content-encoding, or a
                       // decoded body over max_response_bytes
  kTlsFailed,          // TLS handshake failed (certificate not trusted, wrong host name, no
                       // common protocol, tls_ca_file unreadable); the message has OpenSSL's reason
};

// A stable lower_snake name ("connection_refused") for logs, metrics and error extensions.
std::string_view toString(ClientErrorCode code);

struct ClientError {
  ClientErrorCode code;
  std::string message;  // for humans: names the URL and the cause
};

class ClientResult {
 public:
  ClientResult(Response response)
      : value_(std::move(response)) {}  // NOLINT(google-explicit-constructor)
  ClientResult(ClientError error)
      : value_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return value_.index() == 0; }
  Response& response() { return std::get<Response>(value_); }
  const Response& response() const { return std::get<Response>(value_); }
  const ClientError& error() const { return std::get<ClientError>(value_); }

 private:
  std::variant<Response, ClientError> value_;
};

// Which HTTP version to speak (Apollo Router's coprocessor client option experimental_http2).
enum class Http2 : uint8_t {
  kDisable,  // HTTP/1.1 only
  kEnable,   // https: ALPN offers h2 and http/1.1, the server picks; http and Unix: HTTP/1.1 (as
             // Apollo Router and hyper do: no h2c upgrade)
  kOnly,     // https: ALPN offers only h2; http and Unix: h2c with prior knowledge (RFC 9113 §3.3)
};

struct ClientRequest {
  std::string url;  // absolute: "http://host:port/path?query" or "https://…"
  // Method, headers and body. The target comes from `url`; host and content-length are set by the
  // client; accept-encoding is added when absent and ClientOptions::decompress is on.
  Request request = [] {
    Request post;
    post.method = "POST";
    return post;
  }();
  std::chrono::milliseconds timeout{30'000};  // traffic_shaping.*.timeout
  // Non-empty: connect to this Unix domain socket path instead of the URL's host and port (which
  // still give the Host header, and for https the TLS server name). Pooled apart from TCP.
  std::string unix_socket{};
  // HTTP/2 streams of one origin share one connection; per-request timeouts reset only the stream.
  Http2 http2 = Http2::kDisable;
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{5'000};
  std::chrono::milliseconds pool_idle_timeout{90'000};  // pooled connections unused this long close
  size_t max_idle_per_origin = 128;
  size_t max_response_bytes = 256 * 1024 * 1024;
  size_t max_response_header_bytes = 64 * 1024;
  // Send "accept-encoding: gzip, deflate" and decode such responses (dropping content-encoding
  // and content-length from the returned headers, which describe the encoded body).
  bool decompress = true;
  // https: the server's certificate chain must verify against the system CA store
  // (set_default_verify_paths) plus this PEM file of extra trusted CAs (empty: none), and its
  // name must match the URL's host. tls_verify = false skips both checks (tests, never production).
  std::string tls_ca_file{};
  bool tls_verify = true;
};

struct ClientStats {
  uint64_t connections_opened = 0;  // connects that succeeded (TCP or Unix; for https, the
                                    // handshake too), HTTP/1.1 and HTTP/2
  uint64_t requests_reused = 0;     // requests sent on a connection another request opened
  uint64_t retries = 0;             // requests re-sent because the server never processed them
};

class Client {
 public:
  explicit Client(boost::asio::io_context& io, ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  using Callback = std::function<void(ClientResult)>;
  // Sends `request`; `done` runs exactly once on the io_context's thread, never inside send().
  //
  // Retries: a request sent on a pooled connection that the server had already closed (closed or
  // reset before any response byte) is sent once more on a new connection; that is the
  // keep-alive race every pooling client has (the server's idle timeout fires while the request
  // is in flight), and no response byte means the server did not answer it. HTTP/2 also retries,
  // once, a stream the server refused unprocessed (REFUSED_STREAM, or above a GOAWAY's
  // last-stream-id, RFC 9113 §6.8). Nothing else retries.
  void send(ClientRequest request, Callback done);

  ClientStats stats() const;
  size_t idleConnections() const;  // pooled, all origins (an HTTP/2 connection counts once)
  void closeIdleConnections();

  struct Impl;  // in client.cc; public only so client_async.h's function can reach it
  Impl& impl() { return *impl_; }

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace plexus::http
