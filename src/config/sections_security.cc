// The sections about who may call the router and how: cors, csrf, tls. Load-time checks follow
// Apollo Router v2 (configuration/cors.rs ensure_usable_cors_rules, plugins/cors.rs CorsLayer::new,
// configuration/mod.rs TlsSupergraph), except that every problem is reported, not only the first.
#include <algorithm>
#include <cctype>

#include "src/config/sections.h"

namespace plexus::config::sections {

using namespace describe;

namespace {

// RFC 9110 §5.6.2 token: what http::HeaderName and http::Method accept.
bool isToken(std::string_view text) {
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           kSymbols.find(c) != std::string_view::npos;
  });
}

Type<std::string> token(std::string what) {
  return validated<std::string>(string(),
                                [what](const std::string& text) -> std::optional<std::string> {
                                  if (isToken(text)) return std::nullopt;
                                  return "\"" + text + "\" is not a valid " + what;
                                });
}

Type<std::string> origin() {
  return validated<std::string>(
      string(), [](const std::string& text) -> std::optional<std::string> {
        bool printable = std::all_of(text.begin(), text.end(), [](char c) {
          return c == '\t' || (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
        });
        if (!printable) return "origin \"" + text + "\" is not a valid header value";
        if (text == "*") return "use `allow_any_origin: true` to allow any origin";
        if (text.ends_with('/') && text != "/") {
          return "origins cannot have trailing slashes (a serialized origin has none)";
        }
        return std::nullopt;
      });
}

bool hasStar(const std::vector<std::string>& values) {
  return std::find(values.begin(), values.end(), "*") != values.end();
}

// Private-Network-Access-Name / -ID rules (Apollo's CorsConfigError).
Type<CorsPrivateNetworkAccess> privateNetworkAccess() {
  Type<std::string> name =
      validated<std::string>(string(), [](const std::string& text) -> std::optional<std::string> {
        if (text.empty()) return "must not be empty";
        if (text.size() > 248) return "must be at most 248 characters";
        for (char c : text) {
          if (!(std::islower(static_cast<unsigned char>(c)) ||
                std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
            return "may only contain the characters a-z0-9_-.";
          }
        }
        return std::nullopt;
      });
  Type<std::string> id =
      validated<std::string>(string(), [](const std::string& text) -> std::optional<std::string> {
        bool valid = text.size() == 17;
        for (size_t i = 0; valid && i < text.size(); ++i) {
          valid = i % 3 == 2 ? text[i] == ':' : std::isxdigit(static_cast<unsigned char>(text[i]));
        }
        if (valid) return std::nullopt;
        return "must be a 48-bit value written as 6 hexadecimal bytes separated by colons "
               "(01:23:45:67:89:0A)";
      });
  return Object<CorsPrivateNetworkAccess>("Private Network Access preflight answers")
      .field("access_id", &CorsPrivateNetworkAccess::access_id, optional(id),
             "Private-Network-Access-ID to answer with")
      .field("access_name", &CorsPrivateNetworkAccess::access_name, optional(name),
             "Private-Network-Access-Name to answer with")
      .type();
}

Type<CorsPolicy> corsPolicy() {
  CorsPolicy prototype;  // as Apollo's Policy::default()
  prototype.origins = {"https://studio.apollographql.com"};
  auto headers = [] { return listOf(token("header name")); };
  return Object<CorsPolicy>("Origins sharing one set of CORS settings", prototype)
      .field("origins", &CorsPolicy::origins, listOf(origin()),
             "Origins allowed, exactly as browsers send them (scheme://host[:port])")
      .field("match_origins", &CorsPolicy::match_origins, listOf(regex()),
             "Regular expressions an origin may match instead")
      .field("allow_credentials", &CorsPolicy::allow_credentials, optional(boolean()),
             "Access-Control-Allow-Credentials (default: the top-level setting)")
      .field("allow_headers", &CorsPolicy::allow_headers, optional(headers()),
             "Access-Control-Allow-Headers (default: the top-level setting)")
      .field("expose_headers", &CorsPolicy::expose_headers, optional(headers()),
             "Access-Control-Expose-Headers (default: the top-level setting)")
      .field("methods", &CorsPolicy::methods, optional(listOf(token("method"))),
             "Access-Control-Allow-Methods (default: the top-level setting)")
      .field("max_age", &CorsPolicy::max_age, optional(duration()),
             "Access-Control-Max-Age of preflight answers (default: the top-level setting)")
      .field("private_network_access", &CorsPolicy::private_network_access,
             optional(privateNetworkAccess()), "Answers Private Network Access preflights")
      .type();
}

// Credentials cannot be combined with wildcards (Fetch standard, CORS protocol).
void checkCors(const CorsConfig& cors, Checker& checker) {
  if (cors.allow_credentials) {
    if (hasStar(cors.allow_headers)) {
      checker.error("allow_headers", "cannot be \"*\" with `allow_credentials: true`");
    }
    if (hasStar(cors.methods)) {
      checker.error("methods", "cannot be \"*\" with `allow_credentials: true`");
    }
    if (hasStar(cors.expose_headers)) {
      checker.error("expose_headers", "cannot be \"*\" with `allow_credentials: true`");
    }
    if (cors.allow_any_origin) {
      checker.error("allow_credentials", "cannot be combined with `allow_any_origin: true`");
    }
  }
  for (size_t i = 0; i < cors.policies.size(); ++i) {
    const CorsPolicy& policy = cors.policies[i];
    if (!policy.allow_credentials.value_or(cors.allow_credentials)) continue;
    std::string at = indexPath("policies", i);
    if (policy.allow_headers && hasStar(*policy.allow_headers)) {
      checker.error(at + ".allow_headers", "cannot be \"*\" when the policy allows credentials");
    }
    if (policy.methods && hasStar(*policy.methods)) {
      checker.error(at + ".methods", "cannot be \"*\" when the policy allows credentials");
    }
    if (policy.expose_headers && hasStar(*policy.expose_headers)) {
      checker.error(at + ".expose_headers", "cannot be \"*\" when the policy allows credentials");
    }
  }
}

// PEM blocks' labels ("CERTIFICATE", "PRIVATE KEY"), or why the text is not PEM.
StatusOr<std::vector<std::string>> pemLabels(std::string_view text) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  std::vector<std::string> labels;
  size_t at = 0;
  while ((at = text.find(kBegin, at)) != std::string_view::npos) {
    size_t label_start = at + kBegin.size();
    size_t label_end = text.find("-----", label_start);
    if (label_end == std::string_view::npos) return Status::error("malformed PEM BEGIN line");
    std::string label(text.substr(label_start, label_end - label_start));
    std::string end_line = "-----END " + label + "-----";
    size_t end = text.find(end_line, label_end);
    if (end == std::string_view::npos) {
      return Status::error("the PEM block \"-----BEGIN " + label + "-----\" has no \"" + end_line +
                           "\" line");
    }
    labels.push_back(std::move(label));
    at = end + end_line.size();
  }
  if (labels.empty()) {
    return Status::error(
        "expected PEM text, found no \"-----BEGIN\" line (to read a file, write "
        "${file./path/to/file.pem})");
  }
  return labels;
}

enum class Pem { kCertificate, kCertificates, kPrivateKey };

Type<std::string> pem(Pem kind) {
  return validated<
      std::string>(string(), [kind](const std::string& text) -> std::optional<std::string> {
    StatusOr<std::vector<std::string>> labels = pemLabels(text);
    if (!labels.ok()) return labels.status().message();
    auto certificates = std::count(labels->begin(), labels->end(), "CERTIFICATE");
    switch (kind) {
      case Pem::kCertificate:
        if (certificates == 1) return std::nullopt;
        if (certificates == 0) return "expected a PEM certificate (-----BEGIN CERTIFICATE-----)";
        return "expected exactly one certificate, found " + std::to_string(certificates) +
               " (intermediates go in certificate_chain)";
      case Pem::kCertificates:
        if (certificates > 0) return std::nullopt;
        return "expected PEM certificates (-----BEGIN CERTIFICATE-----)";
      case Pem::kPrivateKey:
        for (const std::string& label : *labels) {
          if (label != "PRIVATE KEY" && label != "RSA PRIVATE KEY" && label != "EC PRIVATE KEY") {
            return "expected a PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY), "
                   "found a \"" +
                   label + "\" block";
          }
        }
        if (labels->size() == 1) return std::nullopt;
        return "expected exactly one private key, found " + std::to_string(labels->size());
    }
    return std::nullopt;
  });
}

}  // namespace

