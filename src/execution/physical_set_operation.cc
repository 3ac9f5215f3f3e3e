#include "execution/physical_set_operation.h"

#include <utility>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "execution/row_key_set.h"
#include "execution/value_compare.h"

namespace omen::execution {

using sql::SetOpType;

std::string PhysicalSetOperation::Name() const {
  switch (op_.set_op) {
    case SetOpType::kUnion: return op_.set_all ? "Append" : "HashAggregate";
    case SetOpType::kIntersect: return op_.set_all ? "HashSetOp Intersect All" : "HashSetOp Intersect";
    case SetOpType::kExcept: return op_.set_all ? "HashSetOp Except All" : "HashSetOp Except";
  }
  return "SetOp";
}

Result<PushResult> PhysicalSetOperation::ProduceUnion(ExecState& state, const ChunkConsumer& consumer) {
  RowKeySet seen;
  for (auto& child : children_) {
    Result<PushResult> r = child->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
      chunk.Relabel(op_.types);
      if (!op_.set_all && seen.KeepNew(ColumnPointers(chunk), &chunk) == 0) {
        return PushResult::kNeedMore;
      }
      return consumer(chunk);
    });
    OMEN_RETURN_IF_ERROR(r.status());
    if (*r == PushResult::kFinished) return PushResult::kFinished;
  }
  return PushResult::kNeedMore;
}

Result<PushResult> PhysicalSetOperation::Produce(ExecState& state, const ChunkConsumer& consumer) {
  if (op_.set_op == SetOpType::kUnion) return ProduceUnion(state, consumer);
  // Global state: how many times each row occurs on the right.
  absl::flat_hash_map<RowKey, int64_t, RowKeyHash> right_counts;
  Result<PushResult> rr = children_[1]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    std::vector<const Vector*> cols = ColumnPointers(chunk);
    for (size_t i = 0; i < chunk.size; ++i) ++right_counts[MakeRowKey(cols, i)];
    return PushResult::kNeedMore;
  });
  OMEN_RETURN_IF_ERROR(rr.status());
  const bool intersect = op_.set_op == SetOpType::kIntersect;
  absl::flat_hash_set<RowKey, RowKeyHash> emitted;
  std::vector<uint32_t> sel;
  return children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    chunk.Relabel(op_.types);
    std::vector<const Vector*> cols = ColumnPointers(chunk);
    sel.clear();
    for (size_t i = 0; i < chunk.size; ++i) {
      RowKey key = MakeRowKey(cols, i);
      auto it = right_counts.find(key);
      int64_t* count = it == right_counts.end() ? nullptr : &it->second;
      bool keep;
      if (op_.set_all) {
        bool in_right = count != nullptr && *count > 0;
        if (in_right) --*count;
        keep = intersect ? in_right : !in_right;
      } else {
        bool in_right = count != nullptr;
        keep = (intersect ? in_right : !in_right) && emitted.insert(std::move(key)).second;
      }
      if (keep) sel.push_back(static_cast<uint32_t>(i));
    }
    if (sel.empty()) return PushResult::kNeedMore;
    if (sel.size() != chunk.size) chunk.Select(sel.data(), sel.size());
    return consumer(chunk);
  });
}

}  // namespace omen::execution
