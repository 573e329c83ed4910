// The router in-process against REAL subgraph HTTP servers that misbehave: refused connections,
// timeouts, 5xx, non-JSON and truncated bodies, a very large body, and subgraph errors inside
// `_entities`. Every case must answer 200 with the data the healthy fetches produced, the failed
// part null, and an error naming the subgraph (Apollo Router's FetchError shapes).
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "src/common/status.h"
#include "src/federation/supergraph.h"
#include "src/federation/supergraph_test_support.h"
#include "src/http/server.h"
#include "src/http/testing/client_runner.h"
#include "src/http/testing/raw_socket.h"
#include "src/json/value.h"
#include "src/server/router.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;
using http::testing::RawConnection;
using http::testing::ScriptedServer;
using Clock = std::chrono::steady_clock;

// A ("a") owns users; B ("b") adds their reviews (nullable) and a rating (non-null, so a failed
// B fetch nulls the whole User by null propagation).
constexpr std::string_view kFaultTypes = R"(
type Query @join__type(graph: A) @join__type(graph: B) {
  me: User @join__field(graph: A)
  users: [User] @join__field(graph: A)
}
type User @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") {
  id: ID!
  name: String @join__field(graph: A)
  reviews: [Review] @join__field(graph: B)
  rating: Int! @join__field(graph: B)
}
type Review @join__type(graph: B) {
  body: String
}
)";

constexpr std::string_view kMeReply =
    R"({"data":{"me":{"__typename":"User","id":"1","name":"Ada"}}})";
constexpr std::string_view kMeReviewsReply =
    R"({"data":{"_entities":[{"__typename":"User","reviews":[{"body":"great"}]}]}})";
constexpr std::string_view kMeWithReviews = "{ me { name reviews { body } } }";

http::Response jsonResponse(int status, std::string body,
                            std::string_view content_type = "application/json") {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  response.headers.add("content-type", content_type);
  return response;
}

// A subgraph on a real http::Server (port 0) that answers with `handler` and counts requests.
class HandlerSubgraph {
 public:
  explicit HandlerSubgraph(std::function<http::Response(http::Request&)> handler)
      : handler_(std::move(handler)) {
    http::ServerOptions options;
    options.workers = 1;
    auto server = http::Server::start(options, [this](http::Request& request) {
      ++requests_;
      return handler_(request);
    });
    EXPECT_TRUE(server.ok()) << server.status().message();
    if (server.ok()) server_ = std::move(*server);
  }
  // Always the same reply.
  HandlerSubgraph(int status, std::string body, std::string_view content_type = "application/json")
      : HandlerSubgraph([reply = jsonResponse(status, std::move(body), content_type)](
                            http::Request&) { return reply; }) {}

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server_ ? server_->port() : 0) + "/graphql";
  }
  int requests() const { return requests_.load(); }

 private:
  std::function<http::Response(http::Request&)> handler_;
  std::atomic<int> requests_{0};
  std::unique_ptr<http::Server> server_;
};

