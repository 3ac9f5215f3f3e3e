#pragma once
// kInsert: checks NOT NULL and CHECK constraints of each full row from its
// child, appends the rows (Table::Append, recorded in ctx.undo) and emits
// RETURNING rows. A pipeline breaker: the whole input is read first, so
// INSERT ... SELECT from the same table sees only the old rows.

#include <string>

#include "execution/physical_operator.h"

namespace omen::execution {

class PhysicalInsert : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  std::string Name() const override { return "Insert on " + (op_.table ? op_.table->name : "?"); }
  // Rows inserted by the last run (the command tag's count).
  uint64_t affected() const { return affected_; }

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;

 private:
  uint64_t affected_ = 0;
};

}  // namespace omen::execution
