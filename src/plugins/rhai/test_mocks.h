// The router side of `router rhai test` (test_runner.h): an engine set up as the router sets up
// rhai.main's, mock stage objects built from the real stage object types (stage_objects.h), and
// scripts loaded the way the router loads rhai.main so that their hooks' callbacks can run on
// those mocks. Internal to src/plugins/rhai.
//
//   let request = apollo_mocks::get_supergraph_service_request(#{headers: #{"x-a": "1"}});
//   let script = test_helpers::load_script("main.rhai");    // hooks called, as at startup
//   let failure = script.supergraph_request(request);        // () or #{status, message, body}
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/rhai/eval.h"

namespace plexus::plugins::rhai {

// What log_* calls wrote while a test ran, for `expect(log_info).to_log()`; the router's own
// error logs for failing callbacks and hooks land here too.
struct TestLogs {
  struct Entry {
    std::string level;  // trace, debug, info, warn, error
    std::string message;
  };
  std::vector<Entry> entries;
};

// `log_info` (and the other levels) read as a variable: what `expect(...).to_log()` takes, as in
// rhai-test.
class LogLevelObject final : public plexus::rhai::HostObject {
 public:
  explicit LogLevelObject(std::string level) : level(std::move(level)) {}
  std::string_view typeName() const override { return "LogLevel"; }
  std::string display() const override { return "log_" + level; }
  std::string level;
};

using PrintFn = std::function<void(std::string_view)>;

// The router's engine setup (Apollo's helpers, `Router`), except that log_* calls are captured
// into `logs` instead of the router log and print goes to `print`.
void setUpTestEngine(plexus::rhai::Engine& engine, const std::string& main_path,
                     std::shared_ptr<TestLogs> logs, PrintFn print);

// apollo_mocks::get_{router,supergraph,execution,subgraph}_service_{request,response}(options?),
// apollo_mocks::get_*_service(), test_helpers::set_env(name, value) and
// test_helpers::load_script(path) with `path` relative to `dir`.
void registerMocks(plexus::rhai::Engine& engine, const std::string& dir,
                   std::shared_ptr<TestLogs> logs, PrintFn print);

}  // namespace plexus::plugins::rhai
