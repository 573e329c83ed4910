#include "src/http/client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "src/common/testing/temp_files.h"
#include "src/http/compression.h"
#include "src/http/server.h"
#include "src/http/testing/client_runner.h"
#include "src/http/testing/raw_socket.h"
#include "src/http/testing/tls.h"

namespace plexus::http {
namespace {

using namespace std::chrono_literals;
using testing::ClientRunner;
using testing::RawConnection;
using testing::ScriptedServer;
using testing::TestCertificate;

std::string urlFor(uint16_t port, std::string_view path = "/graphql") {
  return "http://127.0.0.1:" + std::to_string(port) + std::string(path);
}

ClientRequest graphqlCall(uint16_t port, std::string body = R"({"query":"{ me { id } }"})") {
  ClientRequest call;
  call.url = urlFor(port);
  call.request.method = "POST";
  call.request.headers.add("content-type", "application/json");
  call.request.headers.add("accept", "application/graphql-response+json, application/json");
  call.request.body = std::move(body);
  call.timeout = 2s;
  return call;
}

std::unique_ptr<Server> startServer(Handler handler) {
  ServerOptions options;
  options.workers = 1;
  StatusOr<std::unique_ptr<Server>> server = Server::start(options, std::move(handler));
  EXPECT_TRUE(server.ok()) << server.status().message();
  return server.ok() ? std::move(*server) : nullptr;
}

// A scripted upstream that answers every request on a connection with `response` bytes.
ScriptedServer replyingWith(std::string response) {
  return ScriptedServer([response](RawConnection& peer) {
    while (peer.readRequest()) {
      if (!peer.write(response)) return;
    }
  });
}

TEST(ClientTest, ReusesOneConnectionForSequentialCallsToAnOrigin) {
  auto server = startServer([](Request& request) {
    return Response{.status = 200, .headers = {}, .body = "echo:" + request.body};
  });
  ASSERT_TRUE(server);
  ClientRunner runner;
  for (int i = 0; i < 5; ++i) {
    ClientResult result = runner.fetch(graphqlCall(server->port(), "n" + std::to_string(i)));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.response().body, "echo:n" + std::to_string(i));
  }
  EXPECT_EQ(server->stats().connections_accepted, 1u);
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);
  EXPECT_EQ(runner.client().stats().requests_reused, 4u);
  EXPECT_EQ(runner.client().idleConnections(), 1u);
}

TEST(ClientTest, SendsTheCallersHeadersWithHostLengthAndAcceptEncoding) {
  std::mutex mutex;
  Request seen;
  auto server = startServer([&](Request& request) {
    std::lock_guard lock(mutex);
    seen = request;
    return Response{.status = 204, .headers = {}, .body = ""};
  });
  ASSERT_TRUE(server);
  ClientRunner runner;
  ClientRequest call = graphqlCall(server->port());
  call.url += "?trace=1";
  ClientResult result = runner.fetch(call);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.response().status, 204);
  std::lock_guard lock(mutex);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/graphql?trace=1");
  EXPECT_EQ(seen.headers.get("host"), "127.0.0.1:" + std::to_string(server->port()));
  EXPECT_EQ(seen.headers.get("content-type"), "application/json");
  EXPECT_EQ(seen.headers.get("accept"), "application/graphql-response+json, application/json");
  EXPECT_EQ(seen.headers.get("accept-encoding"), "gzip, deflate");
  EXPECT_EQ(seen.body, call.request.body);
}

TEST(ClientTest, DecodesGzipResponses) {
  std::string json = R"({"data":{"products":[)" + std::string(5000, ' ') + "]}}";
  auto server = startServer([&](Request&) {
    return Response{.status = 200,
                    .headers = {{"content-type", "application/json"}, {"content-encoding", "gzip"}},
                    .body = gzipEncode(json)};
  });
  ASSERT_TRUE(server);
  ClientRunner runner;
  ClientResult result = runner.fetch(graphqlCall(server->port()));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.response().body, json);
  EXPECT_FALSE(result.response().headers.contains("content-encoding"));
  EXPECT_EQ(result.response().headers.get("content-type"), "application/json");
}

TEST(ClientTest, ReportsACorruptGzipBody) {
  ScriptedServer upstream = replyingWith(
      "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 8\r\n\r\nnotgzip!");
  ClientRunner runner;
  ClientResult result = runner.fetch(graphqlCall(upstream.port()));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kDecodeFailed);
}

TEST(ClientTest, ReadsChunkedBodiesAndKeepsTheConnection) {
  ScriptedServer upstream = replyingWith(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "7\r\n{\"data\"\r\n5\r\n:null\r\n1\r\n}\r\n0\r\n\r\n");
  ClientRunner runner;
  for (int i = 0; i < 2; ++i) {
    ClientResult result = runner.fetch(graphqlCall(upstream.port()));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.response().body, "{\"data\":null}");
  }
  EXPECT_EQ(upstream.accepted(), 1);
}

