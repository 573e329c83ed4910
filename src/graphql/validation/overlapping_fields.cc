// OverlappingFieldsCanBeMergedRule (GraphQL spec §5.3.2 Field Selection Merging), following
// graphql-js 16.15's algorithm step for step (the letters (A)-(J) are its comments' steps) so
// that conflicts, their order, their messages and the abort point of its complexity budget are
// the same.
//
// Everything the checker memoizes lives in one arena and is freed with it: collected field maps
// (grouped by response key into contiguous spans), the overlap of two field maps, the fragment
// pairs and field pairs already compared. Keys are string_views into the document.
#include "src/graphql/validation/overlapping_fields.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "src/common/arena.h"

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kRuleName = "OverlappingFieldsCanBeMergedRule";
// graphql-js bounds the size of a conflict's description and its list of nodes.
constexpr size_t kMaxConflictDetailLength = 1000;
constexpr size_t kMaxConflictNodes = 20;
// graphql-js meters comparisons (not field collection) and aborts validation past this.
constexpr int64_t kMaxComplexityBudget = 500000;
// Below this many entries a linear scan beats hashing.
constexpr size_t kLinearScanMax = 8;

uint64_t mixBits(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

uint64_t hashName(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a: names are short
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return mixBits(h);
}

uint64_t hashPointer(const void* p) { return mixBits(reinterpret_cast<uintptr_t>(p)); }

// An open-addressing hash map whose storage comes from an Arena (old tables are abandoned to
// it when the map grows). Keys and values must be trivially destructible.
template <typename Key, typename Value, typename Hash>
class FlatMap {
  static_assert(std::is_trivially_destructible_v<Key> && std::is_trivially_destructible_v<Value>);

 public:
  bool empty() const { return size_ == 0; }

  const Value* find(const Key& key) const {
    if (size_ == 0) return nullptr;
    for (uint64_t i = Hash{}(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (!slot.used) return nullptr;
      if (slot.key == key) return &slot.value;
    }
  }
  Value* find(const Key& key) {
    return const_cast<Value*>(static_cast<const FlatMap*>(this)->find(key));
  }

  // The value stored under `key` (valid until the next insertion), and whether it was absent
  // (then `value` was stored).
  std::pair<Value*, bool> insert(Arena& arena, const Key& key, const Value& value) {
    if ((size_ + 1) * 2 > capacity()) grow(arena, capacity() == 0 ? 8 : capacity() * 2);
    for (uint64_t i = Hash{}(key) & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (!slot.used) {
        slot.key = key;
        slot.value = value;
        slot.used = true;
        ++size_;
        return {&slot.value, true};
      }
      if (slot.key == key) return {&slot.value, false};
    }
  }

  // Makes room for `count` entries without growing.
  void reserve(Arena& arena, size_t count) {
    size_t wanted = 8;
    while (wanted < count * 2) wanted *= 2;
    if (wanted > capacity()) grow(arena, wanted);
  }

 private:
  struct Slot {
    Key key{};
    Value value{};
    bool used = false;
  };

  size_t capacity() const { return slots_ == nullptr ? 0 : mask_ + 1; }

  void grow(Arena& arena, size_t new_capacity) {
    Slot* old_slots = slots_;
    size_t old_capacity = capacity();
    slots_ = static_cast<Slot*>(arena.allocate(sizeof(Slot) * new_capacity, alignof(Slot)));
    for (size_t i = 0; i < new_capacity; ++i) new (&slots_[i]) Slot();
    mask_ = new_capacity - 1;
    size_ = 0;
    for (size_t i = 0; i < old_capacity; ++i) {
      if (old_slots[i].used) insert(arena, old_slots[i].key, old_slots[i].value);
    }
  }

  Slot* slots_ = nullptr;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

struct NameHash {
  uint64_t operator()(std::string_view name) const { return hashName(name); }
};
struct PointerHash {
  uint64_t operator()(const void* p) const { return hashPointer(p); }
};

// Ordered pairs of pointers, of names, and of a pointer and a name.
struct PointerPair {
  const void* first = nullptr;
  const void* second = nullptr;
  friend bool operator==(const PointerPair&, const PointerPair&) = default;
};
struct PointerPairHash {
  uint64_t operator()(const PointerPair& p) const {
    return hashPointer(p.first) * 31 + hashPointer(p.second);
  }
};
struct NamePair {
  std::string_view first;
  std::string_view second;
  friend bool operator==(const NamePair&, const NamePair&) = default;
};
struct NamePairHash {
  uint64_t operator()(const NamePair& p) const {
    return hashName(p.first) * 31 + hashName(p.second);
  }
};
struct PointerName {
  const void* pointer = nullptr;
  std::string_view name;
  friend bool operator==(const PointerName&, const PointerName&) = default;
};
struct PointerNameHash {
  uint64_t operator()(const PointerName& p) const {
    return hashPointer(p.pointer) * 31 + hashName(p.name);
  }
};

// graphql-js FieldDetails: one field of a collected selection set.
struct FieldDetails {
  const NamedType* parent_type = nullptr;  // null when unknown
  const ast::Field* node = nullptr;
  const FieldDef* definition = nullptr;  // declared fields of objects and interfaces only
  bool is_simple_leaf = false;           // no arguments, no selection set
};

// The fields of one response key, in document order.
struct ResponseGroup {
  std::string_view response_name;
  std::span<const FieldDetails> fields;
};

// graphql-js CollectFieldsResult: a selection set's fields (inline fragments flattened) grouped
// by response key in first-seen order, and the fragments it spreads, deduplicated.
struct Collection {
  std::span<const ResponseGroup> groups;
  FlatMap<std::string_view, uint32_t, NameHash> index;  // empty when there are few groups
  std::span<const std::string_view> fragment_names;

  const ResponseGroup* find(std::string_view response_name) const {
    if (index.empty()) {
      for (const ResponseGroup& group : groups) {
        if (group.response_name == response_name) return &group;
      }
      return nullptr;
    }
    const uint32_t* position = index.find(response_name);
    return position == nullptr ? nullptr : &groups[*position];
  }
};

struct Overlap {
  const ResponseGroup* group1;
  const ResponseGroup* group2;
};

// Why two fields of one response key cannot merge (before looking at their types).
enum class Reason : uint8_t { kNone, kDifferentFields, kDifferingArguments };

struct Conflict {
  std::string_view response_name;
  std::string reason;
  std::vector<const ast::Field*> fields1;
  std::vector<const ast::Field*> fields2;
};

std::string maybeAbbreviate(std::string_view text) {
  // Names and type strings are ASCII, so bytes count as graphql-js's UTF-16 length does.
  if (text.size() <= kMaxConflictDetailLength) return std::string(text);
  std::string out(text.substr(0, kMaxConflictDetailLength));
  out += "...";
  return out;
}

// graphql-js compares types by object identity: a named type is one object, while every field
// definition builds its own list and non-null wrappers.
bool sameTypeObject(const ast::Type* a, const ast::Type* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  return a->form == ast::Type::Form::kNamed && b->form == ast::Type::Form::kNamed &&
         a->name == b->name;
}

bool isObjectType(const NamedType* type) {
  return type != nullptr && type->kind == TypeKind::kObject;
}

// A span of up to N items kept on the stack, on the heap beyond.
template <typename T, size_t N>
class SmallBuffer {
 public:
  explicit SmallBuffer(size_t size) : size_(size) {
    if (size > N) heap_.resize(size);
  }
  T* data() { return size_ > N ? heap_.data() : inline_.data(); }
  std::span<T> span() { return {data(), size_}; }

 private:
  size_t size_;
  std::array<T, N> inline_{};
  std::vector<T> heap_;
};

// Object fields in graphql-js stringifyValue's order: stable-sorted by name.
std::span<const ast::ObjectField*> sortedFields(ast::List<const ast::ObjectField> fields,
                                                std::span<const ast::ObjectField*> out) {
  std::copy(fields.begin(), fields.end(), out.begin());
  std::stable_sort(out.begin(), out.end(),
                   [](const ast::ObjectField* a, const ast::ObjectField* b) {
                     return a->name < b->name;
                   });
  return out;
}

// graphql-js 16.15 compares argument values by a canonical JSON rendering (stringifyValue):
// kind and value, strings with their block flag, object fields sorted by name. Two values
// render alike exactly when this structural comparison holds.
bool sameValue(const ast::Value* a, const ast::Value* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr || a->form != b->form) return false;
  using Form = ast::Value::Form;
  switch (a->form) {
    case Form::kVariable:
    case Form::kInt:
    case Form::kFloat:
    case Form::kEnum:
      return a->text == b->text;
    case Form::kString:
      return a->text == b->text && a->block == b->block;
    case Form::kBoolean:
      return a->boolean == b->boolean;
    case Form::kNull:
      return true;
    case Form::kList:
      if (a->list.size() != b->list.size()) return false;
      for (size_t i = 0; i < a->list.size(); ++i) {
        if (!sameValue(a->list[i], b->list[i])) return false;
      }
      return true;
    case Form::kObject: {
      if (a->fields.size() != b->fields.size()) return false;
      SmallBuffer<const ast::ObjectField*, 8> buffer_a(a->fields.size());
      SmallBuffer<const ast::ObjectField*, 8> buffer_b(b->fields.size());
      auto fields_a = sortedFields(a->fields, buffer_a.span());
      auto fields_b = sortedFields(b->fields, buffer_b.span());
      for (size_t i = 0; i < fields_a.size(); ++i) {
        if (fields_a[i]->name != fields_b[i]->name) return false;
        if (!sameValue(fields_a[i]->value, fields_b[i]->value)) return false;
      }
      return true;
    }
  }
  return false;
}

const ast::SelectionSet& emptySelectionSet() {
  static const ast::SelectionSet kEmpty{};
  return kEmpty;
}

}  // namespace

struct OverlappingFieldsChecker::State {
  State(const Schema& s, const ast::Document& document);

  bool spend(int64_t cost) {
    budget -= cost;
    if (budget < 0) aborted = true;
    return !aborted;
  }

  const ast::FragmentDefinition* fragment(std::string_view name) const {
    auto* found = fragments.find(name);
    return found == nullptr ? nullptr : *found;
  }

  void findConflictsWithinSelectionSet(const NamedType* parent_type,
                                       const ast::SelectionSet& selection_set,
                                       std::vector<Conflict>& conflicts);
  void collectConflictsBetweenFieldsAndFragment(std::vector<Conflict>& conflicts,
                                                bool mutually_exclusive,
                                                const Collection& collection,
                                                std::string_view fragment_name);
  void collectConflictsBetweenFragments(std::vector<Conflict>& conflicts,
                                        bool mutually_exclusive, std::string_view fragment_name1,
                                        std::string_view fragment_name2);
  void findConflictsBetweenSubSelectionSets(bool mutually_exclusive,
                                            const NamedType* parent_type1,
                                            const ast::SelectionSet& selection_set1,
                                            const NamedType* parent_type2,
                                            const ast::SelectionSet& selection_set2,
                                            std::vector<Conflict>& conflicts);
  void collectConflictsWithin(std::vector<Conflict>& conflicts, const Collection& collection);
  void collectConflictsBetween(std::vector<Conflict>& conflicts, bool mutually_exclusive,
                               const Collection& collection1, const Collection& collection2);
  std::span<const Overlap> overlappingFields(const Collection& collection1,
                                             const Collection& collection2);
  void findConflict(bool parent_fields_mutually_exclusive, std::string_view response_name,
                    const FieldDetails& field1, const FieldDetails& field2,
                    std::vector<Conflict>& conflicts);
  bool sameArguments(const ast::Field& field1, const ast::Field& field2);
  bool doTypesConflict(const ast::Type* type1, const ast::Type* type2);
  bool isLeafType(std::string_view name) const {
    const NamedType* type = schema.type(name);
    return type != nullptr && type->isLeaf();
  }

  const Collection& collectFields(const NamedType* parent_type,
                                  const ast::SelectionSet& selection_set);
  const Collection& collectFragmentFields(const ast::FragmentDefinition& fragment);
  void collectFieldsInto(const NamedType* parent_type, const ast::SelectionSet& selection_set);
  void groupScratchFields(Collection& collection);
  void dedupeScratchFragmentNames(Collection& collection);

  const Schema& schema;
  Arena arena;
  // The last definition of each name, as graphql-js ValidationContext.getFragment.
  FlatMap<std::string_view, const ast::FragmentDefinition*, NameHash> fragments;
  // Selection sets of inline fragments: graphql-js's visitor skips them.
  FlatMap<const void*, bool, PointerHash> inline_fragment_sets;
  // (parent type, selection set) -> its collected fields.
  FlatMap<PointerPair, const Collection*, PointerPairHash> collections;
  // graphql-js PairSet: (fragment, fragment) -> compared as mutually exclusive.
  FlatMap<NamePair, bool, NamePairHash> compared_fragment_pairs;
  // (collection, fragment) -> compared as mutually exclusive.
  FlatMap<PointerName, bool, PointerNameHash> compared_fragments;
  // (collection, collection) -> their shared response keys.
  FlatMap<PointerPair, std::span<const Overlap>, PointerPairHash> overlaps;
  // (field, field) -> reason they cannot merge, when their parents may overlap.
  FlatMap<PointerPair, Reason, PointerPairHash> comparisons;

  int64_t budget = kMaxComplexityBudget;
  bool aborted = false;

  // Scratch space for collectFields, which never re-enters itself.
  std::vector<FieldDetails> scratch_fields;
  std::vector<std::string_view> scratch_fragment_names;
  std::vector<uint32_t> scratch_group_of;
  std::vector<uint32_t> scratch_group_sizes;
  std::vector<std::string_view> scratch_group_names;
  std::vector<Overlap> scratch_overlaps;
};

OverlappingFieldsChecker::State::State(const Schema& s, const ast::Document& document)
    : schema(s) {
  std::vector<const ast::SelectionSet*> pending;
  for (const ast::Definition* definition : document.definitions) {
    if (auto* fragment_def = definition->as<ast::FragmentDefinition>()) {
      auto [slot, inserted] = fragments.insert(arena, fragment_def->name, fragment_def);
      if (!inserted) *slot = fragment_def;
      if (fragment_def->selection_set != nullptr) pending.push_back(fragment_def->selection_set);
    } else if (auto* operation = definition->as<ast::OperationDefinition>()) {
      if (operation->selection_set != nullptr) pending.push_back(operation->selection_set);
    }
  }
  // An explicit stack: documents may nest deeper than is safe to recurse.
  while (!pending.empty()) {
    const ast::SelectionSet* selection_set = pending.back();
    pending.pop_back();
    for (const ast::Selection* selection : selection_set->selections) {
      if (auto* field = selection->as<ast::Field>()) {
        if (field->selection_set != nullptr) pending.push_back(field->selection_set);
      } else if (auto* inline_fragment = selection->as<ast::InlineFragment>()) {
        if (inline_fragment->selection_set != nullptr) {
          inline_fragment_sets.insert(arena, inline_fragment->selection_set, true);
          pending.push_back(inline_fragment->selection_set);
        }
      }
    }
  }
}

// (A) Conflicts within the selection set's own fields, (B) between its fields and each spread
// fragment, (C) between each pair of its spread fragments.
void OverlappingFieldsChecker::State::findConflictsWithinSelectionSet(
    const NamedType* parent_type, const ast::SelectionSet& selection_set,
    std::vector<Conflict>& conflicts) {
  const Collection& collection = collectFields(parent_type, selection_set);
  collectConflictsWithin(conflicts, collection);
  if (aborted) return;
  const auto names = collection.fragment_names;
  if (names.empty() || (collection.groups.empty() && names.size() == 1)) return;
  for (size_t i = 0; i < names.size(); ++i) {
    collectConflictsBetweenFieldsAndFragment(conflicts, false, collection, names[i]);
    if (aborted) return;
    for (size_t j = i + 1; j < names.size(); ++j) {
      collectConflictsBetweenFragments(conflicts, false, names[i], names[j]);
      if (aborted) return;
    }
  }
}

// (D) A set of fields against a fragment's fields, (E) and against the fragments it spreads.
void OverlappingFieldsChecker::State::collectConflictsBetweenFieldsAndFragment(
    std::vector<Conflict>& conflicts, bool mutually_exclusive, const Collection& collection,
    std::string_view fragment_name) {
  if (!spend(1)) return;
  if (collection.groups.empty()) return;
  // A non-exclusive comparison covers an exclusive one, not the other way round.
  auto [compared, inserted] =
      compared_fragments.insert(arena, PointerName{&collection, fragment_name}, mutually_exclusive);
  if (!inserted) {
    if (!*compared || mutually_exclusive) return;
    *compared = false;
  }
  const ast::FragmentDefinition* fragment_def = fragment(fragment_name);
  if (fragment_def == nullptr) return;
  const Collection& fragment_collection = collectFragmentFields(*fragment_def);
  if (&fragment_collection == &collection) return;  // never compare fields with themselves
  collectConflictsBetween(conflicts, mutually_exclusive, collection, fragment_collection);
  for (std::string_view referenced : fragment_collection.fragment_names) {
    if (aborted) return;
    collectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, collection,
                                             referenced);
  }
}

