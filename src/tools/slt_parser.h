#pragma once
// The sqllogictest file format (https://www.sqlite.org/sqllogictest): records
// separated by blank lines.
//
//   statement ok | statement error [SQLSTATE xxxxx | text-or-regex]
//   query <types> [nosort|rowsort|valuesort] [label]
//   hash-threshold N | halt
//   skipif <engine> / onlyif <engine>   (lines before a record)
//   # comment
//
// A query's SQL is followed by "----" and the expected values, one per line,
// or "N values hashing to <md5>". A statement error may also carry "----" and
// an expected message fragment.

#include <string>
#include <string_view>
#include <vector>

namespace omen::tools {

enum class SltRecordKind { kStatementOk, kStatementError, kQuery, kHashThreshold, kHalt, kInvalid };
enum class SltSortMode { kNoSort, kRowSort, kValueSort };

struct SltRecord {
  SltRecordKind kind = SltRecordKind::kInvalid;
  int line = 0;       // 1-based line of the record's first (non-condition) line
  bool skip = false;  // excluded by skipif/onlyif for our engine
  std::string sql;    // statement text (lines joined by '\n')
  // kStatementError: expected SQLSTATE (our extension) and/or message pattern.
  std::string expected_sqlstate;
  std::string error_pattern;
  // kQuery:
  std::string types;  // one letter per column: I, R, T
  SltSortMode sort = SltSortMode::kNoSort;
  std::string label;
  bool has_results = false;           // a "----" line was present
  std::vector<std::string> expected;  // lines after "----"
  // kHashThreshold:
  int hash_threshold = 0;
  // kInvalid: why the record could not be parsed.
  std::string error;
};

// Splits sqllogictest text into records. `engine` is our engine name for
// skipif/onlyif ("postgresql"). Never fails: unparsable records come back as
// kInvalid with `error` set.
std::vector<SltRecord> ParseSlt(std::string_view text, std::string_view engine);

}  // namespace omen::tools
