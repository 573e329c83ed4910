#include "src/http/url.h"

#include <gtest/gtest.h>

namespace plexus::http {
namespace {

TEST(UrlTest, SplitsSubgraphUrls) {
  StatusOr<Url> url = parseUrl("http://products:4001/graphql?x=1#frag");
  ASSERT_TRUE(url.ok()) << url.status().message();
  EXPECT_EQ(url->host, "products");
  EXPECT_EQ(url->port, 4001);
  EXPECT_EQ(url->target, "/graphql?x=1");
  EXPECT_EQ(url->origin(), "products:4001");
}

TEST(UrlTest, DefaultsPortAndPath) {
  StatusOr<Url> url = parseUrl("HTTP://example.com");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->target, "/");
  EXPECT_EQ(parseUrl("http://example.com?q")->target, "/?q");
  EXPECT_EQ(parseUrl("http://example.com:/x")->port, 80);  // empty port: the default (RFC 3986)
}

TEST(UrlTest, ReadsIpv6Literals) {
  StatusOr<Url> url = parseUrl("http://[::1]:8080/x");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->origin(), "[::1]:8080");
}

TEST(UrlTest, HttpsDefaultsToPort443) {
  auto url = parseUrl("HTTPS://coproc.internal/hook");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/hook");
  EXPECT_EQ(parseUrl("https://a:8443/")->port, 8443);
}

TEST(UrlTest, RejectsWhatItCannotServe) {
  EXPECT_FALSE(parseUrl("ftp://a/").ok());
  EXPECT_FALSE(parseUrl("http://:80/").ok());
  EXPECT_FALSE(parseUrl("http://a:99999/").ok());
  EXPECT_FALSE(parseUrl("http://user@a/").ok());
  EXPECT_FALSE(parseUrl("http://a/\r\nx").ok());
  EXPECT_FALSE(parseUrl("products:4001").ok());
}

}  // namespace
}  // namespace plexus::http
