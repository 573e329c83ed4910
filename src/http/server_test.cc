#include "src/http/server.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "src/common/testing/temp_files.h"
#include "src/http/testing/raw_socket.h"

namespace plexus::http {
namespace {

using namespace std::chrono_literals;
using testing::RawConnection;
using Clock = std::chrono::steady_clock;

ServerOptions testOptions() {
  ServerOptions options;
  options.workers = 2;
  return options;
}

std::unique_ptr<Server> startServer(ServerOptions options, Handler handler) {
  StatusOr<std::unique_ptr<Server>> server = Server::start(std::move(options), std::move(handler));
  if (!server.ok()) {
    ADD_FAILURE() << server.status().message();
    return nullptr;
  }
  return std::move(*server);
}

// Echoes the request back: method and target as headers, the body as the body.
Response echo(Request& request) {
  return Response{.status = 200,
                  .headers = {{"x-method", request.method}, {"x-target", request.target}},
                  .body = std::move(request.body)};
}

std::string get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) +
         "\r\n";
}

std::string post(std::string_view target, std::string_view body) {
  return "POST " + std::string(target) +
         " HTTP/1.1\r\nHost: test\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         std::string(body);
}

TEST(ServerTest, ServesSeveralRequestsOnOneKeepAliveConnection) {
  auto server = startServer(testOptions(), echo);
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());

  ASSERT_TRUE(client.write(get("/first")));
  std::optional<Response> first = client.readResponse();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->headers.get("x-target"), "/first");
  EXPECT_TRUE(first->headers.contains("date"));
  EXPECT_EQ(first->headers.get("content-length"), "0");

  ASSERT_TRUE(client.write(post("/second", "{\"query\":\"{ me }\"}")));
  std::optional<Response> second = client.readResponse();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->headers.get("x-method"), "POST");
  EXPECT_EQ(second->body, "{\"query\":\"{ me }\"}");

  EXPECT_EQ(server->stats().connections_accepted, 1u);
  EXPECT_EQ(server->stats().requests, 2u);
}

TEST(ServerTest, AnswersPipelinedRequestsInRequestOrder) {
  auto server = startServer(testOptions(), echo);
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  // Enough requests, with large enough bodies, that responses go out in several batches.
  constexpr int kRequests = 150;
  std::string wire;
  for (int i = 0; i < kRequests; ++i) {
    wire += i % 2 ? post("/p" + std::to_string(i), std::string(1000, 'a' + i % 26))
                  : get("/g" + std::to_string(i));
  }
  ASSERT_TRUE(client.write(wire));
  for (int i = 0; i < kRequests; ++i) {
    std::optional<Response> response = client.readResponse();
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->headers.get("x-target"), (i % 2 ? "/p" : "/g") + std::to_string(i));
    EXPECT_EQ(response->body.size(), i % 2 ? 1000u : 0u);
  }
  EXPECT_EQ(server->stats().connections_accepted, 1u);
}

TEST(ServerTest, RejectsABodyOverTheLimitWith413AndCloses) {
  std::atomic<int> handled{0};
  ServerOptions options = testOptions();
  options.limits.max_body_bytes = 1000;
  auto server = startServer(options, [&](Request& request) {
    ++handled;
    return echo(request);
  });
  ASSERT_TRUE(server);

  RawConnection declared = RawConnection::connect(server->port());
  ASSERT_TRUE(
      declared.write("POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n" + std::string(2000, 'x')));
  std::optional<Response> response = declared.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->headers.get("connection"), "close");
  EXPECT_TRUE(declared.waitForClose());

  RawConnection chunked = RawConnection::connect(server->port());
  ASSERT_TRUE(chunked.write("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" +
                            std::string(1024, 'y') + "\r\n"));
  response = chunked.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);

  RawConnection at_limit = RawConnection::connect(server->port());
  ASSERT_TRUE(at_limit.write(post("/", std::string(1000, 'z'))));
  response = at_limit.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(handled.load(), 1);
}

TEST(ServerTest, RejectsOversizedHeadersWith431) {
  ServerOptions options = testOptions();
  options.limits.max_header_bytes = 4096;
  auto server = startServer(options, echo);
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(get("/", "Cookie: " + std::string(8000, 'c') + "\r\n")));
  std::optional<Response> response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_TRUE(client.waitForClose());
}

