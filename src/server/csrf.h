// CSRF prevention as Apollo Router v2 does it (apollo-router/src/plugins/csrf/mod.rs): a GraphQL
// request is served only if a browser would have preflighted it, i.e. it has a content-type whose
// media type is not one of the three a form can send (application/x-www-form-urlencoded,
// multipart/form-data, text/plain), or it carries one of `csrf.required_headers` (by default
// x-apollo-operation-name, apollo-require-preflight; any value, even empty). Otherwise: 400
// CSRF_ERROR. A missing, empty or unparsable content-type is not a preflighted one, so it gets the
// 400 too (Apollo v2 runs this check before content negotiation: 400, not v1's 415).
//
//   // On the GraphQL path, GET and POST alike, after the landing page, before decoding:
//   if (std::optional<RequestFailure> refused = checkCsrf(config.csrf, request))
//     return errorResponse(*refused, format);
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/router_config.h"
#include "src/http/message.h"
#include "src/server/graphql_http.h"

namespace plexus::server {

// nullopt: let the request through (preflighted, or `unsafe_disabled`). Otherwise the 400
// CSRF_ERROR failure with Apollo's message, which names the configured required headers.
std::optional<RequestFailure> checkCsrf(const config::CsrfConfig& config,
                                        const http::Request& request);

// Apollo's is_preflighted: contentTypeRequiresPreflight(headers) or one of `required_headers` is
// present.
bool isPreflighted(const http::Headers& headers, const std::vector<std::string>& required_headers);

// True when the content-type fields (all of them, trimmed, tabs made spaces, joined with ", " as
// the Fetch spec combines a header list) parse as a media type, as Rust's mime 0.3 crate parses
// one, whose type/subtype (any case) is not a CORS-safelisted one. False for no content-type, an
// empty or unparsable one, or one with bytes outside visible ASCII: in doubt, not preflighted.
bool contentTypeRequiresPreflight(const http::Headers& headers);

}  // namespace plexus::server
