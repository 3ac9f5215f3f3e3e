#pragma once
// kUpdate: for each row id from its child (the child's last column),
// evaluates the SET expressions over the child row, applies them to the
// fetched full row, checks NOT NULL and CHECK, calls Table::Update (recorded
// in ctx.undo) and emits RETURNING over the new row. Each row is updated at
// most once even if the child produces it twice.

#include "execution/dml_support.h"

namespace omen::execution {

class PhysicalUpdate : public PhysicalDml {
 public:
  using PhysicalDml::PhysicalDml;

 protected:
  const char* Verb() const override { return "Update"; }
  Status ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) override;
};

}  // namespace omen::execution
