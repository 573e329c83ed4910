// Coprocessor conformance, part 2: what replies do (COPROCESSOR.md §4–§6) — `continue` with
// changes and `{"break": N}` at every stage, header replacement, `uri` re-targeting, the context
// merge and deletion rules, and `control` on response stages.
#include "test/coprocessor/coprocessor_fixture.h"

namespace plexus::test {
namespace {

class CoprocessorControlTest : public CoprocessorFixture {};

std::string text(const json::Value& value) { return json::serialize(value); }

TEST_F(CoprocessorControlTest, RouterRequestBreakWithTextBecomesAnErrorMessage) {
  coprocessor_.script(R"([{"stage":"RouterRequest","merge":{"control":{"break":401},
      "body":"go away"}}])");
  auto router = startWith("router:\n    request:\n      headers: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 401);
  EXPECT_EQ(r.response().body,
            R"({"errors":[{"message":"go away","extensions":{"code":"ERROR"}}]})");
  EXPECT_TRUE(accounts_.bodies().empty());  // nothing ran after the break
}

TEST_F(CoprocessorControlTest, RouterRequestBreakWithAGraphQLResponseAndHeaders) {
  coprocessor_.script(R"([{"stage":"RouterRequest","reply":{"version":1,"stage":"RouterRequest",
      "control":{"break":200},"headers":{"content-type":["application/json"],"x-cache":["hit"]},
      "body":"{\"data\":{\"me\":{\"name\":\"cached\"}}}"}}])");
  auto router = startWith("router:\n    request:\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 200);
  EXPECT_EQ(r.response().headers.get("x-cache"), "hit");
  EXPECT_EQ(r.response().body, R"({"data":{"me":{"name":"cached"}}})");
}

TEST_F(CoprocessorControlTest, RouterRequestContinueReplacesBodyAndHeaders) {
  coprocessor_.script(R"([{"stage":"RouterRequest","merge":{
      "headers":{"content-type":["application/json"],"x-added":["1"]},
      "body":"{\"query\":\"{ me { name } }\"}"}}])");
  auto router = startWith(
      "router:\n    request:\n      headers: true\n      body: true\n"
      "supergraph:\n    request:\n      headers: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router, {{"x-dropped", "1"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().body, R"({"data":{"me":{"name":"Ada"}}})");
  auto next = coprocessor_.envelopes("SupergraphRequest");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(text(next[0]["headers"]["x-added"]), R"(["1"])");
  EXPECT_EQ(next[0]["headers"].find("x-dropped"), nullptr);  // returned headers replace all
}

TEST_F(CoprocessorControlTest, RouterResponseControlSetsTheStatus) {
  coprocessor_.script(R"([{"stage":"RouterResponse","merge":{"control":{"break":418},
      "headers":{"content-type":["application/json"],"x-copro":["yes"]},
      "body":"{\"data\":null}"}}])");
  auto router = startWith("router:\n    response:\n      headers: true\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 418);
  EXPECT_EQ(r.response().headers.get("x-copro"), "yes");
  EXPECT_EQ(r.response().body, R"({"data":null})");
}

TEST_F(CoprocessorControlTest, ResponseStageContinueTurnsAnErrorStatusInto200) {
  // Apollo's code: `control: "continue"` on a response stage sets 200 (COPROCESSOR.md §5 ⚠).
  coprocessor_.script(R"([{"stage":"SupergraphResponse","merge":{"control":"continue"}}])");
  auto router = startWith("supergraph:\n    response:\n      status_code: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router, {}, kRefusedQuery);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 200);
  EXPECT_EQ(text(coprocessor_.envelopes("SupergraphResponse")[0]["statusCode"]), "400");
}

TEST_F(CoprocessorControlTest, ResponseStageWithoutControlKeepsTheStatus) {
  auto router = startWith("supergraph:\n    response:\n      status_code: true\n");
  ASSERT_TRUE(router);
  // The fake echoes, and response-stage envelopes carry no control.
  http::ClientResult r = query(*router, {}, kRefusedQuery);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 400);
}

