#include "execution/physical_nested_loop_join.h"

#include "execution/join_emitter.h"
#include "execution/physical_hash_join.h"

namespace omen::execution {

std::string PhysicalNestedLoopJoin::Name() const {
  std::string t = JoinTypeName(op_.join_type);
  return t.empty() ? "Nested Loop" : "Nested Loop " + t + " Join";
}

std::vector<std::string> PhysicalNestedLoopJoin::Details() const {
  if (!op_.condition) return {};
  return {"Join Filter: " + op_.condition->ToString()};
}

Result<PushResult> PhysicalNestedLoopJoin::Produce(ExecState& state, const ChunkConsumer& consumer) {
  std::vector<DataChunk> right;
  MemoryReservation memory(MemoryComponent::kOperators);
  OMEN_RETURN_IF_ERROR(Materialize(*children_[1], state, &right, &memory));
  JoinEmitter emitter(op_, state, consumer, children_[0]->types(), children_[1]->types(), right);
  return emitter.Probe(*children_[0], [&](const DataChunk& chunk) -> Result<PushResult> {
    for (size_t i = 0; i < chunk.size; ++i) {
      for (size_t rc = 0; rc < right.size() && emitter.NeedsCandidates(i); ++rc) {
        for (size_t rr = 0; rr < right[rc].size && emitter.NeedsCandidates(i); ++rr) {
          OMEN_ASSIGN_OR_RETURN(PushResult res, emitter.AddCandidate(i, {uint32_t(rc), uint32_t(rr)}));
          if (res == PushResult::kFinished) return res;
        }
      }
      OMEN_RETURN_IF_ERROR(state.CheckCancel());
    }
    return PushResult::kNeedMore;
  });
}

}  // namespace omen::execution
