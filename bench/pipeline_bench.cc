// Per-request CPU of the whole request pipeline on the federation benchmark's query — router
// stage (GraphQL-over-HTTP decoding), supergraph stage (prepared-operation and plan caches),
// execution, subgraph stage — with subgraph replies replayed from recordings (as in
// execution_bench), without and with an empty native plugin on all four hooks: the cost a plugin
// that does nothing adds (issue 5: under 1%).
//
//   bench/execution/record                       # once: live subgraphs → build/bench-recordings
//   build/release/bench/pipeline_bench --benchmark_repetitions=5
//   # instructions per request, without the timer (divide by N):
//   valgrind --tool=callgrind --toggle-collect='*profileRequests*'
//       build/release/bench/pipeline_bench --profile=1000 [--with-empty-plugin | --with-rhai]
//
// Result (2026-11-22, release, callgrind, 200 requests each): 2,724,336 instructions per request
// without a plugin, 2,728,723 with the empty plugin on all four hooks: +4,387 (+0.16%).
// With the Rhai script of the load test on all four hooks (bench/rhai_router/all_hooks; the query
// makes 7 subgraph fetches): 2,673,830 → 2,771,035 (+97,205, +3.6%).
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>

#include "bench/execution/bench_support.h"
#include "include/plexus/plugin.h"
#include "src/plugins/instances.h"
#include "src/plugins/rhai/rhai_plugin.h"
#include "src/server/router_service.h"

namespace plexus::bench {
namespace {

const std::filesystem::path kSourceDir = PLEXUS_SOURCE_DIR;

template <typename Request, typename Response>
Service<Request, Response> passThrough(Service<Request, Response> next) {
  return [next = std::move(next)](Request request, Reply<Response> reply) {
    next(std::move(request), std::move(reply));
  };
}

// A plugin that wraps every stage and does nothing else.
class EmptyPlugin : public Plugin {
 public:
  router::Service routerService(router::Service next) override { return passThrough(next); }
  supergraph::Service supergraphService(supergraph::Service next) override {
    return passThrough(next);
  }
  execution::Service executionService(execution::Service next) override {
    return passThrough(next);
  }
  subgraph::Service subgraphService(std::string_view, subgraph::Service next) override {
    return passThrough(next);
  }
};

struct Setup {
  Recordings recordings;
  std::unique_ptr<server::RouterService> service;
  std::shared_ptr<ReplayFetcher> fetcher;
  std::shared_ptr<const Pipeline> pipeline;
  http::Request request;
};

enum class Variant { kNone, kEmptyPlugin, kRhaiScript };

std::unique_ptr<Setup> makeSetup(Variant variant) {
  auto setup = std::make_unique<Setup>();
  setup->recordings = loadRecordings(kSourceDir / "build/bench-recordings");
  if (setup->recordings.empty()) die("no recordings: run bench/execution/record first");
  auto supergraph = federation::Supergraph::fromSdl(
      readFileOrDie(kSourceDir / "examples/supergraph/supergraph.graphql"));
  if (!supergraph.ok()) die(supergraph.status().message());
  StageWrappers wrappers;
  if (variant == Variant::kEmptyPlugin) {
    plugins::addPlugin(std::make_shared<EmptyPlugin>(), wrappers);
  } else if (variant == Variant::kRhaiScript) {
    // The load test's script (bench/rhai_router/all_hooks/main.rhai): header work on all hooks.
    config::RhaiConfig rhai;
    rhai.scripts = (kSourceDir / "bench/rhai_router/all_hooks").string();
    auto plugin = plugins::rhai::RhaiPlugin::load(rhai, *supergraph);
    if (!plugin.ok()) die(plugin.status().message());
    plugins::addPlugin(*plugin, wrappers);
  }
  setup->service = std::make_unique<server::RouterService>(
      *supergraph, config::RouterConfig{}, server::RouterServiceOptions{}, std::move(wrappers));
  setup->fetcher = std::make_shared<ReplayFetcher>(setup->recordings);
  setup->pipeline = setup->service->pipeline(setup->fetcher);
  setup->request.method = "POST";
  setup->request.headers.add("content-type", "application/json");
  setup->request.body = readFileOrDie(kSourceDir.parent_path() / "shared/bench/data/body.json");
  return setup;
}

size_t runOnce(Setup& setup) {
  size_t bytes = 0;
  router::Request request;
  request.http = setup.request;
  setup.pipeline->router(std::move(request), [&bytes](router::Response response) {
    if (response.http.status != 200) die("status " + std::to_string(response.http.status));
    bytes = response.http.body.size();
  });
  setup.fetcher->drain();
  return bytes;
}

void BM_Pipeline(benchmark::State& state, Variant variant) {
  std::unique_ptr<Setup> setup = makeSetup(variant);
  size_t bytes = runOnce(*setup);
  for (auto _ : state) {
    bytes = runOnce(*setup);
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
}
BENCHMARK_CAPTURE(BM_Pipeline, no_plugin, Variant::kNone)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Pipeline, empty_plugin_on_all_hooks, Variant::kEmptyPlugin)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Pipeline, rhai_script_on_all_hooks, Variant::kRhaiScript)
    ->Unit(benchmark::kMicrosecond);

// For callgrind: only this function is measured (--toggle-collect).
__attribute__((noinline)) void profileRequests(Setup& setup, int n) {
  for (int i = 0; i < n; ++i) benchmark::DoNotOptimize(runOnce(setup));
}

}  // namespace
}  // namespace plexus::bench

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--profile=", 10) == 0) {
      using plexus::bench::Variant;
      Variant variant = Variant::kNone;
      for (int j = 1; j < argc; ++j) {
        if (std::strcmp(argv[j], "--with-empty-plugin") == 0) variant = Variant::kEmptyPlugin;
        if (std::strcmp(argv[j], "--with-rhai") == 0) variant = Variant::kRhaiScript;
      }
      auto setup = plexus::bench::makeSetup(variant);
      plexus::bench::runOnce(*setup);  // warm the caches
      plexus::bench::profileRequests(*setup, std::atoi(argv[i] + 10));
      return 0;
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
