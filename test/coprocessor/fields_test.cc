// Coprocessor conformance, part 1: what each stage sends (COPROCESSOR.md §3) — the envelope's
// fields for every stage with every flag on, and with none, against the real fake coprocessor.
#include <algorithm>
#include <set>

#include "src/http/testing/node_server.h"
#include "test/coprocessor/coprocessor_fixture.h"

namespace plexus::test {
namespace {

class CoprocessorFieldsTest : public CoprocessorFixture {};

std::set<std::string> keysOf(const json::Value& envelope) {
  std::set<std::string> keys;
  for (const auto& [key, value] : envelope.asObject()) keys.insert(key);
  return keys;
}

std::string text(const json::Value& value) { return json::serialize(value); }

TEST_F(CoprocessorFieldsTest, RouterRequestSendsEveryFlag) {
  auto router = startWith(
      "router:\n    request:\n      headers: true\n      body: true\n      context: all\n"
      "      sdl: true\n      path: true\n      method: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router, {{"x-tenant", "acme"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().body, kMeAnswer);
  auto calls = coprocessor_.envelopes("RouterRequest");
  ASSERT_EQ(calls.size(), 1u);
  json::Value& e = calls[0];
  EXPECT_EQ(keysOf(e), (std::set<std::string>{"version", "stage", "control", "id", "headers",
                                              "body", "context", "sdl", "path", "method"}));
  EXPECT_EQ(text(e["version"]), "1");
  EXPECT_EQ(text(e["control"]), R"("continue")");
  EXPECT_EQ(e["id"].asString().size(), 36u);  // the request's UUID
  EXPECT_EQ(text(e["headers"]["x-tenant"]), R"(["acme"])");
  EXPECT_EQ(text(e["headers"]["content-type"]), R"(["application/json"])");
  EXPECT_EQ(e["body"].asString(), kMeQuery);  // the raw body, as a string
  EXPECT_TRUE(e["context"]["entries"].isObject());
  EXPECT_NE(e["sdl"].asString().find("join__Graph"), std::string::npos);
  EXPECT_EQ(e["path"].asString(), "/");
  EXPECT_EQ(e["method"].asString(), "POST");
}

TEST_F(CoprocessorFieldsTest, AStageWithOnlyAUrlSendsTheEnvelope) {
  auto router = startWith("router:\n    request:\n      url: " + coprocessor_.url() + "/only\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  json::Value all = coprocessor_.received();
  ASSERT_EQ(all.asArray().size(), 1u);
  EXPECT_EQ(all.asArray()[0]["path"].asString(), "/only");
  EXPECT_EQ(text(all.asArray()[0]["headers"]["content-type"]), R"(["application/json"])");
  EXPECT_EQ(keysOf(all.asArray()[0]["envelope"]),
            (std::set<std::string>{"version", "stage", "control", "id", "method"}));
}

TEST_F(CoprocessorFieldsTest, AllDefaultStagesAreNotInstalled) {
  // Apollo's documented "minimal configuration" equals the defaults: no call.
  auto router = startWith("router:\n    request:\n      headers: false\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  EXPECT_EQ(coprocessor_.received().asArray().size(), 0u);
}

TEST_F(CoprocessorFieldsTest, RouterResponseSendsEveryFlag) {
  auto router = startWith(
      "router:\n    response:\n      headers: true\n      body: true\n      context: all\n"
      "      sdl: true\n      status_code: true\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto calls = coprocessor_.envelopes("RouterResponse");
  ASSERT_EQ(calls.size(), 1u);
  json::Value& e = calls[0];
  EXPECT_EQ(keysOf(e), (std::set<std::string>{"version", "stage", "id", "headers", "body",
                                              "context", "sdl", "statusCode"}));
  EXPECT_EQ(e["body"].asString(), kMeAnswer);
  EXPECT_EQ(text(e["statusCode"]), "200");
  EXPECT_EQ(text(e["headers"]["content-type"]).find("application/"), 2u);
}

TEST_F(CoprocessorFieldsTest, SupergraphStagesSendEveryFlag) {
  auto router = startWith(
      "supergraph:\n    request:\n      headers: true\n      body: true\n      context: all\n"
      "      sdl: true\n      method: true\n"
      "    response:\n      headers: true\n      body: true\n      context: all\n"
      "      sdl: true\n      status_code: true\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router, {},
                    R"({"query":"query Me { me { name } }","operationName":"Me",)"
                    R"("variables":{"v":1},"extensions":{"e":true}})")
                  .ok());
  auto requests = coprocessor_.envelopes("SupergraphRequest");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(keysOf(requests[0]),
            (std::set<std::string>{"version", "stage", "control", "id", "headers", "body",
                                   "context", "sdl", "method"}));
  EXPECT_EQ(text(requests[0]["body"]),
            R"({"query":"query Me { me { name } }","operationName":"Me","variables":{"v":1},)"
            R"("extensions":{"e":true}})");
  EXPECT_EQ(requests[0]["method"].asString(), "POST");
  auto responses = coprocessor_.envelopes("SupergraphResponse");
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(keysOf(responses[0]), (std::set<std::string>{"version", "stage", "id", "headers",
                                                         "body", "context", "sdl", "statusCode"}));
  EXPECT_EQ(text(responses[0]["body"]), R"({"data":{"me":{"name":"Ada"}}})");
  EXPECT_EQ(requests[0]["id"].asString(), responses[0]["id"].asString());
}

TEST_F(CoprocessorFieldsTest, SelectiveResponseBodySendsOnlyTheChosenParts) {
  auto router = startWith(
      "supergraph:\n    response:\n      body:\n        errors: true\n      status_code: true\n");
  ASSERT_TRUE(router);
  // Refused in the supergraph stage (introspection is off): a response with errors only.
  ASSERT_TRUE(query(*router, {}, kRefusedQuery).ok());
  auto calls = coprocessor_.envelopes("SupergraphResponse");
  ASSERT_EQ(calls.size(), 1u);
  ASSERT_TRUE(calls[0]["body"].isObject());
  EXPECT_EQ(keysOf(calls[0]["body"]), (std::set<std::string>{"errors"}));
  EXPECT_EQ(text(calls[0]["statusCode"]), "400");
  // A selected part the response lacks is sent empty (Apollo: errors [], data null, {}).
  ASSERT_TRUE(query(*router).ok());
  calls = coprocessor_.envelopes("SupergraphResponse");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(text(calls[1]["body"]), R"({"errors":[]})");
}

TEST_F(CoprocessorFieldsTest, ExecutionStagesSendTheQueryPlan) {
  auto router = startWith(
      "execution:\n    request:\n      headers: true\n      body: true\n      context: all\n"
      "      sdl: true\n      method: true\n      query_plan: true\n"
      "    response:\n      headers: true\n      body: true\n      context: all\n"
      "      sdl: true\n      status_code: true\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto requests = coprocessor_.envelopes("ExecutionRequest");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(keysOf(requests[0]),
            (std::set<std::string>{"version", "stage", "control", "id", "headers", "body",
                                   "context", "sdl", "method", "queryPlan"}));
  EXPECT_EQ(requests[0]["body"]["query"].asString(), "{ me { name reviews { body } } }");
  // Set by the router once the operation is parsed, as Apollo's query analysis does.
  EXPECT_EQ(requests[0]["context"]["entries"]["apollo::supergraph::operation_kind"].asString(),
            "query");
  EXPECT_EQ(requests[0]["queryPlan"]["root"]["kind"].asString(), "Sequence");
  EXPECT_NE(requests[0]["queryPlan"]["formatted_query_plan"].asString().find("QueryPlan {"),
            std::string::npos);
  auto responses = coprocessor_.envelopes("ExecutionResponse");
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(keysOf(responses[0]), (std::set<std::string>{"version", "stage", "id", "headers",
                                                         "body", "context", "sdl", "statusCode"}));
  EXPECT_EQ(text(responses[0]["body"]), kMeAnswer);
}

TEST_F(CoprocessorFieldsTest, SubgraphStagesSendEveryFlagOncePerFetch) {
  auto router = startWith(
      "subgraph:\n    all:\n      request:\n        headers: true\n        body: true\n"
      "        context: all\n        uri: true\n        method: true\n        service_name: true\n"
      "        subgraph_request_id: true\n"
      "      response:\n        headers: true\n        body: true\n        context: all\n"
      "        service_name: true\n        status_code: true\n        subgraph_request_id: true\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto requests = coprocessor_.envelopes("SubgraphRequest");
  auto responses = coprocessor_.envelopes("SubgraphResponse");
  ASSERT_EQ(requests.size(), 2u);
  ASSERT_EQ(responses.size(), 2u);
  for (json::Value& e : requests) {
    EXPECT_EQ(keysOf(e), (std::set<std::string>{"version", "stage", "control", "id", "headers",
                                                "body", "context", "uri", "method", "serviceName",
                                                "subgraphRequestId"}));
    EXPECT_EQ(e["method"].asString(), "POST");
  }
  json::Value& a = requests[0]["serviceName"].asString() == "a" ? requests[0] : requests[1];
  json::Value& b = requests[0]["serviceName"].asString() == "b" ? requests[0] : requests[1];
  EXPECT_EQ(a["uri"].asString(), accounts_.url());
  EXPECT_EQ(b["uri"].asString(), reviews_.url());
  EXPECT_NE(b["body"]["query"].asString().find("_entities"), std::string::npos);
  EXPECT_EQ(text(b["body"]["variables"]["representations"]), R"([{"__typename":"User","id":"1"}])");
  for (json::Value& e : responses) {
    EXPECT_EQ(keysOf(e),
              (std::set<std::string>{"version", "stage", "id", "headers", "body", "context",
                                     "serviceName", "statusCode", "subgraphRequestId"}));
    EXPECT_EQ(text(e["statusCode"]), "200");
    // The same fetch id on the request and the response of one fetch.
    json::Value& sent = e["serviceName"].asString() == "a" ? a : b;
    EXPECT_EQ(e["subgraphRequestId"].asString(), sent["subgraphRequestId"].asString());
  }
  EXPECT_NE(a["subgraphRequestId"].asString(), b["subgraphRequestId"].asString());
  json::Value& a_response =
      responses[0]["serviceName"].asString() == "a" ? responses[0] : responses[1];
  EXPECT_EQ(text(a_response["body"]), kAccountsReply);
}

TEST_F(CoprocessorFieldsTest, ContextModesNameKeysAsConfigured) {
  // RouterRequest puts two keys in; the later stages show them per their context mode.
  coprocessor_.script(R"([{"stage":"RouterRequest","merge":{"context":{"entries":{
      "apollo::supergraph::operation_name":"Me","acme::tenant":"t1"}}}}])");
  auto router = startWith(
      "router:\n    request:\n      context: all\n"
      "supergraph:\n    request:\n      context: deprecated\n"
      "    response:\n      context:\n        selective: [acme::tenant]\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto deprecated = coprocessor_.envelopes("SupergraphRequest");
  ASSERT_EQ(deprecated.size(), 1u);
  EXPECT_EQ(deprecated[0]["context"]["entries"]["operation_name"].asString(), "Me");
  EXPECT_EQ(deprecated[0]["context"]["entries"].find("apollo::supergraph::operation_name"),
            nullptr);
  auto selective = coprocessor_.envelopes("SupergraphResponse");
  ASSERT_EQ(selective.size(), 1u);
  EXPECT_EQ(text(selective[0]["context"]["entries"]), R"({"acme::tenant":"t1"})");
}

TEST_F(CoprocessorFieldsTest, SupergraphRequestComesAfterQueryAnalysis) {
  // As in Apollo: the operation's name and kind are in the context, and a query that does not
  // validate is answered (400) before the stage.
  auto router = startWith("supergraph:\n    request:\n      context: all\n");
  ASSERT_TRUE(router);
  http::ClientResult invalid = query(*router, {}, R"({"query":"{ nope }"})");
  ASSERT_TRUE(invalid.ok());
  EXPECT_EQ(invalid.response().status, 400);
  EXPECT_TRUE(coprocessor_.envelopes("SupergraphRequest").empty());
  ASSERT_TRUE(query(*router, {}, R"({"query":"query Me { me { name } }"})").ok());
  auto calls = coprocessor_.envelopes("SupergraphRequest");
  ASSERT_EQ(calls.size(), 1u);
  json::Value entries = calls[0]["context"]["entries"];
  EXPECT_EQ(entries["apollo::supergraph::operation_name"].asString(), "Me");
  EXPECT_EQ(entries["apollo::supergraph::operation_kind"].asString(), "query");
}

TEST_F(CoprocessorFieldsTest, UnixSocketWithHttpPath) {
  std::string socket = "/tmp/plexus-copro-" + std::to_string(::getpid()) + ".sock";
  FakeCoprocessor on_socket(socket);
  auto router = start("health_check:\n  enabled: false\ncoprocessor:\n  url: unix://" + socket +
                      "?path=/hook\n  router:\n    request:\n      headers: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().body, kMeAnswer);
  json::Value calls = on_socket.received();
  ASSERT_EQ(calls.asArray().size(), 1u);
  EXPECT_EQ(calls.asArray()[0]["path"].asString(), "/hook");
  EXPECT_EQ(calls.asArray()[0]["envelope"]["stage"].asString(), "RouterRequest");
}

TEST_F(CoprocessorFieldsTest, CallsReuseKeepAliveConnections) {
  auto router = startWith("router:\n    request:\n      headers: true\n");
  ASSERT_TRUE(router);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(query(*router).ok());
  json::Value calls = coprocessor_.received();
  ASSERT_EQ(calls.asArray().size(), 3u);
  EXPECT_EQ(text(calls.asArray()[0]["connection"]), text(calls.asArray()[2]["connection"]));
}

TEST_F(CoprocessorFieldsTest, Http2OnlySpeaksH2cToTheCoprocessor) {
  if (!http::testing::NodeServer::nodeAvailable()) GTEST_SKIP() << "node is not installed";
  http::testing::NodeServer h2(PLEXUS_H2_ECHO_SERVER, {});
  ASSERT_TRUE(h2.ok()) << h2.error();
  std::string base = "http://127.0.0.1:" + h2.address();
  auto router = start("health_check:\n  enabled: false\ncoprocessor:\n  url: " + base +
                      "/coprocessor\n  client:\n    experimental_http2: http2only\n"
                      "  router:\n    request:\n      headers: true\n"
                      "  subgraph:\n    all:\n      request:\n        headers: true\n");
  ASSERT_TRUE(router);
  for (int i = 0; i < 3; ++i) {
    http::ClientResult r = query(*router);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.response().body, kMeAnswer);
  }
  // Nine calls (three per request) multiplexed on one HTTP/2 connection, plus this one's.
  http::ClientRequest stats{.url = base + "/stats", .http2 = http::Http2::kOnly};
  stats.request.method = "GET";
  http::ClientResult r = client_.fetch(std::move(stats));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().body.substr(0, 13), R"({"sessions":2)") << r.response().body;
}

}  // namespace
}  // namespace plexus::test
