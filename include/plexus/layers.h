// Reusable service layers for plugin authors, in the manner of tower and Apollo Router's
// ServiceBuilderExt: each layer wraps a stage's service (include/plexus/services.h) with one
// concern. They are templates over the request and response types, so they serve the four stages
// and services that plugins define themselves.
//
//   using namespace plexus;
//   supergraph::Service wrap(supergraph::Service next) {
//     return layers::ServiceBuilder<supergraph::Request, supergraph::Response>()
//         .instrument([](const supergraph::Request&) { return std::string("my_plugin"); })
//         .checkpoint([](supergraph::Request& request) -> std::optional<supergraph::Response> {
//           if (!request.operation_name.empty()) return std::nullopt;  // go on
//           return supergraph::Response::failure(
//               400, {layers::codedError("Anonymous operations are not allowed", "ANONYMOUS")},
//               request.context);
//         })
//         .mapRequest([](supergraph::Request& request) { request.http.headers.set("x-a", "1"); })
//         .timeout(std::chrono::seconds(5))
//         .service(std::move(next));  // the first layer listed is the outermost
//   }
//   // One layer on its own: layers::mapResponse(std::move(next), [](supergraph::Response& r) {…})
//
// Layers and what they call:
//   mapRequest / mapResponse     f(Req) -> Req or f(Req&); f(Res) -> Res or f(Res&)
//   mapReply                     f(Res, Reply<Res>): tower's map_future; may answer later
//   mapReplyWithRequestData      extract(const Req&) -> Data, then f(Data, Res, Reply<Res>)
//   checkpoint                   f(Req) -> Step<Req, Res>, or f(Req&) -> std::optional<Res>
//   checkpointAsync              f(Req, Continuation<Req, Res>): decide later (an auth call)
//   instrument                   f(const Req&) -> std::string or Span: the call inside a Span
//   rateLimit / concurrencyLimit shed load with a response (503, as Apollo's traffic_shaping)
//   timeout                      answer with a 504 if the inner service has not answered in time
//   buffered                     nothing: source compatibility with Apollo's .buffered()
//
// Exactly once. Every layer calls its reply exactly once. A short-circuit never calls the inner
// service. Where a layer hands a reply or continuation to user code (mapReply, checkpointAsync),
// a second call is ignored, and if every copy is destroyed uncalled the layer answers 500
// ("… dropped …") from the destructor. timeout ignores the inner reply that comes after the
// deadline. An inner service is assumed to keep the service contract (reply once, on the calling
// thread, no exceptions); the layers do not police it.
//
// Exceptions. An exception thrown by a function given to a layer (a map, a checkpoint, a span
// name, a response builder) never reaches the event loop: the layer catches it and answers
// errorResponse<Res>(500, {message: what(), extensions.code: INTERNAL_SERVER_ERROR}) with the
// request's context, as Apollo's supergraph service does with a plugin's BoxError; the inner
// service is not called (or, thrown while mapping a response, its response is dropped). A
// non-std exception reads "internal server error". Exceptions from the inner service or from the
// caller's reply pass through untouched.
//
// Errors need a response type that can carry them: the four stages have ErrorResponse
// specializations; a plugin-defined response type gets one from a static
// `Res failure(int status, std::vector<graphql::GraphQLError>, Context)`, or by specializing
// plexus::layers::ErrorResponse<Res>.
//
// Thread-safety: a layered service is called from every worker at once; the functions given to
// a layer are called (as const) concurrently and must be thread-safe. rateLimit's and
// concurrencyLimit's counters are shared by every service the same layer object wraps.
#pragma once

#include <atomic>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "include/plexus/context.h"
#include "include/plexus/scheduler.h"
#include "include/plexus/services.h"
#include "include/plexus/span.h"
#include "src/graphql/error.h"

