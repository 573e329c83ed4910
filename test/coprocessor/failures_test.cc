// Coprocessor conformance, part 3: bad replies and failed calls at every stage (COPROCESSOR.md §8)
// — wrong version, changed stage, missing control, non-JSON, timeout, 5xx, invalid header names,
// a hang-up — with Apollo's outcomes (500 INTERNAL_SERVER_ERROR at the router, supergraph and
// execution stages; a SUBREQUEST_HTTP_ERROR for that fetch at the subgraph stages); then
// Plexus's `on_error: continue` (fail-open), detached stages, metrics and per-subgraph stages.
#include <chrono>
#include <regex>
#include <thread>
#include <tuple>
#include <vector>

#include "include/plexus/metrics.h"
#include "test/coprocessor/coprocessor_fixture.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;

struct StageCase {
  const char* stage;   // the envelope's stage
  const char* config;  // the YAML path under coprocessor:, e.g. "router:\n    request:\n"
  const char* indent;  // the flags' indentation under it
  bool request;        // a request stage (control required)
  bool subgraph;       // fails one fetch instead of the request
};

void PrintTo(const StageCase& stage, std::ostream* out) { *out << stage.stage; }

constexpr StageCase kStages[] = {
    {"RouterRequest", "router:\n    request:\n", "      ", true, false},
    {"RouterResponse", "router:\n    response:\n", "      ", false, false},
    {"SupergraphRequest", "supergraph:\n    request:\n", "      ", true, false},
    {"SupergraphResponse", "supergraph:\n    response:\n", "      ", false, false},
    {"ExecutionRequest", "execution:\n    request:\n", "      ", true, false},
    {"ExecutionResponse", "execution:\n    response:\n", "      ", false, false},
    {"SubgraphRequest", "subgraph:\n    all:\n      request:\n", "        ", true, true},
    {"SubgraphResponse", "subgraph:\n    all:\n      response:\n", "        ", false, true},
};

struct BadReply {
  const char* name;
  const char* rule;  // the fake's rule, without "stage"
  bool request_only = false;
};

void PrintTo(const BadReply& bad, std::ostream* out) { *out << bad.name; }

constexpr BadReply kBadReplies[] = {
    {"WrongVersion", R"("merge":{"version":2})"},
    {"ChangedStage", R"("merge":{"stage":"SomethingElse"})"},
    {"MissingControl", R"("drop":["control"])", true},
    {"NotJson", R"("reply_raw":"<html>oops</html>")"},
    {"Timeout", R"("delay_ms":1500)"},
    {"ServerErrorWithText", R"("reply_raw":"Internal Server Error","status":500)"},
    {"InvalidHeaderName", R"("merge":{"headers":{"bad header":["x"]}})"},
    {"InvalidBreakStatus", R"("merge":{"control":{"break":1}})"},
    {"HangUp", R"("close":true)"},
};

class CoprocessorFailureTest
    : public CoprocessorFixture,
      public ::testing::WithParamInterface<std::tuple<StageCase, BadReply>> {
 protected:
  std::string config(const StageCase& stage, std::string_view flags) {
    return std::string("timeout: 500ms\n") + stage.config + stage.indent + "headers: true\n" +
           std::string(flags);
  }
};

void expectFailedRequest(const http::ClientResult& r) {
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().status, 500);
  EXPECT_EQ(r.response().body, R"({"errors":[{"message":"internal server error",)"
                               R"("extensions":{"code":"INTERNAL_SERVER_ERROR"}}]})");
}

void expectFailedFetches(const http::ClientResult& r);

// What a client sees when `stage` fails: the request fails, or at a subgraph stage the fetch.
void expectStageFailure(const StageCase& stage, const http::ClientResult& r) {
  if (stage.subgraph) {
    expectFailedFetches(r);
  } else {
    expectFailedRequest(r);
  }
}

void expectFailedFetches(const http::ClientResult& r) {
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().status, 200);
  json::Value body = bodyOf(r);
  ASSERT_TRUE(body.find("errors")) << r.response().body;
  json::Value& error = body["errors"].asArray()[0];
  EXPECT_EQ(error["message"].asString().rfind("HTTP fetch failed from 'a': ", 0), 0u)
      << r.response().body;
  EXPECT_EQ(error["extensions"]["code"].asString(), "SUBREQUEST_HTTP_ERROR");
  EXPECT_EQ(error["extensions"]["service"].asString(), "a");
}

