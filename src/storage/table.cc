#include "storage/table.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "common/sqlstate.h"
#include "storage/row_group.h"
#include "storage/table_index.h"

namespace omen::storage {

namespace {

using internal::RowGroup;
using internal::Segment;
using internal::TableIndex;

// The old contents kept by a Truncate for its undo.
struct TruncatedRows {
  std::vector<std::unique_ptr<RowGroup>> groups;
  size_t slots = 0;
  size_t live = 0;
};

}  // namespace

struct Table::Impl : public internal::KeySource {
  std::vector<Type> types;
  std::vector<PhysicalType> phys;
  std::vector<std::unique_ptr<RowGroup>> groups;
  size_t slots = 0;  // row ids handed out: [0, slots)
  size_t live = 0;
  std::vector<IndexSpec> specs;
  std::vector<std::unique_ptr<TableIndex>> indexes;  // parallel to specs

  RowGroup& Group(row_id_t row) const { return *groups[row / kRowGroupSize]; }
  static size_t Offset(row_id_t row) { return row % kRowGroupSize; }

  bool IsLive(row_id_t row) const { return row < slots && Group(row).deleted[Offset(row)] == 0; }

  // Starts a new row group; after the first, groups are sized in full up
  // front (a table that filled one will likely fill more).
  void AddGroup() {
    groups.push_back(std::make_unique<RowGroup>());
    RowGroup& g = *groups.back();
    g.columns.resize(types.size());
    if (groups.size() == 1) return;
    g.deleted.reserve(kRowGroupSize);
    for (size_t c = 0; c < types.size(); ++c) {
      Segment& seg = g.columns[c];
      seg.null.reserve(kRowGroupSize);
      switch (phys[c]) {
        case PhysicalType::kInt64:
          seg.i64.reserve(kRowGroupSize);
          break;
        case PhysicalType::kDouble:
          seg.f64.reserve(kRowGroupSize);
          break;
        case PhysicalType::kNumeric:
          seg.num.reserve(kRowGroupSize);
          break;
        case PhysicalType::kString:
          seg.str.reserve(kRowGroupSize);
          break;
      }
    }
  }

  row_id_t PushRow(const std::vector<Value>& row) {
    if (slots % kRowGroupSize == 0) AddGroup();
    RowGroup& g = *groups.back();
    for (size_t c = 0; c < types.size(); ++c) g.columns[c].Push(phys[c], row[c]);
    g.deleted.push_back(0);
    ++live;
    return slots++;
  }

  // Removes the newest slot. REQUIRES: slots > 0.
  void PopRow() {
    RowGroup& g = *groups.back();
    for (size_t c = 0; c < types.size(); ++c) g.columns[c].Pop(phys[c]);
    if (g.deleted.back() != 0) {
      --g.deleted_count;
    } else {
      --live;
    }
    g.deleted.pop_back();
    --slots;
    if (g.size() == 0) groups.pop_back();
  }

  void SetDeleted(row_id_t row, bool deleted) {
    RowGroup& g = Group(row);
    uint8_t& flag = g.deleted[Offset(row)];
    if ((flag != 0) == deleted) return;
    flag = deleted ? 1 : 0;
    if (deleted) {
      ++g.deleted_count;
      --live;
    } else {
      --g.deleted_count;
      ++live;
    }
  }

  void ReadValue(row_id_t row, int col, Value* out) const {
    out->type = types[col];
    Group(row).columns[col].Get(phys[col], Offset(row), out);
  }

  int CompareToValue(row_id_t row, int col, const Value& v) const override {
    const Segment& seg = Group(row).columns[col];
    size_t off = Offset(row);
    bool is_null = seg.null[off] != 0;
    if (is_null || v.is_null) return is_null == v.is_null ? 0 : (is_null ? 1 : -1);
    switch (phys[col]) {
      case PhysicalType::kInt64:
        return internal::CompareInts(seg.i64[off], v.i);
      case PhysicalType::kDouble:
        return internal::CompareDoubles(seg.f64[off], v.d);
      case PhysicalType::kNumeric:
        return internal::CompareNumerics(seg.num[off], v.n);
      case PhysicalType::kString:
        return internal::CompareStrings(seg.str[off], v.s);
    }
    return 0;
  }

