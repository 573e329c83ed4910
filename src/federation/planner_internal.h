// Internal to the query planner (planner*.cc): the fetch steps it builds while walking an
// operation, their selection trees, and the walk's position. Not part of any public API.
//
// The planner walks the client operation once. At every field it asks "can the subgraph of the
// current fetch step resolve this here?" — yes: the field joins that step's selection; no: it
// picks the subgraph to jump to (an entity fetch keyed by one of the type's keys), plans the
// field's @requires first, and continues inside the new (or a merged, equivalent) step. Steps form
// a DAG by dependency; the emitter turns its levels into Sequence/Parallel waves and batches
// same-service entity fetches of a wave into one request.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/common/status.h"
#include "src/federation/planner.h"
#include "src/federation/query_plan.h"
#include "src/federation/supergraph.h"
#include "src/graphql/ast.h"
#include "src/graphql/schema.h"

namespace plexus::federation::planning {

struct OutSet;

// One selection of a subgraph operation being built: a field (with its printed arguments and
// directives) or an inline fragment (`key` = its type condition, empty for none).
struct OutSelection {
  enum class Kind : uint8_t { kField, kFragment };
  Kind kind = Kind::kField;
  std::string key;                     // field: response key; fragment: type condition
  std::string name;                    // field name
  std::string arguments;               // printed `(a:1,b:$v)`, empty for none
  std::string directives;              // printed ` @include(if:$v)`, empty for none
  std::vector<std::string> variables;  // client variables the arguments and directives use
  std::string type;                    // field: its type in the subgraph (`[ID!]`), if known
  std::unique_ptr<OutSet> sub;
};

// An ordered selection set; items are found by identity (kind, key, name, arguments,
// directives) so the same field planned twice is selected once.
struct OutSet {
  std::vector<OutSelection> items;

  // The field or fragment, appended when absent. `composite` gives it a sub-selection.
  OutSelection& field(std::string_view key, std::string_view name, std::string_view arguments,
                      std::string_view directives, bool composite);
  OutSelection& fragment(std::string_view type_condition, std::string_view directives = {});
  bool empty() const { return items.empty(); }
  // Whether anything would be printed: sub-selections that end up empty are left out.
  bool printable() const;
  // Minified GraphQL: `{a b:c(x:1){d}...on T{e}}`.
  void print(std::string& out) const;
  std::string print() const;
  std::vector<RequiresSelection> toRequires() const;
  void collectVariables(std::set<std::string>& out) const;
  // Same response key, different shapes under different type conditions of one selection (what
  // the subgraph's validation rejects): alias the later ones and add KeyRenamer rewrites that
  // restore the key in the answer. `path` is where this set sits in the answer.
  void aliasConflicts(std::vector<std::string>& path, std::vector<DataRewrite>& rewrites,
                      int& counter);
};

// Variable conditions (@skip/@include with a variable) a step runs under, sorted.
struct Condition {
  std::string variable;
  bool include = true;  // @include(if: $v); false: @skip(if: $v)
  friend bool operator==(const Condition&, const Condition&) = default;
  friend auto operator<=>(const Condition&, const Condition&) = default;
};
using Conditions = std::vector<Condition>;

struct Step {
  int id = 0;
  SubgraphId graph = 0;
  bool entity = false;
  std::vector<std::string> path;  // response keys and "@" (one per list level)
  Conditions conditions;
  OutSet output;  // root: the root selection; entity: `... on T { ... }` fragments
  OutSet input;   // entity: `... on T { __typename key... requires... }`
  std::vector<DataRewrite> input_rewrites;  // @interfaceObject: __typename set to the interface
  std::set<int> deps;
  int group = 0;  // mutation root-field group (steps of different groups never merge)
};

// Where the walk is: planning selections of `type` inside step `step` of subgraph `graph`,
// writing into `out`, at response path `path`.
struct Position {
  const graphql::NamedType* type = nullptr;  // supergraph type
  SubgraphId graph = 0;
  int step = -1;
  OutSet* out = nullptr;
  std::vector<std::string> path;
  const graphql::ast::SelectionSet* provided = nullptr;  // @provides selection at this level
  Conditions conditions;
  std::set<int>* used = nullptr;  // collects steps that received fields (for @requires deps)
  bool requirement = false;       // planning @requires fields: those with arguments get aliases
  // Subgraphs sibling fields will be fetched from (set by planSet for object positions).
  const std::vector<SubgraphId>* affinity = nullptr;
  const Position* parent = nullptr;  // the position of the field that led here
  const graphql::ast::Field* via = nullptr;
};

class Walk {
 public:
  Walk(const Supergraph& supergraph, const PlanOptions& options,
       const std::unordered_map<std::string_view, const graphql::ast::FragmentDefinition*>&
           fragments,
       const graphql::ast::OperationDefinition& operation)
      : supergraph_(supergraph),
        schema_(supergraph.schema()),
        options_(options),
        fragments_(fragments),
        operation_(operation) {}

  // Plans the root selection set (query / subscription), or mutation root fields in order.
  Status planRoot(const graphql::ast::SelectionSet& set, const graphql::NamedType* root_type);

  std::vector<std::unique_ptr<Step>>& steps() { return steps_; }

 private:
  struct RootField {
    const graphql::ast::Field* field;
    Conditions conditions;
  };
  void collectRootFields(const graphql::ast::SelectionSet& set, const Conditions& conditions,
                         std::vector<RootField>& out) const;

