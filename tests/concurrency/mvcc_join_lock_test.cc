// SELECT ... FOR UPDATE / SHARE over joins, subqueries in FROM and views
// across sessions (threads, one Connection each): which rows and tables are
// locked, NOWAIT and SKIP LOCKED per joined row, and READ COMMITTED's
// re-check of a joined row changed concurrently (PostgreSQL's EvalPlanQual),
// each outcome as PostgreSQL 15 gives it.

#include <string>
#include <vector>

#include "mvcc_test_util.h"

namespace omen::test {
namespace {

class JoinLockTest : public MultiSessionTest {
 protected:
  void SetUp() override {
    MultiSessionTest::SetUp();
    a_ = Connect();
    b_ = Connect();
    Ok(*a_, "CREATE TABLE ta (id int PRIMARY KEY, k int, v text)");
    Ok(*a_, "CREATE TABLE tb (id int PRIMARY KEY, k int, w text)");
    Ok(*a_, "INSERT INTO ta VALUES (1, 10, 'a1'), (2, 20, 'a2'), (3, 30, 'a3')");
    Ok(*a_, "INSERT INTO tb VALUES (1, 10, 'b1'), (2, 20, 'b2'), (4, 40, 'b4')");
  }

  // The rows of `r` as "c1|c2|..." lines.
  static std::vector<std::string> Rows(const QueryResult& r) {
    std::vector<std::string> out;
    for (size_t i = 0; i < r.RowCount(); ++i) {
      std::string line;
      for (size_t c = 0; c < r.ColumnCount(); ++c) {
        if (c > 0) line += "|";
        line += r.IsNull(i, c) ? "NULL" : r.GetText(i, c);
      }
      out.push_back(line);
    }
    return out;
  }
  using Lines = std::vector<std::string>;

  // Starts `sql` on a fresh session and expects it to wait; returns it.
  std::future<Result<QueryResult>> ExpectWaits(Connection& c, const std::string& sql) {
    auto f = Async(c, sql);
    EXPECT_TRUE(Blocked(f)) << sql << " did not wait";
    return f;
  }

  std::unique_ptr<Connection> a_, b_;
};

TEST_F(JoinLockTest, JoinForUpdateLocksTheRowsOfEveryTable) {
  Ok(*a_, "BEGIN");
  QueryResult r =
      Ok(*a_, "SELECT ta.id, tb.w FROM ta JOIN tb ON ta.k = tb.k WHERE ta.id = 1 FOR UPDATE");
  EXPECT_EQ(Rows(r), Lines({"1|b1"}));
  auto c1 = Connect(), c2 = Connect();
  auto ua = ExpectWaits(*c1, "UPDATE ta SET v = 'x' WHERE id = 1");
  auto ub = ExpectWaits(*c2, "UPDATE tb SET w = 'y' WHERE id = 1");
  // Rows that did not contribute to the result are not locked.
  Ok(*b_, "UPDATE ta SET v = 'z' WHERE id = 2");
  Ok(*b_, "UPDATE tb SET w = 'z' WHERE id = 2");
  Ok(*a_, "COMMIT");
  EXPECT_TRUE(ua.get().ok());
  EXPECT_TRUE(ub.get().ok());
  EXPECT_EQ(Rows(Ok(*a_, "SELECT ta.v, tb.w FROM ta JOIN tb ON ta.id = tb.id WHERE ta.id = 1")),
            Lines({"x|y"}));
}

TEST_F(JoinLockTest, OfLocksOnlyTheNamedTable) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM ta JOIN tb ON ta.k = tb.k WHERE ta.id = 1 FOR UPDATE OF ta");
  // tb's row is read, not locked: its writer does not wait.
  auto ub = Async(*b_, "UPDATE tb SET w = 'y' WHERE id = 1");
  ASSERT_FALSE(Blocked(ub, 2000));
  EXPECT_TRUE(ub.get().ok());
  auto c = Connect();
  auto ua = ExpectWaits(*c, "UPDATE ta SET v = 'x' WHERE id = 1");
  Ok(*a_, "COMMIT");
  EXPECT_TRUE(ua.get().ok());
}

TEST_F(JoinLockTest, TablesGetRowShareOnlyWhenLocked) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT 1 FROM ta JOIN tb ON ta.k = tb.k FOR UPDATE OF ta");
  Ok(*b_, "BEGIN");
  // ACCESS SHARE on tb does not conflict with EXCLUSIVE; ROW SHARE on ta does.
  Ok(*b_, "LOCK TABLE tb IN EXCLUSIVE MODE NOWAIT");
  Ok(*b_, "ROLLBACK");
  Ok(*b_, "BEGIN");
  auto r = b_->Execute("LOCK TABLE ta IN EXCLUSIVE MODE NOWAIT");
  EXPECT_EQ(StateOf(r), "55P03");
  Ok(*b_, "ROLLBACK");
  Ok(*a_, "COMMIT");
  // Without OF both tables are locked, through a view too.
  Ok(*a_, "CREATE VIEW vab AS SELECT ta.id, ta.v, tb.w FROM ta JOIN tb ON ta.k = tb.k");
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM vab FOR SHARE");
  Ok(*b_, "BEGIN");
  EXPECT_EQ(StateOf(b_->Execute("LOCK TABLE tb IN EXCLUSIVE MODE NOWAIT")), "55P03");
  Ok(*b_, "ROLLBACK");
  Ok(*a_, "COMMIT");
}

