#include "src/server/cors.h"

#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/server/cors_test_support.h"

// Cors at request time: origin matching, preflights and the headers of ordinary answers.
// Many cases are ported from Apollo Router's own tests; each names its origin:
//   [plugin]  apollo-router/src/plugins/cors.rs, mod tests
//   [config]  apollo-router/src/configuration/cors.rs, mod tests
//   [axum]    apollo-router/src/axum_factory/tests.rs

namespace plexus::server {
namespace {

using namespace cors_test;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(CorsTest, TheDefaultPolicyAllowsOnlyStudio) {
  // [axum] cors_origin_default: an unmatched origin's preflight still succeeds, without
  // access-control-allow-origin.
  Cors cors = compiled({});
  http::Response allowed =
      serve(cors, request("OPTIONS", kStudio,
                          {{"access-control-request-method", "POST"},
                           {"access-control-request-headers", "content-type"}}));
  EXPECT_EQ(allowed.status, 200);
  EXPECT_EQ(header(allowed, "access-control-allow-origin"), kStudio);
  EXPECT_EQ(header(allowed, "access-control-allow-methods"), "GET, POST, OPTIONS");
  EXPECT_EQ(header(allowed, "access-control-allow-headers"), "content-type");

  http::Response refused =
      serve(cors, request("OPTIONS", "https://this.wont.work.com",
                          {{"access-control-request-method", "POST"},
                           {"access-control-request-headers", "content-type"}}));
  EXPECT_EQ(refused.status, 200);
  EXPECT_EQ(header(refused, "access-control-allow-origin"), std::nullopt);
  EXPECT_EQ(header(refused, "access-control-allow-methods"), "GET, POST, OPTIONS");
  EXPECT_TRUE(refused.body.empty());

  http::Response simple = serve(cors, request("POST", "https://this.wont.work.com"));
  EXPECT_EQ(header(simple, "access-control-allow-origin"), std::nullopt);
  EXPECT_EQ(header(simple, "vary"), "origin");
  EXPECT_EQ(simple.body, "ok");
}

TEST(CorsTest, AnEmptyPolicyListAllowsNoOrigin) {
  config::CorsConfig config;
  config.policies = {};
  http::Response response = serve(compiled(config), request("GET", kStudio));
  EXPECT_EQ(header(response, "access-control-allow-origin"), std::nullopt);
}

TEST(CorsTest, MatchesAnExactOriginListAndEchoesIt) {
  // [axum] cors_origin_list
  config::CorsConfig config;
  config.policies = {policyFor({"https://thisoriginisallowed.com"})};
  Cors cors = compiled(config);
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://thisoriginisallowed.com")),
                   "access-control-allow-origin"),
            "https://thisoriginisallowed.com");
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://thisoriginisinvalid")),
                   "access-control-allow-origin"),
            std::nullopt);
}

TEST(CorsTest, ExactOriginMatchingIsCaseSensitive) {
  // [config] test_case_sensitive_origin_matching: the configured spelling, byte for byte.
  config::CorsConfig config;
  config.policies = {policyFor({"https://Example.com"})};
  Cors cors = compiled(config);
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://example.com")), "access-control-allow-origin"),
      std::nullopt);
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://Example.com")), "access-control-allow-origin"),
      "https://Example.com");
}

TEST(CorsTest, MatchesRegexOriginsAndExactOnesInTheSamePolicy) {
  // [axum] cors_origin_regex
  config::CorsConfig config;
  config::CorsPolicy policy = policyFor({"https://anexactmatchorigin.com"});
  policy.match_origins = {"https://([a-z0-9]+[.])*apollographql[.]com"};
  policy.allow_headers = std::vector<std::string>{"content-type", "x-an-other-test-header",
                                                  "apollo-require-preflight"};
  config.policies = {policy};
  Cors cors = compiled(config);
  for (std::string_view origin :
       {"https://www.apollographql.com", "https://staging.apollographql.com",
        "https://anexactmatchorigin.com"}) {
    http::Response response = serve(cors, request("OPTIONS", origin));
    EXPECT_EQ(header(response, "access-control-allow-origin"), origin);
    EXPECT_EQ(header(response, "access-control-allow-headers"),
              "content-type, x-an-other-test-header, apollo-require-preflight");
  }
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://thisshouldnotwork.com")),
                   "access-control-allow-origin"),
            std::nullopt);
}

