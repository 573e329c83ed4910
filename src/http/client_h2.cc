#include "src/http/client_h2.h"

#include <nghttp2/nghttp2.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <charconv>
#include <cstring>
#include <string_view>

namespace plexus::http {

namespace {

// Flow-control windows we grant the server (RFC 9113 §6.9.2): large enough that a response of a
// few MiB streams without waiting on WINDOW_UPDATE round trips.
constexpr int32_t kStreamWindow = 4 * 1024 * 1024;
constexpr int32_t kConnectionWindow = 16 * 1024 * 1024;
// Frames gathered into one socket write.
constexpr size_t kWriteChunkBytes = 64 * 1024;

// Connection-specific fields HTTP/2 forbids (RFC 9113 §8.2.2), and those the pseudo-headers or
// the client replace.
bool droppedRequestHeader(std::string_view name) {
  for (std::string_view dropped : {"connection", "keep-alive", "proxy-connection",
                                   "transfer-encoding", "upgrade", "host", "content-length"}) {
    if (name == dropped) return true;
  }
  return false;
}

nghttp2_nv field(std::string_view name, std::string_view value) {
  return nghttp2_nv{reinterpret_cast<uint8_t*>(const_cast<char*>(name.data())),
                    reinterpret_cast<uint8_t*>(const_cast<char*>(value.data())), name.size(),
                    value.size(), NGHTTP2_NV_FLAG_NONE};
}

}  // namespace

struct Http2Session::Stream {
  int32_t id = -1;
  std::string body;  // the request body, sent by the data provider
  size_t body_sent = 0;
  bool reused = false;
  bool headers_sent = false;  // our HEADERS went out
  Response response;
  size_t header_bytes = 0;
  bool final_status = false;  // a non-1xx :status arrived
  bool skip_block = false;    // the current header block is a 1xx response or trailers
  bool any_byte = false;      // any frame of the response arrived
  bool end_stream = false;    // END_STREAM arrived
  bool done = false;
  std::optional<Failure> failure;
  bool retry = false;
  asio::steady_timer* wake = nullptr;  // the exchange waiting on it
};

// nghttp2's callbacks, with the session as user data. Each returns 0 (or a nghttp2 error code).
struct Http2Callbacks {
  static Http2Session& session(void* user_data) { return *static_cast<Http2Session*>(user_data); }
  static Http2Session::Stream* stream(void* user_data, int32_t id) {
    auto& streams = session(user_data).streams_;
    auto it = streams.find(id);
    return it == streams.end() ? nullptr : it->second.get();
  }

  static int onBeginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
    if (Http2Session::Stream* s = stream(user_data, frame->hd.stream_id)) {
      s->any_byte = true;
      s->skip_block = s->final_status;  // trailers: not part of http::Response
    }
    return 0;
  }

  static int onHeader(nghttp2_session* ng, const nghttp2_frame* frame, const uint8_t* name,
                      size_t name_size, const uint8_t* value, size_t value_size, uint8_t,
                      void* user_data) {
    Http2Session::Stream* s = stream(user_data, frame->hd.stream_id);
    if (!s || s->done) return 0;
    std::string_view n(reinterpret_cast<const char*>(name), name_size);
    std::string_view v(reinterpret_cast<const char*>(value), value_size);
    s->header_bytes += name_size + value_size + 32;  // RFC 9113 §6.5.2's field size
    if (s->header_bytes > session(user_data).limits_.max_response_header_bytes) {
      s->failure = Failure{ClientErrorCode::kResponseTooLarge, "response headers too large"};
      session(user_data).finish(*s);
      nghttp2_submit_rst_stream(ng, NGHTTP2_FLAG_NONE, s->id, NGHTTP2_CANCEL);
      return 0;
    }
    if (n == ":status") {
      int status = 0;
      std::from_chars(v.data(), v.data() + v.size(), status);
      s->skip_block = status < 200;  // an interim 1xx response (RFC 9113 §8.1)
      if (!s->skip_block) {
        s->final_status = true;
        s->response.status = status;
      }
    } else if (!s->skip_block && !n.starts_with(':')) {
      s->response.headers.add(n, v);
    }
    return 0;
  }

