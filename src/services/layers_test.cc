#include "include/plexus/layers.h"

#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace plexus {
namespace {

using namespace std::chrono_literals;
using Req = supergraph::Request;
using Res = supergraph::Response;
using Builder = layers::ServiceBuilder<Req, Res>;

Req request(std::string query) {
  Req r;
  r.query = std::move(query);
  return r;
}

// An inner service that answers at once, echoing the query it received into the body.
struct Echo {
  std::vector<std::string> seen;
  supergraph::Service service() {
    return [this](Req r, Reply<Res> reply) {
      seen.push_back(r.query);
      Res response;
      response.body = GraphQLBody(std::string(R"({"data":{"q":")" + r.query + R"("}})"));
      response.context = r.context;
      reply(std::move(response));
    };
  }
};

// An inner service that keeps its replies, to answer later.
struct Held {
  std::vector<std::pair<Req, Reply<Res>>> calls;
  supergraph::Service service() {
    return [this](Req r, Reply<Res> reply) { calls.emplace_back(std::move(r), std::move(reply)); };
  }
  void answer(size_t i, int status = 200) {
    Res response;
    response.status = status;
    response.context = calls[i].first.context;
    calls[i].second(std::move(response));
  }
};

// Every answer the caller got.
struct Answers {
  std::vector<Res> got;
  Reply<Res> reply() {
    return [this](Res r) { got.push_back(std::move(r)); };
  }
  std::string body(size_t i = 0) { return got.at(i).body.text(); }
};

graphql::GraphQLError plain(std::string message) {
  graphql::GraphQLError error;
  error.message = std::move(message);
  return error;
}

std::string errorJson(std::string_view message, std::string_view code) {
  return R"({"errors":[{"message":")" + std::string(message) + R"(","extensions":{"code":")" +
         std::string(code) + R"("}}]})";
}

// ---- mapRequest / mapResponse / mapReply ---------------------------------------------------

TEST(MapRequestTest, RewritesTheRequestByValueOrInPlace) {
  Echo echo;
  supergraph::Service by_value = layers::mapRequest(echo.service(), [](Req r) {
    r.query += "!";
    return r;
  });
  supergraph::Service in_place = layers::mapRequest(echo.service(), [](Req& r) { r.query += "?"; });
  Answers answers;
  by_value(request("a"), answers.reply());
  in_place(request("b"), answers.reply());
  EXPECT_EQ(echo.seen, (std::vector<std::string>{"a!", "b?"}));
  ASSERT_EQ(answers.got.size(), 2u);
}

TEST(MapResponseTest, RewritesTheResponseByValueOrInPlace) {
  Echo echo;
  supergraph::Service service = Builder()
                                    .mapResponse([](Res r) {
                                      r.headers.set("x-outer", "1");
                                      return r;
                                    })
                                    .mapResponse([](Res& r) { r.status = 203; })
                                    .service(echo.service());
  Answers answers;
  service(request("a"), answers.reply());
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 203);
  EXPECT_EQ(answers.got[0].headers.get("x-outer"), "1");
}

TEST(MapReplyTest, MayAnswerLaterAndOnlyTheFirstAnswerCounts) {
  Echo echo;
  std::vector<Reply<Res>> parked;
  std::vector<Res> responses;
  supergraph::Service service = layers::mapReply(echo.service(), [&](Res r, Reply<Res> reply) {
    responses.push_back(std::move(r));
    parked.push_back(reply);
  });
  Answers answers;
  service(request("a"), answers.reply());
  EXPECT_TRUE(answers.got.empty());
  ASSERT_EQ(parked.size(), 1u);
  Res later = std::move(responses[0]);
  later.status = 202;
  parked[0](std::move(later));
  parked[0](Res{});  // a second answer is dropped
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 202);
}

TEST(MapReplyTest, AReplyDroppedUncalledAnswers500) {
  Echo echo;
  supergraph::Service service = layers::mapReply(echo.service(), [](Res, Reply<Res>) {});
  Answers answers;
  service(request("a"), answers.reply());
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 500);
  EXPECT_EQ(answers.body(), errorJson("mapReply dropped its reply", "INTERNAL_SERVER_ERROR"));
}

