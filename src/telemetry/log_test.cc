#include "src/telemetry/log.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace plexus::log {
namespace {

TEST(LogTest, ParsesLevelsAndEnvFilters) {
  EXPECT_EQ(*parseLevel("info"), Level::kInfo);
  EXPECT_EQ(*parseLevel("DEBUG"), Level::kDebug);
  EXPECT_EQ(*parseLevel("warn,plexus=trace"), Level::kWarn);
  EXPECT_EQ(*parseLevel("apollo_router=debug"), Level::kDebug);
  EXPECT_EQ(parseLevel("loud").status().message(),
            "invalid log level \"loud\": expected off, error, warn, info, debug or trace");
  EXPECT_FALSE(parseLevel("").ok());
}

TEST(LogTest, FormatsTextAndJsonLines) {
  EXPECT_EQ(format(Format::kText, Level::kInfo, "listening", {{"port", "4000"}, {"path", "a b"}},
                   "2026-11-22T03:36:25.123Z"),
            "2026-11-22T03:36:25.123Z INFO  listening port=4000 path=\"a b\"");
  EXPECT_EQ(format(Format::kJson, Level::kWarn, "say \"hi\"", {{"k", "v"}}, "T"),
            R"({"timestamp":"T","level":"WARN","message":"say \"hi\"","k":"v"})");
  EXPECT_EQ(format(Format::kJson, Level::kError, "x", {}, ""),
            R"({"level":"ERROR","message":"x"})");
}

TEST(LogTest, FiltersByLevelAndPicksTheFormatForTheOutput) {
  std::vector<std::string> lines;
  Options options;
  options.level = Level::kWarn;
  options.display_timestamp = false;
  options.sink = [&](std::string_view line) { lines.emplace_back(line); };
  configure(options);  // a sink is not a terminal: JSON by default
  info("hidden");
  warn("shown");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], R"({"level":"WARN","message":"shown"})");
  options.format = Format::kText;
  configure(options);
  error("boom", {{"code", "1"}});
  EXPECT_EQ(lines.back(), "ERROR boom code=1");
  options.level = Level::kOff;
  configure(options);
  error("silent");
  EXPECT_EQ(lines.size(), 2u);
  configure(Options{});
}

}  // namespace
}  // namespace plexus::log