Type<CorsConfig> cors() {
  auto headers = [] { return listOf(token("header name")); };
  return Object<CorsConfig>("Cross-origin resource sharing: which browser origins may call")
      .field("allow_any_origin", &CorsConfig::allow_any_origin, boolean(),
             "Allows every origin (Access-Control-Allow-Origin: *)")
      .field("allow_credentials", &CorsConfig::allow_credentials, boolean(),
             "Access-Control-Allow-Credentials: true")
      .field("allow_headers", &CorsConfig::allow_headers, headers(),
             "Access-Control-Allow-Headers; empty mirrors the preflight's requested headers")
      .field("expose_headers", &CorsConfig::expose_headers, headers(),
             "Access-Control-Expose-Headers")
      .field("methods", &CorsConfig::methods, listOf(token("method")),
             "Access-Control-Allow-Methods")
      .field("max_age", &CorsConfig::max_age, optional(duration()),
             "Access-Control-Max-Age of preflight answers")
      .field("policies", &CorsConfig::policies, listOf(corsPolicy()),
             "Allowed origins and their settings; the first policy that matches applies")
      .check(checkCors)
      .type();
}

Type<CsrfConfig> csrf() {
  return Object<CsrfConfig>(
             "Cross-site request forgery prevention: requests a browser would send without a "
             "preflight need one of `required_headers`")
      .field("unsafe_disabled", &CsrfConfig::unsafe_disabled, boolean(),
             "Turns CSRF prevention off")
      .field("required_headers", &CsrfConfig::required_headers, listOf(token("header name")),
             "Headers of which a non-preflighted request must carry one")
      .type();
}

Type<TlsConfig> tls() {
  Type<TlsServerConfig> server =
      Object<TlsServerConfig>("TLS for client connections (PEM text, usually ${file.PATH})")
          .field("certificate", &TlsServerConfig::certificate, pem(Pem::kCertificate),
                 "The server certificate (PEM)")
          .required()
          .field("key", &TlsServerConfig::key, pem(Pem::kPrivateKey),
                 "The certificate's private key (PEM)")
          .required()
          .field("certificate_chain", &TlsServerConfig::certificate_chain,
                 optional(pem(Pem::kCertificates)), "Intermediate certificates (PEM)")
          .type();
  return Object<TlsConfig>("TLS settings")
      .field("supergraph", &TlsConfig::supergraph, optional(server),
             "TLS termination on the GraphQL listener")
      .ignored({"subgraph", "connector"})
      .type();
}

}  // namespace plexus::config::sections
