#pragma once
// kDelete: deletes each row id from its child (the child's last column;
// Table::Delete recorded in ctx.undo) and emits RETURNING over the old row.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalDelete : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Delete on " + (op_.table ? op_.table->name : "?"); }
  uint64_t affected() const { return affected_; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;

 private:
  uint64_t affected_ = 0;
};

}  // namespace omen::execution
