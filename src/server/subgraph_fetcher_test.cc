#include "src/server/subgraph_fetcher.h"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <mutex>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "src/http/server.h"

namespace plexus::server {
namespace {

using namespace std::chrono_literals;
using execution::SubgraphCall;
using execution::SubgraphReply;

// A subgraph on port 0: answers by path, counts requests, remembers the last one's headers.
class FakeSubgraph {
 public:
  FakeSubgraph() {
    http::ServerOptions options;
    options.workers = 1;
    auto server =
        http::Server::start(options, [this](http::Request& request, http::Responder respond) {
          ++requests_;
          {
            std::lock_guard lock(mutex_);
            last_headers_ = request.headers;
          }
          if (request.target == "/hang") {
            parked_.push_back(std::move(respond));  // worker thread only; dropped at stop
            return;
          }
          if (request.target == "/fail") {
            respond(http::Response{.status = 500, .headers = {}, .body = "upstream broke"});
            return;
          }
          respond(http::Response{.status = 200,
                                 .headers = {{"content-type", "application/json"}},
                                 .body = R"({"data":{"echo":)" + request.body + "}}"});
        });
    EXPECT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(*server);
  }

  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + std::string(path);
  }
  int requests() const { return requests_.load(); }
  http::Headers lastHeaders() {
    std::lock_guard lock(mutex_);
    return last_headers_;
  }

 private:
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  http::Headers last_headers_;
  std::vector<http::Responder> parked_;
  std::unique_ptr<http::Server> server_;
};

class SubgraphFetcherTest : public ::testing::Test {
 protected:
  HttpSubgraphFetcher& fetcher(FetcherSettings settings = {}) {
    fetcher_ = std::make_unique<HttpSubgraphFetcher>(
        client_, std::make_shared<const FetcherSettings>(std::move(settings)));
    return *fetcher_;
  }

  // Starts a call; its reply lands in the returned slot once run() has run.
  std::shared_ptr<std::optional<SubgraphReply>> start(std::string_view service,
                                                      std::string_view url, std::string body) {
    auto slot = std::make_shared<std::optional<SubgraphReply>>();
    auto returned = std::make_shared<bool>(false);
    fetcher_->fetch(SubgraphCall{.subgraph = 0, .service = service, .url = url, .body = body},
                    [slot, returned](SubgraphReply reply) {
                      EXPECT_TRUE(*returned) << "done ran inside fetch()";
                      slot->emplace(std::move(reply));
                    });
    *returned = true;
    return slot;
  }

  void run() {
    io_.restart();
    io_.run();
  }