TEST(CorsTest, RegexesSearchTheOriginUnlessAnchored) {
  // Rust's Regex::is_match finds a match anywhere, so Apollo's docs anchor with ^…$.
  config::CorsConfig config;
  config.policies = {regexPolicy({R"(https://.*\.test\.com)"})};
  Cors unanchored = compiled(config);
  EXPECT_EQ(header(serve(unanchored, request("GET", "https://api.test.com.evil.example")),
                   "access-control-allow-origin"),
            "https://api.test.com.evil.example");

  config.policies = {regexPolicy({R"(^https://([a-z0-9]+[.])*api[.]example[.]com$)"})};
  Cors anchored = compiled(config);
  EXPECT_EQ(header(serve(anchored, request("GET", "https://eu.api.example.com")),
                   "access-control-allow-origin"),
            "https://eu.api.example.com");
  EXPECT_EQ(header(serve(anchored, request("GET", "https://eu.api.example.com.evil.example")),
                   "access-control-allow-origin"),
            std::nullopt);
  EXPECT_EQ(header(serve(anchored, request("GET", "http://eu.api.example.com")),
                   "access-control-allow-origin"),
            std::nullopt);
}

TEST(CorsTest, TheFirstMatchingPolicyWinsEvenOverALaterExactMatch) {
  // [config] test_multiple_origin_config_precedence: policies are tried in order; within one,
  // exact origins before regexes (CorsService::find_matching_policy).
  config::CorsConfig config;
  config::CorsPolicy by_regex = regexPolicy({R"(https://.*\.example\.com)"});
  by_regex.allow_headers = std::vector<std::string>{"regex-header"};
  config::CorsPolicy exact = policyFor({"https://api.example.com", "https://other.org"});
  exact.allow_headers = std::vector<std::string>{"exact-header"};
  config.policies = {by_regex, exact};
  Cors cors = compiled(config);
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://api.example.com")),
                   "access-control-allow-headers"),
            "regex-header");
  EXPECT_EQ(
      header(serve(cors, request("OPTIONS", "https://other.org")), "access-control-allow-headers"),
      "exact-header");
}

TEST(CorsTest, RegularOriginsWorkBesideTheNullGuard) {
  // [plugin] test_regular_origins_still_work_with_null_guard
  config::CorsConfig config;
  config.policies = {policyFor({"https://example.com"}), regexPolicy({R"(https://.*\.test\.com)"})};
  Cors cors = compiled(config);
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://example.com")), "access-control-allow-origin"),
      "https://example.com");
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://api.test.com")), "access-control-allow-origin"),
      "https://api.test.com");
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://malicious.com")), "access-control-allow-origin"),
      std::nullopt);
}

TEST(CorsTest, ANullOriginNeverMatchesAPolicy) {
  // [plugin] test_null_origin_rejected_with_catch_all_regex,
  // test_null_origin_rejected_with_specific_regex, test_null_origin_preflight_request_rejected
  for (std::string pattern : {".*", "n.ll"}) {
    config::CorsConfig config;
    config::CorsPolicy policy = regexPolicy({pattern});
    policy.allow_credentials = false;
    config.policies = {policy};
    Cors cors = compiled(config);
    EXPECT_EQ(header(serve(cors, request("GET", "null")), "access-control-allow-origin"),
              std::nullopt)
        << pattern;
    EXPECT_EQ(header(serve(cors, request("OPTIONS", "null")), "access-control-allow-origin"),
              std::nullopt)
        << pattern;
  }
}

