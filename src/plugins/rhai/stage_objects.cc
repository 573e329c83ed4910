// Each stage's properties (RHAI_API.md §5.1–5.2), from Apollo's engine/registration/*.rs.
#include "src/plugins/rhai/stage_objects.h"

#include "src/federation/query_plan.h"
#include "src/graphql/ast.h"
#include "src/plugins/rhai/convert.h"
#include "src/plugins/rhai/objects.h"
#include "src/server/router_service.h"

namespace plexus::plugins::rhai {

namespace {

using plexus::rhai::Array;

template <typename T>
using Prop = typename StageObject<T>::Property;

Value contextOf(const Context& context) {
  return Value::host(std::make_shared<ContextObject>(context));
}
void setContext(Context& context, const Value& v) {
  const auto* object = hostAs<ContextObject>(v);
  if (object == nullptr) wrongType("context", "a Context", v);
  context = object->context;
}
Value headersOf(const http::Headers& headers) {
  return Value::host(std::make_shared<HeaderMapObject>(headers));
}
void setHeaders(http::Headers& headers, const Value& v) {
  const auto* object = hostAs<HeaderMapObject>(v);
  if (object == nullptr) wrongType("headers", "a HeaderMap", v);
  headers = object->headers;
}
Value uriOf(std::string_view text) { return Value::host(std::make_shared<UriObject>(text)); }
const UriObject& uriArg(const Value& v) {
  const auto* object = hostAs<UriObject>(v);
  if (object == nullptr) wrongType("uri", "a Uri", v);
  return *object;
}
Value methodOf(const std::string& method) {
  return Value::host(std::make_shared<MethodObject>(method));
}
Value statusOf(int status) { return Value::host(std::make_shared<StatusCodeObject>(status)); }

// The client's GraphQL request as a body object, and back.
Value requestBodyOf(const supergraph::Request& r) {
  auto body = std::make_shared<GraphQLRequestObject>();
  body->query = r.query;
  if (!r.operation_name.empty()) body->operation_name = r.operation_name;
  body->variables = r.variables;
  body->extensions = r.extensions;
  return Value::host(std::move(body));
}
void setRequestBody(supergraph::Request& r, const Value& v) {
  const auto* body = hostAs<GraphQLRequestObject>(v);
  if (body == nullptr) wrongType("body", "a graphql Request", v);
  r.query = body->query.value_or("");
  r.operation_name = body->operation_name.value_or("");
  r.variables = body->variables;
  r.extensions = body->extensions;
}
Value responseBodyOf(GraphQLBody& body) {
  return Value::host(std::make_shared<GraphQLResponseObject>(body.json()));
}
void setResponseBody(GraphQLBody& body, const Value& v) {
  const auto* object = hostAs<GraphQLResponseObject>(v);
  if (object == nullptr) wrongType("body", "a graphql Response", v);
  body.json() = object->body;
}

// The execution stage edits the client's request through a private copy (it is shared).
supergraph::Request& ownSupergraph(execution::Request& r) {
  auto copy = std::make_shared<supergraph::Request>(r.supergraph ? *r.supergraph
                                                                  : supergraph::Request{});
  supergraph::Request& out = *copy;
  r.supergraph = std::move(copy);
  return out;
}
const supergraph::Request& clientOf(const std::shared_ptr<const supergraph::Request>& r) {
  static const supergraph::Request empty;
  return r ? *r : empty;
}

// Plexus's addition: the parsed operation's name, kind and root fields.
void rootFields(const graphql::ast::Document& document, const graphql::ast::SelectionSet* set,
                Array& out) {
  if (set == nullptr) return;
  for (const graphql::ast::Selection* s : set->selections) {
    if (s->kind == graphql::ast::Kind::kField) {
      out.push_back(Value::string(std::string(static_cast<const graphql::ast::Field*>(s)->name)));
    } else if (s->kind == graphql::ast::Kind::kInlineFragment) {
      rootFields(document, static_cast<const graphql::ast::InlineFragment*>(s)->selection_set, out);
    } else if (s->kind == graphql::ast::Kind::kFragmentSpread) {
      std::string_view name = static_cast<const graphql::ast::FragmentSpread*>(s)->name;
      for (const graphql::ast::Definition* d : document.definitions) {
        if (d->kind != graphql::ast::Kind::kFragmentDefinition) continue;
        const auto* fragment = static_cast<const graphql::ast::FragmentDefinition*>(d);
        if (fragment->name == name) rootFields(document, fragment->selection_set, out);
      }
    }
  }
}
Value operationOf(const execution::Request& r) {
  if (!r.operation || !r.operation->operation) return Value();
  const graphql::ast::OperationDefinition& op = *r.operation->operation;
  plexus::rhai::Map out;
  out["name"] = op.name.empty() ? Value() : Value::string(std::string(op.name));
  out["kind"] = Value::string(std::string(graphql::ast::operationTypeName(op.operation)));
  Array fields;
  rootFields(*r.operation->document, op.selection_set, fields);
  out["root_fields"] = Value::array(std::move(fields));
  return Value::map(std::move(out));
}

// request.subgraph: the HTTP request to the subgraph (headers, body, uri).
class SubgraphHttpObject final : public HostObject {
 public:
  explicit SubgraphHttpObject(const subgraph::Request& r) : headers(r.http.headers), uri(r.uri) {
    auto parsed = json::parse(r.http.body);
    if (parsed.ok() && parsed->isObject()) {
      if (const json::Value* q = parsed->find("query"); q && q->isString()) body.query = q->asString();
      if (const json::Value* n = parsed->find("operationName"); n && n->isString())
        body.operation_name = n->asString();
      if (const json::Value* v = parsed->find("variables"); v && v->isObject()) body.variables = *v;
      if (const json::Value* e = parsed->find("extensions"); e && e->isObject())
        body.extensions = *e;
    }
  }
  std::string_view typeName() const override {
    return "http::request::Request<apollo_router::graphql::request::Request>";
  }
  std::shared_ptr<HostObject> clone() const override {
    return std::make_shared<SubgraphHttpObject>(*this);
  }
  std::optional<Value> get(std::string_view name) override {
    if (name == "headers") return headersOf(headers);
    if (name == "body") return Value::host(std::make_shared<GraphQLRequestObject>(body));
    if (name == "uri") return uriOf(uri);
    return std::nullopt;
  }
  bool set(std::string_view name, Value v) override {
    if (name == "headers") {
      setHeaders(headers, v);
    } else if (name == "body") {
      const auto* object = hostAs<GraphQLRequestObject>(v);
      if (object == nullptr) wrongType("body", "a graphql Request", v);
      body = *object;
    } else if (name == "uri") {
      uri = uriArg(v).text();
    } else {
      return false;
    }
    return true;
  }
  void applyTo(subgraph::Request& r) const {
    r.http.headers = headers;
    r.uri = uri;
    json::Value out = json::Value::object();
    if (body.query) out["query"] = *body.query;
    if (body.operation_name) out["operationName"] = *body.operation_name;
    if (!body.variables.asObject().empty()) out["variables"] = body.variables;
    if (!body.extensions.asObject().empty()) out["extensions"] = body.extensions;
    r.http.body = json::serialize(out);
  }