TEST(MapReplyTest, WithRequestDataSeesTheRequestBeforeTheInnerServiceMovedIt) {
  Echo echo;
  supergraph::Service service =
      Builder()
          .mapReplyWithRequestData([](const Req& r) { return r.query; },
                                   [](std::string query, Res r, Reply<Res> reply) {
                                     r.headers.set("x-query", query);
                                     reply(std::move(r));
                                   })
          .service(echo.service());
  Answers answers;
  service(request("q1"), answers.reply());
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].headers.get("x-query"), "q1");
}

// ---- checkpoint ----------------------------------------------------------------------------

TEST(CheckpointTest, StopAnswersWithoutCallingTheInnerServiceAndProceedPassesTheEditedRequest) {
  Echo echo;
  supergraph::Service service =
      layers::checkpoint(echo.service(), [](Req r) -> layers::Step<Req, Res> {
        if (r.operation_name.empty()) {
          return layers::stop(Res::failure(400, {plain("anonymous")}, r.context));
        }
        r.query = "checked " + r.query;
        return layers::proceed(std::move(r));
      });
  Answers answers;
  service(request("a"), answers.reply());
  Req named = request("b");
  named.operation_name = "B";
  service(std::move(named), answers.reply());
  ASSERT_EQ(answers.got.size(), 2u);
  EXPECT_EQ(answers.got[0].status, 400);
  EXPECT_EQ(answers.body(0), R"({"errors":[{"message":"anonymous"}]})");
  EXPECT_EQ(answers.got[1].status, 200);
  EXPECT_EQ(echo.seen, (std::vector<std::string>{"checked b"}));
}

TEST(CheckpointTest, OptionalFormGoesOnWithNulloptAndStopsWithAResponse) {
  Echo echo;
  supergraph::Service service = Builder()
                                    .checkpoint([](Req& r) -> std::optional<Res> {
                                      if (r.query == "bad")
                                        return Res::failure(403, {plain("no")}, r.context);
                                      r.query += "+";
                                      return std::nullopt;
                                    })
                                    .service(echo.service());
  Answers answers;
  service(request("bad"), answers.reply());
  service(request("good"), answers.reply());
  ASSERT_EQ(answers.got.size(), 2u);
  EXPECT_EQ(answers.got[0].status, 403);
  EXPECT_EQ(echo.seen, (std::vector<std::string>{"good+"}));
}

TEST(CheckpointAsyncTest, DecidesLaterThenCallsTheInnerServiceOnce) {
  Echo echo;
  std::vector<std::pair<Req, layers::Continuation<Req, Res>>> pending;
  supergraph::Service service =
      Builder()
          .checkpointAsync([&](Req r, layers::Continuation<Req, Res> done) {
            pending.emplace_back(std::move(r), std::move(done));
          })
          .buffered()
          .service(echo.service());
  Answers answers;
  service(request("a"), answers.reply());
  service(request("b"), answers.reply());
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_TRUE(answers.got.empty());
  EXPECT_TRUE(echo.seen.empty());

  pending[1].second.stop(Res::failure(401, {plain("who?")}, pending[1].first.context));
  pending[0].second.proceed(std::move(pending[0].first));
  pending[0].second.stop(Res{});  // already decided: ignored
  EXPECT_TRUE(pending[0].second.decided());
  ASSERT_EQ(answers.got.size(), 2u);
  EXPECT_EQ(answers.got[0].status, 401);
  EXPECT_EQ(answers.got[1].status, 200);
  EXPECT_EQ(echo.seen, (std::vector<std::string>{"a"}));
}

TEST(CheckpointAsyncTest, AContinuationDroppedUndecidedAnswers500) {
  Echo echo;
  supergraph::Service service = layers::checkpointAsync(
      echo.service(), [](Req, layers::Continuation<Req, Res>) { /* forgets to decide */ });
  Answers answers;
  service(request("a"), answers.reply());
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 500);
  EXPECT_EQ(answers.body(),
            errorJson("checkpointAsync dropped its continuation", "INTERNAL_SERVER_ERROR"));
  EXPECT_TRUE(echo.seen.empty());
}

