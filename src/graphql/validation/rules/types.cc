// graphql-js KnownTypeNamesRule.
#include "src/graphql/validation/rules/types.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "src/graphql/validation/suggestions.h"

namespace plexus::graphql::validation {
namespace {

constexpr std::string_view kKnownTypeNamesRule = "KnownTypeNamesRule";

// graphql-js standardTypeNames: specifiedScalarTypes then introspectionTypes.
constexpr std::string_view kStandardTypeNames[] = {"String",
                                                   "Int",
                                                   "Float",
                                                   "Boolean",
                                                   "ID",
                                                   "__Schema",
                                                   "__Type",
                                                   "__TypeKind",
                                                   "__Field",
                                                   "__InputValue",
                                                   "__EnumValue",
                                                   "__Directive",
                                                   "__DirectiveLocation"};

}  // namespace

void checkKnownTypeName(ValidationContext& context, std::string_view name,
                        const NamedType* resolved, ast::SourceLocation location, bool in_sdl) {
  if (resolved != nullptr || context.documentDefinesType(name)) return;
  const bool standard = std::find(std::begin(kStandardTypeNames), std::end(kStandardTypeNames),
                                  name) != std::end(kStandardTypeNames);
  if (in_sdl && standard) return;

  std::vector<std::string_view> options;
  if (in_sdl) options.assign(std::begin(kStandardTypeNames), std::end(kStandardTypeNames));
  for (const NamedType* type : context.schema().types()) options.push_back(type->name);
  const auto defined = context.documentTypeNames();
  options.insert(options.end(), defined.begin(), defined.end());

  std::string message = "Unknown type \"" + std::string(name) + "\".";
  appendDidYouMean(message, suggestionList(name, options));
  context.report(kKnownTypeNamesRule, std::move(message), location);
}

}  // namespace plexus::graphql::validation
