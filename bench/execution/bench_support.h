// Shared by execution_bench and execution_record: the federation benchmark's supergraph and query
// (examples/supergraph, the same files as shared/bench/data), planned once, and the on-disk form
// of recorded subgraph exchanges.
//
//   BenchSetup setup = loadBenchSetup(supergraph_path, query_path);   // exits on failure
//   ExecutionRequest request = setup.request();
//   Recordings recordings = loadRecordings("build/bench-recordings");  // body → reply body
//
// Recordings: one pair of files per subgraph call, `NNN.request.json` (the exact request body the
// executor sent) and `NNN.response.json` (the subgraph's 200 body), plus `NNN.service`. Written by
// bench/execution/record, read by execution_bench. Header-only; benchmarks only; not thread-safe.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>

#include "src/execution/executor.h"
#include "src/federation/planner.h"
#include "src/federation/supergraph.h"
#include "src/graphql/parser.h"
#include "src/graphql/validation/validate.h"

namespace plexus::bench {

[[noreturn]] inline void die(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::exit(2);
}

inline std::string readFileOrDie(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) die("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void writeFileOrDie(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) die("cannot write " + path.string());
}

struct BenchSetup {
  std::shared_ptr<const federation::Supergraph> supergraph;
  std::shared_ptr<graphql::ast::Document> document;
  std::shared_ptr<const federation::QueryPlan> plan;

  execution::ExecutionRequest request() const {
    return execution::ExecutionRequest{.supergraph = supergraph.get(),
                                       .plan = plan.get(),
                                       .document = document.get(),
                                       .operation_name = "TestQuery"};
  }
};

inline BenchSetup loadBenchSetup(const std::filesystem::path& supergraph_path,
                                 const std::filesystem::path& query_path) {
  BenchSetup setup;
  auto supergraph =
      federation::Supergraph::fromSdl(readFileOrDie(supergraph_path), supergraph_path.string());
  if (!supergraph.ok()) die("supergraph: " + supergraph.status().message());
  setup.supergraph = *supergraph;
  graphql::ParseResult parsed = graphql::parse(readFileOrDie(query_path));
  if (!parsed.ok()) die("query does not parse: " + query_path.string());
  setup.document = parsed.takeDocument();
  auto errors = graphql::validate(setup.supergraph->apiSchema(), *setup.document);
  if (!errors.empty()) die("query is invalid: " + errors.front().message);
  federation::Planner planner(setup.supergraph);
  auto plan = planner.plan(*setup.document, "TestQuery");
  if (!plan.ok()) die("planning failed: " + plan.status().message());
  setup.plan = *plan;
  return setup;
}

// Request body → recorded response body.
using Recordings = std::unordered_map<std::string, std::string>;

inline Recordings loadRecordings(const std::filesystem::path& dir) {
  Recordings recordings;
  for (int i = 0;; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%03d", i);
    std::filesystem::path request = dir / (std::string(name) + ".request.json");
    if (!std::filesystem::exists(request)) break;
    recordings[readFileOrDie(request)] =
        readFileOrDie(dir / (std::string(name) + ".response.json"));
  }
  return recordings;
}

// Answers each call with the recorded body for its exact request body. Replies are queued and
// handed over by drain(), never inside fetch(), as the executor's contract requires.
class ReplayFetcher : public execution::SubgraphFetcher {
 public:
  explicit ReplayFetcher(const Recordings& recordings) : recordings_(recordings) {}

  void fetch(execution::SubgraphCall call,
             std::function<void(execution::SubgraphReply)> done) override {
    execution::SubgraphReply reply;
    auto found = recordings_.find(call.body);
    if (found == recordings_.end()) {
      ++misses_;
      last_miss_ = std::string(call.service) + ": " + call.body;
      reply.error = "no recording for this request";
    } else {
      reply.status = 200;
      reply.body = found->second;  // a copy, as an HTTP client hands over a fresh body
    }
    pending_.emplace_back(std::move(done), std::move(reply));
  }

  void drain() {
    while (!pending_.empty()) {
      auto [done, reply] = std::move(pending_.front());
      pending_.pop_front();
      done(std::move(reply));
    }
  }

  int misses() const { return misses_; }
  const std::string& lastMiss() const { return last_miss_; }

 private:
  const Recordings& recordings_;
  std::deque<std::pair<std::function<void(execution::SubgraphReply)>, execution::SubgraphReply>>
      pending_;
  int misses_ = 0;
  std::string last_miss_;
};

}  // namespace plexus::bench
