#pragma once
// kWindow: a pipeline breaker computing window function calls. It buffers
// its input; for each call it sorts the rows by (PARTITION BY, ORDER BY)
// (stable, per-type order, NULLS FIRST/LAST), walks the partitions and their
// peer groups (rows equal in every ORDER BY key) and computes the call for
// every row: ranking functions from positions, lag/lead/first_value/
// last_value/nth_value from neighbouring rows, aggregates over the frame
// (incrementally when the frame starts at UNBOUNDED PRECEDING). Output: each
// input row followed by one column per call, in the last call's sort order
// (as PostgreSQL's WindowAgg over its Sort emits them).

#include <cstdint>
#include <string>
#include <vector>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalWindow : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "WindowAgg"; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;
};

// Whether `oid` (a catalog window function) is one PhysicalWindow computes.
bool IsWindowFunctionImplemented(uint32_t oid);

}  // namespace omen::execution