  int CompareRows(row_id_t a, row_id_t b, int col) const override {
    const Segment& sa = Group(a).columns[col];
    const Segment& sb = Group(b).columns[col];
    size_t oa = Offset(a), ob = Offset(b);
    bool na = sa.null[oa] != 0, nb = sb.null[ob] != 0;
    if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
    switch (phys[col]) {
      case PhysicalType::kInt64:
        return internal::CompareInts(sa.i64[oa], sb.i64[ob]);
      case PhysicalType::kDouble:
        return internal::CompareDoubles(sa.f64[oa], sb.f64[ob]);
      case PhysicalType::kNumeric:
        return internal::CompareNumerics(sa.num[oa], sb.num[ob]);
      case PhysicalType::kString:
        return internal::CompareStrings(sa.str[oa], sb.str[ob]);
    }
    return 0;
  }

  bool IsNull(row_id_t row, int col) const override {
    return Group(row).columns[col].null[Offset(row)] != 0;
  }

  int64_t IntAt(row_id_t row, int col, bool* is_null) const override {
    const Segment& seg = Group(row).columns[col];
    *is_null = seg.null[Offset(row)] != 0;
    return seg.i64[Offset(row)];
  }

  void Read(row_id_t row, int col, Value* out) const override { ReadValue(row, col, out); }

  uint64_t PrefixAt(row_id_t row, int col) const override {
    const Segment& seg = Group(row).columns[col];
    size_t off = Offset(row);
    if (seg.null[off] != 0) return internal::kNullPrefix;
    switch (phys[col]) {
      case PhysicalType::kInt64:
        return internal::IntPrefix(seg.i64[off]);
      case PhysicalType::kDouble:
        return internal::DoublePrefix(seg.f64[off]);
      case PhysicalType::kNumeric:
        return internal::NumericPrefix();
      case PhysicalType::kString:
        return internal::StringPrefix(seg.str[off]);
    }
    return 0;
  }

  bool Touches(const TableIndex& index, const std::vector<int>& columns) const {
    for (int c : index.spec().columns) {
      if (std::find(columns.begin(), columns.end(), c) != columns.end()) return true;
    }
    return false;
  }

  // Adds `row` to the indexes on any of `columns` (all if null). On a unique
  // conflict removes what it added and returns 23505.
  Status IndexRow(row_id_t row, const std::vector<int>* columns) {
    for (size_t i = 0; i < indexes.size(); ++i) {
      TableIndex& index = *indexes[i];
      if (columns != nullptr && !Touches(index, *columns)) continue;
      if (index.Insert(row)) continue;
      Status s = index.UniqueViolation(row);
      for (size_t j = 0; j < i; ++j) {
        if (columns != nullptr && !Touches(*indexes[j], *columns)) continue;
        indexes[j]->Erase(row);
      }
      return s;
    }
    return Status::OK();
  }

  void UnindexRow(row_id_t row, const std::vector<int>* columns) {
    for (auto& index : indexes) {
      if (columns != nullptr && !Touches(*index, *columns)) continue;
      index->Erase(row);
    }
  }

  void WriteValues(row_id_t row, const std::vector<int>& columns,
                   const std::vector<Value>& values) {
    RowGroup& g = Group(row);
    for (size_t i = 0; i < columns.size(); ++i) {
      g.columns[columns[i]].Set(phys[columns[i]], Offset(row), values[i]);
    }
  }

  // Builds `index` from the live rows.
  Status BuildIndex(TableIndex* index) {
    std::vector<row_id_t> rows;
    rows.reserve(live);
    for (row_id_t r = 0; r < slots; ++r) {
      if (IsLive(r)) rows.push_back(r);
    }
    return index->Build(rows);
  }

