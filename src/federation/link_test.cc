#include "src/federation/link.h"

#include <gtest/gtest.h>

#include "src/graphql/parser.h"

namespace plexus::federation {
namespace {

StatusOr<Links> collect(const std::string& sdl) {
  graphql::ParseResult parsed = graphql::parse(sdl);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  if (!parsed.ok()) return Status::error("parse");
  return Links::collect(parsed.document(), "s.graphql");
}

TEST(FeatureUrlTest, SplitsIdentityNameAndVersion) {
  auto url = FeatureUrl::parse("https://specs.apollo.dev/join/v0.3");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->identity, "https://specs.apollo.dev/join");
  EXPECT_EQ(url->name, "join");
  EXPECT_EQ(url->version, (FeatureVersion{0, 3}));
  EXPECT_EQ(url->toString(), "https://specs.apollo.dev/join/v0.3");
  // A query or fragment is not part of the identity.
  EXPECT_EQ(FeatureUrl::parse("https://my.org/specs/cache/v1.2?x=1#@cache")->identity,
            "https://my.org/specs/cache");
}

TEST(FeatureUrlTest, RejectsUrlsWithoutNameOrVersion) {
  EXPECT_EQ(FeatureUrl::parse("https://specs.apollo.dev/").status().message(),
            "Missing path in feature url 'https://specs.apollo.dev/'");
  EXPECT_EQ(FeatureUrl::parse("https://specs.apollo.dev/join/").status().message(),
            "Missing version component in feature url 'https://specs.apollo.dev/join/'");
  EXPECT_EQ(FeatureUrl::parse("https://specs.apollo.dev/join/0.3").status().message(),
            "Expected a version string (of the form v1.2), got 0.3");
  EXPECT_EQ(FeatureUrl::parse("https://specs.apollo.dev/v0.3").status().message(),
            "Missing feature name component in feature url 'https://specs.apollo.dev/v0.3'");
  EXPECT_FALSE(FeatureUrl::parse("join/v0.3").ok());
}

TEST(LinksTest, NamesElementsByPrefixSpecNameAndImports) {
  auto links = collect(R"(
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", as: "j", for: EXECUTION)
  @link(url: "https://specs.apollo.dev/inaccessible/v0.2",
        import: [{name: "@inaccessible", as: "@hidden"}], for: SECURITY)
  @link(url: "https://specs.apollo.dev/tag/v0.3", import: "@tag")
{ query: Query }
type Query { a: Int }
)");
  ASSERT_TRUE(links.ok()) << links.status().message();
  ASSERT_EQ(links->all().size(), 4u);
  EXPECT_EQ(links->linkItself().url.identity, kLinkIdentity);

  const Link* join = links->find(kJoinIdentity);
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->purpose, LinkPurpose::kExecution);
  EXPECT_EQ(join->directiveNameInSchema("type"), "j__type");
  EXPECT_EQ(join->typeNameInSchema("Graph"), "j__Graph");
  EXPECT_TRUE(links->isFeatureDirective("j__field"));
  EXPECT_TRUE(links->isFeatureType("j__FieldSet"));
  EXPECT_FALSE(links->isFeatureType("join__FieldSet"));

  const Link* inaccessible = links->find(kInaccessibleIdentity);
  ASSERT_NE(inaccessible, nullptr);
  EXPECT_EQ(inaccessible->purpose, LinkPurpose::kSecurity);
  EXPECT_EQ(inaccessible->directiveNameInSchema("inaccessible"), "hidden");
  EXPECT_TRUE(links->isFeatureDirective("hidden"));
  // As in federation-internals, the spec-named directive stays the feature's even when imported
  // under another name.
  EXPECT_TRUE(links->isFeatureDirective("inaccessible"));
  EXPECT_FALSE(links->isFeatureDirective("hidden2"));

