#include "src/server/landing/landing.h"

#include <gtest/gtest.h>

namespace plexus::server::landing {
namespace {

http::Request get(std::string target, std::string accept) {
  http::Request request;
  request.method = "GET";
  request.target = std::move(target);
  request.headers.add("accept", std::move(accept));
  return request;
}

TEST(LandingTest, RecognisesBrowserNavigationOnly) {
  EXPECT_TRUE(isBrowserNavigation(
      get("/", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")));
  EXPECT_FALSE(isBrowserNavigation(get("/", "application/json")));
  EXPECT_FALSE(isBrowserNavigation(get("/", "application/graphql-response+json, text/html")));
  EXPECT_FALSE(isBrowserNavigation(get("/?query=%7B__typename%7D", "text/html")));
  http::Request post = get("/", "text/html");
  post.method = "POST";
  EXPECT_FALSE(isBrowserNavigation(post));
}

TEST(LandingTest, ServesSelfContainedPages) {
  http::Response sandbox = page(Page::kSandbox);
  EXPECT_EQ(sandbox.status, 200);
  EXPECT_EQ(sandbox.headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(sandbox.body.find("<title>Plexus Sandbox</title>"), std::string::npos);
  EXPECT_NE(html(Page::kHomepage).find("<title>Plexus router</title>"), std::string::npos);
  for (Page p : {Page::kSandbox, Page::kHomepage}) {
    std::string_view text = html(p);
    EXPECT_EQ(text.find("http://"), std::string_view::npos);  // no external assets
    EXPECT_EQ(text.find("https://"), std::string_view::npos);
    EXPECT_EQ(text.find("<script src"), std::string_view::npos);
  }
}

}  // namespace
}  // namespace plexus::server::landing
