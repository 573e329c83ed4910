#include "src/server/cors.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

namespace plexus::server {

namespace {

constexpr std::string_view kAllowOrigin = "access-control-allow-origin";
constexpr std::string_view kAllowCredentials = "access-control-allow-credentials";
constexpr std::string_view kAllowHeaders = "access-control-allow-headers";
constexpr std::string_view kAllowMethods = "access-control-allow-methods";
constexpr std::string_view kExposeHeaders = "access-control-expose-headers";
constexpr std::string_view kMaxAge = "access-control-max-age";
constexpr std::string_view kRequestHeaders = "access-control-request-headers";
constexpr std::string_view kAllowPrivateNetwork = "access-control-allow-private-network";
constexpr std::string_view kPrivateNetworkAccessName = "private-network-access-name";
constexpr std::string_view kPrivateNetworkAccessId = "private-network-access-id";

// Longer origins are never matched against match_origins: libstdc++'s std::regex recurses once
// per character, and the origin header is the client's. A serialized origin (RFC 6454 §6.1) is a
// scheme, a host of at most 253 characters and a port, far below this.
constexpr size_t kMaxRegexOriginLength = 1024;

// tchar (RFC 9110 §5.6.2): what the http crate accepts in a header name (any case) or a method.
bool isTokenChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool isToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!isTokenChar(static_cast<unsigned char>(c))) return false;
  return true;
}

// The http crate's HeaderValue::from_str / to_str: visible ASCII, space and tab only.
bool isVisibleAscii(std::string_view text) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c != '\t' && (c < 32 || c >= 127)) return false;
  }
  return true;
}

std::string join(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& value : values) {
    if (!joined.empty()) joined += ", ";
    joined += value;
  }
  return joined;
}