// (F) Two fragments' fields, (G) and each against the fragments the other spreads.
void OverlappingFieldsChecker::State::collectConflictsBetweenFragments(
    std::vector<Conflict>& conflicts, bool mutually_exclusive, std::string_view fragment_name1,
    std::string_view fragment_name2) {
  if (!spend(2)) return;
  if (fragment_name1 == fragment_name2) return;
  // graphql-js PairSet.has: either order; an exclusive query accepts any stored pair, a
  // non-exclusive one only a pair stored as non-exclusive.
  auto pairStored = [&](std::string_view a, std::string_view b) {
    const bool* stored = compared_fragment_pairs.find(NamePair{a, b});
    return stored != nullptr && (mutually_exclusive || !*stored);
  };
  if (pairStored(fragment_name1, fragment_name2) || pairStored(fragment_name2, fragment_name1)) {
    return;
  }
  auto [slot, inserted] = compared_fragment_pairs.insert(
      arena, NamePair{fragment_name1, fragment_name2}, mutually_exclusive);
  if (!inserted) *slot = mutually_exclusive;

  const ast::FragmentDefinition* fragment1 = fragment(fragment_name1);
  const ast::FragmentDefinition* fragment2 = fragment(fragment_name2);
  if (fragment1 == nullptr || fragment2 == nullptr) return;
  const Collection& collection1 = collectFragmentFields(*fragment1);
  const Collection& collection2 = collectFragmentFields(*fragment2);
  collectConflictsBetween(conflicts, mutually_exclusive, collection1, collection2);
  for (std::string_view referenced2 : collection2.fragment_names) {
    if (aborted) return;
    collectConflictsBetweenFragments(conflicts, mutually_exclusive, fragment_name1, referenced2);
  }
  for (std::string_view referenced1 : collection1.fragment_names) {
    if (aborted) return;
    collectConflictsBetweenFragments(conflicts, mutually_exclusive, referenced1, fragment_name2);
  }
}