namespace plexus::layers {

template <typename Req, typename Res>
using Layer = std::function<Service<Req, Res>(Service<Req, Res>)>;

// Builds a response from the request's context (rate limited, timed out, …).
template <typename Res>
using ResponseFn = std::function<Res(Context)>;

// ---- Error responses ---------------------------------------------------------------------

// {message, extensions.code} errors, as Apollo's traffic_shaping writes them.
graphql::GraphQLError codedError(std::string message, std::string code);
graphql::GraphQLError internalServerError(std::string message);  // INTERNAL_SERVER_ERROR
graphql::GraphQLError timedOutError();     // "Your request has been timed out", GATEWAY_TIMEOUT
graphql::GraphQLError rateLimitedError();  // "… rate limited", REQUEST_RATE_LIMITED
graphql::GraphQLError concurrencyLimitedError();  // "… concurrency limited", …_LIMITED

// How a response type carries GraphQL errors with an HTTP status: make(status, errors, context).
template <typename Res>
struct ErrorResponse {};

template <typename Res>
requires requires(std::vector<graphql::GraphQLError> errors, Context context) {
  { Res::failure(500, std::move(errors), std::move(context)) } -> std::same_as<Res>;
}
struct ErrorResponse<Res> {  // supergraph::Response and plugin types with a failure()
  static Res make(int status, std::vector<graphql::GraphQLError> errors, Context context) {
    return Res::failure(status, std::move(errors), std::move(context));
  }
};

// {"errors":[…]} as an application/json HTTP response.
template <>
struct ErrorResponse<router::Response> {
  static router::Response make(int status, std::vector<graphql::GraphQLError> errors,
                               Context context);
};
template <>
struct ErrorResponse<execution::Response> {
  static execution::Response make(int status, std::vector<graphql::GraphQLError> errors,
                                  Context context);
};
// As if the subgraph had answered {"errors":[…]} with `status` (`error` stays unset).
template <>
struct ErrorResponse<subgraph::Response> {
  static subgraph::Response make(int status, std::vector<graphql::GraphQLError> errors,
                                 Context context);
};

template <typename Res>
concept HasErrorResponse = requires(std::vector<graphql::GraphQLError> errors, Context context) {
  { ErrorResponse<Res>::make(500, std::move(errors), std::move(context)) } -> std::same_as<Res>;
};

template <typename Res>
Res errorResponse(int status, graphql::GraphQLError error, Context context) {
  static_assert(HasErrorResponse<Res>,
                "layers need to build error responses: give the response type a static "
                "failure(int, std::vector<graphql::GraphQLError>, Context) or specialize "
                "plexus::layers::ErrorResponse");
  std::vector<graphql::GraphQLError> errors;
  errors.push_back(std::move(error));
  return ErrorResponse<Res>::make(status, std::move(errors), std::move(context));
}

// A ResponseFn answering `status` with `error`, e.g. respondWith<Res>(429, rateLimitedError()).
template <typename Res>
ResponseFn<Res> respondWith(int status, graphql::GraphQLError error) {
  return [status, error = std::move(error)](Context context) {
    return errorResponse<Res>(status, error, std::move(context));
  };
}

// The request's or response's context; a fresh one for types without a `context` member.
template <typename T>
Context contextOf(const T& value) {
  if constexpr (requires { Context(value.context); }) {
    return value.context;
  } else {
    return Context();
  }
}

namespace detail {

// what() of the exception being handled; call only inside a catch block.
std::string currentExceptionMessage();

template <typename Res>
Res internalError(Context context) {
  return errorResponse<Res>(500, internalServerError(currentExceptionMessage()),
                            std::move(context));
}

// A reply that answers at most once; destroyed without answering, it answers 500 `dropped`.
// Copies share the state.
template <typename Res>
class OnceReply {
 public:
  OnceReply(Reply<Res> reply, Context context, const char* dropped)
      : state_(std::make_shared<State>(std::move(reply), std::move(context), dropped)) {}

  // False when an answer was already given (this one is dropped).
  bool operator()(Res response) const { return state_->answer(std::move(response)); }
  bool answered() const { return state_->done.load(); }
  const Context& context() const { return state_->context; }