TEST_F(CoprocessorControlTest, SupergraphRequestBreakWithAGraphQLResponse) {
  coprocessor_.script(R"([{"stage":"SupergraphRequest","merge":{"control":{"break":403},
      "body":{"errors":[{"message":"forbidden","extensions":{"code":"FORBIDDEN"}}]}}}])");
  auto router = startWith("supergraph:\n    request:\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 403);
  EXPECT_EQ(r.response().body,
            R"({"errors":[{"message":"forbidden","extensions":{"code":"FORBIDDEN"}}]})");
}

TEST_F(CoprocessorControlTest, SupergraphRequestBreakWithAStringIsADeserializationError) {
  coprocessor_.script(R"([{"stage":"SupergraphRequest","merge":{"control":{"break":401},
      "body":"nope"}}])");
  auto router = startWith("supergraph:\n    request:\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 401);
  json::Value body = bodyOf(r);
  EXPECT_EQ(body["errors"].asArray()[0]["extensions"]["code"].asString(),
            "EXTERNAL_DESERIALIZATION_ERROR");
}

TEST_F(CoprocessorControlTest, SupergraphRequestContinueRewritesTheOperation) {
  coprocessor_.script(R"([{"stage":"SupergraphRequest","merge":{
      "body":{"query":"query Only($x: Boolean!) { me { name @include(if: $x) } }",
              "variables":{"x":true}}}}])");
  auto router = startWith("supergraph:\n    request:\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().body, R"({"data":{"me":{"name":"Ada"}}})");
  EXPECT_TRUE(reviews_.bodies().empty());
}

TEST_F(CoprocessorControlTest, SupergraphResponseRewritesTheBodyAndHeaders) {
  coprocessor_.script(R"([{"stage":"SupergraphResponse","merge":{
      "headers":{"x-masked":["1"]},
      "body":{"data":{"me":{"name":"Grace","reviews":[]}},"extensions":{"by":"copro"}}}}])");
  auto router = startWith("supergraph:\n    response:\n      headers: true\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 200);
  EXPECT_EQ(r.response().headers.get("x-masked"), "1");
  EXPECT_EQ(r.response().body,
            R"({"data":{"me":{"name":"Grace","reviews":[]}},"extensions":{"by":"copro"}})");
}

TEST_F(CoprocessorControlTest, SelectiveBodyKeepsThePartsNotSent) {
  // Only `errors` is sent; a returned `data` is ignored, the original data kept.
  coprocessor_.script(R"([{"stage":"SupergraphResponse","merge":{
      "body":{"data":{"me":null},"errors":[{"message":"added"}]}}}])");
  auto router = startWith("supergraph:\n    response:\n      body:\n        errors: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().body, R"({"data":{"me":{"name":"Ada","reviews":[{"body":"great"}]}},)"
                               R"("errors":[{"message":"added"}]})");
}

TEST_F(CoprocessorControlTest, ExecutionRequestBreakAndResponseRewrite) {
  coprocessor_.script(R"([{"stage":"ExecutionRequest","match":{"method":"POST"},"times":1,
      "merge":{"control":{"break":429},"body":{"errors":[{"message":"slow down"}]}}},
      {"stage":"ExecutionResponse","merge":{"body":{"data":{"me":{"name":"x"}}}}}])");
  auto router =
      startWith("execution:\n    request:\n      method: true\n    response:\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult first = query(*router);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.response().status, 429);
  EXPECT_EQ(first.response().body, R"({"errors":[{"message":"slow down"}]})");
  http::ClientResult second = query(*router);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.response().body, R"({"data":{"me":{"name":"x"}}})");
}

