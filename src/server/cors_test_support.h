// Test support for the CORS tests (cors_test.cc, cors_compile_test.cc): configurations, requests
// and the answer a Cors gives them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "src/server/cors.h"

namespace plexus::server::cors_test {

using std::chrono::milliseconds;
using std::chrono::seconds;

inline constexpr std::string_view kStudio = "https://studio.apollographql.com";

inline config::CorsPolicy policyFor(std::vector<std::string> origins) {
  config::CorsPolicy policy;
  policy.origins = std::move(origins);
  return policy;
}

inline config::CorsPolicy regexPolicy(std::vector<std::string> patterns) {
  config::CorsPolicy policy;
  policy.match_origins = std::move(patterns);
  return policy;
}

inline Cors compiled(const config::CorsConfig& config) {
  StatusOr<Cors> cors = Cors::compile(config);
  if (!cors.ok()) {
    ADD_FAILURE() << "compile failed: " << cors.status().message();
    return *Cors::compile(config::CorsConfig{});
  }
  return *cors;
}

inline std::string compileError(const config::CorsConfig& config) {
  StatusOr<Cors> cors = Cors::compile(config);
  EXPECT_FALSE(cors.ok()) << "compiled";
  return cors.ok() ? "" : cors.status().message();
}

inline http::Request request(std::string method, std::optional<std::string_view> origin,
                             http::Headers extra = {}) {
  http::Request request;
  request.method = std::move(method);
  request.target = "/";
  if (origin) request.headers.add("origin", *origin);
  for (const auto& [name, value] : extra) request.headers.add(name, value);
  return request;
}

// What a client sees: Apollo's CorsService around a service answering 200 "ok" (DummyService),
// optionally with response headers of its own.
inline http::Response serve(const Cors& cors, const http::Request& request,
                            http::Headers inner = {}) {
  if (std::optional<http::Response> answer = cors.preflight(request)) return *answer;
  http::Response response{.status = 200, .headers = std::move(inner), .body = "ok"};
  cors.addHeaders(request, response);
  return response;
}

inline std::optional<std::string> header(const http::Response& response, std::string_view name) {
  std::optional<std::string_view> value = response.headers.get(name);
  if (!value) return std::nullopt;
  return std::string(*value);
}

// --- Load-time validation -------------------------------------------------------------------

}  // namespace plexus::server::cors_test