 private:
  struct State {
    State(Reply<Res> r, Context c, const char* d)
        : reply(std::move(r)), context(std::move(c)), dropped(d) {}
    ~State() {
      if (done.load()) return;
      try {
        answer(errorResponse<Res>(500, internalServerError(dropped), context));
      } catch (...) {  // the caller's reply threw; nowhere left to report it
      }
    }
    bool answer(Res response) {
      if (done.exchange(true)) return false;
      Reply<Res> once = std::move(reply);
      once(std::move(response));
      return true;
    }
    std::atomic<bool> done{false};
    Reply<Res> reply;
    Context context;
    const char* dropped;
  };
  std::shared_ptr<State> state_;
};

}  // namespace detail

// ---- mapRequest / mapResponse / mapReply -------------------------------------------------

// Rewrites each request before the inner service: f(Req) -> Req, or f(Req&) editing in place.
template <typename Req, typename Res, typename F>
Layer<Req, Res> mapRequest(F f) {
  return [f = std::move(f)](Service<Req, Res> next) -> Service<Req, Res> {
    return [f, next = std::move(next)](Req request, Reply<Res> reply) {
      if constexpr (std::is_invocable_r_v<Req, const F&, Req&&>) {
        Context context = contextOf(request);
        std::optional<Req> mapped;
        try {
          mapped.emplace(std::invoke(f, std::move(request)));
        } catch (...) {
          reply(detail::internalError<Res>(std::move(context)));
          return;
        }
        next(std::move(*mapped), std::move(reply));
      } else {
        static_assert(std::is_invocable_v<const F&, Req&>, "mapRequest: f(Req) -> Req or f(Req&)");
        try {
          std::invoke(f, request);
        } catch (...) {
          reply(detail::internalError<Res>(contextOf(request)));
          return;
        }
        next(std::move(request), std::move(reply));
      }
    };
  };
}

// Rewrites each response of the inner service: f(Res) -> Res, or f(Res&) editing in place.
template <typename Req, typename Res, typename F>
Layer<Req, Res> mapResponse(F f) {
  auto shared = std::make_shared<const F>(std::move(f));
  return [shared](Service<Req, Res> next) -> Service<Req, Res> {
    return [shared, next = std::move(next)](Req request, Reply<Res> reply) {
      next(std::move(request), [shared, reply = std::move(reply)](Res response) {
        const F& f = *shared;
        if constexpr (std::is_invocable_r_v<Res, const F&, Res&&>) {
          Context context = contextOf(response);
          std::optional<Res> mapped;
          try {
            mapped.emplace(std::invoke(f, std::move(response)));
          } catch (...) {
            reply(detail::internalError<Res>(std::move(context)));
            return;
          }
          reply(std::move(*mapped));
        } else {
          static_assert(std::is_invocable_v<const F&, Res&>,
                        "mapResponse: f(Res) -> Res or f(Res&)");
          try {
            std::invoke(f, response);
          } catch (...) {
            reply(detail::internalError<Res>(contextOf(response)));
            return;
          }
          reply(std::move(response));
        }
      });
    };
  };
}

namespace detail {

// Calls fn(args…, response, reply) with a reply that answers at most once, and a 500 when fn
// throws before answering or drops the reply.
template <typename Res, typename Fn, typename... Args>
void callWithReply(const Fn& fn, Reply<Res> reply, Res response, Args&&... args) {
  OnceReply<Res> once(std::move(reply), contextOf(response), "mapReply dropped its reply");
  try {
    std::invoke(fn, std::forward<Args>(args)..., std::move(response), Reply<Res>(once));
  } catch (...) {
    if (!once.answered()) once(internalError<Res>(once.context()));
  }
}

}  // namespace detail

// tower's map_future: f(Res, Reply<Res>) receives each response of the inner service and answers
// through the reply, now or later (on the worker's thread), with that response or another.
template <typename Req, typename Res, typename F>
Layer<Req, Res> mapReply(F f) {
  static_assert(std::is_invocable_v<const F&, Res&&, Reply<Res>>, "mapReply: f(Res, Reply<Res>)");
  auto shared = std::make_shared<const F>(std::move(f));
  return [shared](Service<Req, Res> next) -> Service<Req, Res> {
    return [shared, next = std::move(next)](Req request, Reply<Res> reply) {
      next(std::move(request), [shared, reply = std::move(reply)](Res response) mutable {
        detail::callWithReply<Res>(*shared, std::move(reply), std::move(response));
      });
    };
  };
}

// Apollo's map_future_with_request_data: extract(const Req&) -> Data runs before the inner
// service; f(Data, Res, Reply<Res>) then gets the data with the response, as in mapReply.
template <typename Req, typename Res, typename Extract, typename F>
Layer<Req, Res> mapReplyWithRequestData(Extract extract, F f) {
  using Data = std::decay_t<std::invoke_result_t<const Extract&, const Req&>>;
  static_assert(std::is_invocable_v<const F&, Data&&, Res&&, Reply<Res>>,
                "mapReplyWithRequestData: f(Data, Res, Reply<Res>)");
  auto shared = std::make_shared<const F>(std::move(f));
  return [extract = std::move(extract), shared](Service<Req, Res> next) -> Service<Req, Res> {
    return [extract, shared, next = std::move(next)](Req request, Reply<Res> reply) {
      std::shared_ptr<Data> data;  // shared: a Reply must be copyable
      try {
        data = std::make_shared<Data>(std::invoke(extract, std::as_const(request)));
      } catch (...) {
        reply(detail::internalError<Res>(contextOf(request)));
        return;
      }
      next(std::move(request), [shared, data, reply = std::move(reply)](Res response) mutable {
        detail::callWithReply<Res>(*shared, std::move(reply), std::move(response),
                                   std::move(*data));
      });
    };
  };
}

// ---- checkpoint ----------------------------------------------------------------------------

template <typename Req>
struct Proceed {
  Req request;
};
template <typename Res>
struct Stop {
  Res response;
};
// The two outcomes of a checkpoint: go on to the inner service with this request, or answer
// with this response without calling it (Apollo's ControlFlow::Continue / ControlFlow::Break).
template <typename Req>
Proceed<Req> proceed(Req request) {
  return {std::move(request)};
}
template <typename Res>
Stop<Res> stop(Res response) {
  return {std::move(response)};
}

// What a checkpoint decided: made from proceed(request) or stop(response).
template <typename Req, typename Res>
class Step {
 public:
  Step(Proceed<Req> p) : value_(std::in_place_index<0>, std::move(p.request)) {}  // NOLINT
  Step(Stop<Res> s) : value_(std::in_place_index<1>, std::move(s.response)) {}    // NOLINT

