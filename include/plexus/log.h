// Logging for plugins: the router's process logger (text on a terminal, JSON lines otherwise;
// level from --log). Fields named `monotonic_counter.*`, `counter.*`, `histogram.*` or `value.*`
// also update metrics (include/plexus/metrics.h).
//
//   plexus::log::info("token refreshed", {{"tenant", "acme"}});
//   plexus::log::warn("auth service slow", {{"histogram.acme.auth.seconds", "0.8"}});
#pragma once

#include "src/telemetry/log.h"