TEST(CheckpointAsyncTest, AnExceptionBeforeDecidingAnswers500AndAfterDecidingIsDropped) {
  Echo echo;
  supergraph::Service service = Builder()
                                    .oneshotCheckpointAsync([](Req r, auto done) {
                                      if (r.query == "late") {
                                        done.proceed(std::move(r));
                                        throw std::runtime_error("after deciding");
                                      }
                                      throw std::runtime_error("auth service unreachable");
                                    })
                                    .service(echo.service());
  Answers answers;
  service(request("early"), answers.reply());
  service(request("late"), answers.reply());
  ASSERT_EQ(answers.got.size(), 2u);
  EXPECT_EQ(answers.got[0].status, 500);
  EXPECT_EQ(answers.body(0), errorJson("auth service unreachable", "INTERNAL_SERVER_ERROR"));
  EXPECT_EQ(answers.got[1].status, 200);
  EXPECT_EQ(echo.seen, (std::vector<std::string>{"late"}));
}

// ---- instrument ----------------------------------------------------------------------------

struct RecordingSink : SpanSink {
  std::vector<std::string> events;
  std::vector<Span> ended;
  void onStart(const Span& span) override { events.push_back("start " + span.name()); }
  void onEnd(const Span& span) override {
    events.push_back("end " + span.name());
    ended.push_back(span);
  }
};

TEST(InstrumentTest, TheSpanCoversTheInnerServiceUntilItAnswers) {
  RecordingSink sink;
  ScopedSpanSink installed(sink);
  Held held;
  supergraph::Service service = Builder()
                                    .instrument([](const Req& r) { return "outer " + r.query; })
                                    .instrument([](const Req& r) {
                                      Span span("inner");
                                      span.setAttribute("graphql.document", r.query);
                                      return span;
                                    })
                                    .service(held.service());
  Answers answers;
  service(request("q"), answers.reply());
  EXPECT_EQ(sink.events, (std::vector<std::string>{"start outer q", "start inner"}));
  held.answer(0);
  EXPECT_EQ(sink.events,
            (std::vector<std::string>{"start outer q", "start inner", "end inner", "end outer q"}));
  ASSERT_EQ(sink.ended.size(), 2u);
  ASSERT_EQ(sink.ended[0].attributes().size(), 1u);
  EXPECT_EQ(sink.ended[0].attributes()[0].first, "graphql.document");
  EXPECT_EQ(sink.ended[0].attributes()[0].second.asString(), "q");
  EXPECT_TRUE(sink.ended[0].ended());
  EXPECT_EQ(answers.got.size(), 1u);
}

// ---- rateLimit / concurrencyLimit ----------------------------------------------------------

TEST(RateLimitTest, AnswersApollosRateLimitErrorBeyondTheLimitAndRefillsOverTime) {
  auto now = std::chrono::steady_clock::time_point{};
  auto bucket = std::make_shared<layers::TokenBucket>(2, 1s, [&] { return now; });
  Echo echo;
  supergraph::Service service = Builder().rateLimit(bucket).service(echo.service());
  Answers answers;
  for (int i = 0; i < 3; ++i) service(request("q"), answers.reply());
  ASSERT_EQ(answers.got.size(), 3u);
  EXPECT_EQ(answers.got[1].status, 200);
  EXPECT_EQ(answers.got[2].status, 503);
  EXPECT_EQ(answers.body(2),
            errorJson("Your request has been rate limited", "REQUEST_RATE_LIMITED"));
  EXPECT_EQ(echo.seen.size(), 2u);

  now += 500ms;  // half the period: one token back
  service(request("q"), answers.reply());
  service(request("q"), answers.reply());
  EXPECT_EQ(answers.got[3].status, 200);
  EXPECT_EQ(answers.got[4].status, 503);
  now += 10s;
  service(request("q"), answers.reply());  // one of two tokens left
  now += 10s;                              // full again, but never more than the capacity
  for (int i = 0; i < 3; ++i) service(request("q"), answers.reply());
  EXPECT_EQ(answers.got[7].status, 200);
  EXPECT_EQ(answers.got[8].status, 503);
  EXPECT_EQ(echo.seen.size(), 6u);
}