  int FindIndex(const std::string& name) const {
    for (size_t i = 0; i < specs.size(); ++i) {
      if (specs[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }
};

namespace {

UndoLog::Entry MakeEntry(UndoLog::Entry::Kind kind, std::shared_ptr<Table> table) {
  OMEN_DCHECK(table != nullptr);  // undoable changes need a shared_ptr-owned Table
  UndoLog::Entry e;
  e.kind = kind;
  e.table = std::move(table);
  return e;
}

void PushUndo(UndoLog* undo, UndoLog::Entry::Kind kind, Table* table, row_id_t row) {
  if (undo == nullptr) return;
  UndoLog::Entry e = MakeEntry(kind, table->weak_from_this().lock());
  e.row = row;
  undo->Push(std::move(e));
}

}  // namespace

void UndoLog::RollbackTo(size_t position) {
  while (entries_.size() > position) {
    Entry e = std::move(entries_.back());
    entries_.pop_back();
    if (e.table != nullptr) e.table->UndoEntry(e);
  }
}

Table::Table(std::vector<Type> column_types) : impl_(std::make_unique<Impl>()) {
  impl_->types = std::move(column_types);
  for (const Type& t : impl_->types) impl_->phys.push_back(t.physical());
}

Table::~Table() = default;

size_t Table::ColumnCount() const { return impl_->types.size(); }
const std::vector<Type>& Table::ColumnTypes() const { return impl_->types; }
size_t Table::RowCount() const { return impl_->live; }

Status Table::AddColumn(Type type, const Value& fill, UndoLog* undo) {
  Impl& t = *impl_;
  t.types.push_back(type);
  t.phys.push_back(type.physical());
  for (auto& g : t.groups) {
    g->columns.emplace_back();
    Segment& seg = g->columns.back();
    for (size_t i = 0; i < g->size(); ++i) seg.Push(t.phys.back(), fill);
  }
  PushUndo(undo, UndoLog::Entry::Kind::kAddColumn, this, 0);
  return Status::OK();
}

Result<row_id_t> Table::Insert(const std::vector<Value>& row, UndoLog* undo) {
  Impl& t = *impl_;
  if (row.size() != t.types.size()) {
    return Status(sqlstate::kInternalError, "row has " + std::to_string(row.size()) +
                                                " values for " + std::to_string(t.types.size()) +
                                                " columns");
  }
  row_id_t id = t.PushRow(row);
  Status s = t.IndexRow(id, nullptr);
  if (!s.ok()) {
    t.PopRow();
    return s;
  }
  PushUndo(undo, UndoLog::Entry::Kind::kInsert, this, id);
  return id;
}

Status Table::Append(const DataChunk& chunk, UndoLog* undo) {
  Impl& t = *impl_;
  if (chunk.ColumnCount() != t.types.size()) {
    return Status(sqlstate::kInternalError, "chunk has " + std::to_string(chunk.ColumnCount()) +
                                                " columns for " + std::to_string(t.types.size()));
  }
  const row_id_t first = t.slots;
  for (size_t done = 0; done < chunk.size;) {
    if (t.slots % kRowGroupSize == 0) t.AddGroup();
    RowGroup& g = *t.groups.back();
    size_t n = std::min(chunk.size - done, kRowGroupSize - g.size());
    for (size_t c = 0; c < t.types.size(); ++c) {
      g.columns[c].AppendFrom(t.phys[c], chunk.columns[c], done, n);
    }
    g.deleted.resize(g.size() + n, 0);
    t.slots += n;
    t.live += n;
    done += n;
  }
  for (row_id_t row = first; row < t.slots; ++row) {
    Status s = t.IndexRow(row, nullptr);
    if (s.ok()) continue;
    for (row_id_t r = first; r < row; ++r) t.UnindexRow(r, nullptr);
    while (t.slots > first) t.PopRow();
    return s;
  }
  if (undo != nullptr) {
    std::shared_ptr<Table> self = weak_from_this().lock();
    for (row_id_t row = first; row < t.slots; ++row) {
      UndoLog::Entry e = MakeEntry(UndoLog::Entry::Kind::kInsert, self);
      e.row = row;
      undo->Push(std::move(e));
    }
  }
  return Status::OK();
}

Status Table::Update(row_id_t row, const std::vector<int>& columns,
                     const std::vector<Value>& values, UndoLog* undo) {
  Impl& t = *impl_;
  if (!t.IsLive(row)) {
    return Status(sqlstate::kInternalError, "update of a row that is not live");
  }
  std::vector<Value> before(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) t.ReadValue(row, columns[i], &before[i]);
  t.UnindexRow(row, &columns);
  t.WriteValues(row, columns, values);
  Status s = t.IndexRow(row, &columns);
  if (!s.ok()) {
    t.WriteValues(row, columns, before);
    OMEN_CHECK(t.IndexRow(row, &columns).ok());
    return s;
  }
  if (undo != nullptr) {
    UndoLog::Entry e = MakeEntry(UndoLog::Entry::Kind::kUpdate, weak_from_this().lock());
    e.row = row;
    e.before = std::move(before);
    e.columns = columns;
    undo->Push(std::move(e));
  }
  return Status::OK();
}

Status Table::Delete(row_id_t row, UndoLog* undo) {
  Impl& t = *impl_;
  if (!t.IsLive(row)) {
    return Status(sqlstate::kInternalError, "delete of a row that is not live");
  }
  t.UnindexRow(row, nullptr);
  t.SetDeleted(row, true);
  PushUndo(undo, UndoLog::Entry::Kind::kDelete, this, row);
  return Status::OK();
}

Status Table::Truncate(UndoLog* undo) {
  Impl& t = *impl_;
  auto saved = std::make_shared<TruncatedRows>();
  saved->groups = std::move(t.groups);
  saved->slots = t.slots;
  saved->live = t.live;
  t.groups.clear();
  t.slots = 0;
  t.live = 0;
  for (auto& index : t.indexes) index->Clear();
  if (undo != nullptr) {
    UndoLog::Entry e = MakeEntry(UndoLog::Entry::Kind::kTruncate, weak_from_this().lock());
    e.saved = std::move(saved);
    undo->Push(std::move(e));
  }
  return Status::OK();
}

bool Table::Fetch(row_id_t row, const std::vector<int>& column_ids, std::vector<Value>* out) const {
  const Impl& t = *impl_;
  if (!t.IsLive(row)) return false;
  out->resize(column_ids.size());
  const RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  for (size_t i = 0; i < column_ids.size(); ++i) {
    int c = column_ids[i];
    Value& v = (*out)[i];
    v.type = t.types[c];
    g.columns[c].Get(t.phys[c], off, &v);
  }
  return true;
}

bool Table::FetchAppend(row_id_t row, const std::vector<int>& column_ids, DataChunk* out) const {
  const Impl& t = *impl_;
  if (!t.IsLive(row)) return false;
  const RowGroup& g = t.Group(row);
  size_t off = Impl::Offset(row);
  for (size_t i = 0; i < column_ids.size(); ++i) {
    int c = column_ids[i];
    g.columns[c].AppendTo(t.phys[c], off, &out->columns[i]);
  }
  return true;
}

Status Table::Scan(const std::vector<int>& column_ids, const ScanSink& sink) const {
  const Impl& t = *impl_;
  std::vector<Type> types;
  types.reserve(column_ids.size());
  for (int c : column_ids) types.push_back(t.types[c]);
  DataChunk chunk(types);
  std::vector<row_id_t> rows;
  rows.reserve(kChunkSize);
  std::vector<uint32_t> sel;
  sel.reserve(kChunkSize);
  for (size_t gi = 0; gi < t.groups.size(); ++gi) {
    const RowGroup& g = *t.groups[gi];
    row_id_t group_base = gi * kRowGroupSize;
    for (size_t start = 0; start < g.size(); start += kChunkSize) {
      size_t n = std::min(kChunkSize, g.size() - start);
      sel.clear();
      if (g.deleted_count != 0) {
        for (size_t i = start; i < start + n; ++i) {
          if (g.deleted[i] == 0) sel.push_back(static_cast<uint32_t>(i));
        }
        if (sel.empty()) continue;
      }
      bool contiguous = sel.empty() || sel.size() == n;
      size_t count = contiguous ? n : sel.size();
      if (chunk.columns.size() != column_ids.size()) chunk = DataChunk(types);
      for (size_t j = 0; j < column_ids.size(); ++j) {
        int c = column_ids[j];
        Vector& v = chunk.columns[j];
        v.Resize(count);
        if (contiguous) {
          g.columns[c].CopyTo(t.phys[c], start, count, &v);
        } else {
          g.columns[c].GatherTo(t.phys[c], sel.data(), count, &v);
        }
      }
      chunk.size = count;
      rows.resize(count);
      for (size_t i = 0; i < count; ++i) rows[i] = group_base + (contiguous ? start + i : sel[i]);
      OMEN_RETURN_IF_ERROR(sink(chunk, rows));
    }
  }
  return Status::OK();
}

Result<int> Table::CreateIndex(IndexSpec spec, UndoLog* undo) {
  Impl& t = *impl_;
  std::vector<Type> key_types;
  for (int c : spec.columns) {
    if (c < 0 || static_cast<size_t>(c) >= t.types.size()) {
      return Status(sqlstate::kInternalError, "index column out of range");
    }
    key_types.push_back(t.types[c]);
  }
  auto index = std::make_unique<TableIndex>(spec, std::move(key_types), &t);
  OMEN_RETURN_IF_ERROR(t.BuildIndex(index.get()));
  t.specs.push_back(spec);
  t.indexes.push_back(std::move(index));
  if (undo != nullptr) {
    UndoLog::Entry e = MakeEntry(UndoLog::Entry::Kind::kIndexCreate, weak_from_this().lock());
    e.saved = std::make_shared<std::string>(spec.name);
    undo->Push(std::move(e));
  }
  return static_cast<int>(t.specs.size() - 1);
}

void Table::DropIndex(const std::string& name) {
  Impl& t = *impl_;
  int i = t.FindIndex(name);
  if (i < 0) return;
  t.specs.erase(t.specs.begin() + i);
  t.indexes.erase(t.indexes.begin() + i);
}

namespace {

struct DroppedIndex {
  IndexSpec spec;
  size_t position = 0;
};

}  // namespace

Status Table::DropIndex(const std::string& name, UndoLog* undo) {
  Impl& t = *impl_;
  int i = t.FindIndex(name);
  if (i < 0) return Status::OK();
  auto dropped = std::make_shared<DroppedIndex>();
  dropped->spec = t.specs[static_cast<size_t>(i)];
  dropped->position = static_cast<size_t>(i);
  t.specs.erase(t.specs.begin() + i);
  t.indexes.erase(t.indexes.begin() + i);
  if (undo != nullptr) {
    UndoLog::Entry e = MakeEntry(UndoLog::Entry::Kind::kIndexDrop, weak_from_this().lock());
    e.saved = std::move(dropped);
    undo->Push(std::move(e));
  }
  return Status::OK();
}

const std::vector<IndexSpec>& Table::Indexes() const { return impl_->specs; }

Status Table::IndexLookup(int index, const std::vector<Value>& key,
                          std::vector<row_id_t>* out) const {
  if (index < 0 || static_cast<size_t>(index) >= impl_->indexes.size()) {
    return Status(sqlstate::kInternalError, "no index " + std::to_string(index));
  }
  impl_->indexes[index]->Lookup(key, out);
  return Status::OK();
}

Status Table::IndexScan(int index, const KeyRange& range, size_t limit, std::vector<row_id_t>* out,
                        bool descending) const {
  if (index < 0 || static_cast<size_t>(index) >= impl_->indexes.size()) {
    return Status(sqlstate::kInternalError, "no index " + std::to_string(index));
  }
  impl_->indexes[index]->Scan(range, limit, descending, out);
  return Status::OK();
}

void Table::UndoEntry(const UndoLog::Entry& e) {
  Impl& t = *impl_;
  switch (e.kind) {
    case UndoLog::Entry::Kind::kInsert:
      if (!t.IsLive(e.row)) return;
      t.UnindexRow(e.row, nullptr);
      if (e.row + 1 == t.slots) {
        t.PopRow();
      } else {
        t.SetDeleted(e.row, true);
      }
      return;
    case UndoLog::Entry::Kind::kDelete:
      if (e.row >= t.slots || t.IsLive(e.row)) return;
      t.SetDeleted(e.row, false);
      OMEN_CHECK(t.IndexRow(e.row, nullptr).ok());
      return;
    case UndoLog::Entry::Kind::kUpdate:
      if (!t.IsLive(e.row)) return;
      t.UnindexRow(e.row, &e.columns);
      t.WriteValues(e.row, e.columns, e.before);
      OMEN_CHECK(t.IndexRow(e.row, &e.columns).ok());
      return;
    case UndoLog::Entry::Kind::kAddColumn:
      t.types.pop_back();
      t.phys.pop_back();
      for (auto& g : t.groups) g->columns.pop_back();
      return;
    case UndoLog::Entry::Kind::kIndexCreate:
      DropIndex(*std::static_pointer_cast<std::string>(e.saved));
      return;
    case UndoLog::Entry::Kind::kIndexDrop: {
      // Rebuilt from the current rows: newer changes were undone first, so
      // they equal the rows at drop time.
      auto dropped = std::static_pointer_cast<DroppedIndex>(e.saved);
      std::vector<Type> key_types;
      for (int c : dropped->spec.columns) key_types.push_back(t.types[static_cast<size_t>(c)]);
      auto index = std::make_unique<TableIndex>(dropped->spec, std::move(key_types), &t);
      OMEN_CHECK(t.BuildIndex(index.get()).ok());
      size_t pos = std::min(dropped->position, t.specs.size());
      t.specs.insert(t.specs.begin() + static_cast<std::ptrdiff_t>(pos), dropped->spec);
      t.indexes.insert(t.indexes.begin() + static_cast<std::ptrdiff_t>(pos), std::move(index));
      return;
    }
    case UndoLog::Entry::Kind::kTruncate: {
      auto saved = std::static_pointer_cast<TruncatedRows>(e.saved);
      t.groups = std::move(saved->groups);
      t.slots = saved->slots;
      t.live = saved->live;
      for (auto& index : t.indexes) OMEN_CHECK(t.BuildIndex(index.get()).ok());
      return;
    }
  }
}

}  // namespace omen::storage