TEST_P(CoprocessorFailureTest, FailsAsApolloDoes) {
  const auto& [stage, bad] = GetParam();
  coprocessor_.script(std::string(R"([{"stage":")") + stage.stage + R"(",)" + bad.rule + "}]");
  auto router = startWith(config(stage, ""));
  ASSERT_TRUE(router);
  expectStageFailure(stage, query(*router));
  EXPECT_GE(coprocessor_.envelopes(stage.stage).size(), 1u);
}

TEST_P(CoprocessorFailureTest, OnErrorContinueGoesOnUnchanged) {
  const auto& [stage, bad] = GetParam();
  coprocessor_.script(std::string(R"([{"stage":")") + stage.stage + R"(",)" + bad.rule + "}]");
  auto router = startWith(config(stage, std::string(stage.indent) + "on_error: continue\n"));
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().status, 200);
  EXPECT_EQ(r.response().body, kMeAnswer);
}

std::string caseName(const ::testing::TestParamInfo<std::tuple<StageCase, BadReply>>& info) {
  return std::string(std::get<0>(info.param).stage) + "_" + std::get<1>(info.param).name;
}

// Every stage with every bad reply that is bad there (a response stage needs no control).
std::vector<std::tuple<StageCase, BadReply>> stageFailures() {
  std::vector<std::tuple<StageCase, BadReply>> cases;
  for (const StageCase& stage : kStages) {
    for (const BadReply& bad : kBadReplies) {
      if (stage.request || !bad.request_only) cases.emplace_back(stage, bad);
    }
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(EveryStage, CoprocessorFailureTest, ::testing::ValuesIn(stageFailures()),
                         caseName);

// The coprocessor is down (nothing listens): the default fails as Apollo does; `on_error:
// continue` lets every request through.
class CoprocessorDownTest : public CoprocessorFixture,
                            public ::testing::WithParamInterface<StageCase> {};

TEST_P(CoprocessorDownTest, DefaultFailsAsApollo) {
  const StageCase& stage = GetParam();
  coprocessor_.stop();
  auto router = startWith(std::string(stage.config) + stage.indent + "headers: true\n");
  ASSERT_TRUE(router);
  expectStageFailure(stage, query(*router));
}

TEST_P(CoprocessorDownTest, OnErrorContinueLetsRequestsThrough) {
  const StageCase& stage = GetParam();
  coprocessor_.stop();
  auto router = startWith(std::string(stage.config) + stage.indent + "headers: true\n" +
                          stage.indent + "on_error: continue\n");
  ASSERT_TRUE(router);
  for (int i = 0; i < 3; ++i) {
    http::ClientResult r = query(*router);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.response().status, 200);
    EXPECT_EQ(r.response().body, kMeAnswer);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryStage, CoprocessorDownTest, ::testing::ValuesIn(kStages),
                         [](const ::testing::TestParamInfo<StageCase>& info) {
                           return std::string(info.param.stage);
                         });

// A series' value in the Prometheus exposition (0 when absent): counters are process-wide.
double seriesValue(const std::string& pattern) {
  std::string text = metrics::prometheusText();
  std::smatch match;
  if (!std::regex_search(text, match, std::regex(pattern + R"([^}]*\} ([0-9.e+]+))"))) return 0;
  return std::stod(match[1]);
}

class CoprocessorOperationsTest : public CoprocessorFixture {};

TEST_F(CoprocessorOperationsTest, FailOpenPerStage) {
  // Fail-open only where asked: the request stage continues, the subgraph stage fails.
  coprocessor_.stop();
  auto router = startWith(
      "supergraph:\n    request:\n      headers: true\n      on_error: continue\n"
      "subgraph:\n    all:\n      request:\n        headers: true\n");
  ASSERT_TRUE(router);
  expectFailedFetches(query(*router));
}

TEST_F(CoprocessorOperationsTest, DetachedStagesDoNotWaitAndDropOverTheQueue) {
  coprocessor_.script(R"([{"stage":"RouterRequest","delay_ms":800,
      "merge":{"control":{"break":401}}}])");
  auto router = startWith(
      "detached_queue: 1\nrouter:\n    request:\n      headers: true\n      detached: true\n");
  ASSERT_TRUE(router);
  auto dropped = [] { return seriesValue(R"(plexus_coprocessor_detached_dropped_total\{)"); };
  double dropped_before = dropped();
  auto started = std::chrono::steady_clock::now();
  http::ClientResult first = query(*router);
  http::ClientResult second = query(*router);  // the first call is still in flight: dropped
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 700ms);  // not waited for
  EXPECT_EQ(first.response().body, kMeAnswer);                   // the break is not applied
  EXPECT_EQ(second.response().body, kMeAnswer);
  EXPECT_EQ(dropped() - dropped_before, 1);
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(coprocessor_.envelopes("RouterRequest").size(), 1u);
}

TEST_F(CoprocessorOperationsTest, MetricsCountCallsByStageAndOutcome) {
  const std::string calls =
      R"(apollo_router_operations_coprocessor_total\{coprocessor_stage="SupergraphRequest",)";
  const std::string failed = calls + R"(coprocessor_succeeded="false")";
  const std::string succeeded = calls + R"(coprocessor_succeeded="true")";
  const std::string timed = R"(apollo_router_operations_coprocessor_duration_seconds_count\{)"
                            R"(coprocessor_stage="SupergraphRequest")";
  double failed_before = seriesValue(failed);
  double succeeded_before = seriesValue(succeeded);
  double timed_before = seriesValue(timed);
  coprocessor_.script(R"([{"stage":"SupergraphRequest","merge":{"version":3},"times":1}])");
  auto router = startWith("supergraph:\n    request:\n      headers: true\n");
  ASSERT_TRUE(router);
  query(*router);
  query(*router);
  EXPECT_EQ(seriesValue(failed) - failed_before, 1) << metrics::prometheusText();
  EXPECT_EQ(seriesValue(succeeded) - succeeded_before, 1);
  EXPECT_EQ(seriesValue(timed) - timed_before, 2);
}

TEST_F(CoprocessorOperationsTest, PerSubgraphStagesReplaceAll) {
  auto router = startWith(
      "subgraph:\n    all:\n      request:\n        service_name: true\n"
      "    subgraphs:\n      b:\n        request: {}\n");  // no SubgraphRequest for b
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto calls = coprocessor_.envelopes("SubgraphRequest");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["serviceName"].asString(), "a");
}

TEST_F(CoprocessorOperationsTest, PerSubgraphStageWithItsOwnFlags) {
  auto router = startWith(
      "subgraph:\n    subgraphs:\n      b:\n        request:\n          uri: true\n"
      "          service_name: true\n");
  ASSERT_TRUE(router);
  ASSERT_TRUE(query(*router).ok());
  auto calls = coprocessor_.envelopes("SubgraphRequest");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["serviceName"].asString(), "b");
  EXPECT_EQ(calls[0]["uri"].asString(), reviews_.url());
}

}  // namespace
}  // namespace plexus::test
