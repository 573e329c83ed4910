// API schema derivation (federation-internals definitions.ts toAPISchema, inaccessibleSpec.ts
// removeInaccessibleElementsAssumingValid, coreSpec.ts removeAllCoreFeatures): the supergraph's
// definitions are copied, filtered, printed and built again.
#include "src/federation/api_schema.h"

#include <unordered_set>
#include <vector>

#include "src/common/arena.h"
#include "src/federation/inaccessible.h"
#include "src/federation/supergraph.h"
#include "src/graphql/printer.h"

namespace plexus::federation {
namespace {

namespace ast = graphql::ast;

constexpr std::string_view kDeferDefinition =
    "directive @defer(label: String, if: Boolean! = true) on FRAGMENT_SPREAD | INLINE_FRAGMENT";
constexpr std::string_view kStreamDefinition =
    "directive @stream(label: String, initialCount: Int = 0, if: Boolean! = true) on FIELD";

class ApiPrinter {
 public:
  ApiPrinter(const Supergraph& supergraph, std::string_view source_name)
      : s_(supergraph), links_(supergraph.links()), source_name_(source_name) {
    inaccessible_ = supergraph.inaccessibleDirectiveName();
    for (const ast::Definition* def : supergraph.document().definitions) {
      if (auto* d = def->as<ast::DirectiveDefinition>()) {
        const std::string_view name = d->name->value;
        if (links_.isFeatureDirective(name) || name == "defer" || name == "stream") {
          removed_directives_.insert(name);
        }
      }
    }
  }

