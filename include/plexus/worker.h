// What a request's code may use on the worker thread that runs it, besides its timers
// (include/plexus/scheduler.h): the worker's pooled HTTP client, for plugins that call another
// service while handling a request (an authorization check in an async checkpoint).
//
//   http::Client* client = plexus::currentHttpClient();   // null off a worker thread
//   http::ClientRequest call{.url = "http://auth:8080/check", .timeout = std::chrono::seconds(1)};
//   client->send(std::move(call), [done](http::ClientResult result) { … });  // on this thread
//
// The router installs both for each worker (ScopedHttpClient); the plugin test harness installs
// its own. Callbacks run on the worker's event loop, the thread the request runs on.
#pragma once

#include "src/http/client.h"

namespace plexus {

http::Client* currentHttpClient();

// Installs `client` as the calling thread's currentHttpClient() for this object's lifetime.
class ScopedHttpClient {
 public:
  explicit ScopedHttpClient(http::Client& client);
  ~ScopedHttpClient();
  ScopedHttpClient(const ScopedHttpClient&) = delete;
  ScopedHttpClient& operator=(const ScopedHttpClient&) = delete;

 private:
  http::Client* previous_;
};

}  // namespace plexus
