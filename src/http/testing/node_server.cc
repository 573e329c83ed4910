#include "src/http/testing/node_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string_view>

extern char** environ;

namespace plexus::http::testing {

bool NodeServer::nodeAvailable() { return std::system("command -v node >/dev/null 2>&1") == 0; }

NodeServer::NodeServer(const std::string& script, const std::vector<std::string>& args) {
  int out[2];
  int in[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(in, O_CLOEXEC) != 0) {
    error_ = "pipe failed";
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  std::vector<std::string> argv_strings = {"node", script};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int spawned = posix_spawnp(&pid_, "node", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  stdin_fd_ = in[1];
  if (spawned != 0) {
    pid_ = -1;
    ::close(out[0]);
    error_ = "cannot start node";
    return;
  }
  std::string line;
  constexpr std::string_view kReady = "listening ";
  while (line.find('\n') == std::string::npos) {
    pollfd poll_fd{out[0], POLLIN, 0};
    char buffer[256];
    ssize_t n = ::poll(&poll_fd, 1, 10'000) == 1 ? ::read(out[0], buffer, sizeof buffer) : -1;
    if (n <= 0) break;
    line.append(buffer, static_cast<size_t>(n));
  }
  ::close(out[0]);
  if (line.starts_with(kReady) && line.find('\n') != std::string::npos) {
    address_ = line.substr(kReady.size(), line.find('\n') - kReady.size());
  } else {
    error_ = "node did not start " + script + ": '" + line + "'";
  }
}

NodeServer::~NodeServer() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

uint16_t NodeServer::port() const { return static_cast<uint16_t>(std::atoi(address_.c_str())); }

}  // namespace plexus::http::testing
