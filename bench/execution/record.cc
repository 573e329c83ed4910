// execution_record: runs the benchmark query once against live subgraphs through http::Client and
// writes every subgraph exchange the plan makes into a directory, for execution_bench to replay.
// Driven by bench/execution/record, which starts the subgraphs and points the supergraph at them.
//
//   execution_record --supergraph S --query Q --out DIR
//
// Writes DIR/NNN.{service,request.json,response.json} in call order and DIR/response.json (the
// client response). Exits non-zero when a call fails or answers a status other than 200.
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "bench/execution/bench_support.h"
#include "src/http/client.h"

namespace plexus::bench {
namespace {

class RecordingFetcher : public execution::SubgraphFetcher {
 public:
  RecordingFetcher(http::Client& client, std::filesystem::path out)
      : client_(client), out_(std::move(out)) {}

  void fetch(execution::SubgraphCall call,
             std::function<void(execution::SubgraphReply)> done) override {
    char name[32];
    std::snprintf(name, sizeof name, "%03d", calls_++);
    std::filesystem::path stem = out_ / name;
    writeFileOrDie(stem.string() + ".service", call.service);
    writeFileOrDie(stem.string() + ".request.json", call.body);
    http::ClientRequest request{.url = std::string(call.url)};
    request.request.headers.add("content-type", "application/json");
    request.request.body = call.body;
    std::string url(call.url);
    client_.send(std::move(request),
                 [stem, url, done = std::move(done)](http::ClientResult result) {
                   if (!result.ok()) die(url + ": " + result.error().message);
                   if (result.response().status != 200) {
                     die(url + ": status " + std::to_string(result.response().status));
                   }
                   writeFileOrDie(stem.string() + ".response.json", result.response().body);
                   execution::SubgraphReply reply;
                   reply.status = result.response().status;
                   reply.body = std::move(result.response().body);
                   done(std::move(reply));
                 });
  }

  int calls() const { return calls_; }

 private:
  http::Client& client_;
  std::filesystem::path out_;
  int calls_ = 0;
};

int record(int argc, char** argv) {
  std::string supergraph, query, out;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--supergraph") {
      supergraph = argv[i + 1];
    } else if (flag == "--query") {
      query = argv[i + 1];
    } else if (flag == "--out") {
      out = argv[i + 1];
    } else {
      die("unknown flag " + std::string(flag));
    }
  }
  if (supergraph.empty() || query.empty() || out.empty()) {
    die("usage: execution_record --supergraph S --query Q --out DIR");
  }
  BenchSetup setup = loadBenchSetup(supergraph, query);
  std::filesystem::create_directories(out);
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    if (entry.path().extension() == ".json" || entry.path().extension() == ".service") {
      std::filesystem::remove(entry.path());
    }
  }
  boost::asio::io_context io;
  http::Client client(io);
  RecordingFetcher fetcher(client, out);
  std::string body;
  execution::execute(setup.request(), fetcher, [&](execution::ExecutionResponse response) {
    body = std::move(response.body);
  });
  // Pooled connections keep timers armed: run until the response, not until the loop is idle.
  while (body.empty() && io.run_one() > 0) {
  }
  if (body.empty()) die("the execution did not complete");
  writeFileOrDie(std::filesystem::path(out) / "response.json", body);
  std::printf("recorded %d subgraph calls and a %zu-byte response into %s\n", fetcher.calls(),
              body.size(), out.c_str());
  return 0;
}

}  // namespace
}  // namespace plexus::bench

int main(int argc, char** argv) { return plexus::bench::record(argc, argv); }
