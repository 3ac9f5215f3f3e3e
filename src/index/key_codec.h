#pragma once
// KeyCodec<K>: maps a key order-preservingly to uint64_t and back.
// int64_t: flip the sign bit. uint64_t: identity. double: PostgreSQL's float8
// order — -0.0 equals 0.0 and NaN (every NaN, one key) is larger than
// +infinity; encoding canonicalises both, so Decode(Encode(-0.0)) is 0.0.

#include <bit>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace omen::index_internal {

template <typename K>
struct KeyCodec;

template <>
struct KeyCodec<int64_t> {
  static uint64_t Encode(int64_t k) { return static_cast<uint64_t>(k) ^ (uint64_t{1} << 63); }
  static int64_t Decode(uint64_t e) { return static_cast<int64_t>(e ^ (uint64_t{1} << 63)); }
};

template <>
struct KeyCodec<uint64_t> {
  static uint64_t Encode(uint64_t k) { return k; }
  static uint64_t Decode(uint64_t e) { return e; }
};

template <>
struct KeyCodec<double> {
  static uint64_t Encode(double k) {
    if (k != k) k = std::numeric_limits<double>::quiet_NaN();
    if (k == 0.0) k = 0.0;  // -0.0 == 0.0
    uint64_t bits = std::bit_cast<uint64_t>(k);
    // Negative: invert all bits (larger magnitude sorts first). Positive: set the sign bit.
    return (bits >> 63) ? ~bits : (bits | (uint64_t{1} << 63));
  }
  static double Decode(uint64_t e) {
    uint64_t bits = (e >> 63) ? (e & ~(uint64_t{1} << 63)) : ~e;
    return std::bit_cast<double>(bits);
  }
};

}  // namespace omen::index_internal