// (H) The sub-selections of two overlapping fields: fields against fields, (I) fields against
// the other side's fragments, (J) fragments against fragments.
void OverlappingFieldsChecker::State::findConflictsBetweenSubSelectionSets(
    bool mutually_exclusive, const NamedType* parent_type1,
    const ast::SelectionSet& selection_set1, const NamedType* parent_type2,
    const ast::SelectionSet& selection_set2, std::vector<Conflict>& conflicts) {
  const Collection& collection1 = collectFields(parent_type1, selection_set1);
  const Collection& collection2 = collectFields(parent_type2, selection_set2);
  collectConflictsBetween(conflicts, mutually_exclusive, collection1, collection2);
  for (std::string_view name2 : collection2.fragment_names) {
    if (aborted) return;
    collectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, collection1, name2);
  }
  for (std::string_view name1 : collection1.fragment_names) {
    if (aborted) return;
    collectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, collection2, name1);
  }
  for (std::string_view name1 : collection1.fragment_names) {
    for (std::string_view name2 : collection2.fragment_names) {
      if (aborted) return;
      collectConflictsBetweenFragments(conflicts, mutually_exclusive, name1, name2);
    }
  }
}

// Every pair of fields sharing a response key within one collection. This is the only place
// fields of one collection meet each other; everything else compares two collections.
void OverlappingFieldsChecker::State::collectConflictsWithin(std::vector<Conflict>& conflicts,
                                                              const Collection& collection) {
  for (const ResponseGroup& group : collection.groups) {
    const auto fields = group.fields;
    for (size_t i = 0; i + 1 < fields.size(); ++i) {
      for (size_t j = i + 1; j < fields.size(); ++j) {
        findConflict(false, group.response_name, fields[i], fields[j], conflicts);
        if (aborted) return;
      }
    }
  }
}

