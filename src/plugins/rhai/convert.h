// JSON ↔ Rhai values, as Apollo Router converts with serde (rhai's `serde` feature): objects
// become maps (keys sorted), arrays arrays, null `()`, integers i64, other numbers f64. Back to
// JSON, `()` is null, a char a one-character string, a function pointer its name, and any other
// value (timestamp, range, host object) its type name.
#pragma once

#include "src/json/value.h"
#include "src/rhai/value.h"

namespace plexus::plugins::rhai {

plexus::rhai::Value fromJson(const json::Value& value);
json::Value toJson(const plexus::rhai::Value& value);

}  // namespace plexus::plugins::rhai
