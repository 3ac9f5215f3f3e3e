#pragma once
// kDistinct: emits each distinct row (all columns; NULLs equal) the first
// time it is seen. Streaming, with a hash set as its state.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalDistinct : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "HashAggregate"; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