// Every field of the first collection against every field of the second with its response key.
void OverlappingFieldsChecker::State::collectConflictsBetween(std::vector<Conflict>& conflicts,
                                                               bool mutually_exclusive,
                                                               const Collection& collection1,
                                                               const Collection& collection2) {
  if (collection1.groups.empty() || collection2.groups.empty()) return;
  for (const Overlap& overlap : overlappingFields(collection1, collection2)) {
    for (const FieldDetails& field1 : overlap.group1->fields) {
      for (const FieldDetails& field2 : overlap.group2->fields) {
        if (aborted) return;
        findConflict(mutually_exclusive, overlap.group1->response_name, field1, field2,
                     conflicts);
      }
    }
  }
}

std::span<const Overlap> OverlappingFieldsChecker::State::overlappingFields(
    const Collection& collection1, const Collection& collection2) {
  const PointerPair key{&collection1, &collection2};
  if (const auto* cached = overlaps.find(key)) return *cached;
  // graphql-js charges one step per response key of the first collection.
  if (!spend(static_cast<int64_t>(collection1.groups.size()))) return {};
  scratch_overlaps.clear();
  for (const ResponseGroup& group1 : collection1.groups) {
    if (const ResponseGroup* group2 = collection2.find(group1.response_name)) {
      scratch_overlaps.push_back({&group1, group2});
    }
  }
  std::span<const Overlap> result = arena.copyList(scratch_overlaps);
  overlaps.insert(arena, key, result);
  return result;
}

