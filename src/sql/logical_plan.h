#pragma once
// Logical plans: the binder's and planner's output, the physical plan
// generator's input (execution/). A tree of LogicalOperators; every operator
// knows its output column types. Expressions of an operator refer to its
// input row, which is:
//   kFilter, kProjection, kSort, kAggregate, kDistinct, kLimit: the child's output;
//   kJoin: the left child's columns followed by the right child's;
//   kGet: the Get's own output columns (the filter is evaluated over them);
//   kInsert: `returning` over the table's full row (every column id, dropped
//            ones included, in column-id order);
//   kUpdate: `set_exprs` over the child's output; `returning` over the table's
//            full row after the update;
//   kDelete: `returning` over the table's full row before the delete;
//   kValues: rows are constant-ish expressions with no input (outer refs allowed).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/system_tables.h"
#include "sql/bound_expression.h"

namespace omen::sql {

enum class LogicalOpKind : uint8_t {
  kGet,         // table scan or index scan
  kDummy,       // one row, no columns (SELECT without FROM)
  kValues,      // rows of expressions
  kFilter,      // condition
  kProjection,  // exprs
  kAggregate,   // groups then aggregates
  kJoin,
  kSort,
  kLimit,
  kDistinct,    // all columns
  kSetOp,
  kWindow,      // window functions: output = the child's columns, then one per call
  kInsert,
  kUpdate,
  kDelete,
  kLockRows,    // SELECT ... FOR UPDATE/SHARE: locks each row passing through
  // WITH RECURSIVE: children[0] the non-recursive term, children[1] the
  // recursive one, rerun while it yields new rows, its kWorkTableScan (same
  // cte_id) reading the previous round's new rows; set_all: UNION ALL,
  // else duplicates (NULLs equal) are dropped.
  kRecursiveCte,
  kWorkTableScan,  // the working table of the kRecursiveCte with this cte_id
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kCross, kSemi, kAnti };
enum class SetOpType : uint8_t { kUnion, kIntersect, kExcept };

struct OrderItem {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;  // PostgreSQL default: NULLS LAST for ASC, FIRST for DESC
};

struct AggregateCall {
  uint32_t function_oid = 0;  // catalog signature (count, sum, ...)
  std::vector<BoundExprPtr> args;  // empty for count(*)
  bool distinct = false;
  BoundExprPtr filter;        // FILTER (WHERE ...), may be null
  Type type;                  // result type
  // ORDER BY inside the call (string_agg(x, ',' ORDER BY x)): over the same
  // input row as `args`; rows are fed to the state in this order.
  std::vector<OrderItem> order;
};

// A window frame (PostgreSQL's frame clause). Offsets are expressions with no
// input row (constants, parameters), evaluated once per run.
struct WindowFrame {
  enum class Mode : uint8_t { kRange, kRows };
  enum class Bound : uint8_t {
    kUnboundedPreceding,
    kOffsetPreceding,
    kCurrentRow,
    kOffsetFollowing,
    kUnboundedFollowing,
  };
  Mode mode = Mode::kRange;
  Bound start = Bound::kUnboundedPreceding;
  Bound end = Bound::kCurrentRow;  // the default frame; whole partition without ORDER BY
  BoundExprPtr start_offset, end_offset;  // kRows offsets (bigint)
};

// One window function call: `args`, `partition` and `order` are over the
// kWindow's input row. function_oid names a window function (row_number,
// rank, lag, ...) or an aggregate evaluated over the frame.
struct WindowCall {
  uint32_t function_oid = 0;
  bool is_aggregate = false;
  std::vector<BoundExprPtr> args;
  BoundExprPtr filter;  // aggregates: FILTER (WHERE ...), may be null
  std::vector<BoundExprPtr> partition;
  std::vector<OrderItem> order;
  WindowFrame frame;
  Type type;  // result type
  std::string name;  // function name, for EXPLAIN
};

// How a kGet reads its table.
struct IndexAccess {
  int index = -1;  // storage index id (position in TableDef::indexes == Table::Indexes())
  enum class Kind : uint8_t { kEquality, kInList, kRange } kind = Kind::kEquality;
  // kEquality: one expression per key column prefix (no input row; params and
  // outer refs allowed). kInList: `keys` holds one expression per list entry
  // (single-column index).
  std::vector<BoundExprPtr> keys;
  // kRange on the first key column: absent bounds are null.
  BoundExprPtr lower, upper;
  bool lower_inclusive = true, upper_inclusive = true;
  // Rows come out in key order (used for ORDER BY ... LIMIT on the key);
  // descending reads the range backwards.
  bool ordered = false;
  bool descending = false;
};

// INSERT ... ON CONFLICT (kInsert::on_conflict). `arbiters`: storage index
// ids of the unique indexes a conflict is checked on (every unique index for
// DO NOTHING without a target). DO UPDATE: set_exprs[i] assigns
// update_columns[i]; `set_exprs` and `where` (null: none) are over the
// existing row's full row followed by the proposed (EXCLUDED) full row.
struct OnConflictAction {
  bool do_update = false;
  bool any_index = false;  // DO NOTHING without a conflict target
  std::vector<int> arbiters;
  std::vector<int> update_columns;
  std::vector<BoundExprPtr> set_exprs;
  BoundExprPtr where;
};

// kLockRows: one relation whose rows it locks.
struct RowLockTarget {
  std::shared_ptr<const catalog::TableDef> table;
  int row_id_column = -1;  // the input column holding the row id
  uint8_t strength = 3;    // 0 FOR KEY SHARE, 1 FOR SHARE, 2 FOR NO KEY UPDATE, 3 FOR UPDATE
  uint8_t wait = 0;        // 0 wait, 1 SKIP LOCKED, 2 NOWAIT
  int recheck_tag = -1;    // the recheck_tag of the kGet reading `table`
};

// kLockRows: a FROM item no row lock reaches (an unlocked table, a function,
// a subquery locked inside itself, an outer join of such items). READ
// COMMITTED's re-check (EvalPlanQual) takes its output row as originally read
// from the input columns [first_column, first_column + width).
struct RecheckLeaf {
  int tag = -1;  // the item's root operator's recheck_tag
  int first_column = -1;
  int width = 0;
};

struct LogicalOperator {
  LogicalOpKind kind;
  std::vector<std::shared_ptr<LogicalOperator>> children;
  std::vector<Type> types;          // output column types
  std::vector<std::string> names;   // output column names (for the top of a query)

