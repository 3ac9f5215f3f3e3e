#pragma once
// kUpdate: for each row id from its child (the child's last column),
// evaluates the SET expressions over the child row, applies them to the
// fetched full row, checks NOT NULL and CHECK, calls Table::Update (recorded
// in ctx.undo) and emits RETURNING over the new row. Each row is updated at
// most once even if the child produces it twice.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalUpdate : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Update on " + (op_.table ? op_.table->name : "?"); }
  uint64_t affected() const { return affected_; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;

 private:
  uint64_t affected_ = 0;
};

}  // namespace omen::execution