  static int onDataChunk(nghttp2_session* ng, uint8_t, int32_t id, const uint8_t* data, size_t size,
                         void* user_data) {
    Http2Session::Stream* s = stream(user_data, id);
    if (!s || s->done) return 0;
    s->any_byte = true;
    if (s->response.body.size() + size > session(user_data).limits_.max_response_bytes) {
      s->failure = Failure{ClientErrorCode::kResponseTooLarge, "response body over the limit"};
      session(user_data).finish(*s);
      nghttp2_submit_rst_stream(ng, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
      return 0;
    }
    s->response.body.append(reinterpret_cast<const char*>(data), size);
    return 0;
  }

  static int onFrameRecv(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
    if (frame->hd.type == NGHTTP2_GOAWAY) {
      session(user_data).markUnusable();
      return 0;
    }
    const bool ends = (frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) &&
                      (frame->hd.flags & NGHTTP2_FLAG_END_STREAM);
    if (ends) {
      if (Http2Session::Stream* s = stream(user_data, frame->hd.stream_id)) s->end_stream = true;
    }
    return 0;
  }

  static int onFrameSend(nghttp2_session*, const nghttp2_frame* frame, void* user_data) {
    if (frame->hd.type == NGHTTP2_HEADERS) {
      if (Http2Session::Stream* s = stream(user_data, frame->hd.stream_id)) s->headers_sent = true;
    }
    return 0;
  }

  // Our HEADERS could not go out (GOAWAY arrived first, no stream ids left): never sent.
  static int onFrameNotSend(nghttp2_session*, const nghttp2_frame* frame, int error,
                            void* user_data) {
    if (frame->hd.type != NGHTTP2_HEADERS) return 0;
    Http2Session& self = session(user_data);
    auto it = self.streams_.find(frame->hd.stream_id);
    if (it == self.streams_.end()) return 0;
    std::shared_ptr<Http2Session::Stream> s = it->second;
    self.streams_.erase(it);
    if (!s->done) {
      s->failure = Failure{ClientErrorCode::kConnectionClosed,
                           "stream not started: " + std::string(nghttp2_strerror(error))};
      s->retry = true;
      self.finish(*s);
    }
    return 0;
  }

  static int onStreamClose(nghttp2_session*, int32_t id, uint32_t error_code, void* user_data) {
    Http2Session& self = session(user_data);
    auto it = self.streams_.find(id);
    if (it == self.streams_.end()) return 0;
    std::shared_ptr<Http2Session::Stream> s = it->second;
    self.streams_.erase(it);
    if (self.streams_.empty()) self.idle_since_ = Http2Session::Clock::now();
    if (s->done) return 0;
    if (s->end_stream && s->final_status) {
      // complete
    } else if (error_code == NGHTTP2_REFUSED_STREAM) {
      s->failure = Failure{ClientErrorCode::kConnectionClosed, "the server refused the stream"};
      s->retry = true;
    } else if (!s->any_byte) {
      s->failure = Failure{ClientErrorCode::kConnectionClosed,
                           "stream reset before a response (" +
                               std::string(nghttp2_http2_strerror(error_code)) + ")"};
    } else {
      s->failure = Failure{ClientErrorCode::kTruncatedBody,
                           "response cut short: stream reset (" +
                               std::string(nghttp2_http2_strerror(error_code)) + ")"};
    }
    self.finish(*s);
    return 0;
  }

  static ssize_t readBody(nghttp2_session*, int32_t, uint8_t* buffer, size_t size, uint32_t* flags,
                          nghttp2_data_source* source, void*) {
    auto* s = static_cast<Http2Session::Stream*>(source->ptr);
    size_t n = std::min(size, s->body.size() - s->body_sent);
    std::memcpy(buffer, s->body.data() + s->body_sent, n);
    s->body_sent += n;
    if (s->body_sent == s->body.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }

  static nghttp2_session_callbacks* make() {
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, onBeginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, onHeader);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, onDataChunk);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, onFrameRecv);
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, onFrameSend);
    nghttp2_session_callbacks_set_on_frame_not_send_callback(callbacks, onFrameNotSend);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, onStreamClose);
    return callbacks;
  }
};

Http2Session::Http2Session(asio::io_context& io, Limits limits,
                           std::function<void(Http2Session*)> on_unusable)
    : io_(io), limits_(limits), on_unusable_(std::move(on_unusable)) {
  static nghttp2_session_callbacks* const callbacks = Http2Callbacks::make();
  nghttp2_session_client_new(&session_, callbacks, this);
}

