// `router`: serves a Federation 2 supergraph over HTTP with Apollo Router's command line
// (plexus::routerMain, include/plexus/main.h: the stock binary's and every custom binary's main).
//
//   router --supergraph supergraph.graphql --config router.yaml
//   APOLLO_ROUTER_SUPERGRAPH_PATH=s.graphql APOLLO_ROUTER_CONFIG_PATH=router.yaml router
//
// Exit status: 0 after a clean stop (SIGTERM / SIGINT), 1 when startup fails (bad flags, an
// unreadable or invalid supergraph or configuration, a taken port), 2 for usage errors.
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "include/plexus/main.h"
#include "src/config/router_config.h"
#include "src/federation/supergraph.h"
#include "src/plugins/instances.h"
#include "src/plugins/rhai/test_runner.h"
#include "src/rhai/run_command.h"
#include "src/server/hot_reload.h"
#include "src/server/router.h"
#include "src/server/scaffold.h"
#include "src/telemetry/log.h"

namespace {

using namespace plexus;

constexpr std::string_view kVersion = "0.1.0";
// SIGTERM to exit must stay under 5 s (the audit's and orchestrators' usual grace): in-flight
// requests get this long, then the server closes what is left (at most one more second).
constexpr std::chrono::milliseconds kShutdownGrace{3000};

constexpr std::string_view kUsage = R"(Usage: router [OPTIONS]
       router config validate FILE...
       router config schema     Prints the JSON Schema of router.yaml
       router project create DIR
                                Writes a custom-router project (docs/plugins.md)
       router plugin create NAME [--template basic|auth|tracing]
       router plugin remove NAME
                                Adds / removes a native plugin in that project
       router rhai run FILE     Runs a standalone Rhai script (prints to stdout)
       router rhai test PATH    Runs the *.test.rhai unit tests under PATH (docs/rhai-testing.md)

Serves a federated GraphQL API from a supergraph schema (Apollo Router compatible).

Options:
  -s, --supergraph <PATH>  Supergraph schema file [env: APOLLO_ROUTER_SUPERGRAPH_PATH]
  -c, --config <PATH>      router.yaml configuration [env: APOLLO_ROUTER_CONFIG_PATH]
      --listen <ADDR>      Overrides supergraph.listen, e.g. 0.0.0.0:4000
                           [env: APOLLO_ROUTER_LISTEN_ADDRESS]
      --log <LEVEL>        off, error, warn, info, debug or trace (default info)
                           [env: APOLLO_ROUTER_LOG]
      --dev                Development mode: introspection, the sandbox, subgraph errors
                           shown, hot reload [env: APOLLO_ROUTER_DEV]
      --workers <N>        Worker threads (default: one per core)
                           [env: APOLLO_ROUTER_IO_THREADS, then PLEXUS_WORKERS]
      --hr, --hot-reload   Reloads the supergraph and configuration files when they
                           change [env: APOLLO_ROUTER_HOT_RELOAD]
  -V, --version            Prints the version
  -h, --help               Prints this help
)";

using Level = plexus::log::Level;

// Startup and lifecycle lines go through the process logger (src/telemetry/log.h): stdout, text
// on a terminal and JSON otherwise unless router.yaml says (telemetry.exporters.logging.stdout).
void log(Level level, std::string_view message) { plexus::log::write(level, message); }

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

bool truthy(const std::optional<std::string>& value) {
  return value && *value != "0" && *value != "false";
}

struct Flags {
  std::optional<std::string> supergraph = env("APOLLO_ROUTER_SUPERGRAPH_PATH");
  std::optional<std::string> config = env("APOLLO_ROUTER_CONFIG_PATH");
  std::optional<std::string> listen = env("APOLLO_ROUTER_LISTEN_ADDRESS");
  std::optional<std::string> log = env("APOLLO_ROUTER_LOG");
  // Apollo Router's (undocumented) name for its I/O thread count wins over Plexus's own.
  std::optional<std::string> workers =
      env("APOLLO_ROUTER_IO_THREADS") ? env("APOLLO_ROUTER_IO_THREADS") : env("PLEXUS_WORKERS");
  bool dev = truthy(env("APOLLO_ROUTER_DEV"));
  bool hot_reload = truthy(env("APOLLO_ROUTER_HOT_RELOAD"));
};

