// The `router` binary as the audit and the benchmark run it: flags, the startup line on stderr,
// the ping, and a prompt exit on SIGTERM.
#include "test/integration/router_process.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "src/http/testing/client_runner.h"
#include "src/http/testing/raw_socket.h"
#include "test/integration/integration_support.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(RouterProcessTest, ServesThePingFromTheAuditCommandLineAndExitsPromptlyOnSigterm) {
  FakeSubgraph accounts(kAccountsReply);
  std::string supergraph =
      writeTempFile("router_process_supergraph.graphql", integrationSupergraphSdl());
  std::string config = writeTempFile("router_process_router.yaml",
                                     "health_check:\n  enabled: false\nsupergraph:\n  listen: "
                                     "127.0.0.1:0\noverride_subgraph_url:\n"
                                     "  a: " +
                                         accounts.url() + "\n");
  Clock::time_point started = Clock::now();
  RouterProcess router({"--supergraph", supergraph, "--config", config});
  auto listening = router.waitForLine(std::regex(R"(listening on http://127\.0\.0\.1:(\d+)/)"), 5s);
  ASSERT_TRUE(listening) << router.log();
  EXPECT_LT(Clock::now() - started, 2s) << "the audit pings for about 2 s after the start";
  std::string url = "http://127.0.0.1:" + (*listening)[1].str() + "/";

  http::testing::ClientRunner client;
  http::ClientRequest ping{.url = url};
  ping.request.headers.add("content-type", "application/json");
  ping.request.headers.add("accept", "application/json");
  ping.request.body = R"({"operationName":"ping","query":"query ping { __typename }"})";
  http::ClientResult pong = client.fetch(std::move(ping));
  ASSERT_TRUE(pong.ok()) << pong.error().message;
  EXPECT_EQ(pong.response().body, R"({"data":{"__typename":"Query"}})");

  http::ClientRequest query{.url = url};
  query.request.headers.add("content-type", "application/json");
  query.request.body = R"({"query":"{ me { name } }"})";
  http::ClientResult answer = client.fetch(std::move(query));
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(answer.response().body, R"({"data":{"me":{"name":"Ada"}}})");

  Clock::time_point stopping = Clock::now();
  EXPECT_EQ(router.stop(SIGTERM, 5s), 0) << router.log();
  EXPECT_LT(Clock::now() - stopping, 5s);
}

TEST(RouterProcessTest, TakesTheWorkerCountFromTheFlagThenApolloRouterIoThreads) {
  std::string supergraph =
      writeTempFile("router_process_workers.graphql", integrationSupergraphSdl());
  std::string config =
      writeTempFile("router_process_workers.yaml",
                    "health_check:\n  enabled: false\nsupergraph:\n  listen: 127.0.0.1:0\n");
  std::regex started(R"(listening on \S+ \((\d+) workers\))");
  setenv("APOLLO_ROUTER_IO_THREADS", "3", 1);
  setenv("PLEXUS_WORKERS", "5", 1);
  RouterProcess from_env({"-s", supergraph, "-c", config});
  RouterProcess from_flag({"-s", supergraph, "-c", config, "--workers", "2"});
  unsetenv("APOLLO_ROUTER_IO_THREADS");
  RouterProcess from_plexus_env({"-s", supergraph, "-c", config});
  unsetenv("PLEXUS_WORKERS");

  auto line = from_env.waitForLine(started, 5s);
  ASSERT_TRUE(line) << from_env.log();
  EXPECT_EQ((*line)[1].str(), "3");
  line = from_flag.waitForLine(started, 5s);
  ASSERT_TRUE(line) << from_flag.log();
  EXPECT_EQ((*line)[1].str(), "2");
  line = from_plexus_env.waitForLine(started, 5s);
  ASSERT_TRUE(line) << from_plexus_env.log();
  EXPECT_EQ((*line)[1].str(), "5");
  for (RouterProcess* router : {&from_env, &from_flag, &from_plexus_env}) {
    EXPECT_EQ(router->stop(SIGTERM, 5s), 0) << router->log();
  }

  setenv("APOLLO_ROUTER_IO_THREADS", "many", 1);
  RouterProcess bad({"-s", supergraph, "-c", config});
  unsetenv("APOLLO_ROUTER_IO_THREADS");
  EXPECT_EQ(bad.waitForExit(5s), 1);
  EXPECT_NE(bad.log().find("APOLLO_ROUTER_IO_THREADS"), std::string::npos) << bad.log();
}

TEST(RouterProcessTest, ListensOnAUnixSocketGivenAsAPath) {
  FakeSubgraph accounts(kAccountsReply);
  std::string socket_path = tempPath("router_process.sock");
  unlink(socket_path.c_str());
  std::string supergraph = writeTempFile("router_process_unix.graphql", integrationSupergraphSdl());
  std::string config =
      writeTempFile("router_process_unix.yaml",
                    "health_check:\n  enabled: false\nsupergraph:\n  listen: " + socket_path +
                        "\noverride_subgraph_url:\n"
                        "  a: " +
                        accounts.url() + "\n");
  RouterProcess router({"-s", supergraph, "-c", config});
  auto listening = router.waitForLine(std::regex(R"(listening on unix:(\S+):/ )"), 5s);
  ASSERT_TRUE(listening) << router.log();
  EXPECT_EQ((*listening)[1].str(), socket_path);

  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof addr.sun_path - 1);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << strerror(errno);
  timeval tv{.tv_sec = 5, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  http::testing::RawConnection client(fd);
  std::string body = R"({"query":"{ me { name } }"})";
  ASSERT_TRUE(
      client.write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                   "Content-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body));
  std::optional<http::Response> response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"data":{"me":{"name":"Ada"}}})");
  client.close();

  EXPECT_EQ(router.stop(SIGTERM, 5s), 0) << router.log();
  EXPECT_NE(access(socket_path.c_str(), F_OK), 0) << "the socket file outlived the router";
}

TEST(RouterProcessTest, ReadsTheSupergraphPathFromTheEnvironmentAndFailsOnABadOne) {
  std::string bad = writeTempFile("router_process_bad.graphql", "type Query { a: Int }\n");
  setenv("APOLLO_ROUTER_SUPERGRAPH_PATH", bad.c_str(), 1);
  RouterProcess router({});
  unsetenv("APOLLO_ROUTER_SUPERGRAPH_PATH");
  EXPECT_EQ(router.waitForExit(5s), 1);
  std::string log = router.log();
  EXPECT_NE(log.find("invalid supergraph"), std::string::npos) << log;
  EXPECT_NE(log.find(bad + ":"), std::string::npos) << "errors name file:line:col\n" << log;
}

TEST(RouterProcessTest, RejectsAnUnknownConfigurationKeyAtStartup) {
  std::string supergraph =
      writeTempFile("router_process_supergraph2.graphql", integrationSupergraphSdl());
  std::string config = writeTempFile("router_process_bad.yaml", "supergraph:\n  lisen: 1\n");
  RouterProcess router({"-s", supergraph, "-c", config});
  EXPECT_EQ(router.waitForExit(5s), 1);
  std::string log = router.log();
  EXPECT_NE(log.find(config + ":2:3: supergraph.lisen: unknown key"), std::string::npos) << log;
}

}  // namespace
}  // namespace plexus::test
