// The stages' services around script callbacks (Apollo's rhai/{router,supergraph,execution,
// subgraph}.rs): each registration wraps the service built so far, so the last map_request
// registered runs first and the last map_response runs last. A callback that throws answers the
// request itself (errors.h): the inner services are not called, outer map_response callbacks
// still see the answer.
#include <type_traits>

#include "src/plugins/rhai/errors.h"
#include "src/plugins/rhai/script.h"
#include "src/plugins/rhai/stage_objects.h"
#include "src/telemetry/log.h"

namespace plexus::plugins::rhai {

using plexus::rhai::EvalResult;
using plexus::rhai::Value;

EvalResult LoadedScript::invoke(const plexus::rhai::FnPtr& fn, Value arg) const {
  std::vector<Value> args;
  args.push_back(std::move(arg));
  if (!fn.curry.empty() || !fn.captures.empty())
    return engine.callFnPtr(*program, fn, std::move(args));
  return engine.call(*program, scope, fn.name, std::move(args), /*eval_ast=*/true);
}

namespace {

// Apollo logs a failure without a body (the text says map_request for either callback).
ErrorDetails failureOf(const plexus::rhai::EvalError& error) {
  ErrorDetails details = errorDetails(error);
  if (!details.body) {
    log::write(log::Level::kError, "map_request callback failed: ErrorDetails { status: " +
                                       std::to_string(details.status) + ", message: Some(" +
                                       json::serialize(json::Value(details.message)) + ") }");
  }
  return details;
}

// The answer to a failed callback: an HTTP response at the router stage, a GraphQL one at the
// supergraph and execution stages.
template <typename Response>
Response failure(const ErrorDetails& d, Context context) {
  Response response;
  if constexpr (std::is_same_v<Response, router::Response>) {
    response.http.status = d.status;
    response.http.headers.set("content-type", "application/json");
    response.http.body = json::serialize(d.responseBody());
  } else {
    response.status = d.status;
    response.body = GraphQLBody(d.responseBody());
  }
  response.context = std::move(context);
  return response;
}

SubgraphResponseState subgraphFailure(const ErrorDetails& d, Context context, std::string id) {
  SubgraphResponseState state;
  state.response.status = d.status;
  state.response.body = json::serialize(d.responseBody());
  state.response.context = std::move(context);
  state.id = std::move(id);
  return state;
}

// One stage (router, supergraph, execution): requests and responses are handed to the script
// as stage objects that own them while the callback runs.
template <typename Request, typename Response>
plexus::Service<Request, Response> wrapStage(std::shared_ptr<const LoadedScript> script,
                                             const std::vector<Callback>& callbacks,
                                             plexus::Service<Request, Response> next) {
  for (const Callback& callback : callbacks) {
    if (!callback.response) {
      next = [script, fn = callback.fn, next = std::move(next)](Request request,
                                                                Reply<Response> reply) {
        auto object = stageRequest(std::move(request));
        EvalResult result = script->invoke(fn, Value::host(object));
        if (!result.ok()) {
          return reply(failure<Response>(failureOf(result.error()), object->value.context));
        }
        next(object->take(), std::move(reply));
      };
    } else {
      next = [script, fn = callback.fn, next = std::move(next)](Request request,
                                                                Reply<Response> reply) {
        next(std::move(request), [script, fn, reply = std::move(reply)](Response response) {
          auto object = stageResponse(std::move(response));
          EvalResult result = script->invoke(fn, Value::host(object));
          if (!result.ok()) {
            return reply(failure<Response>(failureOf(result.error()), object->value.context));
          }
          reply(object->take());
        });
      };
    }
  }
  return next;
}

using SubgraphStateService = plexus::Service<SubgraphRequestState, SubgraphResponseState>;

}  // namespace

router::Service wrapRouter(std::shared_ptr<const LoadedScript> script, router::Service next) {
  const std::vector<Callback>& callbacks = script->router;
  return wrapStage<router::Request, router::Response>(std::move(script), callbacks,
                                                      std::move(next));
}

supergraph::Service wrapSupergraph(std::shared_ptr<const LoadedScript> script,
                                   supergraph::Service next) {
  const std::vector<Callback>& callbacks = script->supergraph;
  return wrapStage<supergraph::Request, supergraph::Response>(std::move(script), callbacks,
                                                              std::move(next));
}

execution::Service wrapExecution(std::shared_ptr<const LoadedScript> script,
                                 execution::Service next) {
  const std::vector<Callback>& callbacks = script->execution;
  return wrapStage<execution::Request, execution::Response>(std::move(script), callbacks,
                                                            std::move(next));
}

// The subgraph stage carries the fetch's id (subgraph_request_id) from the outermost layer in.
subgraph::Service wrapSubgraph(std::shared_ptr<const LoadedScript> script,
                               const std::vector<Callback>& callbacks, subgraph::Service next) {
  SubgraphStateService inner = [next = std::move(next)](SubgraphRequestState state,
                                                        Reply<SubgraphResponseState> reply) {
    next(std::move(state.request),
         [id = std::move(state.id), reply = std::move(reply)](subgraph::Response response) {
           reply(SubgraphResponseState{std::move(response), id});
         });
  };
  for (const Callback& callback : callbacks) {
    if (!callback.response) {
      inner = [script, fn = callback.fn, next = std::move(inner)](
                  SubgraphRequestState state, Reply<SubgraphResponseState> reply) {
        auto object = stageRequest(std::move(state));
        EvalResult result = script->invoke(fn, Value::host(object));
        if (!result.ok()) {
          return reply(subgraphFailure(failureOf(result.error()), object->value.request.context,
                                       object->value.id));
        }
        next(object->take(), std::move(reply));
      };
    } else {
      inner = [script, fn = callback.fn, next = std::move(inner)](
                  SubgraphRequestState state, Reply<SubgraphResponseState> reply) {
        next(std::move(state), [script, fn, reply = std::move(reply)](SubgraphResponseState r) {
          auto object = stageResponse(std::move(r));
          EvalResult result = script->invoke(fn, Value::host(object));
          if (!result.ok()) {
            return reply(subgraphFailure(failureOf(result.error()), object->value.response.context,
                                         object->value.id));
          }
          reply(object->take());
        });
      };
    }
  }
  return [inner = std::move(inner)](subgraph::Request request, Reply<subgraph::Response> reply) {
    SubgraphRequestState state;
    state.request = std::move(request);
    inner(std::move(state), [reply = std::move(reply)](SubgraphResponseState state) {
      reply(std::move(state.response));
    });
  };
}

}  // namespace plexus::plugins::rhai
