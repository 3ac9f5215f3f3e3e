#pragma once
// kLimit: LIMIT / OFFSET, evaluated once per run. Streaming; tells its
// producers to stop as soon as the limit is reached.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalLimit : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Limit"; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
