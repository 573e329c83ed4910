// The pages a browser gets from the router: the landing page (`homepage`, on by default) and the
// sandbox (`sandbox`, an operation editor with a schema explorer). Both are single HTML files
// compiled into the binary: no CDN, no external request.
//
//   if (landing::isBrowserNavigation(request)) respond(landing::page(landing::Page::kSandbox));
#pragma once

#include <string_view>

#include "src/http/message.h"

namespace plexus::server::landing {

enum class Page { kHomepage, kSandbox };

// A GET whose `accept` prefers HTML and that carries no GraphQL `query` parameter: what a
// browser sends when it opens the endpoint.
bool isBrowserNavigation(const http::Request& request);

std::string_view html(Page page);
// A 200 text/html response with the page and a strict content security policy (inline script
// and style only, requests to the same origin only).
http::Response page(Page page);

}  // namespace plexus::server::landing