  bool proceeds() const { return value_.index() == 0; }
  bool stops() const { return value_.index() == 1; }
  Req& request() { return std::get<0>(value_); }
  Res& response() { return std::get<1>(value_); }

 private:
  std::variant<Req, Res> value_;
};

// A synchronous gate, in either of two shapes:
//   f(Req) -> Step<Req, Res>:         return proceed(std::move(request)) or stop(response);
//   f(Req&) -> std::optional<Res>:    std::nullopt goes on with the (edited) request; a
//                                     response short-circuits.
template <typename Req, typename Res, typename F>
Layer<Req, Res> checkpoint(F f) {
  return [f = std::move(f)](Service<Req, Res> next) -> Service<Req, Res> {
    return [f, next = std::move(next)](Req request, Reply<Res> reply) {
      if constexpr (std::is_invocable_r_v<Step<Req, Res>, const F&, Req&&>) {
        Context context = contextOf(request);
        std::optional<Step<Req, Res>> step;
        try {
          step.emplace(std::invoke(f, std::move(request)));
        } catch (...) {
          reply(detail::internalError<Res>(std::move(context)));
          return;
        }
        if (step->stops()) {
          reply(std::move(step->response()));
        } else {
          next(std::move(step->request()), std::move(reply));
        }
      } else {
        static_assert(std::is_invocable_r_v<std::optional<Res>, const F&, Req&>,
                      "checkpoint: f(Req) -> Step<Req, Res> or f(Req&) -> std::optional<Res>");
        std::optional<Res> stopped;
        try {
          stopped = std::invoke(f, request);
        } catch (...) {
          reply(detail::internalError<Res>(contextOf(request)));
          return;
        }
        if (stopped) {
          reply(std::move(*stopped));
        } else {
          next(std::move(request), std::move(reply));
        }
      }
    };
  };
}

// How an asynchronous checkpoint gives its decision, once, on the worker's thread: `done(step)`,
// `done.proceed(std::move(request))` or `done.stop(std::move(response))`. Copyable; copies share
// one decision: later calls are ignored, and if every copy is destroyed undecided the request is
// answered with a 500.
template <typename Req, typename Res>
class Continuation {
 public:
  Continuation(std::shared_ptr<const Service<Req, Res>> next, Reply<Res> reply, Context context)
      : state_(std::make_shared<State>(std::move(next), std::move(reply), std::move(context))) {}

