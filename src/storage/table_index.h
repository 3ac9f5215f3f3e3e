#pragma once
// TableIndex: one index of a storage::Table (private to storage/).
// A unique single-column index on an integer-like column (int2/int4/int8,
// date, timestamp[tz]) keeps its non-NULL keys in a LearnedIndex and the row
// ids of NULL keys in a side set. Every other index is an absl::btree_set of
// (prefix, row id) ordered by the rows' key values as PostgreSQL orders each
// type (NaN largest, Numeric::Compare, byte-order strings, NULL last), then by
// row id. The btree holds no key copies: `prefix` is an order-preserving
// 64-bit image of the first key column (a < b implies prefix(a) <= prefix(b)),
// which settles most comparisons; ties read the key columns from the table
// through a KeySource.
// Invariants:
// 1. The index holds exactly one entry per live row of the table.
// 2. A row's key columns change only while the row is out of the index
//    (callers Erase, change the values, then Insert), so the btree's order
//    never changes under it.
// 3. NULL keys never conflict and are never found by Lookup.

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/container/btree_set.h"
#include "common/status.h"
#include "common/types.h"
#include "common/value.h"
#include "index/learned_index.h"
#include "storage/table.h"

namespace omen::storage::internal {

// Three-way comparison of two values of physical type `p`; NULL sorts last.
int CompareValues(PhysicalType p, const Value& a, const Value& b);
// Three-way comparisons of non-NULL data, as PostgreSQL orders the types.
int CompareDoubles(double a, double b);  // NaN largest, -0 == 0
int CompareNumerics(const Numeric& a, const Numeric& b);
int CompareStrings(const std::string& a, const std::string& b);  // byte order
template <typename T>
int CompareInts(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// The order-preserving 64-bit prefix of a first key column value.
inline constexpr uint64_t kNullPrefix = ~uint64_t{0};
uint64_t IntPrefix(int64_t v);
uint64_t DoublePrefix(double v);
uint64_t StringPrefix(const std::string& v);   // the first 8 bytes, big-endian
inline uint64_t NumericPrefix() { return 0; }  // numerics always compare in full
uint64_t ValuePrefix(PhysicalType p, const Value& v);

// Read access to the table's stored key columns, for the btree's comparator.
class KeySource {
 public:
  virtual ~KeySource() = default;
  // Three-way comparison of column `col` of `row` with `v` (NULL last).
  virtual int CompareToValue(row_id_t row, int col, const Value& v) const = 0;
  // Three-way comparison of column `col` of rows a and b (NULL last).
  virtual int CompareRows(row_id_t a, row_id_t b, int col) const = 0;
  virtual bool IsNull(row_id_t row, int col) const = 0;
  // Column `col` of `row`; `*is_null` set. REQUIRES: an integer-backed column.
  virtual int64_t IntAt(row_id_t row, int col, bool* is_null) const = 0;
  virtual void Read(row_id_t row, int col, Value* out) const = 0;
  // ValuePrefix of column `col` of `row`.
  virtual uint64_t PrefixAt(row_id_t row, int col) const = 0;
};

struct BtreeEntry {
  uint64_t prefix;
  row_id_t row;
};

// Stands before (after == false) or after (after == true) every row whose
// leading key columns equal `values`.
struct ValueProbe {
  const std::vector<Value>* values;
  bool after;
  uint64_t prefix;  // of (*values)[0]; unused when values is empty
};
// Stands before/after every row whose whole key equals row `row`'s key.
struct RowProbe {
  row_id_t row;
  bool after;
  uint64_t prefix;
};

class TableIndex;

struct EntryLess {
  using is_transparent = void;
  const TableIndex* index;

  bool operator()(const BtreeEntry& a, const BtreeEntry& b) const;
  bool operator()(const BtreeEntry& a, const ValueProbe& b) const { return Compare(a, b) < 0; }
  bool operator()(const ValueProbe& a, const BtreeEntry& b) const { return Compare(b, a) > 0; }
  bool operator()(const BtreeEntry& a, const RowProbe& b) const { return Compare(a, b) < 0; }
  bool operator()(const RowProbe& a, const BtreeEntry& b) const { return Compare(b, a) > 0; }
  // <0 or >0 (never 0): where entry `a` lies relative to the probe.
  int Compare(const BtreeEntry& a, const ValueProbe& b) const;
  int Compare(const BtreeEntry& a, const RowProbe& b) const;
};

class TableIndex {
 public:
  // `key_types`: the types of spec.columns. `source` must outlive the index.
  TableIndex(IndexSpec spec, std::vector<Type> key_types, const KeySource* source);

  const IndexSpec& spec() const { return spec_; }
  bool learned() const { return learned_; }

  // Adds `row` with its current key. False, changing nothing, if a unique
  // index already holds another row with an equal non-NULL key.
  bool Insert(row_id_t row);
  // Removes `row`. REQUIRES: its key columns have not changed since Insert.
  void Erase(row_id_t row);
  // Replaces all entries with `rows`. 23505 on a duplicate (index left empty).
  Status Build(const std::vector<row_id_t>& rows);
  void Clear();

  void Lookup(const std::vector<Value>& key, std::vector<row_id_t>* out) const;
  void Scan(const KeyRange& range, size_t limit, bool descending, std::vector<row_id_t>* out) const;

  // The 23505 error for `row`'s key.
  Status UniqueViolation(row_id_t row) const;

 private:
  friend struct EntryLess;

  BtreeEntry EntryOf(row_id_t row) const;
  // Key columns before this one are equal between keys with equal `prefix`:
  // integer and double prefixes are the whole value (except kNullPrefix,
  // which an integer shares with NULL).
  size_t FirstUndecided(uint64_t prefix) const {
    return exact_prefix_ && prefix != kNullPrefix ? 1 : 0;
  }
  ValueProbe Probe(const std::vector<Value>& values, bool after) const;

  bool KeyHasNull(row_id_t row) const;
  void ScanLearned(const KeyRange& range, size_t limit, bool descending,
                   std::vector<row_id_t>* out) const;
  void ScanBtree(const KeyRange& range, size_t limit, bool descending,
                 std::vector<row_id_t>* out) const;

  IndexSpec spec_;
  std::vector<PhysicalType> phys_;
  const KeySource* source_;
  bool learned_ = false;
  bool exact_prefix_ = false;
  std::unique_ptr<LearnedIndex<int64_t, row_id_t>> li_;
  absl::btree_set<row_id_t> li_nulls_;  // rows whose key is NULL (learned only)
  absl::btree_set<BtreeEntry, EntryLess> bt_;
};

}  // namespace omen::storage::internal
