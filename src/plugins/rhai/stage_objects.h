// The request and response objects scripts get in each stage's callbacks (RHAI_API.md §5.1–5.2):
// a handle owning the stage's request or response while the callback runs, with Apollo's
// properties — read-write, read-only (a chain writing under it is silently dropped) or absent.
//
//   auto object = stageRequest(std::move(request));          // supergraph::Request
//   engine.call(program, scope, "process", {Value::host(object)});
//   next(std::move(object->value), reply);                   // with the script's changes
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "include/plexus/services.h"
#include "src/http/message.h"
#include "src/rhai/value.h"

namespace plexus::plugins::rhai {

template <typename T>
class StageObject final : public plexus::rhai::HostObject {
 public:
  using Value = plexus::rhai::Value;
  using SharedHeaders = std::shared_ptr<const http::Headers>;
  struct Property {
    std::string_view name;
    Value (*get)(T&);
    // nullptr: read-only. The value may be moved from when it holds the only reference.
    void (*set)(T&, Value&);
  };
  struct Kind {
    std::string_view type_name;
    std::span<const Property> properties;
    bool has_primary = false;  // is_primary() and headers_are_available(), both true
    // `headers`: shared with the script without copying (HeaderMapObject is copy-on-write).
    // `take_headers` moves them out of the request (put back by `put_headers` in take()) or
    // shares a read-only source; `put_headers` is nullptr for read-only headers.
    SharedHeaders (*take_headers)(T&) = nullptr;
    void (*put_headers)(T&, SharedHeaders) = nullptr;
    bool headers_moved_out = true;  // take_headers empties the request's own headers
    void (*finish)(T&) = nullptr;   // puts back other state shared with the script
    // For the chain fast paths (HostObject::*Path): the context, and the subgraph request's
    // headers behind `subgraph.headers` (nullptr when the stage has none).
    Context& (*context)(T&) = nullptr;
    SharedHeaders* (*subgraph_headers)(T&) = nullptr;
  };

  StageObject(const Kind& kind, T value) : kind_(kind), value(std::move(value)) {}
  std::string_view typeName() const override { return kind_.type_name; }
  std::optional<Value> get(std::string_view name) override;
  bool set(std::string_view name, Value& v) override;
  std::optional<Value> call(std::string_view name, std::span<Value> args,
                            plexus::rhai::CallContext&) override {
    if (kind_.has_primary && args.empty() &&
        (name == "is_primary" || name == "headers_are_available")) {
      return Value::boolean(true);
    }
    return std::nullopt;
  }
  std::optional<Value> indexPath(std::span<const std::string_view> path, const Value& key) override;
  bool setIndexPath(std::span<const std::string_view> path, const Value& key, Value& v) override;
  std::optional<Value> callPath(std::span<const std::string_view> path, std::string_view name,
                                std::span<Value> args) override;
  // The request or response with the script's changes, once the callback has returned.
  T take() {
    if (headers_ && (changed_ || kind_.headers_moved_out))
      kind_.put_headers(value, std::move(headers_));
    headers_.reset();
    if (kind_.finish) kind_.finish(value);
    return std::move(value);
  }

 private:
  const Kind& kind_;
  SharedHeaders headers_;  // while shared with the script
  bool changed_ = false;   // the script assigned new headers

