#include "storage/table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <random>

#include "common/sqlstate.h"
#include "common/type_io.h"
#include "storage/table_index.h"

namespace omen::storage {
namespace {

using internal::CompareValues;

bool SameValue(const Value& a, const Value& b) {
  if (a.is_null || b.is_null) return a.is_null == b.is_null;
  return CompareValues(a.type.physical(), a, b) == 0;
}

bool SameRow(const std::vector<Value>& a, const std::vector<Value>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!SameValue(a[i], b[i])) return false;
  }
  return true;
}

std::vector<Value> Row(int64_t id, int32_t a, std::string s) {
  return {Value::Int64(id), Value::Int32(a), Value::Text(std::move(s))};
}

std::shared_ptr<Table> MakeTable() {
  return std::make_shared<Table>(
      std::vector<Type>{Type(TypeId::kInt64), Type(TypeId::kInt32), Type(TypeId::kText)});
}

std::vector<row_id_t> ScanRows(const Table& t, std::vector<std::vector<Value>>* values = nullptr) {
  std::vector<row_id_t> out;
  std::vector<int> cols;
  for (size_t c = 0; c < t.ColumnCount(); ++c) cols.push_back(static_cast<int>(c));
  EXPECT_TRUE(t.Scan(nullptr, cols, [&](DataChunk& chunk, const std::vector<row_id_t>& rows) {
                 EXPECT_EQ(chunk.size, rows.size());
                 for (size_t i = 0; i < chunk.size; ++i) {
                   out.push_back(rows[i]);
                   if (values != nullptr) values->push_back(chunk.GetRow(i));
                 }
                 return Status::OK();
               }).ok());
  return out;
}

TEST(TableTest, InsertFetchScanDelete) {
  auto t = MakeTable();
  UndoLog undo;
  for (int i = 0; i < 5; ++i) {
    auto r = t->Insert(Row(i, i * 10, "s" + std::to_string(i)), &undo);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, static_cast<row_id_t>(i));
  }
  EXPECT_EQ(t->RowCount(), 5u);
  std::vector<Value> out;
  ASSERT_TRUE(t->Fetch(nullptr, 3, {2, 0}, &out));
  EXPECT_EQ(out[0].s, "s3");
  EXPECT_EQ(out[1].i, 3);
  EXPECT_EQ(out[1].type.id, TypeId::kInt64);
  ASSERT_TRUE(t->Delete(2, &undo).ok());
  EXPECT_FALSE(t->Fetch(nullptr, 2, {0}, &out));
  EXPECT_EQ(*t->Delete(2, &undo), WriteOutcome::kGone);
  EXPECT_EQ(ScanRows(*t), (std::vector<row_id_t>{0, 1, 3, 4}));
  ASSERT_TRUE(t->Update(4, {1}, {Value::Null(Type(TypeId::kInt32))}, &undo).ok());
  ASSERT_TRUE(t->Fetch(nullptr, 4, {1}, &out));
  EXPECT_TRUE(out[0].is_null);
  undo.RollbackTo(0);
  EXPECT_EQ(t->RowCount(), 0u);
  EXPECT_TRUE(ScanRows(*t).empty());
  EXPECT_FALSE(t->Fetch(nullptr, 0, {0}, &out));
}

