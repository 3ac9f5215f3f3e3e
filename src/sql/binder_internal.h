#pragma once
// Private to the binder: the name scopes and the Binder object shared by
// bind_*.cc and expression_binder.cc.
//
// Invariants:
//  1. A Scope lists the columns of the row an expression is evaluated over,
//     in row order; ScopeColumn i is kColumnRef index i.
//  2. Scope::parent is the scope of the row of the operator that evaluates
//     the enclosing kSubquery (depth 1), and so on outwards.
//  3. While binding an aggregate query, aggregate calls are collected and
//     replaced by kColumnRef with index -1 - k (k = aggregate number); the
//     rewrite to the kAggregate output (groups..., aggregates...) happens in
//     bind_select.cc before the plan is built.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"
#include "common/type_io.h"
#include "sql/binder.h"
#include "sql/bound_expression.h"
#include "sql/logical_plan.h"

struct PgQuery__Node;
struct PgQuery__SelectStmt;
struct PgQuery__RangeVar;
struct PgQuery__ResTarget;
struct PgQuery__TypeName;
struct PgQuery__WithClause;

namespace omen::sql {

struct ScopeColumn {
  std::string table;  // range-table alias ("" for none)
  std::string name;
  Type type;
  bool hidden_unqualified = false;  // USING/NATURAL: the other side's merged column
  bool system = false;  // a row id or lock payload column: no name reaches it, `*` skips it
};

struct Scope {
  std::vector<ScopeColumn> columns;
  // USING/NATURAL joins reorder `*`: when star_set, `*` is star followed by
  // columns [star_end, size); otherwise every column in order.
  std::vector<int> star;
  bool star_set = false;
  size_t star_end = 0;
  std::vector<std::string> range_names;  // FROM aliases seen so far (42712 on duplicates)
  std::vector<std::pair<std::string, std::string>>
      aliased;  // (relation name, alias) of aliased tables
  const Scope* parent = nullptr;
  mutable bool outer_referenced = false;  // something inside referenced a parent scope
};

// Aggregates found while binding one query level.
struct AggregateCollector {
  std::vector<AggregateCall> calls;
  std::vector<std::string> names;
};

// The window function calls of one SELECT level (bind_window.cc), and its
// WINDOW clause for named windows.
struct WindowCollector {
  const PgQuery__SelectStmt* select = nullptr;
  std::vector<WindowCall> calls;
};

// Where an expression is bound: its scope and what it may contain.
struct ExprContext {
  const Scope* scope = nullptr;
  const char* clause = "";             // "WHERE", "JOIN conditions", ... for error messages
  AggregateCollector* aggs = nullptr;  // null: aggregates not allowed here
  WindowCollector* windows = nullptr;  // null: window functions not allowed here
};

// The result of binding a query expression.
struct BoundQuery {
  LogicalOperatorPtr plan;
  std::vector<std::string> names;
  std::vector<Type> types;
};

// While a WITH RECURSIVE term is bound: the working table its
// self-reference reads (bind_recursive_cte.cc).
struct WorkTable {
  int cte_id = 0;
  std::vector<Type> types;
  std::vector<std::string> names;
  const Scope* parent = nullptr;  // the scope the recursive term is bound in
  int references = 0;
};

struct CteEntry {
  const PgQuery__Node* query = nullptr;
  bool recursive = false;  // declared WITH RECURSIVE
  std::vector<std::string> column_names;
  std::shared_ptr<WorkTable> work;  // set: a reference is the working table
};

// SELECT ... FOR UPDATE/NO KEY UPDATE/SHARE/KEY SHARE (bind_locking.cc).
struct LockingClause {
  uint8_t strength = 3;  // RowLockTarget::strength
  uint8_t wait = 0;      // RowLockTarget::wait
  std::vector<std::pair<std::string, int>> rels;  // OF names and locations (empty: all)
};
struct LockingSpec {
  bool any = false;  // a locking clause is present (or one was pushed down)
  std::vector<LockingClause> clauses;
  std::string Name() const;  // the first clause's "FOR UPDATE", ... for error messages
  // Whether a clause applies to the FROM item named `alias`; then the
  // strongest strength and strictest wait policy of those that do (as
  // PostgreSQL's applyLockingClause merges them).
  bool AppliesTo(const std::string& alias, LockingClause* merged) const;
};
std::string LockStrengthName(uint8_t strength);

// What one query level's locking clause collects while its FROM clause is
// bound. Column positions are scope (FROM row) columns.
struct LockCollector {
  LockingSpec spec;
  std::vector<RowLockTarget> targets;  // row_id_column: the scope column of the row id
  std::vector<RecheckLeaf> leaves;     // first_column: the item's first scope column
  // Scope column ranges [first, end) of the items a clause applies to, with
  // its strength (the nullable-side check).
  struct Locked {
    size_t first, end;
    uint8_t strength;
  };
  std::vector<Locked> locked;
  // FROM item aliases with what they are when not lockable ("a function",
  // "a join", "a WITH query"; "" for tables, views and subqueries).
  std::vector<std::pair<std::string, std::string>> named;
  Status nullable_error;  // the first "... nullable side of an outer join"
};

// The locking clauses of `s`, in order.
LockingSpec ParseLockingClause(const PgQuery__SelectStmt* s);
// After a query level's FROM clause and CheckSelectLocking: 42P01 for an OF
// name not in FROM, 0A000 for one naming a function, join or WITH query,
// then the nullable-side error (PostgreSQL's order).
Status CheckLockedNames(const LockCollector& c);

// What a subquery or view bound under a pushed-down clause reports. A simple
// one exports: its output columns after the visible ones carry the row ids
// and leaf values the enclosing query's kLockRows needs (positions are output
// columns). Any other locks its own rows
// (`inside`).
struct LockExport {
  bool inside = false;
  bool locks = false;  // something in it is locked (the nullable-side check)
  std::vector<Type> payload;
  std::vector<RowLockTarget> targets;
  std::vector<RecheckLeaf> leaves;
};

class Binder {
 public:
  explicit Binder(const BindContext& ctx);

