#pragma once
// kRecursiveCte and kWorkTableScan: WITH RECURSIVE, iterated as PostgreSQL's
// RecursiveUnion. The non-recursive term's rows are emitted and become the
// working table; the recursive term is then rerun, reading the working
// table through its PhysicalWorkTableScan (found by cte_id in
// ExecState::work_tables), and its new rows are emitted and become the next
// working table, until a round yields none. UNION drops rows seen before
// (NULLs equal), which ends cycles; UNION ALL keeps every row, so a query
// without a terminating condition runs until cancelled, statement_timeout
// or its consumer has enough (LIMIT), as in PostgreSQL.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalRecursiveCte : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Recursive Union"; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

class PhysicalWorkTableScan : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "WorkTable Scan on " + op_.alias; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
