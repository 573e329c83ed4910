// The Rhai interpreter on Rhai's own benchmark workloads (bench/rhai/*.rhai: Rhai 1.23.6's
// scripts/*.rhai and benches/*.rs scripts, unchanged, plus a few of ours). Each script is parsed
// once and evaluated per iteration, as Rhai's benches do with `engine.compile` + `run_ast`;
// parsing is measured on its own. bench/rhai/README.md has the figures and how to run Rhai
// itself on the same files.
//
//   build/release/bench/rhai_bench [--benchmark_filter=fib]
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <benchmark/benchmark.h>

#include "src/rhai/eval.h"
#include "src/rhai/parser.h"

namespace plexus::rhai {
namespace {

std::string load(const std::string& name) {
  std::ifstream in(std::string(PLEXUS_SOURCE_DIR) + "/bench/rhai/" + name + ".rhai");
  if (!in) throw std::runtime_error("missing bench/rhai/" + name + ".rhai");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Evaluates a script compiled once (Engine::compile, then Engine::run with a fresh scope per
// run, like Rhai's compile + run_ast).
void runScript(benchmark::State& state, const std::string& name) {
  Engine engine;  // print() goes nowhere: no print callback
  auto compiled = engine.compile(load(name), name);
  if (compiled.index() == 1) {
    state.SkipWithError(std::get<1>(compiled).describe().c_str());
    return;
  }
  const Program& program = *std::get<0>(compiled);
  for (auto _ : state) {
    Scope scope;
    EvalResult result = engine.run(program, scope);
    if (!result.ok()) {
      state.SkipWithError(result.error().describe().c_str());
      return;
    }
    benchmark::DoNotOptimize(result.value());
  }
}

void parseScript(benchmark::State& state, const std::string& name) {
  std::string source = load(name);
  for (auto _ : state) {
    ParseResult parsed = parse(source);
    benchmark::DoNotOptimize(parsed.ok());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * source.size()));
}

// Rhai's scripts/*.rhai (the book's "Fibonacci", "1M loop" and "Prime numbers" rows are
// fibonacci.rhai, speed_test.rhai and primes.rhai).
#define RHAI_SCRIPT(name) \
  BENCHMARK_CAPTURE(runScript, name, #name)->Unit(benchmark::kMillisecond)->MinTime(1.0)
RHAI_SCRIPT(fibonacci);
RHAI_SCRIPT(speed_test);
RHAI_SCRIPT(primes);
RHAI_SCRIPT(mat_mul);
RHAI_SCRIPT(for2);
RHAI_SCRIPT(for3);
RHAI_SCRIPT(strings_map);

// Rhai's benches/*.rs micro benchmarks.
#define RHAI_MICRO(name) BENCHMARK_CAPTURE(runScript, name, #name)->Unit(benchmark::kMicrosecond)
RHAI_MICRO(bench_iterations_1000);
RHAI_MICRO(bench_iterations_fibonacci);
RHAI_MICRO(bench_iterations_array);
RHAI_MICRO(bench_primes);
RHAI_MICRO(bench_eval_loop_number);
RHAI_MICRO(bench_eval_loop_strings_build);
RHAI_MICRO(bench_eval_array_loop);

// Ours: the loop and sieve, calls and closures, strings and maps.
RHAI_SCRIPT(loop_1m);
RHAI_SCRIPT(primes_continue);
RHAI_SCRIPT(calls_closures);
RHAI_SCRIPT(strings_maps);

// Parsing alone.
BENCHMARK_CAPTURE(parseScript, strings_map, "strings_map")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(parseScript, mat_mul, "mat_mul")->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace plexus::rhai

BENCHMARK_MAIN();
