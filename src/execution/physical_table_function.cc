#include "execution/physical_table_function.h"

#include "common/array.h"
#include "execution/expression_executor.h"

namespace omen::execution {

namespace {

// unnest(array): the elements in order, one row each; a NULL array gives no rows.
Result<PushResult> ProduceUnnest(ExecState& state, const sql::LogicalOperator& op, const ChunkConsumer& consumer) {
  DataChunk one;
  one.size = 1;
  Vector v;
  OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op.exprs[0], one, &v));
  if (v.IsNull(0)) return PushResult::kNeedMore;
  std::vector<Value> elems = DecodeArray(v.str()[0], v.type().ElementType());
  for (size_t start = 0; start < elems.size(); start += kChunkSize) {
    DataChunk chunk(op.types);
    for (size_t k = start; k < elems.size() && k < start + kChunkSize; ++k) {
      elems[k].type = op.types[0];
      chunk.columns[0].Append(elems[k]);
      ++chunk.size;
    }
    OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(chunk));
    if (res == PushResult::kFinished) return res;
  }
  return PushResult::kNeedMore;
}

}  // namespace

Result<PushResult> PhysicalTableFunction::Produce(ExecState& state,
                                                  const ChunkConsumer& consumer) {
  if (op_.table_function == "unnest") return ProduceUnnest(state, op_, consumer);
  DataChunk one;
  one.size = 1;
  int64_t args[3] = {0, 0, 1};
  for (size_t i = 0; i < op_.exprs.size() && i < 3; ++i) {
    Vector v;
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op_.exprs[i], one, &v));
    if (v.IsNull(0)) return PushResult::kNeedMore;  // strict: no rows
    args[i] = v.i64()[0];
  }
  const int64_t stop = args[1], step = args[2];
  if (step == 0) return Status(SqlState("22023"), "step size cannot equal zero");
  int64_t next = args[0];
  bool done = step > 0 ? next > stop : next < stop;
  while (!done) {
    DataChunk chunk(op_.types);
    Vector& out = chunk.columns[0];
    out.Resize(kChunkSize);
    int64_t* slot = out.i64();
    size_t n = 0;
    while (n < kChunkSize && !done) {
      slot[n++] = next;
      // Stop after passing `stop` or overflowing int64.
      done = __builtin_add_overflow(next, step, &next) || (step > 0 ? next > stop : next < stop);
    }
    out.Resize(n);
    chunk.size = n;
    OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(chunk));
    if (res == PushResult::kFinished) return res;
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
