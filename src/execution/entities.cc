// Entity collection, representation projection and merge-back (gateway-js executeQueryPlan.ts
// executeFetch / executeSelectionSet; Apollo Router fetch.rs and json_ext.rs iterate_path).
#include "src/execution/entities.h"

#include <algorithm>
#include <unordered_map>

#include "src/execution/rewrites.h"

namespace plexus::execution {

namespace {

using federation::MergePathSegment;
using federation::RequiresSelection;
using json::ArenaValue;

constexpr std::string_view kTypename = "__typename";

std::string_view typenameOf(const ArenaValue& object) {
  const ArenaValue* typename_value = object.find(kTypename);
  return typename_value != nullptr && typename_value->isString() ? typename_value->asString()
                                                                 : std::string_view();
}

// --- Collection ---------------------------------------------------------------------------------

struct Collector {
  const graphql::Schema& schema;
  EntityList& out;
  std::vector<PathStep> at;

  void walk(ArenaValue& value, std::span<const MergePathSegment> rest) {
    if (value.isNull()) return;
    if (rest.empty()) {
      if (value.isObject()) {
        out.add(at, value);
      } else if (value.isArray()) {  // a list the path did not enter with `@`
        eachItem(value, [&](ArenaValue& item) { walk(item, rest); });
      }
      return;
    }
    const MergePathSegment& step = rest.front();
    switch (step.kind) {
      case MergePathSegment::Kind::kField:
        if (value.isArray()) {
          eachItem(value, [&](ArenaValue& item) { walk(item, rest); });
        } else if (ArenaValue* child = value.find(step.name)) {
          at.push_back(PathStep{step.name, -1});
          filtered(*child, step.type_conditions, rest.subspan(1));
          at.pop_back();
        }
        return;
      case MergePathSegment::Kind::kList:
        eachItem(value,
                 [&](ArenaValue& item) { filtered(item, step.type_conditions, rest.subspan(1)); });
        return;
      case MergePathSegment::Kind::kTypeCondition:
        if (value.isArray()) {
          eachItem(value, [&](ArenaValue& item) { walk(item, rest); });
        } else if (value.isObject() && isObjectOfType(schema, value, step.name, true)) {
          walk(value, rest.subspan(1));
        }
        return;
    }
  }

  // Keeps objects whose __typename is one of `conditions` (all when there are none).
  void filtered(ArenaValue& value, const std::vector<std::string>& conditions,
                std::span<const MergePathSegment> rest) {
    if (conditions.empty()) {
      walk(value, rest);
    } else if (value.isArray()) {
      eachItem(value, [&](ArenaValue& item) { filtered(item, conditions, rest); });
    } else if (value.isObject()) {
      std::string_view type = typenameOf(value);
      if (std::find(conditions.begin(), conditions.end(), type) != conditions.end()) {
        walk(value, rest);
      }
    }
  }