TEST(ClientTest, ReadsBodiesDelimitedByTheEndOfTheConnection) {
  ScriptedServer upstream([](RawConnection& peer) {
    peer.readRequest();
    peer.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"data\":{}}");
  });
  ClientRunner runner;
  ClientResult result = runner.fetch(graphqlCall(upstream.port()));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result.response().body, "{\"data\":{}}");
  EXPECT_EQ(runner.client().idleConnections(), 0u);
}

TEST(ClientTest, ReportsARefusedConnection) {
  uint16_t closed_port;
  {
    ScriptedServer gone([](RawConnection&) {});
    closed_port = gone.port();
  }
  ClientRunner runner;
  ClientResult result = runner.fetch(graphqlCall(closed_port));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kConnectionRefused);
  EXPECT_NE(result.error().message.find(urlFor(closed_port)), std::string::npos);
}

TEST(ClientTest, TimesOutWhenTheUpstreamNeverAnswers) {
  ScriptedServer upstream([](RawConnection& peer) {
    peer.readRequest();
    peer.waitForClose();  // never answers; returns once the client gives up
  });
  ClientRunner runner;
  ClientRequest call = graphqlCall(upstream.port());
  call.timeout = 100ms;
  auto start = std::chrono::steady_clock::now();
  ClientResult result = runner.fetch(call);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kTimeout);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 100ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(ClientTest, ReportsATruncatedBody) {
  ScriptedServer upstream([](RawConnection& peer) {
    peer.readRequest();
    peer.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"data\":");
  });
  ClientRunner runner;
  ClientResult result = runner.fetch(graphqlCall(upstream.port()));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kTruncatedBody);
}

TEST(ClientTest, ReportsMalformedResponsesAndEarlyCloses) {
  ScriptedServer garbage = replyingWith("220 smtp.example.com ESMTP\r\n\r\n");
  ClientRunner runner;
  ClientResult result = runner.fetch(graphqlCall(garbage.port()));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kMalformedResponse);

  ScriptedServer hangs_up([](RawConnection& peer) { peer.readRequest(); });
  result = runner.fetch(graphqlCall(hangs_up.port()));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kConnectionClosed);
}

TEST(ClientTest, RejectsResponsesOverTheSizeLimit) {
  ScriptedServer upstream =
      replyingWith("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + std::string(100, 'x'));
  ClientRunner runner(ClientOptions{.max_response_bytes = 50});
  ClientResult result = runner.fetch(graphqlCall(upstream.port()));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kResponseTooLarge);
}

TEST(ClientTest, RetriesOnceWhenAPooledConnectionDiesUnderTheRequest) {
  // The first connection answers one request, then hangs up on the next without a byte: the
  // keep-alive race. Later connections answer normally.
  std::atomic<int> connections{0};
  ScriptedServer upstream([&](RawConnection& peer) {
    bool first = connections.fetch_add(1) == 0;
    const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    if (first) {
      peer.readRequest();
      peer.write(ok);
      peer.readRequest();
      return;
    }
    while (peer.readRequest()) peer.write(ok);
  });
  ClientRunner runner;
  ASSERT_TRUE(runner.fetch(graphqlCall(upstream.port())).ok());
  ClientResult second = runner.fetch(graphqlCall(upstream.port()));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second.response().body, "ok");
  EXPECT_EQ(runner.client().stats().retries, 1u);
  EXPECT_EQ(upstream.accepted(), 2);
}

TEST(ClientTest, DropsPooledConnectionsTheServerClosed) {
  ScriptedServer upstream([](RawConnection& peer) {
    peer.readRequest();
    peer.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    // Returning closes the connection although the response allowed keep-alive.
  });
  ClientRunner runner;
  ASSERT_TRUE(runner.fetch(graphqlCall(upstream.port())).ok());
  EXPECT_EQ(runner.client().idleConnections(), 1u);
  upstream.waitForFinishedScripts(1);  // the close has reached the client's socket
  ClientResult second = runner.fetch(graphqlCall(upstream.port()));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(upstream.accepted(), 2);
  EXPECT_EQ(runner.client().stats().retries, 0u) << "the dead connection was sent a request";
  EXPECT_EQ(runner.client().stats().requests_reused, 0u);
}

TEST(ClientTest, DoesNotReuseConnectionsPastThePoolIdleTimeout) {
  auto server = startServer([](Request&) { return Response{}; });
  ASSERT_TRUE(server);
  ClientRunner runner(ClientOptions{.pool_idle_timeout = 0ms});
  ASSERT_TRUE(runner.fetch(graphqlCall(server->port())).ok());
  ASSERT_TRUE(runner.fetch(graphqlCall(server->port())).ok());
  EXPECT_EQ(runner.client().stats().connections_opened, 2u);
}

