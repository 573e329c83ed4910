// Fixed facts about Rhai tokens: literal syntax and operator precedence (tokenizer.rs).
#include "src/rhai/lexer.h"

namespace plexus::rhai {

std::string_view tokenSyntax(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEof: return "{EOF}";
    case TokenKind::kInterpolatedString: return "string";
    case TokenKind::kTrue: return "true";
    case TokenKind::kFalse: return "false";
    case TokenKind::kLet: return "let";
    case TokenKind::kConst: return "const";
    case TokenKind::kIf: return "if";
    case TokenKind::kElse: return "else";
    case TokenKind::kSwitch: return "switch";
    case TokenKind::kDo: return "do";
    case TokenKind::kWhile: return "while";
    case TokenKind::kUntil: return "until";
    case TokenKind::kLoop: return "loop";
    case TokenKind::kFor: return "for";
    case TokenKind::kIn: return "in";
    case TokenKind::kNotIn: return "!in";
    case TokenKind::kContinue: return "continue";
    case TokenKind::kBreak: return "break";
    case TokenKind::kReturn: return "return";
    case TokenKind::kThrow: return "throw";
    case TokenKind::kTry: return "try";
    case TokenKind::kCatch: return "catch";
    case TokenKind::kFn: return "fn";
    case TokenKind::kPrivate: return "private";
    case TokenKind::kImport: return "import";
    case TokenKind::kExport: return "export";
    case TokenKind::kAs: return "as";
    case TokenKind::kUnderscore: return "_";
    case TokenKind::kLeftBrace: return "{";
    case TokenKind::kRightBrace: return "}";
    case TokenKind::kLeftParen: return "(";
    case TokenKind::kRightParen: return ")";
    case TokenKind::kUnit: return "()";
    case TokenKind::kLeftBracket: return "[";
    case TokenKind::kRightBracket: return "]";
    case TokenKind::kQuestionBracket: return "?[";
    case TokenKind::kMapStart: return "#{";
    case TokenKind::kSemiColon: return ";";
    case TokenKind::kColon: return ":";
    case TokenKind::kDoubleColon: return "::";
    case TokenKind::kDoubleArrow: return "=>";
    case TokenKind::kComma: return ",";
    case TokenKind::kPeriod: return ".";
    case TokenKind::kElvis: return "?.";
    case TokenKind::kDoubleQuestion: return "??";
    case TokenKind::kExclusiveRange: return "..";
    case TokenKind::kInclusiveRange: return "..=";
    case TokenKind::kEquals: return "=";
    case TokenKind::kPlus:
    case TokenKind::kUnaryPlus: return "+";
    case TokenKind::kMinus:
    case TokenKind::kUnaryMinus: return "-";
    case TokenKind::kMultiply: return "*";
    case TokenKind::kDivide: return "/";
    case TokenKind::kModulo: return "%";
    case TokenKind::kPowerOf: return "**";
    case TokenKind::kLeftShift: return "<<";
    case TokenKind::kRightShift: return ">>";
    case TokenKind::kLessThan: return "<";
    case TokenKind::kGreaterThan: return ">";
    case TokenKind::kLessThanEqualsTo: return "<=";
    case TokenKind::kGreaterThanEqualsTo: return ">=";
    case TokenKind::kEqualsTo: return "==";
    case TokenKind::kNotEqualsTo: return "!=";
    case TokenKind::kBang: return "!";
    case TokenKind::kPipe: return "|";
    case TokenKind::kOr: return "||";
    case TokenKind::kXOr: return "^";
    case TokenKind::kAmpersand: return "&";
    case TokenKind::kAnd: return "&&";
    case TokenKind::kPlusAssign: return "+=";
    case TokenKind::kMinusAssign: return "-=";
    case TokenKind::kMultiplyAssign: return "*=";
    case TokenKind::kDivideAssign: return "/=";
    case TokenKind::kModuloAssign: return "%=";
    case TokenKind::kPowerOfAssign: return "**=";
    case TokenKind::kLeftShiftAssign: return "<<=";
    case TokenKind::kRightShiftAssign: return ">>=";
    case TokenKind::kAndAssign: return "&=";
    case TokenKind::kOrAssign: return "|=";
    case TokenKind::kXOrAssign: return "^=";
    default: return {};
  }
}

int tokenPrecedence(TokenKind kind) {
  switch (kind) {
    case TokenKind::kOr:
    case TokenKind::kXOr:
    case TokenKind::kPipe: return 30;
    case TokenKind::kAnd:
    case TokenKind::kAmpersand: return 60;
    case TokenKind::kEqualsTo:
    case TokenKind::kNotEqualsTo: return 90;
    case TokenKind::kIn:
    case TokenKind::kNotIn: return 110;
    case TokenKind::kLessThan:
    case TokenKind::kLessThanEqualsTo:
    case TokenKind::kGreaterThan:
    case TokenKind::kGreaterThanEqualsTo: return 130;
    case TokenKind::kDoubleQuestion: return 135;
    case TokenKind::kExclusiveRange:
    case TokenKind::kInclusiveRange: return 140;
    case TokenKind::kPlus:
    case TokenKind::kMinus: return 150;
    case TokenKind::kDivide:
    case TokenKind::kMultiply:
    case TokenKind::kModulo: return 180;
    case TokenKind::kPowerOf: return 190;
    case TokenKind::kLeftShift:
    case TokenKind::kRightShift: return 210;
    default: return 0;
  }
}

bool isOpAssignment(TokenKind kind) {
  return kind >= TokenKind::kPlusAssign && kind <= TokenKind::kXOrAssign;
}

}  // namespace plexus::rhai
