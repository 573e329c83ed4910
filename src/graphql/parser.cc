// Recursive-descent parser following graphql-js 16's parser.ts rule for rule, so that documents
// are accepted and rejected, and errors worded and placed, as graphql-js does. Each parse
// function starts with its grammar rule. Errors unwind by returning null: the first error wins.
#include "src/graphql/parser.h"

#include <vector>

#include "src/graphql/lexer.h"

namespace plexus::graphql {
namespace {

using namespace ast;  // NOLINT(google-build-using-namespace): the parser speaks the AST

class Parser {
 public:
  Parser(Document& doc, const ParseOptions& options)
      : doc_(doc), arena_(doc.arena), lexer_(doc.source, doc.arena), options_(options) {
    scratch_.reserve(64);
  }

  ParseResult run(std::unique_ptr<Document> owned) {
    advance();
    List<const Definition> definitions = parseDocument();
    if (!error_.empty()) return ParseError{std::move(error_), error_loc_};
    owned->definitions = definitions;
    owned->token_count = token_count_;
    return ParseResult(std::move(owned));
  }

 private:
  // --- token stream ----------------------------------------------------------------------------

  void advance() {
    prev_end_ = token_.end;
    token_ = lexer_.next();
    if (lexer_.failed()) {
      fail(lexer_.errorMessage(), lexer_.errorLocation());
      return;
    }
    if (token_.kind != TokenKind::kEof && ++token_count_ > options_.max_tokens) {
      failAt(token_, "Document contains more than " + std::to_string(options_.max_tokens) +
                         " tokens. Parsing aborted.");
    }
  }

  // Lookahead of one token past the current one, without consuming (graphql-js lookahead()).
  Token peekNext() {
    Lexer copy = lexer_;
    Token t = copy.next();
    if (copy.failed()) fail(copy.errorMessage(), copy.errorLocation());
    return t;
  }

  bool ok() const { return error_.empty(); }

  void fail(std::string message, SourceLocation loc) {
    if (!error_.empty()) return;
    error_ = std::move(message);
    error_loc_ = loc;
    token_.kind = TokenKind::kEof;  // stop every loop
  }
  void failAt(const Token& at, std::string message) {
    fail("Syntax Error: " + std::move(message), at.loc);
  }

  static std::string describe(const Token& t) {
    std::string out(tokenKindDescription(t.kind));
    switch (t.kind) {
      case TokenKind::kName:
      case TokenKind::kInt:
      case TokenKind::kFloat:
      case TokenKind::kString:
      case TokenKind::kBlockString:
        out += " \"";
        out += t.value;
        out += '"';
        break;
      default: break;
    }
    return out;
  }

  void unexpected(const Token& at) { failAt(at, "Unexpected " + describe(at) + "."); }
  void unexpected() { unexpected(token_); }

  bool peek(TokenKind kind) const { return token_.kind == kind; }

  bool expect(TokenKind kind) {
    if (token_.kind == kind) {
      advance();
      return true;
    }
    if (ok()) {
      failAt(token_, "Expected " + std::string(tokenKindDescription(kind)) + ", found " +
                         describe(token_) + ".");
    }
    return false;
  }

  bool expectOptional(TokenKind kind) {
    if (token_.kind != kind) return false;
    advance();
    return true;
  }

  bool isKeyword(std::string_view word) const {
    return token_.kind == TokenKind::kName && token_.value == word;
  }

  bool expectKeyword(std::string_view word) {
    if (isKeyword(word)) {
      advance();
      return true;
    }
    if (ok())
      failAt(token_, "Expected \"" + std::string(word) + "\", found " + describe(token_) + ".");
    return false;
  }

  bool expectOptionalKeyword(std::string_view word) {
    if (!isKeyword(word)) return false;
    advance();
    return true;
  }

  template <typename T>
  T* node(const Token& start) {
    T* n = arena_.make<T>();
    n->kind = T::kKind;
    n->offset = start.start;
    n->loc = start.loc;
    return n;
  }