TEST(CorsTest, AllowAnyOriginAnswersStarForAnyOriginIncludingNull) {
  // [plugin] test_allow_any_origin, test_allow_any_origin_preflight,
  // test_null_origin_allowed_with_allow_any_origin,
  // test_null_origin_preflight_allowed_with_allow_any_origin; [axum] cors_allow_any_origin
  config::CorsConfig config;
  config.allow_any_origin = true;
  Cors cors = compiled(config);
  for (std::string method : {"GET", "OPTIONS"}) {
    for (std::string_view origin : {"http://example.com/", "null", "https://thisisatest.com"}) {
      EXPECT_EQ(header(serve(cors, request(method, origin)), "access-control-allow-origin"), "*")
          << method << " " << origin;
    }
  }
}

TEST(CorsTest, WithoutAnOriginThereIsNoAllowOriginEvenForAnyOrigin) {
  // [plugin] test_allow_any_origin_nocors, test_allow_any_origin_nocors_preflight;
  // [axum] cors_allow_any_origin_but_no_origin_header
  config::CorsConfig config;
  config.allow_any_origin = true;
  Cors cors = compiled(config);
  http::Response simple = serve(cors, request("GET", std::nullopt));
  EXPECT_EQ(header(simple, "access-control-allow-origin"), std::nullopt);
  http::Response preflight =
      serve(cors, request("OPTIONS", std::nullopt,
                          {{"access-control-request-method", "POST"},
                           {"access-control-request-headers", "content-type"}}));
  EXPECT_EQ(preflight.status, 200);
  EXPECT_EQ(header(preflight, "access-control-allow-origin"), std::nullopt);
}

TEST(CorsTest, AnOverlongOrNonAsciiOriginIsNeverMatchedByARegex) {
  config::CorsConfig config;
  config.policies = {regexPolicy({".*"})};
  Cors cors = compiled(config);
  std::string huge = "https://" + std::string(200'000, 'a') + ".com";
  EXPECT_EQ(header(serve(cors, request("GET", huge)), "access-control-allow-origin"), std::nullopt);
  EXPECT_EQ(header(serve(cors, request("GET", "https://b\xc3\xa9.example")),
                   "access-control-allow-origin"),
            std::nullopt);
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://ok.example")), "access-control-allow-origin"),
      "https://ok.example");
}

// --- Preflight answers ------------------------------------------------------------------------

TEST(CorsTest, OnlyOptionsRequestsGetAPreflightAnswer) {
  Cors cors = compiled({});
  EXPECT_FALSE(cors.preflight(request("GET", kStudio)).has_value());
  EXPECT_FALSE(cors.preflight(request("POST", kStudio)).has_value());
  std::optional<http::Response> answer = cors.preflight(request("OPTIONS", kStudio));
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->status, 200);
  EXPECT_TRUE(answer->body.empty());
}

TEST(CorsTest, APreflightAnswersWhatStudioAsks) {
  // [axum] cors_preflight (an `accept: text/html` does not turn it into the landing page).
  Cors cors = compiled({});
  http::Response response =
      serve(cors, request("OPTIONS", kStudio,
                          {{"accept", "text/html"},
                           {"access-control-request-method", "POST"},
                           {"access-control-request-headers",
                            "content-type, x-an-other-test-header, apollo-require-preflight"}}));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(header(response, "access-control-allow-origin"), kStudio);
  EXPECT_EQ(header(response, "access-control-allow-headers"),
            "content-type, x-an-other-test-header, apollo-require-preflight");
  EXPECT_EQ(header(response, "access-control-allow-methods"), "GET, POST, OPTIONS");
  EXPECT_EQ(header(response, "access-control-allow-credentials"), std::nullopt);
  EXPECT_EQ(header(response, "access-control-max-age"), std::nullopt);
  EXPECT_EQ(header(response, "access-control-expose-headers"), std::nullopt);
}

