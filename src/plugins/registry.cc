#include <algorithm>
#include <set>

#include "include/plexus/plugin.h"

namespace plexus::plugins {

namespace {

// Function-local statics: registrations run from static initializers of other translation units,
// in no particular order.
std::vector<Registration>& registry() {
  static std::vector<Registration> registrations;
  return registrations;
}

std::vector<std::string>& duplicateNames() {
  static std::vector<std::string> names;
  return names;
}

}  // namespace

bool add(Registration registration) {
  std::vector<Registration>& registrations = registry();
  if (find(registration.name) != nullptr) {
    duplicateNames().push_back(registration.name);
    return true;
  }
  registrations.push_back(std::move(registration));
  return true;
}

const std::vector<Registration>& all() { return registry(); }

const Registration* find(std::string_view name) {
  for (const Registration& registration : registry()) {
    if (registration.name == name) return &registration;
  }
  return nullptr;
}

std::vector<std::string> duplicates() { return duplicateNames(); }

ConfigType<NoConfig> noConfigType() {
  using namespace config::describe;
  return Object<NoConfig>("This plugin takes no configuration").type();
}

}  // namespace plexus::plugins