TEST(RateLimitTest, ACustomResponseCanAnswer429) {
  Echo echo;
  supergraph::Service service =
      Builder()
          .rateLimit(1, 1h, layers::respondWith<Res>(429, layers::rateLimitedError()))
          .service(echo.service());
  Answers answers;
  service(request("q"), answers.reply());
  service(request("q"), answers.reply());
  EXPECT_EQ(answers.got.at(1).status, 429);
}

TEST(RateLimitTest, ThreadsSharingOneLayerGetExactlyTheCapacity) {
  auto bucket = std::make_shared<layers::TokenBucket>(
      1000, 1h, [] { return std::chrono::steady_clock::time_point{}; });
  std::atomic<int> passed = 0;
  std::atomic<int> limited = 0;
  supergraph::Service inner = [&](Req r, Reply<Res> reply) {
    passed++;
    reply(Res{});
  };
  layers::Layer<Req, Res> layer = layers::rateLimit<Req, Res>(bucket);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      supergraph::Service service = layer(inner);  // one service per worker, one bucket
      for (int i = 0; i < 500; ++i) {
        service(Req{}, [&](Res r) {
          if (r.status == 503) limited++;
        });
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(passed.load(), 1000);
  EXPECT_EQ(limited.load(), 1000);
}

TEST(ConcurrencyLimitTest, ShedsRequestsBeyondTheLimitUntilOneAnswers) {
  Held held;
  supergraph::Service service = Builder().concurrencyLimit(2).service(held.service());
  Answers answers;
  for (int i = 0; i < 3; ++i) service(request("q"), answers.reply());
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 503);
  EXPECT_EQ(answers.body(0),
            errorJson("Your request has been concurrency limited", "REQUEST_CONCURRENCY_LIMITED"));
  held.answer(0);
  service(request("q"), answers.reply());
  EXPECT_EQ(held.calls.size(), 3u);
}

// ---- timeout -------------------------------------------------------------------------------

TEST(TimeoutTest, AnAnswerBeforeTheDeadlineGoesThroughAndCancelsTheTimer) {
  ManualScheduler scheduler;
  ScopedScheduler installed(scheduler);
  Held held;
  supergraph::Service service = Builder().timeout(100ms).service(held.service());
  Answers answers;
  service(request("q"), answers.reply());
  EXPECT_EQ(scheduler.pending(), 1u);
  scheduler.advance(99ms);
  EXPECT_TRUE(answers.got.empty());
  held.answer(0, 201);
  EXPECT_EQ(scheduler.pending(), 0u);
  scheduler.advance(1s);
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 201);
}

TEST(TimeoutTest, AtTheDeadlineAnswers504AndDropsTheLateAnswer) {
  ManualScheduler scheduler;
  ScopedScheduler installed(scheduler);
  Held held;
  supergraph::Service service = layers::timeout<Req, Res>(100ms)(held.service());
  Answers answers;
  service(request("q"), answers.reply());
  scheduler.advance(100ms);
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 504);
  EXPECT_EQ(answers.body(), errorJson("Your request has been timed out", "GATEWAY_TIMEOUT"));
  held.answer(0);
  EXPECT_EQ(answers.got.size(), 1u);
}

TEST(TimeoutTest, AnInnerServiceAnsweringAtOnceNeverTimesOut) {
  ManualScheduler scheduler;
  ScopedScheduler installed(scheduler);
  Echo echo;
  supergraph::Service service = Builder().timeout(0ms).service(echo.service());
  Answers answers;
  service(request("q"), answers.reply());
  scheduler.advance(1s);
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 200);
}

