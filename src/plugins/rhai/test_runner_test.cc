#include "src/plugins/rhai/test_runner.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace plexus::plugins::rhai {
namespace {

namespace fs = std::filesystem;

// A scratch directory of scripts and test files, removed afterwards.
class RhaiTestRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("plexus_rhai_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name) << text;
  }
  // Runs the tests under the scratch directory; returns the exit status.
  int run() {
    output_.str("");
    return runRhaiTests(dir_.string(), output_, &totals_);
  }
  std::string output() const { return output_.str(); }

  fs::path dir_;
  std::ostringstream output_;
  RhaiTestTotals totals_;
};

TEST_F(RhaiTestRunnerTest, PassingAndFailingTests) {
  write("a.test.rhai", R"(
test("passes", || { expect(1 + 1).to_be(2); });
test("fails", || {
    expect("a").to_be("b");
});
)");
  EXPECT_EQ(run(), 1);
  EXPECT_EQ(totals_.passed, 1);
  EXPECT_EQ(totals_.failed, 1);
  EXPECT_NE(output().find("  ✓ passes\n"), std::string::npos) << output();
  EXPECT_NE(output().find("  ✗ fails: Runtime error: Expected \"a\" to be \"b\" (line 4, position"),
            std::string::npos)
      << output();
  EXPECT_NE(output().find("Tests: 1 passed, 1 failed, 2 total (1 file)"), std::string::npos);
}

TEST_F(RhaiTestRunnerTest, AllPassingExitsZeroAndFindsFilesRecursively) {
  write("a.test.rhai", R"(test("one", || expect(true).to_be(true));)");
  write("nested/b.test.rhai", R"(test("two", || expect(()).not().to_exist());)");
  write("nested/helper.rhai", "fn ignored() { throw 1; }");  // not a test file
  EXPECT_EQ(run(), 0) << output();
  EXPECT_EQ(totals_.files, 2);
  EXPECT_EQ(totals_.passed, 2);
}

TEST_F(RhaiTestRunnerTest, SyntaxErrorFailsTheFileWithItsPosition) {
  write("bad.test.rhai", "test(\"x\", || {\n  let = 1;\n});\n");
  EXPECT_EQ(run(), 1);
  EXPECT_EQ(totals_.broken_files, 1);
  EXPECT_NE(output().find("bad.test.rhai: "), std::string::npos) << output();
  EXPECT_NE(output().find("(line 2, position"), std::string::npos) << output();
}

TEST_F(RhaiTestRunnerTest, NoTestFilesIsAnError) {
  write("main.rhai", "fn f() {}");
  EXPECT_EQ(run(), 1);
  EXPECT_NE(output().find("no *.test.rhai files"), std::string::npos);
}