// Whether two fields of one response key can merge; appends at most one conflict.
void OverlappingFieldsChecker::State::findConflict(bool parent_fields_mutually_exclusive,
                                                   std::string_view response_name,
                                                   const FieldDetails& field1,
                                                   const FieldDetails& field2,
                                                   std::vector<Conflict>& conflicts) {
  // Fields of two different object types never apply to one value, so their names and
  // arguments may differ. Interfaces and unions might overlap, now or in a later schema.
  const bool mutually_exclusive =
      parent_fields_mutually_exclusive ||
      (field1.parent_type != field2.parent_type && isObjectType(field1.parent_type) &&
       isObjectType(field2.parent_type));
  if (!spend(2)) return;

  const ast::Field& node1 = *field1.node;
  const ast::Field& node2 = *field2.node;
  const ast::Type* type1 = field1.definition != nullptr ? field1.definition->type : nullptr;
  const ast::Type* type2 = field2.definition != nullptr ? field2.definition->type : nullptr;
  if (field1.is_simple_leaf && field2.is_simple_leaf && sameTypeObject(type1, type2) &&
      node1.name == node2.name) {
    return;
  }

  if (!mutually_exclusive) {
    Reason reason;
    const PointerPair key{&field1, &field2};
    if (const Reason* cached = comparisons.find(key)) {
      reason = *cached;
    } else {
      if (node1.name != node2.name) {
        reason = Reason::kDifferentFields;
      } else {
        reason = sameArguments(node1, node2) ? Reason::kNone : Reason::kDifferingArguments;
        if (aborted) return;
      }
      comparisons.insert(arena, key, reason);
    }
    if (reason != Reason::kNone) {
      std::string text;
      if (reason == Reason::kDifferentFields) {
        text = "\"" + maybeAbbreviate(node1.name) + "\" and \"" + maybeAbbreviate(node2.name) +
               "\" are different fields";
      } else {
        text = "they have differing arguments";
      }
      conflicts.push_back({response_name, std::move(text), {&node1}, {&node2}});
      return;
    }
  }

  if (type1 != nullptr && type2 != nullptr && doTypesConflict(type1, type2)) {
    conflicts.push_back({response_name,
                         "they return conflicting types \"" + types::print(type1) +
                             "\" and \"" + types::print(type2) + "\"",
                         {&node1},
                         {&node2}});
    return;
  }
  if (aborted) return;

  if (node1.selection_set == nullptr || node2.selection_set == nullptr) return;
  std::vector<Conflict> subfield_conflicts;
  findConflictsBetweenSubSelectionSets(
      mutually_exclusive, field1.definition != nullptr ? field1.definition->named_type : nullptr,
      *node1.selection_set,
      field2.definition != nullptr ? field2.definition->named_type : nullptr,
      *node2.selection_set, subfield_conflicts);
  if (aborted || subfield_conflicts.empty()) return;

  // graphql-js subfieldConflicts: one conflict for the pair, its reason listing the
  // sub-conflicts, its nodes the two fields followed by the sub-conflicts' nodes.
  Conflict conflict{response_name, {}, {&node1}, {&node2}};
  std::string message;
  for (const Conflict& sub : subfield_conflicts) {
    if (!message.empty()) message += " and ";
    message += "subfields \"";
    message += maybeAbbreviate(sub.response_name);
    message += "\" conflict because ";
    message += sub.reason;
    if (message.size() > kMaxConflictDetailLength) break;
  }
  conflict.reason = maybeAbbreviate(message);
  // Past the node limit, keep each sub-conflict's last (deepest) nodes.
  auto appendNodes = [&](std::vector<const ast::Field*>& nodes, auto side) {
    for (const Conflict& sub : subfield_conflicts) {
      const std::vector<const ast::Field*>& from = sub.*side;
      const size_t take = std::min(kMaxConflictNodes - nodes.size(), from.size());
      nodes.insert(nodes.end(), from.end() - static_cast<std::ptrdiff_t>(take), from.end());
      if (nodes.size() == kMaxConflictNodes) break;
    }
  };
  appendNodes(conflict.fields1, &Conflict::fields1);
  appendNodes(conflict.fields2, &Conflict::fields2);
  conflicts.push_back(std::move(conflict));
}

