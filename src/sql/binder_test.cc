#include "sql/binder.h"

#include <gtest/gtest.h>

#include <string>

#include "sql/parser.h"

namespace omen::sql {
namespace {

using catalog::ColumnDef;
using catalog::TableDef;

ColumnDef Col(const char* name, Type type) {
  ColumnDef c;
  c.name = name;
  c.type = type;
  return c;
}

class BinderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cat = catalog::Catalog::Bootstrap()->Clone();
    auto t = std::make_shared<TableDef>();
    t->schema = "public";
    t->name = "t";
    t->columns = {Col("a", Type(TypeId::kInt32)), Col("b", Type(TypeId::kText)),
                  Col("c", Type(TypeId::kNumeric))};
    t->columns[2].default_sql = "42";
    catalog::ConstraintDef chk;
    chk.name = "t_a_check";
    chk.kind = catalog::ConstraintKind::kCheck;
    chk.check_sql = "a > 0";
    t->constraints.push_back(chk);
    ASSERT_TRUE(cat->AddTable(t).ok());
    auto u = std::make_shared<TableDef>();
    u->schema = "public";
    u->name = "u";
    u->columns = {Col("a", Type(TypeId::kInt32)), Col("d", Type(TypeId::kVarchar, 10))};
    ASSERT_TRUE(cat->AddTable(u).ok());
    auto v = std::make_shared<TableDef>();
    v->schema = "public";
    v->name = "v";
    v->is_view = true;
    v->view_sql = "SELECT a, b FROM t WHERE a > 1";
    v->view_column_names = {"x"};
    ASSERT_TRUE(cat->AddTable(v).ok());
    ctx_.catalog = cat;
  }

  Result<BoundStatement> BindSql(const std::string& sql) {
    Result<ParsedScript> p = Parse(sql);
    if (!p.ok()) return p.status();
    script_ = std::move(p).value();
    return Bind(script_.statement(0), ctx_);
  }

