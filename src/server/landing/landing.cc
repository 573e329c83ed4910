#include "src/server/landing/landing.h"

#include <string>

#include "src/server/landing/landing_assets.h"

namespace plexus::server::landing {

bool isBrowserNavigation(const http::Request& request) {
  if (request.method != "GET") return false;
  std::string_view target = request.target;
  if (target.find("query=") != std::string_view::npos) return false;
  std::string_view accept = request.headers.get("accept").value_or("");
  size_t html = accept.find("text/html");
  if (html == std::string_view::npos) return false;
  // Browsers list text/html before the JSON types when they navigate.
  size_t json = accept.find("json");
  return json == std::string_view::npos || html < json;
}

std::string_view html(Page page) {
  return page == Page::kSandbox ? assets::kSandboxHtml : assets::kHomepageHtml;
}

http::Response page(Page which) {
  http::Response response{.status = 200, .headers = {}, .body = std::string(html(which))};
  response.headers.add("content-type", "text/html; charset=utf-8");
  response.headers.add("content-security-policy",
                       "default-src 'self'; script-src 'unsafe-inline'; "
                       "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:");
  response.headers.add("cache-control", "no-cache");
  return response;
}

}  // namespace plexus::server::landing
