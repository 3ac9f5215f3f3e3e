#pragma once
// kAggregate: a pipeline breaker. Groups rows by the GROUP BY expressions
// (NULLs form one group) in a hash table and keeps one AggregateState per
// group and call (DISTINCT calls also keep the set of arguments seen; FILTER
// selects rows). Without GROUP BY it keeps one set of states, updates them a
// whole chunk at a time and always returns exactly one row.

#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return op_.groups.empty() ? "Aggregate" : "HashAggregate"; }
  std::vector<std::string> Details() const override;

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