  Result<BoundStatement> BindStatement(const PgQuery__Node* node);
  Result<BoundStatement> BindSelectStatement(const PgQuery__Node* node);
  Result<BoundStatement> BindInsert(const PgQuery__Node* node);
  Result<BoundStatement> BindUpdate(const PgQuery__Node* node);
  Result<BoundStatement> BindDelete(const PgQuery__Node* node);

  // Queries. `keep_unknown`: leave untyped literal outputs as unknown (set
  // operation leaves, INSERT sources) instead of resolving them to text.
  Result<BoundQuery> BindQuery(const PgQuery__Node* node, const Scope* parent, bool keep_unknown);
  Result<BoundQuery> BindSelect(const PgQuery__SelectStmt* stmt, const Scope* parent,
                                bool keep_unknown);
  Result<BoundQuery> BindSetOp(const PgQuery__SelectStmt* stmt, const Scope* parent);
  Result<BoundQuery> BindValues(const PgQuery__SelectStmt* stmt, const Scope* parent);
  // FROM items: plan + scope columns appended to `scope`.
  Result<LogicalOperatorPtr> BindFromList(const PgQuery__SelectStmt* stmt, const Scope* parent,
                                          Scope* scope);
  Result<LogicalOperatorPtr> BindFromItem(const PgQuery__Node* node, const Scope* parent,
                                          Scope* scope);

