// OverlappingFieldsCanBeMergedRule (GraphQL spec §5.3.2 Field Selection Merging), following
// graphql-js 16.15's algorithm step for step (the letters (A)-(J) are its comments' steps) so
// that conflicts, their order, their messages and the abort point of its complexity budget are
// the same. graphql-js's memo tables are kept, keyed by small integer ids instead of objects:
//
//   graphql-js                              here
//   cachedCollectFieldsResults              collections: (parent type, selection set) -> id
//   collectFieldsResult.comparedFragments   compared_fragments: (collection, fragment) -> bool
//   collectFieldsResult.overlappingFields   overlaps: (collection, collection) -> overlap range
//   comparedFragmentPairs (PairSet)         compared_fragment_pairs: (fragment, fragment) -> bool
//   fieldInfo.comparisons                   comparisons: (field, field) -> reason
//
// Fragment names are interned to ids (unknown names too: they still count as distinct spreads).
// Collected fields live in the checker's arena, grouped by response key into contiguous spans.
#include "src/graphql/validation/overlapping_fields.h"

#include <algorithm>
#include <cstdint>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "src/common/arena.h"
#include "src/common/flat_hash_map.h"
#include "src/graphql/validation/value_equality.h"

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kRuleName = "OverlappingFieldsCanBeMergedRule";
// graphql-js bounds the size of a conflict's description and its list of nodes.
constexpr size_t kMaxConflictDetailLength = 1000;
constexpr size_t kMaxConflictNodes = 20;
// graphql-js meters comparisons (not field collection) and aborts validation past this.
constexpr int64_t kMaxComplexityBudget = 500000;
// Up to this many entries a linear scan beats hashing.
constexpr size_t kLinearScanMax = 8;

uint64_t packIds(uint32_t first, uint32_t second) {
  return (static_cast<uint64_t>(first) << 32) | second;
}

struct PointerPair {
  const void* first = nullptr;
  const void* second = nullptr;
  friend bool operator==(const PointerPair&, const PointerPair&) = default;
};
struct PointerPairHash {
  uint64_t operator()(const PointerPair& p) const {
    return HashPointer{}(p.first) * 31 + HashPointer{}(p.second);
  }
};

// graphql-js FieldDetails: one field of a collected selection set.
struct FieldDetails {
  const NamedType* parent_type = nullptr;  // null when unknown
  const ast::Field* node = nullptr;
  const FieldDef* definition = nullptr;  // declared fields of objects and interfaces only
  uint32_t id = 0;                       // unique within the checker
  bool is_simple_leaf = false;           // no arguments, no selection set
};

// The fields of one response key, in document order.
struct ResponseGroup {
  std::string_view response_name;
  uint64_t hash = 0;  // HashName of response_name
  std::span<const FieldDetails> fields;
};

// graphql-js CollectFieldsResult: a selection set's fields (inline fragments flattened) grouped
// by response key in first-seen order, and the fragments it spreads, each once.
struct Collection {
  uint32_t id = 0;
  std::span<const ResponseGroup> groups;
  std::span<const uint32_t> fragments;  // fragment ids
  // Open-addressing index of groups (position + 1; 0 is empty); null for few groups.
  const uint32_t* slots = nullptr;
  uint64_t mask = 0;

  const ResponseGroup* find(std::string_view name, uint64_t hash) const {
    if (slots == nullptr) {
      for (const ResponseGroup& group : groups) {
        if (group.hash == hash && group.response_name == name) return &group;
      }
      return nullptr;
    }
    for (uint64_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots[i] == 0) return nullptr;
      const ResponseGroup& group = groups[slots[i] - 1];
      if (group.hash == hash && group.response_name == name) return &group;
    }
  }
};

struct Fragment {
  std::string_view name;
  const ast::FragmentDefinition* definition = nullptr;  // null: no such fragment
  const Collection* collection = nullptr;               // its fields, once collected
  uint32_t seen_in_collection = 0;                      // dedupes spreads while collecting
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

