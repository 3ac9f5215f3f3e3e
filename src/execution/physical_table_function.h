#pragma once
// A set-returning function in FROM (kValues with `table_function`):
// generate_series(start, stop[, step]) over int4/int8. Arguments are
// evaluated once with no input row (outer references allowed); a NULL
// argument yields no rows; step 0 is 22023. A pipeline source.

#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalTableFunction : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Function Scan on " + op_.table_function; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

}  // namespace omen::execution
