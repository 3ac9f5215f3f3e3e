#include "execution/physical_lateral_join.h"

#include "execution/join_emitter.h"
#include "execution/physical_hash_join.h"

namespace omen::execution {

std::string PhysicalLateralJoin::Name() const {
  std::string t = JoinTypeName(op_.join_type);
  return t.empty() ? "Nested Loop" : "Nested Loop " + t + " Join";
}

std::vector<std::string> PhysicalLateralJoin::Details() const {
  if (!op_.condition) return {};
  return {"Join Filter: " + op_.condition->ToString()};
}

Result<PushResult> PhysicalLateralJoin::Produce(ExecState& state, const ChunkConsumer& consumer) {
  const std::vector<Type>& left_types = children_[0]->types();
  const std::vector<Type>& right_types = children_[1]->types();
  bool finished = false;
  auto per_chunk = [&](DataChunk& chunk) -> Result<PushResult> {
    for (size_t i = 0; i < chunk.size && !finished; ++i) {
      DataChunk one(left_types);
      one.AppendRow(chunk, i);
      std::vector<Value> row;
      row.reserve(left_types.size());
      for (size_t c = 0; c < left_types.size(); ++c) row.push_back(chunk.columns[c].GetValue(i));
      state.outer_rows.push_back(std::move(row));
      std::vector<DataChunk> right;
      Status st = Materialize(*children_[1], state, &right);
      state.outer_rows.pop_back();
      OMEN_RETURN_IF_ERROR(st);
      JoinEmitter emitter(op_, state, consumer, left_types, right_types, right);
      emitter.BeginLeftChunk(one);
      for (size_t rc = 0; rc < right.size() && emitter.NeedsCandidates(0); ++rc) {
        for (size_t rr = 0; rr < right[rc].size && emitter.NeedsCandidates(0); ++rr) {
          OMEN_ASSIGN_OR_RETURN(PushResult res,
                                emitter.AddCandidate(0, {uint32_t(rc), uint32_t(rr)}));
          if (res == PushResult::kFinished) finished = true;
        }
      }
      if (finished) break;
      OMEN_ASSIGN_OR_RETURN(PushResult res, emitter.EndLeftChunk());
      if (res == PushResult::kFinished) finished = true;
      OMEN_RETURN_IF_ERROR(state.CheckCancel());
    }
    return finished ? PushResult::kFinished : PushResult::kNeedMore;
  };
  OMEN_ASSIGN_OR_RETURN(PushResult res, children_[0]->Run(state, per_chunk));
  return finished ? PushResult::kFinished : res;
}

}  // namespace omen::execution