  Status planSet(const Position& at, const graphql::ast::SelectionSet& set);
  Status planSelection(const Position& at, const graphql::ast::Selection& selection);
  Status planFragment(const Position& at, std::string_view type_condition,
                      const graphql::ast::SelectionSet& set, const Conditions& conditions,
                      std::string_view directives);
  Status planField(const Position& at, const graphql::ast::Field& field,
                   const Conditions& conditions, std::string_view directives);
  Status addField(const Position& at, const graphql::ast::Field& field,
                  const graphql::FieldDef& def, const FieldInfo* info, std::string_view directives,
                  const Conditions& conditions);
  Status jump(const Position& at, const graphql::ast::Field& field, const FieldInfo& info,
              const Conditions& conditions, std::string_view directives);
  // Fields of a type without a usable key: fetch them again from an ancestor that has one.
  Status reenter(const Position& at, const graphql::ast::Field& field, const FieldInfo& info,
                 const Conditions& conditions, std::string_view directives);
  Position descend(const Position& at, const graphql::ast::Field& field,
                   const graphql::NamedType* type);
  // At an @interfaceObject position: the same entity in a subgraph that knows its real type.
  StatusOr<Position> realInterface(const Position& at);
  bool atInterfaceObject(const Position& at) const;
  bool isEntity(const graphql::NamedType* type) const;
  // Whether the value at `at` could as well have been fetched from `graph`.
  bool couldComeFrom(const Position& at, SubgraphId graph) const;

  // Field resolution rules.
  bool resolvable(const FieldInfo& info, SubgraphId graph) const;
  const graphql::ast::Field* providedField(const Position& at, std::string_view name) const;
  bool resolvableAt(const Position& at, const FieldInfo& info) const;
  bool locallyResolvable(const graphql::NamedType* type, SubgraphId graph,
                         const graphql::ast::SelectionSet& set,
                         const graphql::ast::SelectionSet* provided) const;
  std::vector<const graphql::NamedType*> possibleTypesIn(const graphql::NamedType* abstract_type,
                                                         SubgraphId graph) const;
  bool typeIn(const graphql::NamedType* type, SubgraphId graph) const;
  // Fields of `set` that `graph` cannot resolve without another fetch (a planning heuristic).
  int missingFields(const graphql::NamedType* type, SubgraphId graph,
                    const graphql::ast::SelectionSet* set, int depth) const;

  // Entity jumps: one key of `type` in `to` that `from` can provide at `at`.
  const JoinType* usableKey(const Position& at, const graphql::NamedType* type,
                            SubgraphId to) const;
  // Shortest chain of subgraphs from at.graph to `target` (excluded start), or empty.
  bool keyInRepresentation(const Position& at, const graphql::ast::SelectionSet& key) const;
  std::vector<SubgraphId> route(const Position& at, const graphql::NamedType* type,
                                SubgraphId target) const;
  Position enterEntity(const Position& at, const graphql::NamedType* type, SubgraphId to,
                       const JoinType& key, const std::set<int>& extra_deps,
                       const graphql::ast::SelectionSet* requires_set, bool key_planned = false);

  int rootStep(SubgraphId graph, const Conditions& conditions);
  // `renames`: the KeyRenamer input rewrites the new representation part needs; a step whose
  // representation renames another alias to the same key cannot take it.
  int entityStep(SubgraphId graph, const std::vector<std::string>& path,
                 const Conditions& conditions, const std::set<int>& deps,
                 const std::vector<DataRewrite>& renames = {});
  bool dependsOn(int step, int ancestor) const;

  // Printing client pieces for subgraph operations.
  static std::string printArguments(const graphql::ast::Field& field,
                                    std::vector<std::string>& variables);
  // Copies a @requires selection into a representation's shape; aliased fields get KeyRenamer
  // input rewrites back to their names.
  void copyRequirement(const graphql::ast::SelectionSet& set, OutSet& out,
                       std::vector<std::string>& path, std::vector<DataRewrite>& rewrites);
  static std::string printConditionDirectives(
      graphql::ast::List<const graphql::ast::Directive> directives, Conditions& conditions,
      bool& skipped);

  const Supergraph& supergraph_;
  const graphql::Schema& schema_;
  const PlanOptions& options_;
  const std::unordered_map<std::string_view, const graphql::ast::FragmentDefinition*>& fragments_;
  const graphql::ast::OperationDefinition& operation_;
  std::vector<std::unique_ptr<Step>> steps_;
  int group_ = 0;
  std::set<std::pair<std::string_view, SubgraphId>> keys_in_progress_;
};

// The number of list levels of a type (`[[T]!]` → 2): one `@` each in merge paths.
int listDepth(const graphql::ast::Type* type);
// Appends the variables named in printed directives (` @include(if:$v)`) that `out` lacks.
void directiveVariables(std::string_view directives, std::vector<std::string>& out);

// Copies a parsed selection set (keys, requires) into `out` without planning it.
void copySelections(const graphql::ast::SelectionSet& set, OutSet& out);
// The response key a @requires field with arguments is fetched under, so that it never meets a
// client selection of the same field with other arguments.
std::string requirementAlias(std::string_view name, std::string_view printed_arguments);

// Turns the planned steps into the plan tree (waves, conditions, batching, operation texts).
StatusOr<PlanNodePtr> emitPlan(const Supergraph& supergraph,
                               const graphql::ast::OperationDefinition& operation,
                               std::vector<std::unique_ptr<Step>>& steps,
                               const PlanOptions& options);

}  // namespace plexus::federation::planning
