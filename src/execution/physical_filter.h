#pragma once
// kFilter: keeps the rows whose condition is true. Streaming.

#include <cstdint>
#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalFilter : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Filter"; }
  std::vector<std::string> Details() const override;

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;

 private:
  uint64_t removed_ = 0;  // rows rejected over all runs (EXPLAIN ANALYZE)
};

}  // namespace omen::execution
