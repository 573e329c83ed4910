// Internal to src/http: what the server's connections and the client share to run socket I/O
// as C++20 coroutines on Asio. Included only by .cc files (Asio stays out of public headers).
//
//   boost::system::error_code ec;
//   size_t n = co_await socket.async_read_some(asio::buffer(in), noThrow(ec));
//   if (ec) ...   // errors come back as values, never as exceptions
#pragma once

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstddef>

namespace plexus::http {

namespace asio = boost::asio;

// Size of the read buffer of one connection, client or server side.
inline constexpr std::size_t kReadBufferBytes = 16 * 1024;

// Completion token for co_await that stores the error in `ec` instead of throwing.
inline auto noThrow(boost::system::error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

}  // namespace plexus::http