TEST_F(CoprocessorControlTest, SubgraphRequestBreakAnswersForThatSubgraph) {
  coprocessor_.script(R"([{"stage":"SubgraphRequest","match":{"serviceName":"b"},"merge":{
      "control":{"break":200},
      "body":{"data":{"_entities":[{"__typename":"User","reviews":[{"body":"mocked"}]}]}}}}])");
  auto router = startWith("subgraph:\n    all:\n      request:\n        service_name: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().body, R"({"data":{"me":{"name":"Ada","reviews":[{"body":"mocked"}]}}})");
  EXPECT_TRUE(reviews_.bodies().empty());
  EXPECT_EQ(accounts_.bodies().size(), 1u);
}

TEST_F(CoprocessorControlTest, SubgraphRequestBreakWithTextIsAnErrorForThatFetch) {
  coprocessor_.script(R"([{"stage":"SubgraphRequest","match":{"serviceName":"b"},"merge":{
      "control":{"break":200},"body":"reviews are closed"}}])");
  auto router = startWith("subgraph:\n    all:\n      request:\n        service_name: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  json::Value body = bodyOf(r);
  EXPECT_EQ(body["data"]["me"]["name"].asString(), "Ada");
  EXPECT_EQ(body["errors"].asArray()[0]["message"].asString(), "reviews are closed");
}

TEST_F(CoprocessorControlTest, SubgraphRequestBreakStatusIsNotAFetchError) {
  // The break's body is the subgraph's answer, whatever N: no "HTTP fetch failed … 401" beside it.
  coprocessor_.script(R"([{"stage":"SubgraphRequest","match":{"serviceName":"b"},"merge":{
      "control":{"break":401},"body":{"data":null,
      "errors":[{"message":"not allowed","extensions":{"code":"FORBIDDEN"}}]}}}])");
  auto router = startWith("subgraph:\n    all:\n      request:\n        service_name: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  json::Value body = bodyOf(r);
  EXPECT_EQ(body["data"]["me"]["name"].asString(), "Ada");
  ASSERT_EQ(body["errors"].asArray().size(), 1u) << r.response().body;
  EXPECT_EQ(body["errors"].asArray()[0]["message"].asString(), "not allowed");
  EXPECT_EQ(body["errors"].asArray()[0]["extensions"]["code"].asString(), "FORBIDDEN");
}

TEST_F(CoprocessorControlTest, RouterRequestBreakWithoutABodyOrWithExtraKeys) {
  coprocessor_.script(R"([{"stage":"RouterRequest","times":1,"merge":{"control":{"break":403}}},
      {"stage":"RouterRequest","merge":{"control":{"break":200},
       "body":"{\"data\":{\"me\":null},\"cacheHit\":true}"}}])");
  auto router = startWith("router:\n    request:\n      headers: true\n");
  ASSERT_TRUE(router);
  http::ClientResult empty = query(*router);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.response().status, 403);
  EXPECT_EQ(empty.response().body, R"({"errors":[{"message":"","extensions":{"code":"ERROR"}}]})");
  http::ClientResult extra = query(*router);
  ASSERT_TRUE(extra.ok());
  EXPECT_EQ(extra.response().body, R"({"data":{"me":null}})");  // not a GraphQL key: dropped
}

