#include "execution/physical_system_scan.h"

#include "sql/catalog_expr_text.h"

namespace omen::execution {

Result<PushResult> PhysicalSystemScan::Produce(ExecState& state, const ChunkConsumer& consumer) {
  ExecutionContext* ctx = state.ctx;
  if (ctx == nullptr || ctx->catalog == nullptr) {
    return Status(sqlstate::kInternalError, "no catalog to scan " + op_.table_function + " from");
  }
  catalog::SystemScanContext scan;
  scan.catalog = ctx->catalog.get();
  scan.search_path = ctx->SearchPath();
  if (ctx->session != nullptr) scan.settings = ctx->session->AllSettings();
  sql::BindContext bind;
  bind.catalog = ctx->catalog;
  bind.search_path = ctx->SearchPath();
  scan.view_columns = [&bind](const catalog::TableDef& view) {
    return sql::ViewColumns(bind, view);
  };
  OMEN_ASSIGN_OR_RETURN(std::vector<std::vector<Value>> rows,
                        catalog::SystemTableRows(*op_.system_table, scan));
  size_t next = 0;
  while (next < rows.size()) {
    DataChunk chunk(op_.types);
    size_t end = std::min(rows.size(), next + kChunkSize);
    for (; next < end; ++next) chunk.AppendRow(rows[next]);
    OMEN_ASSIGN_OR_RETURN(PushResult res, consumer(chunk));
    if (res == PushResult::kFinished) return res;
  }
  return PushResult::kNeedMore;
}

}  // namespace omen::execution
