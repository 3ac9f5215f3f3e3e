#pragma once
// How sqllogictest turns a result set into the strings it compares, following
// the sqllogictest C runner (slt_sqlite.c): per column type letter
//   I: the integer value ("%lld"; floats and numerics truncate toward zero,
//      booleans are 1/0, text converts its leading number or 0),
//   R: "%.3f" of the value as a double,
//   T: the text, "(empty)" for an empty string, bytes outside ' '..'~' as '@'.
// NULL is "NULL" in every column. Rows are then sorted (rowsort: whole rows,
// column by column with strcmp; valuesort: all values), and a result with more
// values than the hash threshold is compared as "N values hashing to <md5>"
// where the md5 is over each value followed by "\n".

#include <optional>
#include <string>
#include <vector>

#include "common/types.h"
#include "tools/slt_parser.h"

namespace omen::tools {

// One column value as the engine returned it: PostgreSQL text, or nullopt for NULL.
using SltCell = std::optional<std::string>;

// Formats one value for the column type letter `letter`; `type` is the
// column's SQL type (what the text is the output of).
std::string FormatSltValue(char letter, TypeId type, const SltCell& cell);

// The formatted, sorted values of a result, row-major.
// REQUIRES: every row has letters.size() cells and types has letters.size() entries.
std::vector<std::string> FormatSltResult(const std::string& letters,
                                         const std::vector<TypeId>& types,
                                         const std::vector<std::vector<SltCell>>& rows,
                                         SltSortMode sort);

// "N values hashing to <md5>" for formatted values.
std::string HashSltValues(const std::vector<std::string>& values);

// Whether `expected` (the lines after "----") matches `values`, the result
// having `column_count` columns. Accepts one value per line, one row per line
// (values separated by tabs or single spaces), or a hash line; when the
// values outnumber `hash_threshold` (> 0) the hash form is compared.
bool SltResultMatches(const std::vector<std::string>& expected,
                      const std::vector<std::string>& values, size_t column_count,
                      int hash_threshold);

}  // namespace omen::tools