  // Nesting guard for Apollo's limits.parser_max_recursion.
  struct Depth {
    Parser& p;
    explicit Depth(Parser& parser) : p(parser) {
      if (++p.depth_ > p.options_.max_recursion && p.ok()) {
        p.failAt(p.token_, "Document exceeds the maximum nesting depth of " +
                               std::to_string(p.options_.max_recursion) + ".");
      }
    }
    ~Depth() { --p.depth_; }
  };

  // Lists are collected on one shared scratch stack and copied into the arena when complete.
  template <typename T>
  List<const T> finishList(size_t mark) {
    size_t count = scratch_.size() - mark;
    if (count == 0) return {};
    auto** data = static_cast<const T**>(arena_.allocate(sizeof(T*) * count, alignof(T*)));
    for (size_t i = 0; i < count; ++i) data[i] = static_cast<const T*>(scratch_[mark + i]);
    scratch_.resize(mark);
    return {data, count};
  }

  // graphql-js many(): open, one or more items, close.
  template <typename T, typename Fn>
  List<const T> many(TokenKind open, Fn item, TokenKind close) {
    size_t mark = scratch_.size();
    if (!expect(open)) return {};
    do {
      const T* n = (this->*item)();
      if (!ok()) break;
      scratch_.push_back(n);
    } while (!expectOptional(close) && ok());
    return finishList<T>(mark);
  }

  // graphql-js optionalMany(): nothing, or open, one or more items, close.
  template <typename T, typename Fn>
  List<const T> optionalMany(TokenKind open, Fn item, TokenKind close) {
    if (!peek(open)) return {};
    return many<T>(open, item, close);
  }

  // graphql-js any(): open, zero or more items, close.
  template <typename T, typename Fn>
  List<const T> any(TokenKind open, Fn item, TokenKind close) {
    size_t mark = scratch_.size();
    if (!expect(open)) return {};
    while (ok() && !expectOptional(close)) {
      const T* n = (this->*item)();
      if (!ok()) break;
      scratch_.push_back(n);
    }
    return finishList<T>(mark);
  }

  // graphql-js delimitedMany(): optional leading delimiter, items separated by it.
  List<const Name> delimitedNames(TokenKind delimiter, const Name* (Parser::*item)()) {
    size_t mark = scratch_.size();
    expectOptional(delimiter);
    do {
      const Name* n = (this->*item)();
      if (!ok()) break;
      scratch_.push_back(n);
    } while (expectOptional(delimiter));
    return finishList<Name>(mark);
  }

  // --- documents -------------------------------------------------------------------------------

  // Document : Definition+
  List<const Definition> parseDocument() {
    size_t mark = scratch_.size();
    do {
      const Definition* d = parseDefinition();
      if (!ok()) break;
      scratch_.push_back(d);
    } while (!peek(TokenKind::kEof));
    return finishList<Definition>(mark);
  }

  // Definition : ExecutableDefinition | TypeSystemDefinitionOrExtension
  const Definition* parseDefinition() {
    if (peek(TokenKind::kBraceL)) return parseOperationDefinition();
    const bool has_description = peek(TokenKind::kString) || peek(TokenKind::kBlockString);
    const Token keyword = has_description ? peekNext() : token_;
    if (has_description && keyword.kind == TokenKind::kBraceL) {
      failAt(token_,
             "Unexpected description, descriptions are not supported on shorthand queries.");
      return nullptr;
    }
    if (keyword.kind == TokenKind::kName) {
      std::string_view k = keyword.value;
      if (k == "schema") return parseSchemaDefinition();
      if (k == "scalar") return parseTypeDefinition(TypeKind::kScalar);
      if (k == "type") return parseTypeDefinition(TypeKind::kObject);
      if (k == "interface") return parseTypeDefinition(TypeKind::kInterface);
      if (k == "union") return parseTypeDefinition(TypeKind::kUnion);
      if (k == "enum") return parseTypeDefinition(TypeKind::kEnum);
      if (k == "input") return parseTypeDefinition(TypeKind::kInputObject);
      if (k == "directive") return parseDirectiveDefinition();
      if (k == "query" || k == "mutation" || k == "subscription") return parseOperationDefinition();
      if (k == "fragment") return parseFragmentDefinition();
      if (has_description) {
        failAt(token_, "Unexpected description, only GraphQL definitions support descriptions.");
        return nullptr;
      }
      if (k == "extend") return parseTypeSystemExtension();
    }
    unexpected(keyword);
    return nullptr;
  }

