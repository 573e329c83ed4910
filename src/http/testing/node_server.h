// Test-only: runs a Node.js server script as a child process, for tests against a peer written
// with Node's own protocol stack (e.g. its http2 module, see h2_echo_server.js).
//
//   if (!testing::NodeServer::nodeAvailable()) GTEST_SKIP() << "node is not installed";
//   testing::NodeServer server(script, {"--unix", path});
//   ASSERT_TRUE(server.ok()) << server.error();
//   server.address();   // what the script printed after "listening ": a port or a socket path
//
// The script must print "listening <address>\n" once ready and exit when its stdin closes; the
// destructor closes it, then kills the process (SIGKILL) and reaps it. Waiting for the line has
// a 10 s safety timeout. Single-threaded.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace plexus::http::testing {

class NodeServer {
 public:
  static bool nodeAvailable();

  NodeServer(const std::string& script, const std::vector<std::string>& args);
  ~NodeServer();
  NodeServer(const NodeServer&) = delete;
  NodeServer& operator=(const NodeServer&) = delete;

  bool ok() const { return !address_.empty(); }
  const std::string& error() const { return error_; }
  const std::string& address() const { return address_; }
  uint16_t port() const;

 private:
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  std::string address_;
  std::string error_;
};

}  // namespace plexus::http::testing
