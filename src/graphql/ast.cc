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