TEST(ClientTest, WorksFromACoroutine) {
  auto server = startServer([](Request& request) {
    return Response{.status = 200, .headers = {}, .body = request.method};
  });
  ASSERT_TRUE(server);
  ClientRunner runner;
  ClientRequest call = graphqlCall(server->port());
  call.request.method = "HEAD";
  ClientResult head = runner.fetchInCoroutine(call);
  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_EQ(head.response().body, "");
  EXPECT_EQ(head.response().headers.get("content-length"), "4");
  // The HEAD response left the connection clean for the next call.
  ClientResult post = runner.fetchInCoroutine(graphqlCall(server->port()));
  ASSERT_TRUE(post.ok()) << post.error().message;
  EXPECT_EQ(post.response().body, "POST");
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);
}

TEST(ClientTest, RejectsUrlsItCannotCall) {
  ClientRunner runner;
  for (std::string url : {"ftp://products.example/graphql", "https://products.example:0/"}) {
    ClientRequest call;
    call.url = url;
    ClientResult result = runner.fetch(call);
    ASSERT_FALSE(result.ok()) << url;
    EXPECT_EQ(result.error().code, ClientErrorCode::kInvalidUrl) << url;
    EXPECT_EQ(toString(result.error().code), "invalid_url");
  }
}

// ---- Unix domain sockets ----

ClientRequest unixCall(const std::string& socket, std::string body = "{}") {
  ClientRequest call = graphqlCall(0, std::move(body));
  call.url = "http://localhost/hook?stage=router";
  call.unix_socket = socket;
  return call;
}

TEST(ClientTest, CallsAServerOnAUnixSocketAndKeepsTheConnection) {
  std::mutex mutex;
  std::vector<Request> seen;
  ServerOptions options;
  options.workers = 1;
  options.unix_socket_path = test::freshTempPath("plexus_client_test.sock");
  StatusOr<std::unique_ptr<Server>> server = Server::start(options, [&](Request& request) {
    std::lock_guard lock(mutex);
    seen.push_back(request);
    return Response{.status = 200, .headers = {}, .body = "echo:" + request.body};
  });
  ASSERT_TRUE(server.ok()) << server.status().message();
  ClientRunner runner;
  for (int i = 0; i < 2; ++i) {
    ClientResult result = runner.fetch(unixCall(options.unix_socket_path, std::to_string(i)));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.response().body, "echo:" + std::to_string(i));
  }
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);
  EXPECT_EQ(runner.client().stats().requests_reused, 1u);
  EXPECT_EQ((*server)->stats().connections_accepted, 1u);
  std::lock_guard lock(mutex);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].target, "/hook?stage=router");
  EXPECT_EQ(seen[0].headers.get("host"), "localhost");
}

TEST(ClientTest, RetriesOnceWhenAPooledUnixConnectionDiesUnderTheRequest) {
  // As over TCP: the first connection answers once, then hangs up on the next request unanswered.
  std::string path = test::freshTempPath("plexus_client_retry.sock");
  int listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(listener, 8), 0);
  std::thread upstream([&] {
    const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    for (int connection = 0; connection < 2; ++connection) {
      RawConnection peer(::accept(listener, nullptr, nullptr));
      peer.readRequest();
      peer.write(ok);
      if (connection == 0) peer.readRequest();  // then closes without answering
    }
  });
  ClientRunner runner;
  ASSERT_TRUE(runner.fetch(unixCall(path)).ok());
  ClientResult second = runner.fetch(unixCall(path));
  upstream.join();
  ::close(listener);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second.response().body, "ok");
  EXPECT_EQ(runner.client().stats().retries, 1u);
  EXPECT_EQ(runner.client().stats().connections_opened, 2u);
}

TEST(ClientTest, ReportsARefusedUnixSocketNamingItsPath) {
  ClientRunner runner;
  std::string missing = test::freshTempPath("plexus_client_missing.sock");
  ClientResult result = runner.fetch(unixCall(missing));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kConnectionRefused);
  EXPECT_NE(result.error().message.find(missing), std::string::npos) << result.error().message;

  // A socket file nobody listens on (a crashed coprocessor's leftover).
  std::string stale = test::freshTempPath("plexus_client_stale.sock");
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, stale.c_str(), sizeof address.sun_path - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  result = runner.fetch(unixCall(stale));
  ::close(fd);
  ::unlink(stale.c_str());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kConnectionRefused);
  EXPECT_NE(result.error().message.find(stale), std::string::npos) << result.error().message;
}

// ---- https ----

