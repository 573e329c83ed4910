// Rhai scripts end to end (RHAI_API.md): the router in-process with `rhai:` in router.yaml, real
// subgraph HTTP servers, and a client. Every stage's request and response objects, context across
// stages, throws, modules, the helpers, and hot reload of the scripts directory.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "include/plexus/metrics.h"
#include "src/server/hot_reload.h"
#include "test/integration/serving_fixture.h"

namespace plexus::test {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kMeQuery = R"({"query":"{ me { name reviews { body } } }"})";

class RhaiE2eTest : public ServingFixture {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("plexus-rhai-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, std::string_view text) {
    std::ofstream(dir_ / name, std::ios::trunc) << text;
  }
  // The health check's own listener (:8088) is off: tests run in parallel.
  std::string yaml() const {
    return "health_check:\n  enabled: false\nrhai:\n  scripts: " + dir_.string() +
           "\n  main: main.rhai\n";
  }
  std::unique_ptr<server::Router> startWith(std::string_view script) {
    write("main.rhai", script);
    return start(yaml());
  }
  http::ClientResult query(server::Router& router, http::Headers extra = {},
                           std::string_view body = kMeQuery) {
    extra.set("content-type", "application/json");
    return send(router.url(), "POST", std::move(extra), std::string(body));
  }

