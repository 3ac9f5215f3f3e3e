#pragma once
// The key layout of OmenDB's RocksDB database. persist/ stores bytes it does
// not interpret; these helpers only build and parse keys.
//
//   0x01 'v'                         format version (4 bytes, big-endian)
//   0x01 'n'                         next storage_id (8 bytes, big-endian)
//   0x02 0x00                        catalog header (schemas, roles, next OID)
//   0x02 0x01 oid(4, BE)             one table or view definition
//   0x03 oid(4, BE)                  one sequence's state
//   0x10 storage_id(8, BE) row_id(8, BE)   one row
//
// Big-endian numbers make RocksDB's bytewise order the numeric order, so a
// table's rows are one contiguous range scanned in row-id order.

#include <cstdint>
#include <string>
#include <string_view>

namespace omen::persist {

inline constexpr uint32_t kFormatVersion = 1;

inline void AppendBigEndian(std::string* out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

inline uint64_t ReadBigEndian(std::string_view in, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i)
    v = (v << 8) | static_cast<uint8_t>(in[pos + static_cast<size_t>(i)]);
  return v;
}

inline std::string FormatVersionKey() { return std::string("\x01v", 2); }
inline std::string NextStorageIdKey() { return std::string("\x01n", 2); }
inline std::string CatalogHeaderKey() { return std::string("\x02\x00", 2); }
inline std::string CatalogTablePrefix() { return std::string("\x02\x01", 2); }
inline std::string CatalogTableKey(uint32_t oid) {
  std::string k = CatalogTablePrefix();
  AppendBigEndian(&k, oid, 4);
  return k;
}
inline std::string SequencePrefix() { return std::string("\x03", 1); }
inline std::string SequenceKey(uint32_t oid) {
  std::string k = SequencePrefix();
  AppendBigEndian(&k, oid, 4);
  return k;
}
// Every row of storage_id sorts in [RowPrefix(id), RowPrefix(id + 1)).
inline std::string RowPrefix(uint64_t storage_id) {
  std::string k("\x10", 1);
  AppendBigEndian(&k, storage_id, 8);
  return k;
}
inline std::string RowKey(uint64_t storage_id, uint64_t row_id) {
  std::string k = RowPrefix(storage_id);
  AppendBigEndian(&k, row_id, 8);
  return k;
}
// The row id of a row key (17 bytes).
inline uint64_t RowIdOfKey(std::string_view key) { return ReadBigEndian(key, 9, 8); }

}  // namespace omen::persist
