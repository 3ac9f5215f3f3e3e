#include "execution/physical_limit.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

#include "execution/expression_executor.h"

namespace omen::execution {

namespace {

// The count an expression gives; nullopt when absent or NULL (no limit).
Result<std::optional<int64_t>> EvaluateCount(ExecState& state, const sql::BoundExpr* e) {
  using R = std::optional<int64_t>;
  if (e == nullptr) return R();
  OMEN_ASSIGN_OR_RETURN(Value v, EvaluateScalar(state, *e));
  if (v.is_null) return R();
  switch (v.type.physical()) {
    case PhysicalType::kInt64: return R(v.i);
    case PhysicalType::kDouble: return R(static_cast<int64_t>(std::llround(v.d)));
    case PhysicalType::kNumeric: {
      OMEN_ASSIGN_OR_RETURN(int64_t i, v.n.ToInt64());
      return R(i);
    }
    case PhysicalType::kString: break;
  }
  return Status(sqlstate::kDatatypeMismatch, "argument of LIMIT must be type bigint");
}

}  // namespace

Result<PushResult> PhysicalLimit::Produce(ExecState& state, const ChunkConsumer& consumer) {
  OMEN_ASSIGN_OR_RETURN(std::optional<int64_t> limit, EvaluateCount(state, op_.limit.get()));
  OMEN_ASSIGN_OR_RETURN(std::optional<int64_t> offset, EvaluateCount(state, op_.offset.get()));
  if (limit && *limit < 0) return Status(SqlState("2201W"), "LIMIT must not be negative");
  if (offset && *offset < 0) return Status(SqlState("2201X"), "OFFSET must not be negative");
  uint64_t remaining = limit ? static_cast<uint64_t>(*limit) : std::numeric_limits<uint64_t>::max();
  uint64_t skip = offset ? static_cast<uint64_t>(*offset) : 0;
  if (remaining == 0) return PushResult::kNeedMore;
  bool parent_done = false;
  Result<PushResult> r = children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    size_t begin = 0;
    if (skip > 0) {
      size_t s = static_cast<size_t>(std::min<uint64_t>(skip, chunk.size));
      skip -= s;
      begin = s;
    }
    size_t take = static_cast<size_t>(std::min<uint64_t>(remaining, chunk.size - begin));
    if (begin != 0 || take != chunk.size) {
      std::vector<uint32_t> sel(take);
      std::iota(sel.begin(), sel.end(), static_cast<uint32_t>(begin));
      chunk.Select(sel.data(), take);
    }
    remaining -= take;
    if (take > 0) {
      OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(chunk));
      if (res == PushResult::kFinished) {
        parent_done = true;
        return res;
      }
    }
    return remaining == 0 ? PushResult::kFinished : PushResult::kNeedMore;
  });
  OMEN_RETURN_IF_ERROR(r.status());
  return parent_done ? PushResult::kFinished : PushResult::kNeedMore;
}

}  // namespace omen::execution
