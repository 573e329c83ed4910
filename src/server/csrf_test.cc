#include "src/server/csrf.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

// Cases marked [csrf] are ported from Apollo Router's apollo-router/src/plugins/csrf/mod.rs
// (mod csrf_tests) and its fixtures (default / required_headers / unsafe_disabled.router.yaml).

namespace plexus::server {
namespace {

constexpr std::string_view kDefaultMessage =
    "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please "
    "either specify a 'content-type' header (with a mime-type that is not one of "
    "application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide one of the "
    "following headers: x-apollo-operation-name, apollo-require-preflight";

http::Request requestWith(http::Headers headers, std::string method = "POST") {
  http::Request request;
  request.method = std::move(method);
  request.target = "/";
  request.headers = std::move(headers);
  return request;
}

std::string codeOf(const RequestFailure& failure) {
  if (failure.errors.empty()) return "";
  const json::Value* code = failure.errors[0].extensions.find("code");
  return code && code->isString() ? code->asString() : "";
}

bool accepted(const config::CsrfConfig& config, http::Headers headers,
              std::string method = "POST") {
  return !checkCsrf(config, requestWith(std::move(headers), std::move(method))).has_value();
}

bool acceptedByDefault(http::Headers headers) { return accepted({}, std::move(headers)); }

config::CsrfConfig requiringMyToken() {
  // [csrf] fixtures/required_headers.router.yaml
  config::CsrfConfig config;
  config.required_headers = {"X-MY-CSRF-Token"};
  return config;
}

TEST(CsrfTest, LetsAPreflightedRequestThrough) {
  // [csrf] it_lets_preflighted_request_pass_through
  EXPECT_TRUE(acceptedByDefault({{"content-type", "application/json"}}));
  EXPECT_TRUE(acceptedByDefault({{"apollo-require-preflight", "this-is-a-test"}}));
  EXPECT_TRUE(acceptedByDefault({{"x-apollo-operation-name", "Query"}}));
  EXPECT_TRUE(acceptedByDefault({{"content-type", "application/graphql-response+json"}}));
}

TEST(CsrfTest, RefusesARequestWithoutContentTypeOrRequiredHeader) {
  // [csrf] it_rejects_non_preflighted_headers_request: 400, Apollo's message, CSRF_ERROR.
  std::optional<RequestFailure> refused = checkCsrf({}, requestWith({{"accept", "*/*"}}));
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 400);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].message, kDefaultMessage);
  EXPECT_EQ(codeOf(*refused), "CSRF_ERROR");
}

TEST(CsrfTest, AppliesToGetRequestsToo) {
  // [csrf] the fake requests of Apollo's tests are GETs.
  EXPECT_FALSE(accepted({}, {}, "GET"));
  EXPECT_TRUE(accepted({}, {{"apollo-require-preflight", "true"}}, "GET"));
  EXPECT_TRUE(accepted({}, {{"content-type", "application/json"}}, "GET"));
}

TEST(CsrfTest, RefusesTheSimpleContentTypes) {
  // [csrf] it_rejects_non_preflighted_content_type_request,
  // it_rejects_preflighted_multipart_form_data
  EXPECT_FALSE(acceptedByDefault({{"content-type", "text/plain"}}));
  EXPECT_FALSE(acceptedByDefault({{"content-type", "text/plain; charset=utf8"}}));
  EXPECT_FALSE(acceptedByDefault(
      {{"content-type",
        "multipart/form-data; "
        "boundary=842705fe5c26bcc3-e1302903b7efd762-d3aeccc8154e83c9-2ac7e6d91c6a7fdc"}}));
  EXPECT_FALSE(acceptedByDefault({{"content-type", "application/x-www-form-urlencoded"}}));
}

TEST(CsrfTest, ComparesTheMediaTypeIgnoringCaseAndParameters) {
  EXPECT_FALSE(acceptedByDefault({{"content-type", "TEXT/Plain"}}));
  EXPECT_FALSE(acceptedByDefault({{"content-type", "Multipart/Form-Data; boundary=x"}}));
  EXPECT_TRUE(acceptedByDefault({{"content-type", "Application/JSON; Charset=UTF-8"}}));
  EXPECT_TRUE(acceptedByDefault({{"content-type", R"(application/json;charset="utf-8")"}}));
  // The whole type/subtype is compared: a suffix makes it another media type.
  EXPECT_TRUE(acceptedByDefault({{"content-type", "text/plain+json"}}));
}

TEST(CsrfTest, AnEmptyContentTypeIsRefusedWith400) {
  // docs/source/routing/upgrade/from-router-v1.mdx, "Early enforcement of CSRF": v1 answered an
  // empty content-type with 415; v2's CSRF check runs first and answers 400.
  std::optional<RequestFailure> refused = checkCsrf({}, requestWith({{"content-type", ""}}));
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(codeOf(*refused), "CSRF_ERROR");
}

