// Test-only TLS helpers: certificates made in-process with OpenSSL (no `openssl` CLI, no files)
// and a blocking TLS client on a plain POSIX socket, to speak HTTPS to a Server under test.
//
//   testing::TestCertificate cert = testing::selfSignedCertificate();   // CN/SAN localhost
//   options.tls = TlsOptions{.certificate_pem = cert.certificate_pem, .key_pem = cert.key_pem};
//   std::string error;
//   auto client = testing::TlsConnection::connect(server->port(),
//                                                 {.trusted_pem = cert.certificate_pem}, &error);
//   client->write("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
//   std::optional<Response> response = client->readResponse();
//
// Every blocking read has the same 5 s safety timeout as RawConnection. A TlsConnection belongs to
// one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/http/message.h"

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace plexus::http::testing {

struct TestCertificate {
  std::string certificate_pem;
  std::string key_pem;  // unencrypted PKCS#8
};

// An EC P-256 certificate for DNS:localhost and IP:127.0.0.1, valid from an hour ago for 30 days.
TestCertificate selfSignedCertificate(std::string_view common_name = "localhost");

// root CA → intermediate CA → leaf (localhost): a client trusting only the root verifies the leaf
// only when the server sends the intermediate.
struct TestChain {
  TestCertificate root;
  TestCertificate intermediate;
  TestCertificate leaf;
};
TestChain certificateChain();

struct TlsClientOptions {
  std::vector<std::string> alpn = {"http/1.1"};  // empty: no ALPN extension
  std::string trusted_pem;                       // empty: the server is not verified
  int min_version = 0;                           // TLS1_2_VERSION and friends; 0: OpenSSL's
  int max_version = 0;
  bool allow_legacy = false;  // security level 0, so TLS 1.0/1.1 may be offered
};

class TlsConnection {
 public:
  // Connects to 127.0.0.1:port and completes the handshake; nullptr (with `error` filled) when
  // either fails.
  static std::unique_ptr<TlsConnection> connect(uint16_t port, const TlsClientOptions& options = {},
                                                std::string* error = nullptr);
  ~TlsConnection();
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;

  // One SSL_write (one or more TLS records); false when the peer is gone.
  bool write(std::string_view bytes);
  // Reads one response; nullopt on EOF, error or a malformed message. Bytes after it stay buffered.
  std::optional<Response> readResponse();
  // True when the server closed (close_notify, EOF or reset) within the safety timeout.
  bool waitForClose();

  std::string alpn() const;     // the protocol ALPN selected, "" if none
  std::string version() const;  // "TLSv1.3", "TLSv1.2"

 private:
  TlsConnection(int fd, SSL_CTX* context, SSL* ssl);
  int fd_;
  SSL_CTX* context_;
  SSL* ssl_;
  std::string buffer_;
};

}  // namespace plexus::http::testing