TEST(CorsTest, MirrorsRequestedHeadersOnlyInAPreflightWithNoneConfigured) {
  // [plugin] test_mirror_request_headers_preflight, test_no_mirror_request_headers_non_preflight
  Cors cors = compiled({});
  http::Headers asked = {{"access-control-request-headers", "x-foo, x-bar"}};
  EXPECT_EQ(header(serve(cors, request("OPTIONS", kStudio, asked)), "access-control-allow-headers"),
            "x-foo, x-bar");
  EXPECT_EQ(header(serve(cors, request("GET", kStudio, asked)), "access-control-allow-headers"),
            std::nullopt);
  EXPECT_EQ(header(serve(cors, request("OPTIONS", kStudio)), "access-control-allow-headers"),
            std::nullopt);
}

TEST(CorsTest, ConfiguredAllowHeadersAreOneCommaSeparatedField) {
  // [plugin] test_cors_headers_comma_separated_format
  config::CorsConfig config;
  config.allow_headers = {"content-type", "authorization", "x-custom"};
  http::Response response =
      serve(compiled(config),
            request("OPTIONS", kStudio, {{"access-control-request-headers", "x-other"}}));
  EXPECT_EQ(header(response, "access-control-allow-headers"),
            "content-type, authorization, x-custom");
  EXPECT_EQ(response.headers.getAll("access-control-allow-headers").size(), 1u);
}

TEST(CorsTest, PolicyAllowHeadersOverrideTheGlobalOnesUnlessEmpty) {
  config::CorsConfig config;
  config.allow_headers = {"global-header"};
  config::CorsPolicy own = policyFor({"https://own.example"});
  own.allow_headers = std::vector<std::string>{"own-header"};
  config::CorsPolicy empty = policyFor({"https://empty.example"});
  empty.allow_headers = std::vector<std::string>{};
  config.policies = {own, empty};
  Cors cors = compiled(config);
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://own.example")),
                   "access-control-allow-headers"),
            "own-header");
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://empty.example")),
                   "access-control-allow-headers"),
            "global-header");
}

TEST(CorsTest, AllowMethodsAreOneCommaSeparatedField) {
  // [plugin] test_cors_methods_comma_separated_format
  config::CorsConfig config;
  config.methods = {"GET", "POST", "PUT"};
  http::Response response = serve(compiled(config), request("OPTIONS", kStudio));
  EXPECT_EQ(header(response, "access-control-allow-methods"), "GET, POST, PUT");
  EXPECT_EQ(response.headers.getAll("access-control-allow-methods").size(), 1u);
}

TEST(CorsTest, PolicyMethodsInheritOverrideOrEmpty) {
  // [plugin] test_policy_methods_fallback_to_global, test_policy_empty_methods_runtime,
  // test_policy_specific_methods_runtime. The method asked for is not looked at: the browser
  // enforces the list.
  config::CorsConfig config;
  config.methods = {"POST"};
  config::CorsPolicy inherit = policyFor({"https://inherit.example"});
  config::CorsPolicy none = policyFor({"https://none.example"});
  none.methods = std::vector<std::string>{};
  config::CorsPolicy own = policyFor({"https://own.example"});
  own.methods = std::vector<std::string>{"GET", "DELETE"};
  config.policies = {inherit, none, own};
  Cors cors = compiled(config);
  http::Headers asked = {{"access-control-request-method", "PATCH"}};
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://inherit.example", asked)),
                   "access-control-allow-methods"),
            "POST");
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://none.example", asked)),
                   "access-control-allow-methods"),
            "");
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://own.example", asked)),
                   "access-control-allow-methods"),
            "GET, DELETE");
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://own.example")), "access-control-allow-methods"),
      std::nullopt);
}

