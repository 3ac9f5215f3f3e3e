#pragma once
// kDummy (one row, no columns) and kValues (rows of expressions evaluated
// with no input row; outer references allowed). Sources of a pipeline.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalDummy : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Result"; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

class PhysicalValues : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override {
    return op_.values.size() == 1 ? "Result" : "Values Scan on \"*VALUES*\"";
  }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
