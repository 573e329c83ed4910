#include "src/plugins/instances.h"

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace plexus::plugins {
namespace {

struct GreeterConfig {
  std::string greeting = "hello";
  uint32_t times = 1;
};

std::atomic<int> shutdowns{0};

class Greeter : public Plugin {
 public:
  using Config = GreeterConfig;
  static ConfigType<Config> configType() {
    using namespace config::describe;
    return Object<Config>("Adds a greeting header to every subgraph request")
        .field("greeting", &Config::greeting, string(), "The header's value")
        .field("times", &Config::times, integer<uint32_t>(1, 5), "How often")
        .type();
  }
  explicit Greeter(PluginInit<Config> init)
      : greeting_(init.config.greeting),
        previous_(init.previous_config ? init.previous_config->greeting : "") {
    if (init.config.greeting == "boom") throw std::runtime_error("greeting 'boom' refused");
  }
  subgraph::Service subgraphService(std::string_view name, subgraph::Service next) override {
    return [greeting = greeting_, name = std::string(name), next](subgraph::Request request,
                                                                  Reply<subgraph::Response> reply) {
      request.http.headers.add("x-greeting", greeting + " " + name);
      next(std::move(request), std::move(reply));
    };
  }
  void shutdown() override { ++shutdowns; }
  const std::string& previous() const { return previous_; }

 private:
  std::string greeting_;
  std::string previous_;
};
PLEXUS_REGISTER_PLUGIN("test", "greeter", Greeter);

class Silent : public Plugin {
 public:
  using Config = NoConfig;
  explicit Silent(PluginInit<Config>) {}
};
PLEXUS_REGISTER_PLUGIN("test", "silent", Silent);

config::PluginSection section(std::string name, std::string_view yaml) {
  StatusOr<config::YamlNode> node = config::parseYaml(yaml, "router.yaml");
  EXPECT_TRUE(node.ok());
  return config::PluginSection{std::move(name), node.ok() ? *node : config::YamlNode{},
                               "router.yaml"};
}

TEST(PluginRegistryTest, KnowsRegisteredPluginsByGroupAndName) {
  ASSERT_NE(find("test.greeter"), nullptr);
  ASSERT_NE(find("test.silent"), nullptr);
  EXPECT_EQ(find("test.nope"), nullptr);
  EXPECT_TRUE(duplicates().empty());
}

TEST(PluginConfigTest, ReadsEachSectionWithItsPluginsDescription) {
  auto configured = readPluginConfigs(
      {section("test.greeter", "greeting: hi\ntimes: 2\n"), section("test.silent", "")});
  ASSERT_TRUE(configured.ok()) << configured.status().message();
  ASSERT_EQ(configured->size(), 2u);
  auto* config = static_cast<const GreeterConfig*>((*configured)[0].config.get());
  EXPECT_EQ(config->greeting, "hi");
  EXPECT_EQ(config->times, 2u);
}

TEST(PluginConfigTest, ReportsUnknownPluginsAndBadSectionsWithTheirPaths) {
  auto configured = readPluginConfigs({section("test.greeterr", "greeting: hi\n"),
                                       section("test.greeter", "greting: hi\ntimes: 9\n"),
                                       section("test.silent", "anything: 1\n")});
  ASSERT_FALSE(configured.ok());
  const std::string& message = configured.status().message();
  EXPECT_NE(message.find("plugins.test.greeterr: unknown plugin; did you mean \"test.greeter\"?"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("router.yaml:1:1: plugins.test.greeter.greting: unknown key; did you "
                         "mean \"greeting\"?"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("router.yaml:2:8: plugins.test.greeter.times:"), std::string::npos)
      << message;
  EXPECT_NE(message.find("plugins.test.silent.anything: unknown key"), std::string::npos)
      << message;
}

TEST(PluginSetTest, CreatesInOrderWrapsTheStagesAndShutsDownWhenDropped) {
  auto configured =
      readPluginConfigs({section("test.greeter", "greeting: hi\n"), section("test.silent", "")});
  ASSERT_TRUE(configured.ok());
  int before = shutdowns.load();
  {
    auto set = createPlugins(*configured, std::make_shared<const std::string>("schema"));
    ASSERT_TRUE(set.ok()) << set.status().message();
    ASSERT_EQ((*set)->instances().size(), 2u);
    EXPECT_EQ((*set)->instances()[0].name, "test.greeter");

    StageWrappers wrappers;
    (*set)->addTo(wrappers);
    EXPECT_EQ(wrappers.subgraph.size(), 2u);
    subgraph::Service core = [](subgraph::Request request, Reply<subgraph::Response> reply) {
      subgraph::Response response;
      response.status = 200;
      response.body = std::string(request.http.headers.get("x-greeting").value_or("none"));
      reply(std::move(response));
    };
    subgraph::Service wrapped = wrappers.subgraph[0]("products", core);
    std::string seen;
    wrapped(subgraph::Request{}, [&](subgraph::Response response) { seen = response.body; });
    EXPECT_EQ(seen, "hi products");

    // A reload: the new instance sees the previous configuration.
    auto reloaded = readPluginConfigs({section("test.greeter", "greeting: hey\n")});
    ASSERT_TRUE(reloaded.ok());
    auto next = createPlugins(*reloaded, nullptr, set->get());
    ASSERT_TRUE(next.ok());
    auto* greeter = dynamic_cast<Greeter*>((*next)->instances()[0].plugin.get());
    ASSERT_NE(greeter, nullptr);
    EXPECT_EQ(greeter->previous(), "hi");
    EXPECT_EQ(shutdowns.load(), before);  // both generations live side by side
  }
  EXPECT_EQ(shutdowns.load(), before + 2);
}

TEST(PluginSetTest, AFailingPluginIsNamedAndThoseCreatedBeforeItAreShutDown) {
  auto configured = readPluginConfigs(
      {section("test.greeter", "greeting: fine\n"), section("test.greeter", "greeting: boom\n")});
  ASSERT_TRUE(configured.ok());
  int before = shutdowns.load();
  auto set = createPlugins(*configured, nullptr);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(), "plugin test.greeter: greeting 'boom' refused");
  EXPECT_EQ(shutdowns.load(), before + 1);
}

// Issue 5: 64 concurrent subgraph calls of one request, through a plugin's subgraph hook, each
// upserting the same context key (1,000 times, to give races every chance) lose no update.
class CallCounter : public Plugin {
 public:
  subgraph::Service subgraphService(std::string_view, subgraph::Service next) override {
    return [next](subgraph::Request request, Reply<subgraph::Response> reply) {
      for (int i = 0; i < 1000; ++i) {
        request.context.upsert("counter::calls", [](json::Value& calls) {
          calls = json::Value(static_cast<int64_t>(calls.isNull() ? 1 : calls.asInt() + 1));
        });
      }
      next(std::move(request), std::move(reply));
    };
  }
};

TEST(PluginContextTest, SixtyFourConcurrentSubgraphCallsLoseNoUpsert) {
  StageWrappers wrappers;
  addPlugin(std::make_shared<CallCounter>(), wrappers);
  subgraph::Service core = [](subgraph::Request request, Reply<subgraph::Response> reply) {
    subgraph::Response response;
    response.status = 200;
    response.context = request.context;
    reply(std::move(response));
  };
  subgraph::Service service = wrappers.subgraph[0]("products", core);
  Context context;  // one request's context, shared by its subgraph calls
  std::atomic<int> replies{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> calls;
  for (int i = 0; i < 64; ++i) {
    calls.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      subgraph::Request request;
      request.subgraph_name = "products";
      request.context = context;
      service(std::move(request), [&](subgraph::Response) { ++replies; });
    });
  }
  go = true;
  for (std::thread& call : calls) call.join();
  EXPECT_EQ(replies.load(), 64);
  EXPECT_EQ(context.get("counter::calls")->asInt(), 64 * 1000);
}

TEST(PluginSchemaTest, MergesEachPluginsSchemaUnderPlugins) {
  json::Value schema = json::Value::object();
  schema["properties"] = json::Value::object();
  json::Value merged = withPluginSchemas(std::move(schema));
  const json::Value* greeter =
      merged.find("properties")->find("plugins")->find("properties")->find("test.greeter");
  ASSERT_NE(greeter, nullptr);
  EXPECT_NE(json::serialize(*greeter).find("\"greeting\""), std::string::npos)
      << json::serialize(*greeter);
}

}  // namespace
}  // namespace plexus::plugins