TEST(CorsTest, MaxAgeIsWholeSecondsAndOnlyInPreflights) {
  // [axum] cors_max_age: the global max_age is sent even for an origin no policy matches.
  config::CorsConfig config;
  config.max_age = seconds(100);
  Cors cors = compiled(config);
  EXPECT_EQ(
      header(serve(cors, request("OPTIONS", "https://thisisatest.com")), "access-control-max-age"),
      "100");
  EXPECT_EQ(header(serve(cors, request("GET", kStudio)), "access-control-max-age"), std::nullopt);

  config.max_age = milliseconds(1999);  // Duration::as_secs truncates
  EXPECT_EQ(header(serve(compiled(config), request("OPTIONS", kStudio)), "access-control-max-age"),
            "1");
  config.max_age = seconds(0);
  EXPECT_EQ(header(serve(compiled(config), request("OPTIONS", kStudio)), "access-control-max-age"),
            "0");
}

TEST(CorsTest, APolicyMaxAgeOverridesTheGlobalOne) {
  config::CorsConfig config;
  config.max_age = seconds(100);
  config::CorsPolicy own = policyFor({"https://own.example"});
  own.max_age = seconds(600);
  config.policies = {own, policyFor({"https://inherit.example"})};
  Cors cors = compiled(config);
  EXPECT_EQ(
      header(serve(cors, request("OPTIONS", "https://own.example")), "access-control-max-age"),
      "600");
  EXPECT_EQ(
      header(serve(cors, request("OPTIONS", "https://inherit.example")), "access-control-max-age"),
      "100");
}

// --- Credentials ------------------------------------------------------------------------------

TEST(CorsTest, CredentialsAreAllowedOnPreflightsAndResponses) {
  // [config] test_cors_spec_include_credentials_specific_origin_accepted
  config::CorsConfig config;
  config.allow_credentials = true;
  config.policies = {policyFor({"https://rabbit.invalid"})};
  Cors cors = compiled(config);
  for (std::string method : {"OPTIONS", "POST"}) {
    http::Response response = serve(cors, request(method, "https://rabbit.invalid"));
    EXPECT_EQ(header(response, "access-control-allow-origin"), "https://rabbit.invalid");
    EXPECT_EQ(header(response, "access-control-allow-credentials"), "true") << method;
  }
}

TEST(CorsTest, APolicyOverridesTheGlobalCredentialsSetting) {
  config::CorsConfig config;
  config.allow_credentials = true;
  config::CorsPolicy without = policyFor({"https://without.example"});
  without.allow_credentials = false;
  config::CorsPolicy with = policyFor({"https://with.example"});
  with.allow_credentials = true;
  config.policies = {without, with};
  Cors cors = compiled(config);
  EXPECT_EQ(header(serve(cors, request("GET", "https://without.example")),
                   "access-control-allow-credentials"),
            std::nullopt);
  EXPECT_EQ(header(serve(cors, request("GET", "https://with.example")),
                   "access-control-allow-credentials"),
            "true");

  config.allow_credentials = false;
  cors = compiled(config);
  EXPECT_EQ(header(serve(cors, request("GET", "https://with.example")),
                   "access-control-allow-credentials"),
            "true");
}

// --- Expose headers ---------------------------------------------------------------------------

TEST(CorsTest, ExposeHeadersGoOnOrdinaryResponsesOnly) {
  // [plugin] test_non_preflight_cors_headers, test_expose_headers_non_preflight_set,
  // test_expose_headers_non_preflight_not_set
  config::CorsConfig config;
  config::CorsPolicy trusted = policyFor({"https://trusted.com"});
  trusted.expose_headers = std::vector<std::string>{"x-custom-header"};
  config.policies = {trusted};
  Cors cors = compiled(config);
  http::Response response = serve(cors, request("GET", "https://trusted.com"));
  EXPECT_EQ(header(response, "access-control-allow-origin"), "https://trusted.com");
  EXPECT_EQ(header(response, "access-control-expose-headers"), "x-custom-header");
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://trusted.com")),
                   "access-control-expose-headers"),
            std::nullopt);

  config = {};
  config.expose_headers = {"x-foo", "x-bar"};
  EXPECT_EQ(
      header(serve(compiled(config), request("GET", kStudio)), "access-control-expose-headers"),
      "x-foo, x-bar");
  EXPECT_EQ(header(serve(compiled({}), request("GET", kStudio)), "access-control-expose-headers"),
            std::nullopt);
}