  // Row locking of FROM items (bind_locking.cc). The collector of the query
  // level whose FROM clause is being bound (null: no locking clause);
  // returns the previous one.
  LockCollector* SwapLockCollector(LockCollector* c) {
    std::swap(c, lock_collector_);
    return c;
  }
  // The clause pushed into the query being bound (taken once), and the
  // export a simple one leaves for its FROM item.
  std::optional<LockingClause> TakePushedLock() {
    std::optional<LockingClause> c = std::move(pending_lock_);
    pending_lock_.reset();
    return c;
  }
  void SetLockExport(LockExport e) { lock_export_ = std::move(e); }
  int NextRecheckTag() { return next_recheck_tag_++; }
  // A function call in FROM (generate_series); its column is appended to
  // `scope` named `alias`'s first column name, else `alias`, else the function.
  Result<LogicalOperatorPtr> BindRangeFunction(const PgQuery__Node* node, const Scope* parent,
                                               Scope* scope);

  // Expressions.
  Result<BoundExprPtr> BindExpr(const PgQuery__Node* node, const ExprContext& ec);
  // Binds a condition that must be boolean (WHERE, HAVING, ON, CHECK).
  Result<BoundExprPtr> BindCondition(const PgQuery__Node* node, const ExprContext& ec);
  // Coerces `expr` to `target` (untyped literals parsed, parameters typed,
  // otherwise a kCast). 42846 when no cast exists in `cc`.
  Result<BoundExprPtr> Coerce(BoundExprPtr expr, Type target, CastContext cc);
  // Untyped literal / NULL / unresolved parameter outputs become text.
  Result<BoundExprPtr> ResolveUnknown(BoundExprPtr expr);
  // Output column `col` of `plan` (a projection, possibly under sort, distinct
  // or limit) that is an unresolved parameter takes `target` as its type, as
  // PostgreSQL infers $n in INSERT ... SELECT $1 and ... UNION SELECT $1. Sets
  // *typed when it did; other columns are left alone.
  Status InferParameterOutput(LogicalOperator* plan, size_t col, Type target, CastContext cc,
                              bool* typed);
  Result<Type> BindTypeName(const PgQuery__TypeName* tn);
  Result<Type> BindTypeNameInner(const PgQuery__TypeName* tn);
  // PostgreSQL's FigureColname for a select-list expression.
  static std::string FigureColname(const PgQuery__Node* node);

  // Relations.
  Result<std::shared_ptr<const catalog::TableDef>> LookupTable(const PgQuery__RangeVar* rv,
                                                               bool allow_view);
  // The system relation `rv` names (pg_catalog first for unqualified names,
  // as PostgreSQL searches it); nullptr when it names none (bind_system_table.cc).
  const catalog::SystemTableDef* LookupSystemTable(const PgQuery__RangeVar* rv) const;
  // A scan of system relation `def` under `alias`, its columns added to `scope`.
  LogicalOperatorPtr BindSystemTable(const catalog::SystemTableDef* def, const std::string& alias,
                                     Scope* scope);
  Status PushCtes(const PgQuery__WithClause* with);
  void PopCtes(size_t n);
  // WITH RECURSIVE `name` AS (non-recursive UNION [ALL] recursive): a
  // kRecursiveCte (bind_recursive_cte.cc); *recursive false (and nothing
  // bound) when the body does not reference itself. REQUIRES: ctes_ holds
  // the CTEs the body may see.
  Result<BoundQuery> BindRecursiveCte(const std::string& name, const CteEntry& cte,
                                      const Scope* parent, bool* recursive);
  // A FROM reference to the working table `work` (alias, columns into `scope`).
  Result<LogicalOperatorPtr> BindWorkTableScan(const std::string& name, WorkTable* work,
                                               const Scope* parent, const std::string& alias,
                                               Scope* scope, int location);

  // Parameter types as far as inferred.
  std::vector<Type>& params() { return params_; }
  // Plan post-pass: unresolved parameters get their final types.
  void FinalizeParams(LogicalOperator* op);

