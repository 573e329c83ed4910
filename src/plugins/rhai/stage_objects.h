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
#include "src/rhai/value.h"

namespace plexus::plugins::rhai {

template <typename T>
class StageObject final : public plexus::rhai::HostObject {
 public:
  struct Property {
    std::string_view name;
    plexus::rhai::Value (*get)(T&);
    void (*set)(T&, const plexus::rhai::Value&);  // nullptr: read-only
  };
  struct Kind {
    std::string_view type_name;
    std::span<const Property> properties;
    bool has_primary = false;  // is_primary() and headers_are_available(), both true
  };

  StageObject(const Kind& kind, T value) : kind_(kind), value(std::move(value)) {}
  std::string_view typeName() const override { return kind_.type_name; }
  std::optional<plexus::rhai::Value> get(std::string_view name) override {
    for (const Property& p : kind_.properties) {
      if (p.name == name) return p.get(value);
    }
    return std::nullopt;
  }
  bool set(std::string_view name, plexus::rhai::Value v) override {
    for (const Property& p : kind_.properties) {
      if (p.name != name) continue;
      if (p.set == nullptr) return false;
      p.set(value, v);
      return true;
    }
    return false;
  }
  std::optional<plexus::rhai::Value> call(std::string_view name,
                                          std::span<plexus::rhai::Value> args,
                                          plexus::rhai::CallContext&) override {
    if (kind_.has_primary && args.empty() &&
        (name == "is_primary" || name == "headers_are_available")) {
      return plexus::rhai::Value::boolean(true);
    }
    return std::nullopt;
  }

 private:
  const Kind& kind_;

 public:
  T value;
};

// Subgraph requests and responses carry the fetch's id (subgraph_request_id) beside them.
struct SubgraphRequestState {
  subgraph::Request request;
  std::string id;
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