TEST(TableTest, UniqueViolationMessage) {
  auto t = MakeTable();
  UndoLog undo;
  IndexSpec pk{"t_pkey", {0}, true, {"id"}};
  ASSERT_TRUE(t->CreateIndex(pk, &undo).ok());
  IndexSpec uk{"t_a_s_key", {1, 2}, true, {"a", "s"}};
  ASSERT_TRUE(t->CreateIndex(uk, &undo).ok());
  ASSERT_TRUE(t->Insert(Row(1, 1, "x"), &undo).ok());
  auto r = t->Insert(Row(1, 2, "y"), &undo);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), sqlstate::kUniqueViolation);
  EXPECT_EQ(r.status().message(), "duplicate key value violates unique constraint \"t_pkey\"");
  EXPECT_EQ(r.status().detail(), "Key (id)=(1) already exists.");
  r = t->Insert(Row(2, 1, "x"), &undo);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "duplicate key value violates unique constraint \"t_a_s_key\"");
  EXPECT_EQ(r.status().detail(), "Key (a, s)=(1, x) already exists.");
  EXPECT_EQ(t->RowCount(), 1u);
  // NULL keys never conflict.
  std::vector<Value> null_row = {Value::Null(Type(TypeId::kInt64)), Value::Int32(1),
                                 Value::Null(Type(TypeId::kText))};
  ASSERT_TRUE(t->Insert(null_row, &undo).ok());
  ASSERT_TRUE(t->Insert(null_row, &undo).ok());
  std::vector<row_id_t> rows;
  ASSERT_TRUE(t->IndexLookup(nullptr, 0, {Value::Null(Type(TypeId::kInt64))}, &rows).ok());
  EXPECT_TRUE(rows.empty());
  // Full scans return NULL keys last; bounded scans never.
  ASSERT_TRUE(t->IndexScan(nullptr, 0, KeyRange{}, 0, &rows).ok());
  EXPECT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], 0u);
  rows.clear();
  KeyRange lower;
  lower.lower = {Value::Int64(0)};
  lower.has_lower = true;
  ASSERT_TRUE(t->IndexScan(nullptr, 0, lower, 0, &rows).ok());
  EXPECT_EQ(rows, (std::vector<row_id_t>{0}));
  // Unique violation when building over duplicates.
  ASSERT_TRUE(t->Insert(Row(7, 3, "z"), &undo).ok());
  ASSERT_TRUE(t->Insert(Row(8, 3, "z2"), &undo).ok());
  auto idx = t->CreateIndex(IndexSpec{"t_a_key", {1}, true, {"a"}}, &undo);
  ASSERT_FALSE(idx.ok());
  EXPECT_EQ(idx.status().code(), sqlstate::kUniqueViolation);
  EXPECT_EQ(t->Indexes().size(), 2u);
  // A btree unique index built over duplicates (NULLs are fine).
  auto dup = t->Insert(Row(9, 4, "z"), &undo);
  ASSERT_TRUE(dup.ok());
  auto text_idx = t->CreateIndex(IndexSpec{"t_s_key", {2}, true, {"s"}}, &undo);
  ASSERT_FALSE(text_idx.ok());
  EXPECT_EQ(text_idx.status().detail(), "Key (s)=(z) already exists.");
  ASSERT_TRUE(t->Update(*dup, {2}, {Value::Text("w")}, &undo).ok());
  text_idx = t->CreateIndex(IndexSpec{"t_s_key", {2}, true, {"s"}}, &undo);
  ASSERT_TRUE(text_idx.ok());
  rows.clear();
  ASSERT_TRUE(t->IndexLookup(nullptr, *text_idx, {Value::Text("w")}, &rows).ok());
  EXPECT_EQ(rows.size(), 1u);
  t->DropIndex("t_s_key");
  EXPECT_EQ(t->Indexes().size(), 2u);
  // Rolling everything back drops the indexes too.
  undo.RollbackTo(0);
  EXPECT_TRUE(t->Indexes().empty());
}

