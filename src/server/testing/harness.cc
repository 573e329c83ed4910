#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cctype>
#include <optional>
#include <utility>

#include "include/plexus/testing.h"
#include "include/plexus/worker.h"
#include "src/config/router_config.h"
#include "src/federation/supergraph.h"
#include "src/http/client.h"
#include "src/plugins/instances.h"
#include "src/server/asio_scheduler.h"
#include "src/server/router_service.h"

namespace plexus::testing {

namespace {

constexpr std::chrono::seconds kSafetyLimit{10};

// The query text with whitespace and commas (GraphQL's insignificant characters outside strings)
// removed, and the operation keyword and name dropped, for matching: "{ me { name } }" and
// "query Me__accounts__0 { me { name } }" are the same request (as Apollo's MockSubgraph does).
std::string squeeze(std::string_view query) {
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < query.size(); ++i) {
    char c = query[i];
    if (c == '"' && (i == 0 || query[i - 1] != '\\')) in_string = !in_string;
    if (!in_string && (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ',')) continue;
    out.push_back(c);
  }
  for (std::string_view keyword : {"query", "mutation", "subscription"}) {
    if (!out.starts_with(keyword)) continue;
    size_t end = keyword.size();
    while (end < out.size() &&
           (std::isalnum(static_cast<unsigned char>(out[end])) || out[end] == '_')) {
      ++end;
    }
    // The keyword alone, or followed by a name: not a field that merely starts with "query".
    if (end < out.size() && (out[end] == '{' || out[end] == '(' || out[end] == '@')) {
      out.erase(0, end);
    }
    break;
  }
  return out;
}

}  // namespace

MockSubgraph& MockSubgraph::answer(std::string_view query, std::string response_json, int status) {
  answers_[squeeze(query)] = Canned{status, std::move(response_json)};
  return *this;
}

MockSubgraph& MockSubgraph::otherwise(std::string response_json, int status) {
  otherwise_ = Canned{status, std::move(response_json)};
  return *this;
}

std::pair<int, std::string> MockSubgraph::respond(const std::string& body,
                                                  const http::Headers& headers) {
  Received received{
      .query = {}, .operation_name = {}, .variables = {}, .headers = headers, .body = body};
  if (StatusOr<json::Value> parsed = json::parse(body); parsed.ok()) {
    if (const json::Value* query = parsed->find("query"); query && query->isString()) {
      received.query = query->asString();
    }
    if (const json::Value* name = parsed->find("operationName"); name && name->isString()) {
      received.operation_name = name->asString();
    }
    if (const json::Value* variables = parsed->find("variables")) received.variables = *variables;
  }
  std::string key = squeeze(received.query);
  received_.push_back(std::move(received));
  if (auto it = answers_.find(key); it != answers_.end())
    return {it->second.status, it->second.body};
  if (otherwise_) return {otherwise_->status, otherwise_->body};
  json::Value error = json::Value::object();
  error["message"] = "no mock answer for query: " + key;
  json::Value errors = json::Value::array();
  errors.push(std::move(error));
  json::Value response = json::Value::object();
  response["errors"] = std::move(errors);
  return {200, json::serialize(response)};
}

StatusOr<std::shared_ptr<Plugin>> createPlugin(std::string_view name, std::string_view yaml,
                                               std::string supergraph_sdl) {
  StatusOr<config::YamlNode> node = config::parseYaml(yaml, "router.yaml");
  if (!node.ok()) return node.status();
  auto configured = plugins::readPluginConfigs(
      {config::PluginSection{std::string(name), std::move(*node), "router.yaml"}});
  if (!configured.ok()) return configured.status();
  auto set = plugins::createPlugins(*configured,
                                    std::make_shared<const std::string>(std::move(supergraph_sdl)));
  if (!set.ok()) return set.status();
  // The instance outlives the set (which would shut it down when dropped): keep the set alive
  // with it.
  std::shared_ptr<plugins::PluginSet> owner = std::move(*set);
  Plugin* plugin = owner->instances().front().plugin.get();
  return std::shared_ptr<Plugin>(owner, plugin);
}

struct TestHarness::Impl {
  std::string sdl;
  std::string yaml;
  std::vector<std::shared_ptr<Plugin>> extra_plugins;
  std::map<std::string, MockSubgraph, std::less<>> mocks;

  boost::asio::io_context io;
  http::Client client{io};
  server::AsioScheduler scheduler{io};
  std::shared_ptr<plugins::PluginSet> plugin_set;
  std::unique_ptr<server::RouterService> service;
  std::shared_ptr<const Pipeline> pipeline;

