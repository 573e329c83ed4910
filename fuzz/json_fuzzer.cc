// JSON fuzzer: any bytes must parse or fail cleanly with a byte offset; whatever parses must
// serialize, and the serialized text must parse again and serialize identically. The request
// path's arena tree (ArenaValue) must agree with json::Value on every input: same verdict, same
// error, same serialized bytes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/common/arena.h"
#include "src/json/arena_value.h"
#include "src/json/value.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexus;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  StatusOr<json::Value> first = json::parse(text);
  Arena arena;
  StatusOr<json::ArenaValue> in_arena = json::parseInto(arena, text);
  if (in_arena.ok() != first.ok() ||
      (!first.ok() && in_arena.status().message() != first.status().message()) ||
      (first.ok() && json::serialize(*in_arena) != json::serialize(*first))) {
    std::fprintf(stderr, "ArenaValue and json::Value disagree\n");
    std::abort();
  }
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
