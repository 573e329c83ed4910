// The value types of Apollo Router's Rhai API (RHAI_API.md §5.4–5.7) as host objects: HeaderMap,
// Context, Uri, Method, StatusCode, TraceId and the GraphQL request and response bodies. Stage
// requests and responses (stage_objects.h) hand them out.
//
// Value types (HeaderMap, Uri, bodies) are copies: a getter returns one, and a change reaches
// the request only through the setter's write-back, as with Rust clones. Context is a handle
// shared by every copy, as Apollo's Arc'd Context is.
#pragma once

#include <optional>
#include <string>

#include "include/plexus/context.h"
#include "src/http/message.h"
#include "src/json/value.h"
#include "src/rhai/value.h"

namespace plexus::plugins::rhai {

using plexus::rhai::CallContext;
using plexus::rhai::HostError;
using plexus::rhai::HostObject;
using plexus::rhai::Value;

// http::HeaderMap: h["name"] (first value; a missing one throws), h["name"] = "v" (replaces) or
// = ["a", "b"] (appends), values(), contains(), remove(), `in`, iteration, to_string.
//
// The map is shared copy-on-write: a stage's getter hands out its headers without copying them,
// and the first change through any copy makes that copy its own.
class HeaderMapObject final : public HostObject {
 public:
  explicit HeaderMapObject(http::Headers headers)
      : headers_(std::make_shared<http::Headers>(std::move(headers))), owned_(true) {}
  explicit HeaderMapObject(std::shared_ptr<const http::Headers> shared)
      : headers_(std::move(shared)) {}
  std::string_view typeName() const override { return "http::header::map::HeaderMap"; }
  std::shared_ptr<HostObject> clone() const override;
  std::optional<Value> index(const Value& key) override;
  bool setIndex(const Value& key, Value value) override;
  std::optional<Value> call(std::string_view name, std::span<Value> args,
                            CallContext& context) override;
  std::optional<plexus::rhai::Array> items() override;
  std::string display() const override;

  uint64_t version() const override { return version_; }

  const http::Headers& headers() const { return *headers_; }
  const std::shared_ptr<const http::Headers>& shared() const { return headers_; }

 private:
  http::Headers& mutableHeaders();  // counts a change
  std::shared_ptr<const http::Headers> headers_;
  bool owned_ = false;  // headers_ was copied here, so it may change when not shared
  uint64_t version_ = 0;
};

// HeaderMap operations on plain headers, for HeaderMapObject and the stages' fast paths:
// h["name"] (a missing header throws), the checks of h["name"] = v and its effect once checked,
// and the read-only methods (contains, values).
Value headerGet(const http::Headers& headers, const Value& key);
void checkHeaderSet(const Value& key, const Value& value);
void applyHeaderSet(http::Headers& headers, const Value& key, const Value& value);
std::optional<Value> headerQuery(const http::Headers& headers, std::string_view method,
                                 std::span<Value> args);
// ctx["key"] (() when absent; nullopt for a non-string key) and ctx["key"] = v.
std::optional<Value> contextIndex(const Context& context, const Value& key);
bool contextSetIndex(Context& context, const Value& key, const Value& value);
// Shared header storage made changeable: copied first when someone else holds it.
http::Headers& mutableShared(std::shared_ptr<const http::Headers>& shared);

// Moves `headers` into shared storage (for HeaderMapObject), and back out of it (copying only
// when the storage is still shared).
std::shared_ptr<const http::Headers> shareHeaders(http::Headers&& headers);
http::Headers releaseHeaders(std::shared_ptr<const http::Headers>&& shared);

// apollo_router::Context: ctx["key"] (() when absent), ctx["key"] = v, contains, upsert.
class ContextObject final : public HostObject {
 public:
  explicit ContextObject(Context context) : context(std::move(context)) {}
  std::string_view typeName() const override { return "apollo_router::context::Context"; }
  // A handle: changes reach the request's context directly, a write-back adds nothing.
  uint64_t version() const override { return 0; }
  std::optional<Value> index(const Value& key) override;
  bool setIndex(const Value& key, Value value) override;
  std::optional<Value> call(std::string_view name, std::span<Value> args,
                            CallContext& context) override;
  std::string display() const override;

  Context context;
};

// http::Uri: scheme, host, port, path (read-write), to_string.
class UriObject final : public HostObject {
 public:
  explicit UriObject(std::string_view text);
  std::string_view typeName() const override { return "http::uri::Uri"; }
  std::shared_ptr<HostObject> clone() const override;
  std::optional<Value> get(std::string_view name) override;
  bool set(std::string_view name, Value& value) override;
  std::string display() const override;
  // "/path?query" (origin form) or "scheme://host:port/path?query".
  std::string text() const { return display(); }
  std::string pathAndQuery() const { return path + (query ? "?" + *query : ""); }

  std::optional<std::string> scheme;
  std::optional<std::string> host;
  std::optional<int64_t> port;
  std::string path;
  std::optional<std::string> query;
};

// http::Method: to_string, `==` with a string (case-insensitive).
class MethodObject final : public HostObject {
 public:
  explicit MethodObject(std::string method) : method(std::move(method)) {}
  std::string_view typeName() const override { return "http::method::Method"; }
  std::optional<bool> equals(const Value& other) const override;
  std::string display() const override { return method; }
  std::string method;
};

// http::StatusCode: to_string, `==` with another StatusCode.
class StatusCodeObject final : public HostObject {
 public:
  explicit StatusCodeObject(int code) : code(code) {}
  std::string_view typeName() const override { return "http::status::StatusCode"; }
  std::optional<bool> equals(const Value& other) const override;
  std::string display() const override { return std::to_string(code); }
  int code;
};

class TraceIdObject final : public HostObject {
 public:
  explicit TraceIdObject(std::string hex) : hex(std::move(hex)) {}
  std::string_view typeName() const override { return "opentelemetry::trace::TraceId"; }
  std::optional<bool> equals(const Value& other) const override;
  std::string display() const override { return hex; }
  std::string hex;
};

// apollo_router::graphql::Request: query, operation_name, variables, extensions.
class GraphQLRequestObject final : public HostObject {
 public:
  std::string_view typeName() const override { return "apollo_router::graphql::request::Request"; }
  std::shared_ptr<HostObject> clone() const override;
  std::optional<Value> get(std::string_view name) override;
  bool set(std::string_view name, Value& value) override;
  std::string display() const override;

  std::optional<std::string> query;
  std::optional<std::string> operation_name;
  json::Value variables = json::Value::object();
  json::Value extensions = json::Value::object();
};

// apollo_router::graphql::Response: label, data, errors, extensions.
class GraphQLResponseObject final : public HostObject {
 public:
  explicit GraphQLResponseObject(json::Value body) : body(std::move(body)) {}
  std::string_view typeName() const override {
    return "apollo_router::graphql::response::Response";
  }
  std::shared_ptr<HostObject> clone() const override;
  std::optional<Value> get(std::string_view name) override;
  bool set(std::string_view name, Value& value) override;
  std::string display() const override;

  json::Value body;  // an object
};

// Rejects a value of the wrong type for a setter: "<what> must be <expected>, not <type>".
[[noreturn]] void wrongType(std::string_view what, std::string_view expected, const Value& got);
// The object behind `value` if it is a T, else nullptr.
template <typename T>
T* hostAs(const Value& value) {
  if (!value.is(Value::Type::kHost)) return nullptr;
  return dynamic_cast<T*>(&value.asHost());
}

}  // namespace plexus::plugins::rhai
