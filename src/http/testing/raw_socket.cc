#include "src/http/testing/raw_socket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "src/http/codec.h"

namespace plexus::http::testing {
namespace {

constexpr int kSafetyTimeoutSeconds = 5;

void setSafetyTimeout(int fd) {
  timeval tv{.tv_sec = kSafetyTimeoutSeconds, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

sockaddr_in loopback(uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

}  // namespace

int connectLoopback(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr = loopback(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setSafetyTimeout(fd);
  return fd;
}

RawConnection RawConnection::connect(uint16_t port) {
  int fd = connectLoopback(port);
  if (fd < 0) {
    std::perror("RawConnection::connect");
    std::abort();
  }
  return RawConnection(fd);
}

bool RawConnection::canConnect(uint16_t port) {
  int fd = connectLoopback(port);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

RawConnection::RawConnection(int fd, bool owns_fd) : fd_(fd), owns_fd_(owns_fd) {}

RawConnection::~RawConnection() { close(); }

RawConnection::RawConnection(RawConnection&& other) noexcept
    : fd_(other.fd_), owns_fd_(other.owns_fd_), buffer_(std::move(other.buffer_)) {
  other.fd_ = -1;
}

bool RawConnection::write(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

long RawConnection::readMore() {
  char chunk[16384];
  for (;;) {
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) buffer_.append(chunk, static_cast<size_t>(n));
    return n;
  }
}

std::optional<Response> RawConnection::readResponse(bool head_request) {
  ResponseParser parser;
  parser.setNoBody(head_request);
  for (;;) {
    if (!buffer_.empty()) {
      ParseResult r = parser.parse(buffer_);
      buffer_.erase(0, r.consumed);
      if (r.event == ParseEvent::kMessage) return parser.takeResponse();
      if (r.event == ParseEvent::kError) return std::nullopt;
    }
    long n = readMore();
    if (n == 0) {
      if (parser.finish().event == ParseEvent::kMessage) return parser.takeResponse();
      return std::nullopt;
    }
    if (n < 0) return std::nullopt;
  }
}

std::optional<Request> RawConnection::readRequest() {
  RequestParser parser;
  for (;;) {
    if (!buffer_.empty()) {
      ParseResult r = parser.parse(buffer_);
      buffer_.erase(0, r.consumed);
      if (r.event == ParseEvent::kMessage) return parser.takeRequest();
      if (r.event == ParseEvent::kError) return std::nullopt;
    }
    if (readMore() <= 0) return std::nullopt;
  }
}

std::string RawConnection::readUntil(std::string_view delimiter) {
  for (;;) {
    if (size_t at = buffer_.find(delimiter); at != std::string::npos) {
      std::string out = buffer_.substr(0, at + delimiter.size());
      buffer_.erase(0, at + delimiter.size());
      return out;
    }
    if (readMore() <= 0) return "";
  }
}

std::string RawConnection::readUntilClose() {
  while (readMore() > 0) {
  }
  return std::exchange(buffer_, std::string());
}

bool RawConnection::waitForClose() {
  for (;;) {
    long n = readMore();
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET || errno == EPIPE;
  }
}

void RawConnection::shutdownWrite() { ::shutdown(fd_, SHUT_WR); }

void RawConnection::close() {
  if (fd_ < 0) return;
  if (owns_fd_) {
    ::close(fd_);
  } else {
    ::shutdown(fd_, SHUT_RDWR);
  }
  fd_ = -1;
}

ScriptedServer::ScriptedServer(Script script) : script_(std::move(script)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr = loopback(0);
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 128) != 0) {
    std::perror("ScriptedServer");
    std::abort();
  }
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { acceptLoop(); });
}

ScriptedServer::~ScriptedServer() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
  acceptor_.join();
  ::close(listen_fd_);
  {
    std::lock_guard lock(mutex_);
    for (int fd : peer_fds_) ::shutdown(fd, SHUT_RDWR);  // wakes scripts blocked in recv()
  }
  for (std::thread& thread : threads_) thread.join();
  for (int fd : peer_fds_) ::close(fd);
}

void ScriptedServer::waitForFinishedScripts(int count) {
  std::unique_lock lock(mutex_);
  script_finished_.wait(lock, [&] { return finished_ >= count; });
}

void ScriptedServer::acceptLoop() {
  for (;;) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (stopping_) {
      ::close(fd);
      return;
    }
    ++accepted_;
    setSafetyTimeout(fd);
    std::lock_guard lock(mutex_);
    peer_fds_.push_back(fd);
    threads_.emplace_back([this, fd] {
      {
        RawConnection peer(fd, /*owns_fd=*/false);
        script_(peer);
      }
      std::lock_guard finished_lock(mutex_);
      ++finished_;
      script_finished_.notify_all();
    });
  }
}

}  // namespace plexus::http::testing
