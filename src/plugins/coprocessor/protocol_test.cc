// The coprocessor protocol's rules (shared/reference/COPROCESSOR.md §3–§6, §8), one by one.
#include "src/plugins/coprocessor/protocol.h"

#include <gtest/gtest.h>

namespace plexus::plugins::coprocessor {
namespace {

std::string errorOf(std::string_view body, Stage stage) {
  StatusOr<Output> reply = parseReply(body, stage);
  return reply.ok() ? "ok" : reply.status().message();
}

TEST(CoprocessorProtocolTest, EnvelopeCarriesVersionStageIdAndControlOnRequestStages) {
  EXPECT_EQ(json::serialize(envelopeFor(Stage::kRouterRequest, "abc")),
            R"({"version":1,"stage":"RouterRequest","control":"continue","id":"abc"})");
  EXPECT_EQ(json::serialize(envelopeFor(Stage::kSupergraphResponse, "abc")),
            R"({"version":1,"stage":"SupergraphResponse","id":"abc"})");
  for (Stage s : {Stage::kRouterRequest, Stage::kSupergraphRequest, Stage::kExecutionRequest,
                  Stage::kSubgraphRequest}) {
    EXPECT_TRUE(isRequestStage(s)) << stageName(s);
  }
  EXPECT_FALSE(isRequestStage(Stage::kSubgraphResponse));
}

TEST(CoprocessorProtocolTest, HeadersGroupRepeatedNames) {
  http::Headers h{{"Accept", "a"}, {"x-list", "1"}, {"x-list", "2"}};
  EXPECT_EQ(json::serialize(headersToJson(h)), R"({"accept":["a"],"x-list":["1","2"]})");
}

TEST(CoprocessorProtocolTest, RepliesAreCheckedAsApolloDoes) {
  EXPECT_EQ(errorOf(R"({"version":1,"stage":"RouterRequest","control":"continue"})",
                    Stage::kRouterRequest),
            "ok");
  EXPECT_EQ(errorOf("not json", Stage::kRouterRequest).substr(0, 22), "the reply is not JSON:");
  EXPECT_EQ(errorOf(R"({"stage":"RouterRequest","control":"continue"})", Stage::kRouterRequest),
            "the reply has no `version`");
  EXPECT_EQ(errorOf(R"({"version":2,"stage":"RouterRequest","control":"continue"})",
                    Stage::kRouterRequest),
            "Coprocessor returned the wrong version: expected `1` found `2`");
  EXPECT_EQ(
      errorOf(R"({"version":1,"stage":"RouterResponse","control":"continue"})",
              Stage::kRouterRequest),
      "Coprocessor returned the wrong stage: expected `RouterRequest` found `RouterResponse`");
  EXPECT_EQ(errorOf(R"({"version":1,"stage":"SubgraphRequest"})", Stage::kSubgraphRequest),
            "Coprocessor response is missing the `control` parameter in the `SubgraphRequest` "
            "stage. You must specify \"control\": \"Continue\" or \"control\": \"Break\"");
  // Response stages need no control.
  EXPECT_EQ(errorOf(R"({"version":1,"stage":"SubgraphResponse"})", Stage::kSubgraphResponse), "ok");
  EXPECT_EQ(errorOf(R"({"version":1,"stage":"RouterRequest","control":{"break":42}})",
                    Stage::kRouterRequest),
            "invalid HTTP status code in `control`: 42");
  EXPECT_EQ(errorOf(R"({"version":1,"stage":"RouterRequest","control":"Continue"})",
                    Stage::kRouterRequest),
            R"(`control` must be "continue" or {"break": <status>}, found "Continue")");
  EXPECT_EQ(errorOf(R"({"version":1,"stage":"RouterRequest","control":"continue",)"
                    R"("headers":{"bad name":["x"]}})",
                    Stage::kRouterRequest),
            "invalid header name: bad name");
  EXPECT_EQ(errorOf(R"({"version":1,"stage":"RouterRequest","control":"continue",)"
                    R"("headers":{"x":["a\nb"]}})",
                    Stage::kRouterRequest),
            R"(invalid value for header x: "a\nb")");
}

TEST(CoprocessorProtocolTest, ReplyFieldsAreReadAndContentLengthDropped) {
  StatusOr<Output> reply = parseReply(
      R"({"version":1,"stage":"SubgraphRequest","control":{"break":401},"uri":"http://b",)"
      R"("headers":{"content-length":["3"],"x":["1","2"]},"body":"denied",)"
      R"("context":{"entries":{"k":1}}})",
      Stage::kSubgraphRequest);
  ASSERT_TRUE(reply.ok()) << reply.status().message();
  EXPECT_TRUE(reply->control->is_break);
  EXPECT_EQ(reply->control->status, 401);
  EXPECT_EQ(reply->uri, "http://b");
  EXPECT_EQ(reply->headers->getAll("x"), (std::vector<std::string_view>{"1", "2"}));
  EXPECT_FALSE(reply->headers->contains("content-length"));
  EXPECT_EQ(json::serialize(*reply->body), R"("denied")");
  EXPECT_EQ(json::serialize(*reply->context_entries), R"({"k":1})");
}

TEST(CoprocessorProtocolTest, ContextSelectionsAndDeprecatedNames) {
  Context context;
  context.insert("apollo::authentication::jwt_claims", json::Value("c"));
  context.insert("mine", json::Value(1));
  std::vector<std::string> sent;
  EXPECT_EQ(json::serialize(contextToJson(context, {ContextSelection::Mode::kAll, {}}, &sent)),
            R"({"entries":{"apollo::authentication::jwt_claims":"c","mine":1}})");
  EXPECT_EQ(sent.size(), 2u);
  EXPECT_EQ(json::serialize(contextToJson(context, {ContextSelection::Mode::kDeprecated, {}})),
            R"({"entries":{"apollo_authentication::JWT::claims":"c","mine":1}})");
  EXPECT_EQ(json::serialize(contextToJson(context, {ContextSelection::Mode::kSelective, {"mine"}})),
            R"({"entries":{"mine":1}})");
  EXPECT_EQ(currentContextKey("apollo_operation_id"), "apollo::supergraph::operation_id");
}

TEST(CoprocessorProtocolTest, RequestStagesUpsertResponseStagesAlsoDelete) {
  Context context;
  context.insert("a", json::Value(1));
  context.insert("b", json::Value(2));
  ContextSelection all{ContextSelection::Mode::kAll, {}};
  std::vector<std::string> sent{"a", "b"};
  mergeContext(context, *json::parse(R"({"a":10,"c":3})"), all, /*response_stage=*/false, sent);
  EXPECT_EQ(context.get<int>("a"), 10);
  EXPECT_EQ(context.get<int>("b"), 2);  // a request stage never deletes
  EXPECT_EQ(context.get<int>("c"), 3);
  mergeContext(context, *json::parse(R"({"a":11})"), all, /*response_stage=*/true, sent);
  EXPECT_EQ(context.get<int>("a"), 11);
  EXPECT_FALSE(context.contains("b"));  // sent, not returned: deleted
  EXPECT_TRUE(context.contains("c"));   // not sent: kept
  ContextSelection deprecated{ContextSelection::Mode::kDeprecated, {}};
  mergeContext(context, *json::parse(R"({"apollo_authentication::JWT::claims":"x"})"), deprecated,
               false, {});
  EXPECT_EQ(context.get<std::string>("apollo::authentication::jwt_claims"), "x");
}

}  // namespace
}  // namespace plexus::plugins::coprocessor
