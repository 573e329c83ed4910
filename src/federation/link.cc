// @link collection, after @apollo/federation-internals specs/coreSpec.ts and the CoreFeatures
// bookkeeping of definitions.ts.
#include "src/federation/link.h"

#include <cctype>

namespace plexus::federation {
namespace {

namespace ast = graphql::ast;

std::string at(std::string_view source_name, ast::SourceLocation loc) {
  return std::string(source_name) + ":" + std::to_string(loc.line) + ":" +
         std::to_string(loc.column) + ": ";
}

bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isNameChar(char c) { return isNameStart(c) || std::isdigit(static_cast<unsigned char>(c)); }

// /^@?[_A-Za-z][_0-9A-Za-z]*$/ (federation-internals importRegExp).
bool isImportName(std::string_view s) {
  if (!s.empty() && s[0] == '@') s.remove_prefix(1);
  if (s.empty() || !isNameStart(s[0])) return false;
  for (char c : s) {
    if (!isNameChar(c)) return false;
  }
  return true;
}

// /^[_A-Za-z][_0-9A-Za-z.-]*$/ (federation-internals aliasRegexp).
bool isAlias(std::string_view s) {
  if (s.empty() || !isNameStart(s[0])) return false;
  for (char c : s) {
    if (!isNameChar(c) && c != '.' && c != '-') return false;
  }
  return true;
}

const ast::Value* argument(const ast::Directive& directive, std::string_view name) {
  for (const ast::Argument* arg : directive.arguments) {
    if (arg->name == name) return arg->value;
  }
  return nullptr;
}

// A string argument: nullopt when absent or null; an error when of another kind.
StatusOr<std::optional<std::string_view>> stringArgument(const ast::Directive& directive,
                                                         std::string_view name,
                                                         std::string_view source_name) {
  const ast::Value* value = argument(directive, name);
  if (value == nullptr || value->form == ast::Value::Form::kNull) {
    return std::optional<std::string_view>();
  }
  if (value->form != ast::Value::Form::kString) {
    return Status::error(at(source_name, value->loc) + "Invalid value for argument \"" +
                         std::string(name) + "\" of @" + std::string(directive.name) +
                         ": must be a string.");
  }
  return std::optional<std::string_view>(value->text);
}

// One entry of @link(import:): "@key", or {name: "@tag", as: "@label"}.
StatusOr<LinkImport> parseImport(const ast::Value& value, std::string_view source_name) {
  const std::string where = at(source_name, value.loc);
  LinkImport import;
  if (value.form == ast::Value::Form::kString) {
    import.name = std::string(value.text);
  } else if (value.form == ast::Value::Form::kObject) {
    for (const ast::ObjectField* field : value.fields) {
      if (field->name != "name" && field->name != "as") {
        return Status::error(where + "Unknown field \"" + std::string(field->name) +
                             "\" for sub-value of @link(import:) argument.");
      }
      if (field->value->form != ast::Value::Form::kString) {
        return Status::error(where + "Invalid value for the \"" + std::string(field->name) +
                             "\" field of @link(import:) argument: must be a string.");
      }
      (field->name == "name" ? import.name : import.as) = std::string(field->value->text);
    }
    if (import.name.empty()) {
      return Status::error(where +
                           "Invalid sub-value for @link(import:) argument: missing mandatory "
                           "\"name\" field.");
    }
  } else {
    return Status::error(where +
                         "Invalid sub-value for @link(import:) argument: values should be either "
                         "strings or input object values of the form { name: "
                         "\"<importedElement>\", as: \"<alias>\" }.");
  }
  for (const std::string* name : {&import.name, &import.as}) {
    if (!name->empty() && !isImportName(*name)) {
      return Status::error(where + "Invalid @link import \"" + *name +
                           "\": must use a GraphQL name.");
    }
  }
  if (!import.as.empty()) {
    const bool directive = import.name[0] == '@';
    if (directive && import.as[0] != '@') {
      return Status::error(where + "Invalid @link import renaming: directive \"" + import.name +
                           "\" imported name should start with a '@' character, but got \"" +
                           import.as + "\".");
    }
    if (!directive && import.as[0] == '@') {
      return Status::error(where + "Invalid @link import renaming: type \"" + import.name +
                           "\" imported name should not start with a '@' character, but got \"" +
                           import.as + "\".");
    }
  }
  return import;
}

// Reads one @link application (whose url is already known to parse).
StatusOr<Link> parseLink(const ast::Directive& directive, std::string_view url_argument,
                         std::string_view source_name) {
  const std::string where = at(source_name, directive.loc);
  Link link;
  link.location = directive.loc;
  auto url = stringArgument(directive, url_argument, source_name);
  if (!url.ok()) return url.status();
  if (!*url) {
    return Status::error(where + "@" + std::string(directive.name) + " is missing its \"" +
                         std::string(url_argument) + "\" argument.");
  }
  auto parsed = FeatureUrl::parse(**url);
  if (!parsed.ok()) return Status::error(where + parsed.status().message());
  link.url = std::move(*parsed);
  auto as = stringArgument(directive, "as", source_name);
  if (!as.ok()) return as.status();
  link.name_in_schema = *as ? std::string(**as) : link.url.name;

  if (const ast::Value* purpose = argument(directive, "for")) {
    const bool named =
        purpose->form == ast::Value::Form::kEnum || purpose->form == ast::Value::Form::kString;
    if (named && purpose->text == "SECURITY") {
      link.purpose = LinkPurpose::kSecurity;
    } else if (named && purpose->text == "EXECUTION") {
      link.purpose = LinkPurpose::kExecution;
    } else if (purpose->form != ast::Value::Form::kNull) {
      return Status::error(at(source_name, purpose->loc) +
                           "Invalid value for argument \"for\" of @" + std::string(directive.name) +
                           ": must be SECURITY or EXECUTION.");
    }
  }
  if (const ast::Value* imports = argument(directive, "import")) {
    if (imports->form == ast::Value::Form::kList) {
      for (const ast::Value* item : imports->list) {
        auto import = parseImport(*item, source_name);
        if (!import.ok()) return import.status();
        link.imports.push_back(std::move(*import));
      }
    } else if (imports->form != ast::Value::Form::kNull) {
      // Input coercion turns a single value into a list of one.
      auto import = parseImport(*imports, source_name);
      if (!import.ok()) return import.status();
      link.imports.push_back(std::move(*import));
    }
  }
  return link;
}

}  // namespace

std::optional<FeatureVersion> FeatureVersion::parse(std::string_view text) {
  // /^v(\d+)\.(\d+)$/
  if (text.size() < 4 || text[0] != 'v') return std::nullopt;
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view digits) -> std::optional<uint32_t> {
    if (digits.empty() || digits.size() > 9) return std::nullopt;
    uint32_t n = 0;
    for (char c : digits) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      n = n * 10 + static_cast<uint32_t>(c - '0');
    }
    return n;
  };
  auto major = number(text.substr(1, dot - 1));
  auto minor = number(text.substr(dot + 1));
  if (!major || !minor) return std::nullopt;
  return FeatureVersion{*major, *minor};
}