  BoundStatement Ok(const std::string& sql) {
    Result<BoundStatement> r = BindSql(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    if (!r.ok()) return BoundStatement();
    return std::move(r).value();
  }

  std::string Err(const std::string& sql) {
    Result<BoundStatement> r = BindSql(sql);
    EXPECT_FALSE(r.ok()) << sql;
    if (r.ok()) return "";
    return std::string(r.status().code().code()) + " " + r.status().message();
  }

  BindContext ctx_;
  ParsedScript script_;
};

TEST_F(BinderTest, LiteralTypesAndNames) {
  BoundStatement st =
      Ok("SELECT 1, 2147483648, 1.5, 'x', NULL, -2147483648, true, a, a + 1 AS s, "
         "CAST(a AS varchar(10)), '7'::int, count(*) FROM t GROUP BY a");
  ASSERT_EQ(st.types.size(), 12u);
  EXPECT_EQ(st.types[0].id, TypeId::kInt32);
  EXPECT_EQ(st.types[1].id, TypeId::kInt64);
  EXPECT_EQ(st.types[2].id, TypeId::kNumeric);
  EXPECT_EQ(st.types[3].id, TypeId::kText);
  EXPECT_EQ(st.types[4].id, TypeId::kText);
  EXPECT_EQ(st.types[5].id, TypeId::kInt32);
  EXPECT_EQ(st.types[6].id, TypeId::kBool);
  EXPECT_EQ(st.types[9], Type(TypeId::kVarchar, 10));
  EXPECT_EQ(st.types[11].id, TypeId::kInt64);
  std::vector<std::string> names = {"?column?", "?column?", "?column?", "?column?",
                                    "?column?", "?column?", "?column?", "a",
                                    "s",        "a",        "int4",     "count"};
  EXPECT_EQ(st.names, names);
}

TEST_F(BinderTest, CaseNames) {
  BoundStatement st =
      Ok("SELECT CASE WHEN a > 1 THEN 'x' ELSE 'y' END, coalesce(a, 1), "
         "EXISTS (SELECT 1) FROM t");
  EXPECT_EQ(st.names, (std::vector<std::string>{"case", "coalesce", "exists"}));
  EXPECT_EQ(st.types[0].id, TypeId::kText);
  EXPECT_EQ(st.types[1].id, TypeId::kInt32);
}

TEST_F(BinderTest, ColumnErrors) {
  EXPECT_EQ(Err("SELECT x FROM t"), "42703 column \"x\" does not exist");
  EXPECT_EQ(Err("SELECT a FROM t, u"), "42702 column reference \"a\" is ambiguous");
  EXPECT_EQ(Err("SELECT z.a FROM t"), "42P01 missing FROM-clause entry for table \"z\"");
  EXPECT_EQ(Err("SELECT * FROM nope"), "42P01 relation \"nope\" does not exist");
  EXPECT_EQ(Err("SELECT a FROM t WHERE a"),
            "42804 argument of WHERE must be type boolean, not type integer");
  EXPECT_EQ(Err("SELECT a FROM t WHERE count(*) > 1"),
            "42803 aggregate functions are not allowed in WHERE");
  EXPECT_EQ(Err("SELECT a, count(*) FROM t"),
            "42803 column \"t.a\" must appear in the GROUP BY clause or be used in an aggregate "
            "function");
  EXPECT_EQ(Err("SELECT DISTINCT a FROM t ORDER BY b"),
            "42P10 for SELECT DISTINCT, ORDER BY expressions must appear in select list");
}

TEST_F(BinderTest, ArrayAndIntervalTyping) {
  BoundStatement st = Ok("SELECT ARRAY[1, 2], (ARRAY['a'])[1], 1 = ANY('{1}'), ARRAY(SELECT a FROM t), "
                         "interval '1 day', make_interval(days => 1)");
  EXPECT_EQ(st.names, (std::vector<std::string>{"array", "array", "?column?", "array", "interval", "make_interval"}));
  EXPECT_EQ(st.types[0], Type::ArrayOf(Type(TypeId::kInt32)));
  EXPECT_EQ(st.types[1].id, TypeId::kText);
  EXPECT_EQ(st.types[2].id, TypeId::kBool);
  EXPECT_EQ(st.types[3], Type::ArrayOf(Type(TypeId::kInt32)));
  EXPECT_EQ(st.types[4].id, TypeId::kInterval);
  EXPECT_EQ(Err("SELECT ARRAY[[1]]"), "0A000 multidimensional arrays are not supported");
  EXPECT_EQ(Err("SELECT unnest(ARRAY[1])"), "0A000 set-returning function unnest is only supported in FROM");
  EXPECT_EQ(Err("SELECT interval '1' day"), "0A000 interval fields and precision are not supported");
  EXPECT_EQ(Err("SELECT make_interval(nosuch => 1)"), "42883 function make_interval does not exist");
}

TEST_F(BinderTest, NaivePlanShape) {
  BoundStatement st =
      Ok("SELECT t.a, u.d FROM t JOIN u ON t.a = u.a WHERE t.b = 'x' ORDER BY 1 LIMIT 3");
  ASSERT_EQ(st.kind, StatementKind::kSelect);
  ASSERT_NE(st.plan, nullptr);
  EXPECT_EQ(st.names, (std::vector<std::string>{"a", "d"}));
  EXPECT_EQ(st.types[1], Type(TypeId::kVarchar, 10));
}

TEST_F(BinderTest, GroupByHavingOrderBy) {
  BoundStatement st =
      Ok("SELECT b, sum(a) AS s FROM t GROUP BY 1 HAVING count(*) > 1 ORDER BY s DESC, max(c)");
  EXPECT_EQ(st.names, (std::vector<std::string>{"b", "s"}));
  EXPECT_EQ(st.types[1].id, TypeId::kInt64);
}

TEST_F(BinderTest, SubqueriesAndCorrelation) {
  BoundStatement st =
      Ok("SELECT a FROM t WHERE a IN (SELECT a FROM u WHERE u.d = t.b) "
         "AND EXISTS (SELECT 1 FROM u) AND a > (SELECT max(a) FROM u)");
  ASSERT_NE(st.plan, nullptr);
  Ok("SELECT * FROM (SELECT a AS z FROM t) s(y) WHERE y > 1");
  Ok("WITH w AS (SELECT a FROM t) SELECT * FROM w");
  Ok("WITH RECURSIVE w AS (SELECT 1) SELECT * FROM w");
  Ok("WITH RECURSIVE w(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM w WHERE n < 3) SELECT * FROM w");
  EXPECT_EQ(Err("WITH RECURSIVE w(n) AS (SELECT n FROM w UNION ALL SELECT 1) SELECT * FROM w")
                .substr(0, 5),
            "42P19");
  EXPECT_EQ(Err("WITH d AS (DELETE FROM t RETURNING *) SELECT 1").substr(0, 5), "0A000");
  BoundStatement v = Ok("SELECT * FROM v");
  EXPECT_EQ(v.names, (std::vector<std::string>{"x", "b"}));
}

TEST_F(BinderTest, SetOperations) {
  BoundStatement st = Ok("SELECT a FROM t UNION SELECT 1.5 ORDER BY 1 LIMIT 2");
  EXPECT_EQ(st.types[0].id, TypeId::kNumeric);
  BoundStatement s2 = Ok("SELECT 'a' UNION ALL SELECT 'b'");
  EXPECT_EQ(s2.types[0].id, TypeId::kText);
  EXPECT_EQ(Err("SELECT a, b FROM t UNION SELECT a FROM t"),
            "42601 each UNION query must have the same number of columns");
}

TEST_F(BinderTest, JoinsUsingNatural) {
  BoundStatement st = Ok("SELECT * FROM t JOIN u USING (a)");
  EXPECT_EQ(st.names, (std::vector<std::string>{"a", "b", "c", "d"}));
  Ok("SELECT * FROM t NATURAL LEFT JOIN u");
  BoundStatement chain = Ok("SELECT * FROM t JOIN u USING (a) JOIN u u2 USING (a)");
  EXPECT_EQ(chain.names, (std::vector<std::string>{"a", "b", "c", "d", "d"}));
  BoundStatement vals = Ok("VALUES (1, 'a'), (2, 'b') ORDER BY 1 DESC");
  ASSERT_EQ(vals.plan->kind, LogicalOpKind::kSort);
  EXPECT_EQ(vals.plan->order[0].expr->kind, BoundExprKind::kColumnRef);
  BoundStatement full = Ok("SELECT *, a FROM t FULL JOIN u USING (a)");
  EXPECT_EQ(full.names, (std::vector<std::string>{"a", "b", "c", "d", "a"}));
  EXPECT_EQ(full.plan->types.size(), 5u);
  Ok("SELECT * FROM t LEFT JOIN u ON t.a = u.a RIGHT JOIN u u2 ON u2.a = t.a CROSS JOIN (VALUES "
     "(1)) x");
}

TEST_F(BinderTest, Parameters) {
  BoundStatement st = Ok("SELECT a FROM t WHERE a = $1 AND b = $2 LIMIT $3");
  ASSERT_EQ(st.parameter_types.size(), 3u);
  EXPECT_EQ(st.parameter_types[0].id, TypeId::kInt32);
  EXPECT_EQ(st.parameter_types[1].id, TypeId::kText);
  EXPECT_EQ(st.parameter_types[2].id, TypeId::kInt64);
}

TEST_F(BinderTest, InsertUpdateDelete) {
  BoundStatement ins = Ok("INSERT INTO t (b, a) VALUES ('x', 1), (DEFAULT, '2') RETURNING a, c");
  ASSERT_EQ(ins.kind, StatementKind::kInsert);
  EXPECT_EQ(ins.names, (std::vector<std::string>{"a", "c"}));
  Ok("INSERT INTO t SELECT a, d, 1 FROM u");
  Ok("UPDATE t SET a = a + 1, b = 'y' WHERE c > 1 RETURNING *");
  Ok("DELETE FROM t WHERE a = 1");
  EXPECT_EQ(Err("INSERT INTO t (zz) VALUES (1)"),
            "42703 column \"zz\" of relation \"t\" does not exist");
  EXPECT_EQ(Err("INSERT INTO t (a) VALUES (1, 2)"),
            "42601 INSERT has more expressions than target columns");
  EXPECT_EQ(Err("INSERT INTO t (a) VALUES ('abc')"),
            "22P02 invalid input syntax for type integer: \"abc\"");
  Ok("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING");
  EXPECT_EQ(Err("INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 1").substr(0, 5), "42601");
  // Row locks: a kLockRows over the scan; PostgreSQL's errors where it refuses.
  Ok("SELECT a FROM t FOR UPDATE");
  Ok("SELECT a FROM t FOR SHARE SKIP LOCKED");
  EXPECT_EQ(Err("SELECT count(*) FROM t FOR UPDATE"),
            "0A000 FOR UPDATE is not allowed with aggregate functions");
  EXPECT_EQ(Err("SELECT a FROM t FOR UPDATE OF x").substr(0, 5), "42P01");
}

// The kLockRows of a query: its targets and recheck leaves.
static const LogicalOperator* FindLockRows(const LogicalOperator* p) {
  while (p != nullptr && p->kind != LogicalOpKind::kLockRows) {
    p = p->children.empty() ? nullptr : p->children[0].get();
  }
  return p;
}

TEST_F(BinderTest, RowLocksOverJoinsSubqueriesAndViews) {
  BoundStatement st = Ok("SELECT * FROM t JOIN u USING (a) FOR UPDATE");
  const LogicalOperator* lock = FindLockRows(st.plan.get());
  ASSERT_NE(lock, nullptr);
  ASSERT_EQ(lock->lock_targets.size(), 2u);
  EXPECT_EQ(lock->lock_targets[0].table->name, "t");
  EXPECT_EQ(lock->lock_targets[1].table->name, "u");
  EXPECT_TRUE(lock->recheck_leaves.empty());
  // OF: u is read, its row carried for the re-check; per-clause strengths.
  st = Ok("SELECT t.b FROM t, u x WHERE t.a = x.a FOR SHARE OF t");
  lock = FindLockRows(st.plan.get());
  ASSERT_NE(lock, nullptr);
  ASSERT_EQ(lock->lock_targets.size(), 1u);
  EXPECT_EQ(lock->lock_targets[0].strength, 1);
  ASSERT_EQ(lock->recheck_leaves.size(), 1u);
  EXPECT_EQ(lock->recheck_leaves[0].width, 2);
  st = Ok("SELECT 1 FROM t, u FOR KEY SHARE OF t FOR NO KEY UPDATE OF u NOWAIT");
  lock = FindLockRows(st.plan.get());
  ASSERT_NE(lock, nullptr);
  ASSERT_EQ(lock->lock_targets.size(), 2u);
  EXPECT_EQ(lock->lock_targets[0].strength, 0);
  EXPECT_EQ(lock->lock_targets[0].wait, 0);
  EXPECT_EQ(lock->lock_targets[1].strength, 2);
  EXPECT_EQ(lock->lock_targets[1].wait, 2);
  // Views and simple subqueries lock their tables; `*` never shows row ids.
  BoundStatement view = Ok("SELECT * FROM v, (SELECT * FROM u) s FOR UPDATE");
  lock = FindLockRows(view.plan.get());
  ASSERT_NE(lock, nullptr);
  EXPECT_EQ(lock->lock_targets.size(), 2u);
  EXPECT_EQ(view.types.size(), 4u);
  EXPECT_EQ(Err("SELECT * FROM t LEFT JOIN u ON true FOR UPDATE"),
            "0A000 FOR UPDATE cannot be applied to the nullable side of an outer join");
  EXPECT_EQ(Err("SELECT * FROM t FULL JOIN v ON true FOR SHARE OF t"),
            "0A000 FOR SHARE cannot be applied to the nullable side of an outer join");
  EXPECT_EQ(Err("SELECT * FROM (SELECT a FROM t GROUP BY a) s FOR UPDATE"),
            "0A000 FOR UPDATE is not allowed with GROUP BY clause");
  EXPECT_EQ(Err("SELECT * FROM generate_series(1, 2) g FOR UPDATE OF g"),
            "0A000 FOR UPDATE cannot be applied to a function");
  EXPECT_EQ(Err("WITH c AS (SELECT 1) SELECT * FROM c FOR UPDATE OF c"),
            "0A000 FOR UPDATE cannot be applied to a WITH query");
  EXPECT_EQ(Err("SELECT * FROM (t JOIN u USING (a)) j FOR UPDATE OF j"),
            "0A000 FOR UPDATE cannot be applied to a join");
  EXPECT_EQ(Err("SELECT * FROM pg_class FOR UPDATE"),
            "0A000 SELECT ... FOR UPDATE is not supported on system catalogs");
}

TEST_F(BinderTest, Explain) {
  BoundStatement st = Ok("EXPLAIN ANALYZE SELECT * FROM t");
  EXPECT_EQ(st.kind, StatementKind::kExplain);
  EXPECT_TRUE(st.explain_analyze);
  ASSERT_NE(st.inner, nullptr);
  EXPECT_EQ(st.inner->kind, StatementKind::kSelect);
}

TEST_F(BinderTest, ExpressionForms) {
  Ok("SELECT a BETWEEN 1 AND 3, a NOT IN (1, 2), b LIKE 'x%', b NOT ILIKE 'y', "
     "nullif(a, 1), a IS DISTINCT FROM 2, a IS NULL, (a > 1) IS TRUE, greatest(a, 2, 3.5), "
     "CASE a WHEN 1 THEN 'one' END, a = ANY (SELECT a FROM u), current_date, -a FROM t");
  BoundStatement sym = Ok("SELECT a BETWEEN SYMMETRIC 3 AND 1 FROM t");
  const LogicalOperator* p = sym.plan.get();
  while (p->kind != LogicalOpKind::kProjection) p = p->children[0].get();
  EXPECT_EQ(p->exprs[0]->kind, BoundExprKind::kOr);
  EXPECT_EQ(Err("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a) FROM t").substr(0, 5),
            "0A000");
  // An aggregate over only outer columns is the outer query's (agglevelsup).
  EXPECT_EQ(Err("SELECT (SELECT sum(t.a) FROM t AS u) FROM t").substr(0, 5), "0A000");
}

}  // namespace
}  // namespace omen::sql