TEST_F(RhaiTestRunnerTest, Matchers) {
  write("m.test.rhai", R"(
test("to_be is strict", || {
    expect(1).not().to_be(1.0);
    expect([1, "a", #{b: true}]).to_be([1, "a", #{b: true}]);
    expect(()).to_be(());
});
test("to_equal is deep and lenient", || {
    expect(#{a: [1, 2.0], b: 'c'}).to_equal(#{a: [1.0, 2], b: "c"});
    expect([1]).not.to_equal([2]);
});
test("truthy, falsy, exist", || {
    expect("x").to_be_truthy();
    expect(0).to_be_falsy();
    expect([]).to_be_falsy();
    expect(1).to_exist();
});
test("to_match and to_contain", || {
    expect(uuid_v4()).to_match(".{8}-.{4}-.{4}-.{4}-.{12}");
    expect("hello world").to_contain("lo w");
    expect([1, 2, 3]).to_contain(2);
    expect(#{k: 1}).to_contain("k");
    expect(#{k: 1}).not().to_contain("z");
    expect("s").to_be_type("string");
});
test("to_throw family", || {
    expect(|| { throw #{status: 403, message: "denied here"}; }).to_throw();
    expect(|| 1).not().to_throw();
    expect(|| { throw #{status: 403, message: "denied here"}; }).to_throw_status(403);
    expect(|| { throw #{status: 403, message: "denied here"}; }).to_throw_message("denied");
    expect(|| { throw #{status: 403, message: "denied"}; }).to_throw_status_and_message(403, "^denied$");
    expect(|| { throw "boom"; }).to_throw_status_and_message(500, "boom");
    expect(|| { throw "boom"; }).not().to_throw_status(401);
});
test("a failing throw matcher", || {
    expect(|| { throw #{status: 403, message: "denied"}; }).to_throw_status(401);
});
test("an error that is not a throw", || {
    expect(|| no_such_fn()).to_throw();
});
test("a caught failure still fails", || {
    try { expect(1).to_be(2); } catch {}
});
test("logs", || {
    log_info("hello there");
    expect(log_info).to_log();
    expect(log_info).to_log_message("hello");
    expect(log_error).not().to_log();
    expect(log_warn).to_log();
});
)");
  EXPECT_EQ(run(), 1);
  std::string out = output();
  for (const char* name : {"to_be is strict", "to_equal is deep and lenient",
                           "truthy, falsy, exist", "to_match and to_contain", "to_throw family"}) {
    EXPECT_NE(out.find(std::string("✓ ") + name + "\n"), std::string::npos) << name << "\n" << out;
  }
  EXPECT_NE(out.find("✗ a failing throw matcher: Runtime error: Expected the function to throw "
                     "status 401, but it threw status 403 message \"denied\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("✗ an error that is not a throw: Runtime error: Expected the function to "
                     "throw, but it failed: Function not found: no_such_fn"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("✗ a caught failure still fails: Expected 1 to be 2 (caught in the test)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("✗ logs: Runtime error: Expected log_warn to be called (logged: [info] hello "
                     "there;)"),
            std::string::npos)
      << out;
  EXPECT_EQ(totals_.failed, 4);
}

TEST_F(RhaiTestRunnerTest, MocksOfEveryStage) {
  write("mocks.test.rhai", R"(
test("router", || {
    let r = apollo_mocks::get_router_service_request(#{method: "GET", uri: "http://x/graphql?a=1",
                                                      headers: #{"x-a": "1"}});
    expect(r.method).to_be("GET");
    expect(r.uri.path).to_be("/graphql");
    expect(r.headers["x-a"]).to_be("1");
    r.headers["x-b"] = "2";
    expect(r.headers["x-b"]).to_be("2");
    let resp = apollo_mocks::get_router_service_response(#{status: 404});
    expect(resp.status_code).to_be(404);
    resp.headers["x-r"] = "v";
    expect(resp.headers["x-r"]).to_be("v");
});
test("supergraph", || {
    let r = apollo_mocks::get_supergraph_service_request(#{query: "{ me { id } }",
                                                          operation_name: "Me",
                                                          variables: #{id: 1}});
    expect(r.method).to_be("POST");
    expect(r.body.query).to_be("{ me { id } }");
    expect(r.body.operation_name).to_be("Me");
    expect(r.body.variables).to_equal(#{id: 1});
    r.context["k"] = "v";
    let resp = apollo_mocks::get_supergraph_service_response(#{context: r.context,
                                                               body: #{data: #{me: ()}}});
    expect(resp.context["k"]).to_be("v");
    expect(resp.body.data).to_equal(#{me: ()});
    expect(resp.is_primary()).to_be(true);
});
test("execution", || {
    let r = apollo_mocks::get_execution_service_request(#{headers: #{"x-e": "1"}});
    expect(r.headers["x-e"]).to_be("1");
    r.headers["x-e"] = "2";
    expect(r.headers["x-e"]).to_be("2");
    let resp = apollo_mocks::get_execution_service_response(#{status: 202});
    resp.headers["x-done"] = "yes";
    expect(resp.headers["x-done"]).to_be("yes");
});
test("subgraph", || {
    let client = apollo_mocks::get_supergraph_service_request(#{headers: #{"assetid": "abc"}});
    client.headers["x-set"] = "later";
    let r = apollo_mocks::get_subgraph_service_request(client, #{query: "{ a }"});
    expect(r.headers["assetid"]).to_be("abc");
    expect(r.headers["x-set"]).to_be("later");
    expect(r.subgraph.body.query).to_be("{ a }");
    r.subgraph.headers["x-s"] = "1";
    expect(r.subgraph.headers["x-s"]).to_be("1");
    expect(r.subgraph_request_id).to_exist();
    let resp = apollo_mocks::get_subgraph_service_response(#{subgraph_request_id: "id-1",
                                                             body: `{"data":{"a":1}}`});
    expect(resp.subgraph_request_id).to_be("id-1");
    expect(resp.body.data.a).to_be(1);
    expect(resp.status_code).to_be(200);
});
test("unknown option", || {
    apollo_mocks::get_supergraph_service_request(#{header: #{}});
});
test("service mock", || {
    let service = apollo_mocks::get_supergraph_service();
    expect(service.has_mapped_request()).to_be(false);
    service.map_request(|request| {});
    expect(service.has_mapped_request()).to_be(true);
    expect(service.has_mapped_response()).to_be(false);
});
test("router constants and helpers", || {
    expect(Router.APOLLO_OPERATION_ID).to_be("apollo::supergraph::operation_id");
    expect(base64::encode("alice and bob")).to_be("YWxpY2UgYW5kIGJvYg==");
    test_helpers::set_env("PLEXUS_RHAI_TEST_VAR", "hello");
    expect(env::get("PLEXUS_RHAI_TEST_VAR")).to_be("hello");
});
)");
  EXPECT_EQ(run(), 1);
  std::string out = output();
  for (const char* name : {"router", "supergraph", "execution", "subgraph", "service mock",
                           "router constants and helpers"}) {
    EXPECT_NE(out.find(std::string("✓ ") + name + "\n"), std::string::npos) << name << "\n" << out;
  }
  EXPECT_NE(
      out.find("✗ unknown option: Runtime error: apollo_mocks::get_supergraph_service_request: "
               "unknown option 'header'"),
      std::string::npos)
      << out;
}

TEST_F(RhaiTestRunnerTest, ImportsAndHooksWithThrows) {
  write("main.rhai", R"(
fn check(request) {
    if !("x-key" in request.headers) || request.headers["x-key"] != "secret" {
        throw #{status: 403, message: "bad key"};
    }
    request.headers["x-checked"] = "1";
}
fn first(request) { request.headers["order"] = "first"; }
fn supergraph_service(service) {
    service.map_request(check);
    service.map_request(first);   // registered last: runs first
    service.map_response(|response| response.headers["x-r"] = "1");
}
fn execution_service(service) {
    service.map_request(|request| { throw "boom"; });
}
fn subgraph_service(service, subgraph) {
    if subgraph == "broken" { throw "hook failed"; }
    service.map_request(|request| request.subgraph.headers["x-sub"] = subgraph);
}
)");
  write("main.test.rhai", R"(
import "main" as top;
test("module functions, imported at the top or inline", || {
    let request = apollo_mocks::get_supergraph_service_request(#{headers: #{"x-key": "secret"}});
    top::check(request);
    expect(request.headers["x-checked"]).to_be("1");
    expect(|| { import "main" as m; m::check(apollo_mocks::get_supergraph_service_request()); })
        .to_throw_status_and_message(403, "bad key");
});
test("supergraph hook", || {
    let script = test_helpers::load_script("main.rhai");
    let request = apollo_mocks::get_supergraph_service_request(#{headers: #{"x-key": "secret"}});
    expect(script.supergraph_request(request)).to_be(());
    expect(request.headers["order"]).to_be("first");
    expect(request.headers["x-checked"]).to_be("1");
    let failure = script.supergraph_request(apollo_mocks::get_supergraph_service_request());
    expect(failure.status).to_be(403);
    expect(failure.message).to_be("bad key");
    expect(failure.body).to_equal(#{errors: [#{message: "bad key"}]});
    expect(log_error).to_log_message("map_request callback failed");
    let response = apollo_mocks::get_supergraph_service_response();
    expect(script.supergraph_response(response)).to_be(());
    expect(response.headers["x-r"]).to_be("1");
});
test("execution hook throwing a string", || {
    let script = test_helpers::load_script("main");
    let failure = script.execution_request(apollo_mocks::get_execution_service_request());
    expect(failure.status).to_be(500);
    expect(failure.message).to_match("rhai execution error: 'Runtime error: boom");
});
test("subgraph hook per subgraph", || {
    let script = test_helpers::load_script("main.rhai");
    let request = apollo_mocks::get_subgraph_service_request();
    expect(script.subgraph_request("products", request)).to_be(());
    expect(request.subgraph.headers["x-sub"]).to_be("products");
    expect(script.subgraph_request("broken", apollo_mocks::get_subgraph_service_request())).to_be(());
    expect(log_error).to_log_message("service callback failed: Runtime error: hook failed");
});
test("wrong mock for the stage", || {
    let script = test_helpers::load_script("main.rhai");
    script.supergraph_request(apollo_mocks::get_router_service_request());
});
test("missing script", || { test_helpers::load_script("nope.rhai"); });
)");
  EXPECT_EQ(run(), 1);
  std::string out = output();
  for (const char* name : {"module functions, imported at the top or inline", "supergraph hook",
                           "execution hook throwing a string", "subgraph hook per subgraph"}) {
    EXPECT_NE(out.find(std::string("✓ ") + name + "\n"), std::string::npos) << name << "\n" << out;
  }
  EXPECT_NE(out.find("✗ wrong mock for the stage: Runtime error: a request mock of this stage is "
                     "needed"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("✗ missing script: Runtime error: test_helpers::load_script: cannot read"),
            std::string::npos)
      << out;
  EXPECT_EQ(totals_.failed, 2);
}

TEST_F(RhaiTestRunnerTest, SingleFileResolvesImportsBesideIt) {
  write("sub/lib.rhai", "fn twice(x) { x * 2 }");
  write("sub/lib.test.rhai",
        R"(test("twice", || { import "lib" as lib; expect(lib::twice(2)).to_be(4); });)");
  output_.str("");
  EXPECT_EQ(runRhaiTests((dir_ / "sub/lib.test.rhai").string(), output_, &totals_), 0) << output();
}

TEST_F(RhaiTestRunnerTest, ExampleInTheRepositoryPasses) {
  std::ostringstream out;
  EXPECT_EQ(runRhaiTests("examples/rhai", out), 0) << out.str();
}

}  // namespace
}  // namespace plexus::plugins::rhai
