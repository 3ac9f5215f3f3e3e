#pragma once
// COPY FROM / COPY TO in PostgreSQL 15's text and CSV formats. The data
// source and sink are abstract (CopySource / CopySink) so the embedded API,
// server-side files and the wire protocol's CopyData share this code.
// Rows read are inserted in batches through the bound INSERT plan (defaults,
// NOT NULL, CHECK, unique indexes as INSERT); the caller makes the whole
// COPY one statement (undo position, implicit transaction).

#include <cstdint>

#include "common/status.h"
#include "execution/executor.h"
#include "omendb/omendb.h"
#include "sql/bound_statement.h"

namespace omen {

// Where a COPY reads or writes when it names no file. Either may be null:
// COPY FROM STDIN without a source fails with 0A000.
struct CopyIo {
  const CopySource* source = nullptr;
  const CopySink* sink = nullptr;
};

// Runs a bound COPY; returns the number of rows copied. Errors as
// PostgreSQL: 22P04 missing/extra data, 22P02 etc. from the input functions
// with detail 'COPY t, line N, column c: "text"', 58P01 missing file.
Result<uint64_t> RunCopy(const sql::CopyInfo& copy, execution::ExecutionContext& ctx,
                         const CopyIo& io);

}  // namespace omen
