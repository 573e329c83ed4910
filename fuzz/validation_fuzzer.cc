// Validation fuzzer: any document that parses is validated against a fixed schema with
// interfaces, unions, input objects, enums and custom directives; validation must never crash,
// hang or leak, whatever the document.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "src/graphql/parser.h"
#include "src/graphql/schema.h"
#include "src/graphql/validation/validate.h"

namespace {
const plexus::graphql::Schema& fuzzSchema() {
  static std::shared_ptr<const plexus::graphql::Schema> schema = [] {
    std::ifstream in(PLEXUS_SOURCE_DIR "/test/conformance/graphql/schemas/rich.graphql");
    std::ostringstream sdl;
    sdl << in.rdbuf();
    auto built = plexus::graphql::Schema::fromSdl(sdl.str());
    if (!built.ok()) {
      std::fprintf(stderr, "%s\n", built.status().message().c_str());
      std::abort();
    }
    return *built;
  }();
  return *schema;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexus::graphql;
  ParseOptions options{.max_tokens = 2000, .max_recursion = 64};
  ParseResult parsed = parse(std::string(reinterpret_cast<const char*>(data), size), options);
  if (!parsed.ok()) return 0;
  auto errors = validate(fuzzSchema(), parsed.document());
  (void)errors;
  return 0;
}
