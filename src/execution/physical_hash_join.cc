#include "execution/physical_hash_join.h"

#include <cstdint>
#include <utility>

#include <absl/container/flat_hash_map.h>

#include "execution/expression_executor.h"
#include "execution/join_emitter.h"
#include "execution/value_compare.h"

namespace omen::execution {

using sql::JoinType;

std::string JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kLeft: return "Left";
    case JoinType::kRight: return "Right";
    case JoinType::kFull: return "Full";
    case JoinType::kSemi: return "Semi";
    case JoinType::kAnti: return "Anti";
    default: return "";
  }
}

std::string PhysicalHashJoin::Name() const {
  std::string t = JoinTypeName(op_.join_type);
  return t.empty() ? "Hash Join" : "Hash " + t + " Join";
}

std::vector<std::string> PhysicalHashJoin::Details() const {
  std::string cond;
  for (size_t k = 0; k < op_.left_keys.size(); ++k) {
    if (!cond.empty()) cond += " AND ";
    cond += "(" + op_.left_keys[k]->ToString() + " = " + op_.right_keys[k]->ToString() + ")";
  }
  std::vector<std::string> out = {"Hash Cond: " + cond};
  if (op_.condition) out.push_back("Join Filter: " + op_.condition->ToString());
  return out;
}

namespace {

// Evaluates key expressions over a chunk.
Status EvaluateKeys(ExecState& state, const std::vector<sql::BoundExprPtr>& exprs, const DataChunk& chunk,
                    std::vector<Vector>* vecs, std::vector<const Vector*>* cols) {
  vecs->assign(exprs.size(), Vector());
  cols->clear();
  for (size_t k = 0; k < exprs.size(); ++k) {
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *exprs[k], chunk, &(*vecs)[k]));
    cols->push_back(&(*vecs)[k]);
  }
  return Status::OK();
}

bool AnyNull(const std::vector<const Vector*>& cols, size_t i) {
  for (const Vector* c : cols) {
    if (c->IsNull(i)) return true;
  }
  return false;
}

// Global build-side state: the right rows and the hash table over them.
struct HashJoinBuild {
  std::vector<DataChunk> right;
  absl::flat_hash_map<RowKey, std::vector<RowRef>, RowKeyHash> table;
  // Fast path for one integer-like key on both sides.
  absl::flat_hash_map<int64_t, std::vector<RowRef>> int_table;
};

bool IntegerKey(const std::vector<sql::BoundExprPtr>& l, const std::vector<sql::BoundExprPtr>& r) {
  return l.size() == 1 && r.size() == 1 && l[0]->type.physical() == PhysicalType::kInt64 &&
         r[0]->type.physical() == PhysicalType::kInt64;
}

}  // namespace

Result<PushResult> PhysicalHashJoin::Produce(ExecState& state, const ChunkConsumer& consumer) {
  HashJoinBuild build;
  const bool int_key = IntegerKey(op_.left_keys, op_.right_keys);
  // The build side's rows and its hash table (an entry per row: key, reference).
  MemoryReservation memory(MemoryComponent::kOperators);
  OMEN_RETURN_IF_ERROR(Materialize(*children_[1], state, &build.right, &memory));
  std::vector<Vector> vecs;
  std::vector<const Vector*> cols;
  for (size_t c = 0; c < build.right.size(); ++c) {
    OMEN_RETURN_IF_ERROR(EvaluateKeys(state, op_.right_keys, build.right[c], &vecs, &cols));
    OMEN_RETURN_IF_ERROR(memory.Grow(static_cast<int64_t>(build.right[c].size) * (int_key ? 32 : 96)));
    for (size_t i = 0; i < build.right[c].size; ++i) {
      if (AnyNull(cols, i)) continue;
      RowRef ref{uint32_t(c), uint32_t(i)};
      if (int_key) {
        build.int_table[cols[0]->i64()[i]].push_back(ref);
      } else {
        build.table[MakeRowKey(cols, i)].push_back(ref);
      }
    }
  }
  JoinEmitter emitter(op_, state, consumer, children_[0]->types(), children_[1]->types(), build.right);
  return emitter.Probe(*children_[0], [&](const DataChunk& chunk) -> Result<PushResult> {
    OMEN_RETURN_IF_ERROR(EvaluateKeys(state, op_.left_keys, chunk, &vecs, &cols));
    for (size_t i = 0; i < chunk.size; ++i) {
      if (AnyNull(cols, i)) continue;
      const std::vector<RowRef>* matches = nullptr;
      if (int_key) {
        auto it = build.int_table.find(cols[0]->i64()[i]);
        if (it != build.int_table.end()) matches = &it->second;
      } else {
        auto it = build.table.find(MakeRowKey(cols, i));
        if (it != build.table.end()) matches = &it->second;
      }
      if (matches == nullptr) continue;
      for (const RowRef& ref : *matches) {
        if (!emitter.NeedsCandidates(i)) break;
        OMEN_ASSIGN_OR_RETURN(PushResult res, emitter.AddCandidate(i, ref));
        if (res == PushResult::kFinished) return res;
      }
    }
    return PushResult::kNeedMore;
  });
}

}  // namespace omen::execution
