// The `coprocessor` section (Apollo Router v2's plugins/coprocessor config, COPROCESSOR.md §10):
// the eight stages, each accepting only its own keys, plus Plexus's on_error, detached and
// per-subgraph stages.
#include "src/config/sections.h"

namespace plexus::config {

bool CoprocessorStageConfig::active() const {
  return (condition && !isTrivial(*condition)) || headers || body.any() ||
         context.mode != CoprocessorContextConfig::Mode::kNone || sdl || path || method || uri ||
         service_name || subgraph_request_id || status_code || query_plan || url.has_value() ||
         on_error != OnError::kFail || detached;
}

const CoprocessorStageConfig& CoprocessorConfig::subgraphRequest(std::string_view subgraph) const {
  auto it = subgraphs.find(subgraph);
  return it != subgraphs.end() && it->second.request ? *it->second.request : subgraph_all.request;
}

const CoprocessorStageConfig& CoprocessorConfig::subgraphResponse(std::string_view subgraph) const {
  auto it = subgraphs.find(subgraph);
  return it != subgraphs.end() && it->second.response ? *it->second.response
                                                      : subgraph_all.response;
}

namespace sections {

using namespace describe;
using Stage = CoprocessorStageConfig;

namespace {

std::optional<std::string> urlProblem(const std::string& url) {
  if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
    if (url.find_first_of("/", url.find("//") + 2) == url.find("//") + 2)
      return "has no host: \"" + url + "\"";
    return std::nullopt;
  }
  if (url.rfind("unix://", 0) == 0) {
    std::string path =
        url.substr(7, url.find('?') == std::string::npos ? std::string::npos : url.find('?') - 7);
    if (path.empty() || path.front() != '/')
      return "a unix:// URL needs an absolute socket path (unix:///run/copro.sock), found \"" +
             url + "\"";
    return std::nullopt;
  }
  return "expected an http://, https:// or unix:/// URL, found \"" + url + "\"";
}

// `context`: false | true | all | deprecated | {selective: [key, …]}.
Type<CoprocessorContextConfig> contextType() {
  using Mode = CoprocessorContextConfig::Mode;
  Type<std::vector<std::string>> keys = listOf(string());
  Type<CoprocessorContextConfig> type;
  type.read = [keys](const YamlNode& node, const std::string& path, ReadContext& context,
                     CoprocessorContextConfig& value) {
    if (node.isMapping()) {
      detail::readMapping(node, path, context, {"selective"}, {},
                          [&](size_t, const YamlNode& list, const std::string& at) {
                            value.mode = Mode::kSelective;
                            keys.read(list, at, context, value.keys);
                          });
      return;
    }
    std::optional<std::string> text =
        context.scalar(node, path, "false, true, all, deprecated or {selective: [keys]}");
    if (!text) return;
    if (*text == "false") {
      value.mode = Mode::kNone;
    } else if (*text == "true" || *text == "deprecated") {
      value.mode = Mode::kDeprecated;  // Apollo: `true` is the deprecated alias of `deprecated`
    } else if (*text == "all") {
      value.mode = Mode::kAll;
    } else {
      context.error(
          node, path,
          "expected false, true, all, deprecated or {selective: [keys]}, found \"" + *text + "\"");
    }
  };
  type.schema = [](const CoprocessorContextConfig*) {
    return *json::parse(R"({"oneOf":[{"type":"boolean"},{"enum":["all","deprecated"]},)"
                        R"({"type":"object","properties":{"selective":{"type":"array",)"
                        R"("items":{"type":"string"}}},"required":["selective"],)"
                        R"("additionalProperties":false}]})");
  };
  type.to_json = [](const CoprocessorContextConfig& value) {
    return value.mode == Mode::kNone ? json::Value(false) : json::Value();
  };
  return type;
}

// `body`: a boolean, or on response stages also {data, errors, extensions}.
Type<CoprocessorBodyConfig> bodyType(bool selective_allowed) {
  Type<bool> flag = boolean();
  Type<CoprocessorBodyConfig> parts =
      Object<CoprocessorBodyConfig>("The parts of the GraphQL response to send")
          .field("data", &CoprocessorBodyConfig::data, boolean(), "Sends `data`")
          .field("errors", &CoprocessorBodyConfig::errors, boolean(), "Sends `errors`")
          .field("extensions", &CoprocessorBodyConfig::extensions, boolean(), "Sends `extensions`")
          .type();
  Type<CoprocessorBodyConfig> type;
  type.read = [=](const YamlNode& node, const std::string& path, ReadContext& context,
                  CoprocessorBodyConfig& value) {
    if (selective_allowed && node.isMapping()) {
      value = CoprocessorBodyConfig{};
      parts.read(node, path, context, value);
      value.selective = true;
      return;
    }
    bool on = value.any();
    flag.read(node, path, context, on);
    value = CoprocessorBodyConfig{on, on, on, false};
  };
  type.schema = [=](const CoprocessorBodyConfig*) {
    json::Value boolean_schema = json::Value::object();
    boolean_schema["type"] = "boolean";
    if (!selective_allowed) return boolean_schema;
    json::Value schema = json::Value::object();
    schema["oneOf"] = json::Value::array();
    schema["oneOf"].push(std::move(boolean_schema));
    schema["oneOf"].push(parts.schema(nullptr));
    return schema;
  };
  type.to_json = [](const CoprocessorBodyConfig& value) { return json::Value(value.any()); };
  return type;
}

enum Key : uint32_t {
  kCondition = 1 << 0,
  kHeaders = 1 << 1,
  kBody = 1 << 2,
  kSelectiveBody = 1 << 3,
  kContext = 1 << 4,
  kSdl = 1 << 5,
  kPath = 1 << 6,
  kMethod = 1 << 7,
  kUri = 1 << 8,
  kServiceName = 1 << 9,
  kSubgraphRequestId = 1 << 10,
  kStatusCode = 1 << 11,
  kQueryPlan = 1 << 12,
};

// One stage's keys: the common ones, then those `keys` selects, then Plexus's.
Type<Stage> stageType(const std::string& doc, uint32_t keys, ConditionLevel level) {
  Object<Stage> object(doc);
  if (keys & kCondition) {
    object.field("condition", &Stage::condition, optional(condition(level)),
                 "Calls the coprocessor only when this holds (telemetry condition language)");
  }
  object.field("headers", &Stage::headers, boolean(), "Sends the headers")
      .field("body", &Stage::body, bodyType(keys & kSelectiveBody),
             (keys & kSelectiveBody) ? "Sends the body: true, or the parts {data, errors, "
                                       "extensions}"
                                     : "Sends the body")
      .field("context", &Stage::context, contextType(),
             "Sends the context: false, all, deprecated (v1 key names) or {selective: [keys]}");
  struct Flag {
    Key key;
    const char* name;
    bool Stage::*member;
    const char* doc;
  };
  static constexpr Flag kFlags[] = {
      {kSdl, "sdl", &Stage::sdl, "Sends the supergraph schema (`sdl`)"},
      {kPath, "path", &Stage::path, "Sends the request path and query (`path`)"},
      {kMethod, "method", &Stage::method, "Sends the HTTP method (`method`)"},
      {kUri, "uri", &Stage::uri, "Sends the subgraph URL (`uri`); a returned `uri` re-targets"},
      {kServiceName, "service_name", &Stage::service_name, "Sends the subgraph name"},
      {kSubgraphRequestId, "subgraph_request_id", &Stage::subgraph_request_id,
       "Sends the fetch's id (`subgraphRequestId`)"},
      {kStatusCode, "status_code", &Stage::status_code, "Sends the HTTP status (`statusCode`)"},
      {kQueryPlan, "query_plan", &Stage::query_plan, "Sends the query plan (`queryPlan`)"},
  };
  for (const Flag& flag : kFlags) {
    if (keys & flag.key) object.field(flag.name, flag.member, boolean(), flag.doc);
  }
  return object
      .field("url", &Stage::url, optional(validated<std::string>(string(), urlProblem)),
             "This stage's coprocessor URL")
      .field("on_error", &Stage::on_error,
             scalar<Stage::OnError>(
                 "fail or continue", *json::parse(R"({"enum":["fail","continue"]})"),
                 [](const Scalar& s) -> StatusOr<Stage::OnError> {
                   if (s.text == "fail") return Stage::OnError::kFail;
                   if (s.text == "continue") return Stage::OnError::kContinue;
                   return Status::error("expected fail or continue, found " + s.found);
                 },
                 [](const Stage::OnError& v) {
                   return json::Value(v == Stage::OnError::kFail ? "fail" : "continue");
                 }),
             "When the call fails: fail (Apollo's behaviour) or continue unchanged (Plexus)")
      .field("detached", &Stage::detached, boolean(),
             "Sends without waiting for the reply, which is not applied (Plexus)")
      .type();
}

constexpr uint32_t kCommon = kCondition | kHeaders | kBody | kContext;

Type<CoprocessorStagePair> pairType(const std::string& doc, const Type<Stage>& request,
                                    const Type<Stage>& response) {
  return Object<CoprocessorStagePair>(doc)
      .field("request", &CoprocessorStagePair::request, request, "The request stage")
      .field("response", &CoprocessorStagePair::response, response, "The response stage")
      .type();
}

}  // namespace

Type<CoprocessorConfig> coprocessor() {
  Type<Stage> router_request =
      stageType("RouterRequest", kCommon | kSdl | kPath | kMethod, ConditionLevel::kRouter);
  Type<Stage> router_response =
      stageType("RouterResponse", kCommon | kSdl | kStatusCode, ConditionLevel::kRouter);
  Type<Stage> supergraph_request =
      stageType("SupergraphRequest", kCommon | kSdl | kMethod, ConditionLevel::kSupergraph);
  Type<Stage> supergraph_response =
      stageType("SupergraphResponse", kCommon | kSelectiveBody | kSdl | kStatusCode,
                ConditionLevel::kSupergraph);
  // Apollo has no condition at the execution stages.
  Type<Stage> execution_request =
      stageType("ExecutionRequest", kHeaders | kBody | kContext | kSdl | kMethod | kQueryPlan,
                ConditionLevel::kSupergraph);
  Type<Stage> execution_response = stageType(
      "ExecutionResponse", kHeaders | kBody | kSelectiveBody | kContext | kSdl | kStatusCode,
      ConditionLevel::kSupergraph);
  Type<Stage> subgraph_request =
      stageType("SubgraphRequest", kCommon | kUri | kMethod | kServiceName | kSubgraphRequestId,
                ConditionLevel::kSubgraph);
  Type<Stage> subgraph_response =
      stageType("SubgraphResponse",
                kCommon | kSelectiveBody | kServiceName | kStatusCode | kSubgraphRequestId,
                ConditionLevel::kSubgraph);

  Type<CoprocessorSubgraphOverride> one_subgraph =
      Object<CoprocessorSubgraphOverride>("This subgraph's stages, instead of `all`'s")
          .field("request", &CoprocessorSubgraphOverride::request, optional(subgraph_request),
                 "SubgraphRequest for this subgraph ({} : none)")
          .field("response", &CoprocessorSubgraphOverride::response, optional(subgraph_response),
                 "SubgraphResponse for this subgraph ({} : none)")
          .type();
  Type<CoprocessorConfig> subgraph =
      Object<CoprocessorConfig>("Subgraph stages, once per fetch")
          .field("all", &CoprocessorConfig::subgraph_all,
                 pairType("Every subgraph", subgraph_request, subgraph_response),
                 "Stages for every subgraph")
          .field("subgraphs", &CoprocessorConfig::subgraphs, mapOf(one_subgraph),
                 "Per-subgraph stages that replace `all`'s (Plexus)")
          .type();
  Type<CoprocessorConfig> client =
      Object<CoprocessorConfig>("The HTTP client that calls the coprocessor")
          .field("experimental_http2", &CoprocessorConfig::experimental_http2,
                 enumeration({"enable", "disable", "http2only"}),
                 "HTTP/2: enable (ALPN on https), disable, or http2only (h2c on http://)")
          .ignored({"dns_resolution_strategy"})
          .type();
  Type<std::string> url = validated<std::string>(string(), urlProblem);
  return Object<CoprocessorConfig>("External coprocessor (Apollo's JSON-over-HTTP protocol)")
      .field("url", &CoprocessorConfig::url, url, "Coprocessor URL")
      .required()
      .field("timeout", &CoprocessorConfig::timeout, duration(), "Time limit of each call")
      .field("response_validation", &CoprocessorConfig::response_validation, boolean(),
             "Checks that returned GraphQL responses are valid")
      .field("client", itself, client, "Client options")
      .field("router", &CoprocessorConfig::router,
             pairType("Router stages (raw HTTP)", router_request, router_response),
             "RouterRequest and RouterResponse")
      .field("supergraph", &CoprocessorConfig::supergraph,
             pairType("Supergraph stages (GraphQL)", supergraph_request, supergraph_response),
             "SupergraphRequest and SupergraphResponse")
      .field("execution", &CoprocessorConfig::execution,
             pairType("Execution stages (query plan)", execution_request, execution_response),
             "ExecutionRequest and ExecutionResponse")
      .field("subgraph", itself, subgraph, "SubgraphRequest and SubgraphResponse")
      .field("detached_queue", &CoprocessorConfig::detached_queue, integer<uint32_t>(1),
             "Detached calls in flight per worker; more are dropped and counted (Plexus)")
      .ignored({"connector"})
      .type();
}

}  // namespace sections
}  // namespace plexus::config
