#pragma once
// kJoin with equi-join keys: builds a hash table on the right child (a
// pipeline breaker; NULL keys are never inserted, so they never match) and
// probes it with each chunk of the left child (streaming). The residual
// condition and NULL extension are JoinEmitter's.

#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalHashJoin : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override;
  std::vector<std::string> Details() const override;

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

// Join type words as EXPLAIN prints them ("Left", "Semi", ...; "" for inner).
std::string JoinTypeName(sql::JoinType type);

}  // namespace omen::execution