TEST_F(JoinLockTest, NowaitOnAnyJoinedRowFailsWith55P03) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM tb WHERE id = 2 FOR UPDATE");
  Ok(*b_, "BEGIN");
  auto r = b_->Execute("SELECT * FROM ta JOIN tb ON ta.k = tb.k FOR UPDATE NOWAIT");
  EXPECT_EQ(StateOf(r), "55P03");
  EXPECT_EQ(r.status().message(), "could not obtain lock on row in relation \"tb\"");
  Ok(*b_, "ROLLBACK");
  // Only ta is locked with OF: tb's held row does not matter.
  Ok(*b_, "BEGIN");
  EXPECT_EQ(Ok(*b_, "SELECT * FROM ta JOIN tb ON ta.k = tb.k FOR UPDATE OF ta NOWAIT").RowCount(),
            2u);
  Ok(*b_, "COMMIT");
  Ok(*a_, "COMMIT");
}

TEST_F(JoinLockTest, SkipLockedDropsTheJoinedRow) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "SELECT * FROM tb WHERE id = 1 FOR SHARE");
  Ok(*a_, "SELECT * FROM ta WHERE id = 3 FOR UPDATE");
  Ok(*b_, "BEGIN");
  QueryResult r = Ok(*b_,
                     "SELECT ta.id, tb.id FROM ta LEFT JOIN tb ON ta.k = tb.k ORDER BY ta.id "
                     "FOR UPDATE OF ta SKIP LOCKED");
  EXPECT_EQ(Rows(r), Lines({"1|1", "2|2"}));  // ta 3 is held; tb is not locked
  r = Ok(*b_, "SELECT ta.id FROM ta JOIN tb ON ta.k = tb.k ORDER BY ta.id FOR UPDATE SKIP LOCKED");
  EXPECT_EQ(Rows(r), Lines({"2"}));  // tb 1 is held in share mode
  Ok(*b_, "COMMIT");
  Ok(*a_, "COMMIT");
}

TEST_F(JoinLockTest, RecheckDropsRowWhoseJoinConditionTurnedFalse) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE tb SET k = 99 WHERE id = 1");
  Ok(*a_, "UPDATE tb SET w = 'new' WHERE id = 2");
  auto f = ExpectWaits(
      *b_, "SELECT ta.id, tb.k, tb.w FROM ta JOIN tb ON ta.k = tb.k ORDER BY ta.id FOR UPDATE");
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Row 1 no longer joins; row 2 comes back with tb's new values.
  EXPECT_EQ(Rows(*r), Lines({"2|20|new"}));
}

TEST_F(JoinLockTest, RecheckRecomputesTheOutputWithNewValues) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE ta SET v = 'A1' WHERE id = 1");
  Ok(*a_, "UPDATE tb SET w = 'B2' WHERE id = 2");
  auto f = ExpectWaits(*b_,
                       "SELECT ta.v || tb.w AS vw FROM ta JOIN tb ON ta.k = tb.k "
                       "WHERE ta.v <> 'a2' ORDER BY ta.id FOR UPDATE");
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(*r), Lines({"A1b1"}));  // row 2 still fails WHERE ta.v <> 'a2'
}