const TestCertificate& certificate() {
  static const TestCertificate cert = testing::selfSignedCertificate();
  return cert;
}

std::unique_ptr<Server> startTlsServer(const TestCertificate& cert = certificate()) {
  ServerOptions options;
  options.workers = 1;
  options.tls = TlsOptions{.certificate_pem = cert.certificate_pem, .key_pem = cert.key_pem};
  StatusOr<std::unique_ptr<Server>> server = Server::start(options, [](Request& request) {
    return Response{.status = 200, .headers = {}, .body = "tls:" + request.body};
  });
  EXPECT_TRUE(server.ok()) << server.status().message();
  return server.ok() ? std::move(*server) : nullptr;
}

ClientRequest httpsCall(uint16_t port, std::string_view host = "localhost") {
  ClientRequest call = graphqlCall(port);
  call.url = "https://" + std::string(host) + ":" + std::to_string(port) + "/graphql";
  call.timeout = 10s;  // the first call loads the system CA store: slow under sanitizers
  return call;
}

TEST(ClientTest, CallsHttpsVerifyingAgainstTheConfiguredCaAndKeepsTheConnection) {
  auto server = startTlsServer();
  ASSERT_TRUE(server);
  ClientRunner runner(
      ClientOptions{.tls_ca_file = test::writeTempFile("ca.pem", certificate().certificate_pem)});
  for (std::string_view host : {"localhost", "127.0.0.1"}) {  // a DNS name, then an IP SAN
    ClientResult result = runner.fetch(httpsCall(server->port(), host));
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.response().body, "tls:" + graphqlCall(0).request.body);
  }
  ASSERT_TRUE(runner.fetch(httpsCall(server->port())).ok());
  EXPECT_EQ(runner.client().stats().connections_opened, 2u);  // one per host: pooled apart
  EXPECT_EQ(runner.client().stats().requests_reused, 1u);
  EXPECT_EQ(server->stats().connections_accepted, 2u);
}

TEST(ClientTest, RefusesAnUntrustedCertificate) {
  auto server = startTlsServer();
  ASSERT_TRUE(server);
  ClientRunner runner;
  ClientResult result = runner.fetch(httpsCall(server->port()));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kTlsFailed);
  EXPECT_EQ(toString(result.error().code), "tls_failed");
  EXPECT_NE(result.error().message.find("certificate verify failed"), std::string::npos)
      << result.error().message;
  EXPECT_NE(result.error().message.find("self-signed"), std::string::npos)
      << result.error().message;

  ClientRunner unverified(ClientOptions{.tls_verify = false});
  ClientResult anyway = unverified.fetch(httpsCall(server->port()));
  ASSERT_TRUE(anyway.ok()) << anyway.error().message;
}

TEST(ClientTest, RefusesACertificateForAnotherHost) {
  static const TestCertificate other = testing::selfSignedCertificate("other.example");
  auto server = startTlsServer(other);
  ASSERT_TRUE(server);
  ClientRunner runner(
      ClientOptions{.tls_ca_file = test::writeTempFile("other.pem", other.certificate_pem)});
  ClientResult result = runner.fetch(httpsCall(server->port()));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kTlsFailed);
  EXPECT_NE(result.error().message.find("hostname mismatch"), std::string::npos)
      << result.error().message;
}

TEST(ClientTest, ReportsAnUnreadableCaFile) {
  ClientRunner runner(ClientOptions{.tls_ca_file = "/nonexistent/ca.pem"});
  ClientResult result = runner.fetch(httpsCall(1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ClientErrorCode::kTlsFailed);
  EXPECT_NE(result.error().message.find("/nonexistent/ca.pem"), std::string::npos);
}

TEST(ClientTest, CallsHttpsOnAUnixSocket) {
  ServerOptions options;
  options.workers = 1;
  options.unix_socket_path = test::freshTempPath("plexus_client_tls.sock");
  options.tls = TlsOptions{.certificate_pem = certificate().certificate_pem,
                           .key_pem = certificate().key_pem};
  StatusOr<std::unique_ptr<Server>> server = Server::start(options, [](Request& request) {
    return Response{.status = 200, .headers = {}, .body = request.target};
  });
  ASSERT_TRUE(server.ok()) << server.status().message();
  ClientRunner runner(
      ClientOptions{.tls_ca_file = test::writeTempFile("ca.pem", certificate().certificate_pem)});
  ClientRequest call = unixCall(options.unix_socket_path);
  call.url = "https://localhost/hook";
  for (int i = 0; i < 2; ++i) {
    ClientResult result = runner.fetch(call);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.response().body, "/hook");
  }
  EXPECT_EQ(runner.client().stats().connections_opened, 1u);
}

}  // namespace
}  // namespace plexus::http
