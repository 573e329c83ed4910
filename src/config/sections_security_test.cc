// cors, csrf and tls, read through parseRouterConfig as a user's router.yaml would be.
#include <gtest/gtest.h>

#include "src/config/router_config.h"

namespace plexus::config {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kCertificate =
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
constexpr std::string_view kKey = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

ExpansionContext testEnv() {
  ExpansionContext context;
  context.env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  context.read_file = [](std::string_view path) -> StatusOr<std::string> {
    if (path == "cert.pem") return std::string(kCertificate);
    if (path == "key.pem") return std::string(kKey);
    if (path == "chain.pem") return std::string(kCertificate) + std::string(kCertificate);
    return Status::error("cannot read '" + std::string(path) + "'");
  };
  return context;
}

RouterConfig parsed(std::string_view yaml) {
  StatusOr<RouterConfig> config = parseRouterConfig(yaml, "router.yaml", testEnv());
  EXPECT_TRUE(config.ok()) << config.status().message();
  return config.ok() ? std::move(*config) : RouterConfig{};
}

std::string errorOf(std::string_view yaml) {
  StatusOr<RouterConfig> config = parseRouterConfig(yaml, "router.yaml", testEnv());
  EXPECT_FALSE(config.ok()) << yaml;
  return config.ok() ? "" : config.status().message();
}

TEST(CorsConfigTest, DefaultsAllowOnlyApolloStudio) {
  CorsConfig cors = parsed("").cors;
  EXPECT_FALSE(cors.allow_any_origin);
  EXPECT_FALSE(cors.allow_credentials);
  EXPECT_TRUE(cors.allow_headers.empty());
  EXPECT_TRUE(cors.expose_headers.empty());
  EXPECT_EQ(cors.methods, (std::vector<std::string>{"GET", "POST", "OPTIONS"}));
  EXPECT_FALSE(cors.max_age.has_value());
  ASSERT_EQ(cors.policies.size(), 1u);
  EXPECT_EQ(cors.policies[0].origins, std::vector<std::string>{"https://studio.apollographql.com"});
  EXPECT_TRUE(parsed("").ignored_sections.empty());
}

TEST(CorsConfigTest, ReadsEveryKey) {
  CorsConfig cors = parsed(R"yaml(
cors:
  allow_any_origin: false
  allow_credentials: true
  allow_headers: [content-type, authorization]
  expose_headers: [x-trace-id]
  methods: [GET, POST]
  max_age: 10m
  policies:
    - origins: [https://app.example.com, "http://localhost:3000"]
      allow_credentials: false
      allow_headers: [x-custom]
      expose_headers: [x-other]
      methods: [POST]
      max_age: 30s
      private_network_access:
        access_id: "01:23:45:67:89:0A"
        access_name: my-router
    - match_origins: ["^https://.*\\.example\\.com$"]
)yaml")
                        .cors;
  EXPECT_TRUE(cors.allow_credentials);
  EXPECT_EQ(cors.allow_headers, (std::vector<std::string>{"content-type", "authorization"}));
  EXPECT_EQ(cors.expose_headers, std::vector<std::string>{"x-trace-id"});
  EXPECT_EQ(cors.methods, (std::vector<std::string>{"GET", "POST"}));
  EXPECT_EQ(cors.max_age, 10min);
  ASSERT_EQ(cors.policies.size(), 2u);
  const CorsPolicy& first = cors.policies[0];
  EXPECT_EQ(first.origins,
            (std::vector<std::string>{"https://app.example.com", "http://localhost:3000"}));
  EXPECT_EQ(first.allow_credentials, false);
  EXPECT_EQ(first.allow_headers, std::vector<std::string>{"x-custom"});
  EXPECT_EQ(first.expose_headers, std::vector<std::string>{"x-other"});
  EXPECT_EQ(first.methods, std::vector<std::string>{"POST"});
  EXPECT_EQ(first.max_age, 30s);
  ASSERT_TRUE(first.private_network_access.has_value());
  EXPECT_EQ(first.private_network_access->access_id, "01:23:45:67:89:0A");
  EXPECT_EQ(first.private_network_access->access_name, "my-router");
  const CorsPolicy& second = cors.policies[1];
  EXPECT_EQ(second.match_origins, std::vector<std::string>{"^https://.*\\.example\\.com$"});
  // As in Apollo Router, a policy's origins default to Apollo Studio's.
  EXPECT_EQ(second.origins, std::vector<std::string>{"https://studio.apollographql.com"});
  EXPECT_FALSE(second.allow_credentials.has_value());
  EXPECT_FALSE(second.methods.has_value());
  EXPECT_FALSE(second.private_network_access.has_value());
}

TEST(CorsConfigTest, RefusesWhatApolloRouterRefusesAtStartup) {
  std::string regex = errorOf("cors:\n  policies:\n    - match_origins: [\"^https://(a|b\"]\n");
  EXPECT_TRUE(regex.starts_with(
      "router.yaml:3:23: cors.policies[0].match_origins[0]: invalid regular expression "
      "\"^https://(a|b\": "))
      << regex;
  EXPECT_EQ(errorOf("cors:\n  policies:\n    - origins: [\"*\"]\n"),
            "router.yaml:3:17: cors.policies[0].origins[0]: use `allow_any_origin: true` to "
            "allow any origin");
  EXPECT_EQ(errorOf("cors:\n  policies:\n    - origins: [https://a.com/]\n"),
            "router.yaml:3:17: cors.policies[0].origins[0]: origins cannot have trailing "
            "slashes (a serialized origin has none)");
  EXPECT_EQ(errorOf("cors:\n  allow_credentials: true\n  allow_any_origin: true\n"),
            "router.yaml:2:22: cors.allow_credentials: cannot be combined with "
            "`allow_any_origin: true`");
  EXPECT_EQ(errorOf("cors:\n  allow_credentials: true\n  allow_headers: [\"*\"]\n"),
            "router.yaml:3:18: cors.allow_headers: cannot be \"*\" with `allow_credentials: "
            "true`");
  EXPECT_EQ(errorOf("cors:\n  policies:\n    - allow_credentials: true\n      methods: [\"*\"]\n"),
            "router.yaml:4:16: cors.policies[0].methods: cannot be \"*\" when the policy allows "
            "credentials");
  EXPECT_EQ(errorOf("cors:\n  methods: [\"GET POST\"]\n"),
            "router.yaml:2:13: cors.methods[0]: \"GET POST\" is not a valid method");
  EXPECT_EQ(errorOf("cors:\n  policies:\n    - private_network_access: {access_name: My}\n"),
            "router.yaml:3:45: cors.policies[0].private_network_access.access_name: may only "
            "contain the characters a-z0-9_-.");
  EXPECT_EQ(errorOf("cors:\n  policies:\n    - private_network_access: {access_id: 12}\n"),
            "router.yaml:3:43: cors.policies[0].private_network_access.access_id: must be a "
            "48-bit value written as 6 hexadecimal bytes separated by colons (01:23:45:67:89:0A)");
  EXPECT_EQ(errorOf("cors:\n  allow_any_origin: yes\n"),
            "router.yaml:2:21: cors.allow_any_origin: expected a boolean (true or false), found "
            "\"yes\"");
  EXPECT_EQ(errorOf("cors:\n  max_age: 600\n"),
            "router.yaml:2:12: cors.max_age: expected a duration such as \"30s\", \"500ms\" or "
            "\"1m 30s\", found \"600\"");
  std::string unknown = errorOf("cors:\n  origins: [https://a.com]\n");
  EXPECT_EQ(unknown.substr(0, unknown.find(';')), "router.yaml:2:3: cors.origins: unknown key");
}

TEST(CsrfConfigTest, ReadsBothKeysWithApolloDefaults) {
  CsrfConfig defaults = parsed("").csrf;
  EXPECT_FALSE(defaults.unsafe_disabled);
  EXPECT_EQ(defaults.required_headers,
            (std::vector<std::string>{"x-apollo-operation-name", "apollo-require-preflight"}));
  CsrfConfig csrf =
      parsed("csrf:\n  unsafe_disabled: true\n  required_headers: [x-my-header]\n").csrf;
  EXPECT_TRUE(csrf.unsafe_disabled);
  EXPECT_EQ(csrf.required_headers, std::vector<std::string>{"x-my-header"});
  EXPECT_EQ(errorOf("csrf:\n  required_headers: x-my-header\n"),
            "router.yaml:2:21: csrf.required_headers: expected a sequence, found \"x-my-header\"");
  EXPECT_EQ(errorOf("csrf:\n  unsafe_disabled: 1\n"),
            "router.yaml:2:20: csrf.unsafe_disabled: expected a boolean (true or false), found "
            "\"1\"");
}

TEST(TlsConfigTest, ReadsTheSupergraphCertificateFromFiles) {
  EXPECT_FALSE(parsed("").tls.supergraph.has_value());
  RouterConfig config = parsed(R"yaml(
tls:
  supergraph:
    certificate: ${file.cert.pem}
    key: ${file.key.pem}
    certificate_chain: ${file.chain.pem}
  subgraph:
    all:
      certificate_authorities: ${file.ca.pem}
)yaml");
  ASSERT_TRUE(config.tls.supergraph.has_value());
  EXPECT_EQ(config.tls.supergraph->certificate, kCertificate);
  EXPECT_EQ(config.tls.supergraph->key, kKey);
  EXPECT_EQ(config.tls.supergraph->certificate_chain,
            std::string(kCertificate) + std::string(kCertificate));
  EXPECT_EQ(config.ignored_sections, std::vector<std::string>{"tls.subgraph"});
  RouterConfig no_chain =
      parsed("tls:\n  supergraph:\n    certificate: ${file.cert.pem}\n    key: ${file.key.pem}\n");
  EXPECT_FALSE(no_chain.tls.supergraph->certificate_chain.has_value());
}

TEST(TlsConfigTest, SaysWhichKeyIsNotPem) {
  EXPECT_EQ(errorOf("tls:\n  supergraph:\n    certificate: /etc/cert.pem\n    key: "
                    "${file.key.pem}\n"),
            "router.yaml:3:18: tls.supergraph.certificate: expected PEM text, found no "
            "\"-----BEGIN\" line (to read a file, write ${file./path/to/file.pem})");
  EXPECT_EQ(errorOf("tls:\n  supergraph:\n    certificate: ${file.cert.pem}\n    key: "
                    "${file.cert.pem}\n"),
            "router.yaml:4:10: tls.supergraph.key: expected a PEM private key (PRIVATE KEY, RSA "
            "PRIVATE KEY or EC PRIVATE KEY), found a \"CERTIFICATE\" block");
  EXPECT_EQ(errorOf("tls:\n  supergraph:\n    certificate: ${file.chain.pem}\n    key: "
                    "${file.key.pem}\n"),
            "router.yaml:3:18: tls.supergraph.certificate: expected exactly one certificate, "
            "found 2 (intermediates go in certificate_chain)");
  EXPECT_EQ(errorOf("tls:\n  supergraph:\n    certificate: ${file.cert.pem}\n    key: "
                    "${file.key.pem}\n    certificate_chain: ${file.key.pem}\n"),
            "router.yaml:5:24: tls.supergraph.certificate_chain: expected PEM certificates "
            "(-----BEGIN CERTIFICATE-----)");
  EXPECT_EQ(errorOf("tls:\n  supergraph:\n    certificate: \"-----BEGIN CERTIFICATE-----\\nMII\"\n"
                    "    key: ${file.key.pem}\n"),
            "router.yaml:3:18: tls.supergraph.certificate: the PEM block \"-----BEGIN "
            "CERTIFICATE-----\" has no \"-----END CERTIFICATE-----\" line");
  EXPECT_EQ(errorOf("tls:\n  supergraph:\n    key: ${file.key.pem}\n"),
            "router.yaml:3:5: tls.supergraph: missing required key \"certificate\"");
  EXPECT_EQ(errorOf("tls:\n  supergraph:\n    certificate: ${file.missing.pem}\n    key: "
                    "${file.key.pem}\n"),
            "router.yaml:3:18: tls.supergraph.certificate: cannot read 'missing.pem'");
}

}  // namespace
}  // namespace plexus::config