  // A single import value counts as a list of one; the spec-named directive keeps its name.
  EXPECT_EQ(links->find(kTagIdentity)->directiveNameInSchema("tag"), "tag");
  EXPECT_TRUE(links->isFeatureDirective("tag"));
  // The link spec itself: @link and its link__ types.
  EXPECT_TRUE(links->isFeatureDirective("link"));
  EXPECT_TRUE(links->isFeatureType("link__Purpose"));
  EXPECT_FALSE(links->isFeatureType("Query"));
}

TEST(LinksTest, FindsTheLinkSpecUnderItsOwnAlias) {
  auto links = collect(R"(
schema
  @lnk(url: "https://specs.apollo.dev/link/v1.0", as: "lnk")
  @lnk(url: "https://specs.apollo.dev/join/v0.3")
  @link(url: "https://specs.apollo.dev/tag/v0.3")
{ query: Query }
)");
  ASSERT_TRUE(links.ok()) << links.status().message();
  EXPECT_EQ(links->all().size(), 2u);  // @link is not the link directive here
  EXPECT_TRUE(links->isFeatureType("lnk__Import"));
  EXPECT_EQ(links->find(kTagIdentity), nullptr);
}

TEST(LinksTest, RejectsSchemasWithoutLinkV10) {
  std::string no_link = "schema { query: Query }\ntype Query { a: Int }";
  EXPECT_EQ(collect(no_link).status().message(),
            "s.graphql:1:1: Invalid supergraph: must be a core schema (no @link to "
            "https://specs.apollo.dev/link/v1.0 on the schema definition)");
  std::string newer = "schema\n  @link(url: \"https://specs.apollo.dev/link/v1.1\") { query: Q }";
  EXPECT_EQ(collect(newer).status().message(),
            "s.graphql:2:3: Schema uses unknown version v1.1 of the link spec (supported "
            "versions: v1.0)");
  std::string core = "schema @core(feature: \"https://specs.apollo.dev/core/v0.2\") { query: Q }";
  EXPECT_EQ(collect(core).status().message(),
            "s.graphql:1:8: Unsupported core schema: the supergraph uses @core "
            "(https://specs.apollo.dev/core/v0.2); only https://specs.apollo.dev/link/v1.0 is "
            "supported. Compose it again with Federation 2.");
}

TEST(LinksTest, RejectsMalformedLinks) {
  auto linked = [](std::string_view extra) {
    return collect("schema\n  @link(url: \"https://specs.apollo.dev/link/v1.0\")\n  " +
                   std::string(extra) + "\n{ query: Q }");
  };
  EXPECT_EQ(
      linked(
          R"(@link(url: "https://specs.apollo.dev/join/v0.3") @link(url: "https://specs.apollo.dev/join/v0.2"))")
          .status()
          .message(),
      "s.graphql:3:52: Cannot link feature \"https://specs.apollo.dev/join\" since it has "
      "already been linked in the schema.");
  EXPECT_EQ(linked(R"(@link(url: "https://specs.apollo.dev/join/v0.3", as: "my__join"))")
                .status()
                .message(),
            "s.graphql:3:3: Cannot link feature \"https://specs.apollo.dev/join\" as "
            "\"my__join\" since it contains \"__\". Please rename to a compliant name via \"as\".");
  EXPECT_EQ(
      linked(
          R"(@link(url: "https://specs.apollo.dev/tag/v0.3", import: [{name: "@tag", as: "label"}]))")
          .status()
          .message(),
      "s.graphql:3:60: Invalid @link import renaming: directive \"@tag\" imported name "
      "should start with a '@' character, but got \"label\".");
  EXPECT_EQ(linked(R"(@link(url: "https://specs.apollo.dev/join/v0.3", for: EVERYTHING))")
                .status()
                .message(),
            "s.graphql:3:57: Invalid value for argument \"for\" of @link: must be SECURITY or "
            "EXECUTION.");
  EXPECT_EQ(linked(R"(@link(url: "specs/join"))").status().message(),
            "s.graphql:3:3: Invalid feature url 'specs/join': not a URL");
}

}  // namespace
}  // namespace plexus::federation
