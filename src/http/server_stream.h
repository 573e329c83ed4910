// The byte streams a server connection runs over, and the few operations that differ between
// them. Internal to src/http (includes Asio and OpenSSL). Connection code is a template over the
// stream type, so the plain path compiles to exactly the socket calls and pays nothing for TLS:
// every difference is resolved at compile time (`if constexpr (kIsTls<Stream>)`).
//
//   PlainStream  TCP or Unix domain socket (Asio's generic stream protocol)
//   TlsStream    TLS over such a socket, after its handshake (src/http/server_tls.h)
//
//   StreamProtocol::socket& socket = lowestLayer(stream);   // close, cancel, shutdown, wait
//   if (!hasBufferedInput(stream)) co_await socket.async_wait(...);
//
// Thread-safety: a stream belongs to the worker thread that runs its connection.
#pragma once

#include <openssl/bio.h>
#include <openssl/ssl.h>

#include <boost/asio/ssl/stream.hpp>
#include <type_traits>

#include "src/http/server_worker.h"

namespace plexus::http {

using PlainStream = StreamProtocol::socket;
using TlsStream = boost::asio::ssl::stream<StreamProtocol::socket>;

template <typename Stream>
inline constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

inline StreamProtocol::socket& lowestLayer(PlainStream& stream) { return stream; }
inline StreamProtocol::socket& lowestLayer(TlsStream& stream) { return stream.next_layer(); }

// Whether bytes the peer sent were already taken off the socket and wait in the stream: then
// waiting for the socket to become readable could wait forever.
inline bool hasBufferedInput(PlainStream&) { return false; }
inline bool hasBufferedInput(TlsStream& stream) {
  // Decrypted or undecrypted record bytes inside OpenSSL, or bytes Asio already handed to the
  // engine's BIO but OpenSSL has not read yet.
  SSL* ssl = stream.native_handle();
  return SSL_has_pending(ssl) != 0 || BIO_ctrl_pending(SSL_get_rbio(ssl)) > 0;
}

}  // namespace plexus::http
