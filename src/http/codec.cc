#include "src/http/codec.h"

#include <llhttp.h>

#include <charconv>
#include <cstdio>
#include <ctime>

namespace plexus::http {
namespace {

std::string_view trimTrailingOws(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool hasForbiddenChar(std::string_view s) {
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return true;
  }
  return false;
}

// Framing fields the serializers compute themselves.
bool isFramingField(std::string_view lower_name) {
  return lower_name == "content-length" || lower_name == "transfer-encoding" ||
         lower_name == "connection";
}

void appendNumber(std::string& out, size_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

void appendFields(const Headers& headers, std::string& out) {
  for (const auto& [name, value] : headers) {
    if (name.empty() || isFramingField(name) || hasForbiddenChar(name) || hasForbiddenChar(value)) {
      continue;
    }
    out.append(name).append(": ").append(value).append("\r\n");
  }
}

// Returns the current llhttp input offset after a pause, or the whole input otherwise.
size_t consumedAfter(const llhttp_t& parser, std::string_view data, llhttp_errno_t err) {
  if (err == HPE_PAUSED) return static_cast<size_t>(llhttp_get_error_pos(&parser) - data.data());
  return data.size();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// RequestParser

struct RequestParser::State {
  llhttp_t parser;
  RequestLimits limits;
  Request request;
  std::string field_name;
  std::string field_value;
  ParsePhase phase = ParsePhase::kIdle;
  // Bytes of the current head fed to llhttp so far (from the end of the previous message, so
  // stray CRLFs between messages count too). parse() feeds at most max_header_bytes of a head,
  // so the 431 comes at the same byte however the input is split.
  size_t head_bytes = 0;
  bool head_done = false;  // set (with a pause) where the head ends, for head_bytes
  bool message_done = false;
  bool expect_continue = false;
  bool keep_alive = false;
  int error_status = 0;
  std::string error_reason;

  int fail(int status, std::string reason) {
    error_status = status;
    error_reason = std::move(reason);
    return -1;
  }

  static State& of(llhttp_t* p) { return *static_cast<State*>(p->data); }

  static int onMessageBegin(llhttp_t* p) {
    State& s = of(p);
    s.request = Request{};
    s.request.target.clear();
    s.phase = ParsePhase::kHead;
    return 0;
  }
  static int onUrl(llhttp_t* p, const char* at, size_t length) {
    of(p).request.target.append(at, length);
    return 0;
  }
  static int onHeaderField(llhttp_t* p, const char* at, size_t length) {
    of(p).field_name.append(at, length);
    return 0;
  }
  static int onHeaderValue(llhttp_t* p, const char* at, size_t length) {
    of(p).field_value.append(at, length);
    return 0;
  }
  static int onHeaderValueComplete(llhttp_t* p) {
    State& s = of(p);
    if (s.request.headers.size() >= s.limits.max_headers) {
      return s.fail(431, "too many request header fields");
    }
    s.request.headers.add(s.field_name, trimTrailingOws(s.field_value));
    s.field_name.clear();
    s.field_value.clear();
    return 0;
  }
  static int onHeadersComplete(llhttp_t* p) {
    State& s = of(p);
    s.request.method = llhttp_method_name(static_cast<llhttp_method_t>(llhttp_get_method(p)));
    s.request.version_minor = llhttp_get_http_minor(p);
    s.phase = ParsePhase::kBody;
    if ((p->flags & F_CONTENT_LENGTH) && p->content_length > s.limits.max_body_bytes) {
      return s.fail(413, "request body larger than the limit");
    }
    s.expect_continue =
        s.request.version_minor >= 1 && s.request.headers.hasToken("expect", "100-continue");
    s.head_done = true;
    return HPE_PAUSED;  // parse() notes where the head ended, then resumes
  }
  static int onBody(llhttp_t* p, const char* at, size_t length) {
    State& s = of(p);
    if (s.request.body.size() + length > s.limits.max_body_bytes) {
      return s.fail(413, "request body larger than the limit");
    }
    s.request.body.append(at, length);
    return 0;
  }
  static int onMessageComplete(llhttp_t* p) {
    State& s = of(p);
    if (llhttp_get_upgrade(p)) {
      // No protocol switch is offered (WebSocket subscriptions come later). CONNECT cannot be
      // answered at all; any other request is answered without upgrading, then the connection
      // closes, since the client may already be sending bytes of the other protocol.
      if (llhttp_get_method(p) == HTTP_CONNECT) return s.fail(501, "CONNECT is not supported");
      s.keep_alive = false;
    } else {
      s.keep_alive = llhttp_should_keep_alive(p) != 0;
    }
    s.message_done = true;
    s.phase = ParsePhase::kIdle;
    return HPE_PAUSED;
  }

  static const llhttp_settings_t& settings() {
    static const llhttp_settings_t kSettings = [] {
      llhttp_settings_t s;
      llhttp_settings_init(&s);
      s.on_message_begin = onMessageBegin;
      s.on_url = onUrl;
      s.on_header_field = onHeaderField;
      s.on_header_value = onHeaderValue;
      s.on_header_value_complete = onHeaderValueComplete;
      s.on_headers_complete = onHeadersComplete;
      s.on_body = onBody;
      s.on_message_complete = onMessageComplete;
      return s;
    }();
    return kSettings;
  }
};

RequestParser::RequestParser(RequestLimits limits) : state_(std::make_unique<State>()) {
  state_->limits = limits;
  llhttp_init(&state_->parser, HTTP_REQUEST, &State::settings());
  state_->parser.data = state_.get();
}

RequestParser::~RequestParser() = default;
RequestParser::RequestParser(RequestParser&&) noexcept = default;
RequestParser& RequestParser::operator=(RequestParser&&) noexcept = default;

ParseResult RequestParser::parse(std::string_view data) {
  State& s = *state_;
  if (s.error_status != 0) return {ParseEvent::kError, 0};
  if (data.empty()) return {ParseEvent::kNeedMore, 0};
  s.message_done = false;
  s.expect_continue = false;
  size_t consumed = 0;
  for (;;) {
    std::string_view slice = data.substr(consumed);
    const bool in_head = s.phase != ParsePhase::kBody;
    bool capped = false;
    if (in_head && slice.size() > s.limits.max_header_bytes - s.head_bytes) {
      slice = slice.substr(0, s.limits.max_header_bytes - s.head_bytes);
      capped = true;
    }
    llhttp_errno_t err = llhttp_execute(&s.parser, slice.data(), slice.size());
    size_t used = consumedAfter(s.parser, slice, err);
    consumed += used;
    if (in_head) s.head_bytes += used;
    if (err == HPE_PAUSED) {
      llhttp_resume(&s.parser);
      if (s.message_done) {
        s.head_bytes = 0;
        return {ParseEvent::kMessage, consumed};
      }
      if (s.head_done) {
        s.head_done = false;
        s.head_bytes = 0;
        if (s.expect_continue) return {ParseEvent::kExpectContinue, consumed};
        continue;  // the body, or the end of the message, follows in the same input
      }
      return {ParseEvent::kNeedMore, consumed};
    }
    if (err == HPE_OK) {
      // The head used its whole budget and more bytes wait: it is too large.
      if (capped) {
        s.fail(431, "request head too large");
        return {ParseEvent::kError, consumed};
      }
      return {ParseEvent::kNeedMore, consumed};
    }
    if (s.error_status == 0) {
      s.error_status = 400;
      s.error_reason = llhttp_get_error_reason(&s.parser);
    }
    return {ParseEvent::kError, consumed};
  }
}

Request RequestParser::takeRequest() { return std::move(state_->request); }
bool RequestParser::keepAlive() const { return state_->keep_alive; }
int RequestParser::errorStatus() const { return state_->error_status; }
std::string_view RequestParser::errorReason() const { return state_->error_reason; }
ParsePhase RequestParser::phase() const { return state_->phase; }

// ---------------------------------------------------------------------------------------------
// ResponseParser

struct ResponseParser::State {
  llhttp_t parser;
  size_t max_body_bytes = 0;
  size_t max_header_bytes = 0;
  Response response;
  std::string field_name;
  std::string field_value;
  size_t head_bytes = 0;
  bool no_body = false;
  bool started = false;
  bool message_done = false;
  bool keep_alive = false;
  ResponseParseError error = ResponseParseError::kNone;
  std::string error_reason;

  int fail(ResponseParseError kind, std::string reason) {
    error = kind;
    error_reason = std::move(reason);
    return -1;
  }
  int countHead(size_t length) {
    head_bytes += length;
    if (head_bytes > max_header_bytes) {
      return fail(ResponseParseError::kTooLarge, "response head too large");
    }
    return 0;
  }

  static State& of(llhttp_t* p) { return *static_cast<State*>(p->data); }

  static int onMessageBegin(llhttp_t* p) {
    State& s = of(p);
    s.response = Response{};
    s.head_bytes = 0;
    return 0;
  }
  static int onStatus(llhttp_t* p, const char*, size_t length) { return of(p).countHead(length); }
  static int onHeaderField(llhttp_t* p, const char* at, size_t length) {
    State& s = of(p);
    s.field_name.append(at, length);
    return s.countHead(length);
  }
  static int onHeaderValue(llhttp_t* p, const char* at, size_t length) {
    State& s = of(p);
    s.field_value.append(at, length);
    return s.countHead(length);
  }
  static int onHeaderValueComplete(llhttp_t* p) {
    State& s = of(p);
    if (s.countHead(4) != 0) return -1;  // ": " and CRLF, once per field
    s.response.headers.add(s.field_name, trimTrailingOws(s.field_value));
    s.field_name.clear();
    s.field_value.clear();
    return 0;
  }
  static int onHeadersComplete(llhttp_t* p) {
    State& s = of(p);
    s.response.status = llhttp_get_status_code(p);
    if ((p->flags & F_CONTENT_LENGTH) && p->content_length > s.max_body_bytes) {
      return s.fail(ResponseParseError::kTooLarge, "response body larger than the limit");
    }
    return s.no_body ? 1 : 0;  // 1: this message has no body
  }
  static int onBody(llhttp_t* p, const char* at, size_t length) {
    State& s = of(p);
    if (s.response.body.size() + length > s.max_body_bytes) {
      return s.fail(ResponseParseError::kTooLarge, "response body larger than the limit");
    }
    s.response.body.append(at, length);
    return 0;
  }
  static int onMessageComplete(llhttp_t* p) {
    State& s = of(p);
    int status = s.response.status;
    if (status >= 100 && status < 200 && status != 101) return 0;  // interim: keep reading
    s.message_done = true;
    s.keep_alive = llhttp_should_keep_alive(p) != 0;
    return HPE_PAUSED;
  }

  static const llhttp_settings_t& settings() {
    static const llhttp_settings_t kSettings = [] {
      llhttp_settings_t s;
      llhttp_settings_init(&s);
      s.on_message_begin = onMessageBegin;
      s.on_status = onStatus;
      s.on_header_field = onHeaderField;
      s.on_header_value = onHeaderValue;
      s.on_header_value_complete = onHeaderValueComplete;
      s.on_headers_complete = onHeadersComplete;
      s.on_body = onBody;
      s.on_message_complete = onMessageComplete;
      return s;
    }();
    return kSettings;
  }

  ParseResult failed(llhttp_errno_t err, size_t consumed) {
    if (error == ResponseParseError::kNone) {
      error = ResponseParseError::kMalformed;
      error_reason = llhttp_get_error_reason(&parser);
    }
    return {ParseEvent::kError, consumed};
  }
};

ResponseParser::ResponseParser(size_t max_body_bytes, size_t max_header_bytes)
    : state_(std::make_unique<State>()) {
  state_->max_body_bytes = max_body_bytes;
  state_->max_header_bytes = max_header_bytes;
  llhttp_init(&state_->parser, HTTP_RESPONSE, &State::settings());
  state_->parser.data = state_.get();
}

ResponseParser::~ResponseParser() = default;
ResponseParser::ResponseParser(ResponseParser&&) noexcept = default;
ResponseParser& ResponseParser::operator=(ResponseParser&&) noexcept = default;

void ResponseParser::setNoBody(bool no_body) { state_->no_body = no_body; }

ParseResult ResponseParser::parse(std::string_view data) {
  State& s = *state_;
  if (s.error != ResponseParseError::kNone) return {ParseEvent::kError, 0};
  if (data.empty()) return {ParseEvent::kNeedMore, 0};
  s.started = true;
  s.message_done = false;
  llhttp_errno_t err = llhttp_execute(&s.parser, data.data(), data.size());
  size_t consumed = consumedAfter(s.parser, data, err);
  if (err == HPE_PAUSED) {
    llhttp_resume(&s.parser);
    return {s.message_done ? ParseEvent::kMessage : ParseEvent::kNeedMore, consumed};
  }
  if (err == HPE_OK) return {ParseEvent::kNeedMore, consumed};
  return s.failed(err, consumed);
}

ParseResult ResponseParser::finish() {
  State& s = *state_;
  if (s.error != ResponseParseError::kNone) return {ParseEvent::kError, 0};
  if (!s.started) {
    s.error = ResponseParseError::kTruncated;
    s.error_reason = "connection closed before a response";
    return {ParseEvent::kError, 0};
  }
  s.message_done = false;
  llhttp_errno_t err = llhttp_finish(&s.parser);
  if ((err == HPE_OK || err == HPE_PAUSED) && s.message_done) return {ParseEvent::kMessage, 0};
  s.error = ResponseParseError::kTruncated;
  s.error_reason = "connection closed in the middle of a response";
  return {ParseEvent::kError, 0};
}

Response ResponseParser::takeResponse() { return std::move(state_->response); }
bool ResponseParser::keepAlive() const { return state_->keep_alive; }
bool ResponseParser::started() const { return state_->started; }
ResponseParseError ResponseParser::error() const { return state_->error; }
std::string_view ResponseParser::errorReason() const { return state_->error_reason; }

// ---------------------------------------------------------------------------------------------
// Serializers

void serializeResponse(const Response& response, bool keep_alive, int request_version_minor,
                       bool head_request, std::string& out, std::string_view date) {
  int status = response.status;
  bool bodyless_status = (status >= 100 && status < 200) || status == 204 || status == 304;
  out.append("HTTP/1.1 ");
  appendNumber(out, static_cast<size_t>(status));
  out.push_back(' ');
  out.append(reasonPhrase(status));
  out.append("\r\n");
  appendFields(response.headers, out);
  if (!date.empty() && !response.headers.contains("date")) {
    out.append("date: ").append(date).append("\r\n");
  }
  if (!bodyless_status) {
    out.append("content-length: ");
    appendNumber(out, response.body.size());
    out.append("\r\n");
  }
  if (!keep_alive) {
    out.append("connection: close\r\n");
  } else if (request_version_minor == 0) {
    out.append("connection: keep-alive\r\n");
  }
  out.append("\r\n");
  if (!bodyless_status && !head_request) out.append(response.body);
}

void serializeRequest(const Request& request, std::string_view host, std::string& out) {
  out.append(request.method).push_back(' ');
  out.append(request.target.empty() ? "/" : request.target);
  out.append(" HTTP/1.1\r\n");
  if (!request.headers.contains("host")) out.append("host: ").append(host).append("\r\n");
  appendFields(request.headers, out);
  bool body_expected =
      request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
  if (!request.body.empty() || body_expected) {
    out.append("content-length: ");
    appendNumber(out, request.body.size());
    out.append("\r\n");
  }
  out.append("\r\n");
  out.append(request.body);
}

std::string httpDate(long long unix_seconds) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

}  // namespace plexus::http
