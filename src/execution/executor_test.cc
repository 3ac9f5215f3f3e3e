#include "execution/executor.h"

#include <gtest/gtest.h>

#include <atomic>

#include "execution/executor_test_util.h"

namespace omen::execution {
namespace {

using namespace testing;  // NOLINT

const Type kInt(TypeId::kInt32);
const Type kText(TypeId::kText);

// t(id int not null, name text, v int) with rows (1,a,10) (2,b,NULL) (3,c,30) (4,NULL,10)
std::shared_ptr<catalog::TableDef> MakeT() {
  auto t = MakeTable("t", {{"id", kInt}, {"name", kText}, {"v", kInt}}, {{0}});
  t->data = std::make_shared<storage::Table>(std::vector<Type>{kInt, kText, kInt});
  storage::IndexSpec spec;
  spec.name = "t_pkey";
  spec.columns = {0};
  spec.unique = true;
  EXPECT_TRUE(t->data->CreateIndex(spec, nullptr).ok());
  auto ins = [&](int id, const char* name, int v) {
    std::vector<Value> row = {Value::Int32(id), name ? Value::Text(name) : Value::Null(kText),
                              v == kNullInt ? Value::Null(kInt) : Value::Int32(v)};
    EXPECT_TRUE(t->data->Insert(row, nullptr).ok());
  };
  ins(1, "a", 10);
  ins(2, "b", kNullInt);
  ins(3, "c", 30);
  ins(4, nullptr, 10);
  return t;
}

std::vector<std::string> Rows(const LogicalOperatorPtr& plan) {
  RunResult r = RunPlan(*plan);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  return r.rows;
}

using V = std::vector<std::string>;

TEST(ExecutorTest, DummyAndValues) {
  EXPECT_EQ(Rows(Project(Dummy(), Exprs(Int(1), Text("x")))), (V{"1|x"}));
  EXPECT_EQ(Rows(IntValues({1, kNullInt, 3})), (V{"1", "NULL", "3"}));
}

TEST(ExecutorTest, SeqScanWithFilterAndRowId) {
  auto t = MakeT();
  auto get = Get(t);
  get->filter = Op(">", Col(0), Int(2));
  EXPECT_EQ(Rows(get), (V{"3|c|30", "4|NULL|10"}));
  auto get2 = Get(t);
  get2->column_ids = {2};
  get2->types = {kInt};
  get2->emit_row_id = true;
  get2->types.push_back(Type(TypeId::kInt64));
  EXPECT_EQ(Rows(get2), (V{"10|0", "NULL|1", "30|2", "10|3"}));
  auto f = Filter(Get(t), Op("=", Col(2), Int(10)));
  RunResult r = RunPlan(*f);
  EXPECT_EQ(r.count, 2u);
}

TEST(ExecutorTest, IndexAccess) {
  auto t = MakeT();
  auto eq = Get(t);
  eq->index_access.index = 0;
  eq->index_access.keys.push_back(Int(3));
  EXPECT_EQ(Rows(eq), (V{"3|c|30"}));
  auto in = Get(t);
  in->index_access.index = 0;
  in->index_access.kind = sql::IndexAccess::Kind::kInList;
  in->index_access.keys = Exprs(Int(4), Int(1), NullInt(), Int(4));
  EXPECT_EQ(Rows(in), (V{"1|a|10", "4|NULL|10"}));
  auto range = Get(t);
  range->index_access.index = 0;
  range->index_access.kind = sql::IndexAccess::Kind::kRange;
  range->index_access.lower = Int(2);
  range->index_access.lower_inclusive = false;
  range->index_access.ordered = true;
  range->index_access.descending = true;
  range->filter = Op("<>", Col(0), Int(3));
  EXPECT_EQ(Rows(range), (V{"4|NULL|10"}));
  auto null_key = Get(t);
  null_key->index_access.index = 0;
  null_key->index_access.keys.push_back(NullInt());
  EXPECT_EQ(Rows(null_key), V{});
}

TEST(ExecutorTest, AggregateGroupedAndUngrouped) {
  auto t = MakeT();
  std::vector<sql::AggregateCall> aggs;
  aggs.push_back(Agg("sum", Exprs(Col(0))));
  aggs.push_back(Agg("count", {}));
  aggs.push_back(Agg("count", Exprs(Col(1, kText))));
  auto grouped = Aggregate(Get(t), Exprs(Col(2)), std::move(aggs));
  auto sorted = Sort(grouped, Col(0), false);
  EXPECT_EQ(Rows(sorted), (V{"10|5|2|1", "30|3|1|1", "NULL|2|1|1"}));

  std::vector<sql::AggregateCall> none;
  none.push_back(Agg("sum", Exprs(Col(0))));
  none.push_back(Agg("count", {}));
  auto empty = Filter(Get(t), Op(">", Col(0), Int(100)));
  EXPECT_EQ(Rows(Aggregate(empty, {}, std::move(none))), (V{"NULL|0"}));

  std::vector<sql::AggregateCall> grouped_empty;
  grouped_empty.push_back(Agg("count", {}));
  auto empty2 = Filter(Get(t), Op(">", Col(0), Int(100)));
  EXPECT_EQ(Rows(Aggregate(empty2, Exprs(Col(2)), std::move(grouped_empty))), V{});
}

TEST(ExecutorTest, AggregateTextKeyAndExpressionKey) {
  auto t = MakeT();
  std::vector<sql::AggregateCall> aggs;
  aggs.push_back(Agg("count", {}));
  auto by_name = Aggregate(Get(t), Exprs(Col(1, kText), Op(">", Col(0), Int(2))), std::move(aggs));
  EXPECT_EQ(Rows(Sort(by_name, Col(0, kText), false)), (V{"a|f|1", "b|f|1", "c|t|1", "NULL|t|1"}));
}

TEST(ExecutorTest, AggregateDistinctAndFilter) {
  auto t = MakeT();
  std::vector<sql::AggregateCall> aggs;
  aggs.push_back(Agg("count", Exprs(Col(2))));
  aggs.back().distinct = true;
  aggs.push_back(Agg("sum", Exprs(Col(2))));
  aggs.back().distinct = true;
  aggs.push_back(Agg("count", {}));
  aggs.back().filter = Op(">", Col(0), Int(2));
  EXPECT_EQ(Rows(Aggregate(Get(t), {}, std::move(aggs))), (V{"2|40|2"}));
}

TEST(ExecutorTest, SortMultiKeyNulls) {
  auto t = MakeT();
  auto s = Unary(LogicalOpKind::kSort, Get(t));
  s->order.push_back(sql::OrderItem{Col(2), false, true});   // v ASC NULLS FIRST
  s->order.push_back(sql::OrderItem{Col(0), true, true});    // id DESC
  EXPECT_EQ(Rows(s), (V{"2|b|NULL", "4|NULL|10", "1|a|10", "3|c|30"}));
  auto by_name = Sort(Get(t), Col(1, kText), true);  // DESC: NULLS FIRST
  EXPECT_EQ(Rows(by_name), (V{"4|NULL|10", "3|c|30", "2|b|NULL", "1|a|10"}));
}

TEST(ExecutorTest, LimitOffset) {
  auto t = MakeT();
  auto l = Limit(Get(t), 2);
  l->offset = Const(Value::Int64(1));
  EXPECT_EQ(Rows(l), (V{"2|b|NULL", "3|c|30"}));
  EXPECT_EQ(Rows(Limit(Get(t), 0)), V{});
  RunResult r = RunPlan(*Limit(Get(t), -1));
  EXPECT_EQ(r.status.code().code(), "2201W");
  EXPECT_EQ(r.status.message(), "LIMIT must not be negative");
  auto o = Unary(LogicalOpKind::kLimit, Get(t));
  o->offset = Const(Value::Int64(-1));
  EXPECT_EQ(RunPlan(*o).status.code().code(), "2201X");
  auto nl = Unary(LogicalOpKind::kLimit, Get(t));
  nl->limit = Const(Value::Null(Type(TypeId::kInt64)));
  EXPECT_EQ(Rows(nl).size(), 4u);
}

TEST(ExecutorTest, LimitStopsEarly) {
  std::vector<int32_t> many(10000);
  for (int i = 0; i < 10000; ++i) many[i] = i;
  auto values = IntValues(many);
  auto l = Limit(values, 3);
  EXPECT_EQ(Rows(l), (V{"0", "1", "2"}));
}

LogicalOperatorPtr HashJoin(LogicalOperatorPtr l, LogicalOperatorPtr r, JoinType jt, int lk, int rk,
                            BoundExprPtr cond = nullptr) {
  auto j = Join(std::move(l), std::move(r), jt, std::move(cond));
  j->left_keys.push_back(Col(lk));
  j->right_keys.push_back(Col(rk));
  return j;
}

TEST(ExecutorTest, HashJoinTypes) {
  auto sorted = [](V v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  auto l = [] { return IntValues({1, 2, kNullInt, 3}); };
  auto r = [] { return IntValues({1, 1, 3, 4, kNullInt}); };
  EXPECT_EQ(sorted(Rows(HashJoin(l(), r(), JoinType::kInner, 0, 0))), (V{"1|1", "1|1", "3|3"}));
  EXPECT_EQ(sorted(Rows(HashJoin(l(), r(), JoinType::kLeft, 0, 0))),
            (V{"1|1", "1|1", "2|NULL", "3|3", "NULL|NULL"}));
  EXPECT_EQ(sorted(Rows(HashJoin(l(), r(), JoinType::kRight, 0, 0))),
            (V{"1|1", "1|1", "3|3", "NULL|4", "NULL|NULL"}));
  EXPECT_EQ(sorted(Rows(HashJoin(l(), r(), JoinType::kFull, 0, 0))),
            (V{"1|1", "1|1", "2|NULL", "3|3", "NULL|4", "NULL|NULL", "NULL|NULL"}));
  EXPECT_EQ(sorted(Rows(HashJoin(l(), r(), JoinType::kSemi, 0, 0))), (V{"1", "3"}));
  EXPECT_EQ(sorted(Rows(HashJoin(l(), r(), JoinType::kAnti, 0, 0))), (V{"2", "NULL"}));
  // Residual condition: l.x = r.y AND r.y <> 3
  EXPECT_EQ(sorted(Rows(HashJoin(l(), r(), JoinType::kLeft, 0, 0, Op("<>", Col(1), Int(3))))),
            (V{"1|1", "1|1", "2|NULL", "3|NULL", "NULL|NULL"}));
}

TEST(ExecutorTest, NestedLoopJoin) {
  auto sorted = [](V v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  auto l = [] { return IntValues({1, 5}); };
  auto r = [] { return IntValues({2, 3}); };
  EXPECT_EQ(sorted(Rows(Join(l(), r(), JoinType::kCross))), (V{"1|2", "1|3", "5|2", "5|3"}));
  EXPECT_EQ(sorted(Rows(Join(l(), r(), JoinType::kLeft, Op("<", Col(0), Col(1))))),
            (V{"1|2", "1|3", "5|NULL"}));
  EXPECT_EQ(sorted(Rows(Join(l(), r(), JoinType::kFull, Op(">", Col(0), Col(1))))),
            (V{"1|NULL", "5|2", "5|3"}));
  EXPECT_EQ(sorted(Rows(Join(l(), r(), JoinType::kAnti, Op(">", Col(0), Col(1))))), (V{"1"}));
  EXPECT_EQ(sorted(Rows(Join(l(), IntValues({}), JoinType::kSemi))), V{});
}

TEST(ExecutorTest, ScalarSubquery) {
  auto t = MakeT();
  // SELECT (SELECT max... ) approximated: (SELECT v FROM t WHERE id = 3)
  auto sub = Project(Filter(Get(t), Op("=", Col(0), Int(3))), Exprs(Col(2)));
  EXPECT_EQ(Rows(Project(Dummy(), Exprs(Subquery(sql::SubqueryKind::kScalar, sub, false)))), (V{"30"}));
  auto none = Project(Filter(Get(t), Op("=", Col(0), Int(9))), Exprs(Col(2)));
  EXPECT_EQ(Rows(Project(Dummy(), Exprs(Subquery(sql::SubqueryKind::kScalar, none, false)))), (V{"NULL"}));
  auto many = Project(Get(t), Exprs(Col(2)));
  RunResult r = RunPlan(*Project(Dummy(), Exprs(Subquery(sql::SubqueryKind::kScalar, many, false))));
  EXPECT_EQ(r.status.code(), sqlstate::kCardinalityViolation);
  EXPECT_EQ(r.status.message(), "more than one row returned by a subquery used as an expression");
}

TEST(ExecutorTest, CorrelatedSubqueries) {
  auto t = MakeT();
  // SELECT x, (SELECT name FROM t WHERE id = x), EXISTS (SELECT FROM t WHERE v = x * 10)
  auto name_of = Project(Filter(Get(t), Op("=", Col(0), Outer(1, 0))), Exprs(Col(1, kText)));
  auto exists = Filter(Get(t), Op("=", Col(2), Op("*", Outer(1, 0), Int(10))));
  auto not_exists = Subquery(sql::SubqueryKind::kExists, exists, true);
  not_exists->negated = true;
  auto plan = Project(IntValues({1, 2, 9}),
                      Exprs(Col(0), Subquery(sql::SubqueryKind::kScalar, name_of, true),
                            Subquery(sql::SubqueryKind::kExists, exists, true), std::move(not_exists)));
  EXPECT_EQ(Rows(plan), (V{"1|a|t|f", "2|b|f|t", "9|NULL|f|t"}));
}

TEST(ExecutorTest, HashJoinOnTextKey) {
  auto t = MakeT();
  std::vector<std::vector<BoundExprPtr>> rows;
  rows.push_back(Exprs(Text("c")));
  rows.push_back(Exprs(Text("a")));
  rows.push_back(Exprs(Text("zz")));
  auto j = Join(ValuesOf(std::move(rows)), Get(t), JoinType::kInner);
  j->left_keys.push_back(Col(0, kText));
  j->right_keys.push_back(Col(1, kText));
  auto p = Project(j, Exprs(Col(0, kText), Col(1)));
  EXPECT_EQ(Rows(p), (V{"c|3", "a|1"}));
}

TEST(ExecutorTest, NestedCorrelation) {
  auto t = MakeT();
  // SELECT x, (SELECT count(*) FROM t WHERE EXISTS (SELECT 1 WHERE t.id = x)) FROM (VALUES 1, 7)
  auto inner = Filter(Dummy(), Op("=", Outer(1, 0), Outer(2, 0)));
  auto mid_filter = Filter(Get(t), Subquery(sql::SubqueryKind::kExists, inner, true));
  std::vector<sql::AggregateCall> aggs;
  aggs.push_back(Agg("count", {}));
  auto mid = Aggregate(mid_filter, {}, std::move(aggs));
  auto plan = Project(IntValues({1, 7}), Exprs(Col(0), Subquery(sql::SubqueryKind::kScalar, mid, true)));
  EXPECT_EQ(Rows(plan), (V{"1|1", "7|0"}));
}

TEST(ExecutorTest, AnyAllNullSemantics) {
  uint32_t eq = OpOid("=", kInt, kInt);
  uint32_t ne = OpOid("<>", kInt, kInt);
  auto in_sub = [&](bool correlated) {
    return Subquery(sql::SubqueryKind::kAny, IntValues({1, kNullInt}), correlated, Col(0), eq);
  };
  auto not_in = [&](bool correlated) {
    return Subquery(sql::SubqueryKind::kAll, IntValues({1, kNullInt}), correlated, Col(0), ne);
  };
  auto not_in_empty = Subquery(sql::SubqueryKind::kAll, IntValues({}), false, Col(0), ne);
  auto rows = Rows(Project(IntValues({1, 2, kNullInt}),
                           Exprs(in_sub(false), not_in(false), in_sub(true), not_in(true), std::move(not_in_empty))));
  EXPECT_EQ(rows, (V{"t|f|t|f|t", "NULL|NULL|NULL|NULL|t", "NULL|NULL|NULL|NULL|t"}));
  auto any_gt = Subquery(sql::SubqueryKind::kAny, IntValues({1, 5}), false, Col(0), OpOid(">", kInt, kInt));
  EXPECT_EQ(Rows(Project(IntValues({0, 3}), Exprs(std::move(any_gt)))), (V{"f", "t"}));
}

TEST(ExecutorTest, DistinctAndSetOps) {
  auto sorted = [](V v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(Rows(Unary(LogicalOpKind::kDistinct, IntValues({1, kNullInt, 1, kNullInt, 2})))),
            (V{"1", "2", "NULL"}));
  auto setop = [](sql::SetOpType type, bool all) {
    auto op = std::make_shared<LogicalOperator>();
    op->kind = LogicalOpKind::kSetOp;
    op->set_op = type;
    op->set_all = all;
    op->types = {Type(TypeId::kInt32)};
    op->children = {IntValues({1, 1, 1, 2, kNullInt, kNullInt}), IntValues({1, 1, 3, kNullInt})};
    return op;
  };
  EXPECT_EQ(sorted(Rows(setop(sql::SetOpType::kUnion, false))), (V{"1", "2", "3", "NULL"}));
  EXPECT_EQ(Rows(setop(sql::SetOpType::kUnion, true)).size(), 10u);
  EXPECT_EQ(sorted(Rows(setop(sql::SetOpType::kIntersect, false))), (V{"1", "NULL"}));
  EXPECT_EQ(sorted(Rows(setop(sql::SetOpType::kIntersect, true))), (V{"1", "1", "NULL"}));
  EXPECT_EQ(sorted(Rows(setop(sql::SetOpType::kExcept, false))), (V{"2"}));
  EXPECT_EQ(sorted(Rows(setop(sql::SetOpType::kExcept, true))), (V{"1", "2", "NULL"}));
}

LogicalOperatorPtr Dml(LogicalOpKind kind, std::shared_ptr<catalog::TableDef> t, LogicalOperatorPtr child) {
  auto op = std::make_shared<LogicalOperator>();
  op->kind = kind;
  op->table = t;
  op->children.push_back(std::move(child));
  return op;
}

TEST(ExecutorTest, InsertConstraintsAndReturning) {
  auto t = MakeT();
  std::vector<std::vector<BoundExprPtr>> rows;
  rows.push_back(Exprs(Int(5), Text("e"), Int(50)));
  auto ins = Dml(LogicalOpKind::kInsert, t, ValuesOf(std::move(rows)));
  ins->returning = Exprs(Op("+", Col(0), Int(100)), Col(1, kText));
  ins->types = {kInt, kText};
  RunResult r = RunPlan(*ins);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.count, 1u);
  EXPECT_EQ(r.rows, (V{"105|e"}));
  EXPECT_EQ(t->data->RowCount(), 5u);

  std::vector<std::vector<BoundExprPtr>> bad;
  bad.push_back(Exprs(NullInt(), Text("x"), Int(1)));
  r = RunPlan(*Dml(LogicalOpKind::kInsert, t, ValuesOf(std::move(bad))));
  EXPECT_EQ(r.status.code(), sqlstate::kNotNullViolation);
  EXPECT_EQ(r.status.message(), "null value in column \"id\" of relation \"t\" violates not-null constraint");
  EXPECT_EQ(r.status.detail(), "Failing row contains (null, x, 1).");

  std::vector<std::vector<BoundExprPtr>> neg;
  neg.push_back(Exprs(Int(6), Text("y"), Int(-1)));
  auto chk = Dml(LogicalOpKind::kInsert, t, ValuesOf(std::move(neg)));
  chk->check_exprs.push_back(Op(">", Col(2), Int(0)));
  chk->check_exprs.back()->alias = "t_v_check";
  r = RunPlan(*chk);
  EXPECT_EQ(r.status.code(), sqlstate::kCheckViolation);
  EXPECT_EQ(r.status.message(), "new row for relation \"t\" violates check constraint \"t_v_check\"");
  EXPECT_EQ(r.status.detail(), "Failing row contains (6, y, -1).");

  std::vector<std::vector<BoundExprPtr>> dup;
  dup.push_back(Exprs(Int(1), Text("z"), Int(1)));
  r = RunPlan(*Dml(LogicalOpKind::kInsert, t, ValuesOf(std::move(dup))));
  EXPECT_EQ(r.status.code(), sqlstate::kUniqueViolation);
}

TEST(ExecutorTest, UpdateAndDelete) {
  auto t = MakeT();
  // UPDATE t SET v = v + 1 WHERE v = 10 RETURNING id, v
  auto scan = Get(t);
  scan->emit_row_id = true;
  scan->types.push_back(Type(TypeId::kInt64));
  scan->filter = Op("=", Col(2), Int(10));
  auto upd = Dml(LogicalOpKind::kUpdate, t, scan);
  upd->update_columns = {2};
  upd->set_exprs = Exprs(Op("+", Col(2), Int(1)));
  upd->returning = Exprs(Col(0), Col(2));
  RunResult r = RunPlan(*upd);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.count, 2u);
  EXPECT_EQ(r.rows, (V{"1|11", "4|11"}));

  // UPDATE t SET id = NULL -> 23502
  auto scan2 = Get(t);
  scan2->emit_row_id = true;
  scan2->types.push_back(Type(TypeId::kInt64));
  auto bad = Dml(LogicalOpKind::kUpdate, t, scan2);
  bad->update_columns = {0};
  bad->set_exprs = Exprs(NullInt());
  EXPECT_EQ(RunPlan(*bad).status.code(), sqlstate::kNotNullViolation);

  // DELETE FROM t WHERE v IS NULL RETURNING *
  auto scan3 = Get(t);
  scan3->emit_row_id = true;
  scan3->types.push_back(Type(TypeId::kInt64));
  scan3->filter = Node(BoundExprKind::kIsNull, Type(TypeId::kBool), Exprs(Col(2)));
  auto del = Dml(LogicalOpKind::kDelete, t, scan3);
  del->returning = Exprs(Col(0), Col(1, kText), Col(2));
  r = RunPlan(*del);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.count, 1u);
  EXPECT_EQ(r.rows, (V{"2|b|NULL"}));
  EXPECT_EQ(Rows(Get(t)), (V{"1|a|11", "3|c|30", "4|NULL|11"}));
}

TEST(ExecutorTest, StatementRollbackThroughUndo) {
  auto t = MakeT();
  storage::UndoLog undo;
  ExecutionContext ctx;
  ctx.undo = &undo;
  std::vector<std::vector<BoundExprPtr>> rows;
  rows.push_back(Exprs(Int(7), Text("g"), Int(1)));
  rows.push_back(Exprs(Int(1), Text("dup"), Int(1)));
  RunResult r = RunPlan(*Dml(LogicalOpKind::kInsert, t, ValuesOf(std::move(rows))), &ctx);
  EXPECT_EQ(r.status.code(), sqlstate::kUniqueViolation);
  undo.RollbackTo(0);
  EXPECT_EQ(t->data->RowCount(), 4u);
}

TEST(ExecutorTest, Cancel) {
  auto t = MakeT();
  std::atomic<bool> cancel{true};
  ExecutionContext ctx;
  ctx.cancel = &cancel;
  RunResult r = RunPlan(*Get(t), &ctx);
  EXPECT_EQ(r.status.code(), sqlstate::kQueryCanceled);
  EXPECT_EQ(r.status.message(), "canceling statement due to user request");
}

TEST(ExecutorTest, ExplainAnalyze) {
  auto t = MakeT();
  auto plan = Limit(Filter(Get(t), Op(">", Col(0), Int(1))), 1);
  ExecutionContext ctx;
  Result<std::string> text = ExplainAnalyze(*plan, ctx);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_NE(text->find("Limit  (actual rows=1 loops=1)"), std::string::npos) << *text;
  // Vectorized: the filter emits its whole first chunk (3 rows) before the limit stops it.
  EXPECT_NE(text->find("  ->  Filter  (actual rows=3 loops=1)"), std::string::npos) << *text;
  EXPECT_NE(text->find("        ->  Seq Scan on t  (actual rows=4 loops=1)"), std::string::npos) << *text;
  EXPECT_NE(text->find("        Rows Removed by Filter: 1\n"), std::string::npos) << *text;
}

TEST(ExecutorTest, ExplainAnalyzeProjectionAndSubPlan) {
  auto t = MakeT();
  auto sub = Project(Filter(Get(t), Op("=", Col(0), Outer(1, 0))), Exprs(Col(2)));
  auto plan = Project(IntValues({1, 2, 3}), Exprs(Col(0), Subquery(sql::SubqueryKind::kScalar, sub, true)));
  ExecutionContext ctx;
  Result<std::string> text = ExplainAnalyze(*plan, ctx);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(text->find("Values Scan on \"*VALUES*\"  (actual rows=3 loops=1)\n"), 0u) << *text;
  EXPECT_NE(text->find("  SubPlan 1\n    ->  Filter  (actual rows=1 loops=3)\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("          ->  Seq Scan on t  (actual rows=4 loops=3)\n"), std::string::npos) << *text;
}

TEST(ExecutorTest, ExplainAnalyzeHashJoinAndNeverExecuted) {
  auto t = MakeT();
  auto j = Join(IntValues({1, 2}), Get(t), JoinType::kInner);
  j->left_keys.push_back(Col(0));
  j->right_keys.push_back(Col(0));
  ExecutionContext ctx;
  Result<std::string> text = ExplainAnalyze(*j, ctx);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_NE(text->find("Hash Join  (actual rows=2 loops=1)"), std::string::npos) << *text;
  EXPECT_NE(text->find("  ->  Hash  (actual rows=4 loops=1)"), std::string::npos) << *text;
  EXPECT_NE(text->find("        ->  Seq Scan on t  (actual rows=4 loops=1)"), std::string::npos) << *text;
  auto empty = Join(IntValues({1}), Get(t), JoinType::kCross);
  auto never = Limit(empty, 0);
  text = ExplainAnalyze(*never, ctx);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("  ->  Nested Loop  (never executed)"), std::string::npos) << *text;
}

}  // namespace
}  // namespace omen::execution
