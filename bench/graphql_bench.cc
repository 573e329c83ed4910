// Parse + validate micro-benchmarks, compared side by side with graphql-js by
// scripts/bench-graphql (which runs test/conformance/graphql/bench.mjs on the same inputs).
//
//   build/release/bench/graphql_bench --benchmark_filter=ParseValidate
#include <fstream>
#include <sstream>

#include <benchmark/benchmark.h>

#include "src/graphql/parser.h"
#include "src/graphql/schema.h"
#include "src/graphql/validation/validate.h"

namespace plexus::graphql {
namespace {

std::string readFile(const std::string& relative) {
  std::ifstream in(std::string(PLEXUS_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const Schema& benchSchema() {
  static auto schema =
      *Schema::fromSdl(readFile("test/conformance/graphql/schemas/bench_api.graphql"));
  return *schema;
}

const std::string& benchQuery() {
  static std::string q = readFile("test/conformance/graphql/corpus/bench_api/bench_query.graphql");
  return q;
}

const std::string& introspectionQuery() {
  static std::string q =
      readFile("test/conformance/graphql/corpus/bench_api/introspection_query_default.graphql");
  return q;
}

void parseOnly(benchmark::State& state, const std::string& source) {
  for (auto _ : state) {
    ParseResult r = parse(source);
    benchmark::DoNotOptimize(r);
  }
}

void validateOnly(benchmark::State& state, const std::string& source) {
  const Schema& schema = benchSchema();
  ParseResult r = parse(source);
  for (auto _ : state) {
    auto errors = validate(schema, r.document());
    if (!errors.empty()) state.SkipWithError(errors.front().message.c_str());
    benchmark::DoNotOptimize(errors);
  }
}

void parseValidate(benchmark::State& state, const std::string& source) {
  const Schema& schema = benchSchema();
  for (auto _ : state) {
    ParseResult r = parse(source);
    auto errors = validate(schema, r.document());
    if (!errors.empty()) state.SkipWithError(errors.front().message.c_str());
    benchmark::DoNotOptimize(errors);
  }
}

void BM_ParseBenchQuery(benchmark::State& s) { parseOnly(s, benchQuery()); }
void BM_ValidateBenchQuery(benchmark::State& s) { validateOnly(s, benchQuery()); }
void BM_ParseValidateBenchQuery(benchmark::State& s) { parseValidate(s, benchQuery()); }
void BM_ParseIntrospection(benchmark::State& s) { parseOnly(s, introspectionQuery()); }
void BM_ValidateIntrospection(benchmark::State& s) { validateOnly(s, introspectionQuery()); }
void BM_ParseValidateIntrospection(benchmark::State& s) { parseValidate(s, introspectionQuery()); }

BENCHMARK(BM_ParseBenchQuery);
BENCHMARK(BM_ValidateBenchQuery);
BENCHMARK(BM_ParseValidateBenchQuery);
BENCHMARK(BM_ParseIntrospection);
BENCHMARK(BM_ValidateIntrospection);
BENCHMARK(BM_ParseValidateIntrospection);

}  // namespace
}  // namespace plexus::graphql

BENCHMARK_MAIN();
