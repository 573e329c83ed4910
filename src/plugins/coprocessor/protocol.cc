#include "src/plugins/coprocessor/protocol.h"

#include <algorithm>
#include <array>
#include <utility>

namespace plexus::plugins::coprocessor {

namespace {

// Apollo Router's src/context/deprecated.rs: v2 name → v1 name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 23> kDeprecatedKeys = {{
    {"apollo::supergraph::operation_name", "operation_name"},
    {"apollo::supergraph::operation_kind", "operation_kind"},
    {"apollo::authentication::jwt_claims", "apollo_authentication::JWT::claims"},
    {"apollo::authorization::authentication_required",
     "apollo_authorization::authenticated::required"},
    {"apollo::authorization::required_scopes", "apollo_authorization::scopes::required"},
    {"apollo::authorization::required_policies", "apollo_authorization::policies::required"},
    {"apollo::supergraph::operation_id", "apollo_operation_id"},
    {"apollo::progressive_override::unresolved_labels", "apollo_override::unresolved_labels"},
    {"apollo::progressive_override::labels_to_override", "apollo_override::labels_to_override"},
    {"apollo::supergraph::first_event", "apollo_router::supergraph::first_event"},
    {"apollo::telemetry::client_name", "apollo_telemetry::client_name"},
    {"apollo::telemetry::client_version", "apollo_telemetry::client_version"},
    {"apollo::telemetry::studio_exclude", "apollo_telemetry::studio::exclude"},
    {"apollo::telemetry::subgraph_ftv1", "apollo_telemetry::subgraph_ftv1"},
    {"apollo::demand_control::estimated_cost", "cost.estimated"},
    {"apollo::demand_control::actual_cost", "cost.actual"},
    {"apollo::demand_control::result", "cost.result"},
    {"apollo::demand_control::strategy", "cost.strategy"},
    {"apollo::expose_query_plan::enabled", "experimental::expose_query_plan.enabled"},
    {"apollo::expose_query_plan::formatted_plan", "experimental::expose_query_plan.formatted_plan"},
    {"apollo::expose_query_plan::plan", "experimental::expose_query_plan.plan"},
    {"apollo::apq::cache_hit", "persisted_query_hit"},
    {"apollo::apq::registered", "persisted_query_register"},
}};

Status stageError(std::string message) { return Status::error(std::move(message)); }

StatusOr<Control> parseControl(const json::Value& control) {
  if (control.isString() && control.asString() == "continue") return Control{};
  if (const json::Value* status = control.find("break"); status && control.asObject().size() == 1) {
    if (!status->isInt() || status->asInt() < 100 || status->asInt() > 999) {
      return stageError("invalid HTTP status code in `control`: " + json::serialize(*status));
    }
    return Control{.is_break = true, .status = static_cast<int>(status->asInt())};
  }
  return stageError("`control` must be \"continue\" or {\"break\": <status>}, found " +
                    json::serialize(control));
}

StatusOr<http::Headers> parseHeaders(const json::Value& headers) {
  if (!headers.isObject()) return stageError("`headers` must be an object of arrays of strings");
  http::Headers out;
  for (const auto& [name, values] : headers.asObject()) {
    if (!http::isValidHeaderName(name)) return stageError("invalid header name: " + name);
    if (http::equalsIgnoreCase(name, "content-length")) continue;  // always recomputed
    if (!values.isArray()) return stageError("header " + name + ": values must be an array");
    for (const json::Value& v : values.asArray()) {
      if (!v.isString() || !http::isValidHeaderValue(v.asString()))
        return stageError("invalid value for header " + name + ": " + json::serialize(v));
      out.add(name, v.asString());
    }
  }
  return out;
}

}  // namespace

std::string_view stageName(Stage stage) {
  switch (stage) {
    case Stage::kRouterRequest: return "RouterRequest";
    case Stage::kRouterResponse: return "RouterResponse";
    case Stage::kSupergraphRequest: return "SupergraphRequest";
    case Stage::kSupergraphResponse: return "SupergraphResponse";
    case Stage::kExecutionRequest: return "ExecutionRequest";
    case Stage::kExecutionResponse: return "ExecutionResponse";
    case Stage::kSubgraphRequest: return "SubgraphRequest";
    case Stage::kSubgraphResponse: return "SubgraphResponse";
  }
  return "?";
}

bool isRequestStage(Stage stage) {
  return stage == Stage::kRouterRequest || stage == Stage::kSupergraphRequest ||
         stage == Stage::kExecutionRequest || stage == Stage::kSubgraphRequest;
}

json::Value envelopeFor(Stage stage, std::string_view context_id) {
  json::Value out = json::Value::object();
  out["version"] = 1;
  out["stage"] = stageName(stage);
  if (isRequestStage(stage)) out["control"] = "continue";
  out["id"] = context_id;
  return out;
}