namespace omen::sql {
namespace {
const LogicalOperator* Find(const LogicalOperator* op, LogicalOpKind kind) {
  if (op == nullptr) return nullptr;
  if (op->kind == kind) return op;
  for (const auto& c : op->children) {
    if (const LogicalOperator* f = Find(c.get(), kind)) return f;
  }
  return nullptr;
}

TEST_F(BinderTest, PlanShapes) {
  BoundStatement st = Ok("SELECT a FROM t ORDER BY b LIMIT 2");
  ASSERT_NE(st.plan, nullptr);
  EXPECT_EQ(st.plan->kind, LogicalOpKind::kLimit);
  // The hidden sort column is projected away above the sort.
  EXPECT_EQ(st.plan->children[0]->kind, LogicalOpKind::kProjection);
  EXPECT_EQ(st.plan->children[0]->types.size(), 1u);
  EXPECT_EQ(st.plan->children[0]->children[0]->kind, LogicalOpKind::kSort);

  BoundStatement agg =
      Ok("SELECT b, count(DISTINCT a), sum(a) FILTER (WHERE a > 1) FROM t GROUP BY b");
  const LogicalOperator* a = Find(agg.plan.get(), LogicalOpKind::kAggregate);
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->aggregates.size(), 2u);
  EXPECT_TRUE(a->aggregates[0].distinct);
  EXPECT_NE(a->aggregates[1].filter, nullptr);
  EXPECT_EQ(a->groups.size(), 1u);

