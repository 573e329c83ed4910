// Mocks of the stages' request and response objects and the router-style script loader of
// `router rhai test` (test_mocks.h). Mocks are the router's own stage objects, so a script's
// callback sees exactly the properties (and read-only ones) it sees in the router.
#include "src/plugins/rhai/test_mocks.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "src/common/uuid.h"
#include "src/plugins/rhai/convert.h"
#include "src/plugins/rhai/errors.h"
#include "src/plugins/rhai/helpers.h"
#include "src/plugins/rhai/objects.h"
#include "src/plugins/rhai/script.h"
#include "src/plugins/rhai/stage_objects.h"

namespace plexus::plugins::rhai {

namespace {

using plexus::rhai::EvalResult;
using Args = std::span<Value>;
namespace fs = std::filesystem;

constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error"};

// The `service` a hook gets (map_request / map_response), and apollo_mocks::get_*_service().
// has_mapped_request / has_mapped_response are rhai-test's.
class ServiceMock final : public HostObject {
 public:
  ServiceMock(std::string type_name, std::shared_ptr<std::vector<Callback>> out)
      : type_name_(std::move(type_name)), out_(std::move(out)) {}
  std::string_view typeName() const override { return type_name_; }
  std::optional<Value> call(std::string_view name, std::span<Value> args, CallContext&) override {
    if ((name == "map_request" || name == "map_response") && args.size() == 1) {
      if (!args[0].is(Value::Type::kFnPtr)) {
        wrongType(name, "a function pointer or closure", args[0]);
      }
      out_->push_back(Callback{name == "map_response", args[0].asFnPtr()});
      return Value();
    }
    if ((name == "has_mapped_request" || name == "has_mapped_response") && args.empty()) {
      bool response = name == "has_mapped_response";
      return Value::boolean(std::any_of(out_->begin(), out_->end(),
                                        [&](const Callback& c) { return c.response == response; }));
    }
    return std::nullopt;
  }

 private:
  std::string type_name_;
  std::shared_ptr<std::vector<Callback>> out_;
};

// A mock constructor's options map, checked against the keys that constructor knows so that a
// misspelt option fails the test instead of being ignored.
class Options {
 public:
  Options(std::string_view fn, const plexus::rhai::Map* map,
          std::span<const std::string_view> allowed)
      : fn_(fn), map_(map) {
    if (map_ == nullptr) return;
    for (const auto& [key, value] : *map_) {
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string have;
      for (std::string_view k : allowed) have += (have.empty() ? "" : ", ") + std::string(k);
      throw HostError{fn_ + ": unknown option '" + key + "' (have: " + have + ")"};
    }
  }
  const Value* get(std::string_view key) const {
    if (map_ == nullptr) return nullptr;
    auto it = map_->find(key);
    return it == map_->end() || it->second.isUnit() ? nullptr : &it->second;
  }
  std::optional<std::string> string(std::string_view key) const {
    const Value* v = get(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is(Value::Type::kString))
      wrongType(fn_ + " option " + std::string(key), "a string", *v);
    return v->asString();
  }
  std::optional<int64_t> integer(std::string_view key) const {
    const Value* v = get(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is(Value::Type::kInt)) wrongType(fn_ + " option " + std::string(key), "an integer", *v);
    return v->asInt();
  }
  // A map of JSON values (variables, extensions), or nullopt.
  std::optional<json::Value> object(std::string_view key) const {
    const Value* v = get(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is(Value::Type::kMap)) wrongType(fn_ + " option " + std::string(key), "a map", *v);
    return toJson(*v);
  }
  // `#{"name": "value", "multi": ["a", "b"]}` or a HeaderMap.
  void headers(http::Headers& out) const {
    const Value* v = get("headers");
    if (v == nullptr) return;
    if (const auto* h = hostAs<HeaderMapObject>(*v)) {
      out = h->headers();
      return;
    }
    if (!v->is(Value::Type::kMap)) wrongType(fn_ + " option headers", "a map", *v);
    for (const auto& [name, value] : v->asMap()) {
      if (value.is(Value::Type::kArray)) {
        for (const Value& item : value.asArray()) out.add(name, item.display());
      } else {
        out.set(name, value.display());
      }
    }
  }
  // A Context shared with another mock (`#{context: request.context}`).
  void context(Context& out) const {
    const Value* v = get("context");
    if (v == nullptr) return;
    const auto* c = hostAs<ContextObject>(*v);
    if (c == nullptr) wrongType(fn_ + " option context", "a Context", *v);
    out = c->context;
  }
  // A request target from an absolute URI or a path.
  std::string target(std::string_view fallback) const {
    std::optional<std::string> uri = string("uri");
    return uri ? UriObject(*uri).pathAndQuery() : std::string(fallback);
  }
  // A GraphQL response body: a map (data, errors, extensions) or its JSON text.
  json::Value responseBody() const {
    const Value* v = get("body");
    if (v == nullptr) return json::Value::object();
    if (v->is(Value::Type::kString)) {
      auto parsed = json::parse(v->asString());
      if (!parsed.ok()) throw HostError{fn_ + ": option body is not JSON"};
      return *parsed;
    }
    if (!v->is(Value::Type::kMap)) wrongType(fn_ + " option body", "a map or JSON text", *v);
    return toJson(*v);
  }

