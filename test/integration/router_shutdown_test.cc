// SIGTERM during load loses no accepted request: the `router` binary under keep-alive load, with a
// subgraph slow enough that requests are in flight when the signal arrives, and clients sending
// subgraph-free queries back to back, so that requests also sit unread in the router's sockets.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "src/http/codec.h"
#include "src/http/server.h"
#include "src/http/testing/raw_socket.h"
#include "test/integration/integration_support.h"
#include "test/integration/router_process.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kClients = 24;  // half slow (through the subgraph), half fast
constexpr std::chrono::milliseconds kSubgraphDelay{100};
// main.cc's kShutdownGrace: the router must be gone within it.
constexpr std::chrono::milliseconds kGrace{3000};
struct Exchange {
  std::string_view query;
  std::string_view answer;
};
constexpr Exchange kSlow{R"({"query":"{ me { name } }"})", R"({"data":{"me":{"name":"Ada"}}})"};
constexpr Exchange kFast{R"({"query":"{ __typename }"})", R"({"data":{"__typename":"Query"}})"};

// The accounts subgraph, answering every request after `delay` (a timer, not a sleep: many
// requests wait at once).
class SlowSubgraph {
 public:
  explicit SlowSubgraph(std::chrono::milliseconds delay) {
    http::ServerOptions options;
    options.workers = 1;
    options.on_worker_start = [this](int, boost::asio::io_context& io) { io_ = &io; };
    auto server =
        http::Server::start(options, [this, delay](http::Request&, http::Responder respond) {
          auto timer = std::make_shared<boost::asio::steady_timer>(*io_, delay);
          timer->async_wait([timer, respond](const boost::system::error_code&) {
            respond(http::Response{.status = 200,
                                   .headers = {{"content-type", "application/json"}},
                                   .body = std::string(kAccountsReply)});
          });
        });
    EXPECT_TRUE(server.ok()) << server.status().message();
    if (server.ok()) server_ = std::move(*server);
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server_ ? server_->port() : 0) + "/graphql";
  }

 private:
  boost::asio::io_context* io_ = nullptr;  // the only worker's, set before it serves
  std::unique_ptr<http::Server> server_;
};

// What the clients saw. "Before the signal" means the request's last byte was written (send
// returned, so it sat in the router's socket) before SIGTERM was sent.
struct Tally {
  std::atomic<int> sent{0};
  std::atomic<int> answered{0};            // complete 200 responses with the expected body
  std::atomic<int> answered_in_flight{0};  // sent before the signal, answered after it
  std::atomic<int> lost{0};       // sent before the signal, connection ended without a response
  std::atomic<int> broken{0};     // a partial response, another status or another body
  std::atomic<int> not_taken{0};  // sent after the signal on a connection the router then closed
  std::atomic<int> refused{0};    // connects refused once the listener closed
};

bool writeAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// One keep-alive client: sends the query, reads the answer, again, until the router is gone.
void runClient(uint16_t port, Exchange exchange, const std::atomic<bool>& signalled, Tally& tally) {
  const std::string request =
      "POST / HTTP/1.1\r\nHost: router\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(exchange.query.size()) + "\r\n\r\n" + std::string(exchange.query);
  int fd = -1;
  for (;;) {
    if (fd < 0) {
      fd = http::testing::connectLoopback(port);
      if (fd < 0) {
        // Before the signal the listener is open; a refusal then would be a failure.
        (signalled ? tally.refused : tally.lost)++;
        return;
      }
    }
    bool written = writeAll(fd, request);
    const bool before_signal = !signalled;
    ++tally.sent;

    http::ResponseParser parser;
    bool complete = false;
    bool keep_alive = false;
    http::Response response;
    char buffer[16 * 1024];
    while (written && !complete) {
      ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) continue;
      http::ParseResult r = n > 0 ? parser.parse(std::string_view(buffer, n)) : parser.finish();
      if (r.event == http::ParseEvent::kMessage) {
        complete = true;
        keep_alive = parser.keepAlive();
        response = parser.takeResponse();
      } else if (n <= 0 || r.event == http::ParseEvent::kError) {
        break;
      }
    }
    if (complete && response.status == 200 && response.body == exchange.answer) {
      ++tally.answered;
      if (before_signal && signalled) ++tally.answered_in_flight;
    } else if (complete || parser.started()) {
      ++tally.broken;
      ADD_FAILURE() << "status " << response.status << ": " << response.body;
    } else {
      (before_signal ? tally.lost : tally.not_taken)++;
    }
    if (!complete || !keep_alive) {
      ::close(fd);
      fd = -1;
    }
  }
}

TEST(RouterShutdownTest, SigtermDuringLoadLosesNoAcceptedRequest) {
  SlowSubgraph accounts(kSubgraphDelay);
  std::string supergraph = writeTempFile("router_shutdown.graphql", integrationSupergraphSdl());
  std::string config = writeTempFile("router_shutdown.yaml",
                                     "health_check:\n  enabled: false\nsupergraph:\n  listen: "
                                     "127.0.0.1:0\noverride_subgraph_url:\n"
                                     "  a: " +
                                         accounts.url() + "\n");
  RouterProcess router({"-s", supergraph, "-c", config, "--workers", "2"});
  auto listening = router.waitForLine(std::regex(R"(listening on http://127\.0\.0\.1:(\d+)/)"), 5s);
  ASSERT_TRUE(listening) << router.log();
  uint16_t port = static_cast<uint16_t>(std::stoi((*listening)[1].str()));

  Tally tally;
  std::atomic<bool> signalled{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    Exchange exchange = i % 2 == 0 ? kSlow : kFast;
    clients.emplace_back([&, exchange] { runClient(port, exchange, signalled, tally); });
  }
  // Half a second of load first: every connection warm and busy (several slow rounds each).
  std::this_thread::sleep_for(500ms);
  ASSERT_GE(tally.answered, 4 * kClients) << router.log();

  int answered_before = tally.answered;
  signalled = true;  // before kill(): a request whose send returned before this was received
  Clock::time_point signalled_at = Clock::now();
  router.sendSignal(SIGTERM);
  std::optional<int> exit_status = router.waitForExit(kGrace);
  Clock::duration stop_time = Clock::now() - signalled_at;
  for (std::thread& client : clients) client.join();

  std::cout << "requests sent " << tally.sent << ", answered " << tally.answered << " ("
            << answered_before << " before SIGTERM, " << tally.answered_in_flight
            << " in flight at SIGTERM), lost " << tally.lost << ", broken " << tally.broken
            << ", sent after SIGTERM and not taken " << tally.not_taken
            << ", connects refused after SIGTERM " << tally.refused << "; exit after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(stop_time).count() << " ms\n";
  EXPECT_EQ(exit_status, 0) << router.log();
  EXPECT_LT(stop_time, kGrace);
  EXPECT_EQ(tally.lost, 0);
  EXPECT_EQ(tally.broken, 0);
  EXPECT_GT(tally.answered_in_flight, 0) << "no request was in flight: the test proved nothing";
  EXPECT_EQ(tally.sent, tally.answered + tally.lost + tally.broken + tally.not_taken);
}

}  // namespace
}  // namespace plexus::test
