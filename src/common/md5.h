#pragma once
// MD5 (RFC 1321): PostgreSQL's md5(text) and sqllogictest result hashing.
// Not for security.

#include <cstdint>
#include <string>
#include <string_view>

namespace omen {

class Md5 {
 public:
  Md5();
  // Feeds more bytes.
  void Update(std::string_view data);
  // The digest as 32 lowercase hex digits. Call once; the object is spent.
  std::string HexDigest();

 private:
  void Transform(const uint8_t block[64]);

  uint32_t state_[4];
  uint64_t length_ = 0;  // bytes fed so far
  uint8_t buffer_[64];
  size_t buffered_ = 0;
};

// MD5 of `data` as 32 lowercase hex digits.
std::string Md5Hex(std::string_view data);

}  // namespace omen
