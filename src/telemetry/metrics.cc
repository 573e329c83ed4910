// The metrics registry and its instruments (include/plexus/metrics.h, metrics_registry.h).
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>

#include "src/telemetry/log.h"
#include "src/telemetry/metrics_registry.h"

namespace plexus::metrics {

namespace {

// One attribute list's values. Counters and up-down counters add to `integer` (two's complement
// for the latter) and, for fractional increments from log events, to `real`; a gauge keeps its
// last value in `real`; a histogram counts in `buckets` (one per bound, then +Inf) and sums in
// `real`.
struct Cell {
  Cell(uint64_t hash, Attributes attributes, size_t bucket_count)
      : hash(hash), attributes(std::move(attributes)), bucket_count(bucket_count) {
    if (bucket_count > 0) {
      buckets = std::make_unique<std::atomic<uint64_t>[]>(bucket_count);
      for (size_t i = 0; i < bucket_count; ++i) buckets[i].store(0, std::memory_order_relaxed);
    }
  }
  const uint64_t hash;
  const Attributes attributes;
  std::atomic<uint64_t> integer{0};
  std::atomic<double> real{0.0};
  const size_t bucket_count;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets;
};

// FNV-1a over the pairs in order, with separators so that ("ab","c") and ("a","bc") differ.
uint64_t hashOf(const Attributes& attributes) {
  uint64_t hash = 14695981039346656037ull;
  auto mix = [&hash](std::string_view text) {
    for (char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
    hash ^= 0xff;
    hash *= 1099511628211ull;
  };
  for (const auto& [key, value] : attributes) {
    mix(key);
    mix(value);
  }
  return hash;
}

std::vector<double> normalizedBuckets(std::vector<double> buckets) {
  std::erase_if(buckets, [](double bound) { return !std::isfinite(bound); });
  std::sort(buckets.begin(), buckets.end());
  buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  return buckets;
}

std::string_view kindName(Kind kind) {
  switch (kind) {
    case Kind::kCounter: return "counter";
    case Kind::kUpDownCounter: return "up-down counter";
    case Kind::kHistogram: return "histogram";
    case Kind::kGauge: return "gauge";
  }
  return "counter";
}

std::string_view prometheusType(Kind kind) {
  switch (kind) {
    case Kind::kCounter: return "counter";
    case Kind::kHistogram: return "histogram";
    case Kind::kUpDownCounter:
    case Kind::kGauge: return "gauge";
  }
  return "untyped";
}

}  // namespace

struct Instrument {
  static constexpr size_t kSlots = 4096;  // a power of two, over twice kCardinalityLimit

  Instrument(Kind kind, std::string scope, std::string name, std::string description,
             std::string unit, std::vector<double> bounds)
      : kind(kind),
        scope(std::move(scope)),
        name(std::move(name)),
        description(std::move(description)),
        unit(std::move(unit)),
        bounds(std::move(bounds)),
        slots(std::make_unique<std::atomic<Cell*>[]>(kSlots)) {
    for (size_t i = 0; i < kSlots; ++i) slots[i].store(nullptr, std::memory_order_relaxed);
  }

  // The cell of `attributes`: lock-free once it exists.
  Cell& cell(const Attributes& attributes) {
    uint64_t hash = hashOf(attributes);
    for (size_t i = hash & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      Cell* found = slots[i].load(std::memory_order_acquire);
      if (found == nullptr) break;
      if (found->hash == hash && found->attributes == attributes) return *found;
    }
    return insert(hash, attributes);
  }

  Cell& insert(uint64_t hash, const Attributes& attributes) {
    std::lock_guard lock(mutex);
    size_t i = hash & (kSlots - 1);
    for (;; i = (i + 1) & (kSlots - 1)) {
      Cell* found = slots[i].load(std::memory_order_relaxed);
      if (found == nullptr) break;
      if (found->hash == hash && found->attributes == attributes) return *found;
    }
    size_t bucket_count = kind == Kind::kHistogram ? bounds.size() + 1 : 0;
    if (cells.size() >= kCardinalityLimit) {
      if (!overflow) {
        overflow =
            std::make_unique<Cell>(0, Attributes{{"otel.metric.overflow", "true"}}, bucket_count);
      }
      return *overflow;
    }
    cells.push_back(std::make_unique<Cell>(hash, attributes, bucket_count));
    slots[i].store(cells.back().get(), std::memory_order_release);
    return *cells.back();
  }

