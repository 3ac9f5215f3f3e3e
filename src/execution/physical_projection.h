#pragma once
// kProjection: computes its expressions over each input chunk. Streaming.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalProjection : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Result"; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