// Same argument names with the same values, in any order (spec §2.6 "arguments are
// unordered"). graphql-js looks each argument of the first field up by name in the second,
// where a repeated name keeps its last value.
bool OverlappingFieldsChecker::State::sameArguments(const ast::Field& field1,
                                                    const ast::Field& field2) {
  const auto args1 = field1.arguments;
  const auto args2 = field2.arguments;
  if (args1.empty()) return args2.empty();
  if (args1.size() != args2.size()) return false;

  // Long argument lists get a sorted index so lookups stay logarithmic.
  std::vector<const ast::Argument*> sorted;
  if (args2.size() > kLinearScanMax) {
    sorted.assign(args2.begin(), args2.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ast::Argument* a, const ast::Argument* b) {
                       return a->name < b->name;
                     });
  }
  auto lookup = [&](std::string_view name) -> const ast::Argument* {
    if (sorted.empty()) {
      for (size_t i = args2.size(); i-- > 0;) {
        if (args2[i]->name == name) return args2[i];
      }
      return nullptr;
    }
    auto after = std::upper_bound(
        sorted.begin(), sorted.end(), name,
        [](std::string_view n, const ast::Argument* a) { return n < a->name; });
    if (after == sorted.begin() || (*(after - 1))->name != name) return nullptr;
    return *(after - 1);  // stable sort: the last of equal names is the last written
  };

  for (const ast::Argument* arg1 : args1) {
    if (!spend(1)) return false;
    const ast::Argument* arg2 = lookup(arg1->name);
    if (arg2 == nullptr || !sameValue(arg1->value, arg2->value)) return false;
  }
  return true;
}