  std::filesystem::path dir_;
};

TEST_F(RhaiE2eTest, HeaderEditsReachSubgraphs) {
  auto router = startWith(R"(
    fn subgraph_service(service, subgraph) {
      service.map_request(|request| {
        request.subgraph.headers["x-subgraph"] = subgraph;
        request.subgraph.headers["x-client-tenant"] = request.headers["x-tenant"];
        request.subgraph.headers["x-list"] = ["a", "b"];
        request.subgraph.headers.remove("accept");    // write-back through the setter
        request.headers["x-ignored"] = "read-only";    // the client's headers: silently dropped
      });
    }
  )");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router, {{"x-tenant", "acme"}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().status, 200);
  EXPECT_EQ(r.response().body, R"({"data":{"me":{"name":"Ada","reviews":[{"body":"great"}]}}})");
  ASSERT_EQ(accounts_.headers().size(), 1u);
  http::Headers a = accounts_.headers()[0];
  EXPECT_EQ(a.get("x-subgraph"), "a");
  EXPECT_EQ(a.get("x-client-tenant"), "acme");
  EXPECT_EQ(a.getAll("x-list"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_FALSE(a.contains("accept"));
  EXPECT_FALSE(a.contains("x-ignored"));
  ASSERT_EQ(reviews_.headers().size(), 1u);
  EXPECT_EQ(reviews_.headers()[0].get("x-subgraph"), "b");
}

TEST_F(RhaiE2eTest, ContextFlowsAcrossStages) {
  auto router = startWith(R"(
    fn router_service(service) {
      service.map_request(|request| { request.context["trail"] = ["router"]; });
      service.map_response(|response| {
        response.headers["x-trail"] = response.context["trail"].reduce(|s, x| s + ">" + x, "");
        response.headers["x-status"] = response.status_code.to_string();
      });
    }
    fn supergraph_service(service) {
      service.map_request(|request| {
        request.context["trail"] += "supergraph";
        request.context["operation"] = request.body.query;
        request.context.upsert("count", |v| if v == () { 1 } else { v + 1 });
      });
      service.map_response(|response| {
        response.body.extensions = #{ trail: response.context["trail"], count: response.context.count };
      });
    }
    fn execution_service(service) {
      service.map_request(|request| {
        request.context["trail"].push("execution");   // index-get, push, index-set write-back
        request.context["plan_has_fetch"] = request.query_plan.contains("Fetch");
        request.context["root_fields"] = request.operation.root_fields;
      });
    }
    fn subgraph_service(service, subgraph) {
      service.map_request(|request| {
        request.context.upsert("count", |v| v + 1);
        request.subgraph.headers["x-trail"] = request.context["trail"].len().to_string();
      });
      service.map_response(|response| {
        if response.status_code == status_code_from_int(200) {
          response.context["seen_" + subgraph] = response.subgraph_request_id.len();
        }
      });
    }
  )");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().headers.get("x-trail"), ">router>supergraph>execution");
  EXPECT_EQ(r.response().headers.get("x-status"), "200");
  EXPECT_EQ(r.response().body,
            R"({"data":{"me":{"name":"Ada","reviews":[{"body":"great"}]}},)"
            R"("extensions":{"count":3,"trail":["router","supergraph","execution"]}})");
  EXPECT_EQ(accounts_.headers()[0].get("x-trail"), "3");
}

TEST_F(RhaiE2eTest, ResponseObjectsEditBodiesAndHeaders) {
  auto router = startWith(R"(
    fn supergraph_service(service) {
      service.map_response(|response| {
        response.body.data.me.name += " Lovelace";
        response.headers["x-primary"] = `${response.is_primary()}`;
      });
    }
    fn execution_service(service) {
      service.map_response(|response| { response.headers["x-execution"] = "1"; });
    }
    fn subgraph_service(service, subgraph) {
      if subgraph == "b" {
        service.map_response(|response| {
          let body = response.body;
          body.data._entities[0].reviews[0].body = "edited by " + subgraph;
          response.body = body;
        });
      }
    }
  )");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().body,
            R"({"data":{"me":{"name":"Ada Lovelace","reviews":[{"body":"edited by b"}]}}})");
  EXPECT_EQ(r.response().headers.get("x-primary"), "true");
  EXPECT_EQ(r.response().headers.get("x-execution"), "1");
}

TEST_F(RhaiE2eTest, SupergraphRequestBodyAndUri) {
  auto router = startWith(R"(
    fn supergraph_service(service) {
      service.map_request(|request| {
        if request.method != "post" { throw "expected POST"; }
        request.body.query = "{ me { name } }";           // rewrite the operation
        request.context["path"] = request.uri.path;
      });
      service.map_response(|response| { response.headers["x-path"] = response.context["path"]; });
    }
  )");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().body, R"({"data":{"me":{"name":"Ada"}}})");
  EXPECT_EQ(r.response().headers.get("x-path"), "/");
  EXPECT_TRUE(reviews_.bodies().empty());
}

TEST_F(RhaiE2eTest, ThrowsGiveTheDocumentedStatusAndBody) {
  auto router = startWith(R"(
    fn supergraph_service(service) {
      service.map_request(|request| {
        let mode = request.headers.values("x-mode");
        if mode.len() == 0 { return; }
        switch mode[0] {
          "string" => throw "An error occured",
          "message" => throw #{ status: 403, message: "I have raised a 403" },
          "body" => throw #{ status: 403, body: #{ errors: [#{ message: "denied",
                                                              extensions: #{ code: "ACCESS_DENIED" } }] } },
          "data" => throw #{ status: 200, body: #{ data: #{ name: "Ada Lovelace" } } },
          "status" => throw #{ status: 400 },
          "bad" => throw #{ status: "abc", message: "ignored" },
          "missing" => request.headers["x-absent"],
          "badheader" => request.headers["bad name"] = "x",
        }
      });
      service.map_response(|response| { response.headers["x-mapped"] = "yes"; });
    }
  )");
  ASSERT_TRUE(router);
  auto call = [&](std::string mode) { return query(*router, {{"x-mode", mode}}); };
  http::ClientResult r = call("string");
  EXPECT_EQ(r.response().status, 500);
  EXPECT_EQ(r.response().body,
            R"({"errors":[{"message":"rhai execution error: 'Runtime error: An error occured )"
            R"((line 7, position 23)'"}]})");
  // map_response registered after map_request still sees the short-circuited response.
  EXPECT_EQ(r.response().headers.get("x-mapped"), "yes");
  r = call("message");
  EXPECT_EQ(r.response().status, 403);
  EXPECT_EQ(r.response().body, R"({"errors":[{"message":"I have raised a 403"}]})");
  r = call("body");
  EXPECT_EQ(r.response().status, 403);
  EXPECT_EQ(r.response().body,
            R"({"errors":[{"message":"denied","extensions":{"code":"ACCESS_DENIED"}}]})");
  r = call("data");
  EXPECT_EQ(r.response().status, 200);
  EXPECT_EQ(r.response().body, R"({"data":{"name":"Ada Lovelace"}})");
  r = call("status");
  EXPECT_EQ(r.response().status, 400);
  EXPECT_EQ(r.response().body,
            R"({"errors":[{"message":"rhai execution error: 'Runtime error: #{\"status\": 400} )"
            R"((line 12, position 23)'"}]})");
  r = call("bad");
  EXPECT_EQ(r.response().status, 500);
  r = call("missing");
  EXPECT_EQ(r.response().status, 500);
  EXPECT_EQ(
      r.response().body,
      R"({"errors":[{"message":"rhai execution error: 'Runtime error (line 14, position 39)'"}]})");
  r = call("badheader");
  EXPECT_EQ(r.response().status, 500);
  EXPECT_NE(r.response().body.find("Runtime error: invalid HTTP header name (line 15"),
            std::string::npos)
      << r.response().body;
  // The subgraphs were never called.
  EXPECT_TRUE(accounts_.bodies().empty());
  r = query(*router);
  EXPECT_EQ(r.response().status, 200);
}

