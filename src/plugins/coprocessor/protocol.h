// Apollo Router's external coprocessor protocol (v2.13, shared/reference/COPROCESSOR.md): the
// JSON envelope each stage sends, the checks on the coprocessor's reply, and the merge rules
// that apply a reply to the request or response. Transport-free and pure, so every rule is unit
// tested on its own; the plugin (coprocessor_plugin.h) does the calls.
//
//   json::Value envelope = envelopeFor(Stage::kSubgraphRequest, context_id);
//   envelope["headers"] = headersToJson(request.http.headers);
//   StatusOr<Output> reply = parseReply(coprocessor_body, Stage::kSubgraphRequest);
//   if (!reply.ok()) … // "coprocessor: SubgraphRequest stage error: …"
//   if (reply->headers) request.http.headers = *reply->headers;  // content-length dropped
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "include/plexus/context.h"
#include "src/common/status.h"
#include "src/http/message.h"
#include "src/json/value.h"

namespace plexus::plugins::coprocessor {

enum class Stage : uint8_t {
  kRouterRequest,
  kRouterResponse,
  kSupergraphRequest,
  kSupergraphResponse,
  kExecutionRequest,
  kExecutionResponse,
  kSubgraphRequest,
  kSubgraphResponse,
};

std::string_view stageName(Stage stage);  // "SubgraphRequest"
bool isRequestStage(Stage stage);

// {"version":1,"stage":…,"id":…} plus "control":"continue" on request stages (response stages
// send none, as Apollo's code does).
json::Value envelopeFor(Stage stage, std::string_view context_id);

// `headers`: {"name": ["value", …]} in order, names lower-case, repeated names in one array.
json::Value headersToJson(const http::Headers& headers);

// What `context` sends (config `context:`): nothing, every key, every key with v1 names, or the
// listed keys.
struct ContextSelection {
  enum class Mode : uint8_t { kNone, kAll, kDeprecated, kSelective } mode = Mode::kNone;
  std::vector<std::string> keys;  // kSelective
};
// {"entries": {…}} for the selected keys; also returns the keys sent (response-stage deletes).
json::Value contextToJson(const Context& context, const ContextSelection& selection,
                          std::vector<std::string>* sent_keys = nullptr);
// v2 ↔ v1 context key names (the `deprecated` mode); unknown keys are unchanged.
std::string_view deprecatedContextKey(std::string_view v2_key);
std::string_view currentContextKey(std::string_view v1_key);

struct Control {
  bool is_break = false;
  int status = 200;  // the break's status
};

// A checked reply. Absent fields mean "keep what was sent".
struct Output {
  std::optional<Control> control;        // required on request stages (checked)
  std::optional<http::Headers> headers;  // content-length already dropped
  std::optional<json::Value> body;
  std::optional<json::Value> context_entries;  // the "entries" object
  std::optional<std::string> uri;
};

// Checks the reply as Apollo's code does: JSON, an envelope with `version` 1 and the same
// `stage`, `control` present on request stages and valid ("continue" or {"break": 100–999}),
// header names and values valid. The error text is what gets logged.
StatusOr<Output> parseReply(std::string_view body, Stage sent);

// Applies returned context entries. Request stages upsert only; response stages also delete the
// keys that were sent but not returned (`sent_keys`; all of them when the mode sent everything).
void mergeContext(Context& context, const json::Value& entries, const ContextSelection& selection,
                  bool response_stage, const std::vector<std::string>& sent_keys);

}  // namespace plexus::plugins::coprocessor