  void operator()(Step<Req, Res> step) const {
    if (state_->decided.exchange(true)) return;
    Reply<Res> reply = std::move(state_->reply);
    if (step.stops()) {
      reply(std::move(step.response()));
    } else {
      (*state_->next)(std::move(step.request()), std::move(reply));
    }
  }
  void proceed(Req request) const { (*this)(layers::proceed(std::move(request))); }
  void stop(Res response) const { (*this)(layers::stop(std::move(response))); }

  bool decided() const { return state_->decided.load(); }
  // Answers a 500 for the exception being handled, unless already decided.
  void failWithCurrentException() const {
    if (state_->decided.exchange(true)) return;
    Reply<Res> reply = std::move(state_->reply);
    reply(detail::internalError<Res>(state_->context));
  }

 private:
  struct State {
    State(std::shared_ptr<const Service<Req, Res>> n, Reply<Res> r, Context c)
        : next(std::move(n)), reply(std::move(r)), context(std::move(c)) {}
    ~State() {
      if (decided.load()) return;
      try {
        reply(errorResponse<Res>(
            500, internalServerError("checkpointAsync dropped its continuation"), context));
      } catch (...) {  // the caller's reply threw; nowhere left to report it
      }
    }
    std::shared_ptr<const Service<Req, Res>> next;
    Reply<Res> reply;
    Context context;
    std::atomic<bool> decided{false};
  };
  std::shared_ptr<State> state_;
};

// An asynchronous gate: f(Req, Continuation<Req, Res>) decides now or later (after an auth
// call), on the worker's thread. An exception from f before it decided answers a 500; after it
// decided, the exception is dropped and the decision stands.
template <typename Req, typename Res, typename F>
Layer<Req, Res> checkpointAsync(F f) {
  static_assert(std::is_invocable_v<const F&, Req&&, Continuation<Req, Res>>,
                "checkpointAsync: f(Req, Continuation<Req, Res>)");
  return [f = std::move(f)](Service<Req, Res> next) -> Service<Req, Res> {
    auto shared_next = std::make_shared<const Service<Req, Res>>(std::move(next));
    return [f, shared_next](Req request, Reply<Res> reply) {
      Continuation<Req, Res> done(shared_next, std::move(reply), contextOf(request));
      try {
        std::invoke(f, std::move(request), done);
      } catch (...) {
        done.failWithCurrentException();
      }
    };
  };
}

// Apollo v1's oneshot_checkpoint_async: the same as checkpointAsync (no Clone bound in C++).
template <typename Req, typename Res, typename F>
Layer<Req, Res> oneshotCheckpointAsync(F f) {
  return checkpointAsync<Req, Res>(std::move(f));
}

// Returns the service unchanged. Apollo needs .buffered() after checkpoint_async to make the
// service Clone + Send; a C++ Service is a copyable std::function any worker may call, so
// nothing needs buffering. Kept so ported plugins keep their shape. To bound the requests in
// flight, use concurrencyLimit(), which sheds load (as Apollo's traffic_shaping) rather than
// queueing.
template <typename Req, typename Res>
Layer<Req, Res> buffered() {
  return [](Service<Req, Res> next) { return next; };
}

// ---- instrument ----------------------------------------------------------------------------

// Runs each call inside a Span (include/plexus/span.h): f(const Req&) returns the span's name,
// or a Span with attributes already set. spanSink().onStart before the inner service is called,
// Span::end() (onEnd) when it answers, before the answer goes on.
template <typename Req, typename Res, typename F>
Layer<Req, Res> instrument(F f) {
  using Made = std::invoke_result_t<const F&, const Req&>;
  static_assert(std::is_convertible_v<Made, std::string> || std::is_same_v<Made, Span>,
                "instrument: f(const Req&) -> std::string or Span");
  return [f = std::move(f)](Service<Req, Res> next) -> Service<Req, Res> {
    return [f, next = std::move(next)](Req request, Reply<Res> reply) {
      std::shared_ptr<Span> span;
      try {
        span = std::make_shared<Span>(std::invoke(f, std::as_const(request)));
      } catch (...) {
        reply(detail::internalError<Res>(contextOf(request)));
        return;
      }
      spanSink().onStart(*span);
      next(std::move(request), [span, reply = std::move(reply)](Res response) {
        span->end();
        reply(std::move(response));
      });
    };
  };
}

// ---- rateLimit / concurrencyLimit ----------------------------------------------------------

// A token bucket: holds up to `capacity` tokens, starts full and refills continuously at
// `capacity` per `per`. Thread-safe. `clock` is injectable for tests (default: steady_clock).
class TokenBucket {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  TokenBucket(uint64_t capacity, std::chrono::steady_clock::duration per, Clock clock = {});

