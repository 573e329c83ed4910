#include "include/plexus/worker.h"

namespace plexus {

namespace {
thread_local http::Client* current_client = nullptr;
}  // namespace

http::Client* currentHttpClient() { return current_client; }

ScopedHttpClient::ScopedHttpClient(http::Client& client) : previous_(current_client) {
  current_client = &client;
}

ScopedHttpClient::~ScopedHttpClient() { current_client = previous_; }

}  // namespace plexus