TEST_F(JoinLockTest, RecheckOfOuterJoinNullExtends) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE ta SET k = 40 WHERE id = 1");
  auto f = ExpectWaits(*b_,
                       "SELECT ta.id, ta.k, tb.id, tb.w FROM ta LEFT JOIN tb ON ta.k = tb.k "
                       "ORDER BY ta.id FOR UPDATE OF ta");
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // The new ta.k no longer matches the tb row read; tb 4 is not searched anew.
  EXPECT_EQ(Rows(*r), Lines({"1|40|NULL|NULL", "2|20|2|b2", "3|30|NULL|NULL"}));
}

TEST_F(JoinLockTest, DeletedJoinedRowIsDropped) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "DELETE FROM tb WHERE id = 2");
  auto f = ExpectWaits(*b_, "SELECT ta.id FROM ta, tb WHERE ta.k = tb.k ORDER BY 1 FOR SHARE");
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(*r), Lines({"1"}));
}

TEST_F(JoinLockTest, RepeatableReadFailsWith40001) {
  Ok(*b_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  Ok(*b_, "SELECT 1");
  Ok(*a_, "UPDATE tb SET w = 'new' WHERE id = 1");
  auto r = b_->Execute("SELECT * FROM ta JOIN tb ON ta.k = tb.k FOR UPDATE");
  EXPECT_EQ(StateOf(r), "40001");
  Ok(*b_, "ROLLBACK");
}

TEST_F(JoinLockTest, ViewAndSubqueryForUpdateLockTheirBaseRows) {
  Ok(*a_, "CREATE VIEW vab AS SELECT ta.id, ta.v, tb.w FROM ta JOIN tb ON ta.k = tb.k");
  Ok(*a_, "BEGIN");
  EXPECT_EQ(Rows(Ok(*a_, "SELECT * FROM vab WHERE id = 1 FOR UPDATE")), Lines({"1|a1|b1"}));
  auto c1 = Connect(), c2 = Connect();
  auto ua = ExpectWaits(*c1, "UPDATE ta SET v = 'x' WHERE id = 1");
  auto ub = ExpectWaits(*c2, "DELETE FROM tb WHERE id = 1");
  Ok(*b_, "UPDATE ta SET v = 'free' WHERE id = 2");
  Ok(*a_, "COMMIT");
  EXPECT_TRUE(ua.get().ok());
  EXPECT_TRUE(ub.get().ok());

  Ok(*a_, "BEGIN");
  EXPECT_EQ(Rows(Ok(*a_, "SELECT s.v FROM (SELECT * FROM ta WHERE id = 3) s FOR UPDATE")),
            Lines({"a3"}));
  auto u3 = ExpectWaits(*c1, "UPDATE ta SET v = 'y' WHERE id = 3");
  Ok(*a_, "COMMIT");
  EXPECT_TRUE(u3.get().ok());
}

TEST_F(JoinLockTest, ViewRecheckAppliesTheViewsCondition) {
  Ok(*a_, "CREATE VIEW va AS SELECT id, v FROM ta WHERE v LIKE 'a%'");
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE ta SET v = 'zz' WHERE id = 1");
  Ok(*a_, "UPDATE ta SET v = 'a2new' WHERE id = 2");
  auto f = ExpectWaits(*b_, "SELECT id, v FROM va ORDER BY id FOR UPDATE");
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(*r), Lines({"2|a2new", "3|a3"}));
}

TEST_F(JoinLockTest, RecheckThroughNestedViewsAndSubqueries) {
  Ok(*a_, "CREATE VIEW va AS SELECT id, k, v FROM ta WHERE v LIKE 'a%'");
  Ok(*a_, "CREATE VIEW vab AS SELECT va.id, va.v, tb.w FROM va JOIN tb ON va.k = tb.k");
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE ta SET v = 'zz' WHERE id = 1");
  Ok(*a_, "UPDATE tb SET w = 'B2' WHERE id = 2");
  auto f = ExpectWaits(*b_,
                       "SELECT s.id, s.v || s.w FROM (SELECT * FROM vab WHERE id < 3) s "
                       "ORDER BY 1 FOR UPDATE");
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(*r), Lines({"2|a2B2"}));  // row 1 fails the inner view's WHERE now
}