TEST(TableTest, AddColumnTruncateAndUndo) {
  auto t = MakeTable();
  UndoLog undo;
  ASSERT_TRUE(t->CreateIndex(IndexSpec{"pk", {0}, true, {"id"}}, &undo).ok());
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(t->Insert(Row(i, i, "v"), &undo).ok());
  undo.Clear();
  ASSERT_TRUE(t->AddColumn(Type(TypeId::kFloat64), Value::Float64(2.5), &undo).ok());
  std::vector<Value> out;
  ASSERT_TRUE(t->Fetch(nullptr, 50, {3}, &out));
  EXPECT_EQ(out[0].d, 2.5);
  ASSERT_TRUE(t->Truncate(&undo).ok());
  EXPECT_EQ(t->RowCount(), 0u);
  std::vector<row_id_t> rows;
  ASSERT_TRUE(t->IndexLookup(nullptr, 0, {Value::Int64(5)}, &rows).ok());
  EXPECT_TRUE(rows.empty());
  undo.RollbackTo(1);  // undo the truncate only
  EXPECT_EQ(t->RowCount(), 100u);
  ASSERT_TRUE(t->IndexLookup(nullptr, 0, {Value::Int64(5)}, &rows).ok());
  EXPECT_EQ(rows, (std::vector<row_id_t>{5}));
  undo.RollbackTo(0);
  EXPECT_EQ(t->ColumnCount(), 3u);
  EXPECT_FALSE(t->Insert(Row(5, 0, ""), &undo).ok());
}

TEST(TableTest, AppendIsAtomic) {
  auto t = MakeTable();
  UndoLog undo;
  ASSERT_TRUE(t->CreateIndex(IndexSpec{"pk", {0}, true, {"id"}}, &undo).ok());
  DataChunk chunk(t->ColumnTypes());
  for (int i = 0; i < 10; ++i) chunk.AppendRow(Row(i, i, "a"));
  ASSERT_TRUE(t->Append(chunk, &undo).ok());
  DataChunk bad(t->ColumnTypes());
  bad.AppendRow(Row(100, 0, "a"));
  bad.AppendRow(Row(3, 0, "a"));
  Status s = t->Append(bad, nullptr);
  EXPECT_EQ(s.code(), sqlstate::kUniqueViolation);
  EXPECT_EQ(t->RowCount(), 10u);
  std::vector<row_id_t> rows;
  ASSERT_TRUE(t->IndexLookup(nullptr, 0, {Value::Int64(100)}, &rows).ok());
  EXPECT_TRUE(rows.empty());
}

TEST(TableTest, ScanSpansRowGroupsWithDeletes) {
  auto t = std::make_shared<Table>(std::vector<Type>{Type(TypeId::kInt64), Type(TypeId::kFloat64)});
  const size_t n = kRowGroupSize * 2 + 100;
  for (size_t i = 0; i < n; ++i) {
    ASSERT_TRUE(
        t->Insert({Value::Int64(static_cast<int64_t>(i)), Value::Float64(0.5)}, nullptr).ok());
  }
  for (size_t i = 0; i < n; i += 3) ASSERT_TRUE(t->Delete(i, nullptr).ok());
  for (size_t i = kRowGroupSize; i < kRowGroupSize + kChunkSize; ++i) {
    (void)t->Delete(i, nullptr);
  }
  int64_t sum = 0, expect = 0;
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i % 3 != 0 && !(i >= kRowGroupSize && i < kRowGroupSize + kChunkSize)) {
      expect += static_cast<int64_t>(i);
      ++count;
    }
  }
  ASSERT_TRUE(t->Scan(nullptr, {0}, [&](DataChunk& chunk, const std::vector<row_id_t>& rows) {
                 for (size_t i = 0; i < chunk.size; ++i) {
                   EXPECT_EQ(static_cast<row_id_t>(chunk.columns[0].i64()[i]), rows[i]);
                   sum += chunk.columns[0].i64()[i];
                 }
                 return Status::OK();
               }).ok());
  EXPECT_EQ(sum, expect);
  EXPECT_EQ(t->RowCount(), count);
  // A sink error stops the scan and is returned.
  int calls = 0;
  Status s = t->Scan(nullptr, {1}, [&](DataChunk&, const std::vector<row_id_t>&) {
    ++calls;
    return Status(sqlstate::kInternalError, "stop");
  });
  EXPECT_EQ(s.message(), "stop");
  EXPECT_EQ(calls, 1);
}

