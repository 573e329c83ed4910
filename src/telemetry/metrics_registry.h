// The registry behind include/plexus/metrics.h: named instruments, their per-attribute-set cells,
// the Prometheus text exposition, and the log-event convention (`monotonic_counter.<name>` …).
//
//   metrics::Registry registry;                        // tests; the router uses Registry::global()
//   Counter hits{registry.instrument(Kind::kCounter, "acme", "acme.hits", "Hits", "", {})};
//   hits.add(2, {{"route", "a"}});
//   registry.prometheusText();
//   // # HELP acme_hits_total Hits
//   // # TYPE acme_hits_total counter
//   // acme_hits_total{otel_scope_name="acme",route="a"} 2
//
// Hot path: an instrument keeps its cells (one per attribute list) in a fixed open-addressing
// table of atomic pointers. Recording hashes the attribute list, finds its cell without a lock
// and updates it with atomics; only the first use of an attribute list takes the instrument's
// mutex to insert its cell. Cells are never freed while the instrument lives, and the registry
// keeps every instrument for the life of the process. An instrument holds at most
// kCardinalityLimit attribute sets (OpenTelemetry's default); later ones are recorded under
// {otel.metric.overflow="true"}, as the OpenTelemetry SDK does.
//
// The cell is found for the attribute list as given (no sort on the hot path); lists with the
// same pairs in a different order are separate cells, merged when exported.
//
// Thread-safety: every function may be called from any thread at once.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "include/plexus/metrics.h"

namespace plexus::metrics {

enum class Kind { kCounter, kUpDownCounter, kHistogram, kGauge };

inline constexpr size_t kCardinalityLimit = 2000;

// telemetry.exporters.metrics.common.buckets' default (Apollo Router's MetricsCommon).
const std::vector<double>& apolloDefaultBuckets();

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The process's registry (never destroyed: threads may record during exit).
  static Registry& global();

  // The instrument named `name`, created on first use. Null (a no-op instrument, with an error
  // logged once per name and kind) when `name` is empty or already names another kind. A later
  // call's description, unit and buckets are ignored. Empty `buckets`: the default buckets.
  std::shared_ptr<Instrument> instrument(Kind kind, std::string_view scope, std::string name,
                                         std::string description, std::string unit,
                                         std::vector<double> buckets);

  // Buckets of histograms created from now on without their own (common.buckets).
  void setDefaultBuckets(std::vector<double> buckets);

  // Every instrument in the text format 0.0.4: families sorted by name, series by labels.
  std::string prometheusText() const;

  // The log-event convention: updates the metric of each field named with one of the four
  // prefixes by the field's value, the other fields being its attributes. A value that is not a
  // number (or a negative monotonic counter increment) is ignored with a warning, once per name.
  void recordLogEvent(std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Instrument>, std::less<>> instruments_;
  std::vector<double> default_buckets_;
  std::set<std::string, std::less<>> reported_;  // clashes and bad values already logged
};

// Sets the global registry's default buckets (Router::start, from common.buckets).
void setDefaultBuckets(std::vector<double> buckets);

// The Prometheus name of an instrument, as the OpenTelemetry Prometheus exporter writes it:
// characters outside [a-zA-Z0-9_:] become '_' (a leading digit gets a '_' before it), the unit's
// suffix is appended unless the name already ends with it ("s" → `_seconds`, "By" → `_bytes`,
// "ms" → `_milliseconds`, "1" → `_ratio`, "By/s" → `_bytes_per_second`; "{request}" adds
// nothing), and counters end with `_total`.
std::string prometheusName(std::string_view name, std::string_view unit, Kind kind);
// A label name: characters outside [a-zA-Z0-9_] become '_'; a leading digit gets a '_' before it.
std::string prometheusLabelName(std::string_view name);

// Whether a log field names a metric (`monotonic_counter.`, `counter.`, `histogram.`, `value.`).
// Cheap: the log path asks it of every field.
inline bool isLogEventField(std::string_view field) {
  if (field.empty()) return false;
  switch (field.front()) {
    case 'm': return field.starts_with("monotonic_counter.");
    case 'c': return field.starts_with("counter.");
    case 'h': return field.starts_with("histogram.");
    case 'v': return field.starts_with("value.");
    default: return false;
  }
}

}  // namespace plexus::metrics
