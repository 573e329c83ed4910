// Test-only: drives a Client on a private io_context from a plain test thread, so client tests
// need no Asio includes.
//
//   ClientRunner runner;
//   ClientResult result = runner.fetch({.url = "http://127.0.0.1:" + port + "/graphql"});
//
// Each fetch runs the io_context until the call completes. Single-threaded; not for production.
#pragma once

#include <memory>

#include "src/http/client.h"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace plexus::http::testing {

class ClientRunner {
 public:
  explicit ClientRunner(ClientOptions options = {});
  ~ClientRunner();

  // Through Client::send and its callback.
  ClientResult fetch(ClientRequest request);
  // Through the coroutine entry point, asyncSend.
  ClientResult fetchInCoroutine(ClientRequest request);

  Client& client() { return *client_; }

 private:
  std::unique_ptr<boost::asio::io_context> io_;
  std::unique_ptr<Client> client_;
};

}  // namespace plexus::http::testing
