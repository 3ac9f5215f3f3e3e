#pragma once
// kInsert: checks NOT NULL and CHECK constraints of each full row from its
// child, appends the rows (Table::Append, recorded in ctx.undo) and emits
// RETURNING rows. A pipeline breaker: the whole input is read first, so
// INSERT ... SELECT from the same table sees only the old rows.

#include "execution/dml_support.h"

namespace omen::execution {

class PhysicalInsert : public PhysicalDml {
 public:
  using PhysicalDml::PhysicalDml;

 protected:
  const char* Verb() const override { return "Insert"; }
  Status ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) override;
};

}  // namespace omen::execution