// A port nothing listens on: a TCP socket bound but never listening refuses connections, and
// holding it keeps another process from taking the port during the test.
class ClosedPort {
 public:
  ClosedPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~ClosedPort() { ::close(fd_); }
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/graphql"; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

std::string scriptedUrl(const ScriptedServer& server) {
  return "http://127.0.0.1:" + std::to_string(server.port()) + "/graphql";
}

std::string jsonString(std::string_view text) {
  std::string out;
  json::appendQuoted(text, out);
  return out;
}

// The JSON the router writes for httpFetchError / malformedResponseError (subgraph_response.cc),
// with `path` (a JSON list, or empty for none).
std::string httpFetchError(std::string_view service, std::string_view reason,
                           std::string_view path = "", int status = 0) {
  std::string out =
      R"({"message":)" +
      jsonString("HTTP fetch failed from '" + std::string(service) + "': " + std::string(reason));
  if (!path.empty()) out += R"(,"path":)" + std::string(path);
  out += R"(,"extensions":{"service":)" + jsonString(service) + R"(,"reason":)" +
         jsonString(reason) + R"(,"code":"SUBREQUEST_HTTP_ERROR")";
  if (status != 0) out += R"(,"http":{"status":)" + std::to_string(status) + "}";
  return out + "}}";
}

std::string malformedError(std::string_view service, std::string_view reason,
                           std::string_view path = "") {
  std::string out =
      R"({"message":)" + jsonString("service '" + std::string(service) +
                                    "' response was malformed: " + std::string(reason));
  if (!path.empty()) out += R"(,"path":)" + std::string(path);
  return out + R"(,"extensions":{"service":)" + jsonString(service) + R"(,"reason":)" +
         jsonString(reason) + R"(,"code":"SUBREQUEST_MALFORMED_RESPONSE"}})";
}

class SubgraphFaultsTest : public ::testing::Test {
 protected:
  std::unique_ptr<server::Router> startRouter(std::string a_url, std::string b_url,
                                              config::RouterConfig config = {}) {
    auto supergraph = federation::Supergraph::fromSdl(federation::test::supergraph(kFaultTypes));
    EXPECT_TRUE(supergraph.ok()) << supergraph.status().message();
    if (!supergraph.ok()) return nullptr;
    config.supergraph.listen = {"127.0.0.1", 0};
    config.health_check.enabled = false;
    config.include_subgraph_errors.all = true;  // these tests read the subgraphs' errors
    config.override_subgraph_url["a"] = std::move(a_url);
    config.override_subgraph_url["b"] = std::move(b_url);
    auto router = server::Router::start(
        {.config = std::move(config), .supergraph = std::move(*supergraph), .workers = 2});
    EXPECT_TRUE(router.ok()) << router.status().message();
    return router.ok() ? std::move(*router) : nullptr;
  }

  // Sends `query` and returns the response body; "" (and a failure) unless the router answered
  // 200 with application/json.
  std::string query(server::Router& router, std::string_view query,
                    std::chrono::milliseconds timeout = 10s) {
    http::ClientRequest request{.url = router.url(), .timeout = timeout};
    request.request.headers.add("content-type", "application/json");
    request.request.body = R"({"query":)" + jsonString(query) + "}";
    http::ClientResult result = client_.fetch(std::move(request));
    EXPECT_TRUE(result.ok()) << result.error().message;
    if (!result.ok()) return "";
    EXPECT_EQ(result.response().status, 200);
    EXPECT_EQ(result.response().headers.get("content-type"), "application/json");
    return std::move(result.response().body);
  }

  http::testing::ClientRunner client_;
};

// --- 1. Refused connections --------------------------------------------------------------------

TEST_F(SubgraphFaultsTest, RefusedRootFetchNullsItsFieldsAndSkipsTheEntityFetch) {
  ClosedPort accounts;
  HandlerSubgraph reviews(200, std::string(kMeReviewsReply));
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  std::string reason = "POST " + accounts.url() + ": connection refused";
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":null},"errors":[)" + httpFetchError("a", reason) + "]}");
  EXPECT_EQ(reviews.requests(), 0);
}

TEST_F(SubgraphFaultsTest, RefusedEntityFetchKeepsTheRootData) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  ClosedPort reviews;
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  std::string reason = "POST " + reviews.url() + ": connection refused";
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":{"name":"Ada","reviews":null}},"errors":[)" +
                httpFetchError("b", reason, R"(["me"])") + "]}");
  EXPECT_EQ(accounts.requests(), 1);
}

TEST_F(SubgraphFaultsTest, RefusedEntityFetchOfANonNullFieldNullsTheParent) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  ClosedPort reviews;
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  std::string reason = "POST " + reviews.url() + ": connection refused";
  // `rating: Int!` is missing, so `me` (nullable) becomes null; the fetch error is the only one.
  EXPECT_EQ(query(*router, "{ me { name rating } }"),
            R"({"data":{"me":null},"errors":[)" + httpFetchError("b", reason, R"(["me"])") + "]}");
}

// --- 2. Timeout --------------------------------------------------------------------------------

TEST_F(SubgraphFaultsTest, SubgraphTimeoutAnswersWithinTheConfiguredTimeout) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  // Reads the request and never answers; returns once the router gives up and closes.
  ScriptedServer reviews([](RawConnection& peer) {
    if (peer.readRequest()) peer.waitForClose();
  });
  config::RouterConfig config;
  config.traffic_shaping.subgraphs["b"].timeout = 200ms;
  auto router = startRouter(accounts.url(), scriptedUrl(reviews), config);
  ASSERT_TRUE(router);

  Clock::time_point start = Clock::now();
  std::string body = query(*router, kMeWithReviews);
  auto elapsed = Clock::now() - start;
  std::string reason = "POST " + scriptedUrl(reviews) + ": timed out";
  EXPECT_EQ(body, R"({"data":{"me":{"name":"Ada","reviews":null}},"errors":[)" +
                      httpFetchError("b", reason, R"(["me"])") + "]}");
  EXPECT_GE(elapsed, 190ms);
  EXPECT_LT(elapsed, 2s) << std::chrono::duration<double>(elapsed).count() << " s";
  EXPECT_EQ(reviews.accepted(), 1);
  reviews.waitForFinishedScripts(1);  // the router closed the timed-out connection
}

