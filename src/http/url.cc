#include "src/http/url.h"

#include <charconv>

#include "src/http/message.h"

namespace plexus::http {

std::string Url::origin() const {
  std::string out;
  bool v6 = host.find(':') != std::string::npos;
  if (v6) out.push_back('[');
  out.append(host);
  if (v6) out.push_back(']');
  out.push_back(':');
  out.append(std::to_string(port));
  return out;
}

StatusOr<Url> parseUrl(std::string_view text) {
  auto invalid = [&](std::string_view why) {
    return Status::error("invalid URL '" + std::string(text) + "': " + std::string(why));
  };
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return invalid("contains whitespace or a control character");
    }
  }
  size_t colon = text.find("://");
  if (colon == std::string_view::npos) return invalid("missing scheme");
  Url url;
  std::string_view scheme = text.substr(0, colon);
  if (equalsIgnoreCase(scheme, "https")) {
    url.scheme = "https";
    url.port = 443;
  } else if (equalsIgnoreCase(scheme, "http")) {
    url.scheme = "http";
  } else {
    return invalid("scheme must be http or https");
  }

  std::string_view rest = text.substr(colon + 3);
  size_t path_start = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, path_start);
  std::string_view target =
      path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
  target = target.substr(0, target.find('#'));  // fragments never go on the wire
  if (authority.find('@') != std::string_view::npos) return invalid("user-info is not supported");

  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return invalid("unterminated IPv6 literal");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return invalid("junk after IPv6 literal");
      port = after.substr(1);
    }
  } else if (size_t c = authority.rfind(':'); c != std::string_view::npos) {
    host = authority.substr(0, c);
    port = authority.substr(c + 1);
  }
  if (host.empty()) return invalid("empty host");
  url.host = std::string(host);
  if (!port.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return invalid("bad port");
    }
    url.port = static_cast<uint16_t>(value);
  }
  if (target.empty()) {
    url.target = "/";
  } else if (target.front() == '?') {
    url.target = "/" + std::string(target);
  } else {
    url.target = std::string(target);
  }
  return url;
}

}  // namespace plexus::http
