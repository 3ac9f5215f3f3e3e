#include "execution/executor.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "execution/physical_delete.h"
#include "execution/physical_hash_join.h"
#include "execution/physical_insert.h"
#include "execution/physical_operator.h"
#include "execution/physical_projection.h"
#include "execution/physical_update.h"

namespace omen::execution {

namespace {

// One statement's execution: the root plan, the subquery plans built on
// first use, and the shared state.
class StatementRun {
 public:
  explicit StatementRun(ExecutionContext& ctx) {
    state_.ctx = &ctx;
    state_.run_subquery = [this](const sql::LogicalOperator& plan, const ChunkConsumer& consumer) {
      return RunSubquery(plan, consumer);
    };
  }

  Result<uint64_t> Run(const sql::LogicalOperator& plan, const ResultSink& sink) {
    OMEN_ASSIGN_OR_RETURN(root_, CreatePhysicalPlan(plan));
    return RunRoot(*root_, sink);
  }

  // Runs an already built physical plan (ReusablePlan).
  static Result<uint64_t> RunRoot(PhysicalOperator& root, ExecState& state, const ResultSink& sink) {
    uint64_t produced = 0;
    Result<PushResult> r = root.Run(state, [&](DataChunk& chunk) -> Result<PushResult> {
      produced += chunk.size;
      if (sink) OMEN_RETURN_IF_ERROR(sink(chunk));
      return PushResult::kNeedMore;
    });
    OMEN_RETURN_IF_ERROR(r.status());
    // DML roots report affected rows (their RETURNING rows may be fewer or none).
    sql::LogicalOpKind kind = root.logical().kind;
    if (kind == sql::LogicalOpKind::kInsert || kind == sql::LogicalOpKind::kUpdate ||
        kind == sql::LogicalOpKind::kDelete) {
      return static_cast<const PhysicalDml&>(root).affected();
    }
    return produced;
  }

  Result<uint64_t> RunRoot(PhysicalOperator& root, const ResultSink& sink) {
    return RunRoot(root, state_, sink);
  }

  std::string Explain() const {
    std::string out;
    Print(*root_, 0, "", &out);
    for (size_t k = 0; k < subplan_order_.size(); ++k) {
      out += "  SubPlan " + std::to_string(k + 1) + "\n";
      Print(*subplan_order_[k], 1, "  ", &out);
    }
    return out;
  }

 private:
  Status RunSubquery(const sql::LogicalOperator& plan, const ChunkConsumer& consumer) {
    auto it = subplans_.find(&plan);
    if (it == subplans_.end()) {
      OMEN_ASSIGN_OR_RETURN(std::unique_ptr<PhysicalOperator> p, CreatePhysicalPlan(plan));
      subplan_order_.push_back(p.get());
      it = subplans_.emplace(&plan, std::move(p)).first;
    }
    return it->second->Run(state_, consumer).status();
  }

  static std::string Actual(const PhysicalOperator& op) {
    if (op.loops() == 0) return "(never executed)";
    return "(actual rows=" + std::to_string((op.rows() + op.loops() / 2) / op.loops()) +
           " loops=" + std::to_string(op.loops()) + ")";
  }

  static std::string Arrow(int level) {
    return level == 0 ? "" : std::string(6 * (level - 1) + 2, ' ') + "->  ";
  }

  // Prints `op` at depth `level` below a node indented by `base`.
  static void Print(const PhysicalOperator& op, int level, const std::string& base, std::string* out) {
    // PostgreSQL folds projections into the node below them.
    if (dynamic_cast<const PhysicalProjection*>(&op) != nullptr && !op.children().empty()) {
      Print(*op.children()[0], level, base, out);
      return;
    }
    *out += base + Arrow(level) + op.Name() + "  " + Actual(op) + "\n";
    std::string detail_prefix = base + std::string(6 * level + 2, ' ');
    for (const std::string& d : op.Details()) *out += detail_prefix + d + "\n";
    bool hash_join = dynamic_cast<const PhysicalHashJoin*>(&op) != nullptr;
    for (size_t c = 0; c < op.children().size(); ++c) {
      const PhysicalOperator& child = *op.children()[c];
      if (hash_join && c == 1) {
        // PostgreSQL shows the build side under a Hash node.
        *out += base + Arrow(level + 1) + "Hash  " + Actual(child) + "\n";
        Print(child, level + 2, base, out);
        continue;
      }
      Print(child, level + 1, base, out);
    }
  }

  ExecState state_;
  std::unique_ptr<PhysicalOperator> root_;
  std::unordered_map<const sql::LogicalOperator*, std::unique_ptr<PhysicalOperator>> subplans_;
  std::vector<const PhysicalOperator*> subplan_order_;  // first-use order, for EXPLAIN
};

}  // namespace

Result<uint64_t> Execute(const sql::LogicalOperator& plan, ExecutionContext& ctx, const ResultSink& sink) {
  StatementRun run(ctx);
  return run.Run(plan, sink);
}

Result<std::string> ExplainAnalyze(const sql::LogicalOperator& plan, ExecutionContext& ctx) {
  StatementRun run(ctx);
  OMEN_RETURN_IF_ERROR(run.Run(plan, nullptr).status());
  return run.Explain();
}

Result<std::unique_ptr<ReusablePlan>> ReusablePlan::Create(const sql::LogicalOperator& plan) {
  std::unique_ptr<ReusablePlan> out(new ReusablePlan());
  out->logical_ = &plan;
  OMEN_ASSIGN_OR_RETURN(out->root_, CreatePhysicalPlan(plan));
  return out;
}

ReusablePlan::~ReusablePlan() = default;

Result<uint64_t> ReusablePlan::Execute(ExecutionContext& ctx, const ResultSink& sink) {
  StatementRun run(ctx);
  return run.RunRoot(*root_, sink);
}

}  // namespace omen::execution