// --- 3. HTTP 500 -------------------------------------------------------------------------------

TEST_F(SubgraphFaultsTest, Http500WithAnHtmlBodyGivesTheStatusAndTheQuotedBody) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  HandlerSubgraph reviews(500, "<html><body>Internal error</body></html>", "text/html");
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":{"name":"Ada","reviews":null}},"errors":[)" +
                httpFetchError("b", "500: Internal Server Error", R"(["me"])", 500) + "," +
                malformedError("b", "<html><body>Internal error</body></html>", R"(["me"])") +
                "]}");
}

TEST_F(SubgraphFaultsTest, Http500WithAnEmptyBodySaysSo) {
  HandlerSubgraph accounts(503, "", "text/plain");
  HandlerSubgraph reviews(200, std::string(kMeReviewsReply));
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":null},"errors":[)" +
                httpFetchError("a", "503: Service Unavailable", "", 503) + "," +
                malformedError("a", "<empty response body>") + "]}");
  EXPECT_EQ(reviews.requests(), 0);
}

TEST_F(SubgraphFaultsTest, Http500WithAGraphQLBodyKeepsItsErrors) {
  HandlerSubgraph accounts(500,
                           R"({"errors":[{"message":"db down","locations":[{"line":1,"column":3}],)"
                           R"("extensions":{"code":"DB_DOWN"}}]})");
  HandlerSubgraph reviews(200, std::string(kMeReviewsReply));
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":null},"errors":[)" +
                httpFetchError("a", "500: Internal Server Error", "", 500) +
                R"(,{"message":"db down","locations":[{"line":1,"column":3}],)"
                R"("extensions":{"code":"DB_DOWN","service":"a"}}]})");
  EXPECT_EQ(reviews.requests(), 0);
}

TEST_F(SubgraphFaultsTest, Http500WithGraphQLDataInEntitiesMergesWhatCame) {
  HandlerSubgraph accounts(200, R"({"data":{"users":[{"__typename":"User","id":"1","name":"Ada"},)"
                                R"({"__typename":"User","id":"2","name":"Bob"}]}})");
  HandlerSubgraph reviews(500, R"({"data":{"_entities":[{"reviews":[{"body":"ok"}]},null]},)"
                               R"("errors":[{"message":"db down","path":["_entities",1]}]})");
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(query(*router, "{ users { name reviews { body } } }"),
            R"({"data":{"users":[{"name":"Ada","reviews":[{"body":"ok"}]},)"
            R"({"name":"Bob","reviews":null}]},"errors":[)" +
                httpFetchError("b", "500: Internal Server Error", R"(["users"])", 500) +
                R"(,{"message":"db down","path":["users",1],"extensions":{"service":"b"}}]})");
}

// --- 4. Non-JSON 200 ---------------------------------------------------------------------------

TEST_F(SubgraphFaultsTest, NonJsonOkBodyIsMalformed) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  HandlerSubgraph reviews(200, "<html>hello</html>", "text/html");
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(
      query(*router, kMeWithReviews),
      R"({"data":{"me":{"name":"Ada","reviews":null}},"errors":[)" +
          malformedError("b", "JSON parse error at byte 0: unexpected character '<'", R"(["me"])") +
          "]}");
}

TEST_F(SubgraphFaultsTest, JsonThatIsNotAGraphQLResponseIsMalformed) {
  HandlerSubgraph accounts(200, R"(["not","a","response"])");
  HandlerSubgraph reviews(200, std::string(kMeReviewsReply));
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":null},"errors":[)" +
                malformedError("a", "graphql response must be a JSON object") + "]}");
}

// --- 5. Truncated body -------------------------------------------------------------------------

