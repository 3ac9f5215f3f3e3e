#pragma once
// kJoin with `lateral` set (FROM a, LATERAL (...), a CROSS JOIN LATERAL ...,
// LEFT JOIN LATERAL ... ON ...): for each left row the right child runs
// again with that row as the innermost outer row (kOuterColumnRef depth 1),
// and JoinEmitter pairs the row with the right rows under the join type
// (inner/cross or left; PostgreSQL rejects lateral right and full joins).

#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalLateralJoin : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override;
  std::vector<std::string> Details() const override;

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
