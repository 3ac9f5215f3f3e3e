#pragma once
// kDelete: deletes each row id from its child (the child's last column;
// Table::Delete recorded in ctx.undo) and emits RETURNING over the old row.

#include "execution/dml_support.h"

namespace omen::execution {

class PhysicalDelete : public PhysicalDml {
 public:
  using PhysicalDml::PhysicalDml;

 protected:
  const char* Verb() const override { return "Delete"; }
  Status ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) override;
};

}  // namespace omen::execution
