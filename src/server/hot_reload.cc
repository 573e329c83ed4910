#include "src/server/hot_reload.h"

#include <sys/stat.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "src/federation/supergraph.h"

namespace plexus::server {

namespace {

// What stat(2) says of a file; a rename onto the path shows as a new inode.
struct Stamp {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  int64_t mtime_ns = 0;
  friend bool operator==(const Stamp&, const Stamp&) = default;
};

Stamp stampOf(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return {};
  return Stamp{.exists = true,
               .device = info.st_dev,
               .inode = info.st_ino,
               .size = info.st_size,
               .mtime_ns = int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec};
}

StatusOr<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

size_t hashOf(std::string_view text) { return std::hash<std::string_view>{}(text); }

// The Rhai scripts directory (rhai.scripts), recursively: every `*.rhai` file's path and stamp,
// and a hash of their paths and contents.
struct ScriptsState {
  std::optional<std::string> dir;  // the serving configuration's rhai.scripts; none: no scripts
  std::vector<std::pair<std::string, Stamp>> stamps;
  size_t content_hash = 0;
};

std::vector<std::pair<std::string, Stamp>> scriptStamps(const std::string& dir) {
  std::vector<std::pair<std::string, Stamp>> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() != ".rhai") continue;
    std::string path = it->path().string();
    out.emplace_back(path, stampOf(path));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

size_t scriptsHash(const std::vector<std::pair<std::string, Stamp>>& stamps) {
  size_t hash = stamps.size();
  for (const auto& [path, stamp] : stamps) {
    StatusOr<std::string> text = readFile(path);
    hash = hash * 31 + hashOf(path);
    hash = hash * 31 + (text.ok() ? hashOf(*text) : 0);
  }
  return hash;
}

struct WatchedFile {
  std::string path;
  Stamp seen;               // at the last poll
  size_t applied_hash = 0;  // of the content the current generation was built from
};

}  // namespace

struct HotReloader::Impl {
  Router* router = nullptr;
  HotReloadOptions options;
  std::optional<WatchedFile> supergraph;
  std::optional<WatchedFile> config;
  ScriptsState scripts;  // of the serving configuration's rhai.scripts, when set
  bool pending = false;  // a file moved since the last reload attempt

  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;  // guarded by mutex
  std::thread thread;

  void log(log::Level level, std::string_view message) const { options.log(level, message); }

  // Notes files whose stamp moved; returns whether any moved since the previous poll.
  bool poll() {
    bool moved = false;
    for (std::optional<WatchedFile>* file : {&supergraph, &config}) {
      if (!*file) continue;
      Stamp now = stampOf((*file)->path);
      if (now == (*file)->seen) continue;
      (*file)->seen = now;
      pending = true;
      moved = true;
    }
    if (scripts.dir) {
      auto now = scriptStamps(*scripts.dir);
      if (now != scripts.stamps) {
        scripts.stamps = std::move(now);
        pending = true;
        moved = true;
      }
    }
    return moved;
  }

