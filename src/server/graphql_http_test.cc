#include "src/server/graphql_http.h"

#include <gtest/gtest.h>

namespace plexus::server {
namespace {

http::Request post(std::string body, std::string_view content_type = "application/json") {
  http::Request request;
  request.method = "POST";
  request.target = "/";
  if (!content_type.empty()) request.headers.add("content-type", content_type);
  request.body = std::move(body);
  return request;
}

http::Request get(std::string target) {
  http::Request request;
  request.method = "GET";
  request.target = std::move(target);
  return request;
}

RequestFailure failureOf(const DecodeResult& result) {
  EXPECT_TRUE(std::holds_alternative<RequestFailure>(result)) << "decoded successfully";
  return std::holds_alternative<RequestFailure>(result) ? std::get<RequestFailure>(result)
                                                        : RequestFailure{};
}

std::string codeOf(const RequestFailure& failure) {
  if (failure.errors.empty()) return "";
  const json::Value* code = failure.errors[0].extensions.find("code");
  return code && code->isString() ? code->asString() : "";
}

TEST(DecodeGraphQLRequestTest, ReadsAPostBody) {
  DecodeResult result = decodeGraphQLRequest(
      post(R"({"query":"query Q($id: ID) { user(id: $id) { name } }","operationName":"Q",)"
           R"("variables":{"id":"1"},"extensions":{"persistedQuery":null}})",
           "application/json; charset=utf-8"));
  ASSERT_TRUE(std::holds_alternative<GraphQLRequest>(result));
  const GraphQLRequest& request = std::get<GraphQLRequest>(result);
  EXPECT_EQ(request.query, "query Q($id: ID) { user(id: $id) { name } }");
  EXPECT_EQ(request.operation_name, "Q");
  EXPECT_EQ(json::serialize(request.variables), R"({"id":"1"})");
  EXPECT_FALSE(request.is_get);
}

TEST(DecodeGraphQLRequestTest, TreatsNullMembersAsAbsent) {
  DecodeResult result = decodeGraphQLRequest(
      post(R"({"query":"{ a }","operationName":null,"variables":null,"extensions":null})"));
  ASSERT_TRUE(std::holds_alternative<GraphQLRequest>(result));
  EXPECT_EQ(std::get<GraphQLRequest>(result).operation_name, "");
  EXPECT_TRUE(std::get<GraphQLRequest>(result).variables.isNull());
}

TEST(DecodeGraphQLRequestTest, ReadsAGetQueryString) {
  DecodeResult result = decodeGraphQLRequest(
      get("/?query=query%20Q(%24id%3A%20ID)%7Buser(id%3A%24id)%7Bname%7D%7D&operationName=Q"
          "&variables=%7B%22id%22%3A%221%22%7D"));
  ASSERT_TRUE(std::holds_alternative<GraphQLRequest>(result));
  const GraphQLRequest& request = std::get<GraphQLRequest>(result);
  EXPECT_EQ(request.query, "query Q($id: ID){user(id:$id){name}}");
  EXPECT_EQ(request.operation_name, "Q");
  EXPECT_EQ(json::serialize(request.variables), R"({"id":"1"})");
  EXPECT_TRUE(request.is_get);
}

TEST(DecodeGraphQLRequestTest, RejectsMalformedRequestsAsApolloRouterDoes) {
  RequestFailure bad_json = failureOf(decodeGraphQLRequest(post("{\"query\":")));
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(codeOf(bad_json), "INVALID_GRAPHQL_REQUEST");
  EXPECT_EQ(bad_json.errors[0].message, "Invalid GraphQL request");
  EXPECT_NE(bad_json.errors[0].extensions.find("details")->asString().find(
                "failed to deserialize the request body into JSON"),
            std::string::npos);

  EXPECT_EQ(codeOf(failureOf(decodeGraphQLRequest(post(R"({"query":1})")))),
            "INVALID_GRAPHQL_REQUEST");
  EXPECT_EQ(codeOf(failureOf(decodeGraphQLRequest(post(R"({"query":"{a}","variables":[1]})")))),
            "INVALID_GRAPHQL_REQUEST");
  EXPECT_EQ(codeOf(failureOf(decodeGraphQLRequest(post(R"([{"query":"{a}"}])")))),
            "BATCHING_NOT_ENABLED");
  EXPECT_EQ(codeOf(failureOf(decodeGraphQLRequest(get("/?query=%zz")))), "INVALID_GRAPHQL_REQUEST");

  RequestFailure missing = failureOf(decodeGraphQLRequest(post(R"({"variables":{}})")));
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(codeOf(missing), "MISSING_QUERY_STRING");
  EXPECT_EQ(missing.errors[0].message, "Must provide query string.");

  RequestFailure wrong_type = failureOf(decodeGraphQLRequest(post("{}", "text/plain")));
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(failureOf(decodeGraphQLRequest(post("{}", ""))).status, 415);
}

TEST(ResponseFormatTest, FollowsTheAcceptHeader) {
  http::Request request = post("{}");
  EXPECT_EQ(chooseResponseFormat(request), ResponseFormat::kJson);
  request.headers.set("accept", "application/graphql-response+json");
  EXPECT_EQ(chooseResponseFormat(request), ResponseFormat::kGraphQLResponseJson);
  request.headers.set("accept", "application/graphql-response+json, application/json;q=0.9");
  EXPECT_EQ(chooseResponseFormat(request), ResponseFormat::kGraphQLResponseJson);
  request.headers.set("accept", "application/json, application/graphql-response+json");
  EXPECT_EQ(chooseResponseFormat(request), ResponseFormat::kJson);
  request.headers.set("accept", "*/*");
  EXPECT_EQ(chooseResponseFormat(request), ResponseFormat::kJson);
}

TEST(ErrorResponseTest, WritesTheErrorsWithTheStatusAndContentType) {
  http::Response response =
      errorResponse(RequestFailure::of(400, "Must provide query string.", "MISSING_QUERY_STRING"),
                    ResponseFormat::kGraphQLResponseJson);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.headers.get("content-type"), "application/graphql-response+json");
  EXPECT_EQ(response.body, R"({"errors":[{"message":"Must provide query string.",)"
                           R"("extensions":{"code":"MISSING_QUERY_STRING"}}]})");
}

TEST(UrlDecodeTest, DecodesPlusAndPercentEscapes) {
  EXPECT_EQ(urlDecode("a+b%20c%7B%7d"), "a b c{}");
  EXPECT_FALSE(urlDecode("%4"));
  EXPECT_FALSE(urlDecode("%"));
  EXPECT_FALSE(urlDecode("%g0"));
}

}  // namespace
}  // namespace plexus::server
