#include "src/server/scaffold.h"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace plexus::server::scaffold {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

class ScaffoldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "plexus-scaffold-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    project_ = root_ / "My-Router";
  }
  void TearDown() override { fs::remove_all(root_); }

  void createProjectOk() {
    std::ostringstream out;
    Status created = createProject({.dir = project_, .name = "", .sdk_dir = "/opt/plexus"}, out);
    ASSERT_TRUE(created.ok()) << created.message();
  }
  Status plugin(const std::string& name, const std::string& kind, std::string* printed = nullptr) {
    std::ostringstream out;
    Status status = createPlugin({.project_dir = project_, .name = name, .kind = kind}, out);
    if (printed != nullptr) *printed = out.str();
    return status;
  }

  fs::path root_;
  fs::path project_;
};

TEST_F(ScaffoldTest, CreatesAProjectNamedAfterItsDirectory) {
  createProjectOk();
  std::string cmake = read(project_ / "CMakeLists.txt");
  EXPECT_TRUE(contains(cmake, "project(my_router LANGUAGES CXX)")) << cmake;
  EXPECT_TRUE(contains(cmake, R"(set(PLEXUS_SDK "/opt/plexus")")) << cmake;
  EXPECT_TRUE(contains(cmake, "plexus_add_router(")) << cmake;
  for (const char* file : {"main.cc", "router.yaml", "plugins/plugins.cmake", "Dockerfile",
                           ".dockerignore", "README.md"}) {
    EXPECT_TRUE(fs::exists(project_ / file)) << file;
  }
  EXPECT_TRUE(contains(read(project_ / "router.yaml"), "my_router.hello_world"));
  EXPECT_FALSE(contains(read(project_ / "README.md"), "@project@"));
}

TEST_F(ScaffoldTest, RefusesANonEmptyDirectoryAndABadName) {
  createProjectOk();
  std::ostringstream out;
  Status again = createProject({.dir = project_, .name = "", .sdk_dir = ""}, out);
  ASSERT_FALSE(again.ok());
  EXPECT_TRUE(contains(again.message(), "already exists and is not empty")) << again.message();

  Status bad = createProject({.dir = root_ / "other", .name = "Bad-Name", .sdk_dir = ""}, out);
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(contains(bad.message(), "'Bad-Name' is not a valid project name")) << bad.message();
}

TEST_F(ScaffoldTest, CreatesAPluginFromEachTemplate) {
  createProjectOk();
  for (const std::string& kind : pluginTemplates()) {
    const std::string name = "my_" + kind;
    std::string printed;
    Status created = plugin(name, kind, &printed);
    ASSERT_TRUE(created.ok()) << created.message();
    std::string code = read(project_ / "plugins" / (name + ".cc"));
    EXPECT_TRUE(contains(code, "PLEXUS_REGISTER_PLUGIN(\"my_router\", \"" + name + "\""));
    EXPECT_FALSE(contains(code, "@name@"));
    EXPECT_TRUE(fs::exists(project_ / "plugins" / (name + "_test.cc")));
    EXPECT_TRUE(contains(printed, "plugins:\n  my_router." + name + ":\n")) << printed;
  }
  EXPECT_TRUE(contains(read(project_ / "plugins/my_basic.cc"), "class MyBasic : public Plugin"));
  std::string list = read(project_ / "plugins/plugins.cmake");
  EXPECT_TRUE(contains(list, "list(APPEND PLUGIN_SOURCES plugins/my_auth.cc)\n")) << list;
  EXPECT_TRUE(contains(list, "list(APPEND PLUGIN_TESTS plugins/my_auth_test.cc)\n")) << list;
}

TEST_F(ScaffoldTest, RefusesBadAndExistingPluginNames) {
  createProjectOk();
  ASSERT_TRUE(plugin("hello", "basic").ok());
  Status again = plugin("hello", "auth");
  ASSERT_FALSE(again.ok());
  EXPECT_TRUE(contains(again.message(), "plugin 'hello' already exists")) << again.message();
  for (const char* bad : {"Hello", "hello-world", "1st", "", "x_test", "a b"}) {
    Status refused = plugin(bad, "basic");
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_TRUE(contains(refused.message(), "is not a valid plugin name")) << refused.message();
  }
  Status unknown = plugin("other", "fancy");
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(contains(unknown.message(), "unknown template 'fancy'")) << unknown.message();

  std::ostringstream out;
  Status outside = createPlugin({.project_dir = root_, .name = "x", .kind = "basic"}, out);
  ASSERT_FALSE(outside.ok());
  EXPECT_TRUE(contains(outside.message(), "not a Plexus project")) << outside.message();
}

TEST_F(ScaffoldTest, RemovesAPluginAndSaysWhatItLeft) {
  createProjectOk();
  ASSERT_TRUE(plugin("keep", "basic").ok());
  ASSERT_TRUE(plugin("gone", "auth").ok());
  write(project_ / "router.yaml",
        read(project_ / "router.yaml") + "plugins:\n  my_router.gone:\n    url: http://a\n");
  write(project_ / "plugins/gone_test.cc", read(project_ / "plugins/gone_test.cc") + "// mine\n");

  std::ostringstream out;
  Status removed = removePlugin(project_, "gone", out);
  ASSERT_TRUE(removed.ok()) << removed.message();
  EXPECT_FALSE(fs::exists(project_ / "plugins/gone.cc"));
  EXPECT_FALSE(fs::exists(project_ / "plugins/gone_test.cc"));
  std::string said = out.str();
  EXPECT_TRUE(contains(said, "gone.cc\n")) << said;  // unedited: no remark
  EXPECT_TRUE(contains(said, "gone_test.cc (it had been edited")) << said;
  EXPECT_TRUE(contains(said, "removed 2 entries from")) << said;
  EXPECT_TRUE(contains(said, "Not removed: router.yaml:")) << said;
  EXPECT_TRUE(contains(said, "still configures my_router.gone")) << said;

  std::string list = read(project_ / "plugins/plugins.cmake");
  EXPECT_FALSE(contains(list, "gone")) << list;
  EXPECT_TRUE(contains(list, "plugins/keep.cc")) << list;
  EXPECT_TRUE(fs::exists(project_ / "plugins/keep.cc"));

  Status missing = removePlugin(project_, "gone", out);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(contains(missing.message(), "no plugin 'gone'")) << missing.message();
}

TEST_F(ScaffoldTest, RemovesOnlyItsOwnEntryFromAHandEditedLine) {
  createProjectOk();
  ASSERT_TRUE(plugin("one", "basic").ok());
  write(project_ / "plugins/plugins.cmake",
        "list(APPEND PLUGIN_SOURCES plugins/one.cc plugins/one_more.cc)\n");
  std::ostringstream out;
  ASSERT_TRUE(removePlugin(project_, "one", out).ok());
  EXPECT_EQ(read(project_ / "plugins/plugins.cmake"),
            "list(APPEND PLUGIN_SOURCES plugins/one_more.cc)\n");
}

TEST(ScaffoldNamesTest, AcceptsSnakeCaseIdentifiersOnly) {
  EXPECT_TRUE(isValidName("hello_world"));
  EXPECT_TRUE(isValidName("auth2"));
  EXPECT_FALSE(isValidName("HelloWorld"));
  EXPECT_FALSE(isValidName("_hidden"));
  EXPECT_FALSE(isValidName("trailing_"));
  EXPECT_FALSE(isValidName(std::string(65, 'a')));
}

}  // namespace
}  // namespace plexus::server::scaffold
