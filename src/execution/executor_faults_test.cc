// Tests for subgraph faults: each becomes an error with the right path, and the plan goes on
// with the data the other fetches produced.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "src/execution/execution_test_support.h"

namespace plexus::execution {
namespace {

using namespace test;  // NOLINT
using federation::flatten;
using federation::sequence;

const std::string kUsersQuery = "{users{__typename id name}}";
const char* kUsersData = R"({"data":{"users":[{"__typename":"User","id":"1","name":"Ann"},)"
                         R"({"__typename":"User","id":"2","name":"Bob"}]}})";

// users from A, then reviews from B (nullable, so a failed fetch leaves partial data).
federation::PlanNodePtr usersThenReviews() {
  return sequence(nodes(rootFetch("a", "{ users { __typename id name } }"),
                        flatten("users.@", entityFetch("b", "{ ... on User { __typename id } }",
                                                       "... on User { reviews { body } }"))));
}
const char* kUsersQueryClient = "{ users { name reviews { body } } }";
const std::string kReviewsOperation =
    minified(entitiesOperation("... on User { reviews { body } }"));
const char* kPartialData =
    R"({"data":{"users":[{"name":"Ann","reviews":null},{"name":"Bob","reviews":null}]},)";

std::string runReviews(SubgraphReply reviews_reply) {
  MockFetcher fetcher;
  fetcher.answer("a", kUsersQuery, kUsersData);
  fetcher.answer("b", kReviewsOperation, std::move(reviews_reply));
  return run(usersThenReviews(), kUsersQueryClient, fetcher);
}

SubgraphReply http(int status, std::string body) {
  SubgraphReply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

TEST(ExecutorFaultsTest, TransportErrorOfAnEntityFetchKeepsTheOtherData) {
  SubgraphReply reply;
  reply.error = "connection refused";
  EXPECT_EQ(runReviews(reply),
            std::string(kPartialData) +
                R"("errors":[{"message":"HTTP fetch failed from 'b': connection refused",)"
                R"("path":["users"],"extensions":{"service":"b","reason":"connection refused",)"
                R"("code":"SUBREQUEST_HTTP_ERROR"}}]})");
}

TEST(ExecutorFaultsTest, TimeoutIsReportedWithTheFetchersReason) {
  SubgraphReply reply;
  reply.error = "request timed out";
  std::string body = runReviews(reply);
  EXPECT_NE(body.find(R"("message":"HTTP fetch failed from 'b': request timed out")"),
            std::string::npos)
      << body;
}

TEST(ExecutorFaultsTest, RootTransportErrorGivesNullFieldsAndAnErrorWithoutPath) {
  MockFetcher fetcher;
  fetcher.fail("a", "{me{__typename id}}", "connection reset");
  std::string body = run(rootFetch("a", "{ me { __typename id } }"), "{ me { id } }", fetcher);
  EXPECT_EQ(body, R"({"data":{"me":null},"errors":[{"message":"HTTP fetch failed from 'a': )"
                  R"(connection reset","extensions":{"service":"a","reason":"connection reset",)"
                  R"("code":"SUBREQUEST_HTTP_ERROR"}}]})");
}

TEST(ExecutorFaultsTest, Http500WithoutGraphQLBodyGivesStatusAndMalformedErrors) {
  EXPECT_EQ(runReviews(http(500, "<html>oops</html>")),
            std::string(kPartialData) +
                R"("errors":[{"message":"HTTP fetch failed from 'b': 500: Internal Server Error",)"
                R"("path":["users"],"extensions":{"service":"b","reason":)"
                R"("500: Internal Server Error","code":"SUBREQUEST_HTTP_ERROR",)"
                R"("http":{"status":500}}},)"
                R"({"message":"service 'b' response was malformed: <html>oops</html>",)"
                R"("path":["users"],"extensions":{"service":"b","reason":"<html>oops</html>",)"
                R"("code":"SUBREQUEST_MALFORMED_RESPONSE"}}]})");
}

TEST(ExecutorFaultsTest, Http500WithGraphQLBodyKeepsItsErrorsAndData) {
  std::string body = runReviews(
      http(500, R"({"data":{"_entities":[{"reviews":[]},null]},)"
                R"("errors":[{"message":"db down","path":["_entities",1,"reviews"]}]})"));
  EXPECT_EQ(body,
            R"({"data":{"users":[{"name":"Ann","reviews":[]},{"name":"Bob","reviews":null}]},)"
            R"("errors":[{"message":"HTTP fetch failed from 'b': 500: Internal Server Error",)"
            R"("path":["users"],"extensions":{"service":"b","reason":)"
            R"("500: Internal Server Error","code":"SUBREQUEST_HTTP_ERROR",)"
            R"("http":{"status":500}}},)"
            R"({"message":"db down","path":["users",1,"reviews"],"extensions":{"service":"b"}}]})");
}

TEST(ExecutorFaultsTest, NonJsonBodyIsMalformed) {
  std::string body = runReviews(http(200, "not json"));
  EXPECT_EQ(body.rfind(kPartialData, 0), 0u) << body;
  EXPECT_NE(body.find(R"("message":"service 'b' response was malformed: JSON parse error at byte)"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find(R"("code":"SUBREQUEST_MALFORMED_RESPONSE")"), std::string::npos);
}

TEST(ExecutorFaultsTest, TruncatedJsonIsMalformed) {
  std::string body = runReviews(http(200, R"({"data":{"_entities":[{"reviews":[{"bo)"));
  EXPECT_EQ(body.rfind(kPartialData, 0), 0u) << body;
  EXPECT_NE(body.find("response was malformed: JSON parse error"), std::string::npos) << body;
}

TEST(ExecutorFaultsTest, ResponseWithoutDataOrErrorsIsMalformed) {
  std::string body = runReviews(http(200, R"({"extensions":{}})"));
  EXPECT_NE(body.find("response was malformed: graphql response without data must contain at "
                      "least one error"),
            std::string::npos)
      << body;
}

TEST(ExecutorFaultsTest, EntitiesOfTheWrongLengthAreOneErrorForTheFetch) {
  std::string body = runReviews(http(200, R"({"data":{"_entities":[{"reviews":[]}]}})"));
  EXPECT_EQ(body, std::string(kPartialData) +
                      R"("errors":[{"message":"service 'b' response was malformed: Expected )"
                      R"(\"data._entities\" to contain 2 elements","path":["users"],)"
                      R"("extensions":{"service":"b","reason":"Expected \"data._entities\" to )"
                      R"(contain 2 elements","code":"SUBREQUEST_MALFORMED_RESPONSE"}}]})");
}

