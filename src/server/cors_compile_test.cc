#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/server/cors.h"
#include "src/server/cors_test_support.h"

// Cors::compile: the configurations Apollo Router refuses at startup.
// Many cases are ported from Apollo Router's own tests; each names its origin:
//   [plugin]  apollo-router/src/plugins/cors.rs, mod tests
//   [config]  apollo-router/src/configuration/cors.rs, mod tests
//   [axum]    apollo-router/src/axum_factory/tests.rs

namespace plexus::server {
namespace {

using namespace cors_test;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(CorsCompileTest, TheDefaultConfigurationCompiles) {
  // [config] test_good_cors_configuration, test_empty_origins_list_valid,
  // test_empty_allow_headers_valid, test_max_age_validation.
  EXPECT_TRUE(Cors::compile(config::CorsConfig{}).ok());
  config::CorsConfig config;
  config.allow_headers = {"good-name", "Content-Type"};
  config.max_age = seconds(0);
  config.policies = {};
  EXPECT_TRUE(Cors::compile(config).ok());
}

TEST(CorsCompileTest, RejectsAnInvalidAllowHeaderName) {
  // [plugin]/[config] test_bad_allow_headers_cors_configuration
  config::CorsConfig config;
  config.allow_headers = {"bad\nname"};
  EXPECT_EQ(compileError(config),
            "cors.allow_headers[0]: allow header name 'bad\nname' is not valid: invalid HTTP "
            "header name");
}

TEST(CorsCompileTest, RejectsAnInvalidMethod) {
  // [plugin]/[config] test_bad_allow_methods_cors_configuration
  config::CorsConfig config;
  config.methods = {"GET", "bad\nmethod"};
  EXPECT_EQ(compileError(config),
            "cors.methods[1]: method 'bad\nmethod' is not valid: invalid HTTP method");
}

TEST(CorsCompileTest, RejectsAnInvalidOriginValue) {
  // [plugin]/[config] test_bad_origins_cors_configuration
  config::CorsConfig config;
  config.policies = {policyFor({"bad\norigin"})};
  EXPECT_EQ(compileError(config),
            "cors.policies[0].origins[0]: origin 'bad\norigin' is not valid: failed to parse "
            "header value");
}

TEST(CorsCompileTest, RejectsInvalidNamesInsideAPolicy) {
  // [config] test_expose_headers_validation, test_origin_specific_expose_headers_validation,
  // test_origin_specific_methods_validation, test_origin_specific_allow_headers_validation
  config::CorsConfig config;
  config.expose_headers = {"invalid\nheader"};
  EXPECT_NE(compileError(config).find("cors.expose_headers[0]: expose header name"),
            std::string::npos);

  config = {};
  config::CorsPolicy policy = policyFor({"https://example.com"});
  policy.expose_headers = std::vector<std::string>{"invalid\nheader"};
  policy.methods = std::vector<std::string>{"INVALID\nMETHOD"};
  policy.allow_headers = std::vector<std::string>{"ok", "invalid header"};
  config.policies = {policyFor({"https://a.example"}), policy};
  std::string error = compileError(config);
  EXPECT_NE(error.find("cors.policies[1].expose_headers[0]: expose header name"), std::string::npos)
      << error;
  EXPECT_NE(error.find("cors.policies[1].methods[0]: method 'INVALID\nMETHOD' is not valid"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("cors.policies[1].allow_headers[1]: allow header name 'invalid header'"),
            std::string::npos)
      << error;
}

TEST(CorsCompileTest, RejectsABadMatchOriginsRegexNamingItsPath) {
  // [config] test_bad_match_origins_cors_configuration (Apollo fails at deserialization).
  config::CorsConfig config;
  config.policies = {policyFor({std::string(kStudio)}), regexPolicy({"^https://ok$", "["})};
  std::string error = compileError(config);
  EXPECT_EQ(error.rfind("cors.policies[1].match_origins[1]: regex parse error in '[': ", 0), 0u)
      << error;
}

TEST(CorsCompileTest, RejectsAWildcardOriginInAPolicy) {
  // [config] test_wildcard_origin_in_origin_config_rejected
  config::CorsConfig config;
  config.policies = {policyFor({"*"})};
  EXPECT_EQ(compileError(config),
            "cors.policies[0].origins[0]: Invalid CORS configuration: use `allow_any_origin: "
            "true` to set `Access-Control-Allow-Origin: *`");
}

TEST(CorsCompileTest, RejectsOriginsWithATrailingSlashButNotTheRootOrEmpty) {
  // [config] test_cors_spec_origin_with_trailing_slash_rejected,
  // test_cors_spec_multiple_trailing_slash_violations, test_cors_spec_root_path_origin_allowed,
  // test_cors_spec_empty_origin_handling, test_cors_spec_origin_without_trailing_slash_accepted
  config::CorsConfig config;
  config.policies = {
      policyFor({"https://example.com", "https://api.example.com/", "https://app.example.com"})};
  EXPECT_EQ(compileError(config),
            "cors.policies[0].origins[1]: Invalid CORS configuration: origins cannot have trailing "
            "slashes (a serialized origin has no trailing slash)");
  config.policies = {policyFor({"/"}), policyFor({""}), policyFor({"https://rabbit.invalid"})};
  EXPECT_TRUE(Cors::compile(config).ok());
}

TEST(CorsCompileTest, RejectsCredentialsWithAllowAnyOrigin) {
  // [config] test_allow_any_origin_with_credentials_rejected,
  // test_cors_spec_omit_credentials_wildcard_origin_with_credentials_header
  config::CorsConfig config;
  config.allow_any_origin = true;
  config.allow_credentials = true;
  EXPECT_EQ(compileError(config),
            "cors.allow_any_origin: Invalid CORS configuration: Cannot combine "
            "`Access-Control-Allow-Credentials: true` with `allow_any_origin: true`");
  config.allow_credentials = false;  // test_cors_spec_omit_credentials_wildcard_origin_no_…
  EXPECT_TRUE(Cors::compile(config).ok());
}

TEST(CorsCompileTest, RejectsCredentialsWithGlobalWildcards) {
  // [config] test_wildcard_headers_with_credentials_rejected,
  // test_wildcard_methods_with_credentials_rejected,
  // test_wildcard_expose_headers_with_credentials_rejected
  config::CorsConfig config;
  config.allow_credentials = true;
  config.allow_headers = {"*"};
  EXPECT_EQ(compileError(config),
            "cors.allow_headers: Invalid CORS configuration: Cannot combine "
            "`Access-Control-Allow-Credentials: true` with `Access-Control-Allow-Headers: *` in "
            "policy");
  config.allow_headers = {};
  config.methods = {"*"};
  EXPECT_EQ(compileError(config),
            "cors.methods: Invalid CORS configuration: Cannot combine "
            "`Access-Control-Allow-Credentials: true` with `Access-Control-Allow-Methods: *` in "
            "policy");
  config.methods = {"GET"};
  config.expose_headers = {"*"};
  EXPECT_EQ(compileError(config),
            "cors.expose_headers: Invalid CORS configuration: Cannot combine "
            "`Access-Control-Allow-Credentials: true` with `Access-Control-Expose-Headers: *` in "
            "policy");
}

TEST(CorsCompileTest, RejectsCredentialsWithWildcardsInAPolicy) {
  // [config] test_per_policy_wildcard_headers_with_credentials_rejected,
  // test_per_policy_wildcard_methods_with_credentials_rejected,
  // test_per_policy_wildcard_expose_headers_with_credentials_rejected,
  // test_per_policy_wildcard_validation_with_multiple_policies
  config::CorsConfig config;
  config.allow_credentials = true;
  config::CorsPolicy fine = policyFor({"https://example.com"});
  fine.allow_headers = std::vector<std::string>{"content-type"};
  config::CorsPolicy wild = policyFor({"https://another.com"});
  wild.allow_headers = std::vector<std::string>{"*"};
  wild.methods = std::vector<std::string>{"*"};
  wild.expose_headers = std::vector<std::string>{"*"};
  config.policies = {fine, wild};
  std::string error = compileError(config);
  EXPECT_NE(error.find("cors.policies[1].allow_headers: Invalid CORS configuration: Cannot "
                       "combine `Access-Control-Allow-Credentials: true` with "
                       "`Access-Control-Allow-Headers: *` in policy"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("cors.policies[1].methods: "), std::string::npos) << error;
  EXPECT_NE(error.find("cors.policies[1].expose_headers: "), std::string::npos) << error;
  EXPECT_EQ(error.find("cors.policies[0]"), std::string::npos) << error;
}

TEST(CorsCompileTest, PolicyLevelCredentialsDecideWhetherWildcardsAreAllowed) {
  // [config] test_cors_spec_policy_level_credentials_override,
  // test_cors_spec_policy_level_credentials_disabled_allows_wildcards,
  // test_per_policy_wildcard_allowed_when_credentials_disabled
  config::CorsConfig config;
  config::CorsPolicy policy = policyFor({"https://example.com"});
  policy.allow_credentials = true;
  policy.allow_headers = std::vector<std::string>{"*"};
  config.policies = {policy};
  EXPECT_NE(compileError(config).find("cors.policies[0].allow_headers: "), std::string::npos);

  config.allow_credentials = true;
  config.policies[0].allow_credentials = false;
  config.policies[0].methods = std::vector<std::string>{"*"};
  config.policies[0].expose_headers = std::vector<std::string>{"*"};
  EXPECT_TRUE(Cors::compile(config).ok());
}

TEST(CorsCompileTest, ReportsEveryProblemOnItsOwnLine) {
  // [config] test_cors_spec_comprehensive_wildcard_validation (Apollo stops at the first).
  config::CorsConfig config;
  config.allow_credentials = true;
  config.allow_headers = {"*"};
  config.methods = {"*"};
  config.expose_headers = {"*"};
  std::string error = compileError(config);
  EXPECT_EQ(error.rfind("cors.allow_headers: ", 0), 0u) << error;
  EXPECT_NE(error.find("\ncors.methods: "), std::string::npos) << error;
  EXPECT_NE(error.find("\ncors.expose_headers: "), std::string::npos) << error;
}

TEST(CorsCompileTest, ValidatesThePrivateNetworkAccessName) {
  // [config] test_empty_pna_access_name_cors_configuration,
  // test_bad_pna_access_name_cors_configuration, test_long_pna_access_name_cors_configuration
  auto errorFor = [](std::string name) {
    config::CorsConfig config;
    config::CorsPolicy policy = policyFor({std::string(kStudio)});
    policy.private_network_access =
        config::CorsPrivateNetworkAccess{.access_id = std::nullopt, .access_name = name};
    config.policies = {policy};
    return compileError(config);
  };
  EXPECT_EQ(errorFor(""),
            "cors.policies[0].private_network_access.access_name: Invalid CORS configuration: "
            "`Private-Network-Access-Name` header value must not be empty.");
  EXPECT_EQ(errorFor("Bad name"),
            "cors.policies[0].private_network_access.access_name: Invalid CORS configuration: "
            "`Private-Network-Access-Name` header value can only contain the characters "
            "a-z0-9_-.");
  std::string long_name;
  for (int i = 0; i < 28; ++i) long_name += "long_name";  // 252 bytes
  EXPECT_EQ(errorFor(long_name),
            "cors.policies[0].private_network_access.access_name: Invalid CORS configuration: "
            "`Private-Network-Access-Name` header value must be no longer than 248 characters.");
}

TEST(CorsCompileTest, ValidatesThePrivateNetworkAccessId) {
  // [config] test_short_pna_access_id_cors_configuration,
  // test_bad_pna_access_id_cors_configuration, test_non_hex_pna_access_id_cors_configuration
  auto compileWithId = [](std::string id) {
    config::CorsConfig config;
    config::CorsPolicy policy = policyFor({std::string(kStudio)});
    policy.private_network_access =
        config::CorsPrivateNetworkAccess{.access_id = id, .access_name = std::nullopt};
    config.policies = {policy};
    return Cors::compile(config);
  };
  const std::string expected =
      "cors.policies[0].private_network_access.access_id: Invalid CORS configuration: "
      "`Private-Network-Access-ID` header value must be a 48-bit value presented as 6 "
      "hexadecimal bytes separated by colons";
  for (std::string bad : {"01:23:45:56:78", "0:1:2:3:4:5:5:6:7", "O1:23:45:56:78:9A"}) {
    StatusOr<Cors> cors = compileWithId(bad);
    ASSERT_FALSE(cors.ok()) << bad;
    EXPECT_EQ(cors.status().message(), expected) << bad;
  }
  EXPECT_TRUE(compileWithId("01:23:45:67:89:0A").ok());
  EXPECT_TRUE(compileWithId("ab:cd:ef:AB:CD:EF").ok());
}

// --- Origin matching --------------------------------------------------------------------------

}  // namespace
}  // namespace plexus::server
