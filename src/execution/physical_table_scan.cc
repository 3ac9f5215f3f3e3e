#include "execution/physical_table_scan.h"

#include <algorithm>
#include <utility>

#include "execution/expression_executor.h"
#include "execution/value_compare.h"

namespace omen::execution {

using sql::IndexAccess;

std::string PhysicalTableScan::Name() const {
  std::string name = op_.table ? op_.table->name : "?";
  std::string rel = name;
  if (!op_.alias.empty() && op_.alias != name) rel += " " + op_.alias;
  const IndexAccess& ia = op_.index_access;
  if (ia.index < 0) return "Seq Scan on " + rel;
  std::string index_name = "?";
  if (op_.table && ia.index < static_cast<int>(op_.table->indexes.size())) {
    index_name = op_.table->indexes[ia.index].name;
  }
  return std::string(ia.descending ? "Index Scan Backward using " : "Index Scan using ") + index_name +
         " on " + rel;
}

namespace {

// EXPLAIN's "Index Cond" text, as PostgreSQL prints it.
std::string IndexCond(const sql::LogicalOperator& op) {
  const IndexAccess& ia = op.index_access;
  if (!op.table || ia.index >= static_cast<int>(op.table->indexes.size())) return "";
  const catalog::IndexDef& idx = op.table->indexes[ia.index];
  auto column = [&](size_t k) {
    if (k >= idx.columns.size()) return std::string("?");
    return op.table->columns[idx.columns[k]].name;
  };
  std::vector<std::string> conds;
  switch (ia.kind) {
    case IndexAccess::Kind::kEquality:
      for (size_t k = 0; k < ia.keys.size(); ++k) {
        conds.push_back("(" + column(k) + " = " + ia.keys[k]->ToString() + ")");
      }
      break;
    case IndexAccess::Kind::kInList: {
      std::string list;
      for (const auto& k : ia.keys) list += (list.empty() ? "" : ", ") + k->ToString();
      conds.push_back("(" + column(0) + " = ANY (ARRAY[" + list + "]))");
      break;
    }
    case IndexAccess::Kind::kRange:
      if (ia.lower) {
        conds.push_back("(" + column(0) + (ia.lower_inclusive ? " >= " : " > ") + ia.lower->ToString() + ")");
      }
      if (ia.upper) {
        conds.push_back("(" + column(0) + (ia.upper_inclusive ? " <= " : " < ") + ia.upper->ToString() + ")");
      }
      break;
  }
  if (conds.empty()) return "";
  if (conds.size() == 1) return conds[0];
  std::string out;
  for (const std::string& c : conds) out += (out.empty() ? "" : " AND ") + c;
  return "(" + out + ")";
}

}  // namespace

std::vector<std::string> PhysicalTableScan::Details() const {
  std::vector<std::string> out;
  if (op_.index_access.index >= 0) {
    std::string cond = IndexCond(op_);
    if (!cond.empty()) out.push_back("Index Cond: " + cond);
  }
  if (!op_.filter) return out;
  out.push_back("Filter: " + op_.filter->ToString());
  if (loops() > 0) out.push_back("Rows Removed by Filter: " + std::to_string((removed_ + loops() / 2) / loops()));
  return out;
}

Result<PushResult> PhysicalTableScan::Emit(ExecState& state, DataChunk& chunk,
                                           const ChunkConsumer& consumer) {
  OMEN_RETURN_IF_ERROR(state.CheckCancel());
  if (op_.filter) {
    std::vector<uint32_t> sel;
    OMEN_RETURN_IF_ERROR(EvaluateFilter(state, *op_.filter, chunk, &sel));
    removed_ += chunk.size - sel.size();
    if (sel.size() != chunk.size) chunk.Select(sel.data(), sel.size());
  }
  if (chunk.size == 0) return PushResult::kNeedMore;
  return consumer(chunk);
}

namespace {

Status NoTable() { return Status(sqlstate::kInternalError, "table has no storage"); }

}  // namespace

Status PhysicalTableScan::IndexRows(ExecState& state, const storage::Table& table,
                                    std::vector<storage::row_id_t>* rows) const {
  const IndexAccess& ia = op_.index_access;
  switch (ia.kind) {
    case IndexAccess::Kind::kEquality: {
      std::vector<Value> key;
      key.reserve(ia.keys.size());
      for (const auto& k : ia.keys) {
        OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *k));
        if (v.is_null) return Status::OK();  // = NULL matches nothing
        key.push_back(std::move(v));
      }
      OMEN_RETURN_IF_ERROR(table.IndexLookup(state.ctx->undo, ia.index, key, rows));
      break;
    }
    case IndexAccess::Kind::kInList: {
      std::vector<Value> keys;
      for (const auto& k : ia.keys) {
        OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *k));
        if (!v.is_null) keys.push_back(std::move(v));
      }
      std::stable_sort(keys.begin(), keys.end(),
                       [](const Value& a, const Value& b) { return CompareValues(a, b) < 0; });
      keys.erase(std::unique(keys.begin(), keys.end(),
                             [](const Value& a, const Value& b) { return CompareValues(a, b) == 0; }),
                 keys.end());
      for (const Value& v : keys) OMEN_RETURN_IF_ERROR(table.IndexLookup(state.ctx->undo, ia.index, {v}, rows));
      break;
    }
    case IndexAccess::Kind::kRange: {
      storage::KeyRange range;
      if (ia.lower) {
        OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *ia.lower));
        if (v.is_null) return Status::OK();
        range.lower = {std::move(v)};
        range.has_lower = true;
        range.lower_inclusive = ia.lower_inclusive;
      }
      if (ia.upper) {
        OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *ia.upper));
        if (v.is_null) return Status::OK();
        range.upper = {std::move(v)};
        range.has_upper = true;
        range.upper_inclusive = ia.upper_inclusive;
      }
      OMEN_RETURN_IF_ERROR(table.IndexScan(state.ctx->undo, ia.index, range, 0, rows));
      break;
    }
  }
  if (ia.descending) std::reverse(rows->begin(), rows->end());
  return Status::OK();
}

