#include "src/config/values.h"

#include <gtest/gtest.h>

namespace plexus::config {
namespace {

using namespace std::chrono_literals;

std::chrono::milliseconds duration(std::string_view text) {
  StatusOr<std::chrono::milliseconds> result = parseDuration(text);
  EXPECT_TRUE(result.ok()) << text << ": " << result.status().message();
  return result.ok() ? *result : -1ms;
}

TEST(ParseDurationTest, ReadsHumantimeForms) {
  EXPECT_EQ(duration("30s"), 30s);
  EXPECT_EQ(duration("500ms"), 500ms);
  EXPECT_EQ(duration("1m 30s"), 90s);
  EXPECT_EQ(duration("2h"), 2h);
  EXPECT_EQ(duration("1min"), 60s);
  EXPECT_EQ(duration("1d"), 24h);
  EXPECT_EQ(duration("1s500ms"), 1500ms);
  EXPECT_EQ(duration("10seconds"), 10s);
  EXPECT_EQ(duration("100us"), 1ms);  // rounds up rather than to "no timeout"
  EXPECT_EQ(duration("0s"), 0ms);
}

TEST(ParseDurationTest, RejectsNumbersWithoutUnitsAndUnknownUnits) {
  for (std::string_view bad : {"30", "", "  ", "30 parsecs", "s", "-1s", "1.5s"}) {
    StatusOr<std::chrono::milliseconds> result = parseDuration(bad);
    EXPECT_FALSE(result.ok()) << bad;
    if (!result.ok()) {
      EXPECT_NE(result.status().message().find("expected a duration"), std::string::npos);
    }
  }
}

TEST(ParseListenAddressTest, ReadsHostAndPort) {
  EXPECT_EQ(*parseListenAddress("127.0.0.1:4000"), (ListenAddress{"127.0.0.1", 4000}));
  EXPECT_EQ(*parseListenAddress("0.0.0.0:80"), (ListenAddress{"0.0.0.0", 80}));
  EXPECT_EQ(*parseListenAddress("[::1]:4000"), (ListenAddress{"::1", 4000}));
  EXPECT_EQ(*parseListenAddress("localhost:0"), (ListenAddress{"localhost", 0}));
}

TEST(ParseListenAddressTest, ReadsAnAbsolutePathAsAUnixSocket) {
  EXPECT_EQ(*parseListenAddress("/tmp/router.sock"), ListenAddress::unixSocket("/tmp/router.sock"));
  StatusOr<ListenAddress> too_long = parseListenAddress("/" + std::string(200, 's'));
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.status().message().find("longer than 107 bytes"), std::string::npos);
}

TEST(ParseListenAddressTest, RejectsMalformedAddresses) {
  for (std::string_view bad : {"127.0.0.1", ":4000", "host:", "host:70000", "::1:4000", "[::1]4000",
                               "host:40a0", "router.sock"}) {
    EXPECT_FALSE(parseListenAddress(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace plexus::config