  // Reads both files (a change to one may have been held back by a bad other); builds and swaps a
  // generation when either content differs from what is serving. All or nothing.
  void reload() {
    pending = false;
    std::shared_ptr<const federation::Supergraph> new_supergraph;
    std::optional<config::RouterConfig> new_config;
    size_t config_hash = config ? config->applied_hash : 0;
    auto fail = [&](std::string reason) {
      // One line: a parse error with several positions lists them separated by "; ".
      for (size_t at; (at = reason.find('\n')) != std::string::npos;) reason.replace(at, 1, "; ");
      log(log::Level::kError,
          "reload failed: " + reason + "; still serving the previous configuration");
    };
    StatusOr<std::string> sdl = readFile(supergraph->path);
    if (!sdl.ok()) return fail("supergraph: " + sdl.status().message());
    size_t supergraph_hash = hashOf(*sdl);
    if (supergraph_hash != supergraph->applied_hash) {
      auto parsed = federation::Supergraph::fromSdl(std::move(*sdl), supergraph->path);
      if (!parsed.ok()) return fail("invalid supergraph: " + parsed.status().message());
      new_supergraph = std::move(*parsed);
    }
    if (config) {
      StatusOr<std::string> yaml = readFile(config->path);
      if (!yaml.ok()) return fail("configuration: " + yaml.status().message());
      config_hash = hashOf(*yaml);
      if (config_hash != config->applied_hash) {
        StatusOr<config::RouterConfig> parsed = config::parseRouterConfig(*yaml, config->path);
        if (!parsed.ok()) return fail("invalid configuration: " + parsed.status().message());
        if (options.adjust_config) options.adjust_config(*parsed);
        new_config = std::move(*parsed);
      }
    }
    // Rhai scripts: any *.rhai under rhai.scripts whose content changed rebuilds the generation
    // (new engine, scripts loaded and hooks called again), as Apollo's RhaiReload does.
    std::optional<std::string> scripts_dir = scripts.dir;
    if (new_config) {
      scripts_dir = new_config->rhai ? std::optional(new_config->rhai->scripts) : std::nullopt;
    }
    size_t scripts_hash = scripts_dir ? scriptsHash(scriptStamps(*scripts_dir)) : 0;
    bool scripts_changed = scripts_dir && scripts_hash != scripts.content_hash;
    if (!new_supergraph && !new_config && !scripts_changed) return;

    std::string what = new_supergraph && new_config ? "configuration and supergraph"
                       : new_supergraph             ? "supergraph"
                       : new_config                 ? "configuration"
                                                    : "rhai scripts";
    StatusOr<std::vector<std::string>> needs_restart =
        router->reload(new_config ? std::move(*new_config) : router->config(),
                       new_supergraph ? std::move(new_supergraph) : router->supergraph());
    if (!needs_restart.ok()) return fail(needs_restart.status().message());
    supergraph->applied_hash = supergraph_hash;
    if (config) config->applied_hash = config_hash;
    scripts.dir = std::move(scripts_dir);
    scripts.content_hash = scripts_hash;
    for (const std::string& key : *needs_restart) {
      log(log::Level::kWarn, "configuration: '" + key +
                                 "' changed; it takes effect at the next restart (the running "
                                 "value is kept)");
    }
    log(log::Level::kInfo,
        "reloaded: " + what + " (generation " + std::to_string(router->generation()) + ")");
  }

  void run() {
    std::unique_lock lock(mutex);
    while (!wake.wait_for(lock, options.poll_interval, [this] { return stopping; })) {
      lock.unlock();
      // A file that moved during this interval is read at the next one, when it has settled.
      bool moved = poll();
      if (!moved && pending) reload();
      lock.lock();
    }
  }
};

HotReloader::HotReloader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HotReloader::~HotReloader() { stop(); }

std::unique_ptr<HotReloader> HotReloader::start(Router& router, HotReloadOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->router = &router;
  impl->options = std::move(options);
  if (!impl->options.log) {
    impl->options.log = [](log::Level level, std::string_view message) {
      log::write(level, message);
    };
  }
  // The baseline is the files as they are now: what the router was started from, unless they
  // changed in between (then the next edit brings both in).
  auto watch = [](const std::string& path) {
    WatchedFile file{.path = path, .seen = stampOf(path)};
    if (StatusOr<std::string> text = readFile(path); text.ok()) file.applied_hash = hashOf(*text);
    return file;
  };
  impl->supergraph = watch(impl->options.supergraph_path);
  if (impl->options.config_path) impl->config = watch(*impl->options.config_path);
  if (std::optional<config::RhaiConfig> rhai = router.config().rhai) {
    impl->scripts.dir = rhai->scripts;
    impl->scripts.stamps = scriptStamps(rhai->scripts);
    impl->scripts.content_hash = scriptsHash(impl->scripts.stamps);
  }
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<HotReloader>(new HotReloader(std::move(impl)));
}

void HotReloader::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace plexus::server