  // Answers from the mocks, delivered on the harness's loop (never inside fetch()).
  class Fetcher final : public execution::SubgraphFetcher {
   public:
    explicit Fetcher(Impl& impl) : impl_(impl) {}
    void fetch(execution::SubgraphCall call,
               std::function<void(execution::SubgraphReply)> done) override {
      execution::SubgraphReply reply;
      auto mock = impl_.mocks.find(call.service);
      if (mock == impl_.mocks.end()) {
        reply.error = "the test harness has no mock for subgraph '" + std::string(call.service) +
                      "' (TestHarness::subgraph)";
      } else {
        auto [status, body] = mock->second.respond(call.body, call.headers);
        reply.status = status;
        reply.body = std::move(body);
        reply.headers.add("content-type", "application/json");
      }
      boost::asio::post(impl_.io, [done = std::move(done), reply = std::move(reply)]() mutable {
        done(std::move(reply));
      });
    }

   private:
    Impl& impl_;
  };
};

TestHarness::TestHarness() : impl_(std::make_unique<Impl>()) {}
TestHarness::~TestHarness() = default;

TestHarness& TestHarness::supergraph(std::string sdl) {
  impl_->sdl = std::move(sdl);
  return *this;
}

TestHarness& TestHarness::configuration(std::string yaml) {
  impl_->yaml = std::move(yaml);
  return *this;
}

TestHarness& TestHarness::plugin(std::shared_ptr<Plugin> plugin) {
  impl_->extra_plugins.push_back(std::move(plugin));
  return *this;
}

TestHarness& TestHarness::subgraph(std::string name, MockSubgraph mock) {
  impl_->mocks.insert_or_assign(std::move(name), std::move(mock));
  return *this;
}

MockSubgraph& TestHarness::mock(std::string_view subgraph) {
  auto it = impl_->mocks.find(subgraph);
  if (it == impl_->mocks.end())
    it = impl_->mocks.emplace(std::string(subgraph), MockSubgraph()).first;
  return it->second;
}

Status TestHarness::build() {
  Impl& impl = *impl_;
  if (impl.sdl.empty()) return Status::error("TestHarness: no supergraph (call supergraph(sdl))");
  auto supergraph = federation::Supergraph::fromSdl(impl.sdl, "supergraph.graphql");
  if (!supergraph.ok()) return supergraph.status();
  StatusOr<config::RouterConfig> config = config::parseRouterConfig(impl.yaml, "router.yaml");
  if (!config.ok()) return config.status();
  auto configured = plugins::readPluginConfigs(config->plugins);
  if (!configured.ok()) return configured.status();
  auto plugin_set = plugins::createPlugins(*configured, (*supergraph)->sdl());
  if (!plugin_set.ok()) return plugin_set.status();
  impl.plugin_set = std::move(*plugin_set);

  StageWrappers wrappers;
  server::RouterServiceOptions options;
  impl.plugin_set->addTo(wrappers);
  options.endpoints = impl.plugin_set->webEndpoints();
  for (const std::shared_ptr<Plugin>& extra : impl.extra_plugins) {
    plugins::addPlugin(extra, wrappers);
    for (WebEndpoint& endpoint : extra->webEndpoints()) options.endpoints.push_back(endpoint);
  }
  impl.service = std::make_unique<server::RouterService>(*supergraph, std::move(*config),
                                                         std::move(options), std::move(wrappers));
  impl.pipeline = impl.service->pipeline(std::make_shared<Impl::Fetcher>(impl));
  impl.plugin_set->activate();
  for (const std::shared_ptr<Plugin>& extra : impl.extra_plugins) extra->activate();
  return Status();
}

http::Response TestHarness::call(http::Request request) {
  Impl& impl = *impl_;
  if (!impl.pipeline) {
    return http::Response{.status = 500, .headers = {}, .body = "TestHarness: call build() first"};
  }
  ScopedScheduler installed_scheduler(impl.scheduler);
  ScopedHttpClient installed_client(impl.client);
  std::optional<http::Response> answer;
  router::Request router_request;
  router_request.http = std::move(request);
  impl.io.restart();
  impl.pipeline->router(std::move(router_request), [&answer](router::Response response) {
    answer = std::move(response.http);
  });
  auto deadline = std::chrono::steady_clock::now() + kSafetyLimit;
  while (!answer && std::chrono::steady_clock::now() < deadline) {
    impl.io.run_one_for(std::chrono::milliseconds(100));
    if (impl.io.stopped()) impl.io.restart();
  }
  if (!answer) {
    return http::Response{.status = 500,
                          .headers = {},
                          .body = "TestHarness: no answer within 10 s (a reply never called?)"};
  }
  return std::move(*answer);
}

http::Response TestHarness::post(std::string body, http::Headers headers) {
  http::Request request;
  request.method = "POST";
  request.target = "/";
  request.headers = std::move(headers);
  if (!request.headers.contains("content-type")) {
    request.headers.add("content-type", "application/json");
  }
  request.body = std::move(body);
  return call(std::move(request));
}

http::Response TestHarness::query(std::string_view query, http::Headers headers,
                                  json::Value variables) {
  json::Value body = json::Value::object();
  body["query"] = std::string(query);
  if (!variables.isNull()) body["variables"] = std::move(variables);
  return post(json::serialize(body), std::move(headers));
}

}  // namespace plexus::testing