 private:
  std::string fn_;
  const plexus::rhai::Map* map_;
};

constexpr std::string_view kClientRequestKeys[] = {
    "method", "uri", "headers", "query", "operation_name", "variables", "extensions", "context"};
constexpr std::string_view kRouterRequestKeys[] = {"method", "uri", "headers", "body", "context"};
constexpr std::string_view kResponseKeys[] = {"status", "headers", "body", "context"};
constexpr std::string_view kSubgraphRequestKeys[] = {
    "subgraph_name",      "uri",       "headers",    "query",
    "operation_name",     "variables", "extensions", "context",
    "subgraph_request_id"};
constexpr std::string_view kSubgraphResponseKeys[] = {"status", "headers", "body", "context",
                                                      "subgraph_request_id"};

supergraph::Request clientRequest(const Options& o) {
  supergraph::Request r;
  r.http.method = o.string("method").value_or("POST");
  r.http.target = o.target("/");
  o.headers(r.http.headers);
  r.query = o.string("query").value_or("");
  r.operation_name = o.string("operation_name").value_or("");
  if (auto v = o.object("variables")) r.variables = std::move(*v);
  if (auto e = o.object("extensions")) r.extensions = std::move(*e);
  o.context(r.context);
  return r;
}

template <typename Response>
Response graphqlResponse(const Options& o) {
  Response r;
  r.status = static_cast<int>(o.integer("status").value_or(200));
  o.headers(r.headers);
  r.body = GraphQLBody(o.responseBody());
  o.context(r.context);
  return r;
}

Value routerRequest(const Options& o) {
  router::Request r;
  r.http.method = o.string("method").value_or("POST");
  r.http.target = o.target("/");
  o.headers(r.http.headers);
  r.http.body = o.string("body").value_or("");
  o.context(r.context);
  return Value::host(stageRequest(std::move(r)));
}

Value routerResponse(const Options& o) {
  router::Response r;
  r.http.status = static_cast<int>(o.integer("status").value_or(200));
  o.headers(r.http.headers);
  r.http.body = o.string("body").value_or("");
  o.context(r.context);
  return Value::host(stageResponse(std::move(r)));
}

Value executionRequest(const Options& o) {
  execution::Request r;
  supergraph::Request client = clientRequest(o);
  r.context = client.context;
  r.supergraph = std::make_shared<supergraph::Request>(std::move(client));
  return Value::host(stageRequest(std::move(r)));
}

// The client's request is a supergraph request mock's, as in rhai-test
// (get_subgraph_service_request(supergraph_request)); its context is shared, as in the router.
Value subgraphRequest(StageObject<supergraph::Request>* client, const Options& o) {
  SubgraphRequestState state;
  subgraph::Request& r = state.request;
  supergraph::Request copy = client ? client->value : supergraph::Request{};
  if (client != nullptr) {
    // The mock may be sharing its headers with the script: read them as the script does.
    std::optional<Value> headers = client->get("headers");
    if (const auto* h = headers ? hostAs<HeaderMapObject>(*headers) : nullptr) {
      copy.http.headers = h->headers();
    }
  }
  r.context = copy.context;
  r.supergraph = std::make_shared<supergraph::Request>(std::move(copy));
  o.context(r.context);
  r.subgraph_name = o.string("subgraph_name").value_or("subgraph");
  r.uri = o.string("uri").value_or("/");  // as Apollo's fake subgraph request
  r.http.method = "POST";
  o.headers(r.http.headers);
  json::Value body = json::Value::object();
  if (auto q = o.string("query")) body["query"] = *q;
  if (auto n = o.string("operation_name")) body["operationName"] = *n;
  if (auto v = o.object("variables")) body["variables"] = std::move(*v);
  if (auto e = o.object("extensions")) body["extensions"] = std::move(*e);
  r.http.body = json::serialize(body);
  state.id = o.string("subgraph_request_id").value_or(uuidV4());
  return Value::host(stageRequest(std::move(state)));
}

Value subgraphResponse(const Options& o) {
  SubgraphResponseState state;
  subgraph::Response& r = state.response;
  r.status = static_cast<int>(o.integer("status").value_or(200));
  o.headers(r.headers);
  r.body = json::serialize(o.responseBody());
  o.context(r.context);
  state.id = o.string("subgraph_request_id").value_or("");
  return Value::host(stageResponse(std::move(state)));
}

Value supergraphRequest(const Options& o) { return Value::host(stageRequest(clientRequest(o))); }
Value supergraphResponse(const Options& o) {
  return Value::host(stageResponse(graphqlResponse<supergraph::Response>(o)));
}
Value executionResponse(const Options& o) {
  return Value::host(stageResponse(graphqlResponse<execution::Response>(o)));
}

// apollo_mocks::<name>() or <name>(#{options}).
void registerMock(plexus::rhai::Engine& engine, const std::string& name,
                  std::span<const std::string_view> keys, Value (*make)(const Options&)) {
  std::string full = "apollo_mocks::" + name;
  engine.registerFn(full, [full, keys, make](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() > 1 || (a.size() == 1 && !a[0].is(Value::Type::kMap))) return std::nullopt;
    return make(Options(full, a.empty() ? nullptr : &a[0].asMap(), keys));
  });
}

// A callback's throw as the router answers it (errors.h): #{status, message, body}. The router
// logs a failure that has no body; so does this, into the test's logs.
Value failureValue(const plexus::rhai::EvalError& error, TestLogs& logs) {
  ErrorDetails details = errorDetails(error);
  if (!details.body) {
    logs.entries.push_back({"error", "map_request callback failed: ErrorDetails { status: " +
                                         std::to_string(details.status) + ", message: Some(" +
                                         json::serialize(json::Value(details.message)) + ") }"});
  }
  plexus::rhai::Map out;
  out["status"] = Value::integer(details.status);
  out["message"] = Value::string(details.message);
  out["body"] = fromJson(details.responseBody());
  return Value::map(std::move(out));
}

// test_helpers::load_script(path): the script loaded as the router loads rhai.main — top level
// run once, then each hook called with a service that records its callbacks — and methods that
// run those callbacks on mocks in the router's order: map_request callbacks last registered
// first, map_response callbacks first registered first, stopping at the first throw.
class RouterScriptObject final : public HostObject {
 public:
  RouterScriptObject(std::shared_ptr<LoadedScript> script, std::shared_ptr<TestLogs> logs)
      : script_(std::move(script)), logs_(std::move(logs)) {}
  std::string_view typeName() const override { return "RouterScript"; }
  std::string display() const override { return "RouterScript(" + script_->main_path + ")"; }

