#include "storage/table_index.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "common/sqlstate.h"
#include "common/type_io.h"
#include "index/key_codec.h"

namespace omen::storage::internal {

namespace {

bool IsLearnedKeyType(TypeId id) {
  switch (id) {
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return true;
    default:
      return false;
  }
}

bool AnyNull(const std::vector<Value>& values) {
  for (const Value& v : values) {
    if (v.is_null) return true;
  }
  return false;
}

constexpr size_t kScanBatch = 1024;

}  // namespace

int CompareDoubles(double a, double b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  return CompareInts(a, b);
}

int CompareNumerics(const Numeric& a, const Numeric& b) {
  int c = a.Compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareStrings(const std::string& a, const std::string& b) {
  int c = a.compare(b);  // char_traits<char>::compare is memcmp: byte order
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareValues(PhysicalType p, const Value& a, const Value& b) {
  if (a.is_null || b.is_null) {
    if (a.is_null == b.is_null) return 0;
    return a.is_null ? 1 : -1;
  }
  switch (p) {
    case PhysicalType::kInt64:
      return CompareInts(a.i, b.i);
    case PhysicalType::kDouble:
      return CompareDoubles(a.d, b.d);
    case PhysicalType::kNumeric:
      return CompareNumerics(a.n, b.n);
    case PhysicalType::kString:
      return CompareStrings(a.s, b.s);
  }
  return 0;
}

uint64_t IntPrefix(int64_t v) { return index_internal::KeyCodec<int64_t>::Encode(v); }

uint64_t DoublePrefix(double v) { return index_internal::KeyCodec<double>::Encode(v); }

uint64_t StringPrefix(const std::string& v) {
  uint64_t p = 0;
  for (size_t i = 0; i < 8; ++i) {
    p = (p << 8) | (i < v.size() ? static_cast<uint8_t>(v[i]) : 0);
  }
  return p;
}

uint64_t ValuePrefix(PhysicalType p, const Value& v) {
  if (v.is_null) return kNullPrefix;
  switch (p) {
    case PhysicalType::kInt64:
      return IntPrefix(v.i);
    case PhysicalType::kDouble:
      return DoublePrefix(v.d);
    case PhysicalType::kNumeric:
      return NumericPrefix();
    case PhysicalType::kString:
      return StringPrefix(v.s);
  }
  return 0;
}

bool EntryLess::operator()(const BtreeEntry& a, const BtreeEntry& b) const {
  if (a.prefix != b.prefix) return a.prefix < b.prefix;
  const std::vector<PhysicalType>& phys = index->phys_;
  for (size_t i = index->FirstUndecided(a.prefix); i < phys.size(); ++i) {
    int c = CompareValues(phys[i], (*a.key)[i], (*b.key)[i]);
    if (c != 0) return c < 0;
  }
  return a.row < b.row;
}

int EntryLess::Compare(const BtreeEntry& a, const ValueProbe& b) const {
  if (b.values->empty()) return b.after ? -1 : 1;
  if (a.prefix != b.prefix) return a.prefix < b.prefix ? -1 : 1;
  size_t n = std::min(b.values->size(), index->phys_.size());
  for (size_t i = index->FirstUndecided(a.prefix); i < n; ++i) {
    int c = CompareValues(index->phys_[i], (*a.key)[i], (*b.values)[i]);
    if (c != 0) return c;
  }
  return b.after ? -1 : 1;
}

BtreeEntry TableIndex::EntryOf(const std::vector<Value>& key, row_id_t row) const {
  uint64_t prefix = ValuePrefix(phys_[0], key[0]);
  return BtreeEntry{prefix, row, std::make_shared<const std::vector<Value>>(key)};
}

ValueProbe TableIndex::Probe(const std::vector<Value>& values, bool after) const {
  return ValueProbe{&values, after, values.empty() ? 0 : ValuePrefix(phys_[0], values[0])};
}

TableIndex::TableIndex(IndexSpec spec, std::vector<Type> key_types)
    : spec_(std::move(spec)), bt_(EntryLess{this}) {
  for (const Type& t : key_types) phys_.push_back(t.physical());
  exact_prefix_ =
      !phys_.empty() && (phys_[0] == PhysicalType::kInt64 || phys_[0] == PhysicalType::kDouble);
  learned_ = spec_.unique && key_types.size() == 1 && IsLearnedKeyType(key_types[0].id);
  if (learned_) li_ = std::make_unique<LearnedIndex<int64_t, row_id_t>>();
}

bool TableIndex::Insert(const std::vector<Value>& key, row_id_t row) {
  if (learned_) {
    if (key[0].is_null) return li_nulls_.insert(row).second;
    std::optional<row_id_t> r = li_->Find(key[0].i);
    if (!r) return li_->Insert(key[0].i, row);
    if (*r == row) return false;
    return li_extra_.insert({key[0].i, row}).second;
  }
  return bt_.insert(EntryOf(key, row)).second;
}

void TableIndex::Erase(const std::vector<Value>& key, row_id_t row) {
  if (learned_) {
    if (key[0].is_null) {
      li_nulls_.erase(row);
      return;
    }
    int64_t k = key[0].i;
    std::optional<row_id_t> r = li_->Find(k);
    if (!r) return;
    if (*r != row) {
      li_extra_.erase({k, row});
      return;
    }
    li_->Erase(k);
    // Promote another row of the same key into the learned index.
    auto it = li_extra_.lower_bound({k, 0});
    if (it != li_extra_.end() && it->first == k) {
      li_->Insert(k, it->second);
      li_extra_.erase(it);
    }
    return;
  }
  bt_.erase(EntryOf(key, row));
}

void TableIndex::Clear() {
  if (learned_) {
    li_ = std::make_unique<LearnedIndex<int64_t, row_id_t>>();
    li_nulls_.clear();
    li_extra_.clear();
  }
  bt_.clear();
}

void TableIndex::Build(const std::vector<std::pair<std::vector<Value>, row_id_t>>& entries) {
  Clear();
  if (!learned_) {
    std::vector<BtreeEntry> sorted;
    sorted.reserve(entries.size());
    for (const auto& [key, row] : entries) sorted.push_back(EntryOf(key, row));
    std::sort(sorted.begin(), sorted.end(), bt_.key_comp());
    for (BtreeEntry& e : sorted) bt_.insert(bt_.end(), std::move(e));
    return;
  }
  std::vector<std::pair<int64_t, row_id_t>> pairs;
  pairs.reserve(entries.size());
  for (const auto& [key, row] : entries) {
    if (key[0].is_null) {
      li_nulls_.insert(row);
    } else {
      pairs.emplace_back(key[0].i, row);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  size_t n = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (n > 0 && pairs[n - 1] == pairs[i]) continue;  // one entry per (key, row)
    if (n > 0 && pairs[n - 1].first == pairs[i].first) {
      li_extra_.insert(pairs[i]);
    } else {
      pairs[n++] = pairs[i];
    }
  }
  li_->BulkLoad(pairs.data(), n);
}

void TableIndex::Lookup(const std::vector<Value>& key, std::vector<IndexHit>* out) const {
  if (key.empty() || AnyNull(key)) return;
  if (learned_) {
    std::optional<row_id_t> r = li_->Find(key[0].i);
    if (!r) return;
    out->push_back(IndexHit{*r, nullptr, key[0].i});
    if (li_extra_.empty()) return;
    for (auto it = li_extra_.lower_bound({key[0].i, 0});
         it != li_extra_.end() && it->first == key[0].i; ++it) {
      out->push_back(IndexHit{it->second, nullptr, key[0].i});
    }
    return;
  }
  ValueProbe after = Probe(key, true);
  for (auto it = bt_.lower_bound(Probe(key, false));
       it != bt_.end() && bt_.key_comp().Compare(*it, after) < 0; ++it) {
    out->push_back(IndexHit{it->row, it->key});
  }
}

void TableIndex::Scan(const KeyRange& range, bool descending, std::vector<IndexHit>* out) const {
  if ((range.has_lower && AnyNull(range.lower)) || (range.has_upper && AnyNull(range.upper)))
    return;
  if (learned_) {
    ScanLearned(range, descending, out);
  } else {
    ScanBtree(range, descending, out);
  }
}

void TableIndex::ScanLearned(const KeyRange& range, bool descending,
                             std::vector<IndexHit>* out) const {
  bool has_lower = range.has_lower && !range.lower.empty();
  bool has_upper = range.has_upper && !range.upper.empty();
  bool bounded = has_lower || has_upper;
  // The inclusive key interval [lo, hi], in 128 bits so exclusive bounds at the
  // int64 limits cannot overflow.
  __int128 lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  if (has_lower) lo = __int128{range.lower[0].i} + (range.lower_inclusive ? 0 : 1);
  if (has_upper) hi = __int128{range.upper[0].i} - (range.upper_inclusive ? 0 : 1);
  std::vector<std::pair<int64_t, row_id_t>> keyed;
  std::vector<std::pair<int64_t, row_id_t>> buf(kScanBatch);
  for (__int128 from = lo; from <= hi;) {
    size_t n = li_->Scan(static_cast<int64_t>(from), kScanBatch, buf.data());
    bool done = n < kScanBatch;
    for (size_t i = 0; i < n; ++i) {
      if (buf[i].first > hi) {
        done = true;
        break;
      }
      keyed.push_back(buf[i]);
    }
    if (done || n == 0) break;
    from = __int128{buf[n - 1].first} + 1;
  }
  if (!li_extra_.empty() && lo <= hi) {
    for (auto it = li_extra_.lower_bound({static_cast<int64_t>(lo), 0});
         it != li_extra_.end() && it->first <= hi; ++it) {
      keyed.push_back(*it);
    }
    std::sort(keyed.begin(), keyed.end());
  }
  // NULL keys sort last (ties by row id); descending reverses both.
  auto null_hit = [](row_id_t row) {
    return IndexHit{row, std::make_shared<const std::vector<Value>>(1, Value()), 0};
  };
  if (!descending) {
    for (const auto& [k, row] : keyed) out->push_back(IndexHit{row, nullptr, k});
    if (!bounded) {
      for (row_id_t row : li_nulls_) out->push_back(null_hit(row));
    }
    return;
  }
  if (!bounded) {
    for (auto it = li_nulls_.rbegin(); it != li_nulls_.rend(); ++it) out->push_back(null_hit(*it));
  }
  for (auto it = keyed.rbegin(); it != keyed.rend(); ++it) {
    out->push_back(IndexHit{it->second, nullptr, it->first});
  }
}

void TableIndex::ScanBtree(const KeyRange& range, bool descending,
                           std::vector<IndexHit>* out) const {
  bool has_lower = range.has_lower && !range.lower.empty();
  bool has_upper = range.has_upper && !range.upper.empty();
  bool bounded = has_lower || has_upper;
  const EntryLess& cmp = bt_.key_comp();
  ValueProbe lower = Probe(range.lower, !range.lower_inclusive);
  ValueProbe upper = Probe(range.upper, range.upper_inclusive);
  auto begin = has_lower ? bt_.lower_bound(lower) : bt_.begin();
  auto end = has_upper ? bt_.lower_bound(upper) : bt_.end();
  auto first_null = [&](const BtreeEntry& e) {
    return e.prefix == kNullPrefix && (*e.key)[0].is_null;
  };
  auto take = [&](const BtreeEntry& e) {
    if (bounded && first_null(e)) return;  // NULLs never satisfy a bound
    out->push_back(IndexHit{e.row, e.key});
  };
  if (begin == bt_.end()) return;
  if (end != bt_.end() && cmp(*end, *begin)) return;  // lower bound above upper bound
  if (!descending) {
    for (auto it = begin; it != end; ++it) take(*it);
    return;
  }
  for (auto it = end; it != begin;) {
    --it;
    take(*it);
  }
}

Status TableIndex::UniqueViolation(const std::vector<Value>& key) const {
  std::string cols, vals;
  for (size_t i = 0; i < spec_.columns.size(); ++i) {
    if (i > 0) {
      cols += ", ";
      vals += ", ";
    }
    cols +=
        i < spec_.column_names.size() ? spec_.column_names[i] : std::to_string(spec_.columns[i]);
    vals += key[i].is_null ? "null" : FormatValue(key[i]);
  }
  return Status(sqlstate::kUniqueViolation,
                "duplicate key value violates unique constraint \"" + spec_.name + "\"")
      .WithDetail("Key (" + cols + ")=(" + vals + ") already exists.");
}

}  // namespace omen::storage::internal