TEST(CorsTest, PolicyExposeHeadersOverrideTheGlobalOnesUnlessEmpty) {
  config::CorsConfig config;
  config.expose_headers = {"x-global"};
  config::CorsPolicy own = policyFor({"https://own.example"});
  own.expose_headers = std::vector<std::string>{"x-own"};
  config::CorsPolicy empty = policyFor({"https://empty.example"});
  empty.expose_headers = std::vector<std::string>{};
  config.policies = {own, empty};
  Cors cors = compiled(config);
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://own.example")), "access-control-expose-headers"),
      "x-own");
  EXPECT_EQ(
      header(serve(cors, request("GET", "https://empty.example")), "access-control-expose-headers"),
      "x-global");
}

// --- Ordinary responses -----------------------------------------------------------------------

TEST(CorsTest, AnErrorResponseKeepsItsStatusAndBodyAndGainsTheHeaders) {
  Cors cors = compiled({});
  http::Response response;
  response.status = 400;
  response.body = R"({"errors":[]})";
  response.headers.set("content-type", "application/json");
  response.headers.set("access-control-allow-origin", "https://stale.example");
  cors.addHeaders(request("POST", kStudio), response);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, R"({"errors":[]})");
  EXPECT_EQ(header(response, "content-type"), "application/json");
  EXPECT_EQ(response.headers.getAll("access-control-allow-origin"),
            std::vector<std::string_view>{kStudio});
}

TEST(CorsTest, AddHeadersFromTheOriginAlone) {
  Cors cors = compiled({});
  http::Response response;
  cors.addHeaders(std::optional<std::string_view>(kStudio), response);
  EXPECT_EQ(header(response, "access-control-allow-origin"), kStudio);
  http::Response anonymous;
  cors.addHeaders(std::optional<std::string_view>(), anonymous);
  EXPECT_EQ(header(anonymous, "access-control-allow-origin"), std::nullopt);
  EXPECT_EQ(header(anonymous, "vary"), "origin");
}

// --- Vary -------------------------------------------------------------------------------------

TEST(CorsTest, VaryIsOriginOnOrdinaryResponses) {
  // [plugin] test_vary_header_set_for_cors_requests, test_vary_header_non_preflight_only_origin
  Cors cors = compiled({});
  EXPECT_EQ(header(serve(cors, request("GET", kStudio,
                                       {{"access-control-request-headers", "content-type"}})),
                   "vary"),
            "origin");
}

TEST(CorsTest, VaryKeepsTheResponsesOwnValues) {
  // [plugin] test_vary_header_preserves_existing_values,
  // test_vary_header_preserves_complex_existing_values_non_preflight
  Cors cors = compiled({});
  EXPECT_EQ(header(serve(cors, request("GET", kStudio), {{"vary", "Accept-Encoding, User-Agent"}}),
                   "vary"),
            "Accept-Encoding, User-Agent, origin");
  EXPECT_EQ(
      header(serve(cors, request("GET", kStudio), {{"vary", "Accept-Language, Accept-Encoding"}}),
             "vary"),
      "Accept-Language, Accept-Encoding, origin");
}

TEST(CorsTest, VaryDoesNotRepeatOriginInAnyCase) {
  // [plugin] test_vary_header_no_duplicates, test_vary_header_no_duplicates_case_insensitive
  Cors cors = compiled({});
  EXPECT_EQ(header(serve(cors, request("GET", kStudio),
                         {{"vary", "accept-encoding, origin, user-agent"}}),
                   "vary"),
            "accept-encoding, origin, user-agent");
  EXPECT_EQ(header(serve(cors, request("GET", kStudio),
                         {{"vary", "Accept-Encoding, Origin, User-Agent"}}),
                   "vary"),
            "Accept-Encoding, Origin, User-Agent");
}