Http2Session::~Http2Session() {
  nghttp2_session_del(session_);
  if (transport_) transport_->close();
}

void Http2Session::start(std::unique_ptr<Transport> transport) {
  transport_ = std::move(transport);
  state_ = State::kOpen;
  const nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<uint32_t>(kStreamWindow)},
      {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE,
       static_cast<uint32_t>(limits_.max_response_header_bytes)},
  };
  nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings, std::size(settings));
  nghttp2_session_set_local_window_size(session_, NGHTTP2_FLAG_NONE, 0, kConnectionWindow);
  wakeWaiters();
}

void Http2Session::abandon(std::optional<Failure> failure) {
  state_ = failure ? State::kFailed : State::kFellBack;
  if (failure) connect_failure_ = std::move(*failure);
  markUnusable();
  wakeWaiters();
}

void Http2Session::wakeWaiters() {
  for (asio::steady_timer* waiter : waiters_) waiter->cancel();
  waiters_.clear();
}

asio::awaitable<void> Http2Session::waitReady(Clock::time_point until) {
  if (state_ != State::kConnecting) co_return;
  std::shared_ptr<Http2Session> self = shared_from_this();
  asio::steady_timer timer(io_, until);
  waiters_.push_back(&timer);
  boost::system::error_code ec;
  co_await timer.async_wait(noThrow(ec));
  std::erase(waiters_, &timer);
}

bool Http2Session::usable() {
  return state_ == State::kOpen && !unusable_ && nghttp2_session_check_request_allowed(session_) &&
         !transport_->isDead(/*unsolicited_ok=*/true);
}

void Http2Session::markUnusable() {
  if (unusable_) return;
  unusable_ = true;
  if (on_unusable_) on_unusable_(this);
}

void Http2Session::finish(Stream& stream) {
  stream.done = true;
  if (stream.wake) stream.wake->cancel();
}

void Http2Session::lose(ClientErrorCode code, const std::string& detail) {
  if (state_ != State::kOpen) return;
  state_ = State::kClosed;
  markUnusable();
  transport_->close();
  for (auto& [id, stream] : streams_) {
    if (stream->done) continue;
    stream->retry = !stream->any_byte && (stream->reused || !stream->headers_sent);
    stream->failure = Failure{code == ClientErrorCode::kConnectionClosed && stream->any_byte
                                  ? ClientErrorCode::kTruncatedBody
                                  : code,
                              detail};
    finish(*stream);
  }
  streams_.clear();
}

void Http2Session::close() { lose(ClientErrorCode::kConnectionClosed, "connection closed"); }

void Http2Session::flush() {
  if (writing_ || state_ != State::kOpen || !nghttp2_session_want_write(session_)) return;
  writing_ = true;
  asio::co_spawn(io_, writeLoop(shared_from_this()), asio::detached);
}

void Http2Session::ensureReading() {
  if (reading_ || state_ != State::kOpen) return;
  reading_ = true;
  asio::co_spawn(io_, readLoop(shared_from_this()), asio::detached);
}

void Http2Session::afterIo() {
  if (state_ != State::kOpen) return;
  if (!nghttp2_session_want_read(session_) && !nghttp2_session_want_write(session_)) {
    // GOAWAY either way and every stream closed: nothing more will happen on it.
    state_ = State::kClosed;
    markUnusable();
    transport_->close();
    return;
  }
  if (streams_.empty() && reader_waiting_) reader_cancel_.emit(asio::cancellation_type::terminal);
}

asio::awaitable<void> Http2Session::writeLoop(std::shared_ptr<Http2Session> self) {
  std::string out;
  boost::system::error_code ec;
  while (state_ == State::kOpen) {
    out.clear();
    while (out.size() < kWriteChunkBytes) {
      const uint8_t* data = nullptr;
      ssize_t n = nghttp2_session_mem_send(session_, &data);
      if (n < 0) {
        lose(ClientErrorCode::kConnectionClosed,
             "HTTP/2 send failed: " + std::string(nghttp2_strerror(static_cast<int>(n))));
        break;
      }
      if (n == 0) break;
      out.append(reinterpret_cast<const char*>(data), static_cast<size_t>(n));
    }
    if (out.empty() || state_ != State::kOpen) break;
    co_await transport_->write(asio::buffer(out), ec);
    if (ec) {
      lose(ClientErrorCode::kConnectionClosed, "connection lost: " + ec.message());
      break;
    }
  }
  writing_ = false;
  afterIo();
}