TEST(TimeoutTest, AnAsyncCheckpointDecidingAfterTheDeadlineIsIgnored) {
  ManualScheduler scheduler;
  ScopedScheduler installed(scheduler);
  Echo echo;
  std::optional<layers::Continuation<Req, Res>> pending;
  std::optional<Req> held_request;
  supergraph::Service service = Builder()
                                    .timeout(1s)
                                    .checkpointAsync([&](Req r, auto done) {
                                      held_request = std::move(r);
                                      pending = done;
                                    })
                                    .service(echo.service());
  Answers answers;
  service(request("q"), answers.reply());
  scheduler.advance(2s);
  pending->proceed(std::move(*held_request));
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 504);
  EXPECT_EQ(echo.seen.size(), 1u);  // it ran, but its answer came too late
}

TEST(TimeoutTest, CustomAndFailingTimeoutResponses) {
  ManualScheduler scheduler;
  ScopedScheduler installed(scheduler);
  Held held;
  supergraph::Service custom =
      Builder().timeout(1s, layers::respondWith<Res>(408, plain("slow"))).service(held.service());
  supergraph::Service failing =
      Builder()
          .timeout(1s, [](Context) -> Res { throw std::runtime_error("no response for you"); })
          .service(held.service());
  Answers answers;
  custom(request("q"), answers.reply());
  failing(request("q"), answers.reply());
  scheduler.advance(1s);
  ASSERT_EQ(answers.got.size(), 2u);
  EXPECT_EQ(answers.got[0].status, 408);
  EXPECT_EQ(answers.got[1].status, 500);
  EXPECT_EQ(answers.body(1), errorJson("no response for you", "INTERNAL_SERVER_ERROR"));
}

TEST(TimeoutTest, WithoutASchedulerOnTheThreadAnswers500) {
  Echo echo;
  supergraph::Service service = Builder().timeout(1s).service(echo.service());
  Answers answers;
  service(request("q"), answers.reply());
  ASSERT_EQ(answers.got.size(), 1u);
  EXPECT_EQ(answers.got[0].status, 500);
  EXPECT_TRUE(echo.seen.empty());
}

TEST(ManualSchedulerTest, RunsTimersInDeadlineOrderIncludingOnesScheduledOnTheWay) {
  ManualScheduler scheduler;
  std::vector<std::string> ran;
  scheduler.schedule(20ms, [&] { ran.push_back("20"); });
  scheduler.schedule(10ms, [&] {
    ran.push_back("10");
    scheduler.schedule(5ms, [&] { ran.push_back("15"); });
  });
  Scheduler::TimerId cancelled = scheduler.schedule(12ms, [&] { ran.push_back("12"); });
  EXPECT_TRUE(scheduler.cancel(cancelled));
  EXPECT_FALSE(scheduler.cancel(cancelled));
  scheduler.advance(30ms);
  EXPECT_EQ(ran, (std::vector<std::string>{"10", "15", "20"}));
}

// ---- composition ---------------------------------------------------------------------------

TEST(ServiceBuilderTest, TheFirstLayerIsOutermost) {
  std::vector<std::string> trace;
  supergraph::Service inner = [&](Req r, Reply<Res> reply) {
    trace.push_back("inner " + r.query);
    reply(Res{});
  };
  auto step = [&](std::string name) {
    return layers::Layer<Req, Res>([&trace, name](supergraph::Service next) {
      return layers::mapResponse(layers::mapRequest(std::move(next),
                                                    [&trace, name](Req& r) {
                                                      trace.push_back("request " + name);
                                                      r.query += name;
                                                    }),
                                 [&trace, name](Res&) { trace.push_back("response " + name); });
    });
  };
  Builder builder;
  builder.layer(step("a")).layer(step("b"));
  Answers answers;
  builder.service(inner)(request(""), answers.reply());
  EXPECT_EQ(trace, (std::vector<std::string>{"request a", "request b", "inner ab", "response b",
                                             "response a"}));
  trace.clear();
  builder.build()(inner)(request(""), answers.reply());
  EXPECT_EQ(trace.at(2), "inner ab");
}

