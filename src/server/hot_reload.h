// Hot reload (`router --hot-reload`): watches the configuration and supergraph files, and the
// `*.rhai` files under rhai.scripts (recursively), and when any changes builds a new generation
// off the request path and swaps it into the Router. A script that no longer compiles (or whose
// top level fails) logs the error and the previous generation, with the previous scripts, keeps
// serving.
//
//   HotReloadOptions options{.supergraph_path = "supergraph.graphql", .config_path =
//   "router.yaml"}; options.adjust_config = [&](config::RouterConfig& c) { applyCommandLine(c); };
//   auto reloader = HotReloader::start(router, std::move(options));
//   ...                                   // logs "reloaded: supergraph" after an edit
//   reloader->stop();                     // before the router stops (the destructor also stops)
//
// Watching is polling: every `poll_interval` each file's (inode, size, mtime) is compared with
// the last seen; a change is acted on once the file has stayed the same for one more interval, so
// an in-place write is not read half done. Replacing the file by rename (editors, Kubernetes
// config maps) is seen as well. A file whose content hash equals what is serving is ignored.
//
// A file that cannot be read or parsed logs "reload failed: <reason>; still serving the previous
// configuration" and the previous generation keeps serving; the next change is tried again.
// Changed keys that need a restart (Router::reload) are logged as warnings; the rest applies.
//
// Thread-safety: start and stop from the control thread; the watching runs on its own thread,
// the only caller of Router::reload. The Router must outlive the HotReloader.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "src/config/router_config.h"
#include "src/server/router.h"
#include "src/telemetry/log.h"

namespace plexus::server {

struct HotReloadOptions {
  std::string supergraph_path;
  std::optional<std::string> config_path;  // none: the defaults, never reloaded
  std::chrono::milliseconds poll_interval{250};
  // Applied to every configuration read (the command line's --listen and --dev).
  std::function<void(config::RouterConfig&)> adjust_config;
  // Where reload outcomes go; default: log::write.
  std::function<void(log::Level, std::string_view)> log;
};

class HotReloader {
 public:
  static std::unique_ptr<HotReloader> start(Router& router, HotReloadOptions options);
  ~HotReloader();
  HotReloader(const HotReloader&) = delete;
  HotReloader& operator=(const HotReloader&) = delete;

  // Ends the watching; a reload in progress completes first. Idempotent.
  void stop();

  struct Impl;

 private:
  explicit HotReloader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace plexus::server