// Two types conflict when no value could satisfy both. Composite types are left to the
// comparison of sub-selections; list and non-null wrappers and leaf types must match.
bool OverlappingFieldsChecker::State::doTypesConflict(const ast::Type* type1,
                                                      const ast::Type* type2) {
  if (sameTypeObject(type1, type2)) return false;
  if (!spend(1)) return false;
  if (type1->isList()) return type2->isList() ? doTypesConflict(type1->of, type2->of) : true;
  if (type2->isList()) return true;
  if (type1->isNonNull()) {
    return type2->isNonNull() ? doTypesConflict(type1->of, type2->of) : true;
  }
  if (type2->isNonNull()) return true;
  // Two different named types.
  return isLeafType(type1->name) || isLeafType(type2->name);
}

const Collection& OverlappingFieldsChecker::State::collectFields(
    const NamedType* parent_type, const ast::SelectionSet& selection_set) {
  const PointerPair key{parent_type, &selection_set};
  if (const auto* cached = collections.find(key)) return **cached;
  scratch_fields.clear();
  scratch_fragment_names.clear();
  collectFieldsInto(parent_type, selection_set);
  Collection* collection = arena.make<Collection>();
  groupScratchFields(*collection);
  dedupeScratchFragmentNames(*collection);
  collections.insert(arena, key, collection);
  return *collection;
}

const Collection& OverlappingFieldsChecker::State::collectFragmentFields(
    const ast::FragmentDefinition& fragment_def) {
  const NamedType* type = fragment_def.type_condition != nullptr
                              ? schema.type(fragment_def.type_condition->value)
                              : nullptr;
  return collectFields(type, fragment_def.selection_set != nullptr ? *fragment_def.selection_set
                                                                   : emptySelectionSet());
}

void OverlappingFieldsChecker::State::collectFieldsInto(const NamedType* parent_type,
                                                        const ast::SelectionSet& selection_set) {
  const bool has_fields = parent_type != nullptr && (parent_type->kind == TypeKind::kObject ||
                                                     parent_type->kind == TypeKind::kInterface);
  for (const ast::Selection* selection : selection_set.selections) {
    switch (selection->kind) {
      case ast::Kind::kField: {
        const auto* field = static_cast<const ast::Field*>(selection);
        scratch_fields.push_back({parent_type, field,
                                  has_fields ? parent_type->field(field->name) : nullptr,
                                  field->arguments.empty() && field->selection_set == nullptr});
        break;
      }
      case ast::Kind::kFragmentSpread:
        scratch_fragment_names.push_back(static_cast<const ast::FragmentSpread*>(selection)->name);
        break;
      case ast::Kind::kInlineFragment: {
        const auto* inline_fragment = static_cast<const ast::InlineFragment*>(selection);
        const NamedType* type = inline_fragment->type_condition != nullptr
                                    ? schema.type(inline_fragment->type_condition->value)
                                    : parent_type;
        if (inline_fragment->selection_set != nullptr) {
          collectFieldsInto(type, *inline_fragment->selection_set);
        }
        break;
      }
      default:
        break;
    }
  }
}