bool containsWildcard(const std::vector<std::string>& values) {
  for (const std::string& value : values)
    if (value == "*") return true;
  return false;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

struct Cors::Compiled {
  // What a response carries, resolved once per policy (and once for "no policy matched").
  struct Settings {
    bool allow_credentials = false;
    std::optional<std::string> allow_headers;   // nullopt: mirror access-control-request-headers
    std::optional<std::string> expose_headers;  // nullopt: no access-control-expose-headers
    std::string allow_methods;                  // always sent in a preflight answer, even empty
    std::optional<std::string> max_age;         // whole seconds
    std::optional<config::CorsPrivateNetworkAccess> private_network_access;
  };
  struct Policy {
    std::vector<std::string> origins;
    std::vector<std::regex> match_origins;
    Settings settings;
  };

  bool allow_any_origin = false;
  std::vector<Policy> policies;
  Settings unmatched;
};

namespace {

using ResolvedSettings = Cors::Compiled::Settings;
using CompiledPolicy = Cors::Compiled::Policy;

// Apollo's Cors::ensure_usable_cors_rules (configuration/cors.rs), in its order, with its words.
void checkUsableRules(const config::CorsConfig& config, std::vector<std::string>& errors) {
  auto fail = [&errors](const std::string& path, std::string_view what) {
    errors.push_back(path + ": Invalid CORS configuration: " + std::string(what));
  };
  for (size_t i = 0; i < config.policies.size(); ++i) {
    const std::vector<std::string>& origins = config.policies[i].origins;
    for (size_t j = 0; j < origins.size(); ++j) {
      std::string path =
          "cors.policies[" + std::to_string(i) + "].origins[" + std::to_string(j) + "]";
      if (origins[j] == "*") {
        fail(path, "use `allow_any_origin: true` to set `Access-Control-Allow-Origin: *`");
      } else if (origins[j].ends_with('/') && origins[j] != "/") {
        fail(path,
             "origins cannot have trailing slashes (a serialized origin has no trailing slash)");
      }
    }
  }

  constexpr std::string_view kAnyHeaders =
      "Cannot combine `Access-Control-Allow-Credentials: true` with "
      "`Access-Control-Allow-Headers: *` in policy";
  constexpr std::string_view kAnyMethods =
      "Cannot combine `Access-Control-Allow-Credentials: true` with "
      "`Access-Control-Allow-Methods: *` in policy";
  constexpr std::string_view kAnyExpose =
      "Cannot combine `Access-Control-Allow-Credentials: true` with "
      "`Access-Control-Expose-Headers: *` in policy";
  if (config.allow_credentials) {
    if (containsWildcard(config.allow_headers)) fail("cors.allow_headers", kAnyHeaders);
    if (containsWildcard(config.methods)) fail("cors.methods", kAnyMethods);
    if (config.allow_any_origin) {
      fail("cors.allow_any_origin",
           "Cannot combine `Access-Control-Allow-Credentials: true` with "
           "`allow_any_origin: true`");
    }
    if (containsWildcard(config.expose_headers)) fail("cors.expose_headers", kAnyExpose);
  }

  for (size_t i = 0; i < config.policies.size(); ++i) {
    const config::CorsPolicy& policy = config.policies[i];
    std::string path = "cors.policies[" + std::to_string(i) + "]";
    if (policy.allow_credentials.value_or(config.allow_credentials)) {
      if (policy.allow_headers && containsWildcard(*policy.allow_headers))
        fail(path + ".allow_headers", kAnyHeaders);
      if (policy.methods && containsWildcard(*policy.methods)) fail(path + ".methods", kAnyMethods);
      if (policy.expose_headers && containsWildcard(*policy.expose_headers))
        fail(path + ".expose_headers", kAnyExpose);
    }
    if (!policy.private_network_access) continue;
    const config::CorsPrivateNetworkAccess& pna = *policy.private_network_access;
    if (pna.access_name) {
      const std::string& name = *pna.access_name;
      std::string name_path = path + ".private_network_access.access_name";
      if (name.empty()) {
        fail(name_path, "`Private-Network-Access-Name` header value must not be empty.");
      } else if (name.size() > 248) {
        fail(name_path,
             "`Private-Network-Access-Name` header value must be no longer than 248 characters.");
      } else {
        for (char c : name) {
          bool ok =
              (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
          if (!ok) {
            fail(name_path,
                 "`Private-Network-Access-Name` header value can only contain the characters "
                 "a-z0-9_-.");
            break;
          }
        }
      }
    }
    if (pna.access_id) {
      // XX:XX:XX:XX:XX:XX, X a hex digit.
      const std::string& id = *pna.access_id;
      bool ok = id.size() == 17;
      for (size_t k = 0; ok && k < id.size(); ++k) {
        char c = id[k];
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        ok = (k % 3 == 2) ? c == ':' : hex;
      }
      if (!ok) {
        fail(path + ".private_network_access.access_id",
             "`Private-Network-Access-ID` header value must be a 48-bit value presented as 6 "
             "hexadecimal bytes separated by colons");
      }
    }
  }
}

// Apollo's parse_values (plugins/cors.rs): header names and methods must be tokens.
void checkTokens(const std::vector<std::string>& values, const std::string& path,
                 std::string_view description, std::string_view reason,
                 std::vector<std::string>& errors) {
  for (size_t k = 0; k < values.size(); ++k) {
    if (isToken(values[k])) continue;
    errors.push_back(path + "[" + std::to_string(k) + "]: " + std::string(description) + " " +
                     quoted(values[k]) + " is not valid: " + std::string(reason));
  }
}

ResolvedSettings resolve(const config::CorsConfig& config, const config::CorsPolicy* policy) {
  // Policy fields that are unset inherit the global ones; an empty allow_headers or
  // expose_headers list inherits too, but an empty `methods` list means no method (Apollo's
  // add_cors_headers).
  ResolvedSettings settings;
  settings.allow_credentials =
      policy && policy->allow_credentials ? *policy->allow_credentials : config.allow_credentials;
  const std::vector<std::string>& allow_headers =
      policy && policy->allow_headers && !policy->allow_headers->empty() ? *policy->allow_headers
                                                                         : config.allow_headers;
  if (!allow_headers.empty()) settings.allow_headers = join(allow_headers);
  const std::vector<std::string>& expose_headers =
      policy && policy->expose_headers && !policy->expose_headers->empty() ? *policy->expose_headers
                                                                           : config.expose_headers;
  if (!expose_headers.empty()) settings.expose_headers = join(expose_headers);
  settings.allow_methods = join(policy && policy->methods ? *policy->methods : config.methods);
  std::optional<std::chrono::milliseconds> max_age =
      policy && policy->max_age ? policy->max_age : config.max_age;
  if (max_age) {
    // Duration::as_secs(): whole seconds, truncated.
    settings.max_age = std::to_string(std::max<int64_t>(0, max_age->count() / 1000));
  }
  if (policy) settings.private_network_access = policy->private_network_access;
  return settings;
}

// Apollo's append_vary_header: add `value` unless listed already (any case); the first vary field
// becomes "<existing>, <value>" and replaces any others.
void appendVary(http::Response& response, std::string_view value) {
  std::optional<std::string_view> existing = response.headers.get("vary");
  if (!existing) {
    response.headers.set("vary", value);
    return;
  }
  if (!isVisibleAscii(*existing)) return;  // Apollo logs and leaves it
  std::string_view rest = *existing;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (http::equalsIgnoreCase(item, value)) return;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::string combined = std::string(*existing) + ", " + std::string(value);
  response.headers.set("vary", combined);
}

// Apollo's find_matching_policy: policies in order; in each, exact origins, then regexes.
const CompiledPolicy* findPolicy(const Cors::Compiled& compiled,
                                 std::optional<std::string_view> origin) {
  if (!origin || !isVisibleAscii(*origin)) return nullptr;
  // Only allow_any_origin admits `origin: null` (sandboxed iframes, file: URLs, redirects).
  if (*origin == "null" && !compiled.allow_any_origin) return nullptr;
  for (const CompiledPolicy& policy : compiled.policies) {
    for (const std::string& exact : policy.origins)
      if (exact == *origin) return &policy;
    if (origin->size() > kMaxRegexOriginLength) continue;
    for (const std::regex& pattern : policy.match_origins) {
      try {
        if (std::regex_search(origin->begin(), origin->end(), pattern)) return &policy;
      } catch (const std::regex_error&) {
        // error_complexity / error_stack: treat as no match.
      }
    }
  }
  return nullptr;
}

// Apollo's add_cors_headers.
void addCorsHeaders(const Cors::Compiled& compiled, std::optional<std::string_view> origin,
                    bool is_preflight, std::optional<std::string_view> request_headers,
                    http::Response& response) {
  const CompiledPolicy* policy = findPolicy(compiled, origin);
  const ResolvedSettings& settings = policy ? policy->settings : compiled.unmatched;

  if (origin) {
    if (compiled.allow_any_origin) {
      response.headers.set(kAllowOrigin, "*");
    } else if (policy) {
      response.headers.set(kAllowOrigin, *origin);  // only a matched origin is echoed
    }
  }
  if (settings.allow_credentials) response.headers.set(kAllowCredentials, "true");

  if (is_preflight) {
    if (settings.allow_headers) {
      response.headers.set(kAllowHeaders, *settings.allow_headers);
    } else if (request_headers && isVisibleAscii(*request_headers)) {
      response.headers.set(kAllowHeaders, *request_headers);
    }
  } else if (settings.expose_headers) {
    response.headers.set(kExposeHeaders, *settings.expose_headers);
  }

  if (is_preflight) {
    response.headers.set(kAllowMethods, settings.allow_methods);
    if (settings.max_age) response.headers.set(kMaxAge, *settings.max_age);
    if (settings.private_network_access) {
      response.headers.set(kAllowPrivateNetwork, "true");
      const config::CorsPrivateNetworkAccess& pna = *settings.private_network_access;
      if (pna.access_name) response.headers.set(kPrivateNetworkAccessName, *pna.access_name);
      if (pna.access_id) response.headers.set(kPrivateNetworkAccessId, *pna.access_id);
    }
  }

  appendVary(response, "origin");
  if (is_preflight) appendVary(response, kRequestHeaders);
}

}  // namespace

StatusOr<Cors> Cors::compile(const config::CorsConfig& config) {
  std::vector<std::string> errors;
  checkUsableRules(config, errors);

  constexpr std::string_view kBadHeader = "invalid HTTP header name";
  checkTokens(config.allow_headers, "cors.allow_headers", "allow header name", kBadHeader, errors);
  checkTokens(config.methods, "cors.methods", "method", "invalid HTTP method", errors);
  checkTokens(config.expose_headers, "cors.expose_headers", "expose header name", kBadHeader,
              errors);

  auto compiled = std::make_shared<Compiled>();
  compiled->allow_any_origin = config.allow_any_origin;
  compiled->unmatched = resolve(config, nullptr);
  for (size_t i = 0; i < config.policies.size(); ++i) {
    const config::CorsPolicy& policy = config.policies[i];
    std::string path = "cors.policies[" + std::to_string(i) + "]";
    for (size_t j = 0; j < policy.origins.size(); ++j) {
      if (isVisibleAscii(policy.origins[j])) continue;
      errors.push_back(path + ".origins[" + std::to_string(j) + "]: origin " +
                       quoted(policy.origins[j]) + " is not valid: failed to parse header value");
    }
    if (policy.allow_headers)
      checkTokens(*policy.allow_headers, path + ".allow_headers", "allow header name", kBadHeader,
                  errors);
    if (policy.methods)
      checkTokens(*policy.methods, path + ".methods", "method", "invalid HTTP method", errors);
    if (policy.expose_headers)
      checkTokens(*policy.expose_headers, path + ".expose_headers", "expose header name",
                  kBadHeader, errors);

    CompiledPolicy& out = compiled->policies.emplace_back();
    out.origins = policy.origins;
    for (size_t j = 0; j < policy.match_origins.size(); ++j) {
      try {
        out.match_origins.emplace_back(policy.match_origins[j], std::regex::ECMAScript);
      } catch (const std::regex_error& error) {
        errors.push_back(path + ".match_origins[" + std::to_string(j) + "]: regex parse error in " +
                         quoted(policy.match_origins[j]) + ": " + error.what());
      }
    }
    out.settings = resolve(config, &policy);
  }

  if (!errors.empty()) return joinErrors(errors);
  return Cors(std::move(compiled));
}

std::optional<http::Response> Cors::preflight(const http::Request& request) const {
  if (request.method != "OPTIONS") return std::nullopt;
  http::Response response;
  response.status = 200;
  addCorsHeaders(*compiled_, request.headers.get("origin"), /*is_preflight=*/true,
                 request.headers.get(kRequestHeaders), response);
  return response;
}

void Cors::addHeaders(const http::Request& request, http::Response& response) const {
  addHeaders(request.headers.get("origin"), response);
}

void Cors::addHeaders(std::optional<std::string_view> origin, http::Response& response) const {
  addCorsHeaders(*compiled_, origin, /*is_preflight=*/false, std::nullopt, response);
}

}  // namespace plexus::server