TEST(ServerTest, RejectsMalformedRequestsWith400UsingTheErrorHook) {
  ServerOptions options = testOptions();
  options.error_response = [](int status, std::string_view) {
    return Response{.status = status,
                    .headers = {{"content-type", "application/json"}},
                    .body = R"({"errors":[{"message":"bad request"}]})"};
  };
  auto server = startServer(options, echo);
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write("NOT HTTP AT ALL\r\n\r\n"));
  std::optional<Response> response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->headers.get("content-type"), "application/json");
  EXPECT_TRUE(client.waitForClose());
}

TEST(ServerTest, CutsOffAHeadThatArrivesTooSlowly) {
  std::atomic<int> handled{0};
  ServerOptions options = testOptions();
  options.header_read_timeout = 200ms;
  auto server = startServer(options, [&](Request& request) {
    ++handled;
    return echo(request);
  });
  ASSERT_TRUE(server);

  // A head that stops half-way.
  RawConnection stalled = RawConnection::connect(server->port());
  ASSERT_TRUE(stalled.write("GET / HTTP/1.1\r\nX-Slow: "));
  EXPECT_TRUE(stalled.waitForClose());

  // A head dribbled one byte at a time: trickling bytes must not extend the deadline.
  RawConnection dribbler = RawConnection::connect(server->port());
  std::string head = "GET / HTTP/1.1\r\nX-Slow: " + std::string(1000, 's');
  Clock::time_point start = Clock::now();
  size_t sent = 0;
  while (sent < head.size() && dribbler.write(head.substr(sent, 1))) {
    ++sent;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_LT(sent, head.size()) << "the server never cut the connection off";
  EXPECT_LT(Clock::now() - start, 3s);

  // A connection that never sends anything is closed too.
  RawConnection silent = RawConnection::connect(server->port());
  EXPECT_TRUE(silent.waitForClose());
  EXPECT_EQ(handled.load(), 0);
}

TEST(ServerTest, ClosesKeepAliveConnectionsLeftIdle) {
  ServerOptions options = testOptions();
  options.idle_timeout = 200ms;
  auto server = startServer(options, echo);
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(get("/")));
  ASSERT_TRUE(client.readResponse());
  EXPECT_TRUE(client.waitForClose());
}

TEST(ServerTest, SendsContinueBeforeReadingAnExpectedBody) {
  auto server = startServer(testOptions(), echo);
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(
      "POST / HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  EXPECT_EQ(client.readUntil("\r\n\r\n"), "HTTP/1.1 100 Continue\r\n\r\n");
  ASSERT_TRUE(client.write("hello"));
  std::optional<Response> response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "hello");
}

TEST(ServerTest, TurnsAThrowingHandlerInto500AndKeepsServing) {
  auto server = startServer(testOptions(), [](Request& request) -> Response {
    if (request.target == "/throw") throw std::runtime_error("boom");
    return echo(request);
  });
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(get("/throw") + get("/fine")));
  std::optional<Response> failed = client.readResponse();
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, 500);
  std::optional<Response> fine = client.readResponse();
  ASSERT_TRUE(fine);
  EXPECT_EQ(fine->status, 200);
}