  // Adds a counter increment that may be fractional (log events).
  void addReal(double value, const Attributes& attributes) {
    Cell& target = cell(attributes);
    double whole = std::trunc(value);
    if (whole == value && std::fabs(value) < 9.0e18) {
      target.integer.fetch_add(static_cast<uint64_t>(static_cast<int64_t>(value)),
                               std::memory_order_relaxed);
    } else {
      target.real.fetch_add(value, std::memory_order_relaxed);
    }
  }

  void record(double value, const Attributes& attributes) {
    if (std::isnan(value)) return;
    Cell& target = cell(attributes);
    size_t index = std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin();
    target.buckets[index].fetch_add(1, std::memory_order_relaxed);
    target.real.fetch_add(value, std::memory_order_relaxed);
  }

  // Every cell so far (their values still change as they are read).
  std::vector<const Cell*> snapshot() {
    std::lock_guard lock(mutex);
    std::vector<const Cell*> out;
    out.reserve(cells.size() + 1);
    for (const auto& cell : cells) out.push_back(cell.get());
    if (overflow) out.push_back(overflow.get());
    return out;
  }

  const Kind kind;
  const std::string scope;
  const std::string name;
  const std::string description;
  const std::string unit;
  const std::vector<double> bounds;  // histograms: ascending, finite