// Announces a 1000-byte body, sends 30 bytes of it and closes.
ScriptedServer::Script truncatedReply() {
  return [](RawConnection& peer) {
    if (!peer.readRequest()) return;
    peer.write(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n"
        R"({"data":{"_entities":[{"revie)");
  };
}

TEST_F(SubgraphFaultsTest, TruncatedBodyOfAnEntityFetchIsATransportError) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  ScriptedServer reviews(truncatedReply());
  auto router = startRouter(accounts.url(), scriptedUrl(reviews));
  ASSERT_TRUE(router);
  std::string reason = "POST " + scriptedUrl(reviews) +
                       ": response cut short: connection closed in the middle of a response";
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":{"name":"Ada","reviews":null}},"errors":[)" +
                httpFetchError("b", reason, R"(["me"])") + "]}");
  EXPECT_EQ(reviews.accepted(), 1);  // not retried: response bytes had arrived
}

TEST_F(SubgraphFaultsTest, TruncatedBodyOfARootFetchIsATransportError) {
  ScriptedServer accounts(truncatedReply());
  HandlerSubgraph reviews(200, std::string(kMeReviewsReply));
  auto router = startRouter(scriptedUrl(accounts), reviews.url());
  ASSERT_TRUE(router);
  std::string reason = "POST " + scriptedUrl(accounts) +
                       ": response cut short: connection closed in the middle of a response";
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":null},"errors":[)" + httpFetchError("a", reason) + "]}");
  EXPECT_EQ(reviews.requests(), 0);
}

TEST_F(SubgraphFaultsTest, ConnectionResetInsideTheBodyIsATransportError) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  // As truncatedReply, but the close is abortive (RST) instead of a FIN.
  ScriptedServer reviews([](RawConnection& peer) {
    if (!peer.readRequest()) return;
    peer.write(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n"
        R"({"data":{"_entities":[{"revie)");
    std::this_thread::sleep_for(100ms);  // let the bytes arrive before the reset
    linger abort{.l_onoff = 1, .l_linger = 0};
    ::setsockopt(peer.fd(), SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    // Closing the socket's last descriptor with a zero linger sends the RST. The server owns the
    // descriptor number, so put a fresh socket in its place for it to shut down and close later.
    int placeholder = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ::dup2(placeholder, peer.fd());
    ::close(placeholder);
  });
  auto router = startRouter(accounts.url(), scriptedUrl(reviews));
  ASSERT_TRUE(router);
  std::string body = query(*router, kMeWithReviews);
  // The cause after "response cut short: " comes from the HTTP client and is empty today for a
  // reset (only an orderly close runs the parser's finish(), which names the cause); everything
  // else is checked exactly.
  StatusOr<json::Value> parsed = json::parse(body);
  ASSERT_TRUE(parsed.ok()) << body;
  const json::Value* errors = parsed->find("errors");
  ASSERT_TRUE(errors != nullptr && errors->isArray() && errors->asArray().size() == 1u) << body;
  const json::Value* extensions = errors->asArray()[0].find("extensions");
  const json::Value* reason = extensions != nullptr ? extensions->find("reason") : nullptr;
  ASSERT_TRUE(reason != nullptr && reason->isString()) << body;
  EXPECT_EQ(reason->asString().rfind("POST " + scriptedUrl(reviews) + ": response cut short: ", 0),
            0u)
      << body;
  EXPECT_EQ(body, R"({"data":{"me":{"name":"Ada","reviews":null}},"errors":[)" +
                      httpFetchError("b", reason->asString(), R"(["me"])") + "]}");
  EXPECT_EQ(reviews.accepted(), 1);
}

// --- 6. Large bodies ---------------------------------------------------------------------------

