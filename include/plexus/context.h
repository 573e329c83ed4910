// The per-request context every stage of a request shares (router, supergraph, execution and
// each subgraph call), as Apollo Router's `Context`: a map from string keys to JSON values that
// Rhai scripts and coprocessors also see, with an atomic per-key upsert for writes from
// concurrent subgraph calls, plus typed extensions for native plugins only (never serialized).
//
//   plexus::Context context;                                   // id: a UUID v4
//   context.insert("my_plugin::tenant", json::Value("acme"));  // returns the previous value
//   std::optional<json::Value> tenant = context.get("my_plugin::tenant");
//   context.upsert("my_plugin::calls", [](json::Value& v) {    // starts from null
//     v = json::Value(static_cast<int64_t>(v.isNull() ? 1 : v.asInt() + 1));
//   });
//   context.extensions().insert(Tenant{"acme"});             // typed, native plugins only
//   const Tenant* t = context.extensions().get<Tenant>();
//
// Copies share the same entries (like Apollo's `Arc`): a stage that copies the context and
// writes to it is seen by every other stage of the request. Thread-safe: any method may be
// called from any thread at once; an upsert's function runs under the key's lock, so it must
// not call back into the same context.
#pragma once

#include <any>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "src/json/value.h"

namespace plexus {

class Context {
 public:
  Context();

  // The request's id (UUID v4), the same in every stage and in logs.
  const std::string& id() const { return state_->id; }

  // Stores `value` under `key`; returns what was there.
  std::optional<json::Value> insert(std::string key, json::Value value);
  std::optional<json::Value> get(std::string_view key) const;
  // Typed reads of JSON values: T is bool, an integer type, double or std::string. nullopt when
  // the key is absent or holds another type (an integer for double is converted).
  template <typename T>
  std::optional<T> get(std::string_view key) const {
    std::optional<json::Value> value = get(key);
    if (!value) return std::nullopt;
    if constexpr (std::is_same_v<T, bool>) {
      if (value->isBool()) return value->asBool();
    } else if constexpr (std::is_integral_v<T>) {
      if (value->isInt()) return static_cast<T>(value->asInt());
    } else if constexpr (std::is_floating_point_v<T>) {
      if (value->isNumber()) return static_cast<T>(value->asDouble());
    } else if constexpr (std::is_same_v<T, std::string>) {
      if (value->isString()) return value->asString();
    } else {
      static_assert(sizeof(T) == 0, "Context::get<T>: T is bool, an integer, double or string");
    }
    return std::nullopt;
  }
  bool contains(std::string_view key) const;
  std::optional<json::Value> remove(std::string_view key);
  // Atomic read-modify-write of one key: `update` gets the current value (null when absent)
  // and changes it in place.
  void upsert(std::string_view key, const std::function<void(json::Value&)>& update);
  // The same, starting from `initial` when the key is absent (Apollo's upsert with V::default()).
  void upsert(std::string_view key, json::Value initial,
              const std::function<void(json::Value&)>& update);
  // A copy of every entry, in key order (for coprocessors, Rhai and logs).
  std::vector<std::pair<std::string, json::Value>> entries() const;
  size_t size() const;

  // Typed per-request values for native plugins: one value per type.
  class Extensions {
   public:
    template <typename T>
    void insert(T value) {
      std::lock_guard lock(mutex_);
      values_[std::type_index(typeid(T))] = std::make_shared<T>(std::move(value));
    }
    // Valid as long as the context lives and no other insert<T> replaces it.
    template <typename T>
    T* get() const {
      std::lock_guard lock(mutex_);
      auto it = values_.find(std::type_index(typeid(T)));
      return it == values_.end() ? nullptr : static_cast<T*>(it->second.get());
    }
    template <typename T>
    bool contains() const {
      return get<T>() != nullptr;
    }

   private:
    mutable std::mutex mutex_;
    std::unordered_map<std::type_index, std::shared_ptr<void>> values_;
  };
  Extensions& extensions() const { return state_->extensions; }

 private:
  struct State {
    std::string id;
    mutable std::shared_mutex mutex;
    std::map<std::string, json::Value, std::less<>> entries;
    Extensions extensions;
  };
  std::shared_ptr<State> state_;
};

}  // namespace plexus
