#pragma once
// Row encoding: one row's values as the bytes persist/ stores under
// (storage_id, row_id). A stable format of OmenDB's own:
//
//   byte 0        kRowFormatVersion
//   varint        n, the number of columns encoded (by column number, 0..n)
//   ceil(n/8)     null bitmap (bit i set: column i is NULL)
//   per non-NULL column, in column order, by physical type:
//     kInt64      zig-zag varint
//     kDouble     8 bytes, IEEE 754 bits big-endian
//     kNumeric    varint length + PostgreSQL text form (exact, keeps scale)
//     kString     varint length + bytes
//
// A row encoded with fewer columns than the table has now (columns added
// later) decodes with NULL in the missing columns. Dropped columns keep their
// number, so column numbers never shift.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/types.h"
#include "common/value.h"
#include "common/vector.h"

namespace omen::storage {

inline constexpr uint8_t kRowFormatVersion = 1;

// Appends the encoding of `row` (values of `types`, one per column) to *out.
void EncodeRow(const std::vector<Type>& types, const std::vector<Value>& row, std::string* out);

// Decodes `bytes` as a row of `types`, appending it as one row to `chunk`
// (whose columns are of `types`; chunk->size grows by one). XX001 when the
// bytes are not a row of this format and shape.
Status DecodeRowInto(std::string_view bytes, const std::vector<Type>& types, DataChunk* chunk);

}  // namespace omen::storage