  std::string print(const ApiSchemaOptions& options) {
    std::string out;
    auto append = [&out](std::string_view text) {
      if (text.empty()) return;
      if (!out.empty()) out += "\n\n";
      out += text;
    };
    for (const ast::Definition* def : s_.document().definitions) {
      if (auto* schema = def->as<ast::SchemaDefinition>()) {
        append(schemaDefinition(*schema));
      } else if (auto* directive = def->as<ast::DirectiveDefinition>()) {
        append(directiveDefinition(*directive));
      } else if (auto* type = def->as<ast::TypeDefinition>()) {
        append(typeDefinition(*type));
      }
    }
    if (options.include_defer) append(kDeferDefinition);
    if (options.include_stream) append(kStreamDefinition);
    return out;
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  bool isInaccessible(ast::List<const ast::Directive> directives) const {
    if (inaccessible_.empty()) return false;
    for (const ast::Directive* d : directives) {
      if (d->name == inaccessible_) return true;
    }
    return false;
  }

  bool isRemovedType(std::string_view name) const {
    if (links_.isFeatureType(name)) return true;
    const TypeInfo* info = s_.type(name);
    return info != nullptr && info->inaccessible;
  }

  // A kept element that still names a feature's type cannot be part of the API schema.
  void checkReference(const ast::Type* type, const ast::Node& node, const std::string& element) {
    const std::string_view named = type->namedType();
    if (const Link* feature = links_.featureOfType(named)) {
      errors_.push_back(std::string(source_name_) + ":" + std::to_string(node.loc.line) + ":" +
                        std::to_string(node.loc.column) + ": Cannot remove elements of feature " +
                        feature->url.toString() + " as feature type " + std::string(named) +
                        " is referenced by elements: " + element);
    }
  }

  ast::List<const ast::Directive> directives(ast::List<const ast::Directive> list) {
    std::vector<const ast::Directive*> kept;
    for (const ast::Directive* d : list) {
      if (removed_directives_.count(d->name) == 0) kept.push_back(d);
    }
    return arena_.copyList(kept);
  }

  ast::List<const ast::InputValueDefinition> inputValues(
      ast::List<const ast::InputValueDefinition> list, const std::string& parent, bool argument) {
    std::vector<const ast::InputValueDefinition*> kept;
    for (const ast::InputValueDefinition* v : list) {
      if (isInaccessible(v->directives)) continue;
      auto* copy = arena_.make<ast::InputValueDefinition>(*v);
      copy->directives = directives(v->directives);
      checkReference(v->type, *v,
                     argument ? parent + "(" + std::string(v->name) + ":)"
                              : parent + "." + std::string(v->name));
      kept.push_back(copy);
    }
    return arena_.copyList(kept);
  }

  std::string schemaDefinition(const ast::SchemaDefinition& schema) {
    auto* copy = arena_.make<ast::SchemaDefinition>(schema);
    copy->directives = directives(schema.directives);
    if (copy->extension && copy->directives.empty() && copy->operation_types.empty()) return {};
    return graphql::print(*copy);
  }

  std::string directiveDefinition(const ast::DirectiveDefinition& directive) {
    if (removed_directives_.count(directive.name->value) != 0) return {};
    auto* copy = arena_.make<ast::DirectiveDefinition>(directive);
    copy->arguments =
        inputValues(directive.arguments, "@" + std::string(directive.name->value), true);
    return graphql::print(*copy);
  }

  std::string typeDefinition(const ast::TypeDefinition& type) {
    const std::string_view name = type.name->value;
    if (isRemovedType(name)) return {};
    auto* copy = arena_.make<ast::TypeDefinition>(type);
    copy->directives = directives(type.directives);

    std::vector<const ast::Name*> names;
    for (const ast::Name* iface : type.interfaces) {
      if (!isRemovedType(iface->value)) names.push_back(iface);
    }
    copy->interfaces = arena_.copyList(names);
    names.clear();
    for (const ast::Name* member : type.members) {
      if (!isRemovedType(member->value)) names.push_back(member);
    }
    copy->members = arena_.copyList(names);

    std::vector<const ast::FieldDefinition*> fields;
    for (const ast::FieldDefinition* f : type.fields) {
      if (isInaccessible(f->directives)) continue;
      auto* field = arena_.make<ast::FieldDefinition>(*f);
      const std::string coordinate = std::string(name) + "." + std::string(f->name);
      field->arguments = inputValues(f->arguments, coordinate, true);
      field->directives = directives(f->directives);
      checkReference(f->type, *f, coordinate);
      fields.push_back(field);
    }
    copy->fields = arena_.copyList(fields);
    copy->input_fields = inputValues(type.input_fields, std::string(name), false);

    std::vector<const ast::EnumValueDefinition*> values;
    for (const ast::EnumValueDefinition* v : type.values) {
      if (isInaccessible(v->directives)) continue;
      auto* value = arena_.make<ast::EnumValueDefinition>(*v);
      value->directives = directives(v->directives);
      values.push_back(value);
    }
    copy->values = arena_.copyList(values);

    if (copy->extension && copy->directives.empty() && copy->interfaces.empty() &&
        copy->members.empty() && copy->fields.empty() && copy->input_fields.empty() &&
        copy->values.empty()) {
      return {};  // `extend type X` with nothing left would not parse
    }
    return graphql::print(*copy);
  }

  const Supergraph& s_;
  const Links& links_;
  std::string_view source_name_;
  std::string inaccessible_;
  std::unordered_set<std::string_view> removed_directives_;
  std::vector<std::string> errors_;
  Arena arena_;
};

}  // namespace

StatusOr<std::string> apiSchemaSdl(const Supergraph& supergraph, std::string_view source_name,
                                   const ApiSchemaOptions& options) {
  std::vector<std::string> errors = validateInaccessible(supergraph, source_name);
  if (!errors.empty()) return joinErrors(errors);
  ApiPrinter printer(supergraph, source_name);
  std::string sdl = printer.print(options);
  if (!printer.errors().empty()) return joinErrors(printer.errors());
  return sdl;
}

StatusOr<std::shared_ptr<const graphql::Schema>> buildApiSchema(const Supergraph& supergraph,
                                                                std::string_view source_name,
                                                                const ApiSchemaOptions& options) {
  auto sdl = apiSchemaSdl(supergraph, source_name, options);
  if (!sdl.ok()) return sdl.status();
  auto schema =
      graphql::Schema::fromSdl(std::move(*sdl), "API schema of " + std::string(source_name));
  if (!schema.ok()) {
    return Status::error("The supergraph " + std::string(source_name) +
                         " does not give a valid API schema:\n" + schema.status().message());
  }
  return std::move(*schema);
}

}  // namespace plexus::federation
