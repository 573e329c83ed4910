// The SDL every schema starts from: specified scalars, directives and introspection types.
#pragma once

#include <string_view>

namespace plexus::graphql {

std::string_view preludeSdl();

}  // namespace plexus::graphql
