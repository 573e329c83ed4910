// Per-request CPU of plan execution on a planning-cache hit, for the federation benchmark's query
// (shared/bench: examples/supergraph/{supergraph,query}.graphql, 7 subgraph calls, an 87,599-byte
// response): request bodies, representations, subgraph JSON parsing, merging, shaping and
// serialization, with subgraph replies replayed from recordings instead of sent over HTTP.
//
//   bench/execution/record                        # once: live subgraphs → build/bench-recordings
//   build/release/bench/execution_bench           # verifies against expected.json, then times
//   # instructions per request, without the timer (divide by N):
//   valgrind --tool=callgrind --toggle-collect='*profile*' build/release/bench/execution_bench
//   --profile=100
//
// Before timing, the response is compared structurally (key order included) with the expected
// one (PLEXUS_BENCH_EXPECTED, else ../shared/bench/data/expected.json); the first difference is
// printed and the run fails. PLEXUS_BENCH_RECORDINGS overrides the recordings directory.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <benchmark/benchmark.h>

#include "bench/execution/bench_support.h"
#include "src/common/arena.h"
#include "src/json/arena_value.h"
#include "src/json/value.h"

namespace plexus::bench {
namespace {

const std::filesystem::path kSourceDir = PLEXUS_SOURCE_DIR;

std::filesystem::path fromEnv(const char* name, const std::filesystem::path& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::filesystem::path(value) : fallback;
}

struct Fixture {
  BenchSetup setup;
  Recordings recordings;
};

Fixture& fixture() {
  static Fixture* f = [] {
    auto* made = new Fixture;
    std::filesystem::path dir =
        fromEnv("PLEXUS_BENCH_RECORDINGS", kSourceDir / "build/bench-recordings");
    made->recordings = loadRecordings(dir);
    if (made->recordings.empty()) {
      die("no recordings in " + dir.string() + ": run bench/execution/record first");
    }
    made->setup = loadBenchSetup(kSourceDir / "examples/supergraph/supergraph.graphql",
                                 kSourceDir / "examples/supergraph/query.graphql");
    return made;
  }();
  return *f;
}

std::string runOnce(ReplayFetcher& fetcher) {
  std::string body;
  execution::execute(
      fixture().setup.request(), fetcher,
      [&body](execution::ExecutionResponse response) { body = std::move(response.body); });
  fetcher.drain();
  return body;
}

// --- Verification -------------------------------------------------------------------------------

std::string excerpt(const json::Value& value) {
  std::string text = json::serialize(value);
  return text.size() > 160 ? text.substr(0, 160) + "…" : text;
}

// The first difference between `got` and `want`, as "path: what"; empty when equal. Objects
// must have the same keys in the same order.
std::string firstDifference(const json::Value& got, const json::Value& want,
                            const std::string& path) {
  if (got.type() != want.type() && !(got.isNumber() && want.isNumber())) {
    return path + ": got " + excerpt(got) + ", want " + excerpt(want);
  }
  if (got.isObject()) {
    const json::Object& a = got.asObject();
    const json::Object& b = want.asObject();
    for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
      if (i >= a.size()) return path + ": missing key \"" + b[i].first + "\"";
      if (i >= b.size()) return path + ": unexpected key \"" + a[i].first + "\"";
      if (a[i].first != b[i].first) {
        return path + ": key #" + std::to_string(i) + " is \"" + a[i].first + "\", want \"" +
               b[i].first + "\"";
      }
      std::string difference = firstDifference(a[i].second, b[i].second, path + "." + a[i].first);
      if (!difference.empty()) return difference;
    }
    return {};
  }
  if (got.isArray()) {
    const json::Array& a = got.asArray();
    const json::Array& b = want.asArray();
    if (a.size() != b.size()) {
      return path + ": " + std::to_string(a.size()) + " elements, want " + std::to_string(b.size());
    }
    for (size_t i = 0; i < a.size(); ++i) {
      std::string difference = firstDifference(a[i], b[i], path + "[" + std::to_string(i) + "]");
      if (!difference.empty()) return difference;
    }
    return {};
  }
  if (!(got == want)) return path + ": got " + excerpt(got) + ", want " + excerpt(want);
  return {};
}

bool verify() {
  Fixture& f = fixture();
  ReplayFetcher fetcher(f.recordings);
  std::string body = runOnce(fetcher);
  if (fetcher.misses() > 0) {
    std::fprintf(stderr, "%d subgraph call(s) without a recording (re-record?), last: %s\n",
                 fetcher.misses(), fetcher.lastMiss().c_str());
    return false;
  }
  std::filesystem::path expected_path = fromEnv(
      "PLEXUS_BENCH_EXPECTED", kSourceDir.parent_path() / "shared/bench/data/expected.json");
  auto got = json::parse(body);
  auto want = json::parse(readFileOrDie(expected_path));
  if (!got.ok()) die("the response is not JSON: " + got.status().message());
  if (!want.ok()) die(expected_path.string() + " is not JSON: " + want.status().message());
  std::string difference = firstDifference(*got, *want, "$");
  if (!difference.empty()) {
    std::fprintf(stderr, "response differs from %s at %s\n", expected_path.c_str(),
                 difference.c_str());
    return false;
  }
  std::fprintf(stderr, "response matches %s (%zu bytes; expected file %ju bytes)\n",
               expected_path.c_str(), body.size(),
               static_cast<uintmax_t>(std::filesystem::file_size(expected_path)));
  return true;
}

// --- Benchmarks ---------------------------------------------------------------------------------

// The whole execution of one request: what the router spends per request after planning.
void BM_ExecuteBenchQuery(benchmark::State& state) {
  Fixture& f = fixture();
  ReplayFetcher fetcher(f.recordings);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string body = runOnce(fetcher);
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}

// Only the subgraph JSON parsing part of it: every recorded reply parsed into a fresh arena.
void BM_ParseSubgraphReplies(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) {
    Arena arena(64 * 1024);
    for (const auto& [request, response] : f.recordings) {
      auto parsed = json::parseInto(arena, response);
      benchmark::DoNotOptimize(parsed);
    }
  }
}

[[gnu::noinline]] void profile(int iterations) {
  ReplayFetcher fetcher(fixture().recordings);
  for (int i = 0; i < iterations; ++i) {
    std::string body = runOnce(fetcher);
    benchmark::DoNotOptimize(body);
  }
}

BENCHMARK(BM_ExecuteBenchQuery)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ParseSubgraphReplies)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace plexus::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (!plexus::bench::verify()) return 1;
  // `--profile=N`: N executions and nothing else, for callgrind or perf.
  if (argc > 1 && std::string_view(argv[1]).starts_with("--profile=")) {
    plexus::bench::profile(std::atoi(argv[1] + 10));
    return 0;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
