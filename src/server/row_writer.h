#pragma once
// Result rows on the wire: RowDescription, DataRow (text or binary per
// column), CommandComplete and EmptyQueryResponse.

#include <cstdint>
#include <string>
#include <vector>

#include "omendb/omendb.h"
#include "server/pg_message.h"

namespace omen::server {

// Format code per column from a Bind message's result-format list: none =
// all text, one = all columns, else one per column (08P01 otherwise; 22023
// for a code other than 0 or 1).
Result<std::vector<int16_t>> ResultFormats(const std::vector<int16_t>& codes, size_t columns);

// Appends RowDescription. REQUIRES: names, types and formats of equal size.
void WriteRowDescription(MessageWriter* w, const std::vector<std::string>& names,
                         const std::vector<Type>& types, const std::vector<int16_t>& formats);

// Appends a DataRow for each row in [from, from + count) of `r` (clamped to
// its rows) and returns how many it wrote; flushes as the buffer fills.
// Errors: 0A000 for a binary format the type lacks, 08006 from the stream.
Result<size_t> WriteDataRows(MessageWriter* w, const QueryResult& r, size_t from, size_t count,
                             const std::vector<int16_t>& formats);

void WriteCommandComplete(MessageWriter* w, const std::string& tag);

}  // namespace omen::server