// Parses argv into `flags`; returns an exit status to stop with, or nullopt to run.
std::optional<int> parseFlags(int argc, char** argv, Flags& flags) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::optional<std::string_view> inline_value;
    if (arg.starts_with("--")) {
      if (size_t eq = arg.find('='); eq != std::string_view::npos) {
        inline_value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
      }
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return std::string(*inline_value);
      if (i + 1 < args.size()) return std::string(args[++i]);
      std::cerr << "router: " << arg << " needs a value\n\n" << kUsage;
      return std::nullopt;
    };
    std::optional<std::string>* target = nullptr;
    if (arg == "-s" || arg == "--supergraph") target = &flags.supergraph;
    if (arg == "-c" || arg == "--config") target = &flags.config;
    if (arg == "--listen") target = &flags.listen;
    if (arg == "--log") target = &flags.log;
    if (arg == "--workers") target = &flags.workers;
    if (target != nullptr) {
      std::optional<std::string> v = value();
      if (!v) return 2;
      *target = std::move(v);
    } else if (arg == "--dev") {
      flags.dev = true;
    } else if (arg == "--hr" || arg == "--hot-reload") {
      flags.hot_reload = true;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "-V" || arg == "--version") {
      std::cout << "router (plexus) " << kVersion << "\n";
      return 0;
    } else {
      std::cerr << "router: unexpected argument '" << arg << "'\n\n" << kUsage;
      return 2;
    }
  }
  return std::nullopt;
}

// Each connection holds a descriptor, and the usual soft limit (1024) is far below what a router
// serves; the hard limit is what the administrator granted. Returns the limit now in force.
rlim_t raiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) return raised.rlim_cur;
  }
  return limit.rlim_cur;
}

StatusOr<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot read supergraph file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int run(const Flags& flags) {
  plexus::log::Options log_options;
  if (flags.log) {
    StatusOr<Level> level = plexus::log::parseLevel(*flags.log);
    if (!level.ok()) {
      std::cerr << "router: --log: " << level.status().message() << "\n";
      return 2;
    }
    log_options.level = *level;
  }
  plexus::log::configure(log_options);
  if (!flags.supergraph) {
    log(Level::kError,
        "no supergraph: pass --supergraph <file> or set APOLLO_ROUTER_SUPERGRAPH_PATH");
    return 1;
  }
  int workers = 0;
  if (flags.workers) {
    workers = std::atoi(flags.workers->c_str());
    if (workers <= 0 || workers > 1024) {
      log(Level::kError,
          "--workers / APOLLO_ROUTER_IO_THREADS / PLEXUS_WORKERS: expected a positive number, "
          "found '" +
              *flags.workers + "'");
      return 1;
    }
  }

  config::RouterConfig config;
  if (flags.config) {
    StatusOr<config::RouterConfig> loaded = config::loadRouterConfig(*flags.config);
    if (!loaded.ok()) {
      log(Level::kError, "invalid configuration:\n" + loaded.status().message());
      return 1;
    }
    config = std::move(*loaded);
    // telemetry.exporters.logging.stdout: the format for a terminal and otherwise, or off.
    auto format = [](const std::optional<std::string>& name) -> std::optional<plexus::log::Format> {
      if (!name) return std::nullopt;
      return *name == "json" ? plexus::log::Format::kJson : plexus::log::Format::kText;
    };
    log_options.format = format(config.logging.format);
    log_options.tty_format = format(config.logging.tty_format);
    if (!config.logging.enabled) log_options.level = Level::kOff;
    plexus::log::configure(log_options);
  }
  std::optional<config::ListenAddress> listen;
  if (flags.listen) {
    StatusOr<config::ListenAddress> parsed = config::parseListenAddress(*flags.listen);
    if (!parsed.ok()) {
      log(Level::kError, "--listen: " + parsed.status().message());
      return 1;
    }
    listen = std::move(*parsed);
  }
  // The command line wins over the file, at start and at every reload.
  auto adjust_config = [listen, dev = flags.dev](config::RouterConfig& loaded) {
    if (listen) loaded.supergraph.listen = *listen;
    if (dev) {
      // Apollo Router's --dev: introspection, the sandbox instead of the homepage, subgraph
      // errors shown, and hot reload (below).
      loaded.supergraph.introspection = true;
      loaded.landing.sandbox = true;
      loaded.landing.homepage = false;
      loaded.include_subgraph_errors.all = true;
    }
  };
  adjust_config(config);
  for (const std::string& section : config.ignored_sections) {
    log(Level::kWarn, "configuration: '" + section + "' is not implemented yet and is ignored");
  }

  StatusOr<std::string> sdl = readFile(*flags.supergraph);
  if (!sdl.ok()) {
    log(Level::kError, sdl.status().message());
    return 1;
  }
  auto supergraph = federation::Supergraph::fromSdl(std::move(*sdl), *flags.supergraph);
  if (!supergraph.ok()) {
    log(Level::kError, "invalid supergraph:\n" + supergraph.status().message());
    return 1;
  }

  rlim_t open_files = raiseOpenFileLimit();
  log(Level::kDebug, "open file limit: " + std::to_string(open_files));

  // Workers inherit this mask, so only sigwait below sees SIGTERM and SIGINT.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto router = server::Router::start(server::RouterOptions{
      .config = std::move(config), .supergraph = std::move(*supergraph), .workers = workers});
  if (!router.ok()) {
    log(Level::kError, "cannot start: " + router.status().message());
    return 1;
  }
  log(Level::kInfo, "listening on " + (*router)->url() + " (" +
                        std::to_string((*router)->workers()) + " workers)");

  std::unique_ptr<server::HotReloader> reloader;
  if (flags.hot_reload || flags.dev) {
    reloader = server::HotReloader::start(
        **router,
        server::HotReloadOptions{.supergraph_path = *flags.supergraph,
                                 .config_path = flags.config,
                                 .adjust_config = adjust_config,
                                 .log = [](plexus::log::Level level, std::string_view message) {
                                   log(level, message);
                                 }});
    log(Level::kInfo, "hot reload: watching " + *flags.supergraph +
                          (flags.config ? " and " + *flags.config : std::string()));
  }

  int signal = 0;
  sigwait(&stop_signals, &signal);
  log(Level::kInfo,
      std::string("received ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT") + ", shutting down");
  if (reloader) reloader->stop();
  (*router)->stop(kShutdownGrace);
  log(Level::kInfo, "stopped");
  return 0;
}

