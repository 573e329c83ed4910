// The coroutine form of Client::send, for code that already runs in Asio coroutines (the
// executor, coprocessor calls). Includes <boost/asio/awaitable.hpp>: include it from .cc files.
//
//   boost::asio::awaitable<void> fetchProducts(Client& client) {
//     ClientResult result = co_await asyncSend(client, ClientRequest{.url = url, .request = req});
//     if (!result.ok()) co_return;  // result.error().code says why
//   }
//
// Same contract as Client::send: call it on the Client's io_context thread.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "src/http/client.h"

namespace plexus::http {

boost::asio::awaitable<ClientResult> asyncSend(Client& client, ClientRequest request);

}  // namespace plexus::http