  const BindContext& ctx() const { return ctx_; }
  // Plan cache: whether `e` is a parameter standing for a lifted literal, and
  // recording how one was coerced (BindContext::lifted).
  bool IsLifted(const BoundExpr& e) const {
    return e.kind == BoundExprKind::kParameter && e.index >= 0 &&
           static_cast<size_t>(e.index) < ctx_.lifted_count;
  }
  void NoteLiftedCoercion(int index, CastContext cc) {
    if (ctx_.lifted == nullptr || index < 0 || static_cast<size_t>(index) >= ctx_.lifted_count)
      return;
    auto& v = ctx_.lifted->cast_contexts;
    if (v.size() < ctx_.lifted_count) v.resize(ctx_.lifted_count, 0);
    v[index] = static_cast<uint8_t>(cc);
  }
  // Parse-tree location of a bound literal or column reference; -1 if unknown.
  int LocationOf(const BoundExpr* e) const {
    auto it = expr_locations_.find(e);
    return it == expr_locations_.end() ? -1 : it->second;
  }

 private:
  Result<BoundExprPtr> BindColumnRef(const PgQuery__Node* node, const ExprContext& ec);
  Result<BoundExprPtr> BindAConst(const PgQuery__Node* node);
  Result<BoundExprPtr> BindAExpr(const PgQuery__Node* node, const ExprContext& ec);
  Result<BoundExprPtr> BindOperator(const std::string& op, BoundExprPtr l, BoundExprPtr r,
                                    int location);
  Result<BoundExprPtr> BindFuncCall(const PgQuery__Node* node, const ExprContext& ec);
  // A call's arguments, with named arguments and parameter defaults where the
  // function has them (bind_function.cc).
  Status BindCallArguments(const PgQuery__FuncCall* f, const std::string& name, const ExprContext& ec,
                           std::vector<BoundExprPtr>* args);
  // A call with OVER (bind_window.cc): collected into ec.windows, bound as a kWindowRef.
  Result<BoundExprPtr> BindWindowCall(const PgQuery__FuncCall* f, const std::string& name,
                                      const ExprContext& ec);
  Status BindWindowDef(const PgQuery__WindowDef* def, const ExprContext& ec, WindowCall* call);
  Result<BoundExprPtr> BindTypeCast(const PgQuery__Node* node, const ExprContext& ec);
  Result<BoundExprPtr> BindCase(const PgQuery__Node* node, const ExprContext& ec);
  Result<BoundExprPtr> BindSubLink(const PgQuery__Node* node, const ExprContext& ec);
  Result<BoundExprPtr> BindBool(const PgQuery__Node* node, const ExprContext& ec);
  Result<BoundExprPtr> BindInList(const PgQuery__Node* node, const ExprContext& ec);
  // Arrays (bind_array.cc). `target`: the array type of an enclosing cast, if any.
  Result<BoundExprPtr> BindArrayExpr(const PgQuery__Node* node, const ExprContext& ec, Type target = Type());
  Result<BoundExprPtr> BindIndirection(const PgQuery__Node* node, const ExprContext& ec);
  Result<BoundExprPtr> BindArrayOp(const PgQuery__Node* node, const ExprContext& ec);
  // unnest(array) in FROM: a kValues with table_function "unnest".
  Result<LogicalOperatorPtr> BindUnnest(const PgQuery__RangeFunction* rf, const Scope* parent, Scope* scope);
  Result<BoundExprPtr> BindBetween(const PgQuery__Node* node, const ExprContext& ec);
  Result<BoundExprPtr> BindCommonTyped(BoundExprKind kind, const std::vector<PgQuery__Node*>& args,
                                       const char* what, const ExprContext& ec);
  Result<BoundExprPtr> BindSqlValueFunction(const PgQuery__Node* node);
  Result<BoundExprPtr> BindSubqueryPlan(const PgQuery__Node* select, const ExprContext& ec,
                                        BoundQuery* out, bool* correlated);

