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
  DecodeResult batch = decodeGraphQLRequest(post(R"([{"query":"{a}"},{"query":"{b}"}])"),
                                            DecodeOptions{.batching = true});
  ASSERT_TRUE(std::holds_alternative<GraphQLBatch>(batch));
  EXPECT_EQ(std::get<GraphQLBatch>(batch)[1].query, "{b}");
  EXPECT_EQ(codeOf(failureOf(decodeGraphQLRequest(post(R"([{"query":"{a}"}])")))),
            "BATCHING_NOT_ENABLED");
  EXPECT_EQ(codeOf(failureOf(decodeGraphQLRequest(get("/?query=%zz")))), "INVALID_GRAPHQL_REQUEST");

  // A missing query decodes; the supergraph stage refuses it (a batch entry on its own).
  DecodeResult no_query = decodeGraphQLRequest(post(R"({"variables":{}})"));
  ASSERT_TRUE(std::holds_alternative<GraphQLRequest>(no_query));
  EXPECT_TRUE(std::get<GraphQLRequest>(no_query).query.empty());
  RequestFailure missing = missingQuery();
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(codeOf(missing), "MISSING_QUERY_STRING");
  EXPECT_EQ(missing.errors[0].message, "Must provide query string.");

  RequestFailure wrong_type = failureOf(decodeGraphQLRequest(post("{}", "text/plain")));
  EXPECT_EQ(wrong_type.status, 415);
  EXPECT_EQ(failureOf(decodeGraphQLRequest(post("{}", ""))).status, 415);
}

TEST(DecodeGraphQLRequestTest, RejectsMembersOfTheWrongTypeWith400) {
  for (std::string_view body :
       {R"({"query":{"obj":"ect"}})", R"({"query":false})", R"({"query":["array"]})",
        R"({"query":"{a}","operationName":0})", R"({"query":"{a}","variables":"string"})",
        R"({"query":"{a}","extensions":false})", R"({"query":"{a}","extensions":[]})"}) {
    RequestFailure failure = failureOf(decodeGraphQLRequest(post(std::string(body))));
    EXPECT_EQ(failure.status, 400) << body;
    EXPECT_EQ(codeOf(failure), "INVALID_GRAPHQL_REQUEST") << body;
  }
  EXPECT_EQ(failureOf(decodeGraphQLRequest(post(""))).status, 400);  // no body at all
  EXPECT_EQ(codeOf(failureOf(decodeGraphQLRequest(get("/?query=%7Ba%7D&variables=%5B%5D")))),
            "INVALID_GRAPHQL_REQUEST");
  EXPECT_EQ(codeOf(failureOf(decodeGraphQLRequest(get("/?query=%7Ba%7D&extensions=nope")))),
            "INVALID_GRAPHQL_REQUEST");
}

TEST(DecodeGraphQLRequestTest, TakesAGetWithNoContentTypeOrApplicationJsonOnly) {
  http::Request request = get("/?query=%7Ba%7D&extensions=%7B%22k%22%3A1%7D");
  ASSERT_TRUE(std::holds_alternative<GraphQLRequest>(decodeGraphQLRequest(request)));
  EXPECT_EQ(json::serialize(std::get<GraphQLRequest>(decodeGraphQLRequest(request)).extensions),
            R"({"k":1})");
  request.headers.set("content-type", "application/json; charset=utf-8");
  EXPECT_TRUE(std::holds_alternative<GraphQLRequest>(decodeGraphQLRequest(request)));
  request.headers.set("content-type", "text/plain");
  RequestFailure failure = failureOf(decodeGraphQLRequest(request));
  EXPECT_EQ(failure.status, 415);
  EXPECT_EQ(codeOf(failure), "INVALID_CONTENT_TYPE_HEADER");
  EXPECT_EQ(failure.errors[0].message,
            "GET request 'content-type' header may only contain: \"application/json\"");
}

std::optional<ResponseFormat> formatFor(std::vector<std::string_view> accepts) {
  http::Request request = post("{}");
  for (std::string_view accept : accepts) request.headers.add("accept", accept);
  return chooseResponseFormat(request);
}

TEST(ResponseFormatTest, FollowsTheAcceptHeader) {
  EXPECT_EQ(formatFor({}), ResponseFormat::kJson);
  EXPECT_EQ(formatFor({""}), ResponseFormat::kJson);
  EXPECT_EQ(formatFor({"application/graphql-response+json"}), ResponseFormat::kGraphQLResponseJson);
  EXPECT_EQ(formatFor({"application/graphql-response+json, application/json;q=0.9"}),
            ResponseFormat::kGraphQLResponseJson);
  EXPECT_EQ(formatFor({"application/json, application/graphql-response+json"}),
            ResponseFormat::kJson);
  EXPECT_EQ(formatFor({"*/*"}), ResponseFormat::kJson);
  EXPECT_EQ(formatFor({"application/*"}), ResponseFormat::kJson);
  EXPECT_EQ(formatFor({"Application/JSON; charset=utf-8"}), ResponseFormat::kJson);
}

TEST(ResponseFormatTest, WeighsTheItemsByQ) {
  EXPECT_EQ(formatFor({"application/json;q=0.5, application/graphql-response+json"}),
            ResponseFormat::kGraphQLResponseJson);
  EXPECT_EQ(formatFor({"application/graphql-response+json; q=0.2", "*/*;q=0.8"}),
            ResponseFormat::kJson);
  // A browser's accept: JSON through the wildcard.
  EXPECT_EQ(formatFor({"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}),
            ResponseFormat::kJson);
  // Apollo Client with @defer: multipart is not streamed, application/json is served.
  EXPECT_EQ(formatFor({"multipart/mixed;deferSpec=20220824,application/json"}),
            ResponseFormat::kJson);
}

TEST(ResponseFormatTest, FindsNothingToServeWhenAcceptExcludesJson) {
  EXPECT_EQ(formatFor({"text/html"}), std::nullopt);
  EXPECT_EQ(formatFor({"multipart/mixed;deferSpec=20220824"}), std::nullopt);
  EXPECT_EQ(formatFor({"application/json;q=0", "text/plain"}), std::nullopt);
  RequestFailure refused = notAcceptable();
  EXPECT_EQ(refused.status, 406);
  EXPECT_EQ(codeOf(refused), "INVALID_ACCEPT_HEADER");
  EXPECT_EQ(refused.errors[0].message,
            R"('accept' header must be one of: "*/*", "application/json" or )"
            R"("application/graphql-response+json")");
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
