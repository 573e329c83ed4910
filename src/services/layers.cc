// The non-template parts of include/plexus/layers.h, scheduler.h and span.h: the per-thread
// scheduler, the process's span sink, the token bucket and the stages' error responses. Defined
// here, once, so that plugins loaded as shared libraries share them with the router.
#include "include/plexus/layers.h"

#include <algorithm>
#include <exception>

#include "src/json/value.h"

namespace plexus {

// ---- Scheduler ---------------------------------------------------------------------------

namespace {
thread_local Scheduler* current_scheduler = nullptr;
}  // namespace

Scheduler* currentScheduler() { return current_scheduler; }

ScopedScheduler::ScopedScheduler(Scheduler& scheduler) : previous_(current_scheduler) {
  current_scheduler = &scheduler;
}

ScopedScheduler::~ScopedScheduler() { current_scheduler = previous_; }

// ---- Span --------------------------------------------------------------------------------

namespace {
SpanSink no_op_sink;
std::atomic<SpanSink*> installed_sink{nullptr};
}  // namespace

SpanSink& spanSink() {
  SpanSink* sink = installed_sink.load(std::memory_order_acquire);
  return sink != nullptr ? *sink : no_op_sink;
}

SpanSink* setSpanSink(SpanSink* sink) { return installed_sink.exchange(sink); }

void Span::setAttribute(std::string key, json::Value value) {
  for (auto& [existing, current] : attributes_) {
    if (existing == key) {
      current = std::move(value);
      return;
    }
  }
  attributes_.emplace_back(std::move(key), std::move(value));
}

void Span::end() {
  if (ended_) return;
  ended_ = true;
  duration_ = std::chrono::steady_clock::now() - started_;
  spanSink().onEnd(*this);
}

namespace layers {

// ---- Errors ------------------------------------------------------------------------------

graphql::GraphQLError codedError(std::string message, std::string code) {
  graphql::GraphQLError error;
  error.message = std::move(message);
  error.extensions = json::Value::object();
  error.extensions["code"] = std::move(code);
  return error;
}

graphql::GraphQLError internalServerError(std::string message) {
  return codedError(std::move(message), "INTERNAL_SERVER_ERROR");
}

// The messages and codes of apollo-router/src/plugins/traffic_shaping/mod.rs.
graphql::GraphQLError timedOutError() {
  return codedError("Your request has been timed out", "GATEWAY_TIMEOUT");
}

graphql::GraphQLError rateLimitedError() {
  return codedError("Your request has been rate limited", "REQUEST_RATE_LIMITED");
}

graphql::GraphQLError concurrencyLimitedError() {
  return codedError("Your request has been concurrency limited", "REQUEST_CONCURRENCY_LIMITED");
}

namespace {

json::Value errorsBody(const std::vector<graphql::GraphQLError>& errors) {
  json::Value list = json::Value::array();
  for (const graphql::GraphQLError& error : errors) list.push(error.toJson());
  json::Value body = json::Value::object();
  body["errors"] = std::move(list);
  return body;
}

}  // namespace

router::Response ErrorResponse<router::Response>::make(int status,
                                                       std::vector<graphql::GraphQLError> errors,
                                                       Context context) {
  router::Response response;
  response.http.status = status;
  response.http.headers.set("content-type", "application/json");
  response.http.body = json::serialize(errorsBody(errors));
  response.context = std::move(context);
  return response;
}

execution::Response ErrorResponse<execution::Response>::make(
    int status, std::vector<graphql::GraphQLError> errors, Context context) {
  execution::Response response;
  response.status = status;
  response.body = GraphQLBody(errorsBody(errors));
  response.context = std::move(context);
  return response;
}

subgraph::Response ErrorResponse<subgraph::Response>::make(
    int status, std::vector<graphql::GraphQLError> errors, Context context) {
  subgraph::Response response;
  response.status = status;
  response.headers.set("content-type", "application/json");
  response.body = json::serialize(errorsBody(errors));
  response.context = std::move(context);
  return response;
}

namespace detail {

std::string currentExceptionMessage() {
  try {
    throw;
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "internal server error";
  }
}

}  // namespace detail

// ---- TokenBucket -------------------------------------------------------------------------

// Exact integer arithmetic, so that a bucket refilled for exactly per / capacity has exactly one
// more token: the level counts token-nanoseconds (one token is per_ns_ units).
TokenBucket::TokenBucket(uint64_t capacity, std::chrono::steady_clock::duration per, Clock clock)
    : capacity_(capacity),
      per_ns_(
          std::max<int64_t>(1, std::chrono::duration_cast<std::chrono::nanoseconds>(per).count())),
      clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })),
      level_(static_cast<unsigned __int128>(capacity) * static_cast<uint64_t>(per_ns_)),
      last_(clock_()) {}

bool TokenBucket::tryAcquire() {
  const auto full = static_cast<unsigned __int128>(capacity_) * static_cast<uint64_t>(per_ns_);
  const auto token = static_cast<unsigned __int128>(per_ns_);
  std::lock_guard lock(mutex_);
  std::chrono::steady_clock::time_point now = clock_();
  if (now > last_) {
    int64_t elapsed = std::min<int64_t>(
        per_ns_, std::chrono::duration_cast<std::chrono::nanoseconds>(now - last_).count());
    level_ = std::min(full, level_ + static_cast<unsigned __int128>(elapsed) * capacity_);
    last_ = now;
  }
  if (level_ < token) return false;
  level_ -= token;
  return true;
}

}  // namespace layers

}  // namespace plexus
