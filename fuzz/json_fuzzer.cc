// JSON fuzzer: any bytes must parse or fail cleanly with a byte offset; whatever parses must
// serialize, and the serialized text must parse again and serialize identically.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/json/value.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexus;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  StatusOr<json::Value> first = json::parse(text);
  if (!first.ok()) {
    if (first.status().message().rfind("JSON parse error at byte ", 0) != 0) std::abort();
    return 0;
  }
  for (int indent : {0, 2}) {
    std::string printed = json::serialize(*first, {.indent = indent});
    StatusOr<json::Value> second = json::parse(printed);
    if (!second.ok()) {
      std::fprintf(stderr, "serialized text does not parse: %s\n%s\n",
                   second.status().message().c_str(), printed.c_str());
      std::abort();
    }
    if (json::serialize(*second, {.indent = indent}) != printed) {
      std::fprintf(stderr, "serialization is not stable:\n%s\n", printed.c_str());
      std::abort();
    }
  }
  return 0;
}