std::string FeatureVersion::toString() const {
  return "v" + std::to_string(major) + "." + std::to_string(minor);
}

StatusOr<FeatureUrl> FeatureUrl::parse(std::string_view url) {
  // A deliberately small reading of a WHATWG URL: scheme "://" authority path, with any query
  // or fragment dropped, as federation-internals drops them from the identity.
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return Status::error("Invalid feature url '" + std::string(url) + "': not a URL");
  }
  std::string_view rest = url.substr(0, url.find_first_of("?#"));
  const size_t path_start = rest.find('/', scheme_end + 3);
  if (path_start == std::string_view::npos || path_start + 1 >= rest.size()) {
    return Status::error("Missing path in feature url '" + std::string(url) + "'");
  }
  const size_t last_slash = rest.rfind('/');
  std::string_view version = rest.substr(last_slash + 1);
  if (version.empty()) {
    return Status::error("Missing version component in feature url '" + std::string(url) + "'");
  }
  auto parsed = FeatureVersion::parse(version);
  if (!parsed) {
    return Status::error("Expected a version string (of the form v1.2), got " +
                         std::string(version));
  }
  std::string_view identity = rest.substr(0, last_slash);
  std::string_view name = identity.substr(identity.rfind('/') + 1);
  if (last_slash <= path_start || name.empty()) {
    return Status::error("Missing feature name component in feature url '" + std::string(url) +
                         "'");
  }
  return FeatureUrl{std::string(identity), std::string(name), *parsed};
}

