#pragma once
// A scan of a system relation (kValues with `system_table`): the rows
// catalog::SystemTableRows computes from the ExecutionContext's catalog
// version, search path and session settings, pushed in chunks. A pipeline source.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalSystemScan : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Seq Scan on " + op_.table_function; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
