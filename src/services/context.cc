#include "include/plexus/context.h"

#include "src/common/uuid.h"

namespace plexus {

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