  BoundStatement ins = Ok("INSERT INTO t (b) VALUES ('x')");
  ASSERT_EQ(ins.plan->kind, LogicalOpKind::kInsert);
  EXPECT_EQ(ins.plan->check_exprs.size(), 1u);
  const LogicalOperator* v = ins.plan->children[0].get();
  ASSERT_EQ(v->kind, LogicalOpKind::kValues);
  ASSERT_EQ(v->values[0].size(), 3u);  // full row with defaults
  EXPECT_EQ(v->values[0][0]->value.is_null, true);
  EXPECT_EQ(v->values[0][2]->type.id, TypeId::kNumeric);

  BoundStatement upd = Ok("UPDATE t SET b = 'y' WHERE a = 1");
  ASSERT_EQ(upd.plan->kind, LogicalOpKind::kUpdate);
  EXPECT_EQ(upd.plan->update_columns, std::vector<int>{1});
  const LogicalOperator* get = Find(upd.plan.get(), LogicalOpKind::kGet);
  ASSERT_NE(get, nullptr);
  EXPECT_TRUE(get->emit_row_id);
}

TEST_F(BinderTest, CorrelatedSubqueryMarked) {
  BoundStatement st = Ok("SELECT (SELECT max(d) FROM u WHERE u.a = t.a), (SELECT 1) FROM t");
  const LogicalOperator* p = st.plan.get();
  while (p != nullptr && p->kind != LogicalOpKind::kProjection)
    p = p->children.empty() ? nullptr : p->children[0].get();
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->exprs[0]->kind, BoundExprKind::kSubquery);
  EXPECT_TRUE(p->exprs[0]->correlated);
  EXPECT_FALSE(p->exprs[1]->correlated);
  Ok("SELECT a, (SELECT count(*) FROM u WHERE u.a = t.a) FROM t GROUP BY a");
  EXPECT_EQ(Err("SELECT a, (SELECT count(*) FROM u WHERE u.a = t.c) FROM t GROUP BY a"),
            "42803 subquery uses ungrouped column \"t.c\" from outer query");
}

