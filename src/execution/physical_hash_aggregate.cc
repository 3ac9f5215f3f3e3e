#include "execution/physical_hash_aggregate.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <utility>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "execution/expression_executor.h"
#include "execution/functions.h"
#include "execution/value_compare.h"

namespace omen::execution {

std::vector<std::string> PhysicalHashAggregate::Details() const {
  if (op_.groups.empty()) return {};
  std::string keys;
  for (const auto& g : op_.groups) {
    if (!keys.empty()) keys += ", ";
    keys += g->ToString();
  }
  return {"Group Key: " + keys};
}

namespace {

// One group's running states (one per aggregate call) and DISTINCT sets.
struct GroupState {
  std::vector<std::unique_ptr<AggregateState>> states;
  std::vector<absl::flat_hash_set<RowKey, RowKeyHash>> seen;
  // Ordered calls (ORDER BY inside the call): the rows, args then sort keys,
  // fed to the state in order at the end.
  std::vector<std::vector<std::vector<Value>>> buffered;
};

// Global sink state of the aggregation.
struct AggregateGlobalState {
  absl::flat_hash_map<RowKey, size_t, RowKeyHash> index;
  // Fast path for one integer-like key: its value -> group; NULL's group.
  absl::flat_hash_map<int64_t, size_t> int_index;
  size_t null_group = SIZE_MAX;
  std::vector<std::vector<Value>> keys;
  std::vector<GroupState> groups;
};

// Per-chunk evaluated inputs of the aggregate calls.
struct CallInputs {
  std::vector<Vector> owned;
  std::vector<const Vector*> args;
  Vector filter;
  bool has_filter = false;
};

Status EvaluateCallInputs(ExecState& state, const sql::AggregateCall& call, const DataChunk& chunk,
                          CallInputs* in) {
  in->owned.resize(call.args.size() + call.order.size());
  in->args.clear();
  for (size_t a = 0; a < call.args.size(); ++a) {
    const sql::BoundExpr& e = *call.args[a];
    if (e.kind == sql::BoundExprKind::kColumnRef && e.index >= 0 &&
        static_cast<size_t>(e.index) < chunk.columns.size()) {
      in->args.push_back(&chunk.columns[e.index]);
      continue;
    }
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, e, chunk, &in->owned[a]));
    in->args.push_back(&in->owned[a]);
  }
  for (size_t k = 0; k < call.order.size(); ++k) {
    Vector* key = &in->owned[call.args.size() + k];
    OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *call.order[k].expr, chunk, key));
    in->args.push_back(key);
  }
  in->has_filter = call.filter != nullptr;
  if (in->has_filter) OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *call.filter, chunk, &in->filter));
  return Status::OK();
}

bool Passes(const CallInputs& in, size_t i) {
  return !in.has_filter || (!in.filter.IsNull(i) && in.filter.i64()[i] != 0);
}

Result<GroupState> NewGroup(const sql::LogicalOperator& op) {
  GroupState g;
  for (const auto& call : op.aggregates) {
    std::vector<Type> arg_types;
    for (const auto& a : call.args) arg_types.push_back(a->type);
    std::unique_ptr<AggregateState> s = MakeAggregateState(call.function_oid, arg_types, call.type);
    if (!s) {
      return Status(sqlstate::kFeatureNotSupported,
                    "aggregate with OID " + std::to_string(call.function_oid) + " is not implemented");
    }
    g.states.push_back(std::move(s));
  }
  g.seen.resize(op.aggregates.size());
  g.buffered.resize(op.aggregates.size());
  return g;
}

// Adds row i of a call's inputs to one group's state.
Status UpdateRow(const sql::AggregateCall& call, const CallInputs& in, size_t i, GroupState* g,
                 size_t a) {
  if (!Passes(in, i)) return Status::OK();
  if (call.distinct) {
    std::vector<const Vector*> args(in.args.begin(), in.args.begin() + call.args.size());
    RowKey key = MakeRowKey(args, i);
    for (const Value& v : key.values) {
      if (v.is_null) return Status::OK();  // strict: NULL arguments are skipped
    }
    if (!g->seen[a].insert(std::move(key)).second) return Status::OK();
  }
  if (!call.order.empty()) {
    std::vector<Value> row;
    for (const Vector* v : in.args) row.push_back(v->GetValue(i));
    g->buffered[a].push_back(std::move(row));
    return Status::OK();
  }
  return g->states[a]->Update(in.args, i);
}

// Sorts an ordered call's buffered rows by its ORDER BY and feeds them to the state.
Status FeedOrdered(const sql::AggregateCall& call, GroupState* g, size_t a) {
  std::vector<std::vector<Value>>& rows = g->buffered[a];
  const size_t nargs = call.args.size();
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& x, const auto& y) {
    for (size_t k = 0; k < call.order.size(); ++k) {
      const Value& l = x[nargs + k];
      const Value& r = y[nargs + k];
      if (l.is_null || r.is_null) {
        if (l.is_null == r.is_null) continue;
        return l.is_null == call.order[k].nulls_first;
      }
      int c = CompareValues(l, r);
      if (c != 0) return call.order[k].descending ? c > 0 : c < 0;
    }
    return false;
  });
  std::vector<Type> types;
  for (const auto& e : call.args) types.push_back(e->type);
  DataChunk chunk(types);
  for (const auto& row : rows) chunk.AppendRow(std::vector<Value>(row.begin(), row.begin() + nargs));
  std::vector<const Vector*> args;
  for (const Vector& v : chunk.columns) args.push_back(&v);
  for (size_t i = 0; i < chunk.size; ++i) OMEN_RETURN_IF_ERROR(g->states[a]->Update(args, i));
  rows.clear();
  return Status::OK();
}

}  // namespace

