#include "src/http/codec.h"

#include <vector>

#include <gtest/gtest.h>

namespace plexus::http {
namespace {

// Feeds `input` in pieces of `step` bytes and collects every request, as a connection would.
struct Parsed {
  std::vector<Request> requests;
  std::vector<bool> keep_alive;
  int error_status = 0;
  int continues = 0;
};

Parsed parseAll(RequestParser& parser, std::string_view input, size_t step = SIZE_MAX) {
  Parsed out;
  std::string pending;
  while (!input.empty() || !pending.empty()) {
    size_t take = std::min(step, input.size());
    pending.append(input.substr(0, take));
    input.remove_prefix(take);
    std::string_view view = pending;
    bool need_more = false;
    while (!need_more) {
      ParseResult r = parser.parse(view);
      view.remove_prefix(r.consumed);
      switch (r.event) {
        case ParseEvent::kMessage:
          out.requests.push_back(parser.takeRequest());
          out.keep_alive.push_back(parser.keepAlive());
          break;
        case ParseEvent::kExpectContinue: ++out.continues; break;
        case ParseEvent::kError: out.error_status = parser.errorStatus(); return out;
        case ParseEvent::kNeedMore: need_more = true; break;
      }
      if (view.empty()) need_more = true;
    }
    pending = std::string(view);
    if (input.empty()) break;
  }
  return out;
}

TEST(RequestParserTest, ParsesMethodTargetHeadersAndBody) {
  RequestParser parser;
  Parsed p = parseAll(parser,
                      "POST /graphql?x=1 HTTP/1.1\r\nHost: example\r\nContent-Type: "
                      "application/json \r\nX-Empty:\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
  ASSERT_EQ(p.requests.size(), 1u);
  const Request& r = p.requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/graphql?x=1");
  EXPECT_EQ(r.version_minor, 1);
  EXPECT_EQ(r.headers.get("content-type"), "application/json");
  EXPECT_EQ(r.headers.get("x-empty"), "");
  EXPECT_EQ(r.body, "{\"a\":1}");
  EXPECT_TRUE(p.keep_alive[0]);
}

TEST(RequestParserTest, HandsOutPipelinedRequestsOneAtATimeEvenWhenBytesTrickleIn) {
  std::string wire =
      "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
      "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: "
      "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
      "GET /c HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";
  for (size_t step : {wire.size(), size_t{1}, size_t{7}}) {
    RequestParser parser;
    Parsed p = parseAll(parser, wire, step);
    ASSERT_EQ(p.requests.size(), 3u) << "step " << step;
    EXPECT_EQ(p.requests[0].target, "/a");
    EXPECT_EQ(p.requests[1].body, "abcde");
    EXPECT_EQ(p.requests[2].target, "/c");
    EXPECT_EQ(p.keep_alive, (std::vector<bool>{true, true, false}));
  }
}

TEST(RequestParserTest, Http10KeepsAliveOnlyWhenAsked) {
  RequestParser a;
  EXPECT_EQ(parseAll(a, "GET / HTTP/1.0\r\n\r\n").keep_alive, std::vector<bool>{false});
  RequestParser b;
  Parsed p = parseAll(b, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_EQ(p.keep_alive, std::vector<bool>{true});
  EXPECT_EQ(p.requests[0].version_minor, 0);
}

TEST(RequestParserTest, RejectsADeclaredBodyOverTheLimitBeforeReadingIt) {
  RequestParser parser(RequestLimits{.max_body_bytes = 10});
  ParseResult r = parser.parse("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n");
  EXPECT_EQ(r.event, ParseEvent::kError);
  EXPECT_EQ(parser.errorStatus(), 413);
}

TEST(RequestParserTest, RejectsAChunkedBodyThatGrowsOverTheLimit) {
  RequestParser parser(RequestLimits{.max_body_bytes = 10});
  Parsed p = parseAll(parser,
                      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "6\r\nabcdef\r\n6\r\nghijkl\r\n0\r\n\r\n");
  EXPECT_EQ(p.error_status, 413);
  EXPECT_TRUE(p.requests.empty());
}

TEST(RequestParserTest, AcceptsABodyOfExactlyTheLimit) {
  RequestParser parser(RequestLimits{.max_body_bytes = 3});
  Parsed p = parseAll(parser, "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
  ASSERT_EQ(p.requests.size(), 1u);
  EXPECT_EQ(p.requests[0].body, "abc");
}

TEST(RequestParserTest, RejectsOversizedHeadsWith431) {
  RequestParser parser(RequestLimits{.max_header_bytes = 100});
  Parsed p = parseAll(parser, "GET / HTTP/1.1\r\nX-Big: " + std::string(200, 'a') + "\r\n\r\n", 16);
  EXPECT_EQ(p.error_status, 431);
}

TEST(RequestParserTest, CountsTheHeadInRawBytesAtTheSameByteWhateverTheSplit) {
  // The head, request line to blank line, of exactly 64 bytes: accepted at a limit of 64.
  std::string head = "GET / HTTP/1.1\r\nX-Pad: ";
  head += std::string(64 - head.size() - 4, 'p') + "\r\n\r\n";
  ASSERT_EQ(head.size(), 64u);
  for (size_t step : {size_t{1}, size_t{7}, SIZE_MAX}) {
    RequestParser fits(RequestLimits{.max_header_bytes = 64});
    Parsed p = parseAll(fits, head + head, step);
    EXPECT_EQ(p.requests.size(), 2u) << "step " << step;
    EXPECT_EQ(p.error_status, 0) << "step " << step;
    RequestParser over(RequestLimits{.max_header_bytes = 63});
    EXPECT_EQ(parseAll(over, head, step).error_status, 431) << "step " << step;
  }
  // A bad byte after the limit is never reached: 431, not 400, however the bytes arrive (found by
  // fuzz_http: the limit was checked where llhttp's spans ended, which depends on the split).
  std::string bad_target = "GET /" + std::string(200, 'a') + "\x01 HTTP/1.1\r\n\r\n";
  for (size_t step : {size_t{1}, size_t{2}, size_t{64}, SIZE_MAX}) {
    RequestParser parser(RequestLimits{.max_header_bytes = 100});
    EXPECT_EQ(parseAll(parser, bad_target, step).error_status, 431) << "step " << step;
  }
}

TEST(RequestParserTest, RejectsTooManyHeaderFieldsWith431) {
  RequestParser parser(RequestLimits{.max_headers = 2});
  Parsed p = parseAll(parser, "GET / HTTP/1.1\r\na: 1\r\nb: 2\r\nc: 3\r\n\r\n");
  EXPECT_EQ(p.error_status, 431);
}

TEST(RequestParserTest, RejectsGarbageWith400) {
  RequestParser parser;
  EXPECT_EQ(parseAll(parser, "HELLO WORLD\r\n\r\n").error_status, 400);
  RequestParser smuggling;
  EXPECT_EQ(parseAll(smuggling,
                     "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "0\r\n\r\n")
                .error_status,
            400);
}

TEST(RequestParserTest, AnnouncesExpectContinueBeforeTheBody) {
  RequestParser parser;
  std::string head = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
  ParseResult r = parser.parse(head);
  EXPECT_EQ(r.event, ParseEvent::kExpectContinue);
  EXPECT_EQ(r.consumed, head.size());
  EXPECT_EQ(parser.phase(), ParsePhase::kBody);
  r = parser.parse("ok");
  EXPECT_EQ(r.event, ParseEvent::kMessage);
  EXPECT_EQ(parser.takeRequest().body, "ok");
}

TEST(RequestParserTest, ReportsItsPhaseForReadDeadlines) {
  RequestParser parser;
  EXPECT_EQ(parser.phase(), ParsePhase::kIdle);
  parser.parse("GET / HT");
  EXPECT_EQ(parser.phase(), ParsePhase::kHead);
  parser.parse("TP/1.1\r\nContent-Length: 5\r\n\r\nab");
  EXPECT_EQ(parser.phase(), ParsePhase::kBody);
  EXPECT_EQ(parser.parse("cde").event, ParseEvent::kMessage);
  EXPECT_EQ(parser.phase(), ParsePhase::kIdle);
}

TEST(RequestParserTest, RefusesProtocolUpgrades) {
  RequestParser parser;
  Parsed p = parseAll(parser, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n");
  EXPECT_EQ(p.error_status, 501);
  RequestParser websocket;
  p = parseAll(websocket, "GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
  ASSERT_EQ(p.requests.size(), 1u);  // answered as plain HTTP, then the connection closes
  EXPECT_FALSE(p.keep_alive[0]);
}

ParseEvent feed(ResponseParser& parser, std::string_view bytes) {
  ParseResult r = parser.parse(bytes);
  return r.event;
}

TEST(ResponseParserTest, ReadsContentLengthBodies) {
  ResponseParser parser;
  ParseResult r = parser.parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n\r\nhiEXTRA");
  EXPECT_EQ(r.event, ParseEvent::kMessage);
  EXPECT_EQ(r.consumed,
            std::string_view("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n\r\nhi").size());
  Response response = parser.takeResponse();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "hi");
  EXPECT_EQ(response.headers.get("x-a"), "b");
  EXPECT_TRUE(parser.keepAlive());
}

TEST(ResponseParserTest, ReadsChunkedBodiesSplitAnywhere) {
  std::string wire =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: "
      "chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\n\r\n";
  for (size_t i = 0; i < wire.size(); ++i) {
    ResponseParser parser;
    EXPECT_EQ(feed(parser, std::string_view(wire).substr(0, i)), ParseEvent::kNeedMore);
    EXPECT_EQ(feed(parser, std::string_view(wire).substr(i)), ParseEvent::kMessage) << i;
    EXPECT_EQ(parser.takeResponse().body, "hello!");
  }
}

TEST(ResponseParserTest, CompletesEndOfStreamBodiesOnFinish) {
  ResponseParser parser;
  EXPECT_EQ(feed(parser, "HTTP/1.1 200 OK\r\n\r\npartial"), ParseEvent::kNeedMore);
  EXPECT_EQ(parser.finish().event, ParseEvent::kMessage);
  EXPECT_EQ(parser.takeResponse().body, "partial");
  EXPECT_FALSE(parser.keepAlive());
}

TEST(ResponseParserTest, ReportsTruncationWhenTheConnectionClosesEarly) {
  ResponseParser parser;
  EXPECT_EQ(feed(parser, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"),
            ParseEvent::kNeedMore);
  EXPECT_EQ(parser.finish().event, ParseEvent::kError);
  EXPECT_EQ(parser.error(), ResponseParseError::kTruncated);

  ResponseParser nothing;
  EXPECT_EQ(nothing.finish().event, ParseEvent::kError);
  EXPECT_FALSE(nothing.started());
}

TEST(ResponseParserTest, SkipsInterimResponses) {
  ResponseParser parser;
  EXPECT_EQ(feed(parser,
                 "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"),
            ParseEvent::kMessage);
  EXPECT_EQ(parser.takeResponse().status, 201);
}

TEST(ResponseParserTest, IgnoresContentLengthOfHeadResponses) {
  ResponseParser parser;
  parser.setNoBody(true);
  EXPECT_EQ(feed(parser, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"), ParseEvent::kMessage);
}

TEST(ResponseParserTest, RejectsMalformedAndOversizedResponses) {
  ResponseParser bad;
  EXPECT_EQ(feed(bad, "SMTP ready\r\n"), ParseEvent::kError);
  EXPECT_EQ(bad.error(), ResponseParseError::kMalformed);
  ResponseParser big(/*max_body_bytes=*/4);
  EXPECT_EQ(feed(big, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), ParseEvent::kError);
  EXPECT_EQ(big.error(), ResponseParseError::kTooLarge);
}

TEST(SerializeTest, ResponseCarriesComputedFramingAndDropsInjectedFields) {
  Response response{.status = 404,
                    .headers = {{"Content-Type", "text/plain"},
                                {"content-length", "999"},
                                {"x-evil", "a\r\nset-cookie: pwned"}},
                    .body = "nope"};
  std::string out;
  serializeResponse(response, /*keep_alive=*/false, 1, /*head_request=*/false, out);
  EXPECT_EQ(out,
            "HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\ncontent-length: 4\r\n"
            "connection: close\r\n\r\nnope");
}

TEST(SerializeTest, ResponseToHttp10KeepAliveAndHeadRequests) {
  std::string out;
  serializeResponse(Response{.status = 200, .headers = {}, .body = "abc"}, true, 0,
                    /*head_request=*/true, out);
  EXPECT_EQ(out, "HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: keep-alive\r\n\r\n");
  out.clear();
  serializeResponse(Response{.status = 204, .headers = {}, .body = "ignored"}, true, 1, false, out);
  EXPECT_EQ(out, "HTTP/1.1 204 No Content\r\n\r\n");
}

TEST(SerializeTest, RequestGetsHostAndContentLength) {
  Request request{.method = "POST",
                  .target = "/graphql",
                  .headers = {{"content-type", "application/json"}},
                  .body = "{}"};
  std::string out;
  serializeRequest(request, "products:4001", out);
  EXPECT_EQ(out,
            "POST /graphql HTTP/1.1\r\nhost: products:4001\r\ncontent-type: application/json\r\n"
            "content-length: 2\r\n\r\n{}");
  // And what the server side parses back is what was sent.
  RequestParser parser;
  EXPECT_EQ(parser.parse(out).event, ParseEvent::kMessage);
  Request back = parser.takeRequest();
  EXPECT_EQ(back.body, "{}");
  EXPECT_EQ(back.headers.get("host"), "products:4001");
}

TEST(HttpDateTest, FormatsImfFixdate) {
  EXPECT_EQ(httpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
}

}  // namespace
}  // namespace plexus::http
