// What each coprocessor stage adds to a request's latency on loopback, beside the floor of calling
// the same coprocessor from a minimal client.
//
//   build/release/bench/coprocessor_overhead [--requests=N] [--rounds=R]
//
// One process: a trivial coprocessor (echoes the envelope: "continue, no change"), two subgraphs
// answering canned replies, and one in-process router per configuration — none, each stage
// alone (headers, body and context sent), all eight stages — each with one worker. A blocking
// keep-alive client sends the same query to each router in turn, interleaved in rounds so machine
// noise hits every configuration alike, and records each request's latency. The floor is the
// same client POSTing a RouterRequest-sized envelope straight to the coprocessor. Reported:
// median and p90 per configuration, and the median each stage adds over no coprocessor; the
// subgraph stages run twice per request (two fetches).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "src/config/router_config.h"
#include "src/federation/supergraph.h"
#include "src/federation/supergraph_test_support.h"
#include "src/http/server.h"
#include "src/server/router.h"

namespace {

using namespace plexus;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kQuery = R"({"query":"{ me { name reviews { body } } }"})";

std::unique_ptr<http::Server> cannedServer(std::string reply) {
  http::ServerOptions options;
  options.workers = 1;
  auto server = http::Server::start(options, [reply](http::Request&) {
    return http::Response{
        .status = 200, .headers = {{"content-type", "application/json"}}, .body = reply};
  });
  if (!server.ok()) {
    std::fprintf(stderr, "server: %s\n", server.status().message().c_str());
    std::exit(1);
  }
  return std::move(*server);
}

// The minimal client: one blocking keep-alive TCP connection, HTTP/1.1 with content-length.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      std::perror("connect");
      std::exit(1);
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~RawClient() { ::close(fd_); }

  // POSTs `body` and returns the response body.
  std::string post(std::string_view body) {
    std::string request =
        "POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
        "content-length: " +
        std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
    for (size_t sent = 0; sent < request.size();) {
      ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, 0);
      if (n <= 0) fail("send");
      sent += static_cast<size_t>(n);
    }
    std::string in;
    size_t header_end;
    while ((header_end = in.find("\r\n\r\n")) == std::string::npos) read(in);
    size_t at = in.find("content-length: ");
    if (at == std::string::npos) at = in.find("Content-Length: ");
    if (at == std::string::npos || at > header_end) fail("no content-length");
    size_t length = std::stoul(in.substr(at + 16));
    while (in.size() < header_end + 4 + length) read(in);
    return in.substr(header_end + 4, length);
  }

 private:
  void read(std::string& in) {
    char buffer[16384];
    ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) fail("recv");
    in.append(buffer, static_cast<size_t>(n));
  }
  [[noreturn]] static void fail(const char* what) {
    std::fprintf(stderr, "client: %s failed\n", what);
    std::exit(1);
  }
  int fd_ = -1;
};

struct Variant {
  std::string name;
  std::string stages;  // YAML under coprocessor: (after url), empty: no coprocessor
  int calls = 0;       // coprocessor calls per request
  std::unique_ptr<server::Router> router;
  std::unique_ptr<RawClient> client;
  std::vector<double> micros;
};