TEST(ExecutorFaultsTest, MissingEntitiesWithoutErrorsIsAnError) {
  std::string body = runReviews(http(200, R"({"data":{}})"));
  EXPECT_NE(body.find(R"(Expected \"data._entities\" in response to be an array)"),
            std::string::npos)
      << body;
}

TEST(ExecutorFaultsTest, LaterFetchesFindNoEntitiesAfterAFailedRootFetch) {
  MockFetcher fetcher;
  fetcher.fail("a", kUsersQuery, "connection refused");
  std::string body = run(usersThenReviews(), kUsersQueryClient, fetcher);
  EXPECT_EQ(fetcher.calls.size(), 1u);  // nothing to ask b
  EXPECT_EQ(body.rfind(R"({"data":null,"errors":[{"message":"HTTP fetch failed from 'a')", 0), 0u)
      << body;
}

// A valid 50 MB answer is parsed and shaped, in time linear in its size.
TEST(ExecutorFaultsTest, FiftyMegabyteBodyWorks) {
  std::string big = R"({"data":{"users":[)";
  const std::string name(200, 'x');
  size_t count = 0;
  while (big.size() < 50u * 1024 * 1024) {
    if (count > 0) big += ',';
    big +=
        R"({"__typename":"User","id":")" + std::to_string(count) + R"(","name":")" + name + R"("})";
    ++count;
  }
  big += "]}}";
  MockFetcher fetcher;
  fetcher.answer("a", kUsersQuery, big);
  auto start = std::chrono::steady_clock::now();
  std::string body =
      run(rootFetch("a", "{ users { __typename id name } }"), "{ users { id name } }", fetcher);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(body.size(), 40u * 1024 * 1024);
  EXPECT_EQ(body.rfind(R"({"data":{"users":[{"id":"0","name":"xx)", 0), 0u);
  EXPECT_EQ(body.find("errors"), std::string::npos);
  EXPECT_NE(body.find(R"({"id":")" + std::to_string(count - 1) + "\""), std::string::npos);
  // Debug builds: a linear pass takes well under this; a quadratic one would take minutes.
  EXPECT_LT(seconds, 30.0);
}

}  // namespace
}  // namespace plexus::execution
