#include "execution/lock_rows_recheck.h"

#include <string>
#include <utility>

#include "common/sqlstate.h"
#include "execution/dml_support.h"
#include "execution/expression_executor.h"
#include "execution/value_compare.h"
#include "storage/table.h"

namespace omen::execution {

namespace {

Status Unsupported(const std::string& what) {
  return SerializationFailure().WithDetail(
      "SELECT ... FOR UPDATE/SHARE cannot re-check a row changed concurrently under " + what +
      "; retry the transaction.");
}

DataChunk OneRow(const std::vector<Type>& types, const std::vector<Value>& values) {
  DataChunk chunk(types);
  chunk.AppendRow(values);
  return chunk;
}

void AppendNulls(const std::vector<Type>& types, std::vector<Value>* values) {
  for (const Type& t : types) values->push_back(Value::Null(t));
}

}  // namespace

Result<bool> LockRowsRecheck::Run(const DataChunk& input, size_t row, DataChunk* out) {
  input_ = &input;
  row_ = row;
  const sql::LogicalOperator* node = lock_.children.empty() ? nullptr : lock_.children[0].get();
  while (node != nullptr && node->kind == sql::LogicalOpKind::kSort) {
    node = node->children[0].get();
  }
  if (node == nullptr || node->kind != sql::LogicalOpKind::kProjection || node->children.empty()) {
    return Unsupported("this plan");
  }
  const sql::LogicalOperator& projection = *node;
  std::vector<Value> from_row;
  OMEN_ASSIGN_OR_RETURN(bool qualifies, Eval(*projection.children[0], &from_row));
  if (!qualifies) return false;
  DataChunk from = OneRow(projection.children[0]->types, from_row);
  DataChunk result;
  for (const sql::BoundExprPtr& e : projection.exprs) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state_, *e, from, &v));
    result.columns.push_back(std::move(v));
  }
  result.size = 1;
  *out = std::move(result);
  return true;
}

Result<bool> LockRowsRecheck::Holds(const sql::BoundExpr& cond, const std::vector<Type>& types,
                                    const std::vector<Value>& values) {
  DataChunk chunk = OneRow(types, values);
  std::vector<uint32_t> sel;
  OMEN_RETURN_IF_ERROR(EvaluateFilter(state_, cond, chunk, &sel));
  return !sel.empty();
}

Result<bool> LockRowsRecheck::Eval(const sql::LogicalOperator& op, std::vector<Value>* values) {
  values->clear();
  if (op.recheck_tag >= 0) {
    for (const sql::RowLockTarget& t : lock_.lock_targets) {
      if (t.recheck_tag == op.recheck_tag) return EvalLockedGet(op, t, values);
    }
    for (const sql::RecheckLeaf& l : lock_.recheck_leaves) {
      if (l.tag != op.recheck_tag) continue;
      if (static_cast<size_t>(l.width) != op.types.size()) {
        return Status(sqlstate::kInternalError, "row-lock re-check: leaf width mismatch");
      }
      for (int c = l.first_column; c < l.first_column + l.width; ++c) {
        values->push_back(input_->columns[c].GetValue(row_));
      }
      return true;
    }
  }
  switch (op.kind) {
    case sql::LogicalOpKind::kFilter: {
      OMEN_ASSIGN_OR_RETURN(bool has, Eval(*op.children[0], values));
      if (!has || op.filter == nullptr) return has;
      return Holds(*op.filter, op.children[0]->types, *values);
    }
    case sql::LogicalOpKind::kProjection: {
      std::vector<Value> in;
      OMEN_ASSIGN_OR_RETURN(bool has, Eval(*op.children[0], &in));
      if (!has) return false;
      DataChunk chunk = OneRow(op.children[0]->types, in);
      for (const sql::BoundExprPtr& e : op.exprs) {
        Vector v;
        OMEN_RETURN_IF_ERROR(EvaluateExpression(state_, *e, chunk, &v));
        values->push_back(v.GetValue(0));
      }
      return true;
    }
    case sql::LogicalOpKind::kJoin:
      return EvalJoin(op, values);
    case sql::LogicalOpKind::kDummy:  // a subquery without FROM: one empty row
      return true;
    default:
      return Unsupported(std::string("a ") + (op.kind == sql::LogicalOpKind::kGet
                                                  ? "scan it cannot place"
                                                  : "plan operator it cannot re-run"));
  }
}

