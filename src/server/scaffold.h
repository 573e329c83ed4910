// The router's scaffold commands, Apollo Router v1's `cargo router plugin …` for C++: a new
// custom-router project from the templates compiled into the binary (templates/, embedded by
// cmake/plexus_templates.cmake), and plugins added to or removed from it.
//
//   router project create my-router [--name NAME] [--sdk PREFIX]
//   cd my-router
//   router plugin create auth_check --template auth     # basic (default), auth or tracing
//   router plugin remove auth_check
//
// A project is a directory with CMakeLists.txt (whose `project(NAME …)` is the plugins' group:
// plugins register as "NAME.<plugin>") and plugins/plugins.cmake, the list of plugin sources and
// tests the commands edit. Plugin names are snake_case identifiers. Nothing here edits
// router.yaml: `plugin create` prints the section to add, `plugin remove` says where one is left.
//
// Control plane only: every function returns a Status naming the file or the name at fault, and
// writes what it did to `out`. Not thread-safe (one command per process).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "src/common/status.h"

namespace plexus::server::scaffold {

struct TemplateFile {
  std::string_view path;  // under templates/: "custom-router/CMakeLists.txt", "plugin/auth.cc.in"
  std::string_view content;
};

// Every file under templates/, sorted by path (generated at build time).
const std::vector<TemplateFile>& templates();

// "basic", "auth", "tracing".
std::vector<std::string> pluginTemplates();

// True for a snake_case identifier: [a-z][a-z0-9_]*, at most 64 characters, not ending in
// "_test" (its test file would collide with another plugin's source).
bool isValidName(std::string_view name);

struct ProjectOptions {
  std::filesystem::path dir;  // created; must be absent or empty
  std::string name;           // the plugins' group; empty: from the directory's name
  std::string sdk_dir;        // written into CMakeLists.txt as the SDK's default location
};
Status createProject(const ProjectOptions& options, std::ostream& out);

struct PluginOptions {
  std::filesystem::path project_dir = ".";
  std::string name;
  std::string kind = "basic";  // one of pluginTemplates()
};
// Writes plugins/<name>.cc and plugins/<name>_test.cc, adds them to plugins/plugins.cmake and
// prints the router.yaml section.
Status createPlugin(const PluginOptions& options, std::ostream& out);

// Deletes the plugin's two files and its plugins.cmake entries; reports files that had been
// edited since they were generated (removed all the same) and router.yaml sections left behind.
Status removePlugin(const std::filesystem::path& project_dir, std::string_view name,
                    std::ostream& out);

// The prefix of the installed SDK this binary belongs to (<prefix>/bin/router with
// <prefix>/lib/cmake/Plexus next to it), or empty.
std::string installedSdkPrefix();

// `router project …` and `router plugin …` (argv[1] is "project" or "plugin"): the exit status,
// 0 done, 1 failed, 2 usage error.
int runCommand(int argc, char** argv);

}  // namespace plexus::server::scaffold
