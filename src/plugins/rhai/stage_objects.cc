// Each stage's properties (RHAI_API.md §5.1–5.2), from Apollo's engine/registration/*.rs.
#include "src/plugins/rhai/stage_objects.h"

#include "src/common/uuid.h"
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
void setContext(Context& context, Value& v) {
  const auto* object = hostAs<ContextObject>(v);
  if (object == nullptr) wrongType("context", "a Context", v);
  context = object->context;
}
using SharedHeaders = std::shared_ptr<const http::Headers>;
Value uriOf(std::string_view text) { return Value::host(std::make_shared<UriObject>(text)); }
const UriObject& uriArg(Value& v) {
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
void setRequestBody(supergraph::Request& r, Value& v) {
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
void setResponseBody(GraphQLBody& body, Value& v) {
  const auto* object = hostAs<GraphQLResponseObject>(v);
  if (object == nullptr) wrongType("body", "a graphql Response", v);
  body.json() = object->body;
}

// The execution stage edits the client's request through a private copy (it is shared).
supergraph::Request& ownSupergraph(execution::Request& r) {
  auto copy =
      std::make_shared<supergraph::Request>(r.supergraph ? *r.supergraph : supergraph::Request{});
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

// The subgraph request's headers and body, shared with `request.subgraph` while the callback
// runs (put back by the kind's `finish`).
void shareSubgraphHttp(SubgraphRequestState& r) {
  if (r.http_headers) return;
  r.http_headers = shareHeaders(std::move(r.request.http.headers));
  r.http_body = std::make_shared<std::string>(std::move(r.request.http.body));
}

// request.subgraph: the HTTP request to the subgraph (headers, body, uri).
class SubgraphHttpObject final : public HostObject {
 public:
  SubgraphHttpObject(SharedHeaders headers, std::shared_ptr<const std::string> body,
                     const std::string& uri)
      : headers(std::move(headers)), uri(uri), body_text_(std::move(body)) {}
  std::string_view typeName() const override {
    return "http::request::Request<apollo_router::graphql::request::Request>";
  }
  std::shared_ptr<HostObject> clone() const override {
    return std::make_shared<SubgraphHttpObject>(*this);
  }
  std::optional<Value> get(std::string_view name) override {
    if (name == "headers") return Value::host(headerMapView(headers));
    if (name == "body") return Value::host(std::make_shared<GraphQLRequestObject>(body()));
    if (name == "uri") return uriOf(uri);
    return std::nullopt;
  }
  bool set(std::string_view name, Value& v) override {
    if (name == "headers") {
      headers = headerMapShared(v);
    } else if (name == "body") {
      const auto* object = hostAs<GraphQLRequestObject>(v);
      if (object == nullptr) wrongType("body", "a graphql Request", v);
      body_ = *object;
    } else if (name == "uri") {
      uri = uriArg(v).text();
    } else {
      return false;
    }
    return true;
  }
  // Writes the script's changes into the request (headers and body text stay shared until
  // take()).
  void applyTo(SubgraphRequestState& state) {
    state.http_headers = headers;
    state.http_body = body_text_;
    subgraph::Request& r = state.request;
    r.uri = uri;
    if (!body_) return;  // the body was never read: the request keeps its text
    json::Value out = json::Value::object();
    if (body_->query) out["query"] = *body_->query;
    if (body_->operation_name) out["operationName"] = *body_->operation_name;
    if (!body_->variables.asObject().empty()) out["variables"] = body_->variables;
    if (!body_->extensions.asObject().empty()) out["extensions"] = body_->extensions;
    state.http_body = std::make_shared<std::string>(json::serialize(out));
  }

  SharedHeaders headers;
  std::string uri;

 private:
  // The GraphQL request, parsed from the body text on first use.
  GraphQLRequestObject& body() {
    if (body_) return *body_;
    body_.emplace();
    auto parsed = json::parse(*body_text_);
    if (!parsed.ok() || !parsed->isObject()) return *body_;
    if (const json::Value* q = parsed->find("query"); q && q->isString())
      body_->query = q->asString();
    if (const json::Value* n = parsed->find("operationName"); n && n->isString())
      body_->operation_name = n->asString();
    if (const json::Value* v = parsed->find("variables"); v && v->isObject()) body_->variables = *v;
    if (const json::Value* e = parsed->find("extensions"); e && e->isObject())
      body_->extensions = *e;
    return *body_;
  }

  std::shared_ptr<const std::string> body_text_;
  std::optional<GraphQLRequestObject> body_;
};

const Prop<router::Request> kRouterRequest[] = {
    {"context", [](router::Request& r) { return contextOf(r.context); },
     [](router::Request& r, Value& v) { setContext(r.context, v); }},
    {"id", [](router::Request& r) { return Value::string(r.context.id()); }, nullptr},
    {"method", [](router::Request& r) { return methodOf(r.http.method); }, nullptr},
    {"uri", [](router::Request& r) { return uriOf(r.http.target); },
     [](router::Request& r, Value& v) { r.http.target = uriArg(v).pathAndQuery(); }},
};
const Prop<router::Response> kRouterResponse[] = {
    {"context", [](router::Response& r) { return contextOf(r.context); },
     [](router::Response& r, Value& v) { setContext(r.context, v); }},
    {"id", [](router::Response& r) { return Value::string(r.context.id()); }, nullptr},
    {"status_code", [](router::Response& r) { return statusOf(r.http.status); }, nullptr},
};
const Prop<supergraph::Request> kSupergraphRequest[] = {
    {"context", [](supergraph::Request& r) { return contextOf(r.context); },
     [](supergraph::Request& r, Value& v) { setContext(r.context, v); }},
    {"id", [](supergraph::Request& r) { return Value::string(r.context.id()); }, nullptr},
    {"method", [](supergraph::Request& r) { return methodOf(r.http.method); }, nullptr},
    {"uri", [](supergraph::Request& r) { return uriOf(r.http.target); },
     [](supergraph::Request& r, Value& v) { r.http.target = uriArg(v).pathAndQuery(); }},
    {"body", [](supergraph::Request& r) { return requestBodyOf(r); }, setRequestBody},
};
template <typename R>
constexpr Prop<R> kGraphQLResponse[] = {
    {"context", [](R& r) { return contextOf(r.context); },
     [](R& r, Value& v) { setContext(r.context, v); }},
    {"id", [](R& r) { return Value::string(r.context.id()); }, nullptr},
    {"body", [](R& r) { return responseBodyOf(r.body); },
     [](R& r, Value& v) { setResponseBody(r.body, v); }},
};
const Prop<execution::Request> kExecutionRequest[] = {
    {"context", [](execution::Request& r) { return contextOf(r.context); },
     [](execution::Request& r, Value& v) { setContext(r.context, v); }},
    {"id", [](execution::Request& r) { return Value::string(r.context.id()); }, nullptr},
    {"method", [](execution::Request& r) { return methodOf(clientOf(r.supergraph).http.method); },
     nullptr},
    {"uri", [](execution::Request& r) { return uriOf(clientOf(r.supergraph).http.target); },
     [](execution::Request& r, Value& v) {
       ownSupergraph(r).http.target = uriArg(v).pathAndQuery();
     }},
    {"body", [](execution::Request& r) { return requestBodyOf(clientOf(r.supergraph)); },
     [](execution::Request& r, Value& v) { setRequestBody(ownSupergraph(r), v); }},
    {"query_plan",
     [](execution::Request& r) { return Value::string(r.plan ? r.plan->toText() : ""); }, nullptr},
    {"operation", [](execution::Request& r) { return operationOf(r); }, nullptr},
};
const Prop<SubgraphRequestState> kSubgraphRequest[] = {
    {"context", [](SubgraphRequestState& r) { return contextOf(r.request.context); },
     [](SubgraphRequestState& r, Value& v) { setContext(r.request.context, v); }},
    {"id", [](SubgraphRequestState& r) { return Value::string(r.request.context.id()); }, nullptr},
    {"method",
     [](SubgraphRequestState& r) { return methodOf(clientOf(r.request.supergraph).http.method); },
     nullptr},
    {"uri",
     [](SubgraphRequestState& r) { return uriOf(clientOf(r.request.supergraph).http.target); },
     nullptr},
    {"body", [](SubgraphRequestState& r) { return requestBodyOf(clientOf(r.request.supergraph)); },
     nullptr},
    {"subgraph",
     [](SubgraphRequestState& r) {
       shareSubgraphHttp(r);
       return Value::host(
           std::make_shared<SubgraphHttpObject>(r.http_headers, r.http_body, r.request.uri));
     },
     [](SubgraphRequestState& r, Value& v) {
       auto* object = hostAs<SubgraphHttpObject>(v);
       if (object == nullptr) wrongType("subgraph", "a subgraph HTTP request", v);
       object->applyTo(r);
     }},
    {"subgraph_request_id",
     [](SubgraphRequestState& r) {
       if (r.id.empty()) r.id = uuidV4();
       return Value::string(r.id);
     },
     nullptr},
};
const Prop<SubgraphResponseState> kSubgraphResponse[] = {
    {"context", [](SubgraphResponseState& r) { return contextOf(r.response.context); },
     [](SubgraphResponseState& r, Value& v) { setContext(r.response.context, v); }},
    {"id", [](SubgraphResponseState& r) { return Value::string(r.response.context.id()); },
     nullptr},
    {"status_code", [](SubgraphResponseState& r) { return statusOf(r.response.status); }, nullptr},
    {"body",
     [](SubgraphResponseState& r) {
       GraphQLBody body(r.response.body);
       return responseBodyOf(body);
     },
     [](SubgraphResponseState& r, Value& v) {
       GraphQLBody body;
       setResponseBody(body, v);
       r.response.body = body.text();
     }},
    {"subgraph_request_id",
     [](SubgraphResponseState& r) {
       if (r.id.empty()) r.id = uuidV4();
       return Value::string(r.id);
     },
     nullptr},
};

// Headers the stage object owns: moved into shared storage while the script runs.
template <typename T, http::Headers& (*Field)(T&)>
SharedHeaders takeOwn(T& r) {
  return shareHeaders(std::move(Field(r)));
}
template <typename T, http::Headers& (*Field)(T&)>
void putOwn(T& r, SharedHeaders h) {
  Field(r) = releaseHeaders(std::move(h));
}
template <typename T>
http::Headers& httpHeaders(T& r) {
  return r.http.headers;
}
template <typename T>
http::Headers& plainHeaders(T& r) {
  return r.headers;
}
http::Headers& subgraphResponseHeaders(SubgraphResponseState& r) { return r.response.headers; }
// The client's headers, shared with the client request (read-only at the subgraph stage;
// the execution stage writes through a private copy of the request).
SharedHeaders clientHeaders(const std::shared_ptr<const supergraph::Request>& r) {
  if (!r) return std::make_shared<http::Headers>();
  return SharedHeaders(r, &r->http.headers);
}

template <typename T>
using KindOf = typename StageObject<T>::Kind;

const KindOf<router::Request> kRouterRequestKind{
    .type_name = "apollo_router::services::router::Request",
    .properties = kRouterRequest,
    .take_headers = takeOwn<router::Request, httpHeaders<router::Request>>,
    .put_headers = putOwn<router::Request, httpHeaders<router::Request>>,
    .context = [](router::Request& r) -> Context& { return r.context; }};
const KindOf<router::Response> kRouterResponseKind{
    .type_name = "apollo_router::services::router::Response",
    .properties = kRouterResponse,
    .has_primary = true,
    .take_headers = takeOwn<router::Response, httpHeaders<router::Response>>,
    .put_headers = putOwn<router::Response, httpHeaders<router::Response>>,
    .context = [](router::Response& r) -> Context& { return r.context; }};
const KindOf<supergraph::Request> kSupergraphRequestKind{
    .type_name = "apollo_router::services::supergraph::Request",
    .properties = kSupergraphRequest,
    .take_headers = takeOwn<supergraph::Request, httpHeaders<supergraph::Request>>,
    .put_headers = putOwn<supergraph::Request, httpHeaders<supergraph::Request>>,
    .context = [](supergraph::Request& r) -> Context& { return r.context; }};
const KindOf<supergraph::Response> kSupergraphResponseKind{
    .type_name = "apollo_router::services::supergraph::Response",
    .properties = kGraphQLResponse<supergraph::Response>,
    .has_primary = true,
    .take_headers = takeOwn<supergraph::Response, plainHeaders<supergraph::Response>>,
    .put_headers = putOwn<supergraph::Response, plainHeaders<supergraph::Response>>,
    .context = [](supergraph::Response& r) -> Context& { return r.context; }};
const KindOf<execution::Request> kExecutionRequestKind{
    .type_name = "apollo_router::services::execution::Request",
    .properties = kExecutionRequest,
    .take_headers = [](execution::Request& r) { return clientHeaders(r.supergraph); },
    .put_headers =
        [](execution::Request& r, SharedHeaders h) {
          ownSupergraph(r).http.headers = releaseHeaders(std::move(h));
        },
    .headers_moved_out = false,
    .context = [](execution::Request& r) -> Context& { return r.context; }};
const KindOf<execution::Response> kExecutionResponseKind{
    .type_name = "apollo_router::services::execution::Response",
    .properties = kGraphQLResponse<execution::Response>,
    .has_primary = true,
    .take_headers = takeOwn<execution::Response, plainHeaders<execution::Response>>,
    .put_headers = putOwn<execution::Response, plainHeaders<execution::Response>>,
    .context = [](execution::Response& r) -> Context& { return r.context; }};
const KindOf<SubgraphRequestState> kSubgraphRequestKind{
    .type_name = "apollo_router::services::subgraph::Request",
    .properties = kSubgraphRequest,
    .take_headers = [](SubgraphRequestState& r) { return clientHeaders(r.request.supergraph); },
    .put_headers = nullptr,
    .headers_moved_out = false,
    .finish =
        [](SubgraphRequestState& r) {
          if (r.http_headers) r.request.http.headers = releaseHeaders(std::move(r.http_headers));
          if (r.http_body) {
            r.request.http.body = r.http_body.use_count() == 1
                                      ? std::move(const_cast<std::string&>(*r.http_body))
                                      : *r.http_body;
            r.http_body.reset();
          }
        },
    .context = [](SubgraphRequestState& r) -> Context& { return r.request.context; },
    .subgraph_headers =
        [](SubgraphRequestState& r) {
          shareSubgraphHttp(r);
          return &r.http_headers;
        }};
const KindOf<SubgraphResponseState> kSubgraphResponseKind{
    .type_name = "apollo_router::services::subgraph::Response",
    .properties = kSubgraphResponse,
    .take_headers = takeOwn<SubgraphResponseState, subgraphResponseHeaders>,
    .put_headers = putOwn<SubgraphResponseState, subgraphResponseHeaders>,
    .context = [](SubgraphResponseState& r) -> Context& { return r.response.context; }};

}  // namespace

std::shared_ptr<plexus::rhai::HostObject> headerMapView(std::shared_ptr<const http::Headers> h) {
  return std::make_shared<HeaderMapObject>(std::move(h));
}

std::shared_ptr<const http::Headers> headerMapShared(const Value& v) {
  const auto* object = hostAs<HeaderMapObject>(v);
  if (object == nullptr) wrongType("headers", "a HeaderMap", v);
  return object->shared();
}

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
  return std::make_shared<StageObject<supergraph::Response>>(kSupergraphResponseKind, std::move(r));
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
  return std::make_shared<StageObject<SubgraphResponseState>>(kSubgraphResponseKind, std::move(r));
}

}  // namespace plexus::plugins::rhai