TEST(CorsTest, VaryOnAPreflightAlsoNamesTheRequestedHeaders) {
  // [plugin] test_vary_header_preflight_includes_request_headers,
  // test_vary_header_preflight_only_cors_headers
  Cors cors = compiled({});
  EXPECT_EQ(header(serve(cors, request("OPTIONS", kStudio,
                                       {{"access-control-request-headers", "content-type"}})),
                   "vary"),
            "origin, access-control-request-headers");
  EXPECT_EQ(header(serve(cors, request("OPTIONS", kStudio)), "vary"),
            "origin, access-control-request-headers");
}

// --- Private network access -------------------------------------------------------------------

TEST(CorsTest, PrivateNetworkAccessWithoutNameOrId) {
  // [plugin] pna_without_other_headers: sent on the policy's preflights, whether or not the
  // browser asked with access-control-request-private-network.
  config::CorsConfig config;
  config::CorsPolicy policy = policyFor({std::string(kStudio)});
  policy.private_network_access = config::CorsPrivateNetworkAccess{};
  config.policies = {policy};
  Cors cors = compiled(config);
  http::Response response = serve(cors, request("OPTIONS", kStudio));
  EXPECT_EQ(header(response, "access-control-allow-private-network"), "true");
  EXPECT_EQ(header(response, "private-network-access-name"), std::nullopt);
  EXPECT_EQ(header(response, "private-network-access-id"), std::nullopt);
  http::Response asked = serve(
      cors, request("OPTIONS", kStudio, {{"access-control-request-private-network", "true"}}));
  EXPECT_EQ(header(asked, "access-control-allow-private-network"), "true");
}

TEST(CorsTest, PrivateNetworkAccessWithName) {
  // [plugin] pna_with_access_name (with allow_any_origin, the policy still supplies it)
  config::CorsConfig config;
  config.allow_any_origin = true;
  config::CorsPolicy policy = policyFor({std::string(kStudio)});
  policy.private_network_access =
      config::CorsPrivateNetworkAccess{.access_id = std::nullopt, .access_name = "ferris-server"};
  config.policies = {policy};
  http::Response response = serve(compiled(config), request("OPTIONS", kStudio));
  EXPECT_EQ(header(response, "access-control-allow-origin"), "*");
  EXPECT_EQ(header(response, "access-control-allow-private-network"), "true");
  EXPECT_EQ(header(response, "private-network-access-name"), "ferris-server");
  EXPECT_EQ(header(response, "private-network-access-id"), std::nullopt);
}

TEST(CorsTest, PrivateNetworkAccessWithNameAndId) {
  // [plugin] pna_with_access_name_and_id
  config::CorsConfig config;
  config::CorsPolicy policy = policyFor({std::string(kStudio)});
  policy.private_network_access = config::CorsPrivateNetworkAccess{.access_id = "01:23:45:67:89:0A",
                                                                   .access_name = "ferris-server"};
  config.policies = {policy};
  Cors cors = compiled(config);
  http::Response response = serve(cors, request("OPTIONS", kStudio));
  EXPECT_EQ(header(response, "access-control-allow-private-network"), "true");
  EXPECT_EQ(header(response, "private-network-access-name"), "ferris-server");
  EXPECT_EQ(header(response, "private-network-access-id"), "01:23:45:67:89:0A");

  // Not on ordinary responses, nor for an origin the policy does not match.
  EXPECT_EQ(header(serve(cors, request("POST", kStudio)), "access-control-allow-private-network"),
            std::nullopt);
  EXPECT_EQ(header(serve(cors, request("OPTIONS", "https://elsewhere.example")),
                   "access-control-allow-private-network"),
            std::nullopt);
}

}  // namespace
}  // namespace plexus::server