asio::awaitable<void> Http2Session::readLoop(std::shared_ptr<Http2Session> self) {
  std::string buffer(kReadBufferBytes, '\0');
  boost::system::error_code ec;
  while (state_ == State::kOpen && !streams_.empty()) {
    if (!transport_->hasBufferedInput()) {
      reader_waiting_ = true;
      co_await transport_->socket().async_wait(
          ClientSocket::wait_read,
          asio::bind_cancellation_slot(reader_cancel_.slot(), noThrow(ec)));
      reader_waiting_ = false;
      if (state_ != State::kOpen) break;
      if (ec == asio::error::operation_aborted) continue;  // parked: streams_ decides
      if (ec) {
        lose(ClientErrorCode::kConnectionClosed, "connection lost: " + ec.message());
        break;
      }
    }
    size_t n = co_await transport_->readSome(asio::buffer(buffer), ec);
    if (state_ != State::kOpen) break;
    if (ec) {
      lose(ClientErrorCode::kConnectionClosed, "connection lost: " + ec.message());
      break;
    }
    ssize_t consumed =
        nghttp2_session_mem_recv(session_, reinterpret_cast<const uint8_t*>(buffer.data()), n);
    if (consumed < 0) {
      lose(ClientErrorCode::kMalformedResponse,
           "HTTP/2 protocol error: " + std::string(nghttp2_strerror(static_cast<int>(consumed))));
      break;
    }
    flush();
    afterIo();
  }
  reading_ = false;
}

asio::awaitable<Http2Session::Result> Http2Session::exchange(const Request& request,
                                                             const Destination& destination,
                                                             Clock::time_point deadline,
                                                             bool reused) {
  std::shared_ptr<Http2Session> self = shared_from_this();
  if (state_ != State::kOpen || unusable_) {
    co_return Result{
        std::nullopt, {ClientErrorCode::kConnectionClosed, "connection closing"}, true};
  }
  auto stream = std::make_shared<Stream>();
  stream->body = request.body;
  stream->reused = reused;

  // RFC 9113 §8.3.1: pseudo-headers first; field names are already lower case.
  const std::string content_length = std::to_string(request.body.size());
  std::vector<nghttp2_nv> fields = {
      field(":method", request.method), field(":scheme", destination.url.scheme),
      field(":authority", destination.host_header), field(":path", destination.url.target)};
  for (const auto& [name, value] : request.headers) {
    if (droppedRequestHeader(name) || (name == "te" && value != "trailers")) continue;
    fields.push_back(field(name, value));
  }
  const bool has_body = !request.body.empty() || request.method == "POST" ||
                        request.method == "PUT" || request.method == "PATCH";
  if (has_body) fields.push_back(field("content-length", content_length));
  nghttp2_data_provider body{};
  body.source.ptr = stream.get();
  body.read_callback = Http2Callbacks::readBody;
  int32_t id = nghttp2_submit_request(session_, nullptr, fields.data(), fields.size(),
                                      request.body.empty() ? nullptr : &body, stream.get());
  if (id < 0) {
    markUnusable();  // stream ids exhausted, or GOAWAY
    co_return Result{std::nullopt,
                     {ClientErrorCode::kConnectionClosed,
                      "cannot start a stream: " + std::string(nghttp2_strerror(id))},
                     true};
  }
  stream->id = id;
  streams_[id] = stream;
  flush();
  ensureReading();

  asio::steady_timer wake(io_, deadline);
  stream->wake = &wake;
  boost::system::error_code ec;
  if (!stream->done) co_await wake.async_wait(noThrow(ec));
  stream->wake = nullptr;
  if (!stream->done) {
    // The deadline: reset this stream only; the connection carries on.
    stream->done = true;
    if (state_ == State::kOpen) {
      nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, id, NGHTTP2_CANCEL);
      flush();
    }
    co_return Result{std::nullopt, {ClientErrorCode::kTimeout, "timed out"}, false};
  }
  if (stream->failure) co_return Result{std::nullopt, std::move(*stream->failure), stream->retry};
  co_return Result{std::move(stream->response), {}, false};
}

}  // namespace plexus::http