  void findConflictsWithinSelectionSet(const NamedType* parent_type,
                                       const ast::SelectionSet& selection_set,
                                       std::vector<Conflict>& conflicts);
  void collectConflictsBetweenFieldsAndFragment(std::vector<Conflict>& conflicts,
                                                bool mutually_exclusive,
                                                const Collection& collection, uint32_t fragment);
  void collectConflictsBetweenFragments(std::vector<Conflict>& conflicts, bool mutually_exclusive,
                                        uint32_t fragment1, uint32_t fragment2);
  void findConflictsBetweenSubSelectionSets(bool mutually_exclusive, const NamedType* parent_type1,
                                            const ast::SelectionSet& selection_set1,
                                            const NamedType* parent_type2,
                                            const ast::SelectionSet& selection_set2,
                                            std::vector<Conflict>& conflicts);
  void collectConflictsWithin(std::vector<Conflict>& conflicts, const Collection& collection);
  void collectConflictsBetween(std::vector<Conflict>& conflicts, bool mutually_exclusive,
                               const Collection& collection1, const Collection& collection2);
  std::pair<uint32_t, uint32_t> overlappingFields(const Collection& collection1,
                                                  const Collection& collection2);
  void findConflict(bool parent_fields_mutually_exclusive, std::string_view response_name,
                    const FieldDetails& field1, const FieldDetails& field2,
                    std::vector<Conflict>& conflicts);
  Conflict subfieldConflicts(std::vector<Conflict>& subfield_conflicts,
                             std::string_view response_name, const ast::Field& node1,
                             const ast::Field& node2);
  bool sameArguments(const ast::Field& field1, const ast::Field& field2);
  bool doTypesConflict(const ast::Type* type1, const ast::Type* type2);
  bool isLeafType(std::string_view name) const {
    const NamedType* type = schema.type(name);
    return type != nullptr && type->isLeaf();
  }

  uint32_t internFragment(std::string_view name);
  const Collection& collectFields(const NamedType* parent_type,
                                  const ast::SelectionSet& selection_set);
  const Collection& collectFragmentFields(uint32_t fragment);
  void collectFieldsInto(const NamedType* parent_type, const ast::SelectionSet& selection_set);
  void groupScratchFields(Collection& collection);

  const Schema& schema;
  Arena arena;
  // Every fragment name defined or spread, by id; a repeated definition replaces the earlier
  // one, as in graphql-js ValidationContext.getFragment.
  std::vector<Fragment> fragments;
  FlatHashMap<std::string_view, uint32_t, HashName> fragment_ids;
  // Selection sets of inline fragments: graphql-js's visitor skips them.
  FlatHashMap<const void*, bool, HashPointer> inline_fragment_sets;
  FlatHashMap<PointerPair, const Collection*, PointerPairHash> collections;
  // Values: whether the comparison was made as mutually exclusive.
  FlatHashMap<uint64_t, bool, HashU64> compared_fragment_pairs;
  FlatHashMap<uint64_t, bool, HashU64> compared_fragments;
  // Values: packIds(first, count) of a range of overlap_store.
  FlatHashMap<uint64_t, uint64_t, HashU64> overlaps;
  std::vector<Overlap> overlap_store;
  FlatHashMap<uint64_t, Reason, HashU64> comparisons;

  uint32_t collection_count = 0;
  uint32_t field_count = 0;
  int64_t budget = kMaxComplexityBudget;
  bool aborted = false;

  // Scratch space for collectFields, which never re-enters itself.
  std::vector<FieldDetails> scratch_fields;
  std::vector<uint32_t> scratch_fragments;
  std::vector<uint32_t> scratch_group_of;
  std::vector<uint32_t> scratch_group_sizes;
  std::vector<ResponseGroup> scratch_groups;
};

