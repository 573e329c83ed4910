#include "src/http/server_worker.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "src/http/codec.h"
#include "src/http/server_connection.h"
#include "src/http/server_tls.h"

namespace plexus::http {

namespace asio = boost::asio;

namespace {

using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
using NoDelay = asio::detail::socket_option::boolean<IPPROTO_TCP, TCP_NODELAY>;

// After EMFILE and friends, wait a little before accepting again instead of spinning.
constexpr std::chrono::milliseconds kAcceptBackoff{50};

}  // namespace

ServerWorker::ServerWorker(int index, const ServerShared& shared)
    : index_(index), shared_(shared), work_(io_.get_executor()) {}

ServerWorker::~ServerWorker() = default;

Status ServerWorker::listen(const StreamProtocol::endpoint& endpoint, std::string_view name,
                            bool reuse_port, int backlog) {
  boost::system::error_code ec;
  StreamAcceptor acceptor(io_);
  auto failed = [&](std::string_view what) {
    return Status::error(std::string(name) + ": " + std::string(what) + ": " + ec.message());
  };
  acceptor.open(endpoint.protocol(), ec);
  if (ec) return failed("cannot open socket");
  unix_socket_ = endpoint.protocol().family() == AF_UNIX;
  if (!unix_socket_) acceptor.set_option(StreamAcceptor::reuse_address(true), ec);
  if (reuse_port) {
    acceptor.set_option(ReusePort(true), ec);
    if (ec) return failed("cannot set SO_REUSEPORT");
  }
  acceptor.bind(endpoint, ec);
  if (ec) return failed("cannot bind");
  acceptor.listen(backlog, ec);
  if (ec) return failed("cannot listen");
  acceptor_.emplace(std::move(acceptor));
  return Status();
}

StreamProtocol::endpoint ServerWorker::localEndpoint() const {
  boost::system::error_code ec;
  return acceptor_ ? acceptor_->local_endpoint(ec) : StreamProtocol::endpoint();
}

void ServerWorker::startAccepting(std::vector<ServerWorker*> targets) {
  if (acceptor_) acceptNext(std::move(targets), 0);
}

void ServerWorker::acceptNext(std::vector<ServerWorker*> targets, size_t next) {
  ServerWorker& target = targets.empty() ? *this : *targets[next % targets.size()];
  auto socket = std::make_unique<StreamProtocol::socket>(target.io());
  StreamProtocol::socket& peer = *socket;
  acceptor_->async_accept(
      peer, [this, targets = std::move(targets), next, socket = std::move(socket),
             &target](const boost::system::error_code& ec) mutable {
        // A connection accepted just before stop began is served like one still queued.
        if (!ec) serve(target, std::move(*socket));
        if (stopping_ || !acceptor_ || !acceptor_->is_open()) return;
        if (ec) {
          if (ec == asio::error::operation_aborted) return;
          auto timer = std::make_shared<asio::steady_timer>(io_, kAcceptBackoff);
          timer->async_wait([this, timer, targets = std::move(targets),
                             next](const boost::system::error_code& wait_ec) mutable {
            if (!wait_ec && !stopping_) acceptNext(std::move(targets), next);
          });
          return;
        }
        acceptNext(std::move(targets), next + 1);
      });
}

void ServerWorker::serve(ServerWorker& target, StreamProtocol::socket socket) {
  stats_.accepted.fetch_add(1, std::memory_order_relaxed);
  if (!unix_socket_) {
    boost::system::error_code ignored;
    socket.set_option(NoDelay(true), ignored);
  }
  if (&target == this) {
    startConnection(*this, std::move(socket));
  } else {
    asio::post(target.io(), [&target, s = std::move(socket)]() mutable {
      startConnection(target, std::move(s));
    });
  }
}

void ServerWorker::startConnection(ServerWorker& worker, StreamProtocol::socket socket) {
  if (worker.shared_.tls_context) {
    startTlsConnection(worker, std::move(socket));
  } else {
    Http1Connection<PlainStream>::start(worker, std::move(socket));
  }
}

void ServerWorker::acceptQueued() {
  boost::system::error_code ec;
  acceptor_->non_blocking(true, ec);
  // At most a backlog's worth: what was queued when the stop began, not a flood arriving since.
  for (int i = 0; i < shared_.options.backlog && !ec; ++i) {
    StreamProtocol::socket socket(io_);
    acceptor_->accept(socket, ec);
    if (!ec) serve(*this, std::move(socket));
  }
}

void ServerWorker::run() {
  const ServerOptions& options = shared_.options;
  if (options.on_worker_start) options.on_worker_start(index_, io_);
  io_.run();
  if (options.on_worker_stop) options.on_worker_stop(index_);
}

void ServerWorker::beginStop() {
  if (stopping_) return;
  stopping_ = true;
  work_.reset();
  if (acceptor_ && acceptor_->is_open()) {
    // The kernel completed these handshakes and their clients may have sent a request already:
    // closing the listener would reset them. Served in draining mode, they are answered (with
    // "connection: close") or, if nothing was sent yet, closed.
    acceptQueued();
    boost::system::error_code ignored;
    acceptor_->close(ignored);
  }
  // drain() may close a connection, but never destroys it synchronously: iteration stays valid.
  for (ServerConnection* connection : connections_) connection->drain();
}

void ServerWorker::forceStop() {
  stopping_ = true;
  forced_ = true;
  work_.reset();
  if (acceptor_) {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
  }
  for (ServerConnection* connection : connections_) connection->close();
}

ServerWorker::Registration ServerWorker::attach(ServerConnection* connection) {
  stats_.open.fetch_add(1, std::memory_order_relaxed);
  return connections_.insert(connections_.end(), connection);
}

void ServerWorker::detach(Registration registration) {
  stats_.open.fetch_sub(1, std::memory_order_relaxed);
  connections_.erase(registration);
}

std::string_view ServerWorker::date() {
  std::time_t now = std::time(nullptr);
  if (now != date_second_) {
    date_second_ = now;
    date_ = httpDate(now);
  }
  return date_;
}

}  // namespace plexus::http
