// Test-only blocking TCP helpers on plain POSIX sockets, so HTTP tests can speak exact bytes on
// either side of the code under test: a RawConnection (a scripted client, or the accepted side of
// a ScriptedServer) and a ScriptedServer (a listener on 127.0.0.1 that runs a script per
// connection on its own thread).
//
//   ScriptedServer upstream([](RawConnection& peer) {
//     peer.readRequest();
//     peer.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
//   });
//   RawConnection client = RawConnection::connect(upstream.port());
//
// Every blocking read has a safety timeout (5 s) so a broken test fails instead of hanging; no
// test relies on it for its result. A RawConnection belongs to one thread at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "src/http/message.h"

namespace plexus::http::testing {

// A blocking TCP connection to 127.0.0.1:port with TCP_NODELAY and the safety timeouts on reads
// and writes; -1 when the connect fails.
int connectLoopback(uint16_t port);

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; aborts the test process on failure (tests only).
  static RawConnection connect(uint16_t port);
  // Whether a TCP connection to 127.0.0.1:port is accepted right now.
  static bool canConnect(uint16_t port);

  // With `owns_fd` false, close() only shuts the socket down; the creator closes the fd.
  explicit RawConnection(int fd, bool owns_fd = true);
  ~RawConnection();
  RawConnection(RawConnection&& other) noexcept;
  RawConnection& operator=(RawConnection&&) = delete;

  // Writes all bytes; false when the peer is gone.
  bool write(std::string_view bytes);
  // Reads one response (client side) or one request (server side). nullopt on EOF, error or a
  // malformed message. Bytes after the message stay buffered for the next call.
  std::optional<Response> readResponse(bool head_request = false);
  std::optional<Request> readRequest();
  // Reads until `delimiter` has arrived; returns the bytes up to and including it ("" on EOF).
  std::string readUntil(std::string_view delimiter);
  // Reads until the peer closes; returns what arrived (including anything buffered).
  std::string readUntilClose();
  // True when the peer closed (EOF or reset) within the safety timeout.
  bool waitForClose();
  void shutdownWrite();
  void close();
  int fd() const { return fd_; }

 private:
  // Appends to buffer_; 0 on EOF, -1 on error.
  long readMore();
  int fd_ = -1;
  bool owns_fd_ = true;
  std::string buffer_;
};

class ScriptedServer {
 public:
  using Script = std::function<void(RawConnection& peer)>;
  // Runs `script` for each accepted connection (one thread each); the connection closes when the
  // script returns.
  explicit ScriptedServer(Script script);
  ~ScriptedServer();

  uint16_t port() const { return port_; }
  int accepted() const { return accepted_.load(); }
  // Blocks until `count` scripts have returned and their connections were shut down.
  void waitForFinishedScripts(int count);

 private:
  void acceptLoop();
  Script script_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable script_finished_;
  int finished_ = 0;
  std::vector<int> peer_fds_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace plexus::http::testing