  // OperationDefinition : SelectionSet | OperationType Name? VariableDefinitions? Directives?
  // SelectionSet
  const Definition* parseOperationDefinition() {
    const Token start = token_;
    auto* op = node<OperationDefinition>(start);
    if (peek(TokenKind::kBraceL)) {
      op->shorthand = true;
      op->selection_set = parseSelectionSet();
      return op;
    }
    op->description = parseDescription();
    if (!parseOperationType(op->operation)) return nullptr;
    if (peek(TokenKind::kName)) op->name = parseNameValue();
    op->variables = optionalMany<VariableDefinition>(
        TokenKind::kParenL, &Parser::parseVariableDefinition, TokenKind::kParenR);
    op->directives = parseDirectives(false);
    op->selection_set = parseSelectionSet();
    return op;
  }

  // OperationType : one of query mutation subscription
  bool parseOperationType(OperationType& out) {
    const Token t = token_;
    if (!expect(TokenKind::kName)) return false;
    if (t.value == "query") {
      out = OperationType::kQuery;
    } else if (t.value == "mutation") {
      out = OperationType::kMutation;
    } else if (t.value == "subscription") {
      out = OperationType::kSubscription;
    } else {
      unexpected(t);
      return false;
    }
    return true;
  }

  // VariableDefinition : Variable : Type DefaultValue? Directives[Const]?
  const VariableDefinition* parseVariableDefinition() {
    const Token start = token_;
    auto* def = node<VariableDefinition>(start);
    def->description = parseDescription();
    if (!expect(TokenKind::kDollar)) return nullptr;
    def->name = parseNameValue();
    expect(TokenKind::kColon);
    def->type = parseTypeReference();
    if (expectOptional(TokenKind::kEquals)) def->default_value = parseValue(true);
    def->directives = parseDirectives(true);
    return def;
  }

  // SelectionSet : { Selection+ }
  const SelectionSet* parseSelectionSet() {
    Depth depth(*this);
    auto* set = node<SelectionSet>(token_);
    set->selections =
        many<Selection>(TokenKind::kBraceL, &Parser::parseSelection, TokenKind::kBraceR);
    return set;
  }

  // Selection : Field | FragmentSpread | InlineFragment
  const Selection* parseSelection() {
    return peek(TokenKind::kSpread) ? parseFragment() : parseField();
  }

  // Field : Alias? Name Arguments? Directives? SelectionSet?
  const Selection* parseField() {
    const Token start = token_;
    auto* field = node<Field>(start);
    std::string_view name_or_alias = parseNameValue();
    if (expectOptional(TokenKind::kColon)) {
      field->alias = name_or_alias;
      field->name = parseNameValue();
    } else {
      field->name = name_or_alias;
    }
    field->arguments = parseArguments(false);
    field->directives = parseDirectives(false);
    if (peek(TokenKind::kBraceL)) field->selection_set = parseSelectionSet();
    return field;
  }

  // Arguments[Const] : ( Argument[?Const]+ )
  List<const Argument> parseArguments(bool is_const) {
    return optionalMany<Argument>(TokenKind::kParenL,
                                  is_const ? &Parser::parseConstArgument : &Parser::parseArgument,
                                  TokenKind::kParenR);
  }
  const Argument* parseArgument() { return parseArgumentImpl(false); }
  const Argument* parseConstArgument() { return parseArgumentImpl(true); }

