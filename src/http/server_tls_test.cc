// HTTPS: the server of src/http/server.h with ServerOptions::tls set (server_tls.cc).
#include <openssl/ssl.h>

#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "src/http/server.h"
#include "src/http/testing/raw_socket.h"
#include "src/http/testing/tls.h"

namespace plexus::http {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;
using testing::TestCertificate;
using testing::TlsClientOptions;
using testing::TlsConnection;
using Clock = std::chrono::steady_clock;

const TestCertificate& certificate() {
  static const TestCertificate cert = testing::selfSignedCertificate();
  return cert;
}

ServerOptions tlsOptions(const TestCertificate& cert = certificate()) {
  ServerOptions options;
  options.workers = 2;
  options.tls = TlsOptions{.certificate_pem = cert.certificate_pem, .key_pem = cert.key_pem};
  return options;
}

TlsClientOptions trusting(const TestCertificate& cert = certificate()) {
  return TlsClientOptions{.trusted_pem = cert.certificate_pem};
}

Response echo(Request& request) {
  return Response{.status = 200,
                  .headers = {{"x-method", request.method}, {"x-target", request.target}},
                  .body = std::move(request.body)};
}

std::unique_ptr<Server> startServer(ServerOptions options) {
  StatusOr<std::unique_ptr<Server>> server = Server::start(std::move(options), echo);
  if (!server.ok()) {
    ADD_FAILURE() << server.status().message();
    return nullptr;
  }
  return std::move(*server);
}

std::string get(std::string_view target) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
}

std::string startError(ServerOptions options) {
  StatusOr<std::unique_ptr<Server>> server = Server::start(std::move(options), echo);
  return server.ok() ? "started" : server.status().message();
}

TEST(ServerTlsTest, ServesSeveralRequestsOnOneKeepAliveTlsConnection) {
  auto server = startServer(tlsOptions());
  ASSERT_TRUE(server);
  std::string error;
  auto client = TlsConnection::connect(server->port(), trusting(), &error);
  ASSERT_TRUE(client) << error;

  ASSERT_TRUE(client->write(get("/first")));
  std::optional<Response> first = client->readResponse();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->headers.get("x-target"), "/first");

  ASSERT_TRUE(
      client->write("POST /second HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello"));
  std::optional<Response> second = client->readResponse();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->headers.get("x-method"), "POST");
  EXPECT_EQ(second->body, "hello");

  EXPECT_EQ(server->stats().connections_accepted, 1u);
  EXPECT_EQ(server->stats().requests, 2u);
}

TEST(ServerTlsTest, SelectsHttp11WithAlpn) {
  auto server = startServer(tlsOptions());
  ASSERT_TRUE(server);
  std::string error;

  TlsClientOptions browser = trusting();
  browser.alpn = {"h2", "http/1.1"};  // h2 is not served yet, so never chosen
  auto client = TlsConnection::connect(server->port(), browser, &error);
  ASSERT_TRUE(client) << error;
  EXPECT_EQ(client->alpn(), "http/1.1");
  ASSERT_TRUE(client->write(get("/")));
  ASSERT_TRUE(client->readResponse());

  TlsClientOptions no_alpn = trusting();
  no_alpn.alpn.clear();
  client = TlsConnection::connect(server->port(), no_alpn, &error);
  ASSERT_TRUE(client) << error;
  EXPECT_EQ(client->alpn(), "");
  ASSERT_TRUE(client->write(get("/")));
  ASSERT_TRUE(client->readResponse());

  // RFC 7301 §3.2: no protocol in common is a fatal no_application_protocol alert.
  TlsClientOptions h2_only = trusting();
  h2_only.alpn = {"h2"};
  EXPECT_FALSE(TlsConnection::connect(server->port(), h2_only, &error));
  EXPECT_NE(error.find("no application protocol"), std::string::npos) << error;
}