  // kGet
  std::shared_ptr<const catalog::TableDef> table;
  std::vector<int> column_ids;  // table columns output, in order
  bool emit_row_id = false;     // if set, one more output column (kInt64): the row id
  BoundExprPtr filter;          // kGet (over its output columns), kFilter
  IndexAccess index_access;     // used when index_access.index >= 0
  std::string alias;            // the range-table alias, for EXPLAIN

  // kProjection, kValues (exprs per row: values[row][col])
  std::vector<BoundExprPtr> exprs;
  std::vector<std::vector<BoundExprPtr>> values;
  // kValues as a set-returning function in FROM when non-empty (only
  // "generate_series"): `exprs` are its arguments (no input row; outer refs
  // allowed), `values` is empty, one output column.
  std::string table_function;
  // kValues scanning a system relation (pg_class, information_schema.tables,
  // ...) when set: rows come from the ExecutionContext's catalog version;
  // `table_function` holds its name, `exprs` and `values` are empty.
  const catalog::SystemTableDef* system_table = nullptr;

  // kAggregate: output = groups..., aggregates...
  std::vector<BoundExprPtr> groups;
  std::vector<AggregateCall> aggregates;

  // kJoin: `condition` over left+right columns (null = true). The planner
  // also extracts equi-join keys: left_keys[i] (over the left child's columns)
  // = right_keys[i] (over the right's); `condition` then holds only the rest.
  JoinType join_type = JoinType::kInner;
  BoundExprPtr condition;
  // LATERAL: the right child reads the left row as its depth-1 outer row
  // and runs once per left row (never reordered, no join keys).
  bool lateral = false;
  std::vector<BoundExprPtr> left_keys, right_keys;

  // kSort
  std::vector<OrderItem> order;

  // kWindow
  std::vector<WindowCall> windows;

  // kDistinct: when non-empty, DISTINCT ON these input columns, keeping the
  // first row of each in input order (below it is the ORDER BY's kSort).
  std::vector<int> distinct_columns;

  // kLockRows: its output = its input; locks, per input row, the row of each
  // target. Below it: kSort? -> kProjection -> the FROM clause and WHERE,
  // whose operators READ COMMITTED re-evaluates for one input row when a
  // locked row changed concurrently: each locked kGet reads its row's newest
  // version, each recheck leaf its original output (execution/lock_rows_recheck.h).
  std::vector<RowLockTarget> lock_targets;
  std::vector<RecheckLeaf> recheck_leaves;
  // Any operator: identifies it to an enclosing kLockRows's re-check (-1: none).
  int recheck_tag = -1;

  // kLimit: each may be null; evaluated once (constants, parameters).
  BoundExprPtr limit, offset;

  // kSetOp (children[0], children[1]; same column count and types)
  SetOpType set_op = SetOpType::kUnion;
  bool set_all = false;
  int cte_id = -1;  // kRecursiveCte / kWorkTableScan: links a scan to its CTE

  // kInsert / kUpdate / kDelete (target `table`)
  //   kInsert: child produces full rows in column-id order, already cast to
  //            the column types, defaults filled in; the operator checks NOT
  //            NULL and CHECK constraints.
  //   kUpdate: child produces its scan columns + the row id as its LAST
  //            column; update_columns[i] = set_exprs[i] (over the child row).
  //   kDelete: child's LAST column is the row id.
  std::vector<int> update_columns;
  std::vector<BoundExprPtr> set_exprs;
  std::vector<BoundExprPtr> check_exprs;  // CHECK constraints over the table's full row
  std::vector<BoundExprPtr> returning;    // output of the DML operator when non-empty
  std::shared_ptr<OnConflictAction> on_conflict;  // kInsert: ON CONFLICT, null without
  // kUpdate/kDelete with FROM/USING: `returning` is over the full row
  // followed by the child's row (the FROM items' columns are in it).
  bool returning_child = false;

  // Readable tree in PostgreSQL's EXPLAIN text style (no costs).
  std::string ToString(int indent = 0) const;
};

using LogicalOperatorPtr = std::shared_ptr<LogicalOperator>;

}  // namespace omen::sql