  // Argument[Const] : Name : Value[?Const]
  const Argument* parseArgumentImpl(bool is_const) {
    const Token start = token_;
    auto* arg = node<Argument>(start);
    arg->name = parseNameValue();
    expect(TokenKind::kColon);
    arg->value = parseValue(is_const);
    return arg;
  }

  // FragmentSpread : ... FragmentName Directives?
  // InlineFragment : ... TypeCondition? Directives? SelectionSet
  const Selection* parseFragment() {
    const Token start = token_;
    expect(TokenKind::kSpread);
    const bool has_type_condition = expectOptionalKeyword("on");
    if (!has_type_condition && peek(TokenKind::kName)) {
      auto* spread = node<FragmentSpread>(start);
      spread->name = parseFragmentName();
      spread->directives = parseDirectives(false);
      return spread;
    }
    auto* inline_fragment = node<InlineFragment>(start);
    if (has_type_condition) inline_fragment->type_condition = parseNamedType();
    inline_fragment->directives = parseDirectives(false);
    inline_fragment->selection_set = parseSelectionSet();
    return inline_fragment;
  }

  // FragmentDefinition : fragment FragmentName TypeCondition Directives? SelectionSet
  const Definition* parseFragmentDefinition() {
    const Token start = token_;
    auto* fragment = node<FragmentDefinition>(start);
    fragment->description = parseDescription();
    expectKeyword("fragment");
    fragment->name = parseFragmentName();
    expectKeyword("on");
    fragment->type_condition = parseNamedType();
    fragment->directives = parseDirectives(false);
    fragment->selection_set = parseSelectionSet();
    return fragment;
  }

  // FragmentName : Name but not `on`
  std::string_view parseFragmentName() {
    if (isKeyword("on")) {
      unexpected();
      return {};
    }
    return parseNameValue();
  }

  // --- values ----------------------------------------------------------------------------------

  // Value[Const] : [~Const] Variable | IntValue | FloatValue | StringValue | BooleanValue
  //              | NullValue | EnumValue | ListValue[?Const] | ObjectValue[?Const]
  const Value* parseValue(bool is_const) {
    const Token start = token_;
    auto* value = node<Value>(start);
    switch (token_.kind) {
      case TokenKind::kBracketL: {
        Depth depth(*this);
        value->form = Value::Form::kList;
        value->list = any<Value>(TokenKind::kBracketL,
                                 is_const ? &Parser::parseConstValue : &Parser::parseNonConstValue,
                                 TokenKind::kBracketR);
        return value;
      }
      case TokenKind::kBraceL: {
        Depth depth(*this);
        value->form = Value::Form::kObject;
        value->fields =
            any<ObjectField>(TokenKind::kBraceL,
                             is_const ? &Parser::parseConstObjectField : &Parser::parseObjectField,
                             TokenKind::kBraceR);
        return value;
      }
      case TokenKind::kInt:
        value->form = Value::Form::kInt;
        value->text = token_.value;
        advance();
        return value;
      case TokenKind::kFloat:
        value->form = Value::Form::kFloat;
        value->text = token_.value;
        advance();
        return value;
      case TokenKind::kString:
      case TokenKind::kBlockString:
        value->form = Value::Form::kString;
        value->block = token_.kind == TokenKind::kBlockString;
        value->text = token_.value;
        advance();
        return value;
      case TokenKind::kName:
        if (token_.value == "true" || token_.value == "false") {
          value->form = Value::Form::kBoolean;
          value->boolean = token_.value == "true";
        } else if (token_.value == "null") {
          value->form = Value::Form::kNull;
        } else {
          value->form = Value::Form::kEnum;
          value->text = token_.value;
        }
        advance();
        return value;
      case TokenKind::kDollar:
        if (is_const) {
          advance();
          if (ok() && token_.kind == TokenKind::kName) {
            failAt(start,
                   "Unexpected variable \"$" + std::string(token_.value) + "\" in constant value.");
          } else {
            unexpected(start);
          }
          return nullptr;
        }
        advance();
        value->form = Value::Form::kVariable;
        value->text = parseNameValue();
        return value;
      default: unexpected(); return nullptr;
    }
  }
  const Value* parseConstValue() { return parseValue(true); }
  const Value* parseNonConstValue() { return parseValue(false); }

