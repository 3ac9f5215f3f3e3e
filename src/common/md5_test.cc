#include "common/md5.h"

#include <gtest/gtest.h>

#include <string>

namespace omen {
namespace {

TEST(Md5Test, KnownDigests) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Md5Hex("The quick brown fox jumps over the lazy dog"),
            "9e107d9d372bb6826bd81d3542a419d6");
  std::string long_input(1000, 'a');
  Md5 incremental;
  for (int i = 0; i < 10; ++i) incremental.Update(std::string(100, 'a'));
  EXPECT_EQ(incremental.HexDigest(), Md5Hex(long_input));
}

}  // namespace
}  // namespace omen
