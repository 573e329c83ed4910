// Rules on directives (GraphQL spec §5.7): graphql-js KnownDirectivesRule and
// UniqueDirectivesPerLocationRule.
//
//   checkKnownDirective(context, directive, info, DirectiveLocation::kField);
//   unique_directives.check(context, field.directives);
//
// The walker (walker.cc) calls these at the graphql-js visitor events named on each; a rule
// object lives for one validation. Not thread-safe.
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/graphql/validation/context.h"

namespace plexus::graphql::validation {

// Resolves a directive name the way the directive rules do (document definitions win).
DirectiveInfo resolveDirective(const ValidationContext& context, std::string_view name);

// KnownDirectivesRule, Directive enter: the directive exists and is allowed at `location`.
void checkKnownDirective(ValidationContext& context, const ast::Directive& directive,
                         const DirectiveInfo& info, DirectiveLocation location);

// UniqueDirectivesPerLocationRule, on entering any node with directives: a non-repeatable
// directive appears once per location. Type-system nodes share their list with the other
// definitions and extensions of the same type (or of the schema).
class UniqueDirectivesPerLocation {
 public:
  // Executable nodes, fields and values definitions: a fresh set per node.
  void check(ValidationContext& context, ast::List<const ast::Directive> directives);
  // Schema definitions and extensions.
  void checkSchema(ValidationContext& context, ast::List<const ast::Directive> directives);
  // Type definitions and extensions of `type_name`.
  void checkType(ValidationContext& context, std::string_view type_name,
                 ast::List<const ast::Directive> directives);

 private:
  void checkAgainst(ValidationContext& context, ast::List<const ast::Directive> directives,
                    std::vector<const ast::Directive*>& seen);

  std::vector<const ast::Directive*> schema_seen_;
  std::unordered_map<std::string_view, std::vector<const ast::Directive*>> type_seen_;
};

}  // namespace plexus::graphql::validation
