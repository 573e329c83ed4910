// Parser fuzzer: any bytes must parse or fail cleanly; whatever parses must print, and the
// printed text must parse again and print identically (the printer round-trips).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/graphql/parser.h"
#include "src/graphql/printer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexus::graphql;
  ParseOptions options{.max_tokens = 2000, .max_recursion = 64};
  ParseResult first = parse(std::string(reinterpret_cast<const char*>(data), size), options);
  if (!first.ok()) return 0;
  std::string printed = print(first.document());
  ParseResult second = parse(printed, ParseOptions{.max_tokens = 1000000, .max_recursion = 200});
  if (!second.ok()) {
    std::fprintf(stderr, "printed text does not parse: %s\n%s\n", second.error().message.c_str(),
                 printed.c_str());
    std::abort();
  }
  if (print(second.document()) != printed) {
    std::fprintf(stderr, "printing is not stable:\n%s\n", printed.c_str());
    std::abort();
  }
  return 0;
}