OverlappingFieldsChecker::State::State(const Schema& s, const ast::Document& document) : schema(s) {
  std::vector<const ast::SelectionSet*> pending;
  for (const ast::Definition* definition : document.definitions) {
    if (auto* fragment_def = definition->as<ast::FragmentDefinition>()) {
      fragments[internFragment(fragment_def->name)].definition = fragment_def;
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
          inline_fragment_sets.insert(inline_fragment->selection_set, true);
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
  const auto spread = collection.fragments;
  if (spread.empty() || (collection.groups.empty() && spread.size() == 1)) return;
  for (size_t i = 0; i < spread.size(); ++i) {
    collectConflictsBetweenFieldsAndFragment(conflicts, false, collection, spread[i]);
    if (aborted) return;
    for (size_t j = i + 1; j < spread.size(); ++j) {
      collectConflictsBetweenFragments(conflicts, false, spread[i], spread[j]);
      if (aborted) return;
    }
  }
}

// (D) A set of fields against a fragment's fields, (E) and against the fragments it spreads.
void OverlappingFieldsChecker::State::collectConflictsBetweenFieldsAndFragment(
    std::vector<Conflict>& conflicts, bool mutually_exclusive, const Collection& collection,
    uint32_t fragment) {
  if (!spend(1)) return;
  if (collection.groups.empty()) return;
  // A non-exclusive comparison covers an exclusive one, not the other way round.
  auto [compared, inserted] =
      compared_fragments.insert(packIds(collection.id, fragment), mutually_exclusive);
  if (!inserted) {
    if (!*compared || mutually_exclusive) return;
    *compared = false;
  }
  if (fragments[fragment].definition == nullptr) return;
  const Collection& fragment_collection = collectFragmentFields(fragment);
  if (&fragment_collection == &collection) return;  // never compare fields with themselves
  collectConflictsBetween(conflicts, mutually_exclusive, collection, fragment_collection);
  for (uint32_t referenced : fragment_collection.fragments) {
    if (aborted) return;
    collectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, collection, referenced);
  }
}

// (F) Two fragments' fields, (G) and each against the fragments the other spreads.
void OverlappingFieldsChecker::State::collectConflictsBetweenFragments(
    std::vector<Conflict>& conflicts, bool mutually_exclusive, uint32_t fragment1,
    uint32_t fragment2) {
  if (!spend(2)) return;
  if (fragment1 == fragment2) return;
  // graphql-js PairSet.has: either order; an exclusive query accepts any stored pair, a
  // non-exclusive one only a pair stored as non-exclusive.
  auto pairStored = [&](uint32_t a, uint32_t b) {
    const bool* stored = compared_fragment_pairs.find(packIds(a, b));
    return stored != nullptr && (mutually_exclusive || !*stored);
  };
  if (pairStored(fragment1, fragment2) || pairStored(fragment2, fragment1)) return;
  *compared_fragment_pairs.insert(packIds(fragment1, fragment2), mutually_exclusive).first =
      mutually_exclusive;

  if (fragments[fragment1].definition == nullptr || fragments[fragment2].definition == nullptr) {
    return;
  }
  const Collection& collection1 = collectFragmentFields(fragment1);
  const Collection& collection2 = collectFragmentFields(fragment2);
  collectConflictsBetween(conflicts, mutually_exclusive, collection1, collection2);
  for (uint32_t referenced2 : collection2.fragments) {
    if (aborted) return;
    collectConflictsBetweenFragments(conflicts, mutually_exclusive, fragment1, referenced2);
  }
  for (uint32_t referenced1 : collection1.fragments) {
    if (aborted) return;
    collectConflictsBetweenFragments(conflicts, mutually_exclusive, referenced1, fragment2);
  }
}

// (H) The sub-selections of two overlapping fields: fields against fields, (I) fields against
// the other side's fragments, (J) fragments against fragments.
void OverlappingFieldsChecker::State::findConflictsBetweenSubSelectionSets(
    bool mutually_exclusive, const NamedType* parent_type1, const ast::SelectionSet& selection_set1,
    const NamedType* parent_type2, const ast::SelectionSet& selection_set2,
    std::vector<Conflict>& conflicts) {
  const Collection& collection1 = collectFields(parent_type1, selection_set1);
  const Collection& collection2 = collectFields(parent_type2, selection_set2);
  collectConflictsBetween(conflicts, mutually_exclusive, collection1, collection2);
  for (uint32_t fragment2 : collection2.fragments) {
    if (aborted) return;
    collectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, collection1, fragment2);
  }
  for (uint32_t fragment1 : collection1.fragments) {
    if (aborted) return;
    collectConflictsBetweenFieldsAndFragment(conflicts, mutually_exclusive, collection2, fragment1);
  }
  for (uint32_t fragment1 : collection1.fragments) {
    for (uint32_t fragment2 : collection2.fragments) {
      if (aborted) return;
      collectConflictsBetweenFragments(conflicts, mutually_exclusive, fragment1, fragment2);
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
  const auto [first, count] = overlappingFields(collection1, collection2);
  // By index: the recursion below may grow overlap_store.
  for (uint32_t i = first; i < first + count; ++i) {
    const Overlap overlap = overlap_store[i];
    for (const FieldDetails& field1 : overlap.group1->fields) {
      for (const FieldDetails& field2 : overlap.group2->fields) {
        if (aborted) return;
        findConflict(mutually_exclusive, overlap.group1->response_name, field1, field2, conflicts);
      }
    }
  }
}

// The response keys two collections share, in the first collection's order: a range of
// overlap_store, computed once per ordered pair.
std::pair<uint32_t, uint32_t> OverlappingFieldsChecker::State::overlappingFields(
    const Collection& collection1, const Collection& collection2) {
  const uint64_t key = packIds(collection1.id, collection2.id);
  if (const uint64_t* cached = overlaps.find(key)) {
    return {static_cast<uint32_t>(*cached >> 32), static_cast<uint32_t>(*cached)};
  }
  // graphql-js walks the first collection's keys, one step each.
  if (!spend(static_cast<int64_t>(collection1.groups.size()))) return {0, 0};
  const auto first = static_cast<uint32_t>(overlap_store.size());
  if (collection1.slots != nullptr && collection2.groups.size() < collection1.groups.size()) {
    // Walking the smaller side finds the same pairs; restore the first collection's order.
    for (const ResponseGroup& group2 : collection2.groups) {
      if (const ResponseGroup* group1 = collection1.find(group2.response_name, group2.hash)) {
        overlap_store.push_back({group1, &group2});
      }
    }
    std::sort(overlap_store.begin() + first, overlap_store.end(),
              [](const Overlap& a, const Overlap& b) { return a.group1 < b.group1; });
  } else {
    for (const ResponseGroup& group1 : collection1.groups) {
      if (const ResponseGroup* group2 = collection2.find(group1.response_name, group1.hash)) {
        overlap_store.push_back({&group1, group2});
      }
    }
  }
  const auto count = static_cast<uint32_t>(overlap_store.size() - first);
  overlaps.insert(key, packIds(first, count));
  return {first, count};
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
    const uint64_t key = packIds(field1.id, field2.id);
    if (const Reason* cached = comparisons.find(key)) {
      reason = *cached;
    } else {
      if (node1.name != node2.name) {
        reason = Reason::kDifferentFields;
      } else {
        reason = sameArguments(node1, node2) ? Reason::kNone : Reason::kDifferingArguments;
        if (aborted) return;
      }
      comparisons.insert(key, reason);
    }
    if (reason == Reason::kDifferentFields) {
      conflicts.push_back({response_name,
                           "\"" + maybeAbbreviate(node1.name) + "\" and \"" +
                               maybeAbbreviate(node2.name) + "\" are different fields",
                           {&node1},
                           {&node2}});
      return;
    }
    if (reason == Reason::kDifferingArguments) {
      conflicts.push_back({response_name, "they have differing arguments", {&node1}, {&node2}});
      return;
    }
  }

  if (type1 != nullptr && type2 != nullptr && doTypesConflict(type1, type2)) {
    conflicts.push_back({response_name,
                         "they return conflicting types \"" + types::print(type1) + "\" and \"" +
                             types::print(type2) + "\"",
                         {&node1},
                         {&node2}});
    return;
  }
  if (aborted) return;

  if (node1.selection_set == nullptr || node2.selection_set == nullptr) return;
  std::vector<Conflict> subfield_conflicts;
  findConflictsBetweenSubSelectionSets(
      mutually_exclusive, field1.definition != nullptr ? field1.definition->named_type : nullptr,
      *node1.selection_set, field2.definition != nullptr ? field2.definition->named_type : nullptr,
      *node2.selection_set, subfield_conflicts);
  if (aborted || subfield_conflicts.empty()) return;
  conflicts.push_back(subfieldConflicts(subfield_conflicts, response_name, node1, node2));
}

// graphql-js subfieldConflicts: one conflict for the pair, its reason listing the
// sub-conflicts, its nodes the two fields followed by the sub-conflicts' nodes.
Conflict OverlappingFieldsChecker::State::subfieldConflicts(
    std::vector<Conflict>& subfield_conflicts, std::string_view response_name,
    const ast::Field& node1, const ast::Field& node2) {
  std::string message;
  for (const Conflict& sub : subfield_conflicts) {
    if (!message.empty()) message += " and ";
    message += "subfields \"";
    message += maybeAbbreviate(sub.response_name);
    message += "\" conflict because ";
    message += sub.reason;
    if (message.size() > kMaxConflictDetailLength) break;
  }
  Conflict conflict{response_name, maybeAbbreviate(message), {&node1}, {&node2}};
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
  return conflict;
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
    std::stable_sort(
        sorted.begin(), sorted.end(),
        [](const ast::Argument* a, const ast::Argument* b) { return a->name < b->name; });
  }
  auto lookup = [&](std::string_view name) -> const ast::Argument* {
    if (sorted.empty()) {
      for (size_t i = args2.size(); i-- > 0;) {
        if (args2[i]->name == name) return args2[i];
      }
      return nullptr;
    }
    auto after =
        std::upper_bound(sorted.begin(), sorted.end(), name,
                         [](std::string_view n, const ast::Argument* a) { return n < a->name; });
    if (after == sorted.begin() || (*(after - 1))->name != name) return nullptr;
    return *(after - 1);  // stable sort: the last of equal names is the last written
  };

  for (const ast::Argument* arg1 : args1) {
    if (!spend(1)) return false;
    const ast::Argument* arg2 = lookup(arg1->name);
    if (arg2 == nullptr || !literalsEqual(arg1->value, arg2->value)) return false;
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

uint32_t OverlappingFieldsChecker::State::internFragment(std::string_view name) {
  auto [id, inserted] = fragment_ids.insert(name, static_cast<uint32_t>(fragments.size()));
  if (inserted) fragments.push_back({name});
  return *id;
}

const Collection& OverlappingFieldsChecker::State::collectFields(
    const NamedType* parent_type, const ast::SelectionSet& selection_set) {
  const PointerPair key{parent_type, &selection_set};
  if (const auto* cached = collections.find(key)) return **cached;
  auto* collection = arena.make<Collection>();
  collection->id = ++collection_count;  // also the stamp that dedupes spreads
  scratch_fields.clear();
  scratch_fragments.clear();
  collectFieldsInto(parent_type, selection_set);
  groupScratchFields(*collection);
  collection->fragments = arena.copyList(scratch_fragments);
  collections.insert(key, collection);
  return *collection;
}

const Collection& OverlappingFieldsChecker::State::collectFragmentFields(uint32_t fragment) {
  if (const Collection* cached = fragments[fragment].collection) return *cached;
  const ast::FragmentDefinition& definition = *fragments[fragment].definition;
  const NamedType* type = definition.type_condition != nullptr
                              ? schema.type(definition.type_condition->value)
                              : nullptr;
  const Collection& collection = collectFields(
      type, definition.selection_set != nullptr ? *definition.selection_set : emptySelectionSet());
  fragments[fragment].collection = &collection;
  return collection;
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
                                  has_fields ? parent_type->field(field->name) : nullptr, 0,
                                  field->arguments.empty() && field->selection_set == nullptr});
        break;
      }
      case ast::Kind::kFragmentSpread: {
        // graphql-js keeps spread names in a Set: first-seen order, each once.
        const uint32_t id =
            internFragment(static_cast<const ast::FragmentSpread*>(selection)->name);
        const uint32_t stamp = collection_count;
        if (fragments[id].seen_in_collection != stamp) {
          fragments[id].seen_in_collection = stamp;
          scratch_fragments.push_back(id);
        }
        break;
      }
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
      default: break;
    }
  }
}