  // Calls `hook` (if the script defines it) as the router does at startup; a failing hook is
  // logged and keeps what it registered before failing.
  void callHook(std::string_view hook, std::string_view stage, std::vector<Callback>& out,
                std::vector<Value> extra = {}) {
    if (!script_->program->hasFunction(hook)) return;
    auto calls = std::make_shared<std::vector<Callback>>();
    std::vector<Value> args{Value::host(std::make_shared<ServiceMock>(
        "apollo_router::services::" + std::string(stage) + "::Service", calls))};
    for (Value& v : extra) args.push_back(std::move(v));
    EvalResult result =
        script_->engine.call(*script_->program, script_->scope, hook, std::move(args));
    out = *calls;
    if (!result.ok()) {
      logs_->entries.push_back({"error", "service callback failed: " + result.error().describe()});
    }
  }

  std::optional<Value> call(std::string_view name, std::span<Value> args, CallContext&) override {
    if (args.size() == 1) {
      if (name == "router_request") return run<router::Request>(script_->router, false, args[0]);
      if (name == "router_response") return run<router::Response>(script_->router, true, args[0]);
      if (name == "supergraph_request") {
        return run<supergraph::Request>(script_->supergraph, false, args[0]);
      }
      if (name == "supergraph_response") {
        return run<supergraph::Response>(script_->supergraph, true, args[0]);
      }
      if (name == "execution_request") {
        return run<execution::Request>(script_->execution, false, args[0]);
      }
      if (name == "execution_response") {
        return run<execution::Response>(script_->execution, true, args[0]);
      }
    }
    if (args.size() == 2 && args[0].is(Value::Type::kString)) {
      if (name == "subgraph_request") {
        return run<SubgraphRequestState>(subgraph(args[0].asString()), false, args[1]);
      }
      if (name == "subgraph_response") {
        return run<SubgraphResponseState>(subgraph(args[0].asString()), true, args[1]);
      }
    }
    return std::nullopt;
  }

