// HTTP/2 through Client (client_h2.cc): against Node's http2 module (testing/h2_echo_server.js)
// for h2c with prior knowledge, h2 over TLS via ALPN, multiplexing, stream resets and GOAWAY, and
// against the project's HTTP/1.1-only servers for what Http2::kEnable falls back to.
#include <boost/asio/io_context.hpp>
#include <fstream>
#include <optional>

#include <gtest/gtest.h>

#include "src/common/testing/temp_files.h"
#include "src/http/client.h"
#include "src/http/server.h"
#include "src/http/testing/client_runner.h"
#include "src/http/testing/node_server.h"
#include "src/http/testing/tls.h"

namespace plexus::http {
namespace {

using namespace std::chrono_literals;
using testing::ClientRunner;
using testing::NodeServer;
using testing::TestCertificate;

const TestCertificate& certificate() {
  static const TestCertificate cert = testing::selfSignedCertificate();
  return cert;
}

// The echo server, or a skip when node is absent.
#define START_NODE(server, ...)                                                    \
  if (!NodeServer::nodeAvailable()) GTEST_SKIP() << "node is not installed";       \
  NodeServer server(PLEXUS_H2_ECHO_SERVER, std::vector<std::string>{__VA_ARGS__}); \
  ASSERT_TRUE(server.ok()) << server.error()

ClientRequest h2Call(std::string url, Http2 mode = Http2::kOnly, std::string body = "{}") {
  ClientRequest call;
  call.url = std::move(url);
  call.request.method = "POST";
  call.request.headers.add("content-type", "application/json");
  call.request.body = std::move(body);
  call.timeout = 5s;
  call.http2 = mode;
  return call;
}

std::string local(uint16_t port, std::string_view path) {
  return "http://127.0.0.1:" + std::to_string(port) + std::string(path);
}

// `needle` appears in the echoed JSON.
#define EXPECT_ECHOED(result, needle) \
  EXPECT_NE((result).response().body.find(needle), std::string::npos) << (result).response().body

TEST(ClientHttp2Test, SpeaksH2cWithPriorKnowledgeOverTcp) {
  START_NODE(server);
  ClientRunner runner;
  ClientRequest call = h2Call(local(server.port(), "/echo?x=1"), Http2::kOnly, R"({"q":1})");
  call.request.headers.add("x-tenant", "acme");
  ClientResult result = runner.fetch(call);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.response().status, 200);
  EXPECT_EQ(result.response().headers.get("x-echo"), "yes");
  EXPECT_EQ(result.response().headers.get("content-type"), "application/json");
  EXPECT_ECHOED(result, R"("httpVersion":"2.0")");
  EXPECT_ECHOED(result, R"("method":"POST","path":"/echo?x=1")");
  EXPECT_ECHOED(result, R"("authority":"127.0.0.1:)" + std::to_string(server.port()));
  EXPECT_ECHOED(result, R"("x-tenant":"acme")");
  EXPECT_ECHOED(result, R"("content-length":"7")");
  EXPECT_ECHOED(result, R"("accept-encoding":"gzip, deflate")");
  EXPECT_ECHOED(result, R"("body":"{\"q\":1}")");

  // The second call reuses the connection, now idle in the pool.
  EXPECT_EQ(runner.client().idleConnections(), 1u);
  ASSERT_TRUE(runner.fetch(h2Call(local(server.port(), "/echo"))).ok());
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);
  EXPECT_EQ(runner.client().stats().requests_reused, 1u);
}

TEST(ClientHttp2Test, SpeaksH2cOverAUnixSocket) {
  std::string path = test::tempPath("h2.sock");
  ::unlink(path.c_str());
  START_NODE(server, "--unix", path);
  ClientRunner runner;
  ClientRequest call = h2Call("http://localhost/hook", Http2::kOnly);
  call.unix_socket = path;
  for (int i = 0; i < 2; ++i) {
    ClientResult result = runner.fetch(call);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_ECHOED(result, R"("httpVersion":"2.0")");
    EXPECT_ECHOED(result, R"("authority":"localhost")");
    EXPECT_ECHOED(result, R"("session":1)");
  }
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);
}

TEST(ClientHttp2Test, MultiplexesConcurrentCallsOnOneConnection) {
  START_NODE(server);
  // /barrier answers only once both calls wait at the server: they must share the connection
  // at the same time, not merely one after the other.
  boost::asio::io_context io;
  Client client(io);
  std::optional<ClientResult> first, second;
  client.send(h2Call(local(server.port(), "/barrier")), [&](ClientResult r) { first = r; });
  client.send(h2Call(local(server.port(), "/barrier")), [&](ClientResult r) { second = r; });
  io.run();
  ASSERT_TRUE(first && first->ok()) << (first ? first->error().message : "no result");
  ASSERT_TRUE(second && second->ok()) << (second ? second->error().message : "no result");
  EXPECT_ECHOED(*first, R"("session":1)");
  EXPECT_ECHOED(*second, R"("session":1)");
  EXPECT_EQ(client.stats().connections_opened, 1u);
  EXPECT_EQ(client.stats().requests_reused, 1u);
}

TEST(ClientHttp2Test, ATimeoutResetsOnlyItsStream) {
  START_NODE(server);
  ClientRunner runner;
  ClientRequest hang = h2Call(local(server.port(), "/hang"));
  hang.timeout = 200ms;
  auto start = std::chrono::steady_clock::now();
  ClientResult result = runner.fetch(hang);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kTimeout);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  // The connection lives on: the next call uses it, and the server saw a CANCEL reset.
  ClientResult stats = runner.fetch(h2Call(local(server.port(), "/stats")));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats.response().body, R"({"sessions":1,"cancelled":1})");
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);
}

