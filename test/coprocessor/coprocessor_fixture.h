// Test support for the coprocessor conformance suite: the fake coprocessor
// (test/coprocessor/fake_coprocessor.py) as a child process, scripted over its control API, and
// the router in-process (ServingFixture) configured to call it.
//
//   class MyTest : public CoprocessorFixture {};
//   TEST_F(MyTest, …) {
//     coprocessor_.script(R"([{"stage":"RouterRequest","merge":{"control":{"break":401}}}])");
//     auto router = startWith("router:\n    request:\n      headers: true\n");
//     http::ClientResult r = query(*router);
//     json::Value calls = coprocessor_.envelopes("RouterRequest");
//   }
//
// Header-only; tests only.
#pragma once

#include <signal.h>

#include <chrono>
#include <memory>
#include <regex>
#include <string>

#include "src/json/value.h"
#include "test/integration/router_process.h"
#include "test/integration/serving_fixture.h"

namespace plexus::test {

inline constexpr std::string_view kMeQuery = R"({"query":"{ me { name reviews { body } } }"})";
// Refused with 400 by the supergraph stage itself (introspection is off), so the supergraph
// response stages see an error response. (A query that does not validate is answered before the
// supergraph stage.)
inline constexpr std::string_view kRefusedQuery =
    R"({"query":"{ __schema { queryType { name } } }"})";
inline constexpr std::string_view kMeAnswer =
    R"({"data":{"me":{"name":"Ada","reviews":[{"body":"great"}]}}})";

class FakeCoprocessor {
 public:
  // On 127.0.0.1 with a free port, or on the Unix socket `unix_path`.
  explicit FakeCoprocessor(const std::string& unix_path = "")
      : process_("python3",
                 unix_path.empty()
                     ? std::vector<std::string>{PLEXUS_FAKE_COPROCESSOR, "--port", "0"}
                     : std::vector<std::string>{PLEXUS_FAKE_COPROCESSOR, "--unix", unix_path}) {
    auto line =
        process_.waitForLine(std::regex(R"(LISTENING (unix:)?(\S+))"), std::chrono::seconds(20));
    EXPECT_TRUE(line) << process_.log();
    if (!line) return;
    if ((*line)[1].matched) {
      unix_path_ = (*line)[2];
    } else {
      port_ = (*line)[2];
    }
  }
  ~FakeCoprocessor() { stop(); }

  // What router.yaml's coprocessor.url names.
  std::string url() const {
    return unix_path_.empty() ? "http://127.0.0.1:" + port_ : "unix://" + unix_path_;
  }
  bool running() const { return !stopped_; }
  void stop() {
    if (stopped_) return;
    stopped_ = true;
    process_.stop(SIGTERM, std::chrono::seconds(5));
  }

  // Installs rules (a JSON array; see test/coprocessor/README.md).
  void script(std::string_view rules) {
    http::ClientResult r = control("POST", "script", R"({"rules":)" + std::string(rules) + "}");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r.response().status, 200) << r.response().body;
  }
  void reset() { control("POST", "reset", "{}"); }
  // Every call received, oldest first: [{"envelope":…, "headers":…, "path":…}, …].
  json::Value received() {
    http::ClientResult r = control("GET", "received", "");
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return json::Value::array();
    auto parsed = json::parse(r.response().body);
    return parsed.ok() ? std::move(*parsed) : json::Value::array();
  }
  // The envelopes received for `stage`, oldest first.
  std::vector<json::Value> envelopes(std::string_view stage) {
    std::vector<json::Value> out;
    json::Value all = received();
    for (const json::Value& call : all.asArray()) {
      const json::Value* envelope = call.find("envelope");
      if (!envelope || !envelope->isObject()) continue;
      const json::Value* name = envelope->find("stage");
      if (name && name->isString() && name->asString() == stage) out.push_back(*envelope);
    }
    return out;
  }

 private:
  http::ClientResult control(std::string method, std::string_view what, std::string body) {
    http::ClientRequest request{.url = "http://localhost/__control/" + std::string(what),
                                .timeout = std::chrono::seconds(10)};
    if (unix_path_.empty()) {
      request.url = "http://127.0.0.1:" + port_ + "/__control/" + std::string(what);
    } else {
      request.unix_socket = unix_path_;
    }
    request.request.method = std::move(method);
    request.request.headers.set("content-type", "application/json");
    request.request.body = std::move(body);
    return client_.fetch(std::move(request));
  }

  RouterProcess process_;
  std::string port_;
  std::string unix_path_;
  bool stopped_ = false;
  http::testing::ClientRunner client_;
};

class CoprocessorFixture : public ServingFixture {
 protected:
  // router.yaml with `coprocessor:` calling the fake; `stages` is the YAML under `coprocessor:`
  // after url, as if it were at the top level (each line gets indented by 2), e.g.
  // "router:\n  request:\n    headers: true\n".
  std::string yaml(std::string_view stages, std::string_view extra_top_level = "") const {
    std::string indented;
    for (size_t start = 0; start < stages.size();) {
      size_t end = stages.find('\n', start);
      if (end == std::string_view::npos) end = stages.size() - 1;
      indented += "  " + std::string(stages.substr(start, end - start + 1));
      start = end + 1;
    }
    // Subgraph errors shown: the subgraph stages' failures are fetch errors to check.
    return "health_check:\n  enabled: false\ninclude_subgraph_errors:\n  all: true\n" +
           std::string(extra_top_level) + "coprocessor:\n  url: " + coprocessor_.url() + "\n" +
           indented;
  }
  std::unique_ptr<server::Router> startWith(std::string_view stages,
                                            std::string_view extra_top_level = "") {
    return start(yaml(stages, extra_top_level));
  }
  http::ClientResult query(server::Router& router, http::Headers extra = {},
                           std::string_view body = kMeQuery) {
    extra.set("content-type", "application/json");
    return send(router.url(), "POST", std::move(extra), std::string(body));
  }

  FakeCoprocessor coprocessor_;
};

// The parsed body of a response (null when it is not JSON).
inline json::Value bodyOf(const http::ClientResult& r) {
  if (!r.ok()) return json::Value();
  auto parsed = json::parse(r.response().body);
  return parsed.ok() ? std::move(*parsed) : json::Value();
}

}  // namespace plexus::test