  template <typename Visit>
  void eachItem(ArenaValue& list, const Visit& visit) {
    std::span<ArenaValue> items = list.items();
    for (size_t i = 0; i < items.size(); ++i) {
      at.push_back(PathStep{{}, static_cast<int64_t>(i)});
      visit(items[i]);
      at.pop_back();
    }
  }
};

// --- Projection ---------------------------------------------------------------------------------

bool projectValue(Arena& arena, const graphql::Schema& schema,
                  const std::vector<RequiresSelection>& selections, const ArenaValue& value,
                  const graphql::NamedType* type, ArenaValue& out);

void setOrMerge(Arena& arena, ArenaValue& object, std::string_view key, const ArenaValue& value) {
  if (ArenaValue* existing = object.find(key)) {
    json::mergeInto(arena, *existing, value);
  } else {
    object.appendMember(arena, key, value);
  }
}

// gateway-js executeSelectionSet, strict: a missing field, or a null where the supergraph says
// non-null, makes the whole projection fail.
bool projectObject(Arena& arena, const graphql::Schema& schema,
                   const std::vector<RequiresSelection>& selections, const ArenaValue& source,
                   const graphql::NamedType* parent, ArenaValue& out) {
  for (const RequiresSelection& selection : selections) {
    if (selection.kind == RequiresSelection::Kind::kInlineFragment) {
      const graphql::NamedType* condition = parent;
      if (!selection.name.empty()) {
        if (!isObjectOfType(schema, source, selection.name, false)) continue;
        condition = schema.type(selection.name);
      }
      if (!projectObject(arena, schema, selection.selections, source, condition, out)) return false;
      continue;
    }
    std::string_view key = selection.alias.empty() ? selection.name : selection.alias;
    const ArenaValue* value = source.find(key);
    if (value == nullptr) return false;
    const graphql::FieldDef* def = parent != nullptr && parent->isComposite()
                                       ? schema.fieldDef(parent, selection.name)
                                       : nullptr;
    if (value->isNull()) {
      if (def != nullptr && def->type->isNonNull()) return false;
      setOrMerge(arena, out, key, ArenaValue::null());
      continue;
    }
    if (selection.selections.empty()) {
      setOrMerge(arena, out, key, value->sharedCopy());
      continue;
    }
    ArenaValue projected;
    if (!projectValue(arena, schema, selection.selections, *value,
                      def != nullptr ? def->named_type : nullptr, projected)) {
      return false;
    }
    setOrMerge(arena, out, key, projected);
  }
  return true;
}

bool projectValue(Arena& arena, const graphql::Schema& schema,
                  const std::vector<RequiresSelection>& selections, const ArenaValue& value,
                  const graphql::NamedType* type, ArenaValue& out) {
  if (value.isArray()) {
    out = ArenaValue::array();
    for (const ArenaValue& item : value.items()) {
      ArenaValue projected;
      if (!item.isNull() && !projectValue(arena, schema, selections, item, type, projected)) {
        return false;
      }
      out.append(arena, projected);
    }
    return true;
  }
  if (!value.isObject()) {
    out = value.sharedCopy();
    return true;
  }
  const graphql::NamedType* runtime = type;
  if (std::string_view name = typenameOf(value); !name.empty()) {
    if (const graphql::NamedType* named = schema.type(name)) runtime = named;
  }
  out = ArenaValue::object();
  return projectObject(arena, schema, selections, value, runtime, out);
}

// --- Direct representations ---------------------------------------------------------------------

// The same projection as projectObject, written straight to JSON instead of built as a tree: the
// common case (no input rewrites, no key selected twice in one object) of every entity fetch.
// kFallback means the tree is needed after all (a repeated key merges), with `out` undefined.
enum class Written : uint8_t { kOk, kFailed, kFallback };

class RepresentationWriter {
 public:
  RepresentationWriter(const graphql::Schema& schema, std::string& out)
      : schema_(schema), out_(out) {}

  // projectRequires + serializeTo.
  Written write(const std::vector<RequiresSelection>& requires_set, const ArenaValue& entity) {
    if (!entity.isObject()) return Written::kFailed;
    typename_written_ = false;
    std::string_view name = typenameOf(entity);
    const graphql::NamedType* type = name.empty() ? nullptr : typeNamed(name);
    Keys keys;
    out_ += '{';
    Written written = writeObject(requires_set, entity, type, keys);
    out_ += '}';
    if (written != Written::kOk) return written;
    // projectRequires: a representation without a (non-empty) __typename cannot be sent.
    return typename_written_ ? Written::kOk : Written::kFailed;
  }

 private:
  // The keys written so far in one object: a repeated one needs the tree's merge.
  struct Keys {
    static constexpr size_t kMax = 16;
    std::string_view names[kMax];
    size_t count = 0;
  };

  const graphql::NamedType* typeNamed(std::string_view name) {
    if (!json::keyEquals(name, last_name_)) {
      last_name_ = name;
      last_type_ = schema_.type(name);
    }
    return last_type_;
  }

  bool addKey(Keys& keys, std::string_view key) {
    if (keys.count == Keys::kMax) return false;
    for (size_t i = 0; i < keys.count; ++i) {
      if (json::keyEquals(keys.names[i], key)) return false;
    }
    if (keys.count > 0) out_ += ',';
    keys.names[keys.count++] = key;
    // Response keys are GraphQL names ([_A-Za-z][_0-9A-Za-z]*): nothing to escape.
    out_ += '"';
    out_ += key;
    out_ += "\":";
    return true;
  }

