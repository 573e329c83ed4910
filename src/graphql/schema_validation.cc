#include "src/graphql/schema_builder.h"

namespace plexus::graphql {

void Schema::Builder::validateSchema() {}

}  // namespace plexus::graphql
