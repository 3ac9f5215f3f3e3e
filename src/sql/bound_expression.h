#pragma once
// Bound expressions: typed, resolved expression trees produced by the binder
// and evaluated by execution/. Every node has its result `type`; casts the
// SQL needs are explicit kCast nodes (the evaluator never coerces).
//
// Column references are positions in the input chunk of the operator that
// evaluates the expression (see logical_plan.h for each operator's input).
// A correlated subquery's references to enclosing queries are
// kOuterColumnRef{depth, index}: depth 1 is the row of the operator that
// evaluates the kSubquery expression, depth 2 that operator's own outer row,
// and so on; index is a position in that row.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/types.h"
#include "common/value.h"

namespace omen::sql {

struct LogicalOperator;

enum class BoundExprKind : uint8_t {
  kConstant,        // value
  kColumnRef,       // index
  kOuterColumnRef,  // depth, index
  kParameter,       // index ($1 is 0)
  kFunction,        // function_oid, children = arguments (already cast); operators too
  kCast,            // children[0] -> type (CastContext in cast_context)
  kAnd,             // children (2+), SQL three-valued logic
  kOr,
  kNot,
  kIsNull,          // children[0] IS NULL
  kIsNotNull,
  kIsDistinctFrom,  // children[0], children[1] (same type); negated: IS NOT DISTINCT FROM
  kCase,            // children: when1, then1, when2, then2, ..., [else] (has_else)
  kCoalesce,        // children
  kNullIf,          // children[0], children[1], function_oid = the "=" used
  kInList,          // children[0] IN (children[1..]); negated for NOT IN; function_oid = "="
  kArrayOp,         // children[0] op ANY (children[1], an array); negated: op ALL; function_oid = op
  kSubquery,        // subquery_kind, subquery; children[0] = left operand for kAny/kAll
  kGreatest,        // children (same type)
  kLeast,
  kWindowRef,       // binder-internal: window call `index` of the SELECT level,
                    // replaced by a kColumnRef over the kWindow's output
};

enum class SubqueryKind : uint8_t {
  kScalar,  // one column; more than one row: 21000 "more than one row returned by a subquery used as an expression"
  kExists,  // negated for NOT EXISTS
  kAny,     // x op ANY (subquery), x IN (subquery): function_oid = the operator
  kAll,     // x op ALL (subquery), x NOT IN is kAll with "<>"
  kArray,   // ARRAY(subquery): the one column's values as an array (type = the array type)
};

struct BoundExpr {
  BoundExprKind kind = BoundExprKind::kConstant;
  Type type;  // result type
  std::vector<std::unique_ptr<BoundExpr>> children;

  Value value;               // kConstant
  int index = 0;             // kColumnRef, kOuterColumnRef, kParameter
  int depth = 0;             // kOuterColumnRef
  uint32_t function_oid = 0; // kFunction, kNullIf, kInList, kSubquery kAny/kAll
  bool negated = false;      // kInList (NOT IN), kIsDistinctFrom (IS NOT DISTINCT FROM), kExists
  bool has_else = false;     // kCase
  uint8_t cast_context = 2;  // kCast: static_cast<CastContext> (2 = kExplicit)

  SubqueryKind subquery_kind = SubqueryKind::kScalar;
  std::shared_ptr<LogicalOperator> subquery;  // kSubquery
  bool correlated = false;   // kSubquery: references an outer row (else evaluated once)

  std::string alias;         // the name PostgreSQL would give the column ("?column?", "sum", ...)
  std::string name;          // kColumnRef/kOuterColumnRef: display name for EXPLAIN ("a", "t.a"); may be empty

  std::unique_ptr<BoundExpr> Copy() const;
  // Readable form for EXPLAIN, e.g. "(a + 1)", "(t.id = $1)".
  std::string ToString() const;
};

using BoundExprPtr = std::unique_ptr<BoundExpr>;

}  // namespace omen::sql
