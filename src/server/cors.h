// Cross-Origin Resource Sharing as Apollo Router v2 does it (apollo-router/src/plugins/cors.rs,
// CorsService; validation in src/configuration/cors.rs, Cors::ensure_usable_cors_rules). It wraps
// the whole main listener: every OPTIONS request is answered here and goes no further, and every
// other response, errors and 404s included, gets the CORS headers on its way out.
//
//   StatusOr<Cors> cors = Cors::compile(config.cors);    // at startup / reload; errors name the
//   if (!cors.ok()) return cors.status();                // YAML path (cors.policies[0]...)
//
//   if (std::optional<http::Response> answer = cors->preflight(request))
//     return respond(std::move(*answer));                 // 200, access-control-allow-*
//   http::Response response = handle(request);            // anything, errors included
//   cors->addHeaders(request, response);                  // allow-origin, expose, vary
//
// Matching, per Apollo: the `origin` header is compared with each policy in order, first with its
// exact `origins` (byte-equal), then with its `match_origins` regexes (ECMAScript, unanchored
// search as Rust's Regex::is_match: write ^…$ to match the whole origin); the first policy that
// matches supplies the settings and the origin is echoed in access-control-allow-origin. With
// `allow_any_origin` the value is `*` for any origin (`null` included). `origin: null` never
// matches a policy. An unmatched origin gets no access-control-allow-origin; its preflight is still
// 200 and carries the global settings (the browser then refuses it).
//
// Immutable after compile(); copies share the compiled state. Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "src/common/status.h"
#include "src/config/router_config.h"
#include "src/http/message.h"

namespace plexus::server {

class Cors {
 public:
  // Validates as Apollo's CorsLayer::new does (wildcard origin in a policy, trailing slash in an
  // origin, credentials with `*` headers / methods / expose headers or with allow_any_origin,
  // private network access name and id, header names, methods, origin values) and compiles the
  // match_origins regexes. Every problem is reported, one per line, each naming its YAML path.
  static StatusOr<Cors> compile(const config::CorsConfig& config);

  // The complete answer to an OPTIONS request (Apollo answers every OPTIONS itself, whatever its
  // path and whether or not it carries origin / access-control-request-method): 200, empty body,
  // access-control-allow-origin when allowed, -allow-credentials, -allow-headers (configured, or
  // the request's access-control-request-headers mirrored), -allow-methods, -max-age (whole
  // seconds), access-control-allow-private-network and private-network-access-name / -id when the
  // matched policy configures private_network_access, vary: origin,
  // access-control-request-headers. nullopt for any other method.
  std::optional<http::Response> preflight(const http::Request& request) const;

  // The headers of an ordinary (non-OPTIONS) response: access-control-allow-origin when allowed,
  // -allow-credentials, -expose-headers, and `origin` appended to vary (kept once). Existing
  // access-control-* fields of the same names are replaced.
  void addHeaders(const http::Request& request, http::Response& response) const;
  // The same, from the request's `origin` header alone (nullopt: none), for a caller that no
  // longer holds the request.
  void addHeaders(std::optional<std::string_view> origin, http::Response& response) const;

  struct Compiled;  // the policies with their regexes and pre-joined header values

 private:
  explicit Cors(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}

  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace plexus::server