// What each stage sends in the benchmark: headers, body and the whole context.
std::string flags(std::string_view indent) {
  return std::string(indent) + "headers: true\n" + std::string(indent) + "body: true\n" +
         std::string(indent) + "context: all\n";
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

int intFlag(int argc, char** argv, std::string_view name, int fallback) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.substr(0, name.size()) == name && arg.size() > name.size() && arg[name.size()] == '=')
      return std::stoi(std::string(arg.substr(name.size() + 1)));
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int requests = intFlag(argc, argv, "--requests", 300);  // per variant per round
  const int rounds = intFlag(argc, argv, "--rounds", 5);

  // The trivial coprocessor: echoes the envelope back.
  http::ServerOptions copro_options;
  copro_options.workers = 1;
  auto coprocessor = http::Server::start(copro_options, [](http::Request& request) {
    return http::Response{.status = 200,
                          .headers = {{"content-type", "application/json"}},
                          .body = std::move(request.body)};
  });
  if (!coprocessor.ok()) return 1;
  const std::string copro_url = "http://127.0.0.1:" + std::to_string((*coprocessor)->port());
  auto accounts = cannedServer(R"({"data":{"me":{"__typename":"User","id":"1","name":"Ada"}}})");
  auto reviews = cannedServer(
      R"({"data":{"_entities":[{"__typename":"User","reviews":[{"body":"great"}]}]}})");

  std::vector<Variant> variants;
  variants.push_back({"no coprocessor", "", 0});
  const char* pairs[][3] = {{"RouterRequest", "router", "request"},
                            {"RouterResponse", "router", "response"},
                            {"SupergraphRequest", "supergraph", "request"},
                            {"SupergraphResponse", "supergraph", "response"},
                            {"ExecutionRequest", "execution", "request"},
                            {"ExecutionResponse", "execution", "response"}};
  std::string all;
  for (const auto& pair : pairs) {
    std::string yaml = std::string("  ") + pair[1] + ":\n    " + pair[2] + ":\n" + flags("      ");
    variants.push_back({pair[0], yaml, 1});
    all += yaml;
  }
  for (const char* stage : {"request", "response"}) {
    std::string yaml =
        std::string("  subgraph:\n    all:\n      ") + stage + ":\n" + flags("        ");
    variants.push_back(
        {std::string("Subgraph") + (stage[2] == 'q' ? "Request" : "Response") + " (x2 fetches)",
         yaml, 2});
  }
  {
    // All eight: the router, supergraph and execution pairs, then both subgraph stages.
    std::string yaml = all + "  subgraph:\n    all:\n      request:\n" + flags("        ") +
                       "      response:\n" + flags("        ");
    variants.push_back({"all 8 stages", yaml, 10});
  }

  std::string sdl = federation::test::supergraph(federation::test::kUsersAndReviewsTypes);
  for (Variant& v : variants) {
    std::string yaml = "health_check:\n  enabled: false\n";
    if (!v.stages.empty()) yaml += "coprocessor:\n  url: " + copro_url + "\n" + v.stages;
    auto config = config::parseRouterConfig(yaml);
    if (!config.ok()) {
      std::fprintf(stderr, "%s: %s\n", v.name.c_str(), config.status().message().c_str());
      return 1;
    }
    config->supergraph.listen = {"127.0.0.1", 0};
    config->override_subgraph_url["a"] =
        "http://127.0.0.1:" + std::to_string(accounts->port()) + "/graphql";
    config->override_subgraph_url["b"] =
        "http://127.0.0.1:" + std::to_string(reviews->port()) + "/graphql";
    auto supergraph = federation::Supergraph::fromSdl(sdl);
    auto router = server::Router::start(
        {.config = std::move(*config), .supergraph = std::move(*supergraph), .workers = 1});
    if (!router.ok()) {
      std::fprintf(stderr, "%s: %s\n", v.name.c_str(), router.status().message().c_str());
      return 1;
    }
    v.router = std::move(*router);
    v.client = std::make_unique<RawClient>(v.router->port());
    std::string first = v.client->post(kQuery);
    if (first.find("great") == std::string::npos) {
      std::fprintf(stderr, "%s: unexpected answer %s\n", v.name.c_str(), first.c_str());
      return 1;
    }
  }

  // The floor: the same client, the same coprocessor, an envelope as RouterRequest sends it.
  RawClient floor_client((*coprocessor)->port());
  const std::string envelope =
      R"({"version":1,"stage":"RouterRequest","control":"continue",)"
      R"("id":"0e5b1ad0-3c33-4d8c-9c8e-2a1f8f1f3a11","method":"POST",)"
      R"("headers":{"content-type":["application/json"],"host":["127.0.0.1"],)"
      R"("content-length":["44"]},"body":"{\"query\":\"{ me { name reviews { body } } }\"}",)"
      R"("context":{"entries":{}}})";
  std::vector<double> floor;

  auto timed = [](auto&& call) {
    Clock::time_point start = Clock::now();
    call();
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  };
  for (int round = 0; round < rounds; ++round) {
    for (int i = 0; i < requests; ++i) {
      floor.push_back(timed([&] { floor_client.post(envelope); }));
      for (Variant& v : variants) v.micros.push_back(timed([&] { v.client->post(kQuery); }));
    }
  }

  double base = percentile(variants[0].micros, 0.5);
  double floor_median = percentile(floor, 0.5);
  std::printf("coprocessor overhead: %d requests per configuration (%d rounds, interleaved)\n\n",
              requests * rounds, rounds);
  std::printf(
      "| configuration | calls/request | median µs | p90 µs | added (median) | added per call "
      "| per call − floor |\n|---|---|---|---|---|---|---|\n");
  for (const Variant& v : variants) {
    double median = percentile(v.micros, 0.5);
    double added = median - base;
    if (v.calls == 0) {
      std::printf("| %s | 0 | %.1f | %.1f | — | — | — |\n", v.name.c_str(), median,
                  percentile(v.micros, 0.9));
      continue;
    }
    std::printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |\n", v.name.c_str(), v.calls, median,
                percentile(v.micros, 0.9), added, added / v.calls, added / v.calls - floor_median);
  }
  std::printf("| floor: minimal client → coprocessor | 1 | %.1f | %.1f | | | |\n", floor_median,
              percentile(floor, 0.9));
  return 0;
}
