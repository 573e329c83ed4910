// HTTP/1.1 framing fuzzer: any bytes, read as a stream of requests and as a stream of responses,
// must frame without crash, consume no more than given, and frame identically whether they arrive
// at once or in small pieces (the first input byte picks the piece size), as they do from a
// socket. Small limits put the 413/431 paths in reach.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/http/codec.h"

namespace {

using namespace plexus::http;

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

// Frames `input` delivered in pieces of `step` bytes; returns a transcript of what came out.
template <typename Parser, typename Take>
std::string frame(Parser& parser, std::string_view input, size_t step, Take take) {
  std::string transcript;
  std::string pending;
  size_t offset = 0;
  while (offset < input.size()) {
    size_t n = std::min(step, input.size() - offset);
    pending.append(input.substr(offset, n));
    offset += n;
    std::string_view view = pending;
    while (!view.empty()) {
      ParseResult r = parser.parse(view);
      check(r.consumed <= view.size(), "consumed more than given");
      view.remove_prefix(r.consumed);
      if (r.event == ParseEvent::kMessage) {
        transcript += take(parser);
      } else if (r.event == ParseEvent::kExpectContinue) {
        transcript += "<continue>";
      } else if (r.event == ParseEvent::kError) {
        return transcript + "<error>";
      } else {
        check(view.empty(), "kNeedMore left input unconsumed");
      }
    }
    pending = std::string(view);
  }
  return transcript;
}

std::string describe(const Headers& headers) {
  std::string out;
  for (const auto& [name, value] : headers) out += name + ":" + value + "\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t step = 1 + data[0] % 16;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const RequestLimits limits{.max_body_bytes = 1000, .max_header_bytes = 600, .max_headers = 12};

  auto takeRequest = [](RequestParser& parser) {
    Request r = parser.takeRequest();
    return r.method + " " + r.target + " 1." + std::to_string(r.version_minor) + "\n" +
           describe(r.headers) + "[" + r.body + "]" + (parser.keepAlive() ? "K" : "C");
  };
  RequestParser whole(limits);
  RequestParser pieces(limits);
  std::string a = frame(whole, input, input.size() + 1, takeRequest);
  std::string b = frame(pieces, input, step, takeRequest);
  if (a != b) {
    std::fprintf(stderr, "request framing depends on piece size %zu:\n%s\n---\n%s\n", step,
                 a.c_str(), b.c_str());
    std::abort();
  }
  if (a.size() > 7 && a.compare(a.size() - 7, 7, "<error>") == 0) {
    int status = whole.errorStatus();
    check(status == 400 || status == 413 || status == 431 || status == 501, "error status");
    check(pieces.errorStatus() == status, "error status depends on piece size");
  }

  auto takeResponse = [](ResponseParser& parser) {
    Response r = parser.takeResponse();
    return std::to_string(r.status) + "\n" + describe(r.headers) + "[" + r.body + "]" +
           (parser.keepAlive() ? "K" : "C");
  };
  ResponseParser whole_response(1000, 600);
  ResponseParser pieces_response(1000, 600);
  std::string c = frame(whole_response, input, input.size() + 1, takeResponse);
  std::string d = frame(pieces_response, input, step, takeResponse);
  if (c != d) {
    std::fprintf(stderr, "response framing depends on piece size %zu:\n%s\n---\n%s\n", step,
                 c.c_str(), d.c_str());
    std::abort();
  }
  bool whole_done = whole_response.finish().event == ParseEvent::kMessage;
  bool pieces_done = pieces_response.finish().event == ParseEvent::kMessage;
  check(whole_done == pieces_done, "end-of-stream framing depends on piece size");
  return 0;
}
