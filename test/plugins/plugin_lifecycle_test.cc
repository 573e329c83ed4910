// The native plugin lifecycle, with the `plexus_test_router` binary (test_plugins.cc): a plugin
// that cannot be created stops startup with a message naming it and the reason; a reload whose
// plugin fails leaves the running generation serving; a good reload creates the new instance
// before the old one shuts down.
#include <gtest/gtest.h>

#include "src/http/testing/client_runner.h"
#include "test/integration/integration_support.h"
#include "test/integration/router_process.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;

std::string configWith(std::string_view plugin_section) {
  return "health_check:\n  enabled: false\nsupergraph:\n  listen: 127.0.0.1:0\nplugins:\n" +
         std::string(plugin_section);
}

TEST(PluginLifecycleTest, AFailingPluginStopsStartupNamingItself) {
  std::string supergraph = writeTempFile("plugin_failing.graphql", integrationSupergraphSdl());
  std::string config = writeTempFile(
      "plugin_failing.yaml",
      configWith("  test.lifecycle:\n    fail_with: cannot reach the license server\n"));
  RouterProcess router({"-s", supergraph, "-c", config});
  EXPECT_EQ(router.waitForExit(5s), 1);
  EXPECT_NE(router.log().find("plugin test.lifecycle: cannot reach the license server"),
            std::string::npos)
      << router.log();
}

TEST(PluginLifecycleTest, AnUnknownPluginOrKeyStopsStartupWithItsPosition) {
  std::string supergraph = writeTempFile("plugin_unknown.graphql", integrationSupergraphSdl());
  std::string config = writeTempFile(
      "plugin_unknown.yaml", configWith("  test.lifecycel: {}\n  test.lifecycle:\n    lable: x\n"));
  RouterProcess router({"-s", supergraph, "-c", config});
  EXPECT_EQ(router.waitForExit(5s), 1);
  std::string log = router.log();
  // The log is JSON lines here: quotes are escaped.
  EXPECT_NE(log.find("plugins.test.lifecycel: unknown plugin; did you mean"), std::string::npos)
      << log;
  EXPECT_NE(log.find(config + ":8:5: plugins.test.lifecycle.lable: unknown key; did you mean"),
            std::string::npos)
      << log;
}

TEST(PluginLifecycleTest, AFailedReloadKeepsTheOldGenerationAndAGoodOneReplacesIt) {
  std::string supergraph = writeTempFile("plugin_reload.graphql", integrationSupergraphSdl());
  std::string config =
      writeTempFile("plugin_reload.yaml", configWith("  test.lifecycle:\n    label: first\n"));
  RouterProcess router({"-s", supergraph, "-c", config, "--hot-reload", "--workers", "1"});
  auto listening = router.waitForLine(std::regex(R"(listening on (http://\S+/))"), 5s);
  ASSERT_TRUE(listening) << router.log();
  std::string url = (*listening)[1].str();
  // Created before the router listens (waitForLine reads on from the line it matched).
  EXPECT_NE(router.log().find("test.lifecycle created (first)"), std::string::npos) << router.log();

  http::testing::ClientRunner client;
  auto ping = [&] {
    http::ClientRequest request{.url = url, .timeout = 5s};
    request.request.headers.add("content-type", "application/json");
    request.request.body = R"({"query":"{ __typename }"})";
    http::ClientResult result = client.fetch(std::move(request));
    return result.ok() ? result.response().status : 0;
  };
  EXPECT_EQ(ping(), 200);

  writeTempFile("plugin_reload.yaml",
                configWith("  test.lifecycle:\n    label: second\n    fail_with: boom\n"));
  ASSERT_TRUE(router.waitForLine(
      std::regex(R"(reload failed: plugin test\.lifecycle: boom; still serving)"), 5s))
      << router.log();
  EXPECT_EQ(ping(), 200);
  EXPECT_EQ(router.log().find("shut down (first)"), std::string::npos) << router.log();

  writeTempFile("plugin_reload.yaml", configWith("  test.lifecycle:\n    label: third\n"));
  ASSERT_TRUE(router.waitForLine(std::regex(R"(reloaded: configuration)"), 5s)) << router.log();
  EXPECT_EQ(ping(), 200);  // the worker moves to the new generation; the old one is released
  ASSERT_TRUE(router.waitForLine(std::regex(R"(test\.lifecycle shut down \(first\))"), 5s))
      << router.log();
  std::string log = router.log();
  EXPECT_LT(log.find("created (third)"), log.find("shut down (first)")) << log;
  EXPECT_EQ(router.stop(SIGTERM, 5s), 0) << router.log();
  EXPECT_NE(router.log().find("shut down (third)"), std::string::npos) << router.log();
}

}  // namespace
}  // namespace plexus::test