TEST(ServerTlsTest, NegotiatesTls13AndStillAcceptsTls12ButNothingOlder) {
  auto server = startServer(tlsOptions());
  ASSERT_TRUE(server);
  std::string error;
  auto modern = TlsConnection::connect(server->port(), trusting(), &error);
  ASSERT_TRUE(modern) << error;
  EXPECT_EQ(modern->version(), "TLSv1.3");

  TlsClientOptions tls12 = trusting();
  tls12.max_version = TLS1_2_VERSION;
  auto older = TlsConnection::connect(server->port(), tls12, &error);
  ASSERT_TRUE(older) << error;
  EXPECT_EQ(older->version(), "TLSv1.2");
  ASSERT_TRUE(older->write(get("/")));
  ASSERT_TRUE(older->readResponse());

  TlsClientOptions tls11 = trusting();
  tls11.allow_legacy = true;
  tls11.min_version = TLS1_VERSION;
  tls11.max_version = TLS1_1_VERSION;
  EXPECT_FALSE(TlsConnection::connect(server->port(), tls11, &error));
}

TEST(ServerTlsTest, AnswersPipelinedRequestsSentAsSeparateRecords) {
  auto server = startServer(tlsOptions());
  ASSERT_TRUE(server);
  std::string error;
  auto client = TlsConnection::connect(server->port(), trusting(), &error);
  ASSERT_TRUE(client) << error;
  // One record per request, all sent before reading: the server reads several records at once,
  // so requests wait inside OpenSSL rather than in the socket and must still be answered.
  constexpr int kRequests = 40;
  for (int i = 0; i < kRequests; ++i) ASSERT_TRUE(client->write(get("/r" + std::to_string(i))));
  for (int i = 0; i < kRequests; ++i) {
    std::optional<Response> response = client->readResponse();
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->headers.get("x-target"), "/r" + std::to_string(i));
  }
  EXPECT_EQ(server->stats().connections_accepted, 1u);
}

TEST(ServerTlsTest, AnswersAFramingErrorOverTlsAndCloses) {
  ServerOptions options = tlsOptions();
  options.limits.max_body_bytes = 100;
  auto server = startServer(options);
  ASSERT_TRUE(server);
  std::string error;
  auto client = TlsConnection::connect(server->port(), trusting(), &error);
  ASSERT_TRUE(client) << error;
  ASSERT_TRUE(client->write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n" +
                            std::string(2000, 'x')));
  std::optional<Response> response = client->readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->headers.get("connection"), "close");
  EXPECT_TRUE(client->waitForClose());
  EXPECT_EQ(server->stats().requests, 0u);
}

TEST(ServerTlsTest, SendsTheCertificateChainSoClientsTrustingOnlyTheRootVerify) {
  testing::TestChain chain = testing::certificateChain();
  TlsClientOptions trusting_root{.trusted_pem = chain.root.certificate_pem};
  std::string error;

  // The intermediate in certificate_chain (Apollo's tls.supergraph.certificate_chain).
  ServerOptions separate = tlsOptions(chain.leaf);
  separate.tls->certificate_chain_pem = chain.intermediate.certificate_pem;
  auto server = startServer(separate);
  ASSERT_TRUE(server);
  auto client = TlsConnection::connect(server->port(), trusting_root, &error);
  ASSERT_TRUE(client) << error;
  ASSERT_TRUE(client->write(get("/")));
  ASSERT_TRUE(client->readResponse());

  // Or after the leaf in certificate (a "fullchain" file).
  ServerOptions fullchain = tlsOptions(chain.leaf);
  fullchain.tls->certificate_pem += chain.intermediate.certificate_pem;
  server = startServer(fullchain);
  ASSERT_TRUE(server);
  EXPECT_TRUE(TlsConnection::connect(server->port(), trusting_root, &error)) << error;

  // Without the intermediate the client cannot build a path to its root.
  server = startServer(tlsOptions(chain.leaf));
  ASSERT_TRUE(server);
  EXPECT_FALSE(TlsConnection::connect(server->port(), trusting_root, &error));
  EXPECT_NE(error.find("unable to get local issuer certificate"), std::string::npos) << error;
}

