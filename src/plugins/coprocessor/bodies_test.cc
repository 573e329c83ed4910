// Bodies a coprocessor sees and returns (COPROCESSOR.md §4, §6): selective response bodies,
// returned response bodies with and without validation, and break bodies per stage, checked
// against what Apollo Router's code does.
#include "src/plugins/coprocessor/bodies.h"

#include <gtest/gtest.h>

#include "src/plugins/coprocessor/graphql_response.h"

namespace plexus::plugins::coprocessor {
namespace {

json::Value parse(std::string_view text) { return *json::parse(text); }

config::CoprocessorBodyConfig wholeBody() {
  return {.data = true, .errors = true, .extensions = true, .selective = false};
}

std::string breakBody(BreakStage stage, std::optional<json::Value> body, bool validation = true) {
  return json::serialize(breakResponseBody(stage, body, validation));
}

// The result of applying `returned` to `response`, or the stage error.
std::string applied(std::string_view returned, std::string_view response,
                    const config::CoprocessorBodyConfig& body, bool validation = true) {
  json::Value current = parse(response);
  Status status = applyResponseBody(parse(returned), body, validation, current);
  return status.ok() ? json::serialize(current) : "error: " + status.message();
}

TEST(CoprocessorBodiesTest, ASelectiveBodySendsEverySelectedPartEvenWhenEmpty) {
  config::CoprocessorBodyConfig errors_only{.errors = true, .selective = true};
  EXPECT_EQ(json::serialize(selectResponseBody(parse(R"({"data":{"a":1}})"), errors_only)),
            R"({"errors":[]})");
  config::CoprocessorBodyConfig all_parts{
      .data = true, .errors = true, .extensions = true, .selective = true};
  EXPECT_EQ(
      json::serialize(selectResponseBody(parse(R"({"errors":[{"message":"x"}]})"), all_parts)),
      R"({"data":null,"errors":[{"message":"x"}],"extensions":{}})");
  EXPECT_EQ(json::serialize(selectResponseBody(parse(R"({"data":{"a":1}})"), wholeBody())),
            R"({"data":{"a":1}})");
}

TEST(CoprocessorBodiesTest, AReturnedBodyReplacesTheSentPartsAndKeepsTheOthers) {
  config::CoprocessorBodyConfig errors_only{.errors = true, .selective = true};
  EXPECT_EQ(applied(R"({"errors":[{"message":"new"}]})", R"({"data":{"a":1},"extensions":{"x":1}})",
                    errors_only),
            R"({"data":{"a":1},"errors":[{"message":"new"}],"extensions":{"x":1}})");
  // With the whole body sent, a part the reply leaves out is gone; unknown keys are dropped.
  EXPECT_EQ(applied(R"({"data":{"b":2},"junk":1})",
                    R"({"data":{"a":1},"errors":[{"message":"e"}]})", wholeBody()),
            R"({"data":{"b":2}})");
}

TEST(CoprocessorBodiesTest, ValidationChecksTheReturnedBodyWhenTheResponseWasValid) {
  config::CoprocessorBodyConfig errors_only{.errors = true, .selective = true};
  // The response had data, so it was valid; the reply alone has neither data nor errors.
  EXPECT_EQ(applied(R"({"errors":[]})", R"({"data":{"a":1}})", errors_only),
            "error: couldn't deserialize coprocessor output body: graphql response without data "
            "must contain at least one error");
  EXPECT_EQ(applied(R"({"errors":[{"msg":"x"}]})", R"({"data":{}})", wholeBody()),
            "error: couldn't deserialize coprocessor output body: missing required `message` "
            "property within error");
  EXPECT_EQ(
      applied(R"("text")", R"({"data":{}})", wholeBody()),
      "error: couldn't deserialize coprocessor output body: invalid type, expected an object");
  // An invalid response is not checked: a reply that reads leniently applies, others are ignored.
  EXPECT_EQ(applied(R"({"extensions":{"e":1}})", R"({"extensions":{}})", wholeBody()),
            R"({"extensions":{"e":1}})");
  EXPECT_EQ(applied(R"({"errors":"nope"})", R"({})", wholeBody()), R"({})");
  // Extensions only: nothing to validate.
  config::CoprocessorBodyConfig extensions_only{.extensions = true, .selective = true};
  EXPECT_EQ(applied(R"({"extensions":{"e":1}})", R"({"data":{"a":1}})", extensions_only),
            R"({"data":{"a":1},"extensions":{"e":1}})");
}

TEST(CoprocessorBodiesTest, WithoutValidationAnUnreadableReplyKeepsTheOriginal) {
  EXPECT_EQ(applied(R"({"errors":[]})", R"({"data":{"a":1}})", wholeBody(), false), R"({})");
  EXPECT_EQ(applied(R"({"data":{"a":2},"errors":7})", R"({"data":{"a":1}})", wholeBody(), false),
            R"({"data":{"a":1}})");
  EXPECT_EQ(applied(R"([1])", R"({"data":{"a":1}})", wholeBody(), false), R"({"data":{"a":1}})");
}

TEST(CoprocessorBodiesTest, RouterRequestBreakBodies) {
  // Not JSON, or no body: the text is an ERROR message.
  EXPECT_EQ(breakBody(BreakStage::kRouter, json::Value("Not authenticated")),
            R"({"errors":[{"message":"Not authenticated","extensions":{"code":"ERROR"}}]})");
  EXPECT_EQ(breakBody(BreakStage::kRouter, std::nullopt),
            R"({"errors":[{"message":"","extensions":{"code":"ERROR"}}]})");
  EXPECT_EQ(breakBody(BreakStage::kRouter, json::Value("null")),
            R"({"errors":[{"message":"null","extensions":{"code":"ERROR"}}]})");
  // JSON: read as a GraphQL response, rebuilt from its parts.
  EXPECT_EQ(breakBody(BreakStage::kRouter, json::Value(R"({"extra":1,"data":{"a":1}})")),
            R"({"data":{"a":1}})");
  EXPECT_EQ(breakBody(BreakStage::kRouter, json::Value(R"({"foo":1})")),
            R"({"errors":[{"message":"couldn't deserialize coprocessor output body: graphql )"
            R"(response without data must contain at least one error","extensions":{"code":)"
            R"("EXTERNAL_DESERIALIZATION_ERROR"}}]})");
  EXPECT_EQ(
      breakBody(BreakStage::kRouter, json::Value("[1]")),
      R"({"errors":[{"message":"couldn't deserialize coprocessor output body: invalid )"
      R"(type, expected an object","extensions":{"code":"EXTERNAL_DESERIALIZATION_ERROR"}}]})");
  // Without validation a response with neither data nor errors is accepted.
  EXPECT_EQ(breakBody(BreakStage::kRouter, json::Value(R"({"foo":1})"), false), "{}");
}

