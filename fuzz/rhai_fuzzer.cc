// Rhai fuzzer: any bytes must parse or fail with a syntax error; whatever parses is evaluated
// under tight limits (operations, call depth, data sizes; imports resolve nowhere) and must come
// back as a value or an EvalError, without crash, hang, leak or sanitizer report.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/rhai/eval.h"
#include "src/rhai/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexus::rhai;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ParseResult parsed = parse(text);
  if (!parsed.ok()) {
    (void)parsed.error().describe();
    return 0;
  }
  Engine engine(EngineOptions{.max_operations = 10'000,
                              .max_call_levels = 16,
                              .module_dir = "/nonexistent/plexus-rhai-fuzz",
                              .max_string_size = 4096,
                              .max_array_size = 1024,
                              .max_map_size = 1024});
  engine.setPrint([](std::string_view) {});
  engine.setDebug([](std::string_view) {});
  EvalResult result = engine.eval(text);
  if (result.ok()) {
    (void)result.value().debug();
  } else {
    const EvalError& e = result.error();
    if (e.type.empty()) {
      std::fprintf(stderr, "error without a type: %s\n", e.describe().c_str());
      std::abort();
    }
    if (e.type == "ErrorParsing") {
      std::fprintf(stderr, "parse() accepted what eval() rejects: %s\n", e.describe().c_str());
      std::abort();
    }
    (void)e.describe();
  }
  return 0;
}