TEST_F(JoinLockTest, RecheckRerunsLateralSideWithTheNewLeftRow) {
  Ok(*a_, "BEGIN");
  Ok(*a_, "UPDATE ta SET k = 99 WHERE id = 2");
  Ok(*a_, "UPDATE tb SET w = 'new' WHERE id = 1");
  auto f = ExpectWaits(*b_,
                       "SELECT s.id, t.w FROM (SELECT id, k FROM ta) s, "
                       "LATERAL (SELECT w FROM tb WHERE tb.k = s.k) t ORDER BY 1 FOR UPDATE");
  Ok(*a_, "COMMIT");
  auto r = f.get();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(*r), Lines({"1|new"}));
}

TEST_F(JoinLockTest, SharedJoinLocksCoexistAndBlockWriters) {
  Ok(*a_, "BEGIN");
  Ok(*b_, "BEGIN");
  const char* q = "SELECT ta.id FROM ta JOIN tb ON ta.k = tb.k WHERE ta.id = 1 FOR SHARE";
  EXPECT_EQ(Ok(*a_, q).RowCount(), 1u);
  EXPECT_EQ(Ok(*b_, q).RowCount(), 1u);
  auto c = Connect();
  auto u = ExpectWaits(*c, "UPDATE tb SET w = 'x' WHERE id = 1");
  Ok(*a_, "COMMIT");
  EXPECT_TRUE(Blocked(u)) << "b still holds its share lock";
  Ok(*b_, "COMMIT");
  EXPECT_TRUE(u.get().ok());
}

TEST_F(JoinLockTest, SubqueryWithLimitLocksInsideItself) {
  Ok(*a_, "BEGIN");
  QueryResult r = Ok(*a_,
                     "SELECT s.id, tb.w FROM (SELECT * FROM ta ORDER BY id LIMIT 2) s "
                     "JOIN tb ON s.k = tb.k ORDER BY 1 FOR UPDATE");
  EXPECT_EQ(Rows(r), Lines({"1|b1", "2|b2"}));
  auto c = Connect();
  auto u = ExpectWaits(*c, "UPDATE ta SET v = 'x' WHERE id = 2");
  Ok(*b_, "UPDATE ta SET v = 'y' WHERE id = 3");  // beyond the LIMIT: not locked
  Ok(*a_, "COMMIT");
  EXPECT_TRUE(u.get().ok());
}

// PostgreSQL 15 also locks catalog rows; OmenDB refuses with 0A000.
TEST_F(JoinLockTest, CatalogsInFromFailWith0A000WhenLocked) {
  auto r = a_->Execute("SELECT relname FROM pg_class c JOIN ta ON true FOR UPDATE");
  EXPECT_EQ(StateOf(r), "0A000");
  EXPECT_EQ(r.status().message(), "SELECT ... FOR UPDATE is not supported on system catalogs");
  // Not locked by OF: read normally.
  EXPECT_EQ(Ok(*a_,
               "SELECT relname FROM pg_class c, ta WHERE ta.id = 1 AND "
               "c.relname = 'ta' FOR UPDATE OF ta")
                .RowCount(),
            1u);
}

// As in PostgreSQL 15 (whose rewriter pushes the clause into a view through
// its join tree, which a set operation lacks): a UNION view locks nothing.
TEST_F(JoinLockTest, UnionViewLocksNothing) {
  Ok(*a_, "CREATE VIEW vu AS SELECT id FROM ta UNION SELECT id FROM tb");
  Ok(*a_, "BEGIN");
  EXPECT_EQ(Ok(*a_, "SELECT * FROM vu FOR UPDATE").RowCount(), 4u);
  auto u = Async(*b_, "UPDATE ta SET v = 'x' WHERE id = 1");
  ASSERT_FALSE(Blocked(u, 2000));
  EXPECT_TRUE(u.get().ok());
  Ok(*a_, "COMMIT");
}

}  // namespace
}  // namespace omen::test
