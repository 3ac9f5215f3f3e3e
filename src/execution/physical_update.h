#pragma once
// kUpdate: for each row id from its child (the child's last column),
// evaluates the SET expressions over the child row, applies them to the
// fetched full row, checks NOT NULL and CHECK, calls Table::Update (recorded
// in ctx.undo) and emits RETURNING over the new row. Each row is updated at
// most once even if the child produces it twice. When a concurrent
// transaction changed the row after the snapshot, READ COMMITTED re-checks
// the predicate and re-evaluates the SET expressions on the newest version
// (PhysicalDml::Recheck); the other levels fail with 40001.

#include "execution/dml_support.h"

namespace omen::execution {

class PhysicalUpdate : public PhysicalDml {
 public:
  using PhysicalDml::PhysicalDml;

 protected:
  const char* Verb() const override { return "Update"; }
  Status ApplyChunk(ExecState& state, storage::Table& table, DataChunk* chunk) override;

 private:
  // Applies the SET expressions over row i of `child` to *full.
  Status NewRow(ExecState& state, const DataChunk& child, size_t i, std::vector<Value>* full);
};

}  // namespace omen::execution