Result<PushResult> PhysicalHashAggregate::Produce(ExecState& state, const ChunkConsumer& consumer) {
  AggregateGlobalState gs;
  const bool grouped = !op_.groups.empty();
  const bool int_key = op_.groups.size() == 1 && op_.groups[0]->type.physical() == PhysicalType::kInt64;
  if (!grouped) {
    OMEN_ASSIGN_OR_RETURN(GroupState g, NewGroup(op_));
    gs.groups.push_back(std::move(g));
    gs.keys.emplace_back();
  }
  std::vector<CallInputs> inputs(op_.aggregates.size());
  std::vector<size_t> group_of;
  // The groups (keys, states, hash entries) and rows buffered by DISTINCT /
  // ORDER BY aggregates, charged per input chunk.
  MemoryReservation memory(MemoryComponent::kOperators);
  const int64_t group_bytes =
      static_cast<int64_t>(op_.groups.size() * sizeof(Value) + op_.aggregates.size() * 96 + 64);
  int64_t buffered_bytes = 0;
  for (const sql::AggregateCall& call : op_.aggregates) {
    if (call.distinct || !call.order.empty()) {
      buffered_bytes += static_cast<int64_t>((call.args.size() + call.order.size()) * sizeof(Value)) + 32;
    }
  }
  Result<PushResult> r = children_[0]->Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
    const size_t groups_before = gs.groups.size();
    for (size_t a = 0; a < op_.aggregates.size(); ++a) {
      OMEN_RETURN_IF_ERROR(EvaluateCallInputs(state, op_.aggregates[a], chunk, &inputs[a]));
    }
    group_of.assign(chunk.size, 0);
    if (grouped) {
      std::vector<Vector> key_vecs(op_.groups.size());
      std::vector<const Vector*> key_cols;
      for (size_t k = 0; k < op_.groups.size(); ++k) {
        OMEN_RETURN_IF_ERROR(EvaluateExpression(state, *op_.groups[k], chunk, &key_vecs[k]));
        key_cols.push_back(&key_vecs[k]);
      }
      if (int_key) {
        const Vector& kv = key_vecs[0];
        for (size_t i = 0; i < chunk.size; ++i) {
          size_t* slot = nullptr;
          if (kv.IsNull(i)) {
            slot = &gs.null_group;
          } else {
            auto [it, added] = gs.int_index.try_emplace(kv.i64()[i], SIZE_MAX);
            slot = &it->second;
          }
          if (*slot == SIZE_MAX) {
            OMEN_ASSIGN_OR_RETURN(GroupState g, NewGroup(op_));
            gs.keys.push_back({kv.GetValue(i)});
            gs.groups.push_back(std::move(g));
            *slot = gs.groups.size() - 1;
          }
          group_of[i] = *slot;
        }
      }
      for (size_t i = 0; i < chunk.size && !int_key; ++i) {
        RowKey key = MakeRowKey(key_cols, i);
        auto it = gs.index.find(key);
        if (it == gs.index.end()) {
          OMEN_ASSIGN_OR_RETURN(GroupState g, NewGroup(op_));
          gs.keys.push_back(key.values);
          gs.groups.push_back(std::move(g));
          it = gs.index.emplace(std::move(key), gs.groups.size() - 1).first;
        }
        group_of[i] = it->second;
      }
    }
    for (size_t a = 0; a < op_.aggregates.size(); ++a) {
      const sql::AggregateCall& call = op_.aggregates[a];
      if (!grouped && !call.distinct && !call.filter && call.order.empty()) {
        OMEN_RETURN_IF_ERROR(gs.groups[0].states[a]->UpdateAll(inputs[a].args, chunk.size));
        continue;
      }
      for (size_t i = 0; i < chunk.size; ++i) {
        OMEN_RETURN_IF_ERROR(UpdateRow(call, inputs[a], i, &gs.groups[group_of[i]], a));
      }
    }
    OMEN_RETURN_IF_ERROR(memory.Grow(static_cast<int64_t>(gs.groups.size() - groups_before) * group_bytes +
                                     static_cast<int64_t>(chunk.size) * buffered_bytes));
    return PushResult::kNeedMore;
  });
  OMEN_RETURN_IF_ERROR(r.status());

  DataChunk out(op_.types);
  for (size_t g = 0; g < gs.groups.size(); ++g) {
    std::vector<Value> row = gs.keys[g];
    for (size_t a = 0; a < op_.aggregates.size(); ++a) {
      if (!op_.aggregates[a].order.empty())
        OMEN_RETURN_IF_ERROR(FeedOrdered(op_.aggregates[a], &gs.groups[g], a));
      OMEN_ASSIGN_OR_RETURN(Value v, gs.groups[g].states[a]->Finalize());
      row.push_back(std::move(v));
    }
    out.AppendRow(row);
    if (out.size == kChunkSize || g + 1 == gs.groups.size()) {
      OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(out));
      if (res == PushResult::kFinished) return res;
      out = DataChunk(op_.types);
    }
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