TEST(ServerTlsTest, AnswersPlainHttpOnTheTlsPortWith400AndCloses) {
  auto server = startServer(tlsOptions());
  ASSERT_TRUE(server);
  RawConnection plain = RawConnection::connect(server->port());
  ASSERT_TRUE(plain.write(get("/")));
  std::optional<Response> response = plain.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_NE(response->body.find("HTTPS"), std::string::npos) << response->body;
  EXPECT_TRUE(plain.waitForClose());
  EXPECT_EQ(server->stats().requests, 0u);

  // Bytes that are neither TLS nor HTTP: dropped.
  RawConnection garbage = RawConnection::connect(server->port());
  ASSERT_TRUE(garbage.write(std::string(64, '\x01')));
  EXPECT_EQ(garbage.readUntilClose(), "");

  // The server is unharmed.
  std::string error;
  auto client = TlsConnection::connect(server->port(), trusting(), &error);
  ASSERT_TRUE(client) << error;
  ASSERT_TRUE(client->write(get("/")));
  EXPECT_TRUE(client->readResponse());
}

TEST(ServerTlsTest, DropsAClientThatDoesNotCompleteTheHandshakeInTime) {
  ServerOptions options = tlsOptions();
  options.tls_handshake_timeout = 1s;  // room for a real handshake on a loaded machine
  options.header_read_timeout = 60s;   // so only the handshake deadline can close these
  auto server = startServer(options);
  ASSERT_TRUE(server);

  Clock::time_point start = Clock::now();
  RawConnection silent = RawConnection::connect(server->port());
  EXPECT_TRUE(silent.waitForClose());
  // A ClientHello that stops half-way.
  RawConnection stalled = RawConnection::connect(server->port());
  ASSERT_TRUE(stalled.write(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)));
  EXPECT_TRUE(stalled.waitForClose());
  EXPECT_LT(Clock::now() - start, 4500ms);  // RawConnection gives up after 5 s each

  // The deadline is the handshake's only: a connected client may then take its time.
  std::string error;
  auto client = TlsConnection::connect(server->port(), trusting(), &error);
  ASSERT_TRUE(client) << error;
  std::this_thread::sleep_for(1500ms);  // past tls_handshake_timeout
  ASSERT_TRUE(client->write(get("/")));
  EXPECT_TRUE(client->readResponse());
}

TEST(ServerTlsTest, StopsPromptlyWithIdleAndHandshakingConnectionsOpen) {
  auto server = startServer(tlsOptions());
  ASSERT_TRUE(server);
  std::string error;
  auto idle = TlsConnection::connect(server->port(), trusting(), &error);
  ASSERT_TRUE(idle) << error;
  ASSERT_TRUE(idle->write(get("/")));
  ASSERT_TRUE(idle->readResponse());
  RawConnection silent = RawConnection::connect(server->port());

  Clock::time_point start = Clock::now();
  server->stop(10s);
  EXPECT_LT(Clock::now() - start, 2s);
  EXPECT_TRUE(idle->waitForClose());
  EXPECT_TRUE(silent.waitForClose());
}

TEST(ServerTlsTest, ReportsWhichPemCannotBeLoaded) {
  TestCertificate cert = certificate();
  TestCertificate other = testing::selfSignedCertificate("other");

  ServerOptions options = tlsOptions();
  options.tls->certificate_pem = "not a certificate";
  EXPECT_EQ(startError(options), "tls: certificate: no PEM certificate found");

  options = tlsOptions();
  options.tls->certificate_pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  EXPECT_NE(startError(options).find("tls: certificate: cannot read PEM certificate #1"),
            std::string::npos)
      << startError(options);

  options = tlsOptions();
  options.tls->key_pem = "";
  EXPECT_NE(startError(options).find("tls: key: no usable PEM private key"), std::string::npos)
      << startError(options);

  options = tlsOptions();
  options.tls->key_pem = other.key_pem;
  EXPECT_EQ(startError(options), "tls: key: does not match the certificate");

  options = tlsOptions();
  options.tls->certificate_chain_pem = "garbage";
  EXPECT_EQ(startError(options), "tls: certificate_chain: no PEM certificate found");

  options = tlsOptions();
  options.tls->key_pem = cert.certificate_pem;  // a certificate where the key belongs
  EXPECT_NE(startError(options).find("tls: key:"), std::string::npos) << startError(options);
}

}  // namespace
}  // namespace plexus::http
