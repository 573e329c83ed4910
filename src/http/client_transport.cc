#include "src/http/client_transport.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/ssl/error.hpp>
#include <cerrno>
#include <vector>

#include "src/http/message.h"

namespace plexus::http {

namespace ssl = asio::ssl;
using asio::ip::tcp;
using Clock = Watchdog::Clock;

StatusOr<Destination> parseDestination(const ClientRequest& call) {
  StatusOr<Url> url = parseUrl(call.url);
  if (!url.ok()) return url.status();
  const bool tls = url->scheme == "https";
  Destination destination;
  destination.tls = tls;
  const uint16_t default_port = tls ? 443 : 80;
  destination.host_header = url->origin();
  if (url->port == default_port) {
    destination.host_header.resize(destination.host_header.rfind(':'));
  }
  std::string origin = url->scheme + "://" + url->origin();
  if (call.unix_socket.empty()) {
    destination.pool_key = std::move(origin);
  } else {
    if (call.unix_socket.size() >= sizeof(sockaddr_un::sun_path)) {
      return Status::error("unix socket path too long: " + call.unix_socket);
    }
    destination.unix_socket = call.unix_socket;
    destination.pool_key = "unix:" + call.unix_socket;
    if (tls) destination.pool_key += "|" + origin;
  }
  destination.url = std::move(*url);
  return destination;
}

// ---- Transport ----

bool Transport::hasBufferedInput() {
  auto* tls = std::get_if<ClientTlsStream>(&stream_);
  if (!tls) return false;
  SSL* ssl = tls->native_handle();
  return SSL_has_pending(ssl) != 0 || BIO_ctrl_pending(SSL_get_rbio(ssl)) > 0;
}

bool Transport::isDead(bool unsolicited_ok) {
  if (!socket().is_open()) return true;
  if (hasBufferedInput() && !unsolicited_ok) return true;
  char byte;
  ssize_t n = ::recv(socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
  return n == 0 || !unsolicited_ok;  // 0: closed; > 0: unsolicited bytes
}

void Transport::close() {
  boost::system::error_code ignored;
  socket().close(ignored);
}

bool Transport::negotiatedH2() const {
  const auto* tls = std::get_if<ClientTlsStream>(&stream_);
  if (!tls) return false;
  const unsigned char* data = nullptr;
  unsigned int size = 0;
  SSL_get0_alpn_selected(const_cast<ClientTlsStream*>(tls)->native_handle(), &data, &size);
  return data && std::string_view(reinterpret_cast<const char*>(data), size) == "h2";
}

namespace {

// ALPN wire format: length-prefixed names.
std::string_view alpnWire(AlpnOffer offer) {
  using namespace std::string_view_literals;
  switch (offer) {
    case AlpnOffer::kHttp1: return "\x08http/1.1"sv;
    case AlpnOffer::kH2AndHttp1: return "\x02h2\x08http/1.1"sv;
    case AlpnOffer::kH2: return "\x02h2"sv;
  }
  return {};
}

// OpenSSL's reason for a failed handshake: the certificate check's verdict when that failed
// ("self-signed certificate", "hostname mismatch"), else the error's own text.
std::string handshakeReason(SSL* ssl, const boost::system::error_code& ec) {
  long verify = SSL_get_verify_result(ssl);
  std::string reason = ec.message();
  if (verify != X509_V_OK) {
    reason += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
  }
  ERR_clear_error();
  return reason;
}

}  // namespace

asio::awaitable<std::optional<Failure>> Transport::handshake(ssl::context& context,
                                                             const std::string& host, bool verify,
                                                             AlpnOffer alpn) {
  ClientSocket socket = std::move(std::get<ClientSocket>(stream_));
  ClientTlsStream& tls = stream_.emplace<ClientTlsStream>(std::move(socket), context);
  SSL* ssl = tls.native_handle();
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  const bool is_ip = !ec;
  // SNI carries DNS names only (RFC 6066 §3).
  if (!is_ip) SSL_set_tlsext_host_name(ssl, host.c_str());
  if (verify) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    int set = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                    : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
    if (set != 1) {
      ERR_clear_error();
      co_return Failure{ClientErrorCode::kTlsFailed, "cannot verify host name '" + host + "'"};
    }
  }
  std::string_view protocols = alpnWire(alpn);
  SSL_set_alpn_protos(ssl, reinterpret_cast<const unsigned char*>(protocols.data()),
                      static_cast<unsigned int>(protocols.size()));
  co_await tls.async_handshake(ssl::stream_base::client, noThrow(ec));
  if (ec) {
    if (!tls.next_layer().is_open()) co_return Failure{ClientErrorCode::kTimeout, ""};
    co_return Failure{ClientErrorCode::kTlsFailed,
                      "TLS handshake failed: " + handshakeReason(ssl, ec)};
  }
  if (alpn == AlpnOffer::kH2 && !negotiatedH2()) {
    co_return Failure{ClientErrorCode::kTlsFailed,
                      "TLS handshake: the server did not select h2 in ALPN (http2only)"};
  }
  co_return std::nullopt;
}

asio::awaitable<std::optional<Failure>> connectTransport(Transport& transport,
                                                         const Destination& destination,
                                                         ssl::context* tls_context, bool tls_verify,
                                                         AlpnOffer alpn,
                                                         Clock::time_point connect_deadline,
                                                         Clock::time_point deadline) {
  ClientSocket& socket = transport.socket();
  tcp::resolver resolver(socket.get_executor());
  Watchdog watchdog(socket.get_executor(), [&] {
    resolver.cancel();
    transport.close();
  });
  watchdog.setDeadline(connect_deadline);
  auto timedOut = [&] {
    return connect_deadline < deadline
               ? Failure{ClientErrorCode::kConnectTimeout, "connect timed out"}
               : Failure{ClientErrorCode::kTimeout, "timed out"};
  };
  boost::system::error_code ec;
  if (!destination.unix_socket.empty()) {
    const std::string& path = destination.unix_socket;
    co_await socket.async_connect(asio::local::stream_protocol::endpoint(path), noThrow(ec));
    if (watchdog.expired()) co_return timedOut();
    if (ec == asio::error::connection_refused || ec == asio::error::not_found ||
        ec.value() == ENOENT) {
      co_return Failure{
          ClientErrorCode::kConnectionRefused,
          "connection refused: nothing listens on unix socket " + path + " (" + ec.message() + ")"};
    }
    if (ec) {
      co_return Failure{ClientErrorCode::kConnectFailed,
                        "cannot connect to unix socket " + path + ": " + ec.message()};
    }
  } else {
    const Url& url = destination.url;
    std::vector<asio::generic::stream_protocol::endpoint> endpoints;
    asio::ip::address address = asio::ip::make_address(url.host, ec);
    if (!ec) {
      endpoints.emplace_back(tcp::endpoint(address, url.port));
    } else {
      auto results =
          co_await resolver.async_resolve(url.host, std::to_string(url.port), noThrow(ec));
      if (watchdog.expired()) co_return timedOut();
      if (ec) co_return Failure{ClientErrorCode::kResolveFailed, "cannot resolve: " + ec.message()};
      for (const auto& entry : results) endpoints.emplace_back(entry.endpoint());
    }
    co_await asio::async_connect(socket, endpoints, noThrow(ec));
    if (watchdog.expired()) co_return timedOut();
    if (ec == asio::error::connection_refused) {
      co_return Failure{ClientErrorCode::kConnectionRefused, "connection refused"};
    }
    if (ec) co_return Failure{ClientErrorCode::kConnectFailed, "cannot connect: " + ec.message()};
    socket.set_option(tcp::no_delay(true), ec);
  }
  if (destination.tls) {
    std::optional<Failure> failure =
        co_await transport.handshake(*tls_context, destination.url.host, tls_verify, alpn);
    if (watchdog.expired()) co_return timedOut();
    co_return failure;
  }
  co_return std::nullopt;
}

StatusOr<std::shared_ptr<ssl::context>> makeClientTlsContext(const ClientOptions& options) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(native, SSL_MODE_RELEASE_BUFFERS);
  if (!options.tls_verify) {
    context->set_verify_mode(ssl::verify_none);
    return context;
  }
  boost::system::error_code ec;
  context->set_default_verify_paths(ec);  // no system store is not an error: tls_ca_file may do
  if (!options.tls_ca_file.empty()) {
    context->load_verify_file(options.tls_ca_file, ec);
    if (ec) {
      ERR_clear_error();
      return Status::error("tls_ca_file '" + options.tls_ca_file +
                           "': cannot load CA certificates (" + ec.message() + ")");
    }
  }
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

}  // namespace plexus::http
