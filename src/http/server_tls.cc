#include "src/http/server_tls.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "src/http/codec.h"
#include "src/http/coroutine_io.h"
#include "src/http/server_connection.h"
#include "src/http/server_stream.h"
#include "src/http/watchdog.h"

namespace plexus::http {

namespace ssl = boost::asio::ssl;

namespace {

// TLS 1.2 suites: forward secrecy and AEAD only (what rustls, hence Apollo Router, offers). TLS 1.3
// keeps OpenSSL's defaults, which are all of that kind.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// After answering plain HTTP on the TLS port, unread request bytes are drained this long at most
// so the client reads the 400 instead of a reset.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr size_t kMaxLingerBytes = 64 * 1024;

// ---- Protocol selection (ALPN, RFC 7301) ----

enum class Protocol { kHttp1 };

struct AlpnProtocol {
  std::string_view name;
  Protocol protocol;
};

// The protocols this server offers, in its order of preference. This is where HTTP/2 would be
// added: {"h2", Protocol::kHttp2} first, plus its handler in TlsHandshake::startProtocol.
constexpr AlpnProtocol kAlpnProtocols[] = {{"http/1.1", Protocol::kHttp1}};

// kAlpnProtocols in ALPN's wire format (length-prefixed names).
const std::string& alpnWireList() {
  static const std::string wire = [] {
    std::string out;
    for (const AlpnProtocol& p : kAlpnProtocols) {
      out.push_back(static_cast<char>(p.name.size()));
      out.append(p.name);
    }
    return out;
  }();
  return wire;
}

// A client that offers ALPN but none of our protocols gets the fatal no_application_protocol
// alert (RFC 7301 §3.2) rather than a protocol it did not ask for.
int selectAlpn(SSL*, const unsigned char** out, unsigned char* out_size, const unsigned char* in,
               unsigned int in_size, void*) {
  const std::string& server = alpnWireList();
  unsigned char* selected = nullptr;
  unsigned char selected_size = 0;
  if (SSL_select_next_proto(
          &selected, &selected_size, reinterpret_cast<const unsigned char*>(server.data()),
          static_cast<unsigned int>(server.size()), in, in_size) != OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  *out = selected;
  *out_size = selected_size;
  return SSL_TLSEXT_ERR_OK;
}

// No ALPN (an older client): HTTP/1.1, as over plain TCP.
Protocol negotiatedProtocol(const SSL* ssl) {
  const unsigned char* data = nullptr;
  unsigned int size = 0;
  SSL_get0_alpn_selected(ssl, &data, &size);
  std::string_view name(reinterpret_cast<const char*>(data), data ? size : 0);
  for (const AlpnProtocol& p : kAlpnProtocols) {
    if (p.name == name) return p.protocol;
  }
  return Protocol::kHttp1;
}

// ---- Loading PEM ----

struct FreeBio {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct FreeX509 {
  void operator()(X509* x509) const { X509_free(x509); }
};
struct FreeKey {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using BioPtr = std::unique_ptr<BIO, FreeBio>;
using X509Ptr = std::unique_ptr<X509, FreeX509>;
using KeyPtr = std::unique_ptr<EVP_PKEY, FreeKey>;

// An encrypted key must fail, not prompt on the router's terminal.
int noPassword(char*, int, int, void*) { return -1; }

BioPtr memoryBio(std::string_view pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// The reason of the last OpenSSL error of this thread ("no start line"); clears the queue.
std::string takeOpensslError() {
  unsigned long code = ERR_peek_last_error();
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  ERR_clear_error();
  return reason ? reason : "unknown OpenSSL error";
}

Status tlsError(std::string_view part, std::string_view message) {
  return Status::error("tls: " + std::string(part) + ": " + std::string(message));
}

// Every certificate of `pem`, in order; text outside PEM blocks is ignored, a malformed block is
// an error.
StatusOr<std::vector<X509Ptr>> readCertificates(std::string_view pem, std::string_view part) {
  ERR_clear_error();
  BioPtr bio = memoryBio(pem);
  if (!bio) return tlsError(part, "out of memory");
  std::vector<X509Ptr> certificates;
  while (X509* certificate = PEM_read_bio_X509(bio.get(), nullptr, noPassword, nullptr)) {
    certificates.emplace_back(certificate);
  }
  unsigned long code = ERR_peek_last_error();
  bool at_end = code == 0 ||
                (ERR_GET_LIB(code) == ERR_LIB_PEM && ERR_GET_REASON(code) == PEM_R_NO_START_LINE);
  if (!at_end) {
    return tlsError(part, "cannot read PEM certificate #" +
                              std::to_string(certificates.size() + 1) + " (" + takeOpensslError() +
                              ")");
  }
  ERR_clear_error();
  return certificates;
}

Status loadCertificateAndKey(SSL_CTX* context, const TlsOptions& options) {
  StatusOr<std::vector<X509Ptr>> certificates =
      readCertificates(options.certificate_pem, "certificate");
  if (!certificates.ok()) return certificates.status();
  if (certificates->empty()) return tlsError("certificate", "no PEM certificate found");
  StatusOr<std::vector<X509Ptr>> chain =
      readCertificates(options.certificate_chain_pem, "certificate_chain");
  if (!chain.ok()) return chain.status();
  if (chain->empty() &&
      options.certificate_chain_pem.find_first_not_of(" \t\r\n") != std::string::npos) {
    return tlsError("certificate_chain", "no PEM certificate found");
  }

  ERR_clear_error();
  BioPtr key_bio = memoryBio(options.key_pem);
  KeyPtr key(key_bio ? PEM_read_bio_PrivateKey(key_bio.get(), nullptr, noPassword, nullptr)
                     : nullptr);
  if (!key) {
    if (options.key_pem.find("ENCRYPTED") != std::string::npos) {
      ERR_clear_error();
      return tlsError("key", "encrypted private keys are not supported");
    }
    return tlsError("key", "no usable PEM private key (" + takeOpensslError() + ")");
  }

  X509* leaf = certificates->front().get();
  if (X509_check_private_key(leaf, key.get()) != 1) {
    ERR_clear_error();
    return tlsError("key", "does not match the certificate");
  }
  if (SSL_CTX_use_certificate(context, leaf) != 1) {
    return tlsError("certificate", "rejected (" + takeOpensslError() + ")");
  }
  if (SSL_CTX_use_PrivateKey(context, key.get()) != 1) {
    return tlsError("key", "rejected (" + takeOpensslError() + ")");
  }
  // Intermediates: those after the leaf in `certificate`, then `certificate_chain`.
  for (size_t i = 1; i < certificates->size(); ++i) {
    if (SSL_CTX_add1_chain_cert(context, (*certificates)[i].get()) != 1) {
      return tlsError("certificate", "cannot add intermediate (" + takeOpensslError() + ")");
    }
  }
  for (const X509Ptr& certificate : *chain) {
    if (SSL_CTX_add1_chain_cert(context, certificate.get()) != 1) {
      return tlsError("certificate_chain", "rejected (" + takeOpensslError() + ")");
    }
  }
  return Status();
}

// A request sent in clear text to the TLS port: OpenSSL recognises "GET ", "POST " and friends.
bool isPlainHttp(const boost::system::error_code& ec) {
  if (ec.category() != boost::asio::error::get_ssl_category()) return false;
  auto code = static_cast<unsigned long>(static_cast<unsigned int>(ec.value()));
  return ERR_GET_LIB(code) == ERR_LIB_SSL && ERR_GET_REASON(code) == SSL_R_HTTP_REQUEST;
}

// ---- The handshake ----

class TlsHandshake final : public ServerConnection {
 public:
  TlsHandshake(ServerWorker& worker, StreamProtocol::socket socket)
      : ServerConnection(worker),
        stream_(std::move(socket), *worker.shared().tls_context),
        watchdog_(stream_.get_executor(), [this] { close(); }) {}

  // Like an idle HTTP connection: one that sent nothing closes; a ClientHello already in the
  // socket is served (and its request answered by the draining HTTP connection).
  void drain() override {
    draining_ = true;
    if (waiting_for_hello_) {
      boost::system::error_code ignored;
      socket().cancel(ignored);
    }
  }

  void close() override {
    boost::system::error_code ignored;
    socket().close(ignored);
  }

  asio::awaitable<void> run() {
    watchdog_.setTimeout(worker_.shared().options.tls_handshake_timeout);
    boost::system::error_code ec;
    if (draining_ && !hasUnreadBytes()) {
      ec = asio::error::operation_aborted;  // accepted during the stop with nothing sent: close
    } else {
      waiting_for_hello_ = true;
      co_await socket().async_wait(asio::socket_base::wait_read, noThrow(ec));
      waiting_for_hello_ = false;
      // drain() cancelled the wait: a ClientHello sent before the stop is still served.
      if (ec == asio::error::operation_aborted && draining_ && socket().is_open() &&
          hasUnreadBytes()) {
        ec.clear();
      }
    }
    if (!ec) co_await stream_.async_handshake(ssl::stream_base::server, noThrow(ec));
    if (ec) {
      if (isPlainHttp(ec) && socket().is_open()) co_await answerPlainHttp();
      watchdog_.disarm();
      close();
      co_return;
    }
    ERR_clear_error();  // asio leaves nothing behind on success, but the queue is per thread
    watchdog_.disarm();
    startProtocol();
  }

 private:
  StreamProtocol::socket& socket() { return lowestLayer(stream_); }

  bool hasUnreadBytes() {
    boost::system::error_code ec;
    size_t unread = socket().available(ec);
    return !ec && unread > 0;
  }

  // The handshake is done: hand the stream to the handler of the protocol ALPN chose.
  void startProtocol() {
    switch (negotiatedProtocol(stream_.native_handle())) {
      case Protocol::kHttp1: Http1Connection<TlsStream>::start(worker_, std::move(stream_)); break;
    }
  }

  // A 400 in clear text, as Go's and nginx's servers do, so a misconfigured client sees why.
  asio::awaitable<void> answerPlainHttp() {
    const ServerOptions& options = worker_.shared().options;
    constexpr std::string_view kReason = "client sent an HTTP request to an HTTPS server";
    Response response;
    if (options.error_response) {
      response = options.error_response(400, kReason);
    } else {
      response = Response{.status = 400,
                          .headers = {{"content-type", "text/plain; charset=utf-8"}},
                          .body = "Client sent an HTTP request to an HTTPS server.\n"};
    }
    std::string out;
    serializeResponse(response, /*keep_alive=*/false, 1, /*head_request=*/false, out,
                      worker_.date());
    watchdog_.setTimeout(kLingerTime);
    boost::system::error_code ec;
    co_await asio::async_write(socket(), asio::buffer(out), noThrow(ec));
    if (!ec) socket().shutdown(asio::socket_base::shutdown_send, ec);
    char sink[4096];
    size_t drained = 0;
    while (!ec && drained < kMaxLingerBytes) {
      drained += co_await socket().async_read_some(asio::buffer(sink), noThrow(ec));
    }
  }

  TlsStream stream_;
  Watchdog watchdog_;
  bool waiting_for_hello_ = false;
  bool draining_ = false;
};

}  // namespace

StatusOr<std::shared_ptr<ssl::context>> makeServerTlsContext(const TlsOptions& options) {
  std::shared_ptr<ssl::context> context;
  try {
    context = std::make_shared<ssl::context>(ssl::context::tls_server);
  } catch (const std::exception& e) {
    return Status::error(std::string("tls: cannot create a TLS context: ") + e.what());
  }
  SSL_CTX* native = context->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(
      native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // Idle connections give their record buffers back to OpenSSL's allocator.
  SSL_CTX_set_mode(native, SSL_MODE_RELEASE_BUFFERS);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    return Status::error("tls: cannot set ciphers (" + takeOpensslError() + ")");
  }
  SSL_CTX_set_alpn_select_cb(native, selectAlpn, nullptr);
  alpnWireList();  // built here, not on a worker thread mid-handshake
  if (Status loaded = loadCertificateAndKey(native, options); !loaded.ok()) return loaded;
  return context;
}

void startTlsConnection(ServerWorker& worker, StreamProtocol::socket socket) {
  if (worker.forcedStop()) {
    boost::system::error_code ignored;
    socket.close(ignored);
    return;
  }
  auto handshake = std::make_shared<TlsHandshake>(worker, std::move(socket));
  if (worker.stopping()) handshake->drain();
  auto body = [](std::shared_ptr<TlsHandshake> self) -> asio::awaitable<void> {
    co_await self->run();
  };
  asio::co_spawn(worker.io(), body(std::move(handshake)), asio::detached);
}

}  // namespace plexus::http