TEST_F(CoprocessorControlTest, SubgraphResponseSeesTheFetchErrorOfANon2xxStatus) {
  // The body sent is the GraphQL response the router made of the reply: the HTTP status is an
  // error in it, and echoing `continue` (status 200) does not lose that error.
  FakeSubgraph failing{R"({"errors":[{"message":"boom"}]})", 500};
  accounts_url_ = failing.url();
  coprocessor_.script(R"([{"stage":"SubgraphResponse","merge":{"control":"continue"}}])");
  auto router = startWith(
      "subgraph:\n    all:\n      response:\n        body: true\n        status_code: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  auto calls = coprocessor_.envelopes("SubgraphResponse");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["statusCode"].asInt(), 500);
  json::Value sent = calls[0]["body"]["errors"];
  ASSERT_EQ(sent.asArray().size(), 2u) << text(calls[0]["body"]);
  EXPECT_EQ(sent.asArray()[0]["message"].asString(),
            "HTTP fetch failed from 'a': 500: Internal Server Error");
  EXPECT_EQ(sent.asArray()[1]["message"].asString(), "boom");
  json::Value body = bodyOf(r);
  ASSERT_EQ(body["errors"].asArray().size(), 2u) << r.response().body;
  EXPECT_EQ(body["errors"].asArray()[0]["extensions"]["code"].asString(), "SUBREQUEST_HTTP_ERROR");
}

TEST_F(CoprocessorControlTest, SubgraphRequestUriRetargetsTheFetch) {
  FakeSubgraph elsewhere{
      R"({"data":{"_entities":[{"__typename":"User","reviews":[{"body":"from elsewhere"}]}]}})"};
  coprocessor_.script(R"([{"stage":"SubgraphRequest","match":{"serviceName":"b"},"merge":{
      "uri":")" + elsewhere.url() +
                      R"("}}])");
  auto router = startWith(
      "subgraph:\n    all:\n      request:\n        service_name: true\n        uri: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().body,
            R"({"data":{"me":{"name":"Ada","reviews":[{"body":"from elsewhere"}]}}})");
  EXPECT_TRUE(reviews_.bodies().empty());
  EXPECT_EQ(elsewhere.bodies().size(), 1u);
}

TEST_F(CoprocessorControlTest, SubgraphRequestHeadersReplaceAllAndDropContentLength) {
  coprocessor_.script(R"([{"stage":"SubgraphRequest","merge":{"headers":{
      "content-type":["application/json"],"x-tenant":["eu"],"content-length":["99999"]}}}])");
  auto router = startWith("subgraph:\n    all:\n      request:\n        headers: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().body, kMeAnswer);
  ASSERT_EQ(accounts_.headers().size(), 1u);
  EXPECT_EQ(accounts_.headers()[0].get("x-tenant"), "eu");
  EXPECT_FALSE(accounts_.headers()[0].contains("accept"));  // not returned: removed
}

TEST_F(CoprocessorControlTest, SubgraphResponseRewritesTheSubgraphsAnswer) {
  coprocessor_.script(R"([{"stage":"SubgraphResponse","match":{"serviceName":"a"},"merge":{
      "body":{"data":{"me":{"__typename":"User","id":"1","name":"Changed"}}}}}])");
  auto router = startWith(
      "subgraph:\n    all:\n      response:\n        body: true\n        service_name: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().body,
            R"({"data":{"me":{"name":"Changed","reviews":[{"body":"great"}]}}})");
}

TEST_F(CoprocessorControlTest, RequestStagesUpsertContextAndResponseStagesDelete) {
  coprocessor_.script(R"([
      {"stage":"RouterRequest","merge":{"context":{"entries":{"k1":"a","k2":"b"}}}},
      {"stage":"SupergraphRequest","merge":{"context":{"entries":{"k3":"c"}}}},
      {"stage":"SupergraphResponse","merge":{"context":{"entries":{"k1":"changed"}}}}])");
  auto router = startWith(
      "router:\n    request:\n      context: all\n    response:\n      context: all\n"
      "supergraph:\n    request:\n      context: all\n    response:\n      context: all\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto supergraph = coprocessor_.envelopes("SupergraphRequest");
  ASSERT_EQ(supergraph.size(), 1u);
  EXPECT_EQ(supergraph[0]["context"]["entries"]["k2"].asString(), "b");  // request: no delete
  auto last = coprocessor_.envelopes("RouterResponse");
  ASSERT_EQ(last.size(), 1u);
  json::Value& entries = last[0]["context"]["entries"];
  EXPECT_EQ(entries["k1"].asString(), "changed");
  // SupergraphResponse sent k1, k2, k3 and returned only k1: k2 and k3 were deleted.
  EXPECT_EQ(entries.find("k2"), nullptr);
  EXPECT_EQ(entries.find("k3"), nullptr);
}

