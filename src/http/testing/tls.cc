#include "src/http/testing/tls.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "src/http/codec.h"
#include "src/http/testing/raw_socket.h"

namespace plexus::http::testing {
namespace {

constexpr int kSafetyTimeoutSeconds = 5;

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "testing/tls: %s\n", what);
  ERR_print_errors_fp(stderr);
  std::abort();
}

std::string bioText(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

struct Issued {
  X509* certificate;
  EVP_PKEY* key;
};

void addExtension(X509* certificate, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  if (!extension || X509_add_ext(certificate, extension, -1) != 1) fail("extension");
  X509_EXTENSION_free(extension);
}

// Signed by `issuer` (self-signed when null).
Issued issue(std::string_view common_name, bool is_ca, const Issued* issuer) {
  static int serial = 1;
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (!key) fail("EVP_EC_gen");
  X509* certificate = X509_new();
  X509_set_version(certificate, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), serial++);
  X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 30L * 24 * 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME* name = X509_get_subject_name(certificate);
  std::string cn(common_name);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509* issuer_certificate = issuer ? issuer->certificate : certificate;
  X509_set_issuer_name(certificate, X509_get_subject_name(issuer_certificate));
  if (is_ca) {
    addExtension(certificate, issuer_certificate, NID_basic_constraints, "critical,CA:TRUE");
    addExtension(certificate, issuer_certificate, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    addExtension(certificate, issuer_certificate, NID_basic_constraints, "critical,CA:FALSE");
    addExtension(certificate, issuer_certificate, NID_subject_alt_name,
                 ("DNS:" + cn + ",IP:127.0.0.1").c_str());
    addExtension(certificate, issuer_certificate, NID_ext_key_usage, "serverAuth");
  }
  if (X509_sign(certificate, issuer ? issuer->key : key, EVP_sha256()) == 0) fail("X509_sign");
  return {certificate, key};
}

TestCertificate toPem(const Issued& issued) {
  BIO* certificate = BIO_new(BIO_s_mem());
  BIO* key = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(certificate, issued.certificate);
  PEM_write_bio_PrivateKey(key, issued.key, nullptr, nullptr, 0, nullptr, nullptr);
  TestCertificate out{bioText(certificate), bioText(key)};
  BIO_free(certificate);
  BIO_free(key);
  return out;
}

void release(const Issued& issued) {
  X509_free(issued.certificate);
  EVP_PKEY_free(issued.key);
}

std::string takeErrors() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    if (!out.empty()) out += "; ";
    out += text;
  }
  return out;
}

}  // namespace

TestCertificate selfSignedCertificate(std::string_view common_name) {
  Issued issued = issue(common_name, /*is_ca=*/false, nullptr);
  TestCertificate out = toPem(issued);
  release(issued);
  return out;
}

TestChain certificateChain() {
  Issued root = issue("Plexus Test Root", /*is_ca=*/true, nullptr);
  Issued intermediate = issue("Plexus Test Intermediate", /*is_ca=*/true, &root);
  Issued leaf = issue("localhost", /*is_ca=*/false, &intermediate);
  TestChain chain{toPem(root), toPem(intermediate), toPem(leaf)};
  release(root);
  release(intermediate);
  release(leaf);
  return chain;
}

std::unique_ptr<TlsConnection> TlsConnection::connect(uint16_t port,
                                                      const TlsClientOptions& options,
                                                      std::string* error) {
  auto failed = [&](std::string what) -> std::unique_ptr<TlsConnection> {
    std::string detail = takeErrors();
    if (error) *error = detail.empty() ? what : what + ": " + detail;
    return nullptr;
  };
  ERR_clear_error();
  SSL_CTX* context = SSL_CTX_new(TLS_client_method());
  if (options.allow_legacy) {
    SSL_CTX_set_security_level(context, 0);
    SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0");
  }
  if (options.min_version) SSL_CTX_set_min_proto_version(context, options.min_version);
  if (options.max_version) SSL_CTX_set_max_proto_version(context, options.max_version);
  if (!options.trusted_pem.empty()) {
    BIO* bio =
        BIO_new_mem_buf(options.trusted_pem.data(), static_cast<int>(options.trusted_pem.size()));
    X509_STORE* store = SSL_CTX_get_cert_store(context);
    while (X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
      X509_STORE_add_cert(store, certificate);
      X509_free(certificate);
    }
    ERR_clear_error();
    BIO_free(bio);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
  }
  int fd = connectLoopback(port);
  if (fd < 0) {
    SSL_CTX_free(context);
    return failed("connect");
  }
  SSL* ssl = SSL_new(context);
  auto connection = std::unique_ptr<TlsConnection>(new TlsConnection(fd, context, ssl));
  SSL_set_fd(ssl, fd);
  SSL_set_tlsext_host_name(ssl, "localhost");
  if (!options.trusted_pem.empty()) SSL_set1_host(ssl, "localhost");
  if (!options.alpn.empty()) {
    std::string wire;
    for (const std::string& protocol : options.alpn) {
      wire.push_back(static_cast<char>(protocol.size()));
      wire += protocol;
    }
    SSL_set_alpn_protos(ssl, reinterpret_cast<const unsigned char*>(wire.data()),
                        static_cast<unsigned int>(wire.size()));
  }
  if (SSL_connect(ssl) != 1) {
    long verify = SSL_get_verify_result(ssl);
    std::string what = "handshake";
    if (verify != X509_V_OK)
      what += std::string(" (") + X509_verify_cert_error_string(verify) + ")";
    return failed(what);
  }
  return connection;
}

TlsConnection::TlsConnection(int fd, SSL_CTX* context, SSL* ssl)
    : fd_(fd), context_(context), ssl_(ssl) {}

TlsConnection::~TlsConnection() {
  SSL_free(ssl_);
  SSL_CTX_free(context_);
  ::close(fd_);
}

bool TlsConnection::write(std::string_view bytes) {
  return SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size())) ==
         static_cast<int>(bytes.size());
}

std::optional<Response> TlsConnection::readResponse() {
  ResponseParser parser;
  for (;;) {
    if (!buffer_.empty()) {
      ParseResult r = parser.parse(buffer_);
      buffer_.erase(0, r.consumed);
      if (r.event == ParseEvent::kMessage) return parser.takeResponse();
      if (r.event == ParseEvent::kError) return std::nullopt;
    }
    char chunk[16 * 1024];
    int n = SSL_read(ssl_, chunk, sizeof chunk);
    if (n <= 0) {
      ERR_clear_error();
      ParseResult r = parser.finish();
      if (r.event == ParseEvent::kMessage) return parser.takeResponse();
      return std::nullopt;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

bool TlsConnection::waitForClose() {
  char chunk[4096];
  for (;;) {
    int n = SSL_read(ssl_, chunk, sizeof chunk);
    if (n > 0) continue;
    int error = SSL_get_error(ssl_, n);
    // The socket timeout surfaces as a retry (EAGAIN): the server did not close.
    bool timed_out = error == SSL_ERROR_WANT_READ ||
                     (error == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK));
    ERR_clear_error();
    return !timed_out;
  }
}

std::string TlsConnection::alpn() const {
  const unsigned char* data = nullptr;
  unsigned int size = 0;
  SSL_get0_alpn_selected(ssl_, &data, &size);
  return data ? std::string(reinterpret_cast<const char*>(data), size) : std::string();
}

std::string TlsConnection::version() const { return SSL_get_version(ssl_); }

}  // namespace plexus::http::testing
