// HTTP/1.1 framing without sockets: incremental request and response parsers (llhttp inside) and
// the serializers for the opposite direction. The server and the client feed these with bytes read
// from Asio sockets; tests and fuzzers feed them directly.
//
//   RequestParser parser(RequestLimits{.max_body_bytes = 2'000'000});
//   std::string_view input = bytesFromSocket;
//   while (!input.empty()) {
//     ParseResult r = parser.parse(input);
//     input.remove_prefix(r.consumed);
//     if (r.event == ParseEvent::kMessage) handle(parser.takeRequest(), parser.keepAlive());
//     else if (r.event == ParseEvent::kError) reply(parser.errorStatus());  // 400, 413 or 431
//     else break;  // kNeedMore: read more bytes (kExpectContinue: send "100 Continue" first)
//   }
//
// A parser stops after each complete message, so pipelined requests are handed out one at a time
// and the caller knows exactly which bytes belong to which request. Not thread-safe; one parser
// per connection. Movable, not copyable.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "src/http/message.h"

namespace plexus::http {

// Size limits on one inbound request. The defaults follow Apollo Router's `limits` keys.
struct RequestLimits {
  // limits.http_max_request_bytes: larger bodies get 413.
  size_t max_body_bytes = 2'000'000;
  // The head in bytes as received, request line to blank line; larger heads get 431 at the byte
  // that exceeds it, however the input is split. Default: hyper's default read-buffer bound
  // (limits.http1_max_request_buf_size).
  size_t max_header_bytes = 8192 + 4096 * 100;
  // limits.http1_max_request_headers: more fields get 431.
  size_t max_headers = 100;
};

enum class ParseEvent {
  kNeedMore,        // every byte given was consumed; feed more
  kMessage,         // one complete message is ready (takeRequest / takeResponse)
  kExpectContinue,  // request headers carry "Expect: 100-continue" and the body is acceptable
  kError,           // malformed or over a limit; the parser is dead, close after replying
};

struct ParseResult {
  ParseEvent event = ParseEvent::kNeedMore;
  size_t consumed = 0;  // bytes of the input that belong to what was parsed
};

// Where a parser stands between calls; the server picks its read deadline from this.
enum class ParsePhase { kIdle, kHead, kBody };

class RequestParser {
 public:
  explicit RequestParser(RequestLimits limits = {});
  ~RequestParser();
  RequestParser(RequestParser&&) noexcept;
  RequestParser& operator=(RequestParser&&) noexcept;

  ParseResult parse(std::string_view data);

  // After kMessage: the request, moved out; the next parse() starts a new one.
  Request takeRequest();
  // After kMessage: whether the connection may carry another request (HTTP/1.1 without
  // "Connection: close", or HTTP/1.0 with "Connection: keep-alive").
  bool keepAlive() const;
  // After kError: the status to answer with (400, 413 or 431) and a short reason for logs.
  int errorStatus() const;
  std::string_view errorReason() const;

  ParsePhase phase() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Why a response could not be read.
enum class ResponseParseError { kNone, kMalformed, kTooLarge, kTruncated };

class ResponseParser {
 public:
  explicit ResponseParser(size_t max_body_bytes = 64 * 1024 * 1024,
                          size_t max_header_bytes = 64 * 1024);
  ~ResponseParser();
  ResponseParser(ResponseParser&&) noexcept;
  ResponseParser& operator=(ResponseParser&&) noexcept;

  // Call before parsing the response to a HEAD request: it has no body whatever its headers say.
  void setNoBody(bool no_body);

  // Interim 1xx responses are skipped; kMessage means the final response is complete.
  ParseResult parse(std::string_view data);
  // The peer closed the connection: completes a body delimited by end-of-stream (kMessage), or
  // reports kError with error() == kTruncated when the message was cut short.
  ParseResult finish();

  Response takeResponse();
  bool keepAlive() const;  // after kMessage
  bool started() const;    // any byte of a response has been seen
  ResponseParseError error() const;
  std::string_view errorReason() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Appends the wire form of `response`. Content-Length is computed from the body (any
// content-length, transfer-encoding or connection field in `response.headers` is dropped); fields
// whose name or value holds CR, LF or NUL are dropped (no response splitting). `keep_alive`
// false adds "connection: close"; `request_version_minor` 0 with keep-alive adds
// "connection: keep-alive"; `head_request` omits the body bytes. 1xx, 204 and 304 carry no body.
// A non-empty `date` adds "date: <date>" unless the response has its own.
void serializeResponse(const Response& response, bool keep_alive, int request_version_minor,
                       bool head_request, std::string& out, std::string_view date = {});

// Appends the wire form of `request` as HTTP/1.1. Adds "host: <host>" when absent and a
// content-length (dropping any content-length, transfer-encoding or connection fields given).
void serializeRequest(const Request& request, std::string_view host, std::string& out);

// IMF-fixdate for a Unix time, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7).
std::string httpDate(long long unix_seconds);

}  // namespace plexus::http