// `router config validate FILE...`: loads each router.yaml as the router would (environment
// expansion included) and reports every problem; exit 1 when any file is invalid.
int validateConfigs(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: router config validate FILE...\n";
    return 2;
  }
  int status = 0;
  for (int i = 3; i < argc; ++i) {
    StatusOr<config::RouterConfig> loaded = config::loadRouterConfig(argv[i]);
    if (!loaded.ok()) {
      std::cerr << loaded.status().message() << "\n";
      status = 1;
      continue;
    }
    // The plugins' sections, by the plugins linked into this binary.
    auto plugins = plugins::readPluginConfigs(loaded->plugins);
    if (!plugins.ok()) {
      std::cerr << plugins.status().message() << "\n";
      status = 1;
      continue;
    }
    std::cout << argv[i] << ": valid";
    if (!loaded->ignored_sections.empty()) {
      std::cout << " (accepted but not implemented yet:";
      for (const std::string& section : loaded->ignored_sections) std::cout << " " << section;
      std::cout << ")";
    }
    std::cout << "\n";
  }
  return status;
}

}  // namespace

namespace plexus {

int routerMain(int argc, char** argv) {
  // `router project create`, `router plugin create|remove` (src/server/scaffold.h).
  if (argc >= 2 &&
      (std::string_view(argv[1]) == "project" || std::string_view(argv[1]) == "plugin")) {
    return server::scaffold::runCommand(argc, argv);
  }
  // `router rhai run FILE`: a standalone Rhai script, as Rhai's rhai-run (run_command.h).
  // `router rhai test PATH`: scripts' unit tests, as Apollo's rhai-test (test_runner.h).
  if (argc >= 2 && std::string_view(argv[1]) == "rhai") {
    if (argc == 4 && std::string_view(argv[2]) == "test") {
      return plugins::rhai::runRhaiTests(argv[3], std::cout);
    }
    if (argc != 4 || std::string_view(argv[2]) != "run") {
      std::cerr << "router: usage: router rhai run FILE | router rhai test PATH\n";
      return 2;
    }
    return rhai::runRhaiScript(argv[3], std::cout, std::cerr);
  }
  if (argc >= 3 && std::string_view(argv[1]) == "config") {
    if (std::string_view(argv[2]) == "validate") return validateConfigs(argc, argv);
    // `router config schema`: the JSON Schema of router.yaml, as Apollo Router prints it.
    if (std::string_view(argv[2]) == "schema") {
      if (argc != 3) {
        std::cerr << "usage: router config schema\n";
        return 2;
      }
      json::Value schema = plugins::withPluginSchemas(config::routerConfigSchema());
      std::cout << json::serialize(schema, {.indent = 2}) << "\n";
      return 0;
    }
    std::cerr << "router config: unknown command '" << argv[2] << "' (have: validate, schema)\n";
    return 2;
  }
  Flags flags;
  if (std::optional<int> exit_status = parseFlags(argc, argv, flags)) return *exit_status;
  return run(flags);
}

}  // namespace plexus
