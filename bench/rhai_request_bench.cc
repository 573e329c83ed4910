// Per-request cost of a typical header-rewriting Rhai script (bench/rhai_router/headers.rhai) on
// the supergraph and subgraph hooks (issue 6: under 5 µs): one supergraph request and one subgraph
// fetch go through the stages' services, without and with the script's wrappers, around next
// services that answer at once. The difference between the two is the script's cost.
//
//   build/release/bench/rhai_request_bench --benchmark_repetitions=5
//   # instructions per request, without the timer (divide by N):
//   valgrind --tool=callgrind --toggle-collect='*profileRequests*'
//       build/release/bench/rhai_request_bench --profile=1000 [--with-script]
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <benchmark/benchmark.h>

#include "src/federation/supergraph.h"
#include "src/plugins/rhai/rhai_plugin.h"

namespace plexus::bench {
namespace {

const std::filesystem::path kSourceDir = PLEXUS_SOURCE_DIR;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "rhai_request_bench: %s\n", message.c_str());
  std::exit(1);
}

struct Setup {
  std::shared_ptr<Plugin> plugin;
  supergraph::Service supergraph;
  subgraph::Service subgraph;
  http::Request client;
};

std::unique_ptr<Setup> makeSetup(bool with_script) {
  std::ifstream in(kSourceDir / "examples/supergraph/supergraph.graphql");
  std::stringstream sdl;
  sdl << in.rdbuf();
  auto supergraph = federation::Supergraph::fromSdl(sdl.str());
  if (!supergraph.ok()) die(supergraph.status().message());
  auto setup = std::make_unique<Setup>();
  setup->supergraph = [](supergraph::Request request, Reply<supergraph::Response> reply) {
    supergraph::Response response;
    response.context = std::move(request.context);
    reply(std::move(response));
  };
  setup->subgraph = [](subgraph::Request request, Reply<subgraph::Response> reply) {
    subgraph::Response response;
    response.status = 200;
    response.context = std::move(request.context);
    reply(std::move(response));
  };
  if (with_script) {
    config::RhaiConfig config;
    config.scripts = (kSourceDir / "bench/rhai_router").string();
    config.main = "headers.rhai";
    auto plugin = plugins::rhai::RhaiPlugin::load(
        config, std::shared_ptr<const federation::Supergraph>(std::move(*supergraph)));
    if (!plugin.ok()) die(plugin.status().message());
    setup->plugin = *plugin;
    setup->supergraph = setup->plugin->supergraphService(setup->supergraph);
    setup->subgraph = setup->plugin->subgraphService("products", setup->subgraph);
  }
  // What a browser sends.
  setup->client.method = "POST";
  setup->client.target = "/";
  for (auto [name, value] : std::initializer_list<std::pair<const char*, const char*>>{
           {"host", "localhost:4000"},
           {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0"},
           {"accept", "application/graphql-response+json, application/json"},
           {"accept-encoding", "gzip, deflate, br"},
           {"content-type", "application/json"},
           {"authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"},
           {"x-tenant", "acme"},
           {"origin", "https://studio.apollographql.com"}}) {
    setup->client.headers.add(name, value);
  }
  return setup;
}

// One client request through the supergraph stage, then one fetch through the subgraph stage.
void runOnce(Setup& setup) {
  supergraph::Request request;
  request.query = "{ topProducts { name } }";
  request.http = setup.client;
  Context context = request.context;
  auto client = std::make_shared<supergraph::Request>(request);
  setup.supergraph(std::move(request), [](supergraph::Response response) {
    benchmark::DoNotOptimize(response.status);
  });
  subgraph::Request fetch;
  fetch.subgraph_name = "products";
  fetch.uri = "http://127.0.0.1:4203/graphql";
  fetch.http.method = "POST";
  fetch.http.headers.add("content-type", "application/json");
  fetch.http.headers.add("accept", "application/json");
  fetch.http.body = R"({"query":"{topProducts{name}}"})";
  fetch.supergraph = std::move(client);
  fetch.context = std::move(context);
  setup.subgraph(std::move(fetch),
                 [](subgraph::Response response) { benchmark::DoNotOptimize(response.status); });
}

void BM_SupergraphAndSubgraph(benchmark::State& state, bool with_script) {
  std::unique_ptr<Setup> setup = makeSetup(with_script);
  for (auto _ : state) runOnce(*setup);
}
BENCHMARK_CAPTURE(BM_SupergraphAndSubgraph, no_script, false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_SupergraphAndSubgraph, header_script, true)->Unit(benchmark::kMicrosecond);

// For callgrind: only this function is measured (--toggle-collect).
__attribute__((noinline)) void profileRequests(Setup& setup, int n) {
  for (int i = 0; i < n; ++i) runOnce(setup);
}

}  // namespace
}  // namespace plexus::bench

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--profile=", 10) == 0) {
      bool with_script = false;
      for (int j = 1; j < argc; ++j) with_script |= std::strcmp(argv[j], "--with-script") == 0;
      auto setup = plexus::bench::makeSetup(with_script);
      plexus::bench::runOnce(*setup);  // warm up
      plexus::bench::profileRequests(*setup, std::atoi(argv[i] + 10));
      return 0;
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