  Written writeObject(const std::vector<RequiresSelection>& selections, const ArenaValue& source,
                      const graphql::NamedType* parent, Keys& keys, bool top = true) {
    for (const RequiresSelection& selection : selections) {
      if (selection.kind == RequiresSelection::Kind::kInlineFragment) {
        const graphql::NamedType* condition = parent;
        if (!selection.name.empty()) {
          if (!isObjectOfType(schema_, source, selection.name, false)) continue;
          condition = typeNamed(selection.name);
        }
        Written written = writeObject(selection.selections, source, condition, keys, top);
        if (written != Written::kOk) return written;
        continue;
      }
      std::string_view key = selection.alias.empty() ? selection.name : selection.alias;
      const ArenaValue* value = source.find(key);
      if (value == nullptr) return Written::kFailed;
      auto fieldDef = [&]() -> const graphql::FieldDef* {
        return parent != nullptr && parent->isComposite() ? schema_.fieldDef(parent, selection.name)
                                                          : nullptr;
      };
      if (value->isNull()) {
        const graphql::FieldDef* def = fieldDef();
        if (def != nullptr && def->type->isNonNull()) return Written::kFailed;
        if (!addKey(keys, key)) return Written::kFallback;
        out_ += "null";
        continue;
      }
      if (!addKey(keys, key)) return Written::kFallback;
      if (top && key == kTypename) typename_written_ = value->isString() && value->size() > 0;
      if (selection.selections.empty()) {
        json::serializeTo(*value, out_);
        continue;
      }
      const graphql::FieldDef* def = fieldDef();
      Written written =
          writeValue(selection.selections, *value, def != nullptr ? def->named_type : nullptr);
      if (written != Written::kOk) return written;
    }
    return Written::kOk;
  }

  // projectValue.
  Written writeValue(const std::vector<RequiresSelection>& selections, const ArenaValue& value,
                     const graphql::NamedType* type) {
    if (value.isArray()) {
      out_ += '[';
      bool first = true;
      for (const ArenaValue& item : value.items()) {
        if (!first) out_ += ',';
        first = false;
        if (item.isNull()) {
          out_ += "null";
          continue;
        }
        Written written = writeValue(selections, item, type);
        if (written != Written::kOk) return written;
      }
      out_ += ']';
      return Written::kOk;
    }
    if (!value.isObject()) {
      json::serializeTo(value, out_);
      return Written::kOk;
    }
    const graphql::NamedType* runtime = type;
    if (std::string_view name = typenameOf(value); !name.empty()) {
      if (const graphql::NamedType* named = typeNamed(name)) runtime = named;
    }
    Keys keys;
    out_ += '{';
    Written written = writeObject(selections, value, runtime, keys, /*top=*/false);
    out_ += '}';
    return written;
  }

