// Fetch data rewrites: gateway-js dataRewrites.ts applyRewrites, on arena trees.
#include "src/execution/rewrites.h"

#include <span>
#include <string>
#include <string_view>

#include "src/execution/entities.h"

namespace plexus::execution {

namespace {

constexpr std::string_view kFragmentPrefix = "... on ";

// Runs `apply(object)` on every object `steps` reaches from `value`.
template <typename Apply>
void applyAtPath(const graphql::Schema& schema, std::span<const std::string> steps,
                 json::ArenaValue& value, const Apply& apply) {
  if (value.isArray()) {
    for (json::ArenaValue& item : value.items()) applyAtPath(schema, steps, item, apply);
    return;
  }
  if (!value.isObject()) return;
  if (steps.empty()) {
    apply(value);
    return;
  }
  std::string_view step = steps.front();
  if (step.starts_with(kFragmentPrefix)) {
    // Rewrites run where __typename may not be known yet: an unknown type still matches.
    if (isObjectOfType(schema, value, step.substr(kFragmentPrefix.size()), true)) {
      applyAtPath(schema, steps.subspan(1), value, apply);
    }
    return;
  }
  if (json::ArenaValue* child = value.find(step))
    applyAtPath(schema, steps.subspan(1), *child, apply);
}

// `object` without its member `key` (ArenaValue has no erase: the object is rebuilt).
json::ArenaValue without(Arena& arena, const json::ArenaValue& object, std::string_view key) {
  json::ArenaValue out = json::ArenaValue::object();
  for (const json::ArenaMember& member : object.members()) {
    if (member.key != key) out.appendMember(arena, member.key, member.value);
  }
  return out;
}

void applyRewrite(Arena& arena, const graphql::Schema& schema,
                  const federation::DataRewrite& rewrite, json::ArenaValue& value) {
  if (rewrite.path.empty()) return;
  std::span<const std::string> parent(rewrite.path.data(), rewrite.path.size() - 1);
  std::string_view last = rewrite.path.back();
  if (last.starts_with(kFragmentPrefix)) return;  // rewrites always end on a key
  switch (rewrite.kind) {
    case federation::DataRewrite::Kind::kValueSetter:
      applyAtPath(schema, parent, value, [&](json::ArenaValue& object) {
        object.set(arena, last, json::fromValue(arena, rewrite.set_value_to));
      });
      return;
    case federation::DataRewrite::Kind::kKeyRenamer: {
      std::string_view to = rewrite.rename_key_to;
      applyAtPath(schema, parent, value, [&](json::ArenaValue& object) {
        const json::ArenaValue* from = object.find(last);
        if (from == nullptr || from->isNull() || last == to) return;
        if (object.find(to) == nullptr) {
          for (json::ArenaMember& member : object.members()) {
            if (member.key == last) {
              member.key = arena.copy(to);
              break;
            }
          }
          return;
        }
        // Both keys answered (an internally aliased selection next to the client's own):
        // the two objects are parts of one value, so they merge.
        json::ArenaValue moved = *from;
        object = without(arena, object, last);
        if (json::ArenaValue* existing = object.find(to); existing != nullptr) {
          json::mergeInto(arena, *existing, moved);
        } else {
          object.set(arena, to, moved);
        }
      });
      return;
    }
  }
}

}  // namespace

void applyRewrites(Arena& arena, const graphql::Schema& schema,
                   const std::vector<federation::DataRewrite>& rewrites, json::ArenaValue& value) {
  for (const federation::DataRewrite& rewrite : rewrites)
    applyRewrite(arena, schema, rewrite, value);
}

}  // namespace plexus::execution
