#include "src/graphql/schema_builder.h"

namespace plexus::graphql {

void Schema::Builder::validateSdl(const ast::Document& document) {}

}  // namespace plexus::graphql
