// A small listener of its own for one GET endpoint beside the GraphQL one: the health check
// (health_check.listen) and the Prometheus scrape endpoint (…prometheus.listen). `GET` / `HEAD` on
// the path get `answer(request)`, other methods 405, other paths 404.
//
//   auto endpoint = AdminEndpoint::start(config.listen, "/health", "health_check.listen",
//                                        [state](const http::Request& r) { return …; });
//   if (!endpoint.ok()) return endpoint.status();   // "health_check.listen: …: cannot bind: …"
//
// One worker thread; `answer` runs on it. start/port/stop from one control thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "src/common/status.h"
#include "src/config/values.h"
#include "src/http/message.h"

namespace plexus::http {
class Server;
}

namespace plexus::server {

class AdminEndpoint {
 public:
  using Answer = std::function<http::Response(const http::Request& request)>;

  // `key` names the listen setting in errors.
  static StatusOr<std::unique_ptr<AdminEndpoint>> start(const config::ListenAddress& listen,
                                                        std::string path, std::string_view key,
                                                        Answer answer);
  ~AdminEndpoint();
  uint16_t port() const;  // 0 on a Unix socket
  void stop();

 private:
  AdminEndpoint() = default;
  std::unique_ptr<http::Server> server_;
};

}  // namespace plexus::server
