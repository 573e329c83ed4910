#include "src/http/message.h"

#include <gtest/gtest.h>

namespace plexus::http {
namespace {

TEST(HeadersTest, LooksUpNamesCaseInsensitivelyAndStoresThemLowerCased) {
  Headers headers;
  headers.add("Content-Type", "application/json");
  EXPECT_EQ(headers.get("content-type"), "application/json");
  EXPECT_EQ(headers.get("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(headers.begin()->first, "content-type");
  EXPECT_FALSE(headers.get("accept").has_value());
}

TEST(HeadersTest, KeepsRepeatedFieldsSeparateAndInOrder) {
  Headers headers{{"Set-Cookie", "a=1"}, {"x-other", "z"}, {"set-cookie", "b=2"}};
  EXPECT_EQ(headers.getAll("set-cookie"), (std::vector<std::string_view>{"a=1", "b=2"}));
  EXPECT_EQ(headers.get("set-cookie"), "a=1");
  EXPECT_EQ(headers.size(), 3u);
}

TEST(HeadersTest, SetReplacesEveryFieldOfThatName) {
  Headers headers{{"accept", "a"}, {"Accept", "b"}};
  headers.set("ACCEPT", "c");
  EXPECT_EQ(headers.getAll("accept"), (std::vector<std::string_view>{"c"}));
  EXPECT_EQ(headers.remove("accept"), 1u);
  EXPECT_TRUE(headers.empty());
}

TEST(HeadersTest, FindsTokensInCommaSeparatedLists) {
  Headers headers{{"connection", "keep-alive, Upgrade"}, {"accept-encoding", "br, gzip;q=0.5"}};
  EXPECT_TRUE(headers.hasToken("Connection", "upgrade"));
  EXPECT_TRUE(headers.hasToken("accept-encoding", "gzip"));
  EXPECT_FALSE(headers.hasToken("connection", "close"));
  EXPECT_FALSE(headers.hasToken("te", "trailers"));
}

TEST(RequestTest, SplitsTargetIntoPathAndQuery) {
  Request request;
  request.target = "/graphql?query=%7B%20me%20%7D&x=1";
  EXPECT_EQ(request.path(), "/graphql");
  EXPECT_EQ(request.query(), "query=%7B%20me%20%7D&x=1");
  request.target = "/health";
  EXPECT_EQ(request.path(), "/health");
  EXPECT_EQ(request.query(), "");
}

TEST(ReasonPhraseTest, NamesTheStatusesTheRouterSends) {
  EXPECT_EQ(reasonPhrase(200), "OK");
  EXPECT_EQ(reasonPhrase(413), "Payload Too Large");
  EXPECT_EQ(reasonPhrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(reasonPhrase(299), "Unknown");
}

}  // namespace
}  // namespace plexus::http
