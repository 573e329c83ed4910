// coprocessor: Apollo Router's external coprocessor (shared/reference/COPROCESSOR.md §10), read by
// sections::coprocessor() (sections_coprocessor.cc) and run by src/plugins/coprocessor. One
// StageConfig shape serves all eight stages; each stage's reader accepts only the keys Apollo
// accepts there. Beyond Apollo: `on_error` and `detached` per stage, and per-subgraph stages
// (`subgraph.subgraphs.<name>`).
//
//   coprocessor:
//     url: http://127.0.0.1:8081
//     router: { request: { headers: true, on_error: continue } }
//     subgraph:
//       all: { request: { headers: true, service_name: true } }
//       subgraphs: { inventory: { request: { headers: true, uri: true } } }
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/config/condition.h"

namespace plexus::config {

// What `context:` sends: false (nothing), true/deprecated (v1 key names), all, {selective: […]}.
struct CoprocessorContextConfig {
  enum class Mode : uint8_t { kNone, kAll, kDeprecated, kSelective } mode = Mode::kNone;
  std::vector<std::string> keys;  // kSelective
  friend bool operator==(const CoprocessorContextConfig&,
                         const CoprocessorContextConfig&) = default;
};

// What `body:` sends: `true` is every part; response stages also take {data, errors, extensions}.
struct CoprocessorBodyConfig {
  bool data = false;
  bool errors = false;
  bool extensions = false;
  bool selective = false;  // written as {data, errors, extensions}, not as `true`
  bool any() const { return data || errors || extensions; }
  friend bool operator==(const CoprocessorBodyConfig&, const CoprocessorBodyConfig&) = default;
};

struct CoprocessorStageConfig {
  std::optional<Condition> condition;  // absent: always
  bool headers = false;
  CoprocessorBodyConfig body;
  CoprocessorContextConfig context;
  bool sdl = false;
  bool path = false;
  bool method = false;
  bool uri = false;
  bool service_name = false;
  bool subgraph_request_id = false;
  bool status_code = false;
  bool query_plan = false;
  std::optional<std::string> url;  // overrides coprocessor.url for this stage
  // Plexus: what a failed call does. kFail is Apollo's behaviour (500 or a fetch error);
  // kContinue goes on with the request or response as it was (fail-open).
  enum class OnError : uint8_t { kFail, kContinue } on_error = OnError::kFail;
  // Plexus: send without waiting (fire-and-forget); the reply is not applied.
  bool detached = false;

  // Installed when anything differs from the defaults (Apollo: config != Default).
  bool active() const;
};

struct CoprocessorStagePair {
  CoprocessorStageConfig request;
  CoprocessorStageConfig response;
};

// subgraph.subgraphs.<name>: replaces `all`'s stage for that subgraph, stage by stage.
struct CoprocessorSubgraphOverride {
  std::optional<CoprocessorStageConfig> request;
  std::optional<CoprocessorStageConfig> response;
};

struct CoprocessorConfig {
  std::string url;  // required: http://, https:// or unix:///abs/path.sock[?path=/p]
  std::chrono::milliseconds timeout{1000};
  bool response_validation = true;
  std::string experimental_http2 = "enable";  // enable | disable | http2only
  CoprocessorStagePair router;
  CoprocessorStagePair supergraph;
  CoprocessorStagePair execution;
  CoprocessorStagePair subgraph_all;
  std::map<std::string, CoprocessorSubgraphOverride, std::less<>> subgraphs;
  uint32_t detached_queue = 1024;  // Plexus: detached calls in flight per worker; more are dropped

  // The subgraph stage for `subgraph`: its override, else `all`'s.
  const CoprocessorStageConfig& subgraphRequest(std::string_view subgraph) const;
  const CoprocessorStageConfig& subgraphResponse(std::string_view subgraph) const;
};

}  // namespace plexus::config
