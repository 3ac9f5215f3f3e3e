#include "execution/physical_sort.h"

#include <algorithm>
#include <utility>

#include "execution/expression_executor.h"
#include "execution/value_compare.h"

namespace omen::execution {

std::vector<std::string> PhysicalSort::Details() const {
  std::string keys;
  for (const auto& item : op_.order) {
    if (!keys.empty()) keys += ", ";
    keys += item.expr->ToString();
    if (item.descending) keys += " DESC";
    if (item.nulls_first != item.descending) keys += item.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return {"Sort Key: " + keys};
}

namespace {

// Global sink state: the buffered chunks and their evaluated sort keys.
struct SortState {
  std::vector<DataChunk> chunks;
  std::vector<std::vector<Vector>> keys;  // keys[chunk][order item]
};

struct RowRef {
  uint32_t chunk;
  uint32_t row;
};

}  // namespace

Result<PushResult> PhysicalSort::Produce(ExecState& state, const ChunkConsumer& consumer) {
  SortState st;
  MemoryReservation memory(MemoryComponent::kOperators);  // the buffered rows, keys, references
  Result<PushResult> r = children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    OMEN_RETURN_IF_ERROR(memory.Grow(EstimateBytes(chunk) * 2 + static_cast<int64_t>(chunk.size) * 8));
    std::vector<Vector> keys(op_.order.size());
    for (size_t k = 0; k < op_.order.size(); ++k) {
      OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op_.order[k].expr, chunk, &keys[k]));
    }
    st.keys.push_back(std::move(keys));
    st.chunks.push_back(std::move(chunk));
    return PushResult::kNeedMore;
  });
  OMEN_RETURN_IF_ERROR(r.status());

  std::vector<RowRef> refs;
  for (size_t c = 0; c < st.chunks.size(); ++c) {
    for (size_t i = 0; i < st.chunks[c].size; ++i) refs.push_back({uint32_t(c), uint32_t(i)});
  }
  auto less = [&](const RowRef& a, const RowRef& b) {
    for (size_t k = 0; k < op_.order.size(); ++k) {
      const Vector& va = st.keys[a.chunk][k];
      const Vector& vb = st.keys[b.chunk][k];
      bool na = va.IsNull(a.row), nb = vb.IsNull(b.row);
      if (na || nb) {
        if (na == nb) continue;
        return na == op_.order[k].nulls_first;
      }
      int cmp = CompareSlots(va, a.row, vb, b.row);
      if (cmp != 0) return op_.order[k].descending ? cmp > 0 : cmp < 0;
    }
    return false;
  };
  std::stable_sort(refs.begin(), refs.end(), less);

  DataChunk out(op_.types);
  for (size_t k = 0; k < refs.size(); ++k) {
    out.AppendRow(st.chunks[refs[k].chunk], refs[k].row);
    if (out.size == kChunkSize || k + 1 == refs.size()) {
      OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(out));
      if (res == PushResult::kFinished) return res;
      out = DataChunk(op_.types);
    }
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
