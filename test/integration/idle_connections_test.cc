// 10,000 idle connections to the `router` binary: it accepts them all, keeps serving, and its
// resident memory grows by a bounded amount (an idle connection holds no read buffer).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "src/http/testing/raw_socket.h"
#include "test/integration/integration_support.h"
#include "test/integration/router_process.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kIdleConnections = 10'000;
constexpr long kMaxGrowthKiB = 64 * 1024;

// A field of /proc/<pid>/status in KiB ("VmRSS", "VmHWM"); -1 when absent.
long statusKiB(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field + ":")) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

long openDescriptors(pid_t pid) {
  std::error_code ec;
  auto entries = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
  return ec ? -1 : std::distance(entries, std::filesystem::directory_iterator());
}

void expectPing(uint16_t port) {
  http::testing::RawConnection client = http::testing::RawConnection::connect(port);
  std::string body = R"({"query":"{ __typename }"})";
  ASSERT_TRUE(
      client.write("POST / HTTP/1.1\r\nHost: router\r\nContent-Type: application/json\r\n"
                   "Content-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body));
  std::optional<http::Response> response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, R"({"data":{"__typename":"Query"}})");
}

TEST(IdleConnectionsTest, HoldsTenThousandIdleConnectionsInBoundedMemory) {
  // Ours and the router's descriptors: the router raises its soft limit to the hard one itself.
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_max < kIdleConnections + 200) {
    GTEST_SKIP() << "RLIMIT_NOFILE hard limit " << limit.rlim_max << " is below "
                 << kIdleConnections + 200;
  }
  limit.rlim_cur = limit.rlim_max;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);

  std::string supergraph = writeTempFile("idle_connections.graphql", integrationSupergraphSdl());
  // New connections that send nothing would be closed after header_read_timeout (10 s): give
  // the measurement time.
  std::string config =
      writeTempFile("idle_connections.yaml",
                    "health_check:\n  enabled: false\nsupergraph:\n  listen: "
                    "127.0.0.1:0\nserver:\n  http:\n    header_read_timeout: 120s\n");
  RouterProcess router({"-s", supergraph, "-c", config, "--workers", "2"});
  auto listening = router.waitForLine(std::regex(R"(listening on http://127\.0\.0\.1:(\d+)/)"), 5s);
  ASSERT_TRUE(listening) << router.log();
  uint16_t port = static_cast<uint16_t>(std::stoi((*listening)[1].str()));
  expectPing(port);  // the baseline includes a served request

  long rss_before = statusKiB(router.pid(), "VmRSS");
  long fds_before = openDescriptors(router.pid());
  std::vector<int> idle;
  idle.reserve(kIdleConnections);
  Clock::time_point start = Clock::now();
  for (int i = 0; i < kIdleConnections; ++i) {
    int fd = http::testing::connectLoopback(port);
    ASSERT_GE(fd, 0) << "connection " << i << ": " << std::strerror(errno);
    idle.push_back(fd);
  }
  // connect() returns once the kernel queued the connection; wait for the router to accept all.
  // The baseline may still count the ping's connection, closed since: a few descriptors of slack.
  constexpr long kSlack = 4;
  const long expected = fds_before + kIdleConnections - kSlack;
  Clock::time_point deadline = Clock::now() + 30s;
  while (openDescriptors(router.pid()) < expected && Clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  Clock::duration opening = Clock::now() - start;
  ASSERT_GE(openDescriptors(router.pid()), expected) << router.log();
  expectPing(port);  // still serving with them all open

  long rss_after = statusKiB(router.pid(), "VmRSS");
  long hwm = statusKiB(router.pid(), "VmHWM");
  long growth = rss_after - rss_before;
  std::cout << kIdleConnections << " idle connections opened and accepted in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(opening).count()
            << " ms; router VmRSS " << rss_before << " KiB -> " << rss_after << " KiB (+" << growth
            << " KiB, " << growth * 1024 / kIdleConnections << " bytes per connection), VmHWM "
            << hwm << " KiB\n";
  RecordProperty("rss_before_kib", std::to_string(rss_before));
  RecordProperty("rss_after_kib", std::to_string(rss_after));
  RecordProperty("hwm_kib", std::to_string(hwm));
  EXPECT_LT(growth, kMaxGrowthKiB);

  for (int fd : idle) ::close(fd);
  EXPECT_EQ(router.stop(SIGTERM, 5s), 0) << router.log();
}

}  // namespace
}  // namespace plexus::test
