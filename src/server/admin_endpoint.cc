#include "src/server/admin_endpoint.h"

#include <utility>

#include "src/http/server.h"

namespace plexus::server {

StatusOr<std::unique_ptr<AdminEndpoint>> AdminEndpoint::start(const config::ListenAddress& listen,
                                                              std::string path,
                                                              std::string_view key, Answer answer) {
  http::ServerOptions options;
  options.host = listen.host;
  options.port = listen.port;
  options.unix_socket_path = listen.unix_socket;
  options.workers = 1;
  auto server =
      http::Server::start(std::move(options), [path = std::move(path), answer = std::move(answer)](
                                                  http::Request& request, http::Responder respond) {
        if (request.path() != path) {
          return respond(http::Response{.status = 404, .headers = {}, .body = {}});
        }
        if (request.method != "GET" && request.method != "HEAD") {
          http::Response refused{.status = 405, .headers = {}, .body = {}};
          refused.headers.add("allow", "GET, HEAD");
          return respond(std::move(refused));
        }
        respond(answer(request));
      });
  if (!server.ok()) return Status::error(std::string(key) + ": " + server.status().message());
  std::unique_ptr<AdminEndpoint> endpoint(new AdminEndpoint());
  endpoint->server_ = std::move(*server);
  return endpoint;
}

AdminEndpoint::~AdminEndpoint() { stop(); }

uint16_t AdminEndpoint::port() const { return server_ ? server_->port() : 0; }

void AdminEndpoint::stop() {
  if (server_) server_->stop(std::chrono::milliseconds(0));
  server_.reset();
}

}  // namespace plexus::server
