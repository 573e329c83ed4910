// A bounded least-recently-used cache shared by every worker: string keys, shared_ptr<const V>
// values, split into shards with one mutex each so workers rarely wait on one another.
//
//   LruCache<PreparedOperation> cache(/*capacity=*/1024);
//   std::string key = LruCache<PreparedOperation>::key(query, operation_name);
//   if (auto hit = cache.find(key)) use(*hit);
//   else cache.insert(std::move(key), build());   // evicts the shard's least recently used
//
// Thread-safe. Values are immutable and shared: an evicted entry lives on while a request holds
// it.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace plexus::server {

template <typename V>
class LruCache {
 public:
  static constexpr size_t kShards = 8;

  // `capacity` entries in all (at least one per shard).
  explicit LruCache(size_t capacity) : per_shard_(std::max<size_t>(1, capacity / kShards)) {}

  // Joins key parts with a separator that cannot occur in the first (a NUL byte).
  static std::string key(std::string_view first, std::string_view second) {
    std::string joined;
    joined.reserve(first.size() + 1 + second.size());
    joined.append(first).append(1, '\0').append(second);
    return joined;
  }

  std::shared_ptr<const V> find(const std::string& key) {
    Shard& shard = shardFor(key);
    std::lock_guard lock(shard.mutex);
    auto it = shard.index.find(key);
    if (it == shard.index.end()) return nullptr;
    shard.order.splice(shard.order.begin(), shard.order, it->second);
    return it->second->second;
  }

  void insert(std::string key, std::shared_ptr<const V> value) {
    Shard& shard = shardFor(key);
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.index.find(key); it != shard.index.end()) {
      it->second->second = std::move(value);
      shard.order.splice(shard.order.begin(), shard.order, it->second);
      return;
    }
    shard.order.emplace_front(std::move(key), std::move(value));
    shard.index.emplace(shard.order.front().first, shard.order.begin());
    if (shard.order.size() > per_shard_) {
      shard.index.erase(shard.order.back().first);
      shard.order.pop_back();
    }
  }

  size_t size() {
    size_t total = 0;
    for (Shard& shard : shards_) {
      std::lock_guard lock(shard.mutex);
      total += shard.order.size();
    }
    return total;
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const V>>;
  struct Shard {
    std::mutex mutex;
    std::list<Entry> order;  // most recently used first
    std::unordered_map<std::string_view, typename std::list<Entry>::iterator> index;
  };

  Shard& shardFor(const std::string& key) {
    return shards_[std::hash<std::string_view>{}(key) % kShards];
  }

  const size_t per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace plexus::server
