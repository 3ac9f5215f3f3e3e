#pragma once
// kSort: a pipeline breaker that buffers its input, sorts it stably by the
// ORDER BY keys (per-type order, NULLS FIRST/LAST, DESC) and emits it.

#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalSort : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Sort"; }
  std::vector<std::string> Details() const override;

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
