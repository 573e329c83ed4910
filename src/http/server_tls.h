// TLS for the server: the context built from ServerOptions::tls, and the per-connection
// handshake that runs before any protocol handler. Internal to src/http (includes Asio's SSL).
//
//   StatusOr<std::shared_ptr<boost::asio::ssl::context>> context = makeServerTlsContext(tls);
//   if (!context.ok()) return context.status();   // "tls: key: does not match the certificate"
//   shared.tls_context = *context;
//   …
//   startTlsConnection(worker, std::move(socket));   // worker thread, once per accepted socket
//
// The handshake is bounded by tls_handshake_timeout from accept. ALPN picks the protocol handler
// once the handshake is done (see kAlpnProtocols in server_tls.cc: the one place an HTTP/2 handler
// would be added); today that is always HTTP/1.1 (Http1Connection<TlsStream>).
//
// Thread-safety: the context is immutable once built and shared by every worker (OpenSSL locks its
// session cache). startTlsConnection runs on the worker's thread.
#pragma once

#include <memory>

#include "src/common/status.h"
#include "src/http/server.h"
#include "src/http/server_worker.h"

namespace plexus::http {

// TLS 1.2 minimum, ECDHE with AEAD ciphers only for TLS 1.2, no compression or renegotiation,
// ALPN. Errors name the part at fault: "tls: certificate: …", "tls: certificate_chain: …",
// "tls: key: …", "tls: key: does not match the certificate".
StatusOr<std::shared_ptr<boost::asio::ssl::context>> makeServerTlsContext(
    const TlsOptions& options);

// Takes an accepted socket through the TLS handshake, then hands it to the protocol handler that
// ALPN chose. Registered with the worker meanwhile, so stop() can wind it down.
void startTlsConnection(ServerWorker& worker, StreamProtocol::socket socket);

}  // namespace plexus::http