 private:
  // subgraph_service(service, name) runs once per subgraph, when a test first asks for it (the
  // router calls it for each subgraph of the supergraph at startup).
  const std::vector<Callback>& subgraph(const std::string& name) {
    auto it = script_->subgraphs.find(name);
    if (it != script_->subgraphs.end()) return it->second;
    std::vector<Callback>& out = script_->subgraphs[name];
    callHook("subgraph_service", "subgraph", out, {Value::string(name)});
    return out;
  }

  template <typename T>
  Value run(const std::vector<Callback>& callbacks, bool response, const Value& object) {
    if (hostAs<StageObject<T>>(object) == nullptr) {
      throw HostError{std::string(response ? "a response" : "a request") +
                      " mock of this stage is needed (apollo_mocks::get_*), not " +
                      std::string(object.typeName())};
    }
    std::vector<const Callback*> order;
    for (const Callback& c : callbacks) {
      if (c.response == response) order.push_back(&c);
    }
    if (!response) std::reverse(order.begin(), order.end());
    for (const Callback* c : order) {
      EvalResult result = script_->invoke(c->fn, object);
      if (!result.ok()) return failureValue(result.error(), *logs_);
    }
    return Value();
  }

  std::shared_ptr<LoadedScript> script_;
  std::shared_ptr<TestLogs> logs_;
};

Value loadScript(const std::string& dir, std::string_view relative, std::shared_ptr<TestLogs> logs,
                 PrintFn print) {
  fs::path path = fs::path(dir) / std::string(relative);
  if (path.extension() != ".rhai") path += ".rhai";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw HostError{"test_helpers::load_script: cannot read '" + path.string() + "'"};
  std::stringstream source;
  source << in.rdbuf();
  std::string main_path = path.string();
  // As RhaiPlugin::load with router.yaml's default limits; modules resolve beside the script.
  auto script = std::make_shared<LoadedScript>(
      plexus::rhai::EngineOptions{.module_dir = path.parent_path().string()});
  script->main_path = main_path;
  setUpTestEngine(script->engine, main_path, logs, std::move(print));
  auto compiled = script->engine.compile(source.str(), main_path);
  if (compiled.index() == 1) {
    throw HostError{"in Rhai script " + main_path + ": " + std::get<1>(compiled).describe()};
  }
  script->program = std::get<0>(std::move(compiled));
  script->scope.pushConstant("apollo_sdl", Value::string(""));
  script->scope.pushConstant("apollo_start", Value::timestamp());
  EvalResult top = script->engine.run(*script->program, script->scope);
  if (!top.ok()) throw HostError{"in Rhai script " + main_path + ": " + top.error().describe()};
  auto object = std::make_shared<RouterScriptObject>(script, logs);
  object->callHook("router_service", "router", script->router);
  object->callHook("supergraph_service", "supergraph", script->supergraph);
  object->callHook("execution_service", "execution", script->execution);
  return Value::host(std::move(object));
}

}  // namespace

