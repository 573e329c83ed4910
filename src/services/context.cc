#include "include/plexus/context.h"

#include <cstdio>
#include <random>

namespace plexus {

namespace {

std::string uuidV4() {
  thread_local std::mt19937_64 random(std::random_device{}());
  uint64_t high = random();
  uint64_t low = random();
  high = (high & 0xffffffffffff0fffull) | 0x0000000000004000ull;  // version 4
  low = (low & 0x3fffffffffffffffull) | 0x8000000000000000ull;    // variant 10
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffull));
  return out;
}

}  // namespace

Context::Context() : state_(std::make_shared<State>()) { state_->id = uuidV4(); }

std::optional<json::Value> Context::insert(std::string key, json::Value value) {
  std::unique_lock lock(state_->mutex);
  auto [it, inserted] = state_->entries.try_emplace(std::move(key), std::move(value));
  if (inserted) return std::nullopt;
  json::Value previous = std::move(it->second);
  it->second = std::move(value);
  return previous;
}

std::optional<json::Value> Context::get(std::string_view key) const {
  std::shared_lock lock(state_->mutex);
  auto it = state_->entries.find(key);
  if (it == state_->entries.end()) return std::nullopt;
  return it->second;
}

bool Context::contains(std::string_view key) const {
  std::shared_lock lock(state_->mutex);
  return state_->entries.find(key) != state_->entries.end();
}

std::optional<json::Value> Context::remove(std::string_view key) {
  std::unique_lock lock(state_->mutex);
  auto it = state_->entries.find(key);
  if (it == state_->entries.end()) return std::nullopt;
  json::Value value = std::move(it->second);
  state_->entries.erase(it);
  return value;
}

void Context::upsert(std::string_view key, const std::function<void(json::Value&)>& update) {
  std::unique_lock lock(state_->mutex);
  auto it = state_->entries.find(key);
  if (it == state_->entries.end())
    it = state_->entries.emplace(std::string(key), json::Value()).first;
  update(it->second);
}

void Context::upsert(std::string_view key, json::Value initial,
                     const std::function<void(json::Value&)>& update) {
  std::unique_lock lock(state_->mutex);
  auto it = state_->entries.find(key);
  if (it == state_->entries.end()) {
    it = state_->entries.emplace(std::string(key), std::move(initial)).first;
  }
  update(it->second);
}

std::vector<std::pair<std::string, json::Value>> Context::entries() const {
  std::shared_lock lock(state_->mutex);
  return {state_->entries.begin(), state_->entries.end()};
}

size_t Context::size() const {
  std::shared_lock lock(state_->mutex);
  return state_->entries.size();
}

}  // namespace plexus