  const BindContext& ctx_;
  std::vector<Type> params_;
  // Set by BindSelect / BindSetOp: whether the query just bound referenced
  // a scope outside itself.
  bool last_query_correlated_ = false;
  std::unordered_map<const BoundExpr*, int> expr_locations_;
  std::vector<std::pair<std::string, CteEntry>> ctes_;  // innermost last
  int next_cte_id_ = 0;  // kRecursiveCte ids of this statement
  // LATERAL: a FROM item sees scope columns [lateral_begin_, end) (the items
  // to its left within its join or FROM list) as its depth-1 outer row; set
  // by BindFromList / the join binder before binding the next item.
  size_t lateral_begin_ = 0;
  // Set by BindFromItem: whether the item just bound was LATERAL and
  // referenced the items to its left (its join must run per left row).
  bool last_item_lateral_ = false;
  // Row locking (bind_locking.cc): see SwapLockCollector / TakePushedLock.
  LockCollector* lock_collector_ = nullptr;
  std::optional<LockingClause> pending_lock_;
  std::optional<LockExport> lock_export_;
  int next_recheck_tag_ = 0;

  Result<LogicalOperatorPtr> BindFromItemImpl(const PgQuery__Node* node, const Scope* parent,
                                              Scope* scope);
  // FROM-item hooks; no-ops without a collector. `first`: the item's first
  // scope column.
  void LockTableItem(LogicalOperator* get, const std::string& alias, Scope* scope, size_t first);
  void NoteUnlockedItem(LogicalOperator* item, const std::string& alias, const Scope& scope,
                        size_t first, const char* kind);
  // Before binding a subquery or view named `alias`: pushes the clause into
  // it when one applies (true).
  bool PushLockInto(const std::string& alias);
  void NoteSubqueryItem(LogicalOperator* item, const std::string& alias, Scope* scope,
                        size_t first, bool pushed);
  void NoteJoinItem(LogicalOperator* item, const PgQuery__JoinExpr* j, const Scope& scope,
                    size_t first);
};

// Pops the CTEs a WITH clause pushed (Binder::PushCtes) when it leaves scope.
class CteScope {
 public:
  CteScope(Binder* b, size_t n) : b_(b), n_(n) {}
  ~CteScope() { b_->PopCtes(n_); }
  CteScope(const CteScope&) = delete;
  CteScope& operator=(const CteScope&) = delete;

 private:
  Binder* b_;
  size_t n_;
};

// Helpers shared by the bind_*.cc files.
// Attaches a parse-tree location (0-based byte offset, -1 none) as the
// error position unless the status already has one.
// PostgreSQL's exprLocation for a raw parse node: its leftmost location, -1 if none.
int NodeLocation(const PgQuery__Node* node);
// catalog::CommonType with the error positioned at the first expression of
// `nodes` (parallel to `types`) that does not match the ones before it.
Result<Type> CommonTypeAt(const std::vector<Type>& types, const char* what,
                          const std::vector<PgQuery__Node*>& nodes);
inline Status WithLocation(Status st, int location) {
  if (!st.ok() && st.position() == 0 && location >= 0) st.WithPosition(location + 1);
  return st;
}
BoundExprPtr BinderColumnRef(int index, Type type);
BoundExprPtr BinderConstant(Value v);
bool BinderExprEqual(const BoundExpr& a, const BoundExpr& b);
LogicalOperatorPtr BinderOp(LogicalOpKind kind);
// A sort of `child` by `order`; `child` itself when `order` is empty.
LogicalOperatorPtr BinderSort(LogicalOperatorPtr child, std::vector<OrderItem> order);
// A scan of every live column of `table` under `alias`, added to `scope`.
LogicalOperatorPtr BinderTableGet(const std::shared_ptr<const catalog::TableDef>& table,
                                  const std::string& alias, Scope* scope);
// An ORDER BY item (query or aggregate) from its SortBy node; 0A000 for USING.
Result<OrderItem> MakeOrderItem(const PgQuery__SortBy* sb, BoundExprPtr expr);
// A projection over `child` computing `exprs` named `names`.
LogicalOperatorPtr BinderProjection(LogicalOperatorPtr child, std::vector<BoundExprPtr> exprs,
                                    std::vector<std::string> names);
std::vector<int> BinderStarList(const Scope& scope);

std::string BinderNodeString(const PgQuery__Node* node);  // String node's value, "" otherwise

}  // namespace omen::sql
