#include "src/config/expansion.h"

#include <map>

#include <gtest/gtest.h>

namespace plexus::config {
namespace {

ExpansionContext fakeContext() {
  static const std::map<std::string, std::string, std::less<>> kEnv = {
      {"HOST", "10.0.0.1"}, {"EMPTY", ""}, {"PORT", "4001"}};
  static const std::map<std::string, std::string, std::less<>> kFiles = {
      {"/run/secrets/token", "s3cret"}};
  ExpansionContext context;
  context.env = [](std::string_view name) -> std::optional<std::string> {
    auto it = kEnv.find(name);
    return it == kEnv.end() ? std::nullopt : std::optional(it->second);
  };
  context.read_file = [](std::string_view path) -> StatusOr<std::string> {
    auto it = kFiles.find(path);
    if (it == kFiles.end()) return Status::error("cannot read file '" + std::string(path) + "'");
    return it->second;
  };
  return context;
}

std::string expanded(std::string_view text) {
  StatusOr<std::string> result = expand(text, fakeContext());
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? *result : "";
}

TEST(ExpansionTest, ReplacesEnvironmentVariablesInsideText) {
  EXPECT_EQ(expanded("${env.HOST}:${env.PORT}"), "10.0.0.1:4001");
  EXPECT_EQ(expanded("http://${env.HOST}/graphql"), "http://10.0.0.1/graphql");
}

TEST(ExpansionTest, UsesTheDefaultOnlyWhenTheVariableIsUnset) {
  EXPECT_EQ(expanded("${env.MISSING:-127.0.0.1}"), "127.0.0.1");
  EXPECT_EQ(expanded("${env.EMPTY:-fallback}"), "");  // set but empty is still set
  EXPECT_EQ(expanded("${env.MISSING:-}"), "");
}

TEST(ExpansionTest, ReadsFiles) {
  EXPECT_EQ(expanded("Bearer ${file./run/secrets/token}"), "Bearer s3cret");
  EXPECT_EQ(expanded("${file./nope:-none}"), "none");
}

TEST(ExpansionTest, KeepsLoneDollarsAndUnescapesDoubleOnes) {
  EXPECT_EQ(expanded("price$ and $x"), "price$ and $x");
  EXPECT_EQ(expanded("$${env.HOST}"), "${env.HOST}");
}

TEST(ExpansionTest, ReportsWhatCannotBeExpanded) {
  bool was_expanded = true;
  EXPECT_EQ(expand("plain", fakeContext(), &was_expanded).ok(), true);
  EXPECT_FALSE(was_expanded);

  StatusOr<std::string> unset = expand("${env.MISSING}", fakeContext());
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.status().message(), "environment variable 'MISSING' is not set");

  StatusOr<std::string> unknown = expand("${vault.KEY}", fakeContext());
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("expected ${env.NAME} or ${file.PATH}"),
            std::string::npos);

  EXPECT_FALSE(expand("${env.HOST", fakeContext()).ok());
  EXPECT_FALSE(expand("${file./nope}", fakeContext()).ok());
}

}  // namespace
}  // namespace plexus::config
