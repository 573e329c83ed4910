// Test support: the `router` binary as a child process (PLEXUS_ROUTER_BINARY), with its stderr and
// stdout (the log) on a pipe to wait for log lines, and writeFile for its supergraph and
// router.yaml.
//
//   RouterProcess router({"--supergraph", sdl_path, "--config", yaml_path});
//   auto listening = router.waitForLine(std::regex(R"(listening on http://[^:]+:(\d+)/)"), 5s);
//   ...
//   EXPECT_EQ(router.stop(SIGTERM, 5s), 0) << router.log();
//
// Header-only; tests only. The child inherits the environment (setenv before constructing).
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "src/common/testing/temp_files.h"

extern char** environ;

namespace plexus::test {

// A child process with its stderr on a pipe.
class RouterProcess {
 public:
#ifdef PLEXUS_ROUTER_BINARY
  explicit RouterProcess(const std::vector<std::string>& args)
      : RouterProcess(PLEXUS_ROUTER_BINARY, args) {}
#endif
  // Any program (a test server, a coprocessor) with the same pipes.
  RouterProcess(std::string binary, const std::vector<std::string>& args) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);  // the log is on stdout
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> argv;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawnp(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    stderr_fd_ = fds[0];
    fcntl(stderr_fd_, F_SETFL, O_NONBLOCK);
  }

  ~RouterProcess() {
    if (pid_ > 0 && !exit_status_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(stderr_fd_);
  }

  using Clock = std::chrono::steady_clock;

  // Reads stderr until `pattern` matches a line (or `timeout` passes); returns the match groups.
  std::optional<std::smatch> waitForLine(const std::regex& pattern, Clock::duration timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      char chunk[4096];
      ssize_t n = read(stderr_fd_, chunk, sizeof chunk);
      if (n > 0) {
        output_.append(chunk, static_cast<size_t>(n));
      } else if (n == 0 || exited()) {
        break;
      }
      size_t line_start = 0;
      for (size_t end; (end = output_.find('\n', line_start)) != std::string::npos;
           line_start = end + 1) {
        lines_.push_back(output_.substr(line_start, end - line_start));
        std::smatch match;
        if (std::regex_search(lines_.back(), match, pattern)) {
          output_.erase(0, end + 1);
          return match;
        }
      }
      output_.erase(0, line_start);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
  }

  // Sends `signal` and waits up to `timeout` for the exit; returns the exit status.
  std::optional<int> stop(int signal, Clock::duration timeout) {
    kill(pid_, signal);
    Clock::time_point deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (exited()) return exit_status_;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
  }

  pid_t pid() const { return pid_; }
  void sendSignal(int signal) { kill(pid_, signal); }

  // Waits up to `timeout` for the exit; returns the exit status (nullopt: still running).
  std::optional<int> waitForExit(Clock::duration timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (Clock::now() < deadline && !exited()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return exit_status_;
  }

  // Everything written to stderr so far.
  std::string log() {
    char chunk[4096];
    ssize_t n;
    while ((n = read(stderr_fd_, chunk, sizeof chunk)) > 0) output_.append(chunk, n);
    std::string all;
    for (const std::string& line : lines_) all += line + "\n";
    return all + output_;
  }

 private:
  bool exited() {
    if (exit_status_) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return true;
    }
    return false;
  }

  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  std::string output_;
  std::vector<std::string> lines_;
  std::optional<int> exit_status_;
};

}  // namespace plexus::test