  // ObjectField[Const] : Name : Value[?Const]
  const ObjectField* parseObjectFieldImpl(bool is_const) {
    const Token start = token_;
    auto* field = node<ObjectField>(start);
    field->name = parseNameValue();
    expect(TokenKind::kColon);
    field->value = parseValue(is_const);
    return field;
  }
  const ObjectField* parseObjectField() { return parseObjectFieldImpl(false); }
  const ObjectField* parseConstObjectField() { return parseObjectFieldImpl(true); }

  // Directives[Const] : Directive[?Const]+
  List<const Directive> parseDirectives(bool is_const) {
    size_t mark = scratch_.size();
    while (ok() && peek(TokenKind::kAt)) {
      const Token start = token_;
      auto* directive = node<Directive>(start);
      advance();
      directive->name = parseNameValue();
      directive->arguments = parseArguments(is_const);
      if (!ok()) break;
      scratch_.push_back(directive);
    }
    return finishList<Directive>(mark);
  }

  // Type : NamedType | ListType | NonNullType
  const Type* parseTypeReference() {
    const Token start = token_;
    Type* type;
    if (expectOptional(TokenKind::kBracketL)) {
      Depth depth(*this);
      type = node<Type>(start);
      type->form = Type::Form::kList;
      type->of = parseTypeReference();
      expect(TokenKind::kBracketR);
    } else {
      type = node<Type>(start);
      type->form = Type::Form::kNamed;
      type->name = parseNameValue();
    }
    if (expectOptional(TokenKind::kBang)) {
      auto* non_null = node<Type>(start);
      non_null->form = Type::Form::kNonNull;
      non_null->of = type;
      return non_null;
    }
    return type;
  }

  // Name : /[_A-Za-z][_0-9A-Za-z]*/
  std::string_view parseNameValue() {
    std::string_view value = token_.value;
    return expect(TokenKind::kName) ? value : std::string_view();
  }

  const Name* parseName() {
    auto* name = node<Name>(token_);
    name->value = parseNameValue();
    return name;
  }

  // NamedType : Name
  const Name* parseNamedType() { return parseName(); }

  // --- type system -----------------------------------------------------------------------------

  // Description : StringValue
  Description parseDescription() {
    Description d;
    if (peek(TokenKind::kString) || peek(TokenKind::kBlockString)) {
      d.present = true;
      d.block = peek(TokenKind::kBlockString);
      d.text = token_.value;
      advance();
    }
    return d;
  }

  // SchemaDefinition : Description? schema Directives[Const]? { RootOperationTypeDefinition+ }
  const Definition* parseSchemaDefinition() {
    const Token start = token_;
    auto* schema = node<SchemaDefinition>(start);
    schema->description = parseDescription();
    expectKeyword("schema");
    schema->directives = parseDirectives(true);
    schema->operation_types = many<OperationTypeDefinition>(
        TokenKind::kBraceL, &Parser::parseOperationTypeDefinition, TokenKind::kBraceR);
    return schema;
  }

  // RootOperationTypeDefinition : OperationType : NamedType
  const OperationTypeDefinition* parseOperationTypeDefinition() {
    const Token start = token_;
    auto* def = node<OperationTypeDefinition>(start);
    if (!parseOperationType(def->operation)) return nullptr;
    expect(TokenKind::kColon);
    def->type = parseNamedType();
    return def;
  }