TEST_F(RhaiE2eTest, RouterAndSubgraphStageThrows) {
  write("main.rhai", R"(
    fn router_service(service) {
      service.map_request(|request| {
        if !request.headers.contains("authorization") {
          throw #{ status: 401, message: "no token" };
        }
      });
    }
    fn subgraph_service(service, subgraph) {
      if subgraph == "b" {
        service.map_request(|request| { throw #{ status: 500, message: "reviews are off" }; });
      }
    }
  )");
  auto router = start(yaml() + "include_subgraph_errors:\n  all: true\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  EXPECT_EQ(r.response().status, 401);
  EXPECT_EQ(r.response().body, R"({"errors":[{"message":"no token"}]})");
  EXPECT_EQ(r.response().headers.get("content-type"), "application/json");
  r = query(*router, {{"authorization", "Bearer x"}});
  EXPECT_EQ(r.response().status, 200);
  EXPECT_NE(r.response().body.find(R"("name":"Ada")"), std::string::npos) << r.response().body;
  EXPECT_NE(r.response().body.find("reviews are off"), std::string::npos) << r.response().body;
  EXPECT_TRUE(reviews_.bodies().empty());
}

TEST_F(RhaiE2eTest, ModulesHelpersAndConstants) {
  write("util.rhai", R"(
    export const PREFIX = "v1";
    fn tag(x) { PREFIX_of() + ":" + x }
    fn PREFIX_of() { "util" }
  )");
  auto router = startWith(R"(
    import "util" as util;
    fn supergraph_service(service) {
      let sdl_len = Router.APOLLO_SDL.len();      // a captured local: a curried closure
      service.map_request(|request| {
        request.context["tag"] = util::tag(util::PREFIX);
        request.context["sdl"] = sdl_len > 0 && Router.APOLLO_SDL.contains("join__Graph");
      });
      service.map_request(Fn("add_helpers"));
      service.map_response(|response| {
        response.headers["x-tag"] = response.context.tag;
        response.headers["x-sdl"] = `${response.context.sdl}`;
        response.headers["x-helpers"] = response.context["helpers"];
      });
    }
    fn add_helpers(request) {
      let h = [base64::encode("alice and bob"), base64::decode("PDw_Pz8-Pg==", base64::URL_SAFE),
               sha256::digest("hello world").sub_string(0, 8), urlencode("a b/ü"),
               json::encode(#{ b: 1, a: [true, ()] }), json::decode("{\"x\":1.5}").x,
               uuid_v4().len(), unix_ms_now() > unix_now(), apollo_sdl.len() > 0,
               Router.APOLLO_OPERATION_ID];
      request.context["helpers"] = h.map(|x| x.to_string()).reduce(|s, x| s + "|" + x, "");
    }
  )");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.response().status, 200) << r.response().body;
  EXPECT_EQ(r.response().headers.get("x-tag"), "util:v1");
  EXPECT_EQ(r.response().headers.get("x-sdl"), "true");
  EXPECT_EQ(r.response().headers.get("x-helpers"),
            R"(|YWxpY2UgYW5kIGJvYg==|<<???>>|b94d27b9|a%20b%2F%C3%BC|{"a":[true,null],"b":1}|1.5)"
            R"(|36|true|true|apollo::supergraph::operation_id)");
}

TEST_F(RhaiE2eTest, ScriptMetricsAreExported) {
  auto router = startWith(R"(
    fn supergraph_service(service) {
      service.map_request(|request| {
        metrics::counter("acme.rhai.requests", 1, #{ tenant: request.headers.values("x-tenant")[0] ?? "none" });
        metrics::histogram("acme.rhai.query_length", request.body.query.len());
      });
    }
  )");
  ASSERT_TRUE(router);
  query(*router, {{"x-tenant", "acme"}});
  query(*router, {{"x-tenant", "acme"}});
  std::string text = metrics::prometheusText();
  EXPECT_NE(text.find(R"(acme_rhai_requests_total{otel_scope_name="apollo.rhai",tenant="acme"} 2)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("acme_rhai_query_length_count"), std::string::npos);
}

TEST_F(RhaiE2eTest, LimitsStopRunawayScripts) {
  write("main.rhai", R"(
    fn supergraph_service(service) {
      service.map_request(|request| {
        if request.headers.contains("x-spin") { loop { } }
      });
    }
  )");
  auto router = start(yaml() + "  limits:\n    max_operations: 100000\n    max_duration: 50ms\n");
  ASSERT_TRUE(router);
  http::ClientResult r = query(*router, {{"x-spin", "1"}});
  EXPECT_EQ(r.response().status, 500);
  EXPECT_NE(r.response().body.find("Too many operations"), std::string::npos) << r.response().body;
  r = query(*router);
  EXPECT_EQ(r.response().status, 200);  // the worker is free again
}

TEST_F(RhaiE2eTest, BrokenScriptStopsStartup) {
  write("main.rhai", "fn supergraph_service(service) {\n  let x = ;\n}\n");
  StatusOr<config::RouterConfig> config = config::parseRouterConfig(yaml());
  ASSERT_TRUE(config.ok());
  auto supergraph = federation::Supergraph::fromSdl(integrationSupergraphSdl());
  auto router = server::Router::start(
      {.config = std::move(*config), .supergraph = std::move(*supergraph), .workers = 1});
  ASSERT_FALSE(router.ok());
  EXPECT_EQ(router.status().message(), "in Rhai script " + (dir_ / "main.rhai").string() +
                                           ": Syntax error: Unexpected ';' (line 2, position 11)");
}

TEST_F(RhaiE2eTest, HotReloadSwapsScriptsAndKeepsTheOldOneOnError) {
  write("version.rhai", "export const VERSION = \"one\";\n");
  auto router = startWith(R"(
    import "version" as v;
    fn router_service(service) {
      let version = v::VERSION;
      service.map_response(|response| { response.headers["x-version"] = version; });
    }
  )");
  ASSERT_TRUE(router);
  std::string sdl_path = (dir_ / "supergraph.graphql").string();
  std::ofstream(sdl_path) << integrationSupergraphSdl();
  std::vector<std::string> logs;
  std::mutex logs_mutex;
  auto reloader = server::HotReloader::start(*router, {.supergraph_path = sdl_path,
                                                       .config_path = std::nullopt,
                                                       .poll_interval = 20ms,
                                                       .adjust_config = {},
                                                       .log = [&](log::Level, std::string_view m) {
                                                         std::lock_guard lock(logs_mutex);
                                                         logs.emplace_back(m);
                                                       }});
  auto version = [&] {
    return std::string(query(*router).response().headers.get("x-version").value_or(""));
  };
  auto waitFor = [&](const std::string& expected) {
    for (int i = 0; i < 200 && version() != expected; ++i) std::this_thread::sleep_for(20ms);
    return version();
  };
  EXPECT_EQ(version(), "one");
  write("version.rhai",
        "export const VERSION = \"two\";\n");  // a module, in a subdirectory's place
  EXPECT_EQ(waitFor("two"), "two");
  write("main.rhai",
        "fn router_service(service) {\n  service.map_response(|r| { r.headers[\"x-version\"] = "
        "\"three\"; \n}\n");
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(version(), "two");  // the broken script is logged, the previous one keeps serving
  {
    std::lock_guard lock(logs_mutex);
    bool logged = false;
    for (const std::string& line : logs) logged |= line.find("Syntax error") != std::string::npos;
    EXPECT_TRUE(logged);
  }
  write("main.rhai",
        "fn router_service(service) {\n  service.map_response(|r| { r.headers[\"x-version\"] = "
        "\"three\"; });\n}\n");
  EXPECT_EQ(waitFor("three"), "three");
  reloader->stop();
}

}  // namespace
}  // namespace plexus::test
