#include "execution/physical_recursive_cte.h"

#include <utility>
#include <vector>

#include "execution/row_key_set.h"

namespace omen::execution {

namespace {

// Restores the enclosing working table of the same id (a nested run) on exit.
class WorkTableBinding {
 public:
  WorkTableBinding(ExecState& state, int id) : state_(state), id_(id) {
    auto it = state.work_tables.find(id);
    if (it != state.work_tables.end()) saved_ = it->second;
  }
  ~WorkTableBinding() {
    if (saved_ != nullptr) {
      state_.work_tables[id_] = saved_;
    } else {
      state_.work_tables.erase(id_);
    }
  }
  void Set(const std::vector<DataChunk>* rows) { state_.work_tables[id_] = rows; }

 private:
  ExecState& state_;
  int id_;
  const std::vector<DataChunk>* saved_ = nullptr;
};

}  // namespace

Result<PushResult> PhysicalRecursiveCte::Produce(ExecState& state, const ChunkConsumer& consumer) {
  RowKeySet seen;
  std::vector<DataChunk> work, next;
  bool finished = false;
  // Collects a term's new rows into `next` and passes them on.
  auto collect = [&](DataChunk& chunk) -> Result<PushResult> {
    chunk.Relabel(op_.types);
    if (!op_.set_all && seen.KeepNew(ColumnPointers(chunk), &chunk) == 0) {
      return PushResult::kNeedMore;
    }
    if (chunk.size == 0) return PushResult::kNeedMore;
    next.push_back(chunk);
    OMEN_ASSIGN_OR_RETURN(PushResult r, consumer(chunk));
    if (r == PushResult::kFinished) finished = true;
    return r;
  };
  WorkTableBinding binding(state, op_.cte_id);
  for (size_t term = 0;; term = 1) {
    OMEN_RETURN_IF_ERROR(state.CheckCancel());
    work = std::move(next);
    next.clear();
    if (term == 1 && work.empty()) break;
    binding.Set(&work);
    OMEN_ASSIGN_OR_RETURN(PushResult r, children_[term]->Run(state, collect));
    if (finished || r == PushResult::kFinished) return PushResult::kFinished;
  }
  return PushResult::kNeedMore;
}

Result<PushResult> PhysicalWorkTableScan::Produce(ExecState& state, const ChunkConsumer& consumer) {
  auto it = state.work_tables.find(op_.cte_id);
  if (it == state.work_tables.end() || it->second == nullptr) {
    return Status(sqlstate::kInternalError, "working table of a recursive query is not running");
  }
  for (const DataChunk& rows : *it->second) {
    DataChunk chunk = rows;  // consumers may change the chunk they are given
    OMEN_ASSIGN_OR_RETURN(PushResult r, consumer(chunk));
    if (r == PushResult::kFinished) return r;
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
