#include "src/http/testing/client_runner.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>

#include "src/http/client_async.h"

namespace plexus::http::testing {

ClientRunner::ClientRunner(ClientOptions options)
    : io_(std::make_unique<boost::asio::io_context>(1)),
      client_(std::make_unique<Client>(*io_, std::move(options))) {}

ClientRunner::~ClientRunner() {
  client_.reset();
  io_.reset();
}

ClientResult ClientRunner::fetch(ClientRequest request) {
  std::optional<ClientResult> result;
  client_->send(std::move(request), [&](ClientResult r) { result.emplace(std::move(r)); });
  io_->restart();
  io_->run();
  return std::move(*result);
}

ClientResult ClientRunner::fetchInCoroutine(ClientRequest request) {
  std::optional<ClientResult> result;
  auto body = [](Client& client, ClientRequest request,
                 std::optional<ClientResult>& out) -> boost::asio::awaitable<void> {
    out.emplace(co_await asyncSend(client, std::move(request)));
  };
  boost::asio::co_spawn(*io_, body(*client_, std::move(request), result), boost::asio::detached);
  io_->restart();
  io_->run();
  return std::move(*result);
}

}  // namespace plexus::http::testing