  std::unique_ptr<std::atomic<Cell*>[]> slots;
  std::mutex mutex;  // guards inserting cells
  std::vector<std::unique_ptr<Cell>> cells;
  std::unique_ptr<Cell> overflow;
};

// ---- The public instruments ----

void Counter::add(uint64_t value, const Attributes& attributes) const {
  if (!state || state->kind != Kind::kCounter) return;
  state->cell(attributes).integer.fetch_add(value, std::memory_order_relaxed);
}

void UpDownCounter::add(int64_t value, const Attributes& attributes) const {
  if (!state || state->kind != Kind::kUpDownCounter) return;
  state->cell(attributes)
      .integer.fetch_add(static_cast<uint64_t>(value), std::memory_order_relaxed);
}

void Histogram::record(double value, const Attributes& attributes) const {
  if (!state || state->kind != Kind::kHistogram) return;
  state->record(value, attributes);
}

void Gauge::set(double value, const Attributes& attributes) const {
  if (!state || state->kind != Kind::kGauge) return;
  state->cell(attributes).real.store(value, std::memory_order_relaxed);
}

Counter Meter::counter(std::string name, std::string description, std::string unit) const {
  return Counter{Registry::global().instrument(Kind::kCounter, scope_, std::move(name),
                                               std::move(description), std::move(unit), {})};
}

UpDownCounter Meter::upDownCounter(std::string name, std::string description,
                                   std::string unit) const {
  return UpDownCounter{Registry::global().instrument(Kind::kUpDownCounter, scope_, std::move(name),
                                                     std::move(description), std::move(unit), {})};
}

Histogram Meter::histogram(std::string name, std::string description, std::string unit,
                           std::vector<double> buckets) const {
  return Histogram{Registry::global().instrument(Kind::kHistogram, scope_, std::move(name),
                                                 std::move(description), std::move(unit),
                                                 std::move(buckets))};
}

Gauge Meter::gauge(std::string name, std::string description, std::string unit) const {
  return Gauge{Registry::global().instrument(Kind::kGauge, scope_, std::move(name),
                                             std::move(description), std::move(unit), {})};
}

Meter meter(std::string_view scope) { return Meter(std::string(scope)); }

std::string prometheusText() { return Registry::global().prometheusText(); }

void setDefaultBuckets(std::vector<double> buckets) {
  Registry::global().setDefaultBuckets(std::move(buckets));
}

// ---- The registry ----

const std::vector<double>& apolloDefaultBuckets() {
  static const std::vector<double> buckets = {0.001, 0.005, 0.015, 0.05, 0.1, 0.2,
                                              0.3,   0.4,   0.5,   1.0,  5.0, 10.0};
  return buckets;
}

Registry::Registry() : default_buckets_(apolloDefaultBuckets()) {}
Registry::~Registry() = default;

Registry& Registry::global() {
  static Registry* registry = new Registry();  // never destroyed: threads may record during exit
  return *registry;
}

void Registry::setDefaultBuckets(std::vector<double> buckets) {
  std::lock_guard lock(mutex_);
  default_buckets_ = normalizedBuckets(std::move(buckets));
}

std::shared_ptr<Instrument> Registry::instrument(Kind kind, std::string_view scope,
                                                 std::string name, std::string description,
                                                 std::string unit, std::vector<double> buckets) {
  std::optional<Kind> clash;
  {
    std::lock_guard lock(mutex_);
    if (auto it = instruments_.find(name); it != instruments_.end()) {
      if (it->second->kind == kind) return it->second;
      clash = it->second->kind;
    }
    // Report each problem once: the same call usually runs again and again (log events).
    std::string key = std::string(kindName(kind)) + " " + name;
    if (!name.empty() && !clash) {
      std::vector<double> bounds;
      if (kind == Kind::kHistogram) {
        bounds = buckets.empty() ? default_buckets_ : normalizedBuckets(std::move(buckets));
      }
      auto created =
          std::make_shared<Instrument>(kind, std::string(scope), name, std::move(description),
                                       std::move(unit), std::move(bounds));
      instruments_.emplace(std::move(name), created);
      return created;
    }
    if (!reported_.insert(std::move(key)).second) return nullptr;
  }
  if (clash) {
    log::error("metrics: an instrument of this name is already of another kind; not recorded",
               {{"instrument", name},
                {"kind", kindName(*clash)},
                {"requested", kindName(kind)},
                {"scope", scope}});
  } else {
    log::error("metrics: an instrument needs a name; not recorded", {{"scope", scope}});
  }
  return nullptr;
}

void Registry::recordLogEvent(
    std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  Attributes attributes;
  for (const auto& [key, value] : fields) {
    if (!isLogEventField(key)) attributes.emplace_back(key, value);
  }
  for (const auto& [key, text] : fields) {
    if (!isLogEventField(key)) continue;
    size_t dot = key.find('.');
    std::string_view prefix = key.substr(0, dot);
    std::string name(key.substr(dot + 1));
    Kind kind = prefix == "monotonic_counter" ? Kind::kCounter
                : prefix == "counter"         ? Kind::kUpDownCounter
                : prefix == "histogram"       ? Kind::kHistogram
                                              : Kind::kGauge;
    double value = 0;
    std::string_view trimmed = text;
    if (!trimmed.empty() && trimmed.front() == '+') trimmed.remove_prefix(1);
    auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
    bool number = error == std::errc() && end == trimmed.data() + trimmed.size() &&
                  !trimmed.empty() && std::isfinite(value);
    if (!number || (kind == Kind::kCounter && value < 0)) {
      bool first;
      {
        std::lock_guard lock(mutex_);
        first = reported_.insert("value " + std::string(key)).second;
      }
      if (first) {
        log::warn(number ? "metrics: a monotonic counter cannot decrease; ignored (warned once)"
                         : "metrics: a log event's metric value is not a number; ignored (warned "
                           "once)",
                  {{"field", key}, {"value", text}});
      }
      continue;
    }
    std::shared_ptr<Instrument> target = instrument(kind, "apollo/router", name, "", "", {});
    if (!target) continue;
    switch (kind) {
      case Kind::kCounter:
      case Kind::kUpDownCounter: target->addReal(value, attributes); break;
      case Kind::kHistogram: target->record(value, attributes); break;
      case Kind::kGauge:
        target->cell(attributes).real.store(value, std::memory_order_relaxed);
        break;
    }
  }
}

// ---- Prometheus text format 0.0.4 ----

namespace {

// The OpenTelemetry Prometheus exporter's unit suffixes (opentelemetry-prometheus utils.rs).
std::optional<std::string_view> unitWord(std::string_view unit) {
  static const std::map<std::string_view, std::string_view> kUnits = {
      {"d", "days"},          {"h", "hours"},         {"min", "minutes"},    {"s", "seconds"},
      {"ms", "milliseconds"}, {"us", "microseconds"}, {"ns", "nanoseconds"}, {"By", "bytes"},
      {"KiBy", "kibibytes"},  {"MiBy", "mebibytes"},  {"GiBy", "gibibytes"}, {"TiBy", "tibibytes"},
      {"KBy", "kilobytes"},   {"MBy", "megabytes"},   {"GBy", "gigabytes"},  {"TBy", "terabytes"},
      {"B", "bytes"},         {"KB", "kilobytes"},    {"MB", "megabytes"},   {"GB", "gigabytes"},
      {"TB", "terabytes"},    {"m", "meters"},        {"V", "volts"},        {"A", "amperes"},
      {"J", "joules"},        {"W", "watts"},         {"g", "grams"},        {"Cel", "celsius"},
      {"Hz", "hertz"},        {"1", "ratio"},         {"%", "percent"}};
  auto it = kUnits.find(unit);
  if (it == kUnits.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string_view> perUnitWord(std::string_view unit) {
  static const std::map<std::string_view, std::string_view> kPerUnits = {
      {"s", "second"}, {"m", "minute"}, {"h", "hour"}, {"d", "day"},
      {"w", "week"},   {"mo", "month"}, {"y", "year"}};
  auto it = kPerUnits.find(unit);
  if (it == kPerUnits.end()) return std::nullopt;
  return it->second;
}

std::string unitSuffix(std::string_view unit) {
  size_t slash = unit.find('/');
  if (slash == std::string_view::npos) return std::string(unitWord(unit).value_or(""));
  std::optional<std::string_view> main = unitWord(unit.substr(0, slash));
  std::optional<std::string_view> per = perUnitWord(unit.substr(slash + 1));
  if (!per) return std::string(main.value_or(""));
  if (!main) return "per_" + std::string(*per);
  return std::string(*main) + "_per_" + std::string(*per);
}

std::string sanitized(std::string_view name, bool allow_colon) {
  std::string out;
  out.reserve(name.size() + 1);
  if (!name.empty() && name.front() >= '0' && name.front() <= '9') out += '_';
  for (char c : name) {
    bool valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || (allow_colon && c == ':');
    out += valid ? c : '_';
  }
  return out;
}

// HELP text escapes backslash and newline; label values also the double quote.
void appendEscaped(std::string_view text, bool quote, std::string& out) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// The Prometheus Go client's float form (strconv 'g', shortest): the shortest round-trip digits,
// in exponent form when the exponent is below -4 or at least 6: 1, 0.005, 200000, 1e+06, 1e-05.
std::string formatNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[400];
  auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string_view scientific(buffer, end - buffer);
  int exponent = 0;
  const char* mark = scientific.data() + scientific.find('e') + 1;
  if (*mark == '+') ++mark;  // from_chars takes no '+'
  std::from_chars(mark, end, exponent);
  if (exponent < -4 || exponent >= 6) return std::string(scientific);
  auto [fixed_end, fixed_error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  return std::string(buffer, fixed_end);
}

// The label text of a cell: otel_scope_name and its attributes, sorted by label name, the first
// of duplicate names kept; without braces.
std::string labelsOf(std::string_view scope, const Attributes& attributes) {
  std::vector<std::pair<std::string, std::string_view>> labels;
  labels.reserve(attributes.size() + 1);
  for (const auto& [key, value] : attributes) labels.emplace_back(prometheusLabelName(key), value);
  labels.emplace_back("otel_scope_name", scope);
  std::stable_sort(labels.begin(), labels.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0 && labels[i].first == labels[i - 1].first) continue;
    if (!out.empty()) out += ',';
    out += labels[i].first;
    out += "=\"";
    appendEscaped(labels[i].second, true, out);
    out += '"';
  }
  return out;
}

// A series' values, summed over the cells with the same labels.
struct Aggregate {
  uint64_t integer = 0;
  double real = 0;
  std::vector<uint64_t> buckets;
};

void appendSample(std::string_view name, std::string_view suffix, std::string_view labels,
                  std::string_view extra_label, std::string_view value, std::string& out) {
  out += name;
  out += suffix;
  if (!labels.empty() || !extra_label.empty()) {
    out += '{';
    out += labels;
    if (!labels.empty() && !extra_label.empty()) out += ',';
    out += extra_label;
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

std::string counterValue(Kind kind, const Aggregate& series) {
  if (series.real != 0) {
    double whole = kind == Kind::kCounter
                       ? static_cast<double>(series.integer)
                       : static_cast<double>(static_cast<int64_t>(series.integer));
    return formatNumber(whole + series.real);
  }
  return kind == Kind::kCounter ? std::to_string(series.integer)
                                : std::to_string(static_cast<int64_t>(series.integer));
}

}  // namespace

std::string prometheusName(std::string_view name, std::string_view unit, Kind kind) {
  std::string out = sanitized(name, true);
  std::string suffix = unitSuffix(unit);
  if (!suffix.empty() && !out.ends_with("_" + suffix)) out += "_" + suffix;
  if (kind == Kind::kCounter && !out.ends_with("_total")) out += "_total";
  return out;
}

std::string prometheusLabelName(std::string_view name) { return sanitized(name, false); }

std::string Registry::prometheusText() const {
  struct Family {
    std::string name;
    std::shared_ptr<Instrument> instrument;
  };
  std::vector<Family> families;
  {
    std::lock_guard lock(mutex_);
    families.reserve(instruments_.size());
    for (const auto& [name, instrument] : instruments_) {
      families.push_back({prometheusName(name, instrument->unit, instrument->kind), instrument});
    }
  }
  // By Prometheus name, then by instrument name (the map's order): deterministic.
  std::stable_sort(families.begin(), families.end(),
                   [](const Family& a, const Family& b) { return a.name < b.name; });
  std::string out;
  for (size_t i = 0; i < families.size();) {
    const Family& first = families[i];
    const Instrument& head = *first.instrument;
    std::map<std::string, Aggregate> series;
    // Instruments whose names mangle to the same Prometheus name are one family when they are
    // of the same kind (and buckets); the others are left out rather than break the format.
    for (; i < families.size() && families[i].name == first.name; ++i) {
      Instrument& instrument = *families[i].instrument;
      if (instrument.kind != head.kind || instrument.bounds != head.bounds) continue;
      for (const Cell* cell : instrument.snapshot()) {
        Aggregate& sum = series[labelsOf(instrument.scope, cell->attributes)];
        if (head.kind == Kind::kGauge) {
          sum.real = cell->real.load(std::memory_order_relaxed);
          continue;
        }
        sum.integer += cell->integer.load(std::memory_order_relaxed);
        sum.real += cell->real.load(std::memory_order_relaxed);
        if (cell->bucket_count > 0) {
          sum.buckets.resize(cell->bucket_count);
          for (size_t b = 0; b < cell->bucket_count; ++b) {
            sum.buckets[b] += cell->buckets[b].load(std::memory_order_relaxed);
          }
        }
      }
    }
    if (series.empty()) continue;
    out += "# HELP ";
    out += first.name;
    if (!head.description.empty()) {
      out += ' ';
      appendEscaped(head.description, false, out);
    }
    out += "\n# TYPE ";
    out += first.name;
    out += ' ';
    out += prometheusType(head.kind);
    out += '\n';
    for (const auto& [labels, values] : series) {
      switch (head.kind) {
        case Kind::kCounter:
        case Kind::kUpDownCounter:
          appendSample(first.name, "", labels, "", counterValue(head.kind, values), out);
          break;
        case Kind::kGauge:
          appendSample(first.name, "", labels, "", formatNumber(values.real), out);
          break;
        case Kind::kHistogram: {
          uint64_t cumulative = 0;
          for (size_t b = 0; b < values.buckets.size(); ++b) {
            cumulative += values.buckets[b];
            std::string le = "le=\"";
            le += b < head.bounds.size() ? formatNumber(head.bounds[b]) : "+Inf";
            le += '"';
            appendSample(first.name, "_bucket", labels, le, std::to_string(cumulative), out);
          }
          appendSample(first.name, "_sum", labels, "", formatNumber(values.real), out);
          appendSample(first.name, "_count", labels, "", std::to_string(cumulative), out);
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace plexus::metrics
