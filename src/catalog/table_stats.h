#pragma once
// TableStats: what ANALYZE learned about a table's rows, for the planner's
// estimates. Immutable once built; carried by catalog::TableDef (so it is
// versioned with the catalog: a rolled-back ANALYZE leaves the old stats).
//
// Invariants:
// 1. columns is indexed by column id (dropped columns included, all NULL).
// 2. 0 <= null_frac <= 1; 0 <= n_distinct <= row_count * (1 - null_frac).
// 3. has_range implies min <= max (CompareValues order), both non-NULL.
// 4. mcv_values[i] has frequency mcv_freqs[i] (fraction of all rows),
//    most common first.

#include <cstdint>
#include <vector>

#include "common/value.h"

namespace omen::catalog {

struct ColumnStats {
  double null_frac = 0;
  double n_distinct = 0;  // distinct non-NULL values (an estimate on large tables)
  bool has_range = false;
  Value min, max;
  std::vector<Value> mcv_values;
  std::vector<double> mcv_freqs;
};

struct TableStats {
  uint64_t row_count = 0;     // live rows when analyzed
  uint64_t sampled_rows = 0;  // rows read (== row_count for small tables)
  std::vector<ColumnStats> columns;
};

}  // namespace omen::catalog