  // ScalarTypeDefinition, ObjectTypeDefinition, InterfaceTypeDefinition, UnionTypeDefinition,
  // EnumTypeDefinition, InputObjectTypeDefinition : Description? keyword Name ...
  const Definition* parseTypeDefinition(TypeKind kind) {
    const Token start = token_;
    auto* def = node<TypeDefinition>(start);
    def->type_kind = kind;
    def->description = parseDescription();
    expectKeyword(typeKeyword(kind));
    def->name = parseName();
    parseTypeBody(def);
    return def;
  }

  // The part after the name, shared by definitions and extensions.
  void parseTypeBody(TypeDefinition* def) {
    switch (def->type_kind) {
      case TypeKind::kScalar: def->directives = parseDirectives(true); break;
      case TypeKind::kObject:
      case TypeKind::kInterface:
        // ImplementsInterfaces : implements &? NamedType | ImplementsInterfaces & NamedType
        if (expectOptionalKeyword("implements")) {
          def->interfaces = delimitedNames(TokenKind::kAmp, &Parser::parseNamedType);
        }
        def->directives = parseDirectives(true);
        def->fields = optionalMany<FieldDefinition>(
            TokenKind::kBraceL, &Parser::parseFieldDefinition, TokenKind::kBraceR);
        break;
      case TypeKind::kUnion:
        def->directives = parseDirectives(true);
        // UnionMemberTypes : = |? NamedType | UnionMemberTypes | NamedType
        if (expectOptional(TokenKind::kEquals)) {
          def->members = delimitedNames(TokenKind::kPipe, &Parser::parseNamedType);
        }
        break;
      case TypeKind::kEnum:
        def->directives = parseDirectives(true);
        def->values = optionalMany<EnumValueDefinition>(
            TokenKind::kBraceL, &Parser::parseEnumValueDefinition, TokenKind::kBraceR);
        break;
      case TypeKind::kInputObject:
        def->directives = parseDirectives(true);
        def->input_fields = optionalMany<InputValueDefinition>(
            TokenKind::kBraceL, &Parser::parseInputValueDefinition, TokenKind::kBraceR);
        break;
    }
  }

  // FieldDefinition : Description? Name ArgumentsDefinition? : Type Directives[Const]?
  const FieldDefinition* parseFieldDefinition() {
    const Token start = token_;
    auto* field = node<FieldDefinition>(start);
    field->description = parseDescription();
    field->name = parseNameValue();
    field->arguments = parseArgumentDefinitions();
    expect(TokenKind::kColon);
    field->type = parseTypeReference();
    field->directives = parseDirectives(true);
    return field;
  }

  // ArgumentsDefinition : ( InputValueDefinition+ )
  List<const InputValueDefinition> parseArgumentDefinitions() {
    return optionalMany<InputValueDefinition>(
        TokenKind::kParenL, &Parser::parseInputValueDefinition, TokenKind::kParenR);
  }

  // InputValueDefinition : Description? Name : Type DefaultValue? Directives[Const]?
  const InputValueDefinition* parseInputValueDefinition() {
    const Token start = token_;
    auto* def = node<InputValueDefinition>(start);
    def->description = parseDescription();
    def->name = parseNameValue();
    expect(TokenKind::kColon);
    def->type = parseTypeReference();
    if (expectOptional(TokenKind::kEquals)) def->default_value = parseValue(true);
    def->directives = parseDirectives(true);
    return def;
  }

  // EnumValueDefinition : Description? EnumValue Directives[Const]?
  const EnumValueDefinition* parseEnumValueDefinition() {
    const Token start = token_;
    auto* def = node<EnumValueDefinition>(start);
    def->description = parseDescription();
    if (isKeyword("true") || isKeyword("false") || isKeyword("null")) {
      failAt(token_, describe(token_) + " is reserved and cannot be used for an enum value.");
      return nullptr;
    }
    def->name = parseNameValue();
    def->directives = parseDirectives(true);
    return def;
  }

