#pragma once
// TableIndex: one index of a storage::Table (private to storage/).
// Entries are (key, row id) pairs and are only hints (DESIGN.md invariant 5):
// a row keeps the entries of every key any of its versions had until
// reclamation, so a lookup returns candidates and Table re-checks the
// version the reader sees. A unique single-column index on an integer-like
// column (int2/int4/int8, date, timestamp[tz]) keeps one row per key in a
// LearnedIndex, further rows of the same key in a side set (`li_extra_`) and
// rows of NULL keys in `li_nulls_`. Every other index is an absl::btree_set
// of entries ordered by the key values as PostgreSQL orders each type (NaN
// largest, Numeric::Compare, byte-order strings, NULL last), then by row id.
// `prefix` is an order-preserving 64-bit image of the first key column (a < b
// implies prefix(a) <= prefix(b)) that settles most comparisons; entries
// carry their key values for the rest (rows change in place, so the index
// cannot read keys from the table).
// Invariants:
// 1. Entries are immutable; (key, row) is present at most once.
// 2. Uniqueness is Table's business (it needs visibility); TableIndex only
//    stores and finds entries.
// 3. NULL keys are never found by Lookup.
// Thread safety: none; Table guards each index with its index mutex.

#include <cstdint>
#include <memory>
#include <utility>
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

struct BtreeEntry {
  uint64_t prefix;
  row_id_t row;
  std::shared_ptr<const std::vector<Value>> key;  // the whole key
};

// A candidate from Lookup/Scan: the row and the key of its entry (`key` for
// btree entries; `ikey` for the learned index, whose key is one integer).
struct IndexHit {
  row_id_t row;
  std::shared_ptr<const std::vector<Value>> key;
  int64_t ikey = 0;
};

// Stands before (after == false) or after (after == true) every row whose
// leading key columns equal `values`.
struct ValueProbe {
  const std::vector<Value>* values;
  bool after;
  uint64_t prefix;  // of (*values)[0]; unused when values is empty
};

class TableIndex;

struct EntryLess {
  using is_transparent = void;
  const TableIndex* index;

  bool operator()(const BtreeEntry& a, const BtreeEntry& b) const;
  bool operator()(const BtreeEntry& a, const ValueProbe& b) const { return Compare(a, b) < 0; }
  bool operator()(const ValueProbe& a, const BtreeEntry& b) const { return Compare(b, a) > 0; }
  // <0 or >0 (never 0): where entry `a` lies relative to the probe.
  int Compare(const BtreeEntry& a, const ValueProbe& b) const;
};

class TableIndex {
 public:
  // `key_types`: the types of spec.columns.
  TableIndex(IndexSpec spec, std::vector<Type> key_types);

  const IndexSpec& spec() const { return spec_; }
  bool learned() const { return learned_; }

  // Adds (key, row); false if that exact entry is already present.
  bool Insert(const std::vector<Value>& key, row_id_t row);
  // Removes (key, row) if present.
  void Erase(const std::vector<Value>& key, row_id_t row);
  // Replaces all entries with `entries` (keys and rows).
  void Build(const std::vector<std::pair<std::vector<Value>, row_id_t>>& entries);
  void Clear();

  // Candidate rows whose entry key (prefix) equals `key`, ascending by key.
  void Lookup(const std::vector<Value>& key, std::vector<IndexHit>* out) const;
  // Candidate rows in the range, in key order (see Table::IndexScan).
  void Scan(const KeyRange& range, bool descending, std::vector<IndexHit>* out) const;

  // The 23505 error for `key`.
  Status UniqueViolation(const std::vector<Value>& key) const;

 private:
  friend struct EntryLess;

  BtreeEntry EntryOf(const std::vector<Value>& key, row_id_t row) const;
  // Key columns before this one are equal between keys with equal `prefix`:
  // integer and double prefixes are the whole value (except kNullPrefix,
  // which an integer shares with NULL).
  size_t FirstUndecided(uint64_t prefix) const {
    return exact_prefix_ && prefix != kNullPrefix ? 1 : 0;
  }
  ValueProbe Probe(const std::vector<Value>& values, bool after) const;

  void ScanLearned(const KeyRange& range, bool descending, std::vector<IndexHit>* out) const;
  void ScanBtree(const KeyRange& range, bool descending, std::vector<IndexHit>* out) const;

  IndexSpec spec_;
  std::vector<PhysicalType> phys_;
  bool learned_ = false;
  bool exact_prefix_ = false;
  std::unique_ptr<LearnedIndex<int64_t, row_id_t>> li_;
  absl::btree_set<std::pair<int64_t, row_id_t>> li_extra_;  // further rows of a key (learned only)
  absl::btree_set<row_id_t> li_nulls_;  // rows whose key is NULL (learned only)
  absl::btree_set<BtreeEntry, EntryLess> bt_;
};

}  // namespace omen::storage::internal
