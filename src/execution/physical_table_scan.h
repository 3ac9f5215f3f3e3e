#pragma once
// kGet: a sequential scan (Table::Scan) or an index scan (IndexLookup /
// IndexScan + Fetch), with the pushed-down filter and the optional row id
// column. Source of a pipeline.

#include <string>
#include <vector>

#include "execution/physical_operator.h"
#include "storage/table.h"

namespace omen::execution {

class PhysicalTableScan : public PhysicalOperator {
 public:
  explicit PhysicalTableScan(const sql::LogicalOperator& op);
  std::string Name() const override;
  std::vector<std::string> Details() const override;

 protected:
  Result<PushResult> Produce(ExecState& state, const ChunkConsumer& consumer) override;

 private:
  // Row ids the index access selects, in output order.
  Status IndexRows(ExecState& state, const storage::Table& table, std::vector<storage::row_id_t>* rows) const;
  // Applies the filter and pushes `chunk`.
  Result<PushResult> Emit(ExecState& state, DataChunk& chunk, const ChunkConsumer& consumer);

  std::vector<Type> scan_types_;  // the output columns' types (+ the row id's)
  uint64_t removed_ = 0;  // rows the filter rejected, over all runs (EXPLAIN ANALYZE)
  // Scratch of the unique-key lookup, reused by every run (contents are dead
  // between runs; a consumer may move the chunk's columns away).
  std::vector<Value> lookup_key_;
  std::vector<storage::row_id_t> lookup_rows_;
  DataChunk lookup_chunk_;
};

}  // namespace omen::execution