// Groups scratch_fields by response key in first-seen order, each group one contiguous span of
// the arena, and indexes the groups when there are many.
void OverlappingFieldsChecker::State::groupScratchFields(Collection& collection) {
  const size_t count = scratch_fields.size();
  if (count == 0) return;
  uint32_t* slots = nullptr;
  uint64_t mask = 0;
  if (count > kLinearScanMax) {
    uint64_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    slots = static_cast<uint32_t*>(arena.allocate(sizeof(uint32_t) * capacity, alignof(uint32_t)));
    std::fill(slots, slots + capacity, 0u);
    mask = capacity - 1;
  }
  scratch_group_of.resize(count);
  scratch_group_sizes.clear();
  scratch_groups.clear();
  for (size_t i = 0; i < count; ++i) {
    const std::string_view name = scratch_fields[i].node->responseKey();
    const uint64_t hash = HashName{}(name);
    auto group = static_cast<uint32_t>(scratch_groups.size());
    if (slots == nullptr) {
      for (uint32_t g = 0; g < scratch_groups.size(); ++g) {
        if (scratch_groups[g].hash == hash && scratch_groups[g].response_name == name) {
          group = g;
          break;
        }
      }
    } else {
      for (uint64_t s = hash & mask;; s = (s + 1) & mask) {
        if (slots[s] == 0) {
          slots[s] = group + 1;
          break;
        }
        const ResponseGroup& existing = scratch_groups[slots[s] - 1];
        if (existing.hash == hash && existing.response_name == name) {
          group = slots[s] - 1;
          break;
        }
      }
    }
    if (group == scratch_groups.size()) {
      scratch_groups.push_back({name, hash, {}});
      scratch_group_sizes.push_back(0);
    }
    scratch_group_of[i] = group;
    ++scratch_group_sizes[group];
  }

  const size_t group_count = scratch_groups.size();
  auto* fields = static_cast<FieldDetails*>(
      arena.allocate(sizeof(FieldDetails) * count, alignof(FieldDetails)));
  // scratch_group_sizes becomes each group's fill cursor.
  uint32_t begin = 0;
  for (size_t g = 0; g < group_count; ++g) {
    const uint32_t size = scratch_group_sizes[g];
    scratch_groups[g].fields = {fields + begin, size};
    scratch_group_sizes[g] = begin;
    begin += size;
  }
  for (size_t i = 0; i < count; ++i) {
    FieldDetails* slot = &fields[scratch_group_sizes[scratch_group_of[i]]++];
    new (slot) FieldDetails(scratch_fields[i]);
    slot->id = field_count++;
  }
  collection.groups = arena.copyList(scratch_groups);
  collection.slots = slots;
  collection.mask = mask;
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
    error.message = "Fields \"" + maybeAbbreviate(conflict.response_name) + "\" conflict because " +
                    conflict.reason +
                    ". Use different aliases on the fields to fetch both if this was "
                    "intentional.";
    error.locations.reserve(conflict.fields1.size() + conflict.fields2.size());
    for (const ast::Field* field : conflict.fields1) error.locations.push_back(field->loc);
    for (const ast::Field* field : conflict.fields2) error.locations.push_back(field->loc);
    out.push_back(std::move(error));
  }
}

}  // namespace plexus::graphql::validation