TEST_F(CoprocessorControlTest, SelectiveContextDeletesOnlyListedKeys) {
  coprocessor_.script(R"([
      {"stage":"RouterRequest","merge":{"context":{"entries":{"keep":"1","listed":"2"}}}},
      {"stage":"SupergraphResponse","merge":{"context":{"entries":{}}}}])");
  auto router = startWith(
      "router:\n    request:\n      context: all\n    response:\n      context: all\n"
      "supergraph:\n    response:\n      context:\n        selective: [listed]\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto last = coprocessor_.envelopes("RouterResponse");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0]["context"]["entries"]["keep"].asString(), "1");
  EXPECT_EQ(last[0]["context"]["entries"].find("listed"), nullptr);
}

TEST_F(CoprocessorControlTest, DeprecatedContextNamesAreTranslatedBack) {
  coprocessor_.script(R"([{"stage":"RouterRequest","merge":{"context":{"entries":{
      "apollo_authentication::JWT::claims":{"sub":"u1"}}}}}])");
  auto router = startWith(
      "router:\n    request:\n      context: deprecated\n"
      "supergraph:\n    request:\n      context: all\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto next = coprocessor_.envelopes("SupergraphRequest");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(text(next[0]["context"]["entries"]["apollo::authentication::jwt_claims"]),
            R"({"sub":"u1"})");
}

TEST_F(CoprocessorControlTest, NonSuccessStatusWithAValidEnvelopeIsAccepted) {
  // Apollo's code does not look at the coprocessor's HTTP status (COPROCESSOR.md §8 ⚠).
  coprocessor_.script(R"([{"stage":"RouterRequest","status":500}])");
  auto router = startWith("router:\n    request:\n      headers: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 200);
  EXPECT_EQ(r.response().body, kMeAnswer);
}

TEST_F(CoprocessorControlTest, ConditionsSkipTheCallWhenFalse) {
  auto router = startWith(
      "router:\n    request:\n      headers: true\n      condition:\n"
      "        eq: [\"yes\", {request_header: x-copro}]\n"
      "subgraph:\n    all:\n      request:\n        service_name: true\n"
      "        condition:\n          eq: [b, {subgraph_name: true}]\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  EXPECT_EQ(coprocessor_.envelopes("RouterRequest").size(), 0u);
  ASSERT_TRUE(query(*router, {{"x-copro", "yes"}}).ok());
  EXPECT_EQ(coprocessor_.envelopes("RouterRequest").size(), 1u);
  auto fetches = coprocessor_.envelopes("SubgraphRequest");
  ASSERT_EQ(fetches.size(), 2u);  // one per query, for b only
  EXPECT_EQ(fetches[0]["serviceName"].asString(), "b");
  EXPECT_EQ(fetches[1]["serviceName"].asString(), "b");
}

TEST_F(CoprocessorControlTest, ResponseValidationRejectsANonGraphQLBody) {
  coprocessor_.script(
      R"([{"stage":"SupergraphResponse","merge":{"body":{"data":"not an object"}}}])");
  auto router = startWith("supergraph:\n    response:\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 500);
  EXPECT_EQ(bodyOf(r)["errors"].asArray()[0]["extensions"]["code"].asString(),
            "INTERNAL_SERVER_ERROR");
}

TEST_F(CoprocessorControlTest, WithoutResponseValidationAnUnusableBodyIsIgnored) {
  coprocessor_.script(R"([{"stage":"SupergraphResponse","merge":{"body":"not an object"}}])");
  auto router =
      startWith("response_validation: false\nsupergraph:\n    response:\n      body: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response().status, 200);
  EXPECT_EQ(r.response().body, kMeAnswer);
}

}  // namespace
}  // namespace plexus::test
