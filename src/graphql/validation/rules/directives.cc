// graphql-js KnownDirectivesRule and UniqueDirectivesPerLocationRule.
#include "src/graphql/validation/rules/directives.h"

#include <string>

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kKnownDirectivesRule = "KnownDirectivesRule";
constexpr std::string_view kUniqueDirectivesPerLocationRule = "UniqueDirectivesPerLocationRule";

// graphql-js uniqueDirectiveMap[name]: known and not repeatable.
bool mustBeUnique(const ValidationContext& context, std::string_view name) {
  const DirectiveInfo info = resolveDirective(context, name);
  if (info.document_def != nullptr) return !info.document_def->repeatable;
  return info.schema_def != nullptr && !info.schema_def->repeatable;
}

void reportDuplicate(ValidationContext& context, const ast::Directive& first,
                     const ast::Directive& again) {
  context.report(
      kUniqueDirectivesPerLocationRule,
      "The directive \"@" + std::string(again.name) + "\" can only be used once at this location.",
      {first.loc, again.loc});
}

}  // namespace

DirectiveInfo resolveDirective(const ValidationContext& context, std::string_view name) {
  DirectiveInfo info;
  if (!context.documentDirectives().empty()) info.document_def = context.documentDirective(name);
  if (info.document_def == nullptr) info.schema_def = context.schema().directive(name);
  return info;
}

void checkKnownDirective(ValidationContext& context, const ast::Directive& directive,
                         const DirectiveInfo& info, DirectiveLocation location) {
  if (!info.known()) {
    context.report(kKnownDirectivesRule,
                   "Unknown directive \"@" + std::string(directive.name) + "\".", directive.loc);
    return;
  }
  const std::string_view location_name = directiveLocationName(location);
  bool allowed = false;
  if (info.document_def != nullptr) {
    for (const ast::Name* name : info.document_def->locations) {
      allowed = allowed || name->value == location_name;
    }
  } else {
    allowed = info.schema_def->allowedAt(location);
  }
  if (allowed) return;
  context.report(kKnownDirectivesRule,
                 "Directive \"@" + std::string(directive.name) + "\" may not be used on " +
                     std::string(location_name) + ".",
                 directive.loc);
}

void UniqueDirectivesPerLocation::check(ValidationContext& context,
                                        ast::List<const ast::Directive> directives) {
  // Compare names first, look definitions up only for repeated names.
  if (directives.size() > kLongList) {
    const SameNameLinks links(directives, [](const ast::Directive& d) { return d.name; });
    for (size_t i = 1; i < directives.size(); ++i) {
      const uint32_t first = links.first[i];
      if (first != i && mustBeUnique(context, directives[i]->name)) {
        reportDuplicate(context, *directives[first], *directives[i]);
      }
    }
    return;
  }
  for (size_t i = 1; i < directives.size(); ++i) {
    const std::string_view name = directives[i]->name;
    for (size_t j = 0; j < i; ++j) {
      if (directives[j]->name != name) continue;
      if (mustBeUnique(context, name)) reportDuplicate(context, *directives[j], *directives[i]);
      break;
    }
  }
}

void UniqueDirectivesPerLocation::checkSchema(ValidationContext& context,
                                              ast::List<const ast::Directive> directives) {
  checkAgainst(context, directives, schema_seen_);
}

void UniqueDirectivesPerLocation::checkType(ValidationContext& context, std::string_view type_name,
                                            ast::List<const ast::Directive> directives) {
  checkAgainst(context, directives, type_seen_[type_name]);
}

void UniqueDirectivesPerLocation::checkAgainst(ValidationContext& context,
                                               ast::List<const ast::Directive> directives,
                                               std::vector<const ast::Directive*>& seen) {
  for (const ast::Directive* directive : directives) {
    if (!mustBeUnique(context, directive->name)) continue;
    const ast::Directive* first = nullptr;
    for (const ast::Directive* s : seen) {
      if (s->name == directive->name) {
        first = s;
        break;
      }
    }
    if (first != nullptr) {
      reportDuplicate(context, *first, *directive);
    } else {
      seen.push_back(directive);
    }
  }
}

}  // namespace plexus::graphql::validation
