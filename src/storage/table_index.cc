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
  if (a.row == b.row) return false;
  const std::vector<int>& cols = index->spec_.columns;
  for (size_t i = index->FirstUndecided(a.prefix); i < cols.size(); ++i) {
    int c = index->source_->CompareRows(a.row, b.row, cols[i]);
    if (c != 0) return c < 0;
  }
  return a.row < b.row;
}

int EntryLess::Compare(const BtreeEntry& a, const ValueProbe& b) const {
  if (b.values->empty()) return b.after ? -1 : 1;
  if (a.prefix != b.prefix) return a.prefix < b.prefix ? -1 : 1;
  size_t n = std::min(b.values->size(), index->spec_.columns.size());
  for (size_t i = index->FirstUndecided(a.prefix); i < n; ++i) {
    int c = index->source_->CompareToValue(a.row, index->spec_.columns[i], (*b.values)[i]);
    if (c != 0) return c;
  }
  return b.after ? -1 : 1;
}

int EntryLess::Compare(const BtreeEntry& a, const RowProbe& b) const {
  if (a.prefix != b.prefix) return a.prefix < b.prefix ? -1 : 1;
  if (a.row != b.row) {
    const std::vector<int>& cols = index->spec_.columns;
    for (size_t i = index->FirstUndecided(a.prefix); i < cols.size(); ++i) {
      int c = index->source_->CompareRows(a.row, b.row, cols[i]);
      if (c != 0) return c;
    }
  }
  return b.after ? -1 : 1;
}

BtreeEntry TableIndex::EntryOf(row_id_t row) const {
  return BtreeEntry{source_->PrefixAt(row, spec_.columns[0]), row};
}

ValueProbe TableIndex::Probe(const std::vector<Value>& values, bool after) const {
  return ValueProbe{&values, after, values.empty() ? 0 : ValuePrefix(phys_[0], values[0])};
}

TableIndex::TableIndex(IndexSpec spec, std::vector<Type> key_types, const KeySource* source)
    : spec_(std::move(spec)), source_(source), bt_(EntryLess{this}) {
  for (const Type& t : key_types) phys_.push_back(t.physical());
  exact_prefix_ =
      !phys_.empty() && (phys_[0] == PhysicalType::kInt64 || phys_[0] == PhysicalType::kDouble);
  learned_ = spec_.unique && key_types.size() == 1 && IsLearnedKeyType(key_types[0].id);
  if (learned_) li_ = std::make_unique<LearnedIndex<int64_t, row_id_t>>();
}

bool TableIndex::KeyHasNull(row_id_t row) const {
  for (int col : spec_.columns) {
    if (source_->IsNull(row, col)) return true;
  }
  return false;
}

bool TableIndex::Insert(row_id_t row) {
  if (learned_) {
    bool is_null = false;
    int64_t key = source_->IntAt(row, spec_.columns[0], &is_null);
    if (is_null) {
      li_nulls_.insert(row);
      return true;
    }
    return li_->Insert(key, row);
  }
  if (spec_.unique && !KeyHasNull(row)) {
    uint64_t prefix = source_->PrefixAt(row, spec_.columns[0]);
    auto it = bt_.lower_bound(RowProbe{row, false, prefix});
    if (it != bt_.end() && bt_.key_comp().Compare(*it, RowProbe{row, true, prefix}) < 0) {
      return false;
    }
  }
  bt_.insert(EntryOf(row));
  return true;
}

void TableIndex::Erase(row_id_t row) {
  if (learned_) {
    bool is_null = false;
    int64_t key = source_->IntAt(row, spec_.columns[0], &is_null);
    if (is_null) {
      li_nulls_.erase(row);
    } else {
      li_->Erase(key);
    }
    return;
  }
  bt_.erase(EntryOf(row));
}

void TableIndex::Clear() {
  if (learned_) {
    li_ = std::make_unique<LearnedIndex<int64_t, row_id_t>>();
    li_nulls_.clear();
  }
  bt_.clear();
}