TEST_F(SubgraphFaultsTest, FiftyMegabyteBodyIsServedCompletely) {
  constexpr int kUsers = 200'000;
  const std::string padding(220, 'x');
  std::string reply = R"({"data":{"users":[)";
  std::string expected = R"({"data":{"users":[)";
  for (int i = 0; i < kUsers; ++i) {
    if (i > 0) {
      reply += ',';
      expected += ',';
    }
    std::string id = std::to_string(i);
    reply += R"({"__typename":"User","id":")" + id + R"(","name":"user-)" + id + padding + "\"}";
    expected += R"({"id":")" + id + R"(","name":"user-)" + id + padding + "\"}";
  }
  reply += "]}}";
  expected += "]}}";
  ASSERT_GT(reply.size(), 50'000'000u);

  HandlerSubgraph accounts(200, std::move(reply));
  HandlerSubgraph reviews(200, std::string(kMeReviewsReply));
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  Clock::time_point start = Clock::now();
  std::string body = query(*router, "{ users { id name } }", 60s);
  auto elapsed = Clock::now() - start;
  // Not EXPECT_EQ: a failure would print 100 MB.
  EXPECT_EQ(body.size(), expected.size());
  EXPECT_TRUE(body == expected) << body.substr(0, 300) << " … " << body.substr(body.size() - 300);
  EXPECT_LT(elapsed, 30s) << std::chrono::duration<double>(elapsed).count() << " s";
  EXPECT_EQ(reviews.requests(), 0);
  // The router's http::Client limits a subgraph reply to ClientOptions::max_response_bytes
  // (256 MiB), but router.yaml has no key for it, so a reply over a configured limit is not
  // tested here.
}

// --- 7. Errors inside `_entities` --------------------------------------------------------------

TEST_F(SubgraphFaultsTest, EntityErrorsGetTheClientPathOfEveryEntityOfTheirRepresentation) {
  // Users 1, 2 and 1 again: two representations, the first shared by users[0] and users[2].
  HandlerSubgraph accounts(200, R"({"data":{"users":[{"__typename":"User","id":"1","name":"Ada"},)"
                                R"({"__typename":"User","id":"2","name":"Bob"},)"
                                R"({"__typename":"User","id":"1","name":"Ada"}]}})");
  HandlerSubgraph reviews(
      200, R"({"data":{"_entities":[{"reviews":null},{"reviews":[{"body":"fine"},null]}]},)"
           R"("errors":[)"
           R"({"message":"reviews unavailable","path":["_entities",0,"reviews"],)"
           R"("extensions":{"code":"UNAVAILABLE"}},)"
           R"({"message":"bad review","path":["_entities",1,"reviews",1],)"
           R"("locations":[{"line":1,"column":70}]},)"
           R"({"message":"no path at all"}]})");
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(query(*router, "{ users { name reviews { body } } }"),
            R"({"data":{"users":[{"name":"Ada","reviews":null},)"
            R"({"name":"Bob","reviews":[{"body":"fine"},null]},)"
            R"({"name":"Ada","reviews":null}]},"errors":[)"
            R"({"message":"reviews unavailable","path":["users",0,"reviews"],)"
            R"("extensions":{"code":"UNAVAILABLE","service":"b"}},)"
            R"({"message":"reviews unavailable","path":["users",2,"reviews"],)"
            R"("extensions":{"code":"UNAVAILABLE","service":"b"}},)"
            R"({"message":"bad review","path":["users",1,"reviews",1],)"
            R"("extensions":{"service":"b"}},)"
            R"({"message":"no path at all","path":["users"],"extensions":{"service":"b"}}]})");
  ASSERT_EQ(accounts.requests(), 1);
  EXPECT_EQ(reviews.requests(), 1);
}

TEST_F(SubgraphFaultsTest, EntityErrorUnderASingleRootObject) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  HandlerSubgraph reviews(
      200, R"({"data":{"_entities":[null]},"errors":[{"message":"user unknown to b",)"
           R"("path":["_entities",0],"extensions":{"code":"NOT_FOUND"}}]})");
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(query(*router, kMeWithReviews),
            R"({"data":{"me":{"name":"Ada","reviews":null}},"errors":[)"
            R"({"message":"user unknown to b","path":["me"],)"
            R"("extensions":{"code":"NOT_FOUND","service":"b"}}]})");
}

TEST_F(SubgraphFaultsTest, WrongNumberOfEntitiesIsMalformed) {
  HandlerSubgraph accounts(200, std::string(kMeReply));
  HandlerSubgraph reviews(200, R"({"data":{"_entities":[{"reviews":[]},{"reviews":[]}]}})");
  auto router = startRouter(accounts.url(), reviews.url());
  ASSERT_TRUE(router);
  EXPECT_EQ(
      query(*router, kMeWithReviews),
      R"({"data":{"me":{"name":"Ada","reviews":null}},"errors":[)" +
          malformedError("b", R"(Expected "data._entities" to contain 1 elements)", R"(["me"])") +
          "]}");
}

}  // namespace
}  // namespace plexus::test
