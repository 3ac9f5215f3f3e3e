// The physical plan generator: one physical operator per logical operator.

#include <utility>

#include "execution/physical_distinct.h"
#include "execution/physical_filter.h"
#include "execution/physical_hash_aggregate.h"
#include "execution/physical_hash_join.h"
#include "execution/physical_delete.h"
#include "execution/physical_insert.h"
#include "execution/physical_limit.h"
#include "execution/physical_lock_rows.h"
#include "execution/physical_nested_loop_join.h"
#include "execution/physical_operator.h"
#include "execution/physical_projection.h"
#include "execution/physical_recursive_cte.h"
#include "execution/physical_set_operation.h"
#include "execution/physical_sort.h"
#include "execution/physical_table_scan.h"
#include "execution/physical_update.h"
#include "execution/physical_lateral_join.h"
#include "execution/physical_system_scan.h"
#include "execution/physical_table_function.h"
#include "execution/physical_values.h"
#include "execution/physical_window.h"

namespace omen::execution {

using sql::LogicalOpKind;

namespace {

std::unique_ptr<PhysicalOperator> CreateNode(const sql::LogicalOperator& op) {
  switch (op.kind) {
    case LogicalOpKind::kGet: return std::make_unique<PhysicalTableScan>(op);
    case LogicalOpKind::kDummy: return std::make_unique<PhysicalDummy>(op);
    case LogicalOpKind::kValues:
      if (op.system_table != nullptr) return std::make_unique<PhysicalSystemScan>(op);
      if (!op.table_function.empty()) return std::make_unique<PhysicalTableFunction>(op);
      return std::make_unique<PhysicalValues>(op);
    case LogicalOpKind::kFilter: return std::make_unique<PhysicalFilter>(op);
    case LogicalOpKind::kProjection: return std::make_unique<PhysicalProjection>(op);
    case LogicalOpKind::kAggregate: return std::make_unique<PhysicalHashAggregate>(op);
    case LogicalOpKind::kJoin:
      if (op.lateral) return std::make_unique<PhysicalLateralJoin>(op);
      if (!op.left_keys.empty()) return std::make_unique<PhysicalHashJoin>(op);
      return std::make_unique<PhysicalNestedLoopJoin>(op);
    case LogicalOpKind::kSort: return std::make_unique<PhysicalSort>(op);
    case LogicalOpKind::kLimit: return std::make_unique<PhysicalLimit>(op);
    case LogicalOpKind::kDistinct: return std::make_unique<PhysicalDistinct>(op);
    case LogicalOpKind::kSetOp: return std::make_unique<PhysicalSetOperation>(op);
    case LogicalOpKind::kInsert: return std::make_unique<PhysicalInsert>(op);
    case LogicalOpKind::kUpdate: return std::make_unique<PhysicalUpdate>(op);
    case LogicalOpKind::kDelete: return std::make_unique<PhysicalDelete>(op);
    case LogicalOpKind::kWindow: return std::make_unique<PhysicalWindow>(op);
    case LogicalOpKind::kLockRows: return std::make_unique<PhysicalLockRows>(op);
    case LogicalOpKind::kRecursiveCte: return std::make_unique<PhysicalRecursiveCte>(op);
    case LogicalOpKind::kWorkTableScan: return std::make_unique<PhysicalWorkTableScan>(op);
  }
  return nullptr;
}

size_t ChildCount(LogicalOpKind kind) {
  switch (kind) {
    case LogicalOpKind::kGet:
    case LogicalOpKind::kDummy:
    case LogicalOpKind::kValues:
    case LogicalOpKind::kWorkTableScan: return 0;
    case LogicalOpKind::kJoin:
    case LogicalOpKind::kSetOp:
    case LogicalOpKind::kRecursiveCte: return 2;
    default: return 1;
  }
}

}  // namespace

Result<std::unique_ptr<PhysicalOperator>> CreatePhysicalPlan(const sql::LogicalOperator& op) {
  std::unique_ptr<PhysicalOperator> node = CreateNode(op);
  if (!node) return Status(sqlstate::kInternalError, "unknown logical operator");
  size_t want = ChildCount(op.kind);
  if (op.children.size() < want) {
    return Status(sqlstate::kInternalError, "logical operator is missing a child");
  }
  for (size_t c = 0; c < want; ++c) {
    if (!op.children[c]) return Status(sqlstate::kInternalError, "logical operator has a null child");
    OMEN_ASSIGN_OR_RETURN(std::unique_ptr<PhysicalOperator> child, CreatePhysicalPlan(*op.children[c]));
    node->children().push_back(std::move(child));
  }
  return node;
}

}  // namespace omen::execution
