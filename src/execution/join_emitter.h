#pragma once
// JoinEmitter: the probe-side logic shared by the hash join and the nested
// loop join. The join operator proposes candidate (left row, right row)
// pairs; the emitter evaluates the residual condition over left+right
// columns in batches, tracks which rows matched and emits the output for
// every join type (inner, left, right, full, cross, semi, anti), including
// NULL-extended rows. Local state of one probe run; not thread-safe.

#include <cstdint>
#include <functional>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

struct RowRef {
  uint32_t chunk;
  uint32_t row;
};

// Proposes the candidates of one left chunk through AddCandidate; returns
// kFinished as soon as AddCandidate does.
using CandidateProposer = std::function<Result<PushResult>(const DataChunk& left)>;

class JoinEmitter {
 public:
  // `right` is the materialized right side; it must outlive the emitter.
  JoinEmitter(const sql::LogicalOperator& op, ExecState& state, const ChunkConsumer& consumer,
              const std::vector<Type>& left_types, const std::vector<Type>& right_types,
              const std::vector<DataChunk>& right);

  // Starts a new chunk of left rows.
  void BeginLeftChunk(const DataChunk& left);
  // Whether candidates are needed for left row i (false once a semi/anti
  // row has matched).
  bool NeedsCandidates(size_t i) const;
  // Proposes left row i of the current chunk with right row `r`.
  Result<PushResult> AddCandidate(size_t i, RowRef r);
  // Flushes candidates and emits the NULL-extended / semi / anti rows of the chunk.
  Result<PushResult> EndLeftChunk();
  // Emits unmatched right rows (right and full joins).
  Result<PushResult> Finish();

  // The whole probe: runs `left` and wraps `propose` of each chunk in
  // BeginLeftChunk / EndLeftChunk, then calls Finish unless the consumer
  // finished first.
  Result<PushResult> Probe(PhysicalOperator& left, const CandidateProposer& propose);

 private:
  Result<PushResult> Flush();
  Result<PushResult> Push(DataChunk& chunk);

  const sql::LogicalOperator& op_;
  ExecState& state_;
  const ChunkConsumer& consumer_;
  std::vector<Type> left_types_, right_types_, pair_types_;
  const std::vector<DataChunk>& right_;
  std::vector<std::vector<uint8_t>> right_matched_;
  const DataChunk* left_ = nullptr;
  std::vector<uint8_t> left_matched_;
  DataChunk candidates_;
  std::vector<uint32_t> cand_left_;
  std::vector<RowRef> cand_right_;
};

}  // namespace omen::execution
