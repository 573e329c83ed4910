// Reading a subgraph's reply: the errors its status and body add, and the GraphQL response JSON
// the layers around the fetch see (a coprocessor's SubgraphResponse stage).
#include "src/execution/subgraph_response.h"

#include <gtest/gtest.h>

namespace plexus::execution {
namespace {

SubgraphReply replyOf(int status, std::string body, bool status_in_body = false) {
  SubgraphReply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.status_in_body = status_in_body;
  return reply;
}

std::string jsonOf(const SubgraphReply& reply) {
  return json::serialize(subgraphResponseJson("reviews", reply));
}

TEST(SubgraphResponseTest, ANon2xxStatusIsAnErrorUnlessTheBodyAlreadyAccountsForIt) {
  Arena arena;
  SubgraphReply failed = replyOf(401, R"({"data":null,"errors":[{"message":"no"}]})");
  SubgraphResult result = readSubgraphReply(arena, "reviews", failed);
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0].message, "HTTP fetch failed from 'reviews': 401: Unauthorized");
  EXPECT_EQ(result.errors.size(), 1u);

  SubgraphReply answered = replyOf(401, failed.body, /*status_in_body=*/true);
  result = readSubgraphReply(arena, "reviews", answered);
  EXPECT_TRUE(result.failures.empty());
  EXPECT_EQ(result.errors.size(), 1u);
}

TEST(SubgraphResponseTest, TheResponseJsonCarriesTheFailuresFirst) {
  EXPECT_EQ(jsonOf(replyOf(200, R"({"data":{"a":1},"extensions":{"x":1},"other":2})")),
            R"({"data":{"a":1},"extensions":{"x":1}})");
  EXPECT_EQ(jsonOf(replyOf(500, R"({"data":null,"errors":[{"message":"boom"}]})")),
            R"({"data":null,"errors":[{"message":"HTTP fetch failed from 'reviews': 500: )"
            R"(Internal Server Error","extensions":{"service":"reviews","reason":"500: Internal )"
            R"(Server Error","code":"SUBREQUEST_HTTP_ERROR","http":{"status":500}}},)"
            R"({"message":"boom"}]})");
  EXPECT_EQ(jsonOf(replyOf(200, "<html>")),
            R"({"errors":[{"message":"service 'reviews' response was malformed: JSON parse )"
            R"(error at byte 0: unexpected character '<'","extensions":{"service":"reviews",)"
            R"("reason":"JSON parse error at byte 0: unexpected character '<'","code":)"
            R"("SUBREQUEST_MALFORMED_RESPONSE"}}]})");
}

}  // namespace
}  // namespace plexus::execution
