// `router rhai test PATH`: runs the unit tests of Rhai scripts with no router running, with the
// test API of Apollo Solutions' rhai-test (test, expect, apollo_mocks::*, test_helpers::*) so
// existing rhai-test files run unchanged. docs/rhai-testing.md is the author's guide.
//
//   // main.test.rhai, beside main.rhai
//   test("adds the header", || {
//       let request = apollo_mocks::get_supergraph_service_request();
//       import "main" as main;
//       main::process_request(request);
//       expect(request.headers["x-plexus"]).to_be("1");
//   });
//
// PATH is a directory — every `*.test.rhai` file under it, recursively, in path order, with
// `import` resolving against PATH (rhai-test's basePath) — or one test file (imports beside it).
// Each file gets its own engine, set up as the router's. Output: the file, then `✓ name` or
// `✗ name: message (line L, position P)` per test, then a summary.
#pragma once

#include <ostream>
#include <string>

namespace plexus::plugins::rhai {

struct RhaiTestTotals {
  int passed = 0;
  int failed = 0;
  int files = 0;
  int broken_files = 0;  // unreadable, a syntax error, or a failing top level
};

// Returns the exit status: 0 when every test passed, 1 when a test failed, a file could not be
// run, or PATH holds no test file.
int runRhaiTests(const std::string& path, std::ostream& out, RhaiTestTotals* totals = nullptr);

}  // namespace plexus::plugins::rhai
