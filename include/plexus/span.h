// A minimal tracing hook: a Span is a named, timed piece of work with attributes, reported to the
// process's SpanSink when it starts and when it ends. There is no tracing library yet; an exporter
// (OpenTelemetry, logs) implements SpanSink and installs it at startup. Until then the sink is a
// no-op. layers::instrument() (include/plexus/layers.h) wraps a service call in a Span.
//
//   class RecordingSink : public SpanSink {
//     void onEnd(const Span& span) override { names.push_back(span.name()); }
//   };
//   RecordingSink sink;
//   ScopedSpanSink installed(sink);                    // tests; an exporter calls setSpanSink
//   Span span("supergraph");
//   span.setAttribute("graphql.operation.name", "Me");
//   spanSink().onStart(span);
//   …
//   span.end();                                        // sink.onEnd(span), once
//
// Spans have no parent/child links yet (a later exporter can carry them in the Context). A Span
// is a plain value owned by whoever runs the work; the sink is process-wide and called from any
// worker thread at once, so sinks must be thread-safe. setSpanSink() is for startup and tests:
// the sink must outlive every span reported to it.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "src/json/value.h"

namespace plexus {

class Span {
 public:
  explicit Span(std::string name)
      : name_(std::move(name)),
        start_time_(std::chrono::system_clock::now()),
        started_(std::chrono::steady_clock::now()) {}

  const std::string& name() const { return name_; }
  // Wall-clock start, for exporters.
  std::chrono::system_clock::time_point startTime() const { return start_time_; }
  // Zero until end().
  std::chrono::steady_clock::duration duration() const { return duration_; }
  bool ended() const { return ended_; }

  // Adds or replaces an attribute (OpenTelemetry-style key, JSON value).
  void setAttribute(std::string key, json::Value value);
  const std::vector<std::pair<std::string, json::Value>>& attributes() const { return attributes_; }

  // Records the duration and reports the span to spanSink().onEnd; later calls do nothing.
  void end();

 private:
  std::string name_;
  std::chrono::system_clock::time_point start_time_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::duration duration_{};
  bool ended_ = false;
  std::vector<std::pair<std::string, json::Value>> attributes_;
};

class SpanSink {
 public:
  virtual ~SpanSink() = default;
  virtual void onStart(const Span& /*span*/) {}
  virtual void onEnd(const Span& /*span*/) {}
};

// The installed sink, or a no-op one.
SpanSink& spanSink();
// Installs `sink` (nullptr: the no-op one); returns the previous sink (nullptr if none).
SpanSink* setSpanSink(SpanSink* sink);

// Installs a sink for this object's lifetime (tests).
class ScopedSpanSink {
 public:
  explicit ScopedSpanSink(SpanSink& sink) : previous_(setSpanSink(&sink)) {}
  ~ScopedSpanSink() { setSpanSink(previous_); }
  ScopedSpanSink(const ScopedSpanSink&) = delete;
  ScopedSpanSink& operator=(const ScopedSpanSink&) = delete;

 private:
  SpanSink* previous_;
};

}  // namespace plexus
