// Test support for the router's end-to-end tests: a two-subgraph supergraph (A "a" owns users,
// B "b" adds their reviews) and fake subgraphs on port 0 that answer every request with one
// canned JSON body and remember what they were sent (bodies and headers).
//
//   FakeSubgraph accounts(R"({"data":{"me":{"__typename":"User","id":"1","name":"Ada"}}})");
//   config.override_subgraph_url["a"] = accounts.url();
//
// Header-only; tests only.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "src/federation/supergraph_test_support.h"
#include "src/http/server.h"

namespace plexus::test {

inline constexpr std::string_view kIntegrationTypes = federation::test::kUsersAndReviewsTypes;

inline std::string integrationSupergraphSdl() {
  return federation::test::supergraph(kIntegrationTypes);
}

inline constexpr std::string_view kAccountsReply =
    R"({"data":{"me":{"__typename":"User","id":"1","name":"Ada"}}})";
inline constexpr std::string_view kReviewsReply =
    R"({"data":{"_entities":[{"__typename":"User","reviews":[{"body":"great"}]}]}})";

class FakeSubgraph {
 public:
  // Answers every request with `reply` and HTTP `status`.
  explicit FakeSubgraph(std::string_view reply, int status = 200) : reply_(reply), status_(status) {
    http::ServerOptions options;
    options.workers = 1;
    auto server = http::Server::start(options, [this](http::Request& request) {
      {
        std::lock_guard lock(mutex_);
        bodies_.push_back(request.body);
        headers_.push_back(request.headers);
      }
      return http::Response{
          .status = status_, .headers = {{"content-type", "application/json"}}, .body = reply_};
    });
    EXPECT_TRUE(server.ok()) << server.status().message();
    if (server.ok()) server_ = std::move(*server);
  }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server_ ? server_->port() : 0) + "/graphql";
  }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mutex_);
    return bodies_;
  }
  // The headers of each request received, in order.
  std::vector<http::Headers> headers() {
    std::lock_guard lock(mutex_);
    return headers_;
  }

 private:
  std::string reply_;
  int status_;
  std::mutex mutex_;
  std::vector<std::string> bodies_;
  std::vector<http::Headers> headers_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace plexus::test