TEST(ServerTest, OmitsTheBodyOfHeadResponses) {
  auto server = startServer(testOptions(), [](Request&) {
    return Response{.status = 200, .headers = {}, .body = "body bytes"};
  });
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n" + get("/")));
  std::optional<Response> head = client.readResponse(/*head_request=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->headers.get("content-length"), "10");
  std::optional<Response> full = client.readResponse();
  ASSERT_TRUE(full);
  EXPECT_EQ(full->body, "body bytes");
}

TEST(ServerTest, ClosesHttp10ConnectionsUnlessAskedToKeepThem) {
  auto server = startServer(testOptions(), echo);
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write("GET /old HTTP/1.0\r\n\r\n"));
  std::string all = client.readUntilClose();
  EXPECT_NE(all.find("connection: close"), std::string::npos);
  EXPECT_NE(all.find("x-target: /old"), std::string::npos);
}

TEST(ServerTest, GracefulStopFinishesTheRequestInFlightAndClosesIdleConnections) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  ServerOptions options = testOptions();
  options.workers = 1;
  auto server = startServer(options, [&](Request& request) {
    if (request.target == "/slow") {
      entered.set_value();
      released.wait();
    }
    return echo(request);
  });
  ASSERT_TRUE(server);
  uint16_t port = server->port();

  RawConnection idle = RawConnection::connect(port);
  ASSERT_TRUE(idle.write(get("/warm")));
  ASSERT_TRUE(idle.readResponse());

  RawConnection busy = RawConnection::connect(port);
  ASSERT_TRUE(busy.write(get("/slow")));
  entered.get_future().wait();

  Clock::time_point start = Clock::now();
  std::thread stopper([&] { server->stop(5s); });
  release.set_value();
  std::optional<Response> response = busy.readResponse();
  stopper.join();

  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(busy.waitForClose());
  EXPECT_TRUE(idle.waitForClose());
  EXPECT_LT(Clock::now() - start, 2s) << "stop waited for idle connections";
  EXPECT_FALSE(RawConnection::canConnect(port));
}

TEST(ServerTest, StopClosesWhatIsStillUnfinishedAfterTheGracePeriod) {
  ServerOptions options = testOptions();
  options.workers = 1;
  auto server = startServer(options, echo);
  ASSERT_TRUE(server);
  RawConnection partial = RawConnection::connect(server->port());
  ASSERT_TRUE(partial.write("GET / HTTP/1.1\r\nX-Unfinished: "));
  // One worker handles events in order: once the probe is answered, the partial head was read.
  RawConnection probe = RawConnection::connect(server->port());
  ASSERT_TRUE(probe.write(get("/")));
  ASSERT_TRUE(probe.readResponse());

  Clock::time_point start = Clock::now();
  server->stop(100ms);
  EXPECT_GE(Clock::now() - start, 100ms) << "a request in progress was not given its grace";
  EXPECT_TRUE(partial.waitForClose());
  EXPECT_EQ(server->stats().connections_open, 0u);
}

TEST(ServerTest, RefusesToShareATakenPort) {
  auto first = startServer(testOptions(), echo);
  ASSERT_TRUE(first);
  ServerOptions options = testOptions();
  options.port = first->port();
  StatusOr<std::unique_ptr<Server>> second = Server::start(options, echo);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("in use"), std::string::npos)
      << second.status().message();
}

TEST(ServerTest, SharedAcceptorModeSpreadsConnectionsOverWorkers) {
  std::atomic<int> started{0};
  std::mutex mutex;
  std::set<std::thread::id> threads;
  ServerOptions options = testOptions();
  options.workers = 3;
  options.reuse_port = false;
  options.on_worker_start = [&](int, boost::asio::io_context&) { ++started; };
  auto server = startServer(options, [&](Request& request) {
    std::lock_guard lock(mutex);
    threads.insert(std::this_thread::get_id());
    return echo(request);
  });
  ASSERT_TRUE(server);
  for (int i = 0; i < 6; ++i) {
    RawConnection client = RawConnection::connect(server->port());
    ASSERT_TRUE(client.write(get("/")));
    ASSERT_TRUE(client.readResponse());
  }
  EXPECT_EQ(server->stats().connections_accepted, 6u);
  EXPECT_EQ(threads.size(), 3u);
  server->stop(1s);
  EXPECT_EQ(started.load(), 3);
}

// --- Unix domain socket ------------------------------------------------------------------------

// A connected AF_UNIX client, or an fd of -1.
RawConnection connectUnix(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    fd = -1;
  }
  timeval tv{.tv_sec = 5, .tv_usec = 0};
  if (fd >= 0) setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return RawConnection(fd);
}

bool isSocket(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISSOCK(info.st_mode);
}

TEST(ServerUnixSocketTest, ServesOnEveryWorkerAndRemovesTheSocketWhenStopped) {
  std::mutex mutex;
  std::set<std::thread::id> threads;
  ServerOptions options = testOptions();
  options.unix_socket_path = test::freshTempPath("plexus_server_test.sock");
  auto server = startServer(options, [&](Request& request) {
    std::lock_guard lock(mutex);
    threads.insert(std::this_thread::get_id());
    return echo(request);
  });
  ASSERT_TRUE(server);
  EXPECT_EQ(server->port(), 0);
  EXPECT_TRUE(isSocket(options.unix_socket_path));
  for (int i = 0; i < 4; ++i) {
    RawConnection client = connectUnix(options.unix_socket_path);
    ASSERT_GE(client.fd(), 0);
    ASSERT_TRUE(client.write(post("/graphql", "{}")));
    std::optional<Response> response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->headers.get("x-target"), "/graphql");
    ASSERT_TRUE(client.write(get("/again")));  // keep-alive
    ASSERT_TRUE(client.readResponse());
  }
  EXPECT_EQ(threads.size(), 2u) << "connections are handed to every worker";
  server->stop(1s);
  EXPECT_FALSE(isSocket(options.unix_socket_path));
  EXPECT_LT(connectUnix(options.unix_socket_path).fd(), 0);
}

TEST(ServerUnixSocketTest, ReplacesAStaleSocketFileButNotALiveServer) {
  ServerOptions options = testOptions();
  options.unix_socket_path = test::freshTempPath("plexus_server_test_stale.sock");
  {
    // A socket file whose listener is gone, as a killed process leaves it.
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, options.unix_socket_path.c_str(), sizeof addr.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::close(fd);
  }
  ASSERT_TRUE(isSocket(options.unix_socket_path));
  auto server = startServer(options, echo);
  ASSERT_TRUE(server);
  RawConnection client = connectUnix(options.unix_socket_path);
  ASSERT_TRUE(client.write(get("/")));
  ASSERT_TRUE(client.readResponse());

  StatusOr<std::unique_ptr<Server>> second = Server::start(options, echo);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("another server listens"), std::string::npos)
      << second.status().message();
  EXPECT_TRUE(isSocket(options.unix_socket_path)) << "the live server's socket was removed";

  options.unix_socket_path = "/tmp/" + std::string(120, 'x') + ".sock";
  StatusOr<std::unique_ptr<Server>> too_long = Server::start(options, echo);
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.status().message().find("longer than"), std::string::npos);
}

// --- AsyncHandler -------------------------------------------------------------------------------

std::unique_ptr<Server> startAsyncServer(ServerOptions options, AsyncHandler handler) {
  StatusOr<std::unique_ptr<Server>> server = Server::start(std::move(options), std::move(handler));
  if (!server.ok()) {
    ADD_FAILURE() << server.status().message();
    return nullptr;
  }
  return std::move(*server);
}

ServerOptions oneWorker() {
  ServerOptions options = testOptions();
  options.workers = 1;
  return options;
}

TEST(ServerAsyncTest, AnswersAtOnceWhenTheHandlerRespondsInsideTheCall) {
  auto server = startAsyncServer(
      testOptions(), [](Request& request, Responder respond) { respond(echo(request)); });
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(post("/now", "body")));
  std::optional<Response> response = client.readResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->headers.get("x-target"), "/now");
  EXPECT_EQ(response->body, "body");
}

// One worker: a request parked on its Responder must not stop the worker from serving another
// connection, and that other connection's request is what releases it.
TEST(ServerAsyncTest, OtherConnectionsKeepRunningWhileARequestWaits) {
  std::vector<std::pair<std::string, Responder>> parked;  // worker thread only
  auto server = startAsyncServer(oneWorker(), [&](Request& request, Responder respond) {
    if (request.target == "/wait") {
      parked.emplace_back(request.body, std::move(respond));
      return;
    }
    if (request.target == "/release") {
      for (auto& [body, parked_respond] : parked) {
        parked_respond(Response{.status = 200, .headers = {}, .body = "released " + body});
      }
      parked.clear();
    }
    respond(echo(request));
  });
  ASSERT_TRUE(server);

  RawConnection waiting = RawConnection::connect(server->port());
  ASSERT_TRUE(waiting.write(post("/wait", "A")));
  RawConnection other = RawConnection::connect(server->port());
  ASSERT_TRUE(other.write(get("/hello")));
  std::optional<Response> hello = other.readResponse();
  ASSERT_TRUE(hello) << "the worker was blocked by the parked request";
  EXPECT_EQ(hello->headers.get("x-target"), "/hello");

  ASSERT_TRUE(other.write(get("/release")));
  ASSERT_TRUE(other.readResponse());
  std::optional<Response> released = waiting.readResponse();
  ASSERT_TRUE(released);
  EXPECT_EQ(released->body, "released A");
}

TEST(ServerAsyncTest, PipelinedResponsesKeepRequestOrderWhenTheFirstIsAnsweredLast) {
  Responder slow;  // worker thread only
  std::vector<std::string> handled;
  auto server = startAsyncServer(oneWorker(), [&](Request& request, Responder respond) {
    handled.push_back(request.target);
    if (request.target == "/slow") {
      slow = std::move(respond);
      return;
    }
    if (request.target == "/release") {
      std::exchange(slow, nullptr)(Response{.status = 200, .headers = {}, .body = "slow"});
    }
    respond(Response{.status = 200, .headers = {}, .body = request.target});
  });
  ASSERT_TRUE(server);

  RawConnection pipelined = RawConnection::connect(server->port());
  ASSERT_TRUE(pipelined.write(get("/first") + get("/slow") + get("/fast1") + get("/fast2")));
  std::optional<Response> first = pipelined.readResponse();
  ASSERT_TRUE(first) << "a response queued before the slow request was held back";
  EXPECT_EQ(first->body, "/first");

  RawConnection releaser = RawConnection::connect(server->port());
  ASSERT_TRUE(releaser.write(get("/release")));
  ASSERT_TRUE(releaser.readResponse());
  for (std::string_view expected : {"slow", "/fast1", "/fast2"}) {
    std::optional<Response> response = pipelined.readResponse();
    ASSERT_TRUE(response) << expected;
    EXPECT_EQ(response->body, expected);
  }
  // Requests of one connection run one at a time: the fast ones waited for the slow one.
  EXPECT_EQ(handled, (std::vector<std::string>{"/first", "/slow", "/release", "/fast1", "/fast2"}));
}

TEST(ServerAsyncTest, AcceptsAResponseFromAnotherThread) {
  std::vector<std::thread> helpers;
  std::mutex mutex;
  auto server = startAsyncServer(testOptions(), [&](Request& request, Responder respond) {
    std::lock_guard lock(mutex);
    helpers.emplace_back([respond = std::move(respond), target = request.target] {
      respond(Response{.status = 201, .headers = {}, .body = target});
    });
  });
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.write(get("/t" + std::to_string(i))));
    std::optional<Response> response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->body, "/t" + std::to_string(i));
  }
  server->stop(1s);
  for (std::thread& helper : helpers) helper.join();
}

TEST(ServerAsyncTest, ExtraCallsOfTheResponderAreIgnored) {
  auto server = startAsyncServer(testOptions(), [](Request& request, Responder respond) {
    respond(Response{.status = 200, .headers = {}, .body = "one"});
    respond(Response{.status = 500, .headers = {}, .body = "two"});
  });
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(get("/a") + get("/b")));
  for (int i = 0; i < 2; ++i) {
    std::optional<Response> response = client.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "one");
  }
}

TEST(ServerAsyncTest, AThrowingHandlerGets500AndADroppedResponderCloses) {
  Responder kept;
  std::promise<void> parked_promise;
  auto server = startAsyncServer(oneWorker(), [&](Request& request, Responder respond) {
    if (request.target == "/throw") throw std::runtime_error("boom");
    if (request.target == "/drop-now") return;  // the Responder dies inside the call
    if (request.target == "/park") {
      kept = std::move(respond);
      parked_promise.set_value();
      return;
    }
    if (request.target == "/drop-parked") kept = nullptr;  // dropped while its request waits
    respond(echo(request));
  });
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(get("/throw") + get("/drop-now")));
  std::optional<Response> thrown = client.readResponse();
  ASSERT_TRUE(thrown);
  EXPECT_EQ(thrown->status, 500);
  std::optional<Response> dropped = client.readResponse();
  ASSERT_TRUE(dropped);
  EXPECT_EQ(dropped->status, 500);

  RawConnection parked = RawConnection::connect(server->port());
  ASSERT_TRUE(parked.write(get("/park")));
  parked_promise.get_future().wait();
  ASSERT_TRUE(client.write(get("/drop-parked")));
  ASSERT_TRUE(client.readResponse());
  EXPECT_TRUE(parked.waitForClose());
}

TEST(ServerAsyncTest, GracefulStopWaitsForAParkedRequestThenAnswersIt) {
  std::promise<void> parked_promise;
  std::future<void> parked_future = parked_promise.get_future();
  Responder parked;
  ServerOptions options = oneWorker();
  options.header_read_timeout = 100ms;  // must not cut off a request the application holds
  boost::asio::io_context* worker_io = nullptr;
  options.on_worker_start = [&](int, boost::asio::io_context& io) { worker_io = &io; };
  auto server = startAsyncServer(options, [&](Request&, Responder respond) {
    parked = std::move(respond);
    parked_promise.set_value();
  });
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(get("/park")));
  parked_future.wait();
  std::this_thread::sleep_for(300ms);  // past header_read_timeout: the deadline must not fire

  uint16_t port = server->port();
  std::thread stopper([&] { server->stop(5s); });
  // Once the listener is closed, the worker is draining.
  while (RawConnection::canConnect(port)) std::this_thread::sleep_for(1ms);
  // Answer from outside the worker while it drains: the Responder posts to the worker.
  parked(Response{.status = 200, .headers = {}, .body = "late"});
  std::optional<Response> response = client.readResponse();
  stopper.join();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "late");
  EXPECT_EQ(response->headers.get("connection"), "close");
  EXPECT_NE(worker_io, nullptr);
}

TEST(ServerAsyncTest, StopAnswersRequestsAlreadySentOnIdleAndStillQueuedConnections) {
  std::promise<void> blocked_promise;
  std::future<void> blocked = blocked_promise.get_future();
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto server = startAsyncServer(oneWorker(), [&](Request& request, Responder respond) {
    if (request.target == "/block") {
      blocked_promise.set_value();
      released.wait();  // holds the only worker thread, so nothing below is read yet
    }
    respond(echo(request));
  });
  ASSERT_TRUE(server);
  RawConnection idle = RawConnection::connect(server->port());
  ASSERT_TRUE(idle.write(get("/warm")));
  ASSERT_TRUE(idle.readResponse());
  RawConnection blocker = RawConnection::connect(server->port());
  ASSERT_TRUE(blocker.write(get("/block")));
  blocked.wait();

  // Sent before the stop begins: one on a keep-alive connection, one on a connection the kernel
  // accepted but the worker has not (it sits in the listener's backlog).
  ASSERT_TRUE(idle.write(get("/late")));
  RawConnection queued = RawConnection::connect(server->port());
  ASSERT_TRUE(queued.write(get("/queued")));
  std::thread stopper([&] { server->stop(5s); });
  std::this_thread::sleep_for(50ms);  // let stop() post beginStop ahead of those reads
  release.set_value();

  for (auto [connection, target] :
       {std::pair{&blocker, "/block"}, std::pair{&idle, "/late"}, std::pair{&queued, "/queued"}}) {
    std::optional<Response> response = connection->readResponse();
    ASSERT_TRUE(response) << target << " was dropped";
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->headers.get("x-target"), target);
    // (/block was answered before the worker saw the stop; then its connection was idle.)
    if (connection != &blocker) {
      EXPECT_EQ(response->headers.get("connection"), "close") << target;
    }
    EXPECT_TRUE(connection->waitForClose()) << target;
  }
  stopper.join();
  EXPECT_EQ(server->stats().requests, 4u);
}

TEST(ServerAsyncTest, StopDoesNotWaitPastTheGraceForAResponderThatNeverAnswers) {
  std::promise<void> parked_promise;
  std::future<void> parked_future = parked_promise.get_future();
  Responder parked;  // never called
  auto server = startAsyncServer(oneWorker(), [&](Request&, Responder respond) {
    parked = std::move(respond);
    parked_promise.set_value();
  });
  ASSERT_TRUE(server);
  RawConnection client = RawConnection::connect(server->port());
  ASSERT_TRUE(client.write(get("/park")));
  parked_future.wait();

  Clock::time_point start = Clock::now();
  server->stop(100ms);
  EXPECT_LT(Clock::now() - start, 900ms) << "stop waited for the abandoned request";
  EXPECT_TRUE(client.waitForClose());
}

}  // namespace
}  // namespace plexus::http