  FakeSubgraph subgraph_;
  boost::asio::io_context io_{1};
  http::Client client_{io_};
  std::unique_ptr<HttpSubgraphFetcher> fetcher_;
};

TEST_F(SubgraphFetcherTest, PostsJsonWithGraphQLAcceptHeaders) {
  fetcher();
  std::string url = subgraph_.url("/graphql");
  auto reply = start("products", url, R"({"query":"{a}"})");
  run();
  ASSERT_TRUE(reply->has_value());
  EXPECT_FALSE((*reply)->error);
  EXPECT_EQ((*reply)->status, 200);
  EXPECT_EQ((*reply)->body, R"({"data":{"echo":{"query":"{a}"}}})");
  http::Headers sent = subgraph_.lastHeaders();
  EXPECT_EQ(sent.get("content-type"), "application/json");
  EXPECT_EQ(sent.get("accept"), "application/graphql-response+json, application/json");
}

TEST_F(SubgraphFetcherTest, SendsTheCallsHeadersWhenItHasSome) {
  fetcher();
  auto reply = std::make_shared<std::optional<execution::SubgraphReply>>();
  execution::SubgraphCall call;
  call.service = "products";
  std::string url = subgraph_.url("/graphql");
  call.url = url;
  call.body = R"({"query":"{a}"})";
  call.headers = http::Headers{{"content-type", "application/json"}, {"x-tenant", "acme"}};
  fetcher_->fetch(std::move(call), [reply](execution::SubgraphReply r) { *reply = std::move(r); });
  run();
  ASSERT_TRUE(reply->has_value());
  EXPECT_FALSE((*reply)->error);
  http::Headers sent = subgraph_.lastHeaders();
  EXPECT_EQ(sent.get("x-tenant"), "acme");
  EXPECT_FALSE(sent.contains("accept"));
  EXPECT_EQ((*reply)->headers.get("content-type"), "application/json");
}

TEST_F(SubgraphFetcherTest, ReportsARefusedConnectionAsAnError) {
  std::string dead_url;
  {
    FakeSubgraph gone;
    dead_url = gone.url("/graphql");
  }
  fetcher();
  auto reply = start("products", dead_url, "{}");
  run();
  ASSERT_TRUE(reply->has_value());
  ASSERT_TRUE((*reply)->error);
  EXPECT_NE((*reply)->error->find(dead_url), std::string::npos) << *(*reply)->error;
  EXPECT_NE((*reply)->error->find("refused"), std::string::npos) << *(*reply)->error;
}

TEST_F(SubgraphFetcherTest, AppliesTheSubgraphTimeout) {
  FetcherSettings settings;
  settings.traffic_shaping.all.timeout = 30s;
  settings.traffic_shaping.subgraphs["slow"].timeout = 100ms;
  fetcher(std::move(settings));
  auto start_time = std::chrono::steady_clock::now();
  auto reply = start("slow", subgraph_.url("/hang"), "{}");
  run();
  ASSERT_TRUE(reply->has_value());
  ASSERT_TRUE((*reply)->error);
  EXPECT_NE((*reply)->error->find("timed out"), std::string::npos) << *(*reply)->error;
  EXPECT_LT(std::chrono::steady_clock::now() - start_time, 5s);
}

TEST_F(SubgraphFetcherTest, PassesHttpErrorsThroughAsStatusAndBody) {
  fetcher();
  auto reply = start("products", subgraph_.url("/fail"), "{}");
  run();
  ASSERT_TRUE(reply->has_value());
  EXPECT_FALSE((*reply)->error);
  EXPECT_EQ((*reply)->status, 500);
  EXPECT_EQ((*reply)->body, "upstream broke");
}

TEST_F(SubgraphFetcherTest, SharesOneRequestAmongIdenticalCallsInFlightWhenAsked) {
  FetcherSettings settings;
  settings.traffic_shaping.all.deduplicate_query = true;
  fetcher(std::move(settings));
  std::string url = subgraph_.url("/graphql");
  auto a = start("products", url, R"({"query":"{a}"})");
  auto b = start("products", url, R"({"query":"{a}"})");
  auto other = start("products", url, R"({"query":"{b}"})");
  auto c = start("products", url, R"({"query":"{a}"})");
  run();
  for (const auto& reply : {a, b, c}) {
    ASSERT_TRUE(reply->has_value());
    EXPECT_EQ((*reply)->body, R"({"data":{"echo":{"query":"{a}"}}})");
  }
  ASSERT_TRUE(other->has_value());
  EXPECT_EQ((*other)->body, R"({"data":{"echo":{"query":"{b}"}}})");
  EXPECT_EQ(subgraph_.requests(), 2);
  EXPECT_EQ(fetcher_->stats().requests_sent, 2u);
  EXPECT_EQ(fetcher_->stats().deduplicated, 2u);

  // Completed requests are not a cache: the same call later goes out again.
  auto again = start("products", url, R"({"query":"{a}"})");
  run();
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ(subgraph_.requests(), 3);
}

TEST_F(SubgraphFetcherTest, DoesNotDeduplicateByDefaultOrWhereASubgraphTurnsItOff) {
  FetcherSettings settings;
  settings.traffic_shaping.all.deduplicate_query = true;
  settings.traffic_shaping.subgraphs["reviews"].deduplicate_query = false;
  fetcher(std::move(settings));
  std::string url = subgraph_.url("/graphql");
  auto a = start("reviews", url, "{}");
  auto b = start("reviews", url, "{}");
  run();
  EXPECT_TRUE(a->has_value() && b->has_value());
  EXPECT_EQ(subgraph_.requests(), 2);

  fetcher();  // defaults: off
  auto c = start("products", url, "{}");
  auto d = start("products", url, "{}");
  run();
  EXPECT_TRUE(c->has_value() && d->has_value());
  EXPECT_EQ(subgraph_.requests(), 4);
}

}  // namespace
}  // namespace plexus::server