std::string FeatureUrl::toString() const { return identity + "/" + version.toString(); }

std::string_view linkPurposeName(LinkPurpose purpose) {
  switch (purpose) {
    case LinkPurpose::kSecurity: return "SECURITY";
    case LinkPurpose::kExecution: return "EXECUTION";
    case LinkPurpose::kNone: break;
  }
  return "";
}

std::string Link::directiveNameInSchema(std::string_view name_in_spec) const {
  for (const LinkImport& import : imports) {
    if (import.name.size() == name_in_spec.size() + 1 && import.name[0] == '@' &&
        std::string_view(import.name).substr(1) == name_in_spec) {
      return import.as.empty() ? std::string(name_in_spec) : import.as.substr(1);
    }
  }
  if (name_in_spec == url.name) return name_in_schema;
  return name_in_schema + "__" + std::string(name_in_spec);
}

std::string Link::typeNameInSchema(std::string_view name_in_spec) const {
  for (const LinkImport& import : imports) {
    if (import.name == name_in_spec) return std::string(import.nameInSchema());
  }
  return name_in_schema + "__" + std::string(name_in_spec);
}

bool Link::definesDirective(std::string_view directive_name) const {
  if (directive_name == name_in_schema) return true;
  if (directive_name.size() > name_in_schema.size() + 2 &&
      directive_name.starts_with(name_in_schema) &&
      directive_name.substr(name_in_schema.size(), 2) == "__") {
    return true;
  }
  for (const LinkImport& import : imports) {
    std::string_view imported = import.nameInSchema();
    if (imported.size() == directive_name.size() + 1 && imported[0] == '@' &&
        imported.substr(1) == directive_name) {
      return true;
    }
  }
  return false;
}

bool Link::definesType(std::string_view type_name) const {
  if (type_name.size() > name_in_schema.size() + 2 && type_name.starts_with(name_in_schema) &&
      type_name.substr(name_in_schema.size(), 2) == "__") {
    return true;
  }
  for (const LinkImport& import : imports) {
    if (import.nameInSchema() == type_name) return true;
  }
  return false;
}

