#include "src/http/compression.h"

#include <zlib.h>

#include <algorithm>

#include "src/http/message.h"

namespace plexus::http {
namespace {

constexpr int kGzipWindow = 15 + 16;  // gzip wrapper only
constexpr int kZlibWindow = 15;       // zlib wrapper
constexpr int kRawWindow = -15;       // raw deflate

StatusOr<std::string> inflateAll(std::string_view data, int window_bits, size_t max_bytes) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return Status::error("zlib: cannot initialize");
  std::string out;
  out.resize(std::min<size_t>(max_bytes, std::max<size_t>(data.size() * 4, 1024)));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  size_t produced = 0;
  int rc = Z_OK;
  while (true) {
    if (produced == out.size()) {
      if (out.size() >= max_bytes) {
        inflateEnd(&zs);
        return Status::error("decoded body larger than " + std::to_string(max_bytes) + " bytes");
      }
      out.resize(std::min(max_bytes, out.size() * 2));
    }
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(out.size() - produced);
    rc = inflate(&zs, Z_NO_FLUSH);
    produced = out.size() - zs.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // input ended before the stream did
    if (rc != Z_OK && rc != Z_BUF_ERROR) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    return Status::error(rc == Z_BUF_ERROR || rc == Z_OK ? "compressed body is truncated"
                                                         : "compressed body is corrupt");
  }
  out.resize(produced);
  return out;
}

}  // namespace

bool isSupportedContentCoding(std::string_view coding) {
  return coding.empty() || equalsIgnoreCase(coding, "identity") ||
         equalsIgnoreCase(coding, "gzip") || equalsIgnoreCase(coding, "x-gzip") ||
         equalsIgnoreCase(coding, "deflate");
}

StatusOr<std::string> decodeContent(std::string_view coding, std::string_view data,
                                    size_t max_bytes) {
  if (coding.empty() || equalsIgnoreCase(coding, "identity")) {
    if (data.size() > max_bytes) return Status::error("body larger than the limit");
    return std::string(data);
  }
  if (equalsIgnoreCase(coding, "gzip") || equalsIgnoreCase(coding, "x-gzip")) {
    return inflateAll(data, kGzipWindow, max_bytes);
  }
  if (equalsIgnoreCase(coding, "deflate")) {
    StatusOr<std::string> zlib = inflateAll(data, kZlibWindow, max_bytes);
    if (zlib.ok()) return zlib;
    StatusOr<std::string> raw = inflateAll(data, kRawWindow, max_bytes);
    return raw.ok() ? std::move(raw) : std::move(zlib);
  }
  return Status::error("unsupported content-encoding '" + std::string(coding) + "'");
}

std::string gzipEncode(std::string_view data, int level) {
  z_stream zs{};
  deflateInit2(&zs, level, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace plexus::http
