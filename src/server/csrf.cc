#include "src/server/csrf.h"

#include <array>
#include <cstddef>

namespace plexus::server {

namespace {

// Apollo's NON_PREFLIGHTED_CONTENT_TYPES: the Fetch spec's CORS-safelisted content-type essences
// (https://fetch.spec.whatwg.org/#cors-safelisted-request-header).
constexpr std::array<std::string_view, 3> kNonPreflightedContentTypes = {
    "application/x-www-form-urlencoded", "multipart/form-data", "text/plain"};

// The http crate's HeaderValue::to_str: visible ASCII, space and tab only.
bool isVisibleAscii(std::string_view text) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c != '\t' && (c < 32 || c >= 127)) return false;
  }
  return true;
}

// tchar (RFC 9110 §5.6.2), the mime crate's TOKEN_MAP.
bool isTokenChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string toLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

// The parameter part of mime 0.3's parse (src/parse.rs, params_from_str), from the ';' at
// `semicolon`: true when it parses. Kept byte for byte, quirks included (a space is allowed only
// right after ';' or after a quoted value; an empty unquoted value only at the end).
//   parameters := *( ";" *SP token "=" ( token | quoted-string *SP ) )
bool parametersParse(std::string_view s, size_t semicolon) {
  const size_t n = s.size();
  size_t start = semicolon + 1;
  size_t i = semicolon + 1;
  while (start < n) {
    // name
    while (true) {
      if (i == n) return false;  // MissingEqual
      auto c = static_cast<unsigned char>(s[i]);
      if (c == ' ' && i == start) {
        start = ++i;
      } else if (isTokenChar(c)) {
        ++i;
      } else if (c == '=' && i > start) {
        start = ++i;
        break;
      } else {
        return false;
      }
    }
    // value: a token, or a quoted string
    bool is_quoted = false;
    while (true) {
      if (i == n) {
        if (is_quoted) return false;  // MissingQuote
        start = n;
        break;
      }
      auto c = static_cast<unsigned char>(s[i]);
      if (is_quoted) {
        if (c == '"' && i > start) {
          ++i;
          break;
        }
        if (c <= 31 || c == 127) return false;
        ++i;
      } else if (c == '"' && i == start) {
        is_quoted = true;
        start = ++i;
      } else if (isTokenChar(c)) {
        ++i;
      } else if (c == ';' && i > start) {
        start = ++i;
        break;
      } else {
        return false;
      }
    }
    if (is_quoted) {
      while (true) {
        if (i == n) {
          start = n;
          break;
        }
        char c = s[i];
        if (c == ';') {
          start = ++i;
          break;
        }
        if (c != ' ') return false;
        ++i;
      }
    }
  }
  return true;
}

// mime 0.3's parse, reduced to what CSRF needs: the lower-cased essence ("type/subtype"), or
// nullopt when the crate would refuse the text.
//   media-type := token "/" *token [ parameters ]      (the subtype may be empty at the end)
std::optional<std::string> mediaTypeEssence(std::string_view s) {
  const size_t n = s.size();
  size_t i = 0;
  while (true) {
    if (i == n) return std::nullopt;  // MissingSlash
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '/' && i > 0) break;
    if (!isTokenChar(c)) return std::nullopt;
    ++i;
  }
  const size_t subtype_start = ++i;
  while (true) {
    if (i == n) return toLower(s);
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ';' && i > subtype_start) break;
    if (!isTokenChar(c)) return std::nullopt;
    ++i;
  }
  if (!parametersParse(s, i)) return std::nullopt;
  return toLower(s.substr(0, i));
}

std::string_view trimSpaceAndTab(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string csrfMessage(const std::vector<std::string>& required_headers) {
  // Apollo's wording (plugins/csrf/mod.rs, Csrf::router_service), byte for byte.
  std::string message =
      "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please "
      "either specify a 'content-type' header (with a mime-type that is not one of ";
  for (size_t k = 0; k < kNonPreflightedContentTypes.size(); ++k) {
    if (k > 0) message += ", ";
    message += kNonPreflightedContentTypes[k];
  }
  message += ") or provide one of the following headers: ";
  for (size_t k = 0; k < required_headers.size(); ++k) {
    if (k > 0) message += ", ";
    message += required_headers[k];
  }
  return message;
}

}  // namespace

bool contentTypeRequiresPreflight(const http::Headers& headers) {
  std::string joined;
  bool first = true;
  for (std::string_view value : headers.getAll("content-type")) {
    if (!isVisibleAscii(value)) return false;  // err on the side of caution
    std::string cleaned(trimSpaceAndTab(value));
    for (char& c : cleaned)
      if (c == '\t') c = ' ';
    if (!first) joined += ", ";
    joined += cleaned;
    first = false;
  }
  std::optional<std::string> essence = mediaTypeEssence(joined);
  if (!essence) return false;
  for (std::string_view simple : kNonPreflightedContentTypes)
    if (*essence == simple) return false;
  return true;
}

bool isPreflighted(const http::Headers& headers, const std::vector<std::string>& required_headers) {
  if (contentTypeRequiresPreflight(headers)) return true;
  for (const std::string& name : required_headers)
    if (headers.contains(name)) return true;
  return false;
}

std::optional<RequestFailure> checkCsrf(const config::CsrfConfig& config,
                                        const http::Request& request) {
  if (config.unsafe_disabled) return std::nullopt;
  if (isPreflighted(request.headers, config.required_headers)) return std::nullopt;
  return RequestFailure::of(400, csrfMessage(config.required_headers), "CSRF_ERROR");
}

}  // namespace plexus::server
