#include "execution/physical_operator.h"

#include <utility>

namespace omen::execution {

Status ExecState::CheckCancel() const {
  if (ctx != nullptr && ctx->cancel != nullptr && ctx->cancel->load(std::memory_order_relaxed)) {
    return Status(sqlstate::kQueryCanceled, "canceling statement due to user request");
  }
  if (ctx != nullptr && ctx->deadline != std::chrono::steady_clock::time_point::max() &&
      std::chrono::steady_clock::now() >= ctx->deadline) {
    return Status(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
  }
  return Status::OK();
}

Result<PushResult> PhysicalOperator::Run(ExecState& state, const ChunkConsumer& consumer) {
  ++loops_;
  return Produce(state, [&](DataChunk& chunk) -> Result<PushResult> {
    if (chunk.size == 0) return PushResult::kNeedMore;
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    rows_ += chunk.size;
    return consumer(chunk);
  });
}

Status Materialize(PhysicalOperator& child, ExecState& state, std::vector<DataChunk>* out,
                   MemoryReservation* memory) {
  Result<PushResult> r = child.Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    if (memory != nullptr) OMEN_RETURN_IF_ERROR(memory->Grow(EstimateBytes(chunk)));
    out->push_back(std::move(chunk));
    return PushResult::kNeedMore;
  });
  return r.status();
}

}  // namespace omen::execution
