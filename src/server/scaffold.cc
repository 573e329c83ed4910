#include "src/server/scaffold.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>
#include <system_error>

namespace plexus::server::scaffold {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kProjectPrefix = "custom-router/";
constexpr std::string_view kPluginsList = "plugins/plugins.cmake";

constexpr std::string_view kUsage = R"(Usage: router project create DIR [--name NAME] [--sdk PREFIX]
       router plugin create NAME [--template basic|auth|tracing] [--project DIR]
       router plugin remove NAME [--project DIR]

project create  writes a custom-router project into DIR (absent or empty): CMakeLists.txt,
                main.cc, router.yaml, plugins/, Dockerfile, README.md. NAME (default: DIR's
                name as an identifier) is the plugins' group, as in "NAME.my_plugin".
plugin create   adds plugins/NAME.cc and plugins/NAME_test.cc to the project (default: the
                current directory) and prints the router.yaml section that enables it.
plugin remove   deletes them and their plugins/plugins.cmake entries.
)";

// Template text with @project@, @name@, @Name@, @template@ and @sdk_dir@ filled in.
struct Values {
  std::string project;
  std::string name;
  std::string kind;
  std::string sdk_dir;
};

std::string pascalCase(std::string_view snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

std::string fill(std::string_view text, const Values& values) {
  const std::pair<std::string_view, std::string> substitutions[] = {
      {"@project@", values.project},       {"@name@", values.name},
      {"@Name@", pascalCase(values.name)}, {"@template@", values.kind},
      {"@sdk_dir@", values.sdk_dir},
  };
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    if (text[i] == '@') {
      for (const auto& [key, value] : substitutions) {
        if (text.substr(i, key.size()) == key) {
          out += value;
          i += key.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

const TemplateFile* findTemplate(std::string_view path) {
  for (const TemplateFile& file : templates()) {
    if (file.path == path) return &file;
  }
  return nullptr;
}

// A path as printed: "plugins/a.cc" rather than "./plugins/a.cc".
std::string shown(const fs::path& path) { return path.lexically_normal().string(); }

StatusOr<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Status writeFile(const fs::path& path, std::string_view content) {
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out) return Status::error("cannot write " + path.string());
  return Status();
}

// A directory's name as an identifier: "My-Router" -> "my_router".
std::string identifierFrom(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    char lower = static_cast<char>(std::tolower(u));
    bool word = std::isalnum(u) != 0;
    if (word) {
      out += lower;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out = "router_" + out;
  return out;
}

// The project's name (the plugins' group), from `project(NAME` in its CMakeLists.txt.
StatusOr<std::string> projectName(const fs::path& dir) {
  if (!fs::exists(dir / kPluginsList)) {
    return Status::error(
        "not a Plexus project: " + shown(dir / kPluginsList) +
        " does not exist (run `router project create DIR` first, or pass --project DIR)");
  }
  StatusOr<std::string> cmake = readFile(dir / "CMakeLists.txt");
  if (!cmake.ok()) return cmake.status();
  static const std::regex kProject(R"(^\s*project\s*\(\s*([A-Za-z_][A-Za-z0-9_]*))",
                                   std::regex::multiline);
  std::smatch match;
  if (!std::regex_search(*cmake, match, kProject)) {
    return Status::error((dir / "CMakeLists.txt").string() + ": no project(NAME …) line");
  }
  return match[1].str();
}

// plugins/<name>.cc, as listed in plugins.cmake.
std::string sourceEntry(std::string_view name) { return "plugins/" + std::string(name) + ".cc"; }
std::string testEntry(std::string_view name) { return "plugins/" + std::string(name) + "_test.cc"; }

bool isEntryBoundary(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == '"';
}

// Positions of `entry` as a whole word in `line`.
std::vector<size_t> entryPositions(std::string_view line, std::string_view entry) {
  std::vector<size_t> found;
  for (size_t at = line.find(entry); at != std::string_view::npos; at = line.find(entry, at + 1)) {
    bool starts = at == 0 || isEntryBoundary(line[at - 1]);
    size_t end = at + entry.size();
    bool ends = end == line.size() || isEntryBoundary(line[end]);
    if (starts && ends) found.push_back(at);
  }
  return found;
}

std::vector<std::string> splitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The YAML section printed by `plugin create`.
std::string yamlSnippet(const Values& values) {
  std::string key = values.project + "." + values.name;
  std::string out = "plugins:\n  " + key + ":\n";
  if (values.kind == "basic") {
    out += "    message: \"Hello from " + values.name + "\"\n";
  } else if (values.kind == "auth") {
    out += "    url: http://127.0.0.1:8080/check\n    header: authorization\n    timeout: 1s\n";
  } else if (values.kind == "tracing") {
    out += "    span_name: " + values.name + "\n";
    out +=
        "telemetry:\n  exporters:\n    metrics:\n      prometheus:\n        enabled: true\n"
        "        listen: 127.0.0.1:9090\n        path: /metrics\n";
  }
  return out;
}

// Which template generated `content`: the first line reads
// "// group.name: generated by `router plugin create name --template KIND`.".
std::optional<std::string> generatedKind(std::string_view content) {
  std::string_view first = content.substr(0, content.find('\n'));
  constexpr std::string_view kMarker = "--template ";
  size_t at = first.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = first.substr(at + kMarker.size());
  return std::string(rest.substr(0, rest.find('`')));
}

std::string projectFilePath(std::string_view template_path) {
  return std::string(template_path.substr(kProjectPrefix.size()));
}

}  // namespace

std::vector<std::string> pluginTemplates() { return {"basic", "auth", "tracing"}; }

bool isValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  if (name[0] < 'a' || name[0] > 'z') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return !name.ends_with("_test") && !name.ends_with("_");
}

std::string installedSdkPrefix() {
  std::error_code error;
  fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return "";
  fs::path prefix = exe.parent_path().parent_path();
  for (const char* lib : {"lib", "lib64"}) {
    if (fs::exists(prefix / lib / "cmake" / "Plexus" / "PlexusConfig.cmake", error)) {
      return prefix.string();
    }
  }
  return "";
}

Status createProject(const ProjectOptions& options, std::ostream& out) {
  std::error_code error;
  if (fs::exists(options.dir, error) && !fs::is_empty(options.dir, error)) {
    return Status::error(options.dir.string() + " already exists and is not empty");
  }
  std::string name = options.name;
  if (name.empty()) name = identifierFrom(fs::absolute(options.dir).filename().string());
  if (!isValidName(name)) {
    return Status::error("'" + name +
                         "' is not a valid project name: use a snake_case identifier "
                         "([a-z][a-z0-9_]*), e.g. --name my_router");
  }
  Values values{.project = name, .name = "", .kind = "", .sdk_dir = options.sdk_dir};
  fs::create_directories(options.dir, error);
  if (error) return Status::error("cannot create " + options.dir.string() + ": " + error.message());
  for (const TemplateFile& file : templates()) {
    if (!file.path.starts_with(kProjectPrefix)) continue;
    fs::path target = options.dir / projectFilePath(file.path);
    if (Status written = writeFile(target, fill(file.content, values)); !written.ok()) {
      return written;
    }
    out << "  created " << shown(target) << "\n";
  }
  out << "\nProject '" << name << "' created in " << options.dir.string() << ". Next:\n"
      << "  cd " << options.dir.string() << "\n"
      << "  router plugin create hello_world          # or --template auth | tracing\n"
      << "  cmake -S . -B build -G Ninja"
      << (options.sdk_dir.empty() ? " -DCMAKE_PREFIX_PATH=<plexus sdk>" : "") << "\n"
      << "  cmake --build build && ctest --test-dir build\n"
      << "  ./build/router --supergraph supergraph.graphql --config router.yaml\n";
  if (options.sdk_dir.empty()) {
    out << "(This router is not part of an installed SDK; install one with `cmake --install "
           "<plexus build> --prefix <sdk>`.)\n";
  }
  return Status();
}

Status createPlugin(const PluginOptions& options, std::ostream& out) {
  if (!isValidName(options.name)) {
    return Status::error("'" + options.name +
                         "' is not a valid plugin name: use a snake_case identifier "
                         "([a-z][a-z0-9_]*, not ending in _test), e.g. hello_world");
  }
  std::vector<std::string> kinds = pluginTemplates();
  if (std::find(kinds.begin(), kinds.end(), options.kind) == kinds.end()) {
    return Status::error("unknown template '" + options.kind + "' (have: basic, auth, tracing)");
  }
  StatusOr<std::string> project = projectName(options.project_dir);
  if (!project.ok()) return project.status();

  const fs::path dir = options.project_dir;
  const std::string source = sourceEntry(options.name);
  const std::string test = testEntry(options.name);
  StatusOr<std::string> list = readFile(dir / kPluginsList);
  if (!list.ok()) return list.status();
  for (const fs::path& file : {dir / source, dir / test}) {
    if (fs::exists(file)) {
      return Status::error("plugin '" + options.name + "' already exists: " + shown(file));
    }
  }
  for (const std::string& line : splitLines(*list)) {
    if (!entryPositions(line, source).empty() || !entryPositions(line, test).empty()) {
      return Status::error("plugin '" + options.name + "' is already listed in " +
                           shown(dir / kPluginsList));
    }
  }

  Values values{.project = *project, .name = options.name, .kind = options.kind, .sdk_dir = ""};
  const TemplateFile* code = findTemplate("plugin/" + options.kind + ".cc.in");
  const TemplateFile* code_test = findTemplate("plugin/" + options.kind + "_test.cc.in");
  if (code == nullptr || code_test == nullptr) {
    return Status::error("template '" + options.kind + "' is missing from this binary");
  }
  if (Status s = writeFile(dir / source, fill(code->content, values)); !s.ok()) return s;
  if (Status s = writeFile(dir / test, fill(code_test->content, values)); !s.ok()) return s;
  std::string updated = *list;
  if (!updated.empty() && updated.back() != '\n') updated += '\n';
  updated += "list(APPEND PLUGIN_SOURCES " + source + ")\n";
  updated += "list(APPEND PLUGIN_TESTS " + test + ")\n";
  if (Status s = writeFile(dir / kPluginsList, updated); !s.ok()) return s;

  out << "Created plugin " << *project << "." << options.name << " (template " << options.kind
      << "):\n"
      << "  " << shown(dir / source) << "\n"
      << "  " << shown(dir / test) << "\n"
      << "  added both to " << shown(dir / kPluginsList) << "\n\n"
      << "Enable it in router.yaml:\n\n"
      << yamlSnippet(values) << "\n"
      << "Then: cmake --build build && ctest --test-dir build\n";
  return Status();
}

Status removePlugin(const fs::path& project_dir, std::string_view name, std::ostream& out) {
  if (!isValidName(name)) {
    return Status::error("'" + std::string(name) + "' is not a valid plugin name");
  }
  StatusOr<std::string> project = projectName(project_dir);
  if (!project.ok()) return project.status();
  const std::string source = sourceEntry(name);
  const std::string test = testEntry(name);
  bool found = false;
  std::vector<std::string> notes;

  // The files, with a word when they differ from what `plugin create` wrote.
  for (const auto& [entry, suffix] :
       {std::pair{source, std::string(".cc.in")}, std::pair{test, std::string("_test.cc.in")}}) {
    fs::path file = project_dir / entry;
    if (!fs::exists(file)) continue;
    found = true;
    StatusOr<std::string> content = readFile(file);
    std::optional<std::string> kind;
    if (content.ok()) kind = generatedKind(*content);
    if (!kind && content.ok() && entry == test) {
      // The test names no template; the plugin's source does.
      if (StatusOr<std::string> code = readFile(project_dir / source); code.ok()) {
        kind = generatedKind(*code);
      }
    }
    bool edited = true;
    if (kind && content.ok()) {
      if (const TemplateFile* original = findTemplate("plugin/" + *kind + suffix)) {
        Values values{.project = *project, .name = std::string(name), .kind = *kind, .sdk_dir = ""};
        edited = fill(original->content, values) != *content;
      }
    }
    std::error_code error;
    fs::remove(file, error);
    if (error) return Status::error("cannot remove " + shown(file) + ": " + error.message());
    out << "  removed " << shown(file)
        << (edited ? " (it had been edited since `router plugin create`)" : "") << "\n";
  }

  // plugins.cmake: the entries, and list(APPEND …) lines left empty.
  fs::path list_path = project_dir / kPluginsList;
  StatusOr<std::string> list = readFile(list_path);
  if (!list.ok()) return list.status();
  static const std::regex kEmptyAppend(R"(^\s*list\s*\(\s*APPEND\s+\w+\s*\)\s*$)");
  std::string updated;
  int removed_entries = 0;
  for (std::string line : splitLines(*list)) {
    bool touched = false;
    for (const std::string& entry : {source, test}) {
      std::vector<size_t> at = entryPositions(line, entry);
      for (auto it = at.rbegin(); it != at.rend(); ++it) {
        size_t begin = *it;
        while (begin > 0 && line[begin - 1] == ' ') --begin;
        line.erase(begin, *it + entry.size() - begin);
        ++removed_entries;
        touched = true;
      }
    }
    if (touched && std::regex_match(line, kEmptyAppend)) continue;
    updated += line + "\n";
  }
  if (removed_entries > 0) {
    found = true;
    if (Status s = writeFile(list_path, updated); !s.ok()) return s;
    out << "  removed " << removed_entries << " entr" << (removed_entries == 1 ? "y" : "ies")
        << " from " << shown(list_path) << "\n";
  }
  if (!found) {
    return Status::error("no plugin '" + std::string(name) + "' in " + project_dir.string() +
                         " (no " + source + ", " + test + " or " + std::string(kPluginsList) +
                         " entry)");
  }

  // router.yaml is the user's: say where the plugin is still configured.
  const std::string key = *project + "." + std::string(name);
  if (StatusOr<std::string> yaml = readFile(project_dir / "router.yaml"); yaml.ok()) {
    std::vector<std::string> lines = splitLines(*yaml);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string_view line = lines[i];
      size_t first = line.find_first_not_of(" \t");
      if (first == std::string_view::npos || line[first] == '#') continue;
      if (line.substr(first).starts_with(key + ":")) {
        notes.push_back("router.yaml:" + std::to_string(i + 1) + " still configures " + key +
                        ": remove that section by hand (the router refuses a plugin it does "
                        "not know)");
      }
    }
  }
  out << "Removed plugin " << key << ".\n";
  for (const std::string& note : notes) out << "Not removed: " << note << "\n";
  return Status();
}

int runCommand(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto usage = [](std::string_view problem) {
    std::cerr << "router: " << problem << "\n\n" << kUsage;
    return 2;
  };
  if (args.size() >= 2 && (args[1] == "-h" || args[1] == "--help")) {
    std::cout << kUsage;
    return 0;
  }
  if (args.size() < 3) return usage("missing arguments");
  const std::string_view group = args[0];
  const std::string_view command = args[1];
  const std::string target(args[2]);
  std::string name;
  std::string sdk = installedSdkPrefix();
  std::string kind = "basic";
  std::string project_dir = ".";
  for (size_t i = 3; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    std::string* slot = nullptr;
    if (group == "project" && arg == "--name") slot = &name;
    if (group == "project" && arg == "--sdk") slot = &sdk;
    if (group == "plugin" && arg == "--template") slot = &kind;
    if (group == "plugin" && arg == "--project") slot = &project_dir;
    if (slot == nullptr) return usage("unexpected argument '" + std::string(arg) + "'");
    if (i + 1 >= args.size()) return usage(std::string(arg) + " needs a value");
    *slot = std::string(args[++i]);
  }

  Status status;
  if (group == "project" && command == "create") {
    status = createProject(ProjectOptions{.dir = target, .name = name, .sdk_dir = sdk}, std::cout);
  } else if (group == "plugin" && command == "create") {
    status = createPlugin(PluginOptions{.project_dir = project_dir, .name = target, .kind = kind},
                          std::cout);
  } else if (group == "plugin" && command == "remove") {
    status = removePlugin(project_dir, target, std::cout);
  } else {
    return usage("unknown command '" + std::string(group) + " " + std::string(command) + "'");
  }
  if (!status.ok()) {
    std::cerr << "router " << group << " " << command << ": " << status.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace plexus::server::scaffold