  // DirectiveDefinition :
  //   Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations
  const Definition* parseDirectiveDefinition() {
    const Token start = token_;
    auto* def = node<DirectiveDefinition>(start);
    def->description = parseDescription();
    expectKeyword("directive");
    expect(TokenKind::kAt);
    def->name = parseName();
    def->arguments = parseArgumentDefinitions();
    def->repeatable = expectOptionalKeyword("repeatable");
    expectKeyword("on");
    def->locations = delimitedNames(TokenKind::kPipe, &Parser::parseDirectiveLocation);
    return def;
  }

  // DirectiveLocation : ExecutableDirectiveLocation | TypeSystemDirectiveLocation
  const Name* parseDirectiveLocation() {
    const Token start = token_;
    const Name* name = parseName();
    if (ok() && !isDirectiveLocation(name->value)) {
      unexpected(start);
      return nullptr;
    }
    return name;
  }

  static bool isDirectiveLocation(std::string_view v) {
    for (std::string_view l : directiveLocationNames()) {
      if (l == v) return true;
    }
    return false;
  }

  // TypeSystemExtension : SchemaExtension | TypeExtension
  const Definition* parseTypeSystemExtension() {
    const Token keyword = peekNext();
    if (keyword.kind == TokenKind::kName) {
      std::string_view k = keyword.value;
      if (k == "schema") return parseSchemaExtension();
      static constexpr std::pair<std::string_view, TypeKind> kKinds[] = {
          {"scalar", TypeKind::kScalar},       {"type", TypeKind::kObject},
          {"interface", TypeKind::kInterface}, {"union", TypeKind::kUnion},
          {"enum", TypeKind::kEnum},           {"input", TypeKind::kInputObject}};
      for (auto [word, kind] : kKinds) {
        if (k == word) return parseTypeExtension(kind);
      }
    }
    unexpected(keyword);
    return nullptr;
  }

  // SchemaExtension : extend schema Directives[Const]? { RootOperationTypeDefinition+ }
  //                 | extend schema Directives[Const]
  const Definition* parseSchemaExtension() {
    const Token start = token_;
    auto* schema = node<SchemaDefinition>(start);
    schema->extension = true;
    expectKeyword("extend");
    expectKeyword("schema");
    schema->directives = parseDirectives(true);
    schema->operation_types = optionalMany<OperationTypeDefinition>(
        TokenKind::kBraceL, &Parser::parseOperationTypeDefinition, TokenKind::kBraceR);
    if (ok() && schema->directives.empty() && schema->operation_types.empty()) unexpected();
    return schema;
  }

  // TypeExtension : extend <keyword> Name ... (at least one part present)
  const Definition* parseTypeExtension(TypeKind kind) {
    const Token start = token_;
    auto* def = node<TypeDefinition>(start);
    def->type_kind = kind;
    def->extension = true;
    expectKeyword("extend");
    expectKeyword(typeKeyword(kind));
    def->name = parseName();
    parseTypeBody(def);
    if (ok() && def->interfaces.empty() && def->directives.empty() && def->fields.empty() &&
        def->input_fields.empty() && def->members.empty() && def->values.empty()) {
      unexpected();
    }
    return def;
  }

  Document& doc_;
  Arena& arena_;
  Lexer lexer_;
  const ParseOptions& options_;
  Token token_;
  uint32_t prev_end_ = 0;
  uint32_t token_count_ = 0;
  uint32_t depth_ = 0;
  std::vector<const void*> scratch_;
  std::string error_;
  SourceLocation error_loc_;
};

}  // namespace

std::string ParseError::describe(std::string_view source_name) const {
  std::string out;
  if (!source_name.empty()) {
    out += source_name;
    out += ':';
  }
  out += std::to_string(location.line) + ":" + std::to_string(location.column) + ": " + message;
  return out;
}

ParseResult parse(std::string source, const ParseOptions& options) {
  auto doc = std::make_unique<Document>(std::move(source));
  Parser parser(*doc, options);
  return parser.run(std::move(doc));
}

}  // namespace plexus::graphql
