#include "src/graphql/ast.h"

namespace plexus::graphql::ast {

std::string_view operationTypeName(OperationType type) {
  switch (type) {
    case OperationType::kQuery: return "query";
    case OperationType::kMutation: return "mutation";
    case OperationType::kSubscription: return "subscription";
  }
  return "query";
}

std::span<const std::string_view> directiveLocationNames() {
  static constexpr std::string_view kNames[] = {"QUERY",
                                                "MUTATION",
                                                "SUBSCRIPTION",
                                                "FIELD",
                                                "FRAGMENT_DEFINITION",
                                                "FRAGMENT_SPREAD",
                                                "INLINE_FRAGMENT",
                                                "VARIABLE_DEFINITION",
                                                "SCHEMA",
                                                "SCALAR",
                                                "OBJECT",
                                                "FIELD_DEFINITION",
                                                "ARGUMENT_DEFINITION",
                                                "INTERFACE",
                                                "UNION",
                                                "ENUM",
                                                "ENUM_VALUE",
                                                "INPUT_OBJECT",
                                                "INPUT_FIELD_DEFINITION",
                                                "DIRECTIVE_DEFINITION"};
  return kNames;
}

std::string_view typeKeyword(TypeKind kind) {
  switch (kind) {
    case TypeKind::kScalar: return "scalar";
    case TypeKind::kObject: return "type";
    case TypeKind::kInterface: return "interface";
    case TypeKind::kUnion: return "union";
    case TypeKind::kEnum: return "enum";
    case TypeKind::kInputObject: return "input";
  }
  return "scalar";
}

}  // namespace plexus::graphql::ast