TEST(CoprocessorBodiesTest, GraphQLAndSubgraphBreakBodies) {
  EXPECT_EQ(breakBody(BreakStage::kGraphQL, parse(R"({"data":{"me":null},"errors":[]})")),
            R"({"data":{"me":null}})");
  EXPECT_EQ(
      breakBody(BreakStage::kGraphQL, json::Value("denied")),
      R"({"errors":[{"message":"couldn't deserialize coprocessor output body: invalid )"
      R"(type, expected an object","extensions":{"code":"EXTERNAL_DESERIALIZATION_ERROR"}}]})");
  EXPECT_EQ(breakBody(BreakStage::kGraphQL, std::nullopt),
            breakBody(BreakStage::kGraphQL, json::Value()));
  // At SubgraphRequest a string is the message, JSON or not.
  EXPECT_EQ(breakBody(BreakStage::kSubgraph, json::Value(R"({"data":{}})")),
            R"({"errors":[{"message":"{\"data\":{}}","extensions":{"code":"ERROR"}}]})");
  EXPECT_EQ(breakBody(BreakStage::kSubgraph, parse(R"({"errors":[{"message":"no","path":["a"],)"
                                                   R"("extensions":{},"other":1}]})")),
            R"({"errors":[{"message":"no","path":["a"]}]})");
}

TEST(CoprocessorBodiesTest, ReadsAGraphQLResponseAsApolloDoes) {
  auto read = [](std::string_view text, bool strict) {
    StatusOr<json::Value> r = readGraphQLResponse(parse(text), strict);
    return r.ok() ? json::serialize(*r) : "error: " + r.status().message();
  };
  EXPECT_EQ(read(R"({"hasNext":true,"data":null,"label":"l"})", true),
            R"({"label":"l","data":null,"hasNext":true})");
  EXPECT_EQ(read(R"({"data":null})", false), "{}");  // lenient: a null data reads as absent
  EXPECT_EQ(read(R"({"data":{},"extensions":[]})", true),
            "error: invalid type for key: extensions");
  EXPECT_EQ(read(R"({"data":{},"label":1})", true), "error: invalid type for key: label");
  EXPECT_EQ(read(R"({"data":"text"})", true), "error: invalid type for key: data");
  EXPECT_EQ(read(R"({"data":"text"})", false), R"({"data":"text"})");
  EXPECT_EQ(read(R"({"errors":[{"message":1}]})", true),
            "error: invalid `message` within error: invalid type for key: message");
  EXPECT_EQ(read(R"({"errors":[{}]})", false), R"({"errors":[{"message":""}]})");
  EXPECT_EQ(
      read(R"({"errors":[{"message":"m","locations":[{"line":1,"column":2},{"x":1}]}]})", true),
      R"({"errors":[{"message":"m","locations":[{"line":1,"column":2}]}]})");
  EXPECT_TRUE(hasDataOrErrors(parse(R"({"data":null})")));
  EXPECT_FALSE(hasDataOrErrors(parse(R"({"errors":[]})")));
}

}  // namespace
}  // namespace plexus::plugins::coprocessor
