// Request-path JSON: json::ArenaValue (arena tree) against json::Value (heap tree) on a ~90 KB
// GraphQL response shaped like the federation benchmark's (users → reviews → product → reviews →
// author), generated here so the benchmark needs no data files.
//
//   build/release/bench/json_bench
#include <string>

#include <benchmark/benchmark.h>

#include "src/json/arena_value.h"
#include "src/json/value.h"

namespace plexus::json {
namespace {

constexpr std::string_view kLorem =
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
    "laboris nisi ut aliquip ex ea commodo consequat.";

std::string user(int id) {
  std::string s = std::to_string(id);
  return R"({"id":")" + s + R"(","username":"user)" + s + R"(","name":"User \"Number\" )" + s +
         "\"";
}

const std::string& response() {
  static const std::string text = [] {
    std::string out = R"({"data":{"users":[)";
    for (int u = 0; u < 44; ++u) {
      if (u > 0) out += ',';
      out += user(u) + R"(,"reviews":[)";
      for (int r = 0; r < 4; ++r) {
        if (r > 0) out += ',';
        out += R"({"id":")" + std::to_string(u * 4 + r) + R"(","body":")" + std::string(kLorem) +
               R"(","product":{"inStock":true,"name":"Table","price":899.99,)"
               R"("shippingEstimate":null,"upc":")" +
               std::to_string(r) +
               R"(","weight":100,)"
               R"("reviews":[{"id":"1","author":)" +
               user(r) + R"(}},{"id":"2","author":)" + user(r + 1) + "}}]}}";
      }
      out += "]}";
    }
    out += "]}}";
    return out;
  }();
  return text;
}

void BM_ValueParse(benchmark::State& state) {
  state.counters["doc_bytes"] = double(response().size());
  for (auto _ : state) {
    StatusOr<Value> v = parse(response());
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * response().size());
}

// Arg: the arena's first block (the request arena's initial size).
void BM_ArenaParse(benchmark::State& state) {
  for (auto _ : state) {
    Arena arena(state.range(0));
    StatusOr<ArenaValue> v = parseInto(arena, response());
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * response().size());
}

void BM_ValueSerialize(benchmark::State& state) {
  Value v = *parse(response());
  for (auto _ : state) benchmark::DoNotOptimize(serialize(v));
  state.SetBytesProcessed(int64_t(state.iterations()) * response().size());
}

void BM_ArenaSerialize(benchmark::State& state) {
  Arena arena;
  ArenaValue v = *parseInto(arena, response());
  for (auto _ : state) benchmark::DoNotOptimize(serialize(v));
  state.SetBytesProcessed(int64_t(state.iterations()) * response().size());
}

void BM_ValueParseSerialize(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(serialize(*parse(response())));
  state.SetBytesProcessed(int64_t(state.iterations()) * response().size());
}

void BM_ArenaParseSerialize(benchmark::State& state) {
  for (auto _ : state) {
    Arena arena(state.range(0));
    benchmark::DoNotOptimize(serialize(*parseInto(arena, response())));
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * response().size());
}

BENCHMARK(BM_ValueParse);
BENCHMARK(BM_ArenaParse)->Arg(4 << 10)->Arg(64 << 10);
BENCHMARK(BM_ValueSerialize);
BENCHMARK(BM_ArenaSerialize);
BENCHMARK(BM_ValueParseSerialize);
BENCHMARK(BM_ArenaParseSerialize)->Arg(4 << 10)->Arg(64 << 10);

}  // namespace
}  // namespace plexus::json

BENCHMARK_MAIN();