  const graphql::Schema& schema_;
  std::string& out_;
  std::string_view last_name_;
  const graphql::NamedType* last_type_ = nullptr;
  bool typename_written_ = false;
};

}  // namespace

// --- EntityList ---------------------------------------------------------------------------------

std::span<const PathStep> EntityList::path(size_t i) const {
  size_t begin = offsets_[i];
  size_t end = i + 1 < offsets_.size() ? offsets_[i + 1] : steps_.size();
  return {steps_.data() + begin, end - begin};
}

void EntityList::add(std::span<const PathStep> path, const json::ArenaValue& value) {
  offsets_.push_back(static_cast<uint32_t>(steps_.size()));
  steps_.insert(steps_.end(), path.begin(), path.end());
  values_.push_back(value);
}

// --- Public functions ---------------------------------------------------------------------------

void collectEntities(const graphql::Schema& schema, json::ArenaValue& data,
                     const federation::MergePath& path, EntityList& out) {
  Collector collector{schema, out, {}};
  collector.walk(data, path);
}

json::ArenaValue* resolvePath(json::ArenaValue& data, std::span<const PathStep> path) {
  ArenaValue* at = &data;
  for (const PathStep& step : path) {
    if (step.index >= 0) {
      if (!at->isArray() || static_cast<size_t>(step.index) >= at->size()) return nullptr;
      at = &at->items()[step.index];
    } else {
      at = at->find(step.key);
      if (at == nullptr) return nullptr;
    }
  }
  return at;
}

bool isObjectOfType(const graphql::Schema& schema, const json::ArenaValue& object,
                    std::string_view type_condition, bool without_typename) {
  std::string_view name = typenameOf(object);
  if (name.empty()) return without_typename;
  if (name == type_condition) return true;
  const graphql::NamedType* type = schema.type(name);
  const graphql::NamedType* condition = schema.type(type_condition);
  if (type == nullptr || condition == nullptr || !condition->isAbstract()) return false;
  return (type->kind == graphql::TypeKind::kObject ||
          type->kind == graphql::TypeKind::kInterface) &&
         schema.isSubType(condition, type);
}

json::ArenaValue projectRequires(Arena& arena, const graphql::Schema& schema,
                                 const std::vector<RequiresSelection>& requires_set,
                                 const json::ArenaValue& entity) {
  if (!entity.isObject()) return ArenaValue::null();
  const graphql::NamedType* type = nullptr;
  if (std::string_view name = typenameOf(entity); !name.empty()) type = schema.type(name);
  ArenaValue out = ArenaValue::object();
  if (!projectObject(arena, schema, requires_set, entity, type, out)) return ArenaValue::null();
  if (typenameOf(out).empty()) return ArenaValue::null();
  return out;
}

Representations buildRepresentations(Arena& arena, const graphql::Schema& schema,
                                     const EntityList& entities,
                                     const std::vector<RequiresSelection>& requires_set,
                                     const std::vector<federation::DataRewrite>& input_rewrites) {
  Representations reps;
  reps.entity_rep.assign(entities.size(), -1);
  reps.json = "[";
  // Identical representations (the same entity reached twice) are sent once; the map's keys
  // are the serialized bytes, kept in the arena.
  std::unordered_map<std::string_view, uint32_t> seen;
  std::string bytes;
  RepresentationWriter writer(schema, bytes);
  for (size_t i = 0; i < entities.size(); ++i) {
    bytes.clear();
    Written written = Written::kFallback;
    if (input_rewrites.empty()) {
      written = writer.write(requires_set, entities.value(i));
      if (written == Written::kFailed) continue;
    }
    if (written == Written::kFallback) {
      ArenaValue representation = projectRequires(arena, schema, requires_set, entities.value(i));
      if (representation.isNull()) continue;
      applyRewrites(arena, schema, input_rewrites, representation);
      bytes.clear();
      json::serializeTo(representation, bytes);
    }
    auto found = seen.find(bytes);
    if (found != seen.end()) {
      reps.entity_rep[i] = static_cast<int32_t>(found->second);
      continue;
    }
    uint32_t index = reps.count++;
    seen.emplace(arena.copy(bytes), index);
    reps.entity_rep[i] = static_cast<int32_t>(index);
    if (index > 0) reps.json += ',';
    reps.json += bytes;
  }
  reps.json += ']';
  return reps;
}

void mergeEntities(Arena& arena, const graphql::Schema& schema, json::ArenaValue& data,
                   const EntityList& entities, const std::vector<int32_t>& entity_rep,
                   json::ArenaValue& answers,
                   const std::vector<federation::DataRewrite>& output_rewrites) {
  std::span<ArenaValue> items = answers.items();
  if (!output_rewrites.empty()) {
    for (ArenaValue& answer : items) {
      if (answer.isObject()) applyRewrites(arena, schema, output_rewrites, answer);
    }
  }
  for (size_t i = 0; i < entities.size(); ++i) {
    int32_t rep = entity_rep[i];
    if (rep < 0 || static_cast<size_t>(rep) >= items.size()) continue;
    const ArenaValue& answer = items[rep];
    if (!answer.isObject()) continue;  // null: the entity keeps what it had
    ArenaValue* target = resolvePath(data, entities.path(i));
    if (target == nullptr || !target->isObject()) continue;
    json::mergeInto(arena, *target, answer);
  }
}

std::vector<graphql::PathElement> toErrorPath(std::span<const PathStep> path) {
  std::vector<graphql::PathElement> out;
  out.reserve(path.size());
  for (const PathStep& step : path) {
    if (step.index >= 0) {
      out.emplace_back(step.index);
    } else {
      out.emplace_back(std::string(step.key));
    }
  }
  return out;
}

std::vector<graphql::PathElement> mergePathPrefix(const federation::MergePath& path) {
  std::vector<graphql::PathElement> out;
  for (const MergePathSegment& step : path) {
    if (step.kind == MergePathSegment::Kind::kList) break;
    if (step.kind == MergePathSegment::Kind::kField) out.emplace_back(step.name);
  }
  return out;
}

}  // namespace plexus::execution