  // Takes a token; false when none is left.
  bool tryAcquire();

 private:
  const uint64_t capacity_;
  const int64_t per_ns_;
  const Clock clock_;
  std::mutex mutex_;
  unsigned __int128 level_;  // token-nanoseconds: one token is per_ns_
  std::chrono::steady_clock::time_point last_;
};

// Lets through the requests `bucket` has a token for; answers the others with
// on_limited(context) without calling the inner service. Default answer, as Apollo's
// traffic_shaping: 503, "Your request has been rate limited", REQUEST_RATE_LIMITED (Apollo has
// used 429 in some releases: respondWith<Res>(429, rateLimitedError()) for that).
template <typename Req, typename Res>
Layer<Req, Res> rateLimit(std::shared_ptr<TokenBucket> bucket, ResponseFn<Res> on_limited = {}) {
  if (!on_limited) on_limited = respondWith<Res>(503, rateLimitedError());
  return [bucket, on_limited](Service<Req, Res> next) -> Service<Req, Res> {
    return [bucket, on_limited, next = std::move(next)](Req request, Reply<Res> reply) {
      if (bucket->tryAcquire()) {
        next(std::move(request), std::move(reply));
        return;
      }
      Context context = contextOf(request);
      std::optional<Res> limited;
      try {
        limited.emplace(on_limited(context));
      } catch (...) {
        limited.emplace(detail::internalError<Res>(std::move(context)));
      }
      reply(std::move(*limited));
    };
  };
}

// `n` requests per `per`, with one bucket per call of this function: every service the returned
// layer wraps shares it. Build the layer once (a plugin member) for one limit across workers; a
// layer built inside each worker's wrap() limits each worker separately.
template <typename Req, typename Res>
Layer<Req, Res> rateLimit(uint64_t n, std::chrono::steady_clock::duration per,
                          ResponseFn<Res> on_limited = {}) {
  return rateLimit<Req, Res>(std::make_shared<TokenBucket>(n, per), std::move(on_limited));
}

// At most `max_in_flight` requests inside the inner service at once, counted across every
// service this layer wraps; the others are answered with on_overloaded(context) at once (default
// 503, "Your request has been concurrency limited", REQUEST_CONCURRENCY_LIMITED).
template <typename Req, typename Res>
Layer<Req, Res> concurrencyLimit(size_t max_in_flight, ResponseFn<Res> on_overloaded = {}) {
  if (!on_overloaded) on_overloaded = respondWith<Res>(503, concurrencyLimitedError());
  auto in_flight = std::make_shared<std::atomic<size_t>>(0);
  return [max_in_flight, on_overloaded, in_flight](Service<Req, Res> next) -> Service<Req, Res> {
    return [max_in_flight, on_overloaded, in_flight, next = std::move(next)](Req request,
                                                                             Reply<Res> reply) {
      if (in_flight->fetch_add(1) >= max_in_flight) {
        in_flight->fetch_sub(1);
        Context context = contextOf(request);
        std::optional<Res> overloaded;
        try {
          overloaded.emplace(on_overloaded(context));
        } catch (...) {
          overloaded.emplace(detail::internalError<Res>(std::move(context)));
        }
        reply(std::move(*overloaded));
        return;
      }
      next(std::move(request), [in_flight, reply = std::move(reply)](Res response) {
        in_flight->fetch_sub(1);
        reply(std::move(response));
      });
    };
  };
}

// ---- timeout -------------------------------------------------------------------------------

// Answers on_timeout(context) if the inner service has not answered within `limit` (default, as
// Apollo's traffic_shaping: 504, "Your request has been timed out", GATEWAY_TIMEOUT); its late
// answer is then dropped. The inner service keeps running (there is no cancellation).
//
// The deadline is a timer on currentScheduler(), taken when each request is called: the
// router's worker installs its scheduler (ScopedScheduler), so one layer serves every worker.
// Called on a thread without a scheduler, the layer answers a 500 rather than run without a
// deadline. The inner service must answer on the calling thread (the scheduler is not
// thread-safe).
template <typename Req, typename Res>
Layer<Req, Res> timeout(Scheduler::Clock::duration limit, ResponseFn<Res> on_timeout = {}) {
  if (!on_timeout) on_timeout = respondWith<Res>(504, timedOutError());
  return [limit, on_timeout](Service<Req, Res> next) -> Service<Req, Res> {
    return [limit, on_timeout, next = std::move(next)](Req request, Reply<Res> reply) {
      Scheduler* scheduler = currentScheduler();
      if (scheduler == nullptr) {
        reply(errorResponse<Res>(500,
                                 internalServerError("timeout layer: no Scheduler on this thread"),
                                 contextOf(request)));
        return;
      }
      struct State {
        std::atomic<bool> done{false};
        Reply<Res> reply;
        Scheduler::TimerId timer = 0;
      };
      auto state = std::make_shared<State>();
      state->reply = std::move(reply);
      state->timer =
          scheduler->schedule(limit, [state, on_timeout, context = contextOf(request)]() mutable {
            if (state->done.exchange(true)) return;
            std::optional<Res> timed_out;
            try {
              timed_out.emplace(on_timeout(context));
            } catch (...) {
              timed_out.emplace(detail::internalError<Res>(std::move(context)));
            }
            Reply<Res> answer = std::move(state->reply);
            answer(std::move(*timed_out));
          });
      next(std::move(request), [state, scheduler](Res response) {
        if (state->done.exchange(true)) return;  // too late: the timeout answered
        scheduler->cancel(state->timer);
        Reply<Res> answer = std::move(state->reply);
        answer(std::move(response));
      });
    };
  };
}

// ---- One layer on its own: layers::mapRequest(std::move(next), f) ---------------------------

template <typename Req, typename Res, typename F>
Service<Req, Res> mapRequest(Service<Req, Res> next, F f) {
  return mapRequest<Req, Res>(std::move(f))(std::move(next));
}
template <typename Req, typename Res, typename F>
Service<Req, Res> mapResponse(Service<Req, Res> next, F f) {
  return mapResponse<Req, Res>(std::move(f))(std::move(next));
}
template <typename Req, typename Res, typename F>
Service<Req, Res> mapReply(Service<Req, Res> next, F f) {
  return mapReply<Req, Res>(std::move(f))(std::move(next));
}
template <typename Req, typename Res, typename F>
Service<Req, Res> checkpoint(Service<Req, Res> next, F f) {
  return checkpoint<Req, Res>(std::move(f))(std::move(next));
}
template <typename Req, typename Res, typename F>
Service<Req, Res> checkpointAsync(Service<Req, Res> next, F f) {
  return checkpointAsync<Req, Res>(std::move(f))(std::move(next));
}
template <typename Req, typename Res, typename F>
Service<Req, Res> instrument(Service<Req, Res> next, F f) {
  return instrument<Req, Res>(std::move(f))(std::move(next));
}

// ---- ServiceBuilder ------------------------------------------------------------------------

// Composes layers as tower's ServiceBuilder: the first one added is the outermost (it sees the
// request first and the response last).
//
//   Service<Req, Res> service = ServiceBuilder<Req, Res>().mapRequest(a).checkpoint(b)
//                                   .service(next);          // a(b(next))
template <typename Req, typename Res>
class ServiceBuilder {
 public:
  ServiceBuilder& layer(Layer<Req, Res> layer) {
    layers_.push_back(std::move(layer));
    return *this;
  }
  template <typename F>
  ServiceBuilder& mapRequest(F f) {
    return layer(layers::mapRequest<Req, Res>(std::move(f)));
  }
  template <typename F>
  ServiceBuilder& mapResponse(F f) {
    return layer(layers::mapResponse<Req, Res>(std::move(f)));
  }
  template <typename F>
  ServiceBuilder& mapReply(F f) {
    return layer(layers::mapReply<Req, Res>(std::move(f)));
  }
  template <typename Extract, typename F>
  ServiceBuilder& mapReplyWithRequestData(Extract extract, F f) {
    return layer(layers::mapReplyWithRequestData<Req, Res>(std::move(extract), std::move(f)));
  }
  template <typename F>
  ServiceBuilder& checkpoint(F f) {
    return layer(layers::checkpoint<Req, Res>(std::move(f)));
  }
  template <typename F>
  ServiceBuilder& checkpointAsync(F f) {
    return layer(layers::checkpointAsync<Req, Res>(std::move(f)));
  }
  template <typename F>
  ServiceBuilder& oneshotCheckpointAsync(F f) {
    return layer(layers::oneshotCheckpointAsync<Req, Res>(std::move(f)));
  }
  ServiceBuilder& buffered() { return layer(layers::buffered<Req, Res>()); }
  template <typename F>
  ServiceBuilder& instrument(F f) {
    return layer(layers::instrument<Req, Res>(std::move(f)));
  }
  // One bucket per builder call: see rateLimit() above about workers.
  ServiceBuilder& rateLimit(uint64_t n, std::chrono::steady_clock::duration per,
                            ResponseFn<Res> on_limited = {}) {
    return layer(layers::rateLimit<Req, Res>(n, per, std::move(on_limited)));
  }
  ServiceBuilder& rateLimit(std::shared_ptr<TokenBucket> bucket, ResponseFn<Res> on_limited = {}) {
    return layer(layers::rateLimit<Req, Res>(std::move(bucket), std::move(on_limited)));
  }
  ServiceBuilder& concurrencyLimit(size_t max_in_flight, ResponseFn<Res> on_overloaded = {}) {
    return layer(layers::concurrencyLimit<Req, Res>(max_in_flight, std::move(on_overloaded)));
  }
  ServiceBuilder& timeout(Scheduler::Clock::duration limit, ResponseFn<Res> on_timeout = {}) {
    return layer(layers::timeout<Req, Res>(limit, std::move(on_timeout)));
  }

  // `next` wrapped in every layer, the first added outermost.
  Service<Req, Res> service(Service<Req, Res> next) const {
    for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) next = (*it)(std::move(next));
    return next;
  }
  // All the layers as one.
  Layer<Req, Res> build() const {
    return [layers = layers_](Service<Req, Res> next) {
      for (auto it = layers.rbegin(); it != layers.rend(); ++it) next = (*it)(std::move(next));
      return next;
    };
  }

 private:
  std::vector<Layer<Req, Res>> layers_;
};

}  // namespace plexus::layers