void setUpTestEngine(plexus::rhai::Engine& engine, const std::string& main_path,
                     std::shared_ptr<TestLogs> logs, PrintFn print) {
  // Registered before the router's log_* (registerHelpers), so these are found first.
  for (std::string_view level : kLevels) {
    engine.registerFn("log_" + std::string(level),
                      [logs, level](CallContext&, Args a) -> std::optional<Value> {
                        if (a.size() != 1) return std::nullopt;
                        logs->entries.push_back({std::string(level), a[0].display()});
                        return Value();
                      });
  }
  registerHelpers(engine, HelperOptions{.main_path = main_path});
  engine.setPrint(std::move(print));
  Value constants = Value::map(routerConstants("", Value::timestamp()));
  engine.setVariableResolver([constants](std::string_view name) -> std::optional<Value> {
    if (name == "Router") return constants;
    for (std::string_view level : kLevels) {
      if (name.starts_with("log_") && name.substr(4) == level) {
        return Value::host(std::make_shared<LogLevelObject>(std::string(level)));
      }
    }
    return std::nullopt;
  });
}

void registerMocks(plexus::rhai::Engine& engine, const std::string& dir,
                   std::shared_ptr<TestLogs> logs, PrintFn print) {
  registerMock(engine, "get_router_service_request", kRouterRequestKeys, routerRequest);
  registerMock(engine, "get_router_service_response", kResponseKeys, routerResponse);
  registerMock(engine, "get_supergraph_service_request", kClientRequestKeys, supergraphRequest);
  registerMock(engine, "get_supergraph_service_response", kResponseKeys, supergraphResponse);
  registerMock(engine, "get_execution_service_request", kClientRequestKeys, executionRequest);
  registerMock(engine, "get_execution_service_response", kResponseKeys, executionResponse);
  registerMock(engine, "get_subgraph_service_response", kSubgraphResponseKeys, subgraphResponse);
  // (), (supergraph_request), (#{options}) or (supergraph_request, #{options}).
  engine.registerFn(
      "apollo_mocks::get_subgraph_service_request",
      [](CallContext&, Args a) -> std::optional<Value> {
        StageObject<supergraph::Request>* client = nullptr;
        size_t next = 0;
        if (!a.empty()) {
          client = hostAs<StageObject<supergraph::Request>>(a[0]);
          if (client != nullptr) next = 1;
        }
        if (a.size() > next + 1 || (a.size() == next + 1 && !a[next].is(Value::Type::kMap))) {
          return std::nullopt;
        }
        const plexus::rhai::Map* map = a.size() == next + 1 ? &a[next].asMap() : nullptr;
        return subgraphRequest(client, Options("apollo_mocks::get_subgraph_service_request", map,
                                               kSubgraphRequestKeys));
      });
  for (std::string_view stage : {"router", "supergraph", "execution", "subgraph"}) {
    std::string type = "apollo_router::services::" + std::string(stage) + "::Service";
    engine.registerFn("apollo_mocks::get_" + std::string(stage) + "_service",
                      [type](CallContext&, Args a) -> std::optional<Value> {
                        if (!a.empty()) return std::nullopt;
                        return Value::host(std::make_shared<ServiceMock>(
                            type, std::make_shared<std::vector<Callback>>()));
                      });
  }
  engine.registerFn("test_helpers::set_env", [](CallContext&, Args a) -> std::optional<Value> {
    if (a.size() != 2 || !a[0].is(Value::Type::kString) || !a[1].is(Value::Type::kString)) {
      return std::nullopt;
    }
    ::setenv(a[0].asString().c_str(), a[1].asString().c_str(), 1);
    return Value();
  });
  engine.registerFn("test_helpers::load_script",
                    [dir, logs, print](CallContext&, Args a) -> std::optional<Value> {
                      if (a.size() != 1 || !a[0].is(Value::Type::kString)) return std::nullopt;
                      return loadScript(dir, a[0].asString(), logs, print);
                    });
}

}  // namespace plexus::plugins::rhai
