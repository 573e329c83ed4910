// HeaderMap, Context, Uri, Method, StatusCode and TraceId for scripts (RHAI_API.md §5.4, 5.5, 5.7).
#include <charconv>

#include "src/plugins/rhai/convert.h"
#include "src/plugins/rhai/objects.h"

namespace plexus::plugins::rhai {

using plexus::rhai::Array;

void wrongType(std::string_view what, std::string_view expected, const Value& got) {
  throw HostError{std::string(what) + " must be " + std::string(expected) + ", not " +
                  std::string(got.typeName())};
}

namespace {

const std::string& headerName(const Value& key) {
  if (!key.is(Value::Type::kString)) wrongType("a header name", "a string", key);
  if (!http::isValidHeaderName(key.asString())) throw HostError{"invalid HTTP header name"};
  return key.asString();
}

const std::string& headerValue(const Value& value) {
  if (!value.is(Value::Type::kString)) wrongType("a header value", "a string", value);
  if (!http::isValidHeaderValue(value.asString())) throw HostError{"failed to parse header value"};
  return value.asString();
}

// A `for pair in headers` item: pair.name (() for a repeated name), pair.value, to_string.
class HeaderPairObject final : public HostObject {
 public:
  HeaderPairObject(std::optional<std::string> name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  std::string_view typeName() const override {
    return "(core::option::Option<http::header::name::HeaderName>, "
           "http::header::value::HeaderValue)";
  }
  std::optional<Value> get(std::string_view name) override {
    if (name == "name") return name_ ? Value::string(*name_) : Value();
    if (name == "value") return Value::string(value_);
    return std::nullopt;
  }
  std::string display() const override { return name_.value_or("None") + ": " + value_; }

 private:
  std::optional<std::string> name_;
  std::string value_;
};

}  // namespace

std::shared_ptr<const http::Headers> shareHeaders(http::Headers&& headers) {
  return std::make_shared<http::Headers>(std::move(headers));
}

http::Headers releaseHeaders(std::shared_ptr<const http::Headers>&& shared) {
  if (shared.use_count() != 1) return *shared;
  // Sole owner: every shared storage is created non-const (shareHeaders, mutableHeaders).
  http::Headers out = std::move(const_cast<http::Headers&>(*shared));
  shared.reset();
  return out;
}

std::shared_ptr<HostObject> HeaderMapObject::clone() const {
  return std::make_shared<HeaderMapObject>(headers_);  // shares until either copy changes
}

http::Headers& HeaderMapObject::mutableHeaders() {
  ++version_;
  if (!owned_ || headers_.use_count() > 1) {
    headers_ = std::make_shared<http::Headers>(*headers_);
    owned_ = true;
  }
  return const_cast<http::Headers&>(*headers_);
}

Value headerGet(const http::Headers& headers, const Value& key) {
  std::optional<std::string_view> value = headers.get(headerName(key));
  if (!value) throw HostError{};  // Apollo: a missing header is an error with no message
  return Value::string(std::string(*value));
}

void checkHeaderSet(const Value& key, const Value& value) {
  headerName(key);
  if (!value.is(Value::Type::kArray)) {
    headerValue(value);
    return;
  }
  for (const Value& v : value.asArray()) headerValue(v);
}

void applyHeaderSet(http::Headers& headers, const Value& key, const Value& value) {
  if (value.is(Value::Type::kArray)) {
    for (const Value& v : value.asArray()) headers.add(key.asString(), v.asString());
    return;
  }
  headers.set(key.asString(), value.asString());
}

std::optional<Value> headerQuery(const http::Headers& headers, std::string_view method,
                                 std::span<Value> args) {
  if (args.size() != 1) return std::nullopt;
  if (method == "contains") {
    if (!args[0].is(Value::Type::kString) || !http::isValidHeaderName(args[0].asString()))
      return Value::boolean(false);
    return Value::boolean(headers.contains(args[0].asString()));
  }
  if (method == "values") {
    Array out;
    for (std::string_view v : headers.getAll(headerName(args[0])))
      out.push_back(Value::string(std::string(v)));
    return Value::array(std::move(out));
  }
  return std::nullopt;
}

http::Headers& mutableShared(std::shared_ptr<const http::Headers>& shared) {
  if (shared.use_count() > 1) shared = std::make_shared<http::Headers>(*shared);
  // Sole owner of storage created non-const (shareHeaders, here, HeaderMapObject).
  return const_cast<http::Headers&>(*shared);
}

std::optional<Value> HeaderMapObject::index(const Value& key) { return headerGet(*headers_, key); }

bool HeaderMapObject::setIndex(const Value& key, Value value) {
  checkHeaderSet(key, value);
  applyHeaderSet(mutableHeaders(), key, value);
  return true;
}

std::optional<Value> HeaderMapObject::call(std::string_view name, std::span<Value> args,
                                           CallContext&) {
  if (name == "remove" && args.size() == 1) {
    const std::string& header = headerName(args[0]);
    std::optional<std::string_view> first = headers_->get(header);
    if (!first) throw HostError{};
    Value removed = Value::string(std::string(*first));
    mutableHeaders().remove(header);
    return removed;
  }
  return headerQuery(*headers_, name, args);
}

std::optional<Array> HeaderMapObject::items() {
  Array out;
  std::string previous;
  for (const auto& [name, value] : *headers_) {
    bool repeated = name == previous;
    previous = name;
    out.push_back(Value::host(std::make_shared<HeaderPairObject>(
        repeated ? std::nullopt : std::optional<std::string>(name), value)));
  }
  return out;
}

std::string HeaderMapObject::display() const {
  std::string out;
  for (const auto& [name, value] : *headers_) out += name + ": " + value + "\n";
  return out;
}

std::optional<Value> contextIndex(const Context& context, const Value& key) {
  if (!key.is(Value::Type::kString)) return std::nullopt;
  std::optional<json::Value> value = context.get(key.asString());
  return value ? fromJson(*value) : Value();
}

bool contextSetIndex(Context& context, const Value& key, const Value& value) {
  if (!key.is(Value::Type::kString)) return false;
  context.insert(key.asString(), toJson(value));
  return true;
}

std::optional<Value> ContextObject::index(const Value& key) { return contextIndex(context, key); }

bool ContextObject::setIndex(const Value& key, Value value) {
  return contextSetIndex(context, key, value);
}

std::optional<Value> ContextObject::call(std::string_view name, std::span<Value> args,
                                         CallContext& script) {
  if (name == "contains" && args.size() == 1 && args[0].is(Value::Type::kString))
    return Value::boolean(context.contains(args[0].asString()));
  if (name == "upsert" && args.size() == 2 && args[0].is(Value::Type::kString)) {
    // The callback runs outside the context's lock (a script may read the context in it, which
    // deadlocks Apollo's DashMap); the result is stored only if the value did not change
    // meanwhile, else the callback runs again on the newer value.
    const std::string& key = args[0].asString();
    context.upsert(key, json::Value(), [](json::Value&) {});  // Apollo inserts the default first
    for (int attempt = 0; attempt < 100; ++attempt) {
      json::Value current = context.get(key).value_or(json::Value());
      Value updated;
      try {
        updated = script.callFn(args[1], {fromJson(current)});
      } catch (...) {
        return Value();  // Apollo keeps the old value when the callback fails
      }
      json::Value next = toJson(updated);
      bool stored = false;
      context.upsert(key, [&](json::Value& v) {
        if (v == current) {
          v = std::move(next);
          stored = true;
        }
      });
      if (stored) break;
    }
    return Value();
  }
  return std::nullopt;
}

std::string ContextObject::display() const {
  std::string out = "Context { id: " + context.id() + ", entries: {";
  bool first = true;
  for (const auto& [k, v] : context.entries()) {
    out += (first ? "" : ", ") + std::string("\"") + k + "\": " + json::serialize(v);
    first = false;
  }
  return out + "} }";
}

UriObject::UriObject(std::string_view text) {
  size_t scheme_end = text.find("://");
  if (scheme_end != std::string_view::npos && text.find('/') > scheme_end) {
    scheme = std::string(text.substr(0, scheme_end));
    text.remove_prefix(scheme_end + 3);
    size_t authority_end = text.find_first_of("/?");
    std::string_view authority = text.substr(0, authority_end);
    text =
        authority_end == std::string_view::npos ? std::string_view() : text.substr(authority_end);
    if (size_t at = authority.rfind('@'); at != std::string_view::npos)
      authority.remove_prefix(at + 1);
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
      int64_t p = 0;
      std::string_view digits = authority.substr(colon + 1);
      if (std::from_chars(digits.data(), digits.data() + digits.size(), p).ec == std::errc())
        port = p;
      authority = authority.substr(0, colon);
    }
    host = std::string(authority);
  }
  size_t q = text.find('?');
  path = std::string(text.substr(0, q));
  if (q != std::string_view::npos) query = std::string(text.substr(q + 1));
  if (path.empty() && (scheme || !query)) path = "/";
}

std::shared_ptr<HostObject> UriObject::clone() const { return std::make_shared<UriObject>(*this); }

std::optional<Value> UriObject::get(std::string_view name) {
  if (name == "scheme") return scheme ? Value::string(*scheme) : Value();
  if (name == "host") return host ? Value::string(*host) : Value();
  if (name == "port") return port ? Value::integer(*port) : Value();
  if (name == "path") return Value::string(path);
  return std::nullopt;
}

bool UriObject::set(std::string_view name, Value& value) {
  if (name == "port") {
    if (!value.is(Value::Type::kInt)) wrongType("uri.port", "an integer", value);
    if (!host) throw HostError{"invalid URI; unable to set port"};
    if (value.asInt() < 0 || value.asInt() > 65535) throw HostError{"invalid port"};
    port = value.asInt();
    return true;
  }
  if (name != "scheme" && name != "host" && name != "path") return false;
  if (!value.is(Value::Type::kString)) wrongType("uri." + std::string(name), "a string", value);
  const std::string& text = value.asString();
  if (text.find_first_of(" \t\r\n") != std::string::npos) throw HostError{"invalid uri character"};
  if (name == "scheme") {
    scheme = text;
    if (!host) host = "";
  } else if (name == "host") {
    host = text;
    if (!scheme) scheme = "http";
  } else {
    path = text.empty() || text.front() != '/' ? "/" + text : text;
  }
  return true;
}

std::string UriObject::display() const {
  std::string out;
  if (scheme) out += *scheme + "://" + host.value_or("");
  if (port) out += ":" + std::to_string(*port);
  return out + pathAndQuery();
}

std::optional<bool> MethodObject::equals(const Value& other) const {
  if (other.is(Value::Type::kString)) return http::equalsIgnoreCase(method, other.asString());
  if (const auto* m = hostAs<MethodObject>(other)) return m->method == method;
  return std::nullopt;
}

std::optional<bool> StatusCodeObject::equals(const Value& other) const {
  if (const auto* s = hostAs<StatusCodeObject>(other)) return s->code == code;
  return std::nullopt;
}

std::optional<bool> TraceIdObject::equals(const Value& other) const {
  if (const auto* t = hostAs<TraceIdObject>(other)) return t->hex == hex;
  return std::nullopt;
}

}  // namespace plexus::plugins::rhai