TEST(CsrfTest, AnUnparsableContentTypeDoesNotCountAsPreflighted) {
  // Apollo parses with the mime crate and, when it fails, errs on the side of caution.
  EXPECT_FALSE(acceptedByDefault({{"content-type", "application/json ; charset=utf-8"}}));
  EXPECT_FALSE(acceptedByDefault({{"content-type", "application/json; charset"}}));
  EXPECT_FALSE(acceptedByDefault({{"content-type", "application"}}));
  EXPECT_FALSE(acceptedByDefault({{"content-type", "/json"}}));
  EXPECT_FALSE(acceptedByDefault({{"content-type", "application/json; a=\"unterminated"}}));
  EXPECT_FALSE(acceptedByDefault({{"content-type", "application/js\xc3\xb6n"}}));
  // ... but with a required header it passes all the same.
  EXPECT_TRUE(acceptedByDefault(
      {{"content-type", "application/json ; charset=utf-8"}, {"apollo-require-preflight", "1"}}));
}

TEST(CsrfTest, TrimsTheContentTypeAndAcceptsTheMimeCratesQuirks) {
  EXPECT_TRUE(acceptedByDefault({{"content-type", " \tapplication/json\t "}}));
  EXPECT_TRUE(acceptedByDefault({{"content-type", "application/json;"}}));
  EXPECT_TRUE(acceptedByDefault({{"content-type", "application/json; "}}));  // trimmed first
  EXPECT_TRUE(acceptedByDefault({{"content-type", "application/json;  charset=utf-8"}}));
  EXPECT_TRUE(acceptedByDefault({{"content-type", "application/json; charset="}}));
  EXPECT_TRUE(acceptedByDefault({{"content-type", R"(application/json; a="x y" ; b=c)"}}));
}

TEST(CsrfTest, SeveralContentTypeFieldsAreJoinedBeforeParsing) {
  // Fetch's "combine" (", "), which the mime crate cannot parse: not preflighted.
  EXPECT_FALSE(
      acceptedByDefault({{"content-type", "application/json"}, {"content-type", "text/plain"}}));
  EXPECT_FALSE(acceptedByDefault(
      {{"content-type", "application/json"}, {"content-type", "application/json"}}));
}

TEST(CsrfTest, ARequiredHeaderCountsWhenPresentWhateverItsValueOrCase) {
  EXPECT_TRUE(acceptedByDefault({{"Apollo-Require-Preflight", ""}}));
  EXPECT_TRUE(
      acceptedByDefault({{"X-APOLLO-OPERATION-NAME", "x"}, {"content-type", "text/plain"}}));
}

TEST(CsrfTest, UnsafeDisabledLetsEverythingThrough) {
  // [csrf] it_accepts_non_preflighted_headers_request_when_plugin_is_disabled
  config::CsrfConfig config;
  config.unsafe_disabled = true;
  EXPECT_TRUE(accepted(config, {}));
  EXPECT_TRUE(accepted(config, {{"content-type", "text/plain"}}));
}

TEST(CsrfTest, CustomRequiredHeadersReplaceTheDefaults) {
  // [csrf] it_rejects_non_preflighted_headers_request_when_required_headers_are_not_present,
  // it_accepts_non_preflighted_headers_request_when_required_headers_are_present
  config::CsrfConfig config = requiringMyToken();
  EXPECT_FALSE(accepted(config, {}));
  EXPECT_FALSE(accepted(config, {{"apollo-require-preflight", "true"}}));
  EXPECT_TRUE(accepted(config, {{"X-MY-CSRF-Token", "this-is-a-test"}}));
  EXPECT_TRUE(accepted(config, {{"x-my-csrf-token", "this-is-a-test"}}));
  EXPECT_TRUE(accepted(config, {{"content-type", "application/json"}}));
}

TEST(CsrfTest, TheMessageNamesTheConfiguredHeaders) {
  config::CsrfConfig config;
  config.required_headers = {"X-MY-CSRF-Token", "x-other"};
  std::optional<RequestFailure> refused = checkCsrf(config, requestWith({}));
  ASSERT_TRUE(refused.has_value());
  ASSERT_EQ(refused->errors.size(), 1u);
  const std::string& message = refused->errors[0].message;
  EXPECT_TRUE(
      message.ends_with("or provide one of the following headers: X-MY-CSRF-Token, x-other"))
      << message;
}

TEST(CsrfTest, ContentTypeRequiresPreflightReadsOnlyTheContentType) {
  EXPECT_FALSE(contentTypeRequiresPreflight({}));
  EXPECT_FALSE(contentTypeRequiresPreflight({{"apollo-require-preflight", "1"}}));
  EXPECT_TRUE(contentTypeRequiresPreflight({{"Content-Type", "application/json"}}));
  EXPECT_TRUE(isPreflighted({{"x-token", ""}}, {"x-token"}));
  EXPECT_FALSE(isPreflighted({{"x-token", ""}}, {}));
}

}  // namespace
}  // namespace plexus::server
