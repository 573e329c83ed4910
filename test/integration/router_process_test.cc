// The `router` binary as the audit and the benchmark run it: flags, the startup line on stderr,
// the ping, and a prompt exit on SIGTERM.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "src/http/testing/client_runner.h"
#include "test/integration/integration_support.h"

extern char** environ;

namespace plexus::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A child process with its stderr on a pipe.
class RouterProcess {
 public:
  explicit RouterProcess(const std::vector<std::string>& args) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> argv;
    std::string binary = PLEXUS_ROUTER_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
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
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }

  // Sends `signal` and waits up to `timeout` for the exit; returns the exit status.
  std::optional<int> stop(int signal, Clock::duration timeout) {
    kill(pid_, signal);
    Clock::time_point deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (exited()) return exit_status_;
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }

  std::optional<int> waitForExit(Clock::duration timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (Clock::now() < deadline && !exited()) std::this_thread::sleep_for(10ms);
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

std::string writeFile(const std::string& name, const std::string& contents) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << contents;
  return path;
}

TEST(RouterProcessTest, ServesThePingFromTheAuditCommandLineAndExitsPromptlyOnSigterm) {
  FakeSubgraph accounts(kAccountsReply);
  std::string supergraph =
      writeFile("router_process_supergraph.graphql", integrationSupergraphSdl());
  std::string config = writeFile("router_process_router.yaml",
                                 "supergraph:\n  listen: 127.0.0.1:0\noverride_subgraph_url:\n"
                                 "  a: " +
                                     accounts.url() + "\n");
  Clock::time_point started = Clock::now();
  RouterProcess router({"--supergraph", supergraph, "--config", config});
  auto listening = router.waitForLine(std::regex(R"(listening on http://127\.0\.0\.1:(\d+)/)"), 5s);
  ASSERT_TRUE(listening) << router.log();
  EXPECT_LT(Clock::now() - started, 2s) << "the audit pings for about 2 s after the start";
  std::string url = "http://127.0.0.1:" + (*listening)[1].str() + "/";

  http::testing::ClientRunner client;
  http::ClientRequest ping{.url = url};
  ping.request.headers.add("content-type", "application/json");
  ping.request.headers.add("accept", "application/json");
  ping.request.body = R"({"operationName":"ping","query":"query ping { __typename }"})";
  http::ClientResult pong = client.fetch(std::move(ping));
  ASSERT_TRUE(pong.ok()) << pong.error().message;
  EXPECT_EQ(pong.response().body, R"({"data":{"__typename":"Query"}})");

  http::ClientRequest query{.url = url};
  query.request.headers.add("content-type", "application/json");
  query.request.body = R"({"query":"{ me { name } }"})";
  http::ClientResult answer = client.fetch(std::move(query));
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(answer.response().body, R"({"data":{"me":{"name":"Ada"}}})");

  Clock::time_point stopping = Clock::now();
  EXPECT_EQ(router.stop(SIGTERM, 5s), 0) << router.log();
  EXPECT_LT(Clock::now() - stopping, 5s);
}

TEST(RouterProcessTest, ReadsTheSupergraphPathFromTheEnvironmentAndFailsOnABadOne) {
  std::string bad = writeFile("router_process_bad.graphql", "type Query { a: Int }\n");
  setenv("APOLLO_ROUTER_SUPERGRAPH_PATH", bad.c_str(), 1);
  RouterProcess router({});
  unsetenv("APOLLO_ROUTER_SUPERGRAPH_PATH");
  EXPECT_EQ(router.waitForExit(5s), 1);
  std::string log = router.log();
  EXPECT_NE(log.find("invalid supergraph"), std::string::npos) << log;
  EXPECT_NE(log.find(bad + ":"), std::string::npos) << "errors name file:line:col\n" << log;
}

TEST(RouterProcessTest, RejectsAnUnknownConfigurationKeyAtStartup) {
  std::string supergraph =
      writeFile("router_process_supergraph2.graphql", integrationSupergraphSdl());
  std::string config = writeFile("router_process_bad.yaml", "supergraph:\n  lisen: 1\n");
  RouterProcess router({"-s", supergraph, "-c", config});
  EXPECT_EQ(router.waitForExit(5s), 1);
  std::string log = router.log();
  EXPECT_NE(log.find(config + ":2:3: supergraph.lisen: unknown key"), std::string::npos) << log;
}

}  // namespace
}  // namespace plexus::test
