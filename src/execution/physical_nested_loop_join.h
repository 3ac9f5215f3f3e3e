#pragma once
// kJoin without equi-join keys: materializes the right child and pairs each
// left row with every right row; JoinEmitter applies the condition and the
// join type's NULL extension.

#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalNestedLoopJoin : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override;
  std::vector<std::string> Details() const override;

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
