// Internal to src/graphql: the state of one Schema::build() call, shared by the builder
// (schema_builder.cc), the SDL rules (schema_sdl_rules.cc) and the type-system validation
// (schema_validation.cc). Not part of any public API.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "src/graphql/schema.h"

namespace plexus::graphql {

struct Schema::Builder {
  explicit Builder(Schema& s) : schema(s) {}

  Schema& schema;
  std::vector<SchemaError> errors;

  // The user's SDL, by kind, in document order.
  std::vector<const ast::SchemaDefinition*> schema_definitions;  // definitions and extensions
  std::vector<const ast::TypeDefinition*> type_definitions;
  std::vector<const ast::TypeDefinition*> type_extensions;
  std::vector<const ast::DirectiveDefinition*> directive_definitions;

  void error(std::string message, std::vector<ast::SourceLocation> locations = {}) {
    errors.push_back({std::move(message), std::move(locations)});
  }

  // schema_builder.cc
  void collect(const ast::Document& document);
  void addBuiltins(const ast::Document& prelude);
  void buildTypes();
  void buildDirectives();
  void buildRoots();
  void orderTypes();
  void indexImplementations();
  void buildMetaFields(const ast::Document& meta);
  NamedType* newType(const ast::TypeDefinition& definition, bool builtin);
  void fillType(NamedType& type);
  InputValue inputValue(const ast::InputValueDefinition& definition);
  const NamedType* resolve(const ast::Type* type);

  // schema_sdl_rules.cc: graphql-js assertValidSDL (specifiedSDLRules).
  void validateSdl(const ast::Document& document);
  // schema_validation.cc: graphql-js validateSchema.
  void validateSchema();
};

// The value of argument `name` of the first directive `directive` in `directives`, if any.
const ast::Value* directiveArgument(ast::List<const ast::Directive> directives,
                                    std::string_view directive, std::string_view name,
                                    bool* directive_present = nullptr);

}  // namespace plexus::graphql