TEST(TableTest, BtreeIntExtremesAndNulls) {
  // INT64_MAX shares the btree's 64-bit prefix with NULL; order must hold.
  auto t = std::make_shared<Table>(std::vector<Type>{Type(TypeId::kInt64), Type(TypeId::kText)});
  ASSERT_TRUE(t->CreateIndex(IndexSpec{"i", {0, 1}, false, {"a", "b"}}, nullptr).ok());
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  auto null = Value::Null(Type(TypeId::kInt64));
  std::vector<std::vector<Value>> rows = {{null, Value::Text("n")},
                                          {Value::Int64(kMax), Value::Text("b")},
                                          {Value::Int64(kMin), Value::Text("x")},
                                          {Value::Int64(kMax), Value::Text("a")},
                                          {null, Value::Text("m")},
                                          {Value::Int64(0), Value::Text("z")}};
  for (auto& r : rows) ASSERT_TRUE(t->Insert(r, nullptr).ok());
  std::vector<row_id_t> out;
  ASSERT_TRUE(t->IndexScan(nullptr, 0, KeyRange{}, 0, &out).ok());
  EXPECT_EQ(out, (std::vector<row_id_t>{2, 5, 3, 1, 4, 0}));
  out.clear();
  ASSERT_TRUE(t->IndexScan(nullptr, 0, KeyRange{}, 0, &out, true).ok());
  EXPECT_EQ(out, (std::vector<row_id_t>{0, 4, 1, 3, 5, 2}));
  out.clear();
  ASSERT_TRUE(t->IndexLookup(nullptr, 0, {Value::Int64(kMax)}, &out).ok());
  EXPECT_EQ(out, (std::vector<row_id_t>{3, 1}));
  out.clear();
  KeyRange ge;
  ge.has_lower = true;
  ge.lower = {Value::Int64(1)};
  ASSERT_TRUE(t->IndexScan(nullptr, 0, ge, 0, &out).ok());
  EXPECT_EQ(out, (std::vector<row_id_t>{3, 1}));
  out.clear();
  ASSERT_TRUE(t->IndexScan(nullptr, 0, ge, 1, &out, true).ok());
  EXPECT_EQ(out, (std::vector<row_id_t>{1}));
  ASSERT_TRUE(t->Delete(3, nullptr).ok());
  ASSERT_TRUE(t->Update(0, {0}, {Value::Int64(kMax)}, nullptr).ok());
  out.clear();
  ASSERT_TRUE(t->IndexLookup(nullptr, 0, {Value::Int64(kMax), Value::Text("n")}, &out).ok());
  EXPECT_EQ(out, (std::vector<row_id_t>{0}));
}

// ---- Differential test against a simple model ----

// Columns: 0 id int8 (unique, learned), 1 a int4 (non-unique btree),
// 2 s text (unique btree), 3 d float8 (non-unique btree), 4 n numeric,
// composite non-unique (a, s).
struct Model {
  std::map<row_id_t, std::vector<Value>> rows;
  size_t columns = 5;
};

class Differential {
 public:
  explicit Differential(uint32_t seed) : rng_(seed) {
    table_ = std::make_shared<Table>(std::vector<Type>{Type(TypeId::kInt64), Type(TypeId::kInt32),
                                                       Type(TypeId::kText), Type(TypeId::kFloat64),
                                                       Type(TypeId::kNumeric)});
    EXPECT_TRUE(table_->CreateIndex(IndexSpec{"pk", {0}, true, {"id"}}, nullptr).ok());
    EXPECT_TRUE(table_->CreateIndex(IndexSpec{"a_idx", {1}, false, {"a"}}, nullptr).ok());
    EXPECT_TRUE(table_->CreateIndex(IndexSpec{"s_key", {2}, true, {"s"}}, nullptr).ok());
    EXPECT_TRUE(table_->CreateIndex(IndexSpec{"d_idx", {3}, false, {"d"}}, nullptr).ok());
    EXPECT_TRUE(table_->CreateIndex(IndexSpec{"as_idx", {1, 2}, false, {"a", "s"}}, nullptr).ok());
    EXPECT_TRUE(table_->CreateIndex(IndexSpec{"n_key", {4}, true, {"n"}}, nullptr).ok());
  }