TEST(ClientHttp2Test, SendsAndReceivesBodiesOverManyFramesAndWindows) {
  START_NODE(server);
  ClientRunner runner;
  // 300 KB: many 16 KB DATA frames each way, past the default 64 KB flow-control window.
  std::string big(300'000, 'x');
  ClientResult result = runner.fetch(h2Call(local(server.port(), "/echo"), Http2::kOnly, big));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_ECHOED(result, R"("body":")" + big + "\"");
  EXPECT_ECHOED(result, R"("content-length":"300000")");

  ClientRunner limited(ClientOptions{.max_response_bytes = 1000});
  ClientResult too_large = limited.fetch(h2Call(local(server.port(), "/echo"), Http2::kOnly, big));
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.error().code, ClientErrorCode::kResponseTooLarge);
}

TEST(ClientHttp2Test, DecodesGzipResponses) {
  START_NODE(server);
  ClientRunner runner;
  ClientResult result = runner.fetch(h2Call(local(server.port(), "/gzip")));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_ECHOED(result, R"("path":"/gzip")");
  EXPECT_FALSE(result.response().headers.contains("content-encoding"));
}

TEST(ClientHttp2Test, OpensANewConnectionAfterGoaway) {
  START_NODE(server);
  ClientRunner runner;
  ClientResult first = runner.fetch(h2Call(local(server.port(), "/goaway")));
  ASSERT_TRUE(first.ok()) << first.error().message;
  // Whether the GOAWAY arrived with the response or is read when the next stream starts (then
  // that stream is above its last-stream-id and is retried), the next call gets a new connection.
  ClientResult second = runner.fetch(h2Call(local(server.port(), "/echo")));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_ECHOED(second, R"("session":2)");
  EXPECT_EQ(runner.client().stats().connections_opened, 2u);
}

TEST(ClientHttp2Test, ReportsARefusedConnection) {
  uint16_t port;
  {
    START_NODE(gone);
    port = gone.port();
  }
  ClientRunner runner;
  ClientResult result = runner.fetch(h2Call(local(port, "/")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kConnectionRefused);
}

// ---- TLS: ALPN ----

std::vector<std::string> tlsArgs() {
  return {"--tls", test::writeTempFile("h2cert.pem", certificate().certificate_pem),
          test::writeTempFile("h2key.pem", certificate().key_pem)};
}

ClientOptions trustingTheTestCa() {
  return ClientOptions{.tls_ca_file =
                           test::writeTempFile("h2ca.pem", certificate().certificate_pem)};
}

std::string secure(uint16_t port, std::string_view path) {
  return "https://localhost:" + std::to_string(port) + std::string(path);
}

TEST(ClientHttp2Test, NegotiatesH2OverTlsWithAlpn) {
  if (!NodeServer::nodeAvailable()) GTEST_SKIP() << "node is not installed";
  NodeServer server(PLEXUS_H2_ECHO_SERVER, tlsArgs());
  ASSERT_TRUE(server.ok()) << server.error();
  ClientRunner runner(trustingTheTestCa());
  for (Http2 mode : {Http2::kEnable, Http2::kOnly}) {
    ClientResult result = runner.fetch(h2Call(secure(server.port(), "/echo"), mode));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_ECHOED(result, R"("httpVersion":"2.0")");
    EXPECT_ECHOED(result, R"("alpn":"h2")");
    EXPECT_ECHOED(result, R"("session":1)");
  }
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);
}

TEST(ClientHttp2Test, EnableFallsBackToHttp1WhenTheServerChoosesIt) {
  ServerOptions options;
  options.workers = 1;
  options.tls = TlsOptions{.certificate_pem = certificate().certificate_pem,
                           .key_pem = certificate().key_pem};  // ALPN: http/1.1 only
  StatusOr<std::unique_ptr<Server>> server = Server::start(options, [](Request& request) {
    return Response{.status = 200, .headers = {}, .body = request.target};
  });
  ASSERT_TRUE(server.ok()) << server.status().message();
  ClientRunner runner(trustingTheTestCa());
  for (int i = 0; i < 2; ++i) {
    ClientResult result = runner.fetch(h2Call(secure((*server)->port(), "/h1"), Http2::kEnable));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.response().body, "/h1");
  }
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);  // the HTTP/1.1 connection pooled

  // Http2::kOnly insists: the server's no_application_protocol alert fails the handshake.
  ClientResult only = runner.fetch(h2Call(secure((*server)->port(), "/h1"), Http2::kOnly));
  ASSERT_FALSE(only.ok());
  EXPECT_EQ(only.error().code, ClientErrorCode::kTlsFailed);
}

TEST(ClientHttp2Test, EnableSpeaksHttp1OnCleartext) {
  ServerOptions options;
  options.workers = 1;
  StatusOr<std::unique_ptr<Server>> server = Server::start(options, [](Request& request) {
    return Response{.status = 200, .headers = {}, .body = request.method};
  });
  ASSERT_TRUE(server.ok()) << server.status().message();
  ClientRunner runner;
  ClientResult result = runner.fetch(h2Call(local((*server)->port(), "/"), Http2::kEnable));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.response().body, "POST");
}

}  // namespace
}  // namespace plexus::http