json::Value headersToJson(const http::Headers& headers) {
  json::Value out = json::Value::object();
  for (const auto& [name, value] : headers) {
    json::Value& values = out[name];
    if (values.isNull()) values = json::Value::array();
    values.push(json::Value(value));
  }
  return out;
}

std::string_view deprecatedContextKey(std::string_view v2_key) {
  for (const auto& [current, old] : kDeprecatedKeys) {
    if (current == v2_key) return old;
  }
  return v2_key;
}

std::string_view currentContextKey(std::string_view v1_key) {
  for (const auto& [current, old] : kDeprecatedKeys) {
    if (old == v1_key) return current;
  }
  return v1_key;
}

json::Value contextToJson(const Context& context, const ContextSelection& selection,
                          std::vector<std::string>* sent_keys) {
  json::Value entries = json::Value::object();
  for (auto& [key, value] : context.entries()) {
    if (selection.mode == ContextSelection::Mode::kSelective &&
        std::find(selection.keys.begin(), selection.keys.end(), key) == selection.keys.end()) {
      continue;
    }
    std::string_view name =
        selection.mode == ContextSelection::Mode::kDeprecated ? deprecatedContextKey(key) : key;
    entries[name] = value;
    if (sent_keys) sent_keys->push_back(key);
  }
  json::Value out = json::Value::object();
  out["entries"] = std::move(entries);
  return out;
}

StatusOr<Output> parseReply(std::string_view body, Stage sent) {
  StatusOr<json::Value> parsed = json::parse(body);
  if (!parsed.ok()) return stageError("the reply is not JSON: " + parsed.status().message());
  const json::Value& reply = *parsed;
  if (!reply.isObject()) return stageError("the reply is not a JSON object");
  const json::Value* version = reply.find("version");
  if (!version) return stageError("the reply has no `version`");
  if (!version->isInt() || version->asInt() != 1) {
    // Apollo's wording, as the log shows it.
    return stageError("Coprocessor returned the wrong version: expected `1` found `" +
                      json::serialize(*version) + "`");
  }
  const json::Value* stage = reply.find("stage");
  if (!stage) return stageError("the reply has no `stage`");
  if (!stage->isString() || stage->asString() != stageName(sent)) {
    std::string found = stage->isString() ? stage->asString() : json::serialize(*stage);
    return stageError("Coprocessor returned the wrong stage: expected `" +
                      std::string(stageName(sent)) + "` found `" + found + "`");
  }
  Output out;
  if (const json::Value* control = reply.find("control"); control && !control->isNull()) {
    StatusOr<Control> parsed_control = parseControl(*control);
    if (!parsed_control.ok()) return parsed_control.status();
    out.control = *parsed_control;
  } else if (isRequestStage(sent)) {
    return stageError(
        "Coprocessor response is missing the `control` parameter in the `" +
        std::string(stageName(sent)) +
        "` stage. You must specify \"control\": \"Continue\" or \"control\": \"Break\"");
  }
  if (const json::Value* headers = reply.find("headers"); headers && !headers->isNull()) {
    StatusOr<http::Headers> parsed_headers = parseHeaders(*headers);
    if (!parsed_headers.ok()) return parsed_headers.status();
    out.headers = std::move(*parsed_headers);
  }
  if (const json::Value* body_value = reply.find("body"); body_value && !body_value->isNull())
    out.body = *body_value;
  if (const json::Value* context = reply.find("context"); context && !context->isNull()) {
    const json::Value* entries = context->find("entries");
    if (!context->isObject() || (entries && !entries->isObject()))
      return stageError("`context` must be {\"entries\": {…}}");
    out.context_entries = entries ? *entries : json::Value::object();
  }
  if (const json::Value* uri = reply.find("uri"); uri && !uri->isNull()) {
    if (!uri->isString()) return stageError("`uri` must be a string");
    out.uri = uri->asString();
  }
  return out;
}

void mergeContext(Context& context, const json::Value& entries, const ContextSelection& selection,
                  bool response_stage, const std::vector<std::string>& sent_keys) {
  bool deprecated = selection.mode == ContextSelection::Mode::kDeprecated;
  std::vector<std::string> returned;
  for (const auto& [key, value] : entries.asObject()) {
    std::string name(deprecated ? currentContextKey(key) : std::string_view(key));
    returned.push_back(name);
    context.insert(std::move(name), value);
  }
  if (!response_stage) return;
  for (const std::string& key : sent_keys) {
    if (std::find(returned.begin(), returned.end(), key) == returned.end()) context.remove(key);
  }
}

}  // namespace plexus::plugins::coprocessor
