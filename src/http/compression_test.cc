#include "src/http/compression.h"

#include <zlib.h>

#include <gtest/gtest.h>

namespace plexus::http {
namespace {

std::string zlibCompress(std::string_view data, int window_bits) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(CompressionTest, GzipRoundTripsLargeBodies) {
  std::string body;
  for (int i = 0; i < 20000; ++i) body += "{\"id\":" + std::to_string(i) + "},";
  std::string packed = gzipEncode(body);
  EXPECT_LT(packed.size(), body.size() / 4);
  StatusOr<std::string> back = decodeContent("GZIP", packed, 1 << 30);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, body);
}

TEST(CompressionTest, DeflateAcceptsZlibAndRawStreams) {
  std::string body = "hello hello hello";
  for (int window : {15, -15}) {
    StatusOr<std::string> back = decodeContent("deflate", zlibCompress(body, window), 1000);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, body);
  }
}

TEST(CompressionTest, RejectsTruncatedAndCorruptData) {
  std::string packed = gzipEncode(std::string(1000, 'x') + "tail");
  StatusOr<std::string> cut = decodeContent("gzip", packed.substr(0, packed.size() - 6), 1 << 20);
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("truncated"), std::string::npos);
  EXPECT_FALSE(decodeContent("gzip", "definitely not gzip", 1 << 20).ok());
}

TEST(CompressionTest, StopsZipBombsAtTheLimit) {
  std::string packed = gzipEncode(std::string(10'000'000, '\0'));
  StatusOr<std::string> out = decodeContent("gzip", packed, 1'000'000);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("larger than"), std::string::npos);
}

TEST(CompressionTest, IdentityPassesThroughAndUnknownCodingsFail) {
  EXPECT_EQ(*decodeContent("identity", "abc", 10), "abc");
  EXPECT_EQ(*decodeContent("", "abc", 10), "abc");
  EXPECT_FALSE(decodeContent("br", "abc", 10).ok());
  EXPECT_FALSE(isSupportedContentCoding("br"));
  EXPECT_TRUE(isSupportedContentCoding("x-gzip"));
}

}  // namespace
}  // namespace plexus::http