Result<bool> LockRowsRecheck::EvalLockedGet(const sql::LogicalOperator& get,
                                            const sql::RowLockTarget& target,
                                            std::vector<Value>* values) {
  const Vector& ids = input_->columns[target.row_id_column];
  if (get.kind != sql::LogicalOpKind::kGet || get.table == nullptr || !get.table->data ||
      get.table->data != target.table->data) {
    return Status(sqlstate::kInternalError, "row-lock re-check: target scan mismatch");
  }
  if (ids.IsNull(row_)) return false;
  auto row = static_cast<storage::row_id_t>(ids.i64()[row_]);
  const storage::Table& table = *get.table->data;
  if (!table.FetchLatest(row, get.column_ids, values)) return false;
  OMEN_ASSIGN_OR_RETURN(bool in_range, IndexConditionHolds(state_, get, table, row));
  if (!in_range) return false;
  if (get.emit_row_id) values->push_back(Value::Int64(static_cast<int64_t>(row)));
  if (get.filter == nullptr) return true;
  return Holds(*get.filter, get.types, *values);
}

Result<bool> LockRowsRecheck::EvalJoin(const sql::LogicalOperator& join,
                                       std::vector<Value>* values) {
  using sql::JoinType;
  if (join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti) {
    return Unsupported("a semi or anti join");
  }
  const std::vector<Type>& lt = join.children[0]->types;
  const std::vector<Type>& rt = join.children[1]->types;
  std::vector<Value> left, right;
  OMEN_ASSIGN_OR_RETURN(bool has_left, Eval(*join.children[0], &left));
  bool has_right = false;
  if (join.lateral) {
    // The right side reads the left row as its depth-1 outer row (LATERAL:
    // inner or left joins only).
    if (!has_left) return false;
    state_.outer_rows.push_back(left);
    Result<bool> r = Eval(*join.children[1], &right);
    state_.outer_rows.pop_back();
    OMEN_ASSIGN_OR_RETURN(has_right, std::move(r));
  } else {
    OMEN_ASSIGN_OR_RETURN(has_right, Eval(*join.children[1], &right));
  }
  bool match = has_left && has_right;
  if (match && !join.left_keys.empty()) {
    DataChunk lc = OneRow(lt, left), rc = OneRow(rt, right);
    for (size_t k = 0; match && k < join.left_keys.size(); ++k) {
      Vector a, b;
      OMEN_RETURN_IF_ERROR(EvaluateExpression(state_, *join.left_keys[k], lc, &a));
      OMEN_RETURN_IF_ERROR(EvaluateExpression(state_, *join.right_keys[k], rc, &b));
      match = !a.IsNull(0) && !b.IsNull(0) && CompareSlots(a, 0, b, 0) == 0;
    }
  }
  std::vector<Value> both = left;
  both.insert(both.end(), right.begin(), right.end());
  if (match && join.condition != nullptr) {
    OMEN_ASSIGN_OR_RETURN(match, Holds(*join.condition, join.types, both));
  }
  if (match) {
    *values = std::move(both);
    return true;
  }
  switch (join.join_type) {
    case JoinType::kLeft:
      if (!has_left) return false;
      *values = std::move(left);
      AppendNulls(rt, values);
      return true;
    case JoinType::kRight:
      if (!has_right) return false;
      AppendNulls(lt, values);
      values->insert(values->end(), right.begin(), right.end());
      return true;
    case JoinType::kFull:
      if (has_left && has_right) return Unsupported("a FULL join");
      if (has_left) {
        *values = std::move(left);
        AppendNulls(rt, values);
        return true;
      }
      if (has_right) {
        AppendNulls(lt, values);
        values->insert(values->end(), right.begin(), right.end());
        return true;
      }
      return false;
    default:
      return false;
  }
}

}  // namespace omen::execution
