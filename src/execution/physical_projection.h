#pragma once
// kProjection: computes its expressions over each input chunk. Streaming.

#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

// *out = one column per expression of `exprs`, evaluated over `input`
// (projection, RETURNING).
Status ProjectChunk(ExecState& state, const std::vector<sql::BoundExprPtr>& exprs,
                    const DataChunk& input, DataChunk* out);

class PhysicalProjection : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Result"; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