TEST_F(BinderTest, MoreErrors) {
  Result<BoundStatement> r = BindSql("SELECT 'abc'::int");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), sqlstate::kInvalidTextRepresentation);
  EXPECT_EQ(r.status().position(), 8);
  EXPECT_EQ(Err("INSERT INTO t (a) VALUES ('x'::text)"),
            "42804 column \"a\" is of type integer but expression is of type text");
  EXPECT_EQ(Err("SELECT a FROM t GROUP BY 5"), "42P10 GROUP BY position 5 is not in select list");
  EXPECT_EQ(Err("SELECT a FROM t ORDER BY 0"), "42P10 ORDER BY position 0 is not in select list");
  EXPECT_EQ(Err("SELECT sum(count(*)) FROM t"), "42803 aggregate function calls cannot be nested");
  EXPECT_EQ(Err("SELECT (SELECT a, b FROM t)"), "42601 subquery must return only one column");
  EXPECT_EQ(Err("SELECT * FROM t JOIN u ON t.a"),
            "42804 argument of JOIN/ON must be type boolean, not type integer");
  Ok("SELECT b AS x, count(*) FROM t GROUP BY x");
  EXPECT_EQ(Err("SELECT 1 FROM t, u t"), "42712 table name \"t\" specified more than once");
  Ok("SELECT 1 FROM t, t t2");
  EXPECT_EQ(Err("SELECT t.a FROM t x"),
            "42P01 invalid reference to FROM-clause entry for table \"t\"");
  EXPECT_EQ(Err("SELECT * FROM (SELECT 1)"), "42601 subquery in FROM must have an alias");
  EXPECT_EQ(Err("INSERT INTO t VALUES (1, 'x'), (2)"),
            "42601 VALUES lists must all be the same length");
  BoundStatement short_ins = Ok("INSERT INTO t VALUES (1)");
  ASSERT_NE(short_ins.plan, nullptr);
  EXPECT_EQ(short_ins.plan->children[0]->values[0][2]->type.id, TypeId::kNumeric);
  Ok("INSERT INTO t SELECT 1");
  EXPECT_EQ(Err("INSERT INTO t (a) SELECT '1' UNION SELECT '2'"),
            "42804 column \"a\" is of type integer but expression is of type text");
  Ok("INSERT INTO t (a) SELECT '1'");
}

TEST_F(BinderTest, ParameterInference) {
  BoundStatement st = Ok("INSERT INTO t VALUES ($1, $2, $3)");
  ASSERT_EQ(st.parameter_types.size(), 3u);
  EXPECT_EQ(st.parameter_types[0].id, TypeId::kInt32);
  EXPECT_EQ(st.parameter_types[1].id, TypeId::kText);
  EXPECT_EQ(st.parameter_types[2].id, TypeId::kNumeric);
  BoundStatement s2 = Ok("SELECT $1, a FROM t WHERE a IN ($2, 3)");
  ASSERT_EQ(s2.parameter_types.size(), 2u);
  EXPECT_EQ(s2.parameter_types[0].id, TypeId::kText);
  EXPECT_EQ(s2.parameter_types[1].id, TypeId::kInt32);
  EXPECT_EQ(s2.types[0].id, TypeId::kText);
  BoundStatement s3 = Ok("UPDATE t SET c = $1 WHERE b = $2");
  EXPECT_EQ(s3.parameter_types[0].id, TypeId::kNumeric);
  EXPECT_EQ(s3.parameter_types[1].id, TypeId::kText);
}

}  // namespace
}  // namespace omen::sql