Status TableIndex::Build(const std::vector<row_id_t>& rows) {
  Clear();
  if (!learned_) {
    // Sort, check neighbours for duplicates, then append in order.
    std::vector<BtreeEntry> entries;
    entries.reserve(rows.size());
    for (row_id_t row : rows) entries.push_back(EntryOf(row));
    const EntryLess& less = bt_.key_comp();
    std::sort(entries.begin(), entries.end(), less);
    for (size_t i = 0; i < entries.size(); ++i) {
      const BtreeEntry& e = entries[i];
      if (spec_.unique && i > 0 && !KeyHasNull(e.row) &&
          less.Compare(entries[i - 1], RowProbe{e.row, false, e.prefix}) > 0) {
        Clear();
        return UniqueViolation(e.row);
      }
      bt_.insert(bt_.end(), e);
    }
    return Status::OK();
  }
  std::vector<std::pair<int64_t, row_id_t>> pairs;
  pairs.reserve(rows.size());
  for (row_id_t row : rows) {
    bool is_null = false;
    int64_t key = source_->IntAt(row, spec_.columns[0], &is_null);
    if (is_null) {
      li_nulls_.insert(row);
    } else {
      pairs.emplace_back(key, row);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  for (size_t i = 1; i < pairs.size(); ++i) {
    if (pairs[i].first == pairs[i - 1].first) {
      Clear();
      return UniqueViolation(pairs[i].second);
    }
  }
  li_->BulkLoad(pairs.data(), pairs.size());
  return Status::OK();
}

void TableIndex::Lookup(const std::vector<Value>& key, std::vector<row_id_t>* out) const {
  if (key.empty() || AnyNull(key)) return;
  if (learned_) {
    std::optional<row_id_t> r = li_->Find(key[0].i);
    if (r) out->push_back(*r);
    return;
  }
  ValueProbe after = Probe(key, true);
  for (auto it = bt_.lower_bound(Probe(key, false));
       it != bt_.end() && bt_.key_comp().Compare(*it, after) < 0; ++it) {
    out->push_back(it->row);
  }
}

void TableIndex::Scan(const KeyRange& range, size_t limit, bool descending,
                      std::vector<row_id_t>* out) const {
  if ((range.has_lower && AnyNull(range.lower)) || (range.has_upper && AnyNull(range.upper)))
    return;
  if (learned_) {
    ScanLearned(range, limit, descending, out);
  } else {
    ScanBtree(range, limit, descending, out);
  }
}

void TableIndex::ScanLearned(const KeyRange& range, size_t limit, bool descending,
                             std::vector<row_id_t>* out) const {
  bool has_lower = range.has_lower && !range.lower.empty();
  bool has_upper = range.has_upper && !range.upper.empty();
  bool bounded = has_lower || has_upper;
  size_t start_size = out->size();
  auto full = [&] { return limit != 0 && out->size() - start_size >= limit; };
  // NULL keys sort last, ties by row id; descending reverses both.
  auto emit_nulls = [&] {
    if (bounded) return;
    if (descending) {
      for (auto it = li_nulls_.rbegin(); it != li_nulls_.rend() && !full(); ++it)
        out->push_back(*it);
    } else {
      for (auto it = li_nulls_.begin(); it != li_nulls_.end() && !full(); ++it) out->push_back(*it);
    }
  };
  // The inclusive key interval [lo, hi], in 128 bits so exclusive bounds at the
  // int64 limits cannot overflow.
  __int128 lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  if (has_lower) lo = __int128{range.lower[0].i} + (range.lower_inclusive ? 0 : 1);
  if (has_upper) hi = __int128{range.upper[0].i} - (range.upper_inclusive ? 0 : 1);
  std::vector<std::pair<int64_t, row_id_t>> buf(kScanBatch);
  // Appends the rows of keys in [from, to] ascending to `dst`, at most `max` (0: all).
  auto collect = [&](__int128 from, __int128 to, size_t max, std::vector<row_id_t>* dst) {
    while (from <= to) {
      size_t n = li_->Scan(static_cast<int64_t>(from), kScanBatch, buf.data());
      for (size_t i = 0; i < n; ++i) {
        if (buf[i].first > to || (max != 0 && dst->size() >= max)) return;
        dst->push_back(buf[i].second);
      }
      if (n < kScanBatch) return;
      from = __int128{buf[n - 1].first} + 1;
    }
  };
  if (!descending) {
    collect(lo, hi, limit == 0 ? 0 : limit + start_size, out);
    emit_nulls();
    return;
  }
  emit_nulls();
  // Walk down in windows that double in width, so a small LIMIT reads little.
  __int128 top = hi;
  __int128 width = limit == 0 ? (hi - lo + 1) : std::max<__int128>(limit, 64);
  std::vector<row_id_t> window;
  while (top >= lo && !full()) {
    __int128 bottom = std::max(lo, top - width + 1);
    window.clear();
    collect(bottom, top, 0, &window);
    for (auto it = window.rbegin(); it != window.rend() && !full(); ++it) out->push_back(*it);
    top = bottom - 1;
    width *= 2;
  }
}

void TableIndex::ScanBtree(const KeyRange& range, size_t limit, bool descending,
                           std::vector<row_id_t>* out) const {
  bool has_lower = range.has_lower && !range.lower.empty();
  bool has_upper = range.has_upper && !range.upper.empty();
  bool bounded = has_lower || has_upper;
  const EntryLess& cmp = bt_.key_comp();
  ValueProbe lower = Probe(range.lower, !range.lower_inclusive);
  ValueProbe upper = Probe(range.upper, range.upper_inclusive);
  auto begin = has_lower ? bt_.lower_bound(lower) : bt_.begin();
  auto end = has_upper ? bt_.lower_bound(upper) : bt_.end();
  size_t count = 0;
  int first_col = spec_.columns[0];
  auto take = [&](const BtreeEntry& e) {
    if (bounded && source_->IsNull(e.row, first_col)) return true;  // NULLs never satisfy a bound
    out->push_back(e.row);
    return limit == 0 || ++count < limit;
  };
  if (begin == bt_.end()) return;
  if (end != bt_.end() && cmp(*end, *begin)) return;  // lower bound above upper bound
  if (!descending) {
    for (auto it = begin; it != end; ++it) {
      if (!take(*it)) return;
    }
    return;
  }
  for (auto it = end; it != begin;) {
    --it;
    if (!take(*it)) return;
  }
}

Status TableIndex::UniqueViolation(row_id_t row) const {
  std::string cols, vals;
  Value v;
  for (size_t i = 0; i < spec_.columns.size(); ++i) {
    if (i > 0) {
      cols += ", ";
      vals += ", ";
    }
    cols +=
        i < spec_.column_names.size() ? spec_.column_names[i] : std::to_string(spec_.columns[i]);
    source_->Read(row, spec_.columns[i], &v);
    vals += v.is_null ? "null" : FormatValue(v);
  }
  return Status(sqlstate::kUniqueViolation,
                "duplicate key value violates unique constraint \"" + spec_.name + "\"")
      .WithDetail("Key (" + cols + ")=(" + vals + ") already exists.");
}

}  // namespace omen::storage::internal