  int Rand(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  Value RandomValue(int col) {
    if (Rand(8) == 0) {
      const auto& types = table_->ColumnTypes();
      return Value::Null(static_cast<size_t>(col) < types.size() ? types[col]
                                                                 : Type(TypeId::kInt64));
    }
    switch (col) {
      case 0:
        return Value::Int64(Rand(300) - 20);
      case 1:
        return Value::Int32(Rand(10));
      case 2:  // long strings share their first 8 bytes, as do "x" and "x\0"
        switch (Rand(3)) {
          case 0:
            return Value::Text("s" + std::to_string(Rand(400)));
          case 1:
            return Value::Text("common_prefix" + std::to_string(Rand(300)));
          default:
            return Value::Text(std::string(Rand(2) + 1, '\0') + std::to_string(Rand(3)));
        }
      case 3: {
        static const double kSpecial[] = {
            std::nan(""), -0.0, 0.0, 1.5, -2.25, std::numeric_limits<double>::infinity()};
        return Value::Float64(kSpecial[Rand(6)]);
      }
      case 4:
        return Value::FromNumeric(Numeric::FromInt64(Rand(1000)));
      default:
        return Value::Int64(Rand(5));  // added columns
    }
  }

  std::vector<Value> RandomRow() {
    std::vector<Value> row;
    for (size_t c = 0; c < model_.columns; ++c) row.push_back(RandomValue(static_cast<int>(c)));
    return row;
  }

  // Whether `row` (replacing `self`, if any) conflicts with a unique index.
  bool Conflicts(const std::vector<Value>& row, std::optional<row_id_t> self) {
    for (int c : {0, 2, 4}) {
      if (row[c].is_null) continue;
      for (const auto& [id, other] : model_.rows) {
        if (self && id == *self) continue;
        if (SameValue(other[c], row[c])) return true;
      }
    }
    return false;
  }

  void Step() {
    int op = Rand(100);
    if (op < 45) {
      auto row = RandomRow();
      bool conflict = Conflicts(row, std::nullopt);
      auto r = table_->Insert(row, &undo_);
      ASSERT_EQ(r.ok(), !conflict);
      if (r.ok()) {
        ASSERT_EQ(model_.rows.count(*r), 0u);
        model_.rows[*r] = row;
      } else {
        ASSERT_EQ(r.status().code(), sqlstate::kUniqueViolation);
      }
    } else if (op < 50) {
      // A multi-row Append is all or nothing.
      DataChunk chunk(table_->ColumnTypes());
      Model trial = model_;
      bool conflict = false;
      std::vector<std::vector<Value>> added;
      for (int k = 1 + Rand(3); k > 0; --k) {
        auto row = RandomRow();
        std::swap(trial, model_);
        conflict |= Conflicts(row, std::nullopt);
        std::swap(trial, model_);
        trial.rows[(row_id_t{1} << 40) + added.size()] = row;
        chunk.AppendRow(row);
        added.push_back(row);
      }
      Status s = table_->Append(chunk, &undo_);
      ASSERT_EQ(s.ok(), !conflict) << s.ToString();
      if (s.ok()) {
        // Which slot got which row: revived slots (a deleted row's key) are
        // anywhere, so rows are matched by value.
        std::vector<std::vector<Value>> values;
        std::vector<row_id_t> ids = ScanRows(*table_, &values);
        std::vector<bool> used(added.size(), false);
        size_t matched = 0;
        for (size_t i = 0; i < ids.size(); ++i) {
          if (model_.rows.count(ids[i]) != 0) continue;
          for (size_t k = 0; k < added.size(); ++k) {
            if (used[k] || !SameRow(values[i], added[k])) continue;
            used[k] = true;
            model_.rows[ids[i]] = added[k];
            ++matched;
            break;
          }
        }
        ASSERT_EQ(matched, added.size());
      } else {
        ASSERT_EQ(s.code(), sqlstate::kUniqueViolation);
      }
    } else if (op < 65 && !model_.rows.empty()) {
      auto it = RandomLive();
      std::vector<int> cols;
      std::vector<Value> vals;
      auto row = it->second;
      for (size_t c = 0; c < model_.columns; ++c) {
        if (Rand(2) == 0) continue;
        cols.push_back(static_cast<int>(c));
        vals.push_back(RandomValue(static_cast<int>(c)));
        row[c] = vals.back();
      }
      bool conflict = Conflicts(row, it->first);
      Status s = table_->Update(it->first, cols, vals, &undo_).status();
      ASSERT_EQ(s.ok(), !conflict) << s.ToString();
      if (s.ok()) it->second = row;
    } else if (op < 75 && !model_.rows.empty()) {
      auto it = RandomLive();
      ASSERT_TRUE(table_->Delete(it->first, &undo_).ok());
      model_.rows.erase(it);
    } else if (op < 85) {
      savepoints_.push_back({undo_.Position(), model_});
    } else if (op < 91 && !savepoints_.empty()) {
      // Mostly recent savepoints, so the table grows.
      int n = static_cast<int>(savepoints_.size());
      size_t k = static_cast<size_t>(Rand(4) == 0 ? Rand(n) : n - 1 - Rand(std::min(n, 3)));
      undo_.RollbackTo(savepoints_[k].first);
      model_ = savepoints_[k].second;
      savepoints_.resize(k);
    } else if (op < 92 && Rand(3) == 0) {
      ASSERT_TRUE(table_->Truncate(&undo_).ok());
      model_.rows.clear();
    } else if (op < 93 && model_.columns < 7) {
      Value fill = RandomValue(static_cast<int>(model_.columns));
      fill.type = Type(TypeId::kInt64);
      ASSERT_TRUE(table_->AddColumn(Type(TypeId::kInt64), fill, &undo_).ok());
      for (auto& [id, row] : model_.rows) row.push_back(fill);
      ++model_.columns;
    } else if (op < 96) {
      undo_.Clear();
      savepoints_.clear();
      committed_ = model_;
    }
  }

  std::map<row_id_t, std::vector<Value>>::iterator RandomLive() {
    auto it = model_.rows.begin();
    std::advance(it, Rand(static_cast<int>(model_.rows.size())));
    return it;
  }

  void Verify() {
    ASSERT_EQ(table_->RowCount(), model_.rows.size());
    ASSERT_EQ(table_->ColumnCount(), model_.columns);
    std::vector<std::vector<Value>> values;
    auto ids = ScanRows(*table_, &values);
    ASSERT_EQ(ids.size(), model_.rows.size());
    size_t i = 0;
    for (const auto& [id, row] : model_.rows) {
      ASSERT_EQ(ids[i], id);
      ASSERT_TRUE(SameRow(values[i], row)) << "row " << id;
      std::vector<Value> fetched;
      std::vector<int> cols;
      for (size_t c = 0; c < model_.columns; ++c) cols.push_back(static_cast<int>(c));
      ASSERT_TRUE(table_->Fetch(nullptr, id, cols, &fetched));
      ASSERT_TRUE(SameRow(fetched, row));
      ++i;
    }
    VerifyIndexes();
  }

  // The model's answer for an index over `cols`, in key order (row id ties).
  std::vector<row_id_t> Expected(const std::vector<int>& cols, const KeyRange& range, bool desc) {
    std::vector<std::pair<std::vector<Value>, row_id_t>> entries;
    const auto& types = table_->ColumnTypes();
    auto cmp_prefix = [&](const std::vector<Value>& key, const std::vector<Value>& bound) {
      for (size_t k = 0; k < bound.size(); ++k) {
        int c = CompareValues(types[cols[k]].physical(), key[k], bound[k]);
        if (c != 0) return c;
      }
      return 0;
    };
    bool bounded = range.has_lower || range.has_upper;
    for (const auto& [id, row] : model_.rows) {
      std::vector<Value> key;
      for (int c : cols) key.push_back(row[c]);
      if (bounded && key[0].is_null) continue;
      if (range.has_lower) {
        int c = cmp_prefix(key, range.lower);
        if (c < 0 || (c == 0 && !range.lower_inclusive)) continue;
      }
      if (range.has_upper) {
        int c = cmp_prefix(key, range.upper);
        if (c > 0 || (c == 0 && !range.upper_inclusive)) continue;
      }
      entries.emplace_back(key, id);
    }
    std::sort(entries.begin(), entries.end(), [&](const auto& x, const auto& y) {
      for (size_t k = 0; k < cols.size(); ++k) {
        int c = CompareValues(types[cols[k]].physical(), x.first[k], y.first[k]);
        if (c != 0) return c < 0;
      }
      return x.second < y.second;
    });
    std::vector<row_id_t> out;
    for (const auto& e : entries) out.push_back(e.second);
    if (desc) std::reverse(out.begin(), out.end());
    return out;
  }

  void VerifyIndexes() {
    const std::vector<std::vector<int>> index_cols = {{0}, {1}, {2}, {3}, {1, 2}, {4}};
    for (int trial = 0; trial < 6; ++trial) {
      int idx = Rand(6);
      const auto& cols = index_cols[idx];
      // Point lookup on a full key or prefix.
      std::vector<Value> key;
      size_t len = 1 + static_cast<size_t>(Rand(static_cast<int>(cols.size())));
      for (size_t k = 0; k < len; ++k) key.push_back(RandomValue(cols[k]));
      std::vector<row_id_t> got;
      ASSERT_TRUE(table_->IndexLookup(nullptr, idx, key, &got).ok());
      std::vector<row_id_t> want;
      bool has_null = std::any_of(key.begin(), key.end(), [](const Value& v) { return v.is_null; });
      if (!has_null) {
        KeyRange eq;
        eq.lower = eq.upper = key;
        eq.has_lower = eq.has_upper = true;
        want = Expected(cols, eq, false);
      }
      if (idx == 0 || idx == 2 || idx == 5) {
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
      }
      ASSERT_EQ(got, want) << "lookup on index " << idx;
      // Range scan.
      KeyRange range;
      if (Rand(3) != 0) {
        range.has_lower = true;
        range.lower = {RandomValue(cols[0])};
        range.lower_inclusive = Rand(2) == 0;
      }
      if (Rand(3) != 0) {
        range.has_upper = true;
        range.upper = {RandomValue(cols[0])};
        range.upper_inclusive = Rand(2) == 0;
      }
      bool null_bound = (range.has_lower && range.lower[0].is_null) ||
                        (range.has_upper && range.upper[0].is_null);
      bool desc = Rand(2) == 0;
      size_t limit = Rand(3) == 0 ? static_cast<size_t>(Rand(20)) : 0;
      got.clear();
      ASSERT_TRUE(table_->IndexScan(nullptr, idx, range, limit, &got, desc).ok());
      want = null_bound ? std::vector<row_id_t>{} : Expected(cols, range, desc);
      if (limit != 0 && want.size() > limit) want.resize(limit);
      ASSERT_EQ(got, want) << "scan on index " << idx << " desc " << desc << " limit " << limit;
    }
  }

  void Run(int steps) {
    for (int i = 0; i < steps; ++i) {
      Step();
      if (::testing::Test::HasFatalFailure()) return;
      if (i % 7 == 0) {
        Verify();
        if (::testing::Test::HasFatalFailure()) return;
      }
    }
    undo_.RollbackTo(0);
    model_ = committed_;
    Verify();
  }

 private:
  std::mt19937 rng_;
  std::shared_ptr<Table> table_;
  UndoLog undo_;
  Model model_;
  Model committed_;
  std::vector<std::pair<size_t, Model>> savepoints_;
};

TEST(TableTest, DifferentialAgainstModel) {
  for (uint32_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(seed);
    Differential d(seed);
    d.Run(1500);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace omen::storage
