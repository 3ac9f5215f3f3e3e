#pragma once
// kSetOp: UNION, INTERSECT, EXCEPT with and without ALL, with PostgreSQL's
// semantics (rows compared with NULLs equal). UNION ALL streams both inputs;
// UNION streams with a hash set; INTERSECT/EXCEPT first count the right
// input's rows (a pipeline breaker), then stream the left input.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalSetOperation : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override;

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;

 private:
  Result<PushResult> ProduceUnion(ExecState& state, const ChunkConsumer& consumer);
};

}  // namespace omen::execution
