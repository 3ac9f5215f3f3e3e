#include "execution/join_emitter.h"

#include <utility>

#include "execution/expression_executor.h"

namespace omen::execution {

using sql::JoinType;

JoinEmitter::JoinEmitter(const sql::LogicalOperator& op, ExecState& state, const ChunkConsumer& consumer,
                         const std::vector<Type>& left_types, const std::vector<Type>& right_types,
                         const std::vector<DataChunk>& right)
    : op_(op), state_(state), consumer_(consumer), left_types_(left_types), right_types_(right_types),
      right_(right) {
  pair_types_ = left_types_;
  pair_types_.insert(pair_types_.end(), right_types_.begin(), right_types_.end());
  candidates_ = DataChunk(pair_types_);
  right_matched_.resize(right_.size());
  for (size_t c = 0; c < right_.size(); ++c) right_matched_[c].assign(right_[c].size, 0);
}

void JoinEmitter::BeginLeftChunk(const DataChunk& left) {
  left_ = &left;
  left_matched_.assign(left.size, 0);
}

Result<PushResult> JoinEmitter::Probe(PhysicalOperator& left, const CandidateProposer& propose) {
  bool done = false;
  Result<PushResult> r = left.Run(state_, [&](DataChunk& chunk) -> Result<PushResult> {
    BeginLeftChunk(chunk);
    OMEN_ASSIGN_OR_RETURN(PushResult proposed, propose(chunk));
    if (proposed == PushResult::kFinished) {
      done = true;
      return proposed;
    }
    OMEN_ASSIGN_OR_RETURN(PushResult res, EndLeftChunk());
    if (res == PushResult::kFinished) done = true;
    return res;
  });
  OMEN_RETURN_IF_ERROR(r.status());
  if (done) return PushResult::kFinished;
  return Finish();
}

bool JoinEmitter::NeedsCandidates(size_t i) const {
  bool semi_anti = op_.join_type == JoinType::kSemi || op_.join_type == JoinType::kAnti;
  return !(semi_anti && left_matched_[i]);
}

Result<PushResult> JoinEmitter::Push(DataChunk& chunk) {
  if (chunk.size == 0) return PushResult::kNeedMore;
  return consumer_(chunk);
}

Result<PushResult> JoinEmitter::AddCandidate(size_t i, RowRef r) {
  bool semi_anti = op_.join_type == JoinType::kSemi || op_.join_type == JoinType::kAnti;
  if (semi_anti && !op_.condition) {
    left_matched_[i] = 1;
    return PushResult::kNeedMore;
  }
  const DataChunk& rc = right_[r.chunk];
  size_t nl = left_types_.size();
  for (size_t c = 0; c < nl; ++c) candidates_.columns[c].AppendFrom(left_->columns[c], i);
  for (size_t c = 0; c < right_types_.size(); ++c) {
    candidates_.columns[nl + c].AppendFrom(rc.columns[c], r.row);
  }
  ++candidates_.size;
  cand_left_.push_back(static_cast<uint32_t>(i));
  cand_right_.push_back(r);
  if (candidates_.size >= kChunkSize) return Flush();
  return PushResult::kNeedMore;
}

Result<PushResult> JoinEmitter::Flush() {
  if (candidates_.size == 0) return PushResult::kNeedMore;
  std::vector<uint32_t> sel;
  if (op_.condition) {
    OMEN_RETURN_IF_ERROR(EvaluateFilter(state_, *op_.condition, candidates_, &sel));
  } else {
    sel.resize(candidates_.size);
    for (size_t k = 0; k < sel.size(); ++k) sel[k] = static_cast<uint32_t>(k);
  }
  for (uint32_t k : sel) {
    left_matched_[cand_left_[k]] = 1;
    right_matched_[cand_right_[k].chunk][cand_right_[k].row] = 1;
  }
  PushResult res = PushResult::kNeedMore;
  if (op_.join_type != JoinType::kSemi && op_.join_type != JoinType::kAnti && !sel.empty()) {
    if (sel.size() != candidates_.size) candidates_.Select(sel.data(), sel.size());
    OMEN_ASSIGN_OR_RETURN(res, Push(candidates_));
  }
  candidates_ = DataChunk(pair_types_);
  cand_left_.clear();
  cand_right_.clear();
  return res;
}

Result<PushResult> JoinEmitter::EndLeftChunk() {
  OMEN_ASSIGN_OR_RETURN(PushResult res, Flush());
  if (res == PushResult::kFinished) return res;
  JoinType t = op_.join_type;
  if (t == JoinType::kSemi || t == JoinType::kAnti) {
    std::vector<uint32_t> sel;
    for (size_t i = 0; i < left_->size; ++i) {
      if ((left_matched_[i] != 0) == (t == JoinType::kSemi)) sel.push_back(static_cast<uint32_t>(i));
    }
    DataChunk out;
    out.columns = left_->columns;
    out.size = left_->size;
    out.Select(sel.data(), sel.size());
    return Push(out);
  }
  if (t != JoinType::kLeft && t != JoinType::kFull) return PushResult::kNeedMore;
  DataChunk out(pair_types_);
  size_t nl = left_types_.size();
  for (size_t i = 0; i < left_->size; ++i) {
    if (left_matched_[i]) continue;
    for (size_t c = 0; c < nl; ++c) out.columns[c].AppendFrom(left_->columns[c], i);
    for (size_t c = nl; c < pair_types_.size(); ++c) out.columns[c].Append(Value::Null(pair_types_[c]));
    ++out.size;
  }
  return Push(out);
}

Result<PushResult> JoinEmitter::Finish() {
  if (op_.join_type != JoinType::kRight && op_.join_type != JoinType::kFull) return PushResult::kNeedMore;
  size_t nl = left_types_.size();
  for (size_t rc = 0; rc < right_.size(); ++rc) {
    DataChunk out(pair_types_);
    for (size_t r = 0; r < right_[rc].size; ++r) {
      if (right_matched_[rc][r]) continue;
      for (size_t c = 0; c < nl; ++c) out.columns[c].Append(Value::Null(pair_types_[c]));
      for (size_t c = 0; c < right_types_.size(); ++c) {
        out.columns[nl + c].AppendFrom(right_[rc].columns[c], r);
      }
      ++out.size;
    }
    OMEN_ASSIGN_OR_RETURN(PushResult res, Push(out));
    if (res == PushResult::kFinished) return res;
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