// Groups scratch_fields by response key in first-seen order, each group one contiguous span.
void OverlappingFieldsChecker::State::groupScratchFields(Collection& collection) {
  const size_t count = scratch_fields.size();
  if (count == 0) return;
  const bool hashed = count > kLinearScanMax;
  if (hashed) collection.index.reserve(arena, count);
  scratch_group_of.resize(count);
  scratch_group_sizes.clear();
  scratch_group_names.clear();
  for (size_t i = 0; i < count; ++i) {
    const std::string_view key = scratch_fields[i].node->responseKey();
    uint32_t group = static_cast<uint32_t>(scratch_group_names.size());
    if (hashed) {
      group = *collection.index.insert(arena, key, group).first;
    } else {
      for (uint32_t g = 0; g < scratch_group_names.size(); ++g) {
        if (scratch_group_names[g] == key) {
          group = g;
          break;
        }
      }
    }
    if (group == scratch_group_names.size()) {
      scratch_group_names.push_back(key);
      scratch_group_sizes.push_back(0);
    }
    scratch_group_of[i] = group;
    ++scratch_group_sizes[group];
  }

  const size_t group_count = scratch_group_names.size();
  auto* fields = static_cast<FieldDetails*>(
      arena.allocate(sizeof(FieldDetails) * count, alignof(FieldDetails)));
  auto* groups = static_cast<ResponseGroup*>(
      arena.allocate(sizeof(ResponseGroup) * group_count, alignof(ResponseGroup)));
  // scratch_group_sizes becomes each group's fill cursor.
  uint32_t begin = 0;
  for (size_t g = 0; g < group_count; ++g) {
    const uint32_t size = scratch_group_sizes[g];
    new (&groups[g]) ResponseGroup{scratch_group_names[g], {fields + begin, size}};
    scratch_group_sizes[g] = begin;
    begin += size;
  }
  for (size_t i = 0; i < count; ++i) {
    new (&fields[scratch_group_sizes[scratch_group_of[i]]++]) FieldDetails(scratch_fields[i]);
  }
  collection.groups = {groups, group_count};
}

// graphql-js keeps spread names in a Set: first-seen order, each once.
void OverlappingFieldsChecker::State::dedupeScratchFragmentNames(Collection& collection) {
  auto& names = scratch_fragment_names;
  if (names.empty()) return;
  size_t kept = 0;
  if (names.size() <= kLinearScanMax) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (std::find(names.begin(), names.begin() + kept, names[i]) == names.begin() + kept) {
        names[kept++] = names[i];
      }
    }
  } else {
    FlatMap<std::string_view, bool, NameHash> seen;
    seen.reserve(arena, names.size());
    for (size_t i = 0; i < names.size(); ++i) {
      if (seen.insert(arena, names[i], true).second) names[kept++] = names[i];
    }
  }
  names.resize(kept);
  collection.fragment_names = arena.copyList(names);
}

OverlappingFieldsChecker::OverlappingFieldsChecker(const Schema& schema,
                                                   const ast::Document& document)
    : state_(std::make_unique<State>(schema, document)) {}

OverlappingFieldsChecker::~OverlappingFieldsChecker() = default;

bool OverlappingFieldsChecker::aborted() const { return state_->aborted; }

void OverlappingFieldsChecker::checkSelectionSet(const NamedType* parent_type,
                                                 const ast::SelectionSet& selection_set,
                                                 std::vector<ValidationError>& out) {
  State& state = *state_;
  if (state.aborted) return;
  // Inline fragments are flattened into the enclosing selection set's comparison.
  if (state.inline_fragment_sets.find(&selection_set) != nullptr) return;
  const auto selections = selection_set.selections;
  if (selections.size() <= 1 &&
      (selections.empty() || selections[0]->kind != ast::Kind::kInlineFragment)) {
    return;
  }

  std::vector<Conflict> conflicts;
  state.findConflictsWithinSelectionSet(parent_type, selection_set, conflicts);
  if (state.aborted) {
    // graphql-js throws, losing this selection set's conflicts, and ends validation.
    out.push_back({kRuleName, "Validation aborted.", {}});
    return;
  }
  for (const Conflict& conflict : conflicts) {
    ValidationError error{kRuleName, {}, {}};
    error.message = "Fields \"" + maybeAbbreviate(conflict.response_name) +
                    "\" conflict because " + conflict.reason +
                    ". Use different aliases on the fields to fetch both if this was "
                    "intentional.";
    error.locations.reserve(conflict.fields1.size() + conflict.fields2.size());
    for (const ast::Field* field : conflict.fields1) error.locations.push_back(field->loc);
    for (const ast::Field* field : conflict.fields2) error.locations.push_back(field->loc);
    out.push_back(std::move(error));
  }
}

}  // namespace plexus::graphql::validation