// ---- exceptions ----------------------------------------------------------------------------

TEST(ExceptionTest, AThrowingMapOrCheckpointAnswers500AndSkipsTheInnerService) {
  Echo echo;
  Answers answers;
  layers::mapRequest(echo.service(), [](Req&) { throw std::runtime_error("bad header"); })(
      request("q"), answers.reply());
  layers::checkpoint(echo.service(), [](Req&) -> std::optional<Res> { throw 42; })(request("q"),
                                                                                   answers.reply());
  Req with_context = request("q");
  with_context.context.insert("k", json::Value("v"));
  layers::mapResponse(echo.service(), [](Res) -> Res { throw std::logic_error("oops"); })(
      std::move(with_context), answers.reply());
  ASSERT_EQ(answers.got.size(), 3u);
  EXPECT_EQ(answers.got[0].status, 500);
  EXPECT_EQ(answers.body(0), errorJson("bad header", "INTERNAL_SERVER_ERROR"));
  EXPECT_EQ(answers.body(1), errorJson("internal server error", "INTERNAL_SERVER_ERROR"));
  EXPECT_EQ(answers.body(2), errorJson("oops", "INTERNAL_SERVER_ERROR"));
  EXPECT_EQ(answers.got[2].context.get("k")->asString(), "v");  // the request's context
  EXPECT_EQ(echo.seen, (std::vector<std::string>{"q"}));        // only mapResponse's inner ran
}

TEST(ExceptionTest, EveryStageHasAnErrorResponse) {
  Context context;
  router::Response r =
      layers::errorResponse<router::Response>(504, layers::timedOutError(), context);
  EXPECT_EQ(r.http.status, 504);
  EXPECT_EQ(r.http.headers.get("content-type"), "application/json");
  EXPECT_EQ(r.http.body, errorJson("Your request has been timed out", "GATEWAY_TIMEOUT"));
  EXPECT_EQ(r.context.id(), context.id());

  execution::Response e =
      layers::errorResponse<execution::Response>(500, layers::internalServerError("x"), context);
  EXPECT_EQ(e.status, 500);
  EXPECT_EQ(e.body.text(), errorJson("x", "INTERNAL_SERVER_ERROR"));

  subgraph::Response s =
      layers::errorResponse<subgraph::Response>(503, layers::rateLimitedError(), context);
  EXPECT_EQ(s.status, 503);
  EXPECT_FALSE(s.error.has_value());
  EXPECT_EQ(s.body, errorJson("Your request has been rate limited", "REQUEST_RATE_LIMITED"));
}

// ---- plugin-defined services ---------------------------------------------------------------

struct LookupRequest {
  int key = 0;
};
struct LookupResponse {
  int status = 200;
  std::string value;
  static LookupResponse failure(int status, std::vector<graphql::GraphQLError> errors, Context) {
    return {status, errors.at(0).message};
  }
};

TEST(PluginServiceTest, LayersWorkForTypesAPluginDefines) {
  ManualScheduler scheduler;
  ScopedScheduler installed(scheduler);
  Service<LookupRequest, LookupResponse> lookup = [](LookupRequest r, Reply<LookupResponse> reply) {
    reply({200, "v" + std::to_string(r.key)});
  };
  auto service = layers::ServiceBuilder<LookupRequest, LookupResponse>()
                     .timeout(1s)
                     .checkpoint([](LookupRequest& r) -> std::optional<LookupResponse> {
                       if (r.key < 0) throw std::out_of_range("negative key");
                       return std::nullopt;
                     })
                     .mapRequest([](LookupRequest& r) { r.key *= 2; })
                     .service(lookup);
  std::vector<LookupResponse> got;
  service({21}, [&](LookupResponse r) { got.push_back(r); });
  service({-1}, [&](LookupResponse r) { got.push_back(r); });
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].value, "v42");
  EXPECT_EQ(got[1].status, 500);
  EXPECT_EQ(got[1].value, "negative key");
}

}  // namespace
}  // namespace plexus