  http::Headers headers;
  std::string uri;
  GraphQLRequestObject body;
};

const Prop<router::Request> kRouterRequest[] = {
    {"context", [](router::Request& r) { return contextOf(r.context); },
     [](router::Request& r, const Value& v) { setContext(r.context, v); }},
    {"id", [](router::Request& r) { return Value::string(r.context.id()); }, nullptr},
    {"headers", [](router::Request& r) { return headersOf(r.http.headers); },
     [](router::Request& r, const Value& v) { setHeaders(r.http.headers, v); }},
    {"method", [](router::Request& r) { return methodOf(r.http.method); }, nullptr},
    {"uri", [](router::Request& r) { return uriOf(r.http.target); },
     [](router::Request& r, const Value& v) { r.http.target = uriArg(v).pathAndQuery(); }},
};
const Prop<router::Response> kRouterResponse[] = {
    {"context", [](router::Response& r) { return contextOf(r.context); },
     [](router::Response& r, const Value& v) { setContext(r.context, v); }},
    {"id", [](router::Response& r) { return Value::string(r.context.id()); }, nullptr},
    {"headers", [](router::Response& r) { return headersOf(r.http.headers); },
     [](router::Response& r, const Value& v) { setHeaders(r.http.headers, v); }},
    {"status_code", [](router::Response& r) { return statusOf(r.http.status); }, nullptr},
};
const Prop<supergraph::Request> kSupergraphRequest[] = {
    {"context", [](supergraph::Request& r) { return contextOf(r.context); },
     [](supergraph::Request& r, const Value& v) { setContext(r.context, v); }},
    {"id", [](supergraph::Request& r) { return Value::string(r.context.id()); }, nullptr},
    {"headers", [](supergraph::Request& r) { return headersOf(r.http.headers); },
     [](supergraph::Request& r, const Value& v) { setHeaders(r.http.headers, v); }},
    {"method", [](supergraph::Request& r) { return methodOf(r.http.method); }, nullptr},
    {"uri", [](supergraph::Request& r) { return uriOf(r.http.target); },
     [](supergraph::Request& r, const Value& v) { r.http.target = uriArg(v).pathAndQuery(); }},
    {"body", [](supergraph::Request& r) { return requestBodyOf(r); }, setRequestBody},
};
template <typename R>
constexpr Prop<R> kGraphQLResponse[] = {
    {"context", [](R& r) { return contextOf(r.context); },
     [](R& r, const Value& v) { setContext(r.context, v); }},
    {"id", [](R& r) { return Value::string(r.context.id()); }, nullptr},
    {"headers", [](R& r) { return headersOf(r.headers); },
     [](R& r, const Value& v) { setHeaders(r.headers, v); }},
    {"body", [](R& r) { return responseBodyOf(r.body); },
     [](R& r, const Value& v) { setResponseBody(r.body, v); }},
};
const Prop<execution::Request> kExecutionRequest[] = {
    {"context", [](execution::Request& r) { return contextOf(r.context); },
     [](execution::Request& r, const Value& v) { setContext(r.context, v); }},
    {"id", [](execution::Request& r) { return Value::string(r.context.id()); }, nullptr},
    {"headers", [](execution::Request& r) { return headersOf(clientOf(r.supergraph).http.headers); },
     [](execution::Request& r, const Value& v) { setHeaders(ownSupergraph(r).http.headers, v); }},
    {"method", [](execution::Request& r) { return methodOf(clientOf(r.supergraph).http.method); },
     nullptr},
    {"uri", [](execution::Request& r) { return uriOf(clientOf(r.supergraph).http.target); },
     [](execution::Request& r, const Value& v) {
       ownSupergraph(r).http.target = uriArg(v).pathAndQuery();
     }},
    {"body", [](execution::Request& r) { return requestBodyOf(clientOf(r.supergraph)); },
     [](execution::Request& r, const Value& v) { setRequestBody(ownSupergraph(r), v); }},
    {"query_plan",
     [](execution::Request& r) { return Value::string(r.plan ? r.plan->toText() : ""); }, nullptr},
    {"operation", [](execution::Request& r) { return operationOf(r); }, nullptr},
};
const Prop<SubgraphRequestState> kSubgraphRequest[] = {
    {"context", [](SubgraphRequestState& r) { return contextOf(r.request.context); },
     [](SubgraphRequestState& r, const Value& v) { setContext(r.request.context, v); }},
    {"id", [](SubgraphRequestState& r) { return Value::string(r.request.context.id()); }, nullptr},
    {"headers",
     [](SubgraphRequestState& r) { return headersOf(clientOf(r.request.supergraph).http.headers); },
     nullptr},
    {"method",
     [](SubgraphRequestState& r) { return methodOf(clientOf(r.request.supergraph).http.method); },
     nullptr},
    {"uri", [](SubgraphRequestState& r) { return uriOf(clientOf(r.request.supergraph).http.target); },
     nullptr},
    {"body", [](SubgraphRequestState& r) { return requestBodyOf(clientOf(r.request.supergraph)); },
     nullptr},
    {"subgraph",
     [](SubgraphRequestState& r) {
       return Value::host(std::make_shared<SubgraphHttpObject>(r.request));
     },
     [](SubgraphRequestState& r, const Value& v) {
       const auto* object = hostAs<SubgraphHttpObject>(v);
       if (object == nullptr) wrongType("subgraph", "a subgraph HTTP request", v);
       object->applyTo(r.request);
     }},
    {"subgraph_request_id", [](SubgraphRequestState& r) { return Value::string(r.id); }, nullptr},
};
const Prop<SubgraphResponseState> kSubgraphResponse[] = {
    {"context", [](SubgraphResponseState& r) { return contextOf(r.response.context); },
     [](SubgraphResponseState& r, const Value& v) { setContext(r.response.context, v); }},
    {"id", [](SubgraphResponseState& r) { return Value::string(r.response.context.id()); },
     nullptr},
    {"headers", [](SubgraphResponseState& r) { return headersOf(r.response.headers); },
     [](SubgraphResponseState& r, const Value& v) { setHeaders(r.response.headers, v); }},
    {"status_code", [](SubgraphResponseState& r) { return statusOf(r.response.status); }, nullptr},
    {"body",
     [](SubgraphResponseState& r) {
       GraphQLBody body(r.response.body);
       return responseBodyOf(body);
     },
     [](SubgraphResponseState& r, const Value& v) {
       GraphQLBody body;
       setResponseBody(body, v);
       r.response.body = body.text();
     }},
    {"subgraph_request_id", [](SubgraphResponseState& r) { return Value::string(r.id); }, nullptr},
};

const StageObject<router::Request>::Kind kRouterRequestKind{
    "apollo_router::services::router::Request", kRouterRequest};
const StageObject<router::Response>::Kind kRouterResponseKind{
    "apollo_router::services::router::Response", kRouterResponse, true};
const StageObject<supergraph::Request>::Kind kSupergraphRequestKind{
    "apollo_router::services::supergraph::Request", kSupergraphRequest};
const StageObject<supergraph::Response>::Kind kSupergraphResponseKind{
    "apollo_router::services::supergraph::Response", kGraphQLResponse<supergraph::Response>, true};
const StageObject<execution::Request>::Kind kExecutionRequestKind{
    "apollo_router::services::execution::Request", kExecutionRequest};
const StageObject<execution::Response>::Kind kExecutionResponseKind{
    "apollo_router::services::execution::Response", kGraphQLResponse<execution::Response>, true};
const StageObject<SubgraphRequestState>::Kind kSubgraphRequestKind{
    "apollo_router::services::subgraph::Request", kSubgraphRequest};
const StageObject<SubgraphResponseState>::Kind kSubgraphResponseKind{
    "apollo_router::services::subgraph::Response", kSubgraphResponse};

}  // namespace

std::shared_ptr<StageObject<router::Request>> stageRequest(router::Request r) {
  return std::make_shared<StageObject<router::Request>>(kRouterRequestKind, std::move(r));
}
std::shared_ptr<StageObject<router::Response>> stageResponse(router::Response r) {
  return std::make_shared<StageObject<router::Response>>(kRouterResponseKind, std::move(r));
}
std::shared_ptr<StageObject<supergraph::Request>> stageRequest(supergraph::Request r) {
  return std::make_shared<StageObject<supergraph::Request>>(kSupergraphRequestKind, std::move(r));
}
std::shared_ptr<StageObject<supergraph::Response>> stageResponse(supergraph::Response r) {
  return std::make_shared<StageObject<supergraph::Response>>(kSupergraphResponseKind,
                                                             std::move(r));
}
std::shared_ptr<StageObject<execution::Request>> stageRequest(execution::Request r) {
  return std::make_shared<StageObject<execution::Request>>(kExecutionRequestKind, std::move(r));
}
std::shared_ptr<StageObject<execution::Response>> stageResponse(execution::Response r) {
  return std::make_shared<StageObject<execution::Response>>(kExecutionResponseKind, std::move(r));
}
std::shared_ptr<StageObject<SubgraphRequestState>> stageRequest(SubgraphRequestState r) {
  return std::make_shared<StageObject<SubgraphRequestState>>(kSubgraphRequestKind, std::move(r));
}
std::shared_ptr<StageObject<SubgraphResponseState>> stageResponse(SubgraphResponseState r) {
  return std::make_shared<StageObject<SubgraphResponseState>>(kSubgraphResponseKind,
                                                              std::move(r));
}

}  // namespace plexus::plugins::rhai
