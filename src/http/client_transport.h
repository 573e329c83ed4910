// Internal to src/http (includes Asio and its SSL part): where a client call goes and the byte
// stream a client connection runs over, shared by the HTTP/1.1 exchange (client.cc) and HTTP/2
// sessions (client_h2.cc), so TCP, Unix domain sockets and TLS over either take one code path.
//
//   StatusOr<Destination> destination = parseDestination(call);   // url + unix_socket
//   Transport transport(io);
//   std::optional<Failure> failure = co_await connectTransport(
//       transport, *destination, tls_context.get(), AlpnOffer::kHttp1, connect_deadline, deadline);
//   co_await transport.write(asio::buffer(wire), ec);
//   size_t n = co_await transport.readSome(asio::buffer(in), ec);
//
// Thread-safety: a Transport belongs to the thread that runs its io_context.
#pragma once

#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "src/common/status.h"
#include "src/http/client.h"
#include "src/http/coroutine_io.h"
#include "src/http/url.h"
#include "src/http/watchdog.h"

namespace plexus::http {

using ClientSocket = asio::generic::stream_protocol::socket;
using ClientTlsStream = asio::ssl::stream<ClientSocket>;

// Where one call goes: its URL (scheme "http" or "https") and, optionally, the Unix socket that
// replaces the URL's host and port as the place to connect.
struct Destination {
  Url url;
  bool tls = false;
  std::string unix_socket;
  // Connections are pooled by this: "http://host:port", "https://host:port", "unix:/path", or
  // "unix:/path|https://host:port" (TLS verifies the URL's host, so it is part of the key).
  std::string pool_key;
  std::string host_header;  // "host:port", or "host" for the scheme's default port
};

// Also accepts https:// (parseUrl does not yet): port 443 unless given.
StatusOr<Destination> parseDestination(const ClientRequest& call);

// What went wrong, before the caller prefixes the method and URL.
struct Failure {
  ClientErrorCode code;
  std::string detail;
};

// The protocols a TLS connection offers in ALPN (RFC 7301).
enum class AlpnOffer { kHttp1, kH2AndHttp1, kH2 };

class Transport {
 public:
  explicit Transport(asio::io_context& io) : stream_(std::in_place_type<ClientSocket>, io) {}

  ClientSocket& socket() {
    if (auto* tls = std::get_if<ClientTlsStream>(&stream_)) return tls->next_layer();
    return std::get<ClientSocket>(stream_);
  }
  bool tls() const { return std::holds_alternative<ClientTlsStream>(stream_); }

  auto readSome(asio::mutable_buffer buffer, boost::system::error_code& ec) {
    return std::visit([&](auto& s) { return s.async_read_some(buffer, noThrow(ec)); }, stream_);
  }
  auto write(asio::const_buffer buffer, boost::system::error_code& ec) {
    return std::visit([&](auto& s) { return asio::async_write(s, buffer, noThrow(ec)); }, stream_);
  }

  // Bytes the peer sent that already left the socket and wait inside OpenSSL: then waiting for
  // the socket to become readable could wait forever.
  bool hasBufferedInput();
  // For a pooled connection: the server closed or reset it, or sent bytes nobody asked for
  // (`unsolicited_ok`: HTTP/2, where the server may send SETTINGS, PING or GOAWAY at any time).
  // One non-blocking peek, no wait.
  bool isDead(bool unsolicited_ok = false);
  void close();
  // Whether ALPN selected "h2".
  bool negotiatedH2() const;

  // Replaces the connected socket by a TLS stream over it and runs the client handshake.
  asio::awaitable<std::optional<Failure>> handshake(asio::ssl::context& context,
                                                    const std::string& host, bool verify,
                                                    AlpnOffer alpn);

 private:
  std::variant<ClientSocket, ClientTlsStream> stream_;
};

// Connects to the destination's Unix socket or host:port (resolving names), then for https runs
// the TLS handshake, all by `connect_deadline` (kConnectTimeout) and `deadline` (kTimeout, when
// it comes first). `tls_context` is required for https.
asio::awaitable<std::optional<Failure>> connectTransport(
    Transport& transport, const Destination& destination, asio::ssl::context* tls_context,
    bool tls_verify, AlpnOffer alpn, Watchdog::Clock::time_point connect_deadline,
    Watchdog::Clock::time_point deadline);

// The TLS client context of a Client: TLS 1.2 minimum; with options.tls_verify, peer
// verification against the system CA store plus options.tls_ca_file. An unreadable CA file is an
// error naming it.
StatusOr<std::shared_ptr<asio::ssl::context>> makeClientTlsContext(const ClientOptions& options);

}  // namespace plexus::http