PhysicalTableScan::PhysicalTableScan(const sql::LogicalOperator& op) : PhysicalOperator(op) {
  if (!op_.table || !op_.table->data) return;  // Produce reports it
  scan_types_.reserve(op_.column_ids.size() + 1);
  for (int c : op_.column_ids) scan_types_.push_back(op_.table->data->ColumnTypes()[c]);
  if (op_.emit_row_id) scan_types_.push_back(Type(TypeId::kInt64));
}

Result<PushResult> PhysicalTableScan::Produce(ExecState& state, const ChunkConsumer& consumer) {
  if (!op_.table || !op_.table->data) return NoTable();
  const storage::Table& table = *op_.table->data;
  const std::vector<Type>& scan_types = scan_types_;

  const IndexAccess& ia = op_.index_access;
  if (ia.index >= 0 && ia.kind == IndexAccess::Kind::kEquality &&
      ia.index < static_cast<int>(op_.table->indexes.size()) &&
      op_.table->indexes[ia.index].unique &&
      ia.keys.size() == op_.table->indexes[ia.index].columns.size()) {
    // A unique key: at most one row is visible; find and read it in one pass
    // (into buffers kept across runs: a point lookup allocates nothing here).
    std::vector<Value>& key = lookup_key_;
    key.clear();
    for (const auto& k : ia.keys) {
      OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *k));
      if (v.is_null) return PushResult::kNeedMore;  // = NULL matches nothing
      key.push_back(std::move(v));
    }
    DataChunk& chunk = lookup_chunk_;
    if (chunk.columns.size() != scan_types.size()) {
      chunk = DataChunk(scan_types);  // first run, or a consumer took the columns
    } else {
      chunk.Reset();
    }
    std::vector<storage::row_id_t>& rows = lookup_rows_;
    rows.clear();
    OMEN_RETURN_IF_ERROR(
        table.IndexLookupAppend(state.ctx->undo, ia.index, key, op_.column_ids, &chunk, &rows));
    chunk.size = rows.size();
    if (op_.emit_row_id) {
      for (storage::row_id_t r : rows) chunk.columns.back().Append(Value::Int64(static_cast<int64_t>(r)));
    }
    return Emit(state, chunk, consumer);
  }
  if (ia.index >= 0) {
    std::vector<storage::row_id_t> rows;
    OMEN_RETURN_IF_ERROR(IndexRows(state, table, &rows));
    for (size_t k = 0; k < rows.size();) {
      DataChunk chunk(scan_types);
      for (; k < rows.size() && chunk.size < kChunkSize; ++k) {
        if (!table.FetchAppend(state.ctx->undo, rows[k], op_.column_ids, &chunk)) continue;
        if (op_.emit_row_id) {
          chunk.columns.back().Append(Value::Int64(static_cast<int64_t>(rows[k])));
        }
        ++chunk.size;
      }
      OMEN_ASSIGN_OR_RETURN(PushResult r, Emit(state, chunk, consumer));
      if (r == PushResult::kFinished) return r;
    }
    return PushResult::kNeedMore;
  }

  bool finished = false;
  Status err;
  Status s = table.Scan(state.ctx->undo, op_.column_ids, [&](DataChunk& in, const std::vector<storage::row_id_t>& ids) -> Status {
    DataChunk chunk;
    chunk.columns = std::move(in.columns);  // the scan re-creates its buffer
    chunk.size = in.size;
    if (op_.emit_row_id) {
      Vector rid(Type(TypeId::kInt64));
      rid.Resize(in.size);
      for (size_t i = 0; i < in.size; ++i) rid.i64()[i] = static_cast<int64_t>(ids[i]);
      chunk.columns.push_back(std::move(rid));
    }
    Result<PushResult> r = Emit(state, chunk, consumer);
    if (!r.ok()) {
      err = r.status();
      return err;
    }
    if (*r == PushResult::kFinished) {
      finished = true;
      return Status(sqlstate::kQueryCanceled, "scan stopped");  // stops Scan; not an error
    }
    return Status::OK();
  });
  if (!err.ok()) return err;
  if (finished) return PushResult::kFinished;
  OMEN_RETURN_IF_ERROR(s);
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