StatusOr<Links> Links::collect(const ast::Document& document, std::string_view source_name) {
  std::vector<const ast::Directive*> applications;
  ast::SourceLocation schema_location{1, 1};
  bool has_schema_definition = false;
  for (const ast::Definition* def : document.definitions) {
    if (auto* schema = def->as<ast::SchemaDefinition>()) {
      if (!has_schema_definition) schema_location = schema->loc;
      has_schema_definition = true;
      for (const ast::Directive* d : schema->directives) applications.push_back(d);
    }
  }

  // The schema's own @link: an application whose url names the link (or core) spec and whose
  // name is that url's `as` (default "link" / "core").
  const ast::Directive* itself = nullptr;
  std::string_view url_argument = "url";
  for (const ast::Directive* d : applications) {
    for (std::string_view arg_name : {"url", "feature"}) {
      const ast::Value* url = argument(*d, arg_name);
      if (url == nullptr || url->form != ast::Value::Form::kString) continue;
      auto parsed = FeatureUrl::parse(url->text);
      if (!parsed.ok()) continue;
      if (parsed->identity != kLinkIdentity && parsed->identity != kCoreIdentity) continue;
      const ast::Value* as = argument(*d, "as");
      std::string_view expected_name =
          as != nullptr && as->form == ast::Value::Form::kString ? as->text : parsed->name;
      if (d->name != expected_name) continue;
      if (parsed->identity == kCoreIdentity) {
        return Status::error(at(source_name, d->loc) +
                             "Unsupported core schema: the supergraph "
                             "uses @" +
                             std::string(d->name) + " (" + parsed->toString() +
                             "); only https://specs.apollo.dev/link/v1.0 is supported. Compose "
                             "it again with Federation 2.");
      }
      if (parsed->version != FeatureVersion{1, 0}) {
        return Status::error(at(source_name, d->loc) + "Schema uses unknown version " +
                             parsed->version.toString() +
                             " of the link spec (supported versions: v1.0)");
      }
      itself = d;
      url_argument = arg_name;
      break;
    }
    if (itself != nullptr) break;
  }
  if (itself == nullptr) {
    return Status::error(at(source_name, schema_location) +
                         "Invalid supergraph: must be a core schema (no @link to "
                         "https://specs.apollo.dev/link/v1.0 on the schema definition)");
  }

  Links links;
  auto core = parseLink(*itself, url_argument, source_name);
  if (!core.ok()) return core.status();
  links.links_.push_back(std::move(*core));
  for (const ast::Directive* d : applications) {
    if (d == itself || d->name != links.links_.front().name_in_schema) continue;
    auto link = parseLink(*d, "url", source_name);
    if (!link.ok()) return link.status();
    const std::string where = at(source_name, d->loc);
    const std::string& identity = link->url.identity;
    if (links.find(identity) != nullptr) {
      return Status::error(where + "Cannot link feature \"" + identity +
                           "\" since it has already been linked in the schema.");
    }
    const std::string& alias = link->name_in_schema;
    const bool federation_alias =
        link->imports.empty() &&
        ((identity == kTagIdentity && alias == "federation__tag") ||
         (identity == kInaccessibleIdentity && alias == "federation__inaccessible"));
    if (!federation_alias && alias.find("__") != std::string::npos) {
      return Status::error(where + "Cannot link feature \"" + identity + "\" as \"" + alias +
                           "\" since it contains \"__\". Please rename to a compliant name via "
                           "\"as\".");
    }
    if (!alias.empty() && alias.back() == '_') {
      return Status::error(where + "Cannot link feature \"" + identity + "\" as \"" + alias +
                           "\" since it ends in \"_\". Please rename to a compliant name via "
                           "\"as\".");
    }
    if (!isAlias(alias)) {
      return Status::error(where + "Cannot link feature \"" + identity + "\" as \"" + alias +
                           "\" since it is not a valid GraphQL name. Please rename to a "
                           "compliant name via \"as\".");
    }
    links.links_.push_back(std::move(*link));
  }
  return links;
}

const Link* Links::find(std::string_view identity) const {
  for (const Link& link : links_) {
    if (link.url.identity == identity) return &link;
  }
  return nullptr;
}

const Link* Links::featureOfDirective(std::string_view directive_name) const {
  for (const Link& link : links_) {
    if (link.definesDirective(directive_name)) return &link;
  }
  return nullptr;
}

const Link* Links::featureOfType(std::string_view type_name) const {
  for (const Link& link : links_) {
    if (link.definesType(type_name)) return &link;
  }
  return nullptr;
}

bool Links::isFeatureDirective(std::string_view directive_name) const {
  return featureOfDirective(directive_name) != nullptr;
}

bool Links::isFeatureType(std::string_view type_name) const {
  return featureOfType(type_name) != nullptr;
}

}  // namespace plexus::federation
