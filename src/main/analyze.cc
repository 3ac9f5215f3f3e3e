// ANALYZE: per-table statistics for the planner (catalog/table_stats.h).
//
// Small tables are read whole and their statistics are exact. Larger ones
// are sampled: a reservoir of kSampleRows rows (PostgreSQL's 300 *
// default_statistics_target), a fixed seed so plans are reproducible, and
// the number of distinct values estimated with the Duj1 estimator
// PostgreSQL's ANALYZE uses: n*d / (n - f1 + f1*n/N).

#include <algorithm>
#include <random>

#include "execution/value_compare.h"
#include "main/ddl_internal.h"

namespace omen::ddl {

namespace {

inline constexpr size_t kSampleRows = 30000;
inline constexpr size_t kMaxMcv = 10;

// Reservoir sample (all rows when the table has at most kSampleRows).
Result<std::vector<std::vector<Value>>> SampleRows(const storage::Table& table) {
  std::vector<int> columns(table.ColumnCount());
  for (size_t c = 0; c < columns.size(); ++c) columns[c] = static_cast<int>(c);
  std::vector<std::vector<Value>> sample;
  std::mt19937_64 rng(42);
  uint64_t seen = 0;
  Status s = table.Scan(nullptr, columns, [&](DataChunk& chunk, const std::vector<storage::row_id_t>&) {
    for (size_t r = 0; r < chunk.size; ++r, ++seen) {
      size_t slot = sample.size();
      if (sample.size() >= kSampleRows) {
        slot = std::uniform_int_distribution<uint64_t>(0, seen)(rng);
        if (slot >= kSampleRows) continue;
      }
      std::vector<Value> row(chunk.ColumnCount());
      for (size_t c = 0; c < row.size(); ++c) row[c] = chunk.columns[c].GetValue(r);
      if (slot == sample.size()) {
        sample.push_back(std::move(row));
      } else {
        sample[slot] = std::move(row);
      }
    }
    return Status::OK();
  });
  OMEN_RETURN_IF_ERROR(s);
  return sample;
}

// Statistics of column `c` of `sample`, a sample of `total` rows.
catalog::ColumnStats ColumnStatsOf(const std::vector<std::vector<Value>>& sample, size_t c,
                                   uint64_t total) {
  catalog::ColumnStats out;
  std::vector<Value> values;
  for (const auto& row : sample) {
    if (!row[c].is_null) values.push_back(row[c]);
  }
  double n_rows = static_cast<double>(sample.size());
  if (sample.empty()) return out;
  out.null_frac = 1.0 - static_cast<double>(values.size()) / n_rows;
  if (values.empty()) return out;
  std::sort(values.begin(), values.end(), [](const Value& a, const Value& b) {
    return execution::CompareValues(a, b) < 0;
  });
  out.has_range = true;
  out.min = values.front();
  out.max = values.back();
  // Runs of equal values: distinct count, singletons (f1) and the MCVs.
  std::vector<std::pair<size_t, size_t>> runs;  // (count, start)
  size_t f1 = 0;
  for (size_t i = 0; i < values.size();) {
    size_t j = i + 1;
    while (j < values.size() && execution::CompareValues(values[i], values[j]) == 0) ++j;
    runs.emplace_back(j - i, i);
    f1 += j - i == 1 ? 1 : 0;
    i = j;
  }
  double n = static_cast<double>(values.size());
  double d = static_cast<double>(runs.size());
  double big_n = static_cast<double>(total) * (1.0 - out.null_frac);
  if (sample.size() >= total || n >= big_n) {
    out.n_distinct = d;
  } else if (f1 == values.size()) {
    out.n_distinct = big_n;  // every sampled value unique: assume a key
  } else {
    double f = static_cast<double>(f1);
    out.n_distinct = std::clamp(n * d / (n - f + f * n / big_n), d, big_n);
  }
  // MCVs: values more common than average (PostgreSQL keeps those at least
  // 25% above the mean frequency), only when some value repeats.
  std::stable_sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) {
    return a.first > b.first;
  });
  double average = n / d;
  for (const auto& [count, start] : runs) {
    if (out.mcv_values.size() >= kMaxMcv || count < 2) break;
    if (static_cast<double>(count) < 1.25 * average && runs.size() > kMaxMcv) break;
    out.mcv_values.push_back(values[start]);
    out.mcv_freqs.push_back(static_cast<double>(count) / n_rows);
  }
  return out;
}

Status AnalyzeTable(const catalog::TableDef& def, catalog::Catalog* catalog) {
  if (def.is_view || def.data == nullptr) return Status::OK();
  auto stats = std::make_shared<catalog::TableStats>();
  stats->row_count = def.data->RowCount();
  OMEN_ASSIGN_OR_RETURN(auto sample, SampleRows(*def.data));
  stats->sampled_rows = sample.size();
  for (size_t c = 0; c < def.data->ColumnCount(); ++c) {
    stats->columns.push_back(ColumnStatsOf(sample, c, stats->row_count));
  }
  auto copy = std::make_shared<catalog::TableDef>(def);
  copy->stats = std::move(stats);
  return catalog->ReplaceTable(std::move(copy));
}

}  // namespace

Status Analyze(const sql::BoundStatement& stmt, catalog::Catalog* catalog) {
  std::vector<std::shared_ptr<const catalog::TableDef>> targets;
  if (stmt.analyze_tables.empty()) {
    for (const auto& [name, def] : catalog->tables()) targets.push_back(def);
  } else {
    // Bound against the statement's catalog; this one may be newer.
    for (const auto& bound : stmt.analyze_tables) {
      auto def = catalog->FindTable(bound->schema, bound->name, {});
      if (def != nullptr) targets.push_back(std::move(def));
    }
  }
  for (const auto& def : targets) OMEN_RETURN_IF_ERROR(AnalyzeTable(*def, catalog));
  return Status::OK();
}

}  // namespace omen::ddl