 public:
  T value;
};

// `headers` getter and setter (any stage; defined in stage_objects.cc for each T used).
std::shared_ptr<plexus::rhai::HostObject> headerMapView(std::shared_ptr<const http::Headers> h);
std::shared_ptr<const http::Headers> headerMapShared(const plexus::rhai::Value& v);
// The fast paths' operations (objects.h), declared here to keep objects.h out of this header.
plexus::rhai::Value headerGet(const http::Headers& headers, const plexus::rhai::Value& key);
void checkHeaderSet(const plexus::rhai::Value& key, const plexus::rhai::Value& value);
void applyHeaderSet(http::Headers& headers, const plexus::rhai::Value& key,
                    const plexus::rhai::Value& value);
std::optional<plexus::rhai::Value> headerQuery(const http::Headers& headers,
                                               std::string_view method,
                                               std::span<plexus::rhai::Value> args);
http::Headers& mutableShared(std::shared_ptr<const http::Headers>& shared);
std::optional<plexus::rhai::Value> contextIndex(const Context& context,
                                                const plexus::rhai::Value& key);
bool contextSetIndex(Context& context, const plexus::rhai::Value& key,
                     const plexus::rhai::Value& value);

// Paths the stages answer directly: `headers`, `context` and `subgraph.headers`.
inline bool isPath(std::span<const std::string_view> path, std::string_view a,
                   std::string_view b = {}) {
  return b.empty() ? path.size() == 1 && path[0] == a
                   : path.size() == 2 && path[0] == a && path[1] == b;
}

template <typename T>
std::optional<plexus::rhai::Value> StageObject<T>::indexPath(std::span<const std::string_view> path,
                                                             const Value& key) {
  if (isPath(path, "headers") && kind_.take_headers) {
    if (!headers_) headers_ = kind_.take_headers(value);
    return headerGet(*headers_, key);
  }
  if (isPath(path, "context") && kind_.context) return contextIndex(kind_.context(value), key);
  if (isPath(path, "subgraph", "headers") && kind_.subgraph_headers)
    return headerGet(**kind_.subgraph_headers(value), key);
  return std::nullopt;
}

template <typename T>
bool StageObject<T>::setIndexPath(std::span<const std::string_view> path, const Value& key,
                                  Value& v) {
  if (isPath(path, "headers") && kind_.take_headers) {
    checkHeaderSet(key, v);
    if (!kind_.put_headers) return true;  // read-only: dropped, as the write-back would be
    if (!headers_) headers_ = kind_.take_headers(value);
    applyHeaderSet(mutableShared(headers_), key, v);
    changed_ = true;
    return true;
  }
  if (isPath(path, "context") && kind_.context)
    return contextSetIndex(kind_.context(value), key, v);
  if (isPath(path, "subgraph", "headers") && kind_.subgraph_headers) {
    checkHeaderSet(key, v);
    applyHeaderSet(mutableShared(*kind_.subgraph_headers(value)), key, v);
    return true;
  }
  return false;
}

template <typename T>
std::optional<plexus::rhai::Value> StageObject<T>::callPath(std::span<const std::string_view> path,
                                                            std::string_view name,
                                                            std::span<Value> args) {
  if (isPath(path, "headers") && kind_.take_headers) {
    if (!headers_) headers_ = kind_.take_headers(value);
    return headerQuery(*headers_, name, args);
  }
  if (isPath(path, "subgraph", "headers") && kind_.subgraph_headers)
    return headerQuery(**kind_.subgraph_headers(value), name, args);
  return std::nullopt;
}

template <typename T>
std::optional<plexus::rhai::Value> StageObject<T>::get(std::string_view name) {
  if (name == "headers" && kind_.take_headers) {
    if (!headers_) headers_ = kind_.take_headers(value);
    return Value::host(headerMapView(headers_));
  }
  for (const Property& p : kind_.properties) {
    if (p.name == name) return p.get(value);
  }
  return std::nullopt;
}

template <typename T>
bool StageObject<T>::set(std::string_view name, Value& v) {
  if (name == "headers" && kind_.take_headers) {
    if (!kind_.put_headers) return false;  // read-only: the write-back is dropped
    headers_ = headerMapShared(v);
    changed_ = true;
    return true;
  }
  for (const Property& p : kind_.properties) {
    if (p.name != name) continue;
    if (p.set == nullptr) return false;
    p.set(value, v);
    return true;
  }
  return false;
}

// Subgraph requests and responses carry the fetch's id (subgraph_request_id) beside them.
struct SubgraphRequestState {
  subgraph::Request request;
  std::string id;  // made when a script first reads it
  // request.http.headers and .body while request.subgraph shares them with the script.
  std::shared_ptr<const http::Headers> http_headers;
  std::shared_ptr<const std::string> http_body;
};
struct SubgraphResponseState {
  subgraph::Response response;
  std::string id;
};

std::shared_ptr<StageObject<router::Request>> stageRequest(router::Request request);
std::shared_ptr<StageObject<router::Response>> stageResponse(router::Response response);
std::shared_ptr<StageObject<supergraph::Request>> stageRequest(supergraph::Request request);
std::shared_ptr<StageObject<supergraph::Response>> stageResponse(supergraph::Response response);
std::shared_ptr<StageObject<execution::Request>> stageRequest(execution::Request request);
std::shared_ptr<StageObject<execution::Response>> stageResponse(execution::Response response);
std::shared_ptr<StageObject<SubgraphRequestState>> stageRequest(SubgraphRequestState request);
std::shared_ptr<StageObject<SubgraphResponseState>> stageResponse(SubgraphResponseState response);

}  // namespace plexus::plugins::rhai
