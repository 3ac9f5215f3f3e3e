#include "execution/physical_projection.h"

#include <utility>

#include "execution/expression_executor.h"

namespace omen::execution {

Status ProjectChunk(ExecState& state, const std::vector<sql::BoundExprPtr>& exprs,
                    const DataChunk& input, DataChunk* out) {
  out->size = input.size;
  out->columns.resize(exprs.size());
  for (size_t c = 0; c < exprs.size(); ++c) {
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *exprs[c], input, &out->columns[c]));
  }
  return Status::OK();
}

namespace {

// True if every expression is a plain column reference and no column is
// referenced twice: then the output can take the input's vectors.
bool DistinctColumnRefs(const std::vector<sql::BoundExprPtr>& exprs, size_t input_columns) {
  for (size_t i = 0; i < exprs.size(); ++i) {
    const sql::BoundExpr& e = *exprs[i];
    if (e.kind != sql::BoundExprKind::kColumnRef || e.index < 0 ||
        static_cast<size_t>(e.index) >= input_columns) {
      return false;
    }
    for (size_t j = 0; j < i; ++j) {
      if (exprs[j]->index == e.index) return false;  // runs per execution: no allocation
    }
  }
  return true;
}

}  // namespace

Result<PushResult> PhysicalProjection::Produce(ExecState& state, const ChunkConsumer& consumer) {
  // A table scan hands over a fresh chunk per push and never reads it again,
  // so a projection of its columns moves them instead of copying (the common
  // SELECT a, b FROM t WHERE ... and primary-key lookups).
  const bool move_columns =
      op_.children[0]->kind == sql::LogicalOpKind::kGet &&  // always a PhysicalTableScan
      DistinctColumnRefs(op_.exprs, op_.children[0]->types.size());
  return children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    DataChunk out;
    if (move_columns) {
      out.size = chunk.size;
      out.columns.reserve(op_.exprs.size());
      for (const auto& e : op_.exprs) out.columns.push_back(std::move(chunk.columns[e->index]));
      return consumer(out);
    }
    OMEN_RETURN_IF_ERROR(ProjectChunk(state, op_.exprs, chunk, &out));
    return consumer(out);
  });
}

}  // namespace omen::execution
